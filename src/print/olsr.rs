//! The Optimized Link State Routing protocol (RFC 3626, UDP port 698) as
//! tcpdump 4.99's `print-olsr.c` prints it, in its IPv4 or IPv6 form by
//! the datagram's IP version: the packet's sequence number and length;
//! `-v` each message's header, then hellos (links and neighbors, with
//! olsr.org's link-quality form), TCs, MIDs, HNAs (with olsr.org's smart
//! gateways) and the name service; other messages in hex.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::hex::print_unknown_data;
use super::{P, Printer, out};
use crate::decode::Bytes;

pub(super) const OLSR_PORT: u16 = 698;

const HELLO: u8 = 1;
const TC: u8 = 2;
const MID: u8 = 3;
const HNA: u8 = 4;
const NAMESERVICE: u8 = 130;
const HELLO_LQ: u8 = 201;
const TC_LQ: u8 = 202;

fn msg_name(t: u8) -> &'static str {
    match t {
        HELLO => "Hello",
        TC => "TC",
        MID => "MID",
        HNA => "HNA",
        128 => "Powerinfo",
        NAMESERVICE => "Nameservice",
        HELLO_LQ => "Hello-LQ",
        TC_LQ => "TC-LQ",
        _ => "Unknown",
    }
}

/// `ME_TO_DOUBLE`: olsr.org's 4-bit mantissa, 4-bit exponent times.
fn me_to_double(me: u8) -> f64 {
    0.0625 * (1.0 + f64::from(me >> 4) / 16.0) * f64::from(1u32 << (me & 0x0f))
}

/// `deserialize_gw_speed`: kbit/s.
fn gw_speed(value: u8) -> u32 {
    match value {
        0 => 0,
        255 => 320_000_000,
        _ => (u32::from(value) >> 3)
            .wrapping_add(1)
            .wrapping_mul(10u32.pow(u32::from(value & 7))),
    }
}

/// `mask62plen`: the leading whole and partial mask bytes' bits.
fn mask62plen(mask: &[u8]) -> u32 {
    const BITMASKS: [u8; 9] = [0x00, 0x80, 0xc0, 0xe0, 0xf0, 0xf8, 0xfc, 0xfe, 0xff];
    let mut cidr = 0;
    for &b in mask.iter().take(16) {
        if let Some(bits) = BITMASKS.iter().position(|&m| m == b) {
            cidr += bits as u32;
        }
        if b != 0xff {
            break;
        }
    }
    cidr
}

/// `olsr_print_lq_neighbor4` / `6`: false when cut.
fn lq_neighbors(
    p: &mut Printer,
    d: &[u8],
    mut at: usize,
    mut len: usize,
    v6: bool,
) -> Result<bool, super::Trunc> {
    let size = if v6 { 20 } else { 8 };
    let alen = size - 4;
    while len >= size {
        if !d.has(at, size) {
            return Ok(false);
        }
        p.s("\n\t      neighbor ");
        if v6 {
            p.ip6(d.array::<16>(at)?);
        } else {
            p.ip4_at(d, at)?;
        }
        let lq = f64::from(d.u8_at(at + alen)?) / 2.55;
        let nlq = f64::from(d.u8_at(at + alen + 1)?) / 2.55;
        out!(
            p,
            ", link-quality {lq:.2}%, neighbor-link-quality {nlq:.2}%"
        );
        at += size;
        len -= size;
    }
    Ok(true)
}

/// `olsr_print_neighbor`: IPv4 addresses (also in the IPv6 form).
fn neighbors(p: &mut Printer, d: &[u8], mut at: usize, mut len: usize) -> P {
    p.s("\n\t      neighbor\n\t\t");
    while len >= 4 {
        let a = *d.array::<4>(at)?;
        p.ip4(a);
        p.s(" ");
        at += 4;
        len -= 4;
    }
    Ok(())
}

