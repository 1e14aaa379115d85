//! What libpcap's optimizer (`optimize.c`) does to a program that changes
//! which packets it keeps: it removes tests whose two branches lead to the
//! same place, and with them their loads, so a packet too short for such a
//! load is no longer rejected by it (`tcp[20] = 1 or tcp` keeps a 54-byte
//! TCP packet). tcpdump runs the optimized program unless given `-O`.
//!
//! Two rewrites, repeated until nothing changes, as `opt_j` does them:
//! - jump threading: an edge into a test whose outcome an edge that
//!   dominates it already decides goes straight to the outcome (the same
//!   test again, or `x == k2` after `x == k1` was true: libpcap's
//!   `fold_edge` over the edge dominators). This alone keeps the same
//!   packets (the decided test's load has already succeeded on that path).
//!   As in libpcap, only dominating edges count: the same outcome reached
//!   by different edges on different paths decides nothing.
//! - an edge into a test whose true and false targets are the same skips
//!   the test (and its loads). The first test is the exception: libpcap
//!   keeps the root block's loads, so they can still abort.
//!
//! Each pass works as libpcap's `opt_j` loop does: first the dominating
//! edges of every node for the graph as it is (`find_edom`), then every
//! edge threaded with them. The sets of dominating edges are not kept as
//! sets (a chain of 100,000 `or`s makes them 100,000 long, and the passes
//! quadratic): they are the paths of one tree, each edge's node in it under
//! the node of the edge's source, a node's set the path to the nearest
//! common ancestor of its incoming edges ([`Facts::common`], in O(log n)
//! with skew-binary jump pointers). The threading then walks that tree depth
//! first with the outcomes on the current path in hash maps, so deciding a
//! test costs one lookup.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use super::{Atom, CmpOp, Load, Node};

/// Rewrites `nodes` in place and returns the new entry, and the atom whose
/// loads still run first when the entry test itself went: `opt_root` drops
/// a root block whose branches meet but keeps its statements.
pub(super) fn optimize(atoms: &[Atom], nodes: &mut [Node], mut entry: u32) -> (u32, Option<u32>) {
    let root = nodes.get(entry as usize).map(|n| n.atom);
    let mut root_dropped = false;
    // Each pass only shortens edges, so this terminates; the bound is a
    // guard against a mistake, not a limit ever reached.
    for _ in 0..=nodes.len() {
        let mut changed = false;
        while let Some(n) = nodes.get(entry as usize)
            && n.t == n.f
        {
            entry = n.t;
            changed = true;
            root_dropped = true;
        }
        let facts = Facts::dominators(nodes, entry);
        changed |= facts.thread_all(atoms, nodes);
        if !changed {
            break;
        }
    }
    (entry, if root_dropped { root } else { None })
}

/// No node: the parent of the tree's root.
const NONE: u32 = u32::MAX;

/// An edge in the tree of dominating edges: the path from the root to it
/// is the set of edges that dominate it, itself included.
#[derive(Clone, Copy, Debug)]
struct Edge {
    parent: u32,
    /// An ancestor (skew-binary jump pointer), for O(log n) climbs.
    jump: u32,
    depth: u32,
    /// The graph node tested, and the outcome this edge leaves it with.
    node: u32,
    outcome: bool,
}

/// The tree of dominating edges of one pass, with each graph node's place.
struct Facts {
    /// Index 0 is the root (no edge: the program's entry).
    edges: Vec<Edge>,
    /// For each graph node, the tree node whose path is the set of edges
    /// dominating it (`NONE`: unreachable).
    at: Vec<u32>,
}

impl Facts {
    /// `find_edom`: the graph's nodes point only at nodes made before them
    /// (lower indices), so going down from the entry sees every edge into a
    /// node before the node.
    fn dominators(nodes: &[Node], entry: u32) -> Facts {
        let mut f = Facts {
            edges: vec![Edge {
                parent: NONE,
                jump: 0,
                depth: 0,
                node: NONE,
                outcome: false,
            }],
            at: vec![NONE; nodes.len()],
        };
        if let Some(a) = f.at.get_mut(entry as usize) {
            *a = 0;
        }
        for i in (0..nodes.len()).rev() {
            let (Some(&here), Some(&node)) = (f.at.get(i), nodes.get(i)) else {
                continue;
            };
            if here == NONE {
                continue;
            }
            for (outcome, to) in [(true, node.t), (false, node.f)] {
                let e = f.add(here, i as u32, outcome);
                if let Some(&old) = f.at.get(to as usize) {
                    let new = if old == NONE { e } else { f.common(old, e) };
                    if let Some(slot) = f.at.get_mut(to as usize) {
                        *slot = new;
                    }
                }
            }
        }
        f
    }

    fn edge(&self, e: u32) -> Edge {
        self.edges.get(e as usize).copied().unwrap_or(Edge {
            parent: NONE,
            jump: 0,
            depth: 0,
            node: NONE,
            outcome: false,
        })
    }

    /// A new edge under `parent`.
    fn add(&mut self, parent: u32, node: u32, outcome: bool) -> u32 {
        let p = self.edge(parent);
        let j = self.edge(p.jump);
        let jj = self.edge(j.jump);
        let jump = if p.depth - j.depth == j.depth - jj.depth {
            j.jump
        } else {
            parent
        };
        self.edges.push(Edge {
            parent,
            jump,
            depth: p.depth + 1,
            node,
            outcome,
        });
        (self.edges.len() - 1) as u32
    }

    /// The ancestor of `x` at `depth`.
    fn climb(&self, mut x: u32, depth: u32) -> u32 {
        loop {
            let e = self.edge(x);
            if e.depth <= depth || e.parent == NONE {
                return x;
            }
            x = if self.edge(e.jump).depth >= depth {
                e.jump
            } else {
                e.parent
            };
        }
    }

