//! SNMP over UDP 161 and 162 as tcpdump 4.99's `print-snmp.c` prints it
//! when built without libsmi (Debian's build): the message's BER decoded by
//! `asn1_parse` into one element at a time and printed by `asn1_print`;
//! v1/v2c's community and v3's message header, USM parameters and scoped
//! PDU; the PDUs (requests, responses, traps, GetBulk, Inform, Report) and
//! their variable bindings. OIDs print as numbers with `-n`, else through
//! tcpdump's compiled-in MIB (`snmp_mib.rs`). `-v` wraps every part in
//! braces (`{ SNMPv1 { GetRequest(28) R=1  .1.3.6.1.2.1.1.1.0 } } `).
//!
//! tcpdump's printer has two kinds of truncation: a `GET_U_1` read past the
//! capture unwinds (`Err(Trunc)`, ` [|snmp]` ends the line), while an
//! `ND_TCHECK_LEN` that fails prints ` [|snmp]` where it is and returns -1,
//! after which each caller returns too, still printing `-v`'s closing
//! braces; that is a [`Parsed`] of `None` here.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::snmp_mib::{self as mib, NONE, OBJS};
use super::{P, Printer, out};
use crate::decode::{Bytes, Trunc};

pub(super) const SNMP_PORT: u16 = 161;
pub(super) const SNMPTRAP_PORT: u16 = 162;

/// An element, or `None` where `asn1_parse` printed its complaint and
/// returned -1: the caller returns at once (as it does on a print's
/// `false`).
type Parsed = Option<Be>;

/// `Universal`, `Application`, `Context`, `Private`: the names of the
/// tags each class knows (an id past them is `[id?...]`).
const UNIVERSAL: [&str; 18] = [
    "U-0",
    "Boolean",
    "Integer",
    "Bitstring",
    "String",
    "Null",
    "ObjID",
    "ObjectDes",
    "U-8",
    "U-9",
    "U-10",
    "U-11",
    "U-12",
    "U-13",
    "U-14",
    "U-15",
    "Sequence",
    "Set",
];
const APPLICATION: [&str; 7] = [
    "IpAddress",
    "Counter",
    "Gauge",
    "TimeTicks",
    "Opaque",
    "C-5",
    "Counter64",
];
const CONTEXT: [&str; 9] = [
    "GetRequest",
    "GetNextRequest",
    "GetResponse",
    "SetRequest",
    "Trap",
    "GetBulk",
    "Inform",
    "V2Trap",
    "Report",
];
const PRIVATE: [&str; 1] = ["P-0"];
const EXCEPTIONS: [&str; 3] = ["noSuchObject", "noSuchInstance", "endOfMibView"];

fn class_ids(class: u8) -> &'static [&'static str] {
    match class {
        0 => &UNIVERSAL,
        1 => &APPLICATION,
        2 => &CONTEXT,
        _ => &PRIVATE,
    }
}

/// The class's name in tcpdump's messages: its `defineCLASS(x)` writes the
/// string literal `"x"`, which the preprocessor leaves alone, so every
/// class is named `x`.
const CLASS_NAME: &str = "x";

const ERROR_STATUS: [&str; 19] = [
    "noError",
    "tooBig",
    "noSuchName",
    "badValue",
    "readOnly",
    "genErr",
    "noAccess",
    "wrongType",
    "wrongLength",
    "wrongEncoding",
    "wrongValue",
    "noCreation",
    "inconsistentValue",
    "resourceUnavailable",
    "commitFailed",
    "undoFailed",
    "authorizationError",
    "notWritable",
    "inconsistentName",
];

const GENERIC_TRAP: [&str; 7] = [
    "coldStart",
    "warmStart",
    "linkDown",
    "linkUp",
    "authenticationFailure",
    "egpNeighborLoss",
    "enterpriseSpecific",
];

// PDU tags (`Context`).
const GETREQ: u8 = 0;
const GETNEXTREQ: u8 = 1;
const SETREQ: u8 = 3;
const TRAP: u8 = 4;
const GETBULKREQ: u8 = 5;
const INFORMREQ: u8 = 6;
const V2TRAP: u8 = 7;
const REPORT: u8 = 8;

const SNMP_VERSION_1: i32 = 0;
const SNMP_VERSION_2: i32 = 1;
const SNMP_VERSION_3: i32 = 3;

