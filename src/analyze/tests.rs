//! State-machine and analysis tests on synthetic packets: each scenario is
//! written as tcpdump would show its segments (see [`segs`]) and checked
//! through one [`check`] helper against fields of the first connection's
//! JSON.

use serde_json::{Value, json};

use super::synth::{Ep, Tcp, frame, raw, unreachable, v4, v6};
use super::*;

fn c() -> Ep {
    v4([10, 0, 0, 1], 40000)
}
fn s() -> Ep {
    v4([10, 0, 0, 2], 80)
}

/// One segment of a scenario: milliseconds after the one before, whether
/// the client sent it, and its fields.
struct Seg {
    dt: u64,
    from_client: bool,
    seq: u32,
    ack: u32,
    flags: u8,
    len: usize,
    win: u16,
    opts: Vec<u8>,
}

impl Seg {
    /// The frame carrying this segment between `client` and `server`.
    fn frame(&self, client: Ep, server: Ep) -> Vec<u8> {
        let (from, to) = if self.from_client {
            (client, server)
        } else {
            (server, client)
        };
        let tcp = Tcp {
            seq: self.seq,
            ack: self.ack,
            flags: self.flags,
            win: self.win,
            len: self.len,
            opts: &self.opts,
        };
        frame(from, to, &tcp)
    }
}

/// The segments of a scenario, separated by commas, each as tcpdump shows
/// it: `+MS` (milliseconds after the segment before; none: 0), `>` from the
/// client or `<` from the server, the flags in tcpdump's letters (`.` is
/// ACK), `SEQ` or `SEQ:ACK`, then any of `len=N`, `win=N` (else 1000) and
/// `opts=HEX`. `handshake` stands for the three-way handshake with ISNs 100
/// and 500, 1 ms apart.
fn segs(text: &str) -> Vec<Seg> {
    let text = text.replace("handshake", "> S 100, +1 < S. 500:101, +1 > . 101:501");
    let mut out = Vec::new();
    for seg in text.split(',') {
        let mut words = seg.split_whitespace().peekable();
        let dt = match words.peek().and_then(|w| w.strip_prefix('+')) {
            Some(ms) => {
                words.next();
                ms.parse().unwrap()
            }
            None => 0,
        };
        let from_client = words.next() == Some(">");
        let flags = words.next().unwrap().chars().fold(0, |f, l| {
            f | match l {
                'F' => 0x01,
                'S' => 0x02,
                'R' => 0x04,
                'P' => 0x08,
                '.' => 0x10,
                'U' => 0x20,
                'E' => 0x40,
                'W' => 0x80,
                _ => panic!("flag {l} in {seg}"),
            }
        });
        let nums = words.next().unwrap();
        let (seq, ack) = nums.split_once(':').unwrap_or((nums, "0"));
        let mut g = Seg {
            dt,
            from_client,
            seq: seq.parse().unwrap(),
            ack: ack.parse().unwrap(),
            flags,
            len: 0,
            win: 1000,
            opts: Vec::new(),
        };
        for w in words {
            match w.split_once('=').unwrap() {
                ("len", n) => g.len = n.parse().unwrap(),
                ("win", n) => g.win = n.parse().unwrap(),
                ("opts", hex) => {
                    g.opts = (0..hex.len())
                        .step_by(2)
                        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
                        .collect()
                }
                _ => panic!("{w} in {seg}"),
            }
        }
        out.push(g);
    }
    out
}

fn analyzer() -> Analyzer {
    Analyzer::new(Options {
        mode: Mode::Connections,
        json: true,
        at: None,
        nano: false,
        live: false,
        ..Options::new(Mode::Connections)
    })
}

