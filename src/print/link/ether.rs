//! Ethernet (`print-ether.c`): `ether_common_print` with its 802.1Q/QinQ
//! tags, `-e` header (`src > dst, ethertype IPv4 (0x0800), length 74: `),
//! the 802.3 length case and its LLC header (`print-llc.c`, the parts
//! tcpscope decodes), and the Ethernet loopback protocol.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::super::{P, Printer, out};
use crate::decode::ether::{EtherView, Llc, Snap, VlanTag};
use crate::decode::{Bytes, Trunc, ethertype};

/// `ether_print`: the inner frame of VXLAN, Geneve and IPv6
/// `IPPROTO_ETHERNET` (whose callers ignore the header length).
pub(in crate::print) fn ether_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "ether";
    ether_hdr_print(p, data, length, false)
}

/// `ether_common_print`. For the packet's own frame (`top`) it sets
/// `Printer::ll_hdr_len` to the link-layer header length (tags and LLC/SNAP
/// included) before the payload printer runs, so that a soft truncation
/// there keeps it. A frame too short for its header prints ` [|ether]` (or
/// ` [|vlan]`) without unwinding and counts the bytes seen, as tcpdump's
/// `nd_print_trunc` there.
pub(super) fn ether_hdr_print(p: &mut Printer, data: &[u8], mut length: usize, top: bool) -> P {
    let account = |p: &mut Printer, n: usize| {
        if top {
            p.cur.ll_hdr_len = n;
        }
    };
    let e = p.opts.link_header;
    let mut caplen = data.len();
    if length < caplen {
        out!(p, "[length {length} < caplen {caplen}]");
        p.s(" (invalid)");
        account(p, length);
        return Ok(());
    }
    if caplen < 14 {
        p.trunc();
        account(p, caplen);
        return Ok(());
    }
    let orig_length = length;
    let eth = EtherView::new_checked(data)?;
    let (src, dst) = (eth.src_bytes(), eth.dst_bytes());
    if e {
        addresses(p, src, dst);
    }
    let mut ty = eth.ethertype();
    let mut at = EtherView::HEADER_LEN;
    length -= EtherView::HEADER_LEN;
    caplen -= EtherView::HEADER_LEN;
    let mut printed_length = false;
    // MACsec (0x88e5) is not decoded: it goes on as an unknown type.
    while ethertype::is_vlan(ty) {
        if caplen < VlanTag::LEN || length < VlanTag::LEN {
            p.cur.protocol = "vlan";
            p.trunc();
            account(p, at + caplen.min(length));
            return Ok(());
        }
        let tag = VlanTag::parse(ty, data.from(at)?)?;
        if e {
            ether_type_print(p, ty);
            if !printed_length {
                out!(p, ", length {orig_length}: ");
                printed_length = true;
            } else {
                p.s(", ");
            }
            super::tci(p, tag);
            p.s(", ");
        }
        ty = tag.ethertype;
        at += VlanTag::LEN;
        length -= VlanTag::LEN;
        caplen -= VlanTag::LEN;
    }
    let payload = data.from(at)?;
    if ty <= ethertype::MAX_LENGTH {
        // 802.3: the length field bounds the payload (`nd_push_snaplen`).
        if usize::from(ty) < length {
            length = usize::from(ty);
        }
        let payload = payload.cap(length);
        if e {
            p.s("802.3");
            if !printed_length {
                out!(p, ", length {length}: ");
            }
        }
        let base = top.then_some(at);
        if !llc_print(p, payload, length, Some((src, dst)), base)? {
            super::super::hex::default_print_unless_suppressed(p, payload)?;
        }
        return Ok(());
    }
    if ty == ethertype::JUMBO {
        let base = top.then_some(at);
        if !llc_print(p, payload, length, Some((src, dst)), base)? {
            super::super::hex::default_print_unless_suppressed(p, payload)?;
        }
        return Ok(());
    }
    account(p, at);
    if e {
        ether_type_print(p, ty);
        if !printed_length {
            out!(p, ", length {orig_length}: ");
        } else {
            p.s(", ");
        }
    }
    if !ethertype_print(p, ty, payload, length, Some((src, dst)))? {
        if !e {
            addresses(p, src, dst);
            ether_type_print(p, ty);
            out!(p, ", length {orig_length}: ");
        }
        super::super::hex::default_print_unless_suppressed(p, payload)?;
    }
    Ok(())
}

/// `ether_addresses_print`.
fn addresses(p: &mut Printer, src: &[u8], dst: &[u8]) {
    p.etheraddr(src);
    p.s(" > ");
    p.etheraddr(dst);
    p.s(", ");
}

