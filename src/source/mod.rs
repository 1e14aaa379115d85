//! Sources of packets: saved files (pcap and pcapng, [`file`](mod@file), possibly
//! gzip- or zstd-compressed, `compress`; several merged by timestamp,
//! [`merge`]) and live
//! capture through libpcap ([`live`]). A source hides the container format and hands on one
//! normalised [`RawPacket`] at a time, borrowed from its own buffer.
//! Knows nothing of decoding, printing or the command line.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

pub mod block;
pub mod bpf_dump;
mod compress;
pub mod file;
pub mod live;
pub mod merge;
mod pcapng;

use crate::packet::{LinkType, RawPacket};

/// `(name, description)` of a link type as the installed libpcap names it
/// (`pcap_datalink_val_to_name` / `_description`), for tcpdump's banner.
pub fn link_names(link: LinkType) -> Option<(String, String)> {
    let lt = pcap::Linktype(i32::try_from(link.0).ok()?);
    Some((lt.get_name().ok()?, lt.get_description().ok()?))
}

/// `link-type NAME (DESCRIPTION)` as tcpdump's banners (`-r` and live)
/// word it, or `link-type N` when libpcap has no name for the link type.
pub fn link_type_words(link: LinkType) -> String {
    match link_names(link) {
        Some((name, desc)) => format!("link-type {name} ({desc})"),
        None => format!("link-type {}", link.0),
    }
}

/// libpcap's `PCAP_ERRBUF_SIZE`: a message formatted into an error buffer
/// keeps its first 255 bytes (`tcpdump -r` with a 5,000-byte name, or `-i`
/// with a 300-byte one, prints 255 bytes of "NAME: …"). Cut at a character
/// boundary at or below that.
pub fn errbuf(mut msg: String) -> String {
    const KEEP: usize = 255;
    if msg.len() > KEEP {
        let mut end = KEEP;
        while !msg.is_char_boundary(end) {
            end -= 1;
        }
        msg.truncate(end);
    }
    msg
}

/// libpcap's own verdict on a filter expression for a link type
/// (`pcap_compile`, with optimisation unless `-O`, as tcpdump compiles): `Err` carries
/// libpcap's message, e.g. `expression rejects all packets` when its
/// optimiser proves that nothing can match. tcpscope evaluates filters
/// itself; this only makes it refuse exactly what tcpdump refuses.
///
/// libpcap gets the expression as tcpdump hands it over ([`libpcap_text`])
/// and compiles it on a thread with a large stack ([`on_large_stack`]).
pub fn libpcap_compile_check<T: AsRef<[u8]> + ?Sized>(
    expr: &T,
    link: LinkType,
    optimize: bool,
) -> Result<(), String> {
    let Ok(dlt) = i32::try_from(link.0) else {
        return Ok(());
    };
    let text = libpcap_text(expr.as_ref());
    on_large_stack(move || {
        let Ok(cap) = pcap::Capture::dead(pcap::Linktype(dlt)) else {
            return Ok(());
        };
        match cap.compile(&text, optimize) {
            Ok(_) => Ok(()),
            Err(pcap::Error::PcapError(msg)) => Err(msg),
            Err(e) => Err(e.to_string()),
        }
    })
}

/// The expression as libpcap reads it from tcpdump: a C string, ended by
/// the first NUL byte. tcpscope's own parser has refused any text that is
/// not UTF-8 by then (a non-ASCII byte is a syntax error outside `\name`,
/// and such a name resolves to nothing), so the lossy conversion the `pcap`
/// crate's `&str` needs changes nothing libpcap would accept.
pub fn libpcap_text(expr: &[u8]) -> String {
    String::from_utf8_lossy(crate::filter::lexer::c_string(expr)).into_owned()
}

/// Runs `f` (a libpcap compile) on a thread with a 1 GiB stack (reserved,
/// touched only as used) and waits for it. libpcap's code generator and
/// optimiser recurse once per block of a chain (`tcpdump -O` dies of
/// SIGSEGV on `tcp and tcp and …` with 8,723 terms on an 8 MiB stack); here
/// they finish and answer, whatever the answer is.
pub fn on_large_stack<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    const STACK: usize = 1 << 30;
    let slot = std::sync::Mutex::new(Some(f));
    let take = || slot.lock().ok().and_then(|mut f| f.take());
    std::thread::scope(|s| {
        let spawned = std::thread::Builder::new()
            .name("libpcap-compile".into())
            .stack_size(STACK)
            .spawn_scoped(s, || take().map(|f| f()));
        let ran = match spawned {
            Ok(h) => match h.join() {
                Ok(r) => r,
                Err(panic) => std::panic::resume_unwind(panic),
            },
            Err(_) => None,
        };
        match ran {
            Some(r) => r,
            // No thread to be had: here, on the stack there is.
            None => match take() {
                Some(f) => f(),
                None => unreachable!("the closure runs once"),
            },
        }
    })
}

/// A read error, worded as libpcap words it (tcpdump prints these after
/// `tcpdump: ` or `tcpdump: pcap_loop: `).
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The file could not be opened as a capture at all.
    #[error("{0}")]
    Open(String),
    /// Damage met while reading records; packets before it were handed on.
    #[error("{0}")]
    Read(String),
}

/// A lending source of packets (not an `Iterator`: each packet borrows the
/// source's buffer until the next call).
pub trait PacketSource {
    fn next_packet(&mut self) -> Result<Option<RawPacket<'_>>, SourceError>;
    /// The link type `-w` must write and the banner names.
    fn link_type(&self) -> LinkType;
    /// The snapshot length the banner names.
    fn snaplen(&self) -> u32;
    /// Whether the capture's byte order is big-endian (a file's own order,
    /// libpcap's `swapped` against the host; live captures are in the
    /// host's). The filter needs it for DLT_NULL headers.
    fn big_endian(&self) -> bool {
        cfg!(target_endian = "big")
    }
    /// The `LT_LINKTYPE_EXT` bits of a pcap file's link-type field, which
    /// `-w` writes back (libpcap's `linktype_ext`); 0 elsewhere.
    fn link_ext(&self) -> u32 {
        0
    }
    /// From now on, refuse interfaces whose link type or snapshot length
    /// differs from the first one's, as libpcap does (`-w` writes one link
    /// type). Only pcapng files can have several interfaces.
    fn one_link_type(&mut self) {}
    /// The options of the capture's sections worth keeping in a pcapng
    /// `-w` file (comments, hardware, OS), as little-endian option TLVs;
    /// empty for sources other than pcapng files.
    fn section_options(&self) -> Vec<u8> {
        Vec::new()
    }
    /// The link types known before reading (a merge's files' first ones):
    /// `-w` to a pcap file refuses more than one.
    fn link_types(&self) -> Vec<LinkType> {
        vec![self.link_type()]
    }
    /// Fills `block` with whole records read in bulk (classic pcap files),
    /// as [`block::fill`] describes; `None` when this source cannot, and
    /// `block::fill` copies its packets instead. Once a source has filled
    /// a block, `next_packet` is not called on it again.
    fn read_block(&mut self, _block: &mut block::Block) -> Option<Result<bool, SourceError>> {
        None
    }
    /// A classic pcap file that is a regular file, not yet read from: its
    /// records can be read by position, by several threads at once
    /// ([`block::Positioned`]). `None` otherwise; once taken, the source
    /// itself is not read again.
    fn positioned(&mut self) -> Option<block::Positioned> {
        None
    }
}
