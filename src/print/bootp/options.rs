//! The BOOTP vendor area under `-v` (`print-bootp.c`): RFC 1048 / DHCP
//! options (`rfc1048_print`, its `tag2str` table and the special decoders)
//! and the CMU extensions (`cmu_print`).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::super::chars::printn;
use super::super::{P, Printer, out};
use crate::decode::{Bytes, Trunc};

const TAG_PAD: u8 = 0;
const TAG_END: u8 = 255;
const TAG_DHCP_MESSAGE: u8 = 53;
const TAG_PARM_REQUEST: u8 = 55;
const TAG_NETBIOS_NODE: u8 = 46;
const TAG_OPT_OVERLOAD: u8 = 52;
const TAG_CLIENT_FQDN: u8 = 81;
const TAG_CLIENT_ID: u8 = 61;
const TAG_AGENT_CIRCUIT: u8 = 82;
const TAG_CLASSLESS_STATIC_RT: u8 = 121;
const TAG_CLASSLESS_STA_RT_MS: u8 = 249;
const TAG_USER_CLASS: u8 = 77;

/// `tag2str`: the print format (first character of tcpdump's string) and
/// the name. Formats: `i` IPv4 addresses, `p` address pairs, `l` u32, `L`
/// i32, `s` u16, `b` dotted decimal bytes, `a` text, `B` booleans, `$`
/// special, ` ` none (bytes), `?` unknown (`None` here).
fn tag2str(tag: u8) -> Option<(u8, &'static str)> {
    let (f, name) = match tag {
        0 => (b' ', "PAD"),
        1 => (b'i', "Subnet-Mask"),
        2 => (b'L', "Time-Zone"),
        3 => (b'i', "Default-Gateway"),
        4 => (b'i', "Time-Server"),
        5 => (b'i', "IEN-Name-Server"),
        6 => (b'i', "Domain-Name-Server"),
        7 => (b'i', "LOG"),
        8 => (b'i', "CS"),
        9 => (b'i', "LPR-Server"),
        10 => (b'i', "IM"),
        11 => (b'i', "RL"),
        12 => (b'a', "Hostname"),
        13 => (b's', "BS"),
        255 => (b' ', "END"),
        14 => (b'a', "DP"),
        15 => (b'a', "Domain-Name"),
        16 => (b'i', "SS"),
        17 => (b'a', "RP"),
        18 => (b'a', "EP"),
        19 => (b'B', "IPF"),
        20 => (b'B', "SRT"),
        21 => (b'p', "PF"),
        22 => (b's', "RSZ"),
        23 => (b'b', "TTL"),
        24 => (b'l', "MTU-Timeout"),
        25 => (b's', "MTU-Table"),
        26 => (b's', "MTU"),
        27 => (b'B', "LSN"),
        28 => (b'i', "BR"),
        29 => (b'B', "MD"),
        30 => (b'B', "MS"),
        31 => (b'B', "Router-Discovery"),
        32 => (b'i', "RSA"),
        33 => (b'p', "Static-Route"),
        34 => (b'B', "UT"),
        35 => (b'l', "AT"),
        36 => (b'B', "IE"),
        37 => (b'b', "TT"),
        38 => (b'l', "KI"),
        39 => (b'B', "KG"),
        40 => (b'a', "YD"),
        41 => (b'i', "YS"),
        42 => (b'i', "NTP"),
        43 => (b'b', "Vendor-Option"),
        44 => (b'i', "Netbios-Name-Server"),
        45 => (b'i', "WDD"),
        46 => (b'$', "Netbios-Node"),
        47 => (b'a', "Netbios-Scope"),
        48 => (b'i', "XFS"),
        49 => (b'i', "XDM"),
        64 => (b's', "N+D"),
        65 => (b'i', "N+S"),
        68 => (b'i', "MH"),
        69 => (b'i', "SMTP"),
        70 => (b'i', "POP3"),
        71 => (b'i', "NNTP"),
        72 => (b'i', "WWW"),
        73 => (b'i', "FG"),
        74 => (b'i', "IRC"),
        75 => (b'i', "STS"),
        76 => (b'i', "STDA"),
        50 => (b'i', "Requested-IP"),
        51 => (b'l', "Lease-Time"),
        52 => (b'$', "OO"),
        66 => (b'a', "TFTP"),
        67 => (b'a', "BF"),
        53 => (b' ', "DHCP-Message"),
        54 => (b'i', "Server-ID"),
        55 => (b'b', "Parameter-Request"),
        56 => (b'a', "MSG"),
        57 => (b's', "MSZ"),
        58 => (b'l', "RN"),
        59 => (b'l', "RB"),
        60 => (b'a', "Vendor-Class"),
        61 => (b'$', "Client-ID"),
        98 => (b'a', "UAP"),
        116 => (b'B', "NOAUTO"),
        78 => (b'b', "SLP-DA"),
        79 => (b'b', "SLP-SCOPE"),
        117 => (b's', "NSSEARCH"),
        77 => (b'$', "User-Class"),
        118 => (b'i', "SUBNET"),
        121 => (b'$', "Classless-Static-Route"),
        249 => (b'$', "Classless-Static-Route-Microsoft"),
        150 => (b'i', "TFTP-Server-Address"),
        80 => (b'a', "SLP-NA"),
        81 => (b'$', "FQDN"),
        82 => (b'$', "Agent-Information"),
        83 => (b'b', "ARMT"),
        88 => (b'a', "TZSTR"),
        89 => (b'b', "FQDNS"),
        90 => (b'b', "AUTH"),
        91 => (b'L', "Last-Transaction-Time"),
        92 => (b'i', "Associated-IP"),
        93 => (b's', "ARCH"),
        94 => (b'b', "NDI"),
        97 => (b'b', "GUID"),
        95 => (b'a', "LDAP"),
        100 => (b'a', "POSIX-TZ"),
        101 => (b'a', "TZ-Name"),
        112 => (b'i', "NI"),
        113 => (b'a', "NITAG"),
        114 => (b'a', "URL"),
        161 => (b'a', "MUD-URL"),
        _ => return None,
    };
    Some((f, name))
}

