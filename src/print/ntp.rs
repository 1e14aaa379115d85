//! NTP (`print-ntp.c`, `ntp.c`): `NTPv4, Client, length 48`; from `-v` the
//! leap indicator, stratum, poll, precision, root delay and dispersion,
//! reference ID, the four timestamps (with their UTC date) and the
//! originator deltas, or a control message's header.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::Bytes;
use crate::decode::ntp::{self as n};

const FMAXINT: f64 = 4_294_967_296.0;

fn mode_name(m: u8) -> &'static str {
    match m {
        0 => "unspecified",
        1 => "symmetric active",
        2 => "symmetric passive",
        3 => "Client",
        4 => "Server",
        5 => "Broadcast",
        6 => "Control Message",
        _ => "Reserved",
    }
}

/// `ntp_print`.
pub(super) fn ntp_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "ntp";
    let status = d.u8_at(n::STATUS)?;
    let version = (status & 0x38) >> 3;
    out!(p, "NTPv{version}");
    let mode = status & 7;
    if p.opts.verbose == 0 {
        out!(p, ", {}, length {length}", mode_name(mode));
        return Ok(());
    }
    out!(p, ", {}, length {length}\n", mode_name(mode));
    // `leapind` is the masked, unshifted value, as tcpdump keeps it.
    let leap = status & 0xc0;
    let leap_name = match leap {
        0x00 => "",
        0x40 => "+1s",
        0x80 => "-1s",
        _ => "clock unsynchronized",
    };
    out!(p, "\tLeap indicator: {leap_name} ({leap})");
    match mode {
        0..=5 => time_print(p, d, length),
        n::MODE_CONTROL => control_print(p, d, length),
        _ => Ok(()),
    }
}

/// `ntp_time_print`.
fn time_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    if length < n::TIMEMSG_MINLEN {
        p.s(" (invalid)");
        return if d.has(0, length) {
            Ok(())
        } else {
            Err(p.soft_trunc())
        };
    }
    let stratum = d.u8_at(n::STRATUM)?;
    let sname = match stratum {
        0 => "unspecified",
        1 => "primary reference",
        2..=15 => "secondary reference",
        _ => "reserved",
    };
    out!(p, ", Stratum {stratum} ({sname})");
    let poll = d.u8_at(n::POLL)? as i8;
    out!(p, ", poll {poll}");
    // `p_poll`
    if poll > -32 && poll < 32 {
        if poll >= 0 {
            out!(p, " ({}s)", 1u32 << poll);
        } else {
            out!(p, " (1/{}s)", 1u32 << -poll);
        }
    }
    out!(p, ", precision {}", d.u8_at(n::PRECISION)? as i8);
    if !d.has(n::ROOT_DELAY, 4) {
        return Err(p.soft_trunc());
    }
    p.s("\n\tRoot Delay: ");
    sfix(p, d, n::ROOT_DELAY)?;
    if !d.has(n::ROOT_DISPERSION, 4) {
        return Err(p.soft_trunc());
    }
    p.s(", Root dispersion: ");
    sfix(p, d, n::ROOT_DISPERSION)?;
    if !d.has(n::REFID, 4) {
        return Err(p.soft_trunc());
    }
    p.s(", Reference-ID: ");
    match stratum {
        0 => p.s("(unspec)"),
        1 => {
            // `nd_printn` bounded by the snapshot end: a cut ID truncates.
            if super::chars::printn(p, d, n::REFID, 4) {
                return Err(p.soft_trunc());
            }
        }
        62 | 63 => {
            p.ip4(*d.array::<4>(n::REFID)?);
            p.s(if stratum == 62 {
                " INFO_QUERY"
            } else {
                " INFO_REPLY"
            });
            return Ok(());
        }
        _ => out!(p, "0x{:08x}", d.be32(n::REFID)?),
    }
    for (at, label) in [
        (n::REF_TS, "\n\t  Reference Timestamp:  "),
        (n::ORG_TS, "\n\t  Originator Timestamp: "),
        (n::REC_TS, "\n\t  Receive Timestamp:    "),
        (n::XMT_TS, "\n\t  Transmit Timestamp:   "),
    ] {
        if !d.has(at, 8) {
            return Err(p.soft_trunc());
        }
        p.s(label);
        ntp_time(p, d, at)?;
    }
    p.s("\n\t    Originator - Receive Timestamp:  ");
    delta(p, d, n::ORG_TS, n::REC_TS)?;
    p.s("\n\t    Originator - Transmit Timestamp: ");
    delta(p, d, n::ORG_TS, n::XMT_TS)?;
    let extra = length - n::TIMEMSG_MINLEN;
    if extra == 4 || extra == 20 || extra == 24 {
        out!(p, "\n\tKey id: {}", d.be32(n::KEY_ID)?);
        if extra > 4 {
            let words = (extra - 4) / 4;
            if !d.has(n::DIGEST, extra - 4) {
                return Err(p.soft_trunc());
            }
            p.s("\n\tAuthentication: ");
            for i in 0..words {
                out!(p, "{:08x}", d.be32(n::DIGEST + 4 * i)?);
            }
        }
    } else if extra > 0 {
        out!(p, "\n\t({extra} more bytes after the header)");
    }
    Ok(())
}

