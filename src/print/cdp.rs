//! Cisco Discovery Protocol over 802.2 SNAP (`print-cdp.c`):
//! `CDPv2, ttl: 180s, Device-ID 'sw1', length 371`; with `-v` every TLV
//! (addresses, capabilities, version text, VLANs, power…), unknown ones in
//! hex. Every check in tcpdump's printer unwinds (`ND_LONGJMP_FROM_TCHECK`).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::{Bytes, Trunc};

const CAPS: &[(u32, &str)] = &[
    (0x01, "Router"),
    (0x02, "Transparent Bridge"),
    (0x04, "Source Route Bridge"),
    (0x08, "L2 Switch"),
    (0x10, "L3 capable"),
    (0x20, "IGMP snooping"),
    (0x40, "L1 capable"),
];

/// `cdptlvs`: name, and the value's minimum and maximum length (0: any).
fn tlv_info(t: u16) -> Option<(Option<&'static str>, u32, u32)> {
    let (n, min, max) = match t {
        0x01 => ("Device-ID", 0, 0),
        0x02 => ("Address", 0, 0),
        0x03 => ("Port-ID", 0, 0),
        0x04 => ("Capability", 4, 4),
        0x05 => ("Version String", 0, 0),
        0x06 => ("Platform", 0, 0),
        0x07 => ("Prefixes", 0, 0),
        0x08 => ("Protocol-Hello option", 0, 0),
        0x09 => ("VTP Management Domain", 0, 0),
        0x0a => ("Native VLAN ID", 2, 2),
        0x0b => ("Duplex", 1, 1),
        0x0e => ("ATA-186 VoIP VLAN assignment", 3, 3),
        0x0f => ("ATA-186 VoIP VLAN request", 2, 3),
        0x10 => ("power consumption", 1, 3),
        0x11 => ("MTU", 4, 4),
        0x12 => ("AVVID trust bitmap", 1, 1),
        0x13 => ("AVVID untrusted ports CoS", 1, 1),
        0x14 => ("System Name", 0, 0),
        0x15 => ("System Object ID (not decoded)", 0, 0),
        0x16 => ("Management Addresses", 4, 0),
        0x17 => ("Physical Location", 1, 0),
        // Entries of the table without a name (0x00, 0x0c, 0x0d).
        0x00 | 0x0c | 0x0d => return Some((None, 0, 0)),
        _ => return None,
    };
    Some((Some(n), min, max))
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `cdp_print`.
pub(super) fn cdp_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "cdp";
    let v = p.opts.verbose;
    let orig = length;
    let mut length = length as u32;
    let mut t = 0usize;
    if length < 4 {
        out!(p, " (packet length {length} < 4)");
        return invalid(p, d, t, length);
    }
    let (ver, ttl) = (d.u8_at(0)?, d.u8_at(1)?);
    out!(p, "CDPv{ver}, ttl: {ttl}s");
    let ck = d.be16(2)?;
    if v > 0 {
        out!(p, ", checksum: 0x{ck:04x} (unverified), length {orig}");
    }
    t += 4;
    length -= 4;
    while length != 0 {
        if length < 4 {
            out!(p, " (remaining packet length {length} < 4)");
            return invalid(p, d, t, length);
        }
        let ty = d.be16(t)?;
        let mut len = u32::from(d.be16(t + 2)?);
        let info = tlv_info(ty);
        let name = info.and_then(|i| i.0).unwrap_or("unknown field type");
        if len < 4 {
            if v > 0 {
                out!(
                    p,
                    "\n\t{name} (0x{ty:02x}), TLV length: {len} byte{} (too short)",
                    plural(len)
                );
            } else {
                out!(p, ", {name} TLV length {len} too short");
            }
            return invalid(p, d, t, length);
        }
        if len > length {
            out!(p, " (TLV length {len} > {length})");
            return invalid(p, d, t, length);
        }
        t += 4;
        length -= 4;
        len -= 4;
        if v == 0 && ty == 1 {
            p.s(", Device-ID ");
        } else if v > 0 {
            out!(
                p,
                "\n\t{name} (0x{ty:02x}), value length: {len} byte{}: ",
                plural(len)
            );
        }
        let mut covered = false;
        if let Some((_, min, max)) = info {
            if (min > 0 && len < min) || (max > 0 && len > max) {
                p.s(" (malformed TLV)");
            } else if v > 0 || ty == 1 {
                if !value(p, d, t, ty, len as usize)? {
                    d.range(t, len as usize)?;
                }
                covered = true;
            }
        }
        if !covered {
            d.range(t, len as usize)?;
            super::hex::print_unknown_data(p, d.get(t..), "\n\t  ", len as usize);
        }
        t += len as usize;
        length -= len;
    }
    if v < 1 {
        out!(p, ", length {orig}");
    }
    Ok(())
}

/// `goto invalid`: ` (invalid)`, then the rest must have been captured.
fn invalid(p: &mut Printer, d: &[u8], t: usize, length: u32) -> P {
    p.s(" (invalid)");
    d.range(t, length as usize)?;
    Ok(())
}

