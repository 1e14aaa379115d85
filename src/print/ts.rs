//! Timestamps as tcpdump's `ts_print` (util-print.c) formats them for
//! `-t` … `-ttttt`, in local time (honouring TZ) or UTC, µs or ns.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::io::Write as _;

use chrono::{DateTime, Local, TimeZone, Utc};

use super::{PrintOptions, TimestampStyle};
use crate::packet::{Precision, Timestamp};

#[derive(Default)]
pub(super) struct TsState {
    /// tcpdump's static `tv_ref`; (0, 0) counts as unset, as in tcpdump.
    reference: Tv,
    /// The last local `HH:MM:SS` (or date and time) formatted, by second and
    /// style: consecutive packets mostly share their second, and chrono's
    /// local-time conversion and strftime were 15% of a `-nn` run.
    local: Option<(u64, bool, Vec<u8>)>,
}

fn frac(out: &mut Vec<u8>, v: u64, p: Precision) {
    let (width, limit) = match p {
        Precision::Micro => (6, 1_000_000),
        Precision::Nano => (9, 1_000_000_000),
    };
    let v32 = v as u32;
    if v32 < limit {
        // Zero-padded digits without the formatter: once per packet.
        let mut digits = [b'0'; 9];
        let mut n = v32;
        for d in digits.iter_mut().take(width).rev() {
            *d = b'0' + (n % 10) as u8;
            n /= 10;
        }
        out.push(b'.');
        out.extend_from_slice(digits.get(..width).unwrap_or_default());
        return;
    }
    let _ = match p {
        Precision::Micro => write!(out, ".{:06}", v as u32),
        Precision::Nano => write!(out, ".{:09}", v as u32),
    };
}

/// `ts_date_hmsfrac_print` in local time, the seconds part formatted once
/// per second.
fn local_hms(
    cache: &mut Option<(u64, bool, Vec<u8>)>,
    out: &mut Vec<u8>,
    ts: Timestamp,
    p: Precision,
    date: bool,
) {
    match cache {
        Some((sec, d, text)) if *sec == ts.sec && *d == date => {
            out.extend_from_slice(text);
            // "[Error converting time]" has no fraction after it.
            if text.first() != Some(&b'[') {
                frac(out, ts.frac, p);
            }
        }
        _ => {
            let start = out.len();
            date_hms(out, ts.sec, 0, p, date, true);
            let text = out.get(start..).unwrap_or_default();
            // Only a successful conversion ends in the fraction.
            let hms_len = text.len().saturating_sub(frac_len(p));
            let text = if text.first() == Some(&b'[') {
                text.to_vec()
            } else {
                text.get(..hms_len).unwrap_or_default().to_vec()
            };
            out.truncate(start);
            out.extend_from_slice(&text);
            if text.first() != Some(&b'[') {
                frac(out, ts.frac, p);
            }
            *cache = Some((ts.sec, date, text));
        }
    }
}

fn frac_len(p: Precision) -> usize {
    match p {
        Precision::Micro => 7,
        Precision::Nano => 10,
    }
}

/// `ts_date_hmsfrac_print`.
fn date_hms(out: &mut Vec<u8>, sec: u64, f: u64, p: Precision, date: bool, local: bool) {
    if sec & 0x8000_0000 != 0 {
        out.extend_from_slice(b"[Error converting time]");
        return;
    }
    let secs = sec as i64;
    let fmt = if date {
        "%Y-%m-%d %H:%M:%S"
    } else {
        "%H:%M:%S"
    };
    let ok = if local {
        match Local.timestamp_opt(secs, 0).earliest() {
            Some(t) => write!(out, "{}", t.format(fmt)).is_ok(),
            None => false,
        }
    } else {
        match DateTime::<Utc>::from_timestamp(secs, 0) {
            Some(t) => write!(out, "{}", t.format(fmt)).is_ok(),
            None => false,
        }
    };
    if !ok {
        out.extend_from_slice(b"[Error converting time]");
        return;
    }
    frac(out, f, p);
}

