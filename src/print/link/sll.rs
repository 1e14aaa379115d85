//! Linux cooked captures (`print-sll.c`): SLL v1 (16-byte header) and v2
//! (20 bytes, with the interface index, which tcpdump names with
//! `if_indextoname` on the reading host and prints even without `-e`).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::super::{P, Printer, out};
use crate::decode::ether::VlanTag;
use crate::decode::link::{ARPHRD_IEEE80211_RADIOTAP, SLL_P_802_2, SLL_P_802_3, Sll2View, SllView};
use crate::decode::{Bytes, ethertype};

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
        if ty <= ethertype::MAX_LENGTH {
            match ty {
                SLL_P_802_3 => p.s("802.3"),
                SLL_P_802_2 => p.s("802.2"),
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
fn sll_print(p: &mut Printer, h: &SllView<'_>, length: usize) -> P {
    p.cur.protocol = "sll";
    out!(p, "{:>3} ", pkttype(h.pkttype()));
    addr_and_type(p, h.halen(), h.addr(), h.protocol(), length)
}

/// `sll2_print`: the `-e` header of SLL v2.
fn sll2_print(p: &mut Printer, h: &Sll2View<'_>, length: usize) -> P {
    p.cur.protocol = "sll2";
    out!(p, "ifindex {} ", h.ifindex());
    addr_and_type(p, u16::from(h.halen()), h.addr(), h.protocol(), length)
}

/// Which cooked header a frame has, for what v1 and v2 share.
#[derive(Clone, Copy)]
enum Version<'a> {
    V1(SllView<'a>),
    V2(Sll2View<'a>),
}

impl Version<'_> {
    fn header_len(self) -> usize {
        match self {
            Version::V1(_) => SllView::HEADER_LEN,
            Version::V2(_) => Sll2View::HEADER_LEN,
        }
    }

    fn hatype(self) -> u16 {
        match self {
            Version::V1(h) => h.hatype(),
            Version::V2(h) => h.hatype(),
        }
    }

    fn protocol(self) -> u16 {
        match self {
            Version::V1(h) => h.protocol(),
            Version::V2(h) => h.protocol(),
        }
    }

    /// `sll_print` / `sll2_print`.
    fn header_print(self, p: &mut Printer, length: usize) -> P {
        match self {
            Version::V1(h) => sll_print(p, &h, length),
            Version::V2(h) => sll2_print(p, &h, length),
        }
    }
}

/// The part of `sll_if_print`/`sll2_if_print` after the header: the
/// protocol dispatch, with 802.1Q tags unwrapped. Sets the link-layer
/// header length (header, tags, LLC) before the payload printer runs.
fn payload(p: &mut Printer, v: Version<'_>, data: &[u8], mut length: usize) -> P {
    let full = v.header_len();
    let mut ty = v.protocol();
    let mut hdrlen = full;
    let mut at = 0;
    loop {
        let rest = data.from(at)?;
        if ty <= ethertype::MAX_LENGTH {
            // Novell 802.3 is IPX, 802.2 goes to the LLC printer, unknown
            // types are dumped.
            p.cur.ll_hdr_len = hdrlen;
            if ty == SLL_P_802_3 {
                return super::super::ipx::ipx_print(p, rest);
            }
            if ty == SLL_P_802_2 {
                // tcpdump counts the LLC header only when it knew the SAPs.
                let base = Some(hdrlen);
                if super::ether::llc_print(p, rest, length, None, base)? {
                    return Ok(());
                }
                p.cur.ll_hdr_len = hdrlen;
            }
            super::super::hex::default_print_unless_suppressed(p, rest)?;
            return Ok(());
        }
        if ty == ethertype::VLAN {
            if rest.len() < VlanTag::LEN {
                p.cur.protocol = "vlan";
                p.trunc();
                p.cur.ll_hdr_len = hdrlen + rest.len();
                return Ok(());
            }
            let tag = VlanTag::parse(ty, rest)?;
            if p.opts.link_header {
                super::tci(p, tag);
                p.s(", ");
            }
            ty = tag.ethertype;
            if ty <= ethertype::MAX_LENGTH {
                ty = SLL_P_802_2;
            }
            if !p.opts.quiet {
                out!(
                    p,
                    "ethertype {}, ",
                    super::super::names::ethertype_name(ty).unwrap_or("Unknown")
                );
            }
            at += VlanTag::LEN;
            hdrlen += VlanTag::LEN;
            length = length.saturating_sub(VlanTag::LEN);
            continue;
        }
        p.cur.ll_hdr_len = hdrlen;
        if !super::ethertype_print(p, ty, rest, length, None)? {
            if !p.opts.link_header {
                // tcpdump passes the length left after any tags.
                v.header_print(p, length + full)?;
            }
            super::super::hex::default_print_unless_suppressed(p, rest)?;
        }
        return Ok(());
    }
}

/// `sll_if_print`.
pub(super) fn sll_if_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "sll";
    let h = SllView::new_checked(data)?;
    cooked_print(p, data, length, Version::V1(h))
}

/// `sll2_if_print`.
pub(super) fn sll2_if_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "sll2";
    let h = Sll2View::new_checked(data)?;
    let name = p.run.names.ifname(h.ifindex());
    out!(p, "{name:<5} ");
    out!(p, "{:<3} ", pkttype(u16::from(h.pkttype())));
    cooked_print(p, data, length, Version::V2(h))
}

/// What `sll_if_print` and `sll2_if_print` share once the header is
/// captured: its `-e` form, then the payload.
fn cooked_print(p: &mut Printer, data: &[u8], length: usize, h: Version<'_>) -> P {
    if p.opts.link_header {
        h.header_print(p, length)?;
    }
    let length = length.saturating_sub(h.header_len());
    let rest = data.from(h.header_len())?;
    if h.hatype() == ARPHRD_IEEE80211_RADIOTAP {
        // A radiotap header and an 802.11 frame, whatever the protocol says.
        return super::ieee80211::ieee802_11_radio_print(p, rest, length, h.header_len());
    }
    payload(p, h, rest, length)
}
