//! `-w` as root into a directory only root may write (issue 17): tcpscope
//! does what Debian's tcpdump 4.99.3 does there (built without libcap-ng,
//! so no capability is kept): the first file is created as root and given
//! to user `tcpdump`, then the switch; `-C` switches first and is refused;
//! `-G` stops at its first rotation. `-Z root` stays root. Checked from
//! outside (the files, their owner, the process's `Uid`, `CapPrm` and
//! `CapEff` in `/proc/PID/status` while it captures) and, for the refusals,
//! against the real tcpdump run the same way. Needs root (skipped with the
//! reason otherwise) and the `tcpdump` user (created by the tcpdump
//! package; a missing one fails the test).

use std::net::UdpSocket;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::live::Capture;
use crate::require_live;
use crate::util::{WATCHDOG, bin};

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

/// `prog -i lo -w FILE EXTRA udp port PORT` where `FILE` is `name` in a
/// root-only directory, run to its own end (it must end within 10 s); a
/// packet every 250 ms meanwhile. Returns (status, stderr with the program
/// name and directory replaced, the files left, each with its packets).
fn refused_run(
    prog: &str,
    name: &str,
    port: u16,
    extra: &[&str],
) -> (Option<i32>, String, Vec<(String, bool, usize)>) {
    use std::process::Stdio;
    let dir = root_only(&format!(
        "{}-{port}",
        Path::new(prog).file_name().unwrap().to_string_lossy()
    ));
    let file = dir.join(name);
    let filter = format!("udp port {port}");
    let mut child = Command::new(prog)
        .args(["-i", "lo", "--immediate-mode", "-s", "2000", "-w"])
        .arg(&file)
        .args(extra)
        .arg(&filter)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // A packet every 250 ms until it stops, at most the watchdog's time.
    let mut status = None;
    let deadline = std::time::Instant::now() + WATCHDOG;
    while std::time::Instant::now() < deadline {
        udp(port, 1, 10);
        std::thread::sleep(Duration::from_millis(250));
        if let Some(st) = child.try_wait().expect("try_wait") {
            status = Some(st);
            break;
        }
    }
    let Some(status) = status else {
        let _ = child.kill();
        let _ = child.wait();
        panic!("{prog} {extra:?} into a root-only directory did not stop by itself");
    };
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    let err = err
        .replace(dir.to_str().unwrap(), "DIR")
        .replace("tcpdump: ", "PROG: ")
        .replace("tcpscope: ", "PROG: ");
    let uid = tcpdump_uid();
    let got = files(&dir)
        .into_iter()
        .map(|(n, owner, _)| {
            let p = packets(&dir.join(&n));
            (n, owner == uid, p)
        })
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    (status.code(), err, got)
}

/// Debian's tcpdump 4.99.3 (built without libcap-ng) drops to `tcpdump`
/// before it opens a `-C` file, so `-C 1` where only root may write stops
/// at once: `DIR/c.pcap: Permission denied`, status 1, no file. tcpscope
/// does the same; both are run here.
#[test]
fn c_as_root_into_a_root_only_directory_is_refused_as_tcpdump_refuses_it() {
    require_live!();
    let ours = refused_run(bin(), "c.pcap", 47_102, &["-C", "1"]);
    assert_eq!(ours.0, Some(1), "{}", ours.1);
    assert_eq!(
        ours.1.lines().last(),
        Some("PROG: DIR/c.pcap: Permission denied")
    );
    assert_eq!(ours.2, vec![]);
    let theirs = refused_run("tcpdump", "c.pcap", 47_102, &["-C", "1"]);
    assert_eq!(ours.0, theirs.0, "tcpdump: {}", theirs.1);
    assert_eq!(ours.1.lines().last(), theirs.1.lines().last());
    assert_eq!(ours.2, theirs.2);
}

/// With `-G`, the first file is created as root and given to `tcpdump`;
/// the next is created as `tcpdump`, which may not write there: the first
/// rotation stops the run with `Permission denied`, status 1 and no counts,
/// as Debian's tcpdump does (both are run here). The first file is whole.
#[test]
fn g_as_root_into_a_root_only_directory_stops_at_the_first_rotation_as_tcpdump_does() {
    require_live!();
    let ours = refused_run(bin(), "g-%s.pcap", 47_103, &["-G", "1"]);
    assert_eq!(ours.0, Some(1), "{}", ours.1);
    let last = ours.1.lines().last().unwrap_or_default().to_string();
    assert!(
        last.starts_with("PROG: DIR/g-") && last.ends_with(".pcap: Permission denied"),
        "{}",
        ours.1
    );
    assert!(!ours.1.contains("packets captured"), "{}", ours.1);
    assert_eq!(ours.2.len(), 1, "{:?}", ours.2);
    assert!(
        ours.2[0].1,
        "the first file belongs to tcpdump: {:?}",
        ours.2
    );
    let theirs = refused_run("tcpdump", "g-%s.pcap", 47_103, &["-G", "1"]);
    assert_eq!(ours.0, theirs.0, "tcpdump: {}", theirs.1);
    let theirs_last = theirs.1.lines().last().unwrap_or_default();
    assert!(
        theirs_last.starts_with("PROG: DIR/g-")
            && theirs_last.ends_with(".pcap: Permission denied"),
        "{}",
        theirs.1
    );
    assert_eq!(ours.2.len(), theirs.2.len(), "{:?} {:?}", ours.2, theirs.2);
    assert_eq!(ours.2[0].1, theirs.2[0].1);
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
