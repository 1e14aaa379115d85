//! Feeds arbitrary packets to the TCP analyzer under every link type it
//! decodes, in every output mode, and makes it report: it must never panic
//! and its JSON must always parse. Layout of an input:
//!
//! - byte 0: bits 0..4 pick the link type (mod 9), bits 4..6 the mode
//!   (connections, diagnose, states, per-packet), bit 6 `--json`, bit 7
//!   nanosecond timestamps;
//! - then packets, each `caplen: u16 le, dt: u8, data[caplen]` (caplen cut
//!   to what is left); `dt` advances the clock by `dt * 50 ms`, so timeouts,
//!   keepalives and the idle eviction are reached.
#![cfg_attr(fuzzing, no_main)]

use tcpscope::analyze::{Analyzer, Mode, Options};
use tcpscope::packet::{RawPacket, Timestamp};

#[path = "links.rs"]
mod links;
use links::LINKS;

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|input: &[u8]| run(input));

/// One input, as the fuzzer runs it; `tests/cli/fuzz_replay.rs` replays
/// `fuzz/regressions/analyze/` through it in the normal test suite.
pub fn run(input: &[u8]) {
    let Some((&head, mut rest)) = input.split_first() else {
        return;
    };
    let link = LINKS[usize::from(head & 0x0f) % LINKS.len()];
    let mode = [
        Mode::Connections,
        Mode::Diagnose,
        Mode::States,
        Mode::Packets,
    ][usize::from(head >> 4 & 3)];
    let json = head & 0x40 != 0;
    let nano = head & 0x80 != 0;
    let mut a = Analyzer::new(Options {
        json,
        nano,
        // Small, so that the table's eviction runs too.
        max_connections: 16,
        ..Options::new(mode)
    });
    let mut t_ms: u64 = 1_700_000_000_000;
    let mut out = Vec::new();
    while rest.len() >= 3 {
        let caplen = usize::from(u16::from_le_bytes([rest[0], rest[1]])).min(rest.len() - 3);
        t_ms += u64::from(rest[2]) * 50;
        let data = &rest[3..3 + caplen];
        rest = &rest[3 + caplen..];
        let frac = if nano {
            t_ms % 1000 * 1_000_000
        } else {
            t_ms % 1000 * 1000
        };
        a.packet(&RawPacket {
            ts: Timestamp {
                sec: t_ms / 1000,
                frac,
            },
            wire_len: caplen as u32,
            link,
            data,
            origin: Default::default(),
        });
        a.take(&mut out).expect("writing to a Vec");
    }
    let mut err = Vec::new();
    a.finish(&mut out, &mut err).expect("writing to a Vec");
    if json {
        for line in out.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            if let Err(e) = serde_json::from_slice::<serde_json::Value>(line) {
                panic!("not JSON ({e}): {}", String::from_utf8_lossy(line));
            }
        }
    }
}
