//! BGP over TCP port 179 (`print-bgp.c`): `: BGP` on the TCP line; with
//! `-v` every message of the segment on its own lines: OPEN with its
//! optional parameters and capabilities, UPDATE (withdrawn IPv4 routes,
//! path attributes, IPv4 NLRI), NOTIFICATION with its code and subcode
//! (and RFC 9003's shutdown communication), KEEPALIVE, ROUTE-REFRESH; at
//! `-vv` the hex of capabilities, attributes and route refreshes.
//!
//! Every path attribute tcpdump 4.99 decodes is decoded here too (ORIGIN,
//! AS_PATH/AS4_PATH, NEXT_HOP, MED, LOCAL_PREF, ATOMIC_AGGREGATE,
//! AGGREGATOR(4), COMMUNITIES, ORIGINATOR_ID, CLUSTER_LIST, extended
//! communities, PMSI tunnel, AIGP, ATTR_SET, large communities, MP_REACH
//! and MP_UNREACH), the others as tcpdump shows them (`no Attribute N
//! decoder` and the hex). The NLRI kinds, next hops, route distinguishers
//! and extended community formats live in [`nlri`].
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

mod nlri;

use super::hex::print_unknown_data;
use super::{P, Printer, out};
use crate::decode::Bytes;

const BGP_SIZE: usize = 19;
const OPEN_SIZE: usize = 29;
const NOTIFICATION_SIZE: usize = 21;
const ROUTE_REFRESH_SIZE: usize = 23;
const MARKER: [u8; 16] = [0xff; 16];

fn msg_name(t: u8) -> Option<&'static str> {
    Some(match t {
        1 => "Open",
        2 => "Update",
        3 => "Notification",
        4 => "Keepalive",
        5 => "Route Refresh",
        _ => return None,
    })
}

fn opt_name(t: u8) -> &'static str {
    match t {
        1 => "Authentication Information",
        2 => "Capabilities Advertisement",
        _ => "Unknown",
    }
}

fn cap_name(t: u8) -> &'static str {
    match t {
        1 => "Multiprotocol Extensions",
        2 => "Route Refresh",
        3 => "Cooperative Route Filtering",
        4 => "Multiple Routes to a Destination",
        5 => "Extended Next Hop Encoding",
        8 => "Multiple Labels",
        64 => "Graceful Restart",
        65 => "32-Bit AS Number",
        67 => "Dynamic Capability",
        68 => "Multisession BGP",
        69 => "Multiple Paths",
        70 => "Enhanced Route Refresh",
        71 => "Long-lived Graceful Restart",
        128 => "Route Refresh (Cisco)",
        _ => "Unknown",
    }
}

/// `, Flags [OTPE` and the low bits as `+x`, without the closing bracket:
/// print-bgp.c's attribute flags, the same in UPDATE and in ATTR_SET.
fn attr_flags(p: &mut Printer, flags: u8) {
    out!(
        p,
        ", Flags [{}{}{}{}",
        if flags & 0x80 != 0 { "O" } else { "" },
        if flags & 0x40 != 0 { "T" } else { "" },
        if flags & 0x20 != 0 { "P" } else { "" },
        if flags & 0x10 != 0 { "E" } else { "" }
    );
    if flags & 0xf != 0 {
        out!(p, "+{:x}", flags & 0xf);
    }
}

fn attr_name(t: u8) -> &'static str {
    match t {
        1 => "Origin",
        2 => "AS Path",
        17 => "AS4 Path",
        3 => "Next Hop",
        4 => "Multi Exit Discriminator",
        5 => "Local Preference",
        6 => "Atomic Aggregate",
        7 => "Aggregator",
        18 => "Aggregator4",
        8 => "Community",
        9 => "Originator ID",
        10 => "Cluster List",
        11 => "DPA",
        12 => "Advertisers",
        13 => "RCID Path / Cluster ID",
        14 => "Multi-Protocol Reach NLRI",
        15 => "Multi-Protocol Unreach NLRI",
        16 => "Extended Community",
        22 => "PMSI Tunnel",
        23 => "Tunnel Encapsulation",
        24 => "Traffic Engineering",
        25 => "IPv6 Extended Community",
        26 => "Accumulated IGP Metric",
        27 => "PE Distinguisher Label",
        28 => "Entropy Label",
        32 => "Large Community",
        128 => "Attribute Set",
        255 => "Reserved for development",
        _ => "Unknown Attribute",
    }
}

