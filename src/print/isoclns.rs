//! OSI network-layer protocols over 802.2 LLC (`print-isoclns.c`):
//! `isoclns_print`'s NLPID dispatch, IS-IS (`isis_print`) and ES-IS
//! (`esis_print`): the one-line forms, and with `-v` the PDU header and its
//! TLVs or options as tcpdump prints them (`-vv` adds the hex of each header
//! and TLV). CLNP is not decoded yet: its frames keep the LLC summary and
//! hex of before.
//!
//! tcpdump's `GET_*` reads that run out of bytes unwind (`?` on [`Trunc`]);
//! its `ND_TCHECK_*`/`goto trunc` are soft truncations
//! ([`Printer::soft_trunc`]). Within a TLV, `goto tlv_trunc` and `break`
//! both land on the `-vv` hex dump of the TLV, as in tcpdump.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::gmpls::{LINK_PROT, Mbps, bc_model_name, encoding_name, switch_cap_name};
use super::tok::bittok2str;
use super::{P, Printer, out};
use crate::decode::{Bytes, Trunc};

const NLPID_NULLNS: u8 = 0x00;
const NLPID_ISIS: u8 = 0x83;
const NLPID_IP: u8 = 0xcc;
const NLPID_IP6: u8 = 0x8e;
const NLPID_PPP: u8 = 0xcf;
const NLPID_CLNP: u8 = 0x81;
const NLPID_ESIS: u8 = 0x82;
const NLPID_Q933: u8 = 0x08;

/// `nlpid_values`.
fn nlpid_name(v: u8) -> Option<&'static str> {
    Some(match v {
        0x00 => "NULL",
        0x08 => "Q.933",
        0x09 => "LMI",
        0x80 => "SNAP",
        0x81 => "CLNP",
        0x82 => "ES-IS",
        0x83 => "IS-IS",
        0x84 => "CONS",
        0x85 => "IDRP",
        0xc1 => "ISIS_SPB",
        0xb1 => "FRF.15",
        0xcc => "IPv4",
        0xcf => "PPP",
        0x8a => "X25 ES-IS",
        0x8e => "IPv6",
        _ => return None,
    })
}

/// `isoclns_print`. False (nothing printed) for the NLPIDs tcpscope does
/// not decode yet (CLNP, Q.933), which the LLC printer then shows as
/// before.
pub(super) fn isoclns_print(p: &mut Printer, d: &[u8], length: usize) -> Result<bool, Trunc> {
    let before = p.cur.protocol;
    p.cur.protocol = "isoclns";
    let nlpid = d.u8_at(0)?;
    if matches!(nlpid, NLPID_CLNP | NLPID_Q933) {
        p.cur.protocol = before;
        return Ok(false);
    }
    let e = p.opts.link_header;
    if e {
        out!(
            p,
            "OSI NLPID {} (0x{nlpid:02x}): ",
            nlpid_name(nlpid).unwrap_or("Unknown")
        );
    }
    let sep = if e { "" } else { ", " };
    let rest = d.from(1)?;
    let rest_len = length.saturating_sub(1);
    match nlpid {
        NLPID_ISIS => {
            if !isis_print(p, d, length)? {
                unknown(p, d, 0, "\n\t", length);
            }
        }
        NLPID_ESIS => esis_print(p, d, length)?,
        NLPID_NULLNS => out!(p, "{sep}length: {length}"),
        NLPID_IP => super::ip::ip_print(p, rest, rest_len)?,
        NLPID_IP6 => super::ip6::ip6_print(p, rest, rest_len)?,
        NLPID_PPP => {
            super::ppp::ppp_print(p, rest, rest_len)?;
        }
        _ => {
            if !e {
                out!(p, "OSI NLPID 0x{nlpid:02x} unknown");
            }
            out!(p, "{sep}length: {length}");
            if length > 1 {
                unknown(p, d, 0, "\n\t", length);
            }
        }
    }
    Ok(true)
}

/// `print_unknown_data` at `at` in `d`: false when `at` is past the end.
fn unknown(p: &mut Printer, d: &[u8], at: usize, ident: &str, len: usize) -> bool {
    let ok = d.get(at..).is_some();
    super::hex::print_unknown_data(p, d.get(at..), ident, len);
    ok
}

/// `isis_print_id`: a system id (6 bytes), node id (7) or LSP id (8),
/// read whole before anything is printed (tcpdump formats it first).
struct Id {
    b: [u8; 8],
    len: usize,
}

fn id(d: &[u8], at: usize, len: usize) -> Result<Id, Trunc> {
    let mut b = [0u8; 8];
    for (i, slot) in b.iter_mut().enumerate().take(len.min(8)) {
        *slot = d.u8_at(at + i)?;
    }
    Ok(Id { b, len })
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sys = self.len.min(6);
        for (i, b) in self.b.iter().take(sys).enumerate() {
            write!(f, "{b:02x}")?;
            if i == 1 || i == 3 {
                f.write_str(".")?;
            }
        }
        if self.len >= 7 {
            write!(f, ".{:02x}", self.b.get(6).copied().unwrap_or(0))?;
        }
        if self.len == 8 {
            write!(f, "-{:02x}", self.b.get(7).copied().unwrap_or(0))?;
        }
        Ok(())
    }
}

/// `isonsap_string` of bytes already read (BGP's CLNP NLRI and next hops).
pub(in crate::print) fn nsap_text(b: &[u8]) -> String {
    Nsap(b).to_string()
}

/// `GET_ISONSAP_STRING` (`isonsap_string`): the bytes must be there.
struct Nsap<'a>(&'a [u8]);

fn nsap(d: &[u8], at: usize, len: usize) -> Result<Nsap<'_>, Trunc> {
    Ok(Nsap(d.range(at, len)?))
}

impl std::fmt::Display for Nsap<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0.len();
        if !(1..=20).contains(&n) {
            return f.write_str("isonsap_string: illegal length");
        }
        for (i, b) in self.0.iter().enumerate() {
            write!(f, "{b:02x}")?;
            if i & 1 == 0 && i + 1 < n {
                f.write_str(".")?;
            }
        }
        Ok(())
    }
}

fn pdu_name(t: u8) -> Option<&'static str> {
    Some(match t {
        15 => "L1 Lan IIH",
        16 => "L2 Lan IIH",
        17 => "p2p IIH",
        18 => "L1 LSP",
        20 => "L2 LSP",
        24 => "L1 CSNP",
        25 => "L2 CSNP",
        26 => "L1 PSNP",
        27 => "L2 PSNP",
        _ => return None,
    })
}

/// `isis_tlv_values`.
fn tlv_name(t: u8) -> &'static str {
    match t {
        1 => "Area address(es)",
        2 => "IS Reachability",
        3 => "ES Neighbor(s)",
        4 => "Partition DIS",
        5 => "Prefix Neighbors",
        6 => "IS Neighbor(s)",
        7 => "Instance Identifier",
        8 => "Padding",
        9 => "LSP entries",
        10 => "Authentication",
        12 => "Checksum",
        13 => "Purge Originator Identifier",
        14 => "LSP Buffersize",
        22 => "Extended IS Reachability",
        24 => "IS Alias ID",
        42 => "DECnet Phase IV",
        66 => "Lucent Proprietary",
        128 => "IPv4 Internal Reachability",
        129 => "Protocols supported",
        130 => "IPv4 External Reachability",
        131 => "Inter-Domain Information Type",
        132 => "IPv4 Interface address(es)",
        133 => "IPv4 authentication (deprecated)",
        134 => "Traffic Engineering Router ID",
        135 => "Extended IPv4 Reachability",
        138 => "Shared Risk Link Group",
        143 => "Multi-Topology-Aware Port Capability",
        144 => "Multi-Topology Capability",
        176 | 177 => "Nortel Proprietary",
        137 => "Hostname",
        211 => "Restart Signaling",
        222 => "Multi Topology IS Reachability",
        229 => "Multi Topology",
        232 => "IPv6 Interface address(es)",
        235 => "Multi-Topology IPv4 Reachability",
        236 => "IPv6 reachability",
        237 => "Multi-Topology IP6 Reachability",
        240 => "Point-to-point Adjacency State",
        241 => "Hello PDU Sequence Number",
        242 => "IS-IS Router Capability",
        250 => "Vendor Private",
        _ => "unknown",
    }
}

fn ext_is_subtlv_name(t: u8) -> &'static str {
    match t {
        3 => "Administrative groups",
        4 => "Link Local/Remote Identifier",
        5 => "Link Remote Identifier",
        6 => "IPv4 interface address",
        8 => "IPv4 neighbor address",
        9 => "Maximum link bandwidth",
        10 => "Reservable link bandwidth",
        11 => "Unreserved bandwidth",
        18 => "Traffic Engineering Metric",
        19 => "Link Attribute",
        20 => "Link Protection Type",
        21 => "Interface Switching Capability",
        12 => "Bandwidth Constraints (old)",
        22 => "Bandwidth Constraints",
        32 => "LAN Adjacency Segment Identifier",
        29 => "SPB Metric",
        250..=254 => "Reserved for cisco specific extensions",
        255 => "Reserved for future expansion",
        _ => "unknown",
    }
}

fn ext_ip_subtlv_name(t: u8) -> &'static str {
    match t {
        1 => "32-Bit Administrative tag",
        2 => "64-Bit Administrative tag",
        3 => "Prefix SID",
        117 => "Management Prefix Color",
        _ => "unknown",
    }
}

