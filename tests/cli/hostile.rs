//! Hostile filter expressions (issue 18): huge nesting, huge chains, a 1 MB
//! `-F` file, a NUL byte. tcpscope must answer as tcpdump 4.99.3 / libpcap
//! 1.10.3 does (accept what it accepts, with the same packets; refuse with
//! its message and exit status 1), never die of a signal, and be quick.
//!
//! The expected messages are what tcpdump printed, measured with
//! `tcpdump -nn -r captures/http-ipv4.pcap -F FILE` on the files these
//! tests write (tcpdump's name replaced by tcpscope's; tcpscope adds where
//! in the text, as for every filter error):
//! - N nested parentheses around `tcp`: N = 9,995 accepted, 9,996 to
//!   1,000,000 "can't parse filter expression: memory exhausted", 0.0 s.
//! - N `not`s before `tcp`: 9,996 accepted, 9,997 and more: the same.
//! - `tcp and tcp and …`: 1,000 terms accepted (0.04 s); 10,000 accepted
//!   (8.7 s and 2.6 GB in libpcap's optimiser); 100,000 and 1,000,000 "out of
//!   memory" (libpcap's code generator has a fixed arena), 0.05 s. The same
//!   for `or`.
//! - a 1 MB `port 1 or port 2 or …` file (~96,000 terms): "out of memory",
//!   0.06 s.
//! - `ip[0]+(` nested 15 times: "too many registers needed to evaluate
//!   expression" (14 accepted).
//! - `tcp\0 garbage ((`: the expression ends at the NUL: `tcp`'s packets.

use std::process::Output;
use std::time::{Duration, Instant};

use crate::util::{repo, run_in};

/// `tcpdump: can't parse filter expression: memory exhausted` (bison's
/// YYMAXDEPTH), for 9,996 nested parentheses or 9,997 `not`s.
const MEMORY_EXHAUSTED: &str = "tcpscope: can't parse filter expression: memory exhausted (at ";
/// `tcpdump: out of memory` (gencode.c's arena), for 100,000 `and`s or a
/// 1 MB or-chain of ports.
const OUT_OF_MEMORY: &str = "tcpscope: out of memory\n";
/// `tcpdump: too many registers needed to evaluate expression`, for
/// `ip[0]+(` nested 15 times.
const TOO_MANY_REGISTERS: &str = "tcpscope: too many registers needed to evaluate expression (at ";
const BANNER: &str =
    "reading from file http-ipv4.pcap, link-type EN10MB (Ethernet), snapshot length 262144\n";