/// `af_values`, with tok2str's default.
pub(super) fn af_name(af: u16, unknown: &'static str) -> &'static str {
    match af {
        0 => "Reserved",
        1 => "IPv4",
        2 => "IPv6",
        3 => "NSAP",
        4 => "HDLC",
        5 => "BBN 1822",
        6 => "802",
        7 => "E.163",
        8 => "E.164",
        9 => "F.69",
        10 => "X.121",
        11 => "Novell IPX",
        12 => "Appletalk",
        13 => "Decnet IV",
        14 => "Banyan Vines",
        15 => "E.164 with NSAP subaddress",
        196 => "Layer-2 VPN",
        25 => "VPLS",
        _ => unknown,
    }
}

/// `bgp_safi_values`, with tok2str's default.
fn safi_name(s: u8, unknown: &'static str) -> &'static str {
    match s {
        0 => "Reserved",
        1 => "Unicast",
        2 => "Multicast",
        3 => "Unicast+Multicast",
        4 => "labeled Unicast",
        64 => "Tunnel",
        65 => "VPLS",
        66 => "MDT",
        70 => "EVPN",
        128 => "labeled VPN Unicast",
        129 => "labeled VPN Multicast",
        130 => "labeled VPN Unicast+Multicast",
        132 => "Route Target Routing Information",
        5 => "Multicast VPN",
        _ => unknown,
    }
}

fn notify_major(c: u8) -> &'static str {
    match c {
        1 => "Message Header Error",
        2 => "OPEN Message Error",
        3 => "UPDATE Message Error",
        4 => "Hold Timer Expired",
        5 => "Finite State Machine Error",
        6 => "Cease",
        7 => "Capability Message Error",
        _ => "Unknown Error",
    }
}

fn notify_minor(major: u8, minor: u8) -> &'static str {
    let t: &[&str] = match major {
        1 => &[
            "Connection Not Synchronized",
            "Bad Message Length",
            "Bad Message Type",
        ],
        2 => &[
            "Unsupported Version Number",
            "Bad Peer AS",
            "Bad BGP Identifier",
            "Unsupported Optional Parameter",
            "Authentication Failure",
            "Unacceptable Hold Time",
            "Capability Message Error",
        ],
        3 => &[
            "Malformed Attribute List",
            "Unrecognized Well-known Attribute",
            "Missing Well-known Attribute",
            "Attribute Flags Error",
            "Attribute Length Error",
            "Invalid ORIGIN Attribute",
            "AS Routing Loop",
            "Invalid NEXT_HOP Attribute",
            "Optional Attribute Error",
            "Invalid Network Field",
            "Malformed AS_PATH",
        ],
        5 => {
            return match minor {
                0 => "Unspecified Error",
                1 => "In OpenSent State",
                2 => "In OpenConfirm State",
                3 => "In Established State",
                _ => "Unknown",
            };
        }
        7 => &[
            "Invalid Action Value",
            "Invalid Capability Length",
            "Malformed Capability Value",
            "Unsupported Capability Code",
        ],
        6 => &[
            "Maximum Number of Prefixes Reached",
            "Administrative Shutdown",
            "Peer Unconfigured",
            "Administrative Reset",
            "Connection Rejected",
            "Other Configuration Change",
            "Connection Collision Resolution",
        ],
        _ => &[],
    };
    usize::from(minor)
        .checked_sub(1)
        .and_then(|i| t.get(i))
        .copied()
        .unwrap_or("Unknown")
}

/// `bgp_print`.
pub(super) fn bgp_print(p: &mut Printer, d: &[u8]) -> P {
    p.cur.protocol = "bgp";
    p.s(": BGP");
    if p.opts.verbose < 1 {
        return Ok(());
    }
    let mut at = 0usize;
    let mut start = 0usize;
    while at < d.len() {
        if d.u8_at(at)? != 0xff {
            at += 1;
            continue;
        }
        let Ok(m) = d.range(at, 16) else { break };
        if m != MARKER {
            at += 1;
            continue;
        }
        if !d.has(at, BGP_SIZE) {
            p.trunc();
            return Ok(());
        }
        if start != at {
            p.trunc();
        }
        let hlen = usize::from(d.be16(at + 16)?);
        if hlen < BGP_SIZE {
            out!(p, "\nmessage length {hlen} < {BGP_SIZE}");
            p.s(" (invalid)");
            break;
        }
        if d.has(at, hlen) {
            let msg = d.from(at)?;
            if !pdu_print(p, msg, hlen)? {
                return Ok(());
            }
            at += hlen;
            start = at;
        } else {
            let t = d.u8_at(at + 18)?;
            out!(
                p,
                "\n[|BGP {}]",
                msg_name(t).unwrap_or("Unknown Message Type")
            );
            break;
        }
    }
    Ok(())
}

/// `bgp_pdu_print`: false where it printed the truncation mark and
/// `bgp_print` stops.
fn pdu_print(p: &mut Printer, d: &[u8], length: usize) -> Result<bool, crate::decode::Trunc> {
    let t = d.u8_at(18)?;
    out!(
        p,
        "\n\t{} Message ({t}), length: {length}",
        msg_name(t).unwrap_or("Unknown")
    );
    match t {
        1 => open_print(p, d, length)?,
        2 => update_print(p, d, length)?,
        3 => notification_print(p, d, length)?,
        4 => {}
        5 => route_refresh_print(p, d, length)?,
        _ => {
            out!(p, "\n\t  no Message {t} decoder");
            print_unknown_data(p, Some(d), "\n\t  ", length);
        }
    }
    Ok(true)
}

