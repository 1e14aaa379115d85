//! IPv4 (`print-ip.c`) and the protocol demultiplexer shared with IPv6
//! (`print-ip-demux.c`), with what the transport printers get from the IP
//! layer: the [`Datagram`] they travel in, the pseudo-header checksum and
//! its `-v` verdict.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::tok::{BitTok, bittok2str};
use super::{P, Printer, ipopt, out};
use crate::decode::ip::proto;
use crate::decode::ip::{IP_DF, IP_MF, IP_OFFMASK, IP_RES, Ipv4View};
use crate::decode::{Bytes, IpAddrs, Trunc, cksum};

/// `ip_frag_values`.
const FRAG_FLAGS: &BitTok = &[
    (IP_MF as u32, "+"),
    (IP_DF as u32, "DF"),
    (IP_RES as u32, "rsvd"),
];

/// `ip_print`: `data` runs to the current snapshot end, `length` is what the
/// link layer says is left on the wire.
pub(super) fn ip_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "ip";
    let version = data.u8_at(0)? >> 4;
    if version != 4 {
        if version == 6 {
            p.s("IP6, wrong link-layer encapsulation");
        } else {
            out!(p, "IP{version}");
        }
        p.s(" (invalid)");
        return Ok(());
    }
    if !p.opts.link_header {
        p.s("IP ");
    }
    let Ok(ip) = Ipv4View::new_checked(data) else {
        return Err(p.soft_trunc());
    };
    if length < Ipv4View::HEADER_LEN {
        out!(p, "truncated-ip {length}");
        return Ok(());
    }
    let hlen = ip.header_len();
    if hlen < Ipv4View::HEADER_LEN {
        out!(p, "bad-hlen {hlen}");
        return Ok(());
    }
    let mut len = usize::from(ip.total_len());
    if length < len {
        out!(p, "truncated-ip - {} bytes missing! ", len - length);
    }
    // tcpdump 4.99 is built without GUESS_TSO (as the reference binary is), so
    // a zero total length is "bad-len 0" too. Guessing `len = length` here let
    // `len -= hlen` below underflow when the wire length was < hlen.
    if len < hlen {
        out!(p, "bad-len {len}");
        return Ok(());
    }
    // Cut off the snapshot at the end of the IP datagram.
    let data = data.cap(len);
    len -= hlen;
    let off = ip.frag_field();
    let proto = ip.proto();
    let addrs = IpAddrs::V4 {
        src: ip.src(),
        dst: ip.dst(),
        proto,
    };
    if p.opts.verbose > 0 && !verbose_header(p, &ip, data, hlen, off)? {
        return Ok(());
    }
    p.cur.final_dst = None;
    if hlen > Ipv4View::HEADER_LEN {
        let opts = data.get(Ipv4View::HEADER_LEN..).unwrap_or_default();
        if let Some(d) = ipopt::finddst(opts, hlen - Ipv4View::HEADER_LEN) {
            let mut a = [0u8; 16];
            a[..4].copy_from_slice(&d);
            p.cur.final_dst = Some(a);
        }
    }
    if off & IP_OFFMASK == 0 {
        if !matches!(proto, 6 | 17 | 132 | 33) {
            p.ip4(ip.src());
            p.s(" > ");
            p.ip4(ip.dst());
            p.s(": ");
        }
        if !data.has(0, hlen) {
            out!(
                p,
                " [remaining caplen({}) < header length({hlen})]",
                data.len()
            );
            return Err(Trunc);
        }
        let fragmented = off & IP_MF != 0;
        let dgram = Datagram {
            addrs,
            fragmented,
            ttl: ip.ttl(),
        };
        demux(p, data.from(hlen)?, len, dgram, proto)
    } else {
        p.ip4(ip.src());
        p.s(" > ");
        p.ip4(ip.dst());
        p.s(":");
        match p.run.names.proto(proto).filter(|_| p.opts.numeric == 0) {
            Some(n) => {
                let n = n.to_string();
                out!(p, " {n}");
            }
            None => out!(p, " ip-proto-{proto}"),
        }
        Ok(())
    }
}

