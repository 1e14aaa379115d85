//! The analyze stage: TCP connections, both ends' RFC 9293 states and what
//! went wrong, from the packets the filter kept (`--connections`,
//! `--diagnose`, `--states`, `--json`).
//!
//! [`Analyzer::packet`] takes each kept packet (decoded once by
//! [`crate::decode::decode`], whatever tunnels carry the TCP segment;
//! `segment` takes what the analysis needs), finds its connection in the
//! `conn` table (keyed by the 4-tuple; a SYN with a new sequence number on
//! the 4-tuple is a new connection, as Zeek's `IsReuse` decides), runs
//! Wireshark's sequence analysis (`seq`), both ends' RFC 9293 state
//! machines (`endpoint`) and Zeek's model of the connection (`zeek`:
//! `conn_state`, history, sizes). A connection is reported when it is over
//! (Zeek's close delay, 5 s of capture time, after both ends closed, one
//! reset, or an ICMP error answered its SYN; live, as soon as it ended), when
//! it has been idle for `conn::IDLE_NS`, or at [`Analyzer::finish`]; the
//! report is one line or JSON object (`diagnose`, `json`). A verdict of
//! failure needs evidence inside the capture (`diagnose::EVIDENCE_NS`);
//! otherwise the connection was cut by the capture and says so. Findings
//! over many connections (port scans, SYN floods) come from `scan` at the
//! end, with the summary line; past 1,000 attempts to one server port they
//! are summed up there instead of reported one by one. The table is bounded
//! (`--max-connections`; attempts kept small by `embryo`). Output
//! accumulates in one reused buffer that the caller drains with
//! [`Analyzer::take`]; the steady state allocates nothing per packet (the
//! table grows per connection; reports allocate per connection).

mod conn;
mod diagnose;
mod embryo;
mod endpoint;
pub mod follow;
mod json;
mod scan;
mod segment;
mod seq;
mod states;
pub mod synth;
pub mod trace;
mod zeek;

#[cfg(test)]
mod tests;

use std::fmt::Write as _;
use std::io::{self, Write};
use std::net::IpAddr;

use serde::Serialize;

pub use crate::config::analyze::{At, Follow, FollowFormat, MAX_CONNECTIONS, Mode, Options, Trace};
use crate::packet::RawPacket;

use conn::{Conn, Found, FxMap, Table};
use diagnose::Outcome;
pub use json::{
    Connection, Packet, TcpOptionRecord, endpoint, option_kind_name, option_records,
    write_option_record, write_option_records, write_sack_blocks,
};
use segment::Input;

/// A folded `--diagnose` line (file input).
struct Folded {
    client: IpAddr,
    server: (IpAddr, u16),
    first: String,
    sentence: String,
    count: u64,
    /// An attempt (a SYN flood's are left to its finding).
    attempt: bool,
}

/// Everything but the table: where reports go.
struct Sink {
    opts: Options,
    out: Vec<u8>,
    outcomes: [u64; 11],
    final_states: states::Tally,
    scans: scan::Scans,
    folded: Vec<Folded>,
    fold_index: FxMap<(IpAddr, (IpAddr, u16), String), usize>,
    /// With [`Analyzer::keep_connections`]: every reported connection as
    /// its typed record, for the library's callers.
    records: Option<Vec<Connection>>,
    /// Per-segment records of reported connections, not yet taken
    /// ([`Analyzer::take_traced`]).
    traced: Vec<trace::Traced>,
    /// Segments the records may still hold (`trace::BUDGET`).
    trace_left: u64,
}

/// What the analysis knows of one TCP packet (the per-packet table's
/// columns that need the connection).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PacketFacts {
    /// The connection's number ([`Connection::conn_id`]).
    pub conn_id: u64,
    /// Its Wireshark `tcp.stream` ([`Connection::stream`]).
    pub stream: u64,
    /// Sequence and acknowledgement numbers relative to each direction's
    /// first, as `--json`'s `seq` and `ack` give them.
    pub rel_seq: u32,
    pub rel_ack: u32,
    /// Wireshark's `tcp.analysis.*` flags ([`analysis_names`]).
    pub analysis: u16,
}

/// The names of the `tcp.analysis.*` flags set in `bits`, in a fixed order.
pub fn analysis_names(bits: u16) -> impl Iterator<Item = &'static str> {
    seq::flag::NAMES
        .iter()
        .filter(move |(bit, _)| bits & bit != 0)
        .map(|(_, name)| *name)
}