/// `struct be`'s `type`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ty {
    Any,
    Null,
    Octet,
    Oid,
    Int,
    Uns,
    Str,
    Seq,
    InetAddr,
    Pdu,
    Uns64,
    /// `BE_NOSUCHOBJECT`, `BE_NOSUCHINST`, `BE_ENDOFMIBVIEW` (by `id`).
    Exception,
}

/// `struct be`: one decoded element; `data` is where its contents start in
/// the payload, `count` what `asn1_parse` returns (header and contents).
#[derive(Clone, Copy)]
struct Be {
    asnlen: u32,
    data: usize,
    id: u8,
    ty: Ty,
    integer: i32,
    uns: u32,
    uns64: u64,
    count: u32,
}

/// `nd_print_trunc` without the longjmp (an `ND_TCHECK_LEN` failing).
fn soft_trunc(p: &mut Printer) {
    p.s(" [|snmp]");
}

/// `asn1_parse`: the element at `at` within `len` bytes of the message.
fn parse(p: &mut Printer, d: &[u8], mut at: usize, mut len: u32) -> Result<Parsed, Trunc> {
    if len < 1 {
        p.s("[nothing to parse]");
        return Ok(None);
    }
    let b = d.u8_at(at)?;
    let mut id = b & 0x1f;
    let form = (b & 0x20) >> 5;
    let class = (b & 0xc0) >> 6;
    at += 1;
    len -= 1;
    let mut hdr = 1u32;
    if id == 0x1f {
        // The tag's octets gather in tcpdump's `u_char id`, keeping the
        // low 8 bits.
        id = 0;
        while d.u8_at(at)? & 0x80 != 0 {
            if len < 1 {
                p.s("[Xtagfield?]");
                return Ok(None);
            }
            id = (id << 7) | (d.u8_at(at)? & 0x7f);
            len -= 1;
            hdr += 1;
            at += 1;
        }
        if len < 1 {
            p.s("[Xtagfield?]");
            return Ok(None);
        }
        id = (id << 7) | d.u8_at(at)?;
        len -= 1;
        hdr += 1;
        at += 1;
    }
    if len < 1 {
        p.s("[no asnlen]");
        return Ok(None);
    }
    let mut asnlen = u32::from(d.u8_at(at)?);
    at += 1;
    len -= 1;
    hdr += 1;
    if asnlen & 0x80 != 0 {
        let noct = asnlen % 0x80;
        asnlen = 0;
        if len < noct {
            out!(p, "[asnlen? {}<{}]", len as i32, noct as i32);
            return Ok(None);
        }
        if !d.has(at, noct as usize) {
            soft_trunc(p);
            return Ok(None);
        }
        for _ in 0..noct {
            asnlen = (asnlen << 8) | u32::from(d.u8_at(at)?);
            at += 1;
            len -= 1;
            hdr += 1;
        }
    }
    if len < asnlen {
        out!(p, "[len{}<asnlen{}]", len as i32, asnlen);
        return Ok(None);
    }
    // `form` (one bit) and `class` (two) are always in range.
    let ids = class_ids(class);
    if usize::from(id) >= ids.len() {
        let f = if form == 0 { 'P' } else { 'C' };
        out!(p, "[id?{f}/{CLASS_NAME}/{id}]");
        return Ok(None);
    }
    let name = ids.get(usize::from(id)).copied().unwrap_or_default();
    if !d.has(at, asnlen as usize) {
        soft_trunc(p);
        return Ok(None);
    }
    let contents = d.range(at, asnlen as usize)?;
    let mut e = Be {
        asnlen,
        data: at,
        id,
        ty: Ty::Any,
        integer: 0,
        uns: 0,
        uns64: 0,
        count: asnlen + hdr,
    };
    match (form, class) {
        (0, 0) => match id {
            4 => e.ty = Ty::Str,
            2 => {
                e.ty = Ty::Int;
                let Some(&first) = contents.first() else {
                    p.s("[asnlen=0]");
                    return Ok(None);
                };
                let mut v: i32 = if first & 0x80 != 0 { -1 } else { 0 };
                for &c in contents {
                    v = (v << 8) | i32::from(c);
                }
                e.integer = v;
            }
            6 => e.ty = Ty::Oid,
            5 => e.ty = Ty::Null,
            _ => {
                e.ty = Ty::Octet;
                out!(p, "[P/U/{name}]");
            }
        },
        (0, 1) => match id {
            0 => e.ty = Ty::InetAddr,
            1..=3 => {
                e.ty = Ty::Uns;
                e.uns = contents
                    .iter()
                    .fold(0u32, |v, &c| (v << 8).wrapping_add(u32::from(c)));
            }
            6 => {
                e.ty = Ty::Uns64;
                e.uns64 = contents
                    .iter()
                    .fold(0u64, |v, &c| (v << 8).wrapping_add(u64::from(c)));
            }
            _ => {
                e.ty = Ty::Octet;
                out!(p, "[P/A/{name}]");
            }
        },
        // Other context tags stay `BE_ANY`.
        (0, 2) => {
            if id <= 2 {
                e.ty = Ty::Exception;
            }
        }
        (0, _) => {
            out!(p, "[P/{CLASS_NAME}/{name}]");
            e.ty = Ty::Octet;
        }
        (_, 0) => {
            if id == 16 {
                e.ty = Ty::Seq;
            } else {
                e.ty = Ty::Octet;
                out!(p, "C/U/{name}");
            }
        }
        (_, 2) => e.ty = Ty::Pdu,
        _ => {
            e.ty = Ty::Octet;
            out!(p, "C/{CLASS_NAME}/{name}");
        }
    }
    Ok(Some(e))
}

