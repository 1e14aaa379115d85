//! PPP (`print-ppp.c`): `ppp_print` (the header after an optional
//! address/control pair, used by PPPoE sessions, GRE version 1 and
//! DLT_PPP), `handle_ppp`'s dispatch on the protocol field, the control
//! protocols' one-liners (LCP, IPCP, IP6CP, CCP, BACP, …) with their
//! configuration options at `-v`, ML-PPP, CHAP and PAP, and the link types
//! DLT_PPP (`ppp_if_print`) and DLT_PPP_SERIAL (`ppp_hdlc_if_print`).
//! A protocol value 0x7exx is an escape code: `ppp_hdlc` un-escapes the
//! frame into a buffer reused from packet to packet and prints from it.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::hex::print_unknown_data;
use super::tok::{BitTok, bittok2str};
use super::{P, Printer, out};
use crate::decode::{Bytes, link};

const PPP_IP: u16 = 0x0021;
const PPP_OSI: u16 = 0x0023;
const PPP_VJC: u16 = 0x002d;
const PPP_VJNC: u16 = 0x002f;
const PPP_IPX: u16 = 0x002b;
const PPP_ML: u16 = 0x003d;
const PPP_IPV6: u16 = 0x0057;
const PPP_COMP: u16 = 0x00fd;
const PPP_MPLS_UCAST: u16 = 0x0281;
const PPP_MPLS_MCAST: u16 = 0x0283;
const PPP_IPCP: u16 = 0x8021;
const PPP_OSICP: u16 = 0x8023;
const PPP_IPV6CP: u16 = 0x8057;
const PPP_CCP: u16 = 0x80fd;
const PPP_MPLSCP: u16 = 0x8281;
const PPP_LCP: u16 = 0xc021;
const PPP_PAP: u16 = 0xc023;
const PPP_LQM: u16 = 0xc025;
const PPP_SPAP: u16 = 0xc027;
const PPP_CHAP: u16 = 0xc223;
const PPP_BACP: u16 = 0xc02b;
const PPP_BAP: u16 = 0xc02d;
const PPP_SPAP_OLD: u16 = 0xc123;
const PPP_EAP: u16 = 0xc227;
const ETHERTYPE_IP: u16 = 0x0800;
const ETHERTYPE_IPV6: u16 = 0x86dd;

/// tcpdump's `ppptype2str`.
pub(super) fn ppp_type_name(proto: u16) -> Option<&'static str> {
    Some(match proto {
        PPP_IP => "IP",
        PPP_OSI => "OSI",
        0x0025 => "NS",
        0x0027 => "DECNET",
        0x0029 => "APPLE",
        PPP_IPX => "IPX",
        PPP_VJC => "VJC IP",
        PPP_VJNC => "VJNC IP",
        0x0031 => "BRPDU",
        0x0033 => "STII",
        0x0035 => "VINES",
        PPP_MPLS_UCAST | PPP_MPLS_MCAST => "MPLS",
        PPP_COMP => "Compressed",
        PPP_ML => "MLPPP",
        PPP_IPV6 => "IP6",
        0x0201 => "HELLO",
        0x0231 => "LUXCOM",
        0x0233 => "SNS",
        PPP_IPCP => "IPCP",
        PPP_OSICP => "OSICP",
        0x8025 => "NSCP",
        0x8027 => "DECNETCP",
        0x8029 => "APPLECP",
        0x802b => "IPXCP",
        0x8033 => "STIICP",
        0x8035 => "VINESCP",
        PPP_IPV6CP => "IP6CP",
        PPP_MPLSCP => "MPLSCP",
        PPP_LCP => "LCP",
        PPP_PAP => "PAP",
        PPP_LQM => "LQM",
        PPP_CHAP => "CHAP",
        PPP_EAP => "EAP",
        PPP_SPAP => "SPAP",
        PPP_SPAP_OLD => "Old-SPAP",
        PPP_BACP => "BACP",
        PPP_BAP => "BAP",
        0xc03d => "MLPPP-CP",
        PPP_CCP => "CCP",
        _ => return None,
    })
}

/// `cpcodes`.
fn cp_code_name(code: u8) -> Option<&'static str> {
    Some(match code {
        0 => "Vendor-Extension",
        1 => "Conf-Request",
        2 => "Conf-Ack",
        3 => "Conf-Nack",
        4 => "Conf-Reject",
        5 => "Term-Request",
        6 => "Term-Ack",
        7 => "Code-Reject",
        8 => "Prot-Reject",
        9 => "Echo-Request",
        10 => "Echo-Reply",
        11 => "Disc-Req",
        12 => "Ident",
        13 => "Time-Rem",
        14 => "Reset-Req",
        15 => "Reset-Ack",
        _ => return None,
    })
}

