//! IEEE 802.1AB Link Layer Discovery Protocol, Ethernet type 0x88cc
//! (`print-lldp.c`): `LLDP, length 46: sysname`; with `-v` every TLV
//! (chassis and port IDs, TTL, descriptions, capabilities, management
//! address) and the organisation-specific TLVs tcpdump decodes (IEEE 802.1
//! with DCB, IEEE 802.3, IANA MUD-URL, TIA LLDP-MED, DCBX); unknown TLVs
//! in hex, every TLV in hex at `-vv`.
//!
//! tcpdump checks each TLV's bytes were captured before it decodes it and
//! sends every length it dislikes to one `trunc:` label, so nearly all of
//! its truncation here is the soft kind ([`Printer::soft_trunc`]).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::tok::bittok2str;
use super::{P, Printer, out};
use crate::decode::{Bytes, Trunc};

type Tok = &'static [(u32, &'static str)];

const TLV_END: u16 = 0;
const TLV_CHASSIS_ID: u16 = 1;
const TLV_PORT_ID: u16 = 2;
const TLV_TTL: u16 = 3;
const TLV_PORT_DESCR: u16 = 4;
const TLV_SYSTEM_NAME: u16 = 5;
const TLV_SYSTEM_DESCR: u16 = 6;
const TLV_SYSTEM_CAP: u16 = 7;
const TLV_MGMT_ADDR: u16 = 8;
const TLV_PRIVATE: u16 = 127;

const TLV_NAMES: Tok = &[
    (TLV_END as u32, "End"),
    (TLV_CHASSIS_ID as u32, "Chassis ID"),
    (TLV_PORT_ID as u32, "Port ID"),
    (TLV_TTL as u32, "Time to Live"),
    (TLV_PORT_DESCR as u32, "Port Description"),
    (TLV_SYSTEM_NAME as u32, "System Name"),
    (TLV_SYSTEM_DESCR as u32, "System Description"),
    (TLV_SYSTEM_CAP as u32, "System Capabilities"),
    (TLV_MGMT_ADDR as u32, "Management Address"),
    (TLV_PRIVATE as u32, "Organization specific"),
];

const CHASSIS_SUBTYPES: Tok = &[
    (1, "Chassis component"),
    (2, "Interface alias"),
    (3, "Port component"),
    (4, "MAC address"),
    (5, "Network address"),
    (6, "Interface name"),
    (7, "Local"),
];

const PORT_SUBTYPES: Tok = &[
    (1, "Interface alias"),
    (2, "Port component"),
    (3, "MAC address"),
    (4, "Network Address"),
    (5, "Interface Name"),
    (6, "Agent circuit ID"),
    (7, "Local"),
];

const CAPS: Tok = &[
    (1 << 0, "Other"),
    (1 << 1, "Repeater"),
    (1 << 2, "Bridge"),
    (1 << 3, "WLAN AP"),
    (1 << 4, "Router"),
    (1 << 5, "Telephone"),
    (1 << 6, "Docsis"),
    (1 << 7, "Station Only"),
];

const SUBTYPES_8021: Tok = &[
    (1, "Port VLAN Id"),
    (2, "Port and Protocol VLAN ID"),
    (3, "VLAN name"),
    (4, "Protocol Identity"),
    (7, "Link aggregation"),
    (8, "Congestion Notification"),
    (9, "ETS Configuration"),
    (10, "ETS Recommendation"),
    (11, "Priority Flow Control Configuration"),
    (12, "Application Priority"),
    (13, "EVB"),
    (14, "CDCP"),
];

const PPVID_FLAGS: Tok = &[(1 << 1, "supported"), (1 << 2, "enabled")];

const SUBTYPES_8023: Tok = &[
    (1, "MAC/PHY configuration/status"),
    (2, "Power via MDI"),
    (3, "Link aggregation"),
    (4, "Max frame size"),
];

const TIA_SUBTYPES: Tok = &[
    (1, "LLDP-MED Capabilities"),
    (2, "Network policy"),
    (3, "Location identification"),
    (4, "Extended power-via-MDI"),
    (5, "Inventory - hardware revision"),
    (6, "Inventory - firmware revision"),
    (7, "Inventory - software revision"),
    (8, "Inventory - serial number"),
    (9, "Inventory - manufacturer name"),
    (10, "Inventory - model name"),
    (11, "Inventory - asset ID"),
];

const ALTITUDE_TYPES: Tok = &[(1, "meters"), (2, "floors")];

const LCI_CATYPES: Tok = &[
    (
        1,
        "national subdivisions (state,canton,region,province,prefecture)",
    ),
    (2, "county, parish, gun, district"),
    (3, "city, township, shi"),
    (4, "city division, borough, city district, ward chou"),
    (5, "neighborhood, block"),
    (6, "street"),
];

const LCI_WHAT: Tok = &[
    (0, "location of DHCP server"),
    (
        1,
        "location of the network element believed to be closest to the client",
    ),
    (2, "location of the client"),
];

