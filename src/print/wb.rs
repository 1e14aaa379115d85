//! LBL's whiteboard `wb` (UDP to port 4567) as tcpdump 4.99's `print-wb.c`
//! prints it: announcements (`wb-id`), repair requests and replies, drawing
//! operations (`-v` their types), page requests and replies, kills; a
//! message too short for its type is `(invalid)`.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, chars, out};
use crate::decode::Bytes;

pub(super) const WB_PORT: u16 = 4567;

/// `struct pkt_hdr`.
const HDR: usize = 12;
/// `struct pkt_id`.
const ID: usize = 28;
/// `struct id_off`.
const ID_OFF: usize = 8;
/// `struct pkt_dop`.
const DOP: usize = 16;
/// `struct pkt_rreq`.
const RREQ: usize = 20;
/// `struct pkt_rrep`.
const RREP: usize = 20;
/// `struct pkt_preq`.
const PREQ: usize = 16;
/// `struct pkt_prep`.
const PREP: usize = 4;
/// `struct pgstate`.
const PGSTATE: usize = 16;
/// `struct dophdr`.
const DOPHDR: usize = 8;

const DT_SKIP: u8 = 14;
const DT_HOLE: u8 = 15;

/// `wb_print`; `len` is the UDP payload's length.
pub(super) fn wb_print(p: &mut Printer, d: &[u8], len: usize) -> P {
    p.cur.protocol = "wb";
    if len < HDR {
        p.s(" (invalid)");
        return Ok(());
    }
    d.range(0, HDR)?;
    let len = len - HDR;
    if d.u8_at(11)? != 0 {
        p.s("*");
    }
    let body = d.from(HDR)?;
    let ok = match d.u8_at(10)? {
        4 => {
            p.s(" wb-kill");
            return Ok(());
        }
        1 => id(p, body, len)?,
        2 => rreq(p, body, len)?,
        3 => rrep(p, body, len)?,
        0 => drawop(p, body, len)?,
        5 => preq(p, body, len)?,
        7 => prep(p, body, len)?,
        t => {
            out!(p, " wb-{t}!");
            false
        }
    };
    if !ok {
        p.s(" (invalid)");
    }
    Ok(())
}

/// `%s:%u`: an address and a number, both read before either is printed.
fn addr_num(p: &mut Printer, d: &[u8], at: usize) -> P {
    let a = *d.array::<4>(at)?;
    let n = d.be32(at + 4)?;
    p.ip4(a);
    out!(p, ":{n}");
    Ok(())
}

/// `wb_id`.
fn id(p: &mut Printer, d: &[u8], len: usize) -> Result<bool, crate::decode::Trunc> {
    p.s(" wb-id:");
    if len < ID {
        return Ok(false);
    }
    let len = len - ID;
    d.range(0, 24)?;
    out!(p, " {}/", d.be32(12)?);
    addr_num(p, d, 16)?;
    out!(p, " (max {}/", d.be32(0)?);
    addr_num(p, d, 4)?;
    p.s(") ");
    d.range(0, ID)?;
    let nid = usize::from(d.be16(24)?);
    if len < ID_OFF * nid {
        return Ok(false);
    }
    let len = len - ID_OFF * nid;
    let mut c = '<';
    for i in 0..nid {
        let at = ID + i * ID_OFF;
        d.range(at, ID_OFF)?;
        out!(p, "{c}");
        addr_num(p, d, at)?;
        c = ',';
    }
    p.s("> \"");
    chars::printjnp(p, d, ID + nid * ID_OFF, len)?;
    p.s("\"");
    Ok(true)
}

/// `wb_rreq`.
fn rreq(p: &mut Printer, d: &[u8], len: usize) -> Result<bool, crate::decode::Trunc> {
    p.s(" wb-rreq:");
    if len < RREQ {
        return Ok(false);
    }
    d.range(0, RREQ)?;
    p.s(" please repair ");
    p.ip4_at(d, 0)?;
    p.s(" ");
    addr_num(p, d, 4)?;
    out!(p, "<{}:{}>", d.be32(12)?, d.be32(16)?);
    Ok(true)
}

