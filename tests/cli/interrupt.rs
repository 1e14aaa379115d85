//! SIGINT/SIGTERM during `-r` (issue 17): the run stops reading, ends on
//! whole lines, prints what it has (the analyzer's report and summary as of
//! that packet, `--count`'s line), closes the `-w` file, and exits 0 as
//! tcpdump does after `pcap_breakloop` (with tcpdump's extra newline when
//! printing packets). Each test makes sure the signal lands mid-run without
//! timing guesses: the run is held on a full stdout pipe (we stop reading
//! it), or on a standard input we feed by hand.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use crate::util::{bin, repo};

/// A capture of 300,000 packets from `scripts/gen-bench-capture.py`
/// (deterministic: the same bytes every time), made once in cargo's
/// scratch folder for integration tests and kept for later runs.
pub(crate) fn big() -> &'static PathBuf {
    static BIG: OnceLock<PathBuf> = OnceLock::new();
    BIG.get_or_init(|| {
        let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("interrupt-300k.pcap");
        if path.is_file() {
            return path;
        }
        let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
        let st = Command::new("python3")
            .arg(repo().join("scripts/gen-bench-capture.py"))
            .arg(&tmp)
            .arg("300000")
            .stdout(Stdio::null())
            .status()
            .expect("python3 scripts/gen-bench-capture.py");
        assert!(st.success());
        std::fs::rename(&tmp, &path).unwrap();
        path
    })
}

fn spawn(args: &[&str], stdin: Stdio) -> Child {
    Command::new(bin())
        .args(args)
        .env("TZ", "UTC")
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn tcpscope")
}

fn signal(child: &Child, sig: &str) {
    let st = Command::new("kill")
        .args(["-s", sig, &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(st.success());
}

/// Waits until the run has written its first block of output (it then
/// fills the pipe and waits for us), signals it, reads the rest.
fn interrupt_on_full_pipe(args: &[&str], sig: &str) -> (Option<i32>, String, String) {
    let mut child = spawn(args, Stdio::null());
    let mut stdout = child.stdout.take().unwrap();
    let mut out = vec![0u8; 4096];
    let n = stdout.read(&mut out).unwrap();
    assert!(n > 0, "no output before the signal");
    out.truncate(n);
    // Give the run time to fill the pipe and block on it.
    std::thread::sleep(std::time::Duration::from_millis(200));
    signal(&child, sig);
    stdout.read_to_end(&mut out).unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let code = child.wait().unwrap().code();
    (code, String::from_utf8(out).unwrap(), err)
}

fn full(args: &[&str]) -> String {
    let out = Command::new(bin())
        .args(args)
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn sigint_during_nn_r_ends_on_whole_lines_and_exits_0() {
    let f = big().to_str().unwrap();
    let args = ["-nn", "-r", f];
    let all = full(&args);
    for sig in ["INT", "TERM"] {
        let (code, out, err) = interrupt_on_full_pipe(&args, sig);
        assert_eq!(code, Some(0), "SIG{sig}: killed or failed: {err}");
        // Whole lines, then tcpdump's extra newline.
        let body = out.strip_suffix('\n').expect("ends with a newline");
        assert!(body.ends_with('\n'), "SIG{sig}: no extra newline");
        assert!(
            all.starts_with(body),
            "SIG{sig}: a line differs from the full run"
        );
        assert!(body.len() < all.len(), "SIG{sig}: the run was not stopped");
        assert_eq!(err.lines().count(), 1, "SIG{sig}: only the banner: {err}");
    }
}

#[test]
fn sigint_during_connections_prints_the_report_and_summary() {
    let f = big().to_str().unwrap();
    let args = ["--connections", "-r", f];
    let all = full(&args);
    let total: usize = all
        .lines()
        .last()
        .and_then(|l| l.split(' ').next()?.parse().ok())
        .expect("full summary");
    let (code, out, err) = interrupt_on_full_pipe(&args, "INT");
    assert_eq!(code, Some(0), "{err}");
    let lines: Vec<&str> = out.lines().collect();
    let (summary, conns) = lines.split_last().expect("output");
    let n: usize = summary
        .split(" connections: ")
        .next()
        .and_then(|l| l.parse().ok())
        .unwrap_or_else(|| panic!("last line is not the summary: {summary}"));
    assert_eq!(n, conns.len(), "one line per connection, then the summary");
    assert!(n < total, "the run was not stopped ({n} of {total})");
    for l in conns {
        assert!(
            l.contains(" > ") && l.contains(", c>s ") && l.contains(" pkts "),
            "not a whole connection line: {l:?}"
        );
    }
    // The connections still open at the signal are reported as the capture
    // left them, as at the end of a file.
    assert!(
        summary.contains("still open") || summary.contains("cut"),
        "{summary}"
    );
}

/// The pcap header and the first `k` whole records of `data`, and the rest.
fn split_records(data: &[u8], k: usize) -> (&[u8], &[u8]) {
    let mut at = 24;
    for _ in 0..k {
        let caplen = u32::from_le_bytes(data[at + 8..at + 12].try_into().unwrap()) as usize;
        at += 16 + caplen;
    }
    data.split_at(at)
}

/// `-r -`: feed `k` packets, wait for the banner, signal, then feed the rest.
fn interrupt_stdin(args: &[&str], k: usize, sig: &str) -> (Option<i32>, String, String) {
    let data = std::fs::read(big()).unwrap();
    let (head, tail) = split_records(&data, k);
    let mut child = spawn(args, Stdio::piped());
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(head).unwrap();
    stdin.flush().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let mut banner = [0u8; 20];
    stderr.read_exact(&mut banner).unwrap();
    assert_eq!(&banner, b"reading from file -,");
    std::thread::sleep(std::time::Duration::from_millis(300));
    signal(&child, sig);
    std::thread::sleep(std::time::Duration::from_millis(100));
    // The run may stop before taking all of this: a closed pipe is fine.
    let _ = stdin.write_all(&tail[..tail.len().min(1 << 20)]);
    drop(stdin);
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    let mut err = String::new();
    stderr.read_to_string(&mut err).unwrap();
    (child.wait().unwrap().code(), out, err)
}

#[test]
fn sigterm_during_count_prints_the_count_line() {
    let k = 5000;
    let (code, out, err) = interrupt_stdin(&["--count", "-r", "-"], k, "TERM");
    assert_eq!(code, Some(0), "{err}");
    // tcpdump: the extra newline, then its --count line.
    let n: usize = out
        .strip_prefix('\n')
        .and_then(|o| o.strip_suffix(" packets\n"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{out:?}"));
    assert!(n <= k + 1, "{n} packets counted after the signal");
    assert!(err.lines().all(|l| !l.contains("truncated")), "{err}");
}

#[test]
fn sigint_during_w_closes_a_whole_pcap() {
    let dir = std::env::temp_dir().join(format!("tcpscope-interrupt-w-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out_file = dir.join("cut.pcap");
    let k = 5000;
    let (code, out, err) =
        interrupt_stdin(&["-w", out_file.to_str().unwrap(), "-r", "-"], k, "INT");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.is_empty(), "with -w, no extra newline: {out:?}");
    // tcpdump reads the file to its end without complaint.
    let td = Command::new("tcpdump")
        .args(["-nn", "-r"])
        .arg(&out_file)
        .env("TZ", "UTC")
        .output()
        .expect("tcpdump");
    assert_eq!(
        td.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&td.stderr)
    );
    let lines = String::from_utf8_lossy(&td.stdout).lines().count();
    assert!((1..=k + 1).contains(&lines), "{lines} packets in the file");
    let _ = std::fs::remove_dir_all(&dir);
}
