#!/usr/bin/env bash
# record-encap-captures.sh -- (re)make the encapsulation test captures in
# tests/data/encap/ (TCP connections carried inside VLAN, QinQ, VXLAN, Geneve,
# GRE, gretap, ERSPAN, MPLS, PPPoE, PBB, VN-Tag, IP-in-IP, 6in4, Teredo, GTP-U,
# AYIYA, GRE-in-UDP, FabricPath, Aruba's 802.11 in GRE).
# See tests/data/encap/README.md.
#
# This kernel has no 8021q, geneve, ip_gre, ip6_gre, ipip, sit, mpls, ppp or
# bridge-VLAN support (`ip link add type vlan|geneve|gre|...` answers "Unknown
# device type"); only vxlan, veth and bridge exist.  So:
#   1. RECORDED here, with real sockets (scripts/analyzer-captures/an.py)
#      between two throw-away namespaces tsencC (client) / tsencS (server):
#        plain-ipv4.pcap    veth ec0/es0 (MTU 1400)  10.89.0.1 -> 10.89.0.2
#        plain-ipv6.pcap    same veth                fd89::1 -> fd89::2
#        plain-teredo.pcap  veth et0/et1 (MTU 1280)  2001:0:c000:22d:0:63bf:34ff:8ef8
#                                                    -> 2001:db8:89::2
#        vxlan.pcap         kernel vxlan (VNI 4242, UDP 4789) over the IPv4
#                           underlay eu0/eu1 10.89.100.1 <-> 10.89.100.2,
#                           captured on eu0; inner 10.89.10.x and fd89:10::x
#        vxlan-ipv6-underlay.pcap  kernel vxlan (VNI 4243) over the IPv6
#                           underlay ev0/ev1 fd89:100::1 <-> fd89:100::2,
#                           captured on ev0; inner 10.89.11.x
#   2. CRAFTED deterministically by scripts/encap-captures/craft.py from the
#      three plain-*.pcap recordings (every other file; the inner frames are
#      the recorded ones byte for byte, the outer headers are built with
#      correct lengths and checksums).  `CRAFT_ONLY=1 scripts/record-encap-captures.sh`
#      (no root needed) re-crafts from the committed plain-*.pcap without
#      recording anything; the output is then byte-identical.
#   3. scripts/gen-encap-goldens.sh writes tests/data/encap/tcpdump/*.out.
#
# Clients bind fixed ports (the hand-written NAME.expect.json name every
# connection); timestamps and ISNs change with each recording.  Offloads are
# off (every frame is a real segment with a correct checksum); static
# neighbours (no ARP/ND); IPv6 DAD, RS and MLD are quiet.  Traffic never
# leaves these namespaces.  Idempotent; cleans up on exit and on failure.
# Needs (as root): ip, ethtool, tcpdump, python3; tshark for the final check.
# About 30 s.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/tests/data/encap
PY=${PYTHON:-$(command -v python3)}
AN=$ROOT/scripts/analyzer-captures/an.py
CRAFT=$ROOT/scripts/encap-captures/craft.py
NSC=tsencC
NSS=tsencS

log() { printf '== %s\n' "$*" >&2; }

