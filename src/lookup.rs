//! Stage 2: normalise, stem and look up.
//!
//! An analyzer compiles its lexicons and word lists into one [`Table`]: every known surface
//! form (lower case) maps to a [`Term`] holding everything the rules need — valence, emotions,
//! whether it negates, boosts or contrasts, and which multi-word expressions start with it.
//! A word that is not a known surface form falls back to its Snowball stem, looked up in a
//! second map built from the lexicon terms' own stems, so that `disappointing` finds the entry
//! of `disappointed`. Stems whose terms disagree in sign are left out of that map rather than
//! averaged into nonsense. The stem of a word is computed once per thread and remembered in a
//! small bounded cache, since the same words recur through a corpus.

use std::sync::atomic::{AtomicU64, Ordering};

use rust_stemmers::Algorithm;
use rustc_hash::{FxHashMap, FxHashSet};

use std::borrow::Cow;

use crate::flags::TermFlags;
use crate::lexicon::{ContrastWord, Lexicon, is_emoticon_like};
use crate::stem::{KnownStems, Stemmer, TERM_ENDINGS, WORD_ENDINGS};
use crate::token::{Token, TokenKind, collapse_runs, normalize_into, tokens};
use crate::wordmap::{WordMap, WordSet};

mod snapshot;
pub(crate) use snapshot::DEFAULT_TABLE;

/// Bits of each Bloom filter in front of a big map (`2^18`: 32 KB, in L2).
const BLOOM_BITS: u32 = 18;

/// Bits of the filter of expressions' first two words (`2^16`: 8 KB, in L1).
const PAIR_BLOOM_BITS: u32 = 16;

/// A term's index in a [`Table`]'s terms, or [`NONE`]. A type of its own, so that a term id
/// is not mixed up with the counts, offsets and ranges that are also `u32`s here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct TermId(u32);

impl Default for TermId {
    /// [`NONE`].
    fn default() -> TermId {
        NONE
    }
}

impl TermId {
    /// The id of the term at `index` in the table's terms.
    #[inline]
    pub fn new(index: usize) -> TermId {
        debug_assert!(index < u32::MAX as usize, "term index {index} out of range");
        TermId(index as u32)
    }

    /// The id as stored (snapshot files, packed keys).
    #[inline]
    pub fn raw(self) -> u32 {
        self.0
    }

    /// The id stored as `raw` (see [`TermId::raw`]).
    #[inline]
    pub fn from_raw(raw: u32) -> TermId {
        TermId(raw)
    }

    /// The index in the table's terms (`usize::MAX as u32` for [`NONE`], which indexes
    /// nothing).
    #[inline]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// No term.
pub(crate) const NONE: TermId = TermId(u32::MAX);

pub(crate) const HAS_VALENCE: TermFlags = TermFlags::bit(0);
pub(crate) const HAS_EMOTIONS: TermFlags = TermFlags::bit(1);
pub(crate) const NEGATOR: TermFlags = TermFlags::bit(2);
pub(crate) const MODIFIER: TermFlags = TermFlags::bit(3);
pub(crate) const PIVOT: TermFlags = TermFlags::bit(4);
pub(crate) const CONCESSION: TermFlags = TermFlags::bit(5);
pub(crate) const IRREALIS: TermFlags = TermFlags::bit(6);
/// The word starts multi-word expressions.
pub(crate) const PHRASE_HEAD: TermFlags = TermFlags::bit(7);

/// Whether term flags say "carries valence or emotions, and is not a function word".
#[inline]
pub(crate) fn is_sentiment(flags: TermFlags) -> bool {
    flags.any(HAS_VALENCE | HAS_EMOTIONS)
        && !flags.any(NEGATOR | MODIFIER | PIVOT | CONCESSION | IRREALIS)
}

/// One compiled term. What scoring reads for every sentiment word is also copied into the
/// table's compact arrays (see [`Table::scores`]).
#[derive(Clone, Debug)]
pub(crate) struct Term {
    pub valence: f32,
    /// Range in [`Table::cues`]: when not empty, the term only counts after one of these
    /// words (`like` after `I`, `really`, `would` …, not in `looks like`).
    pub cues: (u32, u32),
    pub emotions: [f32; 8],
    pub flags: TermFlags,
    /// Booster (> 0) or dampener (< 0) scalar when `flags & MODIFIER`.
    pub modifier: f32,
    /// Weights before/after for `PIVOT`, inside/after for `CONCESSION`.
    pub contrast: [f32; 2],
    /// Range in [`Table::phrases`] of the expressions starting with this word, ordered by
    /// their second word, then longest first.
    pub phrases: (u32, u32),
    /// Range in [`Table::exceptions`] of this negator's exceptions.
    pub exceptions: (u32, u32),
    pub key: Box<str>,
}

impl Term {
    pub(crate) fn new(key: &str) -> Term {
        Term {
            key: key.into(),
            valence: 0.0,
            emotions: [0.0; 8],
            flags: TermFlags::EMPTY,
            modifier: 0.0,
            contrast: [1.0, 1.0],
            phrases: (0, 0),
            exceptions: (0, 0),
            cues: (0, 0),
        }
    }

    #[inline]
    pub fn is(&self, flag: TermFlags) -> bool {
        self.flags.any(flag)
    }

