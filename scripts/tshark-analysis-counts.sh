#!/usr/bin/env bash
# tshark-analysis-counts.sh -- Wireshark's own TCP analysis of every capture in
# captures/analyze/, as TSV on stdout: one line per capture with the number of
# frames carrying each tcp.analysis.* flag below.  This is the independent
# cross-check of the connection analyzer (issue 6); its output is committed as
# captures/analyze/tshark-counts.tsv:
#   scripts/tshark-analysis-counts.sh > captures/analyze/tshark-counts.tsv
# Needs only tshark (Wireshark's default TCP preferences: relative sequence
# numbers, "analyze TCP sequence numbers" on).  No root needed.  (Wireshark
# names the window probe flag tcp.analysis.zero_window_probe.)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=${1:-$ROOT/captures/analyze}
command -v tshark >/dev/null || { echo "tshark-analysis-counts.sh: tshark not found (apt-get install tshark)" >&2; exit 1; }
FIELDS=(retransmission fast_retransmission spurious_retransmission out_of_order
        lost_segment duplicate_ack zero_window zero_window_probe keep_alive keep_alive_ack)
printf '# %s\n' "$(tshark --version 2>/dev/null | head -1)"
printf 'capture'
printf '\t%s' "${FIELDS[@]/#/tcp.analysis.}"
printf '\n'
for f in $(cd "$DIR" && ls -1 -- *.pcap | LC_ALL=C sort); do
    # one pass: print, per frame, which of the flags it carries
    args=()
    for x in "${FIELDS[@]}"; do args+=(-e "tcp.analysis.$x"); done
    tshark -n -r "$DIR/$f" -T fields -E separator=/t -E occurrence=f "${args[@]}" 2>/dev/null \
        | awk -F'\t' -v name="$f" -v n="${#FIELDS[@]}" '
            { for (i = 1; i <= n; i++) if ($i != "") c[i]++ }
            END { printf "%s", name; for (i = 1; i <= n; i++) printf "\t%d", c[i] + 0; printf "\n" }'
done
