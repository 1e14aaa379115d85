#!/usr/bin/env python3
"""Writes captures/nfs.pcap: NFS v2 and v3 over Sun RPC, over UDP (IPv4 and
IPv6) and TCP (record marks), for the golden tests against tcpdump
(scripts/gen-goldens.sh). This machine's kernel has no NFS server or client
(no nfsd, no nfs module to mount with), so the exchanges are crafted here,
byte for byte as RFC 1094/1813/5531 lay them out:

  - every v3 procedure (null … commit) with a call and a successful reply
    carrying post-op and wcc attributes, and error replies (with and
    without the attributes an error still carries);
  - v2 procedures (getattr, lookup, read, write, create, readdir, statfs,
    readlink, remove, rename, symlink) with their replies;
  - file handles of every kind tcpdump's Parse_fh guesses (Linux/unknown,
    BSD 4.4, SunOS 4/5, Auspex, IRIX 4, DEC OSF, Ultrix, HP-UX 9, VMS UCX,
    short handles);
  - RPC-level outcomes: denied (version mismatch, each auth error, an
    unknown one), accepted but PROG_UNAVAIL/PROC_UNAVAIL/…/unknown, an
    unknown reply status, a reply whose call was never seen, and 70 calls
    before a reply to the first (tcpdump's 64-entry ring has dropped it);
  - calls and replies cut short by the snapshot length at several points,
    credentials/verifier/name lengths larger than the packet, odd access
    bits, file names with control bytes;
  - the same over TCP (one record per segment, a record mark larger than
    the segment) and over IPv6.

Deterministic (the same bytes on every run); standard library only.
Usage: scripts/craft-nfs.py [OUT_DIR]   (default: captures)
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import craftlib  # noqa: E402
from craftlib import ipv6, tcp, udp  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "captures")

MAC_C = bytes.fromhex("020000000011")
MAC_S = bytes.fromhex("020000000022")
V4_C, V4_S = bytes([10, 70, 0, 1]), bytes([10, 70, 0, 2])
V6_C = bytes.fromhex("fd700000000000000000000000000001")
V6_S = bytes.fromhex("fd700000000000000000000000000002")


def eth(payload, etype, src, dst):
    return craftlib.ether(etype, payload, src, dst)


IDENT = [0x1000]


def ipv4(proto, payload, src, dst):
    """IPv4 with DF, each packet's identification one more than the last."""
    IDENT[0] += 1
    return craftlib.ipv4(proto, payload, src, dst, ident=IDENT[0], frag=0x4000)


# ---- XDR / RPC ----

def u32(v):
    return struct.pack(">I", v & 0xFFFFFFFF)


def u64(v):
    return struct.pack(">Q", v)


def opaque(b):
    return u32(len(b)) + b + b"\0" * (-len(b) % 4)


def auth_unix(stamp=0x5f5e100, machine=b"client", uid=1000, gid=1000, gids=(1000, 27)):
    body = u32(stamp) + opaque(machine) + u32(uid) + u32(gid) + u32(len(gids)) + b"".join(u32(g) for g in gids)
    return u32(1) + opaque(body)


AUTH_NONE = u32(0) + u32(0)


def call(xid, proc, args=b"", vers=3, prog=100003, cred=None, verf=AUTH_NONE):
    cred = auth_unix() if cred is None else cred
    return u32(xid) + u32(0) + u32(2) + u32(prog) + u32(vers) + u32(proc) + cred + verf + args


def reply(xid, results=b"", astat=0, verf=AUTH_NONE):
    return u32(xid) + u32(1) + u32(0) + verf + u32(astat) + results


def denied(xid, body):
    return u32(xid) + u32(1) + u32(1) + body


