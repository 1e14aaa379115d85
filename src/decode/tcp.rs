//! TCP headers (RFC 9293): the view, the flags ([`TcpFlags`], whose letters
//! are tcpdump's in tcpdump's order) and the options ([`TcpOptions`], a
//! borrowing iterator that walks them exactly as `print-tcp.c` does, with
//! malformed and truncated options as values). The printer, the analyzer and
//! the JSON output all read flags and options through these.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::fmt;

use super::{Bytes, view};

/// The flags byte of a TCP header.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TcpFlags(pub u8);

impl TcpFlags {
    pub const FIN: TcpFlags = TcpFlags(0x01);
    pub const SYN: TcpFlags = TcpFlags(0x02);
    pub const RST: TcpFlags = TcpFlags(0x04);
    pub const PSH: TcpFlags = TcpFlags(0x08);
    pub const ACK: TcpFlags = TcpFlags(0x10);
    pub const URG: TcpFlags = TcpFlags(0x20);
    pub const ECE: TcpFlags = TcpFlags(0x40);
    pub const CWR: TcpFlags = TcpFlags(0x80);

    /// tcpdump's `tcp_flag_values`, in the order `bittok2str_nosep` prints them.
    const LETTERS: [(u8, u8); 8] = [
        (0x01, b'F'),
        (0x02, b'S'),
        (0x04, b'R'),
        (0x08, b'P'),
        (0x10, b'.'),
        (0x20, b'U'),
        (0x40, b'E'),
        (0x80, b'W'),
    ];

    /// Whether every flag of `f` is set.
    #[inline]
    pub fn has(self, f: TcpFlags) -> bool {
        self.0 & f.0 == f.0
    }
    /// Whether any flag of `f` is set.
    #[inline]
    pub fn any(self, f: TcpFlags) -> bool {
        self.0 & f.0 != 0
    }
    pub fn bits(self) -> u8 {
        self.0
    }
    /// Appends tcpdump's letters (`S.`, `FP.`; `none` when no flag is set).
    pub fn write_letters(self, out: &mut Vec<u8>) {
        if self.0 == 0 {
            out.extend_from_slice(b"none");
            return;
        }
        for (bit, c) in Self::LETTERS {
            if self.0 & bit != 0 {
                out.push(c);
            }
        }
    }
}

impl std::ops::BitOr for TcpFlags {
    type Output = TcpFlags;
    fn bitor(self, o: TcpFlags) -> TcpFlags {
        TcpFlags(self.0 | o.0)
    }
}

/// tcpdump's letters: `Flags [S.]` shows `S.`.
impl fmt::Display for TcpFlags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut b = Vec::with_capacity(8);
        self.write_letters(&mut b);
        f.write_str(std::str::from_utf8(&b).unwrap_or("none"))
    }
}

view! {
    /// A TCP header.
    TcpView, 20;
    src_port: u16 = 0; dst_port: u16 = 2; seq: u32 = 4; ack: u32 = 8; offset_byte: u8 = 12;
    flags_byte: u8 = 13; window: u16 = 14; checksum: u16 = 16; urgent: u16 = 18;
}

impl<'a> TcpView<'a> {
    /// The data offset in bytes (may be below 20 in a damaged header).
    pub fn header_len(&self) -> usize {
        usize::from(self.offset_byte() >> 4) * 4
    }
    pub fn flags(&self) -> TcpFlags {
        TcpFlags(self.flags_byte())
    }
    /// The options, walked as tcpdump walks them.
    pub fn options(&self) -> TcpOptions<'a> {
        TcpOptions::new(
            self.data,
            self.header_len().saturating_sub(Self::HEADER_LEN),
        )
    }
    /// The captured payload (empty when the header runs past the capture).
    pub fn payload(&self) -> &'a [u8] {
        self.data.get(self.header_len()..).unwrap_or_default()
    }
}

/// Option kinds.
pub mod kind {
    pub const EOL: u8 = 0;
    pub const NOP: u8 = 1;
    pub const MSS: u8 = 2;
    pub const WSCALE: u8 = 3;
    pub const SACK_PERMITTED: u8 = 4;
    pub const SACK: u8 = 5;
    pub const ECHO: u8 = 6;
    pub const ECHOREPLY: u8 = 7;
    pub const TIMESTAMP: u8 = 8;
    pub const CC: u8 = 11;
    pub const CCNEW: u8 = 12;
    pub const CCECHO: u8 = 13;
    pub const MD5: u8 = 19;
    pub const SCPS: u8 = 20;
    pub const UTO: u8 = 28;
    pub const TCP_AO: u8 = 29;
    pub const MPTCP: u8 = 30;
    pub const FASTOPEN: u8 = 34;
    pub const EXPERIMENTAL: u8 = 254;
}

