#!/usr/bin/env python3
# craft.py -- build the encapsulated captures of tests/data/encap/ that this
# kernel cannot record (no 8021q, geneve, gre, erspan, ipip, sit, mpls, ppp
# here; see scripts/record-encap-captures.sh) by wrapping every frame of a
# REAL recorded plain-Ethernet TCP capture.
#
#   craft.py INDIR OUTDIR
#
# reads INDIR/plain-ipv4.pcap, plain-ipv6.pcap and plain-teredo.pcap and writes
# OUTDIR/<name>.pcap for every name in CAPTURES below.  Deterministic: the
# same inputs give byte-identical outputs (no randomness, no clock).  The
# inner frame (or the inner IP packet, for layer-3 tunnels) is copied byte for
# byte, so its IP and TCP checksums stay the recorded, valid ones; outer IPv4
# header checksums and outer UDP checksums are computed; every length field is
# right.  Each output frame keeps the timestamp of the frame it wraps.
#
# Direction: a frame whose Ethernet source is the recording client's MAC
# (02:89:00:00:00:01 or 02:89:00:00:20:01) goes client -> server ("c2s").
# Outer addresses (the tunnel endpoints, never on any interface):
#   A (client side) 10.89.200.1 / fd89:200::1, MAC 02:89:00:00:c8:01
#   B (server side) 10.89.200.2 / fd89:200::2, MAC 02:89:00:00:c8:02
# ERSPAN: A is the mirroring switch, B the collector (all frames A -> B).
# GTP-U: A is the base station (gNB/eNodeB), B the UPF/SGW; AYIYA: A the
# tunnel client, B the PoP; Aruba: A the access point, B the controller.
import hashlib
import os
import struct
import sys
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import craftlib  # noqa: E402
from craftlib import csum  # noqa: E402

CLIENT_MACS = (bytes.fromhex("028900000001"), bytes.fromhex("028900002001"))
A_MAC, B_MAC = bytes.fromhex("02890000c801"), bytes.fromhex("02890000c802")
A4, B4 = "10.89.200.1", "10.89.200.2"
A6, B6 = "fd89:200::1", "fd89:200::2"


# ------------------------------------------------------------------ pcap
def read_pcap(path):
    """(time in microseconds, frame) of every record of a whole-frame Ethernet capture."""
    header, recs = craftlib.read_pcap(path)
    assert struct.unpack_from("<I", header, 20)[0] == 1, "%s: not Ethernet" % path
    out = []
    for sec, usec, fr, wl in recs:
        assert len(fr) == wl, "%s: truncated frame" % path
        out.append((sec * 1000000 + usec, fr))
    return out


