//! The [`Analyzer`] glues the stages together; [`AnalyzerBuilder`] configures it.

use std::cell::RefCell;
use std::sync::Arc;

use once_cell::sync::Lazy;

use crate::analysis::{Analysis, Sentence};
use crate::builder::AnalyzerBuilder;
use crate::flags::{SlotFlags, TermFlags};
use crate::hit::{Hit, MatchKind, Modifiers};
use crate::lookup::{HAS_VALENCE, NONE, PHRASE_HEAD, Route, StemCache, Table, TermId};
use crate::nfc::Normalized;
use crate::rules::{self, BREAK_BEFORE, CAPS, ELONGATED, HASHTAG, RuleSet, Slot, Via};
use crate::score::{self, DocumentSums, ScoreSettings, SentenceSums};
use crate::token::{Token, TokenKind, Tokens, tokens};

/// Pipeline stages for [`Analyzer::run_stage`] (benchmarks only).
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub enum Stage {
    /// Tokenize, normalise and look up.
    Lookup,
    /// … and apply the rules.
    Rules,
}

/// A configured sentiment and emotion analyzer. Cheap to share across threads (`Send +
/// Sync`); build once, analyze many texts.
///
/// ```
/// use emotive::{Analyzer, Emotion, Label};
/// let analyzer = Analyzer::builder().negation_window(4).build()?;
/// let a = analyzer.analyze("I'm not happy with it at all.");
/// assert_eq!(a.label(), Label::Negative);
/// assert!(!a.detected().contains(Emotion::Joy));
/// # Ok::<(), emotive::BuildError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Analyzer {
    table: Arc<Table>,
    rules: RuleSet,
    score: ScoreSettings,
    hits: bool,
    sentences: bool,
}

static DEFAULT: Lazy<Analyzer> = Lazy::new(|| {
    Analyzer::builder()
        .build()
        .expect("the bundled lexicons are valid")
});

impl Default for Analyzer {
    fn default() -> Analyzer {
        DEFAULT.clone()
    }
}

/// A sentence longer than this many words (no terminator in a scraped wall of text) is cut
/// here: rules look a few words around each term, so real sentences are not affected, and
/// the work per sentence stays in cache however long the text.
const MAX_SENTENCE_WORDS: usize = 1000;

/// A text longer than this many bytes is analysed in pieces of about [`SEGMENT_WORDS`] words
/// (cut at sentence ends), after one pass that decides whether it mixes capitals and lower
/// case. Shorter texts, nearly all reviews and comments, take one pass.
const SEGMENT_BYTES: usize = 1 << 16;

/// Words per piece of a long text (see [`SEGMENT_BYTES`]).
const SEGMENT_WORDS: usize = 4096;

/// An analysis keeps at most this many [`Hit`]s, the first ones; scores count every term.
/// Explanations of a multi-megabyte wall of text would otherwise cost more memory than the
/// text itself.
pub const MAX_HITS: usize = 1 << 16;

/// An analysis keeps the results of at most this many sentences, the first ones; scores count
/// every sentence. A wall of one-word sentences (`good.good.good…`) would otherwise grow the
/// list without bound.
pub const MAX_SENTENCES: usize = 1 << 16;

/// One sentence of the slots in [`Scratch`]: which slots, which bytes of the text, and its
/// `!`/`?` count (punctuation is not a slot).
#[derive(Clone, Copy, Debug)]
struct SentenceSpan {
    first_slot: usize,
    end_slot: usize,
    start_byte: usize,
    end_byte: usize,
    exclamations: u32,
    questions: u32,
}

impl SentenceSpan {
    fn slots(&self) -> std::ops::Range<usize> {
        self.first_slot..self.end_slot
    }
}

/// Per-thread scratch space reused across calls: no allocation per token.
struct Scratch {
    cache: StemCache,
    slots: Vec<Slot>,
    /// Words whose lookup is deferred: (slot index, packed lower-case key, bare number).
    pending: Vec<(u32, u128, bool)>,
    sentences: Vec<SentenceSpan>,
    /// One sentence's rule effects, kept for its hits: (slot index in the sentence, effect).
    effects: Vec<(usize, rules::Effect)>,
    /// Which slots of a sentence each rule visits.
    masks: rules::Masks,
    buf: String,
}

