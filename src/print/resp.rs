//! RESP, the Redis serialization protocol on TCP port 6379
//! (`print-resp.c`): `: RESP "SET" "key" "value"`, each element of
//! pipelined commands and replies in turn, inline commands, null, empty and
//! bad lengths. Any parse failure ends the line with ` [|resp]`, as
//! tcpdump gives up there.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer};
use crate::decode::{Bytes, Trunc};

/// A parser's answer: the bytes it used, or `None` for tcpdump's `-1`
/// (give up, ` [|resp]`); `Err` is a `GET_*` read past the capture.
type Used = Result<Option<i64>, Trunc>;

/// `resp_print`.
pub(super) fn resp_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "resp";
    p.s(": RESP");
    let mut at = 0usize;
    let mut length = length as i64;
    while length > 0 {
        match parse(p, d, at, length)? {
            Some(n) => {
                at += n as usize;
                length -= n;
            }
            None => return Err(p.soft_trunc()),
        }
    }
    Ok(())
}

/// `resp_parse`: one element at `at`.
fn parse(p: &mut Printer, d: &[u8], at: usize, length: i64) -> Used {
    if length < 1 {
        return Ok(None);
    }
    match d.u8_at(at)? {
        b'+' | b':' | b'-' => string_error_integer(p, d, at, length),
        b'$' => bulk_string(p, d, at, length),
        b'*' => array(p, d, at, length),
        _ => inline(p, d, at, length),
    }
}

/// `FIND_CRLF`: the offset of the next `\r\n` from `at`, `None` when the
/// length runs out first (a byte not captured is a soft truncation too:
/// `ND_TCHECK_2`).
fn find_crlf(d: &[u8], mut at: usize, len: &mut i64) -> Result<Option<usize>, Trunc> {
    loop {
        if *len < 2 || !d.has(at, 2) {
            return Ok(None);
        }
        if d.u8_at(at)? == b'\r' && d.u8_at(at + 1)? == b'\n' {
            return Ok(Some(at));
        }
        at += 1;
        *len -= 1;
    }
}

/// `RESP_PRINT_SEGMENT`: false when the capture ended inside it.
fn segment(p: &mut Printer, d: &[u8], at: usize, n: usize) -> bool {
    p.s(" \"");
    if super::chars::printn(p, d, at, n) {
        return false;
    }
    super::chars::print_char(p, b'"');
    true
}

/// `resp_print_string_error_integer` (`+`, `-`, `:`).
fn string_error_integer(p: &mut Printer, d: &[u8], at: usize, length: i64) -> Used {
    let mut cur = length - 1;
    let start = at + 1;
    let Some(end) = find_crlf(d, start, &mut cur)? else {
        return Ok(None);
    };
    let n = end - start;
    if !segment(p, d, start, n) {
        return Ok(None);
    }
    Ok(Some(1 + n as i64 + 2))
}

/// `resp_get_length`: the value (or tcpdump's negative codes) and where
/// it stopped.
fn get_length(d: &[u8], mut at: usize, mut len: i64) -> Result<(i64, usize), Trunc> {
    if len == 0 {
        return Ok((-2, at));
    }
    let mut too_large = false;
    let mut neg = false;
    if d.u8_at(at)? == b'-' {
        neg = true;
        at += 1;
        len -= 1;
    }
    let mut result: i32 = 0;
    let mut saw_digit = false;
    loop {
        if len == 0 {
            return Ok((-2, at));
        }
        let c = d.u8_at(at)?;
        if !c.is_ascii_digit() {
            if !saw_digit {
                return Ok((-5, at + 1));
            }
            break;
        }
        let c = i32::from(c - b'0');
        if result > i32::MAX / 10 {
            too_large = true;
        } else {
            result *= 10;
            if result == (i32::MAX / 10) * 10 && c > i32::MAX % 10 {
                too_large = true;
            } else {
                result += c;
            }
        }
        at += 1;
        len -= 1;
        saw_digit = true;
    }
    if d.u8_at(at)? != b'\r' {
        return Ok((-5, at + 1));
    }
    at += 1;
    len -= 1;
    if len == 0 {
        return Ok((-2, at));
    }
    if d.u8_at(at)? != b'\n' {
        return Ok((-5, at + 1));
    }
    at += 1;
    if neg {
        if too_large || result != 1 {
            return Ok((-4, at));
        }
        return Ok((-1, at));
    }
    Ok((if too_large { -3 } else { i64::from(result) }, at))
}

