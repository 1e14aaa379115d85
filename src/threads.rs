//! The packet loop of `-r FILE` printing on several cores. The calling
//! thread reads, filters, numbers and copies packets into batches, hands
//! each to a formatting thread (round robin), and takes the formatted
//! batches back in the order it sent them; it then fills the relative
//! sequence numbers in packet order ([`SeqResolver`]) and writes. Output
//! bytes and order are the sequential loop's: the formatting threads keep
//! no state that crosses packets (see [`crate::print::deferred`]), which
//! [`eligible`] checks. Batches and their buffers circulate and are reused.
//! `TCPSCOPE_THREADS=1` keeps the sequential loop (`N` sets the number of
//! formatting threads); `TCPSCOPE_BATCH` sets the packets per batch (tests
//! use small batches to cross many batch boundaries).

use std::collections::VecDeque;
use std::io::{IsTerminal, Write};
use std::sync::mpsc;

use crate::cli::Config;
use crate::packet::{LinkType, RawPacket, Timestamp};
use crate::print::deferred::{Formatted, SeqResolver};
use crate::print::{Printer, TimestampStyle};
use crate::source::PacketSource;
use crate::{RunError, filter, quiet_pipe};

/// Packets per batch unless `TCPSCOPE_BATCH` says otherwise.
const BATCH: usize = 2048;
/// Bytes of packet data after which a batch is sent even if not full.
const BATCH_BYTES: usize = 1 << 20;

struct Meta {
    ts: Timestamp,
    wire_len: u32,
    link: LinkType,
    end: usize,
    number: u32,
}

/// Packets copied out of the source, and their formatted lines.
#[derive(Default)]
struct Batch {
    data: Vec<u8>,
    pkts: Vec<Meta>,
    lines: Formatted,
}

fn env_usize(name: &str) -> Option<usize> {
    std::env::var(name).ok()?.trim().parse().ok()
}

/// How many formatting threads to use for this run, or `None` for the
/// sequential loop: printing lines from a file, with a printer that keeps
/// no state across packets other than the sequence table (`-n`, no
/// `-ttt`/`-ttttt`), not line-buffered, not to a terminal, and more than
/// one core (or `TCPSCOPE_THREADS` above 1).
pub(crate) fn eligible(config: &Config, print: bool, other_sinks: bool) -> Option<usize> {
    let threads = match env_usize("TCPSCOPE_THREADS") {
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, usize::from),
    };
    let stateless = config.print.numeric > 0
        && !matches!(
            config.print.ts_style,
            TimestampStyle::DeltaPrev | TimestampStyle::DeltaFirst
        );
    (threads > 1
        && print
        && !other_sinks
        && stateless
        && config.live.is_none()
        && !config.line_buffered
        && !std::io::stdout().is_terminal())
    .then_some(threads)
}

/// [`crate::pump`] for printing only, on `threads` formatting threads.
pub(crate) fn pump(
    config: &Config,
    threads: usize,
    src: &mut dyn PacketSource,
    filter: Option<&filter::Filter>,
    out: &mut dyn Write,
) -> Result<(), RunError> {
    let batch_len = env_usize("TCPSCOPE_BATCH").unwrap_or(BATCH).max(1);
    std::thread::scope(|s| {
        let mut to = Vec::new();
        let (done_tx, done_rx) = (0..threads)
            .map(|_| mpsc::channel::<Batch>())
            .unzip::<_, _, Vec<_>, Vec<_>>();
        for done in done_tx {
            let (tx, rx) = mpsc::channel::<Batch>();
            to.push(tx);
            let opts = config.print.clone();
            s.spawn(move || {
                let mut printer = Printer::deferred(opts);
                for mut b in rx {
                    b.lines.clear();
                    let mut start = 0;
                    for m in &b.pkts {
                        let data = b.data.get(start..m.end).unwrap_or_default();
                        start = m.end;
                        let raw = RawPacket {
                            ts: m.ts,
                            wire_len: m.wire_len,
                            link: m.link,
                            data,
                        };
                        printer.format_into(&raw, m.number, &mut b.lines);
                    }
                    if done.send(b).is_err() {
                        break;
                    }
                }
            });
        }
        let mut resolver = SeqResolver::default();
        let mut free: Vec<Batch> = Vec::new();
        let mut in_flight: VecDeque<usize> = VecDeque::new();
        let mut text = Vec::with_capacity(1 << 18);
        let mut next = 0;
        let mut n: u32 = 0;
        // Takes the oldest batch back, fills it in and writes it.
        let mut settle = |in_flight: &mut VecDeque<usize>, free: &mut Vec<Batch>| {
            let Some(w) = in_flight.pop_front() else {
                return Ok(());
            };
            let Some(b) = done_rx.get(w).and_then(|rx| rx.recv().ok()) else {
                return Err(RunError::Output(std::io::Error::other(
                    "formatting thread ended",
                )));
            };
            text.clear();
            resolver.resolve(&b.lines, &mut text);
            free.push(b);
            out.write_all(&text).map_err(RunError::Output)
        };
        let result = 'read: loop {
            let mut b = free.pop().unwrap_or_default();
            b.data.clear();
            b.pkts.clear();
            let mut end = None;
            while b.pkts.len() < batch_len && b.data.len() < BATCH_BYTES {
                if config.count.is_some_and(|c| u64::from(n) >= c) {
                    end = Some(Ok(()));
                    break;
                }
                let pkt = match src.next_packet() {
                    Ok(Some(p)) => p,
                    Ok(None) => {
                        end = Some(Ok(()));
                        break;
                    }
                    Err(e) => {
                        end = Some(Err(RunError::Read(e)));
                        break;
                    }
                };
                if filter.is_some_and(|f| !f.matches(&pkt)) {
                    continue;
                }
                n = n.wrapping_add(1);
                b.data.extend_from_slice(pkt.data);
                b.pkts.push(Meta {
                    ts: pkt.ts,
                    wire_len: pkt.wire_len,
                    link: pkt.link,
                    end: b.data.len(),
                    number: n,
                });
            }
            if !b.pkts.is_empty() {
                if let Some(tx) = to.get(next) {
                    let _ = tx.send(b);
                }
                in_flight.push_back(next);
                next = (next + 1) % threads;
            }
            // Two batches per thread in flight keeps every thread busy.
            while in_flight.len() >= 2 * threads || (end.is_some() && !in_flight.is_empty()) {
                if let Err(e) = settle(&mut in_flight, &mut free) {
                    break 'read Err(e);
                }
            }
            if let Some(r) = end {
                break r;
            }
        };
        drop(to);
        // Packets read before any damage are printed before the error.
        let flushed = out.flush().map_err(RunError::Output);
        match (result, flushed) {
            (Err(RunError::Output(e)), _) | (Ok(()), Err(RunError::Output(e))) => quiet_pipe(e),
            (r, _) => r,
        }
    })
}
