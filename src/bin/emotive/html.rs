//! The self-contained HTML report: inline CSS and SVG, no scripts, no network. Every chart
//! label is placed inside its SVG's view box (a test checks it).

use std::fmt::Write as _;

use emotive::{Emotion, Label};

use crate::report::{
    LABELS, Report, by_share, item_id, mean_with_ci, one_line, pct, period_name, thousands,
    topic_groups,
};
use crate::timeline::{Bucket, negative_tests};

impl Report<'_> {
    /// The self-contained HTML report.
    pub fn html(&self) -> String {
        let s = self.summary;
        let n = s.count();
        let mut h = String::new();
        let _ = write!(
            h,
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{}</title><style>{CSS}</style></head><body>\n",
            esc(&self.title)
        );
        let _ = writeln!(h, "<h1>{}</h1>", esc(&self.title));
        if self.partial {
            h.push_str(
                "<p class=\"partial\"><b>Partial report:</b> the run was interrupted; it covers only the items read before.</p>\n",
            );
        }
        let _ = writeln!(
            h,
            "<p class=\"lead\">{} items scored{} · mean compound <b>{}</b></p>",
            thousands(n),
            if self.skipped > 0 {
                format!(", {} skipped", thousands(self.skipped))
            } else {
                String::new()
            },
            esc(&mean_with_ci(s))
        );
        h.push_str("<section><h2>Sentiment</h2>");
        let rows: Vec<(String, f64, String, &str)> = LABELS
            .iter()
            .map(|&l| {
                (
                    l.name().to_string(),
                    pct(s.label_count(l), n),
                    thousands(s.label_count(l)),
                    label_color(l),
                )
            })
            .collect();
        h.push_str(&html_bars(&rows));
        h.push_str("</section>\n<section><h2>Emotions</h2><p class=\"note\">Share of items in which each emotion was detected, and the words that express it.</p>");
        let emotions = by_share(s);
        let rows: Vec<(String, f64, String, &str)> = emotions
            .iter()
            .map(|&e| {
                (
                    e.name().to_string(),
                    pct(s.detected_count(e), n),
                    thousands(s.detected_count(e)),
                    emotion_color(e),
                )
            })
            .collect();
        h.push_str(&html_bars(&rows));
        h.push_str("<table><tr><th>emotion</th><th>words that express it</th></tr>");
        for e in &emotions {
            let words: Vec<String> = s
                .top_terms(*e, self.top)
                .iter()
                .map(|t| format!("{} <span>{}</span>", esc(t.term()), thousands(t.count())))
                .collect();
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td></tr>",
                e.name(),
                words.join(", ")
            );
        }
        h.push_str("</table></section>\n");
        h.push_str("<section><h2>What people talk about</h2><p class=\"note\">Words and two-word phrases over-represented in each group's items compared with the rest (weighted log-odds with an informative Dirichlet prior, ranked by z-score; sentiment and emotion words and stop words left out). “all”: the most common subjects. Numbers: items of the group that mention it; e.g.: ids of two of them.</p><table class=\"topics\"><tr><th>items</th><th>subjects</th></tr>");
        for (name, g) in topic_groups() {
            let topics = self.topics.top(g, self.top);
            if topics.is_empty() {
                continue;
            }
            let list: Vec<String> = topics
                .iter()
                .map(|t| {
                    let ex: Vec<String> = t.examples().iter().map(|id| esc(id)).collect();
                    format!(
                        "<b>{}</b> <span>{}{}</span>",
                        esc(t.term()),
                        thousands(t.items()),
                        if ex.is_empty() {
                            String::new()
                        } else {
                            format!(" · e.g. {}", ex.join(" "))
                        }
                    )
                })
                .collect();
            let _ = write!(h, "<tr><td>{name}</td><td>{}</td></tr>", list.join(", "));
        }
        h.push_str(
            "</table></section>\n<section><h2>What drives sentiment</h2><div class=\"two\">",
        );
        for (title, terms, positive) in [
            ("positive", s.top_positive_terms(self.top), true),
            ("negative", s.top_negative_terms(self.top), false),
        ] {
            let _ = write!(
                h,
                "<div><h3>{title}</h3><table><tr><th>term</th><th>times</th><th>weight</th></tr>"
            );
            // The weight on this side: a word counts where it pushed that way ("good" under
            // "not" pushes the negative side).
            for t in terms {
                let _ = write!(
                    h,
                    "<tr><td>{}</td><td>{}</td><td>{:+.1}</td></tr>",
                    esc(t.term()),
                    thousands(t.count()),
                    if positive { t.positive() } else { t.negative() }
                );
            }
            h.push_str("</table></div>");
        }
        h.push_str("</div></section>\n");
        let worst = s.most_negative(self.top);
        if !worst.is_empty() {
            h.push_str("<section><h2>Most negative items</h2><p class=\"note\">The ones to answer first. Ids are the input's own (a column or field named <code>id</code>, or <code>--id-column</code>), else line numbers.</p><table><tr><th>id</th><th>compound</th><th>text</th></tr>");
            for w in worst {
                let _ = write!(
                    h,
                    "<tr><td>{}</td><td>{:+.3}</td><td>{}</td></tr>",
                    esc(&item_id(w)),
                    w.compound(),
                    esc(&one_line(w.text().unwrap_or(""), 400))
                );
            }
            h.push_str("</table></section>\n");
        }
        if let Some((t, period)) = self.timeline {
            let (period, buckets) = t.buckets(period);
            let tests = negative_tests(&buckets);
            let _ = write!(
                h,
                "<section><h2>Over time (by {})</h2>",
                period_name(period)
            );
            if buckets.is_empty() {
                h.push_str("<p class=\"note\">No dated items.</p>");
            } else {
                h.push_str("<h3>Mean compound and items</h3>");
                h.push_str("<div class=\"scroll\">");
                h.push_str(&svg_sentiment(&buckets, &tests));
                h.push_str("</div>");
                h.push_str("<h3>Share of items with each emotion</h3>");
                h.push_str("<div class=\"scroll\">");
                h.push_str(&svg_emotions(&buckets));
                h.push_str("</div>");
                h.push_str("<table><tr><th>period</th><th>items</th><th>mean compound</th><th>negative</th>");
                for e in Emotion::ALL {
                    let _ = write!(h, "<th>{}</th>", e.name());
                }
                h.push_str("</tr>");
                for ((label, b), test) in buckets.iter().zip(&tests) {
                    let _ = write!(
                        h,
                        "<tr{}><td>{}</td><td>{}</td><td>{:+.3}</td><td>{:.0}%{}</td>",
                        if test.flagged { " class=\"flag\"" } else { "" },
                        esc(label),
                        thousands(b.count),
                        b.mean(),
                        100.0 * test.share,
                        if test.flagged { " ▲" } else { "" }
                    );
                    for e in Emotion::ALL {
                        let _ = write!(h, "<td>{:.0}%</td>", 100.0 * b.share(e));
                    }
                    h.push_str("</tr>");
                }
                h.push_str("</table><p class=\"note\">▲ negative share significantly above the overall share: one-sided z-test of the period's share against the share over all dated items, z ≥ 3.09 (p &lt; 0.001), periods of 20 or more items.</p>");
            }
            if t.undated > 0 {
                let _ = write!(
                    h,
                    "<p class=\"note\">{} items had no usable date.</p>",
                    thousands(t.undated)
                );
            }
            h.push_str("</section>\n");
        }
        h.push_str("<footer>Made with emotive — lexicon-based sentiment and Plutchik emotions. Scores are estimates from word lists and rules; read the items before acting on them.</footer></body></html>\n");
        h
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn label_color(l: Label) -> &'static str {
    match l {
        Label::Positive => "#2e9e5b",
        Label::Negative => "#d1495b",
        _ => "#9aa5b1",
    }
}

