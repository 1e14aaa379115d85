//! PPPoE (`print-pppoe.c`, `pppoe_print`): discovery frames (PADI, PADO,
//! PADR, PADS, PADT) with their tags, text when most of a tag's first 79
//! bytes are printable and hex otherwise; session frames (code 0) hand the
//! payload to `ppp_print` after `PPPoE  [ses 0x…] `.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Printer, out};
use crate::decode::pppoe::PppoeView;
use crate::decode::{Bytes, Trunc, link};

/// `MAXTAGPRINT`: a text tag shows at most 79 bytes.
const MAXTAGPRINT: usize = 80;

/// `pppoetag2str`.
fn tag_name(tag: u16) -> Option<&'static str> {
    Some(match tag {
        0 => "EOL",
        0x0101 => "Service-Name",
        0x0102 => "AC-Name",
        0x0103 => "Host-Uniq",
        0x0104 => "AC-Cookie",
        0x0105 => "Vendor-Specific",
        0x0110 => "Relay-Session-ID",
        0x0120 => "PPP-Max-Payload",
        0x0201 => "Service-Name-Error",
        0x0202 => "AC-System-Error",
        0x0203 => "Generic-Error",
        _ => return None,
    })
}

fn tag_label(p: &mut Printer, tag: u16) {
    match tag_name(tag) {
        Some(n) => p.s(n),
        None => out!(p, "TAG-0x{tag:x}"),
    }
}

/// `pppoe_print`: the header length it consumed (0 when invalid).
pub(super) fn pppoe_print(p: &mut Printer, data: &[u8], length: usize) -> Result<usize, Trunc> {
    p.cur.protocol = "pppoe";
    if length < PppoeView::HEADER_LEN {
        out!(p, " (length {length} < {})", PppoeView::HEADER_LEN);
        p.s(" (invalid)");
        return Ok(0);
    }
    let length = length - PppoeView::HEADER_LEN;
    let h = PppoeView::new_checked(data)?;
    if h.version() != 1 {
        out!(p, " [ver {}]", h.version());
    }
    if h.ptype() != 1 {
        out!(p, " [type {}]", h.ptype());
    }
    let code = h.code();
    p.s("PPPoE ");
    match code {
        0x09 => p.s("PADI"),
        0x07 => p.s("PADO"),
        0x19 => p.s("PADR"),
        0x65 => p.s("PADS"),
        0xa7 => p.s("PADT"),
        0 => {}
        c => out!(p, "PAD-{c:x}"),
    }
    let mut plen = usize::from(h.length());
    if code == 0x09 && plen > 1484 - PppoeView::HEADER_LEN {
        out!(p, " [len {plen}!]");
    }
    if plen > length {
        out!(p, " [len {plen} > {length}!]");
        plen = length;
    }
    if h.session() != 0 {
        out!(p, " [ses 0x{:x}]", h.session());
    }
    let payload = data.from(PppoeView::HEADER_LEN)?;
    if code == 0 {
        p.s(" ");
        let n = super::ppp::ppp_print(p, payload, plen)?;
        return Ok(PppoeView::HEADER_LEN + n);
    }
    // Discovery: tags until EOL or the end of the PPPoE length.
    let mut tag = 0xffff;
    let mut at = 0;
    while tag != 0 && at < plen {
        tag = payload.be16(at)?;
        let tlen = usize::from(payload.be16(at + 2)?);
        at += 4;
        if tlen > 0 {
            let v = payload.range(at, tlen)?;
            let shown = v.cap(MAXTAGPRINT - 1);
            let ascii = shown.iter().filter(|c| (0x20..=0x7e).contains(*c)).count();
            p.s(" [");
            tag_label(p, tag);
            if ascii > shown.len() - ascii {
                p.s(" \"");
                for &c in shown {
                    p.out()
                        .push(if (0x20..=0x7e).contains(&c) { c } else { b'.' });
                }
                p.s("\"]");
            } else {
                p.s(" 0x");
                for c in v {
                    out!(p, "{c:02X}");
                }
                p.s("]");
            }
        } else {
            p.s(" [");
            tag_label(p, tag);
            p.s("]");
        }
        at += tlen;
    }
    Ok(PppoeView::HEADER_LEN)
}

/// `pppoe_if_print` (DLT_PPP_ETHER): what `pppoe_print` consumed is the
/// link-layer header, also when the payload printer truncated softly
/// (tcpdump's `pppoe_print` returns then; a hard truncation dumps the whole
/// packet anyway).
pub(super) fn pppoe_if_print(p: &mut Printer, data: &[u8], length: usize) -> super::P {
    p.cur.protocol = "pppoe";
    match pppoe_print(p, data, length) {
        Ok(n) => {
            p.cur.ll_hdr_len += n;
            Ok(())
        }
        Err(t) => {
            // Only a session frame reaches a payload printer.
            let ppp = data.get(PppoeView::HEADER_LEN..).unwrap_or_default();
            let at = match ppp.be16(0).map(link::ppp_address) {
                Ok(link::PppAddress::Absent) | Err(_) => 0,
                Ok(_) => 2,
            };
            let n = ppp.get(at..).and_then(|d| link::ppp_protocol(d).ok());
            p.cur.ll_hdr_len += PppoeView::HEADER_LEN + at + n.map_or(0, |(_, n)| n);
            Err(t)
        }
    }
}