    /// Takes what `other` (another spelling of the same phrase) has and `self` lacks: a
    /// valence, a modifier, contrast weights; emotions are the stronger of the two.
    fn absorb(&mut self, other: &Term) {
        if other.is(HAS_VALENCE) && !self.is(HAS_VALENCE) {
            self.valence = other.valence;
        }
        if other.is(MODIFIER) && !self.is(MODIFIER) {
            self.modifier = other.modifier;
        }
        if other.is(PIVOT | CONCESSION) && !self.is(PIVOT | CONCESSION) {
            self.contrast = other.contrast;
        }
        for (mine, theirs) in self.emotions.iter_mut().zip(other.emotions) {
            *mine = mine.max(theirs);
        }
        self.flags |= other.flags;
    }
}

/// A multi-word expression: the surface ids of the words after its first, and its own term.
#[derive(Clone, Debug)]
pub(crate) struct Phrase {
    /// The surface id of the second word (`rest[0]`), kept inline: most candidate
    /// expressions fail on it, without a trip to `rest` on the heap.
    pub next: TermId,
    pub rest: Box<[TermId]>,
    pub term: TermId,
}

/// Where a word-like token's term is found; see [`Table::lookup_token`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Route {
    /// A short ASCII word (the common case), lower-cased into a packed key (see
    /// [`crate::wordmap::pack`]), to look up with [`Table::lookup_packed`]. The analyzer
    /// does that for a whole piece of text at once, so that the lookups' cache misses overlap.
    Packed(u128),
    /// Looked up: the term id ([`NONE`] when unknown), how it was found and its flags.
    Found(TermId, Found, TermFlags),
}

/// The key of a pair of surface ids in [`Table::phrase_pairs`].
#[inline]
fn pair_key(head: TermId, next: TermId) -> u128 {
    (u128::from(head.raw()) << 32) | u128::from(next.raw())
}

/// Longest ASCII word lower-cased on the stack.
const LOWER_BUF: usize = 48;

/// How a word found its term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Found {
    #[default]
    Surface,
    Stem,
}

/// The compiled lexicons of one analyzer.
#[derive(Clone, Debug)]
pub(crate) struct Table {
    pub terms: Vec<Term>,
    /// Each term's flags, one byte per term: read for every token, so kept apart from the
    /// large `Term`s.
    flags: Vec<TermFlags>,
    /// Each term's valence and whether it needs a cue, and its emotion intensities: what
    /// scoring reads for every sentiment word, in arrays a fraction of the size of `terms`
    /// so that they stay in cache (loading the large terms themselves was a measured stall).
    scores: Vec<(f32, bool)>,
    emotions: Vec<[f32; 8]>,
    /// Each term's range in `phrases` (see [`Term::phrases`]), read for every expression's
    /// first word.
    phrase_ranges: Vec<(u32, u32)>,
    /// Which (first word, second word) pairs may start an expression: most pairs of a
    /// sentence whose first word starts some expression start none, and this small filter
    /// says so without a trip to `phrase_ranges` and `phrases`.
    phrase_pairs: crate::wordmap::Bloom,
    surface: WordMap<TermId>,
    /// Which keys `surface` may hold (no false "absent").
    surface_bloom: crate::wordmap::Bloom,
    stems: WordMap<TermId>,
    /// Every stem key without its last byte: a word can only have a stem in `stems` if, once
    /// an allowed ending is cut off, it starts with one of these (see [`Table::could_stem`]).
    stem_heads: WordSet,
    /// Which keys `stem_heads` may hold.
    heads_bloom: crate::wordmap::Bloom,
    pub phrases: Vec<Phrase>,
    /// `(companion surface id, multiplier)` per negator; see [`Term::exceptions`].
    pub exceptions: Vec<(TermId, f32)>,
    /// Surface ids of cue words; see [`Term::cues`].
    pub cues: Vec<TermId>,
    stemmer: Option<Algorithm>,
    known_stems: Option<&'static KnownStems>,
    /// The term returned for an unlisted word ending in "n't".
    nt_negator: TermId,
    /// Identifies this table to the per-thread stem cache.
    id: u64,
}

/// Everything a table is compiled from.
pub(crate) struct Sources<'a> {
    pub valence: &'a Lexicon,
    pub emotions: &'a Lexicon,
    pub negators: &'a [String],
    pub irrealis: &'a [String],
    pub exceptions: &'a [(String, String, f32)],
    pub cues: &'a [(String, Vec<String>)],
    /// Terms that carry nothing, whatever a lexicon, their words or their stem say.
    pub neutral: &'a [String],
    pub modifiers: &'a [(String, f32)],
    pub contrast: &'a [ContrastWord],
    pub stemmer: Option<Algorithm>,
    /// Precomputed English stems (of the bundled lexicons' words).
    pub known_stems: Option<&'static KnownStems>,
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// Splits a term into the words the tokenizer would produce for it.
pub(crate) fn term_words(term: &str) -> Vec<String> {
    let mut buf = String::new();
    tokens(term)
        .filter(|t| !matches!(t.kind(), TokenKind::Punct | TokenKind::Break))
        .map(|t| {
            if normalize_into(t.text(), false, &mut buf) {
                buf.clone()
            } else {
                t.text().to_string()
            }
        })
        .collect()
}