    /// The nearest common ancestor: the edges dominating both.
    fn common(&self, a: u32, b: u32) -> u32 {
        let d = self.edge(a).depth.min(self.edge(b).depth);
        let (mut a, mut b) = (self.climb(a, d), self.climb(b, d));
        // Jump pointers depend on depth only, so both jump alike.
        while a != b {
            let (ea, eb) = (self.edge(a), self.edge(b));
            if ea.parent == NONE || eb.parent == NONE {
                return 0;
            }
            if ea.jump != eb.jump {
                (a, b) = (ea.jump, eb.jump);
            } else {
                (a, b) = (ea.parent, eb.parent);
            }
        }
        a
    }

    /// Threads every edge with the edges that dominate it, walking the
    /// tree depth first; whether an edge changed.
    ///
    /// Siblings are walked from the lowest graph node up, so the edges
    /// nearer the end of the program are mostly threaded before the edges
    /// that lead to them: a walk from `tcp`'s false edge in `tcp or tcp or
    /// …` then meets the next `tcp`'s edges already threaded and ends there,
    /// instead of crossing every later copy (which made a pass quadratic).
    fn thread_all(&self, atoms: &[Atom], nodes: &mut [Node]) -> bool {
        // Children lists in the order the edges were made (highest graph
        // node first), so that the stack pops the lowest first.
        let n = self.edges.len();
        let mut first = vec![NONE; n];
        let mut next = vec![NONE; n];
        for (i, e) in self.edges.iter().enumerate().skip(1).rev() {
            if let (Some(f), Some(nx)) = (first.get(e.parent as usize).copied(), next.get_mut(i)) {
                *nx = f;
                if let Some(slot) = first.get_mut(e.parent as usize) {
                    *slot = i as u32;
                }
            }
        }
        let mut known = Known::default();
        let mut changed = false;
        // (edge, entering): entering learns its outcome; leaving threads
        // it (after everything under it, nearer the program's end) and
        // forgets the outcome.
        let mut stack = vec![(0u32, true)];
        while let Some((e, entering)) = stack.pop() {
            let edge = self.edge(e);
            if edge.parent == NONE {
                // The root: no edge of its own.
            } else if entering {
                known.learn(atoms, nodes, edge);
                stack.push((e, false));
            } else {
                if let Some(node) = nodes.get(edge.node as usize).copied() {
                    let old = if edge.outcome { node.t } else { node.f };
                    let new = known.thread(atoms, nodes, old);
                    if new != old {
                        changed = true;
                        if let Some(n) = nodes.get_mut(edge.node as usize) {
                            if edge.outcome {
                                n.t = new;
                            } else {
                                n.f = new;
                            }
                        }
                    }
                }
                known.forget(atoms, nodes, edge);
                continue;
            }
            let mut c = first.get(e as usize).copied().unwrap_or(NONE);
            while c != NONE {
                stack.push((c, true));
                c = next.get(c as usize).copied().unwrap_or(NONE);
            }
        }
        changed
    }
}

/// The outcomes the edges on the current path of the tree decide: by atom,
/// and, for `x == k` known true, `k` by (load, mask) (libpcap's
/// `fold_edge`: then `x == k2` is false). Each entry keeps what it hid, to
/// be put back when the walk leaves the edge.
#[derive(Default)]
struct Known {
    atoms: HashMap<u32, Vec<bool>>,
    equal: HashMap<(Load, u32), Vec<u32>>,
}

impl Known {
    fn eq_key(atoms: &[Atom], atom: u32) -> Option<((Load, u32), u32)> {
        match atoms.get(atom as usize)? {
            Atom::Cmp {
                load,
                mask,
                op: CmpOp::Eq,
                k,
            } => Some(((*load, *mask), *k)),
            _ => None,
        }
    }

    fn learn(&mut self, atoms: &[Atom], nodes: &[Node], e: Edge) {
        let Some(atom) = nodes.get(e.node as usize).map(|n| n.atom) else {
            return;
        };
        self.atoms.entry(atom).or_default().push(e.outcome);
        if e.outcome
            && let Some((key, k)) = Known::eq_key(atoms, atom)
        {
            self.equal.entry(key).or_default().push(k);
        }
    }

    fn forget(&mut self, atoms: &[Atom], nodes: &[Node], e: Edge) {
        let Some(atom) = nodes.get(e.node as usize).map(|n| n.atom) else {
            return;
        };
        if let Some(v) = self.atoms.get_mut(&atom) {
            v.pop();
        }
        if e.outcome
            && let Some((key, _)) = Known::eq_key(atoms, atom)
            && let Some(v) = self.equal.get_mut(&key)
        {
            v.pop();
        }
    }

    /// The outcome of `atom` if the edges on the path decide it.
    fn decide(&self, atoms: &[Atom], atom: u32) -> Option<bool> {
        if let Some(&v) = self.atoms.get(&atom).and_then(|v| v.last()) {
            return Some(v);
        }
        let (key, k) = Known::eq_key(atoms, atom)?;
        match self.equal.get(&key).and_then(|v| v.last()) {
            Some(&k2) if k2 != k => Some(false),
            _ => None,
        }
    }

    /// Where an edge known to carry these outcomes really leads, starting
    /// at `to`.
    fn thread(&self, atoms: &[Atom], nodes: &[Node], mut to: u32) -> u32 {
        while let Some(n) = nodes.get(to as usize) {
            if n.t == n.f {
                to = n.t;
                continue;
            }
            match self.decide(atoms, n.atom) {
                Some(true) => to = n.t,
                Some(false) => to = n.f,
                None => break,
            }
        }
        to
    }
}
