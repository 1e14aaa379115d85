//! The Home Networking Control Protocol (RFC 7788, over DNCP, RFC 7787;
//! UDP port 8231) as tcpdump 4.99's `print-hncp.c` prints it: the length
//! and the TLV types in line; `-v` the top-level TLVs one a line with their
//! fields, the nested ones in line; `-vv` those too; `-vvv` all of them
//! (node states, peers, prefixes and policies, DHCPv4 and DHCPv6 data,
//! addresses, DNS zones, names, PSKs).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::Bytes;

pub(super) const HNCP_PORT: u16 = 8231;

const RANGE_DNCP_RESERVED: u32 = 0x10000;
const RANGE_HNCP_UNASSIGNED: u32 = 0x10001;
const RANGE_DNCP_PRIVATE_USE: u32 = 0x10002;
const RANGE_DNCP_FUTURE_USE: u32 = 0x10003;

/// `type_values`: the defined types, then the ranges.
fn type_name(t: u32) -> Option<&'static str> {
    Some(match t {
        1 => "Request network state",
        2 => "Request node state",
        3 => "Node endpoint",
        4 => "Network state",
        5 => "Node state",
        8 => "Peer",
        9 => "Keep-alive interval",
        10 => "Trust-Verdict",
        32 => "HNCP-Version",
        33 => "External-Connection",
        34 => "Delegated-Prefix",
        43 => "Prefix-Policy",
        37 => "DHCPv4-Data",
        38 => "DHCPv6-Data",
        35 => "Assigned-Prefix",
        36 => "Node-Address",
        39 => "DNS-Delegated-Zone",
        40 => "Domain-Name",
        41 => "Node-Name",
        42 => "Managed-PSK",
        RANGE_DNCP_RESERVED => "Reserved",
        RANGE_HNCP_UNASSIGNED => "Unassigned",
        RANGE_DNCP_PRIVATE_USE => "Private use",
        RANGE_DNCP_FUTURE_USE => "Future use",
        _ => return None,
    })
}

const V4_MAPPED: [u8; 12] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

fn is_v4_mapped(d: &[u8], at: usize) -> bool {
    d.range(at, 12).is_ok_and(|h| h == V4_MAPPED)
}

fn indent_line(p: &mut Printer, indent: usize) {
    p.s("\n");
    for _ in 0..indent {
        p.s("\t");
    }
}

fn invalid(p: &mut Printer) {
    p.s(" (invalid)");
}

/// `format_nid`.
fn nid(p: &mut Printer, d: &[u8], at: usize) -> P {
    let b = d.range(at, 4)?;
    for (k, x) in b.iter().enumerate() {
        if k > 0 {
            p.s(":");
        }
        out!(p, "{x:02x}");
    }
    Ok(())
}

/// `format_256`.
fn hex256(p: &mut Printer, d: &[u8], at: usize) -> P {
    for x in d.range(at, 32)? {
        out!(p, "{x:02x}");
    }
    Ok(())
}

/// `format_interval`: milliseconds.
fn interval(p: &mut Printer, n: u32) {
    out!(p, "{}.{:03}s", n / 1000, n % 1000);
}

/// `format_ip6addr`.
fn ip6addr(p: &mut Printer, d: &[u8], at: usize) -> P {
    if is_v4_mapped(d, at) {
        p.ip4_at(d, at + 12)
    } else {
        p.ip6(d.array::<16>(at)?);
        Ok(())
    }
}

