//! ICMP for IPv4 (`print-icmp.c`), default (non-verbose) output.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::{Bytes, IpAddrs};

/// `icmp_print`.
pub(super) fn icmp_print(
    p: &mut Printer,
    data: &[u8],
    length: usize,
    _ip: IpAddrs<'_>,
    _fragmented: bool,
) -> P {
    p.protocol = "icmp";
    let ty = data.u8_at(0)?;
    let _code = data.u8_at(1)?;
    match ty {
        0 | 8 => out!(
            p,
            "ICMP echo {}, id {}, seq {}, length {length}",
            if ty == 8 { "request" } else { "reply" },
            data.be16(4)?,
            data.be16(6)?
        ),
        _ => out!(p, "ICMP type-#{ty}, length {length}"),
    }
    Ok(())
}
