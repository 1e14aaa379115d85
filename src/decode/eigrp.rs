//! EIGRP (RFC 7868 §6): the common header, the TLV header, and the offsets
//! of the TLVs' fields that tcpdump decodes.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::view;

view! {
    /// The common header.
    EigrpView, 20;
    version: u8 = 0; opcode: u8 = 1; checksum: u16 = 2; flags: u32 = 4;
    seq: u32 = 8; ack: u32 = 12; vrid: u16 = 16; asn: u16 = 18;
}

view! {
    /// A TLV's type and length (header included).
    EigrpTlvView, 4;
    kind: u16 = 0; length: u16 = 2;
}

/// TLV types.
pub const GENERAL_PARM: u16 = 0x0001;
pub const SW_VERSION: u16 = 0x0004;
pub const IP_INT: u16 = 0x0102;
pub const IP_EXT: u16 = 0x0103;
pub const AT_INT: u16 = 0x0202;
pub const AT_EXT: u16 = 0x0203;
pub const AT_CABLE_SETUP: u16 = 0x0204;

/// The fixed size of each decoded TLV's value (`sizeof` tcpdump's structs,
/// the first destination byte of the IP route TLVs included).
pub const GENERAL_PARM_LEN: usize = 8;
pub const SW_VERSION_LEN: usize = 4;
pub const IP_INT_LEN: usize = 22;
pub const IP_EXT_LEN: usize = 42;
pub const AT_CABLE_SETUP_LEN: usize = 8;
pub const AT_INT_LEN: usize = 24;
pub const AT_EXT_LEN: usize = 40;
