//! IEEE 802.11 data frames as tunnels carry them (Aruba's access points
//! send their clients' frames to the controller in GRE, protocol types
//! 0x8200-0x8370 and 0x9000): the MAC header (24 bytes; 30 with the fourth
//! address of a frame both to and from the distribution system; the QoS
//! control field of QoS subtypes, and their HT control field when the order
//! bit is set), then an 802.2 LLC/SNAP header, or A-MSDU subframes (each a
//! destination, a source and a length, then LLC/SNAP) when the QoS control
//! field says so (Zeek's `IEEE802_11Analyzer`, Wireshark's `packet-ieee80211.c`).
//! The multi-byte fields of the MAC header are little-endian; an A-MSDU
//! subframe's length is big-endian.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::ether::Mac;
use super::{Bytes, view};

/// The 802.11 frame type of data frames.
pub const TYPE_DATA: u8 = 2;
const TO_DS: u8 = 0x01;
const FROM_DS: u8 = 0x02;
const MORE_FRAGMENTS: u8 = 0x04;
const PROTECTED: u8 = 0x40;
const ORDER: u8 = 0x80;
/// Subtype bits: QoS, and "no data" (null function, CF-Ack/Poll without data).
const SUBTYPE_QOS: u8 = 0x8;
const SUBTYPE_NO_DATA: u8 = 0x4;

view! {
    /// An 802.11 MAC header: frame control (type and subtype, then flags),
    /// duration, three addresses, sequence control; the fourth address, QoS
    /// control and HT control follow when the frame control says so.
    Ieee80211View, 24;
    frame_control: u8 = 0; flags: u8 = 1;
}

impl<'a> Ieee80211View<'a> {
    pub fn frame_type(&self) -> u8 {
        (self.frame_control() >> 2) & 3
    }
    pub fn subtype(&self) -> u8 {
        self.frame_control() >> 4
    }
    /// A data frame whose subtype carries a frame body.
    pub fn has_data(&self) -> bool {
        self.frame_type() == TYPE_DATA && self.subtype() & SUBTYPE_NO_DATA == 0
    }
    pub fn is_qos(&self) -> bool {
        self.frame_type() == TYPE_DATA && self.subtype() & SUBTYPE_QOS != 0
    }
    /// The body is encrypted (WEP, TKIP, CCMP…).
    pub fn protected(&self) -> bool {
        self.flags() & PROTECTED != 0
    }
    pub fn more_fragments(&self) -> bool {
        self.flags() & MORE_FRAGMENTS != 0
    }
    /// The fragment number (the low 4 bits of the sequence control field).
    pub fn fragment(&self) -> u8 {
        self.data.u8_at(22).map_or(0, |b| b & 0xf)
    }
    /// Where the QoS control field would be: after three addresses and the
    /// sequence control (24), or four (30).
    fn qos_offset(&self) -> usize {
        if self.flags() & (TO_DS | FROM_DS) == TO_DS | FROM_DS {
            Self::HEADER_LEN + 6
        } else {
            Self::HEADER_LEN
        }
    }
    /// The MAC header's length: 24, 30 with four addresses, +2 for QoS
    /// control, +4 for HT control (QoS frames with the order bit).
    pub fn header_len(&self) -> usize {
        let mut len = self.qos_offset();
        if self.is_qos() {
            len += 2;
            if self.flags() & ORDER != 0 {
                len += 4;
            }
        }
        len
    }
    /// The QoS control field says the body is an A-MSDU (its first byte's
    /// bit 7); `false` when the field was not captured.
    pub fn amsdu(&self) -> bool {
        self.is_qos()
            && self
                .data
                .u8_at(self.qos_offset())
                .is_ok_and(|b| b & 0x80 != 0)
    }
    pub fn addr1(&self) -> Mac {
        self.data.array::<6>(4).copied().unwrap_or_default()
    }
    pub fn addr2(&self) -> Mac {
        self.data.array::<6>(10).copied().unwrap_or_default()
    }
}

view! {
    /// An A-MSDU subframe header: destination, source, the length of the
    /// MSDU that follows (an LLC/SNAP header and its packet).
    AmsduView, 14;
    length: u16 = 12;
}

impl<'a> AmsduView<'a> {
    pub fn dst(&self) -> Mac {
        self.data.array::<6>(0).copied().unwrap_or_default()
    }
    pub fn src(&self) -> Mac {
        self.data.array::<6>(6).copied().unwrap_or_default()
    }
    /// The MSDU, bounded by the length field and the captured bytes.
    pub fn payload(&self) -> &'a [u8] {
        self.data
            .get(Self::HEADER_LEN..)
            .unwrap_or_default()
            .cap(usize::from(self.length()))
    }
}
