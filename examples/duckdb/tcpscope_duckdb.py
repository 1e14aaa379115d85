#!/usr/bin/env python3
"""The three questions of the Spark example, in DuckDB (issue 19).

Reads the connection tables that `tcpscope --connections --format parquet`
wrote (files, directories of them, or globs), no schema given, as the view
`connections`, and runs ../queries.sql (shared with the Spark example):

    tcpscope --connections --format parquet --output tables/ -r 'captures/*.pcap*'
    python examples/duckdb/tcpscope_duckdb.py tables/

`--answers FILE` also writes the answers as JSON (what
tests/examples/check.py compares with --json). The DuckDB CLI runs the same
file: `CREATE VIEW connections AS SELECT * FROM read_parquet('tables/*.parquet');`
then `.read examples/queries.sql` (with `SET TimeZone = 'UTC'` first).
"""

import argparse
import datetime
import json
import sys
from pathlib import Path

import duckdb


def split_queries(sql_text):
    """queries.sql's queries by their `-- name:` lines, in order."""
    queries, name, lines = [], None, []
    for line in sql_text.splitlines():
        if line.startswith("-- name:"):
            if name:
                queries.append((name, "\n".join(lines).strip().rstrip(";")))
            name, lines = line.split(":", 1)[1].strip(), []
        elif name:
            lines.append(line)
    if name:
        queries.append((name, "\n".join(lines).strip().rstrip(";")))
    return queries


def cell(v):
    """A value as the answers' JSON holds it: timestamps as UTC text."""
    if isinstance(v, datetime.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(datetime.timezone.utc)
        return v.strftime("%Y-%m-%d %H:%M:%S")
    return v


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("tables", nargs="+", help="Parquet files, directories or globs")
    ap.add_argument("--answers", help="also write the answers here, as JSON")
    args = ap.parse_args()

    sources = []
    for t in args.tables:
        p = Path(t)
        sources.append(str(p / "*.parquet") if p.is_dir() else t)
    con = duckdb.connect()
    # The start column is TIMESTAMP WITH TIME ZONE (Parquet's UTC-adjusted
    # timestamp): hours are cut in the session's zone.
    con.execute("SET TimeZone = 'UTC'")
    # A view cannot take parameters: the names as SQL string literals.
    names = ", ".join("'" + s.replace("'", "''") + "'" for s in sources)
    con.execute(f"CREATE VIEW connections AS SELECT * FROM read_parquet([{names}])")
    rows_read = con.execute("SELECT count(*) FROM connections").fetchone()[0]
    print(f"{rows_read} connections in {' '.join(sources)}")

    sql = (Path(__file__).parent.parent / "queries.sql").read_text()
    answers = {}
    for name, query in split_queries(sql):
        cur = con.execute(query)
        columns = [d[0] for d in cur.description]
        rows = [[cell(v) for v in r] for r in cur.fetchall()]
        print(f"\n{name}")
        shown = [[f"{v:.3f}" if isinstance(v, float) else str(v) for v in r] for r in rows]
        widths = [max([len(c)] + [len(r[i]) for r in shown]) for i, c in enumerate(columns)]
        print("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip())
        for r in shown:
            print("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip())
        answers[name] = {"columns": columns, "rows": rows}

    if args.answers:
        doc = {
            "engine": "duckdb",
            "duckdb_version": duckdb.__version__,
            "rows_read": rows_read,
            "columns": [d[0] for d in con.execute("SELECT * FROM connections LIMIT 0").description],
            "answers": answers,
        }
        Path(args.answers).write_text(json.dumps(doc, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