/// The analyzer's JSON lines (one per connection) once it has finished.
fn finish(mut a: Analyzer) -> Vec<Value> {
    let mut out = Vec::new();
    a.finish(&mut out, &mut std::io::sink()).unwrap();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Hands `a` the scenario's segments ([`segs`]) between `client` and
/// `s()`, `ms` the time of the last.
fn feed(a: &mut Analyzer, ms: &mut u64, client: Ep, scenario: &str) {
    for g in segs(scenario) {
        *ms += g.dt;
        a.packet(&raw(&g.frame(client, s()), *ms));
    }
}

/// Every connection's JSON after the scenario between `c()` and `s()`,
/// from time 0; the same with every attempt kept in full from its first
/// SYN (an embryo's replay must make the connection the full path makes).
fn conns(scenario: &str) -> Vec<Value> {
    let mut a = analyzer();
    feed(&mut a, &mut 0, c(), scenario);
    let mut full = Analyzer::new(Options {
        json: true,
        compact_attempts: false,
        ..Options::new(Mode::Connections)
    });
    feed(&mut full, &mut 0, c(), scenario);
    let (v, w) = (finish(a), finish(full));
    assert_eq!(v, w, "{scenario}: compact attempts change the report");
    v
}

/// The scenario makes one connection, and every field of `want` is its.
fn check(scenario: &str, want: Value) -> Value {
    let mut v = conns(scenario);
    assert_eq!(v.len(), 1, "{scenario}");
    for (field, w) in want.as_object().unwrap() {
        assert_eq!(&v[0][field], w, "{scenario}: {field}");
    }
    v.remove(0)
}

#[test]
fn closes() {
    check(
        "handshake, +1 > F. 101:501, +1 < F. 501:102, +1 > . 102:502",
        json!({"client_state": "TIME_WAIT", "server_state": "CLOSED", "outcome": "closed",
               "zeek_state": "SF", "history": "ShAFf", "handshake_rtt_ms": 2.0}),
    );
    check(
        "handshake, +1 < F. 501:101, +1 > F. 101:502, +1 < . 502:102",
        json!({"client_state": "CLOSED", "server_state": "TIME_WAIT", "outcome": "closed"}),
    );
    // Half close, then simultaneous close.
    check(
        "handshake, +1 > F. 101:501, +1 < P. 501:102 len=10",
        json!({"client_state": "FIN_WAIT_2", "server_state": "CLOSE_WAIT",
               "outcome": "half_closed"}),
    );
    check(
        "handshake, +1 > F. 101:501, < F. 501:101, +1 > . 102:502, < . 502:102",
        json!({"client_state": "TIME_WAIT", "server_state": "TIME_WAIT", "outcome": "closed"}),
    );
}

#[test]
fn opens_refusals_and_timeouts() {
    // Simultaneous open.
    check(
        "> S 100, < S 500, +1 > S. 100:501, < S. 500:101",
        json!({"client_state": "ESTABLISHED", "server_state": "ESTABLISHED"}),
    );
    check(
        "> S 100, +1 < R. 0:101",
        json!({"client_state": "CLOSED", "server_state": "CLOSED", "outcome": "refused",
               "zeek_state": "REJ", "diagnosis": "refused: SYN answered by RST"}),
    );
    check(
        "> S 100, +1000 > S 100, +2000 > S 100, +4000 > S 100",
        json!({"client_state": "SYN_SENT", "server_state": "CLOSED", "outcome": "timeout",
               "syn_count": 4, "retransmissions": 3, "syn_intervals_s": [1.0, 2.0, 4.0],
               "diagnosis": "timed out: 4 SYNs over 7.0 s, no answer", "zeek_state": "S0"}),
    );
    // SYN-ACKs unacknowledged for 3 s of capture: half-open.
    check(
        "> S 100, +1 < S. 500:101, +1000 < S. 500:101, +3001 < S. 500:101",
        json!({"client_state": "SYN_SENT", "server_state": "SYN_RECEIVED",
               "outcome": "half_open", "synack_count": 3}),
    );
    // The capture ended 1 s after the first SYN-ACK: no verdict.
    check(
        "> S 100, +1 < S. 500:101, +1000 < S. 500:101",
        json!({"client_state": "SYN_SENT", "server_state": "SYN_RECEIVED", "outcome": "cut",
               "diagnosis": "unfinished handshake: the SYN-ACK not acknowledged within the \
                             1.0 s the capture lasted after it"}),
    );
}

/// A SYN answered by an ICMP or ICMPv6 unreachable from a router.
#[test]
fn icmp_unreachable() {
    let fd = |last| {
        let mut a = [0u8; 16];
        a[0] = 0xfd;
        a[15] = last;
        a
    };
    for (cl, sv, router, code, want) in [
        (
            c(),
            s(),
            v4([10, 0, 0, 254], 0),
            10,
            "blocked: SYN answered by ICMP host unreachable - admin prohibited",
        ),
        (
            v6(fd(1), 40000),
            v6(fd(2), 22),
            v6([0xfd; 16], 0),
            4,
            "unreachable: SYN answered by ICMPv6 port unreachable",
        ),
    ] {
        let mut a = analyzer();
        let syn = segs("> S 100")[0].frame(cl, sv);
        a.packet(&raw(&syn, 0));
        a.packet(&raw(&unreachable(router, cl, code, &syn), 5));
        let v = finish(a);
        assert_eq!(v[0]["outcome"], "unreachable");
        assert_eq!(v[0]["diagnosis"], want);
    }
}

#[test]
fn resets_either_side() {
    // The later packets, a RST among them, count in the ended connection
    // (it is reported when Zeek would remove it, 5 s after the first RST).
    check(
        "handshake, +1 > P. 101:501 len=1000, +1 < R. 501:101, > P. 1101:501 len=1000, < R 501",
        json!({"outcome": "reset_by_server", "zeek_state": "RSTR", "rsts": 2, "diagnosis":
               "reset by server after 1000 bytes while the client was still sending"}),
    );
    check(
        "handshake, +1 > R. 101:501",
        json!({"outcome": "reset_by_client", "zeek_state": "RSTO"}),
    );
}

#[test]
fn keepalives_and_zero_windows() {
    let keepalive = ", +1000 > . 100:501, +1 < . 501:101";
    check(
        &format!("handshake{}", keepalive.repeat(3)),
        json!({"keepalives": 3, "keepalive_acks": 3,
               "diagnosis": "idle but alive: 3 keepalives answered"}),
    );
    // A zero window, a window probe, the window open again.
    check(
        "handshake, +1 > P. 101:501 len=100, +1 < . 501:201 win=0, \
         +1000 > P. 201:501 len=1, +1 < . 501:201 win=0, +2000 < . 501:201 win=500",
        json!({"zero_windows": 2, "window_probes": 1, "zero_window_s": 3.001, "diagnosis":
               "receiver window 0 for 3.0 s: the receiving application stopped reading"}),
    );
}

/// The scenario's frames between c() and s(), each with its time (ms).
fn timed_frames(scenario: &str) -> Vec<(Vec<u8>, u64)> {
    let mut ms = 0;
    segs(scenario)
        .iter()
        .map(|g| {
            ms += g.dt;
            (g.frame(c(), s()), ms)
        })
        .collect()
}

/// The `tcp.analysis` names of each packet of the scenario (Packets mode).
fn analysis_per_packet(scenario: &str) -> Vec<Vec<&'static str>> {
    numbers(false, false, 1000, &timed_frames(scenario))
        .iter()
        .map(|f| f.map_or(0, |f| f.analysis))
        .map(|bits| crate::analyze::analysis_names(bits).collect())
        .collect()
}

#[test]
fn window_updates_and_acks_of_unseen_segments() {
    // The server opens its window with a bare ACK at the same numbers: a
    // window update (Wireshark's), not a duplicate ACK; the same ACK again
    // is a duplicate.
    let got = analysis_per_packet(
        "handshake, +1 > P. 101:501 len=100, +1 < . 501:201 win=500, \
         +1 < . 501:201 win=900, +1 < . 501:201 win=900",
    );
    assert_eq!(got[4], Vec::<&str>::new());
    assert_eq!(got[5], ["window_update"]);
    assert_eq!(got[6], ["duplicate_ack"]);
    // The server acknowledges 301 when the capture saw the client send up
    // to 201: "ACKed unseen segment" (tshark 4.0.17 flags it too).
    let got = analysis_per_packet(UNSEEN_ACKED_TWICE);
    assert_eq!(got[4], ["ack_lost_segment"]);
}

