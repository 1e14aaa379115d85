//! Lowering of a parsed filter into the atoms of a [`Program`]: a port of
//! libpcap 1.10's `gencode.c`, test by test and in the same order, over the
//! same offsets. Each `gen_*` function here builds the boolean tree of
//! loads and compares that gencode.c would emit as BPF blocks; and/or keep
//! their short circuits, so a load in a branch that is never reached cannot
//! abort (see [`program`](super::program) for how it runs).
//!
//! Differences from the optimized BPF program tcpdump runs (documented where
//! they arise): the optimizer may drop a load whose value cannot matter
//! (e.g. `ip[100] & 0 = 0` keeps packets shorter than that in BPF, we reject
//! them), and `protochain` over a looping AH chain makes BPF loop forever
//! where we give up and reject.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

mod link;
mod prim;

use std::collections::HashMap;

use super::ast::{ArOp, Arith, Expr, Proto, RelOp};
use super::program::{Atom, B, Bases, CmpOp, Load, Program, binop, load_for};
use crate::packet::LinkType;
use link::{Ctx, ET_IP, ET_IPV6, P_ICMPV6};

/// How libpcap compiles for a capture beyond its link type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Run libpcap's optimizer (tcpdump does unless given `-O`).
    pub optimize: bool,
    /// The capture's byte order is big-endian (for a file, the file's; live,
    /// the host's): DLT_NULL headers hold the address family in it.
    pub big_endian: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            optimize: true,
            big_endian: cfg!(target_endian = "big"),
        }
    }
}

/// Compiles `expr` for packets of `link`.
pub fn compile(expr: &Expr, link: LinkType, settings: Settings) -> Program {
    let mut g = Gen {
        link,
        big_endian: settings.big_endian,
        atoms: Vec::new(),
        ids: HashMap::new(),
        no_optimize: false,
    };
    let tree = g.expr(expr);
    Program::new(g.atoms, &tree, settings.optimize && !g.no_optimize)
}

/// The lowering state: the atoms made so far, each once.
struct Gen {
    link: LinkType,
    /// [`Settings::big_endian`].
    big_endian: bool,
    atoms: Vec<Atom>,
    ids: HashMap<Atom, u32>,
    /// gencode.c's `no_optimize`: `protochain` turns the optimizer off
    /// for the whole expression.
    no_optimize: bool,
}

impl Gen {
    fn atom(&mut self, a: Atom) -> B {
        if let Some(&id) = self.ids.get(&a) {
            return B::Atom(id);
        }
        let id = u32::try_from(self.atoms.len()).unwrap_or(u32::MAX);
        self.atoms.push(a.clone());
        self.ids.insert(a, id);
        B::Atom(id)
    }
    /// `(load & mask) op k`.
    fn cmp(&mut self, load: Load, mask: u32, op: CmpOp, k: u32) -> B {
        self.atom(Atom::Cmp { load, mask, op, k })
    }
    /// `size` bytes at `off`, masked, equal to `k`.
    fn eq(&mut self, off: u64, size: u8, mask: u32, k: u32) -> B {
        self.cmp(Load::Abs { off, size }, mask, CmpOp::Eq, k)
    }
    fn b_eq(&mut self, off: u64, k: u32) -> B {
        self.eq(off, 1, u32::MAX, k)
    }
    fn h_eq(&mut self, off: u64, k: u32) -> B {
        self.eq(off, 2, u32::MAX, k)
    }
    fn w_eq(&mut self, off: u64, k: u32) -> B {
        self.eq(off, 4, u32::MAX, k)
    }

    fn expr(&mut self, expr: &Expr) -> B {
        match expr {
            Expr::And(a, b) => {
                let a = self.expr(a);
                let b = self.expr(b);
                B::and(a, b)
            }
            Expr::Or(a, b) => {
                let a = self.expr(a);
                let b = self.expr(b);
                B::or(a, b)
            }
            Expr::Not(a) => B::not(self.expr(a)),
            Expr::Prim(prim, enc, _) => {
                let c = Ctx::new(self.link, *enc);
                if c.invalid {
                    return B::Const(false);
                }
                self.prim(prim, &c)
            }
            Expr::Rel(op, a0, a1, enc, _) => {
                let c = Ctx::new(self.link, *enc);
                if c.invalid {
                    return B::Const(false);
                }
                self.relation(*op, a0, a1, &c)
            }
        }
    }
}

