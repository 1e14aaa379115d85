//! TCP (`print-tcp.c`): ports, flags, relative sequence numbers, window,
//! urgent pointer, every option tcpdump decodes, the payload length, and the
//! text protocols tcpdump recognises by port.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::tcp_seq::{self, Rel};
use super::{P, Printer, out};
use crate::decode::tcp::{TH_ACK, TH_FIN, TH_RST, TH_SYN, TH_URG, TcpView};
use crate::decode::{Bytes, IpAddrs, Trunc, cksum};

const FLAG_LETTERS: [(u8, char); 8] = [
    (0x01, 'F'),
    (0x02, 'S'),
    (0x04, 'R'),
    (0x08, 'P'),
    (0x10, '.'),
    (0x20, 'U'),
    (0x40, 'E'),
    (0x80, 'W'),
];

/// Prints `src.port > dst.port: ` (or only the ports when the IP header's
/// protocol is not TCP, i.e. behind IPv6 extension headers).
fn addrs_ports(p: &mut Printer, ip: IpAddrs<'_>, sport: u16, dport: u16) {
    match ip {
        IpAddrs::V4 { src, dst, proto: 6 } => {
            p.ip4(src);
            p.s(".");
            p.tcp_port(sport);
            p.s(" > ");
            p.ip4(dst);
            p.s(".");
            p.tcp_port(dport);
            p.s(": ");
        }
        IpAddrs::V6 { src, dst, next: 6 } => {
            p.ip6(src);
            p.s(".");
            p.tcp_port(sport);
            p.s(" > ");
            p.ip6(dst);
            p.s(".");
            p.tcp_port(dport);
            p.s(": ");
        }
        _ => {
            p.tcp_port(sport);
            p.s(" > ");
            p.tcp_port(dport);
            p.s(": ");
        }
    }
}

/// `tcp_print`.
pub(super) fn tcp_print(
    p: &mut Printer,
    data: &[u8],
    length: usize,
    ip: IpAddrs<'_>,
    fragmented: bool,
) -> P {
    p.protocol = "tcp";
    p.seq_reset();
    if !data.has(2, 2) {
        match ip {
            IpAddrs::V4 { src, dst, .. } => {
                p.ip4(src);
                p.s(" > ");
                p.ip4(dst);
            }
            IpAddrs::V6 { src, dst, .. } => {
                p.ip6(src);
                p.s(" > ");
                p.ip6(dst);
            }
        }
        p.s(":");
        return Err(p.soft_trunc());
    }
    let sport = data.be16(0)?;
    let dport = data.be16(2)?;
    addrs_ports(p, ip, sport, dport);
    let Ok(th) = TcpView::new_checked(data) else {
        return Err(p.soft_trunc());
    };
    let hlen = th.header_len();
    if hlen < TcpView::MIN_LEN {
        out!(
            p,
            " tcp {} [bad hdr length {hlen} - too short, < 20]",
            length.wrapping_sub(hlen) as u32
        );
        return Ok(());
    }
    let seq = th.seq();
    let ack = th.ack();
    let win = th.window();
    let urp = th.urgent();
    if p.opts.quiet {
        out!(p, "tcp {}", (length as u32).wrapping_sub(hlen as u32));
        if hlen > length {
            out!(p, " [bad hdr length {hlen} - too long, > {length}]");
        }
        return Ok(());
    }
    let flags = th.flags();
    p.s("Flags [");
    if flags == 0 {
        p.s("none");
    }
    for (bit, c) in FLAG_LETTERS {
        if flags & bit != 0 {
            p.out().push(c as u8);
        }
    }
    p.s("]");
    if !p.opts.absolute_seq && flags & TH_ACK != 0 {
        let (key, rev) = match ip {
            IpAddrs::V4 { src, dst, .. } => tcp_seq::key(&src, &dst, sport, dport),
            IpAddrs::V6 { src, dst, .. } => tcp_seq::key(src, dst, sport, dport),
        };
        p.seq_lookup(tcp_seq::SeqOp {
            key,
            rev,
            syn: flags & TH_SYN != 0,
            seq,
            ack,
        });
    }
    if hlen > length {
        out!(p, " [bad hdr length {hlen} - too long, > {length}]");
        return Ok(());
    }
    if p.opts.verbose > 0 && p.opts.verify_checksums && !fragmented {
        // Only when the whole segment was captured.
        if let Ok(seg) = data.range(0, length) {
            let sum = super::ip::nextproto_cksum(p, ip, 6, seg);
            let tcp_sum = th.checksum();
            out!(p, ", cksum 0x{tcp_sum:04x}");
            if sum != 0 {
                out!(p, " (incorrect -> 0x{:04x})", cksum::shouldbe(tcp_sum, sum));
            } else {
                p.s(" (correct)");
            }
        }
    }
    let length = length - hlen;
    if p.opts.verbose > 1 || length > 0 || flags & (TH_SYN | TH_FIN | TH_RST) != 0 {
        p.s(", seq ");
        p.seq_num(seq, Rel::Seq);
        if length > 0 {
            p.s(":");
            p.seq_num(seq.wrapping_add(length as u32), Rel::Seq);
        }
    }
    if flags & TH_ACK != 0 {
        p.s(", ack ");
        p.seq_num(ack, Rel::Ack);
    }
    p.s(", win ");
    p.dec(win);
    if flags & TH_URG != 0 {
        out!(p, ", urg {urp}");
    }
    if hlen > TcpView::MIN_LEN {
        // The MD5 option's "can't check" reason depends on the payload being captured.
        let whole = data.has(hlen, length);
        if !options(p, data, hlen - TcpView::MIN_LEN, flags, whole)? {
            return Ok(());
        }
    }
    p.s(", length ");
    p.dec(length);
    if length == 0 {
        return Ok(());
    }
    if !data.has(0, hlen) {
        out!(
            p,
            " [remaining caplen({}) < header length({hlen})]",
            data.len()
        );
        return Err(Trunc);
    }
    let payload = data.from(hlen)?;
    if flags & TH_RST != 0 && p.opts.verbose > 0 {
        rst_data(p, payload, length);
        return Ok(());
    }
    payload_print(p, payload, length, sport, dport)
}

