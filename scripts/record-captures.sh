#!/usr/bin/env bash
# record-captures.sh -- record the small, REAL test captures in captures/.
#
# Builds two throw-away network namespaces joined by a veth pair
#   tscapA: tsa0 10.77.0.1/24 fd77::1/64   va 10.77.100.1/24 fd77:100::1/64 (VLAN 100)
#   tscapB: tsb0 10.77.0.2/24 fd77::2/64   vb 10.77.100.2/24 fd77:100::2/64 (VLAN 100)
#   tscapR: userspace 802.1Q trunk relay between va and vb (see setup_netns)
# runs small servers in tscapB and clients in tscapA, and records the traffic
# with tcpdump (dumpcap for pcapng) on the namespace side of the veth pair.
# Traffic never leaves these namespaces.  Crafted TCP segments (options
# torture test) are sent with a python3 raw socket to 10.77.0.3 / fd77::3,
# which only exist as static neighbour entries pointing at tsb0 (tscapB drops
# them silently, so no RST noise).  Finally captures/bad/ is (re)generated
# from good captures by a small embedded python generator.
#
# Must run as root.  Idempotent: re-running replaces every capture (timestamps,
# sequence numbers, TS values differ between runs; everything else is stable).
# Namespaces, servers and tcpdumps it started are cleaned up on exit/failure.
#
# Re-run everything (captures, then goldens):
#   sudo scripts/record-captures.sh && scripts/gen-goldens.sh
set -euo pipefail

if [[ $EUID -ne 0 ]]; then
    echo "record-captures.sh: must be run as root (sudo $0)" >&2
    exit 1
fi
for tool in tcpdump dumpcap ip curl ping ethtool; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/captures
PY=${PYTHON:-$(command -v python3)}
NSA=tscapA
NSB=tscapB
NSR=tscapR
# shellcheck source=lib/netns.sh
. "$ROOT/scripts/lib/netns.sh"
PIDS=()
# on exit: servers and tcpdumps stopped, namespaces and WORK removed
netns_own "$NSA" "$NSB" "$NSR"
netns_workdir WORK /tmp/record-captures.XXXXXX

log() { printf '== %s\n' "$*" >&2; }

inA() { ip netns exec "$NSA" "$@"; }
inB() { ip netns exec "$NSB" "$@"; }
inR() { ip netns exec "$NSR" "$@"; }

