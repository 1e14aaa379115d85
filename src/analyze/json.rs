//! The analyzer's records as typed, serializable structs ([`Connection`],
//! [`Packet`]) and their JSON Lines form (serde derive + serde_json). Keys
//! are declared in alphabetical order, the order the objects have always had.
//! Times are RFC 3339 in UTC; addresses are `"10.0.0.1:5000"` /
//! `"[fd00::1]:5000"`. TCP flags and options come from `crate::decode::tcp`,
//! the code the printed line uses, so `--json` says what `Flags [...]` and
//! `options [...]` say.

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};

use serde::Serialize;

use super::conn::{Conn, SYN_TIMES};
use super::diagnose::Outcome;
use super::endpoint::State;
use super::segment::Segment;
use crate::decode::tcp::{OptionValue, SackBlocks, TcpOption, TcpOptions};

/// `10.0.0.1:5000` / `[fd00::1]:5000`.
pub fn endpoint(a: IpAddr, port: u16) -> String {
    SocketAddr::new(a, port).to_string()
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
    c.zeek.conn_state()
}

/// One connection as `--connections --json` writes it (README's schema).
#[derive(Clone, Debug, Serialize)]
pub struct Connection {
    pub bytes_c2s: u64,
    pub bytes_s2c: u64,
    pub client: String,
    pub client_fin: bool,
    pub client_state: &'static str,
    pub close_wait_s: f64,
    pub diagnosis: String,
    pub dsacks: u64,
    pub dup_acks: u64,
    pub duration_s: f64,
    pub end: String,
    pub fast_retransmissions: u64,
    pub half_closed_s: f64,
    pub handshake_rtt_ms: Option<f64>,
    pub history: String,
    pub icmp_code: Option<u8>,
    pub icmp_type: Option<u8>,
    /// RSTs the receiver would ignore (outside its window, RFC 5961).
    pub ignored_rsts: u32,
    pub keepalive_acks: u64,
    pub keepalives: u64,
    pub lost_segments: u64,
    pub midstream: bool,
    /// Zeek's `orig_bytes`: the sequence space the client's data covered
    /// (missing and retransmitted bytes counted once), not a payload sum.
    pub orig_bytes: u64,
    pub out_of_order: u64,
    pub outcome: &'static str,
    pub packets_c2s: u64,
    pub packets_s2c: u64,
    /// Zeek's `resp_bytes` (see `orig_bytes`).
    pub resp_bytes: u64,
    pub retransmissions: u64,
    pub rsts: u32,
    pub sacks: u64,
    pub scan_answer: Option<&'static str>,
    pub server: String,
    pub server_fin: bool,
    pub server_state: &'static str,
    pub spurious_retransmissions: u64,
    pub start: String,
    /// The connection's number as Wireshark's `tcp.stream` (from 0, in
    /// order of first segment): what `--graph N` takes.
    pub stream: u64,
    pub syn_count: u32,
    pub syn_intervals_s: Vec<f64>,
    pub syn_span_s: f64,
    pub synack_count: u32,
    pub window_probes: u64,
    pub zeek_state: &'static str,
    pub zero_window_s: f64,
    pub zero_windows: u64,
    /// The connection's number: 0-based, in the order of each
    /// connection's first packet (the table exports' `conn_id`, which
    /// joins packets to connections; not in `--json`).
    #[serde(skip)]
    pub conn_id: u64,
    /// `start` and `end` in nanoseconds since the epoch (typed columns).
    #[serde(skip)]
    pub start_ns: u64,
    #[serde(skip)]
    pub end_ns: u64,
    /// The ends of `client` and `server`, apart.
    #[serde(skip)]
    pub client_addr: (IpAddr, u16),
    #[serde(skip)]
    pub server_addr: (IpAddr, u16),
}

