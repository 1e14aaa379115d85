//! Evaluation of a parsed filter over one packet's captured bytes.
//!
//! Mirrors the code libpcap 1.10's `gencode.c` generates, test by test and
//! in the same order, over the same offsets: every load reads the captured
//! bytes, and a load past the captured end (or a division by zero) aborts
//! the whole program with "reject", exactly as the BPF interpreter
//! (`bpf_filter.c`) does. `and`/`or` short-circuit, as BPF's jumps do, so a
//! load in a branch that is never reached cannot abort.
//!
//! Differences from the optimized BPF program tcpdump runs (documented where
//! they arise): the optimizer may drop a load whose value cannot matter
//! (e.g. `ip[100] & 0 = 0` keeps packets shorter than that in BPF, we reject
//! them), and `protochain` over a looping AH chain makes BPF loop forever
//! where we give up after [`CHAIN_LIMIT`] steps and reject.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::ast::{ArOp, Arith, Dir, Encap, Expr, Prim, Proto, RelOp};
use crate::packet::LinkType;

/// Whether a packet of `link` with captured `data` and `wire_len` bytes on the
/// wire passes `expr`, exactly as libpcap's compiled BPF decides.
pub fn matches(expr: &Expr, link: LinkType, data: &[u8], wire_len: u32) -> bool {
    let pkt = Pkt { data, wire_len };
    // Most primitives have no vlan/mpls/pppoes shift: their context is computed once.
    let base = Ctx::new(link, Encap::default());
    eval(expr, link, &base, &pkt).unwrap_or(false)
}

/// The BPF program returned 0 early: an out-of-bounds load or a division by
/// zero. Rejects the packet whatever the rest of the expression says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Abort;

type Ev = Result<bool, Abort>;
type Val = Result<u32, Abort>;

/// How many extension headers `protochain` follows before giving up.
const CHAIN_LIMIT: usize = 1024;

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
const P_NONE: u32 = 59;
const P_PIM: u32 = 103;
const P_VRRP: u32 = 112;
const P_SCTP: u32 = 132;
const ISO_CLNP: u32 = 0x81;
const ISO_ESIS: u32 = 0x82;
const ISO_ISIS: u32 = 0x83;

/// The captured bytes with BPF's bounds-checked loads.
struct Pkt<'a> {
    data: &'a [u8],
    wire_len: u32,
}

impl Pkt<'_> {
    /// The `N` bytes at `off`, or an abort (BPF's out-of-bounds return 0).
    #[inline]
    fn bytes<const N: usize>(&self, off: u64) -> Result<&[u8; N], Abort> {
        let start = usize::try_from(off).map_err(|_| Abort)?;
        self.data
            .get(start..)
            .and_then(<[u8]>::first_chunk::<N>)
            .ok_or(Abort)
    }
    /// A big-endian load of `n` (1, 2 or 4) bytes.
    fn load(&self, off: u64, n: u64) -> Val {
        match n {
            1 => self.b(off),
            2 => self.h(off),
            _ => self.w(off),
        }
    }
    #[inline]
    fn b(&self, off: u64) -> Val {
        Ok(u32::from(self.bytes::<1>(off)?[0]))
    }
    #[inline]
    fn h(&self, off: u64) -> Val {
        Ok(u32::from(u16::from_be_bytes(*self.bytes::<2>(off)?)))
    }
    #[inline]
    fn w(&self, off: u64) -> Val {
        Ok(u32::from_be_bytes(*self.bytes::<4>(off)?))
    }
    fn msh(&self, off: u64) -> Val {
        Ok((self.b(off)? & 0xf) << 2)
    }
}

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

fn eval(expr: &Expr, link: LinkType, base: &Ctx, p: &Pkt<'_>) -> Ev {
    match expr {
        Expr::And(a, b) => Ok(eval(a, link, base, p)? && eval(b, link, base, p)?),
        Expr::Or(a, b) => Ok(eval(a, link, base, p)? || eval(b, link, base, p)?),
        Expr::Not(a) => Ok(!eval(a, link, base, p)?),
        Expr::Prim(prim, enc, _) => {
            let shifted;
            let c = if *enc == Encap::default() {
                base
            } else {
                shifted = Ctx::new(link, *enc);
                &shifted
            };
            if c.invalid {
                return Ok(false);
            }
            prim_eval(prim, c, p)
        }
        Expr::Rel(op, a0, a1, enc, _) => {
            let shifted;
            let c = if *enc == Encap::default() {
                base
            } else {
                shifted = Ctx::new(link, *enc);
                &shifted
            };
            if c.invalid {
                return Ok(false);
            }
            relation(*op, a0, a1, c, p)
        }
    }
}

