#!/usr/bin/env python3
"""craft-wifi.py [CAPTURES_DIR] -- write captures/wifi/*.pcap (GENERATED, not recorded).

802.11 as a monitor-mode capture holds it, which this machine cannot record
(no wireless interface): the real TCP connections of captures/http-ipv4.pcap
and captures/http-ipv6.pcap (the IP packets byte for byte, timestamps kept),
each segment in an 802.11 data frame with an LLC/SNAP header, plus the
management and control frames around them, with the header shapes and
fields tcpdump's and the analyzer's 802.11 code tell apart:

  radiotap.pcap   DLT_IEEE802_11_RADIO (127): every frame after a radiotap
                  header. Data frames: from the AP (FromDS) and to it (ToDS),
                  plain and QoS, between bridges (four addresses), with the
                  FCS at the end (radiotap flag 0x10), with the MAC header padded
                  to 4 bytes (flag 0x20); radiotap fields TSFT, flags, rate,
                  channel (11b, 11g, 11a, 11n), dBm signal and noise, antenna,
                  RX flags, MCS, VHT, and two extra presence bitmaps (a second
                  radiotap namespace per antenna, as Intel's drivers write them).
                  Also a beacon (SSID, rates, DS channel, TIM), a probe request,
                  an authentication, a deauthentication, an action frame, a
                  null-function frame, a protected (WEP/CCMP) data frame, an
                  RTS, a CTS, an ACK and a block ACK.
  ieee80211.pcap  DLT_IEEE802_11 (105): the same connections' frames without
                  radiotap and without FCS, and the same management frames.
  prism.pcap      DLT_PRISM_HEADER (119): ieee80211.pcap's frames after a
                  144-byte Prism header, every fourth after an AVS header
                  instead (its cookie, as Linux writes both under one type).
  avs.pcap        DLT_IEEE802_11_RADIO_AVS (163): after a 64-byte AVS header.
  ppi.pcap        DLT_PPI (192): after a PPI header with an 802.11-common
                  field (inner link type 105), and the connections' first
                  frame with an Ethernet header inside (inner link type 1).
  eapol.pcap      DLT_IEEE802_11_RADIO: an 802.1X/WPA exchange in data frames
                  (EAPOL start, EAP identity request and response, Nak,
                  Notification, TLS/TTLS/FAST with and without their length,
                  SIM and AKA, success and failure, the four WPA key
                  messages, logoff, an ASF alert, an EAP length that is not
                  the EAPOL length, EAP headers too short, and a key frame
                  cut by the snapshot).
  cooked.pcap, cooked2.pcap
                  DLT_LINUX_SLL (113) and DLT_LINUX_SLL2 (276): radiotap.pcap's
                  frames behind a Linux cooked header of hardware type 803
                  (ARPHRD_IEEE80211_RADIOTAP), as `tcpdump -i any` saves a
                  monitor-mode interface's frames.

Addresses: AP (BSSID) 02:80:11:00:00:01, client 02:80:11:00:00:02, server
side router 02:80:11:00:00:03. Checksums of the IP packets are the recorded
ones. Deterministic: byte-identical on every run. Needs only python3.
Then: scripts/gen-goldens.sh wifi/radiotap.pcap wifi/ieee80211.pcap and
scripts/gen-filter-goldens.sh wifi/radiotap.pcap wifi/ieee80211.pcap.
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
OUT = os.path.join(CAP, "wifi")
AP = bytes.fromhex("028011000001")
STA = bytes.fromhex("028011000002")
RTR = bytes.fromhex("028011000003")
BCAST = b"\xff" * 6
LINKTYPE_IEEE802_11 = 105
LINKTYPE_IEEE802_11_RADIO = 127
LINKTYPE_PRISM = 119
LINKTYPE_AVS = 163
LINKTYPE_PPI = 192
LINKTYPE_LINUX_SLL = 113
LINKTYPE_LINUX_SLL2 = 276


def sll_header(v2):
    """A Linux cooked header for a radiotap frame received (hardware type
    803, protocol ETH_P_802_2's 0x0004 as the kernel gives it)."""
    if v2:
        return struct.pack(">HHIHBB8s", 0x0004, 0, 3, 803, 0, 6, STA + b"\0\0")
    return struct.pack(">HHH8sH", 0, 803, 6, STA + b"\0\0", 0x0004)


def prism_header(channel):
    """A Prism capture header: message code and length, the device name,
    then ten items (DID, status, length, value)."""
    h = struct.pack("<II16s", 0x00000044, 144, b"wlan0")
    for did, value in enumerate([0, 1000, channel, 40, 200, 0, 0, 22, 0, 0], 1):
        h += struct.pack("<IHHI", 0x1041 + did * 0x1000, 0, 4, value)
    return h


def avs_header():
    """An AVS capture header, version 1, 64 bytes (big-endian)."""
    # version, length, MAC time, host time, PHY type, channel, data rate,
    # antenna, priority, SSI type, signal, noise, preamble, encoding
    h = struct.pack(">IIQQIIIIIIiiII", 0x80211001, 64, 0, 123456789, 1, 6, 22, 3, 0, 1, -50, -95, 1, 1)
    assert len(h) == 64
    return h


def ppi_header(dlt):
    """A PPI header (little-endian) with one 802.11-common field."""
    field = struct.pack("<HH", 2, 20) + struct.pack("<QHHHHBBbb", 123456789, 0x0002, 22, 2437, 0x00A0, 0, 0, -50, -95)
    return struct.pack("<BBHI", 0, 0, 8 + len(field), dlt) + field


def ip_packets(name):
    """The IP packets of a recorded Ethernet capture, with their times."""
    return [(s, u, f[14:]) for s, u, f, _ in craftlib.read_pcap(os.path.join(CAP, name))[1]]


def fcs(frame):
    """The 802.11 FCS (CRC-32, little-endian)."""
    import zlib
    return struct.pack("<I", zlib.crc32(frame) & 0xFFFFFFFF)


def mac_header(ftype, subtype, flags, a1, a2, a3, a4=None, seq=0, qos=None, duration=44):
    fc = (subtype << 4) | (ftype << 2)
    h = struct.pack("<BBH", fc, flags, duration) + a1 + a2 + a3 + struct.pack("<H", seq << 4)
    if a4 is not None:
        h += a4
    if qos is not None:
        h += struct.pack("<H", qos)
    return h


def snap(ethertype):
    return bytes([0xAA, 0xAA, 0x03, 0, 0, 0]) + struct.pack(">H", ethertype)


# Radiotap fields: (bit, alignment, bytes).
def radiotap(fields, extra_words=()):
    """A radiotap header with FIELDS (bit, align, value bytes) of the first
    namespace, then EXTRA_WORDS: more presence bitmaps, each (word, fields)."""
    words = [sum(1 << b for b, _, _ in fields)]
    for w, _ in extra_words:
        words[-1] |= 1 << 31
        words.append(w)
    body = b""
    start = 4 + 4 * len(words)

    def put(align, value):
        nonlocal body
        while (start + len(body)) % align:
            body += b"\0"
        body += value

    for _, align, value in sorted(fields):
        put(align, value)
    for _, fs in extra_words:
        for _, align, value in fs:
            put(align, value)
    hdr = struct.pack("<BBH", 0, 0, start + len(body)) + b"".join(struct.pack("<I", w) for w in words)
    return hdr + body


def f_tsft(v):
    return (0, 8, struct.pack("<Q", v))


def f_flags(v):
    return (1, 1, bytes([v]))


def f_rate(v):
    return (2, 1, bytes([v]))


def f_channel(freq, flags):
    return (3, 2, struct.pack("<HH", freq, flags))


def f_signal(dbm):
    return (5, 1, struct.pack("<b", dbm))


def f_noise(dbm):
    return (6, 1, struct.pack("<b", dbm))


def f_antenna(n):
    return (11, 1, bytes([n]))


def f_rx_flags(v):
    return (14, 2, struct.pack("<H", v))


def f_mcs(known, flags, index):
    return (19, 1, bytes([known, flags, index]))


def f_vht(known, flags, bw, mcs_nss, coding):
    return (21, 2, struct.pack("<HBB4sBBH", known, flags, bw, bytes(mcs_nss), coding, 0, 0))


CH6_B = f_channel(2437, 0x00A0)     # 2 GHz, CCK: 11b
CH6_G = f_channel(2437, 0x00C0)     # 2 GHz, OFDM: 11g
CH36_A = f_channel(5180, 0x0140)    # 5 GHz, OFDM: 11a


def radio_variants():
    """The radiotap headers the data frames take in turn, and their flags
    byte (FCS, data pad) where set."""
    return [
        # like arkime's 80211http.pcap: TSFT, flags (FCS), rate, channel,
        # signal, then a second radiotap namespace for antenna 0
        (radiotap([f_tsft(677964584), f_flags(0x10), f_rate(22), CH6_B, f_signal(-70), f_rx_flags(0)],
                  extra_words=[((1 << 29) | (1 << 31), []),
                               ((1 << 5) | (1 << 11), [(5, 1, struct.pack("<b", -71)), (11, 1, b"\x00")])]),
         0x10),
        # no FCS; 11g, short preamble, signal and noise
        (radiotap([f_flags(0x02), f_rate(108), CH6_G, f_signal(-48), f_noise(-95), f_antenna(1)]), 0x02),
        # 11n: MCS (bandwidth, index, GI, format, FEC, STBC known)
        (radiotap([f_flags(0x00), CH36_A, f_signal(-60), f_mcs(0x3F, 0x25, 7)]), 0),
        # 11ac: VHT, and the MAC header padded to 4 bytes
        (radiotap([f_tsft(1234567890123), f_flags(0x20), CH36_A, f_signal(-55),
                   f_vht(0x0044, 0x04, 4, [0x92, 0, 0, 0], 0x01)]), 0x20),
    ]


def data_frame(kind, src_is_client, seq, payload, ethertype, pad):
    """An 802.11 data frame of KIND carrying PAYLOAD after LLC/SNAP."""
    if kind == "plain":
        # client to AP (ToDS) or AP to client (FromDS)
        if src_is_client:
            h = mac_header(2, 0, 0x01, AP, STA, RTR, seq=seq)
        else:
            h = mac_header(2, 0, 0x02, STA, AP, RTR, seq=seq)
    elif kind == "qos":
        if src_is_client:
            h = mac_header(2, 8, 0x01, AP, STA, RTR, seq=seq, qos=0x0000)
        else:
            h = mac_header(2, 8, 0x02 | 0x08, STA, AP, RTR, seq=seq, qos=0x0005)  # retry
    else:  # wds: four addresses
        if src_is_client:
            h = mac_header(2, 0, 0x03, AP, RTR, RTR, a4=STA, seq=seq)
        else:
            h = mac_header(2, 0, 0x03, RTR, AP, STA, a4=RTR, seq=seq)
    if pad:
        while len(h) % 4:
            h += b"\0"
    return h + snap(ethertype) + payload


def mgmt_frames():
    """Management and control frames, and the odd data frames."""
    ies = (bytes([0, 7]) + b"tcpscope"[:7]
           + bytes([1, 8, 0x82, 0x84, 0x8B, 0x96, 0x0C, 0x12, 0x18, 0x24])
           + bytes([3, 1, 6])
           + bytes([5, 4, 0, 1, 0, 0]))
    beacon = (mac_header(0, 8, 0, BCAST, AP, AP, seq=100, duration=0)
              + struct.pack("<QHH", 123456789, 100, 0x0411) + ies)
    probe = mac_header(0, 4, 0, BCAST, STA, BCAST, seq=5, duration=0) + bytes([0, 0]) + bytes([1, 4, 2, 4, 11, 22])
    auth = mac_header(0, 11, 0, AP, STA, AP, seq=6) + struct.pack("<HHH", 0, 1, 0)
    auth2 = mac_header(0, 11, 0, STA, AP, AP, seq=101) + struct.pack("<HHH", 0, 2, 0)
    deauth = mac_header(0, 12, 0, STA, AP, AP, seq=102) + struct.pack("<H", 3)
    action = mac_header(0, 13, 0, AP, STA, AP, seq=7) + bytes([3, 0, 1, 2, 0x10, 0x00, 0x00, 0x00])
    null = mac_header(2, 4, 0x11, AP, STA, AP, seq=8)  # null function, power management
    protected = mac_header(2, 8, 0x41, AP, STA, RTR, seq=9, qos=0) + bytes([0x01, 0x00, 0x00, 0x20, 0, 0, 0, 0]) + b"\x5a" * 40
    rts = struct.pack("<BBH", 0xB4, 0, 200) + AP + STA
    cts = struct.pack("<BBH", 0xC4, 0, 150) + STA
    ack = struct.pack("<BBH", 0xD4, 0, 0) + STA
    ba = struct.pack("<BBH", 0x94, 0, 0) + STA + AP + struct.pack("<HH", 0x0005, 0x10) + b"\xff" * 8
    return [beacon, probe, auth, auth2, action, null, protected, rts, cts, ack, ba, deauth]


def eapol_frames():
    """The EAPOL payloads of eapol.pcap (version, type, body)."""
    def eapol(ptype, body, version=2, length=None):
        n = len(body) if length is None else length
        return struct.pack(">BBH", version, ptype, n) + body

    def eap(code, ident, data=b"", length=None):
        n = 4 + len(data) if length is None else length
        return struct.pack(">BBH", code, ident, n) + data

    key = bytes([2]) + struct.pack(">HH", 0x008A, 16) + b"\x00" * 8 + bytes(range(32)) + b"\x00" * 48 + struct.pack(">H", 0)
    return [
        eapol(1, b"", version=1),
        eapol(0, eap(1, 1, b"\x01")),
        eapol(0, eap(2, 1, b"\x01user@example.test")),
        eapol(0, eap(1, 2, b"\x0d\x20")),
        eapol(0, eap(2, 2, b"\x03\x15\x19")),
        eapol(0, eap(1, 3, b"\x02Welcome")),
        eapol(0, eap(1, 4, b"\x0d\xa0" + struct.pack(">I", 1234) + b"\x16\x03\x01")),
        eapol(0, eap(2, 4, b"\x15\x81" + struct.pack(">I", 99))),
        eapol(0, eap(1, 5, b"\x2b\x21")),
        eapol(0, eap(1, 6, b"\x12\x0a\x00\x00")),
        eapol(0, eap(1, 7, b"\x17\x01\x00\x00")),
        eapol(0, eap(1, 8, b"\x04\x10" + b"\x11" * 16)),
        eapol(0, eap(3, 8)),
        eapol(0, eap(4, 9)),
        eapol(3, key),
        eapol(3, key + b"\x00" * 22, version=1),
        eapol(3, key + b"\x00" * 56),
        eapol(3, key),
        eapol(2, b"", version=1),
        eapol(4, b"\x00" * 8),
        eapol(0, eap(1, 10, b"\x01", length=9)),
        eapol(0, eap(1, 11, length=3)[:4]),
        eapol(0, eap(2, 12, length=4)),
        eapol(0, eap(1, 13, b"\x0d", length=5)),
        eapol(0, eap(1, 14, b"\x15\x80", length=6)),
        eapol(0, b"", length=0),
    ]


def main():
    v4 = ip_packets("http-ipv4.pcap")
    v6 = ip_packets("http-ipv6.pcap")
    client4 = v4[0][2][12:16]
    client6 = v6[0][2][8:24]
    radio = radio_variants()
    kinds = ["plain", "qos", "wds"]
    rt_records, raw_records = [], []
    n = 0
    # The management frames come first (an association), then the two
    # connections, then the deauthentication.
    mgmt = mgmt_frames()
    t0 = v4[0][0] - 1
    for i, f in enumerate(mgmt[:-1]):
        # Not the padded variant: management and control headers are not
        # padded.
        hdr, flags = radio[i % 3]
        tail = fcs(f) if flags & 0x10 else b""
        rt_records.append(craftlib.record(t0, 1000 * i, hdr + f + tail))
        raw_records.append(craftlib.record(t0, 1000 * i, f))
    for pkts, client, ethertype in ((v4, client4, 0x0800), (v6, client6, 0x86DD)):
        for sec, usec, ip in pkts:
            src_is_client = (ip[12:16] if ethertype == 0x0800 else ip[8:24]) == client
            hdr, flags = radio[n % len(radio)]
            kind = kinds[n % len(kinds)]
            pad = bool(flags & 0x20)
            frame = data_frame(kind, src_is_client, n, ip, ethertype, pad)
            tail = fcs(frame) if flags & 0x10 else b""
            rt_records.append(craftlib.record(sec, usec, hdr + frame + tail))
            raw_records.append(craftlib.record(sec, usec, data_frame(kind, src_is_client, n, ip, ethertype, False)))
            n += 1
    last = v6[-1]
    hdr, _ = radio[1]
    rt_records.append(craftlib.record(last[0] + 1, 0, hdr + mgmt[-1]))
    raw_records.append(craftlib.record(last[0] + 1, 0, mgmt[-1]))
    os.makedirs(OUT, exist_ok=True)
    craftlib.write_pcap(os.path.join(OUT, "radiotap.pcap"), rt_records, linktype=LINKTYPE_IEEE802_11_RADIO)
    craftlib.write_pcap(os.path.join(OUT, "ieee80211.pcap"), raw_records, linktype=LINKTYPE_IEEE802_11)
    # The other radio headers, around ieee80211.pcap's frames.
    raw = [(r[:16], r[16:]) for r in raw_records]
    prism, avs, ppi = [], [], []
    for i, (rec, frame) in enumerate(raw):
        sec, usec = struct.unpack("<II", rec[:8])
        hdr = avs_header() if i % 4 == 3 else prism_header(6)
        prism.append(craftlib.record(sec, usec, hdr + frame))
        avs.append(craftlib.record(sec, usec, avs_header() + frame))
        ppi.append(craftlib.record(sec, usec, ppi_header(LINKTYPE_IEEE802_11) + frame))
    first = v4[0]
    eth = craftlib.ether(0x0800, first[2], STA, RTR)
    ppi.insert(len(mgmt) - 1, craftlib.record(first[0], first[1], ppi_header(1) + eth))
    craftlib.write_pcap(os.path.join(OUT, "prism.pcap"), prism, linktype=LINKTYPE_PRISM)
    craftlib.write_pcap(os.path.join(OUT, "avs.pcap"), avs, linktype=LINKTYPE_AVS)
    craftlib.write_pcap(os.path.join(OUT, "ppi.pcap"), ppi, linktype=LINKTYPE_PPI)
    # eapol.pcap: the AP and the client's exchange, one frame each way in
    # turn; the last key message cut by the snapshot.
    hdr, _ = radio[1]
    eap_recs = []
    for i, body in enumerate(eapol_frames()):
        frame = data_frame("plain", i % 2 == 1, 200 + i, body, 0x888E, False)
        rec = craftlib.record(t0 + 100, 1000 * i, hdr + frame)
        eap_recs.append(rec)
    frame = data_frame("plain", False, 300, eapol_frames()[14], 0x888E, False)
    eap_recs.append(craftlib.record(t0 + 101, 0, hdr + frame, caplen=len(hdr) + 24 + 8 + 2))
    craftlib.write_pcap(os.path.join(OUT, "eapol.pcap"), eap_recs, linktype=LINKTYPE_IEEE802_11_RADIO)
    for name, v2, lt in (("cooked.pcap", False, LINKTYPE_LINUX_SLL), ("cooked2.pcap", True, LINKTYPE_LINUX_SLL2)):
        recs = []
        for r in rt_records:
            sec, usec = struct.unpack("<II", r[:8])
            recs.append(craftlib.record(sec, usec, sll_header(v2) + r[16:]))
        craftlib.write_pcap(os.path.join(OUT, name), recs, linktype=lt)


if __name__ == "__main__":
    main()
