#!/usr/bin/env bash
# Runs Dateline: installs what it needs, builds it (release) and opens the window.
# Usage: ./run.sh [FILE...]     (no files: the bundled sample article)
set -euo pipefail
cd "$(dirname "$0")"
command -v cargo >/dev/null || { echo "dateline: cargo not found; install Rust from rustup.rs" >&2; exit 1; }
scripts/system-deps.sh
exec cargo run --release --quiet -- "$@"
