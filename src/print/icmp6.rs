//! ICMPv6 (`print-icmp6.c`): every message type tcpdump 4.99 knows, with the
//! `-v` details (neighbour-discovery options, MLDv2 records, RPL, checksum).
//! `data` starts at the ICMPv6 header and ends at the snapshot end
//! (tcpdump's `ndo_snapend`).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::addr::V6;
use super::ip6ext::addr16;
use super::{P, Printer, out};
use crate::decode::{Bytes, IpAddrs, R};

/// `icmp6_type_values` (first match wins, as `tok2str` does).
fn type_name(t: u8) -> Option<&'static str> {
    Some(match t {
        1 => "destination unreachable",
        2 => "packet too big",
        3 => "time exceeded in-transit",
        4 => "parameter problem",
        128 => "echo request",
        129 => "echo reply",
        130 => "multicast listener query",
        131 => "multicast listener report",
        132 => "multicast listener done",
        133 => "router solicitation",
        134 => "router advertisement",
        135 => "neighbor solicitation",
        136 => "neighbor advertisement",
        137 => "redirect",
        138 => "router renumbering",
        141 => "inverse neighbor solicitation",
        142 => "inverse neighbor advertisement",
        143 => "multicast listener report v2",
        144 => "ha discovery request",
        145 => "ha discovery reply",
        146 => "mobile router solicitation",
        147 => "mobile router advertisement",
        139 => "who-are-you request",
        140 => "who-are-you reply",
        201 => "mtrace message",
        200 => "mtrace response",
        155 => "RPL",
        _ => return None,
    })
}

/// `bittok2str(tokens, "none", v)`: matching names joined by ", ".
fn bittok(p: &mut Printer, tokens: &[(u32, &str)], v: u32) {
    let mut first = true;
    for &(mask, name) in tokens {
        if v & mask != 0 {
            if !first {
                p.s(", ");
            }
            p.s(name);
            first = false;
        }
    }
    if first {
        p.s("none");
    }
}

const RA_FLAGS: &[(u32, &str)] = &[
    (0x80, "managed"),
    (0x40, "other stateful"),
    (0x20, "home agent"),
    (0x02, "ipv6 only"),
];
const PI_FLAGS: &[(u32, &str)] = &[(0x80, "onlink"), (0x40, "auto"), (0x20, "router")];
const NA_FLAGS: &[(u32, &str)] = &[
    (0x8000_0000, "router"),
    (0x4000_0000, "solicited"),
    (0x2000_0000, "override"),
];

/// `get_rtpref`.
fn rtpref(v: u8) -> &'static str {
    match (v & 0x18) >> 3 {
        0 => "medium",
        1 => "high",
        2 => "rsv",
        _ => "low",
    }
}

/// `get_lifetime`.
fn lifetime(p: &mut Printer, v: u32) {
    if v == u32::MAX {
        p.s("infinity");
    } else {
        out!(p, "{v}s");
    }
}

/// `fn_print_char`.
fn print_char(p: &mut Printer, mut c: u8) {
    if !c.is_ascii() {
        c &= 0x7f;
        p.s("M-");
    }
    if !(0x20..=0x7e).contains(&c) {
        c ^= 0x40;
        p.s("^");
    }
    p.out().push(c);
}

/// `hex_print_with_offset` over bytes known to be captured.
fn hex_print(p: &mut Printer, ident: &str, data: &[u8]) {
    let mut oset = 0usize;
    let mut i = 0usize;
    let mut pairs = data.chunks_exact(2);
    for pair in pairs.by_ref() {
        if i.is_multiple_of(8) {
            out!(p, "{ident}0x{oset:04x}: ");
            oset += 16;
        }
        i += 1;
        if let [a, b] = pair {
            out!(p, " {a:02x}{b:02x}");
        }
    }
    if let [a] = pairs.remainder() {
        if i.is_multiple_of(8) {
            out!(p, "{ident}0x{oset:04x}: ");
        }
        out!(p, " {a:02x}");
    }
}

/// `print_unknown_data`: `cp` is `None` when the pointer is past the end.
fn print_unknown_data(p: &mut Printer, cp: Option<&[u8]>, ident: &str, len: usize) {
    match cp {
        None => out!(
            p,
            "{ident}Dissector error: print_unknown_data called with pointer past end of packet"
        ),
        Some(d) => hex_print(p, ident, d.cap(len)),
    }
}

/// Ones-complement sum of big-endian 16-bit words.
fn sum16(mut acc: u32, data: &[u8]) -> u32 {
    let mut it = data.chunks_exact(2);
    for w in it.by_ref() {
        if let [a, b] = w {
            acc += u32::from(u16::from_be_bytes([*a, *b]));
            acc = (acc & 0xffff) + (acc >> 16);
        }
    }
    if let [a] = it.remainder() {
        acc += u32::from(*a) << 8;
        acc = (acc & 0xffff) + (acc >> 16);
    }
    acc
}

/// `nextproto6_cksum` for ICMPv6 (58); 0 when the checksum is right.
fn cksum6(src: &[u8; 16], dst: &[u8; 16], data: &[u8]) -> u16 {
    let len = data.len() as u32;
    let mut acc = sum16(0, src);
    acc = sum16(acc, dst);
    acc = sum16(acc, &len.to_be_bytes());
    acc = sum16(acc, &[0, 0, 0, 58]);
    acc = sum16(acc, data);
    while acc > 0xffff {
        acc = (acc & 0xffff) + (acc >> 16);
    }
    !(acc as u16)
}

