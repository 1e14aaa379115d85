//! State-machine and analysis tests on synthetic packets, one per scenario.
#![allow(clippy::too_many_arguments)]

use super::synth::{Ep, Tcp, frame, raw, unreachable, v4, v6};
use super::*;

const S: u8 = 0x02;
const SA: u8 = 0x12;
const A: u8 = 0x10;
const FA: u8 = 0x11;
const RA: u8 = 0x14;
const R: u8 = 0x04;
const PA: u8 = 0x18;

struct T {
    a: Analyzer,
    ms: u64,
}

impl T {
    fn new() -> T {
        T {
            a: Analyzer::new(Options {
                mode: Mode::Connections,
                json: true,
                at: None,
                nano: false,
                live: false,
            }),
            ms: 0,
        }
    }
    fn tcp(
        &mut self,
        dt: u64,
        from: Ep,
        to: Ep,
        seq: u32,
        ack: u32,
        flags: u8,
        len: usize,
    ) -> &mut T {
        self.tcp_opts(dt, from, to, seq, ack, flags, len, 1000, &[])
    }

    fn tcp_opts(
        &mut self,
        dt: u64,
        from: Ep,
        to: Ep,
        seq: u32,
        ack: u32,
        flags: u8,
        len: usize,
        win: u16,
        opts: &[u8],
    ) -> &mut T {
        self.ms += dt;
        let f = frame(
            from,
            to,
            &Tcp {
                seq,
                ack,
                flags,
                win,
                len,
                opts,
            },
        );
        self.a.packet(&raw(&f, self.ms));
        self
    }
    fn conns(&mut self) -> Vec<serde_json::Value> {
        let mut out = Vec::new();
        self.a.finish(&mut out, &mut std::io::sink()).unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

fn c() -> Ep {
    v4([10, 0, 0, 1], 40000)
}
fn s() -> Ep {
    v4([10, 0, 0, 2], 80)
}

fn handshake(t: &mut T, isn_c: u32, isn_s: u32) {
    t.tcp(0, c(), s(), isn_c, 0, S, 0)
        .tcp(1, s(), c(), isn_s, isn_c.wrapping_add(1), SA, 0)
        .tcp(
            1,
            c(),
            s(),
            isn_c.wrapping_add(1),
            isn_s.wrapping_add(1),
            A,
            0,
        );
}

fn states(v: &serde_json::Value) -> (String, String, String) {
    (
        v["client_state"].as_str().unwrap().into(),
        v["server_state"].as_str().unwrap().into(),
        v["outcome"].as_str().unwrap().into(),
    )
}

#[test]
fn normal_close_client_first_and_server_first() {
    let mut t = T::new();
    handshake(&mut t, 100, 500);
    t.tcp(1, c(), s(), 101, 501, FA, 0)
        .tcp(1, s(), c(), 501, 102, FA, 0)
        .tcp(1, c(), s(), 102, 502, A, 0);
    let v = t.conns();
    assert_eq!(
        states(&v[0]),
        ("TIME_WAIT".into(), "CLOSED".into(), "closed".into())
    );
    assert_eq!(v[0]["zeek_state"], "SF");
    assert_eq!(v[0]["history"], "ShAFf");
    assert_eq!(v[0]["handshake_rtt_ms"], 2.0);
    let mut t = T::new();
    handshake(&mut t, 100, 500);
    t.tcp(1, s(), c(), 501, 101, FA, 0)
        .tcp(1, c(), s(), 101, 502, FA, 0)
        .tcp(1, s(), c(), 502, 102, A, 0);
    assert_eq!(
        states(&t.conns()[0]),
        ("CLOSED".into(), "TIME_WAIT".into(), "closed".into())
    );
}

#[test]
fn half_close_and_simultaneous_close() {
    let mut t = T::new();
    handshake(&mut t, 100, 500);
    t.tcp(1, c(), s(), 101, 501, FA, 0)
        .tcp(1, s(), c(), 501, 102, PA, 10);
    let v = t.conns();
    assert_eq!(
        states(&v[0]),
        (
            "FIN_WAIT_2".into(),
            "CLOSE_WAIT".into(),
            "half_closed".into()
        )
    );
    let mut t = T::new();
    handshake(&mut t, 100, 500);
    t.tcp(1, c(), s(), 101, 501, FA, 0)
        .tcp(0, s(), c(), 501, 101, FA, 0)
        .tcp(1, c(), s(), 102, 502, A, 0)
        .tcp(0, s(), c(), 502, 102, A, 0);
    assert_eq!(
        states(&t.conns()[0]),
        ("TIME_WAIT".into(), "TIME_WAIT".into(), "closed".into())
    );
}

#[test]
fn simultaneous_open() {
    let mut t = T::new();
    t.tcp(0, c(), s(), 100, 0, S, 0)
        .tcp(0, s(), c(), 500, 0, S, 0)
        .tcp(1, c(), s(), 100, 501, SA, 0)
        .tcp(0, s(), c(), 500, 101, SA, 0);
    let v = t.conns();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["client_state"], "ESTABLISHED");
    assert_eq!(v[0]["server_state"], "ESTABLISHED");
}

#[test]
fn refused_timeout_and_icmp() {
    let mut t = T::new();
    t.tcp(0, c(), s(), 100, 0, S, 0)
        .tcp(1, s(), c(), 0, 101, RA, 0);
    let v = t.conns();
    assert_eq!(
        states(&v[0]),
        ("CLOSED".into(), "CLOSED".into(), "refused".into())
    );
    assert_eq!(v[0]["zeek_state"], "REJ");
    assert_eq!(v[0]["diagnosis"], "refused: SYN answered by RST");

    let mut t = T::new();
    for dt in [0, 1000, 2000, 4000] {
        t.tcp(dt, c(), s(), 100, 0, S, 0);
    }
    let v = t.conns();
    assert_eq!(
        states(&v[0]),
        ("SYN_SENT".into(), "CLOSED".into(), "timeout".into())
    );
    assert_eq!(v[0]["syn_count"], 4);
    assert_eq!(v[0]["retransmissions"], 3);
    assert_eq!(v[0]["syn_intervals_s"], serde_json::json!([1.0, 2.0, 4.0]));
    assert_eq!(v[0]["diagnosis"], "timed out: 4 SYNs over 7.0 s, no answer");
    assert_eq!(v[0]["zeek_state"], "S0");

    for (cl, sv, router, code, want) in [
        (
            c(),
            s(),
            v4([10, 0, 0, 254], 0),
            10,
            "blocked: SYN answered by ICMP host unreachable - admin prohibited",
        ),
        (
            v6([0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 40000),
            v6([0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2], 22),
            v6([0xfd; 16], 0),
            4,
            "unreachable: SYN answered by ICMPv6 port unreachable",
        ),
    ] {
        let mut t = T::new();
        t.tcp(0, cl, sv, 100, 0, S, 0);
        let syn = frame(
            cl,
            sv,
            &Tcp {
                seq: 100,
                ack: 0,
                flags: S,
                win: 1000,
                len: 0,
                opts: &[],
            },
        );
        let icmp = unreachable(router, cl, code, &syn);
        t.a.packet(&raw(&icmp, 5));
        let v = t.conns();
        assert_eq!(v[0]["outcome"], "unreachable");
        assert_eq!(v[0]["diagnosis"], want);
    }
}

#[test]
fn resets_either_side() {
    let mut t = T::new();
    handshake(&mut t, 100, 500);
    t.tcp(1, c(), s(), 101, 501, PA, 1000)
        .tcp(1, s(), c(), 501, 101, RA, 0)
        .tcp(0, c(), s(), 1101, 501, PA, 1000)
        .tcp(0, s(), c(), 501, 0, R, 0);
    let v = t.conns();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["outcome"], "reset_by_server");
    assert_eq!(v[0]["zeek_state"], "RSTR");
    // The later packets, a RST among them, count in the ended connection
    // (it is reported when Zeek would remove it, 5 s after the first RST).
    assert_eq!(v[0]["rsts"], 2);
    assert_eq!(
        v[0]["diagnosis"],
        "reset by server after 1000 bytes while the client was still sending"
    );
    let mut t = T::new();
    handshake(&mut t, 100, 500);
    t.tcp(1, c(), s(), 101, 501, RA, 0);
    let v = t.conns();
    assert_eq!(v[0]["outcome"], "reset_by_client");
    assert_eq!(v[0]["zeek_state"], "RSTO");
}

#[test]
fn keepalive_zero_window_and_probe() {
    let mut t = T::new();
    handshake(&mut t, 100, 500);
    for _ in 0..3 {
        t.tcp(1000, c(), s(), 100, 501, A, 0)
            .tcp(1, s(), c(), 501, 101, A, 0);
    }
    let v = t.conns();
    assert_eq!(v[0]["keepalives"], 3);
    assert_eq!(v[0]["keepalive_acks"], 3);
    assert_eq!(v[0]["diagnosis"], "idle but alive: 3 keepalives answered");

    let mut t = T::new();
    handshake(&mut t, 100, 500);
    t.tcp_opts(1, c(), s(), 101, 501, PA, 100, 1000, &[])
        .tcp_opts(1, s(), c(), 501, 201, A, 0, 0, &[])
        .tcp_opts(1000, c(), s(), 201, 501, PA, 1, 1000, &[])
        .tcp_opts(1, s(), c(), 501, 201, A, 0, 0, &[])
        .tcp_opts(2000, s(), c(), 501, 201, A, 0, 500, &[]);
    let v = t.conns();
    assert_eq!(v[0]["zero_windows"], 2);
    assert_eq!(v[0]["window_probes"], 1);
    assert_eq!(v[0]["zero_window_s"], 3.001);
    assert_eq!(
        v[0]["diagnosis"],
        "receiver window 0 for 3.0 s: the receiving application stopped reading"
    );
}

#[test]
fn retransmission_dup_acks_fast_retransmit_out_of_order_and_gaps() {
    let mut t = T::new();
    handshake(&mut t, 100, 500);
    // 101..201 lost; 201..301 and 301..401 arrive: gap, two dup ACKs, fast retransmit.
    t.tcp(10, c(), s(), 201, 501, PA, 100)
        .tcp(0, s(), c(), 501, 101, A, 0)
        .tcp(0, c(), s(), 301, 501, PA, 100)
        .tcp(0, s(), c(), 501, 101, A, 0)
        .tcp(0, s(), c(), 501, 101, A, 0)
        .tcp(1, c(), s(), 101, 501, PA, 100)
        .tcp(500, c(), s(), 101, 501, PA, 100);
    let v = t.conns();
    assert_eq!(v[0]["lost_segments"], 1);
    // The first of the three ACKs repeats the SYN-ACK's ack: a duplicate too.
    assert_eq!(v[0]["dup_acks"], 3);
    assert_eq!(v[0]["fast_retransmissions"], 1);
    assert_eq!(v[0]["retransmissions"], 2);
    // Out of order: a segment below `next` within 3 ms (no RTT: the handshake took 2 ms, so use it).
    let mut t = T::new();
    handshake(&mut t, 100, 500);
    t.tcp(10, c(), s(), 201, 501, PA, 100)
        .tcp(0, c(), s(), 101, 501, PA, 100);
    let v = t.conns();
    assert_eq!(v[0]["out_of_order"], 1);
    assert_eq!(v[0]["lost_segments"], 1);
}

#[test]
fn sack_dsack_and_spurious() {
    let mut t = T::new();
    handshake(&mut t, 100, 500);
    let dsack = [5u8, 10, 0, 0, 0, 101, 0, 0, 0, 201];
    t.tcp(1, c(), s(), 101, 501, PA, 100)
        .tcp(1, s(), c(), 501, 201, A, 0)
        .tcp(300, c(), s(), 101, 501, PA, 100)
        .tcp_opts(1, s(), c(), 501, 201, A, 0, 999, &dsack);
    let v = t.conns();
    assert_eq!(v[0]["spurious_retransmissions"], 1);
    assert_eq!(v[0]["dsacks"], 1);
    assert_eq!(v[0]["diagnosis"], "reordering, not loss: 1 D-SACK");
}

#[test]
fn port_reuse_midstream_and_wraparound() {
    let mut t = T::new();
    t.tcp(0, c(), s(), 100, 0, S, 0)
        .tcp(1, s(), c(), 0, 101, RA, 0);
    t.tcp(1000, c(), s(), 9000, 0, S, 0)
        .tcp(1, s(), c(), 0, 9001, RA, 0);
    assert_eq!(t.conns().len(), 2);
    // Midstream: roles from ports (80 is the server).
    let mut t = T::new();
    t.tcp(0, s(), c(), 500, 100, PA, 10)
        .tcp(1, c(), s(), 100, 510, A, 0);
    let v = t.conns();
    assert_eq!(v[0]["outcome"], "midstream");
    assert_eq!(v[0]["client"], "10.0.0.1:40000");
    assert_eq!(v[0]["zeek_state"], "OTH");
    // Sequence numbers wrapping past 2^32: no false retransmission.
    let mut t = T::new();
    handshake(&mut t, u32::MAX - 150, 500);
    t.tcp(1, c(), s(), u32::MAX - 149, 501, PA, 100)
        .tcp(
            1,
            c(),
            s(),
            (u32::MAX - 149).wrapping_add(100),
            501,
            PA,
            100,
        )
        .tcp(1, s(), c(), 501, (u32::MAX - 149).wrapping_add(200), A, 0);
    let v = t.conns();
    assert_eq!(v[0]["retransmissions"], 0);
    assert_eq!(v[0]["lost_segments"], 0);
    assert_eq!(v[0]["bytes_c2s"], 200);
}

#[test]
fn half_open_and_summary() {
    // SYN-ACKs unacknowledged for 3 s of capture: half-open.
    let mut t = T::new();
    t.tcp(0, c(), s(), 100, 0, S, 0)
        .tcp(1, s(), c(), 500, 101, SA, 0)
        .tcp(1000, s(), c(), 500, 101, SA, 0)
        .tcp(3001, s(), c(), 500, 101, SA, 0);
    let v = t.conns();
    assert_eq!(
        states(&v[0]),
        ("SYN_SENT".into(), "SYN_RECEIVED".into(), "half_open".into())
    );
    assert_eq!(v[0]["synack_count"], 3);
    // The capture ended 1 s after the first SYN-ACK: no verdict.
    let mut t = T::new();
    t.tcp(0, c(), s(), 100, 0, S, 0)
        .tcp(1, s(), c(), 500, 101, SA, 0)
        .tcp(1000, s(), c(), 500, 101, SA, 0);
    let v = t.conns();
    assert_eq!(
        states(&v[0]),
        ("SYN_SENT".into(), "SYN_RECEIVED".into(), "cut".into())
    );
    assert_eq!(
        v[0]["diagnosis"],
        "unfinished handshake: the SYN-ACK not acknowledged within the 1.0 s the capture \
         lasted after it"
    );
    assert_eq!(
        diagnose::summary(&[196, 0, 0, 3, 1, 0, 0, 0, 0, 0, 0]),
        "200 connections: 196 closed normally, 3 refused, 1 timed out"
    );
}

#[test]
fn memory_is_bounded_by_open_connections() {
    let mut t = T::new();
    for i in 0..2000u32 {
        let cl = v4([10, 0, (i >> 8) as u8, i as u8], 40000);
        t.tcp(100, cl, s(), 1, 0, S, 0).tcp(0, s(), cl, 0, 2, RA, 0);
    }
    // Ended connections linger LINGER_NS (5 s = 50 packets pairs apart) then go.
    assert!(t.a.open_connections() < 200, "{}", t.a.open_connections());
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
    });
    let base = frame(
        c(),
        s(),
        &Tcp {
            seq: 1,
            ack: 2,
            flags: 0xff,
            win: 0,
            len: 40,
            opts: &[5, 18, 0, 0],
        },
    );
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
    let mut t = T::new();
    t.tcp(0, c(), s(), 100, 0, S, 0)
        .tcp(1, s(), c(), 0, 101, RA, 0)
        .tcp(1000, c(), s(), 100, 0, S, 0)
        .tcp(1, s(), c(), 0, 101, RA, 0);
    let v = t.conns();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["outcome"], "refused");
    assert_eq!(v[0]["syn_count"], 2);
    assert_eq!(v[0]["retransmissions"], 1);
    assert_eq!(v[0]["packets_c2s"], 2);
}

