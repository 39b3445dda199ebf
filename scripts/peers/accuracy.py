#!/usr/bin/env python3
"""Score the Python peers on the same files, splits and metrics as `examples/eval`, and print
one Markdown table with emotive's numbers beside theirs.

    python3 scripts/peers/accuracy.py --shared ../shared --emotive emotive.json

`emotive.json` comes from `cargo run --release --example eval -- --shared ../shared --json
emotive.json` (compare.sh runs both). Splits and metric definitions mirror
examples/eval/datasets.rs and examples/eval/main.rs; see there for the reasoning.

Peers: vaderSentiment (compound), afinn (summed score; its sign for classes), TextBlob
(Pattern polarity), NRCLex and Empath's eight emotion lists. NRCLex is fed lower-cased word
tokens through load_token_list, because its load_raw_text needs TextBlob's lemmatizer corpus,
which cannot be downloaded here; Empath's lists are applied to the same tokens. For both, an
emotion counts as detected when any of its words occurs ("present"); for NRCLex we also
report its own top_emotions (the most frequent emotion(s), "top").
"""
import argparse
import json
import math
import re
import sys
from pathlib import Path

EMOTIONS = ["anger", "anticipation", "disgust", "fear", "joy", "sadness", "surprise", "trust"]


def lines(path):
    text = Path(path).read_bytes().decode("utf-8", "replace")
    return [l[:-1] if l.endswith("\r") else l for l in text.split("\n") if l.strip()]


def sentiment_split(i):
    return "dev" if i % 4 == 0 else "test"


def xed_part(i):
    if i % 5 != 0:
        return None
    return "dev" if (i // 5) % 2 == 0 else "test"


def read_vader(path):
    out = []
    for l in lines(path):
        _, r, t = (l.split("\t", 2) + ["", ""])[:3]
        out.append((t, float(r)))
    return out


def read_uci(path):
    return [(t, y.strip() == "1") for t, y in (l.rsplit("\t", 1) for l in lines(path))]


def read_imdb(path):
    out = []
    for l in lines(path)[1:]:
        y, _, t = l.split("\t", 2)
        out.append((t, y == "pos"))
    return out


def read_xed(d):
    out = []
    for i, l in enumerate(lines(Path(d) / "en-annotated.tsv")):
        t, labels = l.rsplit("\t", 1)
        gold = {EMOTIONS[int(x) - 1] for x in labels.split(",")}
        out.append((i, t, gold))
    for i, l in enumerate(lines(Path(d) / "neu_en.txt")):
        t = l.split("\t", 1)[1].strip() if "\t" in l else ""
        out.append((i, t, set()))
    return out


def read_goemotions_dev(d):
    d = Path(d)
    names = [n.strip() for n in lines(d / "emotions.txt")] + ["neutral"]
    ekman = json.loads((d / "ekman_mapping.json").read_text())
    to = {n: e for e, ns in ekman.items() for n in ns}
    out = []
    for l in lines(d / "dev.tsv"):
        t, ids, _ = l.split("\t")
        gold = {to[names[int(i)]] for i in ids.split(",") if names[int(i)] in to}
        out.append((t, gold))
    return out


def pearson(x, y):
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else float("nan")


def f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def class3(x, cut=0.05):
    return 0 if x > cut else 2 if x < -cut else 1


def tokens(text):
    return re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower())


class Peers:
    def __init__(self, shared):
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
        from afinn import Afinn
        from nrclex import NRCLex
        self.vader = SentimentIntensityAnalyzer()
        self.afinn = Afinn()
        self.nrc = NRCLex()
        self.empath = {}
        for l in lines(Path(shared) / "lexicon-sources/empath/categories.tsv"):
            f = l.split("\t")
            if f[0] in EMOTIONS:
                for w in f[1:]:
                    self.empath.setdefault(w, set()).add(f[0])

    def sentiment(self, text):
        from textblob import TextBlob
        return {
            "vaderSentiment": self.vader.polarity_scores(text)["compound"],
            "afinn": self.afinn.score(text),
            "textblob": TextBlob(text).sentiment.polarity,
        }

    def emotions(self, text):
        toks = tokens(text)
        self.nrc.load_token_list(toks)
        raw = self.nrc.raw_emotion_scores
        present = {e for e in EMOTIONS if raw.get(e, 0) > 0}
        top = {e for e, s in self.nrc.top_emotions if s > 0 and e in EMOTIONS}
        emp = set().union(*(self.empath.get(t, set()) for t in toks)) if toks else set()
        return {"NRCLex (present)": present, "NRCLex (top)": top, "Empath lists": emp}


SENT_PEERS = ["vaderSentiment", "afinn", "textblob"]
EMO_PEERS = ["NRCLex (present)", "NRCLex (top)", "Empath lists"]


def rated(rows, name, data, peers):
    scores = [peers.sentiment(t) for t, _ in data]
    for split in ["dev", "test", "all"]:
        idx = [i for i in range(len(data)) if split == "all" or sentiment_split(i) == split]
        y = [data[i][1] for i in idx]
        for p in SENT_PEERS:
            x = [scores[i][p] for i in idx]
            cut = 0.0 if p == "afinn" else 0.05
            conf = [[0] * 3 for _ in range(3)]
            for a, b in zip(x, y):
                conf[class3(b)][class3(a, cut)] += 1
            mf = sum(f1(conf[c][c], sum(conf[g][c] for g in range(3)) - conf[c][c], sum(conf[c]) - conf[c][c])[2] for c in range(3)) / 3
            rows.append((name, split, len(idx), "pearson", p, pearson(x, y)))
            rows.append((name, split, len(idx), "macro_f1_3class", p, mf))


