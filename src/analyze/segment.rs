//! What the analyzer takes from a decoded frame ([`crate::decode::frame`]):
//! a TCP segment of the innermost IP layer, whatever tunnels carry it
//! ([`Segment`]), or an ICMP/ICMPv6 destination-unreachable message quoting a
//! TCP segment ([`Unreach`]). Reads only decoded layers; anything else is
//! [`Input::Other`].

use std::net::IpAddr;
use std::ops::{Index, IndexMut};

use crate::decode::icmp::{ICMP_UNREACH, ICMP6_DST_UNREACH};
use crate::decode::ip::proto;
use crate::decode::tcp::{OptionValue, TcpFlags, TcpOptions, kind};
use crate::decode::{Bytes, Decoded, Layer, decode_ip};

/// One end of a connection: direction `Client` is client → server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Client = 0,
    Server = 1,
}

impl Side {
    pub fn name(self) -> &'static str {
        match self {
            Side::Client => "client",
            Side::Server => "server",
        }
    }
    pub fn other(self) -> Side {
        match self {
            Side::Client => Side::Server,
            Side::Server => Side::Client,
        }
    }
}

/// Per-side pairs are indexed by the side.
impl<T> Index<Side> for [T; 2] {
    type Output = T;
    fn index(&self, s: Side) -> &T {
        match s {
            Side::Client => &self[0],
            Side::Server => &self[1],
        }
    }
}

impl<T> IndexMut<Side> for [T; 2] {
    fn index_mut(&mut self, s: Side) -> &mut T {
        match s {
            Side::Client => &mut self[0],
            Side::Server => &mut self[1],
        }
    }
}

/// One TCP segment as the analyzer sees it.
#[derive(Clone, Debug)]
pub struct Segment<'a> {
    pub src: IpAddr,
    pub dst: IpAddr,
    pub sport: u16,
    pub dport: u16,
    pub seq: u32,
    pub ack: u32,
    pub flags: TcpFlags,
    pub win: u16,
    /// Payload bytes on the wire (from the IP length, not the capture).
    pub len: u32,
    /// Payload bytes captured (fewer than `len` when the snapshot cut them).
    pub captured: u32,
    pub options: TcpOptions<'a>,
    /// The header fits in the IP payload (a longer data offset is damage:
    /// the segment is counted but not analysed, as Wireshark skips it).
    pub header_fits: bool,
    /// The captured payload (within the IP length), `None` when the
    /// capture cut the TCP header itself (Wireshark's dissector stops
    /// there, before its follow tap): what `--follow` reassembles.
    pub payload: Option<&'a [u8]>,
    /// Capture time, ns since the epoch.
    pub ts: u64,
}

impl Segment<'_> {
    /// The shift of the first window scale option, if any (a SYN's for the
    /// connection's windows; any segment's for Wireshark's `win_scale`).
    pub fn wscale(&self) -> Option<u8> {
        match self.options.clone().find(kind::WSCALE)?.value()? {
            OptionValue::WindowScale(w) => Some(w),
            _ => None,
        }
    }

    /// The SACK blocks (at most 4), as (left, right), and how many.
    pub fn sack_blocks(&self) -> ([(u32, u32); 4], usize) {
        let mut out = [(0u32, 0u32); 4];
        let mut n = 0;
        if let Some(o) = self.options.clone().find(kind::SACK)
            && let Some(OptionValue::Sack(blocks)) = o.value()
        {
            {
                for b in blocks {
                    if let Some(slot) = out.get_mut(n) {
                        *slot = b;
                        n += 1;
                    }
                }
            }
        }
        (out, n)
    }
}

/// An ICMP/ICMPv6 error quoting a TCP segment sent from `src:sport` to
/// `dst:dport` (the quoted header's own direction).
#[derive(Clone, Copy, Debug)]
pub struct Unreach {
    pub src: IpAddr,
    pub dst: IpAddr,
    pub sport: u16,
    pub dport: u16,
    pub v6: bool,
    /// A destination unreachable's code (`None`: another error).
    pub code: Option<u8>,
    /// The quote reaches the TCP header's flags (14 bytes): Wireshark's TCP
    /// dissector then finds or makes the quoted 4-tuple's conversation
    /// (and its `tcp.stream`), as for any segment.
    pub header: bool,
}

pub enum Input<'a> {
    Tcp(Segment<'a>),
    Unreach(Unreach),
    Other,
}

