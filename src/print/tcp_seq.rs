//! tcpdump's table of initial sequence numbers for relative `seq`/`ack`
//! (`tcp_seq_hash4`/`tcp_seq_hash6` in `print-tcp.c`): keyed by the address
//! pair and ports in one canonical direction, set on the first ACK-bearing
//! segment of a conversation and reset by every SYN. The table is
//! tcpdump's: it never forgets a conversation, so it grows with their number.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    V4 {
        src: [u8; 4],
        dst: [u8; 4],
        ports: u32,
    },
    V6 {
        src: [u8; 16],
        dst: [u8; 16],
        ports: u32,
    },
}

#[derive(Clone, Copy, Default)]
pub(crate) struct Isn {
    pub seq: u32,
    pub ack: u32,
}

/// The table, a map per family: an IPv4 entry is 20 bytes (a map of the
/// `Key` enum made every entry an IPv6 one's 48, and a flood of two million
/// conversations 310 MiB instead of 135).
#[derive(Default)]
pub(crate) struct SeqTable {
    v4: FxHashMap<([u8; 4], [u8; 4], u32), Isn>,
    v6: FxHashMap<([u8; 16], [u8; 16], u32), Isn>,
}

/// The canonical key and whether this segment runs in the reverse direction.
pub(super) fn key(src: &[u8], dst: &[u8], sport: u16, dport: u16) -> (Key, bool) {
    let rev = sport > dport || (sport == dport && src > dst);
    let (a, b, ports) = if rev {
        (dst, src, u32::from(dport) << 16 | u32::from(sport))
    } else {
        (src, dst, u32::from(sport) << 16 | u32::from(dport))
    };
    let k = match (<[u8; 4]>::try_from(a), <[u8; 4]>::try_from(b)) {
        (Ok(src), Ok(dst)) => Key::V4 { src, dst, ports },
        _ => {
            let mut s = [0u8; 16];
            let mut d = [0u8; 16];
            if let (Some(s6), Some(d6)) = (a.get(..16), b.get(..16)) {
                s.copy_from_slice(s6);
                d.copy_from_slice(d6);
            }
            Key::V6 {
                src: s,
                dst: d,
                ports,
            }
        }
    };
    (k, rev)
}

impl SeqTable {
    /// tcpdump's lookup: whether a conversation's ISNs were already known
    /// (and this is not a SYN), and the entry in force after this segment
    /// (a new one is stored from `seq`/`ack`).
    pub(super) fn lookup(&mut self, op: &SeqOp) -> (bool, Isn) {
        match op.key {
            Key::V4 { src, dst, ports } => entry(&mut self.v4, (src, dst, ports), op),
            Key::V6 { src, dst, ports } => entry(&mut self.v6, (src, dst, ports), op),
        }
    }
}

/// [`SeqTable::lookup`] in one family's map.
fn entry<K: std::hash::Hash + Eq>(map: &mut FxHashMap<K, Isn>, k: K, op: &SeqOp) -> (bool, Isn) {
    match map.entry(k) {
        Entry::Occupied(e) if !op.syn => (true, *e.get()),
        e => {
            let th = if op.rev {
                Isn {
                    ack: op.seq,
                    seq: op.ack.wrapping_sub(1),
                }
            } else {
                Isn {
                    seq: op.seq,
                    ack: op.ack.wrapping_sub(1),
                }
            };
            e.insert_entry(th);
            (false, th)
        }
    }
}

/// One segment's use of the table: what [`SeqTable::lookup`] needs. The
/// threaded pipeline formats segments out of order and replays these in
/// packet order (see [`super::deferred`]).
#[derive(Clone, Copy)]
pub(crate) struct SeqOp {
    pub key: Key,
    pub rev: bool,
    pub syn: bool,
    pub seq: u32,
    pub ack: u32,
}

/// Which printed number a raw value becomes.
#[derive(Clone, Copy)]
pub(crate) enum Rel {
    /// `seq A:B` (both ends).
    Seq,
    /// `ack A`.
    Ack,
    /// A SACK block edge: relative to the ISN of the acknowledged side,
    /// even when the segment created the entry.
    Sack,
}

/// The number tcpdump prints for `raw` after [`SeqTable::lookup`] returned
/// `(found, th)`: relative when the conversation was known; SACK edges are
/// always relative to the entry in force.
pub(crate) fn printed(found: bool, rev: bool, th: Isn, raw: u32, rel: Rel) -> u32 {
    match rel {
        Rel::Seq if found => raw.wrapping_sub(if rev { th.ack } else { th.seq }),
        Rel::Ack if found => raw.wrapping_sub(if rev { th.seq } else { th.ack }),
        Rel::Seq | Rel::Ack => raw,
        Rel::Sack => raw.wrapping_sub(if rev { th.seq } else { th.ack }),
    }
}
