//! The command line, in the binary only: tcpdump's flags parsed with clap
//! ([`args::Args`]), then checked with tcpdump's messages and turned into
//! the library's [`Config`] (plain data, `tcpscope::config`), which is all
//! `tcpscope::run` and everything below it see. This is the one place that
//! decides from flags: where the kept packets go ([`Output`]), whether the
//! `--count` line is printed, the live settings ([`live`]). Options tcpdump
//! has but tcpscope does not implement yet are accepted by the parser and
//! refused here by name, never silently ignored. It runs nothing: `-D`,
//! `-L`, `-J` and `-d` are actions of the run.

mod args;
mod at;
mod export;
mod generate;
mod live;

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::Path;

use clap::Parser;

use tcpscope::config::analyze;
use tcpscope::config::graph;
use tcpscope::config::{Config, Output, PrintOptions, TimestampStyle, WriteOptions};
use tcpscope::cstd::atoi;
use tcpscope::packet::Precision;

pub use args::usage;

/// Why the command line was refused.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// clap's own message (unknown option, missing value); tcpdump prints its
    /// usage after such errors.
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Invalid(String),
    /// `--help` / `--version`: text for stdout, exit 0.
    #[error("{0}")]
    Info(String),
}

/// Parses `argv` (with the program name first).
pub fn parse<I, T>(argv: I) -> Result<Config, ConfigError>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let a = match args::Args::try_parse_from(argv) {
        Ok(a) => a,
        Err(e) => {
            use clap::error::ErrorKind;
            return Err(match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    ConfigError::Info(e.to_string())
                }
                _ => ConfigError::Usage(clap_message(&e)),
            });
        }
    };
    if let Some(what) = a.generate.as_deref() {
        return Err(ConfigError::Info(generate::text(what)?));
    }
    build(a)
}

/// clap's error without its own usage/help trailer: tcpdump prints its usage
/// itself. An unknown option is worded as tcpdump's getopt_long words it.
fn clap_message(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() == ErrorKind::UnknownArgument
        && let Some(ContextValue::String(arg)) = e.get(ContextKind::InvalidArg)
    {
        if arg.starts_with("--") {
            return format!("unrecognized option '{arg}'");
        }
        if let Some(c) = arg.strip_prefix('-').and_then(|r| r.chars().next()) {
            return format!("invalid option -- '{c}'");
        }
    }
    let s = e.to_string();
    let first = s.lines().next().unwrap_or("invalid command line");
    first.trim_start_matches("error: ").to_string()
}

/// The files to read, in the order given: every `-r` (a pattern such as
/// `'dir/*.pcap'` that names no file is expanded, in name order), or the
/// lines of `-V FILE` (blank lines skipped; with `-r`, refused as tcpdump
/// refuses it). An unquoted shell glob,
/// `-r *.pcap`, leaves the names after the first as the expression: when
/// every expression word names a capture file (pcap, pcapng, gzip or zstd
/// magic), they are files to read, not a filter (tcpdump would refuse them
/// as a syntax error). Taken out of `a.expression` in that case.
fn input_files(a: &mut args::Args) -> Result<Vec<OsString>, ConfigError> {
    let invalid = |m: String| ConfigError::Invalid(m);
    if a.file_list.is_some() && !a.read_files.is_empty() {
        // tcpdump's refusal, word for word.
        return Err(invalid("-V and -r are mutually exclusive.".into()));
    }
    let mut files = Vec::new();
    for r in &a.read_files {
        let shown = Path::new(r).display();
        // A pattern must be text; a name that is not UTF-8 is a name.
        let pattern = r
            .to_str()
            .filter(|t| t.contains(['*', '?', '[']) && !Path::new(r).exists());
        let Some(pattern) = pattern else {
            files.push(r.clone());
            continue;
        };
        let names = glob::glob(pattern).map_err(|e| invalid(format!("-r {shown}: {e}")))?;
        let before = files.len();
        for n in names {
            let n = n.map_err(|e| invalid(format!("-r {shown}: {e}")))?;
            files.push(n.into_os_string());
        }
        if files.len() == before {
            return Err(invalid(format!("-r {shown}: no file matches the pattern")));
        }
    }
    if let Some(list) = a.file_list.as_deref() {
        let shown = Path::new(list).display();
        let text = std::fs::read(list)
            .map_err(|e| invalid(format!("-V {shown}: {}", tcpscope::cstd::strerror(&e))))?;
        let before = files.len();
        // The list's lines as bytes: a name need not be UTF-8.
        files.extend(
            text.split(|&b| b == b'\n')
                .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
                .filter(|l| !l.trim_ascii().is_empty())
                .map(|l| OsString::from_vec(l.to_vec())),
        );
        if files.len() == before {
            return Err(invalid(format!("-V {shown}: the list names no file")));
        }
    }
    if !files.is_empty()
        && a.filter_file.is_none()
        && !a.expression.is_empty()
        && a.expression.iter().all(|w| is_capture_file(Path::new(w)))
    {
        files.append(&mut a.expression);
    }
    Ok(files)
}

