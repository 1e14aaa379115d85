# an.py -- the applications behind captures/analyze/ (see
# scripts/record-analyzer-captures.sh, which runs them in namespaces tsanC,
# tsanS and tsanR).  Every client binds a FIXED local port so that the
# hand-written expectation files can name each connection.
#
#   server MODE ADDR PORT [N]    run in tsanS; prints "ready", serves N conns
#   client MODE ADDR PORT LPORT  run in tsanC
#   synflood DST DPORT SRC...    raw SYNs from spoofed sources (tsanC)
#   edge MODE ADDR PORT LPORT GO  capture-edge client (tsanC): acts at times
#                                relative to the `timeout N tcpdump` in GO
#   scan SRC DST SPORT PORT...   raw SYN "half-open" scan (tsanC)
#   relay MODE                   userspace forwarder rc <-> rs (tsanR)
#   check-simclose PCAP          exit 1 unless the two FINs crossed
#   check-edge MODE PCAP END     exit 1 unless the capture-edge PCAP shows what
#                                MODE needs, timed as it needs against END
import heapq
import os
import select
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import craftlib  # noqa: E402


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
    elif mode == "open-at-start":    # (connected before the capture) echo
        c.sendall(recv_line(c))      # 'HELLO\n', then 3000 B up, 5000 B down,
        recv_exact(c, 3000)          # close after the client's FIN
        c.sendall(body(5000))
        drain(c)
        c.close()
    elif mode == "ping":             # echo 'HELLO\n', answer 'PING\n' with 'PONG\n'
        while True:
            line = recv_line(c)
            if not line:
                break
            c.sendall(b"PONG\n" if line == b"PING\n" else line)
        c.close()
    elif mode == "fin-at-end":       # reply 2000 B, see the FIN, stay 1 s in CLOSE_WAIT
        recv_line(c)
        c.sendall(body(2000))
        drain(c)
        time.sleep(1)
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


# ------------------------------------------------------------------ capture edges
def wait_go(path):
    """The go file: 'T0 N', the capture started by `timeout N tcpdump` at T0
    (epoch seconds): timeout kills tcpdump at T0 + N."""
    while True:
        try:
            t0, n = open(path).read().split()
            return float(t0), float(n)
        except (OSError, ValueError):
            time.sleep(0.005)


def at(t):
    """Sleep until epoch time t (sub-millisecond: sleep, then spin)."""
    while True:
        d = t - time.time()
        if d <= 0:
            return
        time.sleep(d - 0.002 if d > 0.003 else 0)


