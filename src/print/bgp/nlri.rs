//! The MP_REACH/MP_UNREACH side of `print-bgp.c`: which AFI/SAFI pairs
//! have a decoder, their next hops, and one NLRI of each kind (IPv4/IPv6
//! prefixes, labeled, labeled VPN, route-target membership, multicast VPN,
//! MDT, L2VPN/VPLS, CLNP), with the route distinguisher and extended
//! community formats they share with the attributes.
//!
//! tcpdump formats most NLRI into a `MAXHOSTNAMELEN + 100` byte buffer
//! before printing it; [`BUF_MAX`] keeps the same cut. A decoder reads all
//! it needs before it writes, so a read past the capture (a `GET_*`
//! longjmp in tcpdump) leaves none of its text behind.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::super::gmpls::Mbps;
use super::super::hex::print_unknown_data;
use super::super::{Printer, out};
use crate::decode::{Bytes, Trunc};

type R<T> = Result<T, Trunc>;

/// `char buf[MAXHOSTNAMELEN + 100]` less its NUL.
const BUF_MAX: usize = 163;
const RD_LEN: usize = 8;

/// The text `f` writes on the line, taken back off it.
fn capture(p: &mut Printer, f: impl FnOnce(&mut Printer)) -> String {
    let mark = p.out().len();
    f(p);
    let v = p.out().split_off(mark);
    String::from_utf8_lossy(&v).into_owned()
}

/// `GET_IPADDR_STRING`.
pub(super) fn ip4s(p: &mut Printer, d: &[u8], at: usize) -> R<String> {
    let a = *d.array::<4>(at)?;
    Ok(capture(p, |p| p.ip4(a)))
}

/// `GET_IP6ADDR_STRING`.
fn ip6s(p: &mut Printer, d: &[u8], at: usize) -> R<String> {
    let a = *d.array::<16>(at)?;
    Ok(capture(p, |p| p.ip6(&a)))
}

fn nsap_s(d: &[u8], at: usize, len: usize) -> R<String> {
    Ok(super::super::isoclns::nsap_text(d.range(at, len)?))
}

/// tcpdump's buffer, cut where `snprintf` would cut it.
fn cut(mut s: String) -> String {
    if s.len() > BUF_MAX {
        let mut n = BUF_MAX;
        while !s.is_char_boundary(n) {
            n -= 1;
        }
        s.truncate(n);
    }
    s
}

/// `bgp_vpn_rd_print`.
pub(super) fn rd(d: &[u8], at: usize) -> R<String> {
    Ok(match d.be16(at)? {
        0 => {
            let b = d.range(at + 4, 4)?;
            format!(
                "{}:{} (= {}.{}.{}.{})",
                d.be16(at + 2)?,
                d.be32(at + 4)?,
                b.first().copied().unwrap_or(0),
                b.get(1).copied().unwrap_or(0),
                b.get(2).copied().unwrap_or(0),
                b.get(3).copied().unwrap_or(0)
            )
        }
        1 => {
            let b = d.range(at + 2, 4)?;
            format!(
                "{}.{}.{}.{}:{}",
                b.first().copied().unwrap_or(0),
                b.get(1).copied().unwrap_or(0),
                b.get(2).copied().unwrap_or(0),
                b.get(3).copied().unwrap_or(0),
                d.be16(at + 6)?
            )
        }
        2 => {
            let b = d.range(at + 2, 4)?;
            let local = d.be16(at + 6)?;
            format!(
                "{}:{local} ({}.{}.{}.{}:{local})",
                d.be32(at + 2)?,
                b.first().copied().unwrap_or(0),
                b.get(1).copied().unwrap_or(0),
                b.get(2).copied().unwrap_or(0),
                b.get(3).copied().unwrap_or(0)
            )
        }
        _ => "unknown RD format".to_string(),
    })
}

