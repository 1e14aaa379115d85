#!/usr/bin/env python3
"""craft-isakmp.py [CAPTURES_DIR] -- write captures/isakmp-crafted.pcap (GENERATED).

ISAKMP/IKE over UDP with the cases tcpdump 4.99's print-isakmp.c tells apart.
IKEv1: main mode from the initiator (recorded in the cookie cache: I), the
responder's answer (R), a third party with a known cookie (?), an unknown
cookie with a responder cookie (?), an all-zero initiator cookie; aggressive,
quick, informational, base, auth, new-group and unknown exchange types; the
flags (E, C, both, none of them); SA payloads with the IPsec DOI (each
situation, the printed "ident") and another DOI, proposals for ISAKMP, AH, ESP,
IPCOMP and an unknown protocol, with and without SPIs; transforms with
basic and variable attributes, named and unnamed values (group 18 past the
declared count), attributes running past the transform ([|attr]); KE, every
ID type of the IPsec DOI (good and short lengths, protocol names), CERT and
CR, HASH, SIG, NONCE, N (error, IPsec error, status and IPsec status types,
RESPONDER-LIFETIME's attributes, REPLAY-STATUS, other data, another DOI,
SPIs), D (several SPIs, another DOI), VID, the unnamed payload types
(pay14..pay32, #50, v2 types in v1), a payload of length 4 or less, one
longer than the capture, a length mismatch. IKEv2: IKE_SA_INIT, IKE_AUTH,
CREATE_CHILD_SA, INFORMATIONAL and unknown exchanges with I/V/R flags and
the E bit; SA payloads with several proposals and every transform type
(ENCR's key length, PRF, INTEG, DH, ESN, unknown types and ids), SPIs, too
long and too short proposals and transforms; KE (and shorter than 8), IDi
and IDr of each type, CERT, CERTREQ, AUTH (each method, shorter than 8),
Nonce, Notify (each named type, error/status ranges, SPIs, cookie data short
and long), Delete, VID, TSi, TSr, Encrypted, CP, EAP, the critical bit. Other
major versions, a header shorter than 28 bytes. On UDP 500, 4500 behind the
non-ESP marker, 7500 and 8500, over IPv4 and IPv6; packets cut by the
snapshot length. Deterministic; Python 3 standard library only.
Then: scripts/gen-goldens.sh isakmp-crafted.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
INI, RSP, OTHER = "10.50.0.1", "10.50.0.2", "10.50.0.3"
INI6, RSP6 = "fd00:500::1", "fd00:500::2"
MINI, MRSP = bytes.fromhex("020000005001"), bytes.fromhex("020000005002")

CKI = bytes.fromhex("a1a2a3a4a5a6a7a8")
CKR = bytes.fromhex("b1b2b3b4b5b6b7b8")
# IKEv1's I/R/? depends on the packets before (tcpdump's cookie cache), so a
# filter that drops one would change the next one's line: the main-mode
# sequence (CKI) is all in packets of over 100 bytes (the filter test has
# "less 100"), IPv6 has its own cookie (CK6), and the other messages carry
# a cookie never recorded with a responder cookie (MISC: always "?").
CK6 = bytes.fromhex("6161616161616161")
MISC = bytes.fromhex("f1f2f3f4f5f6f7f8")


def pay(np, body, crit=0, length=None):
    """A generic payload header (its next-payload field filled by chain)."""
    return [np, crit, body, length]


def chain(items):
    """Payloads in order: (the first type, the bytes), each header naming the
    next one's type."""
    out = b""
    for i, (t, crit, body, length) in enumerate(items):
        nxt = items[i + 1][0] if i + 1 < len(items) else 0
        ln = 4 + len(body) if length is None else length
        out += struct.pack(">BBH", nxt, crit, ln) + body
    return (items[0][0] if items else 0), out


def msg(items, etype, flags=0, msgid=0, ick=MISC, rck=CKR, ver=0x10, length=None, np=None):
    first, body = chain(items)
    if np is not None:
        first = np
    ln = 28 + len(body) if length is None else length
    return ick + rck + struct.pack(">BBBBII", first, ver, etype, flags, msgid, ln) + body