/// Whether `path` is a file that begins as a capture does (pcap, pcapng,
/// gzip or zstd magic): the test for an unquoted `-r *.pcap`.
fn is_capture_file(path: &Path) -> bool {
    use std::io::Read;
    let mut magic = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && matches!(
            u32::from_be_bytes(magic),
            0xA1B2_C3D4 | 0xA1B2_3C4D | 0xD4C3_B2A1 | 0x4D3C_B2A1 | 0x0A0D_0D0A | 0x28B5_2FFD
        )
        || magic.starts_with(&[0x1f, 0x8b])
}

/// `read_infile`: the file's text with every `#` comment replaced by spaces.
fn read_filter_file(path: &std::ffi::OsStr) -> Result<String, ConfigError> {
    let bytes = std::fs::read(path).map_err(|e| {
        ConfigError::Invalid(format!(
            "can't open {}: {}",
            std::path::Path::new(path).display(),
            tcpscope::cstd::strerror(&e)
        ))
    })?;
    let mut text = String::from_utf8_lossy(&bytes).into_owned().into_bytes();
    let mut in_comment = false;
    for b in &mut text {
        if *b == b'#' {
            in_comment = true;
        } else if *b == b'\n' {
            in_comment = false;
        }
        if in_comment {
            *b = b' ';
        }
    }
    Ok(String::from_utf8_lossy(&text).into_owned())
}

