//! Arrow column builders for one event day.

use std::sync::Arc;

use arrow::array::{
    ArrayRef, Float64Builder, Int64Builder, StringArray, StringBuilder, TimestampMicrosecondArray,
};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef, TimeUnit};
use arrow::error::ArrowError;
use arrow::record_batch::RecordBatch;

use super::parse::{Raw, req, revenue};

/// The transformed record. `ip`, `email` and `timestamp` are deliberately absent; partition
/// columns come from the directory layout, not from the files.
pub fn output_schema() -> SchemaRef {
    let s = |name: &str, nullable| Field::new(name, DataType::Utf8, nullable);
    Arc::new(Schema::new(vec![
        s("event_id", false),
        s("event_type", false),
        Field::new("event_ts", DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())), false),
        s("user_id", true),
        s("session_id", true),
        s("page_url", true),
        s("referrer", true),
        s("user_agent", true),
        s("product_id", true),
        Field::new("price", DataType::Float64, true),
        Field::new("quantity", DataType::Int64, true),
        s("country", true),
        s("device", true),
        Field::new("revenue", DataType::Float64, true),
        s("source_key", false),
        s("extra", true),
    ]))
}

/// A string builder that remembers how many bytes its last batch held, so the next batch is
/// allocated once at about the right size instead of growing by doubling.
struct Utf8Col {
    b: StringBuilder,
    last_bytes: usize,
}

impl Utf8Col {
    fn new(rows: usize, bytes_per_row: usize) -> Self {
        Utf8Col {
            b: StringBuilder::with_capacity(rows, rows * bytes_per_row),
            last_bytes: rows * bytes_per_row,
        }
    }

    #[inline]
    fn push(&mut self, v: Option<&str>) {
        self.b.append_option(v);
    }

    fn finish(&mut self, rows: usize) -> ArrayRef {
        let used = self.b.values_slice().len();
        self.last_bytes = used.max(self.last_bytes / 2);
        let cap = if rows == 0 { 0 } else { self.last_bytes + self.last_bytes / 8 };
        let mut done = std::mem::replace(&mut self.b, StringBuilder::with_capacity(rows, cap));
        Arc::new(done.finish())
    }
}

pub(crate) struct DayColumns {
    rows: usize,
    event_id: Utf8Col,
    event_type: Utf8Col,
    event_ts: Vec<i64>,
    user_id: Utf8Col,
    session_id: Utf8Col,
    page_url: Utf8Col,
    referrer: Utf8Col,
    user_agent: Utf8Col,
    product_id: Utf8Col,
    price: Float64Builder,
    quantity: Int64Builder,
    country: Utf8Col,
    device: Utf8Col,
    revenue: Float64Builder,
    extra: Utf8Col,
}

impl DayColumns {
    pub(crate) fn new(capacity: usize) -> Self {
        DayColumns {
            rows: 0,
            event_id: Utf8Col::new(capacity, 36),
            event_type: Utf8Col::new(capacity, 10),
            event_ts: Vec::with_capacity(capacity),
            user_id: Utf8Col::new(capacity, 10),
            session_id: Utf8Col::new(capacity, 36),
            page_url: Utf8Col::new(capacity, 48),
            referrer: Utf8Col::new(capacity, 24),
            user_agent: Utf8Col::new(capacity, 120),
            product_id: Utf8Col::new(capacity, 4),
            price: Float64Builder::with_capacity(capacity),
            quantity: Int64Builder::with_capacity(capacity),
            country: Utf8Col::new(capacity, 2),
            device: Utf8Col::new(capacity, 7),
            revenue: Float64Builder::with_capacity(capacity),
            extra: Utf8Col::new(capacity, 0),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.rows
    }

    /// Appends one validated event; `extra` is the already-serialised unknown fields.
    pub(crate) fn push(&mut self, raw: &Raw<'_>, event_ts: i64, extra: Option<&str>) {
        self.event_id.push(Some(req(&raw.event_id)));
        self.event_type.push(Some(req(&raw.event_type)));
        self.event_ts.push(event_ts);
        self.user_id.push(raw.user_id.as_deref());
        self.session_id.push(raw.session_id.as_deref());
        self.page_url.push(raw.page_url.as_deref());
        self.referrer.push(raw.referrer.as_deref());
        self.user_agent.push(raw.user_agent.as_deref());
        self.product_id.push(raw.product_id.as_deref());
        self.price.append_option(raw.price);
        self.quantity.append_option(raw.quantity);
        self.country.push(raw.country.as_deref());
        self.device.push(raw.device.as_deref());
        self.revenue.append_option(revenue(raw));
        self.extra.push(extra);
        self.rows += 1;
    }

    /// Finishes the pending rows into a batch and resets the builders for `next_rows` more
    /// (0 after the object's last batch, so nothing is allocated that nobody fills).
    ///
    /// `source_key` is one shared array of the object's key, at least as long as the batch;
    /// every batch takes a zero-copy slice of it instead of copying the key into each row.
    pub(crate) fn take_batch(
        &mut self,
        schema: &SchemaRef,
        source_key: &StringArray,
        next_rows: usize,
    ) -> Result<RecordBatch, ArrowError> {
        let n = self.rows;
        let cap = next_rows;
        let ts = std::mem::replace(&mut self.event_ts, Vec::with_capacity(cap));
        let columns: Vec<ArrayRef> = vec![
            self.event_id.finish(cap),
            self.event_type.finish(cap),
            Arc::new(TimestampMicrosecondArray::from(ts).with_timezone("UTC")),
            self.user_id.finish(cap),
            self.session_id.finish(cap),
            self.page_url.finish(cap),
            self.referrer.finish(cap),
            self.user_agent.finish(cap),
            self.product_id.finish(cap),
            Arc::new(self.price.finish()),
            Arc::new(self.quantity.finish()),
            self.country.finish(cap),
            self.device.finish(cap),
            Arc::new(self.revenue.finish()),
            Arc::new(source_key.slice(0, n)),
            self.extra.finish(cap),
        ];
        self.rows = 0;
        RecordBatch::try_new(schema.clone(), columns)
    }
}