impl TsState {
    pub(super) fn print(&mut self, out: &mut Vec<u8>, ts: Timestamp, o: &PrintOptions) {
        let p = o.precision;
        match o.ts_style {
            TimestampStyle::Time => {
                local_hms(&mut self.local, out, ts, p, false);
                out.push(b' ');
            }
            TimestampStyle::None => {}
            TimestampStyle::Unix => {
                if ts.sec & 0x8000_0000 != 0 {
                    out.extend_from_slice(b"[Error converting time]");
                } else {
                    let _ = write!(out, "{}", ts.sec as u32);
                    frac(out, ts.frac, p);
                }
                out.push(b' ');
            }
            TimestampStyle::DeltaPrev | TimestampStyle::DeltaFirst => {
                let tv = Tv::of(ts);
                if self.reference == Tv::default() {
                    self.reference = tv;
                }
                let neg = tv.less(self.reference);
                let d = if neg {
                    self.reference.sub(tv, p)
                } else {
                    tv.sub(self.reference, p)
                };
                out.push(if neg { b'-' } else { b' ' });
                delta_hms(out, d, p);
                out.push(b' ');
                if o.ts_style == TimestampStyle::DeltaPrev {
                    self.reference = tv;
                }
            }
            TimestampStyle::DateTime => {
                local_hms(&mut self.local, out, ts, p, true);
                out.push(b' ');
            }
        }
    }
}

/// A timestamp as libpcap hands it to tcpdump: a `struct timeval` of two
/// signed `long`s. A pcap file's 32-bit seconds and fraction are
/// `bpf_int32` there, so 0xffffffff seconds is -1 and a fraction with the
/// sign bit set is negative (the reader keeps the fraction's sign, see
/// `source::file`); a pcapng file's seconds beyond 32 bits stay positive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Tv {
    sec: i64,
    usec: i64,
}

impl Tv {
    fn of(ts: Timestamp) -> Tv {
        let sec = match u32::try_from(ts.sec) {
            Ok(s) => i64::from(s as i32),
            Err(_) => ts.sec as i64,
        };
        Tv {
            sec,
            usec: ts.frac as i64,
        }
    }

    /// `netdissect_timevalcmp(self, other, <)`.
    fn less(self, other: Tv) -> bool {
        if self.sec == other.sec {
            self.usec < other.usec
        } else {
            self.sec < other.sec
        }
    }

    /// `netdissect_timevalsub`: self - other with one borrow from the
    /// seconds when the fraction went negative. A damaged fraction (beyond
    /// a second, or negative) can leave it out of range after the one
    /// borrow: tcpdump prints it as it is, as `(unsigned)`.
    fn sub(self, other: Tv, p: Precision) -> Tv {
        let mut sec = self.sec.wrapping_sub(other.sec);
        let mut usec = self.usec.wrapping_sub(other.usec);
        if usec < 0 {
            sec = sec.wrapping_sub(1);
            usec = usec.wrapping_add(p.units_per_sec() as i64);
        }
        Tv { sec, usec }
    }
}

/// `ts_date_hmsfrac_print(sec, usec, WITHOUT_DATE, UTC_TIME)` for a delta:
/// the error text when bit 31 of the seconds is set (`(unsigned)sec &
/// 0x80000000`, so also for any negative delta), `gmtime` of the whole
/// 64-bit seconds otherwise, and the fraction's low 32 bits.
fn delta_hms(out: &mut Vec<u8>, d: Tv, p: Precision) {
    if d.sec as u32 & 0x8000_0000 != 0 {
        out.extend_from_slice(b"[Error converting time]");
        return;
    }
    match DateTime::<Utc>::from_timestamp(d.sec, 0) {
        Some(t) => {
            let _ = write!(out, "{}", t.format("%H:%M:%S"));
            frac(out, d.usec as u64, p);
        }
        None => out.extend_from_slice(b"[Error converting time]"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fuzz finding (print_packet): a reference time whose `frac` is beyond
    /// one second (a damaged file) made the borrow in `sub` underflow. tcpdump
    /// keeps the negative `tv_usec` and prints it as `(unsigned)`.
    #[test]
    fn delta_with_unnormalised_frac_does_not_overflow() {
        let o = PrintOptions {
            ts_style: TimestampStyle::DeltaFirst,
            precision: Precision::Nano,
            ..Default::default()
        };
        let mut st = TsState::default();
        let mut out = Vec::new();
        st.print(
            &mut out,
            Timestamp {
                sec: 10,
                frac: 4_000_000_000,
            },
            &o,
        );
        out.clear();
        st.print(&mut out, Timestamp { sec: 11, frac: 0 }, &o);
        // 0 - 4e9 + 1e9 = -3e9, as unsigned 32 bits: 1294967296.
        assert_eq!(out, b" 00:00:00.1294967296 ");
    }
}
