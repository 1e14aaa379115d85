//! AppleTalk as tcpdump 4.99's `print-atalk.c` prints it: DDP (from
//! Ethernet type 0x809b, SNAP with Apple's OUI, BSD loopback, ARCNET and
//! GRE) with its NBP lookups and replies, ATP requests, responses and
//! releases, EIGRP, and the type's name for the rest (RTMP, ZIP, echo...);
//! AARP (Ethernet type 0x80f3); LocalTalk's LLAP header (DLT_LTALK, and
//! Kinetics KIP on UDP ports 200, 768 and 16512 onwards).
//!
//! Addresses are always numeric: tcpdump's `ataddr_string` means to read
//! `/etc/atalk.names` without `-n`, but its `if (!first)` test (with
//! `first` starting at 1) never lets it open the file.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, chars, out};
use crate::decode::Bytes;

/// LLAP's header: destination node, source node, type.
const LAP_SIZE: usize = 3;
/// `lapShortDDP`, `lapDDP`.
const LAP_SHORT_DDP: u8 = 1;
const LAP_DDP: u8 = 2;
/// `ddpSize`, `ddpSSize`.
const DDP_SIZE: usize = 13;
const DDP_SSIZE: usize = 5;
/// `ddpNBP`, `ddpATP`, `ddpEIGRP`.
const DDP_NBP: u8 = 2;
const DDP_ATP: u8 = 3;
const DDP_EIGRP: u8 = 88;
/// The AARP packet's size (`struct aarp`).
const AARP_SIZE: usize = 28;
/// ATP's header size (`struct atATP`).
const ATP_SIZE: usize = 8;
/// NBP's header and tuple sizes.
const NBP_HEADER_SIZE: usize = 2;
const NBP_TUPLE_SIZE: usize = 5;

/// `atalk_port`: the UDP ports on which `udp_print` looks for KIP's LLAP.
pub(super) fn atalk_port(port: u16) -> bool {
    port.wrapping_sub(16512) < 128 || port.wrapping_sub(200) < 128 || port.wrapping_sub(768) < 128
}

/// `ltalk_if_print` (DLT_LTALK): the link-layer header is LLAP's and
/// DDP's, or the whole capture when the snapshot cut them.
pub(super) fn ltalk_if_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "ltalk";
    let hdrlen = llap_print(p, d, length)?;
    p.cur.ll_hdr_len += if hdrlen == 0 { d.len() } else { hdrlen };
    Ok(())
}

/// `llap_print`: the LLAP header, then short or long DDP; returns the
/// headers' length, 0 when the snapshot cut them.
pub(super) fn llap_print(
    p: &mut Printer,
    d: &[u8],
    length: usize,
) -> Result<usize, crate::decode::Trunc> {
    p.cur.protocol = "llap";
    if length < LAP_SIZE {
        out!(p, " [|llap {length}]");
        return Ok(length);
    }
    if !d.has(0, LAP_SIZE) {
        p.trunc();
        return Ok(0);
    }
    let (dst, src, ty) = (d.u8_at(0)?, d.u8_at(1)?, d.u8_at(2)?);
    let length = length - LAP_SIZE;
    let bp = d.get(LAP_SIZE..).unwrap_or(&[]);
    match ty {
        LAP_SHORT_DDP => {
            if length < DDP_SSIZE {
                out!(p, " [|sddp {length}]");
                return Ok(length);
            }
            if !bp.has(0, DDP_SSIZE) {
                p.s(" [|sddp]");
                return Ok(0);
            }
            let (dskt, sskt, t) = (bp.u8_at(2)?, bp.u8_at(3)?, bp.u8_at(4)?);
            ataddr(p, 0, src);
            p.s(".");
            skt_name(p, sskt);
            p.s(" > ");
            ataddr(p, 0, dst);
            p.s(".");
            skt_name(p, dskt);
            p.s(":");
            let rest = bp.get(DDP_SSIZE..).unwrap_or(&[]);
            ddp_print(p, rest, length - DDP_SSIZE, t, 0, src, sskt)?;
            Ok(LAP_SIZE + DDP_SSIZE)
        }
        LAP_DDP => {
            if length < DDP_SIZE {
                out!(p, " [|ddp {length}]");
                return Ok(length);
            }
            if !bp.has(0, DDP_SIZE) {
                p.s(" [|ddp]");
                return Ok(0);
            }
            ddp_header(p, bp, ":", length - DDP_SIZE)?;
            Ok(LAP_SIZE + DDP_SIZE)
        }
        _ => {
            out!(p, "{src} > {dst} at-lap#{ty} {length}");
            Ok(LAP_SIZE)
        }
    }
}

