//! RADIUS (UDP ports 1645, 1646, 1812, 1813, 1700 and 3799; RFCs 2865,
//! 2866, 5176 and their extensions) as tcpdump 4.99's `print-radius.c`
//! prints it: `RADIUS, Access-Request (1), id: 0x2a length: 60`; with `-v`
//! the authenticator and every attribute on a line of its own, each value
//! as its type has it (text, numbers and their names, addresses, IPv6
//! prefixes, times, tunnel tags, vendor sub-attributes, an EAP message);
//! `-vv` adds each attribute's bytes in hex. tcpdump's checks are kept as
//! they are: a value printer's `ND_TCHECK` failing marks ` [|radius]` in the
//! middle of the line and the next attribute is printed all the same.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use chrono::{Local, TimeZone};

use super::tok::{BitTok, bittok2str};
use super::{P, Printer, chars, out};
use crate::decode::Bytes;

/// `udp_print`'s RADIUS ports: authentication (old and new), accounting
/// (old and new), Cisco's and RFC 5176's dynamic authorization (CoA).
pub(super) const RADIUS_PORTS: [u16; 6] = [1645, 1812, 1646, 1813, 1700, 3799];

/// `MIN_RADIUS_LEN`: code, id, length and the authenticator.
const MIN_LEN: usize = 20;

// Attribute types with a case of their own in the value printers.
const FRM_IPADDR: u8 = 8;
const LOG_IPHOST: u8 = 14;
const FRM_IPX: u8 = 23;
const SESSION_TIMEOUT: u8 = 27;
const IDLE_TIMEOUT: u8 = 28;
const FRM_ATALK_LINK: u8 = 37;
const FRM_ATALK_NETWORK: u8 = 38;
const ACCT_DELAY: u8 = 41;
const ACCT_SESSION_TIME: u8 = 46;
const EGRESS_VLAN_ID: u8 = 56;
const EGRESS_VLAN_NAME: u8 = 58;
const TUNNEL_TYPE_ATTR: u8 = 64;
const TUNNEL_MEDIUM_ATTR: u8 = 65;
const TUNNEL_CLIENT_END: u8 = 66;
const TUNNEL_SERVER_END: u8 = 67;
const TUNNEL_PASS: u8 = 69;
const ARAP_PASS: u8 = 70;
const ARAP_FEATURES: u8 = 71;
const EAP_MESSAGE: u8 = 79;
const TUNNEL_PRIV_GROUP: u8 = 81;
const TUNNEL_ASSIGN_ID: u8 = 82;
const TUNNEL_PREFERENCE: u8 = 83;
const ARAP_CHALLENGE_RESP: u8 = 84;
const ACCT_INT_INTERVAL: u8 = 85;
const TUNNEL_CLIENT_AUTH: u8 = 90;
const TUNNEL_SERVER_AUTH: u8 = 91;
const ERROR_CAUSE: u8 = 101;

/// `radius_command_values`.
fn command(code: u8) -> &'static str {
    match code {
        1 => "Access-Request",
        2 => "Access-Accept",
        3 => "Access-Reject",
        4 => "Accounting-Request",
        5 => "Accounting-Response",
        11 => "Access-Challenge",
        12 => "Status-Server",
        13 => "Status-Client",
        40 => "Disconnect-Request",
        41 => "Disconnect-ACK",
        42 => "Disconnect-NAK",
        43 => "CoA-Request",
        44 => "CoA-ACK",
        45 => "CoA-NAK",
        255 => "Reserved",
        _ => "Unknown Command",
    }
}

/// `rfc4675_tagged`.
fn vlan_tag(t: u8) -> &'static str {
    match t {
        0x31 => "Tagged",
        0x32 => "Untagged",
        _ => "Unknown tag",
    }
}

/// `errorcausetype`.
fn error_cause(v: u32) -> Option<&'static str> {
    Some(match v {
        201 => "Residual Session Context Removed",
        202 => "Invalid EAP Packet (Ignored)",
        401 => "Unsupported Attribute",
        402 => "Missing Attribute",
        403 => "NAS Identification Mismatch",
        404 => "Invalid Request",
        405 => "Unsupported Service",
        406 => "Unsupported Extension",
        407 => "Invalid Attribute Value",
        501 => "Administratively Prohibited",
        502 => "Request Not Routable (Proxy)",
        503 => "Session Context Not Found",
        504 => "Session Context Not Removable",
        505 => "Other Proxy Processing Error",
        506 => "Resources Unavailable",
        507 => "Request Initiated",
        508 => "Multiple Session Selection Unsupported",
        509 => "Location Info Required",
        _ => return None,
    })
}

/// `operator_name_vector`.
fn operator_namespace(v: u8) -> Option<&'static str> {
    Some(match v {
        0x30 => "TADIG",
        0x31 => "REALM",
        0x32 => "E212",
        0x33 => "ICC",
        _ => return None,
    })
}

