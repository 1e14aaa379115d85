#!/usr/bin/env bash
# record-edge-captures.sh -- the capture-edge scenarios of captures/analyze/
# (edge-*.pcap): captures started or stopped around live traffic the way a
# user makes them,
#     timeout N tcpdump --immediate-mode -i tsc0 -w FILE
# so that the analyzer's tests show it never invents a failure at a capture's
# edges (a SYN, a SYN-ACK or a FIN just before the stop, connections already
# open at the start or still open at the end) and still gives one when the
# capture holds the evidence (3 SYNs over 3 s).
#
# Run on its own (`sudo scripts/record-edge-captures.sh`) it runs
# scripts/record-analyzer-captures.sh with ONLY= the edge scenarios;
# record-analyzer-captures.sh sources it after its own scenarios (same
# namespaces tsanC/tsanS, helpers and output).  Needs bash >= 5
# ($EPOCHREALTIME).
#
# How the instants are made: the script notes T0 ($EPOCHREALTIME) and execs
# `timeout N ip netns exec tsanC tcpdump ...` at once, so timeout(1) sends
# tcpdump SIGTERM at END = T0 + N (plus the exec, about a millisecond).  The
# client (an.py edge, in tsanC) gets 'T0 N' in a go file once tcpdump says
# "listening on" and acts at T0 + x (start of the capture) or END - x (its
# stop).  Afterwards `an.py check-edge` reads the capture and checks what the
# scenario needs (the packets, and e.g. the SYN 1-50 ms before END); a
# scenario whose timing missed is re-recorded (3 attempts).
#
# --immediate-mode: without it libpcap hands tcpdump only the ring blocks the
# kernel has retired (every 1 s with tcpdump's default timeout); SIGTERM ends
# tcpdump before the current block is read, so the last packets before the
# stop never reach the file (tried here: a packet sent 20 ms before the stop
# was "received by filter" but not in the file).  That would be a capture
# edge of its own, but it makes the instants below unobservable.
EDGE_SCENARIOS="edge-syn-at-end edge-synack-at-end edge-open-at-start edge-open-at-start-idle
edge-still-open-at-end edge-fin-at-end edge-timeout-evidenced edge-syn-flood-short"

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -euo pipefail
    ONLY=${ONLY:-$(echo $EDGE_SCENARIOS)} exec "$(dirname "$0")/record-analyzer-captures.sh" "$@"
fi

# cap_timeout NS IFACE NAME N: `timeout N tcpdump` in the background; sets
# CAP_PID (timeout's, which is tcpdump's parent) and CAP_T0 (epoch seconds).
cap_timeout() {
    local ns=$1 ifc=$2 name=$3 n=$4 i
    CAP_LOG=$WORK/$name.log
    rm -f "$WORK/$name.t0" "$T/$name.pcap"
    (
        printf '%s\n' "$EPOCHREALTIME" > "$WORK/$name.t0"
        exec timeout "$n" ip netns exec "$ns" tcpdump -Z root --immediate-mode -i "$ifc" \
            -w "$T/$name.pcap" "$FILTER"
    ) 2>"$CAP_LOG" &
    CAP_PID=$!
    PIDS+=($CAP_PID)
    for i in $(seq 100); do
        grep -q 'listening on' "$CAP_LOG" && break
        kill -0 "$CAP_PID" 2>/dev/null || { cat "$CAP_LOG" >&2; return 1; }
        sleep 0.02
    done
    CAP_T0=$(cat "$WORK/$name.t0")
}

