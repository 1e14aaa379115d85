#!/usr/bin/env python3
"""craft-flag-captures.py -- captures/flags/: TCP conversations built to set
Wireshark's rarer per-packet analysis flags, for the goldens of
scripts/tshark-analysis-flags.sh (tshark's `tcp.analysis.*` per packet,
compared by tests/cli/analysis_flags.rs). Ethernet, IPv4, client 10.9.0.1,
server 10.9.0.2:80, one client port per conversation, 1 ms apart. Python 3
standard library only; deterministic (same bytes every run).

flags.pcap:
  40001  window full: both SYNs scale (client 7, server 2); the client's data
         reaches the server's SYN-ACK window (1000, never scaled) from its
         ACK, then, after the server's first ACK (window 500, so 2000 bytes),
         that window's edge; a segment short of it is not full.
  40002  no scaling option: the window field is the window; a segment that
         ends at its edge is full.
  40003  no handshake (the capture starts mid-connection): whether windows
         scale is unknown, so data at the edge is not flagged.
  40004  ACKed unseen segments: the server acknowledges client data the
         capture missed, then repeats that ACK with data of its own while the
         client is silent; the client's ACK moves; later a hole (a client
         segment missing between two seen ones) acknowledged twice.
  40005  a refused SYN, then 2 s later a SYN with a new number on the same
         4-tuple (reused ports, a new tcp.stream), answered and acknowledged.
  40006  a SYN-ACK, then a second SYN-ACK with another number.
  40007  a SYN refused by a RST whose sequence number is 0 (Wireshark's "no
         next sequence number yet"), the SYN again, then a SYN-ACK whose
         number is more than 2^31 past 0, and data: nothing lost, nothing
         retransmitted.
  40008  no handshake, a hole in the client's data, then a SYN numbered one
         before the client's first segment (Wireshark's base: the same
         conversation, its next expected number rewound to the hole), then
         the missing segment: in order, not a retransmission.

Usage: scripts/craft-flag-captures.py   (writes captures/flags/flags.pcap)
Then scripts/tshark-analysis-flags.sh records what tshark flags.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "captures", "flags")
C, S = "10.9.0.1", "10.9.0.2"
CMAC, SMAC = bytes.fromhex("020000000001"), bytes.fromhex("020000000002")
FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10
MSS = bytes.fromhex("020405b4")


def ws(shift):
    """Window scale option (with a NOP before it, to a multiple of 4)."""
    return bytes([1, 3, 3, shift])


class Capture:
    def __init__(self):
        self.records = []
        self.t = 0  # milliseconds since the start

    def seg(self, port, to_server, seq, ack, flags, length=0, win=502, opts=b"", gap_ms=1):
        """One segment of the conversation on client PORT; its payload is
        LENGTH bytes of 'x'."""
        self.t += gap_ms
        payload = b"x" * length
        if to_server:
            src, dst, sp, dp, smac, dmac = C, S, port, 80, CMAC, SMAC
        else:
            src, dst, sp, dp, smac, dmac = S, C, 80, port, SMAC, CMAC
        t = craftlib.tcp(sp, dp, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, flags, payload, src, dst,
                         win=win, options=opts)
        frame = craftlib.ether(0x0800, craftlib.ipv4(6, t, src, dst, frag=0x4000), smac, dmac)
        sec, ms = divmod(self.t, 1000)
        self.records.append(craftlib.record(1700000000 + sec, ms * 1000, frame))


def main():
    cap = Capture()
    c, s = True, False
    # 40001: scaled windows.
    p = 40001
    cap.seg(p, c, 1000, 0, SYN, win=64240, opts=MSS + ws(7))
    cap.seg(p, s, 5000, 1001, SYN | ACK, win=1000, opts=MSS + ws(2))
    cap.seg(p, c, 1001, 5001, ACK, win=502)
    cap.seg(p, c, 1001, 5001, PSH | ACK, 1000)          # 2001 = 1001 + 1000: full
    cap.seg(p, s, 5001, 2001, ACK, win=500)             # 500 << 2 = 2000 bytes
    cap.seg(p, c, 2001, 5001, ACK, 1000)                # 3001: not the edge (4001)
    cap.seg(p, c, 3001, 5001, PSH | ACK, 1000)          # 4001: full
    cap.seg(p, s, 5001, 4001, ACK, win=500)
    cap.seg(p, c, 4001, 5001, FIN | ACK)
    cap.seg(p, s, 5001, 4002, FIN | ACK, win=500)
    cap.seg(p, c, 4002, 5002, ACK)
    # 40002: no scaling.
    p = 40002
    cap.seg(p, c, 1000, 0, SYN, win=64240, opts=MSS)
    cap.seg(p, s, 5000, 1001, SYN | ACK, win=800, opts=MSS)
    cap.seg(p, c, 1001, 5001, ACK)
    cap.seg(p, c, 1001, 5001, PSH | ACK, 500)
    cap.seg(p, c, 1501, 5001, PSH | ACK, 300)           # 1801 = 1001 + 800: full
    cap.seg(p, s, 5001, 1801, ACK, win=800)
    cap.seg(p, c, 1801, 5001, PSH | ACK, 799)           # one short of 2601
    cap.seg(p, s, 5001, 2600, RST | ACK, win=0)
    # 40003: mid-connection.
    p = 40003
    cap.seg(p, c, 7001, 9001, PSH | ACK, 100)
    cap.seg(p, s, 9001, 7101, ACK, win=100)
    cap.seg(p, c, 7101, 9001, PSH | ACK, 100)           # 7201 = 7101 + 100, unknown scaling
    cap.seg(p, s, 9001, 7201, ACK, win=100)
    # 40004: ACKed unseen segments.
    p = 40004
    cap.seg(p, c, 1000, 0, SYN, win=64240, opts=MSS)
    cap.seg(p, s, 5000, 1001, SYN | ACK, win=64000, opts=MSS)
    cap.seg(p, c, 1001, 5001, ACK)
    cap.seg(p, c, 1001, 5001, PSH | ACK, 100)           # 1001..1101 seen
    # (1101..1201 not captured)
    cap.seg(p, s, 5001, 1201, ACK, win=64000)           # ACKs unseen data
    cap.seg(p, s, 5001, 1201, PSH | ACK, 10, win=64000)  # again, client silent
    cap.seg(p, c, 1201, 5011, ACK)                      # the client's ACK moves
    cap.seg(p, s, 5011, 1301, ACK, win=64000)           # past all it sent again
    cap.seg(p, c, 1201, 5011, PSH | ACK, 100)
    # (1301..1401 not captured)
    cap.seg(p, c, 1401, 5011, PSH | ACK, 100)           # a hole before it
    cap.seg(p, s, 5011, 1401, ACK, win=64000)           # ACKs into the hole
    cap.seg(p, s, 5011, 1501, ACK, win=64000)
    cap.seg(p, s, 5011, 1501, ACK, win=64000)
    cap.seg(p, c, 1501, 5011, RST | ACK, win=0)
    # 40005: a refused SYN, then a new one on the 4-tuple.
    p = 40005
    cap.seg(p, c, 3000, 0, SYN, win=64240, opts=MSS)
    cap.seg(p, s, 0, 3001, RST | ACK, win=0)
    cap.seg(p, c, 8000, 0, SYN, win=64240, opts=MSS, gap_ms=2000)
    cap.seg(p, s, 6000, 8001, SYN | ACK, win=64000, opts=MSS)
    cap.seg(p, c, 8001, 6001, ACK)
    cap.seg(p, c, 8001, 6001, RST | ACK, win=0)
    # 40006: a second SYN-ACK with another number.
    p = 40006
    cap.seg(p, c, 2000, 0, SYN, win=64240, opts=MSS)
    cap.seg(p, s, 5000, 2001, SYN | ACK, win=64000, opts=MSS)
    cap.seg(p, s, 7000, 2001, SYN | ACK, win=64000, opts=MSS, gap_ms=1000)
    cap.seg(p, c, 2001, 7001, ACK)
    cap.seg(p, c, 2001, 7001, RST | ACK, win=0)
    # 40007: a RST with sequence number 0, then a high-numbered SYN-ACK.
    p = 40007
    cap.seg(p, c, 4000, 0, SYN, win=64240, opts=MSS)
    cap.seg(p, s, 0, 4001, RST | ACK, win=0)
    cap.seg(p, c, 4000, 0, SYN, win=64240, opts=MSS, gap_ms=1000)
    cap.seg(p, s, 4000000000, 4001, SYN | ACK, win=64000, opts=MSS)
    cap.seg(p, c, 4001, 4000000001, ACK)
    cap.seg(p, s, 4000000001, 4001, PSH | ACK, 10, win=64000)
    cap.seg(p, c, 4001, 4000000011, ACK)
    cap.seg(p, c, 4001, 4000000011, RST | ACK, win=0)
    # 40008: a SYN at the base of a conversation seen from its middle.
    p = 40008
    cap.seg(p, c, 1000, 5000, PSH | ACK, 100)           # base 999
    # (1100..1200 not captured)
    cap.seg(p, c, 1200, 5000, PSH | ACK, 100)           # next 1300
    cap.seg(p, c, 999, 0, SYN, win=64240, opts=MSS, gap_ms=500)
    cap.seg(p, c, 1100, 5000, PSH | ACK, 100)           # at the rewound next
    cap.seg(p, s, 5000, 1300, ACK, win=64000)
    cap.seg(p, c, 1300, 5000, RST | ACK, win=0)
    os.makedirs(OUT, exist_ok=True)
    craftlib.write_pcap(os.path.join(OUT, "flags.pcap"), cap.records)


if __name__ == "__main__":
    main()