# tshark_check: tshark must decode the inner TCP of every capture and see as
# many TCP streams as NAME.expect.json lists connections (skipped without tshark).
# teredo-relay.pcap's relay port is not one tshark knows for Teredo (and its
# Teredo heuristic is off by default): it is named with decode-as.
tshark_opts() { # tshark_opts NAME
    case $1 in
        teredo-relay) echo "-d udp.port==33000,teredo" ;;
    esac
}
tshark_check() { # tshark_check DIR
    local dir=$1 f name n want bad=0
    command -v tshark >/dev/null || { log "no tshark: stream check skipped"; return 0; }
    for f in "$dir"/*.pcap "$dir"/*.pcapng; do
        [[ -f $f ]] || continue
        name=$(basename "$f"); name=${name%.pcap}; name=${name%.pcapng}
        [[ -f $dir/$name.expect.json ]] || continue
        # shellcheck disable=SC2046 # the options are words
        n=$(tshark -r "$f" $(tshark_opts "$name") -Y tcp -T fields -e tcp.stream 2>/dev/null | sort -u | wc -l)
        want=$("$PY" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$dir/$name.expect.json")
        if [[ $n -ne $want ]]; then
            echo "tshark sees $n TCP streams in $f, $name.expect.json lists $want" >&2
            bad=1
        fi
    done
    [[ $bad -eq 0 ]] && log "tshark: every capture in $dir has the TCP streams its expect file lists"
    return $bad
}

if [[ -n ${CRAFT_ONLY:-} ]]; then
    log "crafting from the committed plain-*.pcap in $OUT"
    "$PY" "$CRAFT" "$OUT" "$OUT"
    "$ROOT/scripts/gen-encap-goldens.sh"
    tshark_check "$OUT"
    tshark_check "$OUT/public"
    exit 0
fi

if [[ $EUID -ne 0 ]]; then
    echo "record-encap-captures.sh: must be run as root (sudo $0), or CRAFT_ONLY=1" >&2
    exit 1
fi
for tool in tcpdump ip ethtool; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool (apt-get install $tool)" >&2; exit 1; }
done

# shellcheck source=lib/netns.sh
. "$ROOT/scripts/lib/netns.sh"
PIDS=()
# on exit: servers and tcpdumps stopped, namespaces and WORK removed
netns_own "$NSC" "$NSS"
netns_workdir WORK /tmp/record-encap.XXXXXX

inC() { ip netns exec "$NSC" "$@"; }
inS() { ip netns exec "$NSS" "$@"; }
offloads_off() { ip netns exec "$1" ethtool -K "$2" tx off rx off tso off gso off gro off >/dev/null 2>&1 || true; }

# ---------------------------------------------------------------- topology
setup_netns() {
    local ns
    netns_fresh "$NSC" "$NSS"
    for ns in "$NSC" "$NSS"; do
        netns_quiet "$ns" net.ipv6.conf.all.force_mld_version=2 net.ipv6.conf.default.force_mld_version=2 \
            net.ipv6.conf.all.mldv2_unsolicited_report_interval=0 \
            net.ipv6.conf.default.mldv2_unsolicited_report_interval=0
    done

    # --- plain Ethernet (the base of the crafted captures): ec0 <-> es0
    netns_veth "$NSC" ec0 "$NSS" es0
    inC ip link set ec0 address 02:89:00:00:00:01 mtu 1400
    inS ip link set es0 address 02:89:00:00:00:02 mtu 1400
    inC ip addr add 10.89.0.1/24 dev ec0
    inS ip addr add 10.89.0.2/24 dev es0
    inC ip -6 addr add fd89::1/64 dev ec0 nodad
    inS ip -6 addr add fd89::2/64 dev es0 nodad

    # --- plain Ethernet with Teredo-style IPv6 addresses (MTU 1280): et0 <-> et1
    # client: Teredo address of a client behind NAT mapped to 203.0.113.7:40000,
    # Teredo server 192.0.2.45 (RFC 4380 s. 4: 2001:0:<server>:<flags>:<~port>:<~addr>);
    # server: a native IPv6 host 2001:db8:89::2 (reached through a Teredo relay)
    netns_veth "$NSC" et0 "$NSS" et1
    inC ip link set et0 address 02:89:00:00:20:01 mtu 1280
    inS ip link set et1 address 02:89:00:00:20:02 mtu 1280
    inC ip -6 addr add 2001:0:c000:22d:0:63bf:34ff:8ef8/128 dev et0 nodad
    inS ip -6 addr add 2001:db8:89::2/128 dev et1 nodad

    # --- VXLAN over an IPv4 underlay: eu0 <-> eu1, vxlan vx4 (VNI 4242)
    netns_veth "$NSC" eu0 "$NSS" eu1
    inC ip link set eu0 address 02:89:00:00:64:01
    inS ip link set eu1 address 02:89:00:00:64:02
    inC ip addr add 10.89.100.1/24 dev eu0
    inS ip addr add 10.89.100.2/24 dev eu1

    # --- VXLAN over an IPv6 underlay: ev0 <-> ev1, vxlan vx6 (VNI 4243)
    netns_veth "$NSC" ev0 "$NSS" ev1
    inC ip link set ev0 address 02:89:00:00:66:01
    inS ip link set ev1 address 02:89:00:00:66:02
    inC ip -6 addr add fd89:100::1/64 dev ev0 nodad
    inS ip -6 addr add fd89:100::2/64 dev ev1 nodad

    for l in ec0 et0 eu0 ev0; do offloads_off "$NSC" "$l"; inC ip link set "$l" up; done
    for l in es0 et1 eu1 ev1; do offloads_off "$NSS" "$l"; inS ip link set "$l" up; done

    inC ip -6 route add 2001:db8:89::2/128 dev et0
    inS ip -6 route add 2001:0:c000:22d:0:63bf:34ff:8ef8/128 dev et1

    inC ip link add vx4 type vxlan id 4242 local 10.89.100.1 remote 10.89.100.2 dstport 4789 dev eu0 udpcsum
    inS ip link add vx4 type vxlan id 4242 local 10.89.100.2 remote 10.89.100.1 dstport 4789 dev eu1 udpcsum
    # (over IPv6 the UDP checksum is always computed: no udp6zerocsumtx)
    inC ip link add vx6 type vxlan id 4243 local fd89:100::1 remote fd89:100::2 dstport 4789 dev ev0
    inS ip link add vx6 type vxlan id 4243 local fd89:100::2 remote fd89:100::1 dstport 4789 dev ev1
    inC ip link set vx4 address 02:89:00:00:10:01
    inS ip link set vx4 address 02:89:00:00:10:02
    inC ip link set vx6 address 02:89:00:00:11:01
    inS ip link set vx6 address 02:89:00:00:11:02
    inC ip addr add 10.89.10.1/24 dev vx4
    inS ip addr add 10.89.10.2/24 dev vx4
    inC ip -6 addr add fd89:10::1/64 dev vx4 nodad
    inS ip -6 addr add fd89:10::2/64 dev vx4 nodad
    inC ip addr add 10.89.11.1/24 dev vx6
    inS ip addr add 10.89.11.2/24 dev vx6
    for l in vx4 vx6; do
        offloads_off "$NSC" "$l"; inC ip link set "$l" up
        offloads_off "$NSS" "$l"; inS ip link set "$l" up
    done

    # static neighbours: no ARP / ND in the captures (outer nor inner)
    inC ip neigh replace 10.89.0.2 lladdr 02:89:00:00:00:02 dev ec0 nud permanent
    inS ip neigh replace 10.89.0.1 lladdr 02:89:00:00:00:01 dev es0 nud permanent
    inC ip -6 neigh replace fd89::2 lladdr 02:89:00:00:00:02 dev ec0 nud permanent
    inS ip -6 neigh replace fd89::1 lladdr 02:89:00:00:00:01 dev es0 nud permanent
    inC ip -6 neigh replace 2001:db8:89::2 lladdr 02:89:00:00:20:02 dev et0 nud permanent
    inS ip -6 neigh replace 2001:0:c000:22d:0:63bf:34ff:8ef8 lladdr 02:89:00:00:20:01 dev et1 nud permanent
    inC ip neigh replace 10.89.100.2 lladdr 02:89:00:00:64:02 dev eu0 nud permanent
    inS ip neigh replace 10.89.100.1 lladdr 02:89:00:00:64:01 dev eu1 nud permanent
    inC ip -6 neigh replace fd89:100::2 lladdr 02:89:00:00:66:02 dev ev0 nud permanent
    inS ip -6 neigh replace fd89:100::1 lladdr 02:89:00:00:66:01 dev ev1 nud permanent
    inC ip neigh replace 10.89.10.2 lladdr 02:89:00:00:10:02 dev vx4 nud permanent
    inS ip neigh replace 10.89.10.1 lladdr 02:89:00:00:10:01 dev vx4 nud permanent
    inC ip -6 neigh replace fd89:10::2 lladdr 02:89:00:00:10:02 dev vx4 nud permanent
    inS ip -6 neigh replace fd89:10::1 lladdr 02:89:00:00:10:01 dev vx4 nud permanent
    inC ip neigh replace 10.89.11.2 lladdr 02:89:00:00:11:02 dev vx6 nud permanent
    inS ip neigh replace 10.89.11.1 lladdr 02:89:00:00:11:01 dev vx6 nud permanent
    # let link-up chatter (MLD reports of the link-local addresses) pass
    # before any capture starts
    sleep 2
}

# ---------------------------------------------------------------- helpers
# bg_ready NS LOG cmd... : start in the background, wait for "ready"
SERVER_PIDS=()
server() { # server ADDR PORT
    local lg=$WORK/server-$2-${1//:/_}.log i pid
    ip netns exec "$NSS" "$PY" -u "$AN" server client-close "$1" "$2" >"$lg" 2>&1 &
    pid=$!
    PIDS+=("$pid")
    SERVER_PIDS+=("$pid")
    for i in $(seq 100); do
        grep -q ready "$lg" && return 0
        kill -0 "$pid" 2>/dev/null || { cat "$lg" >&2; return 1; }
        sleep 0.05
    done
    cat "$lg" >&2
    return 1
}
servers_wait() { # every server exits after its one connection
    local p i
    for p in "${SERVER_PIDS[@]}"; do
        for i in $(seq 200); do
            kill -0 "$p" 2>/dev/null || break
            sleep 0.05
        done
        kill -0 "$p" 2>/dev/null && { echo "server $p did not finish" >&2; return 1; }
        wait "$p" 2>/dev/null || true
    done
    SERVER_PIDS=()
}
client() { inC "$PY" "$AN" client "$@"; }
# closed ADDR PORT LPORT: 'GET\n' up, 2000 B down, client closes first
closed() { server "$1" "$2"; client client-close "$1" "$2" "$3"; }
# refused ADDR PORT LPORT: SYN to a port without listener -> RST-ACK
refused() { client connect-fail "$1" "$2" "$3" 2>/dev/null; }

CAP_PID=
CAP_LOG=
cap_start() { # cap_start IFACE NAME FILTER
    local i
    CAP_LOG=$WORK/$2.log
    : >"$CAP_LOG"
    # directly, not through inC: a background subshell would ignore SIGINT
    ip netns exec "$NSC" tcpdump -Z root -U --immediate-mode -i "$1" -w "$T/$2.pcap" "$3" 2>"$CAP_LOG" &
    CAP_PID=$!
    PIDS+=("$CAP_PID")
    for i in $(seq 100); do
        grep -q 'listening on' "$CAP_LOG" && break
        kill -0 "$CAP_PID" 2>/dev/null || { cat "$CAP_LOG" >&2; return 1; }
        sleep 0.1
    done
    sleep 0.3
}
cap_stop() {
    servers_wait
    sleep 0.5
    kill -INT "$CAP_PID" 2>/dev/null || true
    wait "$CAP_PID" || true
    grep -E 'captured' "$CAP_LOG" >&2 || true
}

# ================================================================ main
log "setting up namespaces $NSC / $NSS"
setup_netns
T=$WORK/out
mkdir -p "$T"
chmod 777 "$T"

log "plain-ipv4 (10.89.0.1:41101 -> 10.89.0.2:8101 closed, :41102 -> :8102 refused)"
cap_start ec0 plain-ipv4 'tcp or icmp'
closed 10.89.0.2 8101 41101
sleep 0.2
refused 10.89.0.2 8102 41102
cap_stop

log "plain-ipv6 ([fd89::1]:41103 -> [fd89::2]:8101 closed, :41104 -> :8102 refused)"
cap_start ec0 plain-ipv6 'tcp or icmp6'
closed fd89::2 8101 41103
sleep 0.2
refused fd89::2 8102 41104
cap_stop

log "plain-teredo ([2001:0:c000:22d:0:63bf:34ff:8ef8]:41105 -> [2001:db8:89::2]:8101 closed, :41106 -> :8102 refused)"
cap_start et0 plain-teredo 'tcp or icmp6'
closed 2001:db8:89::2 8101 41105
sleep 0.2
refused 2001:db8:89::2 8102 41106
cap_stop

log "vxlan (VNI 4242 over 10.89.100.x: 10.89.10.1:41111 -> :8111 closed, :41112 -> :8112 refused, [fd89:10::1]:41113 -> :8111 closed)"
cap_start eu0 vxlan 'udp port 4789'
closed 10.89.10.2 8111 41111
sleep 0.2
refused 10.89.10.2 8112 41112
sleep 0.2
closed fd89:10::2 8111 41113
cap_stop

log "vxlan-ipv6-underlay (VNI 4243 over fd89:100::x: 10.89.11.1:41121 -> :8121 closed, :41122 -> :8122 refused)"
cap_start ev0 vxlan-ipv6-underlay 'udp port 4789'
closed 10.89.11.2 8121 41121
sleep 0.2
refused 10.89.11.2 8122 41122
cap_stop

log "crafting the other encapsulations from the plain recordings"
"$PY" "$CRAFT" "$T" "$T"

# sanity: every capture is readable by tcpdump, non-empty and small
for f in "$T"/*.pcap; do
    n=$(tcpdump -nn -r "$f" 2>/dev/null | grep -c '^[0-9][0-9]:' || true)
    sz=$(stat -c %s "$f")
    if [[ $n -eq 0 || $sz -gt 50000 ]]; then
        echo "capture $f: $n packets, $sz bytes (empty, unreadable or too big)" >&2
        exit 1
    fi
    log "$(basename "$f"): $n packets, $sz bytes"
done

mkdir -p "$OUT"
for f in "$T"/*.pcap; do
    install -m 644 "$f" "$OUT/"
done
if [[ -n ${SUDO_UID:-} ]]; then
    chown -R "$SUDO_UID:${SUDO_GID:-$SUDO_UID}" "$OUT"
fi
"$ROOT/scripts/gen-encap-goldens.sh"
tshark_check "$OUT"
tshark_check "$OUT/public"
log "done: captures written to $OUT"
