//! Filter evaluation speed: our `Filter::matches` against libpcap's compiled
//! BPF run by libpcap's interpreter (`bpf_filter` through
//! `pcap::BpfProgram::filter`), on the same in-memory packets of each shipped
//! Ethernet capture and of all of them together, for a simple and a complex
//! expression (packets/s).
//! Reading and printing are excluded; `scripts/bench-filter-vs-tcpdump`
//! compares whole runs against tcpdump on a generated large capture.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use tcpscope::filter::Filter;
use tcpscope::packet::{LinkType, Precision, RawPacket, Timestamp};

const CAPTURES: [&str; 6] = [
    "http-ipv4.pcap",
    "http-ipv6.pcap",
    "syn-options.pcap",
    "udp-icmp-arp.pcap",
    "vlan.pcap",
    "refused.pcap",
];

const EXPRESSIONS: [(&str, &str); 2] = [
    ("simple", "tcp port 80"),
    (
        "complex",
        "(tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn and dst net 10.77.0.0/16) \
         or (ip6 and udp portrange 40000-40100) \
         or (vlan 100 and host 10.77.100.1) \
         or (icmp[icmptype] == icmp-echo and len > 60)",
    ),
];

struct Packet {
    ts: Timestamp,
    wire_len: u32,
    link: LinkType,
    data: Vec<u8>,
}

impl Packet {
    fn raw(&self) -> RawPacket<'_> {
        RawPacket {
            ts: self.ts,
            wire_len: self.wire_len,
            link: self.link,
            data: &self.data,
            origin: Default::default(),
        }
    }
}

/// All packets of one shipped Ethernet capture, owned, so the bench measures
/// filtering only.
fn load(name: &str) -> Vec<Packet> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("captures")
        .join(name);
    let mut src = tcpscope::source::file::open(path.to_str().unwrap(), Precision::Micro).unwrap();
    let mut v = Vec::new();
    while let Some(p) = src.next_packet().unwrap() {
        assert_eq!(p.link, LinkType::EN10MB, "{name} is not Ethernet");
        v.push(Packet {
            ts: p.ts,
            wire_len: p.wire_len,
            link: p.link,
            data: p.data.to_vec(),
        });
    }
    v
}

fn bench(c: &mut Criterion) {
    // Each capture on its own, then all of them together.
    let mut sets: Vec<(String, Vec<Packet>)> = CAPTURES
        .iter()
        .map(|name| (name.trim_end_matches(".pcap").to_string(), load(name)))
        .collect();
    let all = CAPTURES.iter().flat_map(|name| load(name)).collect();
    sets.push(("all".to_string(), all));

    let dead = pcap::Capture::dead(pcap::Linktype(LinkType::EN10MB.0 as i32)).unwrap();
    for (label, text) in EXPRESSIONS {
        let ours = Filter::compile(text, LinkType::EN10MB).unwrap();
        let bpf = dead.compile(text, true).unwrap();
        let mut g = c.benchmark_group(format!("filter {label}"));
        g.warm_up_time(Duration::from_millis(300));
        g.measurement_time(Duration::from_secs(1));
        g.sample_size(20);
        for (set, pkts) in &sets {
            // `BpfProgram::filter` gives libpcap the captured length as the
            // wire length too; the shipped captures are not truncated, so both
            // engines see the same packets. Check they keep the same ones.
            assert!(pkts.iter().all(|p| p.wire_len as usize == p.data.len()));
            let kept_ours = pkts.iter().filter(|p| ours.matches(&p.raw())).count();
            let kept_bpf = pkts.iter().filter(|p| bpf.filter(&p.data)).count();
            assert_eq!(kept_ours, kept_bpf, "{label} on {set}: engines disagree");
            eprintln!(
                "filter {label} on {set}: both engines keep {kept_ours} of {} packets",
                pkts.len()
            );
            g.throughput(Throughput::Elements(pkts.len() as u64));
            g.bench_with_input(BenchmarkId::new("tcpscope", set), pkts, |b, pkts| {
                b.iter(|| {
                    let mut n = 0usize;
                    for p in pkts {
                        n += ours.matches(black_box(&p.raw())) as usize;
                    }
                    black_box(n)
                })
            });
            g.bench_with_input(BenchmarkId::new("libpcap", set), pkts, |b, pkts| {
                b.iter(|| {
                    let mut n = 0usize;
                    for p in pkts {
                        n += bpf.filter(black_box(&p.data)) as usize;
                    }
                    black_box(n)
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