def battr(t, v):
    return struct.pack(">HH", 0x8000 | t, v)


def vattr(t, data):
    return struct.pack(">HH", t, len(data)) + data


def v1t(no, tid, attrs, length=None):
    return pay(3, struct.pack(">BBxx", no, tid) + b"".join(attrs), length=length)


def v1p(no, proto, transforms, spi=b""):
    first, body = chain(transforms)
    return pay(2, struct.pack(">BBBB", no, proto, len(spi), len(transforms)) + spi + body)


def v1sa(proposals, sit=1, doi=1, ident=b"\x00\x00\x00\x00"):
    body = struct.pack(">II", doi, sit)
    if sit != 1:
        body += ident
    if doi == 1:
        body += chain(proposals)[1]
    return pay(1, body)


def v1id(t, data, proto=0, port=0):
    return pay(5, struct.pack(">BBH", t, proto, port) + data)


def v1n(ntype, data=b"", spi=b"", doi=1, proto=3):
    return pay(11, struct.pack(">IBBH", doi, proto, len(spi), ntype) + spi + data)


def v1d(spis, spilen=4, doi=1, proto=3, nspi=None):
    n = len(spis) if nspi is None else nspi
    return pay(12, struct.pack(">IBBH", doi, proto, spilen, n) + b"".join(spis))


def v2t(ttype, tid, attrs=(), length=None):
    return pay(3, struct.pack(">BxH", ttype, tid) + b"".join(attrs), length=length)


def v2p(no, proto, transforms, spi=b"", length=None, num=None):
    body = chain(transforms)[1]
    n = len(transforms) if num is None else num
    return pay(2, struct.pack(">BBBB", no, proto, len(spi), n) + spi + body, length=length)


def v2sa(proposals, crit=0, length=None):
    return pay(33, chain(proposals)[1], crit=crit, length=length)


def v2n(ntype, data=b"", spi=b"", proto=1, crit=0):
    return pay(41, struct.pack(">BBH", proto, len(spi), ntype) + spi + data, crit=crit)


def v2id(np, t, data):
    return pay(np, struct.pack(">Bxxx", t) + data)


NONCE = bytes(range(0x40, 0x40 + 32))
KEY = bytes(range(0x80, 0x80 + 64))

OAKLEY = [battr(1, 7), battr(14, 128), battr(2, 2), battr(3, 1), battr(4, 2), battr(11, 1),
          vattr(12, b"\x00\x01\x51\x80")]
OAKLEY2 = [battr(1, 5), battr(2, 1), battr(3, 65001), battr(4, 18), battr(4, 14), battr(5, 2),
           battr(11, 2), battr(12, 1000), battr(20, 3), vattr(21, b"\xde\xad")]
IPSEC = [battr(1, 1), vattr(2, b"\x00\x00\x0e\x10"), battr(3, 5), battr(4, 1), battr(5, 2),
         battr(6, 256), battr(7, 3), battr(8, 9), vattr(9, b"\x01\x02\x03"), battr(4, 7),
         battr(10, 1), battr(0x7fff, 2)]

# IKEv1 main mode, first message: SA with two IKE transforms and three VIDs
MM1 = msg([v1sa([v1p(1, 1, [v1t(1, 1, OAKLEY), v1t(2, 1, OAKLEY2)])]),
           pay(13, bytes.fromhex("4a131c81070358455c5728f20e95452f")),
           pay(13, bytes.fromhex("afcad71368a1f1c96b8696fc77570100")),
           pay(13, b"")], 2, ick=CKI, rck=bytes(8))
MM1V6 = MM1.replace(CKI, CK6)
MM2 = msg([v1sa([v1p(1, 1, [v1t(1, 1, OAKLEY)])]), pay(13, b"\x09\x00\x26\x89")], 2, ick=CKI)
MM2V6 = MM2.replace(CKI, CK6)
MM3 = msg([pay(4, KEY), pay(10, NONCE), pay(20, bytes(20)), pay(20, bytes(range(20)))], 2, ick=CKI)
MM4 = msg([pay(4, KEY[:8]), pay(10, NONCE[:5]), pay(15, b"x" * 24)], 2, ick=CKI)
MM5 = msg([pay(5, bytes(40)), pay(8, bytes(20))], 2, flags=1, ick=CKI)
MM6 = msg([pay(5, bytes(40))], 2, flags=3, ick=CKI)

