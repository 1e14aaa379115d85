//! tcpdump's flags as clap sees them. Counted flags (`-nn`, `-vvv`, `-tttt`)
//! use `ArgAction::Count`; flags tcpdump has that tcpscope does not implement
//! yet are declared so that [`Args::unimplemented`] can name them.

use clap::{ArgAction, Parser};

#[derive(Parser, Debug)]
#[command(
    name = "tcpscope",
    version,
    about = "Print packets from a capture exactly as tcpdump does.",
    disable_help_flag = true,
    disable_version_flag = true
)]
pub struct Args {
    #[arg(short = 'h', long = "help", action = ArgAction::Help, help = "Print help")]
    _help: Option<bool>,
    #[arg(long = "version", action = ArgAction::Version, help = "Print version")]
    _version: Option<bool>,

    /// Read packets from FILE (`-` for standard input).
    #[arg(short = 'r', value_name = "FILE")]
    pub read_file: Option<String>,
    /// Exit after printing COUNT packets.
    #[arg(short = 'c', value_name = "COUNT")]
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
    #[arg(long = "time-stamp-precision", value_name = "PRECISION")]
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
    #[arg(short = 'e', hide = true)]
    e: bool,
    #[arg(short = 'x', action = ArgAction::Count, hide = true)]
    x: u8,
    #[arg(short = 'X', action = ArgAction::Count, hide = true)]
    big_x: u8,
    #[arg(short = 'A', hide = true)]
    a: bool,
    #[arg(short = 'K', hide = true)]
    k: bool,
    #[arg(short = 'N', hide = true)]
    big_n: bool,
    #[arg(short = 'f', hide = true)]
    f: bool,
    #[arg(short = 'p', hide = true)]
    p: bool,
    #[arg(short = 'u', hide = true)]
    u: bool,
    #[arg(short = 'D', long = "list-interfaces", hide = true)]
    big_d: bool,
    #[arg(short = 'L', long = "list-data-link-types", hide = true)]
    big_l: bool,
    #[arg(short = 'I', long = "monitor-mode", hide = true)]
    big_i: bool,
    #[arg(short = 'b', hide = true)]
    b: bool,
    #[arg(short = 'H', hide = true)]
    big_h: bool,
    #[arg(short = 'J', long = "list-time-stamp-types", hide = true)]
    big_j: bool,
    #[arg(long = "immediate-mode", hide = true)]
    immediate: bool,
    /// With -w: also print the packets written.
    #[arg(long = "print")]
    pub print: bool,
    /// Print only the number of packets kept (with -r), not the packets.
    #[arg(long = "count")]
    pub count_mode: bool,
    #[arg(short = 'i', long = "interface", hide = true)]
    i: Option<String>,
    /// Write the packets kept to FILE as pcap (`-` for standard output).
    #[arg(short = 'w', value_name = "FILE")]
    pub w: Option<String>,
    /// Read the filter expression from FILE.
    #[arg(short = 'F', value_name = "FILE")]
    pub filter_file: Option<String>,
    #[arg(short = 's', long = "snapshot-length", hide = true)]
    s: Option<String>,
    #[arg(short = 'B', long = "buffer-size", hide = true)]
    big_b: Option<String>,
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
    #[arg(short = 'y', long = "linktype", hide = true)]
    y: Option<String>,
    /// With -C/-G: run COMMAND FILE on each file closed by a rotation.
    #[arg(short = 'z', value_name = "COMMAND")]
    pub z: Option<String>,
    #[arg(short = 'Z', long = "relinquish-privileges", hide = true)]
    big_z: Option<String>,
    #[arg(short = 'j', long = "time-stamp-type", hide = true)]
    j: Option<String>,
    #[arg(short = 'Q', long = "direction", hide = true)]
    q_dir: Option<String>,
    #[arg(short = 'V', hide = true)]
    big_v: Option<String>,

    /// Filter expression (pcap-filter syntax).
    #[arg(value_name = "EXPRESSION", allow_hyphen_values = false)]
    pub expression: Vec<String>,
}

impl Args {
    /// The first tcpdump option given that tcpscope does not implement yet.
    pub fn unimplemented(&self) -> Option<&'static str> {
        let flags: [(bool, &'static str); 27] = [
            (self.v > 0, "-v"),
            (self.e, "-e"),
            (self.x > 0, "-x"),
            (self.big_x > 0, "-X"),
            (self.a, "-A"),
            (self.k, "-K"),
            (self.big_n, "-N"),
            (self.f, "-f"),
            (self.p, "-p"),
            (self.u, "-u"),
            (self.big_d, "-D"),
            (self.big_l, "-L"),
            (self.big_i, "-I"),
            (self.b, "-b"),
            (self.big_h, "-H"),
            (self.big_j, "-J"),
            (self.immediate, "--immediate-mode"),
            (self.i.is_some(), "-i"),
            (self.s.is_some(), "-s"),
            (self.big_b.is_some(), "-B"),
            (self.big_e.is_some(), "-E"),
            (self.big_m.is_some() || self.m.is_some(), "-M/-m"),
            (self.big_t.is_some(), "-T"),
            (self.y.is_some(), "-y"),
            (self.big_z.is_some(), "-Z"),
            (self.j.is_some(), "-j"),
            (self.q_dir.is_some() || self.big_v.is_some(), "-Q/-V"),
        ];
        flags.into_iter().find(|(on, _)| *on).map(|(_, name)| name)
    }
}

/// tcpdump-style usage text, printed after a usage error.
pub fn usage() -> String {
    format!(
        "tcpscope version {}\n\
         Usage: tcpscope [-#dlnOqStU] [-c count] [--count] [-F file] [-r file] [--nano] [--number]\n\
         \t\t[--time-stamp-precision=micro|nano] [expression]\n",
        env!("CARGO_PKG_VERSION")
    )
}
