#!/usr/bin/env python3
"""pathological.py -- hostile captures for the analyzer and the printer
(issue 18): huge connection counts and pathological reordering. The SYN
flood generator is flood.py beside this one.

    pathological.py conns N OUT.pcap     N distinct TCP connections
    pathological.py reorder N OUT.pcap   N connections delivered out of order

conns: N connections over IPv4, each from its own client address and port
to one of 16 servers on port 80, one starting every 20 us of capture time,
each lasting ~40 ms (so ~2,000 are open at once). Even-numbered ones are
whole (SYN, SYN-ACK, ACK, 100 bytes each way, FIN/ACK both ways: 8
packets); odd ones are half-open (SYN, SYN-ACK, then nothing: 2 packets).
N = 2,000,000 is the issue's "2 M distinct connections, half half-open"
(10 M packets, ~700 MB).

reorder: N connections of 64 data segments (1,000 bytes each, client to
server) whose packets reach the capture in a hostile order: the SYN-ACK
before the SYN, data segments in reverse, every 4th segment twice, every
8th resent overlapping its neighbour by half, the ACKs of the last data
before the data, a FIN before the data it ends, an RST in the middle of
the window for some, and the capture timestamps going backwards (as when
two interfaces' captures are concatenated): each connection's packets are
shuffled by a fixed seed within windows of 200 packets across 16
interleaved connections.

Both deterministic (same bytes for the same arguments), Ethernet/IPv4/TCP,
checksums left 0 (not verified by -nn nor by the analyzer; -v says
"bad cksum"). Written with the microsecond pcap magic, snapshot length
262144. Each packet is built with struct.pack; ~1 M packets/10 s.
"""
import random
import struct
import sys

ETH = struct.pack("!6s6sH", b"\x02\x00\x00\x00\x00\x02", b"\x02\x00\x00\x00\x00\x01", 0x0800)
SYN, FIN, RST, PSH, ACK = 0x02, 0x01, 0x04, 0x08, 0x10


def frame(src, dst, sport, dport, seq, ack, flags, payload_len, ident=0):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                      5 << 4, flags, 64240, 0, 0)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + 20 + payload_len, ident & 0xFFFF, 0x4000,
                     64, 6, 0, src, dst)
    return ETH + ip + tcp + b"\x00" * payload_len


class Writer:
    def __init__(self, path):
        self.f = open(path, "wb")
        self.f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        self.buf = []
        self.count = 0

    def add(self, t_us, data):
        sec, usec = divmod(t_us, 1_000_000)
        self.buf.append(struct.pack("<IIII", sec, usec, len(data), len(data)))
        self.buf.append(data)
        self.count += 1
        if len(self.buf) >= 20000:
            self.f.write(b"".join(self.buf))
            self.buf = []

    def close(self):
        self.f.write(b"".join(self.buf))
        self.f.close()


def addr(i):
    return struct.pack("!I", (10 << 24) | (1 << 16) + (i % (1 << 16)) | ((i >> 16) % 255) << 16)


def client(i):
    # 10.(1+i>>16).(i>>8).(i) and a port from i: distinct 4-tuples for any N below 2^24.
    a = struct.pack("!BBBB", 10, 1 + (i >> 16) % 250, (i >> 8) & 0xFF, i & 0xFF)
    return a, 1024 + (i * 7919) % 60000


def server(i):
    return struct.pack("!BBBB", 192, 168, 0, 1 + i % 16), 80


