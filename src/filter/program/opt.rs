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
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{Atom, CmpOp, Node};

/// The edges that dominate an edge: (node, outcome), sorted by node.
type Facts = Vec<(u32, bool)>;

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
        // Nodes point only at nodes made before them (lower indices), so
        // going down from the entry visits every predecessor first.
        let mut facts: Vec<Option<Facts>> = vec![None; nodes.len()];
        if let Some(f) = facts.get_mut(entry as usize) {
            *f = Some(Vec::new());
        }
        for i in (0..nodes.len()).rev() {
            let Some(Some(here)) = facts.get(i).cloned() else {
                continue;
            };
            let Some(&node) = nodes.get(i) else {
                continue;
            };
            for outcome in [true, false] {
                let mut edge = here.clone();
                insert(&mut edge, i as u32, outcome);
                let old = if outcome { node.t } else { node.f };
                let new = thread(atoms, nodes, &edge, old);
                if new != old {
                    changed = true;
                    if let Some(n) = nodes.get_mut(i) {
                        if outcome {
                            n.t = new;
                        } else {
                            n.f = new;
                        }
                    }
                }
                if let Some(slot) = facts.get_mut(new as usize) {
                    *slot = Some(match slot.take() {
                        None => edge,
                        Some(prev) => intersect(&prev, &edge),
                    });
                }
            }
        }
        if !changed {
            break;
        }
    }
    (entry, if root_dropped { root } else { None })
}

/// Where an edge known to carry `facts` really leads, starting at `to`.
fn thread(atoms: &[Atom], nodes: &[Node], facts: &Facts, mut to: u32) -> u32 {
    while let Some(n) = nodes.get(to as usize) {
        if n.t == n.f {
            to = n.t;
            continue;
        }
        match decide(atoms, nodes, facts, n.atom) {
            Some(true) => to = n.t,
            Some(false) => to = n.f,
            None => break,
        }
    }
    to
}

/// The outcome of `atom` if the dominating edges `facts` decide it.
fn decide(atoms: &[Atom], nodes: &[Node], facts: &Facts, atom: u32) -> Option<bool> {
    let this = atoms.get(atom as usize)?;
    facts.iter().find_map(|&(n, v)| {
        let a = nodes.get(n as usize)?.atom;
        if a == atom {
            return Some(v);
        }
        // fold_edge: after `x == k1` was true, `x == k2` is false.
        match (this, atoms.get(a as usize)?) {
            (
                Atom::Cmp {
                    load,
                    mask,
                    op: CmpOp::Eq,
                    k,
                },
                Atom::Cmp {
                    load: l,
                    mask: m,
                    op: CmpOp::Eq,
                    k: k2,
                },
            ) if v && l == load && m == mask && k2 != k => Some(false),
            _ => None,
        }
    })
}

fn insert(facts: &mut Facts, node: u32, v: bool) {
    match facts.binary_search_by_key(&node, |&(a, _)| a) {
        Ok(i) => {
            if let Some(f) = facts.get_mut(i) {
                f.1 = v;
            }
        }
        Err(i) => facts.insert(i, (node, v)),
    }
}

/// The dominators two edges share.
fn intersect(a: &Facts, b: &Facts) -> Facts {
    a.iter().filter(|f| b.contains(f)).copied().collect()
}
