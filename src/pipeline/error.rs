//! [`RunError`]: why a run stopped, worded as tcpdump words it (`main`
//! prefixes `tcpscope: `), and [`quiet_pipe`], which turns a closed output
//! pipe into a quiet end as tcpdump's `| head` does.

use std::io;

use crate::source::SourceError;
use crate::{export, filter, write};

/// Why a run stopped before the end of its input.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The capture could not be opened (`tcpdump: MSG`).
    #[error("{0}")]
    Open(SourceError),
    /// The capture was damaged after some packets (`tcpdump: pcap_loop: MSG`).
    #[error("pcap_loop: {0}")]
    Read(SourceError),
    /// The filter expression was rejected.
    #[error("{}", filter_message(.0))]
    Filter(filter::FilterError),
    /// libpcap's compiler refuses an expression tcpscope's parser accepted
    /// (its optimiser found it can match nothing, or a constant divisor is 0).
    #[error("{0}")]
    FilterLibpcap(String),
    /// A link type tcpscope (and tcpdump's compiler) does not know.
    #[error("unknown data link type {0} (min 104, max 289)")]
    UnknownLink(u32),
    /// An error already printed on stderr; exit status 1.
    #[error("")]
    Reported,
    /// Writing the output failed (other than a closed pipe).
    #[error("{0}")]
    Output(io::Error),
    /// `-w`: the file could not be created or written.
    #[error("{0}")]
    Write(write::WriteError),
    /// `--format csv|parquet`: the table file could not be created or written.
    #[error("{0}")]
    Export(export::ExportError),
    /// `--graph`/`--report`: no such connection, or the file not written.
    #[error("{0}")]
    Graph(crate::graph::GraphError),
    /// Live capture: a device, privilege or libpcap error, worded as tcpdump's.
    #[error("{0}")]
    Live(String),
}

/// libpcap's message, then where in the expression it applies.
fn filter_message(e: &filter::FilterError) -> String {
    // libpcap's yyerror() prefixes the grammar's own errors.
    let prefix = if e.message == "syntax error" {
        "can't parse filter expression: "
    } else {
        ""
    };
    if e.token.is_empty() {
        format!(
            "{prefix}{} (at the end of the expression, column {})",
            e.message, e.column
        )
    } else {
        format!(
            "{prefix}{} (at '{}', column {})",
            e.message, e.token, e.column
        )
    }
}

/// A closed output pipe ends the run quietly (status 0); any other output
/// error is [`RunError::Output`].
pub(crate) fn quiet_pipe(e: io::Error) -> Result<(), RunError> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(RunError::Output(e))
    }
}
