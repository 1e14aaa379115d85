//! ARP, RARP and inverse ARP (`print-arp.c`), including ATM ARP (RFC 2225).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::addr::Mac;
use super::{P, Printer, out};
use crate::decode::arp::ArpView;
use crate::decode::{Bytes, R};

const ARPHRD_FRELAY: u16 = 15;
const ARPHRD_ATM2225: u16 = 19;

const ARPOP_REQUEST: u16 = 1;
const ARPOP_REPLY: u16 = 2;
const ARPOP_REVREQUEST: u16 = 3;
const ARPOP_REVREPLY: u16 = 4;
const ARPOP_INVREQUEST: u16 = 8;
const ARPOP_INVREPLY: u16 = 9;
const ARPOP_NAK: u16 = 10;

use crate::decode::ethertype::{IPV4 as ETHERTYPE_IP, TRAIL as ETHERTYPE_TRAIL};

/// `sizeof(struct arp_pkthdr)`.
const ARP_HDRLEN: usize = 8;
/// `sizeof(struct atmarp_pkthdr)`.
const ATMARP_HDRLEN: usize = 12;
/// `ATMARP_LEN_MASK`.
const ATMARP_LEN_MASK: u8 = 0x3f;

/// `arpop_values`.
fn arpop(p: &mut Printer, op: u16) {
    match op {
        ARPOP_REQUEST => p.s("Request"),
        ARPOP_REPLY => p.s("Reply"),
        ARPOP_REVREQUEST => p.s("Reverse Request"),
        ARPOP_REVREPLY => p.s("Reverse Reply"),
        ARPOP_INVREQUEST => p.s("Inverse Request"),
        ARPOP_INVREPLY => p.s("Inverse Reply"),
        ARPOP_NAK => p.s("NACK Reply"),
        _ => out!(p, "Unknown ({op})"),
    }
}

/// `arphrd_values`.
fn arphrd(p: &mut Printer, hrd: u16) {
    match hrd {
        1 => p.s("Ethernet"),
        6 => p.s("TokenRing"),
        7 => p.s("ArcNet"),
        15 => p.s("FrameRelay"),
        23 => p.s("Strip"),
        24 => p.s("IEEE 1394"),
        19 => p.s("ATM"),
        32 => p.s("InfiniBand"),
        _ => out!(p, "Unknown Hardware ({hrd})"),
    }
}

/// `tok2str(ethertype_values, "Unknown Protocol (0x%04x)", pro)`.
pub(super) fn ethertype(p: &mut Printer, pro: u16) {
    match super::names::ethertype_name(pro) {
        Some(n) => p.s(n),
        None => out!(p, "Unknown Protocol (0x{pro:04x})"),
    }
}

/// Which `linkaddr_string` format the hardware addresses use.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LinkAddr {
    Ether,
    Frelay,
    Atm,
}

/// `GET_LINKADDR_STRING(data + at, kind, len)`.
fn linkaddr(p: &mut Printer, data: &[u8], at: usize, kind: LinkAddr, len: usize) -> P {
    let a = data.range(at, len)?;
    if len == 0 {
        p.s("<empty>");
    } else if kind == LinkAddr::Frelay {
        q922(p, data.from(at)?, len);
    } else if kind == LinkAddr::Ether && len == 6 {
        // `etheraddr_string`: unless -n, /etc/ethers, `Broadcast` or the
        // address with its OUI's name.
        p.etheraddr(a);
    } else {
        // Other lengths get the bare hex form.
        out!(p, "{}", Mac(a));
    }
    Ok(())
}

/// `q922_string`: the DLCI of a Q.922 address, `p` running to the end of
/// the capture and `length` the hardware address length.
fn q922(p: &mut Printer, b: &[u8], length: usize) {
    match parse_q922(b, length) {
        Some(Some(dlci)) => out!(p, "DLCI {dlci}"),
        Some(None) => p.s("<Invalid DLCI>"),
        None => p.s("<Truncated>"),
    }
}

