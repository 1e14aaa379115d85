#!/usr/bin/env python3
"""compare-zeek.py -- tcpscope's connection summaries against Zeek's conn.log baselines.

For every pair in SOURCES.tsv of the Zeek reference set (scripts/zeek-reference.py), run
`tcpscope -r TRACE --connections --json [FILTER]`, match its connections with the TCP rows
of Zeek's conn.log and report, per trace and overall:

  found     share of Zeek's TCP connections that tcpscope reports (same endpoints)
  flipped   of the matched, how many have client/server the other way round from Zeek's orig/resp
  state     conn_state == our zeek_state
  history   history == our history
  pkts      orig_pkts and resp_pkts both equal to the packets the same endpoints sent in ours
  bytes     orig_bytes and resp_bytes both equal to ours (Zeek's sequence-space sizes, our
            orig_bytes/resp_bytes; with --payload-bytes our payload sums bytes_c2s/bytes_s2c)

Each figure counts only rows whose baseline has that column (partial baselines lack some).
Zeek's history letters X/x ("analysis partial": a protocol analyzer hit a limit or gave up)
are dropped before comparing, as a packet-level analyzer cannot know them; --keep-x keeps them.

Matching: a Zeek row matches one of our connections with the same endpoints, either way
round (roles flipped is recorded, not a miss).  Baselines store ts as XXXXXXXXXX.XXXXXX
(btest's canonifier), so when several connections share the endpoints the one with the
nearest start (when ts is real), then the most equal fields, then the nearest duration wins.
Rows without a proto column count as TCP when their history has a TCP-only letter.
Partial baselines without some of the id.* columns match on the columns they have.

Usage:
  scripts/compare-zeek.py [--data DIR] [--out disagreements.tsv] [--category plain|encap|all]
                          [--min found=98,state=98,history=95,pkts=95] [--only SUBSTR] [-q]
Environment: TCPSCOPE = the binary (default target/release/tcpscope).
DIR defaults to tests/data/zeek, else ../shared/corpus/zeek beside the repository.
Exit status 0, or 1 when a --min threshold (percent, over the --category set) is not met.
Plain Python 3, standard library only.
"""
import argparse
import datetime
import ipaddress
import json
import os
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
TCP_LETTERS = set("SsHhAaFfRrTtWwGgIiQq")
ALIASES = {"src_ip": "id.orig_h", "src_port": "id.orig_p", "dst_ip": "id.resp_h", "dst_port": "id.resp_p"}
for _k in ("orig_h", "orig_p", "resp_h", "resp_p"):
    for _sep in ("_", "*", ":"):
        ALIASES[f"id{_sep}{_k}"] = f"id.{_k}"
METRICS = ["state", "history", "pkts", "bytes"]
KEEP_X = False  # --keep-x: compare Zeek's X/x history letters (protocol analyzer gave up) too


def default_data():
    for d in (os.path.join(ROOT, "tests", "data", "zeek"), os.path.join(ROOT, "..", "shared", "corpus", "zeek")):
        if os.path.isfile(os.path.join(d, "SOURCES.tsv")) and os.path.isdir(os.path.join(d, "traces")):
            return d
    return os.path.join(ROOT, "tests", "data", "zeek")


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    head = lines[0].split("\t")
    return [dict(zip(head, l.split("\t"))) for l in lines[1:] if l and not l.startswith("#")]


