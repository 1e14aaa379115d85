//! One output file: classic pcap, written as libpcap's `pcap_dump_open` /
//! `pcap_dump` / `pcap_dump_close` (`sf-pcap.c`) write it: a 24-byte header
//! (magic a1b2c3d4, or a1b23c4d for nanoseconds; version 2.4; thiszone and
//! sigfigs 0; the capture's snapshot length; `dlt_to_linktype` of its link
//! type with the file's extension bits) and one 16-byte record header plus
//! the captured bytes per packet, all in host byte order. Or, asked for,
//! a pcapng file whose blocks [`super::pcapng`] lays out, through the same
//! buffer.
//!
//! The bytes are laid out here rather than by the `pcap-file` crate: its
//! writer refuses records libpcap writes as they are (caplen > len, a
//! fraction of a second ≥ 10^6 from a damaged file, seconds past 2^32 that
//! libpcap truncates) and writes each record in five calls, while tcpscope
//! must control what reaches the file: the buffer holds whole records only,
//! so every write(2) ends on a record boundary, and after a failed write
//! (disk full) the file is cut back to the last whole record, so that what
//! was written stays readable.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::fs::File;
use std::io::{self, Seek, Write};

use super::{WriteError, pcapng};
use crate::cstd::strerror;
use crate::packet::{LinkType, Precision, RawPacket};

/// `TCPDUMP_MAGIC` and `NSEC_TCPDUMP_MAGIC`.
const MAGIC_MICRO: u32 = 0xA1B2_C3D4;
const MAGIC_NANO: u32 = 0xA1B2_3C4D;
/// stdio's buffer is smaller; the size only decides when bytes reach the
/// file, never which bytes.
const BUFFER: usize = 1 << 16;

/// What the file header says: the same for every file of a run.
#[derive(Clone, Debug)]
pub struct FileHeader {
    pub link: LinkType,
    /// `LT_LINKTYPE_EXT` bits of the input's link-type field (pcap's upper
    /// 6 bits, e.g. an FCS length), written back as libpcap does.
    pub link_ext: u32,
    pub snaplen: u32,
    pub precision: Precision,
    /// Write pcapng ([`super::pcapng`]) instead of classic pcap.
    pub pcapng: bool,
    /// With `pcapng`: the input's section options to keep (comments,
    /// hardware, OS), little-endian option TLVs.
    pub section_options: Vec<u8>,
}

/// A pcapng file's state: which interfaces it has described.
struct Ng {
    ifs: pcapng::Interfaces,
    snaplen: u32,
    precision: Precision,
}

/// libpcap's `dlt_to_linktype` as built on Linux: the DLT values that differ
/// from their LINKTYPE_ value are mapped, values in the "matching" range
/// 104..=289 are kept, and anything else has no LINKTYPE_ value (`None`:
/// `link-layer type N isn't supported in savefiles`).
pub fn dlt_to_linktype(link: LinkType) -> Option<u32> {
    match link.0 {
        // NULL, EN10MB, EN3MB, AX25, PRONET, CHAOS, IEEE802, ARCNET, SLIP, PPP, FDDI.
        v @ 0..=10 => Some(v),
        11 => Some(100), // ATM_RFC1483
        12 => Some(101), // RAW
        15 => Some(102), // SLIP_BSDOS
        16 => Some(103), // PPP_BSDOS
        19 => Some(106), // ATM_CLIP
        // PPP_SERIAL, PPP_ETHER, SYMANTEC_FIREWALL, and the matching range.
        v @ (50 | 51 | 99 | 104..=289) => Some(v),
        _ => None,
    }
}

/// Where the bytes go.
enum Sink {
    File(File),
    Stdout(io::Stdout),
}

impl Sink {
    /// Writes all of `b`; on failure says how many bytes went out first.
    fn write_all(&mut self, b: &[u8]) -> Result<(), (usize, io::Error)> {
        let mut done = 0;
        while let Some(rest) = b.get(done..).filter(|r| !r.is_empty()) {
            let n = match self {
                Sink::File(f) => f.write(rest),
                Sink::Stdout(s) => s.write(rest),
            };
            match n {
                Ok(0) => return Err((done, io::ErrorKind::WriteZero.into())),
                Ok(n) => done += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err((done, e)),
            }
        }
        match self {
            Sink::File(_) => Ok(()),
            Sink::Stdout(s) => s.flush().map_err(|e| (done, e)),
        }
    }
}

