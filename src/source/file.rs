//! Saved capture files. Classic pcap is read here record by record with
//! libpcap's own checks and messages (`sf-pcap.c`); pcapng is delegated to
//! `super::pcapng`. Both read through one buffered reader, so `-r -` (a
//! pipe) works the same as a file.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};

use pcap_file::pcap::PcapHeader;
use pcap_file::{Endianness, TsResolution};

use super::block::{self, Block, MIN_READ, Positioned};
use super::pcapng::PcapNgFile;
use super::{PacketSource, SourceError};
use crate::cstd::strerror;
use crate::packet::{LinkType, Precision, RawPacket, Timestamp};

/// Bytes per read into a block: small enough that the record headers are
/// still in the cache when they are checked right after.
const READ_PIECE: usize = 1 << 17;

/// libpcap's MAXIMUM_SNAPLEN.
pub const MAXIMUM_SNAPLEN: u32 = 262_144;

/// `pcap_adjust_snapshot`: 0 or too large means "the maximum for this link type".
pub(super) fn adjust_snapshot(link: LinkType, snaplen: u32) -> u32 {
    let max = max_snaplen_for_dlt(link);
    // libpcap 1.10 only replaces 0 and values above INT_MAX (its XXX
    // comment: larger ones below that are kept).
    if snaplen == 0 || snaplen > i32::MAX as u32 {
        max
    } else {
        snaplen
    }
}

fn max_snaplen_for_dlt(link: LinkType) -> u32 {
    match link.0 {
        231 => 128 * 1024 * 1024, // DBUS
        279 => 8 * 1024 * 1024,   // EBHSCR
        249 => 1024 * 1024,       // USBPCAP
        _ => MAXIMUM_SNAPLEN,
    }
}

/// Reads as many bytes as are there, up to `buf.len()`; returns how many.
pub(super) fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        let Some(rest) = buf.get_mut(got..) else {
            break;
        };
        match r.read(rest) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

pub(super) fn io_err(e: &io::Error) -> String {
    format!("error reading dump file: {}", strerror(e))
}

/// Opens `path` (`-` is standard input) as pcap or pcapng, either of them
/// possibly gzip- or zstd-compressed. The name may be any bytes, as
/// tcpdump's; messages show it lossily (`Path::display`).
pub fn open(
    path: impl AsRef<std::path::Path>,
    precision: Precision,
) -> Result<Box<dyn PacketSource>, SourceError> {
    let path = path.as_ref();
    let shown = path.display();
    let mut at = None;
    let input: Box<dyn Read + Send> = if path.as_os_str() == "-" {
        widen_pipe();
        Box::new(io::stdin())
    } else {
        let f = std::fs::File::open(path)
            .map_err(|e| SourceError::Open(super::errbuf(format!("{shown}: {}", strerror(&e)))))?;
        // A second handle on a regular file, for reading by position.
        if f.metadata().is_ok_and(|m| m.is_file()) {
            at = f.try_clone().ok();
        }
        Box::new(f)
    };
    // A compressed file is read through its decoder, never by position
    // (`PcapFile::positioned` finds the file's bytes are not the header).
    let input = super::compress::decompressing(input, &shown.to_string())
        .map_err(|e| SourceError::Open(io_err(&e)))?;
    open_reader(input, at, precision)
}

/// When standard input is a pipe, asks Linux for a 1 MiB pipe buffer (the
/// default most an unprivileged process may set) instead of 64 KiB: the
/// writer and tcpscope then wake each other far less often, which halves
/// the cost of moving a capture through the pipe. Anything else (a file, a
/// terminal, a refusal) is left as it is.
fn widen_pipe() {
    #[cfg(target_os = "linux")]
    let _ = nix::fcntl::fcntl(io::stdin(), nix::fcntl::FcntlArg::F_SETPIPE_SZ(1 << 20));
}

/// Reads a pcap or pcapng capture from any byte stream (a file, a pipe, or
/// bytes in memory for the benches).
pub fn from_reader(
    input: Box<dyn Read>,
    precision: Precision,
) -> Result<Box<dyn PacketSource>, SourceError> {
    open_reader(input, None, precision)
}

