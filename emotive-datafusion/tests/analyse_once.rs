//! Reading many fields of `emotive(text)`, or several functions on one column, analyses each
//! text once. (Alone in its file: it counts analyses process-wide.)

use std::sync::Arc;

use datafusion::arrow::array::{RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::prelude::{SessionConfig, SessionContext};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_text_is_analysed_once_per_query() {
    let rows = 10_000;
    let ctx = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(2));
    emotive_datafusion::register(&ctx);
    // A fresh table per query: the functions remember recent arrays, and the same arrays
    // queried again would (rightly) not be analysed again.
    let table = |round: usize| {
        let texts: Vec<String> = (0..rows)
            .map(|i| format!("review {i}.{round}: great value but the strap broke"))
            .collect();
        let schema = Arc::new(Schema::new(vec![
            Field::new("month", DataType::Utf8, false),
            Field::new("product", DataType::Utf8, false),
            Field::new("text", DataType::Utf8, false),
        ]));
        let months: Vec<String> = (0..rows).map(|i| format!("2024-0{}", 1 + i % 6)).collect();
        let batch = RecordBatch::try_new(
            schema,
            vec![
                Arc::new(StringArray::from(months)),
                Arc::new(StringArray::from(vec!["phone"; rows])),
                Arc::new(StringArray::from(texts)),
            ],
        )
        .unwrap();
        let _ = ctx.deregister_table("reviews");
        ctx.register_batch("reviews", batch).unwrap();
    };

    let queries = [
        // The README's per-month query: nine reads of one call.
        include_str!("../examples/queries/monthly.sql").to_string(),
        // Several functions on one column.
        "SELECT sentiment_label(text), sentiment_compound(text), dominant_emotion(text), \
         emotions(text)['joy'] FROM reviews"
            .to_string(),
    ];
    for (round, q) in queries.iter().enumerate() {
        table(round);
        let before = emotive_datafusion::texts_analysed();
        let n: usize = ctx
            .sql(q)
            .await
            .unwrap()
            .collect()
            .await
            .unwrap()
            .iter()
            .map(|b| b.num_rows())
            .sum();
        assert!(n > 0);
        let analysed = emotive_datafusion::texts_analysed() - before;
        assert_eq!(analysed, rows as u64, "texts analysed by: {q}");
    }
}
