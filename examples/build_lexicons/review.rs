//! From candidates to `lexicons/emotions.tsv`: data and word lists propose, reviewed decisions
//! dispose.
//!
//! # Candidates
//!
//! Every term that any source puts forward: the (family, emotion) pairs the corpora propose
//! (`emotions.rs`), the words of Empath's emotion-related categories ([`EMPATH_SHOWN`]), VADER
//! entries with |valence| ≥ 1 (words, slang and emoticons), AFINN-165 terms VADER lacks, and
//! the emoji whose emojilib keywords (`lexicons/emoji_keywords.tsv`) include a word the review
//! kept. [`candidate_report`] lists them with their evidence for reviewers
//! (`build_lexicons --candidates FILE`).
//!
//! # Decisions
//!
//! `lexicons/emotion_review.tsv` holds one decision per term: the emotions kept with a tier
//! (4 intense, 3 names the emotion, 2 a mild form or a clear expression or cause, 1 weak or
//! indirect), or `-` with the reason the proposal was dropped. Terms that no source proposed
//! are reviewers' additions (synonyms, common forms, expressions such as `can't wait`, emoji,
//! emoticons). The build fails when a candidate has no decision (a source changed: review the
//! new candidates) or when a decision gives an emotion to a term of
//! `lexicons/identity_terms.txt` or `lexicons/neutral_words.txt`. How the decisions were made
//! is in `lexicons/README.md`.
//!
//! # Intensities
//!
//! The tier sets a band ([`BANDS`]); within it, the data places the term: its corpus
//! intensity's percentile among the kept terms of the same emotion that the data supports.
//! Where the data has nothing to say (or disagrees: zero intensity), the term sits in the
//! middle of its band. So the review decides how strong a word is relative to others
//! (furious > angry > annoyed > bothered), and the data only orders words the review put on a
//! par.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use crate::emotions::{Evidence, Params, data_rows, evidence, read_vader};

/// The eight emotions, in emotive's order.
pub const EMOTIONS: [&str; 8] = [
    "anger",
    "anticipation",
    "disgust",
    "fear",
    "joy",
    "sadness",
    "surprise",
    "trust",
];

/// Intensity bands of tiers 1–4: no overlap, so a higher tier always weighs more.
pub const BANDS: [(f64, f64); 4] = [(0.15, 0.30), (0.35, 0.55), (0.60, 0.80), (0.85, 1.00)];

/// Reasons a proposal may be dropped for.
const REASONS: &[&str] = &[
    "none",
    "identity",
    "sense",
    "evaluative",
    "other",
    "association",
    "slur",
    "junk",
];

/// Empath categories whose words are candidates (and are shown to reviewers).
pub const EMPATH_SHOWN: &[&str] = &[
    "anger",
    "rage",
    "hate",
    "aggression",
    "irritability",
    "exasperation",
    "anticipation",
    "optimism",
    "disgust",
    "fear",
    "nervousness",
    "horror",
    "timidity",
    "joy",
    "cheerfulness",
    "contentment",
    "sadness",
    "suffering",
    "disappointment",
    "torment",
    "surprise",
    "trust",
    "love",
    "affection",
    "shame",
    "pride",
    "envy",
    "sympathy",
    "fun",
    "celebration",
    "positive_emotion",
    "negative_emotion",
    "emotional",
    "confusion",
    "zest",
    "ridicule",
    "pain",
    "violence",
    "kill",
    "death",
    "terrorism",
    "swearing_terms",
    "lust",
    "ugliness",
];

/// One reviewed decision.
pub struct Decision {
    /// (emotion index, tier 1–4).
    pub kept: Vec<(usize, u8)>,
}

