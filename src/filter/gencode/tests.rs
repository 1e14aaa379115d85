//! The evaluator against libpcap itself. Each case is a filter text, the AST
//! the parser should build for it (by hand, since the parser is written
//! elsewhere) and a capture. Two oracles:
//! - the installed tcpdump: `tcpdump -nn -# -r FILE 'EXPR'`, whose packet
//!   numbers must be exactly the ones we keep (skipped with a message when
//!   tcpdump is missing);
//! - libpcap through the `pcap` crate: the program compiled for the file
//!   (optimizer on, as tcpdump) run over every packet cut at many lengths
//!   and with bytes changed, which exercises the out-of-bounds aborts.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use super::compile;
use crate::filter::ast::{ArOp, Arith, Dir, Encap, Expr, Node, Prim, Proto, RelOp, Span};
use crate::packet::{LinkType, Precision};
use std::net::{Ipv4Addr, Ipv6Addr};
use std::process::Command;

const CAP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/captures/");
/// A capture from tcpdump's test suite shipped in the repository (the
/// golden ones in captures/corpus, the others in tests/data/tcpdump-tests),
/// so that these tests run on a clone alone.
fn core(name: &str) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let golden = format!("{root}/captures/corpus/{name}");
    if std::path::Path::new(&golden).is_file() {
        golden
    } else {
        format!("{root}/tests/data/tcpdump-tests/{name}")
    }
}

/// The compiled program's verdict, as `Filter::matches` gives it.
fn matches(expr: &Expr, link: LinkType, data: &[u8], wire_len: u32) -> bool {
    compile(expr, link, super::Settings::default()).matches(data, wire_len)
}

// ---- AST builders -----------------------------------------------------

fn p(prim: Prim) -> Expr {
    Expr::leaf(Node::Prim(prim, Encap::default(), Span::default()))
}
fn pe(prim: Prim, vlans: u8, mpls: u8, pppoes: bool) -> Expr {
    Expr::leaf(Node::Prim(
        prim,
        Encap {
            vlans,
            mpls,
            pppoes,
            ..Encap::default()
        },
        Span::default(),
    ))
}
fn and(a: Expr, b: Expr) -> Expr {
    Expr::and(a, b)
}
fn or(a: Expr, b: Expr) -> Expr {
    Expr::or(a, b)
}
fn not(a: Expr) -> Expr {
    Expr::not(a)
}
fn rel(op: RelOp, a: Arith, b: Arith) -> Expr {
    Expr::leaf(Node::Rel(op, a, b, Encap::default(), Span::default()))
}
fn rel_e(op: RelOp, a: Arith, b: Arith, enc: Encap) -> Expr {
    Expr::leaf(Node::Rel(op, a, b, enc, Span::default()))
}
fn n(v: u32) -> Arith {
    Arith::num(v)
}
fn ld(proto: Proto, index: Arith, size: u8) -> Arith {
    Arith::load(proto, index, size)
}
fn bin(op: ArOp, a: Arith, b: Arith) -> Arith {
    Arith::bin(op, a, b)
}
fn ab(proto: Proto) -> Expr {
    p(Prim::Abbrev(proto))
}
fn v4(s: &str) -> Ipv4Addr {
    s.parse().unwrap()
}
fn v6(s: &str) -> Ipv6Addr {
    s.parse().unwrap()
}

// ---- oracles ------------------------------------------------------------

type Packets = Vec<(Vec<u8>, u32, (u64, u64))>;

fn packets(path: &str) -> (LinkType, Packets) {
    let mut src = crate::source::file::open(path, Precision::Micro).unwrap();
    let link = src.link_type();
    let mut out = Vec::new();
    while let Ok(Some(pkt)) = src.next_packet() {
        out.push((pkt.data.to_vec(), pkt.wire_len, (pkt.ts.sec, pkt.ts.frac)));
    }
    (link, out)
}

/// 1-based positions in `path` of the packets `tcpdump -r path -w OUT text`
/// keeps (tcpdump's own `-#` numbers only the packets it prints).
fn tcpdump_numbers(path: &str, text: &str) -> Option<Vec<usize>> {
    let out = std::env::temp_dir().join(format!(
        "tcpscope-eval-out-{}-{:?}.pcap",
        std::process::id(),
        std::thread::current().id()
    ));
    let out_s = out.to_string_lossy().into_owned();
    let res = Command::new("tcpdump")
        .args(["-r", path, "-w", &out_s, text])
        .output()
        .ok()?;
    assert!(
        res.status.success(),
        "tcpdump failed on {text:?}: {}",
        String::from_utf8_lossy(&res.stderr)
    );
    let (_, all) = packets(path);
    let (_, kept) = packets(&out_s);
    let _ = std::fs::remove_file(&out);
    let mut nums = Vec::new();
    let mut i = 0;
    for k in &kept {
        while i < all.len() && all[i] != *k {
            i += 1;
        }
        assert!(i < all.len(), "tcpdump kept a packet not in {path}");
        nums.push(i + 1);
        i += 1;
    }
    Some(nums)
}