pub struct Analyzer {
    table: Table,
    sink: Sink,
    /// `--follow`: the followed stream's reassembly.
    follow: Option<follow::Follower>,
    /// Packets fed so far (a chunk's frame number in `--follow`'s yaml).
    frames: u64,
    /// [`Analyzer::report_in_steps`].
    in_steps: bool,
    first: Option<u64>,
    last: u64,
    last_sweep: u64,
    snapshot: Option<states::Tally>,
}

/// tcpdump's `addr.port`.
fn dotted(a: IpAddr, port: u16) -> String {
    format!("{a}.{port}")
}

/// The `--diagnose --json` summary object: the summary line and the count
/// of each outcome.
#[derive(Serialize)]
struct Summary<'a> {
    closed: u64,
    cut: u64,
    half_closed: u64,
    half_open: u64,
    midstream: u64,
    open: u64,
    refused: u64,
    reset_by_client: u64,
    reset_by_server: u64,
    summary: &'a str,
    timeout: u64,
    unreachable: u64,
}

impl Sink {
    fn report(&mut self, c: &Conn, end: u64) {
        let o = diagnose::outcome(c, end);
        if let Some(n) = self.outcomes.get_mut(o.index()) {
            *n += 1;
        }
        states::add(&mut self.final_states, c.ep[0].state, c.ep[1].state);
        let attempt = scan::attempt(c, o);
        // Past `scan::FOLD_AFTER` attempts to one target they are summed up
        // in its finding, not listed (memory and output stay bounded under
        // a SYN flood); --flood-detail lists them. The library's records
        // still get every connection.
        let summed = attempt && self.scans.attempt(c, o, !self.opts.flood_detail);
        self.scans.observe(c, o, summed);
        if summed && self.records.is_none() && c.trace.is_none() {
            return;
        }
        let (sentence, notable) = diagnose::sentence(c, o, end);
        if let Some(r) = self.records.as_mut() {
            r.push(json::Connection::new(c, o, &sentence, self.opts.nano));
        }
        if let Some(t) = c.trace.as_deref() {
            self.trace_left = self.trace_left.saturating_add(t.recorded() as u64);
            let record = json::Connection::new(c, o, &sentence, self.opts.nano);
            self.traced.push(trace::Traced::new(c, t, record, notable));
        }
        if summed || self.opts.records_only {
            return;
        }
        match self.opts.mode {
            Mode::Connections if self.opts.json => {
                let v = json::Connection::new(c, o, &sentence, self.opts.nano);
                json::line(&mut self.out, &v);
            }
            Mode::Connections => {
                // The outcome, unless the sentence already says it.
                let verdict = if sentence.starts_with(o.words()) {
                    String::new()
                } else {
                    format!("{}: ", o.key())
                };
                let _ = writeln!(
                    self.out,
                    "{} {} > {}: {:.6}s, c>s {} pkts {} bytes, s>c {} pkts {} bytes, \
                     client {}, server {}, {}{}",
                    json::rfc3339(c.start, self.opts.nano),
                    dotted(c.client.0, c.client.1),
                    dotted(c.server.0, c.server.1),
                    c.last.saturating_sub(c.start) as f64 / 1e9,
                    c.packets[0],
                    c.bytes[0],
                    c.packets[1],
                    c.bytes[1],
                    c.ep[0].state.name(),
                    c.ep[1].state.name(),
                    verdict,
                    sentence
                );
            }
            Mode::Diagnose if notable && self.opts.json => {
                let v = json::Connection::new(c, o, &sentence, self.opts.nano);
                json::line(&mut self.out, &v);
            }
            Mode::Diagnose if notable && self.opts.live => {
                let _ = writeln!(
                    self.out,
                    "{} > {}: {sentence}",
                    dotted(c.client.0, c.client.1),
                    dotted(c.server.0, c.server.1)
                );
            }
            Mode::Diagnose if notable => {
                let key = (c.client.0, c.server, sentence);
                match self.fold_index.get(&key) {
                    Some(&i) => {
                        if let Some(f) = self.folded.get_mut(i) {
                            f.count += 1;
                        }
                    }
                    None => {
                        if self.folded.len() >= FOLD_MAX {
                            let _ = write_folded(&self.folded, &self.scans, &mut self.out);
                            self.folded.clear();
                            self.fold_index.clear();
                        }
                        self.folded.push(Folded {
                            client: c.client.0,
                            server: c.server,
                            first: dotted(c.client.0, c.client.1),
                            sentence: key.2.clone(),
                            count: 1,
                            attempt,
                        });
                        self.fold_index.insert(key, self.folded.len() - 1);
                    }
                }
            }
            _ => {}
        }
    }
}