/// Emoji compare without variation selectors, as the analyzer looks them up.
fn emoji_key(t: &str) -> String {
    t.chars().filter(|&c| c != '\u{FE0F}').collect()
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads `term<TAB>kept<TAB>reason<TAB>note` lines.
pub fn read_review(path: &Path) -> Result<BTreeMap<String, Decision>, String> {
    let text = read(path)?;
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let at = |why: String| format!("{}:{}: {why}", path.display(), n + 1);
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 4 {
            return Err(at("expected term<TAB>kept<TAB>reason<TAB>note".into()));
        }
        let mut kept = Vec::new();
        if f[1] != "-" {
            for pair in f[1].split(' ') {
                let (e, tier) = pair
                    .split_once(':')
                    .ok_or_else(|| at(format!("{pair:?} is not emotion:tier")))?;
                let k = EMOTIONS
                    .iter()
                    .position(|x| *x == e)
                    .ok_or_else(|| at(format!("unknown emotion {e:?}")))?;
                let tier: u8 = tier
                    .parse()
                    .ok()
                    .filter(|t| (1..=4).contains(t))
                    .ok_or_else(|| at(format!("tier {tier:?} is not 1-4")))?;
                kept.push((k, tier));
            }
        }
        if !f[2].is_empty() && !REASONS.contains(&f[2]) {
            return Err(at(format!("unknown reason {:?}", f[2])));
        }
        if kept.is_empty() && f[2].is_empty() {
            return Err(at("a term that keeps nothing needs a reason".into()));
        }
        let key = emoji_key(f[0]);
        if out.insert(key, Decision { kept }).is_some() {
            return Err(at(format!("{:?} is decided twice", f[0])));
        }
    }
    Ok(out)
}

/// A word list: one term per line, `#` comments.
pub fn read_list(path: &Path) -> Result<BTreeSet<String>, String> {
    Ok(read(path)?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_lowercase)
        .collect())
}

/// `emoji<TAB>name<TAB>keyword, keyword …` lines.
fn read_emoji_keywords(path: &Path) -> Result<Vec<(String, Vec<String>)>, String> {
    // Comment lines start with "# " (the keycap-# emoji starts with '#' too).
    Ok(read(path)?
        .lines()
        .filter(|l| !l.starts_with("# ") && !l.trim().is_empty())
        .filter_map(|l| {
            let mut f = l.split('\t');
            let e = f.next()?.to_string();
            let mut words = vec![f.next()?.replace('_', " ")];
            words.extend(f.next().unwrap_or("").split(", ").map(str::to_string));
            Some((e, words))
        })
        .collect())
}

/// What proposes each candidate: D data, E Empath, V VADER, A AFINN, J emoji keywords.
pub struct Candidates {
    pub terms: BTreeMap<String, BTreeSet<char>>,
    /// Per emoji, the keywords that are kept words.
    pub emoji_hits: BTreeMap<String, Vec<String>>,
    vader: HashMap<String, f64>,
    afinn: HashMap<String, f64>,
    empath: BTreeMap<String, BTreeSet<&'static str>>,
}

/// All candidate terms. Emoji are candidates through the words the review kept, so they
/// come second, from `review`.
pub fn candidates(
    shared: &Path,
    repo: &Path,
    ev: &Evidence,
    p: &Params,
    review: &BTreeMap<String, Decision>,
) -> Result<Candidates, String> {
    let data = data_rows(ev, p);
    let vader = read_vader(shared)?;
    let afinn: HashMap<String, f64> = read(&shared.join("lexicon-sources/afinn/AFINN-en-165.txt"))?
        .lines()
        .filter_map(|l| {
            let (t, v) = l.rsplit_once('\t')?;
            Some((t.trim().to_lowercase(), v.trim().parse().ok()?))
        })
        .collect();
    let mut empath: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for line in read(&shared.join("lexicon-sources/empath/categories.tsv"))?.lines() {
        let mut f = line.split('\t');
        let Some(cat) = f.next() else { continue };
        let Some(shown) = EMPATH_SHOWN.iter().find(|c| **c == cat) else {
            continue;
        };
        for w in f.filter(|w| !w.is_empty() && !w.contains('_')) {
            empath.entry(w.to_lowercase()).or_default().insert(shown);
        }
    }
    let mut terms: BTreeMap<String, BTreeSet<char>> = BTreeMap::new();
    for (t, _) in data.keys() {
        terms.entry(t.clone()).or_default().insert('D');
    }
    for t in empath.keys() {
        terms.entry(t.clone()).or_default().insert('E');
    }
    for (t, v) in &vader {
        if v.abs() >= 1.0 {
            terms.entry(t.to_lowercase()).or_default().insert('V');
        }
    }
    for t in afinn.keys() {
        if !vader.contains_key(t) {
            terms.entry(t.clone()).or_default().insert('A');
        }
    }
    let kept_words: BTreeSet<&str> = review
        .iter()
        .filter(|(_, d)| !d.kept.is_empty())
        .map(|(t, _)| t.as_str())
        .collect();
    let mut emoji_hits = BTreeMap::new();
    for (e, words) in read_emoji_keywords(&repo.join("lexicons/emoji_keywords.tsv"))? {
        let mut hits: BTreeSet<String> = BTreeSet::new();
        for w in &words {
            let w = w.to_lowercase();
            for part in w.split(' ').chain(std::iter::once(w.as_str())) {
                if kept_words.contains(part) {
                    hits.insert(part.to_string());
                }
            }
        }
        if !hits.is_empty() {
            let key = emoji_key(&e);
            terms.entry(key.clone()).or_default().insert('J');
            emoji_hits.insert(key, hits.into_iter().collect());
        }
    }
    Ok(Candidates {
        terms,
        emoji_hits,
        vader,
        afinn,
        empath,
    })
}

