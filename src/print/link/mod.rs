//! Link-layer printers, one per `print-*.c` (`ether.rs`: Ethernet, 802.1Q,
//! 802.3/LLC, the loopback protocol; `sll.rs`: Linux cooked v1/v2; here:
//! the dispatcher, raw IP, BSD null/loop, IPNET and the address-family text
//! it shares with NFLOG; `ieee80211.rs`: 802.11 and radiotap; `arcnet.rs`:
//! ARCNET, BSD's and Linux's). Without `-e` they print
//! nothing of their own for the protocols tcpscope decodes and hand the
//! payload to the network-layer printer with the wire length minus their
//! header; with `-e` they print the header first, as tcpdump does. Each adds
//! the length of the header it consumed to `Printer::ll_hdr_len` (tcpdump's
//! `ndo_ll_hdr_len`), which `-x`/`-X`/`-A` leave out of their dump.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

mod arcnet;
mod ether;
mod ieee80211;
mod ieee80211_tables;
mod sll;

pub(super) use ether::{ether_print, ethertype_print};

use super::{P, Printer, out};
use crate::decode::ether::VlanTag;
use crate::decode::ieee80211::PpiView;
use crate::decode::{Bytes, link};
use crate::packet::{LinkType, RawPacket};

pub(super) fn print(p: &mut Printer, pkt: &RawPacket<'_>) -> P {
    print_link(p, pkt.link, pkt.data, pkt.wire_len as usize)
}

/// A link-layer printer: the frame's bytes and its length on the wire.
type LinkPrinter = fn(&mut Printer, &[u8], usize) -> P;

/// tcpdump's `lookup_printer`: tcpscope's printer for `link`, if it has
/// one (PPI's inner link types are printed only then).
fn lookup_printer(link: LinkType) -> Option<LinkPrinter> {
    Some(match link {
        LinkType::EN10MB => ether_if_print,
        LinkType::LINUX_SLL => sll::sll_if_print,
        LinkType::LINUX_SLL2 => sll::sll2_if_print,
        LinkType::NULL | LinkType::LOOP => null_if_print,
        // `raw_if_print` serves DLT_RAW, DLT_IPV4 and DLT_IPV6 alike.
        LinkType::RAW | LinkType::RAW_OPENBSD | LinkType::IPV4 | LinkType::IPV6 => raw_if_print,
        LinkType::IPNET => ipnet_print,
        LinkType::NFLOG => super::nflog::nflog_if_print,
        // DLT_PPP and DLT_PPP_PPPD (pppd's direction byte as the address).
        LinkType::PPP | LinkType(166) => super::ppp::ppp_if_print,
        // DLT_PPP_ETHER: a PPPoE header without the Ethernet one.
        LinkType(51) => super::pppoe::pppoe_if_print,
        LinkType::PPP_SERIAL => super::ppp::ppp_hdlc_if_print,
        // DLT_C_HDLC and NetBSD's DLT_HDLC (LINKTYPE 112), the same framing.
        LinkType::C_HDLC | LinkType(112) => super::chdlc::chdlc_if_print,
        // DLT_IEEE802_11 and DLT_IEEE802_11_RADIO (radiotap).
        LinkType(105) => ieee80211::ieee802_11_if_print,
        LinkType(127) => ieee80211::ieee802_11_radio_if_print,
        // DLT_PRISM_HEADER, DLT_IEEE802_11_RADIO_AVS, DLT_PPI.
        LinkType(119) => ieee80211::prism_if_print,
        LinkType(163) => ieee80211::radio_avs_if_print,
        LinkType(192) => ppi_if_print,
        // DLT_LTALK: LocalTalk's LLAP.
        LinkType(114) => super::atalk::ltalk_if_print,
        // DLT_ARCNET (BSD) and DLT_ARCNET_LINUX.
        LinkType(7) => arcnet::arcnet_if_print,
        LinkType(129) => arcnet::arcnet_linux_if_print,
        _ => return None,
    })
}