/// One message's body of `tlen` bytes at `at`; `Ok(false)`: `goto trunc`.
fn body(
    p: &mut Printer,
    d: &[u8],
    ty: u8,
    mut at: usize,
    mut tlen: usize,
    v6: bool,
) -> Result<bool, super::Trunc> {
    match ty {
        HELLO | HELLO_LQ => {
            if tlen < 4 || !d.has(at, 4) {
                return Ok(false);
            }
            let ht = me_to_double(d.u8_at(at + 2)?);
            out!(
                p,
                "\n\t  hello-time {ht:.3}s, MPR willingness {}",
                d.u8_at(at + 3)?
            );
            at += 4;
            tlen -= 4;
            while tlen >= 4 {
                if !d.has(at, 4) {
                    return Ok(false);
                }
                let mut hello_len = usize::from(d.be16(at + 2)?);
                let code = d.u8_at(at)?;
                let valid = hello_len <= tlen && hello_len >= 4;
                let link = ["Unspecified", "Asymmetric", "Symmetric", "Lost"];
                let lt = link
                    .get(usize::from(code & 3))
                    .copied()
                    .unwrap_or("Unknown");
                let nt = match code >> 2 {
                    0 => "Not-Neighbor",
                    1 => "Symmetric",
                    2 => "Symmetric-MPR",
                    _ => "Unknown",
                };
                out!(
                    p,
                    "\n\t    link-type {lt}, neighbor-type {nt}, len {hello_len}"
                );
                if !valid {
                    p.s(" (invalid)");
                    break;
                }
                at += 4;
                tlen -= 4;
                hello_len -= 4;
                if !d.has(at, hello_len) {
                    return Ok(false);
                }
                if ty == HELLO {
                    neighbors(p, d, at, hello_len)?;
                } else if !lq_neighbors(p, d, at, hello_len, v6)? {
                    return Ok(false);
                }
                at += hello_len;
                tlen -= hello_len;
            }
        }
        TC | TC_LQ => {
            if tlen < 4 || !d.has(at, 4) {
                return Ok(false);
            }
            out!(p, "\n\t    advertised neighbor seq 0x{:04x}", d.be16(at)?);
            at += 4;
            tlen -= 4;
            if ty == TC {
                neighbors(p, d, at, tlen)?;
            } else if !lq_neighbors(p, d, at, tlen, v6)? {
                return Ok(false);
            }
        }
        MID => {
            let asize = if v6 { 16 } else { 4 };
            while tlen >= asize {
                if !d.has(at, asize) {
                    return Ok(false);
                }
                p.s("\n\t  interface address ");
                if v6 {
                    p.ip6(d.array::<16>(at)?);
                } else {
                    p.ip4_at(d, at)?;
                }
                at += asize;
                tlen -= asize;
            }
        }
        HNA if v6 => {
            out!(p, "\n\t  Advertised networks (total {})", tlen / 32);
            while tlen >= 32 {
                if !d.has(at, 32) {
                    return Ok(false);
                }
                p.s("\n\t    #0: ");
                p.ip6(d.array::<16>(at)?);
                out!(p, "/{}", mask62plen(d.range(at + 16, 16)?));
                at += 32;
                tlen -= 32;
            }
        }
        HNA => {
            out!(p, "\n\t  Advertised networks (total {})", tlen / 8);
            let mut col = 0;
            while tlen >= 8 {
                if !d.has(at, 8) {
                    return Ok(false);
                }
                let e = d.array::<8>(at)?;
                let [n0, n1, n2, n3, pad, fl, up, down] = *e;
                p.s(if col == 0 { "\n\t    " } else { ", " });
                if n0 == 0 && n1 == 0 && n2 == 0 && n3 == 0 && pad == 0 && fl != 0 {
                    p.s("Smart-Gateway:");
                    for (bit, name) in [
                        (1, " LINKSPEED"),
                        (2, " IPV4"),
                        (4, " IPV4-NAT"),
                        (8, " IPV6"),
                        (16, " IPv6-PREFIX"),
                    ] {
                        if fl & bit != 0 {
                            p.s(name);
                        }
                    }
                    let (u, dn) = if fl & 1 != 0 {
                        (gw_speed(up), gw_speed(down))
                    } else {
                        (0, 0)
                    };
                    out!(p, " {u}/{dn}");
                } else {
                    p.ip4([n0, n1, n2, n3]);
                    let plen = super::rip::mask2plen(u32::from_be_bytes([pad, fl, up, down]));
                    out!(p, "/{}", plen as u32);
                }
                at += 8;
                tlen -= 8;
                col = (col + 1) % 4;
            }
        }
        NAMESERVICE => {
            if tlen < 4 {
                return Ok(false);
            }
            let entries = usize::from(d.be16(at + 2)?);
            let asize = if v6 { 16 } else { 4 };
            let valid = entries > 0 && entries * (4 + asize) <= tlen;
            out!(p, "\n\t  Version {}, Entries {entries}", d.be16(at)?);
            if !valid {
                p.s(" (invalid)");
                return Ok(true);
            }
            at += 4;
            tlen -= 4;
            for i in 0..entries {
                if tlen < 4 {
                    break;
                }
                let ety = d.be16(at)?;
                let elen = usize::from(d.be16(at + 2)?);
                at += 4;
                tlen -= 4;
                let evalid = elen > 0 && asize + elen <= tlen;
                // C's `%#06x`: no `0x` for zero.
                if ety == 0 {
                    out!(p, "\n\t    #{i}: type 000000, length {elen}");
                } else {
                    out!(p, "\n\t    #{i}: type {ety:#06x}, length {elen}");
                }
                if !evalid {
                    p.s(" (invalid)");
                    break;
                }
                let padding = if elen % 4 != 0 { 4 - elen % 4 } else { 0 };
                let total = asize + elen + padding;
                if tlen < total || !d.has(at, total) {
                    return Ok(false);
                }
                p.s(", address ");
                if v6 {
                    p.ip6(d.array::<16>(at)?);
                } else {
                    p.ip4_at(d, at)?;
                }
                p.s(", name \"");
                super::chars::printn(p, d, at + asize, elen);
                p.s("\"");
                at += total;
                tlen -= total;
            }
        }
        _ => print_unknown_data(p, d.from(at).ok(), "\n\t    ", tlen),
    }
    Ok(true)
}