/// `bgp_extd_comm_subtype_values`.
pub(super) fn ext_comm_name(t: u16) -> &'static str {
    match t {
        0x0002 | 0x0102 | 0x0202 => "target",
        0x0003 | 0x0103 | 0x0203 => "origin",
        0x4004 => "link-BW",
        0x0005 | 0x0105 | 0x0205 | 0x8005 => "ospf-domain",
        0x0306 | 0x8000 => "ospf-route-type",
        0x030c => "encapsulation",
        0x0107 | 0x8001 => "ospf-router-id",
        0x800a => "layer2-info",
        0x8800 => "eigrp-general-route (flag, tag)",
        0x8801 => "eigrp-route-metric (AS, delay)",
        0x8802 => "eigrp-route-metric (reliability, nexthop, bandwidth)",
        0x8803 => "eigrp-route-metric (load, MTU)",
        0x8804 => "eigrp-external-route (remote-AS, remote-ID)",
        0x8805 => "eigrp-external-route (remote-proto, remote-metric)",
        0x0009 => "source-AS",
        0x010b => "vrf-route-import",
        0x000a | 0xf10a => "l2vpn-id",
        _ => "unknown extd community typecode",
    }
}

/// `l2vpn_encaps_values` (l2vpn.c).
fn l2vpn_encaps(v: u8) -> &'static str {
    match v {
        0 => "Reserved",
        1 => "Frame Relay",
        2 => "ATM AAL5 SDU VCC transport",
        3 => "ATM transparent cell transport",
        4 => "Ethernet (VLAN) Tagged Mode",
        5 => "Ethernet Raw Mode",
        6 => "Cisco HDLC",
        7 => "PPP",
        8 => "SONET/SDH Circuit Emulation Service over MPLS",
        9 => "ATM n-to-one VCC cell transport",
        10 => "ATM n-to-one VPC cell transport",
        11 => "IP layer 2 transport",
        15 => "Frame Relay Port mode",
        17 => "Structure-agnostic E1 over packet",
        18 => "Structure-agnostic T1 (DS1) over packet",
        19 => "VPLS",
        20 => "Structure-agnostic T3 (DS3) over packet",
        21 => "Nx64kbit/s Basic Service using Structure-aware",
        25 => "Frame Relay DLCI",
        40 => "Structure-agnostic E3 over packet",
        41 => "Octet-aligned playload for Structure-agnostic DS1 circuits",
        42 => "E1 Nx64kbit/s with CAS using Structure-aware",
        43 => "DS1 (ESF) Nx64kbit/s with CAS using Structure-aware",
        44 => "DS1 (SF) Nx64kbit/s with CAS using Structure-aware",
        _ => "unknown encaps",
    }
}

fn encap_tunnel(v: u16) -> &'static str {
    match v {
        1 => "L2TPv3 over IP",
        2 => "GRE",
        3 => "Transmit Tunnel",
        4 => "IPsec",
        5 => "IP in IP with IPsec",
        6 => "MPLS in IP with IPsec",
        7 => "IP in IP",
        8 => "VXLAN",
        9 => "NVGRE",
        10 => "MPLS",
        11 => "MPLS in GRE",
        12 => "VXLAN GPE",
        13 => "MPLS in UDP",
        14 => "IPv6",
        15 => "SR TE",
        16 => "Bare",
        17 => "SR",
        _ => "unknown encaps",
    }
}

