//! Compressed capture files: gzip and zstd, recognised by their magic bytes
//! (`1f 8b`, `28 b5 2f fd`) as Wireshark recognises them, whatever the
//! file's name, so `-r -` reads them too. Owns the decoder thread, which
//! decompresses while the caller works on the packets already decoded, and
//! the wording of a damaged stream's error. Knows nothing of pcap or pcapng:
//! it hands on bytes, or the input itself when it is not compressed.

use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};

/// The size of the buffers handed from the decoder thread to the reader.
const CHUNK: usize = 1 << 20;
/// The most the decoder is asked for in one call: both decoders drop what
/// they decoded in a call that fails, so this bounds what damage can hide
/// of the good data before it.
const PIECE: usize = 128 << 10;
/// Chunks decoded ahead of the reader: enough to ride out its bursts, few
/// enough to stay in a few MiB.
const AHEAD: usize = 4;
/// The decoder's read size on the compressed input.
const INPUT: usize = 1 << 16;

#[derive(Clone, Copy)]
enum Format {
    Gzip,
    Zstd,
}

impl Format {
    fn sniff(magic: &[u8]) -> Option<Format> {
        match magic {
            [0x1f, 0x8b, ..] => Some(Format::Gzip),
            [0x28, 0xb5, 0x2f, 0xfd] => Some(Format::Zstd),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Gzip => "gzip",
            Format::Zstd => "zstd",
        }
    }
}

/// `input` decompressed when it starts with gzip's or zstd's magic bytes,
/// else `input` itself (the bytes looked at are put back). `path` names the
/// input in errors (`-` is standard input). Damage in the compressed data is
/// a read error, after everything decoded before it: `PATH: truncated gzip
/// data at compressed offset N`, `PATH: corrupt zstd data at compressed
/// offset N: WHY` (or `in compressed bytes A-B` when the decoder cannot
/// tell where in what it was given), `PATH: trailing garbage after gzip
/// data at compressed offset N`.
pub(crate) fn decompressing(
    mut input: Box<dyn Read + Send>,
    path: &str,
) -> io::Result<Box<dyn Read + Send>> {
    let mut magic = [0u8; 4];
    let got = super::file::read_full(&mut input, &mut magic)?;
    let format = Format::sniff(magic.get(..got).unwrap_or_default());
    let whole = Cursor::new(magic).take(got as u64).chain(input);
    let Some(format) = format else {
        return Ok(Box::new(whole));
    };
    let name = match path {
        "-" => "standard input".to_string(),
        p => p.to_string(),
    };
    let compressed = Counted {
        inner: BufReader::with_capacity(INPUT, whole),
        consumed: 0,
        shown: 0,
        failed: false,
    };
    let (tx, rx) = mpsc::sync_channel(AHEAD);
    let (back_tx, back_rx) = mpsc::channel();
    let queued = Arc::new(AtomicUsize::new(0));
    let decoder = Decoder {
        tx,
        spent: back_rx,
        queued: Arc::clone(&queued),
        format,
        name,
    };
    std::thread::Builder::new()
        .name(format!("{}-decoder", format.name()))
        .spawn(move || decoder.run(compressed))?;
    Ok(Box::new(Chunks {
        rx,
        spent: back_tx,
        queued,
        chunk: Vec::new(),
        start: 0,
        end: 0,
        done: false,
    }))
}

/// The compressed input, counting what the decoder has consumed and been
/// shown (the offsets an error names) and whether the input itself failed
/// (an I/O error, passed on as it is rather than called damage).
struct Counted<R> {
    inner: R,
    consumed: u64,
    /// The end of the bytes last shown by `fill_buf`: a decoder may find
    /// damage anywhere in what it was shown without consuming any of it.
    shown: u64,
    failed: bool,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf).inspect_err(|_| self.failed = true)?;
        self.consumed += n as u64;
        self.shown = self.consumed;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self.inner.fill_buf() {
            Ok(b) => {
                self.shown = self.consumed + b.len() as u64;
                Ok(b)
            }
            Err(e) => {
                self.failed = true;
                Err(e)
            }
        }
    }

    fn consume(&mut self, n: usize) {
        self.consumed += n as u64;
        self.inner.consume(n);
    }
}

enum Msg {
    /// A buffer and how many of its bytes are data.
    Data(Vec<u8>, usize),
    End,
    Fail(io::Error),
}

/// The decoder thread's side.
struct Decoder {
    tx: SyncSender<Msg>,
    /// Buffers the reader is done with, to decode into again.
    spent: Receiver<Vec<u8>>,
    /// Chunks sent and not yet taken: while the reader waits for one (0),
    /// each decoded piece is handed on at once, so a slow stream (a live
    /// capture piped through gzip) is not held back to fill a whole chunk.
    queued: Arc<AtomicUsize>,
    format: Format,
    name: String,
}

type Input = Counted<BufReader<io::Chain<io::Take<Cursor<[u8; 4]>>, Box<dyn Read + Send>>>>;

impl Decoder {
    fn run(self, input: Input) {
        match self.format {
            Format::Gzip => self.pump(Members::new(input), Members::input),
            // Decoder::with_buffer reads every frame (a concatenation of
            // zstd files is one stream, as `zstd -d` reads it).
            Format::Zstd => match zstd::stream::read::Decoder::with_buffer(input) {
                Ok(d) => self.pump(d, |d| Some(d.get_ref())),
                Err(e) => {
                    let _ = self.tx.send(Msg::Fail(e));
                }
            },
        }
    }

