//! tcpscope: read captures and print them exactly as tcpdump 4.99 does.
//!
//! One pipeline, one direction: [`source`] → [`filter`] → [`print`] and/or
//! [`write`] (`-w`). [`run`] wires the stages for a validated
//! [`cli::Config`] (a live capture's start-up and shutdown are in
//! [`capture`]); it never exits the process: [`RunError`] tells `main`
//! what went wrong.
#![forbid(unsafe_code)]

pub mod analyze;
pub mod capture;
pub mod cli;
pub mod config;
pub mod cstd;
pub mod decode;
pub mod filter;
pub mod packet;
pub mod print;
mod sink;
pub mod source;
mod threads;
pub mod write;

use std::io::{self, Write};

use config::Config;
use source::{PacketSource, SourceError};

/// Why a run stopped before the end of its input.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The capture could not be opened (`tcpdump: MSG`).
    #[error("{0}")]
    Open(SourceError),
    /// The capture was damaged after some packets (`tcpdump: pcap_loop: MSG`).
    #[error("pcap_loop: {0}")]
    Read(SourceError),
    /// The filter expression was rejected.
    #[error("{}", filter_message(.0))]
    Filter(filter::FilterError),
    /// libpcap's compiler refuses an expression tcpscope's parser accepted
    /// (its optimiser found it can match nothing, or a constant divisor is 0).
    #[error("{0}")]
    FilterLibpcap(String),
    /// A link type tcpscope (and tcpdump's compiler) does not know.
    #[error("unknown data link type {0} (min 104, max 289)")]
    UnknownLink(u32),
    /// An error already printed on stderr; exit status 1.
    #[error("")]
    Reported,
    /// Writing the output failed (other than a closed pipe).
    #[error("{0}")]
    Output(io::Error),
    /// `-w`: the file could not be created or written.
    #[error("{0}")]
    Write(write::WriteError),
    /// Live capture: a device, privilege or libpcap error, worded as tcpdump's.
    #[error("{0}")]
    Live(String),
}

/// Reads `config.read_file` and prints every packet to `out`, the banner and
/// warnings to `err`. A closed output pipe ends the run quietly.
/// With `-d` (`config.dump_bpf > 0`) prints the compiled filter program
/// instead, as tcpdump does, and reads no packets.
pub fn run(config: &Config, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), RunError> {
    if config.list_interfaces {
        return capture::list_interfaces(out);
    }
    if let Some(live) = &config.live {
        return capture::run(config, live, out, err);
    }
    let Some(path) = config.read_file.as_deref() else {
        // tcpdump's `dflag && !device`: a dead Ethernet handle with its
        // default snapshot length (MAXIMUM_SNAPLEN), after a warning.
        let _ = writeln!(err, "Warning: assuming Ethernet");
        return dump_bpf(config, packet::LinkType::EN10MB, 262_144, out);
    };
    let mut src = source::file::open(path, config.print.precision).map_err(RunError::Open)?;
    let link = src.link_type();
    let _ = write!(err, "reading from file {path}");
    match source::link_names(link) {
        Some((name, desc)) => {
            let _ = write!(err, ", link-type {name} ({desc})");
        }
        None => {
            let _ = write!(err, ", link-type {}", link.0);
        }
    }
    let _ = writeln!(err, ", snapshot length {}", src.snaplen());
    if link == packet::LinkType::LINUX_SLL2 {
        let _ = writeln!(err, "Warning: interface names might be incorrect");
    }
    if !link.known_to_libpcap() {
        return Err(RunError::UnknownLink(link.0));
    }
    if config.dump_bpf > 0 {
        return dump_bpf(config, link, src.snaplen(), out);
    }
    // tcpdump compiles the filter after opening the file: the banner comes first.
    let filter = match config.filter.as_deref() {
        Some(text) => {
            let settings = filter::Settings {
                optimize: config.optimize,
                big_endian: src.big_endian(),
            };
            let f = filter::Filter::compile_with(text, link, settings).map_err(RunError::Filter)?;
            if f.expr().is_some() {
                source::libpcap_compile_check(text, link, config.optimize)
                    .map_err(RunError::FilterLibpcap)?;
            }
            Some(f)
        }
        None => None,
    };
    // tcpdump opens the -w file after compiling the filter.
    let writer = open_writer(config, &mut *src)?;
    pump(config, &mut *src, filter.as_ref(), writer, out, err)
}