/// `in_cksum_shouldbe`.
fn shouldbe(sum: u16, computed: u16) -> u16 {
    let mut s = u32::from(sum) + u32::from(computed);
    s = (s & 0xffff) + (s >> 16);
    s = (s & 0xffff) + (s >> 16);
    s as u16
}

/// `icmp6_print`.
pub(super) fn icmp6_print(
    p: &mut Printer,
    data: &[u8],
    length: usize,
    ip: IpAddrs<'_>,
    fragmented: bool,
) -> P {
    p.protocol = "icmp6";
    if length == 0 {
        p.s("ICMP6, length 0 (invalid)");
        return Ok(());
    }
    let v = p.opts.verbose;
    if v > 0
        && !fragmented
        && data.has(0, length)
        && let IpAddrs::V6 { src, dst, .. } = ip
    {
        let udp_sum = data.be16(2)?;
        let sum = cksum6(src, dst, data.range(0, length)?);
        if sum != 0 {
            out!(
                p,
                "[bad icmp6 cksum 0x{udp_sum:04x} -> 0x{:04x}!] ",
                shouldbe(udp_sum, sum)
            );
        } else {
            p.s("[icmp6 sum ok] ");
        }
    }
    let ty = data.u8_at(0)?;
    p.s("ICMP6, ");
    match type_name(ty) {
        Some(n) => p.s(n),
        None => out!(p, "unknown icmp6 type ({ty})"),
    }
    if v > 0 && matches!(ty, 133 | 134 | 136 | 135 | 137 | 145 | 147) {
        out!(p, ", length {length}");
    }
    let code = data.u8_at(1)?;
    // The quoted packet of error messages (`oip`).
    let oip = data.get(8..).unwrap_or_default();
    match ty {
        1 => {
            p.s(", ");
            match code {
                0 => p.s("unreachable route"),
                1 => p.s(" unreachable prohibited"),
                2 => p.s("beyond scope"),
                3 => p.s("unreachable address"),
                4 => p.s("unreachable port"),
                _ => out!(p, "unknown unreach code ({code})"),
            }
            match code {
                0 | 1 | 3 => {
                    let d = addr16(oip, 24)?;
                    p.s(" ");
                    p.ip6(d);
                }
                2 => {
                    let d = addr16(oip, 24)?;
                    let s = addr16(oip, 8)?;
                    p.s(" ");
                    p.ip6(d);
                    p.s(", source address ");
                    p.ip6(s);
                }
                4 => {
                    let Some((off, prot)) = get_upperlayer(oip) else {
                        p.trunc();
                        return Ok(());
                    };
                    let dport = oip.be16(off + 2)?;
                    let d = addr16(oip, 24)?;
                    p.s(", ");
                    p.ip6(d);
                    match prot {
                        6 => {
                            p.s(" tcp port ");
                            p.tcp_port(dport);
                        }
                        17 => {
                            p.s(" udp port ");
                            p.udp_port(dport);
                        }
                        _ => out!(p, " protocol {prot} port {dport} unreachable"),
                    }
                }
                _ => {
                    if v <= 1 {
                        print_unknown_data(p, Some(data), "\n\t", length);
                        return Ok(());
                    }
                }
            }
        }
        2 => out!(p, ", mtu {}", data.be32(4)?),
        3 => match code {
            0 => {
                let d = addr16(oip, 24)?;
                p.s(" for ");
                p.ip6(d);
            }
            1 => p.s(" (reassembly)"),
            _ => out!(p, ", unknown code ({code})"),
        },
        4 => {
            oip.range(24, 16)?;
            let what = match code {
                0 => "erroneous",
                1 => "next header",
                2 => "option",
                3 => "incomplete header chain",
                _ => "",
            };
            if what.is_empty() {
                out!(p, ", code-#{code}");
            } else {
                out!(p, ", {what} - octet {}", data.be32(4)?);
            }
        }
        128 | 129 => out!(p, ", id {}, seq {}", data.be16(4)?, data.be16(6)?),
        130 => {
            if length == 24 {
                mld6_print(p, data)?;
            } else if length >= 28 {
                p.s(" v2");
                mldv2_query_print(p, data, length)?;
            } else {
                out!(p, " unknown-version (len {length}) ");
            }
        }
        131 | 132 => mld6_print(p, data)?,
        133 => {
            if v > 0 && !nd_opts(p, data, 8, length)? {
                return Ok(());
            }
        }
        134 => {
            if v > 0 {
                let hop = data.u8_at(4)?;
                let fl = data.u8_at(5)?;
                let life = data.be16(6)?;
                let reach = data.be32(8)?;
                let retrans = data.be32(12)?;
                out!(p, "\n\thop limit {hop}, Flags [");
                bittok(p, RA_FLAGS, u32::from(fl));
                out!(
                    p,
                    "], pref {}, router lifetime {life}s, reachable time {reach}ms, retrans timer {retrans}ms",
                    rtpref(fl)
                );
                if !nd_opts(p, data, 16, length)? {
                    return Ok(());
                }
            }
        }
        135 => {
            let t = addr16(data, 8)?;
            p.s(", who has ");
            p.ip6(t);
            if v > 0 && !nd_opts(p, data, 24, length)? {
                return Ok(());
            }
        }
        136 => {
            let t = addr16(data, 8)?;
            p.s(", tgt is ");
            p.ip6(t);
            if v > 0 {
                let fl = data.be32(4)?;
                p.s(", Flags [");
                bittok(p, NA_FLAGS, fl);
                p.s("]");
                if !nd_opts(p, data, 24, length)? {
                    return Ok(());
                }
            }
        }
        137 => {
            let d = addr16(data, 24)?;
            p.s(", ");
            p.ip6(d);
            let t = addr16(data, 8)?;
            p.s(" to ");
            p.ip6(t);
            if v > 0 && !nd_opts(p, data, 40, length)? {
                return Ok(());
            }
        }
        138 => rrenum_print(p, data)?,
        139 | 140 => nodeinfo_print(p, length, data)?,
        141 | 142 => {}
        143 => mldv2_report_print(p, data, length)?,
        146 | 144 => out!(p, ", id 0x{:04x}", data.be16(4)?),
        145 => {
            if v > 0 {
                out!(p, ", id 0x{:04x}", data.be16(4)?);
                let mut off = 8usize;
                while off < length {
                    let a = addr16(data, off)?;
                    p.s(", ");
                    p.ip6(a);
                    off += 16;
                }
            }
        }
        147 => {
            if v > 0 {
                out!(p, ", id 0x{:04x}", data.be16(4)?);
                let flags = data.be16(6)?;
                if flags & 0xc000 != 0 {
                    p.s(" ");
                }
                if flags & 0x8000 != 0 {
                    p.s("M");
                }
                if flags & 0x4000 != 0 {
                    p.s("O");
                }
                if !nd_opts(p, data, 8, length)? {
                    return Ok(());
                }
            }
        }
        155 => rpl_print(
            p,
            code,
            data.get(4..).unwrap_or_default(),
            (length as u32).wrapping_sub(4),
        )?,
        _ => {
            out!(p, ", length {length}");
            if v <= 1 {
                print_unknown_data(p, Some(data), "\n\t", length);
            }
            return Ok(());
        }
    }
    if v == 0 {
        out!(p, ", length {length}");
    }
    Ok(())
}