/// `parse_q922_header`: `None` when truncated (-1), `Some(None)` when
/// invalid (0), else the DLCI.
fn parse_q922(b: &[u8], mut length: usize) -> Option<Option<u32>> {
    const EA: u8 = 0x01;
    let b0 = b.u8_at(0).ok().filter(|_| length >= 1)?;
    if b0 & EA != 0 {
        return Some(None);
    }
    let b1 = b.u8_at(1).ok().filter(|_| length >= 2)?;
    let mut dlci = (u32::from(b0 & 0xfc) << 2) | (u32::from(b1 & 0xf0) >> 4);
    if b1 & EA != 0 {
        return Some(Some(dlci));
    }
    let mut at = 2;
    length -= 2;
    let b2 = b.u8_at(at).ok().filter(|_| length >= 1)?;
    if b2 & EA == 0 {
        dlci = (dlci << 7) | u32::from(b2 >> 1);
        at += 1;
        length -= 1;
    }
    let b3 = b.u8_at(at).ok().filter(|_| length >= 1)?;
    if b3 & EA == 0 {
        return Some(None);
    }
    Some(Some((dlci << 6) | u32::from(b3 >> 2)))
}

/// One end's addresses, as offsets and lengths in the packet: hardware
/// address, ATM subaddress (ATM ARP only, else empty), protocol address.
#[derive(Clone, Copy)]
struct End {
    ha: usize,
    ha_len: usize,
    sa: usize,
    sa_len: usize,
    pa: usize,
    pa_len: u8,
    /// What a protocol address of the wrong length prints.
    wrong_len: &'static str,
}

impl End {
    /// An end whose addresses follow one another from `ha`.
    fn at(ha: usize, ha_len: usize, sa_len: usize, pa_len: u8, wrong_len: &'static str) -> End {
        let sa = ha + ha_len;
        let pa = sa + sa_len;
        End {
            ha,
            ha_len,
            sa,
            sa_len,
            pa,
            pa_len,
            wrong_len,
        }
    }

    /// Where the next end's addresses start.
    fn next(self) -> usize {
        self.pa + usize::from(self.pa_len)
    }
}

/// `spaddr_print_ip` / `tpaddr_print_ip` and their ATM versions.
fn proto_addr(p: &mut Printer, data: &[u8], pro: u16, e: End) -> P {
    if pro != ETHERTYPE_IP && pro != ETHERTYPE_TRAIL {
        p.s("<wrong proto type>");
    } else if e.pa_len != 4 {
        p.s(e.wrong_len);
    } else {
        p.ip4_at(data, e.pa)?;
    }
    Ok(())
}

/// `GET_LINKADDR_STRING` of the hardware address, or for ATM ARP
/// `atmarp_addr_print`: the ATM number and its optional subaddress.
fn hw_addr(p: &mut Printer, data: &[u8], kind: LinkAddr, e: End) -> P {
    if kind != LinkAddr::Atm {
        return linkaddr(p, data, e.ha, kind, e.ha_len);
    }
    if e.ha_len == 0 {
        p.s("<No address>");
    } else {
        linkaddr(p, data, e.ha, LinkAddr::Atm, e.ha_len)?;
        if e.sa_len != 0 {
            p.s(",");
            linkaddr(p, data, e.sa, LinkAddr::Atm, e.sa_len)?;
        }
    }
    Ok(())
}

/// The ends of an ARP packet (`struct arp_pkthdr`): one hardware and one
/// protocol address length for both.
fn arp_ends(a: &ArpView<'_>, kind: LinkAddr) -> R<(LinkAddr, End, End)> {
    let hl = usize::from(a.hln()?);
    let pl = a.pln()?;
    let src = End::at(ARP_HDRLEN, hl, 0, pl, "<wrong len>");
    Ok((kind, src, End::at(src.next(), hl, 0, pl, "<wrong len>")))
}

/// The ends of an ATM ARP packet (`struct atmarp_pkthdr`, RFC 2225): each
/// address with its own length, and ATM subaddresses.
fn atmarp_ends(data: &[u8]) -> R<(LinkAddr, End, End)> {
    data.range(0, ATMARP_HDRLEN)?;
    let len_at = |at| data.u8_at(at).map(|l| usize::from(l & ATMARP_LEN_MASK));
    let (shl, ssl, spl) = (len_at(4)?, len_at(5)?, data.u8_at(8)?);
    let src = End::at(ATMARP_HDRLEN, shl, ssl, spl, "<wrong splen>");
    let (thl, tsl, tpl) = (len_at(9)?, len_at(10)?, data.u8_at(11)?);
    let tgt = End::at(src.next(), thl, tsl, tpl, "<wrong tplen>");
    Ok((LinkAddr::Atm, src, tgt))
}

