//! Pictures (issue 20): `--graph N --output FILE.svg` and `--report
//! FILE.html`, checked structurally against the analyzer's own per-packet
//! classification (`--json` alone prints each packet's `tcp.analysis`
//! flags) and its connection records; connection numbers against
//! Wireshark's `tcp.stream` (`captures/analyze/tshark-streams.tsv`, from
//! `scripts/tshark-streams.sh`); the HTML opened in a real headless
//! browser (Debian's chromium), its screenshot checked not to be blank.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::util::{bin, repo};

fn analyze_dir() -> PathBuf {
    repo().join("captures").join("analyze")
}

fn json_lines(args: &[&str]) -> Vec<Value> {
    let out = Command::new(bin()).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn connections(pcap: &Path) -> Vec<Value> {
    json_lines(&["-r", pcap.to_str().unwrap(), "--connections", "--json"])
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tcpscope-graph-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

fn graph(pcap: &Path, stream: u64, extra: &[&str]) -> String {
    let out = scratch(&format!(
        "{}-{stream}-{}.svg",
        pcap.file_stem().unwrap().to_str().unwrap(),
        extra.join("-")
    ));
    let n = stream.to_string();
    let mut args = vec!["-r", pcap.to_str().unwrap(), "--graph", &n, "--output"];
    args.push(out.to_str().unwrap());
    args.extend_from_slice(extra);
    let o = Command::new(bin()).args(&args).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        o.stdout.is_empty(),
        "--graph alone prints nothing on stdout"
    );
    std::fs::read_to_string(&out).unwrap()
}

/// Elements of one kind whose attribute `attr` is `value` (plotters writes
/// one element per line).
fn count(svg: &str, element: &str, needle: &str) -> usize {
    svg.lines()
        .filter(|l| l.starts_with(&format!("<{element} ")) && l.contains(needle))
        .count()
}

/// What the picture of one direction must show, from the per-packet
/// analysis of the connection's packets.
#[derive(Debug, Default, PartialEq)]
struct Expect {
    bars: usize,
    retrans: usize,
    ooo: usize,
    gap: usize,
    seq_max: i64,
}

fn expected(pkts: &[Value], sender: &str) -> Expect {
    let mut e = Expect::default();
    for p in pkts {
        let from = if p["src"].as_str().unwrap().contains(':') {
            format!("[{}]:{}", p["src"].as_str().unwrap(), p["sport"])
        } else {
            format!("{}:{}", p["src"].as_str().unwrap(), p["sport"])
        };
        if from != sender {
            continue;
        }
        let flags = p["flags"].as_str().unwrap();
        let len = p["len"].as_i64().unwrap();
        let space = len + i64::from(flags.contains('S')) + i64::from(flags.contains('F'));
        if space == 0 {
            continue;
        }
        e.bars += 1;
        // `analysis` is left out when the analyzer flagged nothing.
        let has = |f: &str| {
            p["analysis"]
                .as_array()
                .is_some_and(|v| v.iter().any(|a| a == f))
        };
        if has("retransmission") {
            e.retrans += 1;
        } else if has("out_of_order") {
            e.ooo += 1;
        } else if has("lost_segment") {
            e.gap += 1;
        }
        e.seq_max = e.seq_max.max(p["seq"].as_i64().unwrap() + space);
    }
    e
}

/// What the picture shows: its bars by colour, and the extents it prints.
fn shown(svg: &str) -> (Expect, f64) {
    let bars = |c: &str| {
        count(
            svg,
            "polyline",
            &format!("stroke=\"{c}\" stroke-width=\"2\""),
        )
    };
    let note = svg
        .lines()
        .find(|l| l.starts_with("x 0 to "))
        .expect("the extents line");
    let dur: f64 = note["x 0 to ".len()..]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let seq_max: i64 = note
        .split("sequence 0 to ")
        .nth(1)
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let e = Expect {
        retrans: bars("#D62728"),
        ooo: bars("#FF7F0E"),
        gap: bars("#9467BD"),
        bars: bars("#1F77B4") + bars("#D62728") + bars("#FF7F0E") + bars("#9467BD"),
        seq_max,
    };
    (e, dur)
}

/// Every mark of the time-sequence graph on the analyzer scenarios, both
/// directions: a bar per segment taking sequence space, coloured as the
/// analyzer classified it, retransmission bars summing to its count; the
/// x axis the connection's duration, the y extent its highest sequence
/// number; SYN and FIN markers one per segment (plus the legend's).
#[test]
fn time_sequence_graph_agrees_with_the_analyzer() {
    let mut checked = 0;
    for name in [
        "loss-reorder",
        "zero-window",
        "reset-mid-upload",
        "half-close",
        "normal-client-close-ipv6",
        "timeout",
        "refused",
        "keepalive",
    ] {
        let pcap = analyze_dir().join(format!("{name}.pcap"));
        let conns = connections(&pcap);
        assert_eq!(conns.len(), 1, "{name}");
        let c = &conns[0];
        let pkts: Vec<Value> = json_lines(&["-r", pcap.to_str().unwrap(), "--json"])
            .into_iter()
            .filter(|p| p["tcp"] != false)
            .collect();
        let mut retrans = 0;
        for (dir, sender) in [("client", &c["client"]), ("server", &c["server"])] {
            let svg = graph(&pcap, 0, &["--graph-dir", dir]);
            assert!(svg.starts_with("<svg "), "{name}");
            let want = expected(&pkts, sender.as_str().unwrap());
            let (got, dur) = shown(&svg);
            assert!(want.bars < 800, "{name}: drawn without thinning");
            assert!(!svg.contains("thinned"), "{name}");
            assert_eq!(got, want, "{name} {dir}");
            let d = c["duration_s"].as_f64().unwrap();
            assert!(
                (dur - d).abs() < 1.5e-6,
                "{name} {dir}: x to {dur}, duration {d}"
            );
            retrans += got.retrans;
            let n = |f: char| {
                pkts.iter()
                    .filter(|p| p["flags"].as_str().unwrap().contains(f))
                    .count()
            };
            assert_eq!(
                count(&svg, "polygon", "fill=\"#008000\""),
                n('S') + 1,
                "{name}: SYN"
            );
            assert_eq!(
                count(&svg, "circle", "fill=\"#8C564B\""),
                n('F') + 1,
                "{name}: FIN"
            );
            checked += 1;
        }
        assert_eq!(
            retrans as u64,
            c["retransmissions"].as_u64().unwrap(),
            "{name}"
        );
    }
    assert_eq!(checked, 16);
}

/// The receiver's zero window is shaded (one rectangle per period, plus the
/// legend's) where the analyzer timed it; none where there was none.
#[test]
fn zero_window_is_shaded() {
    let shade = |svg: &str| count(svg, "rect", "fill=\"#FFC8C8\"");
    let zw = graph(&analyze_dir().join("zero-window.pcap"), 0, &[]);
    assert!(shade(&zw) >= 2, "a period and the legend");
    let c = &connections(&analyze_dir().join("zero-window.pcap"))[0];
    let note = zw.lines().find(|l| l.starts_with("x 0 to ")).unwrap();
    let z: f64 = note
        .split("zero window ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let want = c["zero_window_s"].as_f64().unwrap();
    assert!((z - want).abs() < 0.002, "shaded {z} s, analyzer {want} s");
    let lr = graph(&analyze_dir().join("loss-reorder.pcap"), 0, &[]);
    assert_eq!(shade(&lr), 1, "the legend only");
    // The default direction is the one with more payload: zero-window's
    // client uploads.
    assert!(zw.contains("(client&apos;s data)"));
}

/// Throughput and RTT pictures draw; every connection of a capture of many
/// is reachable by its number.
#[test]
fn other_kinds_and_numbers() {
    let lr = analyze_dir().join("loss-reorder.pcap");
    let t = graph(&lr, 0, &["--graph-kind", "throughput"]);
    assert!(
        t.contains("throughput")
            && count(&t, "polyline", "stroke=\"#1F77B4\" stroke-width=\"2\"") == 1
    );
    let r = graph(&lr, 0, &["--graph-kind", "rtt"]);
    let samples = count(&r, "circle", "fill=\"#D62728\"");
    assert!(samples > 2, "RTT samples drawn: {samples}");
    let pile = analyze_dir().join("time-wait-pile.pcap");
    let conns = connections(&pile);
    let svg = graph(&pile, 7, &[]);
    let c = conns.iter().find(|c| c["stream"] == 7).unwrap();
    // The server's data by default here: it carried the payload.
    assert!(svg.contains(&format!(
        "tcp.stream 7: {} &gt; {} (server&apos;s data)",
        c["server"].as_str().unwrap(),
        c["client"].as_str().unwrap()
    )));
}

/// With an analyzer mode, its output is printed as usual and the picture
/// drawn too.
#[test]
fn graph_beside_connections() {
    let lr = analyze_dir().join("loss-reorder.pcap");
    let out = scratch("beside.svg");
    let o = Command::new(bin())
        .args([
            "-r",
            lr.to_str().unwrap(),
            "--connections",
            "--graph",
            "0",
            "--output",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success());
    let alone = Command::new(bin())
        .args(["-r", lr.to_str().unwrap(), "--connections"])
        .output()
        .unwrap();
    assert_eq!(o.stdout, alone.stdout);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), graph(&lr, 0, &[]));
}

/// Connection numbers are Wireshark's `tcp.stream` on every analyzer
/// capture: the same count, and each number's two ends.
#[test]
fn streams_are_numbered_as_tshark_numbers_them() {
    let tsv = std::fs::read_to_string(analyze_dir().join("tshark-streams.tsv"))
        .expect("captures/analyze/tshark-streams.tsv");
    let mut want: std::collections::BTreeMap<String, Vec<(u64, [String; 2])>> = Default::default();
    for l in tsv.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let f: Vec<&str> = l.split('\t').collect();
        let mut ends = [f[2].to_string(), f[3].to_string()];
        ends.sort();
        want.entry(f[0].to_string())
            .or_default()
            .push((f[1].parse().unwrap(), ends));
    }
    assert!(want.len() >= 25);
    for (file, streams) in &want {
        let mut got: Vec<(u64, [String; 2])> = connections(&analyze_dir().join(file))
            .iter()
            .map(|c| {
                let mut ends = [
                    c["client"].as_str().unwrap().to_string(),
                    c["server"].as_str().unwrap().to_string(),
                ];
                ends.sort();
                (c["stream"].as_u64().unwrap(), ends)
            })
            .collect();
        got.sort();
        assert_eq!(&got, streams, "{file}");
    }
}

