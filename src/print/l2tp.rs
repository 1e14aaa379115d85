//! L2TPv2 (UDP port 1701, RFC 2661) as tcpdump 4.99's `print-l2tp.c`
//! prints it: ` l2tp:[TLS](tunnel/session)Ns=..,Nr=..`, then a control
//! message's AVPs (`{*MSGTYPE(SCCRQ) *PROTO_VER(1.0) ...}`, each value as
//! its type has it, a hidden one as `???`, a vendor's in hex), ` ZLB` for
//! an empty one, or the PPP frame a data message carries, printed by the
//! PPP printer between braces. L2F is named only.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, chars, out};
use crate::decode::tunnel::{L2TP_L, L2TP_O, L2TP_P, L2TP_S, L2TP_T, L2tpView};
use crate::decode::{Bytes, Trunc};

pub(super) use crate::decode::tunnel::L2TP_PORT;

/// `l2tp_print`; `length` is the UDP payload's length.
pub(super) fn l2tp_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "l2tp";
    let h = L2tpView::new_checked(d)?;
    match h.version() {
        2 => p.s(" l2tp:"),
        1 => {
            p.s(" l2f:");
            return Ok(());
        }
        _ => {
            p.s(" Unknown Version, neither L2F(1) nor L2TP(2)");
            return Ok(());
        }
    }
    let flags = h.flags();
    p.s("[");
    for (bit, letter) in [
        (L2TP_T, "T"),
        (L2TP_L, "L"),
        (L2TP_S, "S"),
        (L2TP_O, "O"),
        (L2TP_P, "P"),
    ] {
        if flags & bit != 0 {
            p.s(letter);
        }
    }
    p.s("]");
    let l2tp_len = h.length()?;
    out!(p, "({}/", h.tunnel()?);
    out!(p, "{})", h.session()?);
    if flags & L2TP_S != 0 {
        out!(p, "Ns={},", h.ns()?);
        out!(p, "Nr={}", h.nr()?);
    }
    // The offset size is read (a cut there is tcpdump's longjmp), its
    // padding only checked (`ND_TCHECK_LEN`: its `trunc:` label).
    h.offset_size()?;
    let Ok(mut at) = h.body_at() else {
        return Err(p.soft_trunc());
    };
    let mut length = length;
    if let Some(l2tp_len) = l2tp_len.map(usize::from) {
        if length < l2tp_len {
            out!(p, " Length {l2tp_len} larger than packet");
            return Ok(());
        }
        length = l2tp_len;
    }
    if length < at {
        out!(p, " Length {length} smaller than header length");
        return Ok(());
    }
    let t = h.is_control();
    if !t {
        p.s(" {");
        match super::ppp::ppp_print(p, d.from(at)?, length - at) {
            Ok(_) => {}
            // An inner printer's `nd_print_trunc` and return (not a
            // longjmp): tcpdump's marker comes now, then the brace.
            Err(Trunc) if p.cur.soft_trunc => p.trunc(),
            Err(t) => return Err(t),
        }
        p.s("}");
        return Ok(());
    }
    if l2tp_len.is_none() {
        p.s(" No length");
        return Ok(());
    }
    if length == at {
        p.s(" ZLB");
        return Ok(());
    }
    while length > at {
        match avp(p, d, at, length - at)? {
            Some(n) => at += n,
            None => break,
        }
    }
    Ok(())
}

