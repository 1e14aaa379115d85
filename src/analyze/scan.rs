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
//! Port lists are capped at 65 536 entries per host pair, so memory stays
//! bounded by the number of host pairs.

use std::fmt::Write as _;

use super::conn::{Conn, FxMap};
use super::diagnose::Outcome;
use super::json::endpoint;
use std::net::IpAddr as Addr;

pub const SCAN_PORTS: usize = 10;
pub const FLOOD: u64 = 20;
pub const MANY_SYN_SENT: u64 = 5;

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
}

fn push(v: &mut Vec<u16>, p: u16) {
    if v.len() < 65_536 && !v.contains(&p) {
        v.push(p);
    }
}

impl Scans {
    pub fn observe(&mut self, c: &Conn, o: Outcome) {
        if c.midstream {
            return;
        }
        if c.bytes[0] == 0 && c.bytes[1] == 0 {
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
            let e = self.half_open.entry(c.server).or_default();
            e.0 += 1;
            if e.1.len() < 65_536 {
                e.1.insert(c.client.0, ());
            }
        }
        if o == Outcome::Timeout && c.synack_count == 0 {
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
        let mut ho: Vec<_> = self.half_open.iter().collect();
        ho.sort_by_key(|(k, _)| **k);
        for ((a, port), (n, srcs)) in ho {
            if *n >= FLOOD {
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
            if *n >= MANY_SYN_SENT {
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
