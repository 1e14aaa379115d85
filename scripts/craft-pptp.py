#!/usr/bin/env python3
"""craft-pptp.py [CAPTURES_DIR] -- write captures/pptp-crafted.pcap (GENERATED).

A PPTP control connection (TCP port 1723, RFC 2637) with every control
message tcpdump 4.99's print-pptp.c decodes, in TCP segments between a
client (10.80.0.1) and a server (10.80.0.2): SCCRQ/SCCRP, echo, outgoing
and incoming calls (OCRQ/OCRP, ICRQ/ICRP/ICCN), call clear and disconnect
(CCRQ/CDN with statistics text), WAN error and link info (WEN/SLI),
StopCCRQ/StopCCRP; each result code known and one unknown; a reserved field
not zero; a wrong magic cookie; a management message type; an unknown
control message type; an SCCRQ cut by the snapshot inside its host name
field (after the name's NUL, so the vendor name is where it stops).
The handshake and the close around them. No host here speaks PPTP (the
kernel has no pptp support). Deterministic; Python 3 standard library only.
Then: scripts/gen-goldens.sh pptp-crafted.pcap
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402

CAP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures")
C, S = "10.80.0.1", "10.80.0.2"
CMAC, SMAC = bytes.fromhex("028000000001"), bytes.fromhex("028000000002")
COOKIE = 0x1A2B3C4D


def msg(ctrl, body, msg_type=1, cookie=COOKIE, reserved0=0):
    return struct.pack(">HHIHH", 12 + len(body), msg_type, cookie, ctrl, reserved0) + body


def name(text, n=64):
    return text.encode().ljust(n, b"\0")


def main():
    sccrq = msg(1, struct.pack(">HHIIHH", 0x0100, 0, 1, 1, 65535, 0x0600) + name("client") + name("tcpscope"))
    sccrp = msg(2, struct.pack(">HBBIIHH", 0x0100, 1, 0, 3, 3, 1, 0x0700) + name("server.example") + name("ACME"))
    messages = [
        (C, sccrq),
        (S, sccrp),
        (C, msg(5, struct.pack(">I", 7))),
        (S, msg(6, struct.pack(">IBBH", 7, 1, 0, 0))),
        (C, msg(7, struct.pack(">HHIIIIHHHH", 1, 9, 300, 100000000, 3, 3, 64, 0, 7, 0) + name("5551234") + name("sub"))),
        (S, msg(8, struct.pack(">HHBBHIHHI", 1, 44, 1, 0, 0, 64000, 16, 0, 5))),
        (S, msg(9, struct.pack(">HHIIHH", 2, 10, 1, 6, 3, 4) + name("911") + name("5550") + name(""))),
        (C, msg(10, struct.pack(">HHBBHHH", 45, 2, 3, 5, 32, 2, 0))),
        (S, msg(11, struct.pack(">HHIHHI", 45, 0, 115200, 32, 0, 1))),
        (C, msg(14, struct.pack(">HHIIIIII", 44, 0, 1, 2, 3, 4, 5, 6))),
        (C, msg(15, struct.pack(">HHII", 44, 0, 0xFFFFFFFF, 0x000A0000))),
        (C, msg(12, struct.pack(">HH", 1, 9))),
        (S, msg(13, struct.pack(">HBBHH", 1, 4, 0, 16, 0) + name("calls=1 bytes=2048", 128))),
        (S, msg(8, struct.pack(">HHBBHIHHI", 3, 46, 9, 6, 0, 0, 0, 0, 0))),
        (C, msg(5, struct.pack(">I", 8), cookie=0xDEADBEEF)),
        (C, msg(5, struct.pack(">I", 9), msg_type=2)),
        (C, msg(16, b"\0" * 8, reserved0=1)),
        (C, msg(3, struct.pack(">BBH", 2, 1, 0))),
        (S, msg(4, struct.pack(">BBH", 1, 2, 3))),
    ]
    seqs = {C: 1000, S: 5000}
    frames = []

    def seg(src, flags, payload=b"", cap=None):
        dst = S if src == C else C
        sp, dp = (40500, 1723) if src == C else (1723, 40500)
        t = craftlib.tcp(sp, dp, seqs[src], seqs[dst], flags, payload, src, dst, win=64240)
        seqs[src] += len(payload) + (1 if flags & 0x03 else 0)
        macs = (CMAC, SMAC) if src == C else (SMAC, CMAC)
        f = craftlib.ether(0x0800, craftlib.ipv4(6, t, src, dst), *macs)
        frames.append(f if cap is None else (f, cap))

    syn = craftlib.tcp(40500, 1723, 1000, 0, 0x02, b"", C, S, win=64240)
    frames.append(craftlib.ether(0x0800, craftlib.ipv4(6, syn, C, S), CMAC, SMAC))
    synack = craftlib.tcp(1723, 40500, 5000, 1001, 0x12, b"", S, C, win=64240)
    frames.append(craftlib.ether(0x0800, craftlib.ipv4(6, synack, S, C), SMAC, CMAC))
    seqs[C], seqs[S] = 1001, 5001
    for src, body in messages:
        seg(src, 0x18, body)
    # SCCRQ again, cut inside the host name field by the snapshot.
    seg(C, 0x18, sccrq, cap=14 + 20 + 20 + 12 + 16 + 10)
    seg(C, 0x11)
    seg(S, 0x11)
    seg(C, 0x10)
    craftlib.write_pcap(os.path.join(CAP, "pptp-crafted.pcap"), craftlib.numbered(frames))


if __name__ == "__main__":
    main()
