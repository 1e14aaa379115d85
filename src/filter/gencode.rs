//! Lowering of a parsed filter into the atoms of a [`Program`]: a port of
//! libpcap 1.10's `gencode.c`, test by test and in the same order, over the
//! same offsets. Each `gen_*` function here builds the boolean tree of
//! loads and compares that gencode.c would emit as BPF blocks; and/or keep
//! their short circuits, so a load in a branch that is never reached cannot
//! abort (see [`program`](super::program) for how it runs).
//!
//! Differences from the optimized BPF program tcpdump runs (documented where
//! they arise): the optimizer may drop a load whose value cannot matter
//! (e.g. `ip[100] & 0 = 0` keeps packets shorter than that in BPF, we reject
//! them), and `protochain` over a looping AH chain makes BPF loop forever
//! where we give up and reject.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use super::ast::{ArOp, Arith, Dir, Encap, Expr, Prim, Proto, RelOp};
use super::program::{Atom, B, Bases, CmpOp, Load, Program, binop, load_for};
use crate::packet::LinkType;

/// Compiles `expr` for packets of `link`.
pub fn compile(expr: &Expr, link: LinkType) -> Program {
    let mut g = Gen {
        link,
        atoms: Vec::new(),
        ids: HashMap::new(),
    };
    let tree = g.expr(expr);
    Program::new(g.atoms, &tree)
}

// Ethernet types and LLC SAPs gencode.c uses.
const ETHERMTU: u32 = 1500;
const ET_IP: u32 = 0x0800;
const ET_ARP: u32 = 0x0806;
const ET_REVARP: u32 = 0x8035;
const ET_IPV6: u32 = 0x86dd;
const ET_ATALK: u32 = 0x809b;
const ET_AARP: u32 = 0x80f3;
const ET_DN: u32 = 0x6003;
const ET_SCA: u32 = 0x6007;
const ET_LAT: u32 = 0x6004;
const ET_MOPDL: u32 = 0x6001;
const ET_MOPRC: u32 = 0x6002;
const ET_IPX: u32 = 0x8137;
const ET_NS: u32 = 0x0600;
const ET_8021Q: u32 = 0x8100;
const ET_8021AD: u32 = 0x88a8;
const ET_QINQ: u32 = 0x9100;
const ET_MPLS: u32 = 0x8847;
const ET_PPPOED: u32 = 0x8863;
const ET_PPPOES: u32 = 0x8864;
const SAP_IP: u32 = 0x06;
const SAP_ISONS: u32 = 0xfe;
const SAP_NETBEUI: u32 = 0xf0;
const SAP_IPX: u32 = 0xe0;
const SAP_8021D: u32 = 0x42;
const SAP_SNAP: u8 = 0xaa;
const SLL_P_802_2: u32 = 0x0004;
const SLL_P_802_3: u32 = 0x0001;
const SLL_OUTGOING: u32 = 4;
const PPP_MPLS_UCAST: u32 = 0x0281;

// IP protocol numbers.
const P_ICMP: u32 = 1;
const P_IGMP: u32 = 2;
const P_TCP: u32 = 6;
const P_IGRP: u32 = 9;
const P_UDP: u32 = 17;
const P_FRAGMENT: u32 = 44;
const P_ESP: u32 = 50;
const P_AH: u32 = 51;
const P_ICMPV6: u32 = 58;
const P_PIM: u32 = 103;
const P_VRRP: u32 = 112;
const P_SCTP: u32 = 132;
const ISO_CLNP: u32 = 0x81;
const ISO_ESIS: u32 = 0x82;
const ISO_ISIS: u32 = 0x83;

/// The link layer as gencode.c sees it (`cstate->linktype`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Ether,
    Sll,
    Sll2,
    /// DLT_NULL: AF_ value in the capturing host's byte order.
    Null,
    /// DLT_LOOP: AF_ value in network byte order.
    Loop,
    /// DLT_RAW and SLIP: the IP version nibble at the link header.
    Raw,
    Ipv4,
    Ipv6,
    Ipnet,
    /// PPP's protocol field (DLT_PPP, and what `pppoes` switches to).
    Ppp,
    /// A link type gencode.c has no network-layer test for.
    Other,
}