fn check(path: &str, text: &str, expr: &Expr) {
    let (link, pkts) = packets(path);
    let ours: Vec<usize> = pkts
        .iter()
        .enumerate()
        .filter(|(_, (d, w, _))| matches(expr, link, d, *w))
        .map(|(i, _)| i + 1)
        .collect();
    match tcpdump_numbers(path, text) {
        Some(want) => assert_eq!(ours, want, "{path}: {text:?}"),
        None => eprintln!("tcpdump not installed: skipping the tcpdump check of {text:?}"),
    }
    differential(path, text, expr, link, &pkts);
}

/// libpcap's compiled program (via the pcap crate) against ours on every
/// packet truncated at many lengths and with bytes changed.
fn differential(path: &str, text: &str, expr: &Expr, link: LinkType, pkts: &Packets) {
    let cap = pcap::Capture::from_file(path).unwrap();
    let prog = cap.compile(text, true).unwrap();
    let mut seed: u32 = 0x1234_5678;
    let mut rnd = move || {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        seed >> 8
    };
    for (data, _, _) in pkts {
        let mut bufs: Vec<Vec<u8>> = (0..=data.len().min(120))
            .map(|k| data[..k].to_vec())
            .collect();
        bufs.push(data.clone());
        for _ in 0..40 {
            let mut d = data.clone();
            if d.is_empty() {
                break;
            }
            for _ in 0..1 + rnd() % 3 {
                let i = (rnd() as usize) % d.len().min(80);
                d[i] = rnd() as u8;
            }
            let cut = d.len() - (rnd() as usize % d.len().min(30));
            d.truncate(cut);
            bufs.push(d);
        }
        for b in &bufs {
            let want = prog.filter(b);
            let got = matches(expr, link, b, b.len() as u32);
            assert_eq!(
                got,
                want,
                "{path}: {text:?} on {} bytes {:02x?}",
                b.len(),
                b
            );
        }
    }
}

/// A classic little-endian pcap file of `link` in the temp directory.
fn write_pcap(name: &str, link: u32, pkts: &[Vec<u8>]) -> String {
    let path =
        std::env::temp_dir().join(format!("tcpscope-eval-{}-{name}.pcap", std::process::id()));
    let mut f = Vec::new();
    f.extend_from_slice(&0xa1b2_c3d4u32.to_le_bytes());
    f.extend_from_slice(&2u16.to_le_bytes());
    f.extend_from_slice(&4u16.to_le_bytes());
    for v in [0u32, 0, 65535, link] {
        f.extend_from_slice(&v.to_le_bytes());
    }
    for (i, d) in pkts.iter().enumerate() {
        for v in [i as u32, 0, d.len() as u32, d.len() as u32] {
            f.extend_from_slice(&v.to_le_bytes());
        }
        f.extend_from_slice(d);
    }
    std::fs::write(&path, f).unwrap();
    path.to_string_lossy().into_owned()
}

