//! LDP (RFC 5036; UDP and TCP port 646) as tcpdump 4.99's `print-ldp.c`
//! prints it: each PDU's LSR id, label space and length; from `-v` its
//! messages and their TLVs (common hello and session parameters, transport
//! addresses, address lists, FECs with prefixes and Martini VCs with their
//! interface parameters, labels, status, fault-tolerant session, MTU), the
//! rest in hex up to `-v`, `-vv` each message in hex too.
//!
//! tcpdump's arithmetic is kept because its output is the reference: the
//! PDU's remaining length is a 16-bit count that wraps when a message
//! claims more than is left, and a TLV's checks print ` [tlv length N < M]
//! (invalid)` and go on with the next TLV.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::hex::print_unknown_data;
use super::tok::{BitTok, bittok2str};
use super::{P, Printer, chars, out};
use crate::decode::{Bytes, Trunc};

pub(super) const LDP_PORT: u16 = 646;

/// The common header (`struct ldp_common_header`) and a message's
/// (`struct ldp_msg_header`).
const COMMON: u32 = 10;
const MSG: u32 = 8;

fn msg_name(t: u16) -> &'static str {
    match t {
        0x0001 => "Notification",
        0x0100 => "Hello",
        0x0200 => "Initialization",
        0x0201 => "Keepalive",
        0x0300 => "Address",
        0x0301 => "Address Withdraw",
        0x0400 => "Label Mapping",
        0x0401 => "Label Request",
        0x0402 => "Label Withdraw",
        0x0403 => "Label Release",
        0x0404 => "Label Abort Request",
        _ => "Unknown",
    }
}

fn tlv_name(t: u16) -> &'static str {
    match t {
        0x0100 => "FEC",
        0x0101 => "Address List",
        0x0103 => "Hop Count",
        0x0104 => "Path Vector",
        0x0200 => "Generic Label",
        0x0201 => "ATM Label",
        0x0202 => "Frame-Relay Label",
        0x0300 => "Status",
        0x0301 => "Extended Status",
        0x0302 => "Returned PDU",
        0x0303 => "Returned Message",
        0x0400 => "Common Hello Parameters",
        0x0401 => "IPv4 Transport Address",
        0x0402 => "Configuration Sequence Number",
        0x0403 => "IPv6 Transport Address",
        0x0500 => "Common Session Parameters",
        0x0501 => "ATM Session Parameters",
        0x0502 => "Frame-Relay Session Parameters",
        0x0503 => "Fault-Tolerant Session Parameters",
        0x0600 => "Label Request Message ID",
        0x0601 => "MTU",
        _ => "Unknown",
    }
}

fn fec_name(t: u8) -> &'static str {
    match t {
        0x01 => "Wildcard",
        0x02 => "Prefix",
        0x03 => "Host address",
        0x80 => "Martini VC",
        _ => "Unknown",
    }
}

/// l2vpn.c's `mpls_pw_types_values`.
fn pw_type_name(t: u16) -> &'static str {
    match t {
        0x0000 => "Reserved",
        0x0001 => "Frame Relay DLCI (Martini Mode)",
        0x0002 => "ATM AAL5 SDU VCC transport",
        0x0003 => "ATM transparent cell transport",
        0x0004 => "Ethernet VLAN",
        0x0005 => "Ethernet",
        0x0006 => "Cisco-HDLC",
        0x0007 => "PPP",
        0x0008 => "SONET/SDH Circuit Emulation Service over MPLS",
        0x0009 => "ATM n-to-one VCC cell transport",
        0x000a => "ATM n-to-one VPC cell transport",
        0x000b => "IP Layer2 Transport",
        0x000c => "ATM one-to-one VCC Cell Mode",
        0x000d => "ATM one-to-one VPC Cell Mode",
        0x000e => "ATM AAL5 PDU VCC transport",
        0x000f => "Frame-Relay Port mode",
        0x0010 => "SONET/SDH Circuit Emulation over Packet",
        0x0011 => "Structure-agnostic E1 over Packet",
        0x0012 => "Structure-agnostic T1 (DS1) over Packet",
        0x0013 => "Structure-agnostic E3 over Packet",
        0x0014 => "Structure-agnostic T3 (DS3) over Packet",
        0x0015 => "CESoPSN basic mode",
        0x0016 => "TDMoIP basic mode",
        0x0017 => "CESoPSN TDM with CAS",
        0x0018 => "TDMoIP TDM with CAS",
        0x0019 => "Frame Relay DLCI",
        0x0040 => "IP-interworking",
        _ => "Unknown",
    }
}

fn ifparm_name(t: u8) -> &'static str {
    match t {
        0x01 => "MTU",
        0x03 => "Description",
        0x0c => "VCCV",
        _ => "Unknown",
    }
}

