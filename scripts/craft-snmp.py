#!/usr/bin/env python3
"""craft-snmp.py [CAPTURES_DIR] -- write captures/snmp-crafted.pcap (GENERATED).

SNMP over UDP ports 161 and 162 (RFC 1157, 3416, 3412, 3414) with the cases
tcpdump 4.99's print-snmp.c tells apart: v1, v2c and v3 messages; the
community "public" (not printed) and others (printable and binary);
GetRequest, GetNextRequest, GetResponse with error status and index (and
their inconsistent combinations), SetRequest, the v1 Trap (generic and
enterprise-specific, an unknown generic trap, a specific code where none
belongs), V2Trap, Inform, GetBulk, Report, and PDUs of the wrong version;
varbind values of every type tcpdump prints (INTEGER of 1 to 5 bytes,
negative; OCTET STRING printable, binary and empty; NULL; OIDs under the
abbreviated prefixes and others, with large sub-identifiers; IpAddress,
Counter32, Gauge32, TimeTicks, Opaque, Counter64, the exceptions); SNMPv3
with USM parameters, each msgFlags value and bad ones, another security
model, an encrypted scoped PDU; malformed BER (long-form and extended tags,
lengths past the message, unknown tags of every class, wrong types where
tcpdump expects others, extra bytes after a sequence); an empty payload;
one over IPv6; packets cut by the snapshot in the message and at its
first bytes. Deterministic; Python 3 standard library only.
Then: scripts/gen-goldens.sh snmp-crafted.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
MGR, AGENT = "10.16.1.10", "10.16.1.20"
M1, M2 = bytes.fromhex("021601000010"), bytes.fromhex("021601000020")


# ---- BER -------------------------------------------------------------------

def blen(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, content, length=None):
    return bytes([tag]) + (blen(len(content)) if length is None else length) + content


def seq(*parts):
    return tlv(0x30, b"".join(parts))


def integer(v, tag=0x02, size=None):
    n = size or max(1, (v + (v < 0)).bit_length() // 8 + 1)
    return tlv(tag, v.to_bytes(n, "big", signed=True))


def unsigned(v, tag, size=None):
    n = size or max(1, (v.bit_length() + 7) // 8)
    return tlv(tag, v.to_bytes(n, "big"))


def octets(s, tag=0x04):
    return tlv(tag, s)


NULL = b"\x05\x00"


def subid(n):
    out = [n & 0x7F]
    n >>= 7
    while n:
        out.append(0x80 | (n & 0x7F))
        n >>= 7
    return bytes(reversed(out))


def oid_bytes(text):
    a = [int(x) for x in text.split(".")]
    return subid(a[0] * 40 + a[1]) + b"".join(subid(x) for x in a[2:])


def oid(text):
    return tlv(0x06, oid_bytes(text))


def ipaddr(a):
    return tlv(0x40, craftlib.addr4(a))


def vb(name, value=NULL):
    return seq(oid(name) if isinstance(name, str) else name, value)


def vbl(*vbs):
    return seq(*vbs)


def pdu(tag, reqid, status, index, vbs):
    return tlv(0xA0 | tag, integer(reqid) + integer(status) + integer(index) + vbs)


def msg(version, community, body):
    return seq(integer(version), octets(community), body)


def trap(enterprise, agent, generic, specific, ticks, vbs):
    return tlv(0xA4, oid(enterprise) + ipaddr(agent) + integer(generic) + integer(specific)
               + unsigned(ticks, 0x43) + vbs)


def v3(flags, model, usm, scoped, msgid=0x1234, maxsize=65507):
    header = seq(integer(msgid), integer(maxsize), octets(flags), integer(model))
    return seq(integer(3), header, octets(usm), scoped)


def usm(engine, boots, time_, user, auth=b"", priv=b""):
    return seq(octets(engine), integer(boots), integer(time_), octets(user), octets(auth), octets(priv))


def scoped(engine, context, body):
    return seq(octets(engine), octets(context), body)


ENGINE = bytes.fromhex("80001f8880a1b2c3d4e5f60708")
SYS_DESCR = "1.3.6.1.2.1.1.1.0"
SYS_UPTIME = "1.3.6.1.2.1.1.3.0"
IF_DESCR = "1.3.6.1.2.1.2.2.1.2.1"


def values():
    """A GetResponse's varbinds: one value of every type."""
    return vbl(
        vb(SYS_DESCR, octets(b"Linux agent 5.10 #1 SMP")),
        vb("1.3.6.1.2.1.1.2.0", oid("1.3.6.1.4.1.8072.3.2.10")),
        vb(SYS_UPTIME, unsigned(123456789, 0x43)),
        vb("1.3.6.1.2.1.1.7.0", integer(72)),
        vb("1.3.6.1.2.1.2.2.1.5.1", unsigned(4294967295, 0x42)),
        vb("1.3.6.1.2.1.2.2.1.10.1", unsigned(305419896, 0x41)),
        vb("1.3.6.1.2.1.4.20.1.1.10.16.1.20", ipaddr("10.16.1.20")),
        vb("1.3.6.1.2.1.2.2.1.6.1", octets(bytes.fromhex("0016010000200a"))),
        vb("1.3.6.1.2.1.31.1.1.1.6.1", unsigned(18446744073709551615, 0x46)),
        vb("1.3.6.1.2.1.31.1.1.1.10.1", unsigned(0x123456789A, 0x46)),
        vb("1.3.6.1.4.1.2021.10.1.6.1", tlv(0x44, bytes.fromhex("9f78043f800000"))),
        vb("1.3.6.1.2.1.1.4.0", octets(b"")),
        vb("1.3.6.1.2.1.1.5.0", NULL),
        vb("1.3.6.1.2.1.1.8.0", integer(-5)),
        vb("1.3.6.1.2.1.1.9.0", integer(2147483647)),
        vb("1.3.6.1.2.1.1.10.0", integer(-2147483648)),
        vb("1.3.6.1.2.1.1.11.0", integer(0x123456789A)),
        vb("1.3.6.1.2.1.1.12.0", integer(200, size=3)),
        vb("1.3.6.1.2.1.1.13.0", integer(-1, size=6)),
        vb("1.3.6.1.3.42.1.0", unsigned(7, 0x47)),
        vb("1.3.6.1.6.3.1.1.4.1.0", oid("1.3.6.1.6.3.1.1.5.3")),
        vb("2.999.4294967295.16384.0", oid("0.0")),
        vb("1.3.6.1.2.1.99.1.0", tlv(0x80, b"")),
        vb("1.3.6.1.2.1.99.2.0", tlv(0x81, b"")),
        vb("1.3.6.1.2.1.99.3.0", tlv(0x82, b"")),
    )


