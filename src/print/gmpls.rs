//! GMPLS and DiffServ-TE names (`gmpls.c`), shared by the printers of the
//! routing protocols that carry traffic-engineering attributes: IS-IS's
//! extended reachability and OSPF's TE LSAs.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

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
