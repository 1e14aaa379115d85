//! Packets in bulk, for the threaded pipeline (`crate::pipeline::threads`): a
//! [`Block`] holds many packets so that another thread can filter and
//! format them. A classic pcap file fills it with whole records straight from
//! the file ([`PacketSource::read_block`]: one copy, the kernel's, and the
//! records are split on the worker threads); any other source has its packets
//! copied in one by one ([`fill`]). The reading thread only checks each
//! record's header, so damage is reported where the sequential reader reports
//! it, after the packets before it.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::fs::File;
use std::os::unix::fs::FileExt;

use super::file::{Format, io_err, tail_error};
use super::{PacketSource, SourceError};
use crate::packet::{LinkType, RawPacket, Timestamp};

/// Bytes of packet data a block aims at.
pub const BLOCK_BYTES: usize = 1 << 20;
/// Packets a block of copied packets holds at most.
const BLOCK_PACKETS: usize = 2048;
/// A read into less room than this ends the block instead (a `BufReader`
/// only reads straight into our buffer when it is at least its own size).
pub(super) const MIN_READ: usize = 1 << 16;

/// Where one packet of a block lies, and what its record header said.
#[derive(Clone, Copy)]
pub struct Meta {
    pub ts: Timestamp,
    pub wire_len: u32,
    pub link: LinkType,
    start: usize,
    end: usize,
}

enum Kind {
    /// Whole pcap records (header and data) as the file holds them.
    Records(Format),
    /// Packets described by these: copied in back to back, or records
    /// read by position (one `Meta` per record, pointing past its header).
    Listed(Vec<Meta>),
}

/// A batch of packets (see the module doc). Its buffer keeps its size
/// between uses, so reading into it never zero-fills memory again.
pub struct Block {
    pub(super) buf: Vec<u8>,
    /// Bytes of `buf` in use.
    pub(super) len: usize,
    kind: Kind,
    /// Read by position: the file offset of `buf[0]`, and whether the
    /// file ended within the bytes read.
    base: u64,
    eof: bool,
    /// Packets a block holds at most (tests make it small, to cross many
    /// block boundaries).
    pub(super) max_packets: usize,
}

impl Default for Block {
    fn default() -> Self {
        Block {
            buf: Vec::new(),
            len: 0,
            kind: Kind::Listed(Vec::new()),
            base: 0,
            eof: false,
            max_packets: BLOCK_PACKETS,
        }
    }
}

impl Block {
    /// Empties the block for records of this format, with room for at
    /// least `BLOCK_BYTES`.
    pub(super) fn start_records(&mut self, fmt: Format) {
        self.len = 0;
        self.kind = Kind::Records(fmt);
        if self.buf.len() < BLOCK_BYTES {
            self.buf.resize(BLOCK_BYTES, 0);
        }
    }

    /// Appends bytes to the used part, growing the buffer if needed.
    pub(super) fn append(&mut self, bytes: &[u8]) {
        let end = self.len + bytes.len();
        if self.buf.len() < end {
            self.buf.resize(end, 0);
        }
        if let Some(dst) = self.buf.get_mut(self.len..end) {
            dst.copy_from_slice(bytes);
        }
        self.len = end;
    }

    /// Holds at most `n` packets from now on (default: as many as fit in
    /// [`BLOCK_BYTES`], and at most 2048 copied ones).
    pub fn set_max_packets(&mut self, n: usize) {
        self.max_packets = n.max(1);
    }

    /// The block's packets in order.
    pub fn packets(&self) -> Packets<'_> {
        Packets { block: self, at: 0 }
    }

    /// The packet `m` describes (`m` from this block's [`Block::packets`]).
    pub fn packet(&self, m: &Meta) -> RawPacket<'_> {
        RawPacket {
            ts: m.ts,
            wire_len: m.wire_len,
            link: m.link,
            data: self.buf.get(m.start..m.end).unwrap_or_default(),
            origin: Default::default(),
        }
    }

    fn push_copy(&mut self, pkt: &RawPacket<'_>) {
        let start = self.len;
        self.append(pkt.data);
        if let Kind::Listed(metas) = &mut self.kind {
            metas.push(Meta {
                ts: pkt.ts,
                wire_len: pkt.wire_len,
                link: pkt.link,
                start,
                end: self.len,
            });
        }
    }
}

/// A classic pcap file read by position ([`PacketSource::positioned`]):
/// the worker threads read it themselves, block `j` being the records
/// that start in the `j`-th range of `size` bytes after the file header.
/// The bytes land in the cache of the core that decodes them, and the
/// reading (the kernel's copy) is spread over the cores too. Each block
/// learns where its first record starts from the block before it
/// ([`Block::split`]), so the records are exactly those the sequential
/// reader finds, and damage ends the file where it ends it.
pub struct Positioned {
    file: File,
    fmt: Format,
    /// Offset of the first record.
    first: u64,
}

