//! Ethernet II / 802.3 frames and the tags that can follow the addresses:
//! 802.1Q/802.1ad VLAN tags, the 802.1ah I-TAG (PBB), Cisco's VN-Tag and
//! FabricPath header, and the 802.2 LLC/SNAP header of 802.3 frames
//! (`print-ether.c`, `print-llc.c` layouts).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Bytes, R, view};

/// A MAC address.
pub type Mac = [u8; 6];

view! {
    /// An Ethernet header: destination, source, type/length.
    ///
    /// `ethertype`: The type, or an 802.3 length when at most [`super::ethertype::MAX_LENGTH`].
    EtherView, 14;
    dst: Mac = 0; src: Mac = 6; ethertype: u16 = 12;
}

impl<'a> EtherView<'a> {
    /// The destination as the captured bytes (for printers that take slices).
    pub fn dst_bytes(&self) -> &'a [u8] {
        self.data.get(0..6).unwrap_or_default()
    }
    pub fn src_bytes(&self) -> &'a [u8] {
        self.data.get(6..12).unwrap_or_default()
    }
    /// Everything after the 14-byte header.
    pub fn payload(&self) -> &'a [u8] {
        self.data.get(Self::HEADER_LEN..).unwrap_or_default()
    }
}

view! {
    /// An FDDI header (`print-fddi.c`): frame control, destination, source;
    /// LLC frames carry an 802.2 header after it.
    FddiView, 13;
    frame_control: u8 = 0;
    /// The destination as captured (FDDI sends the addresses in the same
    /// bit order as Ethernet on the captures libpcap writes).
    dst: Mac = 1;
    src: Mac = 7;
}

/// A 4-byte tag that carries the type of what follows it: an 802.1Q/802.1ad
/// VLAN tag (TCI, type) or a VN-Tag's second half. The tag's own type is the
/// one before it.
#[derive(Clone, Copy, Debug)]
pub struct VlanTag {
    /// The tag protocol identifier that announced this tag (0x8100, 0x88a8…).
    pub tpid: u16,
    pub tci: u16,
    /// The type of what follows.
    pub ethertype: u16,
}

impl VlanTag {
    pub const LEN: usize = 4;

    /// The tag at the start of `data`, announced by `tpid`.
    pub fn parse(tpid: u16, data: &[u8]) -> R<Self> {
        Ok(VlanTag {
            tpid,
            tci: data.be16(0)?,
            ethertype: data.be16(2)?,
        })
    }
    pub fn vid(&self) -> u16 {
        self.tci & 0xfff
    }
    pub fn pcp(&self) -> u8 {
        (self.tci >> 13) as u8
    }
    pub fn dei(&self) -> bool {
        self.tci & 0x1000 != 0
    }
}

/// The 802.1ah I-TAG after type 0x88e7: priority, drop eligibility, the
/// 24-bit service instance; the customer's Ethernet header follows.
#[derive(Clone, Copy, Debug)]
pub struct PbbTag {
    pub flags: u8,
    pub isid: u32,
}

impl PbbTag {
    pub const LEN: usize = 4;

    pub fn parse(data: &[u8]) -> R<Self> {
        let w = data.be32(0)?;
        Ok(PbbTag {
            flags: (w >> 24) as u8,
            isid: w & 0x00ff_ffff,
        })
    }
}

/// Cisco's VN-Tag after type 0x8926: 4 bytes of direction, pointer,
/// virtual interfaces, then the type of what follows.
#[derive(Clone, Copy, Debug)]
pub struct VnTag {
    pub tag: u32,
    pub ethertype: u16,
}

impl VnTag {
    pub const LEN: usize = 6;

    pub fn parse(data: &[u8]) -> R<Self> {
        Ok(VnTag {
            tag: data.be32(0)?,
            ethertype: data.be16(4)?,
        })
    }
    /// The destination virtual interface.
    pub fn dst_vif(&self) -> u16 {
        ((self.tag >> 16) & 0x3fff) as u16
    }
    /// The source virtual interface.
    pub fn src_vif(&self) -> u16 {
        (self.tag & 0x0fff) as u16
    }
}

/// Cisco FabricPath: the outer header is an Ethernet header whose
/// addresses are switch ids and whose type is 0x8903, then these 2 bytes
/// (a 10-bit forwarding tag, a 6-bit TTL), then the classical Ethernet
/// frame (destination, source, type); Wireshark's `packet-cfp.c`, Zeek's
/// `EthernetAnalyzer` (16 bytes skipped from the outer header's start).
#[derive(Clone, Copy, Debug)]
pub struct FabricPathTag(pub u16);

impl FabricPathTag {
    pub const LEN: usize = 2;

    pub fn parse(data: &[u8]) -> R<Self> {
        Ok(FabricPathTag(data.be16(0)?))
    }
    pub fn ftag(&self) -> u16 {
        self.0 >> 6
    }
    pub fn ttl(&self) -> u8 {
        (self.0 & 0x3f) as u8
    }
}

/// An 802.2 LLC header: 3 bytes for unnumbered frames, 4 otherwise.
#[derive(Clone, Copy, Debug)]
pub struct Llc {
    /// The DSAP and SSAP fields (their low bits: group / response).
    pub dsap: u8,
    pub ssap: u8,
    /// The control field (16 bits for I and S frames, byte-swapped as
    /// `print-llc.c` reads it).
    pub control: u16,
    pub header_len: usize,
}

impl Llc {
    pub fn parse(data: &[u8]) -> R<Self> {
        let dsap = data.u8_at(0)?;
        let ssap = data.u8_at(1)?;
        let c = data.u8_at(2)?;
        let (control, header_len) = if c & 3 == 3 {
            (u16::from(c), 3)
        } else {
            (data.be16(2)?.swap_bytes(), 4)
        };
        Ok(Llc {
            dsap,
            ssap,
            control,
            header_len,
        })
    }
    /// Unnumbered (U) format.
    pub fn is_unnumbered(&self) -> bool {
        self.header_len == 3
    }
    /// A SNAP header follows (SAP 0xaa both ways, UI).
    pub fn is_snap(&self) -> bool {
        self.dsap & !1 == 0xaa && self.ssap & !1 == 0xaa && self.control == 3
    }
    /// IP straight after LLC (SAP 0x06 both ways, UI).
    pub fn is_ip(&self) -> bool {
        self.dsap & !1 == 0x06 && self.ssap & !1 == 0x06 && self.control == 3
    }
}

/// The 5-byte SNAP header: an OUI and a protocol id.
#[derive(Clone, Copy, Debug)]
pub struct Snap {
    pub oui: u32,
    pub pid: u16,
}

impl Snap {
    pub const LEN: usize = 5;

    pub fn parse(data: &[u8]) -> R<Self> {
        let h = data.range(0, Self::LEN)?;
        Ok(Snap {
            oui: h.be24(0)?,
            pid: h.be16(3)?,
        })
    }
    /// The Ethernet type the protocol id is, for the OUIs whose ids are
    /// Ethernet types (RFC 1042's 0, Cisco's 0xf8).
    pub fn ethertype(&self) -> Option<u16> {
        matches!(self.oui, 0 | 0xf8).then_some(self.pid)
    }
}
