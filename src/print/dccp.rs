//! DCCP (`print-dccp.c`): addresses and ports, `DCCP`, the packet type with
//! its service code, reset code and acknowledgement; `-v` adds CCVal, CsCov
//! and the checksum, `-vv` the sequence number and the options.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::ip::Datagram;
use super::{P, Printer, out};
use crate::decode::dccp::{self, DccpView};
use crate::decode::{Bytes, Trunc, cksum};

/// `dccp_pkt_type_str`.
fn type_name(t: u8) -> Option<&'static str> {
    Some(match t {
        dccp::REQUEST => "DCCP-Request",
        dccp::RESPONSE => "DCCP-Response",
        dccp::DATA => "DCCP-Data",
        dccp::ACK => "DCCP-Ack",
        dccp::DATAACK => "DCCP-DataAck",
        dccp::CLOSEREQ => "DCCP-CloseReq",
        dccp::CLOSE => "DCCP-Close",
        dccp::RESET => "DCCP-Reset",
        dccp::SYNC => "DCCP-Sync",
        dccp::SYNCACK => "DCCP-SyncAck",
        _ => return None,
    })
}

/// `dccp_reset_codes`.
const RESET_CODES: [&str; 12] = [
    "unspecified",
    "closed",
    "aborted",
    "no_connection",
    "packet_error",
    "option_error",
    "mandatory_error",
    "connection_refused",
    "bad_service_code",
    "too_busy",
    "bad_init_cookie",
    "aggression_penalty",
];

/// `dccp_feature_nums`.
const FEATURES: [&str; 10] = [
    "reserved",
    "ccid",
    "allow_short_seqno",
    "sequence_window",
    "ecn_incapable",
    "ack_ratio",
    "send_ack_vector",
    "send_ndp_count",
    "minimum checksum coverage",
    "check data checksum",
];

/// `dccp_option_values`.
fn option_name(o: u8) -> Option<&'static str> {
    Some(match o {
        0 => "nop",
        1 => "mandatory",
        2 => "slowreceiver",
        32 => "change_l",
        33 => "confirm_l",
        34 => "change_r",
        35 => "confirm_r",
        36 => "initcookie",
        37 => "ndp_count",
        38 => "ack_vector0",
        39 => "ack_vector1",
        40 => "data_dropped",
        41 => "timestamp",
        42 => "timestamp_echo",
        43 => "elapsed_time",
        44 => "data_checksum",
        _ => return None,
    })
}

fn put_option_name(p: &mut Printer, o: u8) {
    match option_name(o) {
        Some(s) => p.s(s),
        None => out!(p, "Option {o}"),
    }
}

/// `dccp_print`. `length` is the IP payload length.
pub(super) fn dccp_print(p: &mut Printer, data: &[u8], length: usize, dgram: Datagram<'_>) -> P {
    p.cur.protocol = "dccp";
    let Ok(dh) = DccpView::new_checked(data) else {
        return Err(p.soft_trunc());
    };
    let len = length as u32;
    if length < DccpView::HEADER_LEN {
        out!(
            p,
            "truncated-dccp - {} bytes missing!",
            DccpView::HEADER_LEN - length
        );
        return Ok(());
    }
    let mut fixed = dh.basic_len() as u32;
    if len < fixed {
        out!(p, "truncated-dccp - {} bytes missing!", fixed - len);
        return Ok(());
    }
    if !data.has(0, fixed as usize) {
        return Err(p.soft_trunc());
    }
    let mut hlen = u32::from(dh.doff()) * 4;
    super::sctp::addrs_ports(p, dgram.addrs, dh.src_port(), dh.dst_port());
    p.s("DCCP");
    if p.opts.quiet {
        out!(p, " {}", len.wrapping_sub(hlen));
        if hlen > len {
            out!(p, " [bad hdr length {hlen} - too long, > {len}]");
        }
        return Ok(());
    }
    if p.opts.verbose > 0 {
        out!(p, " (CCVal {}, CsCov {}", dh.ccval(), dh.cscov());
        if let Ok(whole) = data.range(0, length) {
            let field = dh.checksum();
            out!(p, ", cksum 0x{field:04x} ");
            // `dccp_csum_coverage`: CsCov 0 covers the whole packet.
            let cov = match dh.cscov() {
                0 => length,
                c => ((usize::from(dh.doff()) + usize::from(c) - 1) * 4).min(length),
            };
            // `dccp_cksum`/`dccp6_cksum`.
            let sum = super::ip::nextproto_cksum_cov(p, dgram.addrs, 33, whole, cov);
            if sum != 0 {
                out!(p, "(incorrect -> 0x{:04x})", cksum::shouldbe(field, sum));
            } else {
                p.s("(correct)");
            }
        }
        p.s(")");
    }
    p.s(" ");
    let t = dh.kind();
    let name = type_name(t).unwrap_or("");
    // The bytes each type adds to the generic header.
    let extra = match t {
        dccp::REQUEST => 4,
        dccp::RESPONSE | dccp::RESET => 12,
        dccp::DATA => 0,
        dccp::ACK | dccp::DATAACK | dccp::CLOSEREQ | dccp::CLOSE | dccp::SYNC | dccp::SYNCACK => 8,
        _ => 0,
    };
    if extra > 0 {
        fixed += extra;
        if len < fixed {
            out!(p, "truncated-{name} - {} bytes missing!", fixed - len);
            return Ok(());
        }
    }
    let at = dh.basic_len();
    match t {
        dccp::REQUEST => {
            if !data.has(at, 4) {
                return Err(p.soft_trunc());
            }
            out!(p, "{name} (service={}) ", data.be32(at)?);
        }
        dccp::RESPONSE => {
            if !data.has(at, 12) {
                return Err(p.soft_trunc());
            }
            out!(p, "{name} (service={}) ", data.be32(at + 8)?);
        }
        dccp::RESET => {
            if !data.has(at, 12) {
                return Err(p.soft_trunc());
            }
            let code = data.u8_at(at + 8)?;
            let code = RESET_CODES
                .get(usize::from(code))
                .copied()
                .unwrap_or("invalid");
            out!(p, "{name} (code={code}) ");
        }
        _ if type_name(t).is_some() => out!(p, "{name} "),
        _ => out!(p, "unknown-type-{t} "),
    }
    if t != dccp::DATA && t != dccp::REQUEST {
        out!(p, "(ack={}) ", dh.ack()?);
    }
    if p.opts.verbose < 2 {
        return Ok(());
    }
    out!(p, "seq {}", dh.seq()?);
    if hlen > fixed {
        p.s(" <");
        hlen -= fixed;
        let mut cp = fixed as usize;
        loop {
            let optlen = option(p, data.from(cp).unwrap_or_default(), hlen)?;
            if optlen == 0 || hlen <= optlen {
                break;
            }
            hlen -= optlen;
            cp += optlen as usize;
            p.s(", ");
        }
        p.s(">");
    }
    Ok(())
}

