#!/usr/bin/env bash
# gen-encap-goldens.sh -- what tcpdump prints for the encapsulation captures.
#
# For every tests/data/encap/*.pcap (not public/) it runs, in that folder,
#     TZ=UTC tcpdump -nn    -r NAME.pcap   > tcpdump/NAME.nn.out
#     TZ=UTC tcpdump -nn -v -r NAME.pcap   > tcpdump/NAME.nn-v.out
#     TZ=UTC tcpdump -nn -e -r NAME.pcap   > tcpdump/NAME.nn-e.out
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
            TZ=UTC "$TCPDUMP" -nn -r "$f" > "tcpdump/$name.nn.out" 2>/dev/null || true
            TZ=UTC "$TCPDUMP" -nn -v -r "$f" > "tcpdump/$name.nn-v.out" 2>/dev/null || true
            TZ=UTC "$TCPDUMP" -nn -e -r "$f" > "tcpdump/$name.nn-e.out" 2>/dev/null || true
        done
    )
}

gen "$ROOT/tests/data/encap"
gen "$ROOT/tests/data/encap/public"
echo "gen-encap-goldens.sh: wrote $ROOT/tests/data/encap/tcpdump/" >&2