impl Scratch {
    fn new() -> Scratch {
        Scratch {
            cache: StemCache::new(),
            slots: Vec::new(),
            pending: Vec::new(),
            sentences: Vec::new(),
            effects: Vec::new(),
            masks: rules::Masks::default(),
            buf: String::new(),
        }
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::new());
}

/// Runs `f` with this thread's scratch space, or a fresh one if it is in use (re-entrance)
/// or gone (thread teardown).
fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    let mut f = Some(f);
    let out = SCRATCH.try_with(|cell| match cell.try_borrow_mut() {
        Ok(mut s) => Some((f.take().expect("called once"))(&mut s)),
        Err(_) => None,
    });
    match out {
        Ok(Some(r)) => r,
        _ => (f.take().expect("called once"))(&mut Scratch::new()),
    }
}

impl Analyzer {
    /// A builder starting from the bundled defaults.
    pub fn builder() -> AnalyzerBuilder {
        AnalyzerBuilder::new()
    }

    /// The default analyzer (bundled lexicons, default settings), built on first use.
    pub fn default_ref() -> &'static Analyzer {
        &DEFAULT
    }

    /// Analyzes one text. Never panics; any `&str` gives finite scores in range.
    ///
    /// A text that is not in Unicode NFC (say, NFD from a Mac keyboard) is analysed as its
    /// NFC form, so both forms give the same scores; spans still point into `text`.
    pub fn analyze(&self, text: &str) -> Analysis {
        // The tokenizer notes any byte above ASCII on its way. Without one the text is NFC
        // by definition; with one, the NFC check runs, and a text that is not NFC (rare) is
        // analysed again in its NFC form. So ASCII texts, most of them, are not read twice.
        let (a, non_ascii) = with_scratch(|s| self.analyze_in(text, s));
        if !non_ascii {
            return a;
        }
        match Normalized::of(text) {
            None => a,
            Some(n) => {
                let (mut a, _) = with_scratch(|s| self.analyze_in(&n.text, s));
                for h in a.hits.iter_mut().flatten() {
                    h.span = n.span(&h.span);
                }
                for x in a.sentences.iter_mut().flatten() {
                    x.span = n.span(&x.span);
                }
                a
            }
        }
    }

    pub(crate) fn from_parts(
        table: Arc<Table>,
        rules: RuleSet,
        score: ScoreSettings,
        hits: bool,
        sentences: bool,
    ) -> Analyzer {
        Analyzer {
            table,
            rules,
            score,
            hits,
            sentences,
        }
    }

    pub(crate) fn table(&self) -> &Table {
        &self.table
    }

    pub(crate) fn table_mut(&mut self) -> &mut Table {
        Arc::make_mut(&mut self.table)
    }

    /// The summed valence and raw emotion sums of `text`, every sentence added up (used to
    /// score emoji descriptions).
    pub(crate) fn raw_sums(&self, text: &str) -> (f32, [f32; 8]) {
        with_scratch(|s| self.raw_sums_in(text, s))
    }

    fn raw_sums_in(&self, text: &str, s: &mut Scratch) -> (f32, [f32; 8]) {
        let (_, mixed) = self.collect(text, &mut tokens(text), false, s);
        let mut total = SentenceSums::default();
        for span in &s.sentences {
            self.score_sentence(
                &mut s.slots[span.slots()],
                mixed,
                &mut total,
                &mut s.masks,
                None,
            );
        }
        (total.sum, total.emotions)
    }

    /// Runs the pipeline up to `stage` and returns a count that depends on all of its work
    /// (terms found, or rule effects); for the per-stage benchmarks. Not part of the stable
    /// API.
    #[doc(hidden)]
    pub fn run_stage(&self, text: &str, stage: Stage) -> usize {
        with_scratch(|s| self.run_stage_in(text, stage, s))
    }

    fn run_stage_in(&self, text: &str, stage: Stage, s: &mut Scratch) -> usize {
        let (_, mixed) = self.collect(text, &mut tokens(text), false, s);
        match stage {
            Stage::Lookup => s.slots.iter().filter(|x| x.term != NONE).count(),
            Stage::Rules => {
                let mut n = 0;
                for span in &s.sentences {
                    let mut sums = SentenceSums::default();
                    n += self
                        .score_sentence(
                            &mut s.slots[span.slots()],
                            mixed,
                            &mut sums,
                            &mut s.masks,
                            None,
                        )
                        .0;
                }
                n as usize
            }
        }
    }

    /// Whether analyses carry [`hits`](Analysis::hits).
    pub fn keeps_hits(&self) -> bool {
        self.hits
    }

    /// Whether analyses carry [`sentences`](Analysis::sentences).
    pub fn keeps_sentences(&self) -> bool {
        self.sentences
    }

    /// Runs the rules over one sentence's slots and adds every effect to `sums`; with
    /// `effects`, also keeps each effect there with its slot index (for the hits). Returns
    /// the number of effects and the number of words (an expression counting as one).
    fn score_sentence(
        &self,
        slots: &mut [Slot],
        mixed: bool,
        sums: &mut SentenceSums,
        masks: &mut rules::Masks,
        mut effects: Option<&mut Vec<(usize, rules::Effect)>>,
    ) -> (u32, u32) {
        let table = &*self.table;
        let mut n = 0u32;
        let live = rules::apply(&self.rules, table, slots, masks, mixed, |i, eff| {
            n += 1;
            sums.add_valence(eff.valence);
            sums.add_emotions(table.emotions_of(eff.term), eff.emotion_weight);
            if let Some(e) = effects.as_mut() {
                e.push((i, *eff));
            }
        });
        (n, live as u32)
    }

    /// Tokenizes (with `toks`, over `text`) and looks up into `s.slots`, with the sentences in
    /// `s.sentences`. Returns whether there is more to collect, and whether this piece mixes
    /// capitalised and lower-case words.
    ///
    /// Resumes where `toks` stands. With `segment`, stops at the first sentence end once
    /// [`SEGMENT_WORDS`] words are in hand, so that a long text is analysed in pieces that
    /// stay in cache and scratch memory stays bounded.
    fn collect(
        &self,
        text: &str,
        toks: &mut Tokens<'_>,
        segment: bool,
        s: &mut Scratch,
    ) -> (bool, bool) {
        let table = &*self.table;
        let mut more = false;
        table.claim(&mut s.cache);
        s.slots.clear();
        s.pending.clear();
        s.sentences.clear();
        let mut case = CaseMix::default();
        let mut first_slot = 0;
        let mut start_byte: Option<usize> = None;
        let mut end_byte = 0;
        let (mut excl, mut quest) = (0u32, 0u32);
        let mut pending_break = false;
        let bytes = text.as_bytes();
        for tok in toks.by_ref() {
            let span = tok.span();
            start_byte.get_or_insert(span.start);
            end_byte = span.end;
            let mut slot = Slot {
                start: span.start,
                end: span.end,
                term: NONE,
                surface: NONE,
                valence: 0.0,
                flags: SlotFlags::EMPTY,
                meta: TermFlags::EMPTY,
                via: Via::Word,
                cued: false,
            };
            let mut is_slot = true;
            match tok.kind() {
                TokenKind::Word | TokenKind::Number => {
                    case.add(&tok);
                    let elongated = tok.is_elongated();
                    let bare_number = tok.kind() == TokenKind::Number && !tok.is_hashtag();
                    match table.lookup_token(&tok, bytes, &mut s.cache, &mut s.buf) {
                        // Looked up after the loop, where lookups do not wait on one another.
                        Route::Packed(key) => {
                            s.pending.push((s.slots.len() as u32, key, bare_number));
                        }
                        Route::Found(id, found, meta) => {
                            place(table, &mut slot, id, found, meta, bare_number);
                        }
                    }
                    for (yes, flag) in [
                        (tok.is_caps(), CAPS),
                        (elongated, ELONGATED),
                        (tok.is_hashtag(), HASHTAG),
                    ] {
                        if yes {
                            slot.flags |= flag;
                        }
                    }
                }
                TokenKind::Emoji | TokenKind::Emoticon => {
                    let id = match table.lookup_token(&tok, bytes, &mut s.cache, &mut s.buf) {
                        Route::Found(id, ..) => id,
                        Route::Packed(_) => NONE,
                    };
                    slot.set_term(table, id);
                    if tok.kind() == TokenKind::Emoji {
                        slot.surface = id;
                        slot.via = Via::Emoji;
                    } else {
                        slot.via = Via::Emoticon;
                    }
                }
                TokenKind::Exclamation | TokenKind::Question => {
                    is_slot = false;
                    for b in tok.text().bytes() {
                        match b {
                            b'!' => excl += 1,
                            b'?' => quest += 1,
                            _ => {}
                        }
                    }
                    if !tok.text().is_ascii() {
                        excl += tok.text().matches('\u{FF01}').count() as u32;
                        quest += tok.text().matches('\u{FF1F}').count() as u32;
                    }
                }
                _ => is_slot = false,
            }
            if is_slot {
                if std::mem::take(&mut pending_break) {
                    slot.flags |= BREAK_BEFORE;
                }
                s.slots.push(slot);
            } else if tok.is_clause_break() {
                pending_break = true;
            }
            if tok.is_sentence_end() || s.slots.len() - first_slot >= MAX_SENTENCE_WORDS {
                if s.slots.len() > first_slot {
                    s.sentences.push(SentenceSpan {
                        first_slot,
                        end_slot: s.slots.len(),
                        start_byte: start_byte.unwrap_or(0),
                        end_byte,
                        exclamations: excl,
                        questions: quest,
                    });
                }
                first_slot = s.slots.len();
                start_byte = None;
                excl = 0;
                quest = 0;
                pending_break = false;
                if segment && s.slots.len() >= SEGMENT_WORDS {
                    more = true;
                    break;
                }
            }
        }
        for &(i, key, bare_number) in &s.pending {
            let (bytes, len) = crate::wordmap::unpacked(key);
            let (id, found, meta) = table.lookup_packed(key, &bytes[..len], &mut s.cache);
            place(
                table,
                &mut s.slots[i as usize],
                id,
                found,
                meta,
                bare_number,
            );
        }
        if s.slots.len() > first_slot {
            s.sentences.push(SentenceSpan {
                first_slot,
                end_slot: s.slots.len(),
                start_byte: start_byte.unwrap_or(0),
                end_byte,
                exclamations: excl,
                questions: quest,
            });
        }
        (more, case.mixed())
    }

    /// The analysis of `text` as it is, and whether it holds a byte above ASCII.
    fn analyze_in(&self, text: &str, s: &mut Scratch) -> (Analysis, bool) {
        let long = text.len() > SEGMENT_BYTES;
        let whole_mixed = long.then(|| mixes_case(text));
        let mut hits: Option<Vec<Hit>> = self.hits.then(Vec::new);
        let mut sentences = self.sentences.then(Vec::new);
        let mut doc = DocumentSums::default();
        let mut words = 0usize;
        // One tokenizer for the whole text, resumed piece after piece: a piece boundary inside
        // a long run of glued words (`good.good.good…`) must not make the next piece scan
        // that run again from its start.
        let mut toks = tokens(text);
        loop {
            let (more, mixed) = self.collect(text, &mut toks, long, s);
            let mixed = whole_mixed.unwrap_or(mixed);
            words += s.slots.len();
            for span in &s.sentences {
                let si = doc.sentences;
                let mut sums = SentenceSums {
                    exclamations: span.exclamations,
                    questions: span.questions,
                    ..SentenceSums::default()
                };
                let keep = hits.as_ref().is_some_and(|h| h.len() < MAX_HITS);
                s.effects.clear();
                let (effects, live) = self.score_sentence(
                    &mut s.slots[span.slots()],
                    mixed,
                    &mut sums,
                    &mut s.masks,
                    keep.then_some(&mut s.effects),
                );
                let slots = &s.slots[span.slots()];
                if let Some(h) = hits.as_mut() {
                    let room = MAX_HITS.saturating_sub(h.len());
                    h.extend(
                        s.effects
                            .iter()
                            .take(room)
                            .map(|(i, eff)| self.hit(&slots[*i], eff, si)),
                    );
                }
                sums.neutral += live.saturating_sub(effects);
                let emphasised = doc.add(&sums, &self.rules);
                if let Some(v) = sentences.as_mut().filter(|v| v.len() < MAX_SENTENCES) {
                    let compound = score::normalize(f64::from(emphasised), self.score.alpha);
                    v.push(Sentence {
                        span: span.start_byte..span.end_byte,
                        compound,
                        label: score::label(compound, &self.score),
                        emotions: score::emotions(&sums.emotions, &sums.counts, 1.0),
                    });
                }
            }
            if !more {
                break;
            }
        }
        (
            doc.finish(&self.score, words, hits, sentences),
            toks.saw_non_ascii(),
        )
    }

    /// The explanation of one rule effect on `slot`, in sentence `sentence`.
    fn hit(&self, slot: &Slot, eff: &rules::Effect, sentence: usize) -> Hit {
        let term = self.table.term(slot.term);
        Hit {
            span: slot.start..slot.end,
            term: term.key.clone(),
            kind: match slot.via {
                Via::Word => MatchKind::Word,
                Via::Stem => MatchKind::Stem,
                Via::Phrase => MatchKind::Phrase,
                Via::Emoji => MatchKind::Emoji,
                Via::Emoticon => MatchKind::Emoticon,
            },
            valence: term.is(HAS_VALENCE).then_some(term.valence),
            emotions: term.emotions,
            modifiers: Modifiers {
                negated: eff.negated,
                booster: eff.booster,
                caps: eff.caps,
                elongated: eff.elongated,
                hashtag: slot.has(HASHTAG),
                contrast: eff.contrast,
            },
            contribution: eff.valence,
            emotion_weight: eff.emotion_weight,
            sentence,
        }
    }
}