/// An open output file.
pub struct PcapFile {
    /// As messages name it: the path, or `standard output` for `-`.
    name: String,
    sink: Sink,
    /// Whole records (and the file header) not yet handed to the sink.
    buf: Vec<u8>,
    /// Where each of them ends in `buf`.
    ends: Vec<usize>,
    /// Bytes handed to the sink so far: always a record boundary.
    flushed: u64,
    /// A write failed: like libpcap after `ferror()`, write nothing more.
    failed: bool,
    /// Writing pcapng rather than pcap.
    ng: Option<Ng>,
}

impl PcapFile {
    /// `pcap_dump_open`: creates (truncates) `path`, `-` meaning standard
    /// output, and writes the file header at once to a file, so that a
    /// capture killed (SIGKILL) just after a `-C`/`-G` rotation leaves a
    /// file tcpdump and tshark can read, not an empty one (libpcap buffers
    /// the header with stdio; tests/cli/live_kill.rs). Should that write
    /// fail, the header stays buffered and the error comes with the first
    /// flush, as before.
    pub fn create(path: &str, h: &FileHeader) -> Result<PcapFile, WriteError> {
        let linktype = dlt_to_linktype(h.link);
        let Some(linktype) = linktype.or(h.pcapng.then_some(0)) else {
            return Err(WriteError::Open(format!(
                "{path}: link-layer type {} isn't supported in savefiles",
                h.link.0
            )));
        };
        let (name, sink) = if path == "-" {
            ("standard output".to_string(), Sink::Stdout(io::stdout()))
        } else {
            let f = File::create(path)
                .map_err(|e| WriteError::Open(format!("{path}: {}", strerror(&e))))?;
            (path.to_string(), Sink::File(f))
        };
        let magic = match h.precision {
            Precision::Micro => MAGIC_MICRO,
            Precision::Nano => MAGIC_NANO,
        };
        let mut buf = Vec::with_capacity(BUFFER);
        if h.pcapng {
            pcapng::section_header(&mut buf, &h.section_options);
            let mut file = PcapFile {
                name,
                sink,
                ends: vec![buf.len()],
                buf,
                flushed: 0,
                failed: false,
                ng: Some(Ng {
                    ifs: pcapng::Interfaces::default(),
                    snaplen: h.snaplen,
                    precision: h.precision,
                }),
            };
            file.header_to_disk();
            return Ok(file);
        }
        buf.extend_from_slice(&magic.to_ne_bytes());
        buf.extend_from_slice(&2u16.to_ne_bytes());
        buf.extend_from_slice(&4u16.to_ne_bytes());
        buf.extend_from_slice(&0i32.to_ne_bytes()); // thiszone
        buf.extend_from_slice(&0u32.to_ne_bytes()); // sigfigs
        buf.extend_from_slice(&h.snaplen.to_ne_bytes());
        buf.extend_from_slice(&(linktype | h.link_ext).to_ne_bytes());
        let mut file = PcapFile {
            name,
            sink,
            ends: vec![buf.len()],
            buf,
            flushed: 0,
            failed: false,
            ng: None,
        };
        file.header_to_disk();
        Ok(file)
    }

    /// Puts a new file's header on disk at once, so that a file killed
    /// before its first packet (SIGKILL just after a -C/-G rotation) is a
    /// valid empty capture, not an empty file. Standard output keeps it
    /// buffered; a failed write leaves the file empty for the usual
    /// buffered path to report.
    fn header_to_disk(&mut self) {
        if let Sink::File(f) = &mut self.sink {
            if f.write_all(&self.buf).is_ok() {
                self.flushed = self.buf.len() as u64;
                self.buf.clear();
                self.ends.clear();
            } else {
                let _ = f.set_len(0);
                let _ = f.rewind();
            }
        }
    }

    /// `pcap_dump_ftell`: bytes in the file so far, buffered ones included.
    pub fn position(&self) -> u64 {
        self.flushed + self.buf.len() as u64
    }

