//! The machinery below [`crate::run`] that both start-ups share
//! ([`crate::offline`] for `-r`, [`crate::capture`] live): [`pump`], the
//! one packet loop, feeding the [`sink::Sink`] (what happens to each kept
//! packet, in packet order, and the wrap-up), on several cores through
//! [`threads`] when reading a regular file; [`RunError`]; `-d`'s program
//! dump ([`bpf`]); and the banner's link-type words. It reads the
//! [`crate::config::Config`] and never the command line, and imports
//! neither start-up.

mod bpf;
mod error;
mod pump;
mod sink;
mod threads;

use std::io::Write;

pub(crate) use bpf::dump_bpf;
pub use error::RunError;
pub(crate) use error::quiet_pipe;
pub(crate) use pump::{open_writer, pump};

use crate::packet::LinkType;
use crate::source;

/// `, link-type NAME (DESCRIPTION)` of tcpdump's banners (`-r` and live),
/// or the number when libpcap has no name for it.
pub(crate) fn write_link_type(err: &mut dyn Write, link: LinkType) {
    match source::link_names(link) {
        Some((name, desc)) => {
            let _ = write!(err, ", link-type {name} ({desc})");
        }
        None => {
            let _ = write!(err, ", link-type {}", link.0);
        }
    }
}
