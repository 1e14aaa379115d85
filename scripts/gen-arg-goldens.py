#!/usr/bin/env python3
"""gen-arg-goldens.py -- tcpdump's answer to odd command-line arguments
(issue 18), written to tests/golden/args.tsv for tests/cli/args.rs.

For every case below it runs the REAL tcpdump (never tcpscope), from
captures/, with TZ=UTC, and records one line:

    ARGS <TAB> STATUS <TAB> MESSAGE <TAB> STDOUT_LINES <TAB> FILES

ARGS are the arguments, one word each, separated by spaces; MESSAGE is the
first line of stderr that is not the `reading from file` banner (empty when
there is none), with `tcpdump` at its start replaced by `tcpscope` and the
folder below written @DIR@; FILES
the names of the files left in @DIR@ (below), sorted, separated by spaces.
Bytes outside printable ASCII and the backslash are written \\xHH in both
(in ARGS the space too), so a word may be any bytes (non-UTF-8 names and
expressions).
`@DIR@` in a word stands for a fresh empty folder that every user may
write to, made per case by this script and by the test; `@RDIR@` for one
that only root may write to (mode 0755): Debian's tcpdump drops root to its
user `tcpdump` before it opens a -C file, and after it opened any other.

Needs tcpdump 4.99.3 (Debian's), run as root (the -i cases open devices:
a name that no device has fails at once, before any packet). Usage:
    sudo scripts/gen-arg-goldens.py        # writes tests/golden/args.tsv
"""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CAP = os.path.join(ROOT, "captures")
OUT = os.path.join(ROOT, "tests", "golden", "args.tsv")
TCPDUMP = os.environ.get("TCPDUMP", "tcpdump")

R = ["-r", "http-ipv4.pcap"]
RN = ["-nn"] + R


def cases():
    """Each case: a list of words (bytes or str)."""
    c = []
    # -c: atoi, > 0 (tcpdump.c's 'c' case).
    for v in ["0", "-1", "abc", "3", "3abc", " 3", "+3", "2147483647", "2147483648",
              "4294967299", "99999999999999999999", ""]:
        c.append(RN + ["-c", v])
    # -s: strtol(…, 0), 0 to 262144.
    for v in ["0", "-1", "1", "262144", "262145", "0x40000", "0x40001", "010", "abc",
              "65535x", "", " 68", "99999999999999999999"]:
        c.append(RN + ["-s", v])
    # -C: strtoint64_t, > 0, * 1,000,000 without overflow; needs -w.
    for v in ["0", "-1", "abc", "1", "1x", " 1", "+1", "9223372036854", "9223372036855",
              "99999999999999999999"]:
        c.append(R + ["-C", v, "-w", "@DIR@/x"])
    # -G: atoi, >= 0.
    for v in ["-1", "0", "abc", "1", "2x", "2147483648"]:
        c.append(R + ["-G", v, "-w", "@DIR@/x"])
    # -W: atoi, > 0; with -C the files are numbered with its digits.
    for v in ["0", "-1", "abc", "1", "3", "1000000", "2147483647", "2147483648"]:
        c.append(R + ["-W", v, "-C", "1", "-w", "@DIR@/x"])
    c.append(R + ["-W", "1000000", "-w", "@DIR@/x"])
    # Where only root may write: the refusal of -W 1000000 -C 1.
    for opts in (["-W", "1000000", "-C", "1"], ["-C", "1"], ["-W", "3"], ["-G", "1"], [],
                 ["-Z", "root", "-C", "1"]):
        c.append(R + opts + ["-w", "@RDIR@/x"])
    # -B: atoi * 1024, > 0 (ignored reading a file).
    for v in ["0", "-1", "abc", "1", "2097151", "2097152", "4194304", "4x"]:
        c.append(RN + ["-B", v])
    # -y: pcap_datalink_name_to_val (ignored reading a file).
    for v in ["EN10MB", "en10mb", "NOSUCH", "1", "", "DLT_EN10MB"]:
        c.append(RN + ["-y", v])
    # -j: pcap_tstamp_type_name_to_val (ignored reading a file).
    for v in ["host", "HOST", "adapter_unsynced", "nosuch", "", "0"]:
        c.append(RN + ["-j", v])
    # --time-stamp-precision.
    for v in ["micro", "nano", "MICRO", "pico", "", "nano2"]:
        c.append(RN + ["--time-stamp-precision", v])
    c.append(RN + ["--time-stamp-precision=nano", "--time-stamp-precision=micro"])
    # Interface names: too long for IFNAMSIZ, long, unknown, empty.
    for n in [15, 16, 17, 64, 300, 5000]:
        c.append(["-nn", "-c", "1", "-i", "q" * n])
    c.append(["-nn", "-c", "1", "-i", ""])
    c.append(["-nn", "-c", "1", "-i", b"q\xff"])
    # File names that are not UTF-8, expressions that are not UTF-8.
    c.append(["-nn", "-r", b"\xfe-no-such.pcap"])
    c.append(RN + ["-F", b"\xfe-no-such-filter"])
    c.append(RN + [b"tcp\xff"])
    c.append(RN + [b"\xff"])
    c.append(RN + ["tcp", b"and \xc3\xa9"])
    c.append(["-nn", "-r", "x" * 5000 + ".pcap"])
    return c


def enc(b, space=False):
    if isinstance(b, str):
        b = b.encode()
    out = []
    for x in b:
        if (0x21 <= x <= 0x7E or (space and x == 0x20)) and x != 0x5C:
            out.append(chr(x))
        else:
            out.append("\\x%02x" % x)
    return "".join(out)


def main():
    lines = []
    for words in cases():
        d = tempfile.mkdtemp(prefix="tcpdump-args-")
        rooted = any(isinstance(w, str) and "@RDIR@" in w for w in words)
        os.chmod(d, 0o755 if rooted else 0o777)
        argv = [TCPDUMP] + [
            (w.replace("@DIR@", d).replace("@RDIR@", d) if isinstance(w, str) else w)
            for w in words
        ]
        p = subprocess.run(argv, cwd=CAP, env=dict(os.environ, TZ="UTC"),
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
        files = " ".join(sorted(os.listdir(d)))
        shutil.rmtree(d)
        msg = b""
        for line in p.stderr.split(b"\n"):
            if line and not line.startswith(b"reading from file "):
                msg = line
                break
        msg = msg.replace(d.encode(), b"@DIR@")
        if msg.startswith(b"tcpdump"):
            msg = b"tcpscope" + msg[len(b"tcpdump"):]
        status = p.returncode if p.returncode >= 0 else 128 - p.returncode
        lines.append("%s\t%d\t%s\t%d\t%s\n" % (" ".join(enc(w) for w in words), status,
                                                enc(msg, space=True), p.stdout.count(b"\n"),
                                                files))
    ver = subprocess.run([TCPDUMP, "--version"], capture_output=True).stdout
    with open(OUT, "w") as f:
        f.write("# made by scripts/gen-arg-goldens.py from %s" % ver.decode().splitlines()[0] + "\n")
        f.writelines(lines)
    print("wrote %d cases to %s" % (len(lines), OUT), file=sys.stderr)


if __name__ == "__main__":
    main()
