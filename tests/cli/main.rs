//! Integration tests: run the built `tcpscope` binary and compare with what
//! the real tcpdump 4.99 printed (goldens made by `scripts/gen-goldens.sh`,
//! never by tcpscope), plus command-line behaviour.

mod analysis_flags;
mod analyze;
mod app_printers;
mod args;
mod compress;
mod day_one;
mod examples;
mod export;
mod filter;
mod filter_prop;
mod follow;
mod fuzz_replay;
mod golden;
mod graph;
mod hostile;
pub(crate) mod interrupt;
mod live;
mod live_analyze;
mod live_kill;
mod live_privs;
mod live_write;
mod merge;
mod options;
mod pcapng_write;
mod relative;
mod threads;
mod tunnels;
mod util;
mod write;
