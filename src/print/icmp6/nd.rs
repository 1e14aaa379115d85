//! ICMPv6 neighbour-discovery options (`print-icmp6.c`'s `icmp6_opt_print`,
//! with `print_lladdr`, `get_rtpref`, `get_lifetime`; the DNSSL option
//! uses the DNS printer's `fqdn_print`), shown at `-v` after router/neighbour
//! solicitations, advertisements and redirects.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use crate::decode::{Bytes, R};
use crate::print::hex::print_unknown_data;
use crate::print::tok::bittok2str;
use crate::print::{P, Printer, out};

const PI_FLAGS: &[(u32, &str)] = &[(0x80, "onlink"), (0x40, "auto"), (0x20, "router")];

/// `get_rtpref`.
pub(super) fn rtpref(v: u8) -> &'static str {
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

/// `icmp6_opt_print` from `start`, its -1 printing ` [|icmp6]` (`goto trunc`,
/// which ends `icmp6_print`).
pub(super) fn nd_opts(p: &mut Printer, data: &[u8], start: usize, length: usize) -> P {
    if !icmp6_opt_print(p, data, start, length as i64 - start as i64)? {
        p.trunc();
    }
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
                let pre = op.array::<16>(16)?;
                let plen = op.u8_at(2)?;
                let fl = op.u8_at(3)?;
                let valid = op.be32(4)?;
                p.ip6(pre);
                out!(
                    p,
                    "/{plen}{}, Flags [",
                    if opt_len != 4 { "badlen" } else { "" }
                );
                bittok2str(p, PI_FLAGS, "none", u32::from(fl));
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
                    let a = op.array::<16>(8 + 16 * i)?;
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
                    match super::super::dns::fqdn_print(p, base, domp, 0)? {
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
