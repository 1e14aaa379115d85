#!/usr/bin/env python3
"""craft-arcnet.py [CAPTURES_DIR] -- write captures/arcnet-bsd.pcap and
arcnet-linux.pcap (GENERATED).

ARCNET with the cases tcpdump 4.99's print-arcnet.c tells apart.
arcnet-bsd.pcap (DLT_ARCNET): RFC 1051's IP and ARP and the diagnostic code
(three-byte header), RFC 1201's IP, ARP, RARP, AppleTalk (DDP with NBP and
ATP), IPX, IPv6, Banyan and an unknown code (six-byte header with the
fragmentation flag and sequence id): whole packets, a first fragment, a
middle fragment (nothing decoded), exception frames (flag 0xff, ten-byte
header) whole and fragmented; frames cut inside the header (under three
bytes, an RFC 1201 header under six, an exception header under ten) and
inside the payload. arcnet-linux.pcap (DLT_ARCNET_LINUX): the same codes
behind Linux's header (an offset field after the addresses, whose first
byte tcpdump's -e reads as the type), cut under five bytes, an RFC 1201
header under eight, and inside the payload. Deterministic; Python 3
standard library only.
Then: scripts/gen-goldens.sh arcnet-bsd.pcap arcnet-linux.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
LINKTYPE_ARCNET_BSD = 7
LINKTYPE_ARCNET_LINUX = 129

A, B = "10.7.0.1", "10.7.0.2"
IP_UDP = craftlib.ipv4(17, craftlib.udp(5000, 53, b"\0" * 12, A, B), A, B)
IP_ICMP = craftlib.ipv4(1, struct.pack(">BBHHH", 8, 0, 0xf7fe, 1, 0), A, B)
IP6_UDP = craftlib.ipv6(17, craftlib.udp(5000, 5001, b"abcd", "fd00::1", "fd00::2"), "fd00::1", "fd00::2")


def arp(op, sha, spa, tha, tpa, ptype=0x0800):
    """ARP over ARCNET: hardware type 7, one-byte hardware addresses."""
    return struct.pack(">HHBBH", 7, ptype, 1, 4, op) + bytes([sha]) + craftlib.addr4(spa) + bytes([tha]) + craftlib.addr4(tpa)


# DDP (long header) with an NBP lookup, and with an ATP request
NBP = bytes([0x21, 7]) + struct.pack(">HBBB", 0x0101, 0x2a, 0xfd, 0) + b"\x01=\x09AFPServer\x01*"
DDP_NBP = struct.pack(">HHHHBBBBB", 13 + len(NBP), 0, 0, 0x0101, 0xff, 0x2a, 2, 0xfd, 2) + NBP
ATP = struct.pack(">BBHI", 0x60, 0x0f, 77, 0)
DDP_ATP = struct.pack(">HHHHBBBBB", 13 + len(ATP), 0, 0x0101, 0x0101, 0x30, 0x2a, 0xdd, 0xfd, 3) + ATP
# IPX: a NetBIOS packet
IPX = struct.pack(">HHBB", 0xffff, 30 + 4, 0, 20) + struct.pack(">I6sH", 0, b"\xff" * 6, 0x0455) \
    + struct.pack(">I6sH", 0x1234, b"\x00\x00\x00\x00\x00\x07", 0x0455) + b"\0" * 4


def bsd(src, dst, code, payload, flag=0, seqid=0x0102):
    """BSD's header: RFC 1051 codes and diagnostics take three bytes, the
    rest RFC 1201's six (flag, sequence id)."""
    if code in (240, 241, 0x80):
        return bytes([src, dst, code]) + payload
    return bytes([src, dst, code, flag]) + struct.pack(">H", seqid) + payload


def bsd_exc(src, dst, code, payload, flag2=0, seqid2=0x0a0b):
    """An exception frame: flag 0xff, then the type, real flag and id again."""
    return bytes([src, dst, code, 0xff]) + struct.pack(">H", 0xffff) + bytes([code, flag2]) \
        + struct.pack(">H", seqid2) + payload


def linux(src, dst, code, payload, offset=0x0000, flag=0, seqid=0x0304):
    """Linux's header: an offset field after the addresses; RFC 1051 codes
    and diagnostics take five bytes, the rest eight."""
    h = bytes([src, dst]) + struct.pack(">H", offset) + bytes([code])
    if code in (240, 241, 0x80):
        return h + payload
    return h + bytes([flag]) + struct.pack(">H", seqid) + payload


