//! The primitives of `man pcap-filter` (gencode.c's `gen_host`, `gen_port`,
//! `gen_proto`, `gen_vlan`…) as trees of atoms.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::Gen;
use super::link::*;
use crate::filter::ast::{Dir, Prim, Proto};
use crate::filter::program::{Atom, B, CmpOp, Load};
use crate::packet::LinkType;

impl Gen {
    pub(super) fn prim(&mut self, prim: &Prim, c: &Ctx) -> B {
        match *prim {
            Prim::Host4 { proto, dir, addr } => {
                self.host4(c, proto, dir, u32::from(addr), u32::MAX)
            }
            Prim::Net4 {
                proto,
                dir,
                addr,
                mask,
            } => self.host4(c, proto, dir, u32::from(addr), u32::from(mask)),
            Prim::Host6 { proto, dir, addr } => self.host6(c, proto, dir, addr.octets(), 128),
            Prim::Net6 {
                proto,
                dir,
                addr,
                prefix,
            } => self.host6(c, proto, dir, addr.octets(), prefix),
            Prim::EtherHost { dir, mac } => {
                if !c.ether || c.pppoes {
                    return B::Const(false);
                }
                let src = c.linkhdr + 6;
                let dst = c.linkhdr;
                let ll = self.geneve_ll(c);
                let h = self.dir(dir, |g, src_side| {
                    g.ether_bytes(if src_side { src } else { dst }, &mac)
                });
                B::and(ll, h)
            }
            Prim::Port { proto, dir, port } => {
                let port = u32::from(port);
                self.ports(c, proto, dir, port, port)
            }
            Prim::PortRange { proto, dir, lo, hi } => {
                let (lo, hi) = (u32::from(lo.min(hi)), u32::from(lo.max(hi)));
                self.ports(c, proto, dir, lo, hi)
            }
            Prim::Abbrev(proto) => self.abbrev(c, proto),
            Prim::IpProto { family, proto } => self.gen_proto(c, u32::from(proto), family),
            Prim::ProtoChain { family, proto } => {
                let v = u32::from(proto);
                match family {
                    None => {
                        let a = self.protochain(c, v, false);
                        let b = self.protochain(c, v, true);
                        B::or(a, b)
                    }
                    Some(Proto::Ip) => self.protochain(c, v, false),
                    Some(Proto::Ip6) => self.protochain(c, v, true),
                    Some(_) => B::Const(false),
                }
            }
            Prim::EtherProto(v) => self.linktype(c, u32::from(v)),
            Prim::Broadcast(proto) => match proto {
                None | Some(Proto::Link) => {
                    if !c.ether || c.pppoes {
                        return B::Const(false);
                    }
                    let ll = self.geneve_ll(c);
                    let b = self.ether_bytes(c.linkhdr, &[0xff; 6]);
                    B::and(ll, b)
                }
                // tcpdump reading a file compiles with netmask 0: the host
                // part is the whole address.
                Some(Proto::Ip) => {
                    let ip = self.linktype(c, ET_IP);
                    let zero = self.w_eq(c.net() + 16, 0);
                    let ones = self.w_eq(c.net() + 16, u32::MAX);
                    B::and(ip, B::or(zero, ones))
                }
                Some(_) => B::Const(false),
            },
            Prim::Multicast(proto) => match proto {
                None | Some(Proto::Link) => {
                    if !c.ether || c.pppoes {
                        return B::Const(false);
                    }
                    let ll = self.geneve_ll(c);
                    let m = B::not(self.eq(c.linkhdr, 1, 1, 0));
                    B::and(ll, m)
                }
                Some(Proto::Ip) => {
                    let ip = self.linktype(c, ET_IP);
                    let m = self.cmp(
                        Load::Abs {
                            off: c.net() + 16,
                            size: 1,
                        },
                        u32::MAX,
                        CmpOp::Ge,
                        224,
                    );
                    B::and(ip, m)
                }
                Some(Proto::Ip6) => {
                    let ip6 = self.linktype(c, ET_IPV6);
                    let m = self.b_eq(c.net() + 24, 255);
                    B::and(ip6, m)
                }
                Some(_) => B::Const(false),
            },
            Prim::Less(n) => B::not(self.cmp(Load::WireLen, u32::MAX, CmpOp::Gt, n)),
            Prim::Greater(n) => self.cmp(Load::WireLen, u32::MAX, CmpOp::Ge, n),
            Prim::Vlan(vid) => {
                // gen_vlan: Ethernet only, never after mpls or pppoes. The
                // primitive's own Encap counts the tags before it.
                if !c.ether || c.pppoes || c.mpls > 0 {
                    return B::Const(false);
                }
                let q = self.linktype(c, ET_8021Q);
                let ad = self.linktype(c, ET_8021AD);
                let qinq = self.linktype(c, ET_QINQ);
                let tpid = B::or(q, B::or(ad, qinq));
                match vid {
                    None => tpid,
                    Some(v) => {
                        let id = self.eq(c.net(), 2, 0x0fff, u32::from(v) & 0x0fff);
                        B::and(tpid, id)
                    }
                }
            }
            Prim::Mpls(label) => {
                let b0 = if c.mpls > 0 {
                    self.bos_bit(c, 0)
                } else {
                    match c.kind {
                        Kind::Ether | Kind::Chdlc => self.linktype(c, ET_MPLS),
                        Kind::Ppp => self.linktype(c, PPP_MPLS_UCAST),
                        _ => return B::Const(false),
                    }
                };
                match label {
                    None => b0,
                    Some(l) => {
                        let m = self.eq(c.net(), 4, 0xffff_f000, (l << 12) & 0xffff_f000);
                        B::and(b0, m)
                    }
                }
            }
            Prim::Pppoed => self.linktype(c, ET_PPPOED),
            Prim::Geneve(vni) => self.geneve(c, vni),
            Prim::Pppoes(sess) => {
                let b0 = self.linktype(c, ET_PPPOES);
                match sess {
                    None => b0,
                    Some(s) => {
                        let m = self.eq(c.net(), 4, 0xffff, u32::from(s));
                        B::and(b0, m)
                    }
                }
            }
            Prim::IfIndex(n) => self.w_eq(c.linkhdr + 4, n),
            Prim::Inbound(inbound) => {
                let out = match c.kind {
                    _ if c.pppoes => return B::Const(false),
                    Kind::Sll => self.h_eq(c.linkhdr, SLL_OUTGOING),
                    Kind::Sll2 => self.b_eq(c.linkhdr + 10, SLL_OUTGOING),
                    Kind::Ipnet => {
                        return self.h_eq(c.linkhdr + 2, if inbound { 1 } else { 2 });
                    }
                    // DLT_PPP_PPPD: pppd's direction byte (0 in, 1 out).
                    Kind::Ppp if c.link == LinkType(166) => {
                        return self.b_eq(c.linkhdr, u32::from(!inbound));
                    }
                    // "inbound/outbound not supported … when reading savefiles".
                    _ => return B::Const(false),
                };
                if inbound { B::not(out) } else { out }
            }
        }
    }