fn build(mut a: args::Args) -> Result<Config, ConfigError> {
    let mut files = input_files(&mut a)?.into_iter();
    a.read_file = files.next();
    a.more_files = files.collect();
    if let Some(opt) = a.unimplemented() {
        return Err(ConfigError::Invalid(format!(
            "option {opt} is not implemented yet in tcpscope"
        )));
    }
    // tcpdump's foreign-address test needs the capture device's network
    // (`pcap_lookupnet`), so it refuses -f with a file; tcpscope does not do
    // that test on a live capture yet, and refuses -f there by name.
    if a.f {
        return Err(ConfigError::Invalid(if a.read_file.is_some() {
            "-f can not be used with -V or -r".to_string()
        } else {
            "option -f is not implemented yet in tcpscope (live capture)".to_string()
        }));
    }
    let filter = match a.filter_file.as_deref() {
        Some(path) => Some(read_filter_file(path)?),
        None if a.expression.is_empty() => None,
        // copy_argv: the words joined by spaces. A byte that is not UTF-8
        // becomes U+FFFD, which the lexer refuses as tcpdump's does the
        // byte ("syntax error"), as in an -F file.
        None => Some(
            a.expression
                .join(std::ffi::OsStr::new(" "))
                .to_string_lossy()
                .into_owned(),
        ),
    };
    // tcpdump -d without an interface compiles for a dead Ethernet handle.
    let read_file = a.read_file.clone().map(std::path::PathBuf::from);
    // tstamp_precision_from_string: a prefix match (`nano2` is nano), and
    // the message does not repeat the value.
    let nano = a.nano
        || match a.time_stamp_precision.as_deref() {
            None => false,
            Some(p) if p.starts_with("micro") => false,
            Some(p) if p.starts_with("nano") => true,
            Some(_) => {
                return Err(ConfigError::Invalid(
                    "unsupported time stamp precision".into(),
                ));
            }
        };
    // --follow's yaml prints each chunk's time to the nanosecond, as tshark
    // reads a nanosecond capture: nothing else is printed.
    let nano = nano || a.follow.is_some();
    let ts_style = match a.t {
        0 => TimestampStyle::Time,
        1 => TimestampStyle::None,
        2 => TimestampStyle::Unix,
        3 => TimestampStyle::DeltaPrev,
        4 => TimestampStyle::DateTime,
        _ => TimestampStyle::DeltaFirst,
    };
    // `cnt = atoi(optarg); if (cnt <= 0) error(…)` (tcpdump.c).
    let count = match a.count.as_deref().map(|c| (c, atoi(c))) {
        None => None,
        Some((_, n)) if n > 0 => Some(n as u64),
        Some((c, _)) => return Err(ConfigError::Invalid(format!("invalid packet count {c}"))),
    };
    let write = write_options(&a)?;
    let precision = if nano {
        Precision::Nano
    } else {
        Precision::Micro
    };
    let live = live::build(&a, precision)?;
    let pictures = pictures(&a, live.is_some())?;
    let follow = follow(&a, live.is_some())?;
    // With --graph, --output is the picture's file, not the output's.
    let graph_output = if a.graph.is_some() {
        if a.format.is_some() || a.packets {
            return Err(ConfigError::Invalid(
                "--graph takes --output for its picture: run --format/--packets apart".into(),
            ));
        }
        a.output.take()
    } else {
        None
    };
    let inputs = usize::from(a.read_file.is_some()) + a.more_files.len();
    let export = export::options(&mut a, if live.is_some() { 0 } else { inputs })?;
    if let Some(e) = export.as_ref().filter(|e| e.per_input) {
        // Two inputs of one name would write one table.
        let mut seen = std::collections::HashSet::new();
        for f in a.read_file.iter().chain(&a.more_files) {
            let out = tcpscope::export::per_input_path(&e.path, Path::new(f), e.format);
            if !seen.insert(out.clone()) {
                return Err(ConfigError::Invalid(format!(
                    "--output {}: two inputs would both write {}",
                    e.path.display(),
                    out.display()
                )));
            }
        }
    }
    let mut analyze = analyze_options(&a, nano, live.is_some(), &pictures)?;
    if let Some(f) = follow {
        // Nothing but the stream on standard output.
        analyze = Some(analyze::Options {
            nano,
            follow: Some(f),
            ..analyze::Options::new(analyze::Mode::Silent)
        });
    }
    if let Some(e) = export.as_ref().filter(|e| e.format.is_table()) {
        use tcpscope::config::export::Table;
        match e.table {
            // Every TCP packet's connection and relative numbers. The
            // table's limit and attempts' form are the user's: under a SYN
            // flood they bound the memory.
            Table::Packets => {
                analyze = Some(analyze::Options {
                    nano,
                    max_connections: max_connections(&a)?,
                    compact_attempts: !a.no_compact_attempts,
                    ..analyze::Options::new(analyze::Mode::Packets)
                });
            }
            Table::Connections => {
                if let Some(o) = analyze.as_mut() {
                    o.records_only = true;
                }
            }
        }
    }
    conflicts(&a, write.as_ref(), analyze.as_ref())?;
    a.output = graph_output;
    let output = output(&a, write, analyze, pictures);
    let table = export.as_ref().is_some_and(|e| e.format.is_table());
    let progress = progress(&output, a.read_file.is_some() && live.is_none(), table);
    Ok(Config {
        list_interfaces: a.big_d,
        progress,
        export,
        live,
        read_file,
        more_files: a.more_files.iter().map(std::path::PathBuf::from).collect(),
        count,
        user: a.big_z.clone(),
        line_buffered: a.line_buffered,
        output,
        // tcpdump prints the --count line only when reading a file.
        count_line: a.count_mode && a.read_file.is_some(),
        filter,
        dump_bpf: a.dump_bpf,
        optimize: !a.no_optimize,
        print: PrintOptions {
            numeric: a.n,
            quiet: a.quiet,
            absolute_seq: a.absolute,
            verbose: a.v,
            number: a.number,
            ts_style,
            precision,
            link_header: a.e,
            mesh_headers: a.big_h,
            hex: a.x,
            hex_ascii: a.big_x,
            ascii: a.a,
            short_hostnames: a.big_n,
            verify_checksums: !a.k,
        },
    })
}

