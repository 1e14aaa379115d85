#!/usr/bin/env python3
"""craft-pim.py [CAPTURES_DIR] -- write captures/pim-crafted.pcap (GENERATED).

PIM with the cases tcpdump 4.99's print-pim.c tells apart. PIMv2 (IP
protocol 103) over IPv4 and IPv6: Hellos with every option (hold time, LAN
prune delay with and without the T bit, DR priority and its old number,
the old bidirectional capability, generation ID, state refresh capability
with and without interval and reserved bits, bidirectional capability,
address lists new and old in both families, unknown options), each
option's wrong length, an option longer than the message, a stray tail,
a bad address in an address list; good, bad and absent checksums (over
IPv6 with the pseudo-header); Registers (Border, Null, other flags) with
an IPv4 and an IPv6 packet inside, a null header, another IP version, the
checksum over the header only or over the whole message, no inner packet,
too short; Register-Stop; Join/Prune with several groups, joined and
pruned sources with every flag, an infinite holdtime, IPv6 addresses;
Graft and Graft-ACK; Bootstrap with groups and RPs; Assert (RPT bit);
Candidate-RP-Advertisement; State Refresh; DF Election's four subtypes and
an unknown one; ECMP Redirect and unknown types; RFC 2117's address
length in the header (4, 16, and an unusable 5); unknown address families
and encodings; messages shorter than 2 and 4 bytes; PIM versions 1 and 3.
PIMv1 inside IGMP (type 0x14): Query in each mode, Register, Register-Stop,
RP-reachable, Assert, Join/Prune in its one-line and its long form, Graft,
Graft-ACK, an unknown type, another version, short messages. Cisco Auto-RP
(UDP 496): candidate advertisements and mappings with negative, bidir and
reserved bits, an unknown type, hold 0, too short. And packets cut by the
snapshot. Deterministic; Python 3 standard library only.
Then: scripts/gen-goldens.sh pim-crafted.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
R1, R2, ALLPIM, ALLRTR = "10.103.0.1", "10.103.0.2", "224.0.0.13", "224.0.0.2"
S6, D6 = "fe80::103:1", "ff02::d"
M1 = bytes.fromhex("02000000a301")
MALL = bytes.fromhex("01005e00000d")
M6 = bytes.fromhex("33330000000d")
a4, a6 = craftlib.addr4, craftlib.addr6


def fam(a):
    return 2 if ":" in a else 1


def eu(a):
    """An encoded unicast address."""
    return struct.pack(">BB", fam(a), 0) + craftlib.addr(a)


def eg(a, mask=None, flags=0):
    """An encoded group address (or source, FLAGS being S/W/R)."""
    if mask is None:
        mask = 128 if ":" in a else 32
    return struct.pack(">BBBB", fam(a), 0, flags, mask) + craftlib.addr(a)


def opt(t, v):
    return struct.pack(">HH", t, len(v)) + v


def pim(ty, body, rsv=0, ck="good", v6=False, ver=2, cover=None):
    """A PIM message; CK: good, bad (off by one), zero, or hdr (a
    Register's over its 8-byte header only); COVER overrides the length
    the checksum is computed over."""
    m = struct.pack(">BBH", (ver << 4) | ty, rsv, 0) + body
    n = len(m) if cover is None else cover
    if ck == "hdr":
        n = 8
    part = m[:n]
    c = craftlib.csum((craftlib.pseudo(103, n, S6, D6) if v6 else b"") + part)
    if ck == "zero":
        c = 0
    elif ck == "bad":
        c = (c + 1) & 0xFFFF or 1
    elif c == 0:
        c = 0xFFFF
    return m[:2] + struct.pack(">H", c) + m[4:]


def v4(m, proto=103, dst=ALLPIM, src=R1):
    return craftlib.ether(0x0800, craftlib.ipv4(proto, m, src, dst, ttl=1, tos=0xC0), M1, MALL)


def v6(m):
    return craftlib.ether(0x86DD, craftlib.ipv6(103, m, S6, D6, hlim=1), M1, M6)


def igmp_pimv1(code, body, ver=1, good=True):
    """An IGMP message of type 0x14 carrying PIMv1 CODE; BODY follows the
    8-byte header (type, code, checksum, version, reserved)."""
    m = struct.pack(">BBHB3x", 0x14, code, 0, ver << 4) + body
    c = craftlib.csum(m) if good else 0x1234
    return m[:2] + struct.pack(">H", c) + m[4:]


def autorp(ty, rps, hold=181, extra=b""):
    b = struct.pack(">BBH4x", ty, len(rps), hold)
    for rp, vers, ents in rps:
        b += a4(rp) + struct.pack(">BB", vers, len(ents))
        for flags, mask, pfx in ents:
            b += struct.pack(">BB", flags, mask) + a4(pfx)
    return b + extra


def main():
    frames = []
    add = frames.append

    # ---- Hellos ----
    hello_opts = (opt(1, struct.pack(">H", 105)) + opt(2, struct.pack(">HH", 0x8000 | 500, 2500))
                  + opt(19, struct.pack(">I", 7)) + opt(20, struct.pack(">I", 0x1234ABCD))
                  + opt(21, struct.pack(">BBH", 1, 60, 0)) + opt(22, b"") + opt(18, b"")
                  + opt(24, eu("10.103.1.1") + eu("10.103.1.2")) + opt(65001, eu("2001:db8::1"))
                  + opt(99, b"\x01\x02\x03") + opt(0x1234, b""))
    add(v4(pim(0, hello_opts)))
    add(v4(pim(0, hello_opts, ck="bad")))
    add(v4(pim(0, opt(1, struct.pack(">H", 0xFFFF)), ck="zero")))
    add(v6(pim(0, hello_opts, v6=True)))
    add(v6(pim(0, hello_opts, v6=True, ck="bad")))
    add(v4(pim(0, opt(2, struct.pack(">HH", 1, 0)) + opt(18, struct.pack(">I", 1))
               + opt(21, struct.pack(">BBH", 2, 0, 0xBEEF)))))
    for t, n in ((1, 3), (2, 2), (19, 2), (18, 6), (20, 3), (21, 5)):
        add(v4(pim(0, opt(1, struct.pack(">H", 30)) + opt(t, b"\0" * n) + opt(20, b"\0\0\0\1"))))
    add(v4(pim(0, opt(1, struct.pack(">H", 30)) + struct.pack(">HH", 20, 8) + b"\0\0\0\1")))
    add(v4(pim(0, opt(1, struct.pack(">H", 30)) + b"\0\x14")))
    add(v4(pim(0, opt(24, b"\x07\x00\x0a\x01\x01\x01") + opt(20, b"\0\0\0\2"))))
    add(v4(pim(0, opt(24, b"\x01\x05\x0a\x01\x01\x01"))))
    add(v4(pim(0, opt(24, eu("10.1.1.1") + b"\x01\x00\x0a"))))
    add(v4(pim(0, opt(24, a4("10.9.9.9") + a4("10.9.9.10")), rsv=4)))
    add(v4(pim(0, b"")))

    # ---- Registers ----
    inner4 = craftlib.ipv4(17, craftlib.udp(5000, 5001, b"hello-mcast", "192.0.2.9", "239.1.2.3"),
                           "192.0.2.9", "239.1.2.3", ttl=16)
    inner6 = craftlib.ipv6(17, craftlib.udp(5000, 5001, b"v6", "2001:db8::9", "ff0e::1:2"),
                           "2001:db8::9", "ff0e::1:2", hlim=16)
    reg = lambda flags, inner: struct.pack(">I", flags) + inner  # noqa: E731
    for dst in ("10.103.9.9",):
        add(v4(pim(1, reg(0, inner4), ck="hdr"), dst=dst))
        add(v4(pim(1, reg(0x80000000, inner4)), dst=dst))
        add(v4(pim(1, reg(0x40000000, inner4), ck="bad"), dst=dst))
        add(v4(pim(1, reg(0xC0000000, inner6), ck="hdr"), dst=dst))
        add(v4(pim(1, reg(0x40000000, struct.pack(">B19x", 0)[:12] + a4("192.0.2.77") + a4("239.9.9.9")), ck="zero"), dst=dst))
        add(v4(pim(1, reg(0, b"\x50" + b"\0" * 19)), dst=dst))
        add(v4(pim(1, reg(1, b"")), dst=dst))
        add(v4(pim(1, b"\0\0"), dst=dst))
    add(v6(pim(1, reg(0, inner6), v6=True, ck="hdr")))
    add(v6(pim(1, reg(0, inner4), v6=True)))
    add(v6(pim(1, reg(0, inner4), v6=True, ck="bad")))

    # ---- Register-Stop ----
    add(v4(pim(2, eg("239.1.2.3") + eu("192.0.2.9"))))
    add(v4(pim(2, eg("239.1.0.0", 16, 0x81) + eu("192.0.2.9"))))
    add(v6(pim(2, eg("ff0e::1:2") + eu("2001:db8::9"), v6=True)))
    add(v6(pim(2, eg("ff0e::", 16) + eu("2001:db8::9"), v6=True)))
    add(v4(pim(2, b"\x03\x00\x00\x20" + a4("239.1.2.3") + eu("192.0.2.9"))))
    add(v4(pim(2, eg("239.1.2.3") + b"\x01\x01" + a4("192.0.2.9"))))
    add(v4(pim(2, eg("239.1.2.3") + b"\x01\x00\x0a\x01")))

    # ---- Join/Prune, Graft, Graft-ACK ----
    jp = (eu("10.103.0.2") + struct.pack(">BBH", 0, 2, 210)
          + eg("239.1.1.1") + struct.pack(">HH", 2, 1)
          + eg("192.0.2.1", 32, 0x04) + eg("192.0.2.0", 24, 0x07) + eg("192.0.2.3", 32, 0x0D)
          + eg("239.2.0.0", 16) + struct.pack(">HH", 0, 1) + eg("10.0.0.1", 32, 0xF9))
    add(v4(pim(3, jp)))
    add(v4(pim(3, eu("10.103.0.2") + struct.pack(">BBH", 0, 0, 0xFFFF))))
    add(v4(pim(6, jp)))
    add(v4(pim(7, jp[6:])))
    add(v6(pim(3, eu("fe80::2") + struct.pack(">BBH", 0, 1, 60) + eg("ff0e::5") + struct.pack(">HH", 1, 1)
                 + eg("2001:db8::7", 128, 4) + eg("2001:db8::", 64, 6), v6=True)))
    add(v4(pim(3, eu("10.103.0.2") + struct.pack(">BBH", 0, 3, 60) + eg("239.1.1.1") + struct.pack(">HH", 0, 0))))
    add(v4(pim(3, eu("10.103.0.2") + struct.pack(">BBH", 0, 1, 60) + eg("239.1.1.1") + struct.pack(">HH", 2, 0)
               + eg("192.0.2.1") + b"\x01\x00\x00\x20")))
    add(v4(pim(3, eu("10.103.0.2") + b"\0\1")))
    add(v4(pim(3, eu("10.103.0.2") + struct.pack(">BBH", 0, 1, 60) + eg("239.1.1.1") + b"\0\1")))
    add(v4(pim(3, a4("10.103.0.2") + struct.pack(">BBH", 0, 1, 60) + b"\0\0\0\x20" + a4("239.1.1.1")
               + struct.pack(">HH", 1, 0) + b"\x04\x20\0\0", rsv=4)))
    add(v4(pim(3, a4("10.103.0.2") + struct.pack(">BBH", 0, 1, 60) + b"\0\x20" + a4("239.1.1.1")
               + struct.pack(">HH", 1, 0) + b"\x04\x20" + a4("192.0.2.1"), rsv=4)))
    add(v6(pim(3, a6("fe80::2") + struct.pack(">BBH", 0, 1, 60) + b"\0\x80" + a6("ff0e::5")
               + struct.pack(">HH", 0, 1) + b"\x02\x40" + a6("2001:db8::"), rsv=16, v6=True)))
    add(v4(pim(3, a4("10.103.0.2") + b"\0" + struct.pack(">BBH", 0, 1, 60), rsv=5)))

    # ---- Bootstrap ----
    bsr = (struct.pack(">HBB", 0x1A2B, 30, 192) + eu("10.103.0.9")
           + eg("224.0.0.0", 4) + struct.pack(">BBH", 2, 2, 0)
           + eu("10.103.0.20") + struct.pack(">HBB", 150, 5, 0)
           + eu("10.103.0.21") + struct.pack(">HBB", 0, 200, 0)
           + eg("239.0.0.0", 8, 1) + struct.pack(">BBH", 1, 1, 0)
           + eu("10.103.0.22") + struct.pack(">HBB", 90000 & 0xFFFF, 1, 0))
    add(v4(pim(4, bsr)))
    add(v6(pim(4, struct.pack(">HBB", 1, 126, 0) + eu("2001:db8::b") + eg("ff00::", 8)
               + struct.pack(">BBH", 1, 1, 0) + eu("2001:db8::c") + struct.pack(">HBB", 130, 0, 0), v6=True)))
    add(v4(pim(4, struct.pack(">HBB", 1, 30, 1) + eu("10.103.0.9") + eg("224.0.0.0", 4) + struct.pack(">BBH", 1, 0, 0))))
    add(v4(pim(4, struct.pack(">HBB", 1, 30, 1) + eu("10.103.0.9") + eg("224.0.0.0", 4) + struct.pack(">BBH", 3, 3, 0)
               + eu("10.103.0.20") + struct.pack(">HBB", 150, 5, 0))))
    for cut in (1, 2, 3, 4):
        add(v4(pim(4, struct.pack(">HBB", 1, 30, 1)[:cut])))
    for extra in (b"\1", b"\1\2", b"\1\2\3"):
        add(v4(pim(4, struct.pack(">HBB", 1, 30, 1) + eu("10.103.0.9") + eg("224.0.0.0", 4) + extra)))
    for extra in (b"\0", b"\0\x96", b"\0\x96\x05"):
        add(v4(pim(4, struct.pack(">HBB", 1, 30, 1) + eu("10.103.0.9") + eg("224.0.0.0", 4)
                   + struct.pack(">BBH", 1, 1, 0) + eu("10.103.0.20") + extra)))

    # ---- Assert ----
    add(v4(pim(5, eg("239.1.1.1") + eu("192.0.2.1") + struct.pack(">II", 0x80000000 | 110, 20))))
    add(v4(pim(5, eg("239.1.1.1") + eu("192.0.2.1") + struct.pack(">II", 120, 0xFFFFFFFF))))
    add(v6(pim(5, eg("ff0e::5") + eu("2001:db8::1") + struct.pack(">II", 0x80000001, 1), v6=True)))
    add(v4(pim(5, eg("239.1.1.1") + eu("192.0.2.1") + b"\0\0\0\1")))

    # ---- Candidate-RP-Advertisement ----
    add(v4(pim(8, struct.pack(">BBH", 2, 192, 150) + eu("10.103.0.20") + eg("239.0.0.0", 8) + eg("232.0.0.0", 8, 2))))
    add(v4(pim(8, struct.pack(">BBH", 0, 0, 0) + eu("10.103.0.20"))))
    add(v4(pim(8, struct.pack(">BBH", 3, 1, 60) + eu("10.103.0.20") + eg("239.0.0.0", 8))))
    add(v6(pim(8, struct.pack(">BBH", 1, 5, 300) + eu("2001:db8::20") + eg("ff00::", 8), v6=True)))
    for cut in (1, 2, 3):
        add(v4(pim(8, struct.pack(">BBH", 1, 5, 300)[:cut])))

    # ---- State Refresh (tcpdump's "Prune Refresh") ----
    add(v4(pim(9, eu("192.0.2.1") + eg("239.1.1.1") + eu("10.103.0.1") + struct.pack(">H", 210) + b"\0" * 14)))
    add(v4(pim(9, eu("192.0.2.1") + eg("239.1.1.1") + eu("10.103.0.1") + b"\1")))

    # ---- DF Election ----
    for sub in (1, 2, 3, 4, 7):
        body = eu("10.103.0.30") + struct.pack(">II", 100, 20)
        if sub in (3, 4):
            body += eu("10.103.0.31") + struct.pack(">II", 90, 10)
        if sub == 3:
            body += struct.pack(">H", 1500)
        add(v4(pim(10, body, rsv=sub << 4)))
    add(v4(pim(10, eu("10.103.0.30") + struct.pack(">I", 5), rsv=0x10)))
    add(v4(pim(10, eu("10.103.0.30") + struct.pack(">II", 100, 20) + eu("10.103.0.31") + struct.pack(">II", 90, 10), rsv=0x30)))

    # ---- other types, versions, lengths ----
    for t in (11, 12, 15):
        add(v4(pim(t, b"\0" * 8)))
    add(v4(pim(0, b"", ver=1) + b"\0" * 4))
    add(v4(pim(2, b"\0" * 8, ver=3)))
    add(v4(b"\x20"))
    add(v4(b"\x20\x00\x00"))
    add(v4(b"\x20\x04\x00"))

    # ---- cut by the snapshot ----
    cuts = []
    hello = v4(pim(0, hello_opts))
    for n in (34 + 1, 34 + 3, 34 + 5, 34 + 9, 34 + 20, 34 + 50):
        cuts.append((hello, n))
    regf = v4(pim(1, reg(0, inner4), ck="hdr"), dst="10.103.9.9")
    for n in (34 + 6, 34 + 9, 34 + 20, 34 + 30):
        cuts.append((regf, n))
    jpf = v4(pim(3, jp))
    for n in (34 + 5, 34 + 12, 34 + 20, 34 + 30):
        cuts.append((jpf, n))
    bsf = v4(pim(4, bsr))
    for n in (34 + 5, 34 + 7, 34 + 15, 34 + 30, 34 + 40):
        cuts.append((bsf, n))
    frames += cuts

    # ---- PIMv1 inside IGMP ----
    ig = lambda m, dst=ALLRTR: v4(m, proto=2, dst=dst)  # noqa: E731
    for mode in (0, 1, 2, 3):
        add(ig(igmp_pimv1(0, struct.pack(">BBH", mode << 4, 0, 105))))
    add(ig(igmp_pimv1(0, b"")))
    add(ig(igmp_pimv1(0, b"\x10")))
    add(ig(igmp_pimv1(1, craftlib.ipv4(17, b"\0" * 8, "192.0.2.9", "239.1.2.3")), dst=R2))
    add(ig(igmp_pimv1(1, b"\x45" + b"\0" * 10), dst=R2))
    add(ig(igmp_pimv1(2, a4("239.1.2.3") + a4("192.0.2.9")), dst=R2))
    add(ig(igmp_pimv1(4, a4("239.1.2.3") + a4("255.255.255.255") + a4("10.103.0.20") + struct.pack(">HH", 0, 270))))
    add(ig(igmp_pimv1(4, a4("239.1.0.0") + a4("255.255.0.0") + a4("10.103.0.20") + struct.pack(">HH", 0, 0))))
    add(ig(igmp_pimv1(5, a4("239.1.2.3") + a4("255.255.255.255") + a4("192.0.2.9") + struct.pack(">II", 0x80000000 | 110, 5))))
    add(ig(igmp_pimv1(5, a4("239.1.2.3") + a4("255.255.255.0") + a4("192.0.2.9") + struct.pack(">II", 120, 6))))

    def jp1(njoin, nprune, hold=180, gmask="255.255.255.255", f24=1, f25=0x80 | 0x40 | 32):
        return (a4("10.103.0.2") + struct.pack(">HH", 0, hold) + struct.pack(">BBBB", 0, 0, 0, 1)
                + a4("239.1.2.3") + a4(gmask) + struct.pack(">HH", njoin, nprune)
                + struct.pack(">BB", f24, f25) + a4("192.0.2.9"))
    add(ig(igmp_pimv1(3, jp1(1, 0))))
    add(ig(igmp_pimv1(3, jp1(0, 1, hold=210, gmask="255.255.0.0", f24=0, f25=24))))
    add(ig(igmp_pimv1(6, jp1(1, 0, f25=0x40 | 32))))
    add(ig(igmp_pimv1(7, jp1(0, 1, f25=0x80 | 32))))
    longjp = (a4("10.103.0.2") + struct.pack(">HH", 0, 150) + struct.pack(">BBBB", 0, 0, 0, 2)
              + a4("239.1.2.3") + a4("255.255.255.255") + struct.pack(">HH", 2, 1)
              + struct.pack(">BB", 1, 0xC0 | 32) + a4("192.0.2.9")
              + struct.pack(">BB", 0, 24) + a4("192.0.2.0")
              + struct.pack(">BB", 1, 0x40 | 32) + a4("192.0.2.10")
              + a4("239.4.0.0") + a4("255.255.0.0") + struct.pack(">HH", 0, 1)
              + struct.pack(">BB", 0, 0x80 | 32) + a4("192.0.2.11"))
    add(ig(igmp_pimv1(3, longjp)))
    add(ig(igmp_pimv1(3, longjp[:33])))
    add(ig(igmp_pimv1(3, longjp[:44])))
    add(ig(igmp_pimv1(3, longjp[:6])))
    add(ig(igmp_pimv1(3, longjp[:2])))
    add(ig(igmp_pimv1(3, longjp[:10])))
    add(ig(igmp_pimv1(3, longjp[:14])))
    add(ig(igmp_pimv1(3, longjp[:20])))
    add(ig(igmp_pimv1(3, longjp[:26])))
    add(ig(igmp_pimv1(3, longjp[:38], ver=2)))
    add(ig(igmp_pimv1(9, b"\0" * 8)))
    add(ig(igmp_pimv1(2, a4("239.1.2.3") + a4("192.0.2.9"), ver=2, good=False)))
    add(ig(b"\x14\x00"))
    # cut by the snapshot
    q = ig(igmp_pimv1(0, struct.pack(">BBH", 0x10, 0, 105)))
    frames += [(q, 34 + 9), (q, 34 + 11)]
    lj = ig(igmp_pimv1(3, longjp))
    frames += [(lj, 34 + 10), (lj, 34 + 20), (lj, 34 + 30), (lj, 34 + 45)]
    a5 = ig(igmp_pimv1(5, a4("239.1.2.3") + a4("255.255.255.0") + a4("192.0.2.9") + struct.pack(">II", 120, 6)))
    frames += [(a5, 34 + 18), (a5, 34 + 26), (a5, 34 + 30)]
    rp = ig(igmp_pimv1(4, a4("239.1.0.0") + a4("255.255.0.0") + a4("10.103.0.20") + struct.pack(">HH", 0, 0)))
    frames += [(rp, 34 + 14), (rp, 34 + 22)]

    # ---- Cisco Auto-RP (UDP 496) ----
    def udp496(payload, sport=496, dport=496):
        return v4(craftlib.udp(sport, dport, payload, R1, "224.0.1.39"), proto=17, dst="224.0.1.39")
    add(udp496(autorp(0x11, [("10.103.0.20", 3, [(0, 4, "224.0.0.0"), (1, 8, "239.0.0.0")])], hold=181)))
    add(udp496(autorp(0x12, [("10.103.0.20", 2, [(2, 8, "232.0.0.0"), (0x81, 16, "239.1.0.0")]),
                             ("10.103.0.21", 0xFD, [(0, 4, "224.0.0.0")]),
                             ("10.103.0.22", 0, [])], hold=0), sport=1024))
    add(udp496(autorp(0x30, [("10.103.0.20", 1, [(0, 4, "224.0.0.0")])], hold=3600)))
    add(udp496(b"\x11\x01\0\xb5"))
    add(udp496(autorp(0x11, [("10.103.0.20", 3, [(0, 4, "224.0.0.0"), (1, 8, "239.0.0.0")])])[:-3]))
    ar = udp496(autorp(0x11, [("10.103.0.20", 3, [(0, 4, "224.0.0.0"), (1, 8, "239.0.0.0")])]))
    for n in (42 + 2, 42 + 10, 42 + 13, 42 + 16, 42 + 24):
        frames.append((ar, n))
    for cut in (8, 11, 12, 13, 19):
        add(udp496(autorp(0x11, [("10.103.0.20", 3, [(0, 4, "224.0.0.0"), (1, 8, "239.0.0.0")])])[:cut]))

    craftlib.write_pcap(os.path.join(CAP, "pim-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
