//! `-w`: the files tcpscope writes are compared byte for byte with the ones
//! the real tcpdump writes for the same input, filter and options (tcpdump
//! is run here: it must be installed, these tests fail without it), and
//! read back by tcpdump and tshark without warnings. Output directories are
//! world-writable because tcpdump run as root drops to its own user before
//! creating rotated files.

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::util::{WATCHDOG, as_tcpdump, bin, need, repo};

/// A fresh world-writable directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tcpscope-write-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o777)).unwrap();
    dir
}

fn run(tool: &str, dir: &Path, args: &[&str]) -> Output {
    Command::new(tool)
        .args(args)
        .current_dir(dir)
        .env("TZ", "UTC")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// Every capture shipped that tcpscope reads: captures/ (incl. bad/ and
/// corpus/). tcpdump's own test captures beside the repository are compared
/// by the corpus test binary (tests/corpus), which says when it cannot run.
fn all_captures() -> Vec<PathBuf> {
    let dirs = [
        repo().join("captures"),
        repo().join("captures/bad"),
        repo().join("captures/corpus"),
    ];
    let mut files: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|d| fs::read_dir(d).unwrap().map(|e| e.unwrap().path()))
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy().into_owned();
            n.ends_with(".pcap") || n.ends_with(".pcapng") || p.parent().unwrap().ends_with("bad")
        })
        .collect();
    files.sort();
    files
}

/// Runs tcpdump and tcpscope with `args` in two directories and returns
/// a description of the first difference (files, stdout, stderr, status).
fn compare(name: &str, args: &[&str]) -> Option<String> {
    let (r, g) = (
        scratch(&format!("{name}-ref")),
        scratch(&format!("{name}-got")),
    );
    let want = run("tcpdump", &r, args);
    let got = run(bin(), &g, args);
    let diff = compare_dirs(&r, &g)
        .or_else(|| (want.stdout != got.stdout).then(|| "stdout differs".into()))
        .or_else(|| {
            let (w, o) = (
                as_tcpdump(&want.stderr),
                no_column(&as_tcpdump(&got.stderr)),
            );
            (w != o).then(|| format!("stderr: tcpdump {w:?}, tcpscope {o:?}"))
        })
        .or_else(|| {
            (want.status.code() != got.status.code()).then(|| {
                format!(
                    "status: tcpdump {:?}, tcpscope {:?}",
                    want.status, got.status
                )
            })
        })
        .map(|d| format!("{args:?}: {d}"));
    if diff.is_none() {
        let _ = fs::remove_dir_all(&r);
        let _ = fs::remove_dir_all(&g);
    }
    diff
}

