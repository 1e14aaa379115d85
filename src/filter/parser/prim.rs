//! Building primitives from qualifiers and an address, name or number,
//! with libpcap's checks and error messages. Mirrors gencode.c's entry
//! points `gen_scode`, `gen_ncode`, `gen_mcode`, `gen_mcode6`,
//! `gen_ecode`, `gen_proto`, `gen_protochain` and the protocol checks of
//! `gen_host`/`gen_host6`/`gen_port`.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, ToSocketAddrs};

use super::names::{
    RealProto, atoin, ether_aton, nametoeproto, nametonetaddr, nametoport, nametoportrange,
    nametoproto,
};
use super::{Addr, Parser, Q, Qual, R};
use crate::filter::FilterError;
use crate::filter::ast::{Arith, Expr, Node, Prim, Proto, RelOp, Span};
use crate::packet::LinkType;

pub(super) fn proto_name(p: Proto) -> &'static str {
    match p {
        Proto::Link => "link",
        Proto::Ip => "ip",
        Proto::Ip6 => "ip6",
        Proto::Arp => "arp",
        Proto::Rarp => "rarp",
        Proto::Tcp => "tcp",
        Proto::Udp => "udp",
        Proto::Sctp => "sctp",
        Proto::Icmp => "icmp",
        Proto::Icmp6 => "icmp6",
        Proto::Igmp => "igmp",
        Proto::Igrp => "igrp",
        Proto::Pim => "pim",
        Proto::Vrrp => "vrrp",
        Proto::Carp => "carp",
        Proto::Ah => "ah",
        Proto::Esp => "esp",
        Proto::Atalk => "atalk",
        Proto::Aarp => "aarp",
        Proto::Decnet => "decnet",
        Proto::Lat => "lat",
        Proto::Sca => "sca",
        Proto::Moprc => "moprc",
        Proto::Mopdl => "mopdl",
        Proto::Iso => "iso",
        Proto::Esis => "esis",
        Proto::Isis => "isis",
        Proto::Clnp => "clnp",
        Proto::Stp => "stp",
        Proto::Ipx => "ipx",
        Proto::Netbeui => "netbeui",
        Proto::Radio => "radio",
    }
}

/// libpcap's `pcap_datalink_val_to_description_or_dlt`: its description of
/// the link type (`link_desc.rs`), or `DLT N` for one it does not know.
pub(super) fn link_desc(l: LinkType) -> String {
    super::link_desc::LINK_DESCRIPTIONS
        .binary_search_by_key(&l.0, |&(dlt, _)| dlt)
        .ok()
        .and_then(|i| super::link_desc::LINK_DESCRIPTIONS.get(i))
        .map_or_else(|| format!("DLT {}", l.0), |&(_, d)| d.to_string())
}

pub(super) fn is_wlan(l: LinkType) -> bool {
    matches!(l.0, 105 | 119 | 127 | 163 | 192)
}

pub(super) fn is_ether(l: LinkType) -> bool {
    matches!(l.0, 1 | 240 | 241)
}

/// A primitive that is always false (e.g. `ip proto 300`, which libpcap
/// accepts and compiles to a comparison no packet can satisfy).
fn never() -> (Arith, Arith) {
    (Arith::num(0), Arith::num(1))
}

