//! Synthetic Ethernet/IPv4/IPv6/TCP frames for the analyzer's unit tests,
//! property tests and benchmark (checksums left zero: nothing here reads
//! them).

use crate::packet::{LinkType, RawPacket, Timestamp};

/// One endpoint: IPv4 `[a, b, c, d]` or IPv6 address bytes, and a port.
#[derive(Clone, Copy, Debug)]
pub struct Ep {
    pub addr: [u8; 16],
    pub v6: bool,
    pub port: u16,
}

pub fn v4(a: [u8; 4], port: u16) -> Ep {
    let mut addr = [0u8; 16];
    addr[..4].copy_from_slice(&a);
    Ep {
        addr,
        v6: false,
        port,
    }
}

pub fn v6(addr: [u8; 16], port: u16) -> Ep {
    Ep {
        addr,
        v6: true,
        port,
    }
}

/// A TCP segment's fields.
#[derive(Clone, Copy, Debug)]
pub struct Tcp<'a> {
    pub seq: u32,
    pub ack: u32,
    pub flags: u8,
    pub win: u16,
    pub len: usize,
    pub opts: &'a [u8],
}

/// An Ethernet frame carrying `t` from `src` to `dst`.
pub fn frame(src: Ep, dst: Ep, t: &Tcp<'_>) -> Vec<u8> {
    let mut opts = t.opts.to_vec();
    while !opts.len().is_multiple_of(4) {
        opts.push(1);
    }
    let thl = 20 + opts.len();
    let mut tcp = Vec::with_capacity(thl + t.len);
    tcp.extend_from_slice(&src.port.to_be_bytes());
    tcp.extend_from_slice(&dst.port.to_be_bytes());
    tcp.extend_from_slice(&t.seq.to_be_bytes());
    tcp.extend_from_slice(&t.ack.to_be_bytes());
    tcp.push(((thl / 4) as u8) << 4);
    tcp.push(t.flags);
    tcp.extend_from_slice(&t.win.to_be_bytes());
    tcp.extend_from_slice(&[0, 0, 0, 0]);
    tcp.extend_from_slice(&opts);
    tcp.resize(thl + t.len, b'x');
    let mut f = vec![0u8; 12];
    if src.v6 {
        f.extend_from_slice(&[0x86, 0xdd]);
        f.extend_from_slice(&[0x60, 0, 0, 0]);
        f.extend_from_slice(&(tcp.len() as u16).to_be_bytes());
        f.extend_from_slice(&[6, 64]);
        f.extend_from_slice(&src.addr);
        f.extend_from_slice(&dst.addr);
    } else {
        f.extend_from_slice(&[0x08, 0x00]);
        f.extend_from_slice(&[0x45, 0]);
        f.extend_from_slice(&((20 + tcp.len()) as u16).to_be_bytes());
        f.extend_from_slice(&[0, 0, 0x40, 0, 64, 6, 0, 0]);
        f.extend_from_slice(&src.addr[..4]);
        f.extend_from_slice(&dst.addr[..4]);
    }
    f.extend_from_slice(&tcp);
    f
}

/// An ICMP (v4, type 3) or ICMPv6 (type 1) unreachable from `router` about
/// the segment `quoted` (a frame made by [`frame`]).
pub fn unreachable(router: Ep, to: Ep, code: u8, quoted: &[u8]) -> Vec<u8> {
    let inner = &quoted[14..quoted.len().min(14 + if to.v6 { 48 } else { 28 })];
    let mut f = vec![0u8; 12];
    if to.v6 {
        f.extend_from_slice(&[0x86, 0xdd, 0x60, 0, 0, 0]);
        f.extend_from_slice(&((8 + inner.len()) as u16).to_be_bytes());
        f.extend_from_slice(&[58, 64]);
        f.extend_from_slice(&router.addr);
        f.extend_from_slice(&to.addr);
        f.extend_from_slice(&[1, code, 0, 0, 0, 0, 0, 0]);
    } else {
        f.extend_from_slice(&[0x08, 0x00, 0x45, 0]);
        f.extend_from_slice(&((28 + inner.len()) as u16).to_be_bytes());
        f.extend_from_slice(&[0, 0, 0, 0, 64, 1, 0, 0]);
        f.extend_from_slice(&router.addr[..4]);
        f.extend_from_slice(&to.addr[..4]);
        f.extend_from_slice(&[3, code, 0, 0, 0, 0, 0, 0]);
    }
    f.extend_from_slice(inner);
    f
}

/// A packet borrowing `data`, at `ms` milliseconds (microsecond precision).
pub fn raw(data: &[u8], ms: u64) -> RawPacket<'_> {
    RawPacket {
        ts: Timestamp {
            sec: 1_700_000_000 + ms / 1000,
            frac: (ms % 1000) * 1000,
        },
        wire_len: data.len() as u32,
        link: LinkType::EN10MB,
        data,
        origin: Default::default(),
    }
}

/// A bulk transfer of `n` data segments of 1000 bytes from 10.0.0.1:40000
/// to 10.9.0.1:80 (handshake, data 10 µs apart, an ACK for every second
/// segment, every 1000th segment sent twice, FIN both ways), as (µs since
/// the start, frame): for the pictures' thinning test and bench.
pub fn bulk(n: u32) -> Vec<(u64, Vec<u8>)> {
    let c = v4([10, 0, 0, 1], 40_000);
    let s = v4([10, 9, 0, 1], 80);
    let t = |seq, ack, flags, len| Tcp {
        seq,
        ack,
        flags,
        win: 65_000,
        len,
        opts: &[],
    };
    let (a, b) = (1_000u32, 9_000u32);
    let mut out = vec![
        (0, frame(c, s, &t(a, 0, 0x02, 0))),
        (100, frame(s, c, &t(b, a + 1, 0x12, 0))),
        (200, frame(c, s, &t(a + 1, b + 1, 0x10, 0))),
    ];
    let mut us = 300u64;
    for i in 0..n {
        let seq = (a + 1).wrapping_add(i.wrapping_mul(1000));
        out.push((us, frame(c, s, &t(seq, b + 1, 0x18, 1000))));
        us += 10;
        if i % 1000 == 999 {
            out.push((us, frame(c, s, &t(seq, b + 1, 0x18, 1000))));
            us += 10;
        }
        if i % 2 == 1 {
            let acked = seq.wrapping_add(1000);
            out.push((us, frame(s, c, &t(b + 1, acked, 0x10, 0))));
            us += 10;
        }
    }
    let end = (a + 1).wrapping_add(n.wrapping_mul(1000));
    out.push((us, frame(c, s, &t(end, b + 1, 0x11, 0))));
    out.push((us + 100, frame(s, c, &t(b + 1, end + 1, 0x11, 0))));
    out.push((us + 200, frame(c, s, &t(end + 1, b + 2, 0x10, 0))));
    out
}

/// Frames as a classic pcap file (microseconds, Ethernet).
pub fn pcap(frames: &[(u64, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for w in [0xa1b2_c3d4u32, 0x0004_0002, 0, 0, 262_144, 1] {
        out.extend_from_slice(&w.to_le_bytes());
    }
    for (us, f) in frames {
        for w in [
            1_700_000_000 + (us / 1_000_000) as u32,
            (us % 1_000_000) as u32,
            f.len() as u32,
            f.len() as u32,
        ] {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(f);
    }
    out
}
