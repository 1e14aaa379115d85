//! DNS names and strings (`print-domain.c`'s `fqdn_print`, `labellen`,
//! `blabel_print`, `ns_nskip`, `ns_cprint`):
//! labels, compression pointers, bit-string labels and `<character-string>`s.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use crate::decode::{Bytes, R};
use crate::print::chars::printn;
use crate::print::{Printer, out};

const MAXCDNAME: usize = 255;
const TYPE_MASK: u8 = 0xc0;
const TYPE_INDIR: u8 = 0xc0;
const TYPE_RESERVED: u8 = 0x80;
const TYPE_EDNS0: u8 = 0x40;
const EDNS0_ELT_BITLABEL: u8 = 0x01;

/// `ns_nskip`: the position after a name, or `None`.
pub(super) fn nskip(buf: &[u8], mut cp: usize) -> Option<usize> {
    let mut i = buf.u8_at(cp).ok()?;
    cp += 1;
    while i != 0 {
        match i & TYPE_MASK {
            TYPE_INDIR => return Some(cp + 1),
            TYPE_EDNS0 => {
                if i & !TYPE_MASK != EDNS0_ELT_BITLABEL {
                    return None;
                }
                let mut bitlen = usize::from(buf.u8_at(cp).ok()?);
                if bitlen == 0 {
                    bitlen = 256;
                }
                cp += 1;
                cp += bitlen.div_ceil(8);
            }
            TYPE_RESERVED => return None,
            _ => cp += usize::from(i),
        }
        i = buf.u8_at(cp).ok()?;
        cp += 1;
    }
    Some(cp)
}

/// `blabel_print`.
fn blabel_print(p: &mut Printer, buf: &[u8], cp: usize) -> R<Option<usize>> {
    let Ok(b0) = buf.u8_at(cp) else {
        return Ok(None);
    };
    let bitlen: u32 = if b0 == 0 { 256 } else { u32::from(b0) };
    let slen = (bitlen as usize).div_ceil(4);
    let lim = cp + 1 + slen;
    p.s("\\[x");
    let mut bitp = cp + 1;
    let mut b = bitlen;
    while bitp < lim && b > 7 {
        out!(p, "{:02x}", buf.u8_at(bitp)?);
        b -= 8;
        bitp += 1;
    }
    if b > 4 {
        let tc = u32::from(buf.u8_at(bitp)?);
        out!(p, "{:02x}", tc & (0xff << (8 - b)));
    } else if b > 0 {
        let tc = u32::from(buf.u8_at(bitp)?);
        out!(p, "{:1x}", ((tc >> 4) & 0x0f) & (0x0f << (4 - b)));
    }
    out!(p, "/{bitlen}]");
    Ok(Some(lim))
}

/// `labellen`; `None` is tcpdump's -1.
fn labellen(p: &mut Printer, buf: &[u8], cp: usize) -> Option<usize> {
    let i = buf.u8_at(cp).ok()?;
    match i & TYPE_MASK {
        TYPE_EDNS0 => {
            let elt = i & !TYPE_MASK;
            if elt != EDNS0_ELT_BITLABEL {
                out!(p, "<ELT {elt}>");
                return None;
            }
            let mut bitlen = usize::from(buf.u8_at(cp + 1).ok()?);
            if bitlen == 0 {
                bitlen = 256;
            }
            Some(bitlen.div_ceil(8) + 1)
        }
        TYPE_INDIR | 0 => Some(usize::from(i)),
        _ => {
            p.s("<BAD LABEL TYPE>");
            None
        }
    }
}

/// The label at `cp`: its first byte (`GET_U_1(cp)`) and its `labellen`;
/// `None` is tcpdump's NULL.
fn label_at(p: &mut Printer, buf: &[u8], cp: usize) -> Option<(u8, usize)> {
    let i = buf.u8_at(cp).ok()?;
    Some((i, labellen(p, buf, cp)?))
}

/// `fqdn_print`: prints the name at `cp`, with compression pointers taken
/// relative to `bp`; returns the position after the name as it appears at
/// `cp`, or `None` (tcpdump's NULL).
pub(in crate::print) fn fqdn_print(
    p: &mut Printer,
    buf: &[u8],
    mut cp: usize,
    bp: usize,
) -> R<Option<usize>> {
    let Some((mut i, mut l)) = label_at(p, buf, cp) else {
        return Ok(None);
    };
    // (u_int)(cp - bp): wraps when bp is past cp (the EDNS CHAIN option).
    let mut max_offset = (cp as u64).wrapping_sub(bp as u64) as u32;
    cp += 1;
    let mut rp: Option<usize> = None;
    let mut compress = false;
    if i & TYPE_MASK != TYPE_INDIR {
        rp = Some(cp + l);
    }
    if i == 0 {
        p.s(".");
        return Ok(rp);
    }
    let mut name_chars: usize = 0;
    while i != 0 && cp < buf.len() {
        match i & TYPE_MASK {
            TYPE_INDIR => {
                if !compress {
                    rp = Some(cp + 1);
                    compress = true;
                }
                let Ok(lo) = buf.u8_at(cp) else {
                    return Ok(None);
                };
                let offset = ((u32::from(i) << 8) | u32::from(lo)) & 0x3fff;
                if offset >= max_offset {
                    p.s("<BAD PTR>");
                    return Ok(None);
                }
                max_offset = offset;
                cp = bp + offset as usize;
                let Some(next) = label_at(p, buf, cp) else {
                    return Ok(None);
                };
                (i, l) = next;
                cp += 1;
                continue;
            }
            TYPE_EDNS0 => {
                let elt = i & !TYPE_MASK;
                if elt == EDNS0_ELT_BITLABEL {
                    if blabel_print(p, buf, cp)?.is_none() {
                        return Ok(None);
                    }
                } else {
                    out!(p, "<ELT {elt}>");
                    return Ok(None);
                }
            }
            TYPE_RESERVED => {
                p.s("<BAD LABEL TYPE>");
                return Ok(None);
            }
            _ => {
                if name_chars + l <= MAXCDNAME {
                    if printn(p, buf, cp, l) {
                        return Ok(None);
                    }
                } else if name_chars < MAXCDNAME && printn(p, buf, cp, MAXCDNAME - name_chars) {
                    return Ok(None);
                }
                name_chars += l;
            }
        }
        cp += l;
        if name_chars <= MAXCDNAME {
            p.s(".");
        }
        name_chars += 1;
        let Some(next) = label_at(p, buf, cp) else {
            return Ok(None);
        };
        (i, l) = next;
        cp += 1;
        if !compress {
            rp = rp.map(|r| r + l + 1);
        }
    }
    if name_chars > MAXCDNAME {
        p.s("<DOMAIN NAME TOO LONG>");
    }
    Ok(rp)
}

/// `ns_cprint`: a `<character-string>`.
pub(super) fn cprint(p: &mut Printer, buf: &[u8], cp: usize) -> Option<usize> {
    let i = usize::from(buf.u8_at(cp).ok()?);
    if printn(p, buf, cp + 1, i) {
        return None;
    }
    Some(cp + 1 + i)
}