/// One step of the option walk.
#[derive(Clone, Copy, Debug)]
pub enum TcpOption<'a> {
    /// An option with its kind and length.
    Opt(OptionField<'a>),
    /// The kind or length byte was not captured (tcpdump's `GET_U_1`
    /// failing: ` [|tcp]` for the whole packet).
    Cut,
    /// A length field below 2 or past the header (tcpdump's `[bad opt]`).
    BadLen { kind: u8, len: u8 },
}

/// An option as found in the header.
#[derive(Clone, Copy, Debug)]
pub struct OptionField<'a> {
    pub kind: u8,
    /// The length field (1 for EOL and NOP, which have none).
    pub len: u8,
    /// Header bytes left for the option's data (`hlen` in `print-tcp.c`
    /// after the kind and length bytes).
    pub room: usize,
    /// The captured bytes from the kind byte to the end of the segment.
    from_kind: &'a [u8],
}

/// Why a field of an option cannot be read (`LENCHECK` in `print-tcp.c`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Short {
    /// Past the header's end: `[bad opt]`.
    Header,
    /// Past the captured bytes: ` [|tcp]`.
    Capture,
}

impl<'a> OptionField<'a> {
    /// The captured option from its kind byte, cut at its declared length.
    pub fn raw(&self) -> &'a [u8] {
        self.from_kind.cap(usize::from(self.len))
    }
    /// The captured bytes from the option's data on (past its declared
    /// length too: tcpdump reads fixed-size fields whatever the length says,
    /// within [`OptionField::room`]).
    #[inline]
    pub fn data(&self) -> &'a [u8] {
        let hdr = if self.kind == kind::EOL || self.kind == kind::NOP {
            1
        } else {
            2
        };
        self.from_kind.get(hdr..).unwrap_or_default()
    }
    /// `LENCHECK(n)`: the first `n` data bytes are inside the header and captured.
    pub fn check(&self, n: usize) -> Result<(), Short> {
        if n > self.room {
            Err(Short::Header)
        } else if self.data().len() < n {
            Err(Short::Capture)
        } else {
            Ok(())
        }
    }
    /// The bytes of data tcpdump consumes for this kind (fixed-size kinds
    /// take their size whatever the length field says).
    pub fn walk_len(&self) -> usize {
        walk_len(self.kind, self.len)
    }
    /// The declared data (length field minus 2), as captured.
    pub fn body(&self) -> &'a [u8] {
        self.data().cap(usize::from(self.len).saturating_sub(2))
    }
    /// Whether the length field has the size the kind defines (variable
    /// kinds: any length).
    pub fn well_formed(&self) -> bool {
        let want = match self.kind {
            kind::EOL | kind::NOP => 1,
            kind::SACK_PERMITTED => 2,
            kind::WSCALE => 3,
            kind::MSS | kind::UTO | kind::SCPS => 4,
            kind::ECHO | kind::ECHOREPLY | kind::CC | kind::CCNEW | kind::CCECHO => 6,
            kind::TIMESTAMP => 10,
            kind::MD5 => 18,
            kind::SACK => return self.len >= 2 && (self.len - 2).is_multiple_of(8),
            _ => return true,
        };
        usize::from(self.len) == want
    }
    /// The value for readers that need a correct option: `None` when the
    /// length is wrong for the kind or the data was not all captured.
    pub fn value(&self) -> Option<OptionValue<'a>> {
        let body = self.body();
        if !self.well_formed() || body.len() + 2 < usize::from(self.len).max(2) {
            return None;
        }
        Some(match self.kind {
            kind::EOL => OptionValue::Eol,
            kind::NOP => OptionValue::Nop,
            kind::MSS => OptionValue::Mss(body.be16(0).ok()?),
            kind::WSCALE => OptionValue::WindowScale(body.u8_at(0).ok()?),
            kind::SACK_PERMITTED => OptionValue::SackPermitted,
            kind::SACK => OptionValue::Sack(SackBlocks(body)),
            kind::TIMESTAMP => OptionValue::Timestamps {
                val: body.be32(0).ok()?,
                ecr: body.be32(4).ok()?,
            },
            kind::UTO => OptionValue::UserTimeout(body.be16(0).ok()?),
            _ => OptionValue::Other(body),
        })
    }
    /// tcpdump's name for the kind (`mss`, `sackOK`, `TS`…), `None` for the
    /// kinds it prints as `unknown-N`.
    pub fn name(&self) -> Option<&'static str> {
        kind_name(self.kind)
    }
}