IDS = [
    v1id(1, craftlib.addr4("192.0.2.1"), 17, 500),
    v1id(1, b"\x01\x02", 6, 0),
    v1id(2, b"vpn.example.com\x01\x80", 0, 0),
    v1id(3, b"user@example.com", 17, 4500),
    v1id(4, craftlib.addr4("192.0.2.0") + craftlib.addr4("255.255.255.0"), 1, 0),
    v1id(4, craftlib.addr4("192.0.2.0"), 0, 0),
    v1id(5, craftlib.addr6("2001:db8::1"), 0, 0),
    v1id(5, bytes(8), 0, 0),
    v1id(6, craftlib.addr6("2001:db8::") + craftlib.addr6("ffff:ffff:ffff:ffff::"), 0, 0),
    v1id(6, bytes(20), 0, 0),
    v1id(7, craftlib.addr4("192.0.2.1") + craftlib.addr4("192.0.2.9"), 0, 0),
    v1id(7, bytes(4), 0, 0),
    v1id(8, craftlib.addr6("2001:db8::1") + craftlib.addr6("2001:db8::9"), 0, 0),
    v1id(8, bytes(16), 0, 0),
    v1id(9, bytes.fromhex("3011310f300d06035504030c067365727665"), 0, 0),
    v1id(10, b"\x30\x00", 0, 0),
    v1id(11, b"key-id-1", 0, 0),
    v1id(12, b"\xaa\xbb", 50, 0),
    v1id(0, b"", 0, 0),
    v1id(1, b"", 0, 0),
]

AGG = msg([v1sa([v1p(1, 1, [v1t(1, 1, OAKLEY)])]), pay(4, KEY), pay(10, NONCE)] + IDS[:4]
          + [pay(13, b"\xaf\xca\xd7\x13")], 4, ick=bytes.fromhex("c1c2c3c4c5c6c7c8"), rck=bytes(8))
IDMSG = msg(IDS[4:], 4, ick=bytes.fromhex("c1c2c3c4c5c6c7c8"), rck=bytes.fromhex("d1d2d3d4d5d6d7d8"))

QUICK = msg([pay(8, bytes(20)),
             v1sa([v1p(1, 3, [v1t(1, 12, IPSEC), v1t(2, 3, IPSEC[:3]), v1t(3, 40, [])], spi=b"\x12\x34\x56\x78"),
                   v1p(2, 2, [v1t(1, 3, IPSEC[3:6]), v1t(2, 9, [])], spi=b"\x00\x00\x00\x01"),
                   v1p(3, 4, [v1t(1, 2, [battr(8, 1)]), v1t(2, 7, [])], spi=b"\x00\x02"),
                   v1p(4, 9, [v1t(1, 1, [battr(1, 1), vattr(2, b"\x01")])]),
                   v1p(5, 0, [v1t(1, 1, [])]),
                   v1p(6, 1, [v1t(1, 2, [])])], sit=3),
             pay(10, NONCE[:16]), pay(4, KEY[:16]),
             v1id(4, craftlib.addr4("10.1.0.0") + craftlib.addr4("255.255.0.0"), 17, 1701),
             v1id(1, craftlib.addr4("10.2.0.1"), 6, 80)], 32, flags=0, msgid=0x01020304, ick=CKI)
SITS = msg([v1sa([v1p(1, 1, [v1t(1, 1, [])])], sit=0), v1sa([], sit=2), v1sa([], sit=4),
            v1sa([v1p(1, 1, [v1t(1, 1, [])])], sit=7), v1sa([], doi=2, sit=9)], 2, ick=CKI)