/// A negative length: what tcpdump prints, or `None` to give up.
fn bad_length(p: &mut Printer, n: i64) -> Option<()> {
    match n {
        -1 => p.s(" null"),
        -2 => return None,
        -3 => p.s(" length too large"),
        -4 => p.s(" length negative and not -1"),
        _ => p.s(" invalid"),
    }
    Some(())
}

/// `resp_print_bulk_string` (`$`).
fn bulk_string(p: &mut Printer, d: &[u8], at: usize, length: i64) -> Used {
    let mut cur = length - 1;
    let mut bp = at + 1;
    let (n, end) = get_length(d, bp, cur)?;
    cur -= (end - bp) as i64;
    bp = end;
    if n >= 0 {
        if n == 0 {
            p.s(" empty");
        } else {
            if cur < n || !d.has(bp, n as usize) {
                return Ok(None);
            }
            if !segment(p, d, bp, n as usize) {
                return Ok(None);
            }
            bp += n as usize;
            cur -= n;
        }
        let Some(crlf) = find_crlf(d, bp, &mut cur)? else {
            return Ok(None);
        };
        let _ = crlf;
        cur -= 2;
    } else if bad_length(p, n).is_none() {
        return Ok(None);
    }
    Ok(Some(length - cur))
}

/// `resp_print_bulk_array` (`*`).
fn array(p: &mut Printer, d: &[u8], at: usize, length: i64) -> Used {
    let mut cur = length - 1;
    let mut bp = at + 1;
    let (n, end) = get_length(d, bp, cur)?;
    cur -= (end - bp) as i64;
    bp = end;
    if n > 0 {
        for _ in 0..n {
            let Some(used) = parse(p, d, bp, cur)? else {
                return Ok(None);
            };
            bp += used as usize;
            cur -= used;
        }
    } else if n == 0 {
        p.s(" empty");
    } else if bad_length(p, n).is_none() {
        return Ok(None);
    }
    Ok(Some(length - cur))
}

/// `CONSUME_CR_OR_LF`: past any `\r` and `\n`; `None` when the data ends
/// before anything else and none was seen.
fn consume_cr_or_lf(d: &[u8], mut at: usize, len: &mut i64) -> Result<Option<usize>, Trunc> {
    let mut found = false;
    loop {
        if *len == 0 || !d.has(at, 1) {
            return Ok(if found { Some(at) } else { None });
        }
        let c = d.u8_at(at)?;
        if c != b'\r' && c != b'\n' {
            return Ok(Some(at));
        }
        found = true;
        at += 1;
        *len -= 1;
    }
}

/// `resp_print_inline`: a line of text ended by `\r`, `\n` or both.
fn inline(p: &mut Printer, d: &[u8], at: usize, length: i64) -> Used {
    let mut cur = length;
    // tcpdump's macro needs at least one CR or LF only when the data ends.
    let Some(start) = consume_cr_or_lf(d, at, &mut cur)? else {
        return Ok(None);
    };
    let mut end = start;
    loop {
        if cur < 1 {
            return Ok(None);
        }
        let c = d.u8_at(end)?;
        if c == b'\r' || c == b'\n' {
            break;
        }
        end += 1;
        cur -= 1;
    }
    if !segment(p, d, start, end - start) {
        return Ok(None);
    }
    if consume_cr_or_lf(d, end, &mut cur)?.is_none() {
        return Ok(None);
    }
    Ok(Some(length - cur))
}
