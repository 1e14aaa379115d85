//! IPv6 fixed headers (RFC 8200). Extension headers are walked by the printer
//! (and, later, the decoder summary) with [`super::Bytes`].
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Bytes, R};

#[derive(Clone, Copy, Debug)]
pub struct Ipv6View<'a> {
    data: &'a [u8],
    src: &'a [u8; 16],
    dst: &'a [u8; 16],
}

impl<'a> Ipv6View<'a> {
    pub const HEADER_LEN: usize = 40;

    pub fn new_checked(data: &'a [u8]) -> R<Self> {
        let src = data.range(8, 16)?.first_chunk::<16>().ok_or(super::Trunc)?;
        let dst = data
            .range(24, 16)?
            .first_chunk::<16>()
            .ok_or(super::Trunc)?;
        Ok(Ipv6View { data, src, dst })
    }
    pub fn bytes(&self) -> &'a [u8] {
        self.data
    }
    pub fn version(&self) -> u8 {
        self.data.u8_at(0).unwrap_or(0) >> 4
    }
    pub fn flow(&self) -> u32 {
        self.data.be32(0).unwrap_or(0)
    }
    pub fn payload_len(&self) -> u16 {
        self.data.be16(4).unwrap_or(0)
    }
    pub fn next_header(&self) -> u8 {
        self.data.u8_at(6).unwrap_or(0)
    }
    pub fn hop_limit(&self) -> u8 {
        self.data.u8_at(7).unwrap_or(0)
    }
    pub fn src(&self) -> &'a [u8; 16] {
        self.src
    }
    pub fn dst(&self) -> &'a [u8; 16] {
        self.dst
    }
}
