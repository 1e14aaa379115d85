//! Tokens of the pcap-filter language with their byte spans, cut as
//! libpcap's flex scanner (scanner.l) cuts them: the longest match wins and
//! ties go to the earlier rule (keywords, then MAC addresses, numbers, dotted
//! IPv4, IPv6, named constants, names). Scanner errors become
//! [`Tok::Error`] tokens, reported only if the parser reaches them, as the
//! scanner is called lazily by libpcap's parser.

use crate::filter::ast::Proto;
use crate::filter::ast::Proto as AP;

/// A protocol name usable as qualifier (`pname` in grammar.y).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PName {
    P(Proto),
    /// IS-IS PDU qualifiers (`l1`, `l2`, `iih`, `lsp`, `snp`, `csnp`, `psnp`),
    /// which the AST has no room for.
    IsisSub,
}

/// Keywords.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kw {
    Dst,
    Src,
    Pname(PName),
    Host,
    Net,
    Mask,
    Port,
    Portrange,
    Proto,
    Protochain,
    Gateway,
    Less,
    Greater,
    Broadcast,
    Multicast,
    And,
    Or,
    Not,
    Len,
    Inbound,
    Outbound,
    Vlan,
    Mpls,
    Geneve,
    Pppoed,
    Pppoes,
    Ifindex,
    /// A keyword of a primitive libpcap has and tcpscope does not
    /// (802.11 `type`, `llc`, ATM, MTP, pf, `geneve`, `byte`…).
    Unsupported,
}

/// Operators and punctuation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Colon,
    LBracket,
    RBracket,
    Bang,
    Lt,
    Gt,
    LParen,
    RParen,
    Amp,
    Pipe,
    Caret,
    Eq,
    Ge,
    Le,
    Ne,
    Shl,
    Shr,
}

/// A token kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    Kw(Kw),
    Num(u32),
    /// A name (`ID`); for `\name` the text after the backslash.
    Id(String),
    /// Dotted IPv4 with 2 to 4 parts (`HID`).
    Hid(String),
    /// IPv6 address (`HID6`).
    Hid6(String),
    /// MAC address (`EID`).
    Eid(String),
    /// ARCnet address `$xx` (`AID`).
    Aid(String),
    Op(Op),
    /// A scanner error with libpcap's message.
    Error(String),
    Eof,
}

/// A token with its place in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub tok: Tok,
    /// Byte range in the expression text.
    pub start: usize,
    pub end: usize,
}

