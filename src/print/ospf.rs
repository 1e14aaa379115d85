//! OSPF, IP protocol 89 (`print-ospf.c`, `print-ospf6.c`): `OSPFv2, Hello,
//! length 44`; with `-v` OSPFv2's header (router, area, authentication),
//! each packet type's fields (Hello's timers and neighbours, the LSA
//! headers of Database Description and LS-Ack, LS-Request's entries,
//! LS-Update's LSAs: router links with their metrics, network, summary,
//! external and NSSA, multicast group, and the opaque ones: traffic
//! engineering, graceful restart, router information) and the link-local
//! signalling block; with `-vv` every LSA's body in hex too. OSPFv3
//! (IPv6) is printed as tcpdump does without `-v`, and with `-v` its
//! header only (router, area, instance).
//!
//! tcpdump's quirks are kept, as its output is the reference: an LS-Ack's
//! headers are read until the captured data ends (so its line ends
//! ` [|ospf2]`), a TE link TLV's length is not taken off what is left of
//! its LSA, a shared risk group's entries move the read position twice.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::gmpls::{LINK_PROT, Mbps, bc_model_name, encoding_name, switch_cap_name};
use super::hex::print_unknown_data;
use super::tok::{BitTok, bittok2str};
use super::{P, Printer, out};
use crate::decode::{Bytes, Trunc};

/// The MD5 digest after an OSPFv2 packet (not in its length field).
const MD5_LEN: usize = 16;
/// An LSA header.
const LSA_HDR: usize = 20;

/// `ospf_option_values`.
const OPTIONS: &BitTok = &[
    (0x01, "MultiTopology"),
    (0x02, "External"),
    (0x04, "Multicast"),
    (0x08, "NSSA"),
    (0x10, "LLS"),
    (0x20, "Demand Circuit"),
    (0x40, "Opaque"),
    (0x80, "Up/Down"),
];
/// `ospf_dd_flag_values`.
const DD_FLAGS: &BitTok = &[
    (0x04, "Init"),
    (0x02, "More"),
    (0x01, "Master"),
    (0x08, "OOBResync"),
];
/// `ospf_rla_flag_values`.
const RLA_FLAGS: &BitTok = &[
    (0x01, "ABR"),
    (0x02, "ASBR"),
    (0x04, "Virtual"),
    (0x08, "Wildcard"),
    (0x10, "Nt"),
    (0x80, "Host"),
];
/// `ospf_lls_eo_options`.
const LLS_EO: &BitTok = &[(0x01, "LSDB resync"), (0x02, "Restart")];
/// `lsa_opaque_ri_tlv_cap_values`.
const RI_CAPS: &BitTok = &[
    (1, "Reserved"),
    (2, "Reserved"),
    (4, "Reserved"),
    (8, "Reserved"),
    (16, "graceful restart capable"),
    (32, "graceful restart helper"),
    (64, "Stub router support"),
    (128, "Traffic engineering"),
    (256, "p2p over LAN"),
    (512, "path computation server"),
];

/// `type2str` (OSPFv2) and `ospf6_type_values` (the same names).
fn type_name(t: u8) -> Option<&'static str> {
    Some(match t {
        1 => "Hello",
        2 => "Database Description",
        3 => "LS-Request",
        4 => "LS-Update",
        5 => "LS-Ack",
        _ => return None,
    })
}

/// `lsa_values`.
fn lsa_name(t: u32) -> &'static str {
    match t {
        1 => "Router",
        2 => "Network",
        3 => "Summary",
        4 => "ASBR Summary",
        5 => "External",
        6 => "Multicast Group",
        7 => "NSSA",
        9 => "Link Local Opaque",
        10 => "Area Local Opaque",
        11 => "Domain Wide Opaque",
        _ => "unknown",
    }
}

/// `lsa_opaque_values`.
fn opaque_name(t: u8) -> &'static str {
    match t {
        1 => "Traffic Engineering",
        3 => "Graceful restart",
        4 => "Router Information",
        _ => "unknown",
    }
}

/// `ospf_topology_values`.
fn topology_name(t: u32) -> &'static str {
    match t {
        0 => "default",
        1 => "multicast",
        2 => "management",
        _ => "Unknown",
    }
}

/// The opaque LSA types (link-local, area, domain-wide).
fn is_opaque(t: u32) -> bool {
    (9..=11).contains(&t)
}

/// `before`, then the IPv4 address at `at` (tcpdump's `GET_IPADDR_STRING`
/// in the same `ND_PRINT`: nothing is printed when it was not captured).
fn ip(p: &mut Printer, d: &[u8], at: usize, before: &str) -> P {
    let a = *d.array::<4>(at)?;
    p.s(before);
    p.ip4(a);
    Ok(())
}

/// `print_unknown_data`: false when `at` is past the captured data (it
/// then says so).
fn unknown(p: &mut Printer, d: &[u8], at: usize, ident: &str, len: usize) -> bool {
    let rest = d.get(at..);
    let ok = rest.is_some();
    print_unknown_data(p, rest, ident, len);
    ok
}

/// The line both versions start with: `OSPFv2, Hello, length 44`, the
/// length `len` and an unknown type's words (`unknown`) as each version
/// has them; the version and type, or `None` when there is no more to
/// print (an unknown type, or no `-v`).
fn first_line(
    p: &mut Printer,
    d: &[u8],
    len: impl std::fmt::Display,
    unknown: impl FnOnce(u8) -> String,
) -> Result<Option<(u8, u8)>, Trunc> {
    let ty = d.u8_at(1)?;
    let version = d.u8_at(0)?;
    out!(p, "OSPFv{version}, ");
    match type_name(ty) {
        Some(n) => out!(p, "{n}, length {len}"),
        None => {
            out!(p, "{}, length {len}", unknown(ty));
            return Ok(None);
        }
    }
    Ok((p.opts.verbose > 0).then_some((version, ty)))
}

/// Both versions' `-v` router and area (at 4 and 8).
fn router_area(p: &mut Printer, d: &[u8]) -> P {
    ip(p, d, 4, "\n\tRouter-ID ")?;
    if d.be32(8)? != 0 {
        ip(p, d, 8, ", Area ")
    } else {
        p.s(", Backbone Area");
        Ok(())
    }
}

