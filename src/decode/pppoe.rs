//! PPPoE (RFC 2516): the 6-byte header of discovery (0x8863) and session
//! (0x8864) frames; a session frame carries a PPP protocol field and the
//! network-layer packet after it.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Bytes, R};

#[derive(Clone, Copy, Debug)]
pub struct PppoeView<'a> {
    data: &'a [u8],
}

impl<'a> PppoeView<'a> {
    pub const HEADER_LEN: usize = 6;

    pub fn new_checked(data: &'a [u8]) -> R<Self> {
        data.range(0, Self::HEADER_LEN)?;
        Ok(PppoeView { data })
    }
    pub fn version(&self) -> u8 {
        self.data.u8_at(0).unwrap_or(0) >> 4
    }
    pub fn ptype(&self) -> u8 {
        self.data.u8_at(0).unwrap_or(0) & 0xf
    }
    /// 0 for session data; PADI 0x09, PADO 0x07, PADR 0x19, PADS 0x65,
    /// PADT 0xa7 in discovery.
    pub fn code(&self) -> u8 {
        self.data.u8_at(1).unwrap_or(0)
    }
    pub fn session(&self) -> u16 {
        self.data.be16(2).unwrap_or(0)
    }
    pub fn length(&self) -> u16 {
        self.data.be16(4).unwrap_or(0)
    }
    /// The payload, bounded by the length field and the captured bytes.
    pub fn payload(&self) -> &'a [u8] {
        self.data
            .get(Self::HEADER_LEN..)
            .unwrap_or_default()
            .cap(usize::from(self.length()))
    }
}
