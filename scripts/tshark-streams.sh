#!/usr/bin/env bash
# tshark-streams.sh -- Wireshark's connection numbering (tcp.stream) of every
# capture in captures/analyze/, as TSV on stdout: per capture and stream, the
# two ends of its first frame.  tcpscope numbers connections the same way
# (the "stream" of --connections --json, what --graph N takes); the test
# tests/cli/graph.rs compares.  Committed as captures/analyze/tshark-streams.tsv:
#   scripts/tshark-streams.sh > captures/analyze/tshark-streams.tsv
# Needs only tshark (apt-get install tshark).  No root needed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=${1:-$ROOT/captures/analyze}
command -v tshark >/dev/null || { echo "tshark-streams.sh: tshark not found (apt-get install tshark)" >&2; exit 1; }
printf '# %s\n' "$(tshark --version 2>/dev/null | head -1)"
printf 'capture\tstream\tend_a\tend_b\n'
for f in $(cd "$DIR" && ls -1 -- *.pcap | LC_ALL=C sort); do
    # Frames whose own TCP header (not one quoted in ICMP) starts a stream.
    tshark -n -r "$DIR/$f" -Y 'tcp && !icmp && !icmpv6' -T fields -E separator=/t -E occurrence=f \
        -e tcp.stream -e ip.src -e ipv6.src -e tcp.srcport -e ip.dst -e ipv6.dst -e tcp.dstport 2>/dev/null \
        | awk -F'\t' -v name="$f" '
            !seen[$1]++ {
                a = ($2 != "") ? $2 ":" $4 : "[" $3 "]:" $4
                b = ($5 != "") ? $5 ":" $7 : "[" $6 "]:" $7
                printf "%s\t%s\t%s\t%s\n", name, $1, a, b
            }'
done
