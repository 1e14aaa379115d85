//! IPv4 options under `-v` (`print-ip.c`: `ip_optprint`, `ip_printroute`,
//! `ip_printts`) and `ip_finddst`, the source route's final destination
//! that the TCP/UDP pseudo-header uses.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Printer, out};
use crate::decode::{Bytes, Trunc};

const EOL: u8 = 0;
const NOP: u8 = 1;
const TS: u8 = 68;
const RR: u8 = 7;
const SSRR: u8 = 137;
const LSRR: u8 = 131;
const RA: u8 = 148;

fn option_name(code: u8) -> Option<&'static str> {
    Some(match code {
        EOL => "EOL",
        NOP => "NOP",
        TS => "timestamp",
        130 => "security",
        RR => "RR",
        SSRR => "SSRR",
        LSRR => "LSRR",
        RA => "RA",
        82 => "traceroute",
        _ => return None,
    })
}

/// Why `ip_optprint` stopped: `Cut` is its `goto trunc` (the caller prints
/// ` [truncated-option]`); `Jump` is a failed `GET_*` (tcpdump's longjmp).
pub(super) enum OptErr {
    Cut,
    Jump,
}

impl From<Trunc> for OptErr {
    fn from(_: Trunc) -> Self {
        OptErr::Jump
    }
}

/// `ip_optprint` over the `opts` bytes (the header after its first 20 bytes,
/// as captured); `length` is how many the header length says there are.
pub(super) fn optprint(p: &mut Printer, opts: &[u8], mut length: usize) -> Result<(), OptErr> {
    let mut cp = 0usize;
    let mut sep = "";
    while length > 0 {
        p.s(sep);
        sep = ",";
        let code = opts.u8_at(cp)?;
        match option_name(code) {
            Some(n) => p.s(n),
            None => out!(p, "unknown {code}"),
        }
        let option_len = if code == NOP || code == EOL {
            1
        } else {
            let l = usize::from(opts.u8_at(cp + 1)?);
            if l < 2 {
                out!(p, " [bad length {l}]");
                return Ok(());
            }
            l
        };
        if option_len > length {
            out!(p, " [bad length {option_len}]");
            return Ok(());
        }
        let Ok(o) = opts.range(cp, option_len) else {
            return Err(OptErr::Cut);
        };
        match code {
            EOL => return Ok(()),
            TS => printts(p, o, option_len)?,
            RR | SSRR | LSRR => printroute(p, o, option_len)?,
            RA => {
                if option_len < 4 {
                    out!(p, " [bad length {option_len}]");
                } else {
                    let v = o.be16(2)?;
                    if v != 0 {
                        out!(p, " value {v}");
                    }
                }
            }
            _ => {}
        }
        cp += option_len;
        length -= option_len;
    }
    Ok(())
}

/// `ip_printroute`.
fn printroute(p: &mut Printer, cp: &[u8], length: usize) -> Result<(), Trunc> {
    if length < 3 {
        out!(p, " [bad length {length}]");
        return Ok(());
    }
    if (length + 1) & 3 != 0 {
        out!(p, " [bad length {length}]");
    }
    let raw = cp.u8_at(2)?;
    // tcpdump computes `ptr` as an unsigned int: 0 - 1 wraps.
    let ptr = u32::from(raw).wrapping_sub(1) as usize;
    if ptr < 3 || (ptr + 1) & 3 != 0 || ptr > length + 1 {
        out!(p, " [bad ptr {raw}]");
    }
    let mut len = 3;
    while len < length {
        let a = *cp.array::<4>(len)?;
        p.s(" ");
        p.ip4(a);
        if ptr > len {
            p.s(",");
        }
        len += 4;
    }
    Ok(())
}

/// `ip_printts`.
fn printts(p: &mut Printer, cp: &[u8], length: usize) -> Result<(), Trunc> {
    if length < 4 {
        out!(p, "[bad length {length}]");
        return Ok(());
    }
    p.s(" TS{");
    let flags = cp.u8_at(3)?;
    let hoplen = if flags & 0xf != 0 { 8 } else { 4 };
    if (length - 4) & (hoplen - 1) != 0 {
        out!(p, "[bad length {length}]");
    }
    let raw = cp.u8_at(2)?;
    let ptr = u32::from(raw).wrapping_sub(1) as usize;
    let mut len = 0usize;
    if ptr < 4 || (ptr.wrapping_sub(4)) & (hoplen - 1) != 0 || ptr > length + 1 {
        out!(p, "[bad ptr {raw}]");
    }
    let known = match flags & 0xf {
        0 => {
            p.s("TSONLY");
            true
        }
        1 => {
            p.s("TS+ADDR");
            true
        }
        3 => {
            p.s("PRESPEC");
            true
        }
        t => {
            out!(p, "[bad ts type {t}]");
            false
        }
    };
    if known {
        let mut ty = " ";
        len = 4;
        while len < length {
            if ptr == len {
                ty = " ^ ";
            }
            let hop = cp.range(len, hoplen)?;
            out!(p, "{ty}{}@", hop.be32(hoplen - 4)?);
            if hoplen == 8 {
                p.ip4([hop.u8_at(0)?, hop.u8_at(1)?, hop.u8_at(2)?, hop.u8_at(3)?]);
            }
            ty = " ";
            len += hoplen;
        }
    }
    if ptr == len {
        p.s(" ^ ");
    }
    if flags >> 4 != 0 {
        out!(p, " [{} hops not recorded]}} ", flags >> 4);
    } else {
        p.s("}");
    }
    Ok(())
}

/// `ip_finddst`: the last address of a loose or strict source route, if the
/// options (`opts`, `length` bytes by the header length) hold one.
pub(super) fn finddst(opts: &[u8], mut length: usize) -> Option<[u8; 4]> {
    let mut cp = 0usize;
    while length != 0 {
        let tt = opts.u8_at(cp).ok()?;
        let len = match tt {
            EOL => break,
            NOP => 1,
            _ => {
                let l = usize::from(opts.u8_at(cp + 1).ok()?);
                if l < 2 {
                    break;
                }
                l
            }
        };
        if length < len {
            return None;
        }
        let o = opts.range(cp, len).ok()?;
        if matches!(tt, SSRR | LSRR) && len >= 7 {
            let a = o.range(len - 4, 4).ok()?;
            return Some([
                a.u8_at(0).ok()?,
                a.u8_at(1).ok()?,
                a.u8_at(2).ok()?,
                a.u8_at(3).ok()?,
            ]);
        }
        cp += len;
        length -= len;
    }
    None
}
