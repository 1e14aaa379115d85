//! Connections that are only an attempt so far, kept small.
//!
//! Under a SYN flood nearly every entry of the table is a 4-tuple that sent
//! one SYN (or a SYN the server answered, and nothing more). A full
//! [`Conn`] is a kilobyte; an [`Embryo`] keeps only what its handshake
//! segments carried (the SYN's and the SYN-ACK's header fields, the window
//! scale they offered, when each was sent), about 64 bytes. It is exact,
//! not a summary: [`Embryo::replay`] feeds the same segments again, through
//! the same [`Conn::segment`], to make the connection the full path would
//! have made. It happens when the 4-tuple sends anything else (the
//! handshake completes, a RST, data, a different SYN), when the connection
//! is reported, or when its states are counted (`--at`).
//!
//! An embryo takes segments only when replaying them gives the same result
//! as analysing them as they came: bare SYNs from the client all alike (a
//! retransmitted first SYN), SYN-ACKs from the server all alike, no payload,
//! no option the analysis reads but the window scale (given once), and
//! capture times that fit microseconds after the first (a nanosecond
//! capture's sub-microsecond times go the full path). Anything else makes it
//! a full connection first.
//!
//! A 4-tuple whose first segment is not a SYN (a capture that starts in the
//! middle of a connection, or a flood of spoofed ACKs or data, which makes a
//! connection of each) is held the same way when that segment leaves the
//! connection neither ended nor over (a bare ACK, data, a FIN): a *lone*
//! embryo, one segment (its payload's length and bytes captured kept, which
//! is all the analysis reads of it), that takes nothing more (the next
//! segment of its 4-tuple makes it a full connection). It is not an attempt
//! (a full connection of it says so too), so the table's limit keeps it
//! after attempts and by age.

use std::net::IpAddr;

use crate::decode::TcpFlags;
use crate::decode::tcp::{OptionValue, TcpOptions, kind};

use super::conn::{Conn, Key, Numbered};
use super::segment::Segment;

/// Segments an embryo holds; one more makes it a full connection.
pub const EVENTS: usize = 6;

/// The header fields of a handshake segment that the analysis reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Hs {
    seq: u32,
    ack: u32,
    win: u16,
    flags: u8,
    /// The window scale option's shift, [`NO_WS`] for none.
    ws: u8,
}

const NO_WS: u8 = 0xff;

/// A connection that so far is handshake segments only.
#[derive(Clone, Debug)]
pub struct Embryo {
    pub id: u64,
    /// Its `tcp.stream` (an embryo never continues a conversation).
    pub stream: u64,
    /// The first segment's time (ns).
    pub start: u64,
    /// The client is the lower end of the table's key (else the higher):
    /// the key holds the addresses.
    client_lo: bool,
    syn: Hs,
    synack: Hs,
    /// Segments held; bit `i` of `from_server`: segment `i` is a SYN-ACK.
    n: u8,
    from_server: u8,
    /// Segments 1.. as microseconds after the first; a lone embryo (one
    /// segment) keeps its payload's length and bytes captured in the first
    /// two ([`Embryo::lone_payload`]).
    after_us: [u32; EVENTS - 1],
    /// The first segment was not a SYN ([`Embryo::new`]): held alone.
    lone: bool,
}

/// A segment's fields, if an embryo can hold it: no payload (but a lone
/// segment's, `payload`: the analysis reads its length and how much was
/// captured, never its bytes), the whole header captured, no SACK blocks,
/// and the window scale option as both readers of it find it (the first,
/// as `Conn` takes it, and the last, as Zeek's `init_window` does).
fn fields(s: &Segment<'_>, payload: bool) -> Option<Hs> {
    if (!payload && (s.len != 0 || s.captured != 0)) || !s.header_fits {
        return None;
    }
    // `Conn` takes the value of the first window scale option (`find`: the
    // same walk, stopped there), Zeek the last well-formed one; a replay
    // gives one option, so they must agree.
    let mut first: Option<Option<u8>> = None;
    let mut last = None;
    for o in s.options.clone() {
        if let crate::decode::TcpOption::Opt(o) = o {
            if o.kind == kind::SACK {
                return None;
            }
            if o.kind == kind::WSCALE {
                let v = match o.value() {
                    Some(OptionValue::WindowScale(w)) => Some(w),
                    _ => None,
                };
                first.get_or_insert(v);
                if v.is_some() {
                    last = v;
                }
            }
        }
    }
    let first = first.flatten();
    if first != last || first == Some(NO_WS) {
        return None;
    }
    Some(Hs {
        seq: s.seq,
        ack: s.ack,
        win: s.win,
        flags: s.flags.bits(),
        ws: first.unwrap_or(NO_WS),
    })
}

fn bare_syn(s: &Segment<'_>) -> bool {
    s.flags.has(TcpFlags::SYN) && !s.flags.any(TcpFlags::ACK | TcpFlags::RST | TcpFlags::FIN)
}

fn syn_ack(s: &Segment<'_>) -> bool {
    s.flags.has(TcpFlags::SYN | TcpFlags::ACK) && !s.flags.any(TcpFlags::RST | TcpFlags::FIN)
}

