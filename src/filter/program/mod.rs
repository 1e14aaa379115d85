//! The compiled form of a filter and the per-packet loop that runs it.
//!
//! [`gencode`](super::gencode) lowers the expression into a boolean tree of
//! `Atom`s (one load and one compare each, as libpcap's BPF blocks), which
//! `Program::new` lays out as a flat control-flow graph: every node tests
//! one atom and jumps to a node, "accept" or "reject", as BPF's `jt`/`jf`.
//! Identical atoms are one atom, and a packet evaluates each atom at most
//! once (its result is remembered), so the link-type and IP-protocol tests
//! that many primitives repeat cost one load per packet, as they do after
//! libpcap's optimizer.
//!
//! A load past the captured end (or a division by zero) aborts the whole
//! program with "reject", exactly as the BPF interpreter (`bpf_filter.c`)
//! does. Remembering results keeps that exact: an atom that aborted has
//! already ended the run, and one that did not gives the same answer again.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::cell::Cell;

use super::ast::{ANode, ArOp, Arith, Proto, RelOp};

pub mod bpf;
mod opt;

/// How many extension headers `protochain` follows before giving up (BPF
/// would loop forever on an AH header pointing at itself).
const CHAIN_LIMIT: usize = 1024;

const P_NONE: u32 = 59;
/// Transparent Ethernet Bridging: Geneve carrying an Ethernet frame.
const ETHERTYPE_TEB: u32 = 0x6558;
const P_AH: u32 = 51;

/// The BPF program returned 0 early: an out-of-bounds load or a division by
/// zero. Rejects the packet whatever the rest of the expression says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Abort;

type Ev = Result<bool, Abort>;
type Val = Result<u32, Abort>;

/// How many scratch registers `geneve` uses: three for each of at most
/// [`MAX_GENEVE`](super::ast::MAX_GENEVE) keywords.
pub(super) const REGS: usize = 15;

/// Offsets are `u64`s whose bits from here up name a scratch register
/// (1-based; 0 for none) whose value the offset counts from: after
/// `geneve` every link offset is "register + constant" (libpcap's
/// `bpf_abs_offset` with `is_variable`), and tagging the offset keeps the
/// `+ k` arithmetic of every primitive unchanged.
const REG_SHIFT: u32 = 40;
const CONST_MASK: u64 = (1 << REG_SHIFT) - 1;

/// The offset `k` bytes after the value of scratch register `reg`.
pub(super) fn reg_off(reg: u8, k: u64) -> u64 {
    (u64::from(reg) + 1) << REG_SHIFT | (k & CONST_MASK)
}

/// `off - n`, or `None` where its constant part is less than `n` (an
/// offset before the packet, or before the register's point, which
/// libpcap's unsigned arithmetic turns into an out-of-bounds load).
pub(super) fn off_sub(off: u64, n: u64) -> Option<u64> {
    (off & CONST_MASK)
        .checked_sub(n)
        .map(|k| (off & !CONST_MASK) | k)
}

/// The captured bytes with BPF's bounds-checked loads, and the scratch
/// registers `geneve` fills for the primitives after it.
pub(super) struct Pkt<'a> {
    pub data: &'a [u8],
    pub wire_len: u32,
    /// BPF's scratch memory (`M[]`). libpcap leaves it uninitialized when
    /// the `geneve` that stores a register did not run; here it is 0.
    pub regs: [Cell<u32>; REGS],
}