/// The link-layer printer of `link` for `data`, `length` bytes on the wire.
fn print_link(p: &mut Printer, link: LinkType, data: &[u8], length: usize) -> P {
    match lookup_printer(link) {
        Some(printer) => printer(p, data, length),
        // tcpdump's `unsupported_if_print`, also used for the link types
        // tcpdump decodes but tcpscope does not yet: its dump is not the
        // default printer, so -q/-x/-X do not silence it.
        None => {
            p.cur.protocol = "unsupported";
            p.s("UNSUPPORTED");
            super::hex::default_print(p, data)
        }
    }
}

/// `ether_if_print`.
fn ether_if_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "ether";
    ether::ether_hdr_print(p, data, length, true)
}

/// `raw_if_print`.
fn raw_if_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "raw";
    if p.opts.link_header {
        p.s("ip: ");
    }
    ip_n(p, data, length)
}

/// `ppi_if_print`: a PPI header (version, flags, its length and the link
/// type of what follows, little-endian; its fields not printed), then that
/// link type's printer.
fn ppi_if_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "ppi";
    let caplen = data.len();
    let Ok(h) = PpiView::new_checked(data) else {
        p.trunc();
        p.cur.ll_hdr_len = caplen;
        return Ok(());
    };
    let len = h.header_len();
    if !h.len_valid() {
        out!(p, " [length {len} < 8 or > 65532]");
        p.s(" (invalid)");
        p.cur.ll_hdr_len = caplen;
        return Ok(());
    }
    if caplen < len {
        p.trunc();
        p.cur.ll_hdr_len = caplen;
        return Ok(());
    }
    let dlt = h.dlt();
    let header = |p: &mut Printer, length: usize| {
        // libpcap's name of the link type (`pcap_datalink_val_to_name`).
        let name = i32::try_from(dlt)
            .ok()
            .and_then(|d| pcap::Linktype(d).get_name().ok());
        let name = name.as_deref().unwrap_or("UNKNOWN");
        if !p.opts.quiet {
            out!(p, "V.{} DLT {name} ({dlt}) len {len}", h.version());
        } else {
            p.s(name);
        }
        out!(p, ", length {length}: ");
    };
    if p.opts.link_header {
        header(p, length);
    }
    let inner = data.from(len)?;
    if let Some(printer) = lookup_printer(LinkType(dlt)) {
        p.cur.ll_hdr_len = 0;
        printer(p, inner, length.saturating_sub(len))?;
        // tcpdump adds the inner printer's length to what that printer
        // already added (`ndo_ll_hdr_len += len + hdrlen`): counted twice,
        // which `-x` shows.
        p.cur.ll_hdr_len = len + 2 * p.cur.ll_hdr_len;
    } else {
        if !p.opts.link_header {
            header(p, length);
        }
        super::hex::default_print_unless_suppressed(p, inner)?;
        p.cur.ll_hdr_len = len;
    }
    Ok(())
}

/// `ieee8021q_tci_string`.
pub(super) fn tci(p: &mut Printer, tag: VlanTag) {
    out!(
        p,
        "vlan {}, p {}{}",
        tag.vid(),
        tag.pcp(),
        if tag.dei() { ", DEI" } else { "" }
    );
}

/// `ipN_print`: dispatch on the IP version nibble.
fn ip_n(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "ipn";
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

/// tcpdump's `bsd_af_values`.
pub(in crate::print) fn bsd_af_name(family: u32) -> Option<&'static str> {
    Some(match family {
        2 => "IPv4",
        6 => "NS",
        7 => "ISO",
        16 => "Appletalk",
        23 => "IPX",
        24 | 28 | 30 => "IPv6",
        _ => return None,
    })
}

