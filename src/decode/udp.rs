//! UDP (RFC 768) and SCTP's common header (RFC 9260).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Bytes, view};

view! {
    /// A UDP header.
    ///
    /// `length`: The length field (header included).
    UdpView, 8;
    src_port: u16 = 0; dst_port: u16 = 2; length: u16 = 4; checksum: u16 = 6;
}

impl<'a> UdpView<'a> {
    /// Whether either port is `port`.
    pub fn has_port(&self, port: u16) -> bool {
        self.src_port() == port || self.dst_port() == port
    }
    /// The captured payload, cut at the length field when it is sane.
    pub fn payload(&self) -> &'a [u8] {
        let p = self.data.get(Self::HEADER_LEN..).unwrap_or_default();
        match usize::from(self.length()) {
            n if n >= Self::HEADER_LEN => p.cap(n - Self::HEADER_LEN),
            _ => p,
        }
    }
}

view! {
    /// SCTP's common header: ports, verification tag, checksum; the chunks
    /// follow.
    SctpView, 12;
    src_port: u16 = 0; dst_port: u16 = 2; vtag: u32 = 4; checksum: u32 = 8;
}

impl<'a> SctpView<'a> {
    pub fn chunks(&self) -> &'a [u8] {
        self.data.get(Self::HEADER_LEN..).unwrap_or_default()
    }
}
