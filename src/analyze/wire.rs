//! From a captured frame to what the analyzer needs: a TCP segment (addresses,
//! ports, sequence numbers, flags, window, payload length, options) or an
//! ICMP/ICMPv6 destination-unreachable message quoting a TCP segment. Reads
//! only through `crate::decode` views; any shortfall makes the packet
//! [`Wire::Other`], never a panic.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use crate::decode::ether::{ETHERTYPE_IP, ETHERTYPE_IPV6, EtherView, is_vlan};
use crate::decode::ip::{IP_OFFMASK, Ipv4View};
use crate::decode::ip6::Ipv6View;
use crate::decode::tcp::TcpView;
use crate::decode::{Bytes, R};
use crate::packet::{LinkType, RawPacket};

/// An IP address: IPv4 in the first 4 bytes, the rest zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Addr {
    pub v6: bool,
    pub b: [u8; 16],
}

impl Addr {
    pub fn v4(a: [u8; 4]) -> Addr {
        let mut b = [0u8; 16];
        if let Some(d) = b.first_chunk_mut::<4>() {
            *d = a;
        }
        Addr { v6: false, b }
    }
    pub fn v6(a: [u8; 16]) -> Addr {
        Addr { v6: true, b: a }
    }
    pub fn ip(&self) -> std::net::IpAddr {
        if self.v6 {
            std::net::IpAddr::from(self.b)
        } else {
            let [a, b, c, d, ..] = self.b;
            std::net::IpAddr::from([a, b, c, d])
        }
    }
}

/// One TCP segment as the analyzer sees it.
#[derive(Clone, Copy, Debug)]
pub struct Seg<'a> {
    pub src: Addr,
    pub dst: Addr,
    pub sport: u16,
    pub dport: u16,
    pub seq: u32,
    pub ack: u32,
    pub flags: u8,
    pub win: u16,
    /// Payload bytes on the wire (from the IP length, not the capture).
    pub len: u32,
    /// The captured option bytes.
    pub opts: &'a [u8],
}

/// An ICMP/ICMPv6 destination unreachable quoting a TCP segment sent from
/// `src:sport` to `dst:dport` (the quoted header's own direction).
#[derive(Clone, Copy, Debug)]
pub struct Unreach {
    pub src: Addr,
    pub dst: Addr,
    pub sport: u16,
    pub dport: u16,
    pub v6: bool,
    pub code: u8,
}

#[derive(Clone, Copy, Debug)]
pub enum Wire<'a> {
    Tcp(Seg<'a>),
    Unreach(Unreach),
    Other,
}

/// Decodes a packet down to TCP or a quoting ICMP error.
pub fn decode<'a>(pkt: &RawPacket<'a>) -> Wire<'a> {
    let Some((v, l3)) = network(pkt.link, pkt.data) else {
        return Wire::Other;
    };
    let r = match v {
        4 => ipv4(l3),
        _ => ipv6(l3),
    };
    r.unwrap_or(Wire::Other)
}

/// The IP version and the bytes from the IP header on.
fn by_type(t: u16, rest: &[u8]) -> Option<(u8, &[u8])> {
    match t {
        ETHERTYPE_IP => Some((4, rest)),
        ETHERTYPE_IPV6 => Some((6, rest)),
        _ => None,
    }
}

fn by_version(rest: &[u8]) -> Option<(u8, &[u8])> {
    match rest.u8_at(0).ok()? >> 4 {
        4 => Some((4, rest)),
        6 => Some((6, rest)),
        _ => None,
    }
}

