#!/usr/bin/env bash
# The README's accuracy tables in one go: emotive's evaluation command, then the Python peers
# (vaderSentiment, afinn, TextBlob, NRCLex, Empath's lists) on the same files and splits.
#
#   bash scripts/peers/compare.sh [SHARED]     # SHARED defaults to ../shared
#
# Set PEERS_PYTHON to a python that has requirements.txt installed to skip the venv step.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="${1:-$root/../shared}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python="${PEERS_PYTHON:-}"
if [ -z "$python" ]; then
  venv="${TMPDIR:-/tmp}/emotive-peers-venv"
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet -r "$here/requirements.txt"
  python="$venv/bin/python"
fi

cargo run --quiet --release --manifest-path "$root/Cargo.toml" --example eval -- \
  --shared "$shared" --json "$work/emotive.json"
echo
echo "Side by side with the Python peers (same files, same splits):"
"$python" "$here/accuracy.py" --shared "$shared" --emotive "$work/emotive.json"
