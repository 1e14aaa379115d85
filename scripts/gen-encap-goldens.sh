#!/usr/bin/env bash
# gen-encap-goldens.sh -- what tcpdump prints for the encapsulation captures.
#
# For every tests/data/encap/*.pcap (not public/) and every case line
# "slug<TAB>options" of tests/golden/cases.tsv (the option sets of
# scripts/gen-goldens.sh: -nn, -v/-vv/-vvv, -e, -q, -x/-X/-A, timestamps, …)
# it runs, in that folder,
#     TZ=UTC tcpdump -r NAME.pcap OPTIONS  > tcpdump/NAME.SLUG.out
# e.g. tcpdump/gre.nn.out (-nn), gre.nn-v.out (-nn -v), gre.nn-e.out (-nn -e)
# (stdout only; stderr's "reading from file ..." line is dropped) and writes
# tcpdump/VERSION (`tcpdump --version`).  The same for tests/data/encap/public/
# into public/tcpdump/.  Needs only tcpdump; no root.  TCPDUMP=/path overrides.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TCPDUMP=${TCPDUMP:-tcpdump}
command -v "$TCPDUMP" >/dev/null || { echo "gen-encap-goldens.sh: tcpdump not found" >&2; exit 1; }

gen() { # gen DIR
    local dir=$1 f name
    [[ -d $dir ]] || return 0
    mkdir -p "$dir/tcpdump"
    "$TCPDUMP" --version > "$dir/tcpdump/VERSION" 2>&1 || true
    (
        cd "$dir"
        for f in $(find . -maxdepth 1 -type f \( -name '*.pcap' -o -name '*.pcapng' \) | sed 's|^\./||' | LC_ALL=C sort); do
            name=${f%.pcap}
            name=${name%.pcapng}
            while IFS=$'\t' read -r slug opts || [[ -n $slug ]]; do
                [[ -z $slug || $slug == \#* ]] && continue
                read -r -a o <<< "$opts"
                TZ=UTC "$TCPDUMP" -r "$f" "${o[@]}" > "tcpdump/$name.$slug.out" 2>/dev/null || true
            done < "$ROOT/tests/golden/cases.tsv"
        done
    )
}

gen "$ROOT/tests/data/encap"
gen "$ROOT/tests/data/encap/public"
echo "gen-encap-goldens.sh: wrote $ROOT/tests/data/encap/tcpdump/" >&2
