//! Cisco's Dynamic Trunk Protocol (SNAP OUI 00000c, PID 0x2004) as tcpdump
//! 4.99's `print-dtp.c` prints it: `DTPv1, length 38`; with `-v` each TLV
//! (domain text, status and type bytes, neighbor MAC address), unknown
//! ones by name and length only. Every check in tcpdump's printer unwinds
//! (`ND_LONGJMP_FROM_TCHECK`), so truncation is always `[|dtp]` at the end.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, chars, out};
use crate::decode::Bytes;

/// `dtp_tlv_values`.
fn tlv_name(t: u16) -> &'static str {
    match t {
        1 => "Domain",
        2 => "Status",
        3 => "DTP type",
        4 => "Neighbor",
        _ => "Unknown",
    }
}

/// `dtp_print`.
pub(super) fn dtp_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "dtp";
    let mut t = 0usize;
    let mut length = length;
    if length < 1 {
        p.s("[zero packet length]");
        return invalid(p, d, t, length);
    }
    out!(p, "DTPv{}, length {length}", d.u8_at(0)?);
    if p.opts.verbose < 1 {
        return Ok(());
    }
    t += 1;
    length -= 1;
    while length != 0 {
        if length < 4 {
            out!(p, "[{length} bytes remaining]");
            return invalid(p, d, t, length);
        }
        let ty = d.be16(t)?;
        let len = usize::from(d.be16(t + 2)?);
        // "should not be but sometimes it is"
        if ty == 0 {
            return Ok(());
        }
        out!(p, "\n\t{} (0x{ty:04x}) TLV, length {len}", tlv_name(ty));
        if len < 4 || len > length {
            out!(p, "[invalid TLV length {len}]");
            return invalid(p, d, t, length);
        }
        match ty {
            1 => {
                p.s(", ");
                chars::printjnp(p, d, t + 4, len - 4)?;
            }
            2 | 3 => {
                if len != 5 {
                    return invalid(p, d, t, length);
                }
                out!(p, ", 0x{:x}", d.u8_at(t + 4)?);
            }
            4 => {
                if len != 10 {
                    return invalid(p, d, t, length);
                }
                let mac = d.range(t + 4, 6)?;
                p.s(", ");
                p.etheraddr(mac);
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
