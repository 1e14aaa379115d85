#!/usr/bin/env python3
"""craft-icmp-cut.py [CAPTURES_DIR] -- write captures/icmp-cut-crafted.pcap (GENERATED).

ICMP messages too short for the fields print-icmp.c checks with ND_TCHECK
(which, with no longjmp in that file, go to its trunc: label: ` [|icmp]`
with the link-layer header still left out of -x's dump): a time exceeded,
a port unreachable and a timestamp reply shorter than their quoted or
timestamp fields, router advertisements shorter than their header and than
their entries, an unreachable longer than 136 bytes whose extension
structure is not all there (-v), and a multi-part extension cut by the
snapshot inside its object header (-v). Deterministic; Python 3 standard
library only. Then: scripts/gen-goldens.sh icmp-cut-crafted.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
A, B = "10.11.0.1", "10.11.0.2"
M1, M2 = bytes.fromhex("020000000b01"), bytes.fromhex("020000000b02")


def icmp(ty, code, rest):
    body = struct.pack(">BBH", ty, code, 0) + rest
    c = craftlib.csum(body)
    return body[:2] + struct.pack(">H", c) + body[4:]


def frame(m):
    return craftlib.ether(0x0800, craftlib.ipv4(1, m, A, B), M1, M2)


def quoted(n):
    ip = craftlib.ipv4(17, craftlib.udp(5000, 53, b"q" * 4), B, "10.11.0.9")
    return ip[:n]


def ext_unreach():
    # 4 unused bytes with the original datagram's length (32-bit words) in byte 5,
    # 128 bytes of original datagram, then a version 2 extension with one object.
    orig = (quoted(28) + b"\0" * 128)[:128]
    obj = struct.pack(">HBB", 8, 1, 1) + struct.pack(">I", (1000 << 12) | 0x100 | 64)
    ext = struct.pack(">BBH", 0x20, 0, 0) + obj
    c = craftlib.csum(ext)
    ext = ext[:2] + struct.pack(">H", c) + ext[4:]
    return icmp(3, 1, struct.pack(">BBH", 0, 32, 0) + orig + ext)


def main():
    msgs = [
        icmp(11, 0, b"\0\0\0\0" + quoted(12)),
        icmp(11, 1, b"\0\0\0\0" + quoted(19)),
        icmp(3, 3, b"\0\0\0\0" + quoted(8)),
        icmp(14, 0, struct.pack(">HHII", 1, 2, 1000, 2000)),
        icmp(9, 0, b"\x02"),
        icmp(9, 0, struct.pack(">BBH", 2, 2, 1800) + craftlib.addr4("10.11.0.254") + b"\0\0\0\1"),
        icmp(3, 1, b"\0\0\0\0" + (quoted(28) + b"\0" * 110)[:110]),
        ext_unreach(),
    ]
    frames = [frame(m) for m in msgs]
    # the multi-part extension cut inside its object header, and the complete one
    frames.append((frames[7], 14 + 20 + 8 + 128 + 4 + 2))
    craftlib.write_pcap(os.path.join(CAP, "icmp-cut-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
