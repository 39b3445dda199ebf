//! The summary report: a readable terminal page and a self-contained HTML file (inline CSS and
//! SVG, no scripts, no network).

use std::fmt::Write as _;

use emotive::{Emotion, Label, Summary};

use crate::timeline::{Bucket, Period, Timeline};

/// Everything a report shows.
pub struct Report<'a> {
    pub title: String,
    pub summary: &'a Summary,
    pub timeline: Option<(&'a Timeline, Period)>,
    pub skipped: u64,
    pub top: usize,
    /// The run was interrupted: the report covers only the items read before.
    pub partial: bool,
}

const LABELS: [Label; 3] = [Label::Positive, Label::Neutral, Label::Negative];

fn pct(n: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        100.0 * n as f64 / total as f64
    }
}

fn bar(share: f64, width: usize) -> String {
    let cells = (share.clamp(0.0, 1.0) * width as f64 * 8.0).round() as usize;
    let mut s = "█".repeat(cells / 8);
    const PART: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    s.push_str(PART[cells % 8]);
    let used = s.chars().count();
    s.push_str(&" ".repeat(width.saturating_sub(used)));
    s
}

fn one_line(t: &str, max: usize) -> String {
    let flat: String = t
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let flat = flat.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > max {
        format!("{}…", flat.chars().take(max - 1).collect::<String>())
    } else {
        flat
    }
}

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Report<'_> {
    /// The terminal report.
    pub fn text(&self) -> String {
        let s = self.summary;
        let n = s.count();
        let mut o = String::new();
        let _ = writeln!(o, "{}", self.title);
        let _ = writeln!(o, "{}\n", "═".repeat(self.title.chars().count().min(78)));
        if self.partial {
            let _ = writeln!(
                o,
                "PARTIAL: interrupted; this report covers only the items read before Ctrl-C\n"
            );
        }
        let _ = writeln!(
            o,
            "{} items scored, {} skipped\n",
            thousands(n),
            thousands(self.skipped)
        );
        let _ = writeln!(o, "SENTIMENT");
        for l in LABELS {
            let c = s.label_count(l);
            let _ = writeln!(
                o,
                "  {:<9} {} {:>9}  {:>5.1}%",
                l.name(),
                bar(pct(c, n) / 100.0, 30),
                thousands(c),
                pct(c, n)
            );
        }
        let (lo, hi) = s.compound_ci95();
        let _ = writeln!(
            o,
            "  mean compound {:+.3}  (95% CI {:+.3} … {:+.3})\n",
            s.mean_compound(),
            lo,
            hi
        );

        let _ = writeln!(
            o,
            "EMOTIONS  (share of items where detected · words that drive it)"
        );
        let emotions = by_share(s);
        for e in emotions {
            let c = s.detected_count(e);
            let words: Vec<String> = s
                .top_terms(e, 5)
                .iter()
                .map(|t| format!("{} ({})", t.term(), thousands(t.count())))
                .collect();
            let _ = writeln!(
                o,
                "  {:<12} {} {:>5.1}%  {}",
                e.name(),
                bar(pct(c, n) / 100.0, 24),
                pct(c, n),
                words.join(", ")
            );
        }
        let _ = writeln!(o);
        let _ = writeln!(o, "WHAT DRIVES SENTIMENT");
        let pos: Vec<String> = s
            .top_positive_terms(self.top)
            .iter()
            .map(|t| format!("{} ({})", t.term(), thousands(t.count())))
            .collect();
        let neg: Vec<String> = s
            .top_negative_terms(self.top)
            .iter()
            .map(|t| format!("{} ({})", t.term(), thousands(t.count())))
            .collect();
        let _ = writeln!(o, "  positive: {}", pos.join(", "));
        let _ = writeln!(o, "  negative: {}\n", neg.join(", "));

        let worst = s.most_negative(self.top);
        if !worst.is_empty() {
            let _ = writeln!(o, "MOST NEGATIVE ITEMS  (answer these first)");
            for w in worst {
                let _ = writeln!(
                    o,
                    "  #{:<8} {:+.3}  {}",
                    w.index() + 1,
                    w.compound(),
                    one_line(w.text().unwrap_or(""), 90)
                );
            }
            let _ = writeln!(o);
        }
        if let Some((t, period)) = self.timeline {
            let (period, buckets) = t.buckets(period);
            let _ = writeln!(
                o,
                "OVER TIME  (by {}; mean compound · items · top emotion)",
                period_name(period)
            );
            for (label, b) in &buckets {
                let m = b.mean();
                let top = Emotion::ALL
                    .iter()
                    .max_by(|a, c| b.share(**a).total_cmp(&b.share(**c)))
                    .map_or("-", |e| e.name());
                let half = bar(m.abs(), 15);
                let (left, right) = if m < 0.0 {
                    (half.chars().rev().collect::<String>(), " ".repeat(15))
                } else {
                    (" ".repeat(15), half)
                };
                let _ = writeln!(
                    o,
                    "  {label:<18} {left}│{right} {m:+.3}  n={:<7} {top}",
                    thousands(b.count)
                );
            }
            if t.undated > 0 {
                let _ = writeln!(
                    o,
                    "  ({} items without a usable date)",
                    thousands(t.undated)
                );
            }
        }
        o
    }

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
        let (lo, hi) = s.compound_ci95();
        let _ = writeln!(
            h,
            "<p class=\"lead\">{} items scored{} · mean compound <b>{:+.3}</b> (95% CI {:+.3} … {:+.3})</p>",
            thousands(n),
            if self.skipped > 0 {
                format!(", {} skipped", thousands(self.skipped))
            } else {
                String::new()
            },
            s.mean_compound(),
            lo,
            hi
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
        h.push_str(&svg_bars(&rows));
        h.push_str("</section>\n<section><h2>Emotions</h2><p class=\"note\">Share of items in which each emotion was detected.</p>");
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
        h.push_str(&svg_bars(&rows));
        h.push_str("<table><tr><th>emotion</th><th>words that drive it</th></tr>");
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
        h.push_str(
            "</table></section>\n<section><h2>What drives sentiment</h2><div class=\"two\">",
        );
        for (title, terms) in [
            ("positive", s.top_positive_terms(self.top)),
            ("negative", s.top_negative_terms(self.top)),
        ] {
            let _ = write!(
                h,
                "<div><h3>{title}</h3><table><tr><th>term</th><th>times</th><th>weight</th></tr>"
            );
            for t in terms {
                let _ = write!(
                    h,
                    "<tr><td>{}</td><td>{}</td><td>{:+.1}</td></tr>",
                    esc(t.term()),
                    thousands(t.count()),
                    t.positive() + t.negative()
                );
            }
            h.push_str("</table></div>");
        }
        h.push_str("</div></section>\n");
        let worst = s.most_negative(self.top);
        if !worst.is_empty() {
            h.push_str("<section><h2>Most negative items</h2><p class=\"note\">The ones to answer first.</p><table><tr><th>#</th><th>compound</th><th>text</th></tr>");
            for w in worst {
                let _ = write!(
                    h,
                    "<tr><td>{}</td><td>{:+.3}</td><td>{}</td></tr>",
                    w.index() + 1,
                    w.compound(),
                    esc(&one_line(w.text().unwrap_or(""), 400))
                );
            }
            h.push_str("</table></section>\n");
        }
        if let Some((t, period)) = self.timeline {
            let (period, buckets) = t.buckets(period);
            let _ = write!(
                h,
                "<section><h2>Over time (by {})</h2>",
                period_name(period)
            );
            h.push_str(&svg_timeline(&buckets));
            h.push_str("<table><tr><th>period</th><th>items</th><th>mean compound</th>");
            for e in Emotion::ALL {
                let _ = write!(h, "<th>{}</th>", e.name());
            }
            h.push_str("</tr>");
            for (label, b) in &buckets {
                let _ = write!(
                    h,
                    "<tr><td>{}</td><td>{}</td><td>{:+.3}</td>",
                    esc(label),
                    thousands(b.count),
                    b.mean()
                );
                for e in Emotion::ALL {
                    let _ = write!(h, "<td>{:.0}%</td>", 100.0 * b.share(e));
                }
                h.push_str("</tr>");
            }
            h.push_str("</table>");
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

/// The eight emotions, most often detected first.
fn by_share(s: &Summary) -> Vec<Emotion> {
    let mut emotions = Emotion::ALL.to_vec();
    emotions.sort_by_key(|e| std::cmp::Reverse(s.detected_count(*e)));
    emotions
}

fn period_name(p: Period) -> &'static str {
    match p {
        Period::Week => "week",
        Period::Month => "month",
        _ => "day",
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

/// Horizontal bars: (label, percent, caption, colour).
fn svg_bars(rows: &[(String, f64, String, &str)]) -> String {
    let row_h = 26;
    let (label_w, bar_w) = (120.0, 460.0);
    let height = rows.len() * row_h + 6;
    let mut s = format!("<svg class=\"bars\" viewBox=\"0 0 720 {height}\" role=\"img\">");
    for (i, (label, p, caption, color)) in rows.iter().enumerate() {
        let y = i * row_h + 4;
        let w = bar_w * p / 100.0;
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"{label_w}\" y=\"{y}\" width=\"{w:.1}\" height=\"18\" rx=\"3\" fill=\"{color}\"/>\
             <text x=\"{:.1}\" y=\"{}\">{p:.1}% · {}</text>",
            label_w - 8.0,
            y + 14,
            esc(label),
            label_w + w + 6.0,
            y + 14,
            esc(caption)
        );
    }
    s.push_str("</svg>");
    s
}

/// Mean compound per bucket as a line over a zero axis, with item counts as bars beneath.
fn svg_timeline(buckets: &[(String, Bucket)]) -> String {
    if buckets.is_empty() {
        return "<p class=\"note\">No dated items.</p>".into();
    }
    let (w, h, pad) = (720.0, 260.0, 40.0);
    let n = buckets.len();
    let x = |i: usize| {
        pad + if n == 1 {
            (w - 2.0 * pad) / 2.0
        } else {
            (w - 2.0 * pad) * i as f64 / (n - 1) as f64
        }
    };
    let y = |m: f64| pad + (h - 2.0 * pad) * (1.0 - (m.clamp(-1.0, 1.0) + 1.0) / 2.0);
    let max_count = buckets
        .iter()
        .map(|(_, b)| b.count)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let mut s = format!("<svg class=\"line\" viewBox=\"0 0 {w} {h}\" role=\"img\">");
    let _ = write!(
        s,
        "<line x1=\"{pad}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"axis\"/>",
        w - pad,
        y(0.0),
        y(0.0)
    );
    for (v, t) in [(1.0, "+1"), (0.0, "0"), (-1.0, "−1")] {
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{t}</text>",
            pad - 6.0,
            y(v) + 4.0
        );
    }
    let bw = ((w - 2.0 * pad) / n as f64 * 0.6).clamp(1.0, 24.0);
    for (i, (_, b)) in buckets.iter().enumerate() {
        let bh = 40.0 * b.count as f64 / max_count;
        let _ = write!(
            s,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"{bh:.1}\" class=\"count\"/>",
            x(i) - bw / 2.0,
            h - bh
        );
    }
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
    for (i, (label, b)) in buckets.iter().enumerate() {
        let _ = write!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\"><title>{}: {:+.3}, {} items</title></circle>",
            x(i),
            y(b.mean()),
            esc(label),
            b.mean(),
            b.count
        );
    }
    for i in [0, n - 1] {
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            x(i),
            pad - 12.0,
            esc(&buckets[i].0)
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
.axis{stroke:#cbd2d9}.mean{fill:none;stroke:#3e4c59;stroke-width:2}circle{fill:#3e4c59}.count{fill:#e4e7eb}\
footer{margin-top:3rem;color:#9aa5b1;font-size:.85rem}";
