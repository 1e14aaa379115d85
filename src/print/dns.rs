//! DNS (`print-domain.c`): `domain_print` over UDP (53, and mDNS on 5353)
//! and over TCP (53, behind the two-byte length prefix). Positions are
//! offsets from the start of the DNS header; the slice ends where tcpdump's
//! `ndo_snapend` does, and positions past it are allowed (tcpdump's pointers
//! run past it too) but never read. Compression pointers must move strictly
//! backwards, as in tcpdump, so a name's walk always ends.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::addr::{V4, V6};
use super::{P, Printer, out};
use crate::decode::{Bytes, R};

const MAXCDNAME: usize = 255;
const TYPE_MASK: u8 = 0xc0;
const TYPE_INDIR: u8 = 0xc0;
const TYPE_RESERVED: u8 = 0x80;
const TYPE_EDNS0: u8 = 0x40;
const EDNS0_ELT_BITLABEL: u8 = 0x01;

const T_A: u16 = 1;
const T_NS: u16 = 2;
const T_CNAME: u16 = 5;
const T_SOA: u16 = 6;
const T_PTR: u16 = 12;
const T_MX: u16 = 15;
const T_TXT: u16 = 16;
const T_AAAA: u16 = 28;
const T_SRV: u16 = 33;
const T_A6: u16 = 38;
const T_DNAME: u16 = 39;
const T_OPT: u16 = 41;
const T_UNSPECA: u16 = 104;
const T_TSIG: u16 = 250;
const T_URI: u16 = 256;
const C_IN: u16 = 1;
const C_QU: u16 = 0x8000;
const C_CACHE_FLUSH: u16 = 0x8000;
const IQUERY: u16 = 1;

const NS_OPS: [&str; 16] = [
    "",
    " inv_q",
    " stat",
    " op3",
    " notify",
    " update",
    " op6",
    " op7",
    " op8",
    " updateA",
    " updateD",
    " updateDA",
    " updateM",
    " updateMA",
    " zoneInit",
    " zoneRef",
];

const NS_RESP: [&str; 24] = [
    "",
    " FormErr",
    " ServFail",
    " NXDomain",
    " NotImp",
    " Refused",
    " YXDomain",
    " YXRRSet",
    " NXRRSet",
    " NotAuth",
    " NotZone",
    " Resp11",
    " Resp12",
    " Resp13",
    " Resp14",
    " NoChange",
    " BadVers",
    "Resp17",
    " Resp18",
    " Resp19",
    " Resp20",
    "Resp21",
    " Resp22",
    " BadCookie",
];

fn ns_type(t: u16) -> Option<&'static str> {
    Some(match t {
        1 => "A",
        2 => "NS",
        3 => "MD",
        4 => "MF",
        5 => "CNAME",
        6 => "SOA",
        7 => "MB",
        8 => "MG",
        9 => "MR",
        10 => "NULL",
        11 => "WKS",
        12 => "PTR",
        13 => "HINFO",
        14 => "MINFO",
        15 => "MX",
        16 => "TXT",
        17 => "RP",
        18 => "AFSDB",
        19 => "X25",
        20 => "ISDN",
        21 => "RT",
        22 => "NSAP",
        23 => "NSAP_PTR",
        24 => "SIG",
        25 => "KEY",
        26 => "PX",
        27 => "GPOS",
        28 => "AAAA",
        29 => "LOC",
        30 => "NXT",
        31 => "EID",
        32 => "NIMLOC",
        33 => "SRV",
        34 => "ATMA",
        35 => "NAPTR",
        36 => "KX",
        37 => "CERT",
        38 => "A6",
        39 => "DNAME",
        40 => "SINK",
        41 => "OPT",
        42 => "APL",
        43 => "DS",
        44 => "SSHFP",
        45 => "IPSECKEY",
        46 => "RRSIG",
        47 => "NSEC",
        48 => "DNSKEY",
        99 => "SPF",
        100 => "UINFO",
        101 => "UID",
        102 => "GID",
        103 => "UNSPEC",
        104 => "UNSPECA",
        249 => "TKEY",
        250 => "TSIG",
        251 => "IXFR",
        252 => "AXFR",
        253 => "MAILB",
        254 => "MAILA",
        255 => "ANY",
        256 => "URI",
        _ => return None,
    })
}