/// `mip6_feature_vector`, in tcpdump's order.
const MIP6_FEATURES: &[(u64, &str)] = &[
    (0x0000_0000_0000_0001, "MIP6_INTEGRATED"),
    (0x0000_0000_0000_0002, "LOCAL_HOME_AGENT_ASSIGNMENT"),
    (0x0000_0100_0000_0000, "PMIP6_SUPPORTED"),
    (0x0000_0200_0000_0000, "IP4_HOA_SUPPORTED"),
    (0x0000_0400_0000_0000, "LOCAL_MAG_ROUTING_SUPPORTED"),
    (0x0000_0800_0000_0000, "ASSIGN_LOCAL_IP"),
    (0x0000_1000_0000_0000, "MIP4_SUPPORTED"),
    (0x0000_2000_0000_0000, "OPTIMIZED_IDLE_MODE_MOBILITY"),
    (0x0000_4000_0000_0000, "GTPv2_SUPPORTED"),
    (0x0000_8000_0000_0000, "IP4_TRANSPORT_SUPPORTED"),
    (0x0001_0000_0000_0000, "IP4_HOA_ONLY_SUPPORTED"),
    (0x0002_0000_0000_0000, "INTER_MAG_ROUTING_SUPPORTED"),
];

/// `blpr_bm`: Basic-Location-Policy-Rules' flags.
const BLPR_FLAGS: &BitTok = &[
    (0x0001, "MBZ-15"),
    (0x0002, "MBZ-14"),
    (0x0004, "MBZ-13"),
    (0x0008, "MBZ-12"),
    (0x0010, "MBZ-11"),
    (0x0020, "MBZ-10"),
    (0x0040, "MBZ-9"),
    (0x0080, "MBZ-8"),
    (0x0100, "MBZ-7"),
    (0x0200, "MBZ-6"),
    (0x0400, "MBZ-5"),
    (0x0800, "MBZ-4"),
    (0x1000, "MBZ-3"),
    (0x2000, "MBZ-2"),
    (0x4000, "MBZ-1"),
    (0x8000, "Retransmission Allowed"),
];

/// `smi_values` (oui.c): SMI network management private enterprise codes.
fn smi_name(v: u32) -> &'static str {
    match v {
        0 => "IETF (reserved)",
        5 => "ACC",
        9 => "Cisco",
        11 => "Hewlett Packard",
        42 => "Sun Microsystems",
        61 => "Merit",
        74 => "AT&T",
        161 => "Motorola",
        166 => "Shiva",
        193 => "Ericsson AB",
        255 => "Cisco VPN 5000",
        307 => "Livingston",
        311 => "Microsoft",
        429 => "3Com",
        529 => "Ascend",
        1584 => "Bay Networks",
        1991 => "Foundry",
        2180 => "Versanet",
        2352 => "Redback",
        2636 => "Juniper Networks",
        2637 => "Aptis",
        2937 => "Deutsche Telekom AG",
        3054 => "Ixia Communications",
        3076 => "Cisco VPN 3000",
        3085 => "CoSine Communications",
        3224 => "Netscreen",
        3199 => "Shasta",
        3309 => "Nomadix",
        3414 => "T-Mobile",
        3561 => "The Broadband Forum",
        3902 => "ZTE",
        4329 => "Siemens",
        4491 => "CableLabs",
        4874 => "Unisphere Networks",
        5263 => "Cisco BBSM",
        5535 => "3rd Generation Partnership Project 2 (3GPP2)",
        5806 => "SK Telecom",
        5925 => "ipUnplugged",
        5948 => "Issanni Communications",
        5951 => "Netscaler",
        6490 => "T-Mobile",
        6618 => "Quintum",
        6728 => "Interlink",
        7951 => "CNCTC",
        8164 => "Starent Networks",
        8744 => "Colubris",
        10415 => "3GPP",
        10529 => "Gemtek-Systems",
        10704 => "Barracuda Networks",
        10923 => "Ericsson AB - Packet Core Networks",
        11665 => "dacom",
        11862 => "Columbia University",
        12356 => "Fortinet",
        12951 => "Verizon Wireless",
        13745 => "Plixer",
        14122 => "Wi-Fi Alliance",
        16787 => "T-Systems Nova",
        20942 => "China Telecom - Guangzhou Research Institute",
        26866 => "Gigamon Systems",
        32622 => "CACE Technologies",
        35632 => "ntop",
        46098 => "Ericsson Canada",
        _ => "Unknown",
    }
}

