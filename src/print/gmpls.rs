//! GMPLS and DiffServ-TE names (`gmpls.c`), shared by the printers of the
//! routing protocols that carry traffic-engineering attributes: IS-IS's
//! extended reachability, OSPF's TE LSAs and RSVP's label requests (and
//! the bandwidths BGP's link-bandwidth community and RSVP carry too).
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
        let v = f64::from(self.0);
        match c_non_finite(v) {
            Some(s) => f.write_str(s),
            None => write!(f, "{v:.3}"),
        }
    }
}

/// What C's printf writes for a NaN or an infinity (Rust would write
/// `NaN`, and no sign on a NaN); `None` for a finite number.
fn c_non_finite(v: f64) -> Option<&'static str> {
    if v.is_nan() {
        Some(if v.is_sign_negative() { "-nan" } else { "nan" })
    } else if v.is_infinite() {
        Some(if v < 0.0 { "-inf" } else { "inf" })
    } else {
        None
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

/// `gmpls_payload_values` (RFC 3471's G-PIDs), "Unknown" for the others.
pub(super) fn payload_name(v: u16) -> &'static str {
    match v {
        0 => "Unknown",
        1 => "Reserved",
        2 => "Reserved",
        3 => "Reserved",
        4 => "Reserved",
        5 => "Asynchronous mapping of E4",
        6 => "Asynchronous mapping of DS3/T3",
        7 => "Asynchronous mapping of E3",
        8 => "Bit synchronous mapping of E3",
        9 => "Byte synchronous mapping of E3",
        10 => "Asynchronous mapping of DS2/T2",
        11 => "Bit synchronous mapping of DS2/T2",
        12 => "Reserved",
        13 => "Asynchronous mapping of E1",
        14 => "Byte synchronous mapping of E1",
        15 => "Byte synchronous mapping of 31 * DS0",
        16 => "Asynchronous mapping of DS1/T1",
        17 => "Bit synchronous mapping of DS1/T1",
        18 => "Byte synchronous mapping of DS1/T1",
        19 => "VC-11 in VC-12",
        20 => "Reserved",
        21 => "Reserved",
        22 => "DS1 SF Asynchronous",
        23 => "DS1 ESF Asynchronous",
        24 => "DS3 M23 Asynchronous",
        25 => "DS3 C-Bit Parity Asynchronous",
        26 => "VT/LOVC",
        27 => "STS SPE/HOVC",
        28 => "POS - No Scrambling, 16 bit CRC",
        29 => "POS - No Scrambling, 32 bit CRC",
        30 => "POS - Scrambling, 16 bit CRC",
        31 => "POS - Scrambling, 32 bit CRC",
        32 => "ATM mapping",
        33 => "Ethernet PHY",
        34 => "SONET/SDH",
        35 => "Reserved (SONET deprecated)",
        36 => "Digital Wrapper",
        37 => "Lambda",
        38 => "ANSI/ETSI PDH",
        39 => "Reserved",
        40 => "Link Access Protocol SDH (X.85 and X.86)",
        41 => "FDDI",
        42 => "DQDB (ETSI ETS 300 216)",
        43 => "FiberChannel-3 (Services)",
        44 => "HDLC",
        45 => "Ethernet V2/DIX (only)",
        46 => "Ethernet 802.3 (only)",
        47 => "G.709 ODUj",
        48 => "G.709 OTUk(v)",
        49 => "CBR/CBRa",
        50 => "CBRb",
        51 => "BSOT",
        52 => "BSNT",
        53 => "IP/PPP (GFP)",
        54 => "Ethernet MAC (framed GFP)",
        55 => "Ethernet PHY (transparent GFP)",
        56 => "ESCON",
        57 => "FICON",
        58 => "Fiber Channel",
        _ => "Unknown",
    }
}

/// `%.10g` of a float as C's printf writes it (RSVP's IntServ rates and
/// its fast-reroute bandwidth): the shorter of `%e` and `%f` at ten
/// significant digits, trailing zeros dropped.
pub(super) struct G10(pub(super) f64);

impl fmt::Display for G10 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const P: i32 = 10;
        let v = self.0;
        if let Some(s) = c_non_finite(v) {
            return f.write_str(s);
        }
        if v == 0.0 {
            return f.write_str(if v.is_sign_negative() { "-0" } else { "0" });
        }
        // `%e`'s exponent after rounding to P digits decides the style.
        let e = format!("{:.*e}", (P - 1) as usize, v);
        let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
        let x: i32 = exp.parse().unwrap_or(0);
        if !(-4..P).contains(&x) {
            let mant = trim_zeros(mant);
            let sign = if x < 0 { '-' } else { '+' };
            write!(f, "{mant}e{sign}{:02}", x.unsigned_abs())
        } else {
            let s = format!("{:.*}", (P - 1 - x) as usize, v);
            f.write_str(trim_zeros(&s))
        }
    }
}

/// `%g`'s removal of trailing zeros (and of a point left last).
fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::{CFloat3, G10, Mbps};

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

    /// `%.10g`, checked against C's printf: the exponent style from ten
    /// digits on and under 1e-4, trailing zeros dropped, the rounding that
    /// can carry into the exponent.
    #[test]
    fn g10_prints_as_c_does() {
        let cases: [(f64, &str); 12] = [
            (1.0, "1"),
            (1e10, "1e+10"),
            (1_234_567_890.0, "1234567890"),
            (12_345_678_901.0, "1.23456789e+10"),
            (0.0001, "0.0001"),
            (0.000_012_34, "1.234e-05"),
            (f64::from(0.1f32), "0.1000000015"),
            (9_999_999_999.5, "1e+10"),
            (-2.5, "-2.5"),
            (0.0, "0"),
            (f64::INFINITY, "inf"),
            (f64::NAN, "nan"),
        ];
        for (v, s) in cases {
            assert_eq!(G10(v).to_string(), s, "{v}");
        }
    }
}
