#!/usr/bin/env bash
# record-resp-captures.sh -- record REAL Redis traffic (RESP on TCP 6379) for
# the golden tests (tests/golden/, made by scripts/gen-goldens.sh from tcpdump):
#
#   captures/resp.pcap   redis-cli talking to redis-server (Debian's
#                        redis-server and redis-tools) in throw-away
#                        namespaces: PING, SET/GET, a missing key (null bulk
#                        string), INCR (integers), an empty list (empty
#                        array), MGET (arrays with a null), an unknown
#                        command (error reply), HELLO 3 (a RESP3 map, which
#                        tcpdump reads as an inline line), a value with
#                        spaces and non-ASCII bytes, pipelined commands
#                        (redis-cli --pipe) and inline commands from a
#                        python3 socket ("PING\r\n", "ECHO hi\n"). Only segments
#                        with data (PSH) are kept.
#
# Traffic never leaves the namespaces. Must run as root. Timestamps and
# ports differ between runs; the printing paths do not.
set -euo pipefail
[[ $EUID -eq 0 ]] || { echo "record-resp-captures.sh: must be run as root" >&2; exit 1; }
for tool in tcpdump ip redis-server redis-cli python3; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool (apt-get install redis-server redis-tools)" >&2; exit 1; }
done
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/captures
A=t16eA B=t16eB
# shellcheck source=lib/netns.sh
. "$ROOT/scripts/lib/netns.sh"
PIDS=()
netns_own "$A" "$B"
netns_workdir TMP
netns_fresh "$A" "$B"
netns_veth "$A" t16ea "$B" t16eb
ip -n "$A" addr add 10.82.0.1/24 dev t16ea
ip -n "$B" addr add 10.82.0.2/24 dev t16eb
ip -n "$A" link set t16ea up
ip -n "$B" link set t16eb up
netns_neighbours "$A" t16ea 10.82.0.1 "$B" t16eb 10.82.0.2

ip netns exec "$B" redis-server --bind 10.82.0.2 --port 6379 --save '' --appendonly no \
    --protected-mode no --dir "$TMP" >"$TMP/redis.log" 2>&1 &
PIDS+=($!)
sleep 1
ip netns exec "$A" tcpdump -i t16ea -U -s 0 -w "$OUT/resp.pcap" 'tcp port 6379 and tcp[tcpflags] & tcp-push != 0' 2>/dev/null &
PIDS+=($!)
sleep 1
cli() { ip netns exec "$A" redis-cli -h 10.82.0.2 "$@" >/dev/null; }
cli PING
cli SET greeting "hello world"
cli GET greeting
cli GET missing
cli INCR counter
cli INCRBY counter 41
cli LRANGE nolist 0 -1
cli MGET greeting missing counter
cli NOSUCHCOMMAND arg || true
cli -3 HELLO 3
cli SET bytes "$(printf 'caf\xc3\xa9 \x01\x7f')"
cli GET bytes
printf 'SET a 1\r\nSET b 2\r\nGET a\r\nGET b\r\n' | ip netns exec "$A" redis-cli -h 10.82.0.2 --pipe >/dev/null
ip netns exec "$A" python3 - <<'PY'
import socket, time
s = socket.create_connection(("10.82.0.2", 6379))
for line in (b"PING\r\n", b"ECHO hi\n"):
    s.sendall(line)
    time.sleep(0.2)
    s.recv(4096)
s.close()
PY
sleep 1
kill "${PIDS[1]}"; wait "${PIDS[1]}" 2>/dev/null || true
echo "wrote $OUT/resp.pcap"
