#!/usr/bin/env bash
# record-verbose-captures.sh -- record the captures that exercise -v/-vv/-vvv:
#   captures/dns.pcap        real DNS over UDP and TCP (python responder)
#   captures/ip-options.pcap real IPv4 datagrams carrying IP options, their
#                            ICMP errors, and a TCP reset carrying text
#   captures/bad-cksum.pcap  GENERATED: packets of http-ipv4.pcap and
#                            udp-icmp-arp.pcap with checksums deliberately broken
#
# Builds two throw-away namespaces joined by a veth pair (own names, so it can
# run beside record-captures.sh):
#   tsvbA: vba0 10.78.0.1/24 fd78::1/64 MAC 02:78:00:00:00:01 (clients, capture)
#   tsvbB: vbb0 10.78.0.2/24 fd78::2/64 MAC 02:78:00:00:00:02 (servers)
# Checksum offload is switched off so captured checksums are the real ones.
# Must run as root; traffic never leaves the namespaces. Re-run, then
# scripts/gen-goldens.sh.
set -euo pipefail
[[ $EUID -eq 0 ]] || { echo "record-verbose-captures.sh: must be run as root" >&2; exit 1; }
for tool in tcpdump ip ethtool python3; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/captures
NSA=tsvbA NSB=tsvbB
# shellcheck source=lib/netns.sh
. "$ROOT/scripts/lib/netns.sh"
PIDS=()
netns_own $NSA $NSB
netns_workdir WORK /tmp/record-verbose.XXXXXX
netns_fresh $NSA $NSB
netns_veth $NSA vba0 $NSB vbb0 "address 02:78:00:00:00:01" "address 02:78:00:00:00:02"
ip -n $NSA addr add 10.78.0.1/24 dev vba0
ip -n $NSB addr add 10.78.0.2/24 dev vbb0
ip -n $NSA addr add fd78::1/64 dev vba0 nodad
ip -n $NSB addr add fd78::2/64 dev vbb0 nodad
ip -n $NSA link set vba0 up
ip -n $NSB link set vbb0 up
ip netns exec $NSA ethtool -K vba0 tx off rx off >/dev/null 2>&1 || true
ip netns exec $NSB ethtool -K vbb0 tx off rx off >/dev/null 2>&1 || true
# static neighbours: no ARP/ND noise in the captures
netns_neighbours $NSA vba0 10.78.0.1 $NSB vbb0 10.78.0.2
netns_neighbours $NSA vba0 fd78::1 $NSB vbb0 fd78::2

# A tiny authoritative DNS responder for "example.test" on UDP and TCP 53.
cat >"$WORK/dns-server.py" <<'EOF'
import socket, struct, threading, sys
def name(b, i):
    out = []
    while b[i]:
        n = b[i]; out.append(b[i+1:i+1+n].decode()); i += 1 + n
    return ".".join(out).lower(), i + 1
def enc(n):
    return b"".join(bytes([len(p)]) + p.encode() for p in n.split(".") if p) + b"\0"
def answer(q):
    qid, flags = struct.unpack("!HH", q[:4])
    qname, i = name(q, 12)
    qtype, qclass = struct.unpack("!HH", q[i:i+4])
    question = q[12:i+4]
    rd = flags & 0x0100
    rrs, rcode, auth = [], 0, []
    ptr = b"\xc0\x0c"
    def rr(t, data, ttl=300, owner=ptr):
        return owner + struct.pack("!HHIH", t, 1, ttl, len(data)) + data
    if qname == "www.example.test" and qtype == 1:
        rrs = [rr(1, socket.inet_aton("10.78.0.80")), rr(1, socket.inet_aton("10.78.0.81"))]
    elif qname == "www.example.test" and qtype == 28:
        rrs = [rr(28, socket.inet_pton(socket.AF_INET6, "fd78::80"))]
    elif qname == "alias.example.test":
        rrs = [rr(5, enc("www.example.test"), 60),
               rr(1, socket.inet_aton("10.78.0.80"), owner=enc("www.example.test"))]
    elif qname == "example.test" and qtype == 15:
        rrs = [rr(15, struct.pack("!H", 10) + enc("mail.example.test"))]
    elif qname == "example.test" and qtype == 16:
        t = b"v=spf1 -all"; rrs = [rr(16, bytes([len(t)]) + t)]
    elif qname == "example.test" and qtype == 2:
        rrs = [rr(2, enc("ns1.example.test")), rr(2, enc("ns2.example.test"))]
    else:
        rcode = 3
        soa = enc("ns1.example.test") + enc("admin.example.test") + struct.pack("!IIIII", 2024010101, 3600, 600, 86400, 60)
        auth = [rr(6, soa, 60, owner=enc("example.test"))]
    # EDNS: echo an OPT record when the query had one
    arcount = struct.unpack("!H", q[10:12])[0]
    add = [b"\0" + struct.pack("!HHIH", 41, 1232, 0, 0)] if arcount else []
    hdr = struct.pack("!HHHHHH", qid, 0x8400 | rd | rcode, 1, len(rrs), len(auth), len(add))
    return hdr + question + b"".join(rrs) + b"".join(auth) + b"".join(add)
