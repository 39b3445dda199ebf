//! Any bytes as a CSV, TSV, JSON Lines or text dump, read by the command line's own record
//! readers (compiled in from `src/bin/emotive/input.rs`): never a panic, and never a row lost
//! silently — every line of a text dump is either an item or a reported skip.
#![no_main]

use std::io::Cursor;
use std::sync::atomic::{AtomicBool, Ordering};

use libfuzzer_sys::fuzz_target;

#[path = "../../src/bin/emotive/input.rs"]
#[allow(dead_code)]
mod input;

use input::{InputFormat, Layout, Reporter, read_reader};

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
        strict_utf8: ctl & 16 != 0,
        max_line: if ctl & 32 != 0 { 8 } else { 1 << 20 },
    };
    let reporter = Reporter::new(false, true);
    let stop = AtomicBool::new(false);
    let mut items = 0u64;
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
            items += chunk.items.len() as u64;
            true
        },
    );
    let skipped = reporter.skipped.load(Ordering::Relaxed);
    if format == InputFormat::Text {
        assert!(result.is_ok());
        let lines = if body.is_empty() {
            0
        } else {
            body.split(|&b| b == b'\n').count() as u64 - u64::from(body.ends_with(b"\n"))
        };
        assert_eq!(items + skipped, lines, "a line of a text dump went missing");
    }
    if format == InputFormat::Jsonl {
        let lines = body.split(|&b| b == b'\n').count() as u64;
        assert!(items + skipped <= lines);
    }
});
