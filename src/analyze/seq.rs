//! Per-direction sequence analysis with Wireshark's `tcp.analysis.*`
//! definitions (`tcp_analyze_sequence_number()` in epan/dissectors/packet-tcp.c
//! of Wireshark 4.0.17, what Debian's tshark runs; checked in this order;
//! "next" is the highest sequence number seen plus its length in this
//! direction, "peer" the other direction; comparisons are modulo 2^32, so
//! sequence numbers wrap):
//!
//! - **zero window probe**: 1 payload byte at exactly `next` while the peer
//!   advertises a window of 0.
//! - **zero window**: window field 0 on a segment without SYN, FIN or RST.
//! - **previous segment not captured** (`lost_segment`): seq beyond `next`
//!   (not on a RST).
//! - **keep-alive**: at most 1 byte, no SYN/FIN/RST, seq = `next` − 1.
//! - **window full**: payload ending exactly at the edge of the window the
//!   peer last advertised (its last ACK field plus its last window, shifted
//!   by its scale unless that window came with its SYN), no SYN/FIN/RST, and
//!   only once the handshake told whether scaling is used (Wireshark's
//!   `win_scale` is -1, unknown, until a SYN is seen).
//! - **keep-alive ACK**: no payload, same window and ACK as this direction's
//!   last segment (non-zero), seq = `next`, answering a keep-alive of the peer.
//! - **duplicate ACK**: no payload, no SYN/FIN/RST, non-zero window equal to
//!   the last one, seq = `next`, ack = this direction's last ACK.
//! - **ACKed unseen segment** (`ack_lost_segment`): an ACK beyond the
//!   highest contiguous end the peer was seen to send. Past a hole it is
//!   flagged and the mark moves to the peer's `next`; past everything the
//!   peer sent, it is flagged once until the peer's own ACK moves.
//! - for a segment with payload (or SYN/FIN), not a keep-alive:
//!   **spurious retransmission** when the peer had already acknowledged all
//!   its data (tested first, even when the segment does not go below
//!   `next`: the ACK may be captured before the data); then, only when it
//!   starts below `next` (but not more than one byte at `next` − 1, which
//!   adds data): **fast retransmission** when the peer sent ≥ 2 duplicate
//!   ACKs for exactly this seq and its last segment (of any kind) less than
//!   20 ms before (Wireshark's `lastacktime`); else **out-of-order** when
//!   less than the handshake RTT (3 ms when unknown) passed since `next`
//!   last grew and the segment does not end at `next`; else
//!   **retransmission**. Elapsed times are unsigned, as Wireshark's: a
//!   segment stamped before its reference is neither fast nor out of order.
//!   As in Wireshark, fast and spurious retransmissions are retransmissions
//!   too (`tcp.analysis.retransmission` matches them).
//! - a SYN repeated with the connection's sequence number rewinds `next` to
//!   the highest contiguous end (`maxseqtobeacked`), so it is a
//!   retransmission; the ACK field of every segment is remembered, ACK flag
//!   or not, and the duplicate-ACK test does not look at the flag.
//! - `next` grows on every segment but a zero-window probe, a RST's too;
//!   as Wireshark's `nextseq` (and `lastack`), 0 means "none yet", so a RST
//!   numbered 0 leaves it unset for the next segment to set.
//! - **reused ports** is the connection table's (`conn.rs`): a SYN with a
//!   new number on a 4-tuple seen before, a SYN-ACK with another number.
//!
//! SACK blocks (RFC 2018) are counted; a D-SACK (RFC 2883) is a first block
//! at or below the segment's cumulative ACK, or inside the second block.

use crate::decode::TcpFlags;

use super::segment::Segment;

/// Wraparound-aware `a < b` (RFC 1982 serial arithmetic).
#[inline]
pub fn lt(a: u32, b: u32) -> bool {
    (a.wrapping_sub(b) as i32) < 0
}
#[inline]
pub fn gt(a: u32, b: u32) -> bool {
    lt(b, a)
}