fn open_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    if !d.has(0, OPEN_SIZE) || length < OPEN_SIZE {
        p.trunc();
        return Ok(());
    }
    out!(p, "\n\t  Version {}, ", d.u8_at(19)?);
    out!(p, "my AS {}, ", d.be16(20)?);
    out!(p, "Holdtime {}s, ", d.be16(22)?);
    p.s("ID ");
    p.ip4(*d.array::<4>(24)?);
    let optslen = usize::from(d.u8_at(28)?);
    out!(p, "\n\t  Optional parameters, length: {optslen}");
    let opt = OPEN_SIZE;
    let length = length - OPEN_SIZE;
    let mut i = 0usize;
    while i < optslen {
        if !d.has(opt + i, 2) || length < 2 + i {
            p.trunc();
            return Ok(());
        }
        let ty = d.u8_at(opt + i)?;
        let len = usize::from(d.u8_at(opt + i + 1)?);
        if 2 + i + len > optslen {
            out!(
                p,
                "\n\t     Option {ty}, length: {len}, goes past the end of the options"
            );
            break;
        }
        out!(p, "\n\t    Option {} ({ty}), length: {len}", opt_name(ty));
        if ty == 2 {
            capabilities_print(p, d, opt + 2 + i, len)?;
        } else {
            out!(p, "\n\t      no decoder for option {ty}");
        }
        i += 2 + len;
    }
    Ok(())
}

/// `bgp_capabilities_print` over the `caps_len` bytes at `base`.
fn capabilities_print(p: &mut Printer, d: &[u8], base: usize, caps_len: usize) -> P {
    let v = p.opts.verbose;
    let mut i = 0usize;
    while i < caps_len {
        if !d.has(base + i, 2) {
            p.trunc();
            return Ok(());
        }
        let at = base + i;
        let ty = d.u8_at(at)?;
        let len = usize::from(d.u8_at(at + 1)?);
        out!(p, "\n\t      {} ({ty}), length: {len}", cap_name(ty));
        if !d.has(at + 2, len) {
            p.trunc();
            return Ok(());
        }
        match ty {
            1 => {
                if len < 4 {
                    p.s(" (too short, < 4)");
                    return Ok(());
                }
                let af = d.be16(at + 2)?;
                let safi = d.u8_at(at + 5)?;
                out!(
                    p,
                    "\n\t\tAFI {} ({af}), SAFI {} ({safi})",
                    af_name(af, "Unknown"),
                    safi_name(safi, "Unknown")
                );
            }
            8 => {
                let mut off = 2;
                let mut t = len;
                while t >= 4 {
                    let af = d.be16(at + off)?;
                    let safi = d.u8_at(at + off + 2)?;
                    let count = d.u8_at(at + off + 3)?;
                    out!(
                        p,
                        "\n\t\tAFI {} ({af}), SAFI {} ({safi}), Count: {count}",
                        af_name(af, "Unknown"),
                        safi_name(safi, "Unknown")
                    );
                    t -= 4;
                    off += 4;
                }
            }
            64 => {
                if len < 2 {
                    p.s(" (too short, < 2)");
                    return Ok(());
                }
                let r = if d.u8_at(at + 2)? & 0x80 != 0 {
                    "R"
                } else {
                    "none"
                };
                out!(
                    p,
                    "\n\t\tRestart Flags: [{r}], Restart Time {}s",
                    d.be16(at + 2)? & 0xfff
                );
                let mut t = len - 2;
                let mut off = 4;
                while t >= 4 {
                    let af = d.be16(at + off)?;
                    let safi = d.u8_at(at + off + 2)?;
                    let fwd = if d.u8_at(at + off + 3)? & 0x80 != 0 {
                        "yes"
                    } else {
                        "no"
                    };
                    out!(
                        p,
                        "\n\t\t  AFI {} ({af}), SAFI {} ({safi}), Forwarding state preserved: {fwd}",
                        af_name(af, "Unknown"),
                        safi_name(safi, "Unknown")
                    );
                    t -= 4;
                    off += 4;
                }
            }
            2 | 71 | 128 => {}
            65 => {
                if len < 4 {
                    p.s(" (too short, < 4)");
                    return Ok(());
                }
                out!(p, "\n\t\t 4 Byte AS {}", d.be32(at + 2)?);
            }
            69 => {
                if len == 0 {
                    p.s(" (bogus)");
                } else {
                    let mut t = len;
                    let mut off = 2;
                    while t != 0 {
                        if t < 4 {
                            p.s(" (invalid)");
                            break;
                        }
                        let af = d.be16(at + off)?;
                        let safi = d.u8_at(at + off + 2)?;
                        let sr = d.u8_at(at + off + 3)?;
                        let sr_name = match sr {
                            1 => "Receive".to_string(),
                            2 => "Send".to_string(),
                            3 => "Both".to_string(),
                            _ => format!("Bogus (0x{sr:02x})"),
                        };
                        out!(
                            p,
                            "\n\t\tAFI {} ({af}), SAFI {} ({safi}), Send/Receive: {sr_name}",
                            af_name(af, "Unknown"),
                            safi_name(safi, "Unknown")
                        );
                        t -= 4;
                        off += 4;
                    }
                }
            }
            _ => {
                out!(p, "\n\t\tno decoder for Capability {ty}");
                if v <= 1 {
                    print_unknown_data(p, d.get(at + 2..), "\n\t\t", len);
                }
            }
        }
        if v > 1 && len != 0 {
            print_unknown_data(p, d.get(at + 2..), "\n\t\t", len);
        }
        i += 2 + len;
    }
    Ok(())
}