/// `p_sfix`: a 16.16 fixed-point number, the fraction in millionths.
fn sfix(p: &mut Printer, d: &[u8], at: usize) -> P {
    let i = d.be16(at)?;
    let f = f64::from(d.be16(at + 2)?) / 65536.0;
    out!(p, "{i}.{:06}", (f * 1_000_000.0) as i32);
    Ok(())
}

/// `p_ntp_time`: seconds.nanoseconds, and the UTC date unless 0.
pub(super) fn ntp_time(p: &mut Printer, d: &[u8], at: usize) -> P {
    let i = d.be32(at)?;
    let uf = d.be32(at + 4)?;
    let f = (f64::from(uf) / FMAXINT * 1_000_000_000.0) as u32;
    out!(p, "{i}.{f:09}");
    if i != 0 {
        let secs = i64::from(i) - n::JAN_1970;
        let (y, mo, day, h, mi, s) = civil(secs);
        out!(p, " ({y:04}-{mo:02}-{day:02}T{h:02}:{mi:02}:{s:02}Z)");
    }
    Ok(())
}

/// `gmtime` for the dates NTP's 32-bit seconds reach (1900–2036): days
/// to a proleptic Gregorian date (Howard Hinnant's `civil_from_days`).
pub(super) fn civil(secs: i64) -> (i64, u32, u32, u32, u32, u32) {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        year,
        month,
        day,
        (rem / 3600) as u32,
        (rem % 3600 / 60) as u32,
        (rem % 60) as u32,
    )
}

/// `p_ntp_delta`: `lfp - olfp`, signed; `lfp` itself when `olfp` is 0.
fn delta(p: &mut Printer, d: &[u8], oat: usize, at: usize) -> P {
    let u = d.be32(at)?;
    let ou = d.be32(oat)?;
    let uf = d.be32(at + 4)?;
    let ouf = d.be32(oat + 4)?;
    if ou == 0 && ouf == 0 {
        return ntp_time(p, d, at);
    }
    let (neg, i, f) = if u > ou {
        let i = (u - ou).wrapping_sub(u32::from(ouf > uf));
        (false, i, uf.wrapping_sub(ouf))
    } else if u < ou {
        let i = (ou - u).wrapping_sub(u32::from(uf > ouf));
        (true, i, ouf.wrapping_sub(uf))
    } else if uf > ouf {
        (false, 0, uf - ouf)
    } else {
        (true, 0, ouf - uf)
    };
    let f = (f64::from(f) / FMAXINT * 1_000_000_000.0) as u32;
    out!(p, "{}{i}.{f:09}", if neg { "-" } else { "+" });
    Ok(())
}

/// `ntp_control_print`.
fn control_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    if length < n::CTRLMSG_MINLEN {
        p.s(" (invalid)");
        return if d.has(0, length) {
            Ok(())
        } else {
            Err(p.soft_trunc())
        };
    }
    let c = d.u8_at(n::CTRL_CONTROL)?;
    out!(
        p,
        ", {}, {}, {}, OpCode={}\n",
        if c & 0x80 != 0 { "Response" } else { "Request" },
        if c & 0x40 != 0 { "Error" } else { "OK" },
        if c & 0x20 != 0 { "More" } else { "Last" },
        c & 0x1f
    );
    out!(p, "\tSequence={}", d.be16(n::CTRL_SEQUENCE)?);
    // `%#hx`: no 0x prefix for 0.
    match d.be16(n::CTRL_STATUS)? {
        0 => p.s(", Status=0"),
        s => out!(p, ", Status={s:#x}"),
    }
    out!(p, ", Assoc.={}", d.be16(n::CTRL_ASSOC)?);
    out!(p, ", Offset={}", d.be16(n::CTRL_OFFSET)?);
    let count = usize::from(d.be16(n::CTRL_COUNT)?);
    out!(p, ", Count={count}");
    if n::CTRLMSG_MINLEN + count > length {
        p.s(" (invalid)");
        return if d.has(0, length) {
            Ok(())
        } else {
            Err(p.soft_trunc())
        };
    }
    if count != 0 {
        if !d.has(n::CTRLMSG_MINLEN, count) {
            return Err(p.soft_trunc());
        }
        p.s("\n\tTO-BE-DONE: data not interpreted");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::civil;

    /// Against dates `date -u -d @N` prints.
    #[test]
    fn civil_dates() {
        assert_eq!(civil(0), (1970, 1, 1, 0, 0, 0));
        assert_eq!(civil(-2_208_988_800), (1900, 1, 1, 0, 0, 0));
        assert_eq!(civil(951_782_400), (2000, 2, 29, 0, 0, 0));
        assert_eq!(civil(2_085_978_495), (2036, 2, 7, 6, 28, 15));
        assert_eq!(civil(-1), (1969, 12, 31, 23, 59, 59));
    }
}
