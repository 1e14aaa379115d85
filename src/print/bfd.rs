//! BFD (RFC 5880/5881/5883, RFC 7130; UDP to ports 3784, 4784, 6784 and
//! 3785) as tcpdump 4.99's `print-bfd.c` prints it: version 0 and 1
//! control packets (state, flags, diagnostic; `-v` the timers,
//! discriminators and authentication section), echo packets, other
//! versions, `-v` the unknown bytes in hex.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::hex::print_unknown_data;
use super::tok::{BitTok, bittok2str};
use super::{P, Printer, chars, out};
use crate::decode::{Bytes, Trunc};

pub(super) const BFD_CONTROL_PORT: u16 = 3784;
pub(super) const BFD_ECHO_PORT: u16 = 3785;
pub(super) const BFD_MULTIHOP_PORT: u16 = 4784;
pub(super) const BFD_LAG_PORT: u16 = 6784;

/// The control packet's mandatory section (`struct bfd_header_t`).
const HEADER: usize = 24;

const V0_FLAGS: &BitTok = &[
    (0x80, "I Hear You"),
    (0x40, "Demand"),
    (0x20, "Poll"),
    (0x10, "Final"),
    (0x08, "Control Plane Independent"),
    (0x04, "Authentication Present"),
    (0x02, "Reserved"),
    (0x01, "Reserved"),
];

const V1_FLAGS: &BitTok = &[
    (0x20, "Poll"),
    (0x10, "Final"),
    (0x08, "Control Plane Independent"),
    (0x04, "Authentication Present"),
    (0x02, "Demand"),
    (0x01, "Multipoint"),
];

const FLAG_AUTH: u8 = 0x04;

fn diag_name(d: u8) -> &'static str {
    match d {
        0 => "No Diagnostic",
        1 => "Control Detection Time Expired",
        2 => "Echo Function Failed",
        3 => "Neighbor Signaled Session Down",
        4 => "Forwarding Plane Reset",
        5 => "Path Down",
        6 => "Concatenated Path Down",
        7 => "Administratively Down",
        8 => "Reverse Concatenated Path Down",
        _ => "unknown",
    }
}

fn port_name(p: &mut Printer, port: u16) {
    match port {
        BFD_CONTROL_PORT => p.s("Control"),
        BFD_MULTIHOP_PORT => p.s("Multihop"),
        BFD_LAG_PORT => p.s("Lag"),
        _ => out!(p, "unknown ({port})"),
    }
}

fn state_name(p: &mut Printer, s: u8) {
    match s {
        0 => p.s("AdminDown"),
        1 => p.s("Down"),
        2 => p.s("Init"),
        3 => p.s("Up"),
        _ => out!(p, "unknown ({s})"),
    }
}

fn auth_name(t: u8) -> &'static str {
    match t {
        1 => "Simple Password",
        2 => "Keyed MD5",
        3 => "Meticulous Keyed MD5",
        4 => "Keyed SHA1",
        5 => "Meticulous Keyed SHA1",
        _ => "Unknown",
    }
}

