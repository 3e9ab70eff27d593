//! Raw clickstream object → Arrow batches → one Parquet file per event day.
//!
//! Pure: the caller supplies the input as a [`std::io::Read`] and decides, through
//! [`TransformSink`], where each day's Parquet bytes and each quarantined record go. Nothing
//! here touches the file system or the network.
//!
//! The contract is `clickstream-event.md`: every event becomes one row of [`output_schema`]
//! (`ip` and `email` dropped, `timestamp` → `event_ts` in UTC, `revenue`, `source_key` and
//! `extra` added). Records that break the contract become [`BadRecord`]s; they are never
//! dropped and never abort the run. A damaged gzip stream is not an error either: the records
//! before the damage are kept and [`TransformReport::damaged`] says what happened, so the
//! caller can publish what is good and still exit non-zero.
//!
//! Memory is bounded by `batch_rows` and `row_group_rows` per open day plus a few MiB of
//! input buffer, whatever the size of the object; only a single huge record grows the buffer
//! (up to 64 MiB, beyond which the record is cut and quarantined).

mod columns;
pub mod compact;
mod parquet;
mod parse;
mod reader;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::io::Read;

use chrono::NaiveDate;
use serde::Serialize;

pub use self::columns::output_schema;

use self::parquet::DayWriters;
use self::parse::{Raw, Slot, epoch_day, probe_day, validate, write_extra};
use self::reader::{Handler, RecordMeta};

/// Quarantined `raw` text is cut to this many bytes.
pub const RAW_CAP_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone)]
pub struct TransformOptions {
    /// Key of the raw object; written to every row's `source_key`.
    pub source_key: String,
    /// Rows per Parquet row group (default 128 Ki).
    pub row_group_rows: usize,
    /// Rows per Arrow batch handed to the Parquet writer (default 8 Ki).
    pub batch_rows: usize,
    /// Encode Parquet on a second thread while this one inflates and parses (default true).
    /// Roughly halves the wall time of one object on an otherwise idle core; turn it off when
    /// the caller already runs one transform per core.
    pub encode_thread: bool,
    /// Inflate gzip input on a thread of its own while this one parses (default true); worth
    /// it on the same terms as `encode_thread`.
    pub inflate_thread: bool,
    /// Transform only the records with these numbers (1-based, as [`BadRecord::record_number`]
    /// counts them); the others are read and passed over. A replay of quarantined records
    /// re-reads their object this way, so numbers and offsets stay those of the object.
    pub only_records: Option<std::sync::Arc<std::collections::BTreeSet<u64>>>,
}

impl Default for TransformOptions {
    fn default() -> Self {
        TransformOptions {
            source_key: String::new(),
            row_group_rows: 128 * 1024,
            batch_rows: 8192,
            encode_thread: true,
            inflate_thread: true,
            only_records: None,
        }
    }
}

impl TransformOptions {
    pub fn new(source_key: impl Into<String>) -> Self {
        TransformOptions { source_key: source_key.into(), ..Self::default() }
    }
}

/// Where the output goes. Implementations decide paths, temp files, uploads.
pub trait TransformSink {
    /// Called once per day the first time an event of that day is seen; returns where that
    /// day's Parquet bytes go. The writer is flushed and dropped before `transform` returns Ok.
    fn open_day(&mut self, day: NaiveDate) -> std::io::Result<Box<dyn std::io::Write + Send>>;
    /// Called for every bad record, in order. `day` is the event day if the timestamp parsed,
    /// else None.
    fn quarantine(&mut self, bad: &BadRecord, day: Option<NaiveDate>) -> std::io::Result<()>;
}

