//! Text protocols printed by tcpdump's `txtproto_print` (util-print.c) at the
//! default level: HTTP, FTP, SMTP, RTSP, WHOIS and SIP show their protocol name and
//! the first line (`HTTP: GET / HTTP/1.1`).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer};
use crate::decode::{Bytes, Trunc};

/// A text protocol as its `print-*.c` printer hands it to `txtproto_print`:
/// its `ndo_protocol` (printed in capitals), the commands that make a
/// request line worth printing (`None`: every line is) and whether a reply
/// code is the second token (`RESP_CODE_SECOND_TOKEN`) rather than the first.
pub(super) struct TextProto {
    protocol: &'static str,
    cmds: Option<&'static [&'static str]>,
    code_second: bool,
}

impl TextProto {
    const fn new(
        protocol: &'static str,
        cmds: Option<&'static [&'static str]>,
        code_second: bool,
    ) -> Self {
        TextProto {
            protocol,
            cmds,
            code_second,
        }
    }
}

/// `ftp_print`
pub(super) const FTP: TextProto = TextProto::new("ftp", None, false);
/// `smtp_print`
pub(super) const SMTP: TextProto = TextProto::new("smtp", None, false);
/// `whois_print`
pub(super) const WHOIS: TextProto = TextProto::new("whois", None, false);
/// `http_print`
pub(super) const HTTP: TextProto = TextProto::new("http", Some(HTTP_CMDS), true);
/// `sip_print`
pub(super) const SIP: TextProto = TextProto::new("sip", Some(SIP_CMDS), true);
/// `rtsp_print`
pub(super) const RTSP: TextProto = TextProto::new("rtsp", Some(RTSP_CMDS), true);

const SIP_CMDS: &[&str] = &[
    "ACK",
    "BYE",
    "CANCEL",
    "DO",
    "INFO",
    "INVITE",
    "MESSAGE",
    "NOTIFY",
    "OPTIONS",
    "PRACK",
    "QAUTH",
    "REFER",
    "REGISTER",
    "SPRACK",
    "SUBSCRIBE",
    "UPDATE",
    "PUBLISH",
];

const HTTP_CMDS: &[&str] = &[
    "GET",
    "PUT",
    "COPY",
    "HEAD",
    "LOCK",
    "MOVE",
    "POLL",
    "POST",
    "BCOPY",
    "BMOVE",
    "MKCOL",
    "TRACE",
    "LABEL",
    "MERGE",
    "DELETE",
    "SEARCH",
    "UNLOCK",
    "REPORT",
    "UPDATE",
    "NOTIFY",
    "BDELETE",
    "CONNECT",
    "OPTIONS",
    "CHECKIN",
    "PROPFIND",
    "CHECKOUT",
    "CCM_POST",
    "SUBSCRIBE",
    "PROPPATCH",
    "BPROPFIND",
    "BPROPPATCH",
    "UNCHECKOUT",
    "MKACTIVITY",
    "MKWORKSPACE",
    "UNSUBSCRIBE",
    "RPC_CONNECT",
    "VERSION-CONTROL",
    "BASELINE-CONTROL",
];
const RTSP_CMDS: &[&str] = &[
    "DESCRIBE",
    "ANNOUNCE",
    "GET_PARAMETER",
    "OPTIONS",
    "PAUSE",
    "PLAY",
    "RECORD",
    "REDIRECT",
    "SETUP",
    "SET_PARAMETER",
    "TEARDOWN",
];
const MAX_TOKEN: usize = 128;

/// `fetch_token`: the token at `idx` and the index after it and its blanks,
/// or `None` (tcpdump's 0).
fn fetch_token(data: &[u8], mut idx: usize, len: usize) -> Option<(&[u8], usize)> {
    let start = idx;
    while idx < len {
        let c = *data.get(idx)?;
        if !c.is_ascii() {
            return None;
        }
        if matches!(c, b' ' | b'\t' | b'\r' | b'\n') {
            break;
        }
        if !(0x20..=0x7E).contains(&c) || idx - start + 2 > MAX_TOKEN + 1 {
            return None;
        }
        idx += 1;
    }
    if idx == start {
        return None;
    }
    let tok = data.get(start..idx)?;
    while idx < len {
        let Some(&c) = data.get(idx) else { break };
        if c == b'\r' || c == b'\n' || !(0x20..=0x7E).contains(&c) || !matches!(c, b' ' | b'\t') {
            break;
        }
        idx += 1;
    }
    Some((tok, idx))
}

/// `print_txt_line`: prints one line with `prefix`; the index after it, or 0.
fn print_txt_line(
    p: &mut Printer,
    prefix: &str,
    data: &[u8],
    mut idx: usize,
    len: usize,
) -> Result<usize, Trunc> {
    let start = idx;
    while idx < len {
        let c = data.u8_at(idx)?;
        if c == b'\n' {
            emit(p, prefix, data.range(start, idx - start)?);
            return Ok(idx + 1);
        } else if c == b'\r' {
            if idx + 1 >= len {
                return Ok(0);
            }
            if data.u8_at(idx + 1)? == b'\n' {
                emit(p, prefix, data.range(start, idx - start)?);
                return Ok(idx + 2);
            }
            return Ok(0);
        } else if !(0x20..=0x7E).contains(&c) && c != b'\t' {
            return Ok(0);
        }
        idx += 1;
    }
    emit(p, prefix, data.range(start, idx - start)?);
    p.trunc();
    Ok(0)
}

fn emit(p: &mut Printer, prefix: &str, line: &[u8]) {
    p.s(prefix);
    p.out().extend_from_slice(line);
}

/// `txtproto_print`, called as `proto`'s printer calls it (its
/// `ndo_protocol` set first).
pub(super) fn txtproto_print(p: &mut Printer, data: &[u8], len: usize, proto: &TextProto) -> P {
    p.cur.protocol = proto.protocol;
    let mut print_this = proto.cmds.is_none();
    if let Some(cmds) = proto.cmds
        && let Some((tok, idx)) = fetch_token(data, 0, len)
    {
        if cmds.iter().any(|c| c.as_bytes().eq_ignore_ascii_case(tok)) {
            print_this = true;
        }
        let next = if proto.code_second {
            fetch_token(data, idx, len)
        } else {
            Some((tok, idx))
        };
        if let Some((tok, _)) = next
            && tok.len() == 3
            && tok.iter().all(u8::is_ascii_digit)
        {
            print_this = true;
        }
    }
    let caps = proto.protocol.bytes().map(|b| b.to_ascii_uppercase());
    p.out().extend(caps);
    if print_this {
        if p.opts.verbose > 0 {
            super::out!(p, ", length: {len}");
            let mut idx = 0;
            while idx < len {
                let eol = print_txt_line(p, "\n\t", data, idx, len)?;
                if eol == 0 {
                    break;
                }
                idx = eol;
            }
        } else {
            print_txt_line(p, ": ", data, 0, len)?;
        }
    }
    Ok(())
}
