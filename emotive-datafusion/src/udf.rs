//! The scalar functions: one [`ScalarUDFImpl`] parameterised by the output it builds.

use std::borrow::Cow;
use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock};

use datafusion::arrow::array::builder::NullBufferBuilder;
use datafusion::arrow::array::{
    Array, ArrayData, ArrayRef, AsArray, Float64Builder, ListBuilder, StringBuilder, StructArray,
};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Field, Fields};
use datafusion::common::{Result, ScalarValue, exec_err, plan_err};
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use emotive::{Analysis, Analyzer, Emotion};

/// The JSON Lines output rounds every number to 4 decimals; so do the functions.
pub(crate) fn r4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// What a function returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    /// The whole JSON Lines object.
    Emotive,
    /// compound, label, positive, negative, neutral.
    Sentiment,
    /// The eight intensities, detected, dominant.
    Emotions,
    /// The label alone.
    Label,
    /// The compound score alone.
    Compound,
    /// The dominant emotion alone.
    Dominant,
}

impl Kind {
    pub(crate) const ALL: [Kind; 6] = [
        Kind::Emotive,
        Kind::Sentiment,
        Kind::Emotions,
        Kind::Label,
        Kind::Compound,
        Kind::Dominant,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Emotive => "emotive",
            Kind::Sentiment => "sentiment",
            Kind::Emotions => "emotions",
            Kind::Label => "sentiment_label",
            Kind::Compound => "sentiment_compound",
            Kind::Dominant => "dominant_emotion",
        }
    }

    fn sentiment(self) -> bool {
        matches!(self, Kind::Emotive | Kind::Sentiment)
    }

    fn intensities(self) -> bool {
        matches!(self, Kind::Emotive | Kind::Emotions)
    }

    fn label(self) -> bool {
        matches!(self, Kind::Emotive | Kind::Sentiment | Kind::Label)
    }

    fn compound(self) -> bool {
        matches!(self, Kind::Emotive | Kind::Sentiment | Kind::Compound)
    }

    fn dominant(self) -> bool {
        matches!(self, Kind::Emotive | Kind::Emotions | Kind::Dominant)
    }

    pub(crate) fn data_type(self) -> DataType {
        match self {
            Kind::Emotive => DataType::Struct(EMOTIVE_FIELDS.clone()),
            Kind::Sentiment => DataType::Struct(SENTIMENT_FIELDS.clone()),
            Kind::Emotions => DataType::Struct(EMOTIONS_FIELDS.clone()),
            Kind::Label | Kind::Dominant => DataType::Utf8,
            Kind::Compound => DataType::Float64,
        }
    }
}

fn f64_field(name: &str) -> Field {
    Field::new(name, DataType::Float64, false)
}

fn detected_type() -> DataType {
    DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true)))
}

fn sentiment_fields() -> Vec<Field> {
    vec![
        f64_field("compound"),
        Field::new("label", DataType::Utf8, false),
        f64_field("positive"),
        f64_field("negative"),
        f64_field("neutral"),
    ]
}

fn intensity_fields() -> Vec<Field> {
    Emotion::ALL.iter().map(|e| f64_field(e.name())).collect()
}

fn tail_fields() -> Vec<Field> {
    vec![
        Field::new("detected", detected_type(), false),
        Field::new("dominant", DataType::Utf8, true),
    ]
}

static SENTIMENT_FIELDS: LazyLock<Fields> = LazyLock::new(|| Fields::from(sentiment_fields()));
static INTENSITY_FIELDS: LazyLock<Fields> = LazyLock::new(|| Fields::from(intensity_fields()));
static EMOTIONS_FIELDS: LazyLock<Fields> = LazyLock::new(|| {
    let mut f = intensity_fields();
    f.extend(tail_fields());
    Fields::from(f)
});
static EMOTIVE_FIELDS: LazyLock<Fields> = LazyLock::new(|| {
    let mut f = sentiment_fields();
    f.push(Field::new(
        "emotions",
        DataType::Struct(INTENSITY_FIELDS.clone()),
        false,
    ));
    f.extend(tail_fields());
    Fields::from(f)
});

