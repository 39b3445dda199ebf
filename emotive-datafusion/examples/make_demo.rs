//! Writes the demo data the README's queries run on, from the UCI review sentences in
//! `../shared/data/sentiment/uci` (Amazon phone accessories, Yelp restaurants, IMDb films):
//!
//! * `DIR/reviews/month=2024-MM/part-0.parquet`: Parquet partitioned by month;
//! * `DIR/reviews.csv` and `DIR/reviews.jsonl`: the same rows.
//!
//! Columns: `id`, `product` (`phone`, `restaurant` or `film`: the sentence's source),
//! `date` (made up: spread deterministically over January–June 2024), `stars` (5 for the
//! source's positive label, 1 for negative), `text`.
//!
//! ```sh
//! cargo run -p emotive-datafusion --example make_demo -- demo
//! ```

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, Date32Array, Int64Array, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::parquet::arrow::ArrowWriter;

struct Row {
    id: i64,
    product: &'static str,
    day: i32,
    stars: i64,
    text: String,
}

/// Days since 1970-01-01 of 2024-01-01.
const JAN_1_2024: i32 = 19723;
const MONTH_STARTS: [i32; 7] = [0, 31, 60, 91, 121, 152, 182];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args().nth(1).unwrap_or_else(|| "demo".into());
    let out = Path::new(&out);
    let uci = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/sentiment/uci");
    let mut rows = Vec::new();
    for (file, product) in [
        ("amazon_cells_labelled.txt", "phone"),
        ("yelp_labelled.txt", "restaurant"),
        ("imdb_labelled.txt", "film"),
    ] {
        let text = std::fs::read_to_string(uci.join(file))
            .map_err(|e| format!("{}: {e}", uci.join(file).display()))?;
        for line in text.lines() {
            let Some((t, label)) = line.trim_end().rsplit_once('\t') else {
                continue;
            };
            let id = rows.len() as i64;
            rows.push(Row {
                id,
                product,
                day: ((id * 7919) % 182) as i32,
                stars: if label.trim() == "1" { 5 } else { 1 },
                text: t.trim().to_string(),
            });
        }
    }

    let schema = Arc::new(Schema::new(vec![
        Field::new("id", DataType::Int64, false),
        Field::new("product", DataType::Utf8, false),
        Field::new("date", DataType::Date32, false),
        Field::new("stars", DataType::Int64, false),
        Field::new("text", DataType::Utf8, false),
    ]));
    let batch = |rows: &[&Row]| -> RecordBatch {
        let cols: Vec<ArrayRef> = vec![
            Arc::new(Int64Array::from_iter_values(rows.iter().map(|r| r.id))),
            Arc::new(StringArray::from_iter_values(
                rows.iter().map(|r| r.product),
            )),
            Arc::new(Date32Array::from_iter_values(
                rows.iter().map(|r| JAN_1_2024 + r.day),
            )),
            Arc::new(Int64Array::from_iter_values(rows.iter().map(|r| r.stars))),
            Arc::new(StringArray::from_iter_values(
                rows.iter().map(|r| r.text.as_str()),
            )),
        ];
        RecordBatch::try_new(schema.clone(), cols).expect("columns match the schema")
    };

    for m in 0..6 {
        let month: Vec<&Row> = rows
            .iter()
            .filter(|r| r.day >= MONTH_STARTS[m] && r.day < MONTH_STARTS[m + 1])
            .collect();
        let dir = out.join(format!("reviews/month=2024-{:02}", m + 1));
        std::fs::create_dir_all(&dir)?;
        let mut w = ArrowWriter::try_new(
            File::create(dir.join("part-0.parquet"))?,
            schema.clone(),
            None,
        )?;
        w.write(&batch(&month))?;
        w.close()?;
    }

    let all: Vec<&Row> = rows.iter().collect();
    let mut csv = datafusion::arrow::csv::Writer::new(File::create(out.join("reviews.csv"))?);
    csv.write(&batch(&all))?;
    let mut jsonl = std::io::BufWriter::new(File::create(out.join("reviews.jsonl"))?);
    let mut json = datafusion::arrow::json::LineDelimitedWriter::new(&mut jsonl);
    json.write(&batch(&all))?;
    json.finish()?;
    drop(json);
    jsonl.flush()?;
    println!("{} rows written under {}", rows.len(), out.display());
    Ok(())
}
