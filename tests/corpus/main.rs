//! tcpdump's own test captures, beside the repository in
//! `../shared/corpus/tcpdump-tests` (not shipped with it): printing against
//! what tcpdump 4.99.3 printed, robustness, `-w` against tcpdump.
//!
//! A test binary of its own (`harness = false`, libtest-mimic) because
//! whether these tests can run is known only when they run: on a clone
//! without the folder each one is reported as ignored, "not run", with the
//! reason, never as passed, and the run goes on. CI (`.ci/run`) has the
//! folder and sets `TCPSCOPE_REQUIRE_CORPUS=1`: then they always run, and
//! fail, saying so, if the folder is missing. `TCPSCOPE_CORPUS=DIR` reads
//! the corpus from DIR instead.

use libtest_mimic::{Arguments, Failed, Trial};

mod tcpdump;
// The shared helpers of the `cli` test binary; this binary uses only some.
#[allow(dead_code)]
#[path = "../cli/util.rs"]
mod util;
// For `write_differences`; the `#[test]` functions there belong to `cli`.
#[allow(dead_code, unused_imports)]
#[path = "../cli/write.rs"]
mod write;

fn trial(name: &'static str, f: fn()) -> Trial {
    Trial::test(name, move || {
        std::panic::catch_unwind(f).map_err(|e| {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Failed::from(msg)
        })
    })
}

fn main() {
    let args = Arguments::from_args();
    let required = std::env::var_os("TCPSCOPE_REQUIRE_CORPUS").is_some_and(|v| v != "0");
    let run = required || tcpdump::present();
    if !run {
        eprintln!(
            "corpus tests NOT RUN: {} is absent (they are listed as ignored, not passed; \
             CI sets TCPSCOPE_REQUIRE_CORPUS=1 to require them)",
            tcpdump::dir().display()
        );
    }
    let trials = vec![
        trial(
            "core_default_output_matches_tcpdump_for_95_percent_of_lines",
            tcpdump::core_default_output_matches_tcpdump_for_95_percent_of_lines,
        ),
        trial(
            "core_verbose_output_matches_tcpdump_for_95_percent_of_lines",
            tcpdump::core_verbose_output_matches_tcpdump_for_95_percent_of_lines,
        ),
        trial(
            "robust_captures_never_crash",
            tcpdump::robust_captures_never_crash,
        ),
        trial(
            "captures_write_what_tcpdump_writes",
            tcpdump::captures_write_what_tcpdump_writes,
        ),
    ]
    .into_iter()
    .map(|t| t.with_ignored_flag(!run))
    .collect();
    libtest_mimic::run(&args, trials).exit();
}