/// tcpdump opens the `-w` file after compiling the filter (and, live,
/// after dropping privileges).
pub(crate) fn open_writer(
    config: &Config,
    src: &mut dyn PacketSource,
) -> Result<Option<write::Writer>, RunError> {
    let Some(opts) = config.output.write() else {
        return Ok(None);
    };
    src.one_link_type();
    let header = write::FileHeader {
        link: src.link_type(),
        link_ext: src.link_ext(),
        snaplen: src.snaplen(),
        precision: config.print.precision,
    };
    Ok(Some(
        write::Writer::create(opts, header).map_err(RunError::Write)?,
    ))
}

/// The packet loop, the same for files and live capture: read, filter, and
/// hand each kept packet to the [`sink::Sink`] (print and/or write, the
/// analyzer, `-c`, `-l`, `--count`), which closes the `-w` file before
/// this returns. Reading a file, the work can run on several cores
/// ([`threads`]) with the same result.
pub(crate) fn pump(
    config: &Config,
    src: &mut dyn PacketSource,
    filter: Option<&filter::Filter>,
    writer: Option<write::Writer>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), RunError> {
    let mut sink = sink::Sink::new(config, writer, out, err);
    let end = match threads::eligible(config, filter.is_some()) {
        Some(threads) => threads::pump(config, threads, src, filter, &mut sink),
        None => loop {
            if sink.done() {
                break sink::Flow::Stop(Ok(()));
            }
            let pkt = match src.next_packet() {
                Ok(Some(p)) => p,
                Ok(None) => break sink::Flow::Stop(Ok(())),
                Err(e) => break sink::Flow::Stop(Err(RunError::Read(e))),
            };
            if filter.as_ref().is_some_and(|f| !f.matches(&pkt)) {
                continue;
            }
            match sink.packet(&pkt, None) {
                sink::Flow::Go => {}
                end => break end,
            }
        },
    };
    match end {
        sink::Flow::Exit(r) => r,
        sink::Flow::Stop(r) => sink.finish(r),
        sink::Flow::Go => sink.finish(Ok(())),
    }
}

/// tcpdump's `-d`/`-dd`/`-ddd`: compiles the filter (empty when none) with
/// libpcap and prints the program to `out`. With `-r` of a regular file
/// libpcap compiles on its own handle for that file, as tcpdump does;
/// otherwise (no `-r`, or standard input and pipes, which cannot be opened
/// twice) on a dead handle for `link` and `snaplen`. Errors are libpcap's,
/// worded as tcpdump prints them.
fn dump_bpf(
    config: &Config,
    link: packet::LinkType,
    snaplen: u32,
    out: &mut dyn Write,
) -> Result<(), RunError> {
    let text = config.filter.as_deref().unwrap_or("");
    let reopen = config
        .read_file
        .as_deref()
        .filter(|p| *p != "-")
        .map(std::path::Path::new)
        .filter(|p| std::fs::metadata(p).is_ok_and(|m| m.is_file()));
    let prog =
        match reopen.and_then(|p| source::bpf_dump::compile_savefile(p, text, config.optimize)) {
            Some(prog) => prog.map_err(RunError::FilterLibpcap)?,
            None => {
                let prog = source::bpf_dump::compile_dead(text, link, snaplen, config.optimize)
                    .map_err(RunError::FilterLibpcap)?;
                // A dead handle accepts what libpcap refuses for savefiles
                // (`inbound`, `ifindex`): tcpscope's parser knows those.
                if config.read_file.is_some() {
                    filter::Filter::compile(text, link).map_err(RunError::Filter)?;
                }
                prog
            }
        };
    let text = source::bpf_dump::dump(&prog, config.dump_bpf);
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) => quiet_pipe(e),
    }
}

/// libpcap's message, then where in the expression it applies.
fn filter_message(e: &filter::FilterError) -> String {
    // libpcap's yyerror() prefixes the grammar's own errors.
    let prefix = if e.message == "syntax error" {
        "can't parse filter expression: "
    } else {
        ""
    };
    if e.token.is_empty() {
        format!(
            "{prefix}{} (at the end of the expression, column {})",
            e.message, e.column
        )
    } else {
        format!(
            "{prefix}{} (at '{}', column {})",
            e.message, e.token, e.column
        )
    }
}

fn quiet_pipe(e: io::Error) -> Result<(), RunError> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(RunError::Output(e))
    }
}