/// `--diagnose`'s folded lines, in order of first sight: those of a port
/// scan's connections, and of a SYN flood's attempts, left to the finding.
fn write_folded(folded: &[Folded], scans: &scan::Scans, w: &mut dyn Write) -> io::Result<()> {
    for f in folded
        .iter()
        .filter(|f| !scans.is_scan(f.client, f.server.0))
        .filter(|f| !(f.attempt && scans.is_flood(f.server)))
    {
        if f.count == 1 {
            writeln!(
                w,
                "{} > {}: {}",
                f.first,
                dotted(f.server.0, f.server.1),
                f.sentence
            )?;
        } else {
            writeln!(
                w,
                "{} > {}: {} ({} connections)",
                f.client,
                dotted(f.server.0, f.server.1),
                f.sentence,
                f.count
            )?;
        }
    }
    Ok(())
}

/// Distinct `--diagnose` lines folded at most at once: past it those so
/// far are written (as at the end, with what is known then) and folding
/// starts again, so that a flood of distinct failures (spoofed SYNs to
/// random hosts) holds 26 MB rather than 400 bytes per connection.
pub const FOLD_MAX: usize = 65_536;

/// Connections [`Analyzer::finish`] reports between two writes of its
/// output.
const FINISH_BATCH: usize = 4096;

impl Analyzer {
    pub fn new(opts: Options) -> Analyzer {
        let mut table = Table::default();
        // Every packet's analysis printed (`--json` alone) needs the full
        // connection from the first segment.
        // The pictures record a connection from its first segment.
        // Following a stream needs its every segment from the first.
        // The packets table (Packets without `--json`) needs every packet's
        // numbers: an embryo there gives those of each segment it takes,
        // replayed (`Table::embryo_numbers`), so a flood stays small.
        table.embryos = opts.compact_attempts
            && (opts.mode != Mode::Packets || !opts.json)
            && opts.trace == Trace::Off
            && opts.follow.is_none();
        table.embryo_numbers = opts.mode == Mode::Packets;
        table.max = opts.max_connections.max(1);
        Analyzer {
            table,
            sink: Sink {
                opts,
                out: Vec::with_capacity(1 << 12),
                outcomes: [0; 11],
                final_states: [[0; 11]; 2],
                scans: scan::Scans::default(),
                folded: Vec::new(),
                fold_index: FxMap::default(),
                records: None,
                traced: Vec::new(),
                trace_left: trace::BUDGET,
            },
            first: None,
            last: 0,
            last_sweep: 0,
            snapshot: None,
            follow: opts.follow.map(follow::Follower::new),
            frames: 0,
            in_steps: false,
        }
    }

    /// From now on, also keep every connection reported as a typed
    /// [`Connection`] (the record `--connections --json` writes), for
    /// [`Analyzer::take_connections`] and [`Analyzer::finish_connections`].
    pub fn keep_connections(&mut self) {
        self.sink.records.get_or_insert_with(Vec::new);
    }

