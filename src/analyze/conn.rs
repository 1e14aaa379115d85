//! The connection table: connections keyed by their 4-tuple (IPv4 or IPv6,
//! the two ends in a canonical order so both directions find the same entry),
//! with rustc's FxHash (the key is fixed-size and not attacker-chosen in a
//! way that matters for an offline analyzer; SipHash costs ~3× more per
//! packet).
//!
//! A connection's life follows Zeek's (`super::zeek`): it is *over*
//! `tcp_close_delay` (5 s of capture time) after both ends closed or one
//! reset, so late retransmissions, the last ACK and the RSTs answering
//! in-flight data count towards it; it is then reported and freed, and a
//! later segment starts a new connection. A SYN with a new sequence number
//! on the 4-tuple starts a new connection too (Zeek's `IsReuse`), but a
//! retransmitted first SYN stays in its connection, even after a RST or an
//! ICMP error answered it, and a SYN crossing the client's (simultaneous
//! open) joins it. An entry with no packet for [`IDLE_NS`] of capture time
//! is reported in its current states and freed. Memory is thus bounded by
//! the connections active in the last [`IDLE_NS`], not by the number of
//! packets, and by [`Table::max`] entries whatever the capture holds (a SYN
//! flood): past it the oldest are reported early ([`Table::evict`]). An
//! entry that so far is only a connection attempt is kept small
//! ([`super::embryo`]) and replayed into a full connection when it is more.

use std::collections::VecDeque;
use std::collections::hash_map::Entry;
use std::net::IpAddr;

use rustc_hash::FxHashMap;

use crate::decode::TcpFlags;

use super::embryo::Embryo;
use super::endpoint::{Endpoint, State};
use super::segment::{Segment, Side};
use super::seq::{self, Counts, Dir};
use super::zeek::ZeekConn;

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
    pub fn lo(&self) -> (IpAddr, u16) {
        self.lo
    }
    pub fn hi(&self) -> (IpAddr, u16) {
        self.hi
    }
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
    /// Wireshark's `tcp.stream` (from 0): the connection's number unless it
    /// continues a conversation Wireshark keeps as one (`Tomb::pass_on`).
    pub stream: u64,
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
    /// Zeek's view of the connection (its state, history and sizes).
    pub zeek: ZeekConn,
    /// SYNs (without ACK) the client sent, and the first few times.
    pub syn_count: u32,
    pub syn_times: [u64; SYN_TIMES],
    /// When the client sent its last SYN.
    pub last_syn_at: u64,
    /// RSTs whose sequence number was outside the receiver's window (RFC
    /// 5961 3.2: the receiver drops them; blind or injected resets).
    pub ignored_rsts: u32,
    /// The window scale each side offered on its SYN.
    wscale: [Option<u8>; 2],
    pub synack_count: u32,
    /// SYNs the server sent and SYN-ACKs the client sent (they become
    /// `syn_count`/`synack_count` if Zeek swaps the roles).
    server_syns: u32,
    client_synacks: u32,
    pub first_synack_at: Option<u64>,
    /// Handshake RTT: the last SYN to the ACK of the SYN-ACK (Wireshark's
    /// `tcp.analysis.initial_rtt`), of this connection's own handshake:
    /// what it reports.
    pub rtt_ns: Option<u64>,
    /// The RTT of the conversation this connection continues (a tomb's:
    /// Wireshark keeps `ts_first_rtt` for the whole `tcp.stream`, the first
    /// one measured winning), for the analysis only: a connection that
    /// starts midstream after another one closed has had no handshake, so
    /// reports none.
    conv_rtt_ns: Option<u64>,
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
    /// Every segment so far was a SYN or SYN-ACK without payload: an
    /// attempt, the first to go when the table is full.
    pub handshake_only: bool,
    /// Its first segment is a SYN that started a new conversation on a
    /// 4-tuple Wireshark had seen (`tcp.analysis.reused_ports`), not yet
    /// numbered.
    reused_ports: bool,
    /// Every segment, when pictures are asked for (`super::trace`).
    pub trace: Option<Box<super::trace::Trace>>,
}

