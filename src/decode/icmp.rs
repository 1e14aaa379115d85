//! ICMP (RFC 792) and ICMPv6 (RFC 4443) headers: type, code, checksum, and
//! for error messages the quoted packet after the 8-byte header.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Bytes, R, view};

pub const ICMP_UNREACH: u8 = 3;
pub const ICMP6_DST_UNREACH: u8 = 1;

view! {
    /// An ICMP or ICMPv6 header (type, code, checksum).
    IcmpView, 4;
    icmp_type: u8 = 0; code: u8 = 1; checksum: u16 = 2;
}

impl<'a> IcmpView<'a> {
    /// The header before an error's quoted packet.
    pub const ERROR_HEADER_LEN: usize = 8;

    /// What an error message quotes (the offending packet from its IP
    /// header on).
    pub fn quoted(&self) -> R<&'a [u8]> {
        self.data.from(Self::ERROR_HEADER_LEN)
    }
}