const MT_FLAGS: &[(u32, &str)] = &[(0x4000, "ATT bit set"), (0x8000, "Overload bit set")];
const RESTART_FLAGS: &[(u32, &str)] = &[
    (0x1, "Restart Request"),
    (0x2, "Restart Acknowledgement"),
    (0x4, "Suppress adjacency advertisement"),
];
const PREFIX_SID_FLAGS: &[(u32, &str)] = &[
    (0x80, "Readvertisement"),
    (0x40, "Node"),
    (0x20, "No-PHP"),
    (0x10, "Explicit NULL"),
    (0x08, "Value"),
    (0x04, "Local"),
];
const LINK_ATTR: &[(u32, &str)] = &[
    (0x01, "Local Protection Available"),
    (0x02, "Link excluded from local protection path"),
    (0x04, "Local maintenance required"),
];
const LAN_ADJ_SID_FLAGS: &[(u32, &str)] = &[
    (0x80, "Address family IPv6"),
    (0x40, "Backup"),
    (0x20, "Value"),
    (0x10, "Local significance"),
    (0x08, "Set of adjacencies"),
    (0x04, "Persistent"),
];
const ROUTER_CAP_FLAGS: &[(u32, &str)] = &[(0x01, "S bit"), (0x02, "D bit")];
const SR_FLAGS: &[(u32, &str)] = &[(0x80, "ipv4"), (0x40, "ipv6")];

/// A `%15s` field: what `f` writes, right-aligned in 15 columns.
fn pad15(p: &mut Printer, f: impl FnOnce(&mut Printer)) {
    let start = p.out().len();
    f(p);
    let n = p.out().len() - start;
    if n < 15 {
        let pad = 15 - n;
        let line = p.out();
        line.splice(start..start, std::iter::repeat_n(b' ', pad));
    }
}

/// `create_osi_cksum` (ISO 8473-1 annex C, Fletcher).
fn osi_cksum(d: &[u8], off: usize) -> u16 {
    let (mut c0, mut c1) = (0u32, 0u32);
    for (i, &b) in d.iter().enumerate() {
        if i == off || i == off + 1 {
            c1 = c1.wrapping_add(c0);
        } else {
            c0 = c0.wrapping_add(u32::from(b));
            c1 = c1.wrapping_add(c0);
        }
    }
    c0 %= 255;
    c1 %= 255;
    let len = d.len() as i64;
    let mul = (len - off as i64) * i64::from(c0);
    // tcpdump computes in a 32-bit unsigned `mul`, then signed ints.
    let mul = mul as u32;
    let mut x = mul.wrapping_sub(c0).wrapping_sub(c1) as i32;
    let mut y = c1.wrapping_sub(mul).wrapping_sub(1) as i32;
    if y >= 0 {
        y += 1;
    }
    if x < 0 {
        x -= 1;
    }
    x %= 255;
    y %= 255;
    if x == 0 {
        x = 255;
    }
    if y == 0 {
        y = 255;
    }
    y &= 0xff;
    ((x << 8) | y) as u16
}

/// `osi_print_cksum`: `base` is where the checksummed bytes start in `d`.
fn print_cksum(p: &mut Printer, d: &[u8], base: usize, cksum: u16, off: i64, length: usize) {
    let sane = cksum != 0
        && off >= 0
        && d.has(base + off as usize, 2)
        && off as usize <= length
        && d.has(base, length);
    if !sane {
        p.s(" (unverified)");
        return;
    }
    let c = osi_cksum(d.get(base..base + length).unwrap_or(&[]), off as usize);
    if c == cksum {
        p.s(" (correct)");
    } else {
        out!(p, " (incorrect should be 0x{c:04x})");
    }
}

const HDR: usize = 8;
const IIH_LAN: usize = 19;
const IIH_PTP: usize = 12;
const LSP: usize = 19;
const CSNP: usize = 25;
const PSNP: usize = 9;

/// What a TLV decoder tells the loop: go on with the next TLV (after the
/// `-vv` dump), or return from `isis_print` with this value.
type Flow = Result<Option<bool>, Trunc>;

