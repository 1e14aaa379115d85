//! RSVP (IP protocol 46) as tcpdump 4.99's `print-rsvp.c` prints it: the
//! message type alone without `-v`; with it the common header, then every
//! object (RFC 2205 and its TE, GMPLS, refresh-reduction, fast-reroute and
//! OIF UNI extensions), each of a Bundle's sub-messages likewise, and a hex
//! dump of an object tcpdump does not decode (of every object at `-vv`).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::arp::ethertype;
use super::gmpls::{self, G10};
use super::hex::{alt_hex, print_unknown_data};
use super::tok::{BitTok, bittok2str};
use super::{P, Printer, Trunc, out};
use crate::decode::Bytes;

/// `rsvp_msg_type_values`.
fn msg_type_name(t: u8) -> Option<&'static str> {
    Some(match t {
        1 => "Path",
        2 => "Resv",
        3 => "PathErr",
        4 => "ResvErr",
        5 => "PathTear",
        6 => "ResvTear",
        7 => "ResvConf",
        12 => "Bundle",
        13 => "Acknowledgement",
        14 => "Hello (Old)",
        15 => "Refresh",
        20 => "Hello",
        _ => return None,
    })
}

/// `rsvp_header_flag_values`.
const HEADER_FLAGS: &BitTok = &[(0x01, "Refresh reduction capable")];

/// `rsvp_obj_capability_flag_values`.
const CAPABILITY_FLAGS: &BitTok = &[
    (0x0004, "RecoveryPath Transmit Enabled"),
    (0x0002, "RecoveryPath Desired"),
    (0x0001, "RecoveryPath Srefresh Capable"),
];

/// `rsvp_obj_integrity_flag_values`.
const INTEGRITY_FLAGS: &BitTok = &[(0x80, "Handshake")];

/// `rsvp_obj_rro_flag_values` (RFC 4090).
const RRO_FLAGS: &BitTok = &[
    (0x01, "Local protection available"),
    (0x02, "Local protection in use"),
    (0x04, "Bandwidth protection"),
    (0x08, "Node protection"),
];

/// `rsvp_obj_rro_label_flag_values` (RFC 3209).
const RRO_LABEL_FLAGS: &BitTok = &[(0x01, "Global")];

/// `rsvp_session_attribute_flag_values`.
const SESSION_ATTRIBUTE_FLAGS: &BitTok = &[
    (0x01, "Local Protection"),
    (0x02, "Label Recording"),
    (0x04, "SE Style"),
    (0x08, "Bandwidth protection"),
    (0x10, "Node protection"),
];

/// `rsvp_obj_admin_status_flag_values` (RFC 3473).
const ADMIN_STATUS_FLAGS: &BitTok = &[
    (0x8000_0000, "Reflect"),
    (0x0000_0004, "Testing"),
    (0x0000_0002, "Admin-down"),
    (0x0000_0001, "Delete-in-progress"),
];

/// `rsvp_obj_values`.
fn obj_name(c: u8) -> &'static str {
    match c {
        1 => "Session",
        3 => "RSVP Hop",
        4 => "Integrity",
        5 => "Time Values",
        6 => "Error Spec",
        7 => "Scope",
        8 => "Style",
        9 => "Flowspec",
        10 => "FilterSpec",
        11 => "Sender Template",
        12 => "Sender TSpec",
        13 => "Adspec",
        14 => "Policy Data",
        15 => "Confirm",
        16 => "Label",
        19 => "Label Request",
        20 => "ERO",
        21 => "RRO",
        22 => "Hello",
        23 => "Message ID",
        24 => "Message ID Ack",
        25 => "Message ID List",
        34 => "Recovery Label",
        35 => "Upstream Label",
        36 => "Label Set",
        130 => "Acceptable Label Set",
        63 => "Detour",
        66 => "Class Type",
        125 => "Class Type (old)",
        129 => "Suggested Label",
        204 => "Properties",
        205 => "Fast Re-Route",
        207 => "Session Attribute",
        229 => "Generalized UNI",
        230 => "Call-ID",
        236 => "Call Capability",
        131 => "Restart Capability",
        134 => "Capability",
        195 => "Notify Request",
        37 => "Protection",
        196 => "Administrative Status",
        50 => "Sub-LSP to LSP",
        _ => "Unknown",
    }
}

/// `rsvp_ctype_values`: C-Types are per class, so tcpdump keys its table
/// on `class * 256 + ctype`.
fn ctype_name(class: u8, ctype: u8) -> &'static str {
    match (class, ctype) {
        (3 | 195 | 15 | 10 | 1 | 11 | 6, 1) => "IPv4",
        (3 | 195 | 15 | 10 | 1 | 11 | 6, 2) => "IPv6",
        (3 | 6, 3) => "IPv4 plus opt. TLVs",
        (3 | 6, 4) => "IPv6 plus opt. TLVs",
        (5 | 23 | 25 | 8 | 134 | 205 | 204 | 196 | 66 | 125 | 36 | 229, 1) => "1",
        (9, 1) => "obsolete",
        (9 | 12 | 13, 2) => "IntServ",
        (10, 3) => "IPv6 Flow-label",
        (10 | 1 | 11 | 207 | 205 | 63, 7) => "Tunnel IPv4",
        (10 | 11, 12) | (1, 13) => "IPv4 P2MP LSP Tunnel",
        (10 | 11, 13) | (1, 14) => "IPv6 P2MP LSP Tunnel",
        (1, 11) => "UNI IPv4",
        (24, 1) => "Message id ack",
        (24, 2) => "Message id nack",
        (22, 1) => "Hello Request",
        (22, 2) => "Hello Ack",
        (19, 1) => "without label range",
        (19, 2) => "with ATM label range",
        (19, 3) => "with FR label range",
        (19, 4) | (16 | 129 | 35 | 34, 2) => "Generalized Label",
        (16 | 129 | 35 | 34, 1) => "Label",
        (16 | 129 | 35 | 34, 3) => "Waveband Switching",
        (20 | 21 | 131, 1) => "IPv4",
        (50, 1) => "IPv4 sub-LSP",
        (50, 2) => "IPv6 sub-LSP",
        _ => "Unknown",
    }
}

