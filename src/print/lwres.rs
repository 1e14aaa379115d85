//! BIND 9's lightweight resolver protocol (UDP port 921) as tcpdump 4.99's
//! `print-lwres.c` prints it: the opcode and whether it is a request; for
//! the getaddrsbyname, getnamebyaddr and getrdatabyname requests and
//! responses their names, address types, addresses, record type and class,
//! TTL and record data; `-vv` the serial, result and receive length, `-vvv`
//! the authentication fields and flags; then a length differing from the
//! datagram's and bytes left over.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::dns::{ns_class, ns_type, relts};
use super::{P, Printer, chars, out};
use crate::decode::Bytes;

pub(super) const LWRES_PORT: u16 = 921;

/// `struct lwres_lwpacket`.
const HDR: usize = 28;

const OP_NOOP: u32 = 0;
const OP_GETADDRSBYNAME: u32 = 0x0001_0001;
const OP_GETNAMEBYADDR: u32 = 0x0001_0002;
const OP_GETRDATABYNAME: u32 = 0x0001_0003;

/// `lwres_printname`: ` ` and `l` bytes at `at` as text, then a warning
/// unless a NUL follows; the bytes used.
fn printname(p: &mut Printer, d: &[u8], l: usize, at: usize) -> Result<usize, super::Trunc> {
    p.s(" ");
    for i in 0..l {
        chars::print_char(p, d.u8_at(at + i)?);
    }
    if d.u8_at(at + l)? != 0 {
        p.s(" (not NUL-terminated!)");
    }
    Ok(l + 1)
}

/// `lwres_printnamelen`: a name after its 16-bit length.
fn printnamelen(p: &mut Printer, d: &[u8], at: usize) -> Result<usize, super::Trunc> {
    let l = usize::from(d.be16(at)?);
    Ok(2 + printname(p, d, l, at + 2)?)
}

/// `lwres_printbinlen`: bytes after their 16-bit length, in hex.
fn printbinlen(p: &mut Printer, d: &[u8], at: usize) -> Result<usize, super::Trunc> {
    let l = usize::from(d.be16(at)?);
    for i in 0..l {
        out!(p, "{:02x}", d.u8_at(at + 2 + i)?);
    }
    Ok(2 + l)
}

/// `lwres_printaddr`: the bytes used, or `None` for an address shorter than
/// its family's (tcpdump's -1).
fn printaddr(p: &mut Printer, d: &[u8], at: usize) -> Result<Option<usize>, super::Trunc> {
    let l = usize::from(d.be16(at + 4)?);
    let mut q = at + 6;
    d.range(q, l)?;
    match d.be32(at)? {
        1 => {
            if l < 4 {
                return Ok(None);
            }
            p.s(" ");
            p.ip4_at(d, q)?;
            q += 4;
        }
        2 => {
            if l < 16 {
                return Ok(None);
            }
            p.s(" ");
            p.ip6(d.array::<16>(q)?);
            q += 16;
        }
        family => {
            out!(p, " {family}/");
            for _ in 0..l {
                out!(p, "{:02x}", d.u8_at(q)?);
                q += 1;
            }
        }
    }
    Ok(Some(q - at))
}

/// ` TYPE` and, unless IN, ` CLASS` of a getrdatabyname message at `at`.
fn type_class(p: &mut Printer, d: &[u8], at: usize) -> P {
    let t = d.be16(at + 6)?;
    match ns_type(t) {
        Some(s) => out!(p, " {s}"),
        None => out!(p, " Type{t}"),
    }
    let c = d.be16(at + 4)?;
    if c != 1 {
        match ns_class(c) {
            Some(s) => out!(p, " {s}"),
            None => out!(p, " Class{c}"),
        }
    }
    Ok(())
}

/// ` flags:0x…` from `-vvv` on.
fn flags(p: &mut Printer, d: &[u8], at: usize) -> P {
    if p.opts.verbose > 2 {
        out!(p, " flags:0x{:x}", d.be32(at)?);
    }
    Ok(())
}

/// The request after the header at `at`: where it ends, or `None` when
/// the opcode is not one tcpdump decodes.
fn request(
    p: &mut Printer,
    d: &[u8],
    at: usize,
    op: u32,
) -> Result<Option<Option<usize>>, super::Trunc> {
    Ok(Some(match op {
        OP_NOOP => Some(at),
        OP_GETADDRSBYNAME => {
            d.range(at + 8, 2)?;
            flags(p, d, at)?;
            let v = d.be32(at + 4)?;
            match v & 3 {
                1 => p.s(" IPv4"),
                2 => p.s(" IPv6"),
                3 => p.s(" IPv4/6"),
                _ => {}
            }
            if v & !3 != 0 {
                out!(p, "[0x{v:x}]");
            }
            let l = usize::from(d.be16(at + 8)?);
            Some(at + 10 + printname(p, d, l, at + 10)?)
        }
        OP_GETNAMEBYADDR => {
            d.range(at, 4)?;
            flags(p, d, at)?;
            printaddr(p, d, at + 4)?.map(|n| at + 4 + n)
        }
        OP_GETRDATABYNAME => {
            d.range(at + 8, 2)?;
            flags(p, d, at)?;
            type_class(p, d, at)?;
            let l = usize::from(d.be16(at + 8)?);
            Some(at + 10 + printname(p, d, l, at + 10)?)
        }
        _ => return Ok(None),
    }))
}

