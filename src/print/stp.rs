//! Spanning tree (`print-stp.c`): 802.1D configuration and topology-change
//! BPDUs, 802.1w RST, 802.1s MST (with each MSTI at `-v`) and 802.1aq SPB.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::stp::{self, off};
use crate::decode::{Bytes, Trunc};

/// `stp_bpdu_flag_values`.
const FLAGS: &[(u32, &str)] = &[
    (0x01, "Topology change"),
    (0x02, "Proposal"),
    (0x10, "Learn"),
    (0x20, "Forward"),
    (0x40, "Agreement"),
    (0x80, "Topology change ACK"),
];

/// `bittok2str(stp_bpdu_flag_values, "none", f)`.
fn flags(p: &mut Printer, f: u8) {
    super::tok::bittok2str(p, FLAGS, "none", u32::from(f));
}

/// `rstp_obj_port_role_values` of `RSTP_EXTRACT_PORT_ROLE`.
fn port_role(f: u8) -> &'static str {
    match (f & 0x0c) >> 2 {
        1 => "Alternate",
        2 => "Root",
        3 => "Designated",
        _ => "Unknown",
    }
}

/// `stp_print_bridge_id`: `pppp.aa:bb:cc:dd:ee:ff`. tcpdump formats it
/// into a string before the `ND_PRINT` that shows it, so a cut identifier
/// prints nothing of that call: read with [`bid`] first, then print.
struct BridgeId([u8; 8]);

impl std::fmt::Display for BridgeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let b = &self.0;
        write!(
            f,
            "{:02x}{:02x}.{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}",
            b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]
        )
    }
}

fn bid(d: &[u8], at: usize) -> Result<BridgeId, Trunc> {
    Ok(BridgeId(*d.array::<8>(at)?))
}

/// The four timers, in 1/256 s.
fn timers(p: &mut Printer, d: &[u8]) -> P {
    let t = |at| -> Result<f64, Trunc> { Ok(f64::from(d.be16(at)?) / 256.0) };
    out!(
        p,
        "\n\tmessage-age {:.2}s, max-age {:.2}s, hello-time {:.2}s, forwarding-delay {:.2}s",
        t(off::MESSAGE_AGE)?,
        t(off::MAX_AGE)?,
        t(off::HELLO_TIME)?,
        t(off::FORWARD_DELAY)?
    );
    Ok(())
}

/// `stp_print_config_bpdu`.
fn config_bpdu(p: &mut Printer, d: &[u8], length: usize) -> P {
    let f = d.u8_at(off::FLAGS)?;
    p.s(", Flags [");
    flags(p, f);
    p.s("]");
    let (b, port) = (bid(d, off::BRIDGE_ID)?, d.be16(off::PORT_ID)?);
    out!(p, ", bridge-id {b}.{port:04x}, length {length}");
    if p.opts.verbose == 0 {
        return Ok(());
    }
    timers(p, d)?;
    let (r, cost) = (bid(d, off::ROOT_ID)?, d.be32(off::ROOT_PATH_COST)?);
    out!(p, "\n\troot-id {r}, root-pathcost {cost}");
    if d.u8_at(2)? == stp::PROTO_RAPID {
        out!(p, ", port-role {}", port_role(f));
    }
    Ok(())
}

/// `stp_print_mstp_bpdu`.
fn mstp_bpdu(p: &mut Printer, d: &[u8], length: usize) -> P {
    let f = d.u8_at(off::FLAGS)?;
    p.s(", CIST Flags [");
    flags(p, f);
    out!(p, "], length {length}");
    if p.opts.verbose == 0 {
        return Ok(());
    }
    out!(p, "\n\tport-role {}, ", port_role(f));
    let (r, cost) = (bid(d, off::ROOT_ID)?, d.be32(off::ROOT_PATH_COST)?);
    out!(p, "CIST root-id {r}, CIST ext-pathcost {cost}");
    out!(p, "\n\tCIST regional-root-id {}, ", bid(d, off::BRIDGE_ID)?);
    out!(p, "CIST port-id {:04x},", d.be16(off::PORT_ID)?);
    timers(p, d)?;
    out!(p, "\n\tv3len {}, ", d.be16(off::V3_LEN)?);
    p.s("MCID Name ");
    super::chars::printjnp(p, d, off::CONFIG_NAME, 32)?;
    let g = off::CONFIG_DIGEST;
    out!(
        p,
        ", rev {},\n\t\tdigest {:08x}{:08x}{:08x}{:08x}, ",
        d.be16(off::CONFIG_NAME + 32)?,
        d.be32(g)?,
        d.be32(g + 4)?,
        d.be32(g + 8)?,
        d.be32(g + 12)?
    );
    out!(
        p,
        "CIST int-root-pathcost {},",
        d.be32(off::CIST_INT_PATH_COST)?
    );
    out!(p, "\n\tCIST bridge-id {}, ", bid(d, off::CIST_BRIDGE_ID)?);
    out!(p, "CIST remaining-hops {}", d.u8_at(off::CIST_REMAIN_HOPS)?);
    let v3len = d.be16(off::V3_LEN)?;
    if usize::from(v3len) > off::CONFIG_INFO_LEN {
        let mut len = usize::from(v3len) - off::CONFIG_INFO_LEN;
        let mut o = off::MSTI;
        while len >= off::MSTI_LEN {
            let msti = d.be16(o + 1)? & 0x0fff;
            let mf = d.u8_at(o)?;
            out!(p, "\n\tMSTI {msti}, Flags [");
            flags(p, mf);
            out!(p, "], port-role {}", port_role(mf));
            let (r, cost) = (bid(d, o + 1)?, d.be32(o + 9)?);
            out!(p, "\n\t\tMSTI regional-root-id {r}, pathcost {cost}");
            out!(
                p,
                "\n\t\tMSTI bridge-prio {}, port-prio {}, hops {}",
                d.u8_at(o + 13)? >> 4,
                d.u8_at(o + 14)? >> 4,
                d.u8_at(o + 15)?
            );
            len -= off::MSTI_LEN;
            o += off::MSTI_LEN;
        }
    }
    Ok(())
}

