//! IPv6 (RFC 8200): the fixed header, the walk over extension headers to the
//! upper-layer protocol (hop-by-hop, routing, fragment, destination options,
//! authentication header), and the final destination a routing header names
//! (`ip6_finddst`, for transport checksums).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::net::Ipv6Addr;

use super::ip::proto;
use super::{Bytes, R, view};

view! {
    /// An IPv6 fixed header.
    ///
    /// `flow`: The first word: version, traffic class, flow label.
    Ipv6View, 40;
    flow: u32 = 0; payload_len: u16 = 4; next_header: u8 = 6; hop_limit: u8 = 7;
}

/// What an address reads as when it was not captured (never, once the
/// view is proved).
const UNSPECIFIED: &[u8; 16] = &[0; 16];

impl<'a> Ipv6View<'a> {
    pub fn version(&self) -> u8 {
        (self.flow() >> 28) as u8
    }
    pub fn src(&self) -> &'a [u8; 16] {
        self.data.array::<16>(8).unwrap_or(UNSPECIFIED)
    }
    pub fn dst(&self) -> &'a [u8; 16] {
        self.data.array::<16>(24).unwrap_or(UNSPECIFIED)
    }
    pub fn src_addr(&self) -> Ipv6Addr {
        Ipv6Addr::from(*self.src())
    }
    pub fn dst_addr(&self) -> Ipv6Addr {
        Ipv6Addr::from(*self.dst())
    }
    /// The datagram's length on the wire: header plus payload length, or,
    /// when that is 0 (a jumbogram, or offload), the captured bytes.
    pub fn datagram_len(&self) -> usize {
        match usize::from(self.payload_len()) {
            0 => self.data.len(),
            n => n + Self::HEADER_LEN,
        }
    }
    /// The datagram's captured bytes, cut at its length.
    pub fn datagram(&self) -> &'a [u8] {
        self.data.cap(self.datagram_len())
    }
    /// Walks the extension headers to the upper layer.
    pub fn upper(&self) -> R<Upper> {
        upper(self.datagram(), self.next_header())
    }
}

/// Where the extension headers end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Upper {
    /// The upper-layer protocol (59 when there is none).
    pub proto: u8,
    /// Its offset from the start of the IPv6 header.
    pub offset: usize,
    /// A fragment header's offset (bytes) and more-fragments bit.
    pub fragment: Option<(u32, bool)>,
}

/// The length of an extension header of type `nh` starting at `at`
/// (`(len + 1) * 8`; the authentication header's `(len + 2) * 4`; a
/// fragment header's 8), or `None` when `nh` is not an extension header
/// whose next header can be followed.
pub fn ext_header_len(nh: u8, data: &[u8], at: usize) -> Option<R<usize>> {
    match nh {
        proto::HOPOPTS | proto::ROUTING | proto::DSTOPTS | proto::MOBILITY => {
            Some(data.u8_at(at + 1).map(|l| (usize::from(l) + 1) * 8))
        }
        proto::FRAGMENT => Some(data.range(at, 8).map(|_| 8)),
        proto::AH => Some(data.u8_at(at + 1).map(|l| (usize::from(l) + 2) * 4)),
        _ => None,
    }
}

/// The upper layer of the datagram `d` (from its fixed header on) whose
/// fixed header names `next` first. A fragment that is not the first stops
/// the walk there (its payload is no header). Mobility headers end the walk
/// (their payload protocol is always "none" in practice).
pub fn upper(d: &[u8], mut next: u8) -> R<Upper> {
    let mut at = Ipv6View::HEADER_LEN;
    let mut fragment = None;
    // Bounded: a header is at least 8 bytes, and a loop of them is hostile.
    for _ in 0..32 {
        if next == proto::MOBILITY {
            break;
        }
        let Some(len) = ext_header_len(next, d, at) else {
            break;
        };
        let len = len?;
        let n = d.u8_at(at)?;
        if next == proto::FRAGMENT {
            let off = d.be16(at + 2)?;
            fragment = Some((u32::from(off & 0xfff8), off & 1 != 0));
            if off & 0xfff8 != 0 {
                return Ok(Upper {
                    proto: n,
                    offset: at + len,
                    fragment,
                });
            }
        }
        next = n;
        at += len;
    }
    Ok(Upper {
        proto: next,
        offset: at,
        fragment,
    })
}

/// `ip6_finddst`: the final destination named by a routing header (type 0/2:
/// the last address; type 4, segment routing: the first segment), else the
/// header's destination. `data` ends at the datagram's snapshot end.
pub fn final_destination(data: &[u8], ip6: &Ipv6View<'_>) -> [u8; 16] {
    let mut dst = *ip6.dst();
    let mut cp = 0usize;
    let mut advance = Ipv6View::HEADER_LEN;
    let mut nh = ip6.next_header();
    let addr = |at: usize| -> Option<[u8; 16]> { data.array::<16>(at).ok().copied() };
    while cp < data.len() {
        cp += advance;
        match nh {
            0 | 60 | 62 | 135 => {
                let Ok(l) = data.u8_at(cp + 1) else { break };
                advance = (usize::from(l) + 1) << 3;
                let Ok(n) = data.u8_at(cp) else { break };
                nh = n;
            }
            44 => {
                advance = 8;
                let Ok(n) = data.u8_at(cp) else { break };
                nh = n;
            }
            43 => {
                // struct ip6_rthdr is 4 bytes.
                if !data.has(cp, 4) {
                    break;
                }
                let len = usize::from(data.u8_at(cp + 1).unwrap_or(0));
                match data.u8_at(cp + 2).unwrap_or(255) {
                    0 | 2 => {
                        if len % 2 == 1 {
                            break;
                        }
                        // ip6r0_addr follows the 8-byte type-0 header.
                        let mut at = cp + 8;
                        for _ in 0..len / 2 {
                            match addr(at) {
                                Some(a) => dst = a,
                                None => return dst,
                            }
                            at += 16;
                        }
                    }
                    4 => {
                        if len % 2 == 1 {
                            break;
                        }
                        if let Some(a) = addr(cp + 8) {
                            dst = a;
                        }
                    }
                    _ => {}
                }
                break;
            }
            _ => break,
        }
    }
    dst
}
