//! RIP versions 1 and 2 (UDP port 520, RFC 1058 and 2453) as tcpdump 4.99's
//! `print-rip.c` prints them: the version, command and length; with `-v`
//! each route entry (v1: address and metric; v2: family, prefix, tag,
//! metric and next hop) and v2's authentication entries (simple text,
//! the cryptographic header, trailers); with `-vv` a hex dump of the whole
//! message too. And RIPng (UDP port 521, RFC 2080) as `print-ripng.c`
//! prints it: the command, the entry count and every route.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::hex::print_unknown_data;
use super::link::bsd_af_name;
use super::{P, Printer, chars, out};
use crate::decode::Bytes;

pub(super) const RIP_PORT: u16 = 520;
const ROUTELEN: usize = 20;
const AF_INET: u16 = 2;

fn af(p: &mut Printer, family: u16) {
    match bsd_af_name(u32::from(family)) {
        Some(n) => p.s(n),
        None => out!(p, "Unknown ({family})"),
    }
}

/// An IPv4 address as `%15s` (right-aligned in 15 columns).
fn ip4_padded(p: &mut Printer, a: [u8; 4]) {
    let start = p.out().len();
    p.ip4(a);
    let n = p.out().len() - start;
    if n < 15 {
        let pad = 15 - n;
        p.out().splice(start..start, std::iter::repeat_n(b' ', pad));
    }
}

/// `mask2plen`: the prefix length of a contiguous mask, else -1.
pub(super) fn mask2plen(mask: u32) -> i32 {
    let ones = mask.leading_ones();
    if mask.checked_shl(ones).unwrap_or(0) == 0 {
        ones as i32
    } else {
        -1
    }
}

/// `rip_entry_print_v1`: the entry's length, or 0 (cut).
fn entry_v1(p: &mut Printer, d: &[u8], remaining: usize) -> Result<usize, crate::decode::Trunc> {
    if remaining < ROUTELEN || !d.has(0, ROUTELEN) {
        return Ok(0);
    }
    let family = d.be16(0)?;
    if family != AF_INET && family != 0 {
        p.s("\n\t AFI ");
        af(p, family);
        p.s(", ");
        print_unknown_data(p, d.get(4..), "\n\t  ", ROUTELEN - 4);
        return Ok(ROUTELEN);
    }
    if d.be16(2)? != 0 || d.be32(8)? != 0 || d.be32(12)? != 0 {
        print_unknown_data(p, Some(d), "\n\t  ", ROUTELEN);
        return Ok(ROUTELEN);
    }
    let dest = *d.array::<4>(4)?;
    let metric = d.be32(16)?;
    p.s(if family == 0 {
        "\n\t  AFI 0, "
    } else {
        "\n\t  "
    });
    p.ip4(dest);
    out!(p, ", metric: {metric}");
    Ok(ROUTELEN)
}

/// `rip_entry_print_v2`: the entry's length, or 0 (cut).
fn entry_v2(p: &mut Printer, d: &[u8], remaining: usize) -> Result<usize, crate::decode::Trunc> {
    if remaining < 4 || !d.has(0, 4) {
        return Ok(0);
    }
    let family = d.be16(0)?;
    if family == 0xffff {
        let auth = d.be16(2)?;
        let rest = remaining - 4;
        match auth {
            2 => {
                p.s("\n\t  Simple Text Authentication data: ");
                chars::printjnp(p, d, 4, 16)?;
            }
            3 => {
                if !d.has(4, 16) || rest < 16 {
                    return Ok(0);
                }
                let (len, key, dlen) = (d.be16(4)?, d.u8_at(6)?, d.u8_at(7)?);
                let (seq, m1, m2) = (d.be32(8)?, d.be32(12)?, d.be32(16)?);
                out!(
                    p,
                    "\n\t  Auth header: Packet Len {len}, Key-ID {key}, Auth Data Len {dlen}, SeqNo {seq}, MBZ {m1}, MBZ {m2}"
                );
            }
            1 => {
                p.s("\n\t  Auth trailer:");
                print_unknown_data(p, d.get(4..), "\n\t  ", rest);
                return Ok(4 + rest);
            }
            _ => {
                out!(p, "\n\t  Unknown ({auth}) Authentication data:");
                print_unknown_data(p, d.get(4..), "\n\t  ", rest);
                return Ok(4 + rest);
            }
        }
    } else if family != AF_INET && family != 0 {
        p.s("\n\t  AFI ");
        af(p, family);
        print_unknown_data(p, d.get(4..), "\n\t  ", ROUTELEN - 4);
    } else {
        if !d.has(0, ROUTELEN) || remaining < ROUTELEN {
            return Ok(0);
        }
        let (tag, dest, mask) = (d.be16(2)?, *d.array::<4>(4)?, d.be32(8)?);
        let (router, metric) = (*d.array::<4>(12)?, d.be32(16)?);
        p.s("\n\t  AFI ");
        match bsd_af_name(u32::from(family)) {
            Some(n) => p.s(n),
            None => out!(p, "{family}"),
        }
        p.s(", ");
        ip4_padded(p, dest);
        out!(
            p,
            "/{:<2}, tag 0x{tag:04x}, metric: {metric}, next-hop: ",
            mask2plen(mask)
        );
        if router != [0; 4] {
            p.ip4(router);
        } else {
            p.s("self");
        }
    }
    Ok(ROUTELEN)
}

