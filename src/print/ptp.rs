//! PTP, IEEE 1588 (UDP ports 319 and 320, Ethernet type 0x88f7) as tcpdump
//! 4.99's `print-ptp.c` prints it: version 2's common header (flags,
//! corrections, clock and port identity, sequence, control, log interval)
//! and each message's body (time stamps, requesting port identity,
//! announce's grandmaster fields, signalling's and management's port
//! identity); version 1 is `(not implemented)`.
//!
//! tcpdump's slips are kept because its output is the reference: a
//! management message's four one-byte fields are all read from the first
//! byte of its port identity, and their labels start with a second ", ".
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::tok::{BitTok, bittok2str};
use super::{P, Printer, out};
use crate::decode::Bytes;

pub(super) const PTP_EVENT_PORT: u16 = 319;
pub(super) const PTP_GENERAL_PORT: u16 = 320;

/// The common header's length (`PTP_HDR_LEN`).
const HDR: usize = 0x22;

const FLAGS: &BitTok = &[
    (0x1, "l1 61"),
    (0x2, "l1 59"),
    (0x4, "utc reasonable"),
    (0x8, "timescale"),
    (0x10, "time tracable"),
    (0x20, "frequency tracable"),
    (0x100, "alternate master"),
    (0x200, "two step"),
    (0x400, "unicast"),
    (0x1000, "profile specific 1"),
    (0x2000, "profile specific 2"),
    (0x4000, "security mask"),
    (0x18C0, "unknown"),
];

fn msg_name(t: u8) -> &'static str {
    match t {
        0x0 => "sync msg",
        0x1 => "delay req msg",
        0x2 => "peer delay req msg",
        0x3 => "peer delay resp msg",
        0x8 => "follow up msg",
        0x9 => "delay resp msg",
        0xa => "pdelay resp fup msg",
        0xb => "announce msg",
        0xc => "signalling msg",
        0xd => "management msg",
        _ => "Reserved",
    }
}

fn control_name(c: u8) -> &'static str {
    match c {
        0x0 => "Sync",
        0x1 => "Delay_Req",
        0x2 => "Follow_Up",
        0x3 => "Delay_Resp",
        0x4 => "Management",
        0x5 => "Other",
        _ => "Reserved",
    }
}

const PRECISE_ORIGIN: &str = "preciseOriginTimeStamp";
const ORIGIN: &str = "originTimeStamp";
const RECEIVE: &str = "receiveTimeStamp";

/// `GET_BE_U_6`.
fn be48(d: &[u8], at: usize) -> Result<u64, crate::decode::Trunc> {
    Ok(u64::from(d.be16(at)?) << 32 | u64::from(d.be32(at + 2)?))
}

/// `ptp_print`: `length` the message's length.
pub(super) fn ptp_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "ptp";
    if length < HDR {
        out!(p, " [length {length} < {HDR}]");
        p.s(" (invalid)");
        return Ok(());
    }
    let vers = d.be16(0)? & 0xff;
    out!(p, "PTPv{vers}");
    match vers {
        1 => p.s(" (not implemented)"),
        2 => print_2(p, d)?,
        _ => {}
    }
    Ok(())
}

fn print_2(p: &mut Printer, d: &[u8]) -> P {
    let foct = d.u8_at(0)?;
    out!(
        p,
        ", v1 compat : {}",
        if foct & 0x10 != 0 { "yes" } else { "no" }
    );
    let msg_type = foct & 0x0f;
    out!(p, ", msg type : {}", msg_name(msg_type));
    out!(p, ", length : {}", d.be16(2)?);
    out!(p, ", domain : {}", d.be16(4)? >> 8);
    out!(p, ", reserved1 : {}", d.be16(4)? & 0xff);
    let flags = d.be16(6)?;
    p.s(", Flags [");
    bittok2str(p, FLAGS, "none", u32::from(flags));
    p.s("]");
    out!(p, ", NS correction : {}", be48(d, 8)?);
    out!(p, ", sub NS correction : {}", d.be16(14)?);
    out!(p, ", reserved2 : {}", d.be32(16)?);
    out!(p, ", clock identity : 0x{:x}", d.be64(20)?);
    out!(p, ", port id : {}", d.be16(28)?);
    out!(p, ", seq id : {}", d.be16(30)?);
    let control = d.u8_at(32)?;
    out!(p, ", control : {control} ({})", control_name(control));
    out!(p, ", log message interval : {}", d.be16(32)? & 0xff);
    let at = HDR;
    match msg_type {
        0x0 | 0x1 => timestamp(p, d, at, ORIGIN),
        0x8 => timestamp(p, d, at, PRECISE_ORIGIN),
        0x2 | 0xa => timestamp_identity(p, d, at, PRECISE_ORIGIN),
        0x3 | 0x9 => timestamp_identity(p, d, at, RECEIVE),
        0xb => announce(p, d, at),
        0xc => port_id(p, d, at),
        0xd => {
            port_id(p, d, at)?;
            // print_field is handed the same pointer each time.
            for (label, hex) in [
                (", start boundary hops ", false),
                (", boundary hops ", false),
                (", flags ", true),
                (", reserved ", true),
            ] {
                let v = d.u8_at(at)?;
                out!(p, ", {label}");
                if hex {
                    out!(p, " 0x{v:x}");
                } else {
                    out!(p, " {v}");
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// `ptp_print_timestamp`: six bytes of seconds, four of nanoseconds.
fn timestamp(p: &mut Printer, d: &[u8], at: usize, what: &str) -> P {
    out!(p, ", {what} :");
    out!(p, " {} seconds,", be48(d, at)?);
    out!(p, " {} nanoseconds", d.be32(at + 6)?);
    Ok(())
}

/// `ptp_print_timestamp_identity`: a time stamp, then a port identity.
fn timestamp_identity(p: &mut Printer, d: &[u8], at: usize, what: &str) -> P {
    timestamp(p, d, at, what)?;
    port_id(p, d, at + 10)
}

/// `ptp_print_port_id`.
fn port_id(p: &mut Printer, d: &[u8], at: usize) -> P {
    out!(p, ", port identity : 0x{:x}", d.be64(at)?);
    out!(p, ", port id : {}", d.be16(at + 8)?);
    Ok(())
}

/// `ptp_print_announce_msg`.
fn announce(p: &mut Printer, d: &[u8], at: usize) -> P {
    out!(p, ", {ORIGIN} :");
    out!(p, " {} seconds", be48(d, at)?);
    out!(p, " {} nanoseconds", d.be32(at + 6)?);
    out!(p, ", origin cur utc :{}", d.be16(at + 10)?);
    out!(p, ", rsvd : {}", d.u8_at(at + 12)?);
    out!(p, ", gm priority_1 : {}", d.u8_at(at + 13)?);
    out!(p, ", gm clock class : {}", d.u8_at(at + 14)?);
    out!(p, ", gm clock accuracy : {}", d.u8_at(at + 15)?);
    out!(p, ", gm clock variance : {}", d.be16(at + 16)?);
    out!(p, ", gm priority_2 : {}", d.u8_at(at + 18)?);
    out!(p, ", gm clock id : 0x{:x}", d.be64(at + 19)?);
    out!(p, ", steps removed : {}", d.be16(at + 27)?);
    out!(p, ", time source : 0x{:x}", d.u8_at(at + 29)?);
    Ok(())
}
