//! Cisco's LWAPP (UDP 12223 control, 12222 data) as tcpdump 4.99's
//! `print-lwapp.c` prints it: the transport header (version, control bit,
//! flags; `-v` radio and fragment IDs), for control frames (`-v`) the AP
//! identity and each message's header, for data frames the 802.11 frame in
//! hex. Every `ND_TCHECK` there is a soft truncation (the file does not
//! longjmp).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::hex::print_unknown_data;
use super::tok::{BitTok, bittok2str};
use super::{P, Printer, out};
use crate::decode::Bytes;

pub(super) const LWAPP_DATA_PORT: u16 = 12222;
pub(super) const LWAPP_CONTROL_PORT: u16 = 12223;

/// `struct lwapp_transport_header`.
const TRANSPORT: usize = 6;
/// `struct lwapp_control_header`.
const CONTROL: usize = 8;

const HEADER_BITS: &BitTok = &[
    (0x01, "Last Fragment Bit"),
    (0x02, "Fragment Bit"),
    (0x04, "Control Bit"),
];

fn msg_type_name(t: u8) -> &'static str {
    match t {
        1 => "Discovery req",
        2 => "Discovery resp",
        3 => "Join req",
        4 => "Join resp",
        5 => "Join ack",
        6 => "Join confirm",
        10 => "Configure req",
        11 => "Configure resp",
        12 => "Update req",
        13 => "Update resp",
        14 => "WTP event req",
        15 => "WTP event resp",
        16 => "Change state event req",
        17 => "Change state event resp",
        22 => "Echo req",
        23 => "Echo resp",
        24 => "Image data req",
        25 => "Image data resp",
        26 => "Channel status req",
        27 => "Channel status resp",
        30 => "Key update req",
        31 => "Key update resp",
        32 => "Primary discovery req",
        33 => "Primary discovery resp",
        34 => "Data transfer req",
        35 => "Data transfer resp",
        36 => "Clear config ind",
        37 => "Wlan config req",
        38 => "Wlan config resp",
        39 => "Mobile config req",
        40 => "Mobile config resp",
        _ => "Unknown",
    }
}

/// The version byte's fields: `LWAPPv%u, %s frame`.
fn version_and_kind(p: &mut Printer, version: u8) {
    let kind = if version & 0x04 != 0 {
        "Control"
    } else {
        "Data"
    };
    out!(p, "LWAPPv{}, {kind} frame", (version & 0xc0) >> 6);
}

fn flags(p: &mut Printer, version: u8) {
    p.s("Flags [");
    bittok2str(p, HEADER_BITS, "none", u32::from(version & 0x07));
    p.s("]");
}

/// The header common to both printers up to the `-v` split: true when the
/// caller is done.
fn header(p: &mut Printer, version: u8, len: usize) -> bool {
    if version >> 6 != 0 {
        out!(p, "LWAPP version {} packet not supported", version >> 6);
        return true;
    }
    if p.opts.verbose < 1 {
        version_and_kind(p, version);
        p.s(", ");
        flags(p, version);
        out!(p, ", length {len}");
        return true;
    }
    false
}

/// `lwapp_control_print`: `has_ap_ident` when sent to the control port
/// (a 6-byte AP identity comes first).
pub(super) fn lwapp_control_print(p: &mut Printer, d: &[u8], len: usize, has_ap_ident: bool) -> P {
    p.cur.protocol = "lwapp_control";
    let th = if has_ap_ident {
        if !d.has(0, 6) {
            return Err(p.soft_trunc());
        }
        6
    } else {
        0
    };
    if !d.has(th, TRANSPORT) {
        return Err(p.soft_trunc());
    }
    let version = d.u8_at(th)?;
    if header(p, version, len) {
        return Ok(());
    }
    let mut tlen = usize::from(d.be16(th + 2)?);
    version_and_kind(p, version);
    out!(p, ", Radio-id {}, ", (version & 0x38) >> 3);
    flags(p, version);
    out!(p, ", Frag-id {}, length {tlen}", d.u8_at(th + 1)?);
    let mut t = if has_ap_ident {
        let mac = d.range(0, 6)?;
        p.s("\n\tAP identity: ");
        p.etheraddr(mac);
        TRANSPORT + 6
    } else {
        TRANSPORT
    };
    while tlen != 0 {
        if !d.has(t, CONTROL) {
            return Err(p.soft_trunc());
        }
        if tlen < CONTROL {
            p.s("\n\t  Msg goes past end of PDU");
            break;
        }
        let msg_tlen = usize::from(d.be16(t + 2)?);
        if tlen < CONTROL + msg_tlen {
            p.s("\n\t  Msg goes past end of PDU");
            break;
        }
        let msg_type = d.u8_at(t)?;
        out!(
            p,
            "\n\t  Msg type: {} ({msg_type}), Seqnum: {}, Msg len: {msg_tlen}, Session: 0x{:08x}",
            msg_type_name(msg_type),
            d.u8_at(t + 1)?,
            d.be32(t + 4)?
        );
        // tcpdump checks the message's length from its header's start.
        if !d.has(t, msg_tlen) {
            return Err(p.soft_trunc());
        }
        t += CONTROL + msg_tlen;
        tlen -= CONTROL + msg_tlen;
    }
    Ok(())
}

/// `lwapp_data_print`.
pub(super) fn lwapp_data_print(p: &mut Printer, d: &[u8], len: usize) -> P {
    p.cur.protocol = "lwapp_data";
    if !d.has(0, 6) || !d.has(0, TRANSPORT) {
        return Err(p.soft_trunc());
    }
    let version = d.u8_at(0)?;
    if header(p, version, len) {
        return Ok(());
    }
    let tlen = usize::from(d.be16(2)?);
    version_and_kind(p, version);
    out!(p, ", Radio-id  {}, ", (version & 0x38) >> 3);
    flags(p, version);
    if tlen < TRANSPORT {
        out!(p, ", length {tlen} < transport header length");
        return Ok(());
    }
    out!(p, ", Frag-id  {}, length {tlen}", d.u8_at(1)?);
    print_unknown_data(p, Some(d.from(TRANSPORT)?), "\n\t", tlen - TRANSPORT);
    Ok(())
}
