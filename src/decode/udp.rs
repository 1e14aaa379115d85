//! UDP headers (RFC 768).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Bytes, R};

#[derive(Clone, Copy, Debug)]
pub struct UdpView<'a> {
    data: &'a [u8],
}

impl<'a> UdpView<'a> {
    pub const HEADER_LEN: usize = 8;

    pub fn new_checked(data: &'a [u8]) -> R<Self> {
        data.range(0, Self::HEADER_LEN)?;
        Ok(UdpView { data })
    }
    pub fn src_port(&self) -> u16 {
        self.data.be16(0).unwrap_or(0)
    }
    pub fn dst_port(&self) -> u16 {
        self.data.be16(2).unwrap_or(0)
    }
    /// The length field (header included).
    pub fn length(&self) -> u16 {
        self.data.be16(4).unwrap_or(0)
    }
    pub fn checksum(&self) -> u16 {
        self.data.be16(6).unwrap_or(0)
    }
    /// Whether either port is `port`.
    pub fn has_port(&self, port: u16) -> bool {
        self.src_port() == port || self.dst_port() == port
    }
    /// The captured payload, cut at the length field when it is sane.
    pub fn payload(&self) -> &'a [u8] {
        let p = self.data.get(Self::HEADER_LEN..).unwrap_or_default();
        match usize::from(self.length()) {
            n if n >= Self::HEADER_LEN => p.cap(n - Self::HEADER_LEN),
            _ => p,
        }
    }
}

/// SCTP's common header (RFC 9260): ports, verification tag, checksum; the
/// chunks follow.
#[derive(Clone, Copy, Debug)]
pub struct SctpView<'a> {
    data: &'a [u8],
}

impl<'a> SctpView<'a> {
    pub const HEADER_LEN: usize = 12;

    pub fn new_checked(data: &'a [u8]) -> R<Self> {
        data.range(0, Self::HEADER_LEN)?;
        Ok(SctpView { data })
    }
    pub fn src_port(&self) -> u16 {
        self.data.be16(0).unwrap_or(0)
    }
    pub fn dst_port(&self) -> u16 {
        self.data.be16(2).unwrap_or(0)
    }
    pub fn vtag(&self) -> u32 {
        self.data.be32(4).unwrap_or(0)
    }
    pub fn chunks(&self) -> &'a [u8] {
        self.data.get(Self::HEADER_LEN..).unwrap_or_default()
    }
}
