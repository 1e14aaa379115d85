//! What tcpdump's messages and option checks take from the C library, in
//! one place: `strerror`'s wording of an I/O error (for `-r`, `-w`, `-F`),
//! and `atoi`/`strtol` as tcpdump's getopt loop reads numbers (`-B`, `-G`,
//! `-W`, `-s`). Depends on std only; knows nothing of packets or flags.

use std::io;

/// The C library's wording of an I/O error, without Rust's " (os error N)".
pub fn strerror(e: &io::Error) -> String {
    without_os_error(e.to_string())
}

/// `text` (an I/O error already made text, as arrow-csv hands it over)
/// without Rust's trailing " (os error N)".
pub fn without_os_error(text: String) -> String {
    match text.find(" (os error") {
        Some(i) => text.get(..i).unwrap_or(&text).to_string(),
        None => text,
    }
}

/// glibc's `atoi`, `(int) strtol(s, NULL, 10)`: optional blanks and sign,
/// then the leading digits (0 if none), saturated to a `long` and cut to
/// the low 32 bits of an `int` (tcpdump 4.99.3 takes `-c 4294967299` for 3
/// and refuses `-c 99999999999999999999`, `LONG_MAX` cut to -1).
pub fn atoi(s: &str) -> i64 {
    let t = s.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, t.get(1..).unwrap_or_default()),
        Some(b'+') => (false, t.get(1..).unwrap_or_default()),
        _ => (false, t),
    };
    let digits = t.bytes().take_while(u8::is_ascii_digit);
    let sign = if neg { -1 } else { 1 };
    let v = digits.fold(0i64, |v, d| {
        v.saturating_mul(10)
            .saturating_add(sign * i64::from(d - b'0'))
    });
    i64::from(v as i32)
}

/// C's `strtol(s, &end, 0)` over the whole string: decimal, `0x` hex or `0` octal.
pub fn strtol0(s: &str) -> Option<i64> {
    let t = s.trim_start();
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, t.get(1..)?),
        Some(b'+') => (false, t.get(1..)?),
        _ => (false, t),
    };
    let (radix, digits) = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        (16, h)
    } else if t.len() > 1 && t.starts_with('0') {
        (8, t.get(1..)?)
    } else {
        (10, t)
    };
    let v = i64::from_str_radix(digits, radix).ok()?;
    Some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::{atoi, strerror, strtol0};

    #[test]
    fn c_number_parsing() {
        assert_eq!(strtol0("0x10"), Some(16));
        assert_eq!(strtol0("010"), Some(8));
        assert_eq!(strtol0("0"), Some(0));
        assert_eq!(strtol0("12k"), None);
        assert_eq!(strtol0(""), None);
        assert_eq!(atoi("12k"), 12);
        assert_eq!(atoi(" \t+7"), 7);
        assert_eq!(atoi("k"), 0);
        assert_eq!(atoi("-3"), -3);
        assert_eq!(atoi("99999999999"), 1_215_752_191);
        assert_eq!(atoi("4294967299"), 3);
        assert_eq!(atoi("-4294967293"), 3);
        assert_eq!(atoi("99999999999999999999"), -1);
        assert_eq!(atoi("-99999999999999999999"), 0);
    }

    #[test]
    fn strerror_drops_the_os_error_number() {
        let e = std::io::Error::from_raw_os_error(2);
        assert_eq!(strerror(&e), "No such file or directory");
    }
}
