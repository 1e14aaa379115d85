//! The connection table: connections keyed by their 4-tuple (IPv4 or IPv6,
//! the two ends in a canonical order so both directions find the same entry),
//! with rustc's FxHash (the key is fixed-size and not attacker-chosen in a
//! way that matters for an offline analyzer; SipHash costs ~3× more per
//! packet).
//!
//! A connection is *ended* when both ends are CLOSED or TIME_WAIT; it is then
//! reported, and its entry lingers for [`LINGER_NS`] of capture time so that
//! late retransmissions and the bare RSTs answering in-flight data still count
//! towards it, then is freed. A new SYN (not a retransmission of the first)
//! on an ended 4-tuple starts a new connection (port reuse). An entry with no
//! packet for [`IDLE_NS`] of capture time is reported in its current states and
//! freed. Memory is thus bounded by the connections active in the last
//! [`IDLE_NS`], not by the number of packets.

use std::collections::hash_map::Entry;
use std::net::IpAddr;

use rustc_hash::FxHashMap;

use crate::decode::TcpFlags;

use super::endpoint::{Endpoint, History, State, ZeekState};
use super::segment::{Segment, Side};
use super::seq::{self, Counts, Dir};

/// How long an ended connection's entry is kept (capture time).
pub const LINGER_NS: u64 = 5_000_000_000;
/// A connection silent this long is reported and dropped (capture time).
pub const IDLE_NS: u64 = 300_000_000_000;
/// SYN times remembered per connection (for the back-off).
pub const SYN_TIMES: usize = 8;

/// A 4-tuple in canonical order (lower address/port first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    lo: (IpAddr, u16),
    hi: (IpAddr, u16),
}

impl Key {
    pub fn new(a: IpAddr, pa: u16, b: IpAddr, pb: u16) -> Key {
        if (a, pa) <= (b, pb) {
            Key {
                lo: (a, pa),
                hi: (b, pb),
            }
        } else {
            Key {
                lo: (b, pb),
                hi: (a, pa),
            }
        }
    }
}

pub type FxMap<K, V> = FxHashMap<K, V>;

/// One connection: direction 0 is client → server.
#[derive(Clone, Debug)]
pub struct Conn {
    pub id: u64,
    pub client: (IpAddr, u16),
    pub server: (IpAddr, u16),
    pub start: u64,
    pub last: u64,
    pub midstream: bool,
    pub ep: [Endpoint; 2],
    pub dir: [Dir; 2],
    pub packets: [u64; 2],
    pub bytes: [u64; 2],
    pub counts: Counts,
    pub history: History,
    /// SYNs (without ACK) the client sent, and the first few times.
    pub syn_count: u32,
    pub syn_times: [u64; SYN_TIMES],
    pub synack_count: u32,
    pub first_synack_at: Option<u64>,
    /// Handshake RTT: first SYN to the ACK of the SYN-ACK (Wireshark's
    /// `tcp.analysis.initial_rtt`).
    pub rtt_ns: Option<u64>,
    /// Who sent the first RST, and the RSTs sent.
    pub rst_by: Option<Side>,
    pub rsts: u32,
    /// Bytes both ways when the first RST was sent, and whether the other
    /// side had unacknowledged data in flight then.
    pub bytes_at_rst: u64,
    pub peer_sending_at_rst: bool,
    /// When each direction last carried payload (capture time).
    pub last_data: [u64; 2],
    /// ICMP unreachable answering the SYN: (v6, code).
    pub icmp: Option<(bool, u8)>,
    /// Both ends CLOSED/TIME_WAIT (or refused/unreachable): reported.
    pub reported: bool,
}

