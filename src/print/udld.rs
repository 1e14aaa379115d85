//! Cisco's UniDirectional Link Detection (SNAP OUI 00000c, PID 0x0111) as
//! tcpdump 4.99's `print-udld.c` prints it: `UDLDv1, Code Probe message (1),
//! Flags [RT] (0x01), length 60`; with `-v` the checksum and each TLV
//! (device and port ids, echo, intervals, device name, sequence number).
//! Every check in tcpdump's printer unwinds (`ND_LONGJMP_FROM_TCHECK`).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, chars, out};
use crate::decode::{Bytes, Trunc};

/// `udld_flags_bitmap_str`.
const FLAGS: &[(u32, &str)] = &[
    (0x01, "RT"),
    (0x02, "RSY"),
    (0x04, "MBZ-2"),
    (0x08, "MBZ-3"),
    (0x10, "MBZ-4"),
    (0x20, "MBZ-5"),
    (0x40, "MBZ-6"),
    (0x80, "MBZ-7"),
];

/// `udld_tlv_values`.
fn tlv_name(t: u16) -> &'static str {
    match t {
        1 => "Device-ID TLV",
        2 => "Port-ID TLV",
        3 => "Echo TLV",
        4 => "Message Interval TLV",
        5 => "Timeout Interval TLV",
        6 => "Device Name TLV",
        7 => "Sequence Number TLV",
        _ => "Unknown",
    }
}

/// `udld_code_values`, "Reserved" for the others too.
fn code_name(c: u8) -> &'static str {
    match c {
        1 => "Probe message",
        2 => "Echo message",
        3 => "Flush message",
        _ => "Reserved",
    }
}

/// `udld_print`.
pub(super) fn udld_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "udld";
    let mut t = 0usize;
    let mut length = length;
    if length < 4 {
        return invalid(p, d, t, length);
    }
    let b0 = d.u8_at(0)?;
    let (ver, code) = ((b0 & 0xe0) >> 5, b0 & 0x1f);
    let flags = d.u8_at(1)?;
    t += 2;
    length -= 2;
    out!(
        p,
        "UDLDv{ver}, Code {} ({code:x}), Flags [",
        code_name(code)
    );
    super::tok::bittok2str(p, FLAGS, "none", u32::from(flags));
    out!(p, "] (0x{flags:02x}), length {}", length + 2);
    if p.opts.verbose < 1 {
        d.range(t, length)?;
        return Ok(());
    }
    out!(p, "\n\tChecksum 0x{:04x} (unverified)", d.be16(t)?);
    t += 2;
    length -= 2;
    while length != 0 {
        if length < 4 {
            return invalid(p, d, t, length);
        }
        let ty = d.be16(t)?;
        let len = usize::from(d.be16(t + 2)?);
        t += 4;
        length -= 4;
        out!(p, "\n\t{} (0x{ty:04x}) TLV, length {len}", tlv_name(ty));
        if len <= 4 {
            return invalid(p, d, t, length);
        }
        let len = len - 4;
        if length < len {
            return invalid(p, d, t, length);
        }
        match ty {
            1 | 2 | 6 => {
                p.s(", ");
                chars::printjnp(p, d, t, len)?;
            }
            3 => {
                p.s(", ");
                // `nd_printn` with no end of its own reads with `GET_U_1`.
                if chars::printn(p, d, t, len) {
                    return Err(Trunc);
                }
            }
            4 | 5 => {
                if len != 1 {
                    return invalid(p, d, t, length);
                }
                out!(p, ", {}s", d.u8_at(t)?);
            }
            7 => {
                if len != 4 {
                    return invalid(p, d, t, length);
                }
                out!(p, ", {}", d.be32(t)?);
            }
            _ => {
                d.range(t, len)?;
            }
        }
        t += len;
        length -= len;
    }
    Ok(())
}

/// `goto invalid`: ` (invalid)`, then the rest must have been captured.
fn invalid(p: &mut Printer, d: &[u8], t: usize, length: usize) -> P {
    p.s(" (invalid)");
    d.range(t, length)?;
    Ok(())
}
