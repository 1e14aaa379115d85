#!/usr/bin/env python3
"""craft-udp-misc3.py [CAPTURES_DIR] -- write captures/udp-misc3-crafted.pcap (GENERATED).

More UDP application printers of tcpdump 4.99's udp_print, with the cases
each tells apart:
- Babel (print-babel.c, port 6696 or 6697): every TLV type (pads, acks,
  hellos unicast and unscheduled, IHUs for each address encoding, router
  ids, next hops, updates with flags, omitted bytes taken from the previous
  prefix, infinite and zero intervals, route and seqno requests, TS/PC,
  HMAC, source-specific updates and requests, MAC, PC, challenges) and an
  unknown one; every sub-TLV (pad, diversity, timestamps, mandatory,
  unknown, bogus, too long); TLVs shorter than their fields, bad address
  encodings and prefix lengths, a body longer than the datagram, a
  trailer, a bad magic, another version.
- OLSR (print-olsr.c, port 698), in the IPv4 form over IPv4 and the IPv6
  form over IPv6 (and each over the other): hellos and link-quality hellos
  (every link and neighbor type, bad link lengths), TCs and link-quality
  TCs, MIDs, HNAs (normal, non-contiguous masks, smart gateways with each
  flag and speed), the name service (valid, bad entry counts and lengths,
  padding, control characters), other messages in hex, every vtime,
  message lengths short, long and zero, packet lengths other than the
  datagram's.
- HNCP (print-hncp.c, port 8231): every DNCP and HNCP TLV, each of a bad
  length, reserved, unassigned, private and future types, nested TLVs (in
  line at -v and -vv, one a line at -vvv), IPv6 and IPv4-mapped prefixes,
  every prefix policy, DHCPv4 and DHCPv6 data good and bad, DNS labels cut
  short, long names, TLVs past their container or the capture.
- OLSR (print-olsr.c, port 698), in the IPv4 form over IPv4 and the IPv6
  form over IPv6: hellos and link-quality hellos (every link and neighbor
  type, bad link lengths), TCs and link-quality TCs, MIDs, HNAs (normal,
  non-contiguous masks, smart gateways with each flag and speed), the name
  service (valid, bad entry counts and lengths, padding, control
  characters), other messages in hex, every vtime, message lengths short,
  long and zero, a packet length shorter than the datagram.
Over IPv4 and IPv6, and packets cut by the snapshot inside each.
Deterministic; Python 3 standard library only.
Then: scripts/gen-goldens.sh udp-misc3-crafted.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
A4, B4 = "10.32.0.1", "10.32.0.2"
A6, B6 = "fe80::32:1", "ff02::1:6"
MA, MB = bytes.fromhex("020000003201"), bytes.fromhex("020000003202")
H4 = 14 + 20 + 8
H6 = 14 + 40 + 8


ip4 = craftlib.addr4


ip6 = craftlib.addr6


def frame(sport, dport, payload, v6=False):
    src, dst = (A6, B6) if v6 else (A4, B4)
    return craftlib.udp_frame(sport, dport, payload, src, dst, MA, MB)


# ---- Babel -----------------------------------------------------------------


def tlv(t, body=b""):
    return bytes([t, len(body)]) + body


def sub(t, body=b""):
    return bytes([t, len(body)]) + body


def babel(body, trailer=b"", magic=42, version=2, bodylen=None):
    n = len(body) if bodylen is None else bodylen
    return bytes([magic, version]) + struct.pack(">H", n) + body + trailer


RID = bytes.fromhex("0123456789abcdef")


def upd(ae, flags, plen, omitted, prefix, interval=400, seqno=7, metric=96, extra=b""):
    return tlv(8, bytes([ae, flags, plen, omitted]) + struct.pack(">HHH", interval, seqno, metric) + prefix + extra)


def babel_msgs():
    pfx6 = ip6("2001:db8:1:2::")
    m = []
    every = (
        b"\0" + tlv(1, b"\0\0\0") + tlv(2, struct.pack(">HHH", 0, 0x1234, 250)) + tlv(3, struct.pack(">H", 0xbeef))
        + tlv(4, struct.pack(">HHH", 0x8000, 17, 400)) + tlv(4, struct.pack(">HHH", 0, 18, 0))
        + tlv(5, bytes([1, 0]) + struct.pack(">HH", 96, 1234) + ip4("10.32.0.9"))
        + tlv(5, bytes([2, 0]) + struct.pack(">HH", 256, 0) + ip6("2001:db8::9"))
        + tlv(5, bytes([3, 0]) + struct.pack(">HH", 65535, 5) + bytes.fromhex("021122fffe334455"))
        + tlv(5, bytes([0, 0]) + struct.pack(">HH", 1, 100))
        + tlv(6, b"\0\0" + RID)
        + tlv(7, bytes([1, 0]) + ip4("10.32.0.1")) + tlv(7, bytes([2, 0]) + ip6("2001:db8::1"))
        + tlv(7, bytes([3, 0]) + bytes(7) + b"\x01") + tlv(7, bytes([0, 0]))
        + upd(1, 0x80, 24, 0, ip4("192.0.2.0")[:3]) + upd(1, 0x40, 32, 3, b"\x05")
        + upd(2, 0x80, 64, 0, pfx6[:8]) + upd(2, 0xff, 128, 8, bytes(range(8)), interval=0xffff)
        + upd(3, 0, 128, 0, bytes.fromhex("0211223344556677")) + upd(0, 0x3f, 0, 0, b"", interval=0)
        + tlv(9, bytes([1, 16]) + ip4("10.1.0.0")[:2]) + tlv(9, bytes([2, 48]) + pfx6[:6]) + tlv(9, bytes([0, 0]))
        + tlv(9, bytes([3, 80]) + b"\xaa\xbb")
        + tlv(10, bytes([1, 32]) + struct.pack(">HBB", 9, 64, 0) + RID + ip4("10.2.3.4"))
        + tlv(10, bytes([0, 0]) + struct.pack(">HBB", 10, 2, 0) + RID)
        + tlv(11, struct.pack(">HI", 4, 123456789)) + tlv(12, struct.pack(">H", 3) + bytes(range(16)))
        + tlv(12, struct.pack(">H", 4) + bytes(range(20, 40)))
        + tlv(13, bytes([1, 8, 24, 0]) + struct.pack(">HHH", 400, 1, 2) + ip4("10.9.8.0")[:3] + ip4("10.0.0.0")[:1])
        + tlv(13, bytes([2, 0, 48, 4]) + struct.pack(">HHH", 0xffff, 3, 4) + b"\xaa\xbb")
        + tlv(14, bytes([1, 24, 16]) + b"\x0a\x01\x02\x0a\x02") + tlv(14, bytes([0, 0, 0]))
        + tlv(14, bytes([2, 32, 0]) + pfx6[:4])
        + tlv(15, bytes([1, 24]) + struct.pack(">HBB", 11, 5, 8) + RID + b"\x0a\x01\x02\x0b")
        + tlv(15, bytes([2, 64]) + struct.pack(">HBB", 12, 6, 0) + RID + pfx6[:8])
        + tlv(16, b"\x01" * 10) + tlv(17, struct.pack(">I", 99) + b"ab") + tlv(18, b"c" * 8) + tlv(19, b"r" * 4)
        + tlv(18, b"") + tlv(99, b"??") + tlv(200)
    )
    m.append(babel(every))
    # Sub-TLVs.
    subs = (
        tlv(4, struct.pack(">HHH", 0, 1, 100) + b"\0" + sub(1, b"\0") + sub(3, struct.pack(">I", 1234567890)) + sub(2, b"\x01\x00\xff"))
        + tlv(4, struct.pack(">HHH", 0, 2, 100) + sub(3, b"\0\0"))
        + tlv(4, struct.pack(">HHH", 0, 3, 100) + sub(0x85, b"xy") + sub(2))
        + tlv(4, struct.pack(">HHH", 0, 4, 100) + b"\x01")
        + tlv(4, struct.pack(">HHH", 0, 5, 100) + b"\x01\x05\x00")
        + tlv(5, bytes([1, 0]) + struct.pack(">HH", 96, 100) + ip4("10.3.3.3") + sub(3, struct.pack(">II", 1, 2000001)))
        + tlv(5, bytes([1, 0]) + struct.pack(">HH", 96, 100) + ip4("10.3.3.4") + sub(3, struct.pack(">I", 1)))
        + tlv(5, bytes([0, 0]) + struct.pack(">HH", 96, 100) + sub(2, b"\x07"))
        + upd(2, 0, 16, 0, b"\x20\x01", extra=sub(2, b"\x01\x02") + sub(2) + sub(3, b"1234") + sub(0x7f, b""))
        + tlv(13, bytes([2, 0, 16, 0]) + struct.pack(">HHH", 1, 2, 3) + b"\x20\x01" + sub(2, b"\x09"))
    )
    m.append(babel(subs))
    # Bad encodings and lengths, each ending its packet.
    for t in (
        tlv(2, b"\0" * 5), tlv(3, b"\0"), tlv(4, b"\0" * 5), tlv(5, b"\0" * 5), tlv(6, b"\0" * 9), tlv(7, b"\0"),
        upd(1, 0, 24, 0, b"")[:11], tlv(9, b"\0"), tlv(10, b"\0" * 13), tlv(11, b"\0" * 5), tlv(12, b"\0" * 17),
        tlv(13, b"\0" * 9), tlv(14, b"\0\0"), tlv(15, b"\0" * 13), tlv(17, b"\0" * 3), tlv(18, b"\0" * 193),
        tlv(19, b"\0" * 200),
        tlv(5, bytes([1, 0]) + struct.pack(">HH", 1, 1) + b"\0\0"), tlv(5, bytes([4, 0]) + struct.pack(">HH", 1, 1)),
        tlv(5, bytes([2, 0]) + struct.pack(">HH", 1, 1) + b"\0" * 8), tlv(5, bytes([3, 0]) + struct.pack(">HH", 1, 1) + b"\0"),
        tlv(7, bytes([1, 0]) + b"\0"), tlv(7, bytes([5, 0])), tlv(7, bytes([2, 0]) + b"\0" * 15), tlv(7, bytes([3, 0]) + b"\0" * 7),
        upd(1, 0, 33, 0, b"\0" * 5), upd(1, 0, 32, 5, b""), upd(1, 0, 32, 2, b"\0"), upd(2, 0, 129, 0, b"\0" * 17),
        upd(2, 0, 64, 17, b""), upd(2, 0, 64, 0, b"\0" * 7), upd(3, 0, 128, 0, b"\0" * 7), upd(0, 0, 200, 0, b""),
        upd(7, 0, 0, 0, b""), upd(1, 0, 255, 0, b""),
        tlv(9, bytes([1, 32]) + b"\0\0\0"), tlv(9, bytes([0, 160])), tlv(9, bytes([6, 0])),
        tlv(10, bytes([2, 128]) + b"\0" * 12 + b"\0" * 15),
        tlv(13, bytes([1, 33, 24, 0]) + b"\0" * 6 + b"\0\0\0"), tlv(13, bytes([1, 8, 24, 0]) + b"\0" * 6 + b"\0\0\0"),
        tlv(14, bytes([2, 8, 64]) + b"\0" * 4), tlv(14, bytes([1, 64, 0])),
        tlv(15, bytes([1, 8]) + b"\0" * 4 + bytes([40]) + RID + b"\x01"), tlv(15, bytes([1, 8]) + b"\0" * 4 + bytes([8]) + RID),
        tlv(15, bytes([0, 8]) + b"\0" * 12),
    ):
        m.append(babel(b"\0" + t + tlv(3, b"\0\x01")))
    # Omitted bytes of an IPv4 update before any prefix: the mapped zeros.
    m.append(babel(upd(1, 0, 32, 2, b"\x07\x08") + upd(1, 0x80, 32, 0, ip4("10.4.5.6")) + upd(1, 0, 32, 3, b"\x09")))
    m.append(babel(upd(2, 0, 96, 12, b"\x0a\x0b\x0c\x0d") + upd(2, 0, 104, 0, bytes(10) + b"\xff\xff\x0a\x0b\x0c\x0d")))
    # Trailers.
    m.append(babel(tlv(4, struct.pack(">HHH", 0, 1, 100)), trailer=tlv(17, struct.pack(">I", 5) + b"x") + tlv(16, b"m" * 16)))
    m.append(babel(b"", trailer=b"\0\0" + tlv(3, b"\0")))
    m.append(babel(b"", trailer=tlv(3, b"\0")))
    m.append(babel(tlv(1, b""), trailer=tlv(3, b"\0\0\0")[:4]))
    # Bodies and headers.
    m.append(babel(tlv(1, b"\0\0"), bodylen=10))
    m.append(babel(tlv(1, b"\0\0") + tlv(1, b""), bodylen=5))
    m.append(babel(tlv(1, b"\0\0"), magic=41))
    m.append(babel(tlv(1, b"\0\0"), version=1))
    m.append(babel(tlv(1, b"\0\0"), version=3))
    m.append(babel(b""))
    m.append(b"\x2a\x02\x00")
    m.append(b"\x2a")
    m.append(b"")
    return m


def babel_frames():
    msgs = babel_msgs()
    out = []
    for i, b in enumerate(msgs):
        sport, dport = (6696, 6696) if i % 3 else (6697, 40000 + i)
        out.append(frame(sport, dport, b, v6=(i % 2 == 1)))
    f = frame(6696, 6696, msgs[0])
    out += [(f, H4 + k) for k in (0, 2, 4, 5, 6, 9, 13, 40, 60, 90, 130, 200, 300)]
    g = frame(6696, 6696, msgs[1], v6=True)
    out += [(g, H6 + k) for k in (3, 14, 20, 33, 60, 100)]
    return out


# ---- OLSR ------------------------------------------------------------------


def omsg(t, body, v6=False, vtime=0x5b, orig=None, ttl=255, hop=0, seq=1, mlen=None):
    o = (ip6(orig or "fe80::32:1") if v6 else ip4(orig or "10.32.0.1"))
    n = (24 if v6 else 12) + len(body) if mlen is None else mlen
    return bytes([t, vtime]) + struct.pack(">H", n) + o + bytes([ttl, hop]) + struct.pack(">H", seq) + body


def olsr(msgs, seq=0x1234, plen=None):
    body = b"".join(msgs)
    n = 4 + len(body) if plen is None else plen
    return struct.pack(">HH", n, seq) + body


def olsr_msgs(v6):
    a = (lambda x: ip6("2001:db8::" + x)) if v6 else (lambda x: ip4("10.32.1." + x))
    hello = b"\0\0" + bytes([0x86, 3])
    for code in (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15):
        hello += bytes([code, 0]) + struct.pack(">H", 12) + ip4("10.5.0.%d" % code) + ip4("10.6.0.%d" % code)
    hello += bytes([6, 0]) + struct.pack(">H", 4)
    lqn = b"".join(a(str(k)) + bytes([k * 50 % 256, 255 - k * 40, 0, 0]) for k in range(1, 6))
    lq = b"\0\0" + bytes([0x22, 7]) + bytes([6, 0]) + struct.pack(">H", 4 + len(lqn)) + lqn
    lq += bytes([2, 0]) + struct.pack(">H", 7) + b"abc"
    hna4 = b"".join([
        ip4("192.168.0.0") + ip4("255.255.0.0"), ip4("10.0.0.0") + ip4("255.0.255.0"), ip4("0.0.0.0") + ip4("0.0.0.0"),
        ip4("172.16.0.0") + ip4("255.240.0.0"), bytes(4) + bytes([0, 0x1f, 0x23, 0x45]), bytes(4) + bytes([0, 0x1e, 0xff, 0]),
        bytes(4) + bytes([0, 0x01, 0, 0xff]), bytes(4) + bytes([1, 0x02, 0, 0]), bytes(4) + bytes([0, 0x21, 0x07, 0x80]),
    ]) + b"\x01\x02"
    hna6 = b"".join([
        ip6("2001:db8:1::") + ip6("ffff:ffff:ffff::"), ip6("2001:db8:2::") + ip6("ffff:ff80::"),
        ip6("::") + ip6("::"), ip6("2001:db8:3::") + ip6("ffff:ff0f::ffff"), ip6("2001:db8:4::") + bytes([0xff] * 16),
    ]) + b"\x01" * 7
    ns = struct.pack(">HH", 1, 3)
    for ty, name in ((0, b"host.olsr"), (1, b"svc\x01\x80"), (2, b"abcd")):
        ns += struct.pack(">HH", ty, len(name)) + a("7") + name + bytes(-len(name) % 4)
    m = [
        olsr([omsg(1, hello, v6), omsg(2, struct.pack(">HH", 0x4242, 0) + ip4("10.7.0.1") + ip4("10.7.0.2") + b"zz", v6)]),
        olsr([omsg(201, lq, v6, vtime=0xff), omsg(202, struct.pack(">HH", 9, 0) + lqn + b"\x01\x02", v6, vtime=0)]),
        olsr([omsg(3, a("1") + a("2") + a("3") + b"\x09", v6), omsg(4, hna6 if v6 else hna4, v6)]),
        olsr([omsg(130, ns, v6), omsg(128, b"power\x00info", v6), omsg(77, b"", v6), omsg(250, bytes(range(40)), v6)]),
        olsr([omsg(130, struct.pack(">HH", 1, 0), v6)]),
        olsr([omsg(130, struct.pack(">HH", 1, 9) + bytes(8), v6)]),
        olsr([omsg(130, struct.pack(">HH", 1, 1) + struct.pack(">HH", 0, 0) + bytes(20), v6)]),
        olsr([omsg(130, struct.pack(">HH", 1, 1) + struct.pack(">HH", 0, 40) + bytes(20), v6)]),
        olsr([omsg(130, struct.pack(">HH", 1, 2) + struct.pack(">HH", 0, 3) + a("8") + b"xyz", v6), omsg(2, b"\0\0\0\0", v6)]),
        olsr([omsg(130, struct.pack(">HH", 1, 2) + struct.pack(">HH", 0, 5) + a("8") + b"xyzzy\0\0\0" + b"\0\0", v6)]),
        olsr([omsg(130, b"\0\0\0", v6)]),
        olsr([omsg(1, b"\0\0\0", v6)]),
        olsr([omsg(201, b"\0\0\0\0" + bytes([1, 0]) + struct.pack(">H", 3), v6)]),
        olsr([omsg(1, b"\0\0\0\0" + bytes([1, 0]) + struct.pack(">H", 40) + bytes(8), v6)]),
        olsr([omsg(2, b"\0\0\0", v6)]),
        olsr([omsg(202, b"\0\0\0", v6)]),
        olsr([omsg(1, b"\0\0\0\0", v6, mlen=6)]),
        olsr([omsg(1, b"\0\0\0\0", v6, mlen=200)]),
        olsr([omsg(1, b"\0\0\0\0", v6, mlen=0), omsg(2, b"\0\0\0\0", v6)]),
        olsr([omsg(0, b"\0\0\0\0", v6), omsg(2, b"\0\0\0\0", v6)]),
        olsr([omsg(3, a("1"), v6), omsg(3, a("2"), v6)], plen=4 + (24 if v6 else 12) + (16 if v6 else 4) + 3),
        olsr([omsg(3, a("1"), v6)], plen=200),
        olsr([omsg(3, a("1"), v6)], plen=2),
        olsr([]),
        b"\0\x08\0",
        olsr([omsg(3, a("1"), v6)])[:10],
    ]
    m.append(olsr([omsg(4 if k % 2 else 3, b"", v6, vtime=k, seq=k) for k in range(256)]))
    return m


def olsr_frames():
    out = []
    for v6 in (False, True):
        msgs = olsr_msgs(v6)
        for i, b in enumerate(msgs):
            sport, dport = (698, 698) if i % 2 else (40100 + i, 698)
            out.append(frame(sport, dport, b, v6=v6))
        h = H6 if v6 else H4
        for k in (0, 1, 3, 4, 8, 20, 30, 40, 50, 70, 90, 110, 150):
            out.append((frame(698, 698, msgs[0], v6=v6), h + k))
        for k in (30, 60, 100):
            out.append((frame(698, 698, msgs[1], v6=v6), h + k))
        for k in (20, 40, 60, 80, 100):
            out.append((frame(698, 698, msgs[2], v6=v6), h + k))
        for k in (20, 40, 50, 60, 70, 90):
            out.append((frame(698, 698, msgs[3], v6=v6), h + k))
    # The IPv4 form over IPv6 and the other way round: by the IP version.
    out.append(frame(698, 698, olsr_msgs(False)[2], v6=True))
    out.append(frame(698, 698, olsr_msgs(True)[2], v6=False))
    return out


# ---- HNCP ------------------------------------------------------------------


def ht(t, body=b""):
    return struct.pack(">HH", t, len(body)) + body + bytes(-len(body) % 4)


def ht_raw(t, n, body):
    return struct.pack(">HH", t, n) + body


def dname(*labels):
    return b"".join(bytes([len(x)]) + x for x in labels) + b"\0"


def hncp_msgs():
    nid = bytes.fromhex("c0ffee01")
    h256 = bytes(range(32))
    v4m = bytes(10) + b"\xff\xff"
    pfx6 = bytes([64]) + ip6("2001:db8:5::")[:8]
    pfx4 = bytes([96 + 24]) + v4m + ip4("192.0.2.0")[:3]
    dh4 = bytes([6, 8]) + ip4("10.0.0.53") + ip4("10.0.0.54") + bytes([42, 4]) + ip4("10.0.0.123") \
        + bytes([119, 13]) + dname(b"home", b"arpa") + b"\x03\x00" + bytes([99, 2]) + b"zz"
    dh4good = bytes([6, 8]) + ip4("10.0.0.53") + ip4("10.0.0.54") + bytes([119, 11]) + dname(b"home", b"arpa") \
        + bytes([99, 2]) + b"zz"
    dh6 = struct.pack(">HH", 23, 16) + ip6("2001:db8::53") + struct.pack(">HH", 24, 11) + dname(b"lan", b"home") \
        + struct.pack(">HH", 31, 16) + ip6("2001:db8::123") + struct.pack(">HH", 77, 1) + b"q"
    nested = (ht(34, struct.pack(">II", 3600000, 1800500) + pfx6 + bytes(3) + ht(37, dh4) + ht(38, dh6))
              + ht(34, struct.pack(">II", 0, 1) + pfx4))
    every = b"".join([
        ht(1), ht(1, b"x"), ht(2, nid), ht(2, b"abc"), ht(3, nid + b"\0\0\0\x07"), ht(3, nid),
        ht(4, bytes.fromhex("0123456789abcdef")), ht(4, b"1234"),
        ht(5, nid + struct.pack(">II", 42, 12345) + bytes.fromhex("fedcba9876543210") + ht(41, ip6("::") + b"\x05host1")),
        ht(5, b"short"),
        ht(8, nid + struct.pack(">II", 1, 2)), ht(8, nid), ht(9, struct.pack(">II", 7, 20000)), ht(9, b"1"),
        ht(10, b"\x01\0\0\0" + h256 + b"cn.example\x01"), ht(10, bytes(36)),
        ht(32, b"\0\0\x12\x34" + b"hnetd/1.0"), ht(32, b"\0\0\0\0"),
        ht(33, nested), ht(33),
        ht(43, b"\0"), ht(43, b"\0\0"), ht(43, bytes([64]) + ip6("2001:db8:9::")[:8]), ht(43, bytes([128 + 0]) + ip6("::")),
        ht(43, bytes([129]) + dname(b"example", b"com")), ht(43, bytes([129]) + b"\x07exam"),
        ht(43, b"\x82opaque\x01"), ht(43, b"\x83"), ht(43, b"\x83x"), ht(43, b"\xc8"),
        ht(43, bytes([100]) + v4m + ip4("10.1.0.0")[:1]), ht(43, bytes([127]) + v4m + ip4("10.1.0.0")),
        ht(43, bytes([129 - 1]) + v4m + ip4("10.1.0.0")),
        ht(35, struct.pack(">IB", 9, 0x1f) + pfx6 + bytes(2) + ht(1)), ht(35, b"\0\0\0\0\0"),
        ht(35, struct.pack(">IB", 9, 3) + bytes([255]) + bytes(32)),
        ht(36, struct.pack(">I", 3) + v4m + ip4("10.8.0.1")), ht(36, struct.pack(">I", 4) + ip6("2001:db8::8") + ht(2, nid)),
        ht(36, b"x"),
        ht(39, ip6("2001:db8::39") + b"\x07" + dname(b"zone", b"home") + ht(1)), ht(39, v4m + ip4("10.3.9.1") + b"\x02" + b"\x05ab"),
        ht(39, b"z" * 16),
        ht(40, dname(b"home")), ht(40), ht(40, b"\x09abc"),
        ht(41, ip6("2001:db8::41") + b"\x06router" + bytes(1) + ht(2, nid)), ht(41, ip6("::") + bytes([70]) + b"n" * 70),
        ht(41, ip6("::") + bytes([10]) + b"abc"), ht(41, b"y"),
        ht(42, h256 + ht(1)), ht(42, b"psk"),
        ht(37, dh4good), ht(37), ht(38, dh6), ht(38), ht(38, struct.pack(">HH", 23, 8) + bytes(8)), ht(38, b"\0\x17"),
        ht(38, struct.pack(">HH", 23, 40) + bytes(4)), ht(38, struct.pack(">HH", 24, 2) + b"\x05a"),
        ht(0), ht(6), ht(7), ht(11), ht(44), ht(511), ht(512), ht(768), ht(1023), ht(1024), ht(65535),
    ])
    m = [every]
    for bad in (dh4, bytes([6, 3]) + b"abc", bytes([6]), bytes([6, 9]) + b"a", bytes([119, 3]) + b"\x05ab"):
        m.append(ht(37, bad) + ht(1))
    # In-line runs of one type and the next.
    m.append(ht(1) + ht(1) + ht(1) + ht(2, nid) + ht(44) + ht(45) + ht(5, nid + bytes(16) + ht(1) + ht(1) + ht(40, b"\0")))
    m.append(ht(5, nid + bytes(16) + ht(33, ht(33, ht(33, ht(1) + ht(2, nid))))))
    m += [ht(1)[:3], ht(1) + b"\0\x01\0", ht_raw(1, 8, b"abcd"), ht(5, nid + bytes(16) + ht_raw(1, 8, b"")),
          ht(33, ht_raw(2, 4, b"")) + ht(1), b""]
    return m


def hncp_frames():
    msgs = hncp_msgs()
    out = []
    for i, b in enumerate(msgs):
        sport, dport = (8231, 8231) if i % 2 else (40200 + i, 8231)
        out.append(frame(sport, dport, b, v6=(i % 2 == 1)))
    f = frame(8231, 8231, msgs[0], v6=True)
    out += [(f, H6 + k) for k in (2, 4, 10, 30, 60, 90, 120, 200, 300, 400, 500, 600, 700, 800)]
    g = frame(8231, 8231, msgs[7])
    out += [(g, H4 + k) for k in (10, 26, 30, 34, 38, 42)]
    return out


def main():
    frames = babel_frames() + olsr_frames() + hncp_frames()
    craftlib.write_pcap(os.path.join(CAP, "udp-misc3-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
