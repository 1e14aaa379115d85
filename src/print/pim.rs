//! PIM (`print-pim.c`): PIMv2 as IP protocol 103 over IPv4 and IPv6
//! (`PIMv2, Hello, length 34`; with `-v` the checksum verdict and each
//! message's body: Hello options, Register with the encapsulated packet
//! printed through the IP printers, Register-Stop, Join/Prune, Graft and
//! Graft-ACK, Bootstrap, Assert, Candidate-RP-Advertisement, State
//! Refresh, DF Election, in the encoded-address formats of RFC 2362 or
//! RFC 2117), PIMv1 inside IGMP (`pimv1_print`, called by `igmp.rs`) and
//! Cisco's Auto-RP on UDP 496 (`cisco_autorp_print`, called by `udp.rs`).
//!
//! print-pim.c does not define `ND_LONGJMP_FROM_TCHECK`: its
//! `ND_TCHECK_*` and length checks go to the `trunc:` labels (a soft
//! truncation, or a marker printed in place where the caller still prints
//! after it, as `igmp_print` does), while its `GET_*` reads end the line.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::dns::relts;
use super::hex::print_unknown_data;
use super::ip::Datagram;
use super::{P, Printer, out};
use crate::decode::{Bytes, IpAddrs, Trunc, cksum};

/// IP protocol number of PIM.
pub(super) const IPPROTO_PIM: u8 = 103;
/// Cisco Auto-RP's UDP port.
pub(super) const CISCO_AUTORP_PORT: u16 = 496;

type R<T> = Result<T, Trunc>;

/// `pimv1_type_str`.
fn v1_type_name(t: u8) -> Option<&'static str> {
    Some(match t {
        0 => "Query",
        1 => "Register",
        2 => "Register-Stop",
        3 => "Join/Prune",
        4 => "RP-reachable",
        5 => "Assert",
        6 => "Graft",
        7 => "Graft-ACK",
        _ => return None,
    })
}

/// `pimv2_type_values`.
fn v2_type_name(t: u8) -> &'static str {
    match t {
        0 => "Hello",
        1 => "Register",
        2 => "Register Stop",
        3 => "Join / Prune",
        4 => "Bootstrap",
        5 => "Assert",
        6 => "Graft",
        7 => "Graft Acknowledgement",
        8 => "Candidate RP Advertisement",
        9 => "Prune Refresh",
        10 => "DF Election",
        11 => "ECMP Redirect",
        _ => "Unknown Type",
    }
}

/// `pimv2_hello_option_values`.
fn hello_option_name(t: u16) -> &'static str {
    match t {
        1 => "Hold Time",
        2 => "LAN Prune Delay",
        18 => "DR Priority (Old)",
        19 => "DR Priority",
        20 => "Generation ID",
        21 => "State Refresh Capability",
        22 => "Bi-Directional Capability",
        24 => "Address List",
        65001 => "Address List (Old)",
        _ => "Unknown",
    }
}

/// `pimv2_df_election_flag_values`.
fn df_name(t: u8) -> &'static str {
    match t {
        1 => "Offer",
        2 => "Winner",
        3 => "Backoff",
        4 => "Pass",
        _ => "Unknown",
    }
}

/// The IPv4 address at `at` (`GET_IPADDR_STRING`), read before anything
/// of the `ND_PRINT` it is an argument of is printed.
fn ip4(d: &[u8], at: usize) -> R<[u8; 4]> {
    Ok(*d.array::<4>(at)?)
}

