//! NTP (RFC 5905 §7.3): the offsets of a time message's fields and of a
//! control message's (mode 6) header. A printer reads them one by one, as
//! tcpdump's output stops at the first one the capture cut.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

/// Time message offsets.
pub const STATUS: usize = 0;
pub const STRATUM: usize = 1;
pub const POLL: usize = 2;
pub const PRECISION: usize = 3;
pub const ROOT_DELAY: usize = 4;
pub const ROOT_DISPERSION: usize = 8;
pub const REFID: usize = 12;
pub const REF_TS: usize = 16;
pub const ORG_TS: usize = 24;
pub const REC_TS: usize = 32;
pub const XMT_TS: usize = 40;
pub const KEY_ID: usize = 48;
pub const DIGEST: usize = 52;
/// A time message without key or digest.
pub const TIMEMSG_MINLEN: usize = 48;

/// Control message offsets.
pub const CTRL_CONTROL: usize = 1;
pub const CTRL_SEQUENCE: usize = 2;
pub const CTRL_STATUS: usize = 4;
pub const CTRL_ASSOC: usize = 6;
pub const CTRL_OFFSET: usize = 8;
pub const CTRL_COUNT: usize = 10;
pub const CTRLMSG_MINLEN: usize = 12;

/// Modes.
pub const MODE_CONTROL: u8 = 6;

/// Seconds from the NTP era (1900) to the Unix epoch.
pub const JAN_1970: i64 = 2_208_988_800;