impl Table {
    pub fn build(src: &Sources<'_>) -> Table {
        let stemmer = src.stemmer.map(|a| Stemmer::new(a, src.known_stems));
        // Each lexicon key's stem and ending, computed once (most come from the precomputed
        // table, borrowed).
        let mut key_stems: FxHashMap<&str, Option<(Cow<'_, str>, &'static str)>> =
            FxHashMap::default();
        if let Some(st) = &stemmer {
            for k in src
                .valence
                .entries()
                .keys()
                .chain(src.emotions.entries().keys())
            {
                key_stems.entry(k.as_str()).or_insert_with(|| st.split(k));
            }
        }
        let term_stem = |k: &str| match key_stems.get(k) {
            Some(Some((s, e))) if TERM_ENDINGS.contains(e) => Some(s.clone()),
            _ => None,
        };
        // Per-stem valence (mean, only when all agree in sign) and emotions (mean over the
        // terms that have any).
        let mut stem_val: FxHashMap<Cow<'_, str>, (f32, u32, bool, bool)> = FxHashMap::default();
        let mut stem_emo: FxHashMap<Cow<'_, str>, ([f32; 8], u32)> = FxHashMap::default();
        // What a stem's term is called in explanations: the shortest lexicon term behind it
        // (`desire`, not the stem `desir`).
        let mut shown: FxHashMap<Cow<'_, str>, &str> = FxHashMap::default();
        fn show<'a>(shown: &mut FxHashMap<Cow<'a, str>, &'a str>, s: Cow<'a, str>, k: &'a str) {
            let d = shown.entry(s).or_insert(k);
            if (k.len(), k) < (d.len(), *d) {
                *d = k;
            }
        }
        for (k, e) in src.valence.entries() {
            if let (Some(v), Some(s)) = (e.valence, term_stem(k)) {
                show(&mut shown, s.clone(), k);
                let x = stem_val.entry(s).or_insert((0.0, 0, false, false));
                x.0 += v;
                x.1 += 1;
                x.2 |= v > 0.0;
                x.3 |= v < 0.0;
            }
        }
        for (k, e) in src.emotions.entries() {
            if !e.has_emotions() {
                continue;
            }
            if let Some(s) = term_stem(k) {
                show(&mut shown, s.clone(), k);
                let x = stem_emo.entry(s).or_insert(([0.0; 8], 0));
                for i in 0..8 {
                    x.0[i] += e.emotions[i];
                }
                x.1 += 1;
            }
        }
        let stem_valence = |s: &str| {
            stem_val
                .get(s)
                .filter(|x| !(x.2 && x.3))
                .map(|x| x.0 / x.1 as f32)
        };
        let stem_emotions = |s: &str| {
            stem_emo.get(s).map(|x| {
                let mut e = x.0;
                e.iter_mut().for_each(|v| *v /= x.1 as f32);
                e
            })
        };

        let sized =
            src.valence.len() + src.emotions.len() + src.modifiers.len() + src.negators.len() + 64;
        let mut t = Table {
            terms: Vec::with_capacity(sized * 3 / 2),
            flags: Vec::new(),
            scores: Vec::new(),
            emotions: Vec::new(),
            phrase_ranges: Vec::new(),
            phrase_pairs: crate::wordmap::Bloom::new(PAIR_BLOOM_BITS),
            surface: WordMap::default(),
            surface_bloom: crate::wordmap::Bloom::new(BLOOM_BITS),
            stems: WordMap::default(),
            stem_heads: WordSet::default(),
            heads_bloom: crate::wordmap::Bloom::new(BLOOM_BITS),
            phrases: Vec::new(),
            exceptions: Vec::new(),
            cues: Vec::new(),
            stemmer: src.stemmer,
            known_stems: src.known_stems,
            nt_negator: NONE,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        };

