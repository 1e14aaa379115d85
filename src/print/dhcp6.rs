//! DHCPv6 (`print-dhcp6.c`, UDP ports 546/547): `dhcp6 solicit`; from `-v`
//! the transaction ID (or a relay's link and peer addresses) and every
//! option tcpdump decodes, sub-options and relayed messages nested in
//! parentheses. The message is read here, straight from the UDP payload.
//!
//! tcpdump recurses for options inside options (IA_NA's IA_ADDR, a
//! relay-message's whole DHCPv6 message); a crafted datagram can nest one
//! inside another every 4 bytes, so the walk here keeps its own stack of
//! open options ([`Frame`], reused between packets in `RunState`) instead
//! of the call stack.
//!
//! A bad option length ends the option list with ` [|dhcp6]` and printing
//! goes on after it (tcpdump's `goto trunc` in `dhcp6opt_print` returns to
//! its caller); only a read past the captured bytes outside the checked
//! option (a relay's cut addresses, a label of a domain name running past
//! the capture's end) unwinds as tcpdump's longjmp does.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::{Bytes, R};

const RENEW: u8 = 5;
const INFORM_REQ: u8 = 11;
const RELAY_FORW: u8 = 12;
const RELAY_REPLY: u8 = 13;
/// The fixed part of a relay message: type, hop count, link and peer address.
const RELAY_HDR: usize = 34;
const XID_MASK: u32 = 0x00ff_ffff;

// Option codes (`DH6OPT_*`) with a layout of their own.
const CLIENTID: u16 = 1;
const SERVERID: u16 = 2;
const IA_NA: u16 = 3;
const IA_TA: u16 = 4;
const IA_ADDR: u16 = 5;
const ORO: u16 = 6;
const PREFERENCE: u16 = 7;
const ELAPSED_TIME: u16 = 8;
const RELAY_MSG: u16 = 9;
const AUTH: u16 = 11;
const STATUS_CODE: u16 = 13;
const RAPID_COMMIT: u16 = 14;
const INTERFACE_ID: u16 = 18;
const RECONF_MSG: u16 = 19;
const RECONF_ACCEPT: u16 = 20;
const SIP_SERVER_D: u16 = 21;
const SIP_SERVER_A: u16 = 22;
const DNS_SERVERS: u16 = 23;
const DOMAIN_LIST: u16 = 24;
const IA_PD: u16 = 25;
const IA_PD_PREFIX: u16 = 26;
const NIS_SERVERS: u16 = 27;
const NISP_SERVERS: u16 = 28;
const SNTP_SERVERS: u16 = 31;
const LIFETIME: u16 = 32;
const BCMCS_SERVER_A: u16 = 34;
const REMOTE_ID: u16 = 37;
const SUBSCRIBER_ID: u16 = 38;
const PANA_AGENT: u16 = 40;
const NEW_POSIX_TIMEZONE: u16 = 41;
const NEW_TZDB_TIMEZONE: u16 = 42;
const ERO: u16 = 43;
const LQ_QUERY: u16 = 44;
const CLIENT_DATA: u16 = 45;
const CLT_TIME: u16 = 46;
const LQ_RELAY_DATA: u16 = 47;
const LQ_CLIENT_LINK: u16 = 48;
const NTP_SERVER: u16 = 56;
const AFTR_NAME: u16 = 64;
const MUDURL: u16 = 112;

/// `dh6_msgtype_str`.
fn msg_name(t: u8) -> Option<&'static str> {
    Some(match t {
        1 => "solicit",
        2 => "advertise",
        3 => "request",
        4 => "confirm",
        5 => "renew",
        6 => "rebind",
        7 => "reply",
        8 => "release",
        9 => "decline",
        10 => "reconfigure",
        11 => "inf-req",
        12 => "relay-fwd",
        13 => "relay-reply",
        14 => "leasequery",
        15 => "leasequery-reply",
        _ => return None,
    })
}

