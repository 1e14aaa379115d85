//! Running the binary the way the goldens were made: `TZ=UTC`, from the
//! capture's folder, with the file's base name.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_tcpscope")
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs tcpscope in `dir` with `args`. Eligible runs (printing with `-n`,
/// or filtering, a regular file) take the threaded pipeline on two worker
/// threads with blocks of 500 bytes of file (or 5 packets), whatever the
/// machine's cores, so the goldens check its output against tcpdump's
/// across many block boundaries.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    goldens_env(Command::new(bin()).args(args).current_dir(dir))
        .stdin(Stdio::null())
        .output()
        .expect("run tcpscope")
}

/// The environment of [`run_in`]'s runs: UTC, and the threaded pipeline on
/// two workers with small blocks.
pub fn goldens_env(c: &mut Command) -> &mut Command {
    c.env("TZ", "UTC")
        .env("TCPSCOPE_THREADS", "2")
        .env("TCPSCOPE_BATCH", "5")
        .env("TCPSCOPE_BLOCK", "500")
}

/// How long a test lets a child that should end by itself run before it
/// calls it hung, kills it and fails. A hang guard, not a speed bound
/// (speed is measured in benches/ and scripts/bench-vs-tcpdump, never by
/// a test): generous, so that a machine whose cores are busy with other
/// builds never fails a right program, while a hang still fails the test
/// instead of hanging the run.
pub const WATCHDOG: Duration = Duration::from_secs(120);

/// Waits for `child` to end by itself, at most [`WATCHDOG`]; `None` when
/// it had to be killed.
pub fn wait_watchdog(child: &mut Child) -> Option<ExitStatus> {
    let deadline = Instant::now() + WATCHDOG;
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return Some(status);
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// tcpdump names itself in its messages; tcpscope does the same.
pub fn as_tcpdump(stderr: &[u8]) -> String {
    String::from_utf8_lossy(stderr)
        .lines()
        .map(|l| {
            l.strip_prefix("tcpscope: ")
                .map(|r| format!("tcpdump: {r}"))
                .unwrap_or_else(|| l.to_string())
        })
        .map(|l| l + "\n")
        .collect()
}

/// A short unified-ish report of the first differing lines.
pub fn first_diff(want: &str, got: &str) -> Option<String> {
    if want == got {
        return None;
    }
    let (w, g): (Vec<_>, Vec<_>) = (want.lines().collect(), got.lines().collect());
    for i in 0..w.len().max(g.len()) {
        let (a, b) = (w.get(i), g.get(i));
        if a != b {
            return Some(format!(
                "line {}:\n  tcpdump:  {}\n  tcpscope: {}",
                i + 1,
                a.unwrap_or(&"<none>"),
                b.unwrap_or(&"<none>")
            ));
        }
    }
    Some("trailing newline differs".into())
}

/// Fails the test (never skips it) when `tool` does not run: `tests` names
/// the tests that need it in the message.
pub fn need(tool: &str, tests: &str) {
    let ok = Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        ok,
        "the {tests} tests need `{tool}` installed (apt-get install {tool}); it is missing"
    );
}

/// Every capture shipped in captures/ and its folders (`.pcap`, `.pcapng`),
/// sorted.
pub fn shipped_captures() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("captures/") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "pcap" || x == "pcapng") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&repo().join("captures"), &mut files);
    files.sort();
    assert!(files.len() >= 20, "captures/ is missing files");
    files
}

/// A golden of what tshark shows per TCP packet (`tests/golden/DIR/*.tsv`,
/// whose second comment line is the tshark command with the capture's
/// path): the capture's path, the golden's data lines (after the header),
/// and tcpscope's `--json` line of each packet of the capture.
pub struct TsharkGolden {
    pub capture: String,
    pub lines: Vec<String>,
    pub ours: Vec<serde_json::Value>,
}

/// Every golden of `tests/golden/DIR`, sorted, with tcpscope's `--json`
/// of its capture.
pub fn tshark_goldens(dir: &str) -> Vec<TsharkGolden> {
    let dir = repo().join("tests").join("golden").join(dir);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|golden| {
            let text = std::fs::read_to_string(golden).expect("golden");
            let capture = text
                .lines()
                .find_map(|l| l.strip_prefix("# tshark -n -r "))
                .and_then(|l| l.split(' ').next())
                .expect("the capture's path in the golden")
                .to_string();
            let out = run_in(&repo(), &["--json", "-r", &capture]);
            assert!(
                out.status.success(),
                "{capture}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let ours = String::from_utf8_lossy(&out.stdout)
                .lines()
                .map(|l| serde_json::from_str(l).expect("a JSON line"))
                .collect();
            let lines = text
                .lines()
                .filter(|l| !l.starts_with('#'))
                .skip(1)
                .map(str::to_string)
                .collect();
            TsharkGolden {
                capture,
                lines,
                ours,
            }
        })
        .collect()
}
