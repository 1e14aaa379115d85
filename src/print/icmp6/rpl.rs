//! ICMPv6 RPL control messages, type 155: DIS, DIO, DAO, DAO-ACK and their
//! options (`print-icmp6.c`'s `rpl_print`, `rpl_printopts` and the
//! `rpl_dio_print`/`rpl_dao_print`/`rpl_daoack_print` cases).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use crate::decode::Bytes;
use crate::print::{P, Printer, out};

/// `rpl_printopts`.
fn rpl_printopts(p: &mut Printer, opts: &[u8], mut length: u32) -> P {
    let mut o = 0usize;
    while length != 0 {
        let t = opts.u8_at(o)?;
        let optlen;
        if t == 0 {
            optlen = 1u32;
            p.s(" opt:pad1");
        } else {
            if length < 2 {
                p.trunc();
                return Ok(());
            }
            optlen = u32::from(opts.u8_at(o + 1)?) + 2;
            let name = match t {
                1 => "padN",
                2 => "metrics",
                3 => "routinginfo",
                4 => "config",
                5 => "rpltarget",
                6 => "transitinfo",
                8 => "destprefix",
                9 => "rpltargetdesc",
                _ => "",
            };
            if name.is_empty() {
                out!(p, " opt:subopt:{t} len:{optlen} ");
            } else {
                out!(p, " opt:{name} len:{optlen} ");
            }
            if !opts.has(o, optlen as usize) || length < optlen {
                p.trunc();
                return Ok(());
            }
            if p.opts.verbose > 2 {
                let d = opts.range(o + 2, optlen as usize - 2)?;
                let _ = crate::print::hex::hex_print(p, " ", d, d.len());
            }
        }
        o += optlen as usize;
        length -= optlen;
    }
    Ok(())
}

/// `rpl_print`: `bp` starts 4 bytes into the ICMPv6 header.
pub(super) fn rpl_print(p: &mut Printer, code: u8, bp: &[u8], length: u32) -> P {
    if code & 0x80 != 0 {
        p.s(", (SEC) [worktodo]");
        return Ok(());
    }
    p.s(", (CLR)");
    let v = p.opts.verbose;
    match code & 0x7f {
        0 => p.s("DODAG Information Solicitation"),
        1 => {
            p.s("DODAG Information Object");
            if v > 0 {
                if length < 24 {
                    p.s(" (invalid)");
                    return Ok(());
                }
                let dagid = bp.array::<16>(8)?;
                let dtsn = bp.u8_at(5)?;
                let inst = bp.u8_at(0)?;
                let rank = bp.be16(2)?;
                let mopprf = bp.u8_at(4)?;
                p.s(" [dagid:");
                p.ip6(dagid);
                out!(
                    p,
                    ",seq:{dtsn},instance:{inst},rank:{rank},{}mop:",
                    if mopprf & 0x80 != 0 { "grounded," } else { "" }
                );
                match (mopprf >> 3) & 7 {
                    0 => p.s("nonstoring"),
                    1 => p.s("storing"),
                    2 => p.s("nonstoring-multicast"),
                    3 => p.s("storing-multicast"),
                    m => out!(p, "mop{m}"),
                }
                out!(p, ",prf:{}]", mopprf & 7);
                if v > 1 {
                    rpl_printopts(p, bp.get(24..).unwrap_or_default(), length - 24)?;
                }
            }
        }
        2 => {
            p.s("Destination Advertisement Object");
            if v > 0 {
                if !bp.has(0, 20) {
                    p.trunc();
                    return Ok(());
                }
                if length < 4 {
                    p.s(" [|length too short]");
                    return Ok(());
                }
                let mut off = 4usize;
                let mut length = length - 4;
                let flags = bp.u8_at(1)?;
                let d = flags & 0x40 != 0;
                if d && length < 16 {
                    p.s(" [|length too short]");
                    return Ok(());
                }
                let seq = bp.u8_at(3)?;
                let inst = bp.u8_at(0)?;
                p.s(" [dagid:");
                if d {
                    p.ip6(bp.array::<16>(4)?);
                    off += 16;
                    length -= 16;
                } else {
                    p.s("<elided>");
                }
                out!(
                    p,
                    ",seq:{seq},instance:{inst}{}{},{flags:02x}]",
                    if flags & 0x80 != 0 { ",acK" } else { "" },
                    if d { ",Dagid" } else { "" }
                );
                if v > 1 {
                    rpl_printopts(p, bp.get(off..).unwrap_or_default(), length)?;
                }
            }
        }
        3 => {
            p.s("Destination Advertisement Object Ack");
            if v > 0 {
                if !bp.has(0, 4) {
                    p.trunc();
                    return Ok(());
                }
                if length < 4 {
                    p.s(" [|dao-length too short]");
                    return Ok(());
                }
                let mut off = 4usize;
                let mut length = length - 4;
                let d = bp.u8_at(1)? & 0x80 != 0;
                if d {
                    if !bp.has(4, 16) {
                        p.trunc();
                        return Ok(());
                    }
                    if length < 16 {
                        p.s(" [|dao-length too short]");
                        return Ok(());
                    }
                }
                let seq = bp.u8_at(2)?;
                let inst = bp.u8_at(0)?;
                let status = bp.u8_at(3)?;
                p.s(" [dagid:");
                if d {
                    p.ip6(bp.array::<16>(4)?);
                    off += 16;
                    length -= 16;
                } else {
                    p.s("<elided>");
                }
                out!(p, ",seq:{seq},instance:{inst},status:{status}]");
                if v > 1 {
                    rpl_printopts(p, bp.get(off..).unwrap_or_default(), length)?;
                }
            }
        }
        _ => out!(p, "RPL message, unknown code {code}"),
    }
    Ok(())
}
