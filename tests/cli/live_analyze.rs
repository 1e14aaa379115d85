//! The analyzer on a live capture on `lo`: refused connections are
//! diagnosed while the capture runs (each line as soon as its connection
//! ends), and the summary follows on SIGINT; `--connections --json` reports
//! a whole conversation with both ends' states. Needs root (skipped with the
//! reason otherwise).

use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use crate::live::{Capture, closing_count, tcp_conversation};
use crate::require_live;
use crate::util::bin;

/// A port nothing listens on (bound, then released).
fn closed_port() -> u16 {
    let l = TcpListener::bind(("127.0.0.1", 0)).expect("bind");
    l.local_addr().unwrap().port()
}

#[test]
fn diagnose_prints_each_refusal_while_capturing_and_the_summary_on_sigint() {
    require_live!();
    let port = closed_port();
    let filter = format!("tcp port {port}");
    let mut live = Capture::start(bin(), &["-i", "lo", "-s", "2000", "--diagnose", &filter]);
    for _ in 0..2 {
        let e = TcpStream::connect(("127.0.0.1", port)).expect_err("nothing listens");
        assert_eq!(e.kind(), std::io::ErrorKind::ConnectionRefused);
        // The diagnosis comes while the capture is still running.
        let line = live.wait_out(|_| true);
        assert!(
            line.starts_with("127.0.0.1.")
                && line.ends_with(&format!(
                    " > 127.0.0.1.{port}: refused: SYN answered by RST"
                )),
            "{line}"
        );
    }
    live.signal("INT");
    let (code, out, err) = live.finish();
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        out.lines().next(),
        Some("2 connections: 2 refused"),
        "{out}"
    );
    assert_eq!(closing_count(&err), 4, "{err}");
}

#[test]
fn connections_json_reports_a_live_conversation() {
    require_live!();
    let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind");
    let port = listener.local_addr().unwrap().port();
    let filter = format!("tcp port {port}");
    // Immediate mode: without it libpcap hands packets over once a second,
    // and those still waiting when the signal comes are never seen (as
    // with tcpdump).
    let args = [
        "-i",
        "lo",
        "-s",
        "2000",
        "--immediate-mode",
        "--connections",
        "--json",
        &filter,
    ];
    let live = Capture::start(bin(), &args);
    tcp_conversation(listener);
    // Both ends have closed; the report may wait for late segments, so stop
    // the capture: every connection still in the table is reported then.
    std::thread::sleep(Duration::from_millis(300));
    live.signal("TERM");
    let (code, out, err) = live.finish();
    assert_eq!(code, Some(0), "{err}");
    let objs: Vec<serde_json::Value> = out
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect();
    assert_eq!(objs.len(), 1, "{out:?}");
    let c = &objs[0];
    assert_eq!(c["server"], format!("127.0.0.1:{port}"));
    assert_eq!(c["outcome"], "closed", "{c}");
    assert_eq!(c["zeek_state"], "SF", "{c}");
    // The client sent `hello\n` and closed first: it waits in TIME_WAIT.
    assert_eq!(c["bytes_c2s"], 6, "{c}");
    assert_eq!(c["bytes_s2c"], 0, "{c}");
    assert_eq!(c["client_state"], "TIME_WAIT", "{c}");
    assert_eq!(c["server_state"], "CLOSED", "{c}");
    assert_eq!(c["syn_count"], 1, "{c}");
}
