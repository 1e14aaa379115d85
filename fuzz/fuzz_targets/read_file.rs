//! Opens the input as a capture file (pcap or pcapng) with
//! `tcpscope::source::file::open` and prints every packet it yields until the
//! end or the first read error, as `tcpscope -r FILE -n` would.
//!
//! `open` only takes a path, so the input is written to one file per process
//! (in /dev/shm when there is one, else the temporary directory).
#![cfg_attr(fuzzing, no_main)]

use std::path::PathBuf;
use std::sync::OnceLock;

use tcpscope::packet::Precision;
use tcpscope::print::{PrintOptions, Printer};

fn scratch() -> &'static str {
    static PATH: OnceLock<String> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = if std::path::Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        dir.join(format!(
            "tcpscope-fuzz-read_file-{}.cap",
            std::process::id()
        ))
        .to_string_lossy()
        .into_owned()
    })
}

/// Upper bound on packets per input: the reader must make progress on every
/// record, so a well-formed input can hold at most len/12 of them anyway.
const MAX_PACKETS: u32 = 100_000;

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| run(data));

/// One input, as the fuzzer runs it; `tests/cli/fuzz_replay.rs` replays
/// `fuzz/regressions/read_file/` through it in the normal test suite.
pub fn run(data: &[u8]) {
    let path = scratch();
    std::fs::write(path, data).expect("write scratch capture");
    let precision = if data.len().is_multiple_of(2) {
        Precision::Micro
    } else {
        Precision::Nano
    };
    let Ok(mut src) = tcpscope::source::file::open(path, precision) else {
        return;
    };
    let _ = tcpscope::source::link_names(src.link_type());
    let _ = src.snaplen();
    let mut printer = Printer::new(PrintOptions {
        numeric: 2,
        precision,
        ..Default::default()
    });
    let mut n: u32 = 0;
    while let Ok(Some(pkt)) = src.next_packet() {
        n += 1;
        assert!(
            n <= MAX_PACKETS,
            "reader yields packets without consuming input"
        );
        let line = printer.packet(&pkt, n);
        assert!(line.ends_with(b"\n"));
    }
}
