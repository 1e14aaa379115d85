//! tcpscope: read captures and print them exactly as tcpdump 4.99 does.
//!
//! One pipeline, one direction: [`source`] → [`filter`] → [`print`](mod@print) and/or
//! [`write`](mod@write) (`-w`), or the [`analyze`]r. [`run`] takes a validated
//! [`config::Config`] (the binary builds it from the command line) and
//! dispatches: an offline run (`-r`) or a live capture ([`capture`]), both
//! ending in the one packet loop below them; it never exits the process:
//! [`RunError`] tells the caller what went wrong.
#![forbid(unsafe_code)]

pub mod analyze;
pub mod capture;
pub mod config;
pub mod cstd;
pub mod decode;
pub mod export;
pub mod filter;
pub mod graph;
mod library;
mod offline;
pub mod packet;
mod pipeline;
pub mod print;
pub mod source;
pub mod write;

use std::io::Write;

use config::Config;

pub use library::{Capture, Error, Packet};
pub use pipeline::RunError;

/// Runs `config`: the kept packets go to `out` (printed, or the analyzer's
/// output), to the `-w` file, or are counted; the banner, warnings and
/// counts go to `err`. A closed output pipe ends the run quietly. `-D`
/// lists the devices; `-d` prints the compiled filter program instead of
/// reading packets, as tcpdump does.
pub fn run(config: &Config, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), RunError> {
    if config.list_interfaces {
        return capture::list_interfaces(out);
    }
    // `--output FILE` of text or JSON: the output as printed, into FILE.
    let mut file;
    let out: &mut dyn Write = match config.export.as_ref().filter(|e| !e.format.is_table()) {
        Some(e) => {
            file = std::fs::File::create(&e.path).map_err(|io| {
                RunError::Export(export::ExportError::File {
                    path: e.path.display().to_string(),
                    msg: cstd::strerror(&io),
                })
            })?;
            &mut file
        }
        None => out,
    };
    if let Some(live) = &config.live {
        return capture::run(config, live, out, err);
    }
    match (config.read_file.as_deref(), config.export.as_ref()) {
        (Some(_), Some(e)) if e.per_input => offline::run_each(config, err),
        (Some(path), _) => offline::run(config, path, out, err),
        (None, _) => {
            // tcpdump's `dflag && !device`: a dead Ethernet handle with its
            // default snapshot length (MAXIMUM_SNAPLEN), after a warning.
            let _ = writeln!(err, "Warning: assuming Ethernet");
            pipeline::dump_bpf(config, packet::LinkType::EN10MB, 262_144, out)
        }
    }
}
