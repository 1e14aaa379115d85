#!/usr/bin/env python3
"""craft-rip.py [CAPTURES_DIR] -- write captures/rip-crafted.pcap (GENERATED).

RIP over UDP port 520 (RFC 1058, RFC 2453) as routers send it, with the
cases tcpdump 4.99's print-rip.c tells apart: v1 request and response
(IPv4 entries, address family 0, another family, must-be-zero fields not
zero), v2 responses (prefixes of every length, a mask that is not
contiguous, next hops and "self", route tags), v2 simple-text and
cryptographic authentication (header and trailer), an unknown
authentication type, an unknown family in v2, version 0, version 3, an
unknown command, trace on/off and poll commands, an entry cut short by the
message's length, and a response cut by the snapshot; then RIPng over
UDP port 521 (RFC 2080, print-ripng.c): a dump request, requests and
responses with tags and metrics, a length that is not whole entries,
version 2, an unknown command, a short message and a cut response.
Deterministic;
Python 3 standard library only.
Then: scripts/gen-goldens.sh rip-crafted.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
R1, R2, MCAST = "10.81.0.1", "10.81.0.2", "224.0.0.9"
M1, M2 = bytes.fromhex("028100000001"), bytes.fromhex("028100000002")
MMCAST = bytes.fromhex("01005e000009")


def a(text):
    return bytes(int(x) for x in text.split("."))


def v1(family, dest, metric, mbz=0):
    return struct.pack(">HH4sII", family, mbz, a(dest), 0, 0) + struct.pack(">I", metric)


def v2(family, tag, dest, mask, hop, metric):
    return struct.pack(">HH4s4s4sI", family, tag, a(dest), a(mask), a(hop), metric)


def rip(cmd, vers, entries=b""):
    return struct.pack(">BBH", cmd, vers, 0) + entries


def main():
    msgs = [
        rip(1, 1, v1(0, "0.0.0.0", 16)),
        rip(2, 1, v1(2, "10.1.0.0", 1) + v1(2, "10.2.0.0", 2) + v1(0, "10.3.0.0", 3)),
        rip(2, 1, v1(6, "10.4.0.0", 1) + v1(2, "10.5.0.0", 1, mbz=7)),
        rip(1, 2, v2(0, 0, "0.0.0.0", "0.0.0.0", "0.0.0.0", 16)),
        rip(2, 2, v2(2, 0, "10.0.0.0", "255.0.0.0", "0.0.0.0", 1)
            + v2(2, 0x1234, "192.168.10.0", "255.255.255.0", "10.81.0.9", 2)
            + v2(2, 0, "172.16.0.128", "255.255.255.192", "0.0.0.0", 3)
            + v2(2, 0, "10.81.0.4", "255.255.255.255", "0.0.0.0", 4)
            + v2(2, 0, "10.9.0.0", "255.0.255.0", "0.0.0.0", 5)),
        rip(2, 2, struct.pack(">HH", 0xFFFF, 2) + b"secret".ljust(16, b"\0")
            + v2(2, 0, "10.6.0.0", "255.255.0.0", "0.0.0.0", 1)),
        rip(2, 2, struct.pack(">HHHBBIII", 0xFFFF, 3, 44, 1, 20, 77, 0, 0)
            + v2(2, 0, "10.7.0.0", "255.255.0.0", "0.0.0.0", 1)
            + struct.pack(">HH", 0xFFFF, 1) + bytes(range(16))),
        rip(2, 2, struct.pack(">HH", 0xFFFF, 9) + b"\xaa" * 8),
        rip(2, 2, v2(7, 0, "10.8.0.0", "255.255.0.0", "0.0.0.0", 1)),
        rip(2, 0, b"\x01\x02\x03\x04"),
        rip(2, 3, v2(2, 0, "10.8.0.0", "255.255.0.0", "0.0.0.0", 1)),
        rip(9, 2, b"\x00" * 4),
        rip(3, 1, b"/tmp/trace\0\0"),
        rip(4, 1),
        rip(5, 1),
        rip(6, 1, v1(2, "10.1.0.0", 0)),
        rip(2, 2, v2(2, 0, "10.10.0.0", "255.255.0.0", "0.0.0.0", 1)[:12]),
    ]
    frames = []
    for i, m in enumerate(msgs):
        src, dst = (R1, MCAST) if i % 2 == 0 else (R2, MCAST)
        mac = M1 if i % 2 == 0 else M2
        u = craftlib.udp(520, 520, m, src, dst)
        frames.append(craftlib.ether(0x0800, craftlib.ipv4(17, u, src, dst, ttl=1), mac, MMCAST))
    cut = craftlib.ether(0x0800, craftlib.ipv4(17, craftlib.udp(520, 520, msgs[4], R1, MCAST), R1, MCAST, ttl=1), M1, MMCAST)
    frames.append((cut, 14 + 20 + 8 + 4 + 30))
    # RIPng (UDP 521, RFC 2080) over IPv6: a dump request, a request for
    # two prefixes, a response with tags and metrics, a response whose
    # length is not a whole number of entries, version 2, an unknown
    # command, a message shorter than its header, a response cut by the
    # snapshot.
    S6, A6, M6 = "fe80::1", "ff02::9", bytes.fromhex("333300000009")

    def ng(cmd, vers, entries=b""):
        return struct.pack(">BBH", cmd, vers, 0) + entries

    def e6(prefix, tag, plen, metric):
        return craftlib.addr6(prefix) + struct.pack(">HBB", tag, plen, metric)

    ripng = [
        ng(1, 1, e6("::", 0, 0, 16)),
        ng(1, 1, e6("2001:db8:1::", 0, 48, 0) + e6("2001:db8:2::", 0, 48, 0)),
        ng(2, 1, e6("2001:db8:1::", 0, 48, 1) + e6("2001:db8:3:4::", 0x77, 64, 2) + e6("::", 0, 0, 16)),
        ng(2, 1, e6("2001:db8:5::", 0, 48, 3) + b"\x01\x02\x03"),
        ng(2, 2, e6("2001:db8:6::", 0, 48, 1)),
        ng(7, 1, e6("2001:db8:7::", 0, 48, 1)),
        b"\x02\x01",
    ]
    for m in ripng:
        u = craftlib.udp(521, 521, m, S6, A6)
        frames.append(craftlib.ether(0x86DD, craftlib.ipv6(17, u, S6, A6, hlim=255), M1, M6))
    u = craftlib.udp(521, 521, ripng[2], S6, A6)
    frames.append((craftlib.ether(0x86DD, craftlib.ipv6(17, u, S6, A6, hlim=255), M1, M6), 14 + 40 + 8 + 4 + 30))
    craftlib.write_pcap(os.path.join(CAP, "rip-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
