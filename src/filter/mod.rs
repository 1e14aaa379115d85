//! The pcap-filter language (`man pcap-filter`): [`lexer`] → [`parser`] →
//! [`ast::Expr`] → [`gencode`] → [`program::Program`], our own
//! implementation that keeps exactly the packets libpcap's compiled BPF
//! keeps. The program reads the raw captured bytes at the offsets libpcap's
//! `gencode.c` would use, so out-of-bounds reads make the whole filter
//! false, as in BPF. For the link types `gencode` does not port (802.11,
//! radiotap, FDDI…) the program libpcap compiles runs instead
//! ([`program::bpf`], libpcap's compiler handed in as a [`LibpcapCompile`]).
//! Knows nothing of printing, analysis or the command line.

pub mod ast;
pub mod gencode;
pub mod lexer;
pub mod parser;
pub mod program;

pub use gencode::Settings;

use std::cell::RefCell;

use crate::packet::{BpfInsn, LinkType, RawPacket};

/// libpcap's compiler (`pcap_compile` on the capture's own handle, as
/// tcpdump compiles): the expression's text, the link type and whether to
/// optimize, to its program or its message. The caller hands it in
/// (`pipeline::compile_filter`), so that this module stays free of libpcap.
#[derive(Clone)]
pub struct LibpcapCompile(pub std::sync::Arc<CompileFn>);

/// The function behind a [`LibpcapCompile`].
pub type CompileFn = dyn Fn(&[u8], LinkType, bool) -> Result<Vec<BpfInsn>, String> + Send + Sync;

impl std::fmt::Debug for LibpcapCompile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LibpcapCompile")
    }
}

/// A compiled expression for one link type.
#[derive(Clone, Debug)]
enum Prog {
    /// Ours (`gencode` → `program`).
    Atoms(program::Program),
    /// libpcap's, for a link type `gencode` does not port.
    Bpf(Vec<BpfInsn>),
}

impl Prog {
    fn matches(&self, pkt: &RawPacket<'_>) -> bool {
        match self {
            Prog::Atoms(p) => p.matches(pkt.data, pkt.wire_len),
            Prog::Bpf(insns) => program::bpf::run(insns, pkt.data, pkt.wire_len) != 0,
        }
    }
}

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
    /// `None`: the expression is blank (every packet is kept).
    program: Option<Prog>,
    link: LinkType,
    settings: Settings,
    /// The expression's text and libpcap's compiler, for the link types
    /// `gencode` does not port.
    text: Vec<u8>,
    libpcap: Option<LibpcapCompile>,
    /// Programs for the other link types a pcapng file's interfaces have,
    /// compiled at their first packet (`None`: none compiles, nothing kept).
    others: RefCell<Vec<(LinkType, Option<Prog>)>>,
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
    /// (tcpdump `-O`). Without libpcap's compiler a link type `gencode`
    /// does not port keeps nothing: see [`Filter::compile_with_libpcap`].
    pub fn compile_with<T: AsRef<[u8]> + ?Sized>(
        text: &T,
        link: LinkType,
        settings: Settings,
    ) -> Result<Filter, FilterError> {
        Filter::build(text.as_ref(), link, settings, None)
    }

    /// As [`Filter::compile_with`], and for a link type `gencode` does not
    /// port, the program `libpcap` compiles (so also its link-layer
    /// primitives tcpscope's parser does not know, such as `wlan host` or
    /// `type mgt`). Where libpcap refuses the text, tcpscope's verdict
    /// stands (the caller reports libpcap's message).
    pub fn compile_with_libpcap<T: AsRef<[u8]> + ?Sized>(
        text: &T,
        link: LinkType,
        settings: Settings,
        libpcap: LibpcapCompile,
    ) -> Result<Filter, FilterError> {
        Filter::build(text.as_ref(), link, settings, Some(libpcap))
    }

    fn build(
        text: &[u8],
        link: LinkType,
        settings: Settings,
        libpcap: Option<LibpcapCompile>,
    ) -> Result<Filter, FilterError> {
        let parsed = parser::parse(text, link);
        let blank = matches!(parsed, Ok(None));
        let mut filter = Filter {
            expr: None,
            program: None,
            link,
            settings,
            text: text.to_vec(),
            libpcap,
            others: RefCell::new(Vec::new()),
        };
        if !blank
            && !gencode::ported(link)
            && let Some(insns) = filter.libpcap_program(link)
        {
            filter.expr = parsed.ok().flatten();
            filter.program = Some(Prog::Bpf(insns));
            return Ok(filter);
        }
        filter.expr = parsed?;
        filter.program = filter
            .expr
            .as_ref()
            .map(|e| Prog::Atoms(gencode::compile(e, link, settings)));
        Ok(filter)
    }

    /// libpcap's program for `link`, when a compiler was handed in and
    /// accepts the text.
    fn libpcap_program(&self, link: LinkType) -> Option<Vec<BpfInsn>> {
        let compile = self.libpcap.as_ref()?;
        (compile.0)(&self.text, link, self.settings.optimize).ok()
    }

    /// The program for a pcapng interface of another link type.
    fn other(&self, link: LinkType) -> Option<Prog> {
        match &self.expr {
            Some(e) if gencode::ported(link) || self.libpcap.is_none() => {
                Some(Prog::Atoms(gencode::compile(e, link, self.settings)))
            }
            _ => self.libpcap_program(link).map(Prog::Bpf),
        }
    }

    /// Whether the packet passes the filter (libpcap's `pcap_offline_filter`).
    pub fn matches(&self, pkt: &RawPacket<'_>) -> bool {
        let Some(program) = &self.program else {
            return true;
        };
        if pkt.link == self.link {
            return program.matches(pkt);
        }
        // A pcapng interface with another link type than the first.
        let mut others = self.others.borrow_mut();
        let i = match others.iter().position(|(l, _)| *l == pkt.link) {
            Some(i) => i,
            None => {
                others.push((pkt.link, self.other(pkt.link)));
                others.len() - 1
            }
        };
        others
            .get(i)
            .and_then(|(_, p)| p.as_ref())
            .is_some_and(|p| p.matches(pkt))
    }

    pub fn link_type(&self) -> LinkType {
        self.link
    }

    pub fn expr(&self) -> Option<&ast::Expr> {
        self.expr.as_ref()
    }
}
