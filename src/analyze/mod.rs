//! The analyze stage: TCP connections, both ends' RFC 9293 states and what
//! went wrong, from the packets the filter kept (`--connections`,
//! `--diagnose`, `--states`, `--json`).
//!
//! [`Analyzer::packet`] takes each kept packet ([`wire`] decodes it through
//! `crate::decode` views), finds its connection in the [`conn`] table (keyed
//! by the 4-tuple; a new bare SYN on an ended 4-tuple is a new connection),
//! runs Wireshark's sequence analysis ([`seq`]) and both ends' state
//! machines ([`endpoint`]). A connection is reported when it ends (both ends
//! CLOSED/TIME_WAIT, or an ICMP error answered its SYN), when it has been idle
//! for [`conn::IDLE_NS`], or at [`Analyzer::finish`]; the report is one line
//! or JSON object ([`diagnose`], [`json`]). Findings over many connections
//! (port scans, SYN floods) come from [`scan`] at the end, with the summary
//! line. Output accumulates in one reused buffer that the caller drains with
//! [`Analyzer::take`]; the steady state allocates nothing per packet (the
//! table grows per connection; reports allocate per connection).

pub mod conn;
pub mod diagnose;
pub mod endpoint;
pub mod json;
pub mod scan;
pub mod seq;
pub mod states;
pub mod synth;
pub mod wire;

#[cfg(test)]
mod tests;

use std::io::{self, Write};

pub use crate::config::analyze::{At, Mode, Options};
use crate::packet::RawPacket;

use conn::{Conn, FxMap, Table};
use diagnose::Outcome;
use wire::{Addr, Wire};

/// A folded `--diagnose` line (file input).
struct Folded {
    client: Addr,
    server: (Addr, u16),
    first: String,
    sentence: String,
    count: u64,
}

/// Everything but the table: where reports go.
struct Sink {
    opts: Options,
    out: Vec<u8>,
    outcomes: [u64; 9],
    final_states: states::Tally,
    scans: scan::Scans,
    folded: Vec<Folded>,
    fold_index: FxMap<(Addr, (Addr, u16), String), usize>,
}

pub struct Analyzer {
    table: Table,
    sink: Sink,
    first: Option<u64>,
    last: u64,
    last_sweep: u64,
    snapshot: Option<states::Tally>,
}

/// tcpdump's `addr.port`.
fn dotted(a: Addr, port: u16) -> String {
    format!("{}.{port}", a.ip())
}

impl Sink {
    fn report(&mut self, c: &Conn, end: u64) {
        let o = diagnose::outcome(c);
        let (sentence, notable) = diagnose::sentence(c, o, end);
        if let Some(n) = self.outcomes.get_mut(o.index()) {
            *n += 1;
        }
        states::add(&mut self.final_states, c.ep[0].state, c.ep[1].state);
        self.scans.observe(c, o);
        match self.opts.mode {
            Mode::Connections if self.opts.json => {
                let v = json::connection(c, o, &sentence, self.opts.nano);
                let _ = writeln!(self.out, "{v}");
            }
            Mode::Connections => {
                let _ = writeln!(
                    self.out,
                    "{} {} > {}: {:.6}s, c>s {} pkts {} bytes, s>c {} pkts {} bytes, \
                     client {}, server {}, {}: {}",
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
                    o.key(),
                    sentence
                );
            }
            Mode::Diagnose if notable && self.opts.json => {
                let v = json::connection(c, o, &sentence, self.opts.nano);
                let _ = writeln!(self.out, "{v}");
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
                        self.folded.push(Folded {
                            client: c.client.0,
                            server: c.server,
                            first: dotted(c.client.0, c.client.1),
                            sentence: key.2.clone(),
                            count: 1,
                        });
                        self.fold_index.insert(key, self.folded.len() - 1);
                    }
                }
            }
            _ => {}
        }
    }
}

impl Analyzer {
    pub fn new(opts: Options) -> Analyzer {
        Analyzer {
            table: Table::default(),
            sink: Sink {
                opts,
                out: Vec::with_capacity(1 << 12),
                outcomes: [0; 9],
                final_states: [[0; 11]; 2],
                scans: scan::Scans::default(),
                folded: Vec::new(),
                fold_index: FxMap::default(),
            },
            first: None,
            last: 0,
            last_sweep: 0,
            snapshot: None,
        }
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
        for c in self.table.map.values().filter(|c| !c.reported) {
            states::add(&mut t, c.ep[0].state, c.ep[1].state);
        }
        t
    }