/// `lcpconfopts`, indexed by option number.
const LCP_OPTS: [&str; 31] = [
    "Vend-Ext",
    "MRU",
    "ACCM",
    "Auth-Prot",
    "Qual-Prot",
    "Magic-Num",
    "deprecated(6)",
    "PFC",
    "ACFC",
    "FCS-Alt",
    "SDP",
    "Num-Mode",
    "deprecated(12)",
    "Call-Back",
    "deprecated(14)",
    "deprecated(15)",
    "deprecated(16)",
    "MRRU",
    "12-Bit seq #",
    "End-Disc",
    "Proprietary",
    "DCE-Id",
    "MP+",
    "Link-Disc",
    "LCP-Auth-Opt",
    "COBS",
    "Prefix-elision",
    "Multilink-header-Form",
    "I18N",
    "SDL-over-SONET/SDH",
    "PPP-Muxing",
];

/// `ppp_print`: returns the header length it consumed.
pub(super) fn ppp_print(
    p: &mut Printer,
    data: &[u8],
    length: usize,
) -> Result<usize, crate::decode::Trunc> {
    p.cur.protocol = "ppp";
    let olen = length;
    let mut length = length;
    let mut at = 0;
    if length < 2 {
        p.trunc();
        return Ok(0);
    }
    match link::ppp_address(data.be16(0)?) {
        link::PppAddress::PppdIn => {
            if p.opts.link_header {
                p.s("In  ");
            }
            at = 2;
        }
        link::PppAddress::PppdOut => {
            if p.opts.link_header {
                p.s("Out ");
            }
            at = 2;
        }
        link::PppAddress::Standard => at = 2,
        link::PppAddress::Absent => {}
    }
    length -= at;
    if length < 2 {
        p.trunc();
        return Ok(0);
    }
    let (proto, n) = link::ppp_protocol(data.from(at)?)?;
    at += n;
    length -= n;
    if p.opts.link_header {
        let name = ppp_type_name(proto);
        out!(
            p,
            "{} (0x{proto:04x}), length {olen}",
            name.unwrap_or("unknown")
        );
        if name.is_none() {
            return Ok(at);
        }
        p.s(": ");
    }
    handle_ppp(p, proto, data, at, length)?;
    Ok(at)
}

/// `handle_ppp`: the packet is `buf[at..]`; the bytes before it are the
/// PPP header, which `-vv` shows with a control packet.
pub(super) fn handle_ppp(p: &mut Printer, proto: u16, buf: &[u8], at: usize, length: usize) -> P {
    let data = buf.from(at)?;
    if proto & 0xff00 == 0x7e00 {
        // An escape code: the frame is still in escaped HDLC framing, from
        // the protocol field's second byte on.
        return ppp_hdlc(p, buf.from(at.saturating_sub(1))?, length);
    }
    match proto {
        PPP_LCP | PPP_IPCP | PPP_OSICP | PPP_MPLSCP | PPP_IPV6CP | PPP_CCP | PPP_BACP => {
            handle_ctrl_proto(p, proto, buf, at, length)
        }
        PPP_ML => handle_mlppp(p, data, length),
        PPP_CHAP => handle_chap(p, data, length),
        PPP_PAP => handle_pap(p, data, length),
        PPP_BAP => Ok(()),
        ETHERTYPE_IP | PPP_VJNC | PPP_IP => super::ip::ip_print(p, data, length),
        ETHERTYPE_IPV6 | PPP_IPV6 => super::ip6::ip6_print(p, data, length),
        PPP_MPLS_UCAST | PPP_MPLS_MCAST => super::mpls::mpls_print(p, data, length),
        PPP_COMP => {
            p.s("compressed PPP data");
            Ok(())
        }
        // OSI: IS-IS (CLNP and ES-IS are not decoded and go on below).
        0x0023 if super::isoclns::isoclns_print(p, data, length)? => Ok(()),
        PPP_IPX | crate::decode::ethertype::IPX => super::ipx::ipx_print(p, data),
        // CLNP and ES-IS have no printer here: named as unknown, as other
        // protocols tcpscope does not decode.
        _ => {
            match ppp_type_name(proto) {
                Some(n) => out!(p, "{n} "),
                None => out!(p, "unknown PPP protocol (0x{proto:04x}) "),
            }
            print_unknown_data(p, Some(data), "\n\t", length);
            Ok(())
        }
    }
}

