//! The packet loop of `-r FILE` on several cores. A block of packets is
//! read, split into records, filtered and formatted by one thread
//! ([`Work`]), and its kept packets are then handed, with their lines, to
//! the [`Sink`] on the calling thread in packet order ([`sink_batch`]): the
//! sink fills the relative sequence numbers and `-#` numbers in, writes
//! `-w`, feeds the analyzer and counts `-c`. A regular classic pcap file is
//! read by position by every thread ([`shared`]); other sources are read
//! into blocks by the calling thread for worker threads ([`fed`]). Output
//! bytes and order are the sequential loop's: a block's records are those
//! the sequential reader finds, and the threads keep no state that crosses
//! packets (see [`crate::print::deferred`]), which [`eligible`] checks.
//! `TCPSCOPE_THREADS=1` keeps the sequential loop (`N` sets the number of
//! threads); `TCPSCOPE_BLOCK=BYTES` sets the range of a block read by
//! position and `TCPSCOPE_BATCH=N` the packets of a filled block (tests
//! make them small to cross many block boundaries).

mod fed;
mod shared;

use std::io::IsTerminal;

use crate::config::{Config, TimestampStyle};
use crate::filter;
use crate::pipeline::error::RunError;
use crate::pipeline::sink::{Flow, Sink};
use crate::print::Printer;
use crate::print::deferred::Formatted;
use crate::source::block::{Block, Meta};
use crate::source::{PacketSource, SourceError};

/// A block and what a worker made of it.
#[derive(Default)]
struct Batch {
    block: Block,
    /// The packets the filter kept.
    kept: Vec<Meta>,
    /// Their lines, when printing.
    lines: Formatted,
    /// Damage met after the block's packets.
    error: Option<SourceError>,
    /// The block's number in the file.
    j: u64,
    /// No block follows this one.
    last: bool,
}

/// Bytes of a file each block read by position covers, unless
/// `TCPSCOPE_BLOCK` says otherwise (tests make it small).
const RANGE: usize = 1 << 19;

fn env_usize(name: &str) -> Option<usize> {
    std::env::var(name).ok()?.trim().parse().ok()
}

/// How many worker threads to use for this run, or `None` for the
/// sequential loop: reading a regular file (a pipe may be a capture still
/// running, whose packets must each go out as they come, and `-G` reads
/// the clock as each one does), not line-buffered, more than one core
/// (or `TCPSCOPE_THREADS` above 1), and work to spread: a filter, or
/// printing lines with a printer that keeps no state across packets other
/// than the sequence table (`-n`, no `-ttt`/`-ttttt`), not to a terminal.
pub(crate) fn eligible(config: &Config, filter: bool) -> Option<usize> {
    let threads = match env_usize("TCPSCOPE_THREADS") {
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, usize::from),
    };
    let stateless = config.print.numeric > 0
        && !matches!(
            config.print.ts_style,
            TimestampStyle::DeltaPrev | TimestampStyle::DeltaFirst
        );
    let prints = config.output.prints();
    let print_ok = !prints || (stateless && !std::io::stdout().is_terminal());
    let regular_file = config.read_file.as_deref().is_some_and(|p| {
        let p = if p.as_os_str() == "-" {
            std::path::Path::new("/dev/stdin")
        } else {
            p
        };
        std::fs::metadata(p).is_ok_and(|m| m.is_file())
    });
    // A pcapng -w file keeps each packet's interface and comments, which
    // the blocks' copies of packets do not carry.
    let pcapng = config.output.write().is_some_and(|w| w.pcapng);
    (threads > 1
        && regular_file
        && !pcapng
        && (filter || prints)
        && print_ok
        && config.live.is_none()
        && !config.line_buffered)
        .then_some(threads)
}

/// [`super::pump`]'s loop on `threads` threads; returns how it ended.
pub(crate) fn pump(
    config: &Config,
    threads: usize,
    src: &mut dyn PacketSource,
    filter: Option<&filter::Filter>,
    sink: &mut Sink<'_>,
) -> Flow {
    let prints = sink.prints();
    let work = || Work {
        // Each thread its own copy: a filter caches programs for a pcapng
        // file's other link types.
        filter: filter.cloned(),
        printer: prints.then(|| Printer::deferred(config.print.clone())),
    };
    match src.positioned() {
        Some(pos) => {
            let range = env_usize("TCPSCOPE_BLOCK").unwrap_or(RANGE).max(1);
            shared::pump(threads, &pos, range, work, sink)
        }
        None => {
            let max_packets = env_usize("TCPSCOPE_BATCH");
            fed::pump(threads, src, max_packets, work, sink)
        }
    }
}

/// What a thread does to a block: filter it, format the kept packets.
struct Work {
    filter: Option<filter::Filter>,
    printer: Option<Printer>,
}

impl Work {
    fn process(&mut self, b: &mut Batch) {
        b.kept.clear();
        b.lines.clear();
        for m in b.block.packets() {
            let pkt = b.block.packet(&m);
            if self.filter.as_ref().is_some_and(|f| !f.matches(&pkt)) {
                continue;
            }
            if let Some(p) = self.printer.as_mut() {
                p.format_into(&pkt, 0, &mut b.lines);
            }
            b.kept.push(m);
        }
    }
}

/// Hands a processed block's kept packets to the sink, in order; `Some`
/// when the run ends with it (`-c` reached, damage, the last block, or
/// the sink's own end).
fn sink_batch(sink: &mut Sink<'_>, b: &mut Batch) -> Option<Flow> {
    let prints = sink.prints();
    for (i, m) in b.kept.iter().enumerate() {
        if sink.done() {
            return Some(Flow::Stop(Ok(())));
        }
        let pkt = b.block.packet(m);
        match sink.packet(&pkt, prints.then_some((&b.lines, i))) {
            Flow::Go => {}
            end => return Some(end),
        }
    }
    // Damage after the packets `-c` wanted is never reached.
    if sink.done() {
        return Some(Flow::Stop(Ok(())));
    }
    if let Some(e) = b.error.take() {
        return Some(Flow::Stop(Err(RunError::Read(e))));
    }
    b.last.then_some(Flow::Stop(Ok(())))
}
