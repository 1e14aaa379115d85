//! A connection's outcome and its one plain sentence, and the summary line.
//!
//! A verdict of failure needs evidence inside the capture. Outcomes (first
//! match wins): `unreachable` (an ICMP/ICMPv6 destination unreachable
//! quoted the client's SYN), `reset_by_client` / `reset_by_server` (whoever
//! sent the first RST the receiver would accept), `refused` (the server's
//! RST before any SYN-ACK), `timeout` (SYNs without answer for at least
//! [`EVIDENCE_NS`] after the first), `half_open` (a SYN-ACK never
//! acknowledged for as long), `cut` (the capture ended, or the connection
//! went idle, before a handshake could be judged: no verdict), `closed`
//! (FIN both ways), `half_closed` (FIN one way), `midstream` (already open
//! when the capture started, and nothing ended it), `open` (still open when
//! the capture ended).
//!
//! Sentences, most important first (one per connection): ICMP, refused,
//! timed out (SYN count and span), half-open, unfinished handshake, reset
//! (bytes so far, whether the peer still had unacknowledged data),
//! CLOSE_WAIT of at least [`CLOSE_WAIT_NS`], zero window, reordering
//! (D-SACKs at least half the data retransmissions, or out-of-order without
//! retransmissions), loss (data retransmissions; "without timeout" when all
//! were fast retransmissions), segments missing from the capture only,
//! keep-alives; RSTs the receiver would ignore (outside its window, RFC 5961)
//! are named too.

use std::fmt::Write as _;

use super::conn::Conn;
use super::endpoint::State;
use super::segment::{Side, unreach_name};

/// A side that stays in CLOSE_WAIT this long is worth a sentence.
pub const CLOSE_WAIT_NS: u64 = 1_000_000_000;

/// How long a handshake must have gone unanswered, in the capture, for a
/// verdict: a client retries a SYN after 1 s (Linux, macOS) to 3 s
/// (Windows), a server its SYN-ACK after 1 s; no answer within 3 s of the
/// first is a timeout, not a capture that merely ended.
pub const EVIDENCE_NS: u64 = 3_000_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Closed,
    Open,
    HalfClosed,
    Refused,
    Timeout,
    HalfOpen,
    Cut,
    Unreachable,
    ResetByClient,
    ResetByServer,
    Midstream,
}

impl Outcome {
    pub const ALL: [Outcome; 11] = [
        Outcome::Closed,
        Outcome::Open,
        Outcome::HalfClosed,
        Outcome::Refused,
        Outcome::Timeout,
        Outcome::HalfOpen,
        Outcome::Cut,
        Outcome::Unreachable,
        Outcome::ResetByClient,
        Outcome::ResetByServer,
        Outcome::Midstream,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Closed => "closed",
            Outcome::Open => "open",
            Outcome::HalfClosed => "half_closed",
            Outcome::Refused => "refused",
            Outcome::Timeout => "timeout",
            Outcome::HalfOpen => "half_open",
            Outcome::Cut => "cut",
            Outcome::Unreachable => "unreachable",
            Outcome::ResetByClient => "reset_by_client",
            Outcome::ResetByServer => "reset_by_server",
            Outcome::Midstream => "midstream",
        }
    }
    /// The words of the summary line.
    pub fn words(self) -> &'static str {
        match self {
            Outcome::Closed => "closed normally",
            Outcome::Open => "still open",
            Outcome::HalfClosed => "half-closed",
            Outcome::Refused => "refused",
            Outcome::Timeout => "timed out",
            Outcome::HalfOpen => "half-open",
            Outcome::Cut => "cut short by the capture",
            Outcome::Unreachable => "unreachable",
            Outcome::ResetByClient => "reset by client",
            Outcome::ResetByServer => "reset by server",
            Outcome::Midstream => "already open",
        }
    }
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The outcome of a connection reported at `horizon`: the end of the
/// capture, or the time it was found idle (how long its last state was
/// seen to last).
pub fn outcome(c: &Conn, horizon: u64) -> Outcome {
    if c.icmp.is_some() {
        return Outcome::Unreachable;
    }
    if let Some(d) = c.rst_by {
        return if d == Side::Server && c.synack_count == 0 && !c.midstream {
            Outcome::Refused
        } else if d == Side::Client {
            Outcome::ResetByClient
        } else {
            Outcome::ResetByServer
        };
    }
    let fins = (c.ep[0].fin_seq.is_some(), c.ep[1].fin_seq.is_some());
    if c.midstream {
        return match fins {
            (true, true) => Outcome::Closed,
            (false, false) => Outcome::Midstream,
            _ => Outcome::HalfClosed,
        };
    }
    if c.synack_count == 0 {
        let first = c.syn_times[0];
        return if c.syn_count > 0 && horizon.saturating_sub(first) >= EVIDENCE_NS {
            Outcome::Timeout
        } else {
            Outcome::Cut
        };
    }
    if c.ep[1].state == State::SynReceived {
        let first = c.first_synack_at.unwrap_or(c.last);
        return if horizon.saturating_sub(first) >= EVIDENCE_NS {
            Outcome::HalfOpen
        } else {
            Outcome::Cut
        };
    }
    match fins {
        (true, true) => Outcome::Closed,
        (false, false) => Outcome::Open,
        _ => Outcome::HalfClosed,
    }
}

