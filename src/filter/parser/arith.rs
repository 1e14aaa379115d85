//! Arithmetic expressions: `arth relop arth`, operator precedence, unary
//! minus, packet loads `proto[index:size]`, and the small `pnum` numbers
//! after `vlan`/`mpls`/`pppoes`. Mirrors grammar.y's `arth`, `relop`,
//! `irelop` and `pnum` rules and gencode.c's `gen_load`/`gen_relation`
//! checks.
//!
//! An arithmetic expression is read by operator precedence over an
//! explicit stack of what waits for its right side ([`Pending`]), never by
//! recursion, and counted on bison's stack as grammar.y holds it (an
//! operand and its operator are two symbols, a parenthesis or a unary minus
//! one, `proto[` two).

use super::{Parser, R};
use crate::filter::ast::{ANode, ArOp, Arith, Expr, Node, NodeId, Proto, RelOp, Span};
use crate::filter::lexer::{Kw, Op, PName, Tok};

/// libpcap's scratch registers (`BPF_MEMWORDS`): gencode.c keeps every
/// arithmetic value in one while it waits for its operator, and fails with
/// "too many registers needed to evaluate expression" beyond.
const BPF_MEMWORDS: usize = 16;

/// What waits on the operator stack of an arithmetic expression.
#[derive(Clone, Copy, Debug)]
enum Pending {
    /// `arth op`, waiting for the right operand; the precedence (0 for
    /// `^` and `%`, which have none in grammar.y).
    Bin(ArOp, u8),
    /// `'-'`, unary.
    Neg,
    /// `paren`.
    Paren,
    /// `pname '['` at token `i`.
    Load(PName, usize),
}

impl Pending {
    /// Grammar symbols it holds on bison's stack.
    fn symbols(self) -> usize {
        match self {
            Pending::Bin(..) | Pending::Load(..) => 2,
            Pending::Neg | Pending::Paren => 1,
        }
    }
}

/// The expression being built: the nodes, the roots of the finished
/// operands, the operators waiting, and the symbols they hold.
struct Building {
    out: Arith,
    vals: Vec<NodeId>,
    ops: Vec<Pending>,
    symbols: usize,
}

impl Building {
    fn push_op(&mut self, p: Pending) {
        self.symbols += p.symbols();
        self.ops.push(p);
    }

    /// Reduces the operator on top (a binary operator or a unary minus).
    fn reduce(&mut self) -> Option<()> {
        let top = self.ops.pop()?;
        self.symbols = self.symbols.saturating_sub(top.symbols());
        let node = match top {
            Pending::Bin(op, _) => {
                let y = self.vals.pop()?;
                let x = self.vals.pop()?;
                ANode::Bin(op, x, y)
            }
            Pending::Neg => ANode::Neg(self.vals.pop()?),
            Pending::Paren | Pending::Load(..) => return None,
        };
        let id = self.out.push(node);
        self.vals.push(id);
        Some(())
    }

    /// Reduces every binary operator and unary minus down to the nearest
    /// parenthesis or load (or the bottom).
    fn reduce_all(&mut self) {
        while matches!(self.ops.last(), Some(Pending::Bin(..) | Pending::Neg)) {
            if self.reduce().is_none() {
                break;
            }
        }
    }
}

