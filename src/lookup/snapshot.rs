//! The default analyzer's [`Table`], compiled ahead of time.
//!
//! Compiling the bundled lexicons (stems, expressions, the maps, the emoji read through their
//! descriptions) takes 15–25 ms, which `echo … | emotive` would pay on every run. The result
//! for the default settings is stored in `lexicons/default_table.bin` and read back in a few
//! milliseconds; a test rebuilds the table from the lexicons and fails when the stored bytes
//! differ (`EMOTIVE_UPDATE_SNAPSHOT=1 cargo test --lib snapshot` rewrites them). Any other
//! settings compile as before.
//!
//! Layout, little-endian: the magic `EMOTAB01`, the terms in id order (key, flags, a byte
//! saying whether the key is a surface form and which of valence, emotions, modifier,
//! contrast weights, phrase, exception and cue ranges follow, differing from a new term's),
//! the expressions, the negation exceptions, the cue ids, the stem
//! map's keys and ids, and the id of the `n't` negator. Surface map, Bloom filters and the
//! compact per-term arrays are rebuilt from those.

use std::sync::atomic::Ordering;

use rust_stemmers::Algorithm;

use super::{KnownStems, NEXT_ID, NONE, Phrase, Table, Term, TermId};
use crate::flags::TermFlags;
use crate::wordmap::{Bloom, WordMap, WordSet};

/// The default analyzer's table (see the module documentation).
pub(crate) const DEFAULT_TABLE: &[u8] = include_bytes!("../../lexicons/default_table.bin");

const MAGIC: &[u8; 8] = b"EMOTAB01";