/// The `-v` part of `ip_print`: `(tos 0x0, ttl 64, … length 60)` and the
/// line break; `Ok(false)` when truncated options end the packet there.
fn verbose_header(
    p: &mut Printer,
    ip: &Ipv4View<'_>,
    data: &[u8],
    hlen: usize,
    off: u16,
) -> Result<bool, Trunc> {
    let tos = ip.tos();
    out!(p, "(tos 0x{tos:x}");
    match tos & 3 {
        1 => p.s(",ECT(1)"),
        2 => p.s(",ECT(0)"),
        3 => p.s(",CE"),
        _ => {}
    }
    let ttl = ip.ttl();
    if ttl >= 1 {
        out!(p, ", ttl {ttl}");
    }
    out!(
        p,
        ", id {}, offset {}, flags [",
        ip.id(),
        (off & IP_OFFMASK) * 8
    );
    bittok2str(
        p,
        FRAG_FLAGS,
        "none",
        u32::from(off & (IP_RES | IP_DF | IP_MF)),
    );
    let proto = ip.proto();
    out!(
        p,
        "], proto {} ({proto}), length {}",
        super::names::ipproto_name(proto).unwrap_or("unknown"),
        ip.total_len()
    );
    let mut truncated = false;
    if hlen > Ipv4View::HEADER_LEN {
        p.s(", options (");
        let opts = data.get(Ipv4View::HEADER_LEN..).unwrap_or_default();
        match ipopt::optprint(p, opts, hlen - Ipv4View::HEADER_LEN) {
            Ok(()) => {}
            Err(ipopt::OptErr::Cut) => {
                p.s(" [truncated-option]");
                truncated = true;
            }
            Err(ipopt::OptErr::Jump) => return Err(Trunc),
        }
        p.s(")");
    }
    if p.opts.verify_checksums
        && let Ok(h) = data.range(0, hlen)
    {
        let sum = cksum::in_cksum(h);
        if sum != 0 {
            let ip_sum = ip.checksum();
            out!(
                p,
                ", bad cksum {ip_sum:x} (->{:x})!",
                cksum::shouldbe(ip_sum, sum)
            );
        }
    }
    p.s(")\n    ");
    if truncated {
        p.ip4(ip.src());
        p.s(" > ");
        p.ip4(ip.dst());
        p.s(": ");
        return Err(Trunc);
    }
    Ok(true)
}

/// `nextproto4_cksum` / `nextproto6_cksum`: the transport checksum over
/// `data` with the pseudo-header (0 when it verifies). The destination is the
/// final one of a source route or routing header, as tcpdump takes it.
pub(super) fn nextproto_cksum(p: &Printer, ip: IpAddrs<'_>, proto: u8, data: &[u8]) -> u16 {
    nextproto_cksum_cov(p, ip, proto, data, data.len())
}

/// [`nextproto_cksum`] summing only the first `cov` bytes while the
/// pseudo-header says all of `data` (DCCP's checksum coverage).
pub(super) fn nextproto_cksum_cov(
    p: &Printer,
    ip: IpAddrs<'_>,
    proto: u8,
    data: &[u8],
    cov: usize,
) -> u16 {
    let len = data.len();
    let acc = match ip {
        IpAddrs::V4 { src, dst, .. } => {
            let dst = match p.cur.final_dst {
                Some(d) => [d[0], d[1], d[2], d[3]],
                None => dst,
            };
            let acc = cksum::sum(0, &src);
            let acc = cksum::sum(acc, &dst);
            cksum::sum(acc, &[0, proto, (len >> 8) as u8, len as u8])
        }
        IpAddrs::V6 { src, dst, .. } => {
            let dst = p.cur.final_dst.as_ref().unwrap_or(dst);
            let acc = cksum::sum(0, src);
            let acc = cksum::sum(acc, dst);
            let acc = cksum::sum(acc, &(len as u32).to_be_bytes());
            cksum::sum(acc, &[0, 0, 0, proto])
        }
    };
    cksum::finish(cksum::sum(acc, data.cap(cov)))
}