/// `ppp_hdlc`: un-escapes RFC 1662's octet stuffing (0x7d, then the byte
/// XOR 0x20) in what was captured, then guesses the protocol field's form
/// (one byte, address/control and two bytes, or two bytes) and prints from
/// the un-escaped copy, whose end is the snapshot end from there on.
fn ppp_hdlc(p: &mut Printer, data: &[u8], length: usize) -> P {
    if data.is_empty() || length == 0 {
        return Ok(());
    }
    let mut b = std::mem::take(&mut p.run.ppp_unescaped);
    b.clear();
    let mut bytes = data.iter();
    while let Some(&c) = bytes.next() {
        if c == 0x7d {
            match bytes.next() {
                Some(&n) => b.push(n ^ 0x20),
                None => break,
            }
        } else {
            b.push(c);
        }
    }
    let r = ppp_hdlc_unescaped(p, &b);
    p.run.ppp_unescaped = b;
    r
}

fn ppp_hdlc_unescaped(p: &mut Printer, b: &[u8]) -> P {
    let length = b.len();
    if length < 1 {
        p.trunc();
        return Ok(());
    }
    match u16::from(b.u8_at(0)?) {
        PPP_IP => return super::ip::ip_print(p, b.from(1)?, length - 1),
        PPP_IPV6 => return super::ip6::ip6_print(p, b.from(1)?, length - 1),
        _ => {}
    }
    if length < 2 {
        p.trunc();
        return Ok(());
    }
    let (proto, at) = match b.be16(0)? {
        0xff03 => {
            if length < 4 {
                p.trunc();
                return Ok(());
            }
            (b.be16(2)?, 4)
        }
        proto => (proto, 2),
    };
    if proto & 0xff00 == 0x7e00 {
        out!(p, "(protocol 0x{proto:04x} invalid)");
        return Ok(());
    }
    handle_ppp(p, proto, b, at, length - at)
}

/// `handle_ctrl_proto`: the one-line summary, and at `-v` the encoded
/// length and what the code carries.
fn handle_ctrl_proto(p: &mut Printer, proto: u16, buf: &[u8], at: usize, length: usize) -> P {
    let data = buf.from(at)?;
    // tcpdump's `pptr - 2`: from the protocol field's last two bytes.
    let before = at.checked_sub(2).and_then(|b| buf.get(b..));
    let typestr = ppp_type_name(proto).unwrap_or("unknown ctrl-proto");
    if ppp_type_name(proto).is_some() {
        out!(p, "{typestr}, ");
    } else {
        out!(p, "unknown ctrl-proto (0x{proto:04x}), ");
    }
    if length < 4 || !data.has(0, 2) {
        out!(p, "[|{typestr}]");
        return Ok(());
    }
    let code = data.u8_at(0)?;
    match cp_code_name(code) {
        Some(n) => out!(p, "{n} (0x{code:02x})"),
        None => out!(p, "Unknown Opcode (0x{code:02x})"),
    }
    out!(p, ", id {}, length {}", data.u8_at(1)?, length + 2);
    if p.opts.verbose == 0 {
        return Ok(());
    }
    let len = usize::from(data.be16(2)?);
    if len < 4 {
        out!(p, "\n\tencoded length {len} (< 4))");
        return Ok(());
    }
    if len > length {
        out!(p, "\n\tencoded length {len} (> packet length {length}))");
        return Ok(());
    }
    let length = len;
    out!(
        p,
        "\n\tencoded length {len} (=Option(s) length {})",
        len - 4
    );
    if length == 4 {
        return Ok(());
    }
    if p.opts.verbose > 1 {
        // `pptr - 2`: the PPP protocol field before the control packet.
        print_unknown_data(p, before, "\n\t", 6);
    }
    let t = data.from(4)?;
    match code {
        0 => {
            if length >= 11 {
                out!(p, "\n\t  Magic-Num 0x{:08x}", t.be32(0)?);
                let oui = t.be24(4)?;
                out!(
                    p,
                    " Vendor: {} ({oui})",
                    super::addr::oui_name(oui).unwrap_or("Unknown")
                );
            }
        }
        1..=4 => {
            let mut tlen = len - 4;
            let mut at = 0;
            loop {
                // Past the captured end: the option printer's check says so.
                let opt = t.get(at..).unwrap_or_default();
                let advance = match proto {
                    PPP_LCP => lcp_option(p, opt, len)?,
                    PPP_IPCP => ipcp_option(p, opt, len)?,
                    PPP_IPV6CP => ip6cp_option(p, opt, len)?,
                    PPP_CCP => ccp_option(p, opt, len)?,
                    PPP_BACP => bacp_option(p, opt, len)?,
                    _ => break,
                };
                if advance == 0 {
                    break;
                }
                if tlen < advance {
                    out!(p, " [remaining options length {tlen} < {advance}]");
                    p.s(" (invalid)");
                    break;
                }
                tlen -= advance;
                at += advance;
                if tlen == 0 {
                    break;
                }
            }
        }
        8 => {
            if length >= 6 {
                let rp = t.be16(0)?;
                out!(
                    p,
                    "\n\t  Rejected {} Protocol (0x{rp:04x})",
                    ppp_type_name(rp).unwrap_or("unknown")
                );
                if len > 6 {
                    p.s("\n\t  Rejected Packet");
                    print_unknown_data(p, t.get(2..), "\n\t    ", len - 2);
                }
            }
        }
        9..=11 => {
            if length >= 8 {
                out!(p, "\n\t  Magic-Num 0x{:08x}", t.be32(0)?);
                if len > 8 {
                    p.s("\n\t  -----trailing data-----");
                    if !t.has(4, len - 8) {
                        out!(p, "[|{typestr}]");
                        return Ok(());
                    }
                    print_unknown_data(p, t.get(4..), "\n\t  ", len - 8);
                }
            }
        }
        12 => {
            if length >= 8 {
                out!(p, "\n\t  Magic-Num 0x{:08x}", t.be32(0)?);
                if len > 8 {
                    p.s("\n\t  Message\n\t    ");
                    // tcpdump prints `len - 4` bytes from the message on.
                    if super::chars::printn(p, t, 4, len - 4) {
                        out!(p, "[|{typestr}]");
                    }
                }
            }
        }
        13 => {
            if length >= 12 {
                out!(p, "\n\t  Magic-Num 0x{:08x}", t.be32(0)?);
                out!(p, ", Seconds-Remaining {}s", t.be32(4)?);
            }
        }
        5..=7 => {}
        _ => {
            if p.opts.verbose <= 1 {
                print_unknown_data(p, before, "\n\t  ", length + 2);
            }
        }
    }
    Ok(())
}