const VCCV_CC: &BitTok = &[
    (0x01, "PWE3 control word"),
    (0x02, "MPLS Router Alert Label"),
    (0x04, "MPLS inner label TTL = 1"),
];

const VCCV_CV: &BitTok = &[(0x01, "ICMP Ping"), (0x02, "LSP Ping"), (0x04, "BFD")];

/// `ldp_print`: the PDUs in `len` bytes (one UDP payload or TCP segment).
pub(super) fn ldp_print(p: &mut Printer, d: &[u8], len: usize) -> P {
    p.cur.protocol = "ldp";
    let mut len = u32::try_from(len).unwrap_or(u32::MAX);
    let mut at = 0usize;
    while len > COMMON + MSG {
        let processed = pdu_print(p, d, at)?;
        if processed == 0 {
            return Ok(());
        }
        if len < processed {
            out!(p, " [remaining length {len} < {processed}]");
            p.s(" (invalid)");
            break;
        }
        len -= processed;
        at += processed as usize;
    }
    Ok(())
}

/// `ldp_pdu_print`: the bytes the PDU takes, 0 to stop.
fn pdu_print(p: &mut Printer, d: &[u8], at: usize) -> Result<u32, Trunc> {
    d.array::<10>(at)?;
    let pre = if p.opts.verbose < 1 { "" } else { "\n\t" };
    let version = d.be16(at)?;
    if version != 1 {
        out!(p, "{pre}LDP version {version} packet not supported");
        return Ok(0);
    }
    let pdu_len = d.be16(at + 2)?;
    if u32::from(pdu_len) < COMMON - 4 {
        out!(
            p,
            "{pre}LDP, pdu-length: {pdu_len} (too short, < {})",
            COMMON - 4
        );
        return Ok(0);
    }
    let lsr = *d.array::<4>(at + 4)?;
    let space = d.be16(at + 8)?;
    out!(p, "{pre}LDP, Label-Space-ID: ");
    p.ip4(lsr);
    out!(p, ":{space}, pdu-length: {pdu_len}");
    if p.opts.verbose < 1 {
        return Ok(0);
    }
    let mut t = at + COMMON as usize;
    // `u_short`: wraps when a message claims more than is left.
    let mut tlen: u16 = pdu_len - (COMMON as u16 - 4);
    while tlen > 0 {
        d.array::<8>(t)?;
        let msg_len = d.be16(t + 2)?;
        let raw = d.be16(t)?;
        let msg_type = raw & 0x7fff;
        if u32::from(msg_len) < MSG - 4 {
            out!(
                p,
                "\n\t  {} Message (0x{msg_type:04x}), length: {msg_len} (too short, < {})",
                msg_name(msg_type),
                MSG - 4
            );
            return Ok(0);
        }
        let id = d.be32(t + 4)?;
        out!(
            p,
            "\n\t  {} Message (0x{msg_type:04x}), length: {msg_len}, Message ID: 0x{id:08x}, Flags: [{} if unknown]",
            msg_name(msg_type),
            if raw & 0x8000 != 0 {
                "continue processing"
            } else {
                "ignore"
            }
        );
        let mut mt = t + MSG as usize;
        let mut msg_tlen = u32::from(msg_len) - (MSG - 4);
        // Did we capture enough to decode the whole message?
        if !d.has(t, usize::from(msg_len)) {
            return Err(Trunc);
        }
        match msg_type {
            0x0001 | 0x0100 | 0x0200 | 0x0201 | 0x0300 | 0x0400 | 0x0301 | 0x0402 => {
                while msg_tlen >= 4 {
                    let processed = tlv_print(p, d, mt, msg_tlen)?;
                    if processed == 0 {
                        break;
                    }
                    msg_tlen -= processed;
                    mt += processed as usize;
                }
            }
            _ => {
                if p.opts.verbose <= 1 {
                    print_unknown_data(p, d.get(mt..), "\n\t  ", msg_tlen as usize);
                }
            }
        }
        if p.opts.verbose > 1 {
            print_unknown_data(p, d.get(t + MSG as usize..), "\n\t  ", usize::from(msg_len));
        }
        let step = u32::from(msg_len) + 4;
        t += step as usize;
        tlen = (u32::from(tlen).wrapping_sub(step)) as u16;
    }
    Ok(u32::from(pdu_len) + 4)
}