impl Gen {
    /// `a0 op a1`: first every protocol test the loads carry (gen_relation
    /// ANDs them in front), then the arithmetic and the compare.
    fn relation(&mut self, op: RelOp, a0: &Arith, a1: &Arith, c: &Ctx) -> B {
        let g0 = self.guards(a0, c);
        let g1 = self.guards(a1, c);
        let bases = Bases {
            linkhdr: c.linkhdr,
            net: c.net(),
        };
        let test = match simple_compare(op, a0, a1, &bases) {
            Some((load, mask, op, k, negate)) => {
                let t = self.cmp(load, mask, op, k);
                if negate { B::not(t) } else { t }
            }
            None => self.atom(Atom::Rel {
                op,
                a0: a0.clone(),
                a1: a1.clone(),
                bases,
            }),
        };
        B::and(g0, B::and(g1, test))
    }

    /// The protocol tests an arithmetic expression's loads carry
    /// (`arth->b`). gen_arth keeps only its left operand's: the right
    /// operand's tests are dropped, so its loads run unguarded.
    fn guards(&mut self, a: &Arith, c: &Ctx) -> B {
        match a {
            Arith::Num(_) | Arith::Len => B::Const(true),
            Arith::Neg(x) => self.guards(x, c),
            Arith::Bin(_, x, _) => self.guards(x, c),
            Arith::Load { proto, index, .. } => {
                let proto = *proto;
                if proto == Proto::Link {
                    self.guards(index, c)
                } else if proto.loads_from_network_layer() {
                    let g = self.guards(index, c);
                    let p = self.abbrev(c, proto);
                    B::and(g, p)
                } else if proto.loads_from_transport_layer() {
                    let ip = self.linktype(c, ET_IP);
                    let g = self.guards(index, c);
                    let p = self.abbrev(c, proto);
                    let first = self.ipfrag_first(c);
                    B::and(ip, B::and(g, B::and(p, first)))
                } else if proto == Proto::Icmp6 {
                    let g = self.guards(index, c);
                    let ip6 = self.linktype(c, ET_IPV6);
                    let nh = self.b_eq(c.net() + 6, P_ICMPV6);
                    B::and(g, B::and(ip6, nh))
                } else {
                    // "unsupported index operation": not compiled.
                    B::Const(false)
                }
            }
        }
    }
}

/// `proto[i] [& m] op k` with constant `i`, `m` and `k` as one compare:
/// `(load, mask, op, k, negated)`. The loads and their order are those of
/// the general evaluation, so the outcome (and any abort) is the same.
fn simple_compare(
    op: RelOp,
    a0: &Arith,
    a1: &Arith,
    b: &Bases,
) -> Option<(Load, u32, CmpOp, u32, bool)> {
    let k = constant(a1)?;
    let (load, mask) = match a0 {
        Arith::Len => (Load::WireLen, u32::MAX),
        Arith::Load { proto, index, size } => {
            (load_for(*proto, constant(index)?, *size, b)?, u32::MAX)
        }
        Arith::Bin(ArOp::And, x, m) => match &**x {
            Arith::Load { proto, index, size } => {
                (load_for(*proto, constant(index)?, *size, b)?, constant(m)?)
            }
            _ => return None,
        },
        _ => return None,
    };
    let (op, negate) = match op {
        RelOp::Eq => (CmpOp::Eq, false),
        RelOp::Ne => (CmpOp::Eq, true),
        RelOp::Gt => (CmpOp::Gt, false),
        RelOp::Le => (CmpOp::Gt, true),
        RelOp::Ge => (CmpOp::Ge, false),
        RelOp::Lt => (CmpOp::Ge, true),
    };
    Some((load, mask, op, k, negate))
}

/// The value of an arithmetic expression without loads, `len` or a
/// division by zero.
fn constant(a: &Arith) -> Option<u32> {
    match a {
        Arith::Num(n) => Some(*n),
        Arith::Neg(x) => Some(0u32.wrapping_sub(constant(x)?)),
        Arith::Bin(op, x, y) => binop(*op, constant(x)?, constant(y)?),
        Arith::Len | Arith::Load { .. } => None,
    }
}

#[cfg(test)]
mod tests;