/// `label`, the names of the bits of `v` in `toks` ("none" when none),
/// and `]`.
fn bits(p: &mut Printer, label: &str, toks: &BitTok, v: u32) {
    p.s(label);
    bittok2str(p, toks, "none", v);
    p.s("]");
}

/// A Hello's designated and backup designated routers (at `at` and
/// `at + 4`), each when not 0.0.0.0.
fn designated(p: &mut Printer, d: &[u8], at: usize) -> P {
    if d.be32(at)? != 0 {
        ip(p, d, at, "\n\t  Designated Router ")?;
    }
    if d.be32(at + 4)? != 0 {
        ip(p, d, at + 4, ", Backup Designated Router ")?;
    }
    Ok(())
}

/// The addresses (router ids) from `at` to `end`, each after `before`
/// (a Hello's neighbours, a network LSA's routers).
fn addresses(p: &mut Printer, d: &[u8], at: usize, end: usize, before: &str) -> P {
    let mut at = at;
    while at < end {
        ip(p, d, at, before)?;
        at += 4;
    }
    Ok(())
}

/// `ospf_print`: OSPFv2 (and other versions' first line) over IPv4;
/// `len` is the IP payload's length.
pub(super) fn ospf_print(p: &mut Printer, d: &[u8], len: usize) -> P {
    p.cur.protocol = "ospf2";
    // tcpdump's lengths are `u_int`: an MD5 packet shorter than its digest
    // wraps, as there.
    let mut length = u32::try_from(len).unwrap_or(u32::MAX);
    let mut d = d;
    // The MD5 digest is stripped off before anything else: from the
    // length, and from the data (tcpdump moves its end of data back).
    if d.be16(14)? == 2 {
        length = length.wrapping_sub(MD5_LEN as u32);
        d = d.get(..d.len().saturating_sub(MD5_LEN)).unwrap_or_default();
    }
    let Some((version, ty)) = first_line(p, d, length, |ty| format!("unknown LS-type {ty}"))?
    else {
        return Ok(());
    };
    let ospf_len = u32::from(d.be16(2)?);
    if length != ospf_len {
        out!(p, " [len {ospf_len}]");
    }
    let end = length.min(ospf_len) as usize;
    router_area(p, d)?;
    if !d.has(16, 8) {
        return Err(Trunc);
    }
    let auth = d.be16(14)?;
    let auth_name = match auth {
        0 => "none",
        1 => "simple",
        2 => "MD5",
        _ => "unknown",
    };
    out!(p, ", Authentication Type: {auth_name} ({auth})");
    match auth {
        0 => {}
        1 => {
            p.s("\n\tSimple text password: ");
            super::chars::printjnp(p, d, 16, 8)?;
        }
        2 => {
            let (key, alen, seq) = (d.u8_at(18)?, d.u8_at(19)?, d.be32(20)?);
            out!(
                p,
                "\n\tKey-ID: {key}, Auth-Length: {alen}, Crypto Sequence Number: 0x{seq:08x}"
            );
        }
        _ => return Ok(()),
    }
    if version != 2 {
        out!(p, " ospf [version {version}]");
        return Ok(());
    }
    decode_v2(p, d, ty, end)?;
    if length > ospf_len {
        lls(p, d, ty, length, ospf_len)?;
    }
    Ok(())
}

/// `ospf_decode_v2`: the packet after the 24-byte header, up to `end`.
fn decode_v2(p: &mut Printer, d: &[u8], ty: u8, end: usize) -> P {
    match ty {
        1 => {
            let options = d.u8_at(30)?;
            bits(p, "\n\tOptions [", OPTIONS, u32::from(options));
            let (hello, dead, prio) = (d.be16(28)?, d.be32(32)?, d.u8_at(31)?);
            let mask = *d.array::<4>(24)?;
            out!(p, "\n\t  Hello Timer {hello}s, Dead Timer {dead}s, Mask ");
            p.ip4(mask);
            out!(p, ", Priority {prio}");
            designated(p, d, 36)?;
            if 44 < end {
                p.s("\n\t  Neighbor List:");
            }
            addresses(p, d, 44, end, "\n\t    ")?;
        }
        2 => {
            let options = d.u8_at(26)?;
            bits(p, "\n\tOptions [", OPTIONS, u32::from(options));
            let flags = d.u8_at(27)?;
            bits(p, ", DD Flags [", DD_FLAGS, u32::from(flags));
            let mtu = d.be16(24)?;
            if mtu != 0 {
                out!(p, ", MTU: {mtu}");
            }
            out!(p, ", Sequence: 0x{:08x}", d.be32(28)?);
            let mut at = 32;
            while at < end && lsa_header(p, d, at)?.is_some() {
                at += LSA_HDR;
            }
        }
        3 => {
            let mut at = 24;
            while at < end {
                if !d.has(at, 12) {
                    return Err(Trunc);
                }
                let t = d.be32(at)?;
                let router = *d.array::<4>(at + 8)?;
                p.s("\n\t  Advertising Router: ");
                p.ip4(router);
                out!(p, ", {} LSA ({t})", lsa_name(t));
                if is_opaque(t) {
                    let (ot, id) = (d.u8_at(at + 4)?, d.be24(at + 5)?);
                    out!(
                        p,
                        ", Opaque-Type: {} LSA ({ot}), Opaque-ID: {id}",
                        opaque_name(ot)
                    );
                } else {
                    ip(p, d, at + 4, ", LSA-ID: ")?;
                }
                at += 12;
            }
        }
        4 => {
            let count = d.be32(24)?;
            out!(p, ", {count} LSA{}", if count == 1 { "" } else { "s" });
            let mut at = 28;
            for i in 1..=count {
                out!(p, "\n\t  LSA #{i}");
                at = lsa(p, d, at)?;
            }
        }
        5 => {
            // Until a header's length is bogus or the data ends (no check
            // against the packet's end: tcpdump's).
            let mut at = 24;
            while lsa_header(p, d, at)?.is_some() {
                at += LSA_HDR;
            }
        }
        _ => {}
    }
    Ok(())
}

