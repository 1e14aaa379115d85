//! Name databases and address text: `/etc/services`, `/etc/protocols`,
//! `/etc/networks` lookups, Ethernet-type names, dotted IPv4 and MAC
//! address parsing. Mirrors libpcap's nametoaddr.c (`pcap_nametoport`,
//! `pcap_nametoportrange`, `pcap_nametoproto`, `pcap_nametoeproto`,
//! `pcap_nametonetaddr`, `pcap_ether_aton`, `__pcap_atoin`) and inet(3)'s
//! `inet_network`.

/// libpcap's `__pcap_atoin`: value and length in bits, or None.
pub(super) fn atoin(s: &str) -> Option<(u32, u32)> {
    let mut addr: u32 = 0;
    let mut len = 0;
    for part in s.split('.') {
        let mut n: u32 = 0;
        for c in part.bytes() {
            if n > 25 {
                return None;
            }
            n = n * 10 + u32::from(c).wrapping_sub(u32::from(b'0'));
        }
        if n > 255 {
            return None;
        }
        addr = (addr << 8) | (n & 0xff);
        len += 8;
    }
    Some((addr, len))
}

/// `inet_network` for /etc/networks: parts right-aligned.
fn inet_network(s: &str) -> Option<u32> {
    let mut v: u32 = 0;
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() > 4 {
        return None;
    }
    for p in parts {
        let n: u32 = if let Some(h) = p.strip_prefix("0x").or_else(|| p.strip_prefix("0X")) {
            u32::from_str_radix(h, 16).ok()?
        } else {
            p.parse().ok()?
        };
        if n > 255 {
            return None;
        }
        v = (v << 8) | n;
    }
    Some(v)
}

/// Lines of a /etc database file without comments, split in fields.
fn db_lines(path: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .map(|l| l.split('#').next().unwrap_or_default())
        .map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .filter(|f| !f.is_empty())
        .collect()
}

/// getservbyname(name, proto) from /etc/services.
fn service_port(name: &str, proto: &str) -> Option<i64> {
    db_lines("/etc/services").into_iter().find_map(|f| {
        let (port, pr) = f.get(1)?.split_once('/')?;
        let hit = pr == proto && (f.first()? == name || f.get(2..)?.iter().any(|a| a == name));
        if hit { port.parse().ok() } else { None }
    })
}

/// Protocol numbers as libpcap's `*proto` results.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum RealProto {
    Undef,
    Tcp,
    Udp,
}

/// `pcap_nametoport`.
pub(super) fn nametoport(name: &str) -> Option<(i64, RealProto)> {
    let tcp = service_port(name, "tcp");
    let udp = service_port(name, "udp");
    match (tcp, udp) {
        (Some(t), Some(u)) if t == u => Some((t, RealProto::Undef)),
        (Some(t), _) => Some((t, RealProto::Tcp)),
        (None, Some(u)) => Some((u, RealProto::Udp)),
        (None, None) => None,
    }
}

/// `%d` of sscanf: optional sign and digits; the value and the rest.
fn scan_int(s: &str) -> Option<(i64, &str)> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, s.get(1..)?),
        Some(b'+') => (false, s.get(1..)?),
        _ => (false, s),
    };
    let n = body.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 {
        return None;
    }
    let v = body.get(..n)?.bytes().fold(0i64, |a, c| {
        a.saturating_mul(10).saturating_add(i64::from(c - b'0'))
    });
    Some((if neg { -v } else { v }, body.get(n..)?))
}

/// `pcap_nametoportrange`.
pub(super) fn nametoportrange(name: &str) -> Option<(i64, i64, RealProto)> {
    if let Some((a, Some((b, _)))) =
        scan_int(name).map(|(a, rest)| (a, rest.strip_prefix('-').and_then(scan_int)))
    {
        return Some((a, b, RealProto::Undef));
    }
    let (a, b) = name.split_once('-')?;
    let (p1, r1) = nametoport(a)?;
    let (p2, r2) = nametoport(b)?;
    Some((p1, p2, if r1 == r2 { r2 } else { RealProto::Undef }))
}

/// `pcap_nametoproto` from /etc/protocols.
pub(super) fn nametoproto(name: &str) -> Option<u32> {
    db_lines("/etc/protocols").into_iter().find_map(|f| {
        let hit = f.first()? == name || f.get(2..)?.iter().any(|a| a == name);
        if hit { f.get(1)?.parse().ok() } else { None }
    })
}

/// `pcap_nametoeproto` then `pcap_nametollc`.
pub(super) fn nametoeproto(name: &str) -> Option<u32> {
    Some(match name {
        "aarp" => 0x80f3,
        "arp" => 0x0806,
        "atalk" => 0x809b,
        "decnet" => 0x6003,
        "ip" => 0x0800,
        "ip6" => 0x86dd,
        "lat" => 0x6004,
        "loopback" => 0x9000,
        "mopdl" => 0x6001,
        "moprc" => 0x6002,
        "rarp" => 0x8035,
        "sca" => 0x6007,
        "iso" => 0xfe,
        "stp" => 0x42,
        "ipx" => 0xe0,
        "netbeui" => 0xf0,
        _ => return None,
    })
}

/// `pcap_nametonetaddr` from /etc/networks.
pub(super) fn nametonetaddr(name: &str) -> u32 {
    db_lines("/etc/networks")
        .into_iter()
        .find_map(|f| {
            let hit = f.first()? == name || f.get(2..)?.iter().any(|a| a == name);
            if hit { inet_network(f.get(1)?) } else { None }
        })
        .unwrap_or(0)
}

/// `pcap_ether_aton`.
pub(super) fn ether_aton(s: &str) -> [u8; 6] {
    let mut e = [0u8; 6];
    let b = s.as_bytes();
    let mut i = 0;
    let mut k = 0;
    while i < b.len() && k < 6 {
        let c = b.get(i).copied().unwrap_or(0);
        if matches!(c, b':' | b'.' | b'-') {
            i += 1;
            continue;
        }
        let mut d = (c as char).to_digit(16).unwrap_or(0);
        i += 1;
        if let Some(x) = b.get(i).and_then(|&c| (c as char).to_digit(16)) {
            d = (d << 4) | x;
            i += 1;
        }
        if let Some(slot) = e.get_mut(k) {
            *slot = d as u8;
        }
        k += 1;
    }
    e
}
