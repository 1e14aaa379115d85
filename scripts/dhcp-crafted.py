#!/usr/bin/env python3
"""dhcp-crafted.py OUT.pcap -- write captures/dhcp-crafted.pcap (GENERATED, not recorded).

BOOTP/DHCP messages over Ethernet/IPv4/UDP (correct checksums) with what real clients
and servers rarely send: every option print format of tcpdump's print-bootp.c (IP
addresses, address pairs, signed/unsigned 32-bit, 16-bit, booleans, bytes, text), the
special decoders (Client-ID, FQDN, Agent-Information, classless routes, User-Class,
NetBIOS node, overload) with malformed lengths, unknown tags, PAD/END runs, CMU and
unknown vendor areas, odd fixed fields, and packets cut short by the capture (caplen <
len) at each stage. One packet per case; timestamps count seconds from 1700000000.
Run by scripts/record-dhcp-captures.sh; needs only python3.
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CLIENT = bytes.fromhex("027900000001")
SERVER = bytes.fromhex("027900000002")
COOKIE = bytes([99, 130, 83, 99])


def frame(payload, src="10.79.0.2", dst="10.79.0.50", sport=67, dport=68, smac=SERVER, dmac=CLIENT):
    sa, da = craftlib.addr4(src), craftlib.addr4(dst)
    ip = craftlib.ipv4(17, craftlib.udp(sport, dport, payload, sa, da), sa, da, ident=0x1234)
    return craftlib.ether(0x0800, ip, smac, dmac)


def bootp(op=2, htype=1, hlen=6, hops=0, xid=0x1A2B3C4D, secs=0, flags=0, ciaddr="0.0.0.0",
          yiaddr="10.79.0.50", siaddr="0.0.0.0", giaddr="0.0.0.0", chaddr=CLIENT, sname=b"",
          file=b"", vend=COOKIE, opts=b""):
    ip4 = craftlib.addr4
    b = struct.pack("!BBBBIHH", op, htype, hlen, hops, xid, secs, flags)
    b += ip4(ciaddr) + ip4(yiaddr) + ip4(siaddr) + ip4(giaddr)
    b += chaddr.ljust(16, b"\0") + sname.ljust(64, b"\0")[:64] + file.ljust(128, b"\0")[:128]
    return b + vend + opts


def o(tag, data):
    return bytes([tag, len(data)]) + data


def ipb(*addrs):
    return b"".join(craftlib.addr4(a) for a in addrs)


END = b"\xff"
cases = []  # (frame bytes, caplen or None)


def add(payload, cut=None, **kw):
    f = frame(payload, **kw)
    cases.append((f, None if cut is None else 14 + 20 + 8 + cut))


req = dict(src="0.0.0.0", dst="255.255.255.255", sport=68, dport=67, smac=CLIENT, dmac=b"\xff" * 6)

# 1. Discover: PADs between options, a long parameter list with unknown tags,
#    Client-ID of type ether, vendor option bytes, END followed by PAD runs.
add(bootp(op=1, yiaddr="0.0.0.0", secs=3, flags=0x8000, opts=
          o(53, b"\x01") + b"\0\0\0" + o(61, b"\x01" + CLIENT) + o(50, ipb("10.79.0.55"))
          + o(55, bytes([1, 3, 6, 15, 28, 42, 121, 249, 252, 200, 0, 255, 77, 81])) + o(57, b"\x05\xdc")
          + o(43, b"\x01\x04abcd") + o(60, b"tcpscope-test") + o(12, b"ts\x01cl\xe9ent")
          + END + b"\0" * 5 + o(12, b"after-end") + END), **req)
# 2. Offer: every plain format, signed/unsigned, booleans, pairs, trailing data.
add(bootp(flags=0x0001, siaddr="10.79.0.2", opts=
          o(53, b"\x02") + o(54, ipb("10.79.0.2")) + o(51, struct.pack("!I", 3600))
          + o(58, struct.pack("!I", 1800)) + o(59, struct.pack("!I", 3150))
          + o(1, ipb("255.255.255.0")) + o(3, ipb("10.79.0.2", "10.79.0.1"))
          + o(6, ipb("10.79.0.2", "10.79.0.3", "10.79.0.4")) + o(2, struct.pack("!i", -3600))
          + o(91, struct.pack("!i", -1)) + o(24, struct.pack("!I", 4000000000))
          + o(25, struct.pack("!HHH", 68, 296, 1500)) + o(26, b"\x05\xdc")
          + o(19, b"\x00\x01\x02") + o(31, b"\x01") + o(23, b"\x40")
          + o(33, ipb("10.80.0.0", "10.79.0.2", "10.81.0.0", "10.79.0.3"))
          + o(21, ipb("10.82.0.0", "255.255.0.0")) + o(46, b"\x08") + o(46, b"\x03")
          + o(52, b"\x03") + o(52, b"\x07") + o(46, b"") + o(52, b"\x01\x02")
          + o(3, ipb("10.79.0.2") + b"\x01\x02") + o(13, b"\x00\x10\x00")
          + o(15, b"example.test") + o(66, b"boot.example.test") + o(67, b"pxelinux.0")
          + o(150, ipb("10.79.0.2", "10.79.0.9")) + o(161, b"https://mud.example.test/x")
          + o(116, b"\x00") + o(93, b"\x00\x07") + o(97, b"\x00" + bytes(range(16))) + END))
# 3. Unknown tags (format chosen from the length), odd DHCP-Message lengths and types.
add(bootp(opts=o(53, b"\x09") + o(200, b"\x01\x02\x03") + o(201, b"\x01\x02")
          + o(202, b"\x01\x02\x03\x04\x05\x06\x07\x08") + o(203, b"") + o(204, b"\x01\x02\x03\x04\x05\x06")
          + o(53, b"\x05\x05") + o(53, b"") + o(55, b"") + END))
for t in (3, 4, 5, 6, 7, 8, 10, 11, 12, 13):
    add(bootp(op=1 if t in (3, 4, 7, 8, 10) else 2, opts=o(53, bytes([t])) + END))
# 4. Request: FQDN flags, MBZ nibble, rcodes, short FQDN; Client-ID text, empty,
#    unknown hardware type; User-Class good and bad.
add(bootp(op=1, ciaddr="10.79.0.50", yiaddr="0.0.0.0", opts=
          o(53, b"\x03") + o(81, b"\x15\x01\x02tsclient.example.test") + o(81, b"\x00\x00\x00")
          + o(81, b"\x0f\x00\x00x") + o(81, b"\x01\x00") + o(61, b"\x00tcpscope") + o(61, b"")
          + o(61, b"\x63\xaa\xbb") + o(61, b"\x06\x00\x11") + o(61, b"\x17\x01")
          + o(77, b"\x04test\x0adhcpclient") + o(77, b"\x00\x01") + o(77, b"\x05ab") + o(77, b"\x01")
          + END), **req)
# 5. Relay: Agent-Information sub-options (known, unknown as hex, past the end),
#    classless static routes (default, /24, /32, errors), gateway address and hops.
add(bootp(hops=2, giaddr="10.79.9.1", opts=
          o(53, b"\x05") + o(82, b"\x01\x06eth0/1" + b"\x02\x03rid" + b"\x09\x13" + bytes(range(19))
                           + b"\x06\x04sub1" + b"\x01\x09short")
          + o(82, b"\x01\x01x\x05") + o(121, b"\x00" + ipb("10.79.0.2") + b"\x18\x0a\x50\x01" + ipb("10.79.0.3")
                                          + b"\x20" + ipb("10.81.1.1", "10.79.0.4") + b"\x0c\x0a\x50" + ipb("10.79.0.5"))
          + o(249, b"\x21\x01\x02\x03\x04\x05") + o(121, b"\x10\x0a\x50" + ipb("10.79.0.2") + b"\x18\x0a")
          + o(121, b"\x00\x01\x02\x03") + END))
# 6. Fixed fields: unknown op, token-ring htype/hlen, hops, secs, sname and file;
#    CMU vendor area; unknown vendor magic; empty vendor area.
cmu = b"CMU\0" + b"\x03\0\0\0" + ipb("255.255.255.0", "10.79.0.1", "10.79.0.2", "0.0.0.0",
                                        "10.79.0.3", "10.79.0.4", "0.0.0.0", "10.79.0.5") + b"\0" * 24
add(bootp(op=3, htype=6, hlen=16, hops=1, secs=65535, chaddr=bytes(range(1, 17)),
          sname=b"bootsrv", file=b"/tftpboot/pxelinux.0", vend=cmu))
add(bootp(op=1, htype=1, hlen=6, vend=b"CMU\0" + b"\0" * 60))
add(bootp(op=1, htype=1, hlen=8, vend=b"\x01\x02\x03\x04" + b"\0" * 60))
add(bootp(op=2, vend=b"\0" * 64, sname=b"s\x7fn\x80me"))
# 7. Cut by the capture (caplen < len) at each stage of the message.
full = bootp(op=1, yiaddr="0.0.0.0", sname=b"bootsrv", file=b"boot.img", opts=
             o(53, b"\x01") + o(12, b"tsclient") + o(55, bytes([1, 3, 6, 15])) + o(61, b"\x01" + CLIENT) + END)
for cut in (1, 3, 9, 20, 34, 50, 120, 236, 238, 240, 241, 242, 243, 250, 256, 262, 270):
    add(full, cut=cut, **req)
# sname/file without a NUL (the whole field is the name), whole capture
add(bootp(op=1, sname=b"S" * 64, opts=o(53, b"\x01") + END), **req)
add(bootp(op=1, file=b"F" * 128, opts=o(53, b"\x01") + END), **req)
# 8. Options whose length runs past the end of the packet; an option list with no END.
add(bootp(opts=o(53, b"\x02") + bytes([12, 40]) + b"short"))
add(bootp(opts=o(53, b"\x02") + bytes([82, 12, 1, 10]) + b"abc"))
add(bootp(opts=o(53, b"\x02") + o(1, ipb("255.255.255.0"))))
add(bootp(opts=o(53, b"\x02") + b"\x01"))

craftlib.write_pcap(sys.argv[1], craftlib.numbered(cases), snaplen=65535)