/// `ospf_print_lshdr`: the LSA header at `at`; its length (header
/// included), or `None` when that is shorter than a header (said so).
fn lsa_header(p: &mut Printer, d: &[u8], at: usize) -> Result<Option<usize>, Trunc> {
    let ls_len = usize::from(d.be16(at + 18)?);
    if ls_len < LSA_HDR {
        out!(p, "\n\t    Bogus length {ls_len} < header ({LSA_HDR})");
        return Ok(None);
    }
    let (router, seq, age) = (*d.array::<4>(at + 8)?, d.be32(at + 12)?, d.be16(at)?);
    p.s("\n\t  Advertising Router ");
    p.ip4(router);
    out!(
        p,
        ", seq 0x{seq:08x}, age {age}s, length {}",
        ls_len - LSA_HDR
    );
    let t = u32::from(d.u8_at(at + 3)?);
    if is_opaque(t) {
        let (ot, id) = (d.u8_at(at + 4)?, d.be24(at + 5)?);
        out!(
            p,
            "\n\t    {} LSA ({t}), Opaque-Type {} LSA ({ot}), Opaque-ID {id}",
            lsa_name(t),
            opaque_name(ot)
        );
    } else {
        let id = *d.array::<4>(at + 4)?;
        out!(p, "\n\t    {} LSA ({t}), LSA-ID: ", lsa_name(t));
        p.ip4(id);
    }
    bits(
        p,
        "\n\t    Options: [",
        OPTIONS,
        u32::from(d.u8_at(at + 2)?),
    );
    Ok(Some(ls_len))
}

/// `ospf_print_lsa`: the LSA at `at` (header and body); where the next one
/// starts.
fn lsa(p: &mut Printer, d: &[u8], at: usize) -> Result<usize, Trunc> {
    let ls_len = lsa_header(p, d, at)?.ok_or(Trunc)?;
    let ls_end = at + ls_len;
    let body = at + LSA_HDR;
    let body_len = ls_len - LSA_HDR;
    match d.u8_at(at + 3)? {
        1 => {
            let flags = d.u8_at(body)?;
            bits(
                p,
                "\n\t    Router LSA Options: [",
                RLA_FLAGS,
                u32::from(flags),
            );
            let count = d.be16(body + 2)?;
            if !d.has(body + 4, 12) {
                return Err(Trunc);
            }
            let mut link = body + 4;
            for _ in 0..count {
                if !d.has(link, 12) {
                    return Err(Trunc);
                }
                let (id, data) = (*d.array::<4>(link)?, *d.array::<4>(link + 4)?);
                let (first, second) = match d.u8_at(link + 8)? {
                    4 => (
                        "Virtual Link: Neighbor Router-ID: ",
                        ", Interface Address: ",
                    ),
                    1 => ("Neighbor Router-ID: ", ", Interface Address: "),
                    2 => ("Neighbor Network-ID: ", ", Interface Address: "),
                    3 => ("Stub Network: ", ", Mask: "),
                    t => {
                        out!(p, "\n\t      Unknown Router Link Type ({t})");
                        return Ok(ls_end);
                    }
                };
                out!(p, "\n\t      {first}");
                p.ip4(id);
                p.s(second);
                p.ip4(data);
                let tos_count = d.u8_at(link + 9)?;
                tos_metrics(p, d, link + 8, tos_count)?;
                link += 12 + usize::from(tos_count) * 4;
            }
        }
        2 => {
            ip(p, d, body, "\n\t    Mask ")?;
            p.s("\n\t    Connected Routers:");
            addresses(p, d, body + 4, ls_end, "\n\t      ")?;
        }
        t @ (3 | 4 | 5 | 7) => {
            // Summary (3), ASBR summary (4): metrics; external (5) and
            // NSSA (7): metrics with a forwarding address and a tag.
            if t != 4 {
                ip(p, d, body, "\n\t    Mask ")?;
            }
            if !d.has(body + 4, 4) {
                return Err(Trunc);
            }
            let mut m = body + 4;
            while m < ls_end {
                let v = d.be32(m)?;
                let topology = (v & 0x7f00_0000) >> 24;
                let name = topology_name(topology);
                if t < 5 {
                    out!(
                        p,
                        "\n\t\ttopology {name} ({topology}) metric {}",
                        v & 0x00ff_ffff
                    );
                    m += 4;
                    continue;
                }
                let ty = if v & 0x8000_0000 != 0 { 2 } else { 1 };
                out!(p, "\n\t\ttopology {name} ({topology}), type {ty}, metric");
                match v & 0x00ff_ffff {
                    0x00ff_ffff => p.s(" infinite"),
                    metric => out!(p, " {metric}"),
                }
                if d.be32(m + 4)? != 0 {
                    ip(p, d, m + 4, ", forward ")?;
                }
                if d.be32(m + 8)? != 0 {
                    ip(p, d, m + 8, ", tag ")?;
                }
                m += 12;
            }
        }
        6 => {
            let mut m = body;
            while m < ls_end {
                match d.be32(m)? {
                    1 => {
                        ip(p, d, m + 4, "\n\t    Router Router-ID ")?;
                    }
                    2 => {
                        ip(p, d, m + 4, "\n\t    Network Designated Router ")?;
                    }
                    t => out!(p, "\n\t    unknown VertexType ({t})"),
                }
                m += 8;
            }
        }
        9..=11 => {
            let shown = match d.u8_at(at + 4)? {
                4 => router_info(p, d, body, body_len)?,
                3 => grace(p, d, body, body_len)?,
                1 => traffic_engineering(p, d, body, body_len)?,
                _ => p.opts.verbose > 1 || unknown(p, d, body, "\n\t    ", body_len),
            };
            if !shown {
                return Ok(ls_end);
            }
        }
        _ => {}
    }
    if p.opts.verbose > 1 {
        unknown(p, d, body, "\n\t    ", body_len);
    }
    Ok(ls_end)
}

/// `ospf_print_tos_metrics`: the link's metric (topology 0) and its
/// `count` per-topology metrics, from `at` (the link's type byte).
fn tos_metrics(p: &mut Printer, d: &[u8], at: usize, count: u8) -> P {
    let mut at = at;
    for i in 0..=u32::from(count) {
        let (ty, metric) = (d.u8_at(at)?, d.be16(at + 2)?);
        let topology = if i > 0 { u32::from(ty) } else { 0 };
        out!(
            p,
            "\n\t\ttopology {} ({topology}), metric {metric}",
            topology_name(topology)
        );
        at += 4;
    }
    Ok(())
}