/// "1 segment", "3 segments".
fn count(n: u64, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// A duration for a sentence: milliseconds below a second.
fn span(ns: u64) -> String {
    if ns < 1_000_000_000 {
        format!("{} ms", ns / 1_000_000)
    } else {
        format!("{:.1} s", secs(ns))
    }
}

fn secs(ns: u64) -> f64 {
    ns as f64 / 1e9
}

/// The sentence for a connection and whether it is worth a `--diagnose`
/// line. `end`: the time the report is made (for open-ended durations).
pub fn sentence(c: &Conn, o: Outcome, end: u64) -> (String, bool) {
    let (mut s, notable) = verdict(c, o, end);
    if c.ignored_rsts > 0 {
        let _ = write!(
            s,
            "; {} the receiver would ignore (sequence outside its window or SYN not \
             acknowledged, RFC 9293/5961: blind or injected?)",
            count(u64::from(c.ignored_rsts), "RST")
        );
        return (s, true);
    }
    (s, notable)
}

fn verdict(c: &Conn, o: Outcome, end: u64) -> (String, bool) {
    let mut s = String::new();
    let k = &c.counts;
    let data_retrans = k.retransmissions.saturating_sub(k.syn_retransmissions);
    match o {
        Outcome::Unreachable => {
            let (v6, code) = c.icmp.unwrap_or((false, 0));
            let (name, admin) = unreach_name(v6, code);
            let word = if admin { "blocked" } else { "unreachable" };
            let icmp = if v6 { "ICMPv6" } else { "ICMP" };
            let _ = write!(s, "{word}: SYN answered by {icmp} {name}");
            return (s, true);
        }
        Outcome::Refused => return ("refused: SYN answered by RST".into(), true),
        Outcome::Timeout => {
            let n = c.syn_count;
            let first = c.syn_times[0];
            if n <= 1 {
                let _ = write!(
                    s,
                    "timed out: 1 SYN, no answer in the {} the capture showed after it",
                    span(end.saturating_sub(first))
                );
                return (s, true);
            }
            let over = c.last_syn_at.saturating_sub(first);
            let _ = write!(s, "timed out: {n} SYNs over {}, no answer", span(over));
            return (s, true);
        }
        Outcome::Cut if c.synack_count == 0 => {
            let after = end.saturating_sub(c.last_syn_at);
            let _ = write!(
                s,
                "unfinished handshake: {}, no answer within the {} the capture lasted after {}",
                count(u64::from(c.syn_count), "SYN"),
                span(after),
                if c.syn_count > 1 { "the last" } else { "it" }
            );
            return (s, false);
        }
        Outcome::Cut => {
            let after = end.saturating_sub(c.first_synack_at.unwrap_or(c.last));
            let _ = write!(
                s,
                "unfinished handshake: the SYN-ACK not acknowledged within the {} the capture \
                 lasted after it",
                span(after)
            );
            return (s, false);
        }
        Outcome::HalfOpen => {
            let n = c.synack_count;
            let times = if n == 1 { "once" } else { "times" };
            let count = if n == 1 {
                String::new()
            } else {
                format!("{n} ")
            };
            let _ = write!(
                s,
                "half-open: SYN-ACK sent {count}{times}, never acknowledged \
                 (the client vanished or its ACK was lost)"
            );
            return (s, true);
        }
        Outcome::ResetByClient | Outcome::ResetByServer => {
            let d = if o == Outcome::ResetByServer {
                Side::Server
            } else {
                Side::Client
            };
            let _ = write!(s, "reset by {} after {} bytes", d.name(), c.bytes_at_rst);
            if c.peer_sending_at_rst {
                let _ = write!(s, " while the {} was still sending", d.other().name());
            }
            return (s, true);
        }
        _ => {}
    }
    // CLOSE_WAIT: FIN received, own FIN late or never.
    for d in [Side::Client, Side::Server] {
        let e = &c.ep[d];
        if let Some(t) = e.fin_received_at {
            let until = e.fin_sent_at.unwrap_or(end);
            let wait = until.saturating_sub(t);
            if wait >= CLOSE_WAIT_NS {
                let _ = write!(
                    s,
                    "CLOSE_WAIT for {:.1} s: the {} did not close after the {}'s FIN",
                    secs(wait),
                    d.name(),
                    d.other().name()
                );
                return (s, true);
            }
        }
    }
    if k.zero_windows > 0 {
        let zero: u64 = c
            .dir
            .iter()
            .map(|d| d.zero_ns + d.zero_since.map_or(0, |t| end.saturating_sub(t)))
            .sum();
        let _ = write!(
            s,
            "receiver window 0 for {:.1} s: the receiving application stopped reading",
            secs(zero)
        );
        return (s, true);
    }
    if k.dsacks > 0 && k.dsacks * 2 >= data_retrans {
        let _ = write!(s, "reordering, not loss: {}", count(k.dsacks, "D-SACK"));
        return (s, true);
    }
    if k.out_of_order > 0 && data_retrans == 0 {
        let _ = write!(
            s,
            "reordering, not loss: {} out of order",
            count(k.out_of_order, "segment")
        );
        return (s, true);
    }
    if data_retrans > 0 {
        let segs: u64 = c.dir.iter().map(|d| d.data_segments).sum();
        let pct = 100.0 * data_retrans as f64 / segs.max(1) as f64;
        let timeouts =
            data_retrans.saturating_sub(k.fast_retransmissions + k.spurious_retransmissions);
        let _ = write!(
            s,
            "lossy path: {} retransmitted ({pct:.1}%), ",
            count(data_retrans, "segment")
        );
        if timeouts == 0 {
            s.push_str("recovered without timeout");
        } else {
            let _ = write!(s, "{timeouts} after a timeout");
        }
        return (s, true);
    }
    if k.lost_segments > 0 {
        let _ = write!(
            s,
            "{} missing from the capture (dropped by the capture, not the network)",
            count(k.lost_segments, "segment")
        );
        return (s, true);
    }
    if k.keepalives > 0 {
        if k.keepalive_acks > 0 {
            let _ = write!(
                s,
                "idle but alive: {} answered",
                count(k.keepalive_acks, "keepalive")
            );
        } else {
            let _ = write!(
                s,
                "keepalives unanswered: {}, no reply",
                count(k.keepalives, "keepalive")
            );
        }
        return (s, true);
    }
    let plain = match o {
        Outcome::Closed => "closed normally",
        Outcome::Open => "still open when the capture ended",
        Outcome::Midstream => "already open when the capture started",
        _ => {
            let d = if c.ep[1].fin_seq.is_some() && c.ep[0].fin_seq.is_none() {
                Side::Server
            } else {
                Side::Client
            };
            let _ = write!(
                s,
                "half-closed: the {} sent FIN, the {} had not",
                d.name(),
                d.other().name()
            );
            return (s, false);
        }
    };
    (plain.into(), false)
}

/// "200 connections: 196 closed normally, 3 refused, 1 timed out".
pub fn summary(counts: &[u64; 11]) -> String {
    let total: u64 = counts.iter().sum();
    let mut s = format!("{total} connection{}", if total == 1 { "" } else { "s" });
    let mut first = true;
    for o in Outcome::ALL {
        let n = counts.get(o.index()).copied().unwrap_or(0);
        if n > 0 {
            s.push_str(if first { ": " } else { ", " });
            first = false;
            let _ = write!(s, "{n} {}", o.words());
        }
    }
    s
}
