//! Timestamps as tcpdump's `ts_print` (util-print.c) formats them for
//! `-t` … `-ttttt`, in local time (honouring TZ) or UTC, µs or ns.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::io::Write as _;

use chrono::{DateTime, Local, TimeZone, Utc};

use super::PrintOptions;
use crate::packet::{Precision, Timestamp};

/// `-t` count 0..=5 as a type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TimestampStyle {
    /// `HH:MM:SS.frac` in local time.
    #[default]
    Time,
    /// `-t`: none.
    None,
    /// `-tt`: seconds since the epoch.
    Unix,
    /// `-ttt`: delta since the previous packet.
    DeltaPrev,
    /// `-tttt`: date and time, local.
    DateTime,
    /// `-ttttt`: delta since the first packet.
    DeltaFirst,
}

#[derive(Default)]
pub(super) struct TsState {
    /// tcpdump's static `tv_ref`; (0, 0) counts as unset, as in tcpdump.
    reference: Timestamp,
}

fn frac(out: &mut Vec<u8>, v: u64, p: Precision) {
    let _ = match p {
        Precision::Micro => write!(out, ".{:06}", v as u32),
        Precision::Nano => write!(out, ".{:09}", v as u32),
    };
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
                date_hms(out, ts.sec, ts.frac, p, false, true);
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
                date_hms(out, ts.sec, ts.frac, p, true, true);
                out.push(b' ');
            }
        }
    }
}

/// `netdissect_timevalsub`: a - b with a borrow from the seconds.
fn sub(a: Timestamp, b: Timestamp, p: Precision) -> Timestamp {
    let mut sec = a.sec.wrapping_sub(b.sec);
    let frac = if a.frac < b.frac {
        sec = sec.wrapping_sub(1);
        a.frac + p.units_per_sec() - b.frac
    } else {
        a.frac - b.frac
    };
    Timestamp { sec, frac }
}