impl Positioned {
    pub(super) fn new(file: File, fmt: Format, first: u64) -> Self {
        Positioned { file, fmt, first }
    }

    /// Where the first record starts, for the first block's [`Block::split`].
    pub fn first(&self) -> u64 {
        self.first
    }

    /// Where block `j` of `size` bytes starts.
    pub fn range_start(&self, j: u64, size: usize) -> u64 {
        self.first.saturating_add(j.saturating_mul(size as u64))
    }
}

/// Reads up to `buf.len()` bytes at `offset`; fewer only at the end of
/// the file.
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    let mut got = 0;
    while let Some(rest) = buf.get_mut(got..).filter(|r| !r.is_empty()) {
        match file.read_at(rest, offset + got as u64) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

/// How a block read by position ends.
pub enum Split {
    /// More blocks follow; the next one's first record starts here.
    Next(u64),
    /// The file ends within or before this block (no damage).
    End,
    /// Damage (or a read error) after this block's packets.
    Damaged(SourceError),
}

impl Block {
    /// Reads the range of `size` bytes at `from` (block `j`, `from` being
    /// [`Positioned::range_start`]). It may run before the blocks before
    /// it are split.
    pub fn load(&mut self, pos: &Positioned, from: u64, size: usize) -> Result<(), SourceError> {
        self.kind = match std::mem::replace(&mut self.kind, Kind::Listed(Vec::new())) {
            Kind::Listed(mut metas) => {
                metas.clear();
                Kind::Listed(metas)
            }
            Kind::Records(_) => Kind::Listed(Vec::new()),
        };
        if self.buf.len() < size {
            self.buf.resize(size, 0);
        }
        self.base = from;
        let buf = self.buf.get_mut(..size).unwrap_or_default();
        let got = read_at(&pos.file, buf, from);
        self.len = *got.as_ref().unwrap_or(&0);
        self.eof = got.as_ref().map_or(true, |&n| n < size);
        got.map(|_| ()).map_err(|e| SourceError::Read(io_err(&e)))
    }

    /// Lists the records of the loaded range, the first one starting at
    /// `start` (what the block before returned in [`Split::Next`]): every
    /// record starting before the range's end, reading on past it for
    /// the last one.
    pub fn split(&mut self, pos: &Positioned, start: u64, size: usize) -> Split {
        let end = self.base.saturating_add(size as u64);
        let mut at = start;
        let mut metas = match std::mem::replace(&mut self.kind, Kind::Listed(Vec::new())) {
            Kind::Listed(m) => m,
            Kind::Records(_) => Vec::new(),
        };
        let split = loop {
            if at >= end {
                break Split::Next(at);
            }
            // Record `at` from the block's bytes, reading more first if
            // they end inside it.
            let rec = loop {
                let off = (at - self.base) as usize;
                let bytes = self.buf.get(..self.len).unwrap_or_default();
                match record_at(pos.fmt, bytes, off) {
                    Some(r) => break Some(r),
                    None if self.eof => break None,
                    None => {
                        if let Err(e) = self.read_more(pos, off) {
                            break Some(Err(e));
                        }
                    }
                }
            };
            match rec {
                Some(Ok((m, next))) => {
                    metas.push(m);
                    at = self.base + next as u64;
                }
                Some(Err(e)) => break Split::Damaged(e),
                // The end of the file: cleanly between records, or inside one.
                None => {
                    let off = ((at - self.base) as usize).min(self.len);
                    let rest = self.buf.get(off..self.len).unwrap_or_default();
                    break match tail_error(pos.fmt, rest) {
                        None => Split::End,
                        Some(e) => Split::Damaged(e),
                    };
                }
            }
        };
        self.kind = Kind::Listed(metas);
        split
    }

    /// Reads on from the end of the loaded bytes: at least the rest of the
    /// record at `off` (its header first, if that is not all there).
    fn read_more(&mut self, pos: &Positioned, off: usize) -> Result<(), SourceError> {
        let need = match self
            .buf
            .get(off..self.len)
            .and_then(|b| b.first_chunk::<16>())
        {
            Some(h) => 16 + pos.fmt.header(h)?.1 as usize,
            None => 16,
        };
        let want = (off + need).max(self.len + MIN_READ);
        if self.buf.len() < want {
            self.buf.resize(want, 0);
        }
        let from = self.base + self.len as u64;
        let buf = self.buf.get_mut(self.len..want).unwrap_or_default();
        let asked = buf.len();
        let got = read_at(&pos.file, buf, from).map_err(|e| SourceError::Read(io_err(&e)))?;
        self.len += got;
        self.eof = got < asked;
        Ok(())
    }
}

/// Iterator over a block's packets.
pub struct Packets<'a> {
    block: &'a Block,
    /// Offset of the next record, or index of the next copied packet.
    at: usize,
}