def messages():
    """(sport, dport, payload) for every case."""
    get = lambda *names: vbl(*(vb(n) for n in names))  # noqa: E731
    m = []
    add = lambda payload, sport=40000, dport=161: m.append((sport, dport, payload))  # noqa: E731
    # v1 requests and responses
    add(msg(0, b"public", pdu(0, 1, 0, 0, get(SYS_DESCR))))
    add(msg(0, b"public", pdu(2, 1, 0, 0, vbl(vb(SYS_DESCR, octets(b"router one"))))), 161, 40000)
    add(msg(0, b"private", pdu(1, 2, 0, 0, get("1.3.6.1.2.1.2.2.1.2", "1.3.6.1.4.1.9.2.1.3", "1.3.6.1.3.1"))))
    add(msg(1, b"public", pdu(2, 3, 0, 0, values())), 161, 40000)
    add(msg(0, b"s3cr\x01t", pdu(3, 4, 0, 0, vbl(vb("1.3.6.1.2.1.1.6.0", octets(b"lab rack 4")),
                                                  vb("1.3.6.1.2.1.2.2.1.7.2", integer(2))))))
    add(msg(0, b"", pdu(2, 5, 1, 2, vbl(vb(IF_DESCR, NULL), vb(SYS_UPTIME, NULL)))), 161, 40000)
    add(msg(0, b"public", pdu(2, 6, 2, 0, get(IF_DESCR))), 161, 40000)
    add(msg(0, b"public", pdu(2, 7, 0, 3, get(IF_DESCR))), 161, 40000)
    add(msg(1, b"public", pdu(2, 8, 25, 1, get(IF_DESCR))), 161, 40000)
    add(msg(1, b"public", pdu(2, 9, -1, 1, get(IF_DESCR))), 161, 40000)
    add(msg(1, b"public", pdu(2, 10, 18, 1, get(IF_DESCR))), 161, 40000)
    # requests with what they should not carry
    add(msg(1, b"public", pdu(0, 11, 1, 1, vbl(vb(SYS_DESCR, integer(3))))))
    add(msg(1, b"public", pdu(3, 12, 99, 0, vbl(vb(SYS_DESCR, octets(b"x"))))))
    # traps, v1
    add(msg(0, b"public", trap("1.3.6.1.4.1.8072.3.2.10", "10.16.1.20", 2, 0, 4200,
                               vbl(vb("1.3.6.1.2.1.2.2.1.1.2", integer(2))))), 1025, 162)
    add(msg(0, b"traps", trap("1.3.6.1.4.1.9.1.1", "10.16.1.20", 6, 17, 99,
                              vbl(vb("1.3.6.1.4.1.9.9.41.1.2.3.1.5.1", octets(b"%LINK-3-UPDOWN"))))), 1025, 162)
    add(msg(0, b"public", trap("1.3.6.1.4.1.9.1.1", "10.16.1.20", 9, 3, 99, vbl())), 1025, 162)
    add(msg(0, b"public", trap("1.3.6.1.4.1.9.1.1", "10.16.1.20", 0, 3, 99, vbl())), 1025, 162)
    add(msg(0, b"public", trap("1.3.6.1.4.1.9.1.1", "10.16.1.20", -2, 0, 99, vbl())), 1025, 162)
    # v2c notifications, GetBulk, Report
    add(msg(1, b"public", pdu(7, 20, 0, 0, vbl(vb(SYS_UPTIME, unsigned(5000, 0x43)),
                                                vb("1.3.6.1.6.3.1.1.4.1.0", oid("1.3.6.1.6.3.1.1.5.4"))))), 1026, 162)
    add(msg(1, b"public", pdu(6, 21, 0, 0, vbl(vb(SYS_UPTIME, unsigned(5001, 0x43))))), 1026, 162)
    add(msg(1, b"public", pdu(5, 22, 0, 10, get("1.3.6.1.2.1.2.2.1.2", "1.3.6.1.2.1.2.2.1.10"))))
    add(msg(1, b"public", pdu(5, 23, 2, 0, get(SYS_DESCR))))
    add(msg(1, b"public", pdu(8, 24, 0, 0, vbl(vb("1.3.6.1.6.3.15.1.1.4.0", unsigned(3, 0x41))))), 161, 40000)
    add(msg(1, b"public", pdu(7, 25, 3, 4, vbl())), 1026, 162)
    # PDUs of the wrong version
    add(msg(0, b"public", pdu(5, 26, 0, 10, get(SYS_DESCR))))
    add(msg(0, b"public", pdu(6, 27, 0, 0, vbl())), 1026, 162)
    add(msg(1, b"public", trap("1.3.6.1.4.1.9.1.1", "10.16.1.20", 1, 0, 1, vbl())), 1025, 162)
    add(msg(2, b"public", pdu(0, 28, 0, 0, get(SYS_DESCR))))
    add(msg(5, b"public", pdu(0, 29, 0, 0, get(SYS_DESCR))))
    # v3
    add(v3(b"\x04", 3, usm(b"", 0, 0, b""),
           scoped(b"", b"", pdu(0, 30, 0, 0, vbl()))))
    add(v3(b"\x00", 3, usm(ENGINE, 7, 123456, b"bob"),
           scoped(ENGINE, b"", pdu(8, 30, 0, 0, vbl(vb("1.3.6.1.6.3.15.1.1.4.0", unsigned(12, 0x41)))))), 161, 40000)
    add(v3(b"\x05", 3, usm(ENGINE, 7, 123460, b"alice", auth=bytes(range(12))),
           scoped(ENGINE, b"ctx1", pdu(1, 31, 0, 0, get(IF_DESCR)))))
    add(v3(b"\x01", 3, usm(ENGINE, 7, 123461, b"alice", auth=bytes(12)),
           scoped(ENGINE, b"\x00\x01", pdu(2, 31, 0, 0, vbl(vb(IF_DESCR, octets(b"eth0")))))), 161, 40000)
    add(v3(b"\x07", 3, usm(ENGINE, 7, 123462, b"carol", auth=bytes(12), priv=bytes(range(8))),
           octets(bytes(range(0x20, 0x40)))))
    add(v3(b"\x03", 3, usm(ENGINE, 8, 1, b"dave", auth=bytes(12), priv=bytes(8)),
           octets(bytes(range(0x80, 0x90)))), 161, 40000)
    add(v3(b"\x02", 3, usm(ENGINE, 7, 1, b"eve"), scoped(ENGINE, b"", pdu(0, 32, 0, 0, vbl()))))
    add(v3(b"\x04\x00", 3, usm(ENGINE, 7, 1, b"eve"), scoped(ENGINE, b"", pdu(0, 33, 0, 0, vbl()))))
    add(v3(b"\x04", 2, usm(ENGINE, 7, 1, b"eve"), scoped(ENGINE, b"", pdu(0, 34, 0, 0, vbl()))))
    add(seq(integer(3), seq(integer(1), integer(1500), octets(b"\x04"), integer(3), integer(9)),
            octets(usm(ENGINE, 1, 2, b"x") + b"\x05\x00"), scoped(ENGINE, b"", pdu(0, 35, 0, 0, vbl()))))
    add(v3(b"\x04", 3, octets(b"notber"), scoped(ENGINE, b"", pdu(0, 36, 0, 0, vbl()))))
    add(v3(b"\x04", 3, usm(ENGINE, 7, 1, b"\x80\x81"), integer(5)))
    # malformed BER
    add(integer(5))
    add(msg(0, b"public", pdu(0, 40, 0, 0, get(SYS_DESCR))) + b"\x00\x00")
    add(tlv(0x30, integer(0) + octets(b"public"), length=b"\x40"))
    add(tlv(0x30, integer(0) + octets(b"public"), length=b"\x84\x00"))
    add(tlv(0x30, integer(0) + octets(b"public"), length=b"\x82\x00\x0b"))
    add(seq(octets(b"1"), octets(b"public")))
    add(seq(integer(0), integer(7)))
    add(seq(integer(0), octets(b"public"), integer(1)))
    add(seq(integer(0), octets(b"public")))
    add(seq(integer(0), octets(b"public"), pdu(0, 41, 0, 0, get(SYS_DESCR)) + b"\x05\x00"))
    add(seq(integer(0), octets(b"public"), tlv(0xA0, integer(42) + integer(0) + integer(0)
                                                    + get(SYS_DESCR) + NULL)))
    add(seq(integer(0), octets(b"public"), tlv(0xA0, octets(b"r") + integer(0) + integer(0) + vbl())))
    add(seq(integer(0), octets(b"public"), tlv(0xA0, integer(43) + NULL + integer(0) + vbl())))
    add(seq(integer(0), octets(b"public"), tlv(0xA0, integer(44) + integer(0) + oid("1.3") + vbl())))
    add(seq(integer(0), octets(b"public"), tlv(0xA0, integer(45) + integer(0) + integer(0) + NULL)))
    add(seq(integer(0), octets(b"public"), tlv(0xA0, integer(46) + integer(0) + integer(0)
                                                    + vbl(integer(1)))))
    add(seq(integer(0), octets(b"public"), tlv(0xA0, integer(47) + integer(0) + integer(0)
                                                    + vbl(seq(octets(b"n"), NULL)))))
    add(seq(integer(0), octets(b"public"), tlv(0xA0, integer(48) + integer(0) + integer(0)
                                                    + vbl(seq(oid("1.3.6.1"))))))
    add(msg(1, b"public", pdu(2, 49, 0, 0, vbl(
        vb("1.3.6.1.2.1.1.1.0", tlv(0x01, b"\xff")),
        vb("1.3.6.1.2.1.1.2.0", tlv(0x03, b"\x00\x01")),
        vb("1.3.6.1.2.1.1.3.0", tlv(0x10, b"\x02\x01\x00")),
        vb("1.3.6.1.2.1.1.4.0", tlv(0x31, integer(1))),
        vb("1.3.6.1.2.1.1.5.0", tlv(0x45, b"\x01")),
        vb("1.3.6.1.2.1.1.6.0", tlv(0x61, b"\x01")),
        vb("1.3.6.1.2.1.1.7.0", tlv(0xC0, b"\x01\x02")),
        vb("1.3.6.1.2.1.1.8.0", tlv(0xE0, b"\x01\x02")),
        vb("1.3.6.1.2.1.1.9.0", tlv(0x85, b"\x01")),
        vb("1.3.6.1.2.1.1.10.0", tlv(0xA3, b"")),
        vb("1.3.6.1.2.1.1.11.0", tlv(0x30, integer(1))),
        vb("1.3.6.1.2.1.1.12.0", tlv(0x40, b"\x0a\x00\x00\x01\x05")),
        vb("1.3.6.1.2.1.1.13.0", tlv(0x40, b"\x0a\x00")),
        vb("1.3.6.1.2.1.1.14.0", tlv(0x41, b"")),
    ))), 161, 40000)
    for bad in (b"\x14\x00", b"\xC1\x00", b"\x7f\x81\x00\x00", b"\x1f\x02\x00", b"\x02\x00", b"\x89\x00",
                b"\x1f\x81\x81\x81\x01\x00", b"\x1f\x8f\x7f\x00"):
        add(msg(1, b"public", pdu(2, 50, 0, 0, vbl(seq(oid(SYS_DESCR), bad)))), 161, 40000)
    for n, bad in enumerate((b"\x1f", b"\x1f\x81", b"\x04", b"\x04\x85\x00")):
        add(msg(1, b"public", pdu(2, 51 + n, 0, 0, vbl(seq(oid(SYS_DESCR) + bad), vb(SYS_UPTIME)))), 161, 40000)
    add(msg(1, b"public", pdu(2, 55, 0, 0, vbl(seq(oid(SYS_DESCR) + b"\x1f")))), 161, 40000)
    add(msg(1, b"public", pdu(2, 56, 0, 0, vbl(seq(tlv(0x06, b"\x2b\x06\x81"), NULL),
                                                seq(tlv(0x06, b""), NULL),
                                                seq(tlv(0x06, b"\x8f\xff\xff\xff\x7f\x01"), NULL),
                                                seq(tlv(0x06, b"\x2b\x06\x01\x04\x01\x81\x00"), NULL),
                                                seq(tlv(0x06, b"\x2b\x06\x01\x02\x01\x63\x02"), NULL)))), 161, 40000)
    add(b"")
    add(b"\x30")
    add(b"\x30\x00")
    return m


def main():
    frames = []
    for i, (sport, dport, payload) in enumerate(messages()):
        src, dst, sm, dm = (MGR, AGENT, M1, M2) if dport in (161, 162) else (AGENT, MGR, M2, M1)
        u = craftlib.udp(sport, dport, payload, src, dst)
        frames.append(craftlib.ether(0x0800, craftlib.ipv4(17, u, src, dst, ident=i), sm, dm))
    # over IPv6
    s6, d6 = "fd00:16::10", "fd00:16::20"
    u = craftlib.udp(40001, 161, msg(1, b"community6", pdu(0, 60, 0, 0, vbl(vb(SYS_DESCR)))), s6, d6)
    frames.append(craftlib.ether(0x86DD, craftlib.ipv6(17, u, s6, d6), M1, M2))
    # cut by the snapshot: the message's sequence not whole (an ND_TCHECK,
    # tcpdump's first check covers the whole message), then at its first
    # and second bytes (GET_U_1 reads)
    resp = frames[3]
    frames.append((resp, 14 + 20 + 8 + 60))
    for n in (0, 1, 13):
        frames.append((frames[0], 14 + 20 + 8 + n))
    craftlib.write_pcap(os.path.join(CAP, "snmp-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
