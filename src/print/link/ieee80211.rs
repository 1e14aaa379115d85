//! IEEE 802.11 as tcpdump 4.99 prints it (`print-802_11.c`): link types
//! IEEE802_11 (the frame alone) and IEEE802_11_RADIO (a radiotap header
//! first: its fields as `ieee802_11_radio_print` words them, walked by
//! `decode::ieee80211::RadiotapFields`; its flags say whether the frame
//! ends with an FCS and whether the MAC header is padded). Then the frame:
//! with `-e` its MAC header (addresses by frame type, with `-v` the frame
//! control flags and duration); management frames by subtype (SSID, rates,
//! channel, capability, status and reason codes), control frames, and data
//! frames through the LLC printer (null-function frames print nothing,
//! protected ones their WEP IV).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::super::{P, Printer, chars, hex, out};
use super::ether::llc_print;
use super::ieee80211_tables::{HT_RATES, REASON, STATUS};
use crate::decode::Bytes;
use crate::decode::ieee80211::{
    PRISM_HEADER_LEN, RADIOTAP_F_DATAPAD, RADIOTAP_F_FCS, RadiotapView, RtField, avs_header_len,
    is_avs_cookie,
};

const T_MGMT: u16 = 0;
const T_CTRL: u16 = 1;
const T_DATA: u16 = 2;

const CTRL_CONTROL_WRAPPER: u16 = 0x7;
const CTRL_BAR: u16 = 0x8;
const CTRL_BA: u16 = 0x9;
const CTRL_PS_POLL: u16 = 0xa;
const CTRL_RTS: u16 = 0xb;
const CTRL_CTS: u16 = 0xc;
const CTRL_ACK: u16 = 0xd;
const CTRL_CF_END: u16 = 0xe;
const CTRL_END_ACK: u16 = 0xf;

fn fc_type(fc: u16) -> u16 {
    (fc >> 2) & 3
}
fn fc_subtype(fc: u16) -> u16 {
    (fc >> 4) & 0xf
}
const TO_DS: u16 = 0x0100;
const FROM_DS: u16 = 0x0200;
const PROTECTED: u16 = 0x4000;

/// `ieee802_11_if_print`: DLT_IEEE802_11, no FCS.
pub(super) fn ieee802_11_if_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "802.11";
    let n = ieee802_11_print(p, data, length, false, 0, 0)?;
    p.cur.ll_hdr_len = p.cur.ll_hdr_len.max(n);
    Ok(())
}

/// `prism_if_print`: DLT_PRISM_HEADER, a 144-byte Prism header (not
/// printed) or, when it starts with the AVS cookie, an AVS header.
pub(super) fn prism_if_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "prism";
    let caplen = data.len();
    let Ok(code) = data.be32(0) else {
        p.trunc();
        p.cur.ll_hdr_len = caplen;
        return Ok(());
    };
    if is_avs_cookie(code) {
        return radio_avs_if_print(p, data, length);
    }
    if caplen < PRISM_HEADER_LEN {
        p.trunc();
        p.cur.ll_hdr_len = caplen;
        return Ok(());
    }
    p.cur.ll_hdr_len = PRISM_HEADER_LEN;
    let frame = data.from(PRISM_HEADER_LEN)?;
    let n = ieee802_11_print(
        p,
        frame,
        length.saturating_sub(PRISM_HEADER_LEN),
        false,
        0,
        PRISM_HEADER_LEN,
    )?;
    p.cur.ll_hdr_len = p.cur.ll_hdr_len.max(PRISM_HEADER_LEN + n);
    Ok(())
}

/// `ieee802_11_radio_avs_print`: DLT_IEEE802_11_RADIO_AVS, an AVS header
/// (its length a big-endian word at offset 4; not printed), then the frame.
pub(super) fn radio_avs_if_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    p.cur.protocol = "802.11_radio_avs";
    let caplen = data.len();
    let hdr = match avs_header_len(data) {
        Ok(Some(n)) if n <= caplen => n,
        _ => {
            p.trunc();
            p.cur.ll_hdr_len = caplen;
            return Ok(());
        }
    };
    p.cur.ll_hdr_len = hdr;
    let frame = data.from(hdr)?;
    let n = ieee802_11_print(p, frame, length.saturating_sub(hdr), false, 0, hdr)?;
    p.cur.ll_hdr_len = p.cur.ll_hdr_len.max(hdr + n);
    Ok(())
}

