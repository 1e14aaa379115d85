//! Evaluation of a parsed filter over one packet's captured bytes.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::ast::Expr;
use crate::packet::LinkType;

/// Whether a packet of `link` with captured `data` and `wire_len` bytes on the
/// wire passes `expr`, exactly as libpcap's compiled BPF decides.
pub fn matches(expr: &Expr, link: LinkType, data: &[u8], wire_len: u32) -> bool {
    let _ = (expr, link, data, wire_len);
    false
}