/// `asn1_print_octets`: `_xx` for every byte.
fn print_octets(p: &mut Printer, d: &[u8], e: &Be) -> bool {
    let Ok(b) = d.range(e.data, e.asnlen as usize) else {
        soft_trunc(p);
        return false;
    };
    for &c in b {
        out!(p, "_{c:02x}");
    }
    true
}

/// `asn1_print_string`: quoted when every byte is printable ASCII, else
/// the bytes in hex joined by `_`.
fn print_string(p: &mut Printer, d: &[u8], e: &Be) -> bool {
    let Ok(b) = d.range(e.data, e.asnlen as usize) else {
        soft_trunc(p);
        return false;
    };
    if b.iter().all(|c| (0x20..0x7f).contains(c)) {
        p.s("\"");
        p.out().extend_from_slice(b);
        p.s("\"");
    } else {
        for (i, c) in b.iter().enumerate() {
            if i == 0 {
                out!(p, "{c:02x}");
            } else {
                out!(p, "_{c:02x}");
            }
        }
    }
    true
}

/// `OBJ_PRINT`: a sub-identifier by its name under `objp` when the MIB
/// has one (then `objp` moves to its children), else as a number (and
/// `objp` is lost for the rest of the OID).
fn obj_print(p: &mut Printer, objp: &mut u16, o: i32, suppress_dot: bool) {
    let mut cur = *objp;
    while let Some(obj) = OBJS.get(usize::from(cur)) {
        if o == i32::from(obj.oid) {
            break;
        }
        cur = obj.next;
    }
    *objp = cur;
    let dot = if suppress_dot { "" } else { "." };
    match OBJS.get(usize::from(cur)) {
        Some(obj) => {
            out!(p, "{dot}{}", obj.desc);
            *objp = obj.child;
        }
        None => out!(p, "{dot}{}", o as u32),
    }
}

/// The prefixes `asn1_print` abbreviates without `-n` (`obj_abrev_list`):
/// their encoded OID, what they print, and their node in the MIB.
const ABBREVS: [(&[u8], &str, u16); 4] = [
    (&[43, 6, 1, 2, 1], "", mib::MIB),
    (&[43, 6, 1, 4, 1], "E:", mib::ENTERPRISES),
    (&[43, 6, 1, 3], "X:", mib::EXPERIMENTAL),
    (&[43, 6, 1, 6, 3], "S:", mib::SNMPMODULES),
];

fn print_oid(p: &mut Printer, d: &[u8], e: &Be) {
    let mut at = e.data;
    let mut i = e.asnlen as usize;
    let mut o: i32 = 0;
    let mut first: i32 = -1;
    let mut objp = NONE;
    let names = p.opts.numeric == 0;
    if names && i > 2 {
        for (oid, prefix, node) in ABBREVS {
            if i < oid.len() {
                continue;
            }
            if d.range(at, oid.len()).is_ok_and(|b| b == oid) {
                objp = OBJS.get(usize::from(node)).map_or(NONE, |n| n.child);
                i -= oid.len();
                at += oid.len();
                p.s(prefix);
                first = 1;
                break;
            }
        }
    }
    // The contents were captured (`asn1_parse` checked them).
    for &c in d.get(at..at + i).unwrap_or_default() {
        o = o.wrapping_shl(7).wrapping_add(i32::from(c & 0x7f));
        if c & 0x80 != 0 {
            continue;
        }
        // The first sub-identifier holds two (X.690 8.19.4).
        if first < 0 {
            if names {
                objp = mib::ROOT;
            }
            first = 0;
            let s = (o / 40).min(2);
            obj_print(p, &mut objp, s, false);
            o = o.wrapping_sub(s.wrapping_mul(40));
        }
        obj_print(p, &mut objp, o, first != 0);
        first = (first - 1).max(0);
        o = 0;
    }
}