/// `dh6opt_str`.
fn opt_name(t: u16) -> Option<&'static str> {
    Some(match t {
        1 => "client-ID",
        2 => "server-ID",
        3 => "IA_NA",
        4 => "IA_TA",
        5 => "IA_ADDR",
        6 => "option-request",
        7 => "preference",
        8 => "elapsed-time",
        9 => "relay-message",
        11 => "authentication",
        12 => "server-unicast",
        13 => "status-code",
        14 => "rapid-commit",
        15 => "user-class",
        16 => "vendor-class",
        17 => "vendor-specific-info",
        18 => "interface-ID",
        19 => "reconfigure-message",
        20 => "reconfigure-accept",
        21 => "SIP-servers-domain",
        22 => "SIP-servers-address",
        23 => "DNS-server",
        24 => "DNS-search-list",
        25 => "IA_PD",
        26 => "IA_PD-prefix",
        27 => "NIS-server",
        28 => "NIS+-server",
        29 => "NIS-domain-name",
        30 => "NIS+-domain-name",
        31 => "SNTP-servers",
        32 => "lifetime",
        33 => "BCMCS-domain-name",
        34 => "BCMCS-server",
        36 => "Geoconf-Civic",
        37 => "Remote-ID",
        38 => "Subscriber-ID",
        39 => "Client-FQDN",
        40 => "PANA-agent",
        41 => "POSIX-timezone",
        42 => "POSIX-tz-database",
        43 => "Echo-request-option",
        44 => "Lease-query",
        45 => "LQ-client-data",
        46 => "Clt-time",
        47 => "LQ-relay-data",
        48 => "LQ-client-link",
        56 => "NTP-server",
        64 => "AFTR-Name",
        112 => "MUD-URL",
        _ => return None,
    })
}

/// `tok2str(dh6opt_str, "opt_%u", t)`.
fn print_opt_name(p: &mut Printer, t: u16) {
    match opt_name(t) {
        Some(n) => p.s(n),
        None => out!(p, "opt_{t}"),
    }
}

/// `dhcp6stcode`.
fn print_status(p: &mut Printer, code: u16) {
    let name = match code {
        0 => "Success",
        1 => "UnspecFail",
        2 => "NoAddrsAvail",
        3 => "NoBinding",
        4 => "NotOnLink",
        5 => "UseMulticast",
        6 => "NoPrefixAvail",
        7 => "UnknownQueryType",
        8 => "MalformedQuery",
        9 => "NotConfigured",
        10 => "NotAllowed",
        256.. => "INVALID code",
        _ => return out!(p, "code{code}"),
    };
    p.s(name);
}

/// An option list being walked (one call of tcpdump's `dhcp6opt_print`):
/// positions index the whole DHCPv6 payload.
#[derive(Clone, Copy)]
pub(super) struct Frame {
    /// The next option.
    cp: usize,
    /// The list's end (`ep`).
    ep: usize,
    /// The capture's end as this list sees it (`ndo_snapend`, moved to the
    /// end of a relay-message option while its message is printed).
    snap: usize,
    /// What is printed when the list ends: the `)` of the option holding
    /// it, or of the message (and of its relay-message option).
    close: &'static str,
}

/// `dhcp6_print`.
pub(super) fn dhcp6_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "dhcp6";
    let Some(top) = message(p, data, 0, length, data.len(), false)? else {
        return Ok(());
    };
    // The stack of open option lists is kept between packets (no
    // allocation once warm); put back even when a read unwinds.
    let mut stack = std::mem::take(&mut p.run.dhcp6_stack);
    stack.clear();
    let r = walk(p, data, top, &mut stack);
    p.run.dhcp6_stack = stack;
    r
}

/// The start of a message at `at` whose capture ends at `snap` (`relayed`:
/// inside a relay-message option): prints `dhcp6 name`, and from `-v` its
/// header and ` (`; returns its option list, or `None` when there is none.
fn message(
    p: &mut Printer,
    data: &[u8],
    at: usize,
    length: usize,
    snap: usize,
    relayed: bool,
) -> R<Option<Frame>> {
    // The relay-message option's `)` after a message that stops early.
    let option_close = if relayed { ")" } else { "" };
    p.s("dhcp6");
    let buf = data.get(..snap).unwrap_or_default();
    let ep = snap.min(at.saturating_add(length));
    // ND_TCHECK_4 into `trunc:`: the marker, and the caller goes on.
    if !buf.has(at, 4) {
        p.trunc();
        p.s(option_close);
        return Ok(None);
    }
    let msgtype = buf.u8_at(at)?;
    p.s(" ");
    match msg_name(msgtype) {
        Some(n) => p.s(n),
        None => out!(p, "msgtype-{msgtype}"),
    }
    if p.opts.verbose == 0 {
        p.s(option_close);
        return Ok(None);
    }
    p.s(" (");
    let cp = if msgtype != RELAY_FORW && msgtype != RELAY_REPLY {
        out!(p, "xid={:x}", buf.be32(at)? & XID_MASK);
        at + 4
    } else {
        // GET_IP6ADDR_STRING runs before "linkaddr=" is printed.
        let link = *buf.array::<16>(at + 2)?;
        p.s("linkaddr=");
        p.ip6(&link);
        let peer = *buf.array::<16>(at + 18)?;
        p.s(" peeraddr=");
        p.ip6(&peer);
        at + RELAY_HDR
    };
    Ok(Some(Frame {
        cp,
        ep,
        snap,
        close: if relayed { "))" } else { ")" },
    }))
}