impl Conn {
    pub(super) fn new(id: u64, s: &Segment<'_>) -> Conn {
        let now = s.ts;
        let syn = s.flags.has(TcpFlags::SYN);
        let midstream = !syn;
        // The client is Zeek's originator: the sender of the first segment,
        // unless its port says it is the server of a connection whose start
        // the capture missed (`ZeekConn::new`); later flips follow Zeek's.
        let mut zeek = ZeekConn::new(s, Side::Client);
        let (from, to) = ((s.src, s.sport), (s.dst, s.dport));
        let (client, server) = match zeek.orig {
            Side::Client => (from, to),
            Side::Server => (to, from),
        };
        zeek.orig = Side::Client;
        let (c, sv) = if midstream {
            (State::Established, State::Established)
        } else {
            (State::Closed, State::Closed)
        };
        let mut ep = [Endpoint::new(c), Endpoint::new(sv)];
        if syn && s.flags.has(TcpFlags::ACK) {
            // A SYN-ACK first: its receiver sent the SYN it answers (the
            // capture missed or reordered it), so it is in SYN_SENT with the
            // sequence number the SYN-ACK acknowledges.
            let receiver = if client == to { 0 } else { 1 };
            if let Some(e) = ep.get_mut(receiver) {
                e.state = State::SynSent;
                e.iss = Some(s.ack.wrapping_sub(1));
            }
        }
        Conn {
            id,
            stream: id.saturating_sub(1),
            client,
            server,
            start: now,
            last: now,
            midstream,
            ep,
            dir: [Dir::default(); 2],
            packets: [0; 2],
            bytes: [0; 2],
            counts: Counts::default(),
            zeek,
            syn_count: 0,
            syn_times: [0; SYN_TIMES],
            last_syn_at: 0,
            ignored_rsts: 0,
            wscale: [None; 2],
            synack_count: 0,
            server_syns: 0,
            client_synacks: 0,
            first_synack_at: None,
            rtt_ns: None,
            conv_rtt_ns: None,
            rst_by: None,
            rsts: 0,
            bytes_at_rst: 0,
            peer_sending_at_rst: false,
            last_data: [0; 2],
            icmp: None,
            reported: false,
            reused_ports: false,
            handshake_only: true,
            trace: None,
        }
    }

    /// When the connection is over: Zeek removes it `tcp_close_delay`
    /// after both ends closed or one reset; an ICMP error answering the SYN
    /// ends it as long after.
    /// Until then late segments (retransmitted FINs, the last ACK) count in
    /// it, and it is reported when it is over.
    pub fn over_at(&self) -> Option<u64> {
        if self.icmp.is_some() {
            return Some(self.last.saturating_add(super::zeek::CLOSE_DELAY_NS));
        }
        self.zeek.removed_by()
    }