#[test]
fn late_packets_count_in_their_connection() {
    // Both FINs, the last ACK, then a retransmitted FIN and its ACK within
    // Zeek's close delay: all in the one connection, reported once.
    let mut t = T::new();
    handshake(&mut t, 100, 500);
    t.tcp(1, c(), s(), 101, 501, FA, 0)
        .tcp(1, s(), c(), 501, 102, FA, 0)
        .tcp(1, c(), s(), 102, 502, A, 0)
        .tcp(200, s(), c(), 501, 102, FA, 0)
        .tcp(1, c(), s(), 102, 502, A, 0);
    let v = t.conns();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["packets_c2s"], 5);
    assert_eq!(v[0]["packets_s2c"], 3);
    assert_eq!(v[0]["zeek_state"], "SF");
}

#[test]
fn a_reset_outside_the_window_is_ignored() {
    // An injected RST whose sequence number is far from what the client
    // expects (RFC 5961 3.2): the connection goes on and closes normally.
    let mut t = T::new();
    handshake(&mut t, 100, 500);
    t.tcp(1, s(), c(), 900_000, 0, R, 0)
        .tcp(1, c(), s(), 101, 501, PA, 10)
        .tcp(1, s(), c(), 501, 111, A, 0)
        .tcp(1, c(), s(), 111, 501, FA, 0)
        .tcp(1, s(), c(), 501, 112, FA, 0)
        .tcp(1, c(), s(), 112, 502, A, 0);
    let v = t.conns();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["outcome"], "closed");
    assert_eq!(v[0]["ignored_rsts"], 1);
    assert!(
        v[0]["diagnosis"]
            .as_str()
            .unwrap()
            .contains("1 RST the receiver would ignore"),
        "{}",
        v[0]["diagnosis"]
    );
    // A RST at the expected sequence number does reset it.
    let mut t = T::new();
    handshake(&mut t, 100, 500);
    t.tcp(1, s(), c(), 501, 0, R, 0);
    let v = t.conns();
    assert_eq!(v[0]["outcome"], "reset_by_server");
    assert_eq!(v[0]["ignored_rsts"], 0);
}

