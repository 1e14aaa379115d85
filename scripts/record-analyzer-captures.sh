#!/usr/bin/env bash
# record-analyzer-captures.sh -- record the REAL TCP scenario captures in
# captures/analyze/ (the test data of the connection analyzer, issue 6).
#
# Builds three throw-away network namespaces (names and subnets of its own, so
# it never collides with scripts/record-captures.sh):
#   tsanC (client): tsc0 10.88.0.1/24 fd88::1/64      tscr 10.88.1.1/24
#   tsanS (server): tss0 10.88.0.2/24 fd88::2/64      tssr 10.88.1.2/24
#   tsanR (relay):  rc <-> rs, a userspace forwarder (scripts/analyzer-captures/an.py
#                   relay) that delays frames and, for loss-reorder, drops one
#                   and reorders one (this kernel has no sch_netem)
# tsc0/tss0 is a direct veth pair; tscr -- rc [relay] rs -- tssr is the
# "slow path".  Applications are python3 (scripts/analyzer-captures/an.py);
# clients bind FIXED ports so the hand-written expectation files
# (captures/analyze/*.expect.json) can name every connection.  nftables in
# tsanS drops / rejects chosen ports.  tcpdump -w records on the client's
# interface unless noted.  Traffic never leaves these namespaces.
#
# Must run as root; needs tcpdump, ip, ethtool, nft (apt-get install nftables),
# python3.  Idempotent: re-running replaces every capture (timestamps, ISNs,
# TS values and retransmission timing differ between runs; the expectations
# only state what the script makes certain).  Namespaces, processes and
# tcpdumps it started are cleaned up on exit/failure.  Takes about 2 minutes.
# The capture-edge scenarios (edge-*.pcap, `timeout N tcpdump` around live
# traffic) are in scripts/record-edge-captures.sh, sourced at the end (run on
# its own, it records only those).
#   sudo scripts/record-analyzer-captures.sh && scripts/tshark-analysis-counts.sh \
#       > captures/analyze/tshark-counts.tsv && scripts/gen-goldens.sh
set -euo pipefail

if [[ $EUID -ne 0 ]]; then
    echo "record-analyzer-captures.sh: must be run as root (sudo $0)" >&2
    exit 1
fi
for tool in tcpdump ip ethtool nft; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool (apt-get install ${tool/nft/nftables})" >&2; exit 1; }
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/captures/analyze
PY=${PYTHON:-$(command -v python3)}
AN=$ROOT/scripts/analyzer-captures/an.py
NSC=tsanC
NSS=tsanS
NSR=tsanR
# shellcheck source=lib/netns.sh
. "$ROOT/scripts/lib/netns.sh"
PIDS=()
# on exit: servers, relay and tcpdumps stopped, namespaces and WORK removed
netns_own "$NSC" "$NSS" "$NSR"
netns_workdir WORK /tmp/record-analyzer.XXXXXX

log() { printf '== %s\n' "$*" >&2; }

inC() { ip netns exec "$NSC" "$@"; }
inS() { ip netns exec "$NSS" "$@"; }
inR() { ip netns exec "$NSR" "$@"; }