fn dhcp_msg(v: u8) -> Option<&'static str> {
    Some(match v {
        1 => "Discover",
        2 => "Offer",
        3 => "Request",
        4 => "Decline",
        5 => "ACK",
        6 => "NACK",
        7 => "Release",
        8 => "Inform",
        10 => "LeaseQuery",
        11 => "LeaseUnassigned",
        12 => "LeaseUnknown",
        13 => "LeaseActive",
        _ => return None,
    })
}

/// `nd_printn` inside quotes; a string cut by the capture ends the packet
/// without the closing quote's partner text, as tcpdump's `goto trunc`.
fn quoted(p: &mut Printer, data: &[u8], at: usize, n: usize) -> P {
    p.s("\"");
    let cut = printn(p, data, at, n);
    p.s("\"");
    if cut { Err(Trunc) } else { Ok(()) }
}

/// `rfc1048_print`: `at` is the offset of the magic cookie in `data` (the
/// BOOTP message as captured).
pub(super) fn rfc1048_print(p: &mut Printer, data: &[u8], at: usize) -> P {
    let v = p.opts.verbose;
    p.s("\n\t  Vendor-rfc1048 Extensions");
    out!(p, "\n\t    Magic Cookie 0x{:08x}", data.be32(at)?);
    let mut bp = at + 4;
    while data.has(bp, 1) {
        let tag = data.u8_at(bp)?;
        bp += 1;
        if tag == TAG_PAD && v < 3 {
            continue;
        }
        if tag == TAG_END && v < 3 {
            return Ok(());
        }
        let (mut c, name) = tag2str(tag).unwrap_or((b'?', "Unknown"));
        let mut len = if tag == TAG_PAD || tag == TAG_END {
            0
        } else {
            let l = data.u8_at(bp)?;
            bp += 1;
            usize::from(l)
        };
        out!(
            p,
            "\n\t    {name} ({tag}), length {len}{}",
            if len > 0 { ": " } else { "" }
        );
        if tag == TAG_PAD && v > 2 {
            let mut ntag = 1u32;
            while data.u8_at(bp) == Ok(TAG_PAD) {
                bp += 1;
                ntag += 1;
            }
            if ntag > 1 {
                out!(p, ", occurs {ntag}");
            }
        }
        // ND_TCHECK_LEN into rfc1048_print's trunc: label (print-bootp.c
        // has no longjmp for it).
        data.range(bp, len).map_err(|_| p.soft_trunc())?;
        if tag == TAG_DHCP_MESSAGE && len == 1 {
            let m = data.u8_at(bp)?;
            match dhcp_msg(m) {
                Some(s) => p.s(s),
                None => out!(p, "Unknown ({m})"),
            }
            bp += 1;
            continue;
        }
        if tag == TAG_PARM_REQUEST {
            for idx in 0..len {
                let inner = data.u8_at(bp)?;
                bp += 1;
                let n = tag2str(inner).map_or("Unknown", |(_, n)| n);
                p.s(if idx % 4 == 0 { "\n\t      " } else { ", " });
                out!(p, "{n} ({inner})");
            }
            continue;
        }
        if c == b'?' {
            // Unknown tags: a format guessed from the data size.
            c = if len & 1 != 0 {
                b'b'
            } else if len & 2 != 0 {
                b's'
            } else {
                b'l'
            };
        }
        match c {
            b'a' => {
                quoted(p, data, bp, len)?;
                bp += len;
                len = 0;
            }
            b'$' => special(p, data, tag, &mut bp, &mut len)?,
            _ => array_print(p, data, c, &mut bp, &mut len)?,
        }
        if len > 0 {
            out!(p, "\n\t  trailing data length {len}");
            bp += len;
        }
    }
    Ok(())
}

