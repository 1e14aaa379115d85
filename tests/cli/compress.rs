//! gzip- and zstd-compressed captures (`-r FILE.gz`, `-r FILE.zst`, and the
//! same on standard input): compressed with the real `gzip` and `zstd`
//! (these tests fail without them), they print, filter and write exactly
//! what the uncompressed file does; concatenated members and frames read
//! whole; damage prints the packets before it, one error line, exit 1; random
//! damage never panics or hangs.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc;

use crate::util::{WATCHDOG, bin, need, repo, shipped_captures, wait_watchdog};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tcpscope-compress-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// The real tool's output for `data`: `gzip -c` or `zstd -c` (default levels).
fn compressed(tool: &str, data: &[u8]) -> Vec<u8> {
    let mut c = Command::new(tool)
        .args(["-c", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = c.stdin.take().unwrap();
    let data = data.to_vec();
    let feeder = std::thread::spawn(move || stdin.write_all(&data).unwrap());
    let out = c.wait_with_output().unwrap();
    feeder.join().unwrap();
    assert!(out.status.success(), "{tool} failed");
    out.stdout
}

/// `FILE.gz` and `FILE.zst` of `src` in `dir`, named after it.
fn both(src: &Path, dir: &Path) -> [PathBuf; 2] {
    let data = fs::read(src).unwrap();
    let name = src.file_name().unwrap().to_str().unwrap();
    ["gzip", "zstd"].map(|tool| {
        let ext = if tool == "gzip" { "gz" } else { "zst" };
        let p = dir.join(format!("{name}.{ext}"));
        fs::write(&p, compressed(tool, &data)).unwrap();
        p
    })
}

/// tcpscope with `args`, standard input from `stdin` (else none).
fn run(args: &[&str], stdin: Option<&Path>) -> Output {
    let input = match stdin {
        Some(p) => Stdio::from(fs::File::open(p).unwrap()),
        None => Stdio::null(),
    };
    Command::new(bin())
        .args(args)
        .env("TZ", "UTC")
        .stdin(input)
        .output()
        .unwrap()
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Writes `bytes` (a damaged compressed capture) as `dir/name` and runs
/// `tcpscope -nn -r` on it.
fn print_damaged(dir: &Path, name: &str, bytes: &[u8]) -> (PathBuf, Output) {
    let t = dir.join(name);
    fs::write(&t, bytes).unwrap();
    let got = run(&["-nn", "-r", arg(&t)], None);
    (t, got)
}

/// Every capture shipped: captures/ and its bad/, corpus/ and analyze/.
fn captures() -> Vec<PathBuf> {
    let files = shipped_captures();
    assert!(files.len() >= 55, "captures/ is missing files");
    assert!(
        files.iter().any(|f| f.extension().unwrap() == "pcapng"),
        "no pcapng capture"
    );
    files
}

/// `got` and `want` the same run apart from the file named in the banner.
fn differs(want: &Output, got: &Output, want_name: &str, got_name: &str) -> Option<String> {
    let banner = |s: &[u8], name: &str| {
        String::from_utf8_lossy(s).replace(
            &format!("reading from file {name},"),
            "reading from file FILE,",
        )
    };
    let (we, ge) = (
        banner(&want.stderr, want_name),
        banner(&got.stderr, got_name),
    );
    if want.stdout != got.stdout {
        Some("stdout differs".into())
    } else if we != ge {
        Some(format!("stderr differs:\n{we}---\n{ge}"))
    } else if want.status.code() != got.status.code() {
        Some(format!("status {:?} vs {:?}", want.status, got.status))
    } else {
        None
    }
}

#[test]
fn compressed_captures_print_filter_and_write_as_uncompressed() {
    need("gzip", "compression");
    need("zstd", "compression");
    let dir = scratch("every");
    let mut failures = Vec::new();
    let mut compared = 0;
    for f in captures() {
        let plain_out = run(&["-nn", "-r", arg(&f)], None);
        let plain_filter = run(&["-nn", "-r", arg(&f), "tcp or udp"], None);
        let plain_stdin = run(&["-nn", "-r", "-"], Some(&f));
        let plain_w = dir.join("plain.pcap");
        let _ = fs::remove_file(&plain_w);
        let plain_wrun = run(&["-r", arg(&f), "-w", arg(&plain_w), "tcp"], None);
        let plain_written = fs::read(&plain_w).ok();
        for z in both(&f, &dir) {
            let what = |w: &str| format!("{} ({w})", z.display());
            let got = run(&["-nn", "-r", arg(&z)], None);
            if let Some(d) = differs(&plain_out, &got, arg(&f), arg(&z)) {
                failures.push(format!("{}: {d}", what("-nn")));
            }
            let got = run(&["-nn", "-r", arg(&z), "tcp or udp"], None);
            if let Some(d) = differs(&plain_filter, &got, arg(&f), arg(&z)) {
                failures.push(format!("{}: {d}", what("filter")));
            }
            let got = run(&["-nn", "-r", "-"], Some(&z));
            if let Some(d) = differs(&plain_stdin, &got, "-", "-") {
                failures.push(format!("{}: {d}", what("-r -")));
            }
            let w = dir.join("from-compressed.pcap");
            let _ = fs::remove_file(&w);
            let got = run(&["-r", arg(&z), "-w", arg(&w), "tcp"], None);
            if let Some(d) = differs(&plain_wrun, &got, arg(&f), arg(&z)) {
                failures.push(format!("{}: {d}", what("-w run")));
            }
            if fs::read(&w).ok() != plain_written {
                failures.push(format!("{}: written file differs", what("-w")));
            }
            compared += 1;
        }
    }
    let _ = fs::remove_dir_all(&dir);
    assert!(compared >= 110, "only {compared} compressed files compared");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A capture of `reps` copies of time-wait-pile.pcap's records, each
/// followed by 40 UDP packets of random bytes, so that any part of the
/// compressed file holds a share of the packets (repeats alone would
/// compress into next to nothing after the first).
fn big(dir: &Path, reps: u32) -> PathBuf {
    let src = fs::read(repo().join("captures/analyze/time-wait-pile.pcap")).unwrap();
    let (head, records) = src.split_at(24);
    let mut b = head.to_vec();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for rep in 0..reps {
        b.extend_from_slice(records);
        for i in 0..40u32 {
            let payload: Vec<u8> = (0..1400)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    seed as u8
                })
                .collect();
            let len = 14 + 20 + 8 + payload.len() as u32;
            for v in [2_000_000_000 + rep, i * 1000, len, len] {
                b.extend_from_slice(&v.to_le_bytes());
            }
            b.extend_from_slice(&[2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00]);
            let ip_len = (len - 14) as u16;
            b.extend_from_slice(&[0x45, 0, (ip_len >> 8) as u8, ip_len as u8]);
            b.extend_from_slice(&[0, 0, 0x40, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2]);
            let udp_len = ip_len - 20;
            b.extend_from_slice(&[
                0x9c,
                0x40,
                0x9c,
                0x41,
                (udp_len >> 8) as u8,
                udp_len as u8,
                0,
                0,
            ]);
            b.extend_from_slice(&payload);
        }
    }
    let p = dir.join("big.pcap");
    fs::write(&p, b).unwrap();
    p
}

#[test]
fn concatenated_members_and_frames_read_whole() {
    need("gzip", "compression");
    need("zstd", "compression");
    let dir = scratch("concat");
    let f = big(&dir, 4);
    let data = fs::read(&f).unwrap();
    let want = run(&["-nn", "-r", arg(&f)], None);
    assert!(want.status.success() && want.stdout.len() > 100_000);
    // Cut anywhere (mid-header, mid-record), with an empty piece among them.
    let mut pieces: Vec<&[u8]> = data.chunks(7_001).collect();
    pieces.insert(3, &[]);
    for (tool, ext) in [("gzip", "gz"), ("zstd", "zst")] {
        let cat: Vec<u8> = pieces.iter().flat_map(|p| compressed(tool, p)).collect();
        let z = dir.join(format!("cat.pcap.{ext}"));
        fs::write(&z, cat).unwrap();
        let got = run(&["-nn", "-r", arg(&z)], None);
        assert_eq!(differs(&want, &got, arg(&f), arg(&z)), None, "{ext}");
        let got = run(&["-nn", "-r", "-"], Some(&z));
        assert_eq!(got.stdout, want.stdout, "{ext} on standard input");
        assert!(got.status.success(), "{ext} on standard input");
    }
    let _ = fs::remove_dir_all(&dir);
}

fn last_line(stderr: &[u8]) -> String {
    let s = String::from_utf8_lossy(stderr);
    s.lines().last().unwrap_or_default().to_string()
}

/// A damaged run: exit 1, stdout whole lines and a prefix of `full` with at
/// least `min` of its lines, and the last stderr line.
fn damaged(full: &[u8], got: &Output, min: usize, what: &str) -> String {
    assert_eq!(got.status.code(), Some(1), "{what}: exit status");
    assert!(full.starts_with(&got.stdout), "{what}: not a prefix");
    assert!(
        got.stdout.is_empty() || got.stdout.ends_with(b"\n"),
        "{what}: a partial line"
    );
    let lines = got.stdout.iter().filter(|&&b| b == b'\n').count();
    assert!(lines >= min, "{what}: only {lines} packets printed");
    last_line(&got.stderr)
}

#[test]
fn truncated_compressed_files_print_what_came_before() {
    need("gzip", "compression");
    need("zstd", "compression");
    let dir = scratch("trunc");
    let f = big(&dir, 20);
    let full = run(&["-nn", "-r", arg(&f)], None).stdout;
    let total = full.iter().filter(|&&b| b == b'\n').count();
    for z in both(&f, &dir) {
        let bytes = fs::read(&z).unwrap();
        let ext = z.extension().unwrap().to_str().unwrap().to_string();
        let format = if ext == "gz" { "gzip" } else { "zstd" };
        let cut = bytes.len() / 2;
        let (t, got) = print_damaged(&dir, &format!("cut.pcap.{ext}"), &bytes[..cut]);
        let err = damaged(&full, &got, total / 4, &ext);
        assert_eq!(
            err,
            format!(
                "tcpscope: pcap_loop: error reading dump file: {}: truncated {format} data at compressed offset {cut}",
                t.display()
            )
        );
        let got = run(&["-nn", "-r", "-"], Some(&t));
        let err = damaged(&full, &got, total / 4, &format!("{ext} on standard input"));
        assert_eq!(
            err,
            format!(
                "tcpscope: pcap_loop: error reading dump file: standard input: truncated {format} data at compressed offset {cut}"
            )
        );
        // Cut inside the header: nothing read, tcpdump's open-error form.
        let (t, got) = print_damaged(&dir, &format!("cut.pcap.{ext}"), &bytes[..6]);
        assert_eq!(got.status.code(), Some(1));
        assert!(got.stdout.is_empty());
        assert_eq!(
            String::from_utf8_lossy(&got.stderr),
            format!(
                "tcpscope: error reading dump file: {}: truncated {format} data at compressed offset 6\n",
                t.display()
            )
        );
    }
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn corrupt_compressed_files_are_errors_after_the_packets_before() {
    need("gzip", "compression");
    need("zstd", "compression");
    let dir = scratch("corrupt");
    let f = big(&dir, 20);
    let full = run(&["-nn", "-r", arg(&f)], None).stdout;
    let total = full.iter().filter(|&&b| b == b'\n').count();
    let [gz, zst] = both(&f, &dir);

    // gzip's CRC-32 (the trailer's first 4 bytes): every byte was inflated.
    let mut b = fs::read(&gz).unwrap();
    let n = b.len();
    b[n - 8] ^= 0xff;
    let (t, got) = print_damaged(&dir, "crc.pcap.gz", &b);
    assert_eq!(
        damaged(&full, &got, total, "gzip crc"),
        format!(
            "tcpscope: pcap_loop: error reading dump file: {}: corrupt gzip data at compressed offset {n}: corrupt gzip stream does not have a matching checksum",
            t.display()
        )
    );

    // Bytes after the last member that do not start another.
    let mut b = fs::read(&gz).unwrap();
    b.extend_from_slice(b"garbage\n");
    let (t, got) = print_damaged(&dir, "garbage.pcap.gz", &b);
    assert_eq!(
        damaged(&full, &got, total, "gzip garbage"),
        format!(
            "tcpscope: pcap_loop: error reading dump file: {}: trailing garbage after gzip data at compressed offset {n}",
            t.display()
        )
    );

    // zstd's content checksum (the frame's last 4 bytes): found at the end,
    // after most of the packets.
    let mut b = fs::read(&zst).unwrap();
    let n = b.len();
    b[n - 1] ^= 0xff;
    let (t, got) = print_damaged(&dir, "sum.pcap.zst", &b);
    let err = damaged(&full, &got, total / 2, "zstd checksum");
    let want = format!(
        "tcpscope: pcap_loop: error reading dump file: {}: corrupt zstd data in compressed bytes ",
        t.display()
    );
    assert!(
        err.starts_with(&want)
            && err.ends_with(&format!("-{n}: Restored data doesn't match checksum")),
        "{err}"
    );

    // Damage in the middle: the packets before it, then one error line.
    for z in [&gz, &zst] {
        let mut b = fs::read(z).unwrap();
        let mid = b.len() / 2;
        for x in &mut b[mid..mid + 64] {
            *x = !*x;
        }
        let (t, got) = print_damaged(
            &dir,
            &format!("mid.{}", z.extension().unwrap().to_str().unwrap()),
            &b,
        );
        assert_eq!(got.status.code(), Some(1), "{}", t.display());
        let lines = got.stdout.iter().filter(|&&b| b == b'\n').count();
        assert!(lines >= total / 4, "{}: only {lines} packets", t.display());
        let err = String::from_utf8_lossy(&got.stderr);
        assert_eq!(err.lines().count(), 2, "{}: {err}", t.display());
        assert!(last_line(&got.stderr).starts_with("tcpscope: pcap_loop: "));
    }
    let _ = fs::remove_dir_all(&dir);
}

/// Runs `args` under the [`WATCHDOG`], stdout discarded: `None` if it had
/// to be killed, else the exit status and stderr.
fn run_watched(args: &[&str], err: &Path) -> Option<(ExitStatus, String)> {
    let mut c: Child = Command::new(bin())
        .args(args)
        .env("TZ", "UTC")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(fs::File::create(err).unwrap())
        .spawn()
        .unwrap();
    let status = wait_watchdog(&mut c)?;
    Some((status, fs::read_to_string(err).unwrap()))
}

#[test]
fn random_damage_never_panics_or_hangs() {
    need("gzip", "compression");
    need("zstd", "compression");
    let dir = scratch("fuzz");
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let sources = [repo().join("captures/http-ipv4.pcap"), big(&dir, 3)];
    let errs = dir.join("stderr");
    let mut runs = 0;
    for src in &sources {
        for z in both(src, &dir) {
            let good = fs::read(&z).unwrap();
            let t = dir.join(format!("bad.{}", z.extension().unwrap().to_str().unwrap()));
            for _ in 0..60 {
                let mut b = good.clone();
                match next(3) {
                    0 => b.truncate(next(b.len())),
                    1 => {
                        for _ in 0..=next(4) {
                            let i = next(b.len());
                            b[i] ^= 1 << next(8);
                        }
                    }
                    _ => {
                        let i = next(b.len());
                        let j = (i + next(200)).min(b.len());
                        for x in &mut b[i..j] {
                            *x = next(256) as u8;
                        }
                    }
                }
                fs::write(&t, &b).unwrap();
                let (status, err) = run_watched(&["-nn", "-r", arg(&t)], &errs)
                    .unwrap_or_else(|| panic!("{}: hung", z.display()));
                assert!(
                    matches!(status.code(), Some(0 | 1)) && !err.contains("panicked"),
                    "{}: {status:?} {err}",
                    z.display(),
                );
                runs += 1;
            }
        }
    }
    assert_eq!(runs, 240);
    let _ = fs::remove_dir_all(&dir);
}

/// Lines of `child`'s stdout as they come.
fn lines(child: &mut Child) -> mpsc::Receiver<String> {
    let out = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for l in BufReader::new(out).lines() {
            let Ok(l) = l else { break };
            if tx.send(l).is_err() {
                break;
            }
        }
    });
    rx
}

#[test]
fn a_compressed_stream_is_read_as_it_comes_and_left_early() {
    need("gzip", "compression");
    need("zstd", "compression");
    let dir = scratch("stream");
    let f = repo().join("captures/http-ipv4.pcap");
    let data = fs::read(&f).unwrap();
    let want = run(&["-nn", "-r", arg(&f)], None).stdout;
    let first = String::from_utf8_lossy(&want)
        .lines()
        .next()
        .unwrap()
        .to_string();
    for tool in ["gzip", "zstd"] {
        // One whole member or frame while the writer keeps the pipe open: its
        // packets are printed without waiting for more.
        let mut c = Command::new(bin())
            .args(["-l", "-nn", "-r", "-"])
            .env("TZ", "UTC")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let rx = lines(&mut c);
        let mut stdin = c.stdin.take().unwrap();
        stdin.write_all(&compressed(tool, &data)).unwrap();
        stdin.flush().unwrap();
        let got = rx.recv_timeout(WATCHDOG);
        let _ = c.kill();
        let _ = c.wait();
        assert_eq!(got.as_deref(), Ok(first.as_str()), "{tool}");

        // -c 1 ends the run while the input is still open and unread.
        let mut c = Command::new(bin())
            .args(["-c", "1", "-nn", "-r", "-"])
            .env("TZ", "UTC")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = c.stdin.take().unwrap();
        stdin.write_all(&compressed(tool, &data)).unwrap();
        let done = wait_watchdog(&mut c);
        let out = c.wait_with_output().unwrap();
        drop(stdin);
        assert!(
            done.is_some_and(|s| s.success()),
            "{tool}: -c 1 did not end"
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{first}\n"));
    }
    let _ = fs::remove_dir_all(&dir);
}
