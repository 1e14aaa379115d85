#!/usr/bin/env python3
"""craft-rsvp.py [CAPTURES_DIR] -- write captures/rsvp-crafted.pcap (GENERATED).

RSVP (IP protocol 46) with the cases tcpdump 4.99's print-rsvp.c tells
apart, over IPv4 and IPv6: every message type (Path, Resv, PathErr,
ResvErr, PathTear, ResvTear, ResvConf, Bundle, Ack, old and new Hello,
Srefresh) and an unknown one; the refresh-reduction flag; version 2;
every object it decodes in each of its C-Types (Session in IPv4, IPv6,
tunnel, UNI and P2MP forms; RSVP Hop with and without TLVs; Time Values;
Error Spec with routing, Diffserv-TE and other codes; Style; IntServ
Flowspec, Sender TSpec and Adspec with every parameter, unknown ones and
wrong lengths; FilterSpec and Sender Template in all their forms;
Confirm; Notify Request; the four label objects; Label Request's four
forms; ERO and RRO subobjects: IPv4 prefixes, labels, unknown types, a
wrong length, a wrong prefix, zero length and one past the object; Hello;
Message ID, Ack and List; Restart Capability; Capability with reserved
bits; Session Attribute with a name holding control and 8-bit bytes;
Generalized UNI's subobjects; Fast Re-Route old and new; Detour; Class
Type; Properties TLVs; Integrity; Administrative Status; Label Set's
actions; Sub-LSP to LSP), objects tcpdump only hex dumps (Scope, Policy
Data, Protection, unknown classes, unknown C-Types), and the errors:
object lengths not a multiple of 4, under 4, past the message, too short
for their C-Type; common header lengths too short, and in a Bundle too
large. And packets cut by the snapshot. Deterministic; Python 3 standard
library only.
Then: scripts/gen-goldens.sh rsvp-crafted.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
R1, R2 = "10.46.0.1", "10.46.0.2"
S6, D6 = "2001:db8::46:1", "2001:db8::46:2"
M1 = bytes.fromhex("020000002e01")
M2 = bytes.fromhex("020000002e02")
a4, a6 = craftlib.addr4, craftlib.addr6


def fl(v):
    """An IEEE single precision float's bytes."""
    return struct.pack(">f", v)


def obj(cls, ctype, body, length=None):
    """An RSVP object; LENGTH overrides its length field."""
    n = 4 + len(body) if length is None else length
    return struct.pack(">HBB", n, cls, ctype) + body


def msg(mtype, objs=b"", flags=0, ver=1, ttl=63, length=None, cksum=None):
    """An RSVP message: the common header, then OBJS."""
    n = 8 + len(objs) if length is None else length
    h = struct.pack(">BBHBBH", (ver << 4) | flags, mtype, 0, ttl, 0, n)
    c = craftlib.csum(h + objs) if cksum is None else cksum
    return h[:2] + struct.pack(">H", c) + h[4:] + objs


def v4(payload, src=R1, dst=R2):
    return craftlib.ether(0x0800, craftlib.ipv4(46, payload, src, dst, ttl=63, tos=0xc0), M1, M2)


def v6(payload):
    return craftlib.ether(0x86dd, craftlib.ipv6(46, payload, S6, D6), M1, M2)


def session4():
    return obj(1, 1, a4("192.0.2.1") + struct.pack(">BBH", 17, 1, 5000))


def hop4(extra=b""):
    return obj(3, 1, a4(R1) + struct.pack(">I", 0x1234) + extra)


def tv(ms=30000):
    return obj(5, 1, struct.pack(">I", ms))


def param(pid, body, flags=0, words=None):
    n = len(body) // 4 if words is None else words
    return struct.pack(">BBH", pid, flags, n) + body


def tspec():
    tb = param(127, fl(125000.0) + fl(1500.0) + fl(float("inf")) + struct.pack(">II", 64, 1500))
    return struct.pack(">BBH", 0, 0, 7) + struct.pack(">BBH", 1, 0, 6) + tb