    /// Feeds one packet (already kept by the filter).
    pub fn packet(&mut self, pkt: &RawPacket<'_>) {
        let now = self.ns(pkt);
        let first = *self.first.get_or_insert(now);
        if self.snapshot.is_none()
            && let Some(at) = self.sink.opts.at
        {
            let at = match at {
                At::Abs(t) => t,
                At::Rel(r) => first.saturating_add(r),
            };
            if now > at {
                self.snapshot = Some(self.tally_now());
            }
        }
        self.last = self.last.max(now);
        if now >= self.last_sweep.saturating_add(1_000_000_000) {
            self.last_sweep = now;
            let sink = &mut self.sink;
            self.table.sweep(now, |c| sink.report(&c, c.last));
        }
        match wire::decode(pkt) {
            Wire::Tcp(s) => {
                let (c, old) = self.table.lookup(&s, now);
                let d = usize::from(!(s.src == c.client.0 && s.sport == c.client.1));
                let rel = c.dir[d].base.map(|b| {
                    let ack = c.dir[1 - d].base.map_or(s.ack, |a| s.ack.wrapping_sub(a));
                    (s.seq.wrapping_sub(b), ack)
                });
                c.segment(&s, now);
                if self.sink.opts.mode == Mode::Packets {
                    let rel = rel.or_else(|| {
                        let ack = c.dir[1 - d].base.map_or(0, |a| s.ack.wrapping_sub(a));
                        Some((0, ack))
                    });
                    let v = json::packet(now, self.sink.opts.nano, &s, rel);
                    let _ = writeln!(self.sink.out, "{v}");
                }
                if c.ended() && !c.reported {
                    c.reported = true;
                    let end = c.last;
                    self.sink.report(c, end);
                }
                if let Some(o) = old.filter(|o| !o.reported) {
                    self.sink.report(&o, o.last);
                }
            }
            Wire::Unreach(u) => {
                if let Some(c) = self.table.find(u.src, u.sport, u.dst, u.dport)
                    && c.client == (u.src, u.sport)
                    && c.synack_count == 0
                    && !c.reported
                {
                    c.icmp = Some((u.v6, u.code));
                    // The client's connect() fails: its socket is gone.
                    c.ep[0].state = endpoint::State::Closed;
                    c.last = now;
                    c.reported = true;
                    self.sink.report(c, now);
                }
                self.packet_json_other(pkt, now);
            }
            Wire::Other => self.packet_json_other(pkt, now),
        }
    }

    fn packet_json_other(&mut self, pkt: &RawPacket<'_>, now: u64) {
        if self.sink.opts.mode == Mode::Packets {
            let v = serde_json::json!({
                "ts": json::rfc3339(now, self.sink.opts.nano),
                "tcp": false,
                "len": pkt.wire_len,
            });
            let _ = writeln!(self.sink.out, "{v}");
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
    pub fn finish(&mut self, w: &mut dyn Write, err: &mut dyn Write) -> io::Result<()> {
        let end = self.last;
        for c in self.table.drain() {
            self.sink.report(&c, end);
        }
        self.take(w)?;
        let s = &self.sink;
        let summary = diagnose::summary(&s.outcomes);
        match (s.opts.mode, s.opts.json) {
            (Mode::Connections, false) => writeln!(w, "{summary}")?,
            (Mode::Connections, true) => {
                let _ = writeln!(err, "{summary}");
            }
            (Mode::Diagnose, json) => {
                for f in s
                    .folded
                    .iter()
                    .filter(|f| !s.scans.is_scan(f.client, f.server.0))
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
                            f.client.ip(),
                            dotted(f.server.0, f.server.1),
                            f.sentence,
                            f.count
                        )?;
                    }
                }
                for finding in s.scans.findings() {
                    if json {
                        writeln!(w, "{}", serde_json::json!({ "finding": finding }))?;
                    } else {
                        writeln!(w, "{finding}")?;
                    }
                }
                if json {
                    let mut m = serde_json::Map::new();
                    m.insert("summary".into(), summary.clone().into());
                    for o in Outcome::ALL {
                        m.insert(o.key().into(), s.outcomes[o.index()].into());
                    }
                    writeln!(w, "{}", serde_json::Value::Object(m))?;
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
                    writeln!(w, "{}", json::states(&t))?;
                } else {
                    let label = at.then_some("the requested time");
                    w.write_all(states::text(&t, label).as_bytes())?;
                }
            }
            (Mode::Packets, _) => {}
        }
        w.flush()
    }
}