fn network(link: LinkType, d: &[u8]) -> Option<(u8, &[u8])> {
    match link {
        LinkType::EN10MB => {
            let e = EtherView::new_checked(d).ok()?;
            let mut t = e.ethertype();
            let mut at = EtherView::HEADER_LEN;
            // Up to a few stacked VLAN tags.
            for _ in 0..4 {
                if !is_vlan(t) {
                    break;
                }
                t = d.be16(at + 2).ok()?;
                at += 4;
            }
            by_type(t, d.from(at).ok()?)
        }
        LinkType::LINUX_SLL => by_type(d.be16(14).ok()?, d.from(16).ok()?),
        LinkType::LINUX_SLL2 => by_type(d.be16(0).ok()?, d.from(20).ok()?),
        LinkType::NULL | LinkType::LOOP => {
            let fam = d.be32(0).ok()?;
            let fam = if fam > 0xffff { fam.swap_bytes() } else { fam };
            match fam {
                2 => Some((4, d.from(4).ok()?)),
                10 | 24 | 28 | 30 => Some((6, d.from(4).ok()?)),
                _ => None,
            }
        }
        LinkType::RAW | LinkType::RAW_OPENBSD | LinkType::IPV4 | LinkType::IPV6 => by_version(d),
        _ => None,
    }
}

fn ipv4(d: &[u8]) -> R<Wire<'_>> {
    let ip = Ipv4View::new_checked(d)?;
    let hl = ip.header_len();
    if ip.version() != 4 || hl < Ipv4View::MIN_LEN || ip.frag_field() & IP_OFFMASK != 0 {
        return Ok(Wire::Other);
    }
    // TSO captures may carry 0: then the captured bytes are all we know.
    let total = match usize::from(ip.total_len()) {
        0 => d.len(),
        n => n,
    };
    let body = d.cap(total).from(hl)?;
    let (src, dst) = (Addr::v4(ip.src()), Addr::v4(ip.dst()));
    match ip.proto() {
        6 => tcp(src, dst, body, total.saturating_sub(hl)),
        1 if body.u8_at(0)? == 3 => {
            let code = body.u8_at(1)?;
            let inner = Ipv4View::new_checked(body.from(8)?)?;
            let ihl = inner.header_len();
            if inner.proto() != 6 || ihl < Ipv4View::MIN_LEN {
                return Ok(Wire::Other);
            }
            let th = inner.bytes().from(ihl)?;
            Ok(Wire::Unreach(Unreach {
                src: Addr::v4(inner.src()),
                dst: Addr::v4(inner.dst()),
                sport: th.be16(0)?,
                dport: th.be16(2)?,
                v6: false,
                code,
            }))
        }
        _ => Ok(Wire::Other),
    }
}

/// Skips IPv6 extension headers; the upper-layer protocol and its offset.
fn ip6_upper(d: &[u8], mut next: u8) -> R<(u8, usize)> {
    let mut at = Ipv6View::HEADER_LEN;
    for _ in 0..8 {
        match next {
            0 | 43 | 60 => {
                let n = d.u8_at(at)?;
                let len = (usize::from(d.u8_at(at + 1)?) + 1) * 8;
                next = n;
                at += len;
            }
            44 => {
                // Only a first fragment carries the TCP header.
                if d.be16(at + 2)? & 0xfff8 != 0 {
                    return Ok((255, at));
                }
                next = d.u8_at(at)?;
                at += 8;
            }
            _ => break,
        }
    }
    Ok((next, at))
}

fn ipv6(d: &[u8]) -> R<Wire<'_>> {
    let ip = Ipv6View::new_checked(d)?;
    if ip.version() != 6 {
        return Ok(Wire::Other);
    }
    let total = Ipv6View::HEADER_LEN + usize::from(ip.payload_len());
    let d = d.cap(total);
    let (proto, at) = ip6_upper(d, ip.next_header())?;
    let body = d.from(at)?;
    let (src, dst) = (Addr::v6(*ip.src()), Addr::v6(*ip.dst()));
    match proto {
        6 => tcp(src, dst, body, total.saturating_sub(at)),
        58 if body.u8_at(0)? == 1 => {
            let code = body.u8_at(1)?;
            let inner_bytes = body.from(8)?;
            let inner = Ipv6View::new_checked(inner_bytes)?;
            let (p, iat) = ip6_upper(inner_bytes, inner.next_header())?;
            if p != 6 {
                return Ok(Wire::Other);
            }
            let th = inner_bytes.from(iat)?;
            Ok(Wire::Unreach(Unreach {
                src: Addr::v6(*inner.src()),
                dst: Addr::v6(*inner.dst()),
                sport: th.be16(0)?,
                dport: th.be16(2)?,
                v6: true,
                code,
            }))
        }
        _ => Ok(Wire::Other),
    }
}

