//! UDP (`print-udp.c`): addresses and ports, then the application printer
//! for DNS (53), mDNS (5353), timed (525), TFTP (69), BOOTP (67/68), RIP
//! (520), AODV (654, `aodv.rs`), ISAKMP/IKE (500, `isakmp.rs`), NAT-T (4500: ESP in UDP,
//! `ipsec.rs`, or IKE behind the non-ESP marker), ISAKMP again on the
//! nonstandard 7500 and 8500, SNMP (161, 162), NTP (123), Kerberos (88,
//! 750), L2TP (1701), vat/vt (to 3456, `vat_print` here), Zephyr (2103,
//! 2104, `zephyr.rs`), RIPng (521), DHCPv6 (546, 547), AHCP (5359,
//! `ahcp.rs`), Babel (6696, 6697, `babel.rs`), HNCP (8231,
//! `hncp.rs`), wb (to 4567), Cisco Auto-RP (496, `pim.rs`), RADIUS
//! (1812, 1813, 1645, 1646, 1700, 3799), HSRP (to 1985), LWRES (921,
//! `lwres.rs`), LDP (646), OLSR (698,
//! `olsr.rs`), BCM-LI
//! (from 49152), BFD (to 3784, 4784, 6784, 3785), VQP (1589), sFlow (6343),
//! LWAPP (control to or from 12223, data 12222), SIP (5060), syslog (514),
//! OTV (8472), VXLAN (4789), Geneve (6081), LISP control (4342), VXLAN-GPE
//! (4790), MPLS in UDP (6635), KIP (LLAP with DDP on UDP 200, 768 and 16512
//! onwards, `atalk.rs`), PTP (319, 320) and SOME/IP (30490), in tcpdump's
//! `udp_print` order, else `UDP, length N`; before them, NFS calls to port
//! 2049 and replies from it (`nfs.rs`).
//! tcpdump's other application printers (AFS/Rx, ZEP, …) are not
//! reproduced yet, so a packet whose other port is theirs falls to the
//! later branches: see README.md, "Differences from tcpdump".
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::ip::Datagram;
use super::{P, Printer, bfd, isakmp, nfs, out};
use crate::decode::{Bytes, IpAddrs, ipsec, tunnel};

const TFTP_PORT: u16 = 69;
const NTP_PORT: u16 = 123;
const KERBEROS_PORT: u16 = 88;
const KERBEROS_SEC_PORT: u16 = 750;
const DHCP6_SERVER_PORT: u16 = 547;
const DHCP6_CLIENT_PORT: u16 = 546;
const SIP_PORT: u16 = 5060;
const SYSLOG_PORT: u16 = 514;
/// Cisco's OTV (draft-hasmit-otv-04).
const OTV_PORT: u16 = 8472;
const VXLAN_GPE_PORT: u16 = 4790;
/// MPLS in UDP (RFC 7510).
const MPLS_PORT: u16 = 6635;
/// LBL's vat audio (and vt video), to this port only.
const VAT_PORT: u16 = 3456;

/// `udpipaddr_print`; `ports` is `None` when they were not captured.
fn addrs(p: &mut Printer, ip: IpAddrs<'_>, ports: Option<(u16, u16)>) {
    let is_udp = match ip {
        IpAddrs::V4 { proto, .. } => proto == 17,
        IpAddrs::V6 { next, .. } => next == 17,
    };
    if is_udp {
        let src_dst = |p: &mut Printer, first: bool| match ip {
            IpAddrs::V4 { src, dst, .. } => p.ip4(if first { src } else { dst }),
            IpAddrs::V6 { src, dst, .. } => p.ip6(if first { src } else { dst }),
        };
        match ports {
            None => {
                src_dst(p, true);
                p.s(" > ");
                src_dst(p, false);
                p.s(": ");
            }
            Some((sport, dport)) => {
                src_dst(p, true);
                p.s(".");
                p.udp_port(sport);
                p.s(" > ");
                src_dst(p, false);
                p.s(".");
                p.udp_port(dport);
                p.s(": ");
            }
        }
    } else if let Some((sport, dport)) = ports {
        p.udp_port(sport);
        p.s(" > ");
        p.udp_port(dport);
        p.s(": ");
    }
}