/// The option header every `print_*_config_options` checks first: `None`
/// to stop (too short, or longer than `length`), else `(opt, len)`.
/// `what` names the protocol in the marker of an option header cut by the
/// snapshot (`ND_TCHECK_2` into the printer's `trunc:` label, `[|lcp]`).
fn opt_header(
    p: &mut Printer,
    data: &[u8],
    length: usize,
    what: &str,
) -> Result<Option<(u8, usize)>, crate::decode::Trunc> {
    if length < 2 {
        return Ok(None);
    }
    if !data.has(0, 2) {
        out!(p, "[|{what}]");
        return Ok(None);
    }
    let opt = data.u8_at(0)?;
    let len = usize::from(data.u8_at(1)?);
    if length < len {
        return Ok(None);
    }
    Ok(Some((opt, len)))
}

/// The tail every option printer shares: with `-vv` the option's value in hex.
fn opt_tail(p: &mut Printer, data: &[u8], len: usize) -> usize {
    if p.opts.verbose > 1 {
        print_unknown_data(p, data.get(2..), "\n\t    ", len - 2);
    }
    len
}

/// An option tcpscope prints no value of: its bytes in hex below `-vv`.
fn opt_unknown(p: &mut Printer, data: &[u8], len: usize) {
    if p.opts.verbose < 2 {
        print_unknown_data(p, data.get(2..), "\n\t    ", len - 2);
    }
}