# ---------------------------------------------------------------- topology
setup_netns() {
    local ns
    netns_fresh "$NSA" "$NSB" "$NSR"
    for ns in "$NSA" "$NSB" "$NSR"; do
        netns_quiet "$ns" net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0
    done
    # the relay namespace has no IP stack of its own on its links
    inR sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    # explicit, unusual ifindexes: LINUX_SLL2 stores the ifindex and tcpdump
    # resolves it with if_indextoname() on the *reading* host; 77xx is
    # unlikely to exist there, so the output stays reproducible.
    ip link del tsa0 2>/dev/null || true
    netns_veth "$NSA" tsa0 "$NSB" tsb0 "index 7701" "index 7702"
    inA ip link set tsa0 address 02:77:00:00:00:01
    inB ip link set tsb0 address 02:77:00:00:00:02
    inA ip addr add 10.77.0.1/24 dev tsa0
    inB ip addr add 10.77.0.2/24 dev tsb0
    inA ip -6 addr add fd77::1/64 dev tsa0 nodad
    inB ip -6 addr add fd77::2/64 dev tsb0 nodad
    # VLAN 100 segment.  This kernel has no CONFIG_VLAN_8021Q (no "type vlan"
    # links, no bridge vlan filtering), so the tag is added by a userspace
    # "trunk": va (tscapA) -- vra [relay in tscapR] tr0 ==trunk== tr1 [relay] vrb -- vb (tscapB)
    # The relay pushes an 802.1Q tag (VID 100) on frames it sends over the
    # tr0/tr1 veth pair and strips it on the other side; vlan.pcap is
    # captured on tr0, so every frame carries the tag.
    netns_veth "$NSA" va "$NSR" vra "index 7721" "index 7723"
    netns_veth "$NSB" vb "$NSR" vrb "index 7722" "index 7724"
    netns_veth "$NSR" tr0 "$NSR" tr1 "index 7725" "index 7726"
    inA ip link set va address 02:77:00:00:01:01
    inB ip link set vb address 02:77:00:00:01:02
    inA ip addr add 10.77.100.1/24 dev va
    inB ip addr add 10.77.100.2/24 dev vb
    inA ip -6 addr add fd77:100::1/64 dev va nodad
    inB ip -6 addr add fd77:100::2/64 dev vb nodad
    inR ip link set tr0 mtu 1504
    inR ip link set tr1 mtu 1504
    # no TSO/GSO/GRO and no checksum offload: every frame on the wire is a
    # complete <= MTU frame with a correct checksum, like on a real NIC
    local l
    for l in tsa0 va; do inA ethtool -K "$l" tx off tso off gso off gro off >/dev/null; done
    for l in tsb0 vb; do inB ethtool -K "$l" tx off tso off gso off gro off >/dev/null; done
    for l in vra vrb tr0 tr1; do inR ethtool -K "$l" tx off tso off gso off gro off >/dev/null; done
    for l in tsa0 va; do inA ip link set "$l" up; done
    for l in tsb0 vb; do inB ip link set "$l" up; done
    for l in vra vrb tr0 tr1; do inR ip link set "$l" up; done
    # blackhole targets for crafted segments: resolve to tsb0, which drops them
    inA ip neigh replace 10.77.0.3 lladdr 02:77:00:00:00:02 dev tsa0 nud permanent
    inA ip -6 neigh replace fd77::3 lladdr 02:77:00:00:00:02 dev tsa0 nud permanent
}

# ---------------------------------------------------------------- servers
write_helpers() {
    mkdir -p "$WORK/www"
    "$PY" - "$WORK/www/hello.txt" <<'EOF'
import sys
# deterministic ~2.5 KB body so the response spans two full-size segments
lines = ["tcpscope test page line %03d: the quick brown fox jumps over the lazy dog\n" % i
         for i in range(32)]
open(sys.argv[1], "w").write("".join(lines))
EOF
    printf 'small\n' > "$WORK/www/small.txt"

    cat > "$WORK/servers.py" <<'EOF'
# tiny servers for tscapB: TCP "hello" server and UDP echo server (IPv4+IPv6)
import socket, sys, threading

def tcp_hello(port):
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind(("::", port)); s.listen(16)
    while True:
        c, _ = s.accept()
        try:
            c.recv(100)
            c.sendall(b"hello from tscapB\n")
        except OSError:
            pass
        c.close()

def udp_echo(port, fam, addr):
    s = socket.socket(fam, socket.SOCK_DGRAM)
    s.bind((addr, port))
    while True:
        d, a = s.recvfrom(2048)
        s.sendto(b"echo: " + d, a)

threading.Thread(target=tcp_hello, args=(40300,), daemon=True).start()
threading.Thread(target=udp_echo, args=(40000, socket.AF_INET, "10.77.0.2"), daemon=True).start()
threading.Thread(target=udp_echo, args=(40000, socket.AF_INET6, "fd77::2"), daemon=True).start()
print("ready", flush=True)
threading.Event().wait()
EOF

    cat > "$WORK/vlanrelay.py" <<'EOF'
# Userspace 802.1Q trunk: vra <-> [tag VID 100] tr0 == tr1 [untag] <-> vrb
import select, socket, struct
ETH_P_ALL, PACKET_OUTGOING = 0x0003, 4
TAG = struct.pack("!HH", 0x8100, 100)
def sock(ifname):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.bind((ifname, 0))
    return s
vra, vrb, tr0, tr1 = (sock(n) for n in ("vra", "vrb", "tr0", "tr1"))
def tag(f): return f[:12] + TAG + f[12:]
def untag(f): return f[:12] + f[16:] if f[12:14] == b"\x81\x00" else f
route = {vra: (tr0, tag), tr1: (vrb, untag), vrb: (tr1, tag), tr0: (vra, untag)}
print("ready", flush=True)
while True:
    r, _, _ = select.select(list(route), [], [])
    for s in r:
        f, addr = s.recvfrom(65535)
        if addr[2] == PACKET_OUTGOING:
            continue
        out, fn = route[s]
        out.send(fn(f))
EOF

    cat > "$WORK/client.py" <<'EOF'
# client helpers run in tscapA
import socket, sys, time
cmd = sys.argv[1]
if cmd == "tcp":          # tcp HOST PORT LPORT : connect, send, read, close
    host, port, lport = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    fam = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("::" if fam == socket.AF_INET6 else "0.0.0.0", lport))
    s.settimeout(3)
    try:
        s.connect((host, port))
        s.sendall(b"hi\n")
        while s.recv(100):
            pass
    except OSError as e:
        print("tcp %s:%d: %s" % (host, port, e), file=sys.stderr)
    s.close()