/// [`from_reader`], with `at` a handle on the same bytes as a regular
/// file, which a classic pcap file may also be read from by position
/// ([`PacketSource::positioned`]).
fn open_reader(
    input: Box<dyn Read>,
    at: Option<File>,
    precision: Precision,
) -> Result<Box<dyn PacketSource>, SourceError> {
    let mut r = BufReader::with_capacity(1 << 16, input);
    let mut magic = [0u8; 4];
    let got = read_full(&mut r, &mut magic).map_err(|e| SourceError::Open(io_err(&e)))?;
    if got < 4 {
        return Err(SourceError::Open(format!(
            "truncated dump file; tried to read 4 file header bytes, only got {got}"
        )));
    }
    let m = u32::from_be_bytes(magic);
    match m {
        0xA1B2_C3D4 | 0xA1B2_3C4D | 0xD4C3_B2A1 | 0x4D3C_B2A1 => {
            let mut f = PcapFile::open(r, magic, precision)?;
            f.at = at;
            Ok(Box::new(f))
        }
        0x0A0D_0D0A => Ok(Box::new(PcapNgFile::open(r, magic, precision)?)),
        _ => Err(SourceError::Open("unknown file format".into())),
    }
}

/// Why the records of a block end where they do.
enum Stop {
    /// As many as the block may hold.
    Full,
    /// The next one's header is one libpcap refuses.
    Bad(SourceError),
}

/// libpcap's message for a file that ends inside a record header.
fn truncated_header(got: usize) -> SourceError {
    SourceError::Read(format!(
        "truncated dump file; tried to read 16 header bytes, only got {got}"
    ))
}

/// libpcap's message for a file that ends `got` bytes into a record's data:
/// it first reads the `snaplen` bytes it keeps, then skips the rest.
fn truncated_data(caplen: u32, snaplen: u32, got: u64) -> SourceError {
    let keep = caplen.min(snaplen);
    let tried = if got < u64::from(keep) { keep } else { caplen };
    SourceError::Read(format!(
        "truncated dump file; tried to read {tried} captured bytes, only got {got}"
    ))
}

/// The error for a file ending with `rest`, the start of a record (libpcap's
/// message for the part it could not read), or `None` when `rest` is empty.
pub(super) fn tail_error(fmt: Format, rest: &[u8]) -> Option<SourceError> {
    if rest.is_empty() {
        return None;
    }
    Some(match rest.first_chunk::<16>() {
        None => truncated_header(rest.len()),
        Some(h) => match fmt.header(h) {
            Ok((_, caplen, _)) => truncated_data(caplen, fmt.snaplen, (rest.len() - 16) as u64),
            Err(e) => e,
        },
    })
}

/// A classic pcap file being read.
struct PcapFile {
    r: BufReader<Box<dyn Read>>,
    big_endian: bool,
    file_nano: bool,
    precision: Precision,
    link: LinkType,
    /// `LT_LINKTYPE_EXT` of the header's link-type field.
    link_ext: u32,
    snaplen: u32,
    /// Versions before 2.3 store `len` before `caplen` (libpcap's `lengths_swapped`).
    lengths: LengthOrder,
    buf: Vec<u8>,
    /// Bytes of the reader's buffer lent out with the last packet, to consume
    /// before reading on.
    pending: usize,
    /// The start of a record that did not fit in the last [`Block`].
    carry: Vec<u8>,
    /// The file again, for [`PacketSource::positioned`].
    at: Option<File>,
    /// The file header as read, which the file must still begin with.
    header: [u8; 24],
    /// Whether a packet has been read (positioned reading starts at the
    /// first record).
    started: bool,
}

/// What decoding a record header needs, copied out so the reader's buffer
/// can stay borrowed meanwhile (and a [`Block`] of records carries).
#[derive(Clone, Copy)]
pub(super) struct Format {
    big_endian: bool,
    file_nano: bool,
    precision: Precision,
    lengths: LengthOrder,
    pub(super) link: LinkType,
    pub(super) snaplen: u32,
}

impl Format {
    fn u32_at(self, b: &[u8; 16], i: usize) -> u32 {
        let mut w = [0u8; 4];
        if let Some(s) = b.get(i..i + 4) {
            w.copy_from_slice(s);
        }
        if self.big_endian {
            u32::from_be_bytes(w)
        } else {
            u32::from_le_bytes(w)
        }
    }

    /// A record header as libpcap's `pcap_next_packet` reads it: timestamp
    /// scaled to the requested precision, (caplen, len) in the right order,
    /// and the caplen limit checked.
    pub(super) fn header(self, h: &[u8; 16]) -> Result<(Timestamp, u32, u32), SourceError> {
        let sec = self.u32_at(h, 0);
        // libpcap sign-extends the file's 32-bit fraction into a `long`
        // and scales it there (signed division): kept whole, as that
        // `long`'s bits (see `Timestamp::frac`); tcpdump prints and `-w`
        // writes its low 32 bits, but `-ttt` subtracts the whole values.
        let raw = i64::from(self.u32_at(h, 4) as i32);
        let scaled = match (self.file_nano, self.precision) {
            (true, Precision::Micro) => raw / 1000,
            (false, Precision::Nano) => raw * 1000,
            _ => raw,
        };
        let frac = scaled as u64;
        let mut caplen = self.u32_at(h, 8);
        let mut len = self.u32_at(h, 12);
        if self.lengths == LengthOrder::Swapped
            || (self.lengths == LengthOrder::Maybe && caplen > len)
        {
            std::mem::swap(&mut caplen, &mut len);
        }
        if caplen > max_snaplen_for_dlt(self.link) {
            let msg = if caplen > self.snaplen {
                format!(
                    "invalid packet capture length {caplen}, bigger than snaplen of {}",
                    self.snaplen
                )
            } else {
                format!(
                    "invalid packet capture length {caplen}, bigger than maximum of {}",
                    max_snaplen_for_dlt(self.link)
                )
            };
            return Err(SourceError::Read(msg));
        }
        let ts = Timestamp {
            sec: u64::from(sec),
            frac,
        };
        Ok((ts, caplen, len))
    }
}