fn emotion_color(e: Emotion) -> &'static str {
    match e {
        Emotion::Anger => "#e4572e",
        Emotion::Anticipation => "#f3a712",
        Emotion::Disgust => "#8e6c8a",
        Emotion::Fear => "#3b6e8f",
        Emotion::Joy => "#f6c90e",
        Emotion::Sadness => "#4f6d9a",
        Emotion::Surprise => "#29bf12",
        _ => "#17a398",
    }
}

/// Horizontal bars as HTML (label, percent, caption, colour): they reflow on a phone, where
/// an SVG's text would shrink with it.
fn html_bars(rows: &[(String, f64, String, &str)]) -> String {
    let mut s = String::from("<div class=\"bars\">");
    for (label, p, caption, color) in rows {
        let _ = write!(
            s,
            "<div class=\"bar\"><span class=\"name\">{}</span><span class=\"track\"><span class=\"fill\" style=\"width:{:.1}%;background:{color}\"></span></span><span class=\"value\">{p:.1}% · {}</span></div>",
            esc(label),
            p.clamp(0.0, 100.0),
            esc(caption)
        );
    }
    s.push_str("</div>");
    s
}

/// Chart geometry: the plot area inside generous margins, so that axis labels and the
/// legend always stay inside the view box.
const W: f64 = 760.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 20.0;
/// Room between the plot's edges and its first and last periods.
const INSET: f64 = 14.0;

