#!/usr/bin/env python3
"""craft-bgp.py [CAPTURES_DIR] -- write captures/bgp-crafted.pcap (GENERATED,
not recorded).

What a route reflector in an MPLS VPN network sends and captures/bgp.pcap
(FRR, plain IPv4/IPv6 unicast) does not hold, one BGP message per TCP segment
from 10.16.0.1:179 to 10.16.0.2:40000, for the BGP printer's goldens (issue 16):

  - OPEN with multiprotocol capabilities for VPN, labeled and RT-constraint
    address families;
  - UPDATEs with ORIGIN, 2- and 4-byte AS_PATH, AS4_PATH, MED, LOCAL_PREF,
    ATOMIC_AGGREGATE, AGGREGATOR (6 and 8 bytes), AS4_AGGREGATOR,
    COMMUNITIES, ORIGINATOR_ID, CLUSTER_LIST, extended communities of every
    format tcpdump decodes (route target/origin in the three formats, OSPF
    domain/route type/router id, link bandwidth, layer-2 info, source AS,
    encapsulation, vrf route import, l2vpn id, an unknown type), PMSI
    tunnels, AIGP, ATTR_SET, an unknown attribute (73) and DPA (11);
  - MP_REACH/MP_UNREACH for labeled unicast (SAFI 4), labeled VPN unicast
    (SAFI 128, route distinguishers of types 0/1/2), route-target membership
    (SAFI 132), IPv6 variants, multicast VPN (SAFI 5, route types 1-7), MDT
    (66), L2VPN (AFI 196) and VPLS (25/65), CLNP (AFI 3), and an AFI/SAFI
    without a decoder (EVPN);
  - bad lengths: ORIGIN of 2 bytes, extended communities of 7, an attribute
    longer than the attributes, an illegal VPN prefix length, a label
    without its bottom-of-stack bit, and a message cut by the snapshot;
  - add-path (RFC 7911) path ids in withdrawn routes, NLRI, MP_REACH and
    MP_UNREACH, and prefix lists that end short (after the frames above).

FRR cannot be made to send most of these (no MVPN, MDT, L2VPN, AIGP or
ATTR_SET; VPN routes need MPLS in the kernel), so the bytes are built here
from RFC 4271/4360/4364/4684/4760/6514/7311/6368/7911 layouts.
Deterministic: byte-identical output on every run. Needs only python3.
"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import craftlib  # noqa: E402

MAC_A = bytes.fromhex("027700000161")
MAC_B = bytes.fromhex("027700000162")
SRC, DST = "10.16.0.1", "10.16.0.2"
MARKER = b"\xff" * 16


def msg(ty, body):
    return MARKER + struct.pack("!HB", 19 + len(body), ty) + body


def attr(ty, val, flags=None):
    if flags is None:
        flags = 0x40 if ty in (1, 2, 3, 5, 6) else 0xC0
    if len(val) > 255:
        flags |= 0x10
    if flags & 0x10:
        return struct.pack("!BBH", flags, ty, len(val)) + val
    return struct.pack("!BBB", flags, ty, len(val)) + val


def update(attrs, nlri=b"", withdrawn=b""):
    a = b"".join(attrs)
    return msg(2, struct.pack("!H", len(withdrawn)) + withdrawn + struct.pack("!H", len(a)) + a + nlri)


def ip4(a):
    return craftlib.addr4(a)


def ip6(a):
    return craftlib.addr6(a)


def rd0(asn, num):
    return struct.pack("!HHI", 0, asn, num)


def rd1(ip, num):
    return struct.pack("!H", 1) + ip4(ip) + struct.pack("!H", num)


def rd2(asn, num):
    return struct.pack("!HIH", 2, asn, num)


def label(v, bottom=True):
    x = (v << 4) | (1 if bottom else 0)
    return struct.pack("!I", x)[1:]


def pfx(a, plen, v6=False):
    b = (ip6(a) if v6 else ip4(a))[: (plen + 7) // 8]
    return b


def vpn_nlri(lbl, rd, a, plen, v6=False, bottom=True):
    return bytes([24 + 64 + plen]) + label(lbl, bottom) + rd + pfx(a, plen, v6)


def lab_nlri(lbl, a, plen, v6=False, bottom=True):
    return bytes([24 + plen]) + label(lbl, bottom) + pfx(a, plen, v6)


def mp_reach(afi, safi, nh, nlri):
    return attr(14, struct.pack("!HBB", afi, safi, len(nh)) + nh + b"\x00" + nlri, 0x80)


def mp_unreach(afi, safi, nlri):
    return attr(15, struct.pack("!HB", afi, safi) + nlri, 0x80)


def ec(ty, val6):
    return struct.pack("!H", ty) + val6


BASE = [attr(1, b"\x00"), attr(2, struct.pack("!BBII", 2, 2, 65000, 4200000001)), attr(5, struct.pack("!I", 100))]

msgs = []

# OPEN with the capabilities of a VPN route reflector
caps = b""
for afi, safi in ((1, 1), (1, 4), (1, 128), (2, 128), (1, 132), (1, 5), (196, 128)):
    caps += struct.pack("!BBHBB", 1, 4, afi, 0, safi)
caps += struct.pack("!BBI", 65, 4, 65000) + b"\x02\x00"
msgs.append(msg(1, struct.pack("!BHH", 4, 65000, 180) + ip4("10.16.0.1") + bytes([2 + len(caps), 2, len(caps)]) + caps))

# labeled VPN unicast IPv4 from a route reflector, every common attribute
ext = b"".join([
    ec(0x0002, struct.pack("!HI", 65000, 1)),
    ec(0x0102, ip4("10.0.0.1") + struct.pack("!H", 5)),
    ec(0x0202, struct.pack("!IH", 4200000001, 7)),
    ec(0x0003, struct.pack("!HI", 18826, 630)),
    ec(0x0103, ip4("10.0.0.2") + struct.pack("!H", 6)),
    ec(0x0203, struct.pack("!IH", 65536, 8)),
    ec(0x0005, ip4("0.0.0.9") + b"\x00\x00"),
    ec(0x0306, ip4("0.0.0.0") + b"\x05\x01"),
    ec(0x8000, ip4("0.0.0.1") + b"\x01\x00"),
    ec(0x0107, ip4("10.0.0.3") + b"\x00\x00"),
    ec(0x4004, struct.pack("!H", 65000) + struct.pack("!f", 125000000.0)),
    ec(0x800a, bytes([19, 0x05]) + struct.pack("!HH", 1500, 0)),
    ec(0x0009, struct.pack("!HI", 65000, 0)),
    ec(0x030c, b"\x00\x00\x00\x00\x00\x08"),
    ec(0x010b, ip4("10.0.0.4") + struct.pack("!H", 9)),
    ec(0x000a, struct.pack("!HI", 65000, 10)),
    ec(0x0600, bytes.fromhex("0102030405ff")),
])
msgs.append(update(BASE + [
    attr(4, struct.pack("!I", 20), 0x80),
    attr(6, b""),
    attr(7, struct.pack("!I", 4200000001) + ip4("10.0.0.1")),
    attr(8, struct.pack("!III", (65000 << 16) | 1, 0xFFFFFF01, (65000 << 16) | 2)),
    attr(9, ip4("10.16.0.9"), 0x80),
    attr(10, ip4("10.16.0.1") + ip4("10.16.0.254"), 0x80),
    attr(16, ext),
    mp_reach(1, 128, rd0(0, 0) + ip4("172.145.0.5"),
             vpn_nlri(1027, rd0(18826, 630), "10.1.0.0", 16)
             + vpn_nlri(16, rd1("10.0.0.1", 5), "192.168.7.0", 24)
             + vpn_nlri(3, rd2(4200000001, 9), "10.9.9.9", 32)
             + vpn_nlri(99, rd0(1, 2), "10.2.0.0", 15, bottom=False)),
]))

# labeled VPN unicast IPv6, and a withdrawal of each
msgs.append(update(BASE + [
    attr(16, ec(0x0002, struct.pack("!HI", 65000, 2))),
    mp_reach(2, 128, rd0(0, 0) + ip6("::ffff:172.145.0.5"),
             vpn_nlri(2001, rd0(65000, 100), "2001:db8:1::", 48, v6=True)
             + vpn_nlri(2002, rd1("10.0.0.1", 6), "2001:db8:2::1", 128, v6=True)),
]))
msgs.append(update([mp_unreach(1, 128, vpn_nlri(0x80000 >> 4, rd0(18826, 630), "10.1.0.0", 16)),
                    ]))
msgs.append(update([mp_unreach(2, 128, vpn_nlri(0, rd0(65000, 100), "2001:db8:1::", 48, v6=True))]))

# labeled unicast (RFC 3107/8277), IPv4 and IPv6 (global + link-local next hop)
msgs.append(update(BASE + [
    mp_reach(1, 4, ip4("10.16.0.1"),
             lab_nlri(24001, "10.77.0.0", 16) + lab_nlri(3, "10.77.1.1", 32) + lab_nlri(17, "10.77.2.0", 24, bottom=False)),
]))
msgs.append(update(BASE + [
    mp_reach(2, 4, ip6("2001:db8::1") + ip6("fe80::1"), lab_nlri(24002, "2001:db8:77::", 48, v6=True)),
]))
msgs.append(update([mp_unreach(1, 4, lab_nlri(0, "10.77.0.0", 16))]))

# route-target membership (RFC 4684)
rtc = (b"\x00"
       + bytes([96]) + struct.pack("!I", 65000) + ec(0x0002, struct.pack("!HI", 65000, 1))
       + bytes([96]) + struct.pack("!I", 65000) + ec(0x0102, ip4("10.0.0.1") + struct.pack("!H", 5))
       + bytes([96]) + struct.pack("!I", 4200000001) + ec(0x0202, struct.pack("!IH", 4200000001, 7))
       + bytes([80]) + struct.pack("!I", 65000) + ec(0x0002, struct.pack("!HI", 65000, 1))[:6]
       + bytes([40]) + struct.pack("!I", 65000) + b"\x00"
       + bytes([32]) + struct.pack("!I", 65001)
       + bytes([96]) + struct.pack("!I", 65000) + ec(0x0600, b"\x00\x00\x00\x00\x00\x01"))
msgs.append(update(BASE + [mp_reach(1, 132, ip4("10.16.0.1"), rtc)]))
msgs.append(update([mp_unreach(1, 132, bytes([16]) + b"\x00")]))

# 2-byte AS speaker: AS_PATH with a set, AS4_PATH, AGGREGATOR (6), AS4_AGGREGATOR
msgs.append(update([
    attr(1, b"\x02"),
    attr(2, struct.pack("!BBHH", 2, 2, 65001, 23456) + struct.pack("!BBHH", 1, 2, 100, 200)),
    attr(3, ip4("10.16.0.1")),
    attr(6, b""),
    attr(7, struct.pack("!H", 23456) + ip4("10.0.0.7")),
    attr(17, struct.pack("!BBII", 2, 2, 65001, 4200000005)),
    attr(18, struct.pack("!I", 4200000005) + ip4("10.0.0.7")),
], nlri=bytes([24]) + ip4("10.55.1.0")[:3]))

# multicast VPN (RFC 6514) with PMSI tunnels
mvpn = (bytes([1, 12]) + rd0(65000, 1) + ip4("10.16.0.1")
        + bytes([2, 12]) + rd0(65000, 1) + struct.pack("!I", 65000)
        + bytes([3, 22]) + rd0(65000, 1) + bytes([32]) + ip4("10.9.0.1") + bytes([32]) + ip4("232.1.1.1") + ip4("10.16.0.1")
        + bytes([4, 4]) + ip4("10.16.0.1")
        + bytes([5, 18]) + rd0(65000, 1) + bytes([32]) + ip4("10.9.0.1") + bytes([32]) + ip4("232.1.1.1")
        + bytes([6, 22]) + rd1("10.0.0.1", 1) + struct.pack("!I", 65000) + bytes([32]) + ip4("10.9.0.1") + bytes([32]) + ip4("239.1.1.1")
        + bytes([7, 22]) + rd2(4200000001, 1) + struct.pack("!I", 4200000001) + bytes([32]) + ip4("10.9.0.2") + bytes([32]) + ip4("232.1.1.2"))
msgs.append(update(BASE + [
    attr(22, struct.pack("!BB", 0, 6) + label(0, False) + ip4("10.16.0.1"), 0xC0),
    mp_reach(1, 5, ip4("10.16.0.1"), mvpn),
]))
msgs.append(update(BASE + [attr(22, struct.pack("!BB", 1, 3) + label(300, False) + ip4("10.16.0.1") + ip4("232.0.0.1"), 0xC0)]))
msgs.append(update(BASE + [attr(22, struct.pack("!BB", 0, 1) + label(0, False) + ip4("10.16.0.1") + struct.pack("!I", 0x1234), 0xC0)]))
msgs.append(update(BASE + [attr(22, struct.pack("!BB", 0, 2) + label(16, False) + ip4("10.16.0.1") + struct.pack("!I", 7), 0xC0)]))
msgs.append(update(BASE + [attr(22, struct.pack("!BB", 0, 4) + label(17, False) + ip4("10.16.0.1") + ip4("239.0.0.1"), 0xC0)]))
msgs.append(update(BASE + [attr(22, struct.pack("!BB", 0, 9) + label(18, False) + b"\x01\x02\x03", 0xC0)]))

# MDT (RFC 6037), L2VPN (auto-discovery and the old format with TLVs), VPLS
msgs.append(update(BASE + [mp_reach(1, 66, ip4("10.16.0.1"), bytes([128]) + rd0(65000, 3) + ip4("10.16.0.1") + ip4("239.192.0.1"))]))
l2_ad = struct.pack("!H", 12) + rd0(65000, 4) + ip4("10.16.0.1")
l2_old = rd0(65000, 5) + struct.pack("!HH", 1, 0) + label(800000)[:3] + bytes([1]) + struct.pack("!H", 12) + b"\xa5\x5a" + bytes([2, 0, 8]) + b"\x00"
l2_old = struct.pack("!H", len(l2_old)) + l2_old
msgs.append(update(BASE + [mp_reach(196, 128, ip4("10.16.0.1"), l2_ad + l2_old)]))
msgs.append(update(BASE + [mp_reach(25, 65, ip4("10.16.0.1"), l2_ad)]))

# tcpdump's 164-byte NLRI buffer: an MVPN source tree join with IPv6 source
# and group, and an L2VPN circuit status vector, both longer than it holds
big = (bytes([7, 46]) + rd2(4200000001, 65535) + struct.pack("!I", 4200000001)
       + bytes([128]) + ip6("2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff") + bytes([128]) + ip6("ff3e:db8:aaaa:bbbb:cccc:dddd:eeee:ffff"))
msgs.append(update(BASE + [mp_reach(1, 5, ip4("10.16.0.1"), big)]))
csv = rd0(65000, 6) + struct.pack("!HH", 2, 10) + label(800001)[:3] + bytes([1]) + struct.pack("!H", 800) + bytes(range(100))
msgs.append(update(BASE + [mp_reach(196, 128, ip4("10.16.0.1"), struct.pack("!H", len(csv)) + csv)]))

# CLNP (AFI 3), and EVPN, which tcpdump has no decoder for
msgs.append(update(BASE + [mp_reach(3, 1, bytes.fromhex("49000100000000000a00"), bytes([72]) + bytes.fromhex("490001000000000000"))]))
msgs.append(update(BASE + [mp_reach(25, 70, ip4("10.16.0.1"), bytes.fromhex("0211") + rd0(65000, 7) + bytes(9))]))

# AIGP, ATTR_SET, DPA (11), an unknown attribute (73)
msgs.append(update(BASE + [
    attr(26, bytes([1]) + struct.pack("!H", 11) + struct.pack("!Q", 1000), 0x80),
    attr(128, struct.pack("!I", 65000) + attr(1, b"\x00") + attr(2, struct.pack("!BBI", 2, 1, 65010)) + attr(8, struct.pack("!I", (65000 << 16) | 9)), 0xC0),
    attr(11, struct.pack("!HI", 65000, 1), 0xC0),
    attr(73, b"\xde\xad\xbe\xef", 0xC0),
], nlri=bytes([16]) + ip4("10.56.0.0")[:2]))

# bad lengths
msgs.append(update([attr(1, b"\x00\x00"), attr(16, b"\x00\x02\x00\x01\x00\x00\x00"), attr(9, b"\x01\x02"), attr(10, b"\x01\x02\x03")]))
msgs.append(update([mp_reach(1, 128, ip4("10.16.0.1"), bytes([80]) + b"\x00" * 11)]))
bad = attr(1, b"\x00") + b"\x40\x02\x09\x02"  # AS_PATH claims 9 bytes, 1 left
msgs.append(msg(2, struct.pack("!HH", 0, len(bad)) + bad))
msgs.append(update(BASE + [mp_reach(1, 4, ip4("10.16.0.1"), bytes([10]) + b"\x00\x00\x01")]))
msgs.append(update(BASE + [mp_unreach(1, 1, bytes([33]) + b"\x0a\x00\x00\x00\x00")]))


frames = []
seq = 1000
for m in msgs:
    t = craftlib.tcp(179, 40000, seq, 5000, 0x18, m, SRC, DST)
    frames.append(craftlib.ether(0x0800, craftlib.ipv4(6, t, SRC, DST, ident=0x1600, frag=0x4000), MAC_A, MAC_B))
    seq += len(m)
# an UPDATE cut by the snapshot length inside its MP_REACH
m = msgs[1]
t = craftlib.tcp(179, 40000, seq, 5000, 0x18, m, SRC, DST)
frames.append((craftlib.ether(0x0800, craftlib.ipv4(6, t, SRC, DST, ident=0x1600, frag=0x4000), MAC_A, MAC_B), 14 + 20 + 20 + 250))

# add-path (RFC 7911): a 4-byte path id before each prefix, which tcpdump
# guesses per section (check_add_path) and prints as `   Path Id: N`; then
# the ends of a prefix list that say `[|bgp]`: a prefix longer than its
# section, a path id with no prefix after it. Appended after the frames
# above so that their lines stay as they were.
def pid(n):
    return struct.pack("!I", n)


ap_w = pid(1) + bytes([24]) + ip4("10.60.1.0")[:3] + pid(2) + bytes([16]) + ip4("10.61.0.0")[:2]
ap_n = pid(7) + bytes([32]) + ip4("10.62.0.1") + pid(4000000000) + bytes([0]) + pid(3) + bytes([20]) + ip4("10.63.16.0")[:3]
NH = attr(3, ip4("10.16.0.1"))
ap_msgs = [
    update([], withdrawn=ap_w),
    update(BASE + [NH], nlri=ap_n),
    update(BASE + [mp_reach(2, 1, ip6("2001:db8::1"), pid(5) + bytes([64]) + ip6("2001:db8:64::")[:8] + pid(6) + bytes([48]) + ip6("2001:db8:48::")[:6])]),
    update([mp_unreach(1, 1, pid(9) + bytes([24]) + ip4("10.64.0.0")[:3] + pid(10) + bytes([8]) + ip4("10.0.0.0")[:1])]),
    # without add-path: a /24 with 2 bytes left, in the withdrawn routes and in the NLRI
    update([], withdrawn=bytes([24]) + ip4("10.65.0.0")[:2]),
    update(BASE + [NH], nlri=bytes([8]) + ip4("10.0.0.0")[:1] + bytes([24]) + ip4("10.66.0.0")[:2]),
    # NLRI whose last path id has no prefix after it (tcpdump checks that a
    # message is all captured before it prints it: a cut cannot get here)
    update(BASE + [NH], nlri=pid(11) + bytes([24]) + ip4("10.67.0.0")[:3] + pid(12)),
]
seq += len(msgs[1])
for m in ap_msgs:
    t = craftlib.tcp(179, 40000, seq, 5000, 0x18, m, SRC, DST)
    frames.append(craftlib.ether(0x0800, craftlib.ipv4(6, t, SRC, DST, ident=0x1600, frag=0x4000), MAC_A, MAC_B))
    seq += len(m)

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "captures")
craftlib.write_pcap(os.path.join(out, "bgp-crafted.pcap"), craftlib.numbered(frames))
