#!/usr/bin/env python3
"""craft-udp-misc2.py [CAPTURES_DIR] -- write captures/udp-misc2-crafted.pcap (GENERATED).

More UDP application printers of tcpdump 4.99's udp_print, with the cases
each tells apart:
- Zephyr (print-zephyr.c, port 2103 or 2104): every notice kind and an
  unknown (negative, overflowing) one, server acks with and without SENT,
  each class summary (locate, hide/unhide, admin, client subscriptions
  with and without their triple, GIMME/GIMMEDEFS/CLEARSUB, HM, REALM, HM_CTL,
  HM_STAT, WG_CTL, LOGIN exposures and flush), the default triple with an
  empty recipient and opcode, other versions, not Zephyr at all, a header
  missing fields, control characters and fields longer than tcpdump's
  256-byte buffer.
- AODV (print-aodv.c, port 654): route requests, replies and errors in
  the IPv4 form and, over IPv6, the IPv6 form; the IPv6 draft-01 types
  16 to 19; acknowledgements, an unknown type, HELLO extensions good,
  short and too short, other extensions, messages shorter than their
  struct, error lists longer than the message.
- AHCP (print-ahcp.c, port 5359): every message type and an unknown one,
  MBZ set, every option (times, lifetimes, address and prefix lists, each
  of a bad length), unknown options, an option longer than the body, a
  body longer than the message, a bad magic, another version.
- LWRES (print-lwres.c, port 921): no-op, getaddrsbyname, getnamebyaddr
  and getrdatabyname requests and responses, with names (terminated or
  not), aliases, IPv4, IPv6 and other-family addresses, addresses too
  short for their family, record types and classes, record data and
  signatures; unknown opcodes, extra flags, another version, a length
  differing from the datagram's and trailing bytes.
Over IPv4 and IPv6, and packets cut by the snapshot inside each.
Deterministic; Python 3 standard library only.
Then: scripts/gen-goldens.sh udp-misc2-crafted.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
A4, B4 = "10.31.0.1", "10.31.0.2"
A6, B6 = "2001:db8::31:1", "2001:db8::31:2"
MA, MB = bytes.fromhex("020000003101"), bytes.fromhex("020000003102")
H4 = 14 + 20 + 8
H6 = 14 + 40 + 8


ip4 = craftlib.addr4


ip6 = craftlib.addr6


def frame(sport, dport, payload, v6=False):
    src, dst = (A6, B6) if v6 else (A4, B4)
    return craftlib.udp_frame(sport, dport, payload, src, dst, MA, MB)


# ---- Zephyr ----------------------------------------------------------------


def znotice(kind="2", cls="MESSAGE", inst="personal", opcode="", sender="alice@ATHENA.MIT.EDU",
            recipient="bob@ATHENA.MIT.EDU", version="ZEPH0.2", extra=(), nfields=None):
    fields = [version, "11" if nfields is None else nfields, kind, "uid-0001", "1f40", "0", "0", "",
              cls, inst, opcode, sender, recipient, "text/plain", "abcd", "0", "uid-0001"]
    fields += list(extra)
    return b"".join((f if isinstance(f, bytes) else f.encode()) + b"\0" for f in fields)


def zephyr():
    z = []
    for k in ("0", "1", "2", "3", "4", "6", "7", "8", "9", "-1", " 0x10", "fffffffff", "-fffffffffffffffff"):
        z.append(znotice(kind=k))
    z += [
        znotice(kind="5", extra=["SENT"]),
        znotice(kind="5", extra=["LOST"]),
        znotice(kind="5"),
        znotice(cls="USER_LOCATE", opcode="USER_HIDE"),
        znotice(cls="USER_LOCATE", opcode="USER_UNHIDE"),
        znotice(cls="USER_LOCATE", inst="carol@ATHENA.MIT.EDU", opcode="LOCATE"),
        znotice(cls="ZEPHYR_ADMIN", opcode="Brain_Dump"),
        znotice(cls="ZEPHYR_CTL", inst="CLIENT", opcode="SUBSCRIBE", extra=["MESSAGE", "*", ""]),
        znotice(cls="ZEPHYR_CTL", inst="CLIENT", opcode="SUBSCRIBE_NODEFS", extra=["c", "i", "r"]),
        znotice(cls="ZEPHYR_CTL", inst="CLIENT", opcode="UNSUBSCRIBE", extra=["c", "i"]),
        znotice(kind="5", cls="ZEPHYR_CTL", inst="CLIENT", opcode="SUBSCRIBE", extra=["SENT"]),
        znotice(cls="ZEPHYR_CTL", inst="CLIENT", opcode="GIMME"),
        znotice(cls="ZEPHYR_CTL", inst="CLIENT", opcode="GIMMEDEFS"),
        znotice(cls="ZEPHYR_CTL", inst="CLIENT", opcode="CLEARSUB"),
        znotice(cls="ZEPHYR_CTL", inst="CLIENT", opcode="FLUSH_ALL"),
        znotice(cls="ZEPHYR_CTL", inst="HM", opcode="BOOT"),
        znotice(cls="ZEPHYR_CTL", inst="REALM", opcode="ADD_SUBSCRIBE"),
        znotice(cls="ZEPHYR_CTL", inst="REALM", opcode="REQ_SUBSCRIBE"),
        znotice(cls="ZEPHYR_CTL", inst="REALM", opcode="RLM_SUBSCRIBE"),
        znotice(cls="ZEPHYR_CTL", inst="REALM", opcode="RLM_UNSUBSCRIBE"),
        znotice(cls="ZEPHYR_CTL", inst="REALM", opcode="OTHER"),
        znotice(cls="ZEPHYR_CTL", inst="SERVER", opcode="X"),
        znotice(cls="HM_CTL", inst="SERVER_SHUTDOWN", opcode="Flush"),
        znotice(cls="HM_STAT", inst="HMST_CLIENT", opcode="GIMMESTATS"),
        znotice(cls="HM_STAT", inst="HMST_CLIENT", opcode="OTHER"),
        znotice(cls="WG_CTL", inst="Reset", opcode="NewPort"),
        znotice(cls="LOGIN", opcode="USER_FLUSH"),
    ]
    for e in ("NONE", "OPSTAFF", "REALM-VISIBLE", "REALM-ANNOUNCED", "NET-VISIBLE", "NET-ANNOUNCED", "USER_LOGIN"):
        z.append(znotice(cls="LOGIN", opcode=e))
    z += [
        znotice(recipient="", opcode="PING", sender=""),
        znotice(cls=b"ctl\x01\x7f\xc8", inst="I", opcode=b"o\x1bp", sender=b"s\x80"),
        znotice(cls="C" * 200, inst="I" * 80, recipient="R" * 10),
        znotice(cls="ZEPHYR_ADMIN", opcode="X" * 300),
        znotice(version="ZEPH0.1"),
        znotice(version="ZEPH"),
        znotice(version="ZEPH\x01x"),
        znotice(version="HELLO"),
        b"ZEPH0.2\x00",
        znotice()[:60],
        b"ZEPH0.2",
        b"",
    ]
    out = [frame(2104, 2103 if i % 2 else 40000, p, v6=(i % 5 == 4)) for i, p in enumerate(z)]
    out.append(frame(2103, 2104, znotice(kind="1")))
    n = znotice(cls="ZEPHYR_CTL", inst="CLIENT", opcode="SUBSCRIBE", extra=["MESSAGE", "*", ""])
    f = frame(40001, 2103, n)
    out += [(f, H4 + k) for k in (3, 8, 20, 40, 70, 100, len(n) - 3)]
    return out


# ---- AODV ------------------------------------------------------------------


def aodv():
    hello = struct.pack(">BBI", 1, 4, 1000)
    rreq4 = struct.pack(">BBBBI", 1, 0xf8, 0, 3, 0x1234) + ip4("10.0.0.9") + struct.pack(">I", 77) + ip4("10.0.0.1") + struct.pack(">I", 78)
    rrep4 = struct.pack(">BBBB", 2, 0xc0, 0xff, 5) + ip4("10.0.0.9") + struct.pack(">I", 79) + ip4("10.0.0.1") + struct.pack(">I", 3000)
    rerr4 = struct.pack(">BBBB", 3, 0x80, 0, 2) + ip4("10.0.0.7") + struct.pack(">I", 5) + ip4("10.0.0.8") + struct.pack(">I", 6)
    a, b = ip6("2001:db8::a"), ip6("2001:db8::b")
    rreq6 = struct.pack(">BBBBI", 1, 0, 0, 2, 0xabcdef01) + a + struct.pack(">I", 9) + b + struct.pack(">I", 10)
    rrep6 = struct.pack(">BBBB", 2, 0, 0x41, 1) + a + struct.pack(">I", 11) + b + struct.pack(">I", 12)
    rerr6 = struct.pack(">BBBB", 3, 0, 0, 2) + a + struct.pack(">I", 13) + b + struct.pack(">I", 14)
    rreq6d = struct.pack(">BBBBIII", 16, 0, 0, 4, 5, 6, 7) + a + b
    rrep6d = struct.pack(">BBBBI", 17, 0, 3, 4, 8) + a + b + struct.pack(">I", 9)
    rerr6d = struct.pack(">BBBB", 18, 0x80, 0, 1) + a + struct.pack(">I", 15)
    p4 = [
        rreq4, rreq4 + hello, rreq4 + struct.pack(">BBI", 1, 3, 5), rreq4 + struct.pack(">BBI", 1, 2, 5)[:5],
        rreq4 + b"\x07\x09", rreq4 + b"\x07", rreq4[:20],
        rrep4, rrep4 + hello, rrep4 + b"\x02\x00\x01", rrep4[:19],
        rerr4, rerr4[:12], rerr4[:4], struct.pack(">BBBB", 3, 0, 0, 0), rerr4[:3],
        b"\x04\x00", b"\x13\x00", b"\x05\x00\x00\x00", b"\xff",
        rreq6, rrep6, rerr6, rreq6d, rrep6d, rerr6d,
    ]
    p6 = [
        rreq6, rreq6 + hello, rreq6[:40], rrep6, rrep6 + b"\x09\x01\x00", rrep6[:43], rerr6, rerr6[:30],
        rreq6d, rreq6d + hello, rreq6d[:47], rrep6d, rrep6d + hello, rrep6d[:30], rerr6d, rerr6d[:20],
        struct.pack(">BBBB", 18, 0, 0, 3) + a + struct.pack(">I", 1),
        b"\x04", b"\x13\x00", b"\x00", rreq4, rrep4, rerr4,
    ]
    out = [frame(654, 654 if i % 2 else 40002, p) for i, p in enumerate(p4)]
    out += [frame(40003, 654, p, v6=True) for p in p6]
    out.append(frame(654, 40004, b""))
    f4 = frame(654, 654, rreq4 + hello)
    f6 = frame(654, 654, rreq6d + hello, v6=True)
    f4e = frame(654, 654, rerr4)
    out += [(f4, H4 + k) for k in (0, 2, 10, 23, 25, 28)]
    out += [(f6, H6 + k) for k in (1, 20, 47, 49, 52)]
    out += [(f4e, H4 + k) for k in (4, 9, 15)]
    return out


# ---- AHCP ------------------------------------------------------------------


def ahcp_msg(mtype, opts, mbz=0, body_len=None, magic=43, version=1, hops=(1, 1)):
    hdr = struct.pack(">BBBBI", magic, version, hops[0], hops[1], 0x7CE31135) + bytes.fromhex("6aa3c4fffef4841e") + b"\xff" * 8
    body = struct.pack(">BBH", mtype, mbz, len(opts) if body_len is None else body_len) + opts
    return hdr + body


def opt(n, v):
    return bytes([n, len(v)]) + v


def ahcp():
    a, b = ip6("2001:db8::1"), ip6("fe80::2")
    full = (opt(2, struct.pack(">I", 1384070382)) + b"\x01" + opt(3, struct.pack(">I", 418))
            + opt(4, a) + opt(5, ip4("10.0.0.80")) + opt(6, a + b"\x40" + b + b"\x0a") + opt(7, ip4("10.1.0.0") + b"\x10")
            + opt(8, a + b) + opt(9, ip4("10.0.0.1") + ip4("10.0.0.2")) + opt(10, a + b"\x30")
            + opt(11, ip4("10.2.0.0") + b"\x18" + ip4("10.3.0.0") + b"\x08") + opt(12, a) + opt(13, b)
            + b"\x00" + opt(14, b"xyz") + opt(200, b""))
    bad = (opt(2, b"\x00\x01") + opt(3, b"\x00" * 5) + opt(4, a[:10]) + opt(5, b"\x0a\x00\x00") + opt(6, a)
           + opt(9, ip4("10.0.0.1") + b"\x01") + opt(11, ip4("10.0.0.1")) + opt(12, a + b"\x00"))
    msgs = [ahcp_msg(t, full if t == 1 else b"") for t in range(7)] + [
        ahcp_msg(2, opt(2, struct.pack(">I", 0xFFFFFFFF)) + opt(2, struct.pack(">I", 0))),
        ahcp_msg(3, b"", mbz=7),
        ahcp_msg(1, bad),
        ahcp_msg(1, opt(2, b"\x00" * 4), body_len=20),
        ahcp_msg(1, opt(3, b"\x00" * 4) + b"\x05"),
        ahcp_msg(1, opt(3, b"\x00" * 4) + b"\x05\x09\x01"),
        ahcp_msg(1, opt(3, b"\x00" * 4) + b"\x00\x00", body_len=6) + b"extra",
        ahcp_msg(1, b"")[:26],
        ahcp_msg(1, b"")[:10],
        ahcp_msg(1, b"", magic=42),
        ahcp_msg(1, b"", version=2),
        b"\x2b", b"\x2b\x01", b"\x2b\x07abc",
    ]
    out = [frame(5359, 5359 if i % 2 else 40005, m, v6=(i % 3 == 2)) for i, m in enumerate(msgs)]
    f = frame(5359, 5359, msgs[1], v6=True)
    out += [(f, H6 + k) for k in (1, 2, 5, 12, 20, 25, 27, 29, 40, 60, 70, 100, len(msgs[1]) - 2)]
    return out


# ---- LWRES -----------------------------------------------------------------


def lw(op, body, flags=0, version=0, length=None, serial=0x1234, result=0, extra=b""):
    total = 28 + len(body) if length is None else length
    return struct.pack(">IHHIIIIHH", total, version, flags, serial, op, result, 4096, 0, 0) + body + extra


def lname(n):
    return struct.pack(">H", len(n)) + n + b"\0"


def laddr(fam, a):
    return struct.pack(">IH", fam, len(a)) + a


def lwres():
    GABN, GNBA, GRBN = 0x10001, 0x10002, 0x10003
    a4, a6 = laddr(1, ip4("192.0.2.7")), laddr(2, ip6("2001:db8::7"))
    msgs = [
        lw(0, b""), lw(0, b"", flags=1), lw(0, b"", flags=0x8001), lw(0, b"xyz"),
        lw(0x99, b"abc"), lw(0x99, b"abc", flags=1), lw(0, b"", version=1), lw(0, b"", version=3, length=5),
        lw(0, b"", length=100), lw(0, b"", length=10),
    ]
    for at in (1, 2, 3, 0, 0x13):
        msgs.append(lw(GABN, struct.pack(">II", 0xff, at) + lname(b"www.example.com")))
    msgs += [
        lw(GABN, struct.pack(">II", 0, 1) + struct.pack(">H", 3) + b"abcd"),
        lw(GABN, struct.pack(">II", 0, 1) + struct.pack(">H", 3) + b"a\x01\xe9\0"),
        lw(GNBA, struct.pack(">I", 5) + a4), lw(GNBA, struct.pack(">I", 5) + a6),
        lw(GNBA, struct.pack(">I", 5) + laddr(7, b"\x01\x02\x03")),
        lw(GNBA, struct.pack(">I", 5) + laddr(1, b"\x01\x02")), lw(GNBA, struct.pack(">I", 5) + laddr(2, b"\x01" * 8)),
        lw(GNBA, struct.pack(">I", 5) + laddr(1, b"\x01\x02\x03\x04\x05")),
        lw(GRBN, struct.pack(">IHHH", 1, 1, 28, 12) + b"mail.exampleX"),
        lw(GRBN, struct.pack(">IHH", 1, 3, 999) + lname(b"x")),
        lw(GRBN, struct.pack(">IHH", 1, 77, 16) + lname(b"y")),
        lw(GABN, struct.pack(">IHH", 9, 2, 3) + lname(b"host.example") + lname(b"alias1") + lname(b"alias2")
           + a4 + a6 + laddr(9, b"\xaa\xbb"), flags=1),
        lw(GABN, struct.pack(">IHH", 9, 0, 2) + lname(b"h") + a4 + laddr(1, b"\x00"), flags=1),
        lw(GABN, struct.pack(">IHH", 9, 1, 0) + lname(b"h") + struct.pack(">H", 2) + b"ab\x07", flags=1),
        lw(GNBA, struct.pack(">IH", 3, 2) + lname(b"ptr.example") + lname(b"a") + lname(b"b"), flags=1),
        lw(GRBN, struct.pack(">IHHIHH", 1, 1, 1, 86400 * 3 + 61, 2, 1) + lname(b"rr.example")
           + struct.pack(">H", 4) + ip4("192.0.2.1") + struct.pack(">H", 0) + struct.pack(">H", 3) + b"sig", flags=1),
        lw(GRBN, struct.pack(">IHHIHH", 1, 255, 46, 0, 0, 0) + lname(b""), flags=1),
        lw(GRBN, struct.pack(">IHHIHH", 1, 9, 300, 31536000 * 2 + 5, 0, 0) + lname(b"q"), flags=1, extra=b"zz"),
        lw(GNBA, b"\0\0"), lw(GRBN, b"\0" * 8), lw(GABN, b"\0" * 9, flags=1),
        b"\0" * 27,
    ]
    out = [frame(921 if i % 2 else 40006, 921 if i % 2 == 0 else 40007, m, v6=(i % 4 == 3)) for i, m in enumerate(msgs)]
    big = lw(GABN, struct.pack(">IHH", 9, 2, 2) + lname(b"host.example") + lname(b"alias1") + lname(b"alias2") + a4 + a6, flags=1)
    f = frame(921, 921, big)
    out += [(f, H4 + k) for k in (20, 27, 30, 37, 40, 50, 60, 65, 75, 85, 95)]
    g = frame(921, 921, msgs[-7], v6=True)
    out += [(g, H6 + k) for k in (44, 55, 62, 66, 69, 72, 75, 80)]
    return out


def main():
    frames = zephyr() + aodv() + ahcp() + lwres()
    craftlib.write_pcap(os.path.join(CAP, "udp-misc2-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