/// `l2tp_avp2str`.
fn avp_name(t: u16) -> Option<&'static str> {
    const NAMES: [&str; 40] = [
        "MSGTYPE",
        "RESULT_CODE",
        "PROTO_VER",
        "FRAMING_CAP",
        "BEARER_CAP",
        "TIE_BREAKER",
        "FIRM_VER",
        "HOST_NAME",
        "VENDOR_NAME",
        "ASSND_TUN_ID",
        "RECV_WIN_SIZE",
        "CHALLENGE",
        "Q931_CC",
        "CHALLENGE_RESP",
        "ASSND_SESS_ID",
        "CALL_SER_NUM",
        "MINIMUM_BPS",
        "MAXIMUM_BPS",
        "BEARER_TYPE",
        "FRAMING_TYPE",
        "PACKET_PROC_DELAY",
        "CALLED_NUMBER",
        "CALLING_NUMBER",
        "SUB_ADDRESS",
        "TX_CONN_SPEED",
        "PHY_CHANNEL_ID",
        "INI_RECV_LCP",
        "LAST_SENT_LCP",
        "LAST_RECV_LCP",
        "PROXY_AUTH_TYPE",
        "PROXY_AUTH_NAME",
        "PROXY_AUTH_CHAL",
        "PROXY_AUTH_ID",
        "PROXY_AUTH_RESP",
        "CALL_ERRORS",
        "ACCM",
        "RANDOM_VECTOR",
        "PRIVATE_GRP_ID",
        "RX_CONN_SPEED",
        "SEQ_REQUIRED",
    ];
    match t {
        46 => Some("PPP_DISCON_CC"),
        t => NAMES.get(usize::from(t)).copied(),
    }
}

/// `l2tp_msgtype2str`.
fn msgtype_name(t: u16) -> Option<&'static str> {
    Some(match t {
        1 => "SCCRQ",
        2 => "SCCRP",
        3 => "SCCCN",
        4 => "StopCCN",
        6 => "HELLO",
        7 => "OCRQ",
        8 => "OCRP",
        9 => "OCCN",
        10 => "ICRQ",
        11 => "ICRP",
        12 => "ICCN",
        14 => "CDN",
        15 => "WEN",
        16 => "SLI",
        _ => return None,
    })
}

/// `print_string`: each byte as `fn_print_char` shows it.
fn text(p: &mut Printer, v: &[u8]) {
    for &c in v {
        chars::print_char(p, c);
    }
}

/// `print_octets`: each byte as two hex digits.
fn octets(p: &mut Printer, v: &[u8]) {
    for b in v {
        out!(p, "{b:02x}");
    }
}

/// `l2tp_avp_print`: the AVP at `at` with `left` bytes of the message left;
/// its length, or `None` when it is cut or bogus (` [|l2tp]`, printed).
fn avp(p: &mut Printer, d: &[u8], at: usize, left: usize) -> Result<Option<usize>, Trunc> {
    p.s(" ");
    let head = d.be16(at)?;
    let len = usize::from(head & 0x03ff);
    if len < 6 || len > left || !d.has(at, len) {
        p.trunc();
        return Ok(None);
    }
    if head & 0x8000 != 0 {
        p.s("*");
    }
    let hidden = head & 0x4000 != 0;
    if hidden {
        p.s("?");
    }
    let v = d.get(at + 6..at + len).unwrap_or_default();
    let vendor = d.be16(at + 2)?;
    let ty = d.be16(at + 4)?;
    if vendor != 0 {
        out!(p, "VENDOR{vendor:04x}:ATTR{ty:04x}(");
        octets(p, v);
        p.s(")");
        return Ok(Some(len));
    }
    match avp_name(ty) {
        Some(n) => p.s(n),
        None => out!(p, "AVP-#{ty}"),
    }
    p.s("(");
    if hidden {
        p.s("???");
    } else {
        value(p, ty, v);
    }
    p.s(")");
    Ok(Some(len))
}