/// gencode.c's offsets at one point of the expression (`off_linkhdr`,
/// `off_linktype`, `off_linkpl`, `off_nl`, `off_nl_nosnap`,
/// `label_stack_depth`), after the `vlan`/`pppoes`/`mpls` before it.
#[derive(Clone, Copy, Debug)]
struct Ctx {
    kind: Kind,
    /// The outermost link type was Ethernet (for `ether host`, `vlan`…).
    ether: bool,
    linkhdr: u64,
    linktype: u64,
    linkpl: u64,
    nl: u64,
    nl_nosnap: u64,
    mpls: u8,
    pppoes: bool,
    /// libpcap would have refused to compile this primitive here.
    invalid: bool,
}

impl Ctx {
    fn new(link: LinkType, enc: Encap) -> Ctx {
        let (kind, linktype, linkpl, nl_nosnap) = match link {
            LinkType::EN10MB => (Kind::Ether, 12, 14, 3),
            LinkType::LINUX_SLL => (Kind::Sll, 14, 16, 0),
            LinkType::LINUX_SLL2 => (Kind::Sll2, 0, 20, 0),
            LinkType::NULL => (Kind::Null, 0, 4, 0),
            LinkType::LOOP => (Kind::Loop, 0, 4, 0),
            LinkType::IPV4 => (Kind::Ipv4, 0, 0, 0),
            LinkType::RAW => (Kind::Raw, 0, 0, 0),
            LinkType::IPV6 => (Kind::Ipv6, 0, 0, 0),
            LinkType::IPNET => (Kind::Ipnet, 1, 24, 0),
            // DLT_SLIP, DLT_SLIP_BSDOS.
            LinkType(8) => (Kind::Raw, 0, 16, 0),
            LinkType(15) => (Kind::Raw, 0, 24, 0),
            // DLT_PPP, DLT_PPP_SERIAL, DLT_PPP_PPPD.
            LinkType(9) | LinkType(50) | LinkType(166) => (Kind::Ppp, 2, 4, 0),
            _ => (Kind::Other, 0, 0, 0),
        };
        let mut c = Ctx {
            kind,
            ether: kind == Kind::Ether,
            linkhdr: 0,
            linktype,
            linkpl,
            nl: 0,
            nl_nosnap,
            mpls: 0,
            pppoes: enc.pppoes,
            invalid: false,
        };
        // gen_vlan: Ethernet only; each tag moves the type and payload.
        if enc.vlans > 0 && kind != Kind::Ether {
            c.invalid = true;
        }
        c.linktype += 4 * u64::from(enc.vlans);
        c.linkpl += 4 * u64::from(enc.vlans);
        // gen_pppoes: the PPP header follows the 6-byte PPPoE header.
        if enc.pppoes {
            c.linkhdr = c.linkpl + c.nl + 6;
            c.linktype = c.linkhdr;
            c.linkpl = c.linkhdr + 2;
            c.nl = 0;
            c.nl_nosnap = 0;
            c.kind = Kind::Ppp;
        }
        // gen_mpls: each label moves the network layer.
        if enc.mpls > 0 && !matches!(c.kind, Kind::Ether | Kind::Ppp) {
            c.invalid = true;
        }
        c.nl += 4 * u64::from(enc.mpls);
        c.nl_nosnap += 4 * u64::from(enc.mpls);
        c.mpls = enc.mpls;
        c
    }

    /// Start of the network layer (`OR_LINKPL` base).
    fn net(&self) -> u64 {
        self.linkpl + self.nl
    }
}

/// The lowering state: the atoms made so far, each once.
struct Gen {
    link: LinkType,
    atoms: Vec<Atom>,
    ids: HashMap<Atom, u32>,
}