# file handles
FH_LINUX = bytes.fromhex("01000701a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718")  # 28 bytes
FH_BSD = bytes.fromhex("05000000" "1c2d0000" "0a000000" "39300000" "01020304" "05060708" "090a0b0c" "0d0e0f10")
FH_SUNOS5 = bytes.fromhex("0080002a" "00000002" "000a0000" "0000a1b2" "9c3e8d12" "000a0000" "00000002" "5aa5c33c")
FH_AUSPEX = bytes.fromhex("00000000" "00000307" "00000000" "00001234") + b"\0" * 16
FH_IRIX4 = bytes.fromhex("00000102" "00080000" "00004321" "00000000") + b"\0" * 16
FH_SUNOS4 = bytes.fromhex("00000405" "00000007" "00000000" "00005678") + b"\0" * 16
FH_DECOSF = bytes.fromhex("12345678" "01000000" "0c000000" "9a000000") + b"\0" * 16
FH_ULTRIX = bytes.fromhex("03070000" "55660000" "00000101" "00000000" "00000000" "00000000") + b"\0" * 8
FH_HPUX = bytes.fromhex("07000012" "00000000" "000a0000" "00000abc") + b"\0" * 16
FH_VMS = b"\x01DKA100 \0\0\0\0\0\0" + bytes(range(14, 32))
FH_SHORT = bytes.fromhex("01000700aabbccdd")  # 8 bytes: "Unknown" cut to 2 letters


def fh3(fh):
    return opaque(fh)


def fh2(fh):
    return (fh + b"\0" * 32)[:32]


def fattr3(ftype=1, mode=0o644, nlink=1, uid=1000, gid=1000, size=4096, used=4096, rdev=(0, 0),
           fsid=0x10304, fileid=0x2a, t=1700000000):
    return (u32(ftype) + u32(mode) + u32(nlink) + u32(uid) + u32(gid) + u64(size) + u64(used) +
            u32(rdev[0]) + u32(rdev[1]) + u64(fsid) + u64(fileid) +
            u32(t) + u32(123456) + u32(t + 1) + u32(234567) + u32(t + 2) + u32(345678))


def post_op(attr=None):
    return u32(0) if attr is None else u32(1) + attr


def wcc(pre=True, post=True):
    b = u32(1) + u64(4096) + u32(1700000000) + u32(1) + u32(1700000001) + u32(2) if pre else u32(0)
    return b + post_op(fattr3() if post else None)


def fattr2(ftype=1, mode=0o100644, uid=0xFFFFFFFE, gid=0xFFFFFFFE, size=512):
    return (u32(ftype) + u32(mode) + u32(1) + u32(uid) + u32(gid) + u32(size) + u32(8192) + u32(0) +
            u32(2) + u32(0x801) + u32(0x4d2) + u32(1700000000) + u32(5) + u32(1700000001) + u32(6) +
            u32(1700000002) + u32(7))


def sattr3(mode=None, uid=None, gid=None, size=None, atime=None, mtime=None):
    b = b""
    for v in (mode, uid, gid):
        b += u32(0) if v is None else u32(1) + u32(v)
    b += u32(0) if size is None else u32(1) + u64(size)
    for t in (atime, mtime):
        if t is None:
            b += u32(0)
        elif t == "server":
            b += u32(1)
        else:
            b += u32(2) + u32(t[0]) + u32(t[1])
    return b


def name(s):
    return opaque(s)


# ---- the exchanges ----

