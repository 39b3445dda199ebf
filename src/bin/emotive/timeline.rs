//! Sentiment and emotions over time: dates parsed from a column, counted per day, shown per
//! day, week or month.

use std::collections::BTreeMap;

use clap::ValueEnum;
use emotive::{Analysis, Emotion, Label};

/// The size of a time bucket.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Period {
    /// Pick day, week or month from the data's time span, so that there are at most about
    /// 30 periods where possible (≤ 31 days: day; ≤ 30 weeks: week; else month).
    Auto,
    Day,
    Week,
    Month,
}

/// Totals for one bucket.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Bucket {
    pub count: u64,
    pub sum: f64,
    pub labels: [u64; 3],
    pub detected: [u64; 8],
}

impl Bucket {
    fn add(&mut self, a: &Analysis) {
        self.count += 1;
        self.sum += a.compound();
        self.labels[match a.label() {
            Label::Positive => 0,
            Label::Neutral => 1,
            _ => 2,
        }] += 1;
        for e in a.detected().iter() {
            self.detected[e.index()] += 1;
        }
    }

    fn merge(&mut self, o: &Bucket) {
        self.count += o.count;
        self.sum += o.sum;
        for i in 0..3 {
            self.labels[i] += o.labels[i];
        }
        for i in 0..8 {
            self.detected[i] += o.detected[i];
        }
    }

    pub fn mean(&self) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            self.sum / self.count as f64
        }
    }

    pub fn share(&self, e: Emotion) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            self.detected[e.index()] as f64 / self.count as f64
        }
    }
}

/// Per-day totals, plus how many items had no usable date.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    pub days: BTreeMap<i64, Bucket>,
    pub undated: u64,
}

impl Timeline {
    pub fn add(&mut self, date: Option<&str>, a: &Analysis) {
        match date.and_then(parse_day) {
            Some(d) => self.days.entry(d).or_default().add(a),
            None => self.undated += 1,
        }
    }

    pub fn merge(&mut self, o: &Timeline) {
        for (d, b) in &o.days {
            self.days.entry(*d).or_default().merge(b);
        }
        self.undated += o.undated;
    }

    /// Buckets of the chosen period as (label, totals), in time order.
    pub fn buckets(&self, period: Period) -> (Period, Vec<(String, Bucket)>) {
        let period = match period {
            Period::Auto => {
                let span = match (self.days.keys().next(), self.days.keys().next_back()) {
                    (Some(a), Some(b)) => b - a,
                    _ => 0,
                };
                if span <= 31 {
                    Period::Day
                } else if span <= 30 * 7 {
                    Period::Week
                } else {
                    Period::Month
                }
            }
            p => p,
        };
        let mut out: BTreeMap<i64, (String, Bucket)> = BTreeMap::new();
        for (&day, b) in &self.days {
            let (key, label) = match period {
                Period::Week => {
                    // Weeks start on Monday; 1970-01-01 was a Thursday.
                    let monday = day - (day + 3).rem_euclid(7);
                    (monday, format!("week of {}", format_day(monday)))
                }
                Period::Month => {
                    let (y, m, _) = civil_from_days(day);
                    (y * 12 + i64::from(m), format!("{y:04}-{m:02}"))
                }
                _ => (day, format_day(day)),
            };
            out.entry(key)
                .or_insert_with(|| (label, Bucket::default()))
                .1
                .merge(b);
        }
        (period, out.into_values().collect())
    }
}

/// A period whose negative share stands out: z of a one-sided test of its share against the
/// overall share (normal approximation to the binomial), flagged at z ≥ [`FLAG_Z`] with at
/// least [`FLAG_MIN_ITEMS`] items.
pub struct NegativeTest {
    pub share: f64,
    pub z: f64,
    pub flagged: bool,
}

/// z ≥ 3.09: one-sided p < 0.001, strict enough that a few dozen periods rarely raise a false
/// flag.
pub const FLAG_Z: f64 = 3.09;
/// Periods with fewer items are never flagged.
pub const FLAG_MIN_ITEMS: u64 = 20;

/// Tests each bucket's negative share against the share over all dated items.
pub fn negative_tests(buckets: &[(String, Bucket)]) -> Vec<NegativeTest> {
    let (neg, all) = buckets.iter().fold((0u64, 0u64), |(n, a), (_, b)| {
        (n + b.labels[2], a + b.count)
    });
    let p0 = if all == 0 {
        0.0
    } else {
        neg as f64 / all as f64
    };
    buckets
        .iter()
        .map(|(_, b)| {
            let share = if b.count == 0 {
                0.0
            } else {
                b.labels[2] as f64 / b.count as f64
            };
            let se = (p0 * (1.0 - p0) / b.count.max(1) as f64).sqrt();
            let z = if se > 0.0 { (share - p0) / se } else { 0.0 };
            NegativeTest {
                share,
                z,
                flagged: b.count >= FLAG_MIN_ITEMS && z >= FLAG_Z,
            }
        })
        .collect()
}

/// Days since 1970-01-01 for `YYYY-MM-DD` or `YYYY/MM/DD` (anything may follow, such as a
/// time), or a Unix timestamp in seconds (9–11 digits) or milliseconds (12–13 digits).
pub fn parse_day(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.bytes().all(|b| b.is_ascii_digit()) && (9..=13).contains(&s.len()) {
        let v: i64 = s.parse().ok()?;
        let secs = if s.len() >= 12 { v / 1000 } else { v };
        return Some(secs.div_euclid(86_400));
    }
    let b = s.as_bytes();
    if b.len() < 10 || !(b[4] == b'-' || b[4] == b'/') || b[7] != b[4] {
        return None;
    }
    let y: i64 = s.get(0..4)?.parse().ok()?;
    let m: u32 = s.get(5..7)?.parse().ok()?;
    let d: u32 = s.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // A day the month does not have (2024-02-30) is no date, not a day of the next month.
    let day = days_from_civil(y, m, d);
    (civil_from_days(day) == (y, m, d)).then_some(day)
}

/// Howard Hinnant's `days_from_civil`.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Howard Hinnant's `civil_from_days`.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn format_day(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        assert_eq!(parse_day("1970-01-01"), Some(0));
        assert_eq!(parse_day("2024-02-29T10:00:00Z"), Some(19_782));
        assert_eq!(format_day(19_782), "2024-02-29");
        assert_eq!(parse_day("2024/03/01"), Some(19_783));
        assert_eq!(parse_day("1709251200"), Some(19_783));
        assert_eq!(parse_day("2024-02-30"), None, "no such day");
        assert_eq!(parse_day("2023-02-29"), None, "not a leap year");
        assert_eq!(parse_day("2024-04-31"), None);
        assert_eq!(parse_day("1709251200000"), Some(19_783));
        assert_eq!(parse_day("yesterday"), None);
        assert_eq!(parse_day("2024-13-01"), None);
    }

    #[test]
    fn weeks_start_on_monday() {
        let mut t = Timeline::default();
        let a = emotive::analyze("good");
        for d in ["2024-03-04", "2024-03-10", "2024-03-11"] {
            t.add(Some(d), &a);
        }
        t.add(Some("n/a"), &a);
        let (_, weeks) = t.buckets(Period::Week);
        assert_eq!(weeks.len(), 2);
        assert_eq!(weeks[0].0, "week of 2024-03-04");
        assert_eq!(weeks[0].1.count, 2);
        assert_eq!(t.undated, 1);
        let (p, _) = t.buckets(Period::Auto);
        assert_eq!(p, Period::Day);
    }
}
