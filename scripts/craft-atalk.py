#!/usr/bin/env python3
"""craft-atalk.py [CAPTURES_DIR] -- write captures/atalk-crafted.pcap and
atalk-null.pcap, atalk-ltalk.pcap (GENERATED).

AppleTalk with the cases tcpdump 4.99's print-atalk.c tells apart. DDP on
SNAP (Apple's OUI 0x080007 and OUI 0) and Ethernet II (type 0x809b): NBP
lookups and broadcast requests (with the spec's anomalies: several tuples,
an enumerator, another address), replies (several tuples, enumerators,
sockets and addresses other than the source's, a string over 32 bytes, a
reply promising more tuples than the frame holds), another NBP function,
NBP shorter than its header or a tuple; ATP requests, responses and
releases with every flag combination, bitmaps as ranges and lists, extra
data, user data, an unknown function, ATP shorter than its header; RTMP,
RTMP requests, echo, ZIP, IP, ARP, KLAP and an unknown type by name;
EIGRP over DDP; the well-known sockets' names; node 255 as a net alone.
AARP (type 0x80f3, also under SNAP OUI 0) requests, replies, probes, an
unknown operation and other hardware or protocol types. KIP (LLAP with
DDP in UDP on ports 768, 200 and 16512; a non-DDP LLAP type left to UDP),
DDP in GRE, BSD loopback's family 16 (atalk-null.pcap), LocalTalk's LLAP
(DLT_LTALK, atalk-ltalk.pcap: long and short DDP, another LLAP type). DDP and AARP lengths under their
headers, SNAP with Apple's OUI and another PID, and headers cut by the
snapshot. Deterministic; Python 3 standard library only.
Then: scripts/gen-goldens.sh atalk-crafted.pcap atalk-null.pcap atalk-ltalk.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
M1, M2 = bytes.fromhex("080007a1b2c3"), bytes.fromhex("080007d4e5f6")
BC = b"\xff" * 6
AT_BC = bytes.fromhex("090007ffffff")


def ddp(dtype, payload, snet=0x0101, snode=0x2a, sskt=0xfd, dnet=0, dnode=0xFF, dskt=2, length=None):
    n = 13 + len(payload) if length is None else length
    return struct.pack(">HHHHBBBBB", n, 0, dnet, snet, dnode, snode, dskt, sskt, dtype) + payload


def cstr(s):
    return bytes([len(s)]) + s


def tuple_(net, node, skt, enum, obj, typ, zone):
    return struct.pack(">HBBB", net, node, skt, enum) + cstr(obj) + cstr(typ) + cstr(zone)


def nbp(control, ident, tuples):
    return bytes([control, ident]) + tuples


def atp(control, bitmap, tid, user=0, data=b""):
    return struct.pack(">BBHI", control, bitmap, tid, user) + data


EIGRP_HELLO = struct.pack(">BBHIII", 2, 5, 0, 0, 0, 100) + struct.pack(">HHBBBBBBH", 1, 12, 1, 0, 1, 0, 0, 0, 15)

LKUP = nbp(0x21, 7, tuple_(0x0101, 0x2a, 0xfd, 0, b"=", b"AFPServer", b"*"))

DDPS = [
    ddp(2, LKUP),
    ddp(2, nbp(0x11, 8, tuple_(0x0101, 0x2a, 0xfd, 0, b"Printer\x01\xe9", b"LaserWriter", b"Zone A"))),
    ddp(2, nbp(0x23, 9, tuple_(0x0202, 0x10, 0x80, 4, b"x", b"y", b"z"))),
    ddp(2, nbp(0x22, 10, tuple_(0x0101, 0x2b, 0xfd, 0, b"=", b"=", b"*"))),
    ddp(2, nbp(0x33, 11, tuple_(0x0101, 0x2a, 0xfd, 1, b"Mac1", b"AFPServer", b"*")
               + tuple_(0x0101, 0x2a, 0x81, 3, b"Mac1", b"Workstation", b"*")
               + tuple_(0x0303, 0x05, 0xfd, 1, b"Mac2", b"AFPServer", b"*")), sskt=0xfd, dnode=0x2b, dskt=0xfd),
    ddp(2, nbp(0x31, 12, tuple_(0x0101, 0x2a, 0xfd, 1, b"A" * 33, b"t", b"*"))),
    ddp(2, nbp(0x33, 13, tuple_(0x0101, 0x2a, 0xfd, 1, b"Only", b"One", b"*"))),
    ddp(2, nbp(0x30, 14, tuple_(0x0101, 0x2a, 0xfd, 1, b"None", b"Zero", b"*"))),
    ddp(2, nbp(0x50, 15, b"\0" * 8)),
    ddp(2, b"\x21"),
    ddp(2, b"\x21\x07\0\0\0\0\0"),
    ddp(3, atp(0x40, 0x01, 100), dskt=0xdd),
    ddp(3, atp(0x60, 0xff, 101, 0x12345678), dskt=0xdd),
    ddp(3, atp(0x50, 0x0f, 102, data=b"abc"), dskt=0xdd),
    ddp(3, atp(0x48, 0x05, 103), dskt=0xdd),
    ddp(3, atp(0x78, 0x80, 104), dskt=0xdd),
    ddp(3, atp(0x40, 0x00, 105), dskt=0xdd),
    ddp(3, atp(0x90, 0x00, 106, data=b"x" * 20), dskt=0xdd),
    ddp(3, atp(0x80, 0x03, 107, 1), dskt=0xdd),
    ddp(3, atp(0xa0, 0x02, 108), dskt=0xdd),
    ddp(3, atp(0x88, 0x01, 109), dskt=0xdd),
    ddp(3, atp(0xb8, 0x07, 110), dskt=0xdd),
    ddp(3, atp(0xc0, 0x03, 111), dskt=0xdd),
    ddp(3, atp(0xf8, 0x0a, 112, 0xff, b"zz"), dskt=0xdd),
    ddp(3, atp(0xc8, 0x3f, 113), dskt=0xdd),
    ddp(3, atp(0x12, 0x01, 114), dskt=0xdd),
    ddp(3, b"\x40\x01\x00"),
    ddp(1, b"\x01\x01\x08\x2a" + b"\x00\x01\x00\x01\x00\x02\x80", sskt=1, dskt=1),
    ddp(5, b"\x01", sskt=1, dskt=1),
    ddp(4, b"\x01hello", sskt=4, dskt=4, dnode=0x30, dnet=0x0101),
    ddp(6, b"\x05\x00\x00\x00\x00\x00", sskt=6, dskt=6),
    ddp(22, b"\x45" + b"\0" * 19, sskt=72, dskt=72),
    ddp(23, b"\0" * 8),
    ddp(0x4b, b"\0" * 4),
    ddp(99, b"\0" * 4, sskt=3, dskt=5),
    ddp(88, EIGRP_HELLO, sskt=88, dskt=88),
]


def snap_frame(oui, pid, payload, length=None, src=M1, dst=AT_BC):
    body = b"\xaa\xaa\x03" + oui.to_bytes(3, "big") + struct.pack(">H", pid) + payload
    n = len(body) if length is None else length
    return dst + src + struct.pack(">H", n) + body


def ddp_snap(payload, length=None):
    return snap_frame(0x080007, 0x809b, payload, length)


def aarp(op, spa, tpa, sha=M1, tha=b"\0" * 6, htype=1, ptype=0x809b, halen=6, palen=4):
    return struct.pack(">HHBBH", htype, ptype, halen, palen, op) + sha + spa + tha + tpa


def at4(net, node):
    return struct.pack(">BHB", 0, net, node)


AARPS = [
    aarp(1, at4(0xff00, 0x2a), at4(0xff00, 0x30)),
    aarp(2, at4(0x0101, 0x2a), at4(0x0101, 0x30), tha=M2),
    aarp(3, at4(0x0101, 0x2a), at4(0x0101, 0x2a)),
    aarp(4, at4(0x0101, 0x2a), at4(0x0101, 0x2a)),
    aarp(1, at4(1, 2), at4(3, 4), htype=6),
    aarp(1, at4(1, 2), at4(3, 4), ptype=0),
    aarp(2, at4(1, 2), at4(3, 4), ptype=0x0800, palen=6),
]


def kip(sport, dport, lap):
    u = craftlib.udp(sport, dport, lap, "10.1.0.1", "10.1.0.2")
    return craftlib.ether(0x0800, craftlib.ipv4(17, u, "10.1.0.1", "10.1.0.2"), M1, M2)


def main():
    frames = [ddp_snap(d) for d in DDPS]
    frames += [craftlib.ether(0x809b, d, M1, M2) for d in DDPS[:3] + DDPS[11:13] + DDPS[27:31]]
    frames += [craftlib.ether(0x80f3, a, M1, BC) for a in AARPS]
    frames += [snap_frame(0, 0x80f3, AARPS[0]), snap_frame(0, 0x80f3, AARPS[1]), snap_frame(0, 0x809b, DDPS[0])]
    # other PIDs under Apple's OUI are not AppleTalk's
    frames += [snap_frame(0x080007, 0x80f3, AARPS[0]), snap_frame(0x080007, 0x1234, b"\0" * 20)]
    # lengths under the headers (802.3's length field says so)
    frames += [ddp_snap(DDPS[0][:10] + b"\0" * 40, length=8 + 10), craftlib.ether(0x80f3, AARPS[0][:20], M1, BC),
               snap_frame(0, 0x80f3, AARPS[0] + b"\0" * 10, length=8 + 20)]
    # KIP: LLAP with DDP in UDP
    lap = b"\x30\x2a\x02"
    frames += [kip(768, 768, lap + DDPS[0]), kip(900, 200, lap + DDPS[11]), kip(16600, 5000, lap + DDPS[27]),
               kip(768, 769, b"\x30\x2a\x01" + DDPS[0][:5]), kip(768, 769, lap + DDPS[0][:8]),
               kip(1000, 2000, lap + DDPS[0])]
    # DDP in GRE
    g = struct.pack(">HH", 0, 0x809b)
    frames += [craftlib.ether(0x0800, craftlib.ipv4(47, g + d, "10.23.0.1", "10.23.0.2"), M1, M2)
               for d in (DDPS[0], DDPS[4], DDPS[29])]
    # cut by the snapshot: DDP header, NBP names, tuples, ATP, AARP, KIP
    frames += [(ddp_snap(DDPS[0]), 22 + 10), (ddp_snap(DDPS[0]), 22 + 13 + 1), (ddp_snap(DDPS[0]), 22 + 13 + 5),
               (ddp_snap(DDPS[0]), 22 + 13 + 9), (ddp_snap(DDPS[0]), 22 + 13 + 13), (ddp_snap(DDPS[0]), 22 + 13 + 20),
               (ddp_snap(DDPS[4]), 22 + 13 + 30), (ddp_snap(DDPS[4]), 22 + 13 + 45), (ddp_snap(DDPS[4]), 22 + 13 + 7),
               (ddp_snap(DDPS[12]), 22 + 13 + 5), (ddp_snap(DDPS[12]), 22 + 13 + 7),
               (craftlib.ether(0x80f3, AARPS[1], M1, BC), 14 + 20), (craftlib.ether(0x80f3, AARPS[1], M1, BC), 14 + 27),
               (kip(768, 768, lap + DDPS[0]), 42 + 2), (kip(768, 768, lap + DDPS[0]), 42 + 3),
               (kip(768, 768, lap + DDPS[0]), 42 + 10), (kip(768, 768, lap + DDPS[0]), 42 + 20)]
    craftlib.write_pcap(os.path.join(CAP, "atalk-crafted.pcap"), craftlib.numbered(frames))

    fam = struct.pack("<I", 16)
    frames = [fam + DDPS[0], fam + DDPS[4], fam + DDPS[12], fam + DDPS[27], (fam + DDPS[0], 4 + 8), fam + DDPS[0][:9]]
    craftlib.write_pcap(os.path.join(CAP, "atalk-null.pcap"), craftlib.numbered(frames), linktype=0)

    # LocalTalk (DLT_LTALK): LLAP with long and short DDP, another LLAP type
    sddp = struct.pack(">HBBB", 5 + len(LKUP), 2, 0xfd, 2) + LKUP
    lap = b"\xff\x2a"
    frames = [lap + b"\x02" + DDPS[0], lap + b"\x01" + sddp, lap + b"\x01" + struct.pack(">HBBB", 13, 4, 4, 4) + b"\x01echo\0\0\0",
              b"\x30\x2a\x01" + struct.pack(">HBBB", 13, 0xdd, 0xdd, 3) + atp(0x40, 1, 5), lap + b"K" + b"\0" * 6,
              lap, lap + b"\x01\0\0", lap + b"\x02" + DDPS[0][:10], (lap + b"\x02" + DDPS[0], 2),
              (lap + b"\x01" + sddp, 6), (lap + b"\x02" + DDPS[0], 10), (lap + b"\x02" + DDPS[4], 3 + 13 + 20)]
    craftlib.write_pcap(os.path.join(CAP, "atalk-ltalk.pcap"), craftlib.numbered(frames), linktype=114)


if __name__ == "__main__":
    main()