/// An IETF AVP's value `v` (its bytes, all captured), as its type has it.
fn value(p: &mut Printer, ty: u16, v: &[u8]) {
    let short = |p: &mut Printer| p.s("AVP too short");
    let be16 = |at: usize| v.be16(at).unwrap_or_default();
    let be32 = |at: usize| v.be32(at).unwrap_or_default();
    // The two bits of a capability or type AVP: `first` for 2, `second`
    // for 1.
    let two_bits = |p: &mut Printer, first: &str, second: &str| {
        if v.len() < 4 {
            return short(p);
        }
        if be32(0) & 2 != 0 {
            p.s(first);
        }
        if be32(0) & 1 != 0 {
            p.s(second);
        }
    };
    match ty {
        0 => match (v.len() >= 2).then(|| be16(0)) {
            None => short(p),
            Some(t) => match msgtype_name(t) {
                Some(n) => p.s(n),
                None => out!(p, "MSGTYPE-#{t}"),
            },
        },
        1 => {
            if v.len() < 2 {
                return short(p);
            }
            out!(p, "{}", be16(0));
            if v.len() == 2 {
                return;
            }
            if v.len() < 4 {
                return p.s(" AVP too short");
            }
            out!(p, "/{}", be16(2));
            if let Some(msg) = v.get(4..).filter(|m| !m.is_empty()) {
                p.s(" ");
                text(p, msg);
            }
        }
        2 => {
            if v.len() < 2 {
                return short(p);
            }
            out!(p, "{}.{}", be16(0) >> 8, be16(0) & 0xff);
        }
        3 | 19 => two_bits(p, "A", "S"),
        4 | 18 => two_bits(p, "A", "D"),
        5 | 13 => {
            let n = if ty == 5 { 8 } else { 16 };
            match v.get(..n) {
                Some(o) => octets(p, o),
                None => short(p),
            }
        }
        6 | 9 | 10 | 14 => {
            if v.len() < 2 {
                return short(p);
            }
            out!(p, "{}", be16(0));
        }
        7 | 8 | 21 | 22 | 23 | 30 | 37 => text(p, v),
        11 | 26 | 27 | 28 | 31 | 33 | 36 => octets(p, v),
        12 => {
            if v.len() < 3 {
                return short(p);
            }
            out!(p, "{}, {:02x}", be16(0), v.u8_at(2).unwrap_or_default());
            if let Some(msg) = v.get(3..).filter(|m| !m.is_empty()) {
                p.s(" ");
                text(p, msg);
            }
        }
        15 | 16 | 17 | 24 | 25 | 38 => {
            if v.len() < 4 {
                return short(p);
            }
            out!(p, "{}", be32(0));
        }
        20 => p.s("obsolete"),
        29 => {
            if v.len() < 2 {
                return short(p);
            }
            match be16(0) {
                0 => p.s("Reserved"),
                1 => p.s("Textual"),
                2 => p.s("CHAP"),
                3 => p.s("PAP"),
                4 => p.s("No Auth"),
                5 => p.s("MS-CHAPv1"),
                t => out!(p, "AuthType-#{t}"),
            }
        }
        32 => {
            if v.len() < 2 {
                return short(p);
            }
            out!(p, "{}", be16(0) & 0xff);
        }
        34 | 35 => {
            // Two reserved bytes, then counters: each printed while there
            // are 4 bytes for it.
            let names: &[&str] = if ty == 34 {
                &[
                    "CRCErr", "FrameErr", "HardOver", "BufOver", "Timeout", "AlignErr",
                ]
            } else {
                &["send", "recv"]
            };
            if v.len() < 2 {
                return short(p);
            }
            for (i, name) in names.iter().enumerate() {
                let at = 2 + 4 * i;
                if v.len() < at + 4 {
                    return short(p);
                }
                if ty == 34 {
                    out!(p, "{name}={} ", be32(at));
                } else {
                    out!(p, "{name}={:08x} ", be32(at));
                }
            }
        }
        46 => {
            if v.len() < 5 {
                return short(p);
            }
            out!(p, "{:04x}, {:04x} ", be16(0), be16(2));
            match v.u8_at(4).unwrap_or_default() {
                0 => p.s("global error"),
                1 => p.s("at peer"),
                2 => p.s("at local"),
                dir => out!(p, "Direction-#{dir}"),
            }
            if let Some(msg) = v.get(5..).filter(|m| !m.is_empty()) {
                p.s(" ");
                text(p, msg);
            }
        }
        _ => {}
    }
}