/// `isis_print`: false where tcpdump returns 0 (the caller then dumps the
/// whole PDU).
fn isis_print(p: &mut Printer, d: &[u8], mut length: usize) -> Result<bool, Trunc> {
    p.cur.protocol = "isis";
    let v = p.opts.verbose;
    let e = p.opts.link_header;
    let mut packet_len = length;
    if !d.has(0, HDR) || length < HDR {
        return Err(p.soft_trunc());
    }
    if !e {
        p.s("IS-IS");
    }
    let version = d.u8_at(2)?;
    if version != 1 {
        out!(p, "version {version} packet not supported");
        return Ok(false);
    }
    let pdu_id_length = d.u8_at(3)?;
    if pdu_id_length != 6 && pdu_id_length != 0 {
        out!(p, "system ID length of {pdu_id_length} is not supported");
        return Ok(false);
    }
    let pdu_version = d.u8_at(5)?;
    if pdu_version != 1 {
        out!(p, "version {pdu_version} packet not supported");
        return Ok(false);
    }
    let fixed_len = d.u8_at(1)?;
    if length < usize::from(fixed_len) {
        out!(
            p,
            "fixed header length {fixed_len} > packet length {length}"
        );
        return Ok(false);
    }
    if usize::from(fixed_len) < HDR {
        out!(
            p,
            "fixed header length {fixed_len} < minimum header size {HDR}"
        );
        return Ok(false);
    }
    let pdu_max_area = d.u8_at(7)?;
    let max_area = match pdu_max_area {
        0 => 3,
        255 => {
            p.s("bad packet -- 255 areas");
            return Ok(false);
        }
        m => m,
    };
    let id_length = if pdu_id_length == 0 { 6 } else { pdu_id_length };
    let pdu_type = d.u8_at(4)?;
    let sep = if e { "" } else { ", " };
    if v == 0 {
        match pdu_name(pdu_type) {
            Some(n) => out!(p, "{sep}{n}"),
            None => out!(p, "{sep}unknown PDU-Type {pdu_type}"),
        }
    } else {
        out!(p, "{sep}length {length}");
        p.s("\n\t");
        match pdu_name(pdu_type) {
            Some(n) => p.s(n),
            None => out!(p, "unknown, type {pdu_type}"),
        }
        out!(
            p,
            ", hlen: {fixed_len}, v: {version}, pdu-v: {pdu_version}, sys-id-len: {id_length} ({pdu_id_length}), max-area: {max_area} ({pdu_max_area})"
        );
        if v > 1 && !unknown(p, d, 0, "\n\t", 8) {
            return Ok(false);
        }
    }
    let fixed = usize::from(fixed_len);
    // tcpdump names the expected length (for LSPs, by mistake, without
    // the common header).
    let bogus = |p: &mut Printer, shown: usize| {
        out!(
            p,
            ", bogus fixed header length {fixed_len} should be {shown}"
        );
    };
    let h = HDR;
    let pptr;
    match pdu_type {
        15 | 16 => {
            if fixed != HDR + IIH_LAN {
                bogus(p, HDR + IIH_LAN);
                return Ok(false);
            }
            if !d.has(h, IIH_LAN) || length < HDR + IIH_LAN {
                return Err(p.soft_trunc());
            }
            if v == 0 {
                let src = id(d, h + 1, 6)?;
                out!(p, ", src-id {src}");
                let (lan, prio) = (id(d, h + 12, 7)?, d.u8_at(h + 11)?);
                out!(p, ", lan-id {lan}, prio {prio}");
                out!(p, ", length {length}");
                return Ok(true);
            }
            let pdu_len = usize::from(d.be16(h + 9)?);
            if packet_len > pdu_len {
                packet_len = pdu_len;
                length = pdu_len;
            }
            let (src, hold, ct) = (id(d, h + 1, 6)?, d.be16(h + 7)?, d.u8_at(h)?);
            out!(
                p,
                "\n\t  source-id: {src},  holding time: {hold}s, Flags: ["
            );
            circuit_type(p, ct);
            p.s("]");
            let (lan, prio) = (id(d, h + 12, 7)?, d.u8_at(h + 11)?);
            out!(
                p,
                "\n\t  lan-id:    {lan}, Priority: {}, PDU length: {pdu_len}",
                prio & 0x7f
            );
            if v > 1 && !unknown(p, d, h, "\n\t  ", IIH_LAN) {
                return Ok(false);
            }
            if !decrement(p, &mut packet_len, HDR + IIH_LAN) {
                return Ok(true);
            }
            pptr = HDR + IIH_LAN;
        }
        17 => {
            if fixed != HDR + IIH_PTP {
                bogus(p, HDR + IIH_PTP);
                return Ok(false);
            }
            if !d.has(h, IIH_PTP) || length < HDR + IIH_PTP {
                return Err(p.soft_trunc());
            }
            if v == 0 {
                let src = id(d, h + 1, 6)?;
                out!(p, ", src-id {src}");
                out!(p, ", length {length}");
                return Ok(true);
            }
            let pdu_len = usize::from(d.be16(h + 9)?);
            if packet_len > pdu_len {
                packet_len = pdu_len;
                length = pdu_len;
            }
            let (src, hold, ct) = (id(d, h + 1, 6)?, d.be16(h + 7)?, d.u8_at(h)?);
            out!(p, "\n\t  source-id: {src}, holding time: {hold}s, Flags: [");
            circuit_type(p, ct);
            p.s("]");
            let cid = d.u8_at(h + 11)?;
            out!(p, "\n\t  circuit-id: 0x{cid:02x}, PDU length: {pdu_len}");
            if v > 1 && !unknown(p, d, h, "\n\t  ", IIH_PTP) {
                return Ok(false);
            }
            if !decrement(p, &mut packet_len, HDR + IIH_PTP) {
                return Ok(true);
            }
            pptr = HDR + IIH_PTP;
        }
        18 | 20 => {
            if fixed != HDR + LSP {
                bogus(p, LSP);
                return Ok(false);
            }
            if !d.has(h, LSP) || length < HDR + LSP {
                return Err(p.soft_trunc());
            }
            if v == 0 {
                let (lsp, seq, life) = (id(d, h + 4, 8)?, d.be32(h + 12)?, d.be16(h + 2)?);
                out!(p, ", lsp-id {lsp}, seq 0x{seq:08x}, lifetime {life:5}s");
                out!(p, ", length {length}");
                return Ok(true);
            }
            let pdu_len = usize::from(d.be16(h)?);
            if packet_len > pdu_len {
                packet_len = pdu_len;
                length = pdu_len;
            }
            let (lsp, seq, life, ck) = (
                id(d, h + 4, 8)?,
                d.be32(h + 12)?,
                d.be16(h + 2)?,
                d.be16(h + 16)?,
            );
            out!(
                p,
                "\n\t  lsp-id: {lsp}, seq: 0x{seq:08x}, lifetime: {life:5}s\n\t  chksum: 0x{ck:04x}"
            );
            // From the LSP id on: the checksum is 12 bytes in, over the
            // PDU's length less the 12 bytes before the LSP id.
            print_cksum(p, d, h + 4, ck, 12, length.wrapping_sub(12));
            let tb = d.u8_at(h + 18)?;
            out!(
                p,
                ", PDU length: {pdu_len}, Flags: [ {}",
                if tb & 0x4 != 0 {
                    "Overload bit set, "
                } else {
                    ""
                }
            );
            if tb & 0x78 != 0 {
                for (bit, name) in [
                    (0x8, "default "),
                    (0x10, "delay "),
                    (0x20, "expense "),
                    (0x40, "error "),
                ] {
                    if tb & bit != 0 {
                        p.s(name);
                    }
                }
                p.s("ATT bit set, ");
            }
            if tb & 0x80 != 0 {
                p.s("P bit set, ");
            }
            p.s(match tb & 3 {
                0 => "Unused 0x0 (invalid)",
                1 => "L1 IS",
                2 => "Unused 0x2 (invalid)",
                _ => "L2 IS",
            });
            p.s(" ]");
            if v > 1 && !unknown(p, d, h, "\n\t  ", LSP) {
                return Ok(false);
            }
            if !decrement(p, &mut packet_len, HDR + LSP) {
                return Ok(true);
            }
            pptr = HDR + LSP;
        }
        24 | 25 => {
            if fixed != HDR + CSNP {
                bogus(p, HDR + CSNP);
                return Ok(false);
            }
            if !d.has(h, CSNP) || length < HDR + CSNP {
                return Err(p.soft_trunc());
            }
            if v == 0 {
                let src = id(d, h + 2, 7)?;
                out!(p, ", src-id {src}");
                out!(p, ", length {length}");
                return Ok(true);
            }
            let pdu_len = usize::from(d.be16(h)?);
            if packet_len > pdu_len {
                packet_len = pdu_len;
                length = pdu_len;
            }
            let src = id(d, h + 2, 7)?;
            out!(p, "\n\t  source-id:    {src}, PDU length: {pdu_len}");
            let s = id(d, h + 9, 8)?;
            out!(p, "\n\t  start lsp-id: {s}");
            let en = id(d, h + 17, 8)?;
            out!(p, "\n\t  end lsp-id:   {en}");
            if v > 1 && !unknown(p, d, h, "\n\t  ", CSNP) {
                return Ok(false);
            }
            if !decrement(p, &mut packet_len, HDR + CSNP) {
                return Ok(true);
            }
            pptr = HDR + CSNP;
        }
        26 | 27 => {
            if fixed != HDR + PSNP {
                out!(
                    p,
                    "- bogus fixed header length {fixed_len} should be {}",
                    HDR + PSNP
                );
                return Ok(false);
            }
            if !d.has(h, PSNP) || length < HDR + PSNP {
                return Err(p.soft_trunc());
            }
            if v == 0 {
                let src = id(d, h + 2, 7)?;
                out!(p, ", src-id {src}");
                out!(p, ", length {length}");
                return Ok(true);
            }
            let pdu_len = usize::from(d.be16(h)?);
            if packet_len > pdu_len {
                packet_len = pdu_len;
                length = pdu_len;
            }
            let src = id(d, h + 2, 7)?;
            out!(p, "\n\t  source-id:    {src}, PDU length: {pdu_len}");
            if v > 1 && !unknown(p, d, h, "\n\t  ", PSNP) {
                return Ok(false);
            }
            if !decrement(p, &mut packet_len, HDR + PSNP) {
                return Ok(true);
            }
            pptr = HDR + PSNP;
        }
        _ => {
            if v == 0 {
                out!(p, ", length {length}");
                return Ok(true);
            }
            unknown(p, d, h, "\n\t  ", length);
            return Ok(false);
        }
    }
    let mut pptr = pptr;
    while packet_len > 0 {
        if !d.has(pptr, 2) || packet_len < 2 {
            return Err(p.soft_trunc());
        }
        let tlv_type = d.u8_at(pptr)?;
        let tlv_len = d.u8_at(pptr + 1)?;
        pptr += 2;
        packet_len -= 2;
        out!(
            p,
            "\n\t    {} TLV #{tlv_type}, length: {tlv_len}",
            tlv_name(tlv_type)
        );
        if packet_len < usize::from(tlv_len) {
            return Err(p.soft_trunc());
        }
        if let Some(r) = tlv(p, d, pptr, tlv_type, tlv_len, length)? {
            return Ok(r);
        }
        if v > 1 && !unknown(p, d, pptr, "\n\t      ", usize::from(tlv_len)) {
            return Ok(false);
        }
        pptr += usize::from(tlv_len);
        packet_len -= usize::from(tlv_len);
    }
    Ok(true)
}

/// `INVALID_OR_DECREMENT`: false when tcpdump returns (1) after
/// ` [packet length N < M] (invalid)`.
fn decrement(p: &mut Printer, len: &mut usize, by: usize) -> bool {
    if *len < by {
        out!(p, " [packet length {len} < {by}] (invalid)");
        return false;
    }
    *len -= by;
    true
}

fn circuit_type(p: &mut Printer, ct: u8) {
    match ct {
        1 => p.s("Level 1 only"),
        2 => p.s("Level 2 only"),
        3 => p.s("Level 1, Level 2"),
        _ => out!(p, "unknown circuit type 0x{ct:02x}"),
    }
}

