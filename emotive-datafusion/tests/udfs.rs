//! The SQL functions on hand-made batches, field by field against `emotive::analyze`.

use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BinaryArray, BinaryViewArray, DictionaryArray, Float64Array,
    LargeBinaryArray, LargeStringArray, RecordBatch, StringArray, StringViewArray, StructArray,
};
use datafusion::arrow::datatypes::{DataType, Field, Int32Type, Schema};
use datafusion::prelude::SessionContext;
use emotive::{Analysis, Emotion};

fn r4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// Texts that have broken tokenizers elsewhere; `None` is SQL NULL.
fn texts() -> Vec<Option<String>> {
    let mut v: Vec<Option<String>> = [
        "Love it, works perfectly",
        "Broke after a week. Support never answered.",
        "It does the job, I guess",
        "",
        " ",
        "\n\t\r",
        "\0\0\0",
        "NOT GOOD!!! :( 😡😡",
        "I'm sooooo happy 😍 #blessed @friend http://x.y",
        "\u{FEFF}great\u{200B}value\u{200D}",
        "e\u{301}\u{301}\u{301}\u{301} cafe\u{301} naïve",
        "\u{202E}terrible\u{202C} \u{202E}",
        "\u{FFFD}\u{FFFD} bad",
        "\u{FFFF}\u{10FFFF}\u{E000}",
        "👩‍👩‍👧‍👦🏳️‍🌈🇺🇸",
        "ÀÉÎÕÜ ǅ ﬁne ß ΣΑΣ",
        "日本語のレビュー、とても良い",
        "مرحبا رائع",
        "!!!!!!!!!!!!!!!!!!!!????????",
        "but but but not not not never",
    ]
    .iter()
    .map(|s| Some(s.to_string()))
    .collect();
    v.push(None);
    v.push(Some("x".repeat(100_000)));
    v.push(Some("good ".repeat(10_000)));
    v.push(Some("😀".repeat(5_000)));
    v.push(None);
    v
}

async fn run(ctx: &SessionContext, column: ArrayRef, sql: &str) -> Vec<RecordBatch> {
    let schema = Arc::new(Schema::new(vec![Field::new(
        "text",
        column.data_type().clone(),
        true,
    )]));
    let batch = RecordBatch::try_new(schema, vec![column]).unwrap();
    let _ = ctx.deregister_table("t");
    ctx.register_batch("t", batch).unwrap();
    ctx.sql(sql).await.unwrap().collect().await.unwrap()
}

fn ctx() -> SessionContext {
    let ctx = SessionContext::new();
    emotive_datafusion::register(&ctx);
    ctx
}

fn f64s(s: &StructArray, name: &str) -> Float64Array {
    s.column_by_name(name)
        .unwrap_or_else(|| panic!("field {name}"))
        .as_primitive()
        .clone()
}

fn strs(a: &ArrayRef, row: usize) -> Option<String> {
    let a = a.as_string::<i32>();
    a.is_valid(row).then(|| a.value(row).to_string())
}

fn detected(s: &StructArray, row: usize) -> Vec<String> {
    let l = s.column_by_name("detected").unwrap().as_list::<i32>();
    let v = l.value(row);
    let v = v.as_string::<i32>();
    (0..v.len()).map(|i| v.value(i).to_string()).collect()
}

/// Checks one `emotive(text)` struct row against `a`, field by field.
fn check_emotive(s: &StructArray, row: usize, a: &Analysis, what: &str) {
    assert!(s.is_valid(row), "{what}: null result");
    assert_eq!(f64s(s, "compound").value(row), r4(a.compound()), "{what}");
    assert_eq!(
        strs(s.column_by_name("label").unwrap(), row).as_deref(),
        Some(a.label().name()),
        "{what}"
    );
    assert_eq!(f64s(s, "positive").value(row), r4(a.positive()), "{what}");
    assert_eq!(f64s(s, "negative").value(row), r4(a.negative()), "{what}");
    assert_eq!(f64s(s, "neutral").value(row), r4(a.neutral()), "{what}");
    let emotions = s.column_by_name("emotions").unwrap().as_struct();
    for e in Emotion::ALL {
        assert_eq!(
            f64s(emotions, e.name()).value(row),
            r4(f64::from(a.emotion(e))),
            "{what}: {}",
            e.name()
        );
    }
    let want: Vec<String> = a.detected().iter().map(|e| e.name().to_string()).collect();
    assert_eq!(detected(s, row), want, "{what}");
    assert_eq!(
        strs(s.column_by_name("dominant").unwrap(), row),
        a.dominant().map(|e| e.name().to_string()),
        "{what}"
    );
}

