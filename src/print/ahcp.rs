//! The Ad-Hoc Configuration Protocol (UDP port 5359) as tcpdump 4.99's
//! `print-ahcp.c` prints it: the version; `-v` the version 1 header and
//! message type; `-vv` its options (times, lifetimes, IPv4 and IPv6
//! addresses and prefixes, name and NTP servers).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::addr::Mac;
use super::{P, Printer, out};
use crate::decode::Bytes;

pub(super) const AHCP_PORT: u16 = 5359;

const MAGIC: u8 = 43;
const HEADER_FIX_LEN: usize = 24;
const BODY_MIN_LEN: usize = 4;

fn msg_name(t: u8) -> Option<&'static str> {
    Some(match t {
        0 => "Discover",
        1 => "Offer",
        2 => "Request",
        3 => "Ack",
        4 => "Nack",
        5 => "Release",
        _ => return None,
    })
}

fn opt_name(t: u8) -> Option<&'static str> {
    Some(match t {
        0 => "Pad",
        1 => "Mandatory",
        2 => "Origin Time",
        3 => "Expires",
        4 => "My-IPv6-Address",
        5 => "My-IPv4-Address",
        6 => "IPv6 Prefix",
        7 => "IPv4 Prefix",
        8 => "IPv6 Address",
        9 => "IPv4 Address",
        10 => "IPv6 Prefix Delegation",
        11 => "IPv4 Prefix Delegation",
        12 => "Name Server",
        13 => "NTP Server",
        _ => return None,
    })
}

/// `goto invalid`: ` (invalid)`, then `len` bytes at `at` must have been
/// captured (`ND_TCHECK_LEN` longjmps in this printer).
fn invalid(p: &mut Printer, d: &[u8], at: usize, len: usize) -> P {
    p.s(" (invalid)");
    d.range(at, len)?;
    Ok(())
}

/// The value decoders of `data_decoders`, by option number.
#[derive(Clone, Copy)]
enum Decoder {
    Time,
    Seconds,
    Ip6Addrs,
    Ip4Addrs,
    Ip6Prefixes,
    Ip4Prefixes,
}

fn decoder(opt: u8) -> Option<Decoder> {
    Some(match opt {
        2 => Decoder::Time,
        3 => Decoder::Seconds,
        4 | 8 | 12 | 13 => Decoder::Ip6Addrs,
        5 | 9 => Decoder::Ip4Addrs,
        6 | 10 => Decoder::Ip6Prefixes,
        11 => Decoder::Ip4Prefixes,
        _ => return None,
    })
}

/// One option value of `len` bytes at `at`.
fn decode(p: &mut Printer, d: &[u8], mut at: usize, mut len: usize, dec: Decoder) -> P {
    match dec {
        Decoder::Time => {
            if len != 4 {
                return invalid(p, d, at, len);
            }
            let t = d.be32(at)?;
            let (y, mo, day, h, mi, s) = super::ntp::civil(i64::from(t));
            out!(p, ": {y:04}-{mo:02}-{day:02} {h:02}:{mi:02}:{s:02} UTC");
        }
        Decoder::Seconds => {
            if len != 4 {
                return invalid(p, d, at, len);
            }
            out!(p, ": {}s", d.be32(at)?);
        }
        Decoder::Ip6Addrs | Decoder::Ip4Addrs | Decoder::Ip6Prefixes | Decoder::Ip4Prefixes => {
            let (alen, prefix) = match dec {
                Decoder::Ip6Addrs => (16, false),
                Decoder::Ip4Addrs => (4, false),
                Decoder::Ip6Prefixes => (16, true),
                _ => (4, true),
            };
            let step = alen + usize::from(prefix);
            let mut sep = ": ";
            while len != 0 {
                if len < step {
                    return invalid(p, d, at, len);
                }
                // The whole `ND_PRINT` is read before any of it is printed.
                let plen = if prefix {
                    Some(d.u8_at(at + alen)?)
                } else {
                    None
                };
                d.range(at, alen)?;
                p.s(sep);
                if alen == 16 {
                    p.ip6(d.array::<16>(at)?);
                } else {
                    p.ip4_at(d, at)?;
                }
                if let Some(l) = plen {
                    out!(p, "/{l}");
                }
                at += step;
                len -= step;
                sep = ", ";
            }
        }
    }
    Ok(())
}

/// `ahcp1_options_print`.
fn options(p: &mut Printer, d: &[u8], mut at: usize, mut len: usize) -> P {
    while len != 0 {
        let opt = d.u8_at(at)?;
        at += 1;
        len -= 1;
        match opt_name(opt) {
            Some(n) => out!(p, "\n\t {n}"),
            None => out!(p, "\n\t Unknown-{opt}"),
        }
        if opt == 0 || opt == 1 {
            continue;
        }
        if len == 0 {
            return invalid(p, d, at, len);
        }
        let olen = usize::from(d.u8_at(at)?);
        at += 1;
        len -= 1;
        if olen > len {
            return invalid(p, d, at, len);
        }
        match decoder(opt) {
            Some(dec) => decode(p, d, at, olen, dec)?,
            None => {
                out!(p, " (Length {olen})");
                d.range(at, olen)?;
            }
        }
        at += olen;
        len -= olen;
    }
    Ok(())
}

/// `ahcp1_body_print`.
fn body(p: &mut Printer, d: &[u8], mut at: usize, mut len: usize) -> P {
    if len < BODY_MIN_LEN {
        return invalid(p, d, at, len);
    }
    let ty = d.u8_at(at)?;
    let mbz = d.u8_at(at + 1)?;
    let body_len = usize::from(d.be16(at + 2)?);
    at += 4;
    len -= 4;
    if p.opts.verbose > 0 {
        match msg_name(ty) {
            Some(n) => out!(p, "\n\t{n}"),
            None => out!(p, "\n\tUnknown-{ty}"),
        }
        if mbz != 0 {
            out!(p, ", MBZ {mbz}");
        }
        out!(p, ", Length {body_len}");
    }
    if body_len > len {
        return invalid(p, d, at, len);
    }
    if p.opts.verbose >= 2 {
        options(p, d, at, body_len)
    } else {
        d.range(at, body_len)?;
        Ok(())
    }
}

/// `ahcp_print`; `len` is the UDP payload's length.
pub(super) fn ahcp_print(p: &mut Printer, d: &[u8], mut len: usize) -> P {
    p.cur.protocol = "ahcp";
    p.s("AHCP");
    if len < 2 || d.u8_at(0)? != MAGIC {
        return invalid(p, d, 0, len);
    }
    let version = d.u8_at(1)?;
    let mut at = 2;
    len -= 2;
    if version != 1 {
        out!(p, " Version {version} (unknown)");
        d.range(at, len)?;
        return Ok(());
    }
    p.s(" Version 1");
    if len < HEADER_FIX_LEN - 2 {
        return invalid(p, d, at, len);
    }
    if p.opts.verbose == 0 {
        d.range(at, HEADER_FIX_LEN - 2)?;
    } else {
        out!(p, "\n\tHopcount {}", d.u8_at(at)?);
        out!(p, ", Original Hopcount {}", d.u8_at(at + 1)?);
        out!(p, ", Nonce 0x{:08x}", d.be32(at + 2)?);
        out!(p, ", Source Id {}", Mac(d.range(at + 6, 8)?));
        out!(p, ", Destination Id {}", Mac(d.range(at + 14, 8)?));
    }
    at += HEADER_FIX_LEN - 2;
    len -= HEADER_FIX_LEN - 2;
    body(p, d, at, len)
}