fn ns_class(c: u16) -> Option<&'static str> {
    Some(match c {
        1 => "IN",
        3 => "CHAOS",
        4 => "HS",
        255 => "ANY",
        _ => return None,
    })
}

fn edns_opt(o: u16) -> Option<&'static str> {
    Some(match o {
        1 => "LLQ",
        2 => "UL",
        3 => "NSID",
        5 => "DAU",
        6 => "DHU",
        7 => "N3U",
        8 => "ECS",
        9 => "EXPIRE",
        10 => "COOKIE",
        11 => "KEEPALIVE",
        12 => "PADDING",
        13 => "CHAIN",
        14 => "KEY-TAG",
        16 => "CLIENT-TAG",
        17 => "SERVER-TAG",
        _ => return None,
    })
}

fn dau_alg(a: u8) -> Option<&'static str> {
    Some(match a {
        0 => "DELETE",
        1 => "RSAMD5",
        2 => "DH",
        3 => "DS",
        5 => "RSASHA1",
        6 => "DSA-NSEC3-SHA1",
        7 => "RSASHA1-NSEC3-SHA1",
        8 => "RSASHA256",
        10 => "RSASHA512",
        12 => "ECC-GOST",
        13 => "ECDSAP256SHA256",
        14 => "ECDSAP384SHA384",
        15 => "ED25519",
        16 => "ED448",
        252 => "INDIRECT",
        253 => "PRIVATEDNS",
        254 => "PRIVATEOID",
        _ => return None,
    })
}

fn dhu_alg(a: u8) -> Option<&'static str> {
    Some(match a {
        1 => "SHA-1",
        2 => "SHA-256",
        3 => "GOST_R_34.11-94",
        4 => "SHA-384",
        _ => return None,
    })
}

fn n3u_alg(a: u8) -> Option<&'static str> {
    match a {
        1 => Some("SHA-1"),
        _ => None,
    }
}

fn print_type(p: &mut Printer, t: u16) {
    match ns_type(t) {
        Some(s) => out!(p, " {s}"),
        None => out!(p, " Type{t}"),
    }
}

fn print_class(p: &mut Printer, c: u16) {
    match ns_class(c) {
        Some(s) => out!(p, " {s}"),
        None => out!(p, " (Class {c})"),
    }
}

