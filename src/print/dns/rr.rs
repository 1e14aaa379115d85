//! DNS resource records and EDNS options (`print-domain.c`'s `ns_rprint`,
//! `eopt_print`, `print_eopt_ecs` and `unsigned_relts_print`, with the
//! EDNS option and DAU/DHU/N3U algorithm tables).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::name::{cprint, fqdn_print, nskip};
use super::{
    C_CACHE_FLUSH, C_IN, T_A, T_A6, T_AAAA, T_CNAME, T_DNAME, T_MX, T_NS, T_OPT, T_PTR, T_SOA,
    T_SRV, T_TSIG, T_TXT, T_UNSPECA, T_URI, print_class, print_type,
};
use crate::decode::{Bytes, R};
use crate::print::addr::{V4, V6};
use crate::print::chars::printn;
use crate::print::{P, Printer, out};

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
pub(in crate::print) fn relts(p: &mut Printer, mut secs: u32) {
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

/// ` ` and the name `fixed` bytes after `cp`, those bytes checked first
/// (`ND_TCHECK_LEN(cp, fixed)`): the position after the name, or `None`
/// (tcpdump's NULL).
fn spaced_name(
    p: &mut Printer,
    buf: &[u8],
    cp: usize,
    fixed: usize,
    bp: usize,
) -> R<Option<usize>> {
    p.s(" ");
    if !buf.has(cp, fixed) {
        return Ok(None);
    }
    fqdn_print(p, buf, cp + fixed, bp)
}

/// `ns_rprint`: one resource record.
pub(super) fn rprint(
    p: &mut Printer,
    buf: &[u8],
    cp: usize,
    bp: usize,
    is_mdns: bool,
) -> R<Option<usize>> {
    let snapend = buf.len();
    let cp = if p.opts.verbose > 0 {
        match spaced_name(p, buf, cp, 0, bp)? {
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
            let Some(_) = spaced_name(p, buf, cp, 0, bp)? else {
                return Ok(None);
            };
        }
        T_SOA => {
            if p.opts.verbose == 0 {
                return Ok(Some(rp));
            }
            let Some(c) = spaced_name(p, buf, cp, 0, bp)? else {
                return Ok(None);
            };
            let Some(c) = spaced_name(p, buf, c, 0, bp)? else {
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
            if spaced_name(p, buf, cp, 2, bp)?.is_none() {
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
            if spaced_name(p, buf, cp, 6, bp)?.is_none() {
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
            if pbit > 0 && spaced_name(p, buf, cp + 1 + 16 - pbyte, 0, bp)?.is_none() {
                return Ok(None);
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
            let Some(mut c) = spaced_name(p, buf, cp, 0, bp)? else {
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