/// The x position of bucket `i` of `n`, and which buckets get an x label (at most about 8,
/// evenly spaced, always the first and the last).
fn x_axis(n: usize) -> (impl Fn(usize) -> f64, Vec<usize>) {
    // Half a count bar of room at each end, clear of the axis labels.
    let span = W - LEFT - RIGHT - 2.0 * INSET;
    let x = move |i: usize| {
        LEFT + INSET
            + if n <= 1 {
                span / 2.0
            } else {
                span * i as f64 / (n - 1) as f64
            }
    };
    let step = n.div_ceil(8).max(1);
    let mut ticks: Vec<usize> = (0..n).step_by(step).collect();
    if let Some(&last) = ticks.last()
        && last != n - 1
    {
        if n - 1 - last < step / 2 + 1 && ticks.len() > 1 {
            ticks.pop();
        }
        ticks.push(n - 1);
    }
    (x, ticks)
}

/// An x label: centred, except the first and last, which are anchored inwards.
fn x_label(s: &mut String, x: f64, y: f64, text: &str, first: bool, last: bool) {
    let anchor = if first && !last {
        "start"
    } else if last && !first {
        "end"
    } else {
        "middle"
    };
    let _ = write!(
        s,
        "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\">{}</text>",
        esc(&short_period(text))
    );
}

/// `week of 2024-03-04` → `2024-03-04`: the axis says what a period is.
fn short_period(label: &str) -> String {
    label.trim_start_matches("week of ").to_string()
}

/// Mean compound per period as a line (axis −1 … +1) over bars of the item count, flagged
/// periods marked.
fn svg_sentiment(buckets: &[(String, Bucket)], tests: &[crate::timeline::NegativeTest]) -> String {
    let h = 300.0;
    let plot_bottom = h - 70.0;
    let bars_bottom = h - 34.0;
    let n = buckets.len();
    let (x, ticks) = x_axis(n);
    let y = |m: f64| TOP + (plot_bottom - TOP) * (1.0 - (m.clamp(-1.0, 1.0) + 1.0) / 2.0);
    let max_count = buckets
        .iter()
        .map(|(_, b)| b.count)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let mut s = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {W} {h}\" role=\"img\" aria-label=\"mean compound and items per period\">"
    );
    for (v, t) in [
        (1.0, "+1"),
        (0.5, "+0.5"),
        (0.0, "0"),
        (-0.5, "−0.5"),
        (-1.0, "−1"),
    ] {
        let _ = write!(
            s,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{:.1}\" y2=\"{:.1}\" class=\"{}\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{t}</text>",
            W - RIGHT,
            y(v),
            y(v),
            if v == 0.0 { "axis" } else { "grid" },
            LEFT - 6.0,
            y(v) + 4.0
        );
    }
    let bw = ((W - LEFT - RIGHT - 2.0 * INSET) / n as f64 * 0.6).clamp(1.0, 2.0 * INSET);
    for (i, ((label, b), t)) in buckets.iter().zip(tests).enumerate() {
        let bh = 24.0 * b.count as f64 / max_count;
        let _ = write!(
            s,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"{bh:.1}\" class=\"{}\"><title>{}: {} items</title></rect>",
            x(i) - bw / 2.0,
            bars_bottom - bh,
            if t.flagged { "count flag" } else { "count" },
            esc(label),
            b.count
        );
    }
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">items</text>",
        LEFT - 6.0,
        bars_bottom - 4.0
    );
    let points: Vec<String> = buckets
        .iter()
        .enumerate()
        .map(|(i, (_, b))| format!("{:.1},{:.1}", x(i), y(b.mean())))
        .collect();
    let _ = write!(
        s,
        "<polyline points=\"{}\" class=\"mean\"/>",
        points.join(" ")
    );
    for (i, ((label, b), t)) in buckets.iter().zip(tests).enumerate() {
        let _ = write!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{}\" class=\"{}\"><title>{}: mean {:+.3}, {} items, {:.0}% negative</title></circle>",
            x(i),
            y(b.mean()),
            if t.flagged { 5 } else { 3 },
            if t.flagged { "dot flag" } else { "dot" },
            esc(label),
            b.mean(),
            b.count,
            100.0 * t.share
        );
    }
    for (k, &i) in ticks.iter().enumerate() {
        x_label(
            &mut s,
            x(i),
            h - 12.0,
            &buckets[i].0,
            k == 0,
            k + 1 == ticks.len(),
        );
    }
    s.push_str("</svg>");
    s
}

