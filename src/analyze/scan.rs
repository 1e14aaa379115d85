//! Findings about many connections at once, made at the end of the input:
//!
//! - **port scan**: one source host opened connections without payload to at
//!   least [`SCAN_PORTS`] distinct ports of one destination host; says which
//!   ports answered SYN-ACK (open), RST (closed) and nothing (filtered), as
//!   nmap reports them.
//! - **SYN flood**: at least [`FLOOD`] half-open connections (SYN-ACK never
//!   acknowledged, the server in SYN_RECEIVED) to one server port.
//! - **server not answering**: at least [`MANY_SYN_SENT`] connections to one
//!   server port left in SYN_SENT (clients retrying a silent server).
//!
//! - **SYN flood** (the attempts): at least [`FLOOD_ATTEMPTS`] connections
//!   to one server port that never got past the handshake (no answer, a
//!   SYN-ACK never acknowledged, or a RST), nearly all a single SYN (a
//!   spoofed source does not retry): how many SYNs, from how many sources,
//!   how many were answered. Past [`FOLD_AFTER`] such connections to one
//!   target, `--connections` and `--diagnose` stop listing them one by one
//!   (unless `--flood-detail`): the finding sums them up.
//!
//! Memory is bounded whatever the capture holds: port lists at 65 536 per
//! host pair, host pairs at [`PAIRS_MAX`] (pairs with a single port are
//! forgotten first: a spoofed flood makes one per SYN), targets at
//! [`TARGETS_MAX`], distinct sources at [`SOURCES_MAX`] per target.

use std::fmt::Write as _;

use super::conn::{Conn, FxMap};
use super::diagnose::Outcome;
use super::endpoint::State;
use super::json::endpoint;
use std::net::IpAddr as Addr;

pub const SCAN_PORTS: usize = 10;
pub const FLOOD: u64 = 20;
pub const MANY_SYN_SENT: u64 = 5;
/// Attempts to one target that make a SYN flood.
pub const FLOOD_ATTEMPTS: u64 = 1000;
/// Attempts to one target listed one by one before they are summed up.
pub const FOLD_AFTER: u64 = 1000;
/// Host pairs kept at most: a flood of spoofed SYNs to random hosts makes
/// one per SYN (2^18 of them were 89 MB with the map's doubling); a scan's
/// pair gathers ports and outlives the pruning of single-port pairs.
pub const PAIRS_MAX: usize = 1 << 15;
/// Server ports kept at most per finding (the same flood makes one per
/// SYN; a finding needs several connections to one, which outlive the
/// pruning of those with one).
pub const TARGETS_MAX: usize = 1 << 14;
/// Distinct sources counted exactly per target; past it, estimated.
pub const SOURCES_MAX: usize = 1 << 12;
/// Targets whose sources are estimated at most (4 KiB each).
pub const ESTIMATED_MAX: usize = 1 << 12;

/// HyperLogLog (Flajolet et al., 2007) with 4096 one-byte registers: the
/// distinct sources of a flood in 4 KiB, within about 1.6% (a spoofed
/// flood has as many sources as SYNs; an exact set would cost more than
/// the table).
struct Hll(Box<[u8; 1 << 12]>);

impl Hll {
    fn new() -> Hll {
        Hll(Box::new([0; 1 << 12]))
    }

    fn insert(&mut self, a: &Addr) {
        use std::hash::{BuildHasher, Hasher};
        let mut h = rustc_hash::FxBuildHasher.build_hasher();
        std::hash::Hash::hash(a, &mut h);
        // splitmix64's finalizer: FxHash's bits are not uniform enough.
        let mut x = h.finish();
        x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        x ^= x >> 31;
        let i = (x >> 52) as usize;
        let rank = ((x << 12) | (1 << 11)).leading_zeros() as u8 + 1;
        if let Some(r) = self.0.get_mut(i) {
            *r = (*r).max(rank);
        }
    }

    fn estimate(&self) -> u64 {
        let m = self.0.len() as f64;
        let sum: f64 = self.0.iter().map(|&r| 2f64.powi(-i32::from(r))).sum();
        let zeros = self.0.iter().filter(|&&r| r == 0).count();
        let raw = 0.7213 / (1.0 + 1.079 / m) * m * m / sum;
        if raw <= 2.5 * m && zeros > 0 {
            (m * (m / zeros as f64).ln()).round() as u64
        } else {
            raw.round() as u64
        }
    }
}

