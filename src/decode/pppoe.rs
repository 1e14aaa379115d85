//! PPPoE (RFC 2516): the 6-byte header of discovery (0x8863) and session
//! (0x8864) frames; a session frame carries a PPP protocol field and the
//! network-layer packet after it.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Bytes, view};

view! {
    /// A PPPoE header.
    ///
    /// `code`: 0 for session data; PADI 0x09, PADO 0x07, PADR 0x19, PADS 0x65, PADT 0xa7 in discovery.
    PppoeView, 6;
    ver_type: u8 = 0; code: u8 = 1; session: u16 = 2; length: u16 = 4;
}

impl<'a> PppoeView<'a> {
    pub fn version(&self) -> u8 {
        self.ver_type() >> 4
    }
    pub fn ptype(&self) -> u8 {
        self.ver_type() & 0xf
    }
    /// The payload, bounded by the length field and the captured bytes.
    pub fn payload(&self) -> &'a [u8] {
        self.data
            .get(Self::HEADER_LEN..)
            .unwrap_or_default()
            .cap(usize::from(self.length()))
    }
}
