//! Hostile filter expressions (issue 18): huge nesting, huge chains, a 1 MB
//! `-F` file, a NUL byte. tcpscope must answer as tcpdump 4.99.3 / libpcap
//! 1.10.3 does (accept what it accepts, with the same packets; refuse with
//! its message and exit status 1), never die of a signal, never hang and
//! stay in bounded memory. Each run has a watchdog ([`WATCHDOG`]: a hang or
//! an exponential compile fails the test instead of hanging it) and an
//! address-space limit ([`ADDRESS_SPACE_KIB`]: a compile whose memory
//! explodes aborts and fails the test). No run is timed: how fast the
//! compiler is is a matter for benches/, and a wall-clock bound failed
//! right programs on a machine busy with other builds.
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

use std::fs::File;
use std::process::{Command, Output, Stdio};

use crate::util::{WATCHDOG, bin, goldens_env, repo, run_in, wait_watchdog};

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

/// The address space (RLIMIT_AS, KiB) a hostile run may take: 1 GiB. The
/// most any run here needs is ~330 MB (the 1 MB port chain; the others 20
/// to 150 MB: the least `ulimit -v` under which each still answers the
/// same, found by bisection), and an expression whose compile blew up
/// would take gigabytes (libpcap's optimiser takes 2.6 GB on a
/// 10,000-term chain). Past the limit an allocation fails and tcpscope
/// aborts, killed by a signal: the test fails, and the machine keeps its
/// memory. (A child out of address space can also deadlock in Rust's
/// panic machinery; the watchdog turns that into a failure too.)
const ADDRESS_SPACE_KIB: u64 = 1 << 20;

/// Runs `tcpscope -nn -r http-ipv4.pcap -F FILE` with `text` in FILE (and
/// `extra` options) under [`ADDRESS_SPACE_KIB`], checking that it ended
/// by itself within [`WATCHDOG`], not by a signal.
fn run_file(name: &str, text: &[u8], extra: &[&str]) -> Output {
    let dir = std::env::temp_dir().join(format!("tcpscope-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    let (out_file, err_file) = (
        dir.join(format!("{name}.out")),
        dir.join(format!("{name}.err")),
    );
    // The shell sets the limit on itself and execs tcpscope, which keeps it.
    let mut child = goldens_env(
        Command::new("sh")
            .args(["-c", r#"ulimit -v "$0" && exec "$@""#])
            .arg(ADDRESS_SPACE_KIB.to_string())
            .arg(bin())
            .args(["-nn", "-r", "http-ipv4.pcap", "-F"])
            .arg(&file)
            .args(extra)
            .current_dir(repo().join("captures")),
    )
    .stdin(Stdio::null())
    .stdout(File::create(&out_file).unwrap())
    .stderr(File::create(&err_file).unwrap())
    .spawn()
    .expect("run tcpscope");
    let status = wait_watchdog(&mut child);
    let out = Output {
        status: status.unwrap_or_else(|| panic!("{name}: still running after {WATCHDOG:?}: hung")),
        stdout: std::fs::read(&out_file).unwrap(),
        stderr: std::fs::read(&err_file).unwrap(),
    };
    for f in [&file, &out_file, &err_file] {
        let _ = std::fs::remove_file(f);
    }
    assert!(
        out.status.code().is_some(),
        "{name}: killed by a signal: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
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

#[test]
fn nesting_is_accepted_up_to_tcpdumps_limit() {
    let tcp = plain("tcp");
    for n in [1_000, 9_995] {
        let o = run_file("parens", &nested(n), &[]);
        assert_eq!(o.status.code(), Some(0), "{n}: {}", stderr(&o));
        assert_eq!(o.stdout, tcp, "{n} parentheses");
    }
    let not_tcp = plain("not tcp");
    for (n, want) in [(1_000, &tcp), (9_996, &tcp), (9_995, &not_tcp)] {
        let o = run_file("nots", &nots(n), &[]);
        assert_eq!(o.status.code(), Some(0), "{n}: {}", stderr(&o));
        assert_eq!(&o.stdout, want, "{n} nots");
    }
}

#[test]
fn deeper_nesting_is_memory_exhausted() {
    for n in [9_996, 10_000, 100_000, 1_000_000] {
        refused(&run_file("parens", &nested(n), &[]), MEMORY_EXHAUSTED);
    }
    for n in [9_997, 100_000, 1_000_000] {
        refused(&run_file("nots", &nots(n), &[]), MEMORY_EXHAUSTED);
    }
    let add = |n: usize| format!("{}ip[0]{} = 1", "ip[0]+(".repeat(n), ")".repeat(n));
    let o = run_file("add", add(14).as_bytes(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for n in [15, 5_000] {
        refused(&run_file("add", add(n).as_bytes(), &[]), TOO_MANY_REGISTERS);
    }
}

#[test]
fn long_chains_compile_or_run_out_of_libpcaps_memory() {
    let tcp = plain("tcp");
    let chain = |op: &str, n: usize| vec!["tcp"; n].join(op).into_bytes();
    for op in [" and ", " or "] {
        let o = run_file("chain", &chain(op, 1_000), &[]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(o.stdout, tcp, "1,000 tcp{op}");
        // 1,000,000 terms too, but our compile of 6 million tests before
        // libpcap's answer takes seconds: not run here.
        refused(&run_file("chain", &chain(op, 100_000), &[]), OUT_OF_MEMORY);
    }
}

/// `port P(1) or port P(2) or …` up to 1 MB, and how many terms.
fn port_chain(port: impl Fn(u32) -> u32) -> (String, u32) {
    let mut text = String::new();
    let mut i = 0u32;
    while text.len() < 1_000_000 {
        i += 1;
        if i > 1 {
            text.push_str(" or ");
        }
        text.push_str(&format!("port {}", port(i)));
    }
    (text, i)
}

#[test]
fn a_1mb_or_chain_from_f_is_out_of_memory() {
    let (text, _) = port_chain(|i| i % 65536);
    refused(&run_file("ports", text.as_bytes(), &[]), OUT_OF_MEMORY);
}

#[test]
fn a_nul_ends_the_expression_from_f() {
    let tcp = plain("tcp");
    let o = run_file("nul", b"tcp\0 garbage ((", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(o.stdout, tcp);
    // In a comment a NUL is blanked with the rest of the comment.
    let o = run_file("nul-comment", b"# a \0 comment\ntcp", &[]);
    assert_eq!(o.stdout, tcp);
    // Only a NUL: no expression, every packet.
    let o = run_file("only-nul", b"\0tcp", &[]);
    let all = run_in(&repo().join("captures"), &["-nn", "-r", "http-ipv4.pcap"]);
    assert_eq!(o.stdout, all.stdout);
    // -d compiles the same text with libpcap.
    let d = run_file("nul-d", b"tcp\0 garbage ((", &["-d"]);
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
    let o = run_file("ff", b"udp\n\xff", &[]);
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
    let (text, i) = port_chain(|i| i);
    assert!(i > 65_535);
    refused(&run_file("ports-up", text.as_bytes(), &[]), OUT_OF_MEMORY);
}
