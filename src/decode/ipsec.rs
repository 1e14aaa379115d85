//! IPsec: the ESP header (RFC 4303: SPI and sequence number before the
//! encrypted payload, IP protocol 50, also in UDP port 4500 per RFC 3948)
//! and the AH header (RFC 4302: next header, payload length in 32-bit words
//! minus 2, reserved, SPI, sequence number, then the ICV; IP protocol 51).
//! Only offsets: a printer reads the fields one by one, as tcpdump's AH
//! output stops at the first one the capture cut.
//!
//! The protocol numbers are [`super::ip::proto::ESP`] and
//! [`super::ip::proto::AH`].
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

/// ESP's fixed header (`struct newesp`): SPI, then sequence number.
pub mod esp {
    pub const SPI: usize = 0;
    pub const SEQ: usize = 4;
    pub const HEADER_LEN: usize = 8;
}

/// AH's fixed header (`struct ah`), the ICV after it.
pub mod ah {
    pub const NEXT: usize = 0;
    pub const LEN: usize = 1;
    pub const RESERVED: usize = 2;
    pub const SPI: usize = 4;
    pub const SEQ: usize = 8;
    pub const ICV: usize = 12;

    /// The header's length in bytes from its length field (`(len + 2) * 4`,
    /// RFC 4302 §2.2); a field below 1 gives less than the fixed 12 bytes,
    /// which tcpdump takes as it is.
    pub fn header_len(len_field: u8) -> usize {
        (usize::from(len_field) + 2) * 4
    }
}

/// UDP port of ESP and IKE behind a NAT (RFC 3948).
pub const NAT_T_PORT: u16 = 4500;