/// `bgp_extended_community_print`: the 8 bytes at `at` are there.
pub(super) fn ext_community(p: &mut Printer, d: &[u8], at: usize) -> R<()> {
    let text = match d.be16(at)? {
        0x0002 | 0x0003 | 0x000a => format!(
            "{}:{} (= {})",
            d.be16(at + 2)?,
            d.be32(at + 4)?,
            ip4s(p, d, at + 4)?
        ),
        0x0102 | 0x0103 | 0xf10a | 0x010b => {
            format!("{}:{}", ip4s(p, d, at + 2)?, d.be16(at + 6)?)
        }
        0x0202 | 0x0203 => format!("{}:{}", d.be32(at + 2)?, d.be16(at + 6)?),
        0x4004 => {
            format!("bandwidth: {} Mbps", Mbps(d.be32(at + 4)?))
        }
        0x0005 | 0x0105 | 0x0205 | 0x8005 | 0x0107 | 0x8001 => ip4s(p, d, at + 2)?,
        0x0306 | 0x8000 => {
            let area = ip4s(p, d, at + 2)?;
            let rt = d.u8_at(at + 6)?;
            let rt_name = match rt {
                1 => "Router".to_string(),
                2 => "Network".to_string(),
                3 => "Summary".to_string(),
                5 => "External".to_string(),
                7 => "NSSA External".to_string(),
                129 => "MPLS-VPN Sham".to_string(),
                _ => format!("unknown (0x{rt:02x})"),
            };
            format!(
                "area:{area}, router-type:{rt_name}, metric-type:{}{}",
                if d.u8_at(at + 7)? & 1 != 0 { "E2" } else { "" },
                if rt == 5 || rt == 7 { "E1" } else { "" }
            )
        }
        0x800a => format!(
            "{} Control Flags [0x{:02x}]:MTU {}",
            l2vpn_encaps(d.u8_at(at + 2)?),
            d.u8_at(at + 3)?,
            d.be16(at + 4)?
        ),
        0x0009 => format!("AS {}", d.be16(at + 2)?),
        0x030c => format!("Tunnel type: {}", encap_tunnel(d.be16(at + 6)?)),
        _ => {
            let b = d.range(at + 2, 6)?;
            b.iter().map(|x| format!("{x:02x}")).collect()
        }
    };
    p.s(&text);
    Ok(())
}

/// `bgp_mp_af_print`'s list: the AFI/SAFI pairs tcpdump decodes.
pub(super) fn af_decodable(af: u16, safi: u8) -> bool {
    match af {
        1 => matches!(safi, 1..=5 | 66 | 128..=130 | 132),
        2 => matches!(safi, 1..=4 | 128..=130),
        3 => matches!(safi, 1..=3 | 128..=130),
        196 => matches!(safi, 128..=130),
        25 => safi == 65,
        _ => false,
    }
}

/// One next hop of MP_REACH (the switch in `bgp_attr_print`): `t` and
/// `tlen` advance past it, `tnhlen` counts down. False for a truncated
/// read that tcpdump's `ND_TCHECK` catches.
pub(super) fn nexthop(
    p: &mut Printer,
    d: &[u8],
    af: u16,
    safi: u8,
    t: &mut usize,
    tlen: &mut usize,
    tnhlen: &mut usize,
) -> R<bool> {
    let fixed = |p: &mut Printer,
                 size: usize,
                 t: &mut usize,
                 tlen: &mut usize,
                 tnhlen: &mut usize,
                 text: &dyn Fn(&mut Printer, usize) -> R<String>|
     -> R<()> {
        if *tnhlen < size {
            p.s("invalid len");
            *t += *tnhlen;
            *tlen = tlen.saturating_sub(*tnhlen);
            *tnhlen = 0;
        } else {
            let s = text(p, *t)?;
            p.s(&s);
            *t += size;
            *tlen = tlen.saturating_sub(size);
            *tnhlen -= size;
        }
        Ok(())
    };
    match (af, safi) {
        (1, 1..=5 | 66 | 132) | (25, 65) | (196, 128..=130) => {
            fixed(p, 4, t, tlen, tnhlen, &|p, at| ip4s(p, d, at))?;
        }
        (1, 128..=130) => {
            fixed(p, 12, t, tlen, tnhlen, &|p, at| {
                Ok(format!("RD: {}, {}", rd(d, at)?, ip4s(p, d, at + RD_LEN)?))
            })?;
        }
        (2, 1..=4) => fixed(p, 16, t, tlen, tnhlen, &|p, at| ip6s(p, d, at))?,
        (2, 128..=130) => {
            fixed(p, 24, t, tlen, tnhlen, &|p, at| {
                Ok(format!("RD: {}, {}", rd(d, at)?, ip6s(p, d, at + RD_LEN)?))
            })?;
        }
        (3, 1..=3) => {
            let s = nsap_s(d, *t, *tnhlen)?;
            p.s(&s);
            *t += *tnhlen;
            *tlen = tlen.saturating_sub(*tnhlen);
            *tnhlen = 0;
        }
        (3, _) => {
            if *tnhlen < RD_LEN + 1 {
                p.s("invalid len");
            } else {
                if !d.has(*t, *tnhlen) {
                    return Ok(false);
                }
                let mut s = format!(
                    "RD: {}, {}",
                    rd(d, *t)?,
                    nsap_s(d, *t + RD_LEN, *tnhlen - RD_LEN)?
                );
                if d.be32(*t + RD_LEN)? == 0x4700_0601 {
                    s += &format!(" = {}", ip4s(p, d, *t + RD_LEN + 4)?);
                } else if d.be24(*t + RD_LEN)? == 0x35_0000 {
                    s += &format!(" = {}", ip6s(p, d, *t + RD_LEN + 3)?);
                }
                p.s(&s);
            }
            *t += *tnhlen;
            *tlen = tlen.saturating_sub(*tnhlen);
            *tnhlen = 0;
        }
        _ => {
            out!(p, "ERROR: no AFI {af}/SAFI {safi} nexthop decoder");
            *t += *tnhlen;
            *tlen = tlen.saturating_sub(*tnhlen);
            *tnhlen = 0;
        }
    }
    Ok(true)
}

