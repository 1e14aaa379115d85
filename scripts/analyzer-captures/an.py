# an.py -- the applications behind captures/analyze/ (see
# scripts/record-analyzer-captures.sh, which runs them in namespaces tsanC,
# tsanS and tsanR).  Every client binds a FIXED local port so that the
# hand-written expectation files can name each connection.
#
#   server MODE ADDR PORT [N]    run in tsanS; prints "ready", serves N conns
#   client MODE ADDR PORT LPORT  run in tsanC
#   synflood DST DPORT SRC...    raw SYNs from spoofed sources (tsanC)
#   scan SRC DST SPORT PORT...   raw SYN "half-open" scan (tsanC)
#   relay MODE                   userspace forwarder rc <-> rs (tsanR)
#   check-simclose PCAP          exit 1 unless the two FINs crossed
import heapq
import select
import socket
import struct
import sys
import time


def fam(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def recv_line(c):
    buf = b""
    while not buf.endswith(b"\n"):
        d = c.recv(1000)
        if not d:
            break
        buf += d
    return buf


def recv_exact(c, n):
    got = 0
    while got < n:
        d = c.recv(min(65536, n - got))
        if not d:
            break
        got += len(d)
    return got


def drain(c):
    """Read until EOF: never close with unread data (that would send RST)."""
    n = 0
    while True:
        d = c.recv(65536)
        if not d:
            return n
        n += len(d)


def body(n):
    return (b"0123456789abcdefghijklmnopqrstuvwxyz-tcpscope-analyzer-test-data\n" * (n // 64 + 1))[:n]


# ------------------------------------------------------------------ servers
def serve_one(mode, c):
    if mode == "client-close":       # reply 2000 B, wait for the client's FIN, close
        recv_line(c)
        c.sendall(body(2000))
        drain(c)
        c.close()
    elif mode == "server-close":     # reply 2000 B and close at once
        recv_line(c)
        c.sendall(body(2000))
        c.close()
    elif mode == "half-close":       # read to EOF, then send 3 x 1000 B, close
        drain(c)
        for _ in range(3):
            c.sendall(body(1000))
            time.sleep(0.2)
        c.close()
    elif mode == "reset":            # read 20000 B, stop reading, abort (SO_LINGER 0)
        recv_exact(c, 20000)
        time.sleep(0.2)              # the client keeps sending meanwhile
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        c.close()
    elif mode == "close-wait":       # reply, see the FIN, sit 4 s in CLOSE_WAIT
        recv_line(c)
        c.sendall(b"OK\n")
        drain(c)
        time.sleep(4)
        c.close()
    elif mode == "simclose":         # shut down at the instant the client names
        t = float(recv_line(c).split(b"=")[1])
        time.sleep(max(0, t - time.time()))
        c.shutdown(socket.SHUT_WR)
        drain(c)
        c.close()
    elif mode == "zero-window":      # do not read for 3 s, then read all
        time.sleep(3)
        drain(c)
        c.close()
    elif mode == "exchange":         # read 20000 B, send 20000 B, wait FIN, close
        recv_exact(c, 20000)
        c.sendall(body(20000))
        drain(c)
        c.close()
    else:
        raise SystemExit("unknown server mode " + mode)


def server(mode, addr, port, n=1):
    s = socket.socket(fam(addr), socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if mode in ("zero-window", "reset"):
        # inherited by the accepted socket; the kernel doubles it (8 KB):
        # a small window keeps the capture small
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.bind((addr, port))
    s.listen(64)
    print("ready", flush=True)
    if mode == "listen":             # listen only (half-open / scan targets)
        time.sleep(3600)
    for _ in range(n):
        c, _ = s.accept()
        serve_one(mode, c)
    s.close()


# ------------------------------------------------------------------ clients
def client(mode, addr, port, lport):
    s = socket.socket(fam(addr), socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("::" if fam(addr) == socket.AF_INET6 else "0.0.0.0", lport))
    if mode == "keepalive":
        s.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 1)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 1)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, 5)
    s.settimeout({"timeout": 8, "connect-fail": 3}.get(mode, 15))
    try:
        s.connect((addr, port))
    except OSError as e:
        print("client %s %s:%d: %s" % (mode, addr, port, e), file=sys.stderr)
        s.close()
        return
    s.settimeout(15)
    if mode in ("client-close", "keepalive"):   # request, 2000 B reply, close first
        s.sendall(b"GET\n")
        recv_exact(s, 2000)
        if mode == "keepalive":
            time.sleep(4.5)
        s.close()
    elif mode == "server-close":     # request, read to EOF, close
        s.sendall(b"GET\n")
        drain(s)
        s.close()
    elif mode == "half-close":       # request, shutdown(SHUT_WR), read to EOF
        s.sendall(b"GET\n")
        s.shutdown(socket.SHUT_WR)
        drain(s)
        s.close()
    elif mode == "reset":            # send 1000 B chunks until the server resets
        try:
            for _ in range(200):
                s.sendall(body(1000))
        except OSError as e:
            print("client reset: %s" % e, file=sys.stderr)
        s.close()
    elif mode == "close-wait":       # request, short reply, close first
        s.sendall(b"GET\n")
        recv_line(s)
        s.close()
    elif mode == "simclose":         # both ends shutdown at t (0.5 s from now)
        t = time.time() + 0.5
        s.sendall(b"T=%.6f\n" % t)
        time.sleep(max(0, t - time.time()))
        s.shutdown(socket.SHUT_WR)
        drain(s)
        s.close()
    elif mode == "zero-window":      # 40000 B into a receiver that does not read
        s.sendall(body(40000))
        s.shutdown(socket.SHUT_WR)
        drain(s)
        s.close()
    elif mode == "exchange":         # 20000 B up, 20000 B down, close first
        s.sendall(body(20000))
        recv_exact(s, 20000)
        s.close()
    else:
        raise SystemExit("unknown client mode " + mode)


# ------------------------------------------------------------------ raw SYNs
def csum(b):
    if len(b) % 2:
        b += b"\0"
    t = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while t >> 16:
        t = (t & 0xFFFF) + (t >> 16)
    return ~t & 0xFFFF


def syn4(src, dst, sport, dport, seq):
    opts = struct.pack("!BBH", 2, 4, 1460)      # MSS 1460, like a minimal scanner
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, 0, (5 + 1) << 4, 0x02, 1024, 0, 0) + opts
    pseudo = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", csum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), sport, 0x4000, 64, 6, 0,
                     socket.inet_aton(src), socket.inet_aton(dst))
    return ip[:10] + struct.pack("!H", csum(ip)) + ip[12:] + tcp


