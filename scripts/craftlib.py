"""craftlib -- what the capture-crafting scripts share (scripts/craft-*.py,
scripts/dhcp-crafted.py, scripts/dhcp6-crafted.py, scripts/encap-captures/craft.py; also the hand-made
segments the record scripts send through raw sockets: scripts/analyzer-captures/an.py's
SYNs, scripts/record-captures.sh's TCP options test): the Internet checksum,
Ethernet/IPv4/IPv6/UDP/TCP header builders with correct lengths and
checksums, and the classic pcap (little-endian) reader and writers. Protocol
payloads (SCTP chunks, RPC messages, PPP options, DHCP options ...) stay in
the script that crafts them.

Nothing here reads the clock or draws random numbers: a script that passes the
same values gets the same bytes, which is how every crafted capture stays
byte-identical between runs. Python 3 standard library only.

A script imports it from its own directory, whatever the cwd:

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import craftlib

scripts/check-crafted-captures.sh checks that every crafted capture in the
repository is byte for byte what its script writes: run it after a change here.
"""
import ipaddress
import struct

MAGIC_USEC = 0xA1B2C3D4  # pcap, microsecond timestamps (as written little-endian)
MAGIC_NSEC = 0xA1B23C4D  # pcap, nanosecond timestamps
LINKTYPE_ETHERNET = 1


# ---- addresses and checksum ------------------------------------------------

def addr4(a):
    """An IPv4 address as 4 bytes, from "10.0.0.1" or from bytes."""
    return a if isinstance(a, (bytes, bytearray)) else bytes(int(x) for x in a.split("."))


def addr6(a):
    """An IPv6 address as 16 bytes, from "fd00::1" or from bytes."""
    return a if isinstance(a, (bytes, bytearray)) else ipaddress.IPv6Address(a).packed


def addr(a):
    """An IPv4 or IPv6 address as 4 or 16 bytes, from text (either family) or bytes."""
    if isinstance(a, (bytes, bytearray)):
        return a
    return addr6(a) if ":" in a else addr4(a)


