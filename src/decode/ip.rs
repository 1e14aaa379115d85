//! IPv4 headers (RFC 791). The view proves the 20-byte fixed header; options
//! and the payload bound (total length vs captured bytes) are the caller's.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Bytes, R};

pub const IP_MF: u16 = 0x2000;
pub const IP_DF: u16 = 0x4000;
pub const IP_RES: u16 = 0x8000;
pub const IP_OFFMASK: u16 = 0x1FFF;

#[derive(Clone, Copy, Debug)]
pub struct Ipv4View<'a> {
    data: &'a [u8],
}

impl<'a> Ipv4View<'a> {
    pub const MIN_LEN: usize = 20;

    pub fn new_checked(data: &'a [u8]) -> R<Self> {
        data.range(0, Self::MIN_LEN)?;
        Ok(Ipv4View { data })
    }
    pub fn bytes(&self) -> &'a [u8] {
        self.data
    }
    fn b(&self, i: usize) -> u8 {
        self.data.u8_at(i).unwrap_or(0)
    }
    pub fn version(&self) -> u8 {
        self.b(0) >> 4
    }
    pub fn header_len(&self) -> usize {
        usize::from(self.b(0) & 0x0F) * 4
    }
    pub fn tos(&self) -> u8 {
        self.b(1)
    }
    pub fn total_len(&self) -> u16 {
        self.data.be16(2).unwrap_or(0)
    }
    pub fn id(&self) -> u16 {
        self.data.be16(4).unwrap_or(0)
    }
    pub fn frag_field(&self) -> u16 {
        self.data.be16(6).unwrap_or(0)
    }
    pub fn ttl(&self) -> u8 {
        self.b(8)
    }
    pub fn proto(&self) -> u8 {
        self.b(9)
    }
    pub fn checksum(&self) -> u16 {
        self.data.be16(10).unwrap_or(0)
    }
    pub fn src(&self) -> [u8; 4] {
        [self.b(12), self.b(13), self.b(14), self.b(15)]
    }
    pub fn dst(&self) -> [u8; 4] {
        [self.b(16), self.b(17), self.b(18), self.b(19)]
    }
}
