#!/usr/bin/env python3
"""craft-bgp-extcomm.py OUT.pcap -- write captures/bgp-extcomm.pcap (GENERATED, not recorded).

BGP UPDATEs carrying the EXTENDED COMMUNITIES path attribute (type 16, RFC 4360) over
one IPv4 TCP connection (port 179, correct checksums, sequence numbers following on):
every community type tcpdump's print-bgp.c names (route target and origin in their
three formats, link bandwidth with ordinary, zero, infinite and NaN floats, OSPF domain,
route type and router ID in both codes, encapsulation, layer-2 info, source AS, VRF
route import, L2VPN ID, the EIGRP types printed in hex) with the vendor-specific and
non-transitive flag bits, unknown types, a length that is not a multiple of 8, an
extended-length attribute, two UPDATEs in one segment and an UPDATE cut by the capture
inside a community. FRRouting's bgpd (scripts/record-bgp-captures.sh) sends only route
targets and sites of origin, so the rest is crafted. One segment per packet; timestamps
count seconds from 1700000000. Needs only python3; deterministic.
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402  (beside this script)

MAC_A, MAC_B = bytes.fromhex("027b00000001"), bytes.fromhex("027b00000002")
V4_A, V4_B = bytes([10, 123, 0, 1]), bytes([10, 123, 0, 2])


class Conn:
    """One direction of a TCP connection from 10.123.0.1:40179 to 10.123.0.2:179."""

    def __init__(self):
        self.seq, self.ack = 1000, 5000

    def segment(self, payload):
        tcp = struct.pack("!HHIIBBHHH", 40179, 179, self.seq, self.ack, 5 << 4, 0x18, 65535, 0, 0)
        pseudo = V4_A + V4_B + struct.pack("!BBH", 0, 6, len(tcp) + len(payload))
        c = craftlib.csum(pseudo + tcp + payload)
        tcp = tcp[:16] + struct.pack("!H", c) + tcp[18:]
        self.seq += len(payload)
        total = 20 + len(tcp) + len(payload)
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0xC0, total, 0x2345, 0x4000, 1, 6, 0, V4_A, V4_B)
        ip = ip[:10] + struct.pack("!H", craftlib.csum(ip)) + ip[12:]
        return MAC_B + MAC_A + b"\x08\x00" + ip + tcp + payload


def attr(ty, value, flags=0xC0):
    if len(value) > 255 or flags & 0x10:
        return struct.pack("!BBH", flags | 0x10, ty, len(value)) + value
    return struct.pack("!BBB", flags, ty, len(value)) + value


def update(*attrs, nlri=b"\x18\x0a\x7b\x01"):
    body = struct.pack("!H", 0) + struct.pack("!H", sum(len(a) for a in attrs)) + b"".join(attrs) + nlri
    return b"\xff" * 16 + struct.pack("!HB", 19 + len(body), 2) + body


BASE = [attr(1, b"\x00", 0x40), attr(2, b"\x02\x01\x00\x00\xfd\xe9", 0x40), attr(3, bytes(V4_A), 0x40)]


def ec(typ, value6):
    assert len(value6) == 6
    return struct.pack("!H", typ) + value6


def f32(x):
    return struct.pack("!f", x)


def u16(v):
    return struct.pack("!H", v)


def u32(v):
    return struct.pack("!I", v)


def ip(s):
    return bytes(int(x) for x in s.split("."))


comms = [
    # route target and origin: AS(2):number(4), address:number(2), AS(4):number(2)
    [ec(0x0002, u16(65001) + u32(100)), ec(0x0102, ip("192.0.2.1") + u16(7)),
     ec(0x0202, u32(4200000002) + u16(9)), ec(0x0003, u16(65001) + u32(0xC0000201)),
     ec(0x0103, ip("198.51.100.1") + u16(65535)), ec(0x0203, u32(65536) + u16(1))],
    # link bandwidth (non-transitive): 1 Gbit/s, 0, a tiny value, infinity, NaN, negative
    [ec(0x4004, u16(65001) + f32(125000000.0)), ec(0x4004, u16(1) + f32(0.0)),
     ec(0x4004, u16(2) + f32(1.5)), ec(0x4004, u16(3) + b"\x7f\x80\x00\x00"),
     ec(0x4004, u16(4) + b"\x7f\xc0\x00\x00"), ec(0x4004, u16(5) + f32(-3e9))],
    # OSPF: domain IDs, route types (each router type, metric type bit), router IDs
    [ec(0x0005, ip("10.0.0.1") + u16(0)), ec(0x0105, ip("10.0.0.2") + u16(0)),
     ec(0x0205, ip("10.0.0.3") + u16(0)), ec(0x8005, ip("10.0.0.4") + u16(0)),
     ec(0x0306, ip("0.0.0.0") + b"\x01\x00"), ec(0x0306, ip("0.0.0.1") + b"\x02\x00"),
     ec(0x0306, ip("0.0.0.2") + b"\x03\x00"), ec(0x0306, ip("0.0.0.3") + b"\x05\x01"),
     ec(0x8000, ip("0.0.0.4") + b"\x07\x00"), ec(0x8000, ip("0.0.0.5") + b"\x81\x01"),
     ec(0x0306, ip("0.0.0.6") + b"\x09\x00"), ec(0x0107, ip("10.0.0.9") + u16(0)),
     ec(0x8001, ip("10.0.0.10") + u16(0))],
    # encapsulation (known and unknown tunnel types), layer-2 info, source AS, VRF route
    # import, L2VPN IDs
    [ec(0x030C, u32(0) + u16(8)), ec(0x030C, u32(0) + u16(2)), ec(0x030C, u32(0) + u16(99)),
     ec(0x800A, b"\x05\x01" + u16(1500) + u16(0)), ec(0x800A, b"\x13\x00" + u16(9000) + u16(0)),
     ec(0x800A, b"\x63\xff" + u16(0) + u16(0)), ec(0x0009, u16(65001) + u32(0)),
     ec(0x010B, ip("192.0.2.7") + u16(12)), ec(0x000A, u16(65001) + u32(77)),
     ec(0xF10A, ip("192.0.2.8") + u16(13))],
    # EIGRP types and unknown ones (hex), flag combinations
    [ec(0x8800, bytes(range(6))), ec(0x8801, bytes(range(6, 12))), ec(0x8805, bytes(range(12, 18))),
     ec(0x0004, b"\xde\xad\xbe\xef\x00\x01"), ec(0x4304, bytes(6)), ec(0xC0FF, b"\xff" * 6),
     ec(0x060B, b"\x00\x00\x00\x00\x00\x64")],
]

c = Conn()
frames = []
for group in comms:
    frames.append(c.segment(update(*BASE, attr(16, b"".join(group)))))
# a length that is not a multiple of 8, then an empty attribute
frames.append(c.segment(update(*BASE, attr(16, ec(0x0002, u16(1) + u32(2)) + b"\x00\x02\x00\x01"))))
frames.append(c.segment(update(*BASE, attr(16, b""))))
# extended length with 40 route targets; two UPDATEs in one segment
frames.append(c.segment(update(*BASE, attr(16, b"".join(ec(0x0002, u16(65001) + u32(i)) for i in range(40)), 0xD0))))
frames.append(c.segment(update(*BASE, attr(16, ec(0x0102, ip("192.0.2.1") + u16(1))))
                        + update(*BASE, attr(16, ec(0x0003, u16(2) + u32(3))))))
# cut by the capture: inside a community's type, inside its value
for cut in (3, 9):
    f = c.segment(update(*BASE, attr(16, ec(0x0002, u16(65001) + u32(1)) + ec(0x0102, ip("192.0.2.1") + u16(2)))))
    # the attribute starts 14+20+20+19+2+2+len(BASE) bytes in, its value 3 bytes later
    start = 14 + 20 + 20 + 19 + 4 + sum(len(a) for a in BASE) + 3
    frames.append((f, start + 8 + cut))

out = sys.argv[1]
craftlib.write_pcap(out, [
    craftlib.record(1700000000 + i, 0, *(fr if isinstance(fr, tuple) else (fr, None)))
    for i, fr in enumerate(frames)
])
print(f"craft-bgp-extcomm.py: {len(frames)} packets in {out}", file=sys.stderr)
