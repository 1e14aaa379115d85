//! An offline run (`-r FILE`, libpcap's `pcap_open_offline`), in tcpdump's
//! order: open the file (`-` is standard input), the banner on stderr
//! (`reading from file …`), `-d`'s program dump in place of packets,
//! compile the filter (tcpscope's compiler, then libpcap's verdict), open
//! the `-w` file, then the shared loop, [`pipeline::pump`]. SIGINT, SIGTERM
//! and SIGHUP (unless ignored, for nohup) stop the loop between packets, as
//! tcpdump's `cleanup()` breaks `pcap_loop`: whole lines, the analyzer's
//! report as of the last packet, `-w` closed, `--count`'s line, exit 0; a
//! second signal while stopping exits at once (status 1). The live
//! counterpart is [`crate::capture`]. Several files (`-r A -r B`, `-V`)
//! are each opened and bannered in turn, then read as one capture merged
//! by timestamp ([`source::merge`]); with `--output DIR` and a table
//! format they are instead read apart, one table each, on all cores
//! ([`run_each`]).

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::flag;

use crate::config::Config;
use crate::export;
use crate::packet::{LinkType, Precision};
use crate::pipeline::{self, RunError, privs};
use crate::source::{self, PacketSource, SourceError};

/// Reads `path` for `config`: its packets to `out` (or `-w`, or the
/// analyzer), the banner and warnings to `err`. A closed output pipe ends
/// the run quietly.
pub(crate) fn run(
    config: &Config,
    path: &std::path::Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), RunError> {
    // Before the banner: from then on a signal stops the run cleanly.
    let stop = Arc::new(AtomicBool::new(false));
    let handlers = on_stop_signals(&stop).map_err(RunError::Output)?;
    let result = read(config, path, out, err, &stop, None);
    for (_, ids) in handlers {
        for id in ids {
            signal_hook::low_level::unregister(id);
        }
    }
    idle().store(true, Ordering::SeqCst);
    result
}

/// Set between runs. signal-hook cannot put the default handler back, so
/// once a run has installed its handlers, a default action registered once
/// per signal runs while this is set: between runs (a library caller's
/// process) a signal does what it does by default, not nothing.
fn idle() -> &'static Arc<AtomicBool> {
    static IDLE: OnceLock<Arc<AtomicBool>> = OnceLock::new();
    IDLE.get_or_init(|| Arc::new(AtomicBool::new(true)))
}