    /// The window segment `s` (sent by side `d`) advertises, in bytes:
    /// scaled by its sender's shift when both SYNs offered window scaling
    /// (RFC 7323: never on a SYN).
    pub fn window_bytes(&self, s: &Segment<'_>, d: Side) -> u32 {
        let scale = match self.wscale {
            [Some(_), Some(_)] if !s.flags.has(TcpFlags::SYN) => self.wscale[d].unwrap_or(0),
            _ => 0,
        };
        u32::try_from(u64::from(s.win) << scale.min(14)).unwrap_or(u32::MAX)
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

    /// Whether the receiver of RST segment `s` (sent by side `d`) accepts
    /// it (RFC 9293 3.10.7, RFC 5961 3.2): in SYN-SENT, only with an ACK of
    /// its SYN; later, only with a sequence number inside its receive
    /// window (from the last ACK it sent, its window scaled). A receiver
    /// whose window the capture never showed accepts it.
    fn rst_acceptable(&self, s: &Segment<'_>, d: Side) -> bool {
        let r = d.other();
        match self.ep[r].state {
            State::SynSent => {
                s.flags.has(TcpFlags::ACK)
                    && self.ep[r].iss.is_some_and(|i| s.ack == i.wrapping_add(1))
            }
            State::Closed | State::Listen => true,
            _ => {
                let (Some(rcv_nxt), Some(win)) = (self.dir[r].last_ack, self.dir[r].win) else {
                    return true;
                };
                let scale = match self.wscale {
                    [Some(a), Some(b)] => match r {
                        Side::Client => a,
                        Side::Server => b,
                    },
                    _ => 0,
                };
                let wnd = (u64::from(win) << scale.min(14)).max(1);
                u64::from(s.seq.wrapping_sub(rcv_nxt)) < wnd
            }
        }
    }

    /// Swaps client and server (Zeek found the roles the other way round).
    fn swap_roles(&mut self) {
        std::mem::swap(&mut self.client, &mut self.server);
        self.ep.swap(0, 1);
        self.dir.swap(0, 1);
        self.packets.swap(0, 1);
        self.bytes.swap(0, 1);
        self.last_data.swap(0, 1);
        self.wscale.swap(0, 1);
        self.rst_by = self.rst_by.map(Side::other);
        std::mem::swap(&mut self.syn_count, &mut self.server_syns);
        std::mem::swap(&mut self.synack_count, &mut self.client_synacks);
    }

    /// The RTT Wireshark's analysis uses (the out-of-order threshold): the
    /// conversation's first, else this connection's own.
    fn analysis_rtt(&self) -> Option<u64> {
        self.conv_rtt_ns.or(self.rtt_ns)
    }

    /// Feeds one segment; returns the analysis flags.
    pub fn segment(&mut self, s: &Segment<'_>) -> u16 {
        let now = s.ts;
        self.zeek.segment(s, self.side(s));
        if self.zeek.orig == Side::Server {
            self.swap_roles();
            self.zeek.orig = Side::Client;
        }
        let d = self.side(s);
        let o = d.other();
        self.last = now;
        self.handshake_only &=
            s.flags.has(TcpFlags::SYN) && !s.flags.any(TcpFlags::RST | TcpFlags::FIN) && s.len == 0;
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
            self.last_syn_at = now;
        }
        if syn && !ack && d == Side::Server {
            self.server_syns += 1;
        }
        if syn && ack && d == Side::Server {
            self.synack_count += 1;
            self.first_synack_at.get_or_insert(now);
        }
        if syn && ack && d == Side::Client {
            self.client_synacks += 1;
        }
        // Handshake RTT: the client's first ACK acknowledging the SYN-ACK.
        if self.rtt_ns.is_none()
            && d == Side::Client
            && ack
            && !syn
            && self.syn_count > 0
            && self.ep[1].iss.is_some_and(|i| s.ack == i.wrapping_add(1))
        {
            // From the last SYN sent, as Wireshark's `tcp.analysis.initial_rtt`
            // (`ts_mru_syn`): a retransmitted SYN is the one answered.
            self.rtt_ns = Some(now.saturating_sub(self.last_syn_at));
        }
        // Window scaling, as both ends offered it on their SYNs (RFC 7323).
        if syn && let Some(w) = s.wscale() {
            self.wscale[d] = Some(w);
        }
        // A RST the receiver would drop changes nothing but its count.
        let rst = s.flags.has(TcpFlags::RST) && self.rst_acceptable(s, d);
        if s.flags.has(TcpFlags::RST) && !rst {
            self.ignored_rsts += 1;
        }
        let flags = if rst || !s.flags.has(TcpFlags::RST) {
            s.flags
        } else {
            TcpFlags(s.flags.bits() & !TcpFlags::RST.bits())
        };
        if rst {
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
        let rtt = self.analysis_rtt();
        let [d0, d1] = &mut self.dir;
        let (fwd, rev) = match d {
            Side::Client => (d0, d1),
            Side::Server => (d1, d0),
        };
        let f = if s.header_fits {
            seq::analyze(fwd, rev, &mut self.counts, s, rtt)
        } else {
            0
        };
        // States: the sender first, then the receiver.
        let peer_fin = self.ep[o].fin_seq;
        self.ep[d].on_send(flags, s.seq, s.ack, s.len, peer_fin, now);
        self.ep[o].on_recv(flags, s.ack, now);
        f
    }
}

/// A segment's sequence and acknowledgement numbers relative to each
/// direction's first, and Wireshark's `tcp.analysis.*` flags for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Numbered {
    pub rel_seq: u32,
    pub rel_ack: u32,
    pub analysis: u16,
}

impl Conn {
    /// Analyses `s` ([`Conn::segment`]) and gives its numbers as tshark
    /// shows them (`tcp.seq`, `tcp.ack`: `--json`'s `seq` and `ack`).
    pub fn numbered(&mut self, s: &Segment<'_>) -> Numbered {
        let (rel_seq, rel_ack, reused) = self.shown(s);
        let mut analysis = self.segment(s);
        // Not shown on a segment whose header does not fit (tshark's
        // dissection of it stops with an exception before its flags).
        if (reused || std::mem::take(&mut self.reused_ports)) && s.header_fits {
            analysis |= seq::flag::REUSED_PORTS;
        }
        Numbered {
            rel_seq,
            rel_ack,
            analysis,
        }
    }

