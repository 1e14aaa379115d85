//! IPv4 headers (RFC 791) and the IP protocol numbers the decoder follows.
//! The view proves the 20-byte fixed header; the payload is bounded by both
//! the total-length field and the captured bytes.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::net::Ipv4Addr;

use super::{Bytes, R};

pub const IP_MF: u16 = 0x2000;
pub const IP_DF: u16 = 0x4000;
pub const IP_RES: u16 = 0x8000;
pub const IP_OFFMASK: u16 = 0x1FFF;

/// IP protocol numbers (IPv4 protocol, IPv6 next header).
pub mod proto {
    pub const HOPOPTS: u8 = 0;
    pub const ICMP: u8 = 1;
    pub const IGMP: u8 = 2;
    pub const IPIP: u8 = 4;
    pub const TCP: u8 = 6;
    pub const UDP: u8 = 17;
    pub const DCCP: u8 = 33;
    pub const IPV6: u8 = 41;
    pub const ROUTING: u8 = 43;
    pub const FRAGMENT: u8 = 44;
    pub const GRE: u8 = 47;
    pub const ESP: u8 = 50;
    pub const AH: u8 = 51;
    pub const ICMPV6: u8 = 58;
    pub const NONE: u8 = 59;
    pub const DSTOPTS: u8 = 60;
    pub const ND: u8 = 77;
    pub const SCTP: u8 = 132;
    pub const MOBILITY: u8 = 135;
    /// Ethernet inside IPv6 (RFC 8986's IPPROTO_ETHERNET).
    pub const ETHERNET: u8 = 143;
}

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
    /// The fragment offset in bytes.
    pub fn frag_offset(&self) -> u32 {
        u32::from(self.frag_field() & IP_OFFMASK) * 8
    }
    pub fn more_fragments(&self) -> bool {
        self.frag_field() & IP_MF != 0
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
    pub fn src_addr(&self) -> Ipv4Addr {
        Ipv4Addr::from(self.src())
    }
    pub fn dst_addr(&self) -> Ipv4Addr {
        Ipv4Addr::from(self.dst())
    }
    /// The option bytes captured (the header length says how many there are).
    pub fn options(&self) -> &'a [u8] {
        self.data
            .get(Self::MIN_LEN..)
            .unwrap_or_default()
            .cap(self.header_len().saturating_sub(Self::MIN_LEN))
    }
    /// The datagram's length on the wire: the total-length field, or, when
    /// it is 0 (TCP segmentation offload captures), the captured bytes.
    pub fn datagram_len(&self) -> usize {
        match usize::from(self.total_len()) {
            0 => self.data.len(),
            n => n,
        }
    }
    /// The payload: after the header, up to the total length and the
    /// captured bytes.
    pub fn payload(&self) -> &'a [u8] {
        self.data
            .cap(self.datagram_len())
            .get(self.header_len()..)
            .unwrap_or_default()
    }
    /// The payload's length on the wire.
    pub fn payload_len(&self) -> usize {
        self.datagram_len().saturating_sub(self.header_len())
    }
}
