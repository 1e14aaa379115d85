//! ISAKMP and IKE (`print-isakmp.c`): the header (`isakmp 1.0 msgid …
//! cookie …->…: phase 1 I ident[E]:` / `parent_sa ikev2_init[I]:`) and,
//! from `-v` on, every payload of IKEv1 (SA with its proposals, transforms
//! and attributes, KE, ID, CERT, CR, HASH, SIG, NONCE, N, D, VID) and IKEv2
//! (SA, KE, IDi/IDr, CERT, CERTREQ, AUTH, Nonce, Notify, Delete, VID,
//! TSi/TSr, Encrypted, CP, EAP), one per indented line, as tcpdump 4.99
//! prints them without `-E` secrets (an encrypted payload is never opened).
//! Also the IKEv1 initiator-cookie cache tcpdump keeps from packet to packet
//! to tell `I` from `R` ([`CookieCache`]).
//!
//! print-isakmp.c does not define `ND_LONGJMP_FROM_TCHECK`: its
//! `ND_TCHECK_*` jump to each function's `trunc:` label, which prints
//! ` [|sa]`, ` [|v2IDi]`… in place and returns NULL (here `Ok(None)`), and
//! the callers still close their parentheses; only a `GET_*` past the
//! capture unwinds (`Err(Trunc)`, ` [|isakmp]` at the end of the line).
//! Positions are offsets from the ISAKMP header; `d.len()` is tcpdump's
//! `ndo_snapend` (`ep`). Like the C pointers they may run past it.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::{Bytes, IpAddrs, Trunc};

/// UDP ports `udp_print` hands to `isakmp_print`: ISAKMP_PORT and the two
/// nonstandard ISAKMP_PORT_USER1/USER2 (after NAT-T's 4500 in its order).
pub(super) const ISAKMP_PORT: u16 = 500;
pub(super) const ISAKMP_PORT_USER1: u16 = 7500;
pub(super) const ISAKMP_PORT_USER2: u16 = 8500;

/// `sizeof(struct isakmp)`.
const HDR: usize = 28;
const MAXINITIATORS: usize = 20;

const NP_P: u8 = 2;
const NP_T: u8 = 3;
const NP_V2E: u8 = 46;

const FLAG_E: u8 = 0x01;
const FLAG_C: u8 = 0x02;
const FLAG_I: u8 = 0x08;
const FLAG_V: u8 = 0x10;
const FLAG_R: u8 = 0x20;

/// A function's result: the offset after what it printed (tcpdump's
/// returned pointer), `None` for its NULL, `Err` for the longjmp.
type Cp = Result<Option<usize>, Trunc>;

/// `cookiecache`: the initiator cookies of the last 20 first packets and
/// their addresses. Entries start zeroed (a static array), so an all-zero
/// cookie is "found" in an unused slot whose version (0) matches nothing.
#[derive(Default)]
pub(super) struct CookieCache {
    entries: [Cookie; MAXINITIATORS],
    next: usize,
}

#[derive(Default, Clone, Copy)]
struct Cookie {
    initiator: [u8; 8],
    version: u8,
    iaddr: [u8; 16],
    raddr: [u8; 16],
}

impl CookieCache {
    /// `cookie_find`.
    fn find(&self, ck: &[u8; 8]) -> Option<usize> {
        self.entries.iter().position(|e| &e.initiator == ck)
    }

    /// `cookie_record`.
    fn record(&mut self, ck: &[u8; 8], ip: IpAddrs<'_>) {
        if let Some(i) = self.find(ck) {
            self.next = (i + 1) % MAXINITIATORS;
            return;
        }
        let Some(e) = self.entries.get_mut(self.next) else {
            return;
        };
        match ip {
            IpAddrs::V4 { src, dst, .. } => {
                e.version = 4;
                copy(&mut e.iaddr, &src);
                copy(&mut e.raddr, &dst);
            }
            IpAddrs::V6 { src, dst, .. } => {
                e.version = 6;
                e.iaddr = *src;
                e.raddr = *dst;
            }
        }
        e.initiator = *ck;
        self.next = (self.next + 1) % MAXINITIATORS;
    }

    /// `cookie_sidecheck`: the packet's source is entry `i`'s initiator
    /// (or, `initiator` false, its responder).
    fn side(&self, i: usize, ip: IpAddrs<'_>, initiator: bool) -> bool {
        let Some(e) = self.entries.get(i) else {
            return false;
        };
        let addr = if initiator { &e.iaddr } else { &e.raddr };
        match ip {
            IpAddrs::V4 { src, .. } => e.version == 4 && addr.get(..4) == Some(&src[..]),
            IpAddrs::V6 { src, .. } => e.version == 6 && addr == src,
        }
    }
}

fn copy(to: &mut [u8; 16], from: &[u8; 4]) {
    for (t, f) in to.iter_mut().zip(from) {
        *t = *f;
    }
}

/// `npstr`.
const NPSTR: [&str; 49] = [
    "none", "sa", "p", "t", "ke", "id", "cert", "cr", "hash", "sig", "nonce", "n", "d", "vid",
    "pay14", "pay15", "pay16", "pay17", "pay18", "pay19", "pay20", "pay21", "pay22", "pay23",
    "pay24", "pay25", "pay26", "pay27", "pay28", "pay29", "pay30", "pay31", "pay32", "v2sa",
    "v2ke", "v2IDi", "v2IDr", "v2cert", "v2cr", "v2auth", "v2nonce", "v2n", "v2d", "v2vid",
    "v2TSi", "v2TSr", "v2e", "v2cp", "v2eap",
];

/// `etypestr` ("" for its NULLs).
const ETYPESTR: [&str; 38] = [
    "none",
    "base",
    "ident",
    "auth",
    "agg",
    "inf",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "oakley-quick",
    "oakley-newgroup",
    "ikev2_init",
    "ikev2_auth",
    "child_sa",
    "inf2",
];

const PROTOIDSTR: [&str; 5] = ["", "isakmp", "ipsec-ah", "ipsec-esp", "ipcomp"];
const IKEV1_P_MAP: [&str; 2] = ["", "ike"];
const IKEV2_T_TYPE_MAP: [&str; 6] = ["", "encr", "prf", "integ", "dh", "esn"];
const AH_P_MAP: [&str; 8] = [
    "",
    "(reserved)",
    "md5",
    "sha",
    "1des",
    "sha2-256",
    "sha2-384",
    "sha2-512",
];
const PRF_P_MAP: [&str; 5] = ["", "hmac-md5", "hmac-sha", "hmac-tiger", "aes128_xcbc"];
const INTEG_P_MAP: [&str; 6] = [
    "", "hmac-md5", "hmac-sha", "dec-mac", "kpdk-md5", "aes-xcbc",
];
const ESN_P_MAP: [&str; 2] = ["no-esn", "esn"];
const DH_P_MAP: [&str; 19] = [
    "",
    "modp768",
    "modp1024",
    "EC2N 2^155",
    "EC2N 2^185",
    "modp1536",
    "iana-grp06",
    "iana-grp07",
    "iana-grp08",
    "iana-grp09",
    "iana-grp10",
    "iana-grp11",
    "iana-grp12",
    "iana-grp13",
    "modp2048",
    "modp3072",
    "modp4096",
    "modp6144",
    "modp8192",
];
const ESP_P_MAP: [&str; 13] = [
    "",
    "1des-iv64",
    "1des",
    "3des",
    "rc5",
    "idea",
    "cast",
    "blowfish",
    "3idea",
    "1des-iv32",
    "rc4",
    "null",
    "aes",
];
const IPCOMP_P_MAP: [&str; 4] = ["", "oui", "deflate", "lzs"];
const CERTSTR: [&str; 11] = [
    "none", "pkcs7", "pgp", "dns", "x509sign", "x509ke", "kerberos", "crl", "arl", "spki",
    "x509attr",
];

