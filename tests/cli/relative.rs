//! Stream numbers and relative sequence and acknowledgement numbers
//! (`--json`'s per-packet `stream`, `seq`/`ack`; the packets table's
//! `tcp_stream`, `tcp_seq_rel`/`tcp_ack_rel` are the same numbers,
//! `tests/export/check.py`): what tshark shows as `tcp.stream`, `tcp.seq`
//! and `tcp.ack` for every TCP packet of `tests/golden/relative/*.tsv`
//! (`scripts/tshark-relative.sh`, which runs tshark; the tests never do).
//! A conversation that goes on after its connection ended by Zeek's rules
//! (`follow/reset-then-late`: data 15 s after a RST) keeps its stream.
//! Wireshark's bases: a SYN's own number, else one before the first
//! segment's; for a side not heard from yet, one before the first
//! acknowledgement of it; the acknowledgement raw when the ACK flag is
//! clear. Among the captures: a connection whose handshake was missed
//! (`edge-open-at-start`), one direction only (`follow/one-sided`), RSTs
//! without ACK (`port-scan`), losses and reordering.

use crate::util::tshark_goldens;

#[test]
fn streams_and_relative_numbers_are_tsharks() {
    let goldens = tshark_goldens("relative");
    let (mut packets, mut failed) = (0, Vec::new());
    for g in &goldens {
        let capture = &g.capture;
        for line in &g.lines {
            let f: Vec<&str> = line.split('\t').collect();
            let [frame, stream, seq, ack] = f[..] else {
                panic!("{capture}: bad golden line {line:?}");
            };
            let frame: usize = frame.parse().expect("frame number");
            let obj = &g.ours[frame - 1];
            let got = [&obj["stream"], &obj["seq"], &obj["ack"]].map(|v| v.to_string());
            if got != [stream, seq, ack] {
                failed.push(format!(
                    "{capture} frame {frame}: tshark stream {stream} seq {seq} ack {ack}, \
                     ours stream {} seq {} ack {}",
                    got[0], got[1], got[2]
                ));
            }
            packets += 1;
        }
    }
    assert!(goldens.len() >= 30, "only {} goldens", goldens.len());
    assert!(packets >= 900, "only {packets} packets compared");
    let n = failed.len();
    failed.truncate(20);
    assert!(n == 0, "{n} packets differ:\n{}", failed.join("\n"));
}
