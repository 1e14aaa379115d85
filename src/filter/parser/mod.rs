//! The pcap-filter parser, following libpcap 1.10.4's grammar.y and the
//! checks of gencode.c's `gen_scode`/`gen_ncode`/`gen_mcode`/`gen_mcode6`/
//! `gen_ecode`. `and` and `or` have equal precedence and associate to the
//! left; `not` binds tighter. After `and`/`or` a bare address, name or
//! number (`host a or b`) reuses the qualifiers of the term before it, as
//! libpcap's `$<blk>0`.
//!
//! Where the LALR grammar decides by lookahead between a term, an id and an
//! arithmetic expression (after `(` or `!`, or a number), `Parser::classify_is_id`
//! looks ahead over the token list with precomputed matching parentheses,
//! so parsing never backtracks.
//!
//! Nothing here recurses on the shape of the text: grammar.y's `expr`,
//! `term`, `id` and `pid` rules run as a loop over an explicit stack of
//! waiting rules (`Then`), arithmetic by operator precedence over an
//! explicit operator stack (`arith`), and the tree is a flat vector
//! ([`Expr`]). Hostile depth is refused where libpcap refuses it: its bison
//! parser keeps at most `YYMAXDEPTH` (10,000) states and answers `memory
//! exhausted` beyond; `Parser::shift` counts the grammar symbols bison
//! would hold at each token, so 9,995 nested parentheses or 9,996 `not`s
//! are accepted and one more is not, as with tcpdump 4.99.3.
//!
//! This file is the entry point ([`parse`]) and holds the token cursor,
//! errors and grammar.y's `expr`/`term`/`head id`/`id`/`pid` rules down to
//! a single address or name. `prim` builds primitives as gencode.c's
//! `gen_*` entry points do, `other` handles grammar.y's `other` rule,
//! `arith` the arithmetic expressions, and `names` the name databases
//! and address text of nametoaddr.c.

mod arith;
mod link_desc;
mod names;
mod other;
mod prim;
#[cfg(test)]
mod tests;

use super::FilterError;
use super::ast::{Dir, Encap, Expr, Node, NodeId, Prim, Proto, Span};
use super::lexer::{Kw, Op, PName, Tok, Token, c_string, tokenize};
use crate::packet::LinkType;

/// bison's `YYMAXDEPTH`: libpcap's parser gives up with "memory exhausted"
/// when its stack would hold this many states.
const YYMAXDEPTH: usize = 10_000;

/// Parses an expression (up to its first NUL byte, as libpcap reads a C
/// string); `Ok(None)` for an empty one.
pub fn parse<T: AsRef<[u8]> + ?Sized>(
    text: &T,
    link: LinkType,
) -> Result<Option<Expr>, FilterError> {
    let text = c_string(text.as_ref());
    let toks = tokenize(text);
    if matches!(toks.first().map(|t| &t.tok), Some(Tok::Eof) | None) {
        return Ok(None);
    }
    let mut p = Parser::new(text, toks, link);
    let root = p.run()?;
    if !p.at_eof() {
        return Err(p.syntax());
    }
    debug_assert_eq!(root, p.out.root(), "the root is the last node made");
    Ok(Some(p.out))
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
    text: &'a [u8],
    toks: Vec<Token>,
    /// For each `(` token, the index of its matching `)` (or of Eof).
    close: Vec<usize>,
    pos: usize,
    link: LinkType,
    encap: Encap,
    /// Grammar symbols on bison's stack below the rule being parsed
    /// (`null` at the bottom, then every open parenthesis, `not`, `expr
    /// and`…), for libpcap's "memory exhausted".
    depth: usize,
    /// The tree made so far.
    out: Expr,
}

/// A grammar rule waiting for the part being parsed, with the parser's
/// [`Parser::depth`] to return to: the explicit stack that replaces
/// recursion.
#[derive(Clone, Copy, Debug)]
enum Then {
    /// expr: its first term is being parsed; `and`/`or` may follow.
    ExprFirst,
    /// expr: `expr and|or` waits for its right side, an id (`id`) or a
    /// term; `q` is the left side's qualifiers.
    ExprRhs {
        lhs: NodeId,
        and: bool,
        q: Q,
        id: bool,
        depth: usize,
    },
    /// term: `not term`.
    TermNot { depth: usize },
    /// rterm: `paren expr ')'`, whose qualifiers are the context's.
    TermParen { ctx: Q, depth: usize },
    /// rterm: `head id`.
    HeadId { q: Q, depth: usize },
    /// nid: `not id`.
    IdNot { depth: usize },
    /// id: `paren pid ')'`.
    IdParen { depth: usize },
    /// pid: its first element is being parsed; `and`/`or` may follow.
    PidFirst { q: Q },
    /// pid: `qid and|or` waits for its id.
    PidRhs {
        lhs: NodeId,
        and: bool,
        q: Q,
        depth: usize,
    },
}