/// `rsvp_obj_xro_values`, indexed by the subobject type without its loose
/// bit.
fn xro_name(t: u8) -> Option<&'static str> {
    Some(match t {
        0 => "Reserved",
        1 => "IPv4 prefix",
        2 => "IPv6 prefix",
        3 => "Label",
        32 => "Autonomous system number",
        64 => "MPLS label switched path termination",
        _ => return None,
    })
}

/// `rsvp_resstyle_values`.
fn resstyle_name(v: u32) -> &'static str {
    match v {
        17 => "Wildcard Filter",
        10 => "Fixed Filter",
        18 => "Shared Explicit",
        _ => "Unknown",
    }
}

/// `rsvp_intserv_service_type_values`.
fn intserv_service_name(v: u8) -> &'static str {
    match v {
        1 => "Default/Global Information",
        2 => "Guaranteed Service",
        5 => "Controlled Load",
        _ => "unknown",
    }
}

/// `rsvp_intserv_parameter_id_values`.
fn intserv_parameter_name(v: u8) -> &'static str {
    match v {
        4 => "IS hop cnt",
        6 => "Path b/w estimate",
        8 => "Minimum path latency",
        10 => "Composed MTU",
        127 => "Token Bucket TSpec",
        130 => "Guaranteed Service RSpec",
        133 => "End-to-end composed value for C",
        134 => "End-to-end composed value for D",
        135 => "Since-last-reshaping point composed C",
        136 => "Since-last-reshaping point composed D",
        _ => "unknown",
    }
}

/// `rsvp_obj_prop_tlv_values`.
fn prop_tlv_name(v: u8) -> &'static str {
    match v {
        0x01 => "Cos",
        0x02 => "Metric 1",
        0x04 => "Metric 2",
        0x08 => "CCC Status",
        0x10 => "Path Type",
        _ => "unknown",
    }
}

const ERROR_CODE_ROUTING: u8 = 24;
const ERROR_CODE_DIFFSERV_TE: u8 = 28;
const ERROR_CODE_DIFFSERV_TE_OLD: u8 = 125;

/// `rsvp_obj_error_code_values`.
fn error_code_name(v: u8) -> &'static str {
    match v {
        ERROR_CODE_ROUTING => "Routing Problem",
        25 => "Notify Error",
        ERROR_CODE_DIFFSERV_TE => "Diffserv TE Error",
        ERROR_CODE_DIFFSERV_TE_OLD => "Diffserv TE Error (Old)",
        _ => "unknown",
    }
}

/// `rsvp_obj_error_code_routing_values`.
fn routing_error_name(v: u16) -> &'static str {
    match v {
        1 => "Bad EXPLICIT_ROUTE object",
        2 => "Bad strict node",
        3 => "Bad loose node",
        4 => "Bad initial subobject",
        5 => "No route available toward destination",
        6 => "Unacceptable label value",
        7 => "RRO indicated routing loops",
        8 => "non-RSVP-capable router in the path",
        9 => "MPLS label allocation failure",
        10 => "Unsupported L3PID",
        _ => "unknown",
    }
}

/// `rsvp_obj_error_code_diffserv_te_values`.
fn diffserv_te_error_name(v: u16) -> &'static str {
    match v {
        1 => "Unexpected CT object",
        2 => "Unsupported CT",
        3 => "Invalid CT value",
        4 => "CT/setup priority do not form a configured TE-Class",
        5 => "CT/holding priority do not form a configured TE-Class",
        6 => "CT/setup priority and CT/holding priority do not form a configured TE-Class",
        7 => "Inconsistency between signaled PSC and signaled CT",
        8 => "Inconsistency between signaled PHBs and signaled CT",
        _ => "unknown",
    }
}

/// `rsvp_obj_label_set_action_values` (RFC 3471).
fn label_set_action_name(v: u16) -> &'static str {
    match v {
        0 => "Inclusive list",
        1 => "Exclusive list",
        2 => "Inclusive range",
        3 => "Exclusive range",
        _ => "Unknown",
    }
}

/// `rsvp_obj_generalized_uni_values` (OIF UNI 1.0).
fn gen_uni_name(v: u16) -> &'static str {
    match v {
        1 => "Source TNA address",
        2 => "Destination TNA address",
        3 => "Diversity",
        4 => "Egress label",
        5 => "Service level",
        _ => "Unknown",
    }
}