        // Every term, single word or phrase, gets its data here.
        let mut all: FxHashMap<&str, Term> =
            FxHashMap::with_capacity_and_hasher(sized, Default::default());
        fn get<'m, 'k>(all: &'m mut FxHashMap<&'k str, Term>, key: &'k str) -> &'m mut Term {
            all.entry(key).or_insert_with(|| Term::new(key))
        }
        for (k, e) in src.valence.entries() {
            if let Some(v) = e.valence {
                let term = get(&mut all, k);
                term.valence = v;
                term.flags |= HAS_VALENCE;
            }
        }
        // An emotion entry whose intensities are all 0 says the word carries no emotion: it
        // does not take its stem's (`honestly` is not `honest`'s trust), though it still
        // takes the stem's valence.
        let mut no_emotions: FxHashSet<&str> = FxHashSet::default();
        for (k, e) in src.emotions.entries() {
            if e.has_emotions() {
                let term = get(&mut all, k);
                term.emotions = e.emotions;
                term.flags |= HAS_EMOTIONS;
            } else {
                get(&mut all, k);
                no_emotions.insert(k);
            }
        }
        // Neutral terms (who someone is: `jew`, `great britain`, `sunni`) hold no data, take
        // none from their stem, and as phrases silence the words they consist of.
        let mut neutral: FxHashSet<&str> = FxHashSet::default();
        for k in src.neutral {
            let term = get(&mut all, k);
            term.valence = 0.0;
            term.emotions = [0.0; 8];
            term.flags &= !(HAS_VALENCE | HAS_EMOTIONS);
            neutral.insert(k);
        }
        for k in src.negators {
            get(&mut all, k).flags |= NEGATOR;
        }
        for k in src.irrealis {
            get(&mut all, k).flags |= IRREALIS;
        }
        for (k, v) in src.modifiers {
            let term = get(&mut all, k);
            term.flags |= MODIFIER;
            term.modifier = *v;
        }
        for c in src.contrast {
            let term = get(&mut all, c.term());
            term.flags |= if c.is_concession() { CONCESSION } else { PIVOT };
            term.contrast = c.weights();
        }

        // Split keys into single words (looked up directly) and phrases.
        // No need to sort: FxHash is unseeded, so the order (and every term id) is the same
        // on every build from the same sources.
        let keys: Vec<&str> = all.keys().copied().collect();
        let mut phrase_keys = Vec::new();
        for k in keys {
            // Plain lower-case words are their own only word; anything else is read by the
            // tokenizer the way a text would be.
            let simple = k.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'')
                && k.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
                && k.as_bytes().last().is_some_and(u8::is_ascii_lowercase);
            if simple || is_emoticon_like(k) {
                let term = all.remove(k).expect("key from map");
                t.intern(term);
                continue;
            }
            let words = term_words(k);
            match words.len() {
                0 => {}
                1 if words[0] == k => {
                    let term = all.remove(k).expect("key from map");
                    t.intern(term);
                }
                // A key the tokenizer reads as one different word (`3:(` → `3`) could never
                // match as written; it is left out rather than given to that word.
                1 => {}
                _ => phrase_keys.push((k, words)),
            }
        }
        // Phrase words must be known surface forms so that phrases can be matched by id.
        // Head word id → (length, ids of the other words, phrase term id).
        type Heads = FxHashMap<TermId, Vec<(usize, Box<[TermId]>, TermId)>>;
        let mut heads: Heads = FxHashMap::default();
        // Keys the tokenizer reads as the same words (`fed up` from the idioms, `fed-up` from
        // the emotion lexicon) are one phrase: their data is merged, the space-separated
        // spelling's winning where both have a valence.
        let mut merged: Vec<(Vec<String>, Term)> = Vec::with_capacity(phrase_keys.len());
        let mut by_words: FxHashMap<Vec<String>, usize> = FxHashMap::default();
        phrase_keys.sort_by_key(|(k, words)| (*k != words.join(" "), *k));
        for (k, words) in phrase_keys {
            let term = all.remove(k).expect("key from map");
            match by_words.get(&words) {
                Some(&i) => merged[i].1.absorb(&term),
                None => {
                    by_words.insert(words.clone(), merged.len());
                    merged.push((words, term));
                }
            }
        }
        for (words, term) in merged {
            let ids: Vec<TermId> = words
                .iter()
                .map(|w| match t.surface.get(w.as_bytes()) {
                    Some(id) => id,
                    None => t.intern(Term::new(w)),
                })
                .collect();
            let pid = TermId::new(t.terms.len());
            t.terms.push(term);
            heads
                .entry(ids[0])
                .or_default()
                .push((ids.len(), ids[1..].into(), pid));
        }
        let mut heads: Vec<_> = heads.into_iter().collect();
        heads.sort_unstable_by_key(|h| h.0);
        for (head, mut list) in heads {
            // By second word (found by binary search), then longest first.
            list.sort_by(|a, b| (a.1.first(), b.0, &a.1).cmp(&(b.1.first(), a.0, &b.1)));
            let start = t.phrases.len() as u32;
            for (_, rest, term) in list {
                let next = rest.first().copied().unwrap_or(NONE);
                t.phrases.push(Phrase { next, rest, term });
            }
            t.terms[head.index()].phrases = (start, t.phrases.len() as u32);
            t.terms[head.index()].flags |= PHRASE_HEAD;
        }

        // Negation exceptions, grouped by negator (single-word negators and companions).
        let mut by_negator: Vec<(TermId, TermId, f32)> = Vec::new();
        for (neg, comp, m) in src.exceptions {
            let ids: Vec<TermId> = [neg, comp]
                .iter()
                .map(|w| match t.surface.get(w.as_bytes()) {
                    Some(id) => id,
                    None => t.intern(Term::new(w)),
                })
                .collect();
            by_negator.push((ids[0], ids[1], *m));
        }
        by_negator.sort_by_key(|x| (x.0, x.1));
        for group in by_negator.chunk_by(|a, b| a.0 == b.0) {
            let start = t.exceptions.len() as u32;
            t.exceptions.extend(group.iter().map(|&(_, c, m)| (c, m)));
            t.terms[group[0].0.index()].exceptions = (start, t.exceptions.len() as u32);
        }
        // Cue words of context-dependent terms.
        for (term, words) in src.cues {
            let Some(id) = t.surface.get(term.as_bytes()) else {
                continue;
            };
            let ids: Vec<TermId> = words
                .iter()
                .map(|w| match t.surface.get(w.as_bytes()) {
                    Some(x) => x,
                    None => t.intern(Term::new(w)),
                })
                .collect();
            let start = t.cues.len() as u32;
            t.cues.extend(ids);
            t.terms[id.index()].cues = (start, t.cues.len() as u32);
        }
        // Any word ending in "n't" negates, listed or not (e.g. "don't" interned as the
        // first word of "don't recommend").
        for term in t.terms.iter_mut() {
            if term.key.ends_with("n't") && !term.key.contains(' ') {
                term.flags |= NEGATOR;
            }
        }

