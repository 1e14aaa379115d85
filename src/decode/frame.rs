//! The layered decode of a whole frame: from the link layer (every link type
//! tcpscope reads) through any stack of VLAN/QinQ tags, PBB I-TAGs, VN-Tags,
//! FabricPath, MPLS labels, PPPoE, GRE (over IP or UDP)/ERSPAN, Aruba's
//! 802.11 in GRE, VXLAN, Geneve, Teredo, GTP-U, AYIYA, L2TP (a data
//! message's PPP frame) and IP-in-IP, to
//! IPv4/IPv6 (extension headers walked, fragments noted) and
//! TCP/UDP/ICMP/ICMPv6/SCTP. Lax, in the spirit of etherparse's
//! `LaxSlicedPacket`: it never fails; it keeps every layer it decoded and,
//! when it could not go on, a [`Stop`] saying where and why (bytes ran out,
//! a malformed header, a protocol it does not follow, a later fragment).
//! The analyzer and the JSON output read frames through this; the printer
//! reads the same views layer by layer as tcpdump's printers walk them.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::net::IpAddr;

use arrayvec::ArrayVec;

use super::ether::{EtherView, FabricPathTag, FddiView, Llc, PbbTag, Snap, VlanTag, VnTag};
use super::gre::{self, ErspanView, GreView};
use super::icmp::IcmpView;
use super::ieee80211::{self, AmsduView, Ieee80211View, PpiView, RadiotapView};
use super::ip::{Ipv4View, proto};
use super::ip6::{Ipv6View, Upper};
use super::ipsec;
use super::link::{self, Sll2View, SllView};
use super::mpls::{MplsLabel, MplsPayload};
use super::pppoe::PppoeView;
use super::tcp::TcpView;
use super::tunnel::{self, AyiyaView, GeneveView, GtpView, L2tpView, VxlanView};
use super::udp::{SctpView, UdpView};
use super::{Bytes, arp::ArpView, ethertype};
use crate::packet::LinkType;

/// At most this many layers are decoded (a hostile frame can nest tunnels
/// without end).
pub const MAX_LAYERS: usize = 16;

