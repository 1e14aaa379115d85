//! tcpscope as a library: open a capture, read its packets decoded, and
//! get the TCP analyzer's connections as typed records.
//!
//! ```text
//! cargo run --release --example connections -- FILE [FILTER]
//! ```
//!
//! prints how many packets (and TCP segments) the filter kept, then one
//! JSON object per TCP connection (`tcpscope::analyze::Connection`,
//! serialized with serde). `cargo test` builds this example and runs its
//! test on the analyzer's captures and their hand-written expectations.

use std::process::ExitCode;

use tcpscope::Capture;
use tcpscope::analyze::Connection;

/// What the example reports about one capture.
struct Report {
    packets: u64,
    tcp: u64,
    connections: Vec<Connection>,
}

fn report(path: &str, filter: Option<&str>) -> Result<Report, tcpscope::Error> {
    let mut cap = Capture::open(path)?;
    if let Some(f) = filter {
        cap.set_filter(f)?;
    }
    let (mut packets, mut tcp) = (0, 0);
    while let Some(p) = cap.next_packet()? {
        packets += 1;
        if p.decoded.tcp().is_some() {
            tcp += 1;
        }
    }
    let mut cap = Capture::open(path)?;
    if let Some(f) = filter {
        cap.set_filter(f)?;
    }
    Ok(Report {
        packets,
        tcp,
        connections: cap.connections()?,
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: connections FILE [FILTER]");
        return ExitCode::from(2);
    };
    let filter = (args.len() > 1).then(|| args[1..].join(" "));
    match report(path, filter.as_deref()) {
        Ok(r) => {
            println!("{} packets, {} TCP segments", r.packets, r.tcp);
            for c in &r.connections {
                match serde_json::to_string(c) {
                    Ok(line) => println!("{line}"),
                    Err(e) => {
                        eprintln!("connections: {e}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("connections: {path}: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn dir() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("captures/analyze")
    }

    /// Every analyzer capture with a hand-written expectation: the typed
    /// connections the library returns say what the traffic did.
    #[test]
    fn library_connections_meet_the_hand_written_expectations() {
        let mut checked = 0;
        for e in std::fs::read_dir(dir()).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_str().unwrap().to_string();
            let Some(stem) = name.strip_suffix(".expect.json") else {
                continue;
            };
            let pcap = dir().join(format!("{stem}.pcap"));
            let want: Vec<Value> =
                serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            let r = report(pcap.to_str().unwrap(), None).unwrap();
            assert_eq!(r.connections.len(), want.len(), "{stem}");
            for (w, c) in want.iter().zip(&r.connections) {
                let got = serde_json::to_value(c).unwrap();
                for (k, v) in w.as_object().unwrap() {
                    if k == "why" || k.ends_with("_min") {
                        continue;
                    }
                    assert_eq!(&got[k], v, "{stem}: {k}");
                }
            }
            assert!(r.packets >= r.tcp && r.tcp > 0, "{stem}");
            checked += 1;
        }
        assert!(checked >= 20, "only {checked} captures checked");
    }

    /// A filter keeps what tcpdump's would: one side of the one HTTP
    /// connection of http-ipv4.pcap (7 of its 14 packets).
    #[test]
    fn a_filter_keeps_one_direction() {
        let cap = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("captures/http-ipv4.pcap");
        let all = report(cap.to_str().unwrap(), None).unwrap();
        assert_eq!((all.packets, all.tcp, all.connections.len()), (14, 14, 1));
        let one = report(cap.to_str().unwrap(), Some("src port 80")).unwrap();
        assert_eq!((one.packets, one.tcp), (7, 7));
        assert_eq!(one.connections[0].server, "10.77.0.2:80");
        let bad = report(cap.to_str().unwrap(), Some("port eighty"));
        assert!(bad.is_err());
    }
}
