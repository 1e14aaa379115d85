//! tcpdump's table of initial sequence numbers for relative `seq`/`ack`
//! (`tcp_seq_hash4`/`tcp_seq_hash6` in `print-tcp.c`): keyed by the address
//! pair and ports in one canonical direction, set on the first ACK-bearing
//! segment of a conversation and reset by every SYN.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use rustc_hash::FxHashMap;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Key {
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
pub(super) struct Isn {
    pub seq: u32,
    pub ack: u32,
}

#[derive(Default)]
pub(super) struct SeqTable {
    map: FxHashMap<Key, Isn>,
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
    /// Returns `(seq, ack, thseq, thack)` after tcpdump's adjustment.
    pub(super) fn relative(
        &mut self,
        k: Key,
        rev: bool,
        syn: bool,
        seq: u32,
        ack: u32,
    ) -> (u32, u32, Isn) {
        match self.map.get(&k) {
            Some(th) if !syn => {
                let th = *th;
                if rev {
                    (seq.wrapping_sub(th.ack), ack.wrapping_sub(th.seq), th)
                } else {
                    (seq.wrapping_sub(th.seq), ack.wrapping_sub(th.ack), th)
                }
            }
            _ => {
                let th = if rev {
                    Isn {
                        ack: seq,
                        seq: ack.wrapping_sub(1),
                    }
                } else {
                    Isn {
                        seq,
                        ack: ack.wrapping_sub(1),
                    }
                };
                self.map.insert(k, th);
                (seq, ack, th)
            }
        }
    }
}