impl<'a> Pkt<'a> {
    pub(super) fn new(data: &'a [u8], wire_len: u32) -> Pkt<'a> {
        Pkt {
            data,
            wire_len,
            regs: Default::default(),
        }
    }

    fn reg(&self, r: usize) -> u32 {
        self.regs.get(r).map_or(0, Cell::get)
    }

    fn set_reg(&self, r: usize, v: u32) {
        if let Some(c) = self.regs.get(r) {
            c.set(v);
        }
    }

    /// The absolute offset of `off`: its register's value plus its constant.
    #[inline]
    fn resolve(&self, off: u64) -> u64 {
        match (off >> REG_SHIFT) as usize {
            0 => off,
            r => u64::from(self.reg(r - 1)) + (off & CONST_MASK),
        }
    }

    /// A big-endian load of `n` (1, 2 or 4) bytes at `off`, or an abort.
    #[inline]
    fn load(&self, off: u64, n: u8) -> Val {
        let off = self.resolve(off);
        let start = usize::try_from(off).map_err(|_| Abort)?;
        let rest = self.data.get(start..).ok_or(Abort)?;
        match n {
            1 => rest.first().map(|&b| u32::from(b)).ok_or(Abort),
            2 => rest
                .first_chunk::<2>()
                .map(|b| u32::from(u16::from_be_bytes(*b)))
                .ok_or(Abort),
            _ => rest
                .first_chunk::<4>()
                .map(|b| u32::from_be_bytes(*b))
                .ok_or(Abort),
        }
    }
    /// BPF's `ldxms`: four times the low nibble of the byte at `off`.
    #[inline]
    fn msh(&self, off: u64) -> Val {
        Ok((self.load(off, 1)? & 0xf) << 2)
    }
}

/// Where an atom's value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Load {
    /// `size` bytes at a fixed offset.
    Abs { off: u64, size: u8 },
    /// `size` bytes at `base + (idx + 4 * (byte at base & 0xf))`: a field
    /// after an IPv4 header of variable length (BPF's `ldxms` then `ind`).
    Ind { base: u64, idx: u32, size: u8 },
    /// The packet's length on the wire.
    WireLen,
}

impl Load {
    #[inline]
    fn get(self, p: &Pkt<'_>) -> Val {
        match self {
            Load::Abs { off, size } => p.load(off, size),
            Load::Ind { base, idx, size } => {
                let x = idx.wrapping_add(p.msh(base)?);
                p.load(u64::from(x) + base, size)
            }
            Load::WireLen => Ok(p.wire_len),
        }
    }
}

/// The compare of an atom (BPF's `jeq`, `jgt`, `jge`; the others are
/// their negations).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum CmpOp {
    Eq,
    Gt,
    Ge,
}

/// The offsets a general arithmetic expression's loads count from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) struct Bases {
    pub linkhdr: u64,
    pub net: u64,
}

/// One test on a packet: true, false or abort.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Atom {
    /// `(load & mask) op k`.
    Cmp {
        load: Load,
        mask: u32,
        op: CmpOp,
        k: u32,
    },
    /// `a0 op a1` for arithmetic the compare above cannot express (its
    /// protocol guards are separate atoms before it).
    Rel {
        op: RelOp,
        a0: Arith,
        a1: Arith,
        bases: Bases,
    },
    /// The `protochain` loop from the IPv4 (`v6` false) or IPv6 header at
    /// `net`, looking for protocol `v` (its link-type test comes before).
    Chain { v: u32, v6: bool, net: u64 },
    /// Always aborts (a load at a negative offset).
    Fail,
    /// gen_geneve_offsets, after the Geneve test over the IPv4 (`v6`
    /// false) or IPv6 header at `net` passed: finds the Geneve header
    /// after that header and UDP's, and stores in registers `reg`,
    /// `reg + 1` and `reg + 2` the offsets of the payload's type field,
    /// link header and link payload (an inner Ethernet frame when the
    /// protocol type is 0x6558, a bare network packet otherwise). Loads
    /// the option length and protocol type, which may abort; else true.
    GeneveOffsets { net: u64, v6: bool, reg: u8 },
    /// gen_geneve_ll_check: the Geneve payload has a link header (the
    /// registers `hdr` and `pl` hold different offsets).
    GeneveLl { hdr: u8, pl: u8 },
}