// The standard values of the attributes that have them (tcpdump's
// `serv_type[]` and the others); "" where tcpdump's table has a NULL.
const SERV_TYPE: &[&str] = &[
    "",
    "Login",
    "Framed",
    "Callback Login",
    "Callback Framed",
    "Outbound",
    "Administrative",
    "NAS Prompt",
    "Authenticate Only",
    "Callback NAS Prompt",
    "Call Check",
    "Callback Administrative",
    "Voice",
    "Fax",
    "Modem Relay",
    "IAPP-Register",
    "IAPP-AP-Check",
    "Authorize Only",
    "Framed-Management",
    "Additional-Authorization",
];
const FRM_PROTO: &[&str] = &[
    "",
    "PPP",
    "SLIP",
    "ARAP",
    "Gandalf proprietary",
    "Xylogics IPX/SLIP",
    "X.75 Synchronous",
    "GPRS PDP Context",
];
const FRM_ROUTING: &[&str] = &["None", "Send", "Listen", "Send&Listen"];
const FRM_COMP: &[&str] = &["None", "VJ TCP/IP", "IPX", "Stac-LZS"];
const LOGIN_SERV: &[&str] = &[
    "Telnet",
    "Rlogin",
    "TCP Clear",
    "PortMaster(proprietary)",
    "LAT",
    "X.25-PAD",
    "X.25-T3POS",
    "Unassigned",
    "TCP Clear Quiet",
];
const TERM_ACTION: &[&str] = &["Default", "RADIUS-Request"];
const INGRESS_FILTERS: &[&str] = &["", "Enabled", "Disabled"];
const NAS_PORT_TYPE: &[&str] = &[
    "Async",
    "Sync",
    "ISDN Sync",
    "ISDN Async V.120",
    "ISDN Async V.110",
    "Virtual",
    "PIAFS",
    "HDLC Clear Channel",
    "X.25",
    "X.75",
    "G.3 Fax",
    "SDSL",
    "ADSL-CAP",
    "ADSL-DMT",
    "ISDN-DSL",
    "Ethernet",
    "xDSL",
    "Cable",
    "Wireless - Other",
    "Wireless - IEEE 802.11",
    "Token-Ring",
    "FDDI",
    "Wireless - CDMA200",
    "Wireless - UMTS",
    "Wireless - 1X-EV",
    "IAPP",
    "FTTP",
    "Wireless - IEEE 802.16",
    "Wireless - IEEE 802.20",
    "Wireless - IEEE 802.22",
    "PPPoA",
    "PPPoEoA",
    "PPPoEoE",
    "PPPoEoVLAN",
    "PPPoEoQinQ",
    "xPON",
    "Wireless - XGP",
    "WiMAX Pre-Release 8 IWK Function",
    "WIMAX-WIFI-IWK",
    "WIMAX-SFF",
    "WIMAX-HA-LMA",
    "WIMAX-DHCP",
    "WIMAX-LBS",
    "WIMAX-WVS",
];
const ACCT_STATUS: &[&str] = &[
    "",
    "Start",
    "Stop",
    "Interim-Update",
    "Unassigned",
    "Unassigned",
    "Unassigned",
    "Accounting-On",
    "Accounting-Off",
    "Tunnel-Start",
    "Tunnel-Stop",
    "Tunnel-Reject",
    "Tunnel-Link-Start",
    "Tunnel-Link-Stop",
    "Tunnel-Link-Reject",
    "Failed",
];
const ACCT_AUTH: &[&str] = &["", "RADIUS", "Local", "Remote", "Diameter"];
const ACCT_TERM: &[&str] = &[
    "",
    "User Request",
    "Lost Carrier",
    "Lost Service",
    "Idle Timeout",
    "Session Timeout",
    "Admin Reset",
    "Admin Reboot",
    "Port Error",
    "NAS Error",
    "NAS Request",
    "NAS Reboot",
    "Port Unneeded",
    "Port Preempted",
    "Port Suspended",
    "Service Unavailable",
    "Callback",
    "User Error",
    "Host Request",
    "Supplicant Restart",
    "Reauthentication Failure",
    "Port Reinitialized",
    "Port Administratively Disabled",
    "Lost Power",
];
const TUNNEL_TYPE: &[&str] = &[
    "",
    "PPTP",
    "L2F",
    "L2TP",
    "ATMP",
    "VTP",
    "AH",
    "IP-IP",
    "MIN-IP-IP",
    "ESP",
    "GRE",
    "DVS",
    "IP-in-IP Tunneling",
    "VLAN",
];
const TUNNEL_MEDIUM: &[&str] = &[
    "",
    "IPv4",
    "IPv6",
    "NSAP",
    "HDLC",
    "BBN 1822",
    "802",
    "E.163",
    "E.164",
    "F.69",
    "X.121",
    "IPX",
    "Appletalk",
    "Decnet IV",
    "Banyan Vines",
    "E.164 with NSAP subaddress",
];
const ARAP_ZONE: &[&str] = &[
    "",
    "Only access to dfl zone",
    "Use zone filter inc.",
    "Not used",
    "Use zone filter exc.",
];
const PROMPT: &[&str] = &["No Echo", "Echo"];

/// How an attribute's value is printed (tcpdump's `print_func`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// No printer: nothing after `Value: `.
    Silent,
    Str,
    Num,
    Vendor,
    Addr,
    Addr6,
    Netmask6,
    Mip6Prefix,
    OperatorName,
    LocInfo,
    LocData,
    Blpr,
    Time,
    Vector64,
    Strange,
}
use Kind::*;

/// One row of tcpdump's `attr_type[]`: the name, the standard values (the
/// first at index `first`, 0 or 1) and the value printer.
struct Attr {
    name: &'static str,
    values: &'static [&'static str],
    first: u32,
    kind: Kind,
}