def main():
    frames = []
    add = frames.append

    # ---- message types, non-verbose and verbose headers ----
    path = (session4() + hop4() + tv()
            + obj(207, 7, struct.pack(">BBBB", 7, 7, 0x06, 9) + b"lsp-a\x01\xe9b\x00" + b"\0\0\0")
            + obj(11, 7, a4(R1) + struct.pack(">HH", 0, 0x21))
            + obj(12, 2, tspec())
            + obj(19, 1, struct.pack(">HH", 0, 0x0800))
            + obj(20, 1, struct.pack(">BB", 1, 8) + a4("192.0.2.9") + struct.pack(">BB", 32, 0)
                  + struct.pack(">BB", 0x81, 8) + a4("192.0.2.10") + struct.pack(">BB", 32, 0x0f)))
    add(v4(msg(1, path)))
    add(v4(msg(1, path, flags=1)))
    resv = (session4() + hop4() + tv() + obj(8, 1, struct.pack(">I", 10))
            + obj(9, 2, tspec()) + obj(10, 1, a4(R1) + struct.pack(">HH", 0, 6000))
            + obj(16, 1, struct.pack(">II", 3, 1048575)))
    add(v4(msg(2, resv)))
    errspec = obj(6, 1, a4(R2) + struct.pack(">BBH", 1, 24, 5))
    add(v4(msg(3, session4() + errspec + obj(11, 1, a4(R1) + struct.pack(">HH", 0, 7)))))
    add(v4(msg(4, session4() + hop4() + obj(6, 1, a4(R2) + struct.pack(">BBH", 0, 28, 6))
                 + obj(6, 3, a4(R2) + struct.pack(">BBH", 0, 125, 99) + b"\0\x01\0\x04")
                 + obj(6, 1, a4(R2) + struct.pack(">BBH", 0, 1, 2))
                 + obj(6, 1, a4(R2) + struct.pack(">BBH", 0, 24, 77)))))
    add(v4(msg(5, session4() + hop4())))
    add(v4(msg(6, session4() + hop4() + obj(8, 1, struct.pack(">I", 17)))))
    add(v4(msg(7, session4() + errspec + obj(15, 1, a4(R2)) + obj(15, 2, a6(D6))
               + obj(8, 1, struct.pack(">I", 0x01000012)) + obj(8, 1, struct.pack(">I", 99)))))
    add(v4(msg(13, obj(24, 1, struct.pack(">I", 5) + struct.pack(">II", 0xdeadbeef, 7))
               + obj(24, 2, struct.pack(">I", 0x01000006)))))
    add(v4(msg(14, obj(22, 1, struct.pack(">II", 1, 0)))))
    add(v4(msg(20, obj(22, 2, struct.pack(">II", 0xaabbccdd, 0x11223344)) + obj(131, 1, struct.pack(">II", 90000, 120000))
               + obj(134, 1, struct.pack(">I", 7)) + obj(134, 1, struct.pack(">I", 0x100)))))
    add(v4(msg(15, obj(23, 1, struct.pack(">I", 0x01000009) + struct.pack(">II", 1, 2))
               + obj(25, 1, struct.pack(">I", 0x02000009) + struct.pack(">III", 3, 4, 5))
               + obj(23, 2, struct.pack(">I", 0)))))
    add(v4(msg(99, session4())))
    add(v4(msg(0, b"")))
    add(v4(msg(1, session4(), ver=2)))
    add(v6(msg(1, obj(1, 2, a6(D6) + struct.pack(">BBH", 6, 0, 80)) + obj(3, 2, a6(S6) + struct.pack(">I", 9))
                  + obj(11, 2, a6(S6) + struct.pack(">HH", 0, 1234)) + tv())))
    add(v6(msg(2, obj(1, 8, a6(D6) + struct.pack(">HH", 0, 77) + a6(S6)) + obj(3, 4, a6(S6) + struct.pack(">I", 9) + b"\0\x01\0\x04")
                  + obj(10, 2, a6(S6) + struct.pack(">HH", 0, 99)) + obj(10, 3, a6(S6) + struct.pack(">I", 0x000abcde))
                  + obj(10, 13, a6(S6) + struct.pack(">HH", 0, 5) + a6(D6) + struct.pack(">HH", 0, 6))
                  + obj(195, 2, a6(D6)) + obj(6, 2, a6(S6) + struct.pack(">BBH", 0, 24, 3))
                  + obj(6, 4, a6(S6) + struct.pack(">BBH", 0, 25, 3)) + obj(50, 2, a6(D6)))))

    # ---- Session, Sender Template and FilterSpec forms ----
    add(v4(msg(1, obj(1, 7, a4("192.0.2.1") + struct.pack(">HH", 0, 0x55) + a4(R1))
               + obj(1, 11, a4("192.0.2.1") + struct.pack(">HH", 0, 0x56) + a4(R1))
               + obj(1, 13, a4("192.0.2.1") + struct.pack(">HH", 0, 0x57) + a4(R1))
               + obj(1, 14, struct.pack(">IHH", 0x12345678, 0, 0x58) + a6(D6) + b"\0\0\0\0")
               + obj(1, 99, b"\1\2\3\4")
               + obj(11, 12, a4(R1) + struct.pack(">HH", 0, 3) + a4(R2) + struct.pack(">HH", 0, 4))
               + obj(11, 13, a6(S6) + struct.pack(">HH", 0, 5) + a6(D6) + struct.pack(">HH", 0, 6))
               + obj(10, 7, a4(R1) + struct.pack(">HH", 0, 9))
               + obj(10, 8, a4(R1) + b"\0" * 14 + struct.pack(">H", 10))
               + obj(10, 12, a4(R1) + struct.pack(">HH", 0, 3) + a4(R2) + struct.pack(">HH", 0, 4))
               + obj(11, 9, b""))))
    # ---- labels, label requests, notify, S2L, class type, admin status ----
    add(v4(msg(2, obj(16, 2, struct.pack(">I", 0x10000)) + obj(16, 3, struct.pack(">III", 1, 2, 3))
               + obj(129, 1, struct.pack(">I", 16)) + obj(35, 2, struct.pack(">I", 17)) + obj(34, 3, struct.pack(">III", 4, 5, 6))
               + obj(16, 7, b"")
               + obj(19, 1, struct.pack(">HHHH", 0, 0x86dd, 0, 0x1234))
               + obj(19, 2, struct.pack(">HH", 0, 0x0800) + struct.pack(">HHHH", 0x8001, 0x2020, 0x0fff, 0xffff))
               + obj(19, 2, struct.pack(">HH", 0, 0x8847) + struct.pack(">HHHH", 0x0001, 0x0020, 0x00ff, 0x00ff))
               + obj(19, 3, struct.pack(">HH", 0, 0x0800) + struct.pack(">II", 16, 1023))
               + obj(19, 3, struct.pack(">HH", 0, 0x0800) + struct.pack(">II", 0x100, 0x7fffff))
               + obj(19, 3, struct.pack(">HH", 0, 0x0800) + struct.pack(">II", 0x80, 0x7fffff))
               + obj(19, 4, struct.pack(">BBH", 1, 1, 0x0800)) + obj(19, 4, struct.pack(">BBH", 8, 150, 37))
               + obj(19, 4, struct.pack(">BBH", 77, 77, 4000))
               + obj(195, 1, a4(R1)) + obj(50, 1, a4("192.0.2.77"))
               + obj(66, 1, struct.pack(">I", 0xff)) + obj(125, 1, struct.pack(">I", 3))
               + obj(196, 1, struct.pack(">I", 0x80000007)) + obj(196, 1, struct.pack(">I", 0x100)))))
    # ---- ERO / RRO subobjects ----
    add(v4(msg(1, session4() + obj(21, 1, struct.pack(">BB", 1, 8) + a4("192.0.2.1") + struct.pack(">BB", 32, 0x09)
                                   + struct.pack(">BBBBI", 3, 8, 1, 1, 16) + struct.pack(">BBBBI", 3, 8, 0, 2, 17)
                                   + struct.pack(">BBH", 32, 4, 65000) + struct.pack(">BBH", 0x7f, 4, 0)
                                   + struct.pack(">BB", 2, 20) + a6(S6) + b"\x40\0"))))
    add(v4(msg(1, session4() + obj(20, 1, struct.pack(">BB", 1, 12) + a4("192.0.2.1") + b"\x20\0\0\0\0\0") + tv())))
    add(v4(msg(1, session4() + obj(20, 1, struct.pack(">BB", 1, 8) + a4("192.0.2.1") + b"\x18\0") + tv())))
    add(v4(msg(1, session4() + obj(21, 1, struct.pack(">BBBBI", 3, 12, 1, 1, 16) + b"\0\0\0\0") + tv())))
    add(v4(msg(1, session4() + obj(20, 1, struct.pack(">BB", 1, 0) + b"\0\0") + tv())))
    add(v4(msg(1, session4() + obj(20, 1, struct.pack(">BB", 1, 200) + b"\0\0") + tv())))
    add(v4(msg(1, session4() + obj(20, 2, b"\0\0\0\0") + obj(21, 1, b"\1\4"  + b"\0\0\0\0\0\0"))))
    # ---- IntServ parameters ----
    ispec = (struct.pack(">BBH", 0, 0, 22)
             + struct.pack(">BBH", 1, 0x80, 15)
             + param(4, struct.pack(">I", 3)) + param(6, fl(1.25e9)) + param(8, struct.pack(">I", 0xffffffff))
             + param(8, struct.pack(">I", 100)) + param(10, struct.pack(">I", 1500))
             + param(133, struct.pack(">I", 1)) + param(136, struct.pack(">I", 2))
             + struct.pack(">BBH", 2, 0, 5)
             + param(130, fl(3.0e-7) + struct.pack(">I", 9)) + param(99, b"\xaa\xbb\xcc\xdd", flags=0x10))
    add(v4(msg(2, session4() + obj(9, 2, ispec) + obj(13, 2, ispec))))
    bad = (struct.pack(">BBH", 0, 0, 9) + struct.pack(">BBH", 5, 0, 2)
           + param(127, fl(1e6) * 2, words=2) + param(4, b"\0\0\0\1\0\0\0\2")
           + param(6, b"", words=50))
    add(v4(msg(2, session4() + obj(12, 2, bad) + obj(12, 2, struct.pack(">BBH", 0, 0, 1) + struct.pack(">BBH", 5, 0, 1) + param(4, b"\0\0\0\1"))
               + obj(9, 1, b"\0\0\0\0") + obj(12, 2, b""))))
    # ---- FRR, Detour, Properties, Integrity, Label Set, Generalized UNI ----
    add(v4(msg(1, session4()
               + obj(205, 1, struct.pack(">BBBB", 7, 0, 16, 2) + fl(1.25e7) + struct.pack(">III", 1, 2, 3))
               + obj(205, 7, struct.pack(">BBBB", 5, 5, 8, 0) + fl(0.0) + struct.pack(">II", 0xf0, 0x0f))
               + obj(205, 1, b"\0" * 16)
               + obj(63, 7, a4(R1) + a4(R2) + a4("192.0.2.3") + a4("192.0.2.4"))
               + obj(204, 1, struct.pack(">HH", 2, 0) + b"\x01\x04\xaa\xbb" + b"\x10\x04\x01\x02")
               + obj(204, 1, struct.pack(">HH", 1, 2) + b"\x08\x06\x00\x00\x00\x01" + b"\0\0")
               + obj(4, 1, b"\x80\0" + bytes(range(1, 7)) + bytes(range(8, 16)) + bytes(range(16, 32)))
               + obj(36, 1, struct.pack(">HH", 0x0000, 0x0005) + struct.pack(">II", 10, 11))
               + obj(36, 1, struct.pack(">HH", 0x0300, 0x0080) + struct.pack(">II", 100, 200))
               + obj(36, 1, struct.pack(">HH", 0x0900, 0x0003)))))
    uni = (struct.pack(">HBB", 8, 1, 1) + a4("192.0.2.50")
           + struct.pack(">HBB", 20, 2, 2) + a6(D6)
           + struct.pack(">HBB", 8, 1, 3) + b"\x47\0\0\0"
           + struct.pack(">HBB", 8, 3, 0) + b"\1\2\3\4"
           + struct.pack(">HBB", 4, 3, 0)
           + struct.pack(">HBB", 16, 4, 0) + struct.pack(">III", 0x80000005, 6, 7)
           + struct.pack(">HBB", 8, 5, 0) + struct.pack(">I", 0x09000000)
           + struct.pack(">HBB", 8, 9, 99) + b"\0\0\0\0"
           + struct.pack(">HBB", 8, 1, 7) + b"\0\0\0\0")
    add(v4(msg(1, session4() + obj(229, 1, uni) + tv())))
    add(v4(msg(1, session4() + obj(229, 1, struct.pack(">HBB", 4, 1, 1)) + tv())))
    add(v4(msg(1, session4() + obj(229, 1, struct.pack(">HBB", 12, 4, 0) + b"\0" * 8) + tv())))
    add(v4(msg(1, session4() + obj(229, 1, struct.pack(">HBB", 2, 1, 1)) + tv())))
    add(v4(msg(1, session4() + obj(229, 1, struct.pack(">HBB", 12, 1, 1) + b"\0" * 4) + tv())))
    add(v4(msg(1, session4() + obj(229, 1, b"") + tv())))
    add(v4(msg(1, session4() + obj(229, 2, b"\0" * 4) + tv())))
    # ---- objects only hex dumped ----
    add(v4(msg(2, session4() + obj(7, 1, a4(R1) + a4(R2)) + obj(14, 1, b"\1\2\3\4\5\6\7\x08")
               + obj(37, 1, b"\0\0\0\0") + obj(130, 1, b"\0\0\0\1") + obj(200, 1, bytes(range(20)))
               + obj(5, 2, b"\0\0\0\1") + obj(3, 1, a4(R1) + b"\0\0\0\1"))))
    # ---- errors ----
    add(v4(msg(1, session4() + obj(5, 1, b"\0\0\0\1\0\0", length=10))))
    add(v4(msg(1, session4() + obj(5, 1, b"", length=0) + tv())))
    add(v4(msg(1, session4() + obj(5, 1, b"\0\0\0\1", length=12))))
    add(v4(msg(1, session4(), length=4)))
    add(v4(msg(1, session4(), length=40)))
    for cls, ct in ((1, 1), (1, 2), (1, 8), (1, 14), (1, 7), (15, 1), (15, 2), (16, 2), (16, 3), (8, 1), (11, 1),
                    (11, 13), (11, 12), (10, 3), (10, 8), (19, 2), (19, 3), (19, 4), (22, 1), (131, 1), (134, 1),
                    (207, 7), (3, 1), (3, 2), (5, 1), (12, 2), (205, 1), (205, 7), (66, 1), (6, 1), (6, 2),
                    (204, 1), (23, 1), (4, 1), (196, 1), (36, 1), (50, 1), (50, 2)):
        add(v4(msg(2, obj(cls, ct, b""))))
    add(v4(msg(1, obj(207, 7, struct.pack(">BBBB", 0, 0, 0, 9) + b"ab"))))
    add(v4(msg(1, obj(36, 1, struct.pack(">HH", 0x0200, 0) + b"\0\0\0\0"))))
    add(v4(msg(1, obj(204, 1, struct.pack(">HH", 1, 0) + b"\x01\x08\0\0"))))
    add(v4(msg(1, obj(204, 1, struct.pack(">HH", 1, 0) + b"\x01\x01\0\0"))))
    # ---- Bundles ----
    sub1 = msg(1, session4() + hop4() + tv())
    sub2 = msg(2, session4() + obj(8, 1, struct.pack(">I", 18)), flags=1)
    add(v4(msg(12, sub1 + sub2)))
    add(v4(msg(12, sub1 + msg(3, b"", ver=3))))
    add(v4(msg(12, sub1 + msg(3, b"", length=6))))
    add(v4(msg(12, sub1 + msg(3, session4(), length=40))))
    add(v4(msg(12, sub1 + msg(3, session4() + obj(5, 1, b"", length=2)) + sub2)))
    add(v4(msg(12, sub1 + sub2[:6], length=8 + len(sub1) + 8)))
    # ---- cut by the snapshot ----
    big = v4(msg(1, path))
    for n in (34 + 1, 34 + 7, 34 + 8, 34 + 11, 34 + 12, 34 + 20, 34 + 30, 34 + 60, 34 + 100, len(big) - 3):
        frames.append((big, n))
    bun = v4(msg(12, sub1 + sub2))
    for n in (34 + 10, 34 + 20, 34 + 8 + len(sub1) + 4, 34 + 8 + len(sub1) + 12):
        frames.append((bun, n))
    unk = v4(msg(99, bytes(range(40))))
    frames.append((unk, 34 + 20))

    craftlib.write_pcap(os.path.join(CAP, "rsvp-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