/// `ieee802_11_radio_if_print`: DLT_IEEE802_11_RADIO.
pub(super) fn ieee802_11_radio_if_print(p: &mut Printer, data: &[u8], length: usize) -> P {
    ieee802_11_radio_print(p, data, length, 0)
}

/// `ieee802_11_radio_print`: the radiotap header's fields, then the frame;
/// `base` bytes came before the header (a Linux cooked header).
pub(super) fn ieee802_11_radio_print(
    p: &mut Printer,
    data: &[u8],
    length: usize,
    base: usize,
) -> P {
    p.cur.protocol = "802.11_radio";
    let caplen = data.len();
    let header = match RadiotapView::new_checked(data) {
        Ok(Some(h)) => h,
        _ => {
            // Shorter than its fixed part or its length field, or its
            // bitmaps run past it: tcpdump gives up on the frame.
            p.trunc();
            p.cur.ll_hdr_len = base + caplen;
            return Ok(());
        }
    };
    let mut flags = 0;
    for item in header.fields() {
        if !radiotap_field(p, item.field, item.present, &mut flags) {
            break;
        }
    }
    let len = header.header_len();
    p.cur.ll_hdr_len = base + len;
    let frame = data.from(len)?;
    let n = ieee802_11_print(
        p,
        frame,
        length.saturating_sub(len),
        flags & RADIOTAP_F_DATAPAD != 0,
        if flags & RADIOTAP_F_FCS != 0 { 4 } else { 0 },
        base + len,
    )?;
    p.cur.ll_hdr_len = p.cur.ll_hdr_len.max(base + len + n);
    Ok(())
}

/// `print_radiotap_field` for one field (its bitmap `present`); false when
/// the walk stops there (a truncated field, or one tcpdump cannot size).
fn radiotap_field(p: &mut Printer, field: RtField, present: u32, flagsp: &mut u8) -> bool {
    use RtField::*;
    match field {
        Tsft(v) => out!(p, "{v}us tsft "),
        Flags(v) => {
            *flagsp = v;
            for (bit, text) in [
                (0x01, "cfp "),
                (0x02, "short preamble "),
                (0x04, "wep "),
                (0x08, "fragmented "),
                (0x40, "bad-fcs "),
            ] {
                if v & bit != 0 {
                    p.s(text);
                }
            }
        }
        Rate(r) => {
            if (0x80..=0x8f).contains(&r) {
                out!(p, "MCS {} ", r & 0x7f);
            } else {
                out!(p, "{:2.1} Mb/s ", 0.5 * f64::from(r));
            }
        }
        Channel { freq, flags } => {
            // With an XChannel field too, only that one is shown.
            if present & (1 << 18) == 0 {
                chaninfo(p, freq, u32::from(flags), present);
            }
        }
        Fhss { hopset, pattern } => out!(p, "fhset {hopset} fhpat {pattern} "),
        DbmAntSignal(v) => out!(p, "{v}dBm signal "),
        DbmAntNoise(v) => out!(p, "{v}dBm noise "),
        LockQuality(v) => out!(p, "{v} sq "),
        TxAttenuation(v) => out!(p, "{} tx power ", -i32::from(v)),
        DbTxAttenuation(v) => out!(p, "{}dB tx attenuation ", -i32::from(v)),
        DbmTxPower(v) => out!(p, "{v}dBm tx power "),
        Antenna(v) => out!(p, "antenna {v} "),
        DbAntSignal(v) => out!(p, "{v}dB signal "),
        DbAntNoise(v) => out!(p, "{v}dB noise "),
        RxFlags(_) | AmpduStatus => {}
        XChannel { flags, freq } => chaninfo(p, freq, flags, present),
        Mcs {
            known,
            flags,
            index,
        } => mcs(p, known, flags, index),
        Vht {
            known,
            flags,
            bandwidth,
            mcs_nss,
            coding,
        } => vht(p, known, flags, bandwidth, mcs_nss, coding),
        Unknown(bit) => {
            out!(p, "[bit {bit}] ");
            return false;
        }
        Truncated => {
            p.trunc();
            return false;
        }
        VendorTruncated => p.trunc(),
    }
    true
}

