//! The read → decode → print pipeline stage by stage, on a capture generated
//! in memory (thousands of interleaved TCP connections over IPv4 and IPv6
//! with mss/sackOK/TS/wscale options, data, ACKs, FIN and some resets):
//! reader only, reader + decode, `-nn` formatting, `-v` formatting, and end
//! to end (`tcpscope -nn -r FILE` through [`tcpscope::run`], the file in
//! /tmp), and end to end the analyzer's text beside the Parquet tables
//! (`--connections`, `--connections --format parquet`, `--packets --format
//! parquet`), and Apache's Parquet writer alone on the packets table's
//! batches. Each is reported in packets/s and in MB/s of capture.
//! Side-by-side figures against tcpdump come from scripts/bench-vs-tcpdump.

use std::hint::black_box;
use std::io::Cursor;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tcpscope::analyze::synth::{Tcp, frame, v4, v6};
use tcpscope::config::{Config, Output};
use tcpscope::decode::ether::EtherView;
use tcpscope::decode::ip::Ipv4View;
use tcpscope::decode::ip6::Ipv6View;
use tcpscope::decode::tcp::TcpView;
use tcpscope::packet::{Precision, RawPacket};
use tcpscope::print::{PrintOptions, Printer};

const PACKETS: usize = 50_000;

/// A classic pcap (µs, Ethernet) of about `PACKETS` packets.
fn capture() -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&0xA1B2_C3D4u32.to_le_bytes());
    out.extend_from_slice(&[2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    out.extend_from_slice(&262_144u32.to_le_bytes());
    out.extend_from_slice(&1u32.to_le_bytes());
    let syn_opts: &[u8] = &[
        2, 4, 5, 180, 4, 2, 8, 10, 0, 0, 1, 0, 0, 0, 0, 0, 1, 3, 3, 7,
    ];
    let ts_opts: &[u8] = &[1, 1, 8, 10, 0, 0, 2, 0, 0, 0, 3, 0];
    let (mut n, mut us, mut conn) = (0usize, 0u64, 0u32);
    // 64 connections open at a time, one packet from each in turn.
    while n < PACKETS {
        let mut flows: Vec<Vec<Vec<u8>>> = Vec::new();
        for _ in 0..64 {
            conn += 1;
            let (c, s) = if conn % 3 == 0 {
                let mut a = [0xfdu8; 16];
                a[12..].copy_from_slice(&conn.to_be_bytes());
                (v6(a, 30_000 + (conn % 30_000) as u16), v6([0xfe; 16], 443))
            } else {
                let b = conn.to_be_bytes();
                (
                    v4([192, 168, b[2], b[3]], 30_000 + (conn % 30_000) as u16),
                    v4([10, 77, 0, 1], 80),
                )
            };
            let (a, b) = (conn.wrapping_mul(7919), conn.wrapping_mul(104_729));
            let mut f = vec![
                frame(c, s, &t(a, 0, 0x02, 0, syn_opts)),
                frame(s, c, &t(b, a + 1, 0x12, 0, syn_opts)),
                frame(c, s, &t(a + 1, b + 1, 0x10, 0, ts_opts)),
                frame(c, s, &t(a + 1, b + 1, 0x18, 80, ts_opts)),
            ];
            let mut sseq = b + 1;
            for i in 0..8 {
                f.push(frame(s, c, &t(sseq, a + 81, 0x10, 1448, ts_opts)));
                sseq += 1448;
                if i % 2 == 1 {
                    f.push(frame(c, s, &t(a + 81, sseq, 0x10, 0, ts_opts)));
                }
            }
            if conn % 20 == 0 {
                f.push(frame(s, c, &t(sseq, 0, 0x04, 0, &[])));
            } else {
                f.push(frame(c, s, &t(a + 81, sseq, 0x11, 0, ts_opts)));
                f.push(frame(s, c, &t(sseq, a + 82, 0x11, 0, ts_opts)));
                f.push(frame(c, s, &t(a + 82, sseq + 1, 0x10, 0, ts_opts)));
            }
            f.reverse();
            flows.push(f);
        }
        while flows.iter().any(|f| !f.is_empty()) {
            for f in flows.iter_mut() {
                if let Some(fr) = f.pop() {
                    us += 37;
                    out.extend_from_slice(&(1_718_000_000 + (us / 1_000_000) as u32).to_le_bytes());
                    out.extend_from_slice(&((us % 1_000_000) as u32).to_le_bytes());
                    out.extend_from_slice(&(fr.len() as u32).to_le_bytes());
                    out.extend_from_slice(&(fr.len() as u32).to_le_bytes());
                    out.extend_from_slice(&fr);
                    n += 1;
                }
            }
        }
    }
    out
}

fn t(seq: u32, ack: u32, flags: u8, len: usize, opts: &[u8]) -> Tcp<'_> {
    Tcp {
        seq,
        ack,
        flags,
        win: 502,
        len,
        opts,
    }
}

