//! EAPOL (Ethernet type 0x888e: 802.1X port authentication, the WPA key
//! handshake of every Wi-Fi association) and the EAP packets it carries, as
//! tcpdump 4.99's `print-eap.c` prints them: the frame type, version and
//! length; with `-v` an EAP packet's code, id and length, and for requests
//! and responses the method and what tcpdump shows of it.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::tok::{BitTok, bittok2str};
use super::{P, Printer, chars, out};
use crate::decode::Bytes;

fn frame_type(t: u8) -> &'static str {
    match t {
        0 => "EAP packet",
        1 => "EAPOL start",
        2 => "EAPOL logoff",
        3 => "EAPOL key",
        4 => "Encapsulated ASF alert",
        _ => "unknown",
    }
}

fn code(c: u8) -> &'static str {
    match c {
        1 => "Request",
        2 => "Response",
        3 => "Success",
        4 => "Failure",
        _ => "unknown",
    }
}

fn method(t: u8) -> &'static str {
    match t {
        0 => "No proposed",
        1 => "Identity",
        2 => "Notification",
        3 => "Nak",
        4 => "MD5-challenge",
        5 => "OTP",
        6 => "GTC",
        13 => "TLS",
        18 => "SIM",
        21 => "TTLS",
        23 => "AKA",
        43 => "FAST",
        254 => "Expanded types",
        255 => "Experimental",
        _ => "unknown",
    }
}

fn aka_subtype(t: u8) -> &'static str {
    match t {
        1 => "Challenge",
        2 => "Auth reject",
        4 => "Sync failure",
        5 => "Identity",
        10 => "Start",
        11 => "Challenge",
        12 => "Notification",
        13 => "Reauth",
        14 => "Client error",
        _ => "unknown",
    }
}

const TLS_FLAGS: &BitTok = &[
    (0x80, "L bit"),
    (0x40, "More fragments bit"),
    (0x20, "Start bit"),
];

/// `eapol_print`.
pub(super) fn eapol_print(p: &mut Printer, data: &[u8]) -> P {
    p.cur.protocol = "eap";
    if !data.has(0, 4) {
        p.trunc();
        return Ok(());
    }
    let ty = data.u8_at(1)?;
    let len = data.be16(2)?;
    out!(
        p,
        "{} ({ty}) v{}, len {len}",
        frame_type(ty),
        data.u8_at(0)?
    );
    if p.opts.verbose < 1 || ty != 0 {
        return Ok(());
    }
    if len == 0 {
        p.trunc();
        return Ok(());
    }
    p.s(", ");
    eap_print(p, data.from(4)?, usize::from(len))
}

/// `eap_print`: an EAP packet that should be `length` bytes long (also
/// RADIUS's EAP-Message attribute).
pub(super) fn eap_print(p: &mut Printer, cp: &[u8], length: usize) -> P {
    let ty = cp.u8_at(0)?;
    let len = usize::from(cp.be16(2)?);
    if len != length {
        p.s("EAP fragment?");
        return Ok(());
    }
    out!(p, "{} ({ty}), id {}, len {len}", code(ty), cp.u8_at(1)?);
    if len < 4 {
        p.s(" (too short for EAP header)");
        return Ok(());
    }
    if !cp.has(0, len) {
        p.trunc();
        return Ok(());
    }
    if ty != 1 && ty != 2 {
        return Ok(());
    }
    if len < 5 {
        p.s(" (too short for EAP request/response)");
        return Ok(());
    }
    let sub = cp.u8_at(4)?;
    out!(p, "\n\t\t Type {} ({sub})", method(sub));
    let text = |p: &mut Printer| {
        for &c in cp
            .get(5..len)
            .unwrap_or_default()
            .iter()
            .take_while(|&&c| c != 0)
        {
            chars::print_char(p, c);
        }
    };
    match sub {
        // The identity is optional (RFC 3748).
        1 if len > 5 => {
            p.s(", Identity: ");
            text(p);
        }
        2 => {
            if len < 6 {
                p.s(" (too short for EAP Notification request/response)");
                return Ok(());
            }
            p.s(", Notification: ");
            text(p);
        }
        3 => {
            if len < 6 {
                p.s(" (too short for EAP Legacy NAK request/response)");
                return Ok(());
            }
            let mut sep = "";
            for i in 5..len {
                let t = cp.u8_at(i)?;
                out!(p, "{sep} {} ({t})", method(t));
                sep = ",";
            }
        }
        13 | 21 | 43 => {
            let what = if sub == 43 { "FAST" } else { "TLS/TTLS" };
            if len < 6 {
                out!(p, " (too short for EAP {what} request/response)");
                return Ok(());
            }
            let flags = cp.u8_at(5)?;
            match sub {
                21 => out!(p, " TTLSv{}", flags & 7),
                43 => out!(p, " FASTv{}", flags & 7),
                _ => {}
            }
            p.s(" flags [");
            bittok2str(p, TLS_FLAGS, "none", u32::from(flags));
            out!(p, "] 0x{flags:02x}");
            if flags & 0x80 != 0 {
                if len < 10 {
                    out!(
                        p,
                        " (too short for EAP {what} request/response with length)"
                    );
                    return Ok(());
                }
                out!(p, ", len {}", cp.be32(6)?);
            }
        }
        18 | 23 => {
            if len < 6 {
                p.s(" (too short for EAP SIM/AKA request/response)");
                return Ok(());
            }
            let st = cp.u8_at(5)?;
            out!(p, " subtype [{}] 0x{st:02x}", aka_subtype(st));
        }
        _ => {}
    }
    Ok(())
}