    /// A direction qualifier over a test of the source (`true`) or
    /// destination side.
    pub(super) fn dir(&mut self, dir: Dir, mut one: impl FnMut(&mut Gen, bool) -> B) -> B {
        match dir {
            Dir::Src => one(self, true),
            Dir::Dst => one(self, false),
            Dir::SrcAndDst => {
                let s = one(self, true);
                let d = one(self, false);
                B::and(s, d)
            }
            Dir::SrcOrDst => {
                let s = one(self, true);
                let d = one(self, false);
                B::or(s, d)
            }
        }
    }

    /// gen_bcmp for a MAC address at `off`: the last four bytes, then the
    /// first two.
    pub(super) fn ether_bytes(&mut self, off: u64, mac: &[u8; 6]) -> B {
        let [a, b, c, d, e, f] = *mac;
        let low = self.w_eq(off + 2, u32::from_be_bytes([c, d, e, f]));
        let high = self.h_eq(off, u32::from(u16::from_be_bytes([a, b])));
        B::and(low, high)
    }

    /// gen_host for IPv4 addresses and networks.
    pub(super) fn host4(
        &mut self,
        c: &Ctx,
        proto: Option<Proto>,
        dir: Dir,
        addr: u32,
        mask: u32,
    ) -> B {
        match proto {
            None => {
                let ip = self.hostop(c, dir, ET_IP, 12, 16, addr, mask);
                if c.mpls > 0 {
                    return ip;
                }
                let arp = self.hostop(c, dir, ET_ARP, 14, 24, addr, mask);
                let rarp = self.hostop(c, dir, ET_REVARP, 14, 24, addr, mask);
                B::or(ip, B::or(arp, rarp))
            }
            Some(Proto::Ip) => self.hostop(c, dir, ET_IP, 12, 16, addr, mask),
            Some(Proto::Arp) => self.hostop(c, dir, ET_ARP, 14, 24, addr, mask),
            Some(Proto::Rarp) => self.hostop(c, dir, ET_REVARP, 14, 24, addr, mask),
            Some(_) => B::Const(false),
        }
    }