/// `icmp6_opt_print` from `start`, its -1 printing ` [|icmp6]` (`goto trunc`).
fn nd_opts(p: &mut Printer, data: &[u8], start: usize, length: usize) -> R<bool> {
    let ok = icmp6_opt_print(p, data, start, length as i64 - start as i64)?;
    if !ok {
        p.trunc();
    }
    Ok(ok)
}

/// `get_upperlayer`: offset (in `oip`) and protocol of the TCP/UDP header
/// inside the quoted packet.
fn get_upperlayer(oip: &[u8]) -> Option<(usize, u8)> {
    let mut nh = oip.u8_at(6).ok()?;
    let mut hlen = 40usize;
    let mut bp = 0usize;
    while bp < oip.len() {
        bp += hlen;
        match nh {
            6 | 17 => {
                return if oip.has(bp + 2, 2) {
                    Some((bp, nh))
                } else {
                    None
                };
            }
            0 | 60 | 43 => {
                let l = oip.u8_at(bp + 1).ok()?;
                nh = oip.u8_at(bp).ok()?;
                hlen = (usize::from(l) + 1) << 3;
            }
            44 => {
                let off = oip.be16(bp + 2).ok()?;
                if off & 0xfff8 != 0 {
                    return None;
                }
                nh = oip.u8_at(bp).ok()?;
                hlen = 8;
            }
            51 => {
                let l = oip.u8_at(bp + 1).ok()?;
                nh = oip.u8_at(bp).ok()?;
                hlen = (usize::from(l) + 2) << 2;
            }
            _ => return None,
        }
    }
    None
}

/// `mld6_print`.
fn mld6_print(p: &mut Printer, data: &[u8]) -> P {
    if !data.has(0, 24) {
        return Ok(());
    }
    out!(p, "max resp delay: {} ", data.be16(4)?);
    let a = addr16(data, 8)?;
    p.s("addr: ");
    p.ip6(a);
    Ok(())
}

/// `mldv2_report_print`.
fn mldv2_report_print(p: &mut Printer, bp: &[u8], len: usize) -> P {
    if len < 8 {
        out!(p, " [invalid len {len}]");
        return Ok(());
    }
    let ngroups = bp.be16(6)?;
    out!(p, ", {ngroups} group record(s)");
    if p.opts.verbose > 0 {
        let mut group = 8usize;
        for _ in 0..ngroups {
            if len < group + 20 {
                p.s(" [invalid number of groups]");
                return Ok(());
            }
            let g = addr16(bp, group + 4)?;
            p.s(" [gaddr ");
            p.ip6(g);
            let t = bp.u8_at(group)?;
            match t {
                1 => p.s(" is_in"),
                2 => p.s(" is_ex"),
                3 => p.s(" to_in"),
                4 => p.s(" to_ex"),
                5 => p.s(" allow"),
                6 => p.s(" block"),
                _ => out!(p, "  [v2-report-#{t}]"),
            }
            let nsrcs = usize::from(bp.be16(group + 2)?);
            if len < group + 20 + nsrcs * 16 {
                out!(p, " [invalid number of sources {nsrcs}]");
                return Ok(());
            }
            if p.opts.verbose == 1 {
                out!(p, ", {nsrcs} source(s)");
            } else {
                p.s(" {");
                for j in 0..nsrcs {
                    let a = addr16(bp, group + 20 + j * 16)?;
                    p.s(" ");
                    p.ip6(a);
                }
                p.s(" }");
            }
            group += 20 + nsrcs * 16;
            p.s("]");
        }
    }
    Ok(())
}

