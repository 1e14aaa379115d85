#!/usr/bin/env bash
# record-cdp-captures.sh -- record REAL CDP frames for the golden tests
# (tests/golden/, made by scripts/gen-goldens.sh from tcpdump):
#
#   captures/cdp.pcap    lldpd (Debian's package) in a throw-away namespace,
#                        told to send CDPv2 (`-ccc`; LLDP off with
#                        `-ll` would also silence it, so LLDP frames are
#                        filtered out of the capture): Device-ID, addresses
#                        (IPv4), Port-ID, capabilities, the version
#                        text over several lines, platform, over 802.2
#                        SNAP with Cisco's OUI. The other TLVs are in
#                        captures/cdp-crafted.pcap (scripts/craft-transport.py).
#
# Traffic never leaves the namespaces. Must run as root; needs lldpd and
# tcpdump. Timestamps and MAC addresses differ between runs; the printing
# paths do not.
set -euo pipefail
[[ $EUID -eq 0 ]] || { echo "record-cdp-captures.sh: must be run as root" >&2; exit 1; }
for tool in tcpdump ip lldpd; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool (apt-get install lldpd tcpdump)" >&2; exit 1; }
done
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/captures
A=t16hA B=t16hB
# shellcheck source=lib/netns.sh
. "$ROOT/scripts/lib/netns.sh"
PIDS=()
netns_own "$A" "$B"
netns_workdir TMP
netns_fresh "$A" "$B"
netns_veth "$A" t16ha "$B" t16hb
ip -n "$A" addr add 10.85.0.1/24 dev t16ha
ip -n "$A" addr add 2001:db8:85::1/64 dev t16ha nodad
ip -n "$B" addr add 10.85.0.2/24 dev t16hb
ip -n "$A" link set t16ha up
ip -n "$B" link set t16hb up
sleep 1

ip netns exec "$B" tcpdump -i t16hb -U -s 0 -w "$OUT/cdp.pcap" 'ether dst 01:00:0c:cc:cc:cc' 2>/dev/null &
PIDS+=($!)
sleep 1
# -d: stay in the foreground; -cc: CDPv1 and CDPv2; its own control socket
# and no privilege separation user change outside the namespace's files.
ip netns exec "$A" unshare -m sh -c "mount -t tmpfs none /run/lldpd 2>/dev/null || mkdir -p /run/lldpd; \
    exec lldpd -d -ccc -I t16ha -u $TMP/lldpd.socket -S 'tcpscope test switch
version text line 2' -m 10.85.0.1" >"$TMP/lldpd.log" 2>&1 &
PIDS+=($!)
sleep 4
ip netns exec "$A" lldpcli -u "$TMP/lldpd.socket" configure lldp tx-interval 1 >/dev/null 2>&1 || true
sleep 4
kill "${PIDS[1]}"; wait "${PIDS[1]}" 2>/dev/null || true
sleep 1
kill "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null || true
PIDS=()
echo "wrote $OUT/cdp.pcap"
