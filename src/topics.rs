//! [`Topics`]: what people talk about, by feeling — the words and two-word phrases that are
//! over-represented in the items of one polarity or emotion compared with the rest.
//!
//! Each item contributes its *content* words once: lower-cased, stemmed (so `refund`,
//! `refunds` and `refunded` count as one), without stop words (`lexicons/stopwords.txt`),
//! evaluative words (`lexicons/evaluative.txt`: "laughable", "pointless"), identity terms
//! (`lexicons/identity_terms.txt`), numbers, words under three letters, and the words the
//! analysis scored (sentiment and emotion terms are what people feel, not what they talk
//! about); and the pairs of content words that stand next to each other (`customer service`,
//! `battery life`). A term is shown in its most frequent written form.
//!
//! **Keyness** of a term for a group (the negative items, say) against the other items is the
//! weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
//! "Fightin' Words", eq. 16–22), taken over items: each item has the term or not, so the
//! Dirichlet has two categories (a Beta prior) whose `α₀` = [`PRIOR`] pseudo-items split as the
//! term's share of all items, `a = α₀·y/n` and `b = α₀ − a`. With `y_g` of the `n_g` items of
//! the group and `y_r` of the `n_r` others containing it,
//! `δ = log((y_g + a)/(n_g − y_g + b)) − log((y_r + a)/(n_r − y_r + b))`, its variance is
//! approximately the sum of the reciprocals of those four counts, and terms are ranked by the
//! z-score `δ/σ`, among those with `δ > 0` in at least [`MIN_ITEMS`] items and [`MIN_SHARE`]
//! of the group's items. The prior shrinks rare terms towards "no difference": a word in five
//! items cannot outrank a subject in five hundred on a lucky ratio.
//! A term found in more than [`UBIQUITOUS`] of all items (`movie` in film reviews) is what the
//! whole collection is about, not a subject within it, and is left out of every list. The
//! list for [`TopicGroup::All`] has no other items to compare with: it ranks terms by items.
//!
//! **Bounded memory.** At most [`CAPACITY`] terms are tracked, in records of 64 + 184 bytes
//! and a probe table of 8 bytes per slot (about 30 MB when full); when there are more, the
//! ones in the fewest items are dropped until a quarter remain. A term dropped restarts from
//! zero if it comes back, so rare terms are approximate, while a term frequent enough to be
//! listed outgrows the dropping early and is counted exactly. Strings (written forms and
//! example ids, at most two per term and group) live in one arena that is compacted when
//! replaced forms have doubled it. Each thread also caches the stems of up to about 73,000
//! words (about 3 MB).
//!
//! **Independent of the thread count.** [`TermBatch`] finds the terms of items apart from any
//! collection, so on many threads, and [`Topics::add_batch`] counts them in item order: the
//! counts are those of one pass. [`Topics::merge`] adds a collection of later items (for
//! independent blocks; their phrases' written forms may differ from one pass).

use std::cell::RefCell;

use once_cell::sync::Lazy;

use crate::analysis::{Analysis, Label};
use crate::emotion::Emotion;

/// Pseudo-counts of the informative prior (α₀).
pub const PRIOR: f64 = 500.0;
/// A term must be in at least this many items of a group to be listed for it.
pub const MIN_ITEMS: u32 = 3;
/// A term in more than this share of all items is left out of the lists.
pub const UBIQUITOUS: f64 = 0.4;
/// The most terms tracked at once.
pub const CAPACITY: usize = 100_000;
/// … and in at least this share of them.
pub const MIN_SHARE: f64 = 0.01;
/// Example ids kept per term and group.
const EXAMPLES: usize = 2;
/// Written forms tracked per term.
const FORMS: usize = 3;
/// Written forms are counted in a term's first this many items and in every this-many-th
/// after (enough to know its usual form; the other items skip the work).
const FORM_SAMPLE: u32 = 32;
/// The arena is compacted when it grows past this and twice its size after the last
/// compaction (replaced forms leave their old text behind).
const ARENA_FLOOR: usize = 8 << 20;

const STOPWORDS_TXT: &str = include_str!("../lexicons/stopwords.txt");
const EVALUATIVE_TXT: &str = include_str!("../lexicons/evaluative.txt");
/// Evaluative words that are also what a review is about ("the quality").
const SUBJECTS_ANYWAY: [&str; 2] = ["quality", "qualities"];

/// Words that are never a topic: stop words, evaluative words (a judgement, not a subject)
/// and the identity terms (who someone is; a report that "angry reviews talk about" a
/// nationality or a name would say more than the counts can).
static STOPWORDS: Lazy<rustc_hash::FxHashSet<String>> = Lazy::new(|| {
    let listed = |txt: &'static str| {
        txt.lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace)
    };
    let mut set: rustc_hash::FxHashSet<String> = listed(STOPWORDS_TXT)
        .chain(listed(EVALUATIVE_TXT).filter(|w| !SUBJECTS_ANYWAY.contains(w)))
        .map(str::to_string)
        .collect();
    set.extend(
        crate::lexicon::bundled::NEUTRAL
            .iter()
            .filter(|t| !t.contains(' '))
            .cloned(),
    );
    set
});

