//! Shared by the integration tests: the review corpus from ../shared, Parquet writing, JSON
//! rows from query results.
#![allow(dead_code)]

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, Float64Array, Int64Array, RecordBatch, StringArray, StructArray,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::file::properties::WriterProperties;
use serde_json::{Map, Value, json};

/// `../shared/data` beside the workspace, if present.
pub fn shared_data() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data");
    p.is_dir().then_some(p)
}

/// The text of each line of `path`: the field after `skip_tabs` tabs (all of it with 0),
/// without `\r`; lines with no such field are left out.
fn lines(path: &Path, skip_tabs: usize, limit: usize) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    String::from_utf8_lossy(&bytes)
        .lines()
        .filter_map(|l| l.splitn(skip_tabs + 1, '\t').nth(skip_tabs))
        .map(|t| t.replace('\r', ""))
        .take(limit)
        .collect()
}

/// Real reviews: the UCI sentences (Amazon, Yelp, IMDb), VADER's Amazon review snippets and
/// the first 1,500 IMDb reviews (`imdb_unsup.txt`); about 8,200 texts, 2.8 MB. Each text is
/// one line (no `\n` or `\r`), so the command line reads the same texts from a text file.
pub fn review_corpus(data: &Path) -> Vec<String> {
    let mut v = Vec::new();
    for f in [
        "amazon_cells_labelled.txt",
        "yelp_labelled.txt",
        "imdb_labelled.txt",
    ] {
        // `text<TAB>label`: the text is the first field.
        v.extend(
            lines(&data.join("sentiment/uci").join(f), 0, usize::MAX)
                .into_iter()
                .map(|l| {
                    l.rsplit_once('\t')
                        .map_or(l.clone(), |(t, _)| t.to_string())
                }),
        );
    }
    v.extend(lines(
        &data.join("sentiment/vader/amazonReviewSnippets_GroundTruth.txt"),
        2,
        usize::MAX,
    ));
    v.extend(lines(&data.join("reviews/imdb_unsup.txt"), 0, 1500));
    v
}

/// A Parquet file of `(id Int64, text Utf8)` rows, `row_group` rows per row group.
pub fn write_parquet(path: &Path, ids: &[i64], texts: &[&str], row_group: usize) {
    let schema = Arc::new(Schema::new(vec![
        Field::new("id", DataType::Int64, false),
        Field::new("text", DataType::Utf8, true),
    ]));
    let props = WriterProperties::builder()
        .set_max_row_group_row_count(Some(row_group))
        .build();
    let mut w =
        ArrowWriter::try_new(File::create(path).unwrap(), schema.clone(), Some(props)).unwrap();
    for (ids, texts) in ids.chunks(row_group).zip(texts.chunks(row_group)) {
        let batch = RecordBatch::try_new(
            schema.clone(),
            vec![
                Arc::new(Int64Array::from(ids.to_vec())) as ArrayRef,
                Arc::new(StringArray::from(texts.to_vec())),
            ],
        )
        .unwrap();
        w.write(&batch).unwrap();
    }
    w.close().unwrap();
}

fn float(a: &ArrayRef, row: usize) -> Value {
    let a: &Float64Array = a.as_primitive();
    json!(a.value(row))
}

fn string(a: &ArrayRef, row: usize) -> Value {
    let a = a.as_string::<i32>();
    if a.is_null(row) {
        Value::Null
    } else {
        json!(a.value(row))
    }
}

/// One row of `emotive(text)` as the command line's JSON object.
pub fn emotive_json(s: &StructArray, row: usize) -> Value {
    let mut m = Map::new();
    for name in ["compound", "label", "positive", "negative", "neutral"] {
        let c = s.column_by_name(name).unwrap();
        let v = if name == "label" {
            string(c, row)
        } else {
            float(c, row)
        };
        m.insert(name.into(), v);
    }
    let e = s.column_by_name("emotions").unwrap().as_struct();
    let mut em = Map::new();
    for (f, c) in e.fields().iter().zip(e.columns()) {
        em.insert(f.name().clone(), float(c, row));
    }
    m.insert("emotions".into(), Value::Object(em));
    let l = s.column_by_name("detected").unwrap().as_list::<i32>();
    let d = l.value(row);
    let d = d.as_string::<i32>();
    m.insert(
        "detected".into(),
        Value::Array((0..d.len()).map(|i| json!(d.value(i))).collect()),
    );
    m.insert(
        "dominant".into(),
        string(s.column_by_name("dominant").unwrap(), row),
    );
    Value::Object(m)
}