fn hex(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

// ---- cases ----------------------------------------------------------------

#[test]
fn ethernet_ipv4_hosts_ports_protos() {
    let f = &format!("{CAP}http-ipv4.pcap");
    let host = |dir, a| {
        p(Prim::Host4 {
            proto: None,
            dir,
            addr: v4(a),
        })
    };
    check(f, "host 10.77.0.1", &host(Dir::SrcOrDst, "10.77.0.1"));
    check(f, "src host 10.77.0.2", &host(Dir::Src, "10.77.0.2"));
    check(f, "dst host 10.77.0.2", &host(Dir::Dst, "10.77.0.2"));
    check(
        f,
        "src and dst host 10.77.0.2",
        &host(Dir::SrcAndDst, "10.77.0.2"),
    );
    check(
        f,
        "net 10.77.0.0/24",
        &p(Prim::Net4 {
            proto: None,
            dir: Dir::SrcOrDst,
            addr: v4("10.77.0.0"),
            mask: v4("255.255.255.0"),
        }),
    );
    check(
        f,
        "ip net 10.0.0.0/8",
        &p(Prim::Net4 {
            proto: Some(Proto::Ip),
            dir: Dir::SrcOrDst,
            addr: v4("10.0.0.0"),
            mask: v4("255.0.0.0"),
        }),
    );
    check(
        f,
        "tcp port 80",
        &p(Prim::Port {
            proto: Some(Proto::Tcp),
            dir: Dir::SrcOrDst,
            port: 80,
        }),
    );
    check(
        f,
        "src port 80",
        &p(Prim::Port {
            proto: None,
            dir: Dir::Src,
            port: 80,
        }),
    );
    check(
        f,
        "udp port 80",
        &p(Prim::Port {
            proto: Some(Proto::Udp),
            dir: Dir::SrcOrDst,
            port: 80,
        }),
    );
    check(
        f,
        "portrange 40000-40100",
        &p(Prim::PortRange {
            proto: None,
            dir: Dir::SrcOrDst,
            lo: 40000,
            hi: 40100,
        }),
    );
    check(
        f,
        "dst portrange 1-100",
        &p(Prim::PortRange {
            proto: None,
            dir: Dir::Dst,
            lo: 1,
            hi: 100,
        }),
    );
    check(f, "tcp", &ab(Proto::Tcp));
    check(
        f,
        "ip proto 6",
        &p(Prim::IpProto {
            family: Some(Proto::Ip),
            proto: 6,
        }),
    );
    check(
        f,
        "tcp[tcpflags] & tcp-syn != 0",
        &rel(
            RelOp::Ne,
            bin(ArOp::And, ld(Proto::Tcp, n(13), 1), n(2)),
            n(0),
        ),
    );
    check(
        f,
        "tcp[13] = 0x18",
        &rel(RelOp::Eq, ld(Proto::Tcp, n(13), 1), n(0x18)),
    );
    check(
        f,
        "not tcp[13] = 0x18",
        &not(rel(RelOp::Eq, ld(Proto::Tcp, n(13), 1), n(0x18))),
    );
    check(
        f,
        "ip[2:2] > 100",
        &rel(RelOp::Gt, ld(Proto::Ip, n(2), 2), n(100)),
    );
    check(f, "len >= 100", &rel(RelOp::Ge, Arith::len(), n(100)));
    check(f, "greater 100", &p(Prim::Greater(100)));
    check(f, "less 66", &p(Prim::Less(66)));
    check(
        f,
        "ether src 02:77:00:00:00:01",
        &p(Prim::EtherHost {
            dir: Dir::Src,
            mac: [2, 0x77, 0, 0, 0, 1],
        }),
    );
    check(
        f,
        "ether host 02:77:00:00:00:02 and tcp[13] & 1 != 0",
        &and(
            p(Prim::EtherHost {
                dir: Dir::SrcOrDst,
                mac: [2, 0x77, 0, 0, 0, 2],
            }),
            rel(
                RelOp::Ne,
                bin(ArOp::And, ld(Proto::Tcp, n(13), 1), n(1)),
                n(0),
            ),
        ),
    );
    check(
        f,
        "ether[0] & 1 = 0 or ip6",
        &or(
            rel(
                RelOp::Eq,
                bin(ArOp::And, ld(Proto::Link, n(0), 1), n(1)),
                n(0),
            ),
            ab(Proto::Ip6),
        ),
    );
    check(
        f,
        "tcp[((tcp[12] & 0xf0) >> 2):4] = 0x47455420",
        &rel(
            RelOp::Eq,
            ld(
                Proto::Tcp,
                bin(
                    ArOp::Shr,
                    bin(ArOp::And, ld(Proto::Tcp, n(12), 1), n(0xf0)),
                    n(2),
                ),
                4,
            ),
            n(0x4745_5420),
        ),
    );
    check(
        f,
        "ip[0] & 0xf != 5",
        &rel(
            RelOp::Ne,
            bin(ArOp::And, ld(Proto::Ip, n(0), 1), n(0xf)),
            n(5),
        ),
    );
    check(
        f,
        "1 + tcp[0] = 0x9d",
        &rel(
            RelOp::Eq,
            bin(ArOp::Add, n(1), ld(Proto::Tcp, n(0), 1)),
            n(0x9d),
        ),
    );
    check(
        f,
        "ip[8] / (ip[8] - 64) = 1",
        &rel(
            RelOp::Eq,
            bin(
                ArOp::Div,
                ld(Proto::Ip, n(8), 1),
                bin(ArOp::Sub, ld(Proto::Ip, n(8), 1), n(64)),
            ),
            n(1),
        ),
    );
    check(
        f,
        "ip[1] >> (ip[8] - 32) = 0",
        &rel(
            RelOp::Eq,
            bin(
                ArOp::Shr,
                ld(Proto::Ip, n(1), 1),
                bin(ArOp::Sub, ld(Proto::Ip, n(8), 1), n(32)),
            ),
            n(0),
        ),
    );
    check(
        f,
        "-ip[8] = 0xffffffc0",
        &rel(
            RelOp::Eq,
            Arith::neg(ld(Proto::Ip, n(8), 1)),
            n(0xffff_ffc0),
        ),
    );
    check(
        f,
        "tcp[1000] = 0 or tcp port 80",
        &or(
            rel(RelOp::Eq, ld(Proto::Tcp, n(1000), 1), n(0)),
            p(Prim::Port {
                proto: Some(Proto::Tcp),
                dir: Dir::SrcOrDst,
                port: 80,
            }),
        ),
    );
    check(
        f,
        "tcp port 80 or tcp[1000] = 0",
        &or(
            p(Prim::Port {
                proto: Some(Proto::Tcp),
                dir: Dir::SrcOrDst,
                port: 80,
            }),
            rel(RelOp::Eq, ld(Proto::Tcp, n(1000), 1), n(0)),
        ),
    );
    check(
        f,
        "ether broadcast or ether multicast",
        &or(p(Prim::Broadcast(None)), p(Prim::Multicast(None))),
    );
}

#[test]
fn ethernet_arp_icmp_udp() {
    let f = &format!("{CAP}udp-icmp-arp.pcap");
    check(f, "arp", &ab(Proto::Arp));
    check(
        f,
        "arp host 10.77.0.2",
        &p(Prim::Host4 {
            proto: Some(Proto::Arp),
            dir: Dir::SrcOrDst,
            addr: v4("10.77.0.2"),
        }),
    );
    check(
        f,
        "host 10.77.0.2",
        &p(Prim::Host4 {
            proto: None,
            dir: Dir::SrcOrDst,
            addr: v4("10.77.0.2"),
        }),
    );
    check(f, "icmp", &ab(Proto::Icmp));
    check(
        f,
        "icmp[icmptype] = icmp-echoreply",
        &rel(RelOp::Eq, ld(Proto::Icmp, n(0), 1), n(0)),
    );
    check(f, "udp", &ab(Proto::Udp));
    check(
        f,
        "udp port 53",
        &p(Prim::Port {
            proto: Some(Proto::Udp),
            dir: Dir::SrcOrDst,
            port: 53,
        }),
    );
    check(f, "broadcast", &p(Prim::Broadcast(None)));
    check(f, "ip broadcast", &p(Prim::Broadcast(Some(Proto::Ip))));
    check(f, "ip multicast", &p(Prim::Multicast(Some(Proto::Ip))));
    check(f, "ether proto 0x0806", &p(Prim::EtherProto(0x0806)));
    check(
        f,
        "proto 17",
        &p(Prim::IpProto {
            family: None,
            proto: 17,
        }),
    );
    check(
        f,
        "rarp or stp or ipx or netbeui or iso or atalk or aarp or decnet",
        &[
            Proto::Rarp,
            Proto::Stp,
            Proto::Ipx,
            Proto::Netbeui,
            Proto::Iso,
            Proto::Atalk,
            Proto::Aarp,
        ]
        .into_iter()
        .fold(ab(Proto::Decnet), |a, b| or(ab(b), a)),
    );
}

#[test]
fn ipv6() {
    let f = &format!("{CAP}http-ipv6.pcap");
    check(f, "ip6", &ab(Proto::Ip6));
    check(
        f,
        "ip6 host fd77::1",
        &p(Prim::Host6 {
            proto: None,
            dir: Dir::SrcOrDst,
            addr: v6("fd77::1"),
        }),
    );
    check(
        f,
        "dst host fd77::1",
        &p(Prim::Host6 {
            proto: None,
            dir: Dir::Dst,
            addr: v6("fd77::1"),
        }),
    );
    check(
        f,
        "net fd77::/16",
        &p(Prim::Net6 {
            proto: None,
            dir: Dir::SrcOrDst,
            addr: v6("fd77::"),
            prefix: 16,
        }),
    );
    check(
        f,
        "net fd00::/9",
        &p(Prim::Net6 {
            proto: None,
            dir: Dir::SrcOrDst,
            addr: v6("fd00::"),
            prefix: 9,
        }),
    );
    check(
        f,
        "tcp dst port 80",
        &p(Prim::Port {
            proto: Some(Proto::Tcp),
            dir: Dir::Dst,
            port: 80,
        }),
    );
    check(
        f,
        "ip6 proto 6",
        &p(Prim::IpProto {
            family: Some(Proto::Ip6),
            proto: 6,
        }),
    );
    check(
        f,
        "ip6 protochain 6",
        &p(Prim::ProtoChain {
            family: Some(Proto::Ip6),
            proto: 6,
        }),
    );
    check(
        f,
        "protochain 6",
        &p(Prim::ProtoChain {
            family: None,
            proto: 6,
        }),
    );
    check(
        f,
        "ip6[6] = 6 or tcp[13] = 2",
        &or(
            rel(RelOp::Eq, ld(Proto::Ip6, n(6), 1), n(6)),
            rel(RelOp::Eq, ld(Proto::Tcp, n(13), 1), n(2)),
        ),
    );
    check(
        f,
        "ip[0] != 0",
        &rel(RelOp::Ne, ld(Proto::Ip, n(0), 1), n(0)),
    );
    check(
        f,
        "ip6 multicast or icmp6",
        &or(p(Prim::Multicast(Some(Proto::Ip6))), ab(Proto::Icmp6)),
    );
    check(
        f,
        "icmp6[0] = 135 or ip6[40+13] & 2 != 0",
        &or(
            rel(RelOp::Eq, ld(Proto::Icmp6, n(0), 1), n(135)),
            rel(
                RelOp::Ne,
                bin(
                    ArOp::And,
                    ld(Proto::Ip6, bin(ArOp::Add, n(40), n(13)), 1),
                    n(2),
                ),
                n(0),
            ),
        ),
    );
    let f = &core("bigtcp-ipv6-hbh.pcap");
    check(
        f,
        "ip6 protochain 6",
        &p(Prim::ProtoChain {
            family: Some(Proto::Ip6),
            proto: 6,
        }),
    );
    check(f, "tcp", &ab(Proto::Tcp));
}

#[test]
fn vlan() {
    let f = &format!("{CAP}vlan.pcap");
    check(f, "vlan", &p(Prim::Vlan(None)));
    check(f, "vlan 100", &p(Prim::Vlan(Some(100))));
    check(
        f,
        "vlan 100 and icmp",
        &and(
            p(Prim::Vlan(Some(100))),
            pe(Prim::Abbrev(Proto::Icmp), 1, 0, false),
        ),
    );
    check(
        f,
        "vlan and host 10.77.100.2",
        &and(
            p(Prim::Vlan(None)),
            pe(
                Prim::Host4 {
                    proto: None,
                    dir: Dir::SrcOrDst,
                    addr: v4("10.77.100.2"),
                },
                1,
                0,
                false,
            ),
        ),
    );
    check(
        f,
        "icmp or vlan and arp",
        &or(
            ab(Proto::Icmp),
            and(
                p(Prim::Vlan(None)),
                pe(Prim::Abbrev(Proto::Arp), 1, 0, false),
            ),
        ),
    );
    check(
        f,
        "vlan and ip[9] = 1",
        &and(
            p(Prim::Vlan(None)),
            rel_e(
                RelOp::Eq,
                ld(Proto::Ip, n(9), 1),
                n(1),
                Encap {
                    vlans: 1,
                    mpls: 0,
                    pppoes: false,
                    ..Encap::default()
                },
            ),
        ),
    );
    let f = &core("QinQpacket.pcap");
    check(
        f,
        "vlan and vlan and ip",
        &and(
            p(Prim::Vlan(None)),
            and(
                pe(Prim::Vlan(None), 1, 0, false),
                pe(Prim::Abbrev(Proto::Ip), 2, 0, false),
            ),
        ),
    );
    check(
        f,
        "vlan 2 and udp",
        &and(
            p(Prim::Vlan(Some(2))),
            pe(Prim::Abbrev(Proto::Udp), 1, 0, false),
        ),
    );
    let f = &core("802.1ad_QinQ.pcap");
    check(
        f,
        "vlan and vlan",
        &and(p(Prim::Vlan(None)), pe(Prim::Vlan(None), 1, 0, false)),
    );
}

#[test]
fn cooked() {
    let f = &format!("{CAP}cooked.pcap");
    check(f, "inbound", &p(Prim::Inbound(true)));
    check(
        f,
        "outbound and tcp port 80",
        &and(
            p(Prim::Inbound(false)),
            p(Prim::Port {
                proto: Some(Proto::Tcp),
                dir: Dir::SrcOrDst,
                port: 80,
            }),
        ),
    );
    check(
        f,
        "host 10.77.0.2 and len > 70",
        &and(
            p(Prim::Host4 {
                proto: None,
                dir: Dir::SrcOrDst,
                addr: v4("10.77.0.2"),
            }),
            rel(RelOp::Gt, Arith::len(), n(70)),
        ),
    );
    check(
        f,
        "tcp[13] & 0x12 = 0x12 or arp or ip6 or stp",
        &or(
            rel(
                RelOp::Eq,
                bin(ArOp::And, ld(Proto::Tcp, n(13), 1), n(0x12)),
                n(0x12),
            ),
            or(ab(Proto::Arp), or(ab(Proto::Ip6), ab(Proto::Stp))),
        ),
    );
    let f = &format!("{CAP}cooked2.pcap");
    check(f, "inbound", &p(Prim::Inbound(true)));
    check(f, "outbound", &p(Prim::Inbound(false)));
    check(
        f,
        "tcp src port 80 or ip6 or stp",
        &or(
            p(Prim::Port {
                proto: Some(Proto::Tcp),
                dir: Dir::Src,
                port: 80,
            }),
            or(ab(Proto::Ip6), ab(Proto::Stp)),
        ),
    );
    check(
        f,
        "ip[9] = 6 and tcp[13] = 0x10",
        &and(
            rel(RelOp::Eq, ld(Proto::Ip, n(9), 1), n(6)),
            rel(RelOp::Eq, ld(Proto::Tcp, n(13), 1), n(0x10)),
        ),
    );
    let f = &core("mptcp-v1.pcap");
    check(
        f,
        "tcp and len > 100",
        &and(ab(Proto::Tcp), rel(RelOp::Gt, Arith::len(), n(100))),
    );
}

#[test]
fn null_raw_ipnet() {
    for name in ["icmpv6-RFC2894-RR.pcap", "tcp_rst_diag_payload.pcap"] {
        let f = &core(name);
        check(f, "ip6", &ab(Proto::Ip6));
        check(f, "ip", &ab(Proto::Ip));
        check(
            f,
            "tcp port 80 or icmp6",
            &or(
                p(Prim::Port {
                    proto: Some(Proto::Tcp),
                    dir: Dir::SrcOrDst,
                    port: 80,
                }),
                ab(Proto::Icmp6),
            ),
        );
        check(
            f,
            "link[0] = 2 or ip[9] = 6",
            &or(
                rel(RelOp::Eq, ld(Proto::Link, n(0), 1), n(2)),
                rel(RelOp::Eq, ld(Proto::Ip, n(9), 1), n(6)),
            ),
        );
    }
    for name in [
        "LINKTYPE_RAW_ipv4.pcap",
        "LINKTYPE_RAW_ipv6.pcap",
        "LINKTYPE_IPV4.pcap",
        "LINKTYPE_IPV6.pcap",
        "mptcp-tcprst.pcap",
        "e1000g.pcap",
    ] {
        let f = &core(name);
        check(
            f,
            "ip or ip6[6] = 58",
            &or(
                ab(Proto::Ip),
                rel(RelOp::Eq, ld(Proto::Ip6, n(6), 1), n(58)),
            ),
        );
        check(f, "ip6 or udp", &or(ab(Proto::Ip6), ab(Proto::Udp)));
        check(f, "tcp or icmp", &or(ab(Proto::Tcp), ab(Proto::Icmp)));
        check(
            f,
            "ip[9] = 17 or ip6[6] = 17",
            &or(
                rel(RelOp::Eq, ld(Proto::Ip, n(9), 1), n(17)),
                rel(RelOp::Eq, ld(Proto::Ip6, n(6), 1), n(17)),
            ),
        );
    }
    let f = &core("e1000g.pcap");
    check(f, "inbound", &p(Prim::Inbound(true)));
}

#[test]
fn truncated() {
    for name in ["snaplen54.pcap", "snaplen.pcap"] {
        let f = &format!("{CAP}{name}");
        check(
            f,
            "tcp or tcp[20] = 1",
            &or(
                ab(Proto::Tcp),
                rel(RelOp::Eq, ld(Proto::Tcp, n(20), 1), n(1)),
            ),
        );
        check(
            f,
            "not tcp[30:4] = 0",
            &not(rel(RelOp::Eq, ld(Proto::Tcp, n(30), 4), n(0))),
        );
        check(
            f,
            "len > 100 and tcp",
            &and(rel(RelOp::Gt, Arith::len(), n(100)), ab(Proto::Tcp)),
        );
        check(f, "greater 200", &p(Prim::Greater(200)));
        check(
            f,
            "tcp port 80",
            &p(Prim::Port {
                proto: Some(Proto::Tcp),
                dir: Dir::SrcOrDst,
                port: 80,
            }),
        );
    }
}

/// libpcap's optimizer sees that both branches of `tcp[20] = 1` lead to
/// "accept" (the `tcp` after it is already known true) and drops the load,
/// so the packets cut at 54 bytes are kept; so does our program.
#[test]
fn truncated_optimizer_drops_a_load() {
    let f = &format!("{CAP}snaplen54.pcap");
    check(
        f,
        "tcp[20] = 1 or tcp",
        &or(
            rel(RelOp::Eq, ld(Proto::Tcp, n(20), 1), n(1)),
            ab(Proto::Tcp),
        ),
    );
}

/// IPv4 fragments, an IPv6 fragment header, AH, MPLS and PPPoE, built here.
#[test]
fn synthetic() {
    let eth = "020000000002 020000000001";
    // UDP 1234 > 80, first fragment (MF), then a later one, then unfragmented.
    let ip_udp = |frag: &str| {
        hex(&format!(
            "{eth} 0800 4500 0030 0001 {frag} 4011 0000 0a000001 0a000002 04d2 0050 001c 0000 {}",
            "00".repeat(20)
        ))
    };
    let v6frag = hex(&format!(
        "{eth} 86dd 6000000000100001 {} {} 06000001 00000001 04d20050 00000000",
        "fd77".to_owned() + &"0".repeat(27) + "1",
        "fd77".to_owned() + &"0".repeat(27) + "2"
    ));
    // IPv4 with AH (next TCP), and an AH whose length brings it back to itself.
    let ah = hex(&format!(
        "{eth} 0800 4500 0040 0001 0000 4033 0000 0a000001 0a000002 06040000 00000000 00000000 00000000 04d20050 {}",
        "00".repeat(20)
    ));
    let mpls = hex(&format!(
        "{eth} 8847 00064140 00065140 4500 0030 0001 0000 4011 0000 0a000001 0a000002 04d2 0050 001c 0000 {}",
        "00".repeat(20)
    ));
    let pppoe = hex(&format!(
        "{eth} 8864 1100 0042 0030 0021 4500 0030 0001 0000 4011 0000 0a000001 0a000002 04d2 0050 001c 0000 {}",
        "00".repeat(20)
    ));
    let f = &write_pcap(
        "synth",
        1,
        &[
            ip_udp("2000"),
            ip_udp("0003"),
            ip_udp("0000"),
            v6frag,
            ah,
            mpls,
            pppoe,
        ],
    );
    check(
        f,
        "udp port 80",
        &p(Prim::Port {
            proto: Some(Proto::Udp),
            dir: Dir::SrcOrDst,
            port: 80,
        }),
    );
    check(f, "udp", &ab(Proto::Udp));
    check(
        f,
        "udp[0:2] = 1234",
        &rel(RelOp::Eq, ld(Proto::Udp, n(0), 2), n(1234)),
    );
    check(
        f,
        "ip6 proto 6",
        &p(Prim::IpProto {
            family: Some(Proto::Ip6),
            proto: 6,
        }),
    );
    check(f, "tcp", &ab(Proto::Tcp));
    check(
        f,
        "ip protochain 6",
        &p(Prim::ProtoChain {
            family: Some(Proto::Ip),
            proto: 6,
        }),
    );
    check(
        f,
        "ip6 protochain 6",
        &p(Prim::ProtoChain {
            family: Some(Proto::Ip6),
            proto: 6,
        }),
    );
    check(f, "ah", &ab(Proto::Ah));
    check(f, "mpls", &p(Prim::Mpls(None)));
    check(
        f,
        "mpls 100 and mpls 101 and udp port 80",
        &and(
            p(Prim::Mpls(Some(100))),
            and(
                pe(Prim::Mpls(Some(101)), 0, 1, false),
                pe(
                    Prim::Port {
                        proto: Some(Proto::Udp),
                        dir: Dir::SrcOrDst,
                        port: 80,
                    },
                    0,
                    2,
                    false,
                ),
            ),
        ),
    );
    check(
        f,
        "mpls and mpls and ip",
        &and(
            p(Prim::Mpls(None)),
            and(
                pe(Prim::Mpls(None), 0, 1, false),
                pe(Prim::Abbrev(Proto::Ip), 0, 2, false),
            ),
        ),
    );
    check(
        f,
        "pppoes 0x30 and udp port 80",
        &and(
            p(Prim::Pppoes(Some(0x30))),
            pe(
                Prim::Port {
                    proto: Some(Proto::Udp),
                    dir: Dir::SrcOrDst,
                    port: 80,
                },
                0,
                0,
                true,
            ),
        ),
    );
    check(
        f,
        "pppoes and ip[9] = 17",
        &and(
            p(Prim::Pppoes(None)),
            rel_e(
                RelOp::Eq,
                ld(Proto::Ip, n(9), 1),
                n(17),
                Encap {
                    vlans: 0,
                    mpls: 0,
                    pppoes: true,
                    ..Encap::default()
                },
            ),
        ),
    );
    check(
        f,
        "pppoed or pppoes 1",
        &or(p(Prim::Pppoed), p(Prim::Pppoes(Some(1)))),
    );
    let _ = std::fs::remove_file(f);
}

/// An AH header whose length points back at itself: libpcap's protochain
/// loop never ends (tcpdump hangs), we give up and reject.
#[test]
fn protochain_ah_loop_terminates() {
    let pkt = hex(
        "020000000002 020000000001 0800 4500 0040 0001 0000 4033 0000 0a000001 0a000002 33030000 00000000 00000000 00000000 04d20050",
    );
    let e = p(Prim::ProtoChain {
        family: Some(Proto::Ip),
        proto: 6,
    });
    assert!(!matches(&e, LinkType::EN10MB, &pkt, 64));
}

#[test]
fn no_panic_on_garbage() {
    let exprs = [
        p(Prim::ProtoChain {
            family: None,
            proto: 6,
        }),
        rel(RelOp::Eq, ld(Proto::Tcp, n(u32::MAX), 4), n(0)),
        rel(
            RelOp::Eq,
            ld(Proto::Link, bin(ArOp::Sub, n(0), n(1)), 4),
            n(0),
        ),
        rel(
            RelOp::Eq,
            bin(ArOp::Mod, n(1), ld(Proto::Ip, n(0), 1)),
            n(0),
        ),
        pe(Prim::Mpls(Some(1)), 0, 255, true),
        pe(
            Prim::Host6 {
                proto: None,
                dir: Dir::SrcAndDst,
                addr: v6("::1"),
            },
            255,
            255,
            false,
        ),
    ];
    let links = [0, 1, 8, 9, 12, 14, 108, 113, 226, 228, 229, 276, 999];
    let mut seed = 7u32;
    for len in 0..200usize {
        let data: Vec<u8> = (0..len)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (seed >> 16) as u8
            })
            .collect();
        for e in &exprs {
            for &l in &links {
                let _ = matches(e, LinkType(l), &data, u32::MAX);
            }
        }
    }
}

