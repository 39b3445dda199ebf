//! The report (`emotive summary`) and the scoring command's filters: topics that do not
//! depend on the thread count, the user's own ids, chart labels inside their view boxes, and
//! filters that pass exactly the items that qualify, in every input format.
#![cfg(feature = "cli")]

use std::fmt::Write as _;
use std::path::Path;

mod common;

use common::{emotive, jsonl, stderr};
use serde_json::Value;

/// A deterministic stream of numbers (no dependency for a test corpus).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// Shop reviews: half the praise mentions the price, complaints mention the delivery and the
/// refund, and every review mentions two of the same filler subjects.
fn shop_reviews(n: usize, seed: u64) -> Vec<(String, String)> {
    let mut r = Lcg(seed);
    let good = ["Great", "Lovely", "Excellent", "I love it", "Wonderful"];
    let bad = [
        "Terrible",
        "Awful",
        "I hate it",
        "Horrible",
        "Disappointing",
    ];
    let filler = [
        "box", "colour", "size", "shop", "order", "package", "screen", "cable",
    ];
    (0..n)
        .map(|i| {
            let f1 = filler[r.next(filler.len())];
            let f2 = filler[r.next(filler.len())];
            let text = if r.next(3) == 0 {
                let delivery = ["the delivery was late", "delivery took weeks"][r.next(2)];
                format!(
                    "{}: {delivery}, the {f1} and the {f2} were fine but the refund never came.",
                    bad[r.next(bad.len())]
                )
            } else {
                let price = [", and the price is right", ""][r.next(2)];
                format!(
                    "{}! The {f1} is nice, the {f2} too{price}.",
                    good[r.next(good.len())]
                )
            };
            (format!("R-{:05}", 7 * i + 3), text)
        })
        .collect()
}

fn write_csv(path: &Path, rows: &[(String, String)], id_name: &str) {
    let mut s = format!("{id_name},text\n");
    for (id, text) in rows {
        let _ = writeln!(s, "{id},\"{}\"", text.replace('"', "\"\""));
    }
    std::fs::write(path, s).unwrap();
}