    /// The connections reported since the last call (those that ended,
    /// or went idle, before the packets fed so far); empty unless
    /// [`Analyzer::keep_connections`] was called.
    pub fn take_connections(&mut self) -> Vec<Connection> {
        self.sink
            .records
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// End of input for a library caller: reports the connections still
    /// open and returns every connection not yet taken, in the order
    /// they were reported (the order `--connections` prints them).
    pub fn finish_connections(&mut self) -> Vec<Connection> {
        self.keep_connections();
        let end = self.last;
        let sink = &mut self.sink;
        self.table.drain(|c| sink.report(&c, end));
        self.sink.out.clear();
        self.take_connections()
    }

    /// The per-segment records of the connections reported since the last
    /// call (with `Options::trace`), in the order they were reported.
    pub fn take_traced(&mut self) -> Vec<trace::Traced> {
        std::mem::take(&mut self.sink.traced)
    }

    /// Connections currently in the table (for tests and the bench).
    pub fn open_connections(&self) -> usize {
        self.table.map.len()
    }

    fn ns(&self, pkt: &RawPacket<'_>) -> u64 {
        let units = if self.sink.opts.nano { 1 } else { 1000 };
        pkt.ts
            .sec
            .saturating_mul(1_000_000_000)
            .saturating_add(pkt.ts.frac.saturating_mul(units))
    }

    /// The states every connection is in now (reported ones: their last).
    fn tally_now(&self) -> states::Tally {
        let mut t = self.sink.final_states;
        for (k, e) in self.table.map.iter().filter(|(_, e)| !e.reported()) {
            let c = e.clone().into_conn(k);
            states::add(&mut t, c.ep[0].state, c.ep[1].state);
        }
        t
    }

    /// Feeds one packet (already kept by the filter). Returns what the
    /// analysis knows of it when it is a TCP segment of a known connection
    /// (always so in [`Mode::Packets`], where no attempt is kept small).
    pub fn packet(&mut self, pkt: &RawPacket<'_>) -> Option<PacketFacts> {
        let mut decoded = crate::decode::Decoded::default();
        decoded.decode(pkt.link, pkt.data, pkt.wire_len as usize);
        self.decoded(pkt, &decoded)
    }

    /// [`Analyzer::packet`] with the packet's layers already decoded (by
    /// `Decoded::decode` on the same packet): the packets table decodes
    /// once and reads the same layers for its row.
    pub fn decoded(
        &mut self,
        pkt: &RawPacket<'_>,
        decoded: &crate::decode::Decoded<'_>,
    ) -> Option<PacketFacts> {
        let now = self.ns(pkt);
        self.frames += 1;
        let first = *self.first.get_or_insert(now);
        if self.snapshot.is_none()
            && let Some(at) = self.sink.opts.at
        {
            let at = match at {
                At::Abs(t) => t,
                At::Rel(r) => first.saturating_add(r),
                At::Clock(c) => local_midnight(first).saturating_add(c),
            };
            if now > at {
                self.snapshot = Some(self.tally_now());
            }
        }
        self.last = self.last.max(now);
        if now >= self.last_sweep.saturating_add(1_000_000_000) {
            self.last_sweep = now;
            let sink = &mut self.sink;
            // Reported at the sweep: the connection was seen to last (idle
            // or over) until now.
            self.table.sweep(now, |c| sink.report(&c, now));
        }
        match segment::input(decoded, now) {
            Input::Tcp(s) => {
                let (c, old) = match self.table.lookup(&s) {
                    Found::Conn(c, old) => (c, old),
                    Found::Held(id, stream, n) => {
                        self.evict();
                        return n.map(|n| PacketFacts {
                            conn_id: id.saturating_sub(1),
                            stream,
                            rel_seq: n.rel_seq,
                            rel_ack: n.rel_ack,
                            analysis: n.analysis,
                        });
                    }
                };
                let n = c.numbered(&s);
                let analysis = n.analysis;
                if let Some(f) = self.follow.as_mut()
                    && c.stream == f.stream()
                {
                    f.segment(&s, (n.rel_seq, n.rel_ack), self.frames, &mut self.sink.out);
                }
                let traced = match self.sink.opts.trace {
                    Trace::Off => false,
                    Trace::Stream(n) => c.stream == n,
                    Trace::All => true,
                };
                if traced {
                    let win = c.window_bytes(&s, c.side(&s));
                    let t = c.trace.get_or_insert_with(Box::default);
                    if self.sink.trace_left > 0 {
                        self.sink.trace_left -= 1;
                        t.push(&s, analysis, win);
                    } else {
                        t.dropped += 1;
                    }
                }
                let over = c.over_at();
                // Capturing live, a connection is reported as soon as it has
                // ended (a user watches); from a file, when it is over (late
                // segments counted, `Conn::over_at`).
                if self.sink.opts.live && c.ended() && !c.reported {
                    c.reported = true;
                    let end = c.last;
                    self.sink.report(c, end);
                }
                let facts = PacketFacts {
                    conn_id: c.id.saturating_sub(1),
                    stream: c.stream,
                    rel_seq: n.rel_seq,
                    rel_ack: n.rel_ack,
                    analysis,
                };
                if self.sink.opts.mode == Mode::Packets && self.sink.opts.json {
                    let rel = (n.rel_seq, n.rel_ack);
                    let v = json::Packet::new(self.sink.opts.nano, &s, Some(rel), analysis)
                        .in_stream(c.stream);
                    json::line(&mut self.sink.out, &v);
                }
                if let Some(o) = old.filter(|o| !o.reported) {
                    self.sink.report(&o, o.last);
                }
                if let Some(t) = over {
                    self.table.due(t);
                }
                self.evict();
                Some(facts)
            }
            Input::Unreach(u) => {
                if u.header {
                    self.table.quoted(u.src, u.sport, u.dst, u.dport, now);
                }
                if let Some(code) = u.code
                    && let Some(c) = self.table.find(u.src, u.sport, u.dst, u.dport)
                    && c.client == (u.src, u.sport)
                    && c.synack_count == 0
                    && !c.reported
                {
                    c.icmp = Some((u.v6, code));
                    // The client's connect() fails: its socket is gone.
                    c.ep[0].state = endpoint::State::Closed;
                    c.last = now;
                    let over = c.over_at();
                    if self.sink.opts.live {
                        c.reported = true;
                        self.sink.report(c, now);
                    }
                    if let Some(t) = over {
                        self.table.due(t);
                    }
                }
                self.packet_json_other(pkt, now);
                None
            }
            Input::Other => {
                self.packet_json_other(pkt, now);
                None
            }
        }
    }

    /// Keeps the table within `--max-connections` (reporting the oldest
    /// entries now, as of now).
    fn evict(&mut self) {
        self.table.presize();
        if self.table.map.len() > self.table.max {
            let sink = &mut self.sink;
            let now = self.last;
            self.table.evict(!self.in_steps, |c| sink.report(&c, now));
        }
    }

    /// From now on, the connections the table's limit pushes out are
    /// reported by [`Analyzer::report_some`], a batch at a time, not all at
    /// once by the packet that pushed them (a quarter of the limit, each a
    /// typed [`Connection`] for the caller: hundreds of megabytes). The
    /// caller calls it after every packet, until it returns false.
    pub fn report_in_steps(&mut self) {
        self.in_steps = true;
    }

    /// Whether connections the limit pushed out wait for
    /// [`Analyzer::report_some`].
    pub fn reports_pending(&self) -> bool {
        self.table.reports_pending()
    }

    /// Reports the next `n` (at most) connections the limit pushed out;
    /// true while some are left.
    pub fn report_some(&mut self, n: usize) -> bool {
        let sink = &mut self.sink;
        let now = self.last;
        self.table.report_pending(n, &mut |c| sink.report(&c, now))
    }

    fn packet_json_other(&mut self, pkt: &RawPacket<'_>, now: u64) {
        if self.sink.opts.mode == Mode::Packets && self.sink.opts.json {
            let v = json::OtherPacket {
                len: pkt.wire_len,
                tcp: false,
                ts: json::rfc3339(now, self.sink.opts.nano),
            };
            json::line(&mut self.sink.out, &v);
        }
    }

    /// Writes what is pending (reports made by the packets so far).
    pub fn take(&mut self, w: &mut dyn Write) -> io::Result<()> {
        if self.sink.out.is_empty() {
            return Ok(());
        }
        let r = w.write_all(&self.sink.out);
        self.sink.out.clear();
        r
    }

    /// End of input (or Ctrl-C): reports the connections still open, the
    /// findings and the summary (on `err` where stdout must hold only JSON
    /// connection objects).
    /// The end of input in steps, for a caller that takes the records as
    /// they come ([`Analyzer::take_connections`]): reports the next `n` of
    /// the connections still open, in the order [`Analyzer::finish`] reports
    /// them; true while some are left (`finish` reports the rest). A capture
    /// that ends with a million connections open (a SYN flood) is then not
    /// a million records held at once.
    pub fn drain_some(&mut self, n: usize) -> bool {
        let end = self.last;
        let sink = &mut self.sink;
        self.table.drain_some(n, |c| sink.report(&c, end))
    }

    pub fn finish(&mut self, w: &mut dyn Write, err: &mut dyn Write) -> io::Result<()> {
        let end = self.last;
        // A batch at a time, written out between: the lines of half a
        // million connections open at the end were 134 MB at once.
        loop {
            let sink = &mut self.sink;
            let more = self
                .table
                .drain_some(FINISH_BATCH, |c| sink.report(&c, end));
            self.take(w)?;
            if !more {
                break;
            }
        }
        if let Some(f) = self.follow.as_mut()
            && let Some(note) = f.finish(&mut self.sink.out)
        {
            let _ = writeln!(err, "tcpscope: {note}");
        }
        self.take(w)?;
        let s = &self.sink;
        let summary = self.summary();
        match (s.opts.mode, s.opts.json || s.opts.records_only) {
            (Mode::Connections, false) => {
                for f in s.scans.floods() {
                    writeln!(w, "{f}")?;
                }
                writeln!(w, "{summary}")?;
            }
            (Mode::Connections, true) => {
                for f in s.scans.floods() {
                    let _ = writeln!(err, "{f}");
                }
                let _ = writeln!(err, "{summary}");
            }
            (Mode::Diagnose, json) => {
                write_folded(&s.folded, &s.scans, w)?;
                let mut buf = Vec::new();
                for finding in s.scans.findings() {
                    if json {
                        json::line(&mut buf, &json::Finding { finding: &finding });
                    } else {
                        writeln!(buf, "{finding}")?;
                    }
                }
                w.write_all(&buf)?;
                if json {
                    let n = |o: Outcome| s.outcomes[o.index()];
                    let v = Summary {
                        closed: n(Outcome::Closed),
                        cut: n(Outcome::Cut),
                        half_closed: n(Outcome::HalfClosed),
                        half_open: n(Outcome::HalfOpen),
                        midstream: n(Outcome::Midstream),
                        open: n(Outcome::Open),
                        refused: n(Outcome::Refused),
                        reset_by_client: n(Outcome::ResetByClient),
                        reset_by_server: n(Outcome::ResetByServer),
                        summary: &summary,
                        timeout: n(Outcome::Timeout),
                        unreachable: n(Outcome::Unreachable),
                    };
                    let mut buf = Vec::new();
                    json::line(&mut buf, &v);
                    w.write_all(&buf)?;
                } else {
                    writeln!(w, "{summary}")?;
                }
            }
            (Mode::States, json) => {
                let (t, at) = match (s.opts.at, self.snapshot) {
                    (Some(_), Some(t)) => (t, true),
                    _ => (s.final_states, s.opts.at.is_some()),
                };
                if json {
                    let mut buf = Vec::new();
                    json::line(&mut buf, &json::States::new(&t));
                    w.write_all(&buf)?;
                } else {
                    let label = at.then_some("the requested time");
                    w.write_all(states::text(&t, label).as_bytes())?;
                }
            }
            (Mode::Packets | Mode::Silent, _) => {}
        }
        w.flush()
    }

    /// How many connections were reported so far.
    pub fn reported(&self) -> u64 {
        self.sink.outcomes.iter().sum()
    }

    /// Wireshark's streams (`tcp.stream`) so far: fewer than the
    /// connections when one continues another's conversation.
    pub fn streams(&self) -> u64 {
        self.table.streams()
    }

    /// The summary line (`--diagnose`'s last line) of what was reported.
    pub fn summary(&self) -> String {
        let mut summary = diagnose::summary(&self.sink.outcomes);
        if self.table.evicted > 0 {
            let _ = write!(
                summary,
                "; {} reported before their end (more than {} connections at once: --max-connections)",
                self.table.evicted, self.table.max
            );
        }
        summary
    }

    /// After [`Analyzer::finish`]: the summary line, the final states'
    /// table (`--states`' text) and the findings (scans, floods), for a
    /// report.
    pub fn overview(&self) -> Overview {
        let s = &self.sink;
        let mut findings = s.scans.floods();
        findings.extend(s.scans.findings());
        Overview {
            summary: self.summary(),
            states: states::text(&s.final_states, None),
            findings,
        }
    }
}

/// What a report says about the whole capture ([`Analyzer::overview`]).
#[derive(Clone, Debug)]
pub struct Overview {
    pub summary: String,
    pub states: String,
    pub findings: Vec<String>,
}

/// Local midnight (TZ, as tcpdump prints times) of the day `ns` (since the
/// epoch) falls on, in nanoseconds since the epoch: `--at HH:MM:SS` is a time
/// on the capture's first day.
fn local_midnight(ns: u64) -> u64 {
    use chrono::TimeZone;
    let secs = i64::try_from(ns / 1_000_000_000).unwrap_or(i64::MAX);
    let Some(t) = chrono::Local.timestamp_opt(secs, 0).earliest() else {
        return 0;
    };
    t.date_naive()
        .and_hms_opt(0, 0, 0)
        .and_then(|m| chrono::Local.from_local_datetime(&m).earliest())
        .and_then(|m| u64::try_from(m.timestamp()).ok())
        .map_or(0, |s| s.saturating_mul(1_000_000_000))
}
