//! The link-layer headers other than Ethernet that captures start with:
//! Linux cooked v1/v2 (`print-sll.c`), BSD null/loopback (`print-null.c`),
//! Solaris IPNET (`print-ipnet.c`), Linux NFLOG (`print-nflog.c`), and PPP /
//! Cisco HDLC framing (`print-ppp.c`, `print-chdlc.c`).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Bytes, R, view};

view! {
    /// Linux cooked capture v1: packet type, hardware type, address, protocol.
    SllView, 16;
    pkttype: u16 = 0; hatype: u16 = 2; halen: u16 = 4; protocol: u16 = 14;
}

impl<'a> SllView<'a> {
    /// The 8-byte link-address field (its first `halen` bytes are used).
    pub fn addr(&self) -> &'a [u8] {
        self.data.get(6..14).unwrap_or_default()
    }
}

view! {
    /// Linux cooked capture v2: protocol, interface index, hardware type,
    /// packet type, address.
    Sll2View, 20;
    protocol: u16 = 0; ifindex: u32 = 4; hatype: u16 = 8; pkttype: u8 = 10; halen: u8 = 11;
}

impl<'a> Sll2View<'a> {
    pub fn addr(&self) -> &'a [u8] {
        self.data.get(12..20).unwrap_or_default()
    }
}

/// SLL protocol values at or below 1500 that are not Ethernet types.
pub const SLL_P_802_3: u16 = 0x0001;
pub const SLL_P_802_2: u16 = 0x0004;
/// The hardware type of frames with a radiotap header.
pub const ARPHRD_IEEE80211_RADIOTAP: u16 = 803;

/// BSD null/loopback: a 4-byte address family in the capturing host's byte
/// order (DLT_NULL) or network order (DLT_LOOP). tcpdump reads it
/// little-endian and swaps it when the upper half is not zero.
pub fn null_family(data: &[u8]) -> R<u32> {
    let b = data.range(0, 4)?;
    let f = u32::from_le_bytes([b.u8_at(0)?, b.u8_at(1)?, b.u8_at(2)?, b.u8_at(3)?]);
    Ok(if f & 0xffff_0000 != 0 {
        f.swap_bytes()
    } else {
        f
    })
}

/// The BSD address families that carry IP: 2 is IPv4; 24, 28 and 30 are
/// IPv6 (NetBSD/OpenBSD, FreeBSD, Darwin); 10 is Linux's AF_INET6.
pub const NULL_HEADER_LEN: usize = 4;
pub fn null_family_is_ipv6(f: u32) -> bool {
    matches!(f, 24 | 28 | 30)
}

/// Solaris IPNET: a 24-byte header whose second byte is the family
/// (2 IPv4, 26 IPv6).
pub const IPNET_HEADER_LEN: usize = 24;
pub const IPNET_AF_INET: u8 = 2;
pub const IPNET_AF_INET6: u8 = 26;

/// NFLOG (DLT 239): a 4-byte header (family, version, resource id), then
/// type-length-value attributes in host (little-endian) order, up to the
/// payload attribute whose value is the IP packet.
pub const NFLOG_HEADER_LEN: usize = 4;
pub const NFLOG_TLV_LEN: usize = 4;
pub const NFULA_PAYLOAD: u16 = 9;
pub const NFLOG_AF_INET: u8 = 2;
pub const NFLOG_AF_INET6: u8 = 10;

/// The NFLOG payload: its family and its offset in `data`, or `None` when
/// the attributes end (or are cut) before it. Lax: a payload attribute cut
/// by the snapshot still gives its offset.
pub fn nflog_payload(data: &[u8]) -> Option<(u8, usize)> {
    let family = data.u8_at(0).ok()?;
    if data.u8_at(1).ok()? != 0 {
        return None;
    }
    let mut at = NFLOG_HEADER_LEN;
    loop {
        // `GET_HE_U_2` on a little-endian host (tcpdump's reference is x86).
        let mut size = data.le16(at).ok()?;
        if data.le16(at + 2).ok()? == NFULA_PAYLOAD {
            return Some((family, at + NFLOG_TLV_LEN));
        }
        // A u16 in tcpdump: rounding 0xfffd.. up wraps to 0 (then too short).
        if size % 4 != 0 {
            size = size.wrapping_add(4 - size % 4);
        }
        let size = usize::from(size);
        if size < NFLOG_TLV_LEN || !data.has(at, size) {
            return None;
        }
        at += size;
    }
}

/// PPP's protocol numbers for the network layers the decoder follows.
pub const PPP_IP: u16 = 0x0021;
pub const PPP_IPV6: u16 = 0x0057;
pub const PPP_MPLS_UNICAST: u16 = 0x0281;
pub const PPP_MPLS_MULTICAST: u16 = 0x0283;

/// PPP in HDLC-like framing (DLT_PPP, DLT_PPP_SERIAL, PPP over GRE): an
/// optional address/control pair ([`ppp_address`]: 0xff 0x03, or pppd's
/// direction byte before 0x03), then a protocol field of one byte (odd
/// first byte: compressed) or two. The protocol and the header length.
pub fn ppp_header(data: &[u8]) -> R<(u16, usize)> {
    let at = match ppp_address(data.be16(0)?) {
        PppAddress::Absent => 0,
        _ => 2,
    };
    let (proto, n) = ppp_protocol(data.from(at)?)?;
    Ok((proto, at + n))
}

/// Cisco HDLC (DLT_C_HDLC): address, control, then an Ethernet type.
pub const CHDLC_HEADER_LEN: usize = 4;

/// Cisco HDLC's address byte: unicast and broadcast frames.
pub const CHDLC_UNICAST: u8 = 0x0f;
pub const CHDLC_BCAST: u8 = 0x8f;
/// Cisco's SLARP (serial line address resolution) type.
pub const CHDLC_TYPE_SLARP: u16 = 0x8035;

/// The PPP header length DLT_PPP counts as the link layer (`PPP_HDRLEN`).
pub const PPP_HDRLEN: usize = 4;

/// The address/control pair that may start a PPP frame, as tcpdump's
/// `ppp_print` tells them apart: the standard 0xff 0x03, or pppd's
/// direction byte (0x00 in, 0x01 out) before 0x03 (DLT_PPP_PPPD).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PppAddress {
    Standard,
    PppdIn,
    PppdOut,
    /// Address and control compressed away (ACFC): the protocol comes first.
    Absent,
}

/// Which address/control pair the frame's first two bytes `w` are.
pub fn ppp_address(w: u16) -> PppAddress {
    match w {
        0xff03 => PppAddress::Standard,
        0x0003 => PppAddress::PppdIn,
        0x0103 => PppAddress::PppdOut,
        _ => PppAddress::Absent,
    }
}

/// The PPP protocol field at the start of `data`: one byte when that byte
/// is odd (protocol field compression), else two. The value and its length.
pub fn ppp_protocol(data: &[u8]) -> R<(u16, usize)> {
    let first = data.u8_at(0)?;
    if first % 2 == 1 {
        Ok((u16::from(first), 1))
    } else {
        Ok((data.be16(0)?, 2))
    }
}
