#!/usr/bin/env bash
# readme-pictures.sh -- the example pictures README.md shows, drawn by tcpscope
# from the shipped analyzer scenarios (captures/analyze/):
#   docs/pictures/loss-reorder.svg   time-sequence graph, the client's upload
#   docs/pictures/zero-window.svg    time-sequence graph, the stalled upload
# Run after a change to the pictures:  bash scripts/readme-pictures.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
cargo build --release --quiet
mkdir -p docs/pictures
for name in loss-reorder zero-window; do
    target/release/tcpscope -r "captures/analyze/$name.pcap" --graph 0 \
        --output "docs/pictures/$name.svg" 2>/dev/null
    echo "docs/pictures/$name.svg"
done
