#!/usr/bin/env python3
"""craft-ethertypes.py [CAPTURES_DIR] -- write captures/ethertypes-crafted.pcap (GENERATED).

Ethernet frames of the link-local protocols tcpdump 4.99 prints by Ethernet
type that no host here sends: Realtek's 0x8899 (RRCP hello, get and set,
queries and replies, an unknown opcode; REP; RLDP under both protocol
numbers; the 8-byte, RTL8306 and RTL8366RB DSA tags; an unknown type, as the
loop-detection frames of cheap switches show; frames cut inside RRCP) and
EAPOL on a wired 802.1X port (0x888e: start, identity request and response,
a key frame, logoff). Deterministic; Python 3 standard library only.
Then: scripts/gen-goldens.sh ethertypes-crafted.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
SWITCH = bytes.fromhex("02e04c000001")
HOST = bytes.fromhex("02e04c000002")
BCAST = b"\xff" * 6
PAE = bytes.fromhex("0180c2000003")


def rrcp(op, reply, rest=b""):
    return bytes([0x01, op | (0x80 if reply else 0)]) + struct.pack(">H", 0x2379) + rest


def main():
    hello_reply = rrcp(0, True, bytes([3, 9]) + HOST + struct.pack(">HI", 0x8316, 0x10EC8316))
    get = rrcp(1, False, struct.pack("<HI", 0x0200, 0) + struct.pack(">II", 0x11111111, 0x22222222))
    set_reply = rrcp(2, True, struct.pack("<HI", 0x0300, 0xDEADBEEF) + struct.pack(">II", 0x33333333, 0x44444444))
    realtek = [
        (HOST, BCAST, rrcp(0, False)),
        (SWITCH, HOST, hello_reply),
        (HOST, SWITCH, get),
        (SWITCH, HOST, set_reply),
        (HOST, SWITCH, rrcp(0x15, False)),
        (SWITCH, BCAST, b"\x02"),
        (SWITCH, BCAST, b"\x03" + b"\x00" * 10),
        (SWITCH, BCAST, b"\x23" + b"\x00" * 10),
        (SWITCH, HOST, b"\x04" + b"\x00" * 7),
        (SWITCH, HOST, b"\x92\x00\x00\x01"),
        (SWITCH, HOST, b"\xa1\x00\x00\x01"),
        (SWITCH, BCAST, b"\x25\x80\x00\x00" + SWITCH),
        (SWITCH, HOST, hello_reply[:9]),
        (HOST, SWITCH, get[:7]),
    ]
    frames = [craftlib.ether(0x8899, body, src, dst) for src, dst, body in realtek]
    eapol = [
        (HOST, PAE, struct.pack(">BBH", 1, 1, 0)),
        (SWITCH, HOST, struct.pack(">BBH", 2, 0, 5) + struct.pack(">BBHB", 1, 1, 5, 1)),
        (HOST, PAE, struct.pack(">BBH", 2, 0, 14) + struct.pack(">BBHB", 2, 1, 14, 1) + b"alice\x00xyz"),
        (SWITCH, HOST, struct.pack(">BBH", 2, 3, 95) + b"\x02" + b"\x00" * 94),
        (HOST, PAE, struct.pack(">BBH", 1, 2, 0)),
    ]
    frames += [craftlib.ether(0x888E, body, src, dst) for src, dst, body in eapol]
    craftlib.write_pcap(os.path.join(CAP, "ethertypes-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
