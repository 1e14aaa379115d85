//! The library's small face, for programs that want tcpscope's reading,
//! decoding and TCP analysis without its command line: open a capture
//! ([`Capture::open`], pcap or pcapng, possibly gzip- or zstd-compressed,
//! or several files merged by timestamp with [`Capture::open_merged`]),
//! read its packets decoded ([`Capture::next_packet`], each a
//! [`Packet`]: the bytes as captured and their layers), keep some with a
//! pcap-filter expression ([`Capture::set_filter`]), and run the TCP
//! analyzer to get typed connections ([`Capture::connections`]:
//! [`Connection`], which is `serde::Serialize`, the record
//! `--connections --json` prints).
//!
//! ```no_run
//! let mut cap = tcpscope::Capture::open("trace.pcap")?;
//! while let Some(p) = cap.next_packet()? {
//!     if let Some(tcp) = p.decoded.tcp() {
//!         println!("{} bytes, TCP port {}", p.raw.wire_len, tcp.dst_port());
//!     }
//! }
//! for c in tcpscope::Capture::open("trace.pcap")?.connections()? {
//!     println!("{} > {}: {}", c.client, c.server, c.outcome);
//! }
//! # Ok::<(), tcpscope::Error>(())
//! ```
//!
//! The command-line run ([`crate::run`]) is built from the same stages.

use crate::analyze::{self, Analyzer, Connection};
use crate::decode::Decoded;
use crate::filter::{self, Filter};
use crate::packet::{LinkType, Precision, RawPacket};
use crate::source::{self, PacketSource, SourceError};

/// Why the library could not go on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The capture could not be opened or read (libpcap's words; a merge
    /// names the file).
    #[error("{0}")]
    Source(#[from] SourceError),
    /// The filter expression was refused.
    #[error("{}", .0.message)]
    Filter(#[from] filter::FilterError),
}

/// A capture being read: a lending reader of decoded packets.
pub struct Capture {
    src: Box<dyn PacketSource>,
    precision: Precision,
    filter: Option<Filter>,
    /// The bytes of the last packet the filter kept, copied.
    kept: Vec<u8>,
}

/// One packet as read and decoded; it borrows the [`Capture`] until the
/// next read.
pub struct Packet<'a> {
    /// The captured bytes, timestamp, lengths and link type.
    pub raw: RawPacket<'a>,
    /// Its layers, link to transport, tunnels followed
    /// ([`Decoded::ip`], [`Decoded::tcp`], [`Decoded::layers`]…).
    pub decoded: Decoded<'a>,
}

impl Capture {
    /// Opens a capture file (`-` is standard input) with microsecond
    /// timestamps.
    pub fn open(path: impl AsRef<str>) -> Result<Capture, Error> {
        Capture::open_with(path, Precision::Micro)
    }

    /// Opens a capture file with timestamps in `precision`.
    pub fn open_with(path: impl AsRef<str>, precision: Precision) -> Result<Capture, Error> {
        Ok(Capture {
            src: source::file::open(path.as_ref(), precision)?,
            precision,
            filter: None,
            kept: Vec::new(),
        })
    }

    /// Opens several files read as one capture, merged by timestamp as
    /// `mergecap` merges them (what `tcpscope -r A -r B` reads).
    pub fn open_merged<P: AsRef<str>>(paths: &[P]) -> Result<Capture, Error> {
        let precision = Precision::Micro;
        let mut files = Vec::new();
        for p in paths {
            let p = p.as_ref();
            let src = source::file::open(p, precision).map_err(|e| match e {
                SourceError::Open(m) if !m.starts_with(p) => SourceError::Open(format!("{p}: {m}")),
                e => e,
            })?;
            files.push((p.to_string(), src));
        }
        Ok(Capture {
            src: Box::new(source::merge::Merged::new(files)),
            precision,
            filter: None,
            kept: Vec::new(),
        })
    }

    /// The link type of the capture's (first) interface.
    pub fn link_type(&self) -> LinkType {
        self.src.link_type()
    }

    /// From now on, only packets `expression` (pcap-filter syntax, as
    /// tcpdump takes it) keeps are read.
    pub fn set_filter(&mut self, expression: &str) -> Result<(), Error> {
        let settings = filter::Settings {
            optimize: true,
            big_endian: self.src.big_endian(),
        };
        self.filter = Some(Filter::compile_with_libpcap(
            expression,
            self.src.link_type(),
            settings,
            filter::LibpcapCompile(std::sync::Arc::new(
                crate::source::bpf_dump::compile_for_filter,
            )),
        )?);
        Ok(())
    }

    /// The next packet (that the filter keeps), decoded; `None` at the end.
    pub fn next_packet(&mut self) -> Result<Option<Packet<'_>>, Error> {
        let raw = match &self.filter {
            None => self.src.next_packet()?,
            Some(f) => loop {
                // A kept packet is copied out of the source: a borrow
                // returned from inside this loop would outlive the next
                // turn's read (the borrow checker's known limit).
                let Some(raw) = self.src.next_packet()? else {
                    break None;
                };
                if f.matches(&raw) {
                    let (ts, wire_len, link) = (raw.ts, raw.wire_len, raw.link);
                    self.kept.clear();
                    self.kept.extend_from_slice(raw.data);
                    break Some(RawPacket {
                        ts,
                        wire_len,
                        link,
                        data: &self.kept,
                        origin: Default::default(),
                    });
                }
            },
        };
        Ok(raw.map(|raw| {
            let mut decoded = Decoded::default();
            decoded.decode(raw.link, raw.data, raw.wire_len as usize);
            Packet { raw, decoded }
        }))
    }

    /// Runs the TCP analyzer over the rest of the capture and returns its
    /// connections, in the order `--connections` reports them.
    pub fn connections(mut self) -> Result<Vec<Connection>, Error> {
        let mut a = Analyzer::new(analyze::Options {
            json: true,
            nano: self.precision == Precision::Nano,
            ..analyze::Options::new(analyze::Mode::Connections)
        });
        a.keep_connections();
        let mut out = Vec::new();
        while let Some(raw) = self.src.next_packet()? {
            if self.filter.as_ref().is_none_or(|f| f.matches(&raw)) {
                a.packet(&raw);
                // The JSON lines are not wanted: the records are.
                out.clear();
                let _ = a.take(&mut out);
            }
        }
        Ok(a.finish_connections())
    }
}
