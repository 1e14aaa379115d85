//! Several input files (`-r A -r B -r C`, `-V LIST`, a pattern, a shell
//! glob) read as one capture merged by timestamp. The reference is
//! Wireshark's `mergecap -F pcap` of the same files read by the real
//! tcpdump (both run here: these tests fail without them); the parts are
//! cut from shipped captures by tshark, so that their packets interleave.
//! The analyzer's reference is the uncut capture: a connection spanning
//! rotated files is one connection.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::util::{bin, first_diff, need, repo};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tcpscope-merge-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(tool: &str, dir: &Path, args: &[&str]) -> Output {
    Command::new(tool)
        .args(args)
        .current_dir(dir)
        .env("TZ", "UTC")
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{tool}: {e}"))
}

fn ok(tool: &str, dir: &Path, args: &[&str]) -> Output {
    let out = run(tool, dir, args);
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// `capture` cut into `n` files by tshark: packet i goes to part i mod n
/// (`part0.pcap` …), so the parts interleave in time.
fn cut(dir: &Path, capture: &Path, n: u32) -> Vec<String> {
    (0..n)
        .map(|k| {
            let name = format!("part{k}.pcap");
            let filter = format!("frame.number % {n} == {}", (k + 1) % n);
            let cap = capture.to_str().unwrap();
            ok(
                "tshark",
                dir,
                &["-r", cap, "-Y", &filter, "-F", "pcap", "-w", &name],
            );
            name
        })
        .collect()
}

/// `capture` cut in two at packet `at` (a rotation).
fn rotate(dir: &Path, capture: &Path, at: u32) -> [String; 2] {
    let cap = capture.to_str().unwrap();
    for (name, f) in [
        ("first.pcap", format!("frame.number <= {at}")),
        ("second.pcap", format!("frame.number > {at}")),
    ] {
        ok(
            "tshark",
            dir,
            &["-r", cap, "-Y", &f, "-F", "pcap", "-w", name],
        );
    }
    ["first.pcap".into(), "second.pcap".into()]
}

fn with_r<'a>(files: &'a [String], args: &[&'a str]) -> Vec<&'a str> {
    let mut v: Vec<&str> = args.to_vec();
    for f in files {
        v.extend(["-r", f.as_str()]);
    }
    v
}

fn shipped() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = [
        "http-ipv4.pcap",
        "dns.pcap",
        "udp-icmp-arp.pcap",
        "vlan.pcap",
    ]
    .iter()
    .map(|c| repo().join("captures").join(c))
    .collect();
    let analyze = repo().join("captures/analyze");
    let mut more: Vec<PathBuf> = fs::read_dir(&analyze)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pcap"))
        .collect();
    more.sort();
    // A third of the analyzer's scenarios keeps the test's time reasonable.
    v.extend(more.into_iter().step_by(3));
    v
}

#[test]
fn three_files_print_and_write_what_tcpdump_does_for_mergecap() {
    need("tcpdump", "merge");
    need("tshark", "merge");
    need("mergecap", "merge");
    let mut checked = 0;
    for cap in shipped() {
        let dir = scratch(cap.file_stem().unwrap().to_str().unwrap());
        let parts = cut(&dir, &cap, 3);
        // mergecap's order, which tcpscope must not depend on: C B A.
        let parts: Vec<String> = parts.into_iter().rev().collect();
        let mut m = vec!["-F", "pcap", "-w", "merged.pcap"];
        m.extend(parts.iter().map(String::as_str));
        ok("mergecap", &dir, &m);
        for args in [
            &["-nn"][..],
            &["-v"],
            &["-nn", "tcp"],
            &["-ttttt", "-nn", "-e"],
        ] {
            let mut td: Vec<&str> = vec!["-r", "merged.pcap"];
            td.extend(args);
            let want = ok("tcpdump", &dir, &td);
            // Options first, then every -r, then the expression.
            let (opts, expr): (Vec<&str>, Vec<&str>) =
                args.iter().partition(|a| a.starts_with('-'));
            let mut ours = with_r(&parts, &opts);
            ours.extend(expr);
            let got = ok(bin(), &dir, &ours);
            let (w, g) = (
                String::from_utf8_lossy(&want.stdout),
                String::from_utf8_lossy(&got.stdout),
            );
            assert!(
                first_diff(&w, &g).is_none(),
                "{} {args:?}: {}",
                cap.display(),
                first_diff(&w, &g).unwrap()
            );
            checked += 1;
        }
        // -w of the merge: the bytes tcpdump writes reading mergecap's file.
        ok("tcpdump", &dir, &["-r", "merged.pcap", "-w", "td.pcap"]);
        ok(bin(), &dir, &with_r(&parts, &["-w", "ts.pcap"]));
        assert!(
            fs::read(dir.join("td.pcap")).unwrap() == fs::read(dir.join("ts.pcap")).unwrap(),
            "{}: -w of the merge differs from tcpdump -w of mergecap's file",
            cap.display()
        );
        let _ = fs::remove_dir_all(&dir);
    }
    assert!(checked >= 20, "only {checked} comparisons ran");
}

/// Equal timestamps: mergecap takes the file named last; so do we.
#[test]
fn a_file_merged_with_itself_is_mergecaps_order() {
    need("tcpdump", "merge");
    need("mergecap", "merge");
    let dir = scratch("self");
    // Two files whose packets have the same timestamps but differ: the
    // same capture, once with its addresses numeric, once cut to 60 bytes.
    let cap = repo().join("captures/http-ipv4.pcap");
    fs::copy(&cap, dir.join("a.pcap")).unwrap();
    ok(
        "editcap",
        &dir,
        &["-F", "pcap", "-s", "60", cap.to_str().unwrap(), "b.pcap"],
    );
    ok(
        "mergecap",
        &dir,
        &["-F", "pcap", "-w", "m.pcap", "a.pcap", "b.pcap"],
    );
    let want = ok("tcpdump", &dir, &["-nn", "-r", "m.pcap"]);
    let got = ok(bin(), &dir, &["-nn", "-r", "a.pcap", "-r", "b.pcap"]);
    assert_eq!(
        String::from_utf8_lossy(&want.stdout),
        String::from_utf8_lossy(&got.stdout)
    );
    let _ = fs::remove_dir_all(&dir);
}

/// A connection cut by a file rotation is one connection, reported as the
/// uncut capture reports it; `-V` of the parts prints what tcpdump -V does.
#[test]
fn a_connection_spanning_rotated_files_is_one_connection() {
    need("tshark", "merge");
    need("tcpdump", "merge");
    let mut checked = 0;
    for cap in shipped() {
        let dir = scratch(&format!(
            "rot-{}",
            cap.file_stem().unwrap().to_str().unwrap()
        ));
        let lines = ok("tcpdump", &dir, &["-nn", "-r", cap.to_str().unwrap()]).stdout;
        let n = lines.iter().filter(|&&b| b == b'\n').count() as u32;
        if n < 4 {
            let _ = fs::remove_dir_all(&dir);
            continue;
        }
        let parts = rotate(&dir, &cap, n / 2);
        // tcpdump -V reads the files one after the other, with one sequence
        // table and one previous timestamp: for a rotation, the merge.
        fs::write(dir.join("list.txt"), parts.join("\n") + "\n").unwrap();
        let args = ["-nn", "-ttt", "-V", "list.txt"];
        let (want, got) = (ok("tcpdump", &dir, &args), ok(bin(), &dir, &args));
        assert_eq!(
            String::from_utf8_lossy(&want.stdout),
            String::from_utf8_lossy(&got.stdout),
            "{} -V",
            cap.display()
        );
        assert_eq!(want.stderr, got.stderr, "{}: the banners", cap.display());
        for mode in ["--connections", "--json", "--states"] {
            let whole = ok(bin(), &dir, &[mode, "-r", cap.to_str().unwrap()]);
            let split = ok(bin(), &dir, &with_r(&parts, &[mode]));
            assert_eq!(
                String::from_utf8_lossy(&whole.stdout),
                String::from_utf8_lossy(&split.stdout),
                "{} {mode}",
                cap.display()
            );
            checked += 1;
        }
        let _ = fs::remove_dir_all(&dir);
    }
    assert!(checked >= 24, "only {checked} comparisons ran");
}

/// `-V LIST`, a quoted pattern and an unquoted shell glob name the same
/// files as `-r` each; a pattern matching nothing is refused by name.
#[test]
fn list_pattern_and_shell_glob_read_the_same_merge() {
    need("tshark", "merge");
    let dir = scratch("list");
    let parts = cut(&dir, &repo().join("captures/http-ipv4.pcap"), 3);
    let want = ok(bin(), &dir, &with_r(&parts, &["-nn"])).stdout;
    assert_eq!(String::from_utf8_lossy(&want).lines().count(), 14);
    fs::write(dir.join("list.txt"), parts.join("\n") + "\n\n").unwrap();
    let list = ok(bin(), &dir, &["-nn", "-V", "list.txt"]);
    assert_eq!(list.stdout, want, "-V list.txt");
    let pattern = ok(bin(), &dir, &["-nn", "-r", "part*.pcap"]);
    assert_eq!(pattern.stdout, want, "-r 'part*.pcap'");
    // What the shell makes of `-r part*.pcap`.
    let mut glob = vec!["-nn", "-r"];
    glob.extend(parts.iter().map(String::as_str));
    assert_eq!(
        ok(bin(), &dir, &glob).stdout,
        want,
        "-r part0.pcap part1.pcap part2.pcap"
    );
    // Each file's banner, in the order given.
    let banners: Vec<String> = String::from_utf8_lossy(&list.stderr)
        .lines()
        .map(String::from)
        .collect();
    assert_eq!(banners.len(), 3, "{banners:?}");
    for (b, p) in banners.iter().zip(&parts) {
        assert!(
            b.starts_with(&format!("reading from file {p}, link-type EN10MB")),
            "{b}"
        );
    }
    let both = run(bin(), &dir, &["-nn", "-r", &parts[0], "-V", "list.txt"]);
    assert_eq!(both.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&both.stderr),
        "tcpscope: -V and -r are mutually exclusive.\n",
        "tcpdump's refusal"
    );
    let none = run(bin(), &dir, &["-nn", "-r", "nothing*.pcap"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(none.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&none.stderr),
        "tcpscope: -r nothing*.pcap: no file matches the pattern\n"
    );
    let _ = fs::remove_dir_all(&dir);
}

/// A damaged file names itself; every readable packet of the others is
/// still printed (and the analyzer's summary), then exit status 1. A file
/// that is no capture at all is refused, by name, before any packet.
#[test]
fn a_damaged_file_names_itself() {
    need("tshark", "merge");
    need("tcpdump", "merge");
    let dir = scratch("damaged");
    let parts = cut(&dir, &repo().join("captures/http-ipv4.pcap"), 2);
    let good = ok(bin(), &dir, &["-nn", "-S", "-r", &parts[0]]).stdout;
    let bytes = fs::read(dir.join(&parts[1])).unwrap();
    fs::write(dir.join("cut.pcap"), &bytes[..bytes.len() - 10]).unwrap();
    let got = run(
        bin(),
        &dir,
        &["-nn", "-S", "-r", &parts[0], "-r", "cut.pcap"],
    );
    assert_eq!(got.status.code(), Some(1));
    let err = String::from_utf8_lossy(&got.stderr);
    assert!(
        err.lines()
            .last()
            .unwrap()
            .starts_with("tcpscope: pcap_loop: cut.pcap: truncated dump file"),
        "{err}"
    );
    let out = String::from_utf8_lossy(&got.stdout);
    // What tcpdump reads of the cut file before the damage.
    let readable = run("tcpdump", &dir, &["-nn", "-r", "cut.pcap"]).stdout;
    let (g, r) = (
        good.split(|&b| b == b'\n').count() - 1,
        readable.split(|&b| b == b'\n').count() - 1,
    );
    assert!(g > 0 && r > 0 && r < 7, "{g} {r}");
    assert_eq!(
        out.lines().count(),
        g + r,
        "every readable packet of both files"
    );
    for line in String::from_utf8_lossy(&good).lines() {
        assert!(out.contains(line), "lost: {line}");
    }
    let conns = run(
        bin(),
        &dir,
        &["--connections", "-r", &parts[0], "-r", "cut.pcap"],
    );
    assert_eq!(conns.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&conns.stdout).contains("1 connection"));

    fs::write(dir.join("junk.pcap"), b"not a capture at all").unwrap();
    let junk = run(bin(), &dir, &["-nn", "-r", &parts[0], "-r", "junk.pcap"]);
    assert_eq!(junk.status.code(), Some(1));
    assert!(junk.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&junk.stderr)
            .ends_with("tcpscope: junk.pcap: unknown file format\n"),
        "{}",
        String::from_utf8_lossy(&junk.stderr)
    );
    // Named when it comes first too; alone, tcpdump's message.
    let first = run(bin(), &dir, &["-nn", "-r", "junk.pcap", "-r", &parts[0]]);
    assert_eq!(first.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&first.stderr),
        "tcpscope: junk.pcap: unknown file format\n"
    );
    let alone = run(bin(), &dir, &["-nn", "-r", "junk.pcap"]);
    assert_eq!(
        String::from_utf8_lossy(&alone.stderr),
        "tcpscope: unknown file format\n"
    );
    let _ = fs::remove_dir_all(&dir);
}