/// `asn1_print`; false when it printed a truncation (returned -1).
fn print(p: &mut Printer, d: &[u8], e: &Be) -> bool {
    match e.ty {
        Ty::Octet => return print_octets(p, d, e),
        Ty::Null => {}
        Ty::Oid => print_oid(p, d, e),
        Ty::Int => p.dec(e.integer),
        Ty::Uns => p.dec(e.uns),
        Ty::Uns64 => p.dec(e.uns64),
        Ty::Str => return print_string(p, d, e),
        Ty::Seq => out!(p, "Seq({})", e.asnlen),
        Ty::InetAddr => {
            if e.asnlen != 4 {
                p.s("[inetaddr len!=4]");
            }
            let Ok(b) = d.range(e.data, e.asnlen as usize) else {
                soft_trunc(p);
                return false;
            };
            for (i, c) in b.iter().enumerate() {
                if i == 0 {
                    p.dec(*c);
                } else {
                    out!(p, ".{c}");
                }
            }
        }
        Ty::Exception => {
            let name = EXCEPTIONS
                .get(usize::from(e.id))
                .copied()
                .unwrap_or_default();
            out!(p, "[{name}]");
        }
        Ty::Pdu => {
            let name = CONTEXT.get(usize::from(e.id)).copied().unwrap_or_default();
            out!(p, "{name}({})", e.asnlen);
        }
        Ty::Any => p.s("[BE_ANY!?]"),
    }
    true
}

/// Parses the element at `*np` and checks its type: on a mismatch prints
/// `[what]` and the element, as every caller in tcpdump does. `None`: the
/// caller returns.
fn parse_as(
    p: &mut Printer,
    d: &[u8],
    np: usize,
    length: u32,
    ty: Ty,
    what: &str,
) -> Result<Parsed, Trunc> {
    let Some(e) = parse(p, d, np, length)? else {
        return Ok(None);
    };
    if e.ty != ty {
        out!(p, "[{what}]");
        print(p, d, &e);
        return Ok(None);
    }
    Ok(Some(e))
}

/// `DECODE_ErrorStatus`.
fn error_status(p: &mut Printer, e: i32) {
    match usize::try_from(e).ok().and_then(|i| ERROR_STATUS.get(i)) {
        Some(s) => p.s(s),
        None => out!(p, "err={}", e as u32),
    }
}

/// `varbind_print`.
fn varbind_print(p: &mut Printer, d: &[u8], pduid: u8, mut np: usize, mut length: u32) -> P {
    let Some(e) = parse(p, d, np, length)? else {
        return Ok(());
    };
    if e.ty != Ty::Seq {
        p.s("[!SEQ of varbind]");
        print(p, d, &e);
        return Ok(());
    }
    if e.count < length {
        out!(
            p,
            "[{} extra after SEQ of varbind]",
            (length - e.count) as i32
        );
    }
    length = e.asnlen;
    np = e.data;
    let get = matches!(pduid, GETREQ | GETNEXTREQ | GETBULKREQ);
    while length != 0 {
        p.s(" ");
        let Some(e) = parse_as(p, d, np, length, Ty::Seq, "!varbind")? else {
            return Ok(());
        };
        let vbend = np + e.count as usize;
        let vblength = length - e.count;
        length = e.asnlen;
        np = e.data;
        let Some(name) = parse_as(p, d, np, length, Ty::Oid, "objName!=OID")? else {
            return Ok(());
        };
        if !print(p, d, &name) {
            return Ok(());
        }
        length -= name.count;
        np += name.count as usize;
        if !get {
            p.s("=");
        }
        let Some(v) = parse(p, d, np, length)? else {
            return Ok(());
        };
        if v.ty != Ty::Null {
            if get {
                p.s("[objVal!=NULL]");
            }
            if !print(p, d, &v) {
                return Ok(());
            }
        }
        length = vblength;
        np = vbend;
    }
    Ok(())
}

