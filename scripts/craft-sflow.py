#!/usr/bin/env python3
"""craft-sflow.py [CAPTURES_DIR] -- write captures/sflow-crafted.pcap (GENERATED).

sFlow version 5 datagrams over UDP port 6343 with the cases tcpdump 4.99's
print-sflow.c tells apart: IPv4 and IPv6 agents; flow and expanded flow
samples with raw packet header, Ethernet frame, extended switch, IPv4 data
(not decoded), unknown and other-enterprise records; counter and expanded
counter samples with generic (interface up/down, each direction name),
Ethernet, token ring, 100BaseVG, VLAN, processor, unknown and
other-enterprise records; an unknown sample format (hex up to -v); a
sample of length 0; a sample, a flow record and a counter record longer
than the datagram (invalid); a record too short for its printer; version 4
(not supported); an IP version 2 header shorter than its size; an IP
version 3 header (read as IPv6) shorter than IPv6's; datagrams cut by the
snapshot inside the header, a sample and a record.
Deterministic; Python 3 standard library only.
Then: scripts/gen-goldens.sh sflow-crafted.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
SW, COL = "10.63.43.2", "10.63.43.100"
SW6, COL6 = "2001:db8:63::2", "2001:db8:63::100"
M1, M2 = bytes.fromhex("0200000063a1"), bytes.fromhex("0200000063a2")


def u32(*v):
    return struct.pack(">" + "I" * len(v), *v)


def u64(v):
    return struct.pack(">Q", v)


def header(agent, seq, samples, version=5, ipv=None, agent_id=0, uptime=123456789):
    a = craftlib.addr(agent)
    if ipv is None:
        ipv = 1 if len(a) == 4 else 2
    return u32(version, ipv) + a + u32(agent_id, seq, uptime, samples)


def sample(fmt, body, length=None):
    return u32(fmt, len(body) if length is None else length) + body


def record(fmt, body, length=None):
    return u32(fmt, len(body) if length is None else length) + body


def flow_sample(records, seq=7, ty=0, idx=3, rate=512, pool=100000, drops=2, inp=3, outp=0x40000000):
    body = u32(seq) + bytes([ty]) + idx.to_bytes(3, "big") + u32(rate, pool, drops, inp, outp, len(records))
    return sample(1, body + b"".join(records))


def expanded_flow_sample(records, seq=8):
    body = u32(seq, 0, 70000, 1024, 200000, 0, 0, 70000, 0, 1073741823, len(records))
    return sample(3, body + b"".join(records))


def counter_sample(records, seq=9, ty=0, idx=5):
    body = u32(seq) + bytes([ty]) + idx.to_bytes(3, "big") + u32(len(records))
    return sample(2, body + b"".join(records))


def expanded_counter_sample(records, seq=10):
    return sample(4, u32(seq, 0, 70001, len(records)) + b"".join(records))


RAW = record(1, u32(1, 1518, 4, 128) + bytes(128))
RAW_V4 = record(1, u32(11, 60, 0, 16) + bytes(16))
RAW_UNK = record(1, u32(99, 60, 0, 0))
ETHF = record(2, u32(1514) + M1 + b"\0\0" + M2 + b"\0\0" + u32(0x0800))
SWITCH = record(1001, u32(10, 0, 20, 7))
IPV4DATA = record(3, u32(40, 6) + bytes(8) + u32(1234, 80, 0x18, 0))
ROUTER = record(1002, u32(1) + bytes([10, 0, 0, 1]) + u32(24, 16))
UNK_FLOW = record(2000, b"\x01\x02\x03\x04\x05\x06\x07\x08")
ENT_FLOW = record((9 << 12) | 1, b"\xaa\xbb\xcc\xdd")


def generic(index, direction, status, speed=10_000_000_000):
    return record(1, u32(index, 6) + u64(speed) + u32(direction, status) + u64(0x123456789)
                  + u32(1000, 20, 30, 4, 5, 6) + u64(987654321) + u32(2000, 21, 31, 7, 8, 1))


ETHC = record(2, u32(*range(1, 14)))
TOKEN = record(3, bytes(16))
BASEVG = record(4, u32(1) + u64(2) + u32(3) + u64(4) + u32(5, 6, 7, 8, 9) + u64(10) + u32(11)
                + u64(12) + u64(13) + u64(14))
VLANC = record(5, u32(100) + u64(5000000000) + u32(10, 20, 30, 40))
PROC = record(1001, u32(5, 10, 15) + u64(8 << 30) + u64(3 << 30))
UNK_CNT = record(7, b"\x10\x20\x30\x40")
ENT_CNT = record((4 << 20) | 2, b"\x01\x02\x03\x04")


def main():
    msgs = [
        (SW, header(SW, 1, 1) + flow_sample([RAW, ETHF, SWITCH])),
        (SW, header(SW, 2, 2) + flow_sample([RAW_V4, RAW_UNK, IPV4DATA, ROUTER]) + flow_sample([UNK_FLOW, ENT_FLOW], seq=11)),
        (SW, header(SW, 3, 1) + expanded_flow_sample([RAW, SWITCH])),
        (SW, header(SW, 4, 1) + counter_sample([generic(3, 1, 3), ETHC])),
        (SW, header(SW, 5, 2, agent_id=7) + counter_sample([generic(4, 2, 1), generic(5, 3, 2), generic(6, 4, 0), generic(7, 9, 0)])
         + counter_sample([TOKEN, BASEVG, VLANC, PROC], seq=12)),
        (SW, header(SW, 6, 1) + expanded_counter_sample([UNK_CNT, ENT_CNT, ETHC])),
        (SW6, header(SW6, 7, 2) + flow_sample([ETHF]) + counter_sample([VLANC])),
        # an unknown sample format, then one of length 0 (ends the datagram)
        (SW, header(SW, 8, 3) + sample(5, b"\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a") + sample(1, b"", 0) + counter_sample([PROC])),
        # a sample longer than the datagram
        (SW, header(SW, 9, 1) + sample(2, b"\0" * 8, 400)),
        # a flow record longer than the sample's datagram rest
        (SW, header(SW, 10, 1) + sample(1, u32(1, 0, 1, 2, 3, 4, 5, 1) + record(2, b"\0" * 4, 200))),
        # a counter record too short for the generic printer
        (SW, header(SW, 11, 1) + counter_sample([record(1, b"\0" * 20)])),
        # more samples announced than there are
        (SW, header(SW, 12, 5) + counter_sample([VLANC])),
        # version 4: not supported
        (SW, header(SW, 13, 1, version=4) + counter_sample([VLANC])),
        # IPv6 agent, datagram shorter than its header
        (SW6, header(SW6, 14, 0)[:36]),
        # IP version 3 (read as IPv6), 32 bytes: past the IPv4 check, short of IPv6's header
        (SW, u32(5, 3) + bytes(16) + u32(1, 2)),
        # IPv4 agent, shorter than its header
        (SW, header(SW, 15, 0)[:20]),
    ]
    frames = []
    for src, m in msgs:
        v6 = ":" in src
        dst = COL6 if v6 else COL
        u = craftlib.udp(50000, 6343, m, src, dst)
        ip = craftlib.ipv6(17, u, src, dst) if v6 else craftlib.ipv4(17, u, src, dst)
        frames.append(craftlib.ether(0x86DD if v6 else 0x0800, ip, M1, M2))
    base = 14 + 20 + 8
    # cut by the snapshot: inside the header, inside a sample, inside a record
    frames.append((frames[0], base + 20))
    frames.append((frames[3], base + 28 + 8 + 6))
    frames.append((frames[3], base + 28 + 8 + 12 + 8 + 40))
    frames.append((frames[4], base + 28 + 8 + 12 + 8 + 88 + 8 + 30))
    craftlib.write_pcap(os.path.join(CAP, "sflow-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