/// `null_hdr_print`.
fn null_hdr_print(p: &mut Printer, family: u32, length: usize) {
    let name = bsd_af_name(family);
    if !p.opts.quiet {
        out!(p, "AF {} ({family})", name.unwrap_or("Unknown"));
    } else {
        match name {
            Some(n) => p.s(n),
            None => out!(p, "Unknown AF {family}"),
        }
    }
    out!(p, ", length {length}: ");
}

/// `null_if_print`, for DLT_NULL and DLT_LOOP: the family is in the
/// capturing host's byte order (NULL) or network order (LOOP); tcpdump
/// reads it little-endian and swaps it when the upper half is not zero.
fn null_if_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "null";
    let family = link::null_family(data)?;
    p.cur.ll_hdr_len += link::NULL_HEADER_LEN;
    if p.opts.link_header {
        null_hdr_print(p, family, length);
    }
    let payload = data.from(link::NULL_HEADER_LEN)?;
    let length = length.saturating_sub(link::NULL_HEADER_LEN);
    match family {
        2 => super::ip::ip_print(p, payload, length),
        f if link::null_family_is_ipv6(f) => super::ip6::ip6_print(p, payload, length),
        23 => super::ipx::ipx_print(p, payload),
        16 => super::atalk::atalk_print(p, payload, length),
        // tcpdump decodes ISO (7); tcpscope does not, and prints it as an
        // unknown family.
        _ => {
            if !p.opts.link_header {
                null_hdr_print(p, family, length + link::NULL_HEADER_LEN);
            }
            super::hex::default_print_unless_suppressed(p, payload)
        }
    }
}

/// `ipnet_hdr_print`.
fn ipnet_hdr_print(p: &mut Printer, hdr: &[u8], length: usize) -> P {
    out!(p, "{} > {}", hdr.be32(16)?, hdr.be32(20)?);
    let inet = [link::IPNET_AF_INET, link::IPNET_AF_INET6];
    family_print(p, hdr.u8_at(1)?, inet, "Ethertype", 4);
    out!(p, ", length {length}: ");
    Ok(())
}

/// The address family of `ipnet_hdr_print` and `nflog_hdr_print`, whose
/// IPv4 and IPv6 values are `inet`: `, family NAME (N)`, or with `-q`
/// `, NAME`; a family without a name is `Unknown`, with `-q`
/// `Unknown WHAT (0xN)` in `width` hex digits.
pub(super) fn family_print(p: &mut Printer, family: u8, inet: [u8; 2], what: &str, width: usize) {
    let [inet4, inet6] = inet;
    let name = if family == inet4 {
        Some("IPv4")
    } else if family == inet6 {
        Some("IPv6")
    } else {
        None
    };
    if !p.opts.quiet {
        out!(p, ", family {} ({family})", name.unwrap_or("Unknown"));
    } else {
        match name {
            Some(n) => out!(p, ", {n}"),
            None => out!(p, ", Unknown {what} (0x{family:0width$x})"),
        }
    }
}

/// `ipnet_print` (Solaris IPNET, a 24-byte header with zone ids).
fn ipnet_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "ipnet";
    let hdr = data.range(0, link::IPNET_HEADER_LEN)?;
    p.cur.ll_hdr_len += link::IPNET_HEADER_LEN;
    if p.opts.link_header {
        ipnet_hdr_print(p, hdr, length)?;
    }
    let payload = data.from(link::IPNET_HEADER_LEN)?;
    let length = length.saturating_sub(link::IPNET_HEADER_LEN);
    match hdr.u8_at(1)? {
        link::IPNET_AF_INET => super::ip::ip_print(p, payload, length),
        link::IPNET_AF_INET6 => super::ip6::ip6_print(p, payload, length),
        _ => {
            if !p.opts.link_header {
                ipnet_hdr_print(p, hdr, length + link::IPNET_HEADER_LEN)?;
            }
            super::hex::default_print_unless_suppressed(p, payload)
        }
    }
}
