//! The picture stage, under the analyzer: `--graph N --output FILE.svg`
//! (one connection's time-sequence graph, throughput or RTT samples) and
//! `--report FILE.html` (one self-contained page for the whole capture).
//! It draws from the analyzer's per-segment records
//! ([`crate::analyze::trace::Traced`]), whose classification
//! (retransmission, out-of-order, previous segment not captured, zero
//! window) is the analyzer's own, so the pictures agree with its counts.
//! Drawing goes through the `plotters` crate's SVG backend into a string.
//!
//! Imports flow one way: this stage reads `analyze` and `config`; nothing
//! below it knows it exists. The pipeline's sink hands it each record as its
//! connection is reported ([`Pictures::take`]), so at most the open
//! connections' records are in memory (the analyzer bounds them), and
//! writes the files at the end ([`Pictures::finish`]).
//!
//! Large connections stay readable and fast: a class of marks with more
//! members than the plot has pixel columns is thinned to one mark per
//! column (`thin`); below that every segment is its own mark.

mod report;
mod series;
mod thin;
mod tsg;

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use crate::config::graph::{Dir, GraphOptions, Kind, Pictures as Options, ReportOptions};

use crate::analyze::Overview;
use crate::analyze::trace::Traced;

/// At most this many graphs are embedded in a report (the page says how
/// many more connections were not clean).
pub const MAX_REPORT_GRAPHS: usize = 200;
/// At most this many rows in a report's table (the summary counts all).
pub const MAX_REPORT_ROWS: usize = 20_000;

/// The picture size (pixels; SVG user units).
pub const WIDTH: u32 = 1000;
pub const HEIGHT: u32 = 600;

/// Why a picture could not be made.
#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    #[error(
        "--graph {stream}: no such connection: the capture has {count} connection{} ({})",
        if *count == 1 { "" } else { "s" },
        range(*count)
    )]
    NoSuchStream { stream: u64, count: u64 },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("drawing the graph: {0}")]
    Draw(String),
}

fn range(count: u64) -> String {
    match count {
        0 => "none to draw".to_string(),
        1 => "number 0".to_string(),
        n => format!("numbered 0 to {}", n - 1),
    }
}

/// The direction drawn when none is chosen: the one that carried more
/// payload (the client's on a tie).
pub fn auto_dir(t: &Traced) -> bool {
    let (mut c, mut s) = (0u64, 0u64);
    for g in &t.segs {
        if g.from_client {
            c += u64::from(g.len);
        } else {
            s += u64::from(g.len);
        }
    }
    c >= s
}

/// One connection's picture as an SVG document.
pub fn draw(t: &Traced, kind: Kind, dir: Dir) -> Result<String, GraphError> {
    let from_client = match dir {
        Dir::Auto => auto_dir(t),
        Dir::Client => true,
        Dir::Server => false,
    };
    let mut svg = String::new();
    let r = match kind {
        Kind::Tsg => tsg::draw(&mut svg, t, from_client),
        Kind::Throughput => series::throughput(&mut svg, t, from_client),
        Kind::Rtt => series::rtt(&mut svg, t, from_client),
    };
    r.map_err(|e| GraphError::Draw(e.to_string()))?;
    Ok(svg)
}

/// The picture files, created before the run reads anything (and before
/// it drops root's privileges, as `-w`'s file), written at its end.
#[derive(Debug, Default)]
pub struct Outputs {
    graph: Option<(PathBuf, File)>,
    report: Option<(PathBuf, File)>,
}

impl Outputs {
    /// Creates the files `opts` names.
    pub fn create(opts: &Options) -> Result<Outputs, GraphError> {
        let create = |path: &Path| {
            File::create(path)
                .map(|f| (path.to_path_buf(), f))
                .map_err(|source| GraphError::Io {
                    path: path.to_path_buf(),
                    source,
                })
        };
        Ok(Outputs {
            graph: opts.graph.as_ref().map(|g| create(&g.output)).transpose()?,
            report: opts
                .report
                .as_ref()
                .map(|r| create(&r.output))
                .transpose()?,
        })
    }

    /// The files' names.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.graph
            .iter()
            .chain(&self.report)
            .map(|(p, _)| p.as_path())
    }
}

/// The pictures of a run: fed each connection's record as it is reported.
pub struct Pictures {
    opts: Options,
    files: Outputs,
    /// `--graph`'s picture, once its connection was reported.
    graph: Option<String>,
    report: Option<report::Report>,
}

impl Pictures {
    pub fn new(opts: Options, files: Outputs) -> Pictures {
        let report = opts.report.as_ref().map(|_| report::Report::default());
        Pictures {
            opts,
            files,
            graph: None,
            report,
        }
    }

    /// Connections just reported (their records are dropped after this).
    pub fn take(&mut self, traced: Vec<Traced>) -> Result<(), GraphError> {
        for t in traced {
            // A stream Wireshark keeps as one conversation can be several
            // connections (ended by Zeek's rules): the first is drawn.
            if let Some(g) = &self.opts.graph
                && g.stream == t.stream
                && self.graph.is_none()
            {
                self.graph = Some(draw(&t, g.kind, g.dir)?);
            }
            if let Some(r) = self.report.as_mut() {
                r.add(&t)?;
            }
        }
        Ok(())
    }

    /// Writes the files. `connections`: the streams the analyzer numbered
    /// (for `--graph`'s "no such connection"); `input`: the capture's name.
    pub fn finish(
        self,
        overview: &Overview,
        connections: u64,
        input: &str,
    ) -> Result<(), GraphError> {
        let Outputs { graph, report } = self.files;
        if let Some(g) = &self.opts.graph {
            let Some(svg) = &self.graph else {
                // Nothing drawn: the empty file goes (where the run may).
                for (p, _) in graph.iter().chain(&report) {
                    let _ = std::fs::remove_file(p);
                }
                return Err(GraphError::NoSuchStream {
                    stream: g.stream,
                    count: connections,
                });
            };
            if let Some(f) = graph {
                write_file(f, svg.as_bytes())?;
            }
        }
        if let (Some(r), Some(f)) = (self.report, report) {
            let html = r.html(overview, input);
            write_file(f, html.as_bytes())?;
        }
        Ok(())
    }
}

fn write_file((path, mut file): (PathBuf, File), bytes: &[u8]) -> Result<(), GraphError> {
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .map_err(|source| GraphError::Io { path, source })
}
