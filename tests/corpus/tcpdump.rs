//! The checks over tcpdump's own test captures (../shared/corpus/tcpdump-tests,
//! with the output tcpdump 4.99.3 printed for them); `main.rs` decides whether
//! they run.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use crate::util::{as_tcpdump, bin};

/// The corpus folder: beside the repository, or `TCPSCOPE_CORPUS`.
pub fn dir() -> PathBuf {
    std::env::var_os("TCPSCOPE_CORPUS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/tcpdump-tests"),
        PathBuf::from,
    )
}

/// Whether the corpus is there.
pub fn present() -> bool {
    dir().join("MANIFEST.tsv").is_file()
}

fn corpus() -> PathBuf {
    let dir = dir();
    assert!(
        present(),
        "these tests need tcpdump's test corpus at {} (shared/ beside the repo)",
        dir.display()
    );
    dir
}

struct Row {
    test: String,
    category: String,
    capture: String,
    options: Vec<String>,
    exit: i32,
}

fn rows() -> Vec<Row> {
    let text = fs::read_to_string(corpus().join("MANIFEST.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Some(Row {
                test: f.first()?.to_string(),
                category: f.get(1)?.to_string(),
                capture: f.get(2)?.to_string(),
                options: f.get(3)?.split_whitespace().map(String::from).collect(),
                exit: f.get(4)?.parse().ok()?,
            })
        })
        .collect()
}

/// Runs one manifest row; returns (stdout, stderr, status code or None if killed).
fn run(row: &Row) -> (String, String, Option<i32>) {
    let path = corpus().join(&row.capture);
    let out = Command::new(bin())
        .arg("-r")
        .arg(path.file_name().unwrap())
        .args(&row.options)
        .current_dir(path.parent().unwrap())
        .env("TZ", "UTC")
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        as_tcpdump(&out.stderr),
        out.status.code(),
    )
}

/// Options whose output belongs to later work (-v, -e, hex/ASCII dumps).
fn default_level(row: &Row) -> bool {
    !row.options.iter().any(|o| {
        o.starts_with("-v")
            || o.starts_with("-e")
            || o.contains('x')
            || o.contains('X')
            || o == "-A"
    })
}

pub fn core_default_output_matches_tcpdump_for_95_percent_of_lines() {
    let dir = corpus();
    let (mut same, mut total) = (0usize, 0usize);
    let mut worst = Vec::new();
    for row in rows()
        .iter()
        .filter(|r| r.category == "core" && default_level(r))
    {
        let (out, err, code) = run(row);
        let want =
            fs::read_to_string(dir.join(&row.category).join(format!("{}.out", row.test))).unwrap();
        let want_err =
            fs::read_to_string(dir.join(&row.category).join(format!("{}.err", row.test))).unwrap();
        let mut w: Vec<&str> = want.lines().collect();
        let mut g: Vec<&str> = out.lines().collect();
        // As the conformance tool counts: stderr's first line and the exit status too.
        let (we, ge) = (
            format!("exit {}", row.exit),
            format!("exit {}", code.unwrap_or(-1)),
        );
        w.push(want_err.lines().next().unwrap_or(""));
        g.push(err.lines().next().unwrap_or(""));
        w.push(&we);
        g.push(&ge);
        let n = w.len().max(g.len());
        let s = w.iter().zip(&g).filter(|(a, b)| a == b).count();
        if s < n {
            worst.push(format!("{}: {s}/{n}", row.test));
        }
        same += s;
        total += n;
    }
    assert!(total > 400, "too few corpus lines: {total}");
    let pct = 100.0 * same as f64 / total as f64;
    println!("core, default level: {same}/{total} lines identical ({pct:.1}%)");
    assert!(
        pct >= 95.0,
        "{pct:.1}% identical; differing tests: {}",
        worst.join(", ")
    );
}

pub fn robust_captures_never_crash() {
    let mut crashed = Vec::new();
    let mut ran = 0;
    for row in rows().iter().filter(|r| r.category == "robust") {
        let (_, err, code) = run(row);
        ran += 1;
        if code.is_none() || err.contains("panicked") {
            crashed.push(row.test.clone());
        }
    }
    assert!(ran > 250, "only {ran} robust rows");
    assert!(crashed.is_empty(), "crashed on: {}", crashed.join(", "));
}

/// Lines identical and lines compared for one row, counted as the conformance
/// tool counts them (stdout, stderr's first line, the exit status).
fn row_lines(row: &Row) -> (usize, usize) {
    let dir = corpus().join(&row.category);
    let (out, err, code) = run(row);
    let want = fs::read_to_string(dir.join(format!("{}.out", row.test))).unwrap();
    let want_err = fs::read_to_string(dir.join(format!("{}.err", row.test))).unwrap();
    let (we, ge) = (
        format!("exit {}", row.exit),
        format!("exit {}", code.unwrap_or(-1)),
    );
    let mut w: Vec<&str> = want.lines().collect();
    let mut g: Vec<&str> = out.lines().collect();
    w.extend([want_err.lines().next().unwrap_or(""), &we]);
    g.extend([err.lines().next().unwrap_or(""), &ge]);
    let n = w.len().max(g.len());
    (w.iter().zip(&g).filter(|(a, b)| a == b).count(), n)
}

/// The `-v`/`-vv`/`-vvv` rows of the core category (those without `-e` or
/// hex dumps, which belong to other options).
pub fn core_verbose_output_matches_tcpdump_for_95_percent_of_lines() {
    let (mut same, mut total) = (0usize, 0usize);
    let mut worst = Vec::new();
    let verbose = |r: &&Row| {
        r.category == "core"
            && r.options.iter().any(|o| o.starts_with("-v"))
            && !r
                .options
                .iter()
                .any(|o| o.starts_with("-e") || o.contains('x') || o.contains('X') || o == "-A")
    };
    for row in rows().iter().filter(verbose) {
        let (s, n) = row_lines(row);
        if s < n {
            worst.push(format!("{}: {s}/{n}", row.test));
        }
        same += s;
        total += n;
    }
    assert!(total > 300, "too few -v corpus lines: {total}");
    let pct = 100.0 * same as f64 / total as f64;
    println!("core, -v rows: {same}/{total} lines identical ({pct:.1}%)");
    assert!(
        pct >= 95.0,
        "{pct:.1}% identical; differing tests: {}",
        worst.join(", ")
    );
}

/// `-w` of every corpus capture (core and robust) writes what tcpdump writes.
pub fn captures_write_what_tcpdump_writes() {
    crate::util::need("tcpdump", "corpus -w");
    let dir = corpus();
    let mut files: Vec<PathBuf> = ["core", "robust"]
        .iter()
        .flat_map(|d| {
            fs::read_dir(dir.join(d))
                .unwrap()
                .map(|e| e.unwrap().path())
        })
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy().into_owned();
            n.ends_with(".pcap") || n.ends_with(".pcapng")
        })
        .collect();
    files.sort();
    assert!(files.len() > 100, "only {} corpus captures", files.len());
    let bad = crate::write::write_differences(&files, "corpus");
    assert!(
        bad.is_empty(),
        "{} differences:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