/// `atalk_print`: DDP on EtherTalk and the like.
pub(super) fn atalk_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "atalk";
    if !p.opts.link_header {
        p.s("AT ");
    }
    if length < DDP_SIZE {
        out!(p, " [|ddp {length}]");
        return Ok(());
    }
    if !d.has(0, DDP_SIZE) {
        p.s(" [|ddp]");
        return Ok(());
    }
    ddp_header(p, d, ": ", length - DDP_SIZE)
}

/// The long DDP header's addresses (`d` holds all of it), `sep` after
/// them, then the payload.
fn ddp_header(p: &mut Printer, d: &[u8], sep: &str, length: usize) -> P {
    let snet = d.be16(6)?;
    let (snode, sskt) = (d.u8_at(9)?, d.u8_at(11)?);
    ataddr(p, snet, snode);
    p.s(".");
    skt_name(p, sskt);
    let (dnet, dnode, dskt) = (d.be16(4)?, d.u8_at(8)?, d.u8_at(10)?);
    p.s(" > ");
    ataddr(p, dnet, dnode);
    p.s(".");
    skt_name(p, dskt);
    p.s(sep);
    let t = d.u8_at(12)?;
    let rest = d.get(DDP_SIZE..).unwrap_or(&[]);
    ddp_print(p, rest, length, t, snet, snode, sskt)
}

/// `aarp_print`.
pub(super) fn aarp_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "aarp";
    p.s("aarp ");
    if !d.has(0, AARP_SIZE) {
        p.trunc();
        return Ok(());
    }
    if length < AARP_SIZE {
        out!(p, " [|aarp {length}]");
        return Ok(());
    }
    let (htype, ptype, halen, palen) = (d.be16(0)?, d.be16(2)?, d.u8_at(4)?, d.u8_at(5)?);
    let op = d.be16(6)?;
    // `AT(member)`: the 4-byte protocol address's last three bytes.
    let at = |p: &mut Printer, off: usize| -> P {
        let (net, node) = (d.be16(off + 1)?, d.u8_at(off + 3)?);
        ataddr(p, net, node);
        Ok(())
    };
    if htype == 1 && ptype == 0x809b && halen == 6 && palen == 4 {
        match op {
            1 | 3 => {
                p.s(if op == 1 { "who-has " } else { "probe " });
                at(p, 24)?;
                p.s(" tell ");
                at(p, 14)?;
                return Ok(());
            }
            2 => {
                p.s("reply ");
                at(p, 14)?;
                p.s(" is-at ");
                p.etheraddr(d.range(8, 6)?);
                return Ok(());
            }
            _ => {}
        }
    }
    // `%#x`: no 0x for zero.
    let pt = if ptype == 0 {
        "0".to_string()
    } else {
        format!("{ptype:#x}")
    };
    out!(
        p,
        "len {length} op {op} htype {htype} ptype {pt} halen {halen} palen {palen}"
    );
    Ok(())
}

/// `ddp_print`: DDP's payload by its type.
fn ddp_print(p: &mut Printer, d: &[u8], length: usize, t: u8, snet: u16, snode: u8, skt: u8) -> P {
    match t {
        DDP_NBP => nbp_print(p, d, length, snet, snode, skt),
        DDP_ATP => atp_print(p, d, length),
        DDP_EIGRP => super::eigrp::eigrp_print(p, d, length),
        _ => {
            p.s(" at-");
            match type_name(t) {
                Some(n) => p.s(n),
                None => out!(p, "#{t}"),
            }
            out!(p, " {length}");
            Ok(())
        }
    }
}