/// A record that could not become an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BadRecord {
    /// 1-based, counting every record attempt in the object.
    pub record_number: u64,
    /// Offset of the record's first byte in the decompressed stream.
    pub byte_offset: u64,
    /// Short and precise, e.g. "field `price`: expected number, got string".
    pub reason: String,
    /// The record text, lossy UTF-8, `ip`/`email` values replaced by "[redacted]", cut at
    /// [`RAW_CAP_BYTES`] with a marker.
    pub raw: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TransformReport {
    /// Record attempts, good and bad.
    pub records: u64,
    pub events_out: u64,
    pub quarantined: u64,
    /// Decompressed bytes read.
    pub input_bytes: u64,
    /// Whether the input was gzip (by magic bytes).
    pub compressed: bool,
    /// Rows written per event day.
    pub days: BTreeMap<NaiveDate, u64>,
    /// The input stopped early (corrupt or truncated gzip, read error). Everything before the
    /// damage was processed; the caller should treat the object as failed.
    pub damaged: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum TransformError {
    #[error("{what}: {source}")]
    Sink {
        what: String,
        #[source]
        source: std::io::Error,
    },
    #[error("writing Parquet: {0}")]
    Parquet(#[from] ::parquet::errors::ParquetError),
    #[error("building Arrow batch: {0}")]
    Arrow(#[from] arrow::error::ArrowError),
    /// Only from [`parse_only`], which has no report to carry it.
    #[error("input damaged: {0}")]
    Damaged(String),
}

/// Transforms one raw object. On `Err`, output already handed to the sink is incomplete
/// (Parquet files without footer) and must be discarded.
pub fn transform<R: Read + Send>(
    input: R,
    opts: &TransformOptions,
    sink: &mut dyn TransformSink,
) -> Result<TransformReport, TransformError> {
    if opts.inflate_thread {
        std::thread::scope(|scope| transform_framed(reader::open_inflating(input, scope), opts, sink))
    } else {
        transform_framed(reader::open(input), opts, sink)
    }
}

fn transform_framed(
    mut framer: reader::Framer<'_>,
    opts: &TransformOptions,
    sink: &mut dyn TransformSink,
) -> Result<TransformReport, TransformError> {
    let mut h = TransformHandler {
        out: DayWriters::new(
            output_schema(),
            &opts.source_key,
            opts.row_group_rows,
            opts.batch_rows,
            opts.encode_thread,
        )?,
        sink,
        extra_buf: Vec::new(),
        events_out: 0,
        quarantined: 0,
        only_records: opts.only_records.clone(),
    };
    framer.run(&mut h)?;
    let days = h.out.finish()?;
    Ok(TransformReport {
        records: framer.records,
        events_out: h.events_out,
        quarantined: h.quarantined,
        input_bytes: framer.input_bytes,
        compressed: framer.compressed,
        days,
        damaged: framer.damaged.take(),
    })
}

/// Inflates and parses every record into the typed struct, and nothing else: the throughput
/// ceiling `transform` is measured against. Returns the number of record attempts.
pub fn parse_only<R: Read>(input: R) -> Result<u64, TransformError> {
    struct Count;
    impl Handler for Count {
        fn good(&mut self, raw: &mut Raw<'_>, _: RecordMeta, _: &[u8]) -> Result<(), TransformError> {
            std::hint::black_box(raw);
            Ok(())
        }
        fn bad(&mut self, _: RecordMeta, _: &[u8], _: String) -> Result<(), TransformError> {
            Ok(())
        }
    }
    let mut framer = reader::open(input);
    framer.run(&mut Count)?;
    match framer.damaged.take() {
        Some(msg) => Err(TransformError::Damaged(msg)),
        None => Ok(framer.records),
    }
}

/// The `event_id` of every record that reads as an event (in order), and the number of record
/// attempts: what `reconcile --deep` holds the lake against.
pub fn event_ids<R: Read>(input: R) -> Result<(Vec<String>, u64), TransformError> {
    struct Ids(Vec<String>);
    impl Handler for Ids {
        fn good(&mut self, raw: &mut Raw<'_>, _: RecordMeta, _: &[u8]) -> Result<(), TransformError> {
            if let Slot::Set(id) = &raw.event_id {
                self.0.push(id.to_string());
            }
            Ok(())
        }
        fn bad(&mut self, _: RecordMeta, _: &[u8], _: String) -> Result<(), TransformError> {
            Ok(())
        }
    }
    let mut framer = reader::open(input);
    let mut ids = Ids(Vec::new());
    framer.run(&mut ids)?;
    match framer.damaged.take() {
        Some(msg) => Err(TransformError::Damaged(msg)),
        None => Ok((ids.0, framer.records)),
    }
}

/// The exact text of the records numbered `wanted` (1-based, as [`BadRecord::record_number`]
/// counts them), framed as the transform frames them: what a replay sends back into the stream.
pub fn record_texts<R: Read>(
    input: R,
    wanted: &std::collections::BTreeSet<u64>,
) -> Result<BTreeMap<u64, Vec<u8>>, TransformError> {
    struct Texts<'w> {
        wanted: &'w std::collections::BTreeSet<u64>,
        found: BTreeMap<u64, Vec<u8>>,
    }
    impl Texts<'_> {
        fn keep(&mut self, meta: RecordMeta, text: &[u8]) {
            if self.wanted.contains(&meta.number) {
                self.found.insert(meta.number, text.to_vec());
            }
        }
    }
    impl Handler for Texts<'_> {
        fn good(&mut self, _: &mut Raw<'_>, meta: RecordMeta, text: &[u8]) -> Result<(), TransformError> {
            self.keep(meta, text);
            Ok(())
        }
        fn bad(&mut self, meta: RecordMeta, text: &[u8], _: String) -> Result<(), TransformError> {
            self.keep(meta, text);
            Ok(())
        }
    }
    let mut framer = reader::open(input);
    let mut texts = Texts { wanted, found: BTreeMap::new() };
    framer.run(&mut texts)?;
    match framer.damaged.take() {
        // Records before the damage were framed as the transform framed them.
        Some(_) if !texts.found.is_empty() => Ok(texts.found),
        Some(msg) => Err(TransformError::Damaged(msg)),
        None => Ok(texts.found),
    }
}