/// What the analysis found about one segment (bit set).
pub mod flag {
    pub const RETRANSMISSION: u16 = 1;
    pub const FAST_RETRANSMISSION: u16 = 1 << 1;
    pub const SPURIOUS_RETRANSMISSION: u16 = 1 << 2;
    pub const OUT_OF_ORDER: u16 = 1 << 3;
    pub const LOST_SEGMENT: u16 = 1 << 4;
    pub const DUP_ACK: u16 = 1 << 5;
    pub const ZERO_WINDOW: u16 = 1 << 6;
    pub const WINDOW_PROBE: u16 = 1 << 7;
    pub const KEEP_ALIVE: u16 = 1 << 8;
    pub const KEEP_ALIVE_ACK: u16 = 1 << 9;
    pub const ZERO_WINDOW_PROBE_ACK: u16 = 1 << 10;
    pub const WINDOW_UPDATE: u16 = 1 << 11;
    pub const ACK_LOST_SEGMENT: u16 = 1 << 12;
    pub const WINDOW_FULL: u16 = 1 << 13;
    /// Set by the connection table, not by `analyze`: a SYN that
    /// starts a new conversation on a 4-tuple seen before, or a SYN-ACK
    /// with another number than its direction's first.
    pub const REUSED_PORTS: u16 = 1 << 14;

    /// Wireshark's `tcp.analysis.*` field name of each flag.
    pub const NAMES: [(u16, &str); 15] = [
        (RETRANSMISSION, "retransmission"),
        (FAST_RETRANSMISSION, "fast_retransmission"),
        (SPURIOUS_RETRANSMISSION, "spurious_retransmission"),
        (OUT_OF_ORDER, "out_of_order"),
        (LOST_SEGMENT, "lost_segment"),
        (DUP_ACK, "duplicate_ack"),
        (ZERO_WINDOW, "zero_window"),
        (WINDOW_PROBE, "zero_window_probe"),
        (KEEP_ALIVE, "keep_alive"),
        (KEEP_ALIVE_ACK, "keep_alive_ack"),
        (ZERO_WINDOW_PROBE_ACK, "zero_window_probe_ack"),
        (WINDOW_UPDATE, "window_update"),
        (ACK_LOST_SEGMENT, "ack_lost_segment"),
        (WINDOW_FULL, "window_full"),
        (REUSED_PORTS, "reused_ports"),
    ];
}

/// One direction's sequence state.
#[derive(Clone, Copy, Debug, Default)]
pub struct Dir {
    pub next: Option<u32>,
    /// When `next` last grew (ns).
    pub next_at: u64,
    pub last_ack: Option<u32>,
    pub win: Option<u16>,
    /// Wireshark's `dupacknum`: this direction's duplicate ACKs in a row;
    /// -1 once an acknowledgement of its unseen data was flagged, so the
    /// next one is not (until this direction's own ACK moves).
    pub dup_acks_run: i32,
    /// Wireshark's `maxseqtobeacked`.
    pub max_to_be_acked: Option<u32>,
    /// When this direction last sent a segment (ns): Wireshark's
    /// `lastacktime`, the clock of the fast-retransmission test.
    pub last_at: u64,
    /// The analysis flags of this direction's previous segment.
    pub last_flags: u16,
    /// Since when this direction has advertised a zero window (ns).
    pub zero_since: Option<u64>,
    /// Accumulated zero-window time (ns).
    pub zero_ns: u64,
    /// Data segments sent (payload > 0).
    pub data_segments: u64,
    /// Wireshark's `base_seq`, what the relative numbers shown (`--json`'s
    /// `seq`/`ack`, the packets table's) are counted from: a SYN's number,
    /// else one before the direction's first segment's (so it is 1), or,
    /// before it sent any, one before the first acknowledgement of it
    /// (`tcp_analyze_sequence_number`). A SYN (no ACK) with this number
    /// rewinds `next` (`Conn::shown`).
    pub shown_base: Option<u32>,
    /// Wireshark's `win_scale` of this direction, for the window-full test.
    pub scale: Scale,
    /// This direction's last window came with its SYN (Wireshark's
    /// `is_first_ack`): a SYN's window is never scaled.
    pub syn_window: bool,
}

