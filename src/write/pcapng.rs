//! The blocks of a pcapng output file (`-w FILE.pcapng`, `--pcapng`), laid
//! out little-endian as the pcapng specification (draft-ietf-opsawg-pcapng)
//! defines them: one Section Header Block (the input's comments, hardware
//! and OS kept; `shb_userappl` names tcpscope), an Interface Description
//! Block for each interface of the input the first time one of its packets
//! is written (so a file of a rotation describes its own interfaces), and
//! an Enhanced Packet Block per packet with the captured bytes as the
//! source lent them and the packet's comments. Several link types live in
//! one file, one interface each, which a classic pcap file cannot hold.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use crate::packet::{LinkType, Precision, RawPacket};

const BT_SHB: u32 = 0x0A0D_0D0A;
const BT_IDB: u32 = 1;
const BT_EPB: u32 = 6;
const BYTE_ORDER_MAGIC: u32 = 0x1A2B_3C4D;
/// `shb_userappl`.
const OPT_SHB_USERAPPL: u16 = 4;
/// `if_tsresol`.
const OPT_IF_TSRESOL: u16 = 9;

/// Which output interface each input interface became in this file.
#[derive(Default)]
pub(super) struct Interfaces {
    /// By [`crate::packet::Interface::id`]: the output interface number.
    by_id: Vec<Option<u32>>,
    /// Packets without a pcapng interface (pcap files, live capture): one
    /// output interface per link type.
    by_link: Vec<(LinkType, u32)>,
    count: u32,
}

fn option(out: &mut Vec<u8>, code: u16, value: &[u8]) {
    out.extend_from_slice(&code.to_le_bytes());
    out.extend_from_slice(&(value.len() as u16).to_le_bytes());
    out.extend_from_slice(value);
    out.resize(out.len() + (4 - value.len() % 4) % 4, 0);
}

/// Ends a block started at `start` in `out` (its type and a length to be
/// filled in already there): options end marker if `options`, the length
/// in both places.
fn close_block(out: &mut Vec<u8>, start: usize, options: bool) {
    if options {
        out.extend_from_slice(&[0, 0, 0, 0]);
    }
    let len = (out.len() - start + 4) as u32;
    out.extend_from_slice(&len.to_le_bytes());
    if let Some(l) = out.get_mut(start + 4..start + 8) {
        l.copy_from_slice(&len.to_le_bytes());
    }
}

fn open_block(out: &mut Vec<u8>, btype: u32) -> usize {
    let start = out.len();
    out.extend_from_slice(&btype.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    start
}

/// The Section Header Block: `options` are the input's kept section
/// options (little-endian TLVs), then tcpscope's `shb_userappl`.
pub(super) fn section_header(out: &mut Vec<u8>, options: &[u8]) {
    let start = open_block(out, BT_SHB);
    out.extend_from_slice(&BYTE_ORDER_MAGIC.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    // Section length not given.
    out.extend_from_slice(&(-1i64).to_le_bytes());
    out.extend_from_slice(options);
    let appl = concat!("tcpscope ", env!("CARGO_PKG_VERSION"));
    option(out, OPT_SHB_USERAPPL, appl.as_bytes());
    close_block(out, start, true);
}

fn interface_block(
    out: &mut Vec<u8>,
    linktype: u32,
    snaplen: u32,
    options: &[u8],
    precision: Precision,
) {
    let start = open_block(out, BT_IDB);
    out.extend_from_slice(&(linktype as u16).to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&snaplen.to_le_bytes());
    out.extend_from_slice(options);
    let nano = precision == Precision::Nano;
    if nano {
        option(out, OPT_IF_TSRESOL, &[9]);
    }
    close_block(out, start, nano || !options.is_empty());
}

/// The interface number `pkt` is written with, its Interface Description
/// Block appended to `out` first when this file has not described it yet.
/// `Err(link)`: a link type with no LINKTYPE_ value.
pub(super) fn interface(
    ifs: &mut Interfaces,
    out: &mut Vec<u8>,
    pkt: &RawPacket<'_>,
    snaplen: u32,
    precision: Precision,
) -> Result<u32, LinkType> {
    let known = match pkt.origin.iface {
        Some(i) => ifs.by_id.get(i.id as usize).copied().flatten(),
        None => ifs
            .by_link
            .iter()
            .find(|(l, _)| *l == pkt.link)
            .map(|(_, n)| *n),
    };
    if let Some(n) = known {
        return Ok(n);
    }
    let (link, snaplen, options) = match pkt.origin.iface {
        Some(i) => (i.link, i.snaplen, &i.options[..]),
        None => (pkt.link, snaplen, &[][..]),
    };
    let linktype = super::pcap::dlt_to_linktype(link).ok_or(link)?;
    interface_block(out, linktype, snaplen, options, precision);
    let n = ifs.count;
    ifs.count += 1;
    match pkt.origin.iface {
        Some(i) => {
            let at = i.id as usize;
            if ifs.by_id.len() <= at {
                ifs.by_id.resize(at + 1, None);
            }
            if let Some(slot) = ifs.by_id.get_mut(at) {
                *slot = Some(n);
            }
        }
        None => ifs.by_link.push((pkt.link, n)),
    }
    Ok(n)
}

/// An Enhanced Packet Block for `pkt` on output interface `iface`, with its
/// comments; the timestamp in the run's units (µs, or ns with
/// `if_tsresol` 9).
pub(super) fn packet(out: &mut Vec<u8>, pkt: &RawPacket<'_>, iface: u32, precision: Precision) {
    let start = open_block(out, BT_EPB);
    let t = pkt
        .ts
        .sec
        .wrapping_mul(precision.units_per_sec())
        .wrapping_add(pkt.ts.frac);
    out.extend_from_slice(&iface.to_le_bytes());
    out.extend_from_slice(&((t >> 32) as u32).to_le_bytes());
    out.extend_from_slice(&(t as u32).to_le_bytes());
    out.extend_from_slice(&pkt.caplen().to_le_bytes());
    out.extend_from_slice(&pkt.wire_len.to_le_bytes());
    out.extend_from_slice(pkt.data);
    out.resize(out.len() + (4 - pkt.data.len() % 4) % 4, 0);
    out.extend_from_slice(pkt.origin.options);
    close_block(out, start, !pkt.origin.options.is_empty());
}