/// One of emotive's SQL functions, bound to an analyzer.
#[derive(Debug)]
pub(crate) struct EmotiveUdf {
    kind: Kind,
    analyzer: Arc<Analyzer>,
    signature: Signature,
}

impl EmotiveUdf {
    pub(crate) fn new(kind: Kind, analyzer: Arc<Analyzer>) -> Self {
        Self {
            kind,
            analyzer,
            signature: Signature::user_defined(Volatility::Immutable),
        }
    }

    pub(crate) fn udf(kind: Kind, analyzer: Arc<Analyzer>) -> ScalarUDF {
        ScalarUDF::new_from_impl(Self::new(kind, analyzer))
    }
}

/// Two functions are equal when they build the same output with the same analyzer (the
/// same `Arc`: analyzers are compared by identity).
impl PartialEq for EmotiveUdf {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind && Arc::ptr_eq(&self.analyzer, &other.analyzer)
    }
}

impl Eq for EmotiveUdf {}

impl Hash for EmotiveUdf {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.kind.hash(state);
        (Arc::as_ptr(&self.analyzer) as usize).hash(state);
    }
}

/// Whether the functions take values of `t` as text.
fn is_text(t: &DataType) -> bool {
    matches!(
        t,
        DataType::Utf8
            | DataType::LargeUtf8
            | DataType::Utf8View
            | DataType::Binary
            | DataType::LargeBinary
            | DataType::BinaryView
            | DataType::Null
    )
}

impl ScalarUDFImpl for EmotiveUdf {
    fn name(&self) -> &str {
        self.kind.name()
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t] if is_text(t) => Ok(vec![t.clone()]),
            [DataType::Dictionary(_, v)] if is_text(v) => Ok(vec![v.as_ref().clone()]),
            [t] => plan_err!(
                "{}(text) takes a string (Utf8, LargeUtf8, Utf8View) or binary value, not {t}",
                self.name()
            ),
            _ => plan_err!(
                "{}(text) takes exactly one argument, got {}",
                self.name(),
                arg_types.len()
            ),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(self.kind.data_type())
    }

    fn is_strict(&self) -> bool {
        true
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [arg] = args.args.as_slice() else {
            return exec_err!("{}(text) takes exactly one argument", self.name());
        };
        match arg {
            ColumnarValue::Array(a) => Ok(ColumnarValue::Array(self.evaluate(a)?)),
            ColumnarValue::Scalar(s) => {
                let out = self.evaluate(&s.to_array_of_size(1)?)?;
                Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&out, 0)?))
            }
        }
    }
}

/// Texts analysed by this process's functions (for tests of the memo below).
static ANALYSED: AtomicU64 = AtomicU64::new(0);

/// How many texts the functions have analysed in this process (null texts excluded).
pub(crate) fn texts_analysed() -> u64 {
    ANALYSED.load(Ordering::Relaxed)
}

/// The analyses of the last few arrays a thread analysed. DataFusion 55's optimizer copies a call
/// into each field access (`e['label']`, `e['compound']` over `emotive(text) AS e` become
/// `emotive(text)['label']`, `emotive(text)['compound']`), and evaluates those one after the
/// other on the same input array; the memo makes the repeats free. It holds the input and
/// the analyzer, so their buffers cannot be freed and reused while it stands: the same
/// pointers mean the same texts.
struct Memo {
    analyzer: Arc<Analyzer>,
    input: ArrayData,
    analyses: Rc<Vec<Option<Analysis>>>,
}

/// Arrays remembered per thread: one per text column of a projection, for a few columns.
const MEMO_ARRAYS: usize = 4;

thread_local! {
    static LAST: RefCell<Vec<Memo>> = const { RefCell::new(Vec::new()) };
}