// ---------------------------------------------------------------------------
// Link-layer protocol tests (gen_linktype and friends).

/// gen_linktype: whether the link layer carries `ll` (an Ethernet type or,
/// at most ETHERMTU, an LLC SAP).
fn linktype(c: &Ctx, p: &Pkt<'_>, ll: u32) -> Ev {
    if c.mpls > 0 {
        return mpls_linktype(c, p, ll);
    }
    match c.kind {
        Kind::Ether => ether_linktype(c, p, ll),
        Kind::Sll => sll_linktype(c, p, ll),
        // Default case: a plain 16-bit compare at off_linktype.
        Kind::Sll2 => Ok(p.h(c.linktype)? == ll),
        Kind::Null | Kind::Loop => match ll {
            ET_IP => loopback(c, p, 2),
            // Reading a savefile: every BSD AF_INET6 (not Linux's 10).
            ET_IPV6 => Ok(loopback(c, p, 24)? || loopback(c, p, 28)? || loopback(c, p, 30)?),
            _ => Ok(false),
        },
        Kind::Raw => match ll {
            ET_IP => Ok(p.b(c.linkhdr)? & 0xf0 == 0x40),
            ET_IPV6 => Ok(p.b(c.linkhdr)? & 0xf0 == 0x60),
            _ => Ok(false),
        },
        Kind::Ipv4 => Ok(ll == ET_IP),
        Kind::Ipv6 => Ok(ll == ET_IPV6),
        Kind::Ipnet => match ll {
            ET_IP => Ok(p.b(c.linktype)? == 2),
            ET_IPV6 => Ok(p.b(c.linktype)? == 26),
            _ => Ok(false),
        },
        Kind::Ppp => Ok(p.h(c.linktype)? == ethertype_to_ppptype(ll)),
        Kind::Other => Ok(false),
    }
}

