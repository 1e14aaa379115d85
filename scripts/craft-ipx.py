#!/usr/bin/env python3
"""craft-ipx.py [CAPTURES_DIR] -- write captures/ipx-crafted.pcap, ipx-sll.pcap,
ipx-null.pcap and ipx-ppp.pcap (GENERATED).

Novell IPX with the cases tcpdump 4.99's print-ipx.c tells apart: RIP
requests (one network, none, too short) and responses (routes, a partial
route), SAP general and nearest requests and responses (server names,
addresses; nine entries, of which tcpdump prints eight; a name area cut
short), service types with and without a name in tcpdump's table, unknown
RIP and SAP commands, NCP, NetBIOS, diagnostics, NWLink datagrams, Cisco's
EIGRP for IPX, other sockets, a header length under 30, a length past the
frame, a header cut by the snapshot. On Ethernet each framing tcpdump
knows: Ethernet II (type 0x8137), Novell's raw 802.3, 802.2 with IPX's
SAP, SNAP, and IPX inside GRE; then Linux cooked captures (802.3, 802.2
and type 0x8137), BSD loopback (family 23) and PPP (protocol 0x002b).
Deterministic; Python 3 standard library only.
Then: scripts/gen-goldens.sh ipx-crafted.pcap ipx-sll.pcap ipx-null.pcap ipx-ppp.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
N1, N2 = bytes.fromhex("020000001a01"), bytes.fromhex("020000001a02")
BC = b"\xff" * 6


def ipx(dskt, payload, sskt=None, dnet=0, snet=0x00052582, dnode=BC, snode=N1, length=None, ptype=0):
    sskt = dskt if sskt is None else sskt
    n = 30 + len(payload) if length is None else length
    return (struct.pack(">HHBBI", 0xFFFF, n, 0, ptype, dnet) + dnode + struct.pack(">HI", dskt, snet)
            + snode + struct.pack(">H", sskt) + payload)


def rip(cmd, entries=b""):
    return struct.pack(">H", cmd) + entries


def route(net, hops, ticks):
    return struct.pack(">IHH", net, hops, ticks)


def server(stype, name, net, node, socket=0x0451, hops=1):
    return (struct.pack(">H", stype) + name.encode().ljust(48, b"\0") + struct.pack(">I", net)
            + node + struct.pack(">HH", socket, hops))


EIGRP_HELLO = struct.pack(">BBHIII", 2, 5, 0, 0, 0, 100) + struct.pack(">HHBBBBBBH", 1, 12, 1, 0, 1, 0, 0, 0, 15)

PACKETS = [
    ipx(0x0453, rip(1, route(0x00052582, 0xFFFF, 0xFFFF))),
    ipx(0x0453, rip(1)),
    ipx(0x0453, rip(1, b"\0\0\0\1")),
    ipx(0x0453, rip(2, route(0x0a000001, 1, 2) + route(0x0a000002, 3, 6) + route(0xdeadbeef, 16, 100)), dnode=N2, dnet=0x00052582),
    ipx(0x0453, rip(2, route(0x0a000003, 1, 2) + b"\0\0\0\x07")),
    ipx(0x0453, rip(5, b"\0" * 8)),
    ipx(0x0452, struct.pack(">HH", 1, 0x0004)),
    ipx(0x0452, struct.pack(">HH", 3, 0x0278)),
    ipx(0x0452, struct.pack(">HH", 1, 0x7777)),
    ipx(0x0452, struct.pack(">H", 2) + server(0x0004, "FS1", 0x00052582, N2) + server(0x0640, "MCS2-NT", 0x0a000001, N1, 0x8060)),
    ipx(0x0452, struct.pack(">H", 4) + server(0x030c, "0060B0C1D2E3-PRINTER", 0x00056800, N2)),
    ipx(0x0452, struct.pack(">H", 2) + b"".join(server(0x0004, "SRV%d" % i, i, N1) for i in range(9))),
    ipx(0x0452, struct.pack(">H", 2) + server(0x0004, "SHORT", 1, N1)[:30]),
    ipx(0x0452, struct.pack(">H", 2) + server(0x0004, "NOADDR", 1, N1)[:55]),
    ipx(0x0452, struct.pack(">H", 2) + server(0x0004, "NOSOCKET", 1, N1)[:62]),
    ipx(0x0452, struct.pack(">HH", 9, 0)),
    ipx(0x0452, b"\0\x01", length=31),
    ipx(0x0451, b"\x22\x22\x01\x02\x03\x00\x61", sskt=0x4003, dnode=N2, dnet=0x00052582),
    ipx(0x0455, b"\0" * 50),
    ipx(0x0456, b"\0" * 8),
    ipx(0x0553, b"\xff\x53\x4d\x42" + b"\0" * 60),
    ipx(0x85be, EIGRP_HELLO),
    ipx(0x9001, b"\0" * 13, sskt=0x9001),
    ipx(0x4000, b"abc", length=20),
    ipx(0x0453, rip(2, route(1, 1, 1)), length=200),
]


def eth2(payload):
    return craftlib.ether(0x8137, payload, N1, BC)


def raw8023(payload):
    return BC + N1 + struct.pack(">H", len(payload)) + payload


def llc8022(payload):
    body = b"\xe0\xe0\x03" + payload
    return BC + N1 + struct.pack(">H", len(body)) + body


def snap(payload):
    body = b"\xaa\xaa\x03\x00\x00\x00\x81\x37" + payload
    return BC + N1 + struct.pack(">H", len(body)) + body


def gre(payload):
    g = struct.pack(">HH", 0, 0x8137) + payload
    return craftlib.ether(0x0800, craftlib.ipv4(47, g, "10.23.0.1", "10.23.0.2"), N1, N2)


def sll(proto, payload):
    return struct.pack(">HHH", 0, 1, 6) + N1 + b"\0\0" + struct.pack(">H", proto) + payload


def main():
    frames = [eth2(p) for p in PACKETS]
    frames += [raw8023(PACKETS[0]), raw8023(PACKETS[9]), llc8022(PACKETS[3]), llc8022(PACKETS[6]),
               snap(PACKETS[10]), gre(PACKETS[17]), gre(PACKETS[21])]
    # cut by the snapshot: in the source address, after the header, in a SAP entry
    frames += [(eth2(PACKETS[3]), 14 + 24), (eth2(PACKETS[3]), 14 + 32), (eth2(PACKETS[9]), 14 + 30 + 2 + 30),
               (raw8023(PACKETS[0]), 14 + 10), (llc8022(PACKETS[9]), 14 + 3 + 30 + 2 + 60)]
    craftlib.write_pcap(os.path.join(CAP, "ipx-crafted.pcap"), craftlib.numbered(frames))

    frames = [sll(0x0001, PACKETS[0]), sll(0x0004, b"\xe0\xe0\x03" + PACKETS[9]), sll(0x8137, PACKETS[6]),
              (sll(0x0001, PACKETS[3]), 16 + 20)]
    craftlib.write_pcap(os.path.join(CAP, "ipx-sll.pcap"), craftlib.numbered(frames), linktype=113)

    frames = [struct.pack("<I", 23) + PACKETS[3], struct.pack("<I", 23) + PACKETS[10], (struct.pack("<I", 23) + PACKETS[0], 4 + 12)]
    craftlib.write_pcap(os.path.join(CAP, "ipx-null.pcap"), craftlib.numbered(frames), linktype=0)

    frames = [b"\xff\x03\x00\x2b" + PACKETS[0], b"\xff\x03\x00\x2b" + PACKETS[11], b"\xff\x03\x81\x37" + PACKETS[21]]
    craftlib.write_pcap(os.path.join(CAP, "ipx-ppp.pcap"), craftlib.numbered(frames), linktype=9)


if __name__ == "__main__":
    main()
