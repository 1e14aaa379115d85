//! Address formatting exactly as tcpdump's `addrtostr.c` / `addrtoname.c`:
//! dotted quads, IPv6 with the longest zero run compressed (and tcpdump's
//! embedded-IPv4 forms), colon-separated MACs; and the host/port/MAC name
//! lookups when `-n` is not given (`-N` cuts host names at the first dot).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::Printer;
use crate::decode::Bytes;

pub struct Mac<'a>(pub &'a [u8]);

impl fmt::Display for Mac<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, b) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(":")?;
            }
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

pub struct V4(pub [u8; 4]);

impl fmt::Display for V4 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c, d] = self.0;
        write!(f, "{a}.{b}.{c}.{d}")
    }
}

/// `addrtostr6`.
pub struct V6<'a>(pub &'a [u8; 16]);

impl fmt::Display for V6<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut w = [0u16; 8];
        for (i, x) in w.iter_mut().enumerate() {
            let hi = self.0.get(2 * i).copied().unwrap_or(0);
            let lo = self.0.get(2 * i + 1).copied().unwrap_or(0);
            *x = u16::from(hi) << 8 | u16::from(lo);
        }
        // Longest run of zero words (the first of equal runs), length >= 2.
        let (mut best_base, mut best_len) = (usize::MAX, 0);
        let (mut cur_base, mut cur_len) = (usize::MAX, 0);
        for (i, &x) in w.iter().enumerate() {
            if x == 0 {
                if cur_base == usize::MAX {
                    cur_base = i;
                    cur_len = 1;
                } else {
                    cur_len += 1;
                }
            } else if cur_base != usize::MAX {
                if best_base == usize::MAX || cur_len > best_len {
                    best_base = cur_base;
                    best_len = cur_len;
                }
                cur_base = usize::MAX;
            }
        }
        if cur_base != usize::MAX && (best_base == usize::MAX || cur_len > best_len) {
            best_base = cur_base;
            best_len = cur_len;
        }
        if best_base != usize::MAX && best_len < 2 {
            best_base = usize::MAX;
        }
        let mut i = 0;
        while i < 8 {
            if best_base != usize::MAX && i >= best_base && i < best_base + best_len {
                if i == best_base {
                    f.write_str(":")?;
                }
                i += 1;
                continue;
            }
            if i != 0 {
                f.write_str(":")?;
            }
            let x5 = w.get(5).copied().unwrap_or(0);
            if i == 6 && best_base == 0 && (best_len == 6 || (best_len == 5 && x5 == 0xffff)) {
                let b = |k: usize| self.0.get(k).copied().unwrap_or(0);
                return write!(f, "{}.{}.{}.{}", b(12), b(13), b(14), b(15));
            }
            write!(f, "{:x}", w.get(i).copied().unwrap_or(0))?;
            i += 1;
        }
        if best_base != usize::MAX && best_base + best_len == 8 {
            f.write_str(":")?;
        }
        Ok(())
    }
}

/// tcpdump's `oui_values` (the first of two equal keys wins, as in `tok2str`).
pub(super) fn oui_name(oui: u32) -> Option<&'static str> {
    Some(match oui {
        0x000000 => "Ethernet",
        0x00000c => "Cisco",
        0x00005e => "IANA",
        0x000081 => "Nortel Networks SONMP",
        0x0000f8 => "Cisco bridged",
        0x0080c2 => "Ethernet bridged",
        0x00a03e => "ATM Forum",
        0x00e02f => "DOCSIS Spanning Tree",
        0x080007 => "Appletalk",
        0x009069 => "Juniper",
        0x080009 => "Hewlett-Packard",
        0x00120f => "IEEE 802.3 Private",
        0x0012bb => "ANSI/TIA",
        0x001b21 => "DCBX",
        0x002320 => "Nicira Networks",
        0x5c16c7 => "Big Switch Networks",
        0xb0d2f5 => "Vello Systems",
        0x002481 => "HP",
        0x0004ea => "HP-Labs",
        0x748771 => "Infoblox Inc",
        0xa42305 => "Open Networking Lab",
        0x00049f => "Freescale",
        0x0015ad => "Netronome",
        0x001018 => "Broadcom",
        0x00e004 => "PMC-Sierra",
        0xd0f0db => "Ericsson",
        _ => return None,
    })
}

/// `etheraddr_string`'s table when names are on: `/etc/ethers` (what glibc's
/// `ether_ntohost` reads with the usual `ethers: files`), tcpdump's wired-in
/// `Broadcast`, else the address with its OUI's name. Filled per address.
#[derive(Default)]
pub struct EtherNames {
    /// `/etc/ethers`, read on first use.
    ethers: Option<HashMap<[u8; 6], String>>,
    cache: HashMap<[u8; 6], String>,
}

impl EtherNames {
    fn name(&mut self, mac: [u8; 6]) -> &str {
        let ethers = self.ethers.get_or_insert_with(read_ethers);
        self.cache.entry(mac).or_insert_with(|| {
            if let Some(n) = ethers.get(&mac) {
                return n.clone();
            }
            if mac == [0xff; 6] {
                return "Broadcast".to_string();
            }
            let [a, b, c, ..] = mac;
            let oui = u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c);
            format!("{} (oui {})", Mac(&mac), oui_name(oui).unwrap_or("Unknown"))
        })
    }
}

