//! The pcap-filter language (`man pcap-filter`): [`lexer`] → [`parser`] →
//! [`ast::Expr`] → [`gencode`] → [`program::Program`], our own
//! implementation that keeps exactly the packets libpcap's compiled BPF
//! keeps. The program reads the raw captured bytes at the offsets libpcap's
//! `gencode.c` would use, so out-of-bounds reads make the whole filter
//! false, as in BPF.
//! Knows nothing of printing, analysis or the command line.

pub mod ast;
pub mod gencode;
pub mod lexer;
pub mod parser;
pub mod program;

pub use gencode::Settings;

use std::cell::RefCell;

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
    program: Option<program::Program>,
    link: LinkType,
    settings: Settings,
    /// Programs for the other link types a pcapng file's interfaces have,
    /// compiled at their first packet.
    others: RefCell<Vec<(LinkType, program::Program)>>,
}

impl Filter {
    /// Parses `text` (an empty or blank expression keeps every packet) for
    /// packets of `link`, keeping the packets tcpdump's optimized program
    /// keeps. The text is bytes, as tcpdump's is: it ends at its first NUL,
    /// and a byte that is not ASCII is a syntax error where the parser
    /// meets it (unless in a `\name`).
    pub fn compile<T: AsRef<[u8]> + ?Sized>(
        text: &T,
        link: LinkType,
    ) -> Result<Filter, FilterError> {
        Filter::compile_with(text, link, Settings::default())
    }

    /// As [`Filter::compile`] for a capture with these [`Settings`]:
    /// `optimize` false keeps what libpcap's unoptimized program keeps
    /// (tcpdump `-O`).
    pub fn compile_with<T: AsRef<[u8]> + ?Sized>(
        text: &T,
        link: LinkType,
        settings: Settings,
    ) -> Result<Filter, FilterError> {
        let expr = parser::parse(text, link)?;
        let program = expr.as_ref().map(|e| gencode::compile(e, link, settings));
        Ok(Filter {
            expr,
            program,
            link,
            settings,
            others: RefCell::new(Vec::new()),
        })
    }

    /// Whether the packet passes the filter (libpcap's `pcap_offline_filter`).
    pub fn matches(&self, pkt: &RawPacket<'_>) -> bool {
        match (&self.program, &self.expr) {
            (Some(p), _) if pkt.link == self.link => p.matches(pkt.data, pkt.wire_len),
            // A pcapng interface with another link type than the first.
            (_, Some(e)) => {
                let mut others = self.others.borrow_mut();
                let i = match others.iter().position(|(l, _)| *l == pkt.link) {
                    Some(i) => i,
                    None => {
                        others.push((pkt.link, gencode::compile(e, pkt.link, self.settings)));
                        others.len() - 1
                    }
                };
                others
                    .get(i)
                    .is_some_and(|(_, p)| p.matches(pkt.data, pkt.wire_len))
            }
            _ => true,
        }
    }

    pub fn link_type(&self) -> LinkType {
        self.link
    }

    pub fn expr(&self) -> Option<&ast::Expr> {
        self.expr.as_ref()
    }
}