    /// gen_hostop: the link type, then the masked 32-bit address.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn hostop(
        &mut self,
        c: &Ctx,
        dir: Dir,
        ll: u32,
        src: u64,
        dst: u64,
        addr: u32,
        mask: u32,
    ) -> B {
        let net = c.net();
        self.dir(dir, |g, src_side| {
            let lt = g.linktype(c, ll);
            // With mask 0 the optimizer folds `and #0` and drops the dead load.
            let a = if mask == 0 && addr == 0 {
                B::Const(true)
            } else {
                g.eq(net + if src_side { src } else { dst }, 4, mask, addr)
            };
            B::and(lt, a)
        })
    }

    /// gen_host6 / gen_hostop6.
    pub(super) fn host6(
        &mut self,
        c: &Ctx,
        proto: Option<Proto>,
        dir: Dir,
        addr: [u8; 16],
        prefix: u8,
    ) -> B {
        match proto {
            None | Some(Proto::Ip6) => {}
            Some(_) => return B::Const(false),
        }
        let mut words = [(0u32, 0u32); 4];
        for (i, (w, chunk)) in words.iter_mut().zip(addr.chunks_exact(4)).enumerate() {
            let bits = u32::from(prefix).saturating_sub(32 * i as u32).min(32);
            let m = if bits == 0 {
                0
            } else {
                u32::MAX << (32 - bits)
            };
            let a = chunk.iter().fold(0u32, |a, &x| a << 8 | u32::from(x));
            *w = (a, m);
        }
        let net = c.net();
        self.dir(dir, |g, src_side| {
            let off = net + if src_side { 8 } else { 24 };
            let mut t = g.linktype(c, ET_IPV6);
            for (i, (a, m)) in words.iter().enumerate() {
                // A word under mask 0: the optimizer drops its load.
                if *m == 0 && *a == 0 {
                    continue;
                }
                let w = g.eq(off + 4 * i as u64, 4, *m, *a);
                t = B::and(t, w);
            }
            t
        })
    }

    /// gen_port/gen_portrange (and their IPv6 twins): `port` is `lo..=hi`
    /// with `lo == hi`; libpcap compiles `port` as `==` and `portrange` as
    /// two compares, which keep the same packets.
    pub(super) fn ports(&mut self, c: &Ctx, proto: Option<Proto>, dir: Dir, lo: u32, hi: u32) -> B {
        let protos: &[u32] = match proto {
            None => &[P_TCP, P_UDP, P_SCTP],
            Some(Proto::Tcp) => &[P_TCP],
            Some(Proto::Udp) => &[P_UDP],
            Some(Proto::Sctp) => &[P_SCTP],
            Some(_) => return B::Const(false),
        };
        let net = c.net();
        let in_range = |g: &mut Gen, load: Load| {
            if lo == hi {
                g.cmp(load, u32::MAX, CmpOp::Eq, lo)
            } else {
                let ge = g.cmp(load, u32::MAX, CmpOp::Ge, lo);
                let gt = g.cmp(load, u32::MAX, CmpOp::Gt, hi);
                B::and(ge, B::not(gt))
            }
        };
        // gen_port6 comes first in the generated code.
        let ip6 = self.linktype(c, ET_IPV6);
        let mut any6 = B::Const(false);
        for &pr in protos {
            let is = self.b_eq(net + 6, pr);
            let d = self.dir(dir, |g, src_side| {
                let off = net + 40 + if src_side { 0 } else { 2 };
                in_range(g, Load::Abs { off, size: 2 })
            });
            any6 = B::or(any6, B::and(is, d));
        }
        let ip = self.linktype(c, ET_IP);
        let mut any4 = B::Const(false);
        for &pr in protos {
            let is = self.b_eq(net + 9, pr);
            let first = self.ipfrag_first(c);
            let d = self.dir(dir, |g, src_side| {
                let idx = if src_side { 0 } else { 2 };
                in_range(
                    g,
                    Load::Ind {
                        base: net,
                        idx,
                        size: 2,
                    },
                )
            });
            any4 = B::or(any4, B::and(is, B::and(first, d)));
        }
        B::or(B::and(ip6, any6), B::and(ip, any4))
    }

    /// gen_geneve: gen_geneve4 (UDP destination port 6081 over IPv4, not
    /// a later fragment) or gen_geneve6, each with the version bits of the
    /// Geneve header 0 and the VNI when given; then gen_geneve_offsets
    /// ([`Atom::GeneveOffsets`]), which points every primitive after this
    /// one at the Geneve payload.
    pub(super) fn geneve(&mut self, c: &Ctx, vni: Option<u32>) -> B {
        const GENEVE_PORT: u32 = 6081;
        let net = c.net();
        let ind = |idx: u32, size: u8| Load::Ind {
            base: net,
            idx,
            size,
        };
        let ip = self.linktype(c, ET_IP);
        let is = self.b_eq(net + 9, P_UDP);
        let first = self.ipfrag_first(c);
        let port = self.cmp(ind(2, 2), u32::MAX, CmpOp::Eq, GENEVE_PORT);
        let ver = self.cmp(ind(8, 1), 0xc0, CmpOp::Eq, 0);
        let mut g4 = B::and(B::and(ip, B::and(is, B::and(first, port))), ver);
        if let Some(v) = vni {
            let id = self.cmp(ind(12, 4), 0xffff_ff00, CmpOp::Eq, v << 8);
            g4 = B::and(g4, id);
        }
        // The registers this Geneve fills (gen_geneve_offsets, which
        // also turns libpcap's optimizer off).
        let reg = c.geneve.map_or(0, |r| r + 3);
        self.no_optimize = true;
        let set4 = self.atom(Atom::GeneveOffsets {
            net,
            v6: false,
            reg,
        });
        let g4 = B::and(g4, set4);
        let ip6 = self.linktype(c, ET_IPV6);
        let is6 = self.b_eq(net + 6, P_UDP);
        let port6 = self.h_eq(net + 42, GENEVE_PORT);
        let ver6 = self.eq(net + 48, 1, 0xc0, 0);
        let mut g6 = B::and(B::and(ip6, B::and(is6, port6)), ver6);
        if let Some(v) = vni {
            let id = self.eq(net + 52, 4, 0xffff_ff00, v << 8);
            g6 = B::and(g6, id);
        }
        let set6 = self.atom(Atom::GeneveOffsets { net, v6: true, reg });
        B::or(g4, B::and(g6, set6))
    }

    /// gen_prevlinkhdr_check after `geneve`: link-layer primitives need
    /// an Ethernet frame inside the Geneve header (gen_geneve_ll_check).
    fn geneve_ll(&mut self, c: &Ctx) -> B {
        match c.geneve {
            Some(reg) => self.atom(Atom::GeneveLl {
                hdr: reg + 1,
                pl: reg + 2,
            }),
            None => B::Const(true),
        }
    }

    /// gen_ipfrag: not a non-first fragment (`ip[6:2] & 0x1fff == 0`).
    pub(super) fn ipfrag_first(&mut self, c: &Ctx) -> B {
        self.eq(c.net() + 6, 2, 0x1fff, 0)
    }

    /// gen_proto_abbrev_internal.
    pub(super) fn abbrev(&mut self, c: &Ctx, proto: Proto) -> B {
        match proto {
            Proto::Sctp => self.gen_proto(c, P_SCTP, None),
            Proto::Tcp => self.gen_proto(c, P_TCP, None),
            Proto::Udp => self.gen_proto(c, P_UDP, None),
            Proto::Icmp => self.gen_proto(c, P_ICMP, Some(Proto::Ip)),
            Proto::Igmp => self.gen_proto(c, P_IGMP, Some(Proto::Ip)),
            Proto::Igrp => self.gen_proto(c, P_IGRP, Some(Proto::Ip)),
            Proto::Pim => self.gen_proto(c, P_PIM, None),
            Proto::Vrrp | Proto::Carp => self.gen_proto(c, P_VRRP, Some(Proto::Ip)),
            Proto::Ip => self.linktype(c, ET_IP),
            Proto::Arp => self.linktype(c, ET_ARP),
            Proto::Rarp => self.linktype(c, ET_REVARP),
            // gencode.c lumps a bare `link` in with `atalk`.
            Proto::Link | Proto::Atalk => self.linktype(c, ET_ATALK),
            Proto::Aarp => self.linktype(c, ET_AARP),
            Proto::Decnet => self.linktype(c, ET_DN),
            Proto::Sca => self.linktype(c, ET_SCA),
            Proto::Lat => self.linktype(c, ET_LAT),
            Proto::Mopdl => self.linktype(c, ET_MOPDL),
            Proto::Moprc => self.linktype(c, ET_MOPRC),
            Proto::Ip6 => self.linktype(c, ET_IPV6),
            Proto::Icmp6 => self.gen_proto(c, P_ICMPV6, Some(Proto::Ip6)),
            Proto::Ah => self.gen_proto(c, P_AH, None),
            Proto::Esp => self.gen_proto(c, P_ESP, None),
            Proto::Iso => self.linktype(c, SAP_ISONS),
            Proto::Esis => self.gen_proto(c, ISO_ESIS, Some(Proto::Iso)),
            Proto::Isis => self.gen_proto(c, ISO_ISIS, Some(Proto::Iso)),
            Proto::Clnp => self.gen_proto(c, ISO_CLNP, Some(Proto::Iso)),
            Proto::Stp => self.linktype(c, SAP_8021D),
            Proto::Ipx => self.linktype(c, SAP_IPX),
            Proto::Netbeui => self.linktype(c, SAP_NETBEUI),
            Proto::Radio => B::Const(false),
        }
    }

    /// gen_proto: `[family] proto v`.
    pub(super) fn gen_proto(&mut self, c: &Ctx, v: u32, family: Option<Proto>) -> B {
        let net = c.net();
        match family {
            None => {
                let a = self.gen_proto(c, v, Some(Proto::Ip));
                let b = self.gen_proto(c, v, Some(Proto::Ip6));
                B::or(a, b)
            }
            Some(Proto::Link) => self.linktype(c, v),
            Some(Proto::Ip) => {
                let ip = self.linktype(c, ET_IP);
                let p = self.b_eq(net + 9, v);
                B::and(ip, p)
            }
            // The next header, or a fragment header's next header.
            Some(Proto::Ip6) => {
                let ip6 = self.linktype(c, ET_IPV6);
                let nh = self.b_eq(net + 6, v);
                let frag = self.b_eq(net + 6, P_FRAGMENT);
                let fnh = self.b_eq(net + 40, v);
                B::and(ip6, B::or(nh, B::and(frag, fnh)))
            }
            Some(Proto::Iso) => {
                let iso = self.linktype(c, SAP_ISONS);
                let p = self.b_eq(c.linkpl + c.nl_nosnap, v);
                B::and(iso, p)
            }
            Some(Proto::Esis | Proto::Isis) => {
                let isis = self.gen_proto(c, ISO_ISIS, Some(Proto::Iso));
                let p = self.b_eq(c.linkpl + c.nl_nosnap + 4, v);
                B::and(isis, p)
            }
            Some(_) => B::Const(false),
        }
    }

    /// gen_protochain: the link-type test, then the BPF loop (run by
    /// [`Atom::Chain`]).
    pub(super) fn protochain(&mut self, c: &Ctx, v: u32, v6: bool) -> B {
        self.no_optimize = true;
        let lt = self.linktype(c, if v6 { ET_IPV6 } else { ET_IP });
        let chain = self.atom(Atom::Chain {
            v,
            v6,
            net: c.net(),
        });
        B::and(lt, chain)
    }
}
