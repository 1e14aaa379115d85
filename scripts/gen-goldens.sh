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
# Captures under captures/bad/timestamps-* (crafted by
# scripts/craft-timestamps.py) also get every case of
# tests/golden/cases-timestamps.tsv (the timestamp styles with --nano).
#
# With arguments (capture paths relative to captures/), only those
# captures' goldens are made, the others left as they are:
#   scripts/gen-goldens.sh bad/timestamps-micro.pcap
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

# the timestamp cases
ts_slugs=()
ts_optlines=()
while IFS=$'\t' read -r slug opts || [[ -n $slug ]]; do
    [[ -z $slug || $slug == \#* ]] && continue
    ts_slugs+=("$slug")
    ts_optlines+=("$opts")
done < "$GOLD/cases-timestamps.tsv"

# the capture files (relative to captures/), sorted for stable output
if [[ $# -gt 0 ]]; then
    files=("$@")
    for rel in "${files[@]}"; do
        [[ -f $CAP/$rel ]] || { echo "gen-goldens.sh: no capture $CAP/$rel" >&2; exit 1; }
    done
else
    mapfile -t files < <(cd "$CAP" && find . -type f \( -name '*.pcap' -o -name '*.pcapng' \) \
                         | sed 's|^\./||' | LC_ALL=C sort)
fi
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
    all_slugs=("${slugs[@]}")
    all_opts=("${optlines[@]}")
    if [[ $base == timestamps-* ]]; then
        all_slugs+=("${ts_slugs[@]}")
        all_opts+=("${ts_optlines[@]}")
    fi
    for i in "${!all_slugs[@]}"; do
        slug=${all_slugs[$i]}
        read -r -a opts <<< "${all_opts[$i]}"
        rc=0
        (cd "$dir" && TZ=UTC "$TCPDUMP" -r "$base" "${opts[@]}") \
            > "$out/$slug.out" 2> "$out/$slug.err" || rc=$?
        echo "$rc" > "$out/$slug.rc"
        count=$((count + 1))
    done
done
echo "gen-goldens.sh: ${#files[@]} captures, $count goldens in $GOLD" >&2

# tcpdump (libpcap 1.10) refuses a pcapng whose interfaces have different link
# types; tcpscope reads it. The expectation for such files is what tcpdump
# prints for each interface's packets on their own: split per interface into
# classic pcap files (python, below) and run tcpdump -tt -nn on each.
split_pcapng() { # $1 pcapng, $2 out dir -> $2/if<N>.pcap
    python3 - "$1" "$2" <<'PY'
import struct, sys
data = open(sys.argv[1], 'rb').read()
out, pos, e, ifaces, files = sys.argv[2], 0, '<', [], {}
while pos + 12 <= len(data):
    btype = struct.unpack_from('<I', data, pos)[0]
    if btype == 0x0A0D0D0A:
        e = '<' if struct.unpack_from('<I', data, pos + 8)[0] == 0x1A2B3C4D else '>'
        ifaces = []
    blen = struct.unpack_from(e + 'I', data, pos + 4)[0]
    body = data[pos + 8:pos + blen - 4]
    btype = struct.unpack_from(e + 'I', data, pos)[0]
    if btype == 1:
        lt, _, snap = struct.unpack_from(e + 'HHI', body, 0)
        tsresol, o = 6, 8
        while o + 4 <= len(body):
            code, ln = struct.unpack_from(e + 'HH', body, o)
            if code == 0: break
            if code == 9: tsresol = body[o + 4]
            o += 4 + (ln + 3) // 4 * 4
        assert tsresol < 128, 'only decimal if_tsresol is handled here'
        ifaces.append((lt, snap, 10 ** tsresol))
    elif btype == 6:
        iid, hi, lo, cap, orig = struct.unpack_from(e + 'IIIII', body, 0)
        if iid not in files:
            lt, snap, _ = ifaces[iid]
            files[iid] = open(f'{out}/if{iid}.pcap', 'wb')
            files[iid].write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, snap, lt))
        t = (hi << 32 | lo) * 10**6 // ifaces[iid][2]
        files[iid].write(struct.pack('<IIII', t // 10**6, t % 10**6, cap, orig) + body[20:20 + cap])
    pos += max(blen, 12)
PY
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for rel in mixed.pcapng; do
    [[ -f $CAP/$rel ]] || continue
    split_pcapng "$CAP/$rel" "$tmp"
    for f in "$tmp"/if*.pcap; do TZ=UTC "$TCPDUMP" -tt -nn -r "$f" 2>/dev/null; done \
        | sort > "$GOLD/$rel/per-interface-tt-nn.sorted"
    rm -f "$tmp"/if*.pcap
done
