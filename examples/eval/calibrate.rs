//! `eval --calibrate`: chooses the emotion detection rule on the dev splits only.
//!
//! The rule detects emotion e when its intensity is ≥ t_e and ≥ r × the strongest emotion's
//! intensity. For each r in 0.3 … 0.9 and each emotion, t_e is the value in 0.10 … 0.50 that
//! maximises that emotion's F1 averaged over the dev sets that label it (XED held-back dev
//! lines: all eight; GoEmotions dev even lines: six); r is the value whose per-emotion best
//! F1s have the highest mean. The floor of 0.10 is not searched below: one weak term (tier 1,
//! 0.15–0.30) in a short text clears it, while two in a long review do not (intensities of
//! long texts are per three-sentence stretch). Test halves are not read.

use emotive::{Analyzer, Emotion};

use crate::datasets::{Labelled, Split};

/// Intensities of the dev texts of one set, with their gold labels and the emotions the set
/// labels.
pub struct DevSet<'a> {
    pub name: &'static str,
    pub items: Vec<([f32; 8], &'a Labelled)>,
    pub which: Vec<usize>,
}

impl<'a> DevSet<'a> {
    pub fn new(
        name: &'static str,
        data: &[(Split, &'a Labelled)],
        which: &[usize],
        an: &Analyzer,
    ) -> DevSet<'a> {
        let dev: Vec<&Labelled> = data
            .iter()
            .filter(|(s, _)| *s == Split::Dev)
            .map(|(_, l)| *l)
            .collect();
        let texts: Vec<&str> = dev.iter().map(|l| l.text.as_str()).collect();
        let items = an
            .analyze_batch(&texts)
            .iter()
            .zip(dev)
            .map(|(a, l)| {
                let mut v = [0f32; 8];
                for e in Emotion::ALL {
                    v[e.index()] = a.emotion(e);
                }
                (v, l)
            })
            .collect();
        DevSet {
            name,
            items,
            which: which.to_vec(),
        }
    }

    fn f1(&self, k: usize, t: f32, r: f32) -> f64 {
        let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
        for (v, l) in &self.items {
            let max = v.iter().copied().fold(0.0f32, f32::max);
            let p = v[k] > 0.0 && v[k] >= t && v[k] >= r * max;
            match (p, l.emotions[k]) {
                (true, true) => tp += 1.0,
                (true, false) => fp += 1.0,
                (false, true) => fn_ += 1.0,
                _ => {}
            }
        }
        if tp == 0.0 {
            0.0
        } else {
            2.0 * tp / (2.0 * tp + fp + fn_)
        }
    }
}

/// Searches the rule and prints the result (and the constants for `src/score.rs`).
pub fn calibrate(sets: &[DevSet]) {
    let ts: Vec<f32> = (0..=20).map(|i| 0.10 + 0.02 * i as f32).collect();
    let rs: Vec<f32> = (3..=9).map(|i| i as f32 / 10.0).collect();
    let mut best: Option<(f64, f32, [f32; 8], [f64; 8])> = None;
    println!("relative  mean dev F1 (per-emotion thresholds chosen for each)");
    for &r in &rs {
        let mut th = [0.1f32; 8];
        let mut fs = [0f64; 8];
        for k in 0..8 {
            let labelled: Vec<&DevSet> = sets.iter().filter(|s| s.which.contains(&k)).collect();
            let mut top = (f64::MIN, 0.1f32);
            for &t in &ts {
                let f = labelled.iter().map(|s| s.f1(k, t, r)).sum::<f64>()
                    / labelled.len().max(1) as f64;
                // Ties go to the lower threshold (checked first).
                if f > top.0 + 1e-9 {
                    top = (f, t);
                }
            }
            th[k] = top.1;
            fs[k] = top.0;
        }
        let mean = fs.iter().sum::<f64>() / 8.0;
        println!("  {r:.1}     {mean:.4}");
        if best.is_none_or(|b| mean > b.0 + 1e-9) {
            best = Some((mean, r, th, fs));
        }
    }
    let Some((mean, r, th, fs)) = best else {
        return;
    };
    println!("\nchosen: relative {r:.1} (mean dev F1 {mean:.4})");
    println!("emotion        threshold   dev F1 (mean over the sets labelling it)");
    for e in Emotion::ALL {
        println!(
            "{:<14} {:.2}        {:.4}",
            e.name(),
            th[e.index()],
            fs[e.index()]
        );
    }
    println!(
        "\nsrc/score.rs:\npub(crate) const DEFAULT_EMOTION_THRESHOLDS: [f32; 8] = [{}];\npub(crate) const DEFAULT_EMOTION_RELATIVE: f32 = {r:.1};",
        th.iter()
            .map(|t| format!("{t:.2}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for s in sets {
        println!("({} dev: {} texts)", s.name, s.items.len());
    }
}