/// `type2str`.
fn type_name(t: u8) -> Option<&'static str> {
    Some(match t {
        1 => "rtmp",
        5 => "rtmpReq",
        4 => "echo",
        22 => "IP",
        23 => "ARP",
        0x4b => "KLAP",
        _ => return None,
    })
}

/// `atp_print`.
fn atp_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    if !d.has(0, ATP_SIZE) {
        p.trunc();
        return Ok(());
    }
    if length < ATP_SIZE {
        out!(p, " [|atp {length}]");
        return Ok(());
    }
    let length = length - ATP_SIZE;
    let control = d.u8_at(0)?;
    let (bitmap, tid) = (d.u8_at(1)?, d.be16(2)?);
    const XO: u8 = 0x20;
    const EOM: u8 = 0x10;
    const STS: u8 = 0x08;
    match control & 0xc0 {
        0x40 => {
            out!(
                p,
                " atp-req{} {tid}",
                if control & XO != 0 { " " } else { "*" }
            );
            bitmap_print(p, bitmap);
            if length != 0 {
                out!(p, " [len={length}]");
            }
            match control & (EOM | STS) {
                EOM => p.s(" [EOM]"),
                STS => p.s(" [STS]"),
                0x18 => p.s(" [EOM,STS]"),
                _ => {}
            }
        }
        0x80 => {
            out!(
                p,
                " atp-resp{}{tid}:{bitmap} ({length})",
                if control & EOM != 0 { "*" } else { " " }
            );
            match control & (XO | STS) {
                XO => p.s(" [XO]"),
                STS => p.s(" [STS]"),
                0x28 => p.s(" [XO,STS]"),
                _ => {}
            }
        }
        0xc0 => {
            out!(p, " atp-rel  {tid}");
            bitmap_print(p, bitmap);
            if length != 0 {
                out!(p, " [len={length}]");
            }
            if control & (XO | EOM | STS) != 0 {
                let flags = [(XO, "XO"), (EOM, "EOM"), (STS, "STS")];
                let mut c = '[';
                for (bit, name) in flags {
                    if control & bit != 0 {
                        out!(p, "{c}{name}");
                        c = ',';
                    }
                }
                p.s("]");
            }
        }
        _ => out!(p, " atp-0x{control:x}  {tid} ({length})"),
    }
    let data = d.be32(4)?;
    if data != 0 {
        out!(p, " 0x{data:x}");
    }
    Ok(())
}

/// `atp_bitmap_print`: a run of bits from 0 as a range, others as a list.
fn bitmap_print(p: &mut Printer, bm: u8) {
    let wide = u16::from(bm);
    if (wide + 1) & wide != 0 {
        let mut c = '<';
        for i in 0..8 {
            if bm & (1 << i) != 0 {
                out!(p, "{c}{i}");
                c = ',';
            }
        }
        p.s(">");
    } else {
        let i = 8 - bm.leading_zeros();
        if i > 1 {
            out!(p, "<0-{}>", i - 1);
        } else {
            p.s("<0>");
        }
    }
}

