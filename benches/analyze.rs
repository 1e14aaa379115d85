//! Analyzer throughput (packets/s) on a large generated capture held in
//! memory: many concurrent connections (handshake, data both ways, close),
//! as `--connections` sees them. The table's size is printed at the end of
//! a run to show memory stays bounded by open connections. `flood`: a SYN
//! flood (one SYN from each of 200,000 spoofed sources, 100 µs apart) in
//! every analyzer mode and for the packets table (`Mode::Packets`, every
//! packet's numbers), and an ACK flood (one bare ACK from each), as
//! `scripts/hostile-captures/flood.py syn` and `ack` write them (the
//! script's captures time the whole binary and its peak memory: README's
//! "Under attack").

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tcpscope::analyze::synth::{Tcp, frame, raw, v4};
use tcpscope::analyze::{Analyzer, Mode, Options};

/// `conns` connections of 10 packets each, 100 open at a time, interleaved.
fn capture(conns: u32) -> Vec<(u64, Vec<u8>)> {
    let mut out = Vec::new();
    let mut ms = 0u64;
    for batch in 0..conns / 100 {
        let mut steps: Vec<Vec<Vec<u8>>> = Vec::new();
        for i in 0..100u32 {
            let n = batch * 100 + i;
            let c = v4(
                [10, 0, (n >> 8) as u8, n as u8],
                20_000 + (n % 40_000) as u16,
            );
            let s = v4([10, 1, 0, 1], 80);
            let t = |seq, ack, flags, len| Tcp {
                seq,
                ack,
                flags,
                win: 1000,
                len,
                opts: &[],
            };
            let (a, b) = (1000u32, 5000u32);
            let v = vec![
                frame(c, s, &t(a, 0, 0x02, 0)),
                frame(s, c, &t(b, a + 1, 0x12, 0)),
                frame(c, s, &t(a + 1, b + 1, 0x10, 0)),
                frame(c, s, &t(a + 1, b + 1, 0x18, 100)),
                frame(s, c, &t(b + 1, a + 101, 0x18, 1000)),
                frame(c, s, &t(a + 101, b + 1001, 0x10, 0)),
                frame(c, s, &t(a + 101, b + 1001, 0x11, 0)),
                frame(s, c, &t(b + 1001, a + 102, 0x11, 0)),
                frame(c, s, &t(a + 102, b + 1002, 0x10, 0)),
                frame(s, c, &t(b + 1002, a + 102, 0x10, 0)),
            ];
            steps.push(v);
        }
        for k in 0..10 {
            for v in &steps {
                ms += 1;
                out.push((ms, v[k].clone()));
            }
        }
    }
    out
}

/// One SYN (`flags` 0x02) or bare ACK (0x10) from each of `n` sources, 100
/// µs apart (ms resolution: ten per millisecond).
fn flood(n: u32, flags: u8) -> Vec<(u64, Vec<u8>)> {
    let s = v4([10, 1, 0, 1], 80);
    (0..n)
        .map(|i| {
            let x = i.wrapping_mul(2_654_435_761);
            let c = v4(x.to_be_bytes(), 1024 + (i % 60_000) as u16);
            let syn = flags == 0x02;
            let t = Tcp {
                seq: x,
                ack: if syn { 0 } else { x.rotate_left(7) },
                flags,
                win: if syn { 64240 } else { 502 },
                len: 0,
                opts: if syn {
                    &[
                        2, 4, 5, 0xb4, 4, 2, 8, 10, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 3, 7,
                    ]
                } else {
                    &[]
                },
            };
            (u64::from(i / 10), frame(c, s, &t))
        })
        .collect()
}

fn bench_flood(c: &mut Criterion) {
    let syns = flood(200_000, 0x02);
    let acks = flood(200_000, 0x10);
    let mut g = c.benchmark_group("flood");
    g.throughput(Throughput::Elements(syns.len() as u64));
    g.sample_size(10);
    for (name, pkts, mode, json) in [
        ("connections", &syns, Mode::Connections, false),
        ("json_connections", &syns, Mode::Connections, true),
        ("diagnose", &syns, Mode::Diagnose, false),
        ("states", &syns, Mode::States, false),
        ("ack_connections", &acks, Mode::Connections, false),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut a = Analyzer::new(Options {
                    json,
                    ..Options::new(mode)
                });
                let mut out = Vec::new();
                for (ms, d) in pkts {
                    a.packet(&raw(d, *ms));
                    a.take(&mut out).unwrap();
                    out.clear();
                }
                a.finish(&mut std::io::sink(), &mut std::io::sink())
                    .unwrap();
            })
        });
    }
    // The packets table's analysis: every packet's numbers.
    g.bench_function("packets_table", |b| {
        b.iter(|| {
            let mut a = Analyzer::new(Options::new(Mode::Packets));
            for (ms, d) in &syns {
                black_box(a.packet(&raw(d, *ms)));
            }
            a.finish(&mut std::io::sink(), &mut std::io::sink())
                .unwrap();
        })
    });
    g.finish();
}

fn bench(c: &mut Criterion) {
    let pkts = capture(20_000);
    let mut g = c.benchmark_group("analyze");
    g.throughput(Throughput::Elements(pkts.len() as u64));
    g.sample_size(10);
    g.bench_function("--connections --json, 200k packets", |b| {
        b.iter(|| {
            let mut a = Analyzer::new(Options {
                mode: Mode::Connections,
                json: true,
                at: None,
                nano: false,
                live: false,
                ..Options::new(Mode::Connections)
            });
            let mut sink = std::io::sink();
            for (ms, d) in &pkts {
                a.packet(&raw(d, *ms));
                a.take(&mut sink).unwrap();
            }
            black_box(a.open_connections());
            a.finish(&mut sink, &mut std::io::sink()).unwrap();
        })
    });
    g.bench_function("--states, 200k packets", |b| {
        b.iter(|| {
            let mut a = Analyzer::new(Options {
                mode: Mode::States,
                json: false,
                at: None,
                nano: false,
                live: false,
                ..Options::new(Mode::Connections)
            });
            for (ms, d) in &pkts {
                a.packet(&raw(d, *ms));
            }
            black_box(a.open_connections());
            a.finish(&mut std::io::sink(), &mut std::io::sink())
                .unwrap();
        })
    });
    g.finish();
}

criterion_group!(benches, bench, bench_flood);
criterion_main!(benches);