impl EmotiveUdf {
    /// Analyzes every value of `texts`, a whole array at a time.
    pub(crate) fn evaluate(&self, texts: &ArrayRef) -> Result<ArrayRef> {
        let analyses = self.analyses(texts)?;
        let mut out = Builders::new(self.kind, analyses.len());
        for a in analyses.iter() {
            match a {
                Some(a) => out.push(a),
                None => out.push_null(),
            }
        }
        Ok(out.finish())
    }

    fn analyses(&self, texts: &ArrayRef) -> Result<Rc<Vec<Option<Analysis>>>> {
        if let DataType::Dictionary(_, v) = texts.data_type()
            && is_text(v)
        {
            return self.analyses(&cast(texts, v)?);
        }
        let input = texts.to_data();
        let hit = LAST.with_borrow(|memos| {
            memos
                .iter()
                .find(|m| Arc::ptr_eq(&m.analyzer, &self.analyzer) && m.input.ptr_eq(&input))
                .map(|m| m.analyses.clone())
        });
        if let Some(hit) = hit {
            return Ok(hit);
        }
        let analyzer = &*self.analyzer;
        let mut v = Vec::with_capacity(texts.len());
        let mut each = |t: Option<&str>| {
            v.push(t.map(|t| analyzer.analyze(t)));
        };
        match texts.data_type() {
            DataType::Utf8 => texts.as_string::<i32>().iter().for_each(&mut each),
            DataType::LargeUtf8 => texts.as_string::<i64>().iter().for_each(&mut each),
            DataType::Utf8View => texts.as_string_view().iter().for_each(&mut each),
            // Bytes are read as the command line reads them: invalid UTF-8 becomes U+FFFD.
            DataType::Binary => lossy(texts.as_binary::<i32>().iter(), &mut each),
            DataType::LargeBinary => lossy(texts.as_binary::<i64>().iter(), &mut each),
            DataType::BinaryView => lossy(texts.as_binary_view().iter(), &mut each),
            DataType::Null => (0..texts.len()).for_each(|_| each(None)),
            t => return exec_err!("{}(text): unsupported argument type {t}", self.name()),
        }
        let done = v.iter().filter(|a| a.is_some()).count();
        ANALYSED.fetch_add(done as u64, Ordering::Relaxed);
        let analyses = Rc::new(v);
        LAST.with_borrow_mut(|memos| {
            memos.truncate(MEMO_ARRAYS - 1);
            memos.insert(
                0,
                Memo {
                    analyzer: self.analyzer.clone(),
                    input,
                    analyses: analyses.clone(),
                },
            );
        });
        Ok(analyses)
    }
}

fn lossy<'a>(values: impl Iterator<Item = Option<&'a [u8]>>, each: &mut impl FnMut(Option<&str>)) {
    for v in values {
        let text: Option<Cow<'_, str>> = v.map(String::from_utf8_lossy);
        each(text.as_deref());
    }
}

/// Column builders for one output; only those the kind needs are filled.
struct Builders {
    kind: Kind,
    compound: Float64Builder,
    label: StringBuilder,
    positive: Float64Builder,
    negative: Float64Builder,
    neutral: Float64Builder,
    intensities: Vec<Float64Builder>,
    detected: ListBuilder<StringBuilder>,
    dominant: StringBuilder,
    nulls: NullBufferBuilder,
}

impl Builders {
    fn new(kind: Kind, rows: usize) -> Self {
        let cap = |yes: bool| if yes { rows } else { 0 };
        let floats = |yes: bool| Float64Builder::with_capacity(cap(yes));
        let strings = |yes: bool| StringBuilder::with_capacity(cap(yes), cap(yes) * 8);
        let detected = ListBuilder::with_capacity(
            StringBuilder::new(),
            cap(matches!(kind, Kind::Emotive | Kind::Emotions)),
        )
        .with_field(Arc::new(Field::new_list_field(DataType::Utf8, true)));
        Self {
            kind,
            compound: floats(kind.compound()),
            label: strings(kind.label()),
            positive: floats(kind.sentiment()),
            negative: floats(kind.sentiment()),
            neutral: floats(kind.sentiment()),
            intensities: (0..8).map(|_| floats(kind.intensities())).collect(),
            detected,
            dominant: strings(kind.dominant()),
            nulls: NullBufferBuilder::new(rows),
        }
    }

