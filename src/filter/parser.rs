//! Recursive-descent parser for pcap-filter (libpcap's grammar.y).

use super::FilterError;
use super::ast::Expr;
use crate::packet::LinkType;

/// Parses an expression; `Ok(None)` for an empty one.
pub fn parse(text: &str, link: LinkType) -> Result<Option<Expr>, FilterError> {
    let _ = (text, link);
    Err(FilterError {
        message: "filter parser not written yet".into(),
        token: String::new(),
        column: 1,
    })
}
