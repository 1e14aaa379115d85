//! EIGRP (`print-eigrp.c`): `EIGRP Hello, length: 40`; from `-v` the
//! common header and each TLV (parameters, software version, IPv4 and
//! AppleTalk routes), with a hex dump of the others and, from `-vv`, of
//! every TLV.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::hex::print_unknown_data;
use super::{P, Printer, out};
use crate::decode::Bytes;
use crate::decode::eigrp::{self as e, EigrpTlvView, EigrpView};

/// `eigrp_opcode_values`.
fn opcode_name(op: u8) -> Option<&'static str> {
    Some(match op {
        1 => "Update",
        3 => "Query",
        4 => "Reply",
        5 => "Hello",
        6 => "IPX SAP",
        7 => "Probe",
        _ => return None,
    })
}

/// `eigrp_tlv_values`.
fn tlv_name(t: u16) -> &'static str {
    match t {
        0x0001 => "General Parameters",
        0x0002 => "Authentication",
        0x0003 => "Sequence",
        0x0004 => "Software Version",
        0x0005 => "Next Multicast Sequence",
        0x0102 => "IP Internal routes",
        0x0103 => "IP External routes",
        0x0202 => "AppleTalk Internal routes",
        0x0203 => "AppleTalk External routes",
        0x0204 => "AppleTalk Cable setup",
        0x0302 => "IPX Internal routes",
        0x0303 => "IPX External routes",
        _ => "Unknown",
    }
}

/// `eigrp_ext_proto_id_values`.
fn ext_proto(id: u8) -> &'static str {
    match id {
        0x01 => "IGRP",
        0x02 => "EIGRP",
        0x03 => "Static",
        0x04 => "RIP",
        0x05 => "Hello",
        0x06 => "OSPF",
        0x07 => "IS-IS",
        0x08 => "EGP",
        0x09 => "BGP",
        0x0a => "IDRP",
        0x0b => "Connected",
        _ => "unknown",
    }
}

/// `eigrp_common_header_flag_values`.
const HEADER_FLAGS: &[(u32, &str)] = &[
    (0x01, "Init"),
    (0x02, "Conditionally Received"),
    (0x04, "Restart"),
    (0x08, "End-of-Table"),
];

/// The metric line shared by the route TLVs, from the delay's offset.
fn metric(p: &mut Printer, v: &[u8], at: usize) -> P {
    let (delay, bw, mtu) = (v.be32(at)? / 100, v.be32(at + 4)?, v.be24(at + 8)?);
    let (hop, rel, load) = (v.u8_at(at + 11)?, v.u8_at(at + 12)?, v.u8_at(at + 13)?);
    out!(
        p,
        "\n\t      delay {delay} ms, bandwidth {bw} Kbps, mtu {mtu}, hop {hop}, reliability {rel}, load {load}"
    );
    Ok(())
}

/// `IPv4 prefix: %15s/%u, nexthop: ` and the next hop (`self` for 0).
fn ipv4_route(p: &mut Printer, v: &[u8], plen_at: usize) -> Result<bool, crate::decode::Trunc> {
    let bits = v.u8_at(plen_at)?;
    if bits > 32 {
        out!(p, "\n\t    illegal prefix length {bits}");
        return Ok(false);
    }
    let n = usize::from(bits).div_ceil(8);
    let mut prefix = [0u8; 4];
    for (i, b) in v.range(plen_at + 1, n)?.iter().enumerate() {
        if let Some(x) = prefix.get_mut(i) {
            *x = *b;
        }
    }
    p.s("\n\t    IPv4 prefix: ");
    let start = p.out().len();
    p.ip4(prefix);
    let w = p.out().len() - start;
    if w < 15 {
        p.out()
            .splice(start..start, std::iter::repeat_n(b' ', 15 - w));
    }
    out!(p, "/{bits}, nexthop: ");
    let nh = v.be32(0)?;
    if nh == 0 {
        p.s("self");
    } else {
        p.ip4(nh.to_be_bytes());
    }
    Ok(true)
}

/// AppleTalk's `Cable-Range: a-b, nexthop: ` (`self`, or net.node).
fn at_route(p: &mut Printer, v: &[u8], cable_at: usize) -> P {
    let (start, end) = (v.be16(cable_at)?, v.be16(cable_at + 2)?);
    out!(p, "\n\t     Cable-Range: {start}-{end}, nexthop: ");
    if v.be32(0)? == 0 {
        p.s("self");
    } else {
        let (a, b) = (v.be16(0)?, v.be16(2)?);
        out!(p, "{a}.{b}");
    }
    Ok(())
}

