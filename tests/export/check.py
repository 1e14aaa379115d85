#!/usr/bin/env python3
"""Reads tcpscope's tables back with pyarrow, DuckDB and Python's csv module
and compares them with what tcpscope's --json said (tests/cli/export.rs runs
this; issue 19). Exits non-zero with a message on the first difference.

    check.py connections RUN.jsonl TABLE.parquet TABLE.csv
    check.py packets RUN.jsonl TABLE.parquet TABLE.csv COUNT CONNS.parquet
    check.py same A.parquet B.parquet      (same rows and schema)
    check.py count TABLE.parquet N         (N rows, read by DuckDB)
    check.py batch JOBS.json               (a JSON list of the above)
"""

import csv
import datetime
import ipaddress
import json
import sys
from collections import Counter

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq


def fail(msg):
    print(f"check.py: {msg}", file=sys.stderr)
    sys.exit(1)


def jsonl(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def iso(ts, nano=False):
    """A timestamp as --json writes it (RFC 3339, UTC, Z)."""
    if isinstance(ts, datetime.datetime):
        return ts.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return str(ts)


def addr16(text):
    a = ipaddress.ip_address(text)
    if a.version == 4:
        return ipaddress.IPv6Address("::ffff:" + text).packed
    return a.packed


def endpoint(ip, port):
    return f"[{ip}]:{port}" if ":" in ip else f"{ip}:{port}"


def read_parquet(path, table):
    t = pq.read_table(path)
    meta = t.schema.metadata or {}
    if meta.get(b"schema_version") != b"2":
        fail(f"{path}: schema_version {meta.get(b'schema_version')!r}, want b'2'")
    if meta.get(b"table") != table.encode():
        fail(f"{path}: table {meta.get(b'table')!r}, want {table}")
    encodings(path, t.schema)
    return t


def encodings(path, schema):
    """The encodings README's "Tables" promises: integers and times
    DELTA_BINARY_PACKED and not compressed, the dictionary columns
    dictionary-encoded."""
    md = pq.ParquetFile(path).metadata
    for g in range(md.num_row_groups):
        rg = md.row_group(g)
        for c in range(rg.num_columns):
            col = rg.column(c)
            typ = schema.field(col.path_in_schema.split(".")[0]).type
            if pa.types.is_integer(typ) or pa.types.is_timestamp(typ):
                if "DELTA_BINARY_PACKED" not in col.encodings or col.compression != "UNCOMPRESSED":
                    fail(f"{path}: {col.path_in_schema} is {col.encodings} {col.compression}")
            if pa.types.is_dictionary(typ) and "RLE_DICTIONARY" not in col.encodings:
                fail(f"{path}: {col.path_in_schema} is {col.encodings}, no dictionary")


def csv_rows(path):
    with open(path, newline="") as f:
        r = csv.reader(f)
        header = next(r)
        return header, [dict(zip(header, row)) for row in r]


def csv_value(text, typ):
    """A CSV cell as the value of a column of Arrow type `typ`."""
    if pa.types.is_dictionary(typ):
        typ = typ.value_type
    if text == "" and not pa.types.is_string(typ):
        return None
    if pa.types.is_integer(typ):
        return int(text)
    if pa.types.is_floating(typ):
        return float(text)
    if pa.types.is_boolean(typ):
        return {"true": True, "false": False}[text]
    return text


def check_csv(csv_path, t):
    """The CSV holds the Parquet table's rows, column for column."""
    header, rows = csv_rows(csv_path)
    if header != t.schema.names:
        fail(f"{csv_path}: header {header} != {t.schema.names}")
    if len(rows) != t.num_rows:
        fail(f"{csv_path}: {len(rows)} rows, parquet {t.num_rows}")
    pyrows = t.to_pylist()
    for i, (c, p) in enumerate(zip(rows, pyrows)):
        for name in t.schema.names:
            typ = t.schema.field(name).type
            want = p[name]
            if pa.types.is_timestamp(typ):
                got, want = c[name], iso(want)
            elif pa.types.is_fixed_size_binary(typ):
                got, want = c[name], (want.hex() if want is not None else "")
            elif pa.types.is_list(typ):
                got = json.loads(c[name])
            else:
                got = csv_value(c[name], typ)
                if want is None and got == "":
                    got = None
            if got != want:
                fail(f"{csv_path}: row {i} {name}: csv {got!r}, parquet {want!r}")


def connections(json_path, parquet_path, csv_path):
    want = jsonl(json_path)
    t = read_parquet(parquet_path, "connections")
    s = t.schema
    expect_types = {
        "start": pa.timestamp("us", tz="UTC"),
        "client_ip_bin": pa.binary(16),
        "client_state": pa.dictionary(pa.int32(), pa.string()),
        "outcome": pa.dictionary(pa.int32(), pa.string()),
        "bytes_c2s": pa.int64(),
        "client_port": pa.int32(),
        "syn_intervals_s": pa.list_(pa.field("item", pa.float64(), nullable=False)),
    }
    for name, typ in expect_types.items():
        if s.field(name).type != typ:
            fail(f"{parquet_path}: {name} is {s.field(name).type}, want {typ}")
    rows = t.to_pylist()
    if len(rows) != len(want):
        fail(f"{parquet_path}: {len(rows)} rows, --json has {len(want)} connections")
    for i, (row, obj) in enumerate(zip(rows, want)):
        for key, value in obj.items():
            got = row[key]
            if key in ("start", "end"):
                got = iso(got)
            if got != value:
                fail(f"{parquet_path}: connection {i} {key}: parquet {got!r}, --json {value!r}")
        for end in ("client", "server"):
            ip, port = row[f"{end}_ip"], row[f"{end}_port"]
            if endpoint(ip, port) != obj[end]:
                fail(f"connection {i}: {end}_ip/{end}_port {ip} {port} != {obj[end]}")
            if row[f"{end}_ip_bin"] != addr16(ip):
                fail(f"connection {i}: {end}_ip_bin {row[f'{end}_ip_bin'].hex()} for {ip}")
    ids = [r["conn_id"] for r in rows]
    if len(set(ids)) != len(ids):
        fail(f"{parquet_path}: conn_id not unique: {ids}")
    # DuckDB reads it without a schema hint, with the same answers.
    db = duckdb.connect()
    n, c2s, s2c = db.execute(
        "SELECT count(*), coalesce(sum(bytes_c2s), 0), coalesce(sum(bytes_s2c), 0) "
        "FROM read_parquet(?)",
        [parquet_path],
    ).fetchone()
    if (n, c2s, s2c) != (
        len(want),
        sum(o["bytes_c2s"] for o in want),
        sum(o["bytes_s2c"] for o in want),
    ):
        fail(f"duckdb: {n} rows, {c2s}/{s2c} bytes")
    outcomes = dict(
        db.execute(
            "SELECT outcome::VARCHAR, count(*) FROM read_parquet(?) GROUP BY 1", [parquet_path]
        ).fetchall()
    )
    if outcomes != dict(Counter(o["outcome"] for o in want)):
        fail(f"duckdb outcomes {outcomes}")
    types = dict(
        db.execute("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(?))",
                   [parquet_path]).fetchall()
    )
    if types["start"] != "TIMESTAMP WITH TIME ZONE" or types["packets_c2s"] != "BIGINT":
        fail(f"duckdb types: start {types['start']}, packets_c2s {types['packets_c2s']}")
    check_csv(csv_path, t)
    print(f"{parquet_path}: {len(rows)} connections as --json says")


def typed_options(options):
    """The packets table's option columns for `--json`'s option records, by
    the rule README gives: the first well-formed MSS, window scale,
    SACK-permitted, timestamps and SACK typed; EOL and NOP in the kinds
    only; every other record (a repeat, another kind, a malformed one) in
    `tcp_options_other`, as `--json` has it."""
    want = {
        "tcp_option_kinds": ",".join(o["kind"] for o in options),
        "tcp_mss": None,
        "tcp_wscale": None,
        "tcp_sack_permitted": False,
        "tcp_ts_val": None,
        "tcp_ts_ecr": None,
        "tcp_sack": None,
    }
    other, seen = [], set()
    for o in options:
        k = o["kind"]
        if o.get("malformed") or k in seen or k not in ("mss", "wscale", "sackOK", "TS", "sack"):
            if k not in ("eol", "nop") or o.get("malformed"):
                other.append(o)
            continue
        seen.add(k)
        if k == "mss":
            want["tcp_mss"] = o["value"]
        elif k == "wscale":
            want["tcp_wscale"] = o["value"]
        elif k == "sackOK":
            want["tcp_sack_permitted"] = True
        elif k == "TS":
            want["tcp_ts_val"], want["tcp_ts_ecr"] = o["val"], o["ecr"]
        else:
            want["tcp_sack"] = o["blocks"]
    want["tcp_options_other"] = other or None
    return want


def packets(json_path, parquet_path, csv_path, count, conns_path):
    want = jsonl(json_path)
    t = read_parquet(parquet_path, "packets")
    rows = t.to_pylist()
    if count == "-":
        count = len(want)
    if len(rows) != int(count) or len(want) != int(count):
        fail(f"{parquet_path}: {len(rows)} rows, --json {len(want)}, tcpdump {count}")
    for i, (row, obj) in enumerate(zip(rows, want)):
        if row["packet_no"] != i + 1:
            fail(f"row {i}: packet_no {row['packet_no']}")
        if iso(row["ts"]) != obj["ts"]:
            fail(f"packet {i + 1}: ts {iso(row['ts'])} != {obj['ts']}")
        if "flags" not in obj:
            if row["tcp_flags"] is not None or row["conn_id"] is not None:
                fail(f"packet {i + 1}: TCP columns for a packet --json says is not TCP")
            if row["wire_len"] != obj["len"]:
                fail(f"packet {i + 1}: wire_len {row['wire_len']} != {obj['len']}")
            continue
        pairs = {
            "tcp_flags": obj["flags"],
            "tcp_seq": obj["seq_raw"],
            "tcp_ack": obj["ack_raw"],
            "tcp_seq_rel": obj["seq"],
            "tcp_ack_rel": obj["ack"],
            "tcp_win": obj["win"],
            "tcp_len": obj["len"],
            "ip_src": obj["src"],
            "ip_dst": obj["dst"],
            "src_port": obj["sport"],
            "dst_port": obj["dport"],
            "tcp_analysis": ",".join(obj.get("analysis", [])),
            "tcp_stream": obj["stream"],
        }
        for k, v in pairs.items():
            if row[k] != v:
                fail(f"packet {i + 1}: {k} {row[k]!r}, --json {v!r}")
        got = dict(row)
        for k in ("tcp_sack", "tcp_options_other"):
            got[k] = None if row[k] is None else json.loads(row[k])
        for k, v in typed_options(obj["options"]).items():
            if got[k] != v:
                fail(f"packet {i + 1}: {k} {got[k]!r}, from --json's options {v!r}")
        if row["ip_src_bin"] != addr16(row["ip_src"]):
            fail(f"packet {i + 1}: ip_src_bin")
        if row["conn_id"] is None:
            fail(f"packet {i + 1}: TCP without conn_id")
    # Every TCP packet joins its connection, and each connection's packets
    # are the ones it counted.
    db = duckdb.connect()
    bad = db.execute(
        """
        SELECT c.conn_id, c.packets_c2s + c.packets_s2c AS counted, count(p.packet_no) AS joined
        FROM read_parquet(?) c LEFT JOIN read_parquet(?) p USING (conn_id)
        GROUP BY ALL HAVING counted != joined
        """,
        [conns_path, parquet_path],
    ).fetchall()
    if bad:
        fail(f"connections whose packets do not join: {bad}")
    # Packets (p) against connections (c): none that joins no connection,
    # none whose tcp_stream is not its connection's stream.
    for where, what in [
        ("p LEFT JOIN read_parquet(?) c USING (conn_id) "
         "WHERE p.conn_id IS NOT NULL AND c.conn_id IS NULL", "join no connection"),
        ("p JOIN read_parquet(?) c USING (conn_id) WHERE p.tcp_stream != c.stream",
         "have a tcp_stream that is not their connection's stream"),
    ]:
        n = db.execute(f"SELECT count(*) FROM read_parquet(?) {where}",
                       [parquet_path, conns_path]).fetchone()[0]
        if n:
            fail(f"{n} TCP packets {what}")
    check_csv(csv_path, t)
    print(f"{parquet_path}: {len(rows)} packets as --json says")


def same(a, b):
    ta, tb = pq.read_table(a), pq.read_table(b)
    if ta.schema.remove_metadata() != tb.schema.remove_metadata():
        fail(f"{a} and {b}: schemas differ")
    if not ta.equals(tb):
        fail(f"{a} and {b}: rows differ")
    print(f"{a} = {b}")


def count(path, n):
    got = duckdb.connect().execute("SELECT count(*) FROM read_parquet(?)", [path]).fetchone()[0]
    if got != int(n):
        fail(f"{path}: {got} rows, want {n}")


COMMANDS = {"connections": connections, "packets": packets, "same": same, "count": count}

if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "batch":
        # A JSON list of [command, args...] (one interpreter for many checks).
        with open(args[0]) as f:
            for job in json.load(f):
                COMMANDS[job[0]](*job[1:])
    else:
        COMMANDS[cmd](*args)
