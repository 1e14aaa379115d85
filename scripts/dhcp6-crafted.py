#!/usr/bin/env python3
"""dhcp6-crafted.py OUT.pcap -- write captures/dhcp6-crafted.pcap (GENERATED, not recorded).

DHCPv6 messages over Ethernet/IPv6/UDP (correct checksums) with what the client, server
and relay of scripts/record-dhcp6-captures.sh never send: every message type (and an
unknown one), every option layout of tcpdump's print-dhcp6.c (DUIDs of each type,
authentication for delayed and reconfigure protocols, reconfigure messages, status
codes, address lists, domain lists with compression pointers and bad labels, NTP
sub-options, AFTR names, time zones, MUD URLs, leasequery options, remote and
subscriber IDs, unknown options) with short and odd lengths, sub-option lists
inside IA_NA/IA_TA/IA_PD/IA_PD-prefix/IA_ADDR/leasequery options, relay messages
nested two deep and relay messages too short for their header, options running past
the option holding them, past the UDP length and past the capture, one reply cut by
caplen at each stage, and DHCPv6 over IPv4. One packet per case; timestamps count
seconds from 1700000000. Run by scripts/record-dhcp6-captures.sh; needs only python3.
"""
import ipaddress
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402  (beside this script)

CLIENT = bytes.fromhex("027a00000001")
SERVER = bytes.fromhex("027a00000002")
C_LL = "fe80::7a:ff:fe00:1"
S_LL = "fe80::7a:ff:fe00:2"
ALL_SERVERS = "ff02::1:2"


def a6(s):
    return ipaddress.IPv6Address(s).packed


def udp(payload, sport, dport, pseudo_addrs, v6=True, ulen=None):
    ulen_field = 8 + len(payload) if ulen is None else ulen
    u = struct.pack("!HHHH", sport, dport, ulen_field, 0) + payload
    # the checksum covers the datagram as the UDP length gives it
    if v6:
        pseudo = pseudo_addrs + struct.pack("!IxxxB", ulen_field, 17)
    else:
        pseudo = pseudo_addrs + struct.pack("!BBH", 0, 17, ulen_field)
    c = craftlib.csum(pseudo + u[:ulen_field]) or 0xFFFF
    return u[:6] + struct.pack("!H", c) + u[8:]


def frame6(payload, src=C_LL, dst=ALL_SERVERS, sport=546, dport=547, smac=CLIENT,
           dmac=bytes.fromhex("333300010002"), ulen=None):
    sa, da = a6(src), a6(dst)
    u = udp(payload, sport, dport, sa + da, ulen=ulen)
    ip = struct.pack("!IHBB", 0x60000000, len(u), 17, 1 if dst.startswith("ff") else 64) + sa + da
    return dmac + smac + b"\x86\xdd" + ip + u


def frame4(payload, sport=546, dport=547):
    sa, da = bytes([10, 122, 0, 1]), bytes([10, 122, 0, 2])
    u = udp(payload, sport, dport, sa + da, v6=False)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(u), 0x4321, 0, 64, 17, 0, sa, da)
    ip = ip[:10] + struct.pack("!H", craftlib.csum(ip)) + ip[12:]
    return SERVER + CLIENT + b"\x08\x00" + ip + u


def o(code, data=b""):
    return struct.pack("!HH", code, len(data)) + data


def msg(mtype, *opts, xid=0x123456):
    return struct.pack("!I", (mtype << 24) | xid) + b"".join(opts)


def relay(mtype, link, peer, *opts, hops=0):
    return bytes([mtype, hops]) + a6(link) + a6(peer) + b"".join(opts)


def name(*labels):
    return b"".join(bytes([len(l)]) + l for l in labels) + b"\0"


def u32(*v):
    return struct.pack("!%dI" % len(v), *v)


CID = o(1, struct.pack("!HHI", 1, 1, 849651668) + CLIENT)
SID = o(2, struct.pack("!HHI", 1, 1, 849651666) + SERVER)
cases = []  # (frame bytes, caplen or None)


def add(payload, cut=None, v4=False, **kw):
    f = frame4(payload, **kw) if v4 else frame6(payload, **kw)
    hdr = 14 + (20 if v4 else 40) + 8
    cases.append((f, None if cut is None else hdr + cut))


reply = dict(src=S_LL, dst=C_LL, sport=547, dport=546, smac=SERVER, dmac=CLIENT)

