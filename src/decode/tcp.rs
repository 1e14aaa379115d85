//! TCP headers (RFC 9293) and their flag bits. The view proves the 20-byte
//! fixed header; options are read by the printer with [`super::Bytes`].
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Bytes, R};

pub const TH_FIN: u8 = 0x01;
pub const TH_SYN: u8 = 0x02;
pub const TH_RST: u8 = 0x04;
pub const TH_PUSH: u8 = 0x08;
pub const TH_ACK: u8 = 0x10;
pub const TH_URG: u8 = 0x20;
pub const TH_ECE: u8 = 0x40;
pub const TH_CWR: u8 = 0x80;

#[derive(Clone, Copy, Debug)]
pub struct TcpView<'a> {
    data: &'a [u8],
}

impl<'a> TcpView<'a> {
    pub const MIN_LEN: usize = 20;

    pub fn new_checked(data: &'a [u8]) -> R<Self> {
        data.range(0, Self::MIN_LEN)?;
        Ok(TcpView { data })
    }
    pub fn bytes(&self) -> &'a [u8] {
        self.data
    }
    pub fn src_port(&self) -> u16 {
        self.data.be16(0).unwrap_or(0)
    }
    pub fn dst_port(&self) -> u16 {
        self.data.be16(2).unwrap_or(0)
    }
    pub fn seq(&self) -> u32 {
        self.data.be32(4).unwrap_or(0)
    }
    pub fn ack(&self) -> u32 {
        self.data.be32(8).unwrap_or(0)
    }
    pub fn header_len(&self) -> usize {
        usize::from(self.data.u8_at(12).unwrap_or(0) >> 4) * 4
    }
    pub fn flags(&self) -> u8 {
        self.data.u8_at(13).unwrap_or(0)
    }
    pub fn window(&self) -> u16 {
        self.data.be16(14).unwrap_or(0)
    }
    pub fn checksum(&self) -> u16 {
        self.data.be16(16).unwrap_or(0)
    }
    pub fn urgent(&self) -> u16 {
        self.data.be16(18).unwrap_or(0)
    }
}
