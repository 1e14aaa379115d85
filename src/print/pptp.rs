//! PPTP's control connection (TCP port 1723, RFC 2637) as tcpdump 4.99's
//! `print-pptp.c` prints it: the header (with `-v` its length and message
//! type; the magic cookie when `-v` or wrong), the control message's name,
//! then each message's fields in order (with `-v` the result and error
//! codes' meanings), a reserved field only when it is not zero.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, chars, out};
use crate::decode::{Bytes, Trunc};

pub(super) const PPTP_PORT: u16 = 1723;
const MAGIC_COOKIE: u32 = 0x1a2b_3c4d;

const MESSAGE_TYPES: [&str; 16] = [
    "NOT_DEFINED",
    "SCCRQ",
    "SCCRP",
    "StopCCRQ",
    "StopCCRP",
    "ECHORQ",
    "ECHORP",
    "OCRQ",
    "OCRP",
    "ICRQ",
    "ICRP",
    "ICCN",
    "CCRQ",
    "CDN",
    "WEN",
    "SLI",
];

/// The fields of a control message, read from `d` (the message after the
/// 12-byte header) in tcpdump's order; each read past the capture ends the
/// packet there.
struct Msg<'a> {
    d: &'a [u8],
}

impl Msg<'_> {
    fn u8(&self, at: usize) -> Result<u8, Trunc> {
        self.d.u8_at(at)
    }
    fn u16(&self, at: usize) -> Result<u16, Trunc> {
        self.d.be16(at)
    }
    fn u32(&self, at: usize) -> Result<u32, Trunc> {
        self.d.be32(at)
    }
    fn num16(&self, p: &mut Printer, name: &str, at: usize) -> P {
        let v = self.u16(at)?;
        out!(p, " {name}({v})");
        Ok(())
    }
    fn num32(&self, p: &mut Printer, name: &str, at: usize) -> P {
        let v = self.u32(at)?;
        out!(p, " {name}({v})");
        Ok(())
    }
    /// `PRINT_RESERVED_IF_NOT_ZERO_1`/`_2`.
    fn reserved(&self, p: &mut Printer, at: usize, size: usize) -> P {
        let v = if size == 1 {
            u16::from(self.u8(at)?)
        } else {
            self.u16(at)?
        };
        if v != 0 {
            out!(p, " [ERROR: reserved={v} must be zero]");
        }
        Ok(())
    }
    fn text(&self, p: &mut Printer, name: &str, at: usize, n: usize) -> P {
        out!(p, " {name}(");
        chars::printjnp(p, self.d, at, n)?;
        p.s(")");
        Ok(())
    }
    /// A number field's text whose length (at most 64) is the 16-bit field
    /// at `len_at`.
    fn counted_text(&self, p: &mut Printer, name: &str, at: usize, len_at: usize) -> P {
        let n = usize::from(self.u16(len_at)?).min(64);
        self.text(p, name, at, n)
    }
    fn proto_ver(&self, p: &mut Printer, at: usize) -> P {
        let v = self.u16(at)?;
        out!(p, " PROTO_VER({}.{})", v >> 8, v & 0xff);
        Ok(())
    }
    fn framing_cap(&self, p: &mut Printer, at: usize) -> P {
        let v = self.u32(at)?;
        p.s(" FRAME_CAP(");
        if v & 1 != 0 {
            p.s("A");
        }
        if v & 2 != 0 {
            p.s("S");
        }
        p.s(")");
        Ok(())
    }
    fn bearer_cap(&self, p: &mut Printer, at: usize) -> P {
        let v = self.u32(at)?;
        let d = if v & 2 != 0 { "D" } else { "" };
        let a = if v & 1 != 0 { "A" } else { "" };
        out!(p, " BEARER_CAP({d}{a})");
        Ok(())
    }
    /// A 32-bit code named by `names` (codes 1, 2, 3; `?` for others), as
    /// `NAME(text)`: the bearer and framing types.
    fn typed(&self, p: &mut Printer, name: &str, at: usize, names: [&str; 3]) -> P {
        let v = self.u32(at)?;
        let t = usize::try_from(v)
            .ok()
            .and_then(|v| v.checked_sub(1))
            .and_then(|i| names.get(i))
            .copied()
            .unwrap_or("?");
        out!(p, " {name}({t})");
        Ok(())
    }
    fn bearer_type(&self, p: &mut Printer, at: usize) -> P {
        self.typed(p, "BEARER_TYPE", at, ["A", "D", "Any"])
    }
    fn framing_type(&self, p: &mut Printer, at: usize) -> P {
        self.typed(p, "FRAME_TYPE", at, ["A", "S", "E"])
    }
    /// `pptp_result_code_print` for message type `msg`.
    fn result_code(&self, p: &mut Printer, at: usize, msg: u16) -> P {
        let v = self.u8(at)?;
        out!(p, " RESULT_CODE({v}");
        if p.opts.verbose > 0 {
            let text: &[&str] = match msg {
                2 => &[
                    "Successful channel establishment",
                    "General error",
                    "Command channel already exists",
                    "Requester is not authorized to establish a command channel",
                    "The protocol version of the requester is not supported",
                ],
                4 | 6 => &["OK", "General Error"],
                8 => &[
                    "Connected",
                    "General Error",
                    "No Carrier",
                    "Busy",
                    "No Dial Tone",
                    "Time-out",
                    "Do Not Accept",
                ],
                10 => &["Connect", "General Error", "Do Not Accept"],
                _ => &["Lost Carrier", "General Error", "Admin Shutdown", "Request"],
            };
            let t = usize::from(v)
                .checked_sub(1)
                .and_then(|i| text.get(i))
                .copied()
                .unwrap_or("?");
            out!(p, ":{t}");
        }
        p.s(")");
        Ok(())
    }
    fn err_code(&self, p: &mut Printer, at: usize) -> P {
        let v = self.u8(at)?;
        out!(p, " ERR_CODE({v}");
        if p.opts.verbose > 0 {
            let t = [
                "None",
                "Not-Connected",
                "Bad-Format",
                "Bad-Value",
                "No-Resource",
                "Bad-Call-ID",
                "PAC-Error",
            ];
            out!(p, ":{}", t.get(usize::from(v)).copied().unwrap_or("?"));
        }
        p.s(")");
        Ok(())
    }
}