/// The body of one TLV (tcpdump's `switch (tlv_type)`).
fn tlv(p: &mut Printer, d: &[u8], pptr: usize, ty: u8, tlv_len: u8, length: usize) -> Flow {
    let v = p.opts.verbose;
    let mut t = pptr;
    let mut tlen = tlv_len;
    const I: &str = "\n\t      ";
    match ty {
        1 => {
            while tlen != 0 {
                let alen = d.u8_at(t)?;
                t += 1;
                tlen -= 1;
                if tlen < alen {
                    return Ok(None);
                }
                let a = nsap(d, t, usize::from(alen))?;
                out!(p, "\n\t      Area address (length: {alen}): {a}");
                t += usize::from(alen);
                tlen -= alen;
            }
        }
        6 => {
            while tlen != 0 {
                if tlen < 6 {
                    return Ok(None);
                }
                if !d.has(t, 6) {
                    return Err(p.soft_trunc());
                }
                let s = id(d, t, 6)?;
                out!(p, "\n\t      SNPA: {s}");
                tlen -= 6;
                t += 6;
            }
        }
        7 => {
            if tlen < 4 {
                return Ok(None);
            }
            let n = (tlen - 2) / 2;
            let iid = d.be16(t)?;
            out!(
                p,
                "\n\t      Instance ID: {iid}, ITIDs({n}){} ",
                if n != 0 { ":" } else { "" }
            );
            t += 2;
            for i in 0..n {
                let x = d.be16(t)?;
                p.dec(x);
                if i + 1 < n {
                    p.s(", ");
                }
                t += 2;
            }
        }
        8 => {}
        222 | 24 | 22 => {
            if ty == 222 {
                let mt = mtid(p, d, t, usize::from(tlen))?;
                if mt == 0 {
                    return Err(p.soft_trunc());
                }
                t += mt;
                tlen -= mt as u8;
            }
            while tlen != 0 {
                let n = ext_is_reach(p, d, t, I, ty, usize::from(tlen))?;
                if n == 0 {
                    return Err(p.soft_trunc());
                }
                if usize::from(tlen) < n {
                    out!(p, " [remaining tlv length {tlen} < {n}] (invalid)");
                    break;
                }
                tlen -= n as u8;
                t += usize::from(n as u8);
            }
        }
        2 => {
            if tlen < 1 {
                return Ok(None);
            }
            let virt = d.u8_at(t)?;
            match virt {
                0 => p.s("\n\t      IsNotVirtual"),
                1 => p.s("\n\t      IsVirtual"),
                _ => out!(p, "\n\t      bogus virtual flag 0x{virt:02x}"),
            }
            t += 1;
            tlen -= 1;
            while tlen != 0 {
                if tlen < 11 {
                    return Ok(None);
                }
                if !d.has(t, 11) {
                    return Err(p.soft_trunc());
                }
                let n = id(d, t + 4, 7)?;
                out!(p, "\n\t      IS Neighbor: {n}");
                metric_block(p, d, t)?;
                tlen -= 11;
                t += 11;
            }
        }
        3 => {
            while tlen != 0 {
                if tlen < 10 {
                    return Ok(None);
                }
                if !d.has(t, 10) {
                    return Err(p.soft_trunc());
                }
                let n = id(d, t + 4, 6)?;
                out!(p, "\n\t      ES Neighbor: {n}");
                metric_block(p, d, t)?;
                tlen -= 10;
                t += 10;
            }
        }
        128 | 130 => {
            if !tlv_ip_reach(p, d, pptr, I, usize::from(tlv_len))? {
                return Ok(Some(true));
            }
        }
        135 | 235 | 236 | 237 => {
            if ty == 235 || ty == 237 {
                let mt = mtid(p, d, t, usize::from(tlen))?;
                if mt == 0 {
                    return Err(p.soft_trunc());
                }
                t += mt;
                tlen -= mt as u8;
            }
            let v6 = ty == 236 || ty == 237;
            while tlen != 0 {
                let n = extd_ip_reach(p, d, t, I, v6)?;
                if n == 0 {
                    return Err(p.soft_trunc());
                }
                if usize::from(tlen) < n {
                    out!(p, " [remaining tlv length {tlen} < {n}] (invalid)");
                    break;
                }
                tlen -= n as u8;
                t += usize::from(n as u8);
            }
        }
        232 => {
            while tlen != 0 {
                if tlen < 16 {
                    return Ok(None);
                }
                let a = *d.array::<16>(t)?;
                p.s("\n\t      IPv6 interface address: ");
                p.ip6(&a);
                t += 16;
                tlen -= 16;
            }
        }
        10 => {
            if tlen < 1 {
                return Ok(None);
            }
            let at = d.u8_at(t)?;
            t += 1;
            tlen -= 1;
            match at {
                1 => p.s("\n\t      simple text password: "),
                3 => p.s("\n\t      Generic Crypto key-id: "),
                54 => p.s("\n\t      HMAC-MD5 password: "),
                255 => p.s("\n\t      Routing Domain private password: "),
                _ => out!(p, "\n\t      unknown Authentication type 0x{at:02x}: "),
            }
            match at {
                1 => super::chars::printjnp(p, d, t, usize::from(tlen))?,
                54 => {
                    for i in 0..usize::from(tlen) {
                        let b = d.u8_at(t + i)?;
                        out!(p, "{b:02x}");
                    }
                    if tlen != 16 {
                        p.s(", (invalid subTLV) ");
                    }
                    // No `-M` secret: tcpdump's `signature_verify` answers
                    // CANT_CHECK_SIGNATURE.
                    p.s(" (unchecked)");
                }
                3 => {
                    if tlen < 2 {
                        return Ok(None);
                    }
                    let k = d.be16(t)?;
                    out!(p, "{k}, password: ");
                    t += 2;
                    tlen -= 2;
                    for i in 0..usize::from(tlen) {
                        let b = d.u8_at(t + i)?;
                        out!(p, "{b:02x}");
                    }
                }
                _ => {
                    if !unknown(p, d, t, "\n\t\t  ", usize::from(tlen)) {
                        return Ok(Some(false));
                    }
                }
            }
        }
        240 => {
            if tlen >= 1 {
                let s = d.u8_at(t)?;
                let name = match s {
                    0 => "Up",
                    1 => "Initializing",
                    2 => "Down",
                    _ => "unknown",
                };
                out!(p, "\n\t      Adjacency State: {name} ({s})");
                tlen -= 1;
            }
            if tlen > 4 {
                let c = d.be32(t + 1)?;
                out!(p, "\n\t      Extended Local circuit-ID: 0x{c:08x}");
                tlen -= 4;
            }
            if tlen >= 6 {
                if !d.has(t + 5, 6) {
                    return Err(p.soft_trunc());
                }
                let n = id(d, t + 5, 6)?;
                out!(p, "\n\t      Neighbor System-ID: {n}");
                tlen -= 6;
            }
            if tlen >= 4 {
                let c = d.be32(t + 11)?;
                out!(p, "\n\t      Neighbor Extended Local circuit-ID: 0x{c:08x}");
            }
        }
        129 => {
            p.s("\n\t      NLPID(s): ");
            while tlen != 0 {
                let n = d.u8_at(t)?;
                out!(p, "{} (0x{n:02x})", nlpid_name(n).unwrap_or("unknown"));
                if tlen > 1 {
                    p.s(", ");
                }
                t += 1;
                tlen -= 1;
            }
        }
        144 => {
            if tlen < 2 {
                return Ok(None);
            }
            let x = d.be16(t)?;
            out!(
                p,
                "\n\t      O: {}, RES: {}, MTID(s): {}",
                (x >> 15) & 1,
                (x >> 12) & 7,
                x & 0x0fff
            );
            t += 2;
            tlen -= 2;
            if tlen != 0 {
                mt_capability_subtlv(p, d, t, usize::from(tlen))?;
            }
        }
        143 => {
            if tlen < 2 {
                return Ok(None);
            }
            let x = d.be16(t)?;
            out!(p, "\n\t       RES: {}, MTID(s): {}", x >> 12, x & 0x0fff);
            t += 2;
            tlen -= 2;
            if tlen != 0 {
                mt_port_cap_subtlv(p, d, t, usize::from(tlen))?;
            }
        }
        134 => {
            if tlen < 4 {
                return Ok(None);
            }
            let a = *d.array::<4>(pptr)?;
            p.s("\n\t      Traffic Engineering Router ID: ");
            p.ip4(a);
        }
        132 => {
            while tlen != 0 {
                if tlen < 4 {
                    return Ok(None);
                }
                let a = *d.array::<4>(t)?;
                p.s("\n\t      IPv4 interface address: ");
                p.ip4(a);
                t += 4;
                tlen -= 4;
            }
        }
        137 => {
            p.s("\n\t      Hostname: ");
            super::chars::printjnp(p, d, t, usize::from(tlen))?;
        }
        138 => {
            if tlen < 7 {
                return Ok(None);
            }
            if !d.has(t, 7) {
                return Err(p.soft_trunc());
            }
            let n = id(d, t, 7)?;
            out!(p, "\n\t      IS Neighbor: {n}");
            t += 7;
            tlen -= 7;
            if tlen < 1 {
                return Ok(None);
            }
            let f = d.u8_at(t)?;
            out!(
                p,
                ", Flags: [{}]",
                if f & 1 != 0 { "numbered" } else { "unnumbered" }
            );
            t += 1;
            tlen -= 1;
            for what in ["interface", "neighbor"] {
                if tlen < 4 {
                    return Ok(None);
                }
                let a = *d.array::<4>(t)?;
                out!(p, "\n\t      IPv4 {what} address: ");
                p.ip4(a);
                t += 4;
                tlen -= 4;
            }
            while tlen != 0 {
                if tlen < 4 {
                    return Ok(None);
                }
                let l = d.be32(t)?;
                out!(p, "\n\t      Link-ID: 0x{l:08x}");
                t += 4;
                tlen -= 4;
            }
        }
        9 => {
            while tlen != 0 {
                if tlen < 16 {
                    return Ok(None);
                }
                if !d.has(t + 2, 8) {
                    return Err(p.soft_trunc());
                }
                let l = id(d, t + 2, 8)?;
                out!(p, "\n\t      lsp-id: {l}");
                let seq = d.be32(t + 10)?;
                out!(p, ", seq: 0x{seq:08x}");
                let life = d.be16(t)?;
                out!(p, ", lifetime: {life:5}s");
                let ck = d.be16(t + 14)?;
                out!(p, ", chksum: 0x{ck:04x}");
                tlen -= 16;
                t += 16;
            }
        }
        12 => {
            if tlen < 2 {
                return Ok(None);
            }
            if !d.has(t, 2) {
                return Err(p.soft_trunc());
            }
            let ck = d.be16(t)?;
            out!(p, "\n\t      checksum: 0x{ck:04x} ");
            print_cksum(p, d, 0, ck, t as i64, length);
        }
        13 => {
            if tlen < 1 {
                return Ok(None);
            }
            let n = d.u8_at(t)?;
            t += 1;
            tlen -= 1;
            if n == 0 {
                p.s(" No system IDs supplied");
            } else {
                if tlen < 6 {
                    return Ok(None);
                }
                if !d.has(t, 6) {
                    return Err(p.soft_trunc());
                }
                let s = id(d, t, 6)?;
                out!(p, "\n\t      Purge Originator System-ID: {s}");
                t += 6;
                tlen -= 6;
                if n > 1 {
                    if tlen < 6 {
                        return Ok(None);
                    }
                    if !d.has(t, 6) || !d.has(t, 13) {
                        return Err(p.soft_trunc());
                    }
                    let s = id(d, t, 6)?;
                    out!(p, "\n\t      Received from System-ID: {s}");
                }
            }
        }
        229 => {
            while tlen != 0 {
                if tlen != 1 {
                    let mt = mtid(p, d, t, usize::from(tlen))?;
                    if mt == 0 {
                        return Err(p.soft_trunc());
                    }
                    t += mt;
                    tlen -= mt as u8;
                } else {
                    p.s("\n\t      invalid MT-ID");
                    break;
                }
            }
        }
        211 => {
            if tlen < 1 {
                return Ok(None);
            }
            if !d.has(t, 1) {
                return Err(p.soft_trunc());
            }
            let f = d.u8_at(t)?;
            p.s("\n\t      Flags [");
            bittok2str(p, RESTART_FLAGS, "none", u32::from(f));
            p.s("]");
            t += 1;
            tlen -= 1;
            if tlen == 0 || tlen < 2 {
                return Ok(None);
            }
            if !d.has(t, 2) {
                return Err(p.soft_trunc());
            }
            let ht = d.be16(t)?;
            out!(p, ", Remaining holding time {ht}s");
            t += 2;
            tlen -= 2;
            if tlen == 6 {
                if !d.has(t, 6) {
                    return Err(p.soft_trunc());
                }
                let s = id(d, t, 6)?;
                out!(p, ", for {s}");
            }
        }
        131 => {
            if tlen < 1 {
                return Ok(None);
            }
            let s = d.u8_at(t)?;
            p.s("\n\t      Inter-Domain Information Type: ");
            match s {
                0 => p.s("Reserved"),
                1 => p.s("Routing-Domain Specific"),
                2 => p.s("AS Number Tag"),
                _ => out!(p, "Unknown (0x{s:02x})"),
            }
            t += 1;
            tlen -= 1;
            if s == 2 {
                if tlen < 2 {
                    return Ok(None);
                }
                let asn = d.be16(t)?;
                out!(p, "AS Number: {asn}");
            } else if !unknown(p, d, t, I, usize::from(tlen)) {
                return Ok(Some(false));
            }
        }
        14 => {
            if tlen >= 2 {
                let b = d.be16(t)?;
                out!(p, "\n\t      LSP Buffersize: {b}");
            }
        }
        4 => {
            while tlen != 0 {
                if tlen < 6 {
                    return Ok(None);
                }
                if !d.has(t, 6) {
                    return Err(p.soft_trunc());
                }
                let s = id(d, t, 6)?;
                out!(p, "\n\t      {s}");
                t += 6;
                tlen -= 6;
            }
        }
        5 => {
            if tlen < 4 {
                return Ok(None);
            }
            if !d.has(t, 4) {
                return Err(p.soft_trunc());
            }
            p.s("\n\t      Metric Block");
            metric_block(p, d, t)?;
            t += 4;
            tlen -= 4;
            while tlen != 0 {
                let pl = d.u8_at(t)?;
                t += 1;
                tlen -= 1;
                if pl < 2 {
                    out!(p, "\n\t\tAddress: prefix length {pl} < 2");
                    break;
                }
                if tlen < pl / 2 {
                    break;
                }
                let a = nsap(d, t, usize::from(pl / 2))?;
                out!(p, "\n\t\tAddress: {a}/{}", u32::from(pl) * 4);
                t += usize::from(pl / 2);
                tlen -= pl / 2;
            }
        }
        241 => {
            if tlen >= 4 {
                let s = d.be32(t)?;
                out!(p, "\n\t      Sequence number: {s}");
            }
        }
        242 => {
            if tlen < 5 {
                out!(p, " [object length {tlen} < 5] (invalid)");
                return Ok(None);
            }
            let a = *d.array::<4>(t)?;
            p.s("\n\t      Router-ID ");
            p.ip4(a);
            let f = d.u8_at(t + 4)?;
            p.s(", Flags [");
            bittok2str(p, ROUTER_CAP_FLAGS, "none", u32::from(f));
            p.s("]");
            if tlen > 5 {
                router_cap_subtlv(p, d, t + 5, tlen - 5)?;
            }
        }
        250 => {
            if tlen < 3 {
                return Ok(None);
            }
            let vid = d.be24(t)?;
            out!(
                p,
                "\n\t      Vendor: {} ({vid})",
                super::addr::oui_name(vid).unwrap_or("Unknown")
            );
            t += 3;
            tlen -= 3;
            if tlen != 0 && !unknown(p, d, t, "\n\t\t", usize::from(tlen)) {
                return Ok(Some(false));
            }
        }
        _ => {
            if v <= 1 && !unknown(p, d, pptr, "\n\t\t", usize::from(tlv_len)) {
                return Ok(Some(false));
            }
        }
    }
    Ok(None)
}