INFO = msg([pay(8, bytes(16)),
            v1n(1), v1n(14, spi=b"\x11\x22\x33\x44"), v1n(30), v1n(31), v1n(8192), v1n(8195),
            v1n(16384), v1n(16385), v1n(24576, b"".join([battr(11, 1), vattr(12, b"\x00\x00\x70\x80")]),
                                         spi=b"\x01\x02\x03\x04"),
            v1n(24577, b"\x00\x00\x00\x01"), v1n(24577, b"\x00\x00\x00\x00"),
            v1n(24578, b"\xaa\xbb\xcc\xdd\xee\xff\x00\x11\x22\x33\x44\x55", spi=CKI + CKR, proto=1),
            v1n(24579), v1n(32768), v1n(40000, b"data"),
            v1n(14, doi=0, proto=3), v1n(16384, doi=7, proto=1, spi=b"\x99"), v1n(9000, doi=2),
            v1n(30000, doi=2), v1n(16390, doi=2),
            v1d([b"\x01\x02\x03\x04", b"\x05\x06\x07\x08"]), v1d([CKI + CKR], spilen=16, proto=1),
            v1d([b"\xaa\xbb"], spilen=2, doi=0, proto=9), v1d([], spilen=4, nspi=0),
            pay(6, b"\x04" + bytes(12)), pay(6, b"\x0b\x00"), pay(6, b"\x63"),
            pay(7, b"\x04\x30\x00"), pay(7, b"\x00"), pay(9, bytes(16)), pay(14, b"\x01"),
            pay(32, b"\x02"), pay(33, b"\x00"), pay(34, b"\x00\x01\x00\x00"), pay(46, b"\x00" * 8),
            pay(50, b"\x01\x02")], 5, msgid=0x0a0b0c0d, ick=CKI)
# an N with only a few bytes left in the capture (REPLAY-STATUS reads 4)
SHORTN = msg([v1n(24577, b"\x00\x00")], 5, msgid=0x0a0b0c0e)
# an attribute running past the transform; one past the notification
BADATTR = msg([v1sa([v1p(1, 1, [v1t(1, 1, [battr(1, 1), struct.pack(">HH", 12, 40) + b"\x00\x01"]),
                                v1t(2, 1, [battr(1, 1)])])])], 2, flags=0, ick=CKI)
BADATTR2 = msg([v1n(24576, struct.pack(">HH", 12, 40) + b"\x00\x01", proto=1)], 5, msgid=7)
# payload lengths: zero, four, past the message, past the capture
ZERO = msg([pay(10, b"", length=0), pay(13, b"x")], 2)
FOUR = msg([pay(8, bytes(4)), pay(13, b"", length=4), pay(13, b"y")], 2)
LONG = msg([pay(8, bytes(4)), pay(13, b"abcd", length=200)], 2)
MISMATCH = msg([pay(13, b"abcd")], 2, length=999)
ETYPES = [msg([pay(13, b"abcd")], e) for e in (0, 1, 3, 6, 31, 33, 37, 38, 200)]
FLAGS = [msg([pay(13, b"abcd")], 2, flags=f) for f in (2, 4, 0x80)]
NOCK = msg([pay(13, b"abcd")], 2, ick=bytes(8), rck=bytes(8))
UNKNOWNCK = msg([pay(13, b"abcd")], 2, ick=bytes.fromhex("e1e2e3e4e5e6e7e8"))
VERS = [msg([pay(13, b"abcd")], 2, ver=v) for v in (0x00, 0x31, 0xf5)]
SHORT = CKI + CKR + b"\x0d\x10\x02\x00\x00\x00"

# IKEv2
V2PROPS = [
    v2p(1, 1, [v2t(1, 12, [battr(14, 128)]), v2t(1, 12, [battr(14, 256)]), v2t(1, 20, [battr(14, 128)]),
               v2t(1, 3), v2t(2, 2), v2t(2, 5), v2t(2, 4), v2t(3, 2), v2t(3, 12), v2t(4, 14), v2t(4, 19),
               v2t(4, 2), v2t(5, 0), v2t(5, 1), v2t(5, 2), v2t(6, 1), v2t(0, 3),
               v2t(1, 12, [vattr(9, b"\x01\x02")]), v2t(3, 2, [battr(1, 1), vattr(2, b"\xff")])]),
    v2p(2, 3, [v2t(1, 12, [battr(14, 128)]), v2t(3, 12), v2t(5, 0)], spi=b"\xca\xfe\xba\xbe"),
    v2p(3, 2, [v2t(3, 2)], spi=b"\x00\x00\x00\x02"),
    v2p(4, 7, [v2t(7, 7)]),
]
INIT = msg([v2sa(V2PROPS), pay(34, struct.pack(">HH", 14, 0) + KEY), pay(40, NONCE),
            v2n(16388, bytes(20)), v2n(16389, bytes(range(20))),
            pay(43, b"strongSwan\x01\x02"), pay(43, b"\x40\x48\xb7\xd5\x6e\xbc\xe8\x85\x25\xe7\xde\x7f\x00\xd6\xc2\xd3"),
            pay(16, b"x", crit=0x80), v2n(16430, b"\x00\x02\x00\x03")], 34, flags=0x08,
           ick=bytes.fromhex("1111111111111111"), rck=bytes(8), ver=0x20)
