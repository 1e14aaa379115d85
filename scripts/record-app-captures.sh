#!/usr/bin/env bash
# record-app-captures.sh -- record REAL traffic of application protocols for
# the golden tests (tests/golden/, made by scripts/gen-goldens.sh from tcpdump):
#
#   captures/syslog-sip.pcap   logger(1) sending RFC 3164 and RFC 5424 syslog
#                              messages of several facilities and severities
#                              over UDP 514; SIP requests and responses over
#                              UDP 5060 (python3 sockets: a client and a
#                              responder, as no SIP daemon is packaged here)
#   captures/ntp.pcap          NTP over UDP 123 between a python3 client and
#                              server (no NTP daemon here): v3/v4 client and
#                              server modes, symmetric and broadcast modes,
#                              stratum 0 (kiss code), 1 (reference clock
#                              name) and 2, key id with MD5 and SHA-1
#                              digests, extra bytes, a mode 6 control query
#                              and response, a mode 7 request
#   captures/telnet.pcap       telnet option negotiation over TCP 23 between
#                              python3 sockets (no telnetd here): DO/DONT/
#                              WILL/WONT, subnegotiations (terminal type,
#                              authentication, encryption, NAWS, unknown
#                              options), one-byte commands, IAC IAC, text
#   captures/tftp.pcap         TFTP over UDP 69 between python3 sockets (a
#                              small server answering from port 69 itself):
#                              RRQ with options and OACK, DATA/ACK blocks, a
#                              WRQ refused with an error, unknown file
#
# Two throw-away namespaces joined by a veth pair (t16bA 10.79.0.1 and t16bB
# 10.79.0.2); listeners in t16bB, clients in t16bA, tcpdump on t16bA's side.
# Traffic never leaves the namespaces. Must run as root. Timestamps differ
# between runs; everything else is stable.
set -euo pipefail
[[ $EUID -eq 0 ]] || { echo "record-app-captures.sh: must be run as root" >&2; exit 1; }
for tool in tcpdump ip logger python3; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/captures
A=t16bA B=t16bB
# shellcheck source=lib/netns.sh
. "$ROOT/scripts/lib/netns.sh"
PIDS=()
netns_own "$A" "$B"
netns_fresh "$A" "$B"
netns_veth "$A" t16ba "$B" t16bb
ip -n "$A" addr add 10.79.0.1/24 dev t16ba
ip -n "$B" addr add 10.79.0.2/24 dev t16bb
ip -n "$A" link set t16ba up
ip -n "$B" link set t16bb up
# no neighbour discovery in the capture
netns_neighbours "$A" t16ba 10.79.0.1 "$B" t16bb 10.79.0.2

capture() { # $1 file, $2 filter
    ip netns exec "$A" tcpdump -i t16ba -U -s 0 -w "$OUT/$1" "$2" 2>/dev/null &
    PIDS+=($!)
    sleep 1
}
stop_capture() {
    sleep 1
    local p=${PIDS[-1]}
    kill "$p"; wait "$p" 2>/dev/null || true
    unset 'PIDS[-1]'
}

# --- syslog and SIP
ip netns exec "$B" python3 - <<'PY' &
import socket, select
s514 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s514.bind(("10.79.0.2", 514))
sip = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); sip.bind(("10.79.0.2", 5060))
while True:
    r, _, _ = select.select([s514, sip], [], [], 30)
    if not r:
        break
    for s in r:
        data, peer = s.recvfrom(65535)
        if s is sip and not data.startswith(b"SIP/2.0"):
            first = data.split(b"\r\n", 1)[0]
            hdrs = b"\r\n".join(l for l in data.split(b"\r\n")[1:] if l.split(b":")[0] in (b"Via", b"From", b"To", b"Call-ID", b"CSeq"))
            if first.startswith(b"INVITE"):
                sip.sendto(b"SIP/2.0 100 Trying\r\n" + hdrs + b"\r\nContent-Length: 0\r\n\r\n", peer)
            sip.sendto(b"SIP/2.0 200 OK\r\n" + hdrs + b"\r\nContent-Length: 0\r\n\r\n", peer)
PY
PIDS+=($!)
sleep 1
capture syslog-sip.pcap "udp and (port 514 or port 5060)"
for pri in user.notice local0.info local7.debug daemon.err auth.crit kern.emerg mail.warning; do
    ip netns exec "$A" logger --udp -n 10.79.0.2 -P 514 --rfc3164 -t tcpscope -p "$pri" "test message at $pri"