/// `eigrp_print`.
pub(super) fn eigrp_print(p: &mut Printer, d: &[u8], len: usize) -> P {
    p.cur.protocol = "eigrp";
    let Ok(h) = EigrpView::new_checked(d) else {
        return Err(p.soft_trunc());
    };
    if h.version() != 2 {
        out!(p, "EIGRP version {} packet not supported", h.version());
        return Ok(());
    }
    let op = h.opcode();
    if p.opts.verbose < 1 {
        match opcode_name(op) {
            Some(n) => out!(p, "EIGRP {n}, length: {len}"),
            None => out!(p, "EIGRP unknown ({op}), length: {len}"),
        }
        return Ok(());
    }
    if len < EigrpView::HEADER_LEN {
        match opcode_name(op) {
            Some(n) => out!(p, "EIGRP {n}, length: {len} (too short, < 20)"),
            None => out!(p, "EIGRP unknown ({op}), length: {len} (too short, < 20)"),
        }
        return Ok(());
    }
    let mut tlen = len - EigrpView::HEADER_LEN;
    match opcode_name(op) {
        Some(n) => out!(p, "\n\tEIGRP v2, opcode: {n} ({op})"),
        None => out!(p, "\n\tEIGRP v2, opcode: unknown, type: {op} ({op})"),
    }
    out!(p, ", chksum: 0x{:04x}, Flags: [", h.checksum());
    super::tok::bittok2str(p, HEADER_FLAGS, "none", h.flags());
    out!(
        p,
        "]\n\tseq: 0x{:08x}, ack: 0x{:08x}, VRID: {}, AS: {}, length: {tlen}",
        h.seq(),
        h.ack(),
        h.vrid(),
        h.asn()
    );
    let mut at = EigrpView::HEADER_LEN;
    while tlen > 0 {
        let Ok(t) = EigrpTlvView::new_checked(d.from(at).unwrap_or_default()) else {
            return Err(p.soft_trunc());
        };
        let (kind, tlv_len) = (t.kind(), usize::from(t.length()));
        if tlv_len < EigrpTlvView::HEADER_LEN || tlv_len > tlen {
            print_unknown_data(p, d.from(at + 4).ok(), "\n\t    ", tlen);
            return Ok(());
        }
        out!(
            p,
            "\n\t  {} TLV (0x{kind:04x}), length: {tlv_len}",
            tlv_name(kind)
        );
        if !d.has(at, tlv_len) {
            return Err(p.soft_trunc());
        }
        let v = d.range(at + 4, tlv_len - 4)?;
        // The value with what the capture holds after it: the IP route
        // TLVs read up to three destination bytes past their fixed part.
        let vx = d.from(at + 4)?;
        let vlen = v.len();
        let short = |p: &mut Printer, need: usize| {
            if vlen < need {
                out!(p, " (too short, < {})", need + 4);
                true
            } else {
                false
            }
        };
        match kind {
            e::GENERAL_PARM => {
                if !short(p, e::GENERAL_PARM_LEN) {
                    out!(
                        p,
                        "\n\t    holdtime: {}s, k1 {}, k2 {}, k3 {}, k4 {}, k5 {}",
                        v.be16(6)?,
                        v.u8_at(0)?,
                        v.u8_at(1)?,
                        v.u8_at(2)?,
                        v.u8_at(3)?,
                        v.u8_at(4)?
                    );
                }
            }
            e::SW_VERSION => {
                if !short(p, e::SW_VERSION_LEN) {
                    out!(
                        p,
                        "\n\t    IOS version: {}.{}, EIGRP version {}.{}",
                        v.u8_at(0)?,
                        v.u8_at(1)?,
                        v.u8_at(2)?,
                        v.u8_at(3)?
                    );
                }
            }
            e::IP_INT => {
                if !short(p, e::IP_INT_LEN) && ipv4_route(p, vx, 20)? {
                    metric(p, v, 4)?;
                }
            }
            e::IP_EXT => {
                if !short(p, e::IP_EXT_LEN) && ipv4_route(p, vx, 40)? {
                    let router = v.array::<4>(4)?;
                    let (asn, proto) = (v.be32(8)?, ext_proto(v.u8_at(22)?));
                    let (fl, tag, m) = (v.u8_at(23)?, v.be32(12)?, v.be32(16)?);
                    p.s("\n\t      origin-router ");
                    p.ip4(*router);
                    out!(
                        p,
                        ", origin-as {asn}, origin-proto {proto}, flags [0x{fl:02x}], tag 0x{tag:08x}, metric {m}"
                    );
                    metric(p, v, 24)?;
                }
            }
            e::AT_CABLE_SETUP => {
                if !short(p, e::AT_CABLE_SETUP_LEN) {
                    out!(
                        p,
                        "\n\t    Cable-range: {}-{}, Router-ID {}",
                        v.be16(0)?,
                        v.be16(2)?,
                        v.be32(4)?
                    );
                }
            }
            e::AT_INT => {
                if !short(p, e::AT_INT_LEN) {
                    at_route(p, v, 20)?;
                    metric(p, v, 4)?;
                }
            }
            e::AT_EXT => {
                if !short(p, e::AT_EXT_LEN) {
                    at_route(p, v, 36)?;
                    let (router, asn, proto) = (v.be32(4)?, v.be32(8)?, ext_proto(v.u8_at(16)?));
                    let (fl, tag, m) = (v.u8_at(17)?, v.be32(12)?, v.be16(18)?);
                    out!(
                        p,
                        "\n\t      origin-router {router}, origin-as {asn}, origin-proto {proto}, flags [0x{fl:02x}], tag 0x{tag:08x}, metric {m}"
                    );
                    metric(p, v, 20)?;
                }
            }
            _ => {
                if p.opts.verbose <= 1 {
                    print_unknown_data(p, Some(v), "\n\t    ", vlen);
                }
            }
        }
        if p.opts.verbose > 1 {
            print_unknown_data(p, Some(v), "\n\t    ", vlen);
        }
        at += tlv_len;
        tlen -= tlv_len;
    }
    Ok(())
}
