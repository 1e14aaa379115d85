//! Link-layer printers (`print-ether.c`, `print-sll.c`, `print-null.c`,
//! `print-raw.c`, `print-ipnet.c`): without `-e` they print nothing of their
//! own for IP and ARP, and hand the payload to the network-layer printer with
//! the wire length minus their header, as tcpdump does.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::ether::{self, EtherView};
use crate::decode::{Bytes, Trunc};
use crate::packet::{LinkType, RawPacket};

pub(super) fn print(p: &mut Printer, pkt: &RawPacket<'_>) -> P {
    let data = pkt.data;
    let length = pkt.wire_len as usize;
    match pkt.link {
        LinkType::EN10MB => ether_print(p, data, length),
        LinkType::LINUX_SLL => sll_print(p, data, length),
        LinkType::LINUX_SLL2 => sll2_print(p, data, length),
        LinkType::NULL => null_print(p, data, length, false),
        LinkType::LOOP => null_print(p, data, length, true),
        LinkType::RAW | LinkType::RAW_OPENBSD => {
            p.protocol = "raw";
            ip_n(p, data, length)
        }
        LinkType::IPV4 => {
            p.protocol = "ipv4";
            super::ip::ip_print(p, data, length)
        }
        LinkType::IPV6 => {
            p.protocol = "ipv6";
            super::ip6::ip6_print(p, data, length)
        }
        LinkType::IPNET => ipnet_print(p, data, length),
        LinkType::NFLOG => super::nflog::nflog_if_print(p, data, length),
        // tcpdump's `unsupported_if_print`, also used for the link types
        // tcpdump decodes but tcpscope does not yet.
        _ => {
            p.protocol = "unsupported";
            p.s("UNSUPPORTED");
            super::hex::default_print(p, data)
        }
    }
}

/// `ipN_print`: dispatch on the IP version nibble.
fn ip_n(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.protocol = "ipn";
    if length < 1 {
        out!(p, "truncated-ip {length}");
        return Ok(());
    }
    match data.u8_at(0)? & 0xF0 {
        0x40 => super::ip::ip_print(p, data, length),
        0x60 => super::ip6::ip6_print(p, data, length),
        v => {
            out!(p, "unknown ip {}", v >> 4);
            Ok(())
        }
    }
}

/// `ether_print` without `-e`; also the inner frame of VXLAN, Geneve and
/// IPv6 `IPPROTO_ETHERNET`.
pub(super) fn ether_print(p: &mut Printer, data: &[u8], mut length: usize) -> P {
    p.protocol = "ether";
    let mut caplen = data.len();
    let orig_length = length;
    if length < caplen {
        out!(p, "[length {length} < caplen {caplen}]");
        p.s(" (invalid)");
        return Ok(());
    }
    let Ok(eth) = EtherView::new_checked(data) else {
        return Err(Trunc);
    };
    let mut at = 12;
    length -= 12;
    caplen -= 12;
    let mut ty = data.be16(at)?;
    at += 2;
    length -= 2;
    caplen -= 2;
    while matches!(ty, 0x8100 | 0x9100 | 0x9200 | 0x88A8) {
        if caplen < 4 || length < 4 {
            p.protocol = "vlan";
            return Err(Trunc);
        }
        ty = data.be16(at + 2)?;
        at += 4;
        length -= 4;
        caplen -= 4;
    }
    let payload = data.from(at)?;
    if ty <= ether::MAX_ETHERNET_LENGTH_VAL {
        // 802.3: the length field bounds the payload.
        if usize::from(ty) < length {
            length = usize::from(ty);
        }
        let payload = payload.cap(length);
        return llc_print(p, payload, length);
    }
    if !ethertype_print(p, ty, payload, length)? {
        out!(
            p,
            "{} > {}, ",
            super::addr::Mac(eth.src()),
            super::addr::Mac(eth.dst())
        );
        ether_type_print(p, ty);
        out!(p, ", length {orig_length}: ");
        super::hex::default_print(p, payload)?;
    }
    Ok(())
}

