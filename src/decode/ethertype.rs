//! Ethernet types (and the other 16-bit protocol numbers that name what
//! follows a link or tunnel header: SLL, GRE, Geneve, SNAP), defined once for
//! the decoder, the printer and the analyzer. The VLAN set is tcpdump's
//! (`ether_common_print`'s loop), not the kernel's.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

pub const IPV4: u16 = 0x0800;
pub const ARP: u16 = 0x0806;
pub const REVARP: u16 = 0x8035;
pub const IPV6: u16 = 0x86dd;
/// 802.1Q customer VLAN tag.
pub const VLAN: u16 = 0x8100;
/// 802.1ad service tag (QinQ).
pub const QINQ: u16 = 0x88a8;
/// Pre-standard QinQ tags some switches send.
pub const QINQ_9100: u16 = 0x9100;
pub const QINQ_9200: u16 = 0x9200;
pub const MPLS: u16 = 0x8847;
pub const MPLS_MULTICAST: u16 = 0x8848;
pub const PPPOE_DISCOVERY: u16 = 0x8863;
pub const PPPOE_SESSION: u16 = 0x8864;
/// 3Com's pre-standard PPPoE discovery and session types (tcpdump's
/// `ETHERTYPE_PPPOED2`/`PPPOES2`).
pub const PPPOE_DISCOVERY_3COM: u16 = 0x3c12;
pub const PPPOE_SESSION_3COM: u16 = 0x3c13;
/// Transparent Ethernet bridging: a whole Ethernet frame follows (GRE, Geneve).
pub const TEB: u16 = 0x6558;
/// ERSPAN type II (and type I, which has no ERSPAN header) inside GRE.
pub const ERSPAN_II: u16 = 0x88be;
/// ERSPAN type III inside GRE.
pub const ERSPAN_III: u16 = 0x22eb;
/// 802.1ah provider backbone bridging: an I-TAG, then the customer frame.
pub const PBB: u16 = 0x88e7;
/// Cisco VN-Tag.
pub const VNTAG: u16 = 0x8926;
/// Cisco FabricPath: 2 bytes (FTag, TTL), then the classical Ethernet frame.
pub const FABRICPATH: u16 = 0x8903;
/// PPP inside GRE version 1 (PPTP).
pub const PPP: u16 = 0x880b;
pub const LOOPBACK: u16 = 0x9000;
/// AppleTalk's DDP (printed only).
pub const ATALK: u16 = 0x809b;
/// AppleTalk ARP (printed only).
pub const AARP: u16 = 0x80f3;
/// Novell IPX (printed only).
pub const IPX: u16 = 0x8137;
/// Network Service Header (printed only).
pub const NSH: u16 = 0x894f;
/// IEEE 1588 PTP (printed only).
pub const PTP: u16 = 0x88f7;
/// IEEE 802.1AB Link Layer Discovery Protocol.
pub const LLDP: u16 = 0x88cc;
/// 802.1X port authentication (EAPOL).
pub const EAPOL: u16 = 0x888e;
/// Realtek's protocols (RRCP, loop detection, DSA tags).
pub const REALTEK: u16 = 0x8899;
/// OSI over Ethernet and Cisco HDLC (`ETHERTYPE_ISO`).
pub const ISO: u16 = 0xfefe;
/// Alteon jumbo frames: an LLC header follows the type.
pub const JUMBO: u16 = 0x8870;
/// BSD trailer-encapsulated IP (ARP's protocol field).
pub const TRAIL: u16 = 0x1000;
/// Values at or below this are an 802.3 length, not a type.
pub const MAX_LENGTH: u16 = 1500;

/// Whether `ty` is one of the VLAN tags tcpdump unwraps in Ethernet frames
/// (`ETHERTYPE_8021Q`, `8021Q9100`, `8021Q9200`, `8021QinQ`).
pub fn is_vlan(ty: u16) -> bool {
    matches!(ty, VLAN | QINQ_9100 | QINQ_9200 | QINQ)
}
