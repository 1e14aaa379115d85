//! Table output (`--format csv|parquet --output PATH`, with `--connections`
//! or `--packets`), as plain data: [`crate::export`] writes it and
//! re-exports it. `--format text|json` are the analyzer's own outputs
//! (today's lines and `--json`) and need nothing here but the file
//! (`--output`) they go to instead of standard output.

use std::path::PathBuf;

/// `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The lines tcpscope prints (packets, or `--connections`' lines).
    Text,
    /// `--json`'s JSON Lines.
    Json,
    /// One CSV file of the table, with a header row.
    Csv,
    /// One Parquet file of the table.
    Parquet,
}

impl Format {
    /// Whether this is a table written by [`crate::export`] (else the
    /// analyzer's or printer's own output, redirected).
    pub fn is_table(self) -> bool {
        matches!(self, Format::Csv | Format::Parquet)
    }
    /// The file name extension of one table file.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Json => "jsonl",
            Format::Csv => "csv",
            Format::Parquet => "parquet",
        }
    }
}

/// Which table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    /// One row per connection the analyzer reports (`--connections`).
    Connections,
    /// One row per packet the filter kept (`--packets`).
    Packets,
}

/// Where and how the run's output is written (`--format`, `--output`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    pub format: Format,
    pub table: Table,
    /// `--output`: the file (or, per input, `dir/NAME.EXT`: see
    /// [`Export::per_input`]).
    pub path: PathBuf,
    /// `--output DIR`: one file per input, `DIR/<input file name>.EXT`,
    /// the inputs analysed each on its own (in parallel), not merged.
    pub per_input: bool,
    /// `--jobs N`: with [`Export::per_input`], at most N inputs at once
    /// (`None`: one per core).
    pub jobs: Option<usize>,
}
