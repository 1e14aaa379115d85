//! ICMPv6 (`print-icmp6.c`): every message type tcpdump 4.99 knows, with the
//! `-v` details (neighbour-discovery options, MLDv2 records, RPL, checksum).
//! `data` starts at the ICMPv6 header and ends at the snapshot end
//! (tcpdump's `ndo_snapend`).
//!
//! This file is `icmp6_print` itself (the type dispatcher, the one-line
//! messages, the checksum) and the helpers its children share; the longer
//! printers live beside it, as in `print-icmp6.c`: [`nd`] (neighbour-
//! discovery options), [`ni`] (node information), [`mld`] (MLD/MLDv2),
//! [`rrenum`] (router renumbering) and [`rpl`] (RPL).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

mod mld;
mod nd;
mod ni;
mod rpl;
mod rrenum;

use super::ip::Datagram;
use super::tok::bittok2str;
use super::{P, Printer, out};
use crate::decode::{Bytes, IpAddrs};
use mld::{mld6_print, mldv2_query_print, mldv2_report_print};
use nd::{nd_opts, rtpref};
use ni::nodeinfo_print;
use rpl::rpl_print;
use rrenum::rrenum_print;

/// `icmp6_type_values` (first match wins, as `tok2str` does).
fn type_name(t: u8) -> Option<&'static str> {
    Some(match t {
        1 => "destination unreachable",
        2 => "packet too big",
        3 => "time exceeded in-transit",
        4 => "parameter problem",
        128 => "echo request",
        129 => "echo reply",
        130 => "multicast listener query",
        131 => "multicast listener report",
        132 => "multicast listener done",
        133 => "router solicitation",
        134 => "router advertisement",
        135 => "neighbor solicitation",
        136 => "neighbor advertisement",
        137 => "redirect",
        138 => "router renumbering",
        141 => "inverse neighbor solicitation",
        142 => "inverse neighbor advertisement",
        143 => "multicast listener report v2",
        144 => "ha discovery request",
        145 => "ha discovery reply",
        146 => "mobile router solicitation",
        147 => "mobile router advertisement",
        139 => "who-are-you request",
        140 => "who-are-you reply",
        201 => "mtrace message",
        200 => "mtrace response",
        155 => "RPL",
        _ => return None,
    })
}

const RA_FLAGS: &[(u32, &str)] = &[
    (0x80, "managed"),
    (0x40, "other stateful"),
    (0x20, "home agent"),
    (0x02, "ipv6 only"),
];

const NA_FLAGS: &[(u32, &str)] = &[
    (0x8000_0000, "router"),
    (0x4000_0000, "solicited"),
    (0x2000_0000, "override"),
];