#[test]
fn window_full_at_the_edge_the_peer_offered() {
    // No window scaling (the SYNs have no option): the client's data ends
    // at the server's ACK (101) plus its window (1000): window full; one
    // byte short is not.
    let got = analysis_per_packet(
        "handshake, +1 > P. 101:501 len=999, +1 < . 501:1100 win=1000, \
         +1 > P. 1100:501 len=1000",
    );
    assert_eq!(got[3], Vec::<&str>::new());
    assert_eq!(got[5], ["window_full"]);
    // Both SYNs scale by 4 (shift 2): the SYN-ACK's window (1000) is not
    // scaled, so 101 + 1000 is the edge until the server's first ACK; then
    // its window 500 means 2000 bytes.
    let got = analysis_per_packet(
        "> S 100 opts=03030201, +1 < S. 500:101 opts=03030201, +1 > . 101:501, \
         +1 > P. 101:501 len=1000, +1 < . 501:1101 win=500, +1 > P. 1101:501 len=2000",
    );
    assert_eq!(got[3], ["window_full"]);
    assert_eq!(got[5], ["window_full"]);
    // Without the handshake the scaling is unknown: never window full
    // (Wireshark's `win_scale` -1), though the numbers reach the edge.
    let got = analysis_per_packet(
        "> P. 101:501 len=100, +1 < . 501:201 win=100, +1 > P. 201:501 len=100",
    );
    assert_eq!(got[2], Vec::<&str>::new());
}

#[test]
fn reused_ports_when_a_syn_starts_a_new_conversation() {
    // A SYN with another number on a 4-tuple seen before starts a new
    // `tcp.stream` and is flagged `reused_ports` (tshark 4.0.17), whether
    // the first attempt was refused, answered or never answered, and in
    // every table mode; the same SYN again is a retransmission, no reuse.
    for (scenario, at) in [
        ("> S 100, +1 < R. 0:101, +2000 > S 900", 2),
        (
            "handshake, +1 > F. 101:501, +1 < F. 501:102, +1 > . 102:502, +9000 > S 900",
            6,
        ),
        ("> S 100, +1000 > S 900", 1),
    ] {
        let pkts = timed_frames(scenario);
        for (compact, crowded) in [(false, false), (true, false), (true, true)] {
            let facts = numbers(compact, crowded, 1000, &pkts);
            let names: Vec<Vec<&str>> = facts
                .iter()
                .map(|f| crate::analyze::analysis_names(f.map_or(0, |f| f.analysis)).collect())
                .collect();
            let what = format!("{scenario:?} compact {compact} crowded {crowded}");
            assert_eq!(names[at], ["reused_ports"], "{what}");
            assert!(
                names[..at].iter().all(|n| !n.contains(&"reused_ports")),
                "{what}"
            );
            assert_eq!(facts[at].map(|f| f.stream), Some(1), "{what}");
        }
    }
    let got = analysis_per_packet("> S 100, +1000 > S 100");
    assert_eq!(got[1], ["retransmission"]);
    // A SYN-ACK with another number than the server's first: flagged, one
    // conversation (its number beyond the first's end: a gap too, as
    // Wireshark's analysis, which runs after, sees it).
    let got = analysis_per_packet("> S 100, +1 < S. 500:101, +1000 < S. 700:101");
    assert_eq!(got[2], ["lost_segment", "reused_ports"]);
}

#[test]
fn a_rst_numbered_zero_leaves_the_next_number_unset() {
    // Wireshark's `nextseq` 0 means "none yet": after a refusing RST whose
    // sequence number is 0, a SYN-ACK numbered more than 2^31 past 0 sets
    // it, and the data that follows is neither lost nor retransmitted
    // (tshark 4.0.17 on nDPI's rtsp.pcap; captures/flags/flags.pcap 40007).
    let got = analysis_per_packet(
        "> S 100, +1 < R. 0:101, +1000 > S 100, +1 < S. 4000000000:101, \
         +1 > . 101:4000000001, +1 < P. 4000000001:101 len=10",
    );
    assert_eq!(got[2], ["retransmission"]);
    assert_eq!(got[3], ["reused_ports"]);
    assert_eq!(got[5], Vec::<&str>::new());
}

/// Data to 201 seen, then two segments of the server acknowledging 301.
const UNSEEN_ACKED_TWICE: &str = "handshake, +1 > P. 101:501 len=100, \
    +1 < . 501:301 win=500, +1 < P. 501:301 len=10 win=500";

#[test]
fn an_unseen_segment_acked_again_is_flagged_once() {
    // The server's next segment acknowledges the same unseen bytes while
    // the client has sent nothing since: not flagged again (tshark 4.0.17:
    // the client's duplicate-ACK count goes to -1 until its ACK moves).
    let got = analysis_per_packet(UNSEEN_ACKED_TWICE);
    assert_eq!(got[5], Vec::<&str>::new());
    // Once the client's own ACK moves, a further ACK past what it was seen
    // to send is flagged again.
    let got = analysis_per_packet(
        "handshake, +1 > P. 101:501 len=100, +1 < P. 501:301 len=10 win=500, \
         +1 > . 201:511, +1 < . 511:401 win=500",
    );
    assert_eq!(got[4], ["ack_lost_segment"]);
    assert_eq!(got[6], ["ack_lost_segment"]);
    // Past a hole (101..201 seen, 201..301 not, 301..401 seen), every ACK
    // beyond the hole is flagged and the mark moves to the end seen.
    let got = analysis_per_packet(
        "handshake, +1 > P. 101:501 len=100, +1 > P. 301:501 len=100, \
         +1 < . 501:301 win=500, +1 < . 501:401 win=500",
    );
    assert_eq!(got[4], ["lost_segment"]);
    assert_eq!(got[5], ["ack_lost_segment"]);
    assert_eq!(got[6], Vec::<&str>::new());
}

#[test]
fn retransmissions_dup_acks_out_of_order_and_sacks() {
    // 101..201 lost; 201..301 and 301..401 arrive: gap, dup ACKs, fast
    // retransmit. The first of the three ACKs repeats the SYN-ACK's ack: a
    // duplicate too.
    check(
        "handshake, +10 > P. 201:501 len=100, < . 501:101, > P. 301:501 len=100, \
         < . 501:101, < . 501:101, +1 > P. 101:501 len=100, +500 > P. 101:501 len=100",
        json!({"lost_segments": 1, "dup_acks": 3, "fast_retransmissions": 1,
               "retransmissions": 2}),
    );
    // Out of order: a segment below `next` within 3 ms (no RTT: the
    // handshake took 2 ms, so use it).
    check(
        "handshake, +10 > P. 201:501 len=100, > P. 101:501 len=100",
        json!({"out_of_order": 1, "lost_segments": 1}),
    );
    // A retransmission the receiver had: its D-SACK makes it spurious.
    check(
        "handshake, +1 > P. 101:501 len=100, +1 < . 501:201, +300 > P. 101:501 len=100, \
         +1 < . 501:201 win=999 opts=050a00000065000000c9",
        json!({"spurious_retransmissions": 1, "dsacks": 1,
               "diagnosis": "reordering, not loss: 1 D-SACK"}),
    );
}

