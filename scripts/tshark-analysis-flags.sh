#!/usr/bin/env bash
# tshark-analysis-flags.sh -- the goldens of the per-packet TCP analysis
# flags (`--json`'s per-packet `analysis`, the packets table's
# `tcp_analysis`): which `tcp.analysis.*` flags tshark (Wireshark 4.0.17)
# sets on every TCP packet (not a header quoted in an ICMP error) of every
# shipped capture with TCP in captures/ (plain, analyze/, follow/, tunnels/),
# one TSV per capture into tests/golden/analysis/ (frame number, then the
# flags' names, `,`-separated, empty when none), which
# tests/cli/analysis_flags.rs compares with tcpscope's:
#   scripts/tshark-analysis-flags.sh
# Not tunnels/ppp.pcap: tshark 4.0.17 does not decode its frames that
# start with tcpdump's PPP direction bytes (00 03 00 21: `In IP (0x0021)`
# in tcpdump's line) and shows them as ppp:data, so it misses two of the
# server's segments; tcpdump and tcpscope decode their IP, so see no loss.
# Crafted for the flags: captures/flags/ (scripts/craft-flag-captures.py).
# Needs tshark. No root needed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/tests/golden/analysis
command -v tshark >/dev/null || { echo "tshark-analysis-flags.sh: tshark not found (apt-get install tshark)" >&2; exit 1; }
# Wireshark's flags, by their field names (tcp.analysis.NAME).
FLAGS="retransmission fast_retransmission spurious_retransmission out_of_order
lost_segment ack_lost_segment duplicate_ack zero_window zero_window_probe
zero_window_probe_ack keep_alive keep_alive_ack window_update window_full reused_ports"
mkdir -p "$OUT"
rm -f "$OUT"/*.tsv
cd "$ROOT"
fields=(-e frame.number)
for a in $FLAGS; do fields+=(-e "tcp.analysis.$a"); done
n=0
for f in $(git ls-files 'captures/*.pcap' 'captures/*.pcapng' | grep -v '^captures/\(bad\|corpus\)/' | grep -vx 'captures/tunnels/ppp.pcap' | sort); do
    rows=$(tshark -n -r "$f" -Y 'tcp && !icmp && !icmpv6' -T fields -E occurrence=f "${fields[@]}" 2>/dev/null || true)
    [ -n "$rows" ] || continue
    name=$(echo "${f#captures/}" | tr / _)
    name=${name%.*}
    {
        printf '# %s\n' "$(tshark --version 2>/dev/null | head -1)"
        printf '# tshark -n -r %s -Y "tcp && !icmp && !icmpv6" -T fields -e frame.number -e tcp.analysis.{%s}\n' \
            "$f" "$(echo $FLAGS | tr ' ' ,)"
        printf 'frame\tanalysis\n'
        # Each set field is printed as its value (1 or a frame number):
        # keep the names of the non-empty ones.
        echo "$rows" | awk -F'\t' -v names="$(echo $FLAGS)" '
            BEGIN { k = split(names, n, " ") }
            { s = ""; for (i = 1; i <= k; i++) if ($(i + 1) != "") s = s (s == "" ? "" : ",") n[i]
              print $1 "\t" s }'
    } > "$OUT/$name.tsv"
    n=$((n + 1))
done
echo "tshark-analysis-flags.sh: $n goldens in $OUT"