/// `ether_type_print`.
fn ether_type_print(p: &mut Printer, ty: u16) {
    let name = super::super::names::ethertype_name(ty);
    if !p.opts.quiet {
        out!(p, "ethertype {} (0x{ty:04x})", name.unwrap_or("Unknown"));
    } else if let Some(n) = name {
        p.s(n);
    } else {
        out!(p, "Unknown Ethertype (0x{ty:04x})");
    }
}

/// `ethertype_print`: false when tcpdump has no printer for the type here.
pub(in crate::print) fn ethertype_print(
    p: &mut Printer,
    ty: u16,
    payload: &[u8],
    length: usize,
    addrs: Option<(&[u8], &[u8])>,
) -> Result<bool, Trunc> {
    match ty {
        ethertype::IPV4 => super::super::ip::ip_print(p, payload, length)?,
        ethertype::IPV6 => super::super::ip6::ip6_print(p, payload, length)?,
        ethertype::ARP | ethertype::REVARP => super::super::arp::arp_print(p, payload, length)?,
        ethertype::LOOPBACK => loopback_print(p, payload, length)?,
        ethertype::PPPOE_DISCOVERY
        | ethertype::PPPOE_SESSION
        | ethertype::PPPOE_DISCOVERY_3COM
        | ethertype::PPPOE_SESSION_3COM => {
            super::super::pppoe::pppoe_print(p, payload, length)?;
        }
        ethertype::PPP => {
            if length > 0 {
                p.s(": ");
                super::super::ppp::ppp_print(p, payload, length)?;
            }
        }
        ethertype::MPLS | ethertype::MPLS_MULTICAST => {
            super::super::mpls::mpls_print(p, payload, length)?;
        }
        // `ETHERTYPE_ISO`: one byte (of no known meaning) before the NLPID.
        // CLNP and ES-IS, which tcpscope does not decode, stay unknown.
        ethertype::ISO => {
            if length == 0 || payload.is_empty() {
                p.cur.protocol = "isoclns";
                p.trunc();
                return Ok(true);
            }
            return super::super::isoclns::isoclns_print(p, payload.from(1)?, length - 1);
        }
        ethertype::LLDP => super::super::lldp::lldp_print(p, payload, length)?,
        ethertype::NSH => super::super::nsh::nsh_print(p, payload, length)?,
        ethertype::PTP => super::super::ptp::ptp_print(p, payload, length)?,
        ethertype::EAPOL => super::super::eap::eapol_print(p, payload)?,
        ethertype::REALTEK => rtl_print(p, payload, addrs)?,
        ethertype::ATALK => {
            if p.opts.verbose > 0 {
                p.s("et1 ");
            }
            super::super::atalk::atalk_print(p, payload, length)?;
        }
        ethertype::AARP => super::super::atalk::aarp_print(p, payload, length)?,
        ethertype::IPX => {
            p.s("(NOV-ETHII) ");
            super::super::ipx::ipx_print(p, payload)?;
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// `rtl_print`: Realtek's protocols on Ethernet type 0x8899 (the switch
/// management protocol RRCP, loop detection, DSA tags), after the frame's
/// addresses when it has them (even with `-e`, as tcpdump).
fn rtl_print(p: &mut Printer, data: &[u8], addrs: Option<(&[u8], &[u8])>) -> P {
    p.cur.protocol = "rtl";
    if let Some((src, dst)) = addrs {
        p.etheraddr(src);
        p.s(" > ");
        p.etheraddr(dst);
        p.s(", ");
    }
    let proto = data.u8_at(0)?;
    match proto {
        0x01 => rrcp_print(p, data)?,
        0x02 => p.s("REP"),
        0x03 | 0x23 => p.s("RLDP"),
        0x04 => p.s("Realtek 8-byte DSA tag"),
        _ if proto & 0xf0 == 0x90 => p.s("Realtek RTL8306 4-byte DSA tag"),
        _ if proto & 0xf0 == 0xa0 => p.s("Realtek RTL8366RB 4-byte DSA tag"),
        _ => out!(p, "Realtek unknown type 0x{proto:02x}"),
    }
    Ok(())
}

/// `rrcp_print`: Realtek Remote Control Protocol.
fn rrcp_print(p: &mut Printer, d: &[u8]) -> P {
    p.cur.protocol = "rrcp";
    let b = d.u8_at(1)?;
    let op = b & 0x7f;
    let reply = b & 0x80 != 0;
    out!(p, "RRCP {}: ", if reply { "reply" } else { "query" });
    match op {
        0 => p.s("hello"),
        1 => p.s("get"),
        2 => p.s("set"),
        _ => out!(p, "unknown opcode (0x{op:02x})"),
    }
    if op == 1 || op == 2 {
        let (addr, data) = (d.le16(4)?, d.le32(6)?);
        out!(p, " addr=0x{addr:04x}, data=0x{data:08x}");
    }
    out!(p, ", auth=0x{:04x}", d.be16(2)?);
    if op == 0 && reply {
        let (down, up) = (d.u8_at(4)?, d.u8_at(5)?);
        let mac = d.range(6, 6)?;
        let (vendor, chip) = (d.be32(14)?, d.be16(12)?);
        out!(p, " downlink_port={down}, uplink_port={up}, uplink_mac=");
        p.etheraddr(mac);
        out!(p, ", vendor_id={vendor:08x} ,chip_id={chip:04x} ");
    } else if op == 1 || op == 2 {
        let (c2, c1) = (d.be32(14)?, d.be32(10)?);
        out!(p, ", cookie=0x{c2:08x}{c1:08x} ");
    }
    Ok(())
}

/// tcpdump's `llc_values` (SAP names).
fn sap_name(sap: u8) -> Option<&'static str> {
    Some(match sap {
        0x00 => "Null",
        0xff => "Global",
        0x02 => "802.1B I",
        0x03 => "802.1B G",
        0x06 => "IP",
        0x04 => "SNA",
        0x0e => "ProWay NM",
        0x42 => "STP",
        0x4e => "RS511",
        0x7e => "ISO8208",
        0x8e => "ProWay",
        0xaa => "SNAP",
        0xe0 => "IPX",
        0xf0 => "NetBeui",
        0xfe => "OSI",
        _ => return None,
    })
}

/// tcpdump's `llc_cmd_values` (unnumbered-frame commands).
fn llc_cmd_name(cmd: u16) -> Option<&'static str> {
    Some(match cmd {
        0x03 => "ui",
        0xe3 => "test",
        0xaf => "xid",
        0x63 => "ua",
        0x43 => "disc",
        0x0f => "dm",
        0x6f => "sabme",
        0x87 => "frmr",
        _ => return None,
    })
}

/// `llc_print`: the LLC header, then what follows it for the SAPs tcpscope
/// decodes (SNAP with an Ethernet type, IP); otherwise tcpdump's summary of
/// the frame. Returns false when the payload is unknown and the caller
/// should dump it. `addrs` are the MAC source and destination when the
/// frame has them. With `base` (the bytes before the LLC header, for the
/// packet's own link layer) it sets `Printer::ll_hdr_len` to include the
/// LLC (+SNAP) header, before any payload printer runs.
pub(super) fn llc_print(
    p: &mut Printer,
    data: &[u8],
    mut length: usize,
    addrs: Option<(&[u8], &[u8])>,
    base: Option<usize>,
) -> Result<bool, Trunc> {
    p.cur.protocol = "llc";
    let account = |p: &mut Printer, n: usize| {
        if let Some(b) = base {
            p.cur.ll_hdr_len = b + n;
        }
    };
    let caplen = data.len();
    if caplen < 3 || length < 3 {
        p.trunc();
        account(p, caplen.min(length));
        super::super::hex::default_print(p, data)?;
        return Ok(true);
    }
    // Three bytes are there; I and S frames have a 16-bit control field.
    if data.u8_at(2)? & 3 != 3 && (caplen < 4 || length < 4) {
        p.trunc();
        account(p, caplen.min(length));
        super::super::hex::default_print(p, data)?;
        return Ok(true);
    }
    let llc = Llc::parse(data)?;
    let (dsap_field, ssap_field, control) = (llc.dsap, llc.ssap, llc.control);
    let (is_u, hdrlen) = (llc.is_unnumbered(), llc.header_len);
    if dsap_field == 0xff && ssap_field == 0xff {
        // Ethernet_802.3 IPX: no 802.2 header, the IPX packet (whose
        // checksum field is always 0xffff) starts right away.
        if p.opts.link_header {
            p.s("IPX 802.3: ");
        }
        account(p, 0);
        super::super::ipx::ipx_print(p, data)?;
        return Ok(true);
    }
    let dsap = dsap_field & !1;
    let ssap = ssap_field & !1;
    if p.opts.link_header {
        out!(
            p,
            "LLC, dsap {} (0x{dsap:02x}) {}, ssap {} (0x{ssap:02x}) {}",
            sap_name(dsap).unwrap_or("Unknown"),
            if dsap_field & 1 == 0 {
                "Individual"
            } else {
                "Group"
            },
            sap_name(ssap).unwrap_or("Unknown"),
            if ssap_field & 1 == 0 {
                "Command"
            } else {
                "Response"
            },
        );
        if is_u {
            out!(p, ", ctrl 0x{control:02x}: ");
        } else {
            out!(p, ", ctrl 0x{control:04x}: ");
        }
    }
    let rest = data.from(hdrlen)?;
    length -= hdrlen;
    if llc.is_snap() {
        account(p, hdrlen + Snap::LEN);
        return snap_print(p, rest, length, addrs);
    }
    account(p, hdrlen);
    if ssap == 0x42 && dsap == 0x42 && control == 3 {
        super::super::stp::stp_print(p, rest, length)?;
        return Ok(true);
    }
    if llc.is_ip() {
        super::super::ip::ip_print(p, rest, length)?;
        return Ok(true);
    }
    // Ethernet_802.2 IPX: both SAPs IPX's.
    if ssap == 0xe0 && dsap == 0xe0 && control == 3 {
        if p.opts.link_header {
            p.s("IPX 802.2: ");
        }
        super::super::ipx::ipx_print(p, rest)?;
        return Ok(true);
    }
    // `llc_print`: OSI network layer (NLPID first) in UI frames.
    if ssap == 0xfe
        && dsap == 0xfe
        && control == 3
        && super::super::isoclns::isoclns_print(p, rest, length)?
    {
        return Ok(true);
    }
    if !p.opts.link_header {
        let d = |s: u8| sap_name(s).map(str::to_string);
        let dn = d(dsap).unwrap_or_else(|| format!("Unknown DSAP 0x{dsap:02x}"));
        if ssap == dsap {
            if let Some((src, dst)) = addrs {
                p.etheraddr(src);
                p.s(" > ");
                p.etheraddr(dst);
                p.s(" ");
            }
            out!(p, "{dn} ");
        } else {
            let sn = d(ssap).unwrap_or_else(|| format!("Unknown SSAP 0x{ssap:02x}"));
            match addrs {
                Some((src, dst)) => {
                    p.etheraddr(src);
                    out!(p, " {sn} > ");
                    p.etheraddr(dst);
                    out!(p, " {dn} ");
                }
                None => out!(p, "{sn} > {dn} "),
            }
        }
    }
    let total = length + hdrlen;
    let flags = |x: u16| match x {
        0 => "Command",
        1 => "Response",
        0x10 | 0x100 => "Poll",
        0x11 | 0x101 => "Final",
        _ => "?",
    };
    let gsap = u16::from(ssap_field & 1);
    if is_u {
        let cmd = control & 0xef;
        match llc_cmd_name(cmd) {
            Some(name) => out!(p, "Unnumbered, {name}"),
            None => out!(p, "Unnumbered, {cmd:02x}"),
        }
        out!(
            p,
            ", Flags [{}], length {total}",
            flags(gsap | (control & 0x10))
        );
        if cmd == 0xaf {
            if length == 0 {
                return Ok(true);
            }
            if rest.is_empty() {
                p.trunc();
                return Ok(true);
            }
            if rest.u8_at(0)? == 0x81 {
                if rest.len() < 3 || length < 3 {
                    p.trunc();
                    super::super::hex::default_print(p, rest)?;
                } else {
                    out!(p, ": {:02x} {:02x}", rest.u8_at(1)?, rest.u8_at(2)?);
                }
                return Ok(true);
            }
        }
    } else if control & 0x01 == 0x01 {
        let s = match (control >> 2) & 3 {
            0 => "Receiver Ready",
            1 => "Receiver not Ready",
            2 => "Reject",
            _ => "?",
        };
        out!(
            p,
            "Supervisory, {s}, rcv seq {}, Flags [{}], length {total}",
            (control >> 9) & 0x7f,
            flags(gsap | (control & 0x100))
        );
        return Ok(true);
    } else {
        out!(
            p,
            "Information, send seq {}, rcv seq {}, Flags [{}], length {total}",
            (control >> 1) & 0x7f,
            (control >> 9) & 0x7f,
            flags(gsap | (control & 0x100))
        );
    }
    Ok(false)
}

/// `snap_print` for the OUIs whose protocol id is an Ethernet type
/// (encapsulated Ethernet, Cisco bridged); others are left unknown.
const OUI_CISCO: u32 = 0x00000c;

/// `cisco_values` (`oui_to_struct_tok` for Cisco's OUI).
fn cisco_pid_name(pid: u16) -> Option<&'static str> {
    Some(match pid {
        0x2000 => "CDP",
        0x2004 => "DTP",
        0x0111 => "UDLD",
        0x2003 => "VTP",
        0x010b => "PVST",
        0x010c => "VLANBRIDGE",
        _ => return None,
    })
}

