//! `--follow N [--follow-format F]` (issue 19): byte for byte what
//! `tshark -r FILE -qz follow,tcp,F,N` (Wireshark 4.0.17) printed, for every
//! case of `tests/golden/follow/cases.tsv` (`scripts/tshark-follow.sh`, which
//! runs tshark; the tests never do): every format, IPv4 and IPv6, a
//! reordered stream with retransmissions (`captures/analyze/loss-reorder.pcap`),
//! segments lost from the capture (`captures/follow/loss-gap.pcap`),
//! reordering and an overlapping retransmission
//! (`captures/follow/reordered.pcap`; both from
//! `scripts/craft-follow-captures.py`), a snapshot length cutting payloads,
//! tunnels, streams without payload, a stream number the capture does not
//! have, a filter expression and several merged inputs. Then the
//! command line: tshark's words for a bad format, the refusals.

use std::process::Command;

use crate::util::{bin, first_diff, repo, run_in};

#[test]
fn follow_prints_what_tshark_prints() {
    let dir = repo().join("tests").join("golden").join("follow");
    let cases = std::fs::read_to_string(dir.join("cases.tsv")).expect("cases.tsv");
    let mut checked = 0;
    let mut failed = Vec::new();
    for line in cases.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let [name, stream, format, inputs, filter] = f[..] else {
            panic!("bad case line {line:?}");
        };
        let want = std::fs::read(dir.join(format!("{name}.txt"))).expect("golden");
        assert!(!want.is_empty(), "{name}: tshark's golden is empty");
        let mut args = vec!["--follow", stream, "--follow-format", format];
        for i in inputs.split(' ') {
            args.extend(["-r", i]);
        }
        args.extend(filter.split(' ').filter(|w| !w.is_empty()));
        let out = run_in(&repo(), &args);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // The banners (`reading from file …`) are tcpdump's, on stderr.
        if out.stdout != want {
            let w = String::from_utf8_lossy(&want);
            let g = String::from_utf8_lossy(&out.stdout);
            failed.push(format!(
                "{name} (tcpscope {}): {}",
                args.join(" "),
                first_diff(&w, &g).unwrap_or_default()
            ));
        }
        checked += 1;
    }
    assert!(checked >= 60, "only {checked} cases");
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

fn stderr_of(args: &[&str]) -> (bool, String) {
    let out = Command::new(bin())
        .args(args)
        .current_dir(repo())
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_bad_format_gets_tsharks_words() {
    let (ok, err) = stderr_of(&[
        "--follow",
        "0",
        "--follow-format",
        "utf8",
        "-r",
        "captures/http-ipv4.pcap",
    ]);
    assert!(!ok);
    // tshark -qz follow,tcp,utf8,0: "tshark: follow - Invalid display mode."
    assert_eq!(err, "tcpscope: follow - Invalid display mode.\n");
}

#[test]
fn meaningless_combinations_are_refused_in_one_line() {
    let r = ["-r", "captures/http-ipv4.pcap"];
    for (extra, word) in [
        (&["-w", "/tmp/x.pcap"][..], "-w"),
        (&["--connections"][..], "--connections"),
        (&["--json"][..], "--json"),
        (&["--count"][..], "--count"),
        (&["--print"][..], "--print"),
        (&["--report", "/tmp/x.html"][..], "--report"),
        (
            &["--format", "csv", "--output", "/tmp/x.csv"][..],
            "--format",
        ),
    ] {
        let mut args = vec!["--follow", "0"];
        args.extend(r);
        args.extend(extra);
        let (ok, err) = stderr_of(&args);
        assert!(!ok, "{args:?} accepted");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.starts_with(&format!(
                "tcpscope: --follow cannot be combined with {word}:"
            )),
            "{args:?}: {err}"
        );
    }
    let (ok, err) = stderr_of(&["--follow", "-1", "-r", "captures/http-ipv4.pcap"]);
    assert!(
        !ok && err.starts_with("tcpscope: invalid --follow '-1'"),
        "{err}"
    );
    let (ok, err) = stderr_of(&["--follow-format", "hex", "-r", "captures/http-ipv4.pcap"]);
    assert!(
        !ok && err.contains("--follow-format goes with --follow N"),
        "{err}"
    );
    // A live capture is refused before any device is opened.
    let (ok, err) = stderr_of(&["--follow", "0", "-i", "lo"]);
    assert!(
        !ok && err.starts_with("tcpscope: --follow reads a capture file (-r)"),
        "{err}"
    );
}
