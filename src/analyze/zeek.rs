//! Zeek's view of a TCP connection, so that the fields named after Zeek's
//! (`zeek_state`, `history`, `orig_bytes`/`resp_bytes`) mean what Zeek's
//! `conn.log` means. A port of the parts of Zeek that decide them:
//! `TCPSessionAdapter::Process` and its state machine (`UpdateStateMachine`,
//! `init_endpoint`, `update_last_seq`, `update_history`, `update_window`),
//! `TCP_Endpoint` (sequence bookkeeping, `Size()`, the scaled history letters
//! `t`/`w`/`g`), `TCP_Reassembler` (content gaps: an ACK for data the capture
//! never showed), `Connection::FlipRoles` (`^`) and `conn_state()` of
//! `base/protocols/conn/main.zeek`. Zeek's defaults are assumed
//! (`partial_connection_ok`, `tcp_SYN_ack_ok`, `report_gaps_for_partial =
//! F`, reassembly of every connection).
//!
//! Sides here are Zeek's: the originator and the responder, which Zeek may
//! swap ([`ZeekConn::orig`] says which of the analyzer's sides is Zeek's
//! originator now).

use super::segment::{Segment, Side};
use crate::decode::TcpFlags;

/// `TCP_ENDPOINT_*`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ZState {
    #[default]
    Inactive,
    SynSent,
    SynAckSent,
    Partial,
    Established,
    Closed,
    Reset,
}

impl ZState {
    fn is_handshake(self) -> bool {
        matches!(
            self,
            ZState::Inactive | ZState::SynSent | ZState::SynAckSent
        )
    }
}

/// `TOO_LARGE_SEQ_DELTA`.
const TOO_LARGE_SEQ_DELTA: i32 = 1_048_576;
/// `tcp_max_above_hole_without_any_acks`.
const MAX_ABOVE_HOLE_WITHOUT_ACKS: u64 = 16_384;
/// The history string is bounded (Zeek's grows with flips and scaled
/// letters only; a hostile capture must not make it grow without end).
const HISTORY_MAX: usize = 48;
/// Buffered ranges of out-of-order data per direction (a reassembler of
/// ranges, not bytes; older ranges merge into the last when full).
const MAX_BLOCKS: usize = 8;

fn seq_delta(a: u32, b: u32) -> i32 {
    a.wrapping_sub(b) as i32
}

/// A history letter repeated at the 1st, 10th, 100th … occurrence
/// (`Session::ScaledHistoryEntry`, base 10).
#[derive(Clone, Copy, Debug)]
struct Scaled {
    count: u32,
    threshold: u32,
}

impl Default for Scaled {
    fn default() -> Self {
        Scaled {
            count: 0,
            threshold: 1,
        }
    }
}

impl Scaled {
    fn hit(&mut self) -> bool {
        self.count = self.count.wrapping_add(1);
        if self.count != self.threshold {
            return false;
        }
        match self.threshold.checked_mul(10) {
            Some(t) => self.threshold = t,
            None => self.count = 0,
        }
        true
    }
}

/// `TCP_Reassembler` reduced to what decides content gaps: what was
/// delivered in order (`last_reassem`), what is buffered above a hole, and
/// what the peer acknowledged (`trim`). Relative sequence numbers (1 is the
/// first data octet).
#[derive(Clone, Debug)]
struct Reassembly {
    last_reassem: u64,
    trim: u64,
    blocks: Vec<(u64, u64)>,
    skip: bool,
}

impl Default for Reassembly {
    fn default() -> Self {
        Reassembly {
            last_reassem: 1,
            trim: 1,
            blocks: Vec::new(),
            skip: false,
        }
    }
}

