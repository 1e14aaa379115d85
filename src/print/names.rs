//! Name tables and resolution: ethertype and IP protocol names (tcpdump's
//! `tok` tables), port names from the services database (`/etc/services`,
//! first entry wins, as tcpdump's `init_servarray`), reverse host lookups with
//! a cache (tcpdump's `ipaddr_string`), and interface names for SLL2.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::net::IpAddr;

/// tcpdump's `ethertype_values`.
pub fn ethertype_name(t: u16) -> Option<&'static str> {
    Some(match t {
        0x0800 => "IPv4",
        0x8847 => "MPLS unicast",
        0x8848 => "MPLS multicast",
        0x86dd => "IPv6",
        0x8100 => "802.1Q",
        0x9100 => "802.1Q-9100",
        0x88a8 => "802.1Q-QinQ",
        0x9200 => "802.1Q-9200",
        0x88e5 => "802.1AE MACsec",
        0x0200 => "PUP",
        0x0806 => "ARP",
        0x8035 => "Reverse ARP",
        0x0600 => "NS",
        0x0500 => "Sprite",
        0x1000 => "Trail",
        0x6001 => "MOP DL",
        0x6002 => "MOP RC",
        0x6003 => "DN",
        0x6004 => "LAT",
        0x6007 => "SCA",
        0x6558 => "TEB",
        0x8038 => "Lanbridge",
        0x803c => "DEC DNS",
        0x803e => "DEC DTS",
        0x805b => "VEXP",
        0x805c => "VPROD",
        0x809b => "Appletalk",
        0x80f3 => "Appletalk ARP",
        0x8137 => "IPX",
        0x880b => "PPP",
        0x8808 => "MPCP",
        0x8809 => "Slow Protocols",
        0x8863 => "PPPoE D",
        0x8864 => "PPPoE S",
        0x888e => "EAPOL",
        0x8899 => "Realtek protocols",
        0x886f => "MS NLB heartbeat",
        0x8870 => "Jumbo",
        0x894f => "NSH",
        0x9000 => "Loopback",
        0xfefe => "OSI",
        0x00fe => "GRE-OSI",
        0xabcd => "CFM (old)",
        0x8902 => "CFM",
        0x893a => "IEEE1905.1",
        0x88cc => "LLDP",
        0x88ca => "TIPC",
        0x0707 => "GeoNet (old)",
        0x8947 => "GeoNet",
        0x1111 => "CALM FAST",
        0x88a2 => "AoE",
        0x88f7 => "PTP",
        0xd28b => "Arista Vendor Specific Protocol",
        _ => return None,
    })
}

/// tcpdump's `ipproto_values` (used by `-v` and some error messages).
pub fn ipproto_name(p: u8) -> Option<&'static str> {
    // ipproto.c's ipproto_values, exactly (59, 60, 77 … are not in it).
    Some(match p {
        0 => "Options",
        1 => "ICMP",
        2 => "IGMP",
        4 => "IPIP",
        6 => "TCP",
        8 => "EGP",
        9 => "IGRP",
        17 => "UDP",
        33 => "DCCP",
        41 => "IPv6",
        43 => "Routing",
        44 => "Fragment",
        46 => "RSVP",
        47 => "GRE",
        50 => "ESP",
        51 => "AH",
        55 => "Mobile IP",
        58 => "ICMPv6",
        62 => "Mobile IP (old)",
        88 => "EIGRP",
        89 => "OSPF",
        103 => "PIM",
        108 => "Compressed IP",
        112 => "VRRP",
        113 => "PGM",
        132 => "SCTP",
        135 => "Mobility",
        143 => "Ethernet",
        _ => return None,
    })
}

/// The first two fields of each line of a netdb file (`/etc/services`:
/// name and port/protocol; `/etc/protocols`: name and number), comments
/// dropped, lines with fewer fields skipped.
fn db_entries(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.lines().filter_map(|line| {
        let line = line.split('#').next().unwrap_or("");
        let mut f = line.split_whitespace();
        Some((f.next()?, f.next()?))
    })
}

/// Resolution state: empty (and never consulted) under `-n`.
pub struct Names {
    resolve: bool,
    tcp_ports: HashMap<u16, String>,
    udp_ports: HashMap<u16, String>,
    protos: HashMap<u8, String>,
    hosts: HashMap<IpAddr, Option<String>>,
    ifnames: HashMap<u32, String>,
}

impl Names {
    pub fn new(resolve: bool) -> Self {
        let mut n = Names {
            resolve,
            tcp_ports: HashMap::new(),
            udp_ports: HashMap::new(),
            protos: HashMap::new(),
            hosts: HashMap::new(),
            ifnames: HashMap::new(),
        };
        if resolve {
            n.load_services();
            n.load_protocols();
        }
        n
    }

    fn load_services(&mut self) {
        let Ok(text) = std::fs::read_to_string("/etc/services") else {
            return;
        };
        for (name, pp) in db_entries(&text) {
            let Some((port, proto)) = pp.split_once('/') else {
                continue;
            };
            let Ok(port) = port.parse::<u16>() else {
                continue;
            };
            let table = match proto {
                "tcp" => &mut self.tcp_ports,
                "udp" => &mut self.udp_ports,
                _ => continue,
            };
            table.entry(port).or_insert_with(|| name.to_string());
        }
    }

    fn load_protocols(&mut self) {
        let Ok(text) = std::fs::read_to_string("/etc/protocols") else {
            return;
        };
        for (name, num) in db_entries(&text) {
            let Ok(num) = num.parse::<u8>() else { continue };
            self.protos.entry(num).or_insert_with(|| name.to_string());
        }
    }

    pub fn resolving(&self) -> bool {
        self.resolve
    }

    pub fn tcp_port(&self, port: u16) -> Option<&str> {
        self.tcp_ports.get(&port).map(String::as_str)
    }

    pub fn udp_port(&self, port: u16) -> Option<&str> {
        self.udp_ports.get(&port).map(String::as_str)
    }

    /// `netdb_protoname`.
    pub fn proto(&self, p: u8) -> Option<&str> {
        self.protos.get(&p).map(String::as_str)
    }

    /// The host name of an address, looked up once (`gethostbyaddr`).
    pub fn host(&mut self, addr: IpAddr) -> Option<&str> {
        self.hosts
            .entry(addr)
            .or_insert_with(|| {
                dns_lookup::lookup_addr(&addr)
                    .ok()
                    .filter(|n| n.parse::<IpAddr>().is_err())
            })
            .as_deref()
    }

    /// `if_indextoname` on the reading host, `?` when unknown (SLL2).
    pub fn ifname(&mut self, index: u32) -> String {
        if let Some(n) = self.ifnames.get(&index) {
            return n.clone();
        }
        let mut name = String::from("?");
        if let Ok(dir) = std::fs::read_dir("/sys/class/net") {
            for e in dir.flatten() {
                let idx = std::fs::read_to_string(e.path().join("ifindex")).unwrap_or_default();
                if idx.trim().parse::<u32>().ok() == Some(index) {
                    name = e.file_name().to_string_lossy().into_owned();
                    break;
                }
            }
        }
        self.ifnames.insert(index, name.clone());
        name
    }
}