/// Each emotion's share of items per period as a line (axis 0 … the largest share), with a
/// legend above the plot.
fn svg_emotions(buckets: &[(String, Bucket)]) -> String {
    let h = 320.0;
    let legend_y = TOP;
    let plot_top = TOP + 40.0;
    let plot_bottom = h - 40.0;
    let n = buckets.len();
    let (x, ticks) = x_axis(n);
    let max_share = buckets
        .iter()
        .flat_map(|(_, b)| Emotion::ALL.into_iter().map(|e| b.share(e)))
        .fold(0.0f64, f64::max);
    // Four grid steps of a round size (1, 2, 2.5, 5, 10, 15, 20 or 25%) that reach the largest
    // share.
    let step = [0.01, 0.02, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25]
        .into_iter()
        .find(|&st| 4.0 * st >= max_share)
        .unwrap_or(0.25);
    let top = 4.0 * step;
    let y = |v: f64| plot_top + (plot_bottom - plot_top) * (1.0 - v / top);
    let mut s = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {W} {h}\" role=\"img\" aria-label=\"share of items with each emotion per period\">"
    );
    // Legend: two rows of four.
    for (k, e) in Emotion::ALL.into_iter().enumerate() {
        let lx = LEFT + (k % 4) as f64 * 170.0;
        let ly = legend_y + (k / 4) as f64 * 16.0;
        let _ = write!(
            s,
            "<rect x=\"{lx:.1}\" y=\"{:.1}\" width=\"14\" height=\"4\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            ly - 4.0,
            emotion_color(e),
            lx + 20.0,
            ly,
            e.name()
        );
    }
    let steps = 4;
    for k in 0..=steps {
        let v = top * k as f64 / steps as f64;
        let _ = write!(
            s,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{:.1}\" y2=\"{:.1}\" class=\"grid\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}%</text>",
            W - RIGHT,
            y(v),
            y(v),
            LEFT - 6.0,
            y(v) + 4.0,
            // 2.5, 7.5 …: one decimal only where a step needs it.
            format!("{:.1}", 100.0 * v).trim_end_matches(".0")
        );
    }
    for e in Emotion::ALL {
        let points: Vec<String> = buckets
            .iter()
            .enumerate()
            .map(|(i, (_, b))| format!("{:.1},{:.1}", x(i), y(b.share(e))))
            .collect();
        let _ = write!(
            s,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"><title>{}</title></polyline>",
            points.join(" "),
            emotion_color(e),
            e.name()
        );
    }
    for (k, &i) in ticks.iter().enumerate() {
        x_label(
            &mut s,
            x(i),
            h - 12.0,
            &buckets[i].0,
            k == 0,
            k + 1 == ticks.len(),
        );
    }
    s.push_str("</svg>");
    s
}

const CSS: &str = "body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1f2933}\
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:1px solid #e4e7eb;padding-bottom:.3rem;margin-top:2rem}\
.partial{background:#fff3c4;border:1px solid #f0b429;padding:.5rem .8rem}.lead{color:#52606d}.note{color:#7b8794;font-size:.9rem}svg{width:100%;height:auto}svg text{font-size:12px;fill:#323f4b}\
table{border-collapse:collapse;width:100%;margin:.6rem 0}td,th{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #f0f2f4;vertical-align:top}\
th{color:#52606d;font-weight:600}td span{color:#9aa5b1;font-size:.85em}.two{display:grid;grid-template-columns:1fr 1fr;gap:1rem}\
.axis{stroke:#9aa5b1}.grid{stroke:#eef1f4}.mean{fill:none;stroke:#3e4c59;stroke-width:2}.dot{fill:#3e4c59}.dot.flag{fill:#d1495b}.count{fill:#cbd2d9}.count.flag{fill:#f29aa5}\
tr.flag td{background:#fdecee}table.topics td:first-child{white-space:nowrap;color:#52606d}h3{font-size:1rem;margin:1rem 0 .2rem}\
.bars{margin:.6rem 0}.bar{display:grid;grid-template-columns:7.5rem 1fr 9rem;align-items:center;gap:.6rem;margin:.25rem 0}.bar .name{text-align:right;color:#52606d}\
.bar .track{background:#f5f7fa;border-radius:3px;height:1.1rem}.bar .fill{display:block;height:100%;border-radius:3px;min-width:2px}.bar .value{white-space:nowrap;color:#323f4b}\
.scroll{overflow-x:auto}.scroll svg{min-width:620px}\
@media (max-width:600px){body{margin:1rem auto;font-size:14px}.two{grid-template-columns:1fr}table{font-size:.85rem}td,th{padding:.2rem .3rem}.bar{grid-template-columns:6rem 1fr 7.5rem;gap:.4rem}}\
footer{margin-top:3rem;color:#9aa5b1;font-size:.85rem}";
