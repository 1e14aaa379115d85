#!/usr/bin/env bash
# The "run it" command README.md shows: builds tcpscope (checking or, as root,
# installing libpcap-dev first) and prints a shipped capture as `tcpdump -nn -r` would.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! dpkg -s libpcap-dev >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpcap-dev
  else
    echo "scripts/run-example.sh: libpcap-dev is missing: sudo apt-get install -y libpcap-dev" >&2
    exit 1
  fi
fi
cargo build --release --quiet
exec target/release/tcpscope -nn -r "${1:-captures/http-ipv4.pcap}"
