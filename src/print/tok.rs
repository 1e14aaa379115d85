//! tcpdump's bit-table printing (util-print.c `bittok2str`,
//! `bittok2str_nosep`): the names of the bits set in a flags field, in the
//! table's order. One implementation, with tcpdump's matching rule, for every
//! printer that shows such a field (IPv4 fragment flags, GRE, Geneve, VXLAN,
//! ICMPv6 ND, STP, EIGRP, CDP, LLDP, IS-IS, PPP multilink, BOOTP, mobility).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Display;

use super::{Printer, out};

/// tcpdump's `struct tok` for a bit field: a mask and its name, in the order
/// they are printed.
pub(super) type BitTok = [(u32, &'static str)];

/// The size of `bittok2str_internal`'s static buffer, its NUL included:
/// what does not fit is cut off (no table here comes near it).
const BUF: usize = 1024 + 1;

/// `bittok2str(toks, default, v)`: the names joined by ", ", or `default`
/// (tcpdump's `fmt`, printed with the value where it has a `%`: callers pass
/// `format_args!` for that) when none matches.
pub(super) fn bittok2str(p: &mut Printer, toks: &BitTok, default: impl Display, v: u32) {
    if !names(p, toks, v, ", ") {
        out!(p, "{default}");
    }
}

/// `bittok2str_nosep(toks, default, v)`: as [`bittok2str`], the names
/// written one after the other.
pub(super) fn bittok2str_nosep(p: &mut Printer, toks: &BitTok, default: impl Display, v: u32) {
    if !names(p, toks, v, "") {
        out!(p, "{default}");
    }
}

/// `bittok2str_internal`: a token matches when it has a bit and every one of
/// its bits is set in `v` (so a token of 0 never matches, and one of several
/// bits only when they are all set). False when none matched.
fn names(p: &mut Printer, toks: &BitTok, v: u32, sep: &str) -> bool {
    let mut left = BUF;
    let mut first = true;
    for &(mask, name) in toks {
        if mask == 0 || v & mask != mask {
            continue;
        }
        let pieces: [&str; 2] = [if first { "" } else { sep }, name];
        first = false;
        for piece in pieces {
            // strlcpy into what is left: a piece that does not fit is cut
            // to the room before the NUL, and the string ends there.
            if left <= 1 {
                return true;
            }
            let room = left - 1;
            let bytes = piece.as_bytes();
            p.out().extend(bytes.iter().take(room));
            if bytes.len() > room {
                return true;
            }
            left -= bytes.len();
        }
    }
    !first
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing, clippy::unwrap_used)]
    use super::*;
    use crate::print::PrintOptions;

    fn show(toks: &BitTok, v: u32, nosep: bool) -> String {
        let mut p = Printer::new(PrintOptions::default());
        if nosep {
            bittok2str_nosep(&mut p, toks, "none", v);
        } else {
            bittok2str(&mut p, toks, "none", v);
        }
        String::from_utf8(p.buf.line.clone()).unwrap()
    }

    const TOKS: &BitTok = &[(0x01, "A"), (0x06, "BC"), (0x00, "zero"), (0x08, "D")];

    #[test]
    fn a_token_matches_when_all_its_bits_are_set() {
        assert_eq!(show(TOKS, 0x01, false), "A");
        // 0x06 needs both bits: one of them is not enough.
        assert_eq!(show(TOKS, 0x02, false), "none");
        assert_eq!(show(TOKS, 0x04, false), "none");
        assert_eq!(show(TOKS, 0x0f, false), "A, BC, D");
        assert_eq!(show(TOKS, 0x0f, true), "ABCD");
        // A zero token never matches, not even a zero value.
        assert_eq!(show(TOKS, 0, true), "none");
        assert_eq!(show(TOKS, 0xf0, false), "none");
    }

    #[test]
    fn the_default_can_show_the_value() {
        let mut p = Printer::new(PrintOptions::default());
        bittok2str_nosep(&mut p, TOKS, format_args!("bits-#0x{:x}", 0x30), 0x30);
        assert_eq!(p.buf.line, b"bits-#0x30");
    }

    #[test]
    fn what_does_not_fit_tcpdumps_buffer_is_cut() {
        // 100-byte names: ten and their separators take 1,020 bytes, and
        // the eleventh is cut to the 4 left before the NUL.
        let names: Vec<String> = (0..12).map(|i| format!("{i:0>100}")).collect();
        let toks: Vec<(u32, &'static str)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (1u32 << i, &*n.clone().leak()))
            .collect();
        let got = show(&toks, 0xfff, false);
        assert_eq!(got.len(), 1024);
        assert!(got.starts_with(&format!("{}, {}", names[0], names[1])));
    }
}
