#!/usr/bin/env python3
"""craft-ptp.py [CAPTURES_DIR] -- write captures/ptp-crafted.pcap (GENERATED).

IEEE 1588 PTP with the cases tcpdump 4.99's print-ptp.c tells apart:
version 2 Sync, Delay_Req, Pdelay_Req, Pdelay_Resp, Follow_Up, Delay_Resp,
Pdelay_Resp_Follow_Up, Announce, Signalling and Management messages and a
reserved type over UDP 319 and 320 (IPv4 and IPv6) and as Ethernet type
0x88f7; the v1-compat bit, every flag and the all-unknown flag bits,
corrections, control values known and not; version 1 (not implemented) and
version 3; a message shorter than the common header; bodies cut short by
the datagram and by the snapshot.
Deterministic; Python 3 standard library only.
Then: scripts/gen-goldens.sh ptp-crafted.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
GM, SL = "10.31.9.1", "10.31.9.2"
GM6, PTPM6 = "fe80::1588:1", "ff02::181"
M1, M2, MPTP = bytes.fromhex("020000001588"), bytes.fromhex("020000001589"), bytes.fromhex("011b19000000")


def header(mtype, length, flags=0x0200, version=2, v1compat=0, domain=0, corr=0, sub=0, clock=0x0011223344556677,
           port=1, seq=42, control=0, log=0xFD):
    first = (v1compat << 4) | mtype
    return (struct.pack(">BBHBBH", first, version, length, domain, 0xAB, flags)
            + struct.pack(">Q", (corr << 16) | sub)[:8] + struct.pack(">I", 7)
            + struct.pack(">QHHBB", clock, port, seq, control, log))


def ts(secs, ns):
    return struct.pack(">Q", secs)[2:] + struct.pack(">I", ns)


def msg(mtype, body, **kw):
    return header(mtype, 34 + len(body), **kw) + body


def ident(clock=0x8899AABBCCDDEEFF, port=2):
    return struct.pack(">QH", clock, port)


ANNOUNCE = ts(1700000000, 5) + struct.pack(">HBBBBHBQHB", 37, 0, 128, 6, 0x21, 0x4E5D, 128, 0x0011223344556677, 1, 0xA0)

MSGS = [
    (319, msg(0x0, ts(1700000000, 123456789), control=0)),
    (319, msg(0x1, ts(0, 0), control=1, flags=0)),
    (319, msg(0x2, ts(1, 2) + ident(), control=5)),
    (319, msg(0x3, ts(3, 4) + ident(), control=5, flags=0x0600)),
    (320, msg(0x8, ts(1700000001, 999999999), control=2, corr=12345, sub=0x8000)),
    (320, msg(0x9, ts(5, 6) + ident(port=7), control=3, flags=0x0400)),
    (320, msg(0xA, ts(7, 8) + ident(), control=5)),
    (320, msg(0xB, ANNOUNCE, control=5, flags=0x003F)),
    (320, msg(0xC, ident() + b"\0\x01\0\x04abcd", control=5, flags=0x7000)),
    (320, msg(0xD, ident() + bytes([3, 2, 0x80, 0]) + b"\0\x01\0\x02\x20\x00", control=4)),
    (320, msg(0x5, b"", control=9, flags=0x18C0, v1compat=1, domain=4)),
    (320, msg(0x0, ts(1, 1), flags=0x1FFF)),
    (319, header(0x0, 44, version=1) + ts(1, 1)),
    (319, header(0x0, 44, version=3) + ts(1, 1)),
    (319, header(0x0, 44)[:30]),
    (320, msg(0xB, ANNOUNCE[:12])),
]


def main():
    frames = []
    for i, (port, m) in enumerate(MSGS):
        u = craftlib.udp(port, port, m, GM, "224.0.1.129")
        frames.append(craftlib.ether(0x0800, craftlib.ipv4(17, u, GM, "224.0.1.129", ttl=1), M1, bytes.fromhex("01005e000181")))
    u = craftlib.udp(319, 319, MSGS[0][1], GM6, PTPM6)
    frames.append(craftlib.ether(0x86DD, craftlib.ipv6(17, u, GM6, PTPM6, hlim=1), M1, bytes.fromhex("333300000181")))
    for m in (MSGS[0][1], MSGS[7][1], MSGS[9][1]):
        frames.append(craftlib.ether(0x88F7, m, M2, MPTP))
    base = 14 + 20 + 8
    # cut by the snapshot: in the header's correction, in the time stamp, in announce's clock id
    frames += [(frames[0], base + 12), (frames[0], base + 34 + 4), (frames[7], base + 34 + 22), (frames[17], 14 + 20)]
    craftlib.write_pcap(os.path.join(CAP, "ptp-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