/// `rsvp_print`. `d` is the message as captured, `len` its length on the
/// wire (the IP payload's).
pub(super) fn rsvp_print(p: &mut Printer, d: &[u8], len: usize) -> P {
    p.cur.protocol = "rsvp";
    // ND_TCHECK_SIZE of the 8-byte common header before anything; like
    // every ND_TCHECK of print-rsvp.c it jumps to its `trunc:` label and
    // returns (a soft truncation).
    if !d.has(0, 8) {
        return Err(p.soft_trunc());
    }
    let version_flags = d.u8_at(0)?;
    let version = version_flags >> 4;
    if version != 1 {
        out!(p, "ERROR: RSVP version {version} packet not supported");
        return Ok(());
    }
    let msg_type = d.u8_at(1)?;
    if p.opts.verbose < 1 {
        out!(p, "RSVPv{version} ");
        match msg_type_name(msg_type) {
            Some(n) => p.s(n),
            None => out!(p, "unknown ({msg_type})"),
        }
        out!(p, " Message, length: {len}");
        return Ok(());
    }
    let tlen = d.be16(6)?;
    common_header(p, d, "\n\t")?;
    if tlen < 8 {
        out!(p, "ERROR: common header too short {tlen} < 8");
        return Ok(());
    }
    let mut tlen = tlen - 8;
    match msg_type {
        12 => {
            // Each sub-message of a Bundle (which holds no Bundles).
            let mut at = 8usize;
            while tlen > 0 {
                // ND_TCHECK_SIZE: tcpdump's `goto trunc`, not a longjmp, so
                // a cut here is a soft truncation (as at every check below).
                let sub = d.get(at..).unwrap_or_default();
                if !sub.has(0, 8) {
                    return Err(p.soft_trunc());
                }
                let vf = sub.u8_at(0)?;
                if vf >> 4 != 1 {
                    out!(p, "ERROR: RSVP version {} packet not supported", vf >> 4);
                    return Ok(());
                }
                let subtlen = sub.be16(6)?;
                common_header(p, sub, "\n\t  ")?;
                if subtlen < 8 {
                    out!(p, "ERROR: common header too short {subtlen} < 8");
                    return Ok(());
                }
                if tlen < subtlen {
                    out!(p, "ERROR: common header too large {subtlen} > {tlen}");
                    return Ok(());
                }
                if !obj_print(p, sub, 8, "\n\t    ", usize::from(subtlen - 8))? {
                    return Ok(());
                }
                at += usize::from(subtlen);
                tlen -= subtlen;
            }
        }
        1..=7 | 13..=15 | 20 => {
            obj_print(p, d, 8, "\n\t  ", usize::from(tlen))?;
        }
        _ => print_unknown_data(p, d.get(8..), "\n\t    ", usize::from(tlen)),
    }
    Ok(())
}

/// The verbose common header line of a message or of a Bundle's
/// sub-message.
fn common_header(p: &mut Printer, d: &[u8], indent: &str) -> P {
    let version_flags = d.u8_at(0)?;
    let msg_type = d.u8_at(1)?;
    let checksum = d.be16(2)?;
    let ttl = d.u8_at(4)?;
    let len = d.be16(6)?;
    out!(p, "{indent}RSVPv{} ", version_flags >> 4);
    match msg_type_name(msg_type) {
        Some(n) => p.s(n),
        None => out!(p, "unknown, type: {msg_type}"),
    }
    out!(p, " Message ({msg_type}), Flags: [");
    bittok2str(p, HEADER_FLAGS, "none", u32::from(version_flags & 0x0f));
    out!(
        p,
        "], length: {len}, ttl: {ttl}, checksum: 0x{checksum:04x}"
    );
    Ok(())
}

/// How an object's decoding ended (tcpdump's `goto` labels).
enum Flow {
    /// Decoded; `true` asks for the hex dump of its body as well.
    Done(bool),
    TooShort,
    SubTooShort,
    Invalid,
    /// An error already printed: the message's printing stops.
    Stop,
}

/// `rsvp_obj_print`: the objects of `tlen` bytes at `at` of the message
/// `m`; false when an error ends the message's printing.
fn obj_print(p: &mut Printer, m: &[u8], mut at: usize, indent: &str, mut tlen: usize) -> R {
    while tlen >= 4 {
        if !m.has(at, 4) {
            return Err(p.soft_trunc());
        }
        let obj_len = m.be16(at)?;
        let class = m.u8_at(at + 2)?;
        let ctype = m.u8_at(at + 3)?;
        if obj_len % 4 != 0 {
            out!(
                p,
                "{indent}ERROR: object header size {obj_len} not a multiple of 4"
            );
            return Ok(false);
        }
        if obj_len < 4 {
            out!(p, "{indent}ERROR: object header too short {obj_len} < 4");
            return Ok(false);
        }
        let action = if class & 0x80 != 0 {
            if class & 0x40 != 0 {
                "ignore and forward"
            } else {
                "ignore silently"
            }
        } else {
            "reject"
        };
        out!(
            p,
            "{indent}{} Object ({class}) Flags: [{action} if unknown], Class-Type: {} ({ctype}), length: {obj_len}",
            obj_name(class),
            ctype_name(class, ctype)
        );
        let obj_len = usize::from(obj_len);
        if tlen < obj_len {
            out!(p, "{indent}ERROR: object goes past end of objects TLV");
            return Ok(false);
        }
        // ND_TCHECK_LEN of the whole object: every read below is within.
        if !m.has(at, obj_len) {
            return Err(p.soft_trunc());
        }
        let obj = m.range(at, obj_len)?;
        let body = obj.from(4)?;
        let hexdump = match object(p, body, class, ctype, indent)? {
            Flow::Done(h) => h,
            Flow::TooShort => {
                out!(p, "{indent}ERROR: object is too short");
                return Ok(false);
            }
            Flow::SubTooShort => {
                out!(p, "{indent}ERROR: sub-object is too short");
                return Ok(false);
            }
            Flow::Invalid => {
                p.s(" (invalid)");
                return Ok(false);
            }
            Flow::Stop => return Ok(false),
        };
        if p.opts.verbose > 1 || hexdump {
            print_unknown_data(p, Some(body), "\n\t    ", body.len());
        }
        at += obj_len;
        tlen -= obj_len;
    }
    Ok(true)
}