/// The cases of `rfc1048_print` that print an array: as many whole items
/// of the format's size as `len` holds, separated by commas (by dots for
/// 'b', 'x' and formatless tags, dotted decimal bytes). `len` is left at
/// the bytes that do not make an item.
fn array_print(p: &mut Printer, data: &[u8], c: u8, bp: &mut usize, len: &mut usize) -> P {
    let (size, sep) = match c {
        b'i' | b'l' | b'L' => (4, ","),
        b'p' => (8, ","),
        b's' => (2, ","),
        b'B' => (1, ","),
        _ => (1, "."),
    };
    let mut first = true;
    while *len >= size {
        if !first {
            p.s(sep);
        }
        let at = *bp;
        match c {
            b'i' => p.ip4_at(data, at)?,
            b'l' => out!(p, "{}", data.be32(at)?),
            b'L' => out!(p, "{}", data.be32(at)? as i32),
            b'p' => {
                p.s("(");
                p.ip4_at(data, at)?;
                p.s(":");
                p.ip4_at(data, at + 4)?;
                p.s(")");
            }
            b's' => out!(p, "{}", data.be16(at)?),
            b'B' => match data.u8_at(at)? {
                0 => p.s("N"),
                1 => p.s("Y"),
                b => out!(p, "{b}?"),
            },
            _ => out!(p, "{}", data.u8_at(at)?),
        }
        *bp += size;
        *len -= size;
        first = false;
    }
    Ok(())
}