/// tcpdump's choice of callback: with `-w`, `dump_packet`, which prints
/// only with `--print` (`--count` does not silence it); without,
/// `print_packet` unless `--count`. An analyzer option replaces the lines
/// (the `-w` file is still written).
fn output(
    a: &args::Args,
    write: Option<WriteOptions>,
    analyze: Option<analyze::Options>,
    pictures: graph::Pictures,
) -> Output {
    match (write, analyze) {
        (write, Some(options)) => Output::Analyze {
            options,
            write,
            pictures,
        },
        (Some(w), None) if a.print => Output::PrintAndWrite(w),
        (Some(w), None) => Output::Write(w),
        (None, None) if a.count_mode => Output::Count,
        (None, None) => Output::Print,
    }
}

/// Whether a `-r` run shows its progress on stderr (issue 17): stderr is a
/// terminal and the run prints no packet lines (`--count`, `-w` without
/// `--print`, an analyzer mode but `--json` alone). When standard output is
/// that terminal too, only if nothing is printed on it before the end
/// (`--count`, `-w`, `--states`, `--diagnose` without `--json`), so the bar
/// is never drawn among lines.
fn progress(output: &Output, reading: bool, table: bool) -> bool {
    use analyze::Mode;
    use std::io::IsTerminal;
    if !reading || !std::io::stderr().is_terminal() {
        return false;
    }
    if table {
        // Nothing on standard output until the summary.
        return true;
    }
    let quiet_until_end = match output {
        Output::Print | Output::PrintAndWrite(_) => return false,
        Output::Analyze { options, .. } => match options.mode {
            Mode::Packets => return false,
            Mode::Connections => false,
            Mode::Diagnose => !options.json,
            // --follow prints each chunk as soon as it is in order.
            Mode::States | Mode::Silent => options.follow.is_none(),
        },
        Output::Count | Output::Write(_) => true,
    };
    quiet_until_end || !std::io::stdout().is_terminal()
}

/// Combinations that would do something other than what was asked,
/// refused before any work (tcpdump has no analyzer, so these are ours).
fn conflicts(
    a: &args::Args,
    write: Option<&WriteOptions>,
    analyze: Option<&analyze::Options>,
) -> Result<(), ConfigError> {
    let Some(options) = analyze else {
        return Ok(());
    };
    let name = match options.mode {
        analyze::Mode::Connections => "--connections",
        analyze::Mode::Diagnose => "--diagnose",
        analyze::Mode::States => "--states",
        analyze::Mode::Packets => "--json",
        analyze::Mode::Silent if a.graph.is_some() => "--graph",
        analyze::Mode::Silent => "--report",
    };
    if options.mode == analyze::Mode::Silent && !a.print {
        // Nothing on standard output: `-w -` is fine.
        return Ok(());
    }
    if write.is_some_and(|w| w.path == "-") {
        // The analyzer's lines would be mixed into the pcap stream.
        return Err(ConfigError::Invalid(format!(
            "-w - (pcap on standard output) cannot be combined with {name}, \
             which prints on standard output too: write to a file"
        )));
    }
    if a.print {
        return Err(ConfigError::Invalid(format!(
            "--print cannot be combined with {name}, which replaces the packet lines"
        )));
    }
    Ok(())
}

/// The analyzer's options: at most one of `--connections`, `--diagnose`,
/// `--states`; `--at` only with `--states`; `--json` alone prints packets.
/// `--max-connections N` (at least 1), else the default.
fn max_connections(a: &args::Args) -> Result<usize, ConfigError> {
    match a.max_connections {
        None => Ok(analyze::MAX_CONNECTIONS),
        Some(n @ 1..) => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
        Some(0) => Err(ConfigError::Invalid(
            "invalid --max-connections 0 (at least 1)".into(),
        )),
    }
}

