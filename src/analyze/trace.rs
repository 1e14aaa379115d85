//! The per-segment record of a connection, kept only when pictures are asked
//! for ([`crate::config::analyze::Trace`]): every segment's time, sequence
//! and acknowledgement numbers, length, window (scaled as its receiver
//! scales it), TCP flags, SACK blocks, and the flags the sequence analysis
//! (`seq::analyze`) gave it. The pictures draw from this record, so a
//! retransmission in the picture is exactly what the analyzer counted as
//! one; nothing here re-derives a classification.
//!
//! Memory is bounded: all the records held at once share one budget of
//! segments ([`BUDGET`]); past it a connection's later segments are not kept
//! (counted in [`Trace::dropped`], and the picture says so). A record leaves
//! the analyzer, as a [`Traced`], when its connection is reported, and its
//! segments go back to the budget.

use std::net::IpAddr;

use crate::decode::TcpFlags;

use super::conn::{Conn, Key};
use super::segment::Segment;

pub use super::seq::flag;

/// Segments held in all records at once, at most (~28 bytes each: 16 M
/// segments are about 450 MB).
pub const BUDGET: u64 = 16_000_000;

/// One segment as recorded (sender as the connection's 4-tuple order).
#[derive(Clone, Copy, Debug)]
struct Rec {
    ts: u64,
    seq: u32,
    ack: u32,
    len: u32,
    win: u32,
    analysis: u16,
    tcp_flags: u8,
    /// Sent by the lower end of the 4-tuple ([`Key`]).
    from_lo: bool,
}

/// A connection's record so far.
#[derive(Clone, Debug, Default)]
pub struct Trace {
    recs: Vec<Rec>,
    /// SACK blocks: (index of the segment, left, right).
    sacks: Vec<(u32, u32, u32)>,
    /// Segments not kept (past the budget).
    pub dropped: u64,
}

impl Trace {
    /// Segments recorded.
    pub fn recorded(&self) -> usize {
        self.recs.len()
    }

    /// Records segment `s` with its analysis flags and its window in bytes.
    pub fn push(&mut self, s: &Segment<'_>, analysis: u16, win: u32) {
        let lo = Key::new(s.src, s.sport, s.dst, s.dport).lo();
        let (blocks, n) = s.sack_blocks();
        let i = u32::try_from(self.recs.len()).unwrap_or(u32::MAX);
        for &(l, r) in blocks.iter().take(n) {
            self.sacks.push((i, l, r));
        }
        self.recs.push(Rec {
            ts: s.ts,
            seq: s.seq,
            ack: s.ack,
            len: s.len,
            win,
            analysis,
            tcp_flags: s.flags.bits(),
            from_lo: (s.src, s.sport) == lo,
        });
    }
}

/// One segment of a finished record, from the client's or the server's side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seg {
    /// Capture time, ns since the epoch.
    pub ts: u64,
    pub from_client: bool,
    pub seq: u32,
    pub ack: u32,
    /// Payload bytes (on the wire).
    pub len: u32,
    /// The advertised window in bytes (scaled when both SYNs offered it).
    pub win: u32,
    /// [`flag`] bits from the sequence analysis.
    pub analysis: u16,
    pub flags: TcpFlags,
}

/// A reported connection's record, with what the pictures print about it.
#[derive(Clone, Debug)]
pub struct Traced {
    /// Wireshark's `tcp.stream` numbering (from 0).
    pub stream: u64,
    pub client: (IpAddr, u16),
    pub server: (IpAddr, u16),
    /// First and last segment (ns since the epoch).
    pub start: u64,
    pub end: u64,
    pub segs: Vec<Seg>,
    /// SACK blocks: (index into `segs`, left, right), raw numbers.
    pub sacks: Vec<(u32, u32, u32)>,
    /// Segments not recorded (the budget ran out).
    pub dropped: u64,
    /// The `--connections --json` record (its diagnosis, counts).
    pub record: super::Connection,
    /// Whether `--diagnose` has something to say about it (not clean).
    pub notable: bool,
}

impl Traced {
    pub(super) fn new(c: &Conn, t: &Trace, record: super::Connection, notable: bool) -> Traced {
        let client_is_lo =
            Key::new(c.client.0, c.client.1, c.server.0, c.server.1).lo() == c.client;
        let segs = t
            .recs
            .iter()
            .map(|r| Seg {
                ts: r.ts,
                from_client: r.from_lo == client_is_lo,
                seq: r.seq,
                ack: r.ack,
                len: r.len,
                win: r.win,
                analysis: r.analysis,
                flags: TcpFlags(r.tcp_flags),
            })
            .collect();
        Traced {
            stream: c.stream,
            client: c.client,
            server: c.server,
            start: c.start,
            end: c.last,
            segs,
            sacks: t.sacks.clone(),
            dropped: t.dropped,
            record,
            notable,
        }
    }
}