type R = Result<bool, Trunc>;

/// `GET_IPADDR_STRING` of the body at `at`.
fn ip4(p: &mut Printer, o: &[u8], at: usize) -> P {
    let a = *o.array::<4>(at)?;
    p.ip4(a);
    Ok(())
}

/// `GET_IP6ADDR_STRING` of the body at `at`.
fn ip6(p: &mut Printer, o: &[u8], at: usize) -> P {
    let a = *o.array::<16>(at)?;
    p.ip6(&a);
    Ok(())
}

/// One object's body `o` (the object captured whole, so no read fails).
#[allow(clippy::too_many_lines)]
fn object(p: &mut Printer, o: &[u8], class: u8, ctype: u8, indent: &str) -> Result<Flow, Trunc> {
    let tlen = o.len();
    let mut hexdump = false;
    macro_rules! need {
        ($n:expr) => {
            if tlen < $n {
                return Ok(Flow::TooShort);
            }
        };
    }
    match (class, ctype) {
        // Session
        (1, 1) => {
            need!(8);
            out!(p, "{indent}  IPv4 DestAddress: ");
            ip4(p, o, 0)?;
            out!(p, ", Protocol ID: 0x{:02x}", o.u8_at(4)?);
            out!(
                p,
                "{indent}  Flags: [0x{:02x}], DestPort {}",
                o.u8_at(5)?,
                o.be16(6)?
            );
        }
        (1, 2) => {
            need!(20);
            out!(p, "{indent}  IPv6 DestAddress: ");
            ip6(p, o, 0)?;
            out!(p, ", Protocol ID: 0x{:02x}", o.u8_at(16)?);
            out!(
                p,
                "{indent}  Flags: [0x{:02x}], DestPort {}",
                o.u8_at(17)?,
                o.be16(18)?
            );
        }
        (1, 8) => {
            need!(36);
            out!(p, "{indent}  IPv6 Tunnel EndPoint: ");
            ip6(p, o, 0)?;
            out!(
                p,
                ", Tunnel ID: 0x{:04x}, Extended Tunnel ID: ",
                o.be16(18)?
            );
            ip6(p, o, 20)?;
        }
        (1, 14) => {
            need!(26);
            out!(
                p,
                "{indent}  IPv6 P2MP LSP ID: 0x{:08x}, Tunnel ID: 0x{:04x}, Extended Tunnel ID: ",
                o.be32(0)?,
                o.be16(6)?
            );
            ip6(p, o, 8)?;
        }
        (1, 13 | 7 | 11) => {
            need!(12);
            let what = if ctype == 13 {
                "IPv4 P2MP LSP ID"
            } else {
                "IPv4 Tunnel EndPoint"
            };
            out!(p, "{indent}  {what}: ");
            ip4(p, o, 0)?;
            out!(p, ", Tunnel ID: 0x{:04x}, Extended Tunnel ID: ", o.be16(6)?);
            ip4(p, o, 8)?;
        }
        // Confirm, Notify Request
        (15 | 195, 1) => {
            need!(4);
            let what = if class == 15 {
                "Receiver"
            } else {
                "Notify Node"
            };
            out!(p, "{indent}  IPv4 {what} Address: ");
            ip4(p, o, 0)?;
        }
        (15 | 195, 2) => {
            need!(16);
            let what = if class == 15 {
                "Receiver"
            } else {
                "Notify Node"
            };
            out!(p, "{indent}  IPv6 {what} Address: ");
            ip6(p, o, 0)?;
        }
        // Label, Suggested, Upstream and Recovery Label
        (16 | 129 | 35 | 34, 1) => {
            for at in (0..tlen / 4).map(|i| i * 4) {
                out!(p, "{indent}  Label: {}", o.be32(at)?);
            }
        }
        (16 | 129 | 35 | 34, 2) => {
            need!(4);
            out!(p, "{indent}  Generalized Label: {}", o.be32(0)?);
        }
        (16 | 129 | 35 | 34, 3) => {
            need!(12);
            out!(
                p,
                "{indent}  Waveband ID: {}{indent}  Start Label: {}, Stop Label: {}",
                o.be32(0)?,
                o.be32(4)?,
                o.be32(8)?
            );
        }
        // Style
        (8, 1) => {
            need!(4);
            out!(
                p,
                "{indent}  Reservation Style: {}, Flags: [0x{:02x}]",
                resstyle_name(o.be24(1)?),
                o.u8_at(0)?
            );
        }
        // Sender Template and FilterSpec
        (11 | 10, 1) => {
            need!(8);
            out!(p, "{indent}  Source Address: ");
            ip4(p, o, 0)?;
            out!(p, ", Source Port: {}", o.be16(6)?);
        }
        (11 | 10, 2) => {
            need!(20);
            out!(p, "{indent}  Source Address: ");
            ip6(p, o, 0)?;
            out!(p, ", Source Port: {}", o.be16(18)?);
        }
        (11 | 10, 13) => {
            need!(40);
            out!(p, "{indent}  IPv6 Tunnel Sender Address: ");
            ip6(p, o, 0)?;
            out!(
                p,
                ", LSP ID: 0x{:04x}{indent}  Sub-Group Originator ID: ",
                o.be16(18)?
            );
            ip6(p, o, 20)?;
            out!(p, ", Sub-Group ID: 0x{:04x}", o.be16(38)?);
        }
        (11, 7) => {
            need!(8);
            out!(p, "{indent}  IPv4 Tunnel Sender Address: ");
            ip4(p, o, 0)?;
            out!(p, ", LSP-ID: 0x{:04x}", o.be16(6)?);
        }
        (11 | 10, 12) => {
            need!(16);
            out!(p, "{indent}  IPv4 Tunnel Sender Address: ");
            ip4(p, o, 0)?;
            out!(
                p,
                ", LSP ID: 0x{:04x}{indent}  Sub-Group Originator ID: ",
                o.be16(6)?
            );
            ip4(p, o, 8)?;
            out!(p, ", Sub-Group ID: 0x{:04x}", o.be16(12)?);
        }
        (10, 3) => {
            need!(20);
            out!(p, "{indent}  Source Address: ");
            ip6(p, o, 0)?;
            out!(p, ", Flow Label: {}", o.be24(17)?);
        }
        // tcpdump reads an IPv4 address for its "Tunnel IPv6" FilterSpec.
        (10, 8) => {
            need!(20);
            out!(p, "{indent}  Source Address: ");
            ip4(p, o, 0)?;
            out!(p, ", LSP-ID: 0x{:04x}", o.be16(18)?);
        }
        (10, 7) => {
            need!(8);
            out!(p, "{indent}  Source Address: ");
            ip4(p, o, 0)?;
            out!(p, ", LSP-ID: 0x{:04x}", o.be16(6)?);
        }
        // Label Request
        (19, 1) => {
            for at in (0..tlen / 4).map(|i| i * 4) {
                let t = o.be16(at + 2)?;
                out!(p, "{indent}  L3 Protocol ID: ");
                ethertype(p, t);
            }
        }
        (19, 2) => {
            need!(12);
            out!(p, "{indent}  L3 Protocol ID: ");
            ethertype(p, o.be16(2)?);
            let merge = if o.u8_at(4)? & 0x80 != 0 { "no" } else { "" };
            out!(p, ",{merge} merge capability");
            out!(
                p,
                "{indent}  Minimum VPI/VCI: {}/{}",
                o.be16(4)? & 0xfff,
                o.be16(6)? & 0xfff
            );
            out!(
                p,
                "{indent}  Maximum VPI/VCI: {}/{}",
                o.be16(8)? & 0xfff,
                o.be16(10)? & 0xfff
            );
        }
        (19, 3) => {
            need!(12);
            out!(p, "{indent}  L3 Protocol ID: ");
            ethertype(p, o.be16(2)?);
            let bits = (o.be16(4)? >> 7) & 3;
            out!(
                p,
                "{indent}  Minimum/Maximum DLCI: {}/{}, {}{} bit DLCI",
                o.be32(4)? & 0x7f_ffff,
                o.be32(8)? & 0x7f_ffff,
                if bits == 0 { "10" } else { "" },
                if bits == 2 { "23" } else { "" }
            );
        }
        (19, 4) => {
            need!(4);
            let enc = o.u8_at(0)?;
            let sw = o.u8_at(1)?;
            let pid = o.be16(2)?;
            out!(
                p,
                "{indent}  LSP Encoding Type: {} ({enc}){indent}  Switching Type: {} ({sw}), Payload ID: {} (0x{pid:04x})",
                gmpls::encoding_name(enc),
                gmpls::switch_cap_name(sw),
                gmpls::payload_name(pid)
            );
        }
        // ERO and RRO
        (20 | 21, 1) => return xro(p, o, indent),
        // Hello
        (22, 1 | 2) => {
            need!(8);
            out!(
                p,
                "{indent}  Source Instance: 0x{:08x}, Destination Instance: 0x{:08x}",
                o.be32(0)?,
                o.be32(4)?
            );
        }
        (131, 1) => {
            need!(8);
            out!(
                p,
                "{indent}  Restart  Time: {}ms, Recovery Time: {}ms",
                o.be32(0)?,
                o.be32(4)?
            );
        }
        (134, 1) => {
            need!(4);
            let v = o.be32(0)?;
            if v & !7 != 0 {
                out!(p, "{indent}  [reserved=0x{:08x} must be zero]", v & !7);
            }
            out!(p, "{indent}  Flags: [");
            bittok2str(p, CAPABILITY_FLAGS, "none", v & 7);
            p.s("]");
        }
        (207, 7) => {
            need!(4);
            let namelen = usize::from(o.u8_at(3)?);
            need!(4 + namelen);
            out!(p, "{indent}  Session Name: ");
            for &c in o.range(4, namelen)? {
                super::chars::print_char(p, c);
            }
            let flags = o.u8_at(2)?;
            out!(
                p,
                "{indent}  Setup Priority: {}, Holding Priority: {}, Flags: [",
                o.u8_at(0)?,
                o.u8_at(1)?
            );
            bittok2str(p, SESSION_ATTRIBUTE_FLAGS, "none", u32::from(flags));
            p.s("] (");
            alt_hex(p, flags);
            p.s(")");
        }
        (229, 1) => return gen_uni(p, o, indent),
        // RSVP Hop: its TLVs (C-Types 3 and 4) are only hex dumped.
        (3, 1 | 3) => {
            need!(8);
            out!(p, "{indent}  Previous/Next Interface: ");
            ip4(p, o, 0)?;
            out!(p, ", Logical Interface Handle: 0x{:08x}", o.be32(4)?);
            hexdump = tlen > 8;
        }
        (3, 2 | 4) => {
            need!(20);
            out!(p, "{indent}  Previous/Next Interface: ");
            ip6(p, o, 0)?;
            out!(p, ", Logical Interface Handle: 0x{:08x}", o.be32(16)?);
            hexdump = true;
        }
        (5, 1) => {
            need!(4);
            out!(p, "{indent}  Refresh Period: {}ms", o.be32(0)?);
        }
        // Sender TSpec, Adspec and Flowspec share their IntServ format.
        (12 | 13 | 9, 2) => {
            need!(4);
            out!(
                p,
                "{indent}  Msg-Version: {}, length: {}",
                o.u8_at(0)? >> 4,
                u32::from(o.be16(2)?) << 2
            );
            let mut at = 4usize;
            while tlen - at >= 4 {
                let stype = o.u8_at(at)?;
                let brk = if o.u8_at(at + 1)? & 0x80 != 0 {
                    ""
                } else {
                    "not "
                };
                let mut serv_tlen = u32::from(o.be16(at + 2)?) << 2;
                out!(
                    p,
                    "{indent}  Service Type: {} ({stype}), break bit {brk}set, Service length: {serv_tlen}",
                    intserv_service_name(stype)
                );
                at += 4;
                while serv_tlen >= 4 {
                    let processed = intserv(p, o, at)?;
                    if processed == 0 {
                        break;
                    }
                    at += processed;
                    // tcpdump's unsigned count wraps when a parameter is
                    // longer than its service says.
                    serv_tlen = serv_tlen.wrapping_sub(processed as u32);
                }
            }
        }
        (205, 1 | 7) => {
            need!(if ctype == 1 { 20 } else { 16 });
            let bw = f32::from_bits(o.be32(4)?);
            out!(
                p,
                "{indent}  Setup Priority: {}, Holding Priority: {}, Hop-limit: {}, Bandwidth: {} Mbps",
                o.u8_at(0)?,
                o.u8_at(1)?,
                o.u8_at(2)?,
                G10(f64::from(bw * 8.0 / 1_000_000.0))
            );
            if ctype == 1 {
                out!(
                    p,
                    "{indent}  Include-any: 0x{:08x}, Exclude-any: 0x{:08x}, Include-all: 0x{:08x}",
                    o.be32(8)?,
                    o.be32(12)?,
                    o.be32(16)?
                );
            } else {
                out!(
                    p,
                    "{indent}  Include Colors: 0x{:08x}, Exclude Colors: 0x{:08x}",
                    o.be32(8)?,
                    o.be32(12)?
                );
            }
        }
        (63, 7) => {
            for at in (0..tlen / 8).map(|i| i * 8) {
                out!(p, "{indent}  PLR-ID: ");
                ip4(p, o, at)?;
                p.s(", Avoid-Node-ID: ");
                ip4(p, o, at + 4)?;
            }
        }
        (66 | 125, 1) => {
            need!(4);
            out!(p, "{indent}  CT: {}", o.be32(0)? & 7);
        }
        // Error Spec: the TLVs of C-Types 3 and 4 are not decoded.
        (6, 1 | 3) => {
            need!(8);
            let code = o.u8_at(5)?;
            let value = o.be16(6)?;
            out!(p, "{indent}  Error Node Address: ");
            ip4(p, o, 0)?;
            out!(
                p,
                ", Flags: [0x{:02x}]{indent}  Error Code: {} ({code})",
                o.u8_at(4)?,
                error_code_name(code)
            );
            match code {
                ERROR_CODE_ROUTING => {
                    out!(p, ", Error Value: {} ({value})", routing_error_name(value))
                }
                ERROR_CODE_DIFFSERV_TE | ERROR_CODE_DIFFSERV_TE_OLD => out!(
                    p,
                    ", Error Value: {} ({value})",
                    diffserv_te_error_name(value)
                ),
                _ => out!(p, ", Unknown Error Value ({value})"),
            }
        }
        (6, 2 | 4) => {
            need!(20);
            let code = o.u8_at(17)?;
            let value = o.be16(18)?;
            out!(p, "{indent}  Error Node Address: ");
            ip6(p, o, 0)?;
            out!(
                p,
                ", Flags: [0x{:02x}]{indent}  Error Code: {} ({code})",
                o.u8_at(16)?,
                error_code_name(code)
            );
            if code == ERROR_CODE_ROUTING {
                out!(p, ", Error Value: {} ({value})", routing_error_name(value));
            }
        }
        (204, 1) => {
            need!(4);
            let padbytes = usize::from(o.be16(2)?);
            out!(
                p,
                "{indent}  TLV count: {}, padding bytes: {padbytes}",
                o.be16(0)?
            );
            let mut at = 4usize;
            while tlen - at >= 2 + padbytes {
                let t = o.u8_at(at)?;
                let l = usize::from(o.u8_at(at + 1)?);
                out!(
                    p,
                    "{indent}    {} TLV (0x{t:02x}), length: {l}",
                    prop_tlv_name(t)
                );
                if tlen - at < l {
                    return Ok(Flow::TooShort);
                }
                if l < 2 {
                    out!(p, "{indent}ERROR: property TLV is too short");
                    return Ok(Flow::Stop);
                }
                print_unknown_data(p, o.get(at + 2..), "\n\t\t", l - 2);
                at += l;
            }
        }
        (23..=25, 1 | 2) => {
            need!(4);
            out!(
                p,
                "{indent}  Flags [0x{:02x}], epoch: {}",
                o.u8_at(0)?,
                o.be24(1)?
            );
            for at in (1..tlen / 4).map(|i| i * 4) {
                let id = o.be32(at)?;
                out!(p, "{indent}    Message-ID 0x{id:08x} ({id})");
            }
        }
        (4, 1) => {
            need!(32);
            let flags = o.u8_at(0)?;
            out!(
                p,
                "{indent}  Key-ID 0x{:04x}{:08x}, Sequence 0x{:08x}{:08x}, Flags [",
                o.be16(2)?,
                o.be32(4)?,
                o.be32(8)?,
                o.be32(12)?
            );
            bittok2str(p, INTEGRITY_FLAGS, "none", u32::from(flags));
            out!(
                p,
                "]{indent}  MD5-sum 0x{:08x}{:08x}{:08x}{:08x} ",
                o.be32(16)?,
                o.be32(20)?,
                o.be32(24)?,
                o.be32(28)?
            );
            // tcpdump checks the digest only with a secret (-M), which
            // tcpscope does not take.
            p.s(" (unchecked)");
        }
        (196, 1) => {
            need!(4);
            let v = o.be32(0)?;
            out!(p, "{indent}  Flags [");
            bittok2str(p, ADMIN_STATUS_FLAGS, "none", v);
            p.s("]");
        }
        (36, 1) => {
            need!(4);
            let action = o.be16(0)? >> 8;
            out!(
                p,
                "{indent}  Action: {} ({action}), Label type: {}",
                label_set_action_name(action),
                o.be32(0)? & 0x7f
            );
            if action == 2 || action == 3 {
                need!(12);
                out!(
                    p,
                    "{indent}  Start range: {}, End range: {}",
                    o.be32(4)?,
                    o.be32(8)?
                );
            } else {
                for (n, at) in (1..tlen / 4).map(|i| i * 4).enumerate() {
                    out!(p, "{indent}  Subchannel #{}: {}", n + 1, o.be32(at)?);
                }
            }
        }
        (50, 1) => {
            need!(4);
            out!(p, "{indent}  Sub-LSP destination address: ");
            ip4(p, o, 0)?;
        }
        (50, 2) => {
            need!(16);
            out!(p, "{indent}  Sub-LSP destination address: ");
            ip6(p, o, 0)?;
        }
        // The classes tcpdump decodes, with a C-Type it does not.
        (
            1 | 15 | 195 | 16 | 129 | 35 | 34 | 8 | 11 | 19 | 20 | 21 | 22 | 131 | 134 | 207 | 229
            | 3 | 5 | 12 | 13 | 9 | 10 | 205 | 63 | 66 | 125 | 6 | 204 | 23 | 24 | 25 | 4 | 196
            | 36 | 50,
            _,
        ) => hexdump = true,
        // Scope, Policy Data, Acceptable Label Set, Protection and the
        // unknown classes.
        _ => {
            if p.opts.verbose <= 1 {
                print_unknown_data(p, Some(o), "\n\t    ", tlen);
            }
        }
    }
    Ok(Flow::Done(hexdump))
}