fn keyword(s: &str) -> Option<Tok> {
    use Kw::*;
    let p = |p: AP| Some(Tok::Kw(Pname(PName::P(p))));
    let k = |k: Kw| Some(Tok::Kw(k));
    let n = |v: u32| Some(Tok::Num(v));
    match s {
        "dst" => k(Dst),
        "src" => k(Src),
        "link" | "ether" | "ppp" | "slip" | "fddi" | "tr" | "wlan" => p(AP::Link),
        "arp" => p(AP::Arp),
        "rarp" => p(AP::Rarp),
        "ip" => p(AP::Ip),
        "sctp" => p(AP::Sctp),
        "tcp" => p(AP::Tcp),
        "udp" => p(AP::Udp),
        "icmp" => p(AP::Icmp),
        "igmp" => p(AP::Igmp),
        "igrp" => p(AP::Igrp),
        "pim" => p(AP::Pim),
        "vrrp" => p(AP::Vrrp),
        "carp" => p(AP::Carp),
        "radio" => p(AP::Radio),
        "ip6" => p(AP::Ip6),
        "icmp6" => p(AP::Icmp6),
        "ah" => p(AP::Ah),
        "esp" => p(AP::Esp),
        "atalk" => p(AP::Atalk),
        "aarp" => p(AP::Aarp),
        "decnet" => p(AP::Decnet),
        "lat" => p(AP::Lat),
        "sca" => p(AP::Sca),
        "moprc" => p(AP::Moprc),
        "mopdl" => p(AP::Mopdl),
        "iso" => p(AP::Iso),
        "esis" | "es-is" => p(AP::Esis),
        "isis" | "is-is" => p(AP::Isis),
        "l1" | "l2" | "iih" | "lsp" | "snp" | "csnp" | "psnp" => k(Pname(PName::IsisSub)),
        "clnp" => p(AP::Clnp),
        "stp" => p(AP::Stp),
        "ipx" => p(AP::Ipx),
        "netbeui" => p(AP::Netbeui),
        "host" => k(Host),
        "net" => k(Net),
        "mask" => k(Mask),
        "port" => k(Port),
        "portrange" => k(Portrange),
        "proto" => k(Proto),
        "protochain" => k(Protochain),
        "gateway" => k(Gateway),
        "less" => k(Less),
        "greater" => k(Greater),
        "broadcast" => k(Broadcast),
        "multicast" => k(Multicast),
        "and" => k(And),
        "or" => k(Or),
        "not" => k(Not),
        "len" | "length" => k(Len),
        "inbound" => k(Inbound),
        "outbound" => k(Outbound),
        "vlan" => k(Vlan),
        "mpls" => k(Mpls),
        "pppoed" => k(Pppoed),
        "pppoes" => k(Pppoes),
        "geneve" => k(Geneve),
        "ifindex" => k(Ifindex),
        "type" | "subtype" | "direction" | "dir" | "address1" | "addr1" | "address2" | "addr2"
        | "address3" | "addr3" | "address4" | "addr4" | "ra" | "ta" | "byte" | "lane" | "llc"
        | "metac" | "bcc" | "oam" | "oamf4" | "oamf4ec" | "oamf4sc" | "sc" | "ilmic" | "vpi"
        | "vci" | "connectmsg" | "metaconnect" | "on" | "ifname" | "rset" | "ruleset" | "rnr"
        | "rulenum" | "srnr" | "subrulenum" | "reason" | "action" | "fisu" | "lssu" | "lsu"
        | "msu" | "hfisu" | "hlssu" | "hmsu" | "sio" | "opc" | "dpc" | "sls" | "hsio" | "hopc"
        | "hdpc" | "hsls" => k(Unsupported),
        "icmptype" => n(0),
        "icmpcode" => n(1),
        "icmp-echoreply" => n(0),
        "icmp-unreach" => n(3),
        "icmp-sourcequench" => n(4),
        "icmp-redirect" => n(5),
        "icmp-echo" => n(8),
        "icmp-routeradvert" => n(9),
        "icmp-routersolicit" => n(10),
        "icmp-timxceed" => n(11),
        "icmp-paramprob" => n(12),
        "icmp-tstamp" => n(13),
        "icmp-tstampreply" => n(14),
        "icmp-ireq" => n(15),
        "icmp-ireqreply" => n(16),
        "icmp-maskreq" => n(17),
        "icmp-maskreply" => n(18),
        "icmp6type" => n(0),
        "icmp6code" => n(1),
        "icmp6-destinationunreach" => n(1),
        "icmp6-packettoobig" => n(2),
        "icmp6-timeexceeded" => n(3),
        "icmp6-parameterproblem" => n(4),
        "icmp6-echo" => n(128),
        "icmp6-echoreply" => n(129),
        "icmp6-multicastlistenerquery" => n(130),
        "icmp6-multicastlistenerreportv1" => n(131),
        "icmp6-multicastlistenerdone" => n(132),
        "icmp6-routersolicit" => n(133),
        "icmp6-routeradvert" => n(134),
        "icmp6-neighborsolicit" => n(135),
        "icmp6-neighboradvert" => n(136),
        "icmp6-redirect" => n(137),
        "icmp6-routerrenum" => n(138),
        "icmp6-nodeinformationquery" => n(139),
        "icmp6-nodeinformationresponse" => n(140),
        "icmp6-ineighbordiscoverysolicit" => n(141),
        "icmp6-ineighbordiscoveryadvert" => n(142),
        "icmp6-multicastlistenerreportv2" => n(143),
        "icmp6-homeagentdiscoveryrequest" => n(144),
        "icmp6-homeagentdiscoveryreply" => n(145),
        "icmp6-mobileprefixsolicit" => n(146),
        "icmp6-mobileprefixadvert" => n(147),
        "icmp6-certpathsolicit" => n(148),
        "icmp6-certpathadvert" => n(149),
        "icmp6-multicastrouteradvert" => n(151),
        "icmp6-multicastroutersolicit" => n(152),
        "icmp6-multicastrouterterm" => n(153),
        "tcpflags" => n(13),
        "tcp-fin" => n(0x01),
        "tcp-syn" => n(0x02),
        "tcp-rst" => n(0x04),
        "tcp-push" => n(0x08),
        "tcp-ack" => n(0x10),
        "tcp-urg" => n(0x20),
        "tcp-ece" => n(0x40),
        "tcp-cwr" => n(0x80),
        _ => None,
    }
}

