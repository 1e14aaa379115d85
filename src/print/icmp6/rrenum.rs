//! ICMPv6 router renumbering, type 138 (`print-icmp6.c`'s
//! `icmp6_rrenum_print`): the header, match-prefix and use-prefix parts.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use crate::decode::Bytes;
use crate::print::addr::V6;
use crate::print::{P, Printer, out};

/// `icmp6_rrenum_print`. Its `trunc` label prints ` [|icmp6]` and returns.
pub(super) fn rrenum_print(p: &mut Printer, bp: &[u8]) -> P {
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
        let pre = bp.array::<16>(m + 8)?;
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
            let pre = bp.array::<16>(u + 16)?;
            out!(p, "{}/{}/{})", V6(pre), bp.u8_at(u)?, bp.u8_at(u + 1)?);
        }
    }
    Ok(())
}
