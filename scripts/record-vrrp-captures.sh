#!/usr/bin/env bash
# record-vrrp-captures.sh -- record REAL VRRP traffic for the golden tests
# (tests/golden/, made by scripts/gen-goldens.sh from tcpdump):
#
#   captures/vrrp.pcap   keepalived (Debian's package) in a throw-away
#                        namespace advertising four VRRP instances on one
#                        veth: VRRPv2 with a simple password and two virtual
#                        addresses, VRRPv2 without authentication, VRRPv3
#                        over IPv4 (centisecond interval) and VRRPv3 over
#                        IPv6 with two virtual addresses. The other end of
#                        the veth, in a second namespace, only listens, so
#                        every instance becomes master and advertises.
#
# Traffic never leaves the namespaces. Must run as root; needs keepalived
# and tcpdump. Timestamps and the IPv6 link-local source differ between
# runs; the printing paths do not.
set -euo pipefail
[[ $EUID -eq 0 ]] || { echo "record-vrrp-captures.sh: must be run as root" >&2; exit 1; }
for tool in tcpdump ip keepalived; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool (apt-get install keepalived tcpdump)" >&2; exit 1; }
done
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/captures
A=t16fA B=t16fB
# shellcheck source=lib/netns.sh
. "$ROOT/scripts/lib/netns.sh"
PIDS=()
netns_own "$A" "$B"
netns_workdir TMP
netns_fresh "$A" "$B"
netns_veth "$A" t16fa "$B" t16fb
ip -n "$A" addr add 10.84.0.1/24 dev t16fa
ip -n "$B" addr add 10.84.0.2/24 dev t16fb
ip -n "$A" addr add 2001:db8:84::1/64 dev t16fa nodad
ip -n "$A" link set t16fa up
ip -n "$B" link set t16fb up
sleep 2

cat >"$TMP/keepalived.conf" <<'EOF'
global_defs {
    router_id t16f
    enable_script_security
}
vrrp_instance v2pass {
    state MASTER
    interface t16fa
    virtual_router_id 51
    priority 150
    advert_int 1
    version 2
    authentication {
        auth_type PASS
        auth_pass secret1
    }
    virtual_ipaddress {
        10.84.0.51/24
        10.84.0.52/24
    }
}
vrrp_instance v2none {
    state BACKUP
    interface t16fa
    virtual_router_id 52
    priority 100
    advert_int 2
    version 2
    virtual_ipaddress {
        10.84.0.53/24
    }
}
vrrp_instance v3ipv4 {
    state MASTER
    interface t16fa
    virtual_router_id 53
    priority 200
    advert_int 0.5
    version 3
    virtual_ipaddress {
        10.84.0.54/24
    }
}
vrrp_instance v3ipv6 {
    state MASTER
    interface t16fa
    virtual_router_id 54
    priority 120
    advert_int 1
    version 3
    native_ipv6
    virtual_ipaddress {
        2001:db8:84::54/64
        2001:db8:84::55/64
    }
}
EOF
ip netns exec "$B" tcpdump -i t16fb -U -s 0 -w "$OUT/vrrp.pcap" 'ip proto 112 or ip6 proto 112' 2>/dev/null &
PIDS+=($!)
sleep 1
ip netns exec "$A" keepalived -n -l -P -f "$TMP/keepalived.conf" -p "$TMP/k.pid" -r "$TMP/v.pid" \
    >"$TMP/keepalived.log" 2>&1 &
PIDS+=($!)
sleep 7
kill "${PIDS[1]}"; wait "${PIDS[1]}" 2>/dev/null || true
sleep 1
kill "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null || true
PIDS=()
echo "wrote $OUT/vrrp.pcap"
