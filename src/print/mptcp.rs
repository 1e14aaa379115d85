//! MPTCP options (`print-mptcp.c`): `mptcp LEN SUBTYPE ...` inside TCP's
//! option list.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Printer, out};
use crate::decode::tcp::TcpFlags;
use crate::decode::{Bytes, R};

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
    // An IPv4 (IPv6) address, then a port (lengths 10 and 18; 22 and 30)
    // and an HMAC (16 and 18; 28 and 30).
    let v6 = opt_len >= 20;
    let after = 4 + if v6 { 16 } else { 4 };
    p.s(" ");
    if v6 {
        p.ip6(opt.array::<16>(4)?);
    } else {
        p.ip4_at(opt, 4)?;
    }
    let rest = opt_len - after;
    let port = rest == 2 || rest == 10;
    if port {
        out!(p, ":{}", opt.be16(after)?);
    }
    if rest >= 8 {
        let mac_at = if port { after + 2 } else { after };
        out!(p, " hmac 0x{:x}", opt.be64(mac_at)?);
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
    use crate::decode::Trunc;

    const S: u8 = TcpFlags::SYN.0;
    const A: u8 = TcpFlags::ACK.0;

    /// Bytes from hex digits (anything else is ignored).
    fn unhex(s: &str) -> Vec<u8> {
        let nibbles: Vec<u8> = s
            .chars()
            .filter_map(|c| c.to_digit(16))
            .map(|d| d as u8)
            .collect();
        nibbles
            .chunks(2)
            .map(|n| n.iter().fold(0, |b, &d| b << 4 | d))
            .collect()
    }

    /// What `mptcp_print` prints of the option in hex (its length byte as
    /// the length) in a segment with `flags`, and then what the TCP printer
    /// adds: ` [bad opt]` for a malformed option, ` [|mptcp]` for a read
    /// past the capture.
    fn check(hex: &str, flags: u8, want: &str) {
        let opt = unhex(hex);
        let mut p = Printer::new(PrintOptions {
            numeric: 1,
            ..PrintOptions::default()
        });
        let len = opt.get(1).copied().map_or(0, usize::from);
        match mptcp_print(&mut p, &opt, len, TcpFlags(flags)) {
            Ok(true) => {}
            Ok(false) => p.s(" [bad opt]"),
            Err(Trunc) => p.trunc(),
        }
        assert_eq!(String::from_utf8_lossy(&p.buf.line), want, "{hex}");
    }

    /// The option in hex, the segment's flags, what is printed.
    #[rustfmt::skip]
    const CASES: &[(&str, u8, &str)] = &[
        ("1e0c 0181 0000000000001234", S, " 12 capable v1 csum {0x1234}"),
        ("1e14 0000 0000000000000001 00000000000000ab", A, " 20 capable v0 {0x1,0xab}"),
        ("1e04 0500", S, " 4 capable Unknown Version (5)"),
        ("1e04 0000", A, " 4 capable [bad opt]"),
        ("1e0c 1102 0000000a 0000000b", S, " 12 join backup id 2 token 0xa nonce 0xb"),
        ("1e18 1000 00000000000000000000000000000000000000ff", A,
            " 24 join hmac 0x00000000000000000000000000000000000000ff"),
        // DSS: 4-byte ack and sequence number, subflow sequence, length, checksum
        ("1e14 2005 00000001 00000002 00000003 0004 beef", A,
            " 20 dss ack 1 seq 2 subseq 3 len 4 csum 0xbeef"),
        // 8-byte ack and sequence number
        ("1e1c 200f 0000000000000001 0000000000000002 00000003 0004 0005", A,
            " 28 dss ack 1 seq 2 subseq 3 len 4 csum 0x5"),
        // an 8-byte ack in 4 bytes: its text, then bad
        ("1e08 2003 00000001", A, " 8 dss ack  [bad opt]"),
        // a byte left over
        ("1e05 2010 00", A, " 5 dss fin [bad opt]"),
        ("1e04 2000", S, " 4 dss [bad opt]"),
        ("1e0a 3003 0a000001 1f90", 0, " 10 add-addr v1 id 3 10.0.0.1:8080"),
        ("1e08 3203 0a000001", 0, " 8 add-addr [bad version/echo] id 3 10.0.0.1"),
        ("1e1e 3007 20010db8000000000000000000000001 0050 000000000000002a", 0,
            " 30 add-addr v1 id 7 2001:db8::1:80 hmac 0x2a"),
        ("1e10 3001 0a000001 00000000000000ab", 0, " 16 add-addr v1 id 1 10.0.0.1 hmac 0xab"),
        ("1e12 3001 0a000001 0050 00000000000000ab", 0, " 18 add-addr v1 id 1 10.0.0.1:80 hmac 0xab"),
        ("1e14 3001 20010db8000000000000000000000001", 0, " 20 add-addr v1 id 1 2001:db8::1"),
        ("1e06 4001 0203", 0, " 6 rem-addr id 1 2 3"),
        ("1e03 51", 0, " 3 prio backup"),
        ("1e0c 6000 0000000000000009", 0, " 12 fail seq 9"),
        ("1e0c 7000 000000000000009a", 0, " 12 fast-close key 0x9a"),
        ("1e03 f0", 0, " 3 unknown"),
        ("1e02", 0, " [bad opt]"),
        // The length byte claims more than is present: GET_* longjmps.
        ("1e0c 7000", 0, " 12 fast-close [|mptcp]"),
    ];

    #[test]
    fn options() {
        for &(hex, flags, want) in CASES {
            check(hex, flags, want);
        }
    }
}
