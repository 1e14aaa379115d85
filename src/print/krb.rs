//! Kerberos over UDP 88 and 750 (`print-krb.c`): the protocol version of
//! v1–v3 and of the two v5 messages tcpdump recognises (AS-REQ and AS-REP
//! by their ASN.1 application tags 106 and 107: ` v5`; other v5 messages
//! print nothing, as in tcpdump), and Kerberos v4's header fields.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::{Bytes, Trunc};

/// `type2str` (tok2str with tcpdump's default `#%d`).
fn type_name(p: &mut Printer, t: u8) {
    let s = match t {
        2 => "KDC_REQUEST",
        4 => "KDC_REPLY",
        6 => "APPL_REQUEST",
        8 => "APPL_REQUEST_MUTUAL",
        10 => "ERR_REPLY",
        12 => "PRIVATE",
        14 => "SAFE",
        16 => "APPL_ERR",
        126 => "DIE",
        _ => {
            out!(p, "#{t}");
            return;
        }
    };
    p.s(s);
}

/// `kerr2str`.
fn err_name(p: &mut Printer, e: u16) {
    const NAMES: [&str; 11] = [
        "OK",
        "NAME_EXP",
        "SERVICE_EXP",
        "AUTH_EXP",
        "PKT_VER",
        "NAME_MAST_KEY_VER",
        "SERV_MAST_KEY_VER",
        "BYTE_ORDER",
        "PRINCIPAL_UNKNOWN",
        "PRINCIPAL_NOT_UNIQUE",
        "NULL_KEY",
    ];
    match NAMES.get(usize::from(e)) {
        Some(s) => p.s(s),
        None => out!(p, "#{e}"),
    }
}

/// `c_print`: a NUL-terminated string; `None` when the capture ends first.
fn c_print(p: &mut Printer, d: &[u8], mut at: usize) -> Option<usize> {
    while let Some(&c) = d.get(at) {
        at += 1;
        if c == 0 {
            return Some(at);
        }
        super::chars::print_char(p, c);
    }
    None
}

/// `krb4_print_hdr`: `name.instance@realm` after the two header bytes.
fn v4_hdr(p: &mut Printer, d: &[u8]) -> Option<usize> {
    let at = c_print(p, d, 2)?;
    p.s(".");
    let at = c_print(p, d, at)?;
    p.s("@");
    c_print(p, d, at)
}

/// `krb4_print`; `Ok(None)` is its `trunc:` label.
fn v4(p: &mut Printer, d: &[u8]) -> Result<Option<()>, Trunc> {
    let raw = d.u8_at(1)?;
    let le = raw & 1 != 0;
    let get16 = |at: usize| -> Result<u16, Trunc> {
        let v = d.be16(at)?;
        Ok(if le { v.swap_bytes() } else { v })
    };
    let t = raw & 0xfe;
    p.s(if le { " le " } else { " be " });
    type_name(p, t);
    p.s(": ");
    match t {
        2 => {
            let Some(at) = v4_hdr(p, d) else {
                return Ok(None);
            };
            let at = at + 4;
            out!(p, " {}min ", u32::from(d.u8_at(at)?) * 5);
            let Some(at) = c_print(p, d, at + 1) else {
                return Ok(None);
            };
            p.s(".");
            if c_print(p, d, at).is_none() {
                return Ok(None);
            }
        }
        6 => {
            out!(p, "v{} ", d.u8_at(2)?);
            let Some(at) = c_print(p, d, 3) else {
                return Ok(None);
            };
            out!(p, " ({})", d.u8_at(at)?);
            out!(p, " ({})", d.u8_at(at + 1)?);
        }
        4 => {
            let Some(at) = v4_hdr(p, d) else {
                return Ok(None);
            };
            out!(p, " ({})", get16(at + 10)?);
        }
        10 => {
            let Some(at) = v4_hdr(p, d) else {
                return Ok(None);
            };
            let e = get16(at + 4)?;
            p.s(" ");
            err_name(p, e);
            p.s(" ");
            if c_print(p, d, at + 8).is_none() {
                return Ok(None);
            }
        }
        _ => p.s("(unknown)"),
    }
    Ok(Some(()))
}

/// `krb_print`.
pub(super) fn krb_print(p: &mut Printer, d: &[u8]) -> P {
    p.cur.protocol = "krb";
    if d.is_empty() {
        return Err(p.soft_trunc());
    }
    match d.u8_at(0)? {
        v @ 1..=3 => out!(p, " v{v}"),
        4 => {
            p.s(" v4");
            if v4(p, d)?.is_none() {
                return Err(p.soft_trunc());
            }
        }
        106 | 107 => p.s(" v5"),
        _ => {}
    }
    Ok(())
}