/// `pptp_print`: the segment's payload `d`.
pub(super) fn pptp_print(p: &mut Printer, d: &[u8]) -> P {
    p.cur.protocol = "pptp";
    p.s(": pptp");
    if p.opts.verbose > 0 {
        out!(p, " Length={}", d.be16(0)?);
        p.s(match d.be16(2)? {
            1 => " CTRL-MSG",
            2 => " MGMT-MSG",
            _ => " UNKNOWN-MSG-TYPE",
        });
    }
    let mc = d.be32(4)?;
    if mc != MAGIC_COOKIE {
        out!(p, " UNEXPECTED Magic-Cookie!!({mc:08x})");
    }
    if p.opts.verbose > 0 || mc != MAGIC_COOKIE {
        out!(p, " Magic-Cookie={mc:08x}");
    }
    let ty = d.be16(8)?;
    match MESSAGE_TYPES.get(usize::from(ty)) {
        Some(name) => out!(p, " CTRL_MSGTYPE={name}"),
        None => out!(p, " UNKNOWN_CTRL_MSGTYPE({ty})"),
    }
    Msg { d }.reserved(p, 10, 2)?;
    let m = Msg {
        d: d.get(12..).unwrap_or_default(),
    };
    match ty {
        // SCCRQ and SCCRP: version, then reserved or result and error.
        1 | 2 => {
            m.proto_ver(p, 0)?;
            if ty == 1 {
                m.reserved(p, 2, 2)?;
            } else {
                m.result_code(p, 2, ty)?;
                m.err_code(p, 3)?;
            }
            m.framing_cap(p, 4)?;
            m.bearer_cap(p, 8)?;
            m.num16(p, "MAX_CHAN", 12)?;
            m.num16(p, "FIRM_REV", 14)?;
            m.text(p, "HOSTNAME", 16, 64)?;
            m.text(p, "VENDOR", 80, 64)?;
        }
        3 => {
            let reason = m.u8(0)?;
            out!(p, " REASON({reason}");
            if p.opts.verbose > 0 {
                p.s(match reason {
                    1 => ":None",
                    2 => ":Stop-Protocol",
                    3 => ":Stop-Local-Shutdown",
                    _ => ":?",
                });
            }
            p.s(")");
            m.reserved(p, 1, 1)?;
            m.reserved(p, 2, 2)?;
        }
        4 => {
            m.result_code(p, 0, ty)?;
            m.err_code(p, 1)?;
            m.reserved(p, 2, 2)?;
        }
        5 => m.num32(p, "ID", 0)?,
        6 => {
            m.num32(p, "ID", 0)?;
            m.result_code(p, 4, ty)?;
            m.err_code(p, 5)?;
            m.reserved(p, 6, 2)?;
        }
        7 => {
            m.num16(p, "CALL_ID", 0)?;
            m.num16(p, "CALL_SER_NUM", 2)?;
            m.num32(p, "MIN_BPS", 4)?;
            m.num32(p, "MAX_BPS", 8)?;
            m.bearer_type(p, 12)?;
            m.framing_type(p, 16)?;
            m.num16(p, "RECV_WIN", 20)?;
            m.num16(p, "PROC_DELAY", 22)?;
            m.num16(p, "PHONE_NO_LEN", 24)?;
            m.reserved(p, 26, 2)?;
            m.counted_text(p, "PHONE_NO", 28, 24)?;
            m.text(p, "SUB_ADDR", 92, 64)?;
        }
        8 => {
            m.num16(p, "CALL_ID", 0)?;
            m.num16(p, "PEER_CALL_ID", 2)?;
            m.result_code(p, 4, ty)?;
            m.err_code(p, 5)?;
            m.num16(p, "CAUSE_CODE", 6)?;
            m.num32(p, "CONN_SPEED", 8)?;
            m.num16(p, "RECV_WIN", 12)?;
            m.num16(p, "PROC_DELAY", 14)?;
            m.num32(p, "PHY_CHAN_ID", 16)?;
        }
        9 => {
            m.num16(p, "CALL_ID", 0)?;
            m.num16(p, "CALL_SER_NUM", 2)?;
            m.bearer_type(p, 4)?;
            m.num32(p, "PHY_CHAN_ID", 8)?;
            m.num16(p, "DIALED_NO_LEN", 12)?;
            m.num16(p, "DIALING_NO_LEN", 14)?;
            m.counted_text(p, "DIALED_NO", 16, 12)?;
            m.counted_text(p, "DIALING_NO", 80, 14)?;
            m.text(p, "SUB_ADDR", 144, 64)?;
        }
        10 => {
            m.num16(p, "CALL_ID", 0)?;
            m.num16(p, "PEER_CALL_ID", 2)?;
            m.result_code(p, 4, ty)?;
            m.err_code(p, 5)?;
            m.num16(p, "RECV_WIN", 6)?;
            m.num16(p, "PROC_DELAY", 8)?;
            m.reserved(p, 10, 2)?;
        }
        11 => {
            m.num16(p, "PEER_CALL_ID", 0)?;
            m.reserved(p, 2, 2)?;
            m.num32(p, "CONN_SPEED", 4)?;
            m.num16(p, "RECV_WIN", 8)?;
            m.num16(p, "PROC_DELAY", 10)?;
            m.framing_type(p, 12)?;
        }
        12 => {
            m.num16(p, "CALL_ID", 0)?;
            m.reserved(p, 2, 2)?;
        }
        13 => {
            m.num16(p, "CALL_ID", 0)?;
            m.result_code(p, 2, ty)?;
            m.err_code(p, 3)?;
            m.num16(p, "CAUSE_CODE", 4)?;
            m.reserved(p, 6, 2)?;
            m.text(p, "CALL_STATS", 8, 128)?;
        }
        14 => {
            m.num16(p, "PEER_CALL_ID", 0)?;
            m.reserved(p, 2, 2)?;
            m.num32(p, "CRC_ERR", 4)?;
            m.num32(p, "FRAMING_ERR", 8)?;
            m.num32(p, "HARDWARE_OVERRUN", 12)?;
            m.num32(p, "BUFFER_OVERRUN", 16)?;
            m.num32(p, "TIMEOUT_ERR", 20)?;
            m.num32(p, "ALIGN_ERR", 24)?;
        }
        15 => {
            m.num16(p, "PEER_CALL_ID", 0)?;
            m.reserved(p, 2, 2)?;
            let send = m.u32(4)?;
            out!(p, " SEND_ACCM(0x{send:08x})");
            let recv = m.u32(8)?;
            out!(p, " RECV_ACCM(0x{recv:08x})");
        }
        _ => {}
    }
    Ok(())
}