/// One line per candidate for reviewers: term, sources, data proposal, corpus documents,
/// valence, Empath categories (emoji: the kept keywords).
pub fn candidate_report(shared: &Path, repo: &Path, p: &Params) -> Result<String, String> {
    let ev = evidence(shared, p)?;
    let review = read_review(&repo.join("lexicons/emotion_review.tsv"))?;
    let c = candidates(shared, repo, &ev, p, &review)?;
    let data = data_rows(&ev, p);
    let mut out = String::from(
        "# term\tsources\tdata proposal\tdocs\tvalence\tempath or emoji keywords\tdecided\n",
    );
    for (t, src) in &c.terms {
        let f = ev.family_of(t);
        let proposal: Vec<String> = f
            .map(|f| {
                (0..8)
                    .filter(|&k| data.contains_key(&(ev.base(f).to_string(), k)))
                    .map(|k| format!("{}:{:.2}", EMOTIONS[k], ev.intensity(f, k)))
                    .collect()
            })
            .unwrap_or_default();
        let valence = c
            .vader
            .get(t)
            .map(|v| format!("{v:+.1}"))
            .or_else(|| c.afinn.get(t).map(|v| format!("{:+.1}", v * 0.8)))
            .unwrap_or_default();
        let extra = match c.emoji_hits.get(t) {
            Some(words) => words.join(","),
            None => c
                .empath
                .get(t)
                .map(|cats| cats.iter().copied().collect::<Vec<_>>().join(","))
                .unwrap_or_default(),
        };
        let _ = writeln!(
            out,
            "{t}\t{}\t{}\t{}\t{valence}\t{extra}\t{}",
            src.iter().collect::<String>(),
            proposal.join(" "),
            f.map_or(0, |f| ev.df(f)),
            if review.contains_key(t) { "yes" } else { "no" },
        );
    }
    Ok(out)
}