    /// `pcap_dump`: appends one record (timestamp truncated to 32 bits as
    /// libpcap's `bpf_int32` fields truncate it). The record goes into the
    /// buffer whole; a full buffer is written out first.
    pub fn write(&mut self, pkt: &RawPacket<'_>) -> Result<(), WriteError> {
        if self.failed {
            return Ok(());
        }
        if self.ng.is_some() {
            return self.write_ng(pkt);
        }
        let record = 16 + pkt.data.len();
        if self.buf.len() + record > BUFFER {
            self.flush()?;
        }
        self.buf
            .extend_from_slice(&(pkt.ts.sec as u32).to_ne_bytes());
        self.buf
            .extend_from_slice(&(pkt.ts.frac as u32).to_ne_bytes());
        self.buf.extend_from_slice(&pkt.caplen().to_ne_bytes());
        self.buf.extend_from_slice(&pkt.wire_len.to_ne_bytes());
        self.buf.extend_from_slice(pkt.data);
        self.ends.push(self.buf.len());
        if self.buf.len() >= BUFFER {
            self.flush()?;
        }
        Ok(())
    }

    /// [`PcapFile::write`] for pcapng: the packet's Enhanced Packet Block,
    /// after its interface's description if this file has none yet, as one
    /// record of the buffer.
    fn write_ng(&mut self, pkt: &RawPacket<'_>) -> Result<(), WriteError> {
        let record = 36 + pkt.data.len() + pkt.origin.options.len();
        if self.buf.len() + record > BUFFER {
            self.flush()?;
        }
        let Some(ng) = self.ng.as_mut() else {
            return Ok(());
        };
        let iface = pcapng::interface(&mut ng.ifs, &mut self.buf, pkt, ng.snaplen, ng.precision)
            .map_err(|link| {
                WriteError::Open(format!(
                    "{}: link-layer type {} isn't supported in savefiles",
                    self.name, link.0
                ))
            })?;
        pcapng::packet(&mut self.buf, pkt, iface, ng.precision);
        self.ends.push(self.buf.len());
        if self.buf.len() >= BUFFER {
            self.flush()?;
        }
        Ok(())
    }

    /// `pcap_dump_flush`: hands every buffered record to the file. On
    /// failure the file is cut back to the end of the last record that went
    /// out whole, so a reader sees every packet before the failure.
    pub fn flush(&mut self) -> Result<(), WriteError> {
        if self.failed || self.buf.is_empty() {
            return Ok(());
        }
        match self.sink.write_all(&self.buf) {
            Ok(()) => {
                self.flushed += self.buf.len() as u64;
                self.buf.clear();
                self.ends.clear();
                Ok(())
            }
            Err((done, e)) => {
                self.failed = true;
                let whole = self.ends.iter().rev().find(|&&end| end <= done);
                self.flushed += whole.copied().unwrap_or(0) as u64;
                self.buf.clear();
                self.ends.clear();
                if let Sink::File(f) = &self.sink {
                    // Fails harmlessly on devices such as /dev/full.
                    let _ = f.set_len(self.flushed);
                }
                Err(WriteError::Write {
                    name: self.name.clone(),
                    kind: e.kind(),
                    message: strerror(&e),
                })
            }
        }
    }

    /// `pcap_dump_close`: flushes and closes.
    pub fn close(mut self) -> Result<(), WriteError> {
        self.flush()
    }
}

impl Drop for PcapFile {
    /// A last flush when a run ends without [`PcapFile::close`] (an early
    /// return): buffered records are never silently lost.
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing, clippy::unwrap_used)]
    use super::*;

    #[test]
    fn linktype_mapping_is_libpcaps() {
        let m = |v| dlt_to_linktype(LinkType(v));
        assert_eq!(m(1), Some(1));
        assert_eq!(m(12), Some(101));
        assert_eq!(m(113), Some(113));
        assert_eq!(m(276), Some(276));
        assert_eq!(m(14), None);
        assert_eq!(m(13), None);
        assert_eq!(m(9999), None);
    }

    #[test]
    fn a_new_file_holds_its_header_before_any_packet() {
        let path =
            std::env::temp_dir().join(format!("tcpscope-pcap-header-{}", std::process::id()));
        let h = FileHeader {
            link: LinkType::EN10MB,
            link_ext: 0,
            snaplen: 262_144,
            precision: Precision::Micro,
            pcapng: false,
            section_options: Vec::new(),
        };
        let f = PcapFile::create(path.to_str().unwrap(), &h).unwrap();
        // As if killed now: the file on disk is already a whole (empty) capture.
        let on_disk = std::fs::read(&path).unwrap();
        drop(f);
        let _ = std::fs::remove_file(&path);
        assert_eq!(on_disk.len(), 24);
        assert_eq!(on_disk[..4], 0xa1b2_c3d4u32.to_ne_bytes());
    }
}