/// `ether_type_print`.
fn ether_type_print(p: &mut Printer, ty: u16) {
    let name = super::names::ethertype_name(ty);
    if !p.opts.quiet {
        out!(p, "ethertype {} (0x{ty:04x})", name.unwrap_or("Unknown"));
    } else if let Some(n) = name {
        p.s(n);
    } else {
        out!(p, "Unknown Ethertype (0x{ty:04x})");
    }
}

/// `ethertype_print`: false when tcpdump has no printer for the type here.
pub(super) fn ethertype_print(
    p: &mut Printer,
    ty: u16,
    payload: &[u8],
    length: usize,
) -> Result<bool, Trunc> {
    match ty {
        ether::ETHERTYPE_IP => super::ip::ip_print(p, payload, length)?,
        ether::ETHERTYPE_IPV6 => super::ip6::ip6_print(p, payload, length)?,
        ether::ETHERTYPE_ARP | ether::ETHERTYPE_REVARP => {
            super::arp::arp_print(p, payload, length)?
        }
        ether::ETHERTYPE_LOOPBACK => loopback_print(p, payload, length)?,
        _ => return Ok(false),
    }
    Ok(true)
}

/// `llc_print` for 802.3 frames: tcpscope decodes no LLC protocol yet, so it
/// prints the header tcpdump prints for an unknown SAP, then the bytes.
fn llc_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.protocol = "llc";
    if length < 3 || data.len() < 3 {
        return Err(Trunc);
    }
    let dsap = data.u8_at(0)?;
    let ssap = data.u8_at(1)?;
    let control = data.u8_at(2)?;
    let (hdr, ctl) = if control & 0x03 == 0x03 {
        (3, u16::from(control))
    } else {
        if length < 4 || data.len() < 4 {
            return Err(Trunc);
        }
        (4, data.be16(2)?.swap_bytes())
    };
    if dsap == 0xAA && ssap == 0xAA && control == 0x03 {
        // SNAP: tcpdump prints the OUI and protocol id.
        let oui = data.range(3, 3)?;
        let pid = data.be16(6)?;
        let oui_v = u32::from(oui.u8_at(0)?) << 16
            | u32::from(oui.u8_at(1)?) << 8
            | u32::from(oui.u8_at(2)?);
        if oui_v == 0 {
            let payload = data.from(8)?;
            if ethertype_print(p, pid, payload, length.saturating_sub(8))? {
                return Ok(());
            }
        }
    }
    out!(
        p,
        "LLC, dsap {} (0x{dsap:02x}) {}, ssap {} (0x{:02x}) {}, ctrl 0x{:0w$x}: ",
        "Unknown",
        if dsap & 1 == 0 { "Individual" } else { "Group" },
        "Unknown",
        ssap & 0xFE,
        if ssap & 1 == 0 { "Command" } else { "Response" },
        ctl,
        w = if hdr == 3 { 2 } else { 4 }
    );
    super::hex::default_print(p, data.from(hdr)?)
}

/// `loopback_print` (Ethernet configuration testing protocol, type 0x9000).
fn loopback_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.protocol = "loopback";
    p.s("Loopback");
    if length < 2 {
        p.s(" (invalid)");
        return Ok(());
    }
    let skip = usize::from(data[..].be16(0).map(u16::swap_bytes)?);
    out!(p, ", skipCount {skip}");
    if skip % 8 != 0 {
        p.s(" (bogus)");
    }
    if skip > length.saturating_sub(2) {
        return Ok(());
    }
    let mut at = 2 + skip;
    let mut len = length - 2 - skip;
    if len < 2 {
        p.s(" (invalid)");
        return Ok(());
    }
    let function = data.be16(at)?.swap_bytes();
    at += 2;
    len -= 2;
    match function {
        1 => {
            p.s(", Reply");
            if len < 2 {
                p.s(" (invalid)");
                return Ok(());
            }
            let rn = data.be16(at)?.swap_bytes();
            out!(p, ", receipt number {rn}");
            len -= 2;
            out!(p, ", data ({len} octets)");
        }
        2 => {
            p.s(", Forward Data");
            if len < 6 {
                p.s(" (invalid)");
                return Ok(());
            }
            out!(
                p,
                ", forwarding address {}",
                super::addr::Mac(data.range(at, 6)?)
            );
            len -= 6;
            out!(p, ", data ({len} octets)");
        }
        f => {
            out!(p, ", Function {f}");
        }
    }
    Ok(())
}

