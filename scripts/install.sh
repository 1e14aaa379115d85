#!/usr/bin/env bash
# Installs tcpscope, its man page and its bash, zsh and fish completions under
# PREFIX (default /usr/local):
#   bash scripts/install.sh [PREFIX]
# The man page and completions come from the binary itself
# (`tcpscope --generate man|bash|zsh|fish`, clap_mangen and clap_complete over
# the same definitions as --help). TCPSCOPE_BIN=path installs that binary
# instead of building one with `cargo build --release`.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${1:-/usr/local}"
bin="${TCPSCOPE_BIN:-}"
if [ -z "$bin" ]; then
  cargo build --release
  bin=target/release/tcpscope
fi
install -D -m 755 "$bin" "$prefix/bin/tcpscope"
gen() { "$prefix/bin/tcpscope" --generate "$1"; }
mkdir -p "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
gen man >"$prefix/share/man/man1/tcpscope.1"
gen bash >"$prefix/share/bash-completion/completions/tcpscope"
gen zsh >"$prefix/share/zsh/site-functions/_tcpscope"
gen fish >"$prefix/share/fish/vendor_completions.d/tcpscope.fish"
echo "installed $prefix/bin/tcpscope, its man page (man tcpscope) and bash, zsh and fish completions"
