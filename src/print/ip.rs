//! IPv4 (`print-ip.c`) and the protocol demultiplexer shared with IPv6
//! (`print-ip-demux.c`).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::ip::{IP_MF, IP_OFFMASK, Ipv4View};
use crate::decode::{Bytes, IpAddrs, Trunc};

/// `ip_print`: `data` runs to the current snapshot end, `length` is what the
/// link layer says is left on the wire.
pub(super) fn ip_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.protocol = "ip";
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
    if length < Ipv4View::MIN_LEN {
        out!(p, "truncated-ip {length}");
        return Ok(());
    }
    let hlen = ip.header_len();
    if hlen < Ipv4View::MIN_LEN {
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
        demux(p, data.from(hlen)?, len, addrs, off & IP_MF != 0, proto)
    } else {
        p.ip4(ip.src());
        p.s(" > ");
        p.ip4(ip.dst());
        p.s(":");
        match p.names.proto(proto).filter(|_| p.opts.numeric == 0) {
            Some(n) => {
                let n = n.to_string();
                out!(p, " {n}");
            }
            None => out!(p, " ip-proto-{proto}"),
        }
        Ok(())
    }
}

/// `ip_demux_print`.
pub(super) fn demux(
    p: &mut Printer,
    data: &[u8],
    length: usize,
    ip: IpAddrs<'_>,
    fragmented: bool,
    nh: u8,
) -> P {
    let v6 = matches!(ip, IpAddrs::V6 { .. });
    match nh {
        6 => super::tcp::tcp_print(p, data, length, ip, fragmented),
        17 => super::udp::udp_print(p, data, length, ip, fragmented),
        1 if !v6 => super::icmp::icmp_print(p, data, length, ip, fragmented),
        58 if v6 => super::icmp6::icmp6_print(p, data, length, ip, fragmented),
        1 | 2 if v6 => {
            out!(
                p,
                "[{} requires IPv4]",
                super::names::ipproto_name(nh).unwrap_or("unknown")
            );
            p.s(" (invalid)");
            Ok(())
        }
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
        77 => {
            out!(p, " nd {length}");
            Ok(())
        }
        59 => {
            p.s("no next header");
            Ok(())
        }
        _ => {
            match p.names.proto(nh).filter(|_| p.opts.numeric == 0) {
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
        let mut p = Printer::new(PrintOptions {
            numeric: 2,
            ts_style: TimestampStyle::None,
            ..Default::default()
        });
        let pkt = RawPacket {
            ts: Timestamp::default(),
            wire_len: data.len() as u32,
            link: LinkType::IPV4,
            data,
        };
        String::from_utf8_lossy(p.packet(&pkt, 1)).into_owned()
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