    /// Decodes into chunks and sends them until the end, an error, or the
    /// reader is gone (dropped early: `-c`, a closed output pipe).
    fn pump<D: Read>(&self, mut dec: D, input: impl Fn(&D) -> Option<&Input>) {
        loop {
            let mut buf = self.spent.try_recv().unwrap_or_else(|_| vec![0; CHUNK]);
            let mut n = 0;
            let last = loop {
                let piece = buf.get_mut(n..CHUNK.min(n + PIECE)).unwrap_or_default();
                match dec.read(piece) {
                    Ok(0) => break Some(Msg::End),
                    Ok(k) => {
                        n += k;
                        if n >= CHUNK || self.queued.load(Ordering::Relaxed) == 0 {
                            break None;
                        }
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => break Some(Msg::Fail(self.describe(e, input(&dec)))),
                }
            };
            if n > 0 {
                self.queued.fetch_add(1, Ordering::Relaxed);
                if self.tx.send(Msg::Data(buf, n)).is_err() {
                    return;
                }
            }
            if let Some(m) = last {
                let _ = self.tx.send(m);
                return;
            }
        }
    }

    /// A decoder's error, named for the user: the input's own I/O errors as
    /// they are, damage with the format and where it was found.
    fn describe(&self, e: io::Error, input: Option<&Input>) -> io::Error {
        let Some(input) = input.filter(|i| !i.failed) else {
            return e;
        };
        let (name, format) = (&self.name, self.format.name());
        let (from, to) = (input.consumed, input.shown.max(input.consumed));
        let msg = if e.get_ref().is_some_and(|e| e.is::<Garbage>()) {
            format!("{name}: trailing garbage after {format} data at compressed offset {from}")
        } else if e.kind() == io::ErrorKind::UnexpectedEof {
            // The decoder asked for more and got nothing: the data ends here.
            format!("{name}: truncated {format} data at compressed offset {to}")
        } else if from == to {
            format!("{name}: corrupt {format} data at compressed offset {from}: {e}")
        } else {
            format!("{name}: corrupt {format} data in compressed bytes {from}-{to}: {e}")
        };
        io::Error::new(io::ErrorKind::InvalidData, msg)
    }
}

/// gzip's members one after the other, as `gzip -d` reads a concatenation
/// of gzip files (flate2's `MultiGzDecoder` would call bytes after the last
/// member a truncated header; this names them).
struct Members {
    /// Only `None` while one member's decoder hands the input to the next.
    dec: Option<flate2::bufread::GzDecoder<Input>>,
}

/// Bytes after the last gzip member that do not start another.
#[derive(Debug, thiserror::Error)]
#[error("trailing garbage")]
struct Garbage;

impl Members {
    fn new(input: Input) -> Members {
        Members {
            dec: Some(flate2::bufread::GzDecoder::new(input)),
        }
    }

    fn input(&self) -> Option<&Input> {
        self.dec.as_ref().map(|d| d.get_ref())
    }
}

impl Read for Members {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some(dec) = self.dec.as_mut() else {
                return Ok(0);
            };
            let n = dec.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            // A member ended, its checksum and length checked: another one
            // follows, or nothing, or garbage.
            match dec.get_mut().fill_buf()?.first() {
                None => return Ok(0),
                Some(0x1f) => {
                    let input = self.dec.take().map(|d| d.into_inner());
                    self.dec = input.map(flate2::bufread::GzDecoder::new);
                }
                Some(_) => return Err(io::Error::new(io::ErrorKind::InvalidData, Garbage)),
            }
        }
    }
}

/// The reader's side: the decoded bytes, chunk by chunk.
struct Chunks {
    rx: Receiver<Msg>,
    spent: Sender<Vec<u8>>,
    queued: Arc<AtomicUsize>,
    chunk: Vec<u8>,
    start: usize,
    end: usize,
    /// The stream ended or failed: nothing more to read.
    done: bool,
}

impl Read for Chunks {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.start < self.end {
                let avail = self.chunk.get(self.start..self.end).unwrap_or_default();
                let n = avail.len().min(buf.len());
                if let (Some(to), Some(from)) = (buf.get_mut(..n), avail.get(..n)) {
                    to.copy_from_slice(from);
                }
                self.start += n;
                return Ok(n);
            }
            if self.done {
                return Ok(0);
            }
            if !self.chunk.is_empty() {
                // The decoder may have stopped: then the buffer is just freed.
                let _ = self.spent.send(std::mem::take(&mut self.chunk));
            }
            match self.rx.recv() {
                Ok(Msg::Data(chunk, n)) => {
                    self.queued.fetch_sub(1, Ordering::Relaxed);
                    self.chunk = chunk;
                    (self.start, self.end) = (0, n);
                }
                Ok(Msg::End) => self.done = true,
                Ok(Msg::Fail(e)) => {
                    self.done = true;
                    return Err(e);
                }
                Err(_) => {
                    self.done = true;
                    return Err(io::Error::other("the decompressing thread stopped"));
                }
            }
        }
    }
}