impl Connection {
    /// The record of a connection reported with outcome `o`.
    pub fn new(c: &Conn, o: Outcome, diagnosis: &str, nano: bool) -> Connection {
        let k = &c.counts;
        let zero: u64 = c
            .dir
            .iter()
            .map(|d| d.zero_ns + d.zero_since.map_or(0, |t| c.last.saturating_sub(t)))
            .sum();
        let syns = c.syn_count.min(SYN_TIMES as u32) as usize;
        let times = c.syn_times.get(..syns).unwrap_or_default();
        let intervals = times
            .windows(2)
            .map(|w| match w {
                [a, b] => round3(b.saturating_sub(*a) as f64 / 1e9),
                _ => 0.0,
            })
            .collect();
        let syn_span = match (times.first(), times.last()) {
            (Some(f), Some(l)) => l.saturating_sub(*f),
            _ => 0,
        };
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
        let zeek_bytes = c.zeek.bytes();
        Connection {
            bytes_c2s: c.bytes[0],
            bytes_s2c: c.bytes[1],
            client: endpoint(c.client.0, c.client.1),
            client_fin: c.ep[0].fin_seq.is_some(),
            client_state: c.ep[0].state.name(),
            close_wait_s: round6(close_wait as f64 / 1e9),
            diagnosis: diagnosis.to_string(),
            dsacks: k.dsacks,
            dup_acks: k.dup_acks,
            duration_s: round6(c.last.saturating_sub(c.start) as f64 / 1e9),
            end: rfc3339(c.last, nano),
            fast_retransmissions: k.fast_retransmissions,
            half_closed_s: round6(half_closed as f64 / 1e9),
            handshake_rtt_ms: c.rtt_ns.map(|r| round3(r as f64 / 1e6)),
            history: c.zeek.history().to_string(),
            icmp_code: c.icmp.map(|(_, code)| code),
            icmp_type: c.icmp.map(|(v6, _)| if v6 { 1 } else { 3 }),
            ignored_rsts: c.ignored_rsts,
            keepalive_acks: k.keepalive_acks,
            keepalives: k.keepalives,
            lost_segments: k.lost_segments,
            midstream: c.midstream,
            orig_bytes: zeek_bytes[0],
            out_of_order: k.out_of_order,
            outcome: o.key(),
            packets_c2s: c.packets[0],
            packets_s2c: c.packets[1],
            resp_bytes: zeek_bytes[1],
            retransmissions: k.retransmissions,
            rsts: c.rsts,
            sacks: k.sacks,
            scan_answer,
            server: endpoint(c.server.0, c.server.1),
            server_fin: c.ep[1].fin_seq.is_some(),
            server_state: c.ep[1].state.name(),
            spurious_retransmissions: k.spurious_retransmissions,
            start: rfc3339(c.start, nano),
            stream: c.stream,
            syn_count: c.syn_count,
            syn_intervals_s: intervals,
            syn_span_s: round6(syn_span as f64 / 1e9),
            synack_count: c.synack_count,
            window_probes: k.window_probes,
            zeek_state: zeek_state(c),
            zero_window_s: round6(zero as f64 / 1e9),
            zero_windows: k.zero_windows,
            conn_id: c.id.saturating_sub(1),
            start_ns: c.start,
            end_ns: c.last,
            client_addr: c.client,
            server_addr: c.server,
        }
    }
}

fn round3(x: f64) -> f64 {
    (x * 1e3).round() / 1e3
}
fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// `--states --json`: `{"client": {"TIME_WAIT": 3, …}, "server": {…}}`
/// (states with a zero count left out).
#[derive(Serialize)]
pub struct States {
    client: BTreeMap<&'static str, u64>,
    server: BTreeMap<&'static str, u64>,
}

impl States {
    pub fn new(t: &[[u64; 11]; 2]) -> States {
        let side = |row: &[u64; 11]| {
            State::ALL
                .iter()
                .filter_map(|s| {
                    let n = row.get(s.index()).copied().unwrap_or(0);
                    (n > 0).then(|| (s.name(), n))
                })
                .collect()
        };
        States {
            client: side(&t[0]),
            server: side(&t[1]),
        }
    }
}

