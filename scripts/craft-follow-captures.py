#!/usr/bin/env python3
"""craft-follow-captures.py -- the captures/follow/ scenarios for --follow
(issue 19), derived from the recorded captures/analyze/loss-reorder.pcap
(Ethernet, IPv4; client 10.88.1.1:41015 sends 20000 B, the server answers
20000 B; one client segment was lost and retransmitted, one server segment
too). Python 3 standard library only; deterministic (same bytes every run):

  loss-gap.pcap   the lost segment's every copy removed, in both directions
                  (frames 22 and 42: client seq 5793; frames 36 and 55: server seq
                  5793), while the other side's ACKs still cover them: what
                  tshark's follow shows as "[1448 bytes missing in capture
                  file]".
  reordered.pcap  the server's data reordered and retransmitted: frame 34
                  before 33, a copy of 32 (a whole duplicate) after 36, and
                  after 37 a copy of 35 that starts 100 bytes earlier (its
                  first 100 bytes the end of 34's payload: a retransmission
                  overlapping old and new data, then 35 again whole).

Usage: scripts/craft-follow-captures.py   (writes captures/follow/*.pcap)
Then scripts/tshark-follow.sh records what tshark prints for them.
"""
import os
import struct

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "captures", "analyze", "loss-reorder.pcap")
OUT = os.path.join(ROOT, "captures", "follow")


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    header, rest = data[:24], data[24:]
    assert struct.unpack("<I", header[:4])[0] == 0xA1B2C3D4, "little-endian microsecond pcap"
    frames = []
    while rest:
        sec, usec, caplen, wirelen = struct.unpack("<IIII", rest[:16])
        frames.append([sec, usec, rest[16:16 + caplen], wirelen])
        rest = rest[16 + caplen:]
    return header, frames


def write_pcap(path, header, frames):
    with open(path, "wb") as f:
        f.write(header)
        for sec, usec, pkt, wirelen in frames:
            f.write(struct.pack("<IIII", sec, usec, len(pkt), wirelen))
            f.write(pkt)


def checksum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def tcp_fields(pkt):
    ihl = (pkt[14] & 0xF) * 4
    t = 14 + ihl
    hlen = (pkt[t + 12] >> 4) * 4
    seq = struct.unpack("!I", pkt[t + 4:t + 8])[0]
    return t, hlen, seq, pkt[t + hlen:]


def rebuild(pkt, seq, payload):
    """The frame with another sequence number and payload; IP length and
    both checksums made right again."""
    ihl = (pkt[14] & 0xF) * 4
    t, hlen, _, _ = tcp_fields(pkt)
    ip = bytearray(pkt[14:14 + ihl])
    tcp = bytearray(pkt[t:t + hlen]) + payload
    struct.pack_into("!H", ip, 2, ihl + len(tcp))
    struct.pack_into("!H", ip, 10, 0)
    struct.pack_into("!H", ip, 10, checksum(bytes(ip)))
    struct.pack_into("!I", tcp, 4, seq)
    struct.pack_into("!H", tcp, 16, 0)
    pseudo = ip[12:20] + struct.pack("!BBH", 0, 6, len(tcp))
    struct.pack_into("!H", tcp, 16, checksum(bytes(pseudo) + bytes(tcp)))
    return pkt[:14] + bytes(ip) + bytes(tcp)


def main():
    header, frames = read_pcap(SRC)
    os.makedirs(OUT, exist_ok=True)
    n = lambda i: frames[i - 1]  # frame numbers as tshark counts them

    # loss-gap: frames 22, 42, 36, 55 gone.
    gone = {22, 42, 36, 55}
    write_pcap(os.path.join(OUT, "loss-gap.pcap"), header,
               [f for i, f in enumerate(frames, 1) if i not in gone])

    # reordered: 34 before 33; 32 again after 36; after 37, 35 reaching
    # 100 bytes back into 34.
    f32, f33, f34, f35 = n(32), n(33), n(34), n(35)
    _, _, seq35, pay35 = tcp_fields(f35[2])
    _, _, _, pay34 = tcp_fields(f34[2])
    overlap = rebuild(f35[2], (seq35 - 100) & 0xFFFFFFFF, pay34[-100:] + pay35)
    out = []
    for i, f in enumerate(frames, 1):
        if i == 33:
            continue
        out.append(f)
        if i == 34:
            out.append(f33)
        if i == 36:
            out.append([f[0], f[1] + 1, f32[2], f32[3]])
        if i == 37:
            out.append([f[0], f[1] + 1, overlap, len(overlap)])
    write_pcap(os.path.join(OUT, "reordered.pcap"), header, out)


if __name__ == "__main__":
    main()