/// Connections to one server port that never got past the handshake.
#[derive(Default)]
struct Attempts {
    conns: u64,
    /// SYNs the clients sent in them.
    syns: u64,
    /// Answered by a SYN-ACK (never acknowledged) or by a RST.
    synack: u64,
    rst: u64,
    /// Not listed one by one (past [`FOLD_AFTER`]).
    folded: u64,
    sources: rustc_hash::FxHashSet<Addr>,
    /// Past [`SOURCES_MAX`] distinct sources: their estimate (or none, past
    /// [`ESTIMATED_MAX`] such targets: "more than").
    estimate: Option<Hll>,
    sources_full: bool,
}

#[derive(Default)]
struct Probe {
    open: Vec<u16>,
    closed: Vec<u16>,
    silent: Vec<u16>,
}

#[derive(Default)]
pub struct Scans {
    probes: FxMap<(Addr, Addr), Probe>,
    half_open: FxMap<(Addr, u16), (u64, FxMap<Addr, ()>)>,
    syn_sent: FxMap<(Addr, u16), u64>,
    attempts: FxMap<(Addr, u16), Attempts>,
    /// Targets with an estimate of their sources.
    estimated: usize,
}

/// Whether `c`, reported with outcome `o`, is an attempt: a connection
/// that never got past the handshake and carried nothing.
pub fn attempt(c: &Conn, o: Outcome) -> bool {
    !c.midstream
        && c.bytes[0] == 0
        && c.bytes[1] == 0
        && c.syn_count > 0
        && matches!(
            o,
            Outcome::Timeout | Outcome::HalfOpen | Outcome::Refused | Outcome::Cut
        )
        && c.ep[1].state != State::Established
}

/// Drops entries of `m` whose weight is at or below a rising floor until
/// at most half of `max` are left.
fn prune<K: std::hash::Hash + Eq, V>(m: &mut FxMap<K, V>, max: usize, weight: impl Fn(&V) -> u64) {
    let mut floor = 1;
    while m.len() > max / 2 {
        m.retain(|_, v| weight(v) > floor);
        floor = floor.saturating_mul(2);
    }
}

fn push(v: &mut Vec<u16>, p: u16) {
    if v.len() < 65_536 && !v.contains(&p) {
        v.push(p);
    }
}

impl Scans {
    /// Counts an attempt to its target; true if it is to be summed up
    /// rather than listed (the target had [`FOLD_AFTER`] already).
    pub fn attempt(&mut self, c: &Conn, o: Outcome, may_fold: bool) -> bool {
        if self.attempts.len() >= TARGETS_MAX && !self.attempts.contains_key(&c.server) {
            prune(&mut self.attempts, TARGETS_MAX, |a| a.conns);
        }
        let a = self.attempts.entry(c.server).or_default();
        a.conns += 1;
        a.syns += u64::from(c.syn_count);
        if c.synack_count > 0 {
            a.synack += 1;
        } else if o == Outcome::Refused {
            a.rst += 1;
        }
        if let Some(h) = a.estimate.as_mut() {
            h.insert(&c.client.0);
        } else if a.sources.len() < SOURCES_MAX {
            a.sources.insert(c.client.0);
        } else if !a.sources_full && !a.sources.contains(&c.client.0) {
            if self.estimated < ESTIMATED_MAX {
                self.estimated += 1;
                let mut h = Hll::new();
                for x in a.sources.iter().chain(std::iter::once(&c.client.0)) {
                    h.insert(x);
                }
                a.estimate = Some(h);
            } else {
                a.sources_full = true;
            }
        }
        let fold = may_fold && a.conns > FOLD_AFTER;
        if fold {
            a.folded += 1;
        }
        fold
    }

    /// Whether attempts to `server` are a SYN flood.
    pub fn is_flood(&self, server: (Addr, u16)) -> bool {
        self.attempts.get(&server).is_some_and(flood)
    }

    pub fn observe(&mut self, c: &Conn, o: Outcome, folded: bool) {
        if c.midstream {
            return;
        }
        // A flood's attempts are summed up in its finding; as port probes
        // they would make one host pair per spoofed source.
        if c.bytes[0] == 0 && c.bytes[1] == 0 && !folded {
            if self.probes.len() >= PAIRS_MAX
                && !self.probes.contains_key(&(c.client.0, c.server.0))
            {
                prune(&mut self.probes, PAIRS_MAX, |p| {
                    (p.open.len() + p.closed.len() + p.silent.len()) as u64
                });
            }
            let p = self.probes.entry((c.client.0, c.server.0)).or_default();
            let port = c.server.1;
            if c.synack_count > 0 {
                push(&mut p.open, port);
            } else if o == Outcome::Refused {
                push(&mut p.closed, port);
            } else {
                push(&mut p.silent, port);
            }
        }
        if o == Outcome::HalfOpen {
            if self.half_open.len() >= TARGETS_MAX && !self.half_open.contains_key(&c.server) {
                prune(&mut self.half_open, TARGETS_MAX, |e| e.0);
            }
            let e = self.half_open.entry(c.server).or_default();
            e.0 += 1;
            if e.1.len() < 65_536 {
                e.1.insert(c.client.0, ());
            }
        }
        if o == Outcome::Timeout && c.synack_count == 0 {
            if self.syn_sent.len() >= TARGETS_MAX && !self.syn_sent.contains_key(&c.server) {
                prune(&mut self.syn_sent, TARGETS_MAX, |n| *n);
            }
            *self.syn_sent.entry(c.server).or_default() += 1;
        }
    }