/// A prefix of `plen` bits from `n` bytes at `at`, the last byte masked.
fn prefix_bytes<const N: usize>(d: &[u8], at: usize, plen: usize) -> R<[u8; N]> {
    let n = plen.div_ceil(8);
    let mut a = [0u8; N];
    let src = d.range(at, n)?;
    if let Some(dst) = a.get_mut(..n) {
        dst.copy_from_slice(src);
    }
    if !plen.is_multiple_of(8)
        && let Some(last) = a.get_mut(n - 1)
    {
        *last &= ((0xff00u32 >> (plen % 8)) & 0xff) as u8;
    }
    Ok(a)
}

fn label(d: &[u8], at: usize) -> R<String> {
    Ok(format!(
        "label:{} {}",
        d.be24(at + 1)? >> 4,
        if d.u8_at(at + 3)? & 1 == 0 {
            "(BOGUS: Bottom of Stack NOT set!)"
        } else {
            "(bottom)"
        }
    ))
}

fn addr_text(p: &mut Printer, a: &[u8; 16], v6: bool) -> String {
    if v6 {
        capture(p, |p| p.ip6(a))
    } else {
        let mut b = [0u8; 4];
        b.copy_from_slice(a.get(..4).unwrap_or(&[0; 4]));
        capture(p, |p| p.ip4(b))
    }
}

/// `decode_labeled_prefix4`/`6`: -1 illegal, -2 truncated, -3 too short.
fn labeled_prefix(
    p: &mut Printer,
    d: &[u8],
    at: usize,
    itemlen: usize,
    v6: bool,
) -> R<Result<(String, usize), i32>> {
    if !d.has(at, 4) {
        return Ok(Err(-2));
    }
    if itemlen < 4 {
        return Ok(Err(-3));
    }
    let plen = usize::from(d.u8_at(at)?);
    if plen < 24 {
        return Ok(Err(-1));
    }
    let plen = plen - 24;
    if plen > if v6 { 128 } else { 32 } {
        return Ok(Err(-1));
    }
    let nb = plen.div_ceil(8);
    // decode_labeled_prefix6 has no second length check.
    if !v6 && itemlen - 4 < nb {
        return Ok(Err(-3));
    }
    let a = prefix_bytes::<16>(d, at + 4, plen)?;
    let l = label(d, at)?;
    let s = addr_text(p, &a, v6);
    Ok(Ok((format!("{s}/{plen}, {l}"), 4 + nb)))
}

/// `decode_labeled_vpn_prefix4`/`6`: None for an illegal length.
fn labeled_vpn_prefix(
    p: &mut Printer,
    d: &[u8],
    at: usize,
    v6: bool,
) -> R<Option<(String, usize)>> {
    let plen = usize::from(d.u8_at(at)?);
    if plen < 88 {
        return Ok(None);
    }
    let plen = plen - 88;
    if plen > if v6 { 128 } else { 32 } {
        return Ok(None);
    }
    let a = prefix_bytes::<16>(d, at + 12, plen)?;
    let r = rd(d, at + 4)?;
    let l = label(d, at)?;
    let s = addr_text(p, &a, v6);
    Ok(Some((
        format!("RD: {r}, {s}/{plen}, {l}"),
        12 + plen.div_ceil(8),
    )))
}

