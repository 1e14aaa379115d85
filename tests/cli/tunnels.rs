//! Tunnels and link layers of issue 16 (PPPoE and PPP, MPLS, GRE/PPTP,
//! Cisco HDLC, DLT_PPP and DLT_PPP_SERIAL): the printer against what
//! tcpdump printed for the encapsulation captures of `tests/data/encap`
//! (`scripts/gen-encap-goldens.sh`), and the analyzer finding the TCP
//! connection inside each crafted capture of `captures/tunnels`
//! (`scripts/craft-tunnels.py`; their printed lines are checked by the
//! goldens of `tests/golden/tunnels`).

use crate::util::{first_diff, repo, run_in};

/// Every capture of `tests/data/encap` (VLAN, QinQ, MPLS, PPPoE, GRE,
/// gretap, ERSPAN, Aruba, VXLAN, Geneve, PBB, VN-Tag, IP-in-IP, 6in4,
/// Teredo, GTP-U, AYIYA, GRE in UDP, FabricPath) prints with every option
/// set of `tests/golden/cases.tsv` exactly what tcpdump 4.99 printed
/// (`tcpdump/NAME.SLUG.out`, `scripts/gen-encap-goldens.sh`; stdout only).
#[test]
fn encapsulation_captures_print_like_tcpdump() {
    let dir = repo().join("tests/data/encap");
    let cases: Vec<(String, String)> =
        std::fs::read_to_string(repo().join("tests/golden/cases.tsv"))
            .unwrap()
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                let (slug, opts) = l.split_once('\t').unwrap();
                (slug.to_string(), opts.to_string())
            })
            .collect();
    assert!(cases.len() >= 30, "tests/golden/cases.tsv is missing cases");
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let n = e.unwrap().file_name().into_string().unwrap();
            n.strip_suffix(".pcap").map(str::to_string)
        })
        .collect();
    names.sort();
    for name in &names {
        for (slug, opts) in &cases {
            let want = std::fs::read_to_string(dir.join(format!("tcpdump/{name}.{slug}.out")))
                .unwrap_or_else(|e| panic!("tcpdump/{name}.{slug}.out: {e}"));
            let file = format!("{name}.pcap");
            let mut args = vec!["-r", &file];
            args.extend(opts.split(' '));
            let out = run_in(&dir, &args);
            let got = String::from_utf8_lossy(&out.stdout);
            if let Some(d) = first_diff(&want, &got) {
                failures.push(format!("{name} {slug}: {d}"));
            }
            checked += 1;
        }
    }
    assert!(checked >= 900, "only {checked} encapsulation runs checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `--connections` sees the HTTP connection of `captures/http-ipv4.pcap`
/// (10.77.0.1.40080 > 10.77.0.2.80: 7 segments each way) through every
/// crafted tunnel, with the copies `scripts/craft-tunnels.py` adds:
/// the counts below are written from what the script puts in each file.
#[test]
fn tunnelled_tcp_is_analyzed() {
    let dir = repo().join("captures/tunnels");
    // (capture, client-to-server segments, server-to-client segments)
    let cases = [
        // 14 over HDLC + the SYN again over MPLS over HDLC
        ("chdlc.pcap", 8, 7),
        // 14 with five PPP header forms (ff03, ACFC, PFC, pppd In/Out) + the
        // SYN over MPLS over PPP
        ("ppp.pcap", 8, 7),
        // the first 6 segments, PPP and Cisco HDLC framing alternating
        ("ppp-hdlc.pcap", 3, 3),
        // 14 in the session + the request with PFC + the request in a
        // PPPoE length longer than the frame (its headers are whole) + the
        // request over 3Com's session type 0x3c13
        ("pppoe-lcp.pcap", 10, 7),
        // the same frames as DLT_PPP_PPPD and LINKTYPE_NETBSD_HDLC
        ("ppp-pppd.pcap", 8, 7),
        ("hdlc-netbsd.pcap", 8, 7),
        // pppoe-lcp.pcap without Ethernet headers (DLT_PPP_ETHER)
        ("ppp-ether.pcap", 10, 7),
        // 14 under 1-3 labels + the SYN under labels 0 and 3, on the
        // multicast type, and after a pseudowire control word
        ("mpls-stack.pcap", 11, 7),
        // 14 over GREv0 with every flag combination + the SYN over TEB,
        // MPLS, ERSPAN I/II/III, GRE version 2 (followed by its protocol
        // type), source routes (not the second routed copy, whose entry
        // runs into the IP header), an IPv6 outer header, GREv1 with a PFC
        // header and with type 0x0800 + 6 segments over PPTP (3 each way)
        ("gre-flags.pcap", 20, 10),
    ];
    for (file, c2s, s2c) in cases {
        let out = run_in(&dir, &["--connections", "-r", file]);
        assert!(out.status.success(), "{file}: {out:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        let line = text
            .lines()
            .find(|l| l.contains(" 10.77.0.1.40080 > 10.77.0.2.80: "))
            .unwrap_or_else(|| panic!("{file}: no inner connection in\n{text}"));
        let want = format!("c>s {c2s} pkts ");
        assert!(line.contains(&want), "{file}: want {want} in {line}");
        let want = format!("s>c {s2c} pkts ");
        assert!(line.contains(&want), "{file}: want {want} in {line}");
    }
}

/// `--connections` sees both HTTP connections of `captures/http-ipv4.pcap`
/// and `captures/http-ipv6.pcap` (7 segments each way, closed normally)
/// inside the 802.11 data frames `scripts/craft-wifi.py` wraps them in:
/// after radiotap headers (with and without an FCS, a padded MAC header,
/// QoS and four-address frames), as DLT_IEEE802_11, after Prism, AVS and
/// PPI headers (PPI: the first SYN a second time, in an Ethernet frame),
/// behind Linux cooked v1 and v2 headers of hardware type 803;
/// the management, control, null and protected frames around them carry
/// no TCP.
#[test]
fn tcp_in_802_11_is_analyzed() {
    let dir = repo().join("captures/wifi");
    for (file, first_syns) in [
        ("radiotap.pcap", 1),
        ("ieee80211.pcap", 1),
        ("prism.pcap", 1),
        ("avs.pcap", 1),
        ("ppi.pcap", 2),
        ("cooked.pcap", 1),
        ("cooked2.pcap", 1),
    ] {
        let out = run_in(&dir, &["--connections", "-r", file]);
        assert!(out.status.success(), "{file}: {out:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        for (conn, syns) in [
            (" 10.77.0.1.40080 > 10.77.0.2.80: ", first_syns),
            (" fd77::1.40081 > fd77::2.80: ", 1),
        ] {
            let line = text
                .lines()
                .find(|l| l.contains(conn))
                .unwrap_or_else(|| panic!("{file}: no{conn}in\n{text}"));
            let c2s = format!("c>s {} pkts 82 bytes", 6 + syns);
            for want in [c2s.as_str(), "s>c 7 pkts 2524 bytes", "closed normally"] {
                assert!(line.contains(want), "{file}: want {want} in {line}");
            }
        }
        assert!(
            text.contains("2 connections: 2 closed normally"),
            "{file}: {text}"
        );
    }
}

/// L2TP (UDP 1701): a data message's PPP frame is decoded to the IPv4 and
/// TCP inside, as tshark does (`tcp.stream` 0 on frame 10 of
/// `captures/l2tp-crafted.pcap`, the analysis golden); control messages,
/// L2F and the broken headers carry no connection. Zeek does not decode
/// L2TP (README, "Differences from Zeek and Wireshark").
#[test]
fn tcp_in_l2tp_is_analyzed() {
    let out = run_in(
        &repo().join("captures"),
        &["--connections", "--json", "-r", "l2tp-crafted.pcap"],
    );
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with('{')).collect();
    assert_eq!(rows.len(), 1, "{text}");
    for want in [
        "\"client\":\"192.168.9.2:40000\"",
        "\"server\":\"10.0.0.80:80\"",
        "\"stream\":0",
        "\"bytes_c2s\":18",
        "\"packets_c2s\":1",
    ] {
        assert!(rows[0].contains(want), "want {want} in {}", rows[0]);
    }
    // The packet's layers as the packets table names them.
    let table = std::env::temp_dir().join(format!("tcpscope-l2tp-{}.csv", std::process::id()));
    let path = table.to_string_lossy().into_owned();
    let out = run_in(
        &repo().join("captures"),
        &[
            "--packets",
            "--format",
            "csv",
            "--output",
            &path,
            "-r",
            "l2tp-crafted.pcap",
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let csv = std::fs::read_to_string(&table).unwrap_or_default();
    let _ = std::fs::remove_file(&table);
    let row = csv.lines().nth(10).unwrap_or_default();
    assert!(row.contains("ether:ip:udp:l2tp:ppp:ip:tcp"), "{row}");
}
