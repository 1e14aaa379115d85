//! The link layer as gencode.c sees it: the offsets of each link type and
//! encapsulation ([`Ctx`]), and `gen_linktype` with its Ethernet, Linux
//! cooked, loopback, raw, PPP and Cisco HDLC variants.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::Gen;
use crate::filter::ast::Encap;
use crate::filter::program::{Atom, B, CmpOp, Load, off_sub, reg_off};
use crate::packet::LinkType;

// Ethernet types and LLC SAPs gencode.c uses.
pub(super) const ETHERMTU: u32 = 1500;
pub(super) const ET_IP: u32 = 0x0800;
pub(super) const ET_ARP: u32 = 0x0806;
pub(super) const ET_REVARP: u32 = 0x8035;
pub(super) const ET_IPV6: u32 = 0x86dd;
pub(super) const ET_ATALK: u32 = 0x809b;
pub(super) const ET_AARP: u32 = 0x80f3;
pub(super) const ET_DN: u32 = 0x6003;
pub(super) const ET_SCA: u32 = 0x6007;
pub(super) const ET_LAT: u32 = 0x6004;
pub(super) const ET_MOPDL: u32 = 0x6001;
pub(super) const ET_MOPRC: u32 = 0x6002;
pub(super) const ET_IPX: u32 = 0x8137;
pub(super) const ET_NS: u32 = 0x0600;
pub(super) const ET_8021Q: u32 = 0x8100;
pub(super) const ET_8021AD: u32 = 0x88a8;
pub(super) const ET_QINQ: u32 = 0x9100;
pub(super) const ET_MPLS: u32 = 0x8847;
pub(super) const ET_PPPOED: u32 = 0x8863;
pub(super) const ET_PPPOES: u32 = 0x8864;
pub(super) const SAP_IP: u32 = 0x06;
pub(super) const SAP_ISONS: u32 = 0xfe;
pub(super) const SAP_NETBEUI: u32 = 0xf0;
pub(super) const SAP_IPX: u32 = 0xe0;
pub(super) const SAP_8021D: u32 = 0x42;
pub(super) const SAP_SNAP: u8 = 0xaa;
pub(super) const SLL_P_802_2: u32 = 0x0004;
pub(super) const SLL_P_802_3: u32 = 0x0001;
pub(super) const SLL_OUTGOING: u32 = 4;
pub(super) const PPP_MPLS_UCAST: u32 = 0x0281;

// IP protocol numbers.
pub(super) const P_ICMP: u32 = 1;
pub(super) const P_IGMP: u32 = 2;
pub(super) const P_TCP: u32 = 6;
pub(super) const P_IGRP: u32 = 9;
pub(super) const P_UDP: u32 = 17;
pub(super) const P_FRAGMENT: u32 = 44;
pub(super) const P_ESP: u32 = 50;
pub(super) const P_AH: u32 = 51;
pub(super) const P_ICMPV6: u32 = 58;
pub(super) const P_PIM: u32 = 103;
pub(super) const P_VRRP: u32 = 112;
pub(super) const P_SCTP: u32 = 132;
pub(super) const ISO_CLNP: u32 = 0x81;
pub(super) const ISO_ESIS: u32 = 0x82;
pub(super) const ISO_ISIS: u32 = 0x83;

/// The link layer as gencode.c sees it (`cstate->linktype`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
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
    /// Cisco HDLC (DLT_C_HDLC): an Ethernet type after address and control.
    Chdlc,
    /// A link type gencode.c has no network-layer test for.
    Other,
}

/// gencode.c's offsets at one point of the expression (`off_linkhdr`,
/// `off_linktype`, `off_linkpl`, `off_nl`, `off_nl_nosnap`,
/// `label_stack_depth`), after the `vlan`/`pppoes`/`mpls` before it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Ctx {
    pub kind: Kind,
    /// The outermost link type was Ethernet (for `ether host`, `vlan`…).
    pub ether: bool,
    pub linkhdr: u64,
    pub linktype: u64,
    pub linkpl: u64,
    pub nl: u64,
    pub nl_nosnap: u64,
    pub mpls: u8,
    pub pppoes: bool,
    /// libpcap would have refused to compile this primitive here.
    pub invalid: bool,
    /// The capture's link type (`cstate->linktype` before `pppoes`).
    pub link: LinkType,
    /// After `geneve` (`is_geneve`): the first of the innermost Geneve's
    /// three registers (payload type, link header, link payload).
    pub geneve: Option<u8>,
}

/// Whether `gencode` ports libpcap's code generation for `link`; for the
/// others the filter runs the program libpcap compiles (`program::bpf`).
pub fn ported(link: LinkType) -> bool {
    link_offsets(link).0 != Kind::Other
}