fn is_hex(c: u8) -> bool {
    c.is_ascii_hexdigit()
}

fn all_hex(s: &[u8], min: usize, max: usize) -> bool {
    s.len() >= min && s.len() <= max && s.iter().all(|&c| is_hex(c))
}

/// `{N}`: decimal digits or 0x/0X followed by hex digits.
fn is_n(s: &[u8]) -> bool {
    match s {
        [b'0', b'x' | b'X', rest @ ..] if !rest.is_empty() && all_hex(rest, 1, usize::MAX) => true,
        _ => !s.is_empty() && s.iter().all(u8::is_ascii_digit),
    }
}

/// `({N}\.{N})|({N}\.{N}\.{N})|({N}\.{N}\.{N}\.{N})`.
fn is_hid(s: &[u8]) -> bool {
    let parts: Vec<&[u8]> = s.split(|&c| c == b'.').collect();
    (2..=4).contains(&parts.len()) && parts.iter().all(|p| is_n(p))
}

/// `{MAC}`.
fn is_mac(s: &[u8]) -> bool {
    for sep in [b':', b'-', b'.'] {
        let parts: Vec<&[u8]> = s.split(|&c| c == sep).collect();
        if parts.len() == 6 && parts.iter().all(|p| all_hex(p, 1, 2)) {
            return true;
        }
    }
    let parts: Vec<&[u8]> = s.split(|&c| c == b'.').collect();
    if parts.len() == 3 && parts.iter().all(|p| all_hex(p, 4, 4)) {
        return true;
    }
    all_hex(s, 12, 12)
}

/// `{B}:+({B}:+)+`, the "bogus ethernet address" rule.
fn is_bogus_mac(s: &[u8]) -> bool {
    let mut i = 0;
    let mut groups = 0;
    while i < s.len() {
        let h = s
            .get(i..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&c| is_hex(c))
            .count();
        if !(1..=2).contains(&h) {
            return false;
        }
        i += h;
        let c = s
            .get(i..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&c| c == b':')
            .count();
        if c == 0 {
            return false;
        }
        i += c;
        groups += 1;
    }
    groups >= 2
}

/// Hex groups of an IPv6 address: (count, has "::"), or None.
fn v6_groups(p: &[u8]) -> Option<(usize, bool)> {
    let groups = |g: &[u8]| -> Option<usize> {
        if g.is_empty() {
            return Some(0);
        }
        let parts: Vec<&[u8]> = g.split(|&c| c == b':').collect();
        parts
            .iter()
            .all(|x| all_hex(x, 1, 4))
            .then_some(parts.len())
    };
    if let Some(pos) = p.windows(2).position(|w| w == b"::") {
        let a = p.get(..pos)?;
        let b = p.get(pos + 2..)?;
        Some((groups(a)? + groups(b)?, true))
    } else if p.is_empty() {
        None
    } else {
        Some((groups(p)?, false))
    }
}

