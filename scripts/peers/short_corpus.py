#!/usr/bin/env python3
"""The short-text throughput corpus: every text of the labelled short sets in ../shared, one per
line, repeated in the same order until the file holds at least 10 MB.

    python3 scripts/peers/short_corpus.py [SHARED] OUT [MEGABYTES]

Sources, in this order: VADER tweets and Amazon review snippets (third tab field), the UCI
Amazon, Yelp and IMDb sentences (first tab field) and GoEmotions train (first tab field):
comments, tweets and one-line reviews, about 80 bytes each. Only the texts are written (no
labels). Lines are split on LF only (UCI's IMDb file holds U+0085 inside texts) and a trailing CR
is dropped; empty texts are skipped. The output is deterministic: the same ../shared gives the
same bytes.
"""
import os
import sys

SOURCES = [
    ("data/sentiment/vader/tweets_GroundTruth.txt", 2),
    ("data/sentiment/vader/amazonReviewSnippets_GroundTruth.txt", 2),
    ("data/sentiment/uci/amazon_cells_labelled.txt", 0),
    ("data/sentiment/uci/yelp_labelled.txt", 0),
    ("data/sentiment/uci/imdb_labelled.txt", 0),
    ("data/emotion/goemotions/train.tsv", 0),
]


def texts(shared):
    for path, field in SOURCES:
        with open(os.path.join(shared, path), "rb") as f:
            for line in f.read().split(b"\n"):
                line = line.rstrip(b"\r")
                parts = line.split(b"\t")
                if len(parts) > field and parts[field].strip():
                    yield parts[field]


def main():
    args = sys.argv[1:]
    if len(args) == 1:
        args = [os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared")] + args
    if len(args) not in (2, 3):
        sys.exit(__doc__)
    shared, out = args[0], args[1]
    limit = int(float(args[2]) * 1_000_000) if len(args) == 3 else 10_000_000
    block = b"".join(t + b"\n" for t in texts(shared))
    if not block:
        sys.exit(f"no texts found under {shared}")
    reps = -(-limit // len(block))
    with open(out, "wb") as f:
        for _ in range(reps):
            f.write(block)
    n = block.count(b"\n")
    print(f"{out}: {reps} x {n} texts, {reps * len(block)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
