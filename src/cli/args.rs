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

/// The help's groups, in the order `--help` shows them.
const READ: &str = "Reading and capturing";
const FILTER: &str = "Filtering";
const PRINT: &str = "Printing packets";
const WRITE: &str = "Writing packets (-w)";
const ANALYZE: &str = "Analyzing TCP (replaces the packet lines)";
const FORMAT: &str = "Output formats";
const PICTURES: &str = "Pictures (from the analyzer)";
const FOLLOW: &str = "Following a stream (replaces the packet lines)";

#[derive(Parser, Debug)]
#[command(
    name = "tcpscope",
    version,
    about = "Print packets from a capture or a live interface exactly as tcpdump does, \
             write them, or analyze their TCP connections.",
    override_usage = "tcpscope [OPTIONS] [-r FILE | -i INTERFACE] [-w FILE] [EXPRESSION]...\n       \
                      tcpscope (--connections | --diagnose | --states [--at TIME]) [--json] \
                      [-r FILE | -i INTERFACE] [EXPRESSION]...\n       \
                      tcpscope (--connections | --packets) --format csv|parquet --output PATH \
                      -r FILE... [EXPRESSION]...\n       \
                      tcpscope --graph N --output FILE.svg | --report FILE.html -r FILE [EXPRESSION]...\n       \
                      tcpscope --follow N [--follow-format ascii|hex|raw|ebcdic|yaml] -r FILE [EXPRESSION]...",
    after_help = "EXPRESSION is a pcap-filter(7) expression, as tcpdump takes it. \
                  `man tcpscope` after scripts/install.sh.",
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

    /// Read packets from FILE (`-` for standard input); several -r (or a
    /// quoted pattern such as 'dir/*.pcap') are merged by timestamp.
    #[arg(short = 'r', value_name = "FILE", action = ArgAction::Append, help_heading = READ, allow_hyphen_values = true)]
    pub read_files: Vec<OsString>,
    /// Read the files named in FILE (one per line), merged by timestamp.
    #[arg(short = 'V', value_name = "FILE", help_heading = READ, allow_hyphen_values = true)]
    pub file_list: Option<OsString>,
    /// The first file to read, once `read_files`, `file_list` and the
    /// patterns are resolved (`cli::build`); the rest are merged with it.
    #[arg(skip)]
    pub read_file: Option<OsString>,
    #[arg(skip)]
    pub more_files: Vec<OsString>,
    /// Exit after COUNT packets (printed, written or analyzed).
    #[arg(short = 'c', value_name = "COUNT", help_heading = READ, allow_hyphen_values = true)]
    pub count: Option<String>,
    /// Read the filter expression from FILE.
    #[arg(short = 'F', value_name = "FILE", help_heading = FILTER, allow_hyphen_values = true)]
    pub filter_file: Option<OsString>,
    /// Don't convert addresses (and, twice, ports) to names.
    #[arg(short = 'n', action = ArgAction::Count, help_heading = PRINT)]
    pub n: u8,
    /// Timestamp style: -t none, -tt epoch, -ttt delta, -tttt date, -ttttt since first.
    #[arg(short = 't', action = ArgAction::Count, help_heading = PRINT)]
    pub t: u8,
    /// Quiet output: less protocol information.
    #[arg(short = 'q', help_heading = PRINT)]
    pub quiet: bool,
    /// Print absolute TCP sequence numbers.
    #[arg(short = 'S', long = "absolute-tcp-sequence-numbers", help_heading = PRINT)]
    pub absolute: bool,
    /// Print a packet number at the beginning of each line.
    #[arg(short = '#', long = "number", help_heading = PRINT)]
    pub number: bool,
    /// Line-buffered output.
    #[arg(short = 'l', help_heading = PRINT)]
    pub line_buffered: bool,
    /// Packet-buffered output: with -w, flush the file after every packet.
    #[arg(short = 'U', long = "packet-buffered", help_heading = WRITE)]
    pub packet_buffered: bool,
    /// Nanosecond timestamps.
    #[arg(long = "nano", help_heading = PRINT)]
    pub nano: bool,
    /// micro or nano.
    #[arg(long = "time-stamp-precision", value_name = "PRECISION", help_heading = PRINT, allow_hyphen_values = true)]
    pub time_stamp_precision: Option<String>,
    /// Micro timestamps (tcpdump's --micro).
    #[arg(long = "micro", help_heading = PRINT)]
    pub micro: bool,
    /// Print the compiled filter program and exit: -d readable, -dd as C,
    /// -ddd as decimal numbers.
    #[arg(short = 'd', action = ArgAction::Count, help_heading = FILTER)]
    pub dump_bpf: u8,
    /// Do not run libpcap's filter optimiser (matters for -d).
    #[arg(short = 'O', long = "no-optimize", help_heading = FILTER)]
    pub no_optimize: bool,

    /// More protocol detail (-vv, -vvv: more still).
    #[arg(short = 'v', action = ArgAction::Count, help_heading = PRINT)]
    pub v: u8,
    /// Print the link-level header on each line.
    #[arg(short = 'e', help_heading = PRINT)]
    pub e: bool,
    /// Look for 802.11s draft mesh headers in 802.11 QoS data frames.
    #[arg(short = 'H', help_heading = PRINT)]
    pub big_h: bool,
    /// Print each packet in hex (-xx: including its link-level header).
    #[arg(short = 'x', action = ArgAction::Count, help_heading = PRINT)]
    pub x: u8,
    /// Print each packet in hex and ASCII (-XX: including its link-level header).
    #[arg(short = 'X', action = ArgAction::Count, help_heading = PRINT)]
    pub big_x: u8,
    /// Print each packet in ASCII (-AA: including its link-level header).
    #[arg(short = 'A', action = ArgAction::Count, help_heading = PRINT)]
    pub a: u8,
    /// Don't verify IP, TCP or UDP checksums.
    #[arg(short = 'K', long = "dont-verify-checksums", help_heading = PRINT)]
    pub k: bool,
    /// Don't print the domain of host names.
    #[arg(short = 'N', help_heading = PRINT)]
    pub big_n: bool,
    /// Print foreign IPv4 addresses numerically (not implemented yet: refused;
    /// tcpdump refuses it with -r).
    #[arg(short = 'f', help_heading = PRINT)]
    pub f: bool,
    /// Don't put the interface into promiscuous mode.
    #[arg(short = 'p', long = "no-promiscuous-mode", help_heading = READ)]
    pub p: bool,
    /// Print the interfaces available for capture and exit.
    #[arg(short = 'D', long = "list-interfaces", help_heading = READ)]
    pub big_d: bool,
    /// Print the interface's data link types and exit.
    #[arg(short = 'L', long = "list-data-link-types", help_heading = READ)]
    pub big_l: bool,
    /// Print the interface's time stamp types and exit.
    #[arg(short = 'J', long = "list-time-stamp-types", help_heading = READ)]
    pub big_j: bool,
    /// Deliver packets as soon as they arrive, without buffering.
    #[arg(long = "immediate-mode", help_heading = READ)]
    pub immediate: bool,
    /// With -w: also print the packets written.
    #[arg(long = "print", help_heading = WRITE)]
    pub print: bool,
    /// Capture live on INTERFACE (`any` for all; a number from -D).
    #[arg(short = 'i', long = "interface", value_name = "INTERFACE", help_heading = READ, allow_hyphen_values = true)]
    pub i: Option<OsString>,
    /// Write the packets kept to FILE as pcap (`-` for standard output);
    /// as pcapng when FILE ends in .pcapng.
    #[arg(short = 'w', value_name = "FILE", help_heading = WRITE, allow_hyphen_values = true)]
    pub w: Option<OsString>,
    /// With -w: write pcapng (every interface and link type of the input,
    /// comments kept) whatever FILE's name.
    #[arg(long = "pcapng", help_heading = WRITE)]
    pub pcapng: bool,
    /// Capture at most SNAPLEN bytes of each packet (0: 262144).
    #[arg(short = 's', long = "snapshot-length", value_name = "SNAPLEN", help_heading = READ, allow_hyphen_values = true)]
    pub s: Option<String>,
    /// The capture buffer size in KiB.
    #[arg(short = 'B', long = "buffer-size", value_name = "KIB", help_heading = READ, allow_hyphen_values = true)]
    pub big_b: Option<String>,
    /// With -w: start a new file when one exceeds FILE_SIZE million bytes.
    #[arg(short = 'C', value_name = "FILE_SIZE", allow_hyphen_values = true, help_heading = WRITE)]
    pub big_c: Option<String>,
    /// With -w: start a new file every SECONDS (FILE goes through strftime).
    #[arg(short = 'G', value_name = "SECONDS", allow_hyphen_values = true, help_heading = WRITE)]
    pub big_g: Option<String>,
    /// With -w: a ring of FILECOUNT files (-C), or stop after FILECOUNT files (-G).
    #[arg(short = 'W', value_name = "FILECOUNT", allow_hyphen_values = true, help_heading = WRITE)]
    pub big_w: Option<String>,
    /// Capture with data link type TYPE (see -L).
    #[arg(short = 'y', long = "linktype", value_name = "TYPE", help_heading = READ, allow_hyphen_values = true)]
    pub y: Option<String>,
    /// With -C/-G: run COMMAND FILE on each file closed by a rotation.
    #[arg(short = 'z', value_name = "COMMAND", help_heading = WRITE, allow_hyphen_values = true)]
    pub z: Option<String>,
    /// When root, switch to USER after opening the device (default: tcpdump),
    /// keeping only the right to create -w files, as Debian's tcpdump does.
    #[arg(short = 'Z', long = "relinquish-privileges", value_name = "USER", help_heading = READ, allow_hyphen_values = true)]
    pub big_z: Option<String>,
    /// Time stamp type (see -J).
    #[arg(short = 'j', long = "time-stamp-type", value_name = "TYPE", help_heading = READ, allow_hyphen_values = true)]
    pub j: Option<String>,
    /// Capture direction: in, out or inout.
    #[arg(short = 'Q', long = "direction", value_name = "DIRECTION", help_heading = READ, allow_hyphen_values = true)]
    pub q_dir: Option<String>,

    // --- tcpdump options not implemented yet: parsed, then refused by name.
    #[arg(short = 'E', hide = true)]
    big_e: Option<String>,
    #[arg(short = 'M', hide = true)]
    big_m: Option<String>,
    #[arg(short = 'm', hide = true)]
    m: Option<String>,
    #[arg(short = 'T', hide = true)]
    big_t: Option<String>,
    #[arg(short = 'u', hide = true)]
    u: bool,
    #[arg(short = 'I', long = "monitor-mode", hide = true)]
    big_i: bool,
    #[arg(short = 'b', hide = true)]
    b: bool,

    /// Print the man page (man) or a shell's completions (bash, zsh, fish,
    /// elvish, powershell) made from these definitions, and exit
    /// (`scripts/install.sh` installs them).
    #[arg(long = "generate", value_name = "WHAT", hide = true)]
    pub generate: Option<String>,

    // --- the TCP analyzer (src/analyze): replaces the per-packet lines.
    /// One line per TCP connection when it ends: ends, times, counts, states, outcome, diagnosis.
    #[arg(long = "connections", help_heading = ANALYZE)]
    pub connections: bool,
    /// Only the connections with something to say, one sentence each, then a summary.
    #[arg(long = "diagnose", help_heading = ANALYZE)]
    pub diagnose: bool,
    /// How many endpoints are in each TCP state (client and server side).
    #[arg(long = "states", help_heading = ANALYZE)]
    pub states: bool,
    /// With --states: the states at TIME: 2024-05-01T10:00:05Z, 10:00:05 (the capture's
    /// first day, local time), +5s (after the first packet) or @1714557605 (epoch).
    #[arg(long = "at", value_name = "TIME", help_heading = ANALYZE)]
    pub at: Option<String>,
    /// Print only the number of packets kept (with -r), not the packets.
    #[arg(long = "count", help_heading = FORMAT)]
    pub count_mode: bool,
    /// JSON Lines output; alone, one JSON object per packet.
    #[arg(long = "json", help_heading = FORMAT)]
    pub json: bool,
    /// With --format csv|parquet: one row per packet kept (every link type;
    /// TCP fields and the connection id when TCP).
    #[arg(long = "packets", help_heading = FORMAT)]
    pub packets: bool,
    /// text (the lines), json (as --json), or a table: csv or parquet
    /// (with --connections or --packets, and --output).
    #[arg(long = "format", value_name = "FORMAT", help_heading = FORMAT, value_parser = ["text", "json", "csv", "parquet"])]
    pub format: Option<String>,
    /// Write the output to PATH instead of standard output; with several
    /// inputs, a directory (existing, or named with a trailing /) gets one
    /// table per input, the inputs analysed apart on all cores. With
    /// --graph: the SVG file to draw.
    #[arg(long = "output", value_name = "PATH", help_heading = FORMAT, allow_hyphen_values = true)]
    pub output: Option<OsString>,
    /// With --output DIR and several inputs: analyse at most N inputs at once (default: one per core). Each holds its own analyzer's table, up to about 250 MB under a flood.
    #[arg(long = "jobs", value_name = "N", help_heading = FORMAT)]
    pub jobs: Option<u64>,
    /// At most N connections in the analyzer's table at once (default 450000); past it the oldest are reported early, and counted in the summary.
    #[arg(long = "max-connections", value_name = "N", help_heading = ANALYZE)]
    pub max_connections: Option<u64>,
    /// List each connection of a SYN flood too (by default those past the first 1000 to one target are summed up in one line).
    #[arg(long = "flood-detail", help_heading = ANALYZE)]
    pub flood_detail: bool,
    /// Keep every connection attempt in full from its first SYN (slower, more memory; the same output: for testing).
    #[arg(long = "no-compact-attempts", hide = true)]
    pub no_compact_attempts: bool,

    // --- pictures drawn from the analyzer's per-segment record (src/graph).
    /// Draw connection N (numbered as Wireshark's tcp.stream, from 0: the
    /// "stream" of --connections --json) into --output FILE.svg.
    #[arg(long = "graph", value_name = "N", help_heading = PICTURES, allow_hyphen_values = true)]
    pub graph: Option<String>,
    /// With --graph: tsg (time-sequence graph, the default), throughput or rtt.
    #[arg(long = "graph-kind", value_name = "KIND", help_heading = PICTURES)]
    pub graph_kind: Option<String>,
    /// With --graph: the direction drawn, client (its data to the server) or
    /// server; by default the one that carried more payload.
    #[arg(long = "graph-dir", value_name = "DIR", help_heading = PICTURES)]
    pub graph_dir: Option<String>,
    /// Write one self-contained HTML file: summary, states, a sortable table
    /// of the connections and the graph of each one that is not clean.
    #[arg(long = "report", value_name = "FILE", help_heading = PICTURES, allow_hyphen_values = true)]
    pub report: Option<OsString>,

    // --- one stream's payload (src/analyze/follow.rs).
    /// Print connection N's payload, both directions in order, exactly as
    /// `tshark -qz follow,tcp,FORMAT,N` does (N as --graph takes it).
    #[arg(long = "follow", value_name = "N", help_heading = FOLLOW, allow_hyphen_values = true)]
    pub follow: Option<String>,
    /// With --follow: ascii (the default), hex, raw, ebcdic or yaml, as tshark's.
    #[arg(long = "follow-format", value_name = "FORMAT", help_heading = FOLLOW, allow_hyphen_values = true)]
    pub follow_format: Option<String>,

    /// Filter expression (pcap-filter syntax).
    #[arg(value_name = "EXPRESSION", allow_hyphen_values = false, help_heading = FILTER)]
    pub expression: Vec<OsString>,
}