def conns(n, out):
    """Events (time, frame) merged in time order with a heap of open connections."""
    import heapq
    w = Writer(out)
    t0 = 1_700_000_000 * 1_000_000
    heap = []
    seqn = 0

    def schedule(i):
        nonlocal seqn
        c, cp = client(i)
        s, sp = server(i)
        start = t0 + i * 20
        isn_c, isn_s = (i * 2654435761) & 0xFFFFFFFF, (i * 40503 + 12345) & 0xFFFFFFFF
        pk = [
            (start, (c, s, cp, sp, isn_c, 0, SYN, 0)),
            (start + 1000, (s, c, sp, cp, isn_s, isn_c + 1, SYN | ACK, 0)),
        ]
        if i % 2 == 0:
            pk += [
                (start + 2000, (c, s, cp, sp, isn_c + 1, isn_s + 1, ACK, 0)),
                (start + 3000, (c, s, cp, sp, isn_c + 1, isn_s + 1, PSH | ACK, 100)),
                (start + 4000, (s, c, sp, cp, isn_s + 1, isn_c + 101, PSH | ACK, 100)),
                (start + 30000, (c, s, cp, sp, isn_c + 101, isn_s + 101, FIN | ACK, 0)),
                (start + 31000, (s, c, sp, cp, isn_s + 101, isn_c + 102, FIN | ACK, 0)),
                (start + 40000, (c, s, cp, sp, isn_c + 102, isn_s + 102, ACK, 0)),
            ]
        for t, p in pk:
            seqn += 1
            heapq.heappush(heap, (t, seqn, p))

    nxt = 0
    while nxt < n or heap:
        # Schedule every connection that starts before the earliest pending packet.
        while nxt < n and (not heap or t0 + nxt * 20 <= heap[0][0]):
            schedule(nxt)
            nxt += 1
        t, _, p = heapq.heappop(heap)
        w.add(t, frame(*p, ident=w.count))
    w.close()
    return w.count


def reorder(n, out):
    rng = random.Random(18)
    w = Writer(out)
    t0 = 1_700_000_000 * 1_000_000
    group = []
    t = t0
    for i in range(n):
        c, cp = client(i)
        s, sp = server(i)
        isn_c, isn_s = (i * 2654435761) & 0xFFFFFFFF, (i * 40503 + 12345) & 0xFFFFFFFF
        segs = 64
        p = [(s, c, sp, cp, isn_s, isn_c + 1, SYN | ACK, 0),  # SYN-ACK first
             (c, s, cp, sp, isn_c, 0, SYN, 0),
             (c, s, cp, sp, isn_c + 1, isn_s + 1, ACK, 0)]
        # The ACK of everything, before the data it acknowledges.
        p.append((s, c, sp, cp, isn_s + 1, isn_c + 1 + segs * 1000, ACK, 0))
        # FIN before the data it ends.
        p.append((c, s, cp, sp, isn_c + 1 + segs * 1000, isn_s + 1, FIN | ACK, 0))
        for k in reversed(range(segs)):
            seq = isn_c + 1 + k * 1000
            p.append((c, s, cp, sp, seq, isn_s + 1, PSH | ACK, 1000))
            if k % 4 == 0:
                p.append((c, s, cp, sp, seq, isn_s + 1, PSH | ACK, 1000))
            if k % 8 == 0 and k > 0:
                p.append((c, s, cp, sp, seq - 500, isn_s + 1, PSH | ACK, 1000))
            if i % 5 == 0 and k == segs // 2:
                p.append((s, c, sp, cp, isn_s + 1, 0, RST, 0))
        p.append((s, c, sp, cp, isn_s + 1, isn_c + 2 + segs * 1000, FIN | ACK, 0))
        p.append((c, s, cp, sp, isn_c + 2 + segs * 1000, isn_s + 2, ACK, 0))
        group.extend(p)
        if i % 16 == 15 or i == n - 1:
            # Shuffle within windows of 200 packets; time goes back now and then.
            for a in range(0, len(group), 200):
                win = group[a:a + 200]
                rng.shuffle(win)
                group[a:a + 200] = win
            for q in group:
                t += rng.choice((5, 10, 20, 40, -30))
                w.add(t, frame(*q, ident=w.count))
            group = []
    w.close()
    return w.count


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("conns", "reorder"):
        sys.exit(__doc__)
    n = int(sys.argv[2])
    count = (conns if sys.argv[1] == "conns" else reorder)(n, sys.argv[3])
    print("%s: %d packets" % (sys.argv[3], count), file=sys.stderr)


if __name__ == "__main__":
    main()