const fn a(name: &'static str, values: &'static [&'static str], first: u32, kind: Kind) -> Attr {
    Attr {
        name,
        values,
        first,
        kind,
    }
}

/// `attr_type[]`, indexed by attribute type (0 to 129).
const ATTRS: &[Attr] = &[
    a("", &[], 0, Silent),                          // 0
    a("User-Name", &[], 0, Str),                    // 1
    a("User-Password", &[], 0, Silent),             // 2
    a("CHAP-Password", &[], 0, Silent),             // 3
    a("NAS-IP-Address", &[], 0, Addr),              // 4
    a("NAS-Port", &[], 0, Num),                     // 5
    a("Service-Type", SERV_TYPE, 1, Num),           // 6
    a("Framed-Protocol", FRM_PROTO, 1, Num),        // 7
    a("Framed-IP-Address", &[], 0, Addr),           // 8
    a("Framed-IP-Netmask", &[], 0, Addr),           // 9
    a("Framed-Routing", FRM_ROUTING, 0, Num),       // 10
    a("Filter-Id", &[], 0, Str),                    // 11
    a("Framed-MTU", &[], 0, Num),                   // 12
    a("Framed-Compression", FRM_COMP, 0, Num),      // 13
    a("Login-IP-Host", &[], 0, Addr),               // 14
    a("Login-Service", LOGIN_SERV, 0, Num),         // 15
    a("Login-TCP-Port", &[], 0, Num),               // 16
    a("Unassigned", &[], 0, Silent),                // 17
    a("Reply-Message", &[], 0, Str),                // 18
    a("Callback-Number", &[], 0, Str),              // 19
    a("Callback-Id", &[], 0, Str),                  // 20
    a("Unassigned", &[], 0, Silent),                // 21
    a("Framed-Route", &[], 0, Str),                 // 22
    a("Framed-IPX-Network", &[], 0, Num),           // 23
    a("State", &[], 0, Str),                        // 24
    a("Class", &[], 0, Str),                        // 25
    a("Vendor-Specific", &[], 0, Vendor),           // 26
    a("Session-Timeout", &[], 0, Num),              // 27
    a("Idle-Timeout", &[], 0, Num),                 // 28
    a("Termination-Action", TERM_ACTION, 0, Num),   // 29
    a("Called-Station-Id", &[], 0, Str),            // 30
    a("Calling-Station-Id", &[], 0, Str),           // 31
    a("NAS-Identifier", &[], 0, Str),               // 32
    a("Proxy-State", &[], 0, Str),                  // 33
    a("Login-LAT-Service", &[], 0, Str),            // 34
    a("Login-LAT-Node", &[], 0, Str),               // 35
    a("Login-LAT-Group", &[], 0, Str),              // 36
    a("Framed-AppleTalk-Link", &[], 0, Num),        // 37
    a("Framed-AppleTalk-Network", &[], 0, Num),     // 38
    a("Framed-AppleTalk-Zone", &[], 0, Str),        // 39
    a("Acct-Status-Type", ACCT_STATUS, 1, Num),     // 40
    a("Acct-Delay-Time", &[], 0, Num),              // 41
    a("Acct-Input-Octets", &[], 0, Num),            // 42
    a("Acct-Output-Octets", &[], 0, Num),           // 43
    a("Acct-Session-Id", &[], 0, Str),              // 44
    a("Acct-Authentic", ACCT_AUTH, 1, Num),         // 45
    a("Acct-Session-Time", &[], 0, Num),            // 46
    a("Acct-Input-Packets", &[], 0, Num),           // 47
    a("Acct-Output-Packets", &[], 0, Num),          // 48
    a("Acct-Terminate-Cause", ACCT_TERM, 1, Num),   // 49
    a("Acct-Multi-Session-Id", &[], 0, Str),        // 50
    a("Acct-Link-Count", &[], 0, Num),              // 51
    a("Acct-Input-Gigawords", &[], 0, Num),         // 52
    a("Acct-Output-Gigawords", &[], 0, Num),        // 53
    a("Unassigned", &[], 0, Silent),                // 54
    a("Event-Timestamp", &[], 0, Time),             // 55
    a("Egress-VLANID", &[], 0, Num),                // 56
    a("Ingress-Filters", INGRESS_FILTERS, 1, Num),  // 57
    a("Egress-VLAN-Name", &[], 0, Str),             // 58
    a("User-Priority-Table", &[], 0, Silent),       // 59
    a("CHAP-Challenge", &[], 0, Str),               // 60
    a("NAS-Port-Type", NAS_PORT_TYPE, 0, Num),      // 61
    a("Port-Limit", &[], 0, Num),                   // 62
    a("Login-LAT-Port", &[], 0, Str),               // 63
    a("Tunnel-Type", TUNNEL_TYPE, 1, Num),          // 64
    a("Tunnel-Medium-Type", TUNNEL_MEDIUM, 1, Num), // 65
    a("Tunnel-Client-Endpoint", &[], 0, Str),       // 66
    a("Tunnel-Server-Endpoint", &[], 0, Str),       // 67
    a("Acct-Tunnel-Connection", &[], 0, Str),       // 68
    a("Tunnel-Password", &[], 0, Str),              // 69
    a("ARAP-Password", &[], 0, Strange),            // 70
    a("ARAP-Features", &[], 0, Strange),            // 71
    a("ARAP-Zone-Access", ARAP_ZONE, 1, Num),       // 72
    a("ARAP-Security", &[], 0, Str),                // 73
    a("ARAP-Security-Data", &[], 0, Str),           // 74
    a("Password-Retry", &[], 0, Num),               // 75
    a("Prompt", PROMPT, 0, Num),                    // 76
    a("Connect-Info", &[], 0, Str),                 // 77
    a("Configuration-Token", &[], 0, Str),          // 78
    a("EAP-Message", &[], 0, Str),                  // 79
    a("Message-Authenticator", &[], 0, Str),        // 80
    a("Tunnel-Private-Group-ID", &[], 0, Str),      // 81
    a("Tunnel-Assignment-ID", &[], 0, Str),         // 82
    a("Tunnel-Preference", &[], 0, Num),            // 83
    a("ARAP-Challenge-Response", &[], 0, Strange),  // 84
    a("Acct-Interim-Interval", &[], 0, Num),        // 85
    a("Acct-Tunnel-Packets-Lost", &[], 0, Num),     // 86
    a("NAS-Port-Id", &[], 0, Str),                  // 87
    a("Framed-Pool", &[], 0, Str),                  // 88
    a("CUI", &[], 0, Str),                          // 89
    a("Tunnel-Client-Auth-ID", &[], 0, Str),        // 90
    a("Tunnel-Server-Auth-ID", &[], 0, Str),        // 91
    a("NAS-Filter-Rule", &[], 0, Str),              // 92
    a("Unassigned", &[], 0, Silent),                // 93
    a("Originating-Line-Info", &[], 0, Silent),     // 94
    a("NAS-IPv6-Address", &[], 0, Addr6),           // 95
    a("Framed-Interface-ID", &[], 0, Silent),       // 96
    a("Framed-IPv6-Prefix", &[], 0, Netmask6),      // 97
    a("Login-IPv6-Host", &[], 0, Addr6),            // 98
    a("Framed-IPv6-Route", &[], 0, Str),            // 99
    a("Framed-IPv6-Pool", &[], 0, Str),             // 100
    a("Error-Cause", &[], 0, Strange),              // 101
    a("EAP-Key-Name", &[], 0, Silent),              // 102
    a("Digest-Response", &[], 0, Str),              // 103
    a("Digest-Realm", &[], 0, Str),                 // 104
    a("Digest-Nonce", &[], 0, Str),                 // 105
    a("Digest-Response-Auth", &[], 0, Str),         // 106
    a("Digest-Nextnonce", &[], 0, Str),             // 107
    a("Digest-Method", &[], 0, Str),                // 108
    a("Digest-URI", &[], 0, Str),                   // 109
    a("Digest-Qop", &[], 0, Str),                   // 110
    a("Digest-Algorithm", &[], 0, Str),             // 111
    a("Digest-Entity-Body-Hash", &[], 0, Str),      // 112
    a("Digest-CNonce", &[], 0, Str),                // 113
    a("Digest-Nonce-Count", &[], 0, Str),           // 114
    a("Digest-Username", &[], 0, Str),              // 115
    a("Digest-Opaque", &[], 0, Str),                // 116
    a("Digest-Auth-Param", &[], 0, Str),            // 117
    a("Digest-AKA-Auts", &[], 0, Str),              // 118
    a("Digest-Domain", &[], 0, Str),                // 119
    a("Digest-Stale", &[], 0, Str),                 // 120
    a("Digest-HA1", &[], 0, Str),                   // 121
    a("SIP-AOR", &[], 0, Str),                      // 122
    a("Delegated-IPv6-Prefix", &[], 0, Netmask6),   // 123
    a("MIP6-Feature-Vector", &[], 0, Vector64),     // 124
    a("MIP6-Home-Link-Prefix", &[], 0, Mip6Prefix), // 125
    a("Operator-Name", &[], 0, OperatorName),       // 126
    a("Location-Information", &[], 0, LocInfo),     // 127
    a("Location-Data", &[], 0, LocData),            // 128
    a("Basic-Location-Policy-Rules", &[], 0, Blpr), // 129
];

/// `radius_print`; `length` is the UDP payload's length.
pub(super) fn radius_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "radius";
    // `ND_TCHECK_LEN` and the short length: `nd_print_trunc`, no longjmp.
    if !d.has(0, MIN_LEN) {
        return Err(p.soft_trunc());
    }
    let len = usize::from(d.be16(2)?);
    if len < MIN_LEN {
        return Err(p.soft_trunc());
    }
    let len = len.min(length);
    let code = d.u8_at(0)?;
    let id = d.u8_at(1)?;
    if p.opts.verbose < 1 {
        out!(
            p,
            "RADIUS, {} ({code}), id: 0x{id:02x} length: {len}",
            command(code)
        );
        return Ok(());
    }
    out!(
        p,
        "RADIUS, length: {len}\n\t{} ({code}), id: 0x{id:02x}, Authenticator: ",
        command(code)
    );
    for b in d.range(4, 16)? {
        out!(p, "{b:02x}");
    }
    if len > MIN_LEN {
        attrs_print(p, d.from(MIN_LEN)?, len - MIN_LEN)?;
    }
    Ok(())
}