/// A group of items topics are compared across.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TopicGroup {
    /// Every item (the list is the most common subjects, without a comparison).
    All,
    /// The items with this label.
    Label(Label),
    /// The items in which this emotion was detected.
    Emotion(Emotion),
}

/// Groups 0–2: positive, neutral, negative; 3–10: the emotions.
const GROUPS: usize = 11;

fn group_index(g: TopicGroup) -> Option<usize> {
    match g {
        TopicGroup::All => None,
        TopicGroup::Label(Label::Positive) => Some(0),
        TopicGroup::Label(Label::Neutral) => Some(1),
        TopicGroup::Label(_) => Some(2),
        TopicGroup::Emotion(e) => Some(3 + e.index()),
    }
}

/// A string in a [`Topics`] arena: start and length.
type Span = (u32, u32);

const NONE: Span = (u32::MAX, 0);

/// No example.
const NO_ID: u32 = u32::MAX;

/// The counts of one term read for every occurrence, in one cache line. Terms are known by a
/// 64-bit hash of their stems (a word's, or a pair's two combined): no string is built or
/// compared per word; strings live in the arena.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[repr(C, align(64))]
struct Hot {
    key: u64,
    /// Items containing the term, and per group.
    items: u32,
    /// Groups whose examples are all taken (bit g).
    full: u16,
    groups: [u32; GROUPS],
}

/// The rest of a term's record, read now and then.
#[derive(Clone, Debug, PartialEq)]
struct Cold {
    /// The most frequent written forms (id, text, how often seen) in the items sampled by
    /// [`FORM_SAMPLE`], for display, kept by the space-saving rule: a new form replaces the
    /// least seen one and counts on from its count.
    forms: [(u64, Span, u32); FORMS],
    /// For a two-word phrase, the keys of its words.
    pair: Option<(u64, u64)>,
    /// Up to [`EXAMPLES`] item ids per group, as indices into [`Topics::ids`].
    examples: [[u32; EXAMPLES]; GROUPS],
}

/// Takes `id` as an example for group `g` if the group has room.
fn take_example(hot: &mut Hot, cold: &mut Cold, g: usize, id: u32) {
    if let Some(k) = cold.examples[g].iter().position(|e| *e == NO_ID) {
        cold.examples[g][k] = id;
        if k + 1 == EXAMPLES {
            hot.full |= 1 << g;
        }
    }
}

/// One term of an item: a word's key (`second` 0), or a phrase's first and second words' keys;
/// and where its word or words are in the text (`b` unused for a word).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Term {
    first: u64,
    second: u64,
    a: u32,
    b: u32,
    a_len: u16,
    b_len: u16,
}

impl Term {
    fn key(&self) -> u64 {
        if self.second == 0 {
            self.first
        } else {
            pair_key(self.first, self.second)
        }
    }

    fn pair(&self) -> Option<(u64, u64)> {
        (self.second != 0).then_some((self.first, self.second))
    }
}

/// The topic terms of a run of items, found apart from any [`Topics`] — on many threads at
/// once, say — and then added to one with [`Topics::add_batch`], in item order (which makes
/// the counts those of one pass, whatever the threads).
///
/// ```
/// use emotive::{TermBatch, Topics};
/// let texts = ["Late delivery, awful", "Lovely colour"];
/// let mut batch = TermBatch::new();
/// for t in texts {
///     batch.push(&emotive::analyze(t), t);
/// }
/// let mut topics = Topics::new();
/// topics.add_batch(&batch, texts.iter().zip(["a", "b"]).map(|(t, id)| (*t, id)));
/// assert_eq!(topics.count(), 2);
/// ```
#[derive(Clone, Debug, Default)]
pub struct TermBatch {
    /// Per item: the groups it is in (bit g) and the end of its terms in `terms`.
    items: Vec<(u16, u32)>,
    terms: Vec<Term>,
    /// The terms the item being pushed has shown so far (each is kept once).
    seen: Seen,
}

/// A set of term keys, emptied for each item by a new generation stamp: open addressing over
/// keys that are already well-mixed hashes.
#[derive(Clone, Debug, Default)]
struct Seen {
    table: Vec<(u64, u32)>,
    generation: u32,
    len: usize,
}

impl Seen {
    /// Starts an empty set.
    fn start(&mut self) {
        if self.table.is_empty() {
            self.table = vec![(0, 0); 1024];
        }
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.table.fill((0, 0));
            self.generation = 1;
        }
        self.len = 0;
    }

    /// Adds `key`; false if it was there.
    fn insert(&mut self, key: u64) -> bool {
        if 2 * (self.len + 1) > self.table.len() {
            let bigger = vec![(0, 0); 2 * self.table.len()];
            let old = std::mem::replace(&mut self.table, bigger);
            self.len = 0;
            for (k, g) in old {
                if g == self.generation {
                    self.insert(k);
                }
            }
        }
        let mask = self.table.len() - 1;
        let mut i = key as usize & mask;
        loop {
            let (k, g) = self.table[i];
            if g != self.generation {
                self.table[i] = (key, self.generation);
                self.len += 1;
                return true;
            }
            if k == key {
                return false;
            }
            i = (i + 1) & mask;
        }
    }
}