def parse_zeek_log(path):
    """(fields, rows) of a Zeek ASCII log (#fields header), a zeek-cut -m extract (first line
    holds the names) or a JSON-lines log.  '-' (unset) and '(empty)' become None / ''."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    unset, empty, sep = "-", "(empty)", "\t"
    fields, rows = None, []
    for line in text.splitlines():
        if not line:
            continue
        if line.startswith("{"):
            obj = json.loads(line)
            flat = {}
            for k, v in obj.items():
                if isinstance(v, dict):
                    for k2, v2 in v.items():
                        flat[f"{k}.{k2}"] = v2
                else:
                    flat[k] = v
            rows.append({ALIASES.get(k, k): (None if v is None else str(v)) for k, v in flat.items()})
            fields = fields or list(rows[-1])
            continue
        if line.startswith("#separator "):
            sep = line.split(" ", 1)[1].encode().decode("unicode_escape")
            continue
        if line.startswith("#unset_field"):
            unset = line.split(sep, 1)[1]
            continue
        if line.startswith("#empty_field"):
            empty = line.split(sep, 1)[1]
            continue
        if line.startswith("#fields"):
            fields = [ALIASES.get(x, x) for x in line.split(sep)[1:]]
            continue
        if line.startswith("#"):
            continue
        if fields is None:  # zeek-cut -m: the names line
            fields = [ALIASES.get(x, x) for x in line.split("\t")]
            continue
        vals = line.split(sep)
        row = {}
        for k, v in zip(fields, vals):
            if not k or k in row:  # duplicate names (zeek-cut of id.resp_p twice) keep the first
                continue
            row[k] = None if v == unset else ("" if v == empty else v)
        rows.append(row)
    return fields or [], rows


def is_tcp(row):
    if "proto" in row:
        return row["proto"] == "tcp"
    return bool(set(row.get("history") or "") & TCP_LETTERS)


def canon_ip(s):
    try:
        return ipaddress.ip_address(s).compressed
    except ValueError:
        return s


def split_endpoint(s):
    """'10.0.0.1:80' or '[fd00::1]:80' -> (ip, port)."""
    if s.startswith("["):
        ip, _, port = s[1:].partition("]:")
    else:
        ip, _, port = s.rpartition(":")
    return canon_ip(ip), int(port)


def rfc3339(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


def to_float(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def run_tcpscope(binary, trace, flt):
    cmd = [binary, "-r", trace, "--connections", "--json"] + (flt.split() if flt else [])
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=600, check=False)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    conns = []
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            c = json.loads(line)
        except json.JSONDecodeError:
            continue
        if "client" not in c:
            continue
        c["_c"] = split_endpoint(c["client"])
        c["_s"] = split_endpoint(c["server"])
        c["_start"] = rfc3339(c["start"]) if c.get("start") else None
        conns.append(c)
    err = None if p.returncode == 0 else f"exit {p.returncode}: {p.stderr.decode('utf-8', 'replace').strip()[-200:]}"
    return conns, err


def ours_for(c, flipped):
    """Our values seen from Zeek's orig/resp: (orig packets, resp packets, orig bytes, resp bytes)."""
    if flipped:
        return c["packets_s2c"], c["packets_c2s"], *reversed(conn_bytes(c))
    return c["packets_c2s"], c["packets_s2c"], *conn_bytes(c)


PAYLOAD_BYTES = False


def conn_bytes(c):
    """Client and server bytes: Zeek's sense (orig_bytes/resp_bytes) when tcpscope
    reports them, else (or with --payload-bytes) the payload sums."""
    if not PAYLOAD_BYTES and "orig_bytes" in c:
        return c["orig_bytes"], c["resp_bytes"]
    return c["bytes_c2s"], c["bytes_s2c"]


def field_checks(z, c, flipped):
    """{metric: (equal, zeek value, our value)} for the columns the Zeek row has."""
    out = {}
    op, rp, ob, rb = ours_for(c, flipped)
    if "conn_state" in z:
        out["state"] = (z["conn_state"] == c.get("zeek_state"), z["conn_state"], c.get("zeek_state"))
    if "history" in z:
        zh = z["history"] or ""
        if not KEEP_X:
            zh = zh.replace("X", "").replace("x", "")
        out["history"] = (zh == (c.get("history") or ""), zh, c.get("history"))
    # '-' (unset) counts are not compared: Zeek leaves orig_bytes/resp_bytes unset when it
    # could not size the connection (e.g. a single midstream packet)
    if z.get("orig_pkts") is not None and z.get("resp_pkts") is not None:
        zp = (int(z["orig_pkts"]), int(z["resp_pkts"]))
        out["pkts"] = (zp == (op, rp), f"{zp[0]}/{zp[1]}", f"{op}/{rp}")
    if z.get("orig_bytes") is not None and z.get("resp_bytes") is not None:
        zb = (int(z["orig_bytes"]), int(z["resp_bytes"]))
        out["bytes"] = (zb == (ob, rb), f"{zb[0]}/{zb[1]}", f"{ob}/{rb}")
    return out


