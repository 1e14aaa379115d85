//! Recursive-descent parser for pcap-filter, following libpcap 1.10.4's
//! grammar.y and the checks of gencode.c's `gen_scode`/`gen_ncode`/
//! `gen_mcode`/`gen_mcode6`/`gen_ecode`. `and` and `or` have equal
//! precedence and associate to the left; `not` binds tighter. After
//! `and`/`or` a bare address, name or number (`host a or b`) reuses the
//! qualifiers of the term before it, as libpcap's `$<blk>0`.
//!
//! Where the LALR grammar decides by lookahead between a term, an id and an
//! arithmetic expression (after `(` or `!`, or a number), `Parser::classify_is_id`
//! looks ahead over the token list with precomputed matching parentheses,
//! so parsing never backtracks.
//!
//! This file is the entry point ([`parse`]) and holds the token cursor,
//! errors and grammar.y's `expr`/`term`/`head id`/`id`/`pid` rules down to
//! a single address or name. `prim` builds primitives as gencode.c's
//! `gen_*` entry points do, `other` handles grammar.y's `other` rule,
//! `arith` the arithmetic expressions, and `names` the name databases
//! and address text of nametoaddr.c.

mod arith;
mod names;
mod other;
mod prim;
#[cfg(test)]
mod tests;

use super::FilterError;
use super::ast::{Dir, Encap, Expr, Prim, Proto, Span};
use super::lexer::{Kw, Op, PName, Tok, Token, tokenize};
use crate::packet::LinkType;

/// Deepest nesting of parentheses, `not` and unary minus accepted.
const MAX_DEPTH: usize = 200;

/// Parses an expression; `Ok(None)` for an empty one.
pub fn parse(text: &str, link: LinkType) -> Result<Option<Expr>, FilterError> {
    let toks = tokenize(text);
    if matches!(toks.first().map(|t| &t.tok), Some(Tok::Eof) | None) {
        return Ok(None);
    }
    let mut p = Parser::new(text, toks, link);
    let (e, _) = p.expr(None)?;
    if !p.at_eof() {
        return Err(p.syntax());
    }
    Ok(Some(e))
}

/// Address-type qualifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Addr {
    Default,
    Host,
    Net,
    Port,
    PortRange,
    Proto,
    ProtoChain,
    Gateway,
}

/// A qualifier block; `None` where libpcap has `qerr`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Qual {
    /// `None`: no protocol qualifier.
    proto: Option<Proto>,
    dir: Dir,
    addr: Addr,
}

type Q = Option<Qual>;

struct Parser<'a> {
    text: &'a str,
    toks: Vec<Token>,
    /// For each `(` token, the index of its matching `)` (or of Eof).
    close: Vec<usize>,
    pos: usize,
    link: LinkType,
    encap: Encap,
    depth: usize,
}

type R<T> = Result<T, FilterError>;

fn is_binop_or_rel(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Op(
            Op::Plus
                | Op::Minus
                | Op::Star
                | Op::Slash
                | Op::Percent
                | Op::Amp
                | Op::Pipe
                | Op::Caret
                | Op::Shl
                | Op::Shr
                | Op::Gt
                | Op::Ge
                | Op::Eq
                | Op::Ne
                | Op::Lt
                | Op::Le
        )
    )
}

/// Whether a token starts grammar.y's `head` after an optional protocol:
/// a direction or an address-type qualifier.
fn starts_head(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Kw(
            Kw::Src
                | Kw::Dst
                | Kw::Host
                | Kw::Net
                | Kw::Port
                | Kw::Portrange
                | Kw::Proto
                | Kw::Protochain
                | Kw::Gateway
        )
    )
}

fn is_idlike(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Id(_) | Tok::Hid(_) | Tok::Hid6(_) | Tok::Eid(_) | Tok::Aid(_)
    )
}

const DLT_PPP: LinkType = LinkType(9);