def v3_exchanges():
    """(call, reply) RPC messages of NFS v3, xids from 0x38440000."""
    x = [0x38440000]

    def nx():
        x[0] += 1
        return x[0]

    out = []

    def pair(proc, args, results, astat=0):
        xid = nx()
        out.append((call(xid, proc, args), reply(xid, results, astat)))

    D = FH_LINUX
    pair(0, b"", b"")                                               # null
    pair(1, fh3(D), u32(0) + fattr3(ftype=2, mode=0o755, nlink=3))   # getattr
    pair(1, fh3(FH_BSD), u32(70))                                    # getattr: stale
    pair(2, fh3(D) + sattr3(mode=0o600, uid=0, gid=0, atime=(1700000100, 5), mtime="server") + u32(0),
         u32(0) + wcc())                                            # setattr
    pair(3, fh3(D) + name(b"hello.txt"), u32(0) + fh3(FH_SUNOS5) + post_op(fattr3()) + post_op(fattr3(ftype=2)))
    pair(3, fh3(D) + name(b"missing"), u32(2) + post_op(fattr3(ftype=2)))     # lookup: ENOENT
    pair(4, fh3(D) + u32(0x1f), u32(0) + post_op(fattr3()) + u32(0x1f))       # access
    pair(4, fh3(D) + u32(0x3f), u32(0) + post_op(None) + u32(0x3f))
    pair(4, fh3(D) + u32(0x41), u32(13) + post_op(fattr3()))                  # access: EACCES
    pair(4, fh3(D) + u32(0x22), u32(0) + post_op(fattr3()) + u32(0x02))
    pair(5, fh3(FH_AUSPEX), u32(0) + post_op(fattr3(ftype=5)) + name(b"../target"))  # readlink
    pair(6, fh3(D) + u64(8192) + u32(4096),
         u32(0) + post_op(fattr3()) + u32(4096) + u32(1) + opaque(b"x" * 64))        # read (cut data)
    pair(6, fh3(D) + u64(0) + u32(100), u32(5) + post_op(None))                      # read: EIO
    pair(7, fh3(D) + u64(4096) + u32(32) + u32(2) + opaque(b"y" * 32),
         u32(0) + wcc() + u32(32) + u32(2) + u64(0xdeadbeef01020304))               # write filesync
    pair(7, fh3(D) + u64(0) + u32(16) + u32(0) + opaque(b"z" * 16),
         u32(28) + wcc(pre=False))                                                   # write: ENOSPC
    pair(7, fh3(D) + u64(0) + u32(16) + u32(7) + opaque(b"z" * 16),
         u32(0) + wcc(pre=False, post=False) + u32(16) + u32(9) + u64(1))            # odd write mode
    pair(8, fh3(D) + name(b"new\x01file") + u32(0) + sattr3(mode=0o644),
         u32(0) + u32(1) + fh3(FH_IRIX4) + post_op(fattr3()) + wcc())               # create
    pair(8, fh3(D) + name(b"exists") + u32(2) + b"\0" * 8, u32(17) + wcc())          # create: EEXIST
    pair(9, fh3(D) + name(b"subdir") + sattr3(mode=0o755),
         u32(0) + u32(0) + wcc())                                                    # mkdir, no handle
    pair(10, fh3(D) + name(b"link") + sattr3(mode=0o777, atime=(1, 2), mtime=(3, 4)) + name(b"/etc/passwd"),
         u32(0) + u32(1) + fh3(FH_DECOSF) + post_op(fattr3(ftype=5)) + wcc())         # symlink
    pair(11, fh3(D) + name(b"dev") + u32(4) + sattr3(mode=0o600, uid=0) + u32(8) + u32(1),
         u32(0) + u32(1) + fh3(FH_ULTRIX) + post_op(fattr3(ftype=4, rdev=(8, 1))) + wcc())  # mknod chr
    pair(11, fh3(D) + name(b"fifo") + u32(7) + sattr3(), u32(1) + wcc())             # mknod fifo: EPERM
    pair(11, fh3(D) + name(b"odd") + u32(9) + sattr3(), u32(10004) + wcc(False, False))
    pair(12, fh3(D) + name(b"old.txt"), u32(0) + wcc())                              # remove
    pair(13, fh3(D) + name(b"subdir"), u32(66) + wcc())                              # rmdir: ENOTEMPTY
    pair(14, fh3(D) + name(b"a") + fh3(FH_HPUX) + name(b"b"), u32(0) + wcc() + wcc(False))  # rename
    pair(15, fh3(FH_VMS) + fh3(D) + name(b"hard"), u32(0) + post_op(fattr3(nlink=2)) + wcc())  # link
    pair(16, fh3(D) + u64(0) + u64(0) + u32(4096),
         u32(0) + post_op(fattr3(ftype=2)) + u64(0x0102030405060708) + u32(0) + u32(1))     # readdir
    pair(16, fh3(D) + u64(0xFFFFFFFFFFFFFFFF) + u64(0x1122334455667788) + u32(512),
         u32(10003) + post_op(None))                                                # readdir: bad cookie
    pair(17, fh3(D) + u64(5) + u64(0xa1a2a3a4a5a6a7a8) + u32(1024) + u32(32768),
         u32(0) + post_op(fattr3(ftype=2)) + u64(0xb1b2b3b4b5b6b7b8) + u32(0) + u32(1))     # readdirplus
    pair(18, fh3(D), u32(0) + post_op(fattr3(ftype=2)) + u64(10 ** 12) + u64(4 * 10 ** 11) +
         u64(3 * 10 ** 11) + u64(655360) + u64(600000) + u64(600000) + u32(0))               # fsstat
    pair(18, fh3(D), u32(70) + post_op(None))                                                # fsstat: stale
    pair(19, fh3(D), u32(0) + post_op(fattr3(ftype=2)) + u32(1048576) + u32(1048576) + u32(4096) +
         u32(1048576) + u32(1048576) + u32(4096) + u32(1048576) + u64(0x7fffffffffffffff) +
         u32(0) + u32(1) + u32(0x1b))                                                         # fsinfo
    pair(20, fh3(D), u32(0) + post_op(None) + u32(32000) + u32(255) + u32(1) + u32(1) + u32(0) + u32(1))
    pair(20, fh3(D), u32(0) + post_op(fattr3()) + u32(1) + u32(255) + u32(0) + u32(0) + u32(1) + u32(0))
    pair(21, fh3(D) + u64(0) + u32(0), u32(0) + wcc() + u64(0xdeadbeef01020304))        # commit
    pair(22, b"", b"")                                                                  # beyond commit
    pair(1, fh3(FH_SHORT), u32(0) + fattr3())                                           # short handle
    pair(1, fh3(b""), u32(0) + fattr3())                                                # empty handle
    return out