def csum(data):
    """The Internet checksum (RFC 1071) of DATA, odd lengths padded with a zero."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def pseudo(proto, length, src, dst):
    """The pseudo-header of a UDP/TCP/DCCP checksum, IPv4 or IPv6 as SRC and DST
    are (text, or 4 or 16 bytes)."""
    src, dst = bytes(addr(src)), bytes(addr(dst))
    if len(src) == 4:
        return src + dst + struct.pack("!BBH", 0, proto, length)
    return src + dst + struct.pack("!IxxxB", length, proto)


# ---- headers ---------------------------------------------------------------

def ether(ethertype, payload, src, dst):
    """An Ethernet II frame (no FCS)."""
    return dst + src + struct.pack("!H", ethertype) + payload


def ipv4(proto, payload, src, dst, ident=0, frag=0, ttl=64, tos=0, options=b"", total=None):
    """An IPv4 packet: header (with OPTIONS, a multiple of 4 bytes) and a correct
    header checksum. FRAG is the flags and fragment offset field (0x4000: DF);
    TOTAL overrides the total length (a lying header), the checksum then covers it."""
    ihl = 5 + len(options) // 4
    total = 4 * ihl + len(payload) if total is None else total
    h = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, tos, total, ident, frag, ttl, proto, 0,
                    addr4(src), addr4(dst)) + options
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload


def ipv6(nh, payload, src, dst, hlim=64, plen=None):
    """An IPv6 packet; PLEN overrides the payload length."""
    plen = len(payload) if plen is None else plen
    return struct.pack("!IHBB", 0x60000000, plen, nh, hlim) + addr6(src) + addr6(dst) + payload


def udp(sport, dport, payload, src=None, dst=None):
    """A UDP datagram. With SRC and DST (IPv4 or IPv6) its checksum is computed
    (0 sent as 0xFFFF); without them the checksum is 0 (none)."""
    u = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    if src is None:
        return u
    c = csum(pseudo(17, len(u), src, dst) + u) or 0xFFFF
    return u[:6] + struct.pack("!H", c) + u[8:]


def udp_frame(sport, dport, payload, src, dst, mac_src, mac_dst):
    """An Ethernet frame with a UDP datagram (checksum computed) over IPv4 or
    IPv6, as SRC and DST are."""
    u = udp(sport, dport, payload, src, dst)
    if len(addr(src)) == 16:
        return ether(0x86DD, ipv6(17, u, src, dst), mac_src, mac_dst)
    return ether(0x0800, ipv4(17, u, src, dst), mac_src, mac_dst)


def tcp(sport, dport, seq, ack, flags, payload, src, dst, win=502, options=b"", urp=0):
    """A TCP segment with OPTIONS (a multiple of 4 bytes, as they stand: the data
    offset counts them), its checksum computed over the pseudo-header of SRC and
    DST (IPv4 or IPv6)."""
    off = 5 + len(options) // 4
    h = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, off << 4, flags, win, 0, urp) + options
    c = csum(pseudo(6, len(h) + len(payload), src, dst) + h + payload)
    return h[:16] + struct.pack("!H", c) + h[18:] + payload


# ---- pcap files ------------------------------------------------------------

def pcap_header(linktype=LINKTYPE_ETHERNET, snaplen=262144, magic=MAGIC_USEC):
    """The 24-byte file header, version 2.4, little-endian."""
    return struct.pack("<IHHiIII", magic, 2, 4, 0, 0, snaplen, linktype)


def record(sec, frac, frame, caplen=None, wirelen=None):
    """One record: FRAME cut to CAPLEN bytes (whole when None), its original
    length WIRELEN (len(FRAME) when None). FRAC is micro- or nanoseconds, as the
    file's magic says; both time fields are taken modulo 2**32."""
    data = frame if caplen is None else frame[:caplen]
    wire = len(frame) if wirelen is None else wirelen
    return struct.pack("<IIII", sec & 0xFFFFFFFF, frac & 0xFFFFFFFF, len(data), wire) + data


def write_pcap(path, records, linktype=LINKTYPE_ETHERNET, snaplen=262144, magic=MAGIC_USEC):
    """Writes PATH: the file header, then RECORDS (bytes from record())."""
    with open(path, "wb") as f:
        f.write(pcap_header(linktype, snaplen, magic))
        for r in records:
            f.write(r)


def numbered(frames, start=1700000000):
    """Records for FRAMES (a frame, or a (frame, caplen) pair) stamped
    START + i seconds and 1000 * i microseconds, i counting from 0."""
    out = []
    for i, fr in enumerate(frames):
        fr, cap = fr if isinstance(fr, tuple) else (fr, None)
        out.append(record(start + i, 1000 * i, fr, cap))
    return out


def read_pcap(path):
    """A little-endian microsecond pcap file: (its 24-byte header, a list of
    [sec, usec, data, wirelen] per record)."""
    with open(path, "rb") as f:
        data = f.read()
    assert struct.unpack_from("<I", data, 0)[0] == MAGIC_USEC, path + ": little-endian microsecond pcap"
    pos, out = 24, []
    while pos + 16 <= len(data):
        sec, usec, cap, wire = struct.unpack_from("<IIII", data, pos)
        out.append([sec, usec, data[pos + 16:pos + 16 + cap], wire])
        pos += 16 + cap
    return data[:24], out


class Pcap:
    """A pcap file written as frames are added: each stamped 1 ms after the one
    before (from START seconds) unless given its own (sec, usec)."""

    def __init__(self, path, linktype, start=1700000000):
        self.f = open(path, "wb")
        self.f.write(pcap_header(linktype))
        self.t = start * 1000000

    def add(self, frame, ts=None, caplen=None):
        if ts is None:
            self.t += 1000
            sec, usec = divmod(self.t, 1000000)
        else:
            sec, usec = ts
        self.f.write(record(sec, usec, frame, caplen))

    def close(self):
        self.f.close()
