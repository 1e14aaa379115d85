//! MPTCP options (`print-mptcp.c`): `mptcp LEN SUBTYPE ...` inside TCP's
//! option list.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Printer, out};
use crate::decode::tcp::TcpFlags;
use crate::decode::{Bytes, R, Trunc};

const MP_CAPABLE_C: u8 = 0x80;
const MP_JOIN_B: u8 = 0x01;
const MP_DSS_F: u8 = 0x10;
const MP_DSS_LOWER_M: u8 = 0x08;
const MP_DSS_UPPER_M: u8 = 0x04;
const MP_DSS_LOWER_A: u8 = 0x02;
const MP_DSS_UPPER_A: u8 = 0x01;
const MP_PRIO_B: u8 = 0x01;

/// `mptcp_addr_subecho_bits`, looked up with `tok2str`.
fn addr_subecho(v: u8) -> &'static str {
    match v {
        0x6 => "v0-ip6",
        0x4 => "v0-ip4",
        0x1 => "v1-echo",
        0x0 => "v1",
        _ => "[bad version/echo]",
    }
}

/// Subtype printers: `opt` is the whole option, `opt_len` its length byte.
type SubPrint = fn(&mut Printer, &[u8], usize, TcpFlags) -> R<bool>;

/// `mptcp_options[]`: name and printer by subtype; tcpdump's last entry
/// (`unknown`, for every subtype from 8 on) is [`UNKNOWN`].
const MPTCP_OPTIONS: [(&str, SubPrint); 8] = [
    ("capable", mp_capable_print),
    ("join", mp_join_print),
    ("dss", mp_dss_print),
    ("add-addr", add_addr_print),
    ("rem-addr", remove_addr_print),
    ("prio", mp_prio_print),
    ("fail", mp_fail_print),
    ("fast-close", mp_fast_close_print),
];
const UNKNOWN: (&str, SubPrint) = ("unknown", dummy_print);

/// `mptcp_print`: `opt` is the whole option (kind, length, data), cut at its
/// end; `Ok(false)` is tcpdump's 0 (the caller prints `[bad opt]`).
pub(super) fn mptcp_print(p: &mut Printer, opt: &[u8], len: usize, flags: TcpFlags) -> R<bool> {
    p.cur.protocol = "mptcp";
    if len < 3 {
        return Ok(false);
    }
    let subtype = (opt.u8_at(2)? >> 4) & 0xF;
    out!(p, " {len}");
    let (name, print) = MPTCP_OPTIONS
        .get(usize::from(subtype))
        .copied()
        .unwrap_or(UNKNOWN);
    out!(p, " {name}");
    print(p, opt, len, flags)
}

fn dummy_print(_p: &mut Printer, _opt: &[u8], _opt_len: usize, _flags: TcpFlags) -> R<bool> {
    Ok(true)
}

fn mp_capable_print(p: &mut Printer, opt: &[u8], opt_len: usize, flags: TcpFlags) -> R<bool> {
    let ack_only = flags.has(TcpFlags::ACK) && !flags.has(TcpFlags::SYN);
    if !((opt_len == 12 || opt_len == 4) && flags.has(TcpFlags::SYN))
        && !((opt_len == 20 || opt_len == 22) && ack_only)
    {
        return Ok(false);
    }

    let version = opt.u8_at(2)? & 0xF;
    match version {
        0 | 1 => out!(p, " v{version}"),
        _ => {
            out!(p, " Unknown Version ({version})");
            return Ok(true);
        }
    }

    if opt.u8_at(3)? & MP_CAPABLE_C != 0 {
        p.s(" csum");
    }
    if opt_len == 12 || opt_len >= 20 {
        out!(p, " {{0x{:x}", opt.be64(4)?);
        if opt_len >= 20 {
            out!(p, ",0x{:x}", opt.be64(12)?);
        }
        p.s("}");
    }
    Ok(true)
}