/// Runs `tcpscope -nn -r http-ipv4.pcap -F FILE` with `text` in FILE (and
/// `extra` options), checking that it ended by itself, not by a signal,
/// within `limit`.
fn run_file(name: &str, text: &[u8], extra: &[&str], limit: Duration) -> Output {
    let dir = std::env::temp_dir().join(format!("tcpscope-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    let caps = repo().join("captures");
    let f = file.to_str().unwrap();
    let mut args = vec!["-nn", "-r", "http-ipv4.pcap", "-F", f];
    args.extend_from_slice(extra);
    let start = Instant::now();
    let out = run_in(&caps, &args);
    let took = start.elapsed();
    let _ = std::fs::remove_file(&file);
    assert!(
        out.status.code().is_some(),
        "{name}: killed by a signal: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(took < limit, "{name}: took {took:?}");
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// What `tcpscope -nn -r http-ipv4.pcap EXPR` prints.
fn plain(expr: &str) -> Vec<u8> {
    let out = run_in(
        &repo().join("captures"),
        &["-nn", "-r", "http-ipv4.pcap", expr],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    out.stdout
}

fn refused(o: &Output, message: &str) {
    assert_eq!(o.status.code(), Some(1), "{}", stderr(o));
    assert!(o.stdout.is_empty());
    let err = stderr(o);
    let rest = err
        .strip_prefix(BANNER)
        .unwrap_or_else(|| panic!("no banner: {err}"));
    assert!(rest.starts_with(message), "{rest}");
    assert_eq!(rest.lines().count(), 1, "one line: {rest}");
}

fn nested(n: usize) -> Vec<u8> {
    format!("{}tcp{}", "(".repeat(n), ")".repeat(n)).into_bytes()
}

fn nots(n: usize) -> Vec<u8> {
    format!("{}tcp", "not ".repeat(n)).into_bytes()
}

const QUICK: Duration = Duration::from_secs(5);

#[test]
fn nesting_is_accepted_up_to_tcpdumps_limit() {
    let tcp = plain("tcp");
    for n in [1_000, 9_995] {
        let o = run_file("parens", &nested(n), &[], QUICK);
        assert_eq!(o.status.code(), Some(0), "{n}: {}", stderr(&o));
        assert_eq!(o.stdout, tcp, "{n} parentheses");
    }
    let not_tcp = plain("not tcp");
    for (n, want) in [(1_000, &tcp), (9_996, &tcp), (9_995, &not_tcp)] {
        let o = run_file("nots", &nots(n), &[], QUICK);
        assert_eq!(o.status.code(), Some(0), "{n}: {}", stderr(&o));
        assert_eq!(&o.stdout, want, "{n} nots");
    }
}

#[test]
fn deeper_nesting_is_memory_exhausted() {
    for n in [9_996, 10_000, 100_000, 1_000_000] {
        refused(
            &run_file("parens", &nested(n), &[], QUICK),
            MEMORY_EXHAUSTED,
        );
    }
    for n in [9_997, 100_000, 1_000_000] {
        refused(&run_file("nots", &nots(n), &[], QUICK), MEMORY_EXHAUSTED);
    }
    let add = |n: usize| format!("{}ip[0]{} = 1", "ip[0]+(".repeat(n), ")".repeat(n));
    let o = run_file("add", add(14).as_bytes(), &[], QUICK);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for n in [15, 5_000] {
        refused(
            &run_file("add", add(n).as_bytes(), &[], QUICK),
            TOO_MANY_REGISTERS,
        );
    }
}

#[test]
fn long_chains_compile_or_run_out_of_libpcaps_memory() {
    let tcp = plain("tcp");
    let chain = |op: &str, n: usize| vec!["tcp"; n].join(op).into_bytes();
    for op in [" and ", " or "] {
        let o = run_file("chain", &chain(op, 1_000), &[], QUICK);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(o.stdout, tcp, "1,000 tcp{op}");
        // 1,000,000 terms too, but our compile of 6 million tests before
        // libpcap's answer takes seconds: not run here.
        refused(
            &run_file("chain", &chain(op, 100_000), &[], QUICK),
            OUT_OF_MEMORY,
        );
    }
}

#[test]
fn a_1mb_or_chain_from_f_is_out_of_memory_in_seconds() {
    let mut text = String::new();
    let mut i = 0u32;
    while text.len() < 1_000_000 {
        i += 1;
        if i > 1 {
            text.push_str(" or ");
        }
        text.push_str(&format!("port {}", i % 65536));
    }
    let limit = Duration::from_secs(30);
    refused(
        &run_file("ports", text.as_bytes(), &[], limit),
        OUT_OF_MEMORY,
    );
}

#[test]
fn a_nul_ends_the_expression_from_f() {
    let tcp = plain("tcp");
    let o = run_file("nul", b"tcp\0 garbage ((", &[], QUICK);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(o.stdout, tcp);
    // In a comment a NUL is blanked with the rest of the comment.
    let o = run_file("nul-comment", b"# a \0 comment\ntcp", &[], QUICK);
    assert_eq!(o.stdout, tcp);
    // Only a NUL: no expression, every packet.
    let o = run_file("only-nul", b"\0tcp", &[], QUICK);
    let all = run_in(&repo().join("captures"), &["-nn", "-r", "http-ipv4.pcap"]);
    assert_eq!(o.stdout, all.stdout);
    // -d compiles the same text with libpcap.
    let d = run_file("nul-d", b"tcp\0 garbage ((", &["-d"], QUICK);
    let want = run_in(
        &repo().join("captures"),
        &["-r", "http-ipv4.pcap", "-d", "tcp"],
    );
    assert_eq!(d.stdout, want.stdout);
}

#[test]
fn a_byte_that_is_not_ascii_is_a_syntax_error() {
    // tcpdump -nn -r http-ipv4.pcap -F FILE with `udp\n\xff`:
    // "tcpdump: can't parse filter expression: syntax error". (The command
    // line reads -F FILE as UTF-8, the byte becoming U+FFFD, so the token
    // shown is that character until it hands over the bytes.)
    let o = run_file("ff", b"udp\n\xff", &[], QUICK);
    refused(
        &o,
        "tcpscope: can't parse filter expression: syntax error (at '",
    );
    assert!(stderr(&o).ends_with("', column 5)\n"), "{}", stderr(&o));
}

#[test]
fn the_issues_1mb_chain_runs_out_of_memory_before_its_bad_port() {
    // `port 1 or port 2 or … port 96000` (1 MB): tcpdump says "out of
    // memory" (its code generator's arena fills while it parses), never
    // reaching `port 65536`, which tcpscope's parser alone would refuse.
    let mut text = String::new();
    let mut i = 0u32;
    while text.len() < 1_000_000 {
        i += 1;
        if i > 1 {
            text.push_str(" or ");
        }
        text.push_str(&format!("port {i}"));
    }
    assert!(i > 65_535);
    refused(
        &run_file("ports-up", text.as_bytes(), &[], Duration::from_secs(30)),
        OUT_OF_MEMORY,
    );
}
