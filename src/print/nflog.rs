//! Linux NFLOG link type (`print-nflog.c`, DLT 239): a 4-byte header, then
//! TLVs in host (little-endian) order up to the `NFULA_PAYLOAD` one, whose
//! value is the IPv4 or IPv6 packet.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::Bytes;
use crate::decode::link::{
    NFLOG_AF_INET as AF_INET, NFLOG_AF_INET6 as AF_INET6, NFLOG_HEADER_LEN as NFLOG_HDR_LEN,
    NFLOG_TLV_LEN, NFULA_PAYLOAD,
};

/// `nflog_hdr_print`.
fn hdr_print(p: &mut Printer, hdr: &[u8], length: usize) -> P {
    let family = hdr.u8_at(0)?;
    out!(p, "version {}, resource ID {}", hdr.u8_at(1)?, hdr.be16(2)?);
    super::link::family_print(p, family, [AF_INET, AF_INET6], "NFLOG", 2);
    out!(p, ", length {length}: ");
    Ok(())
}

/// `nflog_if_print`: `data` is the captured packet, `length` its wire length.
pub(super) fn nflog_if_print(p: &mut Printer, data: &[u8], mut length: usize) -> P {
    p.cur.protocol = "nflog";
    if data.len() < NFLOG_HDR_LEN {
        p.trunc();
        p.cur.ll_hdr_len += data.len();
        return Ok(());
    }
    p.cur.ll_hdr_len += NFLOG_HDR_LEN;
    let hdr = data.range(0, NFLOG_HDR_LEN)?;
    let version = hdr.u8_at(1)?;
    if version != 0 {
        out!(p, "version {version} (unknown)");
        return Ok(());
    }
    if p.opts.link_header {
        hdr_print(p, hdr, length)?;
    }
    let mut at = NFLOG_HDR_LEN;
    // The header sanity check guarantees caplen <= length.
    length = length.saturating_sub(NFLOG_HDR_LEN);
    let mut caplen = data.len() - NFLOG_HDR_LEN;
    // `goto trunc` in tcpdump: the marker without unwinding, and the TLVs
    // walked so far count as link-layer header.
    let trunc = |p: &mut Printer, at: usize| {
        p.trunc();
        p.cur.ll_hdr_len += at - NFLOG_HDR_LEN;
        Ok(())
    };
    while length > 0 {
        if caplen < NFLOG_TLV_LEN {
            return trunc(p, at);
        }
        // A u16 in tcpdump: rounding 0xfffd.. up wraps to 0 (then too short).
        // `GET_HE_U_2`: host order, little-endian on tcpdump's reference x86.
        let mut size = data.le16(at)?;
        if size % 4 != 0 {
            size = size.wrapping_add(4 - size % 4);
        }
        let size = usize::from(size);
        if size < NFLOG_TLV_LEN || caplen < size {
            return trunc(p, at);
        }
        if data.le16(at + 2)? == NFULA_PAYLOAD {
            at += NFLOG_TLV_LEN;
            length = length.saturating_sub(NFLOG_TLV_LEN);
            break;
        }
        at += size;
        length = length.saturating_sub(size);
        caplen -= size;
    }
    let payload = data.from(at)?;
    // Counted before the payload printer runs, so a soft truncation keeps it.
    p.cur.ll_hdr_len += at - NFLOG_HDR_LEN;
    match hdr.u8_at(0)? {
        AF_INET => super::ip::ip_print(p, payload, length)?,
        AF_INET6 => super::ip6::ip6_print(p, payload, length)?,
        _ => {
            if !p.opts.link_header {
                hdr_print(p, hdr, length + NFLOG_HDR_LEN)?;
            }
            super::hex::default_print_unless_suppressed(p, payload)?;
        }
    }
    Ok(())
}