fn analyze_options(
    a: &args::Args,
    nano: bool,
    live: bool,
    pictures: &graph::Pictures,
) -> Result<Option<analyze::Options>, ConfigError> {
    use analyze::{Mode, Options};
    let modes = [
        (a.connections, Mode::Connections),
        (a.diagnose, Mode::Diagnose),
        (a.states, Mode::States),
    ];
    let mut chosen = modes.iter().filter(|(on, _)| *on).map(|(_, m)| *m);
    let mode = chosen.next();
    if chosen.next().is_some() {
        return Err(ConfigError::Invalid(
            "--connections, --diagnose and --states cannot be combined".into(),
        ));
    }
    let at = match a.at.as_deref() {
        None => None,
        Some(_) if mode != Some(Mode::States) => {
            return Err(ConfigError::Invalid("--at requires --states".into()));
        }
        Some(t) => Some(at::parse(t).ok_or_else(|| {
            ConfigError::Invalid(format!("invalid time '{t}' for --at: give {}", at::FORMS))
        })?),
    };
    let mode = match (mode, a.json) {
        (Some(m), _) => m,
        (None, true) => Mode::Packets,
        (None, false) if pictures.graph.is_some() || pictures.report.is_some() => Mode::Silent,
        (None, false) => return Ok(None),
    };
    let trace = match (&pictures.graph, &pictures.report) {
        (_, Some(_)) => analyze::Trace::All,
        (Some(g), None) => analyze::Trace::Stream(g.stream),
        (None, None) => analyze::Trace::Off,
    };
    let max_connections = max_connections(a)?;
    Ok(Some(Options {
        mode,
        json: a.json,
        at,
        nano,
        live,
        max_connections,
        flood_detail: a.flood_detail,
        compact_attempts: !a.no_compact_attempts,
        records_only: false,
        trace,
        follow: None,
    }))
}

/// `--follow N [--follow-format F]`, checked before any work: it prints
/// the stream and nothing else, so every other output is refused, and it
/// reads a file (tshark follows a live capture only once it ends: here a
/// capture is written with -w, then followed). Whether N names a connection
/// is known only at the end, where tshark's empty stream is printed.
fn follow(a: &args::Args, live: bool) -> Result<Option<analyze::Follow>, ConfigError> {
    let bad = |m: String| Err(ConfigError::Invalid(m));
    let Some(n) = a.follow.as_deref() else {
        if a.follow_format.is_some() {
            return bad("--follow-format goes with --follow N (which connection to follow)".into());
        }
        return Ok(None);
    };
    let Ok(stream) = n.parse::<u64>() else {
        return bad(format!(
            "invalid --follow '{n}': a connection number from 0 (the \"stream\" of \
             --connections --json)"
        ));
    };
    let format = match a.follow_format.as_deref() {
        None => analyze::FollowFormat::Ascii,
        Some(f) => match analyze::FollowFormat::from_name(f) {
            Some(f) => f,
            // tshark's own words (`follow_arg_mode`).
            None => return bad("follow - Invalid display mode.".into()),
        },
    };
    if live {
        return bad(
            "--follow reads a capture file (-r): capture with -w first, then follow it".into(),
        );
    }
    let others = [
        (a.w.is_some(), "-w"),
        (a.print, "--print"),
        (a.count_mode, "--count"),
        (a.connections, "--connections"),
        (a.diagnose, "--diagnose"),
        (a.states, "--states"),
        (a.json, "--json"),
        (a.packets, "--packets"),
        (a.format.is_some(), "--format"),
        (a.output.is_some(), "--output"),
        (a.graph.is_some(), "--graph"),
        (a.report.is_some(), "--report"),
    ];
    if let Some((_, name)) = others.iter().find(|(on, _)| *on) {
        return bad(format!(
            "--follow cannot be combined with {name}: it prints the stream's payload and \
             nothing else (run them apart)"
        ));
    }
    Ok(Some(analyze::Follow { stream, format }))
}