/// `snmppdu_print`: every PDU but the v1 Trap.
fn snmppdu_print(p: &mut Printer, d: &[u8], pduid: u8, mut np: usize, mut length: u32) -> P {
    let Some(e) = parse_as(p, d, np, length, Ty::Int, "reqId!=INT")? else {
        return Ok(());
    };
    if p.opts.verbose > 0 {
        out!(p, "R={} ", e.integer);
    }
    length -= e.count;
    np += e.count as usize;

    let Some(e) = parse_as(p, d, np, length, Ty::Int, "errorStatus!=INT")? else {
        return Ok(());
    };
    // Requests, notifications and reports carry no error.
    let no_error = matches!(
        pduid,
        GETREQ | GETNEXTREQ | SETREQ | INFORMREQ | V2TRAP | REPORT
    );
    let mut status = 0;
    if no_error && e.integer != 0 {
        p.s("[errorStatus(");
        error_status(p, e.integer);
        p.s(")!=0]");
    } else if pduid == GETBULKREQ {
        out!(p, " N={}", e.integer);
    } else if e.integer != 0 {
        p.s(" ");
        error_status(p, e.integer);
        status = e.integer;
    }
    length -= e.count;
    np += e.count as usize;

    let Some(e) = parse_as(p, d, np, length, Ty::Int, "errorIndex!=INT")? else {
        return Ok(());
    };
    if no_error && e.integer != 0 {
        out!(p, "[errorIndex({})!=0]", e.integer);
    } else if pduid == GETBULKREQ {
        out!(p, " M={}", e.integer);
    } else if e.integer != 0 {
        if status == 0 {
            out!(p, "[errorIndex({}) w/o errorStatus]", e.integer);
        } else {
            out!(p, "@{}", e.integer);
        }
    } else if status != 0 {
        p.s("[errorIndex==0]");
    }
    length -= e.count;
    np += e.count as usize;
    varbind_print(p, d, pduid, np, length)
}

/// `trappdu_print`: SNMPv1's Trap.
fn trappdu_print(p: &mut Printer, d: &[u8], mut np: usize, mut length: u32) -> P {
    p.s(" ");
    let Some(e) = parse_as(p, d, np, length, Ty::Oid, "enterprise!=OID")? else {
        return Ok(());
    };
    if !print(p, d, &e) {
        return Ok(());
    }
    length -= e.count;
    np += e.count as usize;
    p.s(" ");

    let Some(e) = parse_as(p, d, np, length, Ty::InetAddr, "agent-addr!=INETADDR")? else {
        return Ok(());
    };
    if !print(p, d, &e) {
        return Ok(());
    }
    length -= e.count;
    np += e.count as usize;

    let Some(e) = parse_as(p, d, np, length, Ty::Int, "generic-trap!=INT")? else {
        return Ok(());
    };
    let generic = e.integer;
    match usize::try_from(generic)
        .ok()
        .and_then(|i| GENERIC_TRAP.get(i))
    {
        Some(s) => out!(p, " {s}"),
        None => out!(p, " gt={generic}"),
    }
    length -= e.count;
    np += e.count as usize;

    let Some(e) = parse_as(p, d, np, length, Ty::Int, "specific-trap!=INT")? else {
        return Ok(());
    };
    if generic != 6 {
        if e.integer != 0 {
            out!(p, "[specific-trap({})!=0]", e.integer);
        }
    } else {
        out!(p, " s={}", e.integer);
    }
    length -= e.count;
    np += e.count as usize;
    p.s(" ");

    let Some(e) = parse_as(p, d, np, length, Ty::Uns, "time-stamp!=TIMETICKS")? else {
        return Ok(());
    };
    if !print(p, d, &e) {
        return Ok(());
    }
    length -= e.count;
    np += e.count as usize;
    varbind_print(p, d, TRAP, np, length)
}