/// What one option left to do.
enum Next {
    /// Go on with the list.
    Continue,
    /// `goto trunc` in `dhcp6opt_print`: the list ends with the marker.
    Trunc,
    /// Walk the option's own list first.
    Nested(Frame),
}

/// `dhcp6opt_print` for `top` and every list nested in it, without
/// recursion: `stack` holds the lists whose option is open.
fn walk(p: &mut Printer, data: &[u8], top: Frame, stack: &mut Vec<Frame>) -> P {
    let mut f = top;
    loop {
        if f.cp < f.ep {
            match option(p, data, &mut f)? {
                Next::Continue => continue,
                Next::Nested(inner) => {
                    stack.push(f);
                    f = inner;
                    continue;
                }
                Next::Trunc => p.trunc(),
            }
        }
        // The list is over: close what holds it, go on with the outer one.
        p.s(f.close);
        match stack.pop() {
            Some(outer) => f = outer,
            None => return Ok(()),
        }
    }
}

/// `%02x` for each byte.
fn hex(p: &mut Printer, bytes: &[u8]) {
    for b in bytes {
        out!(p, "{b:02x}");
    }
}

/// One option at `f.cp` (before `f.ep`); moves `f.cp` past it.
fn option(p: &mut Printer, data: &[u8], f: &mut Frame) -> R<Next> {
    let buf = data.get(..f.snap).unwrap_or_default();
    let cp = f.cp;
    if f.ep < cp + 4 {
        return Ok(Next::Trunc);
    }
    let optlen = usize::from(buf.be16(cp + 2)?);
    let end = cp + 4 + optlen;
    if f.ep < end {
        return Ok(Next::Trunc);
    }
    let opttype = buf.be16(cp)?;
    p.s(" (");
    print_opt_name(p, opttype);
    let tp = cp + 4;
    let body = buf.range(tp, optlen)?;
    f.cp = end;
    // A list of sub-options after a fixed part of `fixed` bytes, if any.
    let sub = |fixed: usize| {
        (optlen > fixed).then_some(Frame {
            cp: tp + fixed,
            ep: end,
            snap: f.snap,
            close: ")",
        })
    };
    let nested = match opttype {
        CLIENTID | SERVERID => {
            duid(p, body)?;
            None
        }
        IA_ADDR => {
            if optlen < 24 {
                p.s(" ?)");
                return Ok(Next::Continue);
            }
            p.s(" ");
            p.ip6(body.array::<16>(0)?);
            out!(p, " pltime:{} vltime:{}", body.be32(16)?, body.be32(20)?);
            sub(24)
        }
        ORO | ERO => {
            if optlen % 2 != 0 {
                p.s(" ?)");
                return Ok(Next::Continue);
            }
            for c in body.chunks_exact(2) {
                p.s(" ");
                print_opt_name(p, c.be16(0)?);
            }
            p.s(")");
            None
        }
        PREFERENCE if optlen == 1 => {
            out!(p, " {})", body.u8_at(0)?);
            None
        }
        ELAPSED_TIME if optlen == 2 => {
            out!(p, " {})", body.be16(0)?);
            None
        }
        RELAY_MSG => {
            p.s(" (");
            // The relayed message sees the capture end at the option's end.
            let snap = end.min(f.snap);
            return Ok(match message(p, data, tp, optlen, snap, true)? {
                Some(inner) => Next::Nested(inner),
                None => Next::Continue,
            });
        }
        AUTH => {
            auth(p, body)?;
            None
        }
        RAPID_COMMIT | RECONF_ACCEPT => {
            p.s(")");
            None
        }
        INTERFACE_ID | SUBSCRIBER_ID => {
            // tcpdump: "we cannot predict the encoding": at most 10 bytes.
            p.s(" ");
            hex(p, body.cap(10));
            p.s("...)");
            None
        }
        RECONF_MSG if optlen == 1 => {
            match body.u8_at(0)? {
                RENEW => p.s(" for renew)"),
                INFORM_REQ => p.s(" for inf-req)"),
                t => out!(p, " for ???({t:02x}))"),
            }
            None
        }
        SIP_SERVER_A | DNS_SERVERS | SNTP_SERVERS | NIS_SERVERS | NISP_SERVERS | BCMCS_SERVER_A
        | PANA_AGENT | LQ_CLIENT_LINK => {
            if optlen % 16 != 0 {
                p.s(" ?)");
                return Ok(Next::Continue);
            }
            for a in body.chunks_exact(16) {
                p.s(" ");
                p.ip6(a.array::<16>(0)?);
            }
            p.s(")");
            None
        }
        SIP_SERVER_D | DOMAIN_LIST => {
            // Names relative to the option's end: tcpdump passes it as
            // `fqdn_print`'s message start, so a compression pointer
            // reaches past the option.
            let mut at = tp;
            while at < end {
                p.s(" ");
                match super::dns::fqdn_print(p, buf, at, end)? {
                    Some(next) => at = next,
                    None => return Ok(Next::Trunc),
                }
            }
            p.s(")");
            None
        }
        STATUS_CODE if optlen >= 2 => {
            p.s(" ");
            print_status(p, body.be16(0)?);
            p.s(")");
            None
        }
        IA_NA | IA_PD => {
            if optlen < 12 {
                p.s(" ?)");
                return Ok(Next::Continue);
            }
            out!(
                p,
                " IAID:{} T1:{} T2:{}",
                body.be32(0)?,
                body.be32(4)?,
                body.be32(8)?
            );
            sub(12)
        }
        IA_TA => {
            if optlen < 4 {
                p.s(" ?)");
                return Ok(Next::Continue);
            }
            out!(p, " IAID:{}", body.be32(0)?);
            sub(4)
        }
        IA_PD_PREFIX => {
            if optlen < 25 {
                p.s(" ?)");
                return Ok(Next::Continue);
            }
            p.s(" ");
            p.ip6(body.array::<16>(9)?);
            out!(p, "/{}", body.u8_at(8)?);
            out!(p, " pltime:{} vltime:{}", body.be32(0)?, body.be32(4)?);
            sub(25)
        }
        LIFETIME | CLT_TIME if optlen == 4 => {
            out!(p, " {})", body.be32(0)?);
            None
        }
        REMOTE_ID if optlen >= 4 => {
            out!(p, " {} ", body.be32(0)?);
            hex(p, body.get(4..).unwrap_or_default().cap(10));
            p.s("...)");
            None
        }
        LQ_QUERY => {
            if optlen < 17 {
                p.s(" ?)");
                return Ok(Next::Continue);
            }
            match body.u8_at(0)? {
                1 => p.s(" by-address"),
                2 => p.s(" by-clientID"),
                t => out!(p, " type_{t}"),
            }
            p.s(" ");
            p.ip6(body.array::<16>(1)?);
            sub(17)
        }
        CLIENT_DATA => sub(0),
        LQ_RELAY_DATA if optlen >= 16 => {
            p.s(" ");
            p.ip6(body.array::<16>(0)?);
            p.s(" ");
            hex(p, body.get(16..).unwrap_or_default().cap(10));
            p.s("...)");
            None
        }
        NTP_SERVER if optlen >= 4 => {
            if !ntp_server(p, buf, tp, end)? {
                return Ok(Next::Trunc);
            }
            None
        }
        AFTR_NAME if optlen >= 3 => {
            aftr_name(p, buf, tp, optlen)?;
            None
        }
        NEW_POSIX_TIMEZONE | NEW_TZDB_TIMEZONE | MUDURL if optlen >= 5 => {
            p.s(" ");
            super::chars::printjnp(p, buf, tp, optlen)?;
            p.s(")");
            None
        }
        PREFERENCE | ELAPSED_TIME | RECONF_MSG | STATUS_CODE | LIFETIME | CLT_TIME | REMOTE_ID
        | LQ_RELAY_DATA | NTP_SERVER | AFTR_NAME | NEW_POSIX_TIMEZONE | NEW_TZDB_TIMEZONE
        | MUDURL => {
            // The length checks of the arms above failed.
            p.s(" ?)");
            None
        }
        _ => {
            p.s(")");
            None
        }
    };
    Ok(match nested {
        Some(inner) => Next::Nested(inner),
        // An option with a fixed part only closes here (IA_NA, IA_ADDR,
        // ...); the others printed their own `)`.
        None if matches!(
            opttype,
            IA_ADDR | IA_NA | IA_PD | IA_TA | IA_PD_PREFIX | LQ_QUERY | CLIENT_DATA
        ) =>
        {
            p.s(")");
            Next::Continue
        }
        None => Next::Continue,
    })
}