/// `icmp6_print`.
pub(super) fn icmp6_print(p: &mut Printer, data: &[u8], length: usize, dgram: Datagram<'_>) -> P {
    let ip = dgram.addrs;
    p.cur.protocol = "icmp6";
    if length == 0 {
        p.s("ICMP6, length 0 (invalid)");
        return Ok(());
    }
    let v = p.opts.verbose;
    if v > 0
        && !dgram.fragmented
        && data.has(0, length)
        && let IpAddrs::V6 { .. } = ip
    {
        let icmp6_sum = data.be16(2)?;
        let sum = super::ip::nextproto_cksum(p, ip, 58, data.range(0, length)?);
        super::ip::cksum_verdict(p, "icmp6", icmp6_sum, sum);
    }
    let ty = data.u8_at(0)?;
    p.s("ICMP6, ");
    match type_name(ty) {
        Some(n) => p.s(n),
        None => out!(p, "unknown icmp6 type ({ty})"),
    }
    if v > 0 && matches!(ty, 133 | 134 | 136 | 135 | 137 | 145 | 147) {
        out!(p, ", length {length}");
    }
    let code = data.u8_at(1)?;
    // The quoted packet of error messages (`oip`).
    let oip = data.get(8..).unwrap_or_default();
    match ty {
        1 => {
            p.s(", ");
            match code {
                0 => p.s("unreachable route"),
                1 => p.s(" unreachable prohibited"),
                2 => p.s("beyond scope"),
                3 => p.s("unreachable address"),
                4 => p.s("unreachable port"),
                _ => out!(p, "unknown unreach code ({code})"),
            }
            match code {
                0 | 1 | 3 => {
                    let d = oip.array::<16>(24)?;
                    p.s(" ");
                    p.ip6(d);
                }
                2 => {
                    let d = oip.array::<16>(24)?;
                    let s = oip.array::<16>(8)?;
                    p.s(" ");
                    p.ip6(d);
                    p.s(", source address ");
                    p.ip6(s);
                }
                4 => {
                    let Some((off, prot)) = get_upperlayer(oip) else {
                        p.trunc();
                        return Ok(());
                    };
                    let dport = oip.be16(off + 2)?;
                    let d = oip.array::<16>(24)?;
                    p.s(", ");
                    p.ip6(d);
                    match prot {
                        6 => {
                            p.s(" tcp port ");
                            p.tcp_port(dport);
                        }
                        17 => {
                            p.s(" udp port ");
                            p.udp_port(dport);
                        }
                        _ => out!(p, " protocol {prot} port {dport} unreachable"),
                    }
                }
                _ => {
                    if v <= 1 {
                        crate::print::hex::print_unknown_data(p, Some(data), "\n\t", length);
                        return Ok(());
                    }
                }
            }
        }
        2 => out!(p, ", mtu {}", data.be32(4)?),
        3 => match code {
            0 => {
                let d = oip.array::<16>(24)?;
                p.s(" for ");
                p.ip6(d);
            }
            1 => p.s(" (reassembly)"),
            _ => out!(p, ", unknown code ({code})"),
        },
        4 => {
            oip.range(24, 16)?;
            // `icmp6_print`'s own switch on the code.
            let what = match code {
                0 => Some("erroneous"),
                1 => Some("next header"),
                2 => Some("option"),
                3 => Some("incomplete header chain"),
                _ => None,
            };
            match what {
                Some(what) => out!(p, ", {what} - octet {}", data.be32(4)?),
                None => out!(p, ", code-#{code}"),
            }
        }
        128 | 129 => out!(p, ", id {}, seq {}", data.be16(4)?, data.be16(6)?),
        130 => {
            if length == 24 {
                mld6_print(p, data)?;
            } else if length >= 28 {
                p.s(" v2");
                mldv2_query_print(p, data, length)?;
            } else {
                out!(p, " unknown-version (len {length}) ");
            }
        }
        131 | 132 => mld6_print(p, data)?,
        133 => {}
        134 => {
            if v > 0 {
                let hop = data.u8_at(4)?;
                let fl = data.u8_at(5)?;
                let life = data.be16(6)?;
                let reach = data.be32(8)?;
                let retrans = data.be32(12)?;
                out!(p, "\n\thop limit {hop}, Flags [");
                bittok2str(p, RA_FLAGS, "none", u32::from(fl));
                out!(
                    p,
                    "], pref {}, router lifetime {life}s, reachable time {reach}ms, retrans timer {retrans}ms",
                    rtpref(fl)
                );
            }
        }
        135 => {
            let t = data.array::<16>(8)?;
            p.s(", who has ");
            p.ip6(t);
        }
        136 => {
            let t = data.array::<16>(8)?;
            p.s(", tgt is ");
            p.ip6(t);
            if v > 0 {
                let fl = data.be32(4)?;
                p.s(", Flags [");
                bittok2str(p, NA_FLAGS, "none", fl);
                p.s("]");
            }
        }
        137 => {
            let d = data.array::<16>(24)?;
            p.s(", ");
            p.ip6(d);
            let t = data.array::<16>(8)?;
            p.s(" to ");
            p.ip6(t);
        }
        138 => rrenum_print(p, data)?,
        139 | 140 => nodeinfo_print(p, length, data)?,
        141 | 142 => {}
        143 => mldv2_report_print(p, data, length)?,
        146 | 144 => out!(p, ", id 0x{:04x}", data.be16(4)?),
        145 => {
            if v > 0 {
                out!(p, ", id 0x{:04x}", data.be16(4)?);
                let mut off = 8usize;
                while off < length {
                    let a = data.array::<16>(off)?;
                    p.s(", ");
                    p.ip6(a);
                    off += 16;
                }
            }
        }
        147 => {
            if v > 0 {
                out!(p, ", id 0x{:04x}", data.be16(4)?);
                let flags = data.be16(6)?;
                if flags & 0xc000 != 0 {
                    p.s(" ");
                }
                if flags & 0x8000 != 0 {
                    p.s("M");
                }
                if flags & 0x4000 != 0 {
                    p.s("O");
                }
            }
        }
        155 => rpl_print(
            p,
            code,
            data.get(4..).unwrap_or_default(),
            (length as u32).wrapping_sub(4),
        )?,
        _ => {
            out!(p, ", length {length}");
            if v <= 1 {
                crate::print::hex::print_unknown_data(p, Some(data), "\n\t", length);
            }
            return Ok(());
        }
    }
    // The neighbour-discovery messages' options (at -v: the length above
    // is printed only without it).
    let nd_opts_at = match ty {
        133 | 147 => Some(8),
        134 => Some(16),
        135 | 136 => Some(24),
        137 => Some(40),
        _ => None,
    };
    if let Some(at) = nd_opts_at.filter(|_| v > 0) {
        nd_opts(p, data, at, length)?;
    }
    if v == 0 {
        out!(p, ", length {length}");
    }
    Ok(())
}