/// `dccp_print_option`: the option's length, 0 to stop. A cut option
/// prints ` [|dccp]` in place and stops the list (its `trunc:` label).
fn option(p: &mut Printer, o: &[u8], hlen: u32) -> Result<u32, Trunc> {
    let kind = o.u8_at(0)?;
    let optlen: u8 = if kind >= 32 {
        let l = o.u8_at(1)?;
        if l < 2 {
            if kind >= 128 {
                out!(p, "CCID option {kind} optlen too short");
            } else {
                put_option_name(p, kind);
                p.s(" optlen too short");
            }
            return Ok(0);
        }
        l
    } else {
        1
    };
    if hlen < u32::from(optlen) {
        if kind >= 128 {
            out!(p, "CCID option {kind} optlen goes past header length");
        } else {
            put_option_name(p, kind);
            p.s(" optlen goes past header length");
        }
        return Ok(0);
    }
    if !o.has(0, usize::from(optlen)) {
        p.trunc();
        return Ok(0);
    }
    let n = usize::from(optlen);
    let hex_from_2 = |p: &mut Printer, prefix: &str| -> P {
        if n > 2 {
            p.s(prefix);
            for i in 2..n {
                out!(p, "{:02x}", o.u8_at(i)?);
            }
        }
        Ok(())
    };
    if kind >= 128 {
        out!(p, "CCID option {kind}");
        match optlen {
            4 => out!(p, " {}", o.be16(2)?),
            6 => out!(p, " {}", o.be32(2)?),
            _ => {}
        }
        return Ok(u32::from(optlen));
    }
    put_option_name(p, kind);
    match kind {
        32..=35 => {
            if optlen < 3 {
                p.s(" optlen too short");
                return Ok(u32::from(optlen));
            }
            let feat = o.u8_at(2)?;
            if let Some(f) = FEATURES.get(usize::from(feat)) {
                out!(p, " {f}");
                for i in 3..n {
                    out!(p, " {}", o.u8_at(i)?);
                }
            }
        }
        36 | 38 | 39 | 40 => hex_from_2(p, " 0x")?,
        37 => {
            for i in 2..n {
                out!(p, " {}", o.u8_at(i)?);
            }
        }
        41 => {
            if optlen == 6 {
                out!(p, " {}", o.be32(2)?);
            } else {
                p.s(" [optlen != 6]");
            }
        }
        42 => match optlen {
            6 => out!(p, " {}", o.be32(2)?),
            8 => out!(p, " {} (elapsed time {})", o.be32(2)?, o.be16(6)?),
            10 => out!(p, " {} (elapsed time {})", o.be32(2)?, o.be32(6)?),
            _ => p.s(" [optlen != 6 or 8 or 10]"),
        },
        43 => match optlen {
            6 => out!(p, " {}", o.be32(2)?),
            4 => out!(p, " {}", o.be16(2)?),
            _ => p.s(" [optlen != 4 or 6]"),
        },
        44 => hex_from_2(p, " ")?,
        _ => {}
    }
    Ok(u32::from(optlen))
}