/// The bytes of data `tcp_print` consumes for an option of kind `k` and
/// length field `len`: fixed-size kinds their size, whatever `len` says.
#[inline]
fn walk_len(k: u8, len: u8) -> usize {
    match k {
        kind::MSS | kind::SCPS | kind::UTO => 2,
        kind::WSCALE => 1,
        kind::ECHO | kind::ECHOREPLY | kind::CC | kind::CCNEW | kind::CCECHO => 4,
        kind::TIMESTAMP => 8,
        kind::MD5 => 16,
        kind::EOL | kind::NOP | kind::SACK_PERMITTED => 0,
        _ => usize::from(len).saturating_sub(2),
    }
}

/// tcpdump's `tcp_option_values`.
pub fn kind_name(k: u8) -> Option<&'static str> {
    Some(match k {
        0 => "eol",
        1 => "nop",
        2 => "mss",
        3 => "wscale",
        4 => "sackOK",
        5 => "sack",
        6 => "echo",
        7 => "echoreply",
        8 => "TS",
        11 => "cc",
        12 => "ccnew",
        13 => "",
        19 => "md5",
        20 => "scps",
        28 => "uto",
        29 => "tcp-ao",
        30 => "mptcp",
        34 => "tfo",
        254 => "exp",
        _ => return None,
    })
}

/// A well-formed option's value.
#[derive(Clone, Copy, Debug)]
pub enum OptionValue<'a> {
    Eol,
    Nop,
    Mss(u16),
    WindowScale(u8),
    SackPermitted,
    Sack(SackBlocks<'a>),
    Timestamps {
        val: u32,
        ecr: u32,
    },
    UserTimeout(u16),
    /// Any other kind: its data.
    Other(&'a [u8]),
}

/// The blocks of a SACK option, as (left edge, right edge).
#[derive(Clone, Copy, Debug)]
pub struct SackBlocks<'a>(&'a [u8]);

impl Iterator for SackBlocks<'_> {
    type Item = (u32, u32);
    fn next(&mut self) -> Option<(u32, u32)> {
        let (l, r) = (self.0.be32(0).ok()?, self.0.be32(4).ok()?);
        self.0 = self.0.get(8..).unwrap_or_default();
        Some((l, r))
    }
}

/// The options of a TCP header, walked as `tcp_print` walks them: each
/// option's data is taken by its kind's size ([`OptionField::walk_len`]);
/// the walk ends after EOL, after an option whose data does not fit the
/// header or the capture, and after [`TcpOption::Cut`] or
/// [`TcpOption::BadLen`].
#[derive(Clone, Debug)]
pub struct TcpOptions<'a> {
    seg: &'a [u8],
    cp: usize,
    hlen: usize,
    done: bool,
}

impl<'a> TcpOptions<'a> {
    /// The options of the captured segment `seg` (from its header on), of
    /// which the header length leaves `hlen` option bytes.
    pub fn new(seg: &'a [u8], hlen: usize) -> Self {
        TcpOptions {
            seg,
            cp: TcpView::HEADER_LEN,
            hlen,
            done: false,
        }
    }
}

impl<'a> TcpOptions<'a> {
    /// One turn of `tcp_print`'s option loop: the option at the walk's
    /// position (its kind, length, where its kind byte is, and the header
    /// bytes left after its kind and length), the walk moved past it by its
    /// kind's size; `Err` is how the walk ended there.
    #[inline(always)]
    fn step(&mut self) -> Option<Result<(u8, u8, usize, usize), TcpOption<'a>>> {
        if self.done || self.hlen == 0 {
            return None;
        }
        let start = self.cp;
        let Ok(kind) = self.seg.u8_at(start) else {
            self.done = true;
            return Some(Err(TcpOption::Cut));
        };
        let len = if kind == kind::EOL || kind == kind::NOP {
            1
        } else {
            let Ok(l) = self.seg.u8_at(start + 1) else {
                self.done = true;
                return Some(Err(TcpOption::Cut));
            };
            if l < 2 || usize::from(l) > self.hlen {
                self.done = true;
                return Some(Err(TcpOption::BadLen { kind, len: l }));
            }
            l
        };
        let head = if len == 1 { 1 } else { 2 };
        self.cp += head;
        self.hlen -= head;
        let room = self.hlen;
        let n = walk_len(kind, len);
        // LENCHECK of the kind's data: past the header or the capture, the
        // printer stops at this option (`[bad opt]`, `[|tcp]`).
        if n > room || self.seg.len() < self.cp + n || kind == kind::EOL {
            self.done = true;
        } else {
            self.cp += n;
            self.hlen -= n;
        }
        Some(Ok((kind, len, start, room)))
    }

    fn field(&self, (kind, len, start, room): (u8, u8, usize, usize)) -> OptionField<'a> {
        OptionField {
            kind,
            len,
            room,
            from_kind: self.seg.get(start..).unwrap_or_default(),
        }
    }

    /// No option bytes at all (a 20-byte header).
    #[inline]
    pub fn hlen_is_zero(&self) -> bool {
        self.hlen == 0 && self.cp == TcpView::HEADER_LEN
    }

    /// `nop,nop,TS` and nothing else, whole and captured: the options of
    /// nearly every segment after the handshake between Linux or BSD hosts.
    /// Their timestamps (val, ecr) in one read, where the walk would take
    /// three steps to the same answer.
    #[inline]
    pub fn only_timestamps(&self) -> Option<(u32, u32)> {
        if self.done || self.hlen != 12 || self.cp != TcpView::HEADER_LEN {
            return None;
        }
        let o: [u8; 12] = self.seg.get(TcpView::HEADER_LEN..32)?.try_into().ok()?;
        let [1, 1, 8, 10, v0, v1, v2, v3, e0, e1, e2, e3] = o else {
            return None;
        };
        Some((
            u32::from_be_bytes([v0, v1, v2, v3]),
            u32::from_be_bytes([e0, e1, e2, e3]),
        ))
    }

    /// The first option of kind `k` the walk finds (the analyzer's SACK
    /// blocks), without building the others.
    pub fn find(mut self, k: u8) -> Option<OptionField<'a>> {
        if k != kind::NOP && k != kind::TIMESTAMP && self.only_timestamps().is_some() {
            return None;
        }
        loop {
            match self.step()? {
                Ok(t) if t.0 == k => return Some(self.field(t)),
                Ok(_) => {}
                Err(_) => return None,
            }
        }
    }
}

