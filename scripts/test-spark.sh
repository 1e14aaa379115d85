#!/usr/bin/env bash
# The Spark example's test (issue 19; README "Spark and DuckDB"), which
# scripts/test.sh runs last and which also runs alone. A script of its own
# because Spark is heavy: a Java runtime, ~490 MB of pyspark from PyPI
# (installed), and a JVM that needs minutes on a loaded 2-core machine.
#
# Checks or, as root, installs the Debian packages (openjdk-17-jre-headless:
# Spark 4 runs on Java 17 or 21; python3-venv; libpcap-dev to build), puts
# pyspark 4, pyarrow, DuckDB and pandas into target/sparkenv (a venv), builds
# the release binary and runs tests/examples/check.py --engines spark:
# examples/spark/tcpscope_spark.py runs tcpscope on Spark's executors over
# captures/ and captures/analyze/ (one task per capture), reads the tables
# with spark.read.parquet (no schema given) and answers its three questions
# with Spark SQL; the answers must equal those computed from
# `tcpscope --connections --json`, and every table must open in pyarrow,
# pandas and DuckDB. Nothing here is skipped: if Java or pyspark cannot be
# had, or Spark cannot start, the script fails saying so.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
dpkg -s libpcap-dev >/dev/null 2>&1 || need+=(libpcap-dev)
command -v java >/dev/null || need+=(openjdk-17-jre-headless)
python3 -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
  else
    echo "scripts/test-spark.sh: missing ${need[*]}: sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${java_major%%.*}" -lt 17 ] 2>/dev/null || [ -z "$java_major" ]; then
  echo "scripts/test-spark.sh: Spark 4 needs Java 17 or later, java is ${java_major:-unknown}: apt-get install openjdk-17-jre-headless" >&2
  exit 1
fi
# pyspark 4 (Java 17+); pandas below 3, the versions pyspark 4 supports.
if ! target/sparkenv/bin/python -c 'import pyspark, pyarrow, duckdb, pandas' 2>/dev/null; then
  python3 -m venv target/sparkenv
  target/sparkenv/bin/python -m pip install -q 'pyspark>=4,<5' pyarrow duckdb 'pandas<3'
fi
cargo build --release
TZ=UTC target/sparkenv/bin/python tests/examples/check.py --engines spark \
  --tcpscope target/release/tcpscope --work target/test-spark captures captures/analyze