/// `pimv1_print`, after `igmp_print`'s `igmp pimv1`. `len` is IGMP's.
pub(super) fn pimv1_print(p: &mut Printer, d: &[u8], len: usize) -> P {
    p.cur.protocol = "pimv1";
    let ty = d.u8_at(1)?;
    match v1_type_name(ty) {
        Some(n) => out!(p, " {n}"),
        None => out!(p, " [type {ty}]"),
    }
    match ty {
        0 => {
            if let Ok(b) = d.u8_at(8) {
                match b >> 4 {
                    0 => p.s(" Dense-mode"),
                    1 => p.s(" Sparse-mode"),
                    2 => p.s(" Sparse-Dense-mode"),
                    m => out!(p, " mode-{m}"),
                }
            }
            if p.opts.verbose > 0 {
                p.s(" (Hold-time ");
                relts(p, u32::from(d.be16(10)?));
                p.s(")");
            }
        }
        1 => {
            // ND_TCHECK_LEN(bp + 8, 20): the encapsulated IP header.
            if !d.has(8, 20) {
                p.trunc();
                return Ok(());
            }
            let (s, t) = (ip4(d, 20)?, ip4(d, 24)?);
            p.s(" for ");
            p.ip4(s);
            p.s(" > ");
            p.ip4(t);
        }
        2 => {
            let (s, t) = (ip4(d, 8)?, ip4(d, 12)?);
            p.s(" for ");
            p.ip4(s);
            p.s(" > ");
            p.ip4(t);
        }
        4 if p.opts.verbose > 0 => {
            let g = ip4(d, 8)?;
            p.s(" group ");
            p.ip4(g);
            if d.be32(12)? != 0xffff_ffff {
                let m = ip4(d, 12)?;
                p.s("/");
                p.ip4(m);
            }
            let rp = ip4(d, 16)?;
            p.s(" RP ");
            p.ip4(rp);
            p.s(" hold ");
            relts(p, u32::from(d.be16(22)?));
        }
        5 => {
            let (s, g) = (ip4(d, 16)?, ip4(d, 8)?);
            p.s(" for ");
            p.ip4(s);
            p.s(" > ");
            p.ip4(g);
            if d.be32(12)? != 0xffff_ffff {
                let m = ip4(d, 12)?;
                p.s("/");
                p.ip4(m);
            }
            let rpt = d.u8_at(20)? & 0x80 != 0;
            let pref = d.be32(20)? & 0x7fff_ffff;
            let metric = d.be32(24)?;
            out!(
                p,
                " {} pref {pref} metric {metric}",
                if rpt { "RP-tree" } else { "SPT" }
            );
        }
        3 | 6 | 7 if p.opts.verbose > 0 => {
            if len < 8 {
                p.trunc();
                return Ok(());
            }
            v1_join_prune(p, d, 8, len - 8)?;
        }
        _ => {}
    }
    let v = d.u8_at(4)? >> 4;
    if v != 1 {
        out!(p, " [v{v}]");
    }
    Ok(())
}

