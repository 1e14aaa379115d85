//! MPLS label stack entries (RFC 3032) and what follows the bottom of the
//! stack, guessed as tcpdump's `mpls_print` and Wireshark do: the reserved
//! labels name it (0 IPv4 explicit null, 2 IPv6 explicit null), otherwise
//! the first nibble (4 IPv4, 6 IPv6, 0 a pseudowire control word before an
//! Ethernet frame).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Bytes, R};

/// One 4-byte label stack entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MplsLabel(pub u32);

impl MplsLabel {
    pub const LEN: usize = 4;

    pub fn parse(data: &[u8]) -> R<Self> {
        Ok(MplsLabel(data.be32(0)?))
    }
    pub fn label(&self) -> u32 {
        self.0 >> 12
    }
    /// Traffic class (the former EXP bits).
    pub fn tc(&self) -> u8 {
        ((self.0 >> 9) & 7) as u8
    }
    /// Bottom of stack.
    pub fn bottom(&self) -> bool {
        self.0 & 0x100 != 0
    }
    pub fn ttl(&self) -> u8 {
        self.0 as u8
    }
}

/// What the bytes after the bottom label hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MplsPayload {
    Ipv4,
    Ipv6,
    /// A 4-byte pseudowire control word, then an Ethernet frame.
    EthernetPw,
    Unknown,
}

/// Guesses the payload after the bottom-of-stack `label` from its first byte.
pub fn payload_kind(label: u32, first: Option<u8>) -> MplsPayload {
    match label {
        0 => return MplsPayload::Ipv4,
        2 => return MplsPayload::Ipv6,
        _ => {}
    }
    match first.map(|b| b >> 4) {
        Some(4) => MplsPayload::Ipv4,
        Some(6) => MplsPayload::Ipv6,
        Some(0) => MplsPayload::EthernetPw,
        _ => MplsPayload::Unknown,
    }
}
