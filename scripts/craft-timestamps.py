#!/usr/bin/env python3
"""Writes captures/bad/timestamps-*.pcap: classic pcap files whose record
timestamps are out of the ordinary range, for the golden tests of the
timestamp printer (src/print/ts.rs) against tcpdump (scripts/gen-goldens.sh).

Deterministic: the same bytes on every run. Each record is the same small
UDP/IPv4 Ethernet frame; only the timestamps differ:
  - sub-second fields of exactly one second, more than a second, and with
    the sign bit set (libpcap reads them as a signed 32-bit tv_usec);
  - seconds 0, 0x7fffffff, 0x80000000 and 0xffffffff (libpcap's tv_sec is
    a signed 32-bit value too);
  - times going backwards, for -ttt and -ttttt.
timestamps-micro.pcap has the microsecond magic, timestamps-nano.pcap the
nanosecond one, timestamps-zero-first.pcap starts at time 0.0, which
tcpdump's -ttt/-ttttt take for "no reference yet".

Usage: scripts/craft-timestamps.py [OUT_DIR]   (default: captures/bad)
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "captures", "bad")


def frame():
    payload = b"timestamps"
    udp = craftlib.udp(40000, 9, payload)
    ip = craftlib.ipv4(17, udp, "10.0.0.1", "10.0.0.2", ident=1)
    return craftlib.ether(0x0800, ip, src=bytes.fromhex("020000000001"), dst=bytes.fromhex("020000000002"))


def write(name, magic, stamps):
    data = frame()
    craftlib.write_pcap(os.path.join(OUT, name), [craftlib.record(sec, frac, data) for sec, frac in stamps],
                        magic=magic)


MICRO = [
    (1_000_000_000, 500_000),
    (1_000_000_000, 1_000_000),      # exactly one second in the fraction
    (1_000_000_001, 0xFFFFFFFF),     # -1 as a signed tv_usec
    (1_000_000_001, 4_000_000),      # 4 s; x1000 for --nano still fits 32 bits
    (1_000_000_001, 5_000_000),      # 5 s; x1000 for --nano does not
    (1_000_000_000, 2_000_000),      # backwards
    (999_999_999, 0x80000000),       # the most negative tv_usec
    (0, 0),
    (0, 999_999),
    (0x7FFFFFFF, 999_999),           # the last second before 2038
    (0x80000000, 0),                 # negative tv_sec
    (0x80000000, 1_000_000),
    (0xFFFFFFFF, 0),                 # -1 s
    (0xFFFFFFFF, 0xFFFFFFFF),
    (1_000_000_000, 1),
]

NANO = [
    (1_000_000_000, 500_000_000),
    (1_000_000_000, 1_000_000_000),  # exactly one second
    (1_000_000_001, 0xFFFFFFFF),     # -1 as a signed tv_usec
    (1_000_000_001, 2_000_000_000),  # two seconds
    (1_000_000_000, 3_999_999_999),  # backwards, negative as signed
    (999_999_999, 0x80000000),
    (0, 0),
    (0, 999_999_999),
    (0x7FFFFFFF, 999_999_999),
    (0x80000000, 0),
    (0x80000000, 1_000_000_000),
    (0xFFFFFFFF, 0),
    (0xFFFFFFFF, 0xFFFFFFFF),
    (1_000_000_000, 1),
]

ZERO_FIRST = [
    (0, 0),
    (0, 0),
    (0, 500_000),
    (5, 0),
    (0, 0),
    (0xFFFFFFFF, 999_999),
    (3, 1_000_000),
]

write("timestamps-micro.pcap", craftlib.MAGIC_USEC, MICRO)
write("timestamps-nano.pcap", craftlib.MAGIC_NSEC, NANO)
write("timestamps-zero-first.pcap", craftlib.MAGIC_USEC, ZERO_FIRST)
