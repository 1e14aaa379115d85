//! Arithmetic expressions: `arth relop arth`, operator precedence, unary
//! minus, packet loads `proto[index:size]`, and the small `pnum` numbers
//! after `vlan`/`mpls`/`pppoes`. Mirrors grammar.y's `arth`, `relop`,
//! `irelop` and `pnum` rules and gencode.c's `gen_load`/`gen_relation`
//! checks.

use super::{Parser, R};
use crate::filter::ast::{ArOp, Arith, Expr, Proto, RelOp, Span};
use crate::filter::lexer::{Kw, Op, PName, Tok};

impl Parser<'_> {
    /// pnum: NUM | ( pnum ).
    pub(super) fn pnum(&mut self) -> R<u32> {
        match self.peek() {
            Tok::Num(v) => {
                let v = *v;
                self.bump();
                Ok(v)
            }
            Tok::Op(Op::LParen) => {
                self.bump();
                self.enter()?;
                let v = self.pnum()?;
                self.expect(Op::RParen)?;
                self.leave();
                Ok(v)
            }
            _ => Err(self.syntax()),
        }
    }

    /// The optional `pnum` after `vlan`, `mpls`, `pppoes`.
    pub(super) fn opt_pnum(&mut self) -> R<Option<u32>> {
        match self.peek() {
            Tok::Num(_) | Tok::Op(Op::LParen) => Ok(Some(self.pnum()?)),
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
        self.bump();
        let b = self.arith(0)?;
        Ok(Expr::Rel(
            op,
            a,
            b,
            encap,
            Span {
                start,
                end: self.prev_end(),
            },
        ))
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

    /// Precedence climbing: operators binding at least `min`.
    fn arith(&mut self, min: u8) -> R<Arith> {
        let mut lhs = self.unary()?;
        while let Some((op, prec)) = self.binop() {
            // '^' and '%' have no precedence in libpcap 1.10's grammar.y:
            // bison shifts them in every conflict, so their right operand is
            // all the rest (`a % 3 + 1` is `a % (3 + 1)`, `a * 3 % 5` is
            // `a * (3 % 5)`), as `tcpdump -d` shows.
            let no_prec = matches!(op, ArOp::Xor | ArOp::Mod);
            if prec < min && !no_prec {
                break;
            }
            self.bump();
            self.enter()?;
            let rhs = if no_prec {
                self.arith(0)?
            } else {
                self.arith(prec + 1)?
            };
            self.leave();
            lhs = Arith::Bin(op, Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }

    fn unary(&mut self) -> R<Arith> {
        let i = self.pos;
        match self.peek().clone() {
            Tok::Num(v) => {
                self.bump();
                Ok(Arith::Num(v))
            }
            Tok::Kw(Kw::Len) => {
                self.bump();
                Ok(Arith::Len)
            }
            Tok::Op(Op::Minus) => {
                self.bump();
                self.enter()?;
                let mut a = self.unary()?;
                // `- a ^ b` is `-(a ^ b)` and `- a % b` is `-(a % b)`: bison
                // shifts '^' and '%' over UMINUS.
                let op = match self.peek() {
                    Tok::Op(Op::Caret) => Some(ArOp::Xor),
                    Tok::Op(Op::Percent) => Some(ArOp::Mod),
                    _ => None,
                };
                if let Some(op) = op {
                    self.bump();
                    let b = self.arith(0)?;
                    a = Arith::Bin(op, Box::new(a), Box::new(b));
                }
                self.leave();
                Ok(Arith::Neg(Box::new(a)))
            }
            Tok::Op(Op::LParen) => {
                self.bump();
                self.enter()?;
                let a = self.arith(0)?;
                self.expect(Op::RParen)?;
                self.leave();
                Ok(a)
            }
            Tok::Kw(Kw::Pname(pn)) => {
                self.bump();
                self.expect(Op::LBracket)?;
                self.enter()?;
                let index = self.arith(0)?;
                self.leave();
                let size = if *self.peek() == Tok::Op(Op::Colon) {
                    self.bump();
                    let Tok::Num(n) = *self.peek() else {
                        return Err(self.syntax());
                    };
                    self.bump();
                    n
                } else {
                    1
                };
                self.expect(Op::RBracket)?;
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
                Ok(Arith::Load {
                    proto,
                    index: Box::new(index),
                    size: size as u8,
                })
            }
            _ => Err(self.syntax()),
        }
    }
}
