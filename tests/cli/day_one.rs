//! What a tcpdump user meets first (issue 17): `--help` grouped and naming
//! every option, tcpdump's short usage after a bad flag, the man page and
//! shell completions made from the same definitions and installed by
//! `scripts/install.sh`, combinations refused before any work, `--at` as
//! users type it.

use std::process::{Command, Output, Stdio};

use crate::util::{bin, repo};

fn tcpscope(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(repo().join("captures/analyze"))
        .env("TZ", "UTC")
        .stdin(Stdio::null())
        .output()
        .expect("run tcpscope")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn help_is_grouped_and_names_every_option_without_internal_names() {
    let out = tcpscope(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    let headings = [
        "Reading and capturing:",
        "Filtering:",
        "Printing packets:",
        "Writing packets (-w):",
        "Analyzing TCP (replaces the packet lines):",
        "Output formats:",
    ];
    let mut at = 0;
    for h in headings {
        let i = help
            .find(h)
            .unwrap_or_else(|| panic!("no {h:?} in\n{help}"));
        assert!(i > at, "{h} out of order in\n{help}");
        at = i;
    }
    for opt in [
        "  -v",
        "  -w <FILE>",
        "  -C <FILE_SIZE>",
        "  -G <SECONDS>",
        "  -W <FILECOUNT>",
        "  -z <COMMAND>",
        "--print",
        "--connections",
        "--diagnose",
        "--states",
        "--at <TIME>",
        "--json",
        "--count",
        "-r <FILE>",
        "-i, --interface",
        "--follow <N>",
        "--follow-format <FORMAT>",
    ] {
        assert!(help.contains(opt), "--help lacks {opt}:\n{help}");
    }
    // clap's internal field names (BIG_V, big_x…) never reach the user.
    assert!(!help.contains("BIG_") && !help.contains("big_"), "{help}");
    let err = text(&tcpscope(&["-V"]).stderr);
    assert!(!err.contains("BIG_"), "{err}");
    // -f's help says what happens: it is refused.
    let f = help
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("-f"))
        .nth(1);
    assert!(f.is_some_and(|l| l.contains("refused")), "{help}");
}

#[test]
fn a_bad_flag_prints_getopts_message_and_tcpdumps_short_usage() {
    let out = tcpscope(&["-k", "-r", "refused.pcap"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    let mut lines = err.lines();
    assert_eq!(lines.next(), Some("tcpscope: invalid option -- 'k'"));
    assert!(
        lines
            .next()
            .is_some_and(|l| l.starts_with("tcpscope version "))
    );
    assert!(
        lines
            .next()
            .is_some_and(|l| l.starts_with("Usage: tcpscope [-#A"))
    );
    for opt in [
        "-v",
        "[ -w file ]",
        "[ -C file_size ]",
        "[ -G seconds ]",
        "[ -W filecount ]",
        "[ -z postrotate-command ]",
        "[ --print ]",
        "--connections",
        "--states [ --at time ]",
        "[ --json ]",
        "[ expression ]",
    ] {
        assert!(err.contains(opt), "usage lacks {opt}:\n{err}");
    }
    let long = text(&tcpscope(&["--frobnicate"]).stderr);
    assert!(
        long.starts_with("tcpscope: unrecognized option '--frobnicate'\n"),
        "{long}"
    );
}

#[test]
fn man_page_and_completions_come_from_the_same_definitions() {
    let man = tcpscope(&["--generate", "man"]);
    assert_eq!(man.status.code(), Some(0));
    let page = text(&man.stdout);
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq") || page.contains(".TH tcpscope 1"),
        "{page}"
    );
    for opt in ["\\-w", "\\-\\-connections", "\\-\\-states", "\\-v"] {
        assert!(page.contains(opt), "man page lacks {opt}");
    }
    for (shell, needle) in [
        ("bash", "--connections"),
        ("zsh", "--connections"),
        ("fish", "-l connections"),
    ] {
        let out = tcpscope(&["--generate", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(
            text(&out.stdout).contains(needle),
            "{shell} completions lack {needle}"
        );
    }
    let bad = tcpscope(&["--generate", "tcsh"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(bad.stdout.is_empty());
    assert!(text(&bad.stderr).contains("invalid argument tcsh for --generate"));
}

/// `scripts/install.sh PREFIX` (README's one command) puts the binary, the man
/// page and the completions where man and the shells look; man renders the
/// page and bash parses the completions.
#[test]
fn install_script_installs_man_page_and_completions() {
    let prefix = std::env::temp_dir().join(format!("tcpscope-install-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&prefix);
    let st = Command::new("bash")
        .arg(repo().join("scripts/install.sh"))
        .arg(&prefix)
        .env("TCPSCOPE_BIN", bin())
        .stdout(Stdio::null())
        .status()
        .expect("run scripts/install.sh");
    assert!(st.success());
    for f in [
        "bin/tcpscope",
        "share/man/man1/tcpscope.1",
        "share/bash-completion/completions/tcpscope",
        "share/zsh/site-functions/_tcpscope",
        "share/fish/vendor_completions.d/tcpscope.fish",
    ] {
        assert!(prefix.join(f).is_file(), "{f} not installed");
    }
    let man = Command::new("man")
        .arg("-l")
        .arg(prefix.join("share/man/man1/tcpscope.1"))
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .output()
        .expect("man -l (apt-get install man-db)");
    let page = text(&man.stdout);
    assert!(man.status.success(), "{}", text(&man.stderr));
    assert!(
        page.contains("--connections") && page.contains("-w"),
        "{page}"
    );
    let bash = Command::new("bash")
        .arg("-c")
        .arg("source \"$1\" && complete -p tcpscope")
        .arg("bash")
        .arg(prefix.join("share/bash-completion/completions/tcpscope"))
        .output()
        .expect("bash");
    assert!(bash.status.success(), "{}", text(&bash.stderr));
    assert!(text(&bash.stdout).contains("tcpscope"));
    let _ = std::fs::remove_dir_all(&prefix);
}

#[test]
fn pcap_on_stdout_with_an_analyzer_is_refused_before_any_work() {
    for mode in ["--connections", "--diagnose", "--states", "--json"] {
        let out = tcpscope(&["-r", "refused.pcap", "-w", "-", mode]);
        assert_eq!(out.status.code(), Some(1), "{mode}");
        assert!(out.stdout.is_empty(), "{mode}: stdout not empty");
        let err = text(&out.stderr);
        assert_eq!(
            err.lines().count(),
            1,
            "{mode}: one line, no banner (no work done): {err}"
        );
        assert!(err.contains("-w -") && err.contains(mode), "{err}");
    }
    let out = tcpscope(&[
        "-r",
        "refused.pcap",
        "-w",
        "/dev/null",
        "--print",
        "--connections",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("--print cannot be combined with --connections"));
    // -w FILE with an analyzer stays allowed.
    let out = tcpscope(&["-r", "refused.pcap", "-w", "/dev/null", "--connections"]);
    assert_eq!(out.status.code(), Some(0));
}

/// The capture's packets are at 2026-11-23 18:26:30.055 UTC
/// (1795458390.055179) to 18:26:34.06; at 18:26:31 the client has sent its
/// FIN (FIN_WAIT_2) and the server not (CLOSE_WAIT) — what `+1s` shows.
#[test]
fn at_accepts_what_users_type_and_refuses_the_rest() {
    let states = |at: &str, tz: &str| {
        let out = Command::new(bin())
            .args(["-r", "close-wait.pcap", "--states", "--json", "--at", at])
            .current_dir(repo().join("captures/analyze"))
            .env("TZ", tz)
            .output()
            .expect("run");
        (out.status.code(), text(&out.stdout), text(&out.stderr))
    };
    let mid = "{\"client\":{\"FIN_WAIT_2\":1},\"server\":{\"CLOSE_WAIT\":1}}\n";
    let before = "{\"client\":{},\"server\":{}}\n";
    for (at, tz, want) in [
        ("+1s", "UTC", mid),
        ("+1", "UTC", mid),
        ("+1000ms", "UTC", mid),
        ("2026-11-23T18:26:31Z", "UTC", mid),
        ("2026-11-23T19:26:31+01:00", "UTC", mid),
        ("@1795458391", "UTC", mid),
        ("18:26:31", "UTC", mid),
        ("2026-11-23 18:26:31", "UTC", mid),
        // The time of day is local time, as tcpdump prints it.
        ("19:26:31", "Europe/Paris", mid),
        ("18:26:29", "UTC", before),
        ("@0", "UTC", before),
    ] {
        let (code, out, err) = states(at, tz);
        assert_eq!(
            (code, out.as_str()),
            (Some(0), want),
            "--at {at} (TZ={tz}): {err}"
        );
    }
    for bad in ["5", "1795458391", "yesterday", "+5x", "25:00"] {
        let (code, out, err) = states(bad, "UTC");
        assert_eq!(code, Some(1), "--at {bad}");
        assert!(out.is_empty(), "--at {bad}");
        assert!(
            err.starts_with(&format!("tcpscope: invalid time '{bad}' for --at")),
            "{err}"
        );
    }
}

/// A clone of the repository alone runs every test (issue 17): no test
/// source reads a path outside the repository except the corpus binary
/// (tests/corpus), which reports itself as not run when the folder is absent.
#[test]
fn tests_read_nothing_outside_the_repository() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).expect("read_dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    for d in ["src", "tests", "benches"] {
        walk(&repo().join(d), &mut files);
    }
    let outside: Vec<String> = files
        .iter()
        .filter(|p| !p.starts_with(repo().join("tests/corpus")))
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            // Spelt in pieces so that this file does not match itself.
            let bad = [
                concat!("\"/", "work/"),
                concat!("../", "shared/"),
                concat!("/tmp/", "pubcaps"),
            ];
            bad.iter()
                .any(|b| text.contains(b))
                .then(|| p.strip_prefix(repo()).unwrap().display().to_string())
        })
        .collect();
    assert!(
        outside.is_empty(),
        "read paths outside the repository: {outside:?}"
    );
}

/// Runs `sh -c command` with a terminal (a pseudo-terminal from
/// util-linux's `script`) as its stdin, stdout and stderr, unless the
/// command redirects them; returns what reached the terminal.
fn on_terminal(command: &str) -> String {
    let log = std::env::temp_dir().join(format!(
        "tcpscope-tty-{}-{}",
        std::process::id(),
        command.len()
    ));
    let st = Command::new("script")
        .args(["-q", "-e", "-c", command])
        .arg(&log)
        .env("TZ", "UTC")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .expect("script (util-linux)");
    assert!(st.success(), "{command}");
    let text = String::from_utf8_lossy(&std::fs::read(&log).unwrap()).into_owned();
    let _ = std::fs::remove_file(&log);
    text
}

/// A long `-r` run that prints no packet lines shows its progress (bytes of
/// the file out of its size, the rate, the time left, packets kept) on
/// stderr when stderr is a terminal; never when it prints packet lines,
/// never into a pipe or a file, never into the run's own output.
#[test]
fn progress_on_a_terminal_only_when_no_packet_lines_are_printed() {
    let big = crate::interrupt::big().to_str().unwrap().to_string();
    let dir = std::env::temp_dir().join(format!("tcpscope-progress-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("out");
    let q = |p: &std::path::Path| p.to_str().unwrap().to_string();
    let size = std::fs::metadata(&big).unwrap().len() as f64 / (1 << 20) as f64;
    for args in [
        format!("--count -r {big}"),
        format!("--connections -r {big}"),
        format!("-w {} -r {big}", q(&dir.join("w.pcap"))),
        format!("--states -r {big}"),
    ] {
        let tty = on_terminal(&format!("{} {args} >{}", bin(), q(&out)));
        assert!(
            tty.contains(" packets kept") && tty.contains(" left") && tty.contains("iB/s "),
            "{args}: no progress on the terminal:\n{tty}"
        );
        assert!(
            tty.contains(&format!("/{size:.2} MiB")),
            "{args}: size {size:.2} MiB:\n{tty}"
        );
        let stdout = std::fs::read(&out).unwrap();
        assert!(
            !stdout.contains(&0x1b),
            "{args}: escape codes in the run's output"
        );
    }
    // --count with stdout on the terminal too: the bar is cleared before the line.
    let tty = on_terminal(&format!("{} --count -r {big}", bin()));
    assert!(tty.contains(" packets kept"), "{tty}");
    let line = tty.rfind("300000 packets\r\n").expect("the --count line");
    assert!(tty.find(" packets kept").is_some_and(|i| i < line), "{tty}");
    assert!(
        !tty[line..].contains(" packets kept"),
        "bar after the line: {tty}"
    );
    // Packet lines on the terminal, or --connections' lines there: no progress.
    for args in [
        format!("-nn -c 20000 -r {big}"),
        format!("--connections -c 20000 -r {big}"),
    ] {
        let tty = on_terminal(&format!("{} {args}", bin()));
        assert!(
            !tty.contains(" packets kept"),
            "{args}: progress among lines"
        );
    }
    // stderr not a terminal (a pipe here): nothing but the banner.
    let out = Command::new(bin())
        .args(["--count", "-r", &big])
        .output()
        .expect("run");
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// README.md tells the truth (issue 17): its command examples with shipped
/// captures print what it shows, the usage after a bad flag is the
/// binary's, the quoted error for a truncated file is the one printed, and
/// the filter test's figures are the counts of expressions and goldens.
#[test]
fn readme_examples_and_figures_are_true() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let run = |args: &[&str]| {
        Command::new(bin())
            .args(args)
            .current_dir(repo())
            .env("TZ", "UTC")
            .output()
            .expect("run")
    };
    // Fenced blocks of `$ tcpscope …` commands and their output.
    let mut checked = 0;
    for block in readme.split("```").skip(1).step_by(2) {
        for example in block.split("\n$ ").skip(1) {
            let (cmd, shown) = example.split_once('\n').unwrap_or((example, ""));
            let cmd = cmd.split("  #").next().unwrap().trim();
            let args: Vec<&str> = cmd.split_whitespace().skip(1).collect();
            let Some(file) = args.iter().position(|a| *a == "-r").map(|i| args[i + 1]) else {
                continue;
            };
            if !repo().join(file).is_file() {
                continue; // a trace the README says comes from elsewhere
            }
            let out = run(&args);
            let got = text(&out.stdout);
            assert_eq!(got.trim_end(), shown.trim_end(), "README example `{cmd}`");
            checked += 1;
        }
    }
    assert!(checked >= 8, "only {checked} README examples checked");
    // The usage a bad flag prints.
    let shown: String = readme
        .split("    $ tcpscope -k\n")
        .nth(1)
        .expect("README shows `tcpscope -k`")
        .lines()
        .take_while(|l| l.starts_with("    "))
        .map(|l| format!("{}\n", &l[4..]))
        .collect();
    assert_eq!(text(&run(&["-k"]).stderr), shown, "README's usage");
    // The quoted message for a truncated file.
    let err = text(&run(&["-r", "captures/bad/truncated-record-header.pcap"]).stderr);
    let quoted = err.lines().last().unwrap();
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words(&readme).contains(&format!(
            "(`{quoted}` for `captures/bad/truncated-record-header.pcap`)"
        )),
        "README quotes another message than `{quoted}`"
    );
    // The filter test's figures.
    let exprs = std::fs::read_to_string(repo().join("tests/filter/expressions.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .count();
    let mut goldens = 0;
    let mut dirs = vec![repo().join("tests/golden/filter")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "tsv") {
                goldens += 1;
            }
        }
    }
    let flat = words(&readme);
    for figure in [
        format!("{exprs} filter expressions × {goldens} captures"),
        format!("runs {exprs} expressions"),
        format!("over the {goldens} readable captures"),
    ] {
        assert!(flat.contains(&figure), "README lacks `{figure}`");
    }
    for stale in ["190 filter expressions", "× 23 captures", "only got 5`"] {
        assert!(!flat.contains(stale), "README still says `{stale}`");
    }
}
