//! VXLAN (`print-vxlan.c`, UDP port 4789): the 8-byte header, a newline,
//! then the encapsulated Ethernet frame; and its relatives of the same
//! shape: VXLAN-GPE (`print-vxlan-gpe.c`, UDP 4790: IPv4, IPv6, Ethernet
//! or NSH by its next-protocol field) and Cisco's OTV (`print-otv.c`, UDP
//! 8472, Ethernet).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::tok::{BitTok, bittok2str_nosep};
use super::{P, Printer, out};
use crate::decode::Bytes;
use crate::decode::tunnel::{self, VxlanView};

/// `vxlan_flags`.
const FLAGS: &BitTok = &[(0x08, "I")];

/// `vxlan_print`.
pub(super) fn vxlan_print(p: &mut Printer, data: &[u8], len: usize) -> P {
    p.cur.protocol = "vxlan";
    p.s("VXLAN");
    if len < VxlanView::HEADER_LEN {
        p.s(" (invalid)");
        return Ok(());
    }
    let flags = data.u8_at(0)?;
    p.s(", flags [");
    bittok2str_nosep(p, FLAGS, "invalid", u32::from(flags));
    out!(p, "] (0x{flags:02x}), ");
    out!(p, "vni {}\n", tunnel::vni(data)?);
    // The reserved byte is read after the VNI is printed.
    let v = VxlanView::new_checked(data)?;
    super::link::ether_print(p, v.payload(), len - VxlanView::HEADER_LEN)
}

/// `vxlan_gpe_flags`.
const GPE_FLAGS: &BitTok = &[(0x08, "I"), (0x04, "P"), (0x02, "B"), (0x01, "O")];

/// The header's length, VXLAN-GPE's and OTV's.
const HDR: usize = 8;

/// `vxlan_gpe_print`.
pub(super) fn vxlan_gpe_print(p: &mut Printer, d: &[u8], len: usize) -> P {
    p.cur.protocol = "vxlan_gpe";
    p.s("VXLAN-GPE, ");
    if len < HDR {
        out!(p, " (len {len} < {HDR})");
        p.s(" (invalid)");
        return Ok(());
    }
    let flags = d.u8_at(0)?;
    p.s("flags [");
    bittok2str_nosep(p, GPE_FLAGS, "none", u32::from(flags));
    p.s("], ");
    let next = d.u8_at(3)?;
    let vni = d.be24(4)?;
    // The reserved byte must be captured before the VNI is printed.
    d.u8_at(7)?;
    out!(p, "vni {vni}");
    p.s(if p.opts.verbose > 0 { "\n    " } else { ": " });
    let (rest, len) = (d.get(HDR..).unwrap_or(&[]), len - HDR);
    match next {
        0x1 => super::ip::ip_print(p, rest, len),
        0x2 => super::ip6::ip6_print(p, rest, len),
        0x3 => super::link::ether_print(p, rest, len),
        0x4 => super::nsh::nsh_print(p, rest, len),
        _ => {
            p.s("ERROR: unknown-next-protocol");
            p.s(" (invalid)");
            Ok(())
        }
    }
}

/// `otv_print`.
pub(super) fn otv_print(p: &mut Printer, d: &[u8], len: usize) -> P {
    p.cur.protocol = "otv";
    p.s("OTV, ");
    if len < HDR {
        out!(p, "[length {len} < {HDR}]");
        p.s(" (invalid)");
        // tcpdump then checks that the whole datagram was captured.
        return if d.has(0, len) {
            Ok(())
        } else {
            Err(crate::decode::Trunc)
        };
    }
    let flags = d.u8_at(0)?;
    out!(
        p,
        "flags [{}] (0x{flags:02x}), ",
        if flags & 0x08 != 0 { "I" } else { "." }
    );
    out!(p, "overlay {}, ", d.be24(1)?);
    out!(p, "instance {}\n", d.be24(4)?);
    d.u8_at(7)?;
    super::link::ether_print(p, d.get(HDR..).unwrap_or(&[]), len - HDR)
}

#[cfg(test)]
mod tests {
    use crate::print::{PrintOptions, Printer};

    #[test]
    fn short_header_is_invalid() {
        let mut p = Printer::new(PrintOptions::default());
        assert!(super::vxlan_print(&mut p, &[0x08, 0, 0], 3).is_ok());
        assert_eq!(p.buf.line, b"VXLAN (invalid)");
    }
}