/// `print_chaninfo`.
fn chaninfo(p: &mut Printer, freq: u16, flags: u32, present: u32) {
    const TURBO: u32 = 0x10;
    const CCK: u32 = 0x20;
    const OFDM: u32 = 0x40;
    const GHZ2: u32 = 0x80;
    const GHZ5: u32 = 0x100;
    const DYN: u32 = 0x400;
    const GFSK: u32 = 0x800;
    const HALF: u32 = 0x4000;
    const QUARTER: u32 = 0x8000;
    let is = |mask: u32| flags & mask == mask;
    out!(p, "{freq} MHz");
    if present & (1 << 19) != 0 {
        // An MCS field: 11n whatever the channel flags say.
        p.s(" 11n");
    } else {
        if is(GHZ2 | GFSK) {
            p.s(" FHSS");
        }
        if is(GHZ5 | OFDM) {
            p.s(if flags & HALF != 0 {
                " 11a/10Mhz"
            } else if flags & QUARTER != 0 {
                " 11a/5Mhz"
            } else {
                " 11a"
            });
        }
        if is(GHZ2 | OFDM) || is(GHZ2 | DYN) {
            p.s(if flags & HALF != 0 {
                " 11g/10Mhz"
            } else if flags & QUARTER != 0 {
                " 11g/5Mhz"
            } else {
                " 11g"
            });
        } else if is(GHZ2 | CCK) {
            p.s(" 11b");
        }
        if flags & TURBO != 0 {
            p.s(" Turbo");
        }
    }
    if flags & 0x10000 != 0 {
        p.s(" ht/20");
    } else if flags & 0x40000 != 0 {
        p.s(" ht/40-");
    } else if flags & 0x20000 != 0 {
        p.s(" ht/40+");
    }
    p.s(" ");
}

/// The MCS field (802.11n).
fn mcs(p: &mut Printer, known: u8, flags: u8, index: u8) {
    const BANDWIDTH_KNOWN: u8 = 0x01;
    const INDEX_KNOWN: u8 = 0x02;
    const GI_KNOWN: u8 = 0x04;
    const FORMAT_KNOWN: u8 = 0x08;
    const FEC_KNOWN: u8 = 0x10;
    const STBC_KNOWN: u8 = 0x20;
    if known & INDEX_KNOWN != 0 {
        let rate = match HT_RATES.get(usize::from(index)) {
            Some(r) if known & (BANDWIDTH_KNOWN | GI_KNOWN) != 0 => {
                let width = usize::from(flags & 3 == 1);
                let gi = usize::from(flags & 0x04 != 0);
                r.get(width).and_then(|w| w.get(gi)).copied().unwrap_or(0.0)
            }
            _ => 0.0,
        };
        if rate != 0.0 {
            out!(p, "{:.1} Mb/s MCS {index} ", f64::from(rate));
        } else {
            out!(p, "MCS {index} ");
        }
    }
    if known & BANDWIDTH_KNOWN != 0 {
        let bw = ["20 MHz", "40 MHz", "20 MHz (L)", "20 MHz (U)"];
        out!(
            p,
            "{} ",
            bw.get(usize::from(flags & 3)).copied().unwrap_or("")
        );
    }
    if known & GI_KNOWN != 0 {
        out!(
            p,
            "{} GI ",
            if flags & 0x04 != 0 { "short" } else { "long" }
        );
    }
    if known & FORMAT_KNOWN != 0 {
        out!(
            p,
            "{} ",
            if flags & 0x08 != 0 {
                "greenfield"
            } else {
                "mixed"
            }
        );
    }
    if known & FEC_KNOWN != 0 {
        out!(p, "{} FEC ", if flags & 0x10 != 0 { "LDPC" } else { "BCC" });
    }
    if known & STBC_KNOWN != 0 {
        out!(p, "RX-STBC{} ", (flags & 0x60) >> 5);
    }
}

