//! IEEE 802.11 data frames, as captured on a wireless interface (link types
//! IEEE802_11 and IEEE802_11_RADIO; the Prism, AVS and PPI headers' lengths;
//! radiotap: a header first, whose flags say
//! whether the frame ends with its FCS and whether its MAC header is padded
//! to four bytes) and as tunnels carry them (Aruba's access points
//! send their clients' frames to the controller in GRE, protocol types
//! 0x8200-0x8370 and 0x9000): the MAC header (24 bytes; 30 with the fourth
//! address of a frame both to and from the distribution system; the QoS
//! control field of QoS subtypes, and their HT control field when the order
//! bit is set), then an 802.2 LLC/SNAP header, or A-MSDU subframes (each a
//! destination, a source and a length, then LLC/SNAP) when the QoS control
//! field says so (Zeek's `IEEE802_11Analyzer`, Wireshark's `packet-ieee80211.c`).
//! The multi-byte fields of radiotap and of the MAC header are little-endian; an A-MSDU
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

/// The length of a Prism capture header (DLT_PRISM_HEADER).
pub const PRISM_HEADER_LEN: usize = 144;

/// Whether a DLT_PRISM_HEADER frame starts with an AVS header instead (its
/// version cookie: Linux gives both the same hardware type).
pub fn is_avs_cookie(word: u32) -> bool {
    matches!(word, 0x8021_1001 | 0x8021_1002)
}

/// An AVS capture header's length (the big-endian word at offset 4);
/// `Ok(None)` when it claims less than its own 8 fixed bytes.
pub fn avs_header_len(data: &[u8]) -> super::R<Option<usize>> {
    let len = data.be32(4)?;
    Ok(usize::try_from(len).ok().filter(|&n| n >= 8))
}

/// A PPI header (little-endian): version, flags, its length (the fields
/// after the 8 fixed bytes included), the link type of what follows.
#[derive(Clone, Copy, Debug)]
pub struct PpiView<'a> {
    data: &'a [u8],
}

impl<'a> PpiView<'a> {
    pub const HEADER_LEN: usize = 8;

    /// The view when the fixed 8 bytes were captured.
    pub fn new_checked(data: &'a [u8]) -> super::R<Self> {
        data.range(0, Self::HEADER_LEN)?;
        Ok(PpiView { data })
    }
    pub fn version(&self) -> u8 {
        self.data.u8_at(0).unwrap_or(0)
    }
    /// The header's length field, fields included.
    pub fn header_len(&self) -> usize {
        usize::from(self.data.le16(2).unwrap_or(0))
    }
    /// The length is one the specification allows (8 to 65,532).
    pub fn len_valid(&self) -> bool {
        (Self::HEADER_LEN..=65_532).contains(&self.header_len())
    }
    /// The link type (DLT) of the frame that follows.
    pub fn dlt(&self) -> u32 {
        self.data.le32(4).unwrap_or(0)
    }
}

/// A radiotap header's flags field: the frame ends with its 4-byte FCS.
pub const RADIOTAP_F_FCS: u8 = 0x10;
/// A radiotap header's flags field: padding after the MAC header, to a
/// multiple of 4 bytes.
pub const RADIOTAP_F_DATAPAD: u8 = 0x20;
/// Presence bits with the same meaning in every bitmap: the radiotap
/// namespace follows, a vendor namespace follows, another bitmap follows.
const RT_NAMESPACE: u32 = 1 << 29;
const RT_VENDOR_NAMESPACE: u32 = 1 << 30;
const RT_EXT: u32 = 1 << 31;

/// A radiotap header (link type IEEE802_11_RADIO, radiotap.org): version,
/// pad, its length (little-endian, the header included), then presence
/// bitmaps (each 32 bits; bit 31 says another follows) and the fields they
/// name, each aligned to its size from the header's start.
#[derive(Clone, Copy, Debug)]
pub struct RadiotapView<'a> {
    /// The header, `it_len` bytes.
    data: &'a [u8],
    /// Where the fields start (after the last presence bitmap).
    fields: usize,
}

impl<'a> RadiotapView<'a> {
    /// Version, pad, length, the first presence bitmap.
    pub const MIN_LEN: usize = 8;

