//! LISP control messages (UDP port 4342) as tcpdump 4.99's `print-lisp.c`
//! prints them: the message type; for Map-Register and Map-Notify the
//! record count and each EID record with its locators (`-v` the flags,
//! authentication data, TTLs, actions, versions, priorities and weights),
//! then the xTR and site IDs or the rest in hex. Every `ND_TCHECK` there is
//! a soft truncation (the file does not longjmp).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::hex::hex_print;
use super::tok::{BitTok, bittok2str};
use super::{P, Printer, out};
use crate::decode::Bytes;

pub(super) const LISP_CONTROL_PORT: u16 = 4342;

/// `lisp_map_register_hdr`.
const HDR: u16 = 16;
/// `lisp_map_register_eid`.
const EID: u16 = 12;
/// `lisp_map_register_loc`.
const LOC: u16 = 8;

const MAP_REGISTER: u8 = 3;
const MAP_NOTIFY: u8 = 4;

const REGISTER_FLAGS: &BitTok = &[
    (0x0800_0000, "P-Proxy-Map-Reply"),
    (0x0400_0000, "S-LISP-SEC-Capable"),
    (0x0200_0000, "I-xTR-ID-Present"),
    (0x0100_0000, "R-Build-For-RTR"),
    (0x0000_0100, "M-Want-Map-Notify"),
];

const NOTIFY_FLAGS: &BitTok = &[
    (0x0800_0000, "I-xTR-ID-Present"),
    (0x0400_0000, "R-Build-For-RTR"),
];

const LOC_FLAGS: &BitTok = &[
    (0x0004, "Local-Locator"),
    (0x0002, "RLoc-Probed"),
    (0x0001, "Reachable"),
];

/// `lisp_print`; `length` is the UDP payload's length. Offsets are C's
/// `uint16_t packet_offset`, wrapping as it does.
pub(super) fn lisp_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "lisp";
    if !d.has(0, usize::from(HDR)) {
        return Err(p.soft_trunc());
    }
    let type_and_flag = d.u8_at(0)?;
    let ty = type_and_flag >> 4;
    match ty {
        0 => p.s("LISP-Reserved,"),
        1 => p.s("LISP-Map-Request,"),
        2 => p.s("LISP-Map-Reply,"),
        MAP_REGISTER => p.s("LISP-Map-Register,"),
        MAP_NOTIFY => p.s("LISP-Map-Notify,"),
        8 => p.s("LISP-Encapsulated-Contol-Message,"),
        _ => out!(p, "unknown-type-{ty},"),
    }
    if p.opts.verbose > 0 {
        let flags = match ty {
            MAP_REGISTER => Some(REGISTER_FLAGS),
            MAP_NOTIFY => Some(NOTIFY_FLAGS),
            _ => None,
        };
        if let Some(toks) = flags {
            let v = d.be32(0)?;
            p.s(" flags [");
            bittok2str(p, toks, "none", v);
            p.s("],");
        }
    }
    let xtr_present = match ty {
        MAP_REGISTER => type_and_flag & 2 != 0,
        MAP_NOTIFY => type_and_flag & 8 != 0,
        _ => return Ok(()),
    };
    let auth_data_len = d.be16(14)?;
    let mut off: u16 = HDR;
    let mut record_count = d.u8_at(3)?;
    if p.opts.verbose > 0 {
        let key_id = d.be16(12)?;
        out!(p, "\n    {record_count} record(s), ");
        let auth = match key_id {
            0 => "None",
            1 => "SHA1",
            2 => "SHA256",
            _ => "unknown-type",
        };
        out!(p, "Authentication {auth},");
        hex_print(
            p,
            "\n    Authentication-Data: ",
            d.from(usize::from(off))?,
            usize::from(auth_data_len),
        )?;
    } else {
        out!(p, " {record_count} record(s),");
    }
    off = off.wrapping_add(auth_data_len);
    if record_count == 0 {
        p.s(" (invalid)");
        return Ok(());
    }
    while length > usize::from(off) && record_count != 0 {
        record_count -= 1;
        let eid = usize::from(off);
        if !d.has(eid, usize::from(EID)) {
            return Err(p.soft_trunc());
        }
        p.s("\n");
        off = off.wrapping_add(EID);
        let mask_len = d.u8_at(eid + 5)?;
        let eid_afi = d.be16(eid + 10)?;
        let mut loc_count = d.u8_at(eid + 4)?;
        if p.opts.verbose > 0 {
            out!(p, "      Record TTL {},", d.be32(eid)?);
            let act = d.u8_at(eid + 6)?;
            if (act >> 4) & 1 != 0 {
                p.s(" Authoritative,");
            } else {
                p.s(" Non-Authoritative,");
            }
            let action = match act >> 5 {
                0 => "No-Action",
                1 => "Natively-Forward",
                2 => "Send-Map-Request",
                3 => "Drop",
                _ => "unknown",
            };
            out!(p, " {action},");
            out!(p, " Map Version: {},", d.be16(eid + 8)? & 0x0fff);
        }
        let at = usize::from(off);
        match eid_afi {
            1 => {
                let a = *d.array::<4>(at)?;
                p.s(" EID ");
                p.ip4(a);
                out!(p, "/{mask_len},");
                off = off.wrapping_add(4);
            }
            2 => {
                let a = *d.array::<16>(at)?;
                p.s(" EID ");
                p.ip6(&a);
                out!(p, "/{mask_len},");
                off = off.wrapping_add(16);
            }
            _ => return Ok(()),
        }
        out!(p, " {loc_count} locator(s)");
        while loc_count != 0 {
            loc_count -= 1;
            let loc = usize::from(off);
            if !d.has(loc, usize::from(LOC)) {
                return Err(p.soft_trunc());
            }
            off = off.wrapping_add(LOC);
            let loc_afi = d.be16(loc + 6)?;
            if p.opts.verbose > 0 {
                p.s("\n       ");
            }
            match loc_afi {
                1 => {
                    if !d.has(usize::from(off), 4) {
                        return Err(p.soft_trunc());
                    }
                    let a = *d.array::<4>(loc + 8)?;
                    p.s(" LOC ");
                    p.ip4(a);
                    off = off.wrapping_add(4);
                }
                2 => {
                    if !d.has(usize::from(off), 16) {
                        return Err(p.soft_trunc());
                    }
                    let a = *d.array::<16>(loc + 8)?;
                    p.s(" LOC ");
                    p.ip6(&a);
                    off = off.wrapping_add(16);
                }
                _ => {}
            }
            if p.opts.verbose > 0 {
                let (pr, w, mp, mw) = (
                    d.u8_at(loc)?,
                    d.u8_at(loc + 1)?,
                    d.u8_at(loc + 2)?,
                    d.u8_at(loc + 3)?,
                );
                out!(
                    p,
                    "\n          Priority/Weight {pr}/{w}, Multicast Priority/Weight {mp}/{mw},"
                );
                let flags = d.be16(loc + 4)?;
                p.s(" flags [");
                bittok2str(p, LOC_FLAGS, "none", u32::from(flags));
                p.s("],");
            }
        }
    }
    let at = usize::from(off);
    if xtr_present {
        if !d.has(at, 24) {
            p.s(" (invalid)");
            return Ok(());
        }
        hex_print(p, "\n    xTR-ID: ", d.from(at)?, 16)?;
        out!(p, "\n    SITE-ID: {}", d.be64(at + 16)?);
    } else if at < d.len() {
        let rest = d.from(at)?;
        hex_print(p, "\n    Data: ", rest, rest.len())?;
    }
    Ok(())
}
