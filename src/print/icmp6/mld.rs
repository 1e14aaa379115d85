//! ICMPv6 multicast listener discovery: MLDv1 queries/reports/dones and
//! MLDv2 queries and reports (`print-icmp6.c`'s `mld6_print`,
//! `mldv2_query_print`, `mldv2_report_print`).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use crate::decode::Bytes;
use crate::print::{P, Printer, out};

/// `mld6_print`.
pub(super) fn mld6_print(p: &mut Printer, data: &[u8]) -> P {
    if !data.has(0, 24) {
        return Ok(());
    }
    out!(p, "max resp delay: {} ", data.be16(4)?);
    let a = data.array::<16>(8)?;
    p.s("addr: ");
    p.ip6(a);
    Ok(())
}

/// `mldv2_report_print`.
pub(super) fn mldv2_report_print(p: &mut Printer, bp: &[u8], len: usize) -> P {
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
            let g = bp.array::<16>(group + 4)?;
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
                    let a = bp.array::<16>(group + 20 + j * 16)?;
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
pub(super) fn mldv2_query_print(p: &mut Printer, bp: &[u8], len: usize) -> P {
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
    let g = bp.array::<16>(8)?;
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
                let a = bp.array::<16>(28 + i * 16)?;
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