    /// `s`'s relative numbers, Wireshark's (`dissect_tcp`): the sender's
    /// base set by its first segment (see `Dir::shown_base`), the
    /// receiver's by the first acknowledgement if it has sent nothing yet;
    /// a SYN-ACK with another number than its direction's base takes over
    /// (as `follow.rs`), and is flagged `reused_ports` (the third value); a
    /// SYN with the same number rewinds the analysis.
    /// The acknowledgement only when the ACK flag is set; a segment whose
    /// header does not fit its IP payload (Wireshark's `th_have_seglen`
    /// false) is not analysed, its numbers stay raw.
    fn shown(&mut self, s: &Segment<'_>) -> (u32, u32, bool) {
        let d = self.side(s);
        let o = d.other();
        let syn = s.flags.has(TcpFlags::SYN);
        let ack = s.flags.has(TcpFlags::ACK);
        // A SYN (no ACK) repeating its direction's base rewinds `next` to
        // the highest acknowledged end (`dissect_tcp`, before the header's
        // length is checked; issue 17616 of Wireshark: a RST may have
        // carried the number the peer acknowledged): the SYN is then a
        // retransmission. Another number is a new conversation
        // (`Table::lookup`).
        let fwd = &mut self.dir[d];
        if syn && !ack && fwd.shown_base == Some(s.seq) {
            fwd.next = fwd.max_to_be_acked;
        }
        let reused = syn && ack && self.dir[d].shown_base.is_some_and(|b| b != s.seq);
        if reused {
            self.dir[d].shown_base = Some(s.seq);
        }
        if !s.header_fits {
            return (s.seq, s.ack, reused);
        }
        let base =
            *self.dir[d]
                .shown_base
                .get_or_insert(if syn { s.seq } else { s.seq.wrapping_sub(1) });
        if !ack {
            return (s.seq.wrapping_sub(base), s.ack, reused);
        }
        let peer = *self.dir[o].shown_base.get_or_insert(s.ack.wrapping_sub(1));
        (s.seq.wrapping_sub(base), s.ack.wrapping_sub(peer), reused)
    }
}

/// What [`Table::lookup`] found for a segment.
pub enum Found<'a> {
    /// Its connection, and the connection it replaced if it ended one (not
    /// reported yet if that had not ended).
    Conn(&'a mut Conn, Option<Box<Conn>>),
    /// An embryo took it (nothing more to do): the embryo's connection
    /// number and stream, and the segment's numbers when the table gives them
    /// ([`Table::embryo_numbers`]).
    Held(u64, u64, Option<Numbered>),
}

/// A table entry: a connection, or an attempt kept small until it is more
/// ([`Embryo`]).
#[derive(Clone, Debug)]
pub enum Slot {
    Full(Box<Conn>),
    Embryo(Embryo),
}

impl Slot {
    pub fn id(&self) -> u64 {
        match self {
            Slot::Full(c) => c.id,
            Slot::Embryo(e) => e.id,
        }
    }

    /// Its Wireshark `tcp.stream`.
    pub fn stream(&self) -> u64 {
        match self {
            Slot::Full(c) => c.stream,
            Slot::Embryo(e) => e.stream,
        }
    }

    /// When the entry last saw a segment.
    pub fn last(&self) -> u64 {
        match self {
            Slot::Full(c) => c.last,
            Slot::Embryo(e) => e.last(),
        }
    }

    /// Whether it is a connection attempt and nothing more so far (as a
    /// connection would say: the choice of eviction must not depend on
    /// how the entry is kept).
    fn attempt(&self) -> bool {
        match self {
            Slot::Full(c) => c.handshake_only,
            Slot::Embryo(e) => e.attempt(),
        }
    }

    /// Whether it was reported already (an embryo never is).
    pub fn reported(&self) -> bool {
        match self {
            Slot::Full(c) => c.reported,
            Slot::Embryo(_) => false,
        }
    }

    /// The full connection, an embryo replayed into one.
    pub fn into_conn(self, key: &Key) -> Box<Conn> {
        match self {
            Slot::Full(c) => c,
            Slot::Embryo(e) => Box::new(e.replay(key)),
        }
    }

    /// Makes the entry a full connection (replaying an embryo) and returns it.
    fn promote(&mut self, key: &Key) -> &mut Conn {
        if let Slot::Embryo(e) = self {
            *self = Slot::Full(Box::new(e.replay(key)));
        }
        match self {
            Slot::Full(c) => c,
            Slot::Embryo(_) => unreachable!("promoted above"),
        }
    }
}