/// `decode_prefix4`/`decode_prefix6` (`bits` 32 or 128) at `at`, checked
/// against `itemlen`: the prefix text and its length in bytes, or -1 for
/// an illegal prefix length, -2 where `itemlen` is too short.
pub(in crate::print) fn decode_prefix(
    p: &mut Printer,
    d: &[u8],
    at: usize,
    itemlen: usize,
    bits: u32,
) -> Result<Result<(Vec<u8>, usize), i32>, crate::decode::Trunc> {
    if itemlen < 1 {
        return Ok(Err(-2));
    }
    let plen = u32::from(d.u8_at(at)?);
    if plen > bits {
        return Ok(Err(-1));
    }
    let nbytes = plen.div_ceil(8) as usize;
    if itemlen - 1 < nbytes {
        return Ok(Err(-2));
    }
    let mut addr = [0u8; 16];
    let src = d.range(at + 1, nbytes)?;
    if let Some(dst) = addr.get_mut(..nbytes) {
        dst.copy_from_slice(src);
    }
    if plen % 8 != 0
        && let Some(last) = addr.get_mut(nbytes - 1)
    {
        *last &= ((0xff00u32 >> (plen % 8)) & 0xff) as u8;
    }
    // Format into the line, then take the text back out.
    let mark = p.out().len();
    if bits == 32 {
        let mut a = [0u8; 4];
        a.copy_from_slice(addr.get(..4).unwrap_or(&[0; 4]));
        p.ip4(a);
    } else {
        p.ip6(&addr);
    }
    out!(p, "/{plen}");
    let text = p.out().split_off(mark);
    Ok(Ok((text, 1 + nbytes)))
}

/// `check_add_path`: whether the NLRI at `at` (`length` bytes) reads
/// better with 4-byte path ids in front of each prefix.
fn check_add_path(d: &[u8], at: usize, length: usize, max: u32) -> bool {
    if length < 5 {
        return false;
    }
    let mut off = 0usize;
    while off < length {
        off += 4;
        let Ok(plen) = d.u8_at(at + off) else { break };
        let plen = u32::from(plen);
        if plen > max {
            return false;
        }
        off += 1 + plen.div_ceil(8) as usize;
    }
    if off > length {
        return false;
    }
    let mut off = 0usize;
    while off < length {
        let Ok(plen) = d.u8_at(at + off) else { break };
        let plen = u32::from(plen);
        if plen < 1 || plen > max {
            return true;
        }
        off += 1 + plen.div_ceil(8) as usize;
    }
    off > length
}

/// How [`prefix_list`] stopped.
enum ListEnd {
    /// The list was read to its end.
    Done,
    /// Fewer than 4 bytes listed were left for an add-path id; they are not
    /// counted as used. Each caller says what tcpdump does.
    ShortPathId,
    /// The add-path id's 4 bytes are listed but not all captured.
    PathIdNotCaptured,
    /// A prefix length over 32: `(illegal prefix length)` is printed.
    Illegal,
    /// A prefix ran past the list: the caller's `goto trunc`.
    Truncated,
}

/// The IPv4 prefixes of an UPDATE's withdrawn routes or NLRI, `len` bytes
/// at `at`, one a line, each with its add-path id where [`check_add_path`]
/// says the list has them: the loop body `bgp_update_print` has twice.
/// Returns the bytes used (a path id read before an illegal prefix counts)
/// and how the list ended.
fn prefix_list(
    p: &mut Printer,
    d: &[u8],
    mut at: usize,
    len: usize,
) -> Result<(usize, ListEnd), crate::decode::Trunc> {
    let add_path = check_add_path(d, at, len, 32);
    let mut left = len;
    while left != 0 {
        let mut path_id = 0;
        if add_path {
            if left < 4 {
                return Ok((len - left, ListEnd::ShortPathId));
            }
            if !d.has(at, 4) {
                return Ok((len - left, ListEnd::PathIdNotCaptured));
            }
            path_id = d.be32(at)?;
            at += 4;
            left -= 4;
        }
        match decode_prefix(p, d, at, left, 32)? {
            Err(-1) => {
                p.s("\n\t    (illegal prefix length)");
                return Ok((len - left, ListEnd::Illegal));
            }
            Err(_) => return Ok((len - left, ListEnd::Truncated)),
            Ok((text, n)) => {
                p.s("\n\t    ");
                p.out().extend_from_slice(&text);
                if add_path {
                    out!(p, "   Path Id: {path_id}");
                }
                at += n;
                left -= n;
            }
        }
    }
    Ok((len, ListEnd::Done))
}