/// Wireshark's idea of a direction's window scaling (`win_scale`: -1, -2 or
/// the shift), which is not the RFC's: a window scale option on any segment
/// sets it, and a SYN settles it for both directions when it was unknown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scale {
    /// No SYN seen yet (-1): the window's edge is unknown.
    #[default]
    Unknown,
    /// Not used (-2): the window field is the window.
    Unused,
    /// The shift (clamped to 14, as RFC 7323 says and Wireshark does).
    Shift(u8),
}

/// Counters the analysis accumulates, per connection.
#[derive(Clone, Copy, Debug, Default)]
pub struct Counts {
    pub retransmissions: u64,
    pub fast_retransmissions: u64,
    pub spurious_retransmissions: u64,
    /// Retransmitted SYNs and SYN-ACKs (part of `retransmissions`).
    pub syn_retransmissions: u64,
    pub out_of_order: u64,
    pub lost_segments: u64,
    pub dup_acks: u64,
    pub zero_windows: u64,
    pub window_probes: u64,
    pub keepalives: u64,
    pub keepalive_acks: u64,
    pub sacks: u64,
    pub dsacks: u64,
}

const FAST_RETRANS_NS: u64 = 20_000_000;
const DEFAULT_OOO_NS: u64 = 3_000_000;

/// Analyses one segment sent in direction `fwd` (the peer's state is `rev`),
/// updates both and the counters; returns the [`flag`]s found.
/// `rtt_ns`: the handshake RTT if known (Wireshark's out-of-order threshold).
pub fn analyze(
    fwd: &mut Dir,
    rev: &mut Dir,
    c: &mut Counts,
    s: &Segment<'_>,
    rtt_ns: Option<u64>,
) -> u16 {
    use flag::*;
    let synfin = s.flags.any(TcpFlags::SYN | TcpFlags::FIN);
    let ctl = s.flags.any(TcpFlags::SYN | TcpFlags::FIN | TcpFlags::RST);
    let rst = s.flags.has(TcpFlags::RST);
    let has_ack = s.flags.has(TcpFlags::ACK);
    let mut f = 0u16;
    // Wireshark's `nextseq`, whose 0 means "none yet" (a RST with
    // sequence number 0 leaves it unset, so the next segment sets it).
    let next = fwd.next.unwrap_or(0);
    'checks: {
        if s.len == 1 && next == s.seq && rev.win == Some(0) {
            f |= WINDOW_PROBE;
            break 'checks;
        }
        if s.win == 0 && !ctl {
            f |= ZERO_WINDOW;
        }
        if next != 0 && gt(s.seq, next) && !rst {
            f |= LOST_SEGMENT;
        }
        if s.len <= 1 && !ctl && next.wrapping_sub(1) == s.seq {
            f |= KEEP_ALIVE;
        }
        // A segment without data, at `next`, acknowledging what the last
        // one did, with another (non-zero) window. Wireshark's unset
        // `nextseq` and `lastack` are 0, its unset window none.
        if s.len == 0
            && s.win != 0
            && fwd.win != Some(s.win)
            && next == s.seq
            && fwd.last_ack.unwrap_or(0) == s.ack
            && !ctl
        {
            f |= WINDOW_UPDATE;
        }
        // The data reaches the edge of the window the peer last offered.
        // Wireshark's unset window is 2^32 - 1 and its unset ACK 0; all of
        // it modulo 2^32.
        if s.len > 0 && !ctl && rev.scale != Scale::Unknown {
            let shift = match rev.scale {
                Scale::Shift(n) if !rev.syn_window => n,
                _ => 0,
            };
            let window = rev.win.map_or(u32::MAX, u32::from) << shift;
            let edge = rev.last_ack.unwrap_or(0).wrapping_add(window);
            if s.seq.wrapping_add(s.len) == edge {
                f |= WINDOW_FULL;
            }
        }
        let same = s.len == 0
            && !ctl
            && next == s.seq
            && fwd.last_ack.unwrap_or(0) == s.ack
            && fwd.win == Some(s.win);
        if same && s.win != 0 && rev.last_flags & KEEP_ALIVE != 0 {
            f |= KEEP_ALIVE_ACK;
            break 'checks;
        }
        if same && s.win == 0 && rev.last_flags & WINDOW_PROBE != 0 {
            f |= ZERO_WINDOW_PROBE_ACK;
            break 'checks;
        }
        // Wireshark's duplicate-ACK test does not look at the ACK flag.
        if same && s.win != 0 {
            fwd.dup_acks_run = fwd.dup_acks_run.max(0) + 1;
            f |= DUP_ACK;
        }
    }
    if fwd.last_ack.unwrap_or(0) != s.ack {
        fwd.dup_acks_run = 0;
    }
    // An acknowledgement past the end of what the other side was seen to
    // send contiguously (`maxseqtobeacked`): segments the capture missed
    // ("ACKed unseen segment"). Past a hole (the mark below the peer's
    // `nextseq`) it is flagged and the mark moves to `nextseq`; past all
    // the peer sent, it is flagged once until the peer's own ACK moves
    // (its duplicate-ACK count set to -1), so an ACK repeated while the peer
    // is silent is not flagged again.
    if has_ack
        && let Some(m) = rev.max_to_be_acked
        && m != 0
        && gt(s.ack, m)
    {
        let peer_next = rev.next.unwrap_or(0);
        if lt(m, peer_next) {
            rev.max_to_be_acked = Some(peer_next);
            f |= ACK_LOST_SEGMENT;
        } else {
            if rev.dup_acks_run == 0 {
                f |= ACK_LOST_SEGMENT;
            }
            rev.dup_acks_run = -1;
        }
    }
    if (s.len > 0 || synfin) && f & KEEP_ALIVE == 0 {
        let mut not_advanced = next != 0 && lt(s.seq, next);
        // More than one byte starting at `next - 1` adds data: not a
        // retransmission (Wireshark's exemption after the keep-alive test).
        if s.len > 1 && next.wrapping_sub(1) == s.seq {
            not_advanced = false;
        }
        // Elapsed times are unsigned in Wireshark: a segment stamped before
        // the reference is "long after" it, never fast nor out of order.
        let since_peer = s.ts.checked_sub(rev.last_at).unwrap_or(u64::MAX);
        let since_next = s.ts.checked_sub(fwd.next_at).unwrap_or(u64::MAX);
        let end = s.seq.wrapping_add(s.len).wrapping_add(u32::from(synfin));
        // Spurious: all its data acknowledged already, whether or not it
        // goes below `next` (the ACK may have been captured first).
        if s.len > 0
            && rev
                .last_ack
                .is_some_and(|a| a != 0 && !gt(s.seq.wrapping_add(s.len), a))
        {
            f |= SPURIOUS_RETRANSMISSION | RETRANSMISSION;
        } else if not_advanced
            && since_peer < FAST_RETRANS_NS
            && rev.dup_acks_run >= 2
            && rev.last_ack.unwrap_or(0) == s.seq
        {
            f |= FAST_RETRANSMISSION | RETRANSMISSION;
        } else if not_advanced && since_next < rtt_ns.unwrap_or(DEFAULT_OOO_NS) && next != end {
            f |= OUT_OF_ORDER;
        } else if not_advanced {
            f |= RETRANSMISSION;
        }
    }
    // Bookkeeping, as Wireshark's: next grows (not on a zero-window probe; a
    // RST too, whose number is usually where the data ended).
    let end = s.seq.wrapping_add(s.len).wrapping_add(u32::from(synfin));
    if f & WINDOW_PROBE == 0 && (next == 0 || gt(end, next)) {
        fwd.next = Some(end);
        fwd.next_at = s.ts;
    }
    // `maxseqtobeacked`: the highest contiguous end, for a SYN repeated
    // with the same sequence number.
    if f & WINDOW_PROBE == 0 && fwd.max_to_be_acked.is_none_or(|m| m == s.seq) {
        fwd.max_to_be_acked = fwd.next;
    }
    // Wireshark records the ACK field of every segment, flag or not.
    fwd.last_ack = Some(s.ack);
    fwd.win = Some(s.win);
    fwd.last_flags = f;
    fwd.last_at = s.ts;
    // Nearly every segment after the handshake carries `nop,nop,TS` and
    // nothing else: then neither a window scale nor SACK blocks, and one
    // look at the options says so (instead of one per option searched).
    let plain = s.options.hlen_is_zero() || s.options.only_timestamps().is_some();
    scaling(fwd, rev, s, plain);
    // Zero-window time: from the first zero window to the next non-zero one.
    if !ctl || rst {
        match (s.win == 0 && !ctl, fwd.zero_since) {
            (true, None) => fwd.zero_since = Some(s.ts),
            (false, Some(t)) => {
                fwd.zero_ns += s.ts.saturating_sub(t);
                fwd.zero_since = None;
            }
            _ => {}
        }
    }
    if s.len > 0 {
        fwd.data_segments += 1;
    }
    if !plain {
        let (blocks, n) = s.sack_blocks();
        if n > 0 {
            c.sacks += 1;
            if let Some(&(l0, r0)) = blocks.first() {
                let below = has_ack && !gt(r0, s.ack);
                let inside = n > 1
                    && blocks
                        .get(1)
                        .is_some_and(|&(l1, r1)| !lt(l0, l1) && !gt(r0, r1));
                if below || inside {
                    c.dsacks += 1;
                }
            }
        }
    }
    count(c, f, s.flags);
    f
}