impl TermBatch {
    /// An empty batch.
    pub fn new() -> TermBatch {
        TermBatch::default()
    }

    /// How many items the batch holds.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the batch holds no item.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Empties the batch, keeping its memory.
    pub fn clear(&mut self) {
        self.items.clear();
        self.terms.clear();
    }

    /// The groups and terms of item `k`.
    fn item(&self, k: usize) -> (u16, &[Term]) {
        let start = if k == 0 {
            0
        } else {
            self.items[k - 1].1 as usize
        };
        let (groups, end) = self.items[k];
        (groups, &self.terms[start..end as usize])
    }

    /// Adds one item: the groups of its analysis and its content words and two-word phrases,
    /// each once (its first sighting).
    pub fn push(&mut self, a: &Analysis, text: &str) {
        let mut groups: u16 = 1
            << match a.label() {
                Label::Positive => 0,
                Label::Neutral => 1,
                _ => 2,
            };
        for e in a.detected().iter() {
            groups |= 1 << (3 + e.index());
        }
        self.seen.start();
        let hits = a.hits();
        let mut h = 0;
        // The previous content word: (key, start, length, word index).
        let mut prev: Option<(u64, u32, u16, usize)> = None;
        STEMS.with(|cache| {
            let mut cache = cache.borrow_mut();
            for (i, span) in plain_words(text).enumerate() {
                while h < hits.len() && hits[h].span().end <= span.start {
                    h += 1;
                }
                if h < hits.len() && hits[h].span().start < span.end {
                    // A scored word (sentiment or emotion) breaks a phrase too.
                    continue;
                }
                let word = &text[span.clone()];
                // Words under three letters, and (past u16) absurdly long ones, are not topics.
                if word.len() < 3 || word.len() > usize::from(u16::MAX) {
                    continue;
                }
                let id = word_id_at(text.as_bytes(), span.start, span.len());
                let Some(key) = stem_key(&mut cache, id, word) else {
                    continue;
                };
                // Each term once per item: its first sighting.
                let (start, len) = (span.start as u32, span.len() as u16);
                if self.seen.insert(key) {
                    self.terms.push(Term {
                        first: key,
                        second: 0,
                        a: start,
                        b: 0,
                        a_len: len,
                        b_len: 0,
                    });
                }
                // A phrase: two content words with only spaces between them.
                if let Some((pk, ps, pl, pi)) = prev
                    && pi + 1 == i
                    && text.as_bytes()[(ps as usize + usize::from(pl))..span.start]
                        .iter()
                        .all(|&c| c == b' ')
                    && self.seen.insert(pair_key(pk, key))
                {
                    self.terms.push(Term {
                        first: pk,
                        second: key,
                        a: ps,
                        b: start,
                        a_len: pl,
                        b_len: len,
                    });
                }
                prev = Some((key, start, len, i));
            }
        });
        self.items.push((groups, self.terms.len() as u32));
    }
}

/// One listed topic.
#[derive(Clone, Debug, PartialEq)]
pub struct Topic {
    term: String,
    items: u64,
    share: f64,
    z: f64,
    examples: Vec<String>,
}

impl Topic {
    /// The word or two-word phrase, in its most frequent written form.
    pub fn term(&self) -> &str {
        &self.term
    }

    /// How many items of the group contain it.
    pub fn items(&self) -> u64 {
        self.items
    }

    /// Its share of the group's items.
    pub fn share(&self) -> f64 {
        self.share
    }

    /// Its keyness z-score against the other items (0 for [`TopicGroup::All`]).
    pub fn z(&self) -> f64 {
        self.z
    }

    /// Ids of up to two items of the group that contain it.
    pub fn examples(&self) -> &[String] {
        &self.examples
    }
}

/// What people talk about, mergeable across blocks of a collection. See the module docs.
///
/// ```
/// use emotive::{Label, TopicGroup, Topics};
/// let mut t = Topics::new();
/// let texts = [
///     "The delivery was late and the courier was rude",
///     "Late delivery again, awful",
///     "Great sound, the battery lasts all day",
///     "Love the sound quality",
///     "Delivery took three weeks, terrible",
///     "Sound is great",
///     "Nice colours",
///     "The cable is long enough",
///     "Fits the case",
/// ];
/// for (i, text) in texts.iter().enumerate() {
///     t.add(&emotive::analyze(text), text, &i.to_string());
/// }
/// let negative = t.top(TopicGroup::Label(Label::Negative), 3);
/// assert_eq!(negative[0].term(), "delivery");
/// ```
#[derive(Clone, Default)]
pub struct Topics {
    /// Forms and ids, back to back (slots hold spans into it).
    arena: String,
    /// Where each term's record is: an open-addressing table (a power of two long, at most
    /// half full) of (the key's high 32 bits, record index + 1; 0 is empty), small enough to
    /// stay in cache; the key's low bits give the first slot to probe.
    probe: Vec<(u32, u32)>,
    /// The terms' records, by index: counts read for every occurrence, and the rest.
    hot: Vec<Hot>,
    cold: Vec<Cold>,
    /// Ids of the items quoted as examples (each stored once).
    ids: Vec<Span>,
    items: u64,
    group_items: [u64; GROUPS],
    /// Arena size that triggers the next compaction (0: [`ARENA_FLOOR`]).
    arena_limit: usize,
}