/// Builds `lexicons/emotions.tsv` from the sources in `shared` and the review files of the
/// repository at `repo`; `generator` identifies the generator in the header.
pub fn build(shared: &Path, repo: &Path, p: &Params, generator: &str) -> Result<String, String> {
    let lex = repo.join("lexicons");
    let ev = evidence(shared, p)?;
    let review = read_review(&lex.join("emotion_review.tsv"))?;
    let c = candidates(shared, repo, &ev, p, &review)?;
    let missing: Vec<&String> = c
        .terms
        .keys()
        .filter(|t| !review.contains_key(*t))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "{} candidates have no decision in lexicons/emotion_review.tsv (list them with --candidates): {}",
            missing.len(),
            missing
                .iter()
                .take(20)
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    for list in ["identity_terms.txt", "neutral_words.txt"] {
        let words = read_list(&lex.join(list))?;
        let wrong: Vec<&String> = review
            .iter()
            .filter(|(t, d)| !d.kept.is_empty() && words.contains(*t))
            .map(|(t, _)| t)
            .collect();
        if !wrong.is_empty() {
            return Err(format!(
                "lexicons/{list} lists terms the review gives emotions: {wrong:?}"
            ));
        }
    }
    // Data support of every kept pair, and its percentile among the kept pairs of the same
    // emotion that the data supports.
    let support = |t: &str, k: usize| ev.family_of(t).map_or(0.0, |f| ev.intensity(f, k));
    let mut supported: [Vec<f64>; 8] = Default::default();
    for (t, d) in &review {
        for &(k, _) in &d.kept {
            let s = support(t, k);
            if s > 0.0 {
                supported[k].push(s);
            }
        }
    }
    for v in &mut supported {
        v.sort_by(f64::total_cmp);
    }
    let percentile = |k: usize, s: f64| {
        let v = &supported[k];
        let below = v.partition_point(|&x| x < s);
        let upto = v.partition_point(|&x| x <= s);
        (below + upto) as f64 / 2.0 / (v.len().max(1) as f64)
    };
    let mut rows = Vec::new();
    let mut per = [0usize; 8];
    let mut from_data = 0usize;
    for (t, d) in &review {
        for &(k, tier) in &d.kept {
            let (lo, hi) = BANDS[usize::from(tier) - 1];
            let s = support(t, k);
            let value = if s > 0.0 {
                from_data += 1;
                lo + (hi - lo) * percentile(k, s)
            } else {
                (lo + hi) / 2.0
            };
            rows.push((t.as_str(), k, value));
            per[k] += 1;
        }
    }
    let kept_pairs = rows.len();
    // A word the review dropped would still inherit the emotions of a kept word with its
    // stem (`honestly` → `honest`, trust): it is written with intensity 0, which the analyzer
    // reads as "no emotion here" (it keeps the stem's valence).
    let stemmer = emotive::families::english();
    let mut by_stem: BTreeMap<String, &Decision> = BTreeMap::new();
    for (t, d) in &review {
        if !d.kept.is_empty()
            && let Some(s) = emotive::families::term_stem(&stemmer, t)
        {
            by_stem.entry(s).or_insert(d);
        }
    }
    let mut blocked = 0usize;
    for (t, d) in &review {
        if !d.kept.is_empty() || t.contains(' ') {
            continue;
        }
        let Some(s) = emotive::families::word_stem(&stemmer, t) else {
            continue;
        };
        if let Some(inherited) = by_stem.get(&s) {
            for &(k, _) in &inherited.kept {
                rows.push((t.as_str(), k, 0.0));
            }
            blocked += 1;
        }
    }
    rows.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let candidates = c.terms.len();
    let decided = review.len();
    let mut out = String::new();
    out.push_str(
        "# emotive emotion lexicon (generated by examples/build_lexicons; do not edit by hand)\n\
         # what: every (term, emotion) pair kept by the review in lexicons/emotion_review.tsv,\n\
         #   with an intensity in the band of its tier (1: 0.15-0.30, 2: 0.35-0.55,\n\
         #   3: 0.60-0.80, 4: 0.85-1.00); within the band, the term's place comes from its\n\
         #   corpus intensity (percentile among the emotion's kept terms the data supports),\n\
         #   else the middle of the band\n\
         # candidates from: XED English (Ohman et al. 2020; CC BY 4.0; the 80% of lines not held\n\
         #   back) and GoEmotions train (Demszky et al. 2020; Apache-2.0) statistics, Empath\n\
         #   categories (Fast et al. 2016; MIT), VADER (MIT), AFINN-165 (Apache-2.0), emojilib\n\
         #   keywords (MIT) -- see NOTICE and lexicons/README.md\n\
         # licence of this file: CC BY 4.0 (intensities derived from XED; attribution in\n\
         #   NOTICE), with the notices of GoEmotions, Empath, VADER, AFINN and emojilib\n",
    );
    let _ = writeln!(out, "# generator: examples/build_lexicons ({generator})");
    let _ = writeln!(out, "# corpus parameters: {}", p.describe());
    let _ = writeln!(
        out,
        "# review: {candidates} candidates, {decided} decisions ({} terms keep an emotion); {} of {} pairs placed by data",
        review.values().filter(|d| !d.kept.is_empty()).count(),
        from_data,
        kept_pairs
    );
    let _ = writeln!(
        out,
        "# {blocked} dropped words are listed with intensity 0: they must not inherit the emotions of a kept word with their stem"
    );
    let _ = writeln!(
        out,
        "# terms per emotion: {}",
        EMOTIONS
            .iter()
            .zip(per)
            .map(|(e, n)| format!("{e} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    out.push_str("# format: term<TAB>emotion<TAB>intensity\n");
    for (t, k, v) in rows {
        let _ = writeln!(out, "{t}\t{}\t{v:.3}", EMOTIONS[k]);
    }
    Ok(out)
}

/// The files whose content decides the generator's output, besides the library itself.
const GENERATOR_FILES: &[&str] = &[
    "examples/build_lexicons/emotions.rs",
    "examples/build_lexicons/main.rs",
    "examples/build_lexicons/review.rs",
    "examples/build_lexicons/sources.rs",
    "examples/eval/datasets.rs",
    "lexicons/emotion_review.tsv",
    "lexicons/identity_terms.txt",
    "lexicons/neutral_words.txt",
    "lexicons/emoji_keywords.tsv",
    "lexicons/valence_removals.tsv",
];

/// FNV-1a (64 bit) over the generator's files, for the header: a commit cannot name itself,
/// so the header names the commit the lexicon was generated on top of and this digest of the
/// generator that produced it.
pub fn generator_digest(repo: &Path) -> Result<String, String> {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in GENERATOR_FILES {
        let bytes = std::fs::read(repo.join(f)).map_err(|e| format!("{f}: {e}"))?;
        for b in f.as_bytes().iter().chain(&bytes) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    Ok(format!("{h:016x}"))
}

/// `HEAD`'s short hash, or "unknown" without git.
pub fn head_commit(repo: &Path) -> String {
    std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(repo)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

/// Builds `lexicons/emotions.tsv` for the repository at `repo`, naming `base` as the commit
/// it was generated on top of.
pub fn build_in_repo(repo: &Path, shared: &Path, p: &Params, base: &str) -> Result<String, String> {
    let generator = format!(
        "sources digest fnv1a64:{}, generated on top of commit {base}",
        generator_digest(repo)?
    );
    build(shared, repo, p, &generator)
}

/// `lexicons/phrase_valence.tsv`: a valence for every expression of the emotion lexicon that
/// no valence lexicon scores (`highly recommend`, `caught me off guard`). An expression is
/// matched as one term and its words are not scored alone, so without this an emotion
/// expression would silence the sentiment of its words. The valence is what the words say
/// on their own: the sum of their contributions after the rules (boosters, negation) when
/// the expression's text is analysed without emotion expressions, with negative words
/// unweighted (the analyzer weighs the expression's negative valence itself) and without the
/// cost of a negator that governs no sentiment word.
pub fn phrase_valence(
    emotions_tsv: &str,
    valence_tsvs: &[&str],
    emoji: &Emoji,
) -> Result<String, String> {
    let mut valence = emotive::Lexicon::new();
    for tsv in valence_tsvs {
        let lex: emotive::Lexicon = tsv.parse().map_err(|e| format!("{e}"))?;
        valence.extend(&lex);
    }
    let analyzer = emotive::Analyzer::builder()
        .valence_lexicon(valence.clone())
        .emotion_lexicon(emotive::Lexicon::new())
        .negative_weight(1.0)
        .negated_neutral(0.0)
        .emoji(false)
        .hits(true)
        .build()
        .map_err(|e| e.to_string())?;
    let phrases: BTreeSet<&str> = emotions_tsv
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .filter(|t| t.contains(' ') && valence.get(t).and_then(|e| e.valence()).is_none())
        .collect();
    let mut out = String::from(
        "# emotive valence of emotion expressions (generated by examples/build_lexicons; do not edit by hand)\n\
         # what: each multi-word term of lexicons/emotions.tsv that no valence lexicon scores,\n\
         #   with the valence its words carry on their own: their contributions summed after the\n\
         #   rules (boosters, negation), negative words unweighted, computed with the valence,\n\
         #   AFINN and idiom lexicons. Without it, an emotion expression matched as one term\n\
         #   would silence its words' sentiment. Expressions whose words carry none are omitted.\n\
         # licence: derived from lexicons/valence.tsv (MIT) and afinn.tsv (Apache-2.0); see NOTICE\n\
         # format: term<TAB>valence\n",
    );
    let words = |text: &str| -> f32 {
        analyzer
            .analyze(text)
            .hits()
            .iter()
            .map(|h| h.contribution())
            .sum()
    };
    for p in phrases {
        let sum = words(p);
        if sum.abs() >= 0.005 {
            let _ = writeln!(out, "{p}\t{:.3}", sum.clamp(-4.0, 4.0));
        }
    }
    // Emoji the review gave emotions whose description carries no valence (😡 "pouting
    // face"): the mean valence of their emojilib keywords (angry, mad, hate …).
    let with_emotions: BTreeSet<&str> = emotions_tsv
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split('\t');
            let t = f.next()?;
            let v: f32 = f.nth(1)?.parse().ok()?;
            (v > 0.0).then_some(t)
        })
        .collect();
    out.push_str(
        "# emoji whose description carries no valence: the mean valence of their keywords\n",
    );
    for (e, keywords) in &emoji.keywords {
        if !with_emotions.contains(e.as_str()) || valence.get(e).is_some() {
            continue;
        }
        let described = emoji.descriptions.get(e).map_or(0.0, |d| words(d));
        if described.abs() >= 0.005 {
            continue;
        }
        let vs: Vec<f32> = keywords
            .iter()
            .filter_map(|k| valence.get(k).and_then(|entry| entry.valence()))
            .collect();
        let mean = vs.iter().sum::<f32>() / vs.len().max(1) as f32;
        if mean.abs() >= 0.005 {
            let _ = writeln!(out, "{e}\t{mean:.3}");
        }
    }
    Ok(out)
}

/// Emoji keywords (emojilib) and descriptions (VADER's list), keyed without variation
/// selectors.
pub struct Emoji {
    keywords: BTreeMap<String, Vec<String>>,
    descriptions: HashMap<String, String>,
}

impl Emoji {
    pub fn read(repo: &Path, emoji_tsv: &str) -> Result<Emoji, String> {
        let keywords = read_emoji_keywords(&repo.join("lexicons/emoji_keywords.tsv"))?
            .into_iter()
            .map(|(e, words)| {
                let words = words
                    .iter()
                    .map(|w| w.to_lowercase())
                    .filter(|w| !w.is_empty())
                    .collect();
                (emoji_key(&e), words)
            })
            .collect();
        let descriptions = emoji_tsv
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(e, d)| (emoji_key(e), d.to_string()))
            .collect();
        Ok(Emoji {
            keywords,
            descriptions,
        })
    }
}

/// The commit a committed `emotions.tsv` names as its base.
pub fn base_commit(emotions_tsv: &str) -> Option<String> {
    emotions_tsv
        .lines()
        .find_map(|l| l.split("generated on top of commit ").nth(1))
        .map(|s| s.trim_end_matches(')').to_string())
}

/// Every generated file of `lexicons/`, as `(name, content)`, from the sources in `shared`
/// and the reviewed files of `repo`; `base` is the commit named in the emotion lexicon.
pub fn all_files(
    repo: &Path,
    shared: &Path,
    p: &Params,
    base: &str,
) -> Result<Vec<(&'static str, String)>, String> {
    let mut f = crate::sources::generate(shared, repo)?;
    let emotions = build_in_repo(repo, shared, p, base)?;
    let idioms = read(&repo.join("lexicons/idioms.tsv"))?;
    let find = |n: &str| {
        f.iter()
            .find(|(m, _)| *m == n)
            .map_or("", |(_, c)| c.as_str())
    };
    let emoji = Emoji::read(repo, find("emoji.tsv"))?;
    let phrases = phrase_valence(
        &emotions,
        &[find("valence.tsv"), find("afinn.tsv"), &idioms],
        &emoji,
    )?;
    f.push(("emotions.tsv", emotions));
    f.push(("phrase_valence.tsv", phrases));
    f.push(("stems.tsv", crate::sources::stem_cache(repo, &f)?));
    f.push(("evaluative.txt", evaluative(repo)?));
    Ok(f)
}

/// The single words the review turned down as `evaluative` (a judgement of quality, such as
/// "laughable" or "pointless", rather than a feeling): never a topic of the report.
pub fn evaluative(repo: &Path) -> Result<String, String> {
    let path = repo.join("lexicons/emotion_review.tsv");
    let text = read(&path)?;
    let mut words = BTreeSet::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() == 4 && f[2] == "evaluative" && !f[0].contains(' ') && f[0].is_ascii() {
            words.insert(f[0].to_string());
        }
    }
    let mut out = String::from(
        "# emotive evaluative words (generated by examples/build_lexicons from\n\
         # lexicons/emotion_review.tsv: the single words reviewers turned down for the emotion\n\
         # lexicon because they judge quality rather than express a feeling). The report never\n\
         # shows them as a topic (src/topics.rs). Written for emotive (MIT OR Apache-2.0).\n",
    );
    for w in words {
        out.push_str(&w);
        out.push('\n');
    }
    Ok(out)
}