/// `pdu_print`.
fn pdu_print(p: &mut Printer, d: &[u8], np: usize, length: u32, version: i32) -> P {
    let Some(pdu) = parse(p, d, np, length)? else {
        return Ok(());
    };
    if pdu.ty != Ty::Pdu {
        p.s("[no PDU]");
        return Ok(());
    }
    if pdu.count < length {
        out!(p, "[{} extra after PDU]", (length - pdu.count) as i32);
    }
    let v = p.opts.verbose > 0;
    if v {
        p.s("{ ");
    }
    if !print(p, d, &pdu) {
        return Ok(());
    }
    p.s(" ");
    let (np, length) = (pdu.data, pdu.asnlen);
    if version == SNMP_VERSION_1 && matches!(pdu.id, GETBULKREQ | INFORMREQ | V2TRAP | REPORT) {
        p.s("[v2 PDU in v1 message]");
        return Ok(());
    }
    if version == SNMP_VERSION_2 && pdu.id == TRAP {
        p.s("[v1 PDU in v2 message]");
        return Ok(());
    }
    if pdu.id == TRAP {
        trappdu_print(p, d, np, length)?;
    } else {
        snmppdu_print(p, d, pdu.id, np, length)?;
    }
    if v {
        p.s(" } ");
    }
    Ok(())
}

/// `scopedpdu_print`: SNMPv3's context engine and name, then the PDU.
fn scopedpdu_print(p: &mut Printer, d: &[u8], np: usize, length: u32, version: i32) -> P {
    let Some(e) = parse_as(p, d, np, length, Ty::Seq, "!scoped PDU")? else {
        return Ok(());
    };
    let (mut np, mut length) = (e.data, e.asnlen);

    let Some(e) = parse_as(p, d, np, length, Ty::Str, "contextEngineID!=STR")? else {
        return Ok(());
    };
    length -= e.count;
    np += e.count as usize;
    p.s("E=");
    if !print_octets(p, d, &e) {
        return Ok(());
    }
    p.s(" ");

    let Some(e) = parse_as(p, d, np, length, Ty::Str, "contextName!=STR")? else {
        return Ok(());
    };
    length -= e.count;
    np += e.count as usize;
    p.s("C=");
    if !print_string(p, d, &e) {
        return Ok(());
    }
    p.s(" ");
    pdu_print(p, d, np, length, version)
}

/// `community_print`: v1 and v2c's community (unless "public"), then the
/// PDU.
fn community_print(p: &mut Printer, d: &[u8], np: usize, length: u32, version: i32) -> P {
    let Some(e) = parse_as(p, d, np, length, Ty::Str, "comm!=STR")? else {
        return Ok(());
    };
    if d.range(e.data, e.asnlen as usize) != Ok(b"public".as_slice()) {
        p.s("C=");
        if !print_string(p, d, &e) {
            return Ok(());
        }
        p.s(" ");
    }
    pdu_print(p, d, np + e.count as usize, length - e.count, version)
}

/// `usm_print`: the User-based Security Model's parameters (RFC 3414).
fn usm_print(p: &mut Printer, d: &[u8], np: usize, length: u32) -> P {
    let Some(e) = parse_as(p, d, np, length, Ty::Seq, "!usm")? else {
        return Ok(());
    };
    let (mut np, mut length) = (e.data, e.asnlen);
    let v = p.opts.verbose > 0;

    let Some(e) = parse_as(p, d, np, length, Ty::Str, "msgAuthoritativeEngineID!=STR")? else {
        return Ok(());
    };
    length -= e.count;
    np += e.count as usize;

    let Some(e) = parse_as(
        p,
        d,
        np,
        length,
        Ty::Int,
        "msgAuthoritativeEngineBoots!=INT",
    )?
    else {
        return Ok(());
    };
    if v {
        out!(p, "B={} ", e.integer);
    }
    length -= e.count;
    np += e.count as usize;

    let Some(e) = parse_as(p, d, np, length, Ty::Int, "msgAuthoritativeEngineTime!=INT")? else {
        return Ok(());
    };
    if v {
        out!(p, "T={} ", e.integer);
    }
    length -= e.count;
    np += e.count as usize;

    let Some(e) = parse_as(p, d, np, length, Ty::Str, "msgUserName!=STR")? else {
        return Ok(());
    };
    length -= e.count;
    np += e.count as usize;
    p.s("U=");
    if !print_string(p, d, &e) {
        return Ok(());
    }
    p.s(" ");

    let Some(e) = parse_as(
        p,
        d,
        np,
        length,
        Ty::Str,
        "msgAuthenticationParameters!=STR",
    )?
    else {
        return Ok(());
    };
    length -= e.count;
    np += e.count as usize;

    let Some(e) = parse_as(p, d, np, length, Ty::Str, "msgPrivacyParameters!=STR")? else {
        return Ok(());
    };
    length -= e.count;
    // tcpdump compares the last element's size with what is left after it.
    if e.count < length {
        out!(p, "[{} extra after usm SEQ]", (length - e.count) as i32);
    }
    Ok(())
}

