//! The pictures on a large connection: 1,000,000 data segments (and
//! 500,000 ACKs, 1,000 retransmissions) of one synthetic bulk transfer
//! (`analyze::synth::bulk`). `record`: the analyzer keeping the
//! connection's per-segment record (`--graph 0`'s extra work per packet);
//! `draw`: each picture from that record, thinned to the pixels drawn
//! (issue 20: "1 M segments drawn in a few seconds").

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tcpscope::analyze::synth::bulk;
use tcpscope::analyze::trace::Traced;
use tcpscope::analyze::{Analyzer, Mode, Options, Trace};
use tcpscope::graph::{Dir, Kind, draw};
use tcpscope::packet::{LinkType, RawPacket, Timestamp};

fn record(frames: &[(u64, Vec<u8>)]) -> Traced {
    let mut opts = Options::new(Mode::Silent);
    opts.trace = Trace::Stream(0);
    let mut a = Analyzer::new(opts);
    for (us, f) in frames {
        a.packet(&RawPacket {
            ts: Timestamp {
                sec: 1_700_000_000 + us / 1_000_000,
                frac: us % 1_000_000,
            },
            wire_len: f.len() as u32,
            link: LinkType::EN10MB,
            data: f,
            origin: Default::default(),
        });
    }
    let _ = a.finish(&mut std::io::sink(), &mut std::io::sink());
    a.take_traced().pop().expect("the connection's record")
}

fn bench(c: &mut Criterion) {
    let frames = bulk(1_000_000);
    let mut g = c.benchmark_group("graph 1M segments");
    g.sample_size(10);
    g.bench_function("record (analyzer with --graph 0)", |b| {
        b.iter(|| black_box(record(&frames).segs.len()))
    });
    let t = record(&frames);
    for (name, kind) in [
        ("draw tsg", Kind::Tsg),
        ("draw throughput", Kind::Throughput),
        ("draw rtt", Kind::Rtt),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| black_box(draw(&t, kind, Dir::Auto).expect("drawn").len()))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
