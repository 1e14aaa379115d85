#!/usr/bin/env python3
"""craft-udp-misc.py [CAPTURES_DIR] -- write captures/udp-misc-crafted.pcap (GENERATED).

The small UDP application printers of tcpdump 4.99's udp_print, with the
cases each tells apart:
- BCM-LI (print-bcm-li.c, from port 49152): every direction, packet type
  and subtype and unknown ones; an intercepted Ethernet frame, IPv4 and
  IPv6 packet, undecided types guessed as IPv4, IPv6 or neither; a shim
  too short; a packet cut inside the intercepted one.
- VAT (vat_print, to port 3456): vt and vat headers with and without the
  marker, format and sample bits; too short for either.
- wb (print-wb.c, to port 4567): kill (flagged), announcements with site
  offsets and names, repair requests and replies, drawing operations with
  every op type, SKIP and HOLE inside and outside the range, page requests
  and replies, an unknown type, and each too short for its type.
- SOME/IP (print-someip.c, port 30490): every message type and return code,
  unknown ones, events and methods, a header too short.
- VQP (print-vqp.c, port 1589): each message type and error code, unknown
  ones, every object type, objects of the wrong size, longer than the
  message, a zero type, fewer items than objects, another version.
- LISP control (print-lisp.c, port 4342): Map-Register and Map-Notify with
  their flags, authentication types, IPv4 and IPv6 EIDs and locators, an
  unknown locator family, an LCAF EID, the xTR and site IDs, trailing data,
  no records, more records than the message holds, an authentication
  length that wraps tcpdump's 16-bit offset; the other message types.
- LWAPP (print-lwapp.c): control frames to port 12223 (with the AP
  identity) and from it, messages of every kind of length, data frames on
  12222 with their 802.11 frame in hex, another version, a transport
  length shorter than its header.
Over IPv4 and IPv6, and packets cut by the snapshot inside each.
Deterministic; Python 3 standard library only.
Then: scripts/gen-goldens.sh udp-misc-crafted.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
A4, B4 = "10.30.0.1", "10.30.0.2"
A6, B6 = "2001:db8::30:1", "2001:db8::30:2"
MA, MB = bytes.fromhex("020000003001"), bytes.fromhex("020000003002")


ip4 = craftlib.addr4


def frame(sport, dport, payload, v6=False):
    src, dst = (A6, B6) if v6 else (A4, B4)
    return craftlib.udp_frame(sport, dport, payload, src, dst, MA, MB)


# ---- BCM-LI ----------------------------------------------------------------

def shim(direction, ptype, subtype, li_id):
    return struct.pack(">I", (direction << 29) | (ptype << 25) | (subtype << 22) | li_id)


def inner_ip4():
    u = craftlib.udp(1234, 5678, b"intercepted", "192.0.2.1", "192.0.2.2")
    return craftlib.ipv4(17, u, "192.0.2.1", "192.0.2.2", ident=7)


def inner_ip6():
    u = craftlib.udp(1234, 5678, b"intercepted6", "2001:db8::1", "2001:db8::2")
    return craftlib.ipv6(17, u, "2001:db8::1", "2001:db8::2")


def bcm_li():
    eth = craftlib.ether(0x0800, inner_ip4(), bytes.fromhex("0a0000000001"), bytes.fromhex("0a0000000002"))
    out = [
        frame(49152, 5000, shim(3, 7, 3, 4242) + eth),
        frame(49152, 5000, shim(2, 5, 1, 1) + inner_ip4()),
        frame(49152, 5000, shim(1, 6, 2, 0x3fffff) + inner_ip6()),
        frame(49152, 5000, shim(0, 4, 0, 17) + inner_ip4()),
        frame(49152, 5000, shim(5, 4, 4, 18) + inner_ip6()),
        frame(49152, 5000, shim(7, 4, 7, 19) + b"\x20abc"),
        frame(49152, 5000, shim(3, 9, 3, 20) + b"payload"),
        frame(49152, 5000, shim(3, 0, 3, 21)),
        frame(49152, 5000, b"\x60\x00"),
        frame(49152, 5000, shim(3, 5, 3, 22)),
        frame(49152, 5000, shim(3, 4, 3, 23)),
        frame(49152, 5000, shim(2, 7, 1, 24) + eth, v6=True),
        frame(5000, 49152, shim(3, 7, 3, 4242) + eth),
    ]
    cut = [
        (out[0], 14 + 20 + 8 + 4 + 20),
        (out[1], 14 + 20 + 8 + 2),
        (out[2], 14 + 20 + 8 + 4 + 30),
        (out[3], 14 + 20 + 8 + 4),
    ]
    return out + cut


# ---- VAT -------------------------------------------------------------------

def vat():
    out = [
        frame(3457, 3456, struct.pack(">HH", 0x8045, 0) + bytes(20)),
        frame(3457, 3456, struct.pack(">II", 0x00000102, 123456) + bytes(160)),
        frame(3457, 3456, struct.pack(">II", 0x2a9f0003, 42) + bytes(80)),
        frame(3457, 3456, struct.pack(">II", 0x00850004, 7) + bytes(8)),
        frame(3457, 3456, struct.pack(">II", 0x01000005, 8)),
        frame(3457, 3456, b"\x00"),
        frame(3457, 3456, b"\x00\x01\x02\x03"),
        frame(3457, 3456, b"\x10\x00"),
        frame(3456, 3457, struct.pack(">II", 0x00000102, 1)),
        frame(3457, 3456, struct.pack(">II", 0x3f9f0009, 99) + bytes(4), v6=True),
    ]
    cut = [(out[1], 14 + 20 + 8 + 6), (out[1], 14 + 20 + 8 + 1)]
    return out + cut


# ---- wb --------------------------------------------------------------------

def wb_hdr(ptype, flags=0, src="10.30.0.1", ts=1000):
    return ip4(src) + struct.pack(">IHBB", ts, 1, ptype, flags)


def page(sid, uid):
    return ip4(sid) + struct.pack(">I", uid)


def dophdr(ts, body, dtype, flags=0):
    d = struct.pack(">IHBB", ts, len(body), flags, dtype) + body
    return d + bytes(-len(d) % 4)


def wb():
    ident = (struct.pack(">I", 5) + page("10.30.1.1", 9)
             + struct.pack(">I", 3) + page("10.30.1.2", 4) + struct.pack(">HH", 2, 0)
             + ip4("10.30.2.1") + struct.pack(">I", 100) + ip4("10.30.2.2") + struct.pack(">I", 200)
             + b"site\x01name\0pad")
    ident0 = (struct.pack(">I", 1) + page("10.30.1.1", 1) + struct.pack(">I", 1) + page("10.30.1.1", 1)
              + struct.pack(">HH", 0, 0) + b"nonul")
    idbig = (struct.pack(">I", 1) + page("10.30.1.1", 1) + struct.pack(">I", 1) + page("10.30.1.1", 1)
             + struct.pack(">HH", 3, 0) + bytes(8))
    rreq = ip4("10.30.3.1") + page("10.30.3.2", 7) + struct.pack(">II", 10, 20)
    dops = (dophdr(0, b"ab", 2) + dophdr(0, b"", 3) + dophdr(0, b"xyzxyz", 4) + dophdr(0, b"", 5)
            + dophdr(0, b"", 6) + dophdr(0, b"", 7) + dophdr(0, b"c", 8) + dophdr(0, b"str", 9)
            + dophdr(0, b"", 10) + dophdr(0, b"", 11) + dophdr(0, b"", 12) + dophdr(0, b"", 13)
            + dophdr(0, b"", 1) + dophdr(0, b"", 99))
    dop = page("10.30.4.1", 3) + struct.pack(">II", 1, 14) + dops
    skip = page("10.30.4.1", 3) + struct.pack(">II", 5, 12) + dophdr(0, b"", 2) + dophdr(8, b"", 14) \
        + dophdr(0, b"", 3) + dophdr(30, b"", 15) + dophdr(0, b"", 4)
    back = page("10.30.4.1", 3) + struct.pack(">II", 5, 12) + dophdr(0, b"", 2) + dophdr(2, b"", 15) + dophdr(0, b"", 3)
    rrep = ip4("10.30.5.1") + page("10.30.5.2", 6) + struct.pack(">II", 2, 4) \
        + dophdr(0, b"", 2) + dophdr(0, b"", 3) + dophdr(0, b"", 9)
    preq = page("10.30.6.1", 11) + struct.pack(">II", 3, 9)
    prep = (struct.pack(">I", 2)
            + struct.pack(">I", 1) + page("10.30.7.1", 2) + struct.pack(">HH", 0x0100, 0)
            + ip4("10.30.7.9") + struct.pack(">I", 77)
            + struct.pack(">I", 2) + page("10.30.7.2", 3) + struct.pack(">HH", 0, 0))
    prep_many = struct.pack(">I", 0xffffffff) + struct.pack(">I", 1) + page("10.30.7.1", 2) + bytes(4)
    wrap = page("10.30.4.1", 3) + struct.pack(">II", 0xfffffffe, 0xffffffff) + dophdr(0, b"", 2) * 3
    out = [
        frame(4568, 4567, wb_hdr(4)),
        frame(4568, 4567, wb_hdr(4, flags=1)),
        frame(4568, 4567, wb_hdr(1) + ident),
        frame(4568, 4567, wb_hdr(1, flags=2) + ident0),
        frame(4568, 4567, wb_hdr(1) + idbig),
        frame(4568, 4567, wb_hdr(1) + ident[:20]),
        frame(4568, 4567, wb_hdr(2) + rreq),
        frame(4568, 4567, wb_hdr(2) + rreq[:19]),
        frame(4568, 4567, wb_hdr(3) + rrep),
        frame(4568, 4567, wb_hdr(3) + rrep[:19]),
        frame(4568, 4567, wb_hdr(0) + dop),
        frame(4568, 4567, wb_hdr(0) + skip),
        frame(4568, 4567, wb_hdr(0) + back),
        frame(4568, 4567, wb_hdr(0) + dop[:15]),
        frame(4568, 4567, wb_hdr(0) + wrap),
        frame(4568, 4567, wb_hdr(5) + preq),
        frame(4568, 4567, wb_hdr(5) + preq[:15]),
        frame(4568, 4567, wb_hdr(7) + prep),
        frame(4568, 4567, wb_hdr(7) + prep_many),
        frame(4568, 4567, wb_hdr(7) + b"\0\0\0"),
        frame(4568, 4567, wb_hdr(6) + bytes(8)),
        frame(4568, 4567, wb_hdr(1)[:11]),
        frame(4567, 4568, wb_hdr(4)),
        frame(4568, 4567, wb_hdr(2) + rreq, v6=True),
    ]
    cut = [
        (out[2], 14 + 20 + 8 + 12 + 20),
        (out[2], 14 + 20 + 8 + 12 + 26),
        (out[2], 14 + 20 + 8 + 12 + 40),
        (out[2], 14 + 20 + 8 + 12 + 48),
        (out[6], 14 + 20 + 8 + 12 + 18),
        (out[8], 14 + 20 + 8 + 12 + 30),
        (out[10], 14 + 20 + 8 + 12 + 40),
        (out[15], 14 + 20 + 8 + 12 + 14),
        (out[17], 14 + 20 + 8 + 12 + 30),
        (out[0], 14 + 20 + 8 + 8),
    ]
    return out + cut


# ---- SOME/IP ---------------------------------------------------------------

def someip_msg(service, method, client, session, mtype, rcode, payload=b"", pver=1, iver=1):
    return struct.pack(">HHIHHBBBB", service, method, 8 + len(payload), client, session, pver, iver, mtype, rcode) + payload


def someip():
    out = []
    types = [0x00, 0x01, 0x02, 0x80, 0x81, 0x20, 0x21, 0x22, 0xa0, 0xa1, 0x42]
    for i, t in enumerate(types):
        out.append(frame(30490, 30491 + i, someip_msg(0x1234, 0x0001 + i, 0x10, i, t, i, b"data")))
    for rc in range(11, 18):
        out.append(frame(30501, 30490, someip_msg(0xffff, 0x8100 + rc, 0xbeef, rc, 0x02, rc)))
    out.append(frame(30490, 30490, someip_msg(1, 0x7fff, 0, 0xffff, 0x80, 0, pver=2, iver=255), v6=True))
    out.append(frame(30490, 40000, someip_msg(1, 2, 3, 4, 0, 0)[:15]))
    out.append(frame(30490, 40000, b""))
    cut = [(out[0], 14 + 20 + 8 + n) for n in (2, 6, 10, 13, 15)]
    return out + cut


# ---- VQP -------------------------------------------------------------------

def vqp_obj(t, v):
    return struct.pack(">IH", t, len(v)) + v


def vqp_msg(mtype, err, seq, objs, nitems=None, version=1):
    n = len(objs) if nitems is None else nitems
    return struct.pack(">BBBBI", version, mtype, err, n, seq) + b"".join(objs)


def vqp():
    join = [
        vqp_obj(0x0c01, ip4("10.30.8.1")),
        vqp_obj(0x0c02, b"Fa0/1"),
        vqp_obj(0x0c03, b"vlan\x07ten\0x"),
        vqp_obj(0x0c04, b"domain"),
        vqp_obj(0x0c05, bytes.fromhex("ffffffffffff0200000030010800") + b"\x80data"),
        vqp_obj(0x0c06, bytes(6)),
        vqp_obj(0x0c08, bytes.fromhex("00000c123456")),
        vqp_obj(0x0c07, bytes(range(20))),
    ]
    out = [
        frame(1590, 1589, vqp_msg(1, 0, 0x1000, join)),
        frame(1589, 1590, vqp_msg(2, 0, 0x1000, [vqp_obj(0x0c03, b"ten"), vqp_obj(0x0c08, bytes.fromhex("00000c123456"))])),
        frame(1590, 1589, vqp_msg(3, 3, 0x1001, join[:2])),
        frame(1589, 1590, vqp_msg(4, 4, 0x1001, [])),
        frame(1589, 1590, vqp_msg(9, 5, 0x1002, join[:1])),
        frame(1589, 1590, vqp_msg(2, 7, 0x1003, join[:1])),
        frame(1590, 1589, vqp_msg(1, 0, 0x1004, join, nitems=3)),
        frame(1590, 1589, vqp_msg(1, 0, 0x1005, [vqp_obj(0x0c01, b"\x0a\x00\x00")])),
        frame(1590, 1589, vqp_msg(1, 0, 0x1006, [vqp_obj(0x0c08, b"\x00\x01\x02\x03\x04")])),
        frame(1590, 1589, vqp_msg(1, 0, 0x1007, [vqp_obj(0, b"abc"), join[1]])),
        frame(1590, 1589, vqp_msg(1, 0, 0x1008, [struct.pack(">IH", 0x0c02, 0)])),
        frame(1590, 1589, vqp_msg(1, 0, 0x1009, [struct.pack(">IH", 0x0c02, 40) + b"short"])),
        frame(1590, 1589, vqp_msg(1, 0, 0x100a, [join[1], b"\x00\x00"], nitems=2)),
        frame(1590, 1589, vqp_msg(1, 0, 0x100b, join[:3], version=2)),
        frame(1590, 1589, vqp_msg(1, 0, 0x100c, [])[:7]),
        frame(1590, 1589, vqp_msg(1, 0, 0x100d, join[:4]), v6=True),
    ]
    cut = [(out[0], 14 + 20 + 8 + n) for n in (4, 8, 12, 16, 24, 60)]
    return out + cut


# ---- LISP ------------------------------------------------------------------

def lisp_hdr(ty, flags, count, key_id=1, auth=b"", nonce=0x1122334455667788):
    first = (ty << 28) | flags | count
    return struct.pack(">IQHH", first, nonce, key_id, len(auth)) + auth


def lisp_eid(ttl, locs, afi, prefix, mask, act=0x10, version=0x0123):
    return struct.pack(">IBBBBHH", ttl, len(locs), mask, act, 0, version, afi) + prefix + b"".join(locs)


def lisp_loc(afi, addr, prio=1, weight=100, mprio=255, mweight=0, flags=0x0005):
    return struct.pack(">BBBBHH", prio, weight, mprio, mweight, flags, afi) + addr


ip6 = craftlib.addr6


def lisp():
    auth = bytes(range(1, 21))
    xtr = bytes(range(0xa0, 0xb0)) + struct.pack(">Q", 0x0102030405060708)
    reg = lisp_hdr(3, 0x02000100 | 0x08000000, 2, 1, auth) \
        + lisp_eid(1440, [lisp_loc(1, ip4("20.20.8.253"))], 1, ip4("10.30.9.0"), 24) \
        + lisp_eid(60, [lisp_loc(2, ip6("2001:db8::99"), flags=0x0002), lisp_loc(7, b"", flags=0)],
                   2, ip6("2001:db8:85a3::"), 48, act=0x20 | 0x10) + xtr
    notify = lisp_hdr(4, 0x04000000, 1, 2, bytes(32)) \
        + lisp_eid(10, [lisp_loc(1, ip4("20.20.8.1"), flags=0x0004)], 1, ip4("10.30.9.128"), 25, act=0x60) + b"trailing"
    out = [
        frame(4342, 4342, reg),
        frame(4342, 4342, notify),
        frame(4342, 4342, lisp_hdr(4, 0x08000000, 1, 0) + lisp_eid(1, [], 1, ip4("10.30.9.1"), 32, act=0x80) + bytes(10)),
        frame(4342, 4342, lisp_hdr(3, 0, 0)),
        frame(4342, 4342, lisp_hdr(3, 0x04000000, 1, 9, b"xy") + lisp_eid(5, [], 16387, bytes(8), 0, act=0xe0)),
        frame(4342, 4342, lisp_hdr(3, 0x01000000, 5, 1) + lisp_eid(5, [lisp_loc(1, ip4("20.20.8.2"))], 1, ip4("10.30.9.2"), 32)),
        frame(4342, 4342, lisp_hdr(3, 0, 1, 1) + lisp_eid(5, [lisp_loc(1, ip4("20.20.8.2"))], 1, ip4("10.30.9.2"), 32)[:14]),
        frame(4342, 4342, lisp_hdr(4, 0, 1, 1) + lisp_eid(5, [lisp_loc(1, ip4("20.20.8.2"))] * 2, 1, ip4("10.30.9.2"), 32)[:30]),
        frame(4342, 4342, lisp_hdr(3, 0, 1, 1, b"") [:14] + struct.pack(">H", 0xfff8) + lisp_eid(5, [], 1, ip4("10.30.9.3"), 8)),
        frame(4342, 4342, lisp_hdr(1, 0x08000000, 1)),
        frame(4342, 4342, lisp_hdr(2, 0, 1)),
        frame(4342, 4342, lisp_hdr(0, 0, 1)),
        frame(4342, 4342, lisp_hdr(8, 0, 1)),
        frame(4342, 4342, lisp_hdr(5, 0, 1)),
        frame(4342, 4342, lisp_hdr(3, 0, 1)[:12]),
        frame(4342, 4343, reg, v6=True),
    ]
    cut = [(out[0], 14 + 20 + 8 + n) for n in (10, 20, 38, 44, 50, 56, 60, 90, 120, 130)]
    return out + cut


# ---- LWAPP -----------------------------------------------------------------

def lwapp_transport(version_bits, frag_id, body):
    return struct.pack(">BBHH", version_bits, frag_id, len(body), 0x0000) + body


def lwapp_msg(mtype, seq, payload, session=0xdeadbeef):
    return struct.pack(">BBHI", mtype, seq, len(payload), session) + payload


def lwapp():
    ap = bytes.fromhex("001122334455")
    msgs = lwapp_msg(1, 7, b"abcd") + lwapp_msg(40, 8, b"") + lwapp_msg(99, 9, b"xy")
    out = [
        frame(12224, 12223, ap + lwapp_transport(0x04 | 0x18 | 0x03, 3, msgs)),
        frame(12223, 12224, lwapp_transport(0x04, 0, lwapp_msg(22, 1, b"") + lwapp_msg(26, 2, b"\0" * 4))),
        frame(12224, 12223, ap + struct.pack(">BBHH", 0x04, 0, 5, 0) + lwapp_msg(2, 1, b"")),
        frame(12224, 12223, ap + struct.pack(">BBHH", 0x04, 0, 12, 0) + lwapp_msg(3, 1, b"abcdef")),
        frame(12224, 12223, ap + struct.pack(">BBHH", 0x44, 0, 0, 0)),
        frame(12224, 12223, ap + struct.pack(">BBHH", 0x04, 0, 40, 0) + lwapp_msg(3, 1, b"a" * 32)[:20]),
        frame(12224, 12223, ap[:4]),
        frame(12224, 12223, ap + b"\x04\x00"),
        frame(12224, 12222, lwapp_transport(0x08 | 0x02, 5, bytes.fromhex("08420000ffffffffffff0011223344550011223344550000") + b"payload")),
        frame(12222, 12224, struct.pack(">BBHH", 0x00, 0, 3, 0) + b"abc"),
        frame(12222, 12224, struct.pack(">BBHH", 0xc0, 0, 3, 0) + b"abc"),
        frame(12222, 12224, struct.pack(">BBHH", 0x01, 1, 200, 0) + b"short"),
        frame(12222, 12224, b"\x00\x00\x00"),
        frame(12222, 12223, lwapp_transport(0x04, 0, lwapp_msg(5, 1, b"")), v6=True),
    ]
    cut = [(out[0], 14 + 20 + 8 + n) for n in (4, 10, 14, 20, 26, 30)] + [(out[8], 14 + 20 + 8 + 12)]
    return out + cut


def main():
    frames = bcm_li() + vat() + wb() + someip() + vqp() + lisp() + lwapp()
    craftlib.write_pcap(os.path.join(CAP, "udp-misc-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
