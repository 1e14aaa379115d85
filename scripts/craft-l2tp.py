#!/usr/bin/env python3
"""craft-l2tp.py [CAPTURES_DIR] -- write captures/l2tp-crafted.pcap (GENERATED).

L2TPv2 over UDP port 1701 (RFC 2661) with the cases tcpdump 4.99's
print-l2tp.c tells apart: control messages (SCCRQ with every IETF AVP type
tcpdump decodes, mandatory and hidden flags, a vendor AVP, values too short
for their type, unknown message and AVP types, a result code with an
error message, a zero-length body (ZLB), an AVP whose length is bogus, one
without the length flag), data messages carrying PPP (LCP, and IPv4 with a
TCP segment inside) with sequence numbers, offset padding and the priority
flag, L2F and an unknown version, a length field larger than the packet
and one smaller than the header, and one cut by the snapshot.
Deterministic; Python 3 standard library only.
Then: scripts/gen-goldens.sh l2tp-crafted.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
LAC, LNS = "10.17.1.2", "10.17.1.1"
M1, M2 = bytes.fromhex("021701000002"), bytes.fromhex("021701000001")


def avp(ty, value=b"", m=True, hidden=False, vendor=0, length=None):
    n = 6 + len(value) if length is None else length
    return struct.pack(">HHH", (0x8000 if m else 0) | (0x4000 if hidden else 0) | n, vendor, ty) + value


def ctl(tunnel, session, avps, ns=0, nr=0, length=None):
    body = b"".join(avps)
    n = 12 + len(body) if length is None else length
    return struct.pack(">HHHHHH", 0xC802, n, tunnel, session, ns, nr) + body


def data(tunnel, session, ppp, flags=0x0002, ns=None, pad=None):
    h = struct.pack(">H", flags | (0x0800 if ns is not None else 0) | (0x0200 if pad is not None else 0))
    h += struct.pack(">HH", tunnel, session)
    if ns is not None:
        h += struct.pack(">HH", ns[0], ns[1])
    if pad is not None:
        h += struct.pack(">H", len(pad)) + pad
    return h + ppp


def u16(v):
    return struct.pack(">H", v)


def u32(v):
    return struct.pack(">I", v)


def main():
    sccrq = ctl(0, 0, [
        avp(0, u16(1)), avp(2, u16(0x0100)), avp(3, u32(3)), avp(4, u32(3)), avp(5, bytes(range(8))),
        avp(6, u16(0x1120), m=False), avp(7, b"lac.example"), avp(8, b"Acme\x01", m=False), avp(9, u16(4711)),
        avp(10, u16(8)), avp(11, bytes(range(16))), avp(22, b"5551234"), avp(21, b"5559876"), avp(23, b"sub"),
    ])
    icrq = ctl(4711, 0, [
        avp(0, u16(10)), avp(14, u16(9)), avp(15, u32(123456)), avp(18, u32(2)), avp(24, u32(64000), m=False),
        avp(25, u32(7), m=False), avp(16, u32(9600)), avp(17, u32(115200)), avp(19, u32(1)), avp(20, b"", m=False),
    ])
    iccn = ctl(4711, 9, [
        avp(0, u16(12)), avp(26, bytes([1, 4, 5, 220])), avp(27, bytes([1, 4, 5, 220])), avp(28, bytes([2, 6])),
        avp(29, u16(2)), avp(30, b"user@realm"), avp(31, bytes(range(16))), avp(32, u16(0x1234)),
        avp(33, bytes(range(16))), avp(37, b"group1"), avp(38, u32(33600)), avp(39, b""), avp(36, b"\xaa\xbb\xcc"),
        avp(13, bytes(range(16))),
    ])
    cdn = ctl(4711, 9, [
        avp(0, u16(14)), avp(1, u16(2) + u16(6) + b"no carrier"), avp(12, u16(16) + b"\x05" + b"normal"),
        avp(34, u16(0) + u32(1) + u32(2) + u32(3) + u32(4) + u32(5) + u32(6)), avp(35, u16(0) + u32(0xffffffff) + u32(0)),
        avp(46, u16(1) + u16(0xc021) + b"\x01" + b"bye"), avp(0x7777, b"\x01\x02"), avp(9, b"", hidden=True),
        avp(3, b"", vendor=9), avp(200, b"\x01\x02\x03\x04", vendor=311),
    ])
    short = ctl(4711, 9, [
        avp(0, b"\x01"), avp(1, b""), avp(1, u16(1) + b"\x02"), avp(2, b""), avp(3, u16(1)), avp(5, b"\x01"),
        avp(9, b""), avp(12, b"\x01"), avp(13, b"\x01"), avp(15, b"\x01"), avp(29, b""), avp(32, b""),
        avp(34, u16(0) + u32(1)), avp(35, u16(0)), avp(46, b"\x01\x02"), avp(0, u16(99)), avp(29, u16(9)),
        avp(46, u16(1) + u16(2) + b"\x07"),
    ])
    msgs = [
        sccrq, icrq, iccn, cdn, short,
        ctl(4711, 0, []),                                        # ZLB
        ctl(4711, 0, [avp(0, u16(6)), avp(9, u16(1), length=4)]),  # bogus AVP length
        struct.pack(">HHH", 0x8002, 4711, 0),                    # control without the length flag
        data(4711, 9, b"\xff\x03\xc0\x21" + bytes([9, 72, 0, 8]) + u32(0x11223344)),
        data(4711, 9, b"\xff\x03\x00\x21" + craftlib.ipv4(6, craftlib.tcp(40000, 80, 1000, 2000, 0x18, b"GET / HTTP/1.0\r\n\r\n", "192.168.9.2", "10.0.0.80"), "192.168.9.2", "10.0.0.80"), ns=(5, 6)),
        data(4711, 9, b"\xff\x03\xc0\x21" + bytes([10, 73, 0, 8]) + u32(1), flags=0x0102, pad=b"\x00\x00\x00"),
        struct.pack(">HHH", 0x0001, 1, 2) + b"\x00" * 8,          # L2F
        struct.pack(">HHH", 0x0003, 1, 2),                        # version 3
        ctl(4711, 0, [avp(0, u16(6))], length=200),              # length larger than the packet
        ctl(4711, 0, [avp(0, u16(6))], length=6),                # length smaller than the header
    ]
    frames = []
    for i, m in enumerate(msgs):
        src, dst, ms, md = (LAC, LNS, M1, M2) if i % 2 == 0 else (LNS, LAC, M2, M1)
        u = craftlib.udp(1701, 1701, m, src, dst)
        frames.append(craftlib.ether(0x0800, craftlib.ipv4(17, u, src, dst, ttl=64), md, ms))
    frames.append((frames[0], 14 + 20 + 8 + 12 + 40))
    craftlib.write_pcap(os.path.join(CAP, "l2tp-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