fn tcp(src: Addr, dst: Addr, body: &[u8], wire_len: usize) -> R<Wire<'_>> {
    let t = TcpView::new_checked(body)?;
    let hl = t.header_len();
    if hl < TcpView::MIN_LEN {
        return Ok(Wire::Other);
    }
    let opts = body
        .get(TcpView::MIN_LEN..hl.min(body.len()))
        .unwrap_or(&[]);
    Ok(Wire::Tcp(Seg {
        src,
        dst,
        sport: t.src_port(),
        dport: t.dst_port(),
        seq: t.seq(),
        ack: t.ack(),
        flags: t.flags(),
        win: t.window(),
        len: u32::try_from(wire_len.saturating_sub(hl)).unwrap_or(u32::MAX),
        opts,
    }))
}

/// Walks TCP options: calls `f(kind, data)` for each whole option.
pub fn each_option(mut o: &[u8], mut f: impl FnMut(u8, &[u8])) {
    while let Some((&kind, rest)) = o.split_first() {
        match kind {
            0 => return,
            1 => o = rest,
            _ => {
                let Some(&len) = rest.first() else { return };
                let len = usize::from(len);
                if len < 2 {
                    return;
                }
                let Some(data) = o.get(2..len) else { return };
                f(kind, data);
                o = o.get(len..).unwrap_or(&[]);
            }
        }
    }
}

/// The SACK blocks of a segment's options (at most 4), as (left, right).
pub fn sack_blocks(opts: &[u8]) -> ([(u32, u32); 4], usize) {
    let mut out = [(0u32, 0u32); 4];
    let mut n = 0;
    each_option(opts, |kind, data| {
        if kind == 5 {
            for c in data.chunks_exact(8) {
                if let (Ok(l), Ok(r), Some(slot)) = (c.be32(0), c.be32(4), out.get_mut(n)) {
                    *slot = (l, r);
                    n += 1;
                }
            }
        }
    });
    (out, n)
}

/// ICMP (type 3) / ICMPv6 (type 1) unreachable code names; `admin` says
/// whether a filter refused the packet (then the diagnosis says "blocked").
pub fn unreach_name(v6: bool, code: u8) -> (&'static str, bool) {
    if v6 {
        match code {
            0 => ("no route to destination", false),
            1 => ("unreachable - admin prohibited", true),
            2 => ("beyond scope of source address", false),
            3 => ("address unreachable", false),
            4 => ("port unreachable", false),
            5 => ("source address failed ingress/egress policy", true),
            6 => ("reject route to destination", true),
            _ => ("unreachable (unknown code)", false),
        }
    } else {
        match code {
            0 => ("net unreachable", false),
            1 => ("host unreachable", false),
            2 => ("protocol unreachable", false),
            3 => ("port unreachable", false),
            4 => ("fragmentation needed", false),
            5 => ("source route failed", false),
            6 => ("net unknown", false),
            7 => ("host unknown", false),
            8 => ("source host isolated", false),
            9 => ("net unreachable - admin prohibited", true),
            10 => ("host unreachable - admin prohibited", true),
            11 => ("net unreachable for TOS", false),
            12 => ("host unreachable for TOS", false),
            13 => ("unreachable - admin prohibited filter", true),
            14 => ("host precedence violation", true),
            15 => ("precedence cutoff", true),
            _ => ("unreachable (unknown code)", false),
        }
    }
}