/// `fn_print_char`.
pub(super) fn print_char(p: &mut Printer, mut c: u8) {
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

/// `nd_printn` bounded by the end of `buf`: true when it stopped early.
fn printn(p: &mut Printer, buf: &[u8], at: usize, n: usize) -> bool {
    let avail = buf.get(at..).unwrap_or(&[]);
    let take = avail.cap(n);
    for &c in take {
        print_char(p, c);
    }
    take.len() < n
}

/// `ns_nskip`: the position after a name, or `None`.
fn nskip(buf: &[u8], mut cp: usize) -> Option<usize> {
    let mut i = buf.u8_at(cp).ok()?;
    cp += 1;
    while i != 0 {
        match i & TYPE_MASK {
            TYPE_INDIR => return Some(cp + 1),
            TYPE_EDNS0 => {
                if i & !TYPE_MASK != EDNS0_ELT_BITLABEL {
                    return None;
                }
                let mut bitlen = usize::from(buf.u8_at(cp).ok()?);
                if bitlen == 0 {
                    bitlen = 256;
                }
                cp += 1;
                cp += bitlen.div_ceil(8);
            }
            TYPE_RESERVED => return None,
            _ => cp += usize::from(i),
        }
        i = buf.u8_at(cp).ok()?;
        cp += 1;
    }
    Some(cp)
}

/// `blabel_print`.
fn blabel_print(p: &mut Printer, buf: &[u8], cp: usize) -> R<Option<usize>> {
    let Ok(b0) = buf.u8_at(cp) else {
        return Ok(None);
    };
    let bitlen: u32 = if b0 == 0 { 256 } else { u32::from(b0) };
    let slen = (bitlen as usize).div_ceil(4);
    let lim = cp + 1 + slen;
    p.s("\\[x");
    let mut bitp = cp + 1;
    let mut b = bitlen;
    while bitp < lim && b > 7 {
        out!(p, "{:02x}", buf.u8_at(bitp)?);
        b -= 8;
        bitp += 1;
    }
    if b > 4 {
        let tc = u32::from(buf.u8_at(bitp)?);
        out!(p, "{:02x}", tc & (0xff << (8 - b)));
    } else if b > 0 {
        let tc = u32::from(buf.u8_at(bitp)?);
        out!(p, "{:1x}", ((tc >> 4) & 0x0f) & (0x0f << (4 - b)));
    }
    out!(p, "/{bitlen}]");
    Ok(Some(lim))
}

/// `labellen`; `None` is tcpdump's -1.
fn labellen(p: &mut Printer, buf: &[u8], cp: usize) -> Option<usize> {
    let i = buf.u8_at(cp).ok()?;
    match i & TYPE_MASK {
        TYPE_EDNS0 => {
            let elt = i & !TYPE_MASK;
            if elt != EDNS0_ELT_BITLABEL {
                out!(p, "<ELT {elt}>");
                return None;
            }
            let mut bitlen = usize::from(buf.u8_at(cp + 1).ok()?);
            if bitlen == 0 {
                bitlen = 256;
            }
            Some(bitlen.div_ceil(8) + 1)
        }
        TYPE_INDIR | 0 => Some(usize::from(i)),
        _ => {
            p.s("<BAD LABEL TYPE>");
            None
        }
    }
}

/// `fqdn_print`: prints the name at `cp`, with compression pointers taken
/// relative to `bp`; returns the position after the name as it appears at
/// `cp`, or `None` (tcpdump's NULL).
fn fqdn_print(p: &mut Printer, buf: &[u8], mut cp: usize, bp: usize) -> R<Option<usize>> {
    let Some(mut l) = labellen(p, buf, cp) else {
        return Ok(None);
    };
    let Ok(mut i) = buf.u8_at(cp) else {
        return Ok(None);
    };
    // (u_int)(cp - bp): wraps when bp is past cp (the EDNS CHAIN option).
    let mut max_offset = (cp as u64).wrapping_sub(bp as u64) as u32;
    cp += 1;
    let mut rp: Option<usize> = None;
    let mut compress = false;
    if i & TYPE_MASK != TYPE_INDIR {
        rp = Some(cp + l);
    }
    if i == 0 {
        p.s(".");
        return Ok(rp);
    }
    let mut name_chars: usize = 0;
    while i != 0 && cp < buf.len() {
        match i & TYPE_MASK {
            TYPE_INDIR => {
                if !compress {
                    rp = Some(cp + 1);
                    compress = true;
                }
                let Ok(lo) = buf.u8_at(cp) else {
                    return Ok(None);
                };
                let offset = ((u32::from(i) << 8) | u32::from(lo)) & 0x3fff;
                if offset >= max_offset {
                    p.s("<BAD PTR>");
                    return Ok(None);
                }
                max_offset = offset;
                cp = bp + offset as usize;
                let Ok(ni) = buf.u8_at(cp) else {
                    return Ok(None);
                };
                i = ni;
                let Some(nl) = labellen(p, buf, cp) else {
                    return Ok(None);
                };
                l = nl;
                cp += 1;
                continue;
            }
            TYPE_EDNS0 => {
                let elt = i & !TYPE_MASK;
                if elt == EDNS0_ELT_BITLABEL {
                    if blabel_print(p, buf, cp)?.is_none() {
                        return Ok(None);
                    }
                } else {
                    out!(p, "<ELT {elt}>");
                    return Ok(None);
                }
            }
            TYPE_RESERVED => {
                p.s("<BAD LABEL TYPE>");
                return Ok(None);
            }
            _ => {
                if name_chars + l <= MAXCDNAME {
                    if printn(p, buf, cp, l) {
                        return Ok(None);
                    }
                } else if name_chars < MAXCDNAME && printn(p, buf, cp, MAXCDNAME - name_chars) {
                    return Ok(None);
                }
                name_chars += l;
            }
        }
        cp += l;
        if name_chars <= MAXCDNAME {
            p.s(".");
        }
        name_chars += 1;
        let Ok(ni) = buf.u8_at(cp) else {
            return Ok(None);
        };
        i = ni;
        let Some(nl) = labellen(p, buf, cp) else {
            return Ok(None);
        };
        l = nl;
        cp += 1;
        if !compress {
            rp = rp.map(|r| r + l + 1);
        }
    }
    if name_chars > MAXCDNAME {
        p.s("<DOMAIN NAME TOO LONG>");
    }
    Ok(rp)
}

/// `ns_cprint`: a `<character-string>`.
fn cprint(p: &mut Printer, buf: &[u8], cp: usize) -> Option<usize> {
    let i = usize::from(buf.u8_at(cp).ok()?);
    if printn(p, buf, cp + 1, i) {
        return None;
    }
    Some(cp + 1 + i)
}

/// `print_eopt_ecs`; `d` is the option data (all captured).
fn eopt_ecs(p: &mut Printer, d: &[u8]) -> P {
    let data_len = d.len();
    if data_len < 4 {
        p.s(" (invalid)");
        return Ok(());
    }
    let family = d.be16(0)?;
    let src_len = usize::from(d.u8_at(2)?);
    let scope_len = usize::from(d.u8_at(3)?);
    let addr_bits = match family {
        1 => 32,
        2 => 128,
        _ => {
            p.s(" (invalid)");
            return Ok(());
        }
    };
    if data_len - 4 > addr_bits / 8
        || src_len > addr_bits
        || scope_len > addr_bits
        || src_len.div_ceil(8) != data_len - 4
    {
        p.s(" (invalid)");
        return Ok(());
    }
    let mut padded = [0u8; 16];
    for (dst, src) in padded.iter_mut().zip(d.from(4)?) {
        *dst = *src;
    }
    if family == 1 {
        let [a, b, c, e, ..] = padded;
        out!(p, "{}/{src_len}/{scope_len}", V4([a, b, c, e]));
    } else {
        out!(p, "{}/{src_len}/{scope_len}", V6(&padded));
    }
    Ok(())
}

/// `eopt_print`: one EDNS option.
fn eopt_print(p: &mut Printer, buf: &[u8], cp: usize) -> R<Option<usize>> {
    let Ok(opt) = buf.be16(cp) else {
        return Ok(None);
    };
    match edns_opt(opt) {
        Some(s) => p.s(s),
        None => out!(p, "Opt{opt}"),
    }
    let Ok(data_len) = buf.be16(cp + 2) else {
        return Ok(None);
    };
    let data_len = usize::from(data_len);
    let cp = cp + 4;
    let Ok(d) = buf.range(cp, data_len) else {
        return Ok(None);
    };
    if data_len > 0 {
        p.s(" ");
        let list = |p: &mut Printer, f: fn(u8) -> Option<&'static str>| {
            for (i, &a) in d.iter().enumerate() {
                if i > 0 {
                    p.s(" ");
                }
                match f(a) {
                    Some(s) => p.s(s),
                    None => out!(p, "Alg_{a}"),
                }
            }
        };
        match opt {
            8 => eopt_ecs(p, d)?,
            10 => {
                if data_len < 8 || (data_len > 8 && data_len < 16) || data_len > 40 {
                    p.s(" (invalid)");
                } else {
                    for (i, b) in d.iter().enumerate() {
                        if i == 8 {
                            p.s(" ");
                        }
                        out!(p, "{b:02x}");
                    }
                }
            }
            11 => {
                if data_len != 2 {
                    p.s(" (invalid)");
                } else {
                    out!(p, "{:.1} sec", f64::from(d.be16(0)?) / 10.0);
                }
            }
            9 => {
                if data_len != 4 {
                    p.s(" (invalid)");
                } else {
                    out!(p, "{} sec", d.be32(0)?);
                }
            }
            12 => out!(p, "({data_len})"),
            14 => {
                if data_len % 2 != 0 {
                    p.s(" (invalid)");
                } else {
                    for (i, w) in d.chunks_exact(2).enumerate() {
                        if i > 0 {
                            p.s(" ");
                        }
                        out!(p, "{}", w.be16(0)?);
                    }
                }
            }
            5 => list(p, dau_alg),
            6 => list(p, dhu_alg),
            7 => list(p, n3u_alg),
            13 => {
                fqdn_print(p, buf, cp, cp + data_len)?;
            }
            _ => {
                for b in d {
                    out!(p, "{b:02x}");
                }
            }
        }
    }
    Ok(Some(cp + data_len))
}

