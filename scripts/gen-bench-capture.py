#!/usr/bin/env python3
"""Writes a large realistic Ethernet pcap, deterministically (fixed seed: the
same bytes for the same arguments), for the benchmark scripts.

    gen-bench-capture.py OUT PACKETS [--retrans]

TCP over IPv4 (70%) and IPv6 (30%) across thousands of interleaved
connections (256 open at a time: SYN/SYN-ACK with mss/sackOK/TS/wscale, HTTP
requests, 1448-byte data segments with TS, delayed ACKs, FIN/FIN/ACK, 5%
reset by the server, 3% refused; 8% VLAN-tagged 100 or 200; ports 80, 443,
and 8080 for 11% of connections), plus DNS queries, IPv6 UDP from ports
40000-40199, ICMP echo and ARP. Checksums are correct.

--retrans adds retransmissions: 2% of server data segments are sent again
after the next one (fresh IP ID and timestamp), and the client answers with a
duplicate ACK. Without it the output is the same bytes
scripts/bench-filter-vs-tcpdump has always timed (its v1 file); the
retransmission choices come from a second generator so the first one's
sequence is untouched.
"""
import array
import random
import struct
import sys
import zlib

out_path, total = sys.argv[1], int(sys.argv[2])
RETRANS = "--retrans" in sys.argv[3:]
rng = random.Random(20240613)  # fixed seed: same file for the same count
rng2 = random.Random(20260101)  # retransmission choices only (--retrans)

ROUTER_MAC = bytes.fromhex("020000000001")
FILL = bytes((i * 7 + 13) & 0xFF for i in range(1448))


def csum_fold(s):
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def sum16(b):
    if len(b) & 1:
        b = b + b"\0"
    return sum(array.array("H", b))  # native order; RFC 1071 order independence


def mac_of(key):
    return b"\x02\x01" + struct.pack(">I", key & 0xFFFFFFFF)


def eth(src_mac, dst_mac, etype, payload, vlan):
    if vlan:
        return dst_mac + src_mac + struct.pack(">HHH", 0x8100, vlan, etype) + payload
    return dst_mac + src_mac + struct.pack(">H", etype) + payload


def l4_with_csum(pseudo_sum, seg, off):
    c = csum_fold(pseudo_sum + sum16(seg))
    return seg[:off] + struct.pack("=H", c) + seg[off + 2 :]


def ip_wrap(v6, src, dst, proto, seg, off, ident):
    """IP header + L4 segment with its checksum filled in at offset `off`."""
    n = len(seg)
    if v6:
        ps = sum16(src + dst + struct.pack(">IxxxB", n, proto))
        if off is not None:
            seg = l4_with_csum(ps, seg, off)
        return 0x86DD, struct.pack(">IHBB", 0x60000000, n, proto, 64) + src + dst + seg
    ps = sum16(src + dst + struct.pack(">xBH", proto, n))
    if off is not None:
        seg = l4_with_csum(ps, seg, off)
    h = struct.pack(">BBHHHBBH", 0x45, 0, 20 + n, ident & 0xFFFF, 0x4000, 64, proto, 0) + src + dst
    c = csum_fold(sum16(h))
    return 0x0800, h[:10] + struct.pack("=H", c) + h[12:] + seg