def binary(rows, name, data, peers):
    scores = [peers.sentiment(t) for t, _ in data]
    for split in ["dev", "test", "all"]:
        idx = [i for i in range(len(data)) if split == "all" or sentiment_split(i) == split]
        for p in SENT_PEERS:
            right = tp = fp = fn = 0
            for i in idx:
                c, gold = scores[i][p], data[i][1]
                pred = True if c > 0 else False if c < 0 else None
                right += pred == gold
                tp += pred is True and gold
                fp += pred is True and not gold
                fn += pred is not True and gold
            rows.append((name, split, len(idx), "accuracy", p, right / len(idx)))
            rows.append((name, split, len(idx), "f1", p, f1(tp, fp, fn)[2]))


def emotion_rows(rows, name, data, peers, which):
    preds = [peers.emotions(t) for _, t, _ in data]
    for split in ["dev", "test", "all"]:
        idx = [i for i in range(len(data)) if split == "all" or data[i][0] == split]
        for p in EMO_PEERS:
            mac, stp, sfp, sfn = 0.0, 0, 0, 0
            for e in which:
                tp = sum(1 for i in idx if e in preds[i][p] and e in data[i][2])
                fp = sum(1 for i in idx if e in preds[i][p] and e not in data[i][2])
                fn = sum(1 for i in idx if e not in preds[i][p] and e in data[i][2])
                pr, rc, f = f1(tp, fp, fn)
                mac += f
                stp, sfp, sfn = stp + tp, sfp + fp, sfn + fn
                for m, v in (("precision", pr), ("recall", rc), ("f1", f)):
                    rows.append((name, split, len(idx), f"{e}_{m}", p, v))
            rows.append((name, split, len(idx), "macro_f1", p, mac / len(which)))
            rows.append((name, split, len(idx), "micro_f1", p, f1(stp, sfp, sfn)[2]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--emotive", help="JSON written by `examples/eval --json`")
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    d = Path(args.shared) / "data"
    only = set(filter(None, args.only.split(",")))
    want = lambda s: not only or s in only
    peers = Peers(args.shared)
    rows = []
    if want("vader_tweets"):
        rated(rows, "vader_tweets", read_vader(d / "sentiment/vader/tweets_GroundTruth.txt"), peers)
    if want("vader_amazon"):
        rated(rows, "vader_amazon", read_vader(d / "sentiment/vader/amazonReviewSnippets_GroundTruth.txt"), peers)
    for n, f in [("uci_amazon", "amazon_cells_labelled.txt"), ("uci_yelp", "yelp_labelled.txt"), ("uci_imdb", "imdb_labelled.txt")]:
        if want(n):
            binary(rows, n, read_uci(d / "sentiment/uci" / f), peers)
    if want("imdb_train"):
        binary(rows, "imdb_train", read_imdb(d / "reviews/imdb_train.tsv"), peers)
    if want("xed_heldback"):
        xed = [(xed_part(i), t, g) for i, t, g in read_xed(d / "emotion/xed_en") if xed_part(i)]
        emotion_rows(rows, "xed_heldback", xed, peers, EMOTIONS)
    if want("goemotions_dev"):
        ge = [("dev" if i % 2 == 0 else "test", t, g) for i, (t, g) in enumerate(read_goemotions_dev(d / "emotion/goemotions"))]
        emotion_rows(rows, "goemotions_dev", ge, peers, ["anger", "disgust", "fear", "joy", "sadness", "surprise"])

    emotive = {}
    if args.emotive:
        for r in json.loads(Path(args.emotive).read_text()):
            emotive[(r["set"], r["split"], r["metric"])] = r["value"]
    table = {}
    for s, split, n, m, p, v in rows:
        table.setdefault((s, split, n, m), {})[p] = v
    emo_sets = {"xed_heldback", "goemotions_dev"}
    for title, peers_cols, pick in [
        ("Sentiment", SENT_PEERS, lambda k: k[0] not in emo_sets),
        ("Emotions", EMO_PEERS, lambda k: k[0] in emo_sets and k[3] in ("macro_f1", "micro_f1")),
    ]:
        keys = [k for k in table if pick(k)]
        if not keys:
            continue
        print(f"\n{title}:\n")
        print("| set | split | n | metric | emotive | " + " | ".join(peers_cols) + " |")
        print("|---|---|---:|---|---:|" + "---:|" * len(peers_cols))
        for k in keys:
            e = emotive.get((k[0], k[1], k[3]))
            cells = ["" if e is None else f"{e:.4f}"] + [f"{table[k].get(p, float('nan')):.4f}" for p in peers_cols]
            print(f"| {k[0]} | {k[1]} | {k[2]} | {k[3]} | " + " | ".join(cells) + " |")
    # Per-emotion table on the test split.
    per = [k for k in table if k[0] in emo_sets and k[1] == "test" and k[3].endswith("_f1") and k[3] not in ("macro_f1", "micro_f1")]
    if per:
        print("\nPer emotion, test split (precision / recall / F1):\n")
        cols = ["emotive"] + EMO_PEERS
        print("| set | emotion | " + " | ".join(cols) + " |")
        print("|---|---|" + "---:|" * len(cols))
        for k in per:
            e = k[3][:-3]
            def prf(src):
                vals = []
                for m in ("precision", "recall", "f1"):
                    kk = (k[0], k[1], k[2], f"{e}_{m}")
                    v = emotive.get((k[0], k[1], f"{e}_{m}")) if src == "emotive" else table.get(kk, {}).get(src)
                    vals.append("–" if v is None else f"{v:.2f}")
                return " / ".join(vals)
            print(f"| {k[0]} | {e} | " + " | ".join(prf(c) for c in cols) + " |")


if __name__ == "__main__":
    sys.exit(main())