/// Packet types of the Linux cooked headers.
fn sll_pkttype(t: u16) -> &'static str {
    match t {
        0 => "In",
        1 => "B",
        2 => "M",
        3 => "P",
        4 => "Out",
        _ => "?",
    }
}

/// The part shared by SLL and SLL2 after their header: ethertype dispatch.
fn sll_payload(p: &mut Printer, mut ty: u16, data: &[u8], mut length: usize) -> P {
    let mut at = 0;
    loop {
        let payload = data.from(at)?;
        if ty <= ether::MAX_ETHERNET_LENGTH_VAL {
            return match ty {
                4 => llc_print(p, payload, length),
                _ => super::hex::default_print(p, payload),
            };
        }
        if ty == ether::ETHERTYPE_8021Q {
            if payload.len() < 4 {
                p.protocol = "vlan";
                return Err(Trunc);
            }
            ty = payload.be16(2)?;
            if ty <= ether::MAX_ETHERNET_LENGTH_VAL {
                ty = 4;
            }
            if !p.opts.quiet {
                out!(
                    p,
                    "ethertype {}, ",
                    super::names::ethertype_name(ty).unwrap_or("Unknown")
                );
            }
            at += 4;
            length = length.saturating_sub(4);
            continue;
        }
        if !ethertype_print(p, ty, payload, length)? {
            super::hex::default_print(p, payload)?;
        }
        return Ok(());
    }
}

fn sll_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.protocol = "sll";
    data.range(0, 16)?;
    let hatype = data.be16(2)?;
    if hatype == 803 {
        return Ok(());
    }
    let ty = data.be16(14)?;
    sll_payload(p, ty, data.from(16)?, length.saturating_sub(16))
}

fn sll2_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.protocol = "sll2";
    data.range(0, 20)?;
    let ifindex = data.be32(4)?;
    let name = p.names.ifname(ifindex);
    out!(p, "{name:<5} ");
    let pkttype = data.u8_at(10)?;
    out!(p, "{:<3} ", sll_pkttype(u16::from(pkttype)));
    let hatype = data.be16(8)?;
    if hatype == 803 {
        return Ok(());
    }
    let ty = data.be16(0)?;
    sll_payload(p, ty, data.from(20)?, length.saturating_sub(20))
}

fn null_print(p: &mut Printer, data: &[u8], length: usize, network_order: bool) -> P {
    p.protocol = if network_order { "loop" } else { "null" };
    let b = data.range(0, 4)?;
    let mut family = if network_order {
        b.be32(0)?
    } else {
        u32::from_le_bytes([b.u8_at(0)?, b.u8_at(1)?, b.u8_at(2)?, b.u8_at(3)?])
    };
    if !network_order && family & 0xFFFF_0000 != 0 {
        family = family.swap_bytes();
    }
    let payload = data.from(4)?;
    let length = length.saturating_sub(4);
    match family {
        2 => super::ip::ip_print(p, payload, length),
        24 | 28 | 30 => super::ip6::ip6_print(p, payload, length),
        _ => {
            let name = match family {
                7 => Some("OSI"),
                16 => Some("Appletalk"),
                23 => Some("IPX"),
                _ => None,
            };
            if p.opts.quiet {
                match name {
                    Some(n) => p.s(n),
                    None => out!(p, "Unknown AF {family}"),
                }
            } else {
                out!(p, "AF {} ({family})", name.unwrap_or("Unknown"));
            }
            out!(p, ", length {}: ", length + 4);
            super::hex::default_print(p, payload)
        }
    }
}

fn ipnet_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.protocol = "ipnet";
    data.range(0, 24)?;
    let payload = data.from(24)?;
    let length = length.saturating_sub(24);
    match data.u8_at(1)? {
        2 => super::ip::ip_print(p, payload, length),
        26 => super::ip6::ip6_print(p, payload, length),
        f => {
            out!(p, "family {} ({f}), length {}: ", "Unknown", length + 24);
            super::hex::default_print(p, payload)
        }
    }
}
