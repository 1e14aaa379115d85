//! IPv6 extension headers as tcpdump prints them: hop-by-hop and destination
//! options (`print-ip6opts.c`), fragment (`print-frag6.c`), routing
//! (`print-rt6.c`) and mobility (`print-mobility.c`). Each returns the
//! header's length (`Some`) or `None` where tcpdump's returns -1 (after
//! printing whatever it prints then, e.g. ` [|proto]` or ` (invalid)`).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::tok::{BitTok, bittok2str_nosep};
use super::{Printer, out};
use crate::decode::ip6::Ipv6View;
use crate::decode::{Bytes, R};

const IP6OPT_PAD1: u8 = 0x00;
const IP6OPT_PADN: u8 = 0x01;
const IP6OPT_JUMBO: u8 = 0xc2;
const IP6OPT_JUMBO_LEN: usize = 6;
const IP6OPT_RTALERT: u8 = 0x05;
const IP6OPT_RTALERT_LEN: usize = 4;
const IP6OPT_HOME_ADDRESS: u8 = 0xc9;
const IP6OPT_HOMEADDR_MINLEN: usize = 18;
const IP6OPT_MINLEN: usize = 2;
/// `ip6m_binding_update_bits`.
const BINDING_UPDATE_BITS: &BitTok = &[(0x08, "A"), (0x04, "H"), (0x02, "L"), (0x01, "K")];

/// Walks the options of an area of `len` bytes as `print-ip6opts.c` and
/// `print-mobility.c` do, handing `each` the offset, type and length of
/// every one; `Ok(false)` (the C's `goto trunc`) when an option runs past
/// the area or `each` returns it.
fn walk_options(
    bp: &[u8],
    len: usize,
    mut each: impl FnMut(usize, u8, usize) -> R<bool>,
) -> R<bool> {
    let mut i = 0usize;
    while i < len {
        let t = bp.u8_at(i)?;
        let optlen = if t == IP6OPT_PAD1 {
            1
        } else if i + 1 < len {
            usize::from(bp.u8_at(i + 1)?) + 2
        } else {
            return Ok(false);
        };
        if i + optlen > len || !each(i, t, optlen)? {
            return Ok(false);
        }
        i += optlen;
    }
    Ok(true)
}

/// `ip6_sopt_print`: the sub-options of a home-address option (only at -v).
/// `Ok(false)` is the C's -1.
fn ip6_sopt_print(p: &mut Printer, bp: &[u8], len: usize) -> R<bool> {
    walk_options(bp, len, |i, t, _| {
        match t {
            IP6OPT_PAD1 => p.s(", pad1"),
            IP6OPT_PADN => {
                if len - i < IP6OPT_MINLEN {
                    p.s(", padn: trunc");
                    return Ok(false);
                }
                p.s(", padn");
            }
            _ => {
                if len - i < IP6OPT_MINLEN {
                    out!(p, ", sopt_type {t}: trunc)");
                    return Ok(false);
                }
                out!(p, ", sopt_type 0x{t:02x}: len={}", bp.u8_at(i + 1)?);
            }
        }
        Ok(true)
    })
}

/// The check every case of `ip6_opt_process` and `mobility_opt_print`
/// makes first: the option needs `need` of the `left` bytes of the area,
/// else `(NAME: trunc)` ends the walk. `known` is the case's name and need;
/// the types without a case need 2 and are named `OTHER TYPE`.
fn room_left(
    p: &mut Printer,
    left: usize,
    known: Option<(&str, usize)>,
    other: &str,
    t: u8,
) -> bool {
    let need = known.map_or(IP6OPT_MINLEN, |(_, n)| n);
    if left < need {
        match known {
            Some((name, _)) => out!(p, "({name}: trunc)"),
            None => out!(p, "({other} {t}: trunc)"),
        }
    }
    left >= need
}