/// `wb_preq`.
fn preq(p: &mut Printer, d: &[u8], len: usize) -> Result<bool, crate::decode::Trunc> {
    p.s(" wb-preq:");
    if len < PREQ {
        return Ok(false);
    }
    d.range(0, 12)?;
    out!(p, " need {}/", d.be32(8)?);
    addr_num(p, d, 0)?;
    d.range(0, PREQ)?;
    Ok(true)
}

/// `wb_prep`.
fn prep(p: &mut Printer, d: &[u8], len: usize) -> Result<bool, crate::decode::Trunc> {
    p.s(" wb-prep:");
    if len < PREP {
        return Ok(false);
    }
    let mut n = d.be32(0)?;
    let mut ps = PREP;
    while n != 0 {
        d.range(ps, 12)?;
        out!(p, " {}/", d.be32(ps)?);
        addr_num(p, d, ps + 4)?;
        d.range(ps, PGSTATE)?;
        let mut io = ps + PGSTATE;
        // tcpdump reads the first byte of the 16-bit `nid` here.
        let ie = io + usize::from(d.u8_at(ps + 12)?) * ID_OFF;
        let mut c = '<';
        while io < ie {
            d.range(io, ID_OFF)?;
            out!(p, "{c}");
            addr_num(p, d, io)?;
            c = ',';
            io += ID_OFF;
        }
        p.s(">");
        ps = io;
        n -= 1;
    }
    Ok(true)
}

fn dop_name(p: &mut Printer, t: u8) {
    let name = match t {
        2 => "RECT",
        3 => "LINE",
        4 => "ML",
        5 => "DEL",
        6 => "XFORM",
        7 => "ELL",
        8 => "CHAR",
        9 => "STR",
        10 => "NOP",
        11 => "PSCODE",
        12 => "PSCOMP",
        13 => "REF",
        DT_SKIP => "SKIP",
        DT_HOLE => "HOLE",
        _ => {
            out!(p, " dop-{t}!");
            return;
        }
    };
    out!(p, " {name}");
}

/// `wb_dops`: the drawing operations after the `struct pkt_dop` at `dop`.
fn dops(p: &mut Printer, d: &[u8], dop: usize, mut ss: u32, es: u32) -> P {
    let mut dh = dop + DOP;
    p.s(" <");
    while ss <= es {
        let t = d.u8_at(dh + 7)?;
        dop_name(p, t);
        if t == DT_SKIP || t == DT_HOLE {
            let ts = d.be32(dh)?;
            out!(p, "{}", ts.wrapping_sub(ss).wrapping_add(1));
            if ss > ts || ts > es {
                p.s("[|]");
                if ts < ss {
                    return Ok(());
                }
            }
            ss = ts;
        }
        let step = (usize::from(d.be16(dh + 4)?) + DOPHDR).next_multiple_of(4);
        dh += step;
        ss = ss.wrapping_add(1);
        // C's `++ss` wraps to 0 after 0xffffffff: the loop then only ends
        // at the capture's end.
    }
    p.s(" >");
    Ok(())
}

/// `wb_rrep`.
fn rrep(p: &mut Printer, d: &[u8], len: usize) -> Result<bool, crate::decode::Trunc> {
    p.s(" wb-rrep:");
    if len < RREP {
        return Ok(false);
    }
    d.range(0, 20)?;
    p.s(" for ");
    p.ip4_at(d, 0)?;
    p.s(" ");
    addr_num(p, d, 4)?;
    let (ss, es) = (d.be32(12)?, d.be32(16)?);
    out!(p, "<{ss}:{es}>");
    if p.opts.verbose > 0 {
        dops(p, d, 4, ss, es)?;
    }
    Ok(true)
}

/// `wb_drawop`.
fn drawop(p: &mut Printer, d: &[u8], len: usize) -> Result<bool, crate::decode::Trunc> {
    p.s(" wb-dop:");
    if len < DOP {
        return Ok(false);
    }
    d.range(0, 16)?;
    p.s(" ");
    addr_num(p, d, 0)?;
    let (ss, es) = (d.be32(8)?, d.be32(12)?);
    out!(p, "<{ss}:{es}>");
    if p.opts.verbose > 0 {
        dops(p, d, 0, ss, es)?;
    }
    Ok(true)
}
