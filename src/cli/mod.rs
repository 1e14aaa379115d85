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
mod live;

use clap::Parser;

use tcpscope::config::analyze::{self, At};
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
    build(a)
}

/// clap's error without its own usage/help trailer: tcpdump prints its usage itself.
fn clap_message(e: &clap::Error) -> String {
    let s = e.to_string();
    let first = s.lines().next().unwrap_or("invalid command line");
    first.trim_start_matches("error: ").to_string()
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

fn build(a: args::Args) -> Result<Config, ConfigError> {
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
    let analyze = analyze_options(&a, nano, live.is_some())?;
    let output = output(&a, write, analyze);
    Ok(Config {
        list_interfaces: a.big_d,
        live,
        read_file,
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
) -> Output {
    match (write, analyze) {
        (write, Some(options)) => Output::Analyze { options, write },
        (Some(w), None) if a.print => Output::PrintAndWrite(w),
        (Some(w), None) => Output::Write(w),
        (None, None) if a.count_mode => Output::Count,
        (None, None) => Output::Print,
    }
}

/// The analyzer's options: at most one of `--connections`, `--diagnose`,
/// `--states`; `--at` only with `--states`; `--json` alone prints packets.
fn analyze_options(
    a: &args::Args,
    nano: bool,
    live: bool,
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
        Some(t) => Some(parse_at(t).ok_or_else(|| {
            ConfigError::Invalid(format!(
                "invalid time {t} for --at (RFC 3339, epoch seconds or +SECONDS)"
            ))
        })?),
    };
    let mode = match (mode, a.json) {
        (Some(m), _) => m,
        (None, true) => Mode::Packets,
        (None, false) => return Ok(None),
    };
    Ok(Some(Options {
        mode,
        json: a.json,
        at,
        nano,
        live,
    }))
}

/// `--at TIME`: `2024-05-01T10:00:05Z` (RFC 3339), `1714557605.5` (epoch
/// seconds) or `+5.5` (seconds after the first packet).
fn parse_at(s: &str) -> Option<At> {
    let ns = |x: f64| (x >= 0.0 && x.is_finite()).then(|| (x * 1e9).round() as u64);
    if let Some(rel) = s.strip_prefix('+') {
        return ns(rel.parse().ok()?).map(At::Rel);
    }
    if let Ok(x) = s.parse::<f64>() {
        return ns(x).map(At::Abs);
    }
    let t = chrono::DateTime::parse_from_rfc3339(s).ok()?;
    let n = t.timestamp_nanos_opt()?;
    u64::try_from(n).ok().map(At::Abs)
}

/// `-w`, `-U`, `-C`, `-G`, `-W`, `-z` checked with tcpdump's messages.
/// Without `-w` tcpdump checks the values but ignores them.
fn write_options(a: &args::Args) -> Result<Option<WriteOptions>, ConfigError> {
    let invalid = |m: String| ConfigError::Invalid(m);
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
        path,
        packet_buffered: a.packet_buffered,
        file_size,
        rotate_seconds,
        max_files,
        post_rotate: a.z.clone(),
    }))
}
