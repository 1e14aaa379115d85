//! pcapng output (`-w FILE.pcapng`, `--pcapng`): what tshark and capinfos
//! (run here: these tests fail without them) read from the file tcpscope
//! wrote is what they read from its input: every packet, interface (each
//! with its link type, name, description, OS, filter) and comment. The
//! lines that must differ are named: the file's own name, size and hashes,
//! the application that wrote it, and the interface statistics blocks of
//! the original capture, which a filtered copy does not keep. Writing
//! several link types as pcap is refused with a message suggesting pcapng.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::util::{bin, need, repo};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tcpscope-ngw-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    // As root, tcpscope (as tcpdump) creates -C files as user tcpdump.
    fs::set_permissions(&dir, std::os::unix::fs::PermissionsExt::from_mode(0o777)).unwrap();
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

fn ok(tool: &str, dir: &Path, args: &[&str]) -> String {
    let out = run(tool, dir, args);
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// capinfos' report without the lines that name the file itself.
fn capinfos(dir: &Path, file: &str) -> String {
    ok("capinfos", dir, &[file])
        .lines()
        .filter(|l| {
            ![
                "File name:",
                "File size:",
                "SHA256:",
                "RIPEMD160:",
                "SHA1:",
                "Capture application:",
            ]
            .iter()
            .any(|p| l.starts_with(p))
                && !l.contains("Number of stat entries")
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Writes `input` to `out.pcapng` with `args` and checks that tshark's
/// full dissection and capinfos' report are the input's.
fn same_for_tshark(dir: &Path, input: &str, args: &[&str]) {
    let mut ours = vec!["-r", input, "-w", "out.pcapng"];
    ours.extend(args);
    ok(bin(), dir, &ours);
    let written = "out.pcapng";
    let (want, got) = (
        ok("tshark", dir, &["-V", "-r", input]),
        ok("tshark", dir, &["-V", "-r", written]),
    );
    assert!(want == got, "{input} {args:?}: tshark -V differs");
    assert_eq!(capinfos(dir, input), capinfos(dir, written), "{input}");
}

#[test]
fn two_interface_pcapng_keeps_every_packet_interface_and_comment() {
    need("tshark", "pcapng -w");
    need("capinfos", "pcapng -w");
    need("editcap", "pcapng -w");
    let dir = scratch("keep");
    for f in ["mixed.pcapng", "multi-eth.pcapng"] {
        fs::copy(repo().join("captures").join(f), dir.join(f)).unwrap();
        // --nano: the input's nanoseconds (a -w file has the run's precision).
        same_for_tshark(&dir, f, &["--nano"]);
    }
    let mixed = capinfos(&dir, "out.pcapng");
    assert!(mixed.contains("Number of interfaces in file: 2"), "{mixed}");
    // Comments: the capture's and two packets'.
    ok(
        "editcap",
        &dir,
        &[
            "--capture-comment",
            "capture comment",
            "-a",
            "2:second packet",
            "-a",
            "5:fifth packet",
            "multi-eth.pcapng",
            "commented.pcapng",
        ],
    );
    same_for_tshark(&dir, "commented.pcapng", &["--nano"]);
    let fields = ok(
        "tshark",
        &dir,
        &["-r", "out.pcapng", "-T", "fields", "-e", "frame.comment"],
    );
    assert_eq!(
        fields.lines().filter(|l| !l.is_empty()).collect::<Vec<_>>(),
        ["second packet", "fifth packet"]
    );
    assert!(capinfos(&dir, "out.pcapng").contains("Capture comment:     capture comment"));
    // --pcapng whatever the name; filtered, each packet keeps its interface
    // (only the interfaces used are described, so their numbers may change).
    ok(
        bin(),
        &dir,
        &["--pcapng", "-r", "mixed.pcapng", "-w", "x.dump", "icmp"],
    );
    let filtered = ok(
        "tshark",
        &dir,
        &["-r", "x.dump", "-T", "fields", "-e", "frame.interface_name"],
    );
    let want = ok(
        "tshark",
        &dir,
        &[
            "-r",
            "mixed.pcapng",
            "-Y",
            "icmp",
            "-T",
            "fields",
            "-e",
            "frame.interface_name",
        ],
    );
    assert!(!want.is_empty());
    assert_eq!(filtered, want);
    let _ = fs::remove_dir_all(&dir);
}

/// pcap files of two link types merged into one pcapng: what tshark reads
/// from mergecap's pcapng of the same files.
#[test]
fn merged_link_types_write_pcapng_as_mergecap_does() {
    need("tshark", "pcapng -w");
    need("mergecap", "pcapng -w");
    let dir = scratch("merged");
    let (a, c) = (
        repo().join("captures/http-ipv4.pcap"),
        repo().join("captures/cooked.pcap"),
    );
    let (a, c) = (a.to_str().unwrap(), c.to_str().unwrap());
    ok("mergecap", &dir, &["-w", "m.pcapng", a, c]);
    ok(bin(), &dir, &["-r", a, "-r", c, "-w", "ours.pcapng"]);
    let want = ok("tshark", &dir, &["-r", "m.pcapng"]);
    assert!(want.lines().count() > 20);
    assert_eq!(ok("tshark", &dir, &["-r", "ours.pcapng"]), want);
    let _ = fs::remove_dir_all(&dir);
}

/// A pcap file holds one link type: two are refused before any packet
/// (merged files) or where the second interface appears (a pcapng input),
/// with a message suggesting pcapng; exit status 1.
#[test]
fn pcap_from_several_link_types_is_refused_suggesting_pcapng() {
    let dir = scratch("refuse");
    let (a, c) = (
        repo().join("captures/http-ipv4.pcap"),
        repo().join("captures/cooked.pcap"),
    );
    let out = run(
        bin(),
        &dir,
        &[
            "-r",
            a.to_str().unwrap(),
            "-r",
            c.to_str().unwrap(),
            "-w",
            "x.pcap",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.ends_with(
            "tcpscope: x.pcap: the input has several link types (EN10MB, LINUX_SLL) and a pcap \
             file holds one; write pcapng instead (-w FILE.pcapng or --pcapng)\n"
        ),
        "{err}"
    );
    assert!(!dir.join("x.pcap").exists(), "no file is created");
    let mixed = repo().join("captures/mixed.pcapng");
    let out = run(
        bin(),
        &dir,
        &["-r", mixed.to_str().unwrap(), "-w", "y.pcap"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("write pcapng instead (-w FILE.pcapng or --pcapng)"),
        "{err}"
    );
    let out = run(bin(), &dir, &["-r", mixed.to_str().unwrap(), "--pcapng"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "tcpscope: --pcapng requires -w\n"
    );
    let _ = fs::remove_dir_all(&dir);
}

/// `-C` rotation: every pcapng file starts with its own section and
/// interface, so each reads alone; together they hold every packet.
#[test]
fn rotated_pcapng_files_each_read_alone() {
    need("capinfos", "pcapng -w");
    let dir = scratch("rotate");
    // 1,000 copies of http-ipv4.pcap's records: 14,000 packets, 3.8 MB.
    let cap = fs::read(repo().join("captures/http-ipv4.pcap")).unwrap();
    let mut big = cap[..24].to_vec();
    for _ in 0..1000 {
        big.extend_from_slice(&cap[24..]);
    }
    fs::write(dir.join("big.pcap"), &big).unwrap();
    ok(
        bin(),
        &dir,
        &["-r", "big.pcap", "-w", "r.pcapng", "-C", "1"],
    );
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("r.pcapng"))
        .collect();
    names.sort();
    // tcpdump's names: FILE, FILE1, FILE2…
    assert!(names.len() >= 4, "{names:?}");
    for (i, n) in names.iter().enumerate().skip(1) {
        assert!(names.contains(&format!("r.pcapng{i}")), "{n}: {names:?}");
    }
    let mut total = 0;
    for n in &names {
        let info = ok("capinfos", &dir, &["-M", "-c", "-I", "-t", n]);
        assert!(info.contains("File type:           pcapng"), "{n}: {info}");
        assert!(
            info.contains("Number of interfaces in file: 1"),
            "{n}: {info}"
        );
        let packets: u64 = info
            .lines()
            .find_map(|l| l.strip_prefix("Number of packets:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        total += packets;
    }
    assert_eq!(total, 14_000);
    let _ = fs::remove_dir_all(&dir);
}