impl Iterator for Packets<'_> {
    type Item = Meta;

    fn next(&mut self) -> Option<Meta> {
        match &self.block.kind {
            Kind::Listed(metas) => {
                let m = metas.get(self.at).copied();
                self.at += 1;
                m
            }
            Kind::Records(fmt) => {
                let bytes = self.block.buf.get(..self.block.len)?;
                // The reader checked every header of the block.
                let (m, next) = record_at(*fmt, bytes, self.at)?.ok()?;
                self.at = next;
                Some(m)
            }
        }
    }
}

/// The record at `at` in `bytes`: its packet and where the next record
/// starts. `None` when `bytes` does not hold the whole record (nor, at
/// worst, its header); `Some(Err)` when the header is one libpcap refuses.
pub(super) fn record_at(
    fmt: Format,
    bytes: &[u8],
    at: usize,
) -> Option<Result<(Meta, usize), SourceError>> {
    let h = bytes.get(at..)?.first_chunk::<16>()?;
    let (ts, caplen, wire_len) = match fmt.header(h) {
        Ok(v) => v,
        Err(e) => return Some(Err(e)),
    };
    let start = at + 16;
    let next = start + caplen as usize;
    if next > bytes.len() {
        return None;
    }
    // A record longer than the snapshot length: libpcap keeps the first
    // `snaplen` bytes and skips the rest.
    let end = start + caplen.min(fmt.snaplen) as usize;
    let m = Meta {
        ts,
        wire_len,
        link: fmt.link,
        start,
        end,
    };
    Some(Ok((m, next)))
}