/// `arp_print`, and `atmarp_print` for ATM ARP, whose header has the
/// hardware type, protocol type and operation where ARP's has them:
/// `data` is what was captured, `length` the length on the wire.
pub(super) fn arp_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "arp";
    data.range(0, ARP_HDRLEN)?;
    let a = ArpView::new(data);
    let (hrd, pro, op) = (a.hrd()?, a.pro()?, a.op()?);
    let (kind, src, tgt) = match hrd {
        ARPHRD_ATM2225 => atmarp_ends(data)?,
        ARPHRD_FRELAY => arp_ends(&a, LinkAddr::Frelay)?,
        _ => arp_ends(&a, LinkAddr::Ether)?,
    };
    data.range(tgt.pa, usize::from(tgt.pa_len))?;
    if !p.opts.link_header {
        p.s("ARP, ");
    }
    let atm = kind == LinkAddr::Atm;
    // Unusual: not IP, a protocol length other than 4 (ATM ARP: either of
    // its two), or (ARP) an empty hardware address.
    let usual = (pro == ETHERTYPE_IP || pro == ETHERTYPE_TRAIL)
        && src.pa_len == 4
        && if atm {
            tgt.pa_len == 4
        } else {
            src.ha_len != 0
        };
    let verbose = p.opts.verbose > 0;
    if !usual || verbose {
        arphrd(p, hrd);
        if atm {
            p.s(", ");
        } else {
            out!(p, " (len {}), ", src.ha_len);
        }
        ethertype(p, pro);
        if atm {
            out!(p, " (len {}/{})", src.pa_len, tgt.pa_len);
        } else {
            out!(p, " (len {})", src.pa_len);
        }
        // The address formats are unknown.
        if !verbose {
            out!(p, ", length {length}");
            return Ok(());
        }
        p.s(", ");
    }
    arpop(p, op);
    p.s(" ");
    match op {
        ARPOP_REQUEST => {
            p.s("who-has ");
            proto_addr(p, data, pro, tgt)?;
            // ATM ARP: when there is a target address; ARP: when its bytes
            // are not all zero (`isnonzero`).
            let known = if atm {
                tgt.ha_len != 0
            } else {
                data.range(tgt.ha, tgt.ha_len)?.iter().any(|&b| b != 0)
            };
            if known {
                p.s(" (");
                hw_addr(p, data, kind, tgt)?;
                p.s(")");
            }
            p.s(" tell ");
            proto_addr(p, data, pro, src)?;
        }
        ARPOP_REPLY => {
            proto_addr(p, data, pro, src)?;
            p.s(" is-at ");
            hw_addr(p, data, kind, src)?;
        }
        ARPOP_INVREQUEST | ARPOP_REVREQUEST if !atm || op == ARPOP_INVREQUEST => {
            p.s("who-is ");
            hw_addr(p, data, kind, tgt)?;
            p.s(" tell ");
            hw_addr(p, data, kind, src)?;
        }
        ARPOP_REVREPLY if !atm => {
            hw_addr(p, data, kind, tgt)?;
            p.s(" at ");
            proto_addr(p, data, pro, tgt)?;
        }
        ARPOP_INVREPLY => {
            hw_addr(p, data, kind, src)?;
            // `atmarp_print` prints no space before "at".
            p.s(if atm { "at " } else { " at " });
            proto_addr(p, data, pro, src)?;
        }
        ARPOP_NAK if atm => {
            p.s("for ");
            proto_addr(p, data, pro, src)?;
        }
        _ => return super::hex::default_print(p, data),
    }
    out!(p, ", length {length}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn q922_dlci() {
        // Two-byte address, DLCI 16.
        assert_eq!(parse_q922(&[0x04, 0x01], 2), Some(Some(16)));
        assert_eq!(parse_q922(&[0x01], 1), Some(None));
        assert_eq!(parse_q922(&[0x04], 1), None);
        assert_eq!(parse_q922(&[0x04, 0x00], 2), None);
        assert_eq!(parse_q922(&[], 0), None);
    }
}
