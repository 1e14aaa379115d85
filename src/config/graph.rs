//! What the picture outputs are asked for (`--graph N --output FILE.svg
//! [--graph-kind] [--graph-dir]`, `--report FILE.html`), as plain data:
//! [`crate::graph`] draws with it and re-exports it.

use std::path::PathBuf;

/// `--graph-kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The time-sequence graph (Stevens/tcptrace style).
    Tsg,
    /// Bytes per second over time.
    Throughput,
    /// RTT samples over time.
    Rtt,
}

/// `--graph-dir`: which direction of the connection is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// The direction that carried more payload (the client's on a tie).
    Auto,
    /// Client → server (the data the client sent).
    Client,
    /// Server → client.
    Server,
}

/// `--graph N --output FILE`.
#[derive(Clone, Debug)]
pub struct GraphOptions {
    /// The connection's number, as Wireshark's `tcp.stream` (from 0).
    pub stream: u64,
    pub output: PathBuf,
    pub kind: Kind,
    pub dir: Dir,
}

/// `--report FILE.html`.
#[derive(Clone, Debug)]
pub struct ReportOptions {
    pub output: PathBuf,
}

/// The picture outputs of a run (either or both).
#[derive(Clone, Debug, Default)]
pub struct Pictures {
    pub graph: Option<GraphOptions>,
    pub report: Option<ReportOptions>,
}
