//! IPv6 (`print-ip6.c`): the fixed header, the walk over extension headers
//! (printed by [`super::ip6ext`]), then the shared demultiplexer.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, ip6ext, out};
use crate::decode::ip6::{self, Ipv6View};
use crate::decode::{Bytes, IpAddrs, Trunc};

/// `ip6_print`.
pub(super) fn ip6_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "ip6";
    let Ok(ip6) = Ipv6View::new_checked(data) else {
        return Err(p.soft_trunc());
    };
    if length < Ipv6View::HEADER_LEN {
        out!(p, "truncated-ip6 {length}");
        return Ok(());
    }
    if !p.opts.link_header {
        p.s("IP6 ");
    }
    if ip6.version() != 6 {
        out!(p, "version error: {} != 6", ip6.version());
        return Ok(());
    }
    let mut payload_len = u32::from(ip6.payload_len());
    let mut len = if payload_len != 0 {
        let l = payload_len as usize + Ipv6View::HEADER_LEN;
        if length < l {
            out!(p, "truncated-ip6 - {} bytes missing!", l - length);
        }
        l
    } else {
        length + Ipv6View::HEADER_LEN
    };
    let mut nh = ip6.next_header();
    let mut ph: u8 = 255;
    if p.opts.verbose > 0 {
        let flow = ip6.flow();
        p.s("(");
        if flow & 0x0ff0_0000 != 0 {
            out!(p, "class 0x{:02x}, ", (flow & 0x0ff0_0000) >> 20);
        }
        if flow & 0x000f_ffff != 0 {
            out!(p, "flowlabel 0x{:05x}, ", flow & 0x000f_ffff);
        }
        out!(
            p,
            "hlim {}, next-header {} ({nh}) payload length: {payload_len}) ",
            ip6.hop_limit(),
            super::names::ipproto_name(nh).unwrap_or("unknown")
        );
    }
    // nd_push_snaplen: the datagram ends where the header says.
    let outer = data;
    let mut data = data.cap(len);
    p.cur.final_dst = if matches!(nh, 0 | 60 | 62 | 135 | 44 | 43) {
        Some(ip6::final_destination(data, &ip6))
    } else {
        None
    };
    let mut cp = 0usize;
    let mut advance = Ipv6View::HEADER_LEN;
    let mut total_advance = 0usize;
    let mut found_ext = false;
    let mut found_jumbo = false;
    let mut found_hbh = false;
    let mut fragmented = false;
    while cp < data.len() {
        if len < advance {
            return Err(Trunc);
        }
        cp += advance;
        len -= advance;
        total_advance += advance;
        if cp == Ipv6View::HEADER_LEN && !matches!(nh, 6 | 17 | 33 | 132) {
            p.ip6(ip6.src());
            p.s(" > ");
            p.ip6(ip6.dst());
            p.s(": ");
        }
        let here = data.from(cp).unwrap_or_default();
        match nh {
            0 => {
                if found_hbh {
                    p.s("[The Hop-by-Hop Options header was already found] (invalid)");
                    return Ok(());
                }
                if ph != 255 {
                    p.s("[The Hop-by-Hop Options header don't follow the IPv6 header] (invalid)");
                    return Ok(());
                }
                let adv = ip6ext::hbhopt(p, here, &mut found_jumbo, &mut payload_len)?;
                if payload_len == 0 && !found_jumbo {
                    p.s("[No valid Jumbo Payload Hop-by-Hop option found] (invalid)");
                    return Ok(());
                }
                let Some(adv) = adv else { return Ok(()) };
                advance = adv;
                found_ext = true;
                found_hbh = true;
                nh = here.u8_at(0)?;
            }
            60 => {
                let Some(adv) = ip6ext::dstopt(p, here)? else {
                    return Ok(());
                };
                advance = adv;
                found_ext = true;
                nh = here.u8_at(0)?;
            }
            44 => {
                let Some(adv) = ip6ext::frag6(p, here, &ip6)? else {
                    return Ok(());
                };
                if data.len() <= cp + adv {
                    return Ok(());
                }
                advance = adv;
                found_ext = true;
                nh = here.u8_at(0)?;
                fragmented = true;
            }
            62 | 135 => {
                ip6ext::mobility(p, here, &ip6)?;
                return Ok(());
            }
            43 => {
                here.u8_at(0)?;
                let Some(adv) = ip6ext::rt6(p, here, &ip6)? else {
                    return Ok(());
                };
                advance = adv;
                found_ext = true;
                nh = here.u8_at(0)?;
            }
            _ => {
                if found_jumbo {
                    len = payload_len as usize + Ipv6View::HEADER_LEN;
                    if len < total_advance {
                        return Err(Trunc);
                    }
                    if length < len {
                        out!(p, "truncated-ip6 - {} bytes missing!", len - length);
                    }
                    data = outer.cap(len);
                    len -= total_advance;
                } else if payload_len == 0 {
                    if found_ext {
                        return Err(Trunc);
                    }
                    len = Ipv6View::HEADER_LEN;
                    data = outer.cap(len);
                    len -= total_advance;
                }
                // TCP and UDP print addresses only when the fixed header names them.
                let addrs = IpAddrs::V6 {
                    src: ip6.src(),
                    dst: ip6.dst(),
                    next: ip6.next_header(),
                };
                let payload = data.from(cp).unwrap_or_default();
                let dgram = super::ip::Datagram {
                    addrs,
                    fragmented,
                    ttl: ip6.hop_limit(),
                };
                return super::ip::demux(p, payload, len, dgram, nh);
            }
        }
        ph = nh;
        p.cur.protocol = "ip6";
    }
    Ok(())
}