def main():
    frames = [
        bsd(0x01, 0x02, 240, IP_UDP),
        bsd(0x01, 0xff, 241, arp(1, 0x01, A, 0, B)),
        bsd(0x01, 0x02, 0x80, b"\x01\x02\x03\x04"),
        bsd(0x01, 0x02, 212, IP_ICMP),
        bsd(0x01, 0xff, 213, arp(1, 0x01, A, 0, B)),
        bsd(0x02, 0x01, 213, arp(2, 0x02, B, 0x01, A)),
        bsd(0x01, 0x00, 214, arp(3, 0x01, "0.0.0.0", 0x01, "0.0.0.0")),
        bsd(0x2a, 0xff, 221, DDP_NBP),
        bsd(0x2a, 0x30, 221, DDP_ATP),
        bsd(0x05, 0x06, 250, IPX),
        bsd(0x01, 0x02, 0xc4, IP6_UDP),
        bsd(0x01, 0x02, 247, b"\x00" * 6),
        bsd(0x01, 0x02, 0x99, b"\xde\xad\xbe\xef"),
        bsd(0x01, 0x02, 212, IP_UDP[:20], flag=1, seqid=0x0200),
        bsd(0x01, 0x02, 212, IP_UDP[20:], flag=5, seqid=0x0201),
        bsd(0x01, 0x02, 212, IP_UDP[20:], flag=2, seqid=0x0202),
        bsd_exc(0x01, 0x02, 212, IP_ICMP),
        bsd_exc(0x01, 0x02, 212, IP_ICMP[:16], flag2=3),
        bsd_exc(0x01, 0x02, 212, IP_ICMP[16:], flag2=4),
        (bsd(0x01, 0x02, 212, IP_ICMP), 2),
        (bsd(0x01, 0x02, 240, IP_UDP), 3),
        (bsd(0x01, 0x02, 212, IP_ICMP), 5),
        (bsd_exc(0x01, 0x02, 212, IP_ICMP), 9),
        (bsd(0x01, 0x02, 212, IP_ICMP), 6),
        (bsd(0x01, 0x02, 212, IP_ICMP), 6 + 16),
        (bsd(0x2a, 0xff, 221, DDP_NBP), 6 + 10),
        (bsd(0x2a, 0xff, 221, DDP_NBP), 6 + 20),
    ]
    craftlib.write_pcap(os.path.join(CAP, "arcnet-bsd.pcap"), craftlib.numbered(frames), linktype=LINKTYPE_ARCNET_BSD)

    frames = [
        linux(0x01, 0x02, 240, IP_UDP),
        linux(0x01, 0xff, 241, arp(1, 0x01, A, 0, B)),
        linux(0x01, 0x02, 0x80, b"\x01\x02\x03\x04"),
        linux(0x01, 0x02, 212, IP_ICMP),
        linux(0x01, 0x02, 212, IP_ICMP, offset=0xd400),
        linux(0x01, 0x02, 212, IP_ICMP, offset=0x1234),
        linux(0x01, 0xff, 213, arp(1, 0x01, A, 0, B)),
        linux(0x01, 0x00, 214, arp(4, 0x02, B, 0x02, B)),
        linux(0x2a, 0xff, 221, DDP_NBP),
        linux(0x2a, 0x30, 221, DDP_ATP, offset=0xdd00),
        linux(0x05, 0x06, 250, IPX),
        linux(0x01, 0x02, 0xc4, IP6_UDP),
        linux(0x01, 0x02, 0x99, b"\xde\xad\xbe\xef"),
        linux(0x01, 0x02, 212, IP_ICMP, flag=2),
        (linux(0x01, 0x02, 212, IP_ICMP), 4),
        (linux(0x01, 0x02, 240, IP_UDP), 5),
        (linux(0x01, 0x02, 212, IP_ICMP), 7),
        (linux(0x01, 0x02, 212, IP_ICMP), 8),
        (linux(0x01, 0x02, 212, IP_ICMP), 8 + 16),
        (linux(0x2a, 0xff, 221, DDP_NBP), 8 + 10),
    ]
    craftlib.write_pcap(os.path.join(CAP, "arcnet-linux.pcap"), craftlib.numbered(frames), linktype=LINKTYPE_ARCNET_LINUX)


if __name__ == "__main__":
    main()
