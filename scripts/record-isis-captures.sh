#!/usr/bin/env bash
# record-isis-captures.sh -- record REAL IS-IS traffic for the golden tests
# (tests/golden/, made by scripts/gen-goldens.sh from tcpdump):
#
#   captures/isis.pcap   FRRouting's isisd (Debian's frr package) on two
#                        routers in throw-away namespaces, joined by two veth
#                        pairs: a broadcast link (L1 and L2 LAN IIHs with
#                        padding, LSPs, CSNPs, PSNPs) and a point-to-point
#                        link (p2p IIHs with the adjacency-state TLV, padded while the
#                        adjacency forms).
#                        Both address families; r1 with wide metrics and
#                        multi-topology (IPv6 unicast), r2 with wide and
#                        narrow metrics (transition),
#                        hostnames, an MD5 hello password on the LAN and a
#                        clear area password, the overload bit on one
#                        router, TE router id. tcpdump captures on r1's
#                        side of both links into one file (-i any would
#                        make Linux cooked frames; two files are merged
#                        with mergecap by time).
#
# Traffic never leaves the namespaces. Must run as root; needs frr
# (apt-get install frr), tcpdump, mergecap. Timestamps and sequence numbers
# differ between runs; the printing paths do not.
set -euo pipefail
[[ $EUID -eq 0 ]] || { echo "record-isis-captures.sh: must be run as root" >&2; exit 1; }
FRR=/usr/lib/frr
for tool in tcpdump ip mergecap editcap "$FRR/zebra" "$FRR/isisd"; do
    command -v "$tool" >/dev/null || [[ -x $tool ]] || { echo "missing tool: $tool (apt-get install frr tcpdump wireshark-common)" >&2; exit 1; }
done
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/captures
A=t16dA B=t16dB
# shellcheck source=lib/netns.sh
. "$ROOT/scripts/lib/netns.sh"
PIDS=()
netns_own "$A" "$B"
netns_workdir TMP
netns_fresh "$A" "$B"
netns_veth "$A" t16dlan1 "$B" t16dlan2
netns_veth "$A" t16dp2p1 "$B" t16dp2p2
ip -n "$A" addr add 10.81.0.1/24 dev t16dlan1
ip -n "$B" addr add 10.81.0.2/24 dev t16dlan2
ip -n "$A" addr add 10.81.1.1/30 dev t16dp2p1
ip -n "$B" addr add 10.81.1.2/30 dev t16dp2p2
ip -n "$A" addr add 2001:db8:81::1/64 dev t16dlan1
ip -n "$B" addr add 2001:db8:81::2/64 dev t16dlan2
ip -n "$A" addr add 192.0.2.1/32 dev lo
ip -n "$B" addr add 192.0.2.2/32 dev lo
for l in t16dlan1 t16dp2p1; do ip -n "$A" link set "$l" up; done
for l in t16dlan2 t16dp2p2; do ip -n "$B" link set "$l" up; done

conf() { # $1 name, $2 lan if, $3 p2p if, $4 system id, $5 extra router lines
    cat >"$TMP/$1.conf" <<EOF
hostname $1
interface $2
 ip router isis one
 ipv6 router isis one
 isis circuit-type level-1-2
 isis hello-interval 1
 isis csnp-interval 2
 isis password md5 hellosecret
 no isis hello padding
interface $3
 ip router isis one
 isis network point-to-point
 isis hello-interval 1
 isis hello padding during-adjacency-formation
interface lo
 ip router isis one
 isis passive
router isis one
 net 49.0001.$4.00
 is-type level-1-2
 lsp-gen-interval 1
 area-password clear areapw
 mpls-te on
 mpls-te router-address 192.0.2.${4: -1}
$5
EOF
    chown -R frr:frr "$TMP"
}
# r1: wide metrics and multi-topology; r2: narrow and wide (transition)
conf r1 t16dlan1 t16dp2p1 1111.1111.1111 " metric-style wide
 topology ipv6-unicast"
conf r2 t16dlan2 t16dp2p2 2222.2222.2222 " metric-style transition
 set-overload-bit"

start() { # $1 namespace, $2 name
    mkdir -p "$TMP/run-$2"
    chown frr:frr "$TMP/run-$2"
    ip netns exec "$1" "$FRR/zebra" -N "t16d$2" -u frr -g frr --vty_socket "$TMP/run-$2" \
        -i "$TMP/$2-zebra.pid" -z "$TMP/run-$2/zserv.api" -f /dev/null -A 127.0.0.1 -P 0 \
        >"$TMP/$2-zebra.log" 2>&1 &
    PIDS+=($!)
    sleep 1
    ip netns exec "$1" "$FRR/isisd" -N "t16d$2" -u frr -g frr --vty_socket "$TMP/run-$2" \
        -i "$TMP/$2-isisd.pid" -z "$TMP/run-$2/zserv.api" -f "$TMP/$2.conf" -A 127.0.0.1 -P 0 \
        >"$TMP/$2-isisd.log" 2>&1 &
    PIDS+=($!)
}

ip netns exec "$A" tcpdump -i t16dlan1 -U -s 0 -w "$TMP/lan.pcap" 'iso' 2>/dev/null &
PIDS+=($!)
ip netns exec "$A" tcpdump -i t16dp2p1 -U -s 0 -w "$TMP/p2p.pcap" 'iso' 2>/dev/null &
PIDS+=($!)
sleep 1
start "$A" r1
start "$B" r2
sleep 8
for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done
PIDS=()
cat "$TMP"/*.log >&2 || true
mergecap -F pcap -w "$TMP/all.pcap" "$TMP/lan.pcap" "$TMP/p2p.pcap"
# Keep the goldens small: of packets whose one-line form (PDU type, ids,
# length) repeats, only the first (most are hellos).
keep=$(tcpdump -nn -r "$TMP/all.pcap" 2>/dev/null | cut -d' ' -f2- | awk '!seen[$0]++ {print NR}' | paste -sd' ')
# shellcheck disable=SC2086
editcap -F pcap -r "$TMP/all.pcap" "$OUT/isis.pcap" $keep
echo "wrote $OUT/isis.pcap"