/// `isis_print_metric_block` (the 4-byte block at `at`).
fn metric_block(p: &mut Printer, d: &[u8], at: usize) -> P {
    let ie = |b: u8| {
        if b & 0x40 != 0 {
            "External"
        } else {
            "Internal"
        }
    };
    let m = d.u8_at(at)?;
    out!(p, ", Default Metric: {}, {}", m & 0x3f, ie(m));
    for (i, name) in ["Delay", "Expense", "Error"].iter().enumerate() {
        let m = d.u8_at(at + 1 + i)?;
        if m & 0x80 == 0 {
            out!(p, "\n\t\t  {name} Metric: {}, {}", m & 0x3f, ie(m));
        }
    }
    Ok(())
}

/// `mask2plen`.
fn mask2plen(mask: u32) -> Option<u32> {
    (0..=32).find(|&n| {
        let m = if n == 0 { 0 } else { u32::MAX << (32 - n) };
        m == mask
    })
}

/// `isis_print_tlv_ip_reach`: false where tcpdump returns 0.
fn tlv_ip_reach(
    p: &mut Printer,
    d: &[u8],
    mut at: usize,
    ident: &str,
    mut length: usize,
) -> Result<bool, Trunc> {
    while length > 0 {
        if length < 12 {
            out!(p, "short IPv4 Reachability ({length} vs 12)");
            return Ok(false);
        }
        if !d.has(at, 12) {
            return Ok(false);
        }
        let prefix = *d.array::<4>(at + 4)?;
        let mask = *d.array::<4>(at + 8)?;
        match mask2plen(u32::from_be_bytes(mask)) {
            None => {
                out!(p, "{ident}IPv4 prefix: ");
                p.ip4(prefix);
                p.s(" mask ");
                p.ip4(mask);
            }
            Some(pl) => {
                out!(p, "{ident}IPv4 prefix: ");
                pad15(p, |p| p.ip4(prefix));
                out!(p, "/{pl}");
            }
        }
        let m = d.u8_at(at)?;
        let ie = |b: u8| {
            if b & 0x40 != 0 {
                "External"
            } else {
                "Internal"
            }
        };
        out!(
            p,
            ", Distribution: {}, Metric: {}, {}",
            if m & 0x80 != 0 { "down" } else { "up" },
            m & 0x3f,
            ie(m)
        );
        for (i, name) in ["Delay", "Expense", "Error"].iter().enumerate() {
            let m = d.u8_at(at + 1 + i)?;
            if m & 0x80 == 0 {
                out!(p, "{ident}  {name} Metric: {}, {}", m & 0x3f, ie(m));
            }
        }
        length -= 12;
        at += 12;
    }
    Ok(true)
}

/// `isis_print_mtid`: 2, or 0 when fewer than two bytes remain.
fn mtid(p: &mut Printer, d: &[u8], at: usize, remaining: usize) -> Result<usize, Trunc> {
    if remaining < 2 {
        return Ok(0);
    }
    let x = d.be16(at)?;
    let id = x & 0x0fff;
    p.s("\n\t      ");
    p.s(match id {
        0 => "IPv4 unicast",
        1 => "In-Band Management",
        2 => "IPv6 unicast",
        3 => "Multicast",
        4095 => "Development, Experimental or Proprietary",
        _ => "Reserved for IETF Consensus",
    });
    out!(p, " Topology (0x{id:03x}), Flags: [");
    bittok2str(p, MT_FLAGS, "none", u32::from(x & 0xf000));
    p.s("]");
    Ok(2)
}

