#!/usr/bin/env python3
"""compare-tshark.py -- tcpscope's per-connection TCP analysis counters against tshark's.

For each capture, tshark (Wireshark's TCP analysis with default preferences) is run once:

  tshark -n -r F -Y tcp -T fields -E separator=/t -E occurrence=l -e tcp.stream
         -e frame.time_epoch -e ip.src -e ipv6.src -e tcp.srcport -e ip.dst -e ipv6.dst
         -e tcp.dstport -e tcp.analysis.retransmission ... -e tcp.analysis.keep_alive

(occurrence=l: the innermost header when a frame carries several, e.g. tunnels), and the
frames carrying each flag are counted per tcp.stream.  Streams and tcpscope connections
(`--connections --json`) of the same two endpoints whose time spans overlap are compared as
one unit, their counts summed (see compare_capture): where one side splits what the other
keeps as one (tcpscope ends a connection when Zeek would; tshark starts a stream on port
reuse), the counts add up.  A stream with no tcpscope connection of the same endpoints is
compared against zero.

Counters compared (ours <- tshark):
  retransmissions          <- tcp.analysis.retransmission (tshark also sets it on every
                              fast and spurious retransmission; ours counts those too)
  fast_retransmissions     <- tcp.analysis.fast_retransmission
  spurious_retransmissions <- tcp.analysis.spurious_retransmission
  dup_acks                 <- tcp.analysis.duplicate_ack
  out_of_order             <- tcp.analysis.out_of_order
  lost_segments            <- tcp.analysis.lost_segment
  zero_windows             <- tcp.analysis.zero_window
  keepalives               <- tcp.analysis.keep_alive

Report per counter: totals (ours, tshark, relative difference) and, over connections where
either side counts one, the share with equal counts; per-capture lines with -v.

Usage:
  scripts/compare-tshark.py [--zeek-data DIR] [--no-zeek] [--no-analyze] [--no-tcpdump]
                            [--out disagreements.tsv] [--min equal=97,total=3] [-v] [FILE|DIR ...]
Default captures: the Zeek reference set (tests/data/zeek or ../shared/corpus/zeek; one
group per SOURCES.tsv category: zeek-plain, zeek-encap, zeek-checksum),
captures/analyze/*.pcap, and ../shared/corpus/tcpdump-tests/core/*.pcap* when present;
extra files or directories can be given.  TCPSCOPE = the binary (default
target/release/tcpscope).  tshark output is cached in .cache/compare-tshark/ (gitignored),
keyed by the capture's SHA-256, the tshark version and the field list.
--min equal=97,total=3: every counter equal on >= 97% of connections and totals within 3%
(counters with no event on either side pass); exit 1 when not met, else 0.
"""
import argparse
import datetime
import hashlib
import ipaddress
import json
import os
import subprocess
import sys
from bisect import bisect_right

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
CACHE = os.path.join(ROOT, ".cache", "compare-tshark")
COUNTERS = [
    ("retransmissions", "retransmission"),
    ("fast_retransmissions", "fast_retransmission"),
    ("spurious_retransmissions", "spurious_retransmission"),
    ("dup_acks", "duplicate_ack"),
    ("out_of_order", "out_of_order"),
    ("lost_segments", "lost_segment"),
    ("zero_windows", "zero_window"),
    ("keepalives", "keep_alive"),
]
FIELDS = ["tcp.stream", "frame.time_epoch", "ip.src", "ipv6.src", "tcp.srcport", "ip.dst", "ipv6.dst",
          "tcp.dstport"] + [f"tcp.analysis.{t}" for _o, t in COUNTERS] + ["frame.protocols"]
CAPTURE_EXT = (".pcap", ".pcapng", ".cap", ".dmp", ".trace")


def canon_ip(s):
    try:
        return ipaddress.ip_address(s).compressed
    except ValueError:
        return s


def split_endpoint(s):
    if s.startswith("["):
        ip, _, port = s[1:].partition("]:")
    else:
        ip, _, port = s.rpartition(":")
    return canon_ip(ip), int(port)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


_TSHARK_VERSION = None


def tshark_version():
    global _TSHARK_VERSION
    if _TSHARK_VERSION is None:
        out = subprocess.run(["tshark", "--version"], capture_output=True, check=False).stdout.decode()
        _TSHARK_VERSION = out.splitlines()[0] if out else "unknown"
    return _TSHARK_VERSION