/// `stp_print_spb_bpdu`.
fn spb_bpdu(p: &mut Printer, d: &[u8], o: usize) -> P {
    if p.opts.verbose == 0 {
        return Ok(());
    }
    out!(p, "\n\tv4len {}, ", d.be16(o)?);
    p.s("AUXMCID Name ");
    super::chars::printjnp(p, d, o + 3, 32)?;
    let g = o + 37;
    out!(
        p,
        ", Rev {},\n\t\tdigest {:08x}{:08x}{:08x}{:08x}",
        d.be16(o + 35)?,
        d.be32(g)?,
        d.be32(g + 4)?,
        d.be32(g + 8)?,
        d.be32(g + 12)?
    );
    let a = d.u8_at(o + 53)?;
    let fmt = d.u8_at(o + 55)?;
    let con = d.u8_at(o + 56)?;
    let dg = o + 67;
    out!(
        p,
        "\n\tAgreement num {}, Discarded Agreement num {}, Agreement valid-flag {},\n\t\
         Restricted role-flag: {}, Format id {} cap {}, Convention id {} cap {},\n\t\
         Edge count {}, Agreement digest {:08x}{:08x}{:08x}{:08x}{:08x}",
        a >> 6,
        a >> 4 & 3,
        a >> 3 & 1,
        a >> 2 & 1,
        fmt >> 4,
        fmt,
        con >> 4,
        con,
        d.be16(o + 57)?,
        d.be32(dg)?,
        d.be32(dg + 4)?,
        d.be32(dg + 8)?,
        d.be32(dg + 12)?,
        d.be32(dg + 16)?
    );
    Ok(())
}

/// `stp_print`; `length` counts from the BPDU on.
pub(super) fn stp_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "stp";
    if length < 4 {
        p.s(" (invalid)");
        return Ok(());
    }
    if d.be16(0)? != 0 {
        out!(p, "unknown STP version, length {length}");
        return Ok(());
    }
    let version = d.u8_at(2)?;
    match version {
        stp::PROTO_REGULAR => p.s("STP 802.1d"),
        stp::PROTO_RAPID => p.s("STP 802.1w"),
        stp::PROTO_MSTP => p.s("STP 802.1s"),
        stp::PROTO_SPB => p.s("STP 802.1aq"),
        v => {
            out!(p, "STP Unknown STP protocol (0x{v:02x})");
            return Ok(());
        }
    }
    let t = d.u8_at(3)?;
    match t {
        stp::TYPE_CONFIG => p.s(", Config"),
        stp::TYPE_RSTP => p.s(", Rapid STP"),
        0x80 => p.s(", Topology Change"),
        _ => out!(p, ", Unknown BPDU Type (0x{t:02x})"),
    }
    let invalid = |p: &mut Printer| {
        p.s(" (invalid)");
        Ok(())
    };
    match t {
        stp::TYPE_CONFIG => {
            if length < off::RSTP_LEN - 1 {
                return invalid(p);
            }
            config_bpdu(p, d, length)?;
        }
        stp::TYPE_RSTP if version == stp::PROTO_RAPID => {
            if length < off::RSTP_LEN {
                return invalid(p);
            }
            config_bpdu(p, d, length)?;
        }
        stp::TYPE_RSTP if version == stp::PROTO_MSTP || version == stp::PROTO_SPB => {
            if length < off::MSTP_MIN_LEN || d.u8_at(off::V1_LENGTH)? != 0 {
                return invalid(p);
            }
            let mstp_len = usize::from(d.be16(off::V3_LEN)?) + 2;
            if length < off::RSTP_LEN + mstp_len {
                return invalid(p);
            }
            mstp_bpdu(p, d, length)?;
            if version == stp::PROTO_SPB {
                let spb_len = usize::from(d.be16(off::V3_LEN + mstp_len)?) + 2;
                if length < off::RSTP_LEN + mstp_len + spb_len || spb_len < off::SPB_MIN_LEN {
                    return invalid(p);
                }
                spb_bpdu(p, d, off::RSTP_LEN + mstp_len)?;
            }
        }
        _ => {}
    }
    Ok(())
}
