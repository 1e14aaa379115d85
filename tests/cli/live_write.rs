//! Live capture into `-w` files on `lo`: tcpscope and tcpdump capture the
//! same TCP conversations at the same time and their files must hold the
//! same packets byte for byte (timestamps may differ by the capture clock);
//! SIGINT on a buffered `-w` capture and SIGTERM on a `-U` capture during
//! heavy UDP traffic must both leave a complete file whose packets are the
//! ones the count lines report. Needs root (skipped with the reason
//! otherwise), tcpdump and tshark (a missing one fails the test).

use std::net::{TcpListener, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tcpscope::packet::{LinkType, Precision};

use crate::live::{Capture, closing_count, have, tcp_conversation};
use crate::require_live;
use crate::util::bin;

/// A fresh directory the `tcpdump` user (both programs drop to it before
/// creating the file) may write into.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tcpscope-live-w-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    let st = Command::new("chmod")
        .args(["1777", dir.to_str().unwrap()])
        .status()
        .expect("chmod");
    assert!(st.success());
    dir
}

/// A pcap file as tcpscope's reader sees it: link type, snapshot length and
/// each record's (seconds as f64, wire length, bytes). Panics on any damage.
/// One record: seconds, wire length, captured bytes.
type Record = (f64, u32, Vec<u8>);

fn records(path: &Path) -> (LinkType, u32, Vec<Record>) {
    let mut src = tcpscope::source::file::open(path.to_str().unwrap(), Precision::Micro)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (link, snaplen) = (src.link_type(), src.snaplen());
    let mut out = Vec::new();
    while let Some(p) = src.next_packet().unwrap_or_else(|e| {
        panic!(
            "{}: damaged after {} records: {e}",
            path.display(),
            out.len()
        )
    }) {
        let ts = p.ts.sec as f64 + p.ts.frac as f64 / 1e6;
        out.push((ts, p.wire_len, p.data.to_vec()));
    }
    (link, snaplen, out)
}

/// tcpdump and tshark read `path` back without a warning.
fn readable_by_tcpdump_and_tshark(path: &Path) {
    assert!(
        have("tcpdump"),
        "tcpdump is not installed (apt-get install tcpdump)"
    );
    assert!(
        have("tshark"),
        "tshark is not installed (apt-get install tshark)"
    );
    let out = Command::new("tcpdump")
        .args(["-nn", "-r", path.to_str().unwrap()])
        .output()
        .expect("tcpdump -r");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "tcpdump -r: {err}");
    assert_eq!(err.lines().count(), 1, "tcpdump -r warned: {err}");
    assert!(err.starts_with("reading from file "), "{err}");
    let out = Command::new("tshark")
        .args(["-n", "-r", path.to_str().unwrap()])
        .output()
        .expect("tshark -r");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "tshark -r: {err}");
    // As root tshark says so; anything else is a complaint about the file.
    let complaints: Vec<&str> = err
        .lines()
        .filter(|l| !l.is_empty() && !l.contains("Running as user \"root\""))
        .collect();
    assert!(complaints.is_empty(), "tshark -r: {err}");
}

/// One run of both programs side by side: (ours: stderr, file; tcpdump's).
fn side_by_side(dir: &Path) -> ((String, PathBuf), (String, PathBuf)) {
    let (ours_file, theirs_file) = (dir.join("ours.pcap"), dir.join("theirs.pcap"));
    let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind");
    let filter = format!("tcp port {}", listener.local_addr().unwrap().port());
    let args = |file: &Path| {
        vec![
            "-i".to_string(),
            "lo".into(),
            "--immediate-mode".into(),
            // Immediate mode gives libpcap a ring of snapshot-length frames:
            // with the default 262144 only a few fit, and a starved process
            // drops packets; 2000-byte frames leave room for a thousand.
            "-s".into(),
            "2000".into(),
            "-w".into(),
            file.to_str().unwrap().into(),
            filter.clone(),
        ]
    };
    let a = args(&ours_file);
    let ours = Capture::start(bin(), &a.iter().map(String::as_str).collect::<Vec<_>>());
    let b = args(&theirs_file);
    let theirs = Capture::start("tcpdump", &b.iter().map(String::as_str).collect::<Vec<_>>());
    for _ in 0..3 {
        let l = listener.try_clone().expect("listener");
        tcp_conversation(l);
    }
    std::thread::sleep(Duration::from_millis(700));
    // SIGINT on a buffered (no -U) capture: the file must still be whole.
    ours.signal("INT");
    theirs.signal("INT");
    let (c1, out1, err1) = ours.finish();
    let (c2, out2, err2) = theirs.finish();
    assert_eq!((c1, c2), (Some(0), Some(0)), "{err1}\n{err2}");
    // With -w tcpdump prints nothing on stdout, not even the newline after a signal.
    assert_eq!((out1.as_str(), out2.as_str()), ("", ""));
    ((err1, ours_file), (err2, theirs_file))
}