/// `print_tcp_rst_data`: the text a reset carries (RFC 1122 4.2.2.12), at
/// most 30 bytes, `[!RST` when not all of it was captured.
fn rst_data(p: &mut Printer, payload: &[u8], mut length: usize) {
    p.s(if payload.has(0, length) {
        " [RST"
    } else {
        " [!RST"
    });
    if length > 30 {
        length = 30;
        p.s("+");
    }
    p.s(" ");
    for &c in payload.iter().take(length) {
        super::dns::print_char(p, c);
    }
    p.s("]");
}

/// What tcpdump prints after `length N` for the ports it knows.
fn payload_print(p: &mut Printer, payload: &[u8], length: usize, sport: u16, dport: u16) -> P {
    let port = |x: u16| sport == x || dport == x;
    if port(21) {
        p.s(": ");
        p.protocol = "ftp";
        super::text::txtproto_print(p, payload, length, "FTP", None, false)
    } else if port(25) {
        p.s(": ");
        p.protocol = "smtp";
        super::text::txtproto_print(p, payload, length, "SMTP", None, false)
    } else if port(43) {
        p.s(": ");
        p.protocol = "whois";
        super::text::txtproto_print(p, payload, length, "WHOIS", None, false)
    } else if port(22) {
        super::ssh::ssh_print(p, payload, length)
    } else if port(80) || port(8080) {
        p.s(": ");
        p.protocol = "http";
        super::text::txtproto_print(
            p,
            payload,
            length,
            "HTTP",
            Some(super::text::HTTP_CMDS),
            true,
        )
    } else if port(554) || port(8554) {
        p.s(": ");
        p.protocol = "rtsp";
        super::text::txtproto_print(
            p,
            payload,
            length,
            "RTSP",
            Some(super::text::RTSP_CMDS),
            true,
        )
    } else if port(53) {
        super::dns::domain_print(p, payload, length, true, false)
    } else {
        Ok(())
    }
}

