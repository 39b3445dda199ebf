#!/usr/bin/env bash
# Throughput of emotive and its peers on two corpora, in one run: long reviews and short texts.
#
#   bash scripts/peers/throughput.sh [LONG_CORPUS] [MEGABYTES] [RUNS]
#
# Defaults: the first 20 MB of ../shared/data/reviews/imdb_unsup.txt (cut at a line end; IMDb
# reviews, ~1.3 KB each) and the short-text corpus that `short_corpus.py` builds from the
# labelled sets in ../shared (VADER tweets and Amazon snippets, UCI sentences, GoEmotions
# comments, ~70 bytes each, repeated to 10 MB; SHARED=dir names ../shared, SHORT_CORPUS=path
# uses another file, SHORT=0 skips it). 5 runs per Rust tool, interleaved round by round
# (each round starting one tool further on) so that load bursts hit every tool alike, and 1
# per Python tool (PY_RUNS; they take a minute each; PY=0 skips them). Every
# tool reads the corpus line by line and writes one result per line to /dev/null:
#
#   emotive            `emotive --format jsonl --threads N` (sentiment and eight emotions)
#   vader_sentiment    Rust crate, compound per line           } scripts/peers/rust-peers,
#   vader-sentimental  Rust crate, compound per line           } built outside emotive's
#   sentiment          Rust crate (AFINN), comparative per line} dependency graph
#   vaderSentiment     Python, compound per line               } scripts/peers/throughput.py,
#   nrclex             Python, affect frequencies per line     } venv from requirements.txt
#
# It then runs `emotive bench` on each corpus for the in-process figures (tokenizer floor,
# single-thread analysis, batch on all cores, ready time). Prints Markdown tables per corpus:
# median wall time, MB/s, peak RSS, and how many times faster emotive (1 thread) is than each
# tool.
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
slice="$work/long.txt"
head -c $((mb * 1000000)) "$corpus" > "$slice.part"
python3 - "$slice.part" "$slice" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
end = data.rfind(b"\n") + 1
open(sys.argv[2], "wb").write(data[:end] if end else data)
PY
short="${SHORT_CORPUS:-$work/short.txt}"
if [ "${SHORT:-1}" != 0 ] && [ -z "${SHORT_CORPUS:-}" ]; then
  python3 "$here/short_corpus.py" "${SHARED:-$root/../shared}" "$short"
fi

echo "building emotive and the Rust peers (release) ..." >&2
cargo build --quiet --release --features cli --manifest-path "$root/Cargo.toml"
cargo build --quiet --release --manifest-path "$here/rust-peers/Cargo.toml"
emotive="$root/target/release/emotive"
peers="$here/rust-peers/target/release/rust-peers"

python=""
if [ "${PY:-1}" != 0 ]; then
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
fi

# time_one CMD... : appends "wall_seconds peak_rss_kb" of one run to stdout.
time_one() {
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" > /dev/null
  cat "$work/t"
}

# corpus_table NAME FILE : times every tool on FILE and prints the table.
corpus_table() {
  local name="$1" file="$2"
  local bytes lines
  bytes=$(stat -c %s "$file")
  lines=$(wc -l < "$file")
  local tools=(
    "emotive --format jsonl --threads 1|$emotive --format jsonl --threads 1 $file"
    "emotive --format jsonl --threads 2|$emotive --format jsonl --threads 2 $file"
    "vader-sentimental (Rust)|$peers vader-sentimental $file"
    "vader_sentiment (Rust)|$peers vader_sentiment $file"
    "sentiment (Rust, AFINN)|$peers sentiment $file"
  )
  local raw="$work/raw.tsv"
  : > "$raw"
  echo "timing on $name: $bytes bytes, $lines lines, $runs interleaved rounds ..." >&2
  local n=${#tools[@]}
  for round in $(seq "$runs"); do
    # Each round starts one tool further on: a run right after a long one (the AFINN peer
    # takes 16 s on short texts) is often slower, and rotating spreads that over every tool
    # instead of always charging it to the same one.
    for k in $(seq 0 $((n - 1))); do
      local t="${tools[$(((round - 1 + k) % n))]}"
      # shellcheck disable=SC2086 # the command line is split on purpose
      printf '%s\t%s\n' "${t%%|*}" "$(time_one ${t#*|})" >> "$raw"
    done
    echo "  round $round done" >&2
  done
  if [ -n "$python" ]; then
    for _ in $(seq "$py_runs"); do
      printf '%s\t%s\n' "vaderSentiment (Python)" \
        "$(time_one "$python" "$here/throughput.py" vaderSentiment "$file")" >> "$raw"
      printf '%s\t%s\n' "nrclex (Python, tokens pre-split)" \
        "$(time_one "$python" "$here/throughput.py" nrclex "$file")" >> "$raw"
    done
  fi
  echo
  echo "Whole process on $name, $bytes bytes ($lines lines), $(nproc) cores; median of the runs shown."
  echo
  echo "| tool | runs | median s | MB/s | peak RSS MB | time ÷ emotive 1-thread time |"
  echo "|---|---:|---:|---:|---:|---:|"
  python3 - "$raw" "$bytes" <<'PY'
import sys, statistics
rows = {}
for line in open(sys.argv[1]):
    name, rest = line.rstrip("\n").split("\t")
    t, rss = rest.split()
    rows.setdefault(name, []).append((float(t), int(rss)))
bytes_ = int(sys.argv[2])
base = None
for name, runs in rows.items():
    med = statistics.median(t for t, _ in runs)
    rss = max(r for _, r in runs)
    ratio = "—" if base is None else f"{med / base:.1f}×"
    base = base or med
    print(f"| {name} | {len(runs)} | {med:.2f} | {bytes_ / 1e6 / med:.1f} | {rss / 1024:.0f} | {ratio} |")
PY
  if [ -z "$python" ]; then
    echo
    echo "(Python peers skipped: PY=0, or no venv with requirements.txt could be made.)"
  fi
  echo
  echo "In-process (emotive bench on the same corpus):"
  echo
  "$emotive" bench --max-mb 0 --repeat "$runs" "$file"
}

corpus_table "$(basename "$corpus"), first $mb MB (long reviews)" "$slice"
if [ "${SHORT:-1}" != 0 ]; then
  echo
  corpus_table "the short-text corpus (short_corpus.py)" "$short"
fi