impl Parser<'_> {
    /// gen_host's protocol check for IPv4 (`typ` "host" or "net").
    fn host4_proto(&self, proto: Option<Proto>, typ: &str, i: usize) -> R<Option<Proto>> {
        let msg = match proto {
            None => return Ok(None),
            Some(p @ (Proto::Ip | Proto::Arp | Proto::Rarp)) => return Ok(Some(p)),
            Some(Proto::Decnet) => return Err(self.unsupported_decnet(i)),
            Some(Proto::Link) => format!("link-layer modifier applied to {typ}"),
            Some(Proto::Atalk) => "AppleTalk host filtering not implemented".into(),
            Some(Proto::Lat) => "LAT host filtering not implemented".into(),
            Some(Proto::Sca) => "SCA host filtering not implemented".into(),
            Some(Proto::Moprc) => "MOPRC host filtering not implemented".into(),
            Some(Proto::Mopdl) => "MOPDL host filtering not implemented".into(),
            Some(Proto::Ip6) => "'ip6' modifier applied to ip host".into(),
            Some(Proto::Aarp) => "AARP host filtering not implemented".into(),
            Some(Proto::Iso) => "ISO host filtering not implemented".into(),
            Some(Proto::Ipx) => "IPX host filtering not implemented".into(),
            Some(p) => format!("'{}' modifier applied to {typ}", proto_name(p)),
        };
        Err(self.err_at(i, msg))
    }

    /// gen_host6's protocol check.
    fn host6_proto(&self, proto: Option<Proto>, typ: &str, i: usize) -> R<Option<Proto>> {
        let msg = match proto {
            None => return Ok(None),
            Some(Proto::Ip6) => return Ok(Some(Proto::Ip6)),
            Some(Proto::Link) => format!("link-layer modifier applied to ip6 {typ}"),
            Some(Proto::Atalk) => format!("AppleTalk modifier applied to ip6 {typ}"),
            Some(p) => format!("'{}' modifier applied to ip6 {typ}", proto_name(p)),
        };
        Err(self.err_at(i, msg))
    }

    fn unsupported_decnet(&self, i: usize) -> FilterError {
        let e = self.err_at(i, "");
        FilterError {
            message: "'decnet' addresses are not supported by tcpscope yet".into(),
            ..e
        }
    }

    /// gen_host for IPv4: Host4 for a full mask (not `net`), Net4 otherwise.
    fn host4(&self, addr: u32, mask: u32, qq: Qual, i: usize, start: usize) -> R<Expr> {
        let typ = if qq.addr == Addr::Net { "net" } else { "host" };
        let proto = self.host4_proto(qq.proto, typ, i)?;
        let p = if mask == u32::MAX && qq.addr != Addr::Net {
            Prim::Host4 {
                proto,
                dir: qq.dir,
                addr: Ipv4Addr::from(addr),
            }
        } else {
            Prim::Net4 {
                proto,
                dir: qq.dir,
                addr: Ipv4Addr::from(addr),
                mask: Ipv4Addr::from(mask),
            }
        };
        Ok(self.prim(p, start))
    }

    fn port_proto(&self, proto: Option<Proto>, what: &str, i: usize) -> R<Option<Proto>> {
        match proto {
            None => Ok(None),
            Some(p @ (Proto::Tcp | Proto::Udp | Proto::Sctp)) => Ok(Some(p)),
            Some(_) => Err(self.err_at(i, format!("illegal qualifier of '{what}'"))),
        }
    }

    /// gen_proto.
    fn gen_proto(&self, v: u32, proto: Option<Proto>, i: usize, start: usize) -> R<Expr> {
        let fam = |f: Option<Proto>| match u8::try_from(v) {
            Ok(b) => Ok(self.prim(
                Prim::IpProto {
                    family: f,
                    proto: b,
                },
                start,
            )),
            Err(_) => Ok(self.never(start)),
        };
        let msg = match proto {
            None => return fam(None),
            Some(p @ (Proto::Ip | Proto::Ip6)) => return fam(Some(p)),
            Some(Proto::Link) => {
                return Ok(match u16::try_from(v) {
                    Ok(t) => self.prim(Prim::EtherProto(t), start),
                    Err(_) => self.never(start),
                });
            }
            Some(p @ (Proto::Iso | Proto::Isis)) => {
                let e = self.err_at(i, "");
                let message = format!("'{} proto' is not supported by tcpscope yet", proto_name(p));
                return Err(FilterError { message, ..e });
            }
            Some(Proto::Arp) => "arp does not encapsulate another protocol".to_string(),
            Some(Proto::Rarp) => "rarp does not encapsulate another protocol".into(),
            Some(Proto::Atalk) => "AppleTalk encapsulation is not specifiable".into(),
            Some(Proto::Decnet) => "DECNET encapsulation is not specifiable".into(),
            Some(Proto::Lat) => "LAT does not encapsulate another protocol".into(),
            Some(Proto::Sca) => "SCA does not encapsulate another protocol".into(),
            Some(Proto::Moprc) => "MOPRC does not encapsulate another protocol".into(),
            Some(Proto::Mopdl) => "MOPDL does not encapsulate another protocol".into(),
            Some(Proto::Clnp) => "'clnp proto' is not supported".into(),
            Some(p) => format!("'{} proto' is bogus", proto_name(p)),
        };
        Err(self.err_at(i, msg))
    }

    fn never(&self, start: usize) -> Expr {
        let (a, b) = never();
        Expr::leaf(Node::Rel(
            RelOp::Eq,
            a,
            b,
            self.encap,
            Span {
                start,
                end: self.prev_end().max(start),
            },
        ))
    }

    fn gen_protochain(&self, v: u32, proto: Option<Proto>, i: usize, start: usize) -> R<Expr> {
        match proto {
            // After `geneve` the link payload's offset is read from the
            // packet, which gen_protochain does not handle.
            None | Some(Proto::Ip | Proto::Ip6) if self.encap.geneve > 0 => {
                Err(self.err_at(i, "'protochain' not supported with variable length headers"))
            }
            None | Some(Proto::Ip | Proto::Ip6) => Ok(match u8::try_from(v) {
                Ok(b) => self.prim(
                    Prim::ProtoChain {
                        family: proto,
                        proto: b,
                    },
                    start,
                ),
                Err(_) => self.never(start),
            }),
            Some(_) => Err(self.err_at(i, "bad protocol applied for 'protochain'")),
        }
    }

    /// gen_ncode with a number (`s == NULL`).
    pub(super) fn ncode_num(&self, v: u32, q: Q, i: usize, start: usize) -> R<Expr> {
        let Some(qq) = q else {
            return Err(self.err_at(i, "syntax error in filter expression"));
        };
        if qq.proto == Some(Proto::Decnet) {
            return Err(self.unsupported_decnet(i));
        }
        match qq.addr {
            Addr::Default | Addr::Host | Addr::Net => {
                if qq.proto == Some(Proto::Link) {
                    return Err(self.err_at(i, "illegal link layer address"));
                }
                let (mut v, mut mask) = (v, u32::MAX);
                if qq.addr == Addr::Net {
                    while v != 0 && v & 0xff00_0000 == 0 {
                        v <<= 8;
                        mask <<= 8;
                    }
                }
                self.host4(v, mask, qq, i, start)
            }
            Addr::Port | Addr::PortRange => {
                let what = if qq.addr == Addr::Port {
                    "port"
                } else {
                    "portrange"
                };
                let proto = self.port_proto(qq.proto, what, i)?;
                let Ok(port) = u16::try_from(v) else {
                    return Err(self.err_at(i, format!("illegal port number {v} > 65535")));
                };
                let p = if qq.addr == Addr::Port {
                    Prim::Port {
                        proto,
                        dir: qq.dir,
                        port,
                    }
                } else {
                    Prim::PortRange {
                        proto,
                        dir: qq.dir,
                        lo: port,
                        hi: port,
                    }
                };
                Ok(self.prim(p, start))
            }
            Addr::Gateway => Err(self.err_at(i, "'gateway' requires a name")),
            Addr::Proto => self.gen_proto(v, qq.proto, i, start),
            Addr::ProtoChain => self.gen_protochain(v, qq.proto, i, start),
        }
    }

    /// gen_ncode with a dotted (possibly partial) IPv4 address.
    pub(super) fn ncode_hid(&self, s: &str, q: Q, i: usize, start: usize) -> R<Expr> {
        if q.is_some_and(|qq| qq.proto == Some(Proto::Decnet)) {
            return Err(self.unsupported_decnet(i));
        }
        let Some((v, vlen)) = atoin(s) else {
            return Err(self.err_at(i, format!("invalid IPv4 address '{s}'")));
        };
        let Some(qq) = q else {
            return Err(self.err_at(i, "syntax error in filter expression"));
        };
        match qq.addr {
            Addr::Default | Addr::Host | Addr::Net => {
                if qq.proto == Some(Proto::Link) {
                    return Err(self.err_at(i, "illegal link layer address"));
                }
                let sh = 32u32.saturating_sub(vlen);
                let v = v.checked_shl(sh).unwrap_or(0);
                let mask = u32::MAX.checked_shl(sh).unwrap_or(0);
                self.host4(v, mask, qq, i, start)
            }
            Addr::Gateway => Err(self.err_at(i, "'gateway' requires a name")),
            // Port, proto and protochain were rejected by the grammar.
            _ => Err(self.err_at(i, "syntax error in filter expression")),
        }
    }

    /// gen_mcode: `a.b.c.d/len` and `a.b.c.d mask m.m.m.m`.
    pub(super) fn mcode(
        &self,
        s1: &str,
        s2: Option<&str>,
        masklen: u32,
        q: Q,
        i: usize,
        start: usize,
    ) -> R<Expr> {
        let Some((n, nlen)) = atoin(s1) else {
            return Err(self.err_at(i, format!("invalid IPv4 address '{s1}'")));
        };
        let n = n.checked_shl(32 - nlen.min(32)).unwrap_or(0);
        let m = if let Some(s2) = s2 {
            let Some((m, mlen)) = atoin(s2) else {
                return Err(self.err_at(i, format!("invalid IPv4 address '{s2}'")));
            };
            let m = m.checked_shl(32 - mlen.min(32)).unwrap_or(0);
            if n & !m != 0 {
                return Err(self.err_at(i, format!("non-network bits set in \"{s1} mask {s2}\"")));
            }
            m
        } else {
            if masklen > 32 {
                return Err(self.err_at(i, "mask length must be <= 32"));
            }
            let m = if masklen == 0 {
                0
            } else {
                u32::MAX << (32 - masklen)
            };
            if n & !m != 0 {
                return Err(self.err_at(i, format!("non-network bits set in \"{s1}/{masklen}\"")));
            }
            m
        };
        match q {
            Some(qq) if qq.addr == Addr::Net => self.host4(n, m, qq, i, start),
            _ => Err(self.err_at(i, "Mask syntax for networks only")),
        }
    }

    /// gen_mcode6.
    pub(super) fn mcode6(&self, s: &str, masklen: u32, q: Q, i: usize, start: usize) -> R<Expr> {
        let Ok(addr) = s.parse::<Ipv6Addr>() else {
            return Err(self.err_at(i, format!("invalid ip6 address {s}")));
        };
        if masklen > 128 {
            return Err(self.err_at(i, "mask length must be <= 128"));
        }
        let bits = u128::from(addr);
        let mask = if masklen == 0 {
            0
        } else {
            u128::MAX << (128 - masklen)
        };
        if bits & !mask != 0 {
            return Err(self.err_at(i, format!("non-network bits set in \"{s}/{masklen}\"")));
        }
        let qq = match q {
            Some(qq) if matches!(qq.addr, Addr::Default | Addr::Host | Addr::Net) => qq,
            _ => return Err(self.err_at(i, "invalid qualifier against IPv6 address")),
        };
        if qq.addr != Addr::Net && masklen != 128 {
            return Err(self.err_at(i, "Mask syntax for networks only"));
        }
        let typ = if qq.addr == Addr::Net { "net" } else { "host" };
        let proto = self.host6_proto(qq.proto, typ, i)?;
        let p = if qq.addr == Addr::Net {
            Prim::Net6 {
                proto,
                dir: qq.dir,
                addr,
                prefix: masklen as u8,
            }
        } else {
            Prim::Host6 {
                proto,
                dir: qq.dir,
                addr,
            }
        };
        Ok(self.prim(p, start))
    }

    /// gen_ecode.
    pub(super) fn ecode(&self, s: &str, q: Q, i: usize, start: usize) -> R<Expr> {
        match q {
            Some(qq)
                if matches!(qq.addr, Addr::Host | Addr::Default)
                    && qq.proto == Some(Proto::Link) =>
            {
                let l = self.cur_link();
                if is_ether(l) || is_wlan(l) || matches!(l.0, 6 | 10 | 122) {
                    Ok(self.prim(
                        Prim::EtherHost {
                            dir: qq.dir,
                            mac: ether_aton(s),
                        },
                        start,
                    ))
                } else {
                    Err(self.err_at(
                        i,
                        "ethernet addresses supported only on ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel",
                    ))
                }
            }
            _ => Err(self.err_at(i, "ethernet address used in non-ether expression")),
        }
    }

    /// gen_scode: a name.
    pub(super) fn scode(&self, name: &str, q: Q, i: usize, start: usize) -> R<Expr> {
        let Some(qq) = q else {
            return Err(self.err_at(i, "syntax error in filter expression"));
        };
        let dir = qq.dir;
        match qq.addr {
            Addr::Net => {
                let mut addr = nametonetaddr(name);
                if addr == 0 {
                    return Err(self.err_at(i, format!("unknown network '{name}'")));
                }
                let mut mask = u32::MAX;
                while addr != 0 && addr & 0xff00_0000 == 0 {
                    addr <<= 8;
                    mask <<= 8;
                }
                self.host4(addr, mask, qq, i, start)
            }
            Addr::Default | Addr::Host => {
                if qq.proto == Some(Proto::Link) {
                    let l = self.cur_link();
                    let msg = if is_ether(l) {
                        format!("unknown ether host '{name}'")
                    } else if l.0 == 10 {
                        format!("unknown FDDI host '{name}'")
                    } else if l.0 == 6 {
                        format!("unknown token ring host '{name}'")
                    } else if is_wlan(l) {
                        format!("unknown 802.11 host '{name}'")
                    } else if l.0 == 122 {
                        format!("unknown Fibre Channel host '{name}'")
                    } else {
                        "only ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel supports link-level host name"
                            .into()
                    };
                    return Err(self.err_at(i, msg));
                }
                if qq.proto == Some(Proto::Decnet) {
                    return Err(self.unsupported_decnet(i));
                }
                let addrs: Vec<IpAddr> = if name.contains('\0') {
                    Vec::new()
                } else {
                    (name, 0u16)
                        .to_socket_addrs()
                        .map(|it| it.map(|a| a.ip()).collect())
                        .unwrap_or_default()
                };
                if addrs.is_empty() {
                    return Err(self.err_at(i, format!("unknown host '{name}'")));
                }
                let mut out: Option<Expr> = None;
                for a in addrs {
                    let p = match a {
                        IpAddr::V4(v4) => {
                            if qq.proto == Some(Proto::Ip6) {
                                continue;
                            }
                            let proto = self.host4_proto(qq.proto, "host", i)?;
                            Prim::Host4 {
                                proto,
                                dir,
                                addr: v4,
                            }
                        }
                        IpAddr::V6(v6) => {
                            if qq.proto == Some(Proto::Ip) {
                                continue;
                            }
                            let proto = self.host6_proto(qq.proto, "host", i)?;
                            Prim::Host6 {
                                proto,
                                dir,
                                addr: v6,
                            }
                        }
                    };
                    let e = self.prim(p, start);
                    out = Some(match out {
                        None => e,
                        Some(b) => Expr::or(b, e),
                    });
                }
                out.ok_or_else(|| {
                    let tail = if qq.proto.is_none() {
                        ""
                    } else {
                        " for specified address family"
                    };
                    self.err_at(i, format!("unknown host '{name}'{tail}"))
                })
            }
            Addr::Port => {
                let proto = self.port_proto(qq.proto, "port", i)?;
                let Some((port, real)) = nametoport(name) else {
                    return Err(self.err_at(i, format!("unknown port '{name}'")));
                };
                let real = self.port_conflict(proto, real, &format!("port '{name}'"), i)?;
                let port = self.port_range_check(port, i)?;
                Ok(self.prim(
                    Prim::Port {
                        proto: real,
                        dir,
                        port,
                    },
                    start,
                ))
            }
            Addr::PortRange => {
                let proto = self.port_proto(qq.proto, "portrange", i)?;
                let Some((p1, p2, real)) = nametoportrange(name) else {
                    return Err(self.err_at(i, format!("unknown port in range '{name}'")));
                };
                let real =
                    self.port_conflict(proto, real, &format!("port in range '{name}'"), i)?;
                let p1 = self.port_range_check(p1, i)?;
                let p2 = self.port_range_check(p2, i)?;
                Ok(self.prim(
                    Prim::PortRange {
                        proto: real,
                        dir,
                        lo: p1.min(p2),
                        hi: p1.max(p2),
                    },
                    start,
                ))
            }
            Addr::Gateway => Err(self.err_at(i, "'gateway' not supported in this configuration")),
            Addr::Proto | Addr::ProtoChain => {
                let v = match qq.proto {
                    None | Some(Proto::Ip | Proto::Ip6) => nametoproto(name)
                        .ok_or_else(|| self.err_at(i, format!("unknown ip proto '{name}'")))?,
                    Some(Proto::Link) => nametoeproto(name)
                        .ok_or_else(|| self.err_at(i, format!("unknown ether proto '{name}'")))?,
                    Some(Proto::Iso) => match name {
                        "esis" | "isis" | "clnp" => {
                            let e = self.err_at(i, "");
                            let message =
                                "'iso proto' is not supported by tcpscope yet".to_string();
                            return Err(FilterError { message, ..e });
                        }
                        _ => return Err(self.err_at(i, format!("unknown osi proto '{name}'"))),
                    },
                    Some(_) => return Err(self.err_at(i, format!("unknown protocol: {name}"))),
                };
                if qq.addr == Addr::Proto {
                    self.gen_proto(v, qq.proto, i, start)
                } else {
                    self.gen_protochain(v, qq.proto, i, start)
                }
            }
        }
    }

    /// The `port 'x' is tcp` checks of gen_scode; the resulting protocol.
    fn port_conflict(
        &self,
        q: Option<Proto>,
        real: RealProto,
        what: &str,
        i: usize,
    ) -> R<Option<Proto>> {
        let name = |r: RealProto| if r == RealProto::Tcp { "tcp" } else { "udp" };
        match (q, real) {
            (Some(Proto::Udp), RealProto::Tcp)
            | (Some(Proto::Tcp | Proto::Sctp), RealProto::Udp) => {
                Err(self.err_at(i, format!("{what} is {}", name(real))))
            }
            (Some(Proto::Sctp), RealProto::Tcp) => Err(self.err_at(i, format!("{what} is tcp"))),
            (Some(p), _) => Ok(Some(p)),
            (None, RealProto::Undef) => Ok(None),
            (None, RealProto::Tcp) => Ok(Some(Proto::Tcp)),
            (None, RealProto::Udp) => Ok(Some(Proto::Udp)),
        }
    }

    fn port_range_check(&self, p: i64, i: usize) -> R<u16> {
        if p < 0 {
            return Err(self.err_at(i, format!("illegal port number {p} < 0")));
        }
        u16::try_from(p).map_err(|_| self.err_at(i, format!("illegal port number {p} > 65535")))
    }
}
