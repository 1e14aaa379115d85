//! The transport and application printers of issue 16 on their crafted
//! captures (`scripts/craft-transport.py`): expectations written by hand from
//! what the crafted packets hold, beside the goldens tcpdump printed for the
//! same files (`tests/golden/`, checked by `golden.rs`).

use crate::util::{repo, run_in};

fn lines(capture: &str, opts: &[&str]) -> Vec<String> {
    let mut args = vec!["-r", capture];
    args.extend_from_slice(opts);
    let out = run_in(&repo().join("captures"), &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// SCTP and DCCP used to print `IP  ip-proto-132 44`: the IP printer leaves
/// the addresses to the transport printer, and there was none. Every SCTP
/// and DCCP packet of the capture now names both addresses and ports.
#[test]
fn sctp_and_dccp_keep_their_addresses() {
    let l = lines("sctp-dccp.pcap", &["-nn", "-t"]);
    assert_eq!(
        l[0],
        "IP 192.0.2.1.5000 > 192.0.2.2.6000: sctp (1) [INIT] [init tag: 2712847316] \
         [rwnd: 106496] [OS: 10] [MIS: 65535] [init TSN: 1000] "
    );
    let v6 = l.iter().position(|s| s.starts_with("IP6")).unwrap();
    assert_eq!(
        l[v6],
        "IP6 2001:db8::1.36412 > 2001:db8::2.36412: sctp (1) [INIT] [init tag: 42] \
         [rwnd: 106496] [OS: 10] [MIS: 65535] [init TSN: 1000] "
    );
    let dccp = l.iter().position(|s| s.contains("DCCP")).unwrap();
    assert_eq!(
        l[dccp],
        "IP 192.0.2.1.5001 > 192.0.2.2.6001: DCCP DCCP-Request (service=42) "
    );
    for s in &l {
        assert!(!s.contains("ip-proto-"), "{s}");
        // Every line but the too-short SCTP and DCCP headers names the ports
        // (a DCCP header cut by the capture has nothing to print: tcpdump
        // prints `IP  [|dccp]` too).
        // (SACK gap blocks continue their packet on lines of their own.)
        if !s.contains("truncated-") && !s.starts_with('\t') && s != "IP  [|dccp]" {
            assert!(
                s.starts_with("IP 192.0.2.") || s.starts_with("IP6 2001:db8::"),
                "{s}"
            );
        }
    }
}

/// DHCPv6 used to print `UDP, length N`. In the recorded exchange
/// (`scripts/record-dhcp6-captures.sh`) every datagram is a DHCPv6 message;
/// the relay wraps the client's Solicit, Request and Release in relay-forw
/// messages naming its downstream address and the client's link-local one,
/// and the server's relay-replies carry an address from the relayed link's
/// pool (fd7b::100-1ff) in the Advertise and the Reply.
#[test]
fn dhcp6_messages_and_relays() {
    let l = lines("dhcp6.pcap", &["-nn", "-t", "-v"]);
    assert_eq!(l.len(), 36);
    assert!(
        l.iter().all(|s| s.contains(": [udp sum ok] dhcp6 ")),
        "{l:#?}"
    );
    let fwd: Vec<&String> = l
        .iter()
        .filter(|s| {
            s.contains(
                "dhcp6 relay-fwd (linkaddr=fd7b::1 peeraddr=fe80::7a:ff:fe00:3 (relay-message (dhcp6 ",
            )
        })
        .collect();
    assert_eq!(fwd.len(), 3, "{fwd:#?}");
    for (f, m) in fwd.iter().zip(["solicit", "request", "release"]) {
        assert!(
            f.contains(&format!("(relay-message (dhcp6 {m} (xid=")),
            "{f}"
        );
    }
    let leased = l
        .iter()
        .filter(|s| s.contains("dhcp6 relay-reply") && s.contains("(IA_ADDR fd7b::1"))
        .count();
    assert_eq!(leased, 2);
    // Without -v only the message type.
    let short = lines("dhcp6.pcap", &["-nn", "-t"]);
    assert!(short[0].ends_with(": dhcp6 solicit"), "{}", short[0]);
}
