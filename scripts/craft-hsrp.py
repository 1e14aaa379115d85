#!/usr/bin/env python3
"""craft-hsrp.py [CAPTURES_DIR] -- write captures/hsrp-crafted.pcap (GENERATED).

Cisco's HSRP over UDP port 1985 (RFC 2281) with the cases tcpdump 4.99's
print-hsrp.c tells apart: version 0 hello, coup and resign and an unknown
op code; every state and an unknown one; a reserved byte that is not zero;
authentication text of 8 characters, shorter, and the default "cisco";
hello and hold times in seconds and minutes; HSRPv2 (its TLVs, printed as
a version only); a packet from port 1985 to another port (not HSRP for
tcpdump, which looks at the destination port only); one cut by the
snapshot. Deterministic; Python 3 standard library only.
Then: scripts/gen-goldens.sh hsrp-crafted.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
R1, R2, ALL = "10.19.85.2", "10.19.85.3", "224.0.0.2"
M1, M2 = bytes.fromhex("00000c07ac01"), bytes.fromhex("00000c07ac02")
MALL = bytes.fromhex("01005e000002")


def hsrp(op, state, hello, hold, prio, group, auth=b"cisco", vip="10.19.85.1", version=0, reserved=0):
    return struct.pack(">BBBBBBBB", version, op, state, hello, hold, prio, group, reserved) \
        + auth.ljust(8, b"\0")[:8] + bytes(int(x) for x in vip.split("."))


def main():
    msgs = [
        (1985, hsrp(0, 16, 3, 10, 110, 1)),
        (1985, hsrp(0, 8, 3, 10, 100, 1)),
        (1985, hsrp(1, 4, 3, 10, 120, 1, auth=b"secret!!")),
        (1985, hsrp(2, 2, 3, 10, 90, 1, auth=b"ab")),
        (1985, hsrp(0, 1, 60, 200, 100, 2, vip="10.19.86.1")),
        (1985, hsrp(0, 0, 3, 10, 100, 3, reserved=5)),
        (1985, hsrp(0, 3, 3, 10, 100, 4)),
        (1985, hsrp(7, 16, 3, 10, 100, 5)),
        (1985, struct.pack(">BBHBBBB", 1, 40, 0x0200, 16, 0, 1, 0) + bytes(34)),
        (2000, hsrp(0, 16, 3, 10, 110, 1)),
    ]
    frames = []
    for i, (dport, m) in enumerate(msgs):
        src, mac = (R1, M1) if i % 2 == 0 else (R2, M2)
        u = craftlib.udp(1985, dport, m, src, ALL)
        frames.append(craftlib.ether(0x0800, craftlib.ipv4(17, u, src, ALL, ttl=1), mac, MALL))
    frames.append((frames[0], 14 + 20 + 8 + 14))
    craftlib.write_pcap(os.path.join(CAP, "hsrp-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