/// `unsigned_relts_print`.
fn relts(p: &mut Printer, mut secs: u32) {
    const UNITS: [(u32, &str); 6] = [
        (31_536_000, "y"),
        (604_800, "w"),
        (86_400, "d"),
        (3_600, "h"),
        (60, "m"),
        (1, "s"),
    ];
    if secs == 0 {
        p.s("0s");
        return;
    }
    for (s, l) in UNITS {
        if secs == 0 {
            break;
        }
        if secs >= s {
            out!(p, "{}{l}", secs / s);
            secs -= (secs / s) * s;
        }
    }
}

/// `ns_qprint`: one question.
fn qprint(p: &mut Printer, buf: &[u8], cp: usize, bp: usize, is_mdns: bool) -> R<Option<usize>> {
    let np = cp;
    let Some(cp) = nskip(buf, cp) else {
        return Ok(None);
    };
    if !buf.has(cp, 4) {
        return Ok(None);
    }
    print_type(p, buf.be16(cp)?);
    let i = buf.be16(cp + 2)?;
    let class = if is_mdns { i & !C_QU } else { i };
    if class != C_IN {
        print_class(p, class);
    }
    if is_mdns {
        p.s(if i & C_QU != 0 { " (QU)" } else { " (QM)" });
    }
    p.s("? ");
    Ok(fqdn_print(p, buf, np, bp)?.map(|c| c + 4))
}