#[test]
fn a_syn_ack_seen_first_then_its_syn_is_one_connection() {
    // The capture host saw the SYN-ACK before the SYN (Zeek's
    // handshake-reorder.pcap): no phantom connection, both ends close.
    let mut t = T::new();
    t.tcp(0, s(), c(), 500, 101, SA, 0)
        .tcp(1, c(), s(), 100, 0, S, 0)
        .tcp(1, c(), s(), 101, 501, A, 0)
        .tcp(1, c(), s(), 101, 501, FA, 0)
        .tcp(1, s(), c(), 501, 102, FA, 0)
        .tcp(1, c(), s(), 102, 502, A, 0);
    let v = t.conns();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["client"], "10.0.0.1:40000");
    assert_eq!(v[0]["outcome"], "closed");
    assert_eq!(v[0]["client_state"], "TIME_WAIT");
    assert_eq!(v[0]["zeek_state"], "SF");
}

#[test]
fn a_syn_ack_first_with_no_syn_still_lets_the_client_close() {
    // Only the SYN-ACK of the handshake was captured: the client (its
    // receiver) was in SYN_SENT, so its ACK establishes it and its FIN
    // counts (Zeek's history flips: ^h).
    let mut t = T::new();
    t.tcp(0, s(), c(), 500, 101, SA, 0)
        .tcp(1, c(), s(), 101, 501, A, 0)
        .tcp(1, c(), s(), 101, 501, FA, 0)
        .tcp(1, s(), c(), 501, 102, FA, 0)
        .tcp(1, c(), s(), 102, 502, A, 0);
    let v = t.conns();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["client"], "10.0.0.1:40000");
    assert_eq!(v[0]["client_state"], "TIME_WAIT");
    assert_eq!(v[0]["client_fin"], true);
    assert_eq!(v[0]["outcome"], "closed");
}

