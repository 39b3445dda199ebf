#!/usr/bin/env python3
"""Score FILE line by line with a Python peer and print one result per line, the job
`emotive --format jsonl` does (timed from outside by throughput.sh).

    python3 scripts/peers/throughput.py vaderSentiment FILE > /dev/null
    python3 scripts/peers/throughput.py nrclex FILE > /dev/null

vaderSentiment prints the compound score; NRCLex prints its affect frequencies (the eight
emotions and two polarities). NRCLex is fed lower-cased word tokens through load_token_list,
as in accuracy.py (its load_raw_text needs a TextBlob corpus download).
"""
import re
import sys


def main():
    which, path = sys.argv[1], sys.argv[2]
    out = sys.stdout
    with open(path, encoding="utf-8", errors="replace") as f:
        if which == "vaderSentiment":
            from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

            a = SentimentIntensityAnalyzer()
            for line in f:
                out.write(f"{a.polarity_scores(line.rstrip(chr(10)))['compound']}\n")
        elif which == "nrclex":
            from nrclex import NRCLex

            n = NRCLex()
            word = re.compile(r"[a-z]+(?:'[a-z]+)?")
            for line in f:
                n.load_token_list(word.findall(line.lower()))
                out.write(f"{n.affect_frequencies}\n")
        else:
            sys.exit(f"unknown peer {which!r}")


if __name__ == "__main__":
    main()
