//! MPTCP options (`print-mptcp.c`): `mptcp LEN SUBTYPE ...` inside TCP's
//! option list.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Printer, out};
use crate::decode::{Bytes, R};

/// `mptcp_print`: `opt` is the whole option (kind, length, data), cut at its
/// end; `Ok(false)` is tcpdump's 0 (the caller prints `[bad opt]`).
pub(super) fn mptcp_print(p: &mut Printer, opt: &[u8], len: usize, _flags: u8) -> R<bool> {
    let subtype = opt.u8_at(2)? >> 4;
    out!(p, " {len} subtype-{subtype}");
    Ok(true)
}
