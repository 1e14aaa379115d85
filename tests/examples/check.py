#!/usr/bin/env python3
"""Checks the Spark and DuckDB examples (issue 19) against tcpscope's own
`--connections --json`.

    check.py --tcpscope BIN --engines duckdb[,spark] --work DIR CAPTURE_DIR...

For every capture directly inside each CAPTURE_DIR, runs
`tcpscope --connections --json --flood-detail -r FILE` and answers the three
questions of examples/queries.sql from that JSON in plain Python (no SQL,
no Parquet): refused/reset connections per server per hour, top talkers by
bytes, handshake RTT percentiles per server. Then runs each engine's example
the way the README shows and requires the same answers:

  duckdb  tcpscope writes the tables itself (`--output DIR -r A -r B ...`,
          one run per capture directory), examples/duckdb/tcpscope_duckdb.py
          queries them;
  spark   examples/spark/tcpscope_spark.py runs tcpscope on Spark's executors
          (one task per capture) and queries with Spark SQL; its tasks, the
          rows Spark read without a schema and the columns it found are
          checked too.

With spark, tcpscope's packets tables of the same captures
(`--packets --format parquet --output DIR/`) are read by Spark too, no
schema given: the column types a query needs, and per table the rows, the
TCP option columns and the addresses as pyarrow reads them.

Every table an engine's run left is also opened with pyarrow, pandas and
DuckDB, no schema given: its rows are the capture's connections as --json
lists them. The answers must not be empty (refusals, both kinds of reset, a
server with many handshakes), and a deliberately wrong answer must be caught,
so the comparison can fail. Prints one line per check and then
`N passed, N failed`; exits 1 if any failed.
"""

import argparse
import datetime
import json
import math
import os
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SUFFIXES = (".pcap", ".pcapng", ".cap", ".gz", ".zst")
QUERIES = ("refused_reset_per_server_hour", "top_talkers_by_bytes", "handshake_rtt_per_server")

results = []


def record(name, problem=None):
    """One check's result: `problem` None when it passed."""
    results.append((name, problem))
    print(f"{'ok  ' if problem is None else 'FAIL'} {name}" + ("" if problem is None else f": {problem}"))
    sys.stdout.flush()


def captures_in(dirs):
    out = []
    for d in dirs:
        out += sorted(
            str(Path(d) / f.name)
            for f in Path(d).iterdir()
            if f.is_file() and f.name.endswith(SUFFIXES)
        )
    return out


def connections_json(binary, capture):
    proc = subprocess.run(
        [binary, "--connections", "--json", "--flood-detail", "-r", capture],
        capture_output=True,
        text=True,
        env={**os.environ, "TZ": "UTC"},
        stdin=subprocess.DEVNULL,
    )
    if proc.returncode != 0:
        raise SystemExit(f"check.py: tcpscope --json -r {capture}: {proc.stderr.strip()}")
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def host_of(endpoint):
    """'10.0.0.1:80' -> '10.0.0.1', '[fd00::1]:80' -> 'fd00::1'."""
    host = endpoint.rsplit(":", 1)[0]
    return host[1:-1] if host.startswith("[") else host


def hour_of(rfc3339):
    """The UTC hour of an RFC 3339 time as the engines print it."""
    t = datetime.datetime.fromisoformat(rfc3339.replace("Z", "+00:00"))
    t = t.astimezone(datetime.timezone.utc)
    return t.strftime("%Y-%m-%d %H:00:00")