#[test]
fn port_reuse_midstream_and_wraparound() {
    let reused = "> S 100, +1 < R. 0:101, +1000 > S 9000, +1 < R. 0:9001";
    assert_eq!(conns(reused).len(), 2);
    // Midstream: roles from ports (80 is the server).
    check(
        "< P. 500:100 len=10, +1 > . 100:510",
        json!({"outcome": "midstream", "client": "10.0.0.1:40000", "zeek_state": "OTH"}),
    );
    // Sequence numbers wrapping past 2^32: no false retransmission.
    let isn = u32::MAX - 150;
    let next = |n: u32| isn.wrapping_add(1).wrapping_add(n);
    check(
        &format!(
            "> S {isn}, +1 < S. 500:{}, +1 > . {}:501, +1 > P. {}:501 len=100, \
             +1 > P. {}:501 len=100, +1 < . 501:{}",
            next(0),
            next(0),
            next(0),
            next(100),
            next(200)
        ),
        json!({"retransmissions": 0, "lost_segments": 0, "bytes_c2s": 200}),
    );
}

/// A segment after the close starts a midstream connection of the same
/// conversation: it has Wireshark's sequence state and RTT for the
/// analysis, but no handshake of its own, so reports none (it reported the
/// closed connection's).
#[test]
fn a_midstream_connection_after_a_close_has_no_handshake_rtt() {
    let v = conns(
        "handshake, +1 > F. 101:501, +1 < F. 501:102, +1 > . 102:502, \
         +9000 < P. 501:102 len=10",
    );
    assert_eq!(v.len(), 2, "{v:?}");
    assert_eq!(v[0]["handshake_rtt_ms"], json!(2.0));
    assert_eq!(v[1]["outcome"], json!("midstream"));
    assert_eq!(v[1]["handshake_rtt_ms"], Value::Null);
}

#[test]
fn summary() {
    assert_eq!(
        diagnose::summary(&[196, 0, 0, 3, 1, 0, 0, 0, 0, 0, 0]),
        "200 connections: 196 closed normally, 3 refused, 1 timed out"
    );
}

#[test]
fn memory_is_bounded_by_open_connections() {
    let mut a = analyzer();
    let mut ms = 0;
    for i in 0..2000u32 {
        let cl = v4([10, 0, (i >> 8) as u8, i as u8], 40000);
        feed(&mut a, &mut ms, cl, "+100 > S 1, < R. 0:2");
    }
    // Ended connections linger LINGER_NS (5 s = 50 packets pairs apart) then go.
    assert!(a.open_connections() < 200, "{}", a.open_connections());
}

#[test]
fn random_bytes_never_panic() {
    let mut x: u64 = 0x1234_5678;
    let mut a = Analyzer::new(Options {
        mode: Mode::Packets,
        json: true,
        at: Some(At::Rel(1)),
        nano: true,
        live: false,
        ..Options::new(Mode::Connections)
    });
    let base = segs("> FSRP.UEW 1:2 len=40 win=0 opts=05120000")[0].frame(c(), s());
    for i in 0..20_000u64 {
        let mut f = base.clone();
        for _ in 0..4 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let at = (x as usize) % f.len();
            f[at] = (x >> 32) as u8;
        }
        f.truncate((x as usize >> 8) % (f.len() + 1));
        for link in [1u32, 12, 113, 276, 0, 108] {
            let mut p = raw(&f, i);
            p.link = crate::packet::LinkType(link);
            a.packet(&p);
        }
        a.take(&mut std::io::sink()).unwrap();
    }
    a.finish(&mut std::io::sink(), &mut std::io::sink())
        .unwrap();
}

/// Issue 15's cases, each against what the traffic did.
#[test]
fn syn_retried_after_a_refusal_stays_one_connection() {
    // The client's kernel retransmits its SYN (same ISN) after the RST: one
    // connect(), one connection (Zeek starts a second), the SYN counted as
    // a retransmission as Wireshark counts it.
    check(
        "> S 100, +1 < R. 0:101, +1000 > S 100, +1 < R. 0:101",
        json!({"outcome": "refused", "syn_count": 2, "retransmissions": 1, "packets_c2s": 2}),
    );
}

#[test]
fn late_packets_count_in_their_connection() {
    // Both FINs, the last ACK, then a retransmitted FIN and its ACK within
    // Zeek's close delay: all in the one connection, reported once.
    check(
        "handshake, +1 > F. 101:501, +1 < F. 501:102, +1 > . 102:502, \
         +200 < F. 501:102, +1 > . 102:502",
        json!({"packets_c2s": 5, "packets_s2c": 3, "zeek_state": "SF"}),
    );
}

#[test]
fn a_reset_outside_the_window_is_ignored() {
    // An injected RST whose sequence number is far from what the client
    // expects (RFC 5961 3.2): the connection goes on and closes normally.
    let v = check(
        "handshake, +1 < R 900000, +1 > P. 101:501 len=10, +1 < . 501:111, \
         +1 > F. 111:501, +1 < F. 501:112, +1 > . 112:502",
        json!({"outcome": "closed", "ignored_rsts": 1}),
    );
    let diagnosis = v["diagnosis"].as_str().unwrap();
    assert!(
        diagnosis.contains("1 RST the receiver would ignore"),
        "{diagnosis}"
    );
    // A RST at the expected sequence number does reset it.
    check(
        "handshake, +1 < R 501",
        json!({"outcome": "reset_by_server", "ignored_rsts": 0}),
    );
}