/// `ldp_tlv_print`: the bytes the TLV takes, 0 to stop.
fn tlv_print(p: &mut Printer, d: &[u8], t: usize, msg_tlen: u32) -> Result<u32, Trunc> {
    d.array::<4>(t)?;
    let tlv_len = d.be16(t + 2)?;
    let taken = u32::from(tlv_len) + 4;
    if taken > msg_tlen {
        p.s("\n\t\t TLV contents go past end of message");
        return Ok(0);
    }
    let mut tlen = u32::from(tlv_len);
    let raw = d.be16(t)?;
    let tlv_type = raw & 0x3fff;
    out!(
        p,
        "\n\t    {} TLV (0x{tlv_type:04x}), length: {tlv_len}, Flags: [{} and {} forward if unknown]",
        tlv_name(tlv_type),
        if raw & 0x8000 != 0 {
            "continue processing"
        } else {
            "ignore"
        },
        if raw & 0x4000 != 0 { "do" } else { "don't" }
    );
    let mut tp = t + 4;
    // `TLV_TCHECK`: too short for the value, on to the next TLV.
    macro_rules! need {
        ($min:expr) => {
            let min = $min;
            if tlen < min {
                out!(p, " [tlv length {tlen} < {min}]");
                p.s(" (invalid)");
                return Ok(taken);
            }
        };
    }
    match tlv_type {
        0x0400 => {
            need!(4);
            let (hold, flags) = (d.be16(tp)?, d.be16(tp + 2)?);
            out!(
                p,
                "\n\t      Hold Time: {hold}s, Flags: [{} Hello{}]",
                if flags & 0x8000 != 0 {
                    "Targeted"
                } else {
                    "Link"
                },
                if flags & 0x4000 != 0 {
                    ", Request for targeted Hellos"
                } else {
                    ""
                }
            );
        }
        0x0401 => {
            need!(4);
            let a = *d.array::<4>(tp)?;
            p.s("\n\t      IPv4 Transport Address: ");
            p.ip4(a);
        }
        0x0403 => {
            need!(16);
            let a = *d.array::<16>(tp)?;
            p.s("\n\t      IPv6 Transport Address: ");
            p.ip6(&a);
        }
        0x0402 => {
            need!(4);
            out!(p, "\n\t      Sequence Number: {}", d.be32(tp)?);
        }
        0x0101 => {
            need!(2);
            let af = d.be16(tp)?;
            tp += 2;
            tlen -= 2;
            match super::bgp::af_name(af, "") {
                "" => out!(p, "\n\t      Address Family: Unknown ({af}), addresses"),
                name => out!(p, "\n\t      Address Family: {name}, addresses"),
            }
            match af {
                1 => {
                    while tlen >= 4 {
                        let a = *d.array::<4>(tp)?;
                        p.s(" ");
                        p.ip4(a);
                        tlen -= 4;
                        tp += 4;
                    }
                }
                2 => {
                    while tlen >= 16 {
                        let a = *d.array::<16>(tp)?;
                        p.s(" ");
                        p.ip6(&a);
                        tlen -= 16;
                        tp += 16;
                    }
                }
                _ => {}
            }
        }
        0x0500 => {
            need!(8);
            let (version, keepalive, flags) = (d.be16(tp)?, d.be16(tp + 2)?, d.be16(tp + 6)?);
            out!(
                p,
                "\n\t      Version: {version}, Keepalive: {keepalive}s, Flags: [Downstream {}, Loop Detection {}]",
                if flags & 0x8000 != 0 {
                    "On Demand"
                } else {
                    "Unsolicited"
                },
                if flags & 0x4000 != 0 {
                    "Enabled"
                } else {
                    "Disabled"
                }
            );
        }
        0x0100 => {
            need!(1);
            let fec = d.u8_at(tp)?;
            out!(p, "\n\t      {} FEC (0x{fec:02x})", fec_name(fec));
            tp += 1;
            tlen -= 1;
            match fec {
                0x02 => {
                    need!(2);
                    let af = d.be16(tp)?;
                    tp += 2;
                    tlen -= 2;
                    let (bits, name) = match af {
                        1 => (32, "IPv4"),
                        2 => (128, "IPv6"),
                        _ => {
                            out!(p, ": Address family {af} prefix");
                            return Ok(taken);
                        }
                    };
                    match super::bgp::decode_prefix(p, d, tp, tlen as usize, bits)? {
                        Ok((text, _)) => {
                            out!(p, ": {name} prefix ");
                            p.out().extend_from_slice(&text);
                        }
                        Err(-1) => out!(p, ": {name} prefix (invalid length)"),
                        // Not enough bytes left in the TLV: print-ldp.c
                        // jumps out as if the capture had ended.
                        Err(_) => return Err(Trunc),
                    }
                }
                0x80 => martini(p, d, tp, &mut tlen)?,
                _ => {}
            }
        }
        0x0200 => {
            need!(4);
            out!(p, "\n\t      Label: {}", d.be32(tp)? & 0xfffff);
        }
        0x0300 => {
            need!(8);
            let ui = d.be32(tp)?;
            out!(
                p,
                "\n\t      Status: 0x{:02x}, Flags: [{} and {} forward]",
                ui & 0x3fff_ffff,
                if ui & 0x8000_0000 != 0 {
                    "Fatal error"
                } else {
                    "Advisory Notification"
                },
                if ui & 0x4000_0000 != 0 { "do" } else { "don't" }
            );
            let id = d.be32(tp + 4)?;
            if id != 0 {
                out!(p, ", causing Message ID: 0x{id:08x}");
            }
        }
        0x0503 => {
            need!(12);
            let ft = d.be16(tp)?;
            let yes =
                |bit: u16, y: &'static str, n: &'static str| if ft & bit != 0 { y } else { n };
            out!(
                p,
                "\n\t      Flags: [{}Reconnect, {}Save State, {}All-Label Protection, {} Checkpoint, {}Re-Learn State]",
                yes(0x8000, "", "No "),
                yes(0x8, "", "Don't "),
                yes(0x4, "", "No "),
                yes(0x2, "Sequence Numbered Label", "All Labels"),
                yes(0x1, "", "Don't ")
            );
            let reconnect = d.be32(tp + 4)?;
            if reconnect != 0 {
                out!(p, ", Reconnect Timeout: {reconnect}ms");
            }
            let recovery = d.be32(tp + 8)?;
            if recovery != 0 {
                out!(p, ", Recovery Time: {recovery}ms");
            }
        }
        0x0601 => {
            need!(2);
            out!(p, "\n\t      MTU: {}", d.be16(tp)?);
        }
        _ => {
            if p.opts.verbose <= 1 {
                print_unknown_data(p, d.get(tp..), "\n\t      ", tlen as usize);
            }
        }
    }
    Ok(taken)
}