def interpolated(sorted_values, p):
    """The p-quantile, linear between closest ranks (numpy's 'linear')."""
    pos = p * (len(sorted_values) - 1)
    lo, hi = math.floor(pos), math.ceil(pos)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def expected_answers(conns):
    """The three answers from --json's connection objects."""
    per = defaultdict(lambda: [0, 0, 0, 0])
    for c in conns:
        row = per[(c["server"], hour_of(c["start"]))]
        kinds = ("refused", "reset_by_server", "reset_by_client")
        if c["outcome"] in kinds:
            row[kinds.index(c["outcome"])] += 1
        row[3] += 1
    refused = [
        [server, hour, *counts]
        for (server, hour), counts in sorted(per.items(), key=lambda kv: (kv[0][1], kv[0][0]))
        if sum(counts[:3]) > 0
    ]

    talk = defaultdict(lambda: [0, 0, 0])
    for c in conns:
        for host, sent, received in (
            (host_of(c["client"]), c["bytes_c2s"], c["bytes_s2c"]),
            (host_of(c["server"]), c["bytes_s2c"], c["bytes_c2s"]),
        ):
            talk[host][0] += sent
            talk[host][1] += received
            talk[host][2] += 1
    talkers = sorted(
        ([h, s + r, s, r, n] for h, (s, r, n) in talk.items()), key=lambda row: (-row[1], row[0])
    )[:10]

    rtts = defaultdict(list)
    for c in conns:
        if c["handshake_rtt_ms"] is not None:
            rtts[c["server"]].append(c["handshake_rtt_ms"])
    rtt = []
    for server, values in rtts.items():
        v = sorted(values)
        rtt.append(
            [server, len(v), interpolated(v, 0.5), interpolated(v, 0.9), interpolated(v, 0.99), v[-1]]
        )
    rtt.sort(key=lambda row: (-row[3], row[0]))
    return {
        "refused_reset_per_server_hour": {
            "columns": ["server", "hour", "refused", "reset_by_server", "reset_by_client", "connections"],
            "rows": refused,
        },
        "top_talkers_by_bytes": {
            "columns": ["host", "bytes", "bytes_sent", "bytes_received", "connections"],
            "rows": talkers,
        },
        "handshake_rtt_per_server": {
            "columns": ["server", "handshakes", "p50_ms", "p90_ms", "p99_ms", "max_ms"],
            "rows": rtt,
        },
    }


def same_value(a, b):
    if isinstance(a, float) or isinstance(b, float):
        if not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
            return False
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return type(a) is type(b) and a == b


def difference(want, got):
    """None when `got` answers as `want` does, else where they differ."""
    if got.get("columns") != want["columns"]:
        return f"columns {got.get('columns')} != {want['columns']}"
    rows = got.get("rows", [])
    if len(rows) != len(want["rows"]):
        return f"{len(rows)} rows, want {len(want['rows'])}"
    for i, (w, g) in enumerate(zip(want["rows"], rows)):
        if len(w) != len(g) or not all(same_value(x, y) for x, y in zip(w, g)):
            return f"row {i}: {g}, want {w}"
    return None


def check_answers(engine, expected, got):
    for q in QUERIES:
        record(f"{engine}: {q} equals the answer from --json", difference(expected[q], got["answers"].get(q, {})))


def check_tables(engine, tables, by_capture):
    """Opens each capture's table with pyarrow, pandas and DuckDB, no schema
    given; its rows must be the capture's connections of --json."""
    import duckdb
    import pandas
    import pyarrow.parquet as pq

    problems = []
    con = duckdb.connect()
    for capture, table in tables.items():
        conns = by_capture[capture]
        want = Counter((c["client"], c["server"], c["outcome"], c["bytes_c2s"], c["bytes_s2c"]) for c in conns)
        t = pq.read_table(table)
        got = Counter(
            zip(*(t.column(n).to_pylist() for n in ("client", "server", "outcome", "bytes_c2s", "bytes_s2c")))
        )
        if got != want:
            problems.append(f"{table}: pyarrow's rows differ from --json's")
        df = pandas.read_parquet(table)
        if len(df) != len(conns) or str(df["start"].dtype) not in ("datetime64[us, UTC]", "datetime64[ns, UTC]"):
            problems.append(f"{table}: pandas read {len(df)} rows, start as {df['start'].dtype}")
        elif sorted(t.isoformat() for t in df["start"]) != sorted(
            datetime.datetime.fromisoformat(c["start"].replace("Z", "+00:00")).isoformat() for c in conns
        ):
            problems.append(f"{table}: pandas's start times differ from --json's")
        n = con.execute("SELECT count(*) FROM read_parquet($1)", [table]).fetchone()[0]
        if n != len(conns):
            problems.append(f"{table}: DuckDB read {n} rows, --json lists {len(conns)}")
    record(
        f"{engine}: its {len(tables)} tables open in pyarrow, pandas and DuckDB as --json says",
        "; ".join(problems[:3]) or None,
    )


