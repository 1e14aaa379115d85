//! Geneve (`print-geneve.c`, UDP port 6081): flags, VNI, options (their
//! length, or each option under `-v`), then the payload by its ethertype.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::tok::{BitTok, bittok2str_nosep};
use super::{P, Printer, out};
use crate::decode::tunnel::GeneveView;
use crate::decode::{Bytes, ethertype};

const OPT_TYPE_CRITICAL: u8 = 1 << 7;
const OPT_LEN_MASK: u8 = 0x1F;

/// `geneve_flag_values`.
const FLAGS: &BitTok = &[
    (1 << 7, "O"),
    (1 << 6, "C"),
    (1 << 5, "R1"),
    (1 << 4, "R2"),
    (1 << 3, "R3"),
    (1 << 2, "R4"),
    (1 << 1, "R5"),
    (1 << 0, "R6"),
];

/// `format_opt_class`.
fn opt_class_name(class: u16) -> &'static str {
    match class {
        0x0100 => "Linux",
        0x0101 => "Open vSwitch",
        0x0102 => "Open Virtual Networking (OVN)",
        0x0103 => "In-band Network Telemetry (INT)",
        0x0104 => "VMware",
        0..=0x00ff => "Standard",
        0xfff0.. => "Experimental",
        _ => "Unknown",
    }
}

/// `geneve_opts_print`: `data` holds at least `len` bytes.
fn opts_print(p: &mut Printer, data: &[u8], mut len: usize) -> P {
    let mut sep = "";
    let mut at = 0;
    while len > 0 {
        p.s(sep);
        sep = ", ";
        let class = data.be16(at)?;
        let ty = data.u8_at(at + 2)?;
        let opt_len = 4 + usize::from(data.u8_at(at + 3)? & OPT_LEN_MASK) * 4;
        out!(
            p,
            "class {} (0x{class:x}) type 0x{ty:x}{} len {opt_len}",
            opt_class_name(class),
            if ty & OPT_TYPE_CRITICAL != 0 {
                "(C)"
            } else {
                ""
            }
        );
        if opt_len > len {
            p.s(" [bad length]");
            return Ok(());
        }
        if p.opts.verbose > 1 && opt_len > 4 {
            p.s(" data");
            let mut i = 4;
            while i < opt_len {
                let w = data.be32(at + i)?;
                out!(p, " {w:08x}");
                i += 4;
            }
        }
        at += opt_len;
        len -= opt_len;
    }
    Ok(())
}

/// `geneve_print`.
pub(super) fn geneve_print(p: &mut Printer, data: &[u8], mut len: usize) -> P {
    p.cur.protocol = "geneve";
    p.s("Geneve");
    if len < 8 {
        out!(p, " [length {len} < 8]");
        p.s(" (invalid)");
        return Ok(());
    }
    let g = GeneveView::new_checked(data)?;
    if g.version() != 0 {
        out!(p, " ERROR: unknown-version {}", g.version());
        return Ok(());
    }
    let (flags, prot, vni, reserved) = (g.flags(), g.protocol(), g.vni(), g.reserved());
    len -= GeneveView::HEADER_LEN;
    p.s(", Flags [");
    bittok2str_nosep(p, FLAGS, "none", u32::from(flags));
    out!(p, "], vni 0x{vni:x}");
    if reserved != 0 {
        out!(p, ", rsvd 0x{reserved:x}");
    }
    if p.opts.link_header {
        out!(
            p,
            ", proto {} (0x{prot:04x})",
            super::names::ethertype_name(prot).unwrap_or("unknown")
        );
    }
    let opts_len = g.options_len();
    if len < opts_len {
        out!(p, " truncated-geneve - {} bytes missing", opts_len - len);
        return Ok(());
    }
    let opts = data.range(GeneveView::HEADER_LEN, opts_len)?;
    if opts_len > 0 {
        p.s(", options [");
        if p.opts.verbose > 0 {
            opts_print(p, opts, opts_len)?;
        } else {
            out!(p, "{opts_len} bytes");
        }
        p.s("]");
    }
    len -= opts_len;
    p.s(if p.opts.verbose < 1 { ": " } else { "\n\t" });
    let payload = data.from(g.header_len())?;
    if !super::link::ethertype_print(p, prot, payload, len, None)? {
        if prot == ethertype::TEB {
            super::link::ether_print(p, payload, len)?;
        } else {
            out!(p, "geneve-proto-0x{prot:x}");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::print::{PrintOptions, Printer};

    fn geneve(verbose: u8, data: &[u8]) -> String {
        let mut p = Printer::new(PrintOptions {
            numeric: 2,
            verbose,
            ..Default::default()
        });
        let r = super::geneve_print(&mut p, data, data.len());
        assert!(r.is_ok());
        String::from_utf8_lossy(&p.buf.line).into_owned()
    }

    /// The option of geneve.pcap; `-vv` text as in tcpdump's geneve-vv.out.
    #[test]
    fn options_by_verbosity() {
        let pkt = [
            0x02, 0x40, 0x12, 0x34, 0, 0, 0x0a, 0, 0, 0, 0x80, 0x01, 0, 0, 0, 0x0c,
        ];
        assert_eq!(
            geneve(0, &pkt),
            "Geneve, Flags [C], vni 0xa, options [8 bytes]: geneve-proto-0x1234"
        );
        assert_eq!(
            geneve(1, &pkt),
            "Geneve, Flags [C], vni 0xa, options [class Standard (0x0) type 0x80(C) len 8]\n\tgeneve-proto-0x1234"
        );
        assert_eq!(
            geneve(2, &pkt),
            "Geneve, Flags [C], vni 0xa, options [class Standard (0x0) type 0x80(C) len 8 data 0000000c]\n\tgeneve-proto-0x1234"
        );
    }
}