/// Why the option list stopped early: a bad length (`[bad opt]`) or bytes
/// not captured (`[|tcp]`). Either way tcpdump's `tcp_print` returns at once.
enum OptStop {
    Bad,
    Trunc,
    /// A `GET_*` read failed: tcpdump longjmps to the packet-level marker.
    Jump,
}

impl From<Trunc> for OptStop {
    fn from(_: Trunc) -> Self {
        OptStop::Jump
    }
}

/// The `options [...]` list; `Ok(false)` means tcp_print must stop here
/// (tcpdump's `goto bad` / `goto trunc`, whose text this prints).
fn options(
    p: &mut Printer,
    data: &[u8],
    hlen: usize,
    flags: u8,
    whole: bool,
) -> Result<bool, Trunc> {
    p.s(", options [");
    let mut sep = false;
    match option_list(p, data, hlen, flags, whole, &mut sep) {
        Ok(()) => {
            p.s("]");
            Ok(true)
        }
        Err(OptStop::Bad) => {
            p.s("[bad opt]");
            if sep {
                p.s("]");
            }
            Ok(false)
        }
        Err(OptStop::Trunc) => {
            p.trunc();
            if sep {
                p.s(">");
            }
            Ok(false)
        }
        Err(OptStop::Jump) => Err(Trunc),
    }
}

/// LENCHECK: `l` bytes of option data must be left and captured at `cp`.
fn lencheck(data: &[u8], cp: usize, l: usize, hlen: usize) -> Result<(), OptStop> {
    if l > hlen {
        return Err(OptStop::Bad);
    }
    if !data.has(cp, l) {
        return Err(OptStop::Trunc);
    }
    Ok(())
}

fn option_name(opt: u8) -> Option<&'static str> {
    Some(match opt {
        0 => "eol",
        1 => "nop",
        2 => "mss",
        3 => "wscale",
        4 => "sackOK",
        5 => "sack",
        6 => "echo",
        7 => "echoreply",
        8 => "TS",
        11 => "cc",
        12 => "ccnew",
        13 => "",
        19 => "md5",
        20 => "scps",
        28 => "uto",
        29 => "tcp-ao",
        30 => "mptcp",
        34 => "tfo",
        254 => "exp",
        _ => return None,
    })
}

