//! tcpdump's flags as clap sees them. Counted flags (`-nn`, `-vvv`, `-tttt`)
//! use `ArgAction::Count`; flags tcpdump has that tcpscope does not implement
//! yet are declared so that [`Args::unimplemented`] can name them. Every
//! option value may start with `-` (getopt takes the next word whatever it
//! is: `-c -1` is tcpdump's "invalid packet count -1"). File
//! names and the expression are taken as bytes (`OsString`), as tcpdump's
//! `char *` arguments: a name need not be UTF-8, and a non-UTF-8 byte in the
//! expression is the parser's syntax error, not clap's generic refusal.

use std::ffi::OsString;

use clap::{ArgAction, Parser};

#[derive(Parser, Debug)]
#[command(
    name = "tcpscope",
    version,
    about = "Print packets from a capture or a live interface exactly as tcpdump does.",
    disable_help_flag = true,
    disable_version_flag = true,
    // getopt: a repeated option's last value wins (`-c 1 -c 2`).
    args_override_self = true
)]
pub struct Args {
    #[arg(short = 'h', long = "help", action = ArgAction::Help, help = "Print help")]
    _help: Option<bool>,
    #[arg(long = "version", action = ArgAction::Version, help = "Print version")]
    _version: Option<bool>,

    /// Read packets from FILE (`-` for standard input).
    #[arg(short = 'r', value_name = "FILE", allow_hyphen_values = true)]
    pub read_file: Option<OsString>,
    /// Exit after printing COUNT packets.
    #[arg(short = 'c', value_name = "COUNT", allow_hyphen_values = true)]
    pub count: Option<String>,
    /// Don't convert addresses (and, twice, ports) to names.
    #[arg(short = 'n', action = ArgAction::Count)]
    pub n: u8,
    /// Timestamp style: -t none, -tt epoch, -ttt delta, -tttt date, -ttttt since first.
    #[arg(short = 't', action = ArgAction::Count)]
    pub t: u8,
    /// Quiet output: less protocol information.
    #[arg(short = 'q')]
    pub quiet: bool,
    /// Print absolute TCP sequence numbers.
    #[arg(short = 'S', long = "absolute-tcp-sequence-numbers")]
    pub absolute: bool,
    /// Print a packet number at the beginning of each line.
    #[arg(short = '#', long = "number")]
    pub number: bool,
    /// Line-buffered output.
    #[arg(short = 'l')]
    pub line_buffered: bool,
    /// Packet-buffered output: with -w, flush the file after every packet.
    #[arg(short = 'U', long = "packet-buffered")]
    pub packet_buffered: bool,
    /// Nanosecond timestamps.
    #[arg(long = "nano")]
    pub nano: bool,
    /// micro or nano.
    #[arg(
        long = "time-stamp-precision",
        value_name = "PRECISION",
        allow_hyphen_values = true
    )]
    pub time_stamp_precision: Option<String>,
    /// Micro timestamps (tcpdump's --micro).
    #[arg(long = "micro")]
    pub micro: bool,
    /// Print the compiled filter program and exit: -d readable, -dd as C,
    /// -ddd as decimal numbers.
    #[arg(short = 'd', action = ArgAction::Count)]
    pub dump_bpf: u8,
    /// Do not run libpcap's filter optimiser (matters for -d).
    #[arg(short = 'O', long = "no-optimize")]
    pub no_optimize: bool,

    // --- tcpdump options not implemented yet: parsed, then refused by name.
    #[arg(short = 'v', action = ArgAction::Count, hide = true)]
    pub v: u8,
    /// Print the link-level header on each line.
    #[arg(short = 'e')]
    pub e: bool,
    /// Print each packet in hex (-xx: including its link-level header).
    #[arg(short = 'x', action = ArgAction::Count)]
    pub x: u8,
    /// Print each packet in hex and ASCII (-XX: including its link-level header).
    #[arg(short = 'X', action = ArgAction::Count)]
    pub big_x: u8,
    /// Print each packet in ASCII (-AA: including its link-level header).
    #[arg(short = 'A', action = ArgAction::Count)]
    pub a: u8,
    /// Don't verify IP, TCP or UDP checksums.
    #[arg(short = 'K', long = "dont-verify-checksums")]
    pub k: bool,
    /// Don't print the domain of host names.
    #[arg(short = 'N')]
    pub big_n: bool,
    /// Print foreign IPv4 addresses numerically (live capture only).
    #[arg(short = 'f')]
    pub f: bool,
    /// Don't put the interface into promiscuous mode.
    #[arg(short = 'p', long = "no-promiscuous-mode")]
    pub p: bool,
    #[arg(short = 'u', hide = true)]
    u: bool,
    /// Print the interfaces available for capture and exit.
    #[arg(short = 'D', long = "list-interfaces")]
    pub big_d: bool,
    /// Print the interface's data link types and exit.
    #[arg(short = 'L', long = "list-data-link-types")]
    pub big_l: bool,
    #[arg(short = 'I', long = "monitor-mode", hide = true)]
    big_i: bool,
    #[arg(short = 'b', hide = true)]
    b: bool,
    #[arg(short = 'H', hide = true)]
    big_h: bool,
    /// Print the interface's time stamp types and exit.
    #[arg(short = 'J', long = "list-time-stamp-types")]
    pub big_j: bool,
    /// Deliver packets as soon as they arrive, without buffering.
    #[arg(long = "immediate-mode")]
    pub immediate: bool,
    /// With -w: also print the packets written.
    #[arg(long = "print")]
    pub print: bool,
    /// Print only the number of packets kept (with -r), not the packets.
    #[arg(long = "count")]
    pub count_mode: bool,
    /// Capture live on INTERFACE (`any` for all; a number from -D).
    #[arg(
        short = 'i',
        long = "interface",
        value_name = "INTERFACE",
        allow_hyphen_values = true
    )]
    pub i: Option<OsString>,
    /// Write the packets kept to FILE as pcap (`-` for standard output).
    #[arg(short = 'w', value_name = "FILE", allow_hyphen_values = true)]
    pub w: Option<OsString>,
    /// Read the filter expression from FILE.
    #[arg(short = 'F', value_name = "FILE", allow_hyphen_values = true)]
    pub filter_file: Option<OsString>,
    /// Capture at most SNAPLEN bytes of each packet (0: 262144).
    #[arg(
        short = 's',
        long = "snapshot-length",
        value_name = "SNAPLEN",
        allow_hyphen_values = true
    )]
    pub s: Option<String>,
    /// The capture buffer size in KiB.
    #[arg(
        short = 'B',
        long = "buffer-size",
        value_name = "KIB",
        allow_hyphen_values = true
    )]
    pub big_b: Option<String>,
    /// With -w: start a new file when one exceeds FILE_SIZE million bytes.
    #[arg(short = 'C', value_name = "FILE_SIZE", allow_hyphen_values = true)]
    pub big_c: Option<String>,
    /// With -w: start a new file every SECONDS (FILE goes through strftime).
    #[arg(short = 'G', value_name = "SECONDS", allow_hyphen_values = true)]
    pub big_g: Option<String>,
    /// With -w: a ring of FILECOUNT files (-C), or stop after FILECOUNT files (-G).
    #[arg(short = 'W', value_name = "FILECOUNT", allow_hyphen_values = true)]
    pub big_w: Option<String>,
    #[arg(short = 'E', hide = true)]
    big_e: Option<String>,
    #[arg(short = 'M', hide = true)]
    big_m: Option<String>,
    #[arg(short = 'm', hide = true)]
    m: Option<String>,
    #[arg(short = 'T', hide = true)]
    big_t: Option<String>,
    /// Capture with data link type TYPE (see -L).
    #[arg(
        short = 'y',
        long = "linktype",
        value_name = "TYPE",
        allow_hyphen_values = true
    )]
    pub y: Option<String>,
    /// With -C/-G: run COMMAND FILE on each file closed by a rotation.
    #[arg(short = 'z', value_name = "COMMAND", allow_hyphen_values = true)]
    pub z: Option<String>,
    /// When root, switch to USER after opening the device (default: tcpdump).
    #[arg(
        short = 'Z',
        long = "relinquish-privileges",
        value_name = "USER",
        allow_hyphen_values = true
    )]
    pub big_z: Option<String>,
    /// Time stamp type (see -J).
    #[arg(
        short = 'j',
        long = "time-stamp-type",
        value_name = "TYPE",
        allow_hyphen_values = true
    )]
    pub j: Option<String>,
    /// Capture direction: in, out or inout.
    #[arg(
        short = 'Q',
        long = "direction",
        value_name = "DIRECTION",
        allow_hyphen_values = true
    )]
    pub q_dir: Option<String>,
    #[arg(short = 'V', hide = true)]
    big_v: Option<String>,

    // --- the TCP analyzer (src/analyze): replaces the per-packet lines.
    /// One line per TCP connection when it ends: ends, times, counts, states, outcome, diagnosis.
    #[arg(long = "connections")]
    pub connections: bool,
    /// Only the connections with something to say, one sentence each, then a summary.
    #[arg(long = "diagnose")]
    pub diagnose: bool,
    /// How many endpoints are in each TCP state (client and server side).
    #[arg(long = "states")]
    pub states: bool,
    /// With --states: the states at TIME (RFC 3339, epoch seconds, or +SECONDS after the first packet).
    #[arg(long = "at", value_name = "TIME")]
    pub at: Option<String>,
    /// JSON Lines output; alone, one JSON object per packet.
    #[arg(long = "json")]
    pub json: bool,

    /// Filter expression (pcap-filter syntax).
    #[arg(value_name = "EXPRESSION", allow_hyphen_values = false)]
    pub expression: Vec<OsString>,
}

