//! SCTP (`print-sctp.c`): addresses and ports, then one `[TYPE]` per chunk
//! with the fields tcpdump decodes for DATA, INIT, INIT ACK and SACK. With
//! `-vv` each chunk starts a line and DATA's payload is dumped.
//! Not reproduced: tcpdump's ForCES printer (ports 6704–6706 or ForCES
//! PPIDs: the `[ForCES …]` tag is printed, the payload is not decoded) and
//! its M3UA printer at `-vv` (dumped as any other payload).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::ip::Datagram;
use super::{P, Printer, out};
use crate::decode::sctp::{self, SctpChunkView, SctpDataView, SctpInitView, SctpSackView};
use crate::decode::udp::SctpView;
use crate::decode::{Bytes, IpAddrs};

/// `sctp_chunkid_str`.
fn chunk_name(id: u8) -> Option<&'static str> {
    Some(match id {
        0x00 => "DATA",
        0x01 => "INIT",
        0x02 => "INIT ACK",
        0x03 => "SACK",
        0x04 => "HB REQ",
        0x05 => "HB ACK",
        0x06 => "ABORT",
        0x07 => "SHUTDOWN",
        0x08 => "SHUTDOWN ACK",
        0x09 => "OP ERR",
        0x0a => "COOKIE ECHO",
        0x0b => "COOKIE ACK",
        0x0c => "ECN ECHO",
        0x0d => "ECN CWR",
        0x0e => "SHUTDOWN COMPLETE",
        0xc0 => "FOR CUM TSN",
        0xc1 => "REL CTRL",
        0xc2 => "REL CTRL ACK",
        _ => return None,
    })
}

/// `PayloadProto_idents`.
fn ppid_name(ppid: u32) -> Option<&'static str> {
    Some(match ppid {
        1 => "ISDN Q.921",
        2 => "M2UA",
        3 => "M3UA",
        4 => "SUA",
        5 => "M2PA",
        6 => "V5.2",
        7 => "H.248",
        8 => "BICC",
        9 => "TALI",
        10 => "DUA",
        11 => "ASAP",
        12 => "ENRP",
        13 => "H.323",
        14 => "Q.IPC",
        15 => "SIMCO",
        16 => "DDPSC",
        17 => "DDPSSC",
        18 => "S1AP",
        19 => "RUA",
        20 => "HNBAP",
        21 => "ForCES HP",
        22 => "ForCES MP",
        23 => "ForCES LP",
        24 => "SBc-AP",
        25 => "NBAP",
        27 => "X2AP",
        _ => return None,
    })
}

/// `ForCES_channels` (`isForCES_port`).
fn forces_channel(port: u16) -> Option<&'static str> {
    match port {
        6704 => Some("ForCES HP"),
        6705 => Some("ForCES MP"),
        6706 => Some("ForCES LP"),
        _ => None,
    }
}

/// `src.port > dst.port: ` with numeric ports, as `sctp_print` and
/// `dccp_print` write them from the IP header they were handed.
pub(super) fn addrs_ports(p: &mut Printer, ip: IpAddrs<'_>, sport: u16, dport: u16) {
    match ip {
        IpAddrs::V4 { src, .. } => p.ip4(src),
        IpAddrs::V6 { src, .. } => p.ip6(src),
    }
    p.s(".");
    p.dec(sport);
    p.s(" > ");
    match ip {
        IpAddrs::V4 { dst, .. } => p.ip4(dst),
        IpAddrs::V6 { dst, .. } => p.ip6(dst),
    }
    p.s(".");
    p.dec(dport);
    p.s(": ");
}

