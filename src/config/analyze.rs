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
}
