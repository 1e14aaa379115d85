//! The run's configuration: what the command line asked for, validated and
//! typed, as plain data. It sits at the bottom of the crate (it imports
//! std and [`crate::packet`] only): the command line (in the binary) is
//! turned into a [`Config`], [`crate::run`] and everything below read it, and
//! no module below reads flags. Each stage's options have a file here
//! ([`print`], [`write`], [`analyze`], [`live`]), re-exported where that
//! stage lives (`print::PrintOptions`, `write::WriteOptions`,
//! `analyze::Options`, `source::live::LiveOptions`).

pub mod analyze;
pub mod live;
pub mod print;
pub mod write;

pub use live::LiveConfig;
pub use print::{PrintOptions, TimestampStyle};
pub use write::WriteOptions;

/// What to do: the validated command line.
#[derive(Debug)]
pub struct Config {
    /// `-r FILE`; `-` is standard input. `None` only with `-d`, which then
    /// compiles for Ethernet as tcpdump does without an interface.
    pub read_file: Option<String>,
    /// `-c N`
    pub count: Option<u64>,
    /// `--count`: print only `N packets` at the end.
    pub count_only: bool,
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
    /// `-w FILE` and its rotation options; `None` without `-w`.
    pub write: Option<WriteOptions>,
    /// `--print`: with `-w`, print the packets too (`-w` alone prints none).
    pub print_while_writing: bool,
    pub print: PrintOptions,
    /// `-D`: list the capture devices and exit.
    pub list_interfaces: bool,
    /// Live capture (no `-r`): the device and how to open it.
    pub live: Option<LiveConfig>,
    /// `--connections`/`--diagnose`/`--states`/`--json`: the TCP analyzer
    /// replaces the per-packet lines.
    pub analyze: Option<analyze::Options>,
}
