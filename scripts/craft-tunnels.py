#!/usr/bin/env python3
"""craft-tunnels.py CAPTURES_DIR -- write captures/tunnels/*.pcap (GENERATED, not recorded).

The tunnels and link layers of issue 16 that this machine cannot produce
(the kernel has no ppp, pppoe, gre, sit, mpls or geneve support, see
scripts/record-encap-captures.sh), built around the real TCP connection of
captures/http-ipv4.pcap and captures/http-ipv6.pcap (the IP packets byte for
byte, timestamps kept) plus hand-made control frames with the fields and
odd cases tcpdump's printers distinguish:

  pppoe-lcp.pcap   Ethernet: PPPoE discovery (every code, text/hex/long/unknown
                   tags, bad version/type, PADI length, length past the frame),
                   sessions with LCP/IPCP/IP6CP/CCP/BACP options (good and bogus
                   lengths), CHAP, PAP, ML-PPP, compressed data, unknown protocols,
                   PFC, and the HTTP connection over PPP (IPv4 and IPv6)
  mpls-stack.pcap  Ethernet: label stacks of 1-3 entries over the HTTP connection,
                   reserved labels 0/1/2/3, multicast type, unknown payload,
                   no bottom of stack, cut by the snapshot
  gre-flags.pcap   Ethernet/IPv4 (and one IPv6 outer): GRE v0 with checksum,
                   key, sequence, routing (IP and AS source routes), IPv4/IPv6/
                   Ethernet/MPLS/ERSPAN/unknown inside, version 2; GRE v1 (PPTP)
                   with sequence/ack/PPP and ack only
  ppp.pcap         DLT_PPP (9): address/control or not, pppd In/Out, PFC, IPv4,
                   IPv6, MPLS, LCP, unknown protocol, escaped HDLC framing
                   (protocol 0x7exx), frames cut inside LCP options, CHAP, PAP and a
                   vendor OUI, a frame shorter than 4 bytes
  chdlc.pcap       DLT_C_HDLC (104): unicast/broadcast IPv4 (the HTTP
                   connection), IPv6, SLARP request/reply/keepalive (with and
                   without uptime, trailing junk, unknown code, short), MPLS,
                   CDP (unknown to tcpdump 4.99's chdlc_print), OSI cut short,
                   short frame
  ppp-hdlc.pcap    DLT_PPP_SERIAL (50): PPP in HDLC framing, Cisco HDLC, an
                   unknown address
  ppp-pppd.pcap, hdlc-netbsd.pcap, ppp-ether.pcap
                   ppp.pcap as DLT_PPP_PPPD (166), chdlc.pcap as LINKTYPE_NETBSD_HDLC
                   (112), pppoe-lcp.pcap without its Ethernet headers as
                   DLT_PPP_ETHER (51)

Checksums of crafted IP/TCP/UDP headers are correct.  Deterministic: the
output is byte-identical on every run.  Needs only python3 (no scapy).
Then: scripts/gen-goldens.sh tunnels/pppoe-lcp.pcap ... (goldens from tcpdump).
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402
from craftlib import csum  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "captures")
OUT = os.path.join(CAP, "tunnels")
MAC_A = bytes.fromhex("027700000001")
MAC_B = bytes.fromhex("027700000002")
BCAST = b"\xff" * 6


def ip_packets(name):
    """The IP packets of a recorded Ethernet capture, with their times."""
    return [(s, u, f[14:]) for s, u, f, _ in craftlib.read_pcap(os.path.join(CAP, name))[1]]


def ipv4(proto, payload, src="10.90.0.1", dst="10.90.0.2", ident=0x4242):
    return craftlib.ipv4(proto, payload, src, dst, ident=ident, frag=0x4000)


def ipv6(nh, payload, src="fd90::1", dst="fd90::2"):
    return craftlib.ipv6(nh, payload, src, dst)


def ether(ty, payload, src=MAC_A, dst=MAC_B):
    return craftlib.ether(ty, payload, src, dst)


def new_pcap(name, linktype):
    """A pcap file in OUT, frames 1 ms apart from 1700000000 s unless stamped."""
    return craftlib.Pcap(os.path.join(OUT, name), linktype)


# ---- PPP control packets -------------------------------------------------

def cp(code, ident, body=b""):
    return struct.pack("!BBH", code, ident, 4 + len(body)) + body


def opt(t, v=b""):
    return struct.pack("!BB", t, 2 + len(v)) + v


LCP_OPTS = (opt(1, struct.pack("!H", 1492)) + opt(2, struct.pack("!I", 0)) + opt(3, struct.pack("!HB", 0xC223, 5))
            + opt(5, struct.pack("!I", 0x1A2B3C4D)) + opt(7) + opt(8))
LCP_MORE = (opt(3, struct.pack("!H", 0xC023)) + opt(3, struct.pack("!HB", 0xC223, 0x81)) + opt(4, struct.pack("!H", 0xC025))
            + opt(13, b"\x06") + opt(17, struct.pack("!H", 1600)) + opt(19, b"\x02" + bytes([10, 90, 0, 1]))
            + opt(19, b"\x03" + MAC_A) + opt(19, b"\x01abc") + opt(23, struct.pack("!H", 7)) + opt(0, b"\x00\x00\x0c\x01")
            + opt(9, b"\x02") + opt(99, b"\x01\x02"))
LCP_BOGUS = opt(1, b"\x05") + opt(5, struct.pack("!I", 1))  # MRU length 3: bogus, then options go on


def ppp_ctrl():
    """(protocol, packet) pairs for the session/PPP captures."""
    return [
        (0xC021, cp(1, 1, LCP_OPTS)),
        (0xC021, cp(2, 1, LCP_OPTS)),
        (0xC021, cp(1, 2, LCP_MORE)),
        (0xC021, cp(3, 2, opt(1, struct.pack("!H", 1400)))),
        (0xC021, cp(4, 3, opt(13, b"\x06"))),
        (0xC021, cp(1, 4, LCP_BOGUS)),
        (0xC021, cp(1, 5)),
        (0xC021, cp(9, 6, struct.pack("!I", 0x1A2B3C4D))),
        (0xC021, cp(10, 6, struct.pack("!I", 0x5E6F7081) + b"trailing")),
        (0xC021, cp(11, 7, struct.pack("!I", 0x5E6F7081))),
        (0xC021, cp(12, 8, struct.pack("!I", 0x5E6F7081) + b"tcpscope lab")),
        (0xC021, cp(13, 9, struct.pack("!II", 0x5E6F7081, 3600))),
        (0xC021, cp(8, 10, struct.pack("!H", 0x8057) + cp(1, 1, opt(1, bytes(8))))),
        (0xC021, cp(7, 11, cp(0x20, 1))),
        (0xC021, cp(0, 12, struct.pack("!I", 0x11223344) + b"\x00\x00\x0c\x01")),
        (0xC021, cp(0x20, 13, b"\x01\x02\x03\x04")),
        (0xC021, cp(5, 14, b"bye")),
        (0xC021, cp(6, 14)),
        (0xC021, struct.pack("!BBH", 1, 15, 40) + opt(1, struct.pack("!H", 1500))),  # encoded length > packet
        (0xC021, struct.pack("!BBH", 1, 16, 2) + opt(1, struct.pack("!H", 1500))),  # encoded length < 4
        (0x8021, cp(1, 1, opt(3, bytes([10, 90, 0, 1])) + opt(129, bytes(4)) + opt(131, bytes(4)))),
        (0x8021, cp(3, 1, opt(3, bytes([10, 90, 0, 9])) + opt(129, bytes([10, 90, 0, 53])) + opt(130, bytes([10, 90, 0, 54])))),
        (0x8021, cp(1, 2, opt(2, struct.pack("!HBB", 0x002D, 15, 1)) + opt(1, bytes([10, 90, 0, 1, 10, 90, 0, 2]))
                    + opt(4, bytes([10, 90, 0, 7])) + opt(77, b"\xaa"))),
        (0x8021, cp(1, 3, opt(2, struct.pack("!HHHHHH", 0x0061, 15, 16, 256, 5, 168) + b"\x01\x02\x02\x02"))),
        (0x8021, cp(2, 3, opt(3, b"\x01\x02"))),
        (0x8057, cp(1, 1, opt(1, bytes.fromhex("0277000000000001")))),
        (0x8057, cp(2, 1, opt(1, bytes.fromhex("0277000000000001")) + opt(2, b"\x00\x2d"))),
        (0x80FD, cp(1, 1, opt(26, b"\x78\x00") + opt(21, b"\x2f") + opt(24, b"\xa5\x01") + opt(18, b"\x01\x00\x00\x41"))),
        (0x80FD, cp(14, 2)),
        (0xC02B, cp(1, 1, opt(1, struct.pack("!I", 0xCAFEBABE)) + opt(9, b"\x01"))),
        (0x8281, cp(1, 1)),
        (0xC223, struct.pack("!BBHB", 1, 1, 21, 16) + bytes(range(16)) + b"srv"[:0] + b""),
        (0xC223, struct.pack("!BBHB", 1, 2, 4 + 1 + 4 + 6, 4) + b"\xde\xad\xbe\xef" + b"server"),
        (0xC223, struct.pack("!BBHB", 2, 2, 4 + 1 + 4 + 6, 4) + b"\x01\x02\x03\x04" + b"client"),
        (0xC223, struct.pack("!BBH", 3, 2, 4 + 8) + b"Welcome!"),
        (0xC223, struct.pack("!BBH", 4, 3, 4 + 6) + b"Denied"),
        (0xC223, b"\x01\x02"),
        (0xC023, struct.pack("!BBH", 1, 1, 4 + 1 + 4 + 1 + 6) + b"\x04user\x06secret"),
        (0xC023, struct.pack("!BBH", 2, 1, 4 + 1 + 2) + b"\x02OK"),
        (0xC023, struct.pack("!BBH", 3, 2, 4 + 1 + 3) + b"\x03bad"),
        (0xC023, struct.pack("!BBH", 1, 3, 200) + b"\x04user"),
        (0xC023, b"\x01"),
        (0x003D, b"\xc0\x12\x34\x56" + bytes(8)),
        (0x00FD, bytes(12)),
        (0x000F, bytes.fromhex("0102030405060708090a")),
        (0x8FFF, b"\x01\x01\x00\x04"),
        (0xC02D, b"\x01\x01\x00\x04"),
    ]


def craft_pppoe(v4, v6):
    p = new_pcap("pppoe-lcp.pcap", 1)
    host_uniq = (0x0103, struct.pack("!I", 0x1589))

    def disc(code, session, tags, ver_type=0x11, length=None, dst=BCAST, src=MAC_A):
        body = b"".join(struct.pack("!HH", t, len(v)) + v for t, v in tags)
        ln = len(body) if length is None else length
        return ether(0x8863, struct.pack("!BBHH", ver_type, code, session, ln) + body, src=src, dst=dst)

    p.add(disc(0x09, 0, [(0x0101, b""), host_uniq]))
    p.add(disc(0x07, 0, [(0x0102, b"tcpscope-ac"), (0x0101, b"internet"), (0x0104, bytes(range(16))), host_uniq,
                         (0x0105, b"\x00\x00\x0d\xe9\x01\x02"), (0x0120, b"\x05\xd4"), (0x0110, b"relay\x01\x02")],
                    dst=MAC_A, src=MAC_B))
    p.add(disc(0x19, 0, [(0x0101, b"internet"), host_uniq, (0x0104, bytes(range(16)))], dst=MAC_B))
    p.add(disc(0x65, 0x3B1A, [(0x0101, b"internet"), host_uniq], dst=MAC_A, src=MAC_B))
    p.add(disc(0x09, 0, [(0x0101, b"x" * 100), (0x0202, b"AC is \x01\x02 busy"), (0x0999, b"\x00"), (0, b""),
                         (0x0102, b"after EOL")]))
    p.add(disc(0x09, 0, [(0x0101, b"")], length=1600))
    p.add(disc(0x19, 0, [(0x0101, b"")], length=40))
    p.add(disc(0x42, 0, [(0x0203, b"oops")], ver_type=0x23))
    p.add(disc(0xA7, 0x3B1A, [(0x0203, b"session closed by peer")], dst=MAC_B))
    p.add(disc(0xA7, 0x3B1A, []))

    def sess(proto, payload, session=0x3B1A, pfc=False):
        pp = (struct.pack("!B", proto) if pfc else struct.pack("!H", proto)) + payload
        return ether(0x8864, struct.pack("!BBHH", 0x11, 0, session, len(pp)) + pp)

    for proto, pkt in ppp_ctrl():
        p.add(sess(proto, pkt))
    for s, u, ip in v4:
        p.add(sess(0x0021, ip), ts=(s, u))
    for s, u, ip in v6[:4]:
        p.add(sess(0x0057, ip), ts=(s, u))
    s, u, ip = v4[3]
    p.add(sess(0x21, ip, pfc=True), ts=(s, u + 1))
    p.add(sess(0x0021, ip), ts=(s, u + 2), caplen=14 + 6 + 2 + 30)
    p.add(ether(0x8864, struct.pack("!BBHH", 0x11, 0, 0x3B1A, 200) + b"\x00\x21" + ip[:40]), ts=(s, u + 3))
    p.add(ether(0x8864, struct.pack("!BBH", 0x11, 0, 0x3B1A)), ts=(s, u + 4))
    p.add(ether(0x3C13, struct.pack("!BBHH", 0x11, 0, 7, 2 + len(ip)) + b"\x00\x21" + ip), ts=(s, u + 5))
    p.close()


def craft_mpls(v4, v6):
    p = new_pcap("mpls-stack.pcap", 1)

    def lab(label, tc=0, s=0, ttl=64):
        return struct.pack("!I", label << 12 | tc << 9 | s << 8 | ttl)

    for i, (s, u, ip) in enumerate(v4):
        stack = [lab(29, 6, 1, 255)] if i % 3 == 0 else [lab(16001), lab(100, 0, 1)] if i % 3 == 1 \
            else [lab(1, 0, 0, 1), lab(16002, 5), lab(200, 2, 1, 63)]
        p.add(ether(0x8847, b"".join(stack) + ip), ts=(s, u))
    s, u, ip = v4[0]
    p.add(ether(0x8847, lab(0, 0, 1) + ip), ts=(s, u + 1))
    p.add(ether(0x8847, lab(3, 0, 1) + ip), ts=(s, u + 2))
    p.add(ether(0x8848, lab(5000, 1, 1) + ip), ts=(s, u + 3))
    s6, u6, ip6 = v6[0]
    p.add(ether(0x8847, lab(2, 0, 1) + ip6), ts=(s6, u6))
    p.add(ether(0x8847, lab(300, 0, 1) + ip6), ts=(s6, u6 + 1))
    p.add(ether(0x8847, lab(400, 0, 1) + b"\x00\x00\x00\x00" + ether(0x0800, ip)), ts=(s6, u6 + 2))
    p.add(ether(0x8847, lab(500) + lab(600)), ts=(s6, u6 + 4))
    p.add(ether(0x8847, lab(700, 0, 1)), ts=(s6, u6 + 5))
    p.add(ether(0x8847, lab(800, 0, 1) + ip), ts=(s6, u6 + 6), caplen=14 + 4 + 30)
    p.add(ether(0x8847, lab(900) + lab(901, 0, 1) + ip), ts=(s6, u6 + 7), caplen=14 + 6)
    p.close()


def craft_gre(v4, v6):
    p = new_pcap("gre-flags.pcap", 1)
    outer = lambda g, **kw: ether(0x0800, ipv4(47, g, **kw))

    def gre0(prot, payload, key=None, seq=None, cs=False, routing=None, ver=0):
        flags = ver
        opt = b""
        if cs or routing is not None:
            flags |= 0x8000 if cs else 0
            flags |= 0x4000 if routing is not None else 0
            opt += struct.pack("!HH", 0, 4 if routing is not None else 0)
        if key is not None:
            flags |= 0x2000
            opt += struct.pack("!I", key)
        if seq is not None:
            flags |= 0x1000
            opt += struct.pack("!I", seq)
        if routing is not None:
            opt += routing
        g = struct.pack("!HH", flags, prot) + opt + payload
        if cs:
            c = csum(g)
            g = g[:4] + struct.pack("!H", c) + g[6:]
        return g

    for i, (s, u, ip) in enumerate(v4):
        kind = i % 5
        if kind == 0:
            g = gre0(0x0800, ip)
        elif kind == 1:
            g = gre0(0x0800, ip, key=0x59)
        elif kind == 2:
            g = gre0(0x0800, ip, key=7, seq=i)
        elif kind == 3:
            g = gre0(0x0800, ip, cs=True)
        else:
            g = gre0(0x0800, ip, cs=True, key=0xFFFFFFFF, seq=0x80000000)
        p.add(outer(g), ts=(s, u))
    s, u, ip = v4[0]
    s6, u6, ip6 = v6[0]
    p.add(outer(gre0(0x86DD, ip6, key=1)), ts=(s6, u6))
    p.add(outer(gre0(0x6558, ether(0x0800, ip))), ts=(s, u + 1))
    p.add(outer(gre0(0x8847, struct.pack("!I", 77 << 12 | 1 << 8 | 64) + ip)), ts=(s, u + 2))
    p.add(outer(gre0(0x88BE, struct.pack("!HHI", 0x1064, 0x0005, 0) + ether(0x0800, ip), seq=1)), ts=(s, u + 3))
    p.add(outer(gre0(0x22EB, bytes(12) + ether(0x0800, ip), seq=2)), ts=(s, u + 4))
    p.add(outer(gre0(0x88BE, ether(0x0800, ip))), ts=(s, u + 5))
    p.add(outer(gre0(0x1234, b"\x00" * 8)), ts=(s, u + 6))
    sre_ip = struct.pack("!HBB", 0x0800, 4, 12) + bytes([10, 0, 0, 1, 10, 0, 0, 2, 10, 0, 0, 3])
    sre_asn = struct.pack("!HBB", 0xFFFE, 2, 4) + struct.pack("!HH", 64512, 65001)
    sre_other = struct.pack("!HBB", 0x1111, 0, 4) + bytes(4)
    sre_bad = struct.pack("!HBB", 0x0800, 3, 8) + bytes(8)
    end = struct.pack("!HBB", 0, 0, 0)
    p.add(outer(gre0(0x0800, ip, routing=sre_ip + sre_asn + sre_other + sre_bad + end)), ts=(s, u + 7))
    p.add(outer(gre0(0x0800, ip, routing=struct.pack("!HBB", 0x0800, 0, 8) + bytes(4))), ts=(s, u + 8))
    p.add(outer(struct.pack("!HH", 0x0002, 0x0800) + ip), ts=(s, u + 9))
    p.add(ether(0x86DD, ipv6(47, gre0(0x0800, ip, key=3))), ts=(s, u + 10))
    # GRE v1 (PPTP): key = payload length and call id; sequence; ack
    def gre1(payload, seq=None, ack=None, call=0x2A, prot=0x880B):
        flags = 0x2001 | (0x1000 if seq is not None else 0) | (0x0080 if ack is not None else 0)
        h = struct.pack("!HHHH", flags, prot, len(payload), call)
        if seq is not None:
            h += struct.pack("!I", seq)
        if ack is not None:
            h += struct.pack("!I", ack)
        return h + payload
    for i, (s2, u2, ip2) in enumerate(v4[:6]):
        p.add(outer(gre1(b"\xff\x03\x00\x21" + ip2, seq=i, ack=i if i % 2 else None)), ts=(s2, u2 + 11))
    p.add(outer(gre1(b"", ack=5)), ts=(s, u + 12))
    p.add(outer(gre1(b"\xff\x03" + b"\xc0\x21" + cp(9, 1, struct.pack("!I", 0x1234)), seq=9)), ts=(s, u + 13))
    p.add(outer(gre1(b"\x21" + ip, seq=10)), ts=(s, u + 14))
    p.add(outer(gre1(ip, seq=11, prot=0x0800)), ts=(s, u + 15))
    p.add(outer(gre0(0x0800, ip, key=3)), ts=(s, u + 16), caplen=14 + 20 + 6)
    p.add(outer(b"\x00"), ts=(s, u + 17))
    p.close()


def craft_ppp(v4, v6):
    p = new_pcap("ppp.pcap", 9)
    for i, (s, u, ip) in enumerate(v4):
        hdr = [b"\xff\x03\x00\x21", b"\x00\x21", b"\xff\x03\x21", b"\x00\x03\x00\x21", b"\x01\x03\x00\x21"][i % 5]
        p.add(hdr + ip, ts=(s, u))
    s, u, ip = v4[0]
    for j, (s6, u6, ip6) in enumerate(v6[:3]):
        p.add(b"\xff\x03\x00\x57" + ip6, ts=(s6, u6))
    p.add(b"\xff\x03\x02\x81" + struct.pack("!I", 16 << 12 | 1 << 8 | 64) + ip, ts=(s, u + 1))
    for k, (proto, pkt) in enumerate(ppp_ctrl()[:8]):
        p.add(b"\xff\x03" + struct.pack("!H", proto) + pkt, ts=(s, u + 2 + k))
    p.add(b"\xff\x03\x00\x0f" + bytes(6), ts=(s, u + 20))
    p.add(b"\xff\x03\x80\x21" + cp(1, 1, opt(3, bytes([10, 90, 0, 1]))), ts=(s, u + 21))
    # escaped HDLC framing (protocol 0x7exx): ppp_hdlc un-escapes from the
    # protocol field's second byte
    esc = lambda b: b"".join(bytes([0x7D, c ^ 0x20]) if c in (0x7D, 0x7E) else bytes([c]) for c in b)
    p.add(b"\xff\x03\x7e" + esc(b"\x21" + ip), ts=(s, u + 24))
    p.add(b"\xff\x03\x7e" + esc(b"\xff\x03\xc0\x21" + cp(9, 1, struct.pack("!I", 0x7D7E7D7E))), ts=(s, u + 25))
    p.add(b"\xff\x03\x7e" + esc(b"\x80\x21" + cp(1, 1, opt(3, bytes([10, 90, 0, 1])))), ts=(s, u + 26))
    p.add(b"\xff\x03\x7e" + esc(b"\xff\x03\x7e\x21"), ts=(s, u + 27))
    # cut by the snapshot inside LCP options, CHAP and PAP headers, a vendor OUI
    p.add(b"\xff\x03\xc0\x21" + cp(1, 9, LCP_OPTS), ts=(s, u + 28), caplen=4 + 4 + 9)
    p.add(b"\xff\x03\xc0\x21" + cp(1, 9, LCP_MORE), ts=(s, u + 29), caplen=4 + 4 + 13)
    p.add(b"\xff\x03\xc2\x23\x01", ts=(s, u + 30))
    p.add(b"\xff\x03\xc2\x23" + struct.pack("!BBH", 1, 4, 12) + b"\x03abcdefg", ts=(s, u + 31), caplen=4 + 1)
    p.add(b"\xff\x03\xc0\x23" + struct.pack("!BBH", 1, 4, 12) + b"\x03abc\x03xyz", ts=(s, u + 32), caplen=4 + 1)
    p.add(b"\xff\x03\xc0\x21" + cp(0, 12, struct.pack("!I", 0x11223344) + b"\x00\x00\x0c\x01"), ts=(s, u + 33),
          caplen=4 + 4 + 4 + 3)
    p.add(b"\xff\x03", ts=(s, u + 22))
    p.add(b"\xff\x03\x00\x21" + ip, ts=(s, u + 23), caplen=4 + 10)
    p.close()


def craft_chdlc(v4, v6):
    p = new_pcap("chdlc.pcap", 104)
    for i, (s, u, ip) in enumerate(v4):
        p.add((b"\x0f\x00" if i % 4 else b"\x8f\x00") + b"\x08\x00" + ip, ts=(s, u))
    s, u, ip = v4[0]
    for s6, u6, ip6 in v6[:2]:
        p.add(b"\x0f\x00\x86\xdd" + ip6, ts=(s6, u6))
    slarp = lambda body: b"\x8f\x00\x80\x35" + body
    p.add(slarp(struct.pack("!I", 0) + bytes(10)), ts=(s, u + 1))
    p.add(slarp(struct.pack("!I", 1) + bytes([10, 90, 0, 1, 255, 255, 255, 252]) + b"\xff\xff"), ts=(s, u + 2))
    p.add(slarp(struct.pack("!IIIH", 2, 0x10, 0x0F, 0xFFFF)), ts=(s, u + 3))
    p.add(slarp(struct.pack("!IIIHI", 2, 0x11, 0x10, 0xFFFF, 93784005)), ts=(s, u + 4))
    p.add(slarp(struct.pack("!IIIHI", 2, 0x12, 0x11, 0xFFFF, 61000) + b"\x00\x01"), ts=(s, u + 5))
    p.add(slarp(struct.pack("!I", 7) + bytes(10)), ts=(s, u + 6))
    p.add(slarp(struct.pack("!I", 2) + bytes(4)), ts=(s, u + 7))
    p.add(b"\x0f\x00\x88\x47" + struct.pack("!I", 24 << 12 | 1 << 8 | 255) + ip, ts=(s, u + 8))
    p.add(b"\x8f\x00\x20\x00" + bytes.fromhex("02b4b1c20001000a726f75746572"), ts=(s, u + 9))
    p.add(b"\x0f\x00\x12\x34" + bytes(4), ts=(s, u + 10))
    p.add(b"\x0f\x00\xfe\xfe\x83", ts=(s, u + 13))
    p.add(b"\x0f\x00\xfe\xfe\x00", ts=(s, u + 14), caplen=4 + 1)
    p.add(b"\x0f\x00\x08", ts=(s, u + 11))
    p.add(b"\x0f\x00\x08\x00" + ip, ts=(s, u + 12), caplen=4 + 12)
    p.close()


def craft_ppp_hdlc(v4):
    p = new_pcap("ppp-hdlc.pcap", 50)
    for i, (s, u, ip) in enumerate(v4[:6]):
        p.add((b"\xff\x03\x00\x21" if i % 2 == 0 else b"\x0f\x00\x08\x00") + ip, ts=(s, u))
    s, u, ip = v4[0]
    p.add(b"\xff\x03\xc0\x21" + cp(9, 1, struct.pack("!I", 0x1234)), ts=(s, u + 1))
    p.add(b"\xff\x03\x00\x0f" + bytes(4), ts=(s, u + 2))
    p.add(b"\x8f\x00\x80\x35" + struct.pack("!IIIH", 2, 1, 2, 0xFFFF), ts=(s, u + 3))
    p.add(b"\x55\x66\x77\x88" + bytes(4), ts=(s, u + 4))
    p.add(b"\xff\x03\x00", ts=(s, u + 5))
    p.add(b"\x55", ts=(s, u + 6))
    p.close()


def relinked(src, name, linktype, strip=0):
    """`src` (in OUT) again with another link type, each frame's first
    `strip` bytes dropped (DLT_PPP_ETHER: the Ethernet header)."""
    header, recs = craftlib.read_pcap(os.path.join(OUT, src))
    snaplen = struct.unpack_from("<I", header, 16)[0]
    out = []
    for sec, usec, fr, orig in recs:
        if len(fr) >= strip:
            fr, orig = fr[strip:], orig - strip
        out.append(craftlib.record(sec, usec, fr, wirelen=orig))
    craftlib.write_pcap(os.path.join(OUT, name), out, linktype=linktype, snaplen=snaplen)


def main():
    os.makedirs(OUT, exist_ok=True)
    v4 = ip_packets("http-ipv4.pcap")
    v6 = ip_packets("http-ipv6.pcap")
    craft_pppoe(v4, v6)
    craft_mpls(v4, v6)
    craft_gre(v4, v6)
    craft_ppp(v4, v6)
    craft_chdlc(v4, v6)
    craft_ppp_hdlc(v4)
    relinked("ppp.pcap", "ppp-pppd.pcap", 166)
    relinked("chdlc.pcap", "hdlc-netbsd.pcap", 112)
    relinked("pppoe-lcp.pcap", "ppp-ether.pcap", 51, strip=14)


if __name__ == "__main__":
    main()
