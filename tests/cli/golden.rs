//! Every capture in captures/ × every case in tests/golden/cases.tsv: stdout,
//! stderr and exit status must equal what tcpdump printed.

use std::fs;

use crate::util::{as_tcpdump, first_diff, repo, run_in, shipped_captures};

/// Captures whose golden is not tcpdump's behaviour on purpose, with why.
/// tcpdump (libpcap 1.10) refuses a pcapng whose interfaces have different
/// link types; tcpscope decodes each packet with its own interface's type
/// (the issue asks for it). `mixed_pcapng_*` tests below check that file.
const DIFFERENT_ON_PURPOSE: &[&str] = &["mixed.pcapng"];

#[test]
fn captures_print_like_tcpdump() {
    let root = repo();
    let cases = fs::read_to_string(root.join("tests/golden/cases.tsv")).expect("cases.tsv");
    // The crafted timestamp captures also have the timestamp styles with
    // --nano (scripts/craft-timestamps.py, scripts/gen-goldens.sh).
    let ts_cases = fs::read_to_string(root.join("tests/golden/cases-timestamps.tsv"))
        .expect("cases-timestamps.tsv");
    let files = shipped_captures();
    let mut failures = Vec::new();
    let mut checked = 0;
    for f in &files {
        let name = f.file_name().unwrap().to_str().unwrap();
        if DIFFERENT_ON_PURPOSE.contains(&name) {
            continue;
        }
        let rel = f.strip_prefix(root.join("captures")).unwrap();
        let gold = root.join("tests/golden").join(rel);
        let extra = if name.starts_with("timestamps-") {
            ts_cases.as_str()
        } else {
            ""
        };
        for line in cases
            .lines()
            .chain(extra.lines())
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let (slug, opts) = line.split_once('\t').expect("slug<TAB>options");
            let mut args: Vec<&str> = vec!["-r", name];
            args.extend(opts.split(' '));
            let out = run_in(f.parent().unwrap(), &args);
            let want_out =
                fs::read_to_string(gold.join(format!("{slug}.out"))).expect("golden .out");
            let want_err =
                fs::read_to_string(gold.join(format!("{slug}.err"))).expect("golden .err");
            let want_rc: i32 = fs::read_to_string(gold.join(format!("{slug}.rc")))
                .unwrap()
                .trim()
                .parse()
                .unwrap();
            let got_out = String::from_utf8_lossy(&out.stdout);
            let got_err = as_tcpdump(&out.stderr);
            let got_rc = out.status.code().unwrap_or(-1);
            let what = format!("{} {opts}", rel.display());
            if let Some(d) = first_diff(&want_out, &got_out) {
                failures.push(format!("{what}: stdout {d}"));
            }
            if let Some(d) = first_diff(&want_err, &got_err) {
                failures.push(format!("{what}: stderr {d}"));
            }
            if want_rc != got_rc {
                failures.push(format!("{what}: exit {got_rc}, tcpdump {want_rc}"));
            }
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} golden cases ran");
    assert!(
        failures.is_empty(),
        "{} of {checked} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// mixed.pcapng has an Ethernet and a Linux-cooked interface. Its expectation
/// is what tcpdump prints for each interface's packets on their own
/// (`scripts/gen-goldens.sh` splits the file and runs tcpdump -tt -nn on
/// each part); tcpscope must print exactly those lines for the whole file.
#[test]
fn mixed_link_type_pcapng_prints_each_interface_like_tcpdump() {
    let root = repo();
    let want =
        fs::read_to_string(root.join("tests/golden/mixed.pcapng/per-interface-tt-nn.sorted"))
            .unwrap();
    let out = run_in(
        &root.join("captures"),
        &["-tt", "-nn", "-r", "mixed.pcapng"],
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    let mut got: Vec<&str> = text.lines().collect();
    // tcpdump's two runs were merged by sorting; compare the same way.
    got.sort_unstable();
    let got = got.iter().map(|l| format!("{l}\n")).collect::<String>();
    assert_eq!(first_diff(&want, &got), None);
}
