//! ARCNET (`print-arcnet.c`): DLT_ARCNET (the BSDs' header, with RFC 1201's
//! fragmentation fields and exception frames) and DLT_ARCNET_LINUX (an
//! offset field after the addresses, never exception frames); IP, IPv6,
//! ARP, AppleTalk and IPX inside, other system codes in hex.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::super::{P, Printer, out};
use crate::decode::{Bytes, Trunc};

/// `ARC_HDRLEN`, `ARC_HDRNEWLEN`, `ARC_HDRNEWLEN_EXC`.
const HDRLEN: usize = 3;
const HDRNEWLEN: usize = 6;
const HDRNEWLEN_EXC: usize = 10;
/// `ARC_LINUX_HDRLEN`, `ARC_LINUX_HDRNEWLEN`.
const LINUX_HDRLEN: usize = 5;
const LINUX_HDRNEWLEN: usize = 8;

/// The system codes (`ARCTYPE_*`).
const IP_OLD: u8 = 240;
const ARP_OLD: u8 = 241;
const IP: u8 = 212;
const ARP: u8 = 213;
const REVARP: u8 = 214;
const ATALK: u8 = 221;
const IPX: u8 = 250;
const INET6: u8 = 0xc4;
const DIAGNOSE: u8 = 0x80;

/// `arctypemap`.
fn type_name(t: u8) -> Option<&'static str> {
    Some(match t {
        IP_OLD => "oldip",
        ARP_OLD => "oldarp",
        IP => "ip",
        ARP => "arp",
        REVARP => "rarp",
        ATALK => "atalk",
        247 => "banyan",
        IPX => "ipx",
        INET6 => "ipv6",
        DIAGNOSE => "diag",
        _ => return None,
    })
}

/// The RFC 1051 codes and diagnostics, sent without the RFC 1201 fields.
fn old_style(t: u8) -> bool {
    matches!(t, IP_OLD | ARP_OLD | DIAGNOSE)
}

/// `arcnet_print`: the `-e` header. It reads the BSD layout whatever the
/// link type, so for Linux's the "type" is the offset field's first byte.
/// `phds` with `flag` and `seqid`: RFC 1201's fields.
fn arcnet_print(p: &mut Printer, d: &[u8], length: usize, phds: Option<(u8, u16)>) -> P {
    p.cur.protocol = "arcnet";
    let (src, dst) = (d.u8_at(0)?, d.u8_at(1)?);
    if p.opts.quiet {
        out!(p, "{src:02x} {dst:02x} {length}: ");
        return Ok(());
    }
    let t = d.u8_at(2)?;
    out!(p, "{src:02x} {dst:02x} ");
    match type_name(t) {
        Some(n) => p.s(n),
        None => out!(p, "{t:02x}"),
    }
    match phds {
        None => out!(p, " {length}: "),
        Some((0, seqid)) => out!(p, " seqid {seqid:04x} {length}: "),
        Some((flag, seqid)) if flag & 1 != 0 => out!(
            p,
            " seqid {seqid:04x} (first of {} fragments) {length}: ",
            (u32::from(flag) + 3) / 2
        ),
        Some((flag, seqid)) => out!(
            p,
            " seqid {seqid:04x} (fragment {}) {length}: ",
            flag / 2 + 1
        ),
    }
    Ok(())
}

/// `arcnet_if_print` (DLT_ARCNET).
pub(super) fn arcnet_if_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "arcnet";
    let caplen = d.len();
    if caplen < HDRLEN {
        return Err(Trunc);
    }
    let t = d.u8_at(2)?;
    let mut phds = None;
    let mut hdrlen = HDRLEN;
    if !old_style(t) {
        if caplen < HDRNEWLEN {
            arcnet_print(p, d, length, None)?;
            p.s(" phds");
            return Err(Trunc);
        }
        let flag = d.u8_at(3)?;
        if flag == 0xff {
            if caplen < HDRNEWLEN_EXC {
                arcnet_print(p, d, length, None)?;
                p.s(" phds extended");
                return Err(Trunc);
            }
            phds = Some((d.u8_at(7)?, d.be16(8)?));
            hdrlen = HDRNEWLEN_EXC;
        } else {
            phds = Some((flag, d.be16(4)?));
            hdrlen = HDRNEWLEN;
        }
    }
    if p.opts.link_header {
        arcnet_print(p, d, length, phds)?;
    }
    let length = length.saturating_sub(hdrlen);
    let payload = d.from(hdrlen)?;
    p.cur.ll_hdr_len += hdrlen;
    if let Some((flag, _)) = phds
        && flag != 0
        && flag & 1 == 0
    {
        // A middle fragment: nothing to decode.
        return Ok(());
    }
    if !encap_print(p, t, payload, length)? {
        super::super::hex::default_print(p, payload)?;
    }
    Ok(())
}

/// `arcnet_linux_if_print` (DLT_ARCNET_LINUX).
pub(super) fn arcnet_linux_if_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "arcnet_linux";
    let caplen = d.len();
    if caplen < LINUX_HDRLEN {
        return Err(Trunc);
    }
    let t = d.u8_at(4)?;
    let hdrlen = if old_style(t) {
        LINUX_HDRLEN
    } else {
        if caplen < LINUX_HDRNEWLEN {
            return Err(Trunc);
        }
        LINUX_HDRNEWLEN
    };
    if p.opts.link_header {
        arcnet_print(p, d, length, None)?;
    }
    let length = length.saturating_sub(hdrlen);
    let payload = d.from(hdrlen)?;
    p.cur.ll_hdr_len += hdrlen;
    if !encap_print(p, t, payload, length)? {
        super::super::hex::default_print(p, payload)?;
    }
    Ok(())
}

/// `arcnet_encap_print`: the payload by its system code; false when the
/// code is not one tcpdump decodes.
fn encap_print(p: &mut Printer, t: u8, d: &[u8], length: usize) -> Result<bool, Trunc> {
    match t {
        IP_OLD | IP => super::super::ip::ip_print(p, d, length)?,
        INET6 => super::super::ip6::ip6_print(p, d, length)?,
        ARP_OLD | ARP | REVARP => super::super::arp::arp_print(p, d, length)?,
        ATALK => {
            if p.opts.verbose > 0 {
                p.s("et1 ");
            }
            super::super::atalk::atalk_print(p, d, length)?;
        }
        IPX => super::super::ipx::ipx_print(p, d)?,
        _ => return Ok(false),
    }
    Ok(true)
}