#[derive(Clone, Copy, PartialEq)]
enum LengthOrder {
    Normal,
    Swapped,
    Maybe,
}

impl PcapFile {
    fn open(
        mut r: BufReader<Box<dyn Read>>,
        magic: [u8; 4],
        precision: Precision,
    ) -> Result<Self, SourceError> {
        let mut hdr = [0u8; 24];
        hdr[..4].copy_from_slice(&magic);
        let rest = hdr.get_mut(4..).unwrap_or_default();
        let got = read_full(&mut r, rest).map_err(|e| SourceError::Open(io_err(&e)))?;
        if got < 20 {
            return Err(SourceError::Open(format!(
                "truncated dump file; tried to read 24 file header bytes, only got {got}"
            )));
        }
        let (_, h) = PcapHeader::from_slice(&hdr)
            .map_err(|_| SourceError::Open("unknown file format".into()))?;
        if h.version_major < 2 {
            return Err(SourceError::Open("archaic pcap savefile format".into()));
        }
        if !((h.version_major == 2 && h.version_minor <= 4)
            || (h.version_major == 543 && h.version_minor == 0))
        {
            return Err(SourceError::Open(format!(
                "unsupported pcap savefile version {}.{}",
                h.version_major, h.version_minor
            )));
        }
        let lengths = match (h.version_major, h.version_minor) {
            (2, m) if m < 3 => LengthOrder::Swapped,
            (2, 3) => LengthOrder::Maybe,
            (543, _) => LengthOrder::Swapped,
            _ => LengthOrder::Normal,
        };
        let raw_link = u32::from(h.datalink);
        // LT_LINKTYPE: the low 16 bits are the link type, the rest extensions.
        let link = LinkType::from_file_value(raw_link & 0x03FF_FFFF);
        let snaplen = adjust_snapshot(link, h.snaplen);
        Ok(PcapFile {
            r,
            big_endian: h.endianness == Endianness::Big,
            file_nano: h.ts_resolution == TsResolution::NanoSecond,
            precision,
            link,
            link_ext: raw_link & 0xFC00_0000,
            snaplen,
            lengths,
            buf: Vec::new(),
            pending: 0,
            carry: Vec::new(),
            at: None,
            header: hdr,
            started: false,
        })
    }

    fn format(&self) -> Format {
        Format {
            big_endian: self.big_endian,
            file_nano: self.file_nano,
            precision: self.precision,
            lengths: self.lengths,
            link: self.link,
            snaplen: self.snaplen,
        }
    }

    /// [`PacketSource::read_block`]: reads straight into the block's buffer
    /// (a `BufReader` with nothing buffered passes large reads through),
    /// checking each piece's record headers while it is still in the cache,
    /// then keeps the whole records and carries the rest to the next block.
    fn fill_block(&mut self, block: &mut Block) -> Result<bool, SourceError> {
        if self.pending > 0 {
            self.r.consume(self.pending);
            self.pending = 0;
        }
        let fmt = self.format();
        block.start_records(fmt);
        block.append(&self.carry);
        self.carry.clear();
        let buffered = self.r.buffer();
        block.append(buffered);
        let n = buffered.len();
        self.r.consume(n);
        let (mut eof, mut failed) = (false, None);
        let (mut at, mut count) = (0, 0);
        let stop = loop {
            let bytes = block.buf.get(..block.len).unwrap_or_default();
            let stop = loop {
                if count == block.max_packets {
                    break Some(Stop::Full);
                }
                match block::record_at(fmt, bytes, at) {
                    Some(Ok((_, next))) => at = next,
                    Some(Err(e)) => break Some(Stop::Bad(e)),
                    None => break None,
                }
                count += 1;
            };
            if stop.is_some() || eof || failed.is_some() {
                break stop;
            }
            let mut room = block.buf.len() - block.len;
            if room < MIN_READ {
                if at > 0 {
                    break None;
                }
                // A record larger than the whole block: make room for it.
                if let Some(h) = bytes.first_chunk::<16>() {
                    let (_, caplen, _) = fmt.header(h)?;
                    block.buf.resize(16 + caplen as usize + MIN_READ, 0);
                    room = block.buf.len() - block.len;
                }
            }
            let end = block.len + room.min(READ_PIECE);
            let Some(piece) = block.buf.get_mut(block.len..end) else {
                break None;
            };
            match self.r.read(piece) {
                Ok(0) => eof = true,
                Ok(n) => block.len += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => failed = Some(SourceError::Read(io_err(&e))),
            }
        };
        if let Some(Stop::Bad(e)) = stop {
            // Damage: the records before it, then libpcap's message.
            block.len = at;
            return Err(e);
        }
        self.carry
            .extend_from_slice(block.buf.get(at..block.len).unwrap_or_default());
        block.len = at;
        if stop.is_some() || !(eof || failed.is_some()) {
            return Ok(true);
        }
        if let Some(e) = failed {
            return Err(e);
        }
        match tail_error(fmt, &self.carry) {
            None => Ok(false),
            Some(e) => Err(e),
        }
    }
}

