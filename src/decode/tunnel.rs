//! UDP tunnels: VXLAN (RFC 7348, port 4789) and Geneve (RFC 8926, port 6081)
//! carrying Ethernet frames (Geneve: whatever its protocol type names), and
//! Teredo (RFC 4380, port 3544) carrying IPv6 after optional authentication
//! and origin-indication headers. The ports are the ones tcpdump's
//! `udp_print` and Zeek dispatch on.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Bytes, R, view};

pub const VXLAN_PORT: u16 = 4789;
pub const GENEVE_PORT: u16 = 6081;
pub const TEREDO_PORT: u16 = 3544;

/// The 24-bit network identifier at byte 4 of a VXLAN or Geneve header.
pub fn vni(data: &[u8]) -> R<u32> {
    let b = data.range(4, 3)?;
    Ok(u32::from(b.u8_at(0)?) << 16 | u32::from(b.u8_at(1)?) << 8 | u32::from(b.u8_at(2)?))
}

view! {
    /// The VXLAN header: flags (I = VNI valid), the 24-bit network identifier.
    VxlanView, 8;
    flags: u8 = 0;
}

impl<'a> VxlanView<'a> {
    pub fn vni(&self) -> u32 {
        vni(self.data).unwrap_or(0)
    }
    pub fn payload(&self) -> &'a [u8] {
        self.data.get(Self::HEADER_LEN..).unwrap_or_default()
    }
}

view! {
    /// The Geneve header: version, options length (in 4-byte words), flags,
    /// protocol type, VNI; the options follow the 8 fixed bytes.
    GeneveView, 8;
    ver_opt_len: u8 = 0; flags: u8 = 1; protocol: u16 = 2; reserved: u8 = 7;
}

impl<'a> GeneveView<'a> {
    pub fn version(&self) -> u8 {
        self.ver_opt_len() >> 6
    }
    /// The options' length in bytes.
    pub fn options_len(&self) -> usize {
        usize::from(self.ver_opt_len() & 0x3f) * 4
    }
    pub fn vni(&self) -> u32 {
        vni(self.data).unwrap_or(0)
    }
    pub fn options(&self) -> &'a [u8] {
        self.data
            .get(Self::HEADER_LEN..)
            .unwrap_or_default()
            .cap(self.options_len())
    }
    pub fn header_len(&self) -> usize {
        Self::HEADER_LEN + self.options_len()
    }
    /// What follows the options (empty when they run past the capture).
    pub fn payload(&self) -> &'a [u8] {
        self.data.get(self.header_len()..).unwrap_or_default()
    }
}

/// The offset of the IPv6 packet in a Teredo payload, skipping an
/// authentication header (0x0001: id and auth lengths, nonce, confirmation)
/// and an origin indication (0x0000, 8 bytes); `None` when what is left
/// does not start like IPv6.
pub fn teredo_ipv6_offset(data: &[u8]) -> Option<usize> {
    let mut at = 0;
    if data.be16(at).ok()? == 0x0001 {
        let id_len = usize::from(data.u8_at(at + 2).ok()?);
        let auth_len = usize::from(data.u8_at(at + 3).ok()?);
        at += 4 + id_len + auth_len + 8 + 1;
    }
    if data.be16(at).ok()? == 0x0000 {
        at += 8;
    }
    (data.u8_at(at).ok()? >> 4 == 6 && data.has(at, 40)).then_some(at)
}