/// `{V6}`.
fn is_v6(s: &[u8]) -> bool {
    if s.contains(&b'.') {
        let Some(last) = s.iter().rposition(|&c| c == b':') else {
            return false;
        };
        let tail = s.get(last + 1..).unwrap_or_default();
        let parts: Vec<&[u8]> = tail.split(|&c| c == b'.').collect();
        if parts.len() != 4 || !parts.iter().all(|p| is_n(p)) {
            return false;
        }
        let head = s.get(..=last).unwrap_or_default();
        let hex = if head.ends_with(b"::") {
            head
        } else {
            head.get(..last).unwrap_or_default()
        };
        match v6_groups(hex) {
            Some((n, false)) => n == 6,
            Some((n, true)) => n <= 5,
            None => false,
        }
    } else {
        match v6_groups(s) {
            Some((n, false)) => n == 8,
            Some((n, true)) => n <= 7,
            None => false,
        }
    }
}

/// Length of the longest prefix of `run` (at most 80 bytes) that `pred`
/// accepts.
fn longest(run: &[u8], pred: fn(&[u8]) -> bool) -> usize {
    let max = run.len().min(80);
    (1..=max)
        .rev()
        .find(|&n| run.get(..n).is_some_and(pred))
        .unwrap_or(0)
}

/// The `stou` conversion of a `{N}` token.
fn stou(s: &str) -> Tok {
    let b = s.as_bytes();
    let overflow = || Tok::Error(format!("number {s} overflows 32 bits"));
    let mut n: u32 = 0;
    match b {
        [b'0', b'x' | b'X', rest @ ..] => {
            for &c in rest {
                let d = (c as char).to_digit(16).unwrap_or(0);
                if n > 0x0FFF_FFFF {
                    return overflow();
                }
                n = (n << 4) + d;
            }
        }
        [b'0', rest @ ..] => {
            for &c in rest {
                if !(b'0'..=b'7').contains(&c) {
                    return Tok::Error(format!("number {s} contains non-octal digit"));
                }
                if n > 0o3777777777 {
                    return overflow();
                }
                n = (n << 3) + u32::from(c - b'0');
            }
        }
        _ => {
            for &c in b {
                let d = u32::from(c.wrapping_sub(b'0'));
                match n.checked_mul(10).and_then(|m| m.checked_add(d)) {
                    Some(m) => n = m,
                    None => return overflow(),
                }
            }
        }
    }
    Tok::Num(n)
}

/// The expression as libpcap sees it: a C string, ended by the first NUL
/// (tcpdump's `read_infile` reads a `-F` file whole and hands it on as a
/// string, so the filter stops at a NUL byte in the file).
pub fn c_string(text: &[u8]) -> &[u8] {
    match text.iter().position(|&b| b == 0) {
        Some(n) => text.get(..n).unwrap_or_default(),
        None => text,
    }
}

/// Cuts `text` (up to its first NUL, see [`c_string`]) into tokens; the
/// last one is [`Tok::Eof`]. Bytes are scanned as libpcap's flex scanner
/// scans them: a byte that starts no token (any non-ASCII byte outside a
/// `\name`) is an error token of its own.
pub fn tokenize<T: AsRef<[u8]> + ?Sized>(text: &T) -> Vec<Token> {
    let text = c_string(text.as_ref());
    let b = text;
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let rest = b.get(i..).unwrap_or_default();
        let Some(&c) = rest.first() else { break };
        if matches!(c, b' ' | b'\r' | b'\n' | b'\t') {
            i += 1;
            continue;
        }
        let (tok, len) = scan_one(text, i, rest);
        let len = len.max(1);
        out.push(Token {
            tok,
            start: i,
            end: i + len,
        });
        i += len;
    }
    out.push(Token {
        tok: Tok::Eof,
        start: text.len(),
        end: text.len(),
    });
    out
}