def tshark_rows(path):
    key = hashlib.sha256((sha256(path) + tshark_version() + ",".join(FIELDS)).encode()).hexdigest()[:32]
    cached = os.path.join(CACHE, key + ".tsv")
    if os.path.isfile(cached):
        with open(cached, encoding="utf-8") as f:
            return f.read()
    cmd = ["tshark", "-n", "-r", path, "-Y", "tcp", "-T", "fields", "-E", "separator=/t", "-E", "occurrence=l"]
    for fl in FIELDS:
        cmd += ["-e", fl]
    p = subprocess.run(cmd, capture_output=True, check=False, timeout=1800)
    text = p.stdout.decode("utf-8", "replace")
    os.makedirs(CACHE, exist_ok=True)
    with open(cached + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(cached + ".tmp", cached)
    return text


def tshark_streams(path):
    """stream id -> {'a': (ip, port), 'b': (ip, port), 'first': t, counter: n}"""
    streams = {}
    for line in tshark_rows(path).splitlines():
        v = line.split("\t")
        if len(v) < len(FIELDS) or not v[0]:
            continue
        sid = v[0]
        s = streams.get(sid)
        if s is None:
            # The innermost IP header when a tunnel has both versions (6in4,
            # 4in6): the one named last before tcp in frame.protocols.
            protos = v[-1].split(":")
            tcp_at = protos.index("tcp") if "tcp" in protos else len(protos)
            before = protos[:tcp_at]
            inner6 = "ipv6" in before and ("ip" not in before or
                                          len(before) - before[::-1].index("ipv6") > len(before) - before[::-1].index("ip"))
            src = canon_ip(v[3] if (inner6 and v[3]) or not v[2] else v[2])
            dst = canon_ip(v[6] if (inner6 and v[6]) or not v[5] else v[5])
            try:
                a, b = (src, int(v[4])), (dst, int(v[7]))
            except ValueError:
                continue
            s = streams[sid] = {"a": a, "b": b, "first": float(v[1] or 0), "last": float(v[1] or 0), "frames": 0}
            for o, _t in COUNTERS:
                s[o] = 0
        s["frames"] += 1
        try:
            t = float(v[1] or 0)
            s["first"], s["last"] = min(s["first"], t), max(s["last"], t)
        except ValueError:
            pass
        for k, (o, _t) in enumerate(COUNTERS):
            if v[8 + k]:
                s[o] += 1
    return streams


def ours(binary, path):
    p = subprocess.run([binary, "-r", path, "--connections", "--json"], capture_output=True, check=False, timeout=1800)
    conns = []
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        if not line.startswith("{"):
            continue
        try:
            c = json.loads(line)
        except json.JSONDecodeError:
            continue
        if "client" not in c:
            continue
        c["_c"], c["_s"] = split_endpoint(c["client"]), split_endpoint(c["server"])
        c["_start"] = datetime.datetime.fromisoformat(c["start"].replace("Z", "+00:00")).timestamp()
        c["_end"] = datetime.datetime.fromisoformat(c["end"].replace("Z", "+00:00")).timestamp()
        conns.append(c)
    err = None if p.returncode == 0 else f"exit {p.returncode}: {p.stderr.decode('utf-8', 'replace').strip()[-200:]}"
    return conns, err


def compare_capture(binary, path):
    """List of units: dicts with 'id', 'ours' {counter: n}, 'tshark' {counter: n}. A unit is a
    set of our connections and tshark streams of the same two endpoints whose time spans overlap
    (joined transitively): where tcpscope splits what tshark keeps as one stream (Zeek's
    connection ends: close delay, inactivity), or the other way round, their counts add up on
    both sides, so a split alone is not a disagreement.  A stream whose span overlaps none of
    our connections joins the last one started before it (else the earliest)."""
    streams = tshark_streams(path)
    conns, err = ours(binary, path)
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x, y):
        parent[find(x)] = find(y)

    by_pair = {}
    for i, c in enumerate(conns):
        by_pair.setdefault(frozenset((c["_c"], c["_s"])), []).append(i)
        find(("c", i))
    for lst in by_pair.values():
        lst.sort(key=lambda i: conns[i]["_start"])
    eps = 1e-6
    for sid, s in streams.items():
        find(("s", sid))
        lst = by_pair.get(frozenset((s["a"], s["b"])))
        if not lst:
            continue
        over = [i for i in lst if conns[i]["_start"] <= s["last"] + eps and conns[i]["_end"] + eps >= s["first"]]
        if not over:
            starts = [conns[i]["_start"] for i in lst]
            k = bisect_right(starts, s["first"] + eps) - 1
            over = [lst[max(k, 0)]]
        for i in over:
            union(("s", sid), ("c", i))
    groups = {}
    for node in list(parent):
        groups.setdefault(find(node), []).append(node)
    units = []
    for nodes in groups.values():
        cs = sorted(i for kind, i in nodes if kind == "c")
        ss = sorted((sid for kind, sid in nodes if kind == "s"), key=int)
        if cs:
            c = conns[cs[0]]
            uid = f"{c['client']} > {c['server']} @{c['start']}" + (f" (+{len(cs) - 1} more)" if len(cs) > 1 else "")
        else:
            s0 = streams[ss[0]]
            uid = f"{s0['a'][0]}:{s0['a'][1]} > {s0['b'][0]}:{s0['b'][1]} (tshark stream {ss[0]}, not in ours)"
        units.append({"id": uid,
                      "ours": {o: sum(int(conns[i].get(o) or 0) for i in cs) for o, _t in COUNTERS},
                      "tshark": {o: sum(streams[sid][o] for sid in ss) for o, _t in COUNTERS},
                      "streams": ss})
    units.sort(key=lambda u: u["id"])
    return units, err, len(streams), len(conns)