        // Fill what a surface word lacks from its stem, and build the stem map.
        if let Some(st) = &stemmer {
            for term in t.terms.iter_mut() {
                if term.key.contains(' ')
                    || term.is(NEGATOR | MODIFIER | PIVOT | CONCESSION)
                    || neutral.contains(term.key.as_ref())
                {
                    continue;
                }
                // A surface word fills what it lacks the way a text word would: through its
                // stem, with the text-side endings.
                let s = match key_stems.get(term.key.as_ref()) {
                    Some(Some((s, _))) => s.clone(),
                    Some(None) => continue,
                    None => match st.split(&term.key) {
                        Some((s, _)) => Cow::Owned(s.into_owned()),
                        None => continue,
                    },
                };
                if !term.is(HAS_VALENCE)
                    && let Some(v) = stem_valence(&s)
                {
                    term.valence = v;
                    term.flags |= HAS_VALENCE;
                }
                if !term.is(HAS_EMOTIONS)
                    && !no_emotions.contains(term.key.as_ref())
                    && let Some(e) = stem_emotions(&s)
                {
                    term.emotions = e;
                    term.flags |= HAS_EMOTIONS;
                }
            }
            let mut stems: Vec<&str> = stem_val
                .keys()
                .chain(stem_emo.keys())
                .map(|s| s.as_ref())
                .collect();
            stems.sort_unstable();
            stems.dedup();
            for s in stems {
                let mut term = Term::new(shown.get(s).copied().unwrap_or(s));
                if let Some(v) = stem_valence(s) {
                    term.valence = v;
                    term.flags |= HAS_VALENCE;
                }
                if let Some(e) = stem_emotions(s) {
                    term.emotions = e;
                    term.flags |= HAS_EMOTIONS;
                }
                if !term.flags.is_empty() {
                    let id = TermId::new(t.terms.len());
                    t.terms.push(term);
                    t.stems.insert(s.as_bytes(), id);
                    t.stem_heads.insert(&s.as_bytes()[..s.len() - 1]);
                    t.heads_bloom.insert(&s.as_bytes()[..s.len() - 1]);
                }
            }
        }
        let mut nt = Term::new("n't");
        nt.flags = NEGATOR;
        t.nt_negator = TermId::new(t.terms.len());
        t.terms.push(nt);
        t.sync_hot();
        t
    }

    /// Adds a single-word term reachable by its key; returns its id.
    fn intern(&mut self, term: Term) -> TermId {
        let id = TermId::new(self.terms.len());
        self.surface.insert(term.key.as_bytes(), id);
        self.surface_bloom.insert(term.key.as_bytes());
        self.terms.push(term);
        id
    }

    /// Adds or replaces single-word terms (used for emoji once their descriptions are
    /// scored).
    pub fn extend_surface(&mut self, terms: Vec<Term>) {
        for term in terms {
            match self.surface.get(term.key.as_bytes()) {
                Some(id) => self.terms[id.index()] = term,
                None => {
                    self.intern(term);
                }
            }
        }
        self.sync_hot();
        // The table changed: per-thread caches that remember its answers must start over.
        self.id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    }

    #[inline]
    pub fn surface(&self, key: &str) -> Option<TermId> {
        self.surface.get(key.as_bytes())
    }

    #[inline]
    pub fn term(&self, id: TermId) -> &Term {
        &self.terms[id.index()]
    }

    /// Stage 2 for one word-like token (a word, number, emoji or emoticon; other kinds find
    /// nothing). `text` is the text the token comes from (short ASCII words are read from it
    /// 16 bytes at a time) and `buf` scratch space.
    ///
    /// Routes: a short ASCII word becomes a packed key; a longer ASCII word is lower-cased on
    /// the stack; anything else is normalised (lower case, NFKC quirks, elongations cut to
    /// two letters, then to one if that finds nothing); each then tries the surface form and
    /// falls back to its stem. An emoji is tried as written without variation selectors,
    /// then without skin tones, then by its first component; an emoticon as written (`&lt;`
    /// read as `<`), then in lower case.
    #[inline]
    pub fn lookup_token(
        &self,
        tok: &Token<'_>,
        text: &[u8],
        cache: &mut StemCache,
        buf: &mut String,
    ) -> Route {
        // The common case, decided here where the caller inlines it: a short ASCII word
        // whose packed key the tokenizer computed on the way.
        let key = tok.packed_key();
        if key != 0
            && !tok.is_elongated()
            && matches!(tok.kind(), TokenKind::Word | TokenKind::Number)
        {
            return Route::Packed(key);
        }
        self.lookup_token_slow(tok, text, cache, buf)
    }

    /// [`Table::lookup_token`] past its common case.
    #[inline(never)]
    fn lookup_token_slow(
        &self,
        tok: &Token<'_>,
        text: &[u8],
        cache: &mut StemCache,
        buf: &mut String,
    ) -> Route {
        let word = tok.text();
        match tok.kind() {
            TokenKind::Word | TokenKind::Number => {}
            TokenKind::Emoji => {
                let id = self.lookup_emoji(word);
                return Route::Found(id, Found::Surface, self.flags_of(id));
            }
            TokenKind::Emoticon => {
                let e = word.replace("&lt;", "<");
                let id = self
                    .surface(&e)
                    .or_else(|| self.surface(&e.to_lowercase()))
                    .unwrap_or(NONE);
                return Route::Found(id, Found::Surface, self.flags_of(id));
            }
            _ => return Route::Found(NONE, Found::Surface, TermFlags::EMPTY),
        }
        let elongated = tok.is_elongated();
        if tok.is_ascii() && !elongated && word.len() <= crate::wordmap::SHORT {
            // A short ASCII word whose key the tokenizer did not compute (`lookup_token`
            // takes the ones it did).
            let x = crate::swar::load(text, tok.span().start);
            let key = crate::swar::packed_lower(x, &crate::swar::classify(x), word.len());
            return Route::Packed(key);
        }
        let (mut id, mut found, mut flags) =
            if tok.is_ascii() && !elongated && word.len() <= LOWER_BUF {
                let mut lower = [0u8; LOWER_BUF];
                let lower = &mut lower[..word.len()];
                lower.copy_from_slice(word.as_bytes());
                lower.make_ascii_lowercase();
                self.lookup_ascii(lower, cache)
            } else {
                let norm: &str = if normalize_into(word, elongated, buf) {
                    buf
                } else {
                    word
                };
                let (id, found) = self.lookup_word(norm, cache);
                (id, found, self.flags_of(id))
            };
        if id == NONE && elongated {
            // `soooo` was tried as `soo`; now as `so`.
            let mut once = buf.clone();
            collapse_runs(&mut once, 1);
            (id, found) = self.lookup_word(&once, cache);
            flags = self.flags_of(id);
        }
        Route::Found(id, found, flags)
    }

    /// See [`Table::lookup_token`].
    fn lookup_emoji(&self, e: &str) -> TermId {
        let key: String = e.chars().filter(|&c| c != '\u{FE0F}').collect();
        if let Some(id) = self.surface(&key) {
            return id;
        }
        let plain: String = key
            .chars()
            .filter(|c| !('\u{1F3FB}'..='\u{1F3FF}').contains(c))
            .collect();
        if let Some(id) = self.surface(&plain) {
            return id;
        }
        plain
            .split('\u{200D}')
            .next()
            .and_then(|first| self.surface(first))
            .unwrap_or(NONE)
    }

    /// [`Table::lookup_word`] for a lower-cased ASCII word, memoised with its flags in the
    /// per-thread hot cache. Returns (term id, how found, term flags).
    #[inline]
    pub fn lookup_ascii(&self, norm: &[u8], cache: &mut StemCache) -> (TermId, Found, TermFlags) {
        if norm.len() > crate::wordmap::SHORT || norm.is_empty() {
            let (id, found) =
                self.lookup_word(std::str::from_utf8(norm).unwrap_or_default(), cache);
            return (id, found, self.flags_of(id));
        }
        self.lookup_packed(crate::wordmap::pack(norm), norm, cache)
    }

    /// [`Table::lookup_ascii`] for a word already packed (`key`) and lower-cased (`norm`).
    #[inline]
    pub fn lookup_packed(
        &self,
        key: u128,
        norm: &[u8],
        cache: &mut StemCache,
    ) -> (TermId, Found, TermFlags) {
        let tiny = crate::wordmap::tiny(key);
        let memo = match tiny {
            Some(t) => match cache.hot1.get(t) {
                Some(hit) => return hit,
                None => cache.hot.get(t),
            },
            None => cache.hot_long.get(key),
        };
        if let Some(hit) = memo {
            if let Some(t) = tiny {
                cache.hot1.put(t, hit);
            }
            return hit;
        }
        let in_surface = if self.surface_bloom.may_contain_packed(key) {
            self.surface.get_packed(key)
        } else {
            None
        };
        let (id, found) = match in_surface {
            Some(id) => (id, Found::Surface),
            // ASCII bytes are always valid UTF-8.
            None => (
                self.lookup_stem(std::str::from_utf8(norm).unwrap_or_default(), cache),
                Found::Stem,
            ),
        };
        let hit = (id, found, self.flags_of(id));
        match tiny {
            Some(t) => {
                cache.hot.put(t, hit);
                cache.hot1.put(t, hit);
            }
            None => cache.hot_long.put(key, hit),
        }
        hit
    }

    /// The flags of a term, 0 for none.
    #[inline]
    pub fn flags_of(&self, id: TermId) -> TermFlags {
        self.flags.get(id.index()).copied().unwrap_or_default()
    }

    /// Copies what scoring reads into the compact arrays (after any change to terms).
    fn sync_hot(&mut self) {
        self.flags = self.terms.iter().map(|t| t.flags).collect();
        self.scores = self
            .terms
            .iter()
            .map(|t| (t.valence, t.cues.0 != t.cues.1))
            .collect();
        self.emotions = self.terms.iter().map(|t| t.emotions).collect();
        self.phrase_ranges = self.terms.iter().map(|t| t.phrases).collect();
        self.phrase_pairs = crate::wordmap::Bloom::new(PAIR_BLOOM_BITS);
        for (head, t) in self.terms.iter().enumerate() {
            for p in &self.phrases[t.phrases.0 as usize..t.phrases.1 as usize] {
                self.phrase_pairs
                    .insert_packed(pair_key(TermId::new(head), p.next));
            }
        }
    }

    /// Whether some expression may start with the words `head` and `next` (surface ids): a
    /// `false` is certain, a `true` is to be checked with [`Table::phrases_from`].
    #[inline]
    pub fn may_start_phrase(&self, head: TermId, next: TermId) -> bool {
        self.phrase_pairs.may_contain_packed(pair_key(head, next))
    }

    /// The expressions starting with term `head` whose second word is `next`, longest
    /// first.
    #[inline]
    pub fn phrases_from(&self, head: TermId, next: TermId) -> &[Phrase] {
        let (from, to) = self
            .phrase_ranges
            .get(head.index())
            .copied()
            .unwrap_or((0, 0));
        let all = &self.phrases[from as usize..to as usize];
        let lo = all.partition_point(|p| p.next < next);
        let n = all[lo..].partition_point(|p| p.next == next);
        &all[lo..lo + n]
    }

    /// A term's valence and whether it only counts after a cue word.
    #[inline]
    pub fn scores_of(&self, id: TermId) -> (f32, bool) {
        self.scores.get(id.index()).copied().unwrap_or((0.0, false))
    }

    /// A term's emotion intensities.
    #[inline]
    pub fn emotions_of(&self, id: TermId) -> &[f32; 8] {
        const NO_EMOTIONS: [f32; 8] = [0.0; 8];
        self.emotions.get(id.index()).unwrap_or(&NO_EMOTIONS)
    }

    /// Prepares the per-thread cache for lookups in this table (it remembers another
    /// table's answers otherwise).
    #[inline]
    pub fn claim(&self, cache: &mut StemCache) {
        if cache.owner != self.id {
            cache.owner = self.id;
            cache.map.clear();
            cache.hot1.clear();
            cache.hot.clear();
            cache.hot_long.clear();
        }
    }

    /// Looks up a normalised word: surface form first, then the stem (through the cache).
    /// Returns the term id and how it was found, or `(NONE, Surface)`.
    #[inline]
    pub fn lookup_word(&self, norm: &str, cache: &mut StemCache) -> (TermId, Found) {
        if let Some(id) = self.surface.get(norm.as_bytes()) {
            return (id, Found::Surface);
        }
        (self.lookup_stem(norm, cache), Found::Stem)
    }

    /// Whether `word` can have a stem in the stem map, without running the stemmer.
    ///
    /// [`Stemmer::with`] accepts a stem `s` (of `L` bytes) only when `word` shares at least `L − 1`
    /// leading bytes with it and the rest of `word` is an allowed ending `e`. So `word` with
    /// `e` cut off is `s` or `s` minus its last byte: one of two prefixes of `word` is in
    /// `stem_heads`. Most words fail this test and are never stemmed.
    #[inline]
    fn could_stem(&self, word: &str) -> bool {
        let b = word.as_bytes();
        let Some(&last) = b.last() else { return false };
        let head = |p: &[u8]| self.heads_bloom.may_contain(p) && self.stem_heads.contains(p);
        // Only the endings that end in the word's last byte (and the empty one) can apply.
        let mut candidates = ENDINGS_BY_LAST_BYTE[last as usize];
        while candidates != 0 {
            let e = WORD_ENDINGS[candidates.trailing_zeros() as usize].as_bytes();
            candidates &= candidates - 1;
            if e.len() <= b.len() && b[b.len() - e.len()..] == *e {
                let j = b.len() - e.len();
                if head(&b[..j]) || (j > 0 && head(&b[..j - 1])) {
                    return true;
                }
            }
        }
        false
    }

    /// The stem-map term for a word that is not a surface form, or the "n't" negator.
    pub fn lookup_stem(&self, norm: &str, cache: &mut StemCache) -> TermId {
        if norm.ends_with("n't") {
            return self.nt_negator;
        }
        let Some(alg) = self.stemmer else { return NONE };
        if self.stems.is_empty() || norm.len() < crate::stem::MIN_STEMMED_BYTES {
            return NONE;
        }
        // Most words cannot have a stem in the map, which the Bloom-filtered `could_stem`
        // tells cheaply; the rest are stemmed once per thread and remembered.
        if !self.could_stem(norm) {
            return NONE;
        }
        self.claim(cache);
        if let Some(id) = cache.map.get(norm.as_bytes()) {
            return id;
        }
        let stemmer = cache
            .stemmer
            .get_or_insert_with(|| Stemmer::new(alg, self.known_stems));
        if stemmer.algorithm() != alg {
            *stemmer = Stemmer::new(alg, self.known_stems);
        }
        let id = stemmer
            .word(norm)
            .and_then(|s| self.stems.get(s.as_bytes()))
            .unwrap_or(NONE);
        if cache.map.len() >= StemCache::CAPACITY {
            cache.map.clear();
        }
        cache.map.insert(norm.as_bytes(), id);
        id
    }
}

