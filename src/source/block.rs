//! Packets in bulk, for the threaded pipeline (`crate::threads`): a
//! [`Block`] holds many packets so that another thread can filter and
//! format them. A classic pcap file fills it with whole records straight from
//! the file ([`PacketSource::read_block`]: one copy, the kernel's, and the
//! records are split on the worker threads); any other source has its packets
//! copied in one by one ([`fill`]). The reading thread only checks each
//! record's header, so damage is reported where the sequential reader reports
//! it, after the packets before it.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::file::Format;
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
    /// Packet data back to back, described by these.
    Copied(Vec<Meta>),
}

/// A batch of packets (see the module doc). Its buffer keeps its size
/// between uses, so reading into it never zero-fills memory again.
pub struct Block {
    pub(super) buf: Vec<u8>,
    /// Bytes of `buf` in use.
    pub(super) len: usize,
    kind: Kind,
    /// Packets a block holds at most (tests make it small, to cross many
    /// block boundaries).
    pub(super) max_packets: usize,
}

impl Default for Block {
    fn default() -> Self {
        Block {
            buf: Vec::new(),
            len: 0,
            kind: Kind::Copied(Vec::new()),
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

    /// Whether the block holds no packet.
    pub fn is_empty(&self) -> bool {
        match &self.kind {
            Kind::Records(_) => self.len == 0,
            Kind::Copied(metas) => metas.is_empty(),
        }
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
        }
    }

    fn push_copy(&mut self, pkt: &RawPacket<'_>) {
        let start = self.len;
        self.append(pkt.data);
        if let Kind::Copied(metas) = &mut self.kind {
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
            Kind::Copied(metas) => {
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
/// [`BLOCK_PACKETS`] or [`BLOCK_BYTES`]). `Ok(true)` when more may follow,
/// `Ok(false)` at the end of the input; on `Err` the block holds the
/// packets before the damage.
pub fn fill(src: &mut dyn PacketSource, block: &mut Block) -> Result<bool, SourceError> {
    if let Some(r) = src.read_block(block) {
        return r;
    }
    block.len = 0;
    match &mut block.kind {
        Kind::Copied(metas) => metas.clear(),
        Kind::Records(_) => block.kind = Kind::Copied(Vec::new()),
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

    /// Blocks hand on exactly the packets, and the error, that reading
    /// record by record does: records larger than a block, records cut
    /// to the snapshot length, and files ending anywhere in a record.
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
    }
}
