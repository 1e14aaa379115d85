//! VXLAN (`print-vxlan.c`, UDP port 4789): the 8-byte header, a newline,
//! then the encapsulated Ethernet frame.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::Bytes;

const VXLAN_HDR_LEN: usize = 8;

/// `vxlan_print`.
pub(super) fn vxlan_print(p: &mut Printer, data: &[u8], len: usize) -> P {
    p.protocol = "vxlan";
    p.s("VXLAN");
    if len < VXLAN_HDR_LEN {
        p.s(" (invalid)");
        return Ok(());
    }
    let flags = data.u8_at(0)?;
    // bittok2str_nosep over { 0x08, "I" } with "invalid" when none is set.
    out!(
        p,
        ", flags [{}] (0x{flags:02x}), ",
        if flags & 0x08 != 0 { "I" } else { "invalid" }
    );
    let b = data.range(4, 3)?;
    let vni = u32::from(b.u8_at(0)?) << 16 | u32::from(b.u8_at(1)?) << 8 | u32::from(b.u8_at(2)?);
    out!(p, "vni {vni}\n");
    data.u8_at(7)?;
    super::link::ether_print(p, data.from(VXLAN_HDR_LEN)?, len - VXLAN_HDR_LEN)
}

#[cfg(test)]
mod tests {
    use crate::print::{PrintOptions, Printer};

    #[test]
    fn short_header_is_invalid() {
        let mut p = Printer::new(PrintOptions::default());
        assert!(super::vxlan_print(&mut p, &[0x08, 0, 0], 3).is_ok());
        assert_eq!(p.line, b"VXLAN (invalid)");
    }
}
