//! Compiles an expression and runs it over one packet: `Filter::compile` then
//! `Filter::matches` must never panic or hang. Layout of an input:
//!
//! - byte 0: the link type (mod the 9 of [`LINKS`]);
//! - byte 1: the wire-length mode (`0..=0x7F`: caplen + mode, `0xF0`: 0,
//!   `0xF1`: caplen - 1, `0xF2`: above MAXIMUM_SNAPLEN, `0xF3`: caplen / 2,
//!   others: caplen + 1000 × (mode - 0x80));
//! - byte 2: the expression. `0..=0xEF`: entry `b % len` of the built-in
//!   [`EXPRS`] list; `0xF0..=0xFF`: the expression is in the input, a length
//!   byte then that many bytes of UTF-8 (skipped if invalid or if it names a
//!   host: the same no-DNS rule as `filter_parse`, see [`safe_names`]);
//! - the rest: the packet's captured bytes.
#![cfg_attr(fuzzing, no_main)]

#[path = "no_dns.rs"]
mod no_dns;
use no_dns::safe_names;
use tcpscope::filter::Filter;
use tcpscope::packet::{RawPacket, Timestamp};

#[path = "links.rs"]
mod links;
use links::LINKS;

/// Expressions exercising every kind of test the evaluator has.
const EXPRS: &[&str] = &[
    "tcp",
    "udp or icmp",
    "icmp6",
    "arp or rarp",
    "ip and not ip6",
    "host 10.0.0.1",
    "src net 10.0.0.0/8 and dst host 192.168.1.1",
    "host fe80::1 or net fd00::/8",
    "ip6 src host ::1",
    "port 80",
    "tcp dst port 443 or udp src port 53",
    "portrange 1000-2000",
    "ip proto 17",
    "ip6 proto 58",
    "protochain 6",
    "ip6 protochain 17",
    "ip protochain 51",
    "ether host 00:11:22:33:44:55",
    "ether src 02:00:00:00:00:01 or ether dst ff:ff:ff:ff:ff:ff",
    "ether proto 0x86dd",
    "ether broadcast or ether multicast",
    "ip broadcast",
    "ip multicast or ip6 multicast",
    "less 64",
    "greater 1000",
    "len > 100 and len < 1500",
    "tcp[13] & 0x12 = 0x12",
    "tcp[tcpflags] & (tcp-syn|tcp-ack) != 0",
    "icmp[icmptype] = icmp-echo",
    "icmp6[0] = 128",
    "ip[0] & 0xf != 5",
    "ip[2:2] > 576",
    "tcp[12:4] = 0x50180000",
    "udp[8:2] * 3 + 1 >= 100",
    "ether[12:2] = 0x0800",
    "ip[ip[0] & 0xf] = 0",
    "tcp[(tcp[12] >> 4) * 4] = 0x47",
    "ip6[6] = 6 and ip6[40:4] != 0",
    "arp[7] = 2",
    "vlan",
    "vlan 100 and tcp",
    "vlan and vlan and ip",
    "mpls and ip",
    "mpls 16 and mpls 17",
    "pppoed",
    "pppoes and ip",
    "pppoes 5 and tcp port 80",
    "inbound",
    "outbound and udp",
    "sctp port 9",
    "igmp or pim or vrrp",
    "ah or esp",
    "atalk or aarp or decnet",
    "stp or ipx or netbeui",
    "iso or esis or isis or clnp",
    "not (tcp or udp) and ip",
    "ip[100 / 4] % 7 ^ 3 = 1",
    "1 - len < 0",
    "tcp[0:2] << 3 | 1 = 9",
    "udp[len - 1] = 0",
];

const MAXIMUM_SNAPLEN: u32 = 262_144;

fn wire_len(caplen: usize, mode: u8) -> u32 {
    let c = caplen as u32;
    match mode {
        0x00..=0x7F => c + u32::from(mode),
        0xF0 => 0,
        0xF1 => c.saturating_sub(1),
        0xF2 => MAXIMUM_SNAPLEN + 1 + c,
        0xF3 => c / 2,
        m => c + u32::from(m - 0x80) * 1000,
    }
}

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| run(data));

/// One input, as the fuzzer runs it; `tests/cli/fuzz_replay.rs` replays
/// `fuzz/regressions/filter_eval/` through it in the normal test suite.
pub fn run(data: &[u8]) {
    let [sel, mode, e, rest @ ..] = data else {
        return;
    };
    let link = LINKS[usize::from(*sel) % LINKS.len()];
    let (text, pkt) = if *e < 0xF0 {
        (EXPRS[usize::from(*e) % EXPRS.len()], rest)
    } else {
        let Some((&n, body)) = rest.split_first() else {
            return;
        };
        let n = usize::from(n).min(body.len());
        let (t, pkt) = body.split_at(n);
        let Ok(t) = std::str::from_utf8(t) else {
            return;
        };
        if !safe_names(t) {
            return;
        }
        (t, pkt)
    };
    let Ok(f) = Filter::compile(text, link) else {
        return;
    };
    let raw = RawPacket {
        ts: Timestamp { sec: 0, frac: 0 },
        wire_len: wire_len(pkt.len(), *mode),
        link,
        data: pkt,
        origin: Default::default(),
    };
    let _ = f.matches(&raw);
}