/// `struct attrmap`: `nvalue` is the declared count, which for "group
/// desc" (18) leaves group 18's name out of reach as tcpdump does.
struct AttrMap {
    ty: &'static str,
    nvalue: usize,
    value: &'static [&'static str],
}

const fn am(ty: &'static str, nvalue: usize, value: &'static [&'static str]) -> AttrMap {
    AttrMap { ty, nvalue, value }
}

const NONE: AttrMap = am("", 0, &[]);

const IPSEC_T_MAP: [AttrMap; 10] = [
    NONE,
    am("lifetype", 3, &["", "sec", "kb"]),
    am("life", 0, &[]),
    am("group desc", 18, &DH_P_MAP),
    am("enc mode", 3, &["", "tunnel", "transport"]),
    am(
        "auth",
        5,
        &["", "hmac-md5", "hmac-sha1", "1des-mac", "keyed"],
    ),
    am("keylen", 0, &[]),
    am("rounds", 0, &[]),
    am("dictsize", 0, &[]),
    am("privalg", 0, &[]),
];

const ENCR_T_MAP: [AttrMap; 15] = [
    NONE,
    NONE,
    NONE,
    NONE,
    NONE,
    NONE,
    NONE,
    NONE,
    NONE,
    NONE,
    NONE,
    NONE,
    NONE,
    NONE,
    am("keylen", 14, &[]),
];

const OAKLEY_T_MAP: [AttrMap; 17] = [
    NONE,
    am(
        "enc",
        8,
        &["", "1des", "idea", "blowfish", "rc5", "3des", "cast", "aes"],
    ),
    am(
        "hash",
        7,
        &[
            "", "md5", "sha1", "tiger", "sha2-256", "sha2-384", "sha2-512",
        ],
    ),
    am(
        "auth",
        6,
        &[
            "",
            "preshared",
            "dss",
            "rsa sig",
            "rsa enc",
            "rsa enc revised",
        ],
    ),
    am("group desc", 18, &DH_P_MAP),
    am("group type", 4, &["", "MODP", "ECP", "EC2N"]),
    am("group prime", 0, &[]),
    am("group gen1", 0, &[]),
    am("group gen2", 0, &[]),
    am("group curve A", 0, &[]),
    am("group curve B", 0, &[]),
    am("lifetype", 3, &["", "sec", "kb"]),
    am("lifeduration", 0, &[]),
    am("prf", 0, &[]),
    am("keylen", 0, &[]),
    am("field", 0, &[]),
    am("order", 0, &[]),
];

/// `STR_OR_ID`: the table's name, else `numstr`'s `#N`.
fn str_or_id(p: &mut Printer, x: u32, tab: &[&str]) {
    match tab.get(x as usize) {
        Some(s) if !s.is_empty() => p.s(s),
        _ => out!(p, "#{x}"),
    }
}

fn np_name(p: &mut Printer, np: u8) {
    str_or_id(p, u32::from(np), &NPSTR);
}

/// A function's `trunc:` label: ` [|name]`.
fn trunc_np(p: &mut Printer, np: u8) {
    p.s(" [|");
    np_name(p, np);
    p.s("]");
}

/// `nd_print_trunc` without the longjmp (`ndo_protocol` is "isakmp").
fn print_trunc(p: &mut Printer) {
    let proto = p.cur.protocol;
    out!(p, " [|{proto}]");
}

/// `ND_TTEST_LEN`: `len` bytes at `at` were captured (`at` itself past the
/// end fails even for 0 bytes).
fn tt(d: &[u8], at: usize, len: u64) -> bool {
    (at as u64)
        .checked_add(len)
        .is_some_and(|end| end <= d.len() as u64)
}

/// `rawprint`: hex of `len` bytes, or false (nothing printed) when they
/// were not all captured. `len` is C's unsigned value: a wrapped
/// subtraction is simply too long.
fn rawprint(p: &mut Printer, d: &[u8], at: usize, len: u64) -> bool {
    if !tt(d, at, len) {
        return false;
    }
    if let Ok(bytes) = d.range(at, len as usize) {
        for b in bytes {
            out!(p, "{b:02x}");
        }
    }
    true
}

/// `ike_show_somedata`: ` data=(` the first 10 bytes `...` the last 20
/// bytes before the end of the capture `)`; its pointer arithmetic in
/// signed numbers (a negative `size_t` fails the capture check).
fn show_somedata(p: &mut Printer, d: &[u8], cp: usize) -> bool {
    let ep = d.len() as i64;
    let cp = cp as i64;
    let mut end = ep - 20;
    let mut elen: i64 = 20;
    let mut len = ep - cp;
    if !(0..=10).contains(&len) {
        len = 10;
    }
    if end < cp + len {
        end = cp + len;
        elen = ep - end;
    }
    p.s(" data=(");
    if !raw_signed(p, d, cp, len) {
        return false;
    }
    p.s("...");
    if elen != 0 && !raw_signed(p, d, end, elen) {
        return false;
    }
    p.s(")");
    true
}

fn raw_signed(p: &mut Printer, d: &[u8], at: i64, len: i64) -> bool {
    match (usize::try_from(at), u64::try_from(len)) {
        (Ok(at), Ok(len)) => rawprint(p, d, at, len),
        _ => false,
    }
}

fn indent(p: &mut Printer, depth: usize) {
    p.s("\n");
    for _ in 0..depth {
        p.s("    ");
    }
    p.s("(");
}

/// `isakmp_print`: `d` is the message (the UDP payload, or what follows
/// the non-ESP marker), `length` what UDP said of it.
pub(super) fn isakmp_print(p: &mut Printer, d: &[u8], length: u32, ip: IpAddrs<'_>) -> P {
    p.cur.protocol = "isakmp";
    if d.len() < HDR {
        print_trunc(p);
        return Ok(());
    }
    p.s("isakmp");
    let vers = d.u8_at(17)?;
    let (major, minor) = (vers >> 4, vers & 0x0f);
    if p.opts.verbose > 0 {
        out!(p, " {major}.{minor}");
        p.s(" msgid ");
        rawprint(p, d, 20, 4);
    }
    if p.opts.verbose > 1 {
        p.s(" cookie ");
        rawprint(p, d, 0, 8);
        p.s("->");
        rawprint(p, d, 8, 8);
    }
    p.s(":");
    match major {
        1 => ikev1_print(p, d, length, ip),
        2 => ikev2_print(p, d, length),
        _ => Ok(()),
    }
}

/// `isakmp_rfc3948_print`'s IKE branch, after the 4-byte non-ESP marker.
pub(super) fn nonesp_print(p: &mut Printer, d: &[u8], length: usize, ip: IpAddrs<'_>) -> P {
    p.s("NONESP-encap: ");
    isakmp_print(p, d.from(4)?, (length - 4) as u32, ip)
}

/// ` (len mismatch: isakmp %u/ip %u)` of `-v`.
fn len_check(p: &mut Printer, d: &[u8], length: u32) -> P {
    if p.opts.verbose > 0 {
        let len = d.be32(24)?;
        if len != length {
            out!(p, " (len mismatch: isakmp {len}/ip {length})");
        }
    }
    Ok(())
}

fn ikev1_print(p: &mut Printer, d: &[u8], length: u32, ip: IpAddrs<'_>) -> P {
    let phase: u32 = if d.be32(20)? == 0 { 1 } else { 2 };
    if phase == 1 {
        p.s(" phase 1");
    } else {
        p.s(" phase 2/others");
    }
    // The cache changes from packet to packet: a deferred printer leaves
    // it alone and the line is formatted again in packet order.
    let sequential = !p.run.defer;
    if !sequential {
        p.buf.redo = true;
    }
    let ck = *d.array::<8>(0)?;
    match p.run.isakmp_cookies.find(&ck) {
        None => {
            if d.range(8, 8)?.iter().all(|&b| b == 0) {
                p.s(" I");
                if sequential {
                    p.run.isakmp_cookies.record(&ck, ip);
                }
            } else {
                p.s(" ?");
            }
        }
        Some(i) => {
            if p.run.isakmp_cookies.side(i, ip, true) {
                p.s(" I");
            } else if p.run.isakmp_cookies.side(i, ip, false) {
                p.s(" R");
            } else {
                p.s(" ?");
            }
        }
    }
    p.s(" ");
    str_or_id(p, u32::from(d.u8_at(18)?), &ETYPESTR);
    let flags = d.u8_at(19)?;
    if flags != 0 {
        out!(
            p,
            "[{}{}]",
            if flags & FLAG_E != 0 { "E" } else { "" },
            if flags & FLAG_C != 0 { "C" } else { "" }
        );
    }
    if p.opts.verbose > 0 {
        p.s(":");
        let np = d.u8_at(16)?;
        if flags & FLAG_E != 0 {
            p.s(" [encrypted ");
            np_name(p, np);
            p.s("]");
        } else {
            sub_print(p, d, np, HDR, phase, 0, 0, 0, false)?;
        }
    }
    len_check(p, d, length)
}

fn ikev2_print(p: &mut Printer, d: &[u8], length: u32) -> P {
    let phase: u32 = if d.be32(20)? == 0 { 1 } else { 2 };
    if phase == 1 {
        p.s(" parent_sa");
    } else {
        p.s(" child_sa ");
    }
    p.s(" ");
    str_or_id(p, u32::from(d.u8_at(18)?), &ETYPESTR);
    let flags = d.u8_at(19)?;
    if flags != 0 {
        out!(
            p,
            "[{}{}{}]",
            if flags & FLAG_I != 0 { "I" } else { "" },
            if flags & FLAG_V != 0 { "V" } else { "" },
            if flags & FLAG_R != 0 { "R" } else { "" }
        );
    }
    if p.opts.verbose > 0 {
        p.s(":");
        let np = d.u8_at(16)?;
        if flags & FLAG_E != 0 {
            p.s(" [encrypted ");
            np_name(p, np);
            p.s("]");
        } else {
            sub_print(p, d, np, HDR, phase, 0, 0, 0, true)?;
        }
    }
    len_check(p, d, length)
}

/// What the payload printers are told (tcpdump's trailing arguments).
#[derive(Clone, Copy)]
struct Ctx {
    phase: u32,
    doi: u32,
    proto: u32,
    depth: usize,
}

/// `ikev1_sub_print` and (`v2`) `ikev2_sub_print`, the same loop: a chain
/// of payloads, each on its own line.
#[allow(clippy::too_many_arguments)]
fn sub_print(
    p: &mut Printer,
    d: &[u8],
    mut np: u8,
    mut ext: usize,
    phase: u32,
    doi: u32,
    proto: u32,
    depth: usize,
    v2: bool,
) -> Cp {
    let mut cp = ext;
    while np != 0 {
        if !tt(d, ext, 4) {
            trunc_np(p, np);
            return Ok(None);
        }
        let item_len = d.be16(ext + 2)?;
        if !tt(d, ext, u64::from(item_len)) {
            trunc_np(p, np);
            return Ok(None);
        }
        indent(p, depth + 1);
        let ctx = Ctx {
            phase,
            doi,
            proto,
            depth: depth + 1,
        };
        let r = sub0_print(p, d, np, ext, ctx, v2)?;
        p.s(")");
        let Some(c) = r else {
            return Ok(None);
        };
        cp = c;
        np = d.u8_at(ext)?;
        ext = c;
    }
    Ok(Some(cp))
}

/// `ike_sub0_print` (`v2` false) and `ikev2_sub0_print`: one payload
/// through `npfunc`, or its name; a length of 4 or less stops the chain.
fn sub0_print(p: &mut Printer, d: &[u8], np: u8, ext: usize, c: Ctx, v2: bool) -> Cp {
    if !tt(d, ext, 4) {
        print_trunc(p);
        return Ok(None);
    }
    let item_len = u32::from(d.be16(ext + 2)?);
    if item_len <= 4 {
        return Ok(None);
    }
    let il = item_len;
    match np {
        NP_V2E if v2 => v2_e_print(p, d, np, ext, il),
        1 => v1_sa_print(p, d, ext, c),
        2 => v1_p_print(p, d, ext, c),
        3 => v1_t_print(p, d, ext, il, c),
        4 => v1_data_print(p, d, np, ext, il, " key len="),
        5 => v1_id_print(p, d, ext, il, c),
        6 | 7 => v1_cert_print(p, d, np, ext, il),
        8 | 9 | 13 => v1_data_print(p, d, np, ext, il, " len="),
        10 => v1_nonce_print(p, d, ext, il),
        11 => v1_n_print(p, d, ext, il),
        12 => v1_d_print(p, d, ext),
        33 => v2_sa_print(p, d, np, ext, c.depth),
        34 => v2_ke_print(p, d, np, ext, il),
        35 | 36 => v2_id_print(p, d, np, ext, il),
        39 => v2_auth_print(p, d, np, ext, il),
        40 => v2_nonce_print(p, d, np, ext, il),
        41 => v2_n_print(p, d, ext, il),
        43 => v2_vid_print(p, d, np, ext, il),
        37 | 38 | 42 | 44 | 45 | 47 | 48 => v2_gen_print(p, d, np, ext, il),
        _ => {
            np_name(p, np);
            Ok(Some(ext + il as usize))
        }
    }
}

fn v1_sa_print(p: &mut Printer, d: &[u8], ext: usize, c: Ctx) -> Cp {
    p.s("sa:");
    if !tt(d, ext, 12) {
        trunc_np(p, 1);
        return Ok(None);
    }
    let doi = d.be32(ext + 4)?;
    let sit = d.be32(ext + 8)?;
    if doi != 1 {
        out!(p, " doi={doi} situation={sit}");
        return Ok(Some(ext + 12));
    }
    p.s(" doi=ipsec situation=");
    let mut t = false;
    if sit & 0x01 != 0 {
        p.s("identity");
        t = true;
    }
    if sit & 0x02 != 0 {
        out!(p, "{}secrecy", if t { "+" } else { "" });
        t = true;
    }
    if sit & 0x04 != 0 {
        out!(p, "{}integrity", if t { "+" } else { "" });
    }
    let mut np = ext + 12;
    if sit != 0x01 {
        // `GET_BE_U_4(ext + 1)`: one isakmp_gen past the header, which is
        // the DOI field, not the labeled identity.
        let ident = d.be32(ext + 4)?;
        out!(p, " ident={ident}");
        np += 4;
    }
    if !tt(d, np, 4) {
        trunc_np(p, 1);
        return Ok(None);
    }
    sub_print(p, d, NP_P, np, c.phase, doi, c.proto, c.depth, false)
}

fn v1_p_print(p: &mut Printer, d: &[u8], ext: usize, c: Ctx) -> Cp {
    p.s("p:");
    if !tt(d, ext, 8) {
        trunc_np(p, NP_P);
        return Ok(None);
    }
    let p_no = d.u8_at(ext + 4)?;
    let prot_id = d.u8_at(ext + 5)?;
    let num_t = d.u8_at(ext + 7)?;
    out!(p, " #{p_no} protoid=");
    str_or_id(p, u32::from(prot_id), &PROTOIDSTR);
    out!(p, " transform={num_t}");
    let spi_size = d.u8_at(ext + 6)?;
    if spi_size != 0 {
        p.s(" spi=");
        if !rawprint(p, d, ext + 8, u64::from(spi_size)) {
            trunc_np(p, NP_P);
            return Ok(None);
        }
    }
    let next = ext + 8 + usize::from(spi_size);
    if !tt(d, next, 4) {
        trunc_np(p, NP_P);
        return Ok(None);
    }
    sub_print(
        p,
        d,
        NP_T,
        next,
        c.phase,
        c.doi,
        u32::from(prot_id),
        c.depth,
        false,
    )
}

fn v1_t_print(p: &mut Printer, d: &[u8], ext: usize, item_len: u32, c: Ctx) -> Cp {
    p.s("t:");
    if !tt(d, ext, 8) {
        trunc_np(p, NP_T);
        return Ok(None);
    }
    let (idmap, map): (&[&str], &[AttrMap]) = match c.proto {
        1 => (&IKEV1_P_MAP, &OAKLEY_T_MAP),
        2 => (&AH_P_MAP, &IPSEC_T_MAP),
        3 => (&ESP_P_MAP, &IPSEC_T_MAP),
        4 => (&IPCOMP_P_MAP, &IPSEC_T_MAP),
        _ => (&[], &[]),
    };
    let t_id = d.u8_at(ext + 5)?;
    let t_no = d.u8_at(ext + 4)?;
    if idmap.is_empty() {
        out!(p, " #{t_no} id={t_id} ");
    } else {
        out!(p, " #{t_no} id=");
        str_or_id(p, u32::from(t_id), idmap);
        p.s(" ");
    }
    attrs(p, d, ext, item_len, map)
}

/// The attribute loop of `ikev1_t_print`/`ikev2_t_print`: what the
/// transform returns (after the last attribute, or `ep2 + 1` after
/// `[|attr]`) and `...` when the capture ends first.
fn attrs(p: &mut Printer, d: &[u8], ext: usize, item_len: u32, map: &[AttrMap]) -> Cp {
    let ep = d.len();
    let mut cp = ext + 8;
    let ep2 = ext + item_len as usize;
    while cp < ep && cp < ep2 {
        match attr_print(p, d, cp, ep2, map)? {
            Some(c) => cp = c,
            None => {
                trunc_np(p, NP_T);
                return Ok(None);
            }
        }
    }
    if ep < ep2 {
        p.s("...");
    }
    Ok(Some(cp))
}

/// `ikev1_attrmap_print`, or `ikev1_attr_print` for an empty `map`.
fn attr_print(p: &mut Printer, d: &[u8], at: usize, ep2: usize, map: &[AttrMap]) -> Cp {
    let af = d.u8_at(at)? & 0x80 != 0;
    let totlen = if af {
        4
    } else {
        4 + usize::from(d.be16(at + 2)?)
    };
    if ep2 < at + totlen {
        p.s("[|attr]");
        return Ok(Some(ep2 + 1));
    }
    p.s("(");
    let t = d.be16(at)? & 0x7fff;
    let entry = map.get(usize::from(t)).filter(|m| !m.ty.is_empty());
    match entry {
        Some(m) => out!(p, "type={} ", m.ty),
        None => out!(p, "type=#{t} "),
    }
    if af {
        p.s("value=");
        let v = usize::from(d.be16(at + 2)?);
        let name = entry
            .filter(|m| v < m.nvalue)
            .and_then(|m| m.value.get(v))
            .filter(|s| !s.is_empty());
        match name {
            Some(s) => p.s(s),
            None => {
                if !rawprint(p, d, at + 2, 2) {
                    p.s(")");
                    return Ok(None);
                }
            }
        }
    } else {
        out!(p, "len={} value=", totlen - 4);
        if !rawprint(p, d, at + 4, (totlen - 4) as u64) {
            p.s(")");
            return Ok(None);
        }
    }
    p.s(")");
    Ok(Some(at + totlen))
}

/// KE, HASH, SIG and VID of IKEv1: the length and, from `-vvv`, the data.
fn v1_data_print(p: &mut Printer, d: &[u8], np: u8, ext: usize, item_len: u32, label: &str) -> Cp {
    np_name(p, np);
    p.s(":");
    if !tt(d, ext, 4) {
        trunc_np(p, np);
        return Ok(None);
    }
    out!(p, "{label}{}", item_len - 4);
    if p.opts.verbose > 2 && item_len > 4 {
        p.s(" ");
        if !rawprint(p, d, ext + 4, u64::from(item_len - 4)) {
            trunc_np(p, np);
            return Ok(None);
        }
    }
    Ok(Some(ext + item_len as usize))
}

fn v1_cert_print(p: &mut Printer, d: &[u8], np: u8, ext: usize, item_len: u32) -> Cp {
    np_name(p, np);
    p.s(":");
    // `sizeof(struct ikev1_pl_cert)`: the encoding and one byte of data.
    if !tt(d, ext, 6) {
        trunc_np(p, np);
        return Ok(None);
    }
    out!(p, " len={}", item_len - 4);
    p.s(" type=");
    str_or_id(p, u32::from(d.u8_at(ext + 4)?), &CERTSTR);
    if p.opts.verbose > 2 && item_len > 4 {
        p.s(" ");
        if !rawprint(p, d, ext + 4, u64::from(item_len - 4)) {
            trunc_np(p, np);
            return Ok(None);
        }
    }
    Ok(Some(ext + item_len as usize))
}

fn v1_nonce_print(p: &mut Printer, d: &[u8], ext: usize, item_len: u32) -> Cp {
    p.s("nonce:");
    if !tt(d, ext, 4) {
        trunc_np(p, 10);
        return Ok(None);
    }
    out!(p, " n len={}", item_len - 4);
    if item_len > 4 {
        let ok = if p.opts.verbose > 2 {
            p.s(" ");
            rawprint(p, d, ext + 4, u64::from(item_len - 4))
        } else if p.opts.verbose > 1 {
            p.s(" ");
            show_somedata(p, d, ext + 4)
        } else {
            true
        };
        if !ok {
            trunc_np(p, 10);
            return Ok(None);
        }
    }
    Ok(Some(ext + item_len as usize))
}

const NOTIFY_ERROR_STR: [&str; 31] = [
    "",
    "INVALID-PAYLOAD-TYPE",
    "DOI-NOT-SUPPORTED",
    "SITUATION-NOT-SUPPORTED",
    "INVALID-COOKIE",
    "INVALID-MAJOR-VERSION",
    "INVALID-MINOR-VERSION",
    "INVALID-EXCHANGE-TYPE",
    "INVALID-FLAGS",
    "INVALID-MESSAGE-ID",
    "INVALID-PROTOCOL-ID",
    "INVALID-SPI",
    "INVALID-TRANSFORM-ID",
    "ATTRIBUTES-NOT-SUPPORTED",
    "NO-PROPOSAL-CHOSEN",
    "BAD-PROPOSAL-SYNTAX",
    "PAYLOAD-MALFORMED",
    "INVALID-KEY-INFORMATION",
    "INVALID-ID-INFORMATION",
    "INVALID-CERT-ENCODING",
    "INVALID-CERTIFICATE",
    "CERT-TYPE-UNSUPPORTED",
    "INVALID-CERT-AUTHORITY",
    "INVALID-HASH-INFORMATION",
    "AUTHENTICATION-FAILED",
    "INVALID-SIGNATURE",
    "ADDRESS-NOTIFICATION",
    "NOTIFY-SA-LIFETIME",
    "CERTIFICATE-UNAVAILABLE",
    "UNSUPPORTED-EXCHANGE-TYPE",
    "UNEQUAL-PAYLOAD-LENGTHS",
];
const IPSEC_NOTIFY_STATUS_STR: [&str; 3] =
    ["RESPONDER-LIFETIME", "REPLAY-STATUS", "INITIAL-CONTACT"];
const RESPONDER_LIFETIME: u16 = 24576;
const REPLAY_STATUS: u16 = 24577;

fn v1_n_print(p: &mut Printer, d: &[u8], ext: usize, item_len: u32) -> Cp {
    const N: u8 = 11;
    p.s("n:");
    if !tt(d, ext, 12) {
        trunc_np(p, N);
        return Ok(None);
    }
    let doi = d.be32(ext + 4)?;
    let proto = d.u8_at(ext + 8)?;
    let ty = d.be16(ext + 10)?;
    let t = u32::from(ty);
    if doi != 1 {
        out!(p, " doi={doi} proto={proto} type=");
        match ty {
            0..8192 => str_or_id(p, t, &NOTIFY_ERROR_STR),
            16384..24576 => str_or_id(p, t - 16384, &["CONNECTED"]),
            _ => out!(p, "#{t}"),
        }
        let spi_size = d.u8_at(ext + 9)?;
        if spi_size != 0 {
            p.s(" spi=");
            if !rawprint(p, d, ext + 12, u64::from(spi_size)) {
                trunc_np(p, N);
                return Ok(None);
            }
        }
        return Ok(Some(ext + 12 + usize::from(spi_size)));
    }
    p.s(" doi=ipsec proto=");
    str_or_id(p, u32::from(proto), &PROTOIDSTR);
    p.s(" type=");
    match ty {
        0..8192 => str_or_id(p, t, &NOTIFY_ERROR_STR),
        8192..16384 => str_or_id(p, t - 8192, &["RESERVED"]),
        16384..24576 => str_or_id(p, t - 16384, &["CONNECTED"]),
        24576..32768 => str_or_id(p, t - 24576, &IPSEC_NOTIFY_STATUS_STR),
        _ => out!(p, "#{t}"),
    }
    let spi_size = d.u8_at(ext + 9)?;
    if spi_size != 0 {
        p.s(" spi=");
        if !rawprint(p, d, ext + 12, u64::from(spi_size)) {
            trunc_np(p, N);
            return Ok(None);
        }
    }
    let mut cp = ext + 12 + usize::from(spi_size);
    let ep = d.len();
    let ep2 = ext + item_len as usize;
    if cp < ep {
        match ty {
            RESPONDER_LIFETIME => {
                p.s(" attrs=(");
                while cp < ep && cp < ep2 {
                    match attr_print(p, d, cp, ep2, &OAKLEY_T_MAP)? {
                        Some(c) => cp = c,
                        None => {
                            p.s(")");
                            trunc_np(p, N);
                            return Ok(None);
                        }
                    }
                }
                p.s(")");
            }
            REPLAY_STATUS => {
                p.s(" status=(");
                let v = d.be32(cp)?;
                out!(
                    p,
                    "replay detection {}abled)",
                    if v != 0 { "en" } else { "dis" }
                );
            }
            _ => {
                let ok = if p.opts.verbose > 3 {
                    p.s(" data=(");
                    let ok = rawprint(p, d, cp, (ep - cp) as u64);
                    if ok {
                        p.s(")");
                    }
                    ok
                } else {
                    show_somedata(p, d, cp)
                };
                if !ok {
                    trunc_np(p, N);
                    return Ok(None);
                }
            }
        }
    }
    Ok(Some(ext + item_len as usize))
}

fn v1_d_print(p: &mut Printer, d: &[u8], ext: usize) -> Cp {
    const D: u8 = 12;
    p.s("d:");
    if !tt(d, ext, 12) {
        trunc_np(p, D);
        return Ok(None);
    }
    let doi = d.be32(ext + 4)?;
    let proto = d.u8_at(ext + 8)?;
    if doi != 1 {
        out!(p, " doi={doi} proto={proto}");
    } else {
        p.s(" doi=ipsec proto=");
        str_or_id(p, u32::from(proto), &PROTOIDSTR);
    }
    let spi_size = d.u8_at(ext + 9)?;
    out!(p, " spilen={spi_size}");
    let num_spi = d.be16(ext + 10)?;
    out!(p, " nspi={num_spi}");
    p.s(" spi=");
    let mut q = ext + 12;
    for i in 0..num_spi {
        if i != 0 {
            p.s(",");
        }
        if !rawprint(p, d, q, u64::from(spi_size)) {
            trunc_np(p, D);
            return Ok(None);
        }
        q += usize::from(spi_size);
    }
    Ok(Some(q))
}

const IPSECIDTYPESTR: [&str; 12] = [
    "",
    "IPv4",
    "FQDN",
    "user FQDN",
    "IPv4net",
    "IPv6",
    "IPv6net",
    "IPv4range",
    "IPv6range",
    "ASN1 DN",
    "ASN1 GN",
    "keyid",
];

/// `ikev1_id_print`. tcpdump's phase is always 1 or 2, both of which take
/// the IPsec DOI branch (USE_IPSECDOI_IN_PHASE1), so the generic one is
/// unreachable and left out.
fn v1_id_print(p: &mut Printer, d: &[u8], ext: usize, item_len: u32, _c: Ctx) -> Cp {
    const ID: u8 = 5;
    p.s("id:");
    if !tt(d, ext, 8) {
        trunc_np(p, ID);
        return Ok(None);
    }
    let data = ext + 8;
    let mut len = item_len.saturating_sub(8) as usize;
    let ty = d.u8_at(ext + 4)?;
    p.s(" idtype=");
    str_or_id(p, u32::from(ty), &IPSECIDTYPESTR);
    let proto_id = d.u8_at(ext + 5)?;
    let name = if p.opts.numeric == 0 && proto_id != 0 {
        p.run.names.proto(proto_id).map(str::to_string)
    } else {
        None
    };
    match name {
        Some(n) => out!(p, " protoid={n}"),
        None => out!(p, " protoid={proto_id}"),
    }
    out!(p, " port={}", d.be16(ext + 6)?);
    if len != 0 {
        if !tt(d, data, len as u64) {
            trunc_np(p, ID);
            return Ok(None);
        }
        match ty {
            1 => {
                if len < 4 {
                    out!(p, " len={len} [bad: < 4]");
                } else {
                    out!(p, " len={len} ");
                    p.ip4_at(d, data)?;
                }
                len = 0;
            }
            2 | 3 => {
                out!(p, " len={len} ");
                for i in 0..len {
                    let c = d.u8_at(data + i)?;
                    super::chars::print_char(p, c);
                }
                len = 0;
            }
            4 => {
                if len < 8 {
                    out!(p, " len={len} [bad: < 8]");
                } else {
                    let m = d.array::<4>(data + 4)?;
                    out!(p, " len={len} ");
                    p.ip4_at(d, data)?;
                    out!(p, "/{}.{}.{}.{}", m[0], m[1], m[2], m[3]);
                }
                len = 0;
            }
            5 => {
                if len < 16 {
                    out!(p, " len={len} [bad: < 16]");
                } else {
                    let a = d.array::<16>(data)?;
                    out!(p, " len={len} ");
                    p.ip6(a);
                }
                len = 0;
            }
            6 => {
                if len < 32 {
                    out!(p, " len={len} [bad: < 32]");
                } else {
                    let a = d.array::<16>(data)?;
                    let m = d.array::<16>(data + 16)?;
                    out!(p, " len={len} ");
                    p.ip6(a);
                    p.s("/0x");
                    for b in m {
                        out!(p, "{b:02x}");
                    }
                }
                len = 0;
            }
            7 => {
                if len < 8 {
                    out!(p, " len={len} [bad: < 8]");
                } else {
                    out!(p, " len={len} ");
                    p.ip4_at(d, data)?;
                    p.s("-");
                    p.ip4_at(d, data + 4)?;
                }
                len = 0;
            }
            8 => {
                if len < 32 {
                    out!(p, " len={len} [bad: < 32]");
                } else {
                    let a = d.array::<16>(data)?;
                    let b = d.array::<16>(data + 16)?;
                    out!(p, " len={len} ");
                    p.ip6(a);
                    p.s("-");
                    p.ip6(b);
                }
                len = 0;
            }
            _ => {}
        }
    }
    if len != 0 {
        out!(p, " len={len}");
        if p.opts.verbose > 2 {
            p.s(" ");
            if !rawprint(p, d, data, len as u64) {
                trunc_np(p, ID);
                return Ok(None);
            }
        }
    }
    Ok(Some(ext + item_len as usize))
}

/// `ikev2_pay_print`: the name and `[C]` for the critical bit.
fn pay_print(p: &mut Printer, np: u8, critical: u8) {
    np_name(p, np);
    if critical & 0x80 != 0 {
        p.s("[C]");
    }
    p.s(":");
}

/// `ikev2_gen_print` (CERT, CERTREQ, Delete, TSi/TSr, CP, EAP).
fn v2_gen_print(p: &mut Printer, d: &[u8], np: u8, ext: usize, item_len: u32) -> Cp {
    if !tt(d, ext, 4) {
        trunc_np(p, np);
        return Ok(None);
    }
    pay_print(p, np, d.u8_at(ext + 1)?);
    out!(p, " len={}", item_len - 4);
    if p.opts.verbose > 2 && item_len > 4 {
        p.s(" ");
        if !rawprint(p, d, ext + 4, u64::from(item_len - 4)) {
            trunc_np(p, np);
            return Ok(None);
        }
    }
    Ok(Some(ext + item_len as usize))
}

/// `ikev2_t_print`.
fn v2_t_print(p: &mut Printer, d: &[u8], tcount: u32, ext: usize, item_len: u32) -> Cp {
    if !tt(d, ext, 8) {
        trunc_np(p, NP_T);
        return Ok(None);
    }
    pay_print(p, NP_T, d.u8_at(ext + 1)?);
    let t_id = d.be16(ext + 6)?;
    let t_type = d.u8_at(ext + 4)?;
    let (idmap, map): (&[&str], &[AttrMap]) = match t_type {
        1 => (&ESP_P_MAP, &ENCR_T_MAP),
        2 => (&PRF_P_MAP, &[]),
        3 => (&INTEG_P_MAP, &[]),
        4 => (&DH_P_MAP, &[]),
        5 => (&ESN_P_MAP, &[]),
        _ => (&[], &[]),
    };
    out!(p, " #{tcount} type=");
    str_or_id(p, u32::from(t_type), &IKEV2_T_TYPE_MAP);
    if idmap.is_empty() {
        out!(p, " id={t_id} ");
    } else {
        p.s(" id=");
        str_or_id(p, u32::from(t_id), idmap);
        p.s(" ");
    }
    attrs(p, d, ext, item_len, map)
}

/// `ikev2_p_print`: a proposal and its transforms. `prop_length` starts
/// 4 short of the 8-byte header, as tcpdump's does.
fn v2_p_print(p: &mut Printer, d: &[u8], ext: usize, oprop_length: u32, mut depth: usize) -> Cp {
    if !tt(d, ext, 8) {
        trunc_np(p, NP_P);
        return Ok(None);
    }
    pay_print(p, NP_P, d.u8_at(ext + 1)?);
    let mut prop_length = oprop_length - 4;
    let p_no = d.u8_at(ext + 4)?;
    let prot_id = d.u8_at(ext + 5)?;
    let num_t = d.u8_at(ext + 7)?;
    out!(p, " #{p_no} protoid=");
    str_or_id(p, u32::from(prot_id), &PROTOIDSTR);
    out!(p, " transform={num_t} len={oprop_length}");
    let mut cp = ext + 8;
    let spi_size = u32::from(d.u8_at(ext + 6)?);
    let toolong = |p: &mut Printer, cp: usize, prop_length: u32| {
        trunc_np(p, NP_P);
        Ok(Some(cp + prop_length as usize))
    };
    if spi_size != 0 {
        if prop_length < spi_size {
            return toolong(p, cp, prop_length);
        }
        p.s(" spi=");
        if !rawprint(p, d, cp, u64::from(spi_size)) {
            trunc_np(p, NP_P);
            return Ok(None);
        }
        cp += spi_size as usize;
        prop_length -= spi_size;
    }
    let mut tcount = 0;
    let mut np = NP_T;
    while np != 0 {
        tcount += 1;
        let t = cp;
        if prop_length < 4 {
            return toolong(p, cp, prop_length);
        }
        if !tt(d, t, 4) {
            trunc_np(p, NP_P);
            return Ok(None);
        }
        let item_len = u32::from(d.be16(t + 2)?);
        if item_len <= 4 {
            trunc_np(p, NP_P);
            return Ok(None);
        }
        if prop_length < item_len {
            return toolong(p, cp, prop_length);
        }
        if !tt(d, cp, u64::from(item_len)) {
            trunc_np(p, NP_P);
            return Ok(None);
        }
        depth += 1;
        indent(p, depth);
        if np == NP_T {
            match v2_t_print(p, d, tcount, t, item_len)? {
                Some(c) => cp = c,
                None => return Ok(None),
            }
        } else {
            np_name(p, np);
            cp += item_len as usize;
        }
        p.s(")");
        depth -= 1;
        prop_length -= item_len;
        np = d.u8_at(t)?;
    }
    Ok(Some(cp))
}

/// `ikev2_sa_print`: the proposals of an SA payload.
fn v2_sa_print(p: &mut Printer, d: &[u8], tpay: u8, ext1: usize, mut depth: usize) -> Cp {
    if !tt(d, ext1, 4) {
        trunc_np(p, tpay);
        return Ok(None);
    }
    p.s("sa");
    if d.u8_at(ext1 + 1)? & 0x80 != 0 {
        p.s("[C]");
    }
    p.s(":");
    let osa_length = u32::from(d.be16(ext1 + 2)?);
    let mut sa_length = osa_length.wrapping_sub(4);
    out!(p, " len={sa_length}");
    let mut cp = ext1 + 4;
    let mut np = NP_P;
    let toolong = |p: &mut Printer, cp: usize, sa_length: u32| {
        trunc_np(p, tpay);
        Ok(Some(cp + sa_length as usize))
    };
    while np != 0 {
        let e = cp;
        if sa_length < 4 {
            return toolong(p, cp, sa_length);
        }
        if !tt(d, e, 4) {
            trunc_np(p, tpay);
            return Ok(None);
        }
        let item_len = u32::from(d.be16(e + 2)?);
        if item_len <= 4 {
            trunc_np(p, tpay);
            return Ok(None);
        }
        if sa_length < item_len {
            return toolong(p, cp, sa_length);
        }
        if !tt(d, cp, u64::from(item_len)) {
            trunc_np(p, tpay);
            return Ok(None);
        }
        depth += 1;
        indent(p, depth);
        if np == NP_P {
            match v2_p_print(p, d, e, item_len, depth)? {
                Some(c) => cp = c,
                None => return Ok(None),
            }
        } else {
            np_name(p, np);
            cp += item_len as usize;
        }
        p.s(")");
        depth -= 1;
        sa_length -= item_len;
        np = d.u8_at(e)?;
    }
    Ok(Some(cp))
}

fn v2_ke_print(p: &mut Printer, d: &[u8], tpay: u8, ext: usize, item_len: u32) -> Cp {
    if !tt(d, ext, 8) {
        trunc_np(p, tpay);
        return Ok(None);
    }
    pay_print(p, tpay, d.u8_at(ext + 1)?);
    if item_len < 8 {
        out!(p, " len={item_len} < 8");
        return Ok(Some(ext + item_len as usize));
    }
    out!(p, " len={} group=", item_len - 8);
    str_or_id(p, u32::from(d.be16(ext + 4)?), &DH_P_MAP);
    if p.opts.verbose > 2 && item_len > 8 {
        p.s(" ");
        if !rawprint(p, d, ext + 8, u64::from(item_len - 8)) {
            trunc_np(p, tpay);
            return Ok(None);
        }
    }
    Ok(Some(ext + item_len as usize))
}

fn v2_id_print(p: &mut Printer, d: &[u8], tpay: u8, ext: usize, item_len: u32) -> Cp {
    if !tt(d, ext, 8) {
        trunc_np(p, tpay);
        return Ok(None);
    }
    pay_print(p, tpay, d.u8_at(ext + 1)?);
    out!(p, " len={}", item_len - 4);
    if p.opts.verbose > 2 && item_len > 4 {
        p.s(" ");
        if !rawprint(p, d, ext + 4, u64::from(item_len - 4)) {
            trunc_np(p, tpay);
            return Ok(None);
        }
    }
    // `u_int` arithmetic: under 8 it wraps and the check below fails.
    let idtype_len = u64::from(item_len.wrapping_sub(8));
    let typedata = ext + 8;
    let (label, ascii) = match d.u8_at(ext + 4)? {
        1 => (" ipv4:", false),
        2 => (" fqdn:", true),
        3 => (" rfc822:", true),
        5 => (" ipv6:", false),
        9 => (" dn:", false),
        10 => (" gn:", false),
        11 => (" keyid:", false),
        _ => return Ok(Some(ext + item_len as usize)),
    };
    p.s(label);
    if ascii {
        if !tt(d, typedata, idtype_len) {
            trunc_np(p, tpay);
            return Ok(None);
        }
        for i in 0..idtype_len as usize {
            let c = d.u8_at(typedata + i)?;
            p.out()
                .push(if (0x20..=0x7e).contains(&c) { c } else { b'.' });
        }
    } else if !rawprint(p, d, typedata, idtype_len) {
        trunc_np(p, tpay);
        return Ok(None);
    }
    Ok(Some(ext + item_len as usize))
}

fn v2_auth_print(p: &mut Printer, d: &[u8], tpay: u8, ext: usize, item_len: u32) -> Cp {
    if !tt(d, ext, 8) {
        trunc_np(p, tpay);
        return Ok(None);
    }
    pay_print(p, tpay, d.u8_at(ext + 1)?);
    out!(p, " len={} method=", item_len - 4);
    str_or_id(
        p,
        u32::from(d.u8_at(ext + 4)?),
        &["invalid", "rsasig", "shared-secret", "dsssig"],
    );
    if item_len > 4 {
        let ok = if p.opts.verbose > 1 {
            p.s(" authdata=(");
            let ok = rawprint(p, d, ext + 8, u64::from(item_len.wrapping_sub(8)));
            if ok {
                p.s(") ");
            }
            ok
        } else if p.opts.verbose > 0 {
            show_somedata(p, d, ext + 8)
        } else {
            true
        };
        if !ok {
            trunc_np(p, tpay);
            return Ok(None);
        }
    }
    Ok(Some(ext + item_len as usize))
}

fn v2_nonce_print(p: &mut Printer, d: &[u8], tpay: u8, ext: usize, item_len: u32) -> Cp {
    if !tt(d, ext, 4) {
        trunc_np(p, tpay);
        return Ok(None);
    }
    p.s("nonce");
    if d.u8_at(ext + 1)? & 0x80 != 0 {
        p.s("[C]");
    }
    p.s(":");
    out!(p, " len={}", item_len - 4);
    let ok = if p.opts.verbose > 1 && item_len > 4 {
        p.s(" nonce=(");
        let ok = rawprint(p, d, ext + 4, u64::from(item_len - 4));
        if ok {
            p.s(") ");
        }
        ok
    } else if p.opts.verbose > 0 && item_len > 4 {
        show_somedata(p, d, ext + 4)
    } else {
        true
    };
    if !ok {
        trunc_np(p, tpay);
        return Ok(None);
    }
    Ok(Some(ext + item_len as usize))
}

/// `ikev2_n_print`'s notify names and whether the SPI is shown: the
/// named types, else the name of the type's range (with the SPI).
fn v2_notify(ty: u16) -> (&'static str, bool) {
    let named = match ty {
        1 => Some(("unsupported_critical_payload", false)),
        4 => Some(("invalid_ike_spi", true)),
        5 => Some(("invalid_major_version", false)),
        7 => Some(("invalid_syntax", true)),
        9 => Some(("invalid_message_id", true)),
        11 => Some(("invalid_spi", true)),
        14 => Some(("no_protocol_chosen", true)),
        17 => Some(("invalid_ke_payload", true)),
        24 => Some(("authentication_failed", true)),
        34 => Some(("single_pair_required", true)),
        35 => Some(("no_additional_sas", false)),
        36 => Some(("internal_address_failure", false)),
        37 => Some(("failed:cp_required", false)),
        39 => Some(("invalid_selectors", false)),
        16384 => Some(("initial_contact", false)),
        16385 => Some(("set_window_size", false)),
        16386 => Some(("additional_ts_possible", false)),
        16387 => Some(("ipcomp_supported", false)),
        16388 => Some(("nat_detection_source_ip", true)),
        16389 => Some(("nat_detection_destination_ip", true)),
        16390 => Some(("cookie", true)),
        16391 => Some(("use_transport_mode", false)),
        16392 => Some(("http_cert_lookup_supported", false)),
        16393 => Some(("rekey_sa", true)),
        16394 => Some(("tfc_padding_not_supported", false)),
        16395 => Some(("non_first_fragment_also", false)),
        _ => None,
    };
    named.unwrap_or(match ty {
        0..8192 => ("error", true),
        8192..16384 => ("private-error", true),
        16384..40960 => ("status", true),
        _ => ("private-status", true),
    })
}

fn v2_n_print(p: &mut Printer, d: &[u8], ext: usize, item_len: u32) -> Cp {
    const N: u8 = 11;
    if !tt(d, ext, 8) {
        trunc_np(p, N);
        return Ok(None);
    }
    pay_print(p, N, d.u8_at(ext + 1)?);
    p.s(" prot_id=");
    str_or_id(p, u32::from(d.u8_at(ext + 4)?), &PROTOIDSTR);
    let ty = d.be16(ext + 6)?;
    let (name, showspi) = v2_notify(ty);
    let showsomedata = ty == 16390;
    out!(p, " type={ty}({name})");
    let spi_size = d.u8_at(ext + 5)?;
    if showspi && spi_size != 0 {
        p.s(" spi=");
        if !rawprint(p, d, ext + 8, u64::from(spi_size)) {
            trunc_np(p, N);
            return Ok(None);
        }
    }
    let cp = ext + 8 + usize::from(spi_size);
    let ep = d.len();
    if cp < ep {
        let ok = if p.opts.verbose > 3 || (showsomedata && ep - cp < 30) {
            p.s(" data=(");
            let ok = rawprint(p, d, cp, (ep - cp) as u64);
            if ok {
                p.s(")");
            }
            ok
        } else if showsomedata {
            show_somedata(p, d, cp)
        } else {
            true
        };
        if !ok {
            trunc_np(p, N);
            return Ok(None);
        }
    }
    Ok(Some(ext + item_len as usize))
}

fn v2_vid_print(p: &mut Printer, d: &[u8], tpay: u8, ext: usize, item_len: u32) -> Cp {
    if !tt(d, ext, 4) {
        trunc_np(p, tpay);
        return Ok(None);
    }
    pay_print(p, tpay, d.u8_at(ext + 1)?);
    let len = item_len - 4;
    out!(p, " len={len} vid=");
    if !tt(d, ext + 4, u64::from(len)) {
        trunc_np(p, tpay);
        return Ok(None);
    }
    for i in 0..len as usize {
        let c = d.u8_at(ext + 4 + i)?;
        p.out()
            .push(if (0x20..=0x7e).contains(&c) { c } else { b'.' });
    }
    if p.opts.verbose > 2 && len > 4 {
        p.s(" ");
        if !rawprint(p, d, ext + 4, u64::from(len)) {
            trunc_np(p, tpay);
            return Ok(None);
        }
    }
    Ok(Some(ext + item_len as usize))
}

/// `ikev2_e_print` without secrets: the length (and `-vvv`'s hex); always
/// NULL, as the next-payload field names what is inside.
fn v2_e_print(p: &mut Printer, d: &[u8], tpay: u8, ext: usize, item_len: u32) -> Cp {
    if !tt(d, ext, 4) {
        trunc_np(p, tpay);
        return Ok(None);
    }
    pay_print(p, tpay, d.u8_at(ext + 1)?);
    let dlen = item_len - 4;
    out!(p, " len={dlen}");
    if p.opts.verbose > 2 && dlen > 4 {
        p.s(" ");
        if !rawprint(p, d, ext + 4, u64::from(dlen)) {
            trunc_np(p, tpay);
            return Ok(None);
        }
    }
    if !tt(d, ext + 4, u64::from(dlen)) {
        trunc_np(p, tpay);
        return Ok(None);
    }
    Ok(None)
}
