#!/usr/bin/env python3
"""tcpscope on Apache Spark (issue 19): captures in, answers out.

(a) The executors run tcpscope: the capture files become an RDD with one
    partition per file, so each Spark task analyses one file;
    `mapPartitions` calls the tcpscope binary (shipped to every executor with
    `SparkContext.addFile`) and writes that file's connection table,
    `--connections --format parquet`, into one shared output directory. A
    table is written under a hidden name and renamed when complete, so a
    task Spark retries or a reader never sees half a file.
(b) The driver reads what tcpscope wrote with `spark.read.parquet(DIR)`, no
    schema given (Spark takes it from the files), and answers the three
    questions of ../queries.sql (shared with the DuckDB example) with Spark SQL.

On a cluster the captures and the output directory must be on storage every
executor sees (NFS, a shared mount); locally (`--master local[2]`, the
default) they are the machine's own. The session is kept small: driver memory
1g, 2 shuffle partitions, no web UI, time zone UTC.

    python examples/spark/tcpscope_spark.py --tcpscope target/release/tcpscope \\
        --output target/spark-tables captures captures/analyze

A capture tcpscope cannot read to the end is named on standard error (its
table keeps the connections before the damage), the others are still
analysed and queried, and the exit status is 1. `--answers FILE` also writes
the answers as JSON (what tests/examples/check.py compares with --json).
"""

import argparse
import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

# What tcpscope reads: pcap and pcapng, plain or compressed.
CAPTURE_SUFFIXES = (".pcap", ".pcapng", ".cap", ".gz", ".zst")


def list_captures(paths):
    """The capture files named, and those directly inside the directories
    named (not their subdirectories), in a stable order."""
    found = []
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(
                str(f)
                for f in p.iterdir()
                if f.is_file() and f.name.endswith(CAPTURE_SUFFIXES)
            )
        elif p.is_file():
            found.append(str(p))
        else:
            sys.exit(f"tcpscope_spark: {p}: no such file or directory")
    if not found:
        sys.exit("tcpscope_spark: no capture files in " + " ".join(paths))
    return found


def table_name(capture):
    """A table's file name: the capture's path with '/' as '__', so files of
    the same name in two directories do not collide."""
    rel = os.path.normpath(capture).lstrip("/").replace("/", "__")
    return rel + ".parquet"


def analyse_partition(captures, out_dir, binary_name):
    """Runs on an executor: tcpscope on each capture of this partition (one,
    as the RDD is built), one Parquet table each. Yields what happened."""
    from pyspark import SparkFiles

    binary = SparkFiles.get(binary_name)
    mode = os.stat(binary).st_mode
    if not mode & stat.S_IXUSR:
        os.chmod(binary, mode | stat.S_IXUSR)
    for capture in captures:
        final = os.path.join(out_dir, table_name(capture))
        # Spark's reader skips names starting with '.', so a table being
        # written is not read; the rename makes it appear whole.
        part = os.path.join(out_dir, "." + table_name(capture) + ".part")
        proc = subprocess.run(
            [binary, "--connections", "--format", "parquet", "--output", part, "-r", capture],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env={**os.environ, "TZ": "UTC"},
        )
        if os.path.exists(part):
            os.replace(part, final)
        err = proc.stderr.strip().splitlines()
        yield {
            "capture": capture,
            "table": final if os.path.exists(final) else None,
            "status": proc.returncode,
            # tcpscope's summary ("3 connections: ...") or its error line.
            "message": err[-1] if err else "",
            "executor": f"{socket.gethostname()}:{os.getpid()}",
        }


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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("captures", nargs="+", help="capture files or directories of them")
    ap.add_argument("--tcpscope", required=True, help="the tcpscope binary")
    ap.add_argument("--output", required=True, help="directory for the Parquet tables")
    ap.add_argument("--overwrite", action="store_true", help="empty --output first")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--answers", help="also write the answers here, as JSON")
    args = ap.parse_args()

    captures = list_captures(args.captures)
    names = [table_name(c) for c in captures]
    if len(set(names)) != len(names):
        sys.exit("tcpscope_spark: two captures would write the same table")
    binary = os.path.abspath(args.tcpscope)
    if not os.access(binary, os.X_OK):
        sys.exit(f"tcpscope_spark: {args.tcpscope}: not an executable (cargo build --release)")
    out = Path(args.output).absolute()
    if out.exists() and any(out.iterdir()):
        if not args.overwrite:
            sys.exit(f"tcpscope_spark: {out} is not empty (--overwrite empties it)")
        for f in out.iterdir():
            if f.is_file() and (f.name.endswith(".parquet") or f.name.endswith(".part")):
                f.unlink()
    out.mkdir(parents=True, exist_ok=True)

    # The executors' Python is this one (local mode; on a cluster set
    # PYSPARK_PYTHON to the workers' own).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql.types import TimestampType

    builder = (
        SparkSession.builder.master(args.master)
        .appName("tcpscope-connections")
        .config("spark.driver.memory", "1g")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
    )
    if args.master.startswith("local"):
        # Local mode talks to itself only: loopback, whatever the host name
        # resolves to.
        builder = builder.config("spark.driver.host", "127.0.0.1").config(
            "spark.driver.bindAddress", "127.0.0.1"
        )
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")

    # (a) One task per capture, on the executors.
    sc.addFile(binary)
    binary_name = os.path.basename(binary)
    out_dir = str(out)
    tasks = (
        sc.parallelize(captures, len(captures))
        .mapPartitions(lambda part: analyse_partition(part, out_dir, binary_name))
        .collect()
    )
    failed = [t for t in tasks if t["status"] != 0]
    for t in failed:
        print(f"tcpscope_spark: {t['capture']}: {t['message']}", file=sys.stderr)
    print(
        f"{len(tasks)} captures analysed by {len({t['executor'] for t in tasks})} "
        f"executor processes, {len(failed)} failed"
    )

    # (b) What tcpscope wrote, schema from the files.
    table = spark.read.parquet(out_dir)
    table.createOrReplaceTempView("connections")
    rows_read = table.count()
    print(f"{rows_read} connections in {out_dir}")

    sql = (Path(__file__).parent.parent / "queries.sql").read_text()
    answers = {}
    for name, query in split_queries(sql):
        result = spark.sql(query)
        # Timestamps as text in the session's zone (UTC): collect() would
        # turn them into naive datetimes in this process's local zone.
        result = result.select(
            *[
                F.date_format(F.col(f.name), "yyyy-MM-dd HH:mm:ss").alias(f.name)
                if isinstance(f.dataType, TimestampType)
                else F.col(f.name)
                for f in result.schema.fields
            ]
        )
        print(f"\n{name}")
        result.show(n=1000, truncate=False)
        answers[name] = {
            "columns": result.columns,
            "rows": [list(r) for r in result.collect()],
        }

    if args.answers:
        doc = {
            "engine": "spark",
            "spark_version": spark.version,
            "master": args.master,
            "tasks": tasks,
            "rows_read": rows_read,
            "columns": table.columns,
            "schema": table.schema.simpleString(),
            "answers": answers,
        }
        Path(args.answers).write_text(json.dumps(doc, indent=1) + "\n")
    spark.stop()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
