#!/usr/bin/env python3
"""craft-radius.py [CAPTURES_DIR] -- write captures/radius-crafted.pcap (GENERATED).

RADIUS over UDP (RFCs 2865, 2866, 5176 and their extensions) with the cases
tcpdump 4.99's print-radius.c tells apart: Access-Request, -Accept, -Reject
and -Challenge, Accounting-Request and -Response, Status-Server and -Client,
CoA and Disconnect requests, ACKs and NAKs, Reserved and an unknown code; on
every port udp_print gives RADIUS (1812, 1813, 1645, 1646, 1700 and 3799, to
and from; before HSRP's 1985), over IPv4 and IPv6. Attributes of each value
printer: text (NULs and unprintable bytes, tunnel tags, Tunnel-Password's
salt, Egress-VLAN-Name, a tag alone), numbers (named values, values past the
names, tunnel tags, timeouts in seconds, minutes and hours, the special
values), IPv4 and IPv6 addresses, IPv6 prefixes (short, whole, inconsistent,
too long), times, Vendor-Specific with several vendors' sub-attributes (and
bogus ones), EAP-Message, Message-Authenticator, the ARAP attributes,
Error-Cause, MIP6, Operator-Name, the location attributes; attributes with
no printer, unknown attribute numbers, wrong value lengths, a zero-length
and a one-byte attribute, one running past the packet, a RADIUS length
shorter and longer than the datagram and below the minimum; three packets
cut by the snapshot length (in a vendor sub-attribute, in a number, in the
authenticator). Deterministic; Python 3 standard library only.
Then: scripts/gen-goldens.sh radius-crafted.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
NAS, SRV = "10.18.12.2", "10.18.12.1"
NAS6, SRV6 = "fd00:1812::2", "fd00:1812::1"
MNAS, MSRV = bytes.fromhex("020000001802"), bytes.fromhex("020000001801")


def attr(t, v):
    return struct.pack(">BB", t, 2 + len(v)) + v


def u32(t, n):
    return attr(t, struct.pack(">I", n))


def ip(t, a):
    return attr(t, craftlib.addr4(a))


def tagged(t, tag, n):
    return attr(t, struct.pack(">B", tag) + n.to_bytes(3, "big"))


def vsa(vendor, subs):
    return attr(26, struct.pack(">I", vendor) + b"".join(struct.pack(">BB", st, 2 + len(sv)) + sv for st, sv in subs))


def ntp(sec, frac=0):
    return struct.pack(">II", sec, frac)


def eap(code, ident, body=b""):
    return struct.pack(">BBH", code, ident, 4 + len(body)) + body


def radius(code, ident, attrs=b"", auth=None, length=None):
    auth = bytes(range(ident, ident + 16)) if auth is None else auth
    body = b"".join(attrs) if isinstance(attrs, list) else attrs
    length = 20 + len(body) if length is None else length
    return struct.pack(">BBH", code, ident, length) + auth + body


AUTH = bytes.fromhex("5a3c1e7f00a1b2c3d4e5f60718293a4b")

ACCESS_REQUEST = radius(1, 0x2a, [
    attr(1, b"alice@example.net"),
    attr(2, bytes.fromhex("8f1c2a3b4c5d6e7f8091a2b3c4d5e6f7")),
    ip(4, NAS),
    u32(5, 17),
    u32(6, 2),
    u32(7, 1),
    attr(30, b"00-11-22-33-44-55:corp-wlan"),
    attr(31, b"66-77-88-99-AA-BB"),
    attr(32, b"ap-lobby\x01\x7f\xff"),
    u32(61, 19),
    u32(12, 1400),
    attr(77, b"CONNECT 54Mbps 802.11g"),
    attr(79, eap(2, 7, b"\x01alice@example.net")),
    attr(80, bytes.fromhex("3b9c7d00aa55e1f20304050607080910")),
], auth=AUTH)

ACCESS_CHALLENGE = radius(11, 0x2a, [
    attr(79, eap(1, 8, b"\x19\x20")),
    attr(24, b"state-0001\x00hidden"),
    u32(27, 30),
    attr(80, bytes(16)),
])

ACCESS_ACCEPT = radius(2, 0x2b, [
    ip(8, "255.255.255.254"),
    ip(9, "255.255.255.0"),
    u32(10, 3),
    u32(13, 1),
    attr(11, b"std.user"),
    attr(18, b"Welcome\r\nback"),
    u32(27, 7265),
    u32(28, 600),
    u32(29, 1),
    attr(25, b"class-\x80\x81"),
    vsa(311, [(16, bytes.fromhex("8a1b2c3d4e5f60718293a4b5c6d7e8f9")), (17, b"recv-key"), (7, b"\x00\x00\x00\x01")]),
    vsa(9, [(1, b"cisco-avpair=shell:priv-lvl=15"), (1, b"ip:inacl#1=permit ip any any")]),
    vsa(14122, [(5, b"hotspot")]),
    tagged(64, 1, 13),
    tagged(65, 0, 6),
    tagged(64, 2, 99),
    attr(81, b"\x01100"),
    attr(81, b"vlan200"),
    attr(81, b"\x00guest"),
    attr(69, b"\x05\x81\x23secret"),
    attr(69, b"\x25\x00\x01"),
    attr(69, b"\x01\x02"),
    attr(66, b"\x01"),
    attr(66, b"\x03192.0.2.7"),
    attr(67, b"\x00198.51.100.1"),
    attr(82, b"\x1fassign"),
    attr(90, b"client-auth"),
    attr(91, b"\x02server-auth"),
    attr(97, b"\x00\x40\x20\x01\x0d\xb8\x00\x01\x00\x02"),
    attr(97, b"\x00\x80" + bytes.fromhex("20010db8000000000000000000000001")),
    attr(123, b"\x00\x38\x20\x01\x0d\xb8\xab"),
    attr(123, b"\x00\x00"),
    attr(97, b"\x00\x81\x20\x01"),
    attr(97, b"\x00"),
    attr(97, b"\x00\x40" + bytes(17)),
    attr(95, craftlib.addr6("fd00:1812::2")),
    attr(98, craftlib.addr6("2001:db8::53")),
    attr(98, b"\x20\x01\x0d\xb8"),
    attr(99, b"2001:db8:1::/48 2001:db8::1 1"),
    attr(100, b"pool6"),
    ip(14, "255.255.255.255"),
    ip(14, "255.255.255.254"),
    ip(14, "192.0.2.80"),
    attr(14, b"\x0a\x00\x00"),
    u32(15, 8),
    u32(15, 9),
    u32(16, 23),
    u32(23, 0xFFFFFFFE),
    u32(23, 42),
    u32(37, 0),
    u32(37, 12),
    u32(38, 0),
    u32(38, 5),
    attr(39, b"zone-a"),
    attr(56, b"\x31\x00\x00\x64"),
    attr(56, b"\x32\x00\x0f\xff"),
    attr(56, b"\x07\x00\x00\x01"),
    attr(58, b"\x32guests"),
    attr(58, b"\x40other"),
    u32(57, 1),
    u32(57, 3),
    tagged(83, 2, 10),
    tagged(83, 0, 1),
    u32(76, 1),
    u32(72, 7),
    u32(6, 200),
    u32(6, 0),
    u32(61, 44),
    u32(75, 3),
    u32(62, 2),
    attr(5, b"\x00\x01"),
    attr(88, b"pool-a"),
    attr(89, b"cui-1234"),
    attr(92, b"in 10 ip from any to any"),
])

ACCESS_REJECT = radius(3, 0x2c, [
    attr(18, b"Authentication failed"),
    attr(79, eap(4, 9)),
    attr(79, eap(1, 10, b"\x0d\xa0\x00\x00\x00\x10")),
    attr(79, b"\x02\x0b\x00\x30\x01"),
    attr(80, bytes.fromhex("00ff00ff00ff00ff00ff00ff00ff00ff")),
])

ACCOUNTING_START = radius(4, 0x40, [
    u32(40, 1),
    u32(41, 0),
    attr(44, b"5F3A0001"),
    u32(45, 1),
    u32(55, 1700000000),
    attr(1, b"alice"),
    ip(4, NAS),
    u32(85, 300),
    u32(40, 7),
    u32(40, 99),
    u32(45, 4),
    u32(45, 5),
])

ACCOUNTING_STOP = radius(4, 0x41, [
    u32(40, 2),
    attr(44, b"5F3A0001"),
    attr(50, b"multi-77"),
    u32(51, 2),
    u32(42, 123456789),
    u32(43, 987654321),
    u32(47, 1234),
    u32(48, 4321),
    u32(52, 1),
    u32(53, 0),
    u32(46, 3725),
    u32(49, 1),
    u32(49, 23),
    u32(49, 24),
    u32(55, 0),
    u32(55, 0xFFFFFFFF),
    attr(55, b"\x00\x00\x00\x00\x00"),
    u32(86, 3),
    attr(68, b"conn-9"),
])

COA_REQUEST = radius(43, 0x50, [
    ip(4, NAS),
    attr(31, b"66-77-88-99-AA-BB"),
    attr(44, b"5F3A0001"),
    attr(11, b"new-filter"),
    u32(101, 201),
])

COA_NAK = radius(45, 0x50, [
    u32(101, 503),
    u32(101, 999),
    attr(101, b"\x00\x01"),
])

ARAP_AND_MORE = radius(1, 0x60, [
    attr(70, bytes(range(0xa0, 0xb0))),
    attr(70, b"short"),
    attr(71, b"\x01\x08" + bytes.fromhex("5e0f12345e1f00005e0f9999")),
    attr(71, b"\x00\x06" + bytes(12)),
    attr(71, b"\x00"),
    attr(84, bytes.fromhex("0123456789abcdef0011")),
    attr(84, b"\x01\x02"),
    attr(73, b"\x00\x00\x00\x01"),
    attr(74, b"arap-data"),
    attr(3, b"\x01" + bytes(16)),
    attr(60, b"challenge-bytes!"),
    attr(63, b"lat-port"),
    attr(33, b"proxy\x00state"),
    attr(34, b"lat-service"),
    attr(35, b"lat-node"),
    attr(36, b"\x00\x01lat-group"),
    attr(19, b"+15550100"),
    attr(20, b"cb-id"),
    attr(22, b"192.0.2.0/24 10.0.0.1 1"),
    attr(78, b"config-token"),
    attr(87, b"port 17"),
    attr(94, b"\x00\x00"),
    attr(96, bytes.fromhex("0211223344556677")),
    attr(102, b"key-name"),
    attr(59, b"\x31\x00\x00\x00\x01\x02\x03\x04"),
    attr(17, b"unassigned"),
    attr(21, b"unassigned"),
    attr(54, b"unassigned"),
    attr(93, b"unassigned"),
    attr(103, b"digest-response"),
    attr(104, b"realm"),
    attr(108, b"INVITE"),
    attr(109, b"sip:example.net"),
    attr(122, b"sip:alice@example.net"),
    attr(124, bytes.fromhex("0003c10000000003")),
    attr(124, b"\x00\x00\x00\x00"),
    attr(125, b"\x40" + craftlib.addr6("2001:db8:5::")),
    attr(125, b"\x90" + bytes(16)),
    attr(125, b"\x40\x20\x01"),
    attr(126, b"\x31example.net"),
    attr(126, b"\x39op\x01\xe9"),
    attr(126, b"\x30"),
    attr(127, b"\x00\x07\x00\x01" + ntp(3900000000, 0x80000000) + ntp(0, 0) + b"GPS\x01"),
    attr(127, b"\x00\x08\x05\x07" + ntp(0) + ntp(100) + b"x"),
    attr(127, b"\x00\x01\x00"),
    attr(128, b"\x00\x07US\x01\x02CA\x03\x0bSan Francisco and a longer one"),
    attr(128, b"\x00\x01"),
    attr(129, b"\x80\x01" + ntp(3900000000) + b"note"),
    attr(129, b"\x00\x00" + ntp(0)),
    attr(129, b"\x00\x00\x00"),
    attr(130, b"unknown-130"),
    attr(200, b"\x01\x02"),
    attr(0, b"zero"),
    attr(255, b""),
    attr(1, b""),
])

VENDOR_EDGES = radius(4, 0x70, [
    vsa(99999, [(1, b"x")]),
    attr(26, b"\x00\x00"),
    attr(1, b"after-short-vsa"),
    attr(26, struct.pack(">I", 3076) + b"\x01\x01abc"),
    attr(26, struct.pack(">I", 2636) + b"\x01\x09abc"),
    attr(26, struct.pack(">I", 10415) + b"\x01\x05abc\x07"),
    attr(26, struct.pack(">I", 0)),
    attr(26, struct.pack(">I", 35632) + b"\x01\x02"),
    attr(1, b"tail"),
])

ZERO_LENGTH = radius(1, 0x71, [attr(1, b"bob"), b"\x05\x00\x00\x00\x00\x11"])
ONE_LENGTH = radius(1, 0x72, [attr(1, b"bob"), b"\x1a\x01"])
PAST_END = radius(1, 0x73, [attr(1, b"bob"), b"\x20\x30abc"])
ODD_TAIL = radius(1, 0x74, [attr(1, b"bob"), b"\x01"])

# (sport, dport, payload) over IPv4 unless marked
MSGS = [
    (51000, 1812, ACCESS_REQUEST),
    (1812, 51000, ACCESS_CHALLENGE),
    (1812, 51000, ACCESS_ACCEPT),
    (1812, 51000, ACCESS_REJECT),
    (51001, 1813, ACCOUNTING_START),
    (1813, 51001, radius(5, 0x40)),
    (51002, 1646, ACCOUNTING_STOP),
    (1646, 51002, radius(5, 0x41)),
    (51003, 1645, radius(1, 0x45, [attr(1, b"old-port"), attr(2, bytes(16))])),
    (1645, 51003, radius(2, 0x45)),
    (51004, 3799, COA_REQUEST),
    (3799, 51004, radius(44, 0x50)),
    (3799, 51004, COA_NAK),
    (51005, 1700, radius(40, 0x51, [attr(1, b"alice"), attr(44, b"5F3A0001")])),
    (1700, 51005, radius(41, 0x51)),
    (1700, 51005, radius(42, 0x51, [u32(101, 503)])),
    (51006, 3799, radius(40, 0x52, [attr(1, b"carol")])),
    (51007, 1812, radius(12, 0x53, [attr(80, bytes(range(16)))])),
    (51007, 1813, radius(13, 0x54)),
    (51007, 1812, radius(99, 0x55, [attr(1, b"who")])),
    (51007, 1812, radius(255, 0x56)),
    (1812, 1985, radius(2, 0x57, [attr(18, b"not HSRP")])),
    (51008, 1812, ARAP_AND_MORE),
    (51009, 1813, VENDOR_EDGES),
    (51010, 1812, ZERO_LENGTH),
    (51010, 1812, ONE_LENGTH),
    (51010, 1812, PAST_END),
    (51010, 1812, ODD_TAIL),
    (51011, 1812, radius(1, 0x75, [attr(1, b"bob")], length=19)),
    (51011, 1812, radius(1, 0x76, [attr(1, b"bob"), attr(18, b"beyond")], length=25)),
    (51011, 1812, radius(1, 0x77, [attr(1, b"bob")], length=200)),
    (51011, 1812, radius(1, 0x78)[:15]),
    (51011, 1812, radius(1, 0x79, [attr(1, b"bob")])[:22]),
    ("6", 51012, 1812, radius(1, 0x7a, [attr(1, b"v6-user"), attr(95, craftlib.addr6(NAS6)), u32(61, 15)])),
    ("6", 1812, 51012, radius(2, 0x7a, [attr(97, b"\x00\x40\x20\x01\x0d\xb8\x00\x02\x00\x00\x00\x00")])),
]


def main():
    frames = []
    for m in MSGS:
        v6 = m[0] == "6"
        sport, dport, payload = m[1:] if v6 else m
        toserver = dport in (1812, 1813, 1645, 1646, 3799, 1700) and sport > 50000
        # CoA and Disconnect requests go from the server to the NAS
        coa = 3799 in (sport, dport) or 1700 in (sport, dport)
        src, dst = (NAS, SRV) if toserver != coa else (SRV, NAS)
        macs = (MNAS, MSRV) if src == NAS else (MSRV, MNAS)
        if v6:
            src, dst = (NAS6, SRV6) if toserver else (SRV6, NAS6)
            u = craftlib.udp(sport, dport, payload, src, dst)
            frames.append(craftlib.ether(0x86DD, craftlib.ipv6(17, u, src, dst), *macs))
        else:
            u = craftlib.udp(sport, dport, payload, src, dst)
            frames.append(craftlib.ether(0x0800, craftlib.ipv4(17, u, src, dst), *macs))
    # cut by the snapshot: inside the Access-Accept's Microsoft sub-attributes,
    # inside a number, and inside the authenticator
    acc = frames[2]
    off = 14 + 20 + 8 + 20
    cut = off + ACCESS_ACCEPT[20:].index(struct.pack(">I", 311)) + 8
    frames.append((acc, cut))
    frames.append((acc, off + 6 + 6 + 3))
    frames.append((frames[0], 14 + 20 + 8 + 10))
    craftlib.write_pcap(os.path.join(CAP, "radius-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
