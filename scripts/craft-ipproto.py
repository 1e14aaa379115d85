#!/usr/bin/env python3
"""craft-ipproto.py [CAPTURES_DIR] -- write captures/ipproto-crafted.pcap (GENERATED).

IPv4 and IPv6 packets of IP protocols tcpscope has no printer for, whose
names tcpdump 4.99 prints without -n from its own compiled-in table
(ipproto.c's netdb_protocol_names), not from /etc/protocols: numbers the
two agree on (XTP 36), numbers Debian's /etc/protocols lacks (CBT 7,
TP++ 39, IL 40, SDRP 42, SKIP 57), a number with no name in either (61,
99) and the last ones (253-255). Deterministic; Python 3 standard library
only. Then: scripts/gen-goldens.sh ipproto-crafted.pcap
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
A, B = "10.40.0.1", "10.40.0.2"
A6, B6 = "2001:db8:40::1", "2001:db8:40::2"
M1, M2 = bytes.fromhex("020000000040"), bytes.fromhex("020000000041")


def main():
    frames = []
    for proto in (36, 7, 39, 40, 42, 57, 61, 99, 253, 254, 255):
        body = bytes([proto]) * 12
        frames.append(craftlib.ether(0x0800, craftlib.ipv4(proto, body, A, B), M1, M2))
    for nh in (40, 7, 99):
        frames.append(craftlib.ether(0x86DD, craftlib.ipv6(nh, b"\x00" * 8, A6, B6), M1, M2))
    craftlib.write_pcap(os.path.join(CAP, "ipproto-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