/// `pimv1_join_prune_print` of the message at `b` in `d`, `len` bytes
/// long. Its `trunc:` label prints the marker and returns to
/// [`pimv1_print`], which goes on.
fn v1_join_prune(p: &mut Printer, d: &[u8], mut b: usize, mut len: usize) -> P {
    // A single group with a single source: the one-line form.
    if d.has(b, 30) && d.u8_at(b + 11)? == 1 {
        let njoin = d.be16(b + 20)?;
        if u32::from(njoin) + u32::from(d.be16(b + 22)?) == 1 {
            let rpf = ip4(d, b)?;
            p.s(" RPF ");
            p.ip4(rpf);
            p.s(" ");
            let hold = d.be16(b + 6)?;
            if hold != 180 {
                p.s("Hold ");
                relts(p, u32::from(hold));
            }
            let (src, mask, grp) = (ip4(d, b + 26)?, d.u8_at(b + 25)? & 0x3f, ip4(d, b + 12)?);
            out!(p, "{} (", if njoin != 0 { "Join" } else { "Prune" });
            p.ip4(src);
            out!(p, "/{mask}, ");
            p.ip4(grp);
            if d.be32(b + 16)? != 0xffff_ffff {
                let m = ip4(d, b + 16)?;
                p.s("/");
                p.ip4(m);
            }
            let (f24, f25) = (d.u8_at(b + 24)?, d.u8_at(b + 25)?);
            out!(
                p,
                ") {}{} {}",
                if f24 & 0x01 != 0 { "Sparse" } else { "Dense" },
                if f25 & 0x80 != 0 { " WC" } else { "" },
                if f25 & 0x40 != 0 { "RP" } else { "SPT" }
            );
            return Ok(());
        }
    }
    let vv = p.opts.verbose > 1;
    if len < 4 {
        p.trunc();
        return Ok(());
    }
    if vv {
        p.s("\n");
    }
    let up = ip4(d, b)?;
    p.s(" Upstream Nbr: ");
    p.ip4(up);
    b += 4;
    len -= 4;
    if len < 4 {
        p.trunc();
        return Ok(());
    }
    if vv {
        p.s("\n");
    }
    p.s(" Hold time: ");
    relts(p, u32::from(d.be16(b + 2)?));
    if !vv {
        return Ok(());
    }
    b += 4;
    len -= 4;
    if len < 4 {
        p.trunc();
        return Ok(());
    }
    let mut ngroups = d.u8_at(b + 3)?;
    b += 4;
    len -= 4;
    while ngroups != 0 {
        if len < 4 {
            p.trunc();
            return Ok(());
        }
        let g = ip4(d, b)?;
        p.s("\n\tGroup: ");
        p.ip4(g);
        b += 4;
        len -= 4;
        if len < 4 {
            p.trunc();
            return Ok(());
        }
        if d.be32(b)? != 0xffff_ffff {
            let m = ip4(d, b)?;
            p.s("/");
            p.ip4(m);
        }
        b += 4;
        len -= 4;
        if len < 4 {
            p.trunc();
            return Ok(());
        }
        let njoin = u32::from(d.be16(b)?);
        let nprune = u32::from(d.be16(b + 2)?);
        out!(p, " joined: {njoin} pruned: {nprune}");
        b += 4;
        len -= 4;
        for njp in 0..njoin + nprune {
            let ty = if njp < njoin { "Join " } else { "Prune" };
            if len < 6 {
                p.trunc();
                return Ok(());
            }
            let (f0, f1, a) = (d.u8_at(b)?, d.u8_at(b + 1)?, ip4(d, b + 2)?);
            out!(
                p,
                "\n\t{ty} {}{}{}",
                if f0 & 0x01 != 0 { "Sparse " } else { "Dense " },
                if f1 & 0x80 != 0 { "WC " } else { "" },
                if f1 & 0x40 != 0 { "RP " } else { "SPT " }
            );
            p.ip4(a);
            out!(p, "/{}", f1 & 0x3f);
            b += 6;
            len -= 6;
        }
        ngroups -= 1;
    }
    Ok(())
}

/// `cisco_autorp_print`: Cisco's Auto-RP announcements and mappings (UDP
/// 496); `len` is the UDP payload's length.
pub(super) fn cisco_autorp_print(p: &mut Printer, d: &[u8], mut len: usize) -> P {
    p.cur.protocol = "cisco_autorp";
    if len < 8 {
        return Err(p.soft_trunc());
    }
    p.s(" auto-rp ");
    match d.u8_at(0)? {
        0x11 => p.s("candidate-advert"),
        0x12 => p.s("mapping"),
        t => out!(p, "type-0x{t:02x}"),
    }
    let mut numrps = d.u8_at(1)?;
    p.s(" Hold ");
    let hold = d.be16(2)?;
    if hold != 0 {
        relts(p, u32::from(hold));
    } else {
        p.s("FOREVER");
    }
    let mut b = 8;
    len -= 8;
    while numrps != 0 {
        if len < 4 {
            return Err(p.soft_trunc());
        }
        let rp = ip4(d, b)?;
        p.s(" RP ");
        p.ip4(rp);
        b += 4;
        len -= 4;
        if len < 1 {
            return Err(p.soft_trunc());
        }
        let v = d.u8_at(b)?;
        p.s(match v & 3 {
            0 => " PIMv?",
            1 => " PIMv1",
            2 => " PIMv2",
            _ => " PIMv1+2",
        });
        if v & 0xfc != 0 {
            out!(p, " [rsvd=0x{:02x}]", v & 0xfc);
        }
        b += 1;
        len -= 1;
        if len < 1 {
            return Err(p.soft_trunc());
        }
        let mut nentries = d.u8_at(b)?;
        b += 1;
        len -= 1;
        let mut s = ' ';
        while nentries != 0 {
            if len < 6 {
                return Err(p.soft_trunc());
            }
            let (f, a, m) = (d.u8_at(b)?, ip4(d, b + 2)?, d.u8_at(b + 1)?);
            out!(p, "{s}{}", if f & 1 != 0 { "!" } else { "" });
            p.ip4(a);
            out!(p, "/{m}");
            if f & 0x02 != 0 {
                p.s(" bidir");
            }
            if f & 0xfc != 0 {
                out!(p, "[rsvd=0x{:02x}]", f & 0xfc);
            }
            s = ',';
            b += 6;
            len -= 6;
            nentries -= 1;
        }
        numrps -= 1;
    }
    Ok(())
}

