//! What the TCP analyzer is asked for (`--connections --diagnose --states
//! --at --json`), as plain data: [`crate::analyze`] runs with it and
//! re-exports it.

/// What the analyzer prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// One line (object) per connection.
    Connections,
    /// Only connections with something to say, findings, the summary.
    Diagnose,
    /// The state table at the end or at `--at`.
    States,
    /// `--json` alone: one object per packet.
    Packets,
    /// `--graph`/`--report` alone: nothing on standard output (the
    /// pictures are the output).
    Silent,
}

/// Which connections keep a record of every segment (for the pictures).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trace {
    /// None (the default: no per-segment memory).
    Off,
    /// The connection numbered so (Wireshark's `tcp.stream`, from 0).
    Stream(u64),
    /// Every connection, each record handed out when it is reported.
    All,
}

/// `--at TIME`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum At {
    /// Nanoseconds since the epoch.
    Abs(u64),
    /// Nanoseconds after the first packet (`+SECONDS`).
    Rel(u64),
    /// Nanoseconds after local midnight (TZ) of the first packet's day
    /// (`HH:MM:SS`, as tcpdump's default timestamps print the time).
    Clock(u64),
}

/// The analyzer's settings.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub mode: Mode,
    pub json: bool,
    pub at: Option<At>,
    /// Timestamps are in nanoseconds (else microseconds).
    pub nano: bool,
    /// Live capture: `--diagnose` prints each sentence at once instead of
    /// folding identical ones at the end.
    pub live: bool,
    /// `--max-connections`: entries the table holds at most.
    pub max_connections: usize,
    /// `--flood-detail`: a SYN flood's connections listed one by one too.
    pub flood_detail: bool,
    /// Connection attempts kept small until they are more (off: the
    /// hidden `--no-compact-attempts`, to test that it changes nothing).
    pub compact_attempts: bool,
    /// Table output (`--format csv|parquet`): each connection only as its
    /// typed record (`Analyzer::take_connections`), no line or JSON
    /// object; the findings and summary on stderr.
    pub records_only: bool,
    /// Per-segment records for `--graph`/`--report`.
    pub trace: Trace,
    /// `--follow N`: one stream's payload, as tshark's `-z follow,tcp`.
    pub follow: Option<Follow>,
}

/// `--follow N [--follow-format F]`: the connection numbered `stream`
/// (Wireshark's `tcp.stream`, from 0), printed as `tshark -qz
/// follow,tcp,F,N` prints it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Follow {
    pub stream: u64,
    pub format: FollowFormat,
}

/// `--follow-format`: tshark 4.0's display modes (`ui/cli/tap-follow.c`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FollowFormat {
    /// Each chunk's length, then its bytes (`.` for what does not print).
    Ascii,
    /// As ascii, the bytes read as EBCDIC.
    Ebcdic,
    /// A hex dump per chunk, offsets counted per direction.
    Hex,
    /// Each chunk as one line of hex digits.
    Raw,
    /// Peers, then each chunk's frame, time and base64 bytes.
    Yaml,
}

impl FollowFormat {
    /// tshark's name of the mode (`Follow: tcp,NAME`), which
    /// `--follow-format` takes.
    pub fn name(self) -> &'static str {
        match self {
            FollowFormat::Ascii => "ascii",
            FollowFormat::Ebcdic => "ebcdic",
            FollowFormat::Hex => "hex",
            FollowFormat::Raw => "raw",
            FollowFormat::Yaml => "yaml",
        }
    }

    /// The mode named so, if tshark 4.0 has it.
    pub fn from_name(s: &str) -> Option<FollowFormat> {
        [
            FollowFormat::Ascii,
            FollowFormat::Ebcdic,
            FollowFormat::Hex,
            FollowFormat::Raw,
            FollowFormat::Yaml,
        ]
        .into_iter()
        .find(|f| f.name() == s)
    }
}

/// `--max-connections`' default: under a flood the table's hash map must
/// never be more than half full when it runs out of never-used slots, or
/// it doubles instead of tidying in place (an eviction's removals leave
/// its slots used: `hashbrown` rehashes in place only at most half full).
/// 450,000 entries live in 2^20 slots (about 110 MB: a 104-byte key and
/// entry each) for good; a million took 2^21 slots and the copy made while
/// doubling, 340 MB.
pub const MAX_CONNECTIONS: usize = 450_000;

impl Options {
    /// The settings for `mode` with every other choice at its default.
    pub fn new(mode: Mode) -> Options {
        Options {
            mode,
            json: false,
            at: None,
            nano: false,
            live: false,
            max_connections: MAX_CONNECTIONS,
            flood_detail: false,
            compact_attempts: true,
            records_only: false,
            trace: Trace::Off,
            follow: None,
        }
    }
}
