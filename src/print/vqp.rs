//! Cisco's VLAN Query Protocol (UDP port 1589) as tcpdump 4.99's
//! `print-vqp.c` prints it: the message type and error code; `-v` the
//! sequence number and each object (client address, port, VLAN and VTP
//! domain names, Ethernet packet as text, MAC addresses; others in hex
//! under `-v` only).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::hex::print_unknown_data;
use super::{P, Printer, chars, out};
use crate::decode::Bytes;

pub(super) const VQP_PORT: u16 = 1589;

/// `struct vqp_common_header_t`.
const HDR: usize = 8;
/// `struct vqp_obj_tlv_t`.
const TLV: usize = 6;

const OBJ_IP_ADDRESS: u32 = 0x0c01;
const OBJ_PORT_NAME: u32 = 0x0c02;
const OBJ_VLAN_NAME: u32 = 0x0c03;
const OBJ_VTP_DOMAIN: u32 = 0x0c04;
const OBJ_ETHERNET_PKT: u32 = 0x0c05;
const OBJ_MAC_NULL: u32 = 0x0c06;
const OBJ_MAC_ADDRESS: u32 = 0x0c08;

fn msg_type(p: &mut Printer, t: u8) {
    match t {
        1 => p.s("Request, Join Port"),
        2 => p.s("Response, VLAN"),
        3 => p.s("Request, Reconfirm"),
        4 => p.s("Response, Reconfirm"),
        _ => out!(p, "unknown ({t})"),
    }
}

fn error_code(e: u8) -> &'static str {
    match e {
        0x00 => "No error",
        0x03 => "Access denied",
        0x04 => "Shutdown port",
        0x05 => "Wrong VTP domain",
        _ => "unknown",
    }
}

fn obj_name(t: u32) -> &'static str {
    match t {
        OBJ_IP_ADDRESS => "Client IP Address",
        OBJ_PORT_NAME => "Port Name",
        OBJ_VLAN_NAME => "VLAN Name",
        OBJ_VTP_DOMAIN => "VTP Domain",
        OBJ_ETHERNET_PKT => "Ethernet Packet",
        OBJ_MAC_NULL => "MAC Null",
        OBJ_MAC_ADDRESS => "MAC Address",
        _ => "Unknown",
    }
}

/// `vqp_print`; `len` is the UDP payload's length.
pub(super) fn vqp_print(p: &mut Printer, d: &[u8], len: usize) -> P {
    p.cur.protocol = "vqp";
    d.range(0, HDR)?;
    if HDR > len {
        p.s(" (invalid)");
        return Ok(());
    }
    let version = d.u8_at(0)?;
    if version != 1 {
        out!(p, "VQP version {version} packet not supported");
        return Ok(());
    }
    let (ty, err) = (d.u8_at(1)?, d.u8_at(2)?);
    if p.opts.verbose < 1 {
        out!(p, "VQPv{version} ");
        msg_type(p, ty);
        out!(
            p,
            " Message, error-code {} ({err}), length {len}",
            error_code(err)
        );
        return Ok(());
    }
    let mut nitems = d.u8_at(3)?;
    out!(p, "\n\tVQPv{version}, ");
    msg_type(p, ty);
    out!(
        p,
        " Message, error-code {} ({err}), seq 0x{:08x}, items {nitems}, length {len}",
        error_code(err),
        d.be32(4)?
    );
    let mut at = HDR;
    let mut tlen = len - HDR;
    while nitems != 0 && tlen != 0 {
        d.range(at, TLV)?;
        if TLV > tlen {
            p.s(" (invalid)");
            return Ok(());
        }
        let obj_type = d.be32(at)?;
        let obj_len = usize::from(d.be16(at + 4)?);
        at += TLV;
        tlen -= TLV;
        out!(
            p,
            "\n\t  {} Object (0x{obj_type:08x}), length {obj_len}, value: ",
            obj_name(obj_type)
        );
        if obj_type == 0 || obj_len == 0 {
            return Ok(());
        }
        let value = d.range(at, obj_len)?;
        if obj_len > tlen {
            p.s(" (invalid)");
            return Ok(());
        }
        match obj_type {
            OBJ_IP_ADDRESS => {
                if obj_len != 4 {
                    p.s(" (invalid)");
                    return Ok(());
                }
                p.ip4_at(value, 0)?;
                out!(p, " (0x{:08x})", value.be32(0)?);
            }
            OBJ_PORT_NAME | OBJ_VLAN_NAME | OBJ_VTP_DOMAIN | OBJ_ETHERNET_PKT => {
                chars::printjnp(p, value, 0, obj_len)?;
            }
            OBJ_MAC_ADDRESS | OBJ_MAC_NULL => {
                if obj_len != 6 {
                    p.s(" (invalid)");
                    return Ok(());
                }
                p.etheraddr(value);
            }
            _ => {
                if p.opts.verbose <= 1 {
                    print_unknown_data(p, Some(value), "\n\t    ", obj_len);
                }
            }
        }
        at += obj_len;
        tlen -= obj_len;
        nitems -= 1;
    }
    Ok(())
}
