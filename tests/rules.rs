//! Table-driven tests of the rules, one table per rule (STYLE.md rule 15). Each row names a
//! case, gives the text and the property its analysis must have.

use emotive::{Analysis, Emotion, Label, analyze};

macro_rules! t {
    ($name:ident, $text:expr, |$a:ident| $check:expr) => {
        #[test]
        fn $name() {
            let $a: Analysis = analyze($text);
            assert!(
                $check,
                "{:?}: compound {} label {} hits {:?}",
                $text,
                $a.compound(),
                $a.label(),
                $a.hits()
            );
        }
    };
}

/// `a` scores strictly higher than `b`.
fn higher(a: &str, b: &str) -> bool {
    analyze(a).compound() > analyze(b).compound()
}

mod negation {
    use super::*;
    t!(neg001, "The food was not good.", |a| a.label()
        == Label::Negative);
    t!(neg002, "The food was not bad at all.", |a| a.label()
        == Label::Positive);
    t!(neg003, "No problem, happy to help", |a| a.label()
        == Label::Positive);
    t!(neg004, "I have never been so happy", |a| a.compound()
        > analyze("I have been happy").compound());
    t!(neg005, "I don't like it", |a| a.label() == Label::Negative);
    t!(neg006, "It isn’t great", |a| a.label() == Label::Negative);
    t!(neg007, "not happy", |a| !a
        .detected()
        .contains(Emotion::Joy));
    t!(neg008, "Not good, but the staff was lovely", |a| a.label()
        == Label::Positive);
    t!(neg009, "It's not that I dislike it", |a| a.compound()
        > analyze("I dislike it").compound());
    t!(neg010, "Never felt better", |a| a.label()
        == Label::Positive);
    t!(neg011, "no, great job", |a| a.label() == Label::Positive);
    t!(neg012, "without doubt the best", |a| a.label()
        == Label::Positive);
    t!(neg013, "I can't stand it", |a| a.label() == Label::Negative);
    #[test]
    fn negation_has_a_window() {
        assert!(analyze("not a single one of the many staff there was rude").compound() < 0.0);
    }
}

mod boosters {
    use super::*;
    #[test]
    fn boosters_strengthen() {
        assert!(higher(
            "The service is extremely good",
            "The service is good"
        ));
        assert!(higher("The service is good", "The service is kind of good"));
        assert!(higher(
            "The service is good",
            "The service is slightly good"
        ));
        assert!(higher("It is bad", "It is very bad"));
    }
    t!(
        boost001,
        "It's kind of ok but the battery life is terrible",
        |a| a.label() == Label::Negative
    );
    t!(boost002, "kind people", |a| a.label() == Label::Positive);
}

mod caps_and_punctuation {
    use super::*;
    #[test]
    fn caps_emphasis_in_mixed_case() {
        assert!(higher("I LOVE this", "I love this"));
        assert!(higher("I LOVE this!!!", "I love this"));
        // An all-caps text has nothing to emphasise against.
        assert_eq!(
            analyze("I LOVE THIS").compound(),
            analyze("i love this").compound()
        );
    }
    #[test]
    fn exclamation_is_bounded() {
        assert!(higher("great!", "great"));
        assert!(higher("great!!!", "great!"));
        assert_eq!(
            analyze("great!!!!").compound(),
            analyze("great!!!!!!!!!").compound()
        );
        assert!(higher("awful", "awful!!!"));
    }
    #[test]
    fn elongation_emphasises() {
        assert!(higher("soooo goooood", "so good"));
    }
}

mod contrast {
    use super::*;
    t!(
        con001,
        "I expected to hate it, but it's actually wonderful",
        |a| a.label() == Label::Positive
    );
    t!(
        con002,
        "The screen is wonderful but the battery is terrible",
        |a| a.label() == Label::Negative
    );
    t!(
        con003,
        "The battery is terrible, however the screen is wonderful",
        |a| a.label() == Label::Positive
    );
    t!(
        con004,
        "Even though the staff was rude, the food was excellent",
        |a| a.label() == Label::Positive
    );
    t!(
        con005,
        "The battery life is NOT great, but support was amazing!",
        |a| a.label() == Label::Positive
    );
}

mod idioms {
    use super::*;
    t!(idi001, "This phone is the bomb", |a| a.label()
        == Label::Positive);
    t!(idi002, "I'm fed up with this company", |a| a.label()
        == Label::Negative
        && a.hits().iter().any(|h| h.term() == "fed up"));
    t!(idi003, "They cut corners everywhere", |a| a.label()
        == Label::Negative);
    t!(idi004, "Total waste of money", |a| a.label()
        == Label::Negative);
    t!(idi005, "works like a charm", |a| a.label()
        == Label::Positive);
    t!(idi006, "at least it arrived", |a| a.compound() >= 0.0);
    t!(idi007, "highly recommend", |a| a.label() == Label::Positive);
}

mod emoji {
    use super::*;
    t!(emo001, "😍😍 best purchase ever", |a| a.label()
        == Label::Positive);
    t!(emo002, "arrived broken 😡", |a| a.label()
        == Label::Negative);
    t!(emo003, "ok 😭😭", |a| a.compound()
        < analyze("ok").compound());
    t!(emo004, "thanks :)", |a| a.compound()
        > analyze("thanks").compound());
    t!(emo005, "meh :(", |a| a.label() == Label::Negative);
    t!(emo006, "love it 👍🏽", |a| a
        .hits()
        .iter()
        .any(|h| h.term().starts_with('👍')));
    t!(emo007, "so sweet &lt;3", |a| a
        .hits()
        .iter()
        .any(|h| h.term() == "<3"));
    t!(emo008, "not :(", |a| a.label() == Label::Negative);
}

mod stems {
    use super::*;
    t!(stem001, "what a disappointment", |a| a.label()
        == Label::Negative);
    t!(stem002, "it disappoints", |a| a.label() == Label::Negative);
    // Derivational stems must not match: "effects" is not "effective".
    t!(stem003, "the effects were used", |a| a
        .hits()
        .iter()
        .all(|h| h.term() != "effective"));
}

mod context {
    use super::*;
    t!(cue001, "I really like it", |a| a.label() == Label::Positive);
    t!(cue002, "it looks like rain", |a| a
        .hits()
        .iter()
        .all(|h| h.term() != "like"));
    t!(cue003, "Like it a lot", |a| a.label() == Label::Positive);
    t!(num001, "room 187 was fine", |a| a
        .hits()
        .iter()
        .all(|h| h.term() != "187"));
    t!(num002, "5 stars", |a| a.label() == Label::Positive);
    t!(
        long001,
        "Good. Good. Good. Good. Good. Good. Good. Good. Good. Good. Good. Good.",
        |a| a.compound() < 0.99
    );
}