/// The VHT field (802.11ac).
fn vht(p: &mut Printer, known: u16, flags: u8, bandwidth: u8, mcs_nss: [u8; 4], coding: u8) {
    const BANDWIDTHS: [&str; 32] = [
        "20 MHz",
        "40 MHz",
        "20 MHz (L)",
        "20 MHz (U)",
        "80 MHz",
        "80 MHz (L)",
        "80 MHz (U)",
        "80 MHz (LL)",
        "80 MHz (LU)",
        "80 MHz (UL)",
        "80 MHz (UU)",
        "160 MHz",
        "160 MHz (L)",
        "160 MHz (U)",
        "160 MHz (LL)",
        "160 MHz (LU)",
        "160 MHz (UL)",
        "160 MHz (UU)",
        "160 MHz (LLL)",
        "160 MHz (LLU)",
        "160 MHz (LUL)",
        "160 MHz (UUU)",
        "160 MHz (ULL)",
        "160 MHz (ULU)",
        "160 MHz (UUL)",
        "160 MHz (UUU)",
        "unknown (26)",
        "unknown (27)",
        "unknown (28)",
        "unknown (29)",
        "unknown (30)",
        "unknown (31)",
    ];
    for (i, v) in mcs_nss.iter().enumerate() {
        if v & 0x0f == 0 {
            continue;
        }
        out!(p, "User {i} MCS {} ", v >> 4);
        let ldpc = coding & (1 << i) != 0;
        out!(p, "{} FEC ", if ldpc { "LDPC" } else { "BCC" });
    }
    if known & 0x0040 != 0 {
        let bw = BANDWIDTHS.get(usize::from(bandwidth & 0x1f)).copied();
        out!(p, "{} ", bw.unwrap_or(""));
    }
    if known & 0x0004 != 0 {
        out!(
            p,
            "{} GI ",
            if flags & 0x04 != 0 { "short" } else { "long" }
        );
    }
}

/// `extract_header_length`: 0 for an unknown type or control subtype
/// (after saying so).
fn header_length(p: &mut Printer, fc: u16) -> usize {
    match fc_type(fc) {
        T_MGMT => 24,
        T_CTRL => match fc_subtype(fc) {
            CTRL_CONTROL_WRAPPER => 16,
            CTRL_BAR => 20,
            CTRL_BA | CTRL_CTS | CTRL_ACK => 10,
            CTRL_PS_POLL | CTRL_RTS | CTRL_CF_END | CTRL_END_ACK => 16,
            st => {
                out!(p, "unknown 802.11 ctrl frame subtype ({st})");
                0
            }
        },
        T_DATA => {
            let mut len = if fc & (TO_DS | FROM_DS) == TO_DS | FROM_DS {
                30
            } else {
                24
            };
            if fc_subtype(fc) & 0x8 != 0 {
                len += 2;
            }
            len
        }
        t => {
            out!(p, "unknown 802.11 frame type ({t})");
            0
        }
    }
}

/// `ieee802_11_print`: the frame (`length` bytes on the wire, an FCS of
/// `fcslen` bytes at its end, its MAC header padded to 4 bytes when `pad`);
/// `base` bytes came before it. Returns what tcpdump adds to its link-header
/// length: the MAC header, and the LLC header of a data frame.
fn ieee802_11_print(
    p: &mut Printer,
    data: &[u8],
    length: usize,
    pad: bool,
    fcslen: usize,
    base: usize,
) -> Result<usize, crate::decode::Trunc> {
    p.cur.protocol = "802.11";
    let orig_caplen = data.len();
    let Some(length) = length.checked_sub(fcslen) else {
        p.trunc();
        return Ok(orig_caplen);
    };
    // The FCS is not part of what the frame carries.
    let data = data.cap(length);
    let caplen = data.len();
    if caplen < 2 {
        p.trunc();
        return Ok(orig_caplen);
    }
    let fc = data.le16(0)?;
    let mut hdrlen = header_length(p, fc);
    if hdrlen == 0 {
        return Ok(0);
    }
    if pad {
        hdrlen = hdrlen.next_multiple_of(4);
    }
    // `-H`: a mesh control field (flags, TTL, sequence number, 0 to 3
    // more addresses by its address extension mode).
    let mut meshdrlen = 0;
    if p.opts.mesh_headers && fc_type(fc) == T_DATA && fc_subtype(fc) & 0x8 != 0 {
        let Ok(flags) = data.u8_at(hdrlen) else {
            p.trunc();
            return Ok(hdrlen);
        };
        if flags & !3 == 0 {
            meshdrlen = 6 * (1 + usize::from(flags & 3));
        }
        hdrlen += meshdrlen;
    }
    if caplen < hdrlen {
        p.trunc();
        return Ok(hdrlen);
    }
    if p.opts.link_header {
        hdr_print(p, fc, data, hdrlen, meshdrlen)?;
    }
    let body = data.from(hdrlen)?;
    let length = length - hdrlen;
    match fc_type(fc) {
        T_MGMT => {
            let sa = data.range(10, 6)?;
            if !mgmt_body_print(p, fc, sa, body, length)? {
                p.trunc();
            }
        }
        T_CTRL => {
            if !ctrl_body_print(p, fc, data)? {
                p.trunc();
            }
        }
        _ => {
            if fc_subtype(fc) & 0x4 != 0 {
                // A frame without data (null function, CF-Ack/Poll).
                return Ok(hdrlen);
            }
            if fc & PROTECTED != 0 {
                p.s("Data");
                if !wep_print(p, body)? {
                    p.trunc();
                }
                return Ok(hdrlen);
            }
            let (src, dst) = data_src_dst(fc, data)?;
            if !llc_print(p, body, length, Some((src, dst)), Some(base + hdrlen))? {
                hex::default_print_unless_suppressed(p, body)?;
            }
            return Ok(p.cur.ll_hdr_len.saturating_sub(base));
        }
    }
    Ok(hdrlen)
}

