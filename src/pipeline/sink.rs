//! Where kept packets go, in packet order: `-w`, the analyzer, the printed
//! line, `-c`, and the wrap-up at the end of a run (the analyzer's summary,
//! closing the `-w` file, `--count`'s line, the final flush). Both packet
//! loops feed it, the sequential one in [`super::pump`] and the threaded one
//! in [`super::threads`], so the two cannot differ in what they do with a
//! packet; the threaded loop hands in lines formatted on other threads.
//! What it does with a packet comes from [`crate::config::Output`], read
//! once when it is made.

use std::io::{self, BufWriter, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use super::error::{RunError, quiet_pipe};
use super::progress::Progress;
use crate::config::Config;
use crate::packet::RawPacket;
use crate::print::Printer;
use crate::print::deferred::{Formatted, SeqResolver};
use crate::{analyze, export, graph, write};

/// What the loop does after a packet.
pub(crate) enum Flow {
    /// Go on reading.
    Go,
    /// Stop reading; wrap up with this result.
    Stop(Result<(), RunError>),
    /// End the run now with this result, without the wrap-up (tcpdump
    /// exits at once on a closed output pipe or `-W`'s file limit).
    Exit(Result<(), RunError>),
}

pub(crate) struct Sink<'a> {
    config: &'a Config,
    writer: Option<write::Writer>,
    analyzer: Option<analyze::Analyzer>,
    /// `--format csv|parquet`: the table the analyzer's records (or the
    /// packets) go to.
    export: Option<export::Exporter>,
    /// `--graph`/`--report`: fed the analyzer's per-segment records.
    pictures: Option<graph::Pictures>,
    print: bool,
    printer: Printer,
    resolver: SeqResolver,
    w: BufWriter<&'a mut dyn Write>,
    err: &'a mut dyn Write,
    /// Packets kept so far (`-c`, `-#`, `--count`).
    n: u32,
    /// Set by SIGINT/SIGTERM/SIGHUP during `-r`: read no further packet.
    stop: Option<&'a AtomicBool>,
    /// The progress bar on stderr (`Config::progress`).
    progress: Option<Progress>,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(
        config: &'a Config,
        writer: Option<write::Writer>,
        export: Option<export::Exporter>,
        out: &'a mut dyn Write,
        err: &'a mut dyn Write,
        stop: Option<&'a AtomicBool>,
        picture_files: graph::Outputs,
    ) -> Self {
        let mut analyzer = config.output.analyze().map(analyze::Analyzer::new);
        if let Some(a) = analyzer.as_mut() {
            // `Sink::packet` writes what the table's limit pushes out a
            // batch at a time.
            a.report_in_steps();
        }
        if let (Some(a), Some(x)) = (analyzer.as_mut(), export.as_ref())
            && x.table() == export::Table::Connections
        {
            a.keep_connections();
        }
        Sink {
            config,
            writer,
            analyzer,
            export,
            pictures: config
                .output
                .pictures()
                .filter(|p| p.graph.is_some() || p.report.is_some())
                .map(|p| graph::Pictures::new(p.clone(), picture_files)),
            print: config.output.prints(),
            printer: Printer::new(config.print.clone()),
            resolver: SeqResolver::default(),
            w: BufWriter::with_capacity(1 << 16, out),
            err,
            n: 0,
            stop,
            progress: if config.progress {
                config.read_file.as_deref().and_then(Progress::start)
            } else {
                None
            },
        }
    }

    /// Whether packets are printed.
    pub(crate) fn prints(&self) -> bool {
        self.print
    }

    /// `-c` is reached or a signal asked to stop: read no further packet
    /// (a damaged one after it must not be reported).
    pub(crate) fn done(&self) -> bool {
        self.config.count.is_some_and(|c| u64::from(self.n) >= c) || self.interrupted()
    }

    fn interrupted(&self) -> bool {
        self.stop.is_some_and(|s| s.load(Ordering::Relaxed))
    }

    /// One packet the filter kept. `line` is its line already formatted by
    /// a deferred printer (batch and index), else it is formatted here.
    pub(crate) fn packet(
        &mut self,
        pkt: &RawPacket<'_>,
        line: Option<(&Formatted, usize)>,
    ) -> Flow {
        self.n = self.n.wrapping_add(1);
        if let Some(p) = &self.progress {
            p.kept(self.n);
        }
        if let Some(wr) = self.writer.as_mut() {
            let written = wr.write(pkt);
            for note in wr.take_notes() {
                let _ = writeln!(self.err, "{note}");
            }
            match written {
                Ok(write::Written::Packet) => {}
                Ok(write::Written::FileLimit(max)) => {
                    // tcpdump prints this, then `info(1)` (no statistics
                    // from a savefile), and exits 0 without its --count line.
                    if let Err(e) = self.w.flush() {
                        return Flow::Exit(quiet_pipe(e));
                    }
                    let _ = writeln!(self.err, "Maximum file limit reached: {max}");
                    let _ = writeln!(
                        self.err,
                        "pcap_stats: Statistics aren't available from savefiles"
                    );
                    return Flow::Exit(Ok(()));
                }
                Err(e) => return Flow::Stop(Err(RunError::Write(e))),
            }
        }
        if let Some(a) = self.analyzer.as_mut() {
            let written = match self.export.as_mut() {
                // Decoded once: the analyzer and the row read the same layers.
                Some(x) if x.table() == export::Table::Packets => {
                    let mut d = crate::decode::Decoded::default();
                    d.decode(pkt.link, pkt.data, pkt.wire_len as usize);
                    let facts = a.decoded(pkt, &d);
                    x.packet(u64::from(self.n), pkt, &d, facts)
                }
                Some(x) => {
                    a.packet(pkt);
                    x.connections(a.take_connections())
                }
                None => {
                    a.packet(pkt);
                    Ok(())
                }
            };
            if let Err(e) = written {
                return Flow::Stop(Err(RunError::Export(e)));
            }
            // The packet's reports, then what the table's limit pushed out
            // a batch at a time (rows, lines, pictures): a quarter of the
            // limit at once was hundreds of MB of lines or records.
            loop {
                if let Err(e) = a.take(&mut self.w) {
                    return Flow::Exit(quiet_pipe(e));
                }
                if let Some(p) = self.pictures.as_mut()
                    && let Err(e) = p.take(a.take_traced())
                {
                    return Flow::Stop(Err(RunError::Graph(e)));
                }
                if !a.reports_pending() {
                    break;
                }
                a.report_some(export::BATCH_ROWS);
                if let Some(x) = self.export.as_mut()
                    && x.table() == export::Table::Connections
                    && let Err(e) = x.connections(a.take_connections())
                {
                    return Flow::Stop(Err(RunError::Export(e)));
                }
            }
            // Live, each diagnosis is shown as soon as it is known.
            if (self.config.line_buffered || self.config.live.is_some())
                && let Err(e) = self.w.flush()
            {
                return Flow::Exit(quiet_pipe(e));
            }
        }
        if !self.print {
            return Flow::Go;
        }
        let written = match line {
            Some((batch, i)) => self.resolved(pkt, batch, i),
            None => self.w.write_all(self.printer.packet(pkt, self.n)),
        };
        if let Err(e) = written {
            return Flow::Exit(quiet_pipe(e));
        }
        if self.config.line_buffered
            && let Err(e) = self.w.flush()
        {
            return Flow::Exit(quiet_pipe(e));
        }
        Flow::Go
    }

    fn resolved(&mut self, pkt: &RawPacket<'_>, batch: &Formatted, i: usize) -> io::Result<()> {
        // A line that needs NFS's call ring is formatted again here, in
        // packet order, by the printer whose sequence table the resolver
        // uses: the same bytes as the sequential loop.
        if batch.redo(i) {
            return self.w.write_all(self.printer.packet(pkt, self.n));
        }
        if self.config.print.number {
            crate::print::write_number(&mut self.w, self.n)?;
        }
        self.resolver
            .resolve_line(self.printer.seq_table(), batch, i, &mut self.w)
    }

    /// The end of the run, whatever stopped the loop: the analyzer's open
    /// connections, findings and summary; the `-w` file closed (packets
    /// before an error stay in it); `--count`'s line; the final flush.
    pub(crate) fn finish(mut self, result: Result<(), RunError>) -> Result<(), RunError> {
        if let Some(p) = self.progress.take() {
            p.finish();
        }
        // tcpdump after `pcap_breakloop` when printing (no -w; --count too):
        // "perhaps we didn't manage to finish a line we were printing.
        // Print an extra newline, just in case." Not into the analyzer's
        // output, which tcpdump does not have.
        if self.interrupted()
            && self.analyzer.is_none()
            && self.writer.is_none()
            && let Err(e) = self.w.write_all(b"\n")
        {
            return quiet_pipe(e);
        }
        // The connections still open go to the table a batch at a time,
        // as they are reported (memory: a capture may end with a million
        // open).
        let mut drained = Ok(());
        if let (Some(a), Some(x)) = (self.analyzer.as_mut(), self.export.as_mut())
            && x.table() == export::Table::Connections
        {
            loop {
                let more = a.drain_some(export::BATCH_ROWS);
                drained = x.connections(a.take_connections());
                if !more || drained.is_err() {
                    break;
                }
            }
        }
        if let Some(a) = self.analyzer.as_mut()
            && let Err(e) = a.finish(&mut self.w, self.err)
        {
            return quiet_pipe(e);
        }
        // The table's last rows and its footer, whatever stopped the run
        // (the rows so far are a readable file).
        let result = match self.export.take() {
            Some(mut x) => {
                let closed = match self.analyzer.as_mut() {
                    Some(a) if x.table() == export::Table::Connections => {
                        drained.and_then(|()| x.connections(a.take_connections()))
                    }
                    _ => drained,
                }
                .and_then(|()| x.finish().map(|_| ()));
                match (closed, result) {
                    (Err(e), Ok(())) => Err(RunError::Export(e)),
                    (_, result) => result,
                }
            }
            None => result,
        };
        // The pictures are written once the analyzer has reported every
        // connection (not after a read error: the capture is incomplete).
        if let (Some(a), Some(mut p)) = (self.analyzer.as_mut(), self.pictures.take())
            && result.is_ok()
        {
            let input = self.config.read_file.as_deref().map_or_else(
                || "live capture".to_string(),
                |f| match self.config.more_files.len() {
                    0 => f.display().to_string(),
                    n => format!("{} and {n} more", f.display()),
                },
            );
            let done = p
                .take(a.take_traced())
                .and_then(|()| p.finish(&a.overview(), a.streams(), &input));
            if let Err(e) = done {
                let _ = self.w.flush();
                return Err(RunError::Graph(e));
            }
        }
        let result = match (self.writer.take().map(write::Writer::finish), result) {
            (Some(Err(e)), Ok(())) => Err(RunError::Write(e)),
            (_, result) => result,
        };
        let result = match result {
            // `-w -` into a closed pipe ends quietly, as printing does.
            Err(RunError::Write(write::WriteError::Write {
                kind: io::ErrorKind::BrokenPipe,
                ..
            })) => Ok(()),
            r => r,
        };
        if self.config.count_line {
            // tcpdump's --count line comes after a read error's message.
            let result = match result {
                Err(e) => {
                    let _ = writeln!(self.err, "tcpscope: {e}");
                    Err(RunError::Reported)
                }
                ok => ok,
            };
            let n = self.n;
            let plural = if n == 1 { "" } else { "s" };
            if let Err(e) = writeln!(self.w, "{n} packet{plural}").and_then(|()| self.w.flush()) {
                return quiet_pipe(e);
            }
            return result;
        }
        // Packets read before any damage are printed before the error.
        if let Err(e) = self.w.flush() {
            return quiet_pipe(e);
        }
        result
    }
}