/// `mldv2_query_print`.
fn mldv2_query_print(p: &mut Printer, bp: &[u8], len: usize) -> P {
    if len < 28 {
        out!(p, " [invalid len {len}]");
        return Ok(());
    }
    let v = p.opts.verbose;
    let mrc = u32::from(bp.be16(4)?);
    let mrt = if mrc < 32768 {
        mrc
    } else {
        ((mrc & 0x0fff) | 0x1000) << (((mrc & 0x7000) >> 12) + 3)
    };
    if v > 0 {
        out!(p, " [max resp delay={mrt}]");
    }
    let g = addr16(bp, 8)?;
    p.s(" [gaddr ");
    p.ip6(g);
    if v > 0 {
        let b24 = bp.u8_at(24)?;
        if b24 & 0x08 != 0 {
            p.s(" sflag");
        }
        if b24 & 0x07 != 0 {
            out!(p, " robustness={}", b24 & 0x07);
        }
        let b25 = u32::from(bp.u8_at(25)?);
        let qqi = if b25 < 128 {
            b25
        } else {
            ((b25 & 0x0f) | 0x10) << (((b25 & 0x70) >> 4) + 3)
        };
        out!(p, " qqi={qqi}");
    }
    let nsrcs = usize::from(bp.be16(26)?);
    if nsrcs > 0 {
        if len < 28 + nsrcs * 16 {
            p.s(" [invalid number of sources]");
        } else if v > 1 {
            p.s(" {");
            for i in 0..nsrcs {
                let a = addr16(bp, 28 + i * 16)?;
                p.s(" ");
                p.ip6(a);
            }
            p.s(" }");
        } else {
            out!(p, ", {nsrcs} source(s)");
        }
    }
    p.s("]");
    Ok(())
}

/// `print_lladdr`.
fn print_lladdr(p: &mut Printer, b: &[u8]) {
    for (i, x) in b.iter().enumerate() {
        if i > 0 {
            p.s(":");
        }
        out!(p, "{x:02x}");
    }
}

/// `fqdn_print` (print-domain.c), enough for DNSSL options: `bp` is the
/// base compression pointers are relative to, `cp` the name's offset in it.
/// `None` is the C's NULL.
fn fqdn_print(p: &mut Printer, bp: &[u8], mut cp: usize) -> R<Option<usize>> {
    const MAXCDNAME: usize = 255;
    let labellen = |p: &mut Printer, at: usize| -> R<Option<usize>> {
        let Ok(i) = bp.u8_at(at) else { return Ok(None) };
        Ok(match i & 0xc0 {
            0x40 => {
                let elt = i & 0x3f;
                if elt != 0x01 {
                    out!(p, "<ELT {elt}>");
                    return Ok(None);
                }
                let Ok(b) = bp.u8_at(at + 1) else {
                    return Ok(None);
                };
                let bitlen = if b == 0 { 256 } else { usize::from(b) };
                Some(bitlen.div_ceil(8) + 1)
            }
            0xc0 | 0x00 => Some(usize::from(i)),
            _ => {
                p.s("<BAD LABEL TYPE>");
                None
            }
        })
    };
    let Some(mut l) = labellen(p, cp)? else {
        return Ok(None);
    };
    let Ok(mut i) = bp.u8_at(cp) else {
        return Ok(None);
    };
    let mut max_offset = cp;
    cp += 1;
    let mut compress = false;
    let mut rp = 0usize;
    if i & 0xc0 != 0xc0 {
        rp = cp + l;
    }
    if i == 0 {
        p.s(".");
        return Ok(Some(rp));
    }
    let mut name_chars = 0usize;
    while i != 0 && cp < bp.len() {
        match i & 0xc0 {
            0xc0 => {
                if !compress {
                    rp = cp + 1;
                    compress = true;
                }
                let Ok(lo) = bp.u8_at(cp) else {
                    return Ok(None);
                };
                let offset = ((usize::from(i) << 8) | usize::from(lo)) & 0x3fff;
                if offset >= max_offset {
                    p.s("<BAD PTR>");
                    return Ok(None);
                }
                max_offset = offset;
                cp = offset;
                let Ok(ni) = bp.u8_at(cp) else {
                    return Ok(None);
                };
                i = ni;
                let Some(nl) = labellen(p, cp)? else {
                    return Ok(None);
                };
                l = nl;
                cp += 1;
                continue;
            }
            0x40 => {
                // Bit-string labels (`blabel_print`).
                let elt = i & 0x3f;
                if elt != 0x01 {
                    out!(p, "<ELT {elt}>");
                    return Ok(None);
                }
                let Ok(b) = bp.u8_at(cp) else { return Ok(None) };
                let bitlen = if b == 0 { 256usize } else { usize::from(b) };
                let slen = bitlen.div_ceil(4);
                let lim = cp + 1 + slen;
                p.s("\\[x");
                let mut bitp = cp + 1;
                let mut bb = bitlen;
                while bitp < lim && bb > 7 {
                    out!(p, "{:02x}", bp.u8_at(bitp)?);
                    bb -= 8;
                    bitp += 1;
                }
                if bb > 4 {
                    let tc = bp.u8_at(bitp)?;
                    out!(p, "{:02x}", tc & (0xffu8 << (8 - bb)));
                } else if bb > 0 {
                    let tc = bp.u8_at(bitp)?;
                    out!(p, "{:1x}", ((tc >> 4) & 0x0f) & (0x0fu8 << (4 - bb)));
                }
                out!(p, "/{bitlen}]");
            }
            0x80 => {
                p.s("<BAD LABEL TYPE>");
                return Ok(None);
            }
            _ => {
                let n = if name_chars + l <= MAXCDNAME {
                    l
                } else {
                    MAXCDNAME.saturating_sub(name_chars)
                };
                if n > 0 {
                    // nd_printn: stops (and fails) at the snapshot end.
                    for k in 0..n {
                        let Ok(c) = bp.u8_at(cp + k) else {
                            return Ok(None);
                        };
                        print_char(p, c);
                    }
                }
                name_chars += l;
            }
        }
        cp += l;
        if name_chars <= MAXCDNAME {
            p.s(".");
        }
        name_chars += 1;
        let Ok(ni) = bp.u8_at(cp) else {
            return Ok(None);
        };
        i = ni;
        let Some(nl) = labellen(p, cp)? else {
            return Ok(None);
        };
        l = nl;
        cp += 1;
        if !compress {
            rp += l + 1;
        }
    }
    if name_chars > MAXCDNAME {
        p.s("<DOMAIN NAME TOO LONG>");
    }
    Ok(Some(rp))
}