impl<'a> Parser<'a> {
    fn new(text: &'a str, toks: Vec<Token>, link: LinkType) -> Self {
        let mut close = vec![toks.len().saturating_sub(1); toks.len()];
        let mut stack = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            match t.tok {
                Tok::Op(Op::LParen) => stack.push(i),
                Tok::Op(Op::RParen) => {
                    if let Some(c) = stack.pop().and_then(|o| close.get_mut(o)) {
                        *c = i;
                    }
                }
                _ => {}
            }
        }
        Parser {
            text,
            toks,
            close,
            pos: 0,
            link,
            encap: Encap::default(),
            depth: 0,
        }
    }

    fn tok_at(&self, i: usize) -> &Tok {
        self.toks.get(i).map_or(&Tok::Eof, |t| &t.tok)
    }

    fn peek(&self) -> &Tok {
        self.tok_at(self.pos)
    }

    fn peek2(&self) -> &Tok {
        self.tok_at(self.pos + 1)
    }

    fn at_eof(&self) -> bool {
        matches!(self.peek(), Tok::Eof)
    }

    fn bump(&mut self) -> Tok {
        let t = self.peek().clone();
        if self.pos < self.toks.len() {
            self.pos += 1;
        }
        t
    }

    fn start(&self) -> usize {
        self.toks.get(self.pos).map_or(self.text.len(), |t| t.start)
    }

    fn prev_end(&self) -> usize {
        self.pos
            .checked_sub(1)
            .and_then(|i| self.toks.get(i))
            .map_or(0, |t| t.end)
    }

    /// An error located at token `i`.
    fn err_at(&self, i: usize, message: impl Into<String>) -> FilterError {
        let (start, end) = self
            .toks
            .get(i)
            .map_or((self.text.len(), self.text.len()), |t| (t.start, t.end));
        let token = self.text.get(start..end).unwrap_or_default().to_string();
        let column = self.text.get(..start).map_or(1, |s| s.chars().count() + 1);
        FilterError {
            message: message.into(),
            token,
            column,
        }
    }

    /// Syntax error at the current token (or its scanner error).
    fn syntax(&self) -> FilterError {
        match self.peek() {
            Tok::Error(m) => self.err_at(self.pos, m.clone()),
            _ => self.err_at(self.pos, "syntax error"),
        }
    }

    fn unsupported(&self, i: usize) -> FilterError {
        let e = self.err_at(i, "");
        FilterError {
            message: format!("'{}' is not supported by tcpscope yet", e.token),
            ..e
        }
    }

    fn expect(&mut self, op: Op) -> R<()> {
        if *self.peek() == Tok::Op(op) {
            self.bump();
            Ok(())
        } else {
            Err(self.syntax())
        }
    }

    fn enter(&mut self) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err_at(self.pos, "expression nested too deeply"));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// The link type in force: `pppoes` switches to PPP.
    fn cur_link(&self) -> LinkType {
        if self.encap.pppoes {
            DLT_PPP
        } else {
            self.link
        }
    }

    fn prim(&self, p: Prim, start: usize) -> Expr {
        Expr::Prim(
            p,
            self.encap,
            Span {
                start,
                end: self.prev_end().max(start),
            },
        )
    }

    /// Whether the `id`-or-`term` at token `i` (after `and`/`or`) is an id.
    fn classify_is_id(&self, mut i: usize) -> bool {
        loop {
            match self.tok_at(i) {
                Tok::Op(Op::Bang) | Tok::Kw(Kw::Not) => i += 1,
                Tok::Op(Op::LParen) => {
                    let c = self.close.get(i).copied().unwrap_or(i);
                    if is_binop_or_rel(self.tok_at(c + 1)) {
                        return false;
                    }
                    i += 1;
                }
                Tok::Num(_) => return !is_binop_or_rel(self.tok_at(i + 1)),
                t => return is_idlike(t),
            }
        }
    }

    fn is_and_or(&self) -> Option<bool> {
        match self.peek() {
            Tok::Kw(Kw::And) => Some(true),
            Tok::Kw(Kw::Or) => Some(false),
            _ => None,
        }
    }

    /// expr: term ((and|or) (term|id))*; returns the qualifier of the last
    /// element (libpcap's `$$ = $3`).
    fn expr(&mut self, ctx: Q) -> R<(Expr, Q)> {
        let (mut e, mut q) = self.term(ctx)?;
        while let Some(and) = self.is_and_or() {
            self.bump();
            let rhs = if self.classify_is_id(self.pos) {
                self.id(q)?
            } else {
                let (t, tq) = self.term(q)?;
                q = tq;
                t
            };
            e = if and {
                Expr::And(Box::new(e), Box::new(rhs))
            } else {
                Expr::Or(Box::new(e), Box::new(rhs))
            };
        }
        Ok((e, q))
    }

    /// term: not term | ( expr ) | head id | pname | arth relop arth | other.
    fn term(&mut self, ctx: Q) -> R<(Expr, Q)> {
        let start = self.start();
        let i = self.pos;
        match self.peek().clone() {
            Tok::Op(Op::Bang) | Tok::Kw(Kw::Not) => {
                self.bump();
                self.enter()?;
                let (t, q) = self.term(ctx)?;
                self.leave();
                Ok((Expr::Not(Box::new(t)), q))
            }
            Tok::Op(Op::LParen) => {
                let c = self.close.get(i).copied().unwrap_or(i);
                if is_binop_or_rel(self.tok_at(c + 1)) {
                    return Ok((self.relation()?, None));
                }
                self.bump();
                self.enter()?;
                let (e, _) = self.expr(ctx)?;
                self.expect(Op::RParen)?;
                self.leave();
                Ok((e, ctx))
            }
            Tok::Num(_) | Tok::Op(Op::Minus) | Tok::Kw(Kw::Len) => Ok((self.relation()?, None)),
            Tok::Kw(Kw::Pname(pn)) => {
                let nxt = self.peek2().clone();
                match nxt {
                    Tok::Op(Op::LBracket) => Ok((self.relation()?, None)),
                    _ if pn == PName::IsisSub => Err(self.unsupported(i)),
                    Tok::Kw(Kw::Broadcast | Kw::Multicast) => {
                        self.bump();
                        Ok((self.other(start)?, None))
                    }
                    ref t if starts_head(t) => self.head_id(start),
                    Tok::Kw(Kw::Unsupported) => Err(self.unsupported(i + 1)),
                    _ => {
                        self.bump();
                        let PName::P(p) = pn else {
                            return Err(self.unsupported(i));
                        };
                        let prim = match p {
                            Proto::Link => {
                                return Err(self.err_at(i, "link layer applied in wrong context"));
                            }
                            Proto::Radio => {
                                return Err(self.err_at(i, "'radio' is not a valid protocol type"));
                            }
                            p => Prim::Abbrev(p),
                        };
                        Ok((self.prim(prim, start), None))
                    }
                }
            }
            ref t if starts_head(t) => self.head_id(start),
            Tok::Kw(
                Kw::Broadcast
                | Kw::Multicast
                | Kw::Less
                | Kw::Greater
                | Kw::Inbound
                | Kw::Outbound
                | Kw::Vlan
                | Kw::Mpls
                | Kw::Pppoed
                | Kw::Pppoes
                | Kw::Ifindex,
            ) => Ok((self.other(start)?, None)),
            Tok::Kw(Kw::Unsupported) => Err(self.unsupported(i)),
            _ => Err(self.syntax()),
        }
    }

    /// `head id`, at an optional pname.
    fn head_id(&mut self, start: usize) -> R<(Expr, Q)> {
        let proto = match self.peek() {
            Tok::Kw(Kw::Pname(PName::P(p))) => {
                let p = *p;
                self.bump();
                Some(p)
            }
            _ => None,
        };
        let mut dir = None;
        if let Tok::Kw(k @ (Kw::Src | Kw::Dst)) = self.peek() {
            let first_src = *k == Kw::Src;
            self.bump();
            dir = Some(if first_src { Dir::Src } else { Dir::Dst });
            if let Some(and) = self.is_and_or() {
                self.bump();
                let want = if first_src { Kw::Dst } else { Kw::Src };
                if *self.peek() != Tok::Kw(want) {
                    return Err(self.syntax());
                }
                self.bump();
                dir = Some(if and { Dir::SrcAndDst } else { Dir::SrcOrDst });
            }
        }
        let addr = match self.peek() {
            Tok::Kw(Kw::Host) => Addr::Host,
            Tok::Kw(Kw::Net) => Addr::Net,
            Tok::Kw(Kw::Port) => Addr::Port,
            Tok::Kw(Kw::Portrange) => Addr::PortRange,
            Tok::Kw(Kw::Proto) if dir.is_none() => Addr::Proto,
            Tok::Kw(Kw::Protochain) if dir.is_none() => Addr::ProtoChain,
            Tok::Kw(Kw::Gateway) if dir.is_none() => Addr::Gateway,
            Tok::Kw(Kw::Unsupported) => return Err(self.unsupported(self.pos)),
            _ if dir.is_some() => Addr::Default,
            _ => return Err(self.syntax()),
        };
        if addr != Addr::Default {
            self.bump();
        }
        let q = Some(Qual {
            proto,
            dir: dir.unwrap_or_default(),
            addr,
        });
        let _ = start;
        let e = self.id(q)?;
        Ok((e, q))
    }

    /// id: nid | pnum | ( pid ); nid includes `not id`.
    fn id(&mut self, q: Q) -> R<Expr> {
        match self.peek() {
            Tok::Op(Op::Bang) | Tok::Kw(Kw::Not) => {
                self.bump();
                self.enter()?;
                let e = self.id(q)?;
                self.leave();
                Ok(Expr::Not(Box::new(e)))
            }
            Tok::Op(Op::LParen) => {
                self.bump();
                self.enter()?;
                let e = self.pid(q)?;
                self.expect(Op::RParen)?;
                self.leave();
                Ok(e)
            }
            _ => self.atom(q),
        }
    }

    /// pid: (nid | pnum) ((and|or) id)*.
    fn pid(&mut self, q: Q) -> R<Expr> {
        let mut e = match self.peek() {
            Tok::Op(Op::LParen) => {
                let start = self.start();
                let i = self.pos;
                let v = self.pnum()?;
                self.ncode_num(v, q, i, start)?
            }
            Tok::Op(Op::Bang) | Tok::Kw(Kw::Not) => self.id(q)?,
            _ => self.atom(q)?,
        };
        while let Some(and) = self.is_and_or() {
            self.bump();
            let r = self.id(q)?;
            e = if and {
                Expr::And(Box::new(e), Box::new(r))
            } else {
                Expr::Or(Box::new(e), Box::new(r))
            };
        }
        Ok(e)
    }

    fn follows_id(&self) -> bool {
        matches!(
            self.peek(),
            Tok::Kw(Kw::And | Kw::Or) | Tok::Op(Op::RParen) | Tok::Eof
        )
    }

    /// A single address, name or number with qualifiers `q`.
    fn atom(&mut self, q: Q) -> R<Expr> {
        let start = self.start();
        let i = self.pos;
        match self.peek().clone() {
            Tok::Num(v) => {
                self.bump();
                if !self.follows_id() {
                    return Err(self.syntax());
                }
                self.ncode_num(v, q, i, start)
            }
            Tok::Id(name) => {
                self.bump();
                self.scode(&name, q, i, start)
            }
            Tok::Hid(s) => {
                self.bump();
                match self.peek() {
                    Tok::Op(Op::Slash) => {
                        self.bump();
                        let Tok::Num(len) = *self.peek() else {
                            return Err(self.syntax());
                        };
                        self.bump();
                        self.mcode(&s, None, len, q, i, start)
                    }
                    Tok::Kw(Kw::Mask) => {
                        self.bump();
                        let Tok::Hid(m) = self.peek().clone() else {
                            return Err(self.syntax());
                        };
                        self.bump();
                        self.mcode(&s, Some(&m), 0, q, i, start)
                    }
                    _ => {
                        if let Some(qq) = q {
                            let what = match qq.addr {
                                Addr::Port => Some("port"),
                                Addr::PortRange => Some("portrange"),
                                Addr::Proto => Some("proto"),
                                Addr::ProtoChain => Some("protochain"),
                                _ => None,
                            };
                            if let Some(w) = what {
                                return Err(
                                    self.err_at(i, format!("'{w}' modifier applied to ip host"))
                                );
                            }
                        }
                        self.ncode_hid(&s, q, i, start)
                    }
                }
            }
            Tok::Hid6(s) => {
                self.bump();
                let len = if *self.peek() == Tok::Op(Op::Slash) {
                    self.bump();
                    let Tok::Num(len) = *self.peek() else {
                        return Err(self.syntax());
                    };
                    self.bump();
                    len
                } else {
                    128
                };
                self.mcode6(&s, len, q, i, start)
            }
            Tok::Eid(s) => {
                self.bump();
                self.ecode(&s, q, i, start)
            }
            Tok::Aid(_) => {
                self.bump();
                Err(self.unsupported(i))
            }
            _ => Err(self.syntax()),
        }
    }
}
