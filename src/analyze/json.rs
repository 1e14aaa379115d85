//! JSON Lines output (serde_json). Connection objects carry exactly the keys
//! of the README's schema; times are RFC 3339 in UTC; addresses are
//! `"10.0.0.1:5000"` / `"[fd00::1]:5000"`.

use serde_json::{Map, Value, json};

use super::conn::Conn;
use super::diagnose::Outcome;
use super::endpoint::{State, zeek_conn_state};
use super::wire::{Addr, Seg, each_option};

/// `10.0.0.1:5000` / `[fd00::1]:5000`.
pub fn endpoint(a: Addr, port: u16) -> String {
    std::net::SocketAddr::new(a.ip(), port).to_string()
}

/// RFC 3339 UTC with microseconds (nanoseconds when the capture has them).
pub fn rfc3339(ns: u64, nano: bool) -> String {
    let secs = i64::try_from(ns / 1_000_000_000).unwrap_or(i64::MAX);
    let sub = (ns % 1_000_000_000) as u32;
    match chrono::DateTime::from_timestamp(secs, sub) {
        Some(t) if nano => t.format("%Y-%m-%dT%H:%M:%S%.9fZ").to_string(),
        Some(t) => t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
        None => String::from("invalid"),
    }
}

pub fn zeek_state(c: &Conn) -> &'static str {
    zeek_conn_state(
        c.ep[0].zeek,
        c.ep[1].zeek,
        c.bytes[0],
        c.bytes[1],
        c.history.as_str(),
    )
}

/// One connection object.
pub fn connection(c: &Conn, o: Outcome, diagnosis: &str, nano: bool) -> Value {
    let k = &c.counts;
    let zero: u64 = c
        .dir
        .iter()
        .map(|d| d.zero_ns + d.zero_since.map_or(0, |t| c.last.saturating_sub(t)))
        .sum();
    let syns = c.syn_count.min(super::conn::SYN_TIMES as u32) as usize;
    let intervals: Vec<f64> = c
        .syn_times
        .get(..syns)
        .unwrap_or_default()
        .windows(2)
        .map(|w| {
            round3(
                w.get(1)
                    .copied()
                    .unwrap_or(0)
                    .saturating_sub(w.first().copied().unwrap_or(0)) as f64
                    / 1e9,
            )
        })
        .collect();
    let syn_span = c
        .syn_times
        .get(syns.saturating_sub(1))
        .map_or(0, |l| l.saturating_sub(c.syn_times[0]));
    let close_wait =
        c.ep.iter()
            .filter_map(|e| {
                e.fin_received_at
                    .map(|t| e.fin_sent_at.unwrap_or(c.last).saturating_sub(t))
            })
            .max()
            .unwrap_or(0);
    let half_closed = match (c.ep[0].fin_sent_at, c.ep[1].fin_sent_at) {
        (Some(a), Some(b)) => a.max(b) - a.min(b),
        (Some(a), None) | (None, Some(a)) => c.last.saturating_sub(a),
        (None, None) => 0,
    };
    let scan_answer = (c.syn_count > 0 && c.bytes[0] == 0 && c.bytes[1] == 0).then(|| {
        if c.synack_count > 0 {
            "syn_ack"
        } else if o == Outcome::Refused {
            "rst"
        } else {
            "none"
        }
    });
    let mut v = json!({
        "client": endpoint(c.client.0, c.client.1),
        "server": endpoint(c.server.0, c.server.1),
        "start": rfc3339(c.start, nano),
        "end": rfc3339(c.last, nano),
        "duration_s": round6(c.last.saturating_sub(c.start) as f64 / 1e9),
        "packets_c2s": c.packets[0],
        "packets_s2c": c.packets[1],
        "bytes_c2s": c.bytes[0],
        "bytes_s2c": c.bytes[1],
        "client_state": c.ep[0].state.name(),
        "server_state": c.ep[1].state.name(),
        "outcome": o.key(),
        "zeek_state": zeek_state(c),
        "history": c.history.as_str(),
        "syn_count": c.syn_count,
        "syn_intervals_s": intervals,
        "synack_count": c.synack_count,
        "handshake_rtt_ms": c.rtt_ns.map(|r| round3(r as f64 / 1e6)),
        "retransmissions": k.retransmissions,
        "fast_retransmissions": k.fast_retransmissions,
        "spurious_retransmissions": k.spurious_retransmissions,
        "dup_acks": k.dup_acks,
        "out_of_order": k.out_of_order,
        "lost_segments": k.lost_segments,
        "zero_windows": k.zero_windows,
        "zero_window_s": round6(zero as f64 / 1e9),
        "window_probes": k.window_probes,
        "keepalives": k.keepalives,
        "keepalive_acks": k.keepalive_acks,
        "sacks": k.sacks,
        "dsacks": k.dsacks,
        "rsts": c.rsts,
        "midstream": c.midstream,
        "diagnosis": diagnosis,
    });
    let extra = json!({
        "client_fin": c.ep[0].fin_seq.is_some(),
        "server_fin": c.ep[1].fin_seq.is_some(),
        "icmp_type": c.icmp.map(|(v6, _)| if v6 { 1 } else { 3 }),
        "icmp_code": c.icmp.map(|(_, code)| code),
        "syn_span_s": round6(syn_span as f64 / 1e9),
        "close_wait_s": round6(close_wait as f64 / 1e9),
        "half_closed_s": round6(half_closed as f64 / 1e9),
        "scan_answer": scan_answer,
    });
    if let (Value::Object(m), Value::Object(x)) = (&mut v, extra) {
        m.extend(x);
    }
    v
}

