//! The run's configuration: what the command line asked for, validated and
//! typed, as plain data. It sits at the bottom of the crate (it imports
//! std and [`crate::packet`] only): the command line (in the binary) is
//! turned into a [`Config`], [`crate::run`] and everything below read it, and
//! no module below reads flags. Each stage's options have a file here
//! ([`print`](mod@print), [`write`](mod@write), [`analyze`], [`live`]), re-exported where that
//! stage lives (`print::PrintOptions`, `write::WriteOptions`,
//! `analyze::Options`, `source::live::LiveOptions`).

pub mod analyze;
pub mod export;
pub mod graph;
pub mod live;
pub mod print;
pub mod write;

pub use live::LiveConfig;
pub use print::{PrintOptions, TimestampStyle};
pub use write::WriteOptions;

/// What to do: the validated command line.
#[derive(Clone, Debug)]
pub struct Config {
    /// `-r FILE`; `-` is standard input. `None` for a live capture, and
    /// with `-d` and no interface, which compiles for Ethernet as tcpdump
    /// does.
    pub read_file: Option<std::path::PathBuf>,
    /// More `-r` files (and `-V`'s list, shell patterns expanded), read
    /// with `read_file` as one capture merged by timestamp
    /// ([`crate::source::merge`]); empty for one file.
    pub more_files: Vec<std::path::PathBuf>,
    /// `-c N`
    pub count: Option<u64>,
    /// `-Z USER` / `--relinquish-privileges=USER`: whom to become, when
    /// root, after opening the source (live or `-r`).
    pub user: Option<String>,
    /// Where the kept packets go: printed, written, both, counted or analyzed.
    pub output: Output,
    /// `--count` reading a file: `N packets` (those the filter kept) on
    /// standard output at the end, after the analyzer's output if any.
    pub count_line: bool,
    /// `-l`: flush after every line.
    pub line_buffered: bool,
    /// The filter expression: the words after the options joined by spaces,
    /// or the contents of `-F FILE` with `#` comments blanked (tcpdump's
    /// `read_infile`). `None` when there is none.
    pub filter: Option<String>,
    /// `-d` given this many times: print the compiled filter program
    /// (`bpf_dump`) instead of packets; 0 when not given.
    pub dump_bpf: u8,
    /// Run libpcap's optimiser when compiling the filter (off with `-O`).
    pub optimize: bool,
    /// How each line is printed (`-n -q -S -v -K -# -t… -e -x -X -A -N`).
    pub print: PrintOptions,
    /// `-D`: list the capture devices and exit.
    pub list_interfaces: bool,
    /// Live capture (no `-r`): the device and how to open it.
    pub live: Option<LiveConfig>,
    /// Show the progress of a `-r` run on stderr (a terminal, and no packet
    /// line printed where it would be drawn).
    pub progress: bool,
    /// `--format`/`--output`: the output goes to a file, as a table
    /// (`csv`, `parquet`: [`crate::export`]) or as it is printed (`text`,
    /// `json`). `None`: standard output.
    pub export: Option<export::Export>,
}

/// Where the packets the filter keeps go, decided once from the command
/// line: tcpdump's callback (`print_packet`, or `dump_packet`, which
/// prints too with `--print`), or the analyzer in place of the lines.
#[derive(Clone, Debug)]
pub enum Output {
    /// A line per packet on standard output (tcpdump's `print_packet`).
    Print,
    /// `--count` without `-w`: nothing per packet (see [`Config::count_line`]).
    Count,
    /// `-w FILE`: into the file only (`dump_packet`); `--count` does not
    /// change that.
    Write(WriteOptions),
    /// `-w FILE --print`: into the file and a line per packet.
    PrintAndWrite(WriteOptions),
    /// `--connections`/`--diagnose`/`--states`/`--json`: the TCP analyzer's
    /// output replaces the lines; `-w` still writes.
    Analyze {
        options: analyze::Options,
        write: Option<WriteOptions>,
        /// `--graph`/`--report`: pictures drawn from the analyzer's
        /// per-segment record (files written at the end).
        pictures: graph::Pictures,
    },
}

impl Output {
    /// Whether each kept packet's line is printed.
    pub fn prints(&self) -> bool {
        matches!(self, Output::Print | Output::PrintAndWrite(_))
    }

    /// `-w`'s options, when the kept packets are written to a file.
    pub fn write(&self) -> Option<&WriteOptions> {
        match self {
            Output::Write(w) | Output::PrintAndWrite(w) => Some(w),
            Output::Analyze { write, .. } => write.as_ref(),
            Output::Print | Output::Count => None,
        }
    }

    /// The pictures asked for (`--graph`, `--report`), if any.
    pub fn pictures(&self) -> Option<&graph::Pictures> {
        match self {
            Output::Analyze { pictures, .. } => Some(pictures),
            _ => None,
        }
    }

    /// The analyzer's options, when it takes the kept packets.
    pub fn analyze(&self) -> Option<analyze::Options> {
        match self {
            Output::Analyze { options, .. } => Some(*options),
            _ => None,
        }
    }
}