/// A TLV's length rounded up to 32 bits (OSPF aligns everything).
fn padded(n: u32) -> u32 {
    n.wrapping_add((4 - n % 4) % 4)
}

/// What [`tlv_head`] found.
enum Head {
    /// A TLV's type and length.
    Tlv(u16, u32),
    /// Its header was not captured.
    Missing,
    /// Fewer than 4 bytes of the LSA were left (said so).
    Short,
}

/// The header of the next TLV of an opaque LSA, at `*t` with `*left` of
/// the LSA's bytes left; past it when there.
fn tlv_head(p: &mut Printer, d: &[u8], t: &mut usize, left: &mut u32) -> Result<Head, Trunc> {
    if !d.has(*t, 4) {
        return Ok(Head::Missing);
    }
    if *left < 4 {
        out!(p, "\n\t    Remaining LS length {left} < 4");
        return Ok(Head::Short);
    }
    let head = Head::Tlv(d.be16(*t)?, u32::from(d.be16(*t + 2)?));
    *t += 4;
    *left -= 4;
    Ok(head)
}

/// The Router Information LSA's TLVs (in `ospf_print_lsa`); false when
/// the LSA ends there (a bogus length, said so).
fn router_info(p: &mut Printer, d: &[u8], at: usize, len: usize) -> Result<bool, Trunc> {
    let mut t = at;
    let mut left = u32::try_from(len).unwrap_or(u32::MAX);
    while left != 0 {
        let (ty, tl) = match tlv_head(p, d, &mut t, &mut left)? {
            Head::Tlv(ty, tl) => (ty, tl as usize),
            Head::Missing => return Err(Trunc),
            Head::Short => return Ok(false),
        };
        let name = if ty == 1 {
            "Router Capabilities"
        } else {
            "unknown"
        };
        out!(p, "\n\t    {name} TLV ({ty}), length: {tl}, value: ");
        if tl > left as usize {
            out!(p, "\n\t    Bogus length {tl} > remaining LS length {left}");
            return Ok(false);
        }
        if !d.has(t, tl) {
            return Err(Trunc);
        }
        if ty == 1 {
            if tl != 4 {
                out!(p, "\n\t    Bogus length {tl} != 4");
                return Ok(false);
            }
            p.s("Capabilities: ");
            bittok2str(p, RI_CAPS, "Unknown", d.be32(t)?);
        } else if p.opts.verbose <= 1 && !unknown(p, d, t, "\n\t      ", tl) {
            return Ok(false);
        }
        t += tl;
        left -= tl as u32;
    }
    Ok(true)
}

/// `ospf_grace_lsa_print`: false when it gave up (tcpdump's -1: the LSA
/// ends there, without a truncation mark).
fn grace(p: &mut Printer, d: &[u8], at: usize, len: usize) -> Result<bool, Trunc> {
    let mut t = at;
    let mut left = u32::try_from(len).unwrap_or(u32::MAX);
    while left > 0 {
        let Head::Tlv(ty, tl) = tlv_head(p, d, &mut t, &mut left)? else {
            return Ok(false);
        };
        let name = match ty {
            1 => "Grace Period",
            2 => "Graceful restart Reason",
            3 => "IPv4 interface address",
            _ => "unknown",
        };
        out!(p, "\n\t    {name} TLV ({ty}), length {tl}, value: ");
        if tl > left {
            out!(p, "\n\t    Bogus length {tl} > {left}");
            return Ok(false);
        }
        if ty == 0 || tl == 0 || !d.has(t, tl as usize) {
            return Ok(false);
        }
        match ty {
            1 | 3 if tl != 4 => {
                out!(p, "\n\t    Bogus length {tl} != 4");
                return Ok(false);
            }
            2 if tl != 1 => {
                out!(p, "\n\t    Bogus length {tl} != 1");
                return Ok(false);
            }
            1 => out!(p, "{}s", d.be32(t)?),
            2 => {
                let r = d.u8_at(t)?;
                let name = match r {
                    0 => "Unknown",
                    1 => "Software Restart",
                    2 => "Software Reload/Upgrade",
                    3 => "Control Processor Switch",
                    _ => "Unknown",
                };
                out!(p, "{name} ({r})");
            }
            3 => ip(p, d, t, "")?,
            _ => {
                if p.opts.verbose <= 1 && !unknown(p, d, t, "\n\t      ", tl as usize) {
                    return Ok(false);
                }
            }
        }
        let tl = padded(tl);
        // `u_int` arithmetic: a padded length past what is left wraps.
        left = left.wrapping_sub(tl);
        t += tl as usize;
    }
    Ok(true)
}

/// `ospf_te_lsa_print`: false when it gave up (tcpdump's -1: the LSA ends
/// there; an invalid sub-TLV is marked ` (invalid)`).
fn traffic_engineering(p: &mut Printer, d: &[u8], at: usize, len: usize) -> Result<bool, Trunc> {
    let mut t = at;
    let mut left = u32::try_from(len).unwrap_or(u32::MAX);
    while left != 0 {
        let Head::Tlv(ty, mut tl) = tlv_head(p, d, &mut t, &mut left)? else {
            return Ok(false);
        };
        let name = match ty {
            1 => "Router Address",
            2 => "Link",
            _ => "unknown",
        };
        out!(p, "\n\t    {name} TLV ({ty}), length: {tl}");
        if tl > left {
            out!(p, "\n\t    Bogus length {tl} > {left}");
            return Ok(false);
        }
        if ty == 0 || tl == 0 {
            return Ok(false);
        }
        match ty {
            2 => {
                // The sub-TLVs use up the TLV's length (and tcpdump then
                // takes nothing off what is left of the LSA).
                while tl != 0 {
                    if tl < 4 {
                        out!(p, "\n\t    Remaining TLV length {tl} < 4");
                        return Ok(false);
                    }
                    let (st, sl) = (d.be16(t)?, u32::from(d.be16(t + 2)?));
                    t += 4;
                    tl -= 4;
                    if st == 0 || sl == 0 {
                        return invalid(p);
                    }
                    out!(
                        p,
                        "\n\t      {} subTLV ({st}), length: {sl}",
                        te_subtlv_name(st)
                    );
                    if tl < sl {
                        out!(p, "\n\t    Remaining TLV length {} < {}", tl + 4, sl + 4);
                        return Ok(false);
                    }
                    if !d.has(t, sl as usize) {
                        return Ok(false);
                    }
                    match te_link_subtlv(p, d, &mut t, st, sl)? {
                        Sub::Shown => {}
                        Sub::Invalid => return invalid(p),
                        Sub::GiveUp => return Ok(false),
                    }
                    let sl = padded(sl);
                    if tl < sl {
                        out!(p, "\n\t    Remaining TLV length {} < {}", tl + 4, sl + 4);
                        return Ok(false);
                    }
                    tl -= sl;
                    t += sl as usize;
                }
            }
            1 => {
                if tl < 4 {
                    out!(p, "\n\t    TLV length {tl} < 4");
                    return Ok(false);
                }
                ip(p, d, t, ", ")?;
            }
            _ => {
                if p.opts.verbose <= 1 && !unknown(p, d, t, "\n\t      ", tl as usize) {
                    return Ok(false);
                }
            }
        }
        let tl = padded(tl);
        if tl > left {
            out!(p, "\n\t    Bogus padded length {tl} > {left}");
            return Ok(false);
        }
        left -= tl;
        t += tl as usize;
    }
    Ok(true)
}