/// `ns_rprint`: one resource record.
fn rprint(p: &mut Printer, buf: &[u8], cp: usize, bp: usize, is_mdns: bool) -> R<Option<usize>> {
    let snapend = buf.len();
    let cp = if p.opts.verbose > 0 {
        p.s(" ");
        match fqdn_print(p, buf, cp, bp)? {
            Some(c) => Some(c),
            None => return Ok(None),
        }
    } else {
        nskip(buf, cp)
    };
    let Some(mut cp) = cp else {
        return Ok(Some(snapend));
    };
    if !buf.has(cp, 10) {
        return Ok(Some(snapend));
    }
    let typ = buf.be16(cp)?;
    let i = buf.be16(cp + 2)?;
    cp += 4;
    let class = if is_mdns { i & !C_CACHE_FLUSH } else { i };
    if class != C_IN && typ != T_OPT {
        print_class(p, class);
    }
    if is_mdns && i & C_CACHE_FLUSH != 0 {
        p.s(" (Cache flush)");
    }
    let mut opt_flags = 0;
    if typ == T_OPT {
        opt_flags = buf.be16(cp + 2)?;
    } else if p.opts.verbose > 2 {
        p.s(" [");
        relts(p, buf.be32(cp)?);
        p.s("]");
    }
    cp += 4;
    let len = usize::from(buf.be16(cp)?);
    cp += 2;
    let rp = cp + len;
    print_type(p, typ);
    if rp > snapend {
        return Ok(None);
    }
    match typ {
        T_A => {
            let Ok(a) = buf.range(cp, 4) else {
                return Ok(None);
            };
            let mut w = [0u8; 4];
            w.copy_from_slice(a);
            out!(p, " {}", V4(w));
        }
        T_NS | T_CNAME | T_PTR | T_DNAME => {
            p.s(" ");
            if fqdn_print(p, buf, cp, bp)?.is_none() {
                return Ok(None);
            }
        }
        T_SOA => {
            if p.opts.verbose == 0 {
                return Ok(Some(rp));
            }
            p.s(" ");
            let Some(c) = fqdn_print(p, buf, cp, bp)? else {
                return Ok(None);
            };
            p.s(" ");
            let Some(c) = fqdn_print(p, buf, c, bp)? else {
                return Ok(None);
            };
            if !buf.has(c, 20) {
                return Ok(None);
            }
            for k in 0..5 {
                out!(p, " {}", buf.be32(c + 4 * k)?);
            }
        }
        T_MX => {
            p.s(" ");
            if !buf.has(cp, 2) {
                return Ok(None);
            }
            if fqdn_print(p, buf, cp + 2, bp)?.is_none() {
                return Ok(None);
            }
            out!(p, " {}", buf.be16(cp)?);
        }
        T_TXT => {
            while cp < rp {
                p.s(" \"");
                match cprint(p, buf, cp) {
                    Some(c) => cp = c,
                    None => return Ok(None),
                }
                p.s("\"");
            }
        }
        T_SRV => {
            p.s(" ");
            if !buf.has(cp, 6) {
                return Ok(None);
            }
            if fqdn_print(p, buf, cp + 6, bp)?.is_none() {
                return Ok(None);
            }
            out!(
                p,
                ":{} {} {}",
                buf.be16(cp + 4)?,
                buf.be16(cp)?,
                buf.be16(cp + 2)?
            );
        }
        T_AAAA => {
            let Ok(a) = buf.range(cp, 16) else {
                return Ok(None);
            };
            let mut w = [0u8; 16];
            w.copy_from_slice(a);
            out!(p, " {}", V6(&w));
        }
        T_A6 => {
            let Ok(pbit) = buf.u8_at(cp) else {
                return Ok(None);
            };
            let pbyte = usize::from(pbit & !7) / 8;
            if pbit > 128 {
                out!(p, " {pbit}(bad plen)");
                return Ok(Some(rp));
            } else if pbit < 128 {
                let mut a = [0u8; 16];
                let src = buf.range(cp + 1, 16 - pbyte)?;
                for (d, s) in a.iter_mut().skip(pbyte).zip(src) {
                    *d = *s;
                }
                out!(p, " {pbit} {}", V6(&a));
            }
            if pbit > 0 {
                p.s(" ");
                if fqdn_print(p, buf, cp + 1 + 16 - pbyte, bp)?.is_none() {
                    return Ok(None);
                }
            }
        }
        T_URI => {
            if !buf.has(cp, len) {
                return Ok(None);
            }
            out!(p, " {} {} ", buf.be16(cp)?, buf.be16(cp + 2)?);
            let n = (len as u32).wrapping_sub(4) as usize;
            if printn(p, buf, cp + 4, n) {
                return Ok(None);
            }
        }
        T_OPT => {
            out!(p, " UDPsize={class}");
            if opt_flags & 0x8000 != 0 {
                p.s(" DO");
            }
            if cp < rp {
                p.s(" [");
                while cp < rp {
                    match eopt_print(p, buf, cp)? {
                        Some(c) => cp = c,
                        None => return Ok(None),
                    }
                    if cp < rp {
                        p.s(",");
                    }
                }
                p.s("]");
            }
        }
        T_UNSPECA => {
            // One long string.
            let cut = !buf.has(cp, len) || printn(p, buf, cp, len);
            if cut {
                return Ok(None);
            }
        }
        T_TSIG => {
            if p.opts.verbose == 0 {
                return Ok(Some(rp));
            }
            p.s(" ");
            let Some(mut c) = fqdn_print(p, buf, cp, bp)? else {
                return Ok(None);
            };
            c += 6;
            for (k, name) in ["fudge", "maclen", "origid", "error", "otherlen"]
                .iter()
                .enumerate()
            {
                let Ok(v) = buf.be16(c) else {
                    return Ok(None);
                };
                out!(p, " {name}={v}");
                c += 2;
                if k == 1 {
                    c += usize::from(v);
                }
            }
        }
        _ => {}
    }
    Ok(Some(rp))
}

