//! The packet loop, the one both start-ups ([`crate::offline`] for `-r`,
//! [`crate::capture`] live) end in: read, filter, and hand each kept packet
//! to the [`Sink`] in packet order; reading a regular file, the same work
//! spread over several cores ([`super::threads`]). It does not know where
//! a packet came from. Also what both start-ups prepare for it, each at
//! the point tcpdump does: the compiled filter and the `-w` file.

use std::io::Write;
use std::sync::atomic::AtomicBool;

use super::error::RunError;
use super::sink::{Flow, Sink};
use super::threads;
use crate::config::Config;
use crate::packet::LinkType;
use crate::source::PacketSource;
use crate::{filter, write};

/// tcpscope's filter for `config.filter` on `link` (`None` without an
/// expression), as libpcap compiles it for a capture of that byte order.
pub(crate) fn compile_filter(
    config: &Config,
    link: LinkType,
    big_endian: bool,
) -> Result<Option<filter::Filter>, RunError> {
    let Some(text) = config.filter.as_deref() else {
        return Ok(None);
    };
    let settings = filter::Settings {
        optimize: config.optimize,
        big_endian,
    };
    filter::Filter::compile_with_libpcap(text, link, settings, libpcap_compiler(config, link))
        .map(Some)
        .map_err(|e| arena_first(text, link, config.optimize).unwrap_or(RunError::Filter(e)))
}

/// libpcap's compiler for the link types tcpscope's code generation does
/// not port: on the file's own handle for its first link type (libpcap
/// refuses `inbound`, `outbound` and `ifindex` on a savefile, as tcpdump
/// does), else on a dead handle (a live capture, another interface's link
/// type, a file libpcap cannot open itself, such as a compressed one).
pub(crate) fn libpcap_compiler(config: &Config, link: LinkType) -> filter::LibpcapCompile {
    // Not standard input: libpcap would read it.
    let file = config.read_file.clone().filter(|p| p.as_os_str() != "-");
    filter::LibpcapCompile(std::sync::Arc::new(
        move |text: &[u8], l: LinkType, optimize: bool| {
            if l == link
                && let Some(path) = &file
                && let Some(prog) = crate::source::bpf_dump::compile_savefile(path, text, optimize)
            {
                return prog;
            }
            crate::source::bpf_dump::compile_for_filter(text, l, optimize)
        },
    ))
}

/// libpcap generates code while it parses (grammar.y's actions call
/// gencode.c), so on a long expression its fixed arena can run out before
/// the parser reaches what tcpscope refuses (a 1 MB `port 1 or port 2 or …`
/// chain: tcpdump says "out of memory" long before `port 65536`). When
/// tcpscope refuses the text, libpcap's "out of memory" comes first.
fn arena_first(text: &str, link: LinkType, optimize: bool) -> Option<RunError> {
    match crate::source::libpcap_compile_check(text, link, optimize) {
        Err(msg) if msg == "out of memory" => Some(RunError::FilterLibpcap(msg)),
        _ => None,
    }
}

/// tcpdump opens the `-w` file after compiling the filter (and, live,
/// after dropping privileges).
pub(crate) fn open_writer(
    config: &Config,
    src: &mut dyn PacketSource,
) -> Result<Option<write::Writer>, RunError> {
    let Some(opts) = config.output.write() else {
        return Ok(None);
    };
    if !opts.pcapng {
        let links = src.link_types();
        if links.len() > 1 {
            let names: Vec<String> = links
                .iter()
                .map(|l| crate::source::link_names(*l).map_or(l.0.to_string(), |n| n.0))
                .collect();
            return Err(RunError::Write(write::WriteError::Open(format!(
                "{}: the input has several link types ({}) and a pcap file holds one; \
                 write pcapng instead (-w FILE.pcapng or --pcapng)",
                opts.path,
                names.join(", ")
            ))));
        }
        src.one_link_type();
    }
    let header = write::FileHeader {
        link: src.link_type(),
        link_ext: src.link_ext(),
        snaplen: src.snaplen(),
        precision: config.print.precision,
        pcapng: opts.pcapng,
        section_options: if opts.pcapng {
            src.section_options()
        } else {
            Vec::new()
        },
    };
    Ok(Some(
        write::Writer::create(opts, header).map_err(RunError::Write)?,
    ))
}

/// The files a run writes, opened by its start-up (before privileges are
/// dropped): `-w`'s, the table's (`--format csv|parquet`) and the
/// pictures' (`--graph`, `--report`).
#[derive(Default)]
pub(crate) struct Files {
    pub writer: Option<write::Writer>,
    pub export: Option<crate::export::Exporter>,
    pub pictures: crate::graph::Outputs,
}

/// The packet loop, the same for files and live capture: read, filter, and
/// hand each kept packet to the [`Sink`] (print and/or write, the
/// analyzer, `-c`, `-l`, `--count`), which closes the `-w` file before
/// this returns. Reading a file, the work can run on several cores
/// ([`threads`]) with the same result. When `stop` is set (a signal during
/// `-r`), no further packet is read and the run wraps up as at the end.
#[allow(clippy::too_many_arguments)] // the run's parts, each used once: a struct would only rename them
pub(crate) fn pump(
    config: &Config,
    src: &mut dyn PacketSource,
    filter: Option<&filter::Filter>,
    files: Files,
    out: &mut dyn Write,
    err: &mut dyn Write,
    stop: Option<&AtomicBool>,
) -> Result<(), RunError> {
    let mut sink = Sink::new(
        config,
        files.writer,
        files.export,
        out,
        err,
        stop,
        files.pictures,
    );
    let end = match threads::eligible(config, filter.is_some()) {
        Some(threads) => threads::pump(config, threads, src, filter, &mut sink),
        None => loop {
            if sink.done() {
                break Flow::Stop(Ok(()));
            }
            let pkt = match src.next_packet() {
                Ok(Some(p)) => p,
                Ok(None) => break Flow::Stop(Ok(())),
                Err(e) => break Flow::Stop(Err(RunError::Read(e))),
            };
            if filter.as_ref().is_some_and(|f| !f.matches(&pkt)) {
                continue;
            }
            match sink.packet(&pkt, None) {
                Flow::Go => {}
                end => break end,
            }
        },
    };
    match end {
        Flow::Exit(r) => r,
        Flow::Stop(r) => sink.finish(r),
        Flow::Go => sink.finish(Ok(())),
    }
}