/// A large connection is thinned to one mark per pixel column per class,
/// and says so.
#[test]
fn large_connections_are_thinned() {
    let pcap = scratch("bulk.pcap");
    std::fs::write(
        &pcap,
        tcpscope::analyze::synth::pcap(&tcpscope::analyze::synth::bulk(50_000)),
    )
    .unwrap();
    let svg = graph(&pcap, 0, &[]);
    assert!(svg.contains("thinned to one mark per pixel column per class"));
    let (got, _) = shown(&svg);
    assert!(
        got.bars - got.retrans <= 1000 && got.retrans <= 1000,
        "{got:?}"
    );
    assert!(
        svg.contains("\ndata: 50002\n") && svg.contains("\nretransmission: 50\n"),
        "legend counts the segments"
    );
    // 50,000 segments of 1000 bytes, the SYN and the FIN.
    assert_eq!(got.seq_max, 50_000_002);
    assert!(svg.len() < 1_000_000, "{} bytes", svg.len());
}

fn fails(args: &[&str], message: &str) {
    let o = Command::new(bin()).args(args).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{args:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    let last = err.lines().last().unwrap_or_default();
    assert_eq!(last, format!("tcpscope: {message}"), "{args:?}: {err}");
    assert!(o.stdout.is_empty());
}

#[test]
fn meaningless_combinations_are_refused() {
    let lr = analyze_dir().join("loss-reorder.pcap");
    let lr = lr.to_str().unwrap();
    let out = scratch("never.svg");
    let out = out.to_str().unwrap();
    fails(
        &["-r", lr, "--graph", "0"],
        "--graph needs --output FILE.svg (where to draw it)",
    );
    // `--output` alone is the output's file (issue 19's --format), so it is
    // not refused; with --graph, --format or --packets would claim it too.
    fails(
        &[
            "-r",
            lr,
            "--graph",
            "0",
            "--output",
            out,
            "--connections",
            "--format",
            "csv",
        ],
        "--graph takes --output for its picture: run --format/--packets apart",
    );
    fails(
        &["-r", lr, "--graph-kind", "rtt"],
        "--graph-kind goes with --graph N (which connection to draw)",
    );
    fails(
        &["-r", lr, "--graph", "x", "--output", out],
        "invalid --graph 'x': a connection number from 0 (the \"stream\" of --connections --json)",
    );
    fails(
        &[
            "-r",
            lr,
            "--graph",
            "0",
            "--output",
            out,
            "--graph-kind",
            "pie",
        ],
        "invalid --graph-kind 'pie': tsg, throughput or rtt",
    );
    fails(
        &[
            "-r",
            lr,
            "--graph",
            "0",
            "--output",
            out,
            "--graph-dir",
            "up",
        ],
        "invalid --graph-dir 'up': client or server",
    );
    fails(
        &["-r", lr, "--graph", "0", "--output", out, "--report", out],
        "--output and --report name the same file",
    );
    fails(
        &["-r", lr, "--graph", "3", "--output", out],
        "--graph 3: no such connection: the capture has 1 connection (number 0)",
    );
    fails(
        &["-i", "lo", "--report", out],
        "--graph and --report read a capture file (-r): live capture is not supported",
    );
    let pile = analyze_dir().join("time-wait-pile.pcap");
    fails(
        &[
            "-r",
            pile.to_str().unwrap(),
            "--graph",
            "20",
            "--output",
            out,
        ],
        "--graph 20: no such connection: the capture has 20 connections (numbered 0 to 19)",
    );
    // The file is created before the capture is read (before root's
    // privileges are dropped, as -w's) and removed when nothing was drawn,
    // where the run may still remove it (else it is left empty).
    assert!(
        std::fs::metadata(out).map_or(true, |m| m.len() == 0),
        "nothing written"
    );
}

/// The report of several scenarios merged: self-contained, one row per
/// connection, a graph for each one that is not clean, the summary line
/// `--diagnose` prints.
fn report_of(files: &[&str]) -> (String, PathBuf) {
    let out = scratch(&format!("report-{}.html", files.len()));
    let mut args = Vec::new();
    let paths: Vec<String> = files
        .iter()
        .map(|f| {
            analyze_dir()
                .join(format!("{f}.pcap"))
                .to_str()
                .unwrap()
                .to_string()
        })
        .collect();
    for p in &paths {
        args.push("-r");
        args.push(p.as_str());
    }
    let mut rep = args.clone();
    rep.extend(["--report", out.to_str().unwrap()]);
    let o = Command::new(bin()).args(&rep).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (std::fs::read_to_string(&out).unwrap(), out)
}

const SCENARIOS: &[&str] = &[
    "loss-reorder",
    "zero-window",
    "refused",
    "timeout",
    "reset-mid-upload",
    "normal-client-close",
    "time-wait-pile",
    "port-scan",
];

#[test]
fn report_is_self_contained_and_complete() {
    let (html, _) = report_of(SCENARIOS);
    assert!(html.starts_with("<!DOCTYPE html>\n"));
    assert!(html.trim_end().ends_with("</html>"));
    // No external reference: the only URL is SVG's namespace name.
    let urls = html.matches("http://").count() + html.matches("https://").count();
    let ns = html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count();
    assert_eq!(urls, ns, "only the SVG namespace");
    for bad in ["<link", " src=", "url(", "@import"] {
        assert!(!html.contains(bad), "{bad}");
    }
    let mut args: Vec<String> = Vec::new();
    for f in SCENARIOS {
        args.push("-r".into());
        args.push(
            analyze_dir()
                .join(format!("{f}.pcap"))
                .to_str()
                .unwrap()
                .into(),
        );
    }
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut c = a.clone();
    c.extend(["--connections", "--json"]);
    let conns = json_lines(&c);
    let rows = html.matches("<tr").count() - 1;
    assert_eq!(rows, conns.len());
    let notable = html.matches("<tr class=\"notable\">").count();
    let sections = html.matches("<section class=\"graph\"").count();
    assert_eq!(sections, notable);
    assert_eq!(ns, sections, "one inline SVG per graph");
    assert!(sections >= 6, "{sections}");
    // The summary is --diagnose's last line.
    let mut d = a.clone();
    d.push("--diagnose");
    let o = Command::new(bin()).args(&d).output().unwrap();
    let diag = String::from_utf8(o.stdout).unwrap();
    let summary = diag.lines().last().unwrap();
    assert!(
        html.contains(&format!("<p id=\"summary\">{summary}</p>")),
        "{summary}"
    );
    // Every clean connection is left without a graph, every other has one.
    for c in &conns {
        let s = c["stream"].as_u64().unwrap();
        let anchor = format!("id=\"stream-{s}\"");
        let clean = c["diagnosis"]
            .as_str()
            .unwrap()
            .starts_with("closed normally");
        if clean {
            assert!(!html.contains(&anchor), "stream {s} is clean");
        }
    }
    assert!(html.contains("document.querySelectorAll('#connections th')"));
}

/// The report opened in a real browser (Debian's chromium, headless): its
/// screenshot is not blank. Fails, saying why, when chromium cannot run
/// (scripts/test.sh installs it): never counted as passed without it.
#[test]
fn report_renders_in_a_headless_browser() {
    let (_, html) = report_of(&["loss-reorder", "zero-window", "refused"]);
    let shot = scratch("report.png");
    let _ = std::fs::remove_file(&shot);
    let run = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=1200,2400",
            &format!("--screenshot={}", shot.display()),
            &format!("file://{}", html.display()),
        ])
        .env("HOME", scratch("home"))
        .output();
    let run = match run {
        Ok(r) => r,
        Err(e) => panic!(
            "NOT RUN: chromium could not be started ({e}); install it (apt-get install chromium, \
             as scripts/test.sh does)"
        ),
    };
    assert!(
        shot.exists(),
        "NOT RUN: chromium made no screenshot: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let px = info.color_type.samples();
    let pixels = &buf[..info.buffer_size()];
    let total = pixels.len() / px;
    let white = pixels
        .chunks(px)
        .filter(|p| p.iter().take(3).all(|&v| v >= 250))
        .count();
    let inked = total - white;
    // Text, the table and two or more graphs: far more than a blank page.
    assert!(inked * 100 > total, "{inked} of {total} pixels not white");
    // And colours of the graphs (the shaded zero window, data bars).
    let pinkish = pixels
        .chunks(px)
        .filter(|p| p[0] == 0xFF && p[1] == 0xC8 && p[2] == 0xC8)
        .count();
    assert!(
        pinkish > 1000,
        "the zero-window shading is drawn: {pinkish} pixels"
    );
}