/// Client- and server-ID: the DUID by its type.
fn duid(p: &mut Printer, body: &[u8]) -> P {
    let optlen = body.len();
    if optlen < 2 {
        p.s(" ?)");
        return Ok(());
    }
    match body.be16(0)? {
        1 if optlen >= 8 => {
            out!(
                p,
                " hwaddr/time type {} time {} ",
                body.be16(2)?,
                body.be32(4)?
            );
            hex(p, body.get(8..).unwrap_or_default());
            p.s(")");
        }
        2 if optlen >= 10 => {
            p.s(" vid ");
            hex(p, body.range(2, 8)?);
            p.s(")");
        }
        3 if optlen >= 4 => {
            out!(p, " hwaddr type {} ", body.be16(2)?);
            hex(p, body.get(4..).unwrap_or_default());
            p.s(")");
        }
        1..=3 => p.s(" ?)"),
        t => out!(p, " type {t})"),
    }
    Ok(())
}

/// The authentication option (RFC 3315 section 22.11).
fn auth(p: &mut Printer, body: &[u8]) -> P {
    let optlen = body.len();
    if optlen < 11 {
        p.s(" ?)");
        return Ok(());
    }
    let proto = body.u8_at(0)?;
    match proto {
        2 => p.s(" proto: delayed"),
        3 => p.s(" proto: reconfigure"),
        _ => out!(p, " proto: {proto}"),
    }
    match body.u8_at(1)? {
        1 => p.s(", alg: HMAC-MD5"),
        a => out!(p, ", alg: {a}"),
    }
    match body.u8_at(2)? {
        0 => p.s(", RDM: mono"),
        r => out!(p, ", RDM: {r}"),
    }
    p.s(", RD:");
    for i in 0..4 {
        out!(p, " {:04x}", body.be16(3 + 2 * i)?);
    }
    let info = optlen - 11;
    let at = 11;
    match proto {
        2 if info == 0 => {}
        2 if info < 20 => p.s(" ??"),
        2 => {
            let realm = info - 20;
            if realm > 0 {
                p.s(", realm: ");
            }
            hex(p, body.range(at, realm)?);
            out!(p, ", key ID: {:08x}", body.be32(at + realm)?);
            p.s(", HMAC-MD5:");
            for i in 0..4 {
                out!(p, " {:08x}", body.be32(at + realm + 4 + 4 * i)?);
            }
        }
        3 if info != 17 => p.s(" ??"),
        3 => {
            match body.u8_at(at)? {
                1 => p.s(" reconfig-key"),
                2 => p.s(" type: HMAC-MD5"),
                _ => p.s(" type: ??"),
            }
            p.s(" value:");
            for i in 0..4 {
                out!(p, " {:08x}", body.be32(at + 1 + 4 * i)?);
            }
        }
        _ => p.s(" ??"),
    }
    p.s(")");
    Ok(())
}