impl std::fmt::Debug for Topics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Topics")
            .field("items", &self.items)
            .field("terms", &self.hot.len())
            .finish()
    }
}

impl PartialEq for Topics {
    fn eq(&self, other: &Topics) -> bool {
        self.items == other.items
            && self.group_items == other.group_items
            && self.hot.len() == other.hot.len()
            && self.hot.iter().all(|s| {
                other.find(s.key).is_some_and(|o| {
                    let o = &other.hot[o];
                    o.items == s.items && o.groups == s.groups
                })
            })
    }
}

/// A well-mixed 64-bit hash of a stem.
fn key_of(stem: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    mix(BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(stem))
}

/// splitmix64's finaliser.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The key of the pair (a, b), in that order.
fn pair_key(a: u64, b: u64) -> u64 {
    mix(a.rotate_left(17) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// Per word a thread has seen (by [`word_id`]): its stem key, or [`STOP`] for a stop word. A
/// small direct-mapped table holds the frequent words (one probe, in cache); a map behind it
/// holds the rest (bounded: cleared when large).
struct StemCache {
    /// (a 64-bit hash of the word id, its key).
    front: Vec<(u64, u64)>,
    map: rustc_hash::FxHashMap<u128, u64>,
}

/// The stem key standing for "a stop word" (a real key equal to it is nudged by one).
const STOP: u64 = u64::MAX;
const FRONT: usize = 8192;
const MAP_LIMIT: usize = 65_536;

thread_local! {
    static STEMS: RefCell<StemCache> = RefCell::new(StemCache {
        front: vec![(0, 0); FRONT],
        map: rustc_hash::FxHashMap::default(),
    });
}

/// The words of a text for topics, as byte spans: runs of letters (an apostrophe or hyphen
/// between two letters stays inside: `don't`, `well-made`). Numbers and mixed runs such as
/// `mp3` are not words here. Cheaper than the full tokenizer, which topics do not need.
fn plain_words(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            // Skip to the start of a word.
            while i < b.len() {
                if b[i].is_ascii_alphabetic() {
                    break;
                }
                if b[i] >= 0x80 && text[i..].chars().next().is_some_and(char::is_alphabetic) {
                    break;
                }
                i += if b[i] < 0x80 { 1 } else { utf8_len(b[i]) };
            }
            if i >= b.len() {
                return None;
            }
            let start = i;
            let mut digits = false;
            while i < b.len() {
                let c = b[i];
                if c.is_ascii_alphabetic() {
                    i += 1;
                } else if c.is_ascii_digit() {
                    digits = true;
                    i += 1;
                } else if (c == b'\'' || c == b'-')
                    && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
                {
                    i += 2;
                } else if c >= 0x80 {
                    match text[i..].chars().next() {
                        Some(ch) if ch.is_alphanumeric() => i += ch.len_utf8(),
                        _ => break,
                    }
                } else {
                    break;
                }
            }
            if !digits {
                return Some(start..i);
            }
        }
    })
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// The identity of the word `text[start..start + len]`: its lower-case bytes packed into 128
/// bits when it is short and ASCII (read 16 at a time where the text allows), else a hash of
/// its lower-case form with the top bit set.
fn word_id_at(text: &[u8], start: usize, len: usize) -> u128 {
    const ONES: u128 = u128::from_le_bytes([1; 16]);
    if len <= 15 {
        let x = match text.get(start..start + 16) {
            Some(b) => u128::from_le_bytes(b.try_into().unwrap_or([0; 16])),
            None => {
                let mut buf = [0u8; 16];
                buf[..len].copy_from_slice(&text[start..start + len]);
                u128::from_le_bytes(buf)
            }
        };
        // The word's bytes only, then ASCII upper case to lower case a byte at a time
        // without a carry between bytes (each is under 0x80).
        let x = x & ((1u128 << (8 * len)) - 1);
        if x & (0x80 * ONES) == 0 {
            let past_a = x + (0x80 - u128::from(b'A')) * ONES;
            let past_z = x + (0x80 - u128::from(b'Z') - 1) * ONES;
            let upper = (past_a ^ past_z) & (0x80 * ONES);
            return crate::wordmap::with_len(x | (upper >> 2), len);
        }
    }
    let word = std::str::from_utf8(&text[start..start + len]).unwrap_or("");
    (1u128 << 127) | u128::from(key_of(&word.to_lowercase()))
}

/// The stem key of a word (by its id), or `None` for a stop word, through this thread's cache.
fn stem_key(cache: &mut StemCache, id: u128, word: &str) -> Option<u64> {
    let h = mix((id as u64) ^ mix((id >> 64) as u64)).max(1);
    let slot = h as usize & (FRONT - 1);
    let (fh, fkey) = cache.front[slot];
    let key = if fh == h {
        fkey
    } else {
        let key = match cache.map.get(&id) {
            Some(&k) => k,
            None => {
                if cache.map.len() >= MAP_LIMIT {
                    cache.map.clear();
                }
                let word = word.to_lowercase();
                let k = if STOPWORDS.contains(word.as_str()) {
                    STOP
                } else {
                    let st = crate::stem::families::english();
                    match key_of(&crate::stem::families::snowball(&st, &word)) {
                        STOP => STOP - 1,
                        k => k,
                    }
                };
                cache.map.insert(id, k);
                k
            }
        };
        cache.front[slot] = (h, key);
        key
    };
    (key != STOP).then_some(key)
}

