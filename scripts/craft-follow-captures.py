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
  reset-then-late.pcap  captures/analyze/reset-mid-upload.pcap, then on its
                  4-tuple a late data segment 15 s after the RST, a SYN
                  with a new number and its SYN-ACK, and the SYN again: one
                  tcp.stream of two connections, then a new stream.
  one-sided.pcap  only the server's segments after its SYN-ACK: a capture
                  of one direction that starts mid-connection (Wireshark's
                  relative numbers then start at 1, acknowledgements too).
  icmp-quote.pcap ICMP errors quoting TCP segments the capture never saw: a
                  host unreachable quoting a whole SYN header (Wireshark makes
                  that 4-tuple's conversation and numbers its tcp.stream: 0),
                  a time exceeded quoting only 8 bytes of TCP (too short for
                  Wireshark's TCP dissector: no stream), then
                  captures/http-ipv4.pcap's connection (stream 1), then a
                  connection on the quoted 4-tuple (stream 0 again).

Usage: scripts/craft-follow-captures.py   (writes captures/follow/*.pcap)
Then scripts/tshark-follow.sh records what tshark prints for them.
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "captures", "analyze", "loss-reorder.pcap")
RESET = os.path.join(ROOT, "captures", "analyze", "reset-mid-upload.pcap")
OUT = os.path.join(ROOT, "captures", "follow")


def write_pcap(path, header, frames):
    """FRAMES ([sec, usec, frame, wirelen]) under the source file's HEADER."""
    with open(path, "wb") as f:
        f.write(header)
        for sec, usec, pkt, wirelen in frames:
            f.write(craftlib.record(sec, usec, pkt, wirelen=wirelen))


def tcp_fields(pkt):
    ihl = (pkt[14] & 0xF) * 4
    t = 14 + ihl
    hlen = (pkt[t + 12] >> 4) * 4
    seq = struct.unpack("!I", pkt[t + 4:t + 8])[0]
    return t, hlen, seq, pkt[t + hlen:]


def with_ack(pkt, ack):
    """The frame with another acknowledgement number (checksum made right
    by `rebuild`)."""
    t, _, _, _ = tcp_fields(pkt)
    out = bytearray(pkt)
    struct.pack_into("!I", out, t + 8, ack)
    return bytes(out)


def rebuild(pkt, seq, payload):
    """The frame with another sequence number and payload; IP length and
    both checksums made right again."""
    ihl = (pkt[14] & 0xF) * 4
    t, hlen, _, _ = tcp_fields(pkt)
    ip = bytearray(pkt[14:14 + ihl])
    tcp = bytearray(pkt[t:t + hlen]) + payload
    struct.pack_into("!H", ip, 2, ihl + len(tcp))
    struct.pack_into("!H", ip, 10, 0)
    struct.pack_into("!H", ip, 10, craftlib.csum(bytes(ip)))
    struct.pack_into("!I", tcp, 4, seq)
    struct.pack_into("!H", tcp, 16, 0)
    pseudo = craftlib.pseudo(6, len(tcp), bytes(ip[12:16]), bytes(ip[16:20]))
    struct.pack_into("!H", tcp, 16, craftlib.csum(pseudo + bytes(tcp)))
    return pkt[:14] + bytes(ip) + bytes(tcp)


def main():
    header, frames = craftlib.read_pcap(SRC)
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

    # one-sided: only what the server sent after its SYN-ACK, as a capture
    # that missed the handshake and the client's direction (a span port
    # seeing one way): the relative numbers' bases come from the first
    # segment (its seq - 1) and its acknowledgement (ack - 1).
    def from_server(f):
        t, _, _, _ = tcp_fields(f[2])
        return struct.unpack("!H", f[2][t:t + 2])[0] != 41015
    server = [f for f in frames if from_server(f)]
    write_pcap(os.path.join(OUT, "one-sided.pcap"), header, server[1:])

    # reset-then-late: reset-mid-upload.pcap (an upload the server resets),
    # then on the same 4-tuple 15 s later the client's last data segment
    # again (a connection of its own for Zeek, over 5 s after the RST; the
    # same tcp.stream for Wireshark), 30 s later a SYN with a new number
    # and its SYN-ACK (a new stream), and the SYN once more 1 s later (a
    # retransmission: the same stream).
    rheader, rframes = craftlib.read_pcap(RESET)
    last = rframes[-1]
    data = [f for f in rframes if len(tcp_fields(f[2])[3]) > 0][-1]
    syn, synack = rframes[0], rframes[1]
    _, _, syn_seq, _ = tcp_fields(syn[2])
    new_seq = (syn_seq + 1_000_000) & 0xFFFFFFFF
    syn2 = rebuild(syn[2], new_seq, b"")
    synack2 = rebuild(with_ack(synack[2], (new_seq + 1) & 0xFFFFFFFF),
                      tcp_fields(synack[2])[2], b"")
    at = lambda f, dt: [last[0] + dt, last[1], f, len(f)]
    write_pcap(os.path.join(OUT, "reset-then-late.pcap"), rheader,
               rframes + [at(data[2], 15), at(syn2, 30), at(synack2, 30), at(syn2, 31)])


def icmp_quote():
    """icmp-quote.pcap (see the module's text)."""
    header, http = craftlib.read_pcap(os.path.join(ROOT, "captures", "http-ipv4.pcap"))
    cmac, rmac = bytes.fromhex("025800000001"), bytes.fromhex("025800000009")
    client, server, router = "10.88.1.1", "10.99.0.5", "10.88.9.1"

    def seg(src, dst, sport, dport, seq, ack, flags, payload=b""):
        return craftlib.ipv4(6, craftlib.tcp(sport, dport, seq, ack, flags, payload, src, dst), src, dst)

    def icmp(type_, code, quoted):
        body = struct.pack("!BBHI", type_, code, 0, 0) + quoted
        body = body[:2] + struct.pack("!H", craftlib.csum(body)) + body[4:]
        return craftlib.ether(0x0800, craftlib.ipv4(1, body, router, client), rmac, cmac)

    syn = seg(client, server, 41100, 443, 5000, 0, 0x02)
    short = seg(client, "10.99.0.6", 41101, 80, 7000, 0, 0x02)[:28]
    t0 = http[0][0] - 2
    frames = [[t0, 0, icmp(3, 1, syn)], [t0, 500, icmp(11, 0, short)]]
    frames += [[sec, usec, f] for sec, usec, f, _ in http]
    t1 = http[-1][0] + 1
    conv = [
        (client, server, 41100, 443, 5000, 0, 0x02, b""),
        (server, client, 443, 41100, 9000, 5001, 0x12, b""),
        (client, server, 41100, 443, 5001, 9001, 0x10, b""),
        (client, server, 41100, 443, 5001, 9001, 0x18, b"hello"),
        (server, client, 443, 41100, 9001, 5006, 0x18, b"world!"),
        (client, server, 41100, 443, 5006, 9007, 0x11, b""),
        (server, client, 443, 41100, 9007, 5007, 0x11, b""),
        (client, server, 41100, 443, 5007, 9008, 0x10, b""),
    ]
    for i, (src, dst, sp, dp, sq, ak, fl, pay) in enumerate(conv):
        macs = (cmac, rmac) if src == client else (rmac, cmac)
        frames.append([t1, 1000 * i, craftlib.ether(0x0800, seg(src, dst, sp, dp, sq, ak, fl, pay), *macs)])
    write_pcap(os.path.join(OUT, "icmp-quote.pcap"), header,
               [[sec, usec, f, len(f)] for sec, usec, f in frames])


if __name__ == "__main__":
    main()
    icmp_quote()