def udp():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("0.0.0.0", 53))
    while True:
        q, a = s.recvfrom(4096); s.sendto(answer(q), a)
def udp6():
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1); s.bind(("::", 53))
    while True:
        q, a = s.recvfrom(4096); s.sendto(answer(q), a)
def tcp():
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", 53)); s.listen(5)
    while True:
        c, _ = s.accept()
        n = struct.unpack("!H", c.recv(2))[0]; q = b""
        while len(q) < n: q += c.recv(n - len(q))
        r = answer(q); c.sendall(struct.pack("!H", len(r)) + r); c.close()
for f in (udp, udp6, tcp): threading.Thread(target=f, daemon=True).start()
print("ready", flush=True)
threading.Event().wait()
EOF

# The client: queries with fixed ids and source ports, then IP options and a TCP reset with text.
cat >"$WORK/client.py" <<'EOF'
import socket, struct, sys, time
def enc(n):
    return b"".join(bytes([len(p)]) + p.encode() for p in n.split(".") if p) + b"\0"
def query(qid, qname, qtype, edns=False, rd=True):
    h = struct.pack("!HHHHHH", qid, 0x0100 if rd else 0, 1, 0, 0, 1 if edns else 0)
    q = h + enc(qname) + struct.pack("!HH", qtype, 1)
    if edns:
        q += b"\0" + struct.pack("!HHIH", 41, 4096, 0x8000, 0)  # DO bit
    return q
def udp_q(fam, srv, port, *a, **k):
    s = socket.socket(fam, socket.SOCK_DGRAM); s.bind(("::" if fam == socket.AF_INET6 else "0.0.0.0", port))
    s.settimeout(2); s.sendto(query(*a, **k), (srv, 53)); s.recv(4096); s.close(); time.sleep(0.05)
def tcp_q(port, *a, **k):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", port)); s.connect(("10.78.0.2", 53))
    q = query(*a, **k); s.sendall(struct.pack("!H", len(q)) + q)
    n = struct.unpack("!H", s.recv(2))[0]; r = b""
    while len(r) < n: r += s.recv(n - len(r))
    s.close(); time.sleep(0.2)
def dns():
    V4, V6 = socket.AF_INET, socket.AF_INET6
    udp_q(V4, "10.78.0.2", 41001, 0x1001, "www.example.test", 1)
    udp_q(V4, "10.78.0.2", 41002, 0x1002, "www.example.test", 28)
    udp_q(V4, "10.78.0.2", 41003, 0x1003, "example.test", 15)
    udp_q(V4, "10.78.0.2", 41004, 0x1004, "example.test", 16, edns=True)
    udp_q(V4, "10.78.0.2", 41005, 0x1005, "nosuch.example.test", 1)
    udp_q(V4, "10.78.0.2", 41006, 0x1006, "alias.example.test", 1, rd=False)
    udp_q(V6, "fd78::2", 41007, 0x1007, "example.test", 2)
    tcp_q(41010, 0x1010, "www.example.test", 1)
    tcp_q(41011, 0x1011, "example.test", 15, edns=True)