/// `geneve [VNI]` (gen_geneve) over IPv4 and IPv6 outer headers, with the
/// option-length and protocol-type loads that abort on cut headers.
#[test]
fn geneve() {
    let encap = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/encap/");
    for f in [
        core("geneve.pcap"),
        core("gso-ipv6-geneve-ipv4.pcap"),
        format!("{encap}geneve.pcap"),
        format!("{encap}vxlan.pcap"),
    ] {
        let g = |v| p(Prim::Geneve(v));
        check(&f, "geneve", &g(None));
        check(&f, "geneve 10", &g(Some(10)));
        check(&f, "geneve 0xffffff", &g(Some(0xff_ffff)));
        check(&f, "tcp or geneve", &or(ab(Proto::Tcp), g(None)));
        check(&f, "not geneve", &not(g(None)));
    }
}

/// Cisco HDLC (Ethernet types at offset 2) and PPP (PPP protocol numbers at
/// offset 2) captures: the protocol primitives keep what libpcap keeps,
/// whatever PPP header form a frame really has.
#[test]
fn cisco_hdlc_and_ppp() {
    let port80 = || {
        p(Prim::Port {
            proto: None,
            dir: Dir::SrcOrDst,
            port: 80,
        })
    };
    for name in ["chdlc.pcap", "ppp.pcap", "ppp-hdlc.pcap"] {
        let f = &format!("{CAP}tunnels/{name}");
        check(f, "tcp", &ab(Proto::Tcp));
        check(f, "ip", &ab(Proto::Ip));
        check(f, "ip6", &ab(Proto::Ip6));
        check(f, "not tcp", &not(ab(Proto::Tcp)));
        check(f, "port 80", &port80());
        check(f, "udp or arp", &or(ab(Proto::Udp), ab(Proto::Arp)));
    }
    for name in ["chdlc.pcap", "ppp.pcap"] {
        let f = &format!("{CAP}tunnels/{name}");
        check(f, "mpls", &p(Prim::Mpls(None)));
        check(f, "mpls 24", &p(Prim::Mpls(Some(24))));
        check(
            f,
            "mpls and tcp",
            &and(
                p(Prim::Mpls(None)),
                pe(Prim::Abbrev(Proto::Tcp), 0, 1, false),
            ),
        );
    }
}
