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
    reference: Timestamp,
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
            frac(out, ts.frac, p);
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
                if self.reference == Timestamp::default() {
                    self.reference = ts;
                }
                let (neg, d) = if ts < self.reference {
                    (true, sub(self.reference, ts, p))
                } else {
                    (false, sub(ts, self.reference, p))
                };
                out.push(if neg { b'-' } else { b' ' });
                date_hms(out, d.sec, d.frac, p, false, false);
                out.push(b' ');
                if o.ts_style == TimestampStyle::DeltaPrev {
                    self.reference = ts;
                }
            }
            TimestampStyle::DateTime => {
                local_hms(&mut self.local, out, ts, p, true);
                out.push(b' ');
            }
        }
    }
}

/// `netdissect_timevalsub`: a - b with a borrow from the seconds. Like
/// tcpdump's signed `tv_usec` arithmetic, a damaged (unnormalised) `frac` can
/// leave the result "negative" after the one borrow: it wraps, and
/// [`frac`] prints its low 32 bits as tcpdump's `(unsigned)usec` does.
fn sub(a: Timestamp, b: Timestamp, p: Precision) -> Timestamp {
    let mut sec = a.sec.wrapping_sub(b.sec);
    let mut frac = a.frac.wrapping_sub(b.frac);
    if a.frac < b.frac {
        sec = sec.wrapping_sub(1);
        frac = frac.wrapping_add(p.units_per_sec());
    }
    Timestamp { sec, frac }
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