/// The `$` cases of `rfc1048_print`: options with their own layout. `len`
/// is left at what the decoder did not consume ("trailing data").
fn special(p: &mut Printer, data: &[u8], tag: u8, bp: &mut usize, len: &mut usize) -> P {
    match tag {
        TAG_NETBIOS_NODE | TAG_OPT_OVERLOAD => {
            if *len < 1 {
                p.s("[ERROR: length < 1 bytes]");
                return Ok(());
            }
            let t = data.u8_at(*bp)?;
            *bp += 1;
            *len -= 1;
            let name = if tag == TAG_NETBIOS_NODE {
                match t {
                    1 => Some("b-node"),
                    2 => Some("p-node"),
                    4 => Some("m-node"),
                    8 => Some("h-node"),
                    _ => None,
                }
            } else {
                match t {
                    1 => Some("file"),
                    2 => Some("sname"),
                    3 => Some("file+sname"),
                    _ => None,
                }
            };
            match name {
                Some(n) => p.s(n),
                None => out!(p, "#{t}"),
            }
        }
        TAG_CLIENT_FQDN => {
            if *len < 3 {
                p.s("[ERROR: length < 3 bytes]");
                *bp += *len;
                *len = 0;
                return Ok(());
            }
            let flags = data.u8_at(*bp)?;
            if flags & 0xf0 != 0 {
                out!(p, "[ERROR: MBZ nibble 0x{:x} != 0] ", (flags & 0xf0) >> 4);
            }
            if flags & 0x0f != 0 {
                p.s("[");
                for (bit, ch) in [(1, "S"), (2, "O"), (4, "E"), (8, "N")] {
                    if flags & bit != 0 {
                        p.s(ch);
                    }
                }
                p.s("] ");
            }
            *bp += 1;
            let (r1, r2) = (data.u8_at(*bp)?, data.u8_at(*bp + 1)?);
            if r1 != 0 || r2 != 0 {
                out!(p, "{r1}/{r2} ");
            }
            *bp += 2;
            quoted(p, data, *bp, *len - 3)?;
            *bp += *len - 3;
            *len = 0;
        }
        TAG_CLIENT_ID => {
            if *len < 1 {
                p.s("[ERROR: length < 1 bytes]");
                return Ok(());
            }
            let ty = data.u8_at(*bp)?;
            *bp += 1;
            *len -= 1;
            if ty == 0 {
                quoted(p, data, *bp, *len)?;
                *bp += *len;
                *len = 0;
            } else {
                match ty {
                    0x1 => p.s("ether"),
                    0x6 => p.s("ieee802"),
                    0x7 => p.s("arcnet"),
                    0xf => p.s("frelay"),
                    0x17 => p.s("strip"),
                    0x18 => p.s("ieee1394"),
                    _ => out!(p, "hardware-type {ty},"),
                }
                p.s(" ");
                let mut first = true;
                while *len > 0 {
                    if !first {
                        p.s(":");
                    }
                    out!(p, "{:02x}", data.u8_at(*bp)?);
                    *bp += 1;
                    *len -= 1;
                    first = false;
                }
            }
        }
        TAG_AGENT_CIRCUIT => agent_information(p, data, bp, len)?,
        TAG_CLASSLESS_STATIC_RT | TAG_CLASSLESS_STA_RT_MS => classless_routes(p, data, bp, len)?,
        TAG_USER_CLASS => user_class(p, data, bp, len)?,
        _ => {
            out!(p, "[unknown special tag {tag}, size {len}]");
            *bp += *len;
            *len = 0;
        }
    }
    Ok(())
}

/// Option 82 (RFC 3046): relay agent sub-options.
fn agent_information(p: &mut Printer, data: &[u8], bp: &mut usize, len: &mut usize) -> P {
    while *len >= 2 {
        let subopt = data.u8_at(*bp)?;
        let sublen = usize::from(data.u8_at(*bp + 1)?);
        *bp += 2;
        *len -= 2;
        let name = match subopt {
            1 => "Circuit-ID",
            2 => "Remote-ID",
            6 => "Subscriber-ID",
            _ => "Unknown",
        };
        if sublen > *len {
            out!(
                p,
                "\n\t      {name} SubOption {subopt}, length {sublen}: length goes past end of option"
            );
            *bp += *len;
            *len = 0;
            break;
        }
        out!(p, "\n\t      {name} SubOption {subopt}, length {sublen}: ");
        match subopt {
            1 | 2 | 6 => {
                if printn(p, data, *bp, sublen) {
                    return Err(Trunc);
                }
            }
            _ => super::super::hex::print_unknown_data(p, data.get(*bp..), "\n\t\t", sublen),
        }
        *len -= sublen;
        *bp += sublen;
    }
    Ok(())
}