impl Atom {
    fn eval(&self, p: &Pkt<'_>) -> Ev {
        match self {
            Atom::Cmp { load, mask, op, k } => {
                let v = load.get(p)? & mask;
                Ok(match op {
                    CmpOp::Eq => v == *k,
                    CmpOp::Gt => v > *k,
                    CmpOp::Ge => v >= *k,
                })
            }
            Atom::Rel { op, a0, a1, bases } => {
                let x = value(a0, bases, p)?;
                let y = value(a1, bases, p)?;
                Ok(match op {
                    RelOp::Gt => x > y,
                    RelOp::Ge => x >= y,
                    RelOp::Eq => x == y,
                    RelOp::Ne => x != y,
                    RelOp::Lt => x < y,
                    RelOp::Le => x <= y,
                })
            }
            Atom::Chain { v, v6, net } => protochain(p, *v, *v6, *net),
            Atom::Fail => Err(Abort),
            Atom::GeneveOffsets { net, v6, reg } => {
                let ip_len = if *v6 { 40 } else { p.msh(*net)? };
                let start = p.resolve(*net) as u32;
                let geneve = start.wrapping_add(ip_len).wrapping_add(8);
                let r = usize::from(*reg);
                p.set_reg(r, geneve.wrapping_add(2));
                let opts = (p.load(u64::from(geneve), 1)? & 0x3f) * 4;
                let hdr = geneve.wrapping_add(opts).wrapping_add(8);
                p.set_reg(r + 1, hdr);
                let pl = if p.load(u64::from(geneve) + 2, 2)? == ETHERTYPE_TEB {
                    p.set_reg(r, hdr.wrapping_add(12));
                    hdr.wrapping_add(14)
                } else {
                    hdr
                };
                p.set_reg(r + 2, pl);
                Ok(true)
            }
            Atom::GeneveLl { hdr, pl } => Ok(p.reg(usize::from(*hdr)) != p.reg(usize::from(*pl))),
        }
    }
}

/// A boolean tree over atoms, as gencode builds it: evaluated left to
/// right with short circuits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum B {
    Const(bool),
    Atom(u32),
    And(Box<B>, Box<B>),
    Or(Box<B>, Box<B>),
    Not(Box<B>),
}

impl B {
    /// `a and b`. A constant on the left decides without evaluating
    /// anything; one on the right cannot drop `a`, whose loads may abort,
    /// unless it is `true`.
    pub fn and(a: B, b: B) -> B {
        match (a, b) {
            (B::Const(false), _) => B::Const(false),
            (B::Const(true), b) | (b, B::Const(true)) => b,
            (a, b) => B::And(Box::new(a), Box::new(b)),
        }
    }
    /// `a or b`, with the same care for constants.
    pub fn or(a: B, b: B) -> B {
        match (a, b) {
            (B::Const(true), _) => B::Const(true),
            (B::Const(false), b) | (b, B::Const(false)) => b,
            (a, b) => B::Or(Box::new(a), Box::new(b)),
        }
    }
    #[allow(clippy::should_implement_trait)]
    pub fn not(mut a: B) -> B {
        match &mut a {
            B::Const(v) => B::Const(!*v),
            B::Not(x) => std::mem::replace(&mut **x, B::Const(false)),
            _ => B::Not(Box::new(a)),
        }
    }

    /// Moves the subtrees out (leaving constants) onto `out`.
    fn take_children(&mut self, out: &mut Vec<B>) {
        match self {
            B::And(x, y) | B::Or(x, y) => {
                out.push(std::mem::replace(&mut **x, B::Const(false)));
                out.push(std::mem::replace(&mut **y, B::Const(false)));
            }
            B::Not(x) => out.push(std::mem::replace(&mut **x, B::Const(false))),
            B::Const(_) | B::Atom(_) => {}
        }
    }
}

/// Dropped with an explicit stack: the derived drop would recurse once per
/// level, and a chain of 100,000 `and`s is that deep.
impl Drop for B {
    fn drop(&mut self) {
        let mut stack = Vec::new();
        self.take_children(&mut stack);
        while let Some(mut b) = stack.pop() {
            b.take_children(&mut stack);
        }
    }
}

/// Jump targets beyond the node table.
const ACCEPT: u32 = u32::MAX;
const REJECT: u32 = u32::MAX - 1;

/// One node of the control-flow graph: test `atom`, go to `t` or `f`.
#[derive(Clone, Copy, Debug)]
struct Node {
    atom: u32,
    t: u32,
    f: u32,
}

/// A filter compiled for one link type.
#[derive(Clone, Debug)]
pub struct Program {
    atoms: Vec<Atom>,
    nodes: Vec<Node>,
    entry: u32,
    /// An atom evaluated first only for its loads (which may abort).
    prelude: Option<u32>,
}