def list_captures(args, zeek_data, use_zeek, use_analyze, use_tcpdump):
    groups = []
    if use_zeek and zeek_data and os.path.isfile(os.path.join(zeek_data, "SOURCES.tsv")):
        with open(os.path.join(zeek_data, "SOURCES.tsv"), encoding="utf-8") as f:
            lines = f.read().splitlines()
        head = lines[0].split("\t")
        bycat = {}
        for l in lines[1:]:
            if l:
                r = dict(zip(head, l.split("\t")))
                bycat.setdefault(r.get("category", "plain"), []).append(os.path.join(zeek_data, r["trace"]))
        for cat in sorted(bycat):
            groups.append((f"zeek-{cat}", bycat[cat]))
    an = os.path.join(ROOT, "captures", "analyze")
    if use_analyze and os.path.isdir(an):
        groups.append(("analyze", sorted(os.path.join(an, f) for f in os.listdir(an) if f.endswith(".pcap"))))
    td = os.path.join(ROOT, "..", "shared", "corpus", "tcpdump-tests", "core")
    if use_tcpdump and os.path.isdir(td):
        groups.append(("tcpdump-tests", sorted(os.path.join(td, f) for f in os.listdir(td) if f.endswith(CAPTURE_EXT))))
    extra = []
    for a in args:
        if os.path.isdir(a):
            for root, _d, fs in os.walk(a):
                extra += [os.path.join(root, f) for f in fs if f.endswith(CAPTURE_EXT)]
        else:
            extra.append(a)
    if extra:
        groups.append(("extra", sorted(extra)))
    return groups


def default_zeek_data():
    for d in (os.path.join(ROOT, "tests", "data", "zeek"), os.path.join(ROOT, "..", "shared", "corpus", "zeek")):
        if os.path.isfile(os.path.join(d, "SOURCES.tsv")) and os.path.isdir(os.path.join(d, "traces")):
            return d
    return None