fn string_columns(texts: &[Option<String>]) -> Vec<(&'static str, ArrayRef)> {
    let refs: Vec<Option<&str>> = texts.iter().map(|t| t.as_deref()).collect();
    let dict: DictionaryArray<Int32Type> = refs.iter().copied().collect();
    vec![
        ("Utf8", Arc::new(StringArray::from(refs.clone()))),
        ("LargeUtf8", Arc::new(LargeStringArray::from(refs.clone()))),
        ("Utf8View", Arc::new(StringViewArray::from(refs.clone()))),
        ("Dictionary(Int32, Utf8)", Arc::new(dict)),
    ]
}

#[tokio::test]
async fn emotive_matches_analyze_on_every_string_type() {
    let ctx = ctx();
    let texts = texts();
    for (ty, column) in string_columns(&texts) {
        let batches = run(&ctx, column, "SELECT emotive(text) AS e FROM t").await;
        let mut row_in_input = 0;
        for b in &batches {
            let s = b.column(0).as_struct();
            for row in 0..b.num_rows() {
                let what = format!("{ty} row {row_in_input}");
                match &texts[row_in_input] {
                    None => assert!(s.is_null(row), "{what}: null in, null out"),
                    Some(t) => check_emotive(s, row, &emotive::analyze(t), &what),
                }
                row_in_input += 1;
            }
        }
        assert_eq!(row_in_input, texts.len(), "{ty}");
    }
}

#[tokio::test]
async fn sentiment_emotions_and_shortcuts_match_analyze() {
    let ctx = ctx();
    let texts = texts();
    let (_, column) = string_columns(&texts).swap_remove(2); // Utf8View
    let sql = "SELECT sentiment(text) AS s, emotions(text) AS e, sentiment_label(text) AS l, \
               sentiment_compound(text) AS c, dominant_emotion(text) AS d FROM t";
    let batches = run(&ctx, column, sql).await;
    let b = datafusion::arrow::compute::concat_batches(&batches[0].schema(), &batches).unwrap();
    let s = b.column(0).as_struct();
    let e = b.column(1).as_struct();
    let names: Vec<&str> = s.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(
        names,
        ["compound", "label", "positive", "negative", "neutral"]
    );
    let names: Vec<&str> = e.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(
        names,
        [
            "anger",
            "anticipation",
            "disgust",
            "fear",
            "joy",
            "sadness",
            "surprise",
            "trust",
            "detected",
            "dominant"
        ]
    );
    for (row, t) in texts.iter().enumerate() {
        let Some(t) = t else {
            for c in 0..5 {
                assert!(b.column(c).is_null(row), "row {row} column {c}");
            }
            continue;
        };
        let a = emotive::analyze(t);
        assert_eq!(f64s(s, "compound").value(row), r4(a.compound()));
        assert_eq!(
            strs(s.column_by_name("label").unwrap(), row).unwrap(),
            a.label().name()
        );
        assert_eq!(f64s(s, "positive").value(row), r4(a.positive()));
        assert_eq!(f64s(s, "negative").value(row), r4(a.negative()));
        assert_eq!(f64s(s, "neutral").value(row), r4(a.neutral()));
        for em in Emotion::ALL {
            assert_eq!(f64s(e, em.name()).value(row), r4(f64::from(a.emotion(em))));
        }
        let want: Vec<String> = a.detected().iter().map(|x| x.name().to_string()).collect();
        assert_eq!(detected(e, row), want);
        let dominant = a.dominant().map(|x| x.name().to_string());
        assert_eq!(strs(e.column_by_name("dominant").unwrap(), row), dominant);
        assert_eq!(strs(b.column(2), row).unwrap(), a.label().name());
        let c: &Float64Array = b.column(3).as_primitive();
        assert_eq!(c.value(row), r4(a.compound()));
        assert_eq!(strs(b.column(4), row), dominant);
    }
}

#[tokio::test]
async fn bytes_are_read_as_the_command_line_reads_them() {
    let raw: Vec<Option<&[u8]>> = vec![
        Some(b"great \xff\xfe value"),
        Some(b"\xc3"),
        Some(b"\xe2\x82 terrible \xf0\x9f\x98"),
        Some(b"\xed\xa0\x80 surrogate half"),
        Some(b"\xc0\xaf overlong"),
        Some(b""),
        None,
        Some("happy 😀".as_bytes()),
    ];
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("Binary", Arc::new(BinaryArray::from(raw.clone()))),
        ("LargeBinary", Arc::new(LargeBinaryArray::from(raw.clone()))),
        ("BinaryView", Arc::new(BinaryViewArray::from(raw.clone()))),
    ];
    let ctx = ctx();
    for (ty, column) in columns {
        let batches = run(&ctx, column, "SELECT emotive(text) AS e FROM t").await;
        let b = datafusion::arrow::compute::concat_batches(&batches[0].schema(), &batches).unwrap();
        let s = b.column(0).as_struct();
        for (row, bytes) in raw.iter().enumerate() {
            match bytes {
                None => assert!(s.is_null(row)),
                Some(bytes) => check_emotive(
                    s,
                    row,
                    &emotive::analyze(&String::from_utf8_lossy(bytes)),
                    &format!("{ty} row {row}"),
                ),
            }
        }
    }
}

