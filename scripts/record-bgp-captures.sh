#!/usr/bin/env bash
# record-bgp-captures.sh -- record REAL BGP sessions for the BGP printer's
# golden tests (issue 16; goldens by scripts/gen-goldens.sh from tcpdump):
#
#   captures/bgp.pcap    FRRouting's bgpd (Debian's frr package) on two routers
#                        in throw-away namespaces joined by one veth pair, one
#                        eBGP session over IPv4 (AS 65001 <-> 4-byte AS
#                        4200000002) carrying IPv4 unicast and IPv6 unicast
#                        (MP_REACH/MP_UNREACH): OPEN with capabilities
#                        (multiprotocol, route refresh, 4-byte AS, add-path,
#                        FQDN, graceful restart...), KEEPALIVEs, UPDATEs with
#                        ORIGIN, AS_PATH (prepended), NEXT_HOP, MED,
#                        COMMUNITIES, large communities; prefixes announced,
#                        then withdrawn (withdrawn routes and MP_UNREACH);
#                        ROUTE-REFRESH (`clear bgp ... soft in`); and a
#                        NOTIFICATION (Cease, administrative shutdown) when r1
#                        shuts the neighbor down.
#
# Traffic never leaves the namespaces. Must run as root; needs frr
# (apt-get install frr), tcpdump. Timestamps, ports and sequence numbers
# differ between runs; the printing paths do not.
set -euo pipefail
[[ $EUID -eq 0 ]] || { echo "record-bgp-captures.sh: must be run as root" >&2; exit 1; }
FRR=/usr/lib/frr
for tool in tcpdump ip vtysh "$FRR/zebra" "$FRR/bgpd"; do
    command -v "$tool" >/dev/null || [[ -x $tool ]] || { echo "missing tool: $tool (apt-get install frr tcpdump)" >&2; exit 1; }
done
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/captures
A=t16bA B=t16bB
# shellcheck source=lib/netns.sh
. "$ROOT/scripts/lib/netns.sh"
PIDS=()
netns_own "$A" "$B"
netns_workdir TMP
netns_fresh "$A" "$B"
netns_veth "$A" t16bgp1 "$B" t16bgp2
ip -n "$A" addr add 10.82.0.1/24 dev t16bgp1
ip -n "$B" addr add 10.82.0.2/24 dev t16bgp2
ip -n "$A" addr add 2001:db8:82::1/64 dev t16bgp1
ip -n "$B" addr add 2001:db8:82::2/64 dev t16bgp2
ip -n "$A" link set t16bgp1 up
ip -n "$B" link set t16bgp2 up

cat >"$TMP/r1.conf" <<EOF
hostname r1
ip prefix-list ALL seq 5 permit any
ipv6 prefix-list ALL6 seq 5 permit any
route-map OUT permit 10
 set metric 77
 set community 65001:100 65001:200 no-export
 set large-community 65001:1:2
 set as-path prepend 65001 65001
route-map OUT6 permit 10
 set metric 66
 set community 65001:600
route-map IN permit 10
router bgp 65001
 bgp router-id 192.0.2.1
 no bgp ebgp-requires-policy
 no bgp network import-check
 no bgp default ipv4-unicast
 neighbor 10.82.0.2 remote-as 4200000002
 neighbor 10.82.0.2 timers 3 9
 neighbor 10.82.0.2 capability dynamic
 address-family ipv4 unicast
  neighbor 10.82.0.2 activate
  neighbor 10.82.0.2 route-map OUT out
  neighbor 10.82.0.2 route-map IN in
  network 198.51.100.0/24
  network 198.51.101.0/25
  network 203.0.113.128/26
 exit-address-family
 address-family ipv6 unicast
  neighbor 10.82.0.2 activate
  neighbor 10.82.0.2 route-map OUT6 out
  network 2001:db8:1000::/48
  network 2001:db8:2000::/36
 exit-address-family
EOF
cat >"$TMP/r2.conf" <<EOF
hostname r2
router bgp 4200000002
 bgp router-id 192.0.2.2
 no bgp ebgp-requires-policy
 no bgp network import-check
 no bgp default ipv4-unicast
 neighbor 10.82.0.1 remote-as 65001
 neighbor 10.82.0.1 timers 3 9
 address-family ipv4 unicast
  neighbor 10.82.0.1 activate
  network 192.0.2.64/27
 exit-address-family
 address-family ipv6 unicast
  neighbor 10.82.0.1 activate
  network 2001:db8:3000::/40
 exit-address-family
EOF
chown -R frr:frr "$TMP"

start() { # $1 namespace, $2 name
    mkdir -p "$TMP/run-$2"
    chown frr:frr "$TMP/run-$2"
    ip netns exec "$1" "$FRR/zebra" -N "t16b$2" -u frr -g frr --vty_socket "$TMP/run-$2" \
        -i "$TMP/$2-zebra.pid" -z "$TMP/run-$2/zserv.api" -f /dev/null -A 127.0.0.1 -P 0 \
        >"$TMP/$2-zebra.log" 2>&1 &
    PIDS+=($!)
    sleep 1
    ip netns exec "$1" "$FRR/bgpd" -N "t16b$2" -u frr -g frr --vty_socket "$TMP/run-$2" \
        -i "$TMP/$2-bgpd.pid" -z "$TMP/run-$2/zserv.api" -f "$TMP/$2.conf" -A 127.0.0.1 -P 0 \
        -l 10.82.0.${2#r} >"$TMP/$2-bgpd.log" 2>&1 &
    PIDS+=($!)
}
vty() { # $1 name, then vtysh commands
    local n=$1
    shift
    local args=()
    for c in "$@"; do args+=(-c "$c"); done
    ip netns exec "$( [[ $n == r1 ]] && echo "$A" || echo "$B")" \
        vtysh --vty_socket "$TMP/run-$n" "${args[@]}" >&2
}

ip netns exec "$A" tcpdump -i t16bgp1 -U -s 0 -w "$TMP/bgp.pcap" 'tcp port 179' 2>/dev/null &
PIDS+=($!)
sleep 1
start "$A" r1
start "$B" r2
sleep 12
# Withdraw an IPv4 and an IPv6 prefix, announce another.
vty r1 "configure terminal" "router bgp 65001" "address-family ipv4 unicast" \
    "no network 198.51.101.0/25" "network 100.64.0.0/10" "exit-address-family" \
    "address-family ipv6 unicast" "no network 2001:db8:2000::/36" "exit-address-family"
sleep 4
vty r2 "configure terminal" "router bgp 4200000002" "address-family ipv4 unicast" \
    "no network 192.0.2.64/27" "exit-address-family"
sleep 3
# ROUTE-REFRESH both ways.
vty r1 "clear bgp ipv4 unicast 10.82.0.2 soft in"
vty r2 "clear bgp ipv6 unicast 10.82.0.1 soft in"
sleep 3
# NOTIFICATION: r1 shuts the session down administratively.
vty r1 "configure terminal" "router bgp 65001" "neighbor 10.82.0.2 shutdown message maintenance window"
sleep 3
for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done
PIDS=()
cp "$TMP/bgp.pcap" "$OUT/bgp.pcap"
echo "wrote $OUT/bgp.pcap"
