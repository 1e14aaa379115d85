//! GMPLS and DiffServ-TE names (`gmpls.c`), shared by the printers of the
//! routing protocols that carry traffic-engineering attributes: IS-IS's
//! extended reachability and OSPF's TE LSAs (and the bandwidths BGP's
//! link-bandwidth community carries too).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::fmt;

use super::tok::BitTok;

/// `gmpls_link_prot_values` (RFC 4203's link protection bits).
pub(super) const LINK_PROT: &BitTok = &[
    (0x01, "Extra Traffic"),
    (0x02, "Unprotected"),
    (0x04, "Shared"),
    (0x08, "Dedicated 1:1"),
    (0x10, "Dedicated 1+1"),
    (0x20, "Enhanced"),
    (0x40, "Reserved"),
    (0x80, "Reserved"),
];

/// `gmpls_switch_cap_values` (RFC 3471), "Unknown" for the others.
pub(super) fn switch_cap_name(v: u8) -> &'static str {
    match v {
        1 => "Packet-Switch Capable-1",
        2 => "Packet-Switch Capable-2",
        3 => "Packet-Switch Capable-3",
        4 => "Packet-Switch Capable-4",
        51 => "Layer-2 Switch Capable",
        100 => "Time-Division-Multiplex",
        150 => "Lambda-Switch Capable",
        200 => "Fiber-Switch Capable",
        _ => "Unknown",
    }
}

/// `gmpls_encoding_values` (RFC 3471), "Unknown" for the others.
pub(super) fn encoding_name(v: u8) -> &'static str {
    match v {
        1 => "Packet",
        2 => "Ethernet V2/DIX",
        3 => "ANSI/ETSI PDH",
        4 | 6 | 10 => "Reserved",
        5 => "SDH ITU-T G.707/SONET ANSI T1.105",
        7 => "Digital Wrapper",
        8 => "Lambda (photonic)",
        9 => "Fiber",
        11 => "FiberChannel",
        _ => "Unknown",
    }
}

/// `diffserv_te_bc_values` (RFC 4124's bandwidth constraints models),
/// "unknown" for the others.
pub(super) fn bc_model_name(v: u8) -> &'static str {
    match v {
        0 => "Russian dolls",
        1 => "Maximum allocation",
        254 => "Maximum allocation with E-LSP support",
        _ => "unknown",
    }
}

/// `%.3f` of a float as C's printf writes it: `nan`, `-nan`, `inf`, `-inf`
/// where Rust would write `NaN` and `inf`.
pub(super) struct CFloat3(pub(super) f32);

impl fmt::Display for CFloat3 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        if v.is_nan() {
            f.write_str(if v.is_sign_negative() { "-nan" } else { "nan" })
        } else if v.is_infinite() {
            f.write_str(if v < 0.0 { "-inf" } else { "inf" })
        } else {
            write!(f, "{:.3}", f64::from(v))
        }
    }
}

/// A bandwidth sent as IEEE single precision bytes per second, in Mbps as
/// tcpdump prints it (`bw.f * 8 / 1000000`, float arithmetic, `%.3f`).
pub(super) struct Mbps(pub(super) u32);

impl fmt::Display for Mbps {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        CFloat3(f32::from_bits(self.0) * 8.0 / 1_000_000.0).fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::{CFloat3, Mbps};

    #[test]
    fn floats_print_as_c_does() {
        assert_eq!(CFloat3(1000.0).to_string(), "1000.000");
        assert_eq!(CFloat3(f32::NAN).to_string(), "nan");
        assert_eq!(CFloat3(-f32::NAN).to_string(), "-nan");
        assert_eq!(CFloat3(f32::INFINITY).to_string(), "inf");
        assert_eq!(CFloat3(f32::NEG_INFINITY).to_string(), "-inf");
        assert_eq!(Mbps(125_000_000f32.to_bits()).to_string(), "1000.000");
        assert_eq!(Mbps(f32::INFINITY.to_bits()).to_string(), "inf");
    }
}
