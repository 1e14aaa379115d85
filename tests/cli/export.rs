//! Tables (issue 19): `--connections` and `--packets` as Parquet and CSV,
//! read back by pyarrow, DuckDB and Python's csv module
//! (`tests/export/check.py`) and compared with what `--json` says for every
//! connection and packet of the shipped captures; the packet count is the
//! one tcpdump gave (`tests/golden/*/count.out`); every TCP packet's
//! `conn_id` joins its connection. One table per input with `--output DIR`
//! (each the same as a run of its own), merged inputs into one file, and
//! the meaningless combinations refused before any work.
//!
//! The checker needs Python with `pyarrow` and `duckdb` (PyPI):
//! `TCPSCOPE_PYTHON` names the interpreter (scripts/test.sh makes a venv in
//! target/pyenv with both and sets it); without them these tests fail,
//! saying so (never skipped as passed).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::util::{bin, repo, shipped_captures};

fn python() -> String {
    std::env::var("TCPSCOPE_PYTHON").unwrap_or_else(|_| "python3".into())
}

/// Fails (never skips) when the checker's modules are missing.
fn need_python_modules() {
    let ok = Command::new(python())
        .args(["-c", "import pyarrow, duckdb"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        ok,
        "the table tests read Parquet back with pyarrow and DuckDB: run scripts/test.sh \
         (which installs them into target/pyenv) or `pip install pyarrow duckdb`, or set \
         TCPSCOPE_PYTHON to a Python that has them"
    );
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tcpscope-export-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn tcpscope(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(repo())
        .env("TZ", "UTC")
        .stdin(Stdio::null())
        .output()
        .expect("run tcpscope")
}

fn ok(args: &[&str]) -> Output {
    let out = tcpscope(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "tcpscope {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs the checker on a batch of jobs (one interpreter for all).
fn check(jobs: &[Vec<String>], dir: &Path) {
    need_python_modules();
    let manifest = dir.join("jobs.json");
    std::fs::write(&manifest, serde_json::to_string(jobs).unwrap()).unwrap();
    let out = Command::new(python())
        .arg(repo().join("tests/export/check.py"))
        .arg("batch")
        .arg(&manifest)
        .output()
        .expect("run check.py");
    assert!(
        out.status.success(),
        "check.py: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

/// The captures tcpscope reads to the end (damaged ones stop it early).
fn readable() -> Vec<PathBuf> {
    shipped_captures()
        .into_iter()
        .filter(|p| !p.starts_with(repo().join("captures/bad")))
        .filter(|p| !p.starts_with(repo().join("captures/corpus")))
        .collect()
}

#[test]
fn connections_tables_hold_every_connection_as_json_says() {
    let dir = tmp("conns");
    let mut jobs = Vec::new();
    for (i, cap) in readable().into_iter().enumerate() {
        let cap = s(&cap);
        // --flood-detail: --json lists every connection, as the table does.
        let json = ok(&["--connections", "--json", "--flood-detail", "-r", &cap]);
        let jpath = dir.join(format!("{i}.jsonl"));
        std::fs::write(&jpath, &json.stdout).unwrap();
        let pq = dir.join(format!("{i}.parquet"));
        let csv = dir.join(format!("{i}.csv"));
        let p = ok(&[
            "--connections",
            "--format",
            "parquet",
            "--output",
            &s(&pq),
            "-r",
            &cap,
        ]);
        assert!(
            p.stdout.is_empty(),
            "{cap}: the table run printed on stdout"
        );
        // The summary goes to stderr, as with --json.
        let summary = String::from_utf8_lossy(&json.stderr);
        let err = String::from_utf8_lossy(&p.stderr);
        assert_eq!(
            summary.lines().last(),
            err.lines().last(),
            "{cap}: summary differs"
        );
        ok(&[
            "--connections",
            "--format",
            "csv",
            "--output",
            &s(&csv),
            "-r",
            &cap,
        ]);
        jobs.push(vec!["connections".into(), s(&jpath), s(&pq), s(&csv)]);
    }
    assert!(jobs.len() >= 40, "only {} captures", jobs.len());
    check(&jobs, &dir);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn packet_tables_hold_every_packet_tcpdump_prints() {
    let dir = tmp("packets");
    let mut jobs = Vec::new();
    for (i, cap) in readable().into_iter().enumerate() {
        let rel = cap.strip_prefix(repo().join("captures")).unwrap();
        let golden = repo().join("tests/golden").join(rel).join("count.out");
        let Ok(count) = std::fs::read_to_string(&golden) else {
            continue;
        };
        // Where tcpdump stopped early (mixed.pcapng: libpcap 1.10 refuses
        // its second link type; tcpscope reads on, README "Differences"),
        // its count says nothing of the whole file: --json alone decides.
        let rc = std::fs::read_to_string(golden.with_file_name("count.rc")).unwrap_or_default();
        let n = match rc.trim() {
            "0" => count.split_whitespace().next().unwrap().to_string(),
            _ => "-".to_string(),
        };
        let cap = s(&cap);
        let json = ok(&["--json", "-r", &cap]);
        let jpath = dir.join(format!("{i}.jsonl"));
        std::fs::write(&jpath, &json.stdout).unwrap();
        let pq = dir.join(format!("{i}.parquet"));
        let csv = dir.join(format!("{i}.csv"));
        let conns = dir.join(format!("{i}.conns.parquet"));
        ok(&[
            "--packets",
            "--format",
            "parquet",
            "--output",
            &s(&pq),
            "-r",
            &cap,
        ]);
        ok(&[
            "--packets",
            "--format",
            "csv",
            "--output",
            &s(&csv),
            "-r",
            &cap,
        ]);
        ok(&[
            "--connections",
            "--format",
            "parquet",
            "--output",
            &s(&conns),
            "-r",
            &cap,
        ]);
        jobs.push(vec![
            "packets".into(),
            s(&jpath),
            s(&pq),
            s(&csv),
            n,
            s(&conns),
        ]);
    }
    assert!(
        jobs.len() >= 40,
        "only {} captures with a golden count",
        jobs.len()
    );
    check(&jobs, &dir);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--output DIR` with several inputs: one table per input, each the same
/// as that input's run of its own; `--output FILE`: the inputs merged by
/// timestamp (as printing merges them), one table.
#[test]
fn several_inputs_one_table_each_or_merged() {
    let dir = tmp("many");
    let a = "captures/http-ipv4.pcap";
    let b = "captures/analyze/loss-reorder.pcap";
    let c = "captures/mixed.pcapng";
    let out = dir.join("out/");
    let run = ok(&[
        "--connections",
        "--format",
        "parquet",
        "--output",
        &s(&out),
        "-r",
        a,
        "-r",
        b,
        "-r",
        c,
    ]);
    // Each input's banner, in the order given.
    let err = String::from_utf8_lossy(&run.stderr);
    let banners: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("reading from file"))
        .collect();
    assert_eq!(banners.len(), 3, "{err}");
    assert!(
        banners[0].contains(a) && banners[1].contains(b) && banners[2].contains(c),
        "{err}"
    );
    let mut jobs = Vec::new();
    for (input, name) in [(a, "http-ipv4"), (b, "loss-reorder"), (c, "mixed")] {
        let alone = dir.join(format!("{name}.alone.parquet"));
        ok(&[
            "--connections",
            "--format",
            "parquet",
            "--output",
            &s(&alone),
            "-r",
            input,
        ]);
        jobs.push(vec![
            "same".into(),
            s(&out.join(format!("{name}.parquet"))),
            s(&alone),
        ]);
    }
    // One input at a time (`--jobs 1`): the same files, byte for byte.
    let one = dir.join("one/");
    ok(&[
        "--connections",
        "--format",
        "parquet",
        "--output",
        &s(&one),
        "--jobs",
        "1",
        "-r",
        a,
        "-r",
        b,
        "-r",
        c,
    ]);
    for name in ["http-ipv4", "loss-reorder", "mixed"] {
        let f = format!("{name}.parquet");
        assert!(
            std::fs::read(out.join(&f)).unwrap() == std::fs::read(one.join(&f)).unwrap(),
            "{f} differs with --jobs 1"
        );
    }
    // Packets too.
    let pout = dir.join("packets");
    std::fs::create_dir(&pout).unwrap();
    ok(&[
        "--packets",
        "--format",
        "parquet",
        "--output",
        &s(&pout),
        "-r",
        a,
        "-r",
        b,
    ]);
    let alone = dir.join("a.packets.parquet");
    ok(&[
        "--packets",
        "--format",
        "parquet",
        "--output",
        &s(&alone),
        "-r",
        a,
    ]);
    jobs.push(vec![
        "same".into(),
        s(&pout.join("http-ipv4.parquet")),
        s(&alone),
    ]);
    // Merged into one file: as many rows as the merged run's --json.
    let merged = dir.join("merged.parquet");
    ok(&[
        "--connections",
        "--format",
        "parquet",
        "--output",
        &s(&merged),
        "-r",
        a,
        "-r",
        b,
    ]);
    let json = ok(&[
        "--connections",
        "--json",
        "--flood-detail",
        "-r",
        a,
        "-r",
        b,
    ]);
    let n = String::from_utf8_lossy(&json.stdout).lines().count();
    jobs.push(vec!["count".into(), s(&merged), n.to_string()]);
    check(&jobs, &dir);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The pcapng section's hardware and OS are in every row.
#[test]
fn pcapng_host_is_in_the_table() {
    let dir = tmp("host");
    let csv = dir.join("m.csv");
    let cap = "captures/mixed.pcapng";
    ok(&[
        "--packets",
        "--format",
        "csv",
        "--output",
        &s(&csv),
        "-r",
        cap,
    ]);
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let first: Vec<&str> = lines.next().unwrap().split(',').collect();
    // What Wireshark's capinfos says of the file's section header.
    crate::util::need("capinfos", "table");
    let info = Command::new("capinfos")
        .arg(cap)
        .current_dir(repo())
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    for (label, column) in [
        ("Capture hardware:", "capture_hardware"),
        ("Capture oper-sys:", "capture_os"),
    ] {
        let v = info
            .lines()
            .find_map(|l| l.trim().strip_prefix(label))
            .unwrap_or_else(|| panic!("capinfos names no {label}: {info}"));
        assert_eq!(first[col(column)], v.trim(), "{column}");
    }
    // Each packet's interface name, as capinfos lists the interfaces.
    assert!(
        info.contains(&format!("Name = {}", first[col("interface")])),
        "{info}"
    );
    assert_eq!(first[col("input_file")], cap);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn meaningless_combinations_are_refused_before_any_work() {
    let dir = tmp("refuse");
    let f = s(&dir.join("x.parquet"));
    let cap = "captures/http-ipv4.pcap";
    let cases: &[(&[&str], &str)] = &[
        (
            &["--connections", "--format", "parquet", "-r", cap],
            "needs --output FILE",
        ),
        (
            &[
                "--connections",
                "--format",
                "parquet",
                "--output",
                "-",
                "-r",
                cap,
            ],
            "needs --output FILE",
        ),
        (
            &["--connections", "--format", "csv", "-r", cap],
            "needs --output FILE",
        ),
        (
            &[
                "--diagnose",
                "--format",
                "parquet",
                "--output",
                &f,
                "-r",
                cap,
            ],
            "not --diagnose",
        ),
        (
            &["--states", "--format", "csv", "--output", &f, "-r", cap],
            "not --states",
        ),
        (
            &["--format", "parquet", "--output", &f, "-r", cap],
            "needs --connections or --packets",
        ),
        (
            &[
                "--packets",
                "--connections",
                "--format",
                "parquet",
                "--output",
                &f,
                "-r",
                cap,
            ],
            "cannot be combined",
        ),
        (
            &[
                "--json",
                "--connections",
                "--format",
                "csv",
                "--output",
                &f,
                "-r",
                cap,
            ],
            "--json cannot be combined with --format csv",
        ),
        (
            &[
                "--connections",
                "--format",
                "parquet",
                "--output",
                &f,
                "-i",
                "lo",
            ],
            "not a live capture",
        ),
        (
            &[
                "--connections",
                "--format",
                "parquet",
                "--output",
                &f,
                "--jobs",
                "2",
                "-r",
                cap,
            ],
            "--jobs needs several inputs and --output DIR",
        ),
        (
            &[
                "--connections",
                "--format",
                "parquet",
                "--output",
                &s(&dir),
                "--jobs",
                "0",
                "-r",
                cap,
                "-r",
                cap,
            ],
            "invalid --jobs 0 (at least 1)",
        ),
        (
            &[
                "--connections",
                "--format",
                "parquet",
                "--output",
                &s(&dir),
                "-r",
                cap,
                "-r",
                cap,
                "-c",
                "3",
            ],
            "-c cannot be combined",
        ),
        (
            &[
                "--connections",
                "--format",
                "xml",
                "--output",
                &f,
                "-r",
                cap,
            ],
            "invalid value",
        ),
    ];
    for (args, words) in cases {
        let out = tcpscope(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(words), "{args:?}: {err}");
        assert!(
            !err.contains("reading from file"),
            "{args:?}: work began: {err}"
        );
        assert!(!dir.join("x.parquet").exists(), "{args:?} created the file");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--format text` and `json` with `--output` are the printed output, in a file.
#[test]
fn text_and_json_go_to_the_output_file() {
    let dir = tmp("text");
    let cap = "captures/analyze/refused.pcap";
    let t = dir.join("c.txt");
    let j = dir.join("c.json");
    ok(&[
        "--connections",
        "--format",
        "text",
        "--output",
        &s(&t),
        "-r",
        cap,
    ]);
    ok(&[
        "--connections",
        "--format",
        "json",
        "--output",
        &s(&j),
        "-r",
        cap,
    ]);
    assert_eq!(
        std::fs::read(&t).unwrap(),
        ok(&["--connections", "-r", cap]).stdout
    );
    assert_eq!(
        std::fs::read(&j).unwrap(),
        ok(&["--connections", "--json", "-r", cap]).stdout
    );
    let p = dir.join("p.txt");
    ok(&["--packets", "-nn", "--output", &s(&p), "-r", cap]);
    assert_eq!(std::fs::read(&p).unwrap(), ok(&["-nn", "-r", cap]).stdout);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A full device: one line naming the file and the C library's words, exit
/// 1, for either table in either format (arrow-csv's own `into_inner`
/// unwraps a failed flush: the CSV writer is never asked for it after an
/// error; the Parquet writer's file is written on a thread of its own, whose
/// error must still reach the exit status).
#[test]
fn a_full_device_is_one_line_and_exit_1() {
    let big = shipped_captures()
        .into_iter()
        .max_by_key(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .expect("shipped captures");
    let big = s(&big);
    for table in ["--packets", "--connections"] {
        for format in ["csv", "parquet"] {
            let out = tcpscope(&[
                "-r",
                &big,
                table,
                "--format",
                format,
                "--output",
                "/dev/full",
            ]);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{table} {format}: {err}");
            assert!(!err.contains("panicked"), "{table} {format}: {err}");
            assert!(
                err.ends_with("tcpscope: /dev/full: No space left on device\n"),
                "{table} {format}: {err}"
            );
        }
    }
}

/// The packets table keeps the user's `--max-connections` (it bounds the
/// analyzer's memory under a SYN flood, where every attempt is a full
/// connection): `time-wait-pile.pcap`'s connections overlap; with a table
/// of one, each is reported when the next one starts and its later packets
/// start a new connection, so more `conn_id`s.
#[test]
fn the_packets_table_keeps_max_connections() {
    let cap = "captures/analyze/time-wait-pile.pcap";
    let ids = |extra: &[&str]| {
        let mut args = vec![
            "--packets",
            "--format",
            "csv",
            "--output",
            "/dev/stdout",
            "-r",
            cap,
        ];
        args.extend_from_slice(extra);
        let out = ok(&args);
        let text = String::from_utf8(out.stdout).unwrap();
        let mut lines = text.lines();
        // The last but one column (earlier ones may hold quoted commas).
        assert!(lines.next().unwrap().ends_with(",conn_id,tcp_stream"));
        let mut ids: Vec<&str> = lines
            .filter_map(|l| l.rsplit(',').nth(1).filter(|v| !v.is_empty()))
            .collect();
        ids.sort();
        ids.dedup();
        ids.len()
    };
    let conns = String::from_utf8(ok(&["--connections", "--json", "-r", cap]).stdout)
        .unwrap()
        .lines()
        .count();
    assert_eq!(ids(&[]), conns);
    assert!(ids(&["--max-connections", "1"]) > conns);
}