/// `decode_clnp_prefix` (reading the address 4 bytes in, as tcpdump does)
/// and `decode_labeled_vpn_clnp_prefix`.
fn clnp_prefix(d: &[u8], at: usize, vpn: bool) -> R<Option<(String, usize)>> {
    let mut plen = usize::from(d.u8_at(at)?);
    if vpn {
        if plen < 88 {
            return Ok(None);
        }
        plen -= 88;
    }
    if plen > 152 {
        return Ok(None);
    }
    let a = prefix_bytes::<19>(d, at + if vpn { 12 } else { 4 }, plen)?;
    let nb = plen.div_ceil(8);
    let addr = super::super::isoclns::nsap_text(a.get(..nb).unwrap_or_default());
    if vpn {
        let r = rd(d, at + 4)?;
        let l = label(d, at)?;
        Ok(Some((format!("RD: {r}, {addr}/{plen}, {l}"), 12 + nb)))
    } else {
        Ok(Some((format!("{addr}/{plen}"), 1 + nb)))
    }
}

/// `bgp_vpn_ip_print`.
fn vpn_ip(p: &mut Printer, d: &[u8], at: usize, bits: u32) -> R<String> {
    match bits {
        32 => ip4s(p, d, at),
        128 => ip6s(p, d, at),
        _ => Ok(format!("bogus address length {bits}")),
    }
}

/// `bgp_vpn_sg_print`: appends to `buf`, returns the bytes it took.
fn vpn_sg(p: &mut Printer, d: &[u8], mut at: usize, buf: &mut String) -> R<usize> {
    let mut total = 0;
    for what in ["Source", "Group"] {
        let al = d.u8_at(at)?;
        at += 1;
        let n = usize::from(al >> 3);
        if !d.has(at, n) {
            return Ok(total);
        }
        total += n + 1;
        if al != 0 {
            let ip = vpn_ip(p, d, at, u32::from(al))?;
            *buf = cut(format!("{buf}, {what} {ip}"));
            at += n;
        }
    }
    Ok(total)
}

fn mvpn_type(t: u8) -> &'static str {
    match t {
        1 => "Intra-AS I-PMSI",
        2 => "Inter-AS I-PMSI",
        3 => "S-PMSI",
        4 => "Intra-AS Segment-Leaf",
        5 => "Source-Active",
        6 => "Shared Tree Join",
        7 => "Source Tree Join",
        _ => "Unknown",
    }
}

/// `decode_multicast_vpn`: None where a `ND_TCHECK` fails (-2).
fn multicast_vpn(p: &mut Printer, d: &[u8], at: usize) -> R<Option<(String, usize)>> {
    let rtype = d.u8_at(at)?;
    let rlen = d.u8_at(at + 1)?;
    let t = at + 2;
    let mut buf = format!("Route-Type: {} ({rtype}), length: {rlen}", mvpn_type(rtype));
    match rtype {
        1 => {
            if !d.has(t, RD_LEN) {
                return Ok(None);
            }
            let bits = (i64::from(rlen) - RD_LEN as i64).wrapping_shl(3) as u32;
            let r = rd(d, t)?;
            let ip = vpn_ip(p, d, t + RD_LEN, bits)?;
            buf = cut(format!("{buf}, RD: {r}, Originator {ip}"));
        }
        2 | 6 | 7 => {
            if !d.has(t, RD_LEN + 4) {
                return Ok(None);
            }
            let r = rd(d, t)?;
            buf = cut(format!("{buf}, RD: {r}, Source-AS {}", d.be32(t + RD_LEN)?));
            if rtype != 2 {
                vpn_sg(p, d, t + RD_LEN + 4, &mut buf)?;
            }
        }
        3 | 5 => {
            if !d.has(t, RD_LEN) {
                return Ok(None);
            }
            let r = rd(d, t)?;
            buf = cut(format!("{buf}, RD: {r}"));
            let sg = vpn_sg(p, d, t + RD_LEN, &mut buf)?;
            if rtype == 3 {
                // tcpdump reads the originator where the S,G entry starts.
                let alen = u32::from(rlen).wrapping_sub(sg as u32);
                if !d.has(t + RD_LEN, alen as usize) {
                    return Ok(None);
                }
                let ip = vpn_ip(p, d, t + RD_LEN, alen.wrapping_shl(3))?;
                buf = cut(format!("{buf}, Originator {ip}"));
            }
        }
        _ => {}
    }
    Ok(Some((buf, usize::from(rlen) + 2)))
}