/// `rip_print`: the UDP payload `d`, `length` bytes long.
pub(super) fn rip_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "rip";
    let len = d.len().min(length);
    if len < 4 {
        p.trunc();
        return Ok(());
    }
    let mut len = len - 4;
    let vers = d.u8_at(1)?;
    let nl = if p.opts.verbose >= 1 { "\n\t" } else { "" };
    out!(p, "{nl}RIPv{vers}");
    if vers == 0 {
        print_unknown_data(p, Some(d), "\n\t", length);
        return Ok(());
    }
    let cmd = d.u8_at(0)?;
    let name = match cmd {
        1 => "Request",
        2 => "Response",
        3 => "Trace on",
        4 => "Trace off",
        5 => "Poll",
        6 => "Poll Entry",
        _ => "",
    };
    if name.is_empty() {
        out!(p, ", unknown command ({cmd}), length: {length}");
    } else {
        out!(p, ", {name}, length: {length}");
    }
    if p.opts.verbose < 1 {
        return Ok(());
    }
    match cmd {
        1 | 2 => {
            let v2 = match vers {
                1 => false,
                2 => true,
                _ => {
                    p.s(", unknown version");
                    return dump(p, d, length);
                }
            };
            out!(
                p,
                ", routes: {}{}",
                length / ROUTELEN,
                if v2 { " or less" } else { "" }
            );
            let mut at = 4;
            while len != 0 {
                let e = d.get(at..).unwrap_or_default();
                let size = if v2 {
                    entry_v2(p, e, len)?
                } else {
                    entry_v1(p, e, len)?
                };
                if size == 0 {
                    p.trunc();
                    break;
                }
                if len < size {
                    out!(p, " [remaining entries length {len} < {size}]");
                    p.s(" (invalid)");
                    break;
                }
                at += size;
                len -= size;
            }
        }
        4..=6 => {}
        _ => {
            if p.opts.verbose <= 1 {
                print_unknown_data(p, Some(d), "\n\t", length);
            }
        }
    }
    dump(p, d, length)
}

/// `-vv`: the whole message in hex too.
fn dump(p: &mut Printer, d: &[u8], length: usize) -> P {
    if p.opts.verbose > 1 {
        print_unknown_data(p, Some(d), "\n\t", length);
    }
    Ok(())
}

/// RIPng's port (RFC 2080).
pub(super) const RIPNG_PORT: u16 = 521;
/// A RIPng route entry: prefix, tag, prefix length, metric.
const RIPNG_ENTRY: usize = 20;

/// `ripng_print` (`print-ripng.c`): RIPng over UDP port 521, `length` the
/// UDP payload's: a request (a dump request when it is the one entry `::/0`
/// with metric 16) or a response, its entry count (and the length when the
/// entries do not fill it) and every entry (`prefix/len`, ` [tag]`, a
/// response's ` (metric)`), one a line from `-vv`.
pub(super) fn ripng_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "ripng";
    let vers = d.u8_at(1)?;
    if vers != 1 {
        out!(p, " [vers {vers}]");
        p.s(" (invalid)");
        return Ok(());
    }
    let cmd = d.u8_at(0)?;
    let word = match cmd {
        1 => "req",
        2 => "resp",
        _ => {
            out!(p, " ripng-{cmd} ?? {length}");
            p.s(" (invalid)");
            return Ok(());
        }
    };
    let Some(mut left) = length.checked_sub(4) else {
        p.s(" (invalid)");
        return Ok(());
    };
    let n = left / RIPNG_ENTRY;
    if cmd == 1 && n == 1 && d.u8_at(4 + 19)? == 16 && d.array::<16>(4)? == &[0; 16] {
        p.s(" ripng-req dump");
        return Ok(());
    }
    if n * RIPNG_ENTRY != left {
        out!(p, " ripng-{word} {n}[{length}]:");
    } else {
        out!(p, " ripng-{word} {n}:");
    }
    let mut at = 4;
    while left >= RIPNG_ENTRY {
        p.s(if p.opts.verbose > 1 { "\n\t" } else { " " });
        let prefix = *d.array::<16>(at)?;
        let plen = d.u8_at(at + 18)?;
        p.ip6(&prefix);
        out!(p, "/{plen}");
        let tag = d.be16(at + 16)?;
        if tag != 0 {
            out!(p, " [{tag}]");
        }
        let metric = d.u8_at(at + 19)?;
        if metric != 0 && cmd == 2 {
            out!(p, " ({metric})");
        }
        left -= RIPNG_ENTRY;
        at += RIPNG_ENTRY;
    }
    if left != 0 {
        p.s(" (invalid)");
    }
    Ok(())
}
