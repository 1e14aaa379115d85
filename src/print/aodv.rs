//! Ad hoc On-Demand Distance Vector routing (RFC 3561, UDP port 654) as
//! tcpdump 4.99's `print-aodv.c` prints it: route requests, replies and
//! errors in their IPv4 form, or over IPv6 in the IPv6 form, the IPv6
//! draft-01 messages (types 16 to 19), reply acknowledgements and the
//! HELLO extension.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::Bytes;

pub(super) const AODV_PORT: u16 = 654;

const RREQ_JOIN: u8 = 0x80;
const RREQ_REPAIR: u8 = 0x40;
const RREQ_GRAT: u8 = 0x20;
const RREQ_DEST: u8 = 0x10;
const RREQ_UNKNOWN: u8 = 0x08;
const RREP_REPAIR: u8 = 0x80;
const RREP_ACK: u8 = 0x40;
const RREP_PREFIX_MASK: u8 = 0x1f;
const RERR_NODELETE: u8 = 0x80;

/// An address of the message's family at `at`.
fn addr(p: &mut Printer, d: &[u8], at: usize, v6: bool) -> P {
    if v6 {
        p.ip6(d.array::<16>(at)?);
        Ok(())
    } else {
        p.ip4_at(d, at)
    }
}

/// `aodv_extension`: `length` bytes are left after the message.
fn extension(p: &mut Printer, d: &[u8], at: usize, length: usize) -> P {
    if !d.has(at, 2) {
        return Err(p.soft_trunc());
    }
    let ty = d.u8_at(at)?;
    if ty == 1 {
        if !d.has(at, 6) || length < 6 {
            return Err(p.soft_trunc());
        }
        let len = d.u8_at(at + 1)?;
        if len < 4 {
            out!(p, "\n\text HELLO - bad length {len}");
        } else {
            out!(p, "\n\text HELLO {} ms", d.be32(at + 2)?);
        }
    } else {
        out!(p, "\n\text {ty} {}", d.u8_at(at + 1)?);
    }
    Ok(())
}

/// Where a route request's fields are: (size, destination, its sequence,
/// originator, its sequence).
struct Layout {
    size: usize,
    da: usize,
    ds: usize,
    oa: usize,
    os: usize,
}

/// `aodv_rreq`, `aodv_v6_rreq` and `aodv_v6_draft_01_rreq`.
fn rreq(p: &mut Printer, d: &[u8], length: usize, v6: bool, l: &Layout, lead: &str) -> P {
    if !d.has(0, l.size) || length < l.size {
        return Err(p.soft_trunc());
    }
    // The flags are tested in the type byte, as tcpdump does.
    let t = d.u8_at(0)?;
    out!(p, " {lead} {length} ");
    for (bit, s) in [
        (RREQ_JOIN, "[J]"),
        (RREQ_REPAIR, "[R]"),
        (RREQ_GRAT, "[G]"),
        (RREQ_DEST, "[D]"),
    ] {
        if t & bit != 0 {
            p.s(s);
        }
    }
    p.s(if t & RREQ_UNKNOWN != 0 { "[U] " } else { " " });
    out!(p, "hops {} id 0x{:08x}\n\tdst ", d.u8_at(3)?, d.be32(4)?);
    addr(p, d, l.da, v6)?;
    out!(p, " seq {} src ", d.be32(l.ds)?);
    addr(p, d, l.oa, v6)?;
    out!(p, " seq {}", d.be32(l.os)?);
    if length - l.size >= 2 {
        extension(p, d, l.size, length - l.size)?;
    }
    Ok(())
}

/// `aodv_rrep`, `aodv_v6_rrep` and `aodv_v6_draft_01_rrep`; `os` is the
/// lifetime's offset.
fn rrep(p: &mut Printer, d: &[u8], length: usize, v6: bool, l: &Layout) -> P {
    if !d.has(0, l.size) || length < l.size {
        return Err(p.soft_trunc());
    }
    let t = d.u8_at(0)?;
    out!(
        p,
        " rrep {length} {}{}prefix {} hops {}\n\tdst ",
        if t & RREP_REPAIR != 0 { "[R]" } else { "" },
        if t & RREP_ACK != 0 { "[A] " } else { " " },
        d.u8_at(2)? & RREP_PREFIX_MASK,
        d.u8_at(3)?
    );
    addr(p, d, l.da, v6)?;
    out!(p, " dseq {} src ", d.be32(l.ds)?);
    addr(p, d, l.oa, v6)?;
    out!(p, " {} ms", d.be32(l.os)?);
    if length - l.size >= 2 {
        extension(p, d, l.size, length - l.size)?;
    }
    Ok(())
}

/// `aodv_rerr`, `aodv_v6_rerr` and `aodv_v6_draft_01_rerr`.
fn rerr(p: &mut Printer, d: &[u8], length: usize, v6: bool) -> P {
    if !d.has(0, 4) || length < 4 {
        return Err(p.soft_trunc());
    }
    let dc = d.u8_at(3)?;
    out!(
        p,
        " rerr {} [items {dc}] [{length}]:",
        if d.u8_at(1)? & RERR_NODELETE != 0 {
            "[D]"
        } else {
            ""
        }
    );
    let size = if v6 { 20 } else { 8 };
    let alen = if v6 { 16 } else { 4 };
    let mut at = 4;
    let mut i = length - 4;
    for _ in 0..dc {
        if !d.has(at, size) || i < size {
            return Err(p.soft_trunc());
        }
        p.s(" {");
        addr(p, d, at, v6)?;
        out!(p, "}}({})", d.be32(at + alen)?);
        at += size;
        i -= size;
    }
    Ok(())
}

/// `aodv_print`; `length` is the UDP payload's length, `v6` whether it came
/// over IPv6.
pub(super) fn aodv_print(p: &mut Printer, d: &[u8], length: usize, v6: bool) -> P {
    p.cur.protocol = "aodv";
    let msg_type = d.u8_at(0)?;
    p.s(" aodv");
    const RREQ4: Layout = Layout {
        size: 24,
        da: 8,
        ds: 12,
        oa: 16,
        os: 20,
    };
    const RREQ6: Layout = Layout {
        size: 48,
        da: 8,
        ds: 24,
        oa: 28,
        os: 44,
    };
    const RREQ6_DRAFT: Layout = Layout {
        size: 48,
        da: 16,
        ds: 8,
        oa: 32,
        os: 12,
    };
    const RREP4: Layout = Layout {
        size: 20,
        da: 4,
        ds: 8,
        oa: 12,
        os: 16,
    };
    const RREP6: Layout = Layout {
        size: 44,
        da: 4,
        ds: 20,
        oa: 24,
        os: 40,
    };
    const RREP6_DRAFT: Layout = Layout {
        size: 44,
        da: 8,
        ds: 4,
        oa: 24,
        os: 40,
    };
    match msg_type {
        1 if v6 => rreq(p, d, length, true, &RREQ6, "v6 rreq"),
        1 => rreq(p, d, length, false, &RREQ4, "rreq"),
        2 if v6 => rrep(p, d, length, true, &RREP6),
        2 => rrep(p, d, length, false, &RREP4),
        3 => rerr(p, d, length, v6),
        16 => rreq(p, d, length, true, &RREQ6_DRAFT, "rreq"),
        17 => rrep(p, d, length, true, &RREP6_DRAFT),
        18 => rerr(p, d, length, true),
        4 | 19 => {
            out!(p, " rrep-ack {length}");
            Ok(())
        }
        _ => {
            out!(p, " type {msg_type} {length}");
            Ok(())
        }
    }
}