fn count(bytes: &'static [u8]) -> u64 {
    let mut src =
        tcpscope::source::file::from_reader(Box::new(Cursor::new(bytes)), Precision::Micro)
            .unwrap();
    let mut n = 0;
    while src.next_packet().unwrap().is_some() {
        n += 1;
    }
    n
}

/// Every packet of the capture, owned, for the formatting benches.
fn packets(
    bytes: &'static [u8],
) -> Vec<(
    tcpscope::packet::Timestamp,
    u32,
    tcpscope::packet::LinkType,
    Vec<u8>,
)> {
    let mut src =
        tcpscope::source::file::from_reader(Box::new(Cursor::new(bytes)), Precision::Micro)
            .unwrap();
    let mut v = Vec::new();
    while let Some(p) = src.next_packet().unwrap() {
        v.push((p.ts, p.wire_len, p.link, p.data.to_vec()));
    }
    v
}

/// Touches what a printer decodes first: Ethernet, IP, TCP header fields.
fn decode(data: &[u8]) -> u64 {
    let Ok(eth) = EtherView::new_checked(data) else {
        return 0;
    };
    let payload = &data[EtherView::HEADER_LEN..];
    let tcp = match eth.ethertype() {
        0x0800 => Ipv4View::new_checked(payload)
            .ok()
            .and_then(|ip| TcpView::new_checked(payload.get(ip.header_len()..)?).ok()),
        0x86dd => Ipv6View::new_checked(payload)
            .ok()
            .and_then(|_| TcpView::new_checked(payload.get(40..)?).ok()),
        _ => None,
    };
    tcp.map_or(1, |t| u64::from(t.seq()) ^ u64::from(t.window()))
}

