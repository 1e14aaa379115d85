#!/usr/bin/env python3
"""craft-ospf.py [CAPTURES_DIR] -- write captures/ospf-crafted.pcap (GENERATED).

OSPF (IP protocol 89) as routers send it, with the cases tcpdump 4.99's
print-ospf.c and print-ospf6.c tell apart. OSPFv2: Hellos (no DR, a DR and
a backup, a neighbour list, the LLS block with extended options and an
MD5 TLV, simple-text and MD5 authentication, an unknown authentication
type, in a non-backbone area), Database Descriptions (flags, MTU, LSA
headers, an opaque one), LS-Requests (ordinary and opaque), LS-Updates with
every LSA body it decodes (router links of each type with per-topology
metrics and an unknown link type, network, summary, ASBR summary, external
and NSSA with forwarding address, tag and an infinite metric, multicast
group, traffic engineering: router address and a link's sub-TLVs of every
kind, graceful restart, router information, an unknown opaque type and an
unknown LSA type; bandwidths that are NaN or infinite), a bogus LSA length, an LS-Ack, an unknown packet type,
another version, an IP length that is not the OSPF one, and packets cut by
the snapshot. OSPFv3: a Hello and a Database Description over IPv6, and
an unknown type. Deterministic; Python 3 standard library only.
Then: scripts/gen-goldens.sh ospf-crafted.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
R1, R2, ALL = "10.89.0.1", "10.89.0.2", "224.0.0.5"
M1, M2 = bytes.fromhex("028900000001"), bytes.fromhex("028900000002")
MALL = bytes.fromhex("01005e000005")


def a(text):
    return bytes(int(x) for x in text.split("."))


def f32(v):
    return struct.pack(">f", v)


def ospf(ty, body, router="1.1.1.1", area="0.0.0.0", auth=0, authdata=b"\0" * 8, version=2, length=None, trailer=b""):
    """An OSPFv2 packet: the 24-byte header (checksum 0: tcpdump does not
    check it), BODY, then TRAILER (an MD5 digest, an LLS block) outside the
    length field."""
    n = 24 + len(body) if length is None else length
    return struct.pack(">BBH4s4sHH", version, ty, n, a(router), a(area), 0, auth) + authdata + body + trailer


def hello(mask, hello_int, options, prio, dead, dr, bdr, neighbours=()):
    return struct.pack(">4sHBBI4s4s", a(mask), hello_int, options, prio, dead, a(dr), a(bdr)) + b"".join(a(n) for n in neighbours)


def lsa_hdr(age, options, ty, lsid, router, seq, length):
    """A 20-byte LSA header; LSID is an address, or 4 raw bytes (opaque)."""
    lid = lsid if isinstance(lsid, bytes) else a(lsid)
    return struct.pack(">HBB4s4sIHH", age, options, ty, lid, a(router), seq, 0, length)


def lsa(ty, lsid, router, body, options=0x22, seq=0x80000001, age=1):
    return lsa_hdr(age, options, ty, lsid, router, seq, 20 + len(body)) + body


def tlv(t, v, pad=True):
    b = struct.pack(">HH", t, len(v)) + v
    return b + b"\0" * ((4 - len(v) % 4) % 4 if pad else 0)


def lls(tlvs):
    """The LLS data block: checksum, length in 32-bit words, TLVs."""
    return struct.pack(">HH", 0xFFF6, 1 + len(tlvs) // 4) + tlvs


def v3(ty, body, router="2.2.2.2", area="0.0.0.0", instance=0):
    return struct.pack(">BBH4s4sHBB", 3, ty, 16 + len(body), a(router), a(area), 0, instance, 0) + body


def main():
    v2 = []
    # Hellos
    v2.append(ospf(1, hello("255.255.255.0", 10, 0x02, 1, 40, "0.0.0.0", "0.0.0.0")))
    v2.append(ospf(1, hello("255.255.255.0", 10, 0x12, 1, 40, "10.89.0.1", "10.89.0.2", ["2.2.2.2", "3.3.3.3"]),
                   trailer=lls(tlv(1, struct.pack(">I", 3)) + tlv(2, bytes(range(20))))))
    v2.append(ospf(1, hello("255.255.255.252", 5, 0x52, 0, 20, "0.0.0.0", "10.89.0.9", ["4.4.4.4"]), area="0.0.0.7",
                   auth=1, authdata=b"pass\0\0\0\0"))
    v2.append(ospf(1, hello("255.255.0.0", 10, 0x02, 1, 40, "10.89.0.1", "0.0.0.0"), auth=2,
                   authdata=struct.pack(">HBBI", 0, 7, 16, 0x1234), trailer=bytes(range(16))))
    v2.append(ospf(1, hello("255.255.0.0", 10, 0x02, 1, 40, "10.89.0.1", "0.0.0.0"), auth=9, authdata=b"\xaa" * 8))
    v2.append(ospf(1, hello("255.255.255.0", 10, 0x12, 1, 40, "0.0.0.0", "0.0.0.0"),
                   trailer=lls(tlv(1, struct.pack(">I", 1)) + tlv(7, b"\x01\x02\x03\x04"))))
    # Database Descriptions
    hdrs = lsa_hdr(3, 0x22, 1, "1.1.1.1", "1.1.1.1", 0x80000010, 48) + lsa_hdr(600, 0x02, 2, "10.89.0.1", "1.1.1.1", 0x80000002, 32) \
        + lsa_hdr(5, 0x42, 10, bytes([1, 0, 0, 3]), "1.1.1.1", 0x80000001, 44)
    v2.append(ospf(2, struct.pack(">HBBI", 1500, 0x42, 0x07, 0x2000) + hdrs))
    v2.append(ospf(2, struct.pack(">HBBI", 0, 0x12, 0x00, 0x2001), trailer=lls(tlv(1, struct.pack(">I", 2)))))
    # LS-Requests
    v2.append(ospf(3, struct.pack(">I4s4s", 1, a("2.2.2.2"), a("2.2.2.2")) + struct.pack(">I4s4s", 11, bytes([4, 0, 1, 0]), a("2.2.2.2"))
                   + struct.pack(">I4s4s", 8, a("9.9.9.9"), a("2.2.2.2"))))
    # LS-Updates
    links = struct.pack(">4s4sBBH", a("2.2.2.2"), a("10.89.0.1"), 1, 1, 10) + struct.pack(">BxH", 1, 20) \
        + struct.pack(">4s4sBBH", a("10.89.0.1"), a("10.89.0.1"), 2, 0, 1) \
        + struct.pack(">4s4sBBH", a("192.168.5.0"), a("255.255.255.0"), 3, 0, 100) \
        + struct.pack(">4s4sBBH", a("5.5.5.5"), a("10.89.0.1"), 4, 2, 7) + struct.pack(">BxHBxH", 2, 30, 9, 40)
    router_lsa = lsa(1, "1.1.1.1", "1.1.1.1", struct.pack(">BxH", 0x13, 4) + links)
    network_lsa = lsa(2, "10.89.0.1", "1.1.1.1", a("255.255.255.0") + a("1.1.1.1") + a("2.2.2.2"))
    summary = lsa(3, "172.16.0.0", "1.1.1.1", a("255.255.0.0") + struct.pack(">II", 64, 0x01000020))
    asbr = lsa(4, "6.6.6.6", "1.1.1.1", a("0.0.0.0") + struct.pack(">I", 12))
    external = lsa(5, "0.0.0.0", "1.1.1.1", a("0.0.0.0") + struct.pack(">I4s4s", 0x80000001, a("10.89.0.254"), a("0.0.1.44"))
                   + struct.pack(">I4s4s", 0x02ffffff, a("0.0.0.0"), a("0.0.0.0")))
    nssa = lsa(7, "192.168.77.0", "1.1.1.1", a("255.255.255.0") + struct.pack(">I4s4s", 20, a("0.0.0.0"), a("0.0.0.0")), options=0x08)
    group = lsa(6, "224.1.1.1", "1.1.1.1", struct.pack(">I4sI4sI4s", 1, a("1.1.1.1"), 2, a("10.89.0.1"), 5, a("0.0.0.0")))
    v2.append(ospf(4, struct.pack(">I", 7) + router_lsa + network_lsa + summary + asbr + external + nssa + group))
    te_link = tlv(1, b"\x02", True) + tlv(2, a("2.2.2.2")) + tlv(3, a("10.89.0.1")) + tlv(4, a("10.89.0.2")) \
        + tlv(5, struct.pack(">I", 10)) + tlv(6, f32(125000000.0)) + tlv(7, f32(100000000.0)) \
        + tlv(8, b"".join(f32(12500000.0 * i) for i in range(8))) + tlv(9, struct.pack(">I", 0x0F)) \
        + tlv(11, struct.pack(">II", 7, 9)) + tlv(14, struct.pack(">BBH", 0x0A, 0, 0)) \
        + tlv(15, struct.pack(">BBH", 1, 2, 0) + b"".join(f32(1250000.0) for _ in range(8))) \
        + tlv(17, struct.pack(">Bxxx", 0) + f32(125000.0) + f32(250000.0)) + tlv(16, struct.pack(">II", 100, 200)) \
        + tlv(99, b"\x01\x02\x03")
    te = lsa(10, bytes([1, 0, 0, 1]), "1.1.1.1", tlv(1, a("1.1.1.1")) + tlv(2, te_link))
    grace = lsa(9, bytes([3, 0, 0, 0]), "1.1.1.1", tlv(1, struct.pack(">I", 120)) + tlv(2, b"\x01") + tlv(3, a("10.89.0.1")) + tlv(5, b"\xee\xee"))
    ri = lsa(10, bytes([4, 0, 0, 0]), "1.1.1.1", tlv(1, struct.pack(">I", 0x50)) + tlv(2, b"\x01\x02\x03\x04"))
    opaque_other = lsa(11, bytes([200, 0, 0, 9]), "1.1.1.1", b"\x11\x22\x33\x44")
    unknown_type = lsa(8, "8.8.8.8", "1.1.1.1", b"\x55\x66\x77\x88")
    v2.append(ospf(4, struct.pack(">I", 5) + te + grace + ri + opaque_other + unknown_type))
    te_bad = lsa(10, bytes([1, 0, 0, 2]), "1.1.1.1", tlv(2, tlv(9, b"\x01\x02")))
    unknown_link = lsa(1, "3.3.3.3", "3.3.3.3", struct.pack(">BxH", 0, 2) + struct.pack(">4s4sBBH", a("3.3.3.3"), a("3.3.3.3"), 9, 0, 1)
                       + struct.pack(">4s4sBBH", a("3.3.3.3"), a("3.3.3.3"), 3, 0, 1))
    v2.append(ospf(4, struct.pack(">I", 2) + te_bad + unknown_link))
    v2.append(ospf(4, struct.pack(">I", 1) + lsa_hdr(1, 0x02, 1, "1.1.1.1", "1.1.1.1", 0x80000003, 12)))
    # LS-Ack, unknown type, version 3 over IPv4, a length that is not the IP one
    v2.append(ospf(5, lsa_hdr(3, 0x22, 1, "1.1.1.1", "1.1.1.1", 0x80000010, 48) + lsa_hdr(3, 0x22, 2, "10.89.0.1", "1.1.1.1", 0x80000002, 32)))
    v2.append(ospf(9, b"\x00" * 4))
    v2.append(ospf(1, hello("255.255.255.0", 10, 0x02, 1, 40, "0.0.0.0", "0.0.0.0"), version=3))
    v2.append(ospf(1, hello("255.255.255.0", 10, 0x02, 1, 40, "0.0.0.0", "0.0.0.0", ["7.7.7.7"]), length=44))
    # bandwidths that are not numbers: C's `nan`, `-nan`, `inf`, `-inf`
    odd = tlv(6, struct.pack(">I", 0x7FC00000)) + tlv(7, struct.pack(">I", 0xFFC00000)) \
        + tlv(8, struct.pack(">8I", 0x7F800000, 0xFF800000, 0, 1, 0x7F800001, 0x3F800000, 0x4B189680, 0xC0000000))
    v2.append(ospf(4, struct.pack(">I", 1) + lsa(10, bytes([1, 0, 0, 3]), "1.1.1.1", tlv(2, odd))))

    frames = []
    for i, m in enumerate(v2):
        src, mac = (R1, M1) if i % 2 == 0 else (R2, M2)
        frames.append(craftlib.ether(0x0800, craftlib.ipv4(89, m, src, ALL, ttl=1, tos=0xc0), mac, MALL))
    # cut by the snapshot: a Hello's neighbour list, an LS-Update's LSA
    hello_full = frames[1]
    frames.append((hello_full, 14 + 20 + 24 + 20 + 6))
    lsu_full = frames[9]
    frames.append((lsu_full, 14 + 20 + 24 + 4 + 20 + 10))

    # OSPFv3 over IPv6
    S6, A6 = "fe80::1", "ff02::5"
    h3 = struct.pack(">IIBBHHH4s4s", 5, 0x01000013, 1, 0, 10, 40, 0, a("2.2.2.2"), a("0.0.0.0"))
    for m in (v3(1, h3), v3(2, struct.pack(">BBHHBB", 0, 0, 0x13, 1500, 0, 7) + struct.pack(">I", 0x100), area="0.0.0.1", instance=3),
              v3(8, b"\x00" * 4)):
        frames.append(craftlib.ether(0x86DD, craftlib.ipv6(89, m, S6, A6, hlim=1), M1, bytes.fromhex("333300000005")))
    craftlib.write_pcap(os.path.join(CAP, "ospf-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