/// Whether a text mixes capitalised and lower-case words: ALL-CAPS words are emphasis only
/// then. Single letters ("I", "a") say nothing about shouting.
#[derive(Default)]
struct CaseMix {
    caps: bool,
    lower: bool,
}

impl CaseMix {
    fn add(&mut self, tok: &Token<'_>) {
        if tok.kind() == TokenKind::Word {
            if tok.is_caps() {
                self.caps = true;
            } else if tok.is_multi_letter() {
                self.lower = true;
            }
        }
    }

    fn mixed(&self) -> bool {
        self.caps && self.lower
    }
}

/// [`CaseMix`] over a whole text, for one decision across the pieces of a long text.
fn mixes_case(text: &str) -> bool {
    let mut case = CaseMix::default();
    for tok in tokens(text) {
        case.add(&tok);
        if case.mixed() {
            return true;
        }
    }
    false
}

/// `a` if `yes`, else `b`, without a branch.
#[inline]
fn select(yes: bool, a: u32, b: u32) -> u32 {
    let m = u32::from(yes).wrapping_neg();
    (a & m) | (b & !m)
}

/// Records a word's lookup in its slot. A bare number starts expressions ("5 stars") but
/// carries no feeling of its own: VADER's chat codes (143, 187) are prices and room numbers
/// in reviews (as a hashtag, #143, it keeps its entry).
#[inline]
fn place(
    table: &Table,
    slot: &mut Slot,
    id: TermId,
    found: crate::lookup::Found,
    meta: TermFlags,
    bare_number: bool,
) {
    // Selects rather than branches: how a word was found is not predictable.
    let surface = found == crate::lookup::Found::Surface;
    slot.surface = TermId::from_raw(select(surface, id.raw(), slot.surface.raw()));
    slot.via = if surface { slot.via } else { Via::Stem };
    if bare_number {
        // A bare number scores nothing, but may start an expression ("10 out of 10").
        slot.term = NONE;
        slot.meta = meta & PHRASE_HEAD;
    } else {
        slot.set_term_flagged(table, id, meta);
    }
}
