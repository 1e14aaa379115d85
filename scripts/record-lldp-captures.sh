#!/usr/bin/env bash
# record-lldp-captures.sh -- record REAL LLDP frames for the golden tests
# (tests/golden/, made by scripts/gen-goldens.sh from tcpdump):
#
#   captures/lldp.pcap   lldpd (Debian's package, LLDP only: CDP, EDP,
#                        SONMP and FDP stay off) in two throw-away
#                        namespaces over a veth pair with a VLAN on top:
#                        chassis ID (MAC), port ID (MAC), TTL, port and
#                        system description, system name, capabilities,
#                        management addresses (IPv4, IPv6), IEEE 802.1
#                        port VLAN and VLAN name, IEEE 802.3 MAC/PHY,
#                        power via MDI and max frame size, LLDP-MED
#                        (`-M 4`: capabilities, network policy, the three
#                        location formats, extended power, inventory), a
#                        custom organisation TLV, and the TTL-0 frame
#                        lldpd sends when it stops. The TLVs no daemon
#                        here sends (802.1 protocol VLAN/identity/DCB,
#                        DCBX, IANA MUD-URL, bad lengths, cut frames)
#                        are in captures/lldp-crafted.pcap
#                        (scripts/craft-lldp.py).
#
# Traffic never leaves the namespaces. Must run as root; needs lldpd and
# tcpdump. Timestamps, MAC addresses and the kernel version in the system
# description differ between runs; the printing paths do not.
set -euo pipefail
[[ $EUID -eq 0 ]] || { echo "record-lldp-captures.sh: must be run as root" >&2; exit 1; }
for tool in tcpdump ip lldpd lldpcli; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool (apt-get install lldpd tcpdump)" >&2; exit 1; }
done
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/captures
A=t16lA B=t16lB
PIDS=()
TMP=$(mktemp -d)
chmod 755 "$TMP"
cleanup() {
    set +e
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    ip netns del "$A" 2>/dev/null
    ip netns del "$B" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT
ip netns del "$A" 2>/dev/null || true
ip netns del "$B" 2>/dev/null || true
ip netns add "$A"
ip netns add "$B"
ip link add t16la type veth peer name t16lb
ip link set t16la netns "$A"
ip link set t16lb netns "$B"
ip -n "$A" addr add 10.86.0.1/24 dev t16la
ip -n "$A" addr add 2001:db8:86::1/64 dev t16la nodad
ip -n "$B" addr add 10.86.0.2/24 dev t16lb
# A VLAN on top, for the VLAN name TLV, where the kernel has 802.1Q.
VLAN=0
ip -n "$A" link add link t16la name t16la.100 type vlan id 100 2>/dev/null && VLAN=1
for ns in "$A" "$B"; do ip -n "$ns" link set lo up; done
ip -n "$A" link set t16la up
[[ $VLAN == 1 ]] && ip -n "$A" link set t16la.100 up
ip -n "$B" link set t16lb up
sleep 1

ip netns exec "$B" tcpdump -i t16lb -U -s 0 -w "$OUT/lldp.pcap" 'ether proto 0x88cc' 2>/dev/null &
PIDS+=($!)
sleep 1
# lldpd in each namespace, in the foreground (-d), its own control socket
# and a private /run/lldpd; -M 4: LLDP-MED as a network connectivity device.
start() { # ns if sock descr mgmt
    ip netns exec "$1" unshare -m sh -c "mount -t tmpfs none /run/lldpd 2>/dev/null || mkdir -p /run/lldpd; \
        exec lldpd -d -M 4 -I $2 -u $3 -S '$4' -m $5" >"$TMP/lldpd-$1.log" 2>&1 &
    PIDS+=($!)
}
start "$A" t16la "$TMP/a.socket" 'tcpscope LLDP test switch' 10.86.0.1
start "$B" t16lb "$TMP/b.socket" 'tcpscope LLDP test host' 10.86.0.2
sleep 3
cli() { ip netns exec "$A" lldpcli -u "$TMP/a.socket" "$@" >/dev/null 2>&1 || echo "lldpcli $* failed" >&2; }
cli configure system hostname tcpscope-sw1
cli configure lldp portidsubtype ifname
cli configure ports t16la lldp portdescription 'uplink to host b'
cli configure system interface pattern t16la
cli configure ports t16la med location coordinate latitude 48.85667N longitude 2.35083E altitude 35 m datum WGS84
cli configure ports t16la med location address country FR language en street 'Rue de Rivoli' city Paris
cli configure ports t16la med location elin 0123456789
cli configure ports t16la med policy application voice vlan 100 priority voice dscp 46
cli configure ports t16la med power pse source primary priority high value 15000
cli configure ports t16la dot3 power pse supported enabled paircontrol powerpairs spare class class-3
cli configure lldp custom-tlv oui 33,44,55 subtype 44 oui-info 55,55,55
cli configure lldp tx-interval 1
sleep 5
# Stopping lldpd sends a last frame with TTL 0.
kill "${PIDS[1]}"; wait "${PIDS[1]}" 2>/dev/null || true
sleep 1
kill "${PIDS[2]}"; wait "${PIDS[2]}" 2>/dev/null || true
sleep 1
kill "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null || true
PIDS=()
echo "wrote $OUT/lldp.pcap"