class Stats:
    def __init__(self):
        self.tot_o = {o: 0 for o, _t in COUNTERS}
        self.tot_t = {o: 0 for o, _t in COUNTERS}
        self.any = {o: 0 for o, _t in COUNTERS}
        self.eq = {o: 0 for o, _t in COUNTERS}
        self.units = 0
        self.captures = 0

    def add_unit(self, u):
        self.units += 1
        for o, _t in COUNTERS:
            a, b = u["ours"][o], u["tshark"][o]
            self.tot_o[o] += a
            self.tot_t[o] += b
            if a or b:
                self.any[o] += 1
                self.eq[o] += a == b

    def add(self, s):
        self.units += s.units
        self.captures += s.captures
        for o, _t in COUNTERS:
            self.tot_o[o] += s.tot_o[o]
            self.tot_t[o] += s.tot_t[o]
            self.any[o] += s.any[o]
            self.eq[o] += s.eq[o]

    def rel(self, o):
        a, b = self.tot_o[o], self.tot_t[o]
        if not a and not b:
            return 0.0
        return 100.0 * (a - b) / b if b else float("inf")

    def eqpct(self, o):
        return 100.0 * self.eq[o] / self.any[o] if self.any[o] else None

    def lines(self, indent="  "):
        out = [f"{indent}{'counter':25} {'ours':>7} {'tshark':>7} {'diff':>8}   {'equal where either > 0':>24}"]
        for o, _t in COUNTERS:
            r = self.rel(o)
            rs = "n/a" if r == float("inf") else f"{r:+.1f}%"
            e = self.eqpct(o)
            es = f"{self.eq[o]}/{self.any[o]} {e:5.1f}%" if e is not None else "-"
            out.append(f"{indent}{o:25} {self.tot_o[o]:7} {self.tot_t[o]:7} {rs:>8}   {es:>24}")
        return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", help="extra captures or directories")
    ap.add_argument("--zeek-data", help="Zeek reference set (default tests/data/zeek, else ../shared/corpus/zeek)")
    ap.add_argument("--no-zeek", action="store_true")
    ap.add_argument("--no-analyze", action="store_true")
    ap.add_argument("--no-tcpdump", action="store_true")
    ap.add_argument("--out", help="write disagreements (TSV)")
    ap.add_argument("--min", default="", help="e.g. equal=97,total=3")
    ap.add_argument("-v", "--verbose", action="store_true", help="per-capture counter lines")
    a = ap.parse_args()
    binary = os.environ.get("TCPSCOPE", os.path.join(ROOT, "target", "release", "tcpscope"))
    if not os.access(binary, os.X_OK):
        sys.exit(f"{os.path.basename(__file__)}: no tcpscope binary at {binary} (cargo build --release, or set TCPSCOPE)")
    groups = list_captures(a.files, a.zeek_data or default_zeek_data(), not a.no_zeek, not a.no_analyze, not a.no_tcpdump)
    total = Stats()
    dis = []
    for name, files in groups:
        gs = Stats()
        for path in files:
            if not os.path.isfile(path):
                print(f"{path}: missing", file=sys.stderr)
                continue
            units, err, nstreams, nconns = compare_capture(binary, path)
            if err:
                print(f"{os.path.relpath(path, ROOT)}: tcpscope {err}", file=sys.stderr)
            cs = Stats()
            cs.captures = 1
            for u in units:
                cs.add_unit(u)
                for o, _t in COUNTERS:
                    if u["ours"][o] != u["tshark"][o]:
                        dis.append([name, os.path.relpath(path, ROOT), u["id"], o, str(u["tshark"][o]), str(u["ours"][o]),
                                    ",".join(u["streams"])])
            if a.verbose:
                bad = [f"{o} {cs.tot_o[o]}/{cs.tot_t[o]}" for o, _t in COUNTERS if cs.tot_o[o] != cs.tot_t[o] or cs.eq[o] != cs.any[o]]
                print(f"  {os.path.relpath(path, ROOT)}: {nconns} conns, {nstreams} streams" + (": " + ", ".join(bad) + " (ours/tshark)" if bad else ""))
            gs.add(cs)
        print(f"{name}: {gs.captures} captures, {gs.units} connections")
        print("\n".join(gs.lines()))
        total.add(gs)
    print(f"all: {total.captures} captures, {total.units} connections")
    print("\n".join(total.lines()))
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write("set\tcapture\tconnection\tcounter\ttshark\tours\ttshark_streams\n")
            for d in dis:
                f.write("\t".join(d) + "\n")
        print(f"{len(dis)} disagreements written to {a.out}")
    fails = []
    lim = dict(kv.split("=") for kv in filter(None, a.min.split(",")))
    for o, _t in COUNTERS:
        e = total.eqpct(o)
        if "equal" in lim and e is not None and e + 1e-9 < float(lim["equal"]):
            fails.append(f"{o} equal {e:.1f}% < {lim['equal']}%")
        if "total" in lim and abs(total.rel(o)) > float(lim["total"]):
            fails.append(f"{o} totals differ by {total.rel(o):+.1f}%")
    if fails:
        print("below threshold: " + "; ".join(fails), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
