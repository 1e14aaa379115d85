//! MIT's Zephyr notices (UDP ports 2103 and 2104) as tcpdump 4.99's
//! `print-zephyr.c` prints them: the NUL-terminated header fields parsed
//! in order, then the kind and sender and a summary by class (locate,
//! admin, subscriptions, host manager, windowgram, login exposure), else
//! the `<class,instance,recipient>` triple and opcode.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, chars, out};
use crate::decode::Bytes;

pub(super) const ZEPHYR_SRV_PORT: u16 = 2103;
pub(super) const ZEPHYR_CLT_PORT: u16 = 2104;

const Z_PACKET_SERVACK: i32 = 5;

/// tcpdump's `z_buf`: what does not fit its 256 bytes (NUL included) is
/// cut off.
const Z_BUF: usize = 255;

fn kind_name(kind: i32) -> Option<&'static str> {
    Some(match kind {
        0 => "unsafe",
        1 => "unacked",
        2 => "acked",
        3 => "hm-ack",
        4 => "hm-ctl",
        5 => "serv-ack",
        6 => "serv-nak",
        7 => "client-ack",
        8 => "stat",
        _ => return None,
    })
}

/// The parse state: `parse`/`parselen` and `lose`.
struct Fields<'a> {
    d: &'a [u8],
    at: usize,
    len: usize,
    lose: bool,
}

impl<'a> Fields<'a> {
    /// `parse_field` (`PARSE_STRING`): the next NUL-terminated string
    /// within the UDP length, without its NUL; a byte past the capture
    /// ends the packet. `None` (and `lose`) when the length ran out first.
    fn string(&mut self) -> Result<Option<&'a [u8]>, super::Trunc> {
        let start = self.at;
        loop {
            if self.len == 0 {
                self.lose = true;
                return Ok(None);
            }
            if self.d.u8_at(self.at)? == 0 {
                break;
            }
            self.at += 1;
            self.len -= 1;
        }
        let s = self.d.range(start, self.at - start)?;
        self.at += 1;
        self.len -= 1;
        Ok(Some(s))
    }

    /// `PARSE_FIELD_INT`: `strtol(s, 0, 16)` stored in an `int`.
    fn int(&mut self) -> Result<i32, super::Trunc> {
        Ok(self.string()?.map_or(0, strtol16))
    }
}