/// `print_lcp_config_options`.
fn lcp_option(p: &mut Printer, d: &[u8], length: usize) -> Result<usize, crate::decode::Trunc> {
    let Some((opt, len)) = opt_header(p, d, length, "lcp")? else {
        return Ok(0);
    };
    let name = LCP_OPTS.get(usize::from(opt));
    if len < 2 {
        match name {
            Some(n) => out!(
                p,
                "\n\t  {n} Option (0x{opt:02x}), length {len} (length bogus, should be >= 2)"
            ),
            None => out!(p, "\n\tunknown LCP option 0x{opt:02x}"),
        }
        return Ok(0);
    }
    match name {
        Some(n) => out!(p, "\n\t  {n} Option (0x{opt:02x}), length {len}"),
        None => {
            out!(p, "\n\tunknown LCP option 0x{opt:02x}");
            return Ok(len);
        }
    }
    let bogus = |p: &mut Printer, s: &str| out!(p, " (length bogus, should be {s})");
    match opt {
        0 => {
            if len < 6 {
                bogus(p, ">= 6");
                return Ok(len);
            }
            let oui = d.be24(2)?;
            out!(
                p,
                ": Vendor: {} ({oui})",
                super::addr::oui_name(oui).unwrap_or("Unknown")
            );
        }
        1 | 17 => {
            if len != 4 {
                bogus(p, "= 4");
                return Ok(if opt == 1 { len } else { 0 });
            }
            out!(p, ": {}", d.be16(2)?);
        }
        2 => {
            if len != 6 {
                bogus(p, "= 6");
                return Ok(len);
            }
            out!(p, ": 0x{:08x}", d.be32(2)?);
        }
        3 => {
            if len < 4 {
                bogus(p, ">= 4");
                return Ok(len);
            }
            let ap = d.be16(2)?;
            match ppp_type_name(ap) {
                Some(n) => out!(p, ": {n}"),
                // tcpdump's format string lacks the `%` (`0x04x`).
                None => p.s(": Unknown Auth Proto (0x04x)"),
            }
            match ap {
                PPP_CHAP => {
                    let alg = d.u8_at(4)?;
                    match alg {
                        5 => p.s(", MD5"),
                        128 => p.s(", MS-CHAPv1"),
                        129 => p.s(", MS-CHAPv2"),
                        a => out!(p, ", Unknown Auth Alg {a}"),
                    }
                }
                PPP_PAP | PPP_EAP | PPP_SPAP | PPP_SPAP_OLD => {}
                _ => print_unknown_data(p, Some(d), "\n\t", len),
            }
        }
        4 => {
            if len < 4 {
                bogus(p, ">= 4");
                return Ok(0);
            }
            if d.be16(2)? == PPP_LQM {
                p.s(": LQR");
            } else {
                p.s(": unknown");
            }
        }
        5 => {
            if len != 6 {
                bogus(p, "= 6");
                return Ok(0);
            }
            out!(p, ": 0x{:08x}", d.be32(2)?);
        }
        7 | 8 => {}
        23 => {
            if len != 4 {
                bogus(p, "= 4");
                return Ok(0);
            }
            out!(p, ": 0x{:04x}", d.be16(2)?);
        }
        13 => {
            if len < 3 {
                bogus(p, ">= 3");
                return Ok(0);
            }
            let op = d.u8_at(2)?;
            let name = match op {
                0 => "UserAuth",
                1 => "DialString",
                2 => "LocalID",
                3 => "E.164",
                4 => "X.500",
                6 => "CBCP",
                _ => "Unknown",
            };
            out!(p, ": : Callback Operation {name} ({op})");
        }
        19 => {
            if len < 3 {
                bogus(p, ">= 3");
                return Ok(0);
            }
            match d.u8_at(2)? {
                0 => p.s(": Null"),
                1 => p.s(": Local"),
                2 => {
                    if len != 7 {
                        bogus(p, "= 7");
                        return Ok(0);
                    }
                    p.s(": IPv4 ");
                    p.ip4_at(d, 3)?;
                }
                3 => {
                    if len != 9 {
                        bogus(p, "= 9");
                        return Ok(0);
                    }
                    p.s(": MAC ");
                    p.etheraddr(d.range(3, 6)?);
                }
                4 => p.s(": Magic-Num-Block"),
                5 => p.s(": PSNDN"),
                c => out!(p, ": Unknown class {c}"),
            }
        }
        _ => opt_unknown(p, d, len),
    }
    Ok(opt_tail(p, d, len))
}

