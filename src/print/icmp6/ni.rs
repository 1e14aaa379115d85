//! ICMPv6 node information queries and replies, and who-are-you
//! (`print-icmp6.c`'s `icmp6_nodeinfo_print`, with `dnsname_print`).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use crate::decode::Bytes;
use crate::print::chars::print_char;
use crate::print::{P, Printer, out};

/// `dnsname_print`: a DNS name from `cp` to the end of `b`.
fn dnsname_print(p: &mut Printer, b: &[u8], mut cp: usize) -> P {
    let ep = b.len();
    p.s(", \"");
    while cp < ep {
        let i = usize::from(b.u8_at(cp)?);
        cp += 1;
        if i != 0 {
            if i > ep - cp {
                p.s("???");
                break;
            }
            for _ in 0..i {
                if cp >= ep {
                    break;
                }
                print_char(p, b.u8_at(cp)?);
                cp += 1;
            }
            if cp + 1 < ep && b.u8_at(cp)? != 0 {
                p.s(".");
            }
        } else {
            if cp == ep {
                p.s(".");
            } else if cp + 1 == ep && b.u8_at(cp)? == 0 {
                // truncated
            } else {
                p.s("???");
            }
            break;
        }
    }
    p.s("\"");
    Ok(())
}

/// A DNS name in a node-information message: a pascal string (draft 03)
/// or a DNS-encoded name.
fn ni_name(p: &mut Printer, b: &[u8], mut cp: usize) -> P {
    let first = usize::from(b.u8_at(cp)?);
    if cp < b.len() && first == b.len() - cp - 1 {
        if p.opts.verbose > 0 {
            p.s(", 03 draft");
        }
        cp += 1;
        p.s(", \"");
        while cp < b.len() {
            print_char(p, b.u8_at(cp)?);
            cp += 1;
        }
        p.s("\"");
        Ok(())
    } else {
        dnsname_print(p, b, cp)
    }
}

/// The node-address flags of a node-information message.
fn ni_addr_flags(p: &mut Printer, i: u16, with_t: bool) {
    let f = |m: u16, s: &'static str| if i & m != 0 { s } else { "" };
    out!(
        p,
        " [{}{}{}{}{}{}{}]",
        f(0x40, "a"),
        f(0x20, "G"),
        f(0x10, "S"),
        f(0x08, "L"),
        f(0x04, "C"),
        f(0x02, "A"),
        if with_t { f(0x01, "T") } else { "" }
    );
}

/// `icmp6_nodeinfo_print`. Its `trunc` label prints ` [|icmp6]` and returns
/// to `icmp6_print`, which goes on.
pub(super) fn nodeinfo_print(p: &mut Printer, icmp6len: usize, bp: &[u8]) -> P {
    let siz = bp.len();
    let v = p.opts.verbose > 0;
    match bp.u8_at(0)? {
        139 => {
            if siz == 12 {
                p.s(" who-are-you request");
                return Ok(());
            }
            p.s(" node information query");
            if !bp.has(0, 16) {
                p.trunc();
                return Ok(());
            }
            p.s(" (");
            let qtype = bp.be16(4)?;
            match qtype {
                0 => p.s("noop"),
                1 => {
                    p.s("supported qtypes");
                    let i = bp.be16(6)?;
                    if i != 0 {
                        out!(p, " [{}]", if i & 0x01 != 0 { "C" } else { "" });
                    }
                }
                2 => p.s("DNS name"),
                3 => {
                    p.s("node addresses");
                    let i = bp.be16(6)?;
                    if i != 0 {
                        ni_addr_flags(p, i, false);
                    }
                }
                _ => p.s("unknown"),
            }
            if qtype == 0 || qtype == 1 {
                if siz != 16 && v {
                    p.s(", invalid len");
                }
                p.s(")");
                return Ok(());
            }
            if siz == 16 {
                p.s(", 03 draft)");
                return Ok(());
            }
            let cp = 16usize;
            let subj = bp.u8_at(1)?;
            match subj {
                0 | 2 => {
                    // ICMP6_NI_SUBJ_IPV6 / ICMP6_NI_SUBJ_IPV4: an address
                    // that ends the message (`siz` is the captured length).
                    let n = if subj == 0 { 16 } else { 4 };
                    if siz == cp + n {
                        p.s(", subject=");
                        if n == 16 {
                            p.ip6(bp.array::<16>(cp)?);
                        } else {
                            p.ip4_at(bp, cp)?;
                        }
                    } else if bp.has(cp, n) && v {
                        p.s(", invalid subject len");
                    }
                }
                1 => {
                    p.s(", subject=DNS name");
                    ni_name(p, bp, cp)?;
                }
                _ => p.s(", unknown subject"),
            }
            p.s(")");
        }
        140 => {
            if icmp6len > siz || !bp.has(0, 16) {
                p.trunc();
                return Ok(());
            }
            let mut needcomma = false;
            p.s(" node information reply (");
            let code = bp.u8_at(1)?;
            match code {
                0 if v => {
                    p.s("success");
                    needcomma = true;
                }
                1 | 2 => {
                    p.s(if code == 1 { "refused" } else { "unknown" });
                    needcomma = true;
                    if siz != 16 && v {
                        p.s(", invalid length");
                    }
                }
                _ => {}
            }
            if code != 0 {
                p.s(")");
                return Ok(());
            }
            let comma = |p: &mut Printer| {
                if needcomma {
                    p.s(", ");
                }
            };
            match bp.be16(4)? {
                0 => {
                    comma(p);
                    p.s("noop");
                    if siz != 16 && v {
                        p.s(", invalid length");
                    }
                }
                1 => {
                    comma(p);
                    p.s("supported qtypes");
                    let i = bp.be16(6)?;
                    if i != 0 {
                        out!(p, " [{}]", if i & 0x01 != 0 { "C" } else { "" });
                    }
                }
                2 => {
                    comma(p);
                    p.s("DNS name");
                    ni_name(p, bp, 20)?;
                    if bp.be16(6)? & 0x01 != 0 {
                        out!(p, " [TTL={}]", bp.be32(16)?);
                    }
                }
                3 => {
                    comma(p);
                    p.s("node addresses");
                    let mut i = 16usize;
                    while i < siz {
                        if i + 4 + 16 > siz {
                            break;
                        }
                        let a = bp.array::<16>(i + 4)?;
                        let ttl = bp.be32(i)?;
                        p.s(" ");
                        p.ip6(a);
                        out!(p, "({ttl})");
                        i += 20;
                    }
                    let f = bp.be16(6)?;
                    if f != 0 {
                        ni_addr_flags(p, f, true);
                    }
                }
                _ => {
                    comma(p);
                    p.s("unknown");
                }
            }
            p.s(")");
        }
        _ => {}
    }
    Ok(())
}
