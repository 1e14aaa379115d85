#!/usr/bin/env bash
# tshark-follow.sh -- the goldens of --follow (issue 19): what
# `tshark -r FILE -qz follow,tcp,FORMAT,N` (Wireshark 4.0.17) prints for each
# case below, into tests/golden/follow/NAME.txt, and the list of cases into
# tests/golden/follow/cases.tsv (name, stream, format, inputs, filter), which
# tests/cli/follow.rs runs tcpscope on and compares byte for byte:
#   scripts/tshark-follow.sh
# Several inputs are merged first (mergecap, by timestamp, as -r A -r B), a
# filter applied by tcpdump (-w -), so tshark numbers the streams of the
# packets tcpscope keeps. Needs tshark, mergecap and tcpdump. No root needed.
# The derived captures in captures/follow/ come from
# scripts/craft-follow-captures.py (run it first after changing it).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/tests/golden/follow
for t in tshark mergecap tcpdump; do
    command -v $t >/dev/null || { echo "tshark-follow.sh: $t not found (apt-get install tshark tcpdump)" >&2; exit 1; }
done
mkdir -p "$OUT"
rm -f "$OUT"/*.txt
cd "$ROOT"
ALL="ascii hex raw ebcdic yaml"
BASIC="ascii hex raw"

{
printf '# %s\n' "$(tshark --version 2>/dev/null | head -1)"
printf 'name\tstream\tformat\tinputs\tfilter\n'
} > "$OUT/cases.tsv"

# case NAME STREAM FORMAT "INPUTS" ["FILTER"]
case_() {
    local name=$1 n=$2 fmt=$3 inputs=$4 filter=${5:-}
    # shellcheck disable=SC2086
    set -- $inputs
    if [ $# -gt 1 ]; then
        mergecap -F pcap -w - "$@"
    else
        cat "$1"
    fi | if [ -n "$filter" ]; then
        tcpdump -r - -w - "$filter" 2>/dev/null
    else
        cat
    fi | tshark -r - -qz "follow,tcp,$fmt,$n" > "$OUT/$name.txt" 2>/dev/null
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$n" "$fmt" "$inputs" "$filter" >> "$OUT/cases.tsv"
}

# Every format on a reordered stream with retransmissions, on one with
# segments lost from the capture (both directions), and over IPv6.
for f in $ALL; do
    case_ "loss-reorder.0.$f" 0 $f captures/analyze/loss-reorder.pcap
    case_ "loss-gap.0.$f" 0 $f captures/follow/loss-gap.pcap
    case_ "reordered.0.$f" 0 $f captures/follow/reordered.pcap
    case_ "http-ipv6.0.$f" 0 $f captures/http-ipv6.pcap
done
# Other shipped captures, several streams each.
for f in $BASIC; do
    case_ "http-ipv4.0.$f" 0 $f captures/http-ipv4.pcap
    case_ "normal-client-close-ipv6.0.$f" 0 $f captures/analyze/normal-client-close-ipv6.pcap
    case_ "zero-window.0.$f" 0 $f captures/analyze/zero-window.pcap
    case_ "reset-mid-upload.0.$f" 0 $f captures/analyze/reset-mid-upload.pcap
    # A stream that goes on 15 s after its RST (two connections, one
    # tcp.stream), then a new stream on the 4-tuple.
    case_ "reset-then-late.0.$f" 0 $f captures/follow/reset-then-late.pcap
    case_ "reset-then-late.1.$f" 1 $f captures/follow/reset-then-late.pcap
    case_ "half-close.0.$f" 0 $f captures/analyze/half-close.pcap
    case_ "snaplen.0.$f" 0 $f captures/snaplen.pcap
    case_ "telnet.0.$f" 0 $f captures/telnet.pcap
    for n in 0 5 13; do
        case_ "resp.$n.$f" $n $f captures/resp.pcap
    done
done
for n in 0 7 19; do
    case_ "time-wait-pile.$n.ascii" $n ascii captures/analyze/time-wait-pile.pcap
done
case_ port-scan.3.ascii 3 ascii captures/analyze/port-scan.pcap
case_ refused.1.hex 1 hex captures/refused.pcap
case_ icmp-reject-ipv6.0.ascii 0 ascii captures/analyze/icmp-reject-ipv6.pcap
# An ICMP error quoting a TCP header numbers a stream of its own.
for n in 0 1 2; do
    case_ "icmp-quote.$n.ascii" $n ascii captures/follow/icmp-quote.pcap
done
case_ cooked.0.ascii 0 ascii captures/cooked.pcap
case_ mixed.0.hex 0 hex captures/mixed.pcapng
case_ gre-flags.1.ascii 1 ascii captures/tunnels/gre-flags.pcap
case_ syn-options.7.raw 7 raw captures/syn-options.pcap
case_ keepalive.0.yaml 0 yaml captures/analyze/keepalive.pcap
case_ nano.0.yaml 0 yaml captures/nano.pcap
# A stream number the capture does not have.
case_ loss-reorder.7.ascii 7 ascii captures/analyze/loss-reorder.pcap
case_ loss-reorder.7.yaml 7 yaml captures/analyze/loss-reorder.pcap
case_ dns.0.hex 0 hex captures/dns.pcap
# With a filter expression, and with several inputs merged.
case_ resp-filter.2.ascii 2 ascii captures/resp.pcap "not port 51048"
case_ resp-dst.1.hex 1 hex captures/resp.pcap "dst port 6379"
# Filters that drop the handshake or segments (the acknowledgements then
# cover bytes the follower never saw: gaps).
case_ reordered-psh.0.hex 0 hex captures/follow/reordered.pcap "tcp[13] & 8 != 0"
case_ loss-gap-nosyn.0.ascii 0 ascii captures/follow/loss-gap.pcap "not tcp[13] & 2 != 0"
case_ merged.1.ascii 1 ascii "captures/http-ipv4.pcap captures/http-ipv6.pcap"
case_ merged.0.raw 0 raw "captures/http-ipv6.pcap captures/http-ipv4.pcap"
case_ merged-filter.0.hex 0 hex "captures/http-ipv4.pcap captures/http-ipv6.pcap" "ip6"
echo "tshark-follow.sh: $(($(wc -l < "$OUT/cases.tsv") - 2)) cases in $OUT" >&2