/// `icmp6_opt_print`: options from `start` (offset in `data`); `Ok(false)`
/// is the C's -1.
fn icmp6_opt_print(p: &mut Printer, data: &[u8], start: usize, mut resid: i64) -> R<bool> {
    let ep = data.len();
    let bp = start;
    let mut cp = start;
    while cp < ep {
        if !data.has(cp + 1, 1) {
            return Ok(false);
        }
        if resid <= 0 {
            return Ok(true);
        }
        let opt_type = data.u8_at(cp)?;
        let opt_len = usize::from(data.u8_at(cp + 1)?);
        if opt_len == 0 {
            return Ok(false);
        }
        let olen = opt_len << 3;
        if cp + olen > ep {
            return Ok(false);
        }
        let name = match opt_type {
            1 => "source link-address",
            2 => "destination link-address",
            3 => "prefix info",
            4 => "redirected header",
            5 => "mtu",
            25 => "rdnss",
            31 => "dnssl",
            7 => "advertisement interval",
            8 => "homeagent information",
            24 => "route info",
            _ => "unknown",
        };
        out!(
            p,
            "\n\t  {name} option ({opt_type}), length {olen} ({opt_len}): "
        );
        let op = data.from(cp)?;
        match opt_type {
            1 | 2 => print_lladdr(p, op.range(2, olen - 2)?),
            3 => {
                let pre = addr16(op, 16)?;
                let plen = op.u8_at(2)?;
                let fl = op.u8_at(3)?;
                let valid = op.be32(4)?;
                p.ip6(pre);
                out!(
                    p,
                    "/{plen}{}, Flags [",
                    if opt_len != 4 { "badlen" } else { "" }
                );
                bittok(p, PI_FLAGS, u32::from(fl));
                p.s("], valid time ");
                lifetime(p, valid);
                let pref = op.be32(8)?;
                p.s(", pref. time ");
                lifetime(p, pref);
            }
            4 => print_unknown_data(p, data.get(bp..), "\n\t    ", olen),
            5 => out!(
                p,
                " {}{}",
                op.be32(4)?,
                if opt_len != 1 {
                    "bad option length"
                } else {
                    ""
                }
            ),
            25 => {
                let l = (opt_len - 1) / 2;
                out!(p, " lifetime {}s,", op.be32(4)?);
                for i in 0..l {
                    let a = addr16(op, 8 + 16 * i)?;
                    p.s(" addr: ");
                    p.ip6(a);
                }
            }
            31 => {
                out!(p, " lifetime {}s, domain(s):", op.be32(4)?);
                let base = data.from(bp)?;
                let mut domp = cp + 8 - bp;
                while domp < cp + olen - bp && base.u8_at(domp)? != 0 {
                    p.s(" ");
                    match fqdn_print(p, base, domp)? {
                        Some(n) => domp = n,
                        None => return Ok(false),
                    }
                }
            }
            7 => out!(p, " {}ms", op.be32(4)?),
            8 => out!(p, " preference {}, lifetime {}", op.be16(4)?, op.be16(6)?),
            24 => {
                op.range(4, 4)?;
                let mut in6 = [0u8; 16];
                match opt_len {
                    1 => {}
                    2 => {
                        let src = op.range(8, 8)?;
                        if let Some(d) = in6.get_mut(..8) {
                            d.copy_from_slice(src);
                        }
                    }
                    3 => in6.copy_from_slice(op.range(8, 16)?),
                    _ => return Ok(false),
                }
                let plen = op.u8_at(2)?;
                p.s(" ");
                p.ip6(&in6);
                out!(p, "/{plen}");
                out!(p, ", pref={}", rtpref(op.u8_at(3)?));
                let life = op.be32(4)?;
                p.s(", lifetime=");
                lifetime(p, life);
            }
            _ => {
                if p.opts.verbose <= 1 {
                    print_unknown_data(p, op.get(2..), "\n\t  ", olen - 2);
                    return Ok(true);
                }
            }
        }
        if p.opts.verbose > 1 {
            print_unknown_data(p, op.get(2..), "\n\t    ", olen - 2);
        }
        cp += olen;
        resid -= olen as i64;
    }
    Ok(true)
}

/// `dnsname_print`: a DNS name from `cp` to the end of `b`.
fn dnsname_print(p: &mut Printer, b: &[u8], mut cp: usize) -> P {
    let ep = b.len();
    p.s(", \"");
    while cp < ep {
        let i = usize::from(b.u8_at(cp)?);
        cp += 1;
        if i != 0 {
            if i > ep - cp {
                p.s("???");
                break;
            }
            for _ in 0..i {
                if cp >= ep {
                    break;
                }
                print_char(p, b.u8_at(cp)?);
                cp += 1;
            }
            if cp + 1 < ep && b.u8_at(cp)? != 0 {
                p.s(".");
            }
        } else {
            if cp == ep {
                p.s(".");
            } else if cp + 1 == ep && b.u8_at(cp)? == 0 {
                // truncated
            } else {
                p.s("???");
            }
            break;
        }
    }
    p.s("\"");
    Ok(())
}