/// `ip6_opt_process`; `jumbo` is `None` for destination options. `Ok(false)`
/// is the C's -1.
fn ip6_opt_process(
    p: &mut Printer,
    bp: &[u8],
    len: usize,
    mut jumbo: Option<(&mut bool, &mut u32)>,
) -> R<bool> {
    if len == 0 {
        return Ok(true);
    }
    let v = p.opts.verbose > 0;
    let mut found_jumbo = false;
    let walked = walk_options(bp, len, |i, t, optlen| {
        let known = match t {
            IP6OPT_PAD1 => Some(("pad1", 1)),
            IP6OPT_PADN => Some(("padn", IP6OPT_MINLEN)),
            IP6OPT_RTALERT => Some(("rtalert", IP6OPT_RTALERT_LEN)),
            IP6OPT_JUMBO => Some(("jumbo", IP6OPT_JUMBO_LEN)),
            IP6OPT_HOME_ADDRESS => Some(("homeaddr", IP6OPT_HOMEADDR_MINLEN)),
            _ => None,
        };
        if !room_left(p, len - i, known, "type", t) {
            return Ok(false);
        }
        // The length byte of the options with a fixed size, or a minimum.
        if let Some((name, need)) = known
            && matches!(t, IP6OPT_RTALERT | IP6OPT_JUMBO | IP6OPT_HOME_ADDRESS)
        {
            let l = usize::from(bp.u8_at(i + 1)?);
            let fits = if t == IP6OPT_HOME_ADDRESS {
                l >= need - 2
            } else {
                l == need - 2
            };
            if !fits {
                out!(p, "({name}: invalid len {l})");
                return Ok(false);
            }
        }
        match t {
            IP6OPT_JUMBO => {
                let jumbolen = bp.be32(i + 2)?;
                // Why the option is not honoured, when it is not.
                let note = if found_jumbo {
                    " - already seen"
                } else {
                    found_jumbo = true;
                    match jumbo.as_mut() {
                        None => " - not a hop-by-hop option",
                        Some((_, pl)) if **pl != 0 => " - payload len != 0",
                        Some(_) if jumbolen < 65536 => " - < 65536",
                        Some((fj, pl)) => {
                            **fj = true;
                            **pl = jumbolen;
                            ""
                        }
                    }
                };
                if v {
                    out!(p, "(jumbo: {jumbolen}{note}) ");
                }
            }
            _ if !v => {}
            IP6OPT_PAD1 => p.s("(pad1)"),
            IP6OPT_PADN => p.s("(padn)"),
            IP6OPT_RTALERT => out!(p, "(rtalert: 0x{:04x}) ", bp.be16(i + 2)?),
            IP6OPT_HOME_ADDRESS => {
                let a = bp.array::<16>(i + 2)?;
                p.s("(homeaddr: ");
                p.ip6(a);
                if optlen > IP6OPT_HOMEADDR_MINLEN {
                    let sub = bp.from(i + IP6OPT_HOMEADDR_MINLEN)?;
                    if !ip6_sopt_print(p, sub, optlen - IP6OPT_HOMEADDR_MINLEN)? {
                        return Ok(false);
                    }
                }
                p.s(")");
            }
            _ => out!(p, "(opt_type 0x{t:02x}: len={})", bp.u8_at(i + 1)?),
        }
        Ok(true)
    })?;
    if walked && v {
        p.s(" ");
    }
    Ok(walked)
}

/// `hbhopt_process`.
pub(super) fn hbhopt(
    p: &mut Printer,
    cp: &[u8],
    found_jumbo: &mut bool,
    payload_len: &mut u32,
) -> R<Option<usize>> {
    let jumbo = Some((found_jumbo, payload_len));
    options_header(p, cp, "hbhopt", "HBH ", jumbo)
}

/// `dstopt_process`.
pub(super) fn dstopt(p: &mut Printer, cp: &[u8]) -> R<Option<usize>> {
    options_header(p, cp, "dstopt", "DSTOPT ", None)
}

/// What `hbhopt_process` and `dstopt_process` share: the whole header
/// captured, its label, its options (`jumbo` is `Some` for hop-by-hop
/// options; destination options are walked only at `-v`).
fn options_header(
    p: &mut Printer,
    cp: &[u8],
    protocol: &'static str,
    label: &str,
    jumbo: Option<(&mut bool, &mut u32)>,
) -> R<Option<usize>> {
    p.cur.protocol = protocol;
    let len = (usize::from(cp.u8_at(1)?) + 1) * 8;
    if !cp.has(0, len) {
        p.trunc();
        return Ok(None);
    }
    p.s(label);
    let walk = jumbo.is_some() || p.opts.verbose > 0;
    if walk && !ip6_opt_process(p, cp.from(2)?, len - 2, jumbo)? {
        p.trunc();
        return Ok(None);
    }
    Ok(Some(len))
}