impl Table {
    /// The table as bytes (see the module documentation); written by the test that checks
    /// the stored table.
    #[cfg(test)]
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(1 << 20);
        out.extend_from_slice(MAGIC);
        let u32_ = |out: &mut Vec<u8>, x: u32| out.extend_from_slice(&x.to_le_bytes());
        let f32_ = |out: &mut Vec<u8>, x: f32| out.extend_from_slice(&x.to_le_bytes());
        let bytes = |out: &mut Vec<u8>, b: &[u8]| {
            u32_(out, b.len() as u32);
            out.extend_from_slice(b);
        };
        u32_(&mut out, self.terms.len() as u32);
        for (id, t) in self.terms.iter().enumerate() {
            bytes(&mut out, t.key.as_bytes());
            out.push(t.flags.bits());
            // Which of the rest differ from a new term's (most terms carry one or two).
            let blank = Term::new("");
            let parts = [
                self.surface.get(t.key.as_bytes()) == Some(TermId::new(id)),
                t.valence.to_bits() != blank.valence.to_bits(),
                t.emotions.map(f32::to_bits) != blank.emotions.map(f32::to_bits),
                t.modifier.to_bits() != blank.modifier.to_bits(),
                t.contrast.map(f32::to_bits) != blank.contrast.map(f32::to_bits),
                t.phrases != blank.phrases,
                t.exceptions != blank.exceptions,
                t.cues != blank.cues,
            ];
            out.push((0..8).filter(|&i| parts[i]).map(|i| 1u8 << i).sum());
            if parts[1] {
                f32_(&mut out, t.valence);
            }
            if parts[2] {
                t.emotions.iter().for_each(|&e| f32_(&mut out, e));
            }
            if parts[3] {
                f32_(&mut out, t.modifier);
            }
            if parts[4] {
                t.contrast.iter().for_each(|&c| f32_(&mut out, c));
            }
            for (i, (a, b)) in [(5, t.phrases), (6, t.exceptions), (7, t.cues)] {
                if parts[i] {
                    u32_(&mut out, a);
                    u32_(&mut out, b);
                }
            }
        }
        u32_(&mut out, self.phrases.len() as u32);
        for p in &self.phrases {
            u32_(&mut out, p.term.raw());
            u32_(&mut out, p.rest.len() as u32);
            p.rest.iter().for_each(|&r| u32_(&mut out, r.raw()));
        }
        u32_(&mut out, self.exceptions.len() as u32);
        for &(c, m) in &self.exceptions {
            u32_(&mut out, c.raw());
            f32_(&mut out, m);
        }
        u32_(&mut out, self.cues.len() as u32);
        self.cues.iter().for_each(|&c| u32_(&mut out, c.raw()));
        // The stem map in key order, so that the bytes do not depend on hash order.
        let mut stems: Vec<(Vec<u8>, TermId)> = self.stems.iter().collect();
        stems.sort_unstable();
        u32_(&mut out, stems.len() as u32);
        for (k, id) in stems {
            bytes(&mut out, &k);
            u32_(&mut out, id.raw());
        }
        u32_(&mut out, self.nt_negator.raw());
        out
    }

    /// Reads a table written by [`Table::encode`]; `None` if `data` is not one (wrong magic,
    /// cut short, an id out of range, trailing bytes).
    pub(crate) fn decode(
        data: &[u8],
        stemmer: Option<Algorithm>,
        known_stems: Option<&'static KnownStems>,
    ) -> Option<Table> {
        let mut r = Reader { data, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return None;
        }
        let n = r.u32()? as usize;
        // Each term takes at least 6 bytes: a count beyond that is corrupt, not a reason to
        // reserve gigabytes.
        if n > data.len() / 6 {
            return None;
        }
        let mut terms = Vec::with_capacity(n);
        let mut in_surface = Vec::with_capacity(n);
        for _ in 0..n {
            let len = r.u32()? as usize;
            let key = std::str::from_utf8(r.take(len)?).ok()?;
            let mut t = Term::new(key);
            t.flags = TermFlags::from_bits(r.u8()?);
            let parts = r.u8()?;
            let has = |i: u32| parts & (1 << i) != 0;
            in_surface.push(has(0));
            if has(1) {
                t.valence = r.f32()?;
            }
            if has(2) {
                for e in &mut t.emotions {
                    *e = r.f32()?;
                }
            }
            if has(3) {
                t.modifier = r.f32()?;
            }
            if has(4) {
                t.contrast = [r.f32()?, r.f32()?];
            }
            if has(5) {
                t.phrases = (r.u32()?, r.u32()?);
            }
            if has(6) {
                t.exceptions = (r.u32()?, r.u32()?);
            }
            if has(7) {
                t.cues = (r.u32()?, r.u32()?);
            }
            terms.push(t);
        }
        // A stored id must be NONE or name one of the terms.
        let id = |x: u32| {
            let x = TermId::from_raw(x);
            (x == NONE || x.index() < n).then_some(x)
        };
        let mut phrases = Vec::new();
        for _ in 0..r.u32()? {
            let term = id(r.u32()?)?;
            let len = r.u32()? as usize;
            let rest: Box<[TermId]> = (0..len.min(r.left() / 4))
                .map(|_| r.u32().and_then(id))
                .collect::<Option<_>>()?;
            if rest.len() != len {
                return None;
            }
            let next = rest.first().copied().unwrap_or(NONE);
            phrases.push(Phrase { next, rest, term });
        }
        let mut exceptions = Vec::new();
        for _ in 0..r.u32()? {
            exceptions.push((id(r.u32()?)?, r.f32()?));
        }
        let mut cues = Vec::new();
        for _ in 0..r.u32()? {
            cues.push(id(r.u32()?)?);
        }
        // Every range into those lists must lie inside them.
        let fits = |(a, b): (u32, u32), len: usize| a <= b && (b as usize) <= len;
        if !terms.iter().all(|t| {
            fits(t.phrases, phrases.len())
                && fits(t.exceptions, exceptions.len())
                && fits(t.cues, cues.len())
        }) {
            return None;
        }
        let mut t = Table {
            terms: Vec::new(),
            flags: Vec::new(),
            scores: Vec::new(),
            emotions: Vec::new(),
            phrase_ranges: Vec::new(),
            phrase_pairs: Bloom::new(super::PAIR_BLOOM_BITS),
            surface: WordMap::default(),
            surface_bloom: Bloom::new(super::BLOOM_BITS),
            stems: WordMap::default(),
            stem_heads: WordSet::default(),
            heads_bloom: Bloom::new(super::BLOOM_BITS),
            phrases,
            exceptions,
            cues,
            stemmer,
            known_stems,
            nt_negator: NONE,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        };
        for (i, term) in terms.iter().enumerate() {
            if in_surface[i] {
                t.surface.insert(term.key.as_bytes(), TermId::new(i));
                t.surface_bloom.insert(term.key.as_bytes());
            }
        }
        t.terms = terms;
        for _ in 0..r.u32()? {
            let len = r.u32()? as usize;
            let key = r.take(len)?;
            let stem = id(r.u32()?)?;
            if key.is_empty() {
                return None;
            }
            t.stems.insert(key, stem);
            t.stem_heads.insert(&key[..key.len() - 1]);
            t.heads_bloom.insert(&key[..key.len() - 1]);
        }
        t.nt_negator = id(r.u32()?)?;
        if r.left() != 0 {
            return None;
        }
        t.sync_hot();
        Some(t)
    }
}

