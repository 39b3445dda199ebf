//! [`ContrastWord`]: a word that weighs the rest of its sentence (`but`, `even though`).

/// A contrast word and its weights; see [`parse_contrast`](crate::lexicon::parse_contrast).
#[derive(Clone, Debug, PartialEq)]
pub struct ContrastWord {
    term: String,
    before: f32,
    after: f32,
    concession: bool,
}

impl ContrastWord {
    /// A pivot such as `but`: the sentence's words before it are weighed by `before`, the
    /// words after it by `after`.
    pub fn pivot(term: &str, before: f32, after: f32) -> ContrastWord {
        ContrastWord {
            term: crate::lexicon::normalize_term(term),
            before,
            after,
            concession: false,
        }
    }

    /// A concession such as `even though`: the clause it opens is weighed by `inside`, the
    /// rest of the sentence by `rest`.
    pub fn concession(term: &str, inside: f32, rest: f32) -> ContrastWord {
        ContrastWord {
            term: crate::lexicon::normalize_term(term),
            before: inside,
            after: rest,
            concession: true,
        }
    }

    /// The word or phrase.
    pub fn term(&self) -> &str {
        &self.term
    }

    /// Whether this is a concession rather than a pivot.
    pub fn is_concession(&self) -> bool {
        self.concession
    }

    /// `[before, after]` for a pivot, `[inside, rest]` for a concession.
    pub fn weights(&self) -> [f32; 2] {
        [self.before, self.after]
    }
}