/// The text of `len` bytes at `start` (invalid UTF-8 as U+FFFD).
fn slice(text: &[u8], start: usize, len: usize) -> String {
    String::from_utf8_lossy(text.get(start..start + len).unwrap_or_default()).into_owned()
}

fn scan_one(text: &[u8], i: usize, rest: &[u8]) -> (Tok, usize) {
    let c = rest.first().copied().unwrap_or(0);
    // Two-character operators first (longest match).
    let two = rest.get(..2).unwrap_or_default();
    let two_op = match two {
        b">=" => Some(Tok::Op(Op::Ge)),
        b"<=" => Some(Tok::Op(Op::Le)),
        b"!=" => Some(Tok::Op(Op::Ne)),
        b"==" => Some(Tok::Op(Op::Eq)),
        b"<<" => Some(Tok::Op(Op::Shl)),
        b">>" => Some(Tok::Op(Op::Shr)),
        b"&&" => Some(Tok::Kw(Kw::And)),
        b"||" => Some(Tok::Kw(Kw::Or)),
        _ => None,
    };
    if let Some(t) = two_op {
        return (t, 2);
    }
    if c == b'$' {
        let n = rest
            .get(1..)
            .unwrap_or_default()
            .iter()
            .take(2)
            .take_while(|&&c| is_hex(c))
            .count();
        if n > 0 {
            return (Tok::Aid(slice(text, i, n + 1)), n + 1);
        }
        return (Tok::Error("syntax error".into()), 1);
    }
    if c == b'\\' {
        let n = rest
            .get(1..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&c| !matches!(c, b' ' | b'!' | b'(' | b')' | b'\n' | b'\t'))
            .count();
        if n > 0 {
            return (Tok::Id(slice(text, i + 1, n)), n + 1);
        }
        return (Tok::Error("syntax error".into()), 1);
    }
    if c.is_ascii_alphanumeric() || c == b':' {
        // Candidate lengths, in rule order for ties.
        let addr_run: Vec<u8> = rest
            .iter()
            .take(80)
            .take_while(|&&c| {
                c.is_ascii_hexdigit() || matches!(c, b':' | b'.' | b'-' | b'x' | b'X')
            })
            .copied()
            .collect();
        let id_len = if c.is_ascii_alphanumeric() {
            let mut n = rest
                .iter()
                .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
                .count();
            while n > 1 && matches!(rest.get(n - 1), Some(b'-' | b'_')) {
                n -= 1;
            }
            n
        } else {
            0
        };
        let id = slice(text, i, id_len);
        let kw = if id_len > 0 { keyword(&id) } else { None };
        let mac = longest(&addr_run, is_mac);
        let num = longest(&addr_run, is_n);
        let hid = longest(&addr_run, is_hid);
        let v6 = if addr_run.contains(&b':') {
            longest(&addr_run, is_v6)
        } else {
            0
        };
        let bogus = if addr_run.contains(&b':') {
            longest(&addr_run, is_bogus_mac)
        } else {
            0
        };
        let best = [mac, num, hid, v6, bogus, id_len]
            .into_iter()
            .max()
            .unwrap_or(0);
        if best == 0 {
            return (Tok::Op(Op::Colon), 1);
        }
        // Keywords that are not named constants come first; named constants
        // (Num) come after the address rules, which cannot tie with them.
        if let (true, Some(t @ Tok::Kw(_))) = (id_len == best, &kw) {
            return (t.clone(), best);
        }
        if mac == best {
            return (Tok::Eid(slice(text, i, best)), best);
        }
        if num == best {
            return (stou(&slice(text, i, best)), best);
        }
        if hid == best {
            return (Tok::Hid(slice(text, i, best)), best);
        }
        if v6 == best {
            let s = slice(text, i, best);
            if s.parse::<std::net::Ipv6Addr>().is_err() {
                return (Tok::Error(format!("bogus IPv6 address {s}")), best);
            }
            return (Tok::Hid6(s), best);
        }
        if bogus == best {
            let s = slice(text, i, best);
            return (Tok::Error(format!("bogus ethernet address {s}")), best);
        }
        if let Some(t) = kw {
            return (t, best);
        }
        return (Tok::Id(id), best);
    }
    let op = match c {
        b'+' => Op::Plus,
        b'-' => Op::Minus,
        b'*' => Op::Star,
        b'/' => Op::Slash,
        b'%' => Op::Percent,
        b':' => Op::Colon,
        b'[' => Op::LBracket,
        b']' => Op::RBracket,
        b'!' => Op::Bang,
        b'<' => Op::Lt,
        b'>' => Op::Gt,
        b'(' => Op::LParen,
        b')' => Op::RParen,
        b'&' => Op::Amp,
        b'|' => Op::Pipe,
        b'^' => Op::Caret,
        b'=' => Op::Eq,
        // scanner.l's last rule, `.`: one byte.
        _ => return (Tok::Error("syntax error".into()), 1),
    };
    (Tok::Op(op), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds<T: AsRef<[u8]> + ?Sized>(s: &T) -> Vec<Tok> {
        tokenize(s).into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn longest_match() {
        assert_eq!(kinds("host")[0], Tok::Kw(Kw::Host));
        assert_eq!(kinds("hostx")[0], Tok::Id("hostx".into()));
        assert_eq!(kinds("tcp-syn")[0], Tok::Num(2));
        assert_eq!(kinds("0x1f")[0], Tok::Num(31));
        assert_eq!(kinds("017")[0], Tok::Num(15));
        assert_eq!(kinds("1e")[0], Tok::Id("1e".into()));
        assert_eq!(kinds("10.1")[0], Tok::Hid("10.1".into()));
        assert_eq!(kinds("fe80::1")[0], Tok::Hid6("fe80::1".into()));
        assert_eq!(
            kinds("::ffff:1.2.3.4")[0],
            Tok::Hid6("::ffff:1.2.3.4".into())
        );
        assert_eq!(
            kinds("aa:bb:cc:dd:ee:ff")[0],
            Tok::Eid("aa:bb:cc:dd:ee:ff".into())
        );
        assert_eq!(kinds("123456789012")[0], Tok::Eid("123456789012".into()));
        assert_eq!(
            kinds("1:2:3")[0],
            Tok::Error("bogus ethernet address 1:2:".into())
        );
        assert_eq!(kinds("\\tcp")[0], Tok::Id("tcp".into()));
        assert_eq!(kinds("a&&b")[1], Tok::Kw(Kw::And));
        assert_eq!(
            kinds("08")[0],
            Tok::Error("number 08 contains non-octal digit".into())
        );
        assert_eq!(
            kinds("4294967296")[0],
            Tok::Error("number 4294967296 overflows 32 bits".into())
        );
        assert_eq!(kinds("1-100")[0], Tok::Id("1-100".into()));
        assert_eq!(kinds("a-")[0], Tok::Id("a".into()));
        assert_eq!(kinds("é")[0], Tok::Error("syntax error".into()));
        assert_eq!(kinds("é").len(), 3, "one error token per byte");
        assert_eq!(
            kinds(b"tcp\xff".as_slice())[1],
            Tok::Error("syntax error".into())
        );
    }

    #[test]
    fn a_nul_ends_the_expression() {
        assert_eq!(
            kinds(b"tcp\0 ((".as_slice()),
            vec![Tok::Kw(Kw::Pname(PName::P(AP::Tcp))), Tok::Eof]
        );
        assert_eq!(kinds(b"\0tcp".as_slice()), vec![Tok::Eof]);
    }
}