impl Gen {
    fn atom(&mut self, a: Atom) -> B {
        if let Some(&id) = self.ids.get(&a) {
            return B::Atom(id);
        }
        let id = u32::try_from(self.atoms.len()).unwrap_or(u32::MAX);
        self.atoms.push(a.clone());
        self.ids.insert(a, id);
        B::Atom(id)
    }
    /// `(load & mask) op k`.
    fn cmp(&mut self, load: Load, mask: u32, op: CmpOp, k: u32) -> B {
        self.atom(Atom::Cmp { load, mask, op, k })
    }
    /// `size` bytes at `off`, masked, equal to `k`.
    fn eq(&mut self, off: u64, size: u8, mask: u32, k: u32) -> B {
        self.cmp(Load::Abs { off, size }, mask, CmpOp::Eq, k)
    }
    fn b_eq(&mut self, off: u64, k: u32) -> B {
        self.eq(off, 1, u32::MAX, k)
    }
    fn h_eq(&mut self, off: u64, k: u32) -> B {
        self.eq(off, 2, u32::MAX, k)
    }
    fn w_eq(&mut self, off: u64, k: u32) -> B {
        self.eq(off, 4, u32::MAX, k)
    }

    fn expr(&mut self, expr: &Expr) -> B {
        match expr {
            Expr::And(a, b) => {
                let a = self.expr(a);
                let b = self.expr(b);
                B::and(a, b)
            }
            Expr::Or(a, b) => {
                let a = self.expr(a);
                let b = self.expr(b);
                B::or(a, b)
            }
            Expr::Not(a) => B::not(self.expr(a)),
            Expr::Prim(prim, enc, _) => {
                let c = Ctx::new(self.link, *enc);
                if c.invalid {
                    return B::Const(false);
                }
                self.prim(prim, &c)
            }
            Expr::Rel(op, a0, a1, enc, _) => {
                let c = Ctx::new(self.link, *enc);
                if c.invalid {
                    return B::Const(false);
                }
                self.relation(*op, a0, a1, &c)
            }
        }
    }

    // -----------------------------------------------------------------------
    // Link-layer protocol tests (gen_linktype and friends).

    /// gen_linktype: whether the link layer carries `ll` (an Ethernet type
    /// or, at most ETHERMTU, an LLC SAP).
    fn linktype(&mut self, c: &Ctx, ll: u32) -> B {
        if c.mpls > 0 {
            return self.mpls_linktype(c, ll);
        }
        match c.kind {
            Kind::Ether => self.ether_linktype(c, ll),
            Kind::Sll => self.sll_linktype(c, ll),
            // Default case: a plain 16-bit compare at off_linktype.
            Kind::Sll2 => self.h_eq(c.linktype, ll),
            Kind::Null | Kind::Loop => match ll {
                ET_IP => self.loopback(c, 2),
                // Reading a savefile: every BSD AF_INET6 (not Linux's 10).
                ET_IPV6 => {
                    let a = self.loopback(c, 24);
                    let b = self.loopback(c, 28);
                    let d = self.loopback(c, 30);
                    B::or(a, B::or(b, d))
                }
                _ => B::Const(false),
            },
            Kind::Raw => match ll {
                ET_IP => self.eq(c.linkhdr, 1, 0xf0, 0x40),
                ET_IPV6 => self.eq(c.linkhdr, 1, 0xf0, 0x60),
                _ => B::Const(false),
            },
            Kind::Ipv4 => B::Const(ll == ET_IP),
            Kind::Ipv6 => B::Const(ll == ET_IPV6),
            Kind::Ipnet => match ll {
                ET_IP => self.b_eq(c.linktype, 2),
                ET_IPV6 => self.b_eq(c.linktype, 26),
                _ => B::Const(false),
            },
            Kind::Ppp => self.h_eq(c.linktype, ethertype_to_ppptype(ll)),
            Kind::Other => B::Const(false),
        }
    }

    /// gen_loopback_linktype. For DLT_NULL libpcap compares in the byte
    /// order of the file, which we are not told; the header is in the
    /// writer's byte order, as is the file, so accept the value in either
    /// order (differs from libpcap only for a header in the other order
    /// than its file).
    fn loopback(&mut self, c: &Ctx, af: u32) -> B {
        let direct = self.w_eq(c.linkhdr, af);
        match c.kind {
            Kind::Null => {
                let swapped = self.w_eq(c.linkhdr, af.swap_bytes());
                B::or(direct, swapped)
            }
            _ => direct,
        }
    }