/// The response after the header at `at`, as [`request`].
fn response(
    p: &mut Printer,
    d: &[u8],
    at: usize,
    op: u32,
) -> Result<Option<Option<usize>>, super::Trunc> {
    Ok(Some(match op {
        OP_NOOP => Some(at),
        OP_GETADDRSBYNAME => {
            d.range(at + 8, 2)?;
            flags(p, d, at)?;
            out!(p, " {}/{}", d.be16(at + 4)?, d.be16(at + 6)?);
            let l = usize::from(d.be16(at + 8)?);
            let mut s = at + 10;
            s += printname(p, d, l, s)?;
            for _ in 0..d.be16(at + 4)? {
                s += printnamelen(p, d, s)?;
            }
            for _ in 0..d.be16(at + 6)? {
                match printaddr(p, d, s)? {
                    Some(n) => s += n,
                    None => return Ok(Some(None)),
                }
            }
            Some(s)
        }
        OP_GETNAMEBYADDR => {
            d.range(at + 6, 2)?;
            flags(p, d, at)?;
            out!(p, " {}", d.be16(at + 4)?);
            let l = usize::from(d.be16(at + 6)?);
            let mut s = at + 8;
            s += printname(p, d, l, s)?;
            for _ in 0..d.be16(at + 4)? {
                s += printnamelen(p, d, s)?;
            }
            Some(s)
        }
        OP_GETRDATABYNAME => {
            d.range(at + 14, 2)?;
            flags(p, d, at)?;
            type_class(p, d, at)?;
            p.s(" TTL ");
            relts(p, d.be32(at + 8)?);
            out!(p, " {}/{}", d.be16(at + 12)?, d.be16(at + 14)?);
            let mut s = at + 16;
            s += printnamelen(p, d, s)?;
            for _ in 0..d.be16(at + 12)? {
                s += printbinlen(p, d, s)?;
            }
            for _ in 0..d.be16(at + 14)? {
                s += printbinlen(p, d, s)?;
            }
            Some(s)
        }
        _ => return Ok(None),
    }))
}

/// `lwres_print`; `length` is the UDP payload's length.
pub(super) fn lwres_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "lwres";
    d.range(26, 2)?;
    p.s(" lwres");
    let version = d.be16(4)?;
    if p.opts.verbose > 0 || version != 0 {
        out!(p, " v{version}");
    }
    let plen = d.be32(0)?;
    // Where the decoded message ends, `None` for an opcode not decoded.
    let end = if version != 0 {
        Some(plen as usize)
    } else {
        let pktflags = d.be16(6)?;
        let is_response = pktflags & 1 != 0;
        let op = d.be32(12)?;
        match op {
            OP_NOOP => p.s(" noop"),
            OP_GETADDRSBYNAME => p.s(" getaddrsbyname"),
            OP_GETNAMEBYADDR => p.s(" getnamebyaddr"),
            OP_GETRDATABYNAME => p.s(" getrdatabyname"),
            _ => out!(p, " #0x{op:x}"),
        }
        if !is_response {
            p.s("?");
        }
        if pktflags & !1 != 0 {
            out!(p, "[0x{pktflags:x}]");
        }
        if p.opts.verbose > 1 {
            out!(p, " (serial:0x{:x}", d.be32(8)?);
            out!(p, " result:0x{:x}", d.be32(16)?);
            out!(p, " recvlen:{}", d.be32(20)?);
            if p.opts.verbose > 2 {
                out!(p, " authtype:0x{:x}", d.be16(24)?);
                out!(p, " authlen:{}", d.be16(26)?);
            }
            p.s(")");
        }
        let r = if is_response {
            response(p, d, HDR, op)?
        } else {
            request(p, d, HDR, op)?
        };
        match r {
            Some(None) => {
                p.s(" (invalid)");
                return Ok(());
            }
            Some(Some(s)) => Some(s),
            None => None,
        }
    };
    if plen as usize != length {
        out!(p, " [len: {plen} != {length}]");
    }
    if let Some(s) = end
        && (s as u64) < u64::from(plen)
    {
        p.s("[extra]");
    }
    Ok(())
}