#[test]
fn a_syn_ack_seen_first() {
    // The capture host saw the SYN-ACK before the SYN (Zeek's
    // handshake-reorder.pcap): no phantom connection, both ends close.
    check(
        "< S. 500:101, +1 > S 100, +1 > . 101:501, +1 > F. 101:501, +1 < F. 501:102, \
         +1 > . 102:502",
        json!({"client": "10.0.0.1:40000", "outcome": "closed", "client_state": "TIME_WAIT",
               "zeek_state": "SF"}),
    );
    // Only the SYN-ACK of the handshake was captured: the client (its
    // receiver) was in SYN_SENT, so its ACK establishes it and its FIN
    // counts (Zeek's history flips: ^h).
    check(
        "< S. 500:101, +1 > . 101:501, +1 > F. 101:501, +1 < F. 501:102, +1 > . 102:502",
        json!({"client": "10.0.0.1:40000", "client_state": "TIME_WAIT", "client_fin": true,
               "outcome": "closed"}),
    );
}

#[test]
fn a_single_syn_at_the_end_of_the_capture_is_not_a_timeout() {
    let other = v4([10, 0, 0, 1], 40001);
    let syn_of = |v: &[Value]| {
        let syn = v.iter().find(|x| x["client"] == "10.0.0.1:40001");
        syn.unwrap().clone()
    };
    let mut a = analyzer();
    let mut ms = 0;
    feed(
        &mut a,
        &mut ms,
        c(),
        "handshake, +1 > F. 101:501, +1 < F. 501:102, +1 > . 102:502",
    );
    feed(&mut a, &mut ms, other, "+5000 > S 7");
    feed(&mut a, &mut ms, c(), "+1 > . 102:502");
    let syn = syn_of(&finish(a));
    assert_eq!(syn["outcome"], "cut");
    assert_eq!(
        syn["diagnosis"],
        "unfinished handshake: 1 SYN, no answer within the 1 ms the capture lasted after it"
    );
    // The same SYN with 3 s of capture after it is a timeout.
    let mut a = analyzer();
    let mut ms = 0;
    feed(&mut a, &mut ms, other, "> S 7");
    feed(&mut a, &mut ms, c(), "+3000 > S 100");
    assert_eq!(syn_of(&finish(a))["outcome"], "timeout");
}

// Deliberate differences from Zeek and Wireshark, each listed in README's
// "Differences from Zeek and Wireshark" with the public trace that shows it.

/// Hands `a` one frame at `ms`.
fn feed_frame(a: &mut Analyzer, f: &[u8], ms: u64) {
    a.packet(&raw(f, ms));
}

/// Frame `f` captured to its first `caplen` bytes (a snapshot length),
/// its wire length whole.
fn feed_cut(a: &mut Analyzer, f: &[u8], caplen: usize, ms: u64) {
    a.packet(&RawPacket {
        wire_len: f.len() as u32,
        ..raw(&f[..caplen], ms)
    });
}

#[test]
fn differs_from_zeek_one_sided_capture_stays_one_connection() {
    // Only the client's packets captured (ssh.client-side-half-duplex.pcap):
    // its SYN, then 6 s later its ACK and data. Zeek's 5 s attempt timer
    // removes the S0 connection and logs the rest as a second one; the
    // client's kernel made one connection, so we report one.
    let v = conns("> S 100, +6000 > . 101:501, +1 > P. 101:501 len=10, +1 > F. 111:501");
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0]["packets_c2s"], 4);
    assert_eq!(v[0]["history"], "SADF");
}

#[test]
fn differs_from_zeek_bad_checksums_count() {
    // Zeek drops a segment whose TCP checksum is wrong (auth_change_session_keys
    // .pcap, captured with checksum offloading: the server's replies are
    // missing from its conn.log); tcpdump prints such segments and Wireshark
    // analyses them (its checksum validation is off by default), so we count
    // them. The synthetic frames carry checksum 0, which is wrong:
    let f = Seg {
        dt: 0,
        from_client: true,
        seq: 100,
        ack: 0,
        flags: 0x02,
        len: 0,
        win: 1000,
        opts: Vec::new(),
    }
    .frame(c(), s());
    let tcp = &f[34..];
    let mut pseudo = Vec::new();
    pseudo.extend_from_slice(&f[26..34]);
    pseudo.extend_from_slice(&[0, 6]);
    pseudo.extend_from_slice(&(tcp.len() as u16).to_be_bytes());
    pseudo.extend_from_slice(tcp);
    assert_ne!(crate::decode::cksum::in_cksum(&pseudo), 0);
    check(
        "handshake, +1 < P. 501:101 len=98",
        json!({"zeek_state": "S1", "packets_s2c": 2, "orig_bytes": 0, "resp_bytes": 98}),
    );
}

#[test]
fn idle_connections_end_but_keep_their_stream() {
    // A connection silent for 300 s ends (Zeek's tcp_inactivity_timeout,
    // and what bounds our memory); its next segment starts another one.
    let v = conns("handshake, +301000 > P. 101:501 len=10, +1 < . 501:111");
    assert_eq!(v.len(), 2, "{v:?}");
    assert_eq!(v[0]["outcome"], "open");
    assert_eq!(v[1]["outcome"], "midstream");
    // Wireshark keeps one conversation for the 4-tuple (a new one only
    // for a SYN with a new number): one `tcp.stream`, what --graph and
    // --follow take.
    assert_eq!((&v[0]["stream"], &v[1]["stream"]), (&json!(0), &json!(0)));
}

#[test]
fn a_segment_after_a_reset_keeps_the_stream_a_new_syn_does_not() {
    // Over 5 s after the RST (Zeek's rule): the data segment is another
    // connection of the same stream; the SYN with a new number a new
    // stream.
    let v = conns(
        "handshake, +1 < R. 501:101, +15000 > P. 101:501 len=10, \
         +6000 > S 9000, +1 < S. 7000:9001",
    );
    let got: Vec<_> = v
        .iter()
        .map(|c| (c["outcome"].clone(), c["stream"].clone()))
        .collect();
    assert_eq!(
        got,
        [
            (json!("reset_by_server"), json!(0)),
            (json!("midstream"), json!(0)),
            (json!("cut"), json!(1))
        ],
        "{v:?}"
    );
}

#[test]
fn differs_from_zeek_and_wireshark_first_fragment_alone() {
    // The first fragment of a packet whose other fragments the capture
    // lacks (gtp1_gn_normal_incl_fragmentation.pcap: 4 of 40 outer
    // fragments): Zeek and Wireshark reassemble and, without the rest, never
    // see the TCP segment; its header is there, so we count it.
    let mut a = analyzer();
    let mut ms = 0;
    feed(&mut a, &mut ms, c(), "handshake");
    let mut f = segs("< P. 501:101 len=1000")[0].frame(c(), s());
    f[20] |= 0x20; // more fragments
    f.truncate(14 + 20 + 20 + 400);
    f[16..18].copy_from_slice(&(20u16 + 20 + 400).to_be_bytes());
    feed_frame(&mut a, &f, ms + 1);
    let v = finish(a);
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0]["packets_s2c"], 2);
}