# ---------------------------------------------------------------- topology
setup_netns() {
    local ns l
    netns_fresh "$NSC" "$NSS" "$NSR"
    for ns in "$NSC" "$NSS" "$NSR"; do
        netns_quiet "$ns" net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0
    done
    inR sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    # client: classic exponential SYN backoff (0, 1, 3, 7 s), 3 retries
    inC sysctl -qw net.ipv4.tcp_syn_linear_timeouts=0 net.ipv4.tcp_syn_retries=3 \
        net.ipv4.tcp_tw_reuse=1
    # server: SYN-ACK retransmitted twice (1 s, 3 s after the first); SACK
    # compression off so a dup ACK follows each out-of-order segment at once
    inS sysctl -qw net.ipv4.tcp_synack_retries=2 net.ipv4.tcp_comp_sack_nr=0

    netns_veth "$NSC" tsc0 "$NSS" tss0 "index 8801" "index 8802"
    netns_veth "$NSC" tscr "$NSR" rc "index 8811" "index 8813"
    netns_veth "$NSS" tssr "$NSR" rs "index 8812" "index 8814"
    inC ip link set tsc0 address 02:88:00:00:00:01
    inS ip link set tss0 address 02:88:00:00:00:02
    inC ip link set tscr address 02:88:00:00:01:01
    inS ip link set tssr address 02:88:00:00:01:02
    inC ip addr add 10.88.0.1/24 dev tsc0
    inS ip addr add 10.88.0.2/24 dev tss0
    inC ip -6 addr add fd88::1/64 dev tsc0 nodad
    inS ip -6 addr add fd88::2/64 dev tss0 nodad
    inC ip addr add 10.88.1.1/24 dev tscr
    inS ip addr add 10.88.1.2/24 dev tssr
    # no TSO/GSO/GRO, no checksum offload: every frame is a real <= MTU
    # segment with a correct checksum, like on a NIC
    for l in tsc0 tscr; do inC ethtool -K "$l" tx off tso off gso off gro off >/dev/null; done
    for l in tss0 tssr; do inS ethtool -K "$l" tx off tso off gso off gro off >/dev/null; done
    for l in rc rs; do inR ethtool -K "$l" tx off tso off gso off gro off >/dev/null; done
    for l in tsc0 tscr; do inC ip link set "$l" up; done
    for l in tss0 tssr; do inS ip link set "$l" up; done
    for l in rc rs; do inR ip link set "$l" up; done
    # static neighbours: no ARP / ND in the captures
    inC ip neigh replace 10.88.0.2 lladdr 02:88:00:00:00:02 dev tsc0 nud permanent
    inS ip neigh replace 10.88.0.1 lladdr 02:88:00:00:00:01 dev tss0 nud permanent
    inC ip -6 neigh replace fd88::2 lladdr 02:88:00:00:00:02 dev tsc0 nud permanent
    inS ip -6 neigh replace fd88::1 lladdr 02:88:00:00:00:01 dev tss0 nud permanent
    inC ip neigh replace 10.88.1.2 lladdr 02:88:00:00:01:02 dev tscr nud permanent
    inS ip neigh replace 10.88.1.1 lladdr 02:88:00:00:01:01 dev tssr nud permanent
    # spoofed SYN-flood sources 10.88.0.101-105 "live" behind tsc0: tsanC
    # receives their SYN-ACKs and drops them silently (not its address)
    for l in 101 102 103 104 105; do
        inS ip neigh replace 10.88.0.$l lladdr 02:88:00:00:00:01 dev tss0 nud permanent
    done
    # the firewall of the server namespace
    inS nft -f - <<'EOF'
table inet tsan {
    chain input {
        type filter hook input priority 0; policy accept;
        tcp dport 8005 drop
        tcp dport { 8105, 8113, 8117 } drop
        ip protocol tcp tcp dport 8006 reject with icmp type admin-prohibited
        ip6 nexthdr tcp tcp dport 8006 reject with icmpv6 type admin-prohibited
    }
}
EOF
}

# ---------------------------------------------------------------- helpers
# bg_ready NS LOG cmd... : start in the background, wait for "ready"
bg_ready() {
    local ns=$1 lg=$2 i
    shift 2
    ip netns exec "$ns" "$PY" -u "$AN" "$@" >"$lg" 2>&1 &
    PIDS+=($!)
    LAST_PID=$!
    for i in $(seq 100); do
        grep -q ready "$lg" && return 0
        kill -0 "$LAST_PID" 2>/dev/null || { cat "$lg" >&2; return 1; }
        sleep 0.05
    done
    cat "$lg" >&2
    return 1
}
server() { bg_ready "$NSS" "$WORK/server.log" server "$@"; SERVER_PID=$LAST_PID; }
server_wait() { # the server exits when its connections are done
    local i
    for i in $(seq 200); do
        kill -0 "$SERVER_PID" 2>/dev/null || { wait "$SERVER_PID" 2>/dev/null || true; return 0; }
        sleep 0.05
    done
    echo "server did not finish" >&2
    cat "$WORK/server.log" >&2
    return 1
}
server_kill() { kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; }
relay_start() { bg_ready "$NSR" "$WORK/relay.log" relay "$1"; RELAY_PID=$LAST_PID; }
relay_stop() { kill "$RELAY_PID" 2>/dev/null || true; wait "$RELAY_PID" 2>/dev/null || true; }
client() { inC "$PY" "$AN" client "$@"; }