/// `radius_attrs_print`: `length` bytes of attributes at the start of `d`.
fn attrs_print(p: &mut Printer, d: &[u8], mut length: usize) -> P {
    let mut at = 0;
    while length > 0 {
        if length < 2 || !d.has(at, 2) {
            return Err(p.soft_trunc());
        }
        let ty = d.u8_at(at)?;
        let len = usize::from(d.u8_at(at + 1)?);
        let attr = ATTRS.get(usize::from(ty));
        let name = match attr {
            Some(a) if ty != 0 => a.name,
            _ => "Unknown",
        };
        out!(p, "\n\t  {name} Attribute ({ty}), length: {len}");
        if len < 2 {
            p.s(" (bogus, must be >= 2)");
            return Ok(());
        }
        if len > length {
            p.s(" (bogus, goes past end of packet)");
            return Ok(());
        }
        p.s(", Value: ");
        // The two header bytes were captured: the value starts within `d`.
        let v = d.from(at + 2)?;
        if let Some(attr) = attr
            && len > 2
        {
            value_print(p, attr, v, len - 2, ty)?;
        }
        if p.opts.verbose > 1 {
            super::hex::print_unknown_data(p, Some(v), "\n\t    ", len - 2);
        }
        length -= len;
        at += len;
    }
    Ok(())
}

