//! The names carried input values are written under: never one of emotive's own output names,
//! never two alike.
//!
//! The rule, applied to the input's names in order (a CSV header, a JSON object's members):
//! a name that emotive writes itself (`compound`, `label`, `positive`, `negative`, `neutral`,
//! `emotions`, `detected`, `dominant`, `sentences`, `hits`, `text`, `terms` and the eight
//! emotion names) becomes `input_<name>`; a name already taken by an earlier one gets `_2`,
//! `_3` … (the first free). So `id,score,score,text` carries `id, score, score_2`, and
//! `compound,input_compound` carries `input_compound, input_compound_2`.

/// Names emotive writes in any output format.
pub const RESERVED: &[&str] = &[
    "compound",
    "label",
    "positive",
    "negative",
    "neutral",
    "emotions",
    "detected",
    "dominant",
    "sentences",
    "hits",
    "text",
    "terms",
    "anger",
    "anticipation",
    "disgust",
    "fear",
    "joy",
    "sadness",
    "surprise",
    "trust",
];

/// Renames `names` in place by the module's rule.
pub fn make_unique<'a>(names: impl Iterator<Item = &'a mut String>) {
    let mut used: Vec<String> = Vec::new();
    for name in names {
        if RESERVED.contains(&name.as_str()) {
            *name = format!("input_{name}");
        }
        if used.contains(name) {
            let base = name.clone();
            let mut n = 2;
            while used.contains(name) {
                *name = format!("{base}_{n}");
                n += 1;
            }
        }
        used.push(name.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unique(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        make_unique(v.iter_mut());
        v
    }

    #[test]
    fn duplicates_and_reserved_names() {
        assert_eq!(
            unique(&["id", "score", "score"]),
            ["id", "score", "score_2"]
        );
        assert_eq!(
            unique(&["compound", "input_compound"]),
            ["input_compound", "input_compound_2"]
        );
        assert_eq!(unique(&["a", "a", "a_2"]), ["a", "a_2", "a_2_2"]);
        assert_eq!(unique(&["joy", "Joy"]), ["input_joy", "Joy"]);
    }
}