/// What `udp_print` and `icmp6_print` print at `-v` of a transport checksum:
/// `field` is the header's, `sum` what [`nextproto_cksum`] found (0 when it
/// verifies).
pub(super) fn cksum_verdict(p: &mut Printer, proto: &str, field: u16, sum: u16) {
    if sum != 0 {
        out!(
            p,
            "[bad {proto} cksum 0x{field:04x} -> 0x{:04x}!] ",
            cksum::shouldbe(field, sum)
        );
    } else {
        out!(p, "[{proto} sum ok] ");
    }
}

/// The IP datagram a transport header travels in, as the network-layer
/// printers hand it on (tcpdump's `bp2` and `fragmented`): its addresses,
/// and whether it is a fragment (whose transport checksum is not verified).
#[derive(Clone, Copy)]
pub(super) struct Datagram<'a> {
    pub(super) addrs: IpAddrs<'a>,
    pub(super) fragmented: bool,
    /// IPv4's TTL or IPv6's hop limit (VRRP prints it unless 255).
    pub(super) ttl: u8,
}

/// `ip_demux_print`. AH headers are printed and stepped over here, each
/// naming the next (tcpdump's `goto again`), also under IPv6, where an
/// extension header after AH is then not walked but printed as an unknown
/// protocol, as tcpdump does.
pub(super) fn demux(
    p: &mut Printer,
    mut data: &[u8],
    mut length: usize,
    dgram: Datagram<'_>,
    mut nh: u8,
) -> P {
    let ip = dgram.addrs;
    let v6 = matches!(ip, IpAddrs::V6 { .. });
    while nh == proto::AH {
        if data.is_empty() {
            p.cur.protocol = "ah";
            return Err(p.soft_trunc());
        }
        nh = data.u8_at(0)?;
        let advance = super::ipsec::ah_print(p, data)?;
        // ah_print read every byte up to `advance` (or the 12 of the fixed
        // header, more than a short length field gives), and `data` ends
        // within `length`, so neither runs out.
        data = data.from(advance)?;
        length = length.saturating_sub(advance);
    }
    match nh {
        proto::ESP => super::ipsec::esp_print(p, data, length),
        6 => super::tcp::tcp_print(p, data, length, dgram),
        17 => super::udp::udp_print(p, data, length, dgram),
        132 => super::sctp::sctp_print(p, data, length, dgram),
        33 => super::dccp::dccp_print(p, data, length, dgram),
        88 => super::eigrp::eigrp_print(p, data, length),
        1 if !v6 => super::icmp::icmp_print(p, data, length, dgram),
        58 if v6 => super::icmp6::icmp6_print(p, data, length, dgram),
        1 | 2 if v6 => {
            out!(
                p,
                "[{} requires IPv4]",
                super::names::ipproto_name(nh).unwrap_or("unknown")
            );
            p.s(" (invalid)");
            Ok(())
        }
        2 => super::igmp::igmp_print(p, data, length),
        143 if v6 => super::link::ether_print(p, data, length),
        58 | 143 => {
            out!(
                p,
                "[{} requires IPv6]",
                super::names::ipproto_name(nh).unwrap_or("unknown")
            );
            p.s(" (invalid)");
            Ok(())
        }
        4 => ip_print(p, data, length),
        41 => super::ip6::ip6_print(p, data, length),
        47 => super::gre::gre_print(p, data, length),
        112 => super::vrrp::vrrp_print(p, data, length, dgram),
        super::pim::IPPROTO_PIM => super::pim::pim_print(p, data, length, dgram),
        46 => super::rsvp::rsvp_print(p, data, length),
        89 if v6 => super::ospf::ospf6_print(p, data, length),
        89 => super::ospf::ospf_print(p, data, length),
        77 => {
            out!(p, " nd {length}");
            Ok(())
        }
        59 => {
            p.s("no next header");
            Ok(())
        }
        _ => {
            match p.run.names.proto(nh).filter(|_| p.opts.numeric == 0) {
                Some(n) => {
                    let n = n.to_string();
                    out!(p, " {n}");
                }
                None => out!(p, " ip-proto-{nh}"),
            }
            out!(p, " {length}");
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::packet::{LinkType, RawPacket, Timestamp};
    use crate::print::{PrintOptions, Printer, TimestampStyle};

    fn line(data: &[u8]) -> String {
        line_v(data, 0, false)
    }

    fn line_v(data: &[u8], verbose: u8, verify_checksums: bool) -> String {
        let mut p = Printer::new(PrintOptions {
            numeric: 2,
            verbose,
            verify_checksums,
            ts_style: TimestampStyle::None,
            ..Default::default()
        });
        let pkt = RawPacket {
            ts: Timestamp::default(),
            wire_len: data.len() as u32,
            link: LinkType::IPV4,
            data,
            origin: Default::default(),
        };
        String::from_utf8_lossy(p.packet(&pkt, 1)).into_owned()
    }

    /// A SYN whose IP and TCP checksums are both zero (wrong): `-v` verifies
    /// them as tcpdump does, `-K` (verify_checksums false) prints neither.
    #[test]
    fn checksums_are_verified_unless_told_not_to() {
        let mut d = vec![
            0x45, 0, 0, 40, 0x12, 0x34, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
        ];
        d.extend([
            0x9c, 0x40, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff,
        ]);
        d.extend([0, 0, 0, 0]);
        // Expected lines: tcpdump 4.99.3 -t -nn -v (and -K) on these bytes.
        assert_eq!(
            line_v(&d, 1, true),
            "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto TCP (6), length 40, \
             bad cksum 0 (->149a)!)\n    10.0.0.1.40000 > 10.0.0.2.80: Flags [S], \
             cksum 0x0000 (incorrect -> 0xff4e), seq 1, win 65535, length 0\n"
        );
        let k = line_v(&d, 1, false);
        assert_eq!(
            k,
            "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [DF], proto TCP (6), length 40)\n    \
             10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1, win 65535, length 0\n"
        );
    }

    /// Options cut by the snapshot: ` [truncated-option]`, then the
    /// addresses and the marker, as `ip_print` does.
    #[test]
    fn truncated_options() {
        let d = vec![
            0x46, 0, 0, 48, 0, 1, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, 7, 4,
        ];
        let mut p = Printer::new(PrintOptions {
            numeric: 2,
            verbose: 1,
            ts_style: TimestampStyle::None,
            ..Default::default()
        });
        let pkt = RawPacket {
            ts: Timestamp::default(),
            wire_len: 48,
            link: LinkType::IPV4,
            data: &d,
            origin: Default::default(),
        };
        let l = String::from_utf8_lossy(p.packet(&pkt, 1)).into_owned();
        assert_eq!(
            l,
            "IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto UDP (17), length 48, \
             options (RR [truncated-option]))\n    10.0.0.1 > 10.0.0.2:  [|ip]\n"
        );
    }

    /// Fuzz finding (print_packet): total length 0 with a header longer than
    /// the wire length made `len -= hlen` underflow. tcpdump 4.99.3 (no
    /// GUESS_TSO) prints `bad-len 0`.
    #[test]
    fn zero_total_length_is_bad_len() {
        let hdr = |first: u8, len: usize| {
            let mut d = vec![first, 0, 0, 0, 0, 0, 0, 0, 64, 6];
            d.resize(len, 0);
            d
        };
        // hlen 52 > the 48 bytes on the wire
        assert_eq!(line(&hdr(0x4D, 48)), "IP bad-len 0\n");
        assert_eq!(line(&hdr(0x45, 40)), "IP bad-len 0\n");
    }
}