INITR = msg([v2sa([V2PROPS[1]], crit=0x80), pay(34, struct.pack(">HH", 19, 0) + KEY[:32], crit=0x80),
             pay(40, NONCE[:16], crit=0x80), v2n(16390, bytes(16), crit=0x80),
             v2n(16390, bytes(range(40))), v2n(16390), v2n(14, spi=b"\x01\x02\x03\x04", proto=3),
             pay(38, b"\x04" + bytes(20))], 34, flags=0x20,
            ick=bytes.fromhex("1111111111111111"), rck=bytes.fromhex("2222222222222222"), ver=0x20)
NOTIFIES = [v2n(t, b"\x01\x02", spi=b"\xaa\xbb\xcc\xdd", proto=3) for t in (
    1, 4, 5, 7, 9, 11, 14, 17, 24, 34, 35, 36, 37, 39, 16384, 16385, 16386, 16387, 16388, 16389,
    16391, 16392, 16393, 16394, 16395, 2, 8192, 16000, 16396, 40959, 40960, 65535)]
AUTH = msg([v2id(35, 2, b"client.example.com"), v2id(36, 1, craftlib.addr4("10.50.0.2")),
            v2id(35, 3, b"user@example.com\x07"), v2id(36, 5, craftlib.addr6("2001:db8::2")),
            v2id(35, 9, b"\x30\x0a\x31\x08"), v2id(36, 10, b"\x30\x00"), v2id(35, 11, b"keyid"),
            v2id(36, 4, b"\x01\x02"), v2id(35, 2, b""),
            pay(37, b"\x04" + bytes(30)), pay(38, b"\x04" + bytes(20)),
            pay(39, struct.pack(">Bxxx", 2) + bytes(20)), pay(39, struct.pack(">Bxxx", 1) + bytes(8)),
            pay(39, struct.pack(">Bxxx", 3) + bytes(4)), pay(39, struct.pack(">Bxxx", 9) + bytes(3)),
            pay(39, struct.pack(">Bxxx", 0)),
            pay(47, b"\x01\x00\x00\x00\x00\x01\x00\x00"), pay(44, b"\x01\x00\x00\x00" + bytes(16)),
            pay(45, b"\x01\x00\x00\x00" + bytes(16)), pay(48, b"\x01\x01\x00\x05\x01"),
            pay(42, b"\x03\x04\x00\x01\xca\xfe\xba\xbe"), pay(49, b"z")] + NOTIFIES,
           35, flags=0x08, msgid=1, ick=bytes.fromhex("1111111111111111"),
           rck=bytes.fromhex("2222222222222222"), ver=0x20)
ENC = msg([pay(46, bytes(range(48)))], 35, flags=0x08, msgid=1, np=35, ver=0x20,
          ick=bytes.fromhex("1111111111111111"), rck=bytes.fromhex("2222222222222222"))
ENC2 = msg([pay(46, bytes(6), crit=0x80), pay(13, b"after")], 36, flags=0x20, msgid=2, ver=0x20)
ENCSHORT = msg([pay(46, bytes(48), length=100)], 37, flags=0x28, msgid=3, ver=0x20)
V2E = msg([pay(46, bytes(8))], 37, flags=0x09, msgid=4, ver=0x20)
V2FLAGS = [msg([pay(43, b"v")], e, flags=f, msgid=m, ver=0x20)
           for e, f, m in ((36, 0x10, 5), (37, 0x38, 0), (2, 0x00, 6), (40, 0x04, 7))]