/// `nd_print_invalid`, and the TE printer gives up.
fn invalid(p: &mut Printer) -> Result<bool, Trunc> {
    p.s(" (invalid)");
    Ok(false)
}

/// What a TE link sub-TLV's printing came to.
enum Sub {
    Shown,
    /// Its length is wrong for its type (said so).
    Invalid,
    /// The hex dump's data was not there.
    GiveUp,
}

/// `lsa_opaque_te_link_tlv_subtlv_values`.
fn te_subtlv_name(t: u16) -> &'static str {
    match t {
        1 => "Link Type",
        2 => "Link ID",
        3 => "Local Interface IP address",
        4 => "Remote Interface IP address",
        5 => "Traffic Engineering Metric",
        6 => "Maximum Bandwidth",
        7 => "Maximum Reservable Bandwidth",
        8 => "Unreserved Bandwidth",
        9 => "Administrative Group",
        11 => "Link Local/Remote Identifier",
        14 => "Link Protection Type",
        15 => "Interface Switching Capability",
        16 => "Shared Risk Link Group",
        17 => "Bandwidth Constraints",
        _ => "unknown",
    }
}

/// One TE link sub-TLV's value (type `st`, length `sl`, at `*t`, whose
/// bytes were captured). A shared risk group moves `*t` past its entries,
/// as tcpdump's pointer does.
fn te_link_subtlv(
    p: &mut Printer,
    d: &[u8],
    t: &mut usize,
    st: u16,
    sl: u32,
) -> Result<Sub, Trunc> {
    let at = *t;
    let need = |p: &mut Printer, ok: bool, says: &str| {
        if !ok {
            p.s(says);
        }
        ok
    };
    match st {
        9 => {
            if !need(p, sl == 4, " != 4") {
                return Ok(Sub::Invalid);
            }
            out!(p, ", 0x{:08x}", d.be32(at)?);
        }
        2 | 11 => {
            if !need(p, sl == 4 || sl == 8, " != 4 && != 8") {
                return Ok(Sub::Invalid);
            }
            for off in if sl == 8 { &[0, 4][..] } else { &[0][..] } {
                ip(p, d, at + off, ", ")?;
                out!(p, " (0x{:08x})", d.be32(at + off)?);
            }
        }
        3 | 4 => {
            if !need(p, sl == 4, " != 4") {
                return Ok(Sub::Invalid);
            }
            ip(p, d, at, ", ")?;
        }
        6 | 7 => {
            if !need(p, sl == 4, " != 4") {
                return Ok(Sub::Invalid);
            }
            out!(p, ", {} Mbps", Mbps(d.be32(at)?));
        }
        8 => {
            if !need(p, sl == 32, " != 32") {
                return Ok(Sub::Invalid);
            }
            for class in 0..8 {
                let bw = Mbps(d.be32(at + class * 4)?);
                out!(p, "\n\t\tTE-Class {class}: {bw} Mbps");
            }
        }
        17 => {
            if !need(p, sl >= 4, " < 4") {
                return Ok(Sub::Invalid);
            }
            let model = d.u8_at(at)?;
            out!(
                p,
                "\n\t\tBandwidth Constraints Model ID: {} ({model})",
                bc_model_name(model)
            );
            if !sl.is_multiple_of(4) {
                out!(p, "\n\t\tlength {sl} != N x 4");
                return Ok(Sub::Invalid);
            }
            if sl > 36 {
                out!(p, "\n\t\tlength {sl} > 36");
                return Ok(Sub::Invalid);
            }
            for class in 0..(sl as usize - 4) / 4 {
                let bw = Mbps(d.be32(at + 4 + class * 4)?);
                out!(p, "\n\t\t  Bandwidth constraint CT{class}: {bw} Mbps");
            }
        }
        5 => {
            if !need(p, sl == 4, " != 4") {
                return Ok(Sub::Invalid);
            }
            out!(p, ", Metric {}", d.be32(at)?);
        }
        14 => {
            if !need(p, sl == 4, " != 4") {
                return Ok(Sub::Invalid);
            }
            p.s(", ");
            bittok2str(p, LINK_PROT, "none", u32::from(d.u8_at(at)?));
        }
        15 => {
            if !need(p, sl >= 36, " < 36") {
                return Ok(Sub::Invalid);
            }
            let (cap, enc) = (d.u8_at(at)?, d.u8_at(at + 1)?);
            out!(
                p,
                "\n\t\tInterface Switching Capability: {}",
                switch_cap_name(cap)
            );
            out!(
                p,
                "\n\t\tLSP Encoding: {}\n\t\tMax LSP Bandwidth:",
                encoding_name(enc)
            );
            for level in 0..8 {
                let bw = Mbps(d.be32(at + 4 + level * 4)?);
                out!(p, "\n\t\t  priority level {level}: {bw} Mbps");
            }
        }
        1 => {
            if !need(p, sl == 1, " != 1") {
                return Ok(Sub::Invalid);
            }
            let v = d.u8_at(at)?;
            let name = match v {
                1 => "Point-to-point",
                2 => "Multi-Access",
                _ => "unknown",
            };
            out!(p, ", {name} ({v})");
        }
        16 => {
            if !need(p, sl.is_multiple_of(4), " != N x 4") {
                return Ok(Sub::Invalid);
            }
            let mut count = sl / 4;
            if count != 0 {
                p.s("\n\t\t  Shared risk group: ");
            }
            while count > 0 {
                out!(p, "{}", d.be32(*t)?);
                *t += 4;
                count -= 1;
                if count > 0 {
                    p.s(", ");
                }
            }
        }
        _ => {
            if p.opts.verbose <= 1 && !unknown(p, d, at, "\n\t\t", sl as usize) {
                return Ok(Sub::GiveUp);
            }
        }
    }
    Ok(Sub::Shown)
}