    /// The view when the whole header (its length field's bytes) and all
    /// its presence bitmaps were captured; `Ok(None)` when the length field
    /// is below the minimum or the bitmaps run past it (tcpdump's
    /// `ieee802_11_radio_print` gives up on the frame in all these cases).
    pub fn new_checked(data: &'a [u8]) -> super::R<Option<Self>> {
        data.range(0, Self::MIN_LEN)?;
        let len = usize::from(data.le16(2)?);
        if len < Self::MIN_LEN {
            return Ok(None);
        }
        let data = data.range(0, len)?;
        let mut at = 4;
        loop {
            let Ok(word) = data.array::<4>(at) else {
                return Ok(None);
            };
            at += 4;
            if u32::from_le_bytes(*word) & RT_EXT == 0 {
                break;
            }
        }
        Ok(Some(RadiotapView { data, fields: at }))
    }
    /// The header's length: where the 802.11 frame starts.
    pub fn header_len(&self) -> usize {
        self.data.len()
    }
    /// The fields, in order, as tcpdump walks them (`ieee802_11_radio_print`).
    pub fn fields(&self) -> RadiotapFields<'a> {
        RadiotapFields {
            data: self.data,
            cursor: self.fields,
            word_at: 4,
            last_word: self.fields - 4,
            word: None,
            bit0: 0,
            vendor: false,
            skip: 0,
            done: false,
        }
    }
    /// The flags field (the last one, as tcpdump keeps it; 0 when absent).
    pub fn flags(&self) -> u8 {
        self.fields().fold(0, |f, item| match item.field {
            RtField::Flags(v) => v,
            _ => f,
        })
    }
}

/// One field of a radiotap header (the kinds tcpdump 4.99 knows).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RtField {
    Tsft(u64),
    Flags(u8),
    Rate(u8),
    Channel {
        freq: u16,
        flags: u16,
    },
    Fhss {
        hopset: u8,
        pattern: u8,
    },
    DbmAntSignal(i8),
    DbmAntNoise(i8),
    LockQuality(u16),
    TxAttenuation(i16),
    DbTxAttenuation(i8),
    DbmTxPower(i8),
    Antenna(u8),
    DbAntSignal(u8),
    DbAntNoise(u8),
    RxFlags(u16),
    XChannel {
        flags: u32,
        freq: u16,
    },
    Mcs {
        known: u8,
        flags: u8,
        index: u8,
    },
    AmpduStatus,
    Vht {
        known: u16,
        flags: u8,
        bandwidth: u8,
        mcs_nss: [u8; 4],
        coding: u8,
    },
    /// A field of this number whose size is not known: the walk ends.
    Unknown(u32),
    /// A field runs past the header: the walk ends.
    Truncated,
    /// A vendor namespace's own header runs past the header; the walk
    /// goes on with the next bitmap.
    VendorTruncated,
}

/// A field and the presence bitmap that named it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RtItem {
    pub field: RtField,
    pub present: u32,
}

/// The walk over a radiotap header's fields (tcpdump's `cpack` reads:
/// each field aligned to its size from the header's start).
#[derive(Clone, Debug)]
pub struct RadiotapFields<'a> {
    data: &'a [u8],
    cursor: usize,
    /// The next presence bitmap, and the last one.
    word_at: usize,
    last_word: usize,
    /// The bitmap being walked: its value, and its bits not yet walked.
    word: Option<(u32, u32)>,
    /// The field number of the bitmap's bit 0 (32 more per bitmap in one
    /// namespace).
    bit0: u32,
    vendor: bool,
    /// A vendor namespace's bytes, skipped.
    skip: usize,
    done: bool,
}

