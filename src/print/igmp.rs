//! IGMP (`print-igmp.c`): queries (v1, v2, v3 with sources), v1/v2
//! reports and leaves, v3 reports with their group records, mtrace; `-v`
//! checks the checksum. PIMv1 (type 0x14) is printed by `pim.rs`. Not
//! reproduced: the DVMRP body (only its `igmp dvmrp` label is printed).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::{Bytes, cksum};

/// `igmpv3report2str`.
fn report_type(t: u8) -> Option<&'static str> {
    Some(match t {
        1 => "is_in",
        2 => "is_ex",
        3 => "to_in",
        4 => "to_ex",
        5 => "allow",
        6 => "block",
        _ => return None,
    })
}

fn addr_at(p: &mut Printer, d: &[u8], at: usize) -> P {
    p.ip4(*d.array::<4>(at)?);
    Ok(())
}

/// `print_mtrace`.
fn mtrace(p: &mut Printer, name: &str, d: &[u8], len: usize) -> P {
    if len < 8 + 16 {
        out!(p, " [invalid len {len}]");
        return Ok(());
    }
    let qid = d.be24(21)?;
    // All of the line's fields are read before any of it is printed.
    d.range(8, 12)?;
    out!(p, "{name} {qid}: ");
    addr_at(p, d, 8)?;
    p.s(" to ");
    addr_at(p, d, 12)?;
    p.s(" reply-to ");
    addr_at(p, d, 16)?;
    if d.u8_at(16)? & 0xf0 == 0xe0 {
        out!(p, " with-ttl {}", d.u8_at(20)?);
    }
    Ok(())
}

/// `print_igmpv3_report`.
fn v3_report(p: &mut Printer, d: &[u8], len: usize) -> P {
    if len < 16 || len & 3 != 0 {
        out!(p, " [invalid len {len}]");
        return Ok(());
    }
    let ngroups = d.be16(6)?;
    out!(p, ", {ngroups} group record(s)");
    if p.opts.verbose == 0 {
        return Ok(());
    }
    let mut group = 8usize;
    for _ in 0..ngroups {
        if len < group + 8 {
            p.s(" [invalid number of groups]");
            return Ok(());
        }
        d.range(group + 4, 4)?;
        p.s(" [gaddr ");
        addr_at(p, d, group + 4)?;
        let t = d.u8_at(group)?;
        match report_type(t) {
            Some(s) => out!(p, " {s}"),
            None => out!(p, "  [v3-report-#{t}]"),
        }
        let nsrcs = usize::from(d.be16(group + 2)?);
        if len < group + 8 + (nsrcs << 2) {
            out!(p, " [invalid number of sources {nsrcs}]");
            return Ok(());
        }
        if p.opts.verbose == 1 {
            out!(p, ", {nsrcs} source(s)");
        } else {
            p.s(" {");
            for j in 0..nsrcs {
                d.range(group + 8 + (j << 2), 4)?;
                p.s(" ");
                addr_at(p, d, group + 8 + (j << 2))?;
            }
            p.s(" }");
        }
        group += 8 + (nsrcs << 2);
        p.s("]");
    }
    Ok(())
}

/// `print_igmpv3_query`.
fn v3_query(p: &mut Printer, d: &[u8], len: usize) -> P {
    p.s(" v3");
    if len < 12 || len & 3 != 0 {
        out!(p, " [invalid len {len}]");
        return Ok(());
    }
    let mrc = u32::from(d.u8_at(1)?);
    let mrt = if mrc < 128 {
        mrc
    } else {
        ((mrc & 0x0f) | 0x10) << (((mrc & 0x70) >> 4) + 3)
    };
    if mrc != 100 {
        p.s(" [max resp time ");
        if mrt < 600 {
            out!(p, "{:.1}s", f64::from(mrt) * 0.1);
        } else {
            super::dns::relts(p, mrt / 10);
        }
        p.s("]");
    }
    if d.be32(4)? == 0 {
        return Ok(());
    }
    p.s(" [gaddr ");
    addr_at(p, d, 4)?;
    let nsrcs = usize::from(d.be16(10)?);
    if nsrcs > 0 {
        if len < 12 + (nsrcs << 2) {
            p.s(" [invalid number of sources]");
        } else if p.opts.verbose > 1 {
            p.s(" {");
            for i in 0..nsrcs {
                d.range(12 + (i << 2), 4)?;
                p.s(" ");
                addr_at(p, d, 12 + (i << 2))?;
            }
            p.s(" }");
        } else {
            out!(p, ", {nsrcs} source(s)");
        }
    }
    p.s("]");
    Ok(())
}

/// `igmp_print`.
pub(super) fn igmp_print(p: &mut Printer, d: &[u8], len: usize) -> P {
    p.cur.protocol = "igmp";
    if p.opts.quiet {
        p.s("igmp");
        return Ok(());
    }
    match d.u8_at(0)? {
        0x11 => {
            p.s("igmp query");
            if len >= 12 {
                v3_query(p, d, len)?;
            } else {
                let mrt = d.u8_at(1)?;
                if mrt != 0 {
                    p.s(" v2");
                    if mrt != 100 {
                        out!(p, " [max resp time {mrt}]");
                    }
                } else {
                    p.s(" v1");
                }
                if d.be32(4)? != 0 {
                    p.s(" [gaddr ");
                    addr_at(p, d, 4)?;
                    p.s("]");
                }
                if len != 8 {
                    out!(p, " [len {len}]");
                }
            }
        }
        0x12 => {
            d.range(4, 4)?;
            p.s("igmp v1 report ");
            addr_at(p, d, 4)?;
            if len != 8 {
                out!(p, " [len {len}]");
            }
        }
        0x16 => {
            d.range(4, 4)?;
            p.s("igmp v2 report ");
            addr_at(p, d, 4)?;
        }
        0x22 => {
            p.s("igmp v3 report");
            v3_report(p, d, len)?;
        }
        0x17 => {
            d.range(4, 4)?;
            p.s("igmp leave ");
            addr_at(p, d, 4)?;
        }
        0x13 => {
            p.s("igmp dvmrp");
            if len < 8 {
                out!(p, " [len {len}]");
            }
        }
        0x14 => {
            p.s("igmp pimv1");
            super::pim::pimv1_print(p, d, len)?;
        }
        0x1e => mtrace(p, "mresp", d, len)?,
        0x1f => mtrace(p, "mtrace", d, len)?,
        t => out!(p, "igmp-{t}"),
    }
    if p.opts.verbose > 0
        && len >= 4
        && let Ok(whole) = d.range(0, len)
        && cksum::in_cksum(whole) != 0
    {
        out!(p, " bad igmp cksum {:x}!", d.be16(2)?);
    }
    Ok(())
}