CAP_PID=
CAP_LOG=
FILTER='tcp or icmp or (icmp6 and ip6[40] < 128)'
# cap_start NS IFACE NAME
cap_start() {
    local ns=$1 ifc=$2 file=$T/$3.pcap i
    CAP_LOG=$WORK/$3.log
    ip netns exec "$ns" tcpdump -Z root -U --immediate-mode -i "$ifc" -w "$file" "$FILTER" 2>"$CAP_LOG" &
    CAP_PID=$!
    PIDS+=($CAP_PID)
    for i in $(seq 100); do
        grep -q 'listening on' "$CAP_LOG" && break
        kill -0 "$CAP_PID" 2>/dev/null || { cat "$CAP_LOG" >&2; return 1; }
        sleep 0.1
    done
    sleep 0.3
}
cap_stop() {
    sleep "${1:-0.5}"
    kill -INT "$CAP_PID" 2>/dev/null || true
    wait "$CAP_PID" || true
    grep -E 'captured' "$CAP_LOG" >&2 || true
}

# ONLY="name1 name2" records just those scenarios (for debugging)
want() { [[ -z ${ONLY:-} || " $ONLY " == *" $1 "* ]]; }

# ================================================================ main
log "setting up namespaces $NSC / $NSS / $NSR"
setup_netns
T=$WORK/out
mkdir -p "$T"
chmod 777 "$T"

if want normal-client-close; then
    log "normal-client-close (client 10.88.0.1:41001 -> 10.88.0.2:8001)"
    server client-close 10.88.0.2 8001
    cap_start "$NSC" tsc0 normal-client-close
    client client-close 10.88.0.2 8001 41001
    server_wait
    cap_stop
fi

if want normal-client-close-ipv6; then
    log "normal-client-close-ipv6 ([fd88::1]:41002 -> [fd88::2]:8001)"
    server client-close fd88::2 8001
    cap_start "$NSC" tsc0 normal-client-close-ipv6
    client client-close fd88::2 8001 41002
    server_wait
    cap_stop
fi

if want normal-server-close; then
    log "normal-server-close (41003 -> 8002)"
    server server-close 10.88.0.2 8002
    cap_start "$NSC" tsc0 normal-server-close
    client server-close 10.88.0.2 8002 41003
    server_wait
    cap_stop
fi

if want half-close; then
    log "half-close (41004 -> 8003)"
    server half-close 10.88.0.2 8003
    cap_start "$NSC" tsc0 half-close
    client half-close 10.88.0.2 8003 41004
    server_wait
    cap_stop
fi

if want refused; then
    log "refused (41005 -> 8004, no listener)"
    cap_start "$NSC" tsc0 refused
    client connect-fail 10.88.0.2 8004 41005
    cap_stop
fi

if want refused-ipv6; then
    log "refused-ipv6 ([fd88::1]:41006 -> [fd88::2]:8004)"
    cap_start "$NSC" tsc0 refused-ipv6
    client connect-fail fd88::2 8004 41006
    cap_stop
fi

if want timeout; then
    log "timeout (41007 -> 8005, dropped by nftables; ~8 s)"
    cap_start "$NSC" tsc0 timeout
    client timeout 10.88.0.2 8005 41007
    cap_stop 0.2
fi

if want icmp-reject; then
    log "icmp-reject (41008 -> 8006, nftables reject admin-prohibited)"
    cap_start "$NSC" tsc0 icmp-reject
    client connect-fail 10.88.0.2 8006 41008
    cap_stop
fi

if want icmp-reject-ipv6; then
    log "icmp-reject-ipv6 ([fd88::1]:41009 -> [fd88::2]:8006)"
    cap_start "$NSC" tsc0 icmp-reject-ipv6
    client connect-fail fd88::2 8006 41009
    cap_stop
fi

if want reset-mid-upload; then
    log "reset-mid-upload (41010 -> 8007)"
    server reset 10.88.0.2 8007
    cap_start "$NSC" tsc0 reset-mid-upload
    client reset 10.88.0.2 8007 41010
    server_wait
    cap_stop