impl RadiotapFields<'_> {
    /// The next `N` bytes, aligned to `align` from the header's start.
    fn take<const N: usize>(&mut self, align: usize) -> Option<[u8; N]> {
        let at = self.cursor.next_multiple_of(align);
        let b = *self.data.array::<N>(at).ok()?;
        self.cursor = at + N;
        Some(b)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take::<1>(1).map(|[b]| b)
    }
    fn u16(&mut self) -> Option<u16> {
        self.take::<2>(2).map(u16::from_le_bytes)
    }
    fn u32(&mut self) -> Option<u32> {
        self.take::<4>(4).map(u32::from_le_bytes)
    }
    /// The field `bit`; `None` when it runs past the header.
    fn field(&mut self, bit: u32) -> Option<RtField> {
        use RtField::*;
        Some(match bit {
            0 => Tsft(self.take::<8>(8).map(u64::from_le_bytes)?),
            1 => Flags(self.u8()?),
            2 => Rate(self.u8()?),
            3 => Channel {
                freq: self.u16()?,
                flags: self.u16()?,
            },
            4 => Fhss {
                hopset: self.u8()?,
                pattern: self.u8()?,
            },
            5 => DbmAntSignal(self.u8()? as i8),
            6 => DbmAntNoise(self.u8()? as i8),
            7 => LockQuality(self.u16()?),
            8 => TxAttenuation(self.u16()? as i16),
            9 => DbTxAttenuation(self.u8()? as i8),
            10 => DbmTxPower(self.u8()? as i8),
            11 => Antenna(self.u8()?),
            12 => DbAntSignal(self.u8()?),
            13 => DbAntNoise(self.u8()?),
            14 => RxFlags(self.u16()?),
            18 => {
                let flags = self.u32()?;
                let freq = self.u16()?;
                self.u8()?;
                self.u8()?;
                XChannel { flags, freq }
            }
            19 => Mcs {
                known: self.u8()?,
                flags: self.u8()?,
                index: self.u8()?,
            },
            20 => {
                self.u32()?;
                self.u16()?;
                self.u8()?;
                self.u8()?;
                AmpduStatus
            }
            21 => {
                let known = self.u16()?;
                let flags = self.u8()?;
                let bandwidth = self.u8()?;
                let mcs_nss = [self.u8()?, self.u8()?, self.u8()?, self.u8()?];
                let coding = self.u8()?;
                self.u8()?;
                self.u16()?;
                Vht {
                    known,
                    flags,
                    bandwidth,
                    mcs_nss,
                    coding,
                }
            }
            _ => Unknown(bit),
        })
    }
    /// A vendor namespace's header (OUI, sub-namespace, the length of its
    /// fields); `None` when it runs past the header.
    fn vendor_header(&mut self) -> Option<()> {
        if self.cursor.next_multiple_of(2) + 2 > self.data.len() {
            return None;
        }
        for _ in 0..4 {
            self.u8()?;
        }
        self.skip = usize::from(self.u16()?);
        Some(())
    }
}

impl Iterator for RadiotapFields<'_> {
    type Item = RtItem;

    fn next(&mut self) -> Option<RtItem> {
        while !self.done {
            let (present, rest) = match self.word {
                Some(w) => w,
                None => {
                    if self.word_at > self.last_word {
                        self.done = true;
                        return None;
                    }
                    let present = self
                        .data
                        .array::<4>(self.word_at)
                        .map_or(0, |w| u32::from_le_bytes(*w));
                    let mut rest = present;
                    if self.vendor {
                        // A vendor namespace's fields are skipped whole.
                        if self.cursor + self.skip > self.data.len() {
                            self.done = true;
                            return None;
                        }
                        self.cursor += self.skip;
                        self.skip = 0;
                        rest = 0;
                    }
                    (present, rest)
                }
            };
            let bitno = rest.trailing_zeros();
            if rest != 0 && bitno < 29 {
                self.word = Some((present, rest & (rest - 1)));
                let bit = self.bit0 + bitno;
                let field = self.field(bit).unwrap_or(RtField::Truncated);
                if matches!(field, RtField::Unknown(_) | RtField::Truncated) {
                    self.done = true;
                }
                return Some(RtItem { field, present });
            }
            // The bitmap's end: the namespace it switches to.
            self.word = None;
            self.word_at += 4;
            match present & (RT_NAMESPACE | RT_VENDOR_NAMESPACE) {
                0 => self.bit0 += 32,
                RT_NAMESPACE => {
                    self.bit0 = 0;
                    self.vendor = false;
                    self.skip = 0;
                }
                RT_VENDOR_NAMESPACE => {
                    self.bit0 = 0;
                    self.vendor = true;
                    if self.vendor_header().is_none() {
                        return Some(RtItem {
                            field: RtField::VendorTruncated,
                            present,
                        });
                    }
                }
                _ => {}
            }
        }
        None
    }
}