def raw_send(pkts, gap):
    r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    for p, dst in pkts:
        r.sendto(p, (dst, 0))
        time.sleep(gap)


# ------------------------------------------------------------------ relay
ETH_P_ALL, PACKET_OUTGOING = 0x0003, 4


def relay(mode):
    """Bridge rc <-> rs, delaying every frame by DELAY s; in mode "lossreorder"
    the 5th distinct client data segment is delayed 2 ms more (so it arrives
    after the 6th: reordering) and the first transmission of the 5th distinct
    server data segment is dropped (loss)."""
    def sock(n):
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        s.bind((n, 0))
        return s
    rc, rs = sock("rc"), sock("rs")
    other = {rc: rs, rs: rc}
    delay = {"simclose": 0.040, "lossreorder": 0.005}[mode]
    seen = {rc: [], rs: []}          # distinct data sequence numbers per direction
    dropped = set()
    q, n = [], 0
    print("ready", flush=True)
    while True:
        timeout = max(0, q[0][0] - time.time()) if q else None
        r, _, _ = select.select([rc, rs], [], [], timeout)
        now = time.time()
        for s in r:
            f, addr = s.recvfrom(65535)
            if addr[2] == PACKET_OUTGOING:
                continue
            extra = 0.0
            if mode == "lossreorder" and f[12:14] == b"\x08\x00" and f[23] == 6:
                ihl = (f[14] & 15) * 4
                t = 14 + ihl
                doff = (f[t + 12] >> 4) * 4
                plen = struct.unpack("!H", f[16:18])[0] - ihl - doff
                seq = struct.unpack("!I", f[t + 4:t + 8])[0]
                if plen > 0:
                    lst = seen[s]
                    if seq not in lst:
                        lst.append(seq)
                    idx = lst.index(seq) + 1
                    if s is rc and idx == 5:
                        extra = 0.002
                    if s is rs and idx == 5 and seq not in dropped:
                        dropped.add(seq)
                        continue
            n += 1
            heapq.heappush(q, (now + delay + extra, n, other[s], f))
        now = time.time()
        while q and q[0][0] <= now:
            _, _, out, f = heapq.heappop(q)
            out.send(f)


# ------------------------------------------------------------------ checks
def tcp_segments(path):
    """(src, dst, sport, dport, flags, seq, ack) of every IPv4 TCP frame."""
    d = open(path, "rb").read()
    off, out = 24, []
    while off + 16 <= len(d):
        _, _, cl, _ = struct.unpack_from("<IIII", d, off)
        f = d[off + 16: off + 16 + cl]
        off += 16 + cl
        if f[12:14] != b"\x08\x00" or f[23] != 6:
            continue
        t = 14 + (f[14] & 15) * 4
        sp, dp, seq, ack, _, fl = struct.unpack_from("!HHIIBB", f, t)
        out.append((f[26:30], f[30:34], sp, dp, fl, seq, ack))
    return out


def check_simclose(path):
    fins = [x for x in tcp_segments(path) if x[4] & 1]
    assert len(fins) == 2, "expected 2 FINs, got %d" % len(fins)
    a, b = fins
    # crossed: neither FIN acknowledges the other one (ack <= other's FIN seq)
    crossed = (a[6] - b[5]) % 2**32 == 0 and (b[6] - a[5]) % 2**32 == 0
    if not crossed:
        raise SystemExit("FINs did not cross")
    print("FINs crossed")


def main(a):
    cmd = a[0]
    if cmd == "server":
        server(a[1], a[2], int(a[3]), int(a[4]) if len(a) > 4 else 1)
    elif cmd == "client":
        client(a[1], a[2], int(a[3]), int(a[4]))
    elif cmd == "clients":           # clients MODE ADDR PORT LPORT0 COUNT
        for i in range(int(a[5])):
            client(a[1], a[2], int(a[3]), int(a[4]) + i)
    elif cmd == "synflood":          # synflood DST DPORT SPORT0 SRC...
        dst, dport, sport = a[1], int(a[2]), int(a[3])
        raw_send([(syn4(src, dst, sport + i, dport, 0x5EED0000 + i), dst)
                  for i, src in enumerate(a[4:])], 0.05)
    elif cmd == "scan":              # scan SRC DST SPORT PORT...
        src, dst, sport = a[1], a[2], int(a[3])
        raw_send([(syn4(src, dst, sport, int(p), 0x5CA40000 + int(p)), dst) for p in a[4:]], 0.01)
    elif cmd == "relay":
        relay(a[1])
    elif cmd == "check-simclose":
        check_simclose(a[1])
    else:
        raise SystemExit("unknown command " + cmd)


main(sys.argv[1:])
