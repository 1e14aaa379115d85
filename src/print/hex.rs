//! Hex dumps (`print-ascii.c`): tcpdump's default printer for payloads it
//! cannot decode, `\n\t0x0000:  4500 …  E...` lines.
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