impl Parser<'_> {
    /// pnum: NUM | paren pnum ')', with `local` grammar symbols already on
    /// bison's stack above [`Parser::depth`] (the `vlan` keyword…).
    pub(super) fn pnum(&mut self, local: usize) -> R<u32> {
        let mut parens = 0;
        while *self.peek() == Tok::Op(Op::LParen) {
            self.shift(local + parens + 1)?;
            self.bump();
            parens += 1;
        }
        let Tok::Num(v) = *self.peek() else {
            return Err(self.syntax());
        };
        self.shift(local + parens + 1)?;
        self.bump();
        for open in (1..=parens).rev() {
            // paren pnum ')'
            if *self.peek() != Tok::Op(Op::RParen) {
                return Err(self.syntax());
            }
            self.shift(local + open + 1)?;
            self.bump();
        }
        Ok(v)
    }

    /// gencode.c's `alloc_reg` with `live` values in registers.
    fn registers(&self, live: usize) -> R<()> {
        if live > BPF_MEMWORDS {
            return Err(self.err_at(self.pos, "too many registers needed to evaluate expression"));
        }
        Ok(())
    }

    /// The optional `pnum` after `vlan`, `mpls`, `pppoes`.
    pub(super) fn opt_pnum(&mut self) -> R<Option<u32>> {
        match self.peek() {
            Tok::Num(_) | Tok::Op(Op::LParen) => Ok(Some(self.pnum(1)?)),
            _ => Ok(None),
        }
    }

    /// arth relop arth.
    pub(super) fn relation(&mut self) -> R<Expr> {
        let start = self.start();
        let encap = self.encap;
        let a = self.arith(0)?;
        let op = match self.peek() {
            Tok::Op(Op::Gt) => RelOp::Gt,
            Tok::Op(Op::Ge) => RelOp::Ge,
            Tok::Op(Op::Eq) => RelOp::Eq,
            Tok::Op(Op::Ne) => RelOp::Ne,
            Tok::Op(Op::Lt) => RelOp::Lt,
            Tok::Op(Op::Le) => RelOp::Le,
            _ => return Err(self.syntax()),
        };
        // arth relop
        self.shift(2)?;
        self.bump();
        self.depth += 2;
        // The left side keeps its register meanwhile.
        let b = self.arith(1);
        self.depth -= 2;
        let b = b?;
        Ok(Expr::leaf(Node::Rel(
            op,
            a,
            b,
            encap,
            Span {
                start,
                end: self.prev_end(),
            },
        )))
    }

    /// Binary operators with grammar.y's precedence (higher binds tighter).
    fn binop(&self) -> Option<(ArOp, u8)> {
        Some(match self.peek() {
            Tok::Op(Op::Pipe) => (ArOp::Or, 1),
            Tok::Op(Op::Amp) => (ArOp::And, 2),
            Tok::Op(Op::Shl) => (ArOp::Shl, 3),
            Tok::Op(Op::Shr) => (ArOp::Shr, 3),
            Tok::Op(Op::Plus) => (ArOp::Add, 4),
            Tok::Op(Op::Minus) => (ArOp::Sub, 4),
            Tok::Op(Op::Star) => (ArOp::Mul, 5),
            Tok::Op(Op::Slash) => (ArOp::Div, 5),
            // '%' and '^' have no precedence in grammar.y (see `arith`).
            Tok::Op(Op::Percent) => (ArOp::Mod, 0),
            Tok::Op(Op::Caret) => (ArOp::Xor, 0),
            _ => return None,
        })
    }

    /// An arithmetic expression, up to the first token that cannot go on
    /// with it, while `held` registers hold values from before it.
    ///
    /// Registers are counted as gencode.c allocates them (`gen_loadi`,
    /// `gen_loadlen`: one per operand; `gen_load`: one more before it frees
    /// its index's; `gen_arth`: its operands' two freed, one taken), so a
    /// right-nested expression deeper than 16 values is refused as libpcap
    /// refuses it, long before bison's stack would be exhausted.
    ///
    /// Conflicts are resolved as bison resolves grammar.y's: an operator
    /// reduces the waiting ones of at least its precedence (they associate
    /// to the left) and a unary minus (UMINUS binds tightest). '^' and '%'
    /// have no precedence in libpcap 1.10's grammar.y: bison shifts them in
    /// every conflict, so they reduce nothing and nothing reduces them
    /// before the end: their right operand is all the rest (`a % 3 + 1` is
    /// `a % (3 + 1)`, `a * 3 % 5` is `a * (3 % 5)`, `- a ^ b` is `-(a ^ b)`),
    /// as `tcpdump -d` shows.
    fn arith(&mut self, held: usize) -> R<Arith> {
        let mut b = Building {
            out: Arith::empty(),
            vals: Vec::new(),
            ops: Vec::new(),
            symbols: 0,
        };
        loop {
            // An operand, after any unary minus, '(' and `pname[`.
            let i = self.pos;
            match self.peek().clone() {
                Tok::Num(v) => {
                    self.shift(b.symbols + 1)?;
                    self.bump();
                    self.registers(held + b.vals.len() + 1)?;
                    let id = b.out.push(ANode::Num(v));
                    b.vals.push(id);
                }
                Tok::Kw(Kw::Len) => {
                    self.shift(b.symbols + 1)?;
                    self.bump();
                    self.registers(held + b.vals.len() + 1)?;
                    let id = b.out.push(ANode::Len);
                    b.vals.push(id);
                }
                Tok::Op(Op::Minus) => {
                    self.shift(b.symbols + 1)?;
                    self.bump();
                    b.push_op(Pending::Neg);
                    continue;
                }
                Tok::Op(Op::LParen) => {
                    self.shift(b.symbols + 1)?;
                    self.bump();
                    b.push_op(Pending::Paren);
                    continue;
                }
                Tok::Kw(Kw::Pname(pn)) => {
                    self.shift(b.symbols + 1)?;
                    self.bump();
                    if *self.peek() != Tok::Op(Op::LBracket) {
                        return Err(self.syntax());
                    }
                    self.shift(b.symbols + 2)?;
                    self.bump();
                    b.push_op(Pending::Load(pn, i));
                    continue;
                }
                _ => return Err(self.syntax()),
            }
            // After an operand: operators, closing ')' and ']', or the end.
            loop {
                if let Some((op, prec)) = self.binop() {
                    if prec > 0 {
                        while let Some(&top) = b.ops.last() {
                            let reduces = match top {
                                Pending::Neg => true,
                                Pending::Bin(_, p) => p > 0 && p >= prec,
                                Pending::Paren | Pending::Load(..) => false,
                            };
                            if !reduces || b.reduce().is_none() {
                                break;
                            }
                        }
                    }
                    // arth op
                    self.shift(b.symbols + 2)?;
                    self.bump();
                    b.push_op(Pending::Bin(op, prec));
                    break;
                }
                b.reduce_all();
                match (b.ops.last().copied(), self.peek()) {
                    (Some(Pending::Paren), Tok::Op(Op::RParen)) => {
                        // paren narth ')'
                        self.shift(b.symbols + 2)?;
                        self.bump();
                        b.ops.pop();
                        b.symbols -= 1;
                    }
                    (Some(Pending::Load(pn, i)), Tok::Op(Op::Colon | Op::RBracket)) => {
                        let id = self.load_end(&mut b, pn, i, held)?;
                        b.vals.push(id);
                    }
                    (None, _) => {
                        return match (b.vals.pop(), b.vals.is_empty()) {
                            (Some(_), true) => Ok(b.out),
                            _ => Err(self.syntax()),
                        };
                    }
                    _ => return Err(self.syntax()),
                }
            }
        }
    }

    /// The end of `pname '[' arth [':' NUM] ']'`, its index the operand on
    /// top: gencode.c's `gen_load` checks.
    fn load_end(&mut self, b: &mut Building, pn: PName, i: usize, held: usize) -> R<NodeId> {
        let size = if *self.peek() == Tok::Op(Op::Colon) {
            self.shift(b.symbols + 2)?;
            self.bump();
            let Tok::Num(n) = *self.peek() else {
                return Err(self.syntax());
            };
            self.shift(b.symbols + 3)?;
            self.bump();
            if *self.peek() != Tok::Op(Op::RBracket) {
                return Err(self.syntax());
            }
            self.shift(b.symbols + 4)?;
            self.bump();
            n
        } else {
            self.shift(b.symbols + 2)?;
            self.bump();
            1
        };
        b.ops.pop();
        b.symbols -= 2;
        // gen_load takes its register before freeing the index's.
        self.registers(held + b.vals.len() + 1)?;
        if !matches!(size, 1 | 2 | 4) {
            return Err(self.err_at(i, "data size must be 1, 2, or 4"));
        }
        let PName::P(proto) = pn else {
            return Err(self.err_at(i, "unsupported index operation"));
        };
        match proto {
            Proto::Radio => {
                if !matches!(self.cur_link().0, 119 | 127 | 163 | 192) {
                    return Err(self.err_at(i, "radio information not present in capture"));
                }
            }
            p if p == Proto::Link
                || p == Proto::Icmp6
                || p.loads_from_network_layer()
                || p.loads_from_transport_layer() => {}
            _ => return Err(self.err_at(i, "unsupported index operation")),
        }
        let index = b.vals.pop().ok_or_else(|| self.syntax())?;
        Ok(b.out.push(ANode::Load {
            proto,
            index,
            size: size as u8,
        }))
    }
}
