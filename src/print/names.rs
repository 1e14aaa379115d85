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
/// name and port/protocol), comments dropped, lines with fewer fields
/// skipped.
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
    hosts: HashMap<IpAddr, Option<String>>,
    ifnames: HashMap<u32, String>,
}

impl Names {
    pub fn new(resolve: bool) -> Self {
        let mut n = Names {
            resolve,
            tcp_ports: HashMap::new(),
            udp_ports: HashMap::new(),
            hosts: HashMap::new(),
            ifnames: HashMap::new(),
        };
        if resolve {
            n.load_services();
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

    pub fn resolving(&self) -> bool {
        self.resolve
    }

    pub fn tcp_port(&self, port: u16) -> Option<&str> {
        self.tcp_ports.get(&port).map(String::as_str)
    }

    pub fn udp_port(&self, port: u16) -> Option<&str> {
        self.udp_ports.get(&port).map(String::as_str)
    }

    /// `netdb_protoname` (none under `-n`).
    pub fn proto(&self, p: u8) -> Option<&'static str> {
        if !self.resolve {
            return None;
        }
        NETDB_PROTOCOL_NAMES.get(usize::from(p)).copied().flatten()
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

/// ipproto.c's `netdb_protocol_names`: tcpdump 4.99's compiled-in names of
/// the IP protocol numbers (`netdb_protoname`), not the system's
/// `/etc/protocols` (Debian's, for one, has no 40, `il`).
const NETDB_PROTOCOL_NAMES: [Option<&str>; 256] = [
    Some("hopopt"),          // 0
    Some("icmp"),            // 1
    Some("igmp"),            // 2
    Some("ggp"),             // 3
    Some("ipencap"),         // 4
    Some("st"),              // 5
    Some("tcp"),             // 6
    Some("cbt"),             // 7
    Some("egp"),             // 8
    Some("igp"),             // 9
    Some("bbn-rcc-mon"),     // 10
    Some("nvp-ii"),          // 11
    Some("pup"),             // 12
    Some("argus"),           // 13
    Some("emcon"),           // 14
    Some("xnet"),            // 15
    Some("chaos"),           // 16
    Some("udp"),             // 17
    Some("mux"),             // 18
    Some("dcn-meas"),        // 19
    Some("hmp"),             // 20
    Some("prm"),             // 21
    Some("xns-idp"),         // 22
    Some("trunk-1"),         // 23
    Some("trunk-2"),         // 24
    Some("leaf-1"),          // 25
    Some("leaf-2"),          // 26
    Some("rdp"),             // 27
    Some("irtp"),            // 28
    Some("iso-tp4"),         // 29
    Some("netblt"),          // 30
    Some("mfe-nsp"),         // 31
    Some("merit-inp"),       // 32
    Some("dccp"),            // 33
    Some("3pc"),             // 34
    Some("idpr"),            // 35
    Some("xtp"),             // 36
    Some("ddp"),             // 37
    Some("idpr-cmtp"),       // 38
    Some("tp++"),            // 39
    Some("il"),              // 40
    Some("ipv6"),            // 41
    Some("sdrp"),            // 42
    Some("ipv6-route"),      // 43
    Some("ipv6-frag"),       // 44
    Some("idrp"),            // 45
    Some("rsvp"),            // 46
    Some("gre"),             // 47
    Some("dsr"),             // 48
    Some("bna"),             // 49
    Some("esp"),             // 50
    Some("ah"),              // 51
    Some("i-nlsp"),          // 52
    Some("swipe"),           // 53
    Some("narp"),            // 54
    Some("mobile"),          // 55
    Some("tlsp"),            // 56
    Some("skip"),            // 57
    Some("ipv6-icmp"),       // 58
    Some("ipv6-nonxt"),      // 59
    Some("ipv6-opts"),       // 60
    None,                    // 61
    Some("cftp"),            // 62
    None,                    // 63
    Some("sat-expak"),       // 64
    Some("kryptolan"),       // 65
    Some("rvd"),             // 66
    Some("ippc"),            // 67
    None,                    // 68
    Some("sat-mon"),         // 69
    Some("visa"),            // 70
    Some("ipcv"),            // 71
    Some("cpnx"),            // 72
    Some("rspf"),            // 73
    Some("wsn"),             // 74
    Some("pvp"),             // 75
    Some("br-sat-mon"),      // 76
    Some("sun-nd"),          // 77
    Some("wb-mon"),          // 78
    Some("wb-expak"),        // 79
    Some("iso-ip"),          // 80
    Some("vmtp"),            // 81
    Some("secure-vmtp"),     // 82
    Some("vines"),           // 83
    Some("ttp"),             // 84
    Some("nsfnet-igp"),      // 85
    Some("dgp"),             // 86
    Some("tcf"),             // 87
    Some("eigrp"),           // 88
    Some("ospf"),            // 89
    Some("sprite-rpc"),      // 90
    Some("larp"),            // 91
    Some("mtp"),             // 92
    Some("ax.25"),           // 93
    Some("ipip"),            // 94
    Some("micp"),            // 95
    Some("scc-sp"),          // 96
    Some("etherip"),         // 97
    Some("encap"),           // 98
    None,                    // 99
    Some("gmtp"),            // 100
    Some("ifmp"),            // 101
    Some("pnni"),            // 102
    Some("pim"),             // 103
    Some("aris"),            // 104
    Some("scps"),            // 105
    Some("qnx"),             // 106
    Some("a/n"),             // 107
    Some("ipcomp"),          // 108
    Some("snp"),             // 109
    Some("compaq-peer"),     // 110
    Some("ipx-in-ip"),       // 111
    Some("vrrp"),            // 112
    Some("pgm"),             // 113
    None,                    // 114
    Some("l2tp"),            // 115
    Some("ddx"),             // 116
    Some("iatp"),            // 117
    Some("stp"),             // 118
    Some("srp"),             // 119
    Some("uti"),             // 120
    Some("smp"),             // 121
    Some("sm"),              // 122
    Some("ptp"),             // 123
    Some("isis"),            // 124
    Some("fire"),            // 125
    Some("crtp"),            // 126
    Some("crudp"),           // 127
    Some("sscopmce"),        // 128
    Some("iplt"),            // 129
    Some("sps"),             // 130
    Some("pipe"),            // 131
    Some("sctp"),            // 132
    Some("fc"),              // 133
    Some("rsvp-e2e-ignore"), // 134
    Some("mobility-header"), // 135
    Some("udplite"),         // 136
    Some("mpls-in-ip"),      // 137
    Some("manet"),           // 138
    Some("hip"),             // 139
    Some("shim6"),           // 140
    Some("wesp"),            // 141
    Some("rohc"),            // 142
    None,                    // 143
    None,                    // 144
    None,                    // 145
    None,                    // 146
    None,                    // 147
    None,                    // 148
    None,                    // 149
    None,                    // 150
    None,                    // 151
    None,                    // 152
    None,                    // 153
    None,                    // 154
    None,                    // 155
    None,                    // 156
    None,                    // 157
    None,                    // 158
    None,                    // 159
    None,                    // 160
    None,                    // 161
    None,                    // 162
    None,                    // 163
    None,                    // 164
    None,                    // 165
    None,                    // 166
    None,                    // 167
    None,                    // 168
    None,                    // 169
    None,                    // 170
    None,                    // 171
    None,                    // 172
    None,                    // 173
    None,                    // 174
    None,                    // 175
    None,                    // 176
    None,                    // 177
    None,                    // 178
    None,                    // 179
    None,                    // 180
    None,                    // 181
    None,                    // 182
    None,                    // 183
    None,                    // 184
    None,                    // 185
    None,                    // 186
    None,                    // 187
    None,                    // 188
    None,                    // 189
    None,                    // 190
    None,                    // 191
    None,                    // 192
    None,                    // 193
    None,                    // 194
    None,                    // 195
    None,                    // 196
    None,                    // 197
    None,                    // 198
    None,                    // 199
    None,                    // 200
    None,                    // 201
    None,                    // 202
    None,                    // 203
    None,                    // 204
    None,                    // 205
    None,                    // 206
    None,                    // 207
    None,                    // 208
    None,                    // 209
    None,                    // 210
    None,                    // 211
    None,                    // 212
    None,                    // 213
    None,                    // 214
    None,                    // 215
    None,                    // 216
    None,                    // 217
    None,                    // 218
    None,                    // 219
    None,                    // 220
    None,                    // 221
    None,                    // 222
    None,                    // 223
    None,                    // 224
    None,                    // 225
    None,                    // 226
    None,                    // 227
    None,                    // 228
    None,                    // 229
    None,                    // 230
    None,                    // 231
    None,                    // 232
    None,                    // 233
    None,                    // 234
    None,                    // 235
    None,                    // 236
    None,                    // 237
    None,                    // 238
    None,                    // 239
    None,                    // 240
    None,                    // 241
    None,                    // 242
    None,                    // 243
    None,                    // 244
    None,                    // 245
    None,                    // 246
    None,                    // 247
    None,                    // 248
    None,                    // 249
    None,                    // 250
    None,                    // 251
    None,                    // 252
    Some("exptest-253"),     // 253
    Some("exptest-254"),     // 254
    Some("reserved"),        // 255
];
