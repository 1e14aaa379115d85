//! UDP tunnels: VXLAN (RFC 7348, port 4789) and Geneve (RFC 8926, port 6081)
//! carrying Ethernet frames (Geneve: whatever its protocol type names), and
//! Teredo (RFC 4380, port 3544) carrying IPv6 after optional authentication
//! and origin-indication headers. The ports are the ones tcpdump's
//! `udp_print` and Zeek dispatch on.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Bytes, R};

pub const VXLAN_PORT: u16 = 4789;
pub const GENEVE_PORT: u16 = 6081;
pub const TEREDO_PORT: u16 = 3544;

/// The 24-bit network identifier at byte 4 of a VXLAN or Geneve header.
pub fn vni(data: &[u8]) -> R<u32> {
    let b = data.range(4, 3)?;
    Ok(u32::from(b.u8_at(0)?) << 16 | u32::from(b.u8_at(1)?) << 8 | u32::from(b.u8_at(2)?))
}

/// The VXLAN header: flags (I = VNI valid), the 24-bit network identifier.
#[derive(Clone, Copy, Debug)]
pub struct VxlanView<'a> {
    data: &'a [u8],
}

impl<'a> VxlanView<'a> {
    pub const HEADER_LEN: usize = 8;

    pub fn new_checked(data: &'a [u8]) -> R<Self> {
        data.range(0, Self::HEADER_LEN)?;
        Ok(VxlanView { data })
    }
    pub fn flags(&self) -> u8 {
        self.data.u8_at(0).unwrap_or(0)
    }
    pub fn vni(&self) -> u32 {
        vni(self.data).unwrap_or(0)
    }
    pub fn payload(&self) -> &'a [u8] {
        self.data.get(Self::HEADER_LEN..).unwrap_or_default()
    }
}

/// The Geneve header: version, options length (in 4-byte words), flags,
/// protocol type, VNI; the options follow the 8 fixed bytes.
#[derive(Clone, Copy, Debug)]
pub struct GeneveView<'a> {
    data: &'a [u8],
}

impl<'a> GeneveView<'a> {
    pub const HEADER_LEN: usize = 8;

    pub fn new_checked(data: &'a [u8]) -> R<Self> {
        data.range(0, Self::HEADER_LEN)?;
        Ok(GeneveView { data })
    }
    pub fn version(&self) -> u8 {
        self.data.u8_at(0).unwrap_or(0) >> 6
    }
    /// The options' length in bytes.
    pub fn options_len(&self) -> usize {
        usize::from(self.data.u8_at(0).unwrap_or(0) & 0x3f) * 4
    }
    pub fn flags(&self) -> u8 {
        self.data.u8_at(1).unwrap_or(0)
    }
    pub fn protocol(&self) -> u16 {
        self.data.be16(2).unwrap_or(0)
    }
    pub fn vni(&self) -> u32 {
        vni(self.data).unwrap_or(0)
    }
    pub fn reserved(&self) -> u8 {
        self.data.u8_at(7).unwrap_or(0)
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
