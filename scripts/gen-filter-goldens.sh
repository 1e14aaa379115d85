#!/usr/bin/env bash
# gen-filter-goldens.sh -- which packets the REAL tcpdump keeps for each filter.
#
# For every capture under captures/ (not captures/bad/) and every expression in
# tests/filter/expressions.txt (one per line, # comments), runs
#     TZ=UTC tcpdump -S -tt -nn -r CAPTURE EXPRESSION
# With -S and -tt each packet's line depends on that packet only, so the kept
# lines are a subsequence of the unfiltered listing; their 1-based positions
# are written to tests/golden/filter/<capture path>.tsv as
#     <expression line number> TAB <exit status> TAB <positions, comma-separated>
# Needs only tcpdump (never tcpscope). Re-run after changing captures or
# expressions: scripts/gen-filter-goldens.sh; with arguments (capture paths
# relative to captures/) only those captures' files are remade:
#     scripts/gen-filter-goldens.sh tunnels/ppp.pcap
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TCPDUMP=${TCPDUMP:-tcpdump}
EXPRS=$ROOT/tests/filter/expressions.txt
OUT=$ROOT/tests/golden/filter
command -v "$TCPDUMP" >/dev/null || { echo "gen-filter-goldens.sh: tcpdump not found" >&2; exit 1; }
# a private scratch folder: several checkouts may run this at once
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$ROOT/captures"
if [[ $# -gt 0 ]]; then
    # only these captures (paths relative to captures/); the others stay
    printf '%s\n' "$@"
else
    rm -rf "$OUT"
    find . -path ./bad -prune -o -type f \( -name '*.pcap' -o -name '*.pcapng' \) -print | sed 's|^\./||' | sort
fi |
while read -r cap; do
    # NFS replies print according to the calls seen before them (tcpdump's xid
    # table), so a filtered listing is not a subsequence of the unfiltered one:
    # positions cannot be recorded this way (its printing has goldens instead).
    [[ $cap == nfs.pcap ]] && continue
    # tcpdump cannot read pcapngs mixing link types: nothing to compare against.
    TZ=UTC "$TCPDUMP" -S -tt -nn -r "$cap" > "$TMP/all" 2>/dev/null || continue
    mkdir -p "$OUT/$(dirname "$cap")"
    n=0
    while IFS= read -r expr; do
        n=$((n + 1))
        case $expr in ''|'#'*) continue ;; esac
        rc=0
        TZ=UTC "$TCPDUMP" -S -tt -nn -r "$cap" "$expr" > "$TMP/some" 2>/dev/null || rc=$?
        pos=$(awk 'FILENAME == ARGV[1] { want[++k] = $0; next } i < k && $0 == want[i + 1] { i++; printf "%s%d", (i > 1 ? "," : ""), FNR }
                   END { if (i < k) print "gen-filter-goldens: kept lines not found in order" > "/dev/stderr" }' "$TMP/some" "$TMP/all")
        printf '%d\t%d\t%s\n' "$n" "$rc" "$pos"
    done < "$EXPRS" > "$OUT/$cap.tsv"
done
echo "gen-filter-goldens.sh: wrote $(find "$OUT" -name '*.tsv' | wc -l) files in $OUT" >&2