/// The table.
pub struct Table {
    pub map: FxMap<Key, Slot>,
    /// Whether attempts are kept as embryos (not when every packet's
    /// analysis is printed: `--json` alone).
    pub embryos: bool,
    /// Whether an embryo gives the numbers of each segment it takes (the
    /// packets table's): those of the full connection, replayed from it
    /// for the segment (exact; a replay per segment), so a flood's
    /// half-open attempts stay small there too. Only from `crowded_at`
    /// entries ([`CROWDED_AT`]; tests lower it) does it take more than its
    /// first segment.
    pub embryo_numbers: bool,
    pub crowded_at: usize,
    /// At most this many entries; past it the oldest are reported early
    /// (embryos first) and counted in `evicted`.
    pub max: usize,
    pub evicted: u64,
    /// No entry is idle or over before this time (capture ns): entries
    /// only grow older, and a connection that becomes over lowers it
    /// ([`Table::due`]).
    next_due: u64,
    next_id: u64,
    /// Wireshark's streams numbered so far: a connection that continues a
    /// conversation ([`Tomb::pass_on`]) takes its stream's number, so the
    /// numbers are `tcp.stream`'s where connections end by Zeek's rules.
    streams: u64,
    /// The sequence analysis of connections that are over, per 4-tuple, for
    /// a while: Wireshark keeps a conversation's state for the whole
    /// capture, so a FIN retransmitted after the close, a keep-alive after
    /// the inactivity timeout or a SYN retried after a refusal is flagged as
    /// it flags it, in the connection that follows. Bounded in number
    /// ([`TOMBS_MAX`]), oldest forgotten first.
    tombs: FxMap<Key, Tomb>,
    tomb_order: VecDeque<(Key, u64)>,
    /// Entries out of the map whose reports are still to be made, in order
    /// of start (an eviction's, or a chunk of the final drain's), and what
    /// is kept of them ([`Table::report_pending`]): reported a batch at a
    /// time, a quarter of the table's limit is not a quarter of a million
    /// records at once.
    pending: std::vec::IntoIter<(Key, Slot)>,
    pending_bury: Bury,
    /// The final drain ([`Table::drain_some`]): the numbers of the entries
    /// it reports, sorted, and how many it has moved out of the map.
    draining: Option<(Vec<u64>, usize)>,
}

/// What a removed entry leaves behind ([`Tomb`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bury {
    /// Every connection's sequence state (over or idle).
    Every,
    /// A connection's that got past its attempt (pushed out by the limit:
    /// a flood's attempts would churn the tombs at its rate for nothing).
    NotAttempts,
    /// Nothing (the capture has ended).
    Nothing,
}

/// Entries from which the packets table's embryos take more than their
/// first segment ([`Table::embryo_numbers`]): few enough that the full
/// connections made before (about 1.1 KB each) stay a few MB under a flood.
const CROWDED_AT: usize = 4096;

/// Entries at which a table presumably on its way to the limit (a flood's)
/// is sized for the limit at once ([`Table::presize`]).
const PRESIZE_AT: usize = 65_536;

/// Entries the final drain moves out of the map at a time: one walk of the
/// table each, and at most this many entries (~7 MB) beside it.
const DRAIN_CHUNK: usize = 65_536;

impl Default for Table {
    fn default() -> Table {
        Table {
            map: FxMap::default(),
            embryos: true,
            embryo_numbers: false,
            crowded_at: CROWDED_AT,
            max: crate::config::analyze::MAX_CONNECTIONS,
            evicted: 0,
            next_due: 0,
            next_id: 0,
            streams: 0,
            tombs: FxMap::default(),
            tomb_order: VecDeque::new(),
            pending: Vec::new().into_iter(),
            pending_bury: Bury::Nothing,
            draining: None,
        }
    }
}

/// What Wireshark keeps of a conversation after its connection is over.
#[derive(Clone, Debug)]
struct Tomb {
    stream: u64,
    client: (IpAddr, u16),
    dir: [Dir; 2],
    rtt_ns: Option<u64>,
    at: u64,
}

/// At most this many 4-tuples' sequence states are kept after their
/// connection is over.
pub const TOMBS_MAX: usize = 16_384;

impl Tomb {
    fn of(c: &Conn) -> Tomb {
        Tomb {
            stream: c.stream,
            client: c.client,
            dir: c.dir,
            rtt_ns: c.analysis_rtt(),
            at: c.last,
        }
    }

    /// Gives a new connection the sequence state and the stream number when
    /// its first segment `s` continues this one's conversation for
    /// Wireshark; true then. Not when `s` is a SYN (no ACK) whose sequence
    /// number is not its sender's first (a new conversation, a new
    /// `tcp.stream`), however long ago this one ended (Wireshark keeps a
    /// conversation for the whole capture: a 4-tuple reset every 40 minutes
    /// is one `tcp.stream`; [`TOMBS_MAX`] bounds the memory).
    fn pass_on(self, c: &mut Conn, s: &Segment<'_>) -> bool {
        let from_client = (s.src, s.sport) == self.client;
        let sender = if from_client {
            &self.dir[0]
        } else {
            &self.dir[1]
        };
        // Wireshark's test (`dissect_tcp`): SYN without ACK, and a number
        // other than the sender's base (`base_seq`, set once it sent or was
        // acknowledged).
        let syn = s.flags.has(TcpFlags::SYN) && !s.flags.has(TcpFlags::ACK);
        if syn && sender.shown_base.is_some_and(|b| b != s.seq) {
            return false;
        }
        c.dir = if self.client == c.client {
            self.dir
        } else {
            [self.dir[1], self.dir[0]]
        };
        c.conv_rtt_ns = self.rtt_ns;
        c.stream = self.stream;
        true
    }
}

