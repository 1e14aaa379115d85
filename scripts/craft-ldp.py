#!/usr/bin/env python3
"""craft-ldp.py [CAPTURES_DIR] -- write captures/ldp-crafted.pcap (GENERATED).

LDP with the cases tcpdump 4.99's print-ldp.c tells apart: link and targeted
Hellos over UDP 646 (common hello parameters, IPv4 and IPv6 transport
addresses, configuration sequence number); a TCP 646 session (handshake,
then Initialization with common and fault-tolerant session parameters and
an undecoded ATM TLV, Keepalive, Address and Address Withdraw with IPv4,
IPv6 and unknown-family lists, Label Mappings with wildcard, IPv4 and IPv6
prefix (and an illegal prefix length), host-address, unknown and Martini VC
FECs (interface MTU, description, VCCV and unknown parameters; no VC info;
VC info shorter than its id), generic labels, MTU, a Notification with its
status, a Label Request (printed in hex), two PDUs in one segment, an
unknown message, the U and F bits); malformed ones: version 2, a PDU length
under 6, a message length under 4, a TLV past its message, TLVs shorter than
their values, a PDU longer than the segment; segments cut by the snapshot.
Deterministic; Python 3 standard library only.
Then: scripts/gen-goldens.sh ldp-crafted.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
R1, R2, ALLR = "10.64.6.1", "10.64.6.2", "224.0.0.2"
M1, M2, MALL = bytes.fromhex("020000000646"), bytes.fromhex("020000000647"), bytes.fromhex("01005e000002")


def tlv(t, v, length=None):
    return struct.pack(">HH", t, len(v) if length is None else length) + v


def msg(t, mid, tlvs, length=None):
    body = struct.pack(">I", mid) + b"".join(tlvs)
    return struct.pack(">HH", t, len(body) if length is None else length) + body


def pdu(lsr, msgs, version=1, length=None, space=0):
    body = craftlib.addr4(lsr) + struct.pack(">H", space) + b"".join(msgs)
    return struct.pack(">HH", version, len(body) if length is None else length) + body


def ip4(a):
    return craftlib.addr4(a)


def prefix(af, plen, addr):
    raw = craftlib.addr(addr)[: (plen + 7) // 8]
    return struct.pack(">BHB", 2, af, plen) + raw


def martini(pw, group, vc=None, params=b"", info=None):
    body = (b"" if vc is None else struct.pack(">I", vc)) + params
    n = len(body) if info is None else info
    return struct.pack(">BHBI", 0x80, pw, n, group) + body


HELLO = msg(0x0100, 1, [tlv(0x0400, struct.pack(">HH", 15, 0)), tlv(0x0401, ip4(R1)), tlv(0x0402, struct.pack(">I", 7))])
HELLO_T = msg(0x0100, 2, [tlv(0x0400, struct.pack(">HH", 45, 0xC000)),
                           tlv(0x0403, craftlib.addr6("2001:db8:646::1"))])

TCP_MSGS = [
    [msg(0x0200, 3, [tlv(0x0500, struct.pack(">HHBBHH", 1, 180, 0, 0, 4096, 0xC000) + ip4(R2) + b"\0\0"),
                     tlv(0x0503, struct.pack(">HHII", 0x800F, 0, 120000, 60000)),
                     tlv(0x0503, struct.pack(">HHII", 0x0000, 0, 0, 0)),
                     tlv(0x0501, b"\x01\x02\x03\x04")])],
    [msg(0x0201, 4, [])],
    [msg(0x0300, 5, [tlv(0x0101, struct.pack(">H", 1) + ip4("10.0.0.1") + ip4("10.0.1.1") + b"\x0a\x00")]),
     msg(0x0301, 6, [tlv(0x0101, struct.pack(">H", 2) + craftlib.addr6("2001:db8::1")),
                     tlv(0x0101, struct.pack(">H", 77) + b"\1\2\3\4")])],
    [msg(0x0400, 7, [tlv(0x0100, prefix(1, 24, "10.64.7.0")), tlv(0x0200, struct.pack(">I", 0xFFF00010))]),
     msg(0x0400, 8, [tlv(0x0100, prefix(2, 64, "2001:db8:646::")), tlv(0x0200, struct.pack(">I", 3))]),
     msg(0x0400, 9, [tlv(0x0100, b"\x01"), tlv(0x0100, b"\x03\x00\x01\x04\x0a\x00\x00\x01"), tlv(0x0100, b"\x42\x00")]),
     msg(0x0400, 10, [tlv(0x0100, struct.pack(">BHB", 2, 1, 40) + b"\0" * 5), tlv(0x0100, struct.pack(">BHB", 2, 9, 8) + b"\0")])],
    [msg(0x8400, 11, [tlv(0x0100, martini(0x8005, 100, 42, b"\x01\x04\x05\xdc" + b"\x03\x08PW-one" + b"\x0c\x04\x03\x06" + b"\x09\x04\xaa\xbb")),
                      tlv(0x4200, struct.pack(">I", 16))]),
     msg(0x0400, 12, [tlv(0x0100, martini(0x0004, 7)), tlv(0x0100, martini(0x7777, 8, 9, info=2))])],
    [msg(0x0001, 13, [tlv(0x8300, struct.pack(">II", 0x8000000A, 0x0000000C)), tlv(0x0300, struct.pack(">II", 0x00000001, 0))]),
     msg(0x0401, 14, [tlv(0x0100, prefix(1, 32, "10.64.8.8"))]),
     msg(0x3e01, 15, [b"\xde\xad\xbe\xef"])],
    [msg(0x0400, 16, [tlv(0x0601, struct.pack(">H", 9000)), tlv(0x0401, b"\x01\x02"), tlv(0x0200, b"\0\0\0\1", length=40)])],
    [msg(0x0400, 17, [tlv(0x0100, b"\x80\x00\x05\x08")]), msg(0x0400, 18, [tlv(0x0500, b"\0\1")])],
]


def main():
    frames = []

    def udp(payload, src=R1, dst=ALLR, mac=M1, dmac=MALL):
        u = craftlib.udp(646, 646, payload, src, dst)
        frames.append(craftlib.ether(0x0800, craftlib.ipv4(17, u, src, dst, ttl=1), mac, dmac))

    udp(pdu(R1, [HELLO]))
    udp(pdu(R2, [HELLO_T], space=1), R2, R1, M2, M1)
    udp(pdu(R1, [HELLO], version=2))
    udp(pdu(R1, [HELLO], length=4))
    udp(pdu(R1, [msg(0x0100, 1, [], length=2)]))
    udp(pdu(R1, [msg(0x0100, 1, [tlv(0x0400, b"\0\0", length=30)])]))
    udp(pdu(R1, [HELLO]) + pdu(R2, [HELLO_T]))
    udp(pdu(R1, [HELLO], length=200))
    udp(pdu(R1, [HELLO]) + b"\0\1")

    seq1, seq2 = 1000, 5000
    flow = []

    def seg(frm, flags, payload=b""):
        nonlocal seq1, seq2
        if frm == 1:
            t = craftlib.tcp(40646, 646, seq1, seq2, flags, payload, R1, R2)
            seq1 += len(payload) + (1 if flags & 0x03 else 0)
            frames.append(craftlib.ether(0x0800, craftlib.ipv4(6, t, R1, R2, ttl=255), M1, M2))
        else:
            t = craftlib.tcp(646, 40646, seq2, seq1, flags, payload, R2, R1)
            seq2 += len(payload) + (1 if flags & 0x03 else 0)
            frames.append(craftlib.ether(0x0800, craftlib.ipv4(6, t, R2, R1, ttl=255), M2, M1))
        flow.append(len(frames) - 1)

    seg(1, 0x02)
    seg(2, 0x12)
    seg(1, 0x10)
    for i, msgs in enumerate(TCP_MSGS):
        seg(1 + i % 2, 0x18, pdu(R1 if i % 2 == 0 else R2, msgs))
    seg(1, 0x18, pdu(R1, [msg(0x0201, 30, [])]) + pdu(R1, [msg(0x0201, 31, [])]))
    seg(2, 0x10)
    seg(1, 0x11)
    seg(2, 0x11)
    seg(1, 0x10)
    base = 14 + 20
    # cut by the snapshot: in the common header, in a message header, in a TLV
    frames.append((frames[0], base + 8 + 6))
    frames.append((frames[0], base + 8 + 14))
    frames.append((frames[flow[3]], base + 20 + 10 + 8 + 10))
    frames.append((frames[flow[6]], base + 20 + 60))
    craftlib.write_pcap(os.path.join(CAP, "ldp-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