/// tcpscope's filter errors add where in the expression they apply
/// (README: "Errors name the token and its column"); tcpdump's do not.
/// Its refusal of a second link type in a pcap file suggests pcapng.
fn no_column(stderr: &str) -> String {
    stderr
        .lines()
        .map(|l| {
            l.trim_end_matches(
                "; a pcap file holds one link type: write pcapng instead (-w FILE.pcapng or --pcapng)",
            )
        })
        .map(|l| match l.rfind(" (at ") {
            Some(i) if l.ends_with(')') && l.contains(", column ") => &l[..i],
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Same file names, same bytes.
fn compare_dirs(r: &Path, g: &Path) -> Option<String> {
    let names = |d: &Path| {
        let mut v: Vec<String> = fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let (rn, gn) = (names(r), names(g));
    if rn != gn {
        return Some(format!("files: tcpdump {rn:?}, tcpscope {gn:?}"));
    }
    rn.iter()
        .find(|n| fs::read(r.join(n)).unwrap() != fs::read(g.join(n)).unwrap())
        .map(|n| format!("{n} differs"))
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `-r F -w out` at both precisions, tcpscope against tcpdump, for each of
/// `files`: the differences found (also run by tests/corpus on tcpdump's
/// own test captures).
pub(crate) fn write_differences(files: &[PathBuf], tag: &str) -> Vec<String> {
    let mut bad = Vec::new();
    for (i, f) in files.iter().enumerate() {
        for prec in ["micro", "nano"] {
            let p = format!("--time-stamp-precision={prec}");
            let name = format!("{tag}{i}{prec}");
            if let Some(d) = compare(&name, &["-r", arg(f), &p, "-w", "out"]) {
                bad.push(d);
            }
        }
    }
    bad
}

#[test]
fn every_capture_writes_what_tcpdump_writes() {
    need("tcpdump", "-w");
    let bad = write_differences(&all_captures(), "all");
    assert!(
        bad.is_empty(),
        "{} differences:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn filtered_writes_are_tcpdumps() {
    need("tcpdump", "-w");
    let filters = [
        "tcp",
        "udp or icmp or icmp6 or arp",
        "tcp[tcpflags] & tcp-syn != 0",
        "ip6 and tcp port 80",
        "vlan",
        "greater 100",
        "ip proto 47",
    ];
    let mut bad = Vec::new();
    for (i, f) in all_captures().iter().enumerate() {
        for (j, expr) in filters.iter().enumerate() {
            let args = ["-r", arg(f), "-w", "out", expr];
            if let Some(d) = compare(&format!("flt{i}-{j}"), &args) {
                bad.push(d);
            }
        }
        // -c counts the packets written; --count adds its line after them.
        if let Some(d) = compare(&format!("cnt{i}"), &["-r", arg(f), "-c", "3", "-w", "o"]) {
            bad.push(d);
        }
        let args = ["-r", arg(f), "--count", "-w", "o", "tcp"];
        if let Some(d) = compare(&format!("cm{i}"), &args) {
            bad.push(d);
        }
    }
    assert!(
        bad.is_empty(),
        "{} differences:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// tcpdump and tshark read what tcpscope wrote without a word on stderr.
#[test]
fn written_files_read_back_cleanly() {
    need("tcpdump", "-w");
    need("tshark", "-w");
    let dir = scratch("readback");
    let mut checked = 0;
    for (i, f) in all_captures().iter().enumerate() {
        let out = dir.join(format!("{i}.pcap"));
        let w = run(bin(), &dir, &["-r", arg(f), "-w", arg(&out)]);
        if !out.exists() || w.status.code() != Some(0) {
            continue; // tcpdump refuses these inputs too (compared above).
        }
        let td = run("tcpdump", &dir, &["-nn", "-r", arg(&out)]);
        let err = String::from_utf8_lossy(&td.stderr);
        assert_eq!(td.status.code(), Some(0), "{f:?}: {err}");
        // The banner, and for LINUX_SLL2 its warning about interface names.
        let other = err.lines().filter(|l| {
            !l.starts_with("reading from file ")
                && *l != "Warning: interface names might be incorrect"
        });
        assert_eq!(other.count(), 0, "{f:?}: {err}");
        let ts = run("tshark", &dir, &["-n", "-r", arg(&out)]);
        let err = String::from_utf8_lossy(&ts.stderr);
        // A warning tshark also prints for the input itself is about the
        // packets, not the file (a dissector's own failed assertion on a
        // crafted malformed packet: `Dissector bug, protocol ISAKMP`); its
        // text after the process id and time must be the same.
        let text = |l: &str| l.split_once("] -- ").map_or(l, |(_, t)| t).to_string();
        let input = run("tshark", &dir, &["-n", "-r", arg(f)]);
        let known: Vec<String> = String::from_utf8_lossy(&input.stderr)
            .lines()
            .map(text)
            .collect();
        // tshark run as root says so; that is not about the file.
        let warnings: Vec<&str> = err
            .lines()
            .filter(|l| !l.starts_with("Running as user \"root\"") && !known.contains(&text(l)))
            .collect();
        assert_eq!(ts.status.code(), Some(0), "tshark {f:?}: {err}");
        assert!(warnings.is_empty(), "tshark {f:?}: {warnings:?}");
        checked += 1;
    }
    assert!(checked >= 25, "only {checked} files written");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn print_and_standard_output_are_tcpdumps() {
    need("tcpdump", "-w");
    let http = repo().join("captures/http-ipv4.pcap");
    let f = arg(&http);
    for args in [
        vec!["-nn", "-r", f, "-w", "out"],
        vec!["-nn", "-r", f, "--print", "-w", "out"],
        vec![
            "-nn", "-#", "-r", f, "--print", "-c", "5", "-w", "out", "tcp",
        ],
        vec!["-nn", "-r", f, "--print", "--count", "-w", "out"],
        vec!["-r", f, "-w", "-"],
        vec!["-r", f, "--nano", "-w", "-", "-U", "tcp"],
    ] {
        if let Some(d) = compare("print", &args) {
            panic!("{d}");
        }
    }
    // -w without --print prints nothing; with it, what -r alone prints.
    let dir = scratch("print2");
    let quiet = run(bin(), &dir, &["-nn", "-r", f, "-w", "a"]);
    assert!(quiet.stdout.is_empty());
    let loud = run(bin(), &dir, &["-nn", "-r", f, "--print", "-w", "b"]);
    let plain = run(bin(), &dir, &["-nn", "-r", f]);
    assert_eq!(loud.stdout, plain.stdout);
    assert_eq!(loud.stderr, plain.stderr, "the banner is unchanged");
    let _ = fs::remove_dir_all(&dir);
}

/// `N` packets of 1,000 bytes, 100 per second of capture time.
fn big_capture(dir: &Path, n: u32) -> PathBuf {
    let mut b = Vec::new();
    for v in [0xA1B2_C3D4u32, 0x0004_0002, 0, 0, 65535, 1] {
        b.extend_from_slice(&v.to_le_bytes());
    }
    for i in 0..n {
        for v in [1000 + i / 100, (i % 100) * 10_000, 1000, 1000] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        b.extend_from_slice(&[2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00]);
        b.extend((0..986u32).map(|j| ((i + j) % 256) as u8));
    }
    let p = dir.join("big.pcap");
    fs::write(&p, b).unwrap();
    p
}

#[test]
fn size_rotation_names_and_contents_are_tcpdumps() {
    need("tcpdump", "-w");
    let src = scratch("bigsrc");
    let big = big_capture(&src, 3000);
    let f = arg(&big);
    let mut bad = Vec::new();
    for extra in [
        vec!["-C", "1"],
        vec!["-C", "1", "-W", "2"],
        vec!["-C", "1", "-W", "11"],
        vec!["-C", "1", "-W", "1"],
        vec!["-C", "2", "-W", "3", "-c", "2500", "-U"],
        vec!["-C", "1", "--print", "-nn", "-W", "3"],
    ] {
        let mut args = vec!["-r", f, "-w", "out.pcap"];
        args.extend(extra);
        bad.extend(compare("rot", &args));
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    // -z runs on every file a rotation closes, not on the last one.
    let dir = scratch("gz");
    let out = run(bin(), &dir, &["-r", f, "-w", "o", "-C", "1", "-z", "gzip"]);
    assert_eq!(out.status.code(), Some(0));
    let want = ["o.gz", "o1.gz", "o2.gz", "o3"];
    // -z's gzips run after tcpscope has ended; the watchdog is for a hang.
    let deadline = Instant::now() + WATCHDOG;
    while !want.iter().all(|n| dir.join(n).exists()) && Instant::now() < deadline {
        sleep(Duration::from_millis(100));
    }
    sleep(Duration::from_millis(300));
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, want);
    let _ = fs::remove_dir_all(&dir);
    let _ = fs::remove_dir_all(&src);
}

fn spawn(tool: &str, dir: &Path, args: &[&str]) -> Child {
    Command::new(tool)
        .args(args)
        .current_dir(dir)
        .env("TZ", "UTC")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// The records of a little-endian microsecond pcap (header, then each record).
fn records(p: &Path) -> (Vec<u8>, Vec<Vec<u8>>) {
    let b = fs::read(p).unwrap();
    let mut recs = Vec::new();
    let mut at = 24;
    while at + 16 <= b.len() {
        let cl = u32::from_le_bytes(b[at + 8..at + 12].try_into().unwrap()) as usize;
        recs.push(b[at..at + 16 + cl].to_vec());
        at += 16 + cl;
    }
    (b[..24].to_vec(), recs)
}

/// `-G` reads the wall clock, as tcpdump does, so both programs are fed the
/// same packets through pipes 2.5 s apart: with `-G 2` every packet after
/// the first rotates, and `-W 3` stops at the third file.
#[test]
fn time_rotation_is_tcpdumps() {
    need("tcpdump", "-w");
    let (head, recs) = records(&repo().join("captures/http-ipv4.pcap"));
    let (r, g) = (scratch("g-ref"), scratch("g-got"));
    let args = [
        "-r",
        "-",
        "-nn",
        "--print",
        "-G",
        "2",
        "-W",
        "3",
        "-w",
        "g-%Y.pcap",
    ];
    let mut kids = [spawn("tcpdump", &r, &args), spawn(bin(), &g, &args)];
    for (i, rec) in recs.iter().take(4).enumerate() {
        if i > 0 {
            sleep(Duration::from_millis(2500));
        }
        for k in &mut kids {
            let stdin = k.stdin.as_mut().unwrap();
            if i == 0 {
                let _ = stdin.write_all(&head);
            }
            let _ = stdin.write_all(rec);
            let _ = stdin.flush();
        }
    }
    let [want, got] = kids.map(|mut k| {
        drop(k.stdin.take());
        k.wait_with_output().unwrap()
    });
    assert_eq!(as_tcpdump(&got.stderr), as_tcpdump(&want.stderr));
    assert!(
        String::from_utf8_lossy(&got.stderr).contains("Maximum file limit reached: 3\n"),
        "{}",
        String::from_utf8_lossy(&got.stderr)
    );
    assert_eq!(got.stdout, want.stdout);
    assert_eq!(got.status.code(), want.status.code());
    if let Some(d) = compare_dirs(&r, &g) {
        panic!("{d}");
    }
    // strftime'd name; the third file holds the third packet alone.
    let year = run("date", &g, &["+%Y"]).stdout;
    let name = format!("g-{}.pcap", String::from_utf8_lossy(&year).trim());
    let (_, written) = records(&g.join(&name));
    assert_eq!(written, recs[2..3].to_vec());
    let _ = fs::remove_dir_all(&r);
    let _ = fs::remove_dir_all(&g);
}

/// -U: each packet is in the file as soon as it was read.
#[test]
fn packet_buffered_writes_each_packet_at_once() {
    let (head, recs) = records(&repo().join("captures/http-ipv4.pcap"));
    let dir = scratch("unbuf");
    let out = dir.join("u.pcap");
    let mut kid = spawn(bin(), &dir, &["-r", "-", "-U", "-w", "u.pcap"]);
    let stdin = kid.stdin.as_mut().unwrap();
    stdin.write_all(&head).unwrap();
    let mut want = head.clone();
    for rec in recs.iter().take(3) {
        stdin.write_all(rec).unwrap();
        stdin.flush().unwrap();
        want.extend_from_slice(rec);
        // Without -U the packet would wait in the buffer until the end:
        // the watchdog makes that a failure, not a hang.
        let deadline = Instant::now() + WATCHDOG;
        while fs::read(&out).unwrap_or_default() != want {
            assert!(Instant::now() < deadline, "packet not flushed with -U");
            sleep(Duration::from_millis(20));
        }
    }
    drop(kid.stdin.take());
    assert!(kid.wait().unwrap().success());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn errors_are_tcpdumps() {
    need("tcpdump", "-w");
    let http = repo().join("captures/http-ipv4.pcap");
    let f = arg(&http);
    let dir = scratch("errs");
    let mut bad = Vec::new();
    for args in [
        vec!["-r", f, "-w", "/nonexistent/x.pcap"],
        vec!["-r", f, "-w", arg(&dir)],
        vec!["-r", f, "-w", "x", "-C", "0"],
        vec!["-r", f, "-w", "x", "-C", "12x"],
        vec!["-r", f, "-w", "x", "-C", "99999999999999"],
        vec!["-r", f, "-w", "x", "-W", "0"],
        vec!["-r", f, "-w", "x", "-G", "-1"],
        vec!["-r", "/nonexistent.pcap", "-w", "x"],
        vec!["-r", f, "-w", "x", "tcp and"],
    ] {
        bad.extend(compare("err", &args));
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    // A rejected filter creates no file (tcpdump opens it after compiling).
    let out = run(bin(), &dir, &["-r", f, "-w", "nofile", "tcp and"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.join("nofile").exists());
    // A full device: tcpdump says nothing and exits 0 with a damaged file;
    // tcpscope names the file and fails.
    let out = run(bin(), &dir, &["-r", f, "-w", "/dev/full"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.ends_with("tcpscope: /dev/full: No space left on device\n"),
        "{err}"
    );
    let _ = fs::remove_dir_all(&dir);
}