/// `olsr_print`; `length` is the UDP payload's length.
pub(super) fn olsr_print(p: &mut Printer, d: &[u8], mut length: usize, v6: bool) -> P {
    p.cur.protocol = "olsr";
    out!(p, "OLSRv{}", if v6 { 6 } else { 4 });
    if length < 4 || !d.has(0, 4) {
        return Err(p.soft_trunc());
    }
    length = length.min(usize::from(d.be16(0)?));
    out!(p, ", seq 0x{:04x}, length {length}", d.be16(2)?);
    if p.opts.verbose < 1 {
        return Ok(());
    }
    let hlen = if v6 { 24 } else { 12 };
    let mut at = 4;
    while at < length {
        if !d.has(at, hlen) {
            return Err(p.soft_trunc());
        }
        let ty = d.u8_at(at)?;
        let msg_len = usize::from(d.be16(at + 2)?);
        let valid = msg_len >= hlen && msg_len <= length;
        if ty == 0 || msg_len == 0 {
            return Ok(());
        }
        let vtime = me_to_double(d.u8_at(at + 1)?);
        let o = at + 4 + hlen - 12;
        let ttl = d.u8_at(o + 4)?;
        let hop = d.u8_at(o + 5)?;
        let seq = d.be16(o + 6)?;
        out!(p, "\n\t{} Message ({ty:#04x}), originator ", msg_name(ty));
        if v6 {
            p.ip6(d.array::<16>(at + 4)?);
        } else {
            p.ip4_at(d, at + 4)?;
        }
        out!(
            p,
            ", ttl {ttl}, hop {hop}\n\t  vtime {vtime:.3}s, msg-seq 0x{seq:04x}, length {msg_len}"
        );
        if !valid {
            p.s(" (invalid)");
            return Ok(());
        }
        if !body(p, d, ty, at + hlen, msg_len - hlen, v6)? {
            return Err(p.soft_trunc());
        }
        at += msg_len;
    }
    Ok(())
}
