//! IPv4 headers (RFC 791) and the IP protocol numbers the decoder follows.
//! The view proves the 20-byte fixed header; the payload is bounded by both
//! the total-length field and the captured bytes.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::net::Ipv4Addr;

use super::{Bytes, view};

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

view! {
    /// An IPv4 header.
    ///
    /// `frag_field`: Flags and fragment offset.
    Ipv4View, 20;
    version_ihl: u8 = 0; tos: u8 = 1; total_len: u16 = 2; id: u16 = 4; frag_field: u16 = 6;
    ttl: u8 = 8; proto: u8 = 9; checksum: u16 = 10;
}

impl<'a> Ipv4View<'a> {
    pub fn version(&self) -> u8 {
        self.version_ihl() >> 4
    }
    pub fn header_len(&self) -> usize {
        usize::from(self.version_ihl() & 0x0F) * 4
    }
    /// The fragment offset in bytes.
    pub fn frag_offset(&self) -> u32 {
        u32::from(self.frag_field() & IP_OFFMASK) * 8
    }
    pub fn more_fragments(&self) -> bool {
        self.frag_field() & IP_MF != 0
    }
    pub fn src(&self) -> [u8; 4] {
        self.data.array::<4>(12).copied().unwrap_or_default()
    }
    pub fn dst(&self) -> [u8; 4] {
        self.data.array::<4>(16).copied().unwrap_or_default()
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
            .get(Self::HEADER_LEN..)
            .unwrap_or_default()
            .cap(self.header_len().saturating_sub(Self::HEADER_LEN))
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