def endpoint_match(z, c):
    """None, False (same orientation) or True (flipped) when c fits the row's id columns."""
    keys = [("id.orig_h", "id.orig_p"), ("id.resp_h", "id.resp_p")]
    want = []
    for h, p in keys:
        want.append((canon_ip(z[h]) if z.get(h) else None, int(z[p]) if z.get(p) else None))

    def fits(ep, w):
        return (w[0] is None or w[0] == ep[0]) and (w[1] is None or w[1] == ep[1])

    if fits(c["_c"], want[0]) and fits(c["_s"], want[1]):
        return False
    if fits(c["_s"], want[0]) and fits(c["_c"], want[1]):
        return True
    return None


def match(zrows, conns):
    """Greedy assignment: rows with fewest candidates first; cost = start gap (real ts only),
    then fields that differ, then duration gap, then flipped."""
    cands = []
    for i, z in enumerate(zrows):
        lst = []
        zts = to_float(z.get("ts"))
        zdur = to_float(z.get("duration"))
        for j, c in enumerate(conns):
            fl = endpoint_match(z, c)
            if fl is None:
                continue
            gap = abs(c["_start"] - zts) if zts is not None and c["_start"] is not None else 0.0
            if zts is not None and gap > 5.0:
                continue
            diff = sum(1 for ok, _, _ in field_checks(z, c, fl).values() if not ok)
            dgap = abs((c.get("duration_s") or 0.0) - zdur) if zdur is not None else 0.0
            lst.append(((round(gap, 3), diff, round(dgap, 3), fl), j, fl))
        lst.sort()
        cands.append(lst)
    order = sorted(range(len(zrows)), key=lambda i: (len(cands[i]), i))
    used, res = set(), {}
    for i in order:
        for _cost, j, fl in cands[i]:
            if j not in used:
                used.add(j)
                res[i] = (j, fl)
                break
    return res, used


