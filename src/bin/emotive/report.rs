//! The summary report: a readable terminal page and a self-contained HTML file (inline CSS and
//! SVG, no scripts, no network).

use std::fmt::Write as _;

use emotive::{Emotion, Label, Summary, Topic, TopicGroup, Topics};

use crate::timeline::{Period, Timeline, negative_tests};

/// Everything a report shows.
pub struct Report<'a> {
    pub title: String,
    pub summary: &'a Summary,
    pub topics: &'a Topics,
    pub timeline: Option<(&'a Timeline, Period)>,
    pub skipped: u64,
    pub top: usize,
    /// The run was interrupted: the report covers only the items read before.
    pub partial: bool,
}

/// The groups topics are listed for, with their names in reports and JSON.
pub fn topic_groups() -> Vec<(&'static str, TopicGroup)> {
    let mut g = vec![
        ("all", TopicGroup::All),
        ("negative", TopicGroup::Label(Label::Negative)),
        ("positive", TopicGroup::Label(Label::Positive)),
        ("neutral", TopicGroup::Label(Label::Neutral)),
    ];
    g.extend(
        Emotion::ALL
            .into_iter()
            .map(|e| (e.name(), TopicGroup::Emotion(e))),
    );
    g
}

/// `"plot (3,104 · )"`: a topic with its items and example ids.
fn topic_text(t: &Topic) -> String {
    let ex: Vec<String> = t.examples().to_vec();
    if ex.is_empty() {
        format!("{} ({})", t.term(), thousands(t.items()))
    } else {
        format!(
            "{} ({} · {})",
            t.term(),
            thousands(t.items()),
            ex.join(", ")
        )
    }
}

/// The topics of every group as JSON: `{"all":[{"term","items","share","z","examples"}],…}`.
pub fn topics_json(topics: &Topics, top: usize) -> serde_json::Value {
    let r4 = |x: f64| (x * 1e4).round() / 1e4;
    topic_groups()
        .into_iter()
        .map(|(name, g)| {
            let list: Vec<serde_json::Value> = topics
                .top(g, top)
                .iter()
                .map(|t| {
                    serde_json::json!({
                        "term": t.term(),
                        "items": t.items(),
                        "share": r4(t.share()),
                        "z": r4(t.z()),
                        "examples": t.examples(),
                    })
                })
                .collect();
            (name.to_string(), serde_json::Value::Array(list))
        })
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// Terminal rows of the timeline: at most this many periods, the latest ones.
pub const MAX_ROWS: usize = 30;

pub const LABELS: [Label; 3] = [Label::Positive, Label::Neutral, Label::Negative];

pub fn pct(n: u64, total: u64) -> f64 {
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

pub fn one_line(t: &str, max: usize) -> String {
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

pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
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
        let _ = writeln!(o, "  mean compound {}\n", mean_with_ci(s));

        let listed = self.top.min(5);
        let _ = writeln!(
            o,
            "EMOTIONS  (share of items where detected · words that express it)"
        );
        for e in by_share(s) {
            let c = s.detected_count(e);
            let words: Vec<String> = s
                .top_terms(e, listed)
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
        let _ = writeln!(
            o,
            "WHAT PEOPLE TALK ABOUT  (subjects over-represented in each group · items · e.g. ids)"
        );
        let mut any = false;
        for (name, g) in topic_groups() {
            let topics = self.topics.top(g, listed);
            if topics.is_empty() {
                continue;
            }
            any = true;
            let list: Vec<String> = topics.iter().map(topic_text).collect();
            let _ = writeln!(o, "  {name:<12} {}", list.join(", "));
        }
        if !any && listed > 0 {
            let _ = writeln!(
                o,
                "  (no subject yet: a topic needs at least {} items of a group)",
                emotive::topics::MIN_ITEMS
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
                    "  {:<11} {:+.3}  {}",
                    item_id(w),
                    w.compound(),
                    one_line(w.text().unwrap_or(""), 88)
                );
            }
            let _ = writeln!(o);
        }
        if let Some((t, period)) = self.timeline {
            let (period, buckets) = t.buckets(period);
            let tests = negative_tests(&buckets);
            let shown = buckets.len().saturating_sub(MAX_ROWS);
            let _ = writeln!(
                o,
                "OVER TIME  (by {}; mean compound · items · negative share · top emotion){}",
                period_name(period),
                if shown > 0 {
                    format!(
                        " — the last {MAX_ROWS} of {} {}s",
                        buckets.len(),
                        period_name(period)
                    )
                } else {
                    String::new()
                }
            );
            for ((label, b), test) in buckets.iter().zip(&tests).skip(shown) {
                let m = b.mean();
                let top = Emotion::ALL
                    .iter()
                    .filter(|e| b.detected[e.index()] > 0)
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
                    "  {label:<18} {left}│{right} {m:+.3}  n={:<7} neg {:>4.0}%{} {top}",
                    thousands(b.count),
                    100.0 * test.share,
                    if test.flagged { " ▲" } else { "  " }
                );
            }
            if tests.iter().any(|t| t.flagged) {
                let _ = writeln!(
                    o,
                    "  ▲ negative share significantly above the overall share (one-sided z-test, z ≥ 3.09, p < 0.001; periods of 20+ items)"
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
}

/// The mean compound with its 95% interval, or "n/a" for the interval of fewer than 2 items.
pub fn mean_with_ci(s: &Summary) -> String {
    if s.count() < 2 {
        return format!("{:+.3}  (95% CI n/a)", s.mean_compound());
    }
    let (lo, hi) = s.compound_ci95();
    format!("{:+.3}  (95% CI {lo:+.3} … {hi:+.3})", s.mean_compound())
}

/// How a most-negative item is quoted: its own id, else its position.
pub fn item_id(w: &emotive::NegativeItem) -> String {
    w.id()
        .map_or_else(|| (w.index() + 1).to_string(), str::to_string)
}

/// The eight emotions, most often detected first.
pub fn by_share(s: &Summary) -> Vec<Emotion> {
    let mut emotions = Emotion::ALL.to_vec();
    emotions.sort_by_key(|e| std::cmp::Reverse(s.detected_count(*e)));
    emotions
}

pub fn period_name(p: Period) -> &'static str {
    match p {
        Period::Week => "week",
        Period::Month => "month",
        _ => "day",
    }
}
