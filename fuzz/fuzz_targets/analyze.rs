//! Any text: the analyzer never panics, every score is finite and in range, and every hit's
//! span lies on character boundaries of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let a = emotive::analyze(&text);
    let c = a.compound();
    assert!(c.is_finite() && (-1.0..=1.0).contains(&c));
    let shares = a.positive() + a.negative() + a.neutral();
    assert!((shares - 1.0).abs() < 1e-6);
    for (_, v) in a.emotions().iter() {
        assert!(v.is_finite() && (0.0..=1.0).contains(&v));
    }
    for h in a.hits() {
        assert!(text.get(h.span()).is_some());
    }
    // The tokenizer alone, too (it is public).
    for t in emotive::tokens(&text) {
        assert!(text.get(t.span()).is_some());
    }
});