# edge_run NAME N CLIENT-MODE PORT LPORT SERVER-MODE: records NAME.pcap with
# `timeout N tcpdump`, the server (SERVER-MODE, or - for none) on PORT and the
# client `an.py edge CLIENT-MODE` from LPORT; checks it, up to 3 attempts.
edge_run() {
    local name=$1 n=$2 mode=$3 port=$4 lport=$5 smode=$6 attempt go cpid rc
    go=$WORK/$name.go
    for attempt in 1 2 3; do
        rm -f "$go"
        if [[ $smode != - ]]; then server "$smode" 10.88.0.2 "$port"; fi
        bg_ready "$NSC" "$WORK/$name.client.log" edge "$mode" 10.88.0.2 "$port" "$lport" "$go"
        cpid=$LAST_PID
        cap_timeout "$NSC" tsc0 "$name" "$n"
        printf '%s %s\n' "$CAP_T0" "$n" > "$go.tmp"
        mv "$go.tmp" "$go"
        rc=0
        wait "$CAP_PID" || rc=$?
        [[ $rc -eq 124 ]] || { echo "$name: timeout/tcpdump exited $rc" >&2; cat "$CAP_LOG" >&2; }
        grep -E 'captured' "$CAP_LOG" >&2 || true
        rc=0
        wait "$cpid" || rc=$?
        [[ $rc -eq 0 ]] || cat "$WORK/$name.client.log" >&2
        case $smode in
            -) ;;
            listen) server_kill ;;
            *) server_wait || { server_kill; rc=1; } ;;
        esac
        if [[ $rc -eq 0 ]] && "$PY" "$AN" check-edge "$mode" "$T/$name.pcap" \
            "$(awk -v t="$CAP_T0" -v n="$n" 'BEGIN { printf "%.6f", t + n }')"; then
            return 0
        fi
        log "$name: attempt $attempt missed, recording again"
        sleep 1
    done
    echo "$name: no good recording in 3 attempts" >&2
    return 1
}

edge_setup_done=
edge_setup() {
    [[ -z $edge_setup_done ]] || return 0
    edge_setup_done=1
    # the server's firewall also drops 8021 (syn-at-end) and 8027
    # (timeout-evidenced); the CLIENT's drops every segment to 8022 but SYNs
    # (synack-at-end: its ACK of the SYN-ACK never leaves, so tcpdump on
    # tsc0, which sees frames after the output hooks, does not see it)
    inS nft add rule inet tsan input tcp dport '{ 8021, 8027 }' drop
    inC nft -f - <<'EOF'
table inet tsanedge {
    chain output {
        type filter hook output priority 0; policy accept;
        tcp dport 8022 tcp flags & syn == 0 drop
    }
}
EOF
}

for edge_name in $EDGE_SCENARIOS; do
    if want "$edge_name"; then edge_setup; fi
done

if want edge-syn-at-end; then
    log "edge-syn-at-end (41021 -> 8021 dropped; SYN 20 ms before timeout 2 stops tcpdump)"
    edge_run edge-syn-at-end 2 syn-at-end 8021 41021 -
fi

if want edge-synack-at-end; then
    log "edge-synack-at-end (41022 -> 8022; SYN 20 ms before the stop, the client's ACK dropped in tsanC)"
    edge_run edge-synack-at-end 2 synack-at-end 8022 41022 listen
fi

if want edge-open-at-start; then
    log "edge-open-at-start (41023 -> 8023 opened before tcpdump; 3000 B up, 5000 B down, client closes)"
    edge_run edge-open-at-start 2 open-at-start 8023 41023 open-at-start
fi

if want edge-open-at-start-idle; then
    log "edge-open-at-start-idle (41024 -> 8024 opened before tcpdump; 2 x PING/PONG; open at the stop)"
    edge_run edge-open-at-start-idle 3 open-at-start-idle 8024 41024 ping
fi

if want edge-still-open-at-end; then
    log "edge-still-open-at-end (41025 -> 8025 opened during the capture; open at the stop)"
    edge_run edge-still-open-at-end 2 still-open-at-end 8025 41025 client-close
fi

if want edge-fin-at-end; then
    log "edge-fin-at-end (41026 -> 8026; client FIN 5 ms before the stop, server ACKs at once)"
    # the server ACKs the FIN at once (no delayed ACK: Linux delays the ACK of
    # a FIN by >= 40 ms), so the capture shows the server in CLOSE_WAIT
    inS ip route add 10.88.0.1/32 dev tss0 quickack 1
    edge_run edge-fin-at-end 2 fin-at-end 8026 41026 fin-at-end
    inS ip route del 10.88.0.1/32 dev tss0
fi

if want edge-timeout-evidenced; then
    log "edge-timeout-evidenced (41027 -> 8027 dropped; SYN 0.5 s after the start, timeout 5)"
    edge_run edge-timeout-evidenced 5 timeout-evidenced 8027 41027 -
fi

if want edge-syn-flood-short; then
    log "edge-syn-flood-short (spoofed 10.88.0.101-105:43011-43015 -> 8028; stop 0.5 s after the last SYN)"
    edge_run edge-syn-flood-short 2 synflood 8028 43011 listen
fi