/// `decode_mdt_vpn_nlri`: Err(-1) illegal, Err(-2) truncated.
fn mdt_vpn(p: &mut Printer, d: &[u8], at: usize) -> R<Result<(String, usize), i32>> {
    if d.u8_at(at)? != 128 {
        return Ok(Err(-1));
    }
    let t = at + 1;
    if !d.has(t, 8) {
        return Ok(Err(-2));
    }
    let r = rd(d, t)?;
    let vpn = ip4s(p, d, t + 8)?;
    let grp = ip4s(p, d, t + 12)?;
    Ok(Ok((
        format!("RD: {r}, VPN IP Address: {vpn}, MC Group Address: {grp}"),
        17,
    )))
}

/// `decode_labeled_vpn_l2`: None where it gives up (-2).
fn labeled_vpn_l2(p: &mut Printer, d: &[u8], at: usize) -> R<Option<(String, usize)>> {
    let plen = usize::from(d.be16(at)?);
    let mut t = at + 2;
    if plen == 12 {
        if !d.has(t, 12) {
            return Ok(None);
        }
        let r = rd(d, t)?;
        let nh = ip4s(p, d, t + 8)?;
        return Ok(Some((cut(format!("RD: {r}, BGPNH: {nh}")), plen + 2)));
    }
    if plen <= 17 || !d.has(t, 15) {
        return Ok(None);
    }
    // tcpdump's buffer: once a string does not fit (`buflen` 0) nothing
    // more is written, and the circuit status vector stops moving on.
    let mut buf = String::new();
    let mut full = false;
    let add = |buf: &mut String, full: &mut bool, s: &str| {
        if !*full {
            buf.push_str(s);
            if buf.len() > BUF_MAX {
                *full = true;
            }
        }
    };
    let head = format!(
        "RD: {}, CE-ID: {}, Label-Block Offset: {}, Label Base {}",
        rd(d, t)?,
        d.be16(t + 8)?,
        d.be16(t + 10)?,
        d.be24(t + 12)? >> 4
    );
    add(&mut buf, &mut full, &head);
    t += 15;
    let mut tlen = plen - 15;
    // tcpdump counts the 3 bytes of a TLV header against neither tlen nor,
    // for an unknown TLV, moves past its value.
    while tlen != 0 {
        if tlen < 3 {
            add(&mut buf, &mut full, "\n\t\tran past the end");
            return Ok(Some((cut(buf), plen + 2)));
        }
        let ty = d.u8_at(t)?;
        let tl = d.be16(t + 1)?;
        t += 3;
        let mut tt = usize::from(tl).div_ceil(8);
        if ty == 1 {
            let s = format!("\n\t\tcircuit status vector ({ty}) length: {tl}: 0x");
            add(&mut buf, &mut full, &s);
            while tt != 0 {
                if tlen < 1 {
                    add(&mut buf, &mut full, " (ran past the end)");
                    return Ok(Some((cut(buf), plen + 2)));
                }
                if !d.has(t, 1) {
                    return Ok(None);
                }
                if !full {
                    let s = format!("{:02x}", d.u8_at(t)?);
                    add(&mut buf, &mut full, &s);
                    t += 1;
                }
                tt -= 1;
                tlen -= 1;
            }
        } else {
            let s = format!("\n\t\tunknown TLV #{ty}, length: {tl}");
            add(&mut buf, &mut full, &s);
            if tlen < tt {
                add(&mut buf, &mut full, " (ran past the end)");
                return Ok(Some((cut(buf), plen + 2)));
            }
            tlen -= tt;
        }
    }
    Ok(Some((cut(buf), plen + 2)))
}

