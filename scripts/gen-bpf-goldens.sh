#!/usr/bin/env bash
# gen-bpf-goldens.sh -- regenerate tests/golden/bpf/ from the REAL tcpdump.
#
# For every case line "slug<TAB>arguments" of tests/golden/bpf/cases.tsv it runs
#     cd captures && tcpdump <arguments...>
# (arguments split on whitespace, never through a shell: `*`, `(` and `|` in
# filter expressions are passed as they are) and stores
#     tests/golden/bpf/<slug>.out   stdout (the compiled program for -d/-dd/-ddd)
#     tests/golden/bpf/<slug>.err   stderr
#     tests/golden/bpf/<slug>.rc    exit status + "\n"
# tests/golden/bpf/VERSION gets `tcpdump --version` (the installed libpcap
# compiles the programs).  Lines starting with # and blank lines are ignored.
# Needs only tcpdump (never tcpscope); no root needed.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GOLD=$ROOT/tests/golden/bpf
TCPDUMP=${TCPDUMP:-tcpdump}

command -v "$TCPDUMP" >/dev/null || { echo "gen-bpf-goldens.sh: tcpdump not found" >&2; exit 1; }
[[ -f $GOLD/cases.tsv ]] || { echo "gen-bpf-goldens.sh: no $GOLD/cases.tsv" >&2; exit 1; }

"$TCPDUMP" --version > "$GOLD/VERSION" 2>&1 || true
find "$GOLD" -maxdepth 1 -type f \( -name '*.out' -o -name '*.err' -o -name '*.rc' \) -delete

count=0
while IFS=$'\t' read -r slug args || [[ -n $slug ]]; do
    [[ -z $slug || $slug == \#* ]] && continue
    read -r -a argv <<< "$args"
    rc=0
    (cd "$ROOT/captures" && TZ=UTC "$TCPDUMP" "${argv[@]}") \
        > "$GOLD/$slug.out" 2> "$GOLD/$slug.err" < /dev/null || rc=$?
    echo "$rc" > "$GOLD/$slug.rc"
    count=$((count + 1))
done < "$GOLD/cases.tsv"
echo "gen-bpf-goldens.sh: $count cases in $GOLD" >&2