/// One TCP option of a `--json` packet: tcpdump's name for its kind
/// (`unknown-N` where tcpdump has none), and its value when the option is
/// well formed; `malformed` when its length is wrong for its kind or its
/// bytes were not all captured.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TcpOptionRecord {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocks: Option<Vec<[u32; 2]>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ecr: Option<u32>,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub len: Option<u8>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub malformed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub val: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<u32>,
}

/// The options of a segment, as the printed line's `options [...]` lists them.
pub fn options(s: &Segment<'_>) -> Vec<TcpOptionRecord> {
    option_records(s.options.clone())
}

/// TCP options as `--json` lists them (the table exports' `tcp_options`).
pub fn option_records(opts: TcpOptions<'_>) -> Vec<TcpOptionRecord> {
    let mut v = Vec::new();
    for item in opts {
        let o = match item {
            TcpOption::Opt(o) => o,
            TcpOption::Cut => break,
            TcpOption::BadLen { kind, len } => {
                v.push(TcpOptionRecord {
                    kind: kind_name(kind),
                    len: Some(len),
                    malformed: true,
                    ..Default::default()
                });
                break;
            }
        };
        let mut r = TcpOptionRecord {
            kind: kind_name(o.kind),
            ..Default::default()
        };
        match o.value() {
            Some(OptionValue::Mss(m)) => r.value = Some(u32::from(m)),
            Some(OptionValue::WindowScale(w)) => r.value = Some(u32::from(w)),
            Some(OptionValue::UserTimeout(t)) => r.value = Some(u32::from(t)),
            Some(OptionValue::Sack(b)) => r.blocks = Some(b.map(|(l, r)| [l, r]).collect()),
            Some(OptionValue::Timestamps { val, ecr }) => {
                r.val = Some(val);
                r.ecr = Some(ecr);
            }
            Some(OptionValue::Other(d)) => {
                r.len = Some(o.len);
                if !d.is_empty() {
                    r.data = Some(d.iter().map(|b| format!("{b:02x}")).collect());
                }
            }
            Some(OptionValue::Eol | OptionValue::Nop | OptionValue::SackPermitted) => {}
            None => {
                r.len = Some(o.len);
                r.malformed = true;
            }
        }
        v.push(r);
    }
    v
}

/// What `serde_json::to_string(&option_records(opts))` gives, written
/// straight into `out` (the packets table's `tcp_options`, one per TCP
/// row: no record, no allocation). The keys in the records' order
/// (alphabetical); `tests::options_text_is_serde_json` holds the two equal.
pub fn write_option_records(opts: TcpOptions<'_>, out: &mut String) {
    out.push('[');
    for (i, item) in opts.enumerate() {
        if matches!(item, TcpOption::Cut) {
            break;
        }
        if i > 0 {
            out.push(',');
        }
        write_option_record(&item, out);
        if !matches!(item, TcpOption::Opt(_)) {
            break;
        }
    }
    out.push(']');
}