/// The subobjects of an ERO or RRO of C-Type 1.
fn xro(p: &mut Printer, o: &[u8], indent: &str) -> Result<Flow, Trunc> {
    let mut at = 0usize;
    while o.len() - at >= 4 {
        let t = o.u8_at(at)?;
        let length = usize::from(o.u8_at(at + 1)?);
        out!(p, "{indent}  Subobject Type: ");
        match xro_name(t & 0x7f) {
            Some(n) => p.s(n),
            None => out!(p, "Unknown {}", t & 0x7f),
        }
        out!(p, ", length {length}");
        if o.len() - at < length {
            out!(p, "{indent}  ERROR: ERO subobject length > object length");
            break;
        }
        if length == 0 {
            out!(p, "{indent}  ERROR: zero length ERO subtype");
            break;
        }
        match t & 0x7f {
            1 => {
                if length != 8 {
                    p.s(" ERROR: length != 8");
                    return Ok(Flow::Invalid);
                }
                let prefix_length = o.u8_at(at + 6)?;
                if prefix_length != 32 {
                    out!(p, " ERROR: Prefix length {prefix_length} != 32");
                    return Ok(Flow::Invalid);
                }
                let flags = o.u8_at(at + 7)?;
                let loose = if t & 0x80 != 0 { "Loose" } else { "Strict" };
                out!(p, ", {loose}, ");
                ip4(p, o, at + 2)?;
                out!(p, "/{prefix_length}, Flags: [");
                bittok2str(p, RRO_FLAGS, "none", u32::from(flags));
                p.s("]");
            }
            3 => {
                if length != 8 {
                    p.s(" ERROR: length != 8");
                    return Ok(Flow::Invalid);
                }
                let flags = o.u8_at(at + 2)?;
                let ct = o.u8_at(at + 3)?;
                let label = o.be32(at + 4)?;
                p.s(", Flags: [");
                bittok2str(p, RRO_LABEL_FLAGS, "none", u32::from(flags));
                p.s("] (");
                alt_hex(p, flags);
                out!(p, "), Class-Type: {} ({ct}), {label}", ctype_name(21, ct));
            }
            _ => {}
        }
        at += length;
    }
    Ok(Flow::Done(false))
}

