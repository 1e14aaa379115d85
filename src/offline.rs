//! An offline run (`-r FILE`, libpcap's `pcap_open_offline`), in tcpdump's
//! order: open the file (`-` is standard input), the banner on stderr
//! (`reading from file …`), `-d`'s program dump in place of packets,
//! compile the filter (tcpscope's compiler, then libpcap's verdict), open
//! the `-w` file, then the shared loop, [`pipeline::pump`]. The live
//! counterpart is [`crate::capture`].

use std::io::Write;

use crate::config::Config;
use crate::packet::LinkType;
use crate::pipeline::{self, RunError, privs};
use crate::source;

/// Reads `path` for `config`: its packets to `out` (or `-w`, or the
/// analyzer), the banner and warnings to `err`. A closed output pipe ends
/// the run quietly.
pub(crate) fn run(
    config: &Config,
    path: &std::path::Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), RunError> {
    let mut src = source::file::open(path, config.print.precision).map_err(RunError::Open)?;
    let link = src.link_type();
    let _ = writeln!(
        err,
        "reading from file {}, {}, snapshot length {}",
        path.display(),
        source::link_type_words(link),
        src.snaplen()
    );
    if link == LinkType::LINUX_SLL2 {
        let _ = writeln!(err, "Warning: interface names might be incorrect");
    }
    if !link.known_to_libpcap() {
        return Err(RunError::UnknownLink(link.0));
    }
    if config.dump_bpf > 0 {
        return pipeline::dump_bpf(config, link, src.snaplen(), out);
    }
    // tcpdump compiles the filter after opening the file: the banner comes first.
    let filter = pipeline::compile_filter(config, link, src.big_endian())?;
    if let (Some(text), Some(f)) = (config.filter.as_deref(), &filter)
        && f.expr().is_some()
    {
        source::libpcap_compile_check(text, link, config.optimize)
            .map_err(RunError::FilterLibpcap)?;
    }
    // tcpdump opens the -w file after compiling the filter, and drops
    // privileges around it.
    let user = privs::target_user(config.user.as_deref());
    let writer = privs::open_writer_and_drop(config, &mut *src, user.as_deref())?;
    pipeline::pump(config, &mut *src, filter.as_ref(), writer, out, err)
}