/// One option's record as [`write_option_records`] writes it, `{…}` (none
/// for [`TcpOption::Cut`], which ends the list): the packets table's
/// `tcp_options_other` lists some of a segment's options.
pub fn write_option_record(item: &TcpOption<'_>, out: &mut String) {
    fn num(out: &mut String, key: &str, v: u32) {
        out.push_str(key);
        out.push_str(itoa::Buffer::new().format(v));
    }
    /// `"kind":"NAME"` of every kind, made once: the packets table writes
    /// it for every option it lists.
    fn kind(out: &mut String, k: u8) {
        static T: std::sync::OnceLock<[String; 256]> = std::sync::OnceLock::new();
        let t = T.get_or_init(|| {
            std::array::from_fn(|k| {
                let mut s = String::from("\"kind\":\"");
                escape_into(&mut s, option_kind_name(u8::try_from(k).unwrap_or(0)));
                s.push('"');
                s
            })
        });
        out.push_str(&t[usize::from(k)]);
    }
    let o = match *item {
        TcpOption::Opt(o) => o,
        TcpOption::Cut => return,
        TcpOption::BadLen { kind: k, len } => {
            out.push('{');
            kind(out, k);
            num(out, ",\"len\":", u32::from(len));
            out.push_str(",\"malformed\":true}");
            return;
        }
    };
    out.push('{');
    match o.value() {
        Some(OptionValue::Mss(m)) => {
            kind(out, o.kind);
            num(out, ",\"value\":", u32::from(m));
        }
        Some(OptionValue::WindowScale(w)) => {
            kind(out, o.kind);
            num(out, ",\"value\":", u32::from(w));
        }
        Some(OptionValue::UserTimeout(t)) => {
            kind(out, o.kind);
            num(out, ",\"value\":", u32::from(t));
        }
        Some(OptionValue::Sack(b)) => {
            out.push_str("\"blocks\":");
            write_sack_blocks(b, out);
            out.push(',');
            kind(out, o.kind);
        }
        Some(OptionValue::Timestamps { val, ecr }) => {
            num(out, "\"ecr\":", ecr);
            out.push(',');
            kind(out, o.kind);
            num(out, ",\"val\":", val);
        }
        Some(OptionValue::Other(d)) => {
            if !d.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\"data\":\"");
                for b in d {
                    out.push(char::from(HEX[usize::from(b >> 4)]));
                    out.push(char::from(HEX[usize::from(b & 0xf)]));
                }
                out.push_str("\",");
            }
            kind(out, o.kind);
            num(out, ",\"len\":", u32::from(o.len));
        }
        Some(OptionValue::Eol | OptionValue::Nop | OptionValue::SackPermitted) => {
            kind(out, o.kind);
        }
        None => {
            kind(out, o.kind);
            num(out, ",\"len\":", u32::from(o.len));
            out.push_str(",\"malformed\":true");
        }
    }
    out.push('}');
}

/// A SACK option's blocks as `--json`'s `blocks`: `[[left,right],…]`.
pub fn write_sack_blocks(blocks: SackBlocks<'_>, out: &mut String) {
    out.push('[');
    for (i, (l, r)) in blocks.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        out.push_str(itoa::Buffer::new().format(l));
        out.push(',');
        out.push_str(itoa::Buffer::new().format(r));
        out.push(']');
    }
    out.push(']');
}

/// An option kind's name as `--json`'s `kind` gives it (`mss`, `TS`,
/// `unknown-99`), from a table made once.
pub fn option_kind_name(k: u8) -> &'static str {
    static T: std::sync::OnceLock<[String; 256]> = std::sync::OnceLock::new();
    &T.get_or_init(|| std::array::from_fn(|k| kind_name(u8::try_from(k).unwrap_or(0))))
        [usize::from(k)]
}

/// `s` as serde_json escapes a string's characters (without the quotes).
fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[(u32::from(c) >> 4) as usize]));
                out.push(char::from(HEX[(u32::from(c) & 0xf) as usize]));
            }
            c => out.push(c),
        }
    }
}

/// tcpdump's option name, `unknown-N` for the kinds it has none for.
fn kind_name(k: u8) -> String {
    match crate::decode::tcp::kind_name(k) {
        Some(n) if !n.is_empty() => n.to_string(),
        _ => format!("unknown-{k}"),
    }
}

/// One packet (`--json` alone).
#[derive(Clone, Debug, Serialize)]
pub struct Packet {
    pub ack: Option<u32>,
    /// What the sequence analysis found, by Wireshark's `tcp.analysis.*`
    /// names (`retransmission`, `duplicate_ack`, …); left out when nothing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub analysis: Vec<&'static str>,
    pub ack_raw: u32,
    pub dport: u16,
    pub dst: String,
    /// tcpdump's letters, in tcpdump's order (`Flags [S.]` → `S.`).
    pub flags: String,
    pub len: u32,
    pub options: Vec<TcpOptionRecord>,
    pub seq: Option<u32>,
    pub seq_raw: u32,
    pub sport: u16,
    pub src: String,
    /// Wireshark's `tcp.stream` of its connection, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream: Option<u64>,
    pub ts: String,
    pub win: u16,
}

