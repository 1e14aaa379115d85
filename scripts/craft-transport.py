#!/usr/bin/env python3
"""Writes crafted captures of transports and application protocols this
machine cannot produce with real daemons (no SCTP or DCCP in its kernel),
for the golden tests against tcpdump (scripts/gen-goldens.sh):

  captures/sctp-dccp.pcap   SCTP over IPv4 and IPv6: every chunk type
                            tcpdump names, bundling, DATA flags and PPIDs,
                            SACK gaps and duplicates, bad and cut chunk
                            lengths; DCCP: every packet type, short and
                            extended sequence numbers, options, checksum
                            coverage, a bad checksum, truncations.
  captures/stp.pcap         spanning tree over 802.2 LLC: 802.1D
                            configuration and topology change, 802.1w RST,
                            802.1s MST with MSTIs, 802.1aq SPB, Cisco PVST
                            over SNAP, bad lengths and cut BPDUs.
  captures/eigrp.pcap       EIGRP: hello parameters, software version,
                            IPv4 and AppleTalk internal and external
                            routes, undecoded TLVs, short and bad TLVs.
  captures/igmp.pcap        IGMP: v1/v2/v3 queries (max response time
                            codes, sources), v1/v2 reports, leaves, v3
                            reports with every record type, mtrace and
                            mresp, unknown types, bad checksums and
                            lengths.
  captures/app-crafted.pcap the malformed cases of application printers
                            whose real traffic is in other captures:
                            syslog without '<', with 4 digits, an unknown
                            facility, a cut message; NTP shorter than
                            its header, cut in its timestamps, INFO_QUERY
                            and INFO_REPLY strata, control messages with
                            a bad count or cut data; Kerberos v1-v3, v4
                            (both byte orders, each message type), v5
                            AS-REQ/AS-REP/TGS-REQ/KRB-ERROR, empty; TFTP
                            without opcode, unknown opcode and error code,
                            names without NUL, missing mode and block.

  captures/cdp-crafted.pcap CDP over SNAP: every TLV tcpdump names
                            (addresses of IPv4, IPv6 and other protocols,
                            prefixes, VLANs, power, MTU…), an unknown one,
                            and malformed TLVs, lengths and a cut frame.

  captures/esis.pcap        ES-IS over 802.2 LLC (no daemon here speaks it):
                            ISH, ESH with one and two addresses, redirects
                            (MAC and other SNPAs, with and without a NET),
                            options (protocols, configuration time, unknown),
                            right, wrong and no checksums, an unknown type,
                            a bad version, bad length indicators, short
                            bodies, a cut frame.

Deterministic (the same bytes on every run); standard library only.
Usage: scripts/craft-transport.py [OUT_DIR]   (default: captures)
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402
from craftlib import csum  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "captures")

MAC_A = bytes.fromhex("020000000001")
MAC_B = bytes.fromhex("020000000002")
V4_A, V4_B = bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2])
V6_A = bytes.fromhex("20010db8000000000000000000000001")
V6_B = bytes.fromhex("20010db8000000000000000000000002")


def eth(payload, etype=0x0800, src=MAC_A, dst=MAC_B):
    return craftlib.ether(etype, payload, src, dst)


def ipv4(proto, payload, src=V4_A, dst=V4_B, total=None, ttl=64):
    """An Ethernet frame of IPv4 (DF), A to B unless told."""
    return eth(craftlib.ipv4(proto, payload, src, dst, ident=0x1234, frag=0x4000, ttl=ttl, total=total))


def ipv6(nh, payload, src=V6_A, dst=V6_B, plen=None):
    """An Ethernet frame of IPv6, A to B unless told."""
    return eth(craftlib.ipv6(nh, payload, src, dst, plen=plen), 0x86DD)


def write_pcap(name, frames):
    """FRAMES (a frame, or (frame, captured length)) into OUT/NAME, one a
    second and a millisecond from 1700000000."""
    path = os.path.join(OUT, name)
    craftlib.write_pcap(path, craftlib.numbered(frames))
    print("wrote", path)


# ---- SCTP -----------------------------------------------------------------

def chunk(ctype, flags, body, length=None, pad=True):
    length = 4 + len(body) if length is None else length
    c = struct.pack(">BBH", ctype, flags, length) + body
    if pad and len(c) % 4:
        c += b"\0" * (4 - len(c) % 4)
    return c


def sctp(chunks, sport=5000, dport=6000, vtag=0x11223344):
    return struct.pack(">HHII", sport, dport, vtag, 0) + b"".join(chunks)


def init_body(tag, rwnd=106496, os_=10, mis=65535, tsn=1000, params=b""):
    return struct.pack(">IIHHI", tag, rwnd, os_, mis, tsn) + params


def data_body(tsn, sid, sseq, ppid, payload):
    return struct.pack(">IHHI", tsn, sid, sseq, ppid) + payload


def sctp_frames():
    f = []
    addr_param = struct.pack(">HH", 0x000C, 6) + struct.pack(">H", 5) + b"\0\0"  # supported address types
    f.append(ipv4(132, sctp([chunk(1, 0, init_body(0xA1B2C3D4, params=addr_param))], vtag=0)))
    cookie = struct.pack(">HH", 7, 12) + b"cookie!!"
    f.append(ipv4(132, sctp([chunk(2, 0, init_body(0x0BADBEEF, 200000, 5, 5, 77, cookie))], 6000, 5000),
                  src=V4_B, dst=V4_A))
    f.append(ipv4(132, sctp([chunk(10, 0, b"cookie!!"),
                             chunk(0, 3, data_body(1000, 0, 0, 0, b"hello"))])))
    f.append(ipv4(132, sctp([chunk(11, 0, b"")], 6000, 5000), src=V4_B, dst=V4_A))
    f.append(ipv4(132, sctp([chunk(0, 7, data_body(1001, 1, 0, 18, b"s1ap-data-here!"))])))
    f.append(ipv4(132, sctp([chunk(0, 2, data_body(1002, 2, 1, 0xDEAD, b"first")),
                             chunk(0, 0, data_body(1003, 2, 1, 4, b"middle")),
                             chunk(0, 1, data_body(1004, 2, 1, 27, b"last"))])))
    sack = struct.pack(">IIHH", 1001, 65000, 2, 1) + struct.pack(">HHHH", 2, 3, 5, 9) + struct.pack(">I", 999)
    f.append(ipv4(132, sctp([chunk(3, 0, sack)], 6000, 5000), src=V4_B, dst=V4_A))
    hb = struct.pack(">HH", 1, 12) + b"heartbt!"
    f.append(ipv4(132, sctp([chunk(4, 0, hb)])))
    f.append(ipv4(132, sctp([chunk(5, 0, hb)], 6000, 5000), src=V4_B, dst=V4_A))
    f.append(ipv4(132, sctp([chunk(7, 0, struct.pack(">I", 1004))])))
    f.append(ipv4(132, sctp([chunk(8, 0, b"")], 6000, 5000), src=V4_B, dst=V4_A))
    f.append(ipv4(132, sctp([chunk(14, 0, b"")])))
    f.append(ipv4(132, sctp([chunk(6, 1, struct.pack(">HH", 1, 8) + b"\0\0\0\x05")])))
    f.append(ipv4(132, sctp([chunk(9, 0, b""), chunk(12, 0, struct.pack(">I", 7)),
                             chunk(13, 0, struct.pack(">I", 7))])))
    f.append(ipv4(132, sctp([chunk(0xC0, 0, struct.pack(">I", 1234)), chunk(0x40, 0, b"xyz"),
                             chunk(0xC1, 0, b""), chunk(0xC2, 0, b"")])))
    # IPv6: INIT and DATA
    f.append(ipv6(132, sctp([chunk(1, 0, init_body(42))], 36412, 36412, vtag=0)))
    f.append(ipv6(132, sctp([chunk(0, 3, data_body(5, 0, 0, 46, b"diameter"))], 3868, 3868)))
    # ForCES port (tag only) and a ForCES PPID
    f.append(ipv4(132, sctp([chunk(11, 0, b"")], 6704, 40000)))
    # a DATA chunk with no payload: "bogus chunk length 16]"
    f.append(ipv4(132, sctp([chunk(0, 3, data_body(9, 0, 0, 0, b""))])))
    # INIT shorter than its fixed part
    f.append(ipv4(132, sctp([chunk(1, 0, b"\0" * 8)], vtag=0)))
    # a chunk length below 4
    f.append(ipv4(132, sctp([chunk(11, 0, b"", length=2)])))
    # a chunk whose padding runs past the datagram
    f.append(ipv4(132, sctp([chunk(11, 0, b"", length=5, pad=False)])))
    # two bytes after the last chunk: a cut descriptor
    f.append(ipv4(132, sctp([chunk(11, 0, b"")]) + b"\0\0"))
    # a chunk claiming more than was captured
    f.append(ipv4(132, sctp([chunk(0, 3, data_body(9, 0, 0, 0, b"abc"), length=400)])))
    # an SCTP header shorter than 12 bytes
    f.append(ipv4(132, struct.pack(">HHI", 5000, 6000, 1)))
    # snapshot cut inside a DATA chunk
    whole = ipv4(132, sctp([chunk(0, 3, data_body(10, 0, 0, 0, b"0123456789" * 4))]))
    f.append((whole, 14 + 20 + 12 + 10))
    # a SACK claiming more gaps than it holds
    sack = struct.pack(">IIHH", 50, 1000, 5, 3) + struct.pack(">HH", 1, 1)
    f.append(ipv4(132, sctp([chunk(3, 0, sack)])))
    return f


# ---- DCCP -----------------------------------------------------------------

def dccp(ptype, seq, rest=b"", opts=b"", x=True, sport=5001, dport=6001, ccval=0, cscov=0,
         payload=b"", v6=False, bad_sum=False, doff=None):
    if len(opts) % 4:
        opts += b"\0" * (4 - len(opts) % 4)
    basic = 16 if x else 12
    hlen = basic + len(rest) + len(opts)
    doff = hlen // 4 if doff is None else doff
    if x:
        h = struct.pack(">HHBBHBB", sport, dport, doff, ccval << 4 | cscov, 0, ptype << 1 | 1, 0) \
            + struct.pack(">Q", seq)[2:]
    else:
        h = struct.pack(">HHBBHB", sport, dport, doff, ccval << 4 | cscov, 0, ptype << 1) \
            + struct.pack(">I", seq)[1:]
    pkt = h + rest + opts + payload
    cov = len(pkt) if cscov == 0 else min((doff + cscov - 1) * 4, len(pkt))
    ph = craftlib.pseudo(33, len(pkt), V6_A, V6_B) if v6 else craftlib.pseudo(33, len(pkt), V4_A, V4_B)
    s = csum(ph + pkt[:cov])
    if bad_sum:
        s ^= 0x5555
    pkt = pkt[:6] + struct.pack(">H", s) + pkt[8:]
    return ipv6(33, pkt) if v6 else ipv4(33, pkt)


def ack48(n):
    return b"\0\0" + struct.pack(">Q", n)[2:]


def dccp_frames():
    f = []
    opts = bytes([32, 4, 1, 2]) + bytes([41, 6]) + struct.pack(">I", 123456) + bytes([0, 2])
    f.append(dccp(0, 100, struct.pack(">I", 42), opts))
    f.append(dccp(1, 500, ack48(100) + struct.pack(">I", 42),
                  bytes([33, 4, 1, 2, 42, 8]) + struct.pack(">IH", 123456, 77), sport=6001, dport=5001))
    f.append(dccp(3, 101, ack48(500), bytes([37, 3, 1, 43, 4, 0, 9, 44, 6, 1, 2, 3, 4])))
    f.append(dccp(4, 102, ack48(500), bytes([38, 4, 0xAA, 0xBB, 39, 3, 0xCC, 40, 3, 1, 36, 4, 9, 9]),
                  payload=b"data-ack payload", ccval=3))
    f.append(dccp(2, 103, payload=b"just data"))
    f.append(dccp(2, 0x123456, x=False, payload=b"short seq"))
    f.append(dccp(3, 0x10, ack48(0)[:1] + b"\0\x00\x05" + b"\0" * 4, x=False))
    f.append(dccp(5, 104, ack48(501), sport=6001, dport=5001))
    f.append(dccp(6, 105, ack48(501)))
    f.append(dccp(7, 502, ack48(105) + bytes([2, 0, 0, 0]), sport=6001, dport=5001))
    f.append(dccp(7, 503, ack48(105) + bytes([20, 0, 0, 0]), sport=6001, dport=5001))
    f.append(dccp(8, 106, ack48(501), bytes([128, 4, 1, 2, 129, 6, 0, 0, 1, 0])))
    f.append(dccp(9, 504, ack48(106), bytes([130, 2, 200, 3, 1])))
    f.append(dccp(0, 7, struct.pack(">I", 1), v6=True))
    f.append(dccp(4, 8, ack48(3), v6=True, payload=b"v6 data", cscov=1))
    f.append(dccp(2, 106, payload=b"bad sum", bad_sum=True))
    f.append(dccp(2, 107, payload=b"coverage", cscov=2))
    f.append(dccp(12, 108, ack48(1)))
    # options: a length below 2, then one running past the header
    f.append(dccp(3, 109, ack48(1), bytes([41, 1, 0, 0])))
    f.append(dccp(3, 110, ack48(1), bytes([0, 0, 42, 40])))
    f.append(dccp(3, 111, ack48(1), bytes([200, 1, 0, 0])))
    # data offset beyond the packet (-q prints the wrapped length)
    f.append(dccp(2, 112, doff=40))
    # shorter than the generic header; an Ack without room for its ack
    f.append(ipv4(33, struct.pack(">HHBBH", 5001, 6001, 3, 0, 0)))
    f.append(ipv4(33, struct.pack(">HHBBHBB", 5001, 6001, 4, 0, 0, 3 << 1 | 1, 0) + b"\0" * 6))
    # snapshot cut in the options
    whole = dccp(3, 113, ack48(1), bytes([41, 6, 0, 0, 0, 1, 41, 6, 0, 0, 0, 2]))
    f.append((whole, len(whole) - 6))
    return f


# ---- STP ------------------------------------------------------------------

STP_DST = bytes.fromhex("0180c2000000")


def llc_frame(payload, dsap=0x42, ssap=0x42, ctrl=3, dst=STP_DST):
    body = bytes([dsap, ssap, ctrl]) + payload
    return dst + MAC_A + struct.pack(">H", len(body)) + body


def bpdu(version, btype, flags=0, root=b"\x80\x00" + MAC_B, cost=4, bridge=b"\x80\x00" + MAC_A,
         port=0x8001, times=(0, 20 * 256, 2 * 256, 15 * 256)):
    return struct.pack(">HBBB", 0, version, btype, flags) + root + struct.pack(">I", cost) + bridge \
        + struct.pack(">HHHHH", port, *times)


def mst(version=3, mstis=2, spb=False):
    b = bpdu(version, 2, 0x7c) + b"\0"
    name = b"region-one".ljust(32, b"\0")
    cfg = b"\0" + name + struct.pack(">H", 7) + bytes(range(16))
    cist = struct.pack(">I", 2000) + b"\x80\x00" + MAC_A + bytes([20])
    msti = b""
    for i in range(mstis):
        msti += bytes([0x0e | (i << 4 & 0x30)]) + struct.pack(">H", 0x8000 | (i + 1)) + MAC_B \
            + struct.pack(">I", 100 * (i + 1)) + bytes([0x80, 0x90, 19])
    v3 = cfg + cist + msti
    out = b + struct.pack(">H", len(v3)) + v3
    if spb:
        aux = b"\0" + b"aux-name".ljust(32, b"\0") + struct.pack(">H", 3) + bytes(range(16, 32)) \
            + bytes([0xd4, 0, 0x21, 0x43]) + struct.pack(">H", 5) + b"\0" * 8 + bytes(range(20))
        out += struct.pack(">H", len(aux)) + aux
    return out


def stp_frames():
    f = []
    f.append(llc_frame(bpdu(0, 0)))
    f.append(llc_frame(bpdu(0, 0, 0x81, times=(1, 5120, 512, 3840))))
    f.append(llc_frame(struct.pack(">HBB", 0, 0, 0x80)))
    f.append(llc_frame(bpdu(2, 2, 0x3c) + b"\0"))
    f.append(llc_frame(bpdu(2, 2, 0x46) + b"\0"))
    f.append(llc_frame(mst()))
    f.append(llc_frame(mst(mstis=0)))
    f.append(llc_frame(mst(version=4, mstis=1, spb=True)))
    # Cisco PVST+ over SNAP
    snap = bytes([0xAA, 0xAA, 3, 0, 0, 0x0C, 0x01, 0x0B]) + bpdu(0, 0) + b"\0\0\0\x02"
    f.append(bytes.fromhex("01000ccccccd") + MAC_A + struct.pack(">H", len(snap)) + snap)
    # unknown protocol id, unknown version, unknown type, short, bad lengths
    f.append(llc_frame(struct.pack(">HBB", 1, 0, 0) + b"\0" * 32))
    f.append(llc_frame(struct.pack(">HBB", 0, 7, 0) + b"\0" * 32))
    f.append(llc_frame(struct.pack(">HBB", 0, 0, 5) + b"\0" * 32))
    f.append(llc_frame(b"\0\0\0"))
    f.append(llc_frame(bpdu(0, 0)[:30]))
    f.append(llc_frame(bpdu(2, 2)))
    f.append(llc_frame(mst()[:80]))
    bad_v1 = bytearray(mst()); bad_v1[35] = 1
    f.append(llc_frame(bytes(bad_v1)))
    # cut by the snapshot length inside the bridge id, and inside an MSTI
    whole = llc_frame(bpdu(0, 0))
    f.append((whole, 14 + 3 + 20))
    whole = llc_frame(mst())
    f.append((whole, len(whole) - 10))
    return f


# ---- EIGRP ----------------------------------------------------------------

def tlv(t, v, length=None):
    return struct.pack(">HH", t, 4 + len(v) if length is None else length) + v


def eigrp(tlvs, opcode=5, version=2, flags=0, seq=0, ack=0, asn=100):
    h = struct.pack(">BBHIIIHH", version, opcode, 0, flags, seq, ack, 0, asn)
    body = h + b"".join(tlvs)
    body = body[:2] + struct.pack(">H", csum(body)) + body[4:]
    return ipv4(88, body, dst=bytes([224, 0, 0, 10]), ttl=2)


def eigrp_metric(delay=2560000, bw=256, mtu=1500, hop=0, rel=255, load=1):
    return struct.pack(">II", delay, bw) + struct.pack(">I", mtu)[1:] + bytes([hop, rel, load, 0, 0])


def eigrp_frames():
    f = []
    hello = [tlv(1, bytes([1, 0, 1, 0, 0, 0]) + struct.pack(">H", 15)), tlv(4, bytes([12, 4, 1, 2]))]
    f.append(eigrp(hello))
    ip_int = tlv(0x102, struct.pack(">I", 0) + eigrp_metric() + bytes([24, 10, 1, 2]))
    ip_int2 = tlv(0x102, bytes([10, 0, 0, 9]) + eigrp_metric(hop=2) + bytes([8, 10]))
    ip_int3 = tlv(0x102, struct.pack(">I", 0) + eigrp_metric() + bytes([0]))
    f.append(eigrp([ip_int, ip_int2, ip_int3], opcode=1, flags=0x9, seq=7, ack=3))
    ip_ext = tlv(0x103, bytes([10, 0, 0, 2]) + bytes([192, 0, 2, 9]) + struct.pack(">IIIH", 65000, 0xDEADBEEF, 42, 0)
                 + bytes([9, 0x40]) + eigrp_metric() + bytes([32, 198, 51, 100, 7]))
    f.append(eigrp([ip_ext], opcode=3, flags=2))
    at_setup = tlv(0x204, struct.pack(">HHI", 100, 110, 77))
    at_int = tlv(0x202, struct.pack(">I", 0x00640001) + eigrp_metric() + struct.pack(">HH", 100, 110))
    at_ext = tlv(0x203, struct.pack(">IIIIBBH", 0, 5, 6, 7, 3, 0, 9) + eigrp_metric() + struct.pack(">HH", 200, 210))
    f.append(eigrp([at_setup, at_int, at_ext], opcode=4))
    f.append(eigrp([tlv(2, b"authdata1234"), tlv(3, b"\x04\x01\x02\x03\x04"), tlv(5, struct.pack(">I", 9)),
                    tlv(0x302, b"ipx!"), tlv(0x999, b"??")], opcode=7))
    # short TLVs, an illegal prefix length, a TLV longer than the packet,
    # a TLV shorter than its header
    f.append(eigrp([tlv(1, b"\0\0"), tlv(4, b"\0"), tlv(0x102, b"\0" * 8), tlv(0x103, b"\0" * 8),
                    tlv(0x204, b"\0"), tlv(0x202, b"\0"), tlv(0x203, b"\0")], opcode=1))
    f.append(eigrp([tlv(0x102, struct.pack(">I", 0) + eigrp_metric() + bytes([40, 1]))], opcode=1))
    f.append(eigrp([tlv(1, bytes(8), length=200)]))
    f.append(eigrp([tlv(1, bytes(8), length=2)]))
    # version 1, an unknown opcode, a short header
    f.append(eigrp(hello, version=1))
    f.append(eigrp(hello, opcode=9))
    f.append(ipv4(88, struct.pack(">BBH", 2, 5, 0) + b"\0" * 12, dst=bytes([224, 0, 0, 10])))
    f.append(ipv4(88, struct.pack(">BBH", 2, 5, 0) + b"\0" * 16, dst=bytes([224, 0, 0, 10]), total=20 + 10))
    # cut inside a TLV
    whole = eigrp(hello)
    f.append((whole, len(whole) - 3))
    return f


# ---- application printers' malformed cases -------------------------------

def udp4(sport, dport, payload, src=V4_A, dst=V4_B):
    return ipv4(17, craftlib.udp(sport, dport, payload, src, dst), src, dst)


def app_frames():
    f = []
    for msg in (b"no bracket", b"<1234>four digits", b"<999>unknown facility", b"<13", b"<>empty",
                b"<0>kernel emergency \x01\x7f\xff"):
        f.append(udp4(40000, 514, msg))
    whole = udp4(40000, 514, b"<14>a message cut by the snapshot length")
    f.append((whole, len(whole) - 12))
    ntp = struct.pack(">BBbb", 0x23, 2, 6, -20) + struct.pack(">HHHH", 1, 2, 3, 4) + b"\x0a\0\0\x01" \
        + struct.pack(">II", 3900000000, 0x80000000) + struct.pack(">II", 3900000001, 0x40000000) \
        + struct.pack(">II", 3900000000, 0xC0000000) + struct.pack(">II", 3899999999, 0x10000000)
    f.append(udp4(123, 123, ntp[:20]))
    for cut in (6, 14, 30):
        whole = udp4(123, 123, ntp)
        f.append((whole, 14 + 20 + 8 + cut))
    f.append(udp4(123, 123, ntp[:1] + bytes([62]) + ntp[2:]))
    f.append(udp4(123, 123, ntp[:1] + bytes([63]) + ntp[2:]))
    f.append(udp4(123, 123, ntp + b"\0" * 7))
    ctrl = struct.pack(">BBHHHHH", 0x16, 0xE2, 9, 0, 1, 2, 40) + b"x" * 8
    f.append(udp4(123, 123, ctrl))
    f.append(udp4(123, 123, ctrl[:8]))
    ctrl = struct.pack(">BBHHHHH", 0x16, 0x42, 9, 0xFFFF, 1, 2, 16) + b"y" * 16
    f.append((udp4(123, 123, ctrl), 14 + 20 + 8 + 20))
    for tag in (0x6A, 0x6B, 0x6C, 0x7E):
        f.append(udp4(50000, 88, bytes([tag, 0x81, 0x20, 0x30]) + b"\0" * 16))
    for v in (1, 2, 3):
        f.append(udp4(50000, 750, bytes([v, 2]) + b"x\0"))
    f.append(udp4(50000, 88, b""))
    name = b"alice\0\0EXAMPLE.ORG\0"
    f.append(udp4(50000, 750, bytes([4, 2]) + name + b"\0\0\0\0" + bytes([96]) + b"krbtgt\0EXAMPLE.ORG\0"))
    f.append(udp4(50000, 750, bytes([4, 3]) + name + b"\0\0\0\0" + bytes([12]) + b"krbtgt\0EXAMPLE.ORG\0"))
    f.append(udp4(750, 50000, bytes([4, 4]) + name + b"\0" * 10 + struct.pack(">H", 300) + b"\0" * 8))
    f.append(udp4(750, 50000, bytes([4, 5]) + name + b"\0" * 10 + struct.pack("<H", 300) + b"\0" * 8))
    f.append(udp4(50000, 750, bytes([4, 6, 3]) + b"EXAMPLE.ORG\0" + bytes([7, 9])))
    f.append(udp4(750, 50000, bytes([4, 10]) + name + b"\0\0\0\0" + struct.pack(">H", 8) + b"\0\0" + b"no such user\0"))
    f.append(udp4(750, 50000, bytes([4, 11]) + name + b"\0\0\0\0" + struct.pack("<H", 42) + b"\0\0" + b"odd\0"))
    f.append(udp4(750, 50000, bytes([4, 14]) + b"\0" * 8))
    f.append(udp4(750, 50000, bytes([4, 2]) + b"alice-without-end"))
    for msg in (b"\0", b"\0\x09", b"\0\x01", b"\0\x01file", b"\0\x02file\0", b"\0\x01file\0mode",
                b"\0\x06\0\0opt\0", b"\0\x06bad", b"\0\x03", b"\0\x04\0", b"\0\x05\0",
                b"\0\x05\0\x09", b"\0\x05\0\x09oops\0", b"\0\x05\0\x03no end"):
        f.append(udp4(50001, 69, msg))
    return f


# ---- IGMP -----------------------------------------------------------------

def igmp(body, dst=bytes([224, 0, 0, 1]), bad=False):
    s = csum(body)
    if bad:
        s ^= 0x1111
    body = body[:2] + struct.pack(">H", s) + body[4:]
    return ipv4(2, body, dst=dst, ttl=1)


ip4 = craftlib.addr4


def igmp_frames():
    f = []
    f.append(igmp(struct.pack(">BBHI", 0x11, 0, 0, 0)))
    f.append(igmp(struct.pack(">BBHI", 0x11, 100, 0, 0)))
    f.append(igmp(struct.pack(">BBH4s", 0x11, 50, 0, ip4("239.1.1.1")), dst=ip4("239.1.1.1")))
    f.append(igmp(struct.pack(">BBHI", 0x11, 0, 0, 0) + b"\0\0"))
    f.append(igmp(struct.pack(">BBHIBBH", 0x11, 100, 0, 0, 2, 125, 0)))
    f.append(igmp(struct.pack(">BBH4sBBH", 0x11, 200, 0, ip4("239.2.2.2"), 2, 125, 2) + ip4("10.0.0.1") + ip4("10.0.0.2")))
    f.append(igmp(struct.pack(">BBH4sBBH", 0x11, 0xFF, 0, ip4("239.2.2.2"), 2, 125, 0)))
    f.append(igmp(struct.pack(">BBH4sBBH", 0x11, 10, 0, ip4("239.2.2.2"), 2, 125, 5) + ip4("10.0.0.1")))
    f.append(igmp(struct.pack(">BBHIBBH", 0x11, 100, 0, 0, 2, 125, 0) + b"\0\0"))
    f.append(igmp(struct.pack(">BBH4s", 0x12, 0, 0, ip4("239.3.3.3"))))
    f.append(igmp(struct.pack(">BBH4s", 0x12, 0, 0, ip4("239.3.3.3")) + b"\0" * 4))
    f.append(igmp(struct.pack(">BBH4s", 0x16, 0, 0, ip4("239.4.4.4")), dst=ip4("239.4.4.4")))
    f.append(igmp(struct.pack(">BBH4s", 0x17, 0, 0, ip4("239.4.4.4")), dst=ip4("224.0.0.2")))
    recs = b""
    for t in range(1, 8):
        n = t % 3
        recs += struct.pack(">BBH4s", t, 0, n, ip4("239.9.9.%d" % t)) + b"".join(ip4("10.1.0.%d" % i) for i in range(n))
    f.append(igmp(struct.pack(">BBHHH", 0x22, 0, 0, 0, 7) + recs, dst=ip4("224.0.0.22")))
    f.append(igmp(struct.pack(">BBHHH", 0x22, 0, 0, 0, 3) + struct.pack(">BBH4s", 1, 0, 0, ip4("239.9.9.9")), dst=ip4("224.0.0.22")))
    f.append(igmp(struct.pack(">BBHHH", 0x22, 0, 0, 0, 1) + struct.pack(">BBH4s", 1, 0, 9, ip4("239.9.9.9")), dst=ip4("224.0.0.22")))
    f.append(igmp(struct.pack(">BBHHH", 0x22, 0, 0, 0, 1) + b"\0" * 6, dst=ip4("224.0.0.22")))
    tr = ip4("10.0.0.5") + ip4("10.0.9.9") + ip4("10.0.0.1") + bytes([0]) + struct.pack(">I", 0xABCDE)[1:]
    f.append(igmp(struct.pack(">BBHI", 0x1F, 0, 0, 0) + tr))
    tr = ip4("10.0.0.5") + ip4("10.0.9.9") + ip4("224.0.1.32") + bytes([64]) + struct.pack(">I", 77)[1:]
    f.append(igmp(struct.pack(">BBHI", 0x1E, 0, 0, 0) + tr))
    f.append(igmp(struct.pack(">BBHI", 0x1F, 0, 0, 0) + tr[:8]))
    f.append(igmp(struct.pack(">BBHI", 0x13, 0, 0, 0)[:6]))
    f.append(igmp(struct.pack(">BBHI", 0x42, 0, 0, 0)))
    f.append(igmp(struct.pack(">BBH4s", 0x16, 0, 0, ip4("239.4.4.4")), bad=True))
    whole = igmp(struct.pack(">BBH4s", 0x16, 0, 0, ip4("239.4.4.4")))
    f.append((whole, len(whole) - 2))
    return f


# ---- CDP ------------------------------------------------------------------

CDP_DST = bytes.fromhex("01000ccccccc")


def cdp_tlv(t, v, length=None):
    return struct.pack(">HH", t, 4 + len(v) if length is None else length) + v


def cdp(tlvs, version=2, ttl=180, raw=None):
    body = struct.pack(">BBH", version, ttl, 0xBEEF) + b"".join(tlvs) if raw is None else raw
    snap = bytes([0xAA, 0xAA, 0x03, 0x00, 0x00, 0x0C, 0x20, 0x00]) + body
    return CDP_DST + MAC_A + struct.pack(">H", len(snap)) + snap


def cdp_frames():
    v4 = struct.pack(">BBBH", 1, 1, 0xCC, 4) + bytes([192, 0, 2, 7])
    v6 = struct.pack(">BB", 2, 8) + bytes([0xAA, 0xAA, 3, 0, 0, 0, 0x86, 0xDD]) + struct.pack(">H", 16) + V6_A
    other = struct.pack(">BB", 1, 2) + b"\x81\x82" + struct.pack(">H", 3) + b"\x01\x02\x03"
    f = []
    f.append(cdp([cdp_tlv(1, b"switch-1.example"), cdp_tlv(2, struct.pack(">I", 3) + v4 + v6 + other),
                  cdp_tlv(3, b"GigabitEthernet0/1"), cdp_tlv(4, struct.pack(">I", 0x29)),
                  cdp_tlv(5, b"Cisco IOS Software\nVersion 15.2\n\x01\xff"), cdp_tlv(6, b"WS-C2960"),
                  cdp_tlv(7, bytes([10, 1, 0, 0, 16, 10, 2, 0, 0, 24])), cdp_tlv(8, b"\x00\x00\x0c\x01\x12"),
                  cdp_tlv(9, b"vtpdomain"), cdp_tlv(10, struct.pack(">H", 100)), cdp_tlv(11, b"\x01"),
                  cdp_tlv(14, b"\x01\x00\x0a"), cdp_tlv(15, b"\x20\x00"), cdp_tlv(16, struct.pack(">H", 15400)),
                  cdp_tlv(17, struct.pack(">I", 1500)), cdp_tlv(18, b"\x00"), cdp_tlv(19, b"\x05"),
                  cdp_tlv(20, b"sysname"), cdp_tlv(21, b"\x06\x08\x2b"),
                  cdp_tlv(22, struct.pack(">I", 1) + v4), cdp_tlv(23, b"\x02room 12"),
                  cdp_tlv(0x30, b"\xde\xad\xbe\xef"), cdp_tlv(12, b"\x01")]))
    # Malformed: a bad fixed length, a prefix list not in fives, addresses
    # short of their count, a TLV shorter than its header, one past the end,
    # a message shorter than the header, a cut frame.
    f.append(cdp([cdp_tlv(1, b"sw"), cdp_tlv(4, b"\x00\x01"), cdp_tlv(7, b"\x0a\x00\x00")], version=1))
    f.append(cdp([cdp_tlv(2, struct.pack(">I", 2) + v4)]))
    f.append(cdp([cdp_tlv(2, b"\x00")]))
    f.append(cdp([cdp_tlv(1, b"sw"), cdp_tlv(3, b"", length=2)]))
    f.append(cdp([cdp_tlv(1, b"sw"), cdp_tlv(3, b"port", length=40)]))
    f.append(cdp([], raw=b"\x02\xb4"))
    whole = cdp([cdp_tlv(1, b"switch-1.example"), cdp_tlv(6, b"WS-C2960")])
    f.append((whole, len(whole) - 6))
    return f


# ---- ES-IS ----------------------------------------------------------------

ISO_ALL_IS = bytes.fromhex("09002b000005")


def osi_cksum(pdu, off):
    """tcpdump's create_osi_cksum: the checksum field's value that verifies."""
    c0 = c1 = 0
    for i, b in enumerate(pdu):
        if i in (off, off + 1):
            c1 += c0
        else:
            c0 += b
            c1 += c0
    c0 %= 255
    c1 %= 255
    mul = ((len(pdu) - off) * c0) & 0xFFFFFFFF
    x = (mul - c0 - c1) & 0xFFFFFFFF
    y = (c1 - mul - 1) & 0xFFFFFFFF
    x = x - (1 << 32) if x >= 1 << 31 else x
    y = y - (1 << 32) if y >= 1 << 31 else y
    if y >= 0:
        y += 1
    if x < 0:
        x -= 1
    x = int(x - 255 * int(x / 255))  # C's % truncates toward zero
    y = int(y - 255 * int(y / 255))
    x = 255 if x == 0 else x
    y = 255 if y == 0 else y
    return ((x & 0xFF) << 8) | (y & 0xFF)


def esis(ptype, body, hold=300, version=1, good=True, cksum=None, li=None):
    pdu = bytearray(struct.pack(">BBBBBHH", 0x82, 0, version, 0, ptype, hold, 0) + body)
    pdu[1] = len(pdu) if li is None else li
    if cksum is not None:
        struct.pack_into(">H", pdu, 7, cksum)
    elif good:
        struct.pack_into(">H", pdu, 7, osi_cksum(bytes(pdu), 7))
    return llc_frame(bytes(pdu), dsap=0xFE, ssap=0xFE, dst=ISO_ALL_IS)


def esis_frames():
    net = bytes.fromhex("49000100000000000101")
    area = bytes.fromhex("490001aabbccddeeff00")
    protos = bytes([129, 2, 0xCC, 0x8E])
    conf = bytes([198, 2]) + struct.pack(">H", 60)
    f = []
    f.append(esis(4, bytes([len(net)]) + net))
    f.append(esis(4, bytes([len(net)]) + net + conf))
    f.append(esis(2, bytes([2, len(net)]) + net + bytes([len(area)]) + area))
    f.append(esis(2, bytes([1, len(area)]) + area + protos + conf, good=False, cksum=0x1234))
    f.append(esis(6, bytes([len(area)]) + area + bytes([6]) + MAC_B + bytes([len(net)]) + net, cksum=0))
    f.append(esis(6, bytes([len(area)]) + area + bytes([2]) + b"\x01\x02" + bytes([0])))
    f.append(esis(6, bytes([len(area)]) + area + bytes([0]) + bytes([0])))
    f.append(esis(4, bytes([len(net)]) + net + bytes([197, 3, 1, 2, 3])))
    f.append(esis(4, bytes([len(net)]) + net + bytes([198, 3, 0, 60, 0])))
    f.append(esis(4, bytes([len(net)]) + net + bytes([129, 9, 0xCC])))
    f.append(esis(4, bytes([len(net)]) + net + bytes([205])))
    f.append(esis(9, b"\x01\x02\x03\x04"))
    f.append(esis(4, bytes([len(net)]) + net, version=2))
    f.append(esis(4, bytes([len(net)]) + net, li=200))
    f.append(esis(4, bytes([len(net)]) + net, li=10))
    f.append(esis(4, bytes([30]) + net))
    f.append(esis(2, bytes([3, len(net)]) + net))
    whole = esis(4, bytes([len(net)]) + net)
    f.append((whole, len(whole) - 4))
    return f


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    write_pcap("sctp-dccp.pcap", sctp_frames() + dccp_frames())
    write_pcap("stp.pcap", stp_frames())
    write_pcap("eigrp.pcap", eigrp_frames())
    write_pcap("app-crafted.pcap", app_frames())
    write_pcap("igmp.pcap", igmp_frames())
    write_pcap("cdp-crafted.pcap", cdp_frames())
    write_pcap("esis.pcap", esis_frames())