const MAU_TYPES: Tok = &[
    (0, "Unknown"),
    (1, "AUI"),
    (2, "10BASE_5"),
    (3, "FOIRL"),
    (4, "10BASE2"),
    (5, "10BASET duplex mode unknown"),
    (6, "10BASEFP"),
    (7, "10BASEFB"),
    (8, "10BASEFL duplex mode unknown"),
    (9, "10BROAD36"),
    (10, "10BASET hdx"),
    (11, "10BASET fdx"),
    (12, "10BASEFL hdx"),
    (13, "10BASEFL fdx"),
    (14, "100BASET4"),
    (15, "100BASETX hdx"),
    (16, "100BASETX fdx"),
    (17, "100BASEFX hdx"),
    (18, "100BASEFX fdx"),
    (19, "100BASET2 hdx"),
    (20, "100BASET2 fdx"),
    (21, "1000BASEX hdx"),
    (22, "1000BASEX fdx"),
    (23, "1000BASELX hdx"),
    (24, "1000BASELX fdx"),
    (25, "1000BASESX hdx"),
    (26, "1000BASESX fdx"),
    (27, "1000BASECX hdx"),
    (28, "1000BASECX fdx"),
    (29, "1000BASET hdx"),
    (30, "1000BASET fdx"),
    (31, "10GBASEX"),
    (32, "10GBASELX4"),
    (33, "10GBASER"),
    (34, "10GBASEER"),
    (35, "10GBASELR"),
    (36, "10GBASESR"),
    (37, "10GBASEW"),
    (38, "10GBASEEW"),
    (39, "10GBASELW"),
    (40, "10GBASESW"),
];

const AUTONEG: Tok = &[(1 << 0, "supported"), (1 << 1, "enabled")];

const TIA_CAPS: Tok = &[
    (1 << 0, "LLDP-MED capabilities"),
    (1 << 1, "network policy"),
    (1 << 2, "location identification"),
    (1 << 3, "extended power via MDI-PSE"),
    (1 << 4, "extended power via MDI-PD"),
    (1 << 5, "Inventory"),
];

const TIA_DEVICE_TYPES: Tok = &[
    (1, "endpoint class 1"),
    (2, "endpoint class 2"),
    (3, "endpoint class 3"),
    (4, "network connectivity"),
];

const TIA_APPLICATION_TYPES: Tok = &[
    (1, "voice"),
    (2, "voice signaling"),
    (3, "guest voice"),
    (4, "guest voice signaling"),
    (5, "softphone voice"),
    (6, "video conferencing"),
    (7, "streaming video"),
    (8, "video signaling"),
];

const TIA_POLICY_BITS: Tok = &[
    (1 << 7, "Unknown"),
    (1 << 6, "Tagged"),
    (1 << 5, "reserved"),
];

const TIA_LOCATION_FORMATS: Tok = &[
    (1, "coordinate-based LCI"),
    (2, "civic address LCI"),
    (3, "ECS ELIN"),
];

const TIA_DATUMS: Tok = &[
    (1, "World Geodesic System 1984"),
    (2, "North American Datum 1983 (NAVD88)"),
    (3, "North American Datum 1983 (MLLW)"),
];

const TIA_POWER_SOURCES: Tok = &[
    (1, "PSE - primary power source"),
    (2, "local - backup power source"),
    (3, "PSE+local - reserved"),
];

const TIA_POWER_PRIORITIES: Tok = &[(1, "critical"), (2, "high"), (3, "low")];

const TIA_INVENTORY: Tok = &[
    (5, "Hardware revision"),
    (6, "Firmware revision"),
    (7, "Software revision"),
    (8, "Serial number"),
    (9, "Manufacturer name"),
    (10, "Model name"),
    (11, "Asset ID"),
];

/// `lldp_pmd_capability_values` (bit 15, "other", has no name).
const PMD_CAPS: Tok = &[
    (1 << 14, "10BASE-T hdx"),
    (1 << 13, "10BASE-T fdx"),
    (1 << 12, "100BASE-T4"),
    (1 << 11, "100BASE-TX hdx"),
    (1 << 10, "100BASE-TX fdx"),
    (1 << 9, "100BASE-T2 hdx"),
    (1 << 8, "100BASE-T2 fdx"),
    (1 << 7, "Pause for fdx links"),
    (1 << 6, "Asym PAUSE for fdx"),
    (1 << 5, "Sym PAUSE for fdx"),
    (1 << 4, "Asym and Sym PAUSE for fdx"),
    (1 << 3, "1000BASE-{X LX SX CX} hdx"),
    (1 << 2, "1000BASE-{X LX SX CX} fdx"),
    (1 << 1, "1000BASE-T hdx"),
    (1 << 0, "1000BASE-T fdx"),
];

const MDI: Tok = &[
    (1 << 0, "PSE"),
    (1 << 1, "supported"),
    (1 << 2, "enabled"),
    (1 << 3, "can be controlled"),
];

const MDI_POWER_PAIRS: Tok = &[(1, "signal"), (2, "spare")];

const MDI_POWER_CLASSES: Tok = &[
    (1, "class0"),
    (2, "class1"),
    (3, "class2"),
    (4, "class3"),
    (5, "class4"),
];

const AGGREGATION: Tok = &[(1 << 0, "supported"), (1 << 1, "enabled")];

const DCBX_SUBTYPES: Tok = &[
    (1, "DCB Capability Exchange Protocol Rev 1"),
    (2, "DCB Capability Exchange Protocol Rev 1.01"),
];

const INTF_NUMB_SUBTYPES: Tok = &[(2, "Interface Index"), (3, "System Port Number")];

const EVB_MODES: Tok = &[
    (0, "Not Supported"),
    (1, "EVB Bridge"),
    (2, "EVB Station"),
    (3, "Reserved for future Standardization"),
];

const IANA_SUBTYPES: Tok = &[(1, "MUD-URL")];

const OUI_IEEE_8021: u32 = 0x0080c2;
const OUI_IEEE_8023: u32 = 0x00120f;
const OUI_IANA: u32 = 0x00005e;
const OUI_TIA: u32 = 0x0012bb;
const OUI_DCBX: u32 = 0x001b21;