/// Prints `count` records after `lead` (tcpdump's repeated blocks in
/// `domain_print`); `Ok(false)` means `goto trunc`.
fn rr_section(
    p: &mut Printer,
    buf: &[u8],
    cp: &mut usize,
    mut count: usize,
    lead: Option<&str>,
    is_mdns: bool,
) -> R<bool> {
    let first = match lead {
        None => count > 0,
        Some(_) => *cp < buf.len() && count > 0,
    };
    if first {
        if let Some(s) = lead {
            p.s(s);
        }
        match rprint(p, buf, *cp, 0, is_mdns)? {
            Some(c) => *cp = c,
            None => return Ok(false),
        }
        count -= 1;
        while *cp < buf.len() && count > 0 {
            p.s(",");
            match rprint(p, buf, *cp, 0, is_mdns)? {
                Some(c) => *cp = c,
                None => return Ok(false),
            }
            count -= 1;
        }
    }
    Ok(count == 0)
}

/// `domain_print`.
pub(super) fn domain_print(
    p: &mut Printer,
    data: &[u8],
    mut length: usize,
    over_tcp: bool,
    is_mdns: bool,
) -> P {
    p.protocol = "domain";
    let mut buf = data;
    if over_tcp {
        if length < 2 {
            out!(p, " [DNS over TCP: length {length} < 2]");
            p.s(" (invalid)");
            return Ok(());
        }
        length -= 2;
        let prefix = usize::from(data.be16(0)?);
        if prefix != length {
            out!(p, " [prefix length({prefix}) != length({length})]");
            p.s(" (invalid)");
            return Ok(());
        }
        buf = data.from(2)?;
        p.s(" ");
    }
    if length < 12 {
        out!(p, "domain [length {length} < 12]");
        p.s(" (invalid)");
        return Ok(());
    }
    if !buf.has(0, 12) {
        p.trunc();
        return Ok(());
    }
    let id = buf.be16(0)?;
    let flags = buf.be16(2)?;
    let qdcount = usize::from(buf.be16(4)?);
    let ancount = usize::from(buf.be16(6)?);
    let nscount = usize::from(buf.be16(8)?);
    let arcount = usize::from(buf.be16(10)?);
    let snapend = buf.len();

    // Find the OPT record for the extended rcode.
    let mut rcode = usize::from(flags & 0xf);
    'find: {
        let mut cp = 12;
        for _ in 0..qdcount {
            let Some(c) = nskip(buf, cp) else {
                break 'find;
            };
            cp = c + 4;
            if cp >= snapend {
                break 'find;
            }
        }
        for _ in 0..ancount + nscount {
            let Some(c) = nskip(buf, cp) else {
                break 'find;
            };
            cp = c + 8;
            if cp + 2 > snapend {
                break 'find;
            }
            cp += 2 + usize::from(buf.be16(cp)?);
            if cp >= snapend {
                break 'find;
            }
        }
        for _ in 0..arcount {
            let Some(c) = nskip(buf, cp) else {
                break 'find;
            };
            cp = c;
            if cp + 2 > snapend {
                break 'find;
            }
            let typ = buf.be16(cp)?;
            cp += 4;
            if cp + 1 > snapend {
                break 'find;
            }
            if typ == T_OPT {
                rcode |= usize::from(buf.u8_at(cp)?) << 4;
                break 'find;
            }
            cp += 4;
            if cp + 2 > snapend {
                break 'find;
            }
            cp += 2 + usize::from(buf.be16(cp)?);
            if cp >= snapend {
                break 'find;
            }
        }
    }

    let op = NS_OPS
        .get(usize::from((flags >> 11) & 0xf))
        .copied()
        .unwrap_or("");
    let vv = p.opts.verbose > 1;
    let mut cp = 12;
    if flags & 0x8000 != 0 {
        out!(p, "{id}{op}");
        match NS_RESP.get(rcode) {
            Some(s) => p.s(s),
            None => out!(p, " Resp{}", rcode & 0xfff),
        }
        out!(
            p,
            "{}{}{}{}",
            if flags & 0x0400 != 0 { "*" } else { "" },
            if flags & 0x0080 != 0 { "" } else { "-" },
            if flags & 0x0200 != 0 { "|" } else { "" },
            if flags & 0x0020 != 0 { "$" } else { "" },
        );
        if qdcount != 1 {
            out!(p, " [{qdcount}q]");
        }
        for i in 0..qdcount {
            if i != 0 {
                p.s(",");
            }
            let next = if vv {
                p.s(" q:");
                qprint(p, buf, cp, 0, is_mdns)?
            } else {
                nskip(buf, cp).map(|c| c + 4)
            };
            match next {
                Some(c) => cp = c,
                None => {
                    p.trunc();
                    return Ok(());
                }
            }
        }
        out!(p, " {ancount}/{nscount}/{arcount}");
        if !rr_section(p, buf, &mut cp, ancount, None, is_mdns)? {
            p.trunc();
            return Ok(());
        }
        if vv
            && !(rr_section(p, buf, &mut cp, nscount, Some(" ns:"), is_mdns)?
                && rr_section(p, buf, &mut cp, arcount, Some(" ar:"), is_mdns)?)
        {
            p.trunc();
            return Ok(());
        }
    } else {
        out!(
            p,
            "{id}{op}{}{}",
            if flags & 0x0100 != 0 { "+" } else { "" },
            if flags & 0x0010 != 0 { "%" } else { "" },
        );
        if flags & 0x6cf != 0 {
            out!(p, " [b2&3=0x{flags:x}]");
        }
        if (flags >> 11) & 0xf == IQUERY {
            if qdcount != 0 {
                out!(p, " [{qdcount}q]");
            }
            if ancount != 1 {
                out!(p, " [{ancount}a]");
            }
        } else {
            if ancount != 0 {
                out!(p, " [{ancount}a]");
            }
            if qdcount != 1 {
                out!(p, " [{qdcount}q]");
            }
        }
        if nscount != 0 {
            out!(p, " [{nscount}n]");
        }
        if arcount != 0 {
            out!(p, " [{arcount}au]");
        }
        let mut qd = qdcount;
        if qd > 0 {
            match qprint(p, buf, cp, 0, is_mdns)? {
                Some(c) => cp = c,
                None => {
                    p.trunc();
                    return Ok(());
                }
            }
            qd -= 1;
            while cp < snapend && qd > 0 {
                match qprint(p, buf, cp, 0, is_mdns)? {
                    Some(c) => cp = c,
                    None => {
                        p.trunc();
                        return Ok(());
                    }
                }
                qd -= 1;
            }
        }
        if qd > 0 {
            p.trunc();
            return Ok(());
        }
        if vv
            && !(rr_section(p, buf, &mut cp, ancount, None, is_mdns)?
                && rr_section(p, buf, &mut cp, nscount, Some(" ns:"), is_mdns)?
                && rr_section(p, buf, &mut cp, arcount, Some(" ar:"), is_mdns)?)
        {
            p.trunc();
            return Ok(());
        }
    }
    out!(p, " ({length})");
    Ok(())
}
