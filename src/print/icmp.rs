//! ICMP for IPv4 (`print-icmp.c`): the one-line summary of every message
//! type, and at `-v` the checksum check, the quoted IP packet of error
//! messages and RFC 4884 multi-part extensions.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::ip::Datagram;
use super::{P, Printer, out};
use crate::decode::{Bytes, cksum};

const ECHOREPLY: u8 = 0;
const UNREACH: u8 = 3;
const SOURCEQUENCH: u8 = 4;
const REDIRECT: u8 = 5;
const ECHO: u8 = 8;
const ROUTERADVERT: u8 = 9;
const TIMXCEED: u8 = 11;
const PARAMPROB: u8 = 12;
const TSTAMP: u8 = 13;
const TSTAMPREPLY: u8 = 14;
const MASKREPLY: u8 = 18;

/// Offset of the quoted IP header's destination address (`icmp_ip.ip_dst`).
const OIP_DST: usize = 8 + 16;
/// `ICMP_EXTD_MINLEN`: where the RFC 4884 extension header starts.
const EXTD_MINLEN: usize = 156 - 20;
/// `sizeof(struct icmp_ext_t)`.
const EXT_SIZE: usize = 141;
/// tcpdump formats the message into `char buf[MAXHOSTNAMELEN + 100]` with
/// `snprintf`, so it never prints more than this many bytes of it.
const BUF_MAX: usize = 64 + 100 - 1;

/// `icmp2str`: the types without their own case.
fn icmp2str(ty: u8) -> Option<&'static str> {
    Some(match ty {
        0 => "echo reply",
        4 => "source quench",
        8 => "echo request",
        10 => "router solicitation",
        13 => "time stamp request",
        14 => "time stamp reply",
        15 => "information request",
        16 => "information reply",
        17 => "address mask request",
        _ => return None,
    })
}

/// `icmp_tstamp_print`: milliseconds since midnight UTC.
struct Tstamp(u32);

impl std::fmt::Display for Tstamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let msec = self.0 % 1000;
        let mut sec = self.0 / 1000;
        let mut min = sec / 60;
        sec -= min * 60;
        let hrs = min / 60;
        min -= hrs * 60;
        write!(f, "{hrs:02}:{min:02}:{sec:02}.{msec:03}")
    }
}

/// The text after `ICMP `: what tcpdump formats into `buf` (or points `str`
/// at). Any missing byte fails the whole message, as nothing is printed
/// before the buffer is complete. print-icmp.c's `ND_TCHECK`s go to its
/// `trunc:` label (no longjmp): those are soft truncations, which keep the
/// link-layer header out of `-x`'s dump; its `GET_`s are hard.
fn message(p: &mut Printer, data: &[u8], ty: u8, code: u8) -> P {
    match ty {
        ECHO | ECHOREPLY => out!(
            p,
            "echo {}, id {}, seq {}",
            if ty == ECHO { "request" } else { "reply" },
            data.be16(4)?,
            data.be16(6)?
        ),
        UNREACH => unreach(p, data, code)?,
        REDIRECT => {
            // Both addresses are fetched before anything is formatted.
            data.range(OIP_DST, 4)?;
            data.range(4, 4)?;
            match code {
                0 => p.s("redirect "),
                1 => p.s("redirect "),
                2 => p.s("redirect-tos "),
                3 => p.s("redirect-tos "),
                _ => out!(p, "redirect-#{code} "),
            }
            p.ip4_at(data, OIP_DST)?;
            p.s(match code {
                0 | 2 => " to net ",
                1 | 3 => " to host ",
                _ => " to ",
            });
            p.ip4_at(data, 4)?;
        }
        ROUTERADVERT => {
            p.s("router advertisement");
            data.range(4, 4).map_err(|_| p.soft_trunc())?;
            p.s(" lifetime ");
            let lifetime = data.be16(6)?;
            if lifetime < 60 {
                out!(p, "{lifetime}");
            } else if lifetime < 60 * 60 {
                out!(p, "{}:{:02}", lifetime / 60, lifetime % 60);
            } else {
                out!(
                    p,
                    "{}:{:02}:{:02}",
                    lifetime / 3600,
                    (lifetime % 3600) / 60,
                    lifetime % 60
                );
            }
            let num = data.u8_at(4)?;
            out!(p, " {num}:");
            let size = data.u8_at(5)?;
            if size != 2 {
                out!(p, " [size {size}]");
            } else {
                let mut at = 8;
                for _ in 0..num {
                    data.range(at, 8).map_err(|_| p.soft_trunc())?;
                    p.s(" {");
                    p.ip4_at(data, at)?;
                    out!(p, " {}}}", data.be32(at + 4)?);
                    at += 8;
                }
            }
        }
        TIMXCEED => {
            data.range(OIP_DST, 4).map_err(|_| p.soft_trunc())?;
            match code {
                0 => p.s("time exceeded in-transit"),
                1 => p.s("ip reassembly time exceeded"),
                _ => out!(p, "time exceeded-#{code}"),
            }
        }
        PARAMPROB => {
            if code != 0 {
                out!(p, "parameter problem - code {code}");
            } else {
                out!(p, "parameter problem - octet {}", data.u8_at(4)?);
            }
        }
        MASKREPLY => out!(p, "address mask is 0x{:08x}", data.be32(8)?),
        TSTAMP => out!(
            p,
            "time stamp query id {} seq {}",
            data.be16(4)?,
            data.be16(6)?
        ),
        TSTAMPREPLY => {
            data.range(16, 4).map_err(|_| p.soft_trunc())?;
            out!(
                p,
                "time stamp reply id {} seq {}: org {}, recv {}, xmit {}",
                data.be16(4)?,
                data.be16(6)?,
                Tstamp(data.be32(8)?),
                Tstamp(data.be32(12)?),
                Tstamp(data.be32(16)?)
            );
        }
        _ => match icmp2str(ty) {
            Some(s) => p.s(s),
            None => out!(p, "type-#{ty}"),
        },
    }
    Ok(())
}