/// A printer of a SNAP payload: the payload and its length.
type SnapPayloadPrinter = fn(&mut Printer, &[u8], usize) -> P;

/// `snap_print`'s other Cisco PIDs: CDP, DTP, UDLD and VTP.
fn cisco_printer(pid: u16) -> Option<SnapPayloadPrinter> {
    use super::super::{cdp, dtp, udld, vtp};
    Some(match pid {
        0x2000 => cdp::cdp_print,
        0x2004 => dtp::dtp_print,
        0x0111 => udld::udld_print,
        0x2003 => vtp::vtp_print,
        _ => return None,
    })
}

fn snap_print(
    p: &mut Printer,
    data: &[u8],
    length: usize,
    addrs: Option<(&[u8], &[u8])>,
) -> Result<bool, Trunc> {
    p.cur.protocol = "snap";
    // ND_TCHECK_5 into `snap_print`'s trunc: label (print-llc.c has no
    // longjmp for it): the link-layer header length, SNAP's included,
    // survives, so -x dumps nothing past it.
    let Ok(snap) = Snap::parse(data) else {
        return Err(p.soft_trunc());
    };
    if length < Snap::LEN {
        p.trunc();
        return Ok(true);
    }
    let (oui, et) = (snap.oui, snap.pid);
    if p.opts.link_header {
        let pid = snap_pid_name(oui, et);
        out!(
            p,
            "oui {} (0x{oui:06x}), {} {} (0x{et:04x}), length {}: ",
            super::super::addr::oui_name(oui).unwrap_or("Unknown"),
            if oui == 0 { "ethertype" } else { "pid" },
            pid.unwrap_or("Unknown"),
            length - Snap::LEN
        );
    }
    let length = length - Snap::LEN;
    // `snap_print`'s Cisco PIDs: PVST and VLAN-bridge BPDUs are STP.
    if oui == OUI_CISCO && matches!(et, 0x010b | 0x010c) {
        super::super::stp::stp_print(p, data.from(Snap::LEN)?, length)?;
        return Ok(true);
    }
    // CDP, DTP, UDLD and VTP have printers of their own.
    if oui == OUI_CISCO
        && let Some(print) = cisco_printer(et)
    {
        print(p, data.from(Snap::LEN)?, length)?;
        return Ok(true);
    }
    if let Some(et) = snap.ethertype()
        && ethertype_print(p, et, data.from(Snap::LEN)?, length, addrs)?
    {
        return Ok(true);
    }
    // Apple's own OUI carries DDP under its Ethernet type (AARP goes
    // under OUI 0).
    if oui == OUI_APPLETALK
        && et == ethertype::ATALK
        && ethertype_print(p, et, data.from(Snap::LEN)?, length, addrs)?
    {
        return Ok(true);
    }
    if !p.opts.link_header {
        if let Some((src, dst)) = addrs {
            p.etheraddr(src);
            p.s(" > ");
            p.etheraddr(dst);
            p.s(" ");
        }
        let name = super::super::names::ethertype_name(et);
        if oui == 0 {
            out!(
                p,
                "SNAP, ethertype {} (0x{et:04x}), length {length}: ",
                name.unwrap_or("Unknown")
            );
        } else {
            out!(
                p,
                "SNAP, oui {} (0x{oui:06x}), pid {} (0x{et:04x}), length {length}: ",
                super::super::addr::oui_name(oui).unwrap_or("Unknown"),
                snap_pid_name(oui, et).unwrap_or("Unknown")
            );
        }
    }
    Ok(false)
}

/// tcpdump's `oui_to_struct_tok`: the table naming a SNAP PID under its
/// OUI (Ethernet types under OUI 0, Cisco's 0x0000f8 and Apple's).
fn snap_pid_name(oui: u32, et: u16) -> Option<&'static str> {
    match oui {
        0 | 0xf8 | OUI_APPLETALK => super::super::names::ethertype_name(et),
        OUI_CISCO => cisco_pid_name(et),
        _ => None,
    }
}

/// Apple's OUI, under which SNAP carries AppleTalk's DDP.
const OUI_APPLETALK: u32 = 0x08_0007;

/// `loopback_print` (Ethernet configuration testing protocol, type 0x9000).
fn loopback_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "loopback";
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
            p.s(", forwarding address ");
            p.etheraddr(data.range(at, 6)?);
            len -= 6;
            out!(p, ", data ({len} octets)");
        }
        f => {
            out!(p, ", Function {f}");
        }
    }
    Ok(())
}
