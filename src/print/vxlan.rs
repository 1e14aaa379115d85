//! VXLAN (`print-vxlan.c`, UDP port 4789): the 8-byte header, a newline,
//! then the encapsulated Ethernet frame.
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
