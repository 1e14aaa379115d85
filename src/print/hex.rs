//! Hex and ASCII dumps (`print-ascii.c`): tcpdump's default printer for
//! payloads it cannot decode (`\n\t0x0000:  4500 …  E...` lines), and the
//! whole-packet dumps of `-x`/`-xx`/`-X`/`-XX`/`-A`/`-AA` that
//! `pretty_print_packet` appends after the decoded line.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::Trunc;

const BYTES_PER_LINE: usize = 16;
/// Width of the hex column: 8 shorts of " xxxx".
const HEX_WIDTH: usize = 40;

/// `ndo_default_print`: hex and ASCII of `data`.
pub(super) fn default_print(p: &mut Printer, data: &[u8]) -> P {
    hex_and_ascii(p, "\n\t", data, data.len(), 0)
}

/// `if (!ndo->ndo_suppress_default_print) ND_DEFAULTPRINT(p, caplen);`, the
/// form most link-layer printers use: `-q`, `-x` and `-X` silence it.
pub(super) fn default_print_unless_suppressed(p: &mut Printer, data: &[u8]) -> P {
    if p.opts.suppress_default_print() {
        return Ok(());
    }
    default_print(p, data)
}

/// The tail of `pretty_print_packet`: with `-X`, `-x` or `-A` (in that order
/// of precedence) the captured bytes, from the start of the packet when the
/// flag was doubled, else from the end of the link-layer header (nothing
/// when the header is all there is). `data` is the whole captured packet.
pub(super) fn packet_dump(p: &mut Printer, data: &[u8]) {
    let o = &p.opts;
    let (kind, count) = if o.hex_ascii > 0 {
        (b'X', o.hex_ascii)
    } else if o.hex > 0 {
        (b'x', o.hex)
    } else if o.ascii > 0 {
        (b'A', o.ascii)
    } else {
        return;
    };
    let bytes = if count > 1 {
        data
    } else {
        match data.get(p.cur.ll_hdr_len..) {
            Some(rest) if !rest.is_empty() => rest,
            _ => return,
        }
    };
    // The whole capture is there, so these cannot run short.
    let _ = match kind {
        b'X' => hex_and_ascii(p, "\n\t", bytes, bytes.len(), 0),
        b'x' => hex_print(p, "\n\t", bytes, bytes.len()),
        _ => ascii_print(p, bytes, bytes.len()),
    };
}

/// `hex_print`: 8 shorts a line, no ASCII column, no padding.
pub(in crate::print) fn hex_print(p: &mut Printer, ident: &str, data: &[u8], length: usize) -> P {
    hex_print_with_offset(p, ident, data, length, 0)
}

/// `hex_print_with_offset`: [`hex_print`] numbering its lines from `oset`.
pub(in crate::print) fn hex_print_with_offset(
    p: &mut Printer,
    ident: &str,
    data: &[u8],
    length: usize,
    oset: usize,
) -> P {
    let shown = data.get(..length).unwrap_or(data);
    for (i, chunk) in shown.chunks(2).enumerate() {
        if i % 8 == 0 {
            out!(p, "{ident}0x{:04x}: ", oset + i * 2);
        }
        match chunk {
            [a, b] => out!(p, " {a:02x}{b:02x}"),
            [a] => out!(p, " {a:02x}"),
            _ => {}
        }
    }
    if length > data.len() {
        Err(Trunc)
    } else {
        Ok(())
    }
}

/// `print_unknown_data`: `cp` is `None` when the pointer is past the end.
pub(in crate::print) fn print_unknown_data(
    p: &mut Printer,
    cp: Option<&[u8]>,
    ident: &str,
    len: usize,
) {
    match cp {
        None => out!(
            p,
            "{ident}Dissector error: print_unknown_data called with pointer past end of packet"
        ),
        Some(d) => {
            let _ = hex_print(p, ident, d, len.min(d.len()));
        }
    }
}

/// C's `%#x` of a byte: `0` for zero, else `0x…`.
pub(super) fn alt_hex(p: &mut Printer, x: u8) {
    if x == 0 {
        p.s("0");
    } else {
        out!(p, "{x:#x}");
    }
}

