//! Spanning-tree BPDUs (IEEE 802.1D/w/s/aq) behind the LLC SAP 0x42: the
//! offsets of their fields (protocol identifier at 0, version at 2, type at
//! 3, then the configuration BPDU's), which a printer reads one by one:
//! tcpdump's output stops at the first field the capture cut, so there is no
//! fixed header to prove at once.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

/// Offsets in a configuration (or RST/MST) BPDU.
pub mod off {
    pub const FLAGS: usize = 4;
    pub const ROOT_ID: usize = 5;
    pub const ROOT_PATH_COST: usize = 13;
    pub const BRIDGE_ID: usize = 17;
    pub const PORT_ID: usize = 25;
    pub const MESSAGE_AGE: usize = 27;
    pub const MAX_AGE: usize = 29;
    pub const HELLO_TIME: usize = 31;
    pub const FORWARD_DELAY: usize = 33;
    pub const V1_LENGTH: usize = 35;
    /// The whole RST BPDU (`sizeof(struct stp_bpdu_)`).
    pub const RSTP_LEN: usize = 36;
    /// MST: the version 3 length, configuration name, digest, CIST fields
    /// and the first MSTI.
    pub const V3_LEN: usize = 36;
    pub const CONFIG_NAME: usize = 39;
    pub const CONFIG_DIGEST: usize = 73;
    pub const CIST_INT_PATH_COST: usize = 89;
    pub const CIST_BRIDGE_ID: usize = 93;
    pub const CIST_REMAIN_HOPS: usize = 101;
    pub const MSTI: usize = 102;
    pub const MSTI_LEN: usize = 16;
    pub const MSTP_MIN_LEN: usize = 102;
    pub const CONFIG_INFO_LEN: usize = 64;
    pub const SPB_MIN_LEN: usize = 87;
}

/// Protocol versions.
pub const PROTO_REGULAR: u8 = 0;
pub const PROTO_RAPID: u8 = 2;
pub const PROTO_MSTP: u8 = 3;
pub const PROTO_SPB: u8 = 4;
/// BPDU types.
pub const TYPE_CONFIG: u8 = 0;
pub const TYPE_RSTP: u8 = 2;