/// A DNS name in a node-information message: a pascal string (draft 03)
/// or a DNS-encoded name.
fn ni_name(p: &mut Printer, b: &[u8], mut cp: usize) -> P {
    let first = usize::from(b.u8_at(cp)?);
    if cp < b.len() && first == b.len() - cp - 1 {
        if p.opts.verbose > 0 {
            p.s(", 03 draft");
        }
        cp += 1;
        p.s(", \"");
        while cp < b.len() {
            print_char(p, b.u8_at(cp)?);
            cp += 1;
        }
        p.s("\"");
        Ok(())
    } else {
        dnsname_print(p, b, cp)
    }
}

/// The node-address flags of a node-information message.
fn ni_addr_flags(p: &mut Printer, i: u16, with_t: bool) {
    let f = |m: u16, s: &'static str| if i & m != 0 { s } else { "" };
    out!(
        p,
        " [{}{}{}{}{}{}{}]",
        f(0x40, "a"),
        f(0x20, "G"),
        f(0x10, "S"),
        f(0x08, "L"),
        f(0x04, "C"),
        f(0x02, "A"),
        if with_t { f(0x01, "T") } else { "" }
    );
}

/// `icmp6_nodeinfo_print`. Its `trunc` label prints ` [|icmp6]` and returns
/// to `icmp6_print`, which goes on.
fn nodeinfo_print(p: &mut Printer, icmp6len: usize, bp: &[u8]) -> P {
    let siz = bp.len();
    let v = p.opts.verbose > 0;
    match bp.u8_at(0)? {
        139 => {
            if siz == 12 {
                p.s(" who-are-you request");
                return Ok(());
            }
            p.s(" node information query");
            if !bp.has(0, 16) {
                p.trunc();
                return Ok(());
            }
            p.s(" (");
            let qtype = bp.be16(4)?;
            match qtype {
                0 => p.s("noop"),
                1 => {
                    p.s("supported qtypes");
                    let i = bp.be16(6)?;
                    if i != 0 {
                        out!(p, " [{}]", if i & 0x01 != 0 { "C" } else { "" });
                    }
                }
                2 => p.s("DNS name"),
                3 => {
                    p.s("node addresses");
                    let i = bp.be16(6)?;
                    if i != 0 {
                        ni_addr_flags(p, i, false);
                    }
                }
                _ => p.s("unknown"),
            }
            if qtype == 0 || qtype == 1 {
                if siz != 16 && v {
                    p.s(", invalid len");
                }
                p.s(")");
                return Ok(());
            }
            if siz == 16 {
                p.s(", 03 draft)");
                return Ok(());
            }
            let cp = 16usize;
            match bp.u8_at(1)? {
                0 => {
                    if bp.has(0, 32) {
                        if siz != 32 {
                            if v {
                                p.s(", invalid subject len");
                            }
                        } else {
                            let a = addr16(bp, cp)?;
                            p.s(", subject=");
                            p.ip6(a);
                        }
                    }
                }
                1 => {
                    p.s(", subject=DNS name");
                    ni_name(p, bp, cp)?;
                }
                2 => {
                    if bp.has(0, 20) {
                        if siz != 20 {
                            if v {
                                p.s(", invalid subject len");
                            }
                        } else {
                            let a = bp.be32(cp)?.to_be_bytes();
                            p.s(", subject=");
                            p.ip4(a);
                        }
                    }
                }
                _ => p.s(", unknown subject"),
            }
            p.s(")");
        }
        140 => {
            if icmp6len > siz || !bp.has(0, 16) {
                p.trunc();
                return Ok(());
            }
            let mut needcomma = false;
            p.s(" node information reply (");
            let code = bp.u8_at(1)?;
            match code {
                0 if v => {
                    p.s("success");
                    needcomma = true;
                }
                1 | 2 => {
                    p.s(if code == 1 { "refused" } else { "unknown" });
                    needcomma = true;
                    if siz != 16 && v {
                        p.s(", invalid length");
                    }
                }
                _ => {}
            }
            if code != 0 {
                p.s(")");
                return Ok(());
            }
            let comma = |p: &mut Printer| {
                if needcomma {
                    p.s(", ");
                }
            };
            match bp.be16(4)? {
                0 => {
                    comma(p);
                    p.s("noop");
                    if siz != 16 && v {
                        p.s(", invalid length");
                    }
                }
                1 => {
                    comma(p);
                    p.s("supported qtypes");
                    let i = bp.be16(6)?;
                    if i != 0 {
                        out!(p, " [{}]", if i & 0x01 != 0 { "C" } else { "" });
                    }
                }
                2 => {
                    comma(p);
                    p.s("DNS name");
                    ni_name(p, bp, 20)?;
                    if bp.be16(6)? & 0x01 != 0 {
                        out!(p, " [TTL={}]", bp.be32(16)?);
                    }
                }
                3 => {
                    comma(p);
                    p.s("node addresses");
                    let mut i = 16usize;
                    while i < siz {
                        if i + 4 + 16 > siz {
                            break;
                        }
                        let a = addr16(bp, i + 4)?;
                        let ttl = bp.be32(i)?;
                        p.s(" ");
                        p.ip6(a);
                        out!(p, "({ttl})");
                        i += 20;
                    }
                    let f = bp.be16(6)?;
                    if f != 0 {
                        ni_addr_flags(p, f, true);
                    }
                }
                _ => {
                    comma(p);
                    p.s("unknown");
                }
            }
            p.s(")");
        }
        _ => {}
    }
    Ok(())
}

