#!/usr/bin/env bash
# tshark-relative.sh -- the goldens of the per-packet stream numbers and
# relative sequence and acknowledgement numbers (`--json`'s per-packet
# `stream`, `seq`/`ack`; the packets table's `tcp_stream`,
# `tcp_seq_rel`/`tcp_ack_rel`): what tshark (Wireshark 4.0.17) shows as
# `tcp.stream`, `tcp.seq` and `tcp.ack` for every TCP packet (not a header
# quoted in an ICMP error) of the captures below, one TSV per capture into
# tests/golden/relative/ (frame number, tcp.stream, tcp.seq, tcp.ack), which
# tests/cli/relative.rs compares with tcpscope's:
#   scripts/tshark-relative.sh
# Captures: every one of captures/analyze/ and captures/follow/ (a connection
# whose handshake was missed, one direction only, lost and reordered
# segments, port scans' RSTs whose ACK flag is clear, a conversation that
# goes on after a RST and a new one on its 4-tuple), and a few more.
# Needs tshark. No root needed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/tests/golden/relative
command -v tshark >/dev/null || { echo "tshark-relative.sh: tshark not found (apt-get install tshark)" >&2; exit 1; }
mkdir -p "$OUT"
rm -f "$OUT"/*.tsv
cd "$ROOT"
for f in captures/analyze/*.pcap captures/follow/*.pcap captures/http-ipv4.pcap \
         captures/http-ipv6.pcap captures/telnet.pcap captures/refused.pcap \
         captures/syn-options.pcap captures/resp.pcap captures/wifi/radiotap.pcap \
         captures/wifi/ieee80211.pcap; do
    name=$(echo "${f#captures/}" | tr / _)
    name=${name%.pcap}
    {
        printf '# %s\n' "$(tshark --version 2>/dev/null | head -1)"
        printf '# tshark -n -r %s -Y "tcp && !icmp && !icmpv6" -T fields -e frame.number -e tcp.stream -e tcp.seq -e tcp.ack\n' "$f"
        printf 'frame\ttcp.stream\ttcp.seq\ttcp.ack\n'
        tshark -n -r "$f" -Y 'tcp && !icmp && !icmpv6' -T fields -E occurrence=f \
            -e frame.number -e tcp.stream -e tcp.seq -e tcp.ack 2>/dev/null
    } > "$OUT/$name.tsv"
done
echo "tshark-relative.sh: $(ls "$OUT" | wc -l) goldens in $OUT"
