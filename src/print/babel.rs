//! The Babel routing protocol (UDP port 6696, and the older 6697) as
//! tcpdump 4.99's `print-babel.c` prints it: the version and body length,
//! then each TLV of the body and of a trailer after it by name; `-v` their
//! fields (hellos, IHUs, router ids, next hops, updates with omitted prefix
//! bytes carried from the previous one, route and seqno requests,
//! timestamps, HMACs, source-specific updates and requests, MAC, PC and
//! challenges) and sub-TLVs (padding, diversity, timestamps).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::{Bytes, R};

pub(super) const BABEL_PORT: u16 = 6696;
pub(super) const BABEL_PORT_OLD: u16 = 6697;

const MESSAGE_HELLO: u8 = 4;
const MESSAGE_IHU: u8 = 5;
const MESSAGE_UPDATE: u8 = 8;
const MESSAGE_UPDATE_SRC_SPECIFIC: u8 = 13;

const V4PREFIX: [u8; 16] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0];

/// How `babel_print_v2_tlvs` ended.
enum Tlvs {
    Done,
    Trunc,
    Invalid,
}

/// `format_id`: eight bytes, colon-separated.
fn id(p: &mut Printer, d: &[u8], at: usize) -> P {
    let b = d.range(at, 8)?;
    for (k, x) in b.iter().enumerate() {
        if k > 0 {
            p.s(":");
        }
        out!(p, "{x:02x}");
    }
    Ok(())
}

fn is_v4(prefix: &[u8; 16]) -> bool {
    prefix.get(..12) == V4PREFIX.get(..12)
}

fn v4_part(prefix: &[u8; 16]) -> [u8; 4] {
    let mut a = [0; 4];
    a.copy_from_slice(prefix.get(12..).unwrap_or(&[0; 4]));
    a
}

/// `format_prefix`.
fn prefix_str(p: &mut Printer, prefix: &[u8; 16], plen: u8) {
    if plen >= 96 && is_v4(prefix) {
        p.ip4(v4_part(prefix));
        out!(p, "/{}", plen - 96);
    } else {
        p.ip6(prefix);
        out!(p, "/{plen}");
    }
}

/// `format_address`.
fn address(p: &mut Printer, a: &[u8; 16]) {
    if is_v4(a) {
        p.ip4(v4_part(a));
    } else {
        p.ip6(a);
    }
}

/// `format_interval`: centiseconds.
fn interval(p: &mut Printer, i: u16) {
    if i == 0 {
        p.s("0.0s (bogus)");
    } else {
        out!(p, "{}.{:02}s", i / 100, i % 100);
    }
}

/// `format_interval_update`.
fn interval_update(p: &mut Printer, i: u16) {
    if i == 0xffff {
        p.s("infinity");
    } else {
        interval(p, i);
    }
}

/// `format_timestamp`: microseconds.
fn timestamp(p: &mut Printer, t: u32) {
    out!(p, "{}.{:06}s", t / 1_000_000, t % 1_000_000);
}