/// `icmp6_rrenum_print`. Its `trunc` label prints ` [|icmp6]` and returns.
fn rrenum_print(p: &mut Printer, bp: &[u8]) -> P {
    let v = p.opts.verbose;
    if !bp.has(12, 4) {
        p.trunc();
        return Ok(());
    }
    let code = bp.u8_at(1)?;
    match code {
        0 => p.s(", command"),
        1 => p.s(", result"),
        255 => p.s(", sequence number reset"),
        _ => out!(p, ", code-#{code}"),
    }
    out!(p, ", seq={}", bp.be32(4)?);
    if v > 0 {
        let fl = bp.u8_at(9)?;
        let f = |m: u8, s: &'static str| if fl & m != 0 { s } else { "" };
        p.s("[");
        if fl != 0 {
            out!(
                p,
                "{}{}{}{}{},",
                f(0x80, "T"),
                f(0x40, "R"),
                f(0x20, "A"),
                f(0x10, "S"),
                f(0x08, "P")
            );
        }
        out!(p, "seg={},", bp.u8_at(8)?);
        out!(p, "maxdelay={}", bp.be16(10)?);
        let rsvd = bp.be32(12)?;
        if rsvd != 0 {
            out!(p, "rsvd=0x{rsvd:x}");
        }
        p.s("]");
    }
    if code == 0 {
        let m = 16usize;
        if !bp.has(m + 8, 16) {
            p.trunc();
            return Ok(());
        }
        p.s(if v > 1 { "\n\t" } else { " " });
        p.s("match(");
        match bp.u8_at(m)? {
            1 => p.s("add"),
            2 => p.s("change"),
            3 => p.s("setglobal"),
            c => out!(p, "#{c}"),
        }
        if v > 0 {
            out!(p, ",ord={}", bp.u8_at(m + 2)?);
            out!(p, ",min={}", bp.u8_at(m + 4)?);
            out!(p, ",max={}", bp.u8_at(m + 5)?);
        }
        let pre = addr16(bp, m + 8)?;
        out!(p, ",{}/{})", V6(pre), bp.u8_at(m + 3)?);
        let n = i32::from(bp.u8_at(m + 1)?) - 3;
        if n % 4 != 0 {
            p.trunc();
            return Ok(());
        }
        let mut use_off = m + 24;
        for _ in 0..n / 4 {
            let u = use_off;
            use_off += 32;
            if !bp.has(u + 16, 16) {
                p.trunc();
                return Ok(());
            }
            p.s(if v > 1 { "\n\t" } else { " " });
            p.s("use(");
            let fl = bp.u8_at(u + 12)?;
            if fl != 0 {
                out!(
                    p,
                    "{}{},",
                    if fl & 0x80 != 0 { "V" } else { "" },
                    if fl & 0x40 != 0 { "P" } else { "" }
                );
            }
            if v > 0 {
                out!(p, "mask=0x{:x},", bp.u8_at(u + 2)?);
                out!(p, "raflags=0x{:x},", bp.u8_at(u + 3)?);
                match bp.be32(u + 4)? {
                    u32::MAX => p.s("vltime=infty,"),
                    t => out!(p, "vltime={t},"),
                }
                match bp.be32(u + 8)? {
                    u32::MAX => p.s("pltime=infty,"),
                    t => out!(p, "pltime={t},"),
                }
            }
            let pre = addr16(bp, u + 16)?;
            out!(p, "{}/{}/{})", V6(pre), bp.u8_at(u)?, bp.u8_at(u + 1)?);
        }
    }
    Ok(())
}

/// `rpl_printopts`.
fn rpl_printopts(p: &mut Printer, opts: &[u8], mut length: u32) -> P {
    let mut o = 0usize;
    while length != 0 {
        let t = opts.u8_at(o)?;
        let optlen;
        if t == 0 {
            optlen = 1u32;
            p.s(" opt:pad1");
        } else {
            if length < 2 {
                p.trunc();
                return Ok(());
            }
            optlen = u32::from(opts.u8_at(o + 1)?) + 2;
            let name = match t {
                1 => "padN",
                2 => "metrics",
                3 => "routinginfo",
                4 => "config",
                5 => "rpltarget",
                6 => "transitinfo",
                8 => "destprefix",
                9 => "rpltargetdesc",
                _ => "",
            };
            if name.is_empty() {
                out!(p, " opt:subopt:{t} len:{optlen} ");
            } else {
                out!(p, " opt:{name} len:{optlen} ");
            }
            if !opts.has(o, optlen as usize) || length < optlen {
                p.trunc();
                return Ok(());
            }
            if p.opts.verbose > 2 {
                hex_print(p, " ", opts.range(o + 2, optlen as usize - 2)?);
            }
        }
        o += optlen as usize;
        length -= optlen;
    }
    Ok(())
}

