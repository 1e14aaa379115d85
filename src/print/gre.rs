//! GRE (`print-gre.c`, `gre_print`): version 0 (RFC 2784/2890: checksum
//! and offset, key, sequence number, RFC 1701 source routes) and version 1
//! (RFC 2637 PPTP: call id, sequence and acknowledgment numbers, PPP
//! inside), then the payload after `: ` (or a new line with `-v`). tcpdump
//! 4.99 prints ERSPAN (0x88be, 0x22eb) and Aruba's types as
//! `gre-proto-0x…`; so does tcpscope. The header fields are read through
//! [`crate::decode::gre`]'s flag constants.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::tok::{BitTok, bittok2str};
use super::{P, Printer, out};
use crate::decode::gre::{GRE_AP, GRE_CP, GRE_KP, GRE_RP, GRE_SP, GRE_SSR, GRE_VERS_MASK};
use crate::decode::{Bytes, ethertype};

/// `gre_flag_values`, in tcpdump's order.
const FLAG_NAMES: &BitTok = &[
    (GRE_CP as u32, "checksum present"),
    (GRE_RP as u32, "routing present"),
    (GRE_KP as u32, "key present"),
    (GRE_SP as u32, "sequence# present"),
    (GRE_SSR as u32, "source routing present"),
    (GRE_AP as u32, "ack present"),
];

/// Source route entry address families.
const GRESRE_IP: u16 = 0x0800;
const GRESRE_ASN: u16 = 0xfffe;

/// `gre_print`.
pub(super) fn gre_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "gre";
    if !data.has(0, 2) || length < 2 {
        p.trunc();
        return Ok(());
    }
    let flags = data.be16(0)?;
    let vers = flags & GRE_VERS_MASK;
    out!(p, "GREv{vers}");
    match vers {
        0 => gre_print_0(p, data, length, flags),
        1 => gre_print_1(p, data, length, flags),
        _ => {
            p.s(" ERROR: unknown-version");
            Ok(())
        }
    }
}

/// `bittok2str(gre_flag_values, "none", flags)`.
fn print_flags(p: &mut Printer, flags: u16) {
    p.s(", Flags [");
    bittok2str(p, FLAG_NAMES, "none", u32::from(flags));
    p.s("]");
}

/// A walk over the header's fields with tcpdump's two checks per field:
/// captured (`ND_TCHECK`) and within the GRE length.
struct Cursor<'a> {
    data: &'a [u8],
    at: usize,
    len: usize,
}

impl Cursor<'_> {
    /// The `n` bytes at the cursor, or `None` (print ` [|gre]`).
    fn take(&mut self, n: usize) -> Option<usize> {
        if !self.data.has(self.at, n) || self.len < n {
            return None;
        }
        let at = self.at;
        self.at += n;
        self.len -= n;
        Some(at)
    }
}

fn gre_print_0(p: &mut Printer, data: &[u8], length: usize, flags: u16) -> P {
    if p.opts.verbose > 0 {
        print_flags(p, flags);
    }
    let mut c = Cursor {
        data,
        at: 2,
        len: length - 2,
    };
    let Some(at) = c.take(2) else {
        p.trunc();
        return Ok(());
    };
    let prot = data.be16(at)?;
    if flags & (GRE_CP | GRE_RP) != 0 {
        let Some(at) = c.take(2) else {
            p.trunc();
            return Ok(());
        };
        if p.opts.verbose > 0 {
            out!(p, ", sum 0x{:x}", data.be16(at)?);
        }
        let Some(at) = c.take(2) else {
            p.trunc();
            return Ok(());
        };
        out!(p, ", off 0x{:x}", data.be16(at)?);
    }
    if flags & GRE_KP != 0 {
        let Some(at) = c.take(4) else {
            p.trunc();
            return Ok(());
        };
        out!(p, ", key=0x{:x}", data.be32(at)?);
    }
    if flags & GRE_SP != 0 {
        let Some(at) = c.take(4) else {
            p.trunc();
            return Ok(());
        };
        out!(p, ", seq {}", data.be32(at)?);
    }
    if flags & GRE_RP != 0 {
        loop {
            let Some(at) = c.take(4) else {
                p.trunc();
                return Ok(());
            };
            let af = data.be16(at)?;
            let sreoff = data.u8_at(at + 2)?;
            let srelen = data.u8_at(at + 3)?;
            if af == 0 && srelen == 0 {
                break;
            }
            if !sre_print(p, af, sreoff, srelen, data.from(c.at)?, c.len)? {
                p.trunc();
                return Ok(());
            }
            if c.len < usize::from(srelen) {
                p.trunc();
                return Ok(());
            }
            c.at += usize::from(srelen);
            c.len -= usize::from(srelen);
        }
    }
    if p.opts.link_header {
        proto_print(p, prot);
    }
    out!(p, ", length {length}");
    p.s(if p.opts.verbose < 1 { ": " } else { "\n\t" });
    let bp = data.get(c.at..).unwrap_or_default();
    let len = c.len;
    match prot {
        ethertype::IPV4 => super::ip::ip_print(p, bp, len),
        ethertype::IPV6 => super::ip6::ip6_print(p, bp, len),
        ethertype::MPLS => super::mpls::mpls_print(p, bp, len),
        ethertype::TEB => super::link::ether_print(p, bp, len),
        // OSI (`ETHERTYPE_GRE_ISO`): CLNP and ES-IS are not decoded and go
        // on as an unknown type.
        0x00fe if super::isoclns::isoclns_print(p, bp, len)? => Ok(()),
        ethertype::IPX => super::ipx::ipx_print(p, bp),
        ethertype::ATALK => super::atalk::atalk_print(p, bp, len),
        _ => {
            out!(p, "gre-proto-0x{prot:x}");
            Ok(())
        }
    }
}

