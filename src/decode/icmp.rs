//! ICMP (RFC 792) and ICMPv6 (RFC 4443) headers: type, code, checksum, and
//! for error messages the quoted packet after the 8-byte header.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Bytes, R};

pub const ICMP_UNREACH: u8 = 3;
pub const ICMP6_DST_UNREACH: u8 = 1;

#[derive(Clone, Copy, Debug)]
pub struct IcmpView<'a> {
    data: &'a [u8],
}

impl<'a> IcmpView<'a> {
    /// The type, code and checksum.
    pub const MIN_LEN: usize = 4;
    /// The header before an error's quoted packet.
    pub const ERROR_HEADER_LEN: usize = 8;

    pub fn new_checked(data: &'a [u8]) -> R<Self> {
        data.range(0, Self::MIN_LEN)?;
        Ok(IcmpView { data })
    }
    pub fn bytes(&self) -> &'a [u8] {
        self.data
    }
    pub fn icmp_type(&self) -> u8 {
        self.data.u8_at(0).unwrap_or(0)
    }
    pub fn code(&self) -> u8 {
        self.data.u8_at(1).unwrap_or(0)
    }
    pub fn checksum(&self) -> u16 {
        self.data.be16(2).unwrap_or(0)
    }
    /// What an error message quotes (the offending packet from its IP
    /// header on).
    pub fn quoted(&self) -> R<&'a [u8]> {
        self.data.from(Self::ERROR_HEADER_LEN)
    }
}
