//! MPLS label stacks (`print-mpls.c`, `mpls_print`): `MPLS (label 29, tc 6,
//! [S], ttl 255)` per entry (with `-v` one a line and the reserved labels
//! named), then the payload tcpdump guesses from the bottom label or its
//! first byte ([`crate::decode::mpls::tcpdump_guess`]). OSI payloads (IS-IS
//! over MPLS) have no printer here and are dumped as unknown ones.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::mpls::{MplsLabel, TcpdumpGuess, tcpdump_guess};
use crate::decode::{Bytes, Trunc};

/// `mpls_labelname`.
const LABEL_NAMES: [&str; 16] = [
    "IPv4 explicit NULL",
    "router alert",
    "IPv6 explicit NULL",
    "implicit NULL",
    "rsvd",
    "rsvd",
    "rsvd",
    "rsvd",
    "rsvd",
    "rsvd",
    "rsvd",
    "rsvd",
    "rsvd",
    "rsvd",
    "rsvd",
    "rsvd",
];

/// `mpls_print`.
pub(super) fn mpls_print(p: &mut Printer, data: &[u8], mut length: usize) -> P {
    p.cur.protocol = "mpls";
    p.s("MPLS");
    let v = p.opts.verbose > 0;
    let mut at = 0;
    let mut depth = 0;
    let bottom = loop {
        if length < MplsLabel::LEN {
            p.s(" (invalid)");
            if !data.has(at, length) {
                return Err(Trunc);
            }
            return Ok(());
        }
        let e = MplsLabel::parse(data.from(at)?)?;
        out!(
            p,
            "{}(label {}",
            if depth > 0 && v { "\n\t" } else { " " },
            e.label()
        );
        depth += 1;
        if v && let Some(n) = LABEL_NAMES.get(e.label() as usize) {
            out!(p, " ({n})");
        }
        out!(p, ", tc {}", e.tc());
        if e.bottom() {
            p.s(", [S]");
        }
        out!(p, ", ttl {})", e.ttl());
        at += MplsLabel::LEN;
        length -= MplsLabel::LEN;
        if e.bottom() {
            break e;
        }
    };
    let payload = data.from(at)?;
    let guess = match bottom.label() {
        0 | 2 | 3 => tcpdump_guess(bottom.label(), None),
        l => {
            if length < 1 {
                return Ok(());
            }
            tcpdump_guess(l, Some(payload.u8_at(0)?))
        }
    };
    let sep = if v { "\n\t" } else { " " };
    match guess {
        TcpdumpGuess::Ipv4 => {
            p.s(sep);
            super::ip::ip_print(p, payload, length)
        }
        TcpdumpGuess::Ipv6 => {
            p.s(sep);
            super::ip6::ip6_print(p, payload, length)
        }
        // tcpdump's `isoclns_print`: not decoded here.
        TcpdumpGuess::Osi => {
            p.s(sep);
            default_print(p, payload, length)
        }
        TcpdumpGuess::Unknown => default_print(p, payload, length),
    }
}

/// `ND_DEFAULTPRINT(p, length)` unless suppressed: the wire length, so a
/// payload cut by the snapshot ends in the truncation marker.
fn default_print(p: &mut Printer, payload: &[u8], length: usize) -> P {
    if p.opts.suppress_default_print() {
        return Ok(());
    }
    super::hex::hex_and_ascii(p, "\n\t", payload, length, 0)
}