fn update_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    if length < BGP_SIZE {
        p.trunc();
        return Ok(());
    }
    let mut at = BGP_SIZE;
    let mut length = length - BGP_SIZE;
    if !d.has(at, 2) || length < 2 {
        p.trunc();
        return Ok(());
    }
    let mut wlen = usize::from(d.be16(at)?);
    at += 2;
    length -= 2;
    if wlen > 1 {
        if !d.has(at, wlen) || length < wlen {
            p.trunc();
            return Ok(());
        }
        p.s("\n\t  Withdrawn routes:");
        let (used, end) = prefix_list(p, d, at, wlen)?;
        at += used;
        length -= used;
        wlen -= used;
        match end {
            ListEnd::Truncated => {
                p.trunc();
                return Ok(());
            }
            // tcpdump skips the rest of the section here without a word and
            // leaves its withdrawn_routes_len as it was, not 0, which the
            // End-of-RIB test below reads.
            ListEnd::ShortPathId => {
                at += wlen;
                length -= wlen;
            }
            // GET_BE_U_4 past the capture: tcpdump's longjmp, the whole
            // packet's truncation.
            ListEnd::PathIdNotCaptured => return Err(crate::decode::Trunc),
            ListEnd::Done | ListEnd::Illegal => {}
        }
    } else {
        if !d.has(at, wlen) || length < wlen {
            p.trunc();
            return Ok(());
        }
        at += wlen;
        length -= wlen;
    }
    if !d.has(at, 2) || length < 2 {
        p.trunc();
        return Ok(());
    }
    let mut len = usize::from(d.be16(at)?);
    at += 2;
    length -= 2;
    if wlen == 0 && len == 0 && length == 0 {
        p.s("\n\t  End-of-Rib Marker (empty NLRI)");
        return Ok(());
    }
    if len != 0 {
        if length < len {
            p.trunc();
            return Ok(());
        }
        while len != 0 {
            if !d.has(at, 2) || length < 2 {
                p.trunc();
                return Ok(());
            }
            if len < 2 {
                p.s("\n\t  [path attrs too short]");
                at += len;
                length -= len;
                break;
            }
            let flags = d.u8_at(at)?;
            let ty = d.u8_at(at + 1)?;
            at += 2;
            len -= 2;
            length -= 2;
            let lenlen = if flags & 0x10 != 0 { 2 } else { 1 };
            if !d.has(at, lenlen) || length < lenlen {
                p.trunc();
                return Ok(());
            }
            if len < lenlen {
                p.s("\n\t  [path attrs too short]");
                at += len;
                length -= len;
                break;
            }
            let alen = if lenlen == 2 {
                usize::from(d.be16(at)?)
            } else {
                usize::from(d.u8_at(at)?)
            };
            at += lenlen;
            len -= lenlen;
            length -= lenlen;
            out!(p, "\n\t  {} ({ty}), length: {alen}", attr_name(ty));
            if flags != 0 {
                attr_flags(p, flags);
                p.s("]: ");
            }
            if len < alen {
                p.s(" [path attrs too short]");
                at += len;
                length -= len;
                break;
            }
            if length < alen {
                p.trunc();
                return Ok(());
            }
            if !attr_print(p, d, ty, at, alen, 0)? {
                p.trunc();
                return Ok(());
            }
            at += alen;
            len -= alen;
            length -= alen;
        }
    }
    if length != 0 {
        p.s("\n\t  Updated routes:");
        // Here a path id cut short is tcpdump's ND_TCHECK_4/`goto trunc`.
        match prefix_list(p, d, at, length)?.1 {
            ListEnd::Truncated | ListEnd::ShortPathId | ListEnd::PathIdNotCaptured => p.trunc(),
            ListEnd::Done | ListEnd::Illegal => {}
        }
    }
    Ok(())
}

/// `bgp_attr_get_as_size`: 2 when the AS_PATH parses with 2-byte ASes.
fn as_size(d: &[u8], ty: u8, at: usize, len: usize) -> Result<usize, crate::decode::Trunc> {
    if ty == 17 {
        return Ok(4);
    }
    let mut t = at;
    while t < at + len {
        let seg = d.u8_at(t)?;
        if !(1..=4).contains(&seg) {
            return Ok(4);
        }
        t += 2 + usize::from(d.u8_at(t + 1)?) * 2;
    }
    Ok(if t == at + len { 2 } else { 4 })
}