impl Packet {
    /// The packet with its connection's `tcp.stream`.
    pub fn in_stream(mut self, stream: u64) -> Packet {
        self.stream = Some(stream);
        self
    }

    /// `rel`: sequence and ack numbers relative to each direction's first,
    /// when the connection is known.
    pub fn new(nano: bool, s: &Segment<'_>, rel: Option<(u32, u32)>, analysis: u16) -> Packet {
        Packet {
            ack: rel.map(|r| r.1),
            analysis: super::seq::flag::NAMES
                .iter()
                .filter(|(bit, _)| analysis & bit != 0)
                .map(|(_, name)| *name)
                .collect(),
            ack_raw: s.ack,
            dport: s.dport,
            dst: s.dst.to_string(),
            flags: s.flags.to_string(),
            len: s.len,
            options: options(s),
            seq: rel.map(|r| r.0),
            seq_raw: s.seq,
            sport: s.sport,
            src: s.src.to_string(),
            stream: None,
            ts: rfc3339(s.ts, nano),
            win: s.win,
        }
    }
}

/// A packet that is not TCP (`--json` alone).
#[derive(Serialize)]
pub struct OtherPacket {
    pub len: u32,
    pub tcp: bool,
    pub ts: String,
}

/// One finding over many connections (`--diagnose --json`).
#[derive(Serialize)]
pub struct Finding<'a> {
    pub finding: &'a str,
}

/// Writes `v` as one JSON line.
pub fn line(out: &mut Vec<u8>, v: &impl Serialize) {
    if serde_json::to_writer(&mut *out, v).is_ok() {
        out.push(b'\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn both(opts: &[u8], hlen: usize) -> (String, String) {
        let mut seg = vec![0u8; crate::decode::tcp::TcpView::HEADER_LEN];
        seg.extend_from_slice(opts);
        let serde = serde_json::to_string(&option_records(TcpOptions::new(&seg, hlen))).unwrap();
        let mut direct = String::new();
        write_option_records(TcpOptions::new(&seg, hlen), &mut direct);
        (serde, direct)
    }

    #[test]
    fn options_text_is_serde_json_on_known_options() {
        for (opts, want) in [
            (&[][..], "[]"),
            (
                &[
                    2, 4, 5, 180, 4, 2, 8, 10, 0, 0, 1, 0, 0, 0, 0, 0, 1, 3, 3, 7,
                ][..],
                r#"[{"kind":"mss","value":1460},{"kind":"sackOK"},{"ecr":0,"kind":"TS","val":256},{"kind":"nop"},{"kind":"wscale","value":7}]"#,
            ),
            (
                &[1, 1, 5, 10, 0, 0, 0, 1, 0, 0, 0, 9][..],
                r#"[{"kind":"nop"},{"kind":"nop"},{"blocks":[[1,9]],"kind":"sack"}]"#,
            ),
            (
                &[99, 4, 0xab, 0x01][..],
                r#"[{"data":"ab01","kind":"unknown-99","len":4}]"#,
            ),
        ] {
            let (serde, direct) = both(opts, opts.len());
            assert_eq!(serde, want, "{opts:?}");
            assert_eq!(direct, want, "{opts:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]
        /// Any option bytes, any header length (cut, malformed, unknown
        /// kinds, short SACKs): the same text as serde_json.
        #[test]
        fn options_text_is_serde_json(
            opts in proptest::collection::vec(
                prop_oneof![0u8..=35, Just(2u8), Just(4), Just(5), Just(8), Just(10), any::<u8>()],
                0..44,
            ),
            cut in 0usize..48,
        ) {
            let hlen = cut.min(opts.len());
            let (serde, direct) = both(&opts, hlen);
            prop_assert_eq!(serde, direct);
        }
    }
}