    /// gen_mpls_linktype: bottom-of-stack bit of the last label and the IP
    /// version nibble.
    fn mpls_linktype(&mut self, c: &Ctx, ll: u32) -> B {
        let version = match ll {
            ET_IP => 0x40,
            ET_IPV6 => 0x60,
            // "unsupported protocol over mpls": not compiled.
            _ => return B::Const(false),
        };
        let bos = self.bos_bit(c, 1);
        let v = self.eq(c.net(), 1, 0xf0, version);
        B::and(bos, v)
    }

    /// The bottom-of-stack bit of the MPLS label before the network layer
    /// equals `bit`.
    fn bos_bit(&mut self, c: &Ctx, bit: u32) -> B {
        match c.net().checked_sub(2) {
            Some(off) => self.eq(off, 1, 1, bit),
            None => self.atom(Atom::Fail),
        }
    }

    /// gen_snap: the 8-byte LLC/SNAP header at `off` (loaded last word first).
    fn snap(&mut self, off: u64, org: u32, ptype: u32) -> B {
        let hi = u32::from_be_bytes([SAP_SNAP, SAP_SNAP, 0x03, (org >> 16) as u8]);
        let lo = (org & 0xffff) << 16 | (ptype & 0xffff);
        let a = self.w_eq(off + 4, lo);
        let b = self.w_eq(off, hi);
        B::and(a, b)
    }

    /// gen_ether_linktype, with Ethernet/802.3 length handling.
    fn ether_linktype(&mut self, c: &Ctx, ll: u32) -> B {
        let lt = c.linktype;
        let llc = c.linkpl;
        let len_over_mtu = Load::Abs { off: lt, size: 2 };
        let is_802_3 = |g: &mut Gen| B::not(g.cmp(len_over_mtu, u32::MAX, CmpOp::Gt, ETHERMTU));
        match ll {
            SAP_ISONS | SAP_IP | SAP_NETBEUI => {
                let a = is_802_3(self);
                let b = self.h_eq(llc, ll << 8 | ll);
                B::and(a, b)
            }
            SAP_IPX => {
                let a = self.h_eq(lt, ET_IPX);
                let b = is_802_3(self);
                let x = self.b_eq(llc, SAP_IPX);
                let y = self.h_eq(llc, 0xffff);
                let z = self.snap(llc, 0, ET_IPX);
                B::or(a, B::and(b, B::or(x, B::or(y, z))))
            }
            ET_ATALK | ET_AARP => {
                let org = if ll == ET_ATALK { 0x080007 } else { 0 };
                let a = self.h_eq(lt, ll);
                let b = is_802_3(self);
                let s = self.snap(llc, org, ll);
                B::or(a, B::and(b, s))
            }
            _ if ll <= ETHERMTU => {
                let a = is_802_3(self);
                let b = self.b_eq(lt + 2, ll);
                B::and(a, b)
            }
            _ => self.h_eq(lt, ll),
        }
    }

    /// gen_linux_sll_linktype.
    fn sll_linktype(&mut self, c: &Ctx, ll: u32) -> B {
        let lt = c.linktype;
        let llc = c.linkpl;
        match ll {
            SAP_ISONS | SAP_IP | SAP_NETBEUI => {
                let a = self.h_eq(lt, SLL_P_802_2);
                let b = self.h_eq(llc, ll << 8 | ll);
                B::and(a, b)
            }
            SAP_IPX => {
                let a = self.h_eq(lt, ET_IPX);
                let b = self.h_eq(lt, SLL_P_802_3);
                let d = self.h_eq(lt, SLL_P_802_2);
                let x = self.b_eq(llc, SAP_IPX);
                let s = self.snap(llc, 0, ET_IPX);
                B::or(a, B::or(b, B::and(d, B::or(x, s))))
            }
            ET_ATALK | ET_AARP => {
                let org = if ll == ET_ATALK { 0x080007 } else { 0 };
                let a = self.h_eq(lt, ll);
                let d = self.h_eq(lt, SLL_P_802_2);
                let s = self.snap(llc, org, ll);
                B::or(a, B::and(d, s))
            }
            _ if ll <= ETHERMTU => {
                let a = self.h_eq(lt, SLL_P_802_2);
                let b = self.b_eq(llc, ll);
                B::and(a, b)
            }
            _ => self.h_eq(lt, ll),
        }
    }