/// One NDJSON quarantine line (no trailing newline):
/// `{"source_key":…,"record_number":…,"byte_offset":…,"reason":…,"raw":…}`.
pub fn quarantine_line(source_key: &str, bad: &BadRecord) -> String {
    #[derive(Serialize)]
    struct Line<'a> {
        source_key: &'a str,
        #[serde(flatten)]
        bad: &'a BadRecord,
    }
    serde_json::to_string(&Line { source_key, bad }).unwrap_or_default()
}

struct TransformHandler<'s> {
    out: DayWriters,
    sink: &'s mut dyn TransformSink,
    extra_buf: Vec<u8>,
    events_out: u64,
    quarantined: u64,
    only_records: Option<std::sync::Arc<std::collections::BTreeSet<u64>>>,
}

impl TransformHandler<'_> {
    fn passed_over(&self, meta: &RecordMeta) -> bool {
        self.only_records.as_ref().is_some_and(|only| !only.contains(&meta.number))
    }

    fn quarantine(
        &mut self,
        meta: RecordMeta,
        text: &[u8],
        reason: String,
        day: Option<NaiveDate>,
    ) -> Result<(), TransformError> {
        let bad =
            BadRecord { record_number: meta.number, byte_offset: meta.offset, reason, raw: raw_text(text) };
        self.quarantined += 1;
        self.sink.quarantine(&bad, day).map_err(|e| TransformError::Sink {
            what: format!("quarantining record {}", meta.number),
            source: e,
        })
    }
}

impl Handler for TransformHandler<'_> {
    fn good(&mut self, raw: &mut Raw<'_>, meta: RecordMeta, text: &[u8]) -> Result<(), TransformError> {
        if self.passed_over(&meta) {
            return Ok(());
        }
        let event_ts = match validate(raw) {
            Ok(ts) => ts,
            Err(reason) => {
                let day = match &raw.timestamp {
                    parse::Slot::Set(ts) => parse::ts_micros(ts).ok().and_then(parse::day_of),
                    _ => None,
                };
                return self.quarantine(meta, text, reason, day);
            }
        };
        let extra = if raw.extra.is_empty() || !write_extra(&mut raw.extra, &mut self.extra_buf) {
            None
        } else {
            // serde_json only writes UTF-8.
            std::str::from_utf8(&self.extra_buf).ok()
        };
        self.out.push(&mut *self.sink, raw, event_ts, epoch_day(event_ts), extra)?;
        self.events_out += 1;
        Ok(())
    }

    fn bad(&mut self, meta: RecordMeta, text: &[u8], reason: String) -> Result<(), TransformError> {
        if self.passed_over(&meta) {
            return Ok(());
        }
        let day = probe_day(text);
        self.quarantine(meta, text, reason, day)
    }
}

/// A record's text as quarantine keeps it and people see it: lossy UTF-8, `ip`/`email` values
/// replaced by "[redacted]", cut at [`RAW_CAP_BYTES`] with a marker.
pub fn redacted_text(text: &[u8]) -> String {
    raw_text(text)
}

/// Whether quarantined text was cut at [`RAW_CAP_BYTES`] (and so cannot be transformed again).
pub fn is_truncated(raw: &str) -> bool {
    raw.len() > RAW_CAP_BYTES && raw.contains("…[truncated: ")
}

/// Redacted, lossy, capped record text for quarantine.
fn raw_text(text: &[u8]) -> String {
    let redacted = parse::redact(text);
    if redacted.len() <= RAW_CAP_BYTES {
        return String::from_utf8_lossy(&redacted).into_owned();
    }
    // Cut on a character boundary so the cap itself does not add a U+FFFD.
    let mut cut = RAW_CAP_BYTES;
    while cut > RAW_CAP_BYTES - 3 && redacted[cut] & 0xC0 == 0x80 {
        cut -= 1;
    }
    let mut s = String::from_utf8_lossy(&redacted[..cut]).into_owned();
    s.push_str(&format!("…[truncated: {} bytes in total]", redacted.len()));
    s
}