def tcp_seg(sport, dport, seq, ack, flags, win, opts, payload):
    hl = (20 + len(opts)) // 4
    return (
        struct.pack(">HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, hl << 4, flags, win, 0, 0)
        + opts
        + payload
    )


def syn_opts(tsval, tsecr):
    # mss 1460, sackOK, TS, nop, wscale 7 (Linux's SYN layout)
    return struct.pack(">BBHBBBBIIBBBB", 2, 4, 1460, 4, 2, 8, 10, tsval, tsecr, 1, 3, 3, 7)


def ts_opts(tsval, tsecr):
    return struct.pack(">BBBBII", 1, 1, 8, 10, tsval, tsecr)


FIN, SYN, RST, PSH, ACK = 1, 2, 4, 8, 16

V4_SERVERS = [bytes([10, 77, rng.randrange(256), rng.randrange(1, 255)]) for _ in range(400)] + [
    bytes([10, 88, rng.randrange(256), rng.randrange(1, 255)]) for _ in range(100)
]
V6_SERVERS = [bytes.fromhex("fd000077000000000000000000%06x" % rng.randrange(1 << 24)) for _ in range(300)]
VLAN_SERVER = bytes([10, 77, 100, 1])


def connection(ident):
    """Yields frames of one TCP connection: handshake, request, response
    segments, ACKs, then FIN/FIN (or RST); some are refused."""
    v6 = rng.random() < 0.3
    vlan = 0
    if rng.random() < 0.08:
        vlan = 100 if rng.random() < 0.6 else 200
    if v6:
        cli = bytes.fromhex("fd000001%04x0000000000000000%04x" % (rng.randrange(1 << 16), rng.randrange(1, 1 << 16)))
        srv = rng.choice(V6_SERVERS)
    else:
        cli = bytes([192, 168, rng.randrange(256), rng.randrange(1, 255)])
        srv = VLAN_SERVER if vlan == 100 and rng.random() < 0.5 else rng.choice(V4_SERVERS)
    r = rng.random()
    dport = 8080 if r < 0.11 else (443 if r < 0.5 else 80)
    sport = rng.randrange(32768, 61000)
    cmac, smac = mac_of(zlib.crc32(cli)), ROUTER_MAC
    ciss, siss = rng.getrandbits(32), rng.getrandbits(32)
    cts, sts = rng.getrandbits(31), rng.getrandbits(31)
    cseq, sseq = ciss + 1, siss + 1
    ipid = [rng.getrandbits(16), rng.getrandbits(16)]

    def c2s(flags, opts, payload, seq, ack, win=502):
        ipid[0] += 1
        et, pkt = ip_wrap(v6, cli, srv, 6, tcp_seg(sport, dport, seq, ack, flags, win, opts, payload), 16, ipid[0])
        return eth(cmac, smac, et, pkt, vlan)

    def s2c(flags, opts, payload, seq, ack, win=509):
        ipid[1] += 1
        et, pkt = ip_wrap(v6, srv, cli, 6, tcp_seg(dport, sport, seq, ack, flags, win, opts, payload), 16, ipid[1])
        return eth(smac, cmac, et, pkt, vlan)

    yield c2s(SYN, syn_opts(cts, 0), b"", ciss, 0, 64240)
    if rng.random() < 0.03:  # refused
        yield s2c(RST | ACK, b"", b"", 0, ciss + 1, 0)
        return
    yield s2c(SYN | ACK, syn_opts(sts, cts), b"", siss, ciss + 1, 65160)
    cts += 1
    yield c2s(ACK, ts_opts(cts, sts), b"", cseq, sseq)
    for _req in range(1 + (rng.random() < 0.3) + (rng.random() < 0.1)):
        req = b"GET /item/%d HTTP/1.1\r\nHost: shop.example\r\nUser-Agent: gen/1\r\nAccept: */*\r\n\r\n" % rng.randrange(10**6)
        cts += 1
        yield c2s(PSH | ACK, ts_opts(cts, sts), req, cseq, sseq)
        cseq += len(req)
        sts += 1
        yield s2c(ACK, ts_opts(sts, cts), b"", sseq, cseq)
        nseg = min(int(rng.expovariate(1 / 6)) + 1, 60)
        body = b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n"
        for i in range(nseg):
            size = 1448 if i < nseg - 1 else rng.randrange(80, 1448)
            payload = (body + FILL)[:size] if i == 0 else FILL[:size]
            sts += 1
            yield s2c(PSH | ACK if i == nseg - 1 else ACK, ts_opts(sts, cts), payload, sseq, cseq)
            if RETRANS and i < nseg - 1 and rng2.random() < 0.02:
                # the segment after this one arrives first; this one is resent
                lost = (sseq, size, payload)
            else:
                lost = None
            sseq += size
            if lost is not None:
                cts += 1
                yield c2s(ACK, ts_opts(cts, sts), b"", cseq, lost[0])  # duplicate ACK
                sts += 1
                yield s2c(ACK, ts_opts(sts, cts), lost[2], lost[0], cseq)  # retransmission
            if i % 2 == 1 or i == nseg - 1:
                cts += 1
                yield c2s(ACK, ts_opts(cts, sts), b"", cseq, sseq)
    if rng.random() < 0.05:  # reset by the server
        yield s2c(RST, b"", b"", sseq, 0, 0)
        return
    cts += 1
    yield c2s(FIN | ACK, ts_opts(cts, sts), b"", cseq, sseq)
    sts += 1
    yield s2c(FIN | ACK, ts_opts(sts, cts), b"", sseq, cseq + 1)
    cts += 1
    yield c2s(ACK, ts_opts(cts, sts), b"", cseq + 1, sseq + 1)


def dns_query(i):
    name = b"".join(bytes([len(p)]) + p for p in [b"host%d" % (i % 5000), b"example", b"com"]) + b"\0"
    return struct.pack(">HHHHHH", i & 0xFFFF, 0x0100, 1, 0, 0, 0) + name + struct.pack(">HH", 1, 1)


def udp_frame(i):
    if rng.random() < 0.6:  # DNS over IPv4
        cli = bytes([192, 168, rng.randrange(256), rng.randrange(1, 255)])
        srv = bytes([10, 77, 0, 53])
        seg = struct.pack(">HHHH", rng.randrange(32768, 61000), 53, 0, 0) + dns_query(i)
        seg = seg[:4] + struct.pack(">H", len(seg)) + seg[6:]
        et, pkt = ip_wrap(False, cli, srv, 17, seg, 6, i)
        return eth(mac_of(zlib.crc32(cli)), ROUTER_MAC, et, pkt, 0)
    # media-like datagrams over IPv6 from ports 40000-40199
    cli = bytes.fromhex("fd000001%04x000000000000000000%02x" % (rng.randrange(1 << 16), rng.randrange(1, 256)))
    srv = rng.choice(V6_SERVERS)
    payload = FILL[: rng.randrange(100, 1200)]
    seg = struct.pack(">HHHH", rng.randrange(40000, 40200), 9000, 8 + len(payload), 0) + payload
    et, pkt = ip_wrap(True, cli, srv, 17, seg, 6, i)
    return eth(mac_of(zlib.crc32(cli)), ROUTER_MAC, et, pkt, 0)


def icmp_frame(i):
    cli = bytes([192, 168, rng.randrange(256), rng.randrange(1, 255)])
    srv = rng.choice(V4_SERVERS)
    reply = rng.random() < 0.5
    payload = FILL[: rng.choice((16, 56, 56, 56, 1000))]
    msg = struct.pack(">BBHHH", 0 if reply else 8, 0, 0, i & 0xFFFF, (i >> 3) & 0xFFFF) + payload
    src, dst = (srv, cli) if reply else (cli, srv)
    et, pkt = ip_wrap(False, src, dst, 1, msg, 2, i)
    return eth(mac_of(zlib.crc32(src)), ROUTER_MAC, et, pkt, 0)


def arp_frame(i):
    a = bytes([192, 168, rng.randrange(256), rng.randrange(1, 255)])
    b = bytes([192, 168, a[2], 1])
    ma = mac_of(zlib.crc32(a))
    if rng.random() < 0.5:
        body = struct.pack(">HHBBH", 1, 0x0800, 6, 4, 1) + ma + a + b"\0" * 6 + b
        return b"\xff" * 6 + ma + b"\x08\x06" + body + b"\0" * 18
    body = struct.pack(">HHBBH", 1, 0x0800, 6, 4, 2) + ROUTER_MAC + b + ma + a
    return ma + ROUTER_MAC + b"\x08\x06" + body + b"\0" * 18


ACTIVE = 256
pool = [connection(k) for k in range(ACTIVE)]
next_conn = ACTIVE
sec, usec = 1718000000, 0
out = open(out_path, "wb", buffering=1 << 22)
out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
rec = struct.Struct("<IIII")
buf = []
conns_done = 0
for i in range(total):
    r = rng.random()
    if r < 0.05:
        frame = udp_frame(i)
    elif r < 0.065:
        frame = icmp_frame(i)
    elif r < 0.075:
        frame = arp_frame(i)
    else:
        while True:
            k = rng.randrange(ACTIVE)
            frame = next(pool[k], None)
            if frame is not None:
                break
            pool[k] = connection(next_conn)
            next_conn += 1
            conns_done += 1
    usec += rng.randrange(1, 120)
    if usec >= 1000000:
        sec += usec // 1000000
        usec %= 1000000
    buf.append(rec.pack(sec, usec, len(frame), len(frame)))
    buf.append(frame)
    if len(buf) >= 8192:
        out.write(b"".join(buf))
        buf.clear()
out.write(b"".join(buf))
out.close()
print(f"{total} packets, {next_conn} TCP connections started", file=sys.stderr)
