//! The `-w` stage: packets the filter kept, written as classic pcap files
//! byte for byte as tcpdump 4.99 writes them (libpcap's `pcap_dump`), or
//! as pcapng ([`pcapng`]: `-w FILE.pcapng`, `--pcapng`), with
//! tcpdump's `-U`, `-C`, `-G`, `-W` and `-z`. [`pcap`] owns one file's bytes,
//! [`rotate`] the names, clock and post-rotate command; [`Writer`] is the
//! public face the run loop feeds, with the [`WriteOptions`] the run's
//! configuration holds (`config::write`, re-exported here). The original
//! captured bytes are written, never re-encoded ones. Knows nothing of
//! decoding, printing or flags.

pub mod pcap;
pub mod pcapng;
pub mod rotate;

use std::process::Child;

pub use pcap::FileHeader;
use pcap::PcapFile;

pub use crate::config::WriteOptions;
use crate::packet::RawPacket;

/// Why writing failed, worded as tcpdump words it (after `tcpdump: `).
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// `pcap_dump_open` failed: `FILE: strerror` or an unsupported link type.
    #[error("{0}")]
    Open(String),
    /// Bytes could not be written (disk full, closed pipe). tcpdump ignores
    /// this and exits 0 with a damaged file; tcpscope names the file, keeps
    /// every whole packet before the failure, and fails.
    #[error("{name}: {message}")]
    Write {
        name: String,
        kind: std::io::ErrorKind,
        message: String,
    },
    /// `MakeFilename`'s limit.
    #[error("too many output files or filename is too long (> 4096)")]
    Name,
}

/// What happened to a packet handed to [`Writer::write`].
#[derive(Debug, PartialEq, Eq)]
pub enum Written {
    /// Written (and flushed with `-U`).
    Packet,
    /// `-G` with `-W N` and no `-C`: the N-th rotation is due, so the run
    /// must stop (tcpdump: `Maximum file limit reached: N`); the packet was
    /// not written.
    FileLimit(u32),
}

/// The pcap writer with tcpdump's rotation.
pub struct Writer {
    opts: WriteOptions,
    header: FileHeader,
    file: Option<PcapFile>,
    current: String,
    /// `Gflag_time`, `Gflag_count`, `Cflag_count`.
    rotated_at: i64,
    time_files: u32,
    size_files: u32,
    /// Digits of numbered names (`WflagChars`).
    width: usize,
    children: Vec<Child>,
    notes: Vec<String>,
}

impl Writer {
    /// Creates the first file (tcpdump's `pcap_dump_open` before the loop):
    /// `FILE`, `FILE0`/`FILE00`… with `-C` and `-W`, strftime'd with `-G`.
    pub fn create(opts: &WriteOptions, header: FileHeader) -> Result<Writer, WriteError> {
        let rotated_at = rotate::now();
        let width = opts.max_files.map_or(0, rotate::digits_for);
        let mut w = Writer {
            opts: opts.clone(),
            header,
            file: None,
            current: String::new(),
            rotated_at,
            time_files: 0,
            size_files: 0,
            width,
            children: Vec::new(),
            notes: Vec::new(),
        };
        let width = if opts.file_size.is_some() { width } else { 0 };
        w.open(0, width)?;
        Ok(w)
    }

    /// The name of the file being written.
    pub fn current_file(&self) -> &str {
        &self.current
    }

    fn open(&mut self, cnt: u32, width: usize) -> Result<(), WriteError> {
        let time = self.opts.rotate_seconds.map(|_| self.rotated_at);
        self.current = rotate::file_name(&self.opts.path, time, cnt, width)?;
        self.file = Some(PcapFile::create(&self.current, &self.header)?);
        Ok(())
    }

    /// Closes the current file and runs `-z` on it.
    fn close_current(&mut self) -> Result<(), WriteError> {
        if let Some(f) = self.file.take() {
            f.close()?;
            if let Some(cmd) = self.opts.post_rotate.as_deref()
                && let Some(note) = rotate::post_rotate(cmd, &self.current, &mut self.children)
            {
                self.notes.push(note);
            }
        }
        Ok(())
    }

    /// `dump_packet_and_trunc` / `dump_packet`: rotates if due, then
    /// appends the packet as one record.
    pub fn write(&mut self, pkt: &RawPacket<'_>) -> Result<Written, WriteError> {
        if let Some(secs) = self.opts.rotate_seconds {
            let t = rotate::now();
            if t - self.rotated_at >= secs {
                self.rotated_at = t;
                self.time_files += 1;
                self.close_current()?;
                if self.opts.file_size.is_none()
                    && let Some(max) = self.opts.max_files
                    && self.time_files >= max
                {
                    return Ok(Written::FileLimit(max));
                }
                self.size_files = 0;
                let width = if self.opts.file_size.is_some() {
                    self.width
                } else {
                    0
                };
                self.open(0, width)?;
            }
        }
        if let Some(limit) = self.opts.file_size
            && self.file.as_ref().is_some_and(|f| f.position() > limit)
        {
            self.close_current()?;
            self.size_files += 1;
            if self
                .opts
                .max_files
                .is_some_and(|max| self.size_files >= max)
            {
                self.size_files = 0;
            }
            self.open(self.size_files, self.width)?;
        }
        if let Some(f) = self.file.as_mut() {
            f.write(pkt)?;
            if self.opts.packet_buffered {
                f.flush()?;
            }
        }
        Ok(Written::Packet)
    }

    /// Hands every buffered record to the file (`pcap_dump_flush`).
    pub fn flush(&mut self) -> Result<(), WriteError> {
        match self.file.as_mut() {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }

    /// Messages from the `-z` command's start (tcpdump's child prints them
    /// on stderr); empty otherwise.
    pub fn take_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
    }

    /// Flushes and closes the current file (`pcap_dump_close` at exit); the
    /// last file is not passed to `-z`, as in tcpdump.
    pub fn finish(mut self) -> Result<(), WriteError> {
        match self.file.take() {
            Some(f) => f.close(),
            None => Ok(()),
        }
    }
}