/// The destination-unreachable codes.
fn unreach(p: &mut Printer, data: &[u8], code: u8) -> P {
    let (pre, post) = match code {
        0 => ("net ", " unreachable"),
        1 => ("host ", " unreachable"),
        2 => {
            data.range(OIP_DST, 4)?;
            let proto = data.u8_at(8 + 9)?;
            p.ip4_at(data, OIP_DST)?;
            out!(p, " protocol {proto} unreachable");
            return Ok(());
        }
        3 => {
            data.u8_at(8 + 9).map_err(|_| p.soft_trunc())?;
            let hlen = usize::from(data.u8_at(8)? & 0x0f) * 4;
            let dport = data.be16(8 + hlen + 2)?;
            let proto = data.u8_at(8 + 9)?;
            data.range(OIP_DST, 4)?;
            p.ip4_at(data, OIP_DST)?;
            match proto {
                6 => {
                    p.s(" tcp port ");
                    p.tcp_port(dport);
                    p.s(" unreachable");
                }
                17 => {
                    p.s(" udp port ");
                    p.udp_port(dport);
                    p.s(" unreachable");
                }
                _ => out!(p, " protocol {proto} port {dport} unreachable"),
            }
            return Ok(());
        }
        4 => {
            let mtu = data.be16(6)?;
            p.ip4_at(data, OIP_DST)?;
            if mtu != 0 {
                out!(p, " unreachable - need to frag (mtu {mtu})");
            } else {
                p.s(" unreachable - need to frag");
            }
            return Ok(());
        }
        5 => ("", " unreachable - source route failed"),
        6 => ("net ", " unreachable - unknown"),
        7 => ("host ", " unreachable - unknown"),
        8 => ("", " unreachable - source host isolated"),
        9 => ("net ", " unreachable - admin prohibited"),
        10 => ("host ", " unreachable - admin prohibited"),
        11 => ("net ", " unreachable - tos prohibited"),
        12 => ("host ", " unreachable - tos prohibited"),
        13 => ("host ", " unreachable - admin prohibited filter"),
        14 => ("host ", " unreachable - host precedence violation"),
        15 => ("host ", " unreachable - precedence cutoff"),
        _ => {
            p.ip4_at(data, OIP_DST)?;
            out!(p, " unreachable - #{code}");
            return Ok(());
        }
    };
    p.s(pre);
    p.ip4_at(data, OIP_DST)?;
    p.s(post);
    Ok(())
}

