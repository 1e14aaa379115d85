//! Throughput of the read → print pipeline on the shipped captures
//! (packets/s and bytes/s), with output to a sink. Speed claims against
//! tcpdump belong to a side-by-side script, not to this bench.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tcpscope::packet::Precision;
use tcpscope::print::{PrintOptions, Printer};

/// All packets of a capture, owned, so the bench measures printing only.
fn load(
    name: &str,
) -> Vec<(
    tcpscope::packet::Timestamp,
    u32,
    tcpscope::packet::LinkType,
    Vec<u8>,
)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("captures")
        .join(name);
    let mut src = tcpscope::source::file::open(path.to_str().unwrap(), Precision::Micro).unwrap();
    let mut v = Vec::new();
    while let Some(p) = src.next_packet().unwrap() {
        v.push((p.ts, p.wire_len, p.link, p.data.to_vec()));
    }
    v
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("print -nn");
    for name in ["http-ipv4.pcap", "syn-options.pcap", "udp-icmp-arp.pcap"] {
        let pkts = load(name);
        let bytes: usize = pkts.iter().map(|p| p.3.len()).sum();
        g.throughput(Throughput::Elements(pkts.len() as u64));
        g.bench_function(format!("{name} packets"), |b| {
            b.iter(|| {
                let mut pr = Printer::new(PrintOptions {
                    numeric: 2,
                    ..Default::default()
                });
                let mut n = 0usize;
                for (i, (ts, len, link, data)) in pkts.iter().enumerate() {
                    let raw = tcpscope::packet::RawPacket {
                        ts: *ts,
                        wire_len: *len,
                        link: *link,
                        data,
                        origin: Default::default(),
                    };
                    n += pr.packet(&raw, i as u32 + 1).len();
                }
                black_box(n)
            })
        });
        g.throughput(Throughput::Bytes(bytes as u64));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