    fn push(&mut self, a: &Analysis) {
        let k = self.kind;
        self.nulls.append_non_null();
        if k.compound() {
            self.compound.append_value(r4(a.compound()));
        }
        if k.label() {
            self.label.append_value(a.label().name());
        }
        if k.sentiment() {
            self.positive.append_value(r4(a.positive()));
            self.negative.append_value(r4(a.negative()));
            self.neutral.append_value(r4(a.neutral()));
        }
        if k.intensities() {
            for (b, e) in self.intensities.iter_mut().zip(Emotion::ALL) {
                b.append_value(r4(f64::from(a.emotion(e))));
            }
            for e in a.detected().iter() {
                self.detected.values().append_value(e.name());
            }
            self.detected.append(true);
        }
        if k.dominant() {
            self.dominant.append_option(a.dominant().map(Emotion::name));
        }
    }

    /// A null row: the struct (or value) is null; struct children hold placeholders.
    fn push_null(&mut self) {
        let k = self.kind;
        self.nulls.append_null();
        let scalar = matches!(k, Kind::Label | Kind::Compound | Kind::Dominant);
        if k.compound() {
            if scalar {
                self.compound.append_null();
            } else {
                self.compound.append_value(0.0);
            }
        }
        if k.label() {
            if scalar {
                self.label.append_null();
            } else {
                self.label.append_value("");
            }
        }
        if k.sentiment() {
            self.positive.append_value(0.0);
            self.negative.append_value(0.0);
            self.neutral.append_value(0.0);
        }
        if k.intensities() {
            for b in &mut self.intensities {
                b.append_value(0.0);
            }
            self.detected.append(true);
        }
        if k.dominant() {
            self.dominant.append_null();
        }
    }

    fn finish(mut self) -> ArrayRef {
        let nulls = self.nulls.finish();
        let mut intensities = || -> Vec<ArrayRef> {
            self.intensities
                .iter_mut()
                .map(|b| Arc::new(b.finish()) as ArrayRef)
                .collect()
        };
        // The sentiment struct's columns, which the emotive struct starts with too.
        let mut sentiment = || -> Vec<ArrayRef> {
            vec![
                Arc::new(self.compound.finish()),
                Arc::new(self.label.finish()),
                Arc::new(self.positive.finish()),
                Arc::new(self.negative.finish()),
                Arc::new(self.neutral.finish()),
            ]
        };
        let (fields, columns): (&Fields, Vec<ArrayRef>) = match self.kind {
            Kind::Label => return Arc::new(self.label.finish()),
            Kind::Compound => return Arc::new(self.compound.finish()),
            Kind::Dominant => return Arc::new(self.dominant.finish()),
            Kind::Sentiment => (&SENTIMENT_FIELDS, sentiment()),
            Kind::Emotions => {
                let mut c = intensities();
                c.push(Arc::new(self.detected.finish()));
                c.push(Arc::new(self.dominant.finish()));
                (&EMOTIONS_FIELDS, c)
            }
            Kind::Emotive => {
                let emotions = StructArray::new(INTENSITY_FIELDS.clone(), intensities(), None);
                let mut c = sentiment();
                c.push(Arc::new(emotions));
                c.push(Arc::new(self.detected.finish()));
                c.push(Arc::new(self.dominant.finish()));
                (&EMOTIVE_FIELDS, c)
            }
        };
        Arc::new(StructArray::new(fields.clone(), columns, nulls))
    }
}