/// The attribute's `print_func`. `Err` is a `GET_*` read's longjmp; a
/// value printer's own `trunc:` label marks the line and returns `Ok`.
fn value_print(p: &mut Printer, attr: &Attr, v: &[u8], length: usize, ty: u8) -> P {
    match attr.kind {
        Silent => Ok(()),
        Str => string(p, v, length, ty),
        Num => num(p, attr, v, length, ty),
        Vendor => vendor(p, v, length),
        Addr => address(p, v, length, ty),
        Addr6 => {
            if length != 16 {
                out!(p, "ERROR: length {length} != 16");
                return Ok(());
            }
            let a = *v.array::<16>(0)?;
            p.ip6(&a);
            Ok(())
        }
        Netmask6 => netmask6(p, v, length),
        Mip6Prefix => mip6_home_link_prefix(p, v, length),
        OperatorName => operator_name(p, v, length),
        LocInfo => location_information(p, v, length),
        LocData => location_data(p, v, length),
        Blpr => basic_location_policy_rules(p, v, length),
        Time => time(p, v, length),
        Vector64 => vector64(p, v, length),
        Strange => strange(p, v, length, ty),
    }
}

/// `ND_ASCII_ISPRINT(c) ? c : '.'`.
fn ascii(p: &mut Printer, c: u8) {
    p.out()
        .push(if (0x20..=0x7e).contains(&c) { c } else { b'.' });
}

/// `print_attr_string`: the text up to a NUL, unprintable bytes as `.`;
/// tunnel attributes' tag, Tunnel-Password's salt, Egress-VLAN-Name's tag
/// byte before it; EAP-Message through the EAP printer.
fn string(p: &mut Printer, v: &[u8], mut length: usize, ty: u8) -> P {
    if !v.has(0, length) {
        p.trunc();
        return Ok(());
    }
    let mut at = 0;
    match ty {
        TUNNEL_PASS => {
            if length < 3 {
                p.trunc();
                return Ok(());
            }
            let tag = v.u8_at(0)?;
            if tag != 0 && tag <= 0x1f {
                out!(p, "Tag[{tag}] ");
            } else {
                p.s("Tag[Unused] ");
            }
            out!(p, "Salt {} ", v.be16(1)?);
            at = 3;
            length -= 3;
        }
        TUNNEL_CLIENT_END | TUNNEL_SERVER_END | TUNNEL_PRIV_GROUP | TUNNEL_ASSIGN_ID
        | TUNNEL_CLIENT_AUTH | TUNNEL_SERVER_AUTH => {
            let tag = v.u8_at(0)?;
            if tag <= 0x1f {
                if tag != 0 {
                    out!(p, "Tag[{tag}] ");
                } else {
                    p.s("Tag[Unused] ");
                }
                at = 1;
                length -= 1;
            }
        }
        EGRESS_VLAN_NAME => {
            let tag = v.u8_at(0)?;
            out!(p, "{} (0x{tag:02x}) ", vlan_tag(tag));
            at = 1;
            length -= 1;
        }
        EAP_MESSAGE => return super::eap::eap_print(p, v, length),
        _ => {}
    }
    for i in 0..length {
        match v.u8_at(at + i)? {
            0 => break,
            c => ascii(p, c),
        }
    }
    Ok(())
}

/// `print_vendor_attr`: the vendor, then each sub-attribute's type,
/// length and text.
fn vendor(p: &mut Printer, v: &[u8], mut length: usize) -> P {
    if length < 4 {
        p.trunc();
        return Ok(());
    }
    let id = v.be32(0)?;
    let mut at = 4;
    length -= 4;
    out!(p, "Vendor: {} ({id})", smi_name(id));
    while length >= 2 {
        let vtype = v.u8_at(at)?;
        let vlen = usize::from(v.u8_at(at + 1)?);
        if vlen < 2 {
            out!(
                p,
                "\n\t    Vendor Attribute: {vtype}, Length: {vlen} (bogus, must be >= 2)"
            );
            return Ok(());
        }
        if vlen > length {
            out!(
                p,
                "\n\t    Vendor Attribute: {vtype}, Length: {vlen} (bogus, goes past end of vendor-specific attribute)"
            );
            return Ok(());
        }
        at += 2;
        let vlen = vlen - 2;
        length -= 2;
        if !v.has(at, vlen) {
            p.trunc();
            return Ok(());
        }
        out!(
            p,
            "\n\t    Vendor Attribute: {vtype}, Length: {vlen}, Value: "
        );
        for i in 0..vlen {
            let c = v.u8_at(at + i)?;
            ascii(p, c);
        }
        at += vlen;
        length -= vlen;
    }
    Ok(())
}