/// Fills `block` with the next packets of `src`: whole records when the
/// source can hand them over in bulk, else copied packets (up to
/// `BLOCK_PACKETS` or [`BLOCK_BYTES`]). `Ok(true)` when more may follow,
/// `Ok(false)` at the end of the input; on `Err` the block holds the
/// packets before the damage.
pub fn fill(src: &mut dyn PacketSource, block: &mut Block) -> Result<bool, SourceError> {
    if let Some(r) = src.read_block(block) {
        return r;
    }
    block.len = 0;
    match &mut block.kind {
        Kind::Listed(metas) => metas.clear(),
        Kind::Records(_) => block.kind = Kind::Listed(Vec::new()),
    }
    let mut count = 0;
    while count < block.max_packets.min(BLOCK_PACKETS) && block.len < BLOCK_BYTES {
        match src.next_packet()? {
            Some(pkt) => block.push_copy(&pkt),
            None => return Ok(false),
        }
        count += 1;
    }
    Ok(true)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::packet::Precision;
    use crate::source::file::from_reader;
    use std::io::Cursor;

    /// A pcap file of `link` with records of these captured lengths (each
    /// with `len` one more than its caplen), cut after `cut` bytes.
    fn file(link: u32, snaplen: u32, caplens: &[u32], cut: Option<usize>) -> Vec<u8> {
        let mut f = Vec::new();
        for w in [0xa1b2_c3d4u32, 0x0004_0002, 0, 0, snaplen, link] {
            f.extend_from_slice(&w.to_le_bytes());
        }
        for (i, &c) in caplens.iter().enumerate() {
            for w in [i as u32, 7, c, c + 1] {
                f.extend_from_slice(&w.to_le_bytes());
            }
            f.extend((0..c).map(|b| (b as u8) ^ (i as u8)));
        }
        if let Some(cut) = cut {
            f.truncate(cut);
        }
        f
    }

    type Seen = (Vec<(u64, u32, Vec<u8>)>, Option<String>);

    fn one_by_one(bytes: &[u8]) -> Seen {
        let mut src = from_reader(Box::new(Cursor::new(bytes.to_vec())), Precision::Micro).unwrap();
        let mut seen = Vec::new();
        loop {
            match src.next_packet() {
                Ok(Some(p)) => seen.push((p.ts.sec, p.wire_len, p.data.to_vec())),
                Ok(None) => return (seen, None),
                Err(e) => return (seen, Some(e.to_string())),
            }
        }
    }

    fn in_blocks(bytes: &[u8], max: usize) -> Seen {
        let mut src = from_reader(Box::new(Cursor::new(bytes.to_vec())), Precision::Micro).unwrap();
        let mut seen = Vec::new();
        let mut block = Block::default();
        block.set_max_packets(max);
        loop {
            let r = fill(&mut *src, &mut block);
            assert!(
                matches!(block.kind, Kind::Records(_)),
                "a pcap file reads records"
            );
            for m in block.packets() {
                let p = block.packet(&m);
                seen.push((p.ts.sec, p.wire_len, p.data.to_vec()));
            }
            match r {
                Ok(true) => {}
                Ok(false) => return (seen, None),
                Err(e) => return (seen, Some(e.to_string())),
            }
        }
    }

    /// The blocks of a file read by position, one after the other as the
    /// worker threads' ring passes the start offsets on.
    fn by_position(bytes: &[u8], range: usize) -> Seen {
        let path = std::env::temp_dir().join(format!(
            "tcpscope-block-{}-{:?}.pcap",
            std::process::id(),
            std::thread::current().id()
        ));
        std::fs::write(&path, bytes).unwrap();
        let mut src = crate::source::file::open(path.to_str().unwrap(), Precision::Micro).unwrap();
        let pos = src
            .positioned()
            .expect("a regular pcap file reads by position");
        std::fs::remove_file(&path).unwrap();
        let (mut seen, mut block, mut at) = (Vec::new(), Block::default(), pos.first());
        for j in 0.. {
            block.load(&pos, pos.range_start(j, range), range).unwrap();
            let split = block.split(&pos, at, range);
            for m in block.packets() {
                let p = block.packet(&m);
                seen.push((p.ts.sec, p.wire_len, p.data.to_vec()));
            }
            match split {
                Split::Next(n) => at = n,
                Split::End => return (seen, None),
                Split::Damaged(e) => return (seen, Some(e.to_string())),
            }
        }
        unreachable!()
    }

    /// Blocks hand on exactly the packets, and the error, that reading
    /// record by record does: records larger than a block, records cut
    /// to the snapshot length, and files ending anywhere in a record;
    /// read by the reading thread or by position, blocks of any size.
    #[test]
    fn blocks_read_what_records_read() {
        const DBUS: u32 = 231;
        let big = 3 * BLOCK_BYTES as u32 + 5;
        let cases: Vec<(u32, u32, Vec<u32>)> = vec![
            (1, 65535, vec![60; 40_000]),
            (1, 100, vec![60, 150, 100, 101, 0, 1500, 60]),
            (DBUS, 0, vec![10, big, 20, BLOCK_BYTES as u32, 30]),
            (1, 262_144, (0..3000).map(|i| (i * 97) % 1600).collect()),
        ];
        for (link, snaplen, caplens) in cases {
            let whole = file(link, snaplen, &caplens, None);
            let mut cuts = vec![None, Some(whole.len() - 1), Some(24 + 5), Some(24 + 16 + 3)];
            cuts.extend((1..40).map(|k| Some(24 + k * 1237 % (whole.len() - 24))));
            for cut in cuts {
                let bytes = file(link, snaplen, &caplens, cut);
                let want = one_by_one(&bytes);
                for max in [1, 3, usize::MAX] {
                    let got = in_blocks(&bytes, max);
                    assert_eq!(got.1, want.1, "link {link} cut {cut:?} max {max}");
                    assert!(
                        got.0 == want.0,
                        "link {link} cut {cut:?} max {max}: packets differ"
                    );
                }
                for range in [7, 4096, 1 << 18] {
                    let got = by_position(&bytes, range);
                    assert_eq!(got.1, want.1, "link {link} cut {cut:?} range {range}");
                    assert!(
                        got.0 == want.0,
                        "link {link} cut {cut:?} range {range}: packets differ"
                    );
                }
            }
        }
    }

    /// A header libpcap refuses ends the block there, with its message.
    #[test]
    fn blocks_stop_at_a_refused_header() {
        let mut bytes = file(1, 65535, &[60, 60, 60], None);
        let bad = 24 + 2 * (16 + 60);
        bytes[bad + 8..bad + 12].copy_from_slice(&0x7fff_ffffu32.to_le_bytes());
        let want = one_by_one(&bytes);
        assert_eq!(want.0.len(), 2);
        assert!(
            want.1
                .as_deref()
                .is_some_and(|e| e.contains("invalid packet capture length"))
        );
        for max in [1, 2, usize::MAX] {
            assert_eq!(in_blocks(&bytes, max), want);
        }
        for range in [1, 50, 1 << 18] {
            assert_eq!(by_position(&bytes, range), want);
        }
    }
}