/// `bgp_attr_print`: false where tcpdump's returns 0 (truncated). `level`
/// counts ATTR_SET nesting, which tcpdump stops at 10.
fn attr_print(
    p: &mut Printer,
    d: &[u8],
    ty: u8,
    at: usize,
    len: usize,
    level: u32,
) -> Result<bool, crate::decode::Trunc> {
    match ty {
        1 => {
            if len != 1 {
                p.s("invalid len");
            } else {
                p.s(match d.u8_at(at)? {
                    0 => "IGP",
                    1 => "EGP",
                    2 => "Incomplete",
                    _ => "Unknown Origin Typecode",
                });
            }
        }
        2 | 17 => {
            if !len.is_multiple_of(2) {
                p.s("invalid len");
            } else if len == 0 {
                p.s("empty");
            } else {
                let size = as_size(d, ty, at, len)?;
                let mut t = at;
                while t < at + len {
                    let seg = d.u8_at(t)?;
                    p.s(match seg {
                        2 => "",
                        1 => "{ ",
                        3 => "( ",
                        4 => "({ ",
                        _ => "?",
                    });
                    let n = usize::from(d.u8_at(t + 1)?) * size;
                    let mut i = 0;
                    while i < n {
                        if !d.has(t + 2 + i, size) {
                            return Ok(false);
                        }
                        let asn = if size == 2 {
                            u32::from(d.be16(t + 2 + i)?)
                        } else {
                            d.be32(t + 2 + i)?
                        };
                        out!(p, "{asn} ");
                        i += size;
                    }
                    p.s(match seg {
                        2 => "",
                        1 => "}",
                        3 => ")",
                        4 => "})",
                        _ => "?",
                    });
                    t += 2 + n;
                }
            }
        }
        3 | 9 => {
            if len != 4 {
                p.s("invalid len");
            } else {
                p.ip4(*d.array::<4>(at)?);
            }
        }
        4 | 5 => {
            if len != 4 {
                p.s("invalid len");
            } else {
                out!(p, "{}", d.be32(at)?);
            }
        }
        6 => {
            if len != 0 {
                p.s("invalid len");
            }
        }
        7 | 18 => {
            if (ty == 7 && len != 6 && len != 8) || (ty == 18 && len != 8) {
                p.s("invalid len");
            } else {
                if !d.has(at, len) {
                    return Ok(false);
                }
                if len == 6 {
                    out!(p, " AS #{}, origin ", d.be16(at)?);
                    p.ip4(*d.array::<4>(at + 2)?);
                } else {
                    out!(p, " AS #{}, origin ", d.be32(at)?);
                    p.ip4(*d.array::<4>(at + 4)?);
                }
            }
        }
        8 => {
            if !len.is_multiple_of(4) {
                p.s("invalid len");
            } else {
                let mut t = at;
                let mut tlen = len;
                while tlen != 0 {
                    if !d.has(t, 4) {
                        return Ok(false);
                    }
                    let c = d.be32(t)?;
                    match c {
                        0xffff_ff01 => p.s(" NO_EXPORT"),
                        0xffff_ff02 => p.s(" NO_ADVERTISE"),
                        0xffff_ff03 => p.s(" NO_EXPORT_SUBCONFED"),
                        _ => out!(
                            p,
                            "{}:{}{}",
                            c >> 16,
                            c & 0xffff,
                            if tlen > 4 { ", " } else { "" }
                        ),
                    }
                    tlen -= 4;
                    t += 4;
                }
            }
        }
        10 => {
            if !len.is_multiple_of(4) {
                p.s("invalid len");
            } else {
                let mut t = at;
                let mut tlen = len;
                while tlen != 0 {
                    p.ip4(*d.array::<4>(t)?);
                    if tlen > 4 {
                        p.s(", ");
                    }
                    tlen -= 4;
                    t += 4;
                }
            }
        }
        14 => {
            if !d.has(at, 3) || len < 3 {
                return Ok(false);
            }
            let (af, safi) = match mp_af_print(p, d, at, len)? {
                Af::Yes(af, safi) => (af, safi),
                Af::No => return done(p, d, at, len),
                Af::Trunc => return Ok(false),
            };
            let mut t = at + 3;
            let mut tlen = len - 3;
            if !d.has(t, 1) || tlen < 1 {
                return Ok(false);
            }
            let nhlen = usize::from(d.u8_at(t)?);
            t += 1;
            tlen -= 1;
            if nhlen != 0 {
                if tlen < nhlen {
                    return Ok(false);
                }
                p.s("\n\t    nexthop: ");
                let mut left = nhlen;
                let mut nnh = 0;
                while left != 0 {
                    if nnh > 0 {
                        p.s(", ");
                    }
                    nnh += 1;
                    if !nlri::nexthop(p, d, af, safi, &mut t, &mut tlen, &mut left)? {
                        return Ok(false);
                    }
                }
            }
            out!(p, ", nh-length: {nhlen}");
            if tlen < 1 {
                return Ok(false);
            }
            let snpa = d.u8_at(t)?;
            t += 1;
            tlen -= 1;
            if snpa != 0 {
                out!(p, "\n\t    {snpa} SNPA");
                for _ in 0..snpa {
                    if tlen < 1 {
                        return Ok(false);
                    }
                    let sl = usize::from(d.u8_at(t)?);
                    out!(p, "\n\t      {sl} bytes");
                    t += 1;
                    tlen -= 1;
                    if tlen < sl || !d.has(t, sl) {
                        return Ok(false);
                    }
                    t += sl;
                    tlen -= sl;
                }
            } else {
                p.s(", no SNPA");
            }
            if !nlri_loop(p, d, af, safi, at, t, len)? {
                return Ok(false);
            }
        }
        15 => {
            if !d.has(at, 3) {
                return Ok(false);
            }
            let (af, safi) = match mp_af_print(p, d, at, len)? {
                Af::Yes(af, safi) => (af, safi),
                Af::No => return done(p, d, at, len),
                Af::Trunc => return Ok(false),
            };
            if len == 3 {
                p.s("\n\t      End-of-Rib Marker (empty NLRI)");
            }
            if !nlri_loop(p, d, af, safi, at, at + 3, len)? {
                return Ok(false);
            }
        }
        16 => {
            if !len.is_multiple_of(8) {
                p.s("invalid len");
            } else {
                let mut t = at;
                let mut tlen = len;
                while tlen != 0 {
                    if !d.has(t, 2) {
                        return Ok(false);
                    }
                    let ec = d.be16(t)?;
                    let flags = match (ec & 0x8000 != 0, ec & 0x4000 != 0) {
                        (true, true) => "vendor-specific, non-transitive",
                        (true, false) => "vendor-specific",
                        (false, true) => "non-transitive",
                        (false, false) => "none",
                    };
                    out!(
                        p,
                        "\n\t    {} (0x{ec:04x}), Flags [{flags}]",
                        nlri::ext_comm_name(ec)
                    );
                    if !d.has(t, 8) {
                        return Ok(false);
                    }
                    p.s(": ");
                    nlri::ext_community(p, d, t)?;
                    tlen -= 8;
                    t += 8;
                }
            }
        }
        22 => {
            if !d.has(at, 5) || len < 5 {
                return Ok(false);
            }
            nlri::pmsi_tunnel(p, d, at, len)?;
        }
        26 => {
            let mut t = at;
            let mut tlen = len;
            while tlen >= 3 {
                let ty = d.u8_at(t)?;
                let l = usize::from(d.be16(t + 1)?);
                t += 3;
                tlen -= 3;
                out!(
                    p,
                    "\n\t    {} TLV ({ty}), length {l}",
                    if ty == 1 { "AIGP" } else { "Unknown" }
                );
                if l < 3 {
                    return Ok(false);
                }
                let l = l - 3;
                if tlen < l {
                    return Ok(false);
                }
                if ty == 1 {
                    if l < 8 {
                        return Ok(false);
                    }
                    out!(p, ", metric {}", d.be64(t)?);
                } else if p.opts.verbose <= 1 {
                    print_unknown_data(p, d.get(t..), "\n\t      ", l);
                }
                t += l;
                tlen -= l;
            }
        }
        128 => return attr_set(p, d, at, len, level),
        32 => {
            if len == 0 || !len.is_multiple_of(12) {
                p.s("invalid len");
            } else {
                p.s("\n\t    ");
                let mut t = at;
                let mut l = len;
                while l != 0 {
                    out!(
                        p,
                        "{}:{}:{}{}",
                        d.be32(t)?,
                        d.be32(t + 4)?,
                        d.be32(t + 8)?,
                        if l > 12 { ", " } else { "" }
                    );
                    t += 12;
                    l -= 12;
                }
                // tcpdump counts the attribute's own length down to 0
                // here, so `-vv` prints no hex of it.
                return Ok(true);
            }
        }
        _ => {
            if !d.has(at, len) {
                return Ok(false);
            }
            out!(p, "\n\t    no Attribute {ty} decoder");
            if p.opts.verbose <= 1 {
                print_unknown_data(p, d.get(at..), "\n\t    ", len);
            }
        }
    }
    done(p, d, at, len)
}