/// `frag6_print`. `cp` starts at the fragment header; `ip6` is the fixed
/// header, which the fragment header follows by `cp`'s offset.
pub(super) fn frag6(p: &mut Printer, cp: &[u8], ip6: &Ipv6View<'_>) -> R<Option<usize>> {
    p.cur.protocol = "frag6";
    // (bp - bp2): how far the fragment header is from the IPv6 header.
    let off_from_ip = offset_in(ip6, cp);
    let plen = u64::from(ip6.payload_len());
    // sizeof(ip6_hdr) + plen - (bp - bp2) - sizeof(ip6_frag), a size_t.
    let rest = (40 + plen).wrapping_sub(off_from_ip).wrapping_sub(8);
    let off = cp.be16(2)? & 0xfff8;
    if p.opts.verbose > 0 {
        out!(p, "frag (0x{:08x}:{off}|{rest})", cp.be32(4)?);
    } else {
        out!(p, "frag ({off}|{rest})");
    }
    if off != 0 {
        Ok(None)
    } else {
        p.s(" ");
        Ok(Some(8))
    }
}

/// Byte offset of `inner` from the start of the IPv6 header (both borrow the
/// same packet buffer).
fn offset_in(ip6: &Ipv6View<'_>, inner: &[u8]) -> u64 {
    let base = ip6.bytes().as_ptr() as usize;
    (inner.as_ptr() as usize).wrapping_sub(base) as u64
}

/// `rt6_print`.
pub(super) fn rt6(p: &mut Printer, cp: &[u8], _ip6: &Ipv6View<'_>) -> R<Option<usize>> {
    p.cur.protocol = "rt6";
    p.s("RT6");
    let len = cp.u8_at(1)?;
    out!(p, " (len={len}");
    let ty = cp.u8_at(2)?;
    out!(p, ", type={ty}");
    if ty == 0 {
        p.s(" [Deprecated]");
    }
    out!(p, ", segleft={}", cp.u8_at(3)?);
    match ty {
        0 | 2 => {
            let rsv = cp.be32(4)?;
            if rsv != 0 || p.opts.verbose > 0 {
                out!(p, ", rsv=0x{rsv:x}");
            }
        }
        4 => {
            out!(p, ", last-entry={}", cp.u8_at(4)?);
            let flags = cp.u8_at(5)?;
            if flags != 0 || p.opts.verbose > 0 {
                out!(p, ", flags=0x{flags:x}");
            }
            out!(p, ", tag={:x}", cp.be16(6)?);
        }
        _ => {
            p.s(" (unknown type) (invalid)");
            return Ok(None);
        }
    }
    if len % 2 == 1 {
        out!(p, " (invalid length {len}) (invalid)");
        return Ok(None);
    }
    for i in 0..usize::from(len >> 1) {
        let a = cp.array::<16>(8 + 16 * i)?;
        out!(p, ", [{i}]");
        p.ip6(a);
    }
    p.s(") ");
    Ok(Some((usize::from(len) + 1) * 8))
}

/// Mobility header message types (`ip6m_str`) and their minimum lengths.
const IP6M_STR: [&str; 8] = ["BRR", "HoTI", "CoTI", "HoT", "CoT", "BU", "BA", "BE"];
const IP6M_HDRLEN: [usize; 8] = [8, 16, 16, 24, 24, 12, 12, 24];

