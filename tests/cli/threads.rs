//! The threaded pipeline (blocks filtered and formatted on worker threads,
//! kept packets handled in order) gives exactly the bytes of the sequential
//! loop: every capture in captures/ (the damaged ones of captures/bad too)
//! with option sets that print, filter, write (`-w -`), count and analyze,
//! blocks of 17, 700 and 262144 bytes of file (a pcap file's workers read
//! it by position) or of 1, 3 and 2048 packets (pcapng), against
//! `TCPSCOPE_THREADS=1`.

use std::fs;
use std::process::{Command, Output, Stdio};

use crate::util::{bin, repo, shipped_captures};

fn run(file: &std::path::Path, opts: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(bin());
    c.arg("-r")
        .arg(file)
        .args(opts)
        .env("TZ", "UTC")
        .stdin(Stdio::null());
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run tcpscope")
}

#[test]
fn threaded_output_equals_sequential_on_every_capture() {
    let files = shipped_captures();
    let option_sets: [&[&str]; 17] = [
        &["-nn"],
        // Filtering on the worker threads, and what the calling thread
        // then does with the kept packets: -w, --count, -c, -#, analyzer.
        &["-nn", "tcp port 80 or udp or icmp6"],
        &["-w", "-", "tcp[tcpflags] & tcp-syn != 0 or arp"],
        &["-w", "-", "--print", "-nn", "-#", "ip6 or vlan"],
        &["--count", "tcp"],
        &["-nn", "-c", "3", "-#", "tcp and greater 100"],
        &["--connections", "--json", "tcp"],
        &["-nn", "-v", "not ip6"],
        &["-n", "-v"],
        &["-nn", "-vvv", "-#"],
        &["-nn", "-S", "-tttt"],
        &["-nn", "-c", "7"],
        &["-nn", "tcp"],
        &["-nn", "-e", "-X"],
        &["-n", "-q", "-e", "-xx"],
        &["-nn", "-A", "-v"],
        &["-nn", "-K", "-vv", "-e"],
    ];
    let mut compared = 0;
    let mut failures = Vec::new();
    for f in &files {
        for opts in option_sets {
            let seq = run(f, opts, &[("TCPSCOPE_THREADS", "1")]);
            for (batch, block) in [("1", "17"), ("3", "700"), ("2048", "262144")] {
                let par = run(
                    f,
                    opts,
                    &[
                        ("TCPSCOPE_THREADS", "2"),
                        ("TCPSCOPE_BATCH", batch),
                        ("TCPSCOPE_BLOCK", block),
                    ],
                );
                if par.stdout != seq.stdout
                    || par.stderr != seq.stderr
                    || par.status.code() != seq.status.code()
                {
                    failures.push(format!("{} {opts:?} batch {batch}", f.display()));
                }
                compared += 1;
            }
        }
    }
    assert!(compared > 300, "only {compared} runs compared");
    assert!(
        failures.is_empty(),
        "threaded output differs:\n{}",
        failures.join("\n")
    );
}

/// A file damaged after some packets: the packets before the damage are
/// printed, in order, before the error, threaded or not.
#[test]
fn threaded_read_error_prints_earlier_packets_first() {
    let src = repo().join("captures/http-ipv4.pcap");
    let mut bytes = fs::read(&src).expect("capture");
    // A record header claiming more than the maximum capture length.
    let cut = bytes.len() / 2;
    bytes.truncate(cut);
    bytes.extend_from_slice(&[
        0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff, 0x7f,
    ]);
    let dir = std::env::temp_dir().join(format!("tcpscope-threads-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let file = dir.join("damaged.pcap");
    fs::write(&file, &bytes).unwrap();
    let seq = run(&file, &["-nn"], &[("TCPSCOPE_THREADS", "1")]);
    let par = run(
        &file,
        &["-nn"],
        &[
            ("TCPSCOPE_THREADS", "2"),
            ("TCPSCOPE_BATCH", "2"),
            ("TCPSCOPE_BLOCK", "100"),
        ],
    );
    let _ = fs::remove_dir_all(&dir);
    assert_eq!(seq.status.code(), Some(1), "the damaged file must fail");
    assert!(
        !seq.stdout.is_empty(),
        "packets before the damage are printed"
    );
    assert_eq!(par.stdout, seq.stdout);
    assert_eq!(par.stderr, seq.stderr);
    assert_eq!(par.status.code(), seq.status.code());
}
