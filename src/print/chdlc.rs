//! Cisco HDLC (`print-chdlc.c`): `chdlc_print` (the 4-byte header: address,
//! control, Ethernet type; `-e` shows `unicast, ethertype IPv4 (0x0800),
//! length N: `), IPv4, IPv6, MPLS and SLARP (`chdlc_slarp_print`:
//! request, reply, keepalive with the link uptime); other types are
//! `unknown CHDLC protocol (0x…)` (CDP and OSI included, which tcpscope
//! does not decode).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::hex::print_unknown_data;
use super::{P, Printer, out};
use crate::decode::{Bytes, ethertype, link};

const SLARP_MIN_LEN: usize = 14;
/// `ETHERTYPE_ISO`: OSI over Cisco HDLC.
const CHDLC_TYPE_ISO: u16 = 0xfefe;
const SLARP_MAX_LEN: usize = 18;

/// `chdlc_if_print` (DLT_C_HDLC).
pub(super) fn chdlc_if_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "chdlc";
    // tcpdump adds what `chdlc_print` returns once it returns, which a
    // soft truncation further in does too; a hard one (an unwinding read)
    // dumps the whole packet whatever was counted.
    p.cur.ll_hdr_len += if length < link::CHDLC_HEADER_LEN {
        data.len()
    } else {
        link::CHDLC_HEADER_LEN
    };
    let n = chdlc_print(p, data, length)?;
    if length >= link::CHDLC_HEADER_LEN && n != link::CHDLC_HEADER_LEN {
        // OSI too short: tcpdump counts the bytes after the header too.
        p.cur.ll_hdr_len += n.saturating_sub(link::CHDLC_HEADER_LEN);
    }
    Ok(())
}

/// `chdlc_print`: the header length it consumed.
pub(super) fn chdlc_print(
    p: &mut Printer,
    data: &[u8],
    length: usize,
) -> Result<usize, crate::decode::Trunc> {
    p.cur.protocol = "chdlc";
    if length < link::CHDLC_HEADER_LEN {
        p.trunc();
        // `ND_BYTES_AVAILABLE_AFTER(bp)`
        return Ok(data.len());
    }
    let proto = data.be16(2)?;
    if p.opts.link_header {
        match data.u8_at(0)? {
            link::CHDLC_UNICAST => p.s("unicast"),
            link::CHDLC_BCAST => p.s("bcast"),
            a => out!(p, "0x{a:02x}"),
        }
        out!(
            p,
            ", ethertype {} (0x{proto:04x}), length {length}: ",
            super::names::ethertype_name(proto).unwrap_or("Unknown")
        );
    }
    let length = length - link::CHDLC_HEADER_LEN;
    let payload = data.from(link::CHDLC_HEADER_LEN)?;
    match proto {
        ethertype::IPV4 => super::ip::ip_print(p, payload, length)?,
        ethertype::IPV6 => super::ip6::ip6_print(p, payload, length)?,
        link::CHDLC_TYPE_SLARP => slarp_print(p, payload, length)?,
        ethertype::MPLS | ethertype::MPLS_MULTICAST => super::mpls::mpls_print(p, payload, length)?,
        // OSI: tcpdump reads the byte after the "fudge byte" to choose
        // where `isoclns_print` starts. CLNP and ES-IS, which tcpscope does
        // not decode, go on as an unknown type.
        CHDLC_TYPE_ISO if length < 2 => {
            p.trunc();
            // `ND_BYTES_AVAILABLE_AFTER(bp)`, from the header on.
            return Ok(data.len());
        }
        CHDLC_TYPE_ISO if payload.u8_at(1).is_err() => return Err(crate::decode::Trunc),
        CHDLC_TYPE_ISO
            if {
                let fudge = matches!(payload.u8_at(1)?, 0x81..=0x83);
                let (d, l) = if fudge {
                    (payload.from(1)?, length - 1)
                } else {
                    (payload, length)
                };
                super::isoclns::isoclns_print(p, d, l)?
            } => {}
        _ => {
            if !p.opts.link_header {
                out!(p, "unknown CHDLC protocol (0x{proto:04x})");
            }
        }
    }
    Ok(link::CHDLC_HEADER_LEN)
}

/// `chdlc_slarp_print`.
fn slarp_print(p: &mut Printer, cp: &[u8], length: usize) -> P {
    p.cur.protocol = "chdlc_slarp";
    out!(p, "SLARP (length: {length}), ");
    if length < SLARP_MIN_LEN || !cp.has(0, SLARP_MIN_LEN) {
        p.trunc();
        return Ok(());
    }
    // The dump at -vv starts 4 bytes past `cp`, which tcpdump advances past
    // the fixed part when it reads the uptime.
    let mut dump_from = 4;
    match cp.be32(0)? {
        0 => p.s("request"),
        1 => {
            p.s("reply ");
            p.ip4_at(cp, 4)?;
            p.s("/");
            p.ip4_at(cp, 8)?;
        }
        2 => {
            out!(
                p,
                "keepalive: mineseen=0x{:08x}, yourseen=0x{:08x}, reliability=0x{:04x}",
                cp.be32(4)?,
                cp.be32(8)?,
                cp.be16(12)?
            );
            if length >= SLARP_MAX_LEN {
                dump_from += SLARP_MIN_LEN;
                let mut sec = cp.be32(SLARP_MIN_LEN)? / 1000;
                let mut min = sec / 60;
                sec -= min * 60;
                let mut hrs = min / 60;
                min -= hrs * 60;
                let days = hrs / 24;
                hrs -= days * 24;
                out!(p, ", link uptime={days}d{hrs}h{min}m{sec}s");
            }
        }
        code => {
            out!(p, "0x{code:02x} unknown");
            if p.opts.verbose <= 1 {
                print_unknown_data(p, cp.get(4..), "\n\t", length - 4);
            }
        }
    }
    if SLARP_MAX_LEN < length && p.opts.verbose > 0 {
        out!(p, ", (trailing junk: {} bytes)", length - SLARP_MAX_LEN);
    }
    if p.opts.verbose > 1 {
        print_unknown_data(p, cp.get(dump_from..), "\n\t", length - 4);
    }
    Ok(())
}