/// `v3msg_print`: SNMPv3's header, security parameters and scoped PDU.
fn v3msg_print(p: &mut Printer, d: &[u8], xnp: usize, xlength: u32) -> P {
    let Some(e) = parse_as(p, d, xnp, xlength, Ty::Seq, "!message")? else {
        return Ok(());
    };
    let (mut np, mut length) = (e.data, e.asnlen);
    let v = p.opts.verbose > 0;
    if v {
        p.s("{ ");
    }

    let Some(e) = parse_as(p, d, np, length, Ty::Int, "msgID!=INT")? else {
        return Ok(());
    };
    length -= e.count;
    np += e.count as usize;

    let Some(e) = parse_as(p, d, np, length, Ty::Int, "msgMaxSize!=INT")? else {
        return Ok(());
    };
    length -= e.count;
    np += e.count as usize;

    let Some(e) = parse_as(p, d, np, length, Ty::Str, "msgFlags!=STR")? else {
        return Ok(());
    };
    if e.asnlen != 1 {
        out!(p, "[msgFlags size {}]", e.asnlen as i32);
        return Ok(());
    }
    let flags = d.u8_at(e.data)?;
    if !matches!(flags, 0x00 | 0x01 | 0x03 | 0x04 | 0x05 | 0x07) {
        out!(p, "[msgFlags=0x{flags:02X}]");
        return Ok(());
    }
    length -= e.count;
    np += e.count as usize;
    out!(
        p,
        "F={}{}{} ",
        if flags & 1 != 0 { "a" } else { "" },
        if flags & 2 != 0 { "p" } else { "" },
        if flags & 4 != 0 { "r" } else { "" }
    );

    let Some(e) = parse_as(p, d, np, length, Ty::Int, "msgSecurityModel!=INT")? else {
        return Ok(());
    };
    let model = e.integer;
    length -= e.count;
    np += e.count as usize;
    if e.count < length {
        out!(p, "[{} extra after message SEQ]", (length - e.count) as i32);
    }
    if v {
        p.s("} ");
    }
    if model == 3 {
        if v {
            p.s("{ USM ");
        }
    } else {
        out!(p, "[security model {model}]");
        return Ok(());
    }

    // On from the end of the last header field, within the whole message.
    let mut length = xlength.wrapping_sub((np - xnp) as u32);
    let Some(e) = parse_as(p, d, np, length, Ty::Str, "msgSecurityParameters!=STR")? else {
        return Ok(());
    };
    length -= e.count;
    np += e.count as usize;
    usm_print(p, d, e.data, e.asnlen)?;
    if v {
        p.s("} ");
        p.s("{ ScopedPDU ");
    }
    scopedpdu_print(p, d, np, length, 3)?;
    if v {
        p.s("} ");
    }
    Ok(())
}

/// `snmp_print`; `length` is the UDP payload's length.
pub(super) fn snmp_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "snmp";
    p.s(" ");
    let length = length as u32;
    let Some(e) = parse_as(p, d, 0, length, Ty::Seq, "!init SEQ")? else {
        return Ok(());
    };
    if e.count < length {
        out!(p, "[{} extra after iSEQ]", (length - e.count) as i32);
    }
    let (np, length) = (e.data, e.asnlen);
    let Some(e) = parse_as(p, d, np, length, Ty::Int, "version!=INT")? else {
        return Ok(());
    };
    let version = e.integer;
    let name = match version {
        SNMP_VERSION_1 => "SNMPv1",
        SNMP_VERSION_2 => "SNMPv2c",
        SNMP_VERSION_3 => "SNMPv3",
        _ => {
            out!(p, "SNMP [version = {version}]");
            return Ok(());
        }
    };
    let v = p.opts.verbose > 0;
    if v {
        out!(p, "{{ {name} ");
    }
    let (np, length) = (np + e.count as usize, length - e.count);
    if version == SNMP_VERSION_3 {
        v3msg_print(p, d, np, length)?;
    } else {
        community_print(p, d, np, length, version)?;
    }
    if v {
        p.s("} ");
    }
    Ok(())
}