fn mp_join_print(p: &mut Printer, opt: &[u8], opt_len: usize, flags: TcpFlags) -> R<bool> {
    let syn = opt_len == 12 && flags.has(TcpFlags::SYN);
    let synack = opt_len == 16 && flags.has(TcpFlags::SYN | TcpFlags::ACK);
    let ack = opt_len == 24 && flags.has(TcpFlags::ACK);
    if !(syn || synack || ack) {
        return Ok(false);
    }

    if opt_len != 24 {
        if opt.u8_at(2)? & MP_JOIN_B != 0 {
            p.s(" backup");
        }
        out!(p, " id {}", opt.u8_at(3)?);
    }

    match opt_len {
        12 => {
            // SYN: GET_BE_U_4 order follows the argument list.
            let token = opt.be32(4)?;
            let nonce = opt.be32(8)?;
            out!(p, " token 0x{token:x} nonce 0x{nonce:x}");
        }
        16 => {
            // SYN/ACK
            let mac = opt.be64(4)?;
            let nonce = opt.be32(12)?;
            out!(p, " hmac 0x{mac:x} nonce 0x{nonce:x}");
        }
        24 => {
            // ACK: tcpdump reads the 20-byte MAC unchecked; the TCP option
            // code has already checked the whole option is captured.
            p.s(" hmac 0x");
            for i in 0..20 {
                out!(p, "{:02x}", opt.u8_at(4 + i)?);
            }
        }
        _ => {}
    }
    Ok(true)
}

fn mp_dss_print(p: &mut Printer, opt: &[u8], opt_len: usize, flags: TcpFlags) -> R<bool> {
    // We need the flags, at a minimum.
    if opt_len < 4 {
        return Ok(false);
    }
    if flags.has(TcpFlags::SYN) {
        return Ok(false);
    }

    let mdss_flags = opt.u8_at(3)?;
    if mdss_flags & MP_DSS_F != 0 {
        p.s(" fin");
    }

    let ack = mdss_flags & MP_DSS_UPPER_A != 0;
    let dsn = mdss_flags & MP_DSS_UPPER_M != 0;
    let wide = |lower: u8| if mdss_flags & lower != 0 { 8 } else { 4 };
    // In order: whether present, its size, the text before it, and whether
    // tcpdump prints that text before the length check (the data ack and
    // sequence number, 8 bytes if their lower-case flag is set, else 4) or
    // with the number (subflow sequence number, data-level length).
    let fields = [
        (ack, wide(MP_DSS_LOWER_A), " ack ", true),
        (dsn, wide(MP_DSS_LOWER_M), " seq ", true),
        (dsn, 4, " subseq ", false),
        (dsn, 2, " len ", false),
    ];
    let mut at = 4usize;
    let mut left = opt_len - 4;
    for (present, size, text, text_first) in fields {
        if !present {
            continue;
        }
        if text_first {
            p.s(text);
        }
        if left < size {
            return Ok(false);
        }
        let n = match size {
            8 => opt.be64(at)?,
            4 => u64::from(opt.be32(at)?),
            _ => u64::from(opt.be16(at)?),
        };
        if !text_first {
            p.s(text);
        }
        out!(p, "{n}");
        at += size;
        left -= size;
    }
    // The checksum is present only if negotiated: print the next two bytes
    // as the checksum if there are at least two left.
    if dsn && left >= 2 {
        out!(p, " csum 0x{:x}", opt.be16(at)?);
        left -= 2;
    }
    Ok(left == 0)
}

fn add_addr_print(p: &mut Printer, opt: &[u8], opt_len: usize, _flags: TcpFlags) -> R<bool> {
    if !matches!(opt_len, 8 | 10 | 16 | 18 | 20 | 22 | 28 | 30) {
        return Ok(false);
    }

    let name = addr_subecho(opt.u8_at(2)? & 0xF);
    out!(p, " {name}");
    out!(p, " id {}", opt.u8_at(3)?);
    if matches!(opt_len, 8 | 10 | 16 | 18) {
        p.s(" ");
        let a = opt.be32(4)?.to_be_bytes();
        p.ip4(a);
        if opt_len == 10 || opt_len == 18 {
            out!(p, ":{}", opt.be16(8)?);
        }
        if opt_len == 16 {
            out!(p, " hmac 0x{:x}", opt.be64(8)?);
        }
        if opt_len == 18 {
            out!(p, " hmac 0x{:x}", opt.be64(10)?);
        }
    }

    if matches!(opt_len, 20 | 22 | 28 | 30) {
        p.s(" ");
        let a: &[u8; 16] = opt.range(4, 16)?.try_into().map_err(|_| Trunc)?;
        p.ip6(a);
        if opt_len == 22 || opt_len == 30 {
            out!(p, ":{}", opt.be16(20)?);
        }
        if opt_len == 28 {
            out!(p, " hmac 0x{:x}", opt.be64(20)?);
        }
        if opt_len == 30 {
            out!(p, " hmac 0x{:x}", opt.be64(22)?);
        }
    }
    Ok(true)
}