def v2_exchanges():
    x = [0x20000000]

    def nx():
        x[0] += 1
        return x[0]

    out = []

    def pair(proc, args, results):
        xid = nx()
        out.append((call(xid, proc, args, vers=2), reply(xid, results)))

    D = fh2(FH_SUNOS4)
    pair(0, b"", b"")
    pair(1, D, u32(0) + fattr2())
    pair(2, D + b"\xff" * 32, u32(0) + fattr2(mode=0o100600))
    pair(3, b"", b"")                                                # root: nop
    pair(4, D + name(b"etc"), u32(0) + fh2(FH_BSD) + fattr2(ftype=2, mode=0o40755))
    pair(4, D + name(b"nope"), u32(2))
    pair(5, D, u32(0) + name(b"/usr/lib"))
    pair(6, D + u32(1024) + u32(512) + u32(0), u32(0) + fattr2() + opaque(b"r" * 8))
    pair(8, D + u32(0) + u32(2048) + u32(0) + opaque(b"w" * 16), u32(0) + fattr2(size=2064))
    pair(9, D + name(b"f") + b"\xff" * 32, u32(0) + fh2(FH_LINUX) + fattr2())
    pair(10, D + name(b"f"), u32(0))
    pair(11, D + name(b"a") + D + name(b"b"), u32(13))
    pair(13, D + name(b"l") + name(b"target") + b"\xff" * 32, u32(0))
    pair(16, D + u32(0) + u32(8192), u32(0) + u32(0) + u32(1))       # readdir: no entries, eof
    pair(17, D, u32(0) + u32(8192) + u32(4096) + u32(100000) + u32(50000) + u32(40000))  # statfs
    pair(30, b"", b"")                                               # proc past the table
    return out