fn bench(c: &mut Criterion) {
    // Leaked once so readers can borrow it without copying per iteration.
    let bytes: &'static [u8] = capture().leak();
    let n = count(bytes);
    let pkts = packets(bytes);
    let mut g = c.benchmark_group("pipeline");
    g.sample_size(20);
    let both = |g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
                name: &str,
                f: &mut dyn FnMut() -> u64| {
        g.throughput(Throughput::Elements(n));
        g.bench_function(format!("{name} (packets)"), |b| b.iter(|| black_box(f())));
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(format!("{name} (bytes)"), |b| b.iter(|| black_box(f())));
    };
    both(&mut g, "reader", &mut || count(bytes));
    both(&mut g, "reader + decode", &mut || {
        let mut src =
            tcpscope::source::file::from_reader(Box::new(Cursor::new(bytes)), Precision::Micro)
                .unwrap();
        let mut x = 0;
        while let Some(p) = src.next_packet().unwrap() {
            x ^= decode(p.data);
        }
        x
    });
    for (name, verbose) in [("format -nn", 0u8), ("format -nn -v", 1)] {
        both(&mut g, name, &mut || {
            let mut pr = Printer::new(PrintOptions {
                numeric: 2,
                verbose,
                verify_checksums: verbose > 0,
                ..Default::default()
            });
            let mut len = 0u64;
            for (i, (ts, wire_len, link, data)) in pkts.iter().enumerate() {
                let raw = RawPacket {
                    ts: *ts,
                    wire_len: *wire_len,
                    link: *link,
                    data,
                    origin: Default::default(),
                };
                len += pr.packet(&raw, i as u32 + 1).len() as u64;
            }
            len
        });
    }
    let path = std::env::temp_dir().join(format!(
        "tcpscope-bench-pipeline-{}.pcap",
        std::process::id()
    ));
    std::fs::write(&path, bytes).unwrap();
    // What the command line `tcpscope -nn -r PATH` builds.
    let config = Config {
        read_file: Some(path.to_path_buf()),
        more_files: Vec::new(),
        count: None,
        user: None,
        line_buffered: false,
        filter: None,
        dump_bpf: 0,
        optimize: true,
        output: Output::Print,
        count_line: false,
        print: PrintOptions {
            numeric: 2,
            verify_checksums: true,
            ..Default::default()
        },
        list_interfaces: false,
        live: None,
        progress: false,
        export: None,
    };
    both(&mut g, "end to end -nn -r", &mut || {
        let mut out = std::io::sink();
        let mut err = Vec::new();
        tcpscope::run(&config, &mut out, &mut err).unwrap();
        err.len() as u64
    });
    // The tables (issue 19) against the analyzer's own text: `--connections
    // -r`, `--connections --format parquet`, `--packets --format parquet`.
    // A run as root drops to user tcpdump, so the tables go to a folder
    // anyone may write, each run's file removed before the next.
    let dir = std::env::temp_dir().join(format!("tcpscope-bench-tables-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    use tcpscope::config::analyze::{Mode, Options};
    use tcpscope::config::export::{Export, Format, Table};
    let analyze = |mode: Mode, records_only: bool| Output::Analyze {
        options: Options {
            records_only,
            ..Options::new(mode)
        },
        write: None,
        pictures: Default::default(),
    };
    let table = |table: Table, name: &str| {
        Some(Export {
            format: Format::Parquet,
            table,
            path: dir.join(name),
            per_input: false,
            jobs: None,
        })
    };
    for (name, output, export) in [
        (
            "end to end --connections -r",
            analyze(Mode::Connections, false),
            None,
        ),
        (
            "end to end --connections --format parquet",
            analyze(Mode::Connections, true),
            table(Table::Connections, "c.parquet"),
        ),
        (
            "end to end --packets --format parquet",
            analyze(Mode::Packets, false),
            table(Table::Packets, "p.parquet"),
        ),
    ] {
        let config = Config {
            output,
            export,
            ..config.clone()
        };
        both(&mut g, name, &mut || {
            if let Some(e) = &config.export {
                let _ = std::fs::remove_file(&e.path);
            }
            let mut out = std::io::sink();
            let mut err = Vec::new();
            tcpscope::run(&config, &mut out, &mut err).unwrap();
            err.len() as u64
        });
    }
    // The Parquet writer alone on the packets table's batches (read back
    // from the last run's file): the part of `--packets --format parquet`
    // that is Apache's writer (encoding, dictionaries, statistics, Snappy),
    // with the properties tcpscope uses. What is left of the end-to-end
    // figure above is reading, decoding, analyzing and filling the columns;
    // the two run on two threads, so a core's share is their sum.
    let batches: Vec<arrow_array::RecordBatch> = {
        let f = std::fs::File::open(dir.join("p.parquet")).unwrap();
        parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(f)
            .unwrap()
            .with_batch_size(tcpscope::export::BATCH_ROWS)
            .build()
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let rows: usize = batches.iter().map(arrow_array::RecordBatch::num_rows).sum();
    g.throughput(Throughput::Elements(rows as u64));
    g.bench_function("packets table, Parquet writer alone (packets)", |b| {
        b.iter(|| {
            let schema = batches[0].schema();
            let props = tcpscope::export::parquet_properties(&schema, Vec::new());
            let mut w =
                parquet::arrow::ArrowWriter::try_new(std::io::sink(), schema, Some(props)).unwrap();
            for batch in &batches {
                w.write(batch).unwrap();
            }
            black_box(w.close().unwrap());
        })
    });
    let _ = std::fs::remove_dir_all(&dir);
    g.finish();
    let _ = std::fs::remove_file(&path);
}

criterion_group!(benches, bench);
criterion_main!(benches);