/// `nbp_print`. `d` holds the NBP packet to the end of the capture
/// (tcpdump's `ep`, the snapshot's end).
fn nbp_print(p: &mut Printer, d: &[u8], length: usize, snet: u16, snode: u8, skt: u8) -> P {
    // The header and room for at least one tuple.
    if length < NBP_HEADER_SIZE + 8 {
        out!(p, " truncated-nbp {length}");
        return Ok(());
    }
    let length = length - NBP_HEADER_SIZE;
    if d.len() < NBP_HEADER_SIZE {
        p.trunc();
        return Ok(());
    }
    let control = d.u8_at(0)?;
    let tp = NBP_HEADER_SIZE;
    match control & 0xf0 {
        0x10 | 0x20 => {
            let id = d.u8_at(1)?;
            let kind = if control & 0xf0 == 0x20 {
                "lkup"
            } else {
                "brRq"
            };
            out!(p, " nbp-{kind} {id}:");
            if !d.has(tp, NBP_TUPLE_SIZE) {
                p.trunc();
                return Ok(());
            }
            name_print(p, d, tp);
            // The spec's single tuple, with the source's address and a
            // zero enumerator: anything else is flagged.
            if control & 0xf != 1 {
                out!(p, " [ntup={}]", control & 0xf);
            }
            let en = d.u8_at(tp + 4)?;
            if en != 0 {
                out!(p, " [enum={en}]");
            }
            let (net, node, tskt) = (d.be16(tp)?, d.u8_at(tp + 2)?, d.u8_at(tp + 3)?);
            if net != snet || node != snode || tskt != skt {
                p.s(" [addr=");
                ataddr(p, net, node);
                out!(p, ".{tskt}]");
            }
        }
        0x30 => {
            out!(p, " nbp-reply {}:", d.u8_at(1)?);
            let mut tp = Some(tp);
            let mut i = control & 0xf;
            while i != 0 {
                let Some(at) = tp else { break };
                tp = tuple_print(p, d, at, snet, snode, skt)?;
                i -= 1;
            }
        }
        _ => out!(p, " nbp-0x{control:x}  {} ({length})", d.u8_at(1)?),
    }
    Ok(())
}

/// `nbp_tuple_print`: one reply tuple at `tp`; the next one's offset.
fn tuple_print(
    p: &mut Printer,
    d: &[u8],
    tp: usize,
    snet: u16,
    snode: u8,
    skt: u8,
) -> Result<Option<usize>, crate::decode::Trunc> {
    if !d.has(tp, NBP_TUPLE_SIZE) {
        p.trunc();
        return Ok(None);
    }
    let next = name_print(p, d, tp);
    let en = d.u8_at(tp + 4)?;
    if en != 1 {
        out!(p, "({en})");
    }
    let tskt = d.u8_at(tp + 3)?;
    if tskt != skt {
        out!(p, " {tskt}");
    }
    let (net, node) = (d.be16(tp)?, d.u8_at(tp + 2)?);
    if net != snet || node != snode {
        p.s(" [addr=");
        ataddr(p, net, node);
        p.s("]");
    }
    Ok(next)
}

/// `nbp_name_print`: the tuple's object, type and zone; the offset after
/// them, `None` when one was cut or too long.
fn name_print(p: &mut Printer, d: &[u8], tp: usize) -> Option<usize> {
    p.s(" \"");
    let cp = cstring(p, d, tp + NBP_TUPLE_SIZE)?;
    p.s(":");
    let cp = cstring(p, d, cp)?;
    p.s("@");
    let cp = cstring(p, d, cp)?;
    p.s("\"");
    Some(cp)
}

/// `print_cstring`: a counted string of at most 32 bytes; a byte past the
/// capture ends it with ` [|proto]`, and the caller goes on.
fn cstring(p: &mut Printer, d: &[u8], cp: usize) -> Option<usize> {
    let Ok(len) = d.u8_at(cp) else {
        p.trunc();
        return None;
    };
    if len > 32 {
        out!(p, "[len={len}]");
        return None;
    }
    let mut at = cp + 1;
    for _ in 0..len {
        let Ok(c) = d.u8_at(at) else {
            p.trunc();
            return None;
        };
        chars::print_char(p, c);
        at += 1;
    }
    Some(at)
}

/// `ataddr_string`: `net.node`, or the net alone for node 255.
fn ataddr(p: &mut Printer, net: u16, node: u8) {
    if node == 255 {
        out!(p, "{net}");
    } else {
        out!(p, "{net}.{node}");
    }
}

/// `ddpskt_string`: the well-known sockets' names without `-n`.
fn skt_name(p: &mut Printer, skt: u8) {
    let name = match skt {
        _ if p.opts.numeric > 0 => None,
        1 => Some("rtmp"),
        2 => Some("nis"),
        4 => Some("echo"),
        6 => Some("zip"),
        _ => None,
    };
    match name {
        Some(n) => p.s(n),
        None => out!(p, "{skt}"),
    }
}