fn remove_addr_print(p: &mut Printer, opt: &[u8], opt_len: usize, _flags: TcpFlags) -> R<bool> {
    if opt_len < 4 {
        return Ok(false);
    }
    p.s(" id");
    for i in 0..opt_len - 3 {
        out!(p, " {}", opt.u8_at(3 + i)?);
    }
    Ok(true)
}

fn mp_prio_print(p: &mut Printer, opt: &[u8], opt_len: usize, _flags: TcpFlags) -> R<bool> {
    if opt_len != 3 && opt_len != 4 {
        return Ok(false);
    }
    if opt.u8_at(2)? & MP_PRIO_B != 0 {
        p.s(" backup");
    } else {
        p.s(" non-backup");
    }
    if opt_len == 4 {
        out!(p, " id {}", opt.u8_at(3)?);
    }
    Ok(true)
}

fn mp_fail_print(p: &mut Printer, opt: &[u8], opt_len: usize, _flags: TcpFlags) -> R<bool> {
    if opt_len != 12 {
        return Ok(false);
    }
    out!(p, " seq {}", opt.be64(4)?);
    Ok(true)
}

fn mp_fast_close_print(p: &mut Printer, opt: &[u8], opt_len: usize, _flags: TcpFlags) -> R<bool> {
    if opt_len != 12 {
        return Ok(false);
    }
    out!(p, " key 0x{:x}", opt.be64(4)?);
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::super::PrintOptions;
    use super::*;

    const TH_SYN: u8 = TcpFlags::SYN.0;
    const TH_ACK: u8 = TcpFlags::ACK.0;

    fn run(opt: &[u8], flags: u8) -> (R<bool>, String) {
        let mut p = Printer::new(PrintOptions {
            numeric: 1,
            ..PrintOptions::default()
        });
        let len = opt.get(1).copied().map_or(0, usize::from);
        let r = mptcp_print(&mut p, opt, len, TcpFlags(flags));
        (r, String::from_utf8_lossy(&p.buf.line).into_owned())
    }

    #[test]
    fn capable_syn_and_ack() {
        let (r, s) = run(&[30, 12, 0x01, 0x81, 0, 0, 0, 0, 0, 0, 0x12, 0x34], TH_SYN);
        assert_eq!(r, Ok(true));
        assert_eq!(s, " 12 capable v1 csum {0x1234}");
        let mut o = [0u8; 20];
        o[0] = 30;
        o[1] = 20;
        o[11] = 1;
        o[19] = 0xab;
        let (r, s) = run(&o, TH_ACK);
        assert_eq!(r, Ok(true));
        assert_eq!(s, " 20 capable v0 {0x1,0xab}");
        let (r, s) = run(&[30, 4, 0x05, 0], TH_SYN);
        assert_eq!(r, Ok(true));
        assert_eq!(s, " 4 capable Unknown Version (5)");
        let (r, _) = run(&[30, 4, 0x00, 0], TH_ACK);
        assert_eq!(r, Ok(false));
    }

    #[test]
    fn join_and_dss() {
        let (r, s) = run(&[30, 12, 0x11, 2, 0, 0, 0, 0xa, 0, 0, 0, 0xb], TH_SYN);
        assert_eq!(r, Ok(true));
        assert_eq!(s, " 12 join backup id 2 token 0xa nonce 0xb");
        let mut o = [0u8; 24];
        o[0] = 30;
        o[1] = 24;
        o[2] = 0x10;
        o[23] = 0xff;
        let (r, s) = run(&o, TH_ACK);
        assert_eq!(r, Ok(true));
        assert_eq!(
            s,
            " 24 join hmac 0x00000000000000000000000000000000000000ff"
        );
        // dss: ack 4 bytes, seq 4 bytes, subseq, len, csum
        let o = [
            30, 20, 0x20, 0x05, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 4, 0xbe, 0xef,
        ];
        let (r, s) = run(&o, TH_ACK);
        assert_eq!(r, Ok(true));
        assert_eq!(s, " 20 dss ack 1 seq 2 subseq 3 len 4 csum 0xbeef");
        // dss: 8-byte ack and sequence number
        let mut o = [0u8; 28];
        o[..4].copy_from_slice(&[30, 28, 0x20, 0x0f]);
        (o[11], o[19], o[23], o[25], o[27]) = (1, 2, 3, 4, 5);
        let (r, s) = run(&o, TH_ACK);
        assert_eq!(r, Ok(true));
        assert_eq!(s, " 28 dss ack 1 seq 2 subseq 3 len 4 csum 0x5");
        // an 8-byte ack in 4 bytes: its text, then bad
        let (r, s) = run(&[30, 8, 0x20, 0x03, 0, 0, 0, 1], TH_ACK);
        assert_eq!(r, Ok(false));
        assert_eq!(s, " 8 dss ack ");
        // leftover byte: bad
        let (r, s) = run(&[30, 5, 0x20, 0x10, 0], TH_ACK);
        assert_eq!(r, Ok(false));
        assert_eq!(s, " 5 dss fin");
        let (r, _) = run(&[30, 4, 0x20, 0], TH_SYN);
        assert_eq!(r, Ok(false));
    }

    #[test]
    fn addr_prio_fail_close_unknown() {
        let (r, s) = run(&[30, 10, 0x30, 3, 10, 0, 0, 1, 0x1f, 0x90], 0);
        assert_eq!(r, Ok(true));
        assert_eq!(s, " 10 add-addr v1 id 3 10.0.0.1:8080");
        let (r, s) = run(&[30, 8, 0x32, 3, 10, 0, 0, 1], 0);
        assert_eq!(r, Ok(true));
        assert_eq!(s, " 8 add-addr [bad version/echo] id 3 10.0.0.1");
        let (r, s) = run(&[30, 6, 0x40, 1, 2, 3], 0);
        assert_eq!(r, Ok(true));
        assert_eq!(s, " 6 rem-addr id 1 2 3");
        let (r, s) = run(&[30, 3, 0x51], 0);
        assert_eq!(r, Ok(true));
        assert_eq!(s, " 3 prio backup");
        let (r, s) = run(&[30, 12, 0x60, 0, 0, 0, 0, 0, 0, 0, 0, 9], 0);
        assert_eq!(r, Ok(true));
        assert_eq!(s, " 12 fail seq 9");
        let (r, s) = run(&[30, 12, 0x70, 0, 0, 0, 0, 0, 0, 0, 0, 0x9a], 0);
        assert_eq!(r, Ok(true));
        assert_eq!(s, " 12 fast-close key 0x9a");
        let (r, s) = run(&[30, 3, 0xf0], 0);
        assert_eq!(r, Ok(true));
        assert_eq!(s, " 3 unknown");
        let (r, s) = run(&[30, 2], 0);
        assert_eq!(r, Ok(false));
        assert_eq!(s, "");
    }

    #[test]
    fn add_addr_v6_port_hmac() {
        let mut o = [0u8; 30];
        o[0] = 30;
        o[1] = 30;
        o[2] = 0x30;
        o[3] = 7;
        o[4] = 0x20;
        o[5] = 0x01;
        o[6] = 0x0d;
        o[7] = 0xb8;
        o[19] = 1;
        o[21] = 80;
        o[29] = 0x2a;
        let (r, s) = run(&o, 0);
        assert_eq!(r, Ok(true));
        assert_eq!(s, " 30 add-addr v1 id 7 2001:db8::1:80 hmac 0x2a");
    }

    #[test]
    fn truncated_reads_are_trunc() {
        // Length byte claims more than is present: GET_* longjmps.
        let mut p = Printer::new(PrintOptions {
            numeric: 1,
            ..PrintOptions::default()
        });
        assert_eq!(
            mptcp_print(&mut p, &[30, 12, 0x70, 0], 12, TcpFlags(0)),
            Err(Trunc)
        );
        assert_eq!(p.cur.protocol, "mptcp");
    }
}