def run(cmd, what):
    proc = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL, env={**os.environ, "TZ": "UTC"})
    if proc.returncode != 0:
        record(what, f"exit {proc.returncode}: {proc.stderr.strip()[-2000:]}")
        return None
    record(what)
    return proc


def engine_duckdb(args, captures, dirs, expected, by_capture, work):
    table_dirs, tables = [], {}
    for i, d in enumerate(dirs):
        out = work / "duckdb-tables" / str(i)
        mine = [c for c in captures if Path(c).parent == Path(d)]
        cmd = [args.tcpscope, "--connections", "--format", "parquet", "--output", f"{out}/"]
        for c in mine:
            cmd += ["-r", c]
        if run(cmd, f"duckdb: tcpscope --output {out}/ over the {len(mine)} captures of {d}") is None:
            return
        table_dirs.append(str(out))
        for c in mine:
            name = Path(c).name
            for ext in (".gz", ".zst", ".pcapng", ".pcap"):
                name = name[: -len(ext)] if name.endswith(ext) else name
            tables[c] = str(out / (name + ".parquet"))
    answers = work / "duckdb-answers.json"
    runner = REPO / "examples/duckdb/tcpscope_duckdb.py"
    proc = run([sys.executable, str(runner), *table_dirs, "--answers", str(answers)], "duckdb: the example runs")
    if proc is None:
        return
    # What it printed, for the README's sample (tests/cli/examples.rs).
    (work / "duckdb-output.txt").write_text(proc.stdout)
    got = json.loads(answers.read_text())
    total = sum(len(v) for v in by_capture.values())
    record("duckdb: read every connection", None if got["rows_read"] == total else f"{got['rows_read']} rows, --json has {total}")
    check_answers("duckdb", expected, got)
    check_tables("duckdb", tables, by_capture)


def engine_spark(args, captures, dirs, expected, by_capture, work):
    answers = work / "spark-answers.json"
    out = work / "spark-tables"
    job = REPO / "examples/spark/tcpscope_spark.py"
    cmd = [sys.executable, str(job), "--tcpscope", args.tcpscope, "--output", str(out), "--overwrite", "--answers", str(answers), *dirs]
    if run(cmd, "spark: the example runs (Java, pyspark, local[2])") is None:
        return
    got = json.loads(answers.read_text())
    tasks = got["tasks"]
    problems = []
    if sorted(t["capture"] for t in tasks) != sorted(captures):
        problems.append(f"{len(tasks)} tasks for {len(captures)} captures")
    problems += [f"{t['capture']}: exit {t['status']}" for t in tasks if t["status"] != 0 or not t["table"]]
    record("spark: one task per capture ran tcpscope on an executor", "; ".join(problems[:3]) or None)
    total = sum(len(v) for v in by_capture.values())
    record(
        f"spark: spark.read.parquet without a schema read all {total} connections",
        None if got["rows_read"] == total else f"{got['rows_read']} rows",
    )
    needed = {"server", "server_ip", "client_ip", "start", "outcome", "bytes_c2s", "bytes_s2c", "handshake_rtt_ms"}
    schema = got["schema"]
    typed = all(f"{c}:" in schema for c in needed) and "start:timestamp" in schema and "handshake_rtt_ms:double" in schema
    record("spark: inferred the columns and types the queries use", None if typed else schema)
    check_answers("spark", expected, got)
    check_tables("spark", {t["capture"]: t["table"] for t in tasks if t["table"]}, by_capture)