/// `bgp_rt_prefix_print` over the 8-byte route target (unused bits 0).
fn rt_prefix(rt: &[u8; 8], plen: usize) -> String {
    if plen == 0 {
        return "route-target: 0:0/0".to_string();
    }
    let n = plen.div_ceil(8);
    let mut hex = String::new();
    for (i, b) in rt.iter().take(n).enumerate() {
        hex += &format!("{b:02x}");
        if i % 2 == 1 && i + 1 < n {
            hex.push(' ');
        }
    }
    if plen < 16 {
        return format!("route-target: partial-type: ({hex}/{plen})");
    }
    let b: &[u8] = rt;
    let be16 = |i: usize| b.be16(i).unwrap_or(0);
    let be32 = |i: usize| b.be32(i).unwrap_or(0);
    let ty = be16(0);
    let s = match ty {
        0x0002 => format!("route-target: {}:{}/{plen} ({hex})", be16(2), be32(4)),
        0x0102 => format!(
            "route-target: {}.{}.{}.{}:{}/{plen} ({hex})",
            rt[2],
            rt[3],
            rt[4],
            rt[5],
            be16(6)
        ),
        0x0202 => format!("route-target: {}:{}/{plen} ({hex})", be32(2), be16(6)),
        _ => format!("route target: unknown-type({ty:04x}) ({hex}/{plen})"),
    };
    // `static char output[61]`
    let mut s = s;
    s.truncate(60);
    s
}

/// `decode_rt_routing_info`: prints its own lines.
fn rt_routing_info(p: &mut Printer, d: &[u8], at: usize) -> R<isize> {
    let plen = usize::from(d.u8_at(at)?);
    if plen == 0 {
        p.s("\n\t      default route target");
        return Ok(1);
    }
    if plen < 32 {
        p.s("\n\t      (illegal prefix length)");
        return Ok(-1);
    }
    let asn = d.be32(at + 1)?;
    let plen = plen - 32;
    if plen > 64 {
        p.s("\n\t      (illegal prefix length)");
        return Ok(-1);
    }
    let rt = prefix_bytes::<8>(d, at + 5, plen)?;
    out!(p, "\n\t      origin AS: {asn}, {}", rt_prefix(&rt, plen));
    Ok(5 + plen.div_ceil(8) as isize)
}

/// What `bgp_nlri_print` does with a decoder's answer: the prefix on its
/// own line, or `(illegal prefix length)` for -1, or nothing for the other
/// codes (-2 truncated, -3 too short), which are passed on as the advance.
fn shown(p: &mut Printer, r: Result<(String, usize), i32>) -> isize {
    match r {
        Err(-1) => {
            p.s("\n\t    (illegal prefix length)");
            -1
        }
        Err(e) => e as isize,
        Ok((s, n)) => {
            p.s("\n\t      ");
            p.s(&cut(s));
            n as isize
        }
    }
}

/// `bgp_nlri_print`: the advance past one NLRI, or tcpdump's negative
/// codes (-2: truncated; other negatives end the loop).
#[allow(clippy::too_many_arguments)]
pub(super) fn nlri_print(
    p: &mut Printer,
    d: &[u8],
    af: u16,
    safi: u8,
    mut t: usize,
    len: usize,
    ap4: bool,
    ap6: bool,
) -> R<isize> {
    let r = match (af, safi) {
        (1 | 2, 1..=3) => {
            let ap = if af == 1 { ap4 } else { ap6 };
            let mut path_id = 0;
            if ap {
                path_id = d.be32(t)?;
                t += 4;
            }
            let mark = p.out().len();
            let r = super::decode_prefix(p, d, t, len, if af == 1 { 32 } else { 128 })?;
            debug_assert_eq!(p.out().len(), mark);
            let r = r.map(|(text, n)| (String::from_utf8_lossy(&text).into_owned(), n));
            let mut adv = shown(p, r);
            if ap {
                out!(p, "   Path Id: {path_id}");
                adv += 4;
            }
            return Ok(adv);
        }
        (1 | 2, 4) => labeled_prefix(p, d, t, len, af == 2)?,
        (1 | 2, 128..=130) => labeled_vpn_prefix(p, d, t, af == 2)?.ok_or(-1),
        (1, 132) => return rt_routing_info(p, d, t),
        (1 | 2, 5) => multicast_vpn(p, d, t)?.ok_or(-2),
        (1, 66) => mdt_vpn(p, d, t)?,
        (25, 65) | (196, 128..=130) => labeled_vpn_l2(p, d, t)?.ok_or(-2),
        (3, 1..=3) | (3, 128..=130) => clnp_prefix(d, t, safi >= 128)?.ok_or(-1),
        _ => {
            out!(p, "\n\t    ERROR: no AFI {af} / SAFI {safi} decoder");
            return Ok(-4);
        }
    };
    Ok(shown(p, r))
}