/// gen_loopback_linktype. For DLT_NULL libpcap compares in the byte order
/// of the file, which we are not told; the header is in the writer's byte
/// order, as is the file, so accept the value in either order (differs
/// from libpcap only for a header in the other order than its file).
fn loopback(c: &Ctx, p: &Pkt<'_>, af: u32) -> Ev {
    let v = p.w(c.linkhdr)?;
    Ok(match c.kind {
        Kind::Null => v == af || v.swap_bytes() == af,
        _ => v == af,
    })
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

/// gen_mpls_linktype: bottom-of-stack bit of the last label and the IP
/// version nibble.
fn mpls_linktype(c: &Ctx, p: &Pkt<'_>, ll: u32) -> Ev {
    let version = match ll {
        ET_IP => 0x40,
        ET_IPV6 => 0x60,
        // "unsupported protocol over mpls": not compiled.
        _ => return Ok(false),
    };
    let bos = c.net().checked_sub(2).ok_or(Abort)?;
    Ok(p.b(bos)? & 1 == 1 && p.b(c.net())? & 0xf0 == version)
}

/// gen_snap: the 8-byte LLC/SNAP header at `off` (loaded last word first).
fn snap(p: &Pkt<'_>, off: u64, org: u32, ptype: u32) -> Ev {
    let hi = u32::from_be_bytes([SAP_SNAP, SAP_SNAP, 0x03, (org >> 16) as u8]);
    let lo = (org & 0xffff) << 16 | (ptype & 0xffff);
    Ok(p.w(off + 4)? == lo && p.w(off)? == hi)
}

/// gen_ether_linktype, with Ethernet/802.3 length handling.
fn ether_linktype(c: &Ctx, p: &Pkt<'_>, ll: u32) -> Ev {
    let lt = c.linktype;
    let llc = c.linkpl;
    let is_802_3 = |p: &Pkt<'_>| -> Ev { Ok(p.h(lt)? <= ETHERMTU) };
    match ll {
        SAP_ISONS | SAP_IP | SAP_NETBEUI => Ok(is_802_3(p)? && p.h(llc)? == (ll << 8 | ll)),
        SAP_IPX => Ok(p.h(lt)? == ET_IPX
            || (is_802_3(p)?
                && (p.b(llc)? == SAP_IPX || p.h(llc)? == 0xffff || snap(p, llc, 0, ET_IPX)?))),
        ET_ATALK | ET_AARP => {
            let org = if ll == ET_ATALK { 0x080007 } else { 0 };
            Ok(p.h(lt)? == ll || (is_802_3(p)? && snap(p, llc, org, ll)?))
        }
        _ if ll <= ETHERMTU => Ok(is_802_3(p)? && p.b(lt + 2)? == ll),
        _ => Ok(p.h(lt)? == ll),
    }
}

/// gen_linux_sll_linktype.
fn sll_linktype(c: &Ctx, p: &Pkt<'_>, ll: u32) -> Ev {
    let lt = c.linktype;
    let llc = c.linkpl;
    match ll {
        SAP_ISONS | SAP_IP | SAP_NETBEUI => {
            Ok(p.h(lt)? == SLL_P_802_2 && p.h(llc)? == (ll << 8 | ll))
        }
        SAP_IPX => Ok(p.h(lt)? == ET_IPX
            || p.h(lt)? == SLL_P_802_3
            || (p.h(lt)? == SLL_P_802_2 && (p.b(llc)? == SAP_IPX || snap(p, llc, 0, ET_IPX)?))),
        ET_ATALK | ET_AARP => {
            let org = if ll == ET_ATALK { 0x080007 } else { 0 };
            Ok(p.h(lt)? == ll || (p.h(lt)? == SLL_P_802_2 && snap(p, llc, org, ll)?))
        }
        _ if ll <= ETHERMTU => Ok(p.h(lt)? == SLL_P_802_2 && p.b(llc)? == ll),
        _ => Ok(p.h(lt)? == ll),
    }
}

// ---------------------------------------------------------------------------
// Primitives.

fn prim_eval(prim: &Prim, c: &Ctx, p: &Pkt<'_>) -> Ev {
    match *prim {
        Prim::Host4 { proto, dir, addr } => host4(c, p, proto, dir, u32::from(addr), u32::MAX),
        Prim::Net4 {
            proto,
            dir,
            addr,
            mask,
        } => host4(c, p, proto, dir, u32::from(addr), u32::from(mask)),
        Prim::Host6 { proto, dir, addr } => host6(c, p, proto, dir, addr.octets(), 128),
        Prim::Net6 {
            proto,
            dir,
            addr,
            prefix,
        } => host6(c, p, proto, dir, addr.octets(), prefix),
        Prim::EtherHost { dir, mac } => {
            if !c.ether || c.pppoes {
                return Ok(false);
            }
            ether_host(c, p, dir, &mac)
        }
        Prim::Port { proto, dir, port } => {
            let port = u32::from(port);
            ports(c, p, proto, dir, port, port)
        }
        Prim::PortRange { proto, dir, lo, hi } => {
            let (lo, hi) = (u32::from(lo.min(hi)), u32::from(lo.max(hi)));
            ports(c, p, proto, dir, lo, hi)
        }
        Prim::Abbrev(proto) => abbrev(c, p, proto),
        Prim::IpProto { family, proto } => gen_proto(c, p, u32::from(proto), family),
        Prim::ProtoChain { family, proto } => {
            let v = u32::from(proto);
            match family {
                None => Ok(protochain(c, p, v, false)? || protochain(c, p, v, true)?),
                Some(Proto::Ip) => protochain(c, p, v, false),
                Some(Proto::Ip6) => protochain(c, p, v, true),
                Some(_) => Ok(false),
            }
        }
        Prim::EtherProto(v) => linktype(c, p, u32::from(v)),
        Prim::Broadcast(proto) => match proto {
            None | Some(Proto::Link) => {
                if !c.ether || c.pppoes {
                    return Ok(false);
                }
                ether_bytes(p, c.linkhdr, &[0xff; 6])
            }
            // tcpdump reading a file compiles with netmask 0: the host part
            // is the whole address.
            Some(Proto::Ip) => Ok(linktype(c, p, ET_IP)? && {
                let dst = p.w(c.net() + 16)?;
                dst == 0 || dst == u32::MAX
            }),
            Some(_) => Ok(false),
        },
        Prim::Multicast(proto) => match proto {
            None | Some(Proto::Link) => {
                if !c.ether || c.pppoes {
                    return Ok(false);
                }
                Ok(p.b(c.linkhdr)? & 1 != 0)
            }
            Some(Proto::Ip) => Ok(linktype(c, p, ET_IP)? && p.b(c.net() + 16)? >= 224),
            Some(Proto::Ip6) => Ok(linktype(c, p, ET_IPV6)? && p.b(c.net() + 24)? == 255),
            Some(_) => Ok(false),
        },
        Prim::Less(n) => Ok(p.wire_len <= n),
        Prim::Greater(n) => Ok(p.wire_len >= n),
        Prim::Vlan(vid) => {
            // gen_vlan: Ethernet only, never after mpls or pppoes. The
            // primitive's own Encap counts the tags before it.
            if !c.ether || c.pppoes || c.mpls > 0 {
                return Ok(false);
            }
            let tpid =
                linktype(c, p, ET_8021Q)? || linktype(c, p, ET_8021AD)? || linktype(c, p, ET_QINQ)?;
            match vid {
                None => Ok(tpid),
                Some(v) => Ok(tpid && p.h(c.net())? & 0x0fff == u32::from(v) & 0x0fff),
            }
        }
        Prim::Mpls(label) => {
            let b0 = if c.mpls > 0 {
                let prev = c.net().checked_sub(2).ok_or(Abort)?;
                p.b(prev)? & 1 == 0
            } else {
                match c.kind {
                    Kind::Ether => linktype(c, p, ET_MPLS)?,
                    Kind::Ppp => linktype(c, p, PPP_MPLS_UCAST)?,
                    _ => return Ok(false),
                }
            };
            match label {
                None => Ok(b0),
                Some(l) => Ok(b0 && p.w(c.net())? & 0xffff_f000 == (l << 12) & 0xffff_f000),
            }
        }
        Prim::Pppoed => linktype(c, p, ET_PPPOED),
        Prim::Pppoes(sess) => {
            let b0 = linktype(c, p, ET_PPPOES)?;
            match sess {
                None => Ok(b0),
                Some(s) => Ok(b0 && p.w(c.net())? & 0xffff == u32::from(s)),
            }
        }
        Prim::Inbound(inbound) => match c.kind {
            _ if c.pppoes => Ok(false),
            Kind::Sll => Ok((p.h(c.linkhdr)? == SLL_OUTGOING) != inbound),
            Kind::Sll2 => Ok((p.b(c.linkhdr + 10)? == SLL_OUTGOING) != inbound),
            Kind::Ipnet => Ok(p.h(c.linkhdr + 2)? == if inbound { 1 } else { 2 }),
            // "inbound/outbound not supported … when reading savefiles".
            _ => Ok(false),
        },
    }
}

/// gen_bcmp for a MAC address at `off`: the last four bytes, then the first two.
fn ether_bytes(p: &Pkt<'_>, off: u64, mac: &[u8; 6]) -> Ev {
    let [a, b, c, d, e, f] = *mac;
    Ok(p.w(off + 2)? == u32::from_be_bytes([c, d, e, f])
        && p.h(off)? == u32::from(u16::from_be_bytes([a, b])))
}

/// gen_ehostop.
fn ether_host(c: &Ctx, p: &Pkt<'_>, dir: Dir, mac: &[u8; 6]) -> Ev {
    let src = c.linkhdr + 6;
    let dst = c.linkhdr;
    match dir {
        Dir::Src => ether_bytes(p, src, mac),
        Dir::Dst => ether_bytes(p, dst, mac),
        Dir::SrcAndDst => Ok(ether_bytes(p, src, mac)? && ether_bytes(p, dst, mac)?),
        Dir::SrcOrDst => Ok(ether_bytes(p, src, mac)? || ether_bytes(p, dst, mac)?),
    }
}

/// gen_host for IPv4 addresses and networks.
fn host4(c: &Ctx, p: &Pkt<'_>, proto: Option<Proto>, dir: Dir, addr: u32, mask: u32) -> Ev {
    match proto {
        None => {
            if hostop(c, p, dir, ET_IP, 12, 16, addr, mask)? {
                return Ok(true);
            }
            if c.mpls > 0 {
                return Ok(false);
            }
            Ok(hostop(c, p, dir, ET_ARP, 14, 24, addr, mask)?
                || hostop(c, p, dir, ET_REVARP, 14, 24, addr, mask)?)
        }
        Some(Proto::Ip) => hostop(c, p, dir, ET_IP, 12, 16, addr, mask),
        Some(Proto::Arp) => hostop(c, p, dir, ET_ARP, 14, 24, addr, mask),
        Some(Proto::Rarp) => hostop(c, p, dir, ET_REVARP, 14, 24, addr, mask),
        Some(_) => Ok(false),
    }
}

/// gen_hostop: the link type, then the masked 32-bit address.
#[allow(clippy::too_many_arguments)]
fn hostop(c: &Ctx, p: &Pkt<'_>, dir: Dir, ll: u32, src: u64, dst: u64, addr: u32, mask: u32) -> Ev {
    // With mask 0 the optimizer folds `and #0` and drops the dead load.
    let one = |off: u64| -> Ev {
        Ok(linktype(c, p, ll)? && (mask == 0 && addr == 0 || p.w(c.net() + off)? & mask == addr))
    };
    match dir {
        Dir::Src => one(src),
        Dir::Dst => one(dst),
        Dir::SrcAndDst => Ok(one(src)? && one(dst)?),
        Dir::SrcOrDst => Ok(one(src)? || one(dst)?),
    }
}

/// gen_host6 / gen_hostop6.
fn host6(c: &Ctx, p: &Pkt<'_>, proto: Option<Proto>, dir: Dir, addr: [u8; 16], prefix: u8) -> Ev {
    match proto {
        None | Some(Proto::Ip6) => {}
        Some(_) => return Ok(false),
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
    let one = |off: u64| -> Ev {
        if !linktype(c, p, ET_IPV6)? {
            return Ok(false);
        }
        for (i, (a, m)) in words.iter().enumerate() {
            // A word under mask 0: the optimizer drops its load.
            if *m == 0 && *a == 0 {
                continue;
            }
            if p.w(c.net() + off + 4 * i as u64)? & m != *a {
                return Ok(false);
            }
        }
        Ok(true)
    };
    match dir {
        Dir::Src => one(8),
        Dir::Dst => one(24),
        Dir::SrcAndDst => Ok(one(8)? && one(24)?),
        Dir::SrcOrDst => Ok(one(8)? || one(24)?),
    }
}

/// gen_port/gen_portrange (and their IPv6 twins): `port` is `lo..=hi` with
/// `lo == hi`; libpcap compiles `port` as `==` and `portrange` as two
/// compares, which keep the same packets.
fn ports(c: &Ctx, p: &Pkt<'_>, proto: Option<Proto>, dir: Dir, lo: u32, hi: u32) -> Ev {
    let protos: &[u32] = match proto {
        None => &[P_TCP, P_UDP, P_SCTP],
        Some(Proto::Tcp) => &[P_TCP],
        Some(Proto::Udp) => &[P_UDP],
        Some(Proto::Sctp) => &[P_SCTP],
        Some(_) => return Ok(false),
    };
    let in_range = |v: u32| v >= lo && v <= hi;
    let dirtest = |base: u64| -> Ev {
        match dir {
            Dir::Src => Ok(in_range(p.h(base)?)),
            Dir::Dst => Ok(in_range(p.h(base + 2)?)),
            Dir::SrcAndDst => Ok(in_range(p.h(base)?) && in_range(p.h(base + 2)?)),
            Dir::SrcOrDst => Ok(in_range(p.h(base)?) || in_range(p.h(base + 2)?)),
        }
    };
    let net = c.net();
    // gen_port6 comes first in the generated code.
    if linktype(c, p, ET_IPV6)? {
        for &pr in protos {
            if p.b(net + 6)? == pr && dirtest(net + 40)? {
                return Ok(true);
            }
        }
    }
    if linktype(c, p, ET_IP)? {
        for &pr in protos {
            if p.b(net + 9)? == pr && ipfrag_first(c, p)? {
                let x = p.msh(net)?;
                if dirtest(net + u64::from(x))? {
                    return Ok(true);
                }
            }
        }
    }
    Ok(false)
}

/// gen_ipfrag: not a non-first fragment (`ip[6:2] & 0x1fff == 0`).
fn ipfrag_first(c: &Ctx, p: &Pkt<'_>) -> Ev {
    Ok(p.h(c.net() + 6)? & 0x1fff == 0)
}

/// gen_proto_abbrev_internal.
fn abbrev(c: &Ctx, p: &Pkt<'_>, proto: Proto) -> Ev {
    match proto {
        Proto::Sctp => gen_proto(c, p, P_SCTP, None),
        Proto::Tcp => gen_proto(c, p, P_TCP, None),
        Proto::Udp => gen_proto(c, p, P_UDP, None),
        Proto::Icmp => gen_proto(c, p, P_ICMP, Some(Proto::Ip)),
        Proto::Igmp => gen_proto(c, p, P_IGMP, Some(Proto::Ip)),
        Proto::Igrp => gen_proto(c, p, P_IGRP, Some(Proto::Ip)),
        Proto::Pim => gen_proto(c, p, P_PIM, None),
        Proto::Vrrp | Proto::Carp => gen_proto(c, p, P_VRRP, Some(Proto::Ip)),
        Proto::Ip => linktype(c, p, ET_IP),
        Proto::Arp => linktype(c, p, ET_ARP),
        Proto::Rarp => linktype(c, p, ET_REVARP),
        // gencode.c lumps a bare `link` in with `atalk`.
        Proto::Link | Proto::Atalk => linktype(c, p, ET_ATALK),
        Proto::Aarp => linktype(c, p, ET_AARP),
        Proto::Decnet => linktype(c, p, ET_DN),
        Proto::Sca => linktype(c, p, ET_SCA),
        Proto::Lat => linktype(c, p, ET_LAT),
        Proto::Mopdl => linktype(c, p, ET_MOPDL),
        Proto::Moprc => linktype(c, p, ET_MOPRC),
        Proto::Ip6 => linktype(c, p, ET_IPV6),
        Proto::Icmp6 => gen_proto(c, p, P_ICMPV6, Some(Proto::Ip6)),
        Proto::Ah => gen_proto(c, p, P_AH, None),
        Proto::Esp => gen_proto(c, p, P_ESP, None),
        Proto::Iso => linktype(c, p, SAP_ISONS),
        Proto::Esis => gen_proto(c, p, ISO_ESIS, Some(Proto::Iso)),
        Proto::Isis => gen_proto(c, p, ISO_ISIS, Some(Proto::Iso)),
        Proto::Clnp => gen_proto(c, p, ISO_CLNP, Some(Proto::Iso)),
        Proto::Stp => linktype(c, p, SAP_8021D),
        Proto::Ipx => linktype(c, p, SAP_IPX),
        Proto::Netbeui => linktype(c, p, SAP_NETBEUI),
        Proto::Radio => Ok(false),
    }
}

/// gen_proto: `[family] proto v`.
fn gen_proto(c: &Ctx, p: &Pkt<'_>, v: u32, family: Option<Proto>) -> Ev {
    let net = c.net();
    match family {
        None => Ok(gen_proto(c, p, v, Some(Proto::Ip))? || gen_proto(c, p, v, Some(Proto::Ip6))?),
        Some(Proto::Link) => linktype(c, p, v),
        Some(Proto::Ip) => Ok(linktype(c, p, ET_IP)? && p.b(net + 9)? == v),
        // The next header, or a fragment header's next header.
        Some(Proto::Ip6) => Ok(linktype(c, p, ET_IPV6)? && {
            p.b(net + 6)? == v || (p.b(net + 6)? == P_FRAGMENT && p.b(net + 40)? == v)
        }),
        Some(Proto::Iso) => Ok(linktype(c, p, SAP_ISONS)? && p.b(c.linkpl + c.nl_nosnap)? == v),
        Some(Proto::Esis | Proto::Isis) => {
            Ok(gen_proto(c, p, ISO_ISIS, Some(Proto::Iso))?
                && p.b(c.linkpl + c.nl_nosnap + 4)? == v)
        }
        Some(_) => Ok(false),
    }
}

/// gen_protochain: the BPF loop over IPv6 extension headers and AH,
/// including libpcap's AH step, which sets the offset to the AH length
/// rather than adding it.
fn protochain(c: &Ctx, p: &Pkt<'_>, v: u32, v6: bool) -> Ev {
    if !linktype(c, p, if v6 { ET_IPV6 } else { ET_IP })? {
        return Ok(false);
    }
    let net = c.net();
    let ind = |x: u32, k: u64| p.b(u64::from(x) + k);
    let (mut a, mut x) = if v6 {
        (p.b(net + 6)?, 40)
    } else {
        (p.b(net + 9)?, p.msh(net)?)
    };
    for _ in 0..CHAIN_LIMIT {
        if a == v {
            return Ok(true);
        }
        if a == P_NONE {
            return Ok(false);
        }
        if v6 && matches!(a, 0 | 60 | 43 | 44) {
            let next = ind(x, net)?;
            let len = ind(x, net + 1)?;
            x = len.wrapping_add(1).wrapping_mul(8).wrapping_add(x);
            a = next;
        } else if a == P_AH {
            let next = ind(x, net)?;
            x = x.wrapping_add(1);
            let len = ind(x, net)?;
            x = len.wrapping_add(2).wrapping_mul(4);
            a = next;
        } else {
            return Ok(false);
        }
    }
    // BPF would loop forever here (an AH chain pointing at itself).
    Ok(false)
}

// ---------------------------------------------------------------------------
// Arithmetic relations (gen_relation, gen_load, gen_arth).

/// `a0 op a1`: first every protocol test the loads carry (gen_relation ANDs
/// them in front), then the arithmetic and the compare.
fn relation(op: RelOp, a0: &Arith, a1: &Arith, c: &Ctx, p: &Pkt<'_>) -> Ev {
    if !guards(a0, c, p)? || !guards(a1, c, p)? {
        return Ok(false);
    }
    let x = value(a0, c, p)?;
    let y = value(a1, c, p)?;
    Ok(match op {
        RelOp::Gt => x > y,
        RelOp::Ge => x >= y,
        RelOp::Eq => x == y,
        RelOp::Ne => x != y,
        RelOp::Lt => x < y,
        RelOp::Le => x <= y,
    })
}

/// The protocol tests an arithmetic expression's loads carry (`arth->b`).
/// gen_arth keeps only its left operand's: the right operand's tests are
/// dropped, so its loads run unguarded.
fn guards(a: &Arith, c: &Ctx, p: &Pkt<'_>) -> Ev {
    match a {
        Arith::Num(_) | Arith::Len => Ok(true),
        Arith::Neg(x) => guards(x, c, p),
        Arith::Bin(_, x, _) => guards(x, c, p),
        Arith::Load { proto, index, .. } => {
            let proto = *proto;
            if proto == Proto::Link {
                guards(index, c, p)
            } else if proto.loads_from_network_layer() {
                Ok(guards(index, c, p)? && abbrev(c, p, proto)?)
            } else if proto.loads_from_transport_layer() {
                Ok(linktype(c, p, ET_IP)?
                    && guards(index, c, p)?
                    && abbrev(c, p, proto)?
                    && ipfrag_first(c, p)?)
            } else if proto == Proto::Icmp6 {
                Ok(guards(index, c, p)?
                    && linktype(c, p, ET_IPV6)?
                    && p.b(c.net() + 6)? == P_ICMPV6)
            } else {
                // "unsupported index operation": not compiled.
                Ok(false)
            }
        }
    }
}

/// The 32-bit value of an arithmetic expression, as BPF computes it.
fn value(a: &Arith, c: &Ctx, p: &Pkt<'_>) -> Val {
    match a {
        Arith::Num(n) => Ok(*n),
        Arith::Len => Ok(p.wire_len),
        Arith::Neg(x) => Ok(0u32.wrapping_sub(value(x, c, p)?)),
        Arith::Bin(op, x, y) => {
            let x = value(x, c, p)?;
            let y = value(y, c, p)?;
            Ok(match op {
                ArOp::Add => x.wrapping_add(y),
                ArOp::Sub => x.wrapping_sub(y),
                ArOp::Mul => x.wrapping_mul(y),
                ArOp::Div => x.checked_div(y).ok_or(Abort)?,
                ArOp::Mod => x.checked_rem(y).ok_or(Abort)?,
                ArOp::And => x & y,
                ArOp::Or => x | y,
                ArOp::Xor => x ^ y,
                // bpf_filter.c: a shift by 32 or more gives 0.
                ArOp::Shl => x.checked_shl(y).unwrap_or(0),
                ArOp::Shr => x.checked_shr(y).unwrap_or(0),
            })
        }
        Arith::Load { proto, index, size } => {
            let n = match size {
                2 => 2,
                4 => 4,
                _ => 1,
            };
            let idx = value(index, c, p)?;
            let proto = *proto;
            let (x, k) = if proto == Proto::Link {
                (idx, c.linkhdr)
            } else if proto.loads_from_network_layer() {
                (idx, c.net())
            } else if proto.loads_from_transport_layer() {
                (idx.wrapping_add(p.msh(c.net())?), c.net())
            } else if proto == Proto::Icmp6 {
                (idx, c.net() + 40)
            } else {
                return Err(Abort);
            };
            p.load(u64::from(x) + k, n)
        }
    }
}

#[cfg(test)]
mod tests;
