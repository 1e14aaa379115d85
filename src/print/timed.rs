//! timed (`print-timed.c`): the Berkeley time synchronization protocol on
//! UDP port 525.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::Bytes;

const TSP_TYPES: [&str; 25] = [
    "TSP_ANY",
    "TSP_ADJTIME",
    "TSP_ACK",
    "TSP_MASTERREQ",
    "TSP_MASTERACK",
    "TSP_SETTIME",
    "TSP_MASTERUP",
    "TSP_SLAVEUP",
    "TSP_ELECTION",
    "TSP_ACCEPT",
    "TSP_REFUSE",
    "TSP_CONFLICT",
    "TSP_RESOLVE",
    "TSP_QUIT",
    "TSP_DATE",
    "TSP_DATEREQ",
    "TSP_DATEACK",
    "TSP_TRACEON",
    "TSP_TRACEOFF",
    "TSP_MSITE",
    "TSP_MSITEREQ",
    "TSP_TEST",
    "TSP_SETDATE",
    "TSP_SETDATEREQ",
    "TSP_LOOP",
];

/// `timed_print`.
pub(super) fn timed_print(p: &mut Printer, data: &[u8]) -> P {
    p.cur.protocol = "timed";
    let typ = data.u8_at(0)?;
    match TSP_TYPES.get(usize::from(typ)) {
        Some(s) => p.s(s),
        None => out!(p, "(tsp_type {typ:#x})"),
    }
    out!(p, " vers {}", data.u8_at(1)?);
    out!(p, " seq {}", data.be16(2)?);
    match typ {
        24 => out!(p, " hopcnt {}", data.u8_at(4)?),
        1 | 5 | 22 | 23 => {
            let mut sec = data.be32(4)? as i32;
            let mut usec = data.be32(8)? as i32;
            if usec < 0 {
                return Ok(());
            }
            p.s(" time ");
            if sec < 0 && usec != 0 {
                sec += 1;
                if sec == 0 {
                    p.s("-");
                }
                usec = 1_000_000 - usec;
            }
            out!(p, "{sec}.{usec:06}");
        }
        _ => {}
    }
    p.s(" name ");
    for at in 12..12 + 256 {
        let c = data.u8_at(at)?;
        if c == 0 {
            break;
        }
        super::chars::print_char(p, c);
    }
    Ok(())
}