/// `network_prefix`: the prefix of `plen` bits (`None`: a whole address) in
/// address encoding `ae` at `at`, its first `omitted` bytes taken from
/// `dp`; with the bytes consumed, or `None` for an encoding error.
fn network_prefix(
    d: &[u8],
    ae: u8,
    plen: Option<u8>,
    omitted: usize,
    at: usize,
    dp: Option<&[u8; 16]>,
    len: usize,
) -> R<Option<([u8; 16], usize)>> {
    let pb = match plen {
        Some(l) => usize::from(l).div_ceil(8),
        None if ae == 1 => 4,
        None => 16,
    };
    if pb > 16 {
        return Ok(None);
    }
    let mut prefix = [0u8; 16];
    let mut consumed = 0;
    let copy = |prefix: &mut [u8; 16], to: usize, n: usize| -> P {
        let src = d.range(at, n)?;
        if let Some(dst) = prefix.get_mut(to..to + n) {
            dst.copy_from_slice(src);
        }
        Ok(())
    };
    match ae {
        0 => {}
        1 => {
            if omitted > 4 || pb > 4 || (pb > omitted && len < pb - omitted) {
                return Ok(None);
            }
            prefix = V4PREFIX;
            if omitted > 0 {
                let Some(dp) = dp else { return Ok(None) };
                if let (Some(dst), Some(src)) =
                    (prefix.get_mut(..12 + omitted), dp.get(..12 + omitted))
                {
                    dst.copy_from_slice(src);
                }
            }
            if pb > omitted {
                copy(&mut prefix, 12 + omitted, pb - omitted)?;
                consumed = pb - omitted;
            }
        }
        2 => {
            if omitted > 16 || (pb > omitted && len < pb - omitted) {
                return Ok(None);
            }
            if omitted > 0 {
                let Some(dp) = dp else { return Ok(None) };
                if let (Some(dst), Some(src)) = (prefix.get_mut(..omitted), dp.get(..omitted)) {
                    dst.copy_from_slice(src);
                }
            }
            if pb > omitted {
                copy(&mut prefix, omitted, pb - omitted)?;
                consumed = pb - omitted;
            }
        }
        3 => {
            if pb > 8 && len < pb - 8 {
                return Ok(None);
            }
            prefix = [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
            if pb > 8 {
                copy(&mut prefix, 8, pb - 8)?;
                consumed = pb - 8;
            }
        }
        _ => return Ok(None),
    }
    Ok(Some((prefix, consumed)))
}

/// `subtlvs_print`: the sub-TLVs from `cp` to `ep` of a TLV of `tlv_type`.
fn subtlvs(p: &mut Printer, d: &[u8], mut cp: usize, ep: usize, tlv_type: u8) -> P {
    while cp < ep {
        let subtype = d.u8_at(cp)?;
        cp += 1;
        if subtype == 0 {
            p.s(" sub-pad1");
            continue;
        }
        if subtype & 0x80 != 0 {
            p.s(" (M)");
        }
        if cp == ep {
            p.s(" (invalid)");
            return Ok(());
        }
        let sublen = usize::from(d.u8_at(cp)?);
        cp += 1;
        if cp + sublen > ep {
            p.s(" (invalid)");
            return Ok(());
        }
        match subtype {
            1 => {
                p.s(" sub-padn");
                cp += sublen;
            }
            2 => {
                p.s(" sub-diversity");
                if sublen == 0 {
                    p.s(" empty");
                    continue;
                }
                let mut sep = " ";
                for _ in 0..sublen {
                    p.s(sep);
                    match d.u8_at(cp)? {
                        0 => p.s("reserved"),
                        255 => p.s("all"),
                        c => out!(p, "{c}"),
                    }
                    cp += 1;
                    sep = "-";
                }
                if tlv_type != MESSAGE_UPDATE && tlv_type != MESSAGE_UPDATE_SRC_SPECIFIC {
                    p.s(" (bogus)");
                }
            }
            3 => {
                p.s(" sub-timestamp");
                if tlv_type == MESSAGE_HELLO {
                    if sublen < 4 {
                        p.s(" (invalid)");
                        return Ok(());
                    }
                    p.s(" ");
                    timestamp(p, d.be32(cp)?);
                } else if tlv_type == MESSAGE_IHU {
                    if sublen < 8 {
                        p.s(" (invalid)");
                        return Ok(());
                    }
                    let t1 = d.be32(cp)?;
                    p.s(" ");
                    timestamp(p, t1);
                    let t2 = d.be32(cp + 4)?;
                    p.s("|");
                    timestamp(p, t2);
                } else {
                    p.s(" (bogus)");
                }
                cp += sublen;
            }
            _ => {
                out!(p, " sub-unknown-0x{subtype:02x}");
                cp += sublen;
            }
        }
    }
    Ok(())
}

fn flags(p: &mut Printer, f: u8) {
    if f & 0x80 != 0 {
        p.s("/prefix");
    }
    if f & 0x40 != 0 {
        p.s("/id");
    }
    if f & 0x3f != 0 {
        p.s("/unknown");
    }
}

/// The prefix length as printed: an IPv4 one (`ae` 1) counts the 96 bits
/// of the mapped form, in a byte.
fn shown_plen(ae: u8, plen: u8) -> u8 {
    plen.wrapping_add(if ae == 1 { 96 } else { 0 })
}

/// `babel_print_v2_tlvs`: the TLVs of `tlvs_length` bytes at `cp`.
fn tlvs(p: &mut Printer, d: &[u8], cp: usize, tlvs_length: usize, remaining: usize) -> R<Tlvs> {
    let verbose = p.opts.verbose > 0;
    let mut v4_prefix = V4PREFIX;
    let mut v6_prefix = [0u8; 16];
    let mut i = 0;
    let icheck = |i: usize, l: usize| i + l > tlvs_length || i + l > remaining;
    macro_rules! invalid {
        () => {
            return Ok(Tlvs::Invalid)
        };
    }
    while i < tlvs_length {
        let m = cp + i;
        if icheck(i, 1) {
            invalid!();
        }
        let ty = d.u8_at(m)?;
        if ty == 0 {
            p.s(if verbose { "\n\tPad 1" } else { " pad1" });
            i += 1;
            continue;
        }
        if icheck(i, 2) {
            invalid!();
        }
        if !d.has(m, 2) {
            return Ok(Tlvs::Trunc);
        }
        let len = usize::from(d.u8_at(m + 1)?);
        if icheck(i, 2 + len) {
            invalid!();
        }
        if !d.has(m, 2 + len) {
            return Ok(Tlvs::Trunc);
        }
        let name = match ty {
            1 => "padN",
            2 => "ack-req",
            3 => "ack",
            4 => "hello",
            5 => "ihu",
            6 => "router-id",
            7 => "nh",
            8 => "update",
            9 => "route-request",
            10 => "seqno-request",
            11 => "tspc",
            12 => "hmac",
            13 => "ss-update",
            14 => "ss-request",
            15 => "ss-mh-request",
            16 => "mac",
            17 => "pc",
            18 => "challenge_request",
            19 => "challenge_reply",
            _ => "unknown",
        };
        if !verbose {
            out!(p, " {name}");
            if ty == MESSAGE_UPDATE {
                if len < 10 {
                    invalid!();
                }
                flags(p, d.u8_at(m + 3)?);
            }
            i += len + 2;
            continue;
        }
        match ty {
            1 => out!(p, "\n\tPad {}", len + 2),
            2 => {
                p.s("\n\tAcknowledgment Request ");
                if len < 6 {
                    invalid!();
                }
                let nonce = d.be16(m + 4)?;
                let iv = d.be16(m + 6)?;
                out!(p, "{nonce:04x} ");
                interval(p, iv);
            }
            3 => {
                p.s("\n\tAcknowledgment ");
                if len < 2 {
                    invalid!();
                }
                out!(p, "{:04x}", d.be16(m + 2)?);
            }
            MESSAGE_HELLO => {
                p.s("\n\tHello ");
                if len < 6 {
                    invalid!();
                }
                let unicast = d.be16(m + 2)? & 0x8000;
                let seqno = d.be16(m + 4)?;
                let iv = d.be16(m + 6)?;
                if unicast != 0 {
                    p.s("(Unicast) ");
                }
                out!(p, "seqno {seqno} ");
                if iv != 0 {
                    p.s("interval ");
                    interval(p, iv);
                } else {
                    p.s("unscheduled");
                }
                if len > 6 {
                    subtlvs(p, d, m + 8, m + 2 + len, ty)?;
                }
            }
            MESSAGE_IHU => {
                p.s("\n\tIHU ");
                if len < 6 {
                    invalid!();
                }
                let rxcost = d.be16(m + 4)?;
                let iv = d.be16(m + 6)?;
                let ae = d.u8_at(m + 2)?;
                match network_prefix(d, ae, None, 0, m + 8, None, len - 6)? {
                    None => p.s(" [|babel]"),
                    Some((a, rc)) => {
                        if ae == 0 {
                            p.s("any");
                        } else {
                            address(p, &a);
                        }
                        out!(p, " rxcost {rxcost} interval ");
                        interval(p, iv);
                        if rc < len - 6 {
                            subtlvs(p, d, m + 8 + rc, m + 2 + len, ty)?;
                        }
                    }
                }
            }
            6 => {
                p.s("\n\tRouter Id");
                if len < 10 {
                    invalid!();
                }
                d.range(m + 4, 8)?;
                p.s(" ");
                id(p, d, m + 4)?;
            }
            7 => {
                p.s("\n\tNext Hop");
                if len < 2 {
                    invalid!();
                }
                let ae = d.u8_at(m + 2)?;
                let Some((nh, _)) = network_prefix(d, ae, None, 0, m + 4, None, len - 2)? else {
                    invalid!();
                };
                p.s(" ");
                if ae == 0 {
                    p.s("invalid AE 0");
                } else {
                    address(p, &nh);
                }
            }
            MESSAGE_UPDATE => {
                p.s("\n\tUpdate");
                if len < 10 {
                    invalid!();
                }
                let ae = d.u8_at(m + 2)?;
                let raw_plen = d.u8_at(m + 4)?;
                let plen = shown_plen(ae, raw_plen);
                let omitted = usize::from(d.u8_at(m + 5)?);
                let dp = if ae == 1 { &v4_prefix } else { &v6_prefix };
                let Some((prefix, rc)) =
                    network_prefix(d, ae, Some(raw_plen), omitted, m + 12, Some(dp), len - 10)?
                else {
                    invalid!();
                };
                let iv = d.be16(m + 6)?;
                let seqno = d.be16(m + 8)?;
                let metric = d.be16(m + 10)?;
                let f = d.u8_at(m + 3)?;
                flags(p, f);
                p.s(" ");
                if ae == 0 {
                    p.s("any");
                } else {
                    prefix_str(p, &prefix, plen);
                }
                out!(p, " metric {metric} seqno {seqno} interval ");
                interval_update(p, iv);
                if f & 0x80 != 0 {
                    if ae == 1 {
                        v4_prefix = prefix;
                    } else {
                        v6_prefix = prefix;
                    }
                }
                if rc < len - 10 {
                    subtlvs(p, d, m + 12 + rc, m + 2 + len, ty)?;
                }
            }
            9 => {
                p.s("\n\tRoute Request ");
                if len < 2 {
                    invalid!();
                }
                let ae = d.u8_at(m + 2)?;
                let raw_plen = d.u8_at(m + 3)?;
                let Some((prefix, _)) =
                    network_prefix(d, ae, Some(raw_plen), 0, m + 4, None, len - 2)?
                else {
                    invalid!();
                };
                p.s("for ");
                if ae == 0 {
                    p.s("any");
                } else {
                    prefix_str(p, &prefix, shown_plen(ae, raw_plen));
                }
            }
            10 => {
                p.s("\n\tSeqno Request ");
                if len < 14 {
                    invalid!();
                }
                let ae = d.u8_at(m + 2)?;
                let seqno = d.be16(m + 4)?;
                let raw_plen = d.u8_at(m + 3)?;
                let Some((prefix, _)) =
                    network_prefix(d, ae, Some(raw_plen), 0, m + 16, None, len - 14)?
                else {
                    invalid!();
                };
                d.range(m + 8, 8)?;
                out!(p, "({} hops) for ", d.u8_at(m + 6)?);
                if ae == 0 {
                    p.s("invalid AE 0");
                } else {
                    prefix_str(p, &prefix, shown_plen(ae, raw_plen));
                }
                out!(p, " seqno {seqno} id ");
                id(p, d, m + 8)?;
            }
            11 => {
                p.s("\n\tTS/PC ");
                if len < 6 {
                    invalid!();
                }
                out!(
                    p,
                    "timestamp {} packetcounter {}",
                    d.be32(m + 4)?,
                    d.be16(m + 2)?
                );
            }
            12 => {
                p.s("\n\tHMAC ");
                if len < 18 {
                    invalid!();
                }
                out!(p, "key-id {} digest-{} ", d.be16(m + 2)?, len - 2);
                for x in d.range(m + 4, len - 2)? {
                    out!(p, "{x:02X}");
                }
            }
            MESSAGE_UPDATE_SRC_SPECIFIC => {
                p.s("\n\tSS-Update");
                if len < 10 {
                    invalid!();
                }
                let ae = d.u8_at(m + 2)?;
                let src_plen = d.u8_at(m + 3)?;
                let plen = d.u8_at(m + 4)?;
                let omitted = usize::from(d.u8_at(m + 5)?);
                let iv = d.be16(m + 6)?;
                let seqno = d.be16(m + 8)?;
                let metric = d.be16(m + 10)?;
                let mut parsed = 10;
                let dp = if ae == 1 { &v4_prefix } else { &v6_prefix };
                let Some((prefix, rc)) = network_prefix(
                    d,
                    ae,
                    Some(plen),
                    omitted,
                    m + 2 + parsed,
                    Some(dp),
                    len - parsed,
                )?
                else {
                    invalid!();
                };
                parsed += rc;
                let Some((src, rc)) =
                    network_prefix(d, ae, Some(src_plen), 0, m + 2 + parsed, None, len - parsed)?
                else {
                    invalid!();
                };
                parsed += rc;
                p.s(" ");
                prefix_str(p, &prefix, shown_plen(ae, plen));
                p.s(" from ");
                prefix_str(p, &src, shown_plen(ae, src_plen));
                out!(p, " metric {metric} seqno {seqno} interval ");
                interval_update(p, iv);
                if parsed < len {
                    subtlvs(p, d, m + 2 + parsed, m + 2 + len, ty)?;
                }
            }
            14 => {
                p.s("\n\tSS-Request ");
                if len < 3 {
                    invalid!();
                }
                let ae = d.u8_at(m + 2)?;
                let plen = d.u8_at(m + 3)?;
                let src_plen = d.u8_at(m + 4)?;
                let mut parsed = 3;
                let Some((prefix, rc)) =
                    network_prefix(d, ae, Some(plen), 0, m + 2 + parsed, None, len - parsed)?
                else {
                    invalid!();
                };
                parsed += rc;
                let Some((src, _)) =
                    network_prefix(d, ae, Some(src_plen), 0, m + 2 + parsed, None, len - parsed)?
                else {
                    invalid!();
                };
                if ae == 0 {
                    p.s("for any");
                } else {
                    p.s("for (");
                    prefix_str(p, &prefix, shown_plen(ae, plen));
                    p.s(", ");
                    prefix_str(p, &src, shown_plen(ae, src_plen));
                    p.s(")");
                }
            }
            15 => {
                p.s("\n\tSS-MH-Request ");
                if len < 14 {
                    invalid!();
                }
                let ae = d.u8_at(m + 2)?;
                let plen = d.u8_at(m + 3)?;
                let seqno = d.be16(m + 4)?;
                let hopc = d.u8_at(m + 6)?;
                let src_plen = d.u8_at(m + 7)?;
                let mut parsed = 14;
                let Some((prefix, rc)) =
                    network_prefix(d, ae, Some(plen), 0, m + 2 + parsed, None, len - parsed)?
                else {
                    invalid!();
                };
                parsed += rc;
                let Some((src, _)) =
                    network_prefix(d, ae, Some(src_plen), 0, m + 2 + parsed, None, len - parsed)?
                else {
                    invalid!();
                };
                out!(p, "({hopc} hops) for (");
                prefix_str(p, &prefix, shown_plen(ae, plen));
                p.s(", ");
                prefix_str(p, &src, shown_plen(ae, src_plen));
                out!(p, ") seqno {seqno} id ");
                id(p, d, m + 8)?;
            }
            16 => out!(p, "\n\tMAC len {len}"),
            17 => {
                p.s("\n\tPC");
                if len < 4 {
                    invalid!();
                }
                out!(p, " value {}", d.be32(m + 2)?);
                out!(p, " index len {}", len - 4);
            }
            18 | 19 => {
                p.s(if ty == 18 {
                    "\n\tChallenge Request"
                } else {
                    "\n\tChallenge Reply"
                });
                if len > 192 {
                    invalid!();
                }
                out!(p, " len {len}");
            }
            _ => out!(p, "\n\tUnknown message type {ty}"),
        }
        i += len + 2;
    }
    Ok(Tlvs::Done)
}

/// `babel_print_v2`: the body, then any trailer.
fn v2(p: &mut Printer, d: &[u8], mut length: usize) -> P {
    if !d.has(0, 4) {
        return Err(p.soft_trunc());
    }
    if length < 4 {
        p.s(" (invalid)");
        return Ok(());
    }
    let bodylen = usize::from(d.be16(2)?);
    out!(p, " ({bodylen})");
    length -= 4;
    if length < bodylen {
        p.s(" (invalid)");
        return Ok(());
    }
    match tlvs(p, d, 4, bodylen, length)? {
        Tlvs::Done => {}
        Tlvs::Trunc => return Err(p.soft_trunc()),
        Tlvs::Invalid => {
            p.s(" (invalid)");
            return Ok(());
        }
    }
    length -= bodylen;
    if length != 0 {
        p.s(if p.opts.verbose > 0 { "\n\t----" } else { " |" });
        match tlvs(p, d, 4 + bodylen, length, length)? {
            Tlvs::Done => {}
            Tlvs::Trunc => return Err(p.soft_trunc()),
            Tlvs::Invalid => p.s(" (invalid)"),
        }
    }
    Ok(())
}

/// `babel_print`; `length` is the UDP payload's length.
pub(super) fn babel_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "babel";
    p.s("babel");
    if !d.has(0, 4) {
        return Err(p.soft_trunc());
    }
    if d.u8_at(0)? != 42 {
        p.s(" invalid header");
        return Ok(());
    }
    let version = d.u8_at(1)?;
    out!(p, " {version}");
    if version == 2 {
        v2(p, d, length)
    } else {
        p.s(" unknown version");
        Ok(())
    }
}