/// `sctp_print`. `length` is the IP payload length. tcpdump's remaining
/// counts are unsigned C integers that a chunk longer than the datagram
/// wraps; the wrapping arithmetic here keeps its output (the walk then ends
/// at the capture's end, ` [|sctp]`).
pub(super) fn sctp_print(p: &mut Printer, data: &[u8], length: usize, dgram: Datagram<'_>) -> P {
    p.cur.protocol = "sctp";
    if length < SctpView::HEADER_LEN {
        out!(
            p,
            "truncated-sctp - {} bytes missing!",
            SctpView::HEADER_LEN - length
        );
        return Ok(());
    }
    let Ok(h) = SctpView::new_checked(data) else {
        return Err(p.soft_trunc());
    };
    let (sport, dport) = (h.src_port(), h.dst_port());
    addrs_ports(p, dgram.addrs, sport, dport);
    p.s("sctp");
    let mut forces = false;
    for port in [sport, dport] {
        if let Some(c) = forces_channel(port) {
            out!(p, "[{c}]");
            forces = true;
        }
    }
    let v2 = p.opts.verbose >= 2;
    let mut bp = SctpView::HEADER_LEN;
    let mut rem = (length as u32).wrapping_sub(SctpView::HEADER_LEN as u32);
    let mut sep = if v2 { "\n\t" } else { " (" };
    let mut count: u32 = 0;
    while rem != 0 {
        let n = count + 1;
        if rem < 4 {
            out!(p, "{sep}{n}) [chunk descriptor cut off at end of packet]");
            break;
        }
        let Ok(ch) = SctpChunkView::new_checked(data.from(bp).unwrap_or_default()) else {
            return Err(p.soft_trunc());
        };
        let clen = ch.length();
        if clen < 4 {
            out!(
                p,
                "{sep}{n}) [Bad chunk length {clen}, < size of chunk descriptor]"
            );
            break;
        }
        let align = match clen % 4 {
            0 => 0,
            r => 4 - r,
        };
        if rem < u32::from(align) {
            out!(
                p,
                "{sep}{n}) [Bad chunk length {clen}, > remaining data in packet]"
            );
            break;
        }
        if !data.has(bp, usize::from(clen)) {
            return Err(p.soft_trunc());
        }
        bp += 4;
        rem = rem.wrapping_sub(4);
        let mut crem: u16 = clen - 4;
        out!(p, "{sep}{n}) ");
        let id = ch.kind();
        match chunk_name(id) {
            Some(s) => out!(p, "[{s}] "),
            None => out!(p, "[Unknown chunk type: 0x{id:x}] "),
        }
        let body = data.from(bp)?;
        match id {
            sctp::DATA => {
                let flags = ch.flags();
                let u = flags & sctp::DATA_UNORDERED != 0;
                let b = flags & sctp::DATA_FIRST_FRAG != 0;
                let e = flags & sctp::DATA_LAST_FRAG != 0;
                if u {
                    p.s("(U)");
                }
                if b {
                    p.s("(B)");
                }
                if e {
                    p.s("(E)");
                }
                if u || b || e {
                    p.s(" ");
                }
                if usize::from(crem) < SctpDataView::HEADER_LEN {
                    out!(p, "bogus chunk length {clen}]");
                    return Ok(());
                }
                let d = SctpDataView::new_checked(body)?;
                let ppid = d.ppid();
                out!(p, "[TSN: {}] ", d.tsn());
                out!(p, "[SID: {}] ", d.stream_id());
                out!(p, "[SSEQ {}] ", d.stream_seq());
                match ppid_name(ppid) {
                    Some(s) => out!(p, "[PPID {s}] "),
                    None => out!(p, "[PPID 0x{ppid:x}] "),
                }
                forces |= matches!(ppid, 21..=23);
                bp += SctpDataView::HEADER_LEN;
                rem = rem.wrapping_sub(SctpDataView::HEADER_LEN as u32);
                crem -= SctpDataView::HEADER_LEN as u16;
                let payload = crem;
                if payload == 0 {
                    out!(p, "bogus chunk length {clen}]");
                    return Ok(());
                }
                if !forces && v2 {
                    p.s("[Payload");
                    if !p.opts.suppress_default_print() {
                        p.s(":");
                        let pl = data.from(bp)?.cap(usize::from(payload));
                        super::hex::default_print(p, pl)?;
                    }
                    p.s("]");
                }
                bp += usize::from(payload);
                rem = rem.wrapping_sub(u32::from(payload));
                crem = 0;
            }
            sctp::INIT | sctp::INIT_ACK => {
                if usize::from(crem) < SctpInitView::HEADER_LEN {
                    out!(p, "bogus chunk length {clen}]");
                    return Ok(());
                }
                let i = SctpInitView::new_checked(body)?;
                out!(p, "[init tag: {}] ", i.init_tag());
                out!(p, "[rwnd: {}] ", i.rwnd());
                out!(p, "[OS: {}] ", i.out_streams());
                out!(p, "[MIS: {}] ", i.in_streams());
                out!(p, "[init TSN: {}] ", i.init_tsn());
                // The optional parameters are skipped, as tcpdump does.
                bp += usize::from(crem);
                rem = rem.wrapping_sub(u32::from(crem));
                crem = 0;
            }
            sctp::SACK => {
                if usize::from(crem) < SctpSackView::HEADER_LEN {
                    out!(p, "bogus chunk length {clen}]");
                    return Ok(());
                }
                let s = SctpSackView::new_checked(body)?;
                let cum = s.cum_ack();
                out!(p, "[cum ack {cum}] ");
                out!(p, "[a_rwnd {}] ", s.a_rwnd());
                out!(p, "[#gap acks {}] ", s.gap_blocks());
                out!(p, "[#dup tsns {}] ", s.dup_tsns());
                bp += SctpSackView::HEADER_LEN;
                rem = rem.wrapping_sub(SctpSackView::HEADER_LEN as u32);
                crem -= SctpSackView::HEADER_LEN as u16;
                let mut i: u16 = 0;
                while crem != 0 && i < s.gap_blocks() {
                    if crem < 4 {
                        out!(p, "bogus chunk length {clen}]");
                        return Ok(());
                    }
                    let start = cum.wrapping_add(u32::from(data.be16(bp)?));
                    let end = cum.wrapping_add(u32::from(data.be16(bp + 2)?));
                    out!(
                        p,
                        "\n\t\t[gap ack block #{}: start = {start}, end = {end}] ",
                        i + 1
                    );
                    bp += 4;
                    rem = rem.wrapping_sub(4);
                    crem -= 4;
                    i += 1;
                }
                let mut i: u16 = 0;
                while crem != 0 && i < s.dup_tsns() {
                    if crem < 4 {
                        out!(p, "bogus chunk length {clen}]");
                        return Ok(());
                    }
                    out!(p, "\n\t\t[dup TSN #{}: {}] ", i + 1, data.be32(bp)?);
                    bp += 4;
                    rem = rem.wrapping_sub(4);
                    crem -= 4;
                    i += 1;
                }
            }
            _ => {
                bp += usize::from(crem);
                rem = rem.wrapping_sub(u32::from(crem));
                crem = 0;
            }
        }
        // Anything left at the end of the chunk is skipped.
        bp += usize::from(crem);
        rem = rem.wrapping_sub(u32::from(crem));
        if !v2 {
            sep = ", (";
        }
        if align != 0 {
            if !data.has(bp, usize::from(align)) {
                return Err(p.soft_trunc());
            }
            bp += usize::from(align);
            rem = rem.wrapping_sub(u32::from(align));
        }
        count += 1;
    }
    Ok(())
}