/// The TLV's printer; false when the table has none.
fn value(p: &mut Printer, d: &[u8], t: usize, ty: u16, len: usize) -> Result<bool, Trunc> {
    match ty {
        0x01 | 0x03 | 0x06 | 0x09 | 0x14 => {
            p.s("'");
            // `nd_printn` with no end of its own reads with `GET_U_1`.
            if super::chars::printn(p, d, t, len) {
                return Err(Trunc);
            }
            p.s("'");
        }
        0x02 | 0x16 => addr(p, d, t, len)?,
        0x04 => {
            let val = d.be32(t)?;
            out!(p, "(0x{val:08x}): ");
            super::tok::bittok2str(p, CAPS, "none", val);
        }
        0x05 => {
            p.s("\n\t  ");
            for i in 0..len {
                let c = d.u8_at(t + i)?;
                if c == b'\n' {
                    p.s("\n\t  ");
                } else {
                    super::chars::print_char(p, c);
                }
            }
        }
        0x07 => prefixes(p, d, t, len)?,
        0x0a => {
            let x = d.be16(t)?;
            p.dec(x);
        }
        0x0b => p.s(if d.u8_at(t)? != 0 { "full" } else { "half" }),
        0x0e | 0x0f => {
            if len == 2 {
                let x = d.be16(t)?;
                out!(p, "unknown 0x{x:04x}");
            } else {
                let (a, vl) = (d.u8_at(t)?, d.be16(t + 1)?);
                out!(p, "app {a}, vlan {vl}");
            }
        }
        0x10 => {
            let val = match len {
                1 => u32::from(d.u8_at(t)?),
                2 => u32::from(d.be16(t)?),
                3 => u32::from(d.u8_at(t)?) << 16 | u32::from(d.be16(t + 1)?),
                _ => 0,
            };
            out!(p, "{:1.2}W", f64::from(val) / 1000.0);
        }
        0x11 => {
            let x = d.be32(t)?;
            out!(p, "{x} bytes");
        }
        0x12 | 0x13 => {
            let x = d.u8_at(t)?;
            out!(p, "0x{x:02x}");
        }
        0x17 => {
            let x = d.u8_at(t)?;
            out!(p, "0x{x:02x}");
            if len > 1 {
                p.s("/");
                if super::chars::printn(p, d, t + 1, len - 1) {
                    return Err(Trunc);
                }
            }
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// `cdp_print_addr`.
fn addr(p: &mut Printer, d: &[u8], mut at: usize, mut l: usize) -> P {
    const PROT_IPV6: [u8; 8] = [0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x86, 0xdd];
    if l < 4 {
        p.s(" (not enough space for num)");
        d.range(at, l)?;
        return Ok(());
    }
    let mut num = d.be32(at)?;
    at += 4;
    l -= 4;
    while num != 0 {
        if l < 2 {
            p.s(" (not enough space for PT+PL)");
            d.range(at, l)?;
            return Ok(());
        }
        let pt = d.u8_at(at)?;
        let mut pl = usize::from(d.u8_at(at + 1)?);
        at += 2;
        l -= 2;
        if l < pl + 2 {
            p.s(" (not enough space for P+AL)");
            d.range(at, l)?;
            return Ok(());
        }
        let mut al = usize::from(d.be16(at + pl)?);
        if pt == 1 && pl == 1 && d.u8_at(at)? == 0xcc && al == 4 {
            at += pl + 2;
            l -= pl + 2;
            if l < al {
                p.s(" (not enough space for A)");
                d.range(at, l)?;
                return Ok(());
            }
            let a = *d.array::<4>(at)?;
            out!(p, "IPv4 ({num}) ");
            p.ip4(a);
            at += al;
            l -= al;
        } else if pt == 2 && pl == 8 && d.get(at..at + 8) == Some(&PROT_IPV6[..]) && al == 16 {
            at += pl + 2;
            l -= pl + 2;
            if l < al {
                p.s(" (not enough space for A)");
                d.range(at, l)?;
                return Ok(());
            }
            let a = *d.array::<16>(at)?;
            out!(p, "IPv6 ({num}) ");
            p.ip6(&a);
            at += al;
            l -= al;
        } else {
            if pt == 2 && pl == 8 && !d.has(at, 8) {
                // tcpdump's memcmp reads what it was given; tcpscope cannot.
                return Err(Trunc);
            }
            out!(p, "pt=0x{pt:02x}, pl={pl}, pb=");
            while pl != 0 {
                let b = d.u8_at(at)?;
                out!(p, " {b:02x}");
                at += 1;
                l -= 1;
                pl -= 1;
            }
            out!(p, ", al={al}, a=");
            at += 2;
            l -= 2;
            if l < al {
                p.s(" (not enough space for A)");
                d.range(at, l)?;
                return Ok(());
            }
            while al != 0 {
                let b = d.u8_at(at)?;
                out!(p, " {b:02x}");
                at += 1;
                l -= 1;
                al -= 1;
            }
        }
        num -= 1;
        if num != 0 {
            p.s(" ");
        }
    }
    if l != 0 {
        out!(p, " ({l} bytes of stray data)");
    }
    Ok(())
}

/// `cdp_print_prefixes`.
fn prefixes(p: &mut Printer, d: &[u8], mut at: usize, mut l: usize) -> P {
    if !l.is_multiple_of(5) {
        out!(p, " [length {l} is not a multiple of 5]");
        d.range(at, l)?;
        return Ok(());
    }
    out!(p, " IPv4 Prefixes ({}):", l / 5);
    while l > 0 {
        let b = d.range(at, 5)?;
        if let [a, b2, c, e, m] = *b {
            out!(p, " {a}.{b2}.{c}.{e}/{m}");
        }
        l -= 5;
        at += 5;
    }
    Ok(())
}
