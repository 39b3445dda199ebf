//! Any bytes as a CSV, TSV, JSON Lines or text dump, read by the command line's own record
//! readers (compiled in from `src/bin/emotive/input.rs`): never a panic, and never a row lost
//! silently — every line of a text dump is either an item or a reported skip that keeps its
//! place.
#![no_main]

use std::io::Cursor;
use std::sync::atomic::{AtomicBool, Ordering};

use libfuzzer_sys::fuzz_target;

// The command line's directory, so that `input.rs` finds its submodules in `input/`.
#[path = "../../src/bin/emotive"]
#[allow(dead_code, unused_imports)]
mod cli {
    pub mod input;
}

use cli::input::{InputFormat, Layout, Reporter, read_reader};

fuzz_target!(|data: &[u8]| {
    let Some((&ctl, body)) = data.split_first() else {
        return;
    };
    let format = match ctl & 3 {
        0 => InputFormat::Text,
        1 => InputFormat::Csv,
        2 => InputFormat::Tsv,
        _ => InputFormat::Jsonl,
    };
    let layout = Layout {
        format,
        column: "text".into(),
        field: if ctl & 4 != 0 { "review.body" } else { "text" }.into(),
        date: (ctl & 8 != 0).then(|| "date".into()),
        id: (ctl & 64 != 0).then(|| "id".into()),
        strict_utf8: ctl & 16 != 0,
        max_line: if ctl & 32 != 0 { 8 } else { 1 << 20 },
    };
    let reporter = Reporter::new(false, true);
    let stop = AtomicBool::new(false);
    let mut items = 0u64;
    let mut placeholders = 0u64;
    let result = read_reader(
        Box::new(Cursor::new(body.to_vec())),
        "fuzz",
        &layout,
        &reporter,
        &stop,
        &mut |chunk| {
            for item in &chunk.items {
                // Whatever came in, the item's text is a valid string the analyzer accepts.
                assert!(emotive::analyze(&item.text).compound().is_finite());
            }
            // Placeholders of skipped text lines are counted as skipped, not as items.
            items += chunk.items.iter().filter(|i| i.skipped.is_none()).count() as u64;
            placeholders += chunk.items.iter().filter(|i| i.skipped.is_some()).count() as u64;
            true
        },
    );
    let skipped = reporter.skipped.load(Ordering::Relaxed);
    // A UTF-16 dump (byte-order mark FE FF or FF FE) is decoded first: its lines are those of
    // the decoded text, which the count below does not model.
    let utf16 = body.starts_with(b"\xfe\xff") || body.starts_with(b"\xff\xfe");
    // Lines end at \n, \r\n or a lone \r, in every format.
    let text = body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body);
    let mut lines = 0u64;
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'\n' => lines += 1,
            b'\r' => {
                lines += 1;
                if text.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    if text.last().is_some_and(|&b| b != b'\n' && b != b'\r') {
        lines += 1;
    }
    if format == InputFormat::Text && result.is_ok() && !utf16 {
        // A text dump is refused outright only when it looks like UTF-32 or UTF-16 without a
        // mark (an error, not a loss); otherwise every line is an item or a kept skip.
        assert_eq!(items + skipped, lines, "a line of a text dump went missing");
        assert_eq!(
            placeholders, skipped,
            "every skipped text line keeps its place"
        );
    }
    if format == InputFormat::Jsonl && !utf16 {
        assert!(items + skipped <= lines);
    }
});