/// `mobility_opt_print` (only at -v); `Ok(false)` is the C's truncation.
fn mobility_opt_print(p: &mut Printer, bp: &[u8], len: usize) -> R<bool> {
    walk_options(bp, len, |i, t, optlen| {
        // ND_TCHECK_1(bp + i + optlen)
        if !bp.has(i + optlen, 1) {
            return Ok(false);
        }
        // `IP6MOPT_*_MINLEN`
        let known = match t {
            0 => Some(("pad1", 1)),
            1 => Some(("padn", 2)),
            2 => Some(("refresh", 4)),
            3 => Some(("altcoa", 18)),
            4 => Some(("ni", 6)),
            5 => Some(("auth", 12)),
            _ => None,
        };
        if !room_left(p, len - i, known, "sopt_type", t) {
            return Ok(false);
        }
        match t {
            0 => p.s("(pad1)"),
            1 => p.s("(padn)"),
            2 => out!(p, "(refresh: {})", u32::from(bp.be16(i + 2)?) << 2),
            3 => {
                let a = bp.array::<16>(i + 2)?;
                p.s("(alt-CoA: ");
                p.ip6(a);
                p.s(")");
            }
            4 => out!(
                p,
                "(ni: ho=0x{:04x} co=0x{:04x})",
                bp.be16(i + 2)?,
                bp.be16(i + 4)?
            ),
            5 => p.s("(auth)"),
            _ => out!(p, "(type-0x{t:02x}: len={})", bp.u8_at(i + 1)?),
        }
        Ok(true)
    })
}

/// `mobility_print`.
pub(super) fn mobility(p: &mut Printer, cp: &[u8], _ip6: &Ipv6View<'_>) -> R<Option<usize>> {
    p.cur.protocol = "mobility";
    let Ok(l) = cp.u8_at(1) else {
        p.trunc();
        return Ok(None);
    };
    let mhlen = (usize::from(l) + 1) * 8;
    let ty = cp.u8_at(2)?;
    if let Some(&min) = IP6M_HDRLEN.get(usize::from(ty))
        && mhlen < min
    {
        out!(p, "(header length {mhlen} is too small for type {ty})");
        p.trunc();
        return Ok(None);
    }
    p.s("mobility: ");
    match IP6M_STR.get(usize::from(ty)) {
        Some(s) => p.s(s),
        None => out!(p, "type-#{ty}"),
    }
    let v = p.opts.verbose > 0;
    let hlen = match ty {
        0 => 8,
        1 | 2 => {
            if v {
                let which = if ty == 1 { "Home" } else { "Care-of" };
                out!(
                    p,
                    " {which} Init Cookie={:08x}:{:08x}",
                    cp.be32(8)?,
                    cp.be32(12)?
                );
            }
            16
        }
        3 | 4 => {
            out!(p, " nonce id=0x{:x}", cp.be16(6)?);
            let which = if ty == 3 { "Home" } else { "Care-of" };
            if v {
                out!(
                    p,
                    " {which} Init Cookie={:08x}:{:08x}",
                    cp.be32(8)?,
                    cp.be32(12)?
                );
            }
            if v {
                out!(
                    p,
                    " {which} Keygen Token={:08x}:{:08x}",
                    cp.be32(16)?,
                    cp.be32(20)?
                );
            }
            24
        }
        5 => {
            out!(p, " seq#={}", cp.be16(6)?);
            cp.range(8, 2)?;
            let bits = (cp.u8_at(8)? & 0xf0) >> 4;
            if bits != 0 {
                p.s(" ");
                bittok2str_nosep(
                    p,
                    BINDING_UPDATE_BITS,
                    format_args!("bits-#0x{bits:x}"),
                    u32::from(bits),
                );
            }
            out!(p, " lifetime={}", u32::from(cp.be16(10)?) << 2);
            12
        }
        6 => {
            out!(p, " status={}", cp.u8_at(6)?);
            if cp.u8_at(7)? & 0x80 != 0 {
                p.s(" K");
            }
            out!(p, " seq#={}", cp.be16(8)?);
            out!(p, " lifetime={}", u32::from(cp.be16(10)?) << 2);
            12
        }
        7 => {
            out!(p, " status={}", cp.u8_at(6)?);
            let a = cp.array::<16>(8)?;
            p.s(" homeaddr ");
            p.ip6(a);
            24
        }
        _ => {
            out!(p, " len={l}");
            return Ok(Some(mhlen));
        }
    };
    if v {
        let opts = cp.from(hlen).unwrap_or_default();
        if !mobility_opt_print(p, opts, mhlen - hlen)? {
            p.trunc();
            return Ok(None);
        }
    }
    Ok(Some(mhlen))
}
