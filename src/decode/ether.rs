//! Ethernet II / 802.3 frames and 802.1Q tags (`print-ether.c` layout).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Bytes, R};

pub const ETHERTYPE_IP: u16 = etherparse::EtherType::IPV4.0;
pub const ETHERTYPE_ARP: u16 = etherparse::EtherType::ARP.0;
pub const ETHERTYPE_REVARP: u16 = 0x8035;
pub const ETHERTYPE_IPV6: u16 = etherparse::EtherType::IPV6.0;
pub const ETHERTYPE_8021Q: u16 = etherparse::EtherType::VLAN_TAGGED_FRAME.0;
pub const ETHERTYPE_8021AD: u16 = etherparse::EtherType::PROVIDER_BRIDGING.0;
pub const ETHERTYPE_QINQ_OLD: u16 = 0x9100;
pub const ETHERTYPE_LOOPBACK: u16 = 0x9000;
/// Values at or below this are an 802.3 length, not a type.
pub const MAX_ETHERNET_LENGTH_VAL: u16 = 1500;

/// Whether an ethertype is one of the VLAN tags tcpdump unwraps.
pub fn is_vlan(t: u16) -> bool {
    matches!(
        t,
        ETHERTYPE_8021Q | ETHERTYPE_8021AD | ETHERTYPE_QINQ_OLD | 0x9200 | 0x9300
    )
}

/// An Ethernet header: destination, source, type/length.
#[derive(Clone, Copy, Debug)]
pub struct EtherView<'a> {
    data: &'a [u8],
}

impl<'a> EtherView<'a> {
    pub const HEADER_LEN: usize = 14;

    pub fn new_checked(data: &'a [u8]) -> R<Self> {
        data.range(0, Self::HEADER_LEN)?;
        Ok(EtherView { data })
    }
    pub fn dst(&self) -> &'a [u8] {
        self.data.get(0..6).unwrap_or_default()
    }
    pub fn src(&self) -> &'a [u8] {
        self.data.get(6..12).unwrap_or_default()
    }
    pub fn ethertype(&self) -> u16 {
        self.data.be16(12).unwrap_or(0)
    }
}