/// The PMSI Tunnel attribute (22) after its checks: `tlen` ≥ 5.
pub(super) fn pmsi_tunnel(p: &mut Printer, d: &[u8], at: usize, tlen: usize) -> R<()> {
    let flags = d.u8_at(at)?;
    let tt = d.u8_at(at + 1)?;
    let lbl = d.be24(at + 2)? >> 4;
    let name = match tt {
        1 => "RSVP-TE P2MP LSP",
        2 => "LDP P2MP LSP",
        3 => "PIM-SSM Tree",
        4 => "PIM-SM Tree",
        5 => "PIM-Bidir Tree",
        6 => "Ingress Replication",
        7 => "LDP MP2MP LSP",
        _ => "Unknown",
    };
    out!(
        p,
        "\n\t    Tunnel-type {name} ({tt}), Flags [{}], MPLS Label {lbl}",
        if flags & 1 != 0 {
            "Leaf Information required"
        } else {
            "none"
        }
    );
    let t = at + 5;
    let tlen = tlen - 5;
    let line = match tt {
        4 | 5 => format!("Sender {}, P-Group {}", ip4s(p, d, t)?, ip4s(p, d, t + 4)?),
        3 => format!(
            "Root-Node {}, P-Group {}",
            ip4s(p, d, t)?,
            ip4s(p, d, t + 4)?
        ),
        6 => format!("Tunnel-Endpoint {}", ip4s(p, d, t)?),
        2 | 7 => format!(
            "Root-Node {}, LSP-ID 0x{:08x}",
            ip4s(p, d, t)?,
            d.be32(t + 4)?
        ),
        1 => format!(
            "Extended-Tunnel-ID {}, P2MP-ID 0x{:08x}",
            ip4s(p, d, t)?,
            d.be32(t + 4)?
        ),
        _ => {
            if p.opts.verbose <= 1 {
                print_unknown_data(p, d.get(t..), "\n\t      ", tlen);
            }
            return Ok(());
        }
    };
    out!(p, "\n\t      {line}");
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::{rd, rt_prefix};

    /// RFC 4364's three formats and an unknown one, as `bgp_vpn_rd_print`.
    #[test]
    fn route_distinguishers() {
        let t0 = [0, 0, 0x49, 0x8a, 0, 0, 2, 0x76];
        assert_eq!(rd(&t0, 0).unwrap(), "18826:630 (= 0.0.2.118)");
        let t1 = [0, 1, 10, 0, 0, 1, 0, 5];
        assert_eq!(rd(&t1, 0).unwrap(), "10.0.0.1:5");
        let t2 = [0, 2, 0xfa, 0x56, 0xea, 0x01, 0, 9];
        assert_eq!(rd(&t2, 0).unwrap(), "4200000001:9 (250.86.234.1:9)");
        assert_eq!(
            rd(&[0, 3, 0, 0, 0, 0, 0, 0], 0).unwrap(),
            "unknown RD format"
        );
        assert!(rd(&t0[..6], 0).is_err());
    }

    /// `bgp_rt_prefix_print`: the hex grouped by 2 bytes, partial types.
    #[test]
    fn route_target_prefixes() {
        let rt = [0, 2, 0xfd, 0xe8, 0, 0, 0, 1];
        assert_eq!(
            rt_prefix(&rt, 64),
            "route-target: 65000:1/64 (0002 fde8 0000 0001)"
        );
        assert_eq!(rt_prefix(&rt, 0), "route-target: 0:0/0");
        assert_eq!(rt_prefix(&[0; 8], 8), "route-target: partial-type: (00/8)");
    }
}
