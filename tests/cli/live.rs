//! Live capture on `lo` with real traffic: TCP connections to listeners the
//! tests open on 127.0.0.1 and ::1, a UDP datagram, ping; the printed lines,
//! tcpdump's start-up and closing lines, signals (SIGINT, SIGTERM, SIGUSR1),
//! the privilege drop, `-D`/`-L` and the error messages compared with the
//! real tcpdump on this machine; and one capture run beside tcpdump on the
//! same interface, comparing the printed `-nn -tt` lines (both read the same
//! kernel timestamps, so the lines are equal byte for byte).
//! Needs root (or CAP_NET_RAW) and a usable `lo`; otherwise each test prints
//! why it is skipped and passes.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream, UdpSocket};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use crate::util::{WATCHDOG, bin, wait_watchdog};

/// Why live tests cannot run here, if they cannot.
pub(crate) fn skip_reason() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let euid = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|l| l.split_whitespace().nth(1).map(str::to_string));
    if euid.as_deref() != Some("0") {
        return Some(format!("not root (euid {euid:?})"));
    }
    let out = Command::new(bin())
        .arg("-D")
        .output()
        .expect("run tcpscope -D");
    let list = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() || !list.lines().any(|l| l.contains(".lo ")) {
        return Some(format!(
            "libpcap lists no usable lo: {list}{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    None
}

#[macro_export]
macro_rules! require_live {
    () => {
        if let Some(why) = $crate::live::skip_reason() {
            // CI runs as root and must run these: a skip there would be
            // counted as a pass.
            if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
                panic!("live capture test cannot run under CI: {why}");
            }
            eprintln!("skipping live capture test: {why}");
            return;
        }
    };
}

pub(crate) fn have(cmd: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {cmd}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A running capture: the child, its stderr lines and its stdout (line by
/// line, each with its newline) as they come.
pub(crate) struct Capture {
    child: Child,
    lines: Receiver<String>,
    err: Vec<String>,
    out: Receiver<Vec<u8>>,
}

impl Capture {
    /// Starts `prog args` and waits for its `listening on` line.
    pub(crate) fn start(prog: &str, args: &[&str]) -> Capture {
        let mut child = Command::new(prog)
            .args(args)
            .env("TZ", "UTC")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn capture");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stdout = child.stdout.take().expect("stdout");
        let (out_tx, out) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut line = Vec::new();
                match r.read_until(b'\n', &mut line) {
                    Ok(n) if n > 0 && out_tx.send(line).is_ok() => {}
                    _ => break,
                }
            }
        });
        let mut c = Capture {
            child,
            lines: rx,
            err: Vec::new(),
            out,
        };
        // `listening on …`, or with -w `PROG: listening on …`.
        c.wait_line(|l| l.starts_with("listening on") || l.contains(": listening on "));
        c
    }

    /// Waits (up to 30 s) for a stderr line matching `want`; returns it.
    pub(crate) fn wait_line(&mut self, want: impl Fn(&str) -> bool) -> String {
        loop {
            match self.lines.recv_timeout(Duration::from_secs(30)) {
                Ok(l) => {
                    self.err.push(l.clone());
                    if want(&l) {
                        return l;
                    }
                }
                Err(_) => panic!("no expected line on stderr; got {:?}", self.err),
            }
        }
    }

    /// Waits (up to 30 s) for a stdout line matching `want` while the
    /// capture runs; returns it (without its newline). The lines before it
    /// are consumed too.
    pub(crate) fn wait_out(&mut self, want: impl Fn(&str) -> bool) -> String {
        let mut seen = Vec::new();
        loop {
            match self.out.recv_timeout(Duration::from_secs(30)) {
                Ok(l) => {
                    let l = String::from_utf8_lossy(&l)
                        .trim_end_matches('\n')
                        .to_string();
                    if want(&l) {
                        return l;
                    }
                    seen.push(l);
                }
                Err(_) => panic!("no expected line on stdout; got {seen:?}"),
            }
        }
    }

    /// The process id, for `/proc/PID/status`.
    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    pub(crate) fn signal(&self, sig: &str) {
        let st = Command::new("kill")
            .args([&format!("-{sig}"), &self.child.id().to_string()])
            .status()
            .expect("kill");
        assert!(st.success());
    }

    /// Waits for the end; returns (status, the stdout not consumed by
    /// [`Capture::wait_out`], all stderr).
    pub(crate) fn finish(mut self) -> (Option<i32>, String, String) {
        // Bounded: a capture that does not end within the watchdog's time
        // of being told to is a failure, not a hung test.
        let status = wait_watchdog(&mut self.child)
            .unwrap_or_else(|| panic!("the capture did not exit within {WATCHDOG:?}"));
        // The reader thread ends at EOF, which follows the exit.
        let out: Vec<u8> = self.out.iter().flatten().collect();
        let out = String::from_utf8(out).expect("stdout is UTF-8");
        while let Ok(l) = self.lines.recv_timeout(Duration::from_secs(5)) {
            self.err.push(l);
        }
        let err: String = self.err.iter().map(|l| format!("{l}\n")).collect();
        (status.code(), out, err)
    }
}

