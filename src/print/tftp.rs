//! TFTP over UDP 69 (`print-tftp.c`): `TFTP, length 22, RRQ "file" octet`,
//! with options, block numbers and error codes.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::chars::printztn;
use super::{P, Printer, out};
use crate::decode::Bytes;

/// `err2str`.
const ERRORS: [&str; 8] = [
    "EUNDEF",
    "ENOTFOUND",
    "EACCESS",
    "ENOSPACE",
    "EBADOP",
    "EBADID",
    "EEXISTS",
    "ENOUSER",
];

/// `tftp_print`.
pub(super) fn tftp_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "tftp";
    out!(p, "TFTP, length {length}");
    if length < 2 {
        return Err(p.soft_trunc());
    }
    let op = d.be16(0)?;
    let name = match op {
        1 => "RRQ",
        2 => "WRQ",
        3 => "DATA",
        4 => "ACK",
        5 => "ERROR",
        6 => "OACK",
        _ => {
            out!(p, ", tftp-#{op}");
            return Ok(());
        }
    };
    out!(p, ", {name}");
    let mut at = 2usize;
    let mut length = length - 2;
    // The options after a request or in an OACK: NUL-terminated strings,
    // a space before each one that is not empty.
    let options = |p: &mut Printer, mut at: usize, mut length: usize| -> P {
        while length != 0 {
            if d.u8_at(at)? != 0 {
                p.s(" ");
            }
            let ui = printztn(p, d, at, length);
            if ui == 0 {
                return Err(p.soft_trunc());
            }
            at += ui;
            length -= ui;
        }
        Ok(())
    };
    match op {
        1 | 2 => {
            if length == 0 {
                return Err(p.soft_trunc());
            }
            p.s(" \"");
            let ui = printztn(p, d, at, length);
            p.s("\"");
            if ui == 0 {
                return Err(p.soft_trunc());
            }
            at += ui;
            length -= ui;
            if length == 0 {
                return Err(p.soft_trunc());
            }
            p.s(" ");
            let ui = printztn(p, d, at, length);
            if ui == 0 {
                return Err(p.soft_trunc());
            }
            options(p, at + ui, length - ui)?;
        }
        6 => options(p, at, length)?,
        3 | 4 => {
            if length < 2 {
                return Err(p.soft_trunc());
            }
            out!(p, " block {}", d.be16(at)?);
        }
        _ => {
            if length < 2 {
                return Err(p.soft_trunc());
            }
            let code = d.be16(at)?;
            match ERRORS.get(usize::from(code)) {
                Some(s) => out!(p, " {s}"),
                None => out!(p, " tftp-err-#{code} \""),
            }
            at += 2;
            length -= 2;
            if length == 0 {
                return Err(p.soft_trunc());
            }
            p.s(" \"");
            let ui = printztn(p, d, at, length);
            p.s("\"");
            if ui == 0 {
                return Err(p.soft_trunc());
            }
        }
    }
    Ok(())
}