CHILD = msg([v2sa([V2PROPS[1], V2PROPS[2]]), pay(40, NONCE[:16]), pay(34, struct.pack(">HH", 2, 0) + KEY[:16]),
             pay(44, b"\x01" + bytes(3)), pay(45, b"\x01" + bytes(3)), v2n(16393, spi=b"\x01\x02\x03\x04", proto=3)],
            36, flags=0x08, msgid=2, ver=0x20)
# malformed SAs and short payloads
BADSA = [
    msg([v2sa([v2p(1, 1, [v2t(1, 12)], length=4)])], 34, ver=0x20),
    msg([v2sa([v2p(1, 1, [v2t(1, 12)], length=40)]), pay(40, b"n")], 34, ver=0x20),
    msg([v2sa([v2p(1, 1, [v2t(1, 12, length=4)])]), pay(40, b"n")], 34, ver=0x20),
    msg([v2sa([v2p(1, 1, [v2t(1, 12, length=30)])]), pay(40, b"n")], 34, ver=0x20),
    msg([v2sa([v2p(1, 1, [v2t(1, 12, [battr(14, 128)])], spi=bytes(200))]), pay(40, b"n")], 34, ver=0x20),
    msg([v2sa([v2p(1, 1, [v2t(1, 12, [struct.pack(">HH", 14, 20)])])]), pay(40, b"n")], 34, ver=0x20),
    msg([v2sa([pay(5, bytes(8)), v2p(2, 1, [v2t(2, 2)])]), pay(40, b"n")], 34, ver=0x20),
    msg([v2sa([v2p(1, 1, [v2t(1, 12), pay(9, bytes(4))])]), pay(40, b"n")], 34, ver=0x20),
    msg([v2sa([v2p(1, 1, [v2t(1, 12)])], length=6), pay(40, b"n")], 34, ver=0x20),
    msg([pay(34, b"\x00\x0e\x00"), pay(39, b"\x02\x00"), pay(35, b"\x02\x00\x00"), pay(40, b"x")], 34, ver=0x20),
    msg([pay(34, b"\x00\x0e\x00\x00"), pay(40, b"")], 34, ver=0x20),
    msg([pay(33, b"\x00\x00\x00\x00\x01\x01\x00\x01")], 34, ver=0x20),
]
V2MISMATCH = msg([pay(40, b"abcd")], 34, length=5, ver=0x20)

