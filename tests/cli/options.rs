//! Command-line behaviour: tcpdump's flags, its usage errors and exit
//! statuses, refused options, and quiet exit on a closed pipe.

use std::io::Read;
use std::process::{Command, Stdio};

use crate::util::{as_tcpdump, bin, first_diff, repo, run_in};

#[test]
fn unknown_option_is_a_usage_error_with_status_1() {
    let out = run_in(&repo(), &["--no-such-option", "-r", "x.pcap"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("tcpscope: "), "{err}");
    assert!(err.contains("Usage: tcpscope"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn unimplemented_tcpdump_options_are_refused_by_name() {
    for (args, name) in [
        (vec!["-nn", "-u", "-r", "http-ipv4.pcap"], "-u"),
        (vec!["-r", "http-ipv4.pcap", "-E", "x"], "-E"),
        (vec!["-f", "-i", "lo"], "-f"),
    ] {
        let out = run_in(&repo().join("captures"), &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("option {name} is not implemented yet")),
            "{args:?}: {err}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn bundled_flags_and_options_after_the_file() {
    let dir = repo().join("captures");
    let a = run_in(&dir, &["-nn", "-tttt", "-#", "-r", "http-ipv4.pcap"]);
    let b = run_in(
        &dir,
        &[
            "-r",
            "http-ipv4.pcap",
            "-n",
            "-n",
            "-t",
            "-t",
            "-t",
            "-t",
            "--number",
        ],
    );
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(a.stdout, b.stdout);
    let golden = std::fs::read(repo().join("tests/golden/http-ipv4.pcap/nn-tttt.out")).unwrap();
    // -# only adds the number column: strip it and compare with tcpdump's -tttt.
    let stripped: Vec<u8> = String::from_utf8_lossy(&a.stdout)
        .lines()
        .map(|l| format!("{}\n", &l[7..]))
        .collect::<String>()
        .into_bytes();
    assert_eq!(stripped, golden);
}

#[test]
fn stdin_is_read_with_dash() {
    let file = repo().join("captures/http-ipv4.pcap");
    let mut child = Command::new(bin())
        .args(["-nn", "-r", "-"])
        .env("TZ", "UTC")
        .stdin(std::fs::File::open(&file).unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success());
    let golden =
        std::fs::read_to_string(repo().join("tests/golden/http-ipv4.pcap/nn.out")).unwrap();
    assert_eq!(out, golden);
}

#[test]
fn closed_pipe_exits_quietly() {
    // A reader that stops after the first bytes, like `| head -1`.
    let mut child = Command::new(bin())
        .args(["-nn", "-r", "syn-options.pcap"])
        .current_dir(repo().join("captures"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // stdout is dropped (closed) here.
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
    assert!(out.status.code().is_some(), "killed by a signal");
}

#[test]
fn help_and_version_exit_0() {
    for a in ["--help", "--version"] {
        let out = run_in(&repo(), &[a]);
        assert_eq!(out.status.code(), Some(0), "{a}");
        assert!(!out.stdout.is_empty());
    }
}

/// `-d`/`-dd`/`-ddd` (and `-O`): every case of tests/golden/bpf/cases.tsv,
/// run from captures/ as `scripts/gen-bpf-goldens.sh` ran tcpdump: the
/// program on stdout byte for byte, stderr and the exit status.
#[test]
fn dump_bpf_as_tcpdump() {
    let gold = repo().join("tests/golden/bpf");
    let cases = std::fs::read_to_string(gold.join("cases.tsv")).unwrap();
    let mut failures = Vec::new();
    let mut n = 0;
    for line in cases.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (slug, args) = line.split_once('\t').unwrap();
        let argv: Vec<&str> = args.split_whitespace().collect();
        let out = run_in(&repo().join("captures"), &argv);
        let want_out = std::fs::read_to_string(gold.join(format!("{slug}.out"))).unwrap();
        let want_err = std::fs::read_to_string(gold.join(format!("{slug}.err"))).unwrap();
        let want_rc: i32 = std::fs::read_to_string(gold.join(format!("{slug}.rc")))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let got_out = String::from_utf8_lossy(&out.stdout);
        if let Some(d) = first_diff(&want_out, &got_out) {
            failures.push(format!("{slug} ({args}) stdout {d}"));
        }
        if let Some(d) = first_diff(&want_err, &as_tcpdump(&out.stderr)) {
            failures.push(format!("{slug} ({args}) stderr {d}"));
        }
        if out.status.code() != Some(want_rc) {
            failures.push(format!(
                "{slug} ({args}): status {:?}, tcpdump {want_rc}",
                out.status.code()
            ));
        }
        n += 1;
    }
    assert!(n > 20, "only {n} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// From standard input libpcap cannot be asked to reopen the file: the
/// program is compiled on a dead handle with the file's link type and
/// snapshot length, and comes out as tcpdump's for the same file.
#[test]
fn dump_bpf_from_stdin() {
    let gold = repo().join("tests/golden/bpf");
    for (slug, file, args) in [
        (
            "ddd-tcp-port-80",
            "http-ipv4.pcap",
            &["-ddd", "-r", "-", "tcp", "port", "80"][..],
        ),
        (
            "d-snaplen54",
            "snaplen54.pcap",
            &["-d", "-r", "-", "ip"][..],
        ),
    ] {
        let out = Command::new(bin())
            .args(args)
            .stdin(std::fs::File::open(repo().join("captures").join(file)).unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{slug}");
        let want = std::fs::read(gold.join(format!("{slug}.out"))).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&want),
            "{slug}"
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("reading from file -, link-type EN10MB"),
            "{err}"
        );
    }
}

/// `-O` also changes what libpcap refuses when filtering: without the
/// optimiser a contradiction is not "rejects all packets", it keeps nothing.
#[test]
fn no_optimize_keeps_contradictions_compilable() {
    let dir = repo().join("captures");
    let refused = run_in(&dir, &["-nn", "-r", "http-ipv4.pcap", "ip and not ip"]);
    assert_eq!(refused.status.code(), Some(1));
    let kept = run_in(
        &dir,
        &["-O", "-nn", "-r", "http-ipv4.pcap", "ip and not ip"],
    );
    assert_eq!(kept.status.code(), Some(0));
    assert!(kept.stdout.is_empty());
}