elif cmd == "udp":        # udp HOST PORT LPORT PAYLOAD [wait-for-reply]
    host, port, lport, payload = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    fam = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_DGRAM)
    s.bind(("::" if fam == socket.AF_INET6 else "0.0.0.0", lport))
    s.settimeout(1)
    s.sendto(payload.encode(), (host, port))
    try:
        s.recvfrom(2048)
    except OSError:
        pass
elif cmd == "wait":       # wait HOST PORT : until a TCP server answers
    host, port = sys.argv[2], int(sys.argv[3])
    fam = socket.AF_INET6 if ":" in host else socket.AF_INET
    for _ in range(100):
        try:
            socket.create_connection((host, port), timeout=0.2).close()
            sys.exit(0)
        except OSError:
            time.sleep(0.1)
    sys.exit("server %s:%d not up" % (host, port))
EOF
}

start_servers() {
    inB "$PY" -m http.server 80 --bind :: --directory "$WORK/www" \
        >"$WORK/http.log" 2>&1 &
    PIDS+=($!)
    inB "$PY" -u "$WORK/servers.py" >"$WORK/servers.log" 2>&1 &
    PIDS+=($!)
    inR "$PY" -u "$WORK/vlanrelay.py" >"$WORK/vlanrelay.log" 2>&1 &
    PIDS+=($!)
    inA "$PY" "$WORK/client.py" wait 10.77.0.2 80
    inA "$PY" "$WORK/client.py" wait fd77::2 80
    inA "$PY" "$WORK/client.py" wait 10.77.0.2 40300
    inA "$PY" "$WORK/client.py" wait 10.77.100.2 80
    sleep 0.5
}

# ---------------------------------------------------------------- capture
CAP_PID=
CAP_LOG=
# cap_start NS OUTFILE tcpdump-args...   (the filter goes last)
cap_start() {
    local ns=$1 file=$2
    shift 2
    CAP_LOG=$WORK/$(basename "$file").log
    ip netns exec "$ns" tcpdump -Z root -U -w "$file" "$@" 2>"$CAP_LOG" &
    CAP_PID=$!
    PIDS+=($CAP_PID)
    local i
    for i in $(seq 100); do
        grep -q 'listening on' "$CAP_LOG" && break
        kill -0 "$CAP_PID" 2>/dev/null || { cat "$CAP_LOG" >&2; return 1; }
        sleep 0.1
    done
    sleep 0.5
}
# dumpcap_start NS OUTFILE dumpcap-args...
dumpcap_start() {
    local ns=$1 file=$2
    shift 2
    CAP_LOG=$WORK/$(basename "$file").log
    ip netns exec "$ns" dumpcap -q -w "$file" "$@" 2>"$CAP_LOG" &
    CAP_PID=$!
    PIDS+=($CAP_PID)
    local i
    for i in $(seq 100); do
        grep -q 'Capturing on' "$CAP_LOG" && break
        kill -0 "$CAP_PID" 2>/dev/null || { cat "$CAP_LOG" >&2; return 1; }
        sleep 0.1
    done
    sleep 1
}
cap_stop() {
    sleep 0.7
    kill -INT "$CAP_PID" 2>/dev/null || true
    wait "$CAP_PID" || true
    grep -E 'captured|Packets' "$CAP_LOG" >&2 || true
}

