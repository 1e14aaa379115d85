//! tcpscope: read captures and print them exactly as tcpdump 4.99 does.
//!
//! One pipeline, one direction: [`source`] → [`decode`] → [`print`]. [`run`]
//! wires the stages for a validated [`cli::Config`]; it never exits the
//! process: [`RunError`] tells `main` what went wrong.
#![forbid(unsafe_code)]

pub mod cli;
pub mod decode;
pub mod filter;
pub mod packet;
pub mod print;
pub mod source;

use std::io::{self, BufWriter, Write};

use cli::Config;
use print::Printer;
use source::SourceError;

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
}

/// Reads `config.read_file` and prints every packet to `out`, the banner and
/// warnings to `err`. A closed output pipe ends the run quietly.
pub fn run(config: &Config, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), RunError> {
    let mut src =
        source::file::open(&config.read_file, config.print.precision).map_err(RunError::Open)?;
    let link = src.link_type();
    let _ = write!(err, "reading from file {}", config.read_file);
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
    // tcpdump compiles the filter after opening the file: the banner comes first.
    let filter = match config.filter.as_deref() {
        Some(text) => {
            let f = filter::Filter::compile(text, link).map_err(RunError::Filter)?;
            if f.expr().is_some() {
                source::libpcap_compile_check(text, link).map_err(RunError::FilterLibpcap)?;
            }
            Some(f)
        }
        None => None,
    };
    let mut printer = Printer::new(config.print.clone());
    let mut w = BufWriter::with_capacity(1 << 16, out);
    let mut n: u32 = 0;
    let result = loop {
        if config.count.is_some_and(|c| u64::from(n) >= c) {
            break Ok(());
        }
        let pkt = match src.next_packet() {
            Ok(Some(p)) => p,
            Ok(None) => break Ok(()),
            Err(e) => break Err(RunError::Read(e)),
        };
        if filter.as_ref().is_some_and(|f| !f.matches(&pkt)) {
            continue;
        }
        n = n.wrapping_add(1);
        if config.count_only {
            continue;
        }
        let line = printer.packet(&pkt, n);
        if let Err(e) = w.write_all(line) {
            return quiet_pipe(e);
        }
        if config.line_buffered
            && let Err(e) = w.flush()
        {
            return quiet_pipe(e);
        }
    };
    if config.count_only {
        // tcpdump's --count line comes after a read error's message.
        let result = match result {
            Err(e) => {
                let _ = writeln!(err, "tcpscope: {e}");
                Err(RunError::Reported)
            }
            ok => ok,
        };
        let plural = if n == 1 { "" } else { "s" };
        if let Err(e) = writeln!(w, "{n} packet{plural}").and_then(|()| w.flush()) {
            return quiet_pipe(e);
        }
        return result;
    }
    // Packets read before any damage are printed before the error.
    if let Err(e) = w.flush() {
        return quiet_pipe(e);
    }
    result
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
