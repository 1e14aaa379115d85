//! The one place where bytes become structure. Each protocol has a view
//! type that proves, once, that its fixed header is present (`new_checked`)
//! and then reads named fields without failing; [`Bytes`] gives
//! bounds-checked reads for everything past that. Reading past the captured
//! (or IP-length-bounded) end is a [`Trunc`] value, never a panic: printers
//! turn it into tcpdump's `[|proto]` marker. [`frame::decode`] walks a whole
//! frame through these views, layer by layer, for the analyzer and the JSON
//! output; the printer reads the same views as tcpdump's printers walk a
//! packet. The numbers that say what comes next (Ethernet types, IP
//! protocols, tunnel ports) are defined here once. Decoding never allocates
//! and never fails on bytes. Knows nothing of files, the command line or
//! output.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

pub mod arp;
pub mod cksum;
pub mod dccp;
pub mod eigrp;
pub mod ether;
pub mod ethertype;
pub mod frame;
pub mod gre;
pub mod icmp;
pub mod ieee80211;
pub mod ip;
pub mod ip6;
pub mod ipsec;
pub mod link;
pub mod mpls;
pub mod ntp;
pub mod pppoe;
pub mod sctp;
pub mod stp;
pub mod tcp;
pub mod tunnel;
pub mod udp;

pub use frame::{Decoded, IpLayer, Layer, Stop, StopReason, decode, decode_ip};
pub use tcp::{TcpFlags, TcpOption, TcpOptions};

/// A header field that reads without failing once a view proved its
/// header (0 when, impossibly, it is not there).
pub trait Field: Sized {
    fn read(data: &[u8], at: usize) -> Self;
}

impl Field for u8 {
    #[inline]
    fn read(data: &[u8], at: usize) -> u8 {
        data.u8_at(at).unwrap_or(0)
    }
}

impl Field for u16 {
    #[inline]
    fn read(data: &[u8], at: usize) -> u16 {
        data.be16(at).unwrap_or(0)
    }
}

impl Field for u32 {
    #[inline]
    fn read(data: &[u8], at: usize) -> u32 {
        data.be32(at).unwrap_or(0)
    }
}

/// A MAC address.
impl Field for [u8; 6] {
    #[inline]
    fn read(data: &[u8], at: usize) -> [u8; 6] {
        data.array::<6>(at).copied().unwrap_or_default()
    }
}

/// A view over a header whose fixed part is `HEADER_LEN` bytes, proved once
/// by `new_checked`, with one getter per named field (`name: type = offset`:
/// big-endian integers, or a MAC address as `[u8; 6]`), as smoltcp's `wire`
/// views name their fields.
macro_rules! view {
    (
        $(#[$meta:meta])*
        $name:ident, $len:expr;
        $( $(#[$fmeta:meta])* $field:ident: $ty:ty = $at:expr; )*
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug)]
        pub struct $name<'a> {
            data: &'a [u8],
        }

        impl<'a> $name<'a> {
            pub const HEADER_LEN: usize = $len;

            /// The view, when the fixed header was captured.
            pub fn new_checked(data: &'a [u8]) -> $crate::decode::R<Self> {
                $crate::decode::Bytes::range(data, 0, Self::HEADER_LEN)?;
                Ok($name { data })
            }
            /// The captured bytes from the header on.
            pub fn bytes(&self) -> &'a [u8] {
                self.data
            }
            $(
                $(#[$fmeta])*
                #[inline]
                pub fn $field(&self) -> $ty {
                    <$ty as $crate::decode::Field>::read(self.data, $at)
                }
            )*
        }
    };
}
pub(crate) use view;

/// The bytes ran out before a field: tcpdump's "truncated" case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Trunc;

/// Result of a checked read.
pub type R<T> = Result<T, Trunc>;