impl Conn {
    fn new(id: u64, s: &Segment<'_>) -> Conn {
        let now = s.ts;
        let bare_syn = s.flags.has(TcpFlags::SYN) && !s.flags.has(TcpFlags::ACK);
        let synack = s.flags.has(TcpFlags::SYN | TcpFlags::ACK);
        let (client, server, midstream) = if bare_syn {
            ((s.src, s.sport), (s.dst, s.dport), false)
        } else if synack {
            ((s.dst, s.dport), (s.src, s.sport), false)
        } else if guess_server(s.sport, s.dport) {
            ((s.dst, s.dport), (s.src, s.sport), true)
        } else {
            ((s.src, s.sport), (s.dst, s.dport), true)
        };
        let (c, sv) = if midstream {
            (State::Established, State::Established)
        } else {
            (State::Closed, State::Closed)
        };
        Conn {
            id,
            client,
            server,
            start: now,
            last: now,
            midstream,
            ep: [Endpoint::new(c), Endpoint::new(sv)],
            dir: [Dir::default(); 2],
            packets: [0; 2],
            bytes: [0; 2],
            counts: Counts::default(),
            history: History::default(),
            syn_count: 0,
            syn_times: [0; SYN_TIMES],
            synack_count: 0,
            first_synack_at: None,
            rtt_ns: None,
            rst_by: None,
            rsts: 0,
            bytes_at_rst: 0,
            peer_sending_at_rst: false,
            last_data: [0; 2],
            icmp: None,
            reported: false,
        }
    }

    /// Whether the connection has ended (nothing more expected).
    pub fn ended(&self) -> bool {
        self.icmp.is_some() || self.ep.iter().all(|e| e.state.finished())
    }

    /// Which side sent `s`.
    pub fn side(&self, s: &Segment<'_>) -> Side {
        if s.src == self.client.0 && s.sport == self.client.1 {
            Side::Client
        } else {
            Side::Server
        }
    }

    /// Feeds one segment; returns the analysis flags.
    pub fn segment(&mut self, s: &Segment<'_>) -> u16 {
        let now = s.ts;
        let d = self.side(s);
        let o = d.other();
        self.last = now;
        self.packets[d] += 1;
        self.bytes[d] += u64::from(s.len);
        if s.len > 0 {
            self.last_data[d] = now;
        }
        let syn = s.flags.has(TcpFlags::SYN);
        let ack = s.flags.has(TcpFlags::ACK);
        if syn && !ack && d == Side::Client {
            if let Some(t) = self.syn_times.get_mut(self.syn_count as usize) {
                *t = now;
            }
            self.syn_count += 1;
        }
        if syn && ack && d == Side::Server {
            self.synack_count += 1;
            self.first_synack_at.get_or_insert(now);
        }
        // Handshake RTT: the client's first ACK acknowledging the SYN-ACK.
        if self.rtt_ns.is_none()
            && d == Side::Client
            && ack
            && !syn
            && self.syn_count > 0
            && self.ep[1].iss.is_some_and(|i| s.ack == i.wrapping_add(1))
        {
            self.rtt_ns = Some(now.saturating_sub(self.syn_times[0]));
        }
        if s.flags.has(TcpFlags::RST) {
            self.rsts += 1;
            if self.rst_by.is_none() {
                self.rst_by = Some(d);
                self.bytes_at_rst = self.bytes[0] + self.bytes[1];
                // The peer was still sending: it had not closed its side, and
                // either had data this side never acknowledged or was the
                // last to send data (an upload cut short, possibly while
                // this side advertised a zero window).
                let peer_next = self.dir[o].next;
                let acked = self.dir[d].last_ack;
                let unacked = match (peer_next, acked) {
                    (Some(n), Some(a)) => seq::gt(n, a),
                    (Some(_), None) => true,
                    _ => false,
                };
                let peer_closed = matches!(
                    self.ep[o].state,
                    State::FinWait1
                        | State::FinWait2
                        | State::Closing
                        | State::LastAck
                        | State::TimeWait
                );
                self.peer_sending_at_rst = self.bytes[o] > 0
                    && !peer_closed
                    && (unacked || self.last_data[o] >= self.last_data[d]);
            }
        }
        let [d0, d1] = &mut self.dir;
        let (fwd, rev) = match d {
            Side::Client => (d0, d1),
            Side::Server => (d1, d0),
        };
        let f = seq::analyze(fwd, rev, &mut self.counts, s, self.rtt_ns);
        // States: the sender first, then the receiver.
        let peer_fin = self.ep[o].fin_seq;
        self.ep[d].on_send(s.flags, s.seq, s.ack, s.len, peer_fin, now);
        self.ep[o].on_recv(s.flags, s.ack, now);
        // Zeek: the originator's ACK of the SYN-ACK establishes both ends.
        if d == Side::Client
            && ack
            && !syn
            && self.ep[0].zeek == ZeekState::SynSent
            && self.ep[1].zeek == ZeekState::SynAckSent
        {
            self.ep[0].zeek = ZeekState::Established;
            self.ep[1].zeek = ZeekState::Established;
        }
        self.history.segment(d, s.flags, s.len);
        if f & seq::flag::RETRANSMISSION != 0 && s.len > 0 {
            self.history.add(d, b't');
        }
        if f & seq::flag::ZERO_WINDOW != 0 {
            self.history.add(d, b'w');
        }
        if f & seq::flag::LOST_SEGMENT != 0 {
            self.history.add(d, b'g');
        }
        f
    }
}