#[test]
fn write_file_has_the_packets_tcpdump_writes_at_the_same_time() {
    require_live!();
    assert!(
        have("tcpdump"),
        "tcpdump is not installed (apt-get install tcpdump)"
    );
    let dir = scratch("same");
    // On a busy machine the kernel may drop packets for one program (the
    // count lines say so); such a run proves nothing, so try again.
    let mut attempts = Vec::new();
    let ((err1, ours_file), (err2, theirs_file)) = loop {
        let run = side_by_side(&dir);
        let clean = |e: &str| e.contains("\n0 packets dropped by kernel\n");
        if clean(&run.0.0) && clean(&run.1.0) {
            break run;
        }
        attempts.push(format!("{}\n{}", run.0.0, run.1.0));
        assert!(
            attempts.len() < 3,
            "kernel drops in every run:\n{}",
            attempts.join("\n")
        );
    };
    assert!(
        err1.starts_with(
            "tcpscope: listening on lo, link-type EN10MB (Ethernet), snapshot length 2000 bytes\n"
        ),
        "{err1}"
    );
    let captured = closing_count(&err1);

    let (l1, s1, p1) = records(&ours_file);
    let (l2, s2, p2) = records(&theirs_file);
    assert_eq!((l1, s1), (l2, s2), "link type and snapshot length");
    assert_eq!(p1.len() as u64, captured, "records vs `N packets captured`");
    // Three conversations of at least six segments each (SYN, SYN-ACK,
    // ACK, data, two FINs; ACKs may be merged), all in both files.
    assert!(p1.len() >= 3 * 6, "{err1}");
    assert_eq!(
        p1.len(),
        p2.len(),
        "packet counts: tcpscope vs tcpdump\n{err1}\n{err2}"
    );
    for (i, (x, y)) in p1.iter().zip(&p2).enumerate() {
        assert_eq!((x.1, &x.2), (y.1, &y.2), "packet {} differs", i + 1);
        assert!(
            (x.0 - y.0).abs() < 0.01,
            "packet {}: {} vs {}",
            i + 1,
            x.0,
            y.0
        );
    }
    // The file header is libpcap's, field for field.
    let h1 = std::fs::read(&ours_file).unwrap();
    let h2 = std::fs::read(&theirs_file).unwrap();
    assert_eq!(h1[..24], h2[..24], "pcap file headers");
    readable_by_tcpdump_and_tshark(&ours_file);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sigterm_with_u_during_heavy_traffic_leaves_a_complete_file() {
    require_live!();
    let dir = scratch("heavy");
    let file = dir.join("heavy.pcap");
    let sink = UdpSocket::bind(("127.0.0.1", 0)).expect("bind");
    let port = sink.local_addr().unwrap().port();
    let filter = format!("udp dst port {port}");
    let cap = Capture::start(
        bin(),
        &["-i", "lo", "-U", "-w", file.to_str().unwrap(), &filter],
    );
    let stop = Arc::new(AtomicBool::new(false));
    let sent = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let tx = UdpSocket::bind(("127.0.0.1", 0)).expect("bind");
            let payload = [0x5au8; 1000];
            let (mut n, start) = (0u64, Instant::now());
            while !stop.load(Ordering::Relaxed) && start.elapsed() < Duration::from_secs(10) {
                if tx.send_to(&payload, ("127.0.0.1", port)).is_ok() {
                    n += 1;
                }
            }
            n
        })
    };
    std::thread::sleep(Duration::from_millis(800));
    cap.signal("TERM");
    let (code, out, err) = cap.finish();
    stop.store(true, Ordering::Relaxed);
    let sent = sent.join().expect("sender");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, "");
    let captured = closing_count(&err);
    assert!(
        captured > 1000,
        "only {captured} packets captured ({sent} sent)"
    );

    // Every record whole, and exactly the packets the count line reports.
    let (link, _, pkts) = records(&file);
    assert_eq!(link, LinkType::EN10MB);
    assert_eq!(pkts.len() as u64, captured, "{err}");
    let size: usize = 24 + pkts.iter().map(|p| 16 + p.2.len()).sum::<usize>();
    assert_eq!(std::fs::metadata(&file).unwrap().len() as usize, size);
    for p in &pkts {
        assert_eq!(p.1, 14 + 20 + 8 + 1000, "wire length");
    }
    readable_by_tcpdump_and_tshark(&file);
    let _ = std::fs::remove_dir_all(&dir);
}