/// `isis_print_ext_is_reach`: the bytes used, 0 on failure.
fn ext_is_reach(
    p: &mut Printer,
    d: &[u8],
    mut t: usize,
    ident: &str,
    ty: u8,
    mut rem: usize,
) -> Result<usize, Trunc> {
    if !d.has(t, 7) || rem < 7 {
        return Ok(0);
    }
    let n = id(d, t, 7)?;
    out!(p, "{ident}IS Neighbor: {n}");
    t += 7;
    rem -= 7;
    let mut proc = 7usize;
    if ty != 24 {
        if !d.has(t, 3) || rem < 3 {
            return Ok(0);
        }
        let m = d.be24(t)?;
        out!(p, ", Metric: {m}");
        t += 3;
        rem -= 3;
        proc += 3;
    }
    if !d.has(t, 1) || rem < 1 {
        return Ok(0);
    }
    let mut sum = usize::from(d.u8_at(t)?);
    t += 1;
    rem -= 1;
    proc += 1;
    out!(p, ", {}sub-TLVs present", if sum != 0 { "" } else { "no " });
    if sum == 0 {
        return Ok(proc);
    }
    out!(p, " ({sum})");
    let mut buf = [0u8; 24];
    let il = ident.len().min(22);
    if let (Some(dst), Some(src)) = (buf.get_mut(..il), ident.as_bytes().get(..il)) {
        dst.copy_from_slice(src);
    }
    if let Some(sp) = buf.get_mut(il..il + 2) {
        sp.copy_from_slice(b"  ");
    }
    let ident2 = std::str::from_utf8(buf.get(..il + 2).unwrap_or(&[])).unwrap_or("");
    let ident = ident2;
    while sum != 0 {
        if !d.has(t, 2) {
            return Ok(0);
        }
        if rem < 2 {
            out!(
                p,
                "{ident}Remaining data in TLV shorter than a subTLV header"
            );
            proc += rem;
            break;
        }
        if sum < 2 {
            out!(
                p,
                "{ident}Remaining data in subTLVs shorter than a subTLV header"
            );
            proc += sum;
            break;
        }
        let st = d.u8_at(t)?;
        let mut sl = usize::from(d.u8_at(t + 1)?);
        t += 2;
        rem -= 2;
        sum -= 2;
        proc += 2;
        out!(
            p,
            "{ident}{} subTLV #{st}, length: {sl}",
            ext_is_subtlv_name(st)
        );
        if sum < sl {
            p.s(" (remaining data in subTLVs shorter than the current subTLV)");
            proc += sum;
            break;
        }
        if rem < sl {
            p.s(" (> remaining tlv length)");
            proc += rem;
            break;
        }
        if !d.has(t, sl) {
            return Ok(0);
        }
        match st {
            3..=5 => {
                if sl >= 4 {
                    let x = d.be32(t)?;
                    out!(p, ", 0x{x:08x}");
                    if sl == 8 {
                        let y = d.be32(t + 4)?;
                        out!(p, ", 0x{y:08x}");
                    }
                }
            }
            6 | 8 => {
                if sl >= 4 {
                    let a = *d.array::<4>(t)?;
                    p.s(", ");
                    p.ip4(a);
                }
            }
            9 | 10 => {
                if sl >= 4 {
                    let b = d.be32(t)?;
                    out!(p, ", {} Mbps", Mbps(b));
                }
            }
            11 => {
                if sl >= 32 {
                    for c in 0..8 {
                        let b = d.be32(t)?;
                        out!(p, "{ident}  TE-Class {c}: {} Mbps", Mbps(b));
                        t += 4;
                        sl -= 4;
                        sum = sum.wrapping_sub(4);
                        proc += 4;
                    }
                }
            }
            22 | 12 => {
                if sl != 0 {
                    let m = d.u8_at(t)?;
                    let name = bc_model_name(m);
                    out!(p, "{ident}Bandwidth Constraints Model ID: {name} ({m})");
                    t += 1;
                    sl -= 1;
                    sum = sum.wrapping_sub(1);
                    proc += 1;
                    let mut c = 0;
                    while sl != 0 {
                        if sl < 4 {
                            break;
                        }
                        let b = d.be32(t)?;
                        out!(p, "{ident}  Bandwidth constraint CT{c}: {} Mbps", Mbps(b));
                        t += 4;
                        sl -= 4;
                        sum = sum.wrapping_sub(4);
                        proc += 4;
                        c += 1;
                    }
                }
            }
            18 => {
                if sl >= 3 {
                    let m = d.be24(t)?;
                    out!(p, ", {m}");
                }
            }
            19 => {
                if sl == 2 {
                    let x = d.be16(t)?;
                    p.s(", [ ");
                    bittok2str(p, LINK_ATTR, "Unknown", u32::from(x));
                    out!(p, " ] (0x{x:04x})");
                }
            }
            20 => {
                if sl >= 2 {
                    let (a, b) = (d.u8_at(t)?, d.u8_at(t + 1)?);
                    p.s(", ");
                    bittok2str(p, LINK_PROT, "none", u32::from(a));
                    out!(p, ", Priority {b}");
                }
            }
            29 => {
                if sl >= 6 {
                    let lm = d.be24(t)?;
                    out!(p, ", LM: {lm}");
                    t += 3;
                    sl -= 3;
                    sum = sum.wrapping_sub(3);
                    proc += 3;
                    let pr = d.u8_at(t)?;
                    out!(p, ", P: {pr}");
                    t += 1;
                    sl -= 1;
                    sum = sum.wrapping_sub(1);
                    proc += 1;
                    let pid = d.be16(t)?;
                    out!(p, ", P-ID: {pid}");
                }
            }
            21 => {
                if sl >= 36 {
                    let cap = d.u8_at(t)?;
                    out!(
                        p,
                        "{ident}  Interface Switching Capability:{}",
                        switch_cap_name(cap)
                    );
                    let enc = d.u8_at(t + 1)?;
                    out!(p, ", LSP Encoding: {}", encoding_name(enc));
                    t += 4;
                    sl -= 4;
                    sum = sum.wrapping_sub(4);
                    proc += 4;
                    out!(p, "{ident}  Max LSP Bandwidth:");
                    for lvl in 0..8 {
                        let b = d.be32(t)?;
                        out!(p, "{ident}    priority level {lvl}: {} Mbps", Mbps(b));
                        t += 4;
                        sl -= 4;
                        sum = sum.wrapping_sub(4);
                        proc += 4;
                    }
                    match cap {
                        1..=4 => {
                            if sl >= 6 {
                                let b = d.be32(t)?;
                                out!(p, "{ident}  Min LSP Bandwidth: {} Mbps", Mbps(b));
                                let mtu = d.be16(t + 4)?;
                                out!(p, "{ident}  Interface MTU: {mtu}");
                            }
                        }
                        100 => {
                            if sl >= 8 {
                                let b = d.be32(t)?;
                                out!(p, "{ident}  Min LSP Bandwidth: {} Mbps", Mbps(b));
                                let ind = d.u8_at(t + 4)?;
                                match ind {
                                    0 => out!(p, "{ident}  Indication Standard SONET/SDH"),
                                    1 => out!(p, "{ident}  Indication Arbitrary SONET/SDH"),
                                    _ => out!(p, "{ident}  Indication Unknown ({ind})"),
                                }
                            }
                        }
                        _ => {
                            if sl != 0 && !unknown(p, d, t, "\n\t\t    ", sl) {
                                return Ok(0);
                            }
                        }
                    }
                }
            }
            32 => {
                if sl >= 8 {
                    let f = d.u8_at(t)?;
                    out!(p, "{ident}  Flags: [");
                    bittok2str(p, LAN_ADJ_SID_FLAGS, "none", u32::from(f));
                    p.s("]");
                    let vflag = f & 0x20 != 0;
                    let lflag = f & 0x10 != 0;
                    t += 1;
                    sl -= 1;
                    sum = sum.wrapping_sub(1);
                    proc += 1;
                    let w = d.u8_at(t)?;
                    out!(p, "{ident}  Weight: {w}");
                    t += 1;
                    sl -= 1;
                    sum = sum.wrapping_sub(1);
                    proc += 1;
                    if sl >= 6 {
                        if !d.has(t, 6) {
                            return Ok(0);
                        }
                        let s = id(d, t, 6)?;
                        out!(p, "{ident}  Neighbor System-ID: {s}");
                    }
                    if vflag && lflag {
                        let l = d.be24(t + 6)?;
                        out!(p, "{ident}  Label: {l}");
                    } else if !vflag && !lflag {
                        let i = d.be32(t + 6)?;
                        out!(p, "{ident}  Index: {i}");
                    } else {
                        p.s(" (invalid)");
                    }
                }
            }
            _ => {
                if !unknown(p, d, t, "\n\t\t    ", sl) {
                    return Ok(0);
                }
            }
        }
        t += sl;
        rem = rem.wrapping_sub(sl);
        sum = sum.wrapping_sub(sl);
        proc += sl;
    }
    Ok(proc)
}

/// `isis_print_extd_ip_reach`: the bytes used, 0 on failure.
fn extd_ip_reach(
    p: &mut Printer,
    d: &[u8],
    mut t: usize,
    ident: &str,
    v6: bool,
) -> Result<usize, Trunc> {
    let metric = d.be32(t)?;
    let mut processed = 4usize;
    t += 4;
    let status;
    let bits;
    if !v6 {
        status = d.u8_at(t)?;
        t += 1;
        bits = status & 0x3f;
        if bits > 32 {
            out!(p, "{ident}IPv4 prefix: bad bit length {bits}");
            return Ok(0);
        }
        processed += 1;
    } else {
        status = d.u8_at(t)?;
        bits = d.u8_at(t + 1)?;
        if bits > 128 {
            out!(p, "{ident}IPv6 prefix: bad bit length {bits}");
            return Ok(0);
        }
        t += 2;
        processed += 2;
    }
    let bytes = usize::from(bits).div_ceil(8);
    let mut prefix = [0u8; 16];
    let src = d.range(t, bytes)?;
    if let Some(dst) = prefix.get_mut(..bytes) {
        dst.copy_from_slice(src);
    }
    t += bytes;
    processed += bytes;
    if !v6 {
        out!(p, "{ident}IPv4 prefix: ");
        let a = [prefix[0], prefix[1], prefix[2], prefix[3]];
        pad15(p, |p| p.ip4(a));
        out!(p, "/{bits}");
    } else {
        out!(p, "{ident}IPv6 prefix: ");
        p.ip6(&prefix);
        out!(p, "/{bits}");
    }
    out!(
        p,
        ", Distribution: {}, Metric: {metric}",
        if status & 0x80 != 0 { "down" } else { "up" }
    );
    let sub = if !v6 {
        if status & 0x40 != 0 {
            p.s(", sub-TLVs present");
        }
        status & 0x40 != 0
    } else {
        out!(
            p,
            ", {}{}",
            if status & 0x40 != 0 {
                "External"
            } else {
                "Internal"
            },
            if status & 0x20 != 0 {
                ", sub-TLVs present"
            } else {
                ""
            }
        );
        status & 0x20 != 0
    };
    if sub {
        let mut sublen = u32::from(d.u8_at(t)?);
        t += 1;
        processed += sublen as usize + 1;
        out!(p, " ({sublen})");
        let mut buf = [0u8; 24];
        let il = ident.len().min(22);
        if let (Some(dst), Some(src)) = (buf.get_mut(..il), ident.as_bytes().get(..il)) {
            dst.copy_from_slice(src);
        }
        if let Some(sp) = buf.get_mut(il..il + 2) {
            sp.copy_from_slice(b"  ");
        }
        let ident2 = std::str::from_utf8(buf.get(..il + 2).unwrap_or(&[])).unwrap_or("");
        while sublen > 0 {
            let st = d.u8_at(t)?;
            let sl = d.u8_at(t + 1)?;
            t += 2;
            if !ip_reach_subtlv(p, d, t, st, usize::from(sl), ident2)? {
                return Ok(0);
            }
            t += usize::from(sl);
            sublen = sublen.wrapping_sub(u32::from(sl) + 2);
        }
    }
    Ok(processed)
}