/// One decoded layer.
#[derive(Clone, Copy, Debug)]
pub enum Layer<'a> {
    Ether(EtherView<'a>),
    Fddi(FddiView<'a>),
    Vlan(VlanTag),
    Pbb(PbbTag),
    VnTag(VnTag),
    FabricPath(FabricPathTag),
    Llc(Llc),
    Sll(SllView<'a>),
    Sll2(Sll2View<'a>),
    /// BSD null/loopback, with its address family.
    Null(u32),
    /// Solaris IPNET, with its address family.
    Ipnet(u8),
    /// Linux NFLOG, with its address family.
    Nflog(u8),
    /// PPP, with its protocol field.
    Ppp(u16),
    /// Cisco HDLC, with its Ethernet type.
    Chdlc(u16),
    Mpls(MplsLabel),
    Pppoe(PppoeView<'a>),
    Gre(GreView<'a>),
    Erspan(ErspanView<'a>),
    Vxlan(VxlanView<'a>),
    Geneve(GeneveView<'a>),
    /// Teredo's headers before the IPv6 packet.
    Teredo,
    Gtp(GtpView<'a>),
    Ayiya(AyiyaView<'a>),
    /// An L2TP data message's header (the PPP frame it carries follows).
    L2tp(L2tpView<'a>),
    /// A radiotap header (link type IEEE802_11_RADIO).
    Radiotap(RadiotapView<'a>),
    Ieee80211(Ieee80211View<'a>),
    /// The first subframe of an 802.11 A-MSDU (the others are not decoded).
    Amsdu(AmsduView<'a>),
    Arp(ArpView<'a>),
    Ipv4(Ipv4View<'a>),
    Ipv6(Ipv6View<'a>, Upper),
    Tcp(TcpView<'a>),
    Udp(UdpView<'a>),
    Icmp(IcmpView<'a>),
    Icmp6(IcmpView<'a>),
    Sctp(SctpView<'a>),
}

/// tcpdump's names for the protocols (its `ndo_protocol`), by [`Layer::kind`].
const LAYER_NAMES: [&str; 35] = [
    "ether",
    "fddi",
    "vlan",
    "pbb",
    "vntag",
    "fabricpath",
    "llc",
    "sll",
    "sll2",
    "null",
    "ipnet",
    "nflog",
    "ppp",
    "chdlc",
    "mpls",
    "pppoe",
    "gre",
    "erspan",
    "vxlan",
    "geneve",
    "teredo",
    "gtp",
    "ayiya",
    "radiotap",
    "802.11",
    "amsdu",
    "arp",
    "ip",
    "ip6",
    "tcp",
    "udp",
    "icmp",
    "icmp6",
    "sctp",
    "l2tp",
];

impl Layer<'_> {
    /// tcpdump's name for the protocol (its `ndo_protocol`).
    pub fn name(&self) -> &'static str {
        LAYER_NAMES.get(self.kind()).copied().unwrap_or_default()
    }

    /// The layer's kind, a number below 35 (one per variant): a stack of
    /// layers as a small key (the packets table's `layers`).
    pub fn kind(&self) -> usize {
        match self {
            Layer::Ether(_) => 0,
            Layer::Fddi(_) => 1,
            Layer::Vlan(_) => 2,
            Layer::Pbb(_) => 3,
            Layer::VnTag(_) => 4,
            Layer::FabricPath(_) => 5,
            Layer::Llc(_) => 6,
            Layer::Sll(_) => 7,
            Layer::Sll2(_) => 8,
            Layer::Null(_) => 9,
            Layer::Ipnet(_) => 10,
            Layer::Nflog(_) => 11,
            Layer::Ppp(_) => 12,
            Layer::Chdlc(_) => 13,
            Layer::Mpls(_) => 14,
            Layer::Pppoe(_) => 15,
            Layer::Gre(_) => 16,
            Layer::Erspan(_) => 17,
            Layer::Vxlan(_) => 18,
            Layer::Geneve(_) => 19,
            Layer::Teredo => 20,
            Layer::Gtp(_) => 21,
            Layer::Ayiya(_) => 22,
            Layer::L2tp(_) => 34,
            Layer::Radiotap(_) => 23,
            Layer::Ieee80211(_) => 24,
            Layer::Amsdu(_) => 25,
            Layer::Arp(_) => 26,
            Layer::Ipv4(_) => 27,
            Layer::Ipv6(..) => 28,
            Layer::Tcp(_) => 29,
            Layer::Udp(_) => 30,
            Layer::Icmp(_) => 31,
            Layer::Icmp6(_) => 32,
            Layer::Sctp(_) => 33,
        }
    }
}

/// Why the decode ended before a transport header's end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopReason {
    /// The captured bytes ran out inside a header.
    Truncated,
    /// A header's fields contradict themselves (a header length below the
    /// minimum, a wrong version).
    Malformed,
    /// A protocol the decoder does not follow (its number).
    Unknown(u32),
    /// An IP fragment other than the first: its payload is no header.
    Fragment,
    /// [`MAX_LAYERS`] layers decoded.
    TooDeep,
}

/// Where the decode ended early.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stop {
    /// tcpdump's name of the protocol whose header could not be decoded
    /// (`[|tcp]`).
    pub protocol: &'static str,
    pub reason: StopReason,
    /// The offset in the frame where that header starts.
    pub offset: usize,
}

/// A frame's layers, outermost first, and where the decode stopped.
#[derive(Clone, Debug, Default)]
pub struct Decoded<'a> {
    layers: ArrayVec<Layer<'a>, MAX_LAYERS>,
    offsets: [u32; MAX_LAYERS],
    stop: Option<Stop>,
    /// The index of the innermost IP layer.
    ip: Option<u8>,
    /// The innermost IP layer's upper protocol, its bytes (from the
    /// transport header on, captured and within the IP length) and its
    /// length on the wire.
    l4: Option<(u8, &'a [u8], usize)>,
    /// The index of the innermost IP layer that is a first fragment (more
    /// fragments follow, offset 0).
    first_fragment: Option<u8>,
    /// The frame was captured whole (its captured length is its length on
    /// the wire).
    whole: bool,
}

/// An IPv4 or IPv6 header.
#[derive(Clone, Copy, Debug)]
pub enum IpLayer<'a> {
    V4(Ipv4View<'a>),
    V6(Ipv6View<'a>, Upper),
}

impl IpLayer<'_> {
    pub fn src(&self) -> IpAddr {
        match self {
            IpLayer::V4(v) => IpAddr::V4(v.src_addr()),
            IpLayer::V6(v, _) => IpAddr::V6(v.src_addr()),
        }
    }
    pub fn dst(&self) -> IpAddr {
        match self {
            IpLayer::V4(v) => IpAddr::V4(v.dst_addr()),
            IpLayer::V6(v, _) => IpAddr::V6(v.dst_addr()),
        }
    }
    /// The upper-layer protocol.
    pub fn protocol(&self) -> u8 {
        match self {
            IpLayer::V4(v) => v.proto(),
            IpLayer::V6(_, u) => u.proto,
        }
    }
    pub fn is_v6(&self) -> bool {
        matches!(self, IpLayer::V6(..))
    }
}

/// Decodes a frame of link type `link`.
pub fn decode(link: LinkType, frame: &[u8], wire_len: usize) -> Decoded<'_> {
    let mut d = Decoded::default();
    d.decode(link, frame, wire_len);
    d
}

impl<'a> Decoded<'a> {
    /// Decodes a frame of link type `link`, `wire_len` bytes on the wire,
    /// into this (empty) value, in place (the hot path: no copy of the
    /// layers on return).
    pub fn decode(&mut self, link: LinkType, frame: &'a [u8], wire_len: usize) {
        let d = self;
        let Some(next) = first_layer(link, frame) else {
            d.stop = Some(Stop {
                protocol: "link",
                reason: StopReason::Unknown(link.0),
                offset: 0,
            });
            return;
        };
        d.whole = frame.len() >= wire_len;
        d.walk(next, frame, 0, wire_len);
    }
}

/// Where a frame of link type `link` starts (`None`: a link type not
/// decoded).
fn first_layer(link: LinkType, frame: &[u8]) -> Option<Next> {
    Some(match link {
        LinkType::EN10MB => Next::Ether,
        LinkType::FDDI => Next::Fddi,
        LinkType::LINUX_SLL => Next::Sll,
        LinkType::LINUX_SLL2 => Next::Sll2,
        LinkType::NULL | LinkType::LOOP => Next::Null,
        LinkType::RAW | LinkType::RAW_OPENBSD | LinkType::IPV4 | LinkType::IPV6 => Next::Ip,
        LinkType::IPNET => Next::Ipnet,
        LinkType::NFLOG => Next::Nflog,
        // DLT_PPP and DLT_PPP_PPPD (pppd's direction byte as address).
        LinkType::PPP | LinkType(166) => Next::Ppp,
        // DLT_PPP_ETHER: a PPPoE header without the Ethernet one.
        LinkType(51) => Next::Type(ethertype::PPPOE_SESSION),
        // `ppp_hdlc_if_print`: Cisco HDLC frames share DLT_PPP_SERIAL.
        LinkType::PPP_SERIAL => match frame.first() {
            Some(&(link::CHDLC_UNICAST | link::CHDLC_BCAST)) => Next::Chdlc,
            _ => Next::Ppp,
        },
        // DLT_C_HDLC and NetBSD's DLT_HDLC (LINKTYPE 112).
        LinkType::C_HDLC | LinkType(112) => Next::Chdlc,
        // DLT_IEEE802_11 (no FCS, as tcpdump reads it) and
        // DLT_IEEE802_11_RADIO.
        LinkType(105) => Next::Ieee80211,
        LinkType(127) => Next::Radiotap,
        // DLT_PRISM_HEADER (or an AVS header under its cookie),
        // DLT_IEEE802_11_RADIO_AVS, DLT_PPI: headers of radio information
        // before the link layer, skipped.
        LinkType(119) => Next::Prism,
        LinkType(163) => Next::Avs,
        LinkType(192) => Next::Ppi,
        _ => return None,
    })
}

/// What follows a Linux cooked header (v1 or v2): a radiotap header for
/// hardware type 803, as tcpdump's `sll_print` has it, else its protocol.
fn cooked_next(hatype: u16, protocol: u16) -> Next {
    if hatype == link::ARPHRD_IEEE80211_RADIOTAP {
        Next::Radiotap
    } else {
        Next::Type(protocol)
    }
}

/// Decodes a packet that starts with its IP header (an ICMP error's quote).
pub fn decode_ip(data: &[u8]) -> Decoded<'_> {
    let mut d = Decoded::default();
    d.walk(Next::Ip, data, 0, data.len());
    d
}

/// What the walk decodes next.
#[derive(Clone, Copy, Debug)]
enum Next {
    Ether,
    /// An 802.2 LLC header (and SNAP).
    Llc,
    Fddi,
    /// The Ethernet type (or 802.3 length) of what follows.
    Type(u16),
    Sll,
    Sll2,
    Null,
    Ipnet,
    Nflog,
    Ppp,
    /// A PPP protocol field's value, the header already read.
    PppProto(u16),
    Chdlc,
    Mpls,
    Ip,
    Ipv4,
    Ipv6,
    /// An IP payload of this protocol.
    Proto(u8),
    /// A GRE header (in IP, or in UDP).
    Gre,
    /// A UDP payload on a tunnel's port (Teredo: its IPv6 packet's offset).
    Vxlan,
    Geneve,
    Teredo(usize),
    Gtp,
    Ayiya,
    L2tp,
    /// A radiotap header, then an 802.11 frame.
    Radiotap,
    /// A Prism header (144 bytes), or an AVS header when it starts with
    /// AVS's cookie; then an 802.11 frame.
    Prism,
    /// An AVS header (its length at offset 4, big-endian); then an 802.11
    /// frame.
    Avs,
    /// A PPI header (its length and the link type that follows,
    /// little-endian).
    Ppi,
    /// An 802.11 MAC header (link type IEEE802_11, after radiotap, Aruba's
    /// GRE).
    Ieee80211,
    /// An 802.11 A-MSDU subframe header.
    Amsdu,
}

impl<'a> Decoded<'a> {
    /// The layers, outermost first.
    pub fn layers(&self) -> &[Layer<'a>] {
        &self.layers
    }
    /// Each layer's offset in the frame.
    pub fn offsets(&self) -> impl Iterator<Item = usize> + '_ {
        self.offsets
            .iter()
            .take(self.layers.len())
            .map(|&o| o as usize)
    }
    pub fn stop(&self) -> Option<Stop> {
        self.stop
    }
    /// The innermost IP header.
    pub fn ip(&self) -> Option<IpLayer<'a>> {
        match self.layers.get(usize::from(self.ip?))? {
            Layer::Ipv4(v) => Some(IpLayer::V4(*v)),
            Layer::Ipv6(v, u) => Some(IpLayer::V6(*v, *u)),
            _ => None,
        }
    }
    /// The transport layer that directly follows the innermost IP header.
    pub fn transport(&self) -> Option<&Layer<'a>> {
        self.layers.get(usize::from(self.ip?) + 1)
    }
    /// The innermost IP's TCP header.
    pub fn tcp(&self) -> Option<TcpView<'a>> {
        match self.transport()? {
            Layer::Tcp(t) => Some(*t),
            _ => None,
        }
    }
    /// The innermost IP layer's upper protocol, the captured bytes from the
    /// transport header on (within the IP length), and the transport's
    /// length on the wire (from the IP header's length fields).
    pub fn l4(&self) -> Option<(u8, &'a [u8], usize)> {
        self.l4
    }
    /// How many bytes of the innermost IP layer's transport (header
    /// included) the packet holds: the captured ones, or all of them (its
    /// wire length) when it travels in the first fragment of an outer
    /// datagram and the frame was captured whole: what is not here then is
    /// in the later fragments (which a reassembler like Zeek's joins), not
    /// cut off by the snapshot length.
    pub fn l4_captured(&self) -> usize {
        let Some((_, bytes, wire)) = self.l4 else {
            return 0;
        };
        match (self.first_fragment, self.ip) {
            (Some(f), Some(ip)) if f < ip && self.whole => wire.max(bytes.len()),
            _ => bytes.len(),
        }
    }

    #[inline]
    fn push(&mut self, layer: Layer<'a>, at: usize) -> bool {
        if let Some(o) = self.offsets.get_mut(self.layers.len()) {
            *o = at as u32;
        }
        match self.layers.try_push(layer) {
            Ok(()) => true,
            Err(e) => {
                self.stop = Some(Stop {
                    protocol: e.element().name(),
                    reason: StopReason::TooDeep,
                    offset: at,
                });
                false
            }
        }
    }

    fn stop_at(&mut self, protocol: &'static str, reason: StopReason, at: usize) {
        self.stop = Some(Stop {
            protocol,
            reason,
            offset: at,
        });
    }

    /// Decodes `data` (which starts at offset `at` of the frame) as `next`,
    /// and on until a stop. `end` is where the bytes on the wire end (frame
    /// offset): the frame's length, shortened by every header that says how
    /// long what it carries is (802.3, PPPoE, IP, UDP), so that an IP
    /// length field claiming more than its carrier does is not believed.
    fn walk(&mut self, mut next: Next, mut data: &'a [u8], mut at: usize, mut end: usize) {
        use StopReason::{Fragment, Malformed, Truncated, Unknown};
        // Radiotap's flag: the 802.11 MAC header is padded to 4 bytes.
        let mut pad80211 = false;
        loop {
            // The protocol name a shortfall here is reported under.
            macro_rules! need {
                ($e:expr, $name:expr) => {
                    match $e {
                        Ok(v) => v,
                        Err(_) => return self.stop_at($name, Truncated, at),
                    }
                };
            }
            macro_rules! layer {
                ($l:expr) => {
                    if !self.push($l, at) {
                        return;
                    }
                };
            }
            let (n, skip) = match next {
                Next::Ether => {
                    let e = need!(EtherView::new_checked(data), "ether");
                    layer!(Layer::Ether(e));
                    (Next::Type(e.ethertype()), EtherView::HEADER_LEN)
                }
                Next::Type(ty) => match ty {
                    ethertype::IPV4 => (Next::Ipv4, 0),
                    ethertype::IPV6 => (Next::Ipv6, 0),
                    t if ethertype::is_vlan(t) => {
                        let v = need!(VlanTag::parse(t, data), "vlan");
                        layer!(Layer::Vlan(v));
                        (Next::Type(v.ethertype), VlanTag::LEN)
                    }
                    ethertype::PBB => {
                        let t = need!(PbbTag::parse(data), "pbb");
                        layer!(Layer::Pbb(t));
                        (Next::Ether, PbbTag::LEN)
                    }
                    ethertype::VNTAG => {
                        let t = need!(VnTag::parse(data), "vntag");
                        layer!(Layer::VnTag(t));
                        (Next::Type(t.ethertype), VnTag::LEN)
                    }
                    ethertype::FABRICPATH => {
                        let t = need!(FabricPathTag::parse(data), "fabricpath");
                        layer!(Layer::FabricPath(t));
                        (Next::Ether, FabricPathTag::LEN)
                    }
                    ethertype::MPLS | ethertype::MPLS_MULTICAST => (Next::Mpls, 0),
                    // 0x3c13: 3Com's pre-standard session type, which
                    // tcpdump's `ethertype_print` also hands to `pppoe_print`
                    // (libpcap's `pppoes` does not match it).
                    ethertype::PPPOE_SESSION | ethertype::PPPOE_SESSION_3COM => {
                        let p = need!(PppoeView::new_checked(data), "pppoe");
                        layer!(Layer::Pppoe(p));
                        data = p.payload();
                        at += PppoeView::HEADER_LEN;
                        end = end.min(at + usize::from(p.length()));
                        (Next::Ppp, 0)
                    }
                    ethertype::PPPOE_DISCOVERY | ethertype::PPPOE_DISCOVERY_3COM => {
                        let p = need!(PppoeView::new_checked(data), "pppoe");
                        layer!(Layer::Pppoe(p));
                        return;
                    }
                    ethertype::TEB => (Next::Ether, 0),
                    ethertype::ARP | ethertype::REVARP => {
                        layer!(Layer::Arp(ArpView::new(data)));
                        return;
                    }
                    t if t <= ethertype::MAX_LENGTH => {
                        // 802.3: the length bounds the frame; LLC (and SNAP) follows.
                        data = data.cap(usize::from(t));
                        end = end.min(at + usize::from(t));
                        (Next::Llc, 0)
                    }
                    t => return self.stop_at("ether", Unknown(u32::from(t)), at),
                },
                Next::Llc => {
                    let l = need!(Llc::parse(data), "llc");
                    layer!(Layer::Llc(l));
                    if l.is_ip() {
                        (Next::Ipv4, l.header_len)
                    } else if l.is_snap() {
                        let snap = need!(
                            Snap::parse(data.get(l.header_len..).unwrap_or_default()),
                            "snap"
                        );
                        match snap.ethertype() {
                            Some(ty) => (Next::Type(ty), l.header_len + Snap::LEN),
                            None => return self.stop_at("snap", Unknown(snap.oui), at),
                        }
                    } else {
                        return self.stop_at("llc", Unknown(u32::from(l.dsap)), at);
                    }
                }
                Next::Fddi => {
                    let f = need!(FddiView::new_checked(data), "fddi");
                    layer!(Layer::Fddi(f));
                    // Only LLC frames carry protocols (frame control 0x50-0x57).
                    if f.frame_control() & 0xf8 != 0x50 {
                        return self.stop_at("fddi", Unknown(u32::from(f.frame_control())), at);
                    }
                    (Next::Llc, FddiView::HEADER_LEN)
                }
                Next::Sll => {
                    let s = need!(SllView::new_checked(data), "sll");
                    layer!(Layer::Sll(s));
                    (cooked_next(s.hatype(), s.protocol()), SllView::HEADER_LEN)
                }
                Next::Sll2 => {
                    let s = need!(Sll2View::new_checked(data), "sll2");
                    layer!(Layer::Sll2(s));
                    (cooked_next(s.hatype(), s.protocol()), Sll2View::HEADER_LEN)
                }
                Next::Null => {
                    let f = need!(link::null_family(data), "null");
                    layer!(Layer::Null(f));
                    let n = match f {
                        2 => Next::Ipv4,
                        10 => Next::Ipv6,
                        f if link::null_family_is_ipv6(f) => Next::Ipv6,
                        f => return self.stop_at("null", Unknown(f), at),
                    };
                    (n, link::NULL_HEADER_LEN)
                }
                Next::Ipnet => {
                    need!(data.range(0, link::IPNET_HEADER_LEN), "ipnet");
                    let f = need!(data.u8_at(1), "ipnet");
                    layer!(Layer::Ipnet(f));
                    let n = match f {
                        link::IPNET_AF_INET => Next::Ipv4,
                        link::IPNET_AF_INET6 => Next::Ipv6,
                        f => return self.stop_at("ipnet", Unknown(u32::from(f)), at),
                    };
                    (n, link::IPNET_HEADER_LEN)
                }
                Next::Nflog => {
                    let f = need!(data.u8_at(0), "nflog");
                    let Some((family, off)) = link::nflog_payload(data) else {
                        return self.stop_at("nflog", Truncated, at);
                    };
                    layer!(Layer::Nflog(f));
                    let n = match family {
                        link::NFLOG_AF_INET => Next::Ipv4,
                        link::NFLOG_AF_INET6 => Next::Ipv6,
                        f => return self.stop_at("nflog", Unknown(u32::from(f)), at),
                    };
                    (n, off)
                }
                Next::Ppp => {
                    let (p, len) = need!(link::ppp_header(data), "ppp");
                    layer!(Layer::Ppp(p));
                    (Next::PppProto(p), len)
                }
                Next::PppProto(p) => match p {
                    link::PPP_IP => (Next::Ipv4, 0),
                    link::PPP_IPV6 => (Next::Ipv6, 0),
                    link::PPP_MPLS_UNICAST | link::PPP_MPLS_MULTICAST => (Next::Mpls, 0),
                    p => return self.stop_at("ppp", Unknown(u32::from(p)), at),
                },
                Next::Chdlc => {
                    need!(data.range(0, link::CHDLC_HEADER_LEN), "chdlc");
                    let ty = need!(data.be16(2), "chdlc");
                    layer!(Layer::Chdlc(ty));
                    (Next::Type(ty), link::CHDLC_HEADER_LEN)
                }
                Next::Mpls => {
                    let l = need!(MplsLabel::parse(data), "mpls");
                    layer!(Layer::Mpls(l));
                    if !l.bottom() {
                        (Next::Mpls, MplsLabel::LEN)
                    } else {
                        let rest = data.get(MplsLabel::LEN..).unwrap_or_default();
                        match super::mpls::payload_kind(l.label(), rest.first().copied()) {
                            MplsPayload::Ipv4 => (Next::Ipv4, MplsLabel::LEN),
                            MplsPayload::Ipv6 => (Next::Ipv6, MplsLabel::LEN),
                            MplsPayload::EthernetPw => (Next::Ether, MplsLabel::LEN + 4),
                            MplsPayload::Unknown => {
                                return self.stop_at("mpls", Unknown(l.label()), at);
                            }
                        }
                    }
                }
                Next::Ip => match need!(data.u8_at(0), "raw") >> 4 {
                    4 => (Next::Ipv4, 0),
                    6 => (Next::Ipv6, 0),
                    v => return self.stop_at("raw", Unknown(u32::from(v)), at),
                },
                Next::Ipv4 => {
                    let ip = need!(Ipv4View::new_checked(data), "ip");
                    let hl = ip.header_len();
                    if ip.version() != 4 || hl < Ipv4View::HEADER_LEN {
                        return self.stop_at("ip", Malformed, at);
                    }
                    self.ip = Some(self.layers.len() as u8);
                    layer!(Layer::Ipv4(ip));
                    let payload = ip.payload();
                    // The datagram's wire length: its total length, but not
                    // past its carrier; a total length of 0 (segmentation
                    // offload) is the carrier's.
                    let room = end.saturating_sub(at);
                    let dgram = match usize::from(ip.total_len()) {
                        0 => room,
                        n => n.min(room),
                    };
                    end = at + dgram;
                    self.l4 = Some((ip.proto(), payload, dgram.saturating_sub(hl)));
                    if ip.frag_offset() != 0 {
                        return self.stop_at("ip", Fragment, at + hl);
                    }
                    if ip.more_fragments() {
                        // A first fragment: what it carries is as long as
                        // the reassembled datagram (at most 65535 bytes),
                        // whose length its own headers tell (UDP, inner IP).
                        end = at + usize::from(u16::MAX);
                        self.first_fragment = self.ip;
                    }
                    data = payload;
                    at += hl;
                    (Next::Proto(ip.proto()), 0)
                }
                Next::Ipv6 => {
                    let ip = need!(Ipv6View::new_checked(data), "ip6");
                    if ip.version() != 6 {
                        return self.stop_at("ip6", Malformed, at);
                    }
                    let up = need!(ip.upper(), "ip6");
                    self.ip = Some(self.layers.len() as u8);
                    layer!(Layer::Ipv6(ip, up));
                    let d = ip.datagram();
                    let payload = d.get(up.offset..).unwrap_or_default();
                    let room = end.saturating_sub(at);
                    let dgram = match usize::from(ip.payload_len()) {
                        0 => room,
                        n => (n + Ipv6View::HEADER_LEN).min(room),
                    };
                    end = at + dgram;
                    self.l4 = Some((up.proto, payload, dgram.saturating_sub(up.offset)));
                    match up.fragment {
                        Some((off, _)) if off != 0 => {
                            return self.stop_at("ip6", Fragment, at + up.offset);
                        }
                        // A first fragment (see IPv4).
                        Some((_, true)) => {
                            end = at + Ipv6View::HEADER_LEN + usize::from(u16::MAX);
                            self.first_fragment = self.ip;
                        }
                        _ => {}
                    }
                    data = payload;
                    at += up.offset;
                    (Next::Proto(up.proto), 0)
                }
                Next::Proto(p) => {
                    let v6 = matches!(self.layers.last(), Some(Layer::Ipv6(..)));
                    match p {
                        proto::TCP => {
                            let t = need!(TcpView::new_checked(data), "tcp");
                            if t.header_len() < TcpView::HEADER_LEN {
                                return self.stop_at("tcp", Malformed, at);
                            }
                            layer!(Layer::Tcp(t));
                            return;
                        }
                        proto::UDP => {
                            let u = need!(UdpView::new_checked(data), "udp");
                            layer!(Layer::Udp(u));
                            let payload = u.payload();
                            let wire = match usize::from(u.length()) {
                                n if n >= UdpView::HEADER_LEN => {
                                    end = end.min(at + n);
                                    n - UdpView::HEADER_LEN
                                }
                                _ => payload.len(),
                            };
                            let n = if u.has_port(tunnel::VXLAN_PORT) {
                                Next::Vxlan
                            } else if u.has_port(tunnel::GENEVE_PORT) {
                                Next::Geneve
                            } else if u.has_port(tunnel::GTP_U_PORT) {
                                Next::Gtp
                            } else if u.has_port(tunnel::AYIYA_PORT) {
                                Next::Ayiya
                            } else if u.has_port(tunnel::GRE_UDP_PORT) {
                                Next::Gre
                            } else if u.has_port(tunnel::L2TP_PORT) {
                                Next::L2tp
                            } else if u.has_port(tunnel::TEREDO_PORT) {
                                match tunnel::teredo_ipv6_offset(payload) {
                                    Some(off) => Next::Teredo(off),
                                    None => return,
                                }
                            } else if let Some(off) = tunnel::teredo_detect(payload, wire) {
                                Next::Teredo(off)
                            } else {
                                return;
                            };
                            data = payload;
                            at += UdpView::HEADER_LEN;
                            (n, 0)
                        }
                        proto::ICMP if !v6 => {
                            let i = need!(IcmpView::new_checked(data), "icmp");
                            layer!(Layer::Icmp(i));
                            return;
                        }
                        proto::ICMPV6 if v6 => {
                            let i = need!(IcmpView::new_checked(data), "icmp6");
                            layer!(Layer::Icmp6(i));
                            return;
                        }
                        proto::SCTP => {
                            let s = need!(SctpView::new_checked(data), "sctp");
                            layer!(Layer::Sctp(s));
                            return;
                        }
                        // IPv4's AH (RFC 4302): stepped over to what it
                        // protects, as the IPv6 walk (`ip6::upper`) steps
                        // over it among the extension headers; the upper
                        // layer is then the one after it. tcpdump prints
                        // that layer too (`ip_demux_print`).
                        proto::AH if !v6 => {
                            let nh = need!(data.u8_at(ipsec::ah::NEXT), "ah");
                            let len =
                                ipsec::ah::header_len(need!(data.u8_at(ipsec::ah::LEN), "ah"));
                            need!(data.range(0, len), "ah");
                            let rest = data.get(len..).unwrap_or_default();
                            if let Some((_, _, wire)) = self.l4 {
                                self.l4 = Some((nh, rest, wire.saturating_sub(len)));
                            }
                            (Next::Proto(nh), len)
                        }
                        proto::GRE => (Next::Gre, 0),
                        proto::IPIP => (Next::Ipv4, 0),
                        proto::IPV6 => (Next::Ipv6, 0),
                        proto::ETHERNET if v6 => (Next::Ether, 0),
                        p => return self.stop_at("ip", Unknown(u32::from(p)), at),
                    }
                }
                Next::Gre => {
                    let g = need!(GreView::new_checked(data), "gre");
                    layer!(Layer::Gre(g));
                    let hl = g.header_len();
                    match g.protocol() {
                        ethertype::ERSPAN_II | ethertype::ERSPAN_III => {
                            let e = need!(ErspanView::new_checked(&g), "erspan");
                            at += hl;
                            layer!(Layer::Erspan(e));
                            data = g.payload();
                            (Next::Ether, e.header_len())
                        }
                        ethertype::PPP => (Next::Ppp, hl),
                        ty if g.version() == 0 && gre::is_aruba_wlan(ty) => (Next::Ieee80211, hl),
                        ty => (Next::Type(ty), hl),
                    }
                }
                Next::Vxlan => {
                    let v = need!(VxlanView::new_checked(data), "vxlan");
                    layer!(Layer::Vxlan(v));
                    (Next::Ether, VxlanView::HEADER_LEN)
                }
                Next::Geneve => {
                    let g = need!(GeneveView::new_checked(data), "geneve");
                    layer!(Layer::Geneve(g));
                    (Next::Type(g.protocol()), g.header_len())
                }
                Next::Teredo(off) => {
                    layer!(Layer::Teredo);
                    (Next::Ipv6, off)
                }
                Next::Gtp => {
                    let g = need!(GtpView::new_checked(data), "gtp");
                    if g.version() != 1 {
                        return self.stop_at("gtp", Malformed, at);
                    }
                    let Some(hl) = need!(g.header_len(), "gtp") else {
                        return self.stop_at("gtp", Malformed, at);
                    };
                    layer!(Layer::Gtp(g));
                    if g.protocol_type() == 0 {
                        // GTP' (charging data): no user packets.
                        return self.stop_at("gtp", Unknown(u32::from(g.flags())), at);
                    }
                    if g.msg_type() != tunnel::GTP_T_PDU {
                        // Signalling (echo, error indication, end marker).
                        return;
                    }
                    // The length counts what follows the first 8 bytes.
                    let len = GtpView::HEADER_LEN + usize::from(g.length());
                    if len >= hl {
                        data = data.cap(len);
                        end = end.min(at + len);
                    }
                    let n = match need!(data.u8_at(hl), "gtp") >> 4 {
                        4 => Next::Ipv4,
                        6 => Next::Ipv6,
                        v => return self.stop_at("gtp", Unknown(u32::from(v)), at),
                    };
                    (n, hl)
                }
                Next::Ayiya => {
                    let a = need!(AyiyaView::new_checked(data), "ayiya");
                    let hl = a.header_len();
                    need!(data.range(0, hl), "ayiya");
                    layer!(Layer::Ayiya(a));
                    if a.opcode() != tunnel::AYIYA_OP_FORWARD {
                        // Heartbeats and queries carry no packet.
                        return;
                    }
                    match a.next_header() {
                        proto::IPIP => (Next::Ipv4, hl),
                        proto::IPV6 => (Next::Ipv6, hl),
                        p => return self.stop_at("ayiya", Unknown(u32::from(p)), at),
                    }
                }
                Next::L2tp => {
                    let l = need!(L2tpView::new_checked(data), "l2tp");
                    if l.version() != 2 {
                        // L2F, or not L2TP: tcpdump names it and stops.
                        return self.stop_at("l2tp", Unknown(u32::from(l.version())), at);
                    }
                    need!(l.session(), "l2tp");
                    layer!(Layer::L2tp(l));
                    if l.is_control() {
                        // Control messages (AVPs) carry no user packet.
                        return;
                    }
                    let body = need!(l.body_at(), "l2tp");
                    if let Some(len) = need!(l.length(), "l2tp") {
                        let len = usize::from(len);
                        if len < body {
                            return self.stop_at("l2tp", Malformed, at);
                        }
                        data = data.cap(len);
                        end = end.min(at + len);
                    }
                    (Next::Ppp, body)
                }
                Next::Radiotap => {
                    let Some(r) = need!(RadiotapView::new_checked(data), "radiotap") else {
                        return self.stop_at("radiotap", Malformed, at);
                    };
                    layer!(Layer::Radiotap(r));
                    let flags = r.flags();
                    if flags & ieee80211::RADIOTAP_F_FCS != 0 {
                        // The FCS ends the frame on the wire (tcpdump's
                        // `fcslen`): not part of what the frame carries.
                        end = end.saturating_sub(4);
                    }
                    pad80211 = flags & ieee80211::RADIOTAP_F_DATAPAD != 0;
                    (Next::Ieee80211, r.header_len())
                }
                Next::Prism => {
                    if ieee80211::is_avs_cookie(need!(data.be32(0), "prism")) {
                        (Next::Avs, 0)
                    } else {
                        need!(data.range(0, ieee80211::PRISM_HEADER_LEN), "prism");
                        (Next::Ieee80211, ieee80211::PRISM_HEADER_LEN)
                    }
                }
                Next::Avs => {
                    let Some(len) = need!(ieee80211::avs_header_len(data), "802.11_radio_avs")
                    else {
                        return self.stop_at("802.11_radio_avs", Malformed, at);
                    };
                    need!(data.range(0, len), "802.11_radio_avs");
                    (Next::Ieee80211, len)
                }
                Next::Ppi => {
                    let h = need!(PpiView::new_checked(data), "ppi");
                    if !h.len_valid() {
                        return self.stop_at("ppi", Malformed, at);
                    }
                    let inner = data.get(h.header_len()..).unwrap_or_default();
                    match first_layer(LinkType(h.dlt()), inner) {
                        Some(Next::Ppi) | None => {
                            return self.stop_at("ppi", Unknown(h.dlt()), at);
                        }
                        Some(n) => {
                            need!(data.range(0, h.header_len()), "ppi");
                            (n, h.header_len())
                        }
                    }
                }
                Next::Ieee80211 => {
                    let w = need!(Ieee80211View::new_checked(data), "802.11");
                    let mut hl = w.header_len();
                    if pad80211 {
                        hl = hl.next_multiple_of(4);
                    }
                    need!(data.range(0, hl), "802.11");
                    layer!(Layer::Ieee80211(w));
                    if w.frame_type() != ieee80211::TYPE_DATA {
                        // Management and control frames carry no packets.
                        let fc = u32::from(w.frame_control());
                        return self.stop_at("802.11", Unknown(fc), at);
                    }
                    if !w.has_data() {
                        return;
                    }
                    if w.fragment() != 0 {
                        return self.stop_at("802.11", Fragment, at + hl);
                    }
                    if w.protected() {
                        // Encrypted: the body is no LLC header.
                        let flags = u32::from(w.flags());
                        return self.stop_at("802.11", Unknown(flags), at);
                    }
                    if w.amsdu() {
                        (Next::Amsdu, hl)
                    } else {
                        (Next::Llc, hl)
                    }
                }
                Next::Amsdu => {
                    let a = need!(AmsduView::new_checked(data), "amsdu");
                    layer!(Layer::Amsdu(a));
                    data = a.payload();
                    at += AmsduView::HEADER_LEN;
                    end = end.min(at + usize::from(a.length()));
                    (Next::Llc, 0)
                }
            };
            next = n;
            data = data.get(skip..).unwrap_or_default();
            at += skip;
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing, clippy::unwrap_used)]
    use super::*;

    fn eth(ty: u16, payload: &[u8]) -> Vec<u8> {
        let mut f = vec![2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1];
        f.extend_from_slice(&ty.to_be_bytes());
        f.extend_from_slice(payload);
        f
    }

    /// An IPv4 header (no options, not a fragment unless `mf`) and payload.
    fn ipv4_mf(proto: u8, payload: &[u8], mf: bool, total: usize) -> Vec<u8> {
        let mut h = vec![0x45, 0];
        h.extend_from_slice(&(total as u16).to_be_bytes());
        h.extend_from_slice(&[0, 1, if mf { 0x20 } else { 0x40 }, 0, 64, proto, 0, 0]);
        h.extend_from_slice(&[10, 0, 0, 1, 10, 0, 0, 2]);
        h.extend_from_slice(payload);
        h
    }

    fn ipv4(proto: u8, payload: &[u8]) -> Vec<u8> {
        ipv4_mf(proto, payload, false, 20 + payload.len())
    }

    fn ipv6_from(src: [u8; 16], dst: [u8; 16], next: u8, payload: &[u8]) -> Vec<u8> {
        let mut h = vec![0x60, 0, 0, 0];
        h.extend_from_slice(&(payload.len() as u16).to_be_bytes());
        h.extend_from_slice(&[next, 64]);
        h.extend_from_slice(&src);
        h.extend_from_slice(&dst);
        h.extend_from_slice(payload);
        h
    }

    const FD1: [u8; 16] = [0xfd, 0x89, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    const FD2: [u8; 16] = [0xfd, 0x89, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];
    /// A Teredo client address (2001:0::/32).
    const TEREDO: [u8; 16] = [
        0x20, 1, 0, 0, 0xc0, 0, 2, 0x2d, 0, 0, 0x63, 0xbf, 0x34, 0xff, 0x8e, 0xf8,
    ];

    fn ipv6(next: u8, payload: &[u8]) -> Vec<u8> {
        ipv6_from(FD1, FD2, next, payload)
    }

    fn udp(sport: u16, dport: u16, payload: &[u8]) -> Vec<u8> {
        let mut h = Vec::new();
        h.extend_from_slice(&sport.to_be_bytes());
        h.extend_from_slice(&dport.to_be_bytes());
        h.extend_from_slice(&(8 + payload.len() as u16).to_be_bytes());
        h.extend_from_slice(&[0, 0]);
        h.extend_from_slice(payload);
        h
    }

    /// A TCP header (ACK, no options) and `n` payload bytes.
    fn tcp(n: usize) -> Vec<u8> {
        let mut h = vec![
            0xa0, 0x8d, 0x1f, 0xa5, 0, 0, 0, 1, 0, 0, 0, 1, 0x50, 0x10, 0xff, 0xff,
        ];
        h.extend_from_slice(&[0, 0, 0, 0]);
        h.extend(std::iter::repeat_n(b'x', n));
        h
    }

    /// IPv4 carrying a TCP segment with 4 bytes of payload.
    fn inner4() -> Vec<u8> {
        ipv4(6, &tcp(4))
    }

    fn gtp(flags: u8, msg: u8, opt_ext: &[u8], payload: &[u8]) -> Vec<u8> {
        let mut h = vec![flags, msg];
        h.extend_from_slice(&((opt_ext.len() + payload.len()) as u16).to_be_bytes());
        h.extend_from_slice(&0x0102_0304u32.to_be_bytes());
        h.extend_from_slice(opt_ext);
        h.extend_from_slice(payload);
        h
    }

    fn over_udp(sport: u16, dport: u16, payload: &[u8]) -> Vec<u8> {
        eth(0x0800, &ipv4(17, &udp(sport, dport, payload)))
    }

    fn names(d: &Decoded<'_>) -> Vec<&'static str> {
        d.layers().iter().map(Layer::name).collect()
    }

    /// Decodes `frame`, checks its layers' names and where it stopped, and
    /// that every shorter capture of it decodes without panicking into the
    /// same layers or fewer, stopping (if at all) where the whole frame
    /// does or because the bytes ran out; and that changing any byte does
    /// not panic.
    fn check(frame: &[u8], want: &[&str], stop: Option<(&str, StopReason)>) {
        let d = decode(LinkType::EN10MB, frame, frame.len());
        assert_eq!(names(&d), want, "{frame:02x?}");
        assert_eq!(
            d.stop().map(|s| (s.protocol, s.reason)),
            stop,
            "{frame:02x?}"
        );
        for n in 0..frame.len() {
            let d = decode(LinkType::EN10MB, &frame[..n], frame.len());
            let got = names(&d);
            assert!(want.starts_with(&got), "{n}: {got:?}");
            let reason = d.stop().map(|s| s.reason);
            assert!(
                reason.is_none()
                    || reason == Some(StopReason::Truncated)
                    || reason == stop.map(|s| s.1),
                "{n}: {got:?} {reason:?}"
            );
        }
        // Any byte changed: no panic, and the layers stay bounded.
        let mut f = frame.to_vec();
        for i in 0..f.len() {
            let old = f[i];
            for v in [0, 1, 0x0f, 0x40, 0x7f, 0x80, 0xff] {
                f[i] = v;
                let d = decode(LinkType::EN10MB, &f, f.len());
                assert!(d.layers().len() <= MAX_LAYERS);
            }
            f[i] = old;
        }
    }

    const TCP4: [&str; 6] = ["ether", "ip", "udp", "gtp", "ip", "tcp"];

    #[test]
    fn gtp_u_headers() {
        // Mandatory header only, S flag (12 bytes: sequence, N-PDU, next type).
        check(
            &over_udp(2152, 2152, &gtp(0x30, 0xff, &[], &inner4())),
            &TCP4,
            None,
        );
        check(
            &over_udp(40000, 2152, &gtp(0x32, 0xff, &[0, 7, 0, 0], &inner4())),
            &TCP4,
            None,
        );
        // E flag: a PDU session container (0x85, 4 bytes), then a 8-byte one.
        let ext = [0, 0, 0, 0x85, 1, 0x10, 0x09, 0x40, 2, 1, 2, 3, 4, 5, 6, 0];
        let f = over_udp(2152, 2152, &gtp(0x34, 0xff, &ext, &inner4()));
        check(&f, &TCP4, None);
        let d = decode(LinkType::EN10MB, &f, f.len());
        assert_eq!(d.offsets().nth(4), Some(14 + 20 + 8 + 8 + 4 + 12));
        // IPv6 inside.
        let f = over_udp(2152, 2152, &gtp(0x30, 0xff, &[], &ipv6(6, &tcp(0))));
        check(&f, &["ether", "ip", "udp", "gtp", "ip6", "tcp"], None);
    }

    #[test]
    fn gtp_u_stops() {
        use StopReason::*;
        let gtp_only = ["ether", "ip", "udp", "gtp"];
        // An extension header of length 0 would never end.
        let ext = [0, 0, 0, 0x85, 0, 0, 0, 0];
        let f = over_udp(2152, 2152, &gtp(0x34, 0xff, &ext, &inner4()));
        check(&f, &["ether", "ip", "udp"], Some(("gtp", Malformed)));
        // The extension chain runs past the capture.
        let ext = [0, 0, 0, 0x85, 3, 0, 0, 0];
        let f = over_udp(2152, 2152, &gtp(0x34, 0xff, &ext, &[]));
        check(&f, &["ether", "ip", "udp"], Some(("gtp", Truncated)));
        // Cut inside the mandatory header, inside the optional fields.
        let f = over_udp(2152, 2152, &[0x30, 0xff, 0, 0, 0, 0]);
        check(&f, &["ether", "ip", "udp"], Some(("gtp", Truncated)));
        let f = over_udp(2152, 2152, &[0x32, 0xff, 0, 4, 0, 0, 0, 1, 0, 0]);
        check(&f, &["ether", "ip", "udp"], Some(("gtp", Truncated)));
        // A T-PDU with nothing after the header.
        let f = over_udp(2152, 2152, &gtp(0x30, 0xff, &[], &[]));
        check(&f, &gtp_only, Some(("gtp", Truncated)));
        // Version 2, GTP' (protocol type 0), not IP inside.
        let f = over_udp(2152, 2152, &gtp(0x48, 0xff, &[], &inner4()));
        check(&f, &["ether", "ip", "udp"], Some(("gtp", Malformed)));
        let f = over_udp(2152, 2152, &gtp(0x20, 0xff, &[], &inner4()));
        check(&f, &gtp_only, Some(("gtp", Unknown(0x20))));
        let f = over_udp(2152, 2152, &gtp(0x30, 0xff, &[], &[0x50; 24]));
        check(&f, &gtp_only, Some(("gtp", Unknown(5))));
        // An echo request carries no packet: decoded whole.
        let f = over_udp(2152, 2152, &gtp(0x32, 0x01, &[0, 1, 0, 0], &[]));
        check(&f, &gtp_only, None);
        // GTPv1 on another port is not guessed.
        let f = over_udp(2153, 2154, &gtp(0x30, 0xff, &[], &inner4()));
        check(&f, &["ether", "ip", "udp"], None);
    }

    /// An AYIYA header: identity 2^`id` bytes, signature `sig` words,
    /// operation `op`, next header `next`.
    fn ayiya(id: u8, sig: u8, op: u8, next: u8, payload: &[u8]) -> Vec<u8> {
        let mut h = vec![
            id << 4 | 1,
            sig << 4 | 2,
            0x10 | op,
            next,
            0x4a,
            0xf6,
            0x4b,
            0xfd,
        ];
        h.extend(std::iter::repeat_n(0x20, (1 << id) + 4 * usize::from(sig)));
        h.extend_from_slice(payload);
        h
    }

    #[test]
    fn ayiya_headers_and_stops() {
        use StopReason::*;
        let f = over_udp(53859, 5072, &ayiya(4, 5, 1, 41, &ipv6(6, &tcp(10))));
        check(&f, &["ether", "ip", "udp", "ayiya", "ip6", "tcp"], None);
        let d = decode(LinkType::EN10MB, &f, f.len());
        assert_eq!(d.offsets().nth(4), Some(14 + 20 + 8 + 8 + 16 + 20));
        let f = over_udp(5072, 1000, &ayiya(0, 0, 1, 4, &inner4()));
        check(&f, &["ether", "ip", "udp", "ayiya", "ip", "tcp"], None);
        // A heartbeat (operation 0) carries no packet.
        let f = over_udp(53859, 5072, &ayiya(4, 5, 0, 59, &[]));
        check(&f, &["ether", "ip", "udp", "ayiya"], None);
        let f = over_udp(53859, 5072, &ayiya(4, 5, 1, 17, &[0; 8]));
        check(
            &f,
            &["ether", "ip", "udp", "ayiya"],
            Some(("ayiya", Unknown(17))),
        );
        // The identity runs past the capture.
        let f = over_udp(53859, 5072, &ayiya(4, 5, 1, 41, &[])[..20]);
        check(&f, &["ether", "ip", "udp"], Some(("ayiya", Truncated)));
    }

    #[test]
    fn gre_in_udp() {
        use StopReason::*;
        let mut g = vec![0, 0, 0x08, 0x00];
        g.extend_from_slice(&inner4());
        let f = over_udp(36527, 4754, &g);
        check(&f, &["ether", "ip", "udp", "gre", "ip", "tcp"], None);
        let f = over_udp(36527, 4754, &[0, 0, 0x08]);
        check(&f, &["ether", "ip", "udp"], Some(("gre", Truncated)));
        // Key present but cut.
        let f = over_udp(36527, 4754, &[0x20, 0, 0x08, 0, 0, 0]);
        check(&f, &["ether", "ip", "udp"], Some(("gre", Truncated)));
    }

    #[test]
    fn fabricpath() {
        use StopReason::*;
        let inner = eth(0x0800, &inner4());
        let mut cfp = vec![0, 0x05];
        cfp.extend_from_slice(&inner);
        let f = eth(ethertype::FABRICPATH, &cfp);
        check(&f, &["ether", "fabricpath", "ether", "ip", "tcp"], None);
        let d = decode(LinkType::EN10MB, &f, f.len());
        assert_eq!(d.offsets().nth(2), Some(16));
        match d.layers()[1] {
            Layer::FabricPath(t) => assert_eq!((t.ftag(), t.ttl()), (0, 5)),
            l => panic!("{l:?}"),
        }
        // Behind a VLAN tag too.
        let mut tagged = vec![0, 10, 0x89, 0x03];
        tagged.extend_from_slice(&cfp);
        check(
            &eth(ethertype::VLAN, &tagged),
            &["ether", "vlan", "fabricpath", "ether", "ip", "tcp"],
            None,
        );
        let f = eth(ethertype::FABRICPATH, &[0]);
        check(&f, &["ether"], Some(("fabricpath", Truncated)));
        let f = eth(ethertype::FABRICPATH, &cfp[..10]);
        check(&f, &["ether", "fabricpath"], Some(("ether", Truncated)));
    }

    /// An 802.11 data frame in Aruba's GRE (protocol `proto`): frame control
    /// `fc`, flags `flags`, then `extra` (fourth address, QoS, HT control)
    /// and `body`.
    fn aruba(proto: u16, fc: u8, flags: u8, extra: &[u8], body: &[u8]) -> Vec<u8> {
        let mut g = vec![0, 0];
        g.extend_from_slice(&proto.to_be_bytes());
        g.extend_from_slice(&[fc, flags, 0, 0]);
        g.extend_from_slice(&[0x66, 0x15, 0x48, 0x3c, 0x47, 0xe7]);
        g.extend_from_slice(&[0x40, 0xe3, 0xd6, 0x64, 0xf4, 0x94]);
        g.extend_from_slice(&[0x88, 0xe0, 0xf3, 0x7f, 0xae, 0xc0]);
        g.extend_from_slice(&[0x10, 0]);
        g.extend_from_slice(extra);
        g.extend_from_slice(body);
        eth(0x0800, &ipv4(47, &g))
    }

    fn llc_snap_ipv4() -> Vec<u8> {
        let mut b = vec![0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00];
        b.extend_from_slice(&inner4());
        b
    }

    #[test]
    fn aruba_802_11() {
        use StopReason::*;
        let wlan = ["ether", "ip", "gre", "802.11", "llc", "ip", "tcp"];
        // Data, from the DS.
        check(
            &aruba(0x8240, 0x08, 0x02, &[], &llc_snap_ipv4()),
            &wlan,
            None,
        );
        check(
            &aruba(0x9000, 0x08, 0x02, &[], &llc_snap_ipv4()),
            &wlan,
            None,
        );
        // QoS data with four addresses and HT control (30 + 2 + 4 bytes).
        let extra = [1, 2, 3, 4, 5, 6, 0, 0, 1, 2, 3, 4];
        let f = aruba(0x8200, 0x88, 0x83, &extra, &llc_snap_ipv4());
        check(&f, &wlan, None);
        let d = decode(LinkType::EN10MB, &f, f.len());
        assert_eq!(d.offsets().nth(4), Some(14 + 20 + 4 + 36));
        // A-MSDU of two subframes (padded to 4 bytes between them): the
        // first is decoded.
        let msdu = llc_snap_ipv4();
        let mut sub = vec![
            0x66, 0x15, 0x48, 0x3c, 0x47, 0xe7, 0x88, 0xe0, 0xf3, 0x7f, 0xae, 0xc0,
        ];
        sub.extend_from_slice(&(msdu.len() as u16).to_be_bytes());
        sub.extend_from_slice(&msdu);
        let mut amsdu = sub.clone();
        amsdu.resize(sub.len().next_multiple_of(4), 0);
        amsdu.extend_from_slice(&sub);
        let f = aruba(0x8370, 0x88, 0x02, &[0x80, 0], &amsdu);
        check(
            &f,
            &["ether", "ip", "gre", "802.11", "amsdu", "llc", "ip", "tcp"],
            None,
        );
        // Not Aruba's: 0x8241, GRE version 1.
        let f = aruba(0x8241, 0x08, 0x02, &[], &llc_snap_ipv4());
        check(
            &f,
            &["ether", "ip", "gre"],
            Some(("ether", Unknown(0x8241))),
        );
        // Protected, a management frame, a null function, a later fragment.
        let f = aruba(0x8240, 0x88, 0x42, &[0, 0], &[0; 40]);
        check(&f, &wlan[..4], Some(("802.11", Unknown(0x42))));
        let f = aruba(0x8240, 0x80, 0x00, &[], &[0; 40]);
        check(&f, &wlan[..4], Some(("802.11", Unknown(0x80))));
        check(&aruba(0x8240, 0x48, 0x01, &[], &[]), &wlan[..4], None);
        let mut f = aruba(0x8240, 0x08, 0x02, &[], &llc_snap_ipv4());
        f[14 + 20 + 4 + 22] = 0x11;
        check(&f, &wlan[..4], Some(("802.11", Fragment)));
        // Cut inside the header, inside the QoS control field, inside the
        // A-MSDU subframe header.
        let f = aruba(0x8240, 0x08, 0x02, &[], &[]);
        check(&f[..f.len() - 4], &wlan[..3], Some(("802.11", Truncated)));
        let f = aruba(0x8240, 0x88, 0x02, &[0x80], &[]);
        check(&f, &wlan[..3], Some(("802.11", Truncated)));
        let f = aruba(0x8240, 0x88, 0x02, &[0x80, 0], &[0; 10]);
        check(&f, &wlan[..4], Some(("amsdu", Truncated)));
    }

    /// A Teredo origin indication (port 40000, 203.0.113.7, obfuscated).
    const ORIGIN: [u8; 8] = [0, 0, 0x63, 0xbf, 0x34, 0xff, 0x8e, 0xf8];

    #[test]
    fn teredo_on_its_port_and_found_elsewhere() {
        let teredo = ["ether", "ip", "udp", "teredo", "ip6", "tcp"];
        let pkt = ipv6_from(TEREDO, FD2, 6, &tcp(3));
        // Authentication (no id, no value, nonce, confirmation), origin.
        let mut p = vec![0, 1, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0];
        p.extend_from_slice(&ORIGIN);
        p.extend_from_slice(&pkt);
        check(&over_udp(3797, 3544, &p), &teredo, None);
        let f = over_udp(3797, 3544, &p);
        let d = decode(LinkType::EN10MB, &f, f.len());
        assert_eq!(d.offsets().nth(4), Some(14 + 20 + 8 + 13 + 8));
        // Elsewhere: a Teredo address, or an origin indication.
        check(&over_udp(3797, 32900, &pkt), &teredo, None);
        let d = ipv6_from(FD1, TEREDO, 6, &tcp(3));
        check(&over_udp(32900, 3797, &d), &teredo, None);
        let mut o = ORIGIN.to_vec();
        o.extend_from_slice(&ipv6(6, &tcp(3)));
        check(&over_udp(32900, 3797, &o), &teredo, None);
        // Not Teredo: no Teredo address, a length that does not fill the
        // datagram, shorter than an IPv6 header.
        check(
            &over_udp(3797, 32900, &ipv6(6, &tcp(3))),
            &["ether", "ip", "udp"],
            None,
        );
        let mut long = pkt.clone();
        long.push(0);
        check(&over_udp(3797, 32900, &long), &["ether", "ip", "udp"], None);
        check(
            &over_udp(3797, 32900, &pkt[..39]),
            &["ether", "ip", "udp"],
            None,
        );
        // A bubble (no next header) may carry more (Zeek's
        // Teredo_bubble_with_payload).
        let mut bubble = ipv6_from(TEREDO, FD2, 59, &[]);
        bubble.extend_from_slice(&[0; 8]);
        check(
            &over_udp(3797, 32900, &bubble),
            &["ether", "ip", "udp", "teredo", "ip6"],
            Some(("ip", StopReason::Unknown(59))),
        );
    }

    #[test]
    fn first_fragment_carries_the_whole_inner_length() {
        // GTP in the first fragment of a 1500-byte UDP datagram: only its
        // first 100 bytes are in this frame.
        let inner = ipv4(6, &tcp(1400));
        let dgram = udp(2152, 2152, &gtp(0x30, 0xff, &[], &inner));
        let frag = ipv4_mf(17, &dgram[..100], true, 120);
        let f = eth(0x0800, &frag);
        let d = decode(LinkType::EN10MB, &f, f.len());
        assert_eq!(names(&d), TCP4);
        let (_, bytes, wire) = d.l4().unwrap();
        assert_eq!(wire, 20 + 1400);
        assert_eq!(bytes.len(), 100 - 8 - 8 - 20);
        assert_eq!(d.l4_captured(), 20 + 1400);
        // Cut by the snapshot: only what was captured.
        let d = decode(LinkType::EN10MB, &f[..f.len() - 1], f.len());
        assert_eq!(d.l4_captured(), 100 - 8 - 8 - 20 - 1);
        // A later fragment is not decoded; an unfragmented datagram is
        // bounded by its own length.
        let mut later = frag.clone();
        later[7] = 10;
        let f = eth(0x0800, &later);
        let d = decode(LinkType::EN10MB, &f, 200);
        assert_eq!(d.stop().map(|s| s.reason), Some(StopReason::Fragment));
        let whole = ipv4(17, &dgram[..100]);
        let f = eth(0x0800, &whole);
        let d = decode(LinkType::EN10MB, &f, f.len());
        assert_eq!(d.l4().unwrap().2, 100 - 8 - 8 - 20);
        assert_eq!(d.l4_captured(), 100 - 8 - 8 - 20);
    }

    /// IPv4's AH is stepped over to the layer it protects (twice here), as
    /// IPv6's is among its extension headers; ESP ends the walk (its
    /// payload is encrypted); an AH the capture cut stops as `ah`.
    #[test]
    fn ipv4_ah_is_stepped_over() {
        let ah = |next: u8, icv: usize, payload: &[u8]| {
            let mut h = vec![
                next,
                ((12 + icv) / 4 - 2) as u8,
                0,
                0,
                0,
                0,
                0x10,
                1,
                0,
                0,
                0,
                1,
            ];
            h.extend(std::iter::repeat_n(0xa5, icv));
            h.extend_from_slice(payload);
            h
        };
        let seg = tcp(4);
        let f = eth(0x0800, &ipv4(51, &ah(51, 4, &ah(6, 12, &seg))));
        let d = decode(LinkType::EN10MB, &f, f.len());
        assert_eq!(names(&d), ["ether", "ip", "tcp"]);
        let (p, bytes, wire) = d.l4().unwrap();
        assert_eq!((p, bytes.len(), wire), (6, seg.len(), seg.len()));
        let f = eth(0x0800, &ipv4(51, &ah(50, 12, &[0; 16])));
        let d = decode(LinkType::EN10MB, &f, f.len());
        assert_eq!(names(&d), ["ether", "ip"]);
        assert_eq!(d.stop().map(|s| s.reason), Some(StopReason::Unknown(50)));
        let f = eth(0x0800, &ipv4(51, &ah(6, 12, &seg)));
        let d = decode(LinkType::EN10MB, &f[..14 + 20 + 20], f.len());
        let stop = d.stop().unwrap();
        assert_eq!((stop.protocol, stop.reason), ("ah", StopReason::Truncated));
    }

    #[test]
    fn layer_stays_small() {
        // As before GTP, AYIYA, FabricPath and 802.11 (IPv6 is the largest).
        assert!(std::mem::size_of::<Layer<'_>>() <= 40);
    }
}
