//! syslog over UDP 514 (`print-syslog.c`): `SYSLOG local0.info, length:
//! 140`; from `-v` facility, severity and the message, from `-vv` a hex
//! dump of the whole datagram.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::{Bytes, Trunc};

const SEVERITIES: [&str; 8] = [
    "emergency",
    "alert",
    "critical",
    "error",
    "warning",
    "notice",
    "info",
    "debug",
];

const FACILITIES: [&str; 24] = [
    "kernel", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron",
    "authpriv", "ftp", "ntp", "security", "console", "cron", "local0", "local1", "local2",
    "local3", "local4", "local5", "local6", "local7",
];

/// A name from a table, or tcpdump's `unknown (N)`.
struct Named(Option<&'static str>, u16);

impl std::fmt::Display for Named {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(s) => f.write_str(s),
            None => write!(f, "unknown ({})", self.1),
        }
    }
}

/// `syslog_print`.
pub(super) fn syslog_print(p: &mut Printer, d: &[u8], len: usize) -> P {
    p.cur.protocol = "syslog";
    if d.u8_at(0)? != b'<' {
        p.s(" (invalid)");
        return Ok(());
    }
    let mut off = 1usize;
    let mut pri: u16 = 0;
    // At most three digits (SYSLOG_MAX_DIGITS), read while they are digits.
    while off <= 3 {
        let c = d.u8_at(off)?;
        if !c.is_ascii_digit() {
            break;
        }
        pri = pri * 10 + u16::from(c - b'0');
        off += 1;
    }
    if d.u8_at(off)? != b'>' {
        p.s(" (invalid)");
        return Ok(());
    }
    off += 1;
    let facility = (pri & 0x3f8) >> 3;
    let severity = pri & 7;
    let fac = Named(FACILITIES.get(usize::from(facility)).copied(), facility);
    let sev = Named(SEVERITIES.get(usize::from(severity)).copied(), severity);
    if p.opts.verbose < 1 {
        out!(p, "SYSLOG {fac}.{sev}, length: {len}");
        return Ok(());
    }
    out!(
        p,
        "SYSLOG, length: {len}\n\tFacility {fac} ({facility}), Severity {sev} ({severity})\n\tMsg: "
    );
    // `nd_printn` reads each byte with `GET_U_1`: a cut message ends the line.
    if len > off && super::chars::printn(p, d, off, len - off) {
        return Err(Trunc);
    }
    if p.opts.verbose > 1 {
        super::hex::print_unknown_data(p, Some(d), "\n\t", len);
    }
    Ok(())
}