fi

if want close-wait; then
    log "close-wait (41011 -> 8008, server closes 4 s after the client's FIN)"
    server close-wait 10.88.0.2 8008
    cap_start "$NSC" tsc0 close-wait
    client close-wait 10.88.0.2 8008 41011
    server_wait
    cap_stop
fi

if want time-wait-pile; then
    log "time-wait-pile (42001-42020 -> 8009, 20 connections)"
    server client-close 10.88.0.2 8009 20
    cap_start "$NSC" tsc0 time-wait-pile
    inC "$PY" "$AN" clients client-close 10.88.0.2 8009 42001 20
    server_wait
    cap_stop
fi

if want simultaneous-close; then
    log "simultaneous-close (10.88.1.1:41012 -> 10.88.1.2:8010 over the 40 ms relay)"
    relay_start simclose
    ok=
    for attempt in 1 2 3; do
        server simclose 10.88.1.2 8010
        cap_start "$NSC" tscr simultaneous-close
        client simclose 10.88.1.2 8010 41012
        server_wait
        cap_stop
        if "$PY" "$AN" check-simclose "$T/simultaneous-close.pcap"; then ok=1; break; fi
        # retry: port 41012 is in TIME_WAIT now; tcp_tw_reuse=1 lets it connect again
        sleep 1
    done
    [[ -n $ok ]] || { echo "simultaneous-close: FINs never crossed" >&2; exit 1; }
    relay_stop
fi

if want zero-window; then
    log "zero-window (41013 -> 8011, receiver sleeps 3 s with SO_RCVBUF 4096)"
    server zero-window 10.88.0.2 8011
    cap_start "$NSC" tsc0 zero-window
    client zero-window 10.88.0.2 8011 41013
    server_wait
    cap_stop
fi

if want keepalive; then
    log "keepalive (41014 -> 8012, idle 4.5 s, TCP_KEEPIDLE=1 TCP_KEEPINTVL=1)"
    server client-close 10.88.0.2 8012
    cap_start "$NSC" tsc0 keepalive
    client keepalive 10.88.0.2 8012 41014
    server_wait
    cap_stop
fi

if want loss-reorder; then
    log "loss-reorder (10.88.1.1:41015 -> 10.88.1.2:8013 over the lossy relay; captured on tssr)"
    relay_start lossreorder
    server exchange 10.88.1.2 8013
    cap_start "$NSS" tssr loss-reorder
    client exchange 10.88.1.2 8013 41015
    server_wait
    cap_stop
    relay_stop
fi

if want syn-flood-halfopen; then
    log "syn-flood-halfopen (spoofed 10.88.0.101-105:43001-43005 -> 8014; ~4.5 s)"
    server listen 10.88.0.2 8014
    cap_start "$NSC" tsc0 syn-flood-halfopen
    inC "$PY" "$AN" synflood 10.88.0.2 8014 43001 10.88.0.101 10.88.0.102 10.88.0.103 10.88.0.104 10.88.0.105
    cap_stop 4.3
    server_kill
fi

if want port-scan; then
    log "port-scan (10.88.0.1:44000 -> 10.88.0.2:8100-8119)"
    for p in 8103 8107 8111 8115; do
        server listen 10.88.0.2 $p
        eval "SCAN_$p=\$SERVER_PID"
    done
    cap_start "$NSC" tsc0 port-scan
    inC "$PY" "$AN" scan 10.88.0.1 10.88.0.2 44000 $(seq 8100 8119)
    cap_stop 1.5
    for p in 8103 8107 8111 8115; do
        eval "SERVER_PID=\$SCAN_$p"
        server_kill
    done
fi

# the capture-edge scenarios (edge-*.pcap): `timeout N tcpdump` stopped or
# started around live traffic
source "$ROOT/scripts/record-edge-captures.sh"

# sanity: every capture is readable by tcpdump, non-empty and small
for f in "$T"/*.pcap; do
    n=$(tcpdump -nn -r "$f" 2>/dev/null | wc -l)
    sz=$(stat -c %s "$f")
    if [[ $n -eq 0 || $sz -gt 100000 ]]; then
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
log "done: captures written to $OUT"