/// `print_prefix`: the bytes used, or -1 (bad length) or -3 (too short).
fn print_prefix(
    p: &mut Printer,
    d: &[u8],
    at: usize,
    mut max_length: usize,
) -> crate::decode::R<i64> {
    let first = d.u8_at(at)?;
    if first >= 96 && max_length >= 13 && is_v4_mapped(d, at + 1) {
        let plen = u32::from(first) - 96;
        if plen > 32 {
            return Ok(-1);
        }
        max_length -= 1;
        let nbytes = plen.div_ceil(8) as usize;
        if max_length < nbytes + 12 {
            return Ok(-3);
        }
        let mut a = [0u8; 4];
        if let Some(dst) = a.get_mut(..nbytes) {
            dst.copy_from_slice(d.range(at + 13, nbytes)?);
        }
        if plen % 8 != 0
            && let Some(last) = a.get_mut(nbytes - 1)
        {
            *last &= ((0xff00u32 >> (plen % 8)) & 0xff) as u8;
        }
        p.ip4(a);
        out!(p, "/{plen}");
        return Ok((nbytes + 13) as i64);
    }
    match super::bgp::decode_prefix(p, d, at, max_length, 128)? {
        Ok((text, n)) => {
            p.out().extend_from_slice(&text);
            Ok(n as i64)
        }
        Err(-1) => Ok(-1),
        Err(_) => Ok(-3),
    }
}

/// `print_dns_label`: the bytes used, or -1 after `[|DNS]`.
fn dns_label(p: &mut Printer, d: &[u8], at: usize, max_length: usize) -> crate::decode::R<i64> {
    let mut length = 0;
    while length < max_length {
        let lab = usize::from(d.u8_at(at + length)?);
        length += 1;
        if lab == 0 {
            return Ok(length as i64);
        }
        if length > 1 {
            p.s(".");
        }
        if length + lab > max_length {
            super::chars::printjnp(p, d, at + length, max_length - length)?;
            break;
        }
        super::chars::printjnp(p, d, at + length, lab)?;
        length += lab;
    }
    p.s("[|DNS]");
    Ok(-1)
}

/// `dhcpv4_print`: false for -1.
fn dhcpv4(
    p: &mut Printer,
    d: &[u8],
    cp: usize,
    length: usize,
    indent: usize,
) -> crate::decode::R<bool> {
    let mut i = 0;
    while i < length {
        if i + 2 > length {
            return Ok(false);
        }
        let ty = d.u8_at(cp + i)?;
        let optlen = usize::from(d.u8_at(cp + i + 1)?);
        let value = cp + i + 2;
        indent_line(p, indent);
        p.s(match ty {
            6 => "DNS-server",
            42 => "NTP-server",
            119 => "DNS-search",
            _ => "Unknown",
        });
        out!(p, " ({})", optlen + 2);
        if i + 2 + optlen > length {
            return Ok(false);
        }
        match ty {
            6 | 42 => {
                if optlen < 4 || optlen % 4 != 0 {
                    return Ok(false);
                }
                for t in (0..optlen).step_by(4) {
                    p.s(" ");
                    p.ip4_at(d, value + t)?;
                }
            }
            119 => {
                let ok = domains(p, d, value, optlen)?;
                if !ok {
                    return Ok(false);
                }
            }
            _ => {}
        }
        i += 2 + optlen;
    }
    Ok(true)
}

/// A list of names through `fqdn_print`, its end as the base; false when
/// one fails.
fn domains(p: &mut Printer, d: &[u8], value: usize, optlen: usize) -> crate::decode::R<bool> {
    let end = value + optlen;
    let mut tp = value;
    while tp < end {
        p.s(" ");
        match super::dns::fqdn_print(p, d, tp, end)? {
            Some(n) => tp = n,
            None => return Ok(false),
        }
    }
    Ok(true)
}

/// `dhcpv6_print`: false for -1.
fn dhcpv6(
    p: &mut Printer,
    d: &[u8],
    cp: usize,
    length: usize,
    indent: usize,
) -> crate::decode::R<bool> {
    let mut i = 0;
    while i < length {
        if i + 4 > length {
            return Ok(false);
        }
        let ty = d.be16(cp + i)?;
        let optlen = usize::from(d.be16(cp + i + 2)?);
        let value = cp + i + 4;
        indent_line(p, indent);
        p.s(match ty {
            23 => "DNS-server",
            24 => "DNS-search-list",
            31 => "SNTP-servers",
            _ => "Unknown",
        });
        out!(p, " ({})", optlen + 4);
        if i + 4 + optlen > length {
            return Ok(false);
        }
        match ty {
            23 | 31 => {
                if optlen % 16 != 0 {
                    invalid(p);
                    return Ok(false);
                }
                for t in (0..optlen).step_by(16) {
                    p.s(" ");
                    p.ip6(d.array::<16>(value + t)?);
                }
            }
            24 => {
                let ok = domains(p, d, value, optlen)?;
                if !ok {
                    return Ok(false);
                }
            }
            _ => {}
        }
        i += 4 + optlen;
    }
    Ok(true)
}