/// `udp_print`.
pub(super) fn udp_print(p: &mut Printer, data: &[u8], mut length: usize, dgram: Datagram<'_>) -> P {
    let ip = dgram.addrs;
    p.cur.protocol = "udp";
    if !data.has(2, 2) {
        addrs(p, ip, None);
        return Err(p.soft_trunc());
    }
    let sport = data.be16(0)?;
    let dport = data.be16(2)?;
    if length < 8 {
        addrs(p, ip, Some((sport, dport)));
        out!(p, "truncated-udp {length}");
        return Ok(());
    }
    if !data.has(4, 2) {
        addrs(p, ip, Some((sport, dport)));
        return Err(p.soft_trunc());
    }
    let mut ulen = usize::from(data.be16(4)?);
    if ulen == 0 && length > 65535 {
        ulen = length;
    }
    if ulen < 8 {
        addrs(p, ip, Some((sport, dport)));
        out!(p, "truncated-udplength {ulen}");
        return Ok(());
    }
    ulen -= 8;
    length -= 8;
    if ulen < length {
        length = ulen;
    }
    if data.len() < 8 {
        addrs(p, ip, Some((sport, dport)));
        return Err(p.soft_trunc());
    }
    addrs(p, ip, Some((sport, dport)));
    // Sun RPC to or from NFS's port, before the checksum (`udp_print`).
    if !p.opts.quiet {
        let rp = data.from(8)?;
        if rp.has(4, 4) {
            let direction = rp.be32(4)?;
            if dport == nfs::NFS_PORT && direction == 0 {
                out!(p, "NFS request xid {} ", rp.be32(0)?);
                return nfs::request(p, rp, length as u32, ip);
            }
            if sport == nfs::NFS_PORT && direction == 1 {
                out!(p, "NFS reply xid {} ", rp.be32(0)?);
                return nfs::reply(p, rp, length as u32, ip);
            }
        }
    }
    if p.opts.verbose > 0 && p.opts.verify_checksums && !dgram.fragmented {
        checksum(p, data, length, ip)?;
    }
    if !p.opts.quiet {
        let port = |x: u16| sport == x || dport == x;
        let payload = data.from(8)?;
        if port(53) {
            return super::dns::domain_print(p, payload, length, false, false);
        } else if port(5353) {
            return super::dns::domain_print(p, payload, length, false, true);
        } else if port(525) {
            return super::timed::timed_print(p, payload);
        } else if port(TFTP_PORT) {
            return super::tftp::tftp_print(p, payload, length);
        } else if port(67) || port(68) {
            return super::bootp::bootp_print(p, payload, length);
        } else if port(super::rip::RIP_PORT) {
            return super::rip::rip_print(p, payload, length);
        } else if port(super::aodv::AODV_PORT) {
            let v6 = matches!(ip, IpAddrs::V6 { .. });
            return super::aodv::aodv_print(p, payload, length, v6);
        } else if port(isakmp::ISAKMP_PORT) {
            return isakmp::isakmp_print(p, payload, length as u32, ip);
        } else if port(ipsec::NAT_T_PORT) {
            return super::ipsec::rfc3948_print(p, payload, length, ip);
        } else if port(isakmp::ISAKMP_PORT_USER1) || port(isakmp::ISAKMP_PORT_USER2) {
            return isakmp::isakmp_print(p, payload, length as u32, ip);
        } else if port(super::snmp::SNMP_PORT) || port(super::snmp::SNMPTRAP_PORT) {
            return super::snmp::snmp_print(p, payload, length);
        } else if port(NTP_PORT) {
            return super::ntp::ntp_print(p, payload, length);
        } else if port(KERBEROS_PORT) || port(KERBEROS_SEC_PORT) {
            return super::krb::krb_print(p, payload);
        } else if port(super::l2tp::L2TP_PORT) {
            return super::l2tp::l2tp_print(p, payload, length);
        } else if dport == VAT_PORT {
            return vat_print(p, payload, length);
        } else if port(super::zephyr::ZEPHYR_SRV_PORT) || port(super::zephyr::ZEPHYR_CLT_PORT) {
            return super::zephyr::zephyr_print(p, payload, length);
        } else if port(super::rip::RIPNG_PORT) {
            return super::rip::ripng_print(p, payload, length);
        } else if port(DHCP6_SERVER_PORT) || port(DHCP6_CLIENT_PORT) {
            return super::dhcp6::dhcp6_print(p, payload, length);
        } else if port(super::ahcp::AHCP_PORT) {
            return super::ahcp::ahcp_print(p, payload, length);
        } else if port(super::babel::BABEL_PORT) || port(super::babel::BABEL_PORT_OLD) {
            return super::babel::babel_print(p, payload, length);
        } else if port(super::hncp::HNCP_PORT) {
            return super::hncp::hncp_print(p, payload, length);
        } else if dport == super::wb::WB_PORT {
            return super::wb::wb_print(p, payload, length);
        } else if port(super::pim::CISCO_AUTORP_PORT) {
            return super::pim::cisco_autorp_print(p, payload, length);
        } else if super::radius::RADIUS_PORTS.into_iter().any(port) {
            return super::radius::radius_print(p, payload, length);
        } else if dport == super::hsrp::HSRP_PORT {
            return super::hsrp::hsrp_print(p, payload, length);
        } else if port(super::lwres::LWRES_PORT) {
            return super::lwres::lwres_print(p, payload, length);
        } else if port(super::ldp::LDP_PORT) {
            return super::ldp::ldp_print(p, payload, length);
        } else if port(super::olsr::OLSR_PORT) {
            let v6 = matches!(ip, IpAddrs::V6 { .. });
            return super::olsr::olsr_print(p, payload, length, v6);
        } else if sport == super::bcm_li::BCM_LI_PORT {
            return super::bcm_li::bcm_li_print(p, payload, length);
        } else if matches!(
            dport,
            bfd::BFD_CONTROL_PORT | bfd::BFD_MULTIHOP_PORT | bfd::BFD_LAG_PORT | bfd::BFD_ECHO_PORT
        ) {
            return bfd::bfd_print(p, payload, length, dport);
        } else if port(super::vqp::VQP_PORT) {
            return super::vqp::vqp_print(p, payload, length);
        } else if port(super::sflow::SFLOW_PORT) {
            return super::sflow::sflow_print(p, payload, length);
        } else if dport == super::lwapp::LWAPP_CONTROL_PORT {
            return super::lwapp::lwapp_control_print(p, payload, length, true);
        } else if sport == super::lwapp::LWAPP_CONTROL_PORT {
            return super::lwapp::lwapp_control_print(p, payload, length, false);
        } else if port(super::lwapp::LWAPP_DATA_PORT) {
            return super::lwapp::lwapp_data_print(p, payload, length);
        } else if port(SIP_PORT) {
            return super::text::txtproto_print(p, payload, length, &super::text::SIP);
        } else if port(SYSLOG_PORT) {
            return super::syslog::syslog_print(p, payload, length);
        } else if port(OTV_PORT) {
            return super::vxlan::otv_print(p, payload, length);
        } else if port(tunnel::VXLAN_PORT) {
            return super::vxlan::vxlan_print(p, payload, length);
        } else if port(tunnel::GENEVE_PORT) {
            return super::geneve::geneve_print(p, payload, length);
        } else if port(super::lisp::LISP_CONTROL_PORT) {
            return super::lisp::lisp_print(p, payload, length);
        } else if port(VXLAN_GPE_PORT) {
            return super::vxlan::vxlan_gpe_print(p, payload, length);
        } else if port(MPLS_PORT) {
            return super::mpls::mpls_print(p, payload, length);
        } else if payload.u8_at(2).is_ok_and(|t| t == 2)
            && (super::atalk::atalk_port(sport) || super::atalk::atalk_port(dport))
        {
            // Kinetics' KIP: LLAP in UDP.
            if p.opts.verbose > 0 {
                p.s("kip ");
            }
            return super::atalk::llap_print(p, payload, length).map(|_| ());
        } else if port(super::ptp::PTP_EVENT_PORT) || port(super::ptp::PTP_GENERAL_PORT) {
            return super::ptp::ptp_print(p, payload, length);
        } else if port(super::someip::SOMEIP_PORT) {
            return super::someip::someip_print(p, payload, length);
        }
    }
    if ulen > length && !dgram.fragmented {
        out!(p, "UDP, bad length {ulen} > {length}");
    } else {
        out!(p, "UDP, length {ulen}");
    }
    Ok(())
}