/// Bounds-checked big-endian reads on a byte slice (tcpdump's `GET_*` macros).
pub trait Bytes {
    fn u8_at(&self, at: usize) -> R<u8>;
    fn be16(&self, at: usize) -> R<u16>;
    /// A 3-byte big-endian number (`GET_BE_U_3`: an OUI, an opaque id).
    fn be24(&self, at: usize) -> R<u32>;
    fn be32(&self, at: usize) -> R<u32>;
    fn be64(&self, at: usize) -> R<u64>;
    /// Little-endian reads (radiotap, 802.11, PPI, NFLOG's attributes).
    fn le16(&self, at: usize) -> R<u16>;
    fn le32(&self, at: usize) -> R<u32>;
    /// The `n` bytes at `at`.
    fn range(&self, at: usize, n: usize) -> R<&[u8]>;
    /// Everything from `at` on (empty when `at` is exactly the end).
    fn from(&self, at: usize) -> R<&[u8]>;
    /// Whether `n` bytes at `at` were captured (`ND_TTEST_LEN`).
    fn has(&self, at: usize, n: usize) -> bool;
    /// The slice cut to at most `n` bytes (`nd_push_snaplen`).
    fn cap(&self, n: usize) -> &[u8];
    /// The `N` bytes at `at` as an array (addresses).
    fn array<const N: usize>(&self, at: usize) -> R<&[u8; N]>;
}

impl Bytes for [u8] {
    #[inline]
    fn u8_at(&self, at: usize) -> R<u8> {
        self.get(at).copied().ok_or(Trunc)
    }
    #[inline]
    fn be16(&self, at: usize) -> R<u16> {
        let b = self.range(at, 2)?;
        Ok(u16::from_be_bytes([b.u8_at(0)?, b.u8_at(1)?]))
    }
    #[inline]
    fn be24(&self, at: usize) -> R<u32> {
        Ok(u32::from(self.u8_at(at)?) << 16 | u32::from(self.be16(at + 1)?))
    }
    #[inline]
    fn be32(&self, at: usize) -> R<u32> {
        let b = self.get(at..at.checked_add(4).ok_or(Trunc)?).ok_or(Trunc)?;
        let mut w = [0u8; 4];
        w.copy_from_slice(b);
        Ok(u32::from_be_bytes(w))
    }
    #[inline]
    fn be64(&self, at: usize) -> R<u64> {
        Ok(u64::from(self.be32(at)?) << 32 | u64::from(self.be32(at + 4)?))
    }
    #[inline]
    fn le16(&self, at: usize) -> R<u16> {
        Ok(u16::from_le_bytes(*self.array::<2>(at)?))
    }
    #[inline]
    fn le32(&self, at: usize) -> R<u32> {
        Ok(u32::from_le_bytes(*self.array::<4>(at)?))
    }
    #[inline]
    fn range(&self, at: usize, n: usize) -> R<&[u8]> {
        self.get(at..at.checked_add(n).ok_or(Trunc)?).ok_or(Trunc)
    }
    #[inline]
    fn from(&self, at: usize) -> R<&[u8]> {
        self.get(at..).ok_or(Trunc)
    }
    #[inline]
    fn has(&self, at: usize, n: usize) -> bool {
        at.checked_add(n).is_some_and(|e| e <= self.len())
    }
    #[inline]
    fn cap(&self, n: usize) -> &[u8] {
        self.get(..n).unwrap_or(self)
    }
    #[inline]
    fn array<const N: usize>(&self, at: usize) -> R<&[u8; N]> {
        self.range(at, N)?.first_chunk::<N>().ok_or(Trunc)
    }
}

/// An IPv4 or IPv6 address pair borrowed from a header, for printers below IP
/// (TCP, UDP) that print addresses themselves.
#[derive(Clone, Copy, Debug)]
pub enum IpAddrs<'a> {
    V4 {
        src: [u8; 4],
        dst: [u8; 4],
        proto: u8,
    },
    V6 {
        src: &'a [u8; 16],
        dst: &'a [u8; 16],
        next: u8,
    },
}