impl Table {
    /// The connection for a segment, created (or replaced after port reuse)
    /// as needed, or the embryo that took it ([`Found`]).
    pub fn lookup(&mut self, s: &Segment<'_>) -> Found<'_> {
        let key = Key::new(s.src, s.sport, s.dst, s.dport);
        let bare_syn = s.flags.has(TcpFlags::SYN) && !s.flags.any(TcpFlags::ACK | TcpFlags::RST);
        // The entry of this segment goes idle IDLE_NS from now (a new one,
        // in a table the last sweep left empty, must be looked at then).
        self.next_due = self.next_due.min(s.ts.saturating_add(IDLE_NS));
        let Table {
            map,
            next_id,
            streams,
            tombs,
            embryos,
            embryo_numbers,
            crowded_at,
            ..
        } = self;
        // A new connection: the sequence state and the stream of the
        // conversation it continues, or a new stream. `before`: the
        // connection it replaces in the map (over, or a port reuse for
        // Zeek that Wireshark may keep as one conversation); else a tomb's.
        let new_conn = |next_id: &mut u64,
                        streams: &mut u64,
                        tombs: &mut FxMap<Key, Tomb>,
                        before: Option<Tomb>| {
            *next_id += 1;
            let mut c = Conn::new(*next_id, s);
            let buried = if tombs.is_empty() {
                None
            } else {
                tombs.remove(&key)
            };
            let passed = before.or(buried).map(|t| t.pass_on(&mut c, s));
            if passed != Some(true) {
                // A SYN with a new number on a 4-tuple Wireshark had seen
                // (`pass_on` refused): a new conversation, flagged as a
                // reuse.
                c.reused_ports = passed.is_some();
                c.stream = *streams;
                *streams += 1;
            }
            c
        };
        // The packets table's embryos take more than their first segment
        // only in a crowded table: replaying them for each segment's
        // numbers costs more than the full connection saves elsewhere (2%
        // of the table's instructions on ordinary traffic).
        let crowded = map.len() >= *crowded_at;
        // One hash lookup per segment: the entry decides between an existing
        // connection, a port reuse replacing it, and a new one.
        match map.entry(key) {
            Entry::Occupied(e) => {
                let slot = e.into_mut();
                if let Slot::Embryo(em) = slot {
                    if !*embryo_numbers {
                        if em.take(&key, s) {
                            return Found::Held(em.id, em.stream, None);
                        }
                    } else if crowded {
                        let mut next = em.clone();
                        if next.take(&key, s) {
                            // The numbers the full connection gives `s`.
                            let n = em.replay(&key).numbered(s);
                            *em = next;
                            return Found::Held(em.id, em.stream, Some(n));
                        }
                    }
                }
                let c = slot.promote(&key);
                // Zeek's rules: a connection removed after its close is
                // over (a later segment starts a new one), and a SYN with a
                // new sequence number reuses the 4-tuple (`IsReuse`). A
                // retransmitted first SYN stays in its connection, even
                // after a RST answered it: it is the same connect().
                let over = c.over_at().is_some_and(|t| s.ts > t);
                let same_syn = bare_syn && c.ep[0].iss == Some(s.seq);
                // A SYN from the server to a client in SYN_SENT that it never
                // answered: a simultaneous open (RFC 9293 3.5), one
                // connection (Zeek starts a second one).
                let crossing = bare_syn
                    && c.side(s) == Side::Server
                    && c.ep[0].state == State::SynSent
                    && c.packets[1] == 0;
                let reuse = over || (!same_syn && !crossing && c.zeek.is_reuse(s, c.side(s)));
                // Boxed: the rare replaced connection is moved out on the heap rather
                // than a large `Option<Conn>` copied back on every segment.
                let old = reuse.then(|| {
                    // Over, or a port reuse: a new connection for Zeek,
                    // the same conversation (state and `tcp.stream`) for
                    // Wireshark unless `s` starts a new one (`pass_on`).
                    let new = new_conn(next_id, streams, tombs, Some(Tomb::of(c)));
                    Box::new(std::mem::replace(c, new))
                });
                Found::Conn(c, old)
            }
            Entry::Vacant(e) => {
                // An attempt (or a lone segment) starts small: under a flood
                // nearly every entry stays one (a 4-tuple with the state of
                // a closed one goes the full path, which passes that state
                // on).
                if *embryos
                    && !tombs.contains_key(&key)
                    && let Some((em, n)) = Embryo::new(*next_id + 1, *streams, &key, s)
                {
                    *next_id += 1;
                    *streams += 1;
                    e.insert(Slot::Embryo(em));
                    return Found::Held(*next_id, *streams - 1, embryo_numbers.then_some(n));
                }
                let c = new_conn(next_id, streams, tombs, None);
                match e.insert(Slot::Full(Box::new(c))) {
                    Slot::Full(c) => Found::Conn(c, None),
                    Slot::Embryo(e) => Found::Held(e.id, e.stream, None),
                }
            }
        }
    }

    /// Wireshark's streams numbered so far.
    pub fn streams(&self) -> u64 {
        self.streams
    }

    /// At [`PRESIZE_AT`] entries, sizes the table for the default limit at
    /// once, at most half full at the limit (so that it tidies in place,
    /// [`crate::config::analyze::MAX_CONNECTIONS`]): doubling on the way
    /// there held the old table beside the new each time (2^19 slots, 55
    /// MB, beside 2^20), this holds 2^17.
    pub fn presize(&mut self) {
        if self.map.len() == PRESIZE_AT && self.max <= crate::config::analyze::MAX_CONNECTIONS {
            self.map.reserve(2 * (self.max + 1) - PRESIZE_AT);
        }
    }

    /// An ICMP error quoting a TCP header `src:sport → dst:dport` seen at
    /// `ts`: Wireshark's TCP dissector finds the 4-tuple's conversation or
    /// makes one, numbering a `tcp.stream` for it although no segment of it
    /// was captured; the next connection on the 4-tuple continues that
    /// conversation (an empty [`Tomb`] holds its number). Returns the
    /// stream.
    pub fn quoted(&mut self, src: IpAddr, sport: u16, dst: IpAddr, dport: u16, ts: u64) -> u64 {
        let key = Key::new(src, sport, dst, dport);
        if let Some(slot) = self.map.get(&key) {
            return slot.stream();
        }
        if let Some(t) = self.tombs.get(&key) {
            return t.stream;
        }
        let stream = self.streams;
        self.streams += 1;
        let tomb = Tomb {
            stream,
            client: (src, sport),
            dir: Default::default(),
            rtt_ns: None,
            at: ts,
        };
        self.bury(key, tomb);
        stream
    }

    /// The connection an ICMP error about `src:sport → dst:dport` refers to.
    pub fn find(&mut self, src: IpAddr, sport: u16, dst: IpAddr, dport: u16) -> Option<&mut Conn> {
        let key = Key::new(src, sport, dst, dport);
        self.map.get_mut(&key).map(|e| e.promote(&key))
    }

    /// Removes entries that are over or idle too long; calls `report` with
    /// each one not reported yet.
    /// Skips the walk when nothing can be due yet ([`Table::due`]): under a
    /// flood the table is large and nothing in it is over.
    pub fn sweep(&mut self, now: u64, mut report: impl FnMut(Conn)) {
        if now < self.next_due {
            return;
        }
        let mut next = u64::MAX;
        let gone: Vec<(Key, Slot)> = self
            .map
            .extract_if(|_, e| {
                let last = e.last();
                let over = match e {
                    Slot::Full(c) => c.over_at(),
                    Slot::Embryo(_) => None,
                };
                let gone = now.saturating_sub(last) >= IDLE_NS || over.is_some_and(|t| now > t);
                if !gone {
                    next = next.min(last.saturating_add(IDLE_NS));
                    if let Some(t) = over {
                        next = next.min(t.saturating_add(1));
                    }
                }
                gone
            })
            .collect();
        self.next_due = next;
        self.retire(gone, Bury::Every, &mut report);
    }

    /// A connection will be over after `t`: the sweep must look then.
    pub fn due(&mut self, t: u64) {
        self.next_due = self.next_due.min(t.saturating_add(1));
    }

    /// Buries (as `bury` says) and reports removed entries, in order of
    /// start.
    fn retire(&mut self, gone: Vec<(Key, Slot)>, bury: Bury, report: &mut impl FnMut(Conn)) {
        self.queue(gone, bury, report);
        self.report_pending(usize::MAX, report);
    }

    /// Makes `gone` (sorted here by start) the entries to report next;
    /// reports first those still pending, so that none is lost or out of
    /// order.
    fn queue(&mut self, mut gone: Vec<(Key, Slot)>, bury: Bury, report: &mut impl FnMut(Conn)) {
        self.report_pending(usize::MAX, report);
        gone.sort_unstable_by_key(|(_, e)| e.id());
        self.pending = gone.into_iter();
        self.pending_bury = bury;
    }

    /// Whether removed entries wait for [`Table::report_pending`].
    pub fn reports_pending(&self) -> bool {
        self.pending.len() > 0
    }

    /// Reports the next `n` (at most) entries removed and not reported yet
    /// ([`Table::evict`]'s); true while some are left.
    pub fn report_pending(&mut self, n: usize, report: &mut impl FnMut(Conn)) -> bool {
        for _ in 0..n {
            let Some((k, e)) = self.pending.next() else {
                return false;
            };
            let attempt = e.attempt();
            let c = e.into_conn(&k);
            if self.pending_bury == Bury::Every
                || (self.pending_bury == Bury::NotAttempts && !attempt)
            {
                self.bury(k, Tomb::of(&c));
            }
            if !c.reported {
                report(*c);
            }
        }
        self.pending.len() > 0
    }

    /// Over [`Table::max`] entries: reports the oldest (by last segment;
    /// attempts before connections that got further) early, down to 3/4 of
    /// the limit,
    /// so that a flood's memory stays bounded. Counted in `evicted`.
    /// `all`: reports them now, else they wait for
    /// [`Table::report_pending`] (the caller reports them a batch at a time
    /// before anything else happens).
    pub fn evict(&mut self, all: bool, mut report: impl FnMut(Conn)) {
        if self.map.len() <= self.max {
            return;
        }
        let keep = self.max - self.max / 4;
        let need = self.map.len() - keep;
        // (not an attempt, last segment, id): attempts and the oldest first;
        // unique, so the choice does not depend on the table's order.
        let age = |e: &Slot| (!e.attempt(), e.last(), e.id());
        let mut ages: Vec<(bool, u64, u64)> = self.map.values().map(age).collect();
        let cut = if need < ages.len() {
            *ages.select_nth_unstable(need - 1).1
        } else {
            (true, u64::MAX, u64::MAX)
        };
        drop(ages);
        let mut left = need;
        let gone: Vec<(Key, Slot)> = self
            .map
            .extract_if(|_, e| {
                if left > 0 && age(e) <= cut {
                    left -= 1;
                    true
                } else {
                    false
                }
            })
            .collect();
        self.evicted += gone.len() as u64;
        self.queue(gone, Bury::NotAttempts, &mut report);
        if all {
            self.report_pending(usize::MAX, &mut report);
        }
    }

    /// Keeps a removed connection's sequence state (bounded: oldest out
    /// first).
    fn bury(&mut self, k: Key, t: Tomb) {
        self.tomb_order.push_back((k, t.at));
        self.tombs.insert(k, t);
        while self.tombs.len() > TOMBS_MAX || self.tomb_order.len() > 2 * TOMBS_MAX {
            let Some((k, at)) = self.tomb_order.pop_front() else {
                break;
            };
            if self.tombs.get(&k).is_some_and(|t| t.at == at) {
                self.tombs.remove(&k);
            }
        }
    }

    /// Empties the table: calls `report` with each connection not
    /// reported yet, in order of start, one at a time (an embryo becomes a
    /// full connection only for its report: the table's memory, not a
    /// kilobyte per entry, is the peak).
    pub fn drain(&mut self, mut report: impl FnMut(Conn)) {
        while self.drain_some(usize::MAX, &mut report) {}
    }

    /// [`Table::drain`] in steps: reports the next `n` entries of the
    /// drain's order; true while some are left. Entries leave the map
    /// [`DRAIN_CHUNK`] at a time (the numbers of the rest sorted, a walk of
    /// the table per chunk): moving them all out at once held a second
    /// copy of a flood's table.
    pub fn drain_some(&mut self, n: usize, mut report: impl FnMut(Conn)) -> bool {
        if self.draining.is_none() {
            // An eviction's reports come first: they were due before.
            self.report_pending(usize::MAX, &mut report);
            let mut ids: Vec<u64> = self
                .map
                .values()
                .filter(|e| !e.reported())
                .map(Slot::id)
                .collect();
            ids.sort_unstable();
            self.draining = Some((ids, 0));
        }
        let mut left = n;
        while left > 0 {
            if self.pending.len() == 0 && !self.next_chunk() {
                return false;
            }
            let k = left.min(self.pending.len());
            self.report_pending(k, &mut report);
            left -= k;
        }
        self.pending.len() > 0
            || self
                .draining
                .as_ref()
                .is_some_and(|(ids, at)| *at < ids.len())
    }

    /// Moves the drain's next chunk out of the map into `pending`; false
    /// when none is left.
    fn next_chunk(&mut self) -> bool {
        let Some((ids, at)) = self.draining.as_mut() else {
            return false;
        };
        if *at >= ids.len() {
            // Reported entries still in the map go without a report.
            self.map.clear();
            return false;
        }
        let to = (*at + DRAIN_CHUNK).min(ids.len());
        let upto = ids[to - 1];
        *at = to;
        let mut chunk: Vec<(Key, Slot)> = self
            .map
            .extract_if(|_, e| e.id() <= upto && !e.reported())
            .collect();
        chunk.sort_unstable_by_key(|(_, e)| e.id());
        self.pending = chunk.into_iter();
        self.pending_bury = Bury::Nothing;
        true
    }
}