MSGS = [
    ("4", INI, RSP, 500, 500, MM1), ("4", RSP, INI, 500, 500, MM2), ("4", INI, RSP, 500, 500, MM3),
    ("4", RSP, INI, 500, 500, MM4), ("4", OTHER, RSP, 500, 500, MM5), ("4", INI, RSP, 500, 500, MM6),
    ("4", INI, RSP, 500, 500, AGG), ("4", RSP, INI, 500, 500, IDMSG), ("4", INI, RSP, 500, 500, QUICK),
    ("4", INI, RSP, 500, 500, SITS), ("4", RSP, INI, 500, 500, INFO), ("4", INI, RSP, 500, 500, SHORTN),
    ("4", INI, RSP, 500, 500, BADATTR), ("4", INI, RSP, 500, 500, BADATTR2),
    ("4", INI, RSP, 500, 500, ZERO), ("4", INI, RSP, 500, 500, FOUR), ("4", INI, RSP, 500, 500, LONG),
    ("4", INI, RSP, 500, 500, MISMATCH),
] + [("4", INI, RSP, 500, 500, m) for m in ETYPES + FLAGS] + [
    ("4", INI, RSP, 500, 500, NOCK), ("4", RSP, INI, 500, 500, NOCK), ("4", INI, RSP, 500, 500, UNKNOWNCK),
] + [("4", INI, RSP, 500, 500, m) for m in VERS] + [
    ("4", INI, RSP, 500, 500, SHORT),
    ("4", INI, RSP, 500, 500, INIT), ("4", RSP, INI, 500, 500, INITR),
    ("4", INI, RSP, 4500, 4500, b"\x00\x00\x00\x00" + AUTH),
    ("4", INI, RSP, 4500, 4500, b"\x00\x00\x00\x00" + ENC),
    ("4", RSP, INI, 4500, 4500, b"\x00\x00\x00\x00" + ENC2),
    ("4", INI, RSP, 4500, 4500, b"\x00\x00\x00\x00" + ENCSHORT),
    ("4", INI, RSP, 4500, 4500, b"\x00\x00\x00\x00" + V2E),
    ("4", INI, RSP, 4500, 4500, b"\x00\x00\x00\x00" + SHORT),
    ("4", INI, RSP, 4500, 4500, b"\x00\x00\x00\x00"),
    ("4", INI, RSP, 4500, 4500, b"\x00\x00\x00\x00" + MM5),
    ("4", INI, RSP, 4500, 4500, b"\x00\x00\x00\x00" + MM1),
] + [("4", INI, RSP, 500, 500, m) for m in V2FLAGS] + [
    ("4", INI, RSP, 500, 500, CHILD),
] + [("4", INI, RSP, 500, 500, m) for m in BADSA] + [
    ("4", INI, RSP, 500, 500, V2MISMATCH),
    ("4", INI, RSP, 7500, 41000, MM1), ("4", RSP, INI, 41000, 8500, MM2),
    ("4", INI, RSP, 7500, 7500, INIT),
    ("6", INI6, RSP6, 500, 500, MM1V6), ("6", RSP6, INI6, 500, 500, MM2V6), ("6", INI, RSP, 500, 500, QUICK),
    ("6", INI6, RSP6, 500, 500, INIT), ("6", INI6, RSP6, 4500, 4500, b"\x00\x00\x00\x00" + AUTH),
    ("6", INI6, RSP6, 8500, 8500, IDMSG),
]


def main():
    frames = []
    for v, src, dst, sport, dport, payload in MSGS:
        if v == "6":
            src, dst = (INI6, RSP6) if src in (INI, INI6) else (RSP6, INI6)
            u = craftlib.udp(sport, dport, payload, src, dst)
            macs = (MINI, MRSP) if src == INI6 else (MRSP, MINI)
            frames.append(craftlib.ether(0x86DD, craftlib.ipv6(17, u, src, dst), *macs))
        else:
            u = craftlib.udp(sport, dport, payload, src, dst)
            macs = (MINI, MRSP) if src == INI else (MRSP, MINI)
            frames.append(craftlib.ether(0x0800, craftlib.ipv4(17, u, src, dst), *macs))
    # cut by the snapshot: inside a transform's attributes, inside an ID,
    # inside a nonce, inside the header, inside an IKEv2 proposal, notify
    # and encrypted payload
    base = 14 + 20 + 8
    for i, cut in ((0, base + 28 + 12 + 8 + 8 + 10), (0, base + 28 + 12 + 8 + 6), (2, base + 28 + 68 + 10),
                   (6, base + 28 + 40 + 68 + 36 + 22), (7, base + 28 + 9), (8, base + 28 + 24 + 20),
                   (10, base + 28 + 20 + 30), (10, base + 28 + 200), (0, base + 20),
                   (MSGS.index(("4", INI, RSP, 500, 500, INIT)), base + 28 + 4 + 8 + 40),
                   (MSGS.index(("4", INI, RSP, 500, 500, INIT)), base + 28 + 300),
                   (MSGS.index(("4", RSP, INI, 500, 500, INITR)), base + 28 + 120),
                   (MSGS.index(("4", INI, RSP, 4500, 4500, b"\x00\x00\x00\x00" + AUTH)), base + 4 + 28 + 150),
                   (MSGS.index(("4", INI, RSP, 4500, 4500, b"\x00\x00\x00\x00" + AUTH)), base + 4 + 28 + 251),
                   (MSGS.index(("4", INI, RSP, 4500, 4500, b"\x00\x00\x00\x00" + ENC)), base + 4 + 28 + 30),
                   (MSGS.index(("4", INI, RSP, 4500, 4500, b"\x00\x00\x00\x00" + ENC)), base + 2)):
        frames.append((frames[i], cut))
    craftlib.write_pcap(os.path.join(CAP, "isakmp-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
