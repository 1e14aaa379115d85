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

/// What tcpdump's `mpls_print` guesses follows the bottom label: the
/// reserved labels 0 and 3 (IPv4 explicit and implicit null) and 2 (IPv6
/// explicit null) name it; otherwise the first byte does (0x45-0x4f IPv4,
/// 0x60-0x6f IPv6, 0x81-0x83 OSI). Narrower than [`payload_kind`], which
/// the analyzer uses; the printer must guess as tcpdump does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TcpdumpGuess {
    Ipv4,
    Ipv6,
    Osi,
    Unknown,
}

/// `mpls_print`'s guess after the bottom-of-stack `label`; `first` is the
/// payload's first byte (`None` only for the labels that need none).
pub fn tcpdump_guess(label: u32, first: Option<u8>) -> TcpdumpGuess {
    match label {
        0 | 3 => TcpdumpGuess::Ipv4,
        2 => TcpdumpGuess::Ipv6,
        _ => match first {
            Some(0x45..=0x4f) => TcpdumpGuess::Ipv4,
            Some(0x60..=0x6f) => TcpdumpGuess::Ipv6,
            Some(0x81..=0x83) => TcpdumpGuess::Osi,
            _ => TcpdumpGuess::Unknown,
        },
    }
}