# 1. every message type, an unknown one and type 0, with only the client ID
for t in list(range(1, 16)) + [0, 99]:
    if t in (12, 13):
        continue
    add(msg(t, CID, xid=0xABC000 + t))
# 2. DUIDs: LLT, LLT short, EN, EN short, LL, LL short, UUID (type 4), one byte
add(msg(1,
        o(1, struct.pack("!HHI", 1, 1, 7) + CLIENT),
        o(2, struct.pack("!HHH", 1, 1, 7)),
        o(1, struct.pack("!HI", 2, 9) + b"\x01\x02\x03\x04\x05\x06"),
        o(2, struct.pack("!HI", 2, 9) + b"\x01\x02\x03"),
        o(1, struct.pack("!HH", 3, 1) + CLIENT),
        o(2, struct.pack("!HB", 3, 1)),
        o(1, struct.pack("!H", 4) + bytes(range(16))),
        o(2, b"\x00"),
        o(1, struct.pack("!H", 3)),
        o(1)))
# 3. identity associations: IA_NA with addresses and a status, IA_TA, IA_PD with
#    prefixes (one with a sub-option), all of them too short
add(msg(7, CID, SID,
        o(3, u32(7, 1800, 2880) + o(5, a6("fd7a::100") + u32(3600, 7200))
          + o(5, a6("fd7a::101") + u32(0, 0) + o(13, b"\x00\x02no addrs"))
          + o(13, b"\x00\x00all good")),
        o(4, u32(8) + o(5, a6("fd7a::1:2") + u32(60, 120))),
        o(25, u32(9, 100, 200) + o(26, u32(300, 400) + b"\x38" + a6("fd7d:1::"))
          + o(26, u32(500, 600) + b"\x40" + a6("fd7d:2::") + o(13, b"\x00\x06"))),
        o(3, u32(1, 2)), o(4, b"\x00\x01"), o(25, u32(1)), o(5, a6("fd7a::1")),
        o(26, u32(1, 2) + b"\x30" + a6("fd7d::")[:15]), o(3, u32(1, 2, 3))), **reply)
# 4. option request and echo request: names, unknown codes, odd lengths
add(msg(11, CID, o(6, struct.pack("!8H", 23, 24, 31, 56, 64, 82, 112, 0)), o(6, b"\x00\x17\x00"),
        o(43, struct.pack("!3H", 18, 37, 38)), o(43, b"\x01"), o(6)))
# 5. preference, elapsed time, lifetime, client time, with bad lengths
add(msg(2, CID, SID, o(7, b"\x07"), o(7, b"\x07\x08"), o(7), o(8, b"\xff\xff"), o(8, b"\x01"),
        o(32, u32(86400)), o(32, b"\x00\x01"), o(46, u32(42)), o(46, u32(1, 2))), **reply)
# 6. authentication: delayed with realm, key and HMAC; delayed without info; delayed
#    short; reconfigure key / HMAC-MD5 / unknown type; reconfigure bad length; other
#    protocol, algorithm and RDM; too short
rd = struct.pack("!Q", 0x0102030405060708)
add(msg(3, CID, SID,
        o(11, b"\x02\x01\x00" + rd + b"realm" + u32(0xdeadbeef) + bytes(range(16))),
        o(11, b"\x02\x01\x00" + rd),
        o(11, b"\x02\x01\x00" + rd + b"short"),
        o(11, b"\x02\x01\x00" + rd + u32(0x11) + bytes(range(16, 32)))))
add(msg(10, SID, CID, o(19, b"\x05"),
        o(11, b"\x03\x01\x00" + rd + b"\x01" + bytes(range(16))),
        o(11, b"\x03\x01\x00" + rd + b"\x02" + bytes(range(16, 32))),
        o(11, b"\x03\x01\x00" + rd + b"\x07" + bytes(range(32, 48))),
        o(11, b"\x03\x01\x00" + rd + b"\x01\x02"),
        o(11, b"\x07\x02\x05" + rd + b"xyz"),
        o(11, b"\x02\x01\x00" + rd[:7])), **reply)
# 7. reconfigure messages: for inf-req, another type, bad lengths; reconfigure-accept,
#    rapid commit, server unicast and the options printed by name only
add(msg(10, SID, CID, o(19, b"\x0b"), o(19, b"\x07"), o(19, b"\x05\x05"), o(19), o(20), o(14),
        o(12, a6("fd7a::2")), o(15, b"\x00\x04user"), o(16, u32(311) + b"\x00\x03abc"),
        o(17, u32(311) + o(1, b"x")), o(36, b"\x00US"), o(39, b"\x01" + name(b"host", b"test")),
        o(29, name(b"nis", b"test")), o(33, name(b"bc", b"test")), o(200, b"\xff"), o(0)), **reply)