    /// Whether `client` → `server` host pair was found to be a port scan.
    pub fn is_scan(&self, client: Addr, server: Addr) -> bool {
        self.probes
            .get(&(client, server))
            .is_some_and(|p| p.open.len() + p.closed.len() + p.silent.len() >= SCAN_PORTS)
    }

    /// The sentences, in a stable order.
    pub fn findings(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut pairs: Vec<_> = self.probes.iter().collect();
        pairs.sort_by_key(|(k, _)| **k);
        for ((src, dst), p) in pairs {
            let n = p.open.len() + p.closed.len() + p.silent.len();
            if n < SCAN_PORTS {
                continue;
            }
            let mut s = format!(
                "port scan: {} probed {n} ports on {}: {} answered SYN-ACK",
                src,
                dst,
                p.open.len()
            );
            list(&mut s, &p.open);
            let _ = write!(s, ", {} RST", p.closed.len());
            list(&mut s, &p.closed);
            let _ = write!(s, ", {} nothing", p.silent.len());
            list(&mut s, &p.silent);
            out.push(s);
        }
        out.extend(self.floods());
        let mut ho: Vec<_> = self.half_open.iter().collect();
        ho.sort_by_key(|(k, _)| **k);
        for ((a, port), (n, srcs)) in ho {
            if *n >= FLOOD && !self.is_flood((*a, *port)) {
                out.push(format!(
                    "SYN flood: {n} half-open connections to {} from {} sources, \
                     the server left in SYN_RECEIVED",
                    endpoint(*a, *port),
                    srcs.len()
                ));
            }
        }
        let mut ss: Vec<_> = self.syn_sent.iter().collect();
        ss.sort_by_key(|(k, _)| **k);
        for ((a, port), n) in ss {
            if *n >= MANY_SYN_SENT && !self.is_flood((*a, *port)) {
                out.push(format!(
                    "server not answering: {n} connections to {} left in SYN_SENT \
                     (clients retrying)",
                    endpoint(*a, *port)
                ));
            }
        }
        out
    }
}

impl Scans {
    /// One line per SYN flood (and per target whose attempts were summed
    /// up without being one), in a stable order.
    pub fn floods(&self) -> Vec<String> {
        let mut t: Vec<_> = self
            .attempts
            .iter()
            .filter(|(_, a)| flood(a) || a.folded > 0)
            .collect();
        t.sort_by_key(|(k, _)| **k);
        t.into_iter()
            .map(|((addr, port), a)| {
                let what = if flood(a) {
                    "SYN flood"
                } else {
                    "many attempts"
                };
                let sources = match &a.estimate {
                    Some(h) => format!("about {}", h.estimate()),
                    None if a.sources_full => format!("more than {}", a.sources.len()),
                    None => a.sources.len().to_string(),
                };
                let mut s = format!(
                    "{what}: {} SYNs from {sources} sources to {} ({} connections), \
                     {} answered by SYN-ACK, {} by RST",
                    a.syns,
                    endpoint(*addr, *port),
                    a.conns,
                    a.synack,
                    a.rst,
                );
                if a.folded > 0 {
                    let _ = write!(
                        s,
                        "; {} of its connections not listed (--flood-detail lists them)",
                        a.folded
                    );
                }
                s
            })
            .collect()
    }
}

/// Attempts that make a SYN flood: many, nearly all a single SYN.
fn flood(a: &Attempts) -> bool {
    a.conns >= FLOOD_ATTEMPTS && a.syns.saturating_mul(2) < a.conns.saturating_mul(3)
}

/// " (22, 80, 443)" for up to 20 ports, sorted; nothing for none.
fn list(s: &mut String, ports: &[u16]) {
    if ports.is_empty() {
        return;
    }
    let mut p = ports.to_vec();
    p.sort_unstable();
    s.push_str(" (");
    for (i, x) in p.iter().take(20).enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        let _ = write!(s, "{x}");
    }
    if p.len() > 20 {
        s.push_str(", …");
    }
    s.push(')');
}
