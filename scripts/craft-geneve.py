#!/usr/bin/env python3
"""craft-geneve.py [CAPTURES_DIR] -- write captures/tunnels/geneve-filter.pcap
and geneve-filter-raw.pcap (GENERATED, not recorded).

Geneve traffic for the filter's `geneve and ...` primitives (libpcap reads
everything after `geneve` in the Geneve payload, at offsets that depend on
the outer IP header length and the Geneve option length). This machine's
kernel has no geneve module (`ip link add ... type geneve` answers "Unknown
device type"), so the frames are built here around the real TCP connections
of captures/http-ipv4.pcap and captures/http-ipv6.pcap plus hand-made UDP
and ARP packets:

  - Geneve option lengths 0, 4, 8, 12, 20 and 252 bytes (the largest the
    6-bit field holds), each carrying an inner Ethernet frame (protocol
    type 0x6558) and a bare IPv4 / IPv6 packet (0x0800 / 0x86dd);
  - VNIs 10, 20 and 0xffffff; version 1 (not Geneve to libpcap);
  - outer IPv4 with and without IP options, outer IPv6, an outer later
    fragment; an inner 802.1Q tag, ARP, broadcast and multicast inner MACs;
  - Geneve inside Geneve, with options at both levels;
  - plain TCP/UDP (no Geneve) and UDP to 6081 with a header cut short.

geneve-filter-raw.pcap is the same without the outer Ethernet headers, as
DLT_RAW (the outer link type changes, the inner one is Ethernet).
Checksums of crafted IP/UDP headers are correct (UDP checksum 0).
Deterministic: byte-identical output on every run. Needs only python3.
"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import craftlib  # noqa: E402

MAC_C = bytes.fromhex("02770000000c")
MAC_D = bytes.fromhex("02770000000d")
# the inner frames' MACs: those of the other captures/tunnels/ captures
MAC_A = bytes.fromhex("027700000001")
MAC_B = bytes.fromhex("027700000002")
BCAST = b"\xff" * 6


def ether(ty, payload, src=MAC_A, dst=MAC_B):
    return craftlib.ether(ty, payload, src, dst)


def udp(sport, dport, payload):
    return craftlib.udp(sport, dport, payload)  # checksum 0


def geneve(payload, proto=0x6558, vni=10, optwords=0, ver=0):
    opts = b""
    for i in range(optwords):
        # One option per 4-byte word when the length allows a class/type
        # header; the rest is option data (length field counts words).
        opts += struct.pack("!HBB", 0x0101, 0x80 | i, 0) if i % 2 == 0 else b"\xde\xad\xbe\xef"
    first = (ver << 6) | optwords
    return struct.pack("!BBH", first, 0, proto) + struct.pack("!I", vni << 8) + opts + payload


def ipv4_opts(proto, payload, src="10.91.0.1", dst="10.91.0.2", frag=0x4000, nops=0):
    """IPv4 with `nops` words of NOP options (IHL 5 + nops)."""
    return craftlib.ipv4(proto, payload, src, dst, ident=0x1234, frag=frag, options=b"\x01" * (4 * nops))


def ipv4(proto, payload, src, dst):
    return craftlib.ipv4(proto, payload, src, dst, ident=0x4242, frag=0x4000)


def ipv6(nh, payload, src="fd90::1", dst="fd90::2"):
    return craftlib.ipv6(nh, payload, src, dst)


def outer4(g, nops=0, frag=0x4000, sport=40000):
    return ether(0x0800, ipv4_opts(17, udp(sport, 6081, g), nops=nops, frag=frag), src=MAC_C, dst=MAC_D)


def outer6(g, sport=40001):
    return ether(0x86DD, ipv6(17, udp(sport, 6081, g), src="fd91::1", dst="fd91::2"), src=MAC_C, dst=MAC_D)


def main():
    cap = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "captures")
    out = os.path.join(cap, "tunnels")
    os.makedirs(out, exist_ok=True)
    v4 = [f[14:] for _, _, f, _ in craftlib.read_pcap(os.path.join(cap, "http-ipv4.pcap"))[1]]
    v6 = [f[14:] for _, _, f, _ in craftlib.read_pcap(os.path.join(cap, "http-ipv6.pcap"))[1]]
    udp4 = ipv4(17, udp(5353, 53, b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00"), src="10.92.0.1", dst="10.92.0.2")
    udp6 = ipv6(17, udp(5353, 53, b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00"), src="fd92::1", dst="fd92::2")
    arp = struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + MAC_A + bytes([10, 92, 0, 1]) + b"\0" * 6 + bytes([10, 92, 0, 2])
    inner_eth = [
        ether(0x0800, v4[0]),
        ether(0x0800, v4[3]),
        ether(0x86DD, v6[0]),
        ether(0x86DD, v6[3]),
        ether(0x0800, udp4),
        ether(0x86DD, udp6),
        ether(0x0806, arp, dst=BCAST),
        ether(0x8100, struct.pack("!HH", 7, 0x0800) + v4[1]),
        ether(0x0800, udp4, dst=bytes.fromhex("01005e000001")),
    ]
    frames = []
    # Inner Ethernet frames at every option length, IPv4 and IPv6 outer.
    for words in (0, 1, 2, 3, 5, 63):
        for i, inner in enumerate(inner_eth):
            vni = (10, 20, 0xFFFFFF)[i % 3]
            g = geneve(inner, vni=vni, optwords=words)
            frames.append(outer4(g) if (i + words) % 2 == 0 else outer6(g))
    # Bare IPv4 / IPv6 payloads.
    for words in (0, 1, 3, 63):
        for p in (v4[0], v4[4], udp4):
            frames.append(outer4(geneve(p, proto=0x0800, vni=20, optwords=words)))
        for p in (v6[0], v6[4], udp6):
            frames.append(outer6(geneve(p, proto=0x86DD, vni=10, optwords=words)))
    # Outer IPv4 options (IHL 6 and 8).
    frames.append(outer4(geneve(inner_eth[0], optwords=2), nops=1))
    frames.append(outer4(geneve(v6[0], proto=0x86DD, optwords=1), nops=3))
    # Version 1, an unknown protocol type, an outer later fragment.
    frames.append(outer4(geneve(inner_eth[0], ver=1)))
    frames.append(outer4(geneve(v4[0], proto=0x88B5, optwords=1)))
    frames.append(outer4(geneve(inner_eth[0]), frag=0x0010))
    # Geneve in Geneve (options at both levels), both IP versions.
    for words in (0, 2):
        g_in = geneve(inner_eth[words % 3], vni=20, optwords=words + 1)
        frames.append(outer4(geneve(ether(0x0800, ipv4_opts(17, udp(40002, 6081, g_in))), optwords=words)))
        frames.append(outer6(geneve(ether(0x86DD, ipv6(17, udp(40003, 6081, g_in))), optwords=words)))
        frames.append(outer4(geneve(ipv4_opts(17, udp(40004, 6081, g_in)), proto=0x0800, optwords=words)))
    # Not Geneve: the plain packets, and UDP to 6081 with a cut header.
    frames += [ether(0x0800, v4[0]), ether(0x86DD, v6[0]), ether(0x0800, udp4)]
    frames.append(ether(0x0800, ipv4_opts(17, udp(40005, 6081, b"\x00\x00"))))
    frames.append(ether(0x0800, ipv4_opts(17, udp(40005, 6081, b"\x01\x00\x65"))))
    eth = craftlib.Pcap(os.path.join(out, "geneve-filter.pcap"), 1)
    raw = craftlib.Pcap(os.path.join(out, "geneve-filter-raw.pcap"), 101)
    for f in frames:
        eth.add(f)
        raw.add(f[14:])
    eth.close()
    raw.close()


if __name__ == "__main__":
    main()