fn option_list(
    p: &mut Printer,
    data: &[u8],
    mut hlen: usize,
    flags: u8,
    whole: bool,
    sep: &mut bool,
) -> Result<(), OptStop> {
    let mut cp = TcpView::MIN_LEN;
    while hlen > 0 {
        if *sep {
            p.s(",");
        }
        let opt = data.u8_at(cp)?;
        cp += 1;
        let len = if opt == 0 || opt == 1 {
            1
        } else {
            let l = usize::from(data.u8_at(cp)?);
            cp += 1;
            if l < 2 || l > hlen {
                return Err(OptStop::Bad);
            }
            hlen -= 1;
            l
        };
        hlen -= 1;
        match option_name(opt) {
            Some(n) => p.s(n),
            None => out!(p, "unknown-{opt}"),
        }
        let datalen = match opt {
            2 => {
                lencheck(data, cp, 2, hlen)?;
                p.s(" ");
                p.dec(data.be16(cp)?);
                2
            }
            3 => {
                lencheck(data, cp, 1, hlen)?;
                p.s(" ");
                p.dec(data.u8_at(cp)?);
                1
            }
            5 => {
                let datalen = len - 2;
                if datalen % 8 != 0 {
                    p.s(" invalid sack");
                } else {
                    out!(p, " {} ", datalen / 8);
                    let mut i = 0;
                    while i < datalen {
                        lencheck(data, cp, i + 4, hlen)?;
                        let s = data.be32(cp + i)?;
                        lencheck(data, cp, i + 8, hlen)?;
                        let e = data.be32(cp + i + 4)?;
                        p.s("{");
                        p.seq_num(s, Rel::Sack);
                        p.s(":");
                        p.seq_num(e, Rel::Sack);
                        p.s("}");
                        i += 8;
                    }
                }
                datalen
            }
            6 | 7 | 11 | 12 | 13 => {
                lencheck(data, cp, 4, hlen)?;
                out!(p, " {}", data.be32(cp)?);
                4
            }
            8 => {
                lencheck(data, cp, 8, hlen)?;
                let (val, ecr) = (data.be32(cp)?, data.be32(cp + 4)?);
                p.s(" val ");
                p.dec(val);
                p.s(" ecr ");
                p.dec(ecr);
                8
            }
            19 => {
                lencheck(data, cp, 16, hlen)?;
                // tcpdump (built with libcrypto) cannot verify without -M.
                p.s(if whole {
                    " shared secret not supplied with -M, can't check - "
                } else {
                    " snaplen too short, can't check - "
                });
                for i in 0..16 {
                    out!(p, "{:02x}", data.u8_at(cp + i)?);
                }
                16
            }
            20 => {
                lencheck(data, cp, 2, hlen)?;
                out!(p, " cap {:02x} id {}", data.u8_at(cp)?, data.u8_at(cp + 1)?);
                2
            }
            29 => {
                let datalen = len - 2;
                if datalen < 2 {
                    p.s(" (invalid)");
                } else {
                    lencheck(data, cp, 1, hlen)?;
                    out!(p, " keyid {}", data.u8_at(cp)?);
                    lencheck(data, cp, 2, hlen)?;
                    out!(p, " rnextkeyid {}", data.u8_at(cp + 1)?);
                    if datalen > 2 {
                        p.s(" mac 0x");
                        for i in 2..datalen {
                            lencheck(data, cp, i + 1, hlen)?;
                            out!(p, "{:02x}", data.u8_at(cp + i)?);
                        }
                    }
                }
                datalen
            }
            0 | 1 | 4 => 0,
            28 => {
                lencheck(data, cp, 2, hlen)?;
                let v = data.be16(cp)?;
                out!(p, " 0x{v:x}");
                let secs = if v & 1 != 0 {
                    u32::from(v >> 1) * 60
                } else {
                    u32::from(v >> 1)
                };
                out!(p, " {secs}");
                2
            }
            30 => {
                let datalen = len - 2;
                lencheck(data, cp, datalen, hlen)?;
                // The MPTCP printer sees only this option (snapend cut to it).
                let opt_bytes = data.from(cp - 2)?.cap(len);
                if !super::mptcp::mptcp_print(p, opt_bytes, len, flags)? {
                    return Err(OptStop::Bad);
                }
                datalen
            }
            34 => {
                let datalen = len - 2;
                lencheck(data, cp, datalen, hlen)?;
                p.s(" ");
                fastopen(p, data, cp, datalen, false)?;
                datalen
            }
            254 => {
                let datalen = len - 2;
                lencheck(data, cp, datalen, hlen)?;
                if datalen < 2 {
                    return Err(OptStop::Bad);
                }
                let magic = data.be16(cp)?;
                p.s("-");
                if magic == 0xf989 {
                    fastopen(p, data, cp + 2, datalen - 2, true)?;
                } else {
                    out!(p, "{magic:04x}");
                }
                datalen
            }
            _ => {
                let datalen = len - 2;
                if datalen > 0 {
                    p.s(" 0x");
                }
                for i in 0..datalen {
                    lencheck(data, cp, i + 1, hlen)?;
                    out!(p, "{:02x}", data.u8_at(cp + i)?);
                }
                datalen
            }
        };
        cp += datalen;
        hlen -= datalen;
        let consumed = datalen + if opt == 0 || opt == 1 { 1 } else { 2 };
        if consumed != len {
            out!(p, "[len {len}]");
        }
        *sep = true;
        if opt == 0 {
            break;
        }
    }
    Ok(())
}

/// `print_tcp_fastopen_option`.
fn fastopen(p: &mut Printer, data: &[u8], cp: usize, datalen: usize, exp: bool) -> P {
    if exp {
        p.s("tfo");
    }
    if datalen == 0 {
        p.s(" cookiereq");
    } else if !datalen.is_multiple_of(2) || !(4..=16).contains(&datalen) {
        p.s(" (invalid)");
    } else {
        p.s(" cookie ");
        for i in 0..datalen {
            out!(p, "{:02x}", data.u8_at(cp + i)?);
        }
    }
    Ok(())
}