impl Reassembly {
    /// `NewBlock` + `BlockInserted`: data `[seq, seq+len)` arrived.
    fn insert(&mut self, seq: u64, len: u64) {
        let (mut lo, mut hi) = (seq, seq.saturating_add(len));
        if hi <= self.trim {
            return;
        }
        lo = lo.max(self.trim);
        // Merge with every overlapping or adjacent range.
        let mut i = 0;
        while i < self.blocks.len() {
            let (a, b) = self.blocks[i];
            if b < lo || a > hi {
                i += 1;
                continue;
            }
            lo = lo.min(a);
            hi = hi.max(b);
            self.blocks.remove(i);
        }
        let at = self.blocks.partition_point(|&(a, _)| a < lo);
        self.blocks.insert(at, (lo, hi));
        if self.blocks.len() > MAX_BLOCKS {
            // Bounded: the two highest ranges become one (the data between
            // them counts as seen; only gaps below matter in practice).
            if let (Some((_, b)), Some(last)) = (self.blocks.pop(), self.blocks.last_mut()) {
                last.1 = b;
            }
        }
        self.deliver();
    }

    /// Delivers the range that starts at (or spans) `last_reassem`.
    fn deliver(&mut self) {
        for &(a, b) in &self.blocks {
            if a > self.last_reassem {
                break;
            }
            if b > self.last_reassem {
                self.last_reassem = b;
            }
        }
    }

    /// Bytes buffered above the first hole.
    fn above_hole(&self) -> u64 {
        match self.blocks.last() {
            Some(&(_, b)) if b > self.last_reassem => b - self.last_reassem,
            _ => 0,
        }
    }

    /// `TrimToSeq`: the peer acknowledged up to `seq`; returns how many gaps
    /// (holes never filled) that acknowledgment revealed. `partial`: the
    /// connection is partial (`Undelivered`'s first-ack exception).
    fn trim_to(&mut self, seq: u64, partial: bool) -> u32 {
        let mut gaps = 0;
        if seq > self.last_reassem && !(seq <= 2 && partial) && !self.skip {
            // `Undelivered`: every hole below `seq` is a gap.
            let mut i = 0;
            while let Some(&(a, b)) = self.blocks.get(i) {
                if a >= seq {
                    break;
                }
                if b <= self.last_reassem {
                    i += 1;
                    continue;
                }
                if a > self.last_reassem {
                    gaps += 1;
                }
                self.last_reassem = self.last_reassem.max(b);
                i += 1;
            }
            if seq > self.last_reassem {
                gaps += 1;
            }
        }
        if seq > self.last_reassem && !(seq <= 2 && partial) {
            self.last_reassem = seq;
        }
        self.blocks.retain(|&(_, b)| b > seq);
        self.deliver();
        self.trim = seq;
        gaps
    }
}

/// `TCP_Endpoint`.
#[derive(Clone, Debug, Default)]
struct Endpoint {
    state: ZState,
    prev_state: ZState,
    start_seq: i64,
    last_seq: u32,
    ack_seq: u32,
    seq_wraps: u32,
    ack_wraps: u32,
    fin_cnt: u32,
    rst_cnt: u32,
    fin_seq: u64,
    did_close: bool,
    hist_last_syn: u64,
    hist_last_fin: u64,
    hist_last_rst: u64,
    rxmt: Scaled,
    win0: Scaled,
    gap: Scaled,
    window_scale: u8,
    window: u64,
    window_seq: u32,
    window_ack_seq: u32,
    reasm: Reassembly,
}

impl Endpoint {
    fn set_state(&mut self, s: ZState) {
        if s != self.state {
            self.prev_state = self.state;
            self.state = s;
        }
    }
    fn full(seq: u32, wraps: u32) -> i64 {
        (i64::from(wraps) << 32) + i64::from(seq)
    }
    fn to_relative(&self, seq: u32, wraps: u32) -> u64 {
        Self::full(seq, wraps).wrapping_sub(self.start_seq) as u64
    }
    fn init_seqs(&mut self, start: u32, last: u32) {
        self.start_seq = i64::from(start);
        self.ack_seq = start;
        self.last_seq = last;
    }
    fn update_last_seq(&mut self, seq: u32) {
        if seq < self.last_seq {
            self.seq_wraps += 1;
        }
        self.last_seq = seq;
    }
    fn update_ack_seq(&mut self, seq: u32) {
        if seq < self.ack_seq {
            self.ack_wraps += 1;
        }
        self.ack_seq = seq;
    }
    fn no_data_acked(&self) -> bool {
        let ack = Self::full(self.ack_seq, self.ack_wraps);
        ack == self.start_seq || ack == self.start_seq + 1
    }
    fn is_clean(&self) -> bool {
        self.state == ZState::Established
            || (self.state == ZState::Closed && self.prev_state == ZState::Established)
    }
}

