#!/usr/bin/env python3
"""craft-overlays.py [CAPTURES_DIR] -- write captures/overlays-crafted.pcap (GENERATED).

The UDP overlays tcpdump 4.99 prints besides VXLAN and Geneve, with the
cases print-otv.c, print-vxlan-gpe.c, print-nsh.c and print-mpls.c tell
apart: OTV (UDP 8472) carrying Ethernet, with the I flag and without, and
shorter than its header; VXLAN-GPE (UDP 4790) carrying IPv4, IPv6,
Ethernet, NSH and an unknown next protocol, and shorter than its header;
NSH (also as Ethernet type 0x894f) with MD type 1 context headers, MD type
2 TLVs (with and without padding, one too long), a version other than 0,
fewer than two headers, more headers than the packet, an unknown next
protocol; MPLS in UDP (6635) with a label stack over IPv4; several cut by
the snapshot. The inner packets are ICMP and UDP, no TCP.
Deterministic; Python 3 standard library only.
Then: scripts/gen-goldens.sh overlays-crafted.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
VT1, VT2 = "192.0.2.10", "192.0.2.20"
M1, M2 = bytes.fromhex("02000000a001"), bytes.fromhex("02000000a002")
I1, I2 = bytes.fromhex("02000000b001"), bytes.fromhex("02000000b002")


def icmp4(src="10.9.0.1", dst="10.9.0.2", seq=1):
    body = struct.pack(">BBHHH", 8, 0, 0, 0x1234, seq) + b"overlay!"
    c = craftlib.csum(body)
    body = body[:2] + struct.pack(">H", c) + body[4:]
    return craftlib.ipv4(1, body, src, dst)


def icmp6(src="2001:db8:9::1", dst="2001:db8:9::2"):
    body = struct.pack(">BBHHH", 128, 0, 0, 0x4321, 1) + b"six"
    c = craftlib.csum(craftlib.pseudo(58, len(body), src, dst) + body)
    body = body[:2] + struct.pack(">H", c) + body[4:]
    return craftlib.ipv6(58, body, src, dst)


def dns_udp():
    q = struct.pack(">HHHHHH", 0xbeef, 0x0100, 1, 0, 0, 0) + b"\x07example\x03com\x00" + struct.pack(">HH", 1, 1)
    return craftlib.ipv4(17, craftlib.udp(5353, 53, q, "10.9.0.3", "10.9.0.53"), "10.9.0.3", "10.9.0.53")


def inner_eth(ip=None):
    return craftlib.ether(0x0800, icmp4() if ip is None else ip, I1, I2)


def otv(flags, payload, overlay=7, instance=3):
    return struct.pack(">B", flags) + overlay.to_bytes(3, "big") + instance.to_bytes(3, "big") + b"\0" + payload


def gpe(np, payload, flags=0x0C, vni=5001):
    return struct.pack(">BHB", flags, 0, np) + vni.to_bytes(3, "big") + b"\0" + payload


def nsh(np, payload, md=1, length=6, ver=0, flags=0, ttl=63, spi=0x000123, si=255, ctx=None):
    base = (ver << 30) | (flags << 28) | (ttl << 22) | (length << 16) | (md << 8) | np
    if ctx is None:
        ctx = b"".join(struct.pack(">I", 0x11111111 * (i + 1)) for i in range(max(length - 2, 0)))
    return struct.pack(">I", base) + spi.to_bytes(3, "big") + bytes([si]) + ctx + payload


def md2_tlvs():
    # class 0x0101 type 1 length 4 (no padding), class 0x0102 type 2 length 3 (padded to 4)
    return struct.pack(">HBB", 0x0101, 1, 4) + b"\xde\xad\xbe\xef" + struct.pack(">HBB", 0x0102, 0x82, 3) + b"\x01\x02\x03\x00"


def mpls(labels, payload):
    out = b""
    for i, lab in enumerate(labels):
        s = 1 if i == len(labels) - 1 else 0
        out += struct.pack(">I", (lab << 12) | (s << 8) | 64)
    return out + payload


def main():
    msgs = [
        (8472, otv(0x08, inner_eth())),
        (8472, otv(0x00, inner_eth(dns_udp()), overlay=0xFFFFFF)),
        (8472, b"\x08\x00\x00"),
        (4790, gpe(1, icmp4())),
        (4790, gpe(2, icmp6(), flags=0x0F)),
        (4790, gpe(3, inner_eth(dns_udp()), flags=0)),
        (4790, gpe(4, nsh(1, icmp4(seq=2)))),
        (4790, gpe(4, nsh(3, inner_eth(), md=2, length=2 + 4, ctx=md2_tlvs()))),
        (4790, gpe(4, nsh(2, icmp6(), md=2, length=2 + 1, ctx=struct.pack(">HBB", 9, 9, 20)))),
        (4790, gpe(4, nsh(1, icmp4(), ver=1))),
        (4790, gpe(4, nsh(1, icmp4(), length=1, ctx=b""))),
        (4790, gpe(4, nsh(1, icmp4(), length=63, ctx=b""))),
        (4790, gpe(4, nsh(0x7f, icmp4(), md=0xf, length=2, ctx=b"", flags=2))),
        (4790, gpe(4, nsh(1, icmp4(), md=1, length=4))),
        (4790, gpe(9, icmp4())),
        (4790, b"\x0c\x00"),
        (6635, mpls([16, 17], icmp4(seq=3))),
        (6635, mpls([100], icmp6())),
    ]
    frames = []
    for i, (port, m) in enumerate(msgs):
        u = craftlib.udp(49000 + i, port, m, VT1, VT2)
        frames.append(craftlib.ether(0x0800, craftlib.ipv4(17, u, VT1, VT2), M1, M2))
    frames.append(craftlib.ether(0x894F, nsh(1, icmp4(seq=9)), M1, M2))
    frames.append(craftlib.ether(0x894F, nsh(3, inner_eth(), md=2, length=2 + 4, ctx=md2_tlvs()), M1, M2))
    base = 14 + 20 + 8
    # cut by the snapshot: OTV's header, VXLAN-GPE's reserved byte, NSH's context, an MD type 2 TLV
    frames += [(frames[0], base + 5), (frames[3], base + 7), (frames[6], base + 8 + 12), (frames[7], base + 8 + 8 + 6),
               (frames[18], 14 + 10)]
    craftlib.write_pcap(os.path.join(CAP, "overlays-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