impl Program {
    /// Lays out `tree` (over `atoms`) as a control-flow graph; with
    /// `optimize`, rewritten as libpcap's optimizer would (see [`opt`]).
    pub(super) fn new(atoms: Vec<Atom>, tree: B, optimize: bool) -> Program {
        let mut nodes = Vec::new();
        let mut entry = layout(&tree, ACCEPT, REJECT, &mut nodes);
        // Freed before the optimizer's tables are made: for a hostile
        // expression both are hundreds of megabytes.
        drop(tree);
        let mut prelude = None;
        if optimize {
            (entry, prelude) = opt::optimize(&atoms, &mut nodes, entry);
        }
        Program {
            atoms,
            nodes,
            entry,
            prelude,
        }
    }

    /// Whether a packet with captured `data` and `wire_len` bytes on the
    /// wire passes.
    pub fn matches(&self, data: &[u8], wire_len: u32) -> bool {
        let p = Pkt::new(data, wire_len);
        let mut memo = Memo::default();
        if let Some(a) = self.prelude
            && memo.test(&self.atoms, a, &p).is_err()
        {
            return false;
        }
        let mut at = self.entry;
        loop {
            let Some(node) = self.nodes.get(at as usize) else {
                return at == ACCEPT;
            };
            match memo.test(&self.atoms, node.atom, &p) {
                Ok(r) => at = if r { node.t } else { node.f },
                Err(Abort) => return false,
            }
        }
    }