/// A failed assertion must not leave a capture running.
impl Drop for Capture {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One TCP conversation over loopback: connect, send `hello\n`, half-close,
/// the server reads to the end and closes. Returns the server port.
pub(crate) fn tcp_conversation(listener: TcpListener) {
    let addr = listener.local_addr().expect("addr");
    let server = std::thread::spawn(move || {
        let (mut s, _) = listener.accept().expect("accept");
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).expect("server read");
        assert_eq!(buf, b"hello\n");
    });
    let mut c = TcpStream::connect(addr).expect("connect");
    c.write_all(b"hello\n").expect("write");
    c.shutdown(Shutdown::Write).expect("shutdown");
    let mut rest = Vec::new();
    c.read_to_end(&mut rest).expect("client read");
    server.join().expect("server");
}

fn flags_of(line: &str) -> &str {
    line.split("Flags [")
        .nth(1)
        .and_then(|r| r.split(']').next())
        .unwrap_or("")
}

/// The three closing lines and the number they say were captured.
pub(crate) fn closing_count(err: &str) -> u64 {
    let lines: Vec<&str> = err.lines().collect();
    let n = lines.len();
    assert!(n >= 3, "{err}");
    assert!(lines[n - 2].ends_with(" received by filter"), "{err}");
    assert!(lines[n - 1].ends_with(" dropped by kernel"), "{err}");
    let cap = lines[n - 3];
    assert!(cap.ends_with(" captured"), "{err}");
    cap.split(' ').next().unwrap().parse().expect("count")
}

const BANNER: &str = "tcpscope: verbose output suppressed, use -v[v]... for full protocol decode\n\
                      listening on lo, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n";

#[test]
fn tcp_handshake_over_ipv4_and_ipv6_with_c() {
    require_live!();
    for (host, ip) in [("127.0.0.1", "IP"), ("::1", "IP6")] {
        let listener = TcpListener::bind((host, 0)).expect("bind");
        let port = listener.local_addr().unwrap().port().to_string();
        let filter = format!("tcp port {port}");
        let cap = Capture::start(bin(), &["-i", "lo", "-nn", "-c", "3", &filter]);
        tcp_conversation(listener);
        let (code, out, err) = cap.finish();
        assert_eq!(code, Some(0), "{err}");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3, "{out}");
        let flags: Vec<&str> = lines.iter().map(|l| flags_of(l)).collect();
        assert_eq!(flags, ["S", "S.", "."], "{out}");
        assert!(
            lines[0].contains(&format!(" {ip} {host}."))
                && lines[0].contains(&format!(" > {host}.{port}: Flags [S], seq ")),
            "{out}"
        );
        assert!(
            lines[1].contains(&format!(" {ip} {host}.{port} > {host}.")),
            "{out}"
        );
        assert!(lines[2].contains(", ack 1, win "), "{out}");
        assert!(err.starts_with(BANNER), "{err}");
        assert_eq!(closing_count(&err), 3, "{err}");
    }
}

#[test]
fn sigint_after_a_whole_conversation_prints_every_segment_and_the_counts() {
    require_live!();
    for sig in ["INT", "TERM"] {
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind");
        let port = listener.local_addr().unwrap().port().to_string();
        let filter = format!("tcp port {port}");
        let cap = Capture::start(bin(), &["-i", "lo", "-nn", "--immediate-mode", &filter]);
        tcp_conversation(listener);
        std::thread::sleep(Duration::from_millis(500));
        cap.signal(sig);
        let (code, out, err) = cap.finish();
        assert_eq!(code, Some(0), "SIG{sig}: {err}");
        // tcpdump's extra newline after an interrupted capture.
        assert!(out.ends_with("\n\n"), "{out:?}");
        let lines: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
        let flags: Vec<&str> = lines.iter().map(|l| flags_of(l)).collect();
        assert_eq!(flags[..3], ["S", "S.", "."], "{out}");
        assert!(
            lines
                .iter()
                .any(|l| flags_of(l) == "P." && l.ends_with(", length 6")),
            "{out}"
        );
        let fins = flags.iter().filter(|f| f.contains('F')).count();
        assert_eq!(fins, 2, "{out}");
        assert!(lines.iter().all(|l| l.contains(&format!(".{port}"))));
        assert_eq!(closing_count(&err), lines.len() as u64, "{err}");
        assert!(err.starts_with(BANNER), "{err}");
    }
}