impl Topics {
    /// An empty collection.
    pub fn new() -> Topics {
        Topics::default()
    }

    /// How many items were added.
    pub fn count(&self) -> u64 {
        self.items
    }

    fn get(&self, s: Span) -> &str {
        if s == NONE {
            return "";
        }
        &self.arena[s.0 as usize..(s.0 + s.1) as usize]
    }

    fn store(&mut self, text: &str) -> Span {
        let start = self.arena.len() as u32;
        self.arena.push_str(text);
        (start, text.len() as u32)
    }

    /// The index of `key`'s record, if it has one.
    fn find(&self, key: u64) -> Option<usize> {
        if self.probe.is_empty() {
            return None;
        }
        let mask = self.probe.len() - 1;
        let tag = (key >> 32) as u32;
        let mut t = key as usize & mask;
        loop {
            match self.probe[t] {
                (_, 0) => return None,
                (g, r) if g == tag && self.hot[r as usize - 1].key == key => {
                    return Some(r as usize - 1);
                }
                _ => t = (t + 1) & mask,
            }
        }
    }

    /// The index of `key`'s record, created if new.
    fn slot(&mut self, key: u64, pair: Option<(u64, u64)>) -> usize {
        if 2 * (self.hot.len() + 1) > self.probe.len() {
            self.reindex((2 * self.probe.len()).max(1024));
        }
        let mask = self.probe.len() - 1;
        let tag = (key >> 32) as u32;
        let mut t = key as usize & mask;
        loop {
            match self.probe[t] {
                (g, r) if r != 0 && g == tag && self.hot[r as usize - 1].key == key => {
                    return r as usize - 1;
                }
                (_, 0) => break,
                _ => t = (t + 1) & mask,
            }
        }
        let i = self.hot.len();
        self.probe[t] = (tag, i as u32 + 1);
        self.hot.push(Hot {
            key,
            ..Hot::default()
        });
        self.cold.push(Cold {
            forms: [(0, NONE, 0); FORMS],
            pair,
            examples: [[NO_ID; EXAMPLES]; GROUPS],
        });
        i
    }

    /// Rebuilds the probe table with `size` slots (a power of two).
    fn reindex(&mut self, size: usize) {
        self.probe.clear();
        self.probe.resize(size, (0, 0));
        let mask = size - 1;
        for (i, h) in self.hot.iter().enumerate() {
            let mut t = h.key as usize & mask;
            while self.probe[t].1 != 0 {
                t = (t + 1) & mask;
            }
            self.probe[t] = ((h.key >> 32) as u32, i as u32 + 1);
        }
    }

    /// Counts one more sighting of a form already kept; false if it is not kept.
    fn count_form(&mut self, i: usize, id: u64) -> bool {
        match self.cold[i]
            .forms
            .iter_mut()
            .find(|f| f.1 != NONE && f.0 == id)
        {
            Some(f) => {
                f.2 += 1;
                true
            }
            None => false,
        }
    }

    /// Counts `n` sightings of `form` (space-saving: a form not kept replaces the least seen
    /// one, or fills an empty place, and counts on from it).
    fn add_form(&mut self, i: usize, id: u64, form: &str, n: u32) {
        let forms = &mut self.cold[i].forms;
        if let Some(f) = forms.iter_mut().find(|f| f.1 != NONE && f.0 == id) {
            f.2 += n;
            return;
        }
        let k = match forms.iter().position(|f| f.1 == NONE) {
            Some(k) => k,
            None => (0..FORMS).min_by_key(|&k| forms[k].2).unwrap_or(0),
        };
        let base = if forms[k].1 == NONE { 0 } else { forms[k].2 };
        let span = self.store(form);
        self.cold[i].forms[k] = (id, span, base.saturating_add(n));
    }

    /// The index in [`Topics::ids`] of a copy of `id`.
    fn add_id(&mut self, id: &str) -> u32 {
        let span = self.store(id);
        self.ids.push(span);
        (self.ids.len() - 1) as u32
    }

    /// Adds one item: its analysis (for its label, detected emotions and scored words), its
    /// text and an id to quote it by. For many items on many threads, see [`TermBatch`].
    pub fn add(&mut self, a: &Analysis, text: &str, id: &str) {
        let mut batch = TermBatch::new();
        batch.push(a, text);
        self.add_batch(&batch, [(text, id)]);
    }

