//! ARP/RARP packets (RFC 826): hardware and protocol address lengths vary, so
//! address fields are located from the header (`print-arp.c`'s macros).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Bytes, R};

#[derive(Clone, Copy, Debug)]
pub struct ArpView<'a> {
    data: &'a [u8],
}

impl<'a> ArpView<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        ArpView { data }
    }
    pub fn hrd(&self) -> R<u16> {
        self.data.be16(0)
    }
    pub fn pro(&self) -> R<u16> {
        self.data.be16(2)
    }
    pub fn hln(&self) -> R<u8> {
        self.data.u8_at(4)
    }
    pub fn pln(&self) -> R<u8> {
        self.data.u8_at(5)
    }
    pub fn op(&self) -> R<u16> {
        self.data.be16(6)
    }
    fn hl(&self) -> usize {
        usize::from(self.hln().unwrap_or(0))
    }
    fn pl(&self) -> usize {
        usize::from(self.pln().unwrap_or(0))
    }
    pub fn sha(&self) -> R<&'a [u8]> {
        self.data.range(8, self.hl())
    }
    pub fn spa(&self) -> R<&'a [u8]> {
        self.data.range(8 + self.hl(), self.pl())
    }
    pub fn tha(&self) -> R<&'a [u8]> {
        self.data.range(8 + self.hl() + self.pl(), self.hl())
    }
    pub fn tpa(&self) -> R<&'a [u8]> {
        self.data.range(8 + 2 * self.hl() + self.pl(), self.pl())
    }
    /// Whether the whole variable part is captured.
    pub fn addrs_present(&self) -> bool {
        self.data.has(8, 2 * self.hl() + 2 * self.pl())
    }
}