/// `print_type_in_line`.
fn type_in_line(p: &mut Printer, ty: u32, count: i64, indent: usize, first_one: &mut bool) {
    if count > 0 {
        if *first_one {
            *first_one = false;
            if indent > 1 {
                indent_line(p, indent);
            } else {
                p.s(" ");
            }
        } else {
            p.s(", ");
        }
        p.s(type_name(ty).unwrap_or("Easter Egg"));
        if count > 1 {
            out!(p, " (x{count})");
        }
    }
}

fn roundup4(n: usize) -> usize {
    (n + 3) & !3
}

/// The rest of a TLV from `l` bytes into its body (`l += -l & 3` first
/// where `align`), as nested TLVs.
fn rest(p: &mut Printer, d: &[u8], value: usize, bodylen: usize, l: usize, indent: usize) -> P {
    if bodylen >= l {
        rec(p, d, value + l, bodylen - l, indent + 1)?;
    }
    Ok(())
}

/// `hncp_print_rec`.
fn rec(p: &mut Printer, d: &[u8], cp: usize, length: usize, indent: usize) -> P {
    let vflag = usize::from(p.opts.verbose);
    let in_line = indent > vflag && vflag < 3;
    let mut first_one = true;
    let mut last_type_mask = u32::MAX;
    let mut last_type_count: i64 = -1;
    let mut i = 0;
    while i < length {
        let tlv = cp + i;
        if !in_line {
            indent_line(p, indent);
        }
        if !d.has(tlv, 4) {
            p.s(" [|hncp]");
            return Ok(());
        }
        if i + 4 > length {
            invalid(p);
            return Ok(());
        }
        let ty = d.be16(tlv)?;
        let bodylen = usize::from(d.be16(tlv + 2)?);
        let value = tlv + 4;
        if !d.has(value, bodylen) {
            p.s(" [|hncp]");
            return Ok(());
        }
        if i + bodylen + 4 > length {
            invalid(p);
            return Ok(());
        }
        let t = u32::from(ty);
        let type_mask = if type_name(t).is_some() {
            t
        } else if ty == 0 {
            RANGE_DNCP_RESERVED
        } else if (44..=511).contains(&ty) {
            RANGE_HNCP_UNASSIGNED
        } else if (768..=1023).contains(&ty) {
            RANGE_DNCP_PRIVATE_USE
        } else {
            RANGE_DNCP_FUTURE_USE
        };
        if in_line {
            if last_type_mask == type_mask {
                last_type_count += 1;
            } else {
                type_in_line(p, last_type_mask, last_type_count, indent, &mut first_one);
                last_type_mask = type_mask;
                last_type_count = 1;
            }
            i += 4 + roundup4(bodylen);
            continue;
        }
        p.s(type_name(type_mask).unwrap_or("Easter Egg (42)"));
        if type_mask > 0xffff {
            out!(p, ": type={ty}");
        }
        out!(p, " ({})", bodylen + 4);
        match type_mask {
            1 if bodylen != 0 => invalid(p),
            2 => {
                if bodylen != 4 {
                    invalid(p);
                } else {
                    p.s(" NID: ");
                    nid(p, d, value)?;
                }
            }
            3 => {
                if bodylen != 8 {
                    invalid(p);
                } else {
                    d.range(value, 8)?;
                    p.s(" NID: ");
                    nid(p, d, value)?;
                    out!(p, " EPID: {:08x}", d.be32(value + 4)?);
                }
            }
            4 => {
                if bodylen != 8 {
                    invalid(p);
                } else {
                    out!(p, " hash: {:016x}", d.be64(value)?);
                }
            }
            5 => {
                if bodylen < 20 {
                    invalid(p);
                } else {
                    d.range(value, 20)?;
                    p.s(" NID: ");
                    nid(p, d, value)?;
                    out!(p, " seqno: {} ", d.be32(value + 4)?);
                    interval(p, d.be32(value + 8)?);
                    out!(p, " hash: {:016x}", d.be64(value + 12)?);
                    rec(p, d, value + 20, bodylen - 20, indent + 1)?;
                }
            }
            8 => {
                if bodylen != 12 {
                    invalid(p);
                } else {
                    d.range(value, 12)?;
                    p.s(" Peer-NID: ");
                    nid(p, d, value)?;
                    out!(
                        p,
                        " Peer-EPID: {:08x} Local-EPID: {:08x}",
                        d.be32(value + 4)?,
                        d.be32(value + 8)?
                    );
                }
            }
            9 => {
                if bodylen < 8 {
                    invalid(p);
                } else {
                    out!(p, " EPID: {:08x} Interval: ", d.be32(value)?);
                    interval(p, d.be32(value + 4)?);
                }
            }
            10 => {
                if bodylen <= 36 {
                    invalid(p);
                } else {
                    d.range(value + 4, 32)?;
                    out!(p, " Verdict: {} Fingerprint: ", d.u8_at(value)?);
                    hex256(p, d, value + 4)?;
                    p.s(" Common Name: ");
                    super::chars::printjnp(p, d, value + 36, bodylen - 36)?;
                }
            }
            32 => {
                if bodylen < 5 {
                    invalid(p);
                } else {
                    let c = d.be16(value + 2)?;
                    out!(
                        p,
                        " M: {} P: {} H: {} L: {} User-agent: ",
                        (c >> 12) & 0xf,
                        (c >> 8) & 0xf,
                        (c >> 4) & 0xf,
                        c & 0xf
                    );
                    super::chars::printjnp(p, d, value + 4, bodylen - 4)?;
                }
            }
            33 => rec(p, d, value, bodylen, indent + 1)?,
            34 => {
                if bodylen < 9 || bodylen < 9 + usize::from(d.u8_at(value + 8)?).div_ceil(8) {
                    invalid(p);
                } else {
                    let v = d.be32(value)?;
                    let pl = d.be32(value + 4)?;
                    p.s(" VLSO: ");
                    interval(p, v);
                    p.s(" PLSO: ");
                    interval(p, pl);
                    p.s(" Prefix: ");
                    let l = print_prefix(p, d, value + 8, bodylen - 8)?;
                    if l == -1 {
                        p.s("(length is invalid)");
                    } else if l < 0 {
                        invalid(p);
                    } else {
                        let l = l as usize + 8;
                        let l = l + (l.wrapping_neg() & 3);
                        rest(p, d, value, bodylen, l, indent)?;
                    }
                }
            }
            43 => {
                if bodylen < 1 {
                    invalid(p);
                } else {
                    let policy = d.u8_at(value)?;
                    p.s(" type: ");
                    match policy {
                        0 => {
                            if bodylen != 1 {
                                invalid(p);
                            } else {
                                p.s("Internet connectivity");
                            }
                        }
                        1..=128 => {
                            p.s("Dest-Prefix: ");
                            let l = print_prefix(p, d, value, bodylen)?;
                            if l == -1 {
                                p.s("(length is invalid)");
                            } else if l < 0 {
                                invalid(p);
                            }
                        }
                        129 => {
                            p.s("DNS domain: ");
                            dns_label(p, d, value + 1, bodylen - 1)?;
                        }
                        130 => {
                            p.s("Opaque UTF-8: ");
                            super::chars::printjnp(p, d, value + 1, bodylen - 1)?;
                        }
                        131 => {
                            if bodylen != 1 {
                                invalid(p);
                            } else {
                                p.s("Restrictive assignment");
                            }
                        }
                        _ => out!(p, "Unknown ({policy})"),
                    }
                }
            }
            37 => {
                if bodylen == 0 {
                    invalid(p);
                } else if !dhcpv4(p, d, value, bodylen, indent + 1)? {
                    invalid(p);
                    return Ok(());
                }
            }
            38 => {
                let ok = bodylen != 0 && dhcpv6(p, d, value, bodylen, indent + 1)?;
                if !ok {
                    invalid(p);
                }
            }
            35 => {
                if bodylen < 6 || bodylen < 6 + usize::from(d.u8_at(value + 5)?).div_ceil(8) {
                    invalid(p);
                } else {
                    let prty = d.u8_at(value + 4)? & 0xf;
                    out!(p, " EPID: {:08x} Prty: {prty}", d.be32(value)?);
                    p.s(" Prefix: ");
                    let l = print_prefix(p, d, value + 5, bodylen - 5)?;
                    if l < 0 {
                        invalid(p);
                    } else {
                        let l = l as usize + 5;
                        let l = l + (l.wrapping_neg() & 3);
                        rest(p, d, value, bodylen, l, indent)?;
                    }
                }
            }
            36 => {
                if bodylen < 20 {
                    invalid(p);
                } else {
                    let epid = d.be32(value)?;
                    d.range(value + 4, 16)?;
                    out!(p, " EPID: {epid:08x} IP Address: ");
                    ip6addr(p, d, value + 4)?;
                    rec(p, d, value + 20, bodylen - 20, indent + 1)?;
                }
            }
            39 => {
                if bodylen < 17 {
                    invalid(p);
                } else {
                    d.range(value, 17)?;
                    p.s(" IP-Address: ");
                    ip6addr(p, d, value)?;
                    let f = d.u8_at(value + 16)?;
                    out!(
                        p,
                        " {}{}{} ",
                        if f & 4 != 0 { 'l' } else { '-' },
                        if f & 2 != 0 { 'b' } else { '-' },
                        if f & 1 != 0 { 's' } else { '-' }
                    );
                    let len = dns_label(p, d, value + 17, bodylen - 17)?;
                    if len < 0 {
                        invalid(p);
                    } else {
                        let l = len as usize + 17;
                        let l = l + (l.wrapping_neg() & 3);
                        rest(p, d, value, bodylen, l, indent)?;
                    }
                }
            }
            40 => {
                if bodylen == 0 {
                    invalid(p);
                } else {
                    p.s(" Domain: ");
                    dns_label(p, d, value, bodylen)?;
                }
            }
            41 => {
                if bodylen < 17 {
                    invalid(p);
                } else {
                    let l = usize::from(d.u8_at(value + 16)?);
                    if bodylen < 17 + l {
                        invalid(p);
                    } else {
                        d.range(value, 16)?;
                        p.s(" IP-Address: ");
                        ip6addr(p, d, value)?;
                        p.s(" Name: ");
                        if l < 64 {
                            p.s("\"");
                            super::chars::printjnp(p, d, value + 17, l)?;
                            p.s("\"");
                        } else {
                            invalid(p);
                        }
                        rest(p, d, value, bodylen, roundup4(l + 17), indent)?;
                    }
                }
            }
            42 => {
                if bodylen < 32 {
                    invalid(p);
                } else {
                    p.s(" PSK: ");
                    hex256(p, d, value)?;
                    rec(p, d, value + 32, bodylen - 32, indent + 1)?;
                }
            }
            _ => {}
        }
        i += 4 + roundup4(bodylen);
    }
    type_in_line(p, last_type_mask, last_type_count, indent, &mut first_one);
    Ok(())
}

/// `hncp_print`; `length` is the UDP payload's length.
pub(super) fn hncp_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "hncp";
    out!(p, "hncp ({length})");
    rec(p, d, 0, length, 1)
}
