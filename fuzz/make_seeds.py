#!/usr/bin/env python3
"""Builds the seed corpora in fuzz/corpus/ (git-ignored).

read_file:    every capture of captures/ and of the shared tcpdump test corpus.
print_packet: the packets of those captures, one seed per packet (selector
              bytes + packet header + data, see fuzz_targets/print_packet.rs),
              plus one seed per capture holding its first 16 packets so the
              TCP relative-sequence table sees whole conversations.

Usage: python3 fuzz/make_seeds.py [capture dirs...]
"""
import glob
import hashlib
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_DIRS = [
    os.path.join(ROOT, "captures"),
    os.path.join(ROOT, "captures", "bad"),
    "/work/shared/corpus/tcpdump-tests/core",
    "/work/shared/corpus/tcpdump-tests/robust",
]
# Index into LINKS of print_packet.rs, by DLT (file values 101 -> 12).
LINK_INDEX = {1: 0, 113: 1, 276: 2, 0: 3, 108: 4, 12: 5, 101: 5, 14: 5,
              228: 6, 229: 7, 226: 8}


def pcap_packets(b):
    if len(b) < 24:
        return
    magic = b[:4]
    if magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    elif magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    else:
        return
    link = struct.unpack(e + "I", b[20:24])[0] & 0x03FFFFFF
    at = 24
    while at + 16 <= len(b):
        _, _, caplen, wire = struct.unpack(e + "IIII", b[at:at + 16])
        at += 16
        if caplen > 262144 or at + caplen > len(b):
            return
        yield link, b[at:at + caplen], wire
        at += caplen


def pcapng_packets(b):
    at, e, links = 0, "<", []
    while at + 12 <= len(b):
        btype = struct.unpack("<I", b[at:at + 4])[0]
        if btype == 0x0A0D0D0A:
            e = ">" if b[at + 8:at + 12] == b"\x1a\x2b\x3c\x4d" else "<"
            links = []
        else:
            btype = struct.unpack(e + "I", b[at:at + 4])[0]
        total = struct.unpack(e + "I", b[at + 4:at + 8])[0]
        if total < 12 or at + total > len(b):
            return
        body = b[at + 8:at + total - 4]
        if btype == 1 and len(body) >= 2:
            links.append(struct.unpack(e + "H", body[:2])[0])
        elif btype == 6 and len(body) >= 20:
            iface, _, _, caplen, wire = struct.unpack(e + "IIIII", body[:20])
            if iface < len(links):
                yield links[iface], body[20:20 + caplen], wire
        elif btype == 3 and len(body) >= 4 and links:
            wire = struct.unpack(e + "I", body[:4])[0]
            yield links[0], body[4:4 + wire], wire
        at += total


def packets(b):
    if b[:4] == b"\x0a\x0d\x0d\x0a":
        return list(pcapng_packets(b))
    return list(pcap_packets(b))


def record(data, wire):
    data = data[:0xFFFF]
    extra = wire - len(data)
    if extra == 0:
        w = 0
    elif 0 < extra < 0x80:
        w = extra
    elif extra < 0:
        w = 0xF1
    else:
        w = min(0x80 + extra // 1000, 0xEF)
    return struct.pack("<HBB", len(data), w, 0x11) + data


def put(d, blob):
    name = hashlib.sha1(blob).hexdigest()
    with open(os.path.join(d, name), "wb") as f:
        f.write(blob)


def main():
    dirs = sys.argv[1:] or DEFAULT_DIRS
    rf = os.path.join(HERE, "corpus", "read_file")
    pp = os.path.join(HERE, "corpus", "print_packet")
    os.makedirs(rf, exist_ok=True)
    os.makedirs(pp, exist_ok=True)
    nfiles = npkts = 0
    seen = set()
    for d in dirs:
        for path in sorted(glob.glob(os.path.join(d, "*.pcap*"))):
            with open(path, "rb") as f:
                b = f.read()
            put(rf, b)
            nfiles += 1
            pk = packets(b)
            # Options byte varies with the file so -q/-S/-#/-v/-t get seeds too.
            h = hashlib.sha1(path.encode()).digest()
            flags, opt = h[0] & 0xF0, h[1]
            for link, data, wire in pk:
                if link not in LINK_INDEX:
                    continue
                sel = LINK_INDEX[link] | flags
                key = (sel, bytes(data))
                if key in seen:
                    continue
                seen.add(key)
                put(pp, bytes([sel, opt]) + record(data, wire))
                npkts += 1
            run = [(l, dt, w) for l, dt, w in pk if l in LINK_INDEX][:16]
            if len(run) > 1 and all(l == run[0][0] for l, _, _ in run):
                blob = bytes([LINK_INDEX[run[0][0]], 0])
                blob += b"".join(record(dt, w) for _, dt, w in run)
                put(pp, blob)
    print(f"read_file: {nfiles} captures; print_packet: {npkts} packets")


if __name__ == "__main__":
    main()
