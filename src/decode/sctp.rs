//! SCTP's chunks (RFC 9260 §3.2): the chunk header and the fixed parts of
//! the chunks tcpdump decodes (DATA, INIT/INIT ACK, SACK). The common
//! header is [`super::udp::SctpView`].
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::view;

view! {
    /// A chunk's header: type, flags, length (header included, padding not).
    SctpChunkView, 4;
    kind: u8 = 0; flags: u8 = 1; length: u16 = 2;
}

view! {
    /// DATA's fixed part after the chunk header.
    SctpDataView, 12;
    tsn: u32 = 0; stream_id: u16 = 4; stream_seq: u16 = 6; ppid: u32 = 8;
}

view! {
    /// INIT's and INIT ACK's fixed part after the chunk header.
    SctpInitView, 16;
    init_tag: u32 = 0; rwnd: u32 = 4; out_streams: u16 = 8; in_streams: u16 = 10; init_tsn: u32 = 12;
}

view! {
    /// SACK's fixed part after the chunk header; gap blocks (two u16 each)
    /// and duplicate TSNs (u32 each) follow.
    SctpSackView, 12;
    cum_ack: u32 = 0; a_rwnd: u32 = 4; gap_blocks: u16 = 8; dup_tsns: u16 = 10;
}

/// Chunk types.
pub const DATA: u8 = 0;
pub const INIT: u8 = 1;
pub const INIT_ACK: u8 = 2;
pub const SACK: u8 = 3;
/// DATA chunk flags.
pub const DATA_LAST_FRAG: u8 = 0x01;
pub const DATA_FIRST_FRAG: u8 = 0x02;
pub const DATA_UNORDERED: u8 = 0x04;