# 8. interface-ID and subscriber-ID (at most 10 bytes shown), remote-ID, short remote-ID
add(relay(12, "fd7b::1", C_LL, o(18, b"eth0"), o(18, b"a-long-interface-name"), o(18),
          o(38, b"subscriber-0001"), o(37, u32(3561) + b"remote-id-0123456789"),
          o(37, u32(3561)), o(37, b"\x00\x01"), o(9, msg(1, CID))),
    src="fd7b::1", dst="fd7c::2", sport=547, dport=547)
# 9. address lists: every option of that layout, one of a bad length
add(msg(7, CID, SID, o(22, a6("fd7a::5")), o(23, a6("fd7a::2") + a6("2001:db8::53")),
        o(31, a6("fd7a::7")), o(27, a6("fd7a::8")), o(28, a6("fd7a::9")), o(34, a6("fd7a::a")),
        o(40, a6("fd7a::b") + a6("fd7a::c")), o(48, a6("fd7b::1")), o(23, a6("fd7a::2")[:8]),
        o(23)), **reply)
# 10. domain lists: two names, the root, a compression pointer (relative to the option's
#     end, as tcpdump takes it), a bad label type, an unknown extended label, a bit label
add(msg(7, CID, SID, o(24, name(b"example", b"test") + name(b"lab", b"example", b"test")),
        o(21, b"\0"), o(24, b"\x03abc\xc0\x00") + o(64, name(b"aftr", b"example")),
        o(24, name(b"ok") + b"\x81xx\0"), o(21, b"\x42\x00"),
        o(24, b"\x41\x08\xab\x00")), **reply)
# 11. a domain name whose last label runs past the capture
add(msg(7, CID, o(24, b"\x07example\x30abc")), **reply)
# 12. status codes: each named one, an unnamed one, one above 255, too short
add(msg(7, CID, SID, *[o(13, struct.pack("!H", c) + b"msg") for c in list(range(11)) + [50, 300]],
        o(13, b"\x00")), **reply)
# 13. leasequery: by address with an IA_ADDR, by client ID, an unknown query type,
#     too short; the reply's client data (empty and with options), relay data, client link
add(msg(14, CID, o(44, b"\x01" + a6("fd7a::100") + o(5, a6("fd7a::100") + u32(0, 0))),
        o(44, b"\x02" + a6("::") + CID), o(44, b"\x09" + a6("fd7a::1")), o(44, b"\x01" + a6("::")[:8])))
add(msg(15, SID, CID, o(45), o(45, CID + o(5, a6("fd7a::100") + u32(10, 20)) + o(46, u32(99))),
        o(47, a6("fd7b::1") + relay(12, "fd7b::1", C_LL)), o(47, a6("fd7b::1")), o(47, b"\x01"),
        o(48, a6("fd7b::1") + a6("fd7b::2")), o(48, b"\x01\x02")), **reply)
# 14. NTP server: server address, multicast address, FQDN, a bad address length, an
#     unknown sub-option, too short; then one whose sub-option runs past the option
add(msg(7, CID, SID,
        o(56, o(1, a6("fd7a::2")) + o(2, a6("ff05::101")) + o(3, name(b"ntp", b"example", b"test"))
          + o(1, a6("fd7a::2")[:4]) + o(9, b"xy")),
        o(56, b"\x00\x01"), o(23, a6("fd7a::2"))), **reply)
add(msg(7, CID, o(56, b"\x00\x01\x00\x20" + a6("fd7a::2")), o(23, a6("fd7a::2"))), **reply)
# 15. AFTR name, too short, a label longer than the rest; time zones and MUD URL, with a
#     NUL inside and non-ASCII bytes, too short
add(msg(7, CID, SID, o(64, name(b"aftr", b"example", b"test")), o(64, b"\x01a"),
        o(64, b"\x04ab\0"), o(64, b"\x02ab\x09abc\0"),
        o(41, b"EST5EDT,M3.2.0,M11.1.0"), o(42, b"Europe/Z\xfcrich"), o(42, b"UTC"),
        o(112, b"https://mud.example.test/dev\0ignored"), o(112, b"http")), **reply)
