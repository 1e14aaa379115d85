//! SOME/IP (UDP port 30490) as tcpdump 4.99's `print-someip.c` prints it:
//! the 16-byte header's service, method or event, length, client, session,
//! versions, message type and return code (the line ends with tcpdump's
//! stray newline).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::Bytes;

pub(super) const SOMEIP_PORT: u16 = 30490;

fn message_type(t: u8) -> &'static str {
    match t {
        0x00 => "REQUEST",
        0x01 => "REQUEST_NO_RETURN",
        0x02 => "NOTIFICATION",
        0x80 => "RESPONSE",
        0x81 => "ERROR",
        0x20 => "TP_REQUEST",
        0x21 => "TP_REQUEST_NO_RETURN",
        0x22 => "TP_NOTIFICATION",
        0xa0 => "TP_RESPONSE",
        0xa1 => "TP_ERROR",
        _ => "Unknown",
    }
}

fn return_code(c: u8) -> &'static str {
    match c {
        0x00 => "E_OK",
        0x01 => "E_NOT_OK",
        0x02 => "E_UNKNOWN_SERVICE",
        0x03 => "E_UNKNOWN_METHOD",
        0x04 => "E_NOT_READY",
        0x05 => "E_NOT_REACHABLE",
        0x06 => "E_TIMEOUT",
        0x07 => "E_WRONG_PROTOCOL_VERSION",
        0x08 => "E_WRONG_INTERFACE_VERSION",
        0x09 => "E_MALFORMED_MESSAGE",
        0x0a => "E_WRONG_MESSAGE_TYPE",
        0x0b => "E_E2E_REPEATED",
        0x0c => "E_E2E_WRONG_SEQUENCE",
        0x0d => "E_E2E",
        0x0e => "E_E2E_NOT_AVAILABLE",
        0x0f => "E_E2E_NO_NEW_DATA",
        _ => "Unknown",
    }
}

/// `someip_print`; `len` is the UDP payload's length.
pub(super) fn someip_print(p: &mut Printer, d: &[u8], len: usize) -> P {
    p.cur.protocol = "someip";
    p.s("SOMEIP");
    if len < 16 {
        p.s(" (invalid)");
        return Ok(());
    }
    let message_id = d.be32(0)?;
    let kind = if message_id & 0x8000 != 0 {
        "event"
    } else {
        "method"
    };
    out!(
        p,
        ", service {}, {kind} {}",
        message_id >> 16,
        message_id & 0x7fff
    );
    out!(p, ", len {}", d.be32(4)?);
    let request_id = d.be32(8)?;
    out!(
        p,
        ", client {}, session {}",
        request_id >> 16,
        request_id & 0xffff
    );
    out!(p, ", pver {}", d.u8_at(12)?);
    out!(p, ", iver {}", d.u8_at(13)?);
    out!(p, ", msgtype {}", message_type(d.u8_at(14)?));
    out!(p, ", retcode {}\n", return_code(d.u8_at(15)?));
    Ok(())
}
