//! Broadcom's lawful-intercept shim (UDP from port 49152) as tcpdump 4.99's
//! `print-bcm-li.c` prints it: the shim's direction, packet type and
//! subtype and intercept ID; `-v` on its own lines, then the intercepted
//! Ethernet frame, IPv4 or IPv6 packet (an undecided type by its first
//! nibble).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::Bytes;

pub(super) const BCM_LI_PORT: u16 = 49152;

const SHIM_LEN: usize = 4;

const TYPE_UNDECIDED: u32 = 4;
const TYPE_IPV4: u32 = 5;
const TYPE_IPV6: u32 = 6;
const TYPE_ETHERNET: u32 = 7;

/// `bcm_li_print`; `length` is the UDP payload's length.
pub(super) fn bcm_li_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "bcm_li";
    if length < SHIM_LEN {
        out!(p, " (length {length} < {SHIM_LEN})");
        p.s(" (invalid)");
        return Ok(());
    }
    let shim = d.be32(0)?;
    let direction = match (shim >> 29) & 0x7 {
        1 => "unused",
        2 => "egress",
        3 => "ingress",
        _ => "unknown",
    };
    let pkt_type = (shim >> 25) & 0xf;
    let type_name = match pkt_type {
        TYPE_UNDECIDED => "undecided",
        TYPE_IPV4 => "ipv4",
        TYPE_IPV6 => "ipv6",
        TYPE_ETHERNET => "ethernet",
        _ => "unknown",
    };
    let subtype = match (shim >> 22) & 0x7 {
        1 => "single VLAN tag",
        2 => "double VLAN tag",
        3 => "untagged",
        _ => "unknown",
    };
    let length = length - SHIM_LEN;
    let bp = d.from(SHIM_LEN)?;
    let nl = if p.opts.verbose > 0 { "\n    " } else { "" };
    out!(
        p,
        "{nl}BCM-LI-SHIM: direction {direction}, pkt-type {type_name}, pkt-subtype {subtype}, li-id {}{nl}",
        shim & 0x3fffff
    );
    if p.opts.verbose == 0 {
        bp.range(0, length)?;
        return Ok(());
    }
    match pkt_type {
        TYPE_ETHERNET => super::link::ether_print(p, bp, length),
        TYPE_IPV4 => super::ip::ip_print(p, bp, length),
        TYPE_IPV6 => super::ip6::ip6_print(p, bp, length),
        TYPE_UNDECIDED => match bp.u8_at(0)? >> 4 {
            4 => super::ip::ip_print(p, bp, length),
            6 => super::ip6::ip6_print(p, bp, length),
            _ => {
                p.s("unknown payload");
                Ok(())
            }
        },
        _ => {
            p.s(" (invalid)");
            Ok(())
        }
    }
}
