//! Feeds arbitrary bytes to `Printer::packet` under every link type tcpscope
//! decodes. Layout of an input:
//!
//! - byte 0: bits 0..4 pick the link type (mod 9), bit 4 `-q`, bit 5 `-S`,
//!   bit 6 `-#`, bit 7 nanosecond precision;
//! - byte 1: bits 0..2 `-v` count, bits 2..5 timestamp style (mod 6), bit 5
//!   `-e`, bit 6 `-X`, bit 7 `-K`;
//! - then packets, each `caplen: u16 le, wire: u8, ts: u8, data[caplen]`
//!   (caplen is cut to what is left). `wire` chooses the wire length:
//!   0x00..=0x7F caplen + wire, 0xF0 zero, 0xF1 caplen - 1, 0xF2 above
//!   MAXIMUM_SNAPLEN, 0xF3 caplen / 2, other values caplen + (wire - 0x80) * 1000.
//!   An input too short for a packet header becomes one packet of all that
//!   is left, wire length = caplen.
//!
//! One `Printer` per input, so the relative-sequence table and the `-ttt`
//! reference time carry over between the packets of one input only.
#![cfg_attr(fuzzing, no_main)]

use tcpscope::packet::{Precision, RawPacket, Timestamp};
use tcpscope::print::{PrintOptions, Printer, TimestampStyle};

#[path = "links.rs"]
mod links;
use links::LINKS;

const STYLES: [TimestampStyle; 6] = [
    TimestampStyle::Time,
    TimestampStyle::None,
    TimestampStyle::Unix,
    TimestampStyle::DeltaPrev,
    TimestampStyle::DateTime,
    TimestampStyle::DeltaFirst,
];

const MAX_PACKETS: u32 = 256;

fn wire_len(caplen: usize, mode: u8) -> u32 {
    let c = caplen as u32;
    match mode {
        0x00..=0x7F => c + u32::from(mode),
        0xF0 => 0,
        0xF1 => c.saturating_sub(1),
        0xF2 => 262_145 + c,
        0xF3 => c / 2,
        m => c + u32::from(m - 0x80) * 1000,
    }
}

fn timestamp(i: u32, b: u8) -> Timestamp {
    match b {
        0xFF => Timestamp {
            sec: u64::MAX,
            frac: u64::MAX,
        },
        0xFE => Timestamp { sec: 0, frac: 0 },
        0xFD => Timestamp {
            sec: u64::from(u32::MAX),
            frac: 999_999_999,
        },
        0xFC => Timestamp {
            sec: 1 << 40,
            frac: 5_000_000_000,
        },
        _ => Timestamp {
            sec: 1_600_000_000 + u64::from(i) * u64::from(b & 0x0F),
            frac: u64::from(b) * 12_345,
        },
    }
}

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| run(data));

/// One input, as the fuzzer runs it; `tests/cli/fuzz_replay.rs` replays
/// `fuzz/regressions/print_packet/` through it in the normal test suite.
pub fn run(data: &[u8]) {
    let [sel, opt, rest @ ..] = data else {
        return;
    };
    let link = LINKS[usize::from(sel & 0x0F) % LINKS.len()];
    let opts = PrintOptions {
        numeric: 2,
        quiet: sel & 0x10 != 0,
        absolute_seq: sel & 0x20 != 0,
        number: sel & 0x40 != 0,
        precision: if sel & 0x80 != 0 {
            Precision::Nano
        } else {
            Precision::Micro
        },
        verbose: opt & 0x03,
        ts_style: STYLES[usize::from((opt >> 2) & 0x07) % STYLES.len()],
        link_header: opt & 0x20 != 0,
        hex_ascii: (opt >> 6) & 0x01,
        verify_checksums: opt & 0x80 == 0,
        ..PrintOptions::default()
    };
    let mut printer = Printer::new(opts);
    let mut rest = rest;
    let mut n: u32 = 0;
    while !rest.is_empty() && n < MAX_PACKETS {
        n += 1;
        let (pkt_data, wire, ts) = match rest {
            [l0, l1, w, t, body @ ..] => {
                let caplen = usize::from(u16::from_le_bytes([*l0, *l1])).min(body.len());
                let (pkt, tail) = body.split_at(caplen);
                rest = tail;
                (pkt, wire_len(caplen, *w), timestamp(n, *t))
            }
            short => {
                rest = &[];
                (short, short.len() as u32, timestamp(n, 0))
            }
        };
        let pkt = RawPacket {
            ts,
            wire_len: wire,
            link,
            data: pkt_data,
            origin: Default::default(),
        };
        let line = printer.packet(&pkt, n);
        assert!(line.ends_with(b"\n"));
    }
}
