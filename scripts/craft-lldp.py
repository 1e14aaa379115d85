#!/usr/bin/env python3
"""Writes captures/lldp-crafted.pcap: LLDP frames (ethertype 0x88cc) with
what lldpd (scripts/record-lldp-captures.sh, captures/lldp.pcap) does not
send, for the golden tests against tcpdump (scripts/gen-goldens.sh):

  - every chassis ID and port ID subtype (component, alias, name, local,
    agent circuit ID, network addresses of IPv4/IPv6/802/other families,
    an unknown subtype), system capabilities, management addresses of
    every family with the OID and the unknown interface numbering;
  - IEEE 802.1: port VLAN, protocol VLAN, VLAN name, protocol identity,
    link aggregation, congestion notification, ETS configuration and
    recommendation, PFC, application priority, EVB, CDCP, an unknown
    subtype, and each one too short;
  - IEEE 802.3: MAC/PHY with autonegotiation and MAU types, power via
    MDI, link aggregation, max frame size, unknown and short subtypes;
  - IANA MUD-URL; TIA LLDP-MED: capabilities, network policy, the civic
    address location with its CA elements, coordinates, ELIN, an unknown
    location format, extended power (and reserved power values), every
    inventory string, an unknown subtype;
  - DCBX rev 1 (not decoded) and rev 1.01: control, priority groups, PFC,
    application TLVs, an unknown one, short and overlong inner TLVs;
  - an unknown TLV type, an unknown OUI, a TLV of length 0 (tcpdump's loop
    check), NULs inside strings (printed up to the NUL), a TLV longer than
    the frame, cut frames (captured shorter than sent), a frame over 802.2
    SNAP and one inside a VLAN tag.

Deterministic (the same bytes on every run); standard library only.
Usage: scripts/craft-lldp.py [OUT_DIR]   (default: captures)
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402  (beside this script)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "captures")

SRC = bytes.fromhex("020000000001")
DST = bytes.fromhex("0180c200000e")  # nearest bridge


def eth(payload, etype=0x88CC):
    return DST + SRC + struct.pack(">H", etype) + payload


def tlv(ty, value, length=None):
    length = len(value) if length is None else length
    return struct.pack(">H", ty << 9 | (length & 0x1FF)) + value


def org(oui, sub, body=b"", length=None):
    return tlv(127, oui.to_bytes(3, "big") + bytes([sub]) + body, length)


END = tlv(0, b"")
HEAD = (tlv(1, b"\x04" + SRC) + tlv(2, b"\x05eth0") + tlv(3, struct.pack(">H", 120)))


def lldp(*tlvs, head=True, end=True):
    return eth((HEAD if head else b"") + b"".join(tlvs) + (END if end else b""))


IEEE1, IEEE3, IANA, TIA, DCBX = 0x0080C2, 0x00120F, 0x00005E, 0x0012BB, 0x001B21
V4 = bytes([192, 0, 2, 9])
V6 = bytes.fromhex("20010db8000000000000000000000009")


def frames():
    f = []
    # The basic TLVs with every ID subtype.
    f.append(lldp(
        tlv(4, b"uplink port"), tlv(5, b"switch-1"), tlv(6, b"Crafted switch\nsecond line"),
        tlv(7, struct.pack(">HH", 0x00FF, 0x0014)),
        tlv(8, bytes([5, 1]) + V4 + bytes([2]) + struct.pack(">I", 7) + bytes([8]) + b"\x2b\x06\x01\x04\x01\x81\x9a\x06"),
        tlv(8, bytes([17, 2]) + V6 + bytes([3]) + struct.pack(">I", 12) + b"\x00"),
        tlv(8, bytes([7, 6]) + SRC + bytes([1]) + struct.pack(">I", 1)),
        tlv(8, bytes([3, 11, 0xAB, 0xCD]) + bytes([9]) + struct.pack(">I", 99)),
        head=True))
    f.append(lldp(tlv(1, b"\x01chassis-comp"), tlv(2, b"\x01alias"), tlv(3, b"\x00\x05"), head=False))
    f.append(lldp(tlv(1, b"\x02if-alias"), tlv(2, b"\x02port-comp"), head=False))
    f.append(lldp(tlv(1, b"\x03port-comp"), tlv(2, b"\x03" + SRC), head=False))
    f.append(lldp(tlv(1, b"\x05\x01" + V4), tlv(2, b"\x04\x02" + V6), head=False))
    f.append(lldp(tlv(1, b"\x05\x06" + SRC), tlv(2, b"\x04\x0c\x01\x02"), head=False))
    f.append(lldp(tlv(1, b"\x06ifname"), tlv(2, b"\x06circuit-7"), head=False))
    f.append(lldp(tlv(1, b"\x07local"), tlv(2, b"\x07local-port"), head=False))
    f.append(lldp(tlv(1, b"\x09\xde\xad"), tlv(2, b"\x00\xbe\xef"), head=False))
    # Strings with a NUL inside and high-bit/control characters.
    f.append(lldp(tlv(5, b"name\x00hidden"), tlv(4, b"p\x01rt\xe9"), tlv(6, b"\x00all hidden")))
    # IEEE 802.1.
    f.append(lldp(
        org(IEEE1, 1, struct.pack(">H", 100)),
        org(IEEE1, 2, b"\x06" + struct.pack(">H", 200)),
        org(IEEE1, 2, b"\x00" + struct.pack(">H", 201)),
        org(IEEE1, 3, struct.pack(">H", 300) + bytes([7]) + b"vlan300"),
        org(IEEE1, 4, bytes([4]) + b"\x88\x8e\x01\x00"),
        org(IEEE1, 4, bytes([5]) + b"stp\x00x"),
        org(IEEE1, 7, b"\x03" + struct.pack(">I", 1234567)),
        org(IEEE1, 8, b"\xa5\x0f")))
    ets = b"\xc3" + bytes([0x01, 0x23, 0x45, 0x67]) + bytes([10, 20, 30, 40, 0, 0, 0, 0]) + bytes([0, 1, 2, 2, 255, 0, 0, 0])
    f.append(lldp(
        org(IEEE1, 9, ets), org(IEEE1, 10, b"\x00" + ets[1:]),
        org(IEEE1, 11, b"\xd4\x81"),
        org(IEEE1, 12, b"\x00" + b"\x61\x0c\xbc" + b"\x83\x89\x06"),
        org(IEEE1, 12, b"\x00"),
        org(IEEE1, 12, b"\x00\x61\x0c"),
        org(IEEE1, 13, b"\x0f\x1d\xe5\xa7\x65"),
        org(IEEE1, 13, b"\x00\x00\x00\xc0\x00"),
        org(IEEE1, 14, b"\x88\x00\x01\x23" + b"\x00\x10\x64" + b"\x00\x20\xc8"),
        org(IEEE1, 14, b"\x00\x00\x00\x05\x01"),
        org(IEEE1, 99, b"\x01\x02")))
    # IEEE 802.1, each too short for its subtype.
    f.append(lldp(
        org(IEEE1, 1, b"\x00"), org(IEEE1, 2, b"\x00\x00"), org(IEEE1, 3, b"\x00"),
        org(IEEE1, 3, b"\x00\x05"), org(IEEE1, 3, b"\x00\x05\x09ab"), org(IEEE1, 4),
        org(IEEE1, 4, b"\x09ab"), org(IEEE1, 7, b"\x01\x00"), org(IEEE1, 8, b"\x00"),
        org(IEEE1, 9, b"\x00" * 10), org(IEEE1, 10, b"\x00"), org(IEEE1, 11, b"\x00"),
        org(IEEE1, 13, b"\x00"), org(IEEE1, 14, b"\x00"),
        tlv(127, b"\x00\x80\xc2")))
    # IEEE 802.3.
    f.append(lldp(
        org(IEEE3, 1, b"\x03" + struct.pack(">HH", 0x6C01, 16)),
        org(IEEE3, 1, b"\x01" + struct.pack(">HH", 0x0000, 30)),
        org(IEEE3, 1, b"\x00" + struct.pack(">HH", 0x80FF, 99)),
        org(IEEE3, 2, b"\x0f\x01\x05"), org(IEEE3, 2, b"\x00\x07\x00"),
        org(IEEE3, 3, b"\x01" + struct.pack(">I", 42)),
        org(IEEE3, 4, struct.pack(">H", 9216)),
        org(IEEE3, 9, b"\xaa\xbb"),
        org(IEEE3, 1, b"\x03"), org(IEEE3, 2, b"\x01"), org(IEEE3, 3, b"\x01"), org(IEEE3, 4, b"\x01")))
    # IANA MUD-URL, TIA LLDP-MED.
    civic = b"\x02" + b"US" + b"\x01\x02CA" + b"\x03\x08San Jose" + b"\x06\x04Main" + b"\x80\x03x\x00y"
    f.append(lldp(
        org(IANA, 1, b"https://example.com/mud\x00x"), org(IANA, 2, b"abcd"), org(IANA, 1, b"a"),
        org(TIA, 1, struct.pack(">H", 0x0033) + b"\x03"),
        org(TIA, 1, struct.pack(">H", 0x0000) + b"\x09"),
        org(TIA, 2, b"\x05" + struct.pack(">HH", 0x60C8, 0x0000 | (6 << 6) | 34)),
        org(TIA, 2, b"\x0c" + struct.pack(">HH", 0xA000, 0x01FF)),
        org(TIA, 3, b"\x02" + bytes([len(civic)]) + civic + b"!"),
        org(TIA, 3, b"\x02\x06\x00FR\x00\x05ab"),
        org(TIA, 3, b"\x02\x05\x02DE\x03\x01"),
        org(TIA, 3, b"\x01" + bytes.fromhex("6961c9bd3e0004b27a4fc4110000008c02")),
        org(TIA, 3, b"\x01\x00\x00"),
        org(TIA, 3, b"\x03" + b"5551234"),
        org(TIA, 3, b"\x07" + b"\x01\x02\x03"),
        org(TIA, 3, b"\x07"),
        org(TIA, 4, b"\x52" + struct.pack(">H", 130)),
        org(TIA, 4, b"\x81" + struct.pack(">H", 1024)),
        org(TIA, 4, b"\x3f" + struct.pack(">H", 0xFFFF)),
        org(TIA, 5, b"rev A"), org(TIA, 6, b"1.2.3"), org(TIA, 7, b"sw 4.5"),
        org(TIA, 8, b"SN0001"), org(TIA, 9, b"Acme"), org(TIA, 10, b"Model X"), org(TIA, 11, b"asset\x00z"),
        org(TIA, 12, b"\x01\x02\x03"),
        org(TIA, 1, b"\x00"), org(TIA, 2, b"\x01")))
    # DCBX.
    ctl = tlv(1, b"\x00\x00" + struct.pack(">II", 5, 4))
    pg = tlv(2, b"\x00\x00\xe0\x00" + struct.pack(">I", 0x01234567) + bytes([12, 13, 25, 50, 0, 0, 0, 0]) + b"\x08")
    pfc = tlv(3, b"\x00\x00\x80\x00\x0a\x08")
    app = tlv(4, b"\x00\x00\x80\x00" + b"\x89\x06\x00\x1b\x21\x08" + b"\x0c\xbc\x40\x00\x00\x10")
    f.append(lldp(
        org(DCBX, 1, b"\x01\x02\x03\x04"),
        org(DCBX, 2, ctl + pg + pfc + app),
        org(DCBX, 2, tlv(5, b"\x01\x02") + ctl),
        org(DCBX, 2, ctl + tlv(5, b"\x01\x02")),
        org(DCBX, 2, tlv(1, b"\x00\x00\x00")),
        org(DCBX, 2, tlv(2, b"\x00" * 5) + ctl),
        org(DCBX, 2, tlv(3, b"\x00")), org(DCBX, 2, tlv(4, b"\x00")),
        org(DCBX, 2, ctl + tlv(0, b"") + ctl),
        org(DCBX, 2, tlv(1, b"\x00" * 10, length=40)),
        org(DCBX, 2, b"\x02"),
        org(DCBX, 9, b""), tlv(127, b"\x00\x1b\x21")))
    # Unknown TLV type and OUI, short TLVs of each kind.
    f.append(lldp(tlv(9, b"\x01\x02\x03"), tlv(126, b"abc"), org(0x334455, 7, b"\x99")))
    f.append(lldp(tlv(1, b"\x04"), head=False))
    f.append(lldp(tlv(1, b"\x04\x01\x02\x03"), head=False))
    f.append(lldp(tlv(2, b"\x03\x01\x02"), head=False))
    f.append(lldp(tlv(1, b"\x05"), head=False))
    f.append(lldp(tlv(1, b"\x05\x01\x0a\x00"), head=False))
    f.append(lldp(tlv(2, b"\x04\x02\x0a\x00"), head=False))
    f.append(lldp(tlv(2, b"\x04\x06\x00"), head=False))
    f.append(lldp(tlv(3, b"\x01")))
    f.append(lldp(tlv(7, b"\x00\x01")))
    f.append(lldp(tlv(8, b"")))
    f.append(lldp(tlv(8, b"\x05\x01\x01")))
    f.append(lldp(tlv(8, b"\x00\x00")))
    f.append(lldp(tlv(8, b"\x03\x01\x0a\x00")))
    f.append(lldp(tlv(8, b"\x05\x01" + V4 + b"\x02\x00\x00")))
    f.append(lldp(tlv(8, b"\x05\x01" + V4 + b"\x02\x00\x00\x00\x01\x05\x01")))
    f.append(lldp(tlv(8, b"\x05\x01" + V4 + b"\x02\x00\x00\x00\x01\x00")))
    f.append(lldp(tlv(127, b"\x00\x80")))
    # A TLV of length 0 ends the frame; the End TLV with stray bytes after.
    f.append(lldp(tlv(5, b""), tlv(5, b"not seen")))
    f.append(lldp(tlv(5, b"x"), end=True) + b"\x00" * 10)
    # A TLV longer than the frame says; a frame of one byte; none at all.
    f.append(lldp(tlv(6, b"short", length=200), end=False))
    f.append(eth(b"\x02"))
    f.append(eth(b""))
    # Over 802.2 SNAP (OUI 0, ethertype 0x88cc) and inside a VLAN tag.
    body = (HEAD + tlv(5, b"snap") + END)
    f.append(DST + SRC + struct.pack(">H", 8 + len(body)) + b"\xaa\xaa\x03\x00\x00\x00\x88\xcc" + body)
    f.append(DST + SRC + b"\x81\x00\x00\x64\x88\xcc" + body)
    # Cut frames: in a TLV header, in a value, in an org TLV, in a DCBX TLV.
    full = lldp(tlv(4, b"a port description"), tlv(5, b"name"),
                org(IEEE1, 3, struct.pack(">H", 300) + bytes([7]) + b"vlan300"),
                org(DCBX, 2, ctl + pg))
    for cut in (14 + 1, 14 + 10, 14 + 22, 14 + 33, 14 + 50, len(full) - 20, len(full) - 3):
        f.append((full, cut))
    return f


def write_pcap(name, frames):
    path = os.path.join(OUT, name)
    craftlib.write_pcap(path, craftlib.numbered(frames))
    print("wrote", path)


write_pcap("lldp-crafted.pcap", frames())
