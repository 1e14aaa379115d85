//! Linux cooked captures (`print-sll.c`): SLL v1 (16-byte header) and v2
//! (20 bytes, with the interface index, which tcpdump names with
//! `if_indextoname` on the reading host and prints even without `-e`).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::super::{P, Printer, out};
use crate::decode::Bytes;
use crate::decode::ether;

const SLL_HDR_LEN: usize = 16;
const SLL2_HDR_LEN: usize = 20;
/// Novell 802.3 frames without an 802.2 LLC header.
const LINUX_SLL_P_802_3: u16 = 0x0001;
/// 802.2 frames.
const LINUX_SLL_P_802_2: u16 = 0x0004;
/// The hardware type of frames with a radiotap header (not decoded).
const ARPHRD_IEEE80211_RADIOTAP: u16 = 803;

/// `sll_pkttype_values`.
fn pkttype(t: u16) -> &'static str {
    match t {
        0 => "In",
        1 => "B",
        2 => "M",
        3 => "P",
        4 => "Out",
        _ => "?",
    }
}

/// The part of `sll_print`/`sll2_print` after their first fields: the link
/// address when it is 6 bytes, then (without `-q`) the protocol and length.
fn addr_and_type(p: &mut Printer, halen: u16, addr: &[u8], ty: u16, length: usize) -> P {
    if halen == 6 {
        p.etheraddr(addr.range(0, 6)?);
        p.s(" ");
    }
    if !p.opts.quiet {
        if ty <= ether::MAX_ETHERNET_LENGTH_VAL {
            match ty {
                LINUX_SLL_P_802_3 => p.s("802.3"),
                LINUX_SLL_P_802_2 => p.s("802.2"),
                _ => out!(p, "ethertype Unknown (0x{ty:04x})"),
            }
        } else {
            out!(
                p,
                "ethertype {} (0x{ty:04x})",
                super::super::names::ethertype_name(ty).unwrap_or("Unknown")
            );
        }
        out!(p, ", length {length}: ");
    }
    Ok(())
}

/// `sll_print`: the `-e` header of SLL v1.
fn sll_print(p: &mut Printer, hdr: &[u8], length: usize) -> P {
    p.protocol = "sll";
    out!(p, "{:>3} ", pkttype(hdr.be16(0)?));
    addr_and_type(p, hdr.be16(4)?, hdr.from(6)?, hdr.be16(14)?, length)
}

/// `sll2_print`: the `-e` header of SLL v2.
fn sll2_print(p: &mut Printer, hdr: &[u8], length: usize) -> P {
    p.protocol = "sll2";
    out!(p, "ifindex {} ", hdr.be32(4)?);
    addr_and_type(
        p,
        u16::from(hdr.u8_at(11)?),
        hdr.from(12)?,
        hdr.be16(0)?,
        length,
    )
}

/// Which cooked header a frame has, for the shared payload walk.
#[derive(Clone, Copy)]
enum Version {
    V1,
    V2,
}

/// The part of `sll_if_print`/`sll2_if_print` after the header: the
/// protocol dispatch, with 802.1Q tags unwrapped. Sets the link-layer
/// header length (header, tags, LLC) before the payload printer runs.
fn payload(
    p: &mut Printer,
    v: Version,
    hdr: &[u8],
    mut ty: u16,
    data: &[u8],
    mut length: usize,
) -> P {
    let (mut hdrlen, full): (usize, usize) = match v {
        Version::V1 => (SLL_HDR_LEN, SLL_HDR_LEN),
        Version::V2 => (SLL2_HDR_LEN, SLL2_HDR_LEN),
    };
    let mut at = 0;
    loop {
        let rest = data.from(at)?;
        if ty <= ether::MAX_ETHERNET_LENGTH_VAL {
            // Novell 802.3 (IPX, not decoded here) and unknown types are
            // dumped; 802.2 goes to the LLC printer.
            p.ll_hdr_len = hdrlen;
            if ty == LINUX_SLL_P_802_2 {
                // tcpdump counts the LLC header only when it knew the SAPs.
                let base = Some(hdrlen);
                if super::ether::llc_print(p, rest, length, None, base)? {
                    return Ok(());
                }
                p.ll_hdr_len = hdrlen;
            }
            super::super::hex::default_print_unless_suppressed(p, rest)?;
            return Ok(());
        }
        if ty == ether::ETHERTYPE_8021Q {
            if rest.len() < 4 {
                p.protocol = "vlan";
                p.trunc();
                p.ll_hdr_len = hdrlen + rest.len();
                return Ok(());
            }
            if p.opts.link_header {
                super::tci(p, rest.be16(0)?);
                p.s(", ");
            }
            ty = rest.be16(2)?;
            if ty <= ether::MAX_ETHERNET_LENGTH_VAL {
                ty = LINUX_SLL_P_802_2;
            }
            if !p.opts.quiet {
                out!(
                    p,
                    "ethertype {}, ",
                    super::super::names::ethertype_name(ty).unwrap_or("Unknown")
                );
            }
            at += 4;
            hdrlen += 4;
            length = length.saturating_sub(4);
            continue;
        }
        p.ll_hdr_len = hdrlen;
        if !super::ethertype_print(p, ty, rest, length)? {
            if !p.opts.link_header {
                // tcpdump passes the length left after any tags.
                let whole = length + full;
                match v {
                    Version::V1 => sll_print(p, hdr, whole)?,
                    Version::V2 => sll2_print(p, hdr, whole)?,
                }
            }
            super::super::hex::default_print_unless_suppressed(p, rest)?;
        }
        return Ok(());
    }
}

/// `sll_if_print`.
pub(super) fn sll_if_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.protocol = "sll";
    let hdr = data.range(0, SLL_HDR_LEN)?;
    if p.opts.link_header {
        sll_print(p, hdr, length)?;
    }
    let length = length.saturating_sub(SLL_HDR_LEN);
    if hdr.be16(2)? == ARPHRD_IEEE80211_RADIOTAP {
        // Radiotap is not decoded: the header is all that is accounted for.
        p.ll_hdr_len = SLL_HDR_LEN;
        return Ok(());
    }
    let ty = hdr.be16(14)?;
    payload(p, Version::V1, hdr, ty, data.from(SLL_HDR_LEN)?, length)
}

/// `sll2_if_print`.
pub(super) fn sll2_if_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.protocol = "sll2";
    let hdr = data.range(0, SLL2_HDR_LEN)?;
    let name = p.names.ifname(hdr.be32(4)?);
    out!(p, "{name:<5} ");
    out!(p, "{:<3} ", pkttype(u16::from(hdr.u8_at(10)?)));
    if p.opts.link_header {
        sll2_print(p, hdr, length)?;
    }
    let length = length.saturating_sub(SLL2_HDR_LEN);
    if hdr.be16(8)? == ARPHRD_IEEE80211_RADIOTAP {
        p.ll_hdr_len = SLL2_HDR_LEN;
        return Ok(());
    }
    let ty = hdr.be16(0)?;
    payload(p, Version::V2, hdr, ty, data.from(SLL2_HDR_LEN)?, length)
}