/// The subobjects of a Generalized UNI object of C-Type 1 (OIF UNI 1.0).
fn gen_uni(p: &mut Printer, o: &[u8], indent: &str) -> Result<Flow, Trunc> {
    if o.len() < 4 {
        return Ok(Flow::TooShort);
    }
    let mut hexdump = false;
    let mut total = o.len();
    // tcpdump adds each subobject's length to the object's remaining
    // length where it means to subtract it; only its check below sees it.
    let mut obj_tlen = o.len();
    let mut at = 0usize;
    while total > 0 {
        if total < 4 {
            return Ok(Flow::Invalid);
        }
        let sub_len = usize::from(o.be16(at)?);
        let w = o.be16(at + 2)?;
        let (sub_type, af) = (w >> 8, w & 0xff);
        out!(
            p,
            "{indent}  Subobject Type: {} ({sub_type}), AF: {} ({af}), length: {sub_len}",
            gen_uni_name(sub_type),
            super::bgp::af_name(af, "Unknown")
        );
        if sub_len < 4 || sub_len > total || obj_tlen < sub_len {
            return Ok(Flow::Invalid);
        }
        match sub_type {
            1 | 2 => match af {
                1 => {
                    if sub_len < 8 {
                        return Ok(Flow::SubTooShort);
                    }
                    out!(p, "{indent}    UNI IPv4 TNA address: ");
                    ip4(p, o, at + 4)?;
                }
                2 => {
                    if sub_len < 20 {
                        return Ok(Flow::SubTooShort);
                    }
                    out!(p, "{indent}    UNI IPv6 TNA address: ");
                    ip6(p, o, at + 4)?;
                }
                3 => hexdump = true,
                _ => {}
            },
            3 => hexdump |= sub_len > 4,
            4 => {
                if sub_len < 16 {
                    return Ok(Flow::SubTooShort);
                }
                let v = o.be32(at + 4)?;
                out!(
                    p,
                    "{indent}    U-bit: {:x}, Label type: {}, Logical port id: {}, Label: {}",
                    v >> 31,
                    v & 0xff,
                    o.be32(at + 8)?,
                    o.be32(at + 12)?
                );
            }
            5 => {
                if sub_len < 8 {
                    return Ok(Flow::SubTooShort);
                }
                out!(p, "{indent}    Service level: {}", o.be32(at + 4)? >> 24);
            }
            _ => hexdump = true,
        }
        total -= sub_len;
        at += sub_len;
        obj_tlen += sub_len;
    }
    Ok(Flow::Done(hexdump))
}

