//! IPsec (`print-esp.c`, `print-ah.c`, `isakmp_rfc3948_print` of
//! `print-isakmp.c`): `ESP(spi=0x00001234,seq=0x1), length 64` and nothing
//! more, as tcpdump prints without `-E` secrets (decryption is not
//! reproduced); `AH(spi=0x00001234,seq=0x1,icv=0x…): ` before the next
//! header, which [`super::ip::demux`] prints; ESP in UDP port 4500 (NAT-T):
//! `UDP-encap: ESP(…)`, the NAT keepalive, and IKE behind the non-ESP
//! marker (`NONESP-encap: `, printed by `isakmp.rs`).
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::ipsec::{ah, esp};
use crate::decode::{Bytes, IpAddrs};

/// `esp_print` without secrets. The header must be captured with at least
/// one byte after it (tcpdump compares `esp + 1 >= snapend`), else only the
/// marker: ` [|esp]` without unwinding.
pub(super) fn esp_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "esp";
    if d.len() <= esp::HEADER_LEN {
        return Err(p.soft_trunc());
    }
    let spi = d.be32(esp::SPI)?;
    let seq = d.be32(esp::SEQ)?;
    out!(p, "ESP(spi=0x{spi:08x},seq=0x{seq:x}), length {length}");
    Ok(())
}

/// `ah_print`: the header up to `): `; returns its length from the length
/// field (tcpdump's `advance`), where the next header starts. Each field
/// is read as it is printed, so a cut capture ends the line at the first
/// missing one.
pub(super) fn ah_print(p: &mut Printer, d: &[u8]) -> Result<usize, crate::decode::Trunc> {
    p.cur.protocol = "ah";
    p.s("AH");
    let len_field = d.u8_at(ah::LEN)?;
    let hdr_len = ah::header_len(len_field);
    p.s("(");
    if p.opts.verbose > 0 {
        out!(p, "length={len_field}({hdr_len}-bytes),");
    }
    let reserved = d.be16(ah::RESERVED)?;
    if reserved != 0 {
        out!(p, "reserved=0x{reserved:x}[MustBeZero],");
    }
    let spi = d.be32(ah::SPI)?;
    out!(p, "spi=0x{spi:08x},");
    let seq = d.be32(ah::SEQ)?;
    out!(p, "seq=0x{seq:x},");
    p.s("icv=0x");
    // A length field of 0 (8 bytes) leaves no ICV: the loop runs from the
    // end of the fixed header to the end the field gives.
    for at in ah::ICV..hdr_len {
        let b = d.u8_at(at)?;
        out!(p, "{b:02x}");
    }
    p.s("): ");
    Ok(hdr_len)
}

/// What UDP port 4500 carries (`isakmp_rfc3948_print`): the NAT
/// keepalive, an IKE message behind the 4-byte non-ESP marker
/// (`NONESP-encap: ` and ISAKMP, [`super::isakmp`]), else ESP
/// (`UDP-encap: `).
pub(super) fn rfc3948_print(p: &mut Printer, d: &[u8], length: usize, ip: IpAddrs<'_>) -> P {
    p.cur.protocol = "isakmp_rfc3948";
    if length == 1 && d.u8_at(0)? == 0xff {
        p.s("isakmp-nat-keep-alive");
        return Ok(());
    }
    if length < 4 {
        return Err(p.soft_trunc());
    }
    if d.be32(0)? == 0 {
        return super::isakmp::nonesp_print(p, d, length, ip);
    }
    p.s("UDP-encap: ");
    esp_print(p, d, length)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]
    use crate::packet::{LinkType, RawPacket, Timestamp};
    use crate::print::{PrintOptions, Printer, TimestampStyle};

    fn line(data: &[u8], verbose: u8) -> String {
        let mut p = Printer::new(PrintOptions {
            numeric: 2,
            verbose,
            ts_style: TimestampStyle::None,
            ..Default::default()
        });
        let pkt = RawPacket {
            ts: Timestamp::default(),
            wire_len: data.len() as u32,
            link: LinkType::IPV4,
            data,
            origin: Default::default(),
        };
        String::from_utf8_lossy(p.packet(&pkt, 1)).into_owned()
    }

    fn ipv4(proto: u8, payload: &[u8]) -> Vec<u8> {
        let total = (20 + payload.len()) as u16;
        let mut d = vec![
            0x45, 0, 0, 0, 0, 1, 0, 0, 64, proto, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
        ];
        d[2..4].copy_from_slice(&total.to_be_bytes());
        d.extend_from_slice(payload);
        d
    }

    fn udp(sport: u16, dport: u16, payload: &[u8]) -> Vec<u8> {
        let mut u = Vec::new();
        u.extend_from_slice(&sport.to_be_bytes());
        u.extend_from_slice(&dport.to_be_bytes());
        u.extend_from_slice(&((8 + payload.len()) as u16).to_be_bytes());
        u.extend_from_slice(&[0, 0]);
        u.extend_from_slice(payload);
        u
    }

    /// An IKE message behind the non-ESP marker on port 4500 is ISAKMP
    /// after `NONESP-encap: `, with the length less the marker. Expected
    /// lines: tcpdump 4.99.3 -t -nn (and -t -nn -v, second line) on these
    /// bytes as a DLT_IPV4 capture.
    #[test]
    fn non_esp_marker_prints_isakmp() {
        let mut ike = vec![0u8; 4];
        ike.extend_from_slice(&[0x11; 28]);
        let d = ipv4(17, &udp(4500, 4500, &ike));
        assert_eq!(
            line(&d, 0),
            "IP 10.0.0.1.4500 > 10.0.0.2.4500: NONESP-encap: isakmp: phase 2/others ? #17[E]\n"
        );
        let v = line(&d, 1);
        assert_eq!(
            v.lines().nth(1),
            Some(
                "    10.0.0.1.4500 > 10.0.0.2.4500: NONESP-encap: isakmp 1.1 msgid 11111111: \
                 phase 2/others ? #17[E]: [encrypted pay17] (len mismatch: isakmp 286331153/ip 28)"
            )
        );
    }

    /// tcpdump's check is `esp + 1 >= snapend`: a whole 8-byte header with
    /// nothing after it is still cut. Expected lines: tcpdump 4.99.3 -t -nn
    /// on these bytes (as a DLT_IPV4 capture).
    #[test]
    fn esp_header_needs_a_byte_after_it() {
        let esp = [0, 0, 0x12, 0x34, 0, 0, 0, 1];
        assert_eq!(
            line(&ipv4(50, &esp), 0),
            "IP 10.0.0.1 > 10.0.0.2:  [|esp]\n"
        );
        let mut esp9 = esp.to_vec();
        esp9.push(0xaa);
        assert_eq!(
            line(&ipv4(50, &esp9), 0),
            "IP 10.0.0.1 > 10.0.0.2: ESP(spi=0x00001234,seq=0x1), length 9\n"
        );
    }
}
