#!/usr/bin/env bash
# Runs the whole test suite: formatting, lints, unit, integration and UI tests, and the
# development-set accuracy report. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")"
command -v cargo >/dev/null || { echo "dateline: cargo not found; install Rust from rustup.rs" >&2; exit 1; }
scripts/system-deps.sh
rustup component list --installed 2>/dev/null | grep -q rustfmt || rustup component add rustfmt clippy
cargo fmt --check
cargo clippy --all-targets --quiet -- -D warnings
cargo test