/// `rsvp_intserv_print`: one IntServ parameter at `at` of the body `o`;
/// the bytes it took, 0 when it does not fit.
fn intserv(p: &mut Printer, o: &[u8], at: usize) -> Result<usize, Trunc> {
    let obj_tlen = o.len() - at;
    if obj_tlen < 4 {
        return Ok(0);
    }
    let id = o.u8_at(at)?;
    let plen = usize::from(o.be16(at + 2)?) << 2;
    out!(
        p,
        "\n\t      Parameter ID: {} ({id}), length: {plen}, Flags: [0x{:02x}]",
        intserv_parameter_name(id),
        o.u8_at(at + 1)?
    );
    if obj_tlen < plen + 4 {
        return Ok(0);
    }
    let v = at + 4;
    let mbps = |bits: u32| G10(f64::from(f32::from_bits(bits) / 125_000.0));
    match id {
        4 if plen == 4 => out!(p, "\n\t\tIS hop count: {}", o.be32(v)?),
        6 if plen == 4 => out!(p, "\n\t\tPath b/w estimate: {} Mbps", mbps(o.be32(v)?)),
        8 if plen == 4 => {
            let l = o.be32(v)?;
            p.s("\n\t\tMinimum path latency: ");
            if l == 0xffff_ffff {
                p.s("don't care");
            } else {
                out!(p, "{l}");
            }
        }
        10 if plen == 4 => out!(p, "\n\t\tComposed MTU: {} bytes", o.be32(v)?),
        127 if plen == 20 => {
            out!(p, "\n\t\tToken Bucket Rate: {} Mbps", mbps(o.be32(v)?));
            out!(
                p,
                "\n\t\tToken Bucket Size: {} bytes",
                G10(f64::from(f32::from_bits(o.be32(v + 4)?)))
            );
            out!(p, "\n\t\tPeak Data Rate: {} Mbps", mbps(o.be32(v + 8)?));
            out!(p, "\n\t\tMinimum Policed Unit: {} bytes", o.be32(v + 12)?);
            out!(p, "\n\t\tMaximum Packet Size: {} bytes", o.be32(v + 16)?);
        }
        130 if plen == 8 => {
            out!(p, "\n\t\tRate: {} Mbps", mbps(o.be32(v)?));
            out!(p, "\n\t\tSlack Term: {}", o.be32(v + 4)?);
        }
        133..=136 if plen == 4 => out!(p, "\n\t\tValue: {}", o.be32(v)?),
        4 | 6 | 8 | 10 | 127 | 130 | 133..=136 => {}
        _ => {
            if p.opts.verbose <= 1 {
                print_unknown_data(p, o.get(v..), "\n\t\t", plen);
            }
        }
    }
    Ok(plen + 4)
}
