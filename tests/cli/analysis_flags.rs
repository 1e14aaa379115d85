//! Wireshark's per-packet TCP analysis flags (`--json`'s per-packet
//! `analysis`; the packets table's `tcp_analysis` is the same set,
//! `tests/export/check.py`): what tshark 4.0.17 sets as `tcp.analysis.*`
//! on every TCP packet of every shipped capture with TCP
//! (`tests/golden/analysis/*.tsv`, written by
//! `scripts/tshark-analysis-flags.sh`, which runs tshark; the tests never
//! do). Among them: windows filled to the edge (`analyze/zero-window`),
//! acknowledgements of segments the capture missed, once and past a hole
//! (`analyze/reset-mid-upload`, `follow/loss-gap`), retransmissions, dup
//! ACKs, keep-alives, a 4-tuple reused by a new SYN, and TCP in tunnels.

use std::collections::BTreeSet;

use crate::util::tshark_goldens;

#[test]
fn analysis_flags_are_tsharks() {
    let goldens = tshark_goldens("analysis");
    let (mut packets, mut flagged, mut failed) = (0, 0, Vec::new());
    for g in &goldens {
        for line in &g.lines {
            let (frame, theirs) = line.split_once('\t').unwrap_or((line, ""));
            let frame: usize = frame.parse().expect("frame number");
            let theirs: BTreeSet<&str> = theirs.split(',').filter(|s| !s.is_empty()).collect();
            let got: BTreeSet<&str> = g.ours[frame - 1]["analysis"]
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
                .unwrap_or_default();
            if got != theirs {
                failed.push(format!(
                    "{} frame {frame}: tshark {theirs:?}, ours {got:?}",
                    g.capture
                ));
            }
            packets += 1;
            flagged += usize::from(!theirs.is_empty());
        }
    }
    assert!(goldens.len() >= 50, "only {} goldens", goldens.len());
    assert!(
        packets >= 1200 && flagged >= 200,
        "only {packets} packets, {flagged} flagged"
    );
    let n = failed.len();
    failed.truncate(20);
    assert!(n == 0, "{n} packets differ:\n{}", failed.join("\n"));
}