/// Options 121 and 249 (RFC 3442): `(dest/width:router)` pairs.
fn classless_routes(p: &mut Printer, data: &[u8], bp: &mut usize, len: &mut usize) -> P {
    if *len < 5 {
        p.s("[ERROR: length < 5 bytes]");
        *bp += *len;
        *len = 0;
        return Ok(());
    }
    let mut first = true;
    while *len > 0 {
        if !first {
            p.s(",");
        }
        let width = data.u8_at(*bp)?;
        *bp += 1;
        *len -= 1;
        if width > 32 {
            out!(p, "[ERROR: Mask width ({width}) > 32]");
            *bp += *len;
            *len = 0;
            break;
        }
        let sig = usize::from(width).div_ceil(8);
        if *len < sig + 4 {
            out!(p, "[ERROR: Remaining length ({len}) < {} bytes]", sig + 4);
            *bp += *len;
            *len = 0;
            break;
        }
        p.s("(");
        if width == 0 {
            p.s("default");
        } else {
            for i in 0..sig {
                if i > 0 {
                    p.s(".");
                }
                out!(p, "{}", data.u8_at(*bp)?);
                *bp += 1;
            }
            for _ in sig..4 {
                p.s(".0");
            }
            out!(p, "/{width}");
        }
        p.s(":");
        p.ip4_at(data, *bp)?;
        p.s(")");
        *bp += 4;
        *len -= sig + 4;
        first = false;
    }
    Ok(())
}

/// Option 77 (RFC 3004): length-prefixed user class instances.
fn user_class(p: &mut Printer, data: &[u8], bp: &mut usize, len: &mut usize) -> P {
    if *len < 2 {
        p.s("[ERROR: length < 2 bytes]");
        *bp += *len;
        *len = 0;
        return Ok(());
    }
    let mut number = 1u32;
    while *len > 0 {
        let sublen = usize::from(data.u8_at(*bp)?);
        *bp += 1;
        *len -= 1;
        out!(p, "\n\t      instance#{number}: ");
        if sublen == 0 {
            p.s("[ERROR: suboption length must be non-zero]");
            *bp += *len;
            *len = 0;
            break;
        }
        if *len < sublen {
            p.s("[ERROR: invalid option]");
            *bp += *len;
            *len = 0;
            break;
        }
        quoted(p, data, *bp, sublen)?;
        out!(p, ", length {sublen}");
        number += 1;
        *len -= sublen;
        *bp += sublen;
    }
    Ok(())
}

/// `cmu_print`: the CMU vendor area (magic "CMU\0").
pub(super) fn cmu_print(p: &mut Printer, data: &[u8], at: usize) -> P {
    p.s(" vend-cmu");
    data.range(at + 4, 4).map_err(|_| p.soft_trunc())?;
    let flags = data.u8_at(at + 4)?;
    if flags & !1 != 0 {
        out!(p, " F:0x{flags:x}");
    }
    let smask = if flags & 1 != 0 { "SM" } else { "SM*" };
    for (off, label) in [
        (12, "DG"),
        (8, smask),
        (16, "NS1"),
        (20, "NS2"),
        (24, "IEN1"),
        (28, "IEN2"),
        (32, "TS1"),
        (36, "TS2"),
    ] {
        // PRINTCMUADDR's ND_TCHECK_4: the trunc: label.
        if data.be32(at + off).map_err(|_| p.soft_trunc())? != 0 {
            out!(p, " {label}:");
            p.ip4_at(data, at + off)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dhcp_message_type_has_tcpdumps_name() {
        assert_eq!(dhcp_msg(1), Some("Discover"));
        assert_eq!(dhcp_msg(5), Some("ACK"));
        assert_eq!(dhcp_msg(9), None);
        assert_eq!(dhcp_msg(13), Some("LeaseActive"));
    }

    #[test]
    fn tag_table_formats() {
        assert_eq!(tag2str(53), Some((b' ', "DHCP-Message")));
        assert_eq!(tag2str(61), Some((b'$', "Client-ID")));
        assert_eq!(tag2str(2), Some((b'L', "Time-Zone")));
        assert_eq!(tag2str(200), None);
    }
}