/// `get_data_src_dst_mac`: the source and destination of a data frame.
fn data_src_dst(fc: u16, h: &[u8]) -> Result<(&[u8], &[u8]), crate::decode::Trunc> {
    let (src, dst) = match (fc & TO_DS != 0, fc & FROM_DS != 0) {
        (false, false) => (10, 4),
        (false, true) => (16, 4),
        (true, false) => (10, 16),
        (true, true) => (24, 16),
    };
    Ok((h.range(src, 6)?, h.range(dst, 6)?))
}

/// `ieee_802_11_hdr_print` (`-e`): with `-v` the frame control's flags and
/// the duration, the mesh control field (`-H`), the addresses.
fn hdr_print(p: &mut Printer, fc: u16, h: &[u8], hdrlen: usize, meshdrlen: usize) -> P {
    if p.opts.verbose > 0 {
        for (bit, text) in [
            (0x2000, "More Data "),
            (0x0400, "More Fragments "),
            (0x1000, "Pwr Mgmt "),
            (0x0800, "Retry "),
            (0x8000, "Strictly Ordered "),
            (PROTECTED, "Protected "),
        ] {
            if fc & bit != 0 {
                p.s(text);
            }
        }
        if fc_type(fc) != T_CTRL || fc_subtype(fc) != CTRL_PS_POLL {
            out!(p, "{}us ", h.le16(2)?);
        }
    }
    if meshdrlen != 0 {
        let mc = hdrlen - meshdrlen;
        let ae = h.u8_at(mc)? & 3;
        let ttl = h.u8_at(mc + 1)?;
        let seq = h.le32(mc + 2)?;
        out!(p, "MeshData (AE {ae} TTL {ttl} seq {seq}");
        for (i, label) in [" A4:", " A5:", " A6:"].into_iter().enumerate() {
            if usize::from(ae) > i {
                let a = h.range(mc + 6 + 6 * i, 6)?;
                p.s(label);
                p.etheraddr(a);
            }
        }
        p.s(") ");
    }
    let mac = |p: &mut Printer, label: &str, at: usize| -> P {
        let a = h.range(at, 6)?;
        p.s(label);
        p.etheraddr(a);
        p.s(" ");
        Ok(())
    };
    match fc_type(fc) {
        T_MGMT => {
            mac(p, "BSSID:", 16)?;
            mac(p, "DA:", 4)?;
            mac(p, "SA:", 10)?;
        }
        T_CTRL => match fc_subtype(fc) {
            CTRL_BAR => {
                let (ctl, seq) = (h.le16(16)?, h.le16(18)?);
                p.s(" ");
                mac(p, "RA:", 4)?;
                mac(p, "TA:", 10)?;
                out!(p, "CTL({ctl:x}) SEQ({seq}) ");
            }
            CTRL_BA | CTRL_CTS | CTRL_ACK => mac(p, "RA:", 4)?,
            CTRL_PS_POLL => {
                mac(p, "BSSID:", 4)?;
                mac(p, "TA:", 10)?;
            }
            CTRL_RTS => {
                mac(p, "RA:", 4)?;
                mac(p, "TA:", 10)?;
            }
            CTRL_CF_END | CTRL_END_ACK => {
                mac(p, "RA:", 4)?;
                mac(p, "BSSID:", 10)?;
            }
            _ => {}
        },
        T_DATA => {
            let st = fc_subtype(fc);
            if st & 0x0b != 0 {
                p.s("CF ");
                if st & 0x1 != 0 {
                    p.s(if st & 0x2 != 0 { "Ack/Poll" } else { "Ack" });
                } else if st & 0x2 != 0 {
                    p.s("Poll");
                }
                if st & 0x8 != 0 {
                    p.s("+QoS");
                }
                p.s(" ");
            }
            match (fc & TO_DS != 0, fc & FROM_DS != 0) {
                (false, false) => {
                    mac(p, "DA:", 4)?;
                    mac(p, "SA:", 10)?;
                    mac(p, "BSSID:", 16)?;
                }
                (false, true) => {
                    mac(p, "DA:", 4)?;
                    mac(p, "BSSID:", 10)?;
                    mac(p, "SA:", 16)?;
                }
                (true, false) => {
                    mac(p, "BSSID:", 4)?;
                    mac(p, "SA:", 10)?;
                    mac(p, "DA:", 16)?;
                }
                (true, true) => {
                    mac(p, "RA:", 4)?;
                    mac(p, "TA:", 10)?;
                    mac(p, "DA:", 16)?;
                    mac(p, "SA:", 24)?;
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// `wep_print`: the IV, pad and key id of a protected frame's body.
fn wep_print(p: &mut Printer, body: &[u8]) -> Result<bool, crate::decode::Trunc> {
    let Ok(iv) = body.le32(0) else {
        return Ok(false);
    };
    out!(
        p,
        " IV:{:3x} Pad {:x} KeyID {:x}",
        iv & 0xff_ffff,
        (iv >> 24) & 0x3f,
        (iv >> 30) & 3
    );
    Ok(true)
}

/// `ctrl_body_print` (`h`: the frame from its start).
fn ctrl_body_print(p: &mut Printer, fc: u16, h: &[u8]) -> Result<bool, crate::decode::Trunc> {
    let st = fc_subtype(fc);
    p.s(match st {
        CTRL_CONTROL_WRAPPER => "Control Wrapper",
        CTRL_BAR => "BAR",
        CTRL_BA => "BA",
        CTRL_PS_POLL => "Power Save-Poll",
        CTRL_RTS => "Request-To-Send",
        CTRL_CTS => "Clear-To-Send",
        CTRL_ACK => "Acknowledgment",
        CTRL_CF_END => "CF-End",
        CTRL_END_ACK => "CF-End+CF-Ack",
        _ => "Unknown Ctrl Subtype",
    });
    let e = p.opts.link_header;
    let mac = |p: &mut Printer, label: &str, at: usize| -> P {
        let a = h.range(at, 6)?;
        p.s(label);
        p.etheraddr(a);
        Ok(())
    };
    let need = match st {
        CTRL_BAR => 20,
        CTRL_BA | CTRL_CTS | CTRL_ACK => 10,
        CTRL_PS_POLL | CTRL_RTS | CTRL_CF_END | CTRL_END_ACK => 16,
        _ => 0,
    };
    if !h.has(0, need) {
        return Ok(false);
    }
    match st {
        CTRL_BAR if !e => {
            mac(p, " RA:", 4)?;
            mac(p, " TA:", 10)?;
            out!(p, " CTL({:x}) SEQ({}) ", h.le16(16)?, h.le16(18)?);
        }
        CTRL_PS_POLL => out!(p, " AID({:x})", h.le16(2)?),
        CTRL_RTS if !e => {
            mac(p, " TA:", 10)?;
            p.s(" ");
        }
        CTRL_BA | CTRL_CTS | CTRL_ACK | CTRL_CF_END | CTRL_END_ACK if !e => {
            mac(p, " RA:", 4)?;
            p.s(" ");
        }
        _ => {}
    }
    Ok(true)
}

/// What `parse_elements` keeps of a management frame's elements: the
/// first of each kind (a zero-length rates element does not count).
#[derive(Default)]
struct Elements<'a> {
    ssid: Option<&'a [u8]>,
    rates: Option<&'a [u8]>,
    channel: Option<u8>,
}

/// `parse_elements`: false when an element runs past the frame or is
/// longer than tcpdump's buffer for it (tcpdump's "truncated").
fn parse_elements<'a>(
    body: &'a [u8],
    mut at: usize,
    mut length: usize,
    e: &mut Elements<'a>,
) -> bool {
    while length != 0 {
        if !body.has(at, 2) || length < 2 {
            return false;
        }
        let (Ok(id), Ok(len)) = (body.u8_at(at), body.u8_at(at + 1)) else {
            return false;
        };
        let len = usize::from(len);
        if !body.has(at + 2, len) || length < len + 2 {
            return false;
        }
        let value = body.get(at + 2..at + 2 + len).unwrap_or_default();
        match id {
            // SSID (tcpdump's buffer: 32 bytes).
            0 => {
                if len > 32 {
                    return false;
                }
                e.ssid.get_or_insert(value);
            }
            // Challenge text (253).
            16 if len > 253 => return false,
            // Supported rates (16).
            1 => {
                if len > 16 {
                    return false;
                }
                if e.rates.is_none() && len != 0 {
                    e.rates = Some(value);
                }
            }
            // DS parameter set: the channel.
            3 if len == 1 => {
                e.channel.get_or_insert(value.first().copied().unwrap_or(0));
            }
            // TIM (a bitmap of 251 bytes at most).
            5 if len > 3 && len - 3 > 251 => return false,
            _ => {}
        }
        at += 2 + len;
        length -= 2 + len;
    }
    true
}

/// `PRINT_SSID`.
fn print_ssid(p: &mut Printer, e: &Elements<'_>) {
    if let Some(ssid) = e.ssid {
        p.s(" (");
        for &c in ssid.iter().take_while(|&&c| c != 0) {
            chars::print_char(p, c);
        }
        p.s(")");
    }
}

/// `PRINT_RATES`.
fn print_rates(p: &mut Printer, e: &Elements<'_>) {
    if let Some(rates) = e.rates {
        let mut sep = " [";
        for &r in rates {
            let star = if r & 0x80 != 0 { "*" } else { "" };
            out!(p, "{sep}{:2.1}{star}", 0.5 * f64::from(r & 0x7f));
            sep = " ";
        }
        p.s(" Mbit]");
    }
}

/// `PRINT_DS_CHANNEL`.
fn print_ds_channel(p: &mut Printer, e: &Elements<'_>, capability: u16) {
    if let Some(ch) = e.channel {
        out!(p, " CH: {ch}");
    }
    if capability & 0x0010 != 0 {
        p.s(", PRIVACY");
    }
}

fn status(code: u16) -> &'static str {
    STATUS.get(usize::from(code)).copied().unwrap_or("n/a")
}

/// `mgmt_body_print`: the subtype's name, then its body; false when the
/// body is cut (tcpdump's "truncated").
fn mgmt_body_print(
    p: &mut Printer,
    fc: u16,
    sa: &[u8],
    body: &[u8],
    length: usize,
) -> Result<bool, crate::decode::Trunc> {
    let st = fc_subtype(fc);
    let name = match st {
        0x0 => "Assoc Request",
        0x1 => "Assoc Response",
        0x2 => "ReAssoc Request",
        0x3 => "ReAssoc Response",
        0x4 => "Probe Request",
        0x5 => "Probe Response",
        0x8 => "Beacon",
        0x9 => "ATIM",
        0xa => "Disassociation",
        0xb => "Authentication",
        0xc => "DeAuthentication",
        0xd => "Action",
        _ => "",
    };
    if name.is_empty() {
        out!(p, "Unhandled Management subtype({st:x})");
    } else {
        p.s(name);
    }
    if fc & PROTECTED != 0 {
        return wep_print(p, body);
    }
    // The fixed fields before the elements, checked captured and within
    // the frame's length.
    let fixed = |n: usize| body.has(0, n) && length >= n;
    let mut e = Elements::default();
    Ok(match st {
        // Assoc Request: capability, listen interval.
        0x0 => {
            if !fixed(4) {
                return Ok(false);
            }
            let ok = parse_elements(body, 4, length - 4, &mut e);
            print_ssid(p, &e);
            print_rates(p, &e);
            ok
        }
        // (Re)Assoc Response: capability, status, AID.
        0x1 | 0x3 => {
            if !fixed(6) {
                return Ok(false);
            }
            let cap = body.le16(0)?;
            let code = body.le16(2)?;
            let aid = body.le16(4)?;
            let ok = parse_elements(body, 6, length - 6, &mut e);
            let privacy = if cap & 0x0010 != 0 { " PRIVACY " } else { "" };
            out!(
                p,
                " AID({:x}) :{privacy}: {}",
                (aid << 2) >> 2,
                status(code)
            );
            ok
        }
        // ReAssoc Request: capability, listen interval, current AP.
        0x2 => {
            if !fixed(10) {
                return Ok(false);
            }
            let ap = body.range(4, 6)?;
            let ok = parse_elements(body, 10, length - 10, &mut e);
            print_ssid(p, &e);
            p.s(" AP : ");
            p.etheraddr(ap);
            ok
        }
        0x4 => {
            let ok = parse_elements(body, 0, length, &mut e);
            print_ssid(p, &e);
            print_rates(p, &e);
            ok
        }
        // Probe Response and Beacon: timestamp, interval, capability.
        0x5 | 0x8 => {
            if !fixed(12) {
                return Ok(false);
            }
            let cap = body.le16(10)?;
            let ok = parse_elements(body, 12, length - 12, &mut e);
            print_ssid(p, &e);
            print_rates(p, &e);
            if st == 0x8 {
                p.s(if cap & 0x0001 != 0 { " ESS" } else { " IBSS" });
            }
            print_ds_channel(p, &e, cap);
            ok
        }
        0x9 => true,
        0xa => {
            if !fixed(2) {
                return Ok(false);
            }
            let code = body.le16(0)?;
            out!(
                p,
                ": {}",
                REASON.get(usize::from(code)).copied().unwrap_or("Reserved")
            );
            true
        }
        0xb => {
            if !fixed(6) {
                return Ok(false);
            }
            let alg = body.le16(0)?;
            let seq = body.le16(2)?;
            let code = body.le16(4)?;
            let ok = parse_elements(body, 6, length - 6, &mut e);
            let alg_name = ["Open System", "Shared Key", "EAP"]
                .get(usize::from(alg))
                .copied()
                .unwrap_or("Reserved");
            let st_text = if seq % 2 == 1 { status(code) } else { "" };
            if alg == 1 && (seq == 2 || seq == 3) {
                out!(p, " ({alg_name})-{seq:x} [Challenge Text] {st_text}");
            } else {
                out!(p, " ({alg_name})-{seq:x}: {st_text}");
            }
            ok
        }
        0xc => {
            if !fixed(2) {
                return Ok(false);
            }
            let code = body.le16(0)?;
            let reason = REASON.get(usize::from(code)).copied().unwrap_or("Reserved");
            if p.opts.link_header {
                out!(p, ": {reason}");
            } else {
                p.s(" (");
                p.etheraddr(sa);
                out!(p, "): {reason}");
            }
            true
        }
        0xd => {
            if !fixed(2) {
                return Ok(false);
            }
            if p.opts.link_header {
                p.s(": ");
            } else {
                p.s(" (");
                p.etheraddr(sa);
                p.s("): ");
            }
            action(p, body.u8_at(0)?, body.u8_at(1)?);
            true
        }
        _ => true,
    })
}

/// `handle_action`'s category and action names.
fn action(p: &mut Printer, category: u8, act: u8) {
    let named = |p: &mut Printer, names: &[&str], first: u8| match act
        .checked_sub(first)
        .and_then(|i| names.get(usize::from(i)))
    {
        Some(n) => p.s(n),
        None => out!(p, "Act#{act}"),
    };
    match category {
        0 => out!(p, "Spectrum Management Act#{act}"),
        1 => out!(p, "QoS Act#{act}"),
        2 => out!(p, "DLS Act#{act}"),
        3 => {
            p.s("BA ");
            named(p, &["ADDBA Request", "ADDBA Response", "DELBA"], 0);
        }
        7 => {
            p.s("HT ");
            named(p, &["TxChWidth", "MIMOPwrSave"], 0);
        }
        13 => {
            p.s("MeshAction ");
            named(
                p,
                &[
                    "MeshLink",
                    "HWMP",
                    "Gate Announcement",
                    "Congestion Control",
                    "MCCA Setup Request",
                    "MCCA Setup Reply",
                    "MCCA Advertisement Request",
                    "MCCA Advertisement",
                    "MCCA Teardown",
                    "TBTT Adjustment Request",
                    "TBTT Adjustment Response",
                ],
                0,
            );
        }
        14 => {
            p.s("MultiohopAction ");
            named(p, &["Proxy Update", "Proxy Update Confirmation"], 0);
        }
        15 => {
            p.s("SelfprotectAction ");
            named(
                p,
                &[
                    "Peering Open",
                    "Peering Confirm",
                    "Peering Close",
                    "Group Key Inform",
                    "Group Key Acknowledge",
                ],
                1,
            );
        }
        127 => out!(p, "Vendor Act#{act}"),
        c => out!(p, "Reserved({c}) Act#{act}"),
    }
}
