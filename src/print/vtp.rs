//! Cisco's VLAN Trunking Protocol (SNAP OUI 00000c, PID 0x2003) as tcpdump
//! 4.99's `print-vtp.c` prints it: `VTPv2, Message Summary advertisement
//! (0x01), length 76`; with `-v` the management domain, the summary's
//! revision, updater, timestamp and digest, the subset's VLAN information
//! fields with their TLVs (unknown ones in hex), the request's start value.
//! Every check in tcpdump's printer unwinds (`ND_LONGJMP_FROM_TCHECK`).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, chars, out};
use crate::decode::Bytes;

const HEADER_LEN: usize = 36;
const DOMAIN_NAME_LEN: u8 = 32;
const VLAN_INFO_FIXED_PART_LEN: usize = 12;

/// `vtp_message_type_values`.
fn message_name(t: u8) -> &'static str {
    match t {
        1 => "Summary advertisement",
        2 => "Subset advertisement",
        3 => "Advertisement request",
        4 => "Join message",
        _ => "Unknown message type",
    }
}

/// `vtp_header_values`: what the header's third byte is.
fn header_name(t: u8) -> &'static str {
    match t {
        1 => "Followers",
        2 => "Seq number",
        3 | 4 => "Rsvd",
        _ => "Unknown",
    }
}

/// `vtp_vlan_status`.
fn status_name(s: u8) -> &'static str {
    match s {
        0 => "Operational",
        1 => "Suspended",
        _ => "Unknown",
    }
}

/// `vtp_vlan_type_values`.
fn vlan_type_name(t: u8) -> &'static str {
    match t {
        1 => "Ethernet",
        2 => "FDDI",
        3 => "TrCRF",
        4 => "FDDI-net",
        5 => "TrBRF",
        _ => "Unknown",
    }
}

/// `vtp_vlan_tlv_values`.
fn tlv_name(t: u8) -> &'static str {
    match t {
        0x01 => "Source-Routing Ring Number TLV",
        0x02 => "Source-Routing Bridge Number TLV",
        0x03 => "STP type TLV",
        0x04 => "Parent VLAN TLV",
        0x05 => "Translationally bridged VLANs TLV",
        0x06 => "Pruning TLV",
        0x07 => "Bridge Type TLV",
        0x08 => "Max ARP Hop Count TLV",
        0x09 => "Max STE Hop Count TLV",
        0x0a => "Backup CRF Mode TLV",
        _ => "Unknown",
    }
}

/// `vtp_stp_type_values`.
fn stp_type_name(v: u16) -> &'static str {
    match v {
        1 => "SRT",
        2 => "SRB",
        3 => "Auto",
        _ => "Unknown",
    }
}

/// `vtp_print`.
pub(super) fn vtp_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "vtp";
    if length < HEADER_LEN {
        return invalid(p, d, length);
    }
    d.range(0, HEADER_LEN)?;
    let ty = d.u8_at(1)?;
    out!(
        p,
        "VTPv{}, Message {} (0x{ty:02x}), length {length}",
        d.u8_at(0)?,
        message_name(ty)
    );
    if p.opts.verbose < 1 {
        d.range(0, length)?;
        return Ok(());
    }
    p.s("\n\tDomain name: ");
    let mgmtd_len = d.u8_at(3)?;
    if !(1..=DOMAIN_NAME_LEN).contains(&mgmtd_len) {
        out!(p, " [invalid MgmtD Len {mgmtd_len}]");
        return invalid(p, d, length);
    }
    chars::printjnp(p, d, 4, usize::from(mgmtd_len))?;
    out!(p, ", {}: {}", header_name(ty), d.u8_at(2)?);
    let mut t = HEADER_LEN;
    match ty {
        1 => {
            // One `ND_PRINT`: its arguments are all read before it prints.
            let (rev, updater) = (d.be32(t)?, *d.array::<4>(t + 4)?);
            out!(p, "\n\t  Config Rev {rev:x}, Updater ");
            p.ip4(updater);
            t += 8;
            out!(
                p,
                ", Timestamp 0x{:08x} 0x{:08x} 0x{:08x}",
                d.be32(t)?,
                d.be32(t + 4)?,
                d.be32(t + 8)?
            );
            t += 12;
            out!(
                p,
                ", MD5 digest: {:08x}{:08x}{:08x}{:08x}",
                d.be32(t)?,
                d.be32(t + 4)?,
                d.be32(t + 8)?,
                d.be32(t + 12)?
            );
        }
        2 => {
            out!(p, ", Config Rev {:x}", d.be32(t)?);
            t += 4;
            while t < length {
                let mut len = usize::from(d.u8_at(t)?);
                if len == 0 {
                    break;
                }
                d.range(t, len)?;
                if len < VLAN_INFO_FIXED_PART_LEN {
                    return invalid(p, d, length);
                }
                let (status, vtype) = (d.u8_at(t + 1)?, d.u8_at(t + 2)?);
                out!(
                    p,
                    "\n\tVLAN info status {}, type {}, VLAN-id {}, MTU {}, SAID 0x{:08x}, Name ",
                    status_name(status),
                    vlan_type_name(vtype),
                    d.be16(t + 4)?,
                    d.be16(t + 6)?,
                    d.be32(t + 8)?
                );
                let name_len = usize::from(d.u8_at(t + 3)?);
                len -= VLAN_INFO_FIXED_PART_LEN;
                t += VLAN_INFO_FIXED_PART_LEN;
                let padded = name_len.div_ceil(4) * 4;
                if len < padded {
                    return invalid(p, d, length);
                }
                chars::printjnp(p, d, t, name_len)?;
                len -= padded;
                t += padded;
                while len > 0 {
                    // One byte of type and one of length in 16-bit words.
                    if len < 2 {
                        return invalid(p, d, length);
                    }
                    let tlv = d.u8_at(t)?;
                    let tlv_len = usize::from(d.u8_at(t + 1)?);
                    out!(p, "\n\t\t{} (0x{tlv:04x}) TLV", tlv_name(tlv));
                    if len < tlv_len * 2 + 2 {
                        p.s(" (TLV goes past the end of the packet)");
                        return invalid(p, d, length);
                    }
                    d.range(t, tlv_len * 2 + 2)?;
                    if tlv_len != 1 {
                        out!(p, " (invalid TLV length {tlv_len} != 1)");
                        return invalid(p, d, length);
                    }
                    let v = d.be16(t + 2)?;
                    match tlv {
                        0x09 => out!(p, ", {v}"),
                        0x06 => out!(p, ", {} ({v})", if v == 1 { "Enabled" } else { "Disabled" }),
                        0x03 => out!(p, ", {} ({v})", stp_type_name(v)),
                        0x07 => out!(p, ", {} ({v})", if v == 1 { "SRB" } else { "SRT" }),
                        0x0a => out!(
                            p,
                            ", {} ({v})",
                            if v == 1 { "Backup" } else { "Not backup" }
                        ),
                        _ => super::hex::print_unknown_data(p, d.get(t..), "\n\t\t  ", 4),
                    }
                    len -= 4;
                    t += 4;
                }
            }
        }
        3 => out!(p, "\n\tStart value: {}", d.be32(t)?),
        _ => {}
    }
    Ok(())
}

/// `goto invalid`: ` (invalid)`, then the whole message must have been
/// captured.
fn invalid(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.s(" (invalid)");
    d.range(0, length)?;
    Ok(())
}
