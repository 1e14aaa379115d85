//! Cisco's HSRP (UDP port 1985, to that port only; RFC 2281) as tcpdump
//! 4.99's `print-hsrp.c` prints it: `HSRPv0-hello 20: state=standby group=1
//! addr=10.0.0.1`; `-v` the timers, priority and authentication text.
//! Other versions (HSRPv2's TLVs) print their version only.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, chars, out};
use crate::decode::Bytes;

pub(super) const HSRP_PORT: u16 = 1985;

/// `hsrp_print`; `len` is the UDP payload's length.
pub(super) fn hsrp_print(p: &mut Printer, d: &[u8], len: usize) -> P {
    p.cur.protocol = "hsrp";
    let version = d.u8_at(0)?;
    out!(p, "HSRPv{version}");
    if version != 0 {
        return Ok(());
    }
    p.s("-");
    match d.u8_at(1)? {
        0 => p.s("hello "),
        1 => p.s("coup "),
        2 => p.s("resign "),
        op => out!(p, "unknown ({op}) "),
    }
    out!(p, "{len}: ");
    let state = d.u8_at(2)?;
    let name = match state {
        0 => "initial",
        1 => "learn",
        2 => "listen",
        4 => "speak",
        8 => "standby",
        16 => "active",
        _ => "",
    };
    if name.is_empty() {
        out!(p, "state=Unknown ({state}) ");
    } else {
        out!(p, "state={name} ");
    }
    out!(p, "group={} ", d.u8_at(6)?);
    let reserved = d.u8_at(7)?;
    if reserved != 0 {
        out!(p, "[reserved={reserved}!] ");
    }
    let addr = *d.array::<4>(16)?;
    p.s("addr=");
    p.ip4(addr);
    if p.opts.verbose > 0 {
        let hello = d.u8_at(3)?;
        p.s(" hellotime=");
        super::dns::relts(p, u32::from(hello));
        let hold = d.u8_at(4)?;
        p.s(" holdtime=");
        super::dns::relts(p, u32::from(hold));
        out!(p, " priority={}", d.u8_at(5)?);
        p.s(" auth=\"");
        chars::printjnp(p, d, 8, 8)?;
        p.s("\"");
    }
    Ok(())
}