/// ATTR_SET (128): an origin AS and attributes inside, each printed by
/// [`attr_print`] one level deeper. tcpdump counts `len` down as it goes,
/// so `-vv` shows the hex only of what a short attribute left.
fn attr_set(
    p: &mut Printer,
    d: &[u8],
    at: usize,
    mut len: usize,
    level: u32,
) -> Result<bool, crate::decode::Trunc> {
    if !d.has(at, 4) || len < 4 {
        return Ok(false);
    }
    out!(p, "\n\t    Origin AS: {}", d.be32(at)?);
    let mut t = at + 4;
    len -= 4;
    while len != 0 {
        if !d.has(t, 2) {
            return Ok(false);
        }
        if len < 2 {
            p.s(" [path attr too short]");
            break;
        }
        let flags = d.u8_at(t)?;
        let ty = d.u8_at(t + 1)?;
        t += 2;
        len -= 2;
        let lenlen = if flags & 0x10 != 0 { 2 } else { 1 };
        if !d.has(t, lenlen) {
            return Ok(false);
        }
        if len < lenlen {
            p.s(" [path attr too short]");
            break;
        }
        let alen = if lenlen == 2 {
            usize::from(d.be16(t)?)
        } else {
            usize::from(d.u8_at(t)?)
        };
        t += lenlen;
        len -= lenlen;
        out!(p, "\n\t      {} ({ty}), length: {alen}", attr_name(ty));
        if flags != 0 {
            attr_flags(p, flags);
            p.s("]");
        }
        p.s(": ");
        if len < alen {
            p.s(" [path attr too short]");
            break;
        }
        if level == 10 {
            p.s("(too many nested levels, not recursing)");
        } else if !attr_print(p, d, ty, t, alen, level + 1)? {
            return Ok(false);
        }
        t += alen;
        len -= alen;
    }
    done(p, d, at, len)
}

