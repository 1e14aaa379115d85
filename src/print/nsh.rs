//! Network Service Header (RFC 8300; Ethernet type 0x894f, VXLAN-GPE's
//! next protocol 4) as tcpdump 4.99's `print-nsh.c` prints it: flags, the
//! service path and index; `-vv` the version and next protocol, `-vvv` the
//! TTL, length, MD type and context headers (MD type 1's four words, MD
//! type 2's TLVs); then the IPv4, IPv6 or Ethernet packet it carries.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::tok::{BitTok, bittok2str_nosep};
use super::{P, Printer, out};
use crate::decode::{Bytes, Trunc};

const FLAGS: &BitTok = &[(0x2, "O")];

const WORD: u32 = 4;

fn md_name(p: &mut Printer, t: u32) {
    match t {
        0x00 => p.s("reserved"),
        0x01 => p.s("1"),
        0x02 => p.s("2"),
        0x0f => p.s("experimental"),
        _ => out!(p, "unknown (0x{t:02x})"),
    }
}

fn np_name(p: &mut Printer, t: u8) {
    match t {
        0x01 => p.s("IPv4"),
        0x02 => p.s("IPv6"),
        0x03 => p.s("Ethernet"),
        0x04 => p.s("NSH"),
        0x05 => p.s("MPLS"),
        0xfe => p.s("Experiment 1"),
        0xff => p.s("Experiment 2"),
        _ => out!(p, "unknown (0x{t:02x})"),
    }
}

/// `nsh_print`: `len` the bytes from the base header on.
pub(super) fn nsh_print(p: &mut Printer, d: &[u8], len: usize) -> P {
    p.cur.protocol = "nsh";
    let len = u32::try_from(len).unwrap_or(u32::MAX);
    if len < 8 {
        out!(p, " (packet length {len} < 8)");
        p.s(" (invalid)");
        return Ok(());
    }
    let base = d.be32(0)?;
    let ver = base >> 30;
    let length = (base >> 16) & 0x3f;
    let md_type = (base >> 8) & 0xf;
    let next = (base & 0xff) as u8;
    let v = p.opts.verbose;
    p.s("NSH, ");
    if v > 1 {
        out!(p, "ver {ver}, ");
    }
    if ver != 0 {
        return Ok(());
    }
    p.s("flags [");
    bittok2str_nosep(p, FLAGS, "none", (base >> 28) & 0x3);
    p.s("], ");
    if v > 2 {
        out!(p, "TTL {}, ", (base >> 22) & 0x3f);
        out!(p, "length {length}, ");
        p.s("md type ");
        md_name(p, md_type);
        p.s(", ");
    }
    if v > 1 {
        p.s("next-protocol ");
        np_name(p, next);
        p.s(", ");
    }
    if len < length * WORD {
        out!(p, " (too many headers for packet length {len})");
        p.s(" (invalid)");
        return Ok(());
    }
    out!(p, "service-path-id 0x{:06x}, ", d.be24(4)?);
    out!(p, "service-index 0x{:x}", d.u8_at(7)?);
    if length < 2 {
        p.s(" (less than two headers)");
        p.s(" (invalid)");
        return Ok(());
    }
    let mut at = 8usize;
    let mut past_headers = false;
    if v > 2 {
        if md_type == 1 {
            if length != 6 {
                p.s(" (invalid length for the MD type)");
                p.s(" (invalid)");
                return Ok(());
            }
            for n in 0..length - 2 {
                out!(p, "\n        Context[{n:02}]: 0x{:08x}", d.be32(at)?);
                at += WORD as usize;
            }
            past_headers = true;
        } else if md_type == 2 {
            let mut n = 0u32;
            while n < length - 2 {
                let class = d.be16(at)?;
                let ty = d.u8_at(at + 2)?;
                let tlv_len = d.u8_at(at + 3)? & 0x7f;
                at += 4;
                let padded = u32::from(tlv_len).next_multiple_of(WORD);
                out!(p, "\n        TLV Class {class}, Type {ty}, Len {tlv_len}");
                n += 1;
                if length - 2 < n + padded / WORD {
                    p.s(" (length too big)");
                    p.s(" (invalid)");
                    return Ok(());
                }
                if tlv_len != 0 {
                    p.s("\n            Value: ");
                    let mut sep = "0x";
                    for _ in 0..tlv_len {
                        out!(p, "{sep}{:02x}", d.u8_at(at)?);
                        at += 1;
                        sep = ":";
                    }
                    // The TLV's padding must be captured too.
                    let pad = (padded - u32::from(tlv_len)) as usize;
                    if !d.has(at, pad) {
                        return Err(Trunc);
                    }
                    at += pad;
                    n += padded / WORD;
                }
            }
            past_headers = true;
        }
    }
    if !past_headers {
        let skip = ((length - 2) * WORD) as usize;
        if !d.has(at, skip) {
            return Err(Trunc);
        }
        at += skip;
    }
    p.s(if v > 0 { "\n    " } else { ": " });
    let next_len = (len - length * WORD) as usize;
    let rest = d.get(at..).unwrap_or(&[]);
    match next {
        0x01 => super::ip::ip_print(p, rest, next_len),
        0x02 => super::ip6::ip6_print(p, rest, next_len),
        0x03 => super::link::ether_print(p, rest, next_len),
        _ => {
            p.s("ERROR: unknown-next-protocol");
            Ok(())
        }
    }
}