def rpc_outcomes():
    """Replies that are not NFS results; calls with odd RPC headers."""
    msgs = []
    xid = 0x51000000
    for i, (c, body) in enumerate([
        (True, u32(0) + u32(2) + u32(2)),      # RPC_MISMATCH 2-2
        (True, u32(1) + u32(1)),               # AUTH_BADCRED
        (True, u32(1) + u32(5)),               # AUTH_TOOWEAK
        (True, u32(1) + u32(13)),              # unknown auth status
        (True, u32(7)),                        # unknown reject reason
    ]):
        x = xid + i
        msgs.append(("c", call(x, 1, fh3(FH_LINUX))))
        msgs.append(("r", denied(x, body)))
    for i, astat in enumerate([1, 2, 3, 4, 5, 9]):
        x = xid + 0x100 + i
        msgs.append(("c", call(x, 1, fh3(FH_LINUX))))
        msgs.append(("r", reply(x, b"", astat=astat)))
    # unknown reply status
    msgs.append(("c", call(xid + 0x200, 0)))
    msgs.append(("r", u32(xid + 0x200) + u32(1) + u32(5)))
    # a reply nobody asked for
    msgs.append(("r", reply(0x7777, u32(0) + fattr3())))
    # a reply with a verifier longer than the message
    msgs.append(("c", call(xid + 0x201, 1, fh3(FH_LINUX))))
    msgs.append(("r", u32(xid + 0x201) + u32(1) + u32(0) + u32(0) + u32(4000)))
    # credentials longer than the packet; a verifier that ends the packet
    msgs.append(("c", call(xid + 0x202, 1, fh3(FH_LINUX), cred=u32(1) + u32(400) + b"\0" * 8)))
    msgs.append(("c", u32(xid + 0x203) + u32(0) + u32(2) + u32(100003) + u32(3) + u32(1) + AUTH_NONE + AUTH_NONE))
    msgs.append(("c", call(xid + 0x204, 1, fh3(FH_LINUX), cred=u32(1) + u32(0xFFFFFFFE))))
    # a name whose length cannot be padded; one longer than the packet
    msgs.append(("c", call(xid + 0x205, 3, fh3(FH_LINUX) + u32(0xFFFFFFFE) + b"abcd")))
    msgs.append(("c", call(xid + 0x206, 3, fh3(FH_LINUX) + u32(200) + b"abcd")))
    # a v3 handle longer than the packet
    msgs.append(("c", call(xid + 0x207, 1, u32(64) + FH_LINUX)))
    # NFSv4 COMPOUND (vers 4, proc 1): tcpdump reads it as v2's numbers
    msgs.append(("c", call(xid + 0x208, 1, opaque(b"") + u32(0) + u32(0), vers=4)))
    msgs.append(("r", reply(xid + 0x208, u32(0) + opaque(b"") + u32(0))))
    # 70 calls, then the reply to the first: tcpdump's ring holds 64
    for i in range(70):
        msgs.append(("c", call(0x60000000 + i, 1, fh3(FH_LINUX))))
    msgs.append(("r", reply(0x60000000, u32(0) + fattr3())))
    msgs.append(("r", reply(0x60000000 + 69, u32(0) + fattr3())))
    msgs.append(("r", reply(0x60000000 + 6, u32(0) + fattr3())))
    return msgs


class Pcap:
    """The records of nfs.pcap, 731 microseconds apart from 1700000000 s."""

    def __init__(self):
        self.recs = []
        self.t = 1700000000.0

    def add(self, frame, caplen=None):
        self.t += 0.000731
        sec = int(self.t)
        usec = int(round((self.t - sec) * 1e6))
        self.recs.append(craftlib.record(sec, usec, frame, caplen))

    def write(self, path):
        craftlib.write_pcap(path, self.recs)


def udp4_frame(msg, to_server, cport=845, src=V4_C, dst=V4_S):
    if to_server:
        return eth(ipv4(17, udp(cport, 2049, msg, src, dst), src, dst), 0x0800, MAC_C, MAC_S)
    return eth(ipv4(17, udp(2049, cport, msg, dst, src), dst, src), 0x0800, MAC_S, MAC_C)