/// `, proto NAME (0x…)` with `-e`.
fn proto_print(p: &mut Printer, prot: u16) {
    out!(
        p,
        ", proto {} (0x{prot:04x})",
        super::names::ethertype_name(prot).unwrap_or("unknown")
    );
}

fn gre_print_1(p: &mut Printer, data: &[u8], length: usize, flags: u16) -> P {
    if p.opts.verbose > 0 {
        print_flags(p, flags);
    }
    let mut c = Cursor {
        data,
        at: 2,
        len: length - 2,
    };
    let Some(at) = c.take(2) else {
        p.trunc();
        return Ok(());
    };
    let prot = data.be16(at)?;
    if flags & GRE_KP != 0 {
        let Some(at) = c.take(4) else {
            p.trunc();
            return Ok(());
        };
        out!(p, ", call {}", data.be32(at)? & 0xffff);
    }
    if flags & GRE_SP != 0 {
        let Some(at) = c.take(4) else {
            p.trunc();
            return Ok(());
        };
        out!(p, ", seq {}", data.be32(at)?);
    }
    if flags & GRE_AP != 0 {
        let Some(at) = c.take(4) else {
            p.trunc();
            return Ok(());
        };
        out!(p, ", ack {}", data.be32(at)?);
    }
    if flags & GRE_SP == 0 {
        p.s(", no-payload");
    }
    if p.opts.link_header {
        proto_print(p, prot);
    }
    out!(p, ", length {length}");
    if flags & GRE_SP == 0 {
        return Ok(());
    }
    p.s(if p.opts.verbose < 1 { ": " } else { "\n\t" });
    let bp = data.get(c.at..).unwrap_or_default();
    match prot {
        ethertype::PPP => {
            super::ppp::ppp_print(p, bp, c.len)?;
            Ok(())
        }
        _ => {
            out!(p, "gre-proto-0x{prot:x}");
            Ok(())
        }
    }
}

/// `gre_sre_print`: false when the entry runs past the packet.
fn sre_print(
    p: &mut Printer,
    af: u16,
    off: u8,
    len: u8,
    bp: &[u8],
    avail: usize,
) -> Result<bool, crate::decode::Trunc> {
    match af {
        GRESRE_IP => {
            p.s(", (rtaf=ip");
            let r = sre_entries(p, off, len, bp, avail, 4)?;
            p.s(")");
            Ok(r)
        }
        GRESRE_ASN => {
            p.s(", (rtaf=asn");
            let r = sre_entries(p, off, len, bp, avail, 2)?;
            p.s(")");
            Ok(r)
        }
        _ => {
            out!(p, ", (rtaf=0x{af:x})");
            Ok(true)
        }
    }
}

/// `gre_sre_ip_print` (`size` 4: addresses) and `gre_sre_asn_print`
/// (`size` 2: AS numbers in hex); the entry at offset `off` is starred.
fn sre_entries(
    p: &mut Printer,
    off: u8,
    len: u8,
    bp: &[u8],
    mut avail: usize,
    size: usize,
) -> Result<bool, crate::decode::Trunc> {
    let (off, mut len) = (usize::from(off), usize::from(len));
    if off % size != 0 {
        out!(p, ", badoffset={off}");
        return Ok(true);
    }
    if len % size != 0 {
        out!(p, ", badlength={len}");
        return Ok(true);
    }
    if off >= len {
        out!(p, ", badoff/len={off}/{len}");
        return Ok(true);
    }
    let mut at = 0;
    while len != 0 {
        if !bp.has(at, size) || avail < size {
            return Ok(false);
        }
        let star = if at == off { "*" } else { "" };
        if size == 4 {
            let a = bp.range(at, 4)?;
            out!(
                p,
                " {star}{}.{}.{}.{}",
                a.u8_at(0)?,
                a.u8_at(1)?,
                a.u8_at(2)?,
                a.u8_at(3)?
            );
        } else {
            out!(p, " {star}{:x}", bp.be16(at)?);
        }
        at += size;
        avail -= size;
        len -= size;
    }
    Ok(true)
}