/// `print_ipcp_config_options`.
fn ipcp_option(p: &mut Printer, d: &[u8], length: usize) -> Result<usize, crate::decode::Trunc> {
    let Some((opt, len)) = opt_header(p, d, length, "ipcp")? else {
        return Ok(0);
    };
    let name = match opt {
        1 => "IP-Addrs",
        2 => "IP-Comp",
        3 => "IP-Addr",
        4 => "Home-Addr",
        129 => "Pri-DNS",
        130 => "Pri-NBNS",
        131 => "Sec-DNS",
        132 => "Sec-NBNS",
        _ => "unknown",
    };
    if len < 2 {
        out!(
            p,
            "\n\t  {name} Option (0x{opt:02x}), length {len} (length bogus, should be >= 2)"
        );
        return Ok(0);
    }
    out!(p, "\n\t  {name} Option (0x{opt:02x}), length {len}");
    // Where tcpdump's `p` ends: the header-compression suboption walk
    // advances it, and the `-vv` dump below starts 2 bytes after it.
    let mut pofs = 0;
    match opt {
        1 => {
            if len != 10 {
                p.s(" (length bogus, should be = 10)");
                return Ok(len);
            }
            p.s(": src ");
            p.ip4_at(d, 2)?;
            p.s(", dst ");
            p.ip4_at(d, 6)?;
        }
        2 => {
            if len < 4 {
                p.s(" (length bogus, should be >= 4)");
                return Ok(0);
            }
            let cp = d.be16(2)?;
            let cname = match cp {
                PPP_VJC => "VJ-Comp",
                0x61 => "IP Header Compression",
                _ => "Unknown",
            };
            out!(p, ": {cname} (0x{cp:02x}):");
            if cp == 0x61 {
                const MINLEN: usize = 14;
                if len < MINLEN {
                    out!(p, " (length bogus, should be >= {MINLEN})");
                    return Ok(0);
                }
                if !d.has(2, MINLEN) {
                    p.s("[|ipcp]");
                    return Ok(0);
                }
                out!(
                    p,
                    "\n\t    TCP Space {}, non-TCP Space {}, maxPeriod {}, maxTime {}, maxHdr {}",
                    d.be16(4)?,
                    d.be16(6)?,
                    d.be16(8)?,
                    d.be16(10)?,
                    d.be16(12)?
                );
                if len > MINLEN {
                    let mut total = len - MINLEN;
                    let mut at = MINLEN;
                    out!(p, "\n\t      Suboptions, length {total}");
                    while total >= 2 {
                        if !d.has(at, 2) {
                            p.s("[|ipcp]");
                            return Ok(0);
                        }
                        let so = d.u8_at(at)?;
                        let sl = usize::from(d.u8_at(at + 1)?);
                        if so == 0 || sl == 0 {
                            break;
                        }
                        let sn = match so {
                            1 => "RTP-Compression",
                            2 => "Enhanced RTP-Compression",
                            _ => "Unknown",
                        };
                        out!(p, "\n\t\t{sn} Suboption #{so}, length {sl}");
                        if total < sl {
                            out!(p, " [remaining suboptions length {total} < {sl}]");
                            p.s(" (invalid)");
                            break;
                        }
                        total -= sl;
                        at += sl;
                    }
                    pofs = at;
                }
            }
        }
        3 | 4 | 129..=132 => {
            if len != 6 {
                p.s(" (length bogus, should be = 6)");
                return Ok(0);
            }
            p.s(": ");
            p.ip4_at(d, 2)?;
        }
        _ => opt_unknown(p, d, len),
    }
    if p.opts.verbose > 1 {
        print_unknown_data(p, d.get(pofs + 2..), "\n\t    ", len - 2);
    }
    Ok(len)
}

/// `print_ip6cp_config_options`.
fn ip6cp_option(p: &mut Printer, d: &[u8], length: usize) -> Result<usize, crate::decode::Trunc> {
    let Some((opt, len)) = opt_header(p, d, length, "ip6cp")? else {
        return Ok(0);
    };
    let name = if opt == 1 { "Interface-ID" } else { "unknown" };
    if len < 2 {
        out!(
            p,
            "\n\t  {name} Option (0x{opt:02x}), length {len} (length bogus, should be >= 2)"
        );
        return Ok(0);
    }
    out!(p, "\n\t  {name} Option (0x{opt:02x}), length {len}");
    if opt == 1 {
        if len != 10 {
            p.s(" (length bogus, should be = 10)");
            return Ok(len);
        }
        if !d.has(2, 8) {
            p.s("[|ip6cp]");
            return Ok(0);
        }
        out!(
            p,
            ": {:04x}:{:04x}:{:04x}:{:04x}",
            d.be16(2)?,
            d.be16(4)?,
            d.be16(6)?,
            d.be16(8)?
        );
    } else {
        opt_unknown(p, d, len);
    }
    Ok(opt_tail(p, d, len))
}

