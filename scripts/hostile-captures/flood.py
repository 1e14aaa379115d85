#!/usr/bin/env python3
"""Writes hostile captures for the analyzer's memory and speed, deterministically
(fixed seed: the same bytes for the same arguments). Ethernet, IPv4, TCP,
microsecond pcap; checksums correct.

    flood.py syn OUT [--syns N] [--rate PPS]
        A SYN flood: N bare SYNs (default 5,000,000) from spoofed sources
        (random addresses and ports, random ISNs, MSS/sackOK/TS/wscale options
        as Linux sends them) to 10.0.0.1:80, at PPS packets per second of
        capture time (default 100,000). Nothing answers.

    flood.py conns OUT [--conns N] [--rate CPS]
        N distinct connections (default 2,000,000) opened at CPS per second
        (default 10,000), from 65,536 clients in 10.1.0.0/16 to 10.0.0.1:80:
        even ones complete (SYN, SYN-ACK, ACK, a 100-byte request, a 1000-byte
        answer, FIN both ways, last ACK: 8 packets over ~4 ms), odd ones left
        half-open (SYN, SYN-ACK, never acknowledged).

    flood.py spray OUT [--syns N] [--rate PPS]
        The SYN flood's SYNs, each to a random host and port (spoofed sources
        spraying the address space, or backscatter): every one a target of
        its own, for the analyzer's per-target and per-host-pair findings.

    flood.py ack OUT [--syns N] [--rate PPS]
        An ACK flood: N bare ACKs (no SYN before them, no payload) from
        spoofed sources (random addresses, ports and numbers) to
        10.0.0.1:80, at PPS packets per second (default 100,000): every one a
        mid-stream connection of its own for the analyzer.

    flood.py data OUT [--syns N] [--rate PPS]
        The ACK flood's segments with 100 bytes of payload (PSH, ACK).

What tcpscope does with them: README's "Under attack" section.
"""
import argparse
import array
import random
import struct
import sys


def csum(b):
    if len(b) & 1:
        b = b + b"\0"
    s = sum(array.array("H", b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


SRV = bytes([10, 0, 0, 1])
MAC_A = bytes.fromhex("020000000001")
MAC_B = bytes.fromhex("020000000002")
SYN_OPTS = bytes([2, 4, 0x05, 0xB4, 4, 2, 8, 10]) + b"\0" * 8 + bytes([1, 3, 3, 7])


def frame(src, dst, sport, dport, seq, ack, flags, win, opts=b"", payload=b""):
    thl = 20 + len(opts)
    tcp = struct.pack(">HHIIBBHHH", sport, dport, seq, ack, (thl // 4) << 4, flags, win, 0, 0) + opts + payload
    pseudo = src + dst + struct.pack(">BBH", 0, 6, len(tcp))
    c = csum(pseudo + tcp)
    tcp = tcp[:16] + struct.pack("=H", c) + tcp[18:]
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0x4000, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack("=H", csum(ip)) + ip[12:]
    return MAC_B + MAC_A + b"\x08\x00" + ip + tcp


class Pcap:
    def __init__(self, path):
        self.f = open(path, "wb", buffering=1 << 22)
        self.f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))

    def write(self, t_us, data):
        self.f.write(struct.pack("<IIII", t_us // 1_000_000, t_us % 1_000_000, len(data), len(data)))
        self.f.write(data)


T0 = 1_700_000_000 * 1_000_000


def spoofed(out, n, rate, kind):
    """One segment from each of n spoofed 4-tuples: a SYN to 10.0.0.1:80
    (`syn`), a SYN to a random host and port (`spray`) or a bare ACK to
    10.0.0.1:80 (`ack`)."""
    rng = random.Random({"syn": 20261203, "ack": 20261205, "spray": 20261206, "data": 20261207}[kind])
    p = Pcap(out)
    for i in range(n):
        src = struct.pack(">I", rng.getrandbits(32) | 0x01000000)
        t = T0 + i * 1_000_000 // rate
        sport, seq = rng.randrange(1024, 65536), rng.getrandbits(32)
        if kind == "syn":
            f = frame(src, SRV, sport, 80, seq, 0, 0x02, 64240, SYN_OPTS)
        elif kind == "spray":
            dst = struct.pack(">I", rng.getrandbits(32) | 0x01000000)
            f = frame(src, dst, sport, rng.randrange(1, 65536), seq, 0, 0x02, 64240, SYN_OPTS)
        elif kind == "data":
            f = frame(src, SRV, sport, 80, seq, rng.getrandbits(32), 0x18, 502, payload=b"D" * 100)
        else:
            f = frame(src, SRV, sport, 80, seq, rng.getrandbits(32), 0x10, 502)
        p.write(t, f)


def conns(out, n, rate):
    rng = random.Random(20261204)
    p = Pcap(out)
    pending = []  # (t, frame) of complete connections' later packets, in time order
    import heapq

    for i in range(n):
        t = T0 + i * 1_000_000 // rate
        while pending and pending[0][0] <= t:
            pt, _, f = heapq.heappop(pending)
            p.write(pt, f)
        cli = bytes([10, 1, (i >> 8) & 0xFF, i & 0xFF])
        cport = 1024 + (i >> 16) % 64000
        cs, ss = rng.getrandbits(32), rng.getrandbits(32)
        p.write(t, frame(cli, SRV, cport, 80, cs, 0, 0x02, 64240, SYN_OPTS))
        synack = frame(SRV, cli, 80, cport, ss, (cs + 1) & 0xFFFFFFFF, 0x12, 65160, SYN_OPTS)
        if i % 2:
            heapq.heappush(pending, (t + 300, i * 8, synack))
            continue
        c1, s1 = (cs + 1) & 0xFFFFFFFF, (ss + 1) & 0xFFFFFFFF
        later = [
            (300, synack),
            (600, frame(cli, SRV, cport, 80, c1, s1, 0x10, 502)),
            (700, frame(cli, SRV, cport, 80, c1, s1, 0x18, 502, payload=b"G" * 100)),
            (1500, frame(SRV, cli, 80, cport, s1, (c1 + 100) & 0xFFFFFFFF, 0x18, 509, payload=b"H" * 1000)),
            (2500, frame(cli, SRV, cport, 80, (c1 + 100) & 0xFFFFFFFF, (s1 + 1000) & 0xFFFFFFFF, 0x11, 501)),
            (3000, frame(SRV, cli, 80, cport, (s1 + 1000) & 0xFFFFFFFF, (c1 + 101) & 0xFFFFFFFF, 0x11, 509)),
            (3500, frame(cli, SRV, cport, 80, (c1 + 101) & 0xFFFFFFFF, (s1 + 1001) & 0xFFFFFFFF, 0x10, 501)),
        ]
        for k, (dt, f) in enumerate(later):
            heapq.heappush(pending, (t + dt, i * 8 + k, f))
    while pending:
        pt, _, f = heapq.heappop(pending)
        p.write(pt, f)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", choices=["syn", "spray", "ack", "data", "conns"])
    ap.add_argument("out")
    ap.add_argument("--syns", type=int, default=5_000_000)
    ap.add_argument("--conns", type=int, default=2_000_000)
    ap.add_argument("--rate", type=int)
    a = ap.parse_args()
    if a.kind in ("syn", "spray", "ack", "data"):
        spoofed(a.out, a.syns, a.rate or 100_000, a.kind)
    else:
        conns(a.out, a.conns, a.rate or 10_000)


if __name__ == "__main__":
    sys.exit(main())
