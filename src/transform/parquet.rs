//! Parquet writer settings and the set of per-day writers of one transform run.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::mpsc::{SyncSender, sync_channel};
use std::thread::JoinHandle;

use arrow::array::{Array, StringArray};
use arrow::datatypes::SchemaRef;
use arrow::record_batch::RecordBatch;
use chrono::NaiveDate;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::errors::ParquetError;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::schema::types::ColumnPath;

use super::columns::DayColumns;
use super::parse::{Raw, date_of_epoch_day};
use super::{TransformError, TransformSink};

/// Snappy, page-level statistics (min/max let Athena skip row groups and pages), dictionary
/// encoding for the low-cardinality strings. `event_id` is a UUID per row: a dictionary
/// there only costs time before the writer gives up on it, so it is plain-encoded. So is
/// `event_ts`, nearly one value per row: its dictionary (up to 1 MiB per row group) fit under the
/// writer's limit and stayed, and a reader of a single hour decoded all of it before the first
/// row, where plain pages are read only as far as the page index points.
pub fn writer_properties(row_group_rows: usize) -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_statistics_enabled(EnabledStatistics::Page)
        .set_max_row_group_row_count(Some(row_group_rows.max(1)))
        .set_column_dictionary_enabled(ColumnPath::from("event_id"), false)
        .set_column_dictionary_enabled(ColumnPath::from("event_ts"), false)
        .set_column_dictionary_enabled(ColumnPath::from("extra"), false)
        .build()
}

type Out = Box<dyn Write + Send>;
type Writer = ArrowWriter<Out>;

struct OpenDay {
    epoch_day: i64,
    date: NaiveDate,
    rows: u64,
    columns: DayColumns,
}

/// One Parquet writer per event day seen in the object.
pub(crate) struct DayWriters {
    schema: SchemaRef,
    props: WriterProperties,
    batch_rows: usize,
    source_key: String,
    /// The key repeated, as long as the longest batch so far: batches slice it.
    source_key_column: StringArray,
    /// Objects usually span one or two days, so a linear scan beats a map; `last` makes the
    /// common case (same day as the previous event) a single comparison.
    days: Vec<OpenDay>,
    last: usize,
    encoder: Encoder,
}

impl DayWriters {
    pub(crate) fn new(
        schema: SchemaRef,
        source_key: &str,
        row_group_rows: usize,
        batch_rows: usize,
        encode_thread: bool,
    ) -> Result<Self, TransformError> {
        let batch_rows = batch_rows.max(1);
        Ok(DayWriters {
            schema,
            props: writer_properties(row_group_rows),
            batch_rows,
            source_key: source_key.to_string(),
            source_key_column: StringArray::from_iter_values(std::iter::empty::<&str>()),
            days: Vec::new(),
            last: 0,
            encoder: if encode_thread { Encoder::spawn()? } else { Encoder::Inline(Vec::new()) },
        })
    }

    pub(crate) fn push(
        &mut self,
        sink: &mut dyn TransformSink,
        raw: &Raw<'_>,
        event_ts: i64,
        epoch_day: i64,
        extra: Option<&str>,
    ) -> Result<(), TransformError> {
        let idx = match self.days.get(self.last) {
            Some(d) if d.epoch_day == epoch_day => self.last,
            _ => match self.days.iter().position(|d| d.epoch_day == epoch_day) {
                Some(i) => i,
                None => self.open(sink, epoch_day)?,
            },
        };
        self.last = idx;
        let day = &mut self.days[idx];
        day.columns.push(raw, event_ts, extra);
        day.rows += 1;
        if day.columns.len() >= self.batch_rows {
            let key = key_column(&mut self.source_key_column, &self.source_key, day.columns.len());
            let batch = day.columns.take_batch(&self.schema, key, self.batch_rows)?;
            self.encoder.write(idx, batch)?;
        }
        Ok(())
    }

    fn open(&mut self, sink: &mut dyn TransformSink, epoch_day: i64) -> Result<usize, TransformError> {
        // The timestamp was range-checked, so the date exists.
        let date = date_of_epoch_day(epoch_day).unwrap_or_default();
        let out = sink.open_day(date).map_err(|e| TransformError::Sink {
            what: format!("opening the output for {date}"),
            source: e,
        })?;
        let writer = ArrowWriter::try_new(out, self.schema.clone(), Some(self.props.clone()))?;
        self.encoder.open(date, writer)?;
        // Most objects are far smaller than a batch (a minute of events is often a few dozen):
        // the builders start small and grow, and only a full batch earns a full allocation.
        let capacity = self.batch_rows.min(FIRST_BATCH_ROWS);
        self.days.push(OpenDay { epoch_day, date, rows: 0, columns: DayColumns::new(capacity) });
        Ok(self.days.len() - 1)
    }