#[test]
fn sigusr1_prints_the_counts_and_capture_goes_on() {
    require_live!();
    let sock = UdpSocket::bind(("127.0.0.1", 0)).expect("bind");
    let port = sock.local_addr().unwrap().port();
    let filter = format!("udp port {port}");
    let mut cap = Capture::start(bin(), &["-i", "lo", "-nn", "--immediate-mode", &filter]);
    let tx = UdpSocket::bind(("127.0.0.1", 0)).expect("bind");
    tx.send_to(b"first", ("127.0.0.1", port)).expect("send");
    std::thread::sleep(Duration::from_millis(500));
    cap.signal("USR1");
    let line =
        cap.wait_line(|l| l.contains(" packets captured, ") || l.contains(" packet captured, "));
    assert!(
        line.contains(" packets received by filter, ") && line.ends_with(" dropped by kernel"),
        "{line}"
    );
    assert!(line.starts_with("tcpscope: 1 packet captured, "), "{line}");
    assert!(
        cap.child.try_wait().unwrap().is_none(),
        "stopped after SIGUSR1"
    );
    tx.send_to(b"second", ("127.0.0.1", port)).expect("send");
    std::thread::sleep(Duration::from_millis(500));
    cap.signal("INT");
    let (code, out, err) = cap.finish();
    assert_eq!(code, Some(0));
    let lines: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].ends_with(&format!(".{port}: UDP, length 5")),
        "{out}"
    );
    assert!(
        lines[1].ends_with(&format!(".{port}: UDP, length 6")),
        "{out}"
    );
    assert_eq!(closing_count(&err), 2, "{err}");
}

#[test]
fn any_device_is_linux_cooked_v2_and_ping_is_printed() {
    require_live!();
    let sock = UdpSocket::bind(("127.0.0.1", 0)).expect("bind");
    let port = sock.local_addr().unwrap().port();
    let filter = format!("udp dst port {port}");
    let cap = Capture::start(bin(), &["-i", "any", "-nn", "-c", "1", &filter]);
    UdpSocket::bind(("127.0.0.1", 0))
        .unwrap()
        .send_to(b"hello", ("127.0.0.1", port))
        .unwrap();
    let (code, out, err) = cap.finish();
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.starts_with(
            "tcpscope: data link type LINUX_SLL2\n\
             tcpscope: verbose output suppressed, use -v[v]... for full protocol decode\n\
             listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes\n"
        ),
        "{err}"
    );
    let line = out.lines().next().unwrap_or("");
    assert!(line.contains(" lo    "), "{out}");
    assert!(
        line.ends_with(&format!(" > 127.0.0.1.{port}: UDP, length 5")),
        "{out}"
    );

    assert!(
        have("ping"),
        "ping is not installed (apt-get install iputils-ping)"
    );
    let cap = Capture::start(bin(), &["-i", "lo", "-nn", "-c", "2", "icmp"]);
    let st = Command::new("ping")
        .args(["-c", "1", "-W", "2", "127.0.0.1"])
        .stdout(Stdio::null())
        .status()
        .expect("ping");
    assert!(st.success());
    let (code, out, _) = cap.finish();
    assert_eq!(code, Some(0));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].contains(" IP 127.0.0.1 > 127.0.0.1: ICMP echo request, id "));
    assert!(lines[1].contains(" IP 127.0.0.1 > 127.0.0.1: ICMP echo reply, id "));
}

#[test]
fn same_lines_as_tcpdump_capturing_at_the_same_time() {
    require_live!();
    assert!(
        have("tcpdump"),
        "tcpdump is not installed (apt-get install tcpdump)"
    );
    let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind");
    let port = listener.local_addr().unwrap().port().to_string();
    let filter = format!("tcp port {port}");
    // A small snapshot length: immediate mode gives libpcap a ring of
    // snapshot-length frames, and few 262144-byte frames overflow when a
    // busy machine starves one of the two programs.
    let args = [
        "-i",
        "lo",
        "-nn",
        "-tt",
        "--immediate-mode",
        "-s",
        "2000",
        &filter,
    ];
    let ours = Capture::start(bin(), &args);
    let theirs = Capture::start("tcpdump", &args);
    tcp_conversation(listener);
    let udp = UdpSocket::bind(("127.0.0.1", 0)).unwrap();
    udp.send_to(b"not me", udp.local_addr().unwrap()).unwrap();
    std::thread::sleep(Duration::from_millis(700));
    ours.signal("INT");
    theirs.signal("INT");
    let (c1, out1, err1) = ours.finish();
    let (c2, out2, err2) = theirs.finish();
    assert_eq!((c1, c2), (Some(0), Some(0)), "{err1}\n{err2}");
    assert!(out2.lines().count() >= 8, "{out2}");
    // Each packet socket may read the clock itself (lo sets no skb
    // timestamp), so the two timestamps of a packet can differ by a few µs;
    // everything after them must be equal.
    let split = |out: &str| -> Vec<(f64, String)> {
        out.lines()
            .map(|l| match l.split_once(' ') {
                Some((ts, rest)) => (ts.parse().unwrap_or(-1.0), rest.to_string()),
                None => (0.0, l.to_string()),
            })
            .collect()
    };
    let (a, b) = (split(&out1), split(&out2));
    assert_eq!(
        a.iter().map(|x| &x.1).collect::<Vec<_>>(),
        b.iter().map(|x| &x.1).collect::<Vec<_>>(),
        "tcpscope vs tcpdump"
    );
    for (x, y) in a.iter().zip(&b) {
        assert!((x.0 - y.0).abs() < 0.01, "timestamps {} {}", x.0, y.0);
    }
    let captured = |e: &str| {
        e.lines()
            .find(|l| l.ends_with(" captured"))
            .map(str::to_string)
    };
    assert_eq!(captured(&err1), captured(&err2));
    assert_eq!(
        err1.lines()
            .next()
            .unwrap()
            .replace("tcpscope:", "tcpdump:"),
        err2.lines().next().unwrap()
    );
}