    /// Number of tests in the graph (for tests and benchmarks).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}

/// Atoms 0..64 remember their result for the rest of a packet.
#[derive(Default)]
struct Memo {
    known: u64,
    truth: u64,
}

impl Memo {
    /// Atom `a`'s outcome, evaluated at most once per packet.
    #[inline]
    fn test(&mut self, atoms: &[Atom], a: u32, p: &Pkt<'_>) -> Ev {
        let bit = 1u64.checked_shl(a).unwrap_or(0);
        if self.known & bit != 0 {
            return Ok(self.truth & bit != 0);
        }
        let r = atoms.get(a as usize).ok_or(Abort)?.eval(p)?;
        self.known |= bit;
        if r {
            self.truth |= bit;
        }
        Ok(r)
    }
}

/// Short-circuit code generation, last node first: returns the entry of
/// the code for `b` that jumps to `t` when true and `f` when false. For
/// `x and y`, `y` is laid out first (to `t`, `f`), then `x` to (`y`'s
/// entry, `f`); `or` alike. An explicit stack of what remains to be done
/// replaces the recursion, so a tree as deep as a 100,000-term chain is
/// laid out in a loop.
fn layout(b: &B, t: u32, f: u32, nodes: &mut Vec<Node>) -> u32 {
    enum Task<'a> {
        /// Lay out this tree to these targets.
        Lay(&'a B, u32, u32),
        /// The right side of `x and y` is laid out: `x` goes to its entry
        /// when true, to the false target when false.
        AndLeft(&'a B, u32),
        /// The same for `x or y`, with the true target.
        OrLeft(&'a B, u32),
    }
    let mut tasks = vec![Task::Lay(b, t, f)];
    let mut entry = f;
    while let Some(task) = tasks.pop() {
        match task {
            Task::Lay(b, t, f) => match b {
                B::Const(true) => entry = t,
                B::Const(false) => entry = f,
                B::Atom(atom) => {
                    nodes.push(Node { atom: *atom, t, f });
                    entry = u32::try_from(nodes.len() - 1).unwrap_or(REJECT);
                }
                B::And(x, y) => {
                    tasks.push(Task::AndLeft(x, f));
                    tasks.push(Task::Lay(y, t, f));
                }
                B::Or(x, y) => {
                    tasks.push(Task::OrLeft(x, t));
                    tasks.push(Task::Lay(y, t, f));
                }
                B::Not(x) => tasks.push(Task::Lay(x, f, t)),
            },
            Task::AndLeft(x, f) => tasks.push(Task::Lay(x, entry, f)),
            Task::OrLeft(x, t) => tasks.push(Task::Lay(x, t, entry)),
        }
    }
    entry
}

/// The 32-bit value of an arithmetic expression, as BPF computes it: the
/// nodes in order (operands left to right, so loads run, and abort, in the
/// order BPF runs them) over a value stack.
fn value(a: &Arith, b: &Bases, p: &Pkt<'_>) -> Val {
    let mut st = Values::default();
    for n in a.nodes() {
        let v = match *n {
            ANode::Num(n) => n,
            ANode::Len => p.wire_len,
            ANode::Neg(_) => 0u32.wrapping_sub(st.pop()?),
            ANode::Bin(op, ..) => {
                let y = st.pop()?;
                let x = st.pop()?;
                binop(op, x, y).ok_or(Abort)?
            }
            ANode::Load { proto, size, .. } => {
                let idx = st.pop()?;
                load_for(proto, idx, size, b).ok_or(Abort)?.get(p)?
            }
        };
        st.push(v);
    }
    st.pop()
}

/// The value stack of [`value`]: on the machine stack up to [`Values::INLINE`]
/// values, which any expression libpcap compiles fits in (it has 16 scratch
/// registers); deeper ones, which libpcap refuses, spill to the heap.
#[derive(Default)]
struct Values {
    inline: [u32; Values::INLINE],
    len: usize,
    spill: Vec<u32>,
}

impl Values {
    const INLINE: usize = 32;

    fn push(&mut self, v: u32) {
        match self.inline.get_mut(self.len) {
            Some(slot) => *slot = v,
            None => self.spill.push(v),
        }
        self.len += 1;
    }

    fn pop(&mut self) -> Val {
        self.len = self.len.checked_sub(1).ok_or(Abort)?;
        match self.inline.get(self.len) {
            Some(&v) => Ok(v),
            None => self.spill.pop().ok_or(Abort),
        }
    }
}

/// BPF's ALU: `None` for a division by zero.
pub(super) fn binop(op: ArOp, x: u32, y: u32) -> Option<u32> {
    Some(match op {
        ArOp::Add => x.wrapping_add(y),
        ArOp::Sub => x.wrapping_sub(y),
        ArOp::Mul => x.wrapping_mul(y),
        ArOp::Div => x.checked_div(y)?,
        ArOp::Mod => x.checked_rem(y)?,
        ArOp::And => x & y,
        ArOp::Or => x | y,
        ArOp::Xor => x ^ y,
        // bpf_filter.c: a shift by 32 or more gives 0.
        ArOp::Shl => x.checked_shl(y).unwrap_or(0),
        ArOp::Shr => x.checked_shr(y).unwrap_or(0),
    })
}

/// Where `proto[idx : size]` reads (gencode.c's `gen_load_internal`);
/// `None` for a protocol libpcap cannot index.
pub(super) fn load_for(proto: Proto, idx: u32, size: u8, b: &Bases) -> Option<Load> {
    let size = match size {
        2 => 2,
        4 => 4,
        _ => 1,
    };
    Some(if proto == Proto::Link {
        Load::Abs {
            off: u64::from(idx) + b.linkhdr,
            size,
        }
    } else if proto.loads_from_network_layer() {
        Load::Abs {
            off: u64::from(idx) + b.net,
            size,
        }
    } else if proto.loads_from_transport_layer() {
        Load::Ind {
            base: b.net,
            idx,
            size,
        }
    } else if proto == Proto::Icmp6 {
        Load::Abs {
            off: u64::from(idx) + b.net + 40,
            size,
        }
    } else {
        return None;
    })
}

/// gen_protochain's BPF loop over IPv6 extension headers and AH, including
/// libpcap's AH step, which sets the offset to the AH length rather than
/// adding it.
fn protochain(p: &Pkt<'_>, v: u32, v6: bool, net: u64) -> Ev {
    let ind = |x: u32, k: u64| p.load(u64::from(x) + k, 1);
    let (mut a, mut x) = if v6 {
        (p.load(net + 6, 1)?, 40)
    } else {
        (p.load(net + 9, 1)?, p.msh(net)?)
    };
    for _ in 0..CHAIN_LIMIT {
        if a == v {
            return Ok(true);
        }
        if a == P_NONE {
            return Ok(false);
        }
        if v6 && matches!(a, 0 | 60 | 43 | 44) {
            let next = ind(x, net)?;
            let len = ind(x, net + 1)?;
            x = len.wrapping_add(1).wrapping_mul(8).wrapping_add(x);
            a = next;
        } else if a == P_AH {
            let next = ind(x, net)?;
            x = x.wrapping_add(1);
            let len = ind(x, net)?;
            x = len.wrapping_add(2).wrapping_mul(4);
            a = next;
        } else {
            return Ok(false);
        }
    }
    // BPF would loop forever here (an AH chain pointing at itself).
    Ok(false)
}