/// `--graph N --output FILE [--graph-kind] [--graph-dir]` and `--report
/// FILE`, checked before any work. Whether N names a connection is known
/// only once the capture is read (the run says how many there are).
fn pictures(a: &args::Args, live: bool) -> Result<graph::Pictures, ConfigError> {
    let bad = |m: &str| Err(ConfigError::Invalid(m.to_string()));
    if a.graph.is_none() {
        // --output alone is the output's file (--format).
        let stray = [
            (a.graph_kind.is_some(), "--graph-kind"),
            (a.graph_dir.is_some(), "--graph-dir"),
        ];
        if let Some((_, name)) = stray.iter().find(|(on, _)| *on) {
            return bad(&format!(
                "{name} goes with --graph N (which connection to draw)"
            ));
        }
    }
    if (a.graph.is_some() || a.report.is_some()) && live {
        return bad("--graph and --report read a capture file (-r): live capture is not supported");
    }
    let graph = match a.graph.as_deref() {
        None => None,
        Some(n) => {
            let Ok(stream) = n.parse::<u64>() else {
                return bad(&format!(
                    "invalid --graph '{n}': a connection number from 0 (the \"stream\" \
                     of --connections --json)"
                ));
            };
            let Some(output) = a.output.clone() else {
                return bad("--graph needs --output FILE.svg (where to draw it)");
            };
            let kind = match a.graph_kind.as_deref() {
                None | Some("tsg") => graph::Kind::Tsg,
                Some("throughput") => graph::Kind::Throughput,
                Some("rtt") => graph::Kind::Rtt,
                Some(k) => {
                    return bad(&format!(
                        "invalid --graph-kind '{k}': tsg, throughput or rtt"
                    ));
                }
            };
            let dir = match a.graph_dir.as_deref() {
                None => graph::Dir::Auto,
                Some("client") => graph::Dir::Client,
                Some("server") => graph::Dir::Server,
                Some(d) => {
                    return bad(&format!("invalid --graph-dir '{d}': client or server"));
                }
            };
            Some(graph::GraphOptions {
                stream,
                output: output.into(),
                kind,
                dir,
            })
        }
    };
    let report = a
        .report
        .clone()
        .map(|f| graph::ReportOptions { output: f.into() });
    if let (Some(g), Some(r)) = (&graph, &report)
        && g.output == r.output
    {
        return bad("--output and --report name the same file");
    }
    Ok(graph::Pictures { graph, report })
}

/// `-w`, `-U`, `-C`, `-G`, `-W`, `-z` checked with tcpdump's messages.
/// Without `-w` tcpdump checks the values but ignores them.
fn write_options(a: &args::Args) -> Result<Option<WriteOptions>, ConfigError> {
    let invalid = |m: String| ConfigError::Invalid(m);
    if a.pcapng && a.w.is_none() {
        return Err(invalid("--pcapng requires -w".into()));
    }
    let file_size = match a.big_c.as_deref() {
        None => None,
        Some(c) => {
            // strtol: blanks and a sign, digits to the end, > 0, no overflow.
            let t = c.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
            let t = t.strip_prefix('+').unwrap_or(t);
            match t.parse::<i64>() {
                Ok(n) if n > 0 && !t.starts_with(['+', '-']) => {
                    if n > i64::MAX / 1_000_000 {
                        return Err(invalid(format!("file size {c} is too large")));
                    }
                    Some(n as u64 * 1_000_000)
                }
                _ => return Err(invalid(format!("invalid file size {c}"))),
            }
        }
    };
    let rotate_seconds = match a.big_g.as_deref().map(|g| (g, atoi(g))) {
        None | Some((_, 0)) => None,
        Some((g, n)) if n < 0 => {
            return Err(invalid(format!("invalid number of seconds {g}")));
        }
        Some((_, n)) => Some(n),
    };
    let max_files = match a.big_w.as_deref().map(|w| (w, atoi(w))) {
        None => None,
        Some((w, n)) if n <= 0 => {
            return Err(invalid(format!("invalid number of output files {w}")));
        }
        Some((_, n)) => Some(n as u32),
    };
    // The -w name goes through strftime (-G) and MakeFilename as text:
    // tcpscope takes UTF-8 names only, and says so.
    let path = match &a.w {
        None => return Ok(None),
        Some(w) => w.to_str().map(str::to_string).ok_or_else(|| {
            invalid(format!(
                "-w {}: tcpscope takes only UTF-8 file names for -w",
                std::path::Path::new(w).display()
            ))
        })?,
    };
    Ok(Some(WriteOptions {
        pcapng: a.pcapng || path.to_ascii_lowercase().ends_with(".pcapng"),
        path,
        packet_buffered: a.packet_buffered,
        file_size,
        rotate_seconds,
        max_files,
        post_rotate: a.z.clone(),
    }))
}
