//! The Internet checksum (RFC 1071) as tcpdump's `in_cksum.c` computes it:
//! a ones-complement sum of big-endian 16-bit words, an odd last byte padded
//! with zero, folded and complemented. 0 means a checksum verifies.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

/// Adds `data` to the running sum `acc`.
pub fn sum(mut acc: u32, data: &[u8]) -> u32 {
    let mut it = data.chunks_exact(2);
    for w in it.by_ref() {
        if let [a, b] = w {
            acc += u32::from(u16::from_be_bytes([*a, *b]));
            acc = (acc & 0xffff) + (acc >> 16);
        }
    }
    if let [a] = it.remainder() {
        acc += u32::from(*a) << 8;
        acc = (acc & 0xffff) + (acc >> 16);
    }
    acc
}

/// Folds and complements a running sum into the checksum.
pub fn finish(mut acc: u32) -> u16 {
    while acc > 0xffff {
        acc = (acc & 0xffff) + (acc >> 16);
    }
    !(acc as u16)
}

/// `in_cksum` over one buffer.
pub fn in_cksum(data: &[u8]) -> u16 {
    finish(sum(0, data))
}

/// `in_cksum_shouldbe`: the value the checksum field should have held, given
/// the field's value and the checksum computed over the packet.
pub fn shouldbe(field: u16, computed: u16) -> u16 {
    let mut s = u32::from(field) + u32::from(computed);
    s = (s & 0xffff) + (s >> 16);
    s = (s & 0xffff) + (s >> 16);
    s as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echo_request_verifies_and_shouldbe_recovers_the_field() {
        let pkt = [8u8, 0, 0xf7, 0xfe, 0, 1, 0, 0];
        assert_eq!(in_cksum(&pkt), 0);
        let bad = [8u8, 0, 0, 0, 0, 1, 0, 0];
        assert_eq!(shouldbe(0, in_cksum(&bad)), 0xf7fe);
        assert_eq!(in_cksum(&[0xff]), 0x00ff);
        assert_eq!(shouldbe(0xffff, 0x0001), 0x0001);
    }
}