/// `pim_print`: IP protocol 103. `len` is the IP payload's length.
pub(super) fn pim_print(p: &mut Printer, d: &[u8], len: usize, dgram: Datagram<'_>) -> P {
    p.cur.protocol = "pim";
    let tv = d.u8_at(0)?;
    let (ver, ty) = (tv >> 4, tv & 0x0f);
    // tcpdump's lengths are `u_int`.
    let len = len as u32;
    if ver != 2 {
        out!(p, "PIMv{ver}, length {len}");
        return Ok(());
    }
    if p.opts.verbose == 0 {
        out!(p, "PIMv{ver}, {}, length {len}", v2_type_name(ty));
        return Ok(());
    }
    out!(p, "PIMv{ver}, length {len}\n\t{}", v2_type_name(ty));
    pimv2_print(p, d, len, dgram)
}

#[derive(Clone, Copy, PartialEq)]
enum AddrType {
    Unicast,
    Group,
    Source,
}

/// `pimv2_addr_print` of the encoded address at `at` with `len` bytes left
/// in the message: `Ok(Some(advance))`, `Ok(None)` for tcpdump's -1 (an
/// unknown family or encoding, or too short: the caller's `trunc:`), or
/// `Err` where a read ends the line. `addr_len` is the header's RFC 2117
/// address length (0: each address says its family).
fn addr_print(
    p: &mut Printer,
    d: &[u8],
    mut at: usize,
    mut len: u32,
    ty: AddrType,
    addr_len: u8,
) -> R<Option<usize>> {
    let (v6, hdrlen) = if addr_len == 0 {
        if len < 2 {
            return Ok(None);
        }
        let v6 = match d.u8_at(at)? {
            1 => false,
            2 => true,
            _ => return Ok(None),
        };
        if d.u8_at(at + 1)? != 0 {
            return Ok(None);
        }
        (v6, 2usize)
    } else {
        match addr_len {
            4 => (false, 0),
            16 => (true, 0),
            _ => return Ok(None),
        }
    };
    let alen: usize = if v6 { 16 } else { 4 };
    at += hdrlen;
    len -= hdrlen as u32;
    let print_addr = |p: &mut Printer, at: usize| -> P {
        if v6 {
            let a = *d.array::<16>(at)?;
            p.ip6(&a);
        } else {
            p.ip4(ip4(d, at)?);
        }
        Ok(())
    };
    match ty {
        AddrType::Unicast => {
            if (len as usize) < alen || !d.has(at, alen) {
                return Ok(None);
            }
            print_addr(p, at)?;
            Ok(Some(hdrlen + alen))
        }
        AddrType::Group | AddrType::Source => {
            if (len as usize) < alen + 2 || !d.has(at, alen + 2) {
                return Ok(None);
            }
            print_addr(p, at + 2)?;
            let mask = d.u8_at(at + 1)?;
            if usize::from(mask) != alen * 8 {
                out!(p, "/{mask}");
            }
            let f = d.u8_at(at)?;
            if f != 0 {
                if ty == AddrType::Group {
                    out!(p, "(0x{f:02x})");
                } else {
                    out!(
                        p,
                        "({}{}{}",
                        if f & 0x04 != 0 { "S" } else { "" },
                        if f & 0x02 != 0 { "W" } else { "" },
                        if f & 0x01 != 0 { "R" } else { "" }
                    );
                    if f & 0xf8 != 0 {
                        out!(p, "+0x{:02x}", f & 0xf8);
                    }
                    p.s(")");
                }
            }
            Ok(Some(hdrlen + 2 + alen))
        }
    }
}

/// `pimv2_check_checksum` over the first `n` bytes: `None` when they were
/// not all captured (unverified), else whether the sum verifies. Over IPv4
/// the message alone; over IPv6 with the pseudo-header (`bp2`).
fn check(p: &Printer, d: &[u8], n: usize, dgram: Datagram<'_>) -> Option<bool> {
    let whole = d.range(0, n).ok()?;
    Some(match dgram.addrs {
        IpAddrs::V4 { .. } => cksum::in_cksum(whole) == 0,
        IpAddrs::V6 { .. } => super::ip::nextproto_cksum(p, dgram.addrs, IPPROTO_PIM, whole) == 0,
    })
}

