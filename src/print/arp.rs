//! ARP and RARP (`print-arp.c`), default output.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::arp::ArpView;

/// `arp_print`.
pub(super) fn arp_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.protocol = "arp";
    let a = ArpView::new(data);
    let op = a.op()?;
    out!(p, "ARP, op {op}, length {length}");
    Ok(())
}