/// `udp_print`'s checksum check: IPv4 only from `-vv` on (an all-zero field
/// means none was sent), IPv6 from `-v`; only over a fully captured datagram.
fn checksum(p: &mut Printer, data: &[u8], length: usize, ip: IpAddrs<'_>) -> P {
    let v4 = matches!(ip, IpAddrs::V4 { .. });
    if v4 && p.opts.verbose < 2 {
        return Ok(());
    }
    // The header is captured (`udp_print` checked it).
    let udp_sum = data.be16(6)?;
    if v4 && udp_sum == 0 {
        p.s("[no cksum] ");
    } else if let Ok(d) = data.range(0, length + 8) {
        let sum = super::ip::nextproto_cksum(p, ip, 17, d);
        super::ip::cksum_verdict(p, "udp", udp_sum, sum);
    }
    Ok(())
}

/// `vat_print` (`print-udp.c`): LBL's vat audio, or vt video when the first
/// 16-bit word has any of the bits 0xf060.
fn vat_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "vat";
    if length < 2 {
        out!(p, "udp/va/vat, length {length} < 2");
        return Ok(());
    }
    let ts = d.be16(0)?;
    if ts & 0xf060 != 0 {
        out!(p, "udp/vt {length} {} / {}", ts & 0x3ff, ts >> 10);
        return Ok(());
    }
    if length < 8 {
        out!(p, "udp/vat, length {length} < 8");
        return Ok(());
    }
    let i0 = d.be32(0)?;
    let i1 = d.be32(4)?;
    let star = if i0 & 0x80_0000 != 0 { "*" } else { "" };
    out!(p, "udp/vat {} c{} {i1}{star}", length - 8, i0 & 0xffff);
    if i0 & 0x1f_0000 != 0 {
        out!(p, " f{}", (i0 >> 16) & 0x1f);
    }
    if i0 & 0x3f00_0000 != 0 {
        out!(p, " s{}", (i0 >> 24) & 0x3f);
    }
    Ok(())
}
