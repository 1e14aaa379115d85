//! The fuzz targets' regression inputs, replayed by the normal test suite:
//! every file of `fuzz/regressions/TARGET/` goes through the same `run`
//! function the fuzzer calls (`fuzz/fuzz_targets/TARGET.rs`, compiled here
//! without libFuzzer), so a crash the fuzzer once found and that was fixed
//! stays fixed. The property is the targets': no panic (and, for
//! `analyze --json`, every line JSON; for `read_file`, progress). The
//! fuzzer builds with overflow checks; `cargo test --release` has none, so
//! an overflow regression is caught by a debug `cargo test` only.

// Each target brings its own copy of links.rs / no_dns.rs, as in its binary.
#![allow(clippy::duplicate_mod)]

#[path = "../../fuzz/fuzz_targets/analyze.rs"]
mod analyze;
#[path = "../../fuzz/fuzz_targets/filter_eval.rs"]
mod filter_eval;
#[path = "../../fuzz/fuzz_targets/filter_parse.rs"]
mod filter_parse;
#[path = "../../fuzz/fuzz_targets/print_packet.rs"]
mod print_packet;
#[path = "../../fuzz/fuzz_targets/read_file.rs"]
mod read_file;

use crate::util::repo;

/// Runs `run` on every file of `fuzz/regressions/target/`; returns how many.
fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = repo().join("fuzz/regressions").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    let mut n = 0;
    for e in entries {
        let path = e.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        eprintln!("replaying {}", path.display());
        run(&data);
        n += 1;
    }
    n
}

#[test]
fn fuzz_regressions_replay_clean() {
    let n = replay("print_packet", print_packet::run)
        + replay("read_file", read_file::run)
        + replay("filter_parse", filter_parse::run)
        + replay("filter_eval", filter_eval::run)
        + replay("analyze", analyze::run);
    // The two print_packet regressions kept from earlier runs, at least.
    assert!(n >= 2, "only {n} regression inputs found");
}