/// `print_ccp_config_options`.
fn ccp_option(p: &mut Printer, d: &[u8], length: usize) -> Result<usize, crate::decode::Trunc> {
    let Some((opt, len)) = opt_header(p, d, length, "ccp")? else {
        return Ok(0);
    };
    let name = match opt {
        0 => "OUI",
        1 => "Pred-1",
        2 => "Pred-2",
        3 => "Puddle",
        16 => "HP-PPC",
        17 => "Stac-LZS",
        18 => "MPPC",
        19 => "Gand-FZA",
        20 => "V.42bis",
        21 => "BSD-Comp",
        23 => "LZS-DCP",
        24 => "MVRCA",
        25 => "DEC",
        26 => "Deflate",
        255 => "Reserved",
        _ => "Unknown",
    };
    if len < 2 {
        out!(
            p,
            "\n\t  {name} Option (0x{opt:02x}), length {len} (length bogus, should be >= 2)"
        );
        return Ok(0);
    }
    out!(p, "\n\t  {name} Option (0x{opt:02x}), length {len}");
    match opt {
        21 => {
            if len < 3 {
                p.s(" (length bogus, should be >= 3)");
                return Ok(len);
            }
            let b = d.u8_at(2)?;
            out!(p, ": Version: {}, Dictionary Bits: {}", b >> 5, b & 0x1f);
        }
        24 => {
            if len < 4 {
                p.s(" (length bogus, should be >= 4)");
                return Ok(len);
            }
            let b = d.u8_at(2)?;
            out!(
                p,
                ": Features: {}, PxP: {}, History: {}, #CTX-ID: {}",
                (b & 0xc0) >> 6,
                if b & 0x20 != 0 { "Enabled" } else { "Disabled" },
                b & 0x1f,
                d.u8_at(3)?
            );
        }
        26 => {
            if len < 4 {
                p.s(" (length bogus, should be >= 4)");
                return Ok(len);
            }
            let (a, b) = (d.u8_at(2)?, d.u8_at(3)?);
            out!(
                p,
                ": Window: {}K, Method: {} (0x{:x}), MBZ: {}, CHK: {}",
                (a & 0xf0) >> 4,
                if a & 0x0f == 8 { "zlib" } else { "unknown" },
                a & 0x0f,
                (b & 0xfc) >> 2,
                b & 0x03
            );
        }
        _ => opt_unknown(p, d, len),
    }
    Ok(opt_tail(p, d, len))
}

/// `print_bacp_config_options`.
fn bacp_option(p: &mut Printer, d: &[u8], length: usize) -> Result<usize, crate::decode::Trunc> {
    let Some((opt, len)) = opt_header(p, d, length, "bacp")? else {
        return Ok(0);
    };
    let name = if opt == 1 { "Favored-Peer" } else { "Unknown" };
    if len < 2 {
        out!(
            p,
            "\n\t  {name} Option (0x{opt:02x}), length {len} (length bogus, should be >= 2)"
        );
        return Ok(0);
    }
    out!(p, "\n\t  {name} Option (0x{opt:02x}), length {len}");
    if opt == 1 {
        if len != 6 {
            p.s(" (length bogus, should be = 6)");
            return Ok(len);
        }
        out!(p, ": Magic-Num 0x{:08x}", d.be32(2)?);
    } else {
        opt_unknown(p, d, len);
    }
    Ok(opt_tail(p, d, len))
}

/// `ppp_ml_flag_values`.
const ML_FLAGS: &BitTok = &[(0x80, "begin"), (0x40, "end")];

/// `handle_mlppp`.
fn handle_mlppp(p: &mut Printer, data: &[u8], length: usize) -> P {
    if !p.opts.link_header {
        p.s("MLPPP, ");
    }
    if length < 2 || !data.has(0, 2) {
        p.s("[|mlppp]");
        return Ok(());
    }
    let w = data.be16(0)?;
    out!(p, "seq 0x{:03x}, Flags [", w & 0x0fff);
    bittok2str(p, ML_FLAGS, "none", u32::from(data.u8_at(0)? & 0xc0));
    out!(p, "], length {length}");
    Ok(())
}

/// `handle_chap`.
fn handle_chap(p: &mut Printer, d: &[u8], length: usize) -> P {
    if length < 1 {
        p.s("[|chap]");
        return Ok(());
    } else if length < 4 {
        out!(p, "[|chap 0x{:02x}]", d.u8_at(0)?);
        return Ok(());
    }
    let code = d.u8_at(0)?;
    let name = match code {
        1 => "Challenge",
        2 => "Response",
        3 => "Success",
        4 => "Fail",
        _ => "unknown",
    };
    out!(p, "CHAP, {name} (0x{code:02x})");
    out!(p, ", id {}", d.u8_at(1)?);
    let len = usize::from(d.be16(2)?);
    let mut at = 4;
    match code {
        1 | 2 => {
            if length < at + 1 {
                return Ok(());
            }
            let vs = usize::from(d.u8_at(at)?);
            at += 1;
            if length - at < vs {
                return Ok(());
            }
            p.s(", Value ");
            for _ in 0..vs {
                out!(p, "{:02x}", d.u8_at(at)?);
                at += 1;
            }
            p.s(", Name ");
            // `len - (p - p0)` is unsigned in tcpdump: a short length reads on.
            let n = len.wrapping_sub(at);
            for _ in 0..n {
                super::chars::print_char(p, d.u8_at(at)?);
                at += 1;
            }
        }
        3 | 4 => {
            p.s(", Msg ");
            let n = len.wrapping_sub(at);
            for _ in 0..n {
                super::chars::print_char(p, d.u8_at(at)?);
                at += 1;
            }
        }
        _ => {}
    }
    Ok(())
}

