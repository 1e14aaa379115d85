#!/usr/bin/env bash
# gen-goldens.sh -- regenerate tests/golden/ from the REAL tcpdump.
#
# For every capture file under captures/ (including captures/bad/) and every
# case line "slug<TAB>options" of tests/golden/cases.tsv it runs
#     cd <dir of capture> && TZ=UTC tcpdump -r <basename> <options...>
# (options split on spaces) and stores
#     tests/golden/<path relative to captures/>/<slug>.out   stdout
#     tests/golden/<path relative to captures/>/<slug>.err   stderr
#     tests/golden/<path relative to captures/>/<slug>.rc    exit status + "\n"
# e.g. tests/golden/http-ipv4.pcap/nn.out, tests/golden/bad/empty.pcap/nn.rc.
# tests/golden/VERSION gets `tcpdump --version`.  cases.tsv is created with
# the default case list if it does not exist (lines starting with # and blank
# lines are ignored).  Needs only tcpdump (never tcpscope); no root needed.
#
# Re-run everything (captures, then goldens):
#   sudo scripts/record-captures.sh && scripts/gen-goldens.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CAP=$ROOT/captures
GOLD=$ROOT/tests/golden
TCPDUMP=${TCPDUMP:-tcpdump}

command -v "$TCPDUMP" >/dev/null || { echo "gen-goldens.sh: tcpdump not found" >&2; exit 1; }
mkdir -p "$GOLD"

if [[ ! -f $GOLD/cases.tsv ]]; then
    printf '%s\t%s\n' \
        n '-n' \
        nn '-nn' \
        nn-S '-nn -S' \
        nn-q '-nn -q' \
        nn-num '-nn -#' \
        nn-t '-nn -t' \
        nn-tt '-nn -tt' \
        nn-ttt '-nn -ttt' \
        nn-tttt '-nn -tttt' \
        nn-ttttt '-nn -ttttt' \
        nn-nano '-nn --nano' \
        nn-tttt-nano '-nn -tttt --nano' \
        nn-c3 '-nn -c 3' \
        > "$GOLD/cases.tsv"
fi

"$TCPDUMP" --version > "$GOLD/VERSION" 2>&1 || true

# read the cases
slugs=()
optlines=()
while IFS=$'\t' read -r slug opts || [[ -n $slug ]]; do
    [[ -z $slug || $slug == \#* ]] && continue
    slugs+=("$slug")
    optlines+=("$opts")
done < "$GOLD/cases.tsv"

# the capture files (relative to captures/), sorted for stable output
mapfile -t files < <(cd "$CAP" && find . -type f \( -name '*.pcap' -o -name '*.pcapng' \) \
                     | sed 's|^\./||' | LC_ALL=C sort)
[[ ${#files[@]} -gt 0 ]] || { echo "gen-goldens.sh: no captures in $CAP" >&2; exit 1; }

# drop golden dirs of captures that no longer exist (only dirs named like captures)
while IFS= read -r d; do
    rel=${d#"$GOLD"/}
    [[ -f $CAP/$rel ]] || rm -rf "$d"
done < <(find "$GOLD" -mindepth 1 -type d \( -name '*.pcap' -o -name '*.pcapng' \))

count=0
for rel in "${files[@]}"; do
    dir=$(dirname "$CAP/$rel")
    base=$(basename "$rel")
    out=$GOLD/$rel
    rm -rf "$out"
    mkdir -p "$out"
    for i in "${!slugs[@]}"; do
        slug=${slugs[$i]}
        read -r -a opts <<< "${optlines[$i]}"
        rc=0
        (cd "$dir" && TZ=UTC "$TCPDUMP" -r "$base" "${opts[@]}") \
            > "$out/$slug.out" 2> "$out/$slug.err" || rc=$?
        echo "$rc" > "$out/$slug.rc"
        count=$((count + 1))
    done
done
echo "gen-goldens.sh: ${#files[@]} captures x ${#slugs[@]} cases = $count goldens in $GOLD" >&2