/// An encoded address, or the `trunc:` label's soft truncation.
macro_rules! addr {
    ($p:expr, $d:expr, $at:expr, $len:expr, $ty:expr, $al:expr) => {
        match addr_print($p, $d, $at, $len, $ty, $al)? {
            Some(adv) => {
                $at += adv;
                $len = $len.wrapping_sub(adv as u32);
            }
            None => return Err($p.soft_trunc()),
        }
    };
}

/// `pimv2_print` (`-v`): the header's checksum, then the message. The
/// position and length are kept up to date after the last field as
/// tcpdump's are, hence the unread assignments.
#[allow(unused_assignments)]
fn pimv2_print(p: &mut Printer, d: &[u8], mut len: u32, dgram: Datagram<'_>) -> P {
    use AddrType::{Group, Source, Unicast};
    p.cur.protocol = "pimv2";
    if len < 2 {
        out!(p, "[length {len} < 2]");
        p.s(" (invalid)");
        return Ok(());
    }
    let tv = d.u8_at(0)?;
    let ty = tv & 0x0f;
    let rsv = d.u8_at(1)?;
    let al = rsv & 0x0f;
    if al != 0 {
        p.s(", RFC2117-encoding");
    }
    if len < 4 {
        out!(p, "[length {len} < 4]");
        p.s(" (invalid)");
        return Ok(());
    }
    let ck = d.be16(2)?;
    out!(p, ", cksum 0x{ck:04x} ");
    if ck == 0 {
        p.s("(unverified)");
    } else {
        let status = if ty == 1 {
            // The checksum covers the Register's header only, but RFC 4601
            // also accepts one over the whole message.
            match check(p, d, 8, dgram) {
                Some(false) => check(p, d, len as usize, dgram),
                s => s,
            }
        } else {
            check(p, d, len as usize, dgram)
        };
        p.s(match status {
            Some(true) => "(correct)",
            Some(false) => "(incorrect)",
            None => "(unverified)",
        });
    }
    let mut at = 4usize;
    len -= 4;
    match ty {
        0 => {
            while len > 0 {
                if len < 4 {
                    return Err(p.soft_trunc());
                }
                let otype = d.be16(at)?;
                let olen = d.be16(at + 2)?;
                out!(
                    p,
                    "\n\t  {} Option ({otype}), length {olen}, Value: ",
                    hello_option_name(otype)
                );
                at += 4;
                len -= 4;
                let ol = usize::from(olen);
                if len < u32::from(olen) || !d.has(at, ol) {
                    return Err(p.soft_trunc());
                }
                match otype {
                    1 => {
                        if olen != 2 {
                            out!(p, "[option length {olen} != 2]");
                            p.s(" (invalid)");
                            return Ok(());
                        }
                        relts(p, u32::from(d.be16(at)?));
                    }
                    2 => {
                        if olen != 4 {
                            out!(p, "[option length {olen} != 4]");
                            p.s(" (invalid)");
                            return Ok(());
                        }
                        let delay = d.be16(at)?;
                        let over = d.be16(at + 2)?;
                        out!(
                            p,
                            "\n\t    T-bit={}, LAN delay {}ms, Override interval {over}ms",
                            delay >> 15,
                            delay & 0x7fff
                        );
                    }
                    18 | 19 => match olen {
                        0 => p.s("Bi-Directional Capability (Old)"),
                        4 => out!(p, "{}", d.be32(at)?),
                        _ => {
                            out!(p, "[option length {olen} != 4]");
                            p.s(" (invalid)");
                            return Ok(());
                        }
                    },
                    20 => {
                        if olen != 4 {
                            out!(p, "[option length {olen} != 4]");
                            p.s(" (invalid)");
                            return Ok(());
                        }
                        out!(p, "0x{:08x}", d.be32(at)?);
                    }
                    21 => {
                        if olen != 4 {
                            out!(p, "[option length {olen} != 4]");
                            p.s(" (invalid)");
                            return Ok(());
                        }
                        out!(p, "v{}", d.u8_at(at)?);
                        let iv = d.u8_at(at + 1)?;
                        if iv != 0 {
                            p.s(", interval ");
                            relts(p, u32::from(iv));
                        }
                        let rest = d.be16(at + 2)?;
                        if rest != 0 {
                            out!(p, " ?0x{rest:04x}?");
                        }
                    }
                    22 => {}
                    24 | 65001 => {
                        if p.opts.verbose > 1 {
                            let mut ptr = at;
                            let mut plen = len;
                            while ptr < at + ol {
                                p.s("\n\t    ");
                                addr!(p, d, ptr, plen, Unicast, al);
                            }
                        }
                    }
                    _ => {
                        if p.opts.verbose <= 1 {
                            print_unknown_data(p, d.get(at..), "\n\t    ", ol);
                        }
                    }
                }
                if p.opts.verbose > 1 {
                    print_unknown_data(p, d.get(at..), "\n\t    ", ol);
                }
                at += ol;
                len -= u32::from(olen);
            }
        }
        1 => {
            if len < 4 || !d.has(at, 4) {
                return Err(p.soft_trunc());
            }
            let flags = d.be32(at)?;
            out!(
                p,
                ", Flags [ {} ]\n\t",
                match flags {
                    0x8000_0000 => "Border",
                    0x4000_0000 => "Null",
                    _ => "none",
                }
            );
            at += 4;
            len -= 4;
            if len == 0 {
                return Err(p.soft_trunc());
            }
            match d.u8_at(at)? >> 4 {
                0 => {
                    let (s, t) = (ip4(d, at + 12)?, ip4(d, at + 16)?);
                    p.s("IP-Null-header ");
                    p.ip4(s);
                    p.s(" > ");
                    p.ip4(t);
                }
                4 => super::ip::ip_print(p, d.from(at)?, len as usize)?,
                6 => super::ip6::ip6_print(p, d.from(at)?, len as usize)?,
                v => out!(p, "IP ver {v}"),
            }
        }
        2 => {
            p.s(" group=");
            addr!(p, d, at, len, Group, al);
            p.s(" source=");
            addr!(p, d, at, len, Unicast, al);
        }
        3 | 6 | 7 => {
            if ty != 7 {
                p.s(", upstream-neighbor: ");
                addr!(p, d, at, len, Unicast, al);
            }
            if len < 4 || !d.has(at, 4) {
                return Err(p.soft_trunc());
            }
            let ngroup = d.u8_at(at + 1)?;
            let holdtime = d.be16(at + 2)?;
            out!(p, "\n\t  {ngroup} group(s)");
            if ty != 7 {
                p.s(", holdtime: ");
                if holdtime == 0xffff {
                    p.s("infinite");
                } else {
                    relts(p, u32::from(holdtime));
                }
            }
            at += 4;
            len -= 4;
            for i in 0..u32::from(ngroup) {
                out!(p, "\n\t    group #{}: ", i + 1);
                addr!(p, d, at, len, Group, al);
                if len < 4 || !d.has(at, 4) {
                    return Err(p.soft_trunc());
                }
                let njoin = d.be16(at)?;
                let nprune = d.be16(at + 2)?;
                out!(p, ", joined sources: {njoin}, pruned sources: {nprune}");
                at += 4;
                len -= 4;
                for j in 0..u32::from(njoin) {
                    out!(p, "\n\t      joined source #{}: ", j + 1);
                    addr!(p, d, at, len, Source, al);
                }
                for j in 0..u32::from(nprune) {
                    out!(p, "\n\t      pruned source #{}: ", j + 1);
                    addr!(p, d, at, len, Source, al);
                }
            }
        }
        4 => {
            if len < 2 {
                return Err(p.soft_trunc());
            }
            out!(p, " tag={:x}", d.be16(at)?);
            at += 2;
            len -= 2;
            if len < 1 {
                return Err(p.soft_trunc());
            }
            out!(p, " hashmlen={}", d.u8_at(at)?);
            // ND_TCHECK_1(bp + 2): the byte after the two read.
            if len < 2 || !d.has(at + 2, 1) {
                return Err(p.soft_trunc());
            }
            out!(p, " BSRprio={}", d.u8_at(at + 1)?);
            at += 2;
            len -= 2;
            p.s(" BSR=");
            addr!(p, d, at, len, Unicast, al);
            let mut i = 0u32;
            while len > 0 {
                out!(p, " (group{i}: ");
                addr!(p, d, at, len, Group, al);
                if len < 1 {
                    return Err(p.soft_trunc());
                }
                out!(p, " RPcnt={}", d.u8_at(at)?);
                if len < 2 {
                    return Err(p.soft_trunc());
                }
                let frpcnt = d.u8_at(at + 1)?;
                out!(p, " FRPcnt={frpcnt}");
                if len < 4 {
                    return Err(p.soft_trunc());
                }
                at += 4;
                len -= 4;
                let mut j = 0u32;
                while j < u32::from(frpcnt) && len > 0 {
                    out!(p, " RP{j}=");
                    addr!(p, d, at, len, Unicast, al);
                    if len < 2 {
                        return Err(p.soft_trunc());
                    }
                    p.s(",holdtime=");
                    relts(p, u32::from(d.be16(at)?));
                    if len < 3 {
                        return Err(p.soft_trunc());
                    }
                    out!(p, ",prio={}", d.u8_at(at + 2)?);
                    if len < 4 {
                        return Err(p.soft_trunc());
                    }
                    at += 4;
                    len -= 4;
                    j += 1;
                }
                p.s(")");
                i += 1;
            }
        }
        5 => {
            p.s(" group=");
            addr!(p, d, at, len, Group, al);
            p.s(" src=");
            addr!(p, d, at, len, Unicast, al);
            if len < 8 || !d.has(at, 8) {
                return Err(p.soft_trunc());
            }
            if d.u8_at(at)? & 0x80 != 0 {
                p.s(" RPT");
            }
            out!(p, " pref={}", d.be32(at)? & 0x7fff_ffff);
            out!(p, " metric={}", d.be32(at + 4)?);
        }
        8 => {
            if len < 1 {
                return Err(p.soft_trunc());
            }
            let pfxcnt = d.u8_at(at)?;
            out!(p, " prefix-cnt={pfxcnt}");
            if len < 2 {
                return Err(p.soft_trunc());
            }
            out!(p, " prio={}", d.u8_at(at + 1)?);
            if len < 4 {
                return Err(p.soft_trunc());
            }
            p.s(" holdtime=");
            relts(p, u32::from(d.be16(at + 2)?));
            at += 4;
            len -= 4;
            p.s(" RP=");
            addr!(p, d, at, len, Unicast, al);
            let mut i = 0u32;
            while i < u32::from(pfxcnt) && len > 0 {
                out!(p, " Group{i}=");
                addr!(p, d, at, len, Group, al);
                i += 1;
            }
        }
        9 => {
            p.s(" src=");
            addr!(p, d, at, len, Unicast, al);
            p.s(" grp=");
            addr!(p, d, at, len, Group, al);
            p.s(" forwarder=");
            addr!(p, d, at, len, Unicast, al);
            if len < 2 {
                return Err(p.soft_trunc());
            }
            p.s(" TUNR ");
            relts(p, u32::from(d.be16(at)?));
        }
        10 => {
            let subtype = rsv >> 4;
            out!(p, "\n\t  {},", df_name(subtype));
            p.s(" rpa=");
            addr!(p, d, at, len, Unicast, al);
            out!(p, " sender pref={}", d.be32(at)?);
            out!(p, " sender metric={}", d.be32(at + 4)?);
            at += 8;
            // Not checked against the length: tcpdump's u_int wraps.
            len = len.wrapping_sub(8);
            if subtype == 3 || subtype == 4 {
                let s = if subtype == 3 { "offer" } else { "new winner" };
                out!(p, "\n\t  {s} addr=");
                addr!(p, d, at, len, Unicast, al);
                out!(p, " {s} pref={}", d.be32(at)?);
                out!(p, " {s} metric={}", d.be32(at + 4)?);
                at += 8;
                if subtype == 3 {
                    out!(p, " interval {}ms", d.be16(at)?);
                }
            }
        }
        _ => out!(p, " [type {ty}]"),
    }
    Ok(())
}