/// `tok2str`: the name, or `default` (a literal in every use here).
fn tok(t: Tok, v: u32, default: &'static str) -> &'static str {
    t.iter()
        .find(|&&(k, _)| k == v)
        .map_or(default, |&(_, n)| n)
}

/// `nd_printn` without an end: `n` bytes as text, NULs included.
fn printn(p: &mut Printer, d: &[u8], at: usize, n: usize) -> P {
    if super::chars::printn(p, d, at, n) {
        return Err(Trunc);
    }
    Ok(())
}

/// `print_unknown_data`: its "Dissector error" when not even one byte at
/// `at` was captured.
fn unknown(p: &mut Printer, d: &[u8], at: usize, ident: &str, len: usize) {
    let cp = d.get(at..).filter(|s| !s.is_empty());
    super::hex::print_unknown_data(p, cp, ident, len);
}

/// `lldp_print`: `d` the captured bytes from the first TLV on, `len` the
/// length the link layer gave.
pub(super) fn lldp_print(p: &mut Printer, d: &[u8], len: usize) -> P {
    p.cur.protocol = "lldp";
    let v = p.opts.verbose;
    out!(p, "LLDP, length {len}");
    let mut t = 0usize;
    let mut tlen = len;
    while tlen >= 2 {
        if !d.has(t, 2) {
            return Err(p.soft_trunc());
        }
        let tlv = d.be16(t)?;
        let ty = tlv >> 9;
        let tl = usize::from(tlv & 0x01ff);
        tlen -= 2;
        t += 2;
        if v > 0 {
            out!(
                p,
                "\n\t{} TLV ({ty}), length {tl}",
                tok(TLV_NAMES, u32::from(ty), "Unknown")
            );
        }
        // tcpdump's "infinite loop check": the End TLV, or any TLV of no
        // length, ends the frame.
        if ty == TLV_END || tl == 0 {
            break;
        }
        if !d.has(t, tl) || tlen < tl {
            return Err(p.soft_trunc());
        }
        let hexdump = match tlv_value(p, d, t, ty, tl)? {
            Some(h) => h,
            None => return Err(p.soft_trunc()),
        };
        if v > 1 || (v > 0 && hexdump) {
            unknown(p, d, t, "\n\t  ", tl);
        }
        tlen -= tl;
        t += tl;
    }
    Ok(())
}

/// One TLV's value at `t`, `tl` bytes, all captured: whether tcpdump
/// wants it in hex too, or `None` for its `goto trunc`.
fn tlv_value(
    p: &mut Printer,
    d: &[u8],
    t: usize,
    ty: u16,
    tl: usize,
) -> Result<Option<bool>, Trunc> {
    let v = p.opts.verbose > 0;
    let mut hexdump = false;
    match ty {
        TLV_CHASSIS_ID | TLV_PORT_ID if v => {
            if tl < 2 {
                return Ok(None);
            }
            let st = d.u8_at(t)?;
            let (names, mac, net) = if ty == TLV_CHASSIS_ID {
                (CHASSIS_SUBTYPES, 4, 5)
            } else {
                (PORT_SUBTYPES, 3, 4)
            };
            out!(
                p,
                "\n\t  Subtype {} ({st}): ",
                tok(names, u32::from(st), "Unknown")
            );
            match st {
                _ if st == mac => {
                    if tl < 7 {
                        return Ok(None);
                    }
                    let m = *d.array::<6>(t + 1)?;
                    p.etheraddr(&m);
                }
                _ if st == net => {
                    if !network_addr(p, d, t + 1, tl - 1)? {
                        return Ok(None);
                    }
                }
                1..=7 => super::chars::printjnp(p, d, t + 1, tl - 1)?,
                _ => hexdump = true,
            }
        }
        TLV_TTL if v => {
            if tl < 2 {
                return Ok(None);
            }
            let ttl = d.be16(t)?;
            out!(p, ": TTL {ttl}s");
        }
        TLV_PORT_DESCR if v => {
            p.s(": ");
            super::chars::printjnp(p, d, t, tl)?;
        }
        // The system name is printed without -v too, as CDP prints its
        // Device-ID.
        TLV_SYSTEM_NAME => {
            p.s(": ");
            super::chars::printjnp(p, d, t, tl)?;
        }
        TLV_SYSTEM_DESCR if v => {
            p.s("\n\t  ");
            super::chars::printjnp(p, d, t, tl)?;
        }
        TLV_SYSTEM_CAP if v => {
            if tl < 4 {
                return Ok(None);
            }
            let (cap, ena) = (u32::from(d.be16(t)?), u32::from(d.be16(t + 2)?));
            p.s("\n\t  System  Capabilities [");
            bittok2str(p, CAPS, "none", cap);
            out!(p, "] (0x{cap:04x})\n\t  Enabled Capabilities [");
            bittok2str(p, CAPS, "none", ena);
            out!(p, "] (0x{ena:04x})");
        }
        TLV_MGMT_ADDR if v => {
            if !mgmt_addr(p, d, t, tl)? {
                return Ok(None);
            }
        }
        TLV_PRIVATE if v => {
            if tl < 3 {
                return Ok(None);
            }
            let oui = d.be24(t)?;
            out!(
                p,
                ": OUI {} (0x{oui:06x})",
                super::addr::oui_name(oui).unwrap_or("Unknown")
            );
            hexdump = match oui {
                OUI_IEEE_8021 => private_8021(p, d, t, tl)?,
                OUI_IEEE_8023 => private_8023(p, d, t, tl)?,
                OUI_IANA => private_iana(p, d, t, tl)?,
                OUI_TIA => private_tia(p, d, t, tl)?,
                OUI_DCBX => private_dcbx(p, d, t, tl)?,
                _ => true,
            };
        }
        TLV_CHASSIS_ID | TLV_PORT_ID | TLV_TTL | TLV_PORT_DESCR | TLV_SYSTEM_DESCR
        | TLV_SYSTEM_CAP | TLV_MGMT_ADDR | TLV_PRIVATE => {}
        _ => hexdump = true,
    }
    Ok(Some(hexdump))
}

/// `lldp_network_addr_print`: an address family number and the address;
/// false (and nothing printed) when the length cannot hold it.
fn network_addr(p: &mut Printer, d: &[u8], at: usize, len: usize) -> Result<bool, Trunc> {
    if len < 1 {
        return Ok(false);
    }
    let af = d.u8_at(at)?;
    let need = match af {
        1 => Some(4),
        2 => Some(16),
        6 => Some(6),
        _ => None,
    };
    if need.is_some_and(|n| len - 1 < n) {
        return Ok(false);
    }
    let name = super::bgp::af_name(u16::from(af), "Unknown");
    match af {
        1 => {
            let a = *d.array::<4>(at + 1)?;
            out!(p, "AFI {name} ({af}): ");
            p.ip4(a);
        }
        2 => {
            let a = *d.array::<16>(at + 1)?;
            out!(p, "AFI {name} ({af}): ");
            p.ip6(&a);
        }
        6 => {
            let m = *d.array::<6>(at + 1)?;
            out!(p, "AFI {name} ({af}): ");
            p.etheraddr(&m);
        }
        _ => out!(p, "AFI {name} ({af}), no AF printer !"),
    }
    Ok(true)
}

/// `lldp_mgmt_addr_tlv_print`: false sends the caller to its `trunc:`.
fn mgmt_addr(p: &mut Printer, d: &[u8], mut t: usize, mut tlen: usize) -> Result<bool, Trunc> {
    if tlen < 1 {
        return Ok(false);
    }
    let alen = usize::from(d.u8_at(t)?);
    t += 1;
    tlen -= 1;
    if tlen < alen {
        return Ok(false);
    }
    // The address is formatted before the line that holds it: nothing is
    // printed when it does not fit its length.
    let mark = p.out().len();
    out!(p, "\n\t  Management Address length {alen}, ");
    if !network_addr(p, d, t, alen)? {
        p.out().truncate(mark);
        return Ok(false);
    }
    t += alen;
    tlen -= alen;
    if tlen < 5 {
        return Ok(false);
    }
    let st = d.u8_at(t)?;
    let num = d.be32(t + 1)?;
    out!(
        p,
        "\n\t  {} Interface Numbering ({st}): {num}",
        tok(INTF_NUMB_SUBTYPES, u32::from(st), "Unknown")
    );
    t += 5;
    tlen -= 5;
    // The OID is optional.
    if tlen > 0 {
        let olen = usize::from(d.u8_at(t)?);
        if tlen < 1 + olen {
            return Ok(false);
        }
        if olen > 0 {
            out!(p, "\n\t  OID length {olen}");
            super::chars::printjnp(p, d, t + 1, olen)?;
        }
    }
    Ok(true)
}

/// `%-2d ` for each of the eight bits of `v`, lowest first.
fn bit_row(p: &mut Printer, v: u8) {
    for i in 0..8 {
        out!(p, "{:<2} ", (v >> i) & 1);
    }
}

/// Eight values as `%-3d`, a space between them.
fn row8(p: &mut Printer, vals: [u8; 8]) {
    for (i, x) in vals.into_iter().enumerate() {
        if i > 0 {
            p.s(" ");
        }
        out!(p, "{x:<3}");
    }
}

fn read8(d: &[u8], at: usize) -> Result<[u8; 8], Trunc> {
    Ok(*d.array::<8>(at)?)
}

/// `print_ets_priority_assignment_table`, `print_tc_bandwidth_table`,
/// `print_tsa_assignment_table`, from the byte at `at`.
fn ets_tables(p: &mut Printer, d: &[u8], at: usize) -> P {
    let pa = *d.array::<4>(at)?;
    p.s("\n\t    Priority Assignment Table");
    p.s("\n\t     Priority : 0   1   2   3   4   5   6   7");
    p.s("\n\t     Value    : ");
    let nibbles = [
        pa[0] >> 4,
        pa[0] & 0x0f,
        pa[1] >> 4,
        pa[1] & 0x0f,
        pa[2] >> 4,
        pa[2] & 0x0f,
        pa[3] >> 4,
        pa[3] & 0x0f,
    ];
    row8(p, nibbles);
    let bw = read8(d, at + 4)?;
    p.s("\n\t    TC Bandwidth Table");
    p.s("\n\t     TC%   : 0   1   2   3   4   5   6   7");
    p.s("\n\t     Value : ");
    row8(p, bw);
    let tsa = read8(d, at + 12)?;
    p.s("\n\t    TSA Assignment Table");
    p.s("\n\t     Traffic Class: 0   1   2   3   4   5   6   7");
    p.s("\n\t     Value        : ");
    row8(p, tsa);
    Ok(())
}

/// The `\n\t  NAME Subtype (N)` line every private printer starts with.
fn subtype_line(p: &mut Printer, names: Tok, st: u8) {
    out!(
        p,
        "\n\t  {} Subtype ({st})",
        tok(names, u32::from(st), "unknown")
    );
}

/// `lldp_private_8021_print` (802.1AB annex E, 802.1Qaz/Qbg): `t` is the
/// TLV's value (OUI first), `tl` its length; whether to dump it in hex.
fn private_8021(p: &mut Printer, d: &[u8], t: usize, tl: usize) -> Result<bool, Trunc> {
    if tl < 4 {
        return Ok(false);
    }
    let st = d.u8_at(t + 3)?;
    subtype_line(p, SUBTYPES_8021, st);
    match st {
        1 => {
            if tl < 6 {
                return Ok(false);
            }
            let pvid = d.be16(t + 4)?;
            out!(p, "\n\t    port vlan id (PVID): {pvid}");
        }
        2 => {
            if tl < 7 {
                return Ok(false);
            }
            let ppvid = d.be16(t + 5)?;
            let f = d.u8_at(t + 4)?;
            out!(
                p,
                "\n\t    port and protocol vlan id (PPVID): {ppvid}, flags ["
            );
            bittok2str(p, PPVID_FLAGS, "none", u32::from(f));
            out!(p, "] (0x{f:02x})");
        }
        3 => {
            if tl < 6 {
                return Ok(false);
            }
            let vid = d.be16(t + 4)?;
            out!(p, "\n\t    vlan id (VID): {vid}");
            if tl < 7 {
                return Ok(false);
            }
            let sublen = usize::from(d.u8_at(t + 6)?);
            if tl < 7 + sublen {
                return Ok(false);
            }
            p.s("\n\t    vlan name: ");
            super::chars::printjnp(p, d, t + 7, sublen)?;
        }
        4 => {
            if tl < 5 {
                return Ok(false);
            }
            let sublen = usize::from(d.u8_at(t + 4)?);
            if tl < 5 + sublen {
                return Ok(false);
            }
            p.s("\n\t    protocol identity: ");
            super::chars::printjnp(p, d, t + 5, sublen)?;
        }
        7 => {
            if tl < 9 {
                return Ok(false);
            }
            link_aggregation(p, d, t)?;
        }
        8 => {
            if tl < 6 {
                return Ok(false);
            }
            let cnpv = d.u8_at(t + 4)?;
            p.s("\n\t    Pre-Priority CNPV Indicator");
            p.s("\n\t     Priority : 0  1  2  3  4  5  6  7");
            p.s("\n\t     Value    : ");
            bit_row(p, cnpv);
            let ready = d.u8_at(t + 5)?;
            p.s("\n\t    Pre-Priority Ready Indicator");
            p.s("\n\t     Priority : 0  1  2  3  4  5  6  7");
            p.s("\n\t     Value    : ");
            bit_row(p, ready);
        }
        9 => {
            if tl < 25 {
                return Ok(false);
            }
            let x = d.u8_at(t + 4)?;
            // tcpdump's CBS is `(x >> 6) & 0x02`, so it prints 0 or 2.
            out!(
                p,
                "\n\t    Willing:{}, CBS:{}, RES:{}, Max TCs:{}",
                x >> 7,
                (x >> 6) & 0x02,
                (x >> 3) & 0x07,
                x & 0x07
            );
            ets_tables(p, d, t + 5)?;
        }
        10 => {
            if tl < 25 {
                return Ok(false);
            }
            let res = d.u8_at(t + 4)?;
            out!(p, "\n\t    RES: {res}");
            ets_tables(p, d, t + 5)?;
        }
        11 => {
            if tl < 6 {
                return Ok(false);
            }
            let x = d.u8_at(t + 4)?;
            out!(
                p,
                "\n\t    Willing: {}, MBC: {}, RES: {}, PFC cap:{} ",
                x >> 7,
                (x >> 6) & 0x01,
                (x >> 4) & 0x03,
                x & 0x0f
            );
            p.s("\n\t    PFC Enable");
            let en = d.u8_at(t + 5)?;
            p.s("\n\t     Priority : 0  1  2  3  4  5  6  7");
            p.s("\n\t     Value    : ");
            bit_row(p, en);
        }
        12 => {
            if tl < 5 {
                return Ok(false);
            }
            let res = d.u8_at(t + 4)?;
            out!(p, "\n\t    RES: {res}");
            if tl <= 5 {
                return Ok(false);
            }
            let sublen = tl - 5;
            if !sublen.is_multiple_of(3) {
                return Ok(false);
            }
            p.s("\n\t    Application Priority Table");
            for i in (0..sublen).step_by(3) {
                let x = d.u8_at(t + i + 5)?;
                let proto = d.be16(t + i + 6)?;
                out!(
                    p,
                    "\n\t      Priority: {}, RES: {}, Sel: {}, Protocol ID: {proto}",
                    x >> 5,
                    (x >> 3) & 0x03,
                    x & 0x07
                );
            }
        }
        13 => {
            if tl < 9 {
                return Ok(false);
            }
            p.s("\n\t    EVB Bridge Status");
            let x = d.u8_at(t + 4)?;
            out!(
                p,
                "\n\t      RES: {}, BGID: {}, RRCAP: {}, RRCTR: {}",
                x >> 3,
                (x >> 2) & 0x01,
                (x >> 1) & 0x01,
                x & 0x01
            );
            p.s("\n\t    EVB Station Status");
            let x = d.u8_at(t + 5)?;
            out!(
                p,
                "\n\t      RES: {}, SGID: {}, RRREQ: {},RRSTAT: {}",
                x >> 4,
                (x >> 3) & 0x01,
                (x >> 2) & 0x01,
                x & 0x03
            );
            let x = d.u8_at(t + 6)?;
            out!(p, "\n\t    R: {}, RTE: {}, ", x >> 5, x & 0x1f);
            let x = d.u8_at(t + 7)?;
            out!(
                p,
                "EVB Mode: {} [{}]",
                tok(EVB_MODES, u32::from(x >> 6), "unknown"),
                x >> 6
            );
            out!(p, "\n\t    ROL: {}, RWD: {}, ", (x >> 5) & 0x01, x & 0x1f);
            let x = d.u8_at(t + 8)?;
            out!(
                p,
                "RES: {}, ROL: {}, RKA: {}",
                x >> 6,
                (x >> 5) & 0x01,
                x & 0x1f
            );
        }
        14 => {
            if tl < 8 {
                return Ok(false);
            }
            let x = d.u8_at(t + 4)?;
            out!(
                p,
                "\n\t    Role: {}, RES: {}, Scomp: {} ",
                x >> 7,
                (x >> 4) & 0x07,
                (x >> 3) & 0x01
            );
            let cap = d.be16(t + 6)? & 0x0fff;
            out!(p, "ChnCap: {cap}");
            let sublen = tl - 8;
            if !sublen.is_multiple_of(3) {
                return Ok(false);
            }
            for i in (0..sublen).step_by(3) {
                let at = t + i + 8;
                let x = d.be24(at)?;
                out!(p, "\n\t    SCID: {}, SVID: {}", x >> 12, x & 0x000fff);
            }
        }
        _ => return Ok(true),
    }
    Ok(false)
}

/// The link aggregation line 802.1 and 802.3 share.
fn link_aggregation(p: &mut Printer, d: &[u8], t: usize) -> P {
    let st = d.u8_at(t + 4)?;
    let id = d.be32(t + 5)?;
    p.s("\n\t    aggregation status [");
    bittok2str(p, AGGREGATION, "none", u32::from(st));
    out!(p, "], aggregation port ID {id}");
    Ok(())
}

/// `lldp_private_8023_print` (802.3 annex 79).
fn private_8023(p: &mut Printer, d: &[u8], t: usize, tl: usize) -> Result<bool, Trunc> {
    if tl < 4 {
        return Ok(false);
    }
    let st = d.u8_at(t + 3)?;
    subtype_line(p, SUBTYPES_8023, st);
    match st {
        1 => {
            if tl < 9 {
                return Ok(false);
            }
            let an = d.u8_at(t + 4)?;
            p.s("\n\t    autonegotiation [");
            bittok2str(p, AUTONEG, "none", u32::from(an));
            out!(p, "] (0x{an:02x})");
            let pmd = d.be16(t + 5)?;
            p.s("\n\t    PMD autoneg capability [");
            bittok2str(p, PMD_CAPS, "unknown", u32::from(pmd));
            out!(p, "] (0x{pmd:04x})");
            let mau = d.be16(t + 7)?;
            out!(
                p,
                "\n\t    MAU type {} (0x{mau:04x})",
                tok(MAU_TYPES, u32::from(mau), "unknown")
            );
        }
        2 => {
            if tl < 7 {
                return Ok(false);
            }
            let (sup, pair, class) = (d.u8_at(t + 4)?, d.u8_at(t + 5)?, d.u8_at(t + 6)?);
            p.s("\n\t    MDI power support [");
            bittok2str(p, MDI, "none", u32::from(sup));
            out!(
                p,
                "], power pair {}, power class {}",
                tok(MDI_POWER_PAIRS, u32::from(pair), "unknown"),
                tok(MDI_POWER_CLASSES, u32::from(class), "unknown")
            );
        }
        3 => {
            if tl < 9 {
                return Ok(false);
            }
            link_aggregation(p, d, t)?;
        }
        4 => {
            if tl < 6 {
                return Ok(false);
            }
            let mtu = d.be16(t + 4)?;
            out!(p, "\n\t    MTU size {mtu}");
        }
        _ => return Ok(true),
    }
    Ok(false)
}

/// `lldp_private_iana_print`: the MUD-URL (RFC 8520).
fn private_iana(p: &mut Printer, d: &[u8], t: usize, tl: usize) -> Result<bool, Trunc> {
    if tl < 8 {
        return Ok(false);
    }
    let st = d.u8_at(t + 3)?;
    subtype_line(p, IANA_SUBTYPES, st);
    if st != 1 {
        return Ok(true);
    }
    p.s("\n\t  MUD-URL=");
    printn(p, d, t + 4, tl - 4)?;
    Ok(false)
}

/// 34 bits of latitude or longitude.
fn latlon(d: &[u8], at: usize) -> Result<u64, Trunc> {
    Ok(u64::from(d.u8_at(at)? & 0x3) << 32 | u64::from(d.be32(at + 1)?))
}

/// `lldp_private_tia_print` (ANSI/TIA-1057, LLDP-MED).
fn private_tia(p: &mut Printer, d: &[u8], t: usize, tl: usize) -> Result<bool, Trunc> {
    if tl < 4 {
        return Ok(false);
    }
    let st = d.u8_at(t + 3)?;
    subtype_line(p, TIA_SUBTYPES, st);
    match st {
        1 => {
            if tl < 7 {
                return Ok(false);
            }
            let caps = d.be16(t + 4)?;
            p.s("\n\t    Media capabilities [");
            bittok2str(p, TIA_CAPS, "none", u32::from(caps));
            let dt = d.u8_at(t + 6)?;
            out!(
                p,
                "] (0x{caps:04x})\n\t    Device type [{}] (0x{dt:02x})",
                tok(TIA_DEVICE_TYPES, u32::from(dt), "unknown")
            );
        }
        2 => {
            if tl < 8 {
                return Ok(false);
            }
            let app = d.u8_at(t + 4)?;
            out!(
                p,
                "\n\t    Application type [{}] (0x{app:02x})",
                tok(TIA_APPLICATION_TYPES, u32::from(app), "none")
            );
            let f = d.u8_at(t + 5)?;
            p.s(", Flags [");
            bittok2str(p, TIA_POLICY_BITS, "none", u32::from(f));
            let (a, b) = (d.be16(t + 5)?, d.be16(t + 6)?);
            out!(
                p,
                "]\n\t    Vlan id {}, L2 priority {}, DSCP value {}",
                (a & 0x1ffe) >> 1,
                (b & 0x01ff) >> 6,
                b & 0x003f
            );
        }
        3 => return location(p, d, t, tl),
        4 => {
            if tl < 7 {
                return Ok(false);
            }
            let x = d.u8_at(t + 4)?;
            // tcpdump's `x & 0xC0 >> 6` is `x & 3` (C's precedence).
            out!(
                p,
                "\n\t    Power type [{}], Power source [{}]",
                if x & 0x03 != 0 {
                    "PD device"
                } else {
                    "PSE device"
                },
                tok(TIA_POWER_SOURCES, u32::from((x & 0x30) >> 4), "none")
            );
            out!(
                p,
                "\n\t    Power priority [{}] (0x{:02x})",
                tok(TIA_POWER_PRIORITIES, u32::from(x & 0x0f), "none"),
                x & 0x0f
            );
            let pw = d.be16(t + 5)?;
            if pw < 1024 {
                // A float divided, then printed as a double (`%.1f`).
                let w = f64::from(f32::from(pw) / 10.0);
                out!(p, ", Power {w:.1} Watts");
            } else {
                out!(p, ", Power {pw} (Reserved)");
            }
        }
        5..=11 => {
            out!(p, "\n\t  {} ", tok(TIA_INVENTORY, u32::from(st), "unknown"));
            super::chars::printjnp(p, d, t + 4, tl - 4)?;
        }
        _ => return Ok(true),
    }
    Ok(false)
}

/// The location identification subtype of LLDP-MED.
fn location(p: &mut Printer, d: &[u8], t: usize, tl: usize) -> Result<bool, Trunc> {
    if tl < 5 {
        return Ok(false);
    }
    let fmt = d.u8_at(t + 4)?;
    out!(
        p,
        "\n\t    Location data format {} (0x{fmt:02x})",
        tok(TIA_LOCATION_FORMATS, u32::from(fmt), "unknown")
    );
    match fmt {
        1 => {
            if tl < 21 {
                return Ok(false);
            }
            let lat_res = d.u8_at(t + 5)? >> 2;
            let lat = latlon(d, t + 5)?;
            out!(
                p,
                "\n\t    Latitude resolution {lat_res}, latitude value {lat}"
            );
            let lon_res = d.u8_at(t + 10)? >> 2;
            let lon = latlon(d, t + 10)?;
            out!(
                p,
                "\n\t    Longitude resolution {lon_res}, longitude value {lon}"
            );
            let at = d.u8_at(t + 15)? >> 4;
            out!(
                p,
                "\n\t    Altitude type {} ({at})",
                tok(ALTITUDE_TYPES, u32::from(at), "unknown")
            );
            let res = (d.be16(t + 15)? >> 6) & 0x3f;
            let alt = d.be32(t + 16)? & 0x3fff_ffff;
            out!(
                p,
                "\n\t    Altitude resolution {res}, altitude value 0x{alt:x}"
            );
            let datum = d.u8_at(t + 20)?;
            out!(
                p,
                "\n\t    Datum {} (0x{datum:02x})",
                tok(TIA_DATUMS, u32::from(datum), "unknown")
            );
        }
        2 => {
            if tl < 6 {
                return Ok(false);
            }
            let mut lci_len = usize::from(d.u8_at(t + 5)?);
            if lci_len < 3 || tl < 7 + lci_len {
                return Ok(false);
            }
            let what = d.u8_at(t + 6)?;
            out!(
                p,
                "\n\t    LCI length {lci_len}, LCI what {} (0x{what:02x}), Country-code ",
                tok(LCI_WHAT, u32::from(what), "unknown")
            );
            super::chars::printjnp(p, d, t + 7, 2)?;
            lci_len -= 3;
            let mut at = t + 9;
            while lci_len > 0 {
                if lci_len < 2 {
                    return Ok(false);
                }
                let (ca_type, ca_len) = (d.u8_at(at)?, usize::from(d.u8_at(at + 1)?));
                at += 2;
                lci_len -= 2;
                out!(
                    p,
                    "\n\t      CA type '{}' ({ca_type}), length {ca_len}: ",
                    tok(LCI_CATYPES, u32::from(ca_type), "unknown")
                );
                if ca_type == 0 || ca_len == 0 || lci_len < ca_len {
                    return Ok(false);
                }
                super::chars::printjnp(p, d, at, ca_len)?;
                at += ca_len;
                lci_len -= ca_len;
            }
        }
        3 => {
            p.s("\n\t    ECS ELIN id ");
            super::chars::printjnp(p, d, t + 5, tl - 5)?;
        }
        _ => {
            p.s("\n\t    Location ID ");
            unknown(p, d, t + 5, "\n\t      ", tl - 5);
        }
    }
    Ok(false)
}

/// The `Enable bit…` part of a DCBX feature TLV's info block, after the
/// versions.
fn dcbx_feature_head(p: &mut Printer, d: &[u8], t: usize) -> P {
    let (oper, max, info, sub) = (
        d.u8_at(t)?,
        d.u8_at(t + 1)?,
        d.u8_at(t + 2)?,
        d.u8_at(t + 3)?,
    );
    out!(
        p,
        "\n\t      Oper_Version: {oper}\n\t      Max_Version: {max}\n\t      Info block(0x{info:02X}): "
    );
    out!(
        p,
        "Enable bit: {}, Willing bit: {}, Error Bit: {}",
        u8::from(info & 0x80 != 0),
        u8::from(info & 0x40 != 0),
        u8::from(info & 0x20 != 0)
    );
    out!(p, "\n\t      SubType: {sub}");
    Ok(())
}

/// `lldp_private_dcbx_print` (DCBX 1.01, its TLVs inside the
/// organisation TLV). Its `trunc:` label returns quietly, with the hex
/// wish of the TLV it stopped at (false), or of the last one decoded.
fn private_dcbx(p: &mut Printer, d: &[u8], t: usize, len: usize) -> Result<bool, Trunc> {
    if len < 4 {
        return Ok(false);
    }
    let st = d.u8_at(t + 3)?;
    subtype_line(p, DCBX_SUBTYPES, st);
    // The old version is not decoded.
    if st == 1 {
        return Ok(true);
    }
    let mut hexdump = false;
    let mut at = t + 4;
    let mut tlen = len - 4;
    while tlen >= 2 {
        if !d.has(at, 2) {
            return Ok(hexdump);
        }
        let tlv = d.be16(at)?;
        let ty = tlv >> 9;
        let tl = usize::from(tlv & 0x01ff);
        hexdump = false;
        tlen -= 2;
        at += 2;
        if ty == 0 || tl == 0 {
            break;
        }
        if !d.has(at, tl) || tlen < tl {
            return Ok(hexdump);
        }
        match ty {
            1 => {
                if tl < 10 {
                    return Ok(hexdump);
                }
                out!(
                    p,
                    "\n\t    Control - Protocol Control (type 0x1, length {tl})"
                );
                let (oper, max) = (d.u8_at(at)?, d.u8_at(at + 1)?);
                let (seq, ack) = (d.be32(at + 2)?, d.be32(at + 6)?);
                out!(
                    p,
                    "\n\t      Oper_Version: {oper}\n\t      Max_Version: {max}\n\t      Sequence Number: {seq}\n\t      Acknowledgement Number: {ack}"
                );
            }
            2 => {
                if tl < 17 {
                    return Ok(hexdump);
                }
                out!(
                    p,
                    "\n\t    Feature - Priority Group (type 0x2, length {tl})"
                );
                dcbx_feature_head(p, d, at)?;
                p.s("\n\t      Priority Allocation");
                let pg = d.be32(at + 4)?;
                for i in 0..8u32 {
                    out!(p, "\n\t          PgId_{i}: {}", (pg >> (28 - 4 * i)) & 0xf);
                }
                p.s("\n\t      Priority Group Allocation");
                for i in 0..8usize {
                    let x = d.u8_at(at + 8 + i)?;
                    out!(p, "\n\t          Pg percentage[{i}]: {x}");
                }
                let n = d.u8_at(at + 16)?;
                out!(p, "\n\t      NumTCsSupported: {n}");
            }
            3 => {
                if tl < 6 {
                    return Ok(hexdump);
                }
                out!(
                    p,
                    "\n\t    Feature - Priority Flow Control (type 0x3, length {tl})"
                );
                dcbx_feature_head(p, d, at)?;
                let cfg = d.u8_at(at + 4)?;
                out!(p, "\n\t      PFC Config (0x{cfg:02X})");
                for i in 0..8 {
                    out!(
                        p,
                        "\n\t          Priority Bit {i}: {}",
                        if cfg & (1 << i) != 0 {
                            "Enabled"
                        } else {
                            "Disabled"
                        }
                    );
                }
                let n = d.u8_at(at + 5)?;
                out!(p, "\n\t      NumTCPFCSupported: {n}");
            }
            4 => {
                if tl < 4 {
                    return Ok(hexdump);
                }
                out!(p, "\n\t    Feature - Application (type 0x4, length {tl})");
                dcbx_feature_head(p, d, at)?;
                let mut left = tl - 4;
                let mut m = at + 4;
                while left >= 6 {
                    let id = d.be16(m)?;
                    let u = u32::from(d.u8_at(m + 2)?) << 16 | u32::from(d.be16(m + 3)?);
                    let upm = d.u8_at(m + 5)?;
                    out!(
                        p,
                        "\n\t      Application Value\n\t          Application Protocol ID: 0x{id:04x}"
                    );
                    out!(
                        p,
                        "\n\t          SF (0x{:x}) Application Protocol ID is {}",
                        u >> 22,
                        if u >> 22 != 0 {
                            "Socket Number"
                        } else {
                            "L2 EtherType"
                        }
                    );
                    out!(
                        p,
                        "\n\t          OUI: 0x{:06x}\n\t          User Priority Map: 0x{upm:02x}",
                        u & 0x3fffff
                    );
                    left -= 6;
                    m += 6;
                }
            }
            _ => hexdump = true,
        }
        // Only reached with -v: the private TLVs are decoded at -v.
        if p.opts.verbose > 1 || hexdump {
            unknown(p, d, at, "\n\t    ", tl);
        }
        tlen -= tl;
        at += tl;
    }
    Ok(hexdump)
}