http_get() { # http_get URL LPORT
    inA curl -sS --max-time 5 --local-port "$2" -o /dev/null "$1"
}

# ---------------------------------------------------------------- crafted TCP
write_crafter() {
    cat > "$WORK/craft.py" <<'EOF'
# Send hand-made TCP segments with a raw socket (options torture test).
# IPv4: AF_INET/SOCK_RAW/IPPROTO_RAW (implies IP_HDRINCL), full IP header built here.
# IPv6: AF_INET6/SOCK_RAW/IPPROTO_TCP, kernel builds the IPv6 header.
# argv[1]: the scripts/ directory, for craftlib (headers and checksums).
import socket, struct, sys, time
sys.path.insert(0, sys.argv[1])
import craftlib

SRC4, DST4 = "10.77.0.1", "10.77.0.3"
SRC6, DST6 = "fd77::1", "fd77::3"
FIN, SYN, RST, PSH, ACK, URG, ECE, CWR = 1, 2, 4, 8, 16, 32, 64, 128

def tcp(sport, dport, seq, ack, flags, opts=b"", payload=b"", win=64240, urp=0, v6=False):
    assert len(opts) % 4 == 0 and len(opts) <= 40, (sport, len(opts))
    src, dst = (SRC6, DST6) if v6 else (SRC4, DST4)
    return craftlib.tcp(sport, dport, seq, ack, flags, payload, src, dst, win=win, options=opts, urp=urp)

ident = 0x7700
def ip4(seg, tos=0):
    global ident
    ident += 1
    return craftlib.ipv4(6, seg, SRC4, DST4, ident=ident, frag=0x4000, tos=tos)

# option builders
NOP, EOL = b"\x01", b"\x00"
def MSS(v): return struct.pack("!BBH", 2, 4, v)
def WS(v): return struct.pack("!BBB", 3, 3, v)
SACKOK = b"\x04\x02"
def SACK(*blocks): return struct.pack("!BB", 5, 2 + 8 * len(blocks)) + b"".join(struct.pack("!II", l, r) for l, r in blocks)
def TS(v, e): return struct.pack("!BBII", 8, 10, v, e)
def MD5(sig): return struct.pack("!BB", 19, 18) + sig
def UTO(v): return struct.pack("!BBH", 28, 4, v)
def TFO(cookie=b""): return struct.pack("!BB", 34, 2 + len(cookie)) + cookie
def EXPTFO(cookie=b""): return struct.pack("!BBH", 254, 4 + len(cookie), 0xF989) + cookie
def MPTCP(subtype, first4bits, rest): return struct.pack("!BBB", 30, 3 + len(rest), (subtype << 4) | first4bits) + rest

COOKIE = bytes.fromhex("c0c1c2c3c4c5c6c7")
LINUX_SYN = MSS(1460) + SACKOK + TS(1000, 0) + NOP + WS(7)
TSO = NOP + NOP + TS(2000, 1000)
S, A = 0x11110000, 0x22220000

segs4 = [
    # (sport, dport, seq, ack, flags, opts, payload, extra)
    (40101, 40200, S, 0, SYN, LINUX_SYN + TFO() + NOP + NOP, b"", {}),                 # Linux SYN + TFO cookie request
    (40102, 40200, S, 0, SYN, MSS(1460) + NOP + NOP + TFO(COOKIE), b"TFO data in SYN", {}),
    (40103, 40200, S, 0, SYN, MSS(1460) + EXPTFO(), b"", {}),                          # experimental TFO, request
    (40104, 40200, S, 0, SYN, MSS(1460) + EXPTFO(COOKIE), b"", {}),                    # experimental TFO, cookie
    (40105, 40200, S + 1, A + 1, ACK, TSO + NOP + NOP + SACK((A + 1001, A + 2001)), b"", {}),  # SACK 1 block
    (40106, 40200, S + 1, A + 1, ACK,
     TSO + NOP + NOP + SACK((A + 1001, A + 2001), (A + 3001, A + 4001), (A + 5001, A + 6001)), b"", {}),  # SACK 3 blocks
    (40107, 40200, S, 0, SYN, MSS(1460) + MD5(bytes(range(0x10, 0x20))) + NOP + NOP, b"", {}),  # TCP-MD5 (kind 19)
    (40108, 40200, S, 0, SYN, MSS(1460) + MPTCP(0, 0, b"\x81" + bytes.fromhex("0102030405060708")), b"", {}),  # MP_CAPABLE v0 SYN (len 12)
    (40109, 40200, S, 0, SYN, MSS(1460) + MPTCP(0, 1, b"\x81") + b"", b"", {}),        # MP_CAPABLE v1 SYN (len 4)
    (40110, 40200, S + 1, A + 1, ACK,
     MPTCP(0, 0, b"\x81" + bytes.fromhex("0102030405060708") + bytes.fromhex("1112131415161718")), b"", {}),  # MP_CAPABLE ACK (len 20)
    (40111, 40200, S, 0, SYN, MSS(1460) + MPTCP(1, 0, b"\x02" + bytes.fromhex("a1a2a3a4b1b2b3b4")), b"", {}),  # MP_JOIN SYN (len 12)
    (40112, 40200, S + 1, A + 1, ACK | PSH,
     TSO + MPTCP(2, 0, b"\x05" + struct.pack("!IIIHH", 0x01000001, 0x02000001, 1, 16, 0xBEEF)),  # DSS: data ack + mapping + csum
     b"mptcp dss data!\n", {}),
    (40113, 40200, S + 1, A + 1, ACK, TSO + MPTCP(2, 0, b"\x01" + struct.pack("!I", 0x01000011)) + b"", b"", {}),  # DSS: data ack only (len 8)
    (40114, 40200, S, 0, SYN, MSS(1460) + UTO(0x8000 | 5), b"", {}),                 # user timeout 5 min
    (40115, 40200, S, 0, SYN, MSS(1460) + UTO(30), b"", {}),                         # user timeout 30 s
    (40116, 40200, S, 0, SYN, WS(14) + NOP, b"", {}),                                # window scale only
    (40117, 40200, S, 0, SYN, MSS(1460) + EOL + WS(7), b"", {}),                     # EOL in the middle
    (40118, 40200, S, 0, SYN, MSS(1460) + b"\x63\x04\xab\xcd", b"", {}),             # unknown kind 99 len 4
    (40119, 40200, S, 0, SYN, MSS(1460) + b"\x08\x01" + NOP + NOP, b"", {}),         # TS with bad length 1
    (40120, 40200, S, 0, SYN, MSS(1460) + b"\x63\x1e\x00\x00", b"", {}),             # kind 99 len 30 > header
    (40121, 40200, S, 0, SYN, MSS(1460) + b"\x02\x06\x05\xb4" , b"", {}),            # MSS with wrong length 6
    (40122, 40200, S + 1, A + 1, ACK | PSH | URG, TSO, b"URGENT!rest of data", {"urp": 7}),  # urgent pointer
    (40123, 40200, S, 0, SYN | ECE | CWR, LINUX_SYN, b"", {}),                       # ECN-setup SYN
    (40123, 40200, S + 1, A + 1, ACK | PSH | ECE, TSO, b"ece\n", {"tos": 0x02}),     # ECE, IP ECT(0)
    (40123, 40200, S + 5, A + 1, ACK | PSH | CWR, TSO, b"cwr\n", {"tos": 0x03}),     # CWR, IP CE
    (40124, 40200, S, 0, 0, b"", b"", {}),                                           # no flags at all
    (40125, 40200, S, A, 0xFF, TSO, b"", {"urp": 1}),                                # all 8 flags
    (40126, 40200, S, 0, SYN, MSS(1460) + SACKOK + TS(1000, 0) + NOP + WS(7) + NOP + EOL + EOL + EOL, b"", {}),  # padding eol
]
segs6 = [
    (40131, 40200, S, 0, SYN, LINUX_SYN, b"", {}),
    (40132, 40200, S + 1, A + 1, ACK, TSO + NOP + NOP + SACK((A + 1001, A + 2001), (A + 3001, A + 4001)), b"", {}),
    (40133, 40200, S, 0, SYN, MSS(1440) + NOP + NOP + TFO(COOKIE), b"TFO data over IPv6", {}),
]

s4 = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
for sp, dp, seq, ack, fl, opts, pl, ex in segs4:
    seg = tcp(sp, dp, seq, ack, fl, opts, pl, urp=ex.get("urp", 0))
    s4.sendto(ip4(seg, ex.get("tos", 0)), (DST4, 0))
    time.sleep(0.01)
s6 = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_TCP)
s6.bind((SRC6, 0))
for sp, dp, seq, ack, fl, opts, pl, ex in segs6:
    seg = tcp(sp, dp, seq, ack, fl, opts, pl, urp=ex.get("urp", 0), v6=True)
    s6.sendto(seg, (DST6, 0))
    time.sleep(0.01)
