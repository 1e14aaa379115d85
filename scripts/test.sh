#!/usr/bin/env bash
# The test command README.md shows and CI runs: checks (or, as root, installs)
# the system packages the build and tests need, then formatting, lints and
# every test (the -w tests run tcpdump and tshark; the compression tests gzip
# and zstd; the table tests and the DuckDB example's pyarrow, DuckDB and
# pandas from PyPI; the report's test headless
# chromium; the live tests, as root,
# capture on lo beside tcpdump). The corpus tests (tests/corpus) read
# ../shared/corpus/tcpdump-tests beside the repository: without it they are
# reported as ignored ("corpus tests NOT RUN"), never as passed; CI requires
# them (TCPSCOPE_REQUIRE_CORPUS=1). Last, the Spark example's own script,
# scripts/test-spark.sh (it installs Java and pyspark itself).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
dpkg -s libpcap-dev >/dev/null 2>&1 || need+=(libpcap-dev)
command -v tcpdump >/dev/null || need+=(tcpdump)
command -v tshark >/dev/null || need+=(tshark)
# The merge and pcapng -w tests cut, merge and inspect captures with Wireshark's tools.
command -v mergecap >/dev/null || need+=(wireshark-common)
# The live-capture tests (as root) ping 127.0.0.1 and drop privileges with setpriv.
command -v ping >/dev/null || need+=(iputils-ping)
command -v setpriv >/dev/null || need+=(util-linux)
# The compressed-capture tests compress with the real gzip and zstd.
command -v gzip >/dev/null || need+=(gzip)
command -v zstd >/dev/null || need+=(zstd)
# The SIGINT tests generate a capture with scripts/gen-bench-capture.py; the
# install test renders the man page with man.
command -v python3 >/dev/null || need+=(python3)
# The table tests (tests/cli/export.rs) read Parquet back with pyarrow and
# DuckDB, and the DuckDB example's test (tests/cli/examples.rs) also with
# pandas, installed from PyPI into a venv below.
python3 -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
command -v man >/dev/null || need+=(man-db)
# The report's test opens it in a real headless browser (tests/cli/graph.rs).
command -v chromium >/dev/null || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
  else
    echo "scripts/test.sh: missing ${need[*]}: sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi
# pyarrow, DuckDB and pandas (PyPI) for the table tests, in target/pyenv.
if ! target/pyenv/bin/python -c 'import pyarrow, duckdb, pandas' 2>/dev/null; then
  python3 -m venv target/pyenv
  target/pyenv/bin/python -m pip install -q pyarrow duckdb pandas
fi
export TCPSCOPE_PYTHON="$PWD/target/pyenv/bin/python"
# The crafted captures are exactly what their scripts (on scripts/craftlib.py) write.
bash scripts/check-crafted-captures.sh
cargo fmt --check
cargo clippy --all-targets --release -- -D warnings
# The library's documentation builds without a warning (broken or private links).
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps
cargo test --release
# The Spark example's test last (a JVM and ~490 MB of pyspark; it installs
# what it needs itself and also runs alone): README "Spark and DuckDB".
bash scripts/test-spark.sh
