//! ARP, RARP and inverse ARP (`print-arp.c`), including ATM ARP (RFC 2225).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::addr::{Mac, oui_name};
use super::{P, Printer, out};
use crate::decode::Bytes;
use crate::decode::arp::ArpView;

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
fn ethertype(p: &mut Printer, pro: u16) {
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
    } else {
        out!(p, "{}", Mac(a));
        // `etheraddr_string` names the OUI unless -n (tcpscope does not read
        // /etc/ethers); other lengths get the bare hex form.
        if kind == LinkAddr::Ether && len == 6 && p.opts.numeric == 0 {
            let oui = a.iter().take(3).fold(0u32, |v, &b| v << 8 | u32::from(b));
            out!(p, " (oui {})", oui_name(oui).unwrap_or("Unknown"));
        }
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

/// `tpaddr_print_ip` / `spaddr_print_ip` and their ATM versions.
fn paddr(p: &mut Printer, data: &[u8], at: usize, pro: u16, plen: u8, wrong_len: &str) -> P {
    if pro != ETHERTYPE_IP && pro != ETHERTYPE_TRAIL {
        p.s("<wrong proto type>");
    } else if plen != 4 {
        p.s(wrong_len);
    } else {
        p.ip4_at(data, at)?;
    }
    Ok(())
}

/// `arp_print`: `data` is what was captured, `length` the length on the wire.
pub(super) fn arp_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "arp";
    data.range(0, ARP_HDRLEN)?;
    let a = ArpView::new(data);
    let hrd = a.hrd()?;
    let pro = a.pro()?;
    let op = a.op()?;
    let kind = match hrd {
        ARPHRD_ATM2225 => return atmarp_print(p, data, length),
        ARPHRD_FRELAY => LinkAddr::Frelay,
        _ => LinkAddr::Ether,
    };
    let hln = a.hln()?;
    let pln = a.pln()?;
    let hl = usize::from(hln);
    let pl = usize::from(pln);
    let sha = ARP_HDRLEN;
    let spa = sha + hl;
    let tha = spa + pl;
    let tpa = tha + hl;
    data.range(tpa, pl)?;

    if !p.opts.link_header {
        p.s("ARP, ");
    }
    let verbose = p.opts.verbose > 0;
    if (pro != ETHERTYPE_IP && pro != ETHERTYPE_TRAIL) || pln != 4 || hln == 0 || verbose {
        arphrd(p, hrd);
        out!(p, " (len {hln}), ");
        ethertype(p, pro);
        out!(p, " (len {pln})");
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
            paddr(p, data, tpa, pro, pln, "<wrong len>")?;
            if data.range(tha, hl)?.iter().any(|&b| b != 0) {
                p.s(" (");
                linkaddr(p, data, tha, kind, hl)?;
                p.s(")");
            }
            p.s(" tell ");
            paddr(p, data, spa, pro, pln, "<wrong len>")?;
        }
        ARPOP_REPLY => {
            paddr(p, data, spa, pro, pln, "<wrong len>")?;
            p.s(" is-at ");
            linkaddr(p, data, sha, kind, hl)?;
        }
        ARPOP_REVREQUEST | ARPOP_INVREQUEST => {
            p.s("who-is ");
            linkaddr(p, data, tha, kind, hl)?;
            p.s(" tell ");
            linkaddr(p, data, sha, kind, hl)?;
        }
        ARPOP_REVREPLY => {
            linkaddr(p, data, tha, kind, hl)?;
            p.s(" at ");
            paddr(p, data, tpa, pro, pln, "<wrong len>")?;
        }
        ARPOP_INVREPLY => {
            linkaddr(p, data, sha, kind, hl)?;
            p.s(" at ");
            paddr(p, data, spa, pro, pln, "<wrong len>")?;
        }
        _ => return super::hex::default_print(p, data),
    }
    out!(p, ", length {length}");
    Ok(())
}

/// `atmarp_addr_print`: an ATM number and its optional subaddress.
fn atmarp_addr(
    p: &mut Printer,
    data: &[u8],
    ha: usize,
    ha_len: usize,
    srca: usize,
    srca_len: usize,
) -> P {
    if ha_len == 0 {
        p.s("<No address>");
    } else {
        linkaddr(p, data, ha, LinkAddr::Atm, ha_len)?;
        if srca_len != 0 {
            p.s(",");
            linkaddr(p, data, srca, LinkAddr::Atm, srca_len)?;
        }
    }
    Ok(())
}

/// `atmarp_print`: ARP over ATM (RFC 2225), whose header carries separate
/// lengths for each address.
fn atmarp_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    data.range(0, ATMARP_HDRLEN)?;
    let hrd = data.be16(0)?;
    let pro = data.be16(2)?;
    let op = data.be16(6)?;
    let shl = usize::from(data.u8_at(4)? & ATMARP_LEN_MASK);
    let ssl = usize::from(data.u8_at(5)? & ATMARP_LEN_MASK);
    let spln = data.u8_at(8)?;
    let thl = usize::from(data.u8_at(9)? & ATMARP_LEN_MASK);
    let tsl = usize::from(data.u8_at(10)? & ATMARP_LEN_MASK);
    let tpln = data.u8_at(11)?;
    let sha = ATMARP_HDRLEN;
    let ssa = sha + shl;
    let spa = ssa + ssl;
    let tha = spa + usize::from(spln);
    let tsa = tha + thl;
    let tpa = tsa + tsl;
    data.range(tpa, usize::from(tpln))?;

    if !p.opts.link_header {
        p.s("ARP, ");
    }
    let verbose = p.opts.verbose > 0;
    if (pro != ETHERTYPE_IP && pro != ETHERTYPE_TRAIL) || spln != 4 || tpln != 4 || verbose {
        arphrd(p, hrd);
        p.s(", ");
        ethertype(p, pro);
        out!(p, " (len {spln}/{tpln})");
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
            paddr(p, data, tpa, pro, tpln, "<wrong tplen>")?;
            if thl != 0 {
                p.s(" (");
                atmarp_addr(p, data, tha, thl, tsa, tsl)?;
                p.s(")");
            }
            p.s(" tell ");
            paddr(p, data, spa, pro, spln, "<wrong splen>")?;
        }
        ARPOP_REPLY => {
            paddr(p, data, spa, pro, spln, "<wrong splen>")?;
            p.s(" is-at ");
            atmarp_addr(p, data, sha, shl, ssa, ssl)?;
        }
        ARPOP_INVREQUEST => {
            p.s("who-is ");
            atmarp_addr(p, data, tha, thl, tsa, tsl)?;
            p.s(" tell ");
            atmarp_addr(p, data, sha, shl, ssa, ssl)?;
        }
        ARPOP_INVREPLY => {
            atmarp_addr(p, data, sha, shl, ssa, ssl)?;
            // tcpdump prints no space before "at" here.
            p.s("at ");
            paddr(p, data, spa, pro, spln, "<wrong splen>")?;
        }
        ARPOP_NAK => {
            p.s("for ");
            paddr(p, data, spa, pro, spln, "<wrong splen>")?;
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
