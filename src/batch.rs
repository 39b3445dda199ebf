//! Stage 5: many texts at once — in parallel with rayon (feature `rayon`, on by default),
//! always in input order, always identical to analysing the texts one by one.
//!
//! | one text | many texts |
//! |---|---|
//! | [`Analyzer::analyze`] | [`Analyzer::analyze_batch`] (a slice, all results at once) |
//! | [`analyze`](crate::analyze) | [`Analyzer::analyze_iter`] (any iterator, streamed in chunks) |

use crate::analysis::Analysis;
use crate::analyzer::Analyzer;

/// Texts handed to one rayon task at least: enough work (tens of microseconds) to pay for the
/// task, few enough to balance two to sixty-four cores.
#[cfg(feature = "rayon")]
const MIN_TASK: usize = 8;

impl Analyzer {
    /// Analyzes every text, in parallel when the `rayon` feature is on. The result has one
    /// [`Analysis`] per text, in input order, equal to what [`Analyzer::analyze`] gives.
    ///
    /// ```
    /// let out = emotive::Analyzer::default_ref().analyze_batch(&["great", "awful"]);
    /// assert!(out[0].compound() > 0.0 && out[1].compound() < 0.0);
    /// ```
    pub fn analyze_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Analysis> {
        #[cfg(feature = "rayon")]
        {
            use rayon::prelude::*;
            texts
                .par_iter()
                .with_min_len(MIN_TASK)
                .map(|t| self.analyze(t.as_ref()))
                .collect()
        }
        #[cfg(not(feature = "rayon"))]
        {
            texts.iter().map(|t| self.analyze(t.as_ref())).collect()
        }
    }

    /// Analyzes a stream of texts that need not fit in memory: the iterator is read
    /// `chunk_size` texts at a time, each chunk analysed in parallel, and the results handed
    /// out in input order. Memory holds one chunk of texts and results.
    ///
    /// ```
    /// let lines = ["good", "bad", "fine"].into_iter().map(String::from);
    /// let labels: Vec<_> = emotive::Analyzer::default_ref()
    ///     .analyze_iter(lines, 1024)
    ///     .map(|a| a.label().name())
    ///     .collect();
    /// assert_eq!(labels, ["positive", "negative", "positive"]);
    /// ```
    pub fn analyze_iter<I>(&self, texts: I, chunk_size: usize) -> AnalyzeIter<'_, I::IntoIter>
    where
        I: IntoIterator,
        I::Item: AsRef<str> + Send + Sync,
    {
        AnalyzeIter {
            analyzer: self,
            texts: texts.into_iter(),
            chunk: chunk_size.max(1),
            ready: Vec::new().into_iter(),
        }
    }
}

/// The iterator returned by [`Analyzer::analyze_iter`].
#[derive(Debug)]
pub struct AnalyzeIter<'a, I: Iterator> {
    analyzer: &'a Analyzer,
    texts: I,
    chunk: usize,
    ready: std::vec::IntoIter<Analysis>,
}

impl<I> Iterator for AnalyzeIter<'_, I>
where
    I: Iterator,
    I::Item: AsRef<str> + Send + Sync,
{
    type Item = Analysis;

    fn next(&mut self) -> Option<Analysis> {
        if let Some(a) = self.ready.next() {
            return Some(a);
        }
        let batch: Vec<I::Item> = self.texts.by_ref().take(self.chunk).collect();
        if batch.is_empty() {
            return None;
        }
        self.ready = self.analyzer.analyze_batch(&batch).into_iter();
        self.ready.next()
    }
}

/// Analyzes every text with the default analyzer; see [`Analyzer::analyze_batch`].
pub fn analyze_batch<S: AsRef<str> + Sync>(texts: &[S]) -> Vec<Analysis> {
    Analyzer::default_ref().analyze_batch(texts)
}