#[test]
fn differs_from_zeek_a_short_pppoe_length_bounds_the_ip_packet() {
    // A PPPoE header that gives 6 bytes less than the IP packet it carries
    // (pppoe-over-qinq.pcap): tcpdump (`truncated-ip - 6 bytes missing!`)
    // and Wireshark (`tcp.len` 0) take the PPPoE length, so the segment
    // holds no data and the next one, 6 bytes on, follows a gap; Zeek
    // reads the 6 bytes.
    let mut a = analyzer();
    let mut ms = 0;
    feed(&mut a, &mut ms, c(), "handshake");
    let plain = segs("> P. 101:501 len=6")[0].frame(c(), s());
    let ip = &plain[14..];
    let mut f = plain[..12].to_vec();
    f.extend_from_slice(&[0x88, 0x64, 0x11, 0x00, 0x0f, 0x07]);
    f.extend_from_slice(&(2 + ip.len() as u16 - 6).to_be_bytes());
    f.extend_from_slice(&[0x00, 0x21]);
    f.extend_from_slice(ip);
    feed_frame(&mut a, &f, ms + 1);
    feed(&mut a, &mut ms, c(), "+2 > P. 107:501 len=10");
    let v = finish(a);
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0]["lost_segments"], 1, "{v:?}");
}

#[test]
fn differs_from_zeek_a_header_cut_by_the_snapshot_is_counted() {
    // A SYN-ACK whose capture stops inside its TCP options
    // (vntag_vlan_sandwich_clean.pcap: 22 of its 40 header bytes): its
    // flags and numbers are there, so it counts, as tcpdump prints it;
    // Zeek's TCP analyzer skips a header it cannot read whole and logs the
    // connection with no packets.
    let mut a = analyzer();
    let f = segs("< S. 500:101 opts=020405b40402080a000000010000000001030307")[0].frame(c(), s());
    feed_cut(&mut a, &f, 14 + 20 + 22, 1);
    let v = finish(a);
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0]["packets_s2c"], 1, "{v:?}");
}

#[test]
fn a_frame_cut_by_the_snapshot_counts_its_ip_length() {
    // Captured with a small snapshot length: the payload bytes are the IP
    // length's (as tcpdump's `length N`), and the next segment follows on.
    let mut a = analyzer();
    let mut ms = 0;
    feed(&mut a, &mut ms, c(), "handshake");
    let f = segs("> P. 101:501 len=1000")[0].frame(c(), s());
    feed_cut(&mut a, &f, 14 + 20 + 20, ms + 1);
    feed(&mut a, &mut ms, c(), "+2 > P. 1101:501 len=10");
    let v = finish(a);
    assert_eq!(v[0]["bytes_c2s"], 1010);
    assert_eq!(v[0]["lost_segments"], 0);
    assert_eq!(v[0]["retransmissions"], 0);
}

/// Output of `mode` for packets `pkts` (frame, ms), attempts kept small
/// or not, with a table of at most `max` entries.
fn run(mode: Mode, compact: bool, max: usize, pkts: &[(Vec<u8>, u64)]) -> String {
    let mut a = Analyzer::new(Options {
        json: mode == Mode::Connections,
        compact_attempts: compact,
        max_connections: max,
        ..Options::new(mode)
    });
    let mut out = Vec::new();
    for (f, ms) in pkts {
        a.packet(&raw(f, *ms));
        a.take(&mut out).unwrap();
    }
    let mut err = Vec::new();
    a.finish(&mut out, &mut err).unwrap();
    out.extend_from_slice(&err);
    String::from_utf8(out).unwrap()
}

/// The packets table's numbers of packets `pkts` (Packets mode), attempts
/// kept small or not, with a table of at most `max` entries.
/// `crowded`: embryos take more than their first segment from the start
/// (as in a table of 4,096 entries or more).
fn numbers(
    compact: bool,
    crowded: bool,
    max: usize,
    pkts: &[(Vec<u8>, u64)],
) -> Vec<Option<PacketFacts>> {
    let mut a = Analyzer::new(Options {
        compact_attempts: compact,
        max_connections: max,
        ..Options::new(Mode::Packets)
    });
    if crowded {
        a.table.crowded_at = 0;
    }
    pkts.iter()
        .map(|(f, ms)| {
            let pkt = raw(f, *ms);
            let mut d = crate::decode::Decoded::default();
            d.decode(pkt.link, pkt.data, pkt.wire_len as usize);
            a.decoded(&pkt, &d)
        })
        .collect()
}