    /// Writes the pending rows and footers of every day and flushes the sinks' writers.
    pub(crate) fn finish(mut self) -> Result<BTreeMap<NaiveDate, u64>, TransformError> {
        for (idx, day) in self.days.iter_mut().enumerate() {
            if day.columns.len() > 0 {
                let key = key_column(&mut self.source_key_column, &self.source_key, day.columns.len());
                let batch = day.columns.take_batch(&self.schema, key, 0)?;
                self.encoder.write(idx, batch)?;
            }
        }
        std::mem::replace(&mut self.encoder, Encoder::Inline(Vec::new())).finish()?;
        Ok(self.days.iter().map(|d| (d.date, d.rows)).collect())
    }
}

/// Rows the builders of a newly seen day are allocated for.
const FIRST_BATCH_ROWS: usize = 1024;

/// The object's key repeated at least `rows` times, built once per length the object needs.
fn key_column<'a>(column: &'a mut StringArray, key: &str, rows: usize) -> &'a StringArray {
    if column.len() < rows {
        *column = StringArray::from_iter_values(std::iter::repeat_n(key, rows));
    }
    column
}

/// Footers, then a flush of every sink writer, so errors surface here and not in a drop.
fn close_all(writers: Vec<(NaiveDate, Writer)>) -> Result<(), TransformError> {
    for (date, writer) in writers {
        let mut out = writer.into_inner()?;
        out.flush().map_err(|e| TransformError::Sink {
            what: format!("flushing the output for {date}"),
            source: e,
        })?;
    }
    Ok(())
}

enum Msg {
    Open(NaiveDate, Box<Writer>),
    Batch(usize, RecordBatch),
    /// Sent only on success: a channel closed without it means the run failed and the
    /// incomplete files need no footer.
    Finish,
}

/// Where finished batches are encoded. Encoding and compressing Parquet costs about as much
/// CPU as building the columns and a good part of parsing, so by default it runs on its own
/// thread, including the final row group and footers; a bounded channel keeps at most a few
/// batches in flight.
enum Encoder {
    Inline(Vec<(NaiveDate, Writer)>),
    Thread { tx: Option<SyncSender<Msg>>, handle: Option<JoinHandle<Result<(), TransformError>>> },
}

/// Batches in flight between the parsing and the encoding thread.
const IN_FLIGHT: usize = 2;

impl Encoder {
    fn spawn() -> Result<Self, TransformError> {
        let (tx, rx) = sync_channel::<Msg>(IN_FLIGHT);
        let handle = std::thread::Builder::new()
            .name("transform-parquet".into())
            .spawn(move || -> Result<(), TransformError> {
                let mut writers: Vec<(NaiveDate, Writer)> = Vec::new();
                for msg in rx {
                    match msg {
                        Msg::Open(date, w) => writers.push((date, *w)),
                        Msg::Batch(i, b) => writers[i].1.write(&b)?,
                        Msg::Finish => return close_all(writers),
                    }
                }
                Ok(())
            })
            .map_err(|e| TransformError::Sink {
                what: "starting the Parquet encoding thread".into(),
                source: e,
            })?;
        Ok(Encoder::Thread { tx: Some(tx), handle: Some(handle) })
    }

    fn open(&mut self, date: NaiveDate, w: Writer) -> Result<(), TransformError> {
        match self {
            Encoder::Inline(ws) => {
                ws.push((date, w));
                Ok(())
            }
            Encoder::Thread { .. } => self.send(Msg::Open(date, Box::new(w))),
        }
    }

    fn write(&mut self, idx: usize, batch: RecordBatch) -> Result<(), TransformError> {
        match self {
            Encoder::Inline(ws) => Ok(ws[idx].1.write(&batch)?),
            Encoder::Thread { .. } => self.send(Msg::Batch(idx, batch)),
        }
    }

    fn send(&mut self, msg: Msg) -> Result<(), TransformError> {
        let Encoder::Thread { tx: Some(tx), .. } = self else {
            unreachable!("send is only called on a running encoder thread")
        };
        if tx.send(msg).is_ok() {
            return Ok(());
        }
        // The receiver is gone only when the thread stopped on an error: report that one.
        self.join()?;
        Err(TransformError::Parquet(ParquetError::General("Parquet encoding thread stopped early".into())))
    }

    /// Closes the channel and waits for the thread.
    fn join(&mut self) -> Result<(), TransformError> {
        let Encoder::Thread { tx, handle } = self else {
            return Ok(());
        };
        drop(tx.take());
        match handle.take().map(JoinHandle::join) {
            Some(Ok(r)) => r,
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => Ok(()),
        }
    }

    fn finish(mut self) -> Result<(), TransformError> {
        match &mut self {
            Encoder::Inline(ws) => close_all(std::mem::take(ws)),
            Encoder::Thread { .. } => {
                self.send(Msg::Finish)?;
                self.join()
            }
        }
    }
}

impl Drop for Encoder {
    /// On an early return the thread must not outlive `transform` still writing to the sink.
    fn drop(&mut self) {
        if let Encoder::Thread { tx, handle } = self {
            drop(tx.take());
            if let Some(h) = handle.take() {
                // Its error, if any, was already reported or is moot after ours.
                let _ = h.join();
            }
        }
    }
}