/// `ospf_decode_lls`: the link-local signalling block after a Hello's or
/// a Database Description's `ospf_len` bytes (and an MD5 digest), when
/// its options have the L bit.
fn lls(p: &mut Printer, d: &[u8], ty: u8, length: u32, ospf_len: u32) -> P {
    let options = match ty {
        1 => d.u8_at(30)?,
        2 => d.u8_at(26)?,
        _ => return Ok(()),
    };
    if options & 0x10 == 0 {
        return Ok(());
    }
    let mut len2 = ospf_len;
    if d.be16(14)? == 2 {
        len2 += u32::from(d.u8_at(19)?);
    }
    if len2 >= length {
        p.s("\n\t[LLS truncated]");
        return Ok(());
    }
    let mut at = len2 as usize;
    out!(p, "\n\t  LLS: checksum: 0x{:04x}", d.be16(at)?);
    at += 2;
    out!(p, ", length: {}", d.be16(at)?);
    at += 2;
    let end = length as usize;
    while at < end {
        let t = d.be16(at)?;
        let name = match t {
            1 => "Extended Options",
            2 => "MD5 Authentication",
            _ => "Unknown TLV",
        };
        out!(p, "\n\t    {name} ({t})");
        at += 2;
        let mut l = usize::from(d.be16(at)?);
        out!(p, ", length: {l}");
        at += 2;
        match t {
            1 => {
                if l != 4 {
                    p.s(" [should be 4]");
                    l = 4;
                }
                let flags = d.be32(at)?;
                out!(p, "\n\t      Options: 0x{flags:08x} [");
                bittok2str(p, LLS_EO, "?", flags);
                p.s("]");
            }
            2 => {
                if l != 20 {
                    p.s(" [should be 20]");
                    l = 20;
                }
                out!(p, "\n\t      Sequence number: 0x{:08x}", d.be32(at)?);
            }
            _ => {}
        }
        at += l;
    }
    Ok(())
}

/// `ospf6_option_values` (a 24-bit field read as 32 bits).
const OPTIONS6: &BitTok = &[
    (0x01, "V6"),
    (0x02, "External"),
    (0x04, "Deprecated"),
    (0x08, "NSSA"),
    (0x10, "Router"),
    (0x20, "Demand Circuit"),
    (0x0100, "AFs Support"),
    (0x0200, "LLS"),
    (0x0400, "Authentication Trailer"),
];
/// `ospf6_dd_flag_values`.
const DD_FLAGS6: &BitTok = &[
    (0x04, "Init"),
    (0x02, "More"),
    (0x01, "Master"),
    (0x10, "IPv6 MTU"),
];
/// `ospf6_rla_flag_values`.
const RLA_FLAGS6: &BitTok = &[
    (0x01, "ABR"),
    (0x02, "External"),
    (0x04, "Virtual-Link Endpoint"),
    (0x08, "Deprecated"),
    (0x10, "NSSA Translator"),
];
/// `ospf6_asla_flag_values` (the external bit as OSPFv2's, as tcpdump
/// has it).
const ASLA_FLAGS6: &BitTok = &[
    (0x8000_0000, "External Type 2"),
    (0x0200_0000, "Forwarding"),
    (0x0100_0000, "Tag"),
];
/// `ospf6_lsa_prefix_option_values`.
const PREFIX_OPTIONS6: &BitTok = &[
    (0x01, "No Unicast"),
    (0x02, "Local address"),
    (0x04, "Deprecated"),
    (0x08, "Propagate"),
    (0x10, "Down"),
    (0x20, "N-bit"),
];

/// `ospf6_lsa_values`.
fn lsa6_name(t: u16) -> &'static str {
    match t {
        1 => "Router",
        2 => "Network",
        3 => "Inter-Area Prefix",
        4 => "Inter-Area Router",
        5 => "External",
        6 => "Deprecated",
        7 => "NSSA",
        8 => "Link",
        9 => "Intra-Area Prefix",
        10 => "Intra-Area TE",
        11 => "Grace",
        12 => "Router Information",
        13 => "Inter-AS-TE",
        14 => "Layer 1 VPN",
        _ => "Unknown",
    }
}

/// The OSPFv3 header.
const HDR6: usize = 16;

/// `ospf6_print`: OSPFv3 over IPv6; `len` is the payload's length.
pub(super) fn ospf6_print(p: &mut Printer, d: &[u8], len: usize) -> P {
    p.cur.protocol = "ospf3";
    let Some((version, ty)) = first_line(p, d, len, |ty| format!("unknown packet type ({ty})"))?
    else {
        return Ok(());
    };
    let datalen = usize::from(d.be16(2)?);
    if datalen > len {
        out!(p, " [len {datalen}]");
        return Ok(());
    }
    router_area(p, d)?;
    let instance = d.u8_at(14)?;
    if instance != 0 {
        out!(p, ", Instance {instance}");
    }
    if version == 3 {
        decode_v3(p, d, ty, datalen)?;
        trailer_v3(p, d, ty, datalen, len - datalen)?;
    }
    Ok(())
}