done
ip netns exec "$A" logger --udp -n 10.79.0.2 -P 514 --rfc5424 -t tcpscope -p local3.alert "rfc5424 message with tab	and high byte $(printf '\xe9')"
ip netns exec "$A" python3 - <<'PY'
import socket, time
c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); c.bind(("10.79.0.1", 5060)); c.settimeout(2)
def req(method, uri, cseq, body=b""):
    m = (f"{method} {uri} SIP/2.0\r\nVia: SIP/2.0/UDP 10.79.0.1:5060;branch=z9hG4bK{cseq}\r\n"
         f"From: <sip:alice@10.79.0.1>;tag=1\r\nTo: <sip:bob@10.79.0.2>\r\nCall-ID: call-{cseq}@10.79.0.1\r\n"
         f"CSeq: {cseq} {method}\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
    c.sendto(m, ("10.79.0.2", 5060))
    try:
        while True:
            d, _ = c.recvfrom(65535)
            if d.startswith(b"SIP/2.0 200"):
                break
    except socket.timeout:
        pass
req("OPTIONS", "sip:bob@10.79.0.2", 1)
req("REGISTER", "sip:10.79.0.2", 2)
req("INVITE", "sip:bob@10.79.0.2", 3, b"v=0\r\no=alice 1 1 IN IP4 10.79.0.1\r\ns=-\r\n")
req("ACK", "sip:bob@10.79.0.2", 3)
req("BYE", "sip:bob@10.79.0.2", 4)
c.sendto(b"HELLO not sip at all\r\n", ("10.79.0.2", 5060))
time.sleep(0.5)
PY
stop_capture
echo "record-app-captures.sh: wrote $OUT/syslog-sip.pcap" >&2

# --- NTP
ip netns exec "$B" python3 - <<'PY' &
import socket, struct, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("10.79.0.2", 123)); s.settimeout(20)
JAN_1970 = 2208988800
def ts(t):
    return struct.pack(">II", int(t) + JAN_1970, int((t % 1) * 2**32))
n = 0
while True:
    try:
        d, peer = s.recvfrom(2048)
    except socket.timeout:
        break
    now = time.time()
    mode = d[0] & 7
    if mode == 3:
        vn = (d[0] >> 3) & 7
        strata = [(2, struct.pack(">I", 0xC0000201)), (1, b"GPS\0"), (0, b"RATE"), (16, b"\0\0\0\0")]
        stratum, refid = strata[n % len(strata)]
        n += 1
        reply = struct.pack(">BBbb", (0 if stratum else 0xC0) | vn << 3 | 4, stratum, 6, -23) \
            + struct.pack(">HHHH", 0, 0x1234, 0, 0x0800) + refid + ts(now - 64) + d[40:48] + ts(now) + ts(time.time())
        s.sendto(reply, peer)
    elif mode == 6:
        data = b"version=\"ntpd 4.2.8\", leap=00"
        hdr = struct.pack(">BBHHHHH", d[0], 0x80 | (d[1] & 0x1f), struct.unpack(">H", d[2:4])[0], 0x0615, 0, 0, len(data))
        s.sendto(hdr + data + b"\0" * ((4 - len(data) % 4) % 4), peer)
PY
PIDS+=($!)
sleep 1
capture ntp.pcap "udp port 123"
ip netns exec "$A" python3 - <<'PY'
import socket, struct, time
c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); c.bind(("10.79.0.1", 123)); c.settimeout(2)
JAN_1970 = 2208988800
def ts(t):
    return struct.pack(">II", int(t) + JAN_1970, int((t % 1) * 2**32))
def send(pkt, wait=True):
    c.sendto(pkt, ("10.79.0.2", 123))
    if wait:
        try:
            c.recvfrom(2048)
        except socket.timeout:
            pass
def client(vn=4, tail=b"", poll=6, li=0xC0):
    return struct.pack(">BBbb", li | vn << 3 | 3, 0, poll, -20) + b"\0" * 12 + b"\0" * 24 + ts(time.time()) + tail
send(client())
send(client(vn=3, poll=10, li=0))
send(client(poll=-3, tail=struct.pack(">I", 1) + bytes(range(16))))
send(client(poll=40, tail=struct.pack(">I", 2) + bytes(range(20))))
send(client(tail=struct.pack(">I", 3)), wait=False)
send(client(tail=b"\0" * 12), wait=False)
# symmetric active and broadcast from the client side (no reply expected)
send(struct.pack(">BBbb", 1 << 3 | 4 << 3 & 0 | 0x20 | 1, 3, 4, -18) + b"\0" * 44, wait=False)
send(struct.pack(">BBbb", 0x40 | 4 << 3 | 5, 2, 6, -20) + b"\0\1\0\0" * 2 + b"\x0a\x4f\0\x01" + ts(time.time()) * 4, wait=False)
# mode 6 read variables, mode 7 request
send(struct.pack(">BBHHHHH", 2 << 3 | 6, 2, 1, 0, 0, 0, 0))
send(struct.pack(">BBBB", 2 << 3 | 7, 0, 3, 42) + b"\0" * 4, wait=False)
time.sleep(0.5)
PY
stop_capture
echo "record-app-captures.sh: wrote $OUT/ntp.pcap" >&2