/// What the parser reads next, with the qualifiers in force.
#[derive(Clone, Copy, Debug)]
enum Goal {
    Expr(Q),
    Term(Q),
    Id(Q),
    Pid(Q),
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

/// A token's text for an error message. The scanner cuts a non-ASCII
/// character into one error token per byte: the whole character is shown
/// when the text is UTF-8 there, and a byte that is not as `\xNN`.
fn token_text(text: &[u8], start: usize, end: usize) -> String {
    let bytes = text.get(start..end).unwrap_or_default();
    if let [b] = bytes
        && *b >= 0x80
    {
        let rest = text.get(start..).unwrap_or_default();
        return match rest
            .utf8_chunks()
            .next()
            .and_then(|c| c.valid().chars().next())
        {
            Some(c) => c.to_string(),
            None => format!("\\x{b:02x}"),
        };
    }
    String::from_utf8_lossy(bytes).into_owned()
}

impl<'a> Parser<'a> {
    fn new(text: &'a [u8], toks: Vec<Token>, link: LinkType) -> Self {
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
            // grammar.y's `prog: null expr`.
            depth: 1,
            out: Expr::empty(),
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
        let token = token_text(self.text, start, end);
        let column = self
            .text
            .get(..start)
            .map_or(1, |s| String::from_utf8_lossy(s).chars().count() + 1);
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

    /// The `)` of a rule whose `paren` and `local - 1` more symbols are on
    /// bison's stack above [`Parser::depth`].
    fn close_paren(&mut self, local: usize) -> R<()> {
        if *self.peek() != Tok::Op(Op::RParen) {
            return Err(self.syntax());
        }
        self.shift(local + 1)?;
        self.bump();
        Ok(())
    }

    /// bison's stack check: the current token (or an empty rule reduced
    /// before it) makes `local` symbols above [`Parser::depth`]; with the
    /// initial state, `YYMAXDEPTH` states are too many.
    fn shift(&self, local: usize) -> R<()> {
        if 1 + self.depth + local >= YYMAXDEPTH {
            return Err(self.err_at(self.pos, "can't parse filter expression: memory exhausted"));
        }
        Ok(())
    }

    /// The link type in force: `pppoes` switches to PPP, `geneve` to
    /// Ethernet (gen_geneve_offsets' PUSH_LINKHDR).
    fn cur_link(&self) -> LinkType {
        if self.encap.pppoes {
            DLT_PPP
        } else if self.encap.geneve > 0 {
            LinkType::EN10MB
        } else {
            self.link
        }
    }

    fn prim(&self, p: Prim, start: usize) -> Expr {
        Expr::leaf(Node::Prim(
            p,
            self.encap,
            Span {
                start,
                end: self.prev_end().max(start),
            },
        ))
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

    /// grammar.y's `prog: null expr`: the loop that parses rules by
    /// pushing what waits for them on `stack` instead of recursing.
    fn run(&mut self) -> R<NodeId> {
        let mut stack: Vec<Then> = Vec::new();
        let mut goal = Goal::Expr(None);
        loop {
            // Down: open rules until one is finished by a leaf.
            let (mut e, mut q) = loop {
                match self.descend(goal, &mut stack)? {
                    Ok(done) => break done,
                    Err(next) => goal = next,
                }
            };
            // Up: hand the result to the rules waiting for it, until one
            // needs more input.
            let next = loop {
                let Some(then) = stack.pop() else {
                    return Ok(e);
                };
                match self.ascend(then, e, q, &mut stack)? {
                    Ok(done) => (e, q) = done,
                    Err(next) => break next,
                }
            };
            goal = next;
        }
    }

    /// One step down: either a finished part (node, qualifiers after it)
    /// or the next goal, with what waits for it pushed.
    fn descend(&mut self, goal: Goal, stack: &mut Vec<Then>) -> R<Result<(NodeId, Q), Goal>> {
        let depth = self.depth;
        Ok(match goal {
            Goal::Expr(ctx) => {
                stack.push(Then::ExprFirst);
                Err(Goal::Term(ctx))
            }
            Goal::Term(ctx) => match self.peek() {
                // term: not term
                Tok::Op(Op::Bang) | Tok::Kw(Kw::Not) => {
                    self.shift(1)?;
                    self.bump();
                    stack.push(Then::TermNot { depth });
                    self.depth += 1;
                    Err(Goal::Term(ctx))
                }
                // rterm: paren expr ')', unless an arithmetic relation
                // follows the matching ')'.
                Tok::Op(Op::LParen) if !self.paren_is_arith(self.pos) => {
                    self.shift(1)?;
                    self.bump();
                    stack.push(Then::TermParen { ctx, depth });
                    self.depth += 1;
                    Err(Goal::Expr(ctx))
                }
                _ if self.at_head() => {
                    let q = self.head()?;
                    stack.push(Then::HeadId { q, depth });
                    self.depth += 1;
                    Err(Goal::Id(q))
                }
                _ => {
                    let e = self.term_leaf()?;
                    Ok((self.out.append(e), None))
                }
            },
            Goal::Id(q) => match self.peek() {
                // nid: not id
                Tok::Op(Op::Bang) | Tok::Kw(Kw::Not) => {
                    self.shift(1)?;
                    self.bump();
                    stack.push(Then::IdNot { depth });
                    self.depth += 1;
                    Err(Goal::Id(q))
                }
                // id: paren pid ')'
                Tok::Op(Op::LParen) => {
                    self.shift(1)?;
                    self.bump();
                    stack.push(Then::IdParen { depth });
                    self.depth += 1;
                    Err(Goal::Pid(q))
                }
                _ => {
                    let e = self.atom(q)?;
                    Ok((self.out.append(e), q))
                }
            },
            // pid: (nid | qid) ((and|or) id)*, where a leading '(' can
            // only be a pnum.
            Goal::Pid(q) => {
                stack.push(Then::PidFirst { q });
                match self.peek() {
                    Tok::Op(Op::LParen) => {
                        let start = self.start();
                        let i = self.pos;
                        let v = self.pnum(0)?;
                        let e = self.ncode_num(v, q, i, start)?;
                        Ok((self.out.append(e), q))
                    }
                    Tok::Op(Op::Bang) | Tok::Kw(Kw::Not) => Err(Goal::Id(q)),
                    _ => {
                        let e = self.atom(q)?;
                        Ok((self.out.append(e), q))
                    }
                }
            }
        })
    }

    /// One step up: `then` receives the finished part `e` (with the
    /// qualifiers `q` after it) and is finished too, or asks for more.
    fn ascend(
        &mut self,
        then: Then,
        e: NodeId,
        q: Q,
        stack: &mut Vec<Then>,
    ) -> R<Result<(NodeId, Q), Goal>> {
        Ok(match then {
            Then::ExprFirst => self.expr_more(e, q, stack)?,
            Then::ExprRhs {
                lhs,
                and,
                q: lq,
                id,
                depth,
            } => {
                self.depth = depth;
                // An id keeps the qualifiers; a term brings its own
                // (libpcap's `$$ = $3`).
                let q = if id { lq } else { q };
                let e = self.out.push(if and {
                    Node::And(lhs, e)
                } else {
                    Node::Or(lhs, e)
                });
                self.expr_more(e, q, stack)?
            }
            Then::TermNot { depth } | Then::IdNot { depth } => {
                self.depth = depth;
                Ok((self.out.push(Node::Not(e)), q))
            }
            Then::TermParen { ctx, depth } => {
                self.depth = depth;
                // paren expr ')'
                self.close_paren(2)?;
                Ok((e, ctx))
            }
            Then::HeadId { q: hq, depth } => {
                self.depth = depth;
                Ok((e, hq))
            }
            Then::IdParen { depth } => {
                self.depth = depth;
                // paren pid ')'
                self.close_paren(2)?;
                Ok((e, q))
            }
            Then::PidFirst { q: pq } => self.pid_more(e, pq, stack)?,
            Then::PidRhs {
                lhs,
                and,
                q: pq,
                depth,
            } => {
                self.depth = depth;
                let e = self.out.push(if and {
                    Node::And(lhs, e)
                } else {
                    Node::Or(lhs, e)
                });
                self.pid_more(e, pq, stack)?
            }
        })
    }

    /// expr: after a finished `expr`, `and`/`or` and the next term or id
    /// (an id after them reuses the qualifiers `q`), or the end of it.
    fn expr_more(
        &mut self,
        e: NodeId,
        q: Q,
        stack: &mut Vec<Then>,
    ) -> R<Result<(NodeId, Q), Goal>> {
        let Some(and) = self.is_and_or() else {
            return Ok(Ok((e, q)));
        };
        // expr and
        self.shift(2)?;
        self.bump();
        let id = self.classify_is_id(self.pos);
        stack.push(Then::ExprRhs {
            lhs: e,
            and,
            q,
            id,
            depth: self.depth,
        });
        self.depth += 2;
        Ok(Err(if id { Goal::Id(q) } else { Goal::Term(q) }))
    }

    /// pid: after a finished `pid`, `and`/`or` and the next id, or the
    /// end of it.
    fn pid_more(&mut self, e: NodeId, q: Q, stack: &mut Vec<Then>) -> R<Result<(NodeId, Q), Goal>> {
        let Some(and) = self.is_and_or() else {
            return Ok(Ok((e, q)));
        };
        // qid and
        self.shift(2)?;
        self.bump();
        stack.push(Then::PidRhs {
            lhs: e,
            and,
            q,
            depth: self.depth,
        });
        self.depth += 2;
        Ok(Err(Goal::Id(q)))
    }

    /// Whether the `(` at token `i` opens an arithmetic expression: an
    /// operator or relation follows its matching `)`.
    fn paren_is_arith(&self, i: usize) -> bool {
        let c = self.close.get(i).copied().unwrap_or(i);
        is_binop_or_rel(self.tok_at(c + 1))
    }

    /// Whether a term here is `head id`: a direction or address-type
    /// qualifier, after an optional protocol name.
    fn at_head(&self) -> bool {
        match self.peek() {
            Tok::Kw(Kw::Pname(pn)) => {
                *pn != PName::IsisSub
                    && !matches!(self.peek2(), Tok::Op(Op::LBracket))
                    && starts_head(self.peek2())
            }
            t => starts_head(t),
        }
    }

    /// The terms that hold no other term: a relation, a protocol name, an
    /// `other` primitive, or an error.
    fn term_leaf(&mut self) -> R<Expr> {
        let start = self.start();
        let i = self.pos;
        match self.peek().clone() {
            Tok::Op(Op::LParen) | Tok::Num(_) | Tok::Op(Op::Minus) | Tok::Kw(Kw::Len) => {
                self.relation()
            }
            Tok::Kw(Kw::Pname(pn)) => {
                let nxt = self.peek2().clone();
                match nxt {
                    Tok::Op(Op::LBracket) => self.relation(),
                    _ if pn == PName::IsisSub => Err(self.unsupported(i)),
                    Tok::Kw(Kw::Broadcast | Kw::Multicast) => {
                        // pqual TK_BROADCAST
                        self.shift(1)?;
                        self.bump();
                        self.other(start)
                    }
                    Tok::Kw(Kw::Unsupported) => Err(self.unsupported(i + 1)),
                    _ => {
                        self.shift(1)?;
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
                        Ok(self.prim(prim, start))
                    }
                }
            }
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
                | Kw::Geneve
                | Kw::Ifindex,
            ) => self.other(start),
            Tok::Kw(Kw::Unsupported) => Err(self.unsupported(i)),
            _ => Err(self.syntax()),
        }
    }

    /// grammar.y's `head`: `pqual dqual aqual` and its shorter forms, at an
    /// optional pname; the qualifiers for the id after it.
    fn head(&mut self) -> R<Q> {
        // pqual: a pname, or the empty rule reduced before the qualifier.
        self.shift(1)?;
        let proto = match self.peek() {
            Tok::Kw(Kw::Pname(PName::P(p))) => {
                let p = *p;
                self.bump();
                Some(p)
            }
            _ => None,
        };
        let mut local = 1;
        let mut dir = None;
        if let Tok::Kw(k @ (Kw::Src | Kw::Dst)) = self.peek() {
            let first_src = *k == Kw::Src;
            self.shift(local + 1)?;
            self.bump();
            dir = Some(if first_src { Dir::Src } else { Dir::Dst });
            if let Some(and) = self.is_and_or() {
                self.shift(local + 2)?;
                self.bump();
                let want = if first_src { Kw::Dst } else { Kw::Src };
                if *self.peek() != Tok::Kw(want) {
                    return Err(self.syntax());
                }
                self.shift(local + 3)?;
                self.bump();
                dir = Some(if and { Dir::SrcAndDst } else { Dir::SrcOrDst });
            }
            // dqual
            local += 1;
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
            self.shift(local + 1)?;
            self.bump();
        }
        Ok(Some(Qual {
            proto,
            dir: dir.unwrap_or_default(),
            addr,
        }))
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
        if matches!(
            self.peek(),
            Tok::Num(_) | Tok::Id(_) | Tok::Hid(_) | Tok::Hid6(_) | Tok::Eid(_) | Tok::Aid(_)
        ) {
            self.shift(1)?;
        }
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
                        self.shift(2)?;
                        self.bump();
                        let Tok::Num(len) = *self.peek() else {
                            return Err(self.syntax());
                        };
                        self.shift(3)?;
                        self.bump();
                        self.mcode(&s, None, len, q, i, start)
                    }
                    Tok::Kw(Kw::Mask) => {
                        self.shift(2)?;
                        self.bump();
                        let Tok::Hid(m) = self.peek().clone() else {
                            return Err(self.syntax());
                        };
                        self.shift(3)?;
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
                    self.shift(2)?;
                    self.bump();
                    let Tok::Num(len) = *self.peek() else {
                        return Err(self.syntax());
                    };
                    self.shift(3)?;
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