/// `ospf6_decode_v3`: the packet after the 16-byte header, up to `end`
/// (most of it from `-vv` only).
fn decode_v3(p: &mut Printer, d: &[u8], ty: u8, end: usize) -> P {
    let vv = p.opts.verbose > 1;
    match ty {
        1 => {
            let options = d.be32(HDR6 + 4)?;
            bits(p, "\n\tOptions [", OPTIONS6, options);
            let (hello, dead) = (d.be16(HDR6 + 8)?, d.be16(HDR6 + 10)?);
            let (ifid, prio) = (*d.array::<4>(HDR6)?, d.u8_at(HDR6 + 4)?);
            out!(
                p,
                "\n\t  Hello Timer {hello}s, Dead Timer {dead}s, Interface-ID "
            );
            p.ip4(ifid);
            out!(p, ", Priority {prio}");
            designated(p, d, HDR6 + 12)?;
            if vv {
                p.s("\n\t  Neighbor List:");
                addresses(p, d, HDR6 + 20, end, "\n\t    ")?;
            }
        }
        2 => {
            let options = d.be32(HDR6)?;
            bits(p, "\n\tOptions [", OPTIONS6, options);
            let flags = d.u8_at(HDR6 + 7)?;
            bits(p, ", DD Flags [", DD_FLAGS6, u32::from(flags));
            let (mtu, seq) = (d.be16(HDR6 + 4)?, d.be32(HDR6 + 8)?);
            out!(p, ", MTU {mtu}, DD-Sequence 0x{seq:08x}");
            if vv {
                let mut at = HDR6 + 12;
                while at < end {
                    lsa6_header(p, d, at, end)?;
                    at += LSA_HDR;
                }
            }
        }
        3 if vv => {
            let mut at = HDR6;
            while at < end {
                if !d.has(at, 12) {
                    return Err(Trunc);
                }
                ip(p, d, at + 8, "\n\t  Advertising Router ")?;
                ls_type6(p, d, d.be16(at + 2)?, at + 4)?;
                at += 12;
            }
        }
        4 if vv => {
            // tcpdump counts down an `int`: a count past 2^31 is negative
            // and never reaches 0 (the packet's end stops it).
            let mut left = d.be32(HDR6)?;
            let mut at = HDR6 + 4;
            while at < end && left != 0 {
                left = left.wrapping_sub(1);
                lsa6(p, d, at, end)?;
                at += usize::from(d.be16(at + 18)?);
            }
        }
        5 if vv => {
            let mut at = HDR6;
            while at < end {
                lsa6_header(p, d, at, end)?;
                at += LSA_HDR;
            }
        }
        _ => {}
    }
    Ok(())
}

/// `ospf6_print_ls_type`: an LSA's type (function, scope, U bit) and its
/// id (at `id`).
fn ls_type6(p: &mut Printer, d: &[u8], t: u16, id: usize) -> P {
    let scope = match t & 0x6000 {
        0x0000 => "Link Local",
        0x2000 => "Area Local",
        0x4000 => "Domain Wide",
        _ => "Unknown",
    };
    let u = if t & 0x8000 != 0 { ", transitive" } else { "" };
    let a = *d.array::<4>(id)?;
    out!(
        p,
        "\n\t    {} LSA ({}), {scope} Scope{u}, LSA-ID ",
        lsa6_name(t & 0x1fff),
        t & 0x1fff
    );
    p.ip4(a);
    Ok(())
}

/// `ospf6_print_lshdr`: an LSA header, which must end by `end`.
fn lsa6_header(p: &mut Printer, d: &[u8], at: usize, end: usize) -> P {
    if at + LSA_HDR > end {
        return Err(Trunc);
    }
    let (router, seq, age) = (*d.array::<4>(at + 8)?, d.be32(at + 12)?, d.be16(at)?);
    // `%zu` of an `int` less a `size_t`: a length below the header's
    // wraps in 64 bits.
    let len = u64::from(d.be16(at + 18)?).wrapping_sub(LSA_HDR as u64);
    p.s("\n\t  Advertising Router ");
    p.ip4(router);
    out!(p, ", seq 0x{seq:08x}, age {age}s, length {len}");
    ls_type6(p, d, d.be16(at + 2)?, at + 4)
}

/// `ospf6_print_lsaprefix`: the prefix at `at` of the `left` bytes of its
/// LSA; its size, or `None` when it does not fit (tcpdump's -1).
fn prefix6(p: &mut Printer, d: &[u8], at: usize, left: usize) -> Result<Option<usize>, Trunc> {
    if left < 4 || !d.has(at, 4) {
        return Ok(None);
    }
    let plen = d.u8_at(at)?;
    let words = usize::from(plen).div_ceil(32);
    if words * 4 > 16 {
        out!(p, " bogus prefixlen /{plen}");
        return Ok(None);
    }
    if left - 4 < words * 4 {
        return Ok(None);
    }
    let mut prefix = [0u8; 16];
    for (i, b) in prefix.iter_mut().take(words * 4).enumerate() {
        *b = d.u8_at(at + 4 + i)?;
    }
    p.s("\n\t\t");
    p.ip6(&prefix);
    out!(p, "/{plen}");
    let opt = d.u8_at(at + 1)?;
    if opt != 0 {
        bits(p, ", Options [", PREFIX_OPTIONS6, u32::from(opt));
    }
    out!(p, ", metric {}", d.be16(at + 2)?);
    Ok(Some(4 + words * 4))
}

/// `count` prefixes from `at` (a Link or an Intra-Area-Prefix LSA's).
fn prefixes6(p: &mut Printer, d: &[u8], at: usize, left: usize, count: u32) -> P {
    let (mut at, mut left) = (at, left);
    for _ in 0..count {
        let n = prefix6(p, d, at, left)?.ok_or(Trunc)?;
        left -= n;
        at += n;
    }
    Ok(())
}

