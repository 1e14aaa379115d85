//! DNS (`print-domain.c`): `domain_print` over UDP (53, and mDNS on 5353)
//! and over TCP (53, behind the two-byte length prefix). Positions are
//! offsets from the start of the DNS header; the slice ends where tcpdump's
//! `ndo_snapend` does, and positions past it are allowed (tcpdump's pointers
//! run past it too) but never read. Compression pointers must move strictly
//! backwards, as in tcpdump, so a name's walk always ends.
//!
//! This file is `domain_print` (header, flags, counts, the question and
//! record sections) with the opcode/rcode/type/class tables and `ns_qprint`;
//! as in `print-domain.c`, [`name`] prints names and labels and [`rr`]
//! prints resource records and EDNS options.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

mod name;
mod rr;

use super::{P, Printer, out};
use crate::decode::{Bytes, R};
pub(super) use name::fqdn_print;
use name::nskip;

pub(in crate::print) use rr::relts;
use rr::rprint;

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

pub(in crate::print) fn ns_type(t: u16) -> Option<&'static str> {
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

pub(in crate::print) fn ns_class(c: u16) -> Option<&'static str> {
    Some(match c {
        1 => "IN",
        3 => "CHAOS",
        4 => "HS",
        255 => "ANY",
        _ => return None,
    })
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
    p.cur.protocol = "domain";
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
        // The first question whatever the snapshot end, the others while
        // `cp` is before it.
        let mut qd = qdcount;
        while qd > 0 && (qd == qdcount || cp < snapend) {
            let Some(c) = qprint(p, buf, cp, 0, is_mdns)? else {
                p.trunc();
                return Ok(());
            };
            cp = c;
            qd -= 1;
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