/// Arbitrary bytes (a fixed-seed generator): no panic, and the same result as the lossy text.
#[tokio::test]
async fn arbitrary_bytes_never_panic() {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let alphabet: &[&[u8]] = &[
        b"good",
        b"bad",
        b"not",
        b"very",
        b" ",
        b"!",
        b"?",
        b"but",
        b"\xff",
        b"\xe2\x82",
        "😀".as_bytes(),
        "é".as_bytes(),
        b"\0",
        b"\n",
        b"LOVE",
        b"hate",
        b":)",
        b"#",
    ];
    let raw: Vec<Vec<u8>> = (0..3000)
        .map(|_| {
            let n = (next() % 40) as usize;
            (0..n)
                .flat_map(|_| alphabet[(next() % alphabet.len() as u64) as usize].to_vec())
                .collect()
        })
        .collect();
    let column: ArrayRef = Arc::new(BinaryArray::from_iter_values(raw.iter()));
    let ctx = ctx();
    let batches = run(&ctx, column, "SELECT emotive(text) AS e FROM t").await;
    let b = datafusion::arrow::compute::concat_batches(&batches[0].schema(), &batches).unwrap();
    let s = b.column(0).as_struct();
    for (row, bytes) in raw.iter().enumerate() {
        let a = emotive::analyze(&String::from_utf8_lossy(bytes));
        check_emotive(s, row, &a, &format!("row {row}"));
    }
}

#[tokio::test]
async fn literals_and_nulls() {
    let ctx = ctx();
    let b = ctx
        .sql(
            "SELECT sentiment_label('I love it') AS l, sentiment_compound(NULL) AS n, \
             emotive('')['label'] AS empty, arrow_typeof(emotive('x')) AS ty",
        )
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    let b = &b[0];
    let a = emotive::analyze("I love it");
    assert_eq!(strs(b.column(0), 0).unwrap(), a.label().name());
    assert!(b.column(1).is_null(0));
    assert_eq!(strs(b.column(2), 0).unwrap(), "neutral");
    let ty = strs(b.column(3), 0).unwrap();
    assert!(
        ty.starts_with("Struct(\"compound\": non-null Float64"),
        "{ty}"
    );
}

#[tokio::test]
async fn a_non_text_argument_is_a_plan_error() {
    let ctx = ctx();
    let err = ctx.sql("SELECT sentiment(42)").await.unwrap_err();
    assert!(
        err.to_string().contains("sentiment(text) takes a string"),
        "{err}"
    );
    let err = ctx.sql("SELECT emotions('a', 'b')").await.unwrap_err();
    assert!(err.to_string().contains("exactly one argument"), "{err}");
}

#[tokio::test]
async fn a_configured_analyzer_applies_to_sql() {
    let mut lexicon = emotive::Lexicon::new();
    lexicon.insert_valence("zorble", 3.0);
    lexicon.insert_emotion("zorble", Emotion::Joy, 0.9);
    let analyzer = emotive::Analyzer::builder()
        .hits(false)
        .extend_valence(&lexicon)
        .extend_emotions(&lexicon)
        .build()
        .unwrap();
    let want = analyzer.analyze("the zorble");
    assert!(want.compound() > 0.3, "the custom word scores");
    assert_eq!(emotive::analyze("the zorble").compound(), 0.0);

    let ctx = SessionContext::new();
    emotive_datafusion::register_with_analyzer(&ctx, Arc::new(analyzer));
    let column: ArrayRef = Arc::new(StringArray::from(vec!["the zorble"]));
    let batches = run(&ctx, column, "SELECT emotive(text) AS e FROM t").await;
    check_emotive(batches[0].column(0).as_struct(), 0, &want, "custom");
    assert_eq!(
        strs(
            batches[0]
                .column(0)
                .as_struct()
                .column_by_name("dominant")
                .unwrap(),
            0
        )
        .as_deref(),
        Some("joy")
    );
}

#[test]
fn return_types_are_documented_ones() {
    for name in emotive_datafusion::FUNCTION_NAMES {
        assert!(emotive_datafusion::return_type(name).is_some(), "{name}");
    }
    assert_eq!(
        emotive_datafusion::return_type("sentiment_compound"),
        Some(DataType::Float64)
    );
    assert_eq!(emotive_datafusion::return_type("nope"), None);
}