const _: () = assert!(
    WORD_ENDINGS.len() <= 32,
    "ENDINGS_BY_LAST_BYTE holds a bit per ending"
);

/// For each byte, the [`WORD_ENDINGS`] (as bits) that end with it, plus the empty ending.
static ENDINGS_BY_LAST_BYTE: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut b = 0;
    while b < 256 {
        let mut i = 0;
        while i < WORD_ENDINGS.len() {
            let e = WORD_ENDINGS[i].as_bytes();
            if e.is_empty() || e[e.len() - 1] as usize == b {
                t[b] |= 1 << i;
            }
            i += 1;
        }
        b += 1;
    }
    t
};

/// Remembers the stem lookups of recent words, per thread.
pub(crate) struct StemCache {
    owner: u64,
    map: WordMap<TermId>,
    /// The commonest words' answers, small enough for the first-level cache …
    hot1: crate::wordmap::HotCache<u64, (TermId, Found, TermFlags)>,
    /// … recent answers for words of up to 7 bytes (most words; 16-byte slots) …
    hot: crate::wordmap::HotCache<u64, (TermId, Found, TermFlags)>,
    /// … and for longer ones.
    hot_long: crate::wordmap::HotCache<u128, (TermId, Found, TermFlags)>,
    stemmer: Option<Stemmer>,
}

