//! Odd command-line arguments (issue 18): every numeric option (`-c -s -C
//! -G -W -B -y -j --time-stamp-precision`), long and unknown interface
//! names, file names and expressions that are not UTF-8. Each case of
//! `tests/golden/args.tsv` is what tcpdump 4.99.3 answered, recorded by
//! `scripts/gen-arg-goldens.py` (exit status, first message line, how many
//! lines it printed, the files it left); tcpscope must give the same.
//!
//! One deliberate difference, checked as such: tcpscope's messages are
//! UTF-8 text, so a byte of a name that is not UTF-8 shows as U+FFFD where
//! tcpdump writes the raw byte; and a filter error says where (`(at …)`).
//! Where tcpscope refuses by design, [`KNOWN`] names the case and the
//! message it gives instead (still exit status 1).
//! The `-i` cases open devices, so the test needs root (it fails, not
//! skips, without it, as the live tests do).

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::os::unix::fs::PermissionsExt;

use crate::util::{repo, run_in};

/// Cases where tcpscope answers otherwise on purpose: the pcap crate takes
/// device names as text, so a name that is not UTF-8 is refused by name
/// (tcpdump looks it up: "q\xff: No such device exists").
const KNOWN: &[(&str, &str)] = &[(
    "-nn -c 1 -i q\\xff",
    "tcpscope: -i q\u{fffd}: tcpscope takes only UTF-8 interface names",
)];

/// `\xHH` escapes back to bytes.
fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && b.get(i + 1) == Some(&b'x') {
            let hex = std::str::from_utf8(&b[i + 2..i + 4]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// The first stderr line that is not the `reading from file` banner.
fn message(stderr: &[u8]) -> String {
    String::from_utf8_lossy(stderr)
        .lines()
        .find(|l| !l.is_empty() && !l.starts_with("reading from file "))
        .unwrap_or("")
        .to_string()
}

#[test]
fn every_odd_argument_gets_tcpdumps_status_and_message() {
    assert!(
        nix::unistd::geteuid().is_root(),
        "the -i cases need root, as tcpdump's did"
    );
    let table = std::fs::read_to_string(repo().join("tests/golden/args.tsv")).unwrap();
    let caps = repo().join("captures");
    let mut failures = Vec::new();
    let mut n = 0;
    for line in table.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [args, status, want_msg, lines, files] = cols[..] else {
            panic!("bad line in args.tsv: {line}");
        };
        n += 1;
        let dir = std::env::temp_dir().join(format!("tcpscope-args-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mode = if args.contains("@RDIR@") {
            0o755
        } else {
            0o777
        };
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(mode)).unwrap();
        let argv: Vec<OsString> = args
            .split(' ')
            .map(|w| {
                let d = dir.to_str().unwrap();
                let w = w.replace("@DIR@", d).replace("@RDIR@", d);
                OsString::from_vec(unescape(&w))
            })
            .collect();
        let out = std::process::Command::new(crate::util::bin())
            .args(&argv)
            .current_dir(&caps)
            .env("TZ", "UTC")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let mut left: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let _ = std::fs::remove_dir_all(&dir);
        let mut want_msg = String::from_utf8_lossy(&unescape(want_msg)).into_owned();
        if let Some((_, ours)) = KNOWN.iter().find(|(a, _)| *a == args) {
            want_msg = (*ours).to_string();
        }
        let got_msg = message(&out.stderr).replace(dir.to_str().unwrap(), "@DIR@");
        let msg_ok = got_msg == want_msg
            || (want_msg.contains("filter expression")
                && got_msg.starts_with(&format!("{want_msg} (at "))
                && got_msg.ends_with(')'));
        let got_lines = out.stdout.iter().filter(|&&b| b == b'\n').count();
        let got = (
            out.status.code(),
            msg_ok,
            got_lines.to_string(),
            left.join(" "),
        );
        let want = (
            status.parse().ok(),
            true,
            lines.to_string(),
            files.to_string(),
        );
        if got != want {
            failures.push(format!(
                "tcpscope {args}\n  tcpdump:  status {status}, {lines} lines, files [{files}], {want_msg:?}\n  tcpscope: status {:?}, {got_lines} lines, files [{}], {got_msg:?}",
                out.status.code(),
                left.join(" ")
            ));
        }
    }
    assert!(n > 80, "only {n} cases in args.tsv");
    assert!(
        failures.is_empty(),
        "{} of {n} cases differ from tcpdump:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The run of a non-UTF-8 -r name that exists: tcpdump reads it.
#[test]
fn a_file_name_that_is_not_utf8_is_read() {
    let dir = std::env::temp_dir().join(format!("tcpscope-args-utf8-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let name = OsString::from_vec(b"\xff.pcap".to_vec());
    std::fs::copy(repo().join("captures/http-ipv4.pcap"), dir.join(&name)).unwrap();
    let out = std::process::Command::new(crate::util::bin())
        .arg("-nn")
        .arg("-r")
        .arg(&name)
        .current_dir(&dir)
        .env("TZ", "UTC")
        .output()
        .unwrap();
    let want = run_in(&repo().join("captures"), &["-nn", "-r", "http-ipv4.pcap"]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, want.stdout);
}

/// As root, Debian's tcpdump creates the first `-w` file as root and gives
/// it to its user `tcpdump` before dropping privileges (strace: open,
/// chown, setuid); tcpscope does the same, so the file belongs to
/// `tcpdump` even where only root may write.
#[test]
fn the_w_file_is_given_to_the_user_privileges_drop_to() {
    use std::os::unix::fs::MetadataExt;
    let tcpdump = nix::unistd::User::from_name("tcpdump").unwrap();
    let tcpdump = tcpdump.expect("user tcpdump (package tcpdump) must exist");
    let dir = std::env::temp_dir().join(format!("tcpscope-args-owner-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let x = dir.join("x");
    let o = run_in(
        &repo().join("captures"),
        &["-r", "http-ipv4.pcap", "-w", x.to_str().unwrap()],
    );
    let meta = std::fs::metadata(&x);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(meta.unwrap().uid(), tcpdump.uid.as_raw());
}