/// `bfd_print`: `port` is the destination port that chose it, `len` the
/// UDP payload's length.
pub(super) fn bfd_print(p: &mut Printer, d: &[u8], len: usize, port: u16) -> P {
    p.cur.protocol = "bfd";
    if !matches!(port, BFD_CONTROL_PORT | BFD_MULTIHOP_PORT | BFD_LAG_PORT) {
        if port == BFD_ECHO_PORT {
            out!(p, "BFD, Echo, length: {len}");
        } else {
            out!(p, "BFD, unknown ({port}), length: {len}");
        }
        if p.opts.verbose >= 1 {
            print_unknown_data(p, Some(d), "\n\t", len);
        }
        return Ok(());
    }
    d.array::<HEADER>(0)?;
    let version_diag = d.u8_at(0)?;
    let (version, diag) = (version_diag >> 5, version_diag & 0x1f);
    let flags = d.u8_at(1)?;
    match version {
        0 | 1 => {}
        _ => {
            out!(p, "BFDv{version}, Control, length: {len}");
            if p.opts.verbose >= 1 {
                print_unknown_data(p, Some(d), "\n\t", len);
            }
            return Ok(());
        }
    }
    if p.opts.verbose < 1 {
        if version == 0 {
            p.s("BFDv0, Control, Flags: [");
            bittok2str(p, V0_FLAGS, "none", u32::from(flags));
        } else {
            p.s("BFDv1, ");
            port_name(p, port);
            p.s(", State ");
            state_name(p, flags >> 6);
            p.s(", Flags: [");
            bittok2str(p, V1_FLAGS, "none", u32::from(flags & 0x3f));
        }
        out!(p, "], length: {len}");
        return Ok(());
    }
    out!(p, "BFDv{version}, length: {len}\n\t");
    if version == 0 {
        p.s("Control, Flags: [");
        bittok2str(p, V0_FLAGS, "none", u32::from(flags));
    } else {
        port_name(p, port);
        p.s(", State ");
        state_name(p, flags >> 6);
        p.s(", Flags: [");
        bittok2str(p, V1_FLAGS, "none", u32::from(flags & 0x3f));
    }
    out!(p, "], Diagnostic: {} (0x{diag:02x})", diag_name(diag));
    let mult = d.u8_at(2)?;
    let tx = d.be32(12)?;
    out!(
        p,
        "\n\tDetection Timer Multiplier: {mult} ({} ms Detection time), BFD Length: {}",
        u32::from(mult).wrapping_mul(tx) / 1000,
        d.u8_at(3)?
    );
    out!(p, "\n\tMy Discriminator: 0x{:08x}", d.be32(4)?);
    out!(p, ", Your Discriminator: 0x{:08x}", d.be32(8)?);
    out!(p, "\n\t  Desired min Tx Interval:    {:4} ms", tx / 1000);
    out!(
        p,
        "\n\t  Required min Rx Interval:   {:4} ms",
        d.be32(16)? / 1000
    );
    out!(
        p,
        "\n\t  Required min Echo Interval: {:4} ms",
        d.be32(20)? / 1000
    );
    if flags & FLAG_AUTH != 0 {
        auth_print(p, d)?;
    }
    Ok(())
}

/// `auth_print`: the authentication section after the mandatory one.
fn auth_print(p: &mut Printer, d: &[u8]) -> P {
    d.array::<4>(HEADER)?;
    let (ty, len) = (d.u8_at(HEADER)?, d.u8_at(HEADER + 1)?);
    out!(
        p,
        "\n\tAuthentication: {} ({ty}), length: {len}",
        auth_name(ty)
    );
    out!(p, "\n\t  Auth Key ID: {}", d.u8_at(HEADER + 2)?);
    let (field, hash, label) = match ty {
        1 => {
            if !(4..=19).contains(&len) {
                out!(p, "[invalid length {len}]");
                return Ok(());
            }
            p.s(", Password: ");
            // `nd_printn` without an end: its reads stop at the capture.
            for i in 0..usize::from(len - 3) {
                let c = d.u8_at(HEADER + 3 + i)?;
                chars::print_char(p, c);
            }
            return Ok(());
        }
        2 | 3 => (24, 16, "Digest"),
        4 | 5 => (28, 20, "Hash"),
        _ => return Ok(()),
    };
    if len != field {
        out!(p, "[invalid length {len}]");
        return Ok(());
    }
    out!(p, ", Sequence Number: 0x{:08x}", d.be32(HEADER + 4)?);
    let at = HEADER + 8;
    if !d.has(at, hash) {
        return Err(Trunc);
    }
    out!(p, "\n\t  {label}: ");
    for i in 0..hash {
        out!(p, "{:02x}", d.u8_at(at + i)?);
    }
    Ok(())
}