/// Zeek's model of one connection.
#[derive(Clone, Debug)]
pub struct ZeekConn {
    /// Which side of the analyzer's connection Zeek's originator is.
    pub orig: Side,
    ep: [Endpoint; 2],
    history: String,
    hist_seen: u32,
    is_partial: bool,
    /// `first_packet_seen`: bit 0 the originator, bit 1 the responder.
    first_seen: u8,
    /// Times (ns) Zeek would remove the connection after a close.
    close_at: Option<u64>,
    last_time: u64,
}

/// `likely_server_ports` as Zeek's default scripts register them (the
/// ports of the analyzers it loads).
fn likely_server_port(p: u16) -> bool {
    matches!(
        p,
        21 | 22
            | 23
            | 25
            | 53
            | 80
            | 88
            | 110
            | 111
            | 135
            | 139
            | 143
            | 179
            | 389
            | 443
            | 445
            | 465
            | 502
            | 513
            | 514
            | 563
            | 585
            | 587
            | 614
            | 636
            | 989
            | 990
            | 992
            | 993
            | 994
            | 995
            | 1080
            | 1194
            | 1433
            | 1723
            | 1812
            | 2049
            | 2082
            | 2083
            | 2086
            | 2087
            | 2095
            | 2096
            | 2811
            | 3128
            | 3306
            | 3389
            | 5060
            | 5061
            | 5222
            | 5223
            | 5269
            | 5432
            | 6379
            | 6660..=6669 | 6697 | 7000 | 8000 | 8080 | 8443 | 8888 | 9001 | 27017
    )
}

/// Index of Zeek's originator (0) and responder (1).
const O: usize = 0;
const R: usize = 1;

impl ZeekConn {
    /// The connection Zeek makes for its first segment `s` sent by side
    /// `from` (`NewConn`: the sender is the originator unless the ports say
    /// it is the server of a connection whose start was not captured).
    pub fn new(s: &Segment<'_>, from: Side) -> ZeekConn {
        let mut z = ZeekConn {
            orig: from,
            ep: [Endpoint::default(), Endpoint::default()],
            history: String::new(),
            hist_seen: 0,
            is_partial: false,
            first_seen: 0,
            close_at: None,
            last_time: s.ts,
        };
        let syn = s.flags.has(TcpFlags::SYN);
        let ack = s.flags.has(TcpFlags::ACK);
        if (!syn || ack) && likely_server_port(s.sport) {
            let flip = if likely_server_port(s.dport) {
                !syn && s.sport < s.dport
            } else {
                true
            };
            if flip {
                z.flip();
            }
        }
        z
    }

    /// `Connection::FlipRoles`.
    fn flip(&mut self) {
        self.orig = self.orig.other();
        self.ep.swap(O, R);
        self.first_seen = ((self.first_seen & 1) << 1) | ((self.first_seen & 2) >> 1);
        self.is_partial = false;
        self.add_history('^');
    }

    fn add_history(&mut self, c: char) {
        if self.history.len() < HISTORY_MAX {
            self.history.push(c);
        }
    }

    /// `Session::CheckHistory` through `TCP_Endpoint::CheckHistory`: adds
    /// `code` the first time the mask is seen; returns whether it had been.
    fn check_history(&mut self, e: usize, mut mask: u32, mut code: char) -> bool {
        let e = if (code == 'A' || code == 'D') && self.history == "H" {
            // A connection that began with a SYN-ACK, now seeing productive
            // traffic: Zeek flips it and pretends it saw the SYN.
            self.flip();
            self.history.clear();
            self.history.push_str("^h");
            self.first_seen |= 1;
            1 - e
        } else {
            e
        };
        if e == R {
            mask <<= 16;
            code = code.to_ascii_lowercase();
        }
        if self.hist_seen & mask == 0 {
            self.hist_seen |= mask;
            self.add_history(code);
            false
        } else {
            true
        }
    }

    fn add_endpoint_history(&mut self, e: usize, code: char) {
        self.add_history(if e == O {
            code
        } else {
            code.to_ascii_lowercase()
        });
    }

