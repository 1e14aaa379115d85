//! UDP tunnels: VXLAN (RFC 7348, port 4789) and Geneve (RFC 8926, port 6081)
//! carrying Ethernet frames (Geneve: whatever its protocol type names);
//! Teredo (RFC 4380, port 3544, and on other ports when the payload looks
//! like it, as Zeek detects it) carrying IPv6 after optional authentication
//! and origin-indication headers; GTPv1-U (3GPP TS 29.281, port 2152)
//! carrying IPv4/IPv6 in its T-PDUs; AYIYA (draft-massar-v6ops-ayiya, port
//! 5072) carrying IPv4/IPv6; GRE in UDP (RFC 8086, port 4754: a GRE header
//! follows UDP); L2TPv2 (RFC 2661, port 1701) whose data messages carry a
//! PPP frame (Zeek does not decode it; tshark and tcpdump do). The ports are the ones tcpdump's `udp_print` and Zeek
//! dispatch on.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Bytes, R, view};

pub const VXLAN_PORT: u16 = 4789;
pub const GENEVE_PORT: u16 = 6081;
pub const TEREDO_PORT: u16 = 3544;
/// GTP-U, the user plane (GTPv1 signalling on 2123 carries no packets).
pub const GTP_U_PORT: u16 = 2152;
pub const AYIYA_PORT: u16 = 5072;
/// GRE-in-UDP (RFC 8086).
pub const GRE_UDP_PORT: u16 = 4754;

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
/// and an origin indication (0x0000, 8 bytes), in that order, each at most
/// once (Zeek's `TeredoEncapsulation::DoParse`); `None` when what is left
/// does not start like IPv6 (40 bytes, version 6).
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

/// The first 4 bytes of a Teredo client address (2001:0000::/32).
const TEREDO_PREFIX: [u8; 4] = [0x20, 0x01, 0x00, 0x00];

/// Teredo on a port other than 3544, as Zeek's UDP analyzer finds it
/// (`TeredoAnalyzer::DetectProtocol`, then `AnalyzePacket`): the payload
/// (`wire_len` bytes on the wire, `data` captured) looks like Teredo —
/// IPv6 with a Teredo address (2001:0::/32) as source or destination, or
/// an authentication header and/or origin indication before IPv6 — and
/// the IPv6 packet fills it exactly (a bubble, next header 59 and payload
/// length 0, may carry more). The offset of the IPv6 packet.
pub fn teredo_detect(data: &[u8], wire_len: usize) -> Option<usize> {
    if !teredo_looks_like(data) {
        return None;
    }
    let at = teredo_ipv6_offset(data)?;
    let payload_len = usize::from(data.be16(at + 4).ok()?);
    let bubble = data.u8_at(at + 6).ok()? == 59 && payload_len == 0;
    match (wire_len.checked_sub(at)?).cmp(&(40 + payload_len)) {
        std::cmp::Ordering::Equal => Some(at),
        std::cmp::Ordering::Greater if bubble => Some(at),
        _ => None,
    }
}

/// Zeek's `TeredoAnalyzer::DetectProtocol`: its pattern (IPv6 whose source
/// or destination starts 2001:0000), else an authentication header (second
/// byte 1) and/or an origin indication (second byte 0) before 40 bytes
/// that start with version 6. As Zeek, the second byte decides even when
/// the first is not 0 (an IPv6 header whose traffic class starts 0x0).
fn teredo_looks_like(data: &[u8]) -> bool {
    let Ok(first) = data.u8_at(0) else {
        return false;
    };
    let second = data.u8_at(1).unwrap_or(0xff);
    if data.len() < 40 || (first >> 4 != 6 && (first != 0 || second > 1)) {
        return false;
    }
    if first >> 4 == 6
        && (data.range(8, 4) == Ok(&TEREDO_PREFIX[..])
            || data.range(24, 4) == Ok(&TEREDO_PREFIX[..]))
    {
        return true;
    }
    let mut at = 0;
    let mut tag = u16::from(second);
    if tag == 1 {
        let (Ok(id_len), Ok(auth_len)) = (data.u8_at(2), data.u8_at(3)) else {
            return false;
        };
        at = 13 + usize::from(id_len) + usize::from(auth_len);
        if !data.has(at, 40) {
            return false;
        }
        tag = data.be16(at).unwrap_or(0xffff);
    }
    tag == 0 && data.has(at + 8, 40) && data.u8_at(at + 8).is_ok_and(|b| b >> 4 == 6)
}

view! {
    /// A GTPv1 header (3GPP TS 29.281 for GTP-U): flags (version, protocol
    /// type, E, S, PN), message type, length (of everything after these 8
    /// bytes), tunnel endpoint id; 4 optional bytes (sequence number, N-PDU
    /// number, next extension header type) when any of E, S, PN is set,
    /// then the extension headers when E is set.
    GtpView, 8;
    flags: u8 = 0; msg_type: u8 = 1; length: u16 = 2; teid: u32 = 4;
}

/// GTP's T-PDU: the message that carries a user packet.
pub const GTP_T_PDU: u8 = 0xff;
const GTP_E: u8 = 0x04;
const GTP_S: u8 = 0x02;
const GTP_PN: u8 = 0x01;

