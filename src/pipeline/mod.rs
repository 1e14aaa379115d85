//! The machinery below [`crate::run`] that both start-ups share
//! ([`crate::offline`] for `-r`, [`crate::capture`] live): [`pump`], the
//! one packet loop, feeding the [`sink::Sink`] (what happens to each kept
//! packet, in packet order, and the wrap-up), on several cores through
//! [`threads`] when reading a regular file; [`RunError`]; `-d`'s program
//! dump ([`bpf`]); the privilege drop around opening the `-w` file
//! ([`privs`]). It reads the [`crate::config::Config`], never the
//! command line, and imports neither start-up. This file only names what
//! the start-ups use; the files below import each other directly.

mod bpf;
mod error;
pub(crate) mod privs;
mod progress;
mod pump;
mod sink;
mod threads;

pub(crate) use bpf::dump_bpf;
pub use error::RunError;
pub(crate) use error::quiet_pipe;
pub(crate) use pump::{Files, compile_filter, pump};