/// glibc's `strtol(s, NULL, 16)` (leading white space, a sign, an optional
/// `0x`; `LONG_MAX`/`LONG_MIN` on overflow), truncated to 32 bits.
fn strtol16(s: &[u8]) -> i32 {
    let mut it = s
        .iter()
        .copied()
        .skip_while(|c| matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
        .peekable();
    let neg = match it.peek() {
        Some(b'-') => {
            it.next();
            true
        }
        Some(b'+') => {
            it.next();
            false
        }
        _ => false,
    };
    let rest: Vec<u8> = it.collect();
    let digits = match rest.as_slice() {
        [b'0', b'x' | b'X', d, ..] if d.is_ascii_hexdigit() => rest.get(2..).unwrap_or(&[]),
        r => r,
    };
    let mut mag: u128 = 0;
    for &c in digits {
        let Some(v) = char::from(c).to_digit(16) else {
            break;
        };
        mag = (mag * 16 + u128::from(v)).min(1 << 64);
    }
    let v: i64 = if neg {
        if mag > 1 << 63 {
            i64::MIN
        } else {
            (-(mag as i128)) as i64
        }
    } else if mag > i64::MAX as u128 {
        i64::MAX
    } else {
        mag as i64
    };
    v as i32
}

/// `fn_print_str` of a string tcpdump has put in its `z_buf`.
fn print_buf(p: &mut Printer, s: &[u8]) {
    for &c in s.iter().take(Z_BUF) {
        chars::print_char(p, c);
    }
}

/// `ZEPHYR_PRINT(str1, str2)` of a string in the packet.
fn zprint(p: &mut Printer, lead: &str, s: &[u8]) {
    p.s(lead);
    for &c in s {
        chars::print_char(p, c);
    }
}

/// `ZEPHYR_PRINT(str1, str_to_lower(s))`.
fn zprint_lower(p: &mut Printer, lead: &str, s: &[u8]) {
    p.s(lead);
    let lower: Vec<u8> = s.iter().map(u8::to_ascii_lowercase).collect();
    print_buf(p, &lower);
}

/// `ZEPHYR_PRINT(str1, z_triple(class, inst, recipient))`.
fn zprint_triple(p: &mut Printer, lead: &str, class: &[u8], inst: &[u8], recipient: &[u8]) {
    p.s(lead);
    let recipient: &[u8] = if recipient.is_empty() {
        b"*"
    } else {
        recipient
    };
    let mut t = Vec::with_capacity(class.len() + inst.len() + recipient.len() + 4);
    t.push(b'<');
    t.extend_from_slice(class);
    t.push(b',');
    t.extend_from_slice(inst);
    t.push(b',');
    t.extend_from_slice(recipient);
    t.push(b'>');
    print_buf(p, &t);
}

/// `zephyr_print`; `length` is the UDP payload's length.
pub(super) fn zephyr_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "zephyr";
    let mut f = Fields {
        d,
        at: 0,
        len: length,
        lose: false,
    };
    let Some(version) = f.string()? else {
        p.s(" (invalid)");
        return Ok(());
    };
    if !version.starts_with(b"ZEPH") {
        return Ok(());
    }
    let _numfields = f.int()?;
    let kind = f.int()?;
    let _uid = f.string()?;
    let _port = f.int()?;
    let _auth = f.int()?;
    let _authlen = f.int()?;
    let _authdata = f.string()?;
    let class = f.string()?;
    let inst = f.string()?;
    let opcode = f.string()?;
    let sender = f.string()?;
    let recipient = f.string()?;
    let _format = f.string()?;
    let _cksum = f.int()?;
    let _multi = f.int()?;
    let _multi_uid = f.string()?;
    let (Some(class), Some(inst), Some(opcode), Some(sender), Some(recipient)) =
        (class, inst, opcode, sender, recipient)
    else {
        p.s(" (invalid)");
        return Ok(());
    };
    if f.lose {
        p.s(" (invalid)");
        return Ok(());
    }
    p.s(" zephyr");
    let vrest = version.get(4..).unwrap_or(&[]);
    if !vrest.starts_with(b"0.2") {
        zprint(p, " v", vrest);
        return Ok(());
    }
    match kind_name(kind) {
        Some(n) => out!(p, " {n}"),
        None => out!(p, " type {kind}"),
    }
    if kind == Z_PACKET_SERVACK
        && let Some(ackdata) = f.string()?
        && ackdata != b"SENT"
    {
        zprint_lower(p, "/", ackdata);
    }
    if !sender.is_empty() {
        zprint(p, " ", sender);
    }
    match class {
        b"USER_LOCATE" => {
            match opcode {
                b"USER_HIDE" => p.s(" hide"),
                b"USER_UNHIDE" => p.s(" unhide"),
                _ => zprint(p, " locate ", inst),
            }
            return Ok(());
        }
        b"ZEPHYR_ADMIN" => {
            zprint_lower(p, " zephyr-admin ", opcode);
            return Ok(());
        }
        b"ZEPHYR_CTL" => match inst {
            b"CLIENT" => {
                match opcode {
                    b"SUBSCRIBE" | b"SUBSCRIBE_NODEFS" | b"UNSUBSCRIBE" => {
                        out!(
                            p,
                            " {}sub{}",
                            if opcode == b"SUBSCRIBE" { "" } else { "un" },
                            if opcode == b"SUBSCRIBE_NODEFS" {
                                "-nodefs"
                            } else {
                                ""
                            }
                        );
                        if kind != Z_PACKET_SERVACK {
                            let c = f.string()?;
                            let i = f.string()?;
                            let r = f.string()?;
                            if let (Some(c), Some(i), Some(r)) = (c, i, r) {
                                zprint_triple(p, " ", c, i, r);
                            }
                        }
                    }
                    b"GIMME" => p.s(" ret"),
                    b"GIMMEDEFS" => p.s(" gimme-defs"),
                    b"CLEARSUB" => p.s(" clear-subs"),
                    _ => zprint_lower(p, " ", opcode),
                }
                return Ok(());
            }
            b"HM" => {
                zprint_lower(p, " ", opcode);
                return Ok(());
            }
            b"REALM" => {
                match opcode {
                    b"ADD_SUBSCRIBE" => p.s(" realm add-subs"),
                    b"REQ_SUBSCRIBE" => p.s(" realm req-subs"),
                    b"RLM_SUBSCRIBE" => p.s(" realm rlm-sub"),
                    b"RLM_UNSUBSCRIBE" => p.s(" realm rlm-unsub"),
                    _ => {}
                }
                return Ok(());
            }
            _ => {}
        },
        b"HM_CTL" | b"WG_CTL" => {
            zprint_lower(
                p,
                if class == b"HM_CTL" {
                    " hm_ctl "
                } else {
                    " wg_ctl "
                },
                inst,
            );
            zprint_lower(p, " ", opcode);
            return Ok(());
        }
        b"HM_STAT" if inst == b"HMST_CLIENT" && opcode == b"GIMMESTATS" => {
            p.s(" get-client-stats");
            return Ok(());
        }
        b"LOGIN" => match opcode {
            b"USER_FLUSH" => {
                p.s(" flush_locs");
                return Ok(());
            }
            b"NONE" | b"OPSTAFF" | b"REALM-VISIBLE" | b"REALM-ANNOUNCED" | b"NET-VISIBLE"
            | b"NET-ANNOUNCED" => {
                zprint_lower(p, " set-exposure ", opcode);
                return Ok(());
            }
            _ => {}
        },
        _ => {}
    }
    zprint_triple(p, " to ", class, inst, recipient);
    if !opcode.is_empty() {
        zprint(p, " op ", opcode);
    }
    Ok(())
}