/// `/etc/ethers` as glibc parses it: `MAC name` per line, `#` comments,
/// MAC bytes as 1 or 2 hex digits; the first line for an address wins.
fn read_ethers() -> HashMap<[u8; 6], String> {
    let mut m = HashMap::new();
    let Ok(text) = std::fs::read_to_string("/etc/ethers") else {
        return m;
    };
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("");
        let mut f = line.split_whitespace();
        let (Some(addr), Some(name)) = (f.next(), f.next()) else {
            continue;
        };
        let mut mac = [0u8; 6];
        let mut parts = addr.split(':');
        let ok = mac.iter_mut().all(|b| {
            match parts.next().map(|h| (h.len(), u8::from_str_radix(h, 16))) {
                Some((1..=2, Ok(v))) => {
                    *b = v;
                    true
                }
                _ => false,
            }
        }) && parts.next().is_none();
        if ok {
            m.entry(mac).or_insert_with(|| name.to_string());
        }
    }
    m
}

impl Printer {
    /// `etheraddr_string`: `xx:xx:xx:xx:xx:xx` under `-n`, else a name
    /// (see [`EtherNames`]).
    pub(super) fn etheraddr(&mut self, mac: &[u8]) {
        match <[u8; 6]>::try_from(mac) {
            Ok(m) if self.run.names.resolving() => {
                let n = self.run.ethers.name(m);
                self.buf.line.extend_from_slice(n.as_bytes());
            }
            _ => super::out!(self, "{}", Mac(mac)),
        }
    }

    /// A resolved host name, cut at its first dot under `-N` (tcpdump's
    /// "remove domain qualifications").
    fn host_name(&mut self, h: &str) {
        let h = if self.opts.short_hostnames {
            h.split('.').next().unwrap_or(h)
        } else {
            h
        };
        self.buf.line.extend_from_slice(h.as_bytes());
    }

    /// `ipaddr_string`: the host name unless `-n`, else the dotted quad.
    pub(super) fn ip4(&mut self, a: [u8; 4]) {
        if self.run.names.resolving()
            && let Some(h) = self.run.names.host(IpAddr::V4(Ipv4Addr::from(a)))
        {
            let h = h.to_string();
            self.host_name(&h);
            return;
        }
        for (i, b) in a.into_iter().enumerate() {
            if i > 0 {
                self.buf.line.push(b'.');
            }
            self.dec(b);
        }
    }

    /// `ip6addr_string`.
    pub(super) fn ip6(&mut self, a: &[u8; 16]) {
        if self.run.names.resolving()
            && let Some(h) = self.run.names.host(IpAddr::V6(Ipv6Addr::from(*a)))
        {
            let h = h.to_string();
            self.host_name(&h);
            return;
        }
        super::out!(self, "{}", V6(a));
    }

    /// `tcpport_string`.
    pub(super) fn tcp_port(&mut self, port: u16) {
        self.port(port, false);
    }

    /// `udpport_string`.
    pub(super) fn udp_port(&mut self, port: u16) {
        self.port(port, true);
    }

    /// The service name of a TCP or UDP port from `/etc/services` (never
    /// under `-n`), else the number.
    fn port(&mut self, port: u16, udp: bool) {
        let names = &self.run.names;
        match if udp {
            names.udp_port(port)
        } else {
            names.tcp_port(port)
        } {
            Some(n) => self.buf.line.extend_from_slice(n.as_bytes()),
            None => self.dec(port),
        }
    }

    /// `GET_IPADDR_STRING(data + at)`: the IPv4 address at `at`.
    pub(super) fn ip4_at(&mut self, data: &[u8], at: usize) -> super::P {
        let a = *data.array::<4>(at)?;
        self.ip4(a);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::print::{PrintOptions, Printer};

    /// `-N` keeps a host name up to its first dot.
    #[test]
    fn short_hostnames() {
        let mut p = Printer::new(PrintOptions {
            short_hostnames: true,
            ..PrintOptions::default()
        });
        p.host_name("www.example.com");
        p.s(" ");
        p.host_name("localhost");
        assert_eq!(p.buf.line, b"www localhost");
        let mut p = Printer::new(PrintOptions::default());
        p.host_name("www.example.com");
        assert_eq!(p.buf.line, b"www.example.com");
    }

    /// Under `-n` a MAC is bare hex; names are looked up only without it.
    #[test]
    fn etheraddr_numeric() {
        let mut p = Printer::new(PrintOptions {
            numeric: 1,
            ..PrintOptions::default()
        });
        p.etheraddr(&[0xff; 6]);
        assert_eq!(p.buf.line, b"ff:ff:ff:ff:ff:ff");
        let mut p = Printer::new(PrintOptions::default());
        p.etheraddr(&[0xff; 6]);
        p.s(" ");
        p.etheraddr(&[2, 0x77, 0, 0, 0, 1]);
        // (no /etc/ethers entry for these on a test host)
        assert_eq!(p.buf.line, b"Broadcast 02:77:00:00:00:01 (oui Unknown)");
    }
}
