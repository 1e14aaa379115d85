//! GRE (RFC 2784/2890 version 0, RFC 2637 version 1 for PPTP) and the ERSPAN
//! headers that GRE carries (type II: 8 bytes; type III: 12, plus an 8-byte
//! platform sub-header when its O bit is set; type I has no header of its
//! own). The protocol field is an Ethernet type ([`super::ethertype`]),
//! except Aruba's ([`is_aruba_wlan`]).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Bytes, R, Trunc};

/// The GRE protocol types of Aruba's access points, which carry 802.11
/// frames: 0x8200 to 0x8370 in steps of 0x10, and 0x9000 (the values
/// Wireshark's `packet-gre.c` names ARUBA WLAN and Zeek's IP tunnel
/// analyzer hands to its 802.11 analyzer).
pub fn is_aruba_wlan(protocol: u16) -> bool {
    (0x8200..=0x8370).contains(&protocol) && protocol & 0xf == 0 || protocol == 0x9000
}

pub const GRE_CP: u16 = 0x8000;
pub const GRE_RP: u16 = 0x4000;
pub const GRE_KP: u16 = 0x2000;
pub const GRE_SP: u16 = 0x1000;
pub const GRE_SSR: u16 = 0x0800;
/// Version 1: an acknowledgment number is present.
pub const GRE_AP: u16 = 0x0080;
pub const GRE_VERS_MASK: u16 = 0x0007;

#[derive(Clone, Copy, Debug)]
pub struct GreView<'a> {
    data: &'a [u8],
    header_len: usize,
}

impl<'a> GreView<'a> {
    /// Proves the fixed 4 bytes and the optional fields the flags announce,
    /// RFC 1701 source route entries included (as `gre_print_0` walks them).
    pub fn new_checked(data: &'a [u8]) -> R<Self> {
        let flags = data.be16(0)?;
        data.be16(2)?;
        let mut len = 4;
        match flags & GRE_VERS_MASK {
            0 => {
                if flags & (GRE_CP | GRE_RP) != 0 {
                    len += 4;
                }
                if flags & GRE_KP != 0 {
                    len += 4;
                }
                if flags & GRE_SP != 0 {
                    len += 4;
                }
                if flags & GRE_RP != 0 {
                    // RFC 1701 source route entries, up to the null one.
                    loop {
                        let af = data.be16(len)?;
                        let sre_len = usize::from(data.u8_at(len + 3)?);
                        len += 4;
                        if af == 0 && sre_len == 0 {
                            break;
                        }
                        len += sre_len;
                    }
                }
            }
            1 => {
                // PPTP: the key field (payload length, call id) is always there.
                len += 4;
                if flags & GRE_SP != 0 {
                    len += 4;
                }
                if flags & GRE_AP != 0 {
                    len += 4;
                }
            }
            _ => {}
        }
        data.range(0, len).map_err(|_| Trunc)?;
        Ok(GreView {
            data,
            header_len: len,
        })
    }
    pub fn flags(&self) -> u16 {
        self.data.be16(0).unwrap_or(0)
    }
    pub fn version(&self) -> u16 {
        self.flags() & GRE_VERS_MASK
    }
    pub fn protocol(&self) -> u16 {
        self.data.be16(2).unwrap_or(0)
    }
    pub fn header_len(&self) -> usize {
        self.header_len
    }
    pub fn routing(&self) -> bool {
        self.version() == 0 && self.flags() & GRE_RP != 0
    }
    fn field(&self, n: usize) -> u32 {
        self.data.be32(4 + 4 * n).unwrap_or(0)
    }
    pub fn checksum(&self) -> Option<u16> {
        (self.version() == 0 && self.flags() & (GRE_CP | GRE_RP) != 0)
            .then(|| (self.field(0) >> 16) as u16)
    }
    pub fn key(&self) -> Option<u32> {
        let f = self.flags();
        if f & GRE_KP == 0 {
            return None;
        }
        let skip = usize::from(self.version() == 0 && f & (GRE_CP | GRE_RP) != 0);
        Some(self.field(skip))
    }
    pub fn sequence(&self) -> Option<u32> {
        let f = self.flags();
        if f & GRE_SP == 0 {
            return None;
        }
        let mut n = 0;
        if self.version() == 0 && f & (GRE_CP | GRE_RP) != 0 {
            n += 1;
        }
        if f & GRE_KP != 0 || self.version() == 1 {
            n += 1;
        }
        Some(self.field(n))
    }
    pub fn payload(&self) -> &'a [u8] {
        self.data.get(self.header_len..).unwrap_or_default()
    }
}

/// Which ERSPAN header a GRE packet carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErspanType {
    /// No header: the mirrored frame follows GRE (0x88be without a sequence number).
    I,
    II,
    III,
}

#[derive(Clone, Copy, Debug)]
pub struct ErspanView<'a> {
    pub kind: ErspanType,
    data: &'a [u8],
    header_len: usize,
}

impl<'a> ErspanView<'a> {
    /// The ERSPAN header after a GRE header with protocol 0x88be (type I
    /// when GRE has no sequence number, else II) or 0x22eb (III).
    pub fn new_checked(gre: &GreView<'a>) -> R<Self> {
        let data = gre.payload();
        let kind = match gre.protocol() {
            super::ethertype::ERSPAN_III => ErspanType::III,
            _ if gre.sequence().is_none() => ErspanType::I,
            _ => ErspanType::II,
        };
        let header_len = match kind {
            ErspanType::I => 0,
            ErspanType::II => 8,
            ErspanType::III => {
                let flags = data.be16(10)?;
                if flags & 1 != 0 { 20 } else { 12 }
            }
        };
        data.range(0, header_len)?;
        Ok(ErspanView {
            kind,
            data,
            header_len,
        })
    }
    pub fn header_len(&self) -> usize {
        self.header_len
    }
    pub fn version(&self) -> u8 {
        self.data.u8_at(0).map_or(0, |b| b >> 4)
    }
    pub fn vlan(&self) -> u16 {
        self.data.be16(0).map_or(0, |w| w & 0xfff)
    }
    pub fn session(&self) -> u16 {
        self.data.be16(2).map_or(0, |w| w & 0x3ff)
    }
    /// The mirrored Ethernet frame.
    pub fn payload(&self) -> &'a [u8] {
        self.data.get(self.header_len..).unwrap_or_default()
    }
}