/// Wireshark's window-scaling bookkeeping after a segment (`dissect_tcp`):
/// a window scale option sets the sender's shift, whatever the segment; a
/// SYN then settles scaling as unused for both directions if the sender's
/// was unknown, and for the SYN-ACK's sender if its peer's SYN had none; a
/// SYN's window is unscaled until the sender's first ACK without SYN.
/// `plain`: the segment has no options but timestamps.
fn scaling(fwd: &mut Dir, rev: &mut Dir, s: &Segment<'_>, plain: bool) {
    if !plain && let Some(w) = s.wscale() {
        fwd.scale = Scale::Shift(w.min(14));
    }
    let syn = s.flags.has(TcpFlags::SYN);
    let ack = s.flags.has(TcpFlags::ACK);
    if syn {
        if fwd.scale == Scale::Unknown {
            fwd.scale = Scale::Unused;
            rev.scale = Scale::Unused;
        } else if ack && rev.scale == Scale::Unused {
            fwd.scale = Scale::Unused;
        }
        fwd.syn_window = true;
    } else if ack {
        fwd.syn_window = false;
    }
}

fn count(c: &mut Counts, f: u16, tcp_flags: TcpFlags) {
    use flag::*;
    if f & RETRANSMISSION != 0 {
        c.retransmissions += 1;
        if tcp_flags.has(TcpFlags::SYN) {
            c.syn_retransmissions += 1;
        }
    }
    c.fast_retransmissions += u64::from(f & FAST_RETRANSMISSION != 0);
    c.spurious_retransmissions += u64::from(f & SPURIOUS_RETRANSMISSION != 0);
    c.out_of_order += u64::from(f & OUT_OF_ORDER != 0);
    c.lost_segments += u64::from(f & LOST_SEGMENT != 0);
    c.dup_acks += u64::from(f & DUP_ACK != 0);
    c.zero_windows += u64::from(f & ZERO_WINDOW != 0);
    c.window_probes += u64::from(f & WINDOW_PROBE != 0);
    c.keepalives += u64::from(f & KEEP_ALIVE != 0);
    c.keepalive_acks += u64::from(f & KEEP_ALIVE_ACK != 0);
}