/// `get_upperlayer`: offset (in `oip`) and protocol of the TCP/UDP header
/// inside the quoted packet.
fn get_upperlayer(oip: &[u8]) -> Option<(usize, u8)> {
    let mut nh = oip.u8_at(6).ok()?;
    let mut hlen = 40usize;
    let mut bp = 0usize;
    while bp < oip.len() {
        bp += hlen;
        match nh {
            6 | 17 => {
                return if oip.has(bp + 2, 2) {
                    Some((bp, nh))
                } else {
                    None
                };
            }
            0 | 60 | 43 => {
                let l = oip.u8_at(bp + 1).ok()?;
                nh = oip.u8_at(bp).ok()?;
                hlen = (usize::from(l) + 1) << 3;
            }
            44 => {
                let off = oip.be16(bp + 2).ok()?;
                if off & 0xfff8 != 0 {
                    return None;
                }
                nh = oip.u8_at(bp).ok()?;
                hlen = 8;
            }
            51 => {
                let l = oip.u8_at(bp + 1).ok()?;
                nh = oip.u8_at(bp).ok()?;
                hlen = (usize::from(l) + 2) << 2;
            }
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_of_zeroes() {
        let z = [0u8; 16];
        let p = Printer::new(crate::print::PrintOptions::default());
        let ip = IpAddrs::V6 {
            src: &z,
            dst: &z,
            next: 58,
        };
        assert_eq!(
            super::super::ip::nextproto_cksum(&p, ip, 58, &[0u8; 8]),
            !66u16
        );
    }

    /// No input, at any verbosity, panics (including arithmetic overflow
    /// in debug builds).
    #[test]
    fn never_panics() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut rnd = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let src = [0x20u8; 16];
        let dst = [0xfeu8; 16];
        for verbose in 0..4u8 {
            let mut p = Printer::new(crate::print::PrintOptions {
                numeric: 1,
                verbose,
                ..Default::default()
            });
            for round in 0..6000usize {
                let mut buf = [0u8; 200];
                for b in buf.iter_mut() {
                    *b = if rnd() % 4 == 0 { 0 } else { rnd() as u8 };
                }
                let ty = [
                    1u8, 2, 3, 4, 128, 130, 131, 133, 134, 135, 136, 137, 138, 139, 140, 143, 145,
                    147, 155, 200,
                ];
                if let (Some(b0), Some(t)) = (buf.first_mut(), ty.get(round % ty.len())) {
                    *b0 = *t;
                }
                let cut = (rnd() % 200) as usize;
                let data = buf.get(..cut).unwrap_or_default();
                let length = if rnd() % 2 == 0 {
                    cut
                } else {
                    (rnd() % 300) as usize
                };
                p.buf.line.clear();
                let ip = IpAddrs::V6 {
                    src: &src,
                    dst: &dst,
                    next: 58,
                };
                let dgram = super::super::ip::Datagram {
                    addrs: ip,
                    fragmented: false,
                    ttl: 64,
                };
                let _ = icmp6_print(&mut p, data, length, dgram);
                // Extension headers behind a fixed IPv6 header.
                let mut pkt = [0u8; 240];
                for b in pkt.iter_mut().skip(40) {
                    *b = if rnd() % 3 == 0 { 0 } else { rnd() as u8 };
                }
                let end = 40 + cut;
                let pkt = pkt.get(..end).unwrap_or_default();
                if let Ok(v6) = crate::decode::ip6::Ipv6View::new_checked(pkt) {
                    let ext = pkt.get(40..).unwrap_or_default();
                    let (mut fj, mut pl) = (false, (rnd() % 2) as u32);
                    let _ = super::super::ip6ext::hbhopt(&mut p, ext, &mut fj, &mut pl);
                    let _ = super::super::ip6ext::dstopt(&mut p, ext);
                    let _ = super::super::ip6ext::frag6(&mut p, ext, &v6);
                    let _ = super::super::ip6ext::rt6(&mut p, ext, &v6);
                    let _ = super::super::ip6ext::mobility(&mut p, ext, &v6);
                }
            }
        }
    }
}