/// `icmp_print`: `data` runs to the end of the IP datagram (or capture),
/// `length` is the ICMP length from the IP header.
pub(super) fn icmp_print(p: &mut Printer, data: &[u8], length: usize, dgram: Datagram<'_>) -> P {
    p.cur.protocol = "icmp";
    let ty = data.u8_at(0)?;
    let code = data.u8_at(1)?;
    let mark = p.out().len();
    p.s("ICMP ");
    let start = p.out().len();
    if let Err(e) = message(p, data, ty, code) {
        p.out().truncate(mark);
        return Err(e);
    }
    if p.out().len() > start + BUF_MAX {
        p.out().truncate(start + BUF_MAX);
    }
    out!(p, ", length {length}");
    if p.opts.verbose == 0 {
        return Ok(());
    }
    // No checksumming of fragments.
    let sum = if dgram.fragmented {
        0
    } else {
        data.range(0, length).map_or(0, cksum::in_cksum)
    };
    if sum != 0 {
        let icmp_sum = data.be16(2)?;
        out!(
            p,
            " (wrong icmp cksum {icmp_sum:x} (->{:x})!)",
            cksum::shouldbe(icmp_sum, sum)
        );
    }
    if matches!(ty, UNREACH | SOURCEQUENCH | REDIRECT | TIMXCEED | PARAMPROB) {
        p.s("\n\t");
        let ip_len = usize::from(data.be16(8 + 2)?);
        let inner = data.get(8..).unwrap_or_default().cap(ip_len);
        super::ip::ip_print(p, inner, ip_len)?;
    }
    p.cur.protocol = "icmp";
    if length > EXTD_MINLEN && matches!(ty, UNREACH | TIMXCEED | PARAMPROB) {
        multipart(p, data, length)?;
    }
    Ok(())
}

/// RFC 4884 multi-part message extensions (RFC 4950 MPLS label stacks).
fn multipart(p: &mut Printer, data: &[u8], length: usize) -> P {
    data.range(0, EXT_SIZE).map_err(|_| p.soft_trunc())?;
    let ext_len = length - EXTD_MINLEN;
    // With no length given, only a valid checksum shows an extension is there.
    if data.u8_at(5)? == 0
        && data
            .range(EXTD_MINLEN, ext_len)
            .is_ok_and(|ext| cksum::in_cksum(ext) != 0)
    {
        return Ok(());
    }
    let version = data.u8_at(EXTD_MINLEN)? >> 4;
    out!(p, "\n\tICMP Multi-Part extension v{version}");
    if version != 2 {
        p.s(" packet not supported");
        return Ok(());
    }
    // tcpdump's `hlen` is an unsigned int and may wrap below.
    let mut hlen = u32::try_from(ext_len).unwrap_or(u32::MAX);
    if let Ok(ext) = data.range(EXTD_MINLEN, ext_len) {
        out!(
            p,
            ", checksum 0x{:04x} ({}correct), length {hlen}",
            data.be16(EXTD_MINLEN + 2)?,
            if cksum::in_cksum(ext) != 0 { "in" } else { "" }
        );
    }
    hlen = hlen.wrapping_sub(4);
    let mut obj = EXTD_MINLEN + 4;
    while hlen > 4 {
        data.range(obj, 4).map_err(|_| p.soft_trunc())?;
        let obj_tlen = u32::from(data.be16(obj)?);
        let class = data.u8_at(obj + 2)?;
        let ctype = data.u8_at(obj + 3)?;
        obj += 4;
        let name = match class {
            1 => "MPLS Stack Entry",
            2 => "Interface Identification",
            _ => "unknown",
        };
        out!(
            p,
            "\n\t  {name} Object ({class}), Class-Type: {ctype}, length {obj_tlen}"
        );
        hlen -= 4;
        if class == 0 || obj_tlen < 4 {
            return Ok(());
        }
        let obj_tlen = obj_tlen - 4;
        if class == 1 && ctype == 1 {
            let raw = data.be32(obj)?;
            out!(
                p,
                "\n\t    label {}, tc {}",
                (raw >> 12) & 0xfffff,
                (raw >> 9) & 7
            );
            if raw & 0x100 != 0 {
                p.s(", [S]");
            }
            out!(p, ", ttl {}", raw & 0xff);
        } else {
            unknown_data(p, data, obj, obj_tlen as usize)?;
        }
        if hlen < obj_tlen {
            break;
        }
        hlen -= obj_tlen;
        obj += obj_tlen as usize;
    }
    Ok(())
}

/// `print_unknown_data` with the `"\n\t    "` indent: `hex_print` of what
/// was captured of `len` bytes at `at`.
fn unknown_data(p: &mut Printer, data: &[u8], at: usize, len: usize) -> P {
    super::hex::print_unknown_data(p, data.get(at..), "\n\t    ", len);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tstamp() {
        assert_eq!(Tstamp(0).to_string(), "00:00:00.000");
        assert_eq!(Tstamp(86_399_999).to_string(), "23:59:59.999");
        assert_eq!(Tstamp(u32::MAX).to_string(), "1193:02:47.295");
    }
}