def write_pcap(path, frames):
    craftlib.write_pcap(path, [craftlib.record(t // 1000000, t % 1000000, fr) for t, fr in frames])


# ------------------------------------------------------------------ headers
a4, a6 = craftlib.addr4, craftlib.addr6


class Outer:
    """Outer IPv4/IPv6 headers between two tunnel endpoints; the IPv4 ID is a
    per-sender counter (deterministic)."""

    def __init__(self, c, s, v6=False, cmac=A_MAC, smac=B_MAC):
        self.v6 = v6
        self.addr = {"c2s": (c, s), "s2c": (s, c)}
        self.mac = {"c2s": (cmac, smac), "s2c": (smac, cmac)}
        self.ident = {"c2s": 0x1000, "s2c": 0x2000}

    def eth(self, d):
        src, dst = self.mac[d]
        return dst + src + (b"\x86\xdd" if self.v6 else b"\x08\x00")

    def ip(self, d, proto, payload):
        src, dst = self.addr[d]
        if self.v6:
            return craftlib.ipv6(proto, payload, src, dst)
        self.ident[d] = (self.ident[d] + 1) & 0xFFFF
        return craftlib.ipv4(proto, payload, src, dst, ident=self.ident[d], frag=0x4000)

    def udp(self, d, sport, dport, payload):
        src, dst = self.addr[d]
        return self.ip(d, 17, craftlib.udp(sport, dport, payload, src, dst))

    def frame(self, d, proto, payload):
        return self.eth(d) + self.ip(d, proto, payload)

    def fragments(self, d, proto, payload, mtu):
        """The IPv4 datagram of `payload` cut into fragments of at most `mtu`
        bytes (one ID, offsets in 8-byte units, MF on all but the last;
        DF clear), each a whole frame."""
        assert not self.v6
        src, dst = self.addr[d]
        self.ident[d] = (self.ident[d] + 1) & 0xFFFF
        step = (mtu - 20) // 8 * 8
        out = []
        for off in range(0, len(payload), step):
            part = payload[off:off + step]
            mf = 0x2000 if off + step < len(payload) else 0
            out.append(self.eth(d) + craftlib.ipv4(proto, part, src, dst, ident=self.ident[d], frag=mf | off // 8))
        return out

    def udp_datagram(self, d, sport, dport, payload):
        """A UDP header (checksum computed) and its payload, without IP."""
        src, dst = self.addr[d]
        return craftlib.udp(sport, dport, payload, a4(src), a4(dst))

    def udp_frame(self, d, sport, dport, payload):
        return self.eth(d) + self.udp(d, sport, dport, payload)


def direction(fr):
    return "c2s" if fr[6:12] in CLIENT_MACS else "s2c"


def flow_port(fr):
    """A source port from a hash of the inner frame's addresses and ports,
    in 32768..60999 like Linux UDP tunnels (udp_flow_src_port)."""
    l3 = fr[14:]
    if fr[12:14] == b"\x08\x00":
        ihl = (l3[0] & 15) * 4
        key = l3[12:20] + l3[9:10] + l3[ihl:ihl + 4]
    else:
        key = l3[8:40] + l3[6:7] + l3[40:44]
    return 32768 + zlib.crc32(key) % (61000 - 32768)


def tci(vid, pcp=0):
    return struct.pack("!H", (pcp << 13) | vid)


# ------------------------------------------------------------------ encapsulations
# each: (frames of the base capture) -> list of (timestamp, frame)

def l2_wrap(fn):
    def run(frames):
        return [(t, fn(direction(fr), fr)) for t, fr in frames]
    return run


def vlan(d, fr):                     # 802.1Q, VID 10, PCP 0
    return fr[:12] + b"\x81\x00" + tci(10) + fr[12:]


def qinq(d, fr):                     # 802.1ad S-tag VID 100 + 802.1Q C-tag VID 10
    return fr[:12] + b"\x88\xa8" + tci(100) + b"\x81\x00" + tci(10) + fr[12:]


def mpls_stack(labels):
    out = b""
    for i, lab in enumerate(labels):
        bos = 1 if i == len(labels) - 1 else 0
        out += struct.pack("!I", (lab << 12) | (0 << 9) | (bos << 8) | 64)
    return out


def mpls(d, fr):
    # c2s: 2-label stack (transport 16001, service 100, bottom); s2c: one label
    # (16002, bottom) -- as after penultimate-hop popping of the transport label.
    # The Ethernet header is the label switch routers' (A, B): IP payload only.
    labels = [16001, 100] if d == "c2s" else [16002]
    src, dst = (A_MAC, B_MAC) if d == "c2s" else (B_MAC, A_MAC)
    return dst + src + b"\x88\x47" + mpls_stack(labels) + fr[14:]


def pbb(d, fr):
    # 802.1ah: B-DA, B-SA, B-TAG (0x88a8, B-VID 200), I-TAG (0x88e7: PCP 0,
    # DEI 0, UCA 0, I-SID 0x012345), then the whole customer frame (C-DA,
    # C-SA, ethertype, payload).  Backbone MACs: A / B (the BEBs).
    src, dst = (A_MAC, B_MAC) if d == "c2s" else (B_MAC, A_MAC)
    itag = struct.pack("!I", (0 << 29) | (0 << 28) | (0 << 27) | 0x012345)
    return dst + src + b"\x88\xa8" + tci(200) + b"\x88\xe7" + itag + fr


def vntag(d, fr):
    # VN-Tag (802.1Qbh pre-standard, ethertype 0x8926): D(1) P(1) DVIF(14)
    # L(1) R(1) VER(2) SVIF(12).  c2s: upstream from the host's virtual
    # interface 5 (D=0, SVIF 5); s2c: downstream to it (D=1, DVIF 5).
    if d == "c2s":
        tag = (0 << 31) | (0 << 30) | (0 << 16) | (0 << 15) | (0 << 14) | (0 << 12) | 5
    else:
        tag = (1 << 31) | (0 << 30) | (5 << 16) | (0 << 15) | (0 << 14) | (0 << 12) | 0
    return fr[:12] + b"\x89\x26" + struct.pack("!I", tag) + fr[12:]


def routed(make):
    """Layer-3 tunnels between A and B: make(outer, dir, frame) -> frame."""
    def run(frames):
        o = Outer(A4, B4)
        st = {}
        return [(t, make(o, direction(fr), fr, st)) for t, fr in frames]
    return run


def gre_hdr(proto, key=None, seq=None, flags=0):
    f = flags | (0x2000 if key is not None else 0) | (0x1000 if seq is not None else 0)
    h = struct.pack("!HH", f, proto)
    if key is not None:
        h += struct.pack("!I", key)
    if seq is not None:
        h += struct.pack("!I", seq)
    return h


def next_seq(st, d):
    st[d] = st.get(d, -1) + 1
    return st[d]


def gre(o, d, fr, st):               # GRE v0, no options, IPv4 inside
    return o.frame(d, 47, gre_hdr(0x0800) + fr[14:])


def gre_key_seq(o, d, fr, st):       # GRE v0 with key 89 and sequence numbers (0, 1, ... per direction)
    return o.frame(d, 47, gre_hdr(0x0800, key=89, seq=next_seq(st, d)) + fr[14:])


def gretap(o, d, fr, st):            # GRE proto 0x6558 (transparent Ethernet bridging)
    return o.frame(d, 47, gre_hdr(0x6558) + fr)


def gre_ipv6(o, d, fr, st):          # IPv6 over GRE over IPv4
    return o.frame(d, 47, gre_hdr(0x86DD) + fr[14:])


def ipip(o, d, fr, st):              # IPv4 in IPv4 (protocol 4)
    return o.frame(d, 4, fr[14:])


def sit(o, d, fr, st):               # IPv6 in IPv4 (protocol 41, 6in4)
    return o.frame(d, 41, fr[14:])


def geneve(o, d, fr, st):
    # Geneve (RFC 8926): Ver 0, Opt Len 0, O 0, C 0, protocol 0x6558, VNI 4244
    hdr = struct.pack("!BBHI", 0, 0, 0x6558, 4244 << 8)
    return o.udp_frame(d, flow_port(fr), 6081, hdr + fr)


def erspan_common(o, fr, st, proto, sub):
    seq = st["seq"] = st.get("seq", -1) + 1      # one GRE sequence: A -> B only
    return o.frame("c2s", 47, gre_hdr(proto, seq=seq) + sub + fr)


def erspan2_hdr(t, d):
    # ERSPAN type II: Ver 1, VLAN 0, COS 0, En 0, T 0, Session ID 10;
    # Reserved 0, Index 123 (Linux: erspan_ver 1 key 10 erspan 123)
    return struct.pack("!HHI", (1 << 12) | 0, (0 << 13) | (0 << 11) | (0 << 10) | 10, 123)


def erspan3_hdr(t, d):
    # ERSPAN type III: Ver 2, VLAN 0, COS 0, BSO 0, T 0, Session ID 11;
    # Timestamp in 100 us units (Gra 0, like Linux); SGT 0, P 0, FT 0
    # (Ethernet), HW ID 7, D 0 = ingress for c2s (the client's frames enter
    # the mirrored port), 1 = egress for s2c, Gra 0, O 0 (no platform subheader)
    ts = (t // 100) & 0xFFFFFFFF
    dbit = 0 if d == "c2s" else 1
    last = (0 << 15) | (0 << 10) | (7 << 4) | (dbit << 3) | (0 << 1) | 0
    return struct.pack("!HHIHH", (2 << 12) | 0, 11, ts, 0, last)


def erspan(ver, v6=False):
    def run(frames):
        o = Outer(A6, B6, v6=True) if v6 else Outer(A4, B4)
        st = {}
        out = []
        for t, fr in frames:
            d = direction(fr)
            if ver == 2:
                out.append((t, erspan_common(o, fr, st, 0x88BE, erspan2_hdr(t, d))))
            else:
                out.append((t, erspan_common(o, fr, st, 0x22EB, erspan3_hdr(t, d))))
        return out
    return run


def teredo(frames):
    # Teredo (RFC 4380): the client 2001:0:c000:22d:0:63bf:34ff:8ef8 (Teredo
    # server 192.0.2.45, NAT mapping 203.0.113.7:40000) talks to the native
    # IPv6 host 2001:db8:89::2 through the Teredo relay 192.0.2.1:3544;
    # captured on the IPv4 Internet side of the NAT: UDP 203.0.113.7:40000 <->
    # 192.0.2.1:3544, the IPv6 packet directly in the UDP payload (no
    # authentication or origin indication).
    o = Outer("203.0.113.7", "192.0.2.1")
    out = []
    for t, fr in frames:
        d = direction(fr)
        sp, dp = (40000, 3544) if d == "c2s" else (3544, 40000)
        out.append((t, o.udp_frame(d, sp, dp, fr[14:])))
    return out


def gtp_u(o, d, fr, st):
    # GTPv1-U (3GPP TS 29.281) T-PDU: flags 0x30 (version 1, PT 1, no E/S/PN),
    # message 0xff, length, TEID 0x0a01 uplink (c2s, to B) / 0x0b01 downlink;
    # UDP 2152 both ways.
    teid = 0x0A01 if d == "c2s" else 0x0B01
    ip = fr[14:]
    return o.udp_frame(d, 2152, 2152, struct.pack("!BBHI", 0x30, 0xFF, len(ip), teid) + ip)


def gtp_u_ext(o, d, fr, st):
    # GTPv1-U T-PDU with a PDU Session Container extension header (type 0x85,
    # 5G N3): uplink flags 0x36 (E, S: sequence numbers 0, 1, ...), downlink
    # 0x34 (E only); the 4 optional bytes (sequence, N-PDU 0, next type 0x85),
    # then the container: length 1 (4 bytes), PDU type (1 UL / 0 DL) << 4,
    # QFI 9, next type 0.  TEIDs as gtp_u.
    ul = d == "c2s"
    flags = 0x36 if ul else 0x34
    seq = next_seq(st, d) if ul else 0
    teid = 0x0A01 if ul else 0x0B01
    opt = struct.pack("!HBB", seq, 0, 0x85) + bytes([1, (1 if ul else 0) << 4, 9, 0])
    ip = fr[14:]
    hdr = struct.pack("!BBHI", flags, 0xFF, len(opt) + len(ip), teid) + opt
    return o.udp_frame(d, 2152, 2152, hdr + ip)


def gtp_u_frag(frames):
    # gtp_u over an underlay with a 1000-byte MTU: an outer IPv4 datagram
    # longer than that is sent as fragments (the first carries UDP, GTP, the
    # inner IP and TCP headers; the rest follows), all with the wrapped
    # frame's timestamp.
    o = Outer(A4, B4)
    out = []
    for t, fr in frames:
        d = direction(fr)
        teid = 0x0A01 if d == "c2s" else 0x0B01
        ip = fr[14:]
        g = struct.pack("!BBHI", 0x30, 0xFF, len(ip), teid) + ip
        for f in o.fragments(d, 17, o.udp_datagram(d, 2152, 2152, g), 1000):
            out.append((t, f))
    return out


def ayiya(frames):
    # AYIYA (draft-massar-v6ops-ayiya, SixXS): client A 10.89.200.1:53859 <->
    # PoP B 10.89.200.2:5072.  Header: identity length 4 (2^4 = 16 bytes) and
    # type 1 (an IPv6 address: the sender's fd89::1 / fd89::2), signature
    # length 5 (5 words: a SHA-1), hash 2 (SHA-1), authentication 1, opcode 1
    # (forward), next header 41 (IPv6), epoch (the frame's second); then the
    # identity, the signature (SHA-1 of a fixed secret, the header with a
    # zero signature and the packet: deterministic, not SixXS's exact
    # algorithm) and the IPv6 packet.  One heartbeat (opcode 0, next header
    # 59, no packet) from the client 100 ms before the first frame.
    o = Outer(A4, B4)
    ident = {"c2s": a6("fd89::1"), "s2c": a6("fd89::2")}

    def msg(t, d, op, nh, pkt):
        h = struct.pack("!BBBBI", 0x41, 0x52, 0x10 | op, nh, t // 1000000) + ident[d]
        sig = hashlib.sha1(b"tcpscope ayiya secret" + h + b"\0" * 20 + pkt).digest()
        sp, dp = (53859, 5072) if d == "c2s" else (5072, 53859)
        return o.udp_frame(d, sp, dp, h + sig + pkt)

    t0 = frames[0][0]
    out = [(t0 - 100000, msg(t0 - 100000, "c2s", 0, 59, b""))]
    for t, fr in frames:
        out.append((t, msg(t, direction(fr), 1, 41, fr[14:])))
    return out


def gre_udp(o, d, fr, st):
    # GRE-in-UDP (RFC 8086): UDP source port a per-direction hash of the
    # inner flow (entropy), destination 4754, then a plain GRE v0 header
    # (protocol 0x0800) and the IPv4 packet.
    return o.udp_frame(d, flow_port(fr), 4754, gre_hdr(0x0800) + fr[14:])


def fp_addr(switch, lid):
    # A FabricPath switch address: end node id 0, U/L 1 (bit 1 of the first
    # byte), I/G 0, OOO/DL 0, 12-bit switch id, sub-switch 0, 16-bit local id.
    return bytes([0x02, (switch >> 8) & 0x0F, switch & 0xFF, 0]) + struct.pack("!H", lid)


def fabricpath(d, fr):
    # Cisco FabricPath: outer destination / source switch addresses (the
    # client's edge switch 10, port 5; the server's 11, port 6), type 0x8903,
    # FTag 1 and TTL 32 (0x0060), then the whole classical Ethernet frame,
    # then a 4-byte frame check sequence (CRC-32 of what precedes it, as
    # Ethernet's): Wireshark's cfp dissector takes the last 4 bytes as one.
    sw = {"c2s": (fp_addr(11, 6), fp_addr(10, 5)), "s2c": (fp_addr(10, 5), fp_addr(11, 6))}
    dst, src = sw[d]
    f = dst + src + b"\x89\x03" + struct.pack("!H", (1 << 6) | 32) + fr
    return f + struct.pack("<I", zlib.crc32(f))


ARUBA_BSSID = bytes.fromhex("02890000c80a")


def aruba(o, d, fr, st):
    # Aruba access point A -> controller B: GRE v0 protocol 0x8210 (ARUBA
    # WLAN) carrying the client's 802.11 QoS data frames (frame control 0x88,
    # duration 0, sequence numbers 0, 1, ... per direction, TID 0):
    #   c2s  To DS (flags 0x01): BSSID, SA (the client), DA (the server);
    #        QoS control 0x0000; LLC/SNAP (aa aa 03 000000 0800), IPv4
    #   s2c  From DS (0x02): DA (the client), BSSID, SA (the server);
    #        QoS control 0x0080 (A-MSDU): one subframe (DA, SA, length, then
    #        LLC/SNAP and IPv4).
    # Both directions go over the one tunnel, in GRE from A to B (c2s) or B
    # to A (s2c).
    dst, src = fr[0:6], fr[6:12]
    seqctl = struct.pack("<H", next_seq(st, d) << 4)
    msdu = b"\xaa\xaa\x03\x00\x00\x00" + fr[12:14] + fr[14:]
    if d == "c2s":
        w = b"\x88\x01\x00\x00" + ARUBA_BSSID + src + dst + seqctl + b"\x00\x00" + msdu
    else:
        sub = dst + src + struct.pack("!H", len(msdu)) + msdu
        w = b"\x88\x02\x00\x00" + dst + ARUBA_BSSID + src + seqctl + b"\x80\x00" + sub
    return o.frame(d, 47, gre_hdr(0x8210) + w)


def icmp6(src, dst, typ, body):
    """An IPv6 packet with an ICMPv6 message (checksum computed, hop limit 255)."""
    m = struct.pack("!BBH", typ, 0, 0) + body
    m = m[:2] + struct.pack("!H", csum(craftlib.pseudo(58, len(m), src, dst) + m)) + m[4:]
    return craftlib.ipv6(58, m, src, dst, hlim=255)


def teredo_relay(frames):
    # Teredo as a client behind a NAT (mapping 203.0.113.7:40000) sees it:
    # qualification with its Teredo server 192.0.2.45:3544 (a router
    # solicitation with an authentication header: no client id, no
    # authentication value, nonce, confirmation 0; the router advertisement
    # back with the same authentication header and an origin indication:
    # port 40000 and 203.0.113.7, obfuscated), then the connections through
    # the Teredo relay 192.0.2.1 on port 33000 (not 3544: found by the
    # Teredo client address 2001:0:c000:22d::/64 in the IPv6 header), the
    # IPv6 packet directly in UDP.
    srv = Outer("203.0.113.7", "192.0.2.45")
    rly = Outer("203.0.113.7", "192.0.2.1")
    t0 = frames[0][0]
    nonce = hashlib.md5(b"tcpscope teredo nonce").digest()[:8]
    auth = b"\x00\x01\x00\x00" + nonce + b"\x00"
    origin = b"\x00\x00" + struct.pack("!H", 40000 ^ 0xFFFF) + bytes(
        b ^ 0xFF for b in a4("203.0.113.7"))
    cone, srv_ll = "fe80::8000:ffff:ffff:fffd", "fe80::8000:f227:bec8:61af"
    rs = icmp6(cone, "ff02::2", 133, b"\0" * 4)
    # Prefix information: 2001:0:c000:22d::/64 (the server's Teredo prefix).
    pio = struct.pack("!BBBBIII", 3, 4, 64, 0, 0, 0, 0) + a6("2001:0:c000:22d::")
    ra = icmp6(srv_ll, cone, 134, struct.pack("!BBHII", 0, 0, 0, 0, 0) + pio)
    out = [(t0 - 50000, srv.udp_frame("c2s", 40000, 3544, auth + rs)),
           (t0 - 49000, srv.udp_frame("s2c", 3544, 40000, auth + origin + ra))]
    for t, fr in frames:
        d = direction(fr)
        sp, dp = (40000, 33000) if d == "c2s" else (33000, 40000)
        out.append((t, rly.udp_frame(d, sp, dp, fr[14:])))
    return out


# ------------------------------------------------------------------ PPPoE
PADI, PADO, PADR, PADS, PADT = 0x09, 0x07, 0x19, 0x65, 0xA7
SESSION = 0x0059
HOST_UNIQ = bytes.fromhex("00000589")
AC_NAME = b"tcpscope-ac"
AC_COOKIE = hashlib.md5(b"tcpscope encap pppoe cookie").digest()


def tag(t, v=b""):
    return struct.pack("!HH", t, len(v)) + v


def pppoe_disc(dst, src, code, sid, tags):
    return dst + src + b"\x88\x63" + struct.pack("!BBHH", 0x11, code, sid, len(tags)) + tags


def pppoe_sess(dst, src, proto, payload):
    p = struct.pack("!H", proto) + payload
    return dst + src + b"\x88\x64" + struct.pack("!BBHH", 0x11, 0, SESSION, len(p)) + p


def cp(code, ident, opts):           # LCP / IPCP / IPV6CP packet
    return struct.pack("!BBH", code, ident, 4 + len(opts)) + opts


def pppoe(v4, v6):
    """One PPPoE session carrying the IPv4 recording and then the IPv6 one.
    Client = the host 02:89:00:00:00:01, access concentrator = 02:89:00:00:00:02."""
    cli, ac = CLIENT_MACS[0], bytes.fromhex("028900000002")
    bcast = b"\xff" * 6
    t0 = v4[0][0]
    out = []

    def at(dt_ms, fr):
        out.append((t0 + dt_ms * 1000, fr))

    # discovery
    at(-100, pppoe_disc(bcast, cli, PADI, 0, tag(0x0101) + tag(0x0103, HOST_UNIQ)))
    at(-99, pppoe_disc(cli, ac, PADO, 0, tag(0x0102, AC_NAME) + tag(0x0101) +
                       tag(0x0104, AC_COOKIE) + tag(0x0103, HOST_UNIQ)))
    at(-98, pppoe_disc(ac, cli, PADR, 0, tag(0x0101) + tag(0x0103, HOST_UNIQ) +
                       tag(0x0104, AC_COOKIE)))
    at(-97, pppoe_disc(cli, ac, PADS, SESSION, tag(0x0101) + tag(0x0103, HOST_UNIQ)))
    # LCP: MRU 1492 + magic number each way, no authentication
    lcp_c = b"\x01\x04\x05\xd4" + b"\x05\x06" + bytes.fromhex("5eed0001")
    lcp_a = b"\x01\x04\x05\xd4" + b"\x05\x06" + bytes.fromhex("5eed0002")
    at(-90, pppoe_sess(ac, cli, 0xC021, cp(1, 1, lcp_c)))
    at(-89, pppoe_sess(cli, ac, 0xC021, cp(1, 1, lcp_a)))
    at(-88, pppoe_sess(cli, ac, 0xC021, cp(2, 1, lcp_c)))
    at(-87, pppoe_sess(ac, cli, 0xC021, cp(2, 1, lcp_a)))
    # IPCP: IP-Address option (3) 10.89.0.1 / 10.89.0.2
    ipc_c = b"\x03\x06" + a4("10.89.0.1")
    ipc_a = b"\x03\x06" + a4("10.89.0.2")
    at(-80, pppoe_sess(ac, cli, 0x8021, cp(1, 1, ipc_c)))
    at(-79, pppoe_sess(cli, ac, 0x8021, cp(1, 1, ipc_a)))
    at(-78, pppoe_sess(cli, ac, 0x8021, cp(2, 1, ipc_c)))
    at(-77, pppoe_sess(ac, cli, 0x8021, cp(2, 1, ipc_a)))
    # IPV6CP: Interface-Identifier option (1) ::1 / ::2 (fd89::1 / fd89::2)
    i6_c = b"\x01\x0a" + bytes.fromhex("0000000000000001")
    i6_a = b"\x01\x0a" + bytes.fromhex("0000000000000002")
    at(-70, pppoe_sess(ac, cli, 0x8057, cp(1, 1, i6_c)))
    at(-69, pppoe_sess(cli, ac, 0x8057, cp(1, 1, i6_a)))
    at(-68, pppoe_sess(cli, ac, 0x8057, cp(2, 1, i6_c)))
    at(-67, pppoe_sess(ac, cli, 0x8057, cp(2, 1, i6_a)))

    def data(frames, shift, proto):
        for t, fr in frames:
            src, dst = (cli, ac) if direction(fr) == "c2s" else (ac, cli)
            out.append((t + shift, pppoe_sess(dst, src, proto, fr[14:])))

    data(v4, 0, 0x0021)
    # the IPv6 recording follows 500 ms after the last IPv4 frame
    shift6 = v4[-1][0] + 500000 - v6[0][0]
    data(v6, shift6, 0x0057)
    tend = out[-1][0]
    # LCP Terminate-Request / -Ack, then PADT from the client
    out.append((tend + 200000, pppoe_sess(ac, cli, 0xC021, cp(5, 2, b""))))
    out.append((tend + 201000, pppoe_sess(cli, ac, 0xC021, cp(6, 2, b""))))
    out.append((tend + 202000, pppoe_disc(ac, cli, PADT, SESSION, tag(0x0103, HOST_UNIQ))))
    return out


# ------------------------------------------------------------------ main
CAPTURES = [
    # name, base, builder
    ("vlan", "ipv4", l2_wrap(vlan)),
    ("qinq", "ipv4", l2_wrap(qinq)),
    ("geneve", "ipv4", routed(geneve)),
    ("gre", "ipv4", routed(gre)),
    ("gre-key-seq", "ipv4", routed(gre_key_seq)),
    ("gretap", "ipv4", routed(gretap)),
    ("gre-ipv6", "ipv6", routed(gre_ipv6)),
    ("erspan2", "ipv4", erspan(2)),
    ("erspan3", "ipv4", erspan(3)),
    ("erspan3-ipv6-outer", "ipv4", erspan(3, v6=True)),
    ("mpls", "ipv4", l2_wrap(mpls)),
    ("pppoe", None, None),
    ("pbb", "ipv4", l2_wrap(pbb)),
    ("vntag", "ipv4", l2_wrap(vntag)),
    ("ipip", "ipv4", routed(ipip)),
    ("sit", "ipv6", routed(sit)),
    ("teredo", "teredo", teredo),
    ("gtp-u", "ipv4", routed(gtp_u)),
    ("gtp-u-ext", "ipv6", routed(gtp_u_ext)),
    ("gtp-u-frag", "ipv4", gtp_u_frag),
    ("ayiya", "ipv6", ayiya),
    ("gre-udp", "ipv4", routed(gre_udp)),
    ("fabricpath", "ipv4", l2_wrap(fabricpath)),
    ("aruba", "ipv4", routed(aruba)),
    ("teredo-relay", "teredo", teredo_relay),
]


def main(indir, outdir):
    base = {k: read_pcap("%s/plain-%s.pcap" % (indir, k)) for k in ("ipv4", "ipv6", "teredo")}
    for name, b, build in CAPTURES:
        if name == "pppoe":
            frames = pppoe(base["ipv4"], base["ipv6"])
        else:
            frames = build(base[b])
        frames.sort(key=lambda x: x[0])        # stable: equal times keep their order
        write_pcap("%s/%s.pcap" % (outdir, name), frames)
        print("%s.pcap: %d frames" % (name, len(frames)), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