# 16. relay messages: relay-fwd in relay-fwd around a solicit (with a hop count), the
#     relay-reply chain back with a reconfigure inside
inner = relay(12, "fd7b::1", C_LL, o(18, b"vgr0"), o(9, msg(1, CID, o(8, b"\0\0"))))
add(relay(12, "fd7c::1", "fd7b::1", o(9, inner), o(37, u32(9) + b"r1"), hops=1),
    src="fd7c::1", dst="fd7c::2", sport=547, dport=547)
inner = relay(13, "fd7b::1", C_LL, o(9, msg(10, SID, CID, o(19, b"\x05"),
                                              o(11, b"\x03\x01\x00" + rd + b"\x01" + bytes(16)))),
              o(18, b"vgr0"))
add(relay(13, "fd7c::1", "fd7b::1", o(9, inner), hops=1),
    src="fd7c::2", dst="fd7c::1", sport=547, dport=547, smac=SERVER, dmac=CLIENT)
# 17. relay-message options too short: no message type and xid, a relay header cut
#     inside its peer address (tcpdump stops there), an empty one
add(relay(13, "fd7b::1", C_LL, o(9, b"\x07\x00"), o(18, b"x")),
    src="fd7c::2", dst="fd7c::1", sport=547, dport=547)
add(relay(13, "fd7b::1", C_LL, o(9, relay(12, "fd7b::1", C_LL)[:20]), o(18, b"x")),
    src="fd7c::2", dst="fd7c::1", sport=547, dport=547)
add(relay(12, "fd7b::1", C_LL, o(9), o(9, msg(1))), src="fd7b::1", dst="fd7c::2", sport=547, dport=547)
# 18. relay messages with no options and with too few bytes for the header
add(relay(12, "fd7b::1", C_LL), src="fd7b::1", dst="fd7c::2", sport=547, dport=547)
add(relay(12, "fd7b::1", C_LL)[:26], src="fd7b::1", dst="fd7c::2", sport=547, dport=547)
# 19. option lists that end badly: 3 bytes left, a length past the message, a sub-option
#     past the IA_NA holding it (the list of the message goes on), past IA_ADDR's
add(msg(1, CID, b"\x00\x08\x00"))
add(msg(1, CID, o(8, b"\0\0")[:5] + b"\0\x10"))
add(msg(7, CID, o(3, u32(1, 2, 3) + b"\x00\x05\x00\x40" + bytes(8)), o(14),
        o(3, u32(4, 5, 6) + o(5, a6("fd7a::1") + u32(1, 2) + b"\x00\x0d\x00")), o(20)), **reply)
# 20. the UDP length shorter than the IPv6 payload: options after it are not shown
add(msg(7, CID, SID, o(14)), ulen=8 + 4 + len(CID), **reply)
# 21. sixty IA_TA lists nested in each other, an IA_NA at the bottom
deep = o(3, u32(1, 2, 3))
for i in range(60):
    deep = o(4, u32(i) + deep)
add(msg(7, CID, deep), **reply)
# 22. DHCPv6 over IPv4, and from port 546 to another port
add(msg(1, CID, o(8, b"\0\x05")), v4=True)
add(msg(7, CID, o(13, b"\0\0")), sport=546, dport=40000, src=C_LL, dst=S_LL, smac=CLIENT, dmac=SERVER)
# 23. one advertise cut by the capture at each stage: in the UDP header, before the
#     type, in the xid, in an option header, in a client ID, inside IA_NA's IA_ADDR,
#     in the DNS list, at the last byte
adv = msg(2, CID, SID, o(3, u32(1, 2, 3) + o(5, a6("fd7a::100") + u32(3600, 7200))),
          o(23, a6("fd7a::2") + a6("fd7a::3")), o(24, name(b"example", b"test")))
for cut in (-4, 0, 2, 5, 10, 30, 60, 80, 110, 130, len(adv) - 1):
    add(adv, cut=cut, **reply)
rel = relay(13, "fd7b::1", C_LL, o(9, adv))
for cut in (1, 10, 30, 40, 60, 120):
    add(rel, cut=cut, src="fd7c::2", dst="fd7c::1", sport=547, dport=547)

out = sys.argv[1]
craftlib.write_pcap(out, [craftlib.record(1700000000 + i, 0, fr, cap) for i, (fr, cap) in enumerate(cases)])
print(f"dhcp6-crafted.py: {len(cases)} packets in {out}", file=sys.stderr)
