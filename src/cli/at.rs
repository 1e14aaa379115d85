//! `--at TIME` as users type it: an RFC 3339 time (`2024-05-01T10:00:05Z`),
//! a date and time in local time as `tcpdump -tttt` prints it
//! (`2024-05-01 10:00:05.5`), a time of day on the capture's first day as
//! tcpdump's default timestamps print it (`10:00:05`, local time, TZ), an
//! offset from the first packet (`+5s`, `+1.5`, `+250ms`, `+2m`, `+1h`), or
//! epoch seconds after `@` (`@1714557605`, as GNU date). Anything else is
//! refused, naming the argument: a bare `5` used to be read as 1970.

use chrono::{NaiveDateTime, NaiveTime, TimeZone, Timelike};

use tcpscope::config::analyze::At;

/// The accepted forms, for the error message and `--help`.
pub const FORMS: &str = "an RFC 3339 time (2024-05-01T10:00:05Z), a local date and time \
                         (2024-05-01 10:00:05), a time of day on the capture's first day \
                         (10:00:05), an offset from the first packet (+5s, +250ms, +2m) \
                         or epoch seconds (@1714557605)";

/// `s` as an [`At`], or `None` when it is none of the accepted forms.
pub fn parse(s: &str) -> Option<At> {
    let s = s.trim();
    if let Some(rel) = s.strip_prefix('+') {
        return offset(rel).map(At::Rel);
    }
    if let Some(epoch) = s.strip_prefix('@') {
        return seconds(epoch, 1e9).map(At::Abs);
    }
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return u64::try_from(t.timestamp_nanos_opt()?).ok().map(At::Abs);
    }
    for fmt in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(s, fmt) {
            let t = chrono::Local.from_local_datetime(&naive).earliest()?;
            return u64::try_from(t.timestamp_nanos_opt()?).ok().map(At::Abs);
        }
    }
    for fmt in ["%H:%M:%S%.f", "%H:%M"] {
        if let Ok(t) = NaiveTime::parse_from_str(s, fmt) {
            let ns = u64::from(t.num_seconds_from_midnight()) * 1_000_000_000
                + u64::from(t.nanosecond());
            return Some(At::Clock(ns));
        }
    }
    None
}

/// `5`, `5s`, `1.5`, `250ms`, `2m`, `2min`, `1h` in nanoseconds.
fn offset(s: &str) -> Option<u64> {
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let scale = match unit {
        "" | "s" => 1e9,
        "ms" => 1e6,
        "us" => 1e3,
        "m" | "min" => 60e9,
        "h" => 3600e9,
        _ => return None,
    };
    seconds(num, scale)
}

/// A plain decimal number (digits and at most one point) times `scale`.
fn seconds(num: &str, scale: f64) -> Option<u64> {
    if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let x: f64 = num.parse().ok()?;
    let ns = (x * scale).round();
    (ns.is_finite() && ns < 1.8e19).then_some(ns as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_users_type() {
        assert_eq!(parse("+5s"), Some(At::Rel(5_000_000_000)));
        assert_eq!(parse("+5"), Some(At::Rel(5_000_000_000)));
        assert_eq!(parse("+1.5"), Some(At::Rel(1_500_000_000)));
        assert_eq!(parse("+250ms"), Some(At::Rel(250_000_000)));
        assert_eq!(parse("+2m"), Some(At::Rel(120_000_000_000)));
        assert_eq!(parse("+1h"), Some(At::Rel(3_600_000_000_000)));
        assert_eq!(parse("@1.5"), Some(At::Abs(1_500_000_000)));
        assert_eq!(
            parse("2024-05-01T10:00:05Z"),
            Some(At::Abs(1_714_557_605_000_000_000))
        );
        assert_eq!(
            parse("2024-05-01T12:00:05+02:00"),
            Some(At::Abs(1_714_557_605_000_000_000))
        );
        assert_eq!(parse("10:00:05"), Some(At::Clock(36_005_000_000_000)));
        assert_eq!(parse("10:00:05.25"), Some(At::Clock(36_005_250_000_000)));
        assert_eq!(parse("10:00"), Some(At::Clock(36_000_000_000_000)));
    }

    #[test]
    fn refuses_the_rest() {
        for bad in [
            "5",
            "1714557605",
            "",
            "+",
            "+5x",
            "+-5",
            "@",
            "@-1",
            "@5s",
            "25:00:00",
            "yesterday",
            "+inf",
            "+NaN",
            "2024-13-01T00:00:00Z",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