#[test]
fn topics_are_the_same_for_one_thread_and_eight() {
    let dir = tempfile::tempdir().unwrap();
    // Several summary blocks (of 1,024 items), so that merging matters.
    write_csv(&dir.path().join("shop.csv"), &shop_reviews(5000, 7), "id");
    let run = |threads: &str| {
        let out = emotive(dir.path())
            .args([
                "summary",
                "shop.csv",
                "--json",
                "--top",
                "20",
                "--threads",
                threads,
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let one = run("1");
    let eight = run("8");
    assert_eq!(one["topics"], eight["topics"]);
    assert_eq!(
        one, eight,
        "the whole summary is independent of the thread count"
    );
    // And the topics say what the complaints are about.
    let negative: Vec<&str> = one["topics"]["negative"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap())
        .collect();
    assert!(
        negative[..3].contains(&"delivery") && negative[..3].contains(&"refund"),
        "{negative:?}"
    );
    let positive: Vec<&str> = one["topics"]["positive"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap())
        .collect();
    assert_eq!(positive[0], "price", "{positive:?}");
    for group in ["negative", "positive"] {
        for t in one["topics"][group].as_array().unwrap() {
            let term = t["term"].as_str().unwrap();
            assert!(
                !["the", "was", "and", "great", "terrible", "fine", "nice"].contains(&term),
                "{term:?} is a stop word or a sentiment word, not a topic"
            );
        }
    }
}

#[test]
fn the_report_quotes_the_users_ids() {
    let dir = tempfile::tempdir().unwrap();
    let rows = shop_reviews(300, 11);
    write_csv(&dir.path().join("shop.csv"), &rows, "id");
    write_csv(&dir.path().join("tickets.csv"), &rows, "ticket");
    let ids: Vec<&str> = rows.iter().map(|(id, _)| id.as_str()).collect();

    // JSON: the most negative items and every topic example carry ids from the column.
    let out = emotive(dir.path())
        .args(["summary", "shop.csv", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let worst = v["most_negative"].as_array().unwrap();
    assert!(!worst.is_empty());
    for item in worst {
        let id = item["id"].as_str().unwrap();
        let row = rows
            .iter()
            .find(|(i, _)| i == id)
            .expect("an id of the file");
        assert_eq!(
            item["text"].as_str().unwrap(),
            row.1,
            "the id names its own row"
        );
    }
    let mut examples = 0;
    for (_, list) in v["topics"].as_object().unwrap() {
        for t in list.as_array().unwrap() {
            for e in t["examples"].as_array().unwrap() {
                assert!(ids.contains(&e.as_str().unwrap()), "{e}");
                examples += 1;
            }
        }
    }
    assert!(examples > 10);

    // The terminal report and the HTML show them too.
    let html = dir.path().join("r.html");
    let out = emotive(dir.path())
        .args(["summary", "shop.csv", "--html"])
        .arg(&html)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let first = worst[0]["id"].as_str().unwrap();
    let line = text
        .lines()
        .skip_while(|l| !l.starts_with("MOST NEGATIVE ITEMS"))
        .nth(1)
        .unwrap();
    assert!(line.trim_start().starts_with(first), "{line}");
    assert!(text.contains("WHAT PEOPLE TALK ABOUT"));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains(first));

    // Another column by name; without one, the line number.
    let out = emotive(dir.path())
        .args(["summary", "tickets.csv", "--json", "--id-column", "ticket"])
        .output()
        .unwrap();
    let v2: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v2["most_negative"], v["most_negative"]);
    let out = emotive(dir.path())
        .args(["summary", "tickets.csv", "--json"])
        .output()
        .unwrap();
    let v3: Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = v3["most_negative"][0]["id"].as_str().unwrap();
    assert!(
        !ids.contains(&id),
        "no id column: items are named by line, not {id}"
    );
    let out = emotive(dir.path())
        .args(["summary", "shop.csv", "--id-column", "nope"])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("nope"), "{}", stderr(&out));
}

/// Every `<text>` of every `<svg>` in `page`, with its view box: (view box width, height,
/// x, y, anchor, text).
fn svg_texts(page: &str) -> Vec<(f64, f64, f64, f64, String, String)> {
    let attr = |tag: &str, name: &str| -> Option<String> {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let end = start + tag[start..].find('"')?;
        Some(tag[start..end].to_string())
    };
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find("<svg") {
        let svg_end = at + rest[at..].find("</svg>").expect("a closed svg");
        let svg = &rest[at..svg_end];
        let open = &svg[..svg.find('>').unwrap()];
        let vb: Vec<f64> = attr(open, "viewBox")
            .expect("a view box")
            .split(' ')
            .map(|x| x.parse().unwrap())
            .collect();
        assert_eq!((vb[0], vb[1]), (0.0, 0.0));
        let mut t = svg;
        while let Some(k) = t.find("<text") {
            let tag_end = k + t[k..].find('>').unwrap();
            let tag = &t[k..tag_end];
            let close = tag_end + t[tag_end..].find("</text>").unwrap();
            let content = t[tag_end + 1..close]
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"");
            out.push((
                vb[2],
                vb[3],
                attr(tag, "x").unwrap().parse().unwrap(),
                attr(tag, "y").unwrap().parse().unwrap(),
                attr(tag, "text-anchor").unwrap_or_else(|| "start".into()),
                content,
            ));
            t = &t[close..];
        }
        rest = &rest[svg_end..];
    }
    out
}

#[test]
fn every_chart_label_lies_inside_its_view_box() {
    let dir = tempfile::tempdir().unwrap();
    // Spans that give day, week and month buckets, and long emotion captions.
    for (days, step) in [(20u64, 1u64), (200, 1), (900, 3)] {
        let rows = shop_reviews((days / step) as usize, days);
        let mut s = String::from("id\tdate\ttext\n");
        for (k, (id, text)) in rows.iter().enumerate() {
            // 2024-01-01 is day 19723 since the epoch.
            let secs = (19_723 + k as u64 * step) * 86_400;
            let _ = writeln!(s, "{id}\t{secs}\t{text} So sad, so scary, what a surprise.");
        }
        let name = format!("dated{days}.tsv");
        std::fs::write(dir.path().join(&name), s).unwrap();
        let html = dir.path().join(format!("r{days}.html"));
        let out = emotive(dir.path())
            .args(["summary", &name, "--date-column", "date", "--html"])
            .arg(&html)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let page = std::fs::read_to_string(&html).unwrap();
        let texts = svg_texts(&page);
        assert!(
            texts.iter().any(|t| t.5.starts_with("2024-01")),
            "the x axis is labelled"
        );
        // Chart text is 12 px; no glyph is wider than 0.6 em, none rises above 12 px or
        // drops below 4 px from its baseline.
        for (w, h, x, y, anchor, text) in &texts {
            let width = 7.2 * text.chars().count() as f64;
            let (left, right) = match anchor.as_str() {
                "end" => (x - width, *x),
                "middle" => (x - width / 2.0, x + width / 2.0),
                _ => (*x, x + width),
            };
            assert!(
                left >= 0.0 && right <= *w && y - 12.0 >= 0.0 && y + 4.0 <= *h,
                "{text:?} at x={x} y={y} ({anchor}) leaves its {w}×{h} view box ({days} days)"
            );
        }
        assert!(!page.contains("<script") && !page.contains("http"));
    }
}

/// Items written under `filter`, and the final line.
fn filtered(dir: &Path, input: &[&str], filter: &[&str]) -> (Vec<Value>, String) {
    let out = emotive(dir)
        .args(input)
        .args(["--format", "jsonl"])
        .args(filter)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    (jsonl(&out.stdout), stderr(&out))
}

fn emotions_of(v: &Value) -> Vec<&str> {
    v["detected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect()
}

#[test]
fn filters_pass_exactly_the_items_that_qualify_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        "I love it, the best purchase this year!",
        "This is awful, I am furious with the seller!",
        "Terrible service, never again.",
        "Ok.",
        "The battery died and I was scared it would catch fire.",
        "Disgusting smell, it made me sick. Outrageous!",
        "Not bad at all.",
        "I am so sad it broke after a week.",
    ];
    std::fs::write(dir.path().join("c.txt"), texts.join("\n") + "\n").unwrap();
    let mut csv = String::from("id,text\n");
    let mut jl = String::new();
    for (i, t) in texts.iter().enumerate() {
        let _ = writeln!(csv, "c{i},\"{t}\"");
        let _ = writeln!(
            jl,
            "{}",
            serde_json::json!({"id": format!("c{i}"), "text": t})
        );
    }
    std::fs::write(dir.path().join("c.csv"), csv).unwrap();
    std::fs::write(dir.path().join("c.jsonl"), jl).unwrap();

    type Check = fn(&Value) -> bool;
    let cases: [(&[&str], Check); 5] = [
        (&["--label", "negative"], |v| v["label"] == "negative"),
        (&["--label", "negative", "--label", "neutral"], |v| {
            v["label"] != "positive"
        }),
        (&["--max-compound", "-0.5"], |v| {
            v["compound"].as_f64().unwrap() <= -0.5
        }),
        (&["--emotion", "anger", "--emotion", "disgust"], |v| {
            let e = emotions_of(v);
            e.contains(&"anger") || e.contains(&"disgust")
        }),
        (
            &[
                "--label",
                "negative",
                "--min-compound",
                "-0.9",
                "--emotion",
                "fear",
            ],
            |v| {
                v["label"] == "negative"
                    && v["compound"].as_f64().unwrap() >= -0.9
                    && emotions_of(v).contains(&"fear")
            },
        ),
    ];
    for file in ["c.txt", "c.csv", "c.jsonl"] {
        let (all, _) = filtered(dir.path(), &[file], &[]);
        assert_eq!(all.len(), texts.len());
        for (filter, check) in &cases {
            let (got, note) = filtered(dir.path(), &[file], filter);
            let want: Vec<&Value> = all.iter().filter(|v| check(v)).collect();
            assert!(!want.is_empty(), "{filter:?} should pass something");
            assert!(want.len() < all.len(), "{filter:?} should drop something");
            assert_eq!(got.iter().collect::<Vec<_>>(), want, "{file} {filter:?}");
            assert!(
                note.contains(&format!(
                    "{} rows scored, {} written ({})",
                    texts.len(),
                    want.len(),
                    filter.join(" ")
                )),
                "{file} {filter:?}: {note}"
            );
        }
    }
    // CSV output keeps the carried ids of the rows that pass.
    let out = emotive(dir.path())
        .args(["c.csv", "--format", "csv", "--label", "positive"])
        .output()
        .unwrap();
    let body = String::from_utf8(out.stdout).unwrap();
    assert!(body.starts_with("id,compound,label"), "{body}");
    assert!(body.lines().skip(1).all(|l| l.starts_with('c')));
    assert!(body.contains("\nc0,"));

    // While filtering, the placeholder of a skipped line is not written (it is still
    // reported and counted).
    let long = "x".repeat(200);
    std::fs::write(
        dir.path().join("long.txt"),
        format!("Awful!\n{long}\nLovely.\n"),
    )
    .unwrap();
    let out = emotive(dir.path())
        .args(["long.txt", "--max-line-bytes", "100", "--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(jsonl(&out.stdout).len(), 3, "unfiltered: a placeholder");
    let out = emotive(dir.path())
        .args(["long.txt", "--max-line-bytes", "100", "--format", "jsonl"])
        .args(["--label", "negative"])
        .output()
        .unwrap();
    let got = jsonl(&out.stdout);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["label"], "negative");
    assert!(
        stderr(&out).contains("2 rows scored, 1 written (--label negative), 1 skipped"),
        "{}",
        stderr(&out)
    );

    // Contradictory or out-of-range bounds are refused up front.
    for bad in [
        &["--min-compound", "0.5", "--max-compound", "-0.5"][..],
        &["--max-compound", "-2"],
        &["--label", "angry"],
        &["--summary", "--label", "negative"],
    ] {
        let out = emotive(dir.path()).arg("c.txt").args(bad).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {}", stderr(&out));
    }
}

#[test]
fn filtering_a_live_stream_shows_matches_as_they_come() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("emotive"))
        .args(["--label", "negative", "--format", "table"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    writeln!(stdin, "What a lovely day").unwrap();
    writeln!(stdin, "This is the worst service ever").unwrap();
    stdin.flush().unwrap();
    // The negative comment comes back while stdin is still open.
    let first = lines
        .find(|l| l.as_ref().is_ok_and(|l| l.contains("worst")))
        .unwrap()
        .unwrap();
    assert!(first.starts_with("negative"), "{first}");
    drop(stdin);
    let rest: Vec<String> = lines.map(Result::unwrap).collect();
    assert!(rest.iter().all(|l| !l.contains("lovely")), "{rest:?}");
    assert!(child.wait().unwrap().success());
}
