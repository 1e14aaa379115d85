//! The pcap-filter language (`man pcap-filter`): [`lexer`] → [`parser`] →
//! [`ast::Expr`] → [`eval`], our own implementation that keeps exactly the
//! packets libpcap's compiled BPF keeps. Evaluation reads the raw captured
//! bytes at the offsets libpcap's `gencode.c` would use, so out-of-bounds
//! reads make the whole filter false, as in BPF.
//! Knows nothing of printing, analysis or the command line.

pub mod ast;
pub mod eval;
pub mod lexer;
pub mod parser;

use crate::packet::{LinkType, RawPacket};

/// An expression libpcap would reject, with where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct FilterError {
    /// libpcap-like wording, e.g. `syntax error` or `unknown host 'foo'`.
    pub message: String,
    /// The offending token's text (empty at end of input).
    pub token: String,
    /// 1-based column of the token in the expression text.
    pub column: usize,
}

/// A compiled filter for one link type.
#[derive(Clone, Debug)]
pub struct Filter {
    expr: Option<ast::Expr>,
    link: LinkType,
}

impl Filter {
    /// Parses `text` (an empty or blank expression keeps every packet) for
    /// packets of `link`.
    pub fn compile(text: &str, link: LinkType) -> Result<Filter, FilterError> {
        let expr = parser::parse(text, link)?;
        Ok(Filter { expr, link })
    }

    /// Whether the packet passes the filter (libpcap's `pcap_offline_filter`).
    pub fn matches(&self, pkt: &RawPacket<'_>) -> bool {
        match &self.expr {
            None => true,
            Some(e) => eval::matches(e, pkt.link, pkt.data, pkt.wire_len),
        }
    }

    pub fn link_type(&self) -> LinkType {
        self.link
    }

    pub fn expr(&self) -> Option<&ast::Expr> {
        self.expr.as_ref()
    }
}