/// Whether the source port looks like the server's: the lower port, with
/// well-known ports (< 1024) winning over ephemeral ones.
fn guess_server(sport: u16, dport: u16) -> bool {
    match (sport < 1024, dport < 1024) {
        (true, false) => true,
        (false, true) => false,
        _ => sport < dport,
    }
}

/// The table.
#[derive(Default)]
pub struct Table {
    pub map: FxMap<Key, Conn>,
    next_id: u64,
}

impl Table {
    /// The connection for a segment, created (or replaced after port reuse)
    /// as needed. Returns the entry and, when an ended connection was
    /// replaced, that old connection (not reported yet if it had not ended).
    pub fn lookup(&mut self, s: &Segment<'_>) -> (&mut Conn, Option<Box<Conn>>) {
        let key = Key::new(s.src, s.sport, s.dst, s.dport);
        let bare_syn = s.flags.has(TcpFlags::SYN) && !s.flags.any(TcpFlags::ACK | TcpFlags::RST);
        let id = &mut self.next_id;
        let mut new_conn = || {
            *id += 1;
            Conn::new(*id, s)
        };
        // One hash lookup per segment: the entry decides between an existing
        // connection, a port reuse replacing it, and a new one.
        match self.map.entry(key) {
            Entry::Occupied(e) => {
                let c = e.into_mut();
                // A retransmitted first SYN belongs to the same connection.
                let reuse = bare_syn
                    && c.ep[0].iss != Some(s.seq)
                    && (c.ended() || c.midstream || c.ep[0].state != State::SynSent);
                // Boxed: the rare replaced connection is moved out on the heap rather
                // than a large `Option<Conn>` copied back on every segment.
                let old = reuse.then(|| Box::new(std::mem::replace(c, new_conn())));
                (c, old)
            }
            Entry::Vacant(e) => (e.insert(new_conn()), None),
        }
    }

    /// The connection an ICMP error about `src:sport → dst:dport` refers to.
    pub fn find(&mut self, src: IpAddr, sport: u16, dst: IpAddr, dport: u16) -> Option<&mut Conn> {
        self.map.get_mut(&Key::new(src, sport, dst, dport))
    }

    /// Removes entries idle too long or ended long enough ago; calls
    /// `report` with each one not reported yet.
    pub fn sweep(&mut self, now: u64, mut report: impl FnMut(Conn)) {
        let mut gone = Vec::new();
        self.map.retain(|_, c| {
            let idle = now.saturating_sub(c.last);
            let keep = if c.reported {
                idle < LINGER_NS
            } else {
                idle < IDLE_NS
            };
            if !keep && !c.reported {
                gone.push(c.clone());
            }
            keep
        });
        gone.sort_by_key(|c| c.id);
        for c in gone {
            report(c);
        }
    }

    /// Empties the table; connections not reported yet, in order of start.
    pub fn drain(&mut self) -> Vec<Conn> {
        let mut v: Vec<Conn> = self
            .map
            .drain()
            .map(|(_, c)| c)
            .filter(|c| !c.reported)
            .collect();
        v.sort_by_key(|c| c.id);
        v
    }
}