#[test]
fn a_single_syn_at_the_end_of_the_capture_is_not_a_timeout() {
    let mut t = T::new();
    handshake(&mut t, 100, 500);
    t.tcp(1, c(), s(), 101, 501, FA, 0)
        .tcp(1, s(), c(), 501, 102, FA, 0)
        .tcp(1, c(), s(), 102, 502, A, 0);
    let other = v4([10, 0, 0, 1], 40001);
    t.tcp(5000, other, s(), 7, 0, S, 0)
        .tcp(1, c(), s(), 102, 502, A, 0);
    let v = t.conns();
    let syn = v.iter().find(|x| x["client"] == "10.0.0.1:40001").unwrap();
    assert_eq!(syn["outcome"], "cut");
    assert_eq!(
        syn["diagnosis"],
        "unfinished handshake: 1 SYN, no answer within the 1 ms the capture lasted after it"
    );
    // The same SYN with 3 s of capture after it is a timeout.
    let mut t = T::new();
    t.tcp(0, other, s(), 7, 0, S, 0)
        .tcp(3000, c(), s(), 100, 0, S, 0);
    let v = t.conns();
    let syn = v.iter().find(|x| x["client"] == "10.0.0.1:40001").unwrap();
    assert_eq!(syn["outcome"], "timeout");
}