/// `ascii_print`: a newline, then the bytes with unprintable ones as `.`,
/// tabs, spaces and newlines kept, and a carriage return dropped unless
/// more than one byte follows it and the next is not a newline.
pub(super) fn ascii_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "ascii";
    let shown = data.get(..length).unwrap_or(data);
    p.s("\n");
    for (i, &c) in shown.iter().enumerate() {
        if c == b'\r' {
            let left = shown.len() - i - 1;
            if left > 1 && shown.get(i + 1) != Some(&b'\n') {
                p.s(".");
            }
        } else if c.is_ascii_graphic() || matches!(c, b'\t' | b' ' | b'\n') {
            p.out().push(c);
        } else {
            p.s(".");
        }
    }
    if length > data.len() {
        Err(Trunc)
    } else {
        Ok(())
    }
}

/// `hex_and_ascii_print_with_offset`: `length` bytes wanted, `data` those
/// captured; a shortfall prints what is there, then truncates.
pub(super) fn hex_and_ascii(
    p: &mut Printer,
    ident: &str,
    data: &[u8],
    length: usize,
    mut oset: usize,
) -> P {
    let n = length.min(data.len());
    let shown = data.get(..n).unwrap_or(data);
    for chunk in shown.chunks(BYTES_PER_LINE) {
        let mut hex = [b' '; HEX_WIDTH];
        let mut ascii = [0u8; BYTES_PER_LINE];
        let mut hp = 0;
        for (i, pair) in chunk.chunks(2).enumerate() {
            let mut s = [0u8; 5];
            let w = match pair {
                [a, b] => {
                    let _ =
                        std::io::Write::write_fmt(&mut &mut s[..], format_args!(" {a:02x}{b:02x}"));
                    5
                }
                [a] => {
                    let _ = std::io::Write::write_fmt(&mut &mut s[..], format_args!(" {a:02x}"));
                    3
                }
                _ => 0,
            };
            if let (Some(dst), Some(src)) = (hex.get_mut(hp..hp + w), s.get(..w)) {
                dst.copy_from_slice(src);
            }
            hp += w;
            for (j, &c) in pair.iter().enumerate() {
                if let Some(a) = ascii.get_mut(2 * i + j) {
                    *a = if c.is_ascii_graphic() { c } else { b'.' };
                }
            }
        }
        let _ = hp;
        out!(p, "{ident}0x{oset:04x}: ");
        p.out().extend_from_slice(&hex);
        p.s("  ");
        p.out()
            .extend_from_slice(ascii.get(..chunk.len()).unwrap_or_default());
        oset += BYTES_PER_LINE;
    }
    if length > data.len() {
        Err(Trunc)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing, clippy::unwrap_used)]
    use crate::print::{PrintOptions, Printer};

    fn with<F: FnOnce(&mut Printer) -> super::P>(f: F) -> (String, bool) {
        let mut p = Printer::new(PrintOptions::default());
        let r = f(&mut p);
        (String::from_utf8_lossy(&p.buf.line).into_owned(), r.is_ok())
    }

    /// `hex_print` pads nothing and puts an odd last byte on its own.
    #[test]
    fn hex_print_layout() {
        let data: Vec<u8> = (0u8..19).collect();
        let (s, ok) = with(|p| super::hex_print(p, "\n\t", &data, data.len()));
        assert!(ok);
        assert_eq!(
            s,
            "\n\t0x0000:  0001 0203 0405 0607 0809 0a0b 0c0d 0e0f\n\t0x0010:  1011 12"
        );
    }

    /// The hex column is padded to 40 characters before the ASCII one.
    #[test]
    fn hex_and_ascii_layout() {
        let (s, ok) = with(|p| super::hex_and_ascii(p, "\n\t", b"GET /\r\n", 7, 0));
        assert!(ok);
        assert_eq!(
            s,
            "\n\t0x0000:  4745 5420 2f0d 0a                        GET./.."
        );
    }

    /// `ascii_print`: a CR disappears before LF and at the very end, and is a
    /// dot elsewhere; tabs, spaces and newlines pass; other controls are dots.
    #[test]
    fn ascii_print_carriage_returns() {
        let (s, ok) = with(|p| super::ascii_print(p, b"a\r\nb\rc d\t\x01\r", 10));
        assert!(ok);
        assert_eq!(s, "\na\nb.c d\t.");
    }

    /// Asking for more than was captured prints what is there, then truncates.
    #[test]
    fn short_capture_truncates() {
        let (s, ok) = with(|p| super::hex_print(p, "\n\t", b"\x45\x00\x00", 4));
        assert!(!ok);
        assert_eq!(s, "\n\t0x0000:  4500 00");
    }
}