# --- telnet
ip netns exec "$B" python3 - <<'PY' &
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.79.0.2", 23)); s.listen(1); s.settimeout(20)
c, _ = s.accept()
IAC, SB, SE = 255, 250, 240
def send(b):
    c.sendall(bytes(b)); c.recv(4096)
send([IAC, 253, 24, IAC, 253, 32, IAC, 251, 1, IAC, 251, 3, IAC, 254, 35])
send([IAC, SB, 24, 1, IAC, SE])
send([IAC, SB, 37, 1, 2, 0, 6, 0, IAC, SE, IAC, SB, 38, 1, 1, 2, 7, IAC, SE])
send([IAC, SB, 37, 2, 8, IAC, SE, IAC, SB, 38, 5, IAC, SE, IAC, SB, 80, 1, 2, IAC, SE])
send([IAC, 241, IAC, 249, IAC, 246, IAC, 244, IAC, 236, IAC, 239])
send(list(b"login: "))
send([IAC, 251, 200, IAC, 252, 39])
c.sendall(b"bye\r\n"); c.close()
PY
PIDS+=($!)
sleep 1
capture telnet.pcap "tcp port 23"
ip netns exec "$A" python3 - <<'PY'
import socket, time
c = socket.create_connection(("10.79.0.2", 23), timeout=5)
IAC, SB, SE = 255, 250, 240
replies = [
    [IAC, 251, 24, IAC, 251, 32, IAC, 253, 1, IAC, 253, 3, IAC, 252, 35],
    [IAC, SB, 24, 0] + list(b"XTERM") + [IAC, SE],
    [IAC, SB, 37, 0, 0, 0, IAC, SE, IAC, SB, 31, 0, 80, 0, 24, IAC, SE],
    [IAC, SB, 38, 0, 1, IAC, SE],
    [IAC, 241],
    list(b"user") + [IAC, IAC] + list(b"\r\n"),
    [IAC, 254, 200],
]
for r in replies:
    c.recv(4096)
    c.sendall(bytes(r))
c.recv(4096)
time.sleep(0.2)
c.close()
time.sleep(0.3)
PY
stop_capture
echo "record-app-captures.sh: wrote $OUT/telnet.pcap" >&2

# --- TFTP
ip netns exec "$B" python3 - <<'PY' &
import socket, struct
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("10.79.0.2", 69)); s.settimeout(20)
data = bytes(range(256)) * 3
while True:
    try:
        d, peer = s.recvfrom(2048)
    except socket.timeout:
        break
    op = struct.unpack(">H", d[:2])[0]
    if op == 1:
        parts = d[2:].split(b"\0")
        if parts[0] == b"missing.txt":
            s.sendto(struct.pack(">HH", 5, 1) + b"File not found\0", peer)
        elif len(parts) > 3:
            s.sendto(struct.pack(">H", 6) + b"blksize\0" + b"512\0" + b"tsize\0" + str(len(data)).encode() + b"\0", peer)
        else:
            s.sendto(struct.pack(">HH", 3, 1) + data[:512], peer)
    elif op == 4:
        block = struct.unpack(">H", d[2:4])[0]
        chunk = data[block * 512:(block + 1) * 512]
        if block * 512 <= len(data):
            s.sendto(struct.pack(">HH", 3, block + 1) + chunk, peer)
    elif op == 2:
        s.sendto(struct.pack(">HH", 5, 2) + b"Access violation\0", peer)
PY
PIDS+=($!)
sleep 1
capture tftp.pcap "udp port 69"
ip netns exec "$A" python3 - <<'PY'
import socket, struct
c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); c.settimeout(2)
srv = ("10.79.0.2", 69)
c.sendto(struct.pack(">H", 1) + b"boot/pxelinux.0\0octet\0blksize\0" + b"512\0tsize\0" + b"0\0", srv)
d, _ = c.recvfrom(2048)
block = 0
while True:
    c.sendto(struct.pack(">HH", 4, block), srv)
    try:
        d, _ = c.recvfrom(2048)
    except socket.timeout:
        break
    block = struct.unpack(">H", d[2:4])[0]
    if len(d) - 4 < 512:
        c.sendto(struct.pack(">HH", 4, block), srv)
        break
c.sendto(struct.pack(">H", 1) + b"missing.txt\0netascii\0", srv)
c.recvfrom(2048)
c.sendto(struct.pack(">H", 2) + b"upload.bin\0octet\0", srv)
c.recvfrom(2048)
PY
stop_capture
echo "record-app-captures.sh: wrote $OUT/tftp.pcap" >&2