def edge(mode, addr, port, lport, go):
    """A client acting at instants relative to the capture's start (T0) and
    stop (END = T0 + N, when timeout(1) sends tcpdump SIGTERM)."""
    s = socket.socket(fam(addr), socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", lport))
    if mode in ("open-at-start", "open-at-start-idle"):
        s.settimeout(5)              # opened BEFORE tcpdump starts
        s.connect((addr, port))
        s.sendall(b"HELLO\n")
        recv_line(s)
    print("ready", flush=True)
    t0, n = wait_go(go)
    end = t0 + n

    def start(off):                  # T0 + off; tcpdump must be listening by then
        if time.time() > t0 + off:
            raise SystemExit("edge %s: too late for T0 + %.1f s" % (mode, off))
        at(t0 + off)

    if mode == "syn-at-end":         # one SYN 20 ms before the stop (dropped)
        at(end - 0.020)
        s.settimeout(end + 0.3 - time.time())
        try:
            s.connect((addr, port))
        except OSError:
            pass
        s.close()                    # from SYN_SENT: nothing on the wire
    elif mode == "synack-at-end":    # SYN 20 ms before the stop; the ACK is dropped
        at(end - 0.020)              # by nftables in tsanC before tcpdump sees it
        s.settimeout(2)
        s.connect((addr, port))
        at(end + 0.3)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()                    # RST, dropped too (and after the capture)
    elif mode == "open-at-start":    # 3000 B up, 5000 B down, close first
        start(0.8)
        s.sendall(body(3000))
        recv_exact(s, 5000)
        s.close()
    elif mode == "open-at-start-idle":   # two PING/PONG, still open at the stop
        for off in (0.8, 1.4):
            start(off)
            s.sendall(b"PING\n")
            recv_line(s)
        at(end + 0.3)
        s.close()
    elif mode == "still-open-at-end":    # connect during the capture, GET, 2000 B
        start(0.8)
        s.settimeout(5)
        s.connect((addr, port))
        s.sendall(b"GET\n")
        recv_exact(s, 2000)
        at(end + 0.3)
        s.close()
    elif mode == "fin-at-end":       # as above, then FIN 5 ms before the stop
        start(0.8)
        s.settimeout(5)
        s.connect((addr, port))
        s.sendall(b"GET\n")
        recv_exact(s, 2000)
        at(end - 0.005)
        s.shutdown(socket.SHUT_WR)
        at(end + 0.3)
        drain(s)
        s.close()
    elif mode == "timeout-evidenced":    # SYN 0.5 s after T0 to a dropped port
        start(0.5)
        s.settimeout(end + 0.3 - time.time())
        try:
            s.connect((addr, port))
        except OSError:
            pass
        s.close()
    elif mode == "synflood":         # 5 spoofed SYNs, 50 ms apart, the last 0.5 s before the stop
        s.close()
        at(end - 0.7)
        raw_send([(syn4("10.88.0.%d" % (101 + i), addr, lport + i, port, 0x5EED0010 + i), addr)
                  for i in range(5)], 0.05)
    else:
        raise SystemExit("unknown edge mode " + mode)


# ------------------------------------------------------------------ raw SYNs
def syn4(src, dst, sport, dport, seq):
    opts = struct.pack("!BBH", 2, 4, 1460)      # MSS 1460, like a minimal scanner
    tcp = craftlib.tcp(sport, dport, seq, 0, 0x02, b"", src, dst, win=1024, options=opts)
    return craftlib.ipv4(6, tcp, src, dst, ident=sport, frag=0x4000)


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


def segments_ts(path):
    """(ts, src, sport, dport, flags, seq, ack, payload) of every IPv4 TCP frame."""
    d = open(path, "rb").read()
    off, out = 24, []
    while off + 16 <= len(d):
        sec, usec, cl, _ = struct.unpack_from("<IIII", d, off)
        f = d[off + 16: off + 16 + cl]
        off += 16 + cl
        if f[12:14] != b"\x08\x00" or f[23] != 6:
            out.append((sec + usec / 1e6, None, 0, 0, 0, 0, 0, 0))
            continue
        ihl = (f[14] & 15) * 4
        t = 14 + ihl
        sp, dp, seq, ack, doff, fl = struct.unpack_from("!HHIIBB", f, t)
        plen = struct.unpack("!H", f[16:18])[0] - ihl - (doff >> 4) * 4
        out.append((sec + usec / 1e6, socket.inet_ntoa(f[26:30]), sp, dp, fl, seq, ack, plen))
    return out


def check_edge(mode, path, end):
    """Exit 1 unless the capture shows what `mode` needs, timed as it needs
    against END (when timeout(1) stopped tcpdump)."""
    segs = segments_ts(path)
    SYN, FIN, RST, ACK = 0x02, 0x01, 0x04, 0x10
    syns = [x for x in segs if x[4] & (SYN | ACK) == SYN]
    synacks = [x for x in segs if x[4] & (SYN | ACK) == SYN | ACK]
    fins = [x for x in segs if x[4] & FIN]
    rsts = [x for x in segs if x[4] & RST]

    def need(ok, what):
        if not ok:
            raise SystemExit("check-edge %s: %s (%d segments)" % (mode, what, len(segs)))

    def before_end(t, lo, hi, what):
        gap = end - t
        need(lo <= gap <= hi, "%s %.4f s before the stop, not %g-%g s" % (what, gap, lo, hi))
        return gap

    need(all(x[1] is not None for x in segs), "a frame that is not IPv4 TCP")
    need(not rsts, "a RST")
    if mode == "syn-at-end":
        need(len(segs) == 1 and len(syns) == 1, "not exactly one SYN")
        gap = before_end(syns[0][0], 0.001, 0.050, "the SYN")
    elif mode == "synack-at-end":
        need(len(segs) == 2 and len(syns) == 1 and segs[1] == synacks[0], "not SYN, SYN-ACK")
        gap = before_end(synacks[0][0], 0.001, 0.050, "the SYN-ACK")
    elif mode in ("open-at-start", "open-at-start-idle"):
        need(not syns and not synacks, "a SYN")
        need(segs[0][7] > 0 and segs[0][1] == "10.88.0.1", "the first segment is not the client's data")
        need(sum(x[7] for x in segs if x[1] == "10.88.0.1") > 0
             and sum(x[7] for x in segs if x[1] != "10.88.0.1") > 0, "no data both ways")
        if mode == "open-at-start":
            need(len(fins) == 2 and fins[0][1] == "10.88.0.1", "not client FIN, then server FIN")
            gap = before_end(segs[-1][0], 0.5, 5, "the last segment")
        else:
            need(not fins, "a FIN")
            gap = before_end(segs[-1][0], 0.5, 5, "the last segment")
    elif mode == "still-open-at-end":
        need(len(syns) == 1 and len(synacks) == 1 and not fins, "not one handshake without FIN")
        gap = before_end(segs[-1][0], 0.5, 5, "the last segment")
    elif mode == "fin-at-end":
        need(len(syns) == 1 and len(fins) == 1 and fins[0][1] == "10.88.0.1", "not one client FIN")
        f = fins[0]
        need(segs[-1][1] != "10.88.0.1" and segs[-1][6] == (f[5] + f[7] + 1) % 2**32,
             "the last segment is not the server's ACK of the FIN")
        gap = before_end(f[0], 0.001, 0.010, "the FIN")
    elif mode == "timeout-evidenced":
        need(len(segs) == 3 and len(syns) == 3, "not exactly 3 SYNs")
        need(syns[2][0] - syns[0][0] >= 3.0, "the third SYN less than 3 s after the first")
        gap = before_end(syns[0][0], 4.0, 6.5, "the first SYN")
    elif mode == "synflood":
        need(len(syns) == 5 and len(synacks) == 5 and len(segs) == 10, "not 5 SYNs, 5 SYN-ACKs")
        gap = before_end(syns[-1][0], 0.45, 0.7, "the last SYN")
    else:
        raise SystemExit("unknown edge mode " + mode)
    print("check-edge %s: %d segments, %.4f s before the stop" % (mode, len(segs), gap))


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
    elif cmd == "edge":
        edge(a[1], a[2], int(a[3]), int(a[4]), a[5])
    elif cmd == "check-edge":
        check_edge(a[1], a[2], float(a[3]))
    else:
        raise SystemExit("unknown command " + cmd)


main(sys.argv[1:])