/// The kind of link header and gencode.c's `off_linktype`, `off_linkpl`
/// and `off_nl_nosnap` for it.
fn link_offsets(link: LinkType) -> (Kind, u64, u64, u64) {
    match link {
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
        // DLT_PPP_ETHER: the PPPoE session header, then PPP's protocol.
        LinkType(51) => (Kind::Ppp, 6, 8, 0),
        // DLT_C_HDLC and DLT_HDLC (LINKTYPE_NETBSD_HDLC): the same
        // offsets as PPP's.
        LinkType::C_HDLC | LinkType(112) => (Kind::Chdlc, 2, 4, 0),
        _ => (Kind::Other, 0, 0, 0),
    }
}

impl Ctx {
    pub(super) fn new(link: LinkType, enc: Encap) -> Ctx {
        let (kind, linktype, linkpl, nl_nosnap) = link_offsets(link);
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
            link,
            geneve: None,
        };
        // gen_geneve_offsets: Ethernet from here on, at offsets the
        // innermost Geneve's registers hold; `off_nl` is 0 and
        // `off_nl_nosnap` stays.
        if let Some(d) = enc.geneve.checked_sub(1) {
            let reg = 3 * d;
            c.kind = Kind::Ether;
            c.ether = true;
            c.linktype = reg_off(reg, 0);
            c.linkhdr = reg_off(reg + 1, 0);
            c.linkpl = reg_off(reg + 2, 0);
            c.nl = 0;
            c.geneve = Some(reg);
        }
        // gen_vlan: Ethernet only; each tag moves the type and payload.
        if enc.vlans > 0 && c.kind != Kind::Ether {
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
        if enc.mpls > 0 && !matches!(c.kind, Kind::Ether | Kind::Ppp | Kind::Chdlc) {
            c.invalid = true;
        }
        c.nl += 4 * u64::from(enc.mpls);
        c.nl_nosnap += 4 * u64::from(enc.mpls);
        c.mpls = enc.labels();
        c
    }

    /// Start of the network layer (`OR_LINKPL` base).
    pub(super) fn net(&self) -> u64 {
        self.linkpl + self.nl
    }
}

impl Gen {
    /// gen_linktype: whether the link layer carries `ll` (an Ethernet type
    /// or, at most ETHERMTU, an LLC SAP).
    pub(super) fn linktype(&mut self, c: &Ctx, ll: u32) -> B {
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
            // OSI is 0xfefe there, an Ethernet-type lookalike.
            Kind::Chdlc => match ll {
                SAP_ISONS => self.h_eq(c.linktype, SAP_ISONS << 8 | SAP_ISONS),
                _ => self.h_eq(c.linktype, ll),
            },
            Kind::Other => B::Const(false),
        }
    }

    /// gen_loopback_linktype: DLT_LOOP's address family is in network
    /// byte order, DLT_NULL's in the byte order of the capture.
    pub(super) fn loopback(&mut self, c: &Ctx, af: u32) -> B {
        let af = match c.kind {
            Kind::Null if !self.big_endian => af.swap_bytes(),
            _ => af,
        };
        self.w_eq(c.linkhdr, af)
    }

    /// gen_mpls_linktype: bottom-of-stack bit of the last label and the IP
    /// version nibble.
    pub(super) fn mpls_linktype(&mut self, c: &Ctx, ll: u32) -> B {
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
    pub(super) fn bos_bit(&mut self, c: &Ctx, bit: u32) -> B {
        match off_sub(c.net(), 2) {
            Some(off) => self.eq(off, 1, 1, bit),
            None => self.atom(Atom::Fail),
        }
    }

    /// gen_snap: the 8-byte LLC/SNAP header at `off` (loaded last word first).
    pub(super) fn snap(&mut self, off: u64, org: u32, ptype: u32) -> B {
        let hi = u32::from_be_bytes([SAP_SNAP, SAP_SNAP, 0x03, (org >> 16) as u8]);
        let lo = (org & 0xffff) << 16 | (ptype & 0xffff);
        let a = self.w_eq(off + 4, lo);
        let b = self.w_eq(off, hi);
        B::and(a, b)
    }

    /// gen_ether_linktype, with Ethernet/802.3 length handling.
    pub(super) fn ether_linktype(&mut self, c: &Ctx, ll: u32) -> B {
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
    pub(super) fn sll_linktype(&mut self, c: &Ctx, ll: u32) -> B {
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
}

pub(super) fn ethertype_to_ppptype(ll: u32) -> u32 {
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