/// A Martini VC FEC element (`LDP_FEC_MARTINI_VC`): its pseudowire type,
/// control word, group and VC ids and interface parameters. `tlen` is the
/// TLV's length left; an early return is print-ldp.c's `return`, which
/// ends the TLV too.
fn martini(p: &mut Printer, d: &[u8], mut tp: usize, tlen: &mut u32) -> P {
    macro_rules! need {
        ($min:expr) => {
            let min = $min;
            if *tlen < min {
                out!(p, " [tlv length {} < {min}]", *tlen);
                p.s(" (invalid)");
                return Ok(());
            }
        };
    }
    need!(7);
    let mut info_len = u32::from(d.u8_at(tp + 2)?);
    let pw = d.be16(tp)?;
    let (name, cw) = (
        pw_type_name(pw & 0x7fff),
        if pw & 0x8000 != 0 { "" } else { "no " },
    );
    if info_len == 0 {
        let group = d.be32(tp + 3)?;
        out!(
            p,
            ": {name}, {cw}control word, group-ID {group}, VC-info-length: {info_len}"
        );
        return Ok(());
    }
    need!(11);
    let (group, vc) = (d.be32(tp + 3)?, d.be32(tp + 7)?);
    out!(
        p,
        ": {name}, {cw}control word, group-ID {group}, VC-ID {vc}, VC-info-length: {info_len}"
    );
    if info_len < 4 {
        // tcpdump leaves the parenthesis open.
        p.s(" (invalid, < 4");
        return Ok(());
    }
    info_len -= 4;
    tp += 11;
    *tlen -= 11;
    need!(info_len);
    while info_len > 2 {
        let ty = d.u8_at(tp)?;
        let len = d.u8_at(tp + 1)?;
        if len < 2 || info_len < u32::from(len) {
            break;
        }
        out!(
            p,
            "\n\t\tInterface Parameter: {} (0x{ty:02x}), len {len}",
            ifparm_name(ty)
        );
        match ty {
            0x01 => out!(p, ": {}", d.be16(tp + 2)?),
            0x03 => {
                p.s(": ");
                for i in 2..usize::from(len) {
                    let c = d.u8_at(tp + i)?;
                    chars::print_char(p, c);
                }
            }
            0x0c => {
                let cc = d.u8_at(tp + 2)?;
                out!(p, "\n\t\t  Control Channels (0x{cc:02x}) = [");
                bittok2str(p, VCCV_CC, "none", u32::from(cc));
                p.s("]");
                let cv = d.u8_at(tp + 3)?;
                out!(p, "\n\t\t  CV Types (0x{cv:02x}) = [");
                bittok2str(p, VCCV_CV, "none", u32::from(cv));
                p.s("]");
            }
            _ => print_unknown_data(p, d.get(tp + 2..), "\n\t\t  ", usize::from(len) - 2),
        }
        info_len -= u32::from(len);
        tp += usize::from(len);
    }
    Ok(())
}
