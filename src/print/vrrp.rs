//! VRRP, IP protocol 112 (`print-vrrp.c`): `VRRPv2, Advertisement, vrid 1,
//! prio 100, authtype none, intvl 1s, length 20`; with `-v` the checksum
//! verdict (v2 over the message, v3 with the IP pseudo-header), the
//! virtual addresses and a simple password.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::ip::Datagram;
use super::{P, Printer, out};
use crate::decode::{Bytes, IpAddrs, cksum};

/// `vrrp_print` (tcpdump's CARP reading of protocol 112 needs `-T carp`,
/// which tcpscope does not have).
pub(super) fn vrrp_print(p: &mut Printer, d: &[u8], len: usize, dgram: Datagram<'_>) -> P {
    p.cur.protocol = "vrrp";
    p.s("VRRP");
    let b0 = d.u8_at(0)?;
    let (version, ty) = (b0 >> 4, b0 & 0x0f);
    out!(p, "v{version}, ");
    if ty == 1 {
        p.s("Advertisement");
    } else {
        out!(p, "unknown type ({ty})");
    }
    if dgram.ttl != 255 {
        out!(p, ", (ttl {})", dgram.ttl);
    }
    if !(2..=3).contains(&version) || ty != 1 {
        return Ok(());
    }
    let (vrid, prio) = (d.u8_at(1)?, d.u8_at(2)?);
    out!(p, ", vrid {vrid}, prio {prio}");
    let mut auth_type = 0;
    if version == 2 {
        auth_type = d.u8_at(4)?;
        p.s(", authtype ");
        match auth_type {
            0 => p.s("none"),
            1 => p.s("simple"),
            2 => p.s("ah"),
            // tok2str with a NULL format: "#%d".
            n => out!(p, "#{n}"),
        }
        let intvl = d.u8_at(5)?;
        out!(p, ", intvl {intvl}s, length {len}");
    } else {
        let intvl = u16::from(d.u8_at(4)? & 0x0f) << 8 | u16::from(d.u8_at(5)?);
        out!(p, ", intvl {intvl}cs, length {len}");
    }
    if p.opts.verbose == 0 {
        return Ok(());
    }
    let naddrs = d.u8_at(3)?;
    let v4 = matches!(dgram.addrs, IpAddrs::V4 { .. });
    if d.has(0, len) {
        let whole = d.cap(len);
        let bad = if version == 2 {
            cksum::in_cksum(whole) != 0
        } else {
            super::ip::nextproto_cksum(p, dgram.addrs, 112, whole) != 0
        };
        if bad {
            let c = d.be16(6)?;
            out!(p, ", (bad vrrp cksum {c:x})");
        }
    }
    p.s(", addrs");
    if naddrs > 1 {
        out!(p, "({naddrs})");
    }
    p.s(":");
    let mut c = ' ';
    let mut at = 8;
    for _ in 0..naddrs {
        if v4 {
            let a = *d.array::<4>(at)?;
            out!(p, "{c}");
            p.ip4(a);
            at += 4;
        } else {
            let a = *d.array::<16>(at)?;
            out!(p, "{c}");
            p.ip6(&a);
            at += 16;
        }
        c = ',';
    }
    if version == 2 && auth_type == 1 {
        p.s(" auth \"");
        for i in 0..8 {
            let ch = d.u8_at(at + i)?;
            if ch == 0 {
                break;
            }
            super::chars::print_char(p, ch);
        }
        p.s("\"");
    }
    Ok(())
}