def cksum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff
def ipopts():
    # UDP to a closed port with IP options: the ICMP port unreachable quotes them.
    RR = bytes([7, 11, 4]) + bytes(8) + b"\x01"                 # record route, 2 slots, NOP pad
    TS = bytes([68, 12, 5, 0]) + bytes(8)                       # timestamp only, 2 slots
    TSA = bytes([68, 20, 5, 1]) + bytes(16)                     # timestamp + address
    RA = bytes([148, 4, 0, 0])                                  # router alert
    for i, o in enumerate((RR, TS, TSA, RA, b"\x01\x01\x01\x00")):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.IPPROTO_IP, socket.IP_OPTIONS, o)
        s.bind(("0.0.0.0", 41020 + i)); s.sendto(b"options", ("10.78.0.2", 40009)); s.close()
        time.sleep(0.1)
    # ECN codepoints and a TTL of 1 in the IPv4 header.
    for i, tos in enumerate((1, 2, 3)):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.IPPROTO_IP, socket.IP_TOS, tos)
        s.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, 1)
        s.bind(("0.0.0.0", 41030 + i)); s.sendto(b"ecn", ("10.78.0.2", 40009)); s.close()
        time.sleep(0.1)
    # IPv6 flow label and traffic class.
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_TCLASS, 0xb8)
    s.bind(("::", 41040)); s.sendto(b"tclass", ("fd78::2", 40009)); s.close(); time.sleep(0.1)
    # A TCP reset carrying text (RFC 1122 4.2.2.12), checksummed, to a closed port.
    r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
    for port, text in ((41050, b"Connection reset by tsvbA"), (41051, b"a reset text that is longer than thirty bytes\x01\xff")):
        tcp = struct.pack("!HHIIBBHHH", port, 9, 1000, 0, 5 << 4, 0x14, 0, 0, 0) + text
        ph = socket.inet_aton("10.78.0.1") + socket.inet_aton("10.78.0.2") + struct.pack("!BBH", 0, 6, len(tcp))
        c = cksum(ph + tcp)
        tcp = tcp[:16] + struct.pack("!H", c) + tcp[18:]
        r.sendto(tcp, ("10.78.0.2", 0)); time.sleep(0.1)
{"dns": dns, "ipopts": ipopts}[sys.argv[1]]()
EOF

ip netns exec $NSB python3 "$WORK/dns-server.py" >"$WORK/srv.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do grep -q ready "$WORK/srv.log" 2>/dev/null && break; sleep 0.1; done

record() { # record FILE FILTER CLIENT-ARG
    local f=$1 filter=$2
    ip netns exec $NSA tcpdump -i vba0 -U -w "$WORK/$f" "$filter" 2>"$WORK/td.log" &
    local td=$!
    for _ in $(seq 50); do grep -q listening "$WORK/td.log" 2>/dev/null && break; sleep 0.1; done
    ip netns exec $NSA python3 "$WORK/client.py" "$3"
    sleep 0.5; kill -INT $td; wait $td || true
    cp "$WORK/$f" "$OUT/$f"
    echo "== $f: $(tcpdump -r "$OUT/$f" 2>/dev/null | wc -l) packets" >&2
}
record dns.pcap 'port 53' dns
record ip-options.pcap 'not port 53 and not icmp6' ipopts

# bad-cksum.pcap: generated from two real captures (checksums broken on purpose).
python3 - "$OUT" <<'EOF'
import struct, sys
out = sys.argv[1]
def records(path):
    d = open(path, "rb").read()
    hdr, i, recs = d[:24], 24, []
    while i + 16 <= len(d):
        ts1, ts2, cap, wire = struct.unpack("<IIII", d[i:i+16])
        recs.append([d[i:i+16], bytearray(d[i+16:i+16+cap])]); i += 16 + cap
    return hdr, recs
def flip(b, off):
    b[off] ^= 0x5a
hdr, http = records(f"{out}/http-ipv4.pcap")
_, mixed = records(f"{out}/udp-icmp-arp.pcap")
picked = []
# http-ipv4: SYN with a bad IP header checksum, SYN-ACK with a bad TCP checksum,
# the request with a bad TCP checksum, the last ACK untouched.
p = http[0][1]; flip(p, 14 + 10); picked.append(http[0])
p = http[1][1]; flip(p, 14 + 20 + 16); picked.append(http[1])
p = http[3][1]; flip(p, 14 + 20 + 17); picked.append(http[3])
p = http[4][1]; flip(p, 14 + 10); flip(p, 14 + 20 + 16); picked.append(http[4])
picked.append(http[-1])
for h, p in mixed:
    et = struct.unpack("!H", p[12:14])[0]
    if et == 0x0800:
        proto = p[14 + 9]
        if proto == 1:   flip(p, 14 + 20 + 2)       # ICMP checksum
        elif proto == 17:
            if struct.unpack("!H", p[14+20:14+22])[0] == 40001:
                p[14+20+6:14+20+8] = b"\0\0"          # UDP without checksum
            else: flip(p, 14 + 20 + 6)             # bad UDP checksum
    elif et == 0x86dd:
        nh = p[14 + 6]
        if nh == 58: flip(p, 14 + 40 + 2)           # ICMPv6 checksum
        elif nh == 17: flip(p, 14 + 40 + 6)         # UDP over IPv6
    picked.append([h, p])
with open(f"{out}/bad-cksum.pcap", "wb") as f:
    f.write(hdr)
    for h, p in picked:
        f.write(h); f.write(bytes(p))
print("== bad-cksum.pcap:", len(picked), "packets", file=sys.stderr)
EOF
