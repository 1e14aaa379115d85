#!/usr/bin/env python3
"""craft-bfd.py [CAPTURES_DIR] -- write captures/bfd-crafted.pcap (GENERATED).

BFD over UDP with the cases tcpdump 4.99's print-bfd.c tells apart: version
1 control packets to the single-hop (3784), multihop (4784) and LAG (6784)
ports in every state, every flag and every diagnostic code (and an unknown
one); version 0 control packets with its flag names; authentication
sections: simple password (printable and not, lengths too short and too
long), keyed and meticulous MD5 and SHA1 (right and wrong lengths), an
unknown type; echo packets (3785); version 2; a packet from port 3784 to
another port (not BFD for tcpdump, which looks at the destination port);
packets cut by the snapshot in the header, the authentication header, the
password and the digest. Deterministic; Python 3 standard library only.
Then: scripts/gen-goldens.sh bfd-crafted.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
A, B = "10.37.84.1", "10.37.84.2"
A6, B6 = "2001:db8:bfd::1", "2001:db8:bfd::2"
MA, MB = bytes.fromhex("020000003784"), bytes.fromhex("020000004784")


def control(version=1, diag=0, state=3, flags=0, mult=3, my=0x11223344, your=0x55667788,
            tx=300000, rx=300000, echo=50000, auth=b"", length=None):
    fl = flags if version == 0 else (state << 6) | flags
    body = struct.pack(">BBBBIIIII", (version << 5) | diag, fl, mult, 0, my, your, tx, rx, echo) + auth
    n = len(body) if length is None else length
    return body[:3] + bytes([n & 0xFF]) + body[4:]


def auth(ty, key, data, length=None):
    n = 3 + len(data) if length is None else length
    return bytes([ty, n, key]) + data


def md5(ty=2, seq=0x2a, length=None, digest=bytes(range(16))):
    return auth(ty, 7, b"\0" + struct.pack(">I", seq) + digest, length)


def sha1(ty=4, seq=0x2b, length=None):
    return auth(ty, 9, b"\0" + struct.pack(">I", seq) + bytes(range(100, 120)), length)


def main():
    msgs = [
        (3784, control()),
        (3784, control(state=0, diag=7)),
        (3784, control(state=1, diag=1, flags=0x20)),
        (3784, control(state=2, diag=3, flags=0x10 | 0x08)),
        (4784, control(diag=5, flags=0x02 | 0x01, mult=5, tx=1000000)),
        (6784, control(diag=8, flags=0x3f & ~0x04)),
        (3784, control(diag=2)),
        (3784, control(diag=4)),
        (3784, control(diag=6)),
        (3784, control(diag=9)),
        (3784, control(version=0, flags=0x80 | 0x40 | 0x02 | 0x01)),
        (3784, control(version=0, flags=0)),
        (3784, control(version=0, flags=0x04, auth=auth(1, 1, b"secret"))),
        (3784, control(flags=0x04, auth=auth(1, 2, b"pa\x01ss\xffword"))),
        (3784, control(flags=0x04, auth=auth(1, 3, b"", length=3))),
        (3784, control(flags=0x04, auth=auth(1, 3, b"x" * 17))),
        (3784, control(flags=0x04, auth=md5())),
        (4784, control(flags=0x04, auth=md5(ty=3, seq=0xdeadbeef))),
        (3784, control(flags=0x04, auth=md5(length=20))),
        (3784, control(flags=0x04, auth=sha1())),
        (6784, control(flags=0x04, auth=sha1(ty=5))),
        (3784, control(flags=0x04, auth=sha1(length=24))),
        (3784, control(flags=0x04, auth=auth(9, 1, b"\0\0\0\0\0"))),
        (3784, control(mult=255, tx=0xFFFFFFFF)),
        (3785, b"\x01\x02\x03\x04echo-payload"),
        (3784, control(version=2)),
        (3784, control(version=7, length=200)),
    ]
    frames = []
    for i, (dport, m) in enumerate(msgs):
        if i == 4:
            u = craftlib.udp(50100, dport, m, A6, B6)
            frames.append(craftlib.ether(0x86DD, craftlib.ipv6(17, u, A6, B6, hlim=255), MA, MB))
            continue
        u = craftlib.udp(50200 + i, dport, m, A, B)
        frames.append(craftlib.ether(0x0800, craftlib.ipv4(17, u, A, B, ttl=255), MA, MB))
    u = craftlib.udp(3784, 50300, control(), A, B)
    frames.append(craftlib.ether(0x0800, craftlib.ipv4(17, u, A, B, ttl=255), MA, MB))
    base = 14 + 20 + 8
    # cut by the snapshot: header, authentication header, password, sequence, digest
    frames += [(frames[0], base + 20), (frames[13], base + 26), (frames[13], base + 30),
               (frames[16], base + 30), (frames[16], base + 40), (frames[24], base + 6)]
    craftlib.write_pcap(os.path.join(CAP, "bfd-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
