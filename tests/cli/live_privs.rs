//! `-w` as root into a directory only root may write (issue 17): tcpscope
//! switches to user `tcpdump` as Debian's tcpdump does, keeping
//! CAP_DAC_OVERRIDE (and nothing else) while it opens `-w` files: given up
//! once the file is open, kept for the run with `-C`/`-G`, which open more
//! files later (tcpdump.c's `HAVE_LIBCAP_NG` code). `-Z root` stays root.
//! Checked from outside: the files, their owner, and the process's `Uid`,
//! `CapPrm` and `CapEff` in `/proc/PID/status` while it captures. Needs root
//! (skipped with the reason otherwise) and the `tcpdump` user (created by
//! the tcpdump package; a missing one fails the test).

use std::net::UdpSocket;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::live::Capture;
use crate::require_live;
use crate::util::bin;

/// A fresh directory owned by root, mode 700: only root (or a process
/// with CAP_DAC_OVERRIDE) may create files in it.
fn root_only(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tcpscope-privs-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    dir
}

fn tcpdump_uid() -> u32 {
    let out = Command::new("id")
        .args(["-u", "tcpdump"])
        .output()
        .expect("id");
    assert!(
        out.status.success(),
        "these tests need the user tcpdump (apt-get install tcpdump creates it)"
    );
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("uid")
}

/// (real uid, CapPrm, CapEff) of a running process.
fn creds(pid: u32) -> (u32, u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
            .unwrap_or_else(|| panic!("no {name} in {status}"))
            .to_string()
    };
    let uid = field("Uid:")
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let cap = |n| u64::from_str_radix(&field(n), 16).unwrap();
    (uid, cap("CapPrm:"), cap("CapEff:"))
}

/// Sends `n` UDP datagrams of `size` bytes to 127.0.0.1:`port` (nobody listens).
fn udp(port: u16, n: usize, size: usize) {
    let s = UdpSocket::bind(("127.0.0.1", 0)).expect("bind");
    for _ in 0..n {
        let _ = s.send_to(&vec![0x55; size], ("127.0.0.1", port));
    }
}

/// Files in `dir`, sorted, with their owner uid and size.
fn files(dir: &Path) -> Vec<(String, u32, u64)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| {
            let e = e.expect("entry");
            let m = e.metadata().expect("metadata");
            (
                e.file_name().to_string_lossy().into_owned(),
                m.uid(),
                m.len(),
            )
        })
        .collect();
    v.sort();
    v
}

/// Packets tcpdump reads from `path` (it must read it without complaint).
fn packets(path: &Path) -> usize {
    let out = Command::new("tcpdump")
        .args(["-nn", "-r"])
        .arg(path)
        .output()
        .expect("tcpdump -r");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).lines().count()
}

const DAC_OVERRIDE: u64 = 1 << 1;

/// Starts a capture of UDP port `port` on lo into `file` with `extra` options.
fn start(port: u16, file: &Path, extra: &[&str]) -> Capture {
    let filter = format!("udp port {port}");
    let mut args = vec!["-i", "lo", "--immediate-mode", "-s", "2000", "-w"];
    args.push(file.to_str().unwrap());
    args.extend_from_slice(extra);
    args.push(&filter);
    Capture::start(bin(), &args)
}

#[test]
fn w_as_root_into_a_root_only_directory_then_no_capability() {
    require_live!();
    let uid = tcpdump_uid();
    let dir = root_only("w");
    let port = 47_101;
    let cap = start(port, &dir.join("a.pcap"), &[]);
    // Switched to tcpdump, with no capability left once the file is open.
    assert_eq!(creds(cap.pid()), (uid, 0, 0));
    udp(port, 5, 100);
    std::thread::sleep(Duration::from_millis(500));
    cap.signal("INT");
    let (code, _, err) = cap.finish();
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        files(&dir),
        vec![("a.pcap".into(), uid, 24 + 5 * (16 + 142))]
    );
    assert_eq!(packets(&dir.join("a.pcap")), 5);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn c_rotation_as_root_keeps_only_dac_override() {
    require_live!();
    let uid = tcpdump_uid();
    let dir = root_only("c");
    let port = 47_102;
    let cap = start(port, &dir.join("c.pcap"), &["-C", "1"]);
    // Only CAP_DAC_OVERRIDE, kept for the files -C opens later.
    assert_eq!(creds(cap.pid()), (uid, DAC_OVERRIDE, DAC_OVERRIDE));
    // 3,000 × 1,442 bytes: more than four files of 1,000,000 bytes; the
    // kernel may drop some when the machine is busy, the test needs two.
    udp(port, 3000, 1400);
    std::thread::sleep(Duration::from_millis(800));
    cap.signal("INT");
    let (code, _, err) = cap.finish();
    assert_eq!(code, Some(0), "{err}");
    let got = files(&dir);
    let names: Vec<&str> = got.iter().map(|f| f.0.as_str()).collect();
    assert!(
        names.starts_with(&["c.pcap", "c.pcap1"]),
        "rotated files: {got:?} ({err})"
    );
    assert!(got.iter().all(|f| f.1 == uid), "{got:?}");
    let total: usize = names.iter().map(|n| packets(&dir.join(n))).sum();
    assert!(total > 690, "{total} packets in {got:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn g_rotation_as_root_opens_new_files_in_a_root_only_directory() {
    require_live!();
    let uid = tcpdump_uid();
    let dir = root_only("g");
    let port = 47_103;
    let cap = start(port, &dir.join("g-%s.pcap"), &["-G", "1"]);
    assert_eq!(creds(cap.pid()), (uid, DAC_OVERRIDE, DAC_OVERRIDE));
    // A packet every 250 ms for 3 s: -G 1 opens a new file at least twice.
    for _ in 0..12 {
        udp(port, 1, 10);
        std::thread::sleep(Duration::from_millis(250));
    }
    cap.signal("INT");
    let (code, _, err) = cap.finish();
    assert_eq!(code, Some(0), "{err}");
    let got = files(&dir);
    assert!(got.len() >= 3, "rotated files: {got:?} ({err})");
    assert!(got.iter().all(|f| f.1 == uid), "{got:?}");
    let total: usize = got.iter().map(|f| packets(&dir.join(&f.0))).sum();
    assert_eq!(total, 12, "{got:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn z_root_stays_root_and_writes_into_a_root_only_directory() {
    require_live!();
    let dir = root_only("z");
    let port = 47_104;
    let cap = start(port, &dir.join("z.pcap"), &["-Z", "root"]);
    let (uid, prm, _) = creds(cap.pid());
    assert_eq!(uid, 0);
    assert_ne!(prm & DAC_OVERRIDE, 0, "root keeps its rights");
    udp(port, 3, 100);
    std::thread::sleep(Duration::from_millis(500));
    cap.signal("INT");
    let (code, _, err) = cap.finish();
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(files(&dir), vec![("z.pcap".into(), 0, 24 + 3 * (16 + 142))]);
    let _ = std::fs::remove_dir_all(&dir);
}
