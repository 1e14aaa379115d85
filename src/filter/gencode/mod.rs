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
pub use link::ported;
mod prim;

use std::collections::HashMap;

use super::ast::{ANode, ArOp, Arith, Expr, Node, NodeId, Proto, RelOp};
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
    Program::new(g.atoms, tree, settings.optimize && !g.no_optimize)
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

    /// The tree of `expr`, node by node in the vector's order (operands
    /// first, left before right, as the recursion over the text would make
    /// them): no recursion on the expression's depth.
    fn expr(&mut self, expr: &Expr) -> B {
        let mut done: Vec<Option<B>> = Vec::with_capacity(expr.nodes().len());
        let take = |done: &mut Vec<Option<B>>, i: NodeId| {
            done.get_mut(i as usize)
                .and_then(Option::take)
                .unwrap_or(B::Const(false))
        };
        for node in expr.nodes() {
            let b = match node {
                Node::And(a, b) => {
                    let a = take(&mut done, *a);
                    let b = take(&mut done, *b);
                    B::and(a, b)
                }
                Node::Or(a, b) => {
                    let a = take(&mut done, *a);
                    let b = take(&mut done, *b);
                    B::or(a, b)
                }
                Node::Not(a) => B::not(take(&mut done, *a)),
                Node::Prim(prim, enc, _) => {
                    let c = Ctx::new(self.link, *enc);
                    if c.invalid {
                        B::Const(false)
                    } else {
                        self.prim(prim, &c)
                    }
                }
                Node::Rel(op, a0, a1, enc, _) => {
                    let c = Ctx::new(self.link, *enc);
                    if c.invalid {
                        B::Const(false)
                    } else {
                        self.relation(*op, a0, a1, &c)
                    }
                }
            };
            done.push(Some(b));
        }
        done.pop().flatten().unwrap_or(B::Const(false))
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
    /// operand's tests are dropped, so its loads run unguarded. So only the
    /// loads down the leftmost branch count, each one's index tests before
    /// its own.
    fn guards(&mut self, a: &Arith, c: &Ctx) -> B {
        let mut spine = Vec::new();
        let mut at = a.root();
        while let Some(n) = a.node(at) {
            match *n {
                ANode::Neg(x) | ANode::Bin(_, x, _) => at = x,
                ANode::Load { proto, index, .. } => {
                    spine.push(proto);
                    at = index;
                }
                ANode::Num(_) | ANode::Len => break,
            }
        }
        let mut g = B::Const(true);
        for proto in spine.into_iter().rev() {
            g = self.load_guards(proto, g, c);
        }
        g
    }

    /// The tests of one `proto[…]` load after its index's tests `g`.
    fn load_guards(&mut self, proto: Proto, g: B, c: &Ctx) -> B {
        if proto == Proto::Link {
            g
        } else if proto.loads_from_network_layer() {
            let p = self.abbrev(c, proto);
            B::and(g, p)
        } else if proto.loads_from_transport_layer() {
            let ip = self.linktype(c, ET_IP);
            let p = self.abbrev(c, proto);
            let first = self.ipfrag_first(c);
            B::and(ip, B::and(g, B::and(p, first)))
        } else if proto == Proto::Icmp6 {
            let ip6 = self.linktype(c, ET_IPV6);
            let nh = self.b_eq(c.net() + 6, P_ICMPV6);
            B::and(g, B::and(ip6, nh))
        } else {
            // "unsupported index operation": not compiled.
            B::Const(false)
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
    let c0 = constants(a0);
    let at = |i: NodeId| c0.get(i as usize).copied().flatten();
    let (load, mask) = match *a0.top()? {
        ANode::Len => (Load::WireLen, u32::MAX),
        ANode::Load { proto, index, size } => (load_for(proto, at(index)?, size, b)?, u32::MAX),
        ANode::Bin(ArOp::And, x, m) => match *a0.node(x)? {
            ANode::Load { proto, index, size } => (load_for(proto, at(index)?, size, b)?, at(m)?),
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
    constants(a).last().copied().flatten()
}

/// The constant value of each node's subtree (`None` where it reads the
/// packet or divides by zero), in one pass over the nodes.
fn constants(a: &Arith) -> Vec<Option<u32>> {
    let mut v: Vec<Option<u32>> = Vec::with_capacity(a.nodes().len());
    for n in a.nodes() {
        let at = |i: NodeId| v.get(i as usize).copied().flatten();
        let c = match *n {
            ANode::Num(n) => Some(n),
            ANode::Neg(x) => at(x).map(|x| 0u32.wrapping_sub(x)),
            ANode::Bin(op, x, y) => at(x).zip(at(y)).and_then(|(x, y)| binop(op, x, y)),
            ANode::Len | ANode::Load { .. } => None,
        };
        v.push(c);
    }
    v
}

#[cfg(test)]
mod tests;
