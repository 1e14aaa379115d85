//! BOOTP/DHCP (`print-bootp.c`, UDP ports 67/68): the one-line summary and,
//! under `-v`, the fixed BOOTP fields; the vendor area (DHCP options, CMU
//! extensions) is decoded in [`options`].
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

mod options;

use super::tok::{BitTok, bittok2str};
use super::{P, Printer, out};
use crate::decode::{Bytes, Trunc};

const BOOTPREQUEST: u8 = 1;
const MAC_ADDR_LEN: u8 = 6;
const CHADDR: usize = 28;
const SNAME: usize = 44;
const FILE: usize = 108;
const VEND: usize = 236;
/// `bootp_flag_values`.
const FLAGS: &BitTok = &[(0x8000, "Broadcast")];

/// The vendor area's magic cookies: RFC 1048 (99.130.83.99) and "CMU\0".
const VM_RFC1048: u32 = 0x6382_5363;
const VM_CMU: u32 = 0x434d_5500;

/// `nd_printztn` for a fixed-size field: false (truncated) when no NUL came
/// before the field's or the capture's end.
fn printztn(p: &mut Printer, data: &[u8], at: usize, n: usize) -> bool {
    for i in 0..n {
        match data.u8_at(at + i) {
            Ok(0) => return true,
            Ok(c) => super::chars::print_char(p, c),
            Err(Trunc) => return false,
        }
    }
    false
}

/// `bootp_print`.
pub(super) fn bootp_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "bootp";
    let op = data.u8_at(0)?;
    p.s("BOOTP/DHCP, ");
    match op {
        1 => p.s("Request"),
        2 => p.s("Reply"),
        _ => out!(p, "unknown (0x{op:02x})"),
    }
    let htype = data.u8_at(1)?;
    let hlen = data.u8_at(2)?;
    if htype == 1 && hlen == MAC_ADDR_LEN && op == BOOTPREQUEST {
        // GET_ETHERADDR_STRING runs before " from " is printed.
        let chaddr = data.range(CHADDR, 6)?;
        p.s(" from ");
        p.etheraddr(chaddr);
    }
    out!(p, ", length {length}");
    if p.opts.verbose == 0 {
        return Ok(());
    }
    // print-bootp.c's ND_TCHECKs and its nd_print_trunc-and-return go to
    // no longjmp: soft truncations (the link-layer header stays out of
    // -x's dump).
    data.range(8, 2).map_err(|_| p.soft_trunc())?;
    if htype != 1 {
        out!(p, ", htype {htype}");
    }
    if htype != 1 || hlen != MAC_ADDR_LEN {
        out!(p, ", hlen {hlen}");
    }
    let hops = data.u8_at(3)?;
    if hops != 0 {
        out!(p, ", hops {hops}");
    }
    let xid = data.be32(4)?;
    if xid != 0 {
        out!(p, ", xid 0x{xid:x}");
    }
    let secs = data.be16(8)?;
    if secs != 0 {
        out!(p, ", secs {secs}");
    }
    let flags = data.be16(10)?;
    p.s(", Flags [");
    bittok2str(p, FLAGS, "none", u32::from(flags));
    p.s("]");
    if p.opts.verbose > 1 {
        out!(p, " (0x{flags:04x})");
    }
    for (at, label) in [
        (12, "Client-IP"),
        (16, "Your-IP"),
        (20, "Server-IP"),
        (24, "Gateway-IP"),
    ] {
        let a = *data.array::<4>(at)?;
        if a != [0; 4] {
            out!(p, "\n\t  {label} ");
            p.ip4(a);
        }
    }
    if htype == 1 && hlen == MAC_ADDR_LEN {
        let chaddr = data.range(CHADDR, 6)?;
        p.s("\n\t  Client-Ethernet-Address ");
        p.etheraddr(chaddr);
    }
    for (at, n, label) in [(SNAME, 64, "sname"), (FILE, 128, "file")] {
        if data.u8_at(at)? != 0 {
            out!(p, "\n\t  {label} \"");
            let complete = printztn(p, data, at, n);
            p.s("\"");
            if !complete {
                return Err(p.soft_trunc());
            }
        }
    }
    match data.be32(VEND).map_err(|_| p.soft_trunc())? {
        VM_RFC1048 => options::rfc1048_print(p, data, VEND),
        VM_CMU => options::cmu_print(p, data, VEND),
        0 => Ok(()),
        vend => {
            out!(p, "\n\t  Vendor-#0x{vend:x}");
            Ok(())
        }
    }
}