/// `handle_pap`.
fn handle_pap(p: &mut Printer, d: &[u8], length: usize) -> P {
    if length < 1 {
        p.s("[|pap]");
        return Ok(());
    } else if length < 4 {
        out!(p, "[|pap 0x{:02x}]", d.u8_at(0)?);
        return Ok(());
    }
    let code = d.u8_at(0)?;
    let name = match code {
        1 => "Auth-Req",
        2 => "Auth-ACK",
        3 => "Auth-NACK",
        _ => "unknown",
    };
    out!(p, "PAP, {name} (0x{code:02x})");
    out!(p, ", id {}", d.u8_at(1)?);
    let len = usize::from(d.be16(2)?);
    if len > length {
        out!(p, ", length {len} > packet size");
        return Ok(());
    }
    let length = len;
    let mut at = 4;
    if length < at {
        out!(p, ", length {length} < PAP header length");
        return Ok(());
    }
    let text =
        |p: &mut Printer, at: &mut usize, label: &str| -> Result<bool, crate::decode::Trunc> {
            if length - *at < 1 {
                return Ok(false);
            }
            let n = usize::from(d.u8_at(*at)?);
            *at += 1;
            if length - *at < n {
                return Ok(false);
            }
            p.s(label);
            for _ in 0..n {
                super::chars::print_char(p, d.u8_at(*at)?);
                *at += 1;
            }
            Ok(true)
        };
    match code {
        1 => {
            if len < 6 {
                p.s("[|pap]");
                return Ok(());
            }
            if text(p, &mut at, ", Peer ")? {
                text(p, &mut at, ", Name ")?;
            }
        }
        2 | 3 => {
            if len < 5 {
                p.s("[|pap]");
                return Ok(());
            }
            text(p, &mut at, ", Msg ")?;
        }
        _ => {}
    }
    Ok(())
}

/// `ppp_if_print` (DLT_PPP): the header consumed counts as the link layer.
pub(super) fn ppp_if_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "ppp";
    if data.len() < link::PPP_HDRLEN {
        p.trunc();
        p.cur.ll_hdr_len += data.len();
        return Ok(());
    }
    p.cur.ll_hdr_len += link::PPP_HDRLEN;
    ppp_print(p, data, length)?;
    Ok(())
}

/// `ppp_hdlc_if_print` (DLT_PPP_SERIAL): PPP in HDLC framing, or Cisco HDLC.
pub(super) fn ppp_hdlc_if_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "ppp_hdlc";
    let caplen = data.len();
    if caplen < 2 {
        p.trunc();
        p.cur.ll_hdr_len += caplen;
        return Ok(());
    }
    let first = data.u8_at(0)?;
    match first {
        0xff => {
            if caplen < 4 {
                p.trunc();
                p.cur.ll_hdr_len += caplen;
                return Ok(());
            }
            if p.opts.link_header {
                out!(p, "{:02x} {:02x} {length} ", first, data.u8_at(1)?);
            }
            let proto = data.be16(2)?;
            p.cur.ll_hdr_len += 4;
            match ppp_type_name(proto) {
                Some(n) => out!(p, "{n}: "),
                None => out!(p, "unknown PPP protocol (0x{proto:04x}): "),
            }
            handle_ppp(p, proto, data, 4, length.saturating_sub(4))
        }
        link::CHDLC_UNICAST | link::CHDLC_BCAST => super::chdlc::chdlc_if_print(p, data, length),
        _ => {
            if caplen < 4 {
                p.trunc();
                p.cur.ll_hdr_len += caplen;
                return Ok(());
            }
            if p.opts.link_header {
                out!(p, "{:02x} {:02x} {length} ", first, data.u8_at(1)?);
            }
            p.cur.ll_hdr_len += 2;
            out!(
                p,
                "unknown addr {:02x}; ctrl {:02x}",
                data.u8_at(2)?,
                data.u8_at(3)?
            );
            Ok(())
        }
    }
}
