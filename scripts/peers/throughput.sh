#!/usr/bin/env bash
# Throughput of emotive and its peers on the same corpus slice, in one run.
#
#   bash scripts/peers/throughput.sh [CORPUS] [MEGABYTES] [RUNS]
#
# Defaults: ../shared/data/reviews/imdb_unsup.txt, the first 20 MB (cut at a line end), 5 runs
# per Rust tool and 1 per Python tool (they take a minute each). Every tool reads the slice
# line by line and writes one result per line to /dev/null:
#
#   emotive            `emotive --format jsonl --threads N` (sentiment and eight emotions)
#   vader_sentiment    Rust crate, compound per line           } scripts/peers/rust-peers,
#   vader-sentimental  Rust crate, compound per line           } built outside emotive's
#   sentiment          Rust crate (AFINN), comparative per line} dependency graph
#   vaderSentiment     Python, compound per line               } scripts/peers/throughput.py,
#   nrclex             Python, affect frequencies per line     } venv from requirements.txt
#
# It then runs `emotive bench` on the same slice for the in-process figures (tokenizer floor,
# single-thread analysis, batch on all cores, ready time). Prints Markdown tables: median wall
# time, MB/s, peak RSS, and how many times faster emotive (1 thread) is than each tool.
# Python peers are skipped, with a note, when they cannot be installed (set PEERS_PYTHON to a
# python that has them to reuse one).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
corpus="${1:-$root/../shared/data/reviews/imdb_unsup.txt}"
mb="${2:-20}"
runs="${3:-5}"
py_runs="${PY_RUNS:-1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

[ -f "$corpus" ] || { echo "corpus not found: $corpus" >&2; exit 2; }

# The slice: the first $mb MB, cut after the last complete line.
slice="$work/slice.txt"
head -c $((mb * 1000000)) "$corpus" > "$slice.part"
python3 - "$slice.part" "$slice" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
end = data.rfind(b"\n") + 1
open(sys.argv[2], "wb").write(data[:end] if end else data)
PY
bytes=$(stat -c %s "$slice")
lines=$(wc -l < "$slice")

echo "building emotive and the Rust peers (release) ..." >&2
cargo build --quiet --release --features cli --manifest-path "$root/Cargo.toml"
cargo build --quiet --release --manifest-path "$here/rust-peers/Cargo.toml"
emotive="$root/target/release/emotive"
peers="$here/rust-peers/target/release/rust-peers"

python="${PEERS_PYTHON:-}"
if [ -z "$python" ]; then
  venv="${TMPDIR:-/tmp}/emotive-peers-venv"
  if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" >/dev/null 2>&1 || true
  fi
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -m pip install --quiet -r "$here/requirements.txt" >/dev/null 2>&1; then
    python="$venv/bin/python"
  fi
fi

# measure NAME RUNS CMD... : median wall seconds and max peak RSS (KB) over RUNS runs.
results="$work/results.tsv"
measure() {
  local name="$1" n="$2"; shift 2
  local times=() rss=0
  for _ in $(seq "$n"); do
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" > /dev/null
    read -r t m < "$work/t"
    times+=("$t")
    [ "$m" -gt "$rss" ] && rss="$m"
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
  printf '%s\t%s\t%s\t%s\n' "$name" "$median" "$rss" "$n" >> "$results"
  echo "  $name: median ${median}s of $n" >&2
}

echo "timing on $(basename "$corpus"), first $bytes bytes ($lines lines) ..." >&2
measure "emotive --format jsonl --threads 1" "$runs" "$emotive" --format jsonl --threads 1 "$slice"
measure "emotive --format jsonl --threads 2" "$runs" "$emotive" --format jsonl --threads 2 "$slice"
measure "vader-sentimental (Rust)" "$runs" "$peers" vader-sentimental "$slice"
measure "vader_sentiment (Rust)" "$runs" "$peers" vader_sentiment "$slice"
measure "sentiment (Rust, AFINN)" "$runs" "$peers" sentiment "$slice"
if [ -n "$python" ]; then
  measure "vaderSentiment (Python)" "$py_runs" "$python" "$here/throughput.py" vaderSentiment "$slice"
  measure "nrclex (Python, tokens pre-split)" "$py_runs" "$python" "$here/throughput.py" nrclex "$slice"
else
  echo "  Python peers skipped: could not create a venv with requirements.txt" >&2
fi

echo
echo "Whole process on $(basename "$corpus"), first $bytes bytes, $(nproc) cores; median of the runs shown."
echo
echo "| tool | runs | median s | MB/s | peak RSS MB | time ÷ emotive 1-thread time |"
echo "|---|---:|---:|---:|---:|---:|"
base=$(awk -F'\t' 'NR==1 {print $2}' "$results")
awk -F'\t' -v bytes="$bytes" -v base="$base" '{
  printf "| %s | %d | %.2f | %.1f | %.0f | %s |\n", $1, $4, $2, bytes / 1e6 / $2, $3 / 1024,
    (NR == 1 ? "—" : sprintf("%.1f×", $2 / base))
}' "$results"
echo
echo "In-process (emotive bench on the same slice):"
echo
"$emotive" bench --max-mb 0 --repeat "$runs" "$slice"