/// What the analyzer reads from a decoded frame captured at `ts`.
pub fn input<'a>(d: &Decoded<'a>, ts: u64) -> Input<'a> {
    let Some(ip) = d.ip() else {
        return Input::Other;
    };
    match d.transport() {
        Some(Layer::Tcp(t)) => {
            let wire = d.l4().map_or(0, |(_, _, n)| n);
            let payload = d.l4().and_then(|(_, b, _)| b.get(t.header_len()..));
            Input::Tcp(Segment {
                src: ip.src(),
                dst: ip.dst(),
                sport: t.src_port(),
                dport: t.dst_port(),
                seq: t.seq(),
                ack: t.ack(),
                flags: t.flags(),
                win: t.window(),
                len: u32::try_from(wire.saturating_sub(t.header_len())).unwrap_or(u32::MAX),
                captured: u32::try_from(d.l4_captured().saturating_sub(t.header_len()))
                    .unwrap_or(u32::MAX),
                options: t.options(),
                header_fits: t.header_len() <= wire,
                payload,
                ts,
            })
        }
        // The errors that quote the offending packet, which Wireshark
        // dissects: unreachable, source quench, redirect, time exceeded,
        // parameter problem; ICMPv6's unreachable, too big, time exceeded,
        // parameter problem.
        Some(Layer::Icmp(i)) if matches!(i.icmp_type(), 3 | 4 | 5 | 11 | 12) => {
            let code = (i.icmp_type() == ICMP_UNREACH).then(|| i.code());
            unreach(i.quoted(), false, code)
        }
        Some(Layer::Icmp6(i)) if matches!(i.icmp_type(), 1..=4) => {
            let code = (i.icmp_type() == ICMP6_DST_UNREACH).then(|| i.code());
            unreach(i.quoted(), true, code)
        }
        _ => Input::Other,
    }
}

/// The TCP segment an ICMP error quotes (only its ports need be there).
fn unreach(quoted: Result<&[u8], crate::decode::Trunc>, v6: bool, code: Option<u8>) -> Input<'_> {
    let Ok(q) = quoted else {
        return Input::Other;
    };
    let inner = decode_ip(q);
    let (Some(ip), Some((p, th, _))) = (inner.ip(), inner.l4()) else {
        return Input::Other;
    };
    if p != proto::TCP || ip.is_v6() != v6 {
        return Input::Other;
    }
    match (th.be16(0), th.be16(2)) {
        (Ok(sport), Ok(dport)) => Input::Unreach(Unreach {
            src: ip.src(),
            dst: ip.dst(),
            sport,
            dport,
            v6,
            code,
            header: th.len() >= 14,
        }),
        _ => Input::Other,
    }
}

/// ICMP (type 3) unreachable code names, by code, and whether the code
/// says a filter refused the packet (then the diagnosis says "blocked").
const UNREACH4: [(&str, bool); 16] = [
    ("net unreachable", false),
    ("host unreachable", false),
    ("protocol unreachable", false),
    ("port unreachable", false),
    ("fragmentation needed", false),
    ("source route failed", false),
    ("net unknown", false),
    ("host unknown", false),
    ("source host isolated", false),
    ("net unreachable - admin prohibited", true),
    ("host unreachable - admin prohibited", true),
    ("net unreachable for TOS", false),
    ("host unreachable for TOS", false),
    ("unreachable - admin prohibited filter", true),
    ("host precedence violation", true),
    ("precedence cutoff", true),
];

/// ICMPv6 (type 1) unreachable code names, as [`UNREACH4`].
const UNREACH6: [(&str, bool); 7] = [
    ("no route to destination", false),
    ("unreachable - admin prohibited", true),
    ("beyond scope of source address", false),
    ("address unreachable", false),
    ("port unreachable", false),
    ("source address failed ingress/egress policy", true),
    ("reject route to destination", true),
];

/// The name of an ICMP or ICMPv6 unreachable code and whether a filter
/// refused the packet ([`UNREACH4`], [`UNREACH6`]).
pub fn unreach_name(v6: bool, code: u8) -> (&'static str, bool) {
    let table: &[(&'static str, bool)] = if v6 { &UNREACH6 } else { &UNREACH4 };
    table
        .get(usize::from(code))
        .copied()
        .unwrap_or(("unreachable (unknown code)", false))
}
