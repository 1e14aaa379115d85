//! TCP (`print-tcp.c`): ports, flags, relative sequence numbers, window,
//! urgent pointer, every option tcpdump decodes, the payload length, and the
//! text protocols tcpdump recognises by port.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::ip::Datagram;
use super::tcp_seq::{self, Rel};
use super::{P, Printer, out};
use crate::decode::tcp::{OptionField, Short, TcpFlags, TcpOption, TcpView, kind};
use crate::decode::{Bytes, IpAddrs, Trunc, cksum};

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
pub(super) fn tcp_print(p: &mut Printer, data: &[u8], length: usize, dgram: Datagram<'_>) -> P {
    let ip = dgram.addrs;
    p.cur.protocol = "tcp";
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
    if hlen < TcpView::HEADER_LEN {
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
    flags.write_letters(p.out());
    p.s("]");
    if !p.opts.absolute_seq && flags.has(TcpFlags::ACK) {
        let (key, rev) = match ip {
            IpAddrs::V4 { src, dst, .. } => tcp_seq::key(&src, &dst, sport, dport),
            IpAddrs::V6 { src, dst, .. } => tcp_seq::key(src, dst, sport, dport),
        };
        p.seq_lookup(tcp_seq::SeqOp {
            key,
            rev,
            syn: flags.has(TcpFlags::SYN),
            seq,
            ack,
        });
    }
    if hlen > length {
        out!(p, " [bad hdr length {hlen} - too long, > {length}]");
        return Ok(());
    }
    if p.opts.verbose > 0 && p.opts.verify_checksums && !dgram.fragmented {
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
    if p.opts.verbose > 1 || length > 0 || flags.any(TcpFlags::SYN | TcpFlags::FIN | TcpFlags::RST)
    {
        p.s(", seq ");
        p.seq_num(seq, Rel::Seq);
        if length > 0 {
            p.s(":");
            p.seq_num(seq.wrapping_add(length as u32), Rel::Seq);
        }
    }
    if flags.has(TcpFlags::ACK) {
        p.s(", ack ");
        p.seq_num(ack, Rel::Ack);
    }
    p.s(", win ");
    p.dec(win);
    if flags.has(TcpFlags::URG) {
        out!(p, ", urg {urp}");
    }
    if hlen > TcpView::HEADER_LEN {
        // The MD5 option's "can't check" reason depends on the payload being captured.
        let whole = data.has(hlen, length);
        if !options(p, &th, flags, whole)? {
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
    if flags.has(TcpFlags::RST) && p.opts.verbose > 0 {
        rst_data(p, payload, length);
        return Ok(());
    }
    payload_print(p, payload, length, sport, dport, ip)
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
        super::chars::print_char(p, c);
    }
    p.s("]");
}

/// What tcpdump prints after `length N` for the ports it knows.
fn payload_print(
    p: &mut Printer,
    payload: &[u8],
    length: usize,
    sport: u16,
    dport: u16,
    ip: IpAddrs<'_>,
) -> P {
    use super::text::{FTP, HTTP, RTSP, SMTP, WHOIS};
    let port = |x: u16| sport == x || dport == x;
    if port(23) {
        return super::telnet::telnet_print(p, payload, length);
    }
    // `tcp_print`'s order of ports (the first that matches either end).
    let text = if port(25) {
        &SMTP
    } else if port(43) {
        &WHOIS
    } else if port(179) {
        return super::bgp::bgp_print(p, payload);
    } else if port(super::pptp::PPTP_PORT) {
        return super::pptp::pptp_print(p, payload);
    } else if port(6379) {
        return super::resp::resp_print(p, payload, length);
    } else if port(22) {
        return super::ssh::ssh_print(p, payload, length);
    } else if port(21) {
        &FTP
    } else if port(80) || port(8080) {
        &HTTP
    } else if port(554) || port(8554) {
        &RTSP
    } else if port(53) {
        return super::dns::domain_print(p, payload, length, true, false);
    } else if port(super::ldp::LDP_PORT) {
        return super::ldp::ldp_print(p, payload, length);
    } else if port(super::nfs::NFS_PORT) && length >= 4 && payload.has(0, 4) {
        return nfs_tcp(p, payload, length, sport, dport, ip);
    } else {
        return Ok(());
    };
    p.s(": ");
    super::text::txtproto_print(p, payload, length, text)
}

/// `tcp_print`'s NFS branch: one RPC record after its record mark (the
/// fragment length, cut to the segment), a call to port 2049 or a reply
/// from it; anything else prints nothing more.
fn nfs_tcp(
    p: &mut Printer,
    payload: &[u8],
    length: usize,
    sport: u16,
    dport: u16,
    ip: IpAddrs<'_>,
) -> P {
    use super::nfs;
    let mut fraglen = payload.be32(0)? & 0x7fff_ffff;
    let rest = u32::try_from(length - 4).unwrap_or(u32::MAX);
    if fraglen > rest {
        fraglen = rest;
    }
    let rp = payload.from(4)?;
    if rp.has(4, 4) {
        let direction = rp.be32(4)?;
        if dport == nfs::NFS_PORT && direction == 0 {
            out!(p, ": NFS request xid {} ", rp.be32(0)?);
            return nfs::request(p, rp, fraglen, ip);
        }
        if sport == nfs::NFS_PORT && direction == 1 {
            out!(p, ": NFS reply xid {} ", rp.be32(0)?);
            return nfs::reply(p, rp, fraglen, ip);
        }
    }
    Ok(())
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
fn options(p: &mut Printer, th: &TcpView<'_>, flags: TcpFlags, whole: bool) -> Result<bool, Trunc> {
    p.s(", options [");
    let mut sep = false;
    match option_list(p, th, flags, whole, &mut sep) {
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

/// `LENCHECK`: the first `n` data bytes of `o` are in the header and captured.
fn lencheck(o: &OptionField<'_>, n: usize) -> Result<(), OptStop> {
    o.check(n).map_err(|s| match s {
        Short::Header => OptStop::Bad,
        Short::Capture => OptStop::Trunc,
    })
}

/// The options as `tcp_print` prints them, walked by [`TcpOptions`].
fn option_list(
    p: &mut Printer,
    th: &TcpView<'_>,
    flags: TcpFlags,
    whole: bool,
    sep: &mut bool,
) -> Result<(), OptStop> {
    let opts = th.options();
    if let Some((val, ecr)) = opts.only_timestamps() {
        // The walk below prints the same; this is its common case at once.
        p.s("nop,nop,TS val ");
        p.dec(val);
        p.s(" ecr ");
        p.dec(ecr);
        *sep = true;
        return Ok(());
    }
    for item in opts {
        if *sep {
            p.s(",");
        }
        let o = match item {
            TcpOption::Opt(o) => o,
            TcpOption::Cut => return Err(OptStop::Jump),
            TcpOption::BadLen { .. } => return Err(OptStop::Bad),
        };
        let (opt, len, d) = (o.kind, usize::from(o.len), o.data());
        match o.name() {
            Some(n) => p.s(n),
            None => out!(p, "unknown-{opt}"),
        }
        match opt {
            kind::MSS => {
                lencheck(&o, 2)?;
                p.s(" ");
                p.dec(d.be16(0)?);
            }
            kind::WSCALE => {
                lencheck(&o, 1)?;
                p.s(" ");
                p.dec(d.u8_at(0)?);
            }
            kind::SACK => {
                let datalen = len - 2;
                if datalen % 8 != 0 {
                    p.s(" invalid sack");
                } else {
                    out!(p, " {} ", datalen / 8);
                    let mut i = 0;
                    while i < datalen {
                        lencheck(&o, i + 4)?;
                        let s = d.be32(i)?;
                        lencheck(&o, i + 8)?;
                        let e = d.be32(i + 4)?;
                        p.s("{");
                        p.seq_num(s, Rel::Sack);
                        p.s(":");
                        p.seq_num(e, Rel::Sack);
                        p.s("}");
                        i += 8;
                    }
                }
            }
            kind::ECHO | kind::ECHOREPLY | kind::CC | kind::CCNEW | kind::CCECHO => {
                lencheck(&o, 4)?;
                out!(p, " {}", d.be32(0)?);
            }
            kind::TIMESTAMP => {
                lencheck(&o, 8)?;
                let (val, ecr) = (d.be32(0)?, d.be32(4)?);
                p.s(" val ");
                p.dec(val);
                p.s(" ecr ");
                p.dec(ecr);
            }
            kind::MD5 => {
                lencheck(&o, 16)?;
                // tcpdump (built with libcrypto) cannot verify without -M.
                p.s(if whole {
                    " shared secret not supplied with -M, can't check - "
                } else {
                    " snaplen too short, can't check - "
                });
                for i in 0..16 {
                    out!(p, "{:02x}", d.u8_at(i)?);
                }
            }
            kind::SCPS => {
                lencheck(&o, 2)?;
                out!(p, " cap {:02x} id {}", d.u8_at(0)?, d.u8_at(1)?);
            }
            kind::TCP_AO => {
                let datalen = len - 2;
                if datalen < 2 {
                    p.s(" (invalid)");
                } else {
                    lencheck(&o, 1)?;
                    out!(p, " keyid {}", d.u8_at(0)?);
                    lencheck(&o, 2)?;
                    out!(p, " rnextkeyid {}", d.u8_at(1)?);
                    if datalen > 2 {
                        p.s(" mac 0x");
                        for i in 2..datalen {
                            lencheck(&o, i + 1)?;
                            out!(p, "{:02x}", d.u8_at(i)?);
                        }
                    }
                }
            }
            kind::EOL | kind::NOP | kind::SACK_PERMITTED => {}
            kind::UTO => {
                lencheck(&o, 2)?;
                let v = d.be16(0)?;
                out!(p, " 0x{v:x}");
                let secs = if v & 1 != 0 {
                    u32::from(v >> 1) * 60
                } else {
                    u32::from(v >> 1)
                };
                out!(p, " {secs}");
            }
            kind::MPTCP => {
                lencheck(&o, len - 2)?;
                // The MPTCP printer sees only this option (snapend cut to it).
                if !super::mptcp::mptcp_print(p, o.raw(), len, flags)? {
                    return Err(OptStop::Bad);
                }
            }
            kind::FASTOPEN => {
                let datalen = len - 2;
                lencheck(&o, datalen)?;
                p.s(" ");
                fastopen(p, d, datalen, false)?;
            }
            kind::EXPERIMENTAL => {
                let datalen = len - 2;
                lencheck(&o, datalen)?;
                if datalen < 2 {
                    return Err(OptStop::Bad);
                }
                let magic = d.be16(0)?;
                p.s("-");
                if magic == 0xf989 {
                    fastopen(p, d.from(2)?, datalen - 2, true)?;
                } else {
                    out!(p, "{magic:04x}");
                }
            }
            _ => {
                let datalen = len - 2;
                if datalen > 0 {
                    p.s(" 0x");
                }
                for i in 0..datalen {
                    lencheck(&o, i + 1)?;
                    out!(p, "{:02x}", d.u8_at(i)?);
                }
            }
        }
        let consumed = o.walk_len()
            + if opt == kind::EOL || opt == kind::NOP {
                1
            } else {
                2
            };
        if consumed != len {
            out!(p, "[len {len}]");
        }
        *sep = true;
    }
    Ok(())
}

/// `print_tcp_fastopen_option`: `data` starts at the cookie.
fn fastopen(p: &mut Printer, data: &[u8], datalen: usize, exp: bool) -> P {
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
            out!(p, "{:02x}", data.u8_at(i)?);
        }
    }
    Ok(())
}
