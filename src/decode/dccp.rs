//! DCCP (RFC 4340 §5.1): the generic header, with its short (24-bit) or
//! extended (48-bit, `X` set) sequence number, and the acknowledgement
//! number that follows it in every type but Request and Data.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Bytes, R, view};

view! {
    /// The generic header's first 12 bytes (all of it when `X` is clear).
    ///
    /// `doff`: the data offset in 32-bit words; `ccval_cscov`: CCVal (high
    /// nibble) and CsCov (low); `xtr`: reserved, type (4 bits), `X`.
    DccpView, 12;
    src_port: u16 = 0; dst_port: u16 = 2; doff: u8 = 4; ccval_cscov: u8 = 5;
    checksum: u16 = 6; xtr: u8 = 8;
}

/// Packet types.
pub const REQUEST: u8 = 0;
pub const RESPONSE: u8 = 1;
pub const DATA: u8 = 2;
pub const ACK: u8 = 3;
pub const DATAACK: u8 = 4;
pub const CLOSEREQ: u8 = 5;
pub const CLOSE: u8 = 6;
pub const RESET: u8 = 7;
pub const SYNC: u8 = 8;
pub const SYNCACK: u8 = 9;

impl<'a> DccpView<'a> {
    /// The extended sequence number bit.
    pub fn x(&self) -> bool {
        self.xtr() & 1 != 0
    }
    /// The packet type.
    pub fn kind(&self) -> u8 {
        (self.xtr() >> 1) & 0xf
    }
    pub fn ccval(&self) -> u8 {
        self.ccval_cscov() >> 4
    }
    pub fn cscov(&self) -> u8 {
        self.ccval_cscov() & 0xf
    }
    /// The generic header's length: 16 with `X`, else 12.
    pub fn basic_len(&self) -> usize {
        if self.x() { 16 } else { 12 }
    }
    /// The sequence number (48 bits at 10 with `X`, else 24 bits at 9).
    pub fn seq(&self) -> R<u64> {
        if self.x() {
            be48(self.data, 10)
        } else {
            self.data.be24(9).map(u64::from)
        }
    }
    /// The acknowledgement number after the generic header (48 bits after
    /// 2 reserved bytes with `X`, else 24 bits after 1).
    pub fn ack(&self) -> R<u64> {
        let at = self.basic_len();
        if self.x() {
            be48(self.data, at + 2)
        } else {
            self.data.be24(at + 1).map(u64::from)
        }
    }
}

fn be48(d: &[u8], at: usize) -> R<u64> {
    Ok(u64::from(d.be16(at)?) << 32 | u64::from(d.be32(at + 2)?))
}