fn round3(x: f64) -> f64 {
    (x * 1e3).round() / 1e3
}
fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// `--states --json`: `{"client": {"TIME_WAIT": 3, …}, "server": {…}}`
/// (states with a zero count left out).
pub fn states(t: &[[u64; 11]; 2]) -> Value {
    let side = |row: &[u64; 11]| {
        let mut m = Map::new();
        for s in State::ALL {
            let n = row.get(s.index()).copied().unwrap_or(0);
            if n > 0 {
                m.insert(s.name().into(), n.into());
            }
        }
        Value::Object(m)
    };
    json!({"client": side(&t[0]), "server": side(&t[1])})
}

/// tcpdump's flag letters (`[S.]`).
pub fn flag_letters(f: u8) -> String {
    let mut s = String::new();
    for (bit, c) in [
        (0x02, 'S'),
        (0x01, 'F'),
        (0x08, 'P'),
        (0x04, 'R'),
        (0x20, 'U'),
        (0x40, 'E'),
        (0x80, 'W'),
    ] {
        if f & bit != 0 {
            s.push(c);
        }
    }
    if f & 0x10 != 0 {
        s.push('.');
    }
    if s.is_empty() {
        s.push_str("none");
    }
    s
}

/// The options as objects (`{"kind": "mss", "value": 1460}`).
pub fn options(o: &[u8]) -> Value {
    let mut v = Vec::new();
    let mut rest = o;
    // NOPs are not in each_option's callback; count them separately.
    while let Some((&1, r)) = rest.split_first() {
        v.push(json!({"kind": "nop"}));
        rest = r;
    }
    each_option(rest, |kind, d| {
        let be16 = |i: usize| d.get(i..i + 2).map(|b| u16::from_be_bytes([b[0], b[1]]));
        let be32 = |i: usize| {
            d.get(i..i + 4)
                .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        };
        v.push(match kind {
            2 => json!({"kind": "mss", "value": be16(0)}),
            3 => json!({"kind": "wscale", "value": d.first()}),
            4 => json!({"kind": "sackOK"}),
            5 => {
                let blocks: Vec<Value> = (0..d.len() / 8)
                    .map(|i| json!([be32(i * 8), be32(i * 8 + 4)]))
                    .collect();
                json!({"kind": "sack", "blocks": blocks})
            }
            8 => json!({"kind": "TS", "val": be32(0), "ecr": be32(4)}),
            k => json!({"kind": k, "len": d.len() + 2}),
        });
    });
    Value::Array(v)
}

/// One packet (`--json` alone). `rel`: sequence and ack numbers relative to
/// each direction's first, when the connection is known.
pub fn packet(ts: u64, nano: bool, s: &Seg<'_>, rel: Option<(u32, u32)>) -> Value {
    json!({
        "ts": rfc3339(ts, nano),
        "src": s.src.ip().to_string(),
        "dst": s.dst.ip().to_string(),
        "sport": s.sport,
        "dport": s.dport,
        "flags": flag_letters(s.flags),
        "seq": rel.map(|r| r.0),
        "ack": rel.map(|r| r.1),
        "seq_raw": s.seq,
        "ack_raw": s.ack,
        "win": s.win,
        "len": s.len,
        "options": options(s.opts),
    })
}
