#!/usr/bin/env python3
"""craft-ipsec.py [CAPTURES_DIR] -- write captures/ipsec-crafted.pcap (GENERATED,
not recorded): IPsec ESP (IP protocol 50) and AH (51) for the golden tests
against tcpdump 4.99.3 (scripts/gen-goldens.sh), which prints ESP's SPI and
sequence number (no decryption without -E secrets), AH's header and ICV, and
then whatever follows AH:

  - ESP over IPv4 and IPv6 (also behind an IPv6 hop-by-hop header), both
    directions of an SA pair; a first fragment and a later one;
  - AH + TCP over IPv4 and IPv6 (a handshake and a data segment, so the
    TCP line after AH and its relative sequence numbers print too), AH + UDP,
    AH + ICMP, AH + ICMPv6, AH + ESP, AH + AH + TCP, AH + no next header, AH
    in tunnel mode (IPv4 in IPv4, IPv6 in IPv6); IPv6 destination options
    before AH, and after it (where tcpdump stops walking extension headers);
  - bad AH: a non-zero reserved field, a length field of 0 (8 bytes, less
    than the fixed header), a length field of 255 (longer than the packet);
  - cut captures: ESP with 0, 4, 8 (tcpdump wants a byte after the header)
    and 9 bytes, AH cut at 0, 1, 3, 6, 10 and 16 bytes and just after its
    ICV, an IP total length that ends ESP after 8 bytes;
  - ESP in UDP port 4500 (RFC 3948, NAT-T) over IPv4 and IPv6: `UDP-encap:
    ESP(...)`, the 0xff NAT keepalive, a 1-byte datagram that is not one,
    payloads of 2 and 4 bytes, an 8-byte ESP header alone, payloads the
    capture cut. (IKE behind the non-ESP marker is left out: tcpdump prints
    it with its ISAKMP printer, which tcpscope does not have.)

Checksums (IPv4 header, TCP, UDP, ICMP, ICMPv6) are correct, so -v prints
no bad-checksum notes. The "encrypted" payloads and ICVs are counting bytes.
This machine could record real ESP with `ip xfrm` in network namespaces, but
the SPIs and payloads would change on every run; crafted bytes are the same
on every run. Needs only python3.
"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import craftlib  # noqa: E402

MAC_A = bytes.fromhex("027700000051")
MAC_B = bytes.fromhex("027700000052")
A4, B4 = "10.50.0.1", "10.50.0.2"
A6, B6 = "fd50::1", "fd50::2"
# tunnel mode: the inner hosts
C4, D4 = "192.168.50.1", "192.168.60.1"
C6, D6 = "fd51::1", "fd52::1"

ESP, AH = 50, 51


def filler(n, seed=0):
    """N bytes standing for ciphertext or an ICV (deterministic)."""
    return bytes((seed + 37 * i + 11) & 0xFF for i in range(n))


def esp(spi, seq, n=48, seed=0):
    return struct.pack("!II", spi, seq) + filler(n, seed)


def ah(nh, spi, seq, icv=12, length=None, reserved=0, payload=b""):
    """An AH header whose length field is (8 + ICV) / 4 - 2 unless LENGTH
    says otherwise."""
    if length is None:
        length = (12 + icv) // 4 - 2
    return struct.pack("!BBHII", nh, length, reserved, spi, seq) + filler(icv, spi & 0xFF) + payload


def eth4(p):
    return craftlib.ether(0x0800, p, MAC_A, MAC_B)


def eth6(p):
    return craftlib.ether(0x86DD, p, MAC_A, MAC_B)


def v4(proto, payload, src=A4, dst=B4, frag=0x4000, total=None, ident=0x5000):
    return eth4(craftlib.ipv4(proto, payload, src, dst, ident=ident, frag=frag, total=total))


def v6(nh, payload, src=A6, dst=B6, plen=None):
    return eth6(craftlib.ipv6(nh, payload, src, dst, plen=plen))


def icmp_echo(ident, seq):
    h = struct.pack("!BBHHH", 8, 0, 0, ident, seq) + filler(16, 3)
    return h[:2] + struct.pack("!H", craftlib.csum(h)) + h[4:]


def icmp6_echo(ident, seq, src, dst):
    h = struct.pack("!BBHHH", 128, 0, 0, ident, seq) + filler(16, 5)
    c = craftlib.csum(craftlib.pseudo(58, len(h), src, dst) + h)
    return h[:2] + struct.pack("!H", c) + h[4:]


def dstopts(nh):
    """An 8-byte destination options header: one PadN of 4 bytes."""
    return struct.pack("!BB", nh, 0) + b"\x01\x04\x00\x00\x00\x00"


def hbh(nh):
    """An 8-byte hop-by-hop header: router alert, then PadN."""
    return struct.pack("!BB", nh, 0) + b"\x05\x02\x00\x00\x01\x00"


def main():
    cap = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "captures")
    frames = []

    # ESP over IPv4 and IPv6, an SA pair each way.
    frames.append(v4(ESP, esp(0x0000C001, 1, 64)))
    frames.append(v4(ESP, esp(0xC0FFEE02, 1, 64, 9), src=B4, dst=A4))
    frames.append(v4(ESP, esp(0x0000C001, 2, 96, 1)))
    frames.append(v6(ESP, esp(0x00006001, 1, 80)))
    frames.append(v6(ESP, esp(0x86DD6002, 0xFFFFFFFF, 80, 2), src=B6, dst=A6))
    frames.append(v6(0, hbh(ESP) + esp(0x00006001, 2, 48)))
    # A first fragment (ESP header printed), a later one (no header there).
    frames.append(v4(ESP, esp(0x0000C001, 3, 64), frag=0x2000, ident=0x5001))
    frames.append(v4(ESP, filler(40, 7), frag=0x0009, ident=0x5001))

    # AH + TCP over IPv4: handshake and a data segment.
    def tcp4(sport, dport, seq, ack, flags, data=b"", src=A4, dst=B4):
        return craftlib.tcp(sport, dport, seq, ack, flags, data, src, dst, win=64240)

    frames.append(v4(AH, ah(6, 0x0000A001, 1, payload=tcp4(40001, 80, 1000, 0, 0x02))))
    frames.append(v4(AH, ah(6, 0x0000A002, 1, payload=tcp4(80, 40001, 5000, 1001, 0x12, src=B4, dst=A4)),
                     src=B4, dst=A4))
    frames.append(v4(AH, ah(6, 0x0000A001, 2, payload=tcp4(40001, 80, 1001, 5001, 0x18, b"GET / HTTP/1.0\r\n\r\n"))))

    # AH + TCP over IPv6 (the ICV keeps AH a multiple of 8 bytes).
    def tcp6(sport, dport, seq, ack, flags, data=b"", src=A6, dst=B6):
        return craftlib.tcp(sport, dport, seq, ack, flags, data, src, dst, win=64800)

    frames.append(v6(AH, ah(6, 0x00006A01, 1, payload=tcp6(40002, 22, 7000, 0, 0x02))))
    frames.append(v6(AH, ah(6, 0x00006A02, 1, payload=tcp6(22, 40002, 9000, 7001, 0x12, src=B6, dst=A6)),
                     src=B6, dst=A6))
    frames.append(v6(AH, ah(6, 0x00006A01, 2, payload=tcp6(40002, 22, 7001, 9001, 0x18, b"SSH-2.0-x\r\n"))))

    # AH + UDP, ICMP, ICMPv6, ESP; AH + AH + TCP; AH + no next header.
    frames.append(v4(AH, ah(17, 0x0000A003, 1, payload=craftlib.udp(5001, 5002, filler(10), A4, B4))))
    frames.append(v4(AH, ah(1, 0x0000A004, 1, payload=icmp_echo(0x77, 1))))
    frames.append(v6(AH, ah(58, 0x00006A03, 1, payload=icmp6_echo(0x78, 1, A6, B6))))
    frames.append(v4(AH, ah(ESP, 0x0000A005, 7, payload=esp(0x0000C005, 7, 32))))
    frames.append(v6(AH, ah(ESP, 0x00006A05, 7, payload=esp(0x00006005, 7, 32))))
    frames.append(v4(AH, ah(AH, 0x0000A006, 1, payload=ah(6, 0x0000A007, 1, icv=4,
                                                        payload=tcp4(40003, 443, 1, 0, 0x02)))))
    frames.append(v4(AH, ah(59, 0x0000A008, 1)))
    # Tunnel mode: IPv4 in IPv4, IPv6 in IPv6.
    inner4 = craftlib.ipv4(6, tcp4(40004, 8080, 77, 0, 0x02, src=C4, dst=D4), C4, D4, ident=0x77)
    frames.append(v4(AH, ah(4, 0x0000A009, 1, payload=inner4)))
    inner6 = craftlib.ipv6(6, tcp6(40005, 8080, 88, 0, 0x02, src=C6, dst=D6), C6, D6)
    frames.append(v6(AH, ah(41, 0x00006A09, 1, payload=inner6)))
    # IPv6 destination options before AH, and after it.
    frames.append(v6(60, dstopts(AH) + ah(6, 0x00006A0A, 1, payload=tcp6(40006, 80, 1, 0, 0x02))))
    frames.append(v6(AH, ah(60, 0x00006A0B, 1, payload=dstopts(6) + tcp6(40007, 80, 1, 0, 0x02))))

    # Bad AH: reserved bits set, a length field of 0 and of 255.
    frames.append(v4(AH, ah(6, 0x0000A00A, 1, reserved=0x1234, payload=tcp4(40008, 80, 1, 0, 0x02))))
    frames.append(v4(AH, ah(6, 0x0000A00B, 1, icv=0, length=0, payload=tcp4(40009, 80, 1, 0, 0x02))))
    frames.append(v6(AH, ah(6, 0x00006A0C, 1, length=255, payload=tcp6(40010, 80, 1, 0, 0x02))))

    # Cut captures (the Ethernet and IP headers are 34 / 54 bytes).
    whole_esp = v4(ESP, esp(0x0000C00C, 5, 64))
    for n in (0, 4, 8, 9):
        frames.append((whole_esp, 34 + n))
    frames.append((v6(ESP, esp(0x0000600C, 5, 64)), 54 + 8))
    # The IP total length ends ESP after its 8-byte header.
    frames.append(v4(ESP, esp(0x0000C00D, 6, 16), total=28))
    whole_ah = v4(AH, ah(6, 0x0000A00C, 3, payload=tcp4(40011, 80, 1, 0, 0x02)))
    for n in (0, 1, 3, 6, 10, 16, 24):
        frames.append((whole_ah, 34 + n))
    frames.append((v6(AH, ah(6, 0x00006A0D, 3, payload=tcp6(40012, 80, 1, 0, 0x02))), 54 + 10))

    # ESP in UDP 4500 (NAT-T).
    def natt4(payload, sport=4500, dport=4500):
        return v4(17, craftlib.udp(sport, dport, payload, A4, B4))

    def natt6(payload, sport=4500, dport=4500):
        return v6(17, craftlib.udp(sport, dport, payload, A6, B6))

    frames.append(natt4(esp(0x0000E001, 1, 64)))
    frames.append(natt4(esp(0x0000E002, 0x10, 64), sport=4500, dport=33333))
    frames.append(natt4(esp(0x0000E003, 0x11, 64), sport=33334, dport=4500))
    frames.append(natt6(esp(0x00006E01, 1, 64)))
    frames.append(natt4(b"\xff"))
    frames.append(natt6(b"\xff"))
    frames.append(natt4(b"\x00"))
    frames.append(natt4(b"\xff\xff"))
    frames.append(natt4(b"\x00\x00\x00\x01"))
    frames.append(natt4(esp(0x0000E004, 2, 0)))
    frames.append(natt4(esp(0x0000E005, 3, 1)))
    frames.append((natt4(b"\xff"), 42))
    frames.append((natt4(esp(0x0000E006, 4, 64)), 42 + 2))
    frames.append((natt4(esp(0x0000E007, 5, 64)), 42 + 8))

    craftlib.write_pcap(os.path.join(cap, "ipsec-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