impl PacketSource for PcapFile {
    fn next_packet(&mut self) -> Result<Option<RawPacket<'_>>, SourceError> {
        self.started = true;
        if self.pending > 0 {
            self.r.consume(self.pending);
            self.pending = 0;
        }
        let fmt = self.format();
        // Fast path: the whole record is already in the reader's buffer, so
        // the packet is lent from there without a copy.
        let avail = self
            .r
            .fill_buf()
            .map_err(|e| SourceError::Read(io_err(&e)))?;
        let fast = match avail.first_chunk::<16>() {
            Some(h) => {
                let (ts, caplen, len) = fmt.header(h)?;
                let end = 16 + caplen as usize;
                (caplen <= fmt.snaplen && avail.len() >= end).then_some((ts, len, end))
            }
            None => None,
        };
        if let Some((ts, len, end)) = fast {
            // The buffer is not empty, so this returns it again without reading.
            let avail = self
                .r
                .fill_buf()
                .map_err(|e| SourceError::Read(io_err(&e)))?;
            // Checked above: `avail` holds `end` bytes.
            let data = avail.get(16..end).unwrap_or_default();
            self.pending = end;
            return Ok(Some(RawPacket {
                ts,
                wire_len: len,
                link: fmt.link,
                data,
                origin: Default::default(),
            }));
        }
        let mut h = [0u8; 16];
        let got = read_full(&mut self.r, &mut h).map_err(|e| SourceError::Read(io_err(&e)))?;
        if got == 0 {
            return Ok(None);
        }
        if got < 16 {
            return Err(truncated_header(got));
        }
        let (ts, caplen, len) = fmt.header(&h)?;
        // A record longer than the snapshot length: libpcap keeps the first
        // `snaplen` bytes and skips the rest.
        let keep = caplen.min(self.snaplen) as usize;
        self.buf.resize(keep, 0);
        let got =
            read_full(&mut self.r, &mut self.buf).map_err(|e| SourceError::Read(io_err(&e)))?;
        if got < keep {
            return Err(truncated_data(caplen, self.snaplen, got as u64));
        }
        if caplen > self.snaplen {
            let skip = u64::from(caplen - self.snaplen);
            let skipped = io::copy(&mut (&mut self.r).take(skip), &mut io::sink())
                .map_err(|e| SourceError::Read(io_err(&e)))?;
            if skipped < skip {
                let got = u64::from(self.snaplen) + skipped;
                return Err(truncated_data(caplen, self.snaplen, got));
            }
        }
        Ok(Some(RawPacket {
            ts,
            wire_len: len,
            link: self.link,
            data: &self.buf,
            origin: Default::default(),
        }))
    }

    fn read_block(&mut self, block: &mut Block) -> Option<Result<bool, SourceError>> {
        self.started = true;
        Some(self.fill_block(block))
    }

    fn positioned(&mut self) -> Option<Positioned> {
        let file = self.at.take()?;
        // Only a file whose own first bytes are the header read (not one
        // read through a decompressor), before any packet was read.
        let mut first = [0u8; 24];
        let same = !self.started
            && std::os::unix::fs::FileExt::read_exact_at(&file, &mut first, 0).is_ok()
            && first == self.header;
        same.then(|| Positioned::new(file, self.format(), 24))
    }

    fn link_type(&self) -> LinkType {
        self.link
    }

    fn snaplen(&self) -> u32 {
        self.snaplen
    }

    fn big_endian(&self) -> bool {
        self.big_endian
    }

    fn link_ext(&self) -> u32 {
        self.link_ext
    }
}
