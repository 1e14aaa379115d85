//! An offline run (`-r FILE`, libpcap's `pcap_open_offline`), in tcpdump's
//! order: open the file (`-` is standard input), the banner on stderr
//! (`reading from file …`), `-d`'s program dump in place of packets,
//! compile the filter (tcpscope's compiler, then libpcap's verdict), open
//! the `-w` file, then the shared loop, [`pipeline::pump`]. The live
//! counterpart is [`crate::capture`]. Several files (`-r A -r B`, `-V`)
//! are each opened and bannered in turn, then read as one capture merged
//! by timestamp ([`source::merge`]).

use std::io::Write;

use crate::config::Config;
use crate::packet::LinkType;
use crate::pipeline::{self, RunError};
use crate::source::{self, PacketSource, SourceError};

/// Reads `path` for `config`: its packets to `out` (or `-w`, or the
/// analyzer), the banner and warnings to `err`. A closed output pipe ends
/// the run quietly.
pub(crate) fn run(
    config: &Config,
    path: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), RunError> {
    // With several files, an error names the file (one file: tcpdump's words).
    let several = !config.more_files.is_empty();
    let open_named = |p: &str, err: &mut dyn Write| {
        open(config, p, err).map_err(|e| match e {
            RunError::Open(SourceError::Open(m)) if several && !m.starts_with(p) => {
                RunError::Open(SourceError::Open(format!("{p}: {m}")))
            }
            e => e,
        })
    };
    let mut src = open_named(path, err)?;
    let mut links = vec![src.link_type()];
    if several {
        // Each file opened (and bannered) in the order given, before any
        // packet is read.
        let mut files = vec![(path.to_string(), src)];
        for p in &config.more_files {
            let s = open_named(p, err)?;
            if !links.contains(&s.link_type()) {
                links.push(s.link_type());
            }
            files.push((p.clone(), s));
        }
        src = Box::new(source::merge::Merged::new(files));
    }
    let link = src.link_type();
    if config.dump_bpf > 0 {
        return pipeline::dump_bpf(config, link, src.snaplen(), out);
    }
    // tcpdump compiles the filter after opening the file: the banner comes first.
    let filter = pipeline::compile_filter(config, link, src.big_endian())?;
    if let (Some(text), Some(f)) = (config.filter.as_deref(), &filter)
        && f.expr().is_some()
    {
        // tcpdump -V compiles the filter for each file's link type.
        for &l in &links {
            source::libpcap_compile_check(text, l, config.optimize)
                .map_err(RunError::FilterLibpcap)?;
        }
    }
    // tcpdump opens the -w file after compiling the filter.
    let writer = pipeline::open_writer(config, &mut *src)?;
    pipeline::pump(config, &mut *src, filter.as_ref(), writer, out, err)
}

/// Opens one file and prints its banner (`reading from file …`), refusing
/// a link type libpcap does not know, as tcpdump does.
fn open(
    config: &Config,
    path: &str,
    err: &mut dyn Write,
) -> Result<Box<dyn PacketSource>, RunError> {
    let src = source::file::open(path, config.print.precision).map_err(RunError::Open)?;
    let link = src.link_type();
    let _ = writeln!(
        err,
        "reading from file {path}, {}, snapshot length {}",
        source::link_type_words(link),
        src.snaplen()
    );
    if link == LinkType::LINUX_SLL2 {
        let _ = writeln!(err, "Warning: interface names might be incorrect");
    }
    if !link.known_to_libpcap() {
        return Err(RunError::UnknownLink(link.0));
    }
    Ok(src)
}