class Tally:
    def __init__(self):
        self.zeek = 0
        self.found = 0
        self.flipped = 0
        self.ours = 0
        self.extra = 0
        self.ok = {m: 0 for m in METRICS}
        self.n = {m: 0 for m in METRICS}

    def add(self, o):
        for k in ("zeek", "found", "flipped", "ours", "extra"):
            setattr(self, k, getattr(self, k) + getattr(o, k))
        for m in METRICS:
            self.ok[m] += o.ok[m]
            self.n[m] += o.n[m]

    def pct(self, m):
        if m == "found":
            return 100.0 * self.found / self.zeek if self.zeek else None
        return 100.0 * self.ok[m] / self.n[m] if self.n[m] else None

    def cells(self):
        def fmt(a, b):
            return f"{a}/{b} {100.0 * a / b:5.1f}%" if b else "-"
        return [fmt(self.found, self.zeek), str(self.flipped)] + [fmt(self.ok[m], self.n[m]) for m in METRICS] + [str(self.extra)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=None, help="Zeek reference set (SOURCES.tsv, traces/, baselines/)")
    ap.add_argument("--out", help="write every disagreement here (TSV)")
    ap.add_argument("--category", default="all", help="all, or one SOURCES.tsv category: plain, encap, checksum")
    ap.add_argument("--min", default="", help="thresholds in percent, e.g. found=98,state=98,history=95,pkts=95")
    ap.add_argument("--only", help="only traces whose path contains this")
    ap.add_argument("-q", "--quiet", action="store_true", help="no per-trace table")
    ap.add_argument("--payload-bytes", action="store_true",
                    help="compare Zeek's orig_bytes/resp_bytes with our payload sums (bytes_c2s/bytes_s2c)")
    ap.add_argument("--keep-x", action="store_true",
                    help="keep Zeek's X/x history letters (default: dropped before comparing, see README)")
    a = ap.parse_args()
    global KEEP_X, PAYLOAD_BYTES
    KEEP_X = a.keep_x
    PAYLOAD_BYTES = a.payload_bytes
    data = a.data or default_data()
    binary = os.environ.get("TCPSCOPE", os.path.join(ROOT, "target", "release", "tcpscope"))
    if not os.access(binary, os.X_OK):
        sys.exit(f"{os.path.basename(__file__)}: no tcpscope binary at {binary} (cargo build --release, or set TCPSCOPE)")
    if not os.path.isfile(os.path.join(data, "SOURCES.tsv")):
        sys.exit(f"compare-zeek.py: no SOURCES.tsv in {data} (run scripts/zeek-reference.py ZEEK_CHECKOUT)")
    sources = read_tsv(os.path.join(data, "SOURCES.tsv"))
    totals = {"all": Tally()}
    dis = []
    head = ["trace", "zeek_tcp", "found", "flipped"] + METRICS + ["extra"]
    table = []
    for s in sources:
        if a.only and a.only not in s["trace"]:
            continue
        if a.category != "all" and s["category"] != a.category:
            continue
        trace = os.path.join(data, s["trace"])
        _fields, zrows = parse_zeek_log(os.path.join(data, s["baseline"]))
        zrows = [z for z in zrows if is_tcp(z)]
        conns, err = run_tcpscope(binary, trace, s.get("filter", ""))
        t = Tally()
        t.zeek = len(zrows)
        if conns is None:
            conns = []
        if err:
            print(f"{s['trace']}: tcpscope {err}", file=sys.stderr)
        t.ours = len(conns)
        res, used = match(zrows, conns)
        for i, z in enumerate(zrows):
            zid = f"{z.get('id.orig_h', '?')}:{z.get('id.orig_p', '?')} > {z.get('id.resp_h', '?')}:{z.get('id.resp_p', '?')}"
            if i not in res:
                dis.append([s["trace"], s["category"], zid, "found", f"{z.get('conn_state', '')} {z.get('history', '')}".strip(), "-"])
                continue
            j, fl = res[i]
            c = conns[j]
            t.found += 1
            if fl:
                t.flipped += 1
                dis.append([s["trace"], s["category"], zid, "roles", "orig=" + zid.split(" > ")[0], "client=" + c["client"]])
            for m, (ok, zv, ov) in field_checks(z, c, fl).items():
                t.n[m] += 1
                if ok:
                    t.ok[m] += 1
                else:
                    dis.append([s["trace"], s["category"], zid, m, str(zv), str(ov)])
        # our connections Zeek did not log (only meaningful where the baseline has endpoints)
        if zrows and all("id.orig_h" in z for z in zrows):
            for j, c in enumerate(conns):
                if j not in used:
                    t.extra += 1
                    dis.append([s["trace"], s["category"], f"{c['client']} > {c['server']}", "extra", "-",
                                f"{c.get('zeek_state')} {c.get('history')}"])
        table.append([s["trace"], str(t.zeek)] + t.cells())
        totals["all"].add(t)
        totals.setdefault(s["category"], Tally()).add(t)
    if not a.quiet:
        widths = [max(len(r[k]) for r in table + [head]) for k in range(len(head))]
        for r in [head] + table:
            print("  ".join(v.ljust(w) for v, w in zip(r, widths)))
        print()
    print("overall (Zeek TCP rows; found = Zeek's connections we report; metrics over matched rows with that column)")
    for cat in ["all"] + sorted(k for k in totals if k != "all"):
        t = totals[cat]
        if not t.zeek:
            continue
        print(f"  {cat:8} zeek_tcp {t.zeek}  ours {t.ours}  " + "  ".join(f"{k} {v}" for k, v in zip(head[2:], t.cells())))
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write("trace\tcategory\tzeek_4tuple\tfield\tzeek\tours\n")
            for d in dis:
                f.write("\t".join(d) + "\n")
        print(f"{len(dis)} disagreements written to {a.out}")
    fails = []
    for item in filter(None, a.min.split(",")):
        k, _, v = item.partition("=")
        got = totals.get(a.category, Tally()).pct(k.strip())
        if got is None or got + 1e-9 < float(v):
            fails.append(f"{k} {got if got is None else round(got, 2)}% < {v}%")
    if fails:
        print("below threshold: " + "; ".join(fails), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