impl Args {
    /// The first tcpdump option given that tcpscope does not implement yet.
    pub fn unimplemented(&self) -> Option<&'static str> {
        let flags: [(bool, &'static str); 6] = [
            (self.u, "-u"),
            (self.big_i, "-I"),
            (self.b, "-b"),
            (self.big_e.is_some(), "-E"),
            (self.big_m.is_some() || self.m.is_some(), "-M/-m"),
            (self.big_t.is_some(), "-T"),
        ];
        flags.into_iter().find(|(on, _)| *on).map(|(_, name)| name)
    }
}

/// tcpdump's short usage (`print_usage` in tcpdump.c), printed on stderr
/// after a usage error: every option tcpscope takes, its own ones last.
pub fn usage() -> String {
    format!(
        "tcpscope version {}\n\
         Usage: tcpscope [-#AdDehJKlLnNOpqStUvxX] [ -B size ] [ -c count ] [--count]\n\
         \t\t[ -C file_size ] [ -F file ] [ -G seconds ]\n\
         \t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]\n\
         \t\t[ --number ] [ --print ] [ -Q in|out|inout ]\n\
         \t\t[ -r file ] [ -s snaplen ] [ -V file ] [ --version ]\n\
         \t\t[ -w file ] [ --pcapng ] [ -W filecount ] [ -y datalinktype ]\n\
         \t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]\n\
         \t\t[ -z postrotate-command ] [ -Z user ]\n\
         \t\t[ --connections | --diagnose | --states [ --at time ] ] [ --json ]\n\
         \t\t[ --max-connections n ] [ --flood-detail ]\n\
         \t\t[ --packets ] [ --format text|json|csv|parquet ]\n\
         \t\t[ --output path [ --jobs n ] ]\n\
         \t\t[ --graph n --output file [ --graph-kind tsg|throughput|rtt ]\n\
         \t\t  [ --graph-dir client|server ] ] [ --report file ]\n\
         \t\t[ --follow n [ --follow-format ascii|hex|raw|ebcdic|yaml ] ]\n\
         \t\t[ expression ]\n",
        env!("CARGO_PKG_VERSION")
    )
}