/// `rpl_print`: `bp` starts 4 bytes into the ICMPv6 header.
fn rpl_print(p: &mut Printer, code: u8, bp: &[u8], length: u32) -> P {
    if code & 0x80 != 0 {
        p.s(", (SEC) [worktodo]");
        return Ok(());
    }
    p.s(", (CLR)");
    let v = p.opts.verbose;
    match code & 0x7f {
        0 => p.s("DODAG Information Solicitation"),
        1 => {
            p.s("DODAG Information Object");
            if v > 0 {
                if length < 24 {
                    p.s(" (invalid)");
                    return Ok(());
                }
                let dagid = addr16(bp, 8)?;
                let dtsn = bp.u8_at(5)?;
                let inst = bp.u8_at(0)?;
                let rank = bp.be16(2)?;
                let mopprf = bp.u8_at(4)?;
                p.s(" [dagid:");
                p.ip6(dagid);
                out!(
                    p,
                    ",seq:{dtsn},instance:{inst},rank:{rank},{}mop:",
                    if mopprf & 0x80 != 0 { "grounded," } else { "" }
                );
                match (mopprf >> 3) & 7 {
                    0 => p.s("nonstoring"),
                    1 => p.s("storing"),
                    2 => p.s("nonstoring-multicast"),
                    3 => p.s("storing-multicast"),
                    m => out!(p, "mop{m}"),
                }
                out!(p, ",prf:{}]", mopprf & 7);
                if v > 1 {
                    rpl_printopts(p, bp.get(24..).unwrap_or_default(), length - 24)?;
                }
            }
        }
        2 => {
            p.s("Destination Advertisement Object");
            if v > 0 {
                if !bp.has(0, 20) {
                    p.trunc();
                    return Ok(());
                }
                if length < 4 {
                    p.s(" [|length too short]");
                    return Ok(());
                }
                let mut off = 4usize;
                let mut length = length - 4;
                let flags = bp.u8_at(1)?;
                let d = flags & 0x40 != 0;
                if d && length < 16 {
                    p.s(" [|length too short]");
                    return Ok(());
                }
                let seq = bp.u8_at(3)?;
                let inst = bp.u8_at(0)?;
                p.s(" [dagid:");
                if d {
                    p.ip6(addr16(bp, 4)?);
                    off += 16;
                    length -= 16;
                } else {
                    p.s("<elided>");
                }
                out!(
                    p,
                    ",seq:{seq},instance:{inst}{}{},{flags:02x}]",
                    if flags & 0x80 != 0 { ",acK" } else { "" },
                    if d { ",Dagid" } else { "" }
                );
                if v > 1 {
                    rpl_printopts(p, bp.get(off..).unwrap_or_default(), length)?;
                }
            }
        }
        3 => {
            p.s("Destination Advertisement Object Ack");
            if v > 0 {
                if !bp.has(0, 4) {
                    p.trunc();
                    return Ok(());
                }
                if length < 4 {
                    p.s(" [|dao-length too short]");
                    return Ok(());
                }
                let mut off = 4usize;
                let mut length = length - 4;
                let d = bp.u8_at(1)? & 0x80 != 0;
                if d {
                    if !bp.has(4, 16) {
                        p.trunc();
                        return Ok(());
                    }
                    if length < 16 {
                        p.s(" [|dao-length too short]");
                        return Ok(());
                    }
                }
                let seq = bp.u8_at(2)?;
                let inst = bp.u8_at(0)?;
                let status = bp.u8_at(3)?;
                p.s(" [dagid:");
                if d {
                    p.ip6(addr16(bp, 4)?);
                    off += 16;
                    length -= 16;
                } else {
                    p.s("<elided>");
                }
                out!(p, ",seq:{seq},instance:{inst},status:{status}]");
                if v > 1 {
                    rpl_printopts(p, bp.get(off..).unwrap_or_default(), length)?;
                }
            }
        }
        _ => out!(p, "RPL message, unknown code {code}"),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_of_zeroes() {
        let z = [0u8; 16];
        assert_eq!(cksum6(&z, &z, &[0u8; 8]), !66u16);
    }

    /// No input, at any verbosity, panics (including arithmetic overflow
    /// in debug builds).
    #[test]
    fn never_panics() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut rnd = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let src = [0x20u8; 16];
        let dst = [0xfeu8; 16];
        for verbose in 0..4u8 {
            let mut p = Printer::new(crate::print::PrintOptions {
                numeric: 1,
                verbose,
                ..Default::default()
            });
            for round in 0..6000usize {
                let mut buf = [0u8; 200];
                for b in buf.iter_mut() {
                    *b = if rnd() % 4 == 0 { 0 } else { rnd() as u8 };
                }
                let ty = [
                    1u8, 2, 3, 4, 128, 130, 131, 133, 134, 135, 136, 137, 138, 139, 140, 143, 145,
                    147, 155, 200,
                ];
                if let (Some(b0), Some(t)) = (buf.first_mut(), ty.get(round % ty.len())) {
                    *b0 = *t;
                }
                let cut = (rnd() % 200) as usize;
                let data = buf.get(..cut).unwrap_or_default();
                let length = if rnd() % 2 == 0 {
                    cut
                } else {
                    (rnd() % 300) as usize
                };
                p.line.clear();
                let ip = IpAddrs::V6 {
                    src: &src,
                    dst: &dst,
                    next: 58,
                };
                let _ = icmp6_print(&mut p, data, length, ip, false);
                // Extension headers behind a fixed IPv6 header.
                let mut pkt = [0u8; 240];
                for b in pkt.iter_mut().skip(40) {
                    *b = if rnd() % 3 == 0 { 0 } else { rnd() as u8 };
                }
                let end = 40 + cut;
                let pkt = pkt.get(..end).unwrap_or_default();
                if let Ok(v6) = crate::decode::ip6::Ipv6View::new_checked(pkt) {
                    let ext = pkt.get(40..).unwrap_or_default();
                    let (mut fj, mut pl) = (false, (rnd() % 2) as u32);
                    let _ = super::super::ip6ext::hbhopt(&mut p, ext, &mut fj, &mut pl);
                    let _ = super::super::ip6ext::dstopt(&mut p, ext);
                    let _ = super::super::ip6ext::frag6(&mut p, ext, &v6);
                    let _ = super::super::ip6ext::rt6(&mut p, ext, &v6);
                    let _ = super::super::ip6ext::mobility(&mut p, ext, &v6);
                }
            }
        }
    }

    #[test]
    fn shouldbe_folds() {
        assert_eq!(shouldbe(0xffff, 0x0001), 0x0001);
    }
}