def udp6_frame(msg, to_server, cport=846):
    if to_server:
        return eth(ipv6(17, udp(cport, 2049, msg, V6_C, V6_S), V6_C, V6_S), 0x86DD, MAC_C, MAC_S)
    return eth(ipv6(17, udp(2049, cport, msg, V6_S, V6_C), V6_S, V6_C), 0x86DD, MAC_S, MAC_C)


class TcpConn:
    def __init__(self, pc, cport=712):
        self.pc, self.cport = pc, cport
        self.cseq, self.sseq = 0x1A2B3C4D, 0x55AA0000
        self.frame(True, 0x02, b"")
        self.sseq_ack = True
        self.frame(False, 0x12, b"")
        self.cseq += 1
        self.sseq += 1
        self.frame(True, 0x10, b"")

    def frame(self, to_server, flags, payload, caplen=None, mark=None):
        if payload:
            m = (0x80000000 | len(payload)) if mark is None else mark
            payload = u32(m) + payload
        if to_server:
            seg = tcp(self.cport, 2049, self.cseq, self.sseq if flags != 0x02 else 0, flags, payload, V4_C, V4_S)
            f = eth(ipv4(6, seg, V4_C, V4_S), 0x0800, MAC_C, MAC_S)
            self.cseq += len(payload)
        else:
            seg = tcp(2049, self.cport, self.sseq, self.cseq + (1 if flags == 0x12 else 0), flags, payload, V4_S, V4_C)
            f = eth(ipv4(6, seg, V4_S, V4_C), 0x0800, MAC_S, MAC_C)
            self.sseq += len(payload)
        self.pc.add(f, caplen)


def main():
    pc = Pcap()
    v3 = v3_exchanges()
    for c, r in v3:
        pc.add(udp4_frame(c, True))
        pc.add(udp4_frame(r, False))
    for c, r in v2_exchanges():
        pc.add(udp4_frame(c, True, cport=1023))
        pc.add(udp4_frame(r, False, cport=1023))
    for kind, m in rpc_outcomes():
        pc.add(udp4_frame(m, kind == "c", cport=900))
    # the same reply from another server, and to another client: no match
    c, r = v3[1]
    pc.add(udp4_frame(c, True))
    pc.add(udp4_frame(r, False, src=bytes([10, 70, 0, 9])))
    pc.add(udp4_frame(r, False, dst=bytes([10, 70, 0, 9])))
    # IPv6
    for c, r in v3[:8]:
        pc.add(udp6_frame(c, True))
        pc.add(udp6_frame(r, False))
    # cut by the snapshot length: each v3 pair at several lengths
    for c, r in [v3[1], v3[4], v3[13], v3[18], v3[19], v3[26], v3[30], v3[32], v3[33]]:
        for cut in (46, 50, 58, 66, 80, 100, 130, 170, 230):
            pc.add(udp4_frame(c, True), caplen=cut)
            pc.add(udp4_frame(r, False), caplen=cut)
    # TCP: one record per segment
    t = TcpConn(pc)
    for c, r in v3[:12] + v3[18:22]:
        t.frame(True, 0x18, c)
        t.frame(False, 0x18, r)
    # a record mark claiming more than the segment holds; a cut segment
    c, r = v3[2]
    t.frame(True, 0x18, c, mark=0x80000000 | 4000)
    t.frame(False, 0x18, r, mark=0x80000000 | 4000)
    c, r = v3[13]
    t.frame(True, 0x18, c, caplen=90)
    t.frame(False, 0x18, r, caplen=100)
    # a segment too short for a record mark's message
    t.frame(True, 0x18, b"\0\0")
    # a reply segment sent to the server port (not NFS's direction)
    t.frame(True, 0x18, reply(5, b""))
    os.makedirs(OUT, exist_ok=True)
    pc.write(os.path.join(OUT, "nfs.pcap"))


if __name__ == "__main__":
    main()
