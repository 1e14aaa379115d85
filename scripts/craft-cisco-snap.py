#!/usr/bin/env python3
"""craft-cisco-snap.py [CAPTURES_DIR] -- write captures/cisco-snap-crafted.pcap (GENERATED).

Cisco's protocols over 802.3 + LLC/SNAP (OUI 00000c) that tcpdump 4.99
prints with print-dtp.c (PID 0x2004), print-udld.c (PID 0x0111) and
print-vtp.c (PID 0x2003):
  - DTP: domain (NUL-padded, and with unprintable bytes), status, DTP type
    and neighbor TLVs (Cisco and unknown OUIs), an unknown TLV, a TLV of
    type 0 (the printer stops), TLV lengths under 4 and past the end,
    status and neighbor TLVs of the wrong length, a 2-byte remainder, an
    empty message;
  - UDLD: probe, echo, flush and reserved codes, every flag bit, each TLV
    (device and port ids, echo with binary bytes, intervals, device name,
    sequence number), an unknown TLV, TLV lengths of 4 and past the end,
    intervals and sequence numbers of the wrong length, a 2-byte
    remainder, a message under its 4-byte header;
  - VTP: summary advertisement, subset advertisement with VLAN information
    fields of each type and status (and unknown ones) carrying every VLAN
    TLV and an unknown one, advertisement request, join message, an unknown
    message type; management domain lengths 0 and 33, a message under its
    36-byte header, VLAN information shorter than its fixed part or its
    name, TLVs of length 2 and past the end, a 1-byte remainder, a zero
    VLAN information length, VLAN information past the 802.3 length;
  - an unknown Cisco PID, an 802.3 length under the frame (Ethernet
    padding), an 802.1Q-tagged frame, and frames cut by the snapshot inside
    headers and TLVs.
Deterministic; Python 3 standard library only.
Then: scripts/gen-goldens.sh cisco-snap-crafted.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
M1, M2 = bytes.fromhex("00000c1a2b01"), bytes.fromhex("0012d9a0b102")
CISCO_MC = bytes.fromhex("01000ccccccc")
CISCO = 0x00000C


def snap(pid, payload, oui=CISCO):
    return b"\xaa\xaa\x03" + oui.to_bytes(3, "big") + struct.pack(">H", pid) + payload


def dot3(body, length=None, src=M1, dst=CISCO_MC, pad_to=0):
    n = len(body) if length is None else length
    frame = dst + src + struct.pack(">H", n) + body
    return frame + b"\0" * max(0, pad_to - len(frame))


def dot1q(body, vid=100, src=M2, dst=CISCO_MC):
    return dst + src + struct.pack(">HHH", 0x8100, vid, len(body)) + body


# ---- DTP ---------------------------------------------------------------------

def dtlv(t, v, length=None):
    return struct.pack(">HH", t, 4 + len(v) if length is None else length) + v


def dtp(*tlvs, ver=1):
    return bytes([ver]) + b"".join(tlvs)


DTP_FULL = dtp(dtlv(1, b"lab\0\0\0\0\0\0"), dtlv(2, b"\x03"), dtlv(3, b"\xa5"),
               dtlv(4, bytes.fromhex("00000c1a2b01")))
DTPS = [
    DTP_FULL,
    dtp(dtlv(1, b"\0"), dtlv(2, b"\x81"), dtlv(3, b"\x45"), dtlv(4, bytes.fromhex("0012d9a0b102"))),
    dtp(dtlv(1, b"c\x01s\xe9o"), dtlv(5, b"\x01\x02\x03\x04"), dtlv(2, b"\x04"), ver=2),
    dtp(dtlv(1, b"lab"), struct.pack(">HH", 0, 0) + b"\xff" * 6),
    dtp(dtlv(2, b"\x03"), struct.pack(">HH", 3, 3)),
    dtp(dtlv(2, b"\x03"), dtlv(1, b"lab", length=40)),
    dtp(dtlv(2, b"\x03\x00")),
    dtp(dtlv(3, b"")),
    dtp(dtlv(4, bytes.fromhex("00000c1a2b"))),
    dtp(dtlv(2, b"\x03"), b"\x00\x01"),
    dtp(dtlv(0x1234, b"")),
    b"",
]

# ---- UDLD --------------------------------------------------------------------


def utlv(t, v, length=None):
    return struct.pack(">HH", t, 4 + len(v) if length is None else length) + v


def udld(code, flags, *tlvs, ver=1, csum=0x6a4f):
    return bytes([(ver << 5) | code, flags]) + struct.pack(">H", csum) + b"".join(tlvs)


ECHO = struct.pack(">I", 1) + struct.pack(">H", 11) + b"FOC0000X0CD" + struct.pack(">H", 7) + b"Gi1/0/2"
UDLD_FULL = udld(1, 0x01, utlv(1, b"FOC1234X0AB"), utlv(2, b"Gi1/0/1"), utlv(3, ECHO),
                 utlv(4, b"\x0f"), utlv(5, b"\x05"), utlv(6, b"sw1"), utlv(7, struct.pack(">I", 123456)))
UDLDS = [
    UDLD_FULL,
    udld(2, 0x03, utlv(1, b"FOC1234X0AB"), utlv(2, b"Gi1/0/1"), utlv(3, struct.pack(">I", 0)),
         utlv(6, b"sw\0junk"), utlv(7, struct.pack(">I", 0xffffffff))),
    udld(3, 0x00, utlv(1, b"FOC1234X0AB")),
    udld(0, 0xfc, utlv(8, b"\x01\x02\x03")),
    udld(9, 0x02, utlv(0x7f00, b"x"), ver=2),
    udld(1, 0x01, utlv(1, b"", length=4)),
    udld(1, 0x01, utlv(1, b"FOC", length=30)),
    udld(1, 0x01, utlv(4, b"\x00\x0f")),
    udld(1, 0x01, utlv(7, b"\x00\x00\x01")),
    udld(1, 0x01, utlv(2, b"Gi1/0/1"), b"\x00\x01"),
    udld(1, 0x01, utlv(6, b"\x01\x7f\x80\xffname")),
    udld(1, 0x01, utlv(1, b"", length=0)),
    udld(1, 0x01)[:3],
    udld(1, 0x01),
]

# ---- VTP ---------------------------------------------------------------------


def vtp_hdr(ver, code, third, domain, dlen=None):
    return struct.pack(">BBBB", ver, code, third, len(domain) if dlen is None else dlen) + domain.ljust(32, b"\0")[:32]


def vlan(vid, name, vtype=1, status=0, mtu=1500, said=None, tlvs=b"", length=None, name_len=None):
    said = 100000 + vid if said is None else said
    n = name.ljust((len(name) + 3) // 4 * 4, b"\0")
    body = struct.pack(">BBBBHHI", 0, status, vtype, len(name) if name_len is None else name_len, vid, mtu, said) + n + tlvs
    ln = len(body) if length is None else length
    return bytes([ln]) + body[1:]


def vt(t, v, n=1):
    return struct.pack(">BB", t, n) + struct.pack(">H", v)


SUMMARY = vtp_hdr(2, 1, 1, b"lab") + struct.pack(">I", 0x2a) + bytes([10, 1, 1, 1]) + b"930301000001" \
    + bytes(range(0xa0, 0xb0))
TR_TLVS = vt(1, 0x0010) + vt(2, 1) + vt(3, 1) + vt(4, 1005) + vt(5, 0) + vt(6, 1) + vt(7, 1) + vt(8, 7) \
    + vt(9, 7) + vt(10, 1)
SUBSET = vtp_hdr(2, 2, 1, b"lab") + struct.pack(">I", 0x2a) + vlan(1, b"default") \
    + vlan(1002, b"fddi-default", vtype=2, status=1, mtu=1500) \
    + vlan(1003, b"token-ring-default", vtype=3, mtu=1500, tlvs=TR_TLVS) \
    + vlan(1004, b"fddinet-default", vtype=4, tlvs=vt(3, 2) + vt(6, 0) + vt(7, 2) + vt(10, 0)) \
    + vlan(1005, b"trnet-default", vtype=5, tlvs=vt(3, 3) + vt(3, 9) + vt(0x0b, 0xbeef)) \
    + vlan(20, b"v20", vtype=9, status=7) + vlan(30, b"")
VTPS = [
    SUMMARY,
    vtp_hdr(1, 1, 0, b"a\x01b\xe9") + struct.pack(">I", 0) + bytes([192, 0, 2, 1]) + b"\0" * 28,
    SUBSET,
    vtp_hdr(2, 3, 0, b"lab") + struct.pack(">I", 2),
    vtp_hdr(2, 4, 0, b"lab") + b"\x11" * 8,
    vtp_hdr(2, 9, 5, b"lab") + b"\x22" * 4,
    vtp_hdr(2, 1, 1, b"", dlen=0) + b"\0" * 40,
    vtp_hdr(2, 1, 1, b"lab", dlen=33) + b"\0" * 40,
    vtp_hdr(2, 1, 1, b"lab")[:30],
    vtp_hdr(2, 2, 1, b"lab") + struct.pack(">I", 1) + vlan(1, b"default")[:8].replace(b"\x14", b"\x08", 1),
    vtp_hdr(2, 2, 1, b"lab") + struct.pack(">I", 1) + vlan(1, b"default", length=16),
    vtp_hdr(2, 2, 1, b"lab") + struct.pack(">I", 1) + vlan(1, b"x", tlvs=vt(3, 1, n=2) + b"\0\0"),
    vtp_hdr(2, 2, 1, b"lab") + struct.pack(">I", 1) + vlan(1, b"x", tlvs=vt(3, 1)[:2], length=18) + b"\0" * 4,
    vtp_hdr(2, 2, 1, b"lab") + struct.pack(">I", 1) + vlan(1, b"x", tlvs=vt(3, 1) + b"\x06", length=21) + b"\0" * 3,
    vtp_hdr(2, 2, 1, b"lab") + struct.pack(">I", 1) + b"\0" * 12 + vlan(1, b"x"),
    vtp_hdr(2, 2, 1, b"lab") + struct.pack(">I", 1) + vlan(1, b"default", name_len=40),
    vtp_hdr(2, 2, 1, b"lab\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\xff", dlen=32) + struct.pack(">I", 1),
    vtp_hdr(2, 3, 0, b"lab"),
    vtp_hdr(2, 1, 1, b"lab") + b"\0" * 10,
]


def cisco(pid, payload):
    return dot3(snap(pid, payload), pad_to=60)


def main():
    frames = [cisco(0x2004, d) for d in DTPS]
    frames += [cisco(0x0111, u) for u in UDLDS]
    frames += [cisco(0x2003, v) for v in VTPS]
    # an unknown Cisco PID; PVST's neighbours stay as they were
    frames.append(cisco(0x0112, b"\x01\x02\x03\x04"))
    # the 802.3 length ends inside the message: the rest is Ethernet padding
    frames.append(dot3(snap(0x2004, DTP_FULL), length=8 + 1 + 9 + 5))
    frames.append(dot3(snap(0x0111, UDLD_FULL), length=8 + 4 + 15))
    frames.append(dot3(snap(0x2003, SUBSET), length=8 + 36 + 4 + 20))
    frames.append(dot3(snap(0x2003, SUBSET), length=8 + 36 + 4 + 10))
    frames.append(dot3(snap(0x2003, SUMMARY), length=8 + 30))
    frames.append(dot3(snap(0x2003, SUMMARY), length=8 + 40))
    # 802.1Q-tagged
    frames += [dot1q(snap(0x2004, DTP_FULL)), dot1q(snap(0x0111, UDLD_FULL), vid=0x2064),
               dot1q(snap(0x2003, SUBSET))]
    # cut by the snapshot: header, TLV headers, inside TLV values
    base = 14 + 8
    for d, cuts in ((DTP_FULL, (0, 1, 3, 7, 12, 16, 22, 27, 30)),
                    (UDLD_FULL, (0, 1, 3, 5, 9, 14, 30, 40, 70, 80, 86, 90)),
                    (SUMMARY, (0, 2, 20, 35, 37, 42, 45, 55, 70)),
                    (SUBSET, (37, 40, 45, 50, 60, 85, 120, 130, 150, 175, 178, 190, 240))):
        pid = {id(DTP_FULL): 0x2004, id(UDLD_FULL): 0x0111, id(SUMMARY): 0x2003, id(SUBSET): 0x2003}[id(d)]
        for c in cuts:
            frames.append((cisco(pid, d), base + c))
    frames.append((cisco(0x2003, VTPS[3]), base + 38))
    frames.append((cisco(0x2003, VTPS[4]), base + 20))
    craftlib.write_pcap(os.path.join(CAP, "cisco-snap-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