def spark_packets(args, dirs, work):
    """Spark reads the packets tables (schema 2) without a schema: types,
    and per table the same aggregates as pyarrow computes."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq
    from pyspark.sql import SparkSession

    files = []
    for i, d in enumerate(dirs):
        out = work / "spark-packets" / str(i)
        mine = captures_in([d])
        cmd = [args.tcpscope, "--packets", "--format", "parquet", "--output", f"{out}/"]
        for c in mine:
            cmd += ["-r", c]
        if run(cmd, f"spark: tcpscope --packets --output {out}/ over the {len(mine)} captures of {d}") is None:
            return
        files += sorted(str(f) for f in out.glob("*.parquet"))
    spark = (
        SparkSession.builder.master("local[1]")
        .appName("tcpscope packets check")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    problems = []
    try:
        df = spark.read.parquet(*files)
        types = dict(df.dtypes)
        want = {
            "ts": "timestamp",
            "packet_no": "bigint",
            "ip_src": "string",
            "ip_src_bin": "binary",
            "tcp_flags": "string",
            "tcp_seq": "bigint",
            "tcp_option_kinds": "string",
            "tcp_mss": "int",
            "tcp_sack_permitted": "boolean",
            "tcp_ts_val": "bigint",
            "conn_id": "bigint",
        }
        bad = {k: types.get(k) for k, v in want.items() if types.get(k) != v}
        if bad:
            problems.append(f"types {bad}")
        df.createOrReplaceTempView("p")
        got = {
            r[0]: tuple(r[1:])
            for r in spark.sql(
                """SELECT input_file_name(), count(*), count(tcp_mss), sum(tcp_len),
                          count_if(tcp_sack_permitted), count(DISTINCT ip_src),
                          max(tcp_ts_val), count(tcp_options_other), count(tcp_sack)
                   FROM p GROUP BY 1"""
            ).collect()
        }
        if len(got) != len(files):
            problems.append(f"Spark read {len(got)} tables of {len(files)}")
        for f in files:
            t = pq.read_table(f)
            n = t.num_rows
            mine = (
                n,
                n - t["tcp_mss"].null_count,
                pc.sum(t["tcp_len"]).as_py(),
                pc.sum(pc.cast(t["tcp_sack_permitted"], "int64")).as_py() or 0,
                len(pc.unique(t["ip_src"].cast("string").drop_null())),
                pc.max(t["tcp_ts_val"]).as_py(),
                n - t["tcp_options_other"].null_count,
                n - t["tcp_sack"].null_count,
            )
            # Two directories may hold tables of the same name.
            theirs = next((v for k, v in got.items() if k.endswith(str(Path(f).absolute()))), None)
            if theirs != mine:
                problems.append(f"{Path(f).name}: Spark {theirs}, pyarrow {mine}")
    finally:
        spark.stop()
    rows = sum(v[0] for v in got.values())
    record(
        f"spark: read {len(files)} packets tables ({rows} packets) without a schema, as pyarrow does",
        "; ".join(problems[:3]) or None,
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--tcpscope", required=True)
    ap.add_argument("--engines", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    args.tcpscope = os.path.abspath(args.tcpscope)
    engines = args.engines.split(",")
    work = Path(args.work).absolute()
    work.mkdir(parents=True, exist_ok=True)

    captures = captures_in(args.dirs)
    by_capture = {c: connections_json(args.tcpscope, c) for c in captures}
    conns = [c for cs in by_capture.values() for c in cs]
    expected = expected_answers(conns)

    # The answers are not trivially empty, so agreeing on them means something.
    q1, q3 = expected["refused_reset_per_server_hour"]["rows"], expected["handshake_rtt_per_server"]["rows"]
    kinds = [sum(r[2 + k] for r in q1) for k in range(3)]
    record(
        f"the shipped captures give {len(conns)} connections, {len(q1)} refused/reset rows, "
        f"{len(q3)} servers with a handshake",
        None
        if len(captures) >= 40 and all(kinds) and any(r[1] >= 10 for r in q3) and len(expected["top_talkers_by_bytes"]["rows"]) == 10
        else f"too little to check: refused/resets {kinds}, RTT rows {q3[:2]}",
    )
    # The comparison can fail: one count off, one RTT off, rows swapped.
    wrong = json.loads(json.dumps(expected))
    wrong["refused_reset_per_server_hour"]["rows"][0][2] += 1
    wrong["handshake_rtt_per_server"]["rows"][0][2] *= 1.001
    rows = wrong["top_talkers_by_bytes"]["rows"]
    rows[2], rows[3] = rows[3], rows[2]
    caught = [difference(expected[q], wrong[q]) is not None for q in QUERIES]
    record("a wrong answer is caught", None if all(caught) else f"caught {caught}")

    for engine in engines:
        {"duckdb": engine_duckdb, "spark": engine_spark}[engine](args, captures, args.dirs, expected, by_capture, work)
        if engine == "spark":
            spark_packets(args, args.dirs, work)

    failed = sum(1 for _, p in results if p is not None)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
