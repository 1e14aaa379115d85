//! ICMPv6 (`print-icmp6.c`), default (non-verbose) output.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::{Bytes, IpAddrs};

/// `icmp6_print`.
pub(super) fn icmp6_print(
    p: &mut Printer,
    data: &[u8],
    length: usize,
    _ip: IpAddrs<'_>,
    _fragmented: bool,
) -> P {
    p.protocol = "icmp6";
    let ty = data.u8_at(0)?;
    p.s("ICMP6, ");
    match ty {
        128 => out!(
            p,
            "echo request, id {}, seq {}",
            data.be16(4)?,
            data.be16(6)?
        ),
        129 => out!(p, "echo reply, id {}, seq {}", data.be16(4)?, data.be16(6)?),
        _ => out!(p, "type-#{ty}"),
    }
    out!(p, ", length {length}");
    Ok(())
}