/// `print_attr_num`: a standard value's name (`#n` for another), a tag
/// before the tunnel types' 24-bit value, or the number as its type shows
/// it (timeouts as time, special values named).
fn num(p: &mut Printer, attr: &Attr, v: &[u8], length: usize, ty: u8) -> P {
    if length != 4 {
        out!(p, "ERROR: length {length} != 4");
        return Ok(());
    }
    if !attr.values.is_empty() {
        let value = if ty == TUNNEL_TYPE_ATTR || ty == TUNNEL_MEDIUM_ATTR {
            tag(p, v.u8_at(0)?);
            v.be24(1)?
        } else {
            v.be32(0)?
        };
        let name = usize::try_from(value)
            .ok()
            .filter(|_| value >= attr.first)
            .and_then(|i| attr.values.get(i));
        match name {
            Some(name) => p.s(name),
            _ => out!(p, "#{value}"),
        }
        return Ok(());
    }
    match ty {
        FRM_IPX => {
            let n = v.be32(0)?;
            if n == 0xffff_fffe {
                p.s("NAS Select");
            } else {
                out!(p, "{n}");
            }
        }
        SESSION_TIMEOUT | IDLE_TIMEOUT | ACCT_DELAY | ACCT_SESSION_TIME | ACCT_INT_INTERVAL => {
            let t = v.be32(0)?;
            if t < 60 {
                out!(p, "{t:02} secs");
            } else if t < 3600 {
                out!(p, "{:02}:{:02} min", t / 60, t % 60);
            } else {
                out!(
                    p,
                    "{:02}:{:02}:{:02} hours",
                    t / 3600,
                    (t % 3600) / 60,
                    t % 60
                );
            }
        }
        FRM_ATALK_LINK | FRM_ATALK_NETWORK => {
            let n = v.be32(0)?;
            if n != 0 {
                out!(p, "{n}");
            } else if ty == FRM_ATALK_LINK {
                p.s("Unnumbered");
            } else {
                p.s("NAS assigned");
            }
        }
        TUNNEL_PREFERENCE => {
            tag(p, v.u8_at(0)?);
            out!(p, "{}", v.be24(1)?);
        }
        EGRESS_VLAN_ID => {
            let t = v.u8_at(0)?;
            out!(p, "{} (0x{t:02x}) ", vlan_tag(t));
            out!(p, "{}", v.be24(1)?);
        }
        _ => out!(p, "{}", v.be32(0)?),
    }
    Ok(())
}

/// A tunnel attribute's tag byte in `print_attr_num`.
fn tag(p: &mut Printer, t: u8) {
    if t == 0 {
        p.s("Tag[Unused] ");
    } else {
        out!(p, "Tag[{t}] ");
    }
}

/// `print_attr_address`.
fn address(p: &mut Printer, v: &[u8], length: usize, ty: u8) -> P {
    if length != 4 {
        out!(p, "ERROR: length {length} != 4");
        return Ok(());
    }
    let a = *v.array::<4>(0)?;
    match u32::from_be_bytes(a) {
        0xffff_ffff if ty == FRM_IPADDR || ty == LOG_IPHOST => p.s("User Selected"),
        0xffff_fffe if ty == FRM_IPADDR || ty == LOG_IPHOST => p.s("NAS Select"),
        _ => p.ip4(a),
    }
    Ok(())
}

/// `print_attr_netmask6`: a reserved byte, the prefix length and as many
/// bytes of the prefix as were sent.
fn netmask6(p: &mut Printer, v: &[u8], length: usize) -> P {
    if !(2..=18).contains(&length) {
        out!(p, "ERROR: length {length} not in range (2..18)");
        return Ok(());
    }
    if !v.has(0, length) {
        p.trunc();
        return Ok(());
    }
    let plen = v.u8_at(1)?;
    if plen > 128 {
        out!(p, "ERROR: netmask {plen} not in range (0..128)");
        return Ok(());
    }
    let mut prefix = [0u8; 16];
    for (i, b) in prefix.iter_mut().take(length - 2).enumerate() {
        *b = v.u8_at(2 + i)?;
    }
    p.ip6(&prefix);
    out!(p, "/{plen}");
    if usize::from(plen) > 8 * (length - 2) {
        p.s(" (inconsistent prefix length)");
    }
    Ok(())
}

/// `print_attr_mip6_home_link_prefix`: the prefix length, then a whole
/// IPv6 address.
fn mip6_home_link_prefix(p: &mut Printer, v: &[u8], length: usize) -> P {
    if length != 17 {
        out!(p, "ERROR: length {length} != 17");
        return Ok(());
    }
    if !v.has(0, length) {
        p.trunc();
        return Ok(());
    }
    let plen = v.u8_at(0)?;
    if plen > 128 {
        out!(p, "ERROR: netmask {plen} not in range (0..128)");
        return Ok(());
    }
    let a = *v.array::<16>(1)?;
    p.ip6(&a);
    out!(p, "/{plen}");
    Ok(())
}

/// `print_attr_operator_name`: the namespace, then the name.
fn operator_name(p: &mut Printer, v: &[u8], length: usize) -> P {
    if !v.has(0, length) {
        p.trunc();
        return Ok(());
    }
    if length < 2 {
        out!(p, "ERROR: length {length} < 2");
        return Ok(());
    }
    let ns = v.u8_at(0)?;
    match operator_namespace(ns) {
        Some(name) => out!(p, "[{name}] "),
        _ => out!(p, "[unknown namespace {ns}] "),
    }
    chars::printn(p, v, 1, length - 1);
    Ok(())
}

