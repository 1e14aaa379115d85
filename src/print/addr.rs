//! Address formatting exactly as tcpdump's `addrtostr.c` / `addrtoname.c`:
//! dotted quads, IPv6 with the longest zero run compressed (and tcpdump's
//! embedded-IPv4 forms), colon-separated MACs; and the host/port name
//! lookups when `-n` is not given.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::Printer;

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

impl Printer {
    /// `ipaddr_string`: the host name unless `-n`, else the dotted quad.
    pub(super) fn ip4(&mut self, a: [u8; 4]) {
        if self.names.resolving()
            && let Some(h) = self.names.host(IpAddr::V4(Ipv4Addr::from(a)))
        {
            let h = h.to_string();
            self.s(&h);
            return;
        }
        for (i, b) in a.into_iter().enumerate() {
            if i > 0 {
                self.line.push(b'.');
            }
            self.dec(b);
        }
    }

    /// `ip6addr_string`.
    pub(super) fn ip6(&mut self, a: &[u8; 16]) {
        if self.names.resolving()
            && let Some(h) = self.names.host(IpAddr::V6(Ipv6Addr::from(*a)))
        {
            let h = h.to_string();
            self.s(&h);
            return;
        }
        super::out!(self, "{}", V6(a));
    }

    /// `tcpport_string`.
    pub(super) fn tcp_port(&mut self, port: u16) {
        match self.names.tcp_port(port) {
            Some(n) => {
                let n = n.to_string();
                self.s(&n)
            }
            None => self.dec(port),
        }
    }

    /// `udpport_string`.
    pub(super) fn udp_port(&mut self, port: u16) {
        match self.names.udp_port(port) {
            Some(n) => {
                let n = n.to_string();
                self.s(&n)
            }
            None => self.dec(port),
        }
    }
}