impl<'a> Iterator for TcpOptions<'a> {
    type Item = TcpOption<'a>;

    #[inline]
    fn next(&mut self) -> Option<TcpOption<'a>> {
        Some(match self.step()? {
            Ok(t) => TcpOption::Opt(self.field(t)),
            Err(e) => e,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing, clippy::unwrap_used)]
    use super::*;

    /// A TCP header with options `opts` (header length from `hlen` bytes
    /// of options), captured up to `cap` bytes.
    fn seg(opts: &[u8], hlen: usize, cap: usize) -> Vec<u8> {
        let mut s = vec![0u8; 20];
        s[12] = (((20 + hlen) / 4) as u8) << 4;
        s.extend_from_slice(opts);
        s.resize(20 + hlen.max(opts.len()) + 8, 0x55);
        s.truncate(cap);
        s
    }

    /// The walk's answer for nop,nop,TS: three options, the last TS.
    fn walked(s: &[u8]) -> Option<(u32, u32)> {
        let th = TcpView::new_checked(s).ok()?;
        let items: Vec<TcpOption<'_>> = th.options().collect();
        match items.as_slice() {
            [TcpOption::Opt(a), TcpOption::Opt(b), TcpOption::Opt(c)]
                if a.kind == kind::NOP && b.kind == kind::NOP =>
            {
                match c.value() {
                    Some(OptionValue::Timestamps { val, ecr }) if c.check(8).is_ok() => {
                        Some((val, ecr))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    #[test]
    fn only_timestamps_is_the_walks_answer() {
        let ts = [1, 1, 8, 10, 0, 0, 1, 2, 0xff, 0, 0, 3];
        let mut cases = vec![
            (ts.to_vec(), 12, 32),
            (ts.to_vec(), 12, 31),
            (ts.to_vec(), 16, 40),
        ];
        for i in 0..12 {
            for v in [0u8, 1, 2, 8, 9, 10, 11, 0xff] {
                let mut o = ts.to_vec();
                o[i] = v;
                cases.push((o, 12, 32));
            }
        }
        cases.push((vec![8, 10, 0, 0, 1, 2, 0, 0, 0, 3, 1, 1], 12, 32));
        cases.push((
            vec![1, 1, 8, 10, 0, 0, 1, 2, 0, 0, 0, 3, 1, 1, 1, 1],
            16,
            40,
        ));
        for (o, hlen, cap) in cases {
            let s = seg(&o, hlen, cap);
            let th = TcpView::new_checked(&s).unwrap();
            let fast = th.options().only_timestamps();
            if fast.is_some() {
                assert_eq!(fast, walked(&s), "{o:?} {hlen} {cap}");
            }
            // find() answers as the walk does either way.
            let sack = th.options().find(kind::SACK).map(|f| f.kind);
            let walk = th
                .options()
                .find_map(|t| match t {
                    TcpOption::Opt(f) if f.kind == kind::SACK => Some(f.kind),
                    TcpOption::Opt(_) => None,
                    _ => Some(0),
                })
                .filter(|k| *k == kind::SACK);
            assert_eq!(sack, walk, "{o:?}");
        }
        assert_eq!(
            TcpView::new_checked(&seg(&ts, 12, 32))
                .unwrap()
                .options()
                .only_timestamps(),
            Some((0x102, 0xff00_0003))
        );
    }
}