    // -----------------------------------------------------------------------
    // Primitives.

    fn prim(&mut self, prim: &Prim, c: &Ctx) -> B {
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
                self.dir(dir, |g, src_side| {
                    g.ether_bytes(if src_side { src } else { dst }, &mac)
                })
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
                    self.ether_bytes(c.linkhdr, &[0xff; 6])
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
                    B::not(self.eq(c.linkhdr, 1, 1, 0))
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
                        Kind::Ether => self.linktype(c, ET_MPLS),
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
            Prim::Inbound(inbound) => {
                let out = match c.kind {
                    _ if c.pppoes => return B::Const(false),
                    Kind::Sll => self.h_eq(c.linkhdr, SLL_OUTGOING),
                    Kind::Sll2 => self.b_eq(c.linkhdr + 10, SLL_OUTGOING),
                    Kind::Ipnet => {
                        return self.h_eq(c.linkhdr + 2, if inbound { 1 } else { 2 });
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
    fn dir(&mut self, dir: Dir, mut one: impl FnMut(&mut Gen, bool) -> B) -> B {
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
    fn ether_bytes(&mut self, off: u64, mac: &[u8; 6]) -> B {
        let [a, b, c, d, e, f] = *mac;
        let low = self.w_eq(off + 2, u32::from_be_bytes([c, d, e, f]));
        let high = self.h_eq(off, u32::from(u16::from_be_bytes([a, b])));
        B::and(low, high)
    }

    /// gen_host for IPv4 addresses and networks.
    fn host4(&mut self, c: &Ctx, proto: Option<Proto>, dir: Dir, addr: u32, mask: u32) -> B {
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
    fn hostop(
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
    fn host6(&mut self, c: &Ctx, proto: Option<Proto>, dir: Dir, addr: [u8; 16], prefix: u8) -> B {
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
    fn ports(&mut self, c: &Ctx, proto: Option<Proto>, dir: Dir, lo: u32, hi: u32) -> B {
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

    /// gen_ipfrag: not a non-first fragment (`ip[6:2] & 0x1fff == 0`).
    fn ipfrag_first(&mut self, c: &Ctx) -> B {
        self.eq(c.net() + 6, 2, 0x1fff, 0)
    }

    /// gen_proto_abbrev_internal.
    fn abbrev(&mut self, c: &Ctx, proto: Proto) -> B {
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
    fn gen_proto(&mut self, c: &Ctx, v: u32, family: Option<Proto>) -> B {
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
    fn protochain(&mut self, c: &Ctx, v: u32, v6: bool) -> B {
        let lt = self.linktype(c, if v6 { ET_IPV6 } else { ET_IP });
        let chain = self.atom(Atom::Chain {
            v,
            v6,
            net: c.net(),
        });
        B::and(lt, chain)
    }

    // -----------------------------------------------------------------------
    // Arithmetic relations (gen_relation, gen_load, gen_arth).

    /// `a0 op a1`: first every protocol test the loads carry (gen_relation
    /// ANDs them in front), then the arithmetic and the compare.
    fn relation(&mut self, op: RelOp, a0: &Arith, a1: &Arith, c: &Ctx) -> B {
        let g0 = self.guards(a0, c);
        let g1 = self.guards(a1, c);
        let bases = Bases {
            linkhdr: c.linkhdr,
            net: c.net(),
        };
        let test = match simple_compare(op, a0, a1, &bases) {
            Some((load, mask, op, k, negate)) => {
                let t = self.cmp(load, mask, op, k);
                if negate { B::not(t) } else { t }
            }
            None => self.atom(Atom::Rel {
                op,
                a0: a0.clone(),
                a1: a1.clone(),
                bases,
            }),
        };
        B::and(g0, B::and(g1, test))
    }

    /// The protocol tests an arithmetic expression's loads carry
    /// (`arth->b`). gen_arth keeps only its left operand's: the right
    /// operand's tests are dropped, so its loads run unguarded.
    fn guards(&mut self, a: &Arith, c: &Ctx) -> B {
        match a {
            Arith::Num(_) | Arith::Len => B::Const(true),
            Arith::Neg(x) => self.guards(x, c),
            Arith::Bin(_, x, _) => self.guards(x, c),
            Arith::Load { proto, index, .. } => {
                let proto = *proto;
                if proto == Proto::Link {
                    self.guards(index, c)
                } else if proto.loads_from_network_layer() {
                    let g = self.guards(index, c);
                    let p = self.abbrev(c, proto);
                    B::and(g, p)
                } else if proto.loads_from_transport_layer() {
                    let ip = self.linktype(c, ET_IP);
                    let g = self.guards(index, c);
                    let p = self.abbrev(c, proto);
                    let first = self.ipfrag_first(c);
                    B::and(ip, B::and(g, B::and(p, first)))
                } else if proto == Proto::Icmp6 {
                    let g = self.guards(index, c);
                    let ip6 = self.linktype(c, ET_IPV6);
                    let nh = self.b_eq(c.net() + 6, P_ICMPV6);
                    B::and(g, B::and(ip6, nh))
                } else {
                    // "unsupported index operation": not compiled.
                    B::Const(false)
                }
            }
        }
    }
}

/// `proto[i] [& m] op k` with constant `i`, `m` and `k` as one compare:
/// `(load, mask, op, k, negated)`. The loads and their order are those of
/// the general evaluation, so the outcome (and any abort) is the same.
fn simple_compare(
    op: RelOp,
    a0: &Arith,
    a1: &Arith,
    b: &Bases,
) -> Option<(Load, u32, CmpOp, u32, bool)> {
    let k = constant(a1)?;
    let (load, mask) = match a0 {
        Arith::Len => (Load::WireLen, u32::MAX),
        Arith::Load { proto, index, size } => {
            (load_for(*proto, constant(index)?, *size, b)?, u32::MAX)
        }
        Arith::Bin(ArOp::And, x, m) => match &**x {
            Arith::Load { proto, index, size } => {
                (load_for(*proto, constant(index)?, *size, b)?, constant(m)?)
            }
            _ => return None,
        },
        _ => return None,
    };
    let (op, negate) = match op {
        RelOp::Eq => (CmpOp::Eq, false),
        RelOp::Ne => (CmpOp::Eq, true),
        RelOp::Gt => (CmpOp::Gt, false),
        RelOp::Le => (CmpOp::Gt, true),
        RelOp::Ge => (CmpOp::Ge, false),
        RelOp::Lt => (CmpOp::Ge, true),
    };
    Some((load, mask, op, k, negate))
}

/// The value of an arithmetic expression without loads, `len` or a
/// division by zero.
fn constant(a: &Arith) -> Option<u32> {
    match a {
        Arith::Num(n) => Some(*n),
        Arith::Neg(x) => Some(0u32.wrapping_sub(constant(x)?)),
        Arith::Bin(op, x, y) => binop(*op, constant(x)?, constant(y)?),
        Arith::Len | Arith::Load { .. } => None,
    }
}

fn ethertype_to_ppptype(ll: u32) -> u32 {
    match ll {
        ET_IP => 0x0021,
        ET_IPV6 => 0x0057,
        ET_DN => 0x0027,
        ET_ATALK => 0x0029,
        ET_NS => 0x0025,
        SAP_ISONS => 0x0023,
        SAP_8021D => 0x0031,
        SAP_IPX => 0x002b,
        v => v,
    }
}

#[cfg(test)]
mod tests;