/// The typed records of packets `pkts` with a table of at most `max`
/// entries, those the limit pushes out reported all at once or (`steps`)
/// one at a time after each packet ([`Analyzer::report_in_steps`]).
fn records(steps: bool, max: usize, pkts: &[(Vec<u8>, u64)]) -> Vec<String> {
    let mut a = Analyzer::new(Options {
        max_connections: max,
        records_only: true,
        ..Options::new(Mode::Connections)
    });
    a.keep_connections();
    if steps {
        a.report_in_steps();
    }
    let mut got = Vec::new();
    let mut keep = |v: Vec<Connection>| {
        got.extend(v.iter().map(|c| serde_json::to_string(c).unwrap()));
    };
    for (f, ms) in pkts {
        a.packet(&raw(f, *ms));
        keep(a.take_connections());
        while steps && a.report_some(1) {
            keep(a.take_connections());
        }
        keep(a.take_connections());
    }
    keep(a.finish_connections());
    got
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
    /// Handshake fragments (SYNs alike or not, SYN-ACKs alike or not, with
    /// or without window scale, RSTs, ACKs, data, FINs) from a few clients,
    /// at times that may repeat or jump past the idle timeout: attempts
    /// kept small report exactly what full connections report, in every
    /// mode, with and without a full table.
    #[test]
    fn compact_attempts_report_what_full_connections_report(
        steps in proptest::collection::vec(
            (0u8..4, 0u8..9, 0u8..3, 0u8..6, 0u64..4),
            1..40,
        ),
        max in 1usize..6,
    ) {
        let mut ms = 0;
        let mut pkts = Vec::new();
        for (client, kind, seqv, wsv, gap) in steps {
            ms += [0, 1, 3_500, 400_000][gap as usize];
            let cl = v4([10, 0, 1, client], 40000 + u16::from(client % 2));
            let opts = match wsv {
                0 => "",
                1 => " opts=030307",
                2 => " opts=020405b4",
                // Two window scales; a malformed one before a good one; SACK.
                3 => " opts=03030703030800",
                4 => " opts=0302030307",
                _ => " opts=050a0000006400000065",
            };
            let text = match kind {
                0 | 1 => format!("> S {}{opts}", 100 + u32::from(seqv)),
                2 | 3 => format!("< S. {}:{}{opts}", 500 + u32::from(seqv), 101),
                4 => "> . 101:501".to_string(),
                5 => "< R. 0:101".to_string(),
                6 => "> P. 101:501 len=10".to_string(),
                7 => "> SE 100".to_string(),
                _ => "< F. 501:101".to_string(),
            };
            let g = &segs(&text)[0];
            let f = g.frame(cl, s());
            pkts.push((f, ms));
        }
        for mode in [Mode::Connections, Mode::Diagnose, Mode::States] {
            for m in [max, 1000] {
                proptest::prop_assert_eq!(
                    run(mode, true, m, &pkts),
                    run(mode, false, m, &pkts),
                    "{:?} max {}", mode, m
                );
            }
        }
        for m in [max, 1000] {
            let full = numbers(false, false, m, &pkts);
            proptest::prop_assert!(
                full.iter().all(Option::is_some),
                "every TCP packet has its numbers"
            );
            proptest::prop_assert_eq!(numbers(true, false, m, &pkts), full.clone(), "packets table, max {}", m);
            proptest::prop_assert_eq!(numbers(true, true, m, &pkts), full, "crowded, max {}", m);
            proptest::prop_assert_eq!(records(true, m, &pkts), records(false, m, &pkts), "max {}", m);
        }
    }
}

/// A flood of single SYNs from distinct sources to one port: memory stays
/// within the table limit, every SYN is in the summary, the connections
/// past the first `scan::FOLD_AFTER` are summed up in one finding, and the
/// oldest reported early are counted.
#[test]
fn syn_flood_is_bounded_summed_up_and_counted() {
    let n = 3_000u64;
    let mut a = Analyzer::new(Options {
        max_connections: 500,
        ..Options::new(Mode::Connections)
    });
    let mut out = Vec::new();
    let mut peak = 0;
    for i in 0..n {
        let cl = v4(
            [11, (i >> 16) as u8, (i >> 8) as u8, i as u8],
            1024 + (i % 5000) as u16,
        );
        let f = segs(&format!("> S {}", i * 7919))[0].frame(cl, s());
        a.packet(&raw(&f, i));
        a.take(&mut out).unwrap();
        peak = peak.max(a.open_connections());
    }
    a.finish(&mut out, &mut std::io::sink()).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(peak <= 500, "{peak}");
    let lines: Vec<&str> = text.lines().collect();
    // The first FOLD_AFTER listed, then the finding and the summary.
    assert_eq!(lines.len() as u64, scan::FOLD_AFTER + 2, "{text}");
    let finding = lines[lines.len() - 2];
    assert!(
        finding.starts_with(&format!(
            "SYN flood: {n} SYNs from {n} sources "
        )) && finding.contains(&format!("to 10.0.0.2:80 ({n} connections), 0 answered by SYN-ACK, 0 by RST; {} of its connections not listed", n - scan::FOLD_AFTER)),
        "{finding}"
    );
    let summary = lines[lines.len() - 1];
    assert!(
        summary.starts_with(&format!("{n} connections: ")),
        "{summary}"
    );
    assert!(
        summary.contains("reported before their end (more than 500 connections at once"),
        "{summary}"
    );
    // With --flood-detail every connection is listed.
    let mut a = Analyzer::new(Options {
        flood_detail: true,
        ..Options::new(Mode::Connections)
    });
    let mut out = Vec::new();
    for i in 0..n {
        let cl = v4([11, (i >> 16) as u8, (i >> 8) as u8, i as u8], 1024);
        a.packet(&raw(&segs(&format!("> S {i}"))[0].frame(cl, s()), i));
    }
    a.finish(&mut out, &mut std::io::sink()).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap().lines().count() as u64,
        n + 2
    );
}

/// Clients retrying a silent server are not a flood: each connection is
/// listed, the finding says the server does not answer.
#[test]
fn clients_retrying_a_silent_server_are_not_a_flood() {
    let mut a = Analyzer::new(Options::new(Mode::Diagnose));
    let mut ms = 0;
    for i in 0..30u32 {
        let cl = v4([10, 0, 2, i as u8], 40000);
        feed(&mut a, &mut ms, cl, "> S 100, +1000 > S 100, +2000 > S 100");
    }
    ms += 10_000;
    feed(&mut a, &mut ms, c(), "handshake");
    let mut out = Vec::new();
    a.finish(&mut out, &mut std::io::sink()).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains("SYN flood"), "{text}");
    assert!(
        text.contains("server not answering: 30 connections to 10.0.0.2:80"),
        "{text}"
    );
}