/// Reads little-endian values off a byte slice; `None` past its end.
struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn left(&self) -> usize {
        self.data.len() - self.at
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let b = self.data.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(b)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn f32(&mut self) -> Option<f32> {
        Some(f32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyzer::Analyzer;
    use crate::builder::AnalyzerBuilder;

    fn fresh() -> Analyzer {
        let mut b = AnalyzerBuilder::new();
        b.snapshot = false;
        b.build().expect("default settings are valid")
    }

    #[test]
    fn snapshot_is_current() {
        let bytes = fresh().table().encode();
        if bytes == DEFAULT_TABLE {
            return;
        }
        if std::env::var_os("EMOTIVE_UPDATE_SNAPSHOT").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/lexicons/default_table.bin");
            std::fs::write(path, &bytes).expect("write lexicons/default_table.bin");
            eprintln!(
                "rewrote {path} ({} bytes); rebuild to include it",
                bytes.len()
            );
            return;
        }
        panic!(
            "lexicons/default_table.bin ({} bytes) is not the table the lexicons and code build \
             ({} bytes): run `EMOTIVE_UPDATE_SNAPSHOT=1 cargo test --lib snapshot`, then rebuild",
            DEFAULT_TABLE.len(),
            bytes.len()
        );
    }

    #[test]
    fn decoding_gives_back_the_same_table() {
        let table = fresh().table().clone();
        let bytes = table.encode();
        let back = Table::decode(&bytes, table.stemmer, table.known_stems).expect("decodes");
        assert_eq!(back.encode(), bytes);
        assert_eq!(back.terms.len(), table.terms.len());
        assert_eq!(back.surface.len(), table.surface.len());
        assert_eq!(back.stems.len(), table.stems.len());
    }

    #[test]
    fn the_default_analyzer_reads_the_snapshot_and_scores_as_a_fresh_one() {
        let stored = Analyzer::builder()
            .build()
            .expect("default settings are valid");
        let fresh = fresh();
        assert_ne!(stored.table().id, fresh.table().id);
        assert_eq!(stored.table().encode(), fresh.table().encode());
        for text in [
            "I love it!",
            "She feels furious.",
            "not bad at all, but the battery DIED and I'm scared 😡 :(",
            "disappointingly mediocre; would not recommend",
            "kind of fed up with this, honestly",
        ] {
            assert_eq!(
                format!("{:?}", stored.analyze(text)),
                format!("{:?}", fresh.analyze(text)),
                "{text}"
            );
        }
    }

    #[test]
    fn a_damaged_snapshot_is_refused() {
        let bytes = fresh().table().encode();
        assert!(Table::decode(b"", None, None).is_none());
        assert!(Table::decode(b"EMOTAB00", None, None).is_none());
        for cut in [9, 100, bytes.len() / 2, bytes.len() - 1] {
            assert!(Table::decode(&bytes[..cut], None, None).is_none(), "{cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Table::decode(&longer, None, None).is_none());
        // An id out of range (the `n't` negator's, last).
        let mut bad = bytes;
        let n = bad.len();
        bad[n - 4..].copy_from_slice(&(u32::MAX - 1).to_le_bytes());
        assert!(Table::decode(&bad, None, None).is_none());
    }
}