/// `isis_print_ip_reach_subtlv`.
fn ip_reach_subtlv(
    p: &mut Printer,
    d: &[u8],
    mut t: usize,
    st: u8,
    mut sl: usize,
    ident: &str,
) -> Result<bool, Trunc> {
    out!(
        p,
        "{ident}{} subTLV #{st}, length: {sl}",
        ext_ip_subtlv_name(st)
    );
    if !d.has(t, sl) {
        p.trunc();
        return Ok(false);
    }
    match st {
        117 | 1 => {
            while sl >= 4 {
                let x = d.be32(t)?;
                out!(p, ", 0x{x:08x} (={x})");
                t += 4;
                sl -= 4;
            }
        }
        2 => {
            while sl >= 8 {
                let (a, b) = (d.be32(t)?, d.be32(t + 4)?);
                out!(p, ", 0x{a:08x}{b:08x}");
                t += 8;
                sl -= 8;
            }
        }
        3 => {
            let flags = d.u8_at(t)?;
            let algo = d.u8_at(t + 1)?;
            let sid = if flags & 0x08 != 0 {
                if sl < 5 {
                    p.trunc();
                    return Ok(false);
                }
                d.be24(t + 2)?
            } else {
                if sl < 6 {
                    p.trunc();
                    return Ok(false);
                }
                d.be32(t + 2)?
            };
            p.s(", Flags [");
            bittok2str(p, PREFIX_SID_FLAGS, "None", u32::from(flags));
            out!(
                p,
                "], Algo {} ({algo}), {} {sid}",
                match algo {
                    0 => "SPF",
                    1 => "strict-SPF",
                    _ => "Unknown",
                },
                if flags & 0x08 != 0 { "label" } else { "index" }
            );
        }
        _ => {
            if !unknown(p, d, t, "\n\t\t    ", sl) {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// `isis_print_router_cap_subtlv`.
fn router_cap_subtlv(p: &mut Printer, d: &[u8], mut t: usize, mut tlen: u8) -> P {
    while tlen >= 2 {
        let st = d.u8_at(t)?;
        let sl = d.u8_at(t + 1)?;
        tlen -= 2;
        t += 2;
        out!(
            p,
            "\n\t\t{} subTLV #{st}, length: {sl}",
            if st == 2 {
                "SR-Capabilities"
            } else {
                "unknown"
            }
        );
        if sl > tlen {
            break;
        }
        if !d.has(t, usize::from(sl)) {
            return Ok(());
        }
        if st == 2 {
            let flags = d.u8_at(t)?;
            let range = d.be24(t + 1)?;
            p.s(", Flags [");
            bittok2str(p, SR_FLAGS, "None", u32::from(flags));
            out!(p, "], Range {range}");
            let mut sp = t + 4;
            let mut stl = sl.wrapping_sub(4);
            while stl >= 5 {
                let sty = d.u8_at(sp)?;
                let sln = d.u8_at(sp + 1)?;
                stl -= 2;
                sp += 2;
                if sln > stl {
                    break;
                }
                if sty == 1 {
                    if sln == 3 {
                        let v = d.be24(sp)?;
                        out!(p, ", SID value {v}");
                    } else if sln == 4 {
                        let v = d.be32(sp)?;
                        out!(p, ", SID value {v}");
                    } else {
                        out!(p, ", Unknown SID length{sln}");
                    }
                } else {
                    unknown(p, d, sp, "\n\t\t  ", usize::from(sln));
                }
                sp += usize::from(sln);
                stl -= sln;
            }
        } else {
            unknown(p, d, t, "\n\t\t", usize::from(sl));
        }
        tlen -= sl;
        t += usize::from(sl);
    }
    Ok(())
}

/// `isis_print_mcid` (51 bytes at `t`).
fn mcid(p: &mut Printer, d: &[u8], t: usize) -> P {
    if !d.has(t, 51) {
        p.trunc();
        return Ok(());
    }
    let f = d.u8_at(t)?;
    out!(p, "ID: {f}, Name: ");
    super::chars::printjnp(p, d, t + 1, 32)?;
    let lvl = d.be16(t + 33)?;
    out!(p, "\n\t              Lvl: {lvl}");
    p.s(", Digest: ");
    for i in 0..16 {
        let b = d.u8_at(t + 35 + i)?;
        out!(p, "{b:02x} ");
    }
    Ok(())
}

/// `isis_print_mt_port_cap_subtlv`: a cut or bad sub-TLV ends it, with a
/// note on the line (tcpdump's `nd_print_trunc` there does not unwind).
fn mt_port_cap_subtlv(p: &mut Printer, d: &[u8], mut t: usize, mut len: usize) -> P {
    while len > 2 {
        let st = d.u8_at(t)?;
        let mut sl = usize::from(d.u8_at(t + 1)?);
        let name = match st {
            4 => "SPB MCID",
            5 => "SPB Digest",
            6 => "SPB BVID",
            _ => "unknown",
        };
        out!(p, "\n\t       {name} subTLV #{st}, length: {sl}");
        t += 2;
        len -= 2;
        if len < sl {
            p.s(" (> containing TLV length)");
            return Ok(());
        }
        if !d.has(t, sl) {
            p.trunc();
            return Ok(());
        }
        match st {
            4 => {
                if sl < 102 {
                    p.s(" (too short)");
                    return Ok(());
                }
                p.s("\n\t         MCID: ");
                mcid(p, d, t)?;
                p.s("\n\t         AUX-MCID: ");
                mcid(p, d, t + 51)?;
                t += 102;
                len -= 102;
                sl -= 102;
            }
            5 => {
                if sl < 33 {
                    p.s(" (too short)");
                    return Ok(());
                }
                let b = d.u8_at(t)?;
                out!(
                    p,
                    "\n\t        RES: {} V: {} A: {} D: {}",
                    b >> 5,
                    (b >> 4) & 1,
                    (b >> 2) & 3,
                    b & 3
                );
                t += 1;
                p.s("\n\t         Digest: ");
                for i in 1..=8 {
                    let x = d.be32(t)?;
                    out!(p, "{x:08x} ");
                    if i % 4 == 0 && i != 8 {
                        p.s("\n\t                 ");
                    }
                    t += 4;
                }
                len -= 33;
                sl -= 33;
            }
            6 => {
                while sl != 0 {
                    if sl < 4 {
                        p.s(" (too short)");
                        return Ok(());
                    }
                    let ect = d.be32(t)?;
                    out!(p, "\n\t           ECT: {ect:08x}");
                    t += 4;
                    len -= 4;
                    sl -= 4;
                    if sl < 2 {
                        p.s(" (too short)");
                        return Ok(());
                    }
                    let x = d.be16(t)?;
                    out!(
                        p,
                        " BVID: {}, U:{:01x} M:{:01x} ",
                        x >> 4,
                        (x >> 3) & 1,
                        (x >> 2) & 1
                    );
                    t += 2;
                    len -= 2;
                    sl -= 2;
                }
            }
            _ => {}
        }
        t += sl;
        len -= sl;
    }
    Ok(())
}

/// `isis_print_mt_capability_subtlv`.
fn mt_capability_subtlv(p: &mut Printer, d: &[u8], mut t: usize, mut len: usize) -> P {
    while len > 2 {
        let st = d.u8_at(t)?;
        let mut sl = usize::from(d.u8_at(t + 1)?);
        t += 2;
        len -= 2;
        let name = match st {
            1 => "SPB Instance",
            3 => "SPBM Service Identifier and Unicast Address",
            _ => "unknown",
        };
        out!(p, "\n\t      {name} subTLV #{st}, length: {sl}");
        if len < sl {
            p.s(" (> containing TLV length)");
            return Ok(());
        }
        if !d.has(t, sl) {
            p.trunc();
            return Ok(());
        }
        match st {
            1 => {
                if sl < 19 {
                    p.s(" (too short)");
                    return Ok(());
                }
                let a = d.be32(t)?;
                out!(p, "\n\t        CIST Root-ID: {a:08x}");
                let b = d.be32(t + 4)?;
                out!(p, " {b:08x}");
                let c = d.be32(t + 8)?;
                out!(p, ", Path Cost: {c:08x}");
                let pr = d.be16(t + 12)?;
                out!(p, ", Prio: {pr}");
                t += 14;
                let x = d.be16(t)?;
                out!(p, "\n\t        RES: {}", x >> 5);
                out!(p, ", V: {}", (x >> 4) & 1);
                let y = d.be32(t)?;
                out!(p, ", SPSource-ID: {}", y & 0x000f_ffff);
                t += 4;
                let mut trees = d.u8_at(t)?;
                out!(p, ", No of Trees: {trees:x}");
                t += 1;
                len -= 19;
                sl -= 19;
                while trees != 0 {
                    if sl < 8 {
                        p.trunc();
                        return Ok(());
                    }
                    let b = d.u8_at(t)?;
                    out!(
                        p,
                        "\n\t         U:{}, M:{}, A:{}, RES:{}",
                        b >> 7,
                        (b >> 6) & 1,
                        (b >> 5) & 1,
                        b & 0x1f
                    );
                    t += 1;
                    let ect = d.be32(t)?;
                    out!(p, ", ECT: {ect:08x}");
                    t += 4;
                    let v = d.be24(t)?;
                    out!(p, ", BVID: {}, SPVID: {}", (v >> 12) & 0xfff, v & 0xfff);
                    t += 3;
                    len = len.wrapping_sub(8);
                    sl -= 8;
                    trees -= 1;
                }
            }
            3 => {
                if sl < 8 {
                    p.trunc();
                    return Ok(());
                }
                let a = d.be32(t)?;
                out!(p, "\n\t        BMAC: {a:08x}");
                let b = d.be16(t + 4)?;
                out!(p, "{b:04x}");
                let x = d.be16(t + 6)?;
                out!(p, ", RES: {}, VID: {}", x >> 12, x & 0x0fff);
                t += 8;
                len -= 8;
                sl -= 8;
                while sl >= 4 {
                    let y = d.be32(t)?;
                    out!(
                        p,
                        "\n\t        T: {}, R: {}, RES: {}, ISID: {}",
                        y >> 31,
                        (y >> 30) & 1,
                        (y >> 24) & 0x3f,
                        y & 0x00ff_ffff
                    );
                    t += 4;
                    len -= 4;
                    sl -= 4;
                }
            }
            _ => {}
        }
        t += sl;
        len = len.wrapping_sub(sl);
    }
    Ok(())
}

/// `esis_option_values`.
fn esis_option_name(op: u8) -> &'static str {
    match op {
        129 => "Protocols supported",
        195 => "QoS Maintenance",
        197 => "Security",
        198 => "ES Configuration Time",
        205 => "Priority",
        225 => "Addressk Mask",
        226 => "SNPA Mask",
        _ => "Unknown",
    }
}

/// `esis_print`.
fn esis_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "esis";
    let e = p.opts.link_header;
    let v = p.opts.verbose;
    if !e {
        p.s("ES-IS");
    }
    if length <= 2 {
        p.s(if p.opts.quiet {
            "bad pkt!"
        } else {
            "no header at all!"
        });
        return Ok(());
    }
    if !d.has(0, 9) {
        return Err(p.soft_trunc());
    }
    let mut li = usize::from(d.u8_at(1)?);
    let nlpid = d.u8_at(0)?;
    if nlpid != NLPID_ESIS {
        out!(p, " nlpid 0x{nlpid:02x} packet not supported");
        return Ok(());
    }
    let version = d.u8_at(2)?;
    if version != 1 {
        out!(p, " version {version} packet not supported");
        return Ok(());
    }
    if li > length {
        out!(p, " length indicator({li}) > PDU size ({length})!");
        return Ok(());
    }
    if li < 9 + 2 {
        out!(p, " length indicator {li} < min PDU size:");
        for &b in d {
            out!(p, "{b:02X}");
        }
        return Ok(());
    }
    let ty = d.u8_at(4)? & 0x1f;
    let sep = if e { "" } else { ", " };
    let name = match ty {
        6 => Some("redirect"),
        2 => Some("ESH"),
        4 => Some("ISH"),
        _ => None,
    };
    if v < 1 {
        match name {
            Some(n) => out!(p, "{sep}{n}, length {length}"),
            None => out!(p, "{sep}unknown type ({ty}), length {length}"),
        }
        return Ok(());
    }
    match name {
        Some(n) => out!(p, "{sep}length {length}\n\t{n} ({ty})"),
        None => out!(p, "{sep}length {length}\n\tunknown type: {ty} ({ty})"),
    }
    out!(p, ", v: {version}");
    let ck = d.be16(7)?;
    out!(p, ", checksum: 0x{ck:04x}");
    print_cksum(p, d, 0, ck, 7, li);
    let hold = d.be16(5)?;
    out!(p, ", holding time: {hold}s, length indicator: {li}");
    if v > 1 {
        unknown(p, d, 0, "\n\t", 9);
    }
    let mut t = 9usize;
    li -= 9;
    match ty {
        6 => {
            let bad = |p: &mut Printer| p.s(", bad redirect/li");
            if !d.has(t, 1) {
                return Err(p.soft_trunc());
            }
            if li < 1 {
                bad(p);
                return Ok(());
            }
            let dstl = usize::from(d.u8_at(t)?);
            t += 1;
            li -= 1;
            if !d.has(t, dstl) {
                return Err(p.soft_trunc());
            }
            if li < dstl {
                bad(p);
                return Ok(());
            }
            let dst = t;
            t += dstl;
            li -= dstl;
            let n = nsap(d, dst, dstl)?;
            out!(p, "\n\t  {n}");
            if !d.has(t, 1) {
                return Err(p.soft_trunc());
            }
            if li < 1 {
                bad(p);
                return Ok(());
            }
            let snpal = usize::from(d.u8_at(t)?);
            t += 1;
            li -= 1;
            if !d.has(t, snpal) {
                return Err(p.soft_trunc());
            }
            if li < snpal {
                bad(p);
                return Ok(());
            }
            let snpa = t;
            t += snpal;
            li -= snpal;
            if !d.has(t, 1) {
                return Err(p.soft_trunc());
            }
            if li < 1 {
                bad(p);
                return Ok(());
            }
            let netal = usize::from(d.u8_at(t)?);
            t += 1;
            if !d.has(t, netal) {
                return Err(p.soft_trunc());
            }
            if li < netal {
                bad(p);
                return Ok(());
            }
            let neta = t;
            t += netal;
            li -= netal;
            let sb = d.range(snpa, snpal)?;
            out!(p, "\n\t  SNPA (length: {snpal}): ");
            if snpal == 6 {
                p.etheraddr(sb);
            } else if snpal == 0 {
                p.s("<empty>");
            } else {
                for (i, b) in sb.iter().enumerate() {
                    if i > 0 {
                        p.s(":");
                    }
                    out!(p, "{b:02x}");
                }
            }
            if netal != 0 {
                let n = nsap(d, neta, netal)?;
                out!(p, "\n\t  NET (length: {netal}) {n}");
            }
        }
        2 => {
            if !d.has(t, 1) {
                return Err(p.soft_trunc());
            }
            if li < 1 {
                p.s(", bad esh/li");
                return Ok(());
            }
            let mut num = d.u8_at(t)?;
            t += 1;
            li -= 1;
            out!(p, "\n\t  Number of Source Addresses: {num}");
            while num > 0 {
                if !d.has(t, 1) {
                    return Err(p.soft_trunc());
                }
                if li < 1 {
                    p.s(", bad esh/li");
                    return Ok(());
                }
                let sl = usize::from(d.u8_at(t)?);
                t += 1;
                li -= 1;
                if !d.has(t, sl) {
                    return Err(p.soft_trunc());
                }
                if li < sl {
                    p.s(", bad esh/li");
                    return Ok(());
                }
                let n = nsap(d, t, sl)?;
                out!(p, "\n\t  NET (length: {sl}): {n}");
                t += sl;
                li -= sl;
                num -= 1;
            }
        }
        4 => {
            if !d.has(t, 1) {
                return Err(p.soft_trunc());
            }
            if li < 1 {
                p.s(", bad ish/li");
                return Ok(());
            }
            let sl = usize::from(d.u8_at(t)?);
            t += 1;
            li -= 1;
            if !d.has(t, sl) {
                return Err(p.soft_trunc());
            }
            if li < sl {
                p.s(", bad ish/li");
                return Ok(());
            }
            let n = nsap(d, t, sl)?;
            out!(p, "\n\t  NET (length: {sl}): {n}");
            t += sl;
            li -= sl;
        }
        _ => {
            if v <= 1 && d.has(t, 1) {
                let avail = d.len().saturating_sub(t);
                unknown(p, d, t, "\n\t  ", avail);
            }
            return Ok(());
        }
    }
    while li != 0 {
        if li < 2 {
            p.s(", bad opts/li");
            return Ok(());
        }
        let op = d.u8_at(t)?;
        let mut opli = usize::from(d.u8_at(t + 1)?);
        t += 2;
        li -= 2;
        if opli > li {
            out!(p, ", opt ({op}) too long");
            return Ok(());
        }
        li -= opli;
        let mut tp = t;
        out!(
            p,
            "\n\t  {} Option #{op}, length {opli}, value: ",
            esis_option_name(op)
        );
        match op {
            198 => {
                if opli == 2 {
                    if !d.has(t, 2) {
                        return Err(p.soft_trunc());
                    }
                    let x = d.be16(tp)?;
                    out!(p, "{x}s");
                } else {
                    p.s("(bad length)");
                }
            }
            129 => {
                // tcpdump counts `opli` down here, so the `-vv` dump below
                // is empty and the next option is read from this one's
                // start (its `pptr += opli` adds 0).
                while opli > 0 {
                    let n = d.u8_at(tp)?;
                    out!(p, "{} (0x{n:02x})", nlpid_name(n).unwrap_or("unknown"));
                    if opli > 1 {
                        p.s(", ");
                    }
                    tp += 1;
                    opli -= 1;
                }
            }
            _ => {
                unknown(p, d, tp, "\n\t  ", opli);
            }
        }
        if v > 1 {
            unknown(p, d, t, "\n\t  ", opli);
        }
        t += opli;
    }
    Ok(())
}