    /// The history string (`c$history`).
    pub fn history(&self) -> &str {
        &self.history
    }

    /// `conn_state()`.
    pub fn conn_state(&self) -> &'static str {
        let (os, rs) = (self.ep[O].state, self.ep[R].state);
        let o_inactive = matches!(os, ZState::Inactive | ZState::Partial);
        let r_inactive = matches!(rs, ZState::Inactive | ZState::Partial);
        if rs == ZState::Reset {
            if matches!(os, ZState::SynSent | ZState::SynAckSent)
                || (os == ZState::Reset && self.size(O) == 0 && self.size(R) == 0)
            {
                "REJ"
            } else if o_inactive {
                "RSTRH"
            } else {
                "RSTR"
            }
        } else if os == ZState::Reset {
            if r_inactive {
                if rstos0_history(&self.history) {
                    "RSTOS0"
                } else {
                    "OTH"
                }
            } else {
                "RSTO"
            }
        } else if rs == ZState::Closed && os == ZState::Closed {
            "SF"
        } else if os == ZState::Closed {
            if r_inactive { "SH" } else { "S2" }
        } else if rs == ZState::Closed {
            if o_inactive { "SHR" } else { "S3" }
        } else if os == ZState::SynSent && rs == ZState::Inactive {
            "S0"
        } else if os == ZState::Established && rs == ZState::Established {
            "S1"
        } else {
            "OTH"
        }
    }

    /// `TCP_Endpoint::Size()` of Zeek's originator (`O`) or responder (`R`):
    /// the sequence space the endpoint's data covered, SYN and FIN left out
    /// (`orig_bytes`/`resp_bytes`).
    fn size(&self, e: usize) -> u64 {
        let ep = &self.ep[e];
        let peer = &self.ep[1 - e];
        if ep.prev_state == ZState::SynSent
            && ep.state == ZState::Reset
            && peer.state == ZState::Inactive
            && !ep.no_data_acked()
        {
            return 0;
        }
        let last = Endpoint::full(ep.last_seq, ep.seq_wraps);
        let ack = Endpoint::full(ep.ack_seq, ep.ack_wraps);
        let mut size = last.max(ack).wrapping_sub(ep.start_seq) as u64;
        // Not the SYN octet, nor the FIN's.
        size = size.saturating_sub(1);
        if ep.fin_cnt > 0 {
            size = size.saturating_sub(1);
        }
        size
    }

    /// The bytes of sequence space each of the analyzer's sides sent, as
    /// Zeek counts them (`[client, server]`).
    pub fn bytes(&self) -> [u64; 2] {
        match self.orig {
            Side::Client => [self.size(O), self.size(R)],
            Side::Server => [self.size(R), self.size(O)],
        }
    }

    /// When Zeek would remove the connection (both ends closed, or a reset,
    /// then `tcp_close_delay`): a later segment starts a new connection.
    pub fn removed_by(&self) -> Option<u64> {
        self.close_at
    }

    /// `IsReuse`: whether segment `s` from side `from` starts a new
    /// connection on this 4-tuple.
    pub fn is_reuse(&self, s: &Segment<'_>, from: Side) -> bool {
        if !s.flags.has(TcpFlags::SYN) {
            return false;
        }
        let mut conn_orig = O;
        if s.flags.has(TcpFlags::ACK) {
            if self.ep[O].state != ZState::Inactive {
                return false;
            }
            conn_orig = R;
        }
        let closed = self.ep[O].did_close && self.ep[R].did_close;
        if !closed {
            if s.seq as i64 == self.ep[conn_orig].start_seq & 0xffff_ffff {
                return false;
            }
            let from_orig = from == self.orig;
            if !s.flags.has(TcpFlags::ACK)
                && self.ep[conn_orig].state == ZState::SynAckSent
                && self.ep[R].state == ZState::Inactive
                && !from_orig
                && s.seq as i64 == self.ep[R].start_seq & 0xffff_ffff
            {
                // The SYN and SYN-ACK captured in the wrong order.
                return false;
            }
        }
        true
    }

    /// The index of side `from`'s endpoint now (Zeek's endpoint objects keep
    /// their identity across a flip; here the array is swapped instead).
    fn idx(&self, from: Side) -> (usize, usize) {
        if from == self.orig { (O, R) } else { (R, O) }
    }

    /// `TCPSessionAdapter::Process` for segment `s` sent by side `from`.
    pub fn segment(&mut self, s: &Segment<'_>, from: Side) {
        let caplen = s.captured as usize;
        // Zeek's `is_orig` as computed before the segment (a flip during it
        // does not change it).
        let is_orig = from == self.orig;
        let (e, _) = self.idx(from);
        let flags = s.flags;
        let (syn, fin, rst, ack) = (
            flags.has(TcpFlags::SYN),
            flags.has(TcpFlags::FIN),
            flags.has(TcpFlags::RST),
            flags.has(TcpFlags::ACK),
        );
        let len = s.len;
        let base_seq = s.seq;
        let ack_seq = s.ack;
        // SetPartialStatus
        if is_orig {
            if self.first_seen & 1 == 0 {
                self.is_partial = !syn || ack;
            }
        } else if self.first_seen & 2 == 0 && !self.is_partial {
            self.is_partial = !syn;
        }
        // get_segment_len
        let mut seg_len = len;
        if syn {
            seg_len += 1;
        }
        if fin {
            seg_len += 1;
        }
        if rst {
            seg_len -= len;
        }
        let seq_one_past = base_seq.wrapping_add(seg_len);
        self.init_endpoint(e, flags, base_seq, seq_one_past);
        let (rel_seq, seq_underflow) =
            self.relative_seq(e, base_seq, self.ep[e].last_seq, self.ep[e].seq_wraps, true);
        self.update_history(e, flags, rel_seq, u64::from(len));
        let (e, p) = self.idx(from);
        self.update_window(e, s.win, base_seq, ack_seq, flags);
        if !self.ep[O].did_close || !self.ep[R].did_close {
            self.last_time = s.ts;
        }
        if syn {
            self.init_window(e, flags, s, base_seq, ack_seq);
        }
        if fin {
            self.ep[e].fin_cnt += 1;
            self.ep[e].fin_seq = rel_seq.wrapping_add(u64::from(seg_len));
        }
        if rst {
            self.ep[e].rst_cnt += 1;
        }
        let mut rel_ack = 0u64;
        if ack {
            if self.ep[p].state == ZState::Inactive {
                rel_ack = 1;
                let a = ack_seq.wrapping_sub(1);
                self.ep[p].init_seqs(a, a);
            } else {
                let (r, underflow) =
                    self.relative_seq(p, ack_seq, self.ep[p].ack_seq, self.ep[p].ack_wraps, true);
                if underflow {
                    rel_ack = 0;
                } else {
                    rel_ack = r;
                    if !rst {
                        let d = seq_delta(ack_seq, self.ep[p].ack_seq);
                        if !(ack_seq == 0 && d > TOO_LARGE_SEQ_DELTA) && d > 0 {
                            self.ep[p].update_ack_seq(ack_seq);
                        }
                    }
                }
            }
        }
        self.update_last_seq(e, seq_one_past, flags, len);
        let do_close = self.state_machine(e, p, base_seq, len, is_orig, flags);
        let (e, p) = self.idx(from);
        if ack {
            self.ack_received(p, rel_ack);
        }
        let rel_data_seq = if syn {
            rel_seq.wrapping_add(1)
        } else {
            rel_seq
        };
        if len > 0 && !rst && !seq_underflow && caplen >= len as usize {
            let r = &mut self.ep[e].reasm;
            if !r.skip {
                let ackrel = self.ep[e].to_relative(self.ep[e].ack_seq, self.ep[e].ack_wraps);
                let (mut sq, mut l) = (rel_data_seq, u64::from(len));
                let upper = sq + l;
                let r = &mut self.ep[e].reasm;
                if sq < ackrel {
                    if upper <= ackrel {
                        l = 0;
                    } else {
                        l -= ackrel - sq;
                        sq = ackrel;
                    }
                }
                if l > 0 {
                    r.insert(sq, l);
                }
                if self.ep[e].no_data_acked()
                    && self.ep[e].reasm.above_hole() > MAX_ABOVE_HOLE_WITHOUT_ACKS
                {
                    let r = &mut self.ep[e].reasm;
                    r.blocks.clear();
                    r.skip = true;
                }
            }
        }
        if do_close {
            self.connection_closed(e, p);
        }
    }

    fn relative_seq(
        &self,
        e: usize,
        cur: u32,
        last: u32,
        mut wraps: u32,
        check: bool,
    ) -> (u64, bool) {
        let delta = seq_delta(cur, last);
        if delta < 0 {
            if wraps > 0 && cur > last {
                wraps -= 1;
            }
        } else if delta > 0 && cur < last {
            wraps += 1;
        }
        let ep = &self.ep[e];
        if wraps == 0 {
            let d = seq_delta(cur, (ep.start_seq & 0xffff_ffff) as u32);
            return (d as i64 as u64, check && d < 0);
        }
        (ep.to_relative(cur, wraps), false)
    }

    fn init_endpoint(&mut self, e: usize, flags: TcpFlags, first: u32, last: u32) {
        let syn = flags.has(TcpFlags::SYN);
        let ep = &mut self.ep[e];
        match ep.state {
            ZState::Inactive => {
                if syn {
                    ep.init_seqs(first, last);
                } else {
                    ep.init_seqs(first.wrapping_sub(1), first);
                }
            }
            ZState::SynSent | ZState::SynAckSent => {
                if syn && i64::from(first) != ep.start_seq & 0xffff_ffff {
                    ep.init_seqs(first, last);
                }
            }
            ZState::Established | ZState::Partial => {
                if syn {
                    ep.init_seqs(first, last);
                }
            }
            ZState::Reset => {
                if syn && ep.prev_state == ZState::Inactive {
                    ep.init_seqs(first, last);
                }
            }
            ZState::Closed => {}
        }
    }

    fn update_history(&mut self, e: usize, flags: TcpFlags, rel_seq: u64, len: u64) {
        let (syn, fin, rst, ack) = (
            flags.has(TcpFlags::SYN),
            flags.has(TcpFlags::FIN),
            flags.has(TcpFlags::RST),
            flags.has(TcpFlags::ACK),
        );
        let bits = u8::from(syn) + u8::from(fin) + u8::from(rst);
        if bits > 1 {
            if fin && rst {
                self.check_history(e, HIST_FIN_RST, 'I');
            } else {
                self.check_history(e, HIST_MULTI_FLAG, 'Q');
            }
        } else if bits == 1 {
            if syn {
                let code = if ack { 'H' } else { 'S' };
                if self.check_history(e, HIST_SYN, code) && rel_seq != self.ep[e].hist_last_syn {
                    self.add_endpoint_history(e, code);
                }
                self.ep[e].hist_last_syn = rel_seq;
            }
            if fin {
                // Zeek's uint64_t sum: a relative sequence number from before
                // the initial one is a wrapped (huge) value, so the sum wraps too.
                let fin_end = rel_seq.wrapping_add(len);
                if self.check_history(e, HIST_FIN, 'F') && fin_end != self.ep[e].hist_last_fin {
                    self.add_endpoint_history(e, 'F');
                }
                self.ep[e].hist_last_fin = fin_end;
            }
            if rst {
                if self.check_history(e, HIST_RST, 'R') && rel_seq != self.ep[e].hist_last_rst {
                    self.add_endpoint_history(e, 'R');
                }
                self.ep[e].hist_last_rst = rel_seq;
            }
        } else if len > 0 {
            self.check_history(e, HIST_DATA, 'D');
        } else if ack {
            self.check_history(e, HIST_ACK, 'A');
        }
    }

    fn update_window(&mut self, e: usize, win: u16, base_seq: u32, ack_seq: u32, flags: TcpFlags) {
        let (syn, fin, rst) = (
            flags.has(TcpFlags::SYN),
            flags.has(TcpFlags::FIN),
            flags.has(TcpFlags::RST),
        );
        let scale = self.ep[e].window_scale;
        let window = u64::from(win) << scale;
        let peer_state = self.ep[1 - e].state;
        if window == 0
            && !rst
            && peer_state != ZState::Closed
            && self.ep[e].state != ZState::Reset
            && self.ep[e].win0.hit()
        {
            self.add_endpoint_history(e, 'W');
        }
        let ep = &mut self.ep[e];
        if !syn
            && !fin
            && !rst
            && ep.state != ZState::Closed
            && ep.state != ZState::Reset
            && seq_delta(base_seq, ep.window_seq) >= 0
            && seq_delta(ack_seq, ep.window_ack_seq) >= 0
        {
            ep.window = window;
            ep.window_ack_seq = ack_seq;
            ep.window_seq = base_seq;
        }
    }

    fn init_window(
        &mut self,
        e: usize,
        flags: TcpFlags,
        s: &Segment<'_>,
        base_seq: u32,
        ack_seq: u32,
    ) {
        let mut scale: Option<u8> = None;
        for o in s.options.clone() {
            if let crate::decode::TcpOption::Opt(o) = o
                && let Some(crate::decode::tcp::OptionValue::WindowScale(w)) = o.value()
            {
                scale = Some(w);
            }
        }
        match scale {
            None => {
                self.ep[e].window_scale = 0;
                if flags.has(TcpFlags::ACK) {
                    self.ep[1 - e].window_scale = 0;
                }
            }
            Some(w) => {
                self.ep[e].window_scale = w.min(14);
                self.ep[e].window_seq = base_seq;
                self.ep[e].window_ack_seq = ack_seq;
                self.ep[1 - e].window_seq = ack_seq;
                self.ep[1 - e].window_ack_seq = base_seq;
            }
        }
    }

    fn update_last_seq(&mut self, e: usize, last: u32, flags: TcpFlags, len: u32) {
        let ep = &mut self.ep[e];
        let delta = seq_delta(last, ep.last_seq);
        let big = !(-TOO_LARGE_SEQ_DELTA..=TOO_LARGE_SEQ_DELTA).contains(&delta);
        if (flags.has(TcpFlags::SYN) || flags.has(TcpFlags::RST)) && big {
        } else if flags.has(TcpFlags::FIN)
            && i64::from(ep.last_seq) == (ep.start_seq + 1) & 0xffff_ffff
        {
            ep.update_last_seq(last);
        } else if ep.state == ZState::Reset {
        } else if delta > 0 {
            ep.update_last_seq(last);
        } else if len > 0 && ep.rxmt.hit() {
            self.add_endpoint_history(e, 'T');
        }
    }

    /// What `UpdateStateMachine` does with a FIN or RST from an inactive
    /// endpoint or one in the handshake: a FIN closes it, a RST resets it;
    /// true when either came (`do_close`).
    fn fin_or_rst(&mut self, e: usize, fin: bool, rst: bool) -> bool {
        if fin {
            self.ep[e].set_state(ZState::Closed);
        }
        if rst {
            self.ep[e].set_state(ZState::Reset);
        }
        fin || rst
    }

    /// `UpdateStateMachine`; returns `do_close`.
    fn state_machine(
        &mut self,
        e: usize,
        p: usize,
        base_seq: u32,
        len: u32,
        is_orig: bool,
        flags: TcpFlags,
    ) -> bool {
        let (syn, fin, rst, ack) = (
            flags.has(TcpFlags::SYN),
            flags.has(TcpFlags::FIN),
            flags.has(TcpFlags::RST),
            flags.has(TcpFlags::ACK),
        );
        let mut do_close = false;
        match self.ep[e].state {
            ZState::Inactive => {
                let (mut e, mut p) = (e, p);
                if syn {
                    if is_orig {
                        self.ep[e].set_state(if ack {
                            ZState::SynAckSent
                        } else {
                            ZState::SynSent
                        });
                    } else {
                        if ack {
                        } else if self.ep[p].state == ZState::SynAckSent
                            && i64::from(base_seq) == self.ep[e].start_seq & 0xffff_ffff
                        {
                            // A SYN/SYN-ACK reversal: flip and establish.
                            self.is_partial = false;
                            self.flip();
                            (e, p) = (p, e);
                            self.ep[p].set_state(ZState::Established);
                            self.first_seen |= 1;
                        }
                        if self.ep[p].state == ZState::SynSent {
                            self.ep[p].set_state(ZState::Established);
                        }
                        self.ep[e].set_state(ZState::Established);
                    }
                }
                do_close |= self.fin_or_rst(e, fin, rst);
                if self.ep[e].state == ZState::Inactive {
                    if !is_orig && len == 0 && self.ep[O].state == ZState::SynSent {
                    } else if ack && self.ep[p].state == ZState::Established {
                        self.ep[e].set_state(ZState::Established);
                        self.is_partial = false;
                        self.first_seen |= if is_orig { 1 } else { 2 };
                    } else {
                        self.ep[e].set_state(ZState::Partial);
                    }
                }
            }
            ZState::SynSent | ZState::SynAckSent => {
                do_close |= self.fin_or_rst(e, fin, rst);
            }
            ZState::Established | ZState::Partial => {
                if syn
                    && self.ep[e].state == ZState::Partial
                    && self.ep[p].state == ZState::Inactive
                    && !ack
                {
                    self.ep[e].set_state(ZState::SynSent);
                }
                if fin && !rst {
                    self.ep[e].set_state(ZState::Closed);
                    if self.ep[p].state == ZState::Reset && self.ep[p].prev_state == ZState::Closed
                    {
                        // The peer's FIN then RST: a normal termination.
                        self.ep[p].set_state(ZState::Closed);
                    }
                    do_close = true;
                }
                if rst {
                    self.ep[e].set_state(ZState::Reset);
                    do_close = true;
                }
            }
            ZState::Closed => {
                if rst && self.ep[p].state != ZState::Closed {
                    self.ep[e].set_state(ZState::Reset);
                    if !self.ep[e].did_close {
                        do_close = true;
                    }
                }
            }
            ZState::Reset => {}
        }
        do_close
    }

    /// `TCP_Endpoint::AckReceived` for endpoint `d` (whose data `rel_ack`
    /// acknowledges): a hole below the acknowledgment is a content gap.
    fn ack_received(&mut self, d: usize, rel_ack: u64) {
        let ep = &self.ep[d];
        let mut seq = rel_ack;
        if ep.fin_cnt > 0 && seq >= ep.fin_seq {
            seq = ep.fin_seq.saturating_sub(1);
        }
        if seq <= ep.reasm.trim {
            return;
        }
        let partial = self.is_partial;
        let clean = self.ep[d].is_clean() && self.ep[1 - d].is_clean();
        let gaps = self.ep[d].reasm.trim_to(seq, partial);
        for _ in 0..gaps {
            if clean && self.ep[d].gap.hit() {
                self.add_endpoint_history(d, 'G');
            }
        }
    }

    /// `ConnectionClosed`: when both ends are done, Zeek removes the
    /// connection `tcp_close_delay` later.
    fn connection_closed(&mut self, e: usize, p: usize) {
        if self.ep[e].did_close {
            return;
        }
        self.ep[e].did_close = true;
        let complete = self.ep[e].state == ZState::Reset
            || self.ep[p].did_close
            || self.ep[p].state == ZState::Inactive;
        if complete {
            self.close_at = Some(self.last_time.saturating_add(CLOSE_DELAY_NS));
        }
    }

    /// Whether both of Zeek's endpoints are still in the handshake (the
    /// inactivity timeout then does not apply yet).
    pub fn in_handshake(&self) -> bool {
        self.ep[O].state.is_handshake() && self.ep[R].state.is_handshake()
    }
}

/// `tcp_close_delay`.
pub const CLOSE_DELAY_NS: u64 = 5_000_000_000;

const HIST_SYN: u32 = 0x1;
const HIST_FIN: u32 = 0x2;
const HIST_RST: u32 = 0x4;
const HIST_FIN_RST: u32 = 0x8;
const HIST_DATA: u32 = 0x10;
const HIST_ACK: u32 = 0x20;
const HIST_MULTI_FLAG: u32 = 0x40;

/// `/\^?S[^HAFGIQ]*R.*/`, the pattern `conn_state` tests for RSTOS0.
fn rstos0_history(h: &str) -> bool {
    let h = h.strip_prefix('^').unwrap_or(h);
    let Some(rest) = h.strip_prefix('S') else {
        return false;
    };
    for c in rest.chars() {
        if c == 'R' {
            return true;
        }
        if "HAFGIQ".contains(c) {
            return false;
        }
    }
    false
}