/// `print_attr_location_information`.
fn location_information(p: &mut Printer, v: &[u8], length: usize) -> P {
    if !v.has(0, length) {
        p.trunc();
        return Ok(());
    }
    if length < 21 {
        out!(p, "ERROR: length {length} < 21");
        return Ok(());
    }
    let index = v.be16(0)?;
    let code = v.u8_at(2)?;
    let entity = v.u8_at(3)?;
    out!(p, "index {index}, code ");
    match code {
        0 => p.s("Civic"),
        1 => p.s("Geospatial"),
        _ => out!(p, "Unknown ({code})"),
    }
    p.s(", entity ");
    match entity {
        0 => p.s("User"),
        1 => p.s("RADIUS"),
        _ => out!(p, "Unknown ({entity})"),
    }
    p.s(", sighting time ");
    super::ntp::ntp_time(p, v, 4)?;
    p.s(", time to live ");
    super::ntp::ntp_time(p, v, 12)?;
    p.s(", method \"");
    chars::printn(p, v, 20, length - 20);
    p.s("\"");
    Ok(())
}

/// `print_attr_location_data`: the index, then the location in hex and
/// ASCII (its layout depends on an earlier attribute's code).
fn location_data(p: &mut Printer, v: &[u8], length: usize) -> P {
    if !v.has(0, length) {
        p.trunc();
        return Ok(());
    }
    if length < 3 {
        out!(p, "ERROR: length {length} < 3");
        return Ok(());
    }
    out!(p, "index {}, location", v.be16(0)?);
    super::hex::hex_and_ascii(p, "\n\t    ", v.from(2)?, length - 2, 0)
}

/// `print_basic_location_policy_rules`.
fn basic_location_policy_rules(p: &mut Printer, v: &[u8], length: usize) -> P {
    if !v.has(0, length) {
        p.trunc();
        return Ok(());
    }
    if length < 10 {
        out!(p, "ERROR: length {length} < 10");
        return Ok(());
    }
    let flags = v.be16(0)?;
    p.s("flags [");
    bittok2str(p, BLPR_FLAGS, "none", u32::from(flags));
    p.s("], retention expires ");
    super::ntp::ntp_time(p, v, 2)?;
    if length > 10 {
        p.s(", note well \"");
        chars::printn(p, v, 10, length - 10);
        p.s("\"");
    }
    Ok(())
}

/// `print_attr_time`: seconds since 1970 as `ctime` shows them, in local
/// time.
fn time(p: &mut Printer, v: &[u8], length: usize) -> P {
    if length != 4 {
        out!(p, "ERROR: length {length} != 4");
        return Ok(());
    }
    let t = v.be32(0)?;
    if let Some(t) = Local.timestamp_opt(i64::from(t), 0).earliest() {
        out!(p, "{}", t.format("%a %b %e %H:%M:%S %Y"));
    }
    Ok(())
}

/// `print_attr_vector64`: MIP6-Feature-Vector's known bits by name.
fn vector64(p: &mut Printer, v: &[u8], length: usize) -> P {
    if length != 8 {
        out!(p, "ERROR: length {length} != 8");
        return Ok(());
    }
    p.s("[");
    let bits = v.be64(0)?;
    let mut sep = "";
    for &(bit, name) in MIP6_FEATURES {
        if bits & bit != 0 {
            out!(p, "{sep}{name}");
            sep = ", ";
        }
    }
    p.s("]");
    Ok(())
}

/// `PRINT_HEX`: `n` bytes in upper-case hex, each read as it is printed.
fn hex_upper(p: &mut Printer, v: &[u8], at: usize, n: usize) -> P {
    for i in 0..n {
        let b = v.u8_at(at + i)?;
        out!(p, "{b:02X}");
    }
    Ok(())
}

/// `print_attr_strange`: the ARAP attributes and Error-Cause.
fn strange(p: &mut Printer, v: &[u8], length: usize, ty: u8) -> P {
    match ty {
        ARAP_PASS => {
            if length != 16 {
                out!(p, "ERROR: length {length} != 16");
                return Ok(());
            }
            p.s("User_challenge (");
            hex_upper(p, v, 0, 8)?;
            p.s(") User_resp(");
            hex_upper(p, v, 8, 8)?;
            p.s(")");
        }
        ARAP_FEATURES => {
            if length != 14 {
                out!(p, "ERROR: length {length} != 14");
                return Ok(());
            }
            if v.u8_at(0)? != 0 {
                p.s("User can change password");
            } else {
                p.s("User cannot change password");
            }
            out!(p, ", Min password length: {}", v.u8_at(1)?);
            p.s(", created at: ");
            hex_upper(p, v, 2, 4)?;
            p.s(", expires in: ");
            hex_upper(p, v, 6, 4)?;
            p.s(", Current Time: ");
            hex_upper(p, v, 10, 4)?;
        }
        ARAP_CHALLENGE_RESP => {
            // tcpdump's message says "!=" for a check of "<".
            if length < 8 {
                out!(p, "ERROR: length {length} != 8");
                return Ok(());
            }
            hex_upper(p, v, 0, 8)?;
        }
        ERROR_CAUSE => {
            if length != 4 {
                out!(p, "Error: length {length} != 4");
                return Ok(());
            }
            let e = v.be32(0)?;
            match error_cause(e) {
                Some(name) => out!(p, "Error cause {e}: {name}"),
                _ => out!(p, "Error cause {e}: Error-Cause {e} not known"),
            }
        }
        _ => {}
    }
    Ok(())
}