impl<'a> GtpView<'a> {
    pub fn version(&self) -> u8 {
        self.flags() >> 5
    }
    /// Protocol type: 1 GTP, 0 GTP' (charging).
    pub fn protocol_type(&self) -> u8 {
        (self.flags() >> 4) & 1
    }
    /// The 4 optional bytes are there (any of E, S, PN).
    pub fn has_optional(&self) -> bool {
        self.flags() & (GTP_E | GTP_S | GTP_PN) != 0
    }
    /// The header's length: 8, plus 4 with the optional fields, plus every
    /// extension header (its first byte is its length in 4-byte units, its
    /// last the type of the next one, 0 for none), chained from the
    /// optional fields' next type when E is set. `Ok(None)` when an
    /// extension header says its length is 0; `Err` when the chain runs
    /// past the captured bytes.
    pub fn header_len(&self) -> R<Option<usize>> {
        if !self.has_optional() {
            return Ok(Some(Self::HEADER_LEN));
        }
        let mut at = Self::HEADER_LEN + 4;
        let mut next = self.data.u8_at(at - 1)?;
        if self.flags() & GTP_E == 0 {
            return Ok(Some(at));
        }
        // Each extension header is at least 4 bytes: the walk ends.
        while next != 0 {
            let len = usize::from(self.data.u8_at(at)?) * 4;
            if len == 0 {
                return Ok(None);
            }
            next = self.data.u8_at(at + len - 1)?;
            at += len;
        }
        Ok(Some(at))
    }
}

view! {
    /// An AYIYA header ("Anything In Anything", draft-massar-v6ops-ayiya,
    /// SixXS): identity length (as a power of 2) and type, signature length
    /// (in 4-byte words) and hash method, authentication method and
    /// operation code, next header (an IP protocol number), epoch time;
    /// the identity and the signature follow.
    AyiyaView, 8;
    id_len_type: u8 = 0; sig_len_hash: u8 = 1; auth_opcode: u8 = 2; next_header: u8 = 3;
    epoch: u32 = 4;
}

/// AYIYA's "forward" operation: a packet follows the header.
pub const AYIYA_OP_FORWARD: u8 = 1;

impl<'a> AyiyaView<'a> {
    pub fn identity_len(&self) -> usize {
        1 << (self.id_len_type() >> 4)
    }
    pub fn signature_len(&self) -> usize {
        usize::from(self.sig_len_hash() >> 4) * 4
    }
    pub fn opcode(&self) -> u8 {
        self.auth_opcode() & 0x0f
    }
    /// 8 bytes, the identity and the signature.
    pub fn header_len(&self) -> usize {
        Self::HEADER_LEN + self.identity_len() + self.signature_len()
    }
}

/// L2TP's port (RFC 2661; tcpdump's `udp_print` dispatches on it).
pub const L2TP_PORT: u16 = 1701;

/// L2TP's header flags: T (a control message), L (a length field), S
/// (sequence numbers), O (an offset field), P (priority); the version in
/// the low 4 bits (2: L2TP, 1: L2F).
pub const L2TP_T: u16 = 0x8000;
pub const L2TP_L: u16 = 0x4000;
pub const L2TP_S: u16 = 0x0800;
pub const L2TP_O: u16 = 0x0200;
pub const L2TP_P: u16 = 0x0100;

/// An L2TPv2 header (RFC 2661): flags and version, then as the flags say
/// a length, the tunnel and session ids, Ns and Nr, an offset size and its
/// padding. Each field is read on its own, so a printer shows those
/// captured before a cut one.
#[derive(Clone, Copy, Debug)]
pub struct L2tpView<'a> {
    data: &'a [u8],
    flags: u16,
}

impl<'a> L2tpView<'a> {
    /// The view, when the flags were captured.
    pub fn new_checked(data: &'a [u8]) -> R<Self> {
        Ok(L2tpView {
            flags: data.be16(0)?,
            data,
        })
    }
    pub fn flags(&self) -> u16 {
        self.flags
    }
    pub fn version(&self) -> u16 {
        self.flags & 0x000f
    }
    /// A control message (AVPs), not a data message (a PPP frame).
    pub fn is_control(&self) -> bool {
        self.flags & L2TP_T != 0
    }
    /// The length field, when the L flag is set.
    pub fn length(&self) -> R<Option<u16>> {
        match self.flags & L2TP_L {
            0 => Ok(None),
            _ => self.data.be16(2).map(Some),
        }
    }
    fn ids_at(&self) -> usize {
        if self.flags & L2TP_L != 0 { 4 } else { 2 }
    }
    pub fn tunnel(&self) -> R<u16> {
        self.data.be16(self.ids_at())
    }
    pub fn session(&self) -> R<u16> {
        self.data.be16(self.ids_at() + 2)
    }
    /// Where Ns and Nr are (S flag) or would be.
    fn seq_at(&self) -> usize {
        self.ids_at() + 4
    }
    /// Ns and Nr, when the S flag is set: each read on its own.
    pub fn ns(&self) -> R<u16> {
        self.data.be16(self.seq_at())
    }
    pub fn nr(&self) -> R<u16> {
        self.data.be16(self.seq_at() + 2)
    }
    fn offset_at(&self) -> usize {
        self.seq_at() + if self.flags & L2TP_S != 0 { 4 } else { 0 }
    }
    /// The offset size field, when the O flag is set.
    pub fn offset_size(&self) -> R<Option<u16>> {
        match self.flags & L2TP_O {
            0 => Ok(None),
            _ => self.data.be16(self.offset_at()).map(Some),
        }
    }
    /// Where the message's body starts: after the offset size and its
    /// padding (O flag, both captured), else after the fields before it.
    pub fn body_at(&self) -> R<usize> {
        let at = self.offset_at();
        if self.flags & L2TP_O == 0 {
            return Ok(at);
        }
        let pad = usize::from(self.data.be16(at)?);
        self.data.range(at + 2, pad)?;
        Ok(at + 2 + pad)
    }
}