impl StemCache {
    /// Entries kept before the cache starts over (≈ 3 MB at most).
    const CAPACITY: usize = 1 << 16;

    pub fn new() -> StemCache {
        StemCache {
            owner: 0,
            map: WordMap::default(),
            hot1: crate::wordmap::HotCache::new(9),
            hot: crate::wordmap::HotCache::new(14),
            hot_long: crate::wordmap::HotCache::new(12),
            stemmer: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyzer::Analyzer;

    /// The route of the first token of `text`, and the key of the term it found.
    fn route(text: &str) -> (Route, Option<String>) {
        let analyzer = Analyzer::default();
        let table = analyzer.table();
        let mut cache = StemCache::new();
        table.claim(&mut cache);
        let tok = tokens(text).next().expect("a token");
        let mut buf = String::new();
        let r = table.lookup_token(&tok, text.as_bytes(), &mut cache, &mut buf);
        let id = match r {
            Route::Packed(key) => {
                let (bytes, len) = crate::wordmap::unpacked(key);
                table.lookup_packed(key, &bytes[..len], &mut cache).0
            }
            Route::Found(id, ..) => id,
        };
        (r, (id != NONE).then(|| table.term(id).key.to_string()))
    }

    #[test]
    fn short_ascii_words_become_lower_case_packed_keys() {
        assert_eq!(
            route("Great").0,
            Route::Packed(crate::wordmap::pack(b"great"))
        );
        assert_eq!(route("Great!").1.as_deref(), Some("great"));
        assert_eq!(route("42").0, Route::Packed(crate::wordmap::pack(b"42")));
    }

    #[test]
    fn other_words_are_looked_up_at_once() {
        // Longer than a packed key, or not ASCII: looked up now (and unknown here).
        for w in ["uncharacteristically", "CAFÉ"] {
            assert_eq!(
                route(w),
                (Route::Found(NONE, Found::Stem, TermFlags::EMPTY), None)
            );
        }
        // Elongated: cut to two letters first ...
        let (r, key) = route("goooood");
        assert!(matches!(r, Route::Found(_, Found::Surface, f) if f.any(HAS_VALENCE)));
        assert_eq!(key.as_deref(), Some("good"));
        // ... which is a word of its own here (VADER's booster `soo`).
        let (r, key) = route("sooooo");
        assert!(matches!(r, Route::Found(_, Found::Surface, f) if f.any(MODIFIER)));
        assert_eq!(key.as_deref(), Some("soo"));
        // Not found cut to two (`baad`): cut to one.
        assert_eq!(route("baaaad").1.as_deref(), Some("bad"));
    }

    #[test]
    fn words_found_through_their_stem_say_so() {
        let analyzer = Analyzer::default();
        let table = analyzer.table();
        let mut cache = StemCache::new();
        table.claim(&mut cache);
        let text = "heartwarmingly";
        let tok = tokens(text).next().expect("a token");
        match table.lookup_token(&tok, text.as_bytes(), &mut cache, &mut String::new()) {
            Route::Packed(key) => {
                let (bytes, len) = crate::wordmap::unpacked(key);
                let (_, found, _) = table.lookup_packed(key, &bytes[..len], &mut cache);
                assert_eq!(found, Found::Stem);
            }
            r => panic!("{r:?}"),
        }
    }

    #[test]
    fn emoji_and_emoticons() {
        // A skin tone falls back to the plain emoji, a ZWJ sequence to its first part.
        assert_eq!(route("👍🏽").1.as_deref(), Some("👍"));
        assert_eq!(route("👍\u{FE0F}").1.as_deref(), Some("👍"));
        assert!(route("😡").1.is_some());
        assert_eq!(route("&lt;3").1.as_deref(), Some("<3"));
        assert_eq!(route(":-(").1.as_deref(), Some(":-("));
        assert_eq!(
            route(",").0,
            Route::Found(NONE, Found::Surface, TermFlags::EMPTY)
        );
    }
}