    /// Adds the items of `batch`, in order, given each one's text (the same as for
    /// [`TermBatch::push`]) and an id to quote it by.
    pub fn add_batch<'a>(
        &mut self,
        batch: &TermBatch,
        items: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) {
        for (k, (text, id)) in items.into_iter().enumerate().take(batch.len()) {
            let (groups, terms) = batch.item(k);
            self.add_terms(groups, terms, text, id);
        }
    }

    fn add_terms(&mut self, group_bits: u16, terms: &[Term], text: &str, id: &str) {
        self.items += 1;
        let mut groups = [0usize; GROUPS];
        let mut n_groups = 0;
        for g in 0..GROUPS {
            if group_bits & (1 << g) != 0 {
                groups[n_groups] = g;
                n_groups += 1;
                self.group_items[g] += 1;
            }
        }
        let groups = &groups[..n_groups];
        let mut id_index = NO_ID;
        for term in terms {
            let i = self.slot(term.key(), term.pair());
            let hot = &mut self.hot[i];
            hot.items += 1;
            let mut want_id = false;
            for &g in groups {
                hot.groups[g] += 1;
                want_id |= hot.full & (1 << g) == 0;
            }
            let sampled = hot.items <= FORM_SAMPLE || hot.items.is_multiple_of(FORM_SAMPLE);
            if want_id {
                if id_index == NO_ID {
                    id_index = self.add_id(id);
                }
                for &g in groups {
                    take_example(&mut self.hot[i], &mut self.cold[i], g, id_index);
                }
            }
            if !sampled {
                continue;
            }
            // Written forms are told apart by their word ids; the text is built only for a
            // form not kept already.
            let word = |at: u32, len: u16| {
                text.get(at as usize..at as usize + usize::from(len))
                    .unwrap_or("")
            };
            let id = |at: u32, len: u16| {
                let id = word_id_at(text.as_bytes(), at as usize, usize::from(len));
                mix((id as u64) ^ mix((id >> 64) as u64))
            };
            let (wa, wb) = (word(term.a, term.a_len), word(term.b, term.b_len));
            let form = if term.second == 0 {
                id(term.a, term.a_len)
            } else {
                id(term.a, term.a_len).rotate_left(31)
                    ^ id(term.b, term.b_len).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            };
            if !self.count_form(i, form) {
                let text = if term.second == 0 {
                    wa.to_lowercase()
                } else {
                    format!("{} {}", wa.to_lowercase(), wb.to_lowercase())
                };
                self.add_form(i, form, &text, 1);
            }
        }
        self.prune();
    }

    /// Adds another collection's counts (the later items). Merging the collections of
    /// consecutive blocks in order gives the counts of one pass over all of them, as long as
    /// no collection had to drop terms (see the module docs); the written forms shown may
    /// differ.
    pub fn merge(&mut self, other: &Topics) {
        self.items += other.items;
        for g in 0..GROUPS {
            self.group_items[g] += other.group_items[g];
        }
        // Ids copied from `other`, by their index there.
        let mut copied: rustc_hash::FxHashMap<u32, u32> = rustc_hash::FxHashMap::default();
        for (oh, oc) in other.hot.iter().zip(&other.cold) {
            let i = self.slot(oh.key, oc.pair);
            self.hot[i].items += oh.items;
            for g in 0..GROUPS {
                self.hot[i].groups[g] += oh.groups[g];
                for &e in &oc.examples[g] {
                    if e == NO_ID || self.hot[i].full & (1 << g) != 0 {
                        break;
                    }
                    let id = match copied.get(&e) {
                        Some(&x) => x,
                        None => {
                            let x = self.add_id(other.get(other.ids[e as usize]));
                            copied.insert(e, x);
                            x
                        }
                    };
                    take_example(&mut self.hot[i], &mut self.cold[i], g, id);
                }
            }
            for (fid, f, n) in oc.forms {
                if f != NONE {
                    self.add_form(i, fid, other.get(f), n);
                }
            }
        }
        self.prune();
    }

    /// Keeps at most [`CAPACITY`] terms: past it, the quarter in the most items stays, in
    /// place, and the arena is rebuilt with only what they use. The arena is also rebuilt
    /// when replaced forms have left it twice its live size (and over [`ARENA_FLOOR`]).
    fn prune(&mut self) {
        let limit = self.arena_limit.max(ARENA_FLOOR);
        if self.hot.len() <= CAPACITY && self.arena.len() <= limit {
            return;
        }
        if self.hot.len() > CAPACITY {
            let mut counts: Vec<u32> = self.hot.iter().map(|s| s.items).collect();
            let keep = CAPACITY / 4;
            counts.select_nth_unstable_by(keep, |a, b| b.cmp(a));
            let floor = counts[keep];
            // Kept records move down in order; the vectors keep their memory.
            let mut kept = 0;
            for i in 0..self.hot.len() {
                if self.hot[i].items > floor {
                    self.hot.swap(kept, i);
                    self.cold.swap(kept, i);
                    kept += 1;
                }
            }
            self.hot.truncate(kept);
            self.cold.truncate(kept);
            self.reindex(self.probe.len());
        }
        let old_arena = std::mem::take(&mut self.arena);
        let old_ids = std::mem::take(&mut self.ids);
        let old = |s: Span| {
            if s == NONE {
                ""
            } else {
                &old_arena[s.0 as usize..(s.0 + s.1) as usize]
            }
        };
        let mut arena = String::with_capacity(old_arena.len() / 2);
        let mut store = |text: &str| {
            let start = arena.len() as u32;
            arena.push_str(text);
            (start, text.len() as u32)
        };
        let mut ids: Vec<Span> = Vec::new();
        let mut copied: rustc_hash::FxHashMap<u32, u32> = rustc_hash::FxHashMap::default();
        for cold in &mut self.cold {
            for (_, f, _) in &mut cold.forms {
                if *f != NONE {
                    *f = store(old(*f));
                }
            }
            for e in cold.examples.iter_mut().flatten() {
                if *e != NO_ID {
                    let was = *e;
                    *e = *copied.entry(was).or_insert_with(|| {
                        ids.push(store(old(old_ids[was as usize])));
                        (ids.len() - 1) as u32
                    });
                }
            }
        }
        self.arena = arena;
        self.ids = ids;
        self.arena_limit = 2 * self.arena.len();
    }

    /// The `n` terms most over-represented in `group` (for [`TopicGroup::All`]: in the most
    /// items), strongest first. A single word is left out when a listed two-word phrase
    /// accounts for at least half of its items in the group.
    pub fn top(&self, group: TopicGroup, n: usize) -> Vec<Topic> {
        let g = group_index(group);
        let n_group = g.map_or(self.items, |g| self.group_items[g]);
        if n_group == 0 || n == 0 {
            return Vec::new();
        }
        let n_all = self.items as f64;
        let min_items = MIN_ITEMS.max((MIN_SHARE * n_group as f64).ceil() as u32);
        let mut scored: Vec<(f64, String, usize)> = Vec::new();
        for (i, c) in self.hot.iter().enumerate() {
            if f64::from(c.items) > UBIQUITOUS * self.items as f64 {
                continue;
            }
            let y = g.map_or(c.items, |g| c.groups[g]);
            if y < min_items {
                continue;
            }
            let score = match g {
                None => f64::from(y),
                Some(_) => {
                    // Items with the term, in the group and in the rest; the prior's
                    // pseudo-items split as the term's share of all items.
                    let yg = f64::from(y);
                    let yr = f64::from(c.items) - yg;
                    let a = PRIOR * f64::from(c.items) / n_all;
                    let b = PRIOR - a;
                    let (ng, nr) = (n_group as f64, n_all - n_group as f64);
                    let delta = ((yg + a) / (ng - yg + b)).ln() - ((yr + a) / (nr - yr + b)).ln();
                    if delta.is_nan() || delta <= 0.0 {
                        continue;
                    }
                    let var =
                        1.0 / (yg + a) + 1.0 / (ng - yg + b) + 1.0 / (yr + a) + 1.0 / (nr - yr + b);
                    delta / var.sqrt()
                }
            };
            // Shown as its most frequent written form (ties: the first in order).
            let term = self.cold[i]
                .forms
                .iter()
                .filter(|(_, f, _)| *f != NONE)
                .max_by(|a, b| a.2.cmp(&b.2).then_with(|| self.get(b.1).cmp(self.get(a.1))))
                .map_or_else(String::new, |(_, f, _)| self.get(*f).to_string());
            scored.push((score, term, i));
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let count_in = |c: &Hot| g.map_or(c.items, |g| c.groups[g]);
        let mut out: Vec<Topic> = Vec::new();
        let mut phrases: Vec<((u64, u64), u32)> = Vec::new();
        for (score, term, i) in scored {
            if out.len() == n {
                break;
            }
            let (c, cold) = (&self.hot[i], &self.cold[i]);
            let y = count_in(c);
            match cold.pair {
                None => {
                    let mostly_a_phrase = phrases.iter().any(|((a, b), py)| {
                        (*a == c.key || *b == c.key) && 2 * u64::from(*py) >= u64::from(y)
                    });
                    if mostly_a_phrase {
                        continue;
                    }
                }
                Some(p) => phrases.push((p, y)),
            }
            let mut examples: Vec<String> = Vec::new();
            let groups: Vec<usize> = match g {
                Some(g) => vec![g],
                None => (0..GROUPS).collect(),
            };
            for gg in groups {
                for &e in &cold.examples[gg] {
                    if e != NO_ID && examples.len() < EXAMPLES {
                        let id = self.get(self.ids[e as usize]).to_string();
                        if !examples.contains(&id) {
                            examples.push(id);
                        }
                    }
                }
            }
            out.push(Topic {
                term,
                items: u64::from(y),
                share: f64::from(y) / n_group as f64,
                z: if g.is_some() { score } else { 0.0 },
                examples,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_planted_topic_comes_first() {
        let mut t = Topics::new();
        let mut n = 0;
        let mut add = |t: &mut Topics, text: &str| {
            t.add(&crate::analyze(text), text, &n.to_string());
            n += 1;
        };
        for i in 0..200 {
            // Background: the same subjects on both sides.
            add(
                &mut t,
                &format!("The screen and the speaker are fine, model {i}."),
            );
            add(&mut t, "I love the screen and the speaker.");
            add(&mut t, "I hate the screen and the speaker.");
            if i % 4 == 0 {
                // The planted subject of the negative items.
                add(
                    &mut t,
                    "The refund never came, terrible refunds department.",
                );
                add(&mut t, "Still waiting for my refund, awful.");
            }
        }
        let neg = t.top(TopicGroup::Label(Label::Negative), 5);
        assert_eq!(neg[0].term(), "refund", "{neg:?}");
        assert!(neg[0].z() > 3.0);
        assert_eq!(neg[0].examples().len(), 2);
        let pos = t.top(TopicGroup::Label(Label::Positive), 5);
        assert!(
            pos.iter().all(|x| !x.term().starts_with("refund")),
            "{pos:?}"
        );
    }

    #[test]
    fn merging_blocks_in_order_equals_one_pass() {
        let texts: Vec<String> = (0..500)
            .map(|i| match i % 6 {
                0 => format!("customer service was rude, order {i}"),
                1 | 2 => "battery life is great".to_string(),
                3 | 4 => format!("the screen is fine, model {i}"),
                _ => "delivery was slow, awful".to_string(),
            })
            .collect();
        let mut whole = Topics::new();
        let mut blocks = Topics::new();
        for chunk in texts.chunks(64) {
            let mut b = Topics::new();
            for (i, text) in chunk.iter().enumerate() {
                let a = crate::analyze(text);
                whole.add(&a, text, &i.to_string());
                b.add(&a, text, &i.to_string());
            }
            blocks.merge(&b);
        }
        for g in [
            TopicGroup::All,
            TopicGroup::Label(Label::Negative),
            TopicGroup::Label(Label::Positive),
        ] {
            let a: Vec<(String, u64)> = whole
                .top(g, 10)
                .iter()
                .map(|t| (t.term().to_string(), t.items()))
                .collect();
            let b: Vec<(String, u64)> = blocks
                .top(g, 10)
                .iter()
                .map(|t| (t.term().to_string(), t.items()))
                .collect();
            assert_eq!(a, b);
        }
        let neg = whole.top(TopicGroup::Label(Label::Negative), 3);
        assert!(
            neg.iter().any(|t| t.term() == "customer service"),
            "{neg:?}"
        );
    }

    #[test]
    fn word_ids_are_the_lower_case_bytes() {
        let naive = |w: &str| -> u128 {
            if w.len() <= 15 && w.is_ascii() {
                let mut k = (w.len() as u128) << 120;
                for (j, c) in w.bytes().enumerate() {
                    k |= u128::from(c.to_ascii_lowercase()) << (8 * j);
                }
                k
            } else {
                (1u128 << 127) | u128::from(key_of(&w.to_lowercase()))
            }
        };
        let text = "Refund REFUNDS don't Well-Made [Zz]@` AZaz a-very-long-hyphenated-word Café x";
        let mut at = 0;
        for w in text.split(' ') {
            assert_eq!(word_id_at(text.as_bytes(), at, w.len()), naive(w), "{w:?}");
            // The same word at the very end of a text (fewer than 16 bytes after it).
            assert_eq!(word_id_at(w.as_bytes(), 0, w.len()), naive(w), "{w:?}");
            at += w.len() + 1;
        }
    }

    #[test]
    fn memory_is_bounded() {
        let mut t = Topics::new();
        for i in 0..(CAPACITY + 10) {
            let w = format!("zq{}x", i);
            let text: String = w
                .chars()
                .map(|c| {
                    if c.is_ascii_digit() {
                        (b'a' + c as u8 - b'0') as char
                    } else {
                        c
                    }
                })
                .collect();
            t.add(&crate::analyze(&text), &text, "x");
        }
        assert!(t.hot.len() <= CAPACITY && t.cold.len() == t.hot.len());
    }

    #[test]
    fn batches_found_apart_and_added_in_order_equal_adding_one_by_one() {
        let texts: Vec<String> = (0..300)
            .map(|i| match i % 3 {
                0 => format!("The refund for order {i} never came, awful refunds desk"),
                1 => "Battery life is great, and the battery charges fast".to_string(),
                _ => format!("Screen size is fine, shipping box {i} was dented"),
            })
            .collect();
        let mut one = Topics::new();
        for (i, t) in texts.iter().enumerate() {
            one.add(&crate::analyze(t), t, &i.to_string());
        }
        let ids: Vec<String> = (0..texts.len()).map(|i| i.to_string()).collect();
        let mut batched = Topics::new();
        for (chunk, idc) in texts.chunks(37).zip(ids.chunks(37)) {
            let mut b = TermBatch::new();
            for t in chunk {
                b.push(&crate::analyze(t), t);
            }
            assert_eq!(b.len(), chunk.len());
            batched.add_batch(
                &b,
                chunk
                    .iter()
                    .map(String::as_str)
                    .zip(idc.iter().map(String::as_str)),
            );
        }
        assert_eq!(one, batched);
        for g in [TopicGroup::All, TopicGroup::Label(Label::Negative)] {
            assert_eq!(one.top(g, 10), batched.top(g, 10));
        }
        // An item counts a term once however often it says it.
        let all = one.top(TopicGroup::All, 20);
        let battery = all.iter().find(|t| t.term() == "battery").unwrap();
        assert_eq!(battery.items(), 100);
    }
}
