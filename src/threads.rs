//! The packet loop of `-r FILE` on several cores. Blocks of packets go to
//! worker threads round robin. A regular classic pcap file is read by the
//! workers themselves, by position ([`block::Positioned`]): a worker reads its
//! block's range of the file, waits for the worker before it in a ring to
//! say where the block's first record starts, splits the records and
//! passes on where the next block starts. Other sources (pcapng, standard
//! input, a decompressed file) are read into blocks by the calling thread
//! ([`block::fill`]). Workers then filter the block and, when printing,
//! format the kept packets' lines. The calling thread takes the blocks
//! back in the order it sent them and hands every kept packet, with its
//! line, to the [`Sink`] in packet order: the sink fills the relative
//! sequence numbers and `-#` numbers in, writes `-w`, feeds the analyzer
//! and counts `-c`. Output bytes and order are the sequential loop's:
//! workers keep no state that crosses packets (see
//! [`crate::print::deferred`]), which [`eligible`] checks. Blocks circulate
//! and are reused. `TCPSCOPE_THREADS=1` keeps the sequential loop (`N` sets
//! the number of workers); `TCPSCOPE_BLOCK=BYTES` sets the range of a
//! block read by position and `TCPSCOPE_BATCH=N` the packets of another
//! block (tests make them small to cross many block boundaries).

use std::collections::VecDeque;
use std::io::IsTerminal;
use std::sync::mpsc;

use crate::cli::Config;
use crate::print::deferred::Formatted;
use crate::print::{Printer, TimestampStyle};
use crate::sink::{Flow, Sink};
use crate::source::block::{self, Block, Meta, Split};
use crate::source::{PacketSource, SourceError};
use crate::{RunError, filter};

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
const RANGE: usize = 1 << 18;

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
pub(crate) fn eligible(config: &Config, sink: &Sink<'_>, filter: bool) -> Option<usize> {
    let threads = match env_usize("TCPSCOPE_THREADS") {
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, usize::from),
    };
    let stateless = config.print.numeric > 0
        && !matches!(
            config.print.ts_style,
            TimestampStyle::DeltaPrev | TimestampStyle::DeltaFirst
        );
    let print_ok = !sink.prints() || (stateless && !std::io::stdout().is_terminal());
    let regular_file = config.read_file.as_deref().is_some_and(|p| {
        let p = if p == "-" { "/dev/stdin" } else { p };
        std::fs::metadata(p).is_ok_and(|m| m.is_file())
    });
    (threads > 1
        && regular_file
        && (filter || sink.prints())
        && print_ok
        && config.live.is_none()
        && !config.line_buffered)
        .then_some(threads)
}

/// [`crate::pump`]'s loop on `threads` worker threads; returns how it ended.
pub(crate) fn pump(
    config: &Config,
    threads: usize,
    src: &mut dyn PacketSource,
    filter: Option<&filter::Filter>,
    sink: &mut Sink<'_>,
) -> Flow {
    let prints = sink.prints();
    let max_packets = env_usize("TCPSCOPE_BATCH");
    let range = env_usize("TCPSCOPE_BLOCK").unwrap_or(RANGE).max(1);
    // A regular pcap file is read by the workers themselves.
    let pos = src.positioned();
    let pos = pos.as_ref();
    std::thread::scope(|s| {
        let mut to = Vec::new();
        let (done_tx, done_rx) = (0..threads)
            .map(|_| mpsc::channel::<Batch>())
            .unzip::<_, _, Vec<_>, Vec<_>>();
        // A ring: each worker learns where its block's first record starts
        // from the worker before it (`None`: no more blocks).
        let (mut start_tx, mut start_rx) = (0..threads)
            .map(|_| mpsc::channel::<Option<u64>>())
            .unzip::<_, _, Vec<_>, Vec<_>>();
        if let (Some(p), Some(tx)) = (pos, start_tx.first()) {
            let _ = tx.send(Some(p.first()));
        }
        start_tx.rotate_left(1);
        for ((done, start_rx), start_tx) in
            done_tx.into_iter().zip(start_rx.drain(..)).zip(start_tx)
        {
            let (tx, rx) = mpsc::channel::<Batch>();
            to.push(tx);
            // Each worker its own copy: a filter caches programs for a
            // pcapng file's other link types.
            let filter = filter.cloned();
            let opts = config.print.clone();
            s.spawn(move || {
                let mut printer = prints.then(|| Printer::deferred(opts));
                for mut b in rx {
                    if let Some(pos) = pos {
                        let loaded = b.block.load(pos, pos.range_start(b.j, range), range);
                        let split = match (start_rx.recv().ok().flatten(), loaded) {
                            (None, _) => Split::End,
                            (Some(_), Err(e)) => Split::Damaged(e),
                            (Some(at), Ok(())) => b.block.split(pos, at, range),
                        };
                        let next = match split {
                            Split::Next(at) => Some(at),
                            Split::End => None,
                            Split::Damaged(e) => {
                                b.error = Some(e);
                                None
                            }
                        };
                        b.last = next.is_none();
                        let _ = start_tx.send(next);
                    }
                    b.kept.clear();
                    b.lines.clear();
                    for m in b.block.packets() {
                        let pkt = b.block.packet(&m);
                        if filter.as_ref().is_some_and(|f| !f.matches(&pkt)) {
                            continue;
                        }
                        if let Some(p) = printer.as_mut() {
                            p.format_into(&pkt, 0, &mut b.lines);
                        }
                        b.kept.push(m);
                    }
                    if done.send(b).is_err() {
                        break;
                    }
                }
            });
        }
        let mut free: Vec<Batch> = Vec::new();
        let mut in_flight: VecDeque<usize> = VecDeque::new();
        let (mut j, mut sent_last) = (0u64, false);
        let end = 'run: loop {
            // Two blocks per thread in flight keeps every thread busy.
            while in_flight.len() < 2 * threads && !sent_last {
                let mut b = free.pop().unwrap_or_else(|| {
                    let mut b = Batch::default();
                    if let Some(n) = max_packets {
                        b.block.set_max_packets(n);
                    }
                    b
                });
                b.j = j;
                b.error = None;
                if pos.is_none() {
                    let status = block::fill(src, &mut b.block);
                    b.last = !matches!(status, Ok(true));
                    b.error = status.err();
                    sent_last = b.last;
                }
                let w = (j % threads as u64) as usize;
                if let Some(tx) = to.get(w) {
                    let _ = tx.send(b);
                }
                in_flight.push_back(w);
                j += 1;
            }
            let back = in_flight
                .pop_front()
                .and_then(|w| done_rx.get(w))
                .and_then(|rx| rx.recv().ok());
            let Some(mut b) = back else {
                let e = std::io::Error::other("worker thread ended");
                break Flow::Stop(Err(RunError::Output(e)));
            };
            for (i, m) in b.kept.iter().enumerate() {
                if sink.done() {
                    break 'run Flow::Stop(Ok(()));
                }
                let pkt = b.block.packet(m);
                match sink.packet(&pkt, prints.then_some((&b.lines, i))) {
                    Flow::Go => {}
                    end => break 'run end,
                }
            }
            // Damage after the packets `-c` wanted is never reached.
            if sink.done() {
                break Flow::Stop(Ok(()));
            }
            if let Some(e) = b.error.take() {
                break Flow::Stop(Err(RunError::Read(e)));
            }
            if b.last {
                break Flow::Stop(Ok(()));
            }
            free.push(b);
        };
        drop(to);
        end
    })
}