/// The `done:` of `bgp_attr_print`: at `-vv` the attribute's bytes.
fn done(p: &mut Printer, d: &[u8], at: usize, len: usize) -> Result<bool, crate::decode::Trunc> {
    if p.opts.verbose > 1 && len != 0 {
        if !d.has(at, len) {
            return Ok(false);
        }
        print_unknown_data(p, d.get(at..), "\n\t    ", len);
    }
    Ok(true)
}

/// What `bgp_mp_af_print` found.
enum Af {
    Yes(u16, u8),
    /// No decoder: the line and hex are printed.
    No,
    Trunc,
}

/// `bgp_mp_af_print`: the AFI/SAFI line, and the hex where the pair has
/// no decoder.
fn mp_af_print(
    p: &mut Printer,
    d: &[u8],
    at: usize,
    len: usize,
) -> Result<Af, crate::decode::Trunc> {
    let af = d.be16(at)?;
    let safi = d.u8_at(at + 2)?;
    out!(
        p,
        "\n\t    AFI: {} ({af}), {}SAFI: {} ({safi})",
        af_name(af, "Unknown AFI"),
        if safi > 128 { "vendor specific " } else { "" },
        safi_name(safi, "Unknown SAFI")
    );
    if nlri::af_decodable(af, safi) {
        return Ok(Af::Yes(af, safi));
    }
    if !d.has(at, len) {
        return Ok(Af::Trunc);
    }
    out!(p, "\n\t    no AFI {af} / SAFI {safi} decoder");
    if p.opts.verbose <= 1 {
        print_unknown_data(p, d.get(at..), "\n\t    ", len);
    }
    Ok(Af::No)
}

/// The NLRI loop of MP_REACH/MP_UNREACH from `t` to the attribute's end
/// (each NLRI checked against the whole attribute length, as tcpdump
/// does): false where it hit truncation.
fn nlri_loop(
    p: &mut Printer,
    d: &[u8],
    af: u16,
    safi: u8,
    at: usize,
    mut t: usize,
    len: usize,
) -> Result<bool, crate::decode::Trunc> {
    let rest = (at + len).saturating_sub(t);
    let ap4 = check_add_path(d, t, rest, 32);
    let ap6 = check_add_path(d, t, rest, 128);
    while t < at + len {
        let adv = nlri::nlri_print(p, d, af, safi, t, len, ap4, ap6)?;
        if adv == -2 {
            return Ok(false);
        }
        if adv < 0 {
            break;
        }
        t += adv.unsigned_abs();
    }
    Ok(true)
}

fn notification_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    if !d.has(0, NOTIFICATION_SIZE) {
        p.trunc();
        return Ok(());
    }
    if length < NOTIFICATION_SIZE {
        return Ok(());
    }
    let major = d.u8_at(19)?;
    let minor = d.u8_at(20)?;
    out!(p, ", {} ({major})", notify_major(major));
    match major {
        1..=3 | 6 => out!(p, ", subcode {} ({minor})", notify_minor(major, minor)),
        5 | 7 => out!(p, " subcode {} ({minor})", notify_minor(major, minor)),
        _ => {}
    }
    if major != 6 {
        return Ok(());
    }
    let t = NOTIFICATION_SIZE;
    if minor == 1 && length >= NOTIFICATION_SIZE + 7 {
        let af = d.be16(t)?;
        let safi = d.u8_at(t + 2)?;
        out!(
            p,
            ", AFI {} ({af}), SAFI {} ({safi}), Max Prefixes: {}",
            af_name(af, "Unknown"),
            safi_name(safi, "Unknown"),
            d.be32(t + 3)?
        );
    }
    if (minor == 2 || minor == 4) && length > NOTIFICATION_SIZE {
        let clen = usize::from(d.u8_at(t)?);
        let mut rem = 0usize;
        if clen > length - (NOTIFICATION_SIZE + 1) {
            p.s(", invalid Shutdown Communication length");
        } else if clen == 0 {
            p.s(", empty Shutdown Communication");
            rem += 1;
        } else {
            out!(p, ", Shutdown Communication (length: {clen}): \"");
            let _ = super::chars::printn(p, d, t + 1, clen);
            p.s("\"");
            rem += clen + 1;
        }
        let left = length - (rem + NOTIFICATION_SIZE);
        if left > 0 {
            out!(p, ", Data: (length: {left})");
            super::hex::hex_print(p, "\n\t\t", d.get(t + rem..).unwrap_or_default(), left)?;
        }
    }
    Ok(())
}

fn route_refresh_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    if !d.has(0, ROUTE_REFRESH_SIZE) {
        p.trunc();
        return Ok(());
    }
    if length < ROUTE_REFRESH_SIZE {
        return Ok(());
    }
    let af = d.be16(19)?;
    let safi = d.u8_at(22)?;
    out!(
        p,
        "\n\t  AFI {} ({af}), SAFI {} ({safi})",
        af_name(af, "Unknown"),
        safi_name(safi, "Unknown")
    );
    if p.opts.verbose > 1 {
        if !d.has(0, length) {
            p.trunc();
            return Ok(());
        }
        print_unknown_data(p, Some(d), "\n\t  ", length);
    }
    Ok(())
}
