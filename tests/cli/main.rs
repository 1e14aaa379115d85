//! Integration tests: run the built `tcpscope` binary and compare with what
//! the real tcpdump 4.99 printed (goldens made by `scripts/gen-goldens.sh`,
//! never by tcpscope), plus command-line behaviour.

mod analyze;
mod args;
mod compress;
mod corpus;
mod filter;
mod filter_prop;
mod fuzz_replay;
mod golden;
mod hostile;
mod live;
mod live_analyze;
mod live_kill;
mod live_write;
mod options;
mod threads;
mod util;
mod write;