impl Args {
    /// The first tcpdump option given that tcpscope does not implement yet.
    pub fn unimplemented(&self) -> Option<&'static str> {
        let flags: [(bool, &'static str); 8] = [
            (self.u, "-u"),
            (self.big_i, "-I"),
            (self.b, "-b"),
            (self.big_h, "-H"),
            (self.big_e.is_some(), "-E"),
            (self.big_m.is_some() || self.m.is_some(), "-M/-m"),
            (self.big_t.is_some(), "-T"),
            (self.big_v.is_some(), "-V"),
        ];
        flags.into_iter().find(|(on, _)| *on).map(|(_, name)| name)
    }
}

/// tcpdump-style usage text, printed after a usage error.
pub fn usage() -> String {
    format!(
        "tcpscope version {}\n\
         Usage: tcpscope [-#AdDefJKlLnNOpqStUxX] [-B size] [-c count] [--count] [-F file]\n\
         \t\t[-i interface] [--immediate-mode] [-j tstamptype] [--number]\n\
         \t\t[-Q in|out|inout] [-r file] [-s snaplen] [--version] [-y datalinktype]\n\
         \t\t[--time-stamp-precision=micro|nano] [--nano] [-Z user] [expression]\n",
        env!("CARGO_PKG_VERSION")
    )
}
