//! Bytes printed as text the way tcpdump's `util-print.c` does: `fn_print_char`
//! (`M-` for the high bit, `^` for control characters) and `nd_printn`. Shared by
//! every printer that shows payload text (DNS names, RST data, timed, BOOTP,
//! ICMPv6 node information).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::Printer;
use crate::decode::Bytes;

/// `fn_print_char`.
pub(super) fn print_char(p: &mut Printer, mut c: u8) {
    if !c.is_ascii() {
        c &= 0x7f;
        p.s("M-");
    }
    if !(0x20..=0x7e).contains(&c) {
        c ^= 0x40;
        p.s("^");
    }
    p.out().push(c);
}

/// `nd_printjnp`: at most `n` bytes at `at` as text, up to a NUL; a byte
/// past the capture ends the packet (`Trunc`) after those before it.
pub(super) fn printjnp(p: &mut Printer, buf: &[u8], at: usize, n: usize) -> super::P {
    for i in 0..n {
        match buf.u8_at(at + i)? {
            0 => break,
            c => print_char(p, c),
        }
    }
    Ok(())
}

/// `nd_printn` bounded by the end of `buf`: true when it stopped early.
pub(super) fn printn(p: &mut Printer, buf: &[u8], at: usize, n: usize) -> bool {
    let avail = buf.get(at..).unwrap_or(&[]);
    let take = avail.cap(n);
    for &c in take {
        print_char(p, c);
    }
    take.len() < n
}

/// `nd_printztn`: a NUL-terminated string of at most `n` bytes at `at`,
/// bounded by the capture: the bytes used, NUL included, or 0 when no NUL
/// came before the end of `n` or of the capture.
pub(super) fn printztn(p: &mut Printer, buf: &[u8], at: usize, n: usize) -> usize {
    for i in 0..n {
        match buf.u8_at(at + i) {
            Ok(0) => return i + 1,
            Ok(c) => print_char(p, c),
            Err(_) => return 0,
        }
    }
    0
}