EOF
}

# ---------------------------------------------------------------- bad files
write_badgen() {
    cat > "$WORK/badgen.py" <<'EOF'
# Derive deliberately broken capture files from good ones.
import os, struct, sys
good_pcap, good_pcapng, outdir = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(outdir, exist_ok=True)
data = open(good_pcap, "rb").read()
assert data[:4] == b"\xd4\xc3\xb2\xa1", "expected little-endian microsecond pcap"
hdr, body = data[:24], data[24:]

# split records: (offset_in_file, caplen)
recs, off = [], 24
while off < len(data):
    ts, tu, cl, ol = struct.unpack_from("<IIII", data, off)
    recs.append((off, cl))
    off += 16 + cl
assert off == len(data) and len(recs) >= 4

def w(name, b):
    open(os.path.join(outdir, name), "wb").write(b)

w("not-a-capture.pcap",
  b"This is not a capture file.\nIt is plain text that merely has a .pcap name.\n" * 4)
w("truncated-header.pcap", data[:10])
last_off, last_cl = recs[-1]
w("truncated-record.pcap", data[:last_off + 16 + last_cl // 2])
w("truncated-record-header.pcap", data[:last_off + 8])
# file snaplen 96: every record longer than 96 bytes now exceeds the snaplen
w("caplen-over-snaplen.pcap", hdr[:16] + struct.pack("<I", 96) + hdr[20:] + body)
# third record claims caplen/len 300000 (> 262144)
o3 = recs[2][0]
b = bytearray(data)
struct.pack_into("<II", b, o3 + 8, 300000, 300000)
w("huge-caplen.pcap", bytes(b))
# link type 147 (DLT_USER0), otherwise untouched
w("unknown-linktype.pcap", hdr[:20] + struct.pack("<I", 147) + body)
# link type 9999: not a LINKTYPE libpcap knows at all
w("unknown-linktype-9999.pcap", hdr[:20] + struct.pack("<I", 9999) + body)
w("empty.pcap", hdr)

# pcapng: cut the last block in the middle
ng = open(good_pcapng, "rb").read()
off, last = 0, None
while off < len(ng):
    btype, blen = struct.unpack_from("<II", ng, off)
    last = (off, blen)
    off += blen
assert off == len(ng)
w("truncated-block.pcapng", ng[:last[0] + last[1] // 2])
EOF

    cat > "$WORK/swap.py" <<'EOF'
# Rewrite a little-endian pcap as a big-endian (byte-swapped) pcap.
import struct, sys
src, dst = sys.argv[1], sys.argv[2]
d = open(src, "rb").read()
magic, vmaj, vmin, tz, sig, snap, lt = struct.unpack_from("<IHHiIII", d, 0)
assert magic in (0xA1B2C3D4, 0xA1B23C4D)
out = [struct.pack(">IHHiIII", magic, vmaj, vmin, tz, sig, snap, lt)]
off = 24
while off < len(d):
    ts, tu, cl, ol = struct.unpack_from("<IIII", d, off)
    out.append(struct.pack(">IIII", ts, tu, cl, ol))
    out.append(d[off + 16: off + 16 + cl])
    off += 16 + cl
open(dst, "wb").write(b"".join(out))
EOF
}

# ================================================================ main
log "setting up namespaces $NSA / $NSB"
setup_netns
write_helpers
write_crafter
write_badgen
start_servers
mkdir -p "$OUT/bad"
T=$WORK/out
mkdir -p "$T"
chmod 777 "$T"
HTTP_FILTER='tcp port 80'

log "http-ipv4.pcap"
cap_start "$NSA" "$T/http-ipv4.pcap" -i tsa0 "$HTTP_FILTER"
http_get http://10.77.0.2/hello.txt 40080
cap_stop

log "http-ipv6.pcap"
cap_start "$NSA" "$T/http-ipv6.pcap" -i tsa0 "$HTTP_FILTER"
http_get 'http://[fd77::2]/hello.txt' 40081
cap_stop

log "refused.pcap"
cap_start "$NSA" "$T/refused.pcap" -i tsa0 tcp
inA "$PY" "$WORK/client.py" tcp 10.77.0.2 9 40090
inA "$PY" "$WORK/client.py" tcp fd77::2 9 40091
cap_stop

log "syn-options.pcap"
cap_start "$NSA" "$T/syn-options.pcap" -i tsa0 tcp
inA "$PY" "$WORK/client.py" tcp 10.77.0.2 40300 40092   # real Linux handshake + data + close
inA "$PY" "$WORK/client.py" tcp fd77::2 40300 40093
inA "$PY" "$WORK/craft.py" "$ROOT/scripts"
cap_stop

log "udp-icmp-arp.pcap"
inA ip neigh flush dev tsa0 2>/dev/null || true
inB ip neigh flush dev tsb0 2>/dev/null || true
inA ip -6 neigh flush dev tsa0 2>/dev/null || true
inB ip -6 neigh flush dev tsb0 2>/dev/null || true
# icmp6 without extension headers, minus router solicitations (MLD has a hop-by-hop header)
cap_start "$NSA" "$T/udp-icmp-arp.pcap" -i tsa0 \
    'arp or icmp or udp or (icmp6 and ip6[40] != 133)'
inA ping -n -c 2 -i 0.3 10.77.0.2 >/dev/null
inA "$PY" "$WORK/client.py" udp 10.77.0.2 40000 40001 "hello udp over ipv4"
inA "$PY" "$WORK/client.py" udp 10.77.0.2 40009 40002 "nobody listens here"
inA ping -n -6 -c 2 -i 0.3 fd77::2 >/dev/null
inA "$PY" "$WORK/client.py" udp fd77::2 40000 40001 "hello udp over ipv6"
inA "$PY" "$WORK/client.py" udp fd77::2 40009 40002 "nobody listens here either"
cap_stop

log "vlan.pcap"
inA ip neigh flush dev va 2>/dev/null || true
inB ip neigh flush dev vb 2>/dev/null || true
cap_start "$NSR" "$T/vlan.pcap" -i tr0 'vlan and (arp or icmp or tcp port 80)'
inA ping -n -c 2 -i 0.3 10.77.100.2 >/dev/null
http_get http://10.77.100.2/small.txt 40082
cap_stop

log "mixed.pcapng (tsa0 EN10MB + any LINUX_SLL)"
dumpcap_start "$NSA" "$T/mixed.pcapng" -i tsa0 -f "$HTTP_FILTER" -i any -f "$HTTP_FILTER or icmp"
http_get http://10.77.0.2/small.txt 40083
inA ping -n -c 1 127.0.0.1 >/dev/null
cap_stop

log "multi-eth.pcapng (tsa0 + lo, both EN10MB)"
dumpcap_start "$NSA" "$T/multi-eth.pcapng" -i tsa0 -f "$HTTP_FILTER" -i lo -f icmp
http_get http://10.77.0.2/small.txt 40084
inA ping -n -c 1 127.0.0.1 >/dev/null
cap_stop

log "nano.pcap"
cap_start "$NSA" "$T/nano.pcap" --time-stamp-precision=nano -i tsa0 "$HTTP_FILTER"
http_get http://10.77.0.2/small.txt 40085
cap_stop

log "cooked.pcap (LINUX_SLL)"
cap_start "$NSA" "$T/cooked.pcap" -i any -y LINUX_SLL "$HTTP_FILTER or icmp"
http_get http://10.77.0.2/small.txt 40086
inA ping -n -c 1 127.0.0.1 >/dev/null
cap_stop

log "cooked2.pcap (LINUX_SLL2)"
cap_start "$NSA" "$T/cooked2.pcap" -i any -y LINUX_SLL2 "$HTTP_FILTER or icmp"
http_get http://10.77.0.2/small.txt 40087
inA ping -n -c 1 127.0.0.1 >/dev/null
cap_stop

log "snaplen.pcap (-s 70)"
cap_start "$NSA" "$T/snaplen.pcap" -s 70 -i tsa0 "$HTTP_FILTER"
http_get http://10.77.0.2/small.txt 40088
cap_stop

log "snaplen54.pcap (-s 54)"
cap_start "$NSA" "$T/snaplen54.pcap" -s 54 -i tsa0 "$HTTP_FILTER"
http_get http://10.77.0.2/small.txt 40089
cap_stop

log "bigendian.pcap (byte-swapped http-ipv4.pcap)"
"$PY" "$WORK/swap.py" "$T/http-ipv4.pcap" "$T/bigendian.pcap"

log "bad/"
mkdir -p "$T/bad"
"$PY" "$WORK/badgen.py" "$T/http-ipv4.pcap" "$T/multi-eth.pcapng" "$T/bad"

# sanity: every good capture must be readable by tcpdump and non-empty
for f in "$T"/*.pcap "$T"/*.pcapng; do
    case $f in *mixed.pcapng) continue ;; esac  # libpcap 1.10 rejects mixed link types (expected)
    n=$(tcpdump -nn -r "$f" 2>/dev/null | wc -l)
    if [[ $n -eq 0 ]]; then
        echo "capture $f is empty or unreadable" >&2
        exit 1
    fi
    log "$(basename "$f"): $n packets, $(stat -c %s "$f") bytes"
done

# install: replace previous captures (only the files this script owns)
for f in "$T"/*.pcap "$T"/*.pcapng; do
    install -m 644 "$f" "$OUT/"
done
for f in "$T"/bad/*; do
    install -m 644 "$f" "$OUT/bad/"
done
if [[ -n ${SUDO_UID:-} ]]; then
    chown -R "$SUDO_UID:${SUDO_GID:-$SUDO_UID}" "$OUT"
fi
log "done: captures written to $OUT"