/// The NTP server option's sub-options; false where tcpdump goes to
/// `trunc:` (a sub-option past the option's end, a bad FQDN).
fn ntp_server(p: &mut Printer, buf: &[u8], mut tp: usize, end: usize) -> R<bool> {
    while tp < end - 4 {
        let code = buf.be16(tp)?;
        let len = usize::from(buf.be16(tp + 2)?);
        tp += 4;
        if tp + len > end {
            return Ok(false);
        }
        out!(p, " subopt:{code}");
        match code {
            1 | 2 if len == 16 => {
                p.s(" ");
                p.ip6(buf.array::<16>(tp)?);
            }
            3 => {
                p.s(" ");
                if super::dns::fqdn_print(p, buf, tp, tp + len)?.is_none() {
                    return Ok(false);
                }
            }
            _ => p.s(" ?"),
        }
        tp += len;
    }
    p.s(")");
    Ok(true)
}

/// The AFTR-Name option: DNS labels, printed as `nd_printjnp` prints each.
fn aftr_name(p: &mut Printer, buf: &[u8], mut tp: usize, optlen: usize) -> P {
    let mut remain = optlen;
    p.s(" ");
    while remain > 0 && buf.u8_at(tp)? != 0 {
        let label = usize::from(buf.u8_at(tp)?);
        tp += 1;
        if label < remain - 1 {
            super::chars::printjnp(p, buf, tp, label)?;
            tp += label;
            remain -= label + 1;
            if buf.u8_at(tp)? != 0 {
                p.s(".");
            }
        } else {
            p.s(" ?");
            break;
        }
    }
    p.s(")");
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing, clippy::unwrap_used)]
    use crate::print::{PrintOptions, Printer};

    fn check(verbose: u8, hex: &str, length: Option<usize>, want: &str) {
        let data: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect();
        let mut p = Printer::new(PrintOptions {
            numeric: 2,
            verbose,
            ..Default::default()
        });
        let r = super::dhcp6_print(&mut p, &data, length.unwrap_or(data.len()));
        let mut line = String::from_utf8_lossy(&p.buf.line).into_owned();
        if r.is_err() {
            p.trunc();
            line = String::from_utf8_lossy(&p.buf.line).into_owned();
        }
        assert_eq!(line, want, "{hex}");
    }

    /// Hand-made messages; the text is what print-dhcp6.c's code prints.
    #[test]
    fn messages() {
        check(0, "01abcdef", None, "dhcp6 solicit");
        check(0, "63abcdef", None, "dhcp6 msgtype-99");
        check(1, "01ab", None, "dhcp6 [|dhcp6]");
        check(1, "01abcdef", None, "dhcp6 solicit (xid=abcdef)");
        // elapsed-time, rapid-commit, unknown option 99, preference of bad length
        check(
            1,
            "0100000100080002000a000e00000063000000070000",
            None,
            "dhcp6 solicit (xid=1 (elapsed-time 10) (rapid-commit) (opt_99) (preference ?))",
        );
        // an option running past the UDP length
        check(
            1,
            "07000001000800020001",
            Some(9),
            "dhcp6 reply (xid=1 [|dhcp6])",
        );
        // IA_NA holding an IA_ADDR holding a status code
        check(
            1,
            concat!(
                "07000001",
                "0003002e",
                "00000001",
                "00000e10",
                "00001518",
                "0005001e",
                "fd000000000000000000000000000100",
                "00001c20",
                "00002a30",
                "000d0002",
                "0000"
            ),
            None,
            "dhcp6 reply (xid=1 (IA_NA IAID:1 T1:3600 T2:5400 (IA_ADDR fd00::100 pltime:7200 vltime:10800 (status-code Success))))",
        );
        // a relay-forw carrying a solicit, then an interface-ID
        check(
            1,
            concat!(
                "0c01",
                "fd000000000000000000000000000001",
                "fe800000000000000000000000000002",
                "0009000a",
                "01000002",
                "00080002",
                "0000",
                "00120003",
                "657468"
            ),
            None,
            "dhcp6 relay-fwd (linkaddr=fd00::1 peeraddr=fe80::2 (relay-message (dhcp6 solicit (xid=2 (elapsed-time 0))) (interface-ID 657468...))",
        );
        // a relay-message too short for a message: the marker, then on
        check(
            1,
            concat!(
                "0d00",
                "00000000000000000000000000000000",
                "00000000000000000000000000000000",
                "00090002",
                "0700",
                "000e0000"
            ),
            None,
            "dhcp6 relay-reply (linkaddr=:: peeraddr=:: (relay-message (dhcp6 [|dhcp6]) (rapid-commit))",
        );
        // a relay cut inside its peer address unwinds
        check(
            1,
            "0c00fd000000000000000000000000000001fe80",
            None,
            "dhcp6 relay-fwd (linkaddr=fd00::1 [|dhcp6]",
        );
    }

    /// Nesting as deep as the bytes allow must not exhaust the stack.
    #[test]
    fn deep_nesting() {
        let depth = 16_000;
        let mut hex = String::from("07000001");
        for i in 0..depth {
            let rest = 4 * (depth - i - 1);
            hex.push_str(&format!("002d{rest:04x}"));
        }
        let mut want = String::from("dhcp6 reply (xid=1");
        for _ in 0..depth {
            want.push_str(" (LQ-client-data");
        }
        for _ in 0..depth {
            want.push(')');
        }
        want.push(')');
        check(1, &hex, None, &want);
    }
}