impl Embryo {
    /// An embryo for the first segment of a 4-tuple, if it can hold it (a
    /// bare SYN, or a lone segment: see the module's doc), and the numbers
    /// the full connection gives that segment.
    pub fn new(id: u64, stream: u64, key: &Key, s: &Segment<'_>) -> Option<(Embryo, Numbered)> {
        let syn = bare_syn(s);
        if !syn && s.flags.has(TcpFlags::SYN) {
            return None;
        }
        let first = fields(s, !syn)?;
        let numbers = if syn {
            // A first SYN's: its own base, the acknowledgement raw (no ACK
            // flag), no analysis flag
            // (`tests::packets_table_embryos_give_the_full_facts`).
            Numbered {
                rel_seq: 0,
                rel_ack: s.ack,
                analysis: 0,
            }
        } else {
            // What the connection becomes decides (a RST may end it).
            let mut c = Conn::new(id, s);
            let n = c.numbered(s);
            if c.over_at().is_some() || c.ended() || c.reported || c.handshake_only {
                return None;
            }
            n
        };
        let e = Embryo {
            id,
            stream,
            start: s.ts,
            client_lo: key.lo() == (s.src, s.sport),
            syn: first,
            synack: first,
            n: 1,
            from_server: 0,
            after_us: if syn {
                [0; EVENTS - 1]
            } else {
                [s.len, s.captured, 0, 0, 0]
            },
            lone: !syn,
        };
        Some((e, numbers))
    }

    /// A lone embryo's payload: its length and the bytes captured of it
    /// (none for a handshake's segments).
    fn lone_payload(&self) -> (u32, u32) {
        if self.lone {
            (self.after_us[0], self.after_us[1])
        } else {
            (0, 0)
        }
    }

    /// Whether it is a connection attempt (a SYN and its answers), not a
    /// lone segment.
    pub fn attempt(&self) -> bool {
        !self.lone
    }

    /// Takes one more segment of the 4-tuple; false (and unchanged) if the
    /// embryo cannot hold it.
    pub fn take(&mut self, key: &Key, s: &Segment<'_>) -> bool {
        let i = usize::from(self.n);
        if self.lone || i >= EVENTS || s.ts < self.start {
            return false;
        }
        let dt = s.ts - self.start;
        let Ok(us) = u32::try_from(dt / 1000) else {
            return false;
        };
        if !dt.is_multiple_of(1000) {
            return false;
        }
        let Some(f) = fields(s, false) else {
            return false;
        };
        let from_client = (s.src, s.sport) == self.ends(key).0;
        let answered = self.from_server != 0;
        if from_client && bare_syn(s) && f == self.syn {
            // The first SYN again: the same connect().
        } else if !from_client && syn_ack(s) && (!answered || f == self.synack) {
            self.synack = f;
            self.from_server |= 1 << i;
        } else {
            return false;
        }
        if let Some(t) = self.after_us.get_mut(i - 1) {
            *t = us;
        }
        self.n += 1;
        true
    }

    /// Time of the last segment (ns).
    pub fn last(&self) -> u64 {
        let n = usize::from(self.n);
        match n.checked_sub(2).and_then(|i| self.after_us.get(i)) {
            Some(&us) => self.start + u64::from(us) * 1000,
            None => self.start,
        }
    }

    /// (client, server).
    fn ends(&self, key: &Key) -> ((IpAddr, u16), (IpAddr, u16)) {
        if self.client_lo {
            (key.lo(), key.hi())
        } else {
            (key.hi(), key.lo())
        }
    }

    /// The full connection: the held segments fed again as they came
    /// (`numbered`, so the relative numbers' bases are set as they were).
    pub fn replay(&self, key: &Key) -> Conn {
        let mut c = self.with_segment(key, 0, |s| {
            let mut c = Conn::new(self.id, s);
            c.stream = self.stream;
            c.numbered(s);
            c
        });
        for i in 1..usize::from(self.n) {
            self.with_segment(key, i, |s| c.numbered(s));
        }
        c
    }

    /// Calls `f` with held segment `i` as it was analysed.
    fn with_segment<R>(&self, key: &Key, i: usize, f: impl FnOnce(&Segment<'_>) -> R) -> R {
        let (client, server) = self.ends(key);
        let (len, captured) = self.lone_payload();
        let ts = match i.checked_sub(1).and_then(|k| self.after_us.get(k)) {
            Some(&us) => self.start + u64::from(us) * 1000,
            None => self.start,
        };
        let (h, from, to) = if self.from_server & (1 << i) != 0 {
            (self.synack, server, client)
        } else {
            (self.syn, client, server)
        };
        // The header as far as the analysis reads it: the window scale
        // option alone, as the segment's own list gave it.
        let mut hdr = [0u8; 24];
        let hlen = if h.ws == NO_WS {
            0
        } else {
            hdr[20..24].copy_from_slice(&[kind::WSCALE, 3, h.ws, kind::NOP]);
            4
        };
        f(&Segment {
            src: from.0,
            dst: to.0,
            sport: from.1,
            dport: to.1,
            seq: h.seq,
            ack: h.ack,
            flags: TcpFlags(h.flags),
            win: h.win,
            len,
            captured,
            options: TcpOptions::new(&hdr, hlen),
            header_fits: true,
            payload: None,
            ts,
        })
    }
}
