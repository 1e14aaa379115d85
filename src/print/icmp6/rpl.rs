//! ICMPv6 RPL control messages, type 155: DIS, DIO, DAO, DAO-ACK and their
//! options (`print-icmp6.c`'s `rpl_print`, `rpl_printopts`,
//! `rpl_dio_print`, `rpl_dao_print`, `rpl_daoack_print`).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use crate::decode::{Bytes, R};
use crate::print::{P, Printer, out};

/// What follows a RPL message's fixed part: the options and their length
/// (`rpl_printopts`'s arguments).
type Options<'a> = (&'a [u8], u32);

/// `rpl_subopt_values`.
fn rpl_subopt_name(t: u8) -> Option<&'static str> {
    Some(match t {
        1 => "padN",
        2 => "metrics",
        3 => "routinginfo",
        4 => "config",
        5 => "rpltarget",
        6 => "transitinfo",
        8 => "destprefix",
        9 => "rpltargetdesc",
        _ => return None,
    })
}

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
            match rpl_subopt_name(t) {
                Some(name) => out!(p, " opt:{name} len:{optlen} "),
                None => out!(p, " opt:subopt:{t} len:{optlen} "),
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
                rpl_dio_print(p, bp, length)?;
            }
        }
        2 => {
            p.s("Destination Advertisement Object");
            if v > 0 {
                rpl_dao_print(p, bp, length)?;
            }
        }
        3 => {
            p.s("Destination Advertisement Object Ack");
            if v > 0 {
                rpl_daoack_print(p, bp, length)?;
            }
        }
        _ => out!(p, "RPL message, unknown code {code}"),
    }
    Ok(())
}

/// `rpl_dio_print`.
fn rpl_dio_print(p: &mut Printer, bp: &[u8], length: u32) -> P {
    if length < 24 {
        p.s(" (invalid)");
        return Ok(());
    }
    let dagid = bp.array::<16>(8)?;
    let dtsn = bp.u8_at(5)?;
    let inst = bp.u8_at(0)?;
    let rank = bp.be16(2)?;
    let mopprf = bp.u8_at(4)?;
    dagid_print(p, Some(dagid));
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
    opts_print(p, (bp.get(24..).unwrap_or_default(), length - 24))
}

/// What follows the fixed part of a DAO or DAO-ACK: the DAGID (`None`:
/// elided) and the options.
struct DaoRest<'a> {
    dagid: Option<&'a [u8; 16]>,
    opts: Options<'a>,
}

/// The start `rpl_dao_print` and `rpl_daoack_print` share: `captured` bytes
/// checked (`ND_TCHECK`), the 4 fixed bytes and, when `has_dagid`, the
/// 16-byte DAGID within `length`. Returns the DAGID (`None`: elided) and the
/// options after them with their length; `None` once it printed the
/// truncation or `tooshort` (the C's `goto trunc` and `goto tooshort`).
fn dao_start<'a>(
    p: &mut Printer,
    bp: &'a [u8],
    length: u32,
    captured: usize,
    has_dagid: bool,
    tooshort: &str,
) -> R<Option<DaoRest<'a>>> {
    const MIN_LEN: u32 = 4;
    let dagid_len = if has_dagid { 16 } else { 0 };
    // The capture check, then the length check, of the fixed part and then
    // of the DAGID: the first to fail decides.
    if !bp.has(0, captured) || (length >= MIN_LEN && !bp.has(4, dagid_len as usize)) {
        p.trunc();
        return Ok(None);
    }
    if length < MIN_LEN + dagid_len {
        p.s(tooshort);
        return Ok(None);
    }
    let dagid = if has_dagid {
        Some(bp.array::<16>(4)?)
    } else {
        None
    };
    let off = (MIN_LEN + dagid_len) as usize;
    let opts = bp.get(off..).unwrap_or_default();
    let opts = (opts, length - MIN_LEN - dagid_len);
    Ok(Some(DaoRest { dagid, opts }))
}

/// ` [dagid:` and the DAGID, or `<elided>`.
fn dagid_print(p: &mut Printer, dagid: Option<&[u8; 16]>) {
    p.s(" [dagid:");
    match dagid {
        Some(a) => p.ip6(a),
        None => p.s("<elided>"),
    }
}

/// `rpl_printopts` from `-vv` on.
fn opts_print(p: &mut Printer, (opts, length): Options<'_>) -> P {
    if p.opts.verbose > 1 {
        rpl_printopts(p, opts, length)?;
    }
    Ok(())
}

/// `rpl_dao_print`.
fn rpl_dao_print(p: &mut Printer, bp: &[u8], length: u32) -> P {
    // `GET_U_1(dao->rpl_flags)`: a byte of the header `dao_start` checks
    // first (when it is missing, that check fails whatever the flag).
    let flags = bp.u8_at(1).unwrap_or(0);
    let d = flags & 0x40 != 0;
    let start = dao_start(p, bp, length, 20, d, " [|length too short]")?;
    let Some(DaoRest { dagid, opts }) = start else {
        return Ok(());
    };
    let seq = bp.u8_at(3)?;
    let inst = bp.u8_at(0)?;
    dagid_print(p, dagid);
    out!(
        p,
        ",seq:{seq},instance:{inst}{}{},{flags:02x}]",
        if flags & 0x80 != 0 { ",acK" } else { "" },
        if d { ",Dagid" } else { "" }
    );
    opts_print(p, opts)
}

/// `rpl_daoack_print`.
fn rpl_daoack_print(p: &mut Printer, bp: &[u8], length: u32) -> P {
    // As in `rpl_dao_print`, the flags byte lies in the checked header.
    let d = bp.u8_at(1).unwrap_or(0) & 0x80 != 0;
    let start = dao_start(p, bp, length, 4, d, " [|dao-length too short]")?;
    let Some(DaoRest { dagid, opts }) = start else {
        return Ok(());
    };
    let seq = bp.u8_at(2)?;
    let inst = bp.u8_at(0)?;
    let status = bp.u8_at(3)?;
    dagid_print(p, dagid);
    out!(p, ",seq:{seq},instance:{inst},status:{status}]");
    opts_print(p, opts)
}