/// `ospf6_print_lsa`: the LSA at `at`, which must end by `end`.
fn lsa6(p: &mut Printer, d: &[u8], at: usize, end: usize) -> P {
    lsa6_header(p, d, at, end)?;
    let length = usize::from(d.be16(at + 18)?);
    if length < LSA_HDR || at + length > end {
        return Err(Trunc);
    }
    let mut left = length - LSA_HDR;
    let body = at + LSA_HDR;
    // What a fixed field takes off `left`; too few bytes: tcpdump's
    // `return (1)`, a truncation.
    let take = |left: &mut usize, n: usize| -> P {
        *left = left.checked_sub(n).ok_or(Trunc)?;
        Ok(())
    };
    match d.be16(at + 2)? {
        0x2001 => {
            take(&mut left, 4)?;
            let options = d.be32(body)?;
            bits(p, "\n\t      Options [", OPTIONS6, options);
            let flags = d.u8_at(body)?;
            bits(p, ", RLA-Flags [", RLA_FLAGS6, u32::from(flags));
            let mut link = body + 4;
            while left != 0 {
                take(&mut left, 16)?;
                if !d.has(link, 16) {
                    return Err(Trunc);
                }
                let what = match d.u8_at(link)? {
                    4 => "Virtual Link: Neighbor Router-ID ",
                    1 => "Neighbor Router-ID ",
                    2 => "Neighbor Network-ID ",
                    t => {
                        out!(p, "\n\t      Unknown Router Links Type 0x{t:02x}");
                        return Ok(());
                    }
                };
                out!(p, "\n\t      {what}");
                ip(p, d, link + 12, "")?;
                ip(p, d, link + 8, "\n\t      Neighbor Interface-ID ")?;
                ip(p, d, link + 4, ", Interface ")?;
                out!(p, ", metric {}", d.be16(link + 2)?);
                link += 16;
            }
        }
        0x2002 => {
            take(&mut left, 4)?;
            let options = d.be32(body)?;
            p.s("\n\t      Options [");
            bittok2str(p, OPTIONS6, "none", options);
            p.s("]\n\t      Connected Routers:");
            let mut r = body + 4;
            while left != 0 {
                take(&mut left, 4)?;
                let a = *d.array::<4>(r)?;
                p.s("\n\t\t");
                p.ip4(a);
                r += 4;
            }
        }
        0x2003 => {
            take(&mut left, 4)?;
            out!(p, ", metric {}", d.be32(body)? & 0x00ff_ffff);
            let mut t = body + 4;
            while left != 0 {
                let n = prefix6(p, d, t, left)?.ok_or(Trunc)?;
                left -= n;
                t += n;
            }
        }
        0x4005 => {
            take(&mut left, 4)?;
            let flags = d.be32(body)?;
            p.s("\n\t     Flags [");
            bittok2str(p, ASLA_FLAGS6, "none", flags);
            out!(p, "] metric {}", flags & 0x00ff_ffff);
            let pfx = body + 4;
            let n = prefix6(p, d, pfx, left)?.ok_or(Trunc)?;
            left -= n;
            let mut t = pfx + n;
            if flags & 0x0200_0000 != 0 {
                take(&mut left, 16)?;
                let a = *d.array::<16>(t)?;
                p.s(" forward ");
                p.ip6(&a);
                t += 16;
            }
            if flags & 0x0100_0000 != 0 {
                take(&mut left, 4)?;
                ip(p, d, t, " tag ")?;
                t += 4;
            }
            if d.u8_at(pfx + 2)? != 0 {
                take(&mut left, 4)?;
                ip(p, d, t, " RefLSID: ")?;
            }
        }
        8 => {
            take(&mut left, 4)?;
            let options = d.be32(body)?;
            bits(p, "\n\t      Options [", OPTIONS6, options);
            take(&mut left, 20)?;
            let count = d.be32(body + 20)?;
            let (prio, lladdr) = (d.u8_at(body)?, *d.array::<16>(body + 4)?);
            out!(p, "\n\t      Priority {prio}, Link-local address ");
            p.ip6(&lladdr);
            out!(p, ", Prefixes {count}:");
            prefixes6(p, d, body + 24, left, count)?;
        }
        0x2009 => {
            take(&mut left, 4)?;
            if !d.has(body + 8, 4) {
                return Err(Trunc);
            }
            ls_type6(p, d, d.be16(body + 2)?, body + 4)?;
            take(&mut left, 2)?;
            let count = d.be16(body)?;
            out!(p, "\n\t      Prefixes {count}:");
            prefixes6(p, d, body + 12, left, u32::from(count))?;
        }
        11 => {
            if !grace(p, d, body, left)? {
                return Err(Trunc);
            }
        }
        10 => {
            if !traffic_engineering(p, d, body, left)? {
                return Err(Trunc);
            }
        }
        _ => {
            if !unknown(p, d, body, "\n\t      ", left) {
                return Err(Trunc);
            }
        }
    }
    Ok(())
}

/// `ospf6_decode_v3_trailer`: after the OSPF packet's `at` bytes, `len`
/// more: the link-local signalling block of a Hello or a Database
/// Description with the L option, then the authentication trailer.
fn trailer_v3(p: &mut Printer, d: &[u8], ty: u8, at: usize, len: usize) -> P {
    let lls = match ty {
        1 => d.be32(HDR6 + 4)? & 0x0200 != 0,
        2 => d.be32(HDR6)? & 0x0200 != 0,
        _ => false,
    };
    let mut used = 0;
    if lls && len != 0 {
        if len < 4 {
            return Err(Trunc);
        }
        out!(p, "\n\tLLS Checksum 0x{:04x}", d.be16(at)?);
        let n = usize::from(d.be16(at + 2)?);
        out!(p, ", Data Length {n}");
        if n < 4 || n > len || !d.has(at + 4, n - 4) {
            return Err(Trunc);
        }
        used = n;
    }
    let (at, len) = (at + used, len - used);
    if len == 0 {
        return Ok(());
    }
    if len < 16 {
        return Err(Trunc);
    }
    let t = d.be16(at)?;
    p.s("\n\tAuthentication Type ");
    if t == 1 {
        p.s("HMAC");
    } else {
        out!(p, "unknown (0x{t:04x})");
    }
    let n = usize::from(d.be16(at + 2)?);
    out!(p, ", Length {n}");
    if n < 16 || n > len {
        return Err(Trunc);
    }
    out!(p, ", SAID {}", d.be16(at + 6)?);
    out!(p, ", CSN 0x{:08x}", d.be32(at + 8)?);
    out!(p, ":{:08x}", d.be32(at + 12)?);
    if !d.has(at + 16, n - 16) {
        return Err(Trunc);
    }
    if p.opts.verbose > 1 {
        unknown(p, d, at + 16, "\n\tAuthentication Data ", n - 16);
    }
    Ok(())
}