/// `table`: the table file, already created (`--output DIR`), else it is
/// created here when the run writes one.
fn read(
    config: &Config,
    path: &std::path::Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
    stop: &AtomicBool,
    table: Option<std::fs::File>,
) -> Result<(), RunError> {
    // With several files, an error names the file (one file: tcpdump's words).
    let several = !config.more_files.is_empty();
    let open_named = |p: &std::path::Path, err: &mut dyn Write| {
        let name = p.display().to_string();
        open(config, p, err).map_err(|e| match e {
            RunError::Open(SourceError::Open(m)) if several && !m.starts_with(&name) => {
                RunError::Open(SourceError::Open(format!("{name}: {m}")))
            }
            e => e,
        })
    };
    let mut src = open_named(path, err)?;
    let mut links = vec![src.link_type()];
    if several {
        // Each file opened (and bannered) in the order given, before any
        // packet is read.
        let mut files = vec![(path.display().to_string(), src)];
        for p in &config.more_files {
            let s = open_named(p, err)?;
            if !links.contains(&s.link_type()) {
                links.push(s.link_type());
            }
            files.push((p.display().to_string(), s));
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
    // tcpdump opens the -w file after compiling the filter, and drops
    // privileges around it.
    let user = privs::target_user(config.user.as_deref());
    // The table file is created before the privilege drop, as -w's is.
    let export = match config.export.as_ref().filter(|e| e.format.is_table()) {
        Some(e) => {
            let file = match table {
                Some(f) => f,
                None => export::create_file(&e.path).map_err(RunError::Export)?,
            };
            let names: Vec<String> = std::iter::once(path)
                .chain(config.more_files.iter().map(|p| p.as_path()))
                .map(|p| p.display().to_string())
                .collect();
            let input = export::Input::new(names.join(","), &src.section_options());
            let nano = config.print.precision == Precision::Nano;
            Some(export::Exporter::create(e, file, input, nano).map_err(RunError::Export)?)
        }
        None => None,
    };
    // The picture files too, before the drop; given to the user as -w's.
    let pictures = match config.output.pictures() {
        Some(p) => crate::graph::Outputs::create(p).map_err(RunError::Graph)?,
        None => Default::default(),
    };
    for p in pictures.paths() {
        privs::give_to(p, user.as_deref());
    }
    let writer = privs::open_writer_and_drop(config, &mut *src, user.as_deref())?;
    let files = pipeline::Files {
        writer,
        export,
        pictures,
    };
    pipeline::pump(
        config,
        &mut *src,
        filter.as_ref(),
        files,
        out,
        err,
        Some(stop),
    )
}

/// `--output DIR` (issue 19): each input read on its own, into its own
/// table (`DIR/NAME.parquet`), the files shared out among the cores (the
/// analysis of one file runs on one thread; files are independent, so a
/// connection that goes on in the next file is two rows, cut and
/// midstream). Each file's banner and summary are printed on `err` in the
/// order given once all are done; a file that fails is named and the
/// others are still written (exit status 1).
pub(crate) fn run_each(config: &Config, err: &mut dyn Write) -> Result<(), RunError> {
    let Some(export) = config.export.as_ref() else {
        return Ok(());
    };
    let files: Vec<&std::path::Path> = config
        .read_file
        .iter()
        .map(|p| p.as_path())
        .chain(config.more_files.iter().map(|p| p.as_path()))
        .collect();
    // Every table file created first, as root when root; then the
    // privileges dropped once for the whole process (the threads' runs then
    // find nothing to drop), as a single run drops them after opening -w.
    let mut tables = Vec::new();
    for file in &files {
        let path = export::per_input_path(&export.path, file, export.format);
        tables.push(Mutex::new(Some(
            export::create_file(&path).map_err(RunError::Export)?,
        )));
    }
    if let Some(user) = privs::target_user(config.user.as_deref()) {
        privs::drop_to(&user).map_err(RunError::Live)?;
    }
    let stop = Arc::new(AtomicBool::new(false));
    let handlers = on_stop_signals(&stop).map_err(RunError::Output)?;
    // Each thread holds an analyzer's table: `--jobs` bounds them (and so
    // the memory a batch of floods takes).
    let threads = export
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .min(files.len())
        .max(1);
    let next = AtomicUsize::new(0);
    // Per input, as it ends: its index, its messages, its result.
    type Done = (usize, Vec<u8>, Result<(), RunError>);
    let done: Mutex<Vec<Done>> = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&file) = files.get(i) else { break };
                    let mut one = config.clone();
                    one.read_file = Some(file.to_path_buf());
                    one.more_files.clear();
                    one.progress = false;
                    one.export = Some(export::Export {
                        path: export::per_input_path(&export.path, file, export.format),
                        per_input: false,
                        ..export.clone()
                    });
                    let table = tables
                        .get(i)
                        .and_then(|t| t.lock().ok().and_then(|mut t| t.take()));
                    let mut msgs = Vec::new();
                    let r = read(&one, file, &mut io::sink(), &mut msgs, &stop, table);
                    if let Ok(mut d) = done.lock() {
                        d.push((i, msgs, r));
                    }
                }
            });
        }
    });
    for (_, ids) in handlers {
        for id in ids {
            signal_hook::low_level::unregister(id);
        }
    }
    idle().store(true, Ordering::SeqCst);
    let mut done = done.into_inner().unwrap_or_default();
    done.sort_by_key(|d| d.0);
    let mut failed = false;
    for (i, msgs, r) in done {
        let _ = err.write_all(&msgs);
        if let Err(e) = r {
            failed = true;
            if !matches!(e, RunError::Reported) {
                let name = files
                    .get(i)
                    .map(|f| f.display().to_string())
                    .unwrap_or_default();
                let _ = writeln!(err, "tcpscope: {name}: {e}");
            }
        }
    }
    if failed {
        Err(RunError::Reported)
    } else {
        Ok(())
    }
}

/// Opens one file and prints its banner (`reading from file …`), refusing
/// a link type libpcap does not know, as tcpdump does.
fn open(
    config: &Config,
    path: &std::path::Path,
    err: &mut dyn Write,
) -> Result<Box<dyn PacketSource>, RunError> {
    let src = source::file::open(path, config.print.precision).map_err(RunError::Open)?;
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
    Ok(src)
}

/// SIGINT, SIGTERM and SIGHUP (unless ignored) set `stop`; one arriving when
/// it is already set ends the process (status 1), so a run stuck on its
/// output can still be interrupted. Only flags: nothing runs in the handler.
/// The handlers installed, per signal.
type Handlers = Vec<(i32, [signal_hook::SigId; 2])>;

fn on_stop_signals(stop: &Arc<AtomicBool>) -> io::Result<Handlers> {
    let mut sigs = vec![SIGINT, SIGTERM];
    if !crate::capture::hup_ignored() {
        sigs.push(SIGHUP);
    }
    static DEFAULTS: OnceLock<()> = OnceLock::new();
    let mut failed = None;
    DEFAULTS.get_or_init(|| {
        for &sig in &sigs {
            if let Err(e) = flag::register_conditional_default(sig, Arc::clone(idle())) {
                failed = Some(e);
            }
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    idle().store(false, Ordering::SeqCst);
    let mut ids = Vec::new();
    for sig in sigs {
        let shutdown = flag::register_conditional_shutdown(sig, 1, Arc::clone(stop))?;
        ids.push((sig, [shutdown, flag::register(sig, Arc::clone(stop))?]));
    }
    Ok(ids)
}