#[test]
fn distinct_sources_estimate_within_two_percent() {
    let mut h_exact = std::collections::HashSet::new();
    let mut a = Analyzer::new(Options::new(Mode::States));
    for i in 0..200_000u32 {
        let x = i.wrapping_mul(2_654_435_761);
        let addr = x.to_be_bytes();
        h_exact.insert(addr);
        let cl = v4(addr, 1024 + (i % 60_000) as u16);
        a.packet(&raw(&segs("> S 1")[0].frame(cl, s()), u64::from(i / 100)));
    }
    a.finish(&mut std::io::sink(), &mut std::io::sink())
        .unwrap();
    let floods = a.sink.scans.floods();
    assert_eq!(floods.len(), 1, "{floods:?}");
    let about: f64 = floods[0]
        .split("from about ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .unwrap()
        .parse()
        .unwrap();
    let exact = h_exact.len() as f64;
    assert!((about - exact).abs() / exact < 0.02, "{about} vs {exact}");
}

/// `drain_some` in steps reports what `finish` reports, in its order, and
/// leaves the rest to `finish`: 40 clients, some attempts (embryos), some
/// open connections, one closed early.
#[test]
fn drain_some_in_steps_is_finish() {
    let run = |step: Option<usize>| {
        let mut a = Analyzer::new(Options {
            records_only: true,
            ..Options::new(Mode::Connections)
        });
        a.keep_connections();
        let mut ms = 0;
        for i in 0..40u16 {
            let client = v4([10, 0, 1, (i % 250) as u8], 20000 + i);
            let scenario = match i % 3 {
                0 => "> S 100",
                1 => "handshake, +1 > P. 101:501 len=10",
                _ => "handshake, +1 > F. 101:501, +1 < F. 501:102, +1 > . 102:502",
            };
            feed(&mut a, &mut ms, client, scenario);
        }
        let mut got = a.take_connections();
        let mut steps = 0;
        if let Some(n) = step {
            while a.drain_some(n) {
                let taken = a.take_connections();
                assert!(taken.len() <= n);
                got.extend(taken);
                steps += 1;
            }
            got.extend(a.take_connections());
        }
        a.finish(&mut Vec::new(), &mut std::io::sink()).unwrap();
        got.extend(a.take_connections());
        let v: Vec<Value> = got
            .iter()
            .map(|c| serde_json::to_value(c).unwrap())
            .collect();
        (v, steps)
    };
    let (all, _) = run(None);
    assert_eq!(all.len(), 40);
    for n in [1, 3, 7, 40, 100] {
        let (stepped, steps) = run(Some(n));
        assert_eq!(stepped, all, "drain_some({n})");
        assert!(n >= 40 || steps > 0, "drain_some({n}) took no step");
    }
}

/// The packets table keeps attempts as embryos of their first SYN (a SYN
/// flood stays small); every packet's facts (connection number, relative
/// numbers, `tcp.analysis` flags) must be those of the full connection:
/// each scenario through two Packets-mode analyzers, one with embryos, one
/// without, interleaved over three clients.
#[test]
fn packets_table_embryos_give_the_full_facts() {
    let scenarios = [
        "> S 100",
        "> S 100 win=0",
        "> S 100 opts=020405b40402080a000000010000000001030307",
        "> S 100, +1000 > S 100, +2000 > S 100",
        "> S 100, +1 < R. 0:101, +3 > S 100, +1 < R. 0:101",
        "> S 100, +1 < S. 500:101, +1000 < S. 500:101, +1 > R 101",
        "handshake, +1 > P. 101:501 len=10, +1 < . 501:111",
        "> S 100, +1 > S 900",
        "> S 100, +1 < S. 500:101, +1 > . 101:501 win=0",
        "< S. 500:101, +1 > . 101:501",
        "> S 100, +1000 > S 100, +1 < S. 500:101, +1000 < S. 500:101, +3000 < S. 500:101",
        "> S 100 win=0, +1 < S. 500:101 win=0, +1 < S. 500:101 win=0",
        "> S 100 opts=010303070402, +1 < S. 500:101 opts=01030308, +5 > . 101:501",
        "> S 100, +1 < S. 500:101, +1 < S. 900:101, +1 > . 101:901",
    ];
    for scenario in scenarios {
        let run = |compact: bool, crowded: bool| {
            let mut a = Analyzer::new(Options {
                compact_attempts: compact,
                ..Options::new(Mode::Packets)
            });
            if crowded {
                a.table.crowded_at = 0;
            }
            let mut facts = Vec::new();
            let mut ms = 0;
            for g in segs(scenario) {
                ms += g.dt;
                for i in 0..3u8 {
                    let f = g.frame(v4([10, 0, 2, i], 30000), s());
                    let pkt = raw(&f, ms);
                    let mut d = crate::decode::Decoded::default();
                    d.decode(pkt.link, pkt.data, pkt.wire_len as usize);
                    facts.push(a.decoded(&pkt, &d));
                }
            }
            facts
        };
        let full = run(false, false);
        assert!(full.iter().all(Option::is_some), "{scenario}");
        assert_eq!(run(true, false), full, "{scenario}");
        assert_eq!(run(true, true), full, "{scenario}, crowded");
    }
}

/// `--diagnose` on a flood of distinct failures (one SYN to each of more
/// than `FOLD_MAX` servers, each timed out by the idle sweep): the folded
/// lines never exceed `FOLD_MAX` at once, and every failure is still
/// printed once, in order.
#[test]
fn diagnose_folding_is_bounded() {
    let n = FOLD_MAX + 1000;
    let mut a = Analyzer::new(Options::new(Mode::Diagnose));
    let mut out = Vec::new();
    let mut peak = 0;
    for i in 0..n as u64 {
        let srv = v4([12, (i >> 16) as u8, (i >> 8) as u8, i as u8], 80);
        let f = segs("> S 100")[0].frame(v4([10, 0, 0, 1], 40000), srv);
        // A second apart: each goes idle (300 s) and is reported while
        // the capture goes on.
        a.packet(&raw(&f, i * 1000));
        a.take(&mut out).unwrap();
        peak = peak.max(a.sink.folded.len());
    }
    a.finish(&mut out, &mut std::io::sink()).unwrap();
    assert!(peak <= FOLD_MAX, "{peak}");
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("10.0.0.1.40000 > 12."))
        .collect();
    // Every timed-out attempt once (the last few are cut short by the
    // capture's end: no line), each line distinct.
    let summary = text.lines().last().unwrap();
    let timed_out: usize = summary
        .split(", ")
        .find_map(|p| {
            p.split(": ")
                .last()?
                .strip_suffix(" timed out")?
                .parse()
                .ok()
        })
        .unwrap_or_else(|| panic!("{summary}"));
    assert!(timed_out > FOLD_MAX, "{summary}");
    assert_eq!(lines.len(), timed_out, "{summary}");
    let distinct: std::collections::HashSet<&str> = lines.iter().copied().collect();
    assert_eq!(distinct.len(), lines.len());
    let first = "10.0.0.1.40000 > 12.0.0.0.80: ";
    let k = timed_out - 1;
    let last = format!(
        "10.0.0.1.40000 > 12.{}.{}.{}.80: ",
        k >> 16,
        (k >> 8) & 255,
        k & 255
    );
    assert!(lines[0].starts_with(first), "{}", lines[0]);
    assert!(lines[k].starts_with(&last), "{}", lines[k]);
}