/// Runs `prog args`, stderr with tcpdump's program name.
fn run_named(prog: &str, args: &[&str]) -> (Output, String) {
    let out = Command::new(prog)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr).replace("tcpscope:", "tcpdump:");
    (out, err)
}

#[test]
fn lists_and_errors_match_tcpdump() {
    require_live!();
    assert!(
        have("tcpdump"),
        "tcpdump is not installed (apt-get install tcpdump)"
    );
    for args in [
        &["-D"][..],
        &["-L", "-i", "lo"],
        &["-L", "-i", "any"],
        &["-J", "-i", "lo"],
        &["-i", "nosuchdev0"],
        &["-i", "lo", "-y", "NOSUCHTYPE"],
        &["-i", "lo", "-Q", "sideways"],
        &["-i", "lo", "-s", "300000"],
        &["-i", "lo", "-B", "0"],
        &["-i", "lo", "-j", "nosuch"],
        &["-i", "lo", "-Z", "nosuchuser0", "-c", "1"],
        &["-i", "lo", "ip6 and ip"],
        &["-i", "99999"],
    ] {
        let (want, want_err) = run_named("tcpdump", args);
        let (got, got_err) = run_named(bin(), args);
        assert_eq!(got.status.code(), want.status.code(), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&got.stdout),
            String::from_utf8_lossy(&want.stdout),
            "{args:?}"
        );
        assert_eq!(got_err, want_err, "{args:?}");
    }
}

#[test]
fn permission_denied_for_an_unprivileged_user() {
    require_live!();
    assert!(
        have("setpriv"),
        "setpriv is not installed (apt-get install util-linux)"
    );
    let drop = [
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        "--inh-caps=-all",
    ];
    let mut args = drop.to_vec();
    args.extend([bin(), "-i", "lo", "-c", "1"]);
    let (out, err) = run_named("setpriv", &args);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        err,
        "tcpdump: lo: You don't have permission to perform this capture on that device\n\
         (socket: Operation not permitted)\n"
    );
    assert!(
        have("tcpdump"),
        "tcpdump is not installed (apt-get install tcpdump)"
    );
    let mut args = drop.to_vec();
    args.extend(["tcpdump", "-i", "lo", "-c", "1"]);
    let (_, want) = run_named("setpriv", &args);
    assert_eq!(err, want);
}

#[test]
fn root_drops_to_the_tcpdump_user_unless_z_says_otherwise() {
    require_live!();
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let tcpdump_uid = passwd
        .lines()
        .find(|l| l.starts_with("tcpdump:"))
        .and_then(|l| l.split(':').nth(2).map(str::to_string));
    for (z, want) in [
        (None, tcpdump_uid.clone().unwrap_or_else(|| "0".into())),
        (Some("root"), "0".to_string()),
        (Some("nobody"), "65534".to_string()),
    ] {
        let mut args = vec!["-i", "lo", "-c", "1", "udp port 9"];
        if let Some(u) = z {
            args.extend(["-Z", u]);
        }
        let cap = Capture::start(bin(), &args);
        let status = std::fs::read_to_string(format!("/proc/{}/status", cap.child.id())).unwrap();
        let uid = status
            .lines()
            .find_map(|l| l.strip_prefix("Uid:"))
            .map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .unwrap();
        assert!(uid.iter().all(|u| *u == want), "-Z {z:?}: {uid:?}");
        cap.signal("TERM");
        let (code, _, _) = cap.finish();
        assert_eq!(code, Some(0));
    }
}
