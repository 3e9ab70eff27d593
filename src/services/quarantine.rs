//! Quarantined records: bdctl's own (NDJSON lines under the errors prefix, one file per source
//! object and event day, as the transform, the function and the Spark job write them) and
//! Firehose's error output (`processing-failed/` and `format-conversion-failed/` documents with a
//! base64 `rawData`), listed, shown and replayed through the current transform.
//!
//! A replay never edits a quarantine file: what it did is kept in a replay record beside the
//! manifests (`_bdctl/replays/<quarantine key>.json`): the records each replay landed, the
//! Parquet files it wrote (`<stem>.replay-<n>.parquet` in the event day, a name no transform
//! output can have) and the records that still fail, with their new reasons. A replay writes its
//! files first and the record last, under names fixed by the record it started from, so a
//! replay killed half-way and run again overwrites what it wrote instead of adding to it, and a
//! second replay only tries what still fails. Transforming the source object again
//! supersedes its replays (see [`crate::pipeline::void_replays`]).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::sync::Arc;

use anyhow::{Context as _, Result};
use bytes::Bytes;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::backend::{Delivery, DeliveryRecord, ObjectInfo, ObjectStore, is_not_found};
use crate::layout::{Location, day_partition, partition_day, raw_key_day};
use crate::pipeline::{Lake, OutputFile, SharedStaged, completed, stem};
use crate::settings::RawLayout;
use crate::transform::{self, BadRecord, TransformOptions, TransformSink};

/// Who quarantined a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// bdctl's transform (locally, as the Lambda function or as the Spark job).
    Transform,
    /// Firehose's own error output: records it could not process or convert.
    Firehose,
}

impl Origin {
    pub fn name(self) -> &'static str {
        match self {
            Origin::Transform => "transform",
            Origin::Firehose => "firehose",
        }
    }
}

/// A file of quarantined records.
#[derive(Debug, Clone)]
pub struct QuarantineFile {
    pub bucket: String,
    pub key: String,
    pub size: u64,
    pub last_modified: Option<DateTime<Utc>>,
    /// The day it is filed under (the event day for bdctl's, the delivery hour's day for Firehose's).
    pub day: Option<NaiveDate>,
    pub origin: Origin,
}

/// One quarantined record, as it stands after any replays.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuarantinedRecord {
    /// The raw object it came from (for Firehose's documents: the document).
    pub source_key: String,
    /// 1-based: the record's number in its raw object, or the line of a Firehose document.
    pub record_number: u64,
    /// Offset of the record in the decompressed raw object (bdctl's records only).
    pub byte_offset: Option<u64>,
    pub reason: String,
    /// The record text, `ip`/`email` values redacted.
    pub raw: String,
    /// The record's day: its event day when it had one, else the day it was filed under.
    pub day: Option<NaiveDate>,
    /// When it was quarantined: Firehose's arrival time, or the quarantine file's time.
    pub quarantined_at: Option<DateTime<Utc>>,
    /// The text to transform again, where it differs from `raw` (Firehose's decoded `rawData`).
    #[serde(skip)]
    replay_text: Option<Vec<u8>>,
}

/// The days to look at; `None` on either side is open.
#[derive(Debug, Clone, Copy, Default)]
pub struct DayRange {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl DayRange {
    fn contains(&self, day: Option<NaiveDate>) -> bool {
        match day {
            Some(day) => self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t),
            None => self.from.is_none() && self.to.is_none(),
        }
    }
}

/// Where quarantined records are: bdctl's errors area and, when configured, Firehose's error
/// output in the raw bucket.
pub struct Quarantine {
    store: Arc<dyn ObjectStore>,
    lake: Lake,
    firehose_errors: Option<Location>,
}

/// What a replay record keeps (see the module's documentation).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct ReplayState {
    /// The quarantine file's size when it was first replayed: a file written again since (its
    /// object transformed again) makes this record void.
    quarantine_bytes: u64,
    replays: Vec<ReplayRun>,
    still_failing: Vec<QuarantinedRecord>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct ReplayRun {
    replayed: Vec<u64>,
    outputs: Vec<OutputFile>,
}

/// Records sent back into the delivery stream by one `replay --to-stream`, kept beside the
/// replay record (`<quarantine key>.sent.json`). It is written before the records are sent, so
/// that a replay killed while sending finds out on its next run which of them arrived instead
/// of sending them twice; until then they stay quarantined. A transform of the source object
/// does not void it: the records are in the raw area again under another object.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StreamSend {
    destination: String,
    /// Where the records were first delivered: not where to look for their second arrival.
    source_key: String,
    started_at: DateTime<Utc>,
    /// Record number → the record's `event_id`, by which its arrival is recognised.
    records: BTreeMap<u64, String>,
    /// The stream accepted every record listed.
    delivered: bool,
}

/// Where a replay puts what now transforms.
pub enum ReplayTo<'d> {
    /// Straight into the lake, transformed here.
    Lake,
    /// Back into the delivery stream, to come through the platform's own transform.
    Stream {
        delivery: &'d dyn Delivery,
        /// Told what a replay is waiting for.
        waiting: &'d (dyn Fn(String) + Sync),
    },
}

/// A quarantine file's records as they stand.
pub struct FileRecords {
    pub file: QuarantineFile,
    pub records: Vec<QuarantinedRecord>,
    /// Records earlier replays landed in the lake.
    pub replayed: u64,
}

/// What a replay of one file did (or, with `dry_run`, would do).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReplayOutcome {
    pub file: String,
    /// Records that now transform and landed in the lake.
    pub replayed: u64,
    /// Records tried again that still fail (they stay quarantined, with the new reason).
    pub still_failing: u64,
    /// Records not tried: replayed before, or not of the reason asked for.
    pub skipped: u64,
    /// The Parquet files written.
    pub outputs: Vec<OutputFile>,
    /// Records of an interrupted `--to-stream` replay found in the raw area since (counted in
    /// `replayed`), and those still unaccounted for when this replay could not wait (dry run).
    pub settled: u64,
    pub unsettled: u64,
    /// The reasons of the records that still fail, with their counts.
    pub reasons: BTreeMap<String, u64>,
}

impl Quarantine {
    pub fn new(store: Arc<dyn ObjectStore>, lake: Lake, firehose_error_prefix: Option<&str>) -> Self {
        let firehose_errors = firehose_error_prefix
            .filter(|p| !p.is_empty())
            .map(|prefix| Location { bucket: lake.raw.bucket.clone(), prefix: prefix.to_string() });
        Self { store, lake, firehose_errors }
    }

    /// The quarantine files filed under the days of `range`, bdctl's first, in key order.
    pub async fn files(&self, range: DayRange) -> Result<Vec<QuarantineFile>> {
        let mut files = Vec::new();
        let errors = &self.lake.errors;
        for object in self.store.list(&errors.bucket, &errors.prefix).await? {
            let relative = object.key.strip_prefix(&errors.prefix).unwrap_or(&object.key);
            if !object.key.ends_with(".ndjson") || is_hidden(relative) {
                continue;
            }
            let day = partition_day(relative);
            if range.contains(day) {
                files.push(file_of(&errors.bucket, object, day, Origin::Transform));
            }
        }
        if let Some(location) = &self.firehose_errors {
            for object in self.store.list(&location.bucket, &location.prefix).await? {
                let relative = object.key.strip_prefix(&location.prefix).unwrap_or(&object.key);
                if is_hidden(relative) || object.size == 0 {
                    continue;
                }
                let day = firehose_error_day(relative);
                if range.contains(day) {
                    files.push(file_of(&location.bucket, object, day, Origin::Firehose));
                }
            }
        }
        Ok(files)
    }

    /// bdctl's quarantine file at `key`, when it exists.
    pub async fn file(&self, key: &str) -> Result<Option<QuarantineFile>> {
        let errors = &self.lake.errors;
        let listed = self.store.list(&errors.bucket, key).await?;
        Ok(listed.into_iter().find(|o| o.key == key).map(|object| {
            let day = partition_day(object.key.strip_prefix(&errors.prefix).unwrap_or(&object.key));
            file_of(&errors.bucket, object, day, Origin::Transform)
        }))
    }

    /// The Parquet files replays of the file wrote, while its replay record holds.
    pub async fn replay_outputs(&self, file: &QuarantineFile) -> Result<Vec<OutputFile>> {
        let state = self.replay_state(file).await?;
        Ok(state.into_iter().flat_map(|s| s.replays.into_iter().flat_map(|r| r.outputs)).collect())
    }

    /// A file's records as they stand: what its last replay left failing, or all of them.
    pub async fn records(&self, file: &QuarantineFile) -> Result<FileRecords> {
        let state = self.replay_state(file).await?;
        let sent = delivered_numbers(&self.sends(file).await?);
        let (mut records, replayed) = match state {
            Some(state) => {
                (state.still_failing, state.replays.iter().map(|r| r.replayed.len() as u64).sum::<u64>())
            }
            None => (self.read_file(file).await?, 0),
        };
        records.retain(|r| !sent.contains(&r.record_number));
        Ok(FileRecords { file: file.clone(), records, replayed: replayed + sent.len() as u64 })
    }

    /// Every record of the file as it was quarantined.
    async fn read_file(&self, file: &QuarantineFile) -> Result<Vec<QuarantinedRecord>> {
        let body = self.store.get(&file.bucket, &file.key).await?;
        let text = inflated(&body).with_context(|| format!("reading {}", file.key))?;
        let mut records = Vec::new();
        for (index, line) in text.split(|b| *b == b'\n').enumerate() {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let line_number = index as u64 + 1;
            let record = match file.origin {
                Origin::Transform => transform_line(file, line),
                Origin::Firehose => firehose_document(file, line, line_number),
            };
            records.push(record.with_context(|| format!("{} line {line_number}", file.key))?);
        }
        Ok(records)
    }

    fn state_key(&self, file: &QuarantineFile) -> String {
        self.lake.replay_record_key(&file.key)
    }

    fn sends_key(&self, file: &QuarantineFile) -> String {
        format!("{}replays/{}.sent.json", self.lake.state.prefix, file.key)
    }

    async fn sends(&self, file: &QuarantineFile) -> Result<Vec<StreamSend>> {
        let key = self.sends_key(file);
        match self.store.get(&self.lake.state.bucket, &key).await {
            Ok(body) => Ok(serde_json::from_slice(&body).with_context(|| format!("reading {key}"))?),
            Err(err) if is_not_found(&err) => Ok(Vec::new()),
            Err(err) => Err(err),
        }
    }

    async fn put_sends(&self, file: &QuarantineFile, sends: &[StreamSend]) -> Result<()> {
        let body = serde_json::to_vec_pretty(sends)?;
        self.store.put(&self.lake.state.bucket, &self.sends_key(file), Bytes::from(body)).await
    }

    /// The file's replay record; `None` when it has none or a void one.
    async fn replay_state(&self, file: &QuarantineFile) -> Result<Option<ReplayState>> {
        Ok(self.stored_state(&self.state_key(file)).await?.filter(|s| s.quarantine_bytes == file.size))
    }

    async fn stored_state(&self, key: &str) -> Result<Option<ReplayState>> {
        match self.store.get(&self.lake.state.bucket, key).await {
            Ok(body) => Ok(Some(serde_json::from_slice(&body).with_context(|| format!("reading {key}"))?)),
            Err(err) if is_not_found(&err) => Ok(None),
            Err(err) => Err(err),
        }
    }

    /// Transforms the file's still-failing records again (those whose reason contains `reason`,
    /// when given). What transforms lands in the lake; the rest stays quarantined with its new
    /// reason. With `dry_run` nothing is written.
    pub async fn replay(
        &self,
        file: &QuarantineFile,
        reason: Option<&str>,
        dry_run: bool,
        to: &ReplayTo<'_>,
    ) -> Result<ReplayOutcome> {
        match to {
            ReplayTo::Lake => self.replay_into_lake(file, reason, dry_run).await,
            ReplayTo::Stream { delivery, waiting } => {
                self.replay_into_stream(file, reason, dry_run, *delivery, *waiting).await
            }
        }
    }

    /// The file's replay record as it stands, started afresh when there is none or a void one
    /// (whose outputs go, unless `dry_run`).
    async fn current_state(&self, file: &QuarantineFile, dry_run: bool) -> Result<ReplayState> {
        let stored = self.stored_state(&self.state_key(file)).await?;
        Ok(match stored {
            Some(state) if state.quarantine_bytes == file.size => state,
            void => {
                // The file was written again since its last replay: what that replay landed is
                // the new file's to quarantine or the new outputs' to hold.
                if let Some(void) = void
                    && !dry_run
                {
                    self.delete_outputs(&void).await?;
                }
                ReplayState {
                    quarantine_bytes: file.size,
                    replays: Vec::new(),
                    still_failing: self.read_file(file).await?,
                }
            }
        })
    }

    async fn replay_into_lake(
        &self,
        file: &QuarantineFile,
        reason: Option<&str>,
        dry_run: bool,
    ) -> Result<ReplayOutcome> {
        let state_key = self.state_key(file);
        let mut state = self.current_state(file, dry_run).await?;
        // Records sent into the stream are the stream's now, settled or not.
        let sent: BTreeSet<u64> =
            self.sends(file).await?.iter().flat_map(|s| s.records.keys().copied()).collect();
        let already: u64 = state.replays.iter().map(|r| r.replayed.len() as u64).sum();
        let (candidates, others) = candidates(std::mem::take(&mut state.still_failing), reason, &sent);
        let mut outcome = ReplayOutcome {
            file: file.key.clone(),
            skipped: already + others.len() as u64,
            ..ReplayOutcome::default()
        };
        if candidates.is_empty() {
            return Ok(outcome);
        }
        let generation = state.replays.len() + 1;
        let attempt = self.transform_again(file, &candidates, generation, dry_run).await?;
        let mut still_failing = others;
        let mut replayed = Vec::new();
        for record in candidates {
            match attempt.failed.get(&record.record_number) {
                Some(new_reason) => {
                    *outcome.reasons.entry(new_reason.clone()).or_default() += 1;
                    still_failing.push(QuarantinedRecord { reason: new_reason.clone(), ..record });
                }
                None => replayed.push(record.record_number),
            }
        }
        still_failing.sort_by_key(|r| r.record_number);
        outcome.replayed = replayed.len() as u64;
        outcome.still_failing = outcome.reasons.values().sum();
        if dry_run {
            outcome.outputs = attempt.staged.into_iter().map(|(output, _)| output).collect();
            return Ok(outcome);
        }
        // Committing uploads blocks (the store's staged objects are written from blocking code).
        let outputs = tokio::task::spawn_blocking(move || attempt.commit()).await??;
        outcome.outputs = outputs.clone();
        if !replayed.is_empty() {
            state.replays.push(ReplayRun { replayed, outputs });
        }
        state.still_failing = still_failing;
        let body = serde_json::to_vec_pretty(&state)?;
        self.store.put(&self.lake.state.bucket, &state_key, Bytes::from(body)).await?;
        Ok(outcome)
    }

    async fn delete_outputs(&self, state: &ReplayState) -> Result<()> {
        let keys: Vec<String> =
            state.replays.iter().flat_map(|r| r.outputs.iter().map(|o| o.key.clone())).collect();
        if !keys.is_empty() {
            self.store.delete(&self.lake.transformed.bucket, &keys).await?;
        }
        Ok(())
    }

    /// Runs the transform over the candidates: straight from their raw object when it is still
    /// there as it was transformed (the exact bytes, numbers and offsets), else from the
    /// quarantined text.
    async fn transform_again(
        &self,
        file: &QuarantineFile,
        candidates: &[QuarantinedRecord],
        generation: usize,
        dry_run: bool,
    ) -> Result<Attempt> {
        let source_key = candidates[0].source_key.clone();
        if file.origin == Origin::Transform
            && let Some(object) = self.unchanged_raw_object(&source_key).await?
        {
            let only: BTreeSet<u64> = candidates.iter().map(|r| r.record_number).collect();
            let attempt = self
                .run_transform(
                    file,
                    source_key.clone(),
                    RawInput::Object(object),
                    Some(only),
                    generation,
                    dry_run,
                )
                .await?;
            // Records the framing did not meet again (a damaged stream): from their text instead.
            if attempt.seen == candidates.len() as u64 {
                return Ok(attempt);
            }
        }
        let (texts, failed) = quarantined_texts(candidates);
        self.transform_texts(file, &source_key, texts, failed, generation, dry_run).await
    }

    /// Transforms the records' texts (record number → text) as one input; `failed` holds the
    /// records already known not to replay, and gets the new reasons of those that still fail.
    async fn transform_texts(
        &self,
        file: &QuarantineFile,
        source_key: &str,
        texts: Vec<(u64, Vec<u8>)>,
        mut failed: BTreeMap<u64, String>,
        generation: usize,
        dry_run: bool,
    ) -> Result<Attempt> {
        let mut text = Vec::new();
        let mut starts = Vec::new();
        for (number, bytes) in texts {
            starts.push((text.len() as u64, number));
            text.extend_from_slice(bytes.strip_suffix(b"\n").unwrap_or(&bytes));
            text.push(b'\n');
        }
        if starts.is_empty() {
            return Ok(Attempt { failed, ..Attempt::default() });
        }
        // Rows keep their lineage: the raw object, or for Firehose's records the document.
        let row_source =
            if file.origin == Origin::Firehose { file.key.clone() } else { source_key.to_string() };
        let mut attempt =
            self.run_transform(file, row_source, RawInput::Text(text), None, generation, dry_run).await?;
        if attempt.seen != starts.len() as u64 {
            // The text framed into a different number of records than it was quarantined as:
            // landing part of a record would land it twice on the next replay.
            for (_, number) in &starts {
                failed.insert(
                    *number,
                    "cannot replay: the quarantined text no longer frames as one record".into(),
                );
            }
            return Ok(Attempt { failed, ..Attempt::default() });
        }
        for (offset, reason) in std::mem::take(&mut attempt.failed_at) {
            let at = starts.partition_point(|(start, _)| *start <= offset).saturating_sub(1);
            failed.insert(starts[at].1, reason);
        }
        attempt.failed = failed;
        Ok(attempt)
    }

    /// The texts to send back into the stream: the exact bytes of the raw object while it is
    /// there as it was transformed, else Firehose's `rawData` or the quarantined text.
    async fn texts_to_send(
        &self,
        file: &QuarantineFile,
        candidates: &[QuarantinedRecord],
    ) -> Result<(Vec<(u64, Vec<u8>)>, BTreeMap<u64, String>)> {
        let mut exact = BTreeMap::new();
        let source_key = &candidates[0].source_key;
        if file.origin == Origin::Transform
            && let Some(object) = self.unchanged_raw_object(source_key).await?
        {
            let wanted: BTreeSet<u64> = candidates.iter().map(|r| r.record_number).collect();
            let store = self.store.clone();
            let bucket = self.lake.raw.bucket.clone();
            exact = tokio::task::spawn_blocking(move || {
                let reader = store.open_blocking(&bucket, &object.key)?;
                anyhow::Ok(transform::record_texts(reader, &wanted)?)
            })
            .await??;
        }
        let (rest, known): (Vec<_>, Vec<_>) =
            candidates.iter().cloned().partition(|r| !exact.contains_key(&r.record_number));
        let (mut texts, failed) = quarantined_texts(&rest);
        texts.extend(
            known.iter().filter_map(|r| exact.remove(&r.record_number).map(|t| (r.record_number, t))),
        );
        texts.sort_by_key(|(number, _)| *number);
        Ok((texts, failed))
    }

    /// Sends the file's still-failing records that the current transform accepts back into the
    /// delivery stream; first settles what an interrupted earlier send left open.
    async fn replay_into_stream(
        &self,
        file: &QuarantineFile,
        reason: Option<&str>,
        dry_run: bool,
        delivery: &dyn Delivery,
        waiting: &(dyn Fn(String) + Sync),
    ) -> Result<ReplayOutcome> {
        let mut outcome = ReplayOutcome { file: file.key.clone(), ..ReplayOutcome::default() };
        let mut sends = self.sends(file).await?;
        if let Some(open) = sends.iter().position(|s| !s.delivered) {
            if dry_run {
                outcome.unsettled = sends[open].records.len() as u64;
            } else {
                let open_send = sends.remove(open);
                let arrived = self.settle(&open_send, delivery, waiting).await?;
                outcome.settled = arrived.len() as u64;
                outcome.replayed += arrived.len() as u64;
                if !arrived.is_empty() {
                    let records =
                        open_send.records.into_iter().filter(|(n, _)| arrived.contains(n)).collect();
                    sends.push(StreamSend { records, delivered: true, ..open_send });
                }
                self.put_sends(file, &sends).await?;
            }
        }
        let mut state = self.current_state(file, dry_run).await?;
        let sent: BTreeSet<u64> = sends.iter().flat_map(|s| s.records.keys().copied()).collect();
        let (candidates, others) = candidates(std::mem::take(&mut state.still_failing), reason, &sent);
        let already: u64 = state.replays.iter().map(|r| r.replayed.len() as u64).sum();
        let sent_before = delivered_numbers(&sends).len() as u64 - outcome.settled;
        // Sent records stay in the replay record: the send record alone says they are sent.
        outcome.skipped =
            already + sent_before + others.iter().filter(|r| !sent.contains(&r.record_number)).count() as u64;
        if candidates.is_empty() {
            return Ok(outcome);
        }
        let (texts, failed) = self.texts_to_send(file, &candidates).await?;
        let by_number: BTreeMap<u64, Vec<u8>> = texts.iter().cloned().collect();
        let attempt = self.transform_texts(file, &candidates[0].source_key, texts, failed, 0, true).await?;
        let mut failed = attempt.failed;
        let mut passing: BTreeMap<u64, (String, Vec<u8>)> = BTreeMap::new();
        for (number, text) in by_number {
            if failed.contains_key(&number) {
                continue;
            }
            match transform::event_ids(std::io::Cursor::new(&text)) {
                Ok((ids, _)) if ids.len() == 1 => {
                    passing.insert(number, (ids[0].clone(), text));
                }
                _ => {
                    failed.insert(number, "cannot send: the record has no single event_id".into());
                }
            }
        }
        if !dry_run && !passing.is_empty() {
            let started_at = Utc::now();
            sends.push(StreamSend {
                destination: delivery.destination(),
                source_key: candidates[0].source_key.clone(),
                started_at,
                records: passing.iter().map(|(n, (id, _))| (*n, id.clone())).collect(),
                delivered: false,
            });
            self.put_sends(file, &sends).await?;
            let numbers: Vec<u64> = passing.keys().copied().collect();
            let records = passing
                .values()
                .map(|(_, text)| DeliveryRecord {
                    data: Bytes::from(text.strip_suffix(b"\n").unwrap_or(text).to_vec()),
                    arrival: started_at,
                })
                .collect();
            let mut report = delivery.deliver(records, 0).await?;
            report.absorb(delivery.flush().await?);
            let send = sends.last_mut().expect("pushed above");
            for refused in &report.failed {
                let number = numbers[refused.index as usize];
                send.records.remove(&number);
                passing.remove(&number);
                failed.insert(
                    number,
                    format!("not accepted by {}: {}: {}", send.destination, refused.code, refused.message),
                );
            }
            send.delivered = true;
            if send.records.is_empty() {
                sends.pop();
            }
            self.put_sends(file, &sends).await?;
        }
        outcome.replayed += passing.len() as u64;
        let mut still_failing = others;
        for record in candidates {
            match failed.get(&record.record_number) {
                Some(new_reason) => {
                    *outcome.reasons.entry(new_reason.clone()).or_default() += 1;
                    still_failing.push(QuarantinedRecord { reason: new_reason.clone(), ..record });
                }
                // Kept: the send record alone says it is sent, and whether it arrived.
                None => still_failing.push(record),
            }
        }
        outcome.still_failing = outcome.reasons.values().sum();
        if !dry_run {
            still_failing.sort_by_key(|r| r.record_number);
            state.still_failing = still_failing;
            let body = serde_json::to_vec_pretty(&state)?;
            self.store.put(&self.lake.state.bucket, &self.state_key(file), Bytes::from(body)).await?;
        }
        Ok(outcome)
    }

    /// Which records of an interrupted send arrived in the raw area: those whose `event_id` is
    /// in an object written since the send started (other than their own source). Waits, while
    /// some are missing, until the stream has had time to deliver them.
    async fn settle(
        &self,
        send: &StreamSend,
        delivery: &dyn Delivery,
        waiting: &(dyn Fn(String) + Sync),
    ) -> Result<BTreeSet<u64>> {
        let bound = chrono::Duration::from_std(delivery.arrival_bound().await?)?;
        let deadline = send.started_at + bound;
        loop {
            let seen = self.event_ids_since(&send.source_key, send.started_at).await?;
            let arrived: BTreeSet<u64> =
                send.records.iter().filter(|(_, id)| seen.contains(*id)).map(|(n, _)| *n).collect();
            let now = Utc::now();
            if arrived.len() == send.records.len() || now >= deadline {
                return Ok(arrived);
            }
            let left = (deadline - now).to_std().unwrap_or_default();
            waiting(format!(
                "{} of {} records an interrupted replay sent at {} not in the raw area yet; waiting up to {}s for {}",
                send.records.len() - arrived.len(),
                send.records.len(),
                send.started_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                left.as_secs(),
                send.destination,
            ));
            tokio::time::sleep(left.min(std::time::Duration::from_secs(10))).await;
        }
    }

    /// The event ids of the raw objects written since `since`, but the file's own sources.
    async fn event_ids_since(&self, source_key: &str, since: DateTime<Utc>) -> Result<BTreeSet<String>> {
        // Clocks of this machine and of the store differ by a little.
        let after = since - chrono::Duration::seconds(60);
        let raw = crate::pipeline::RawArea { location: self.lake.raw.clone(), layout: self.lake.layout };
        let mut ids = BTreeSet::new();
        let mut day = after.date_naive();
        while day <= Utc::now().date_naive() {
            for object in raw.list_day(self.store.as_ref(), day).await? {
                if object.key == source_key || object.last_modified.is_some_and(|at| at < after) {
                    continue;
                }
                let body = self.store.get(&raw.location.bucket, &object.key).await?;
                if let Ok((found, _)) = transform::event_ids(std::io::Cursor::new(body)) {
                    ids.extend(found);
                }
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        Ok(ids)
    }

    /// The raw object, when it still has the size its manifest recorded.
    async fn unchanged_raw_object(&self, source_key: &str) -> Result<Option<ObjectInfo>> {
        let listed = self.store.list(&self.lake.raw.bucket, source_key).await?;
        let Some(object) = listed.into_iter().find(|o| o.key == source_key) else {
            return Ok(None);
        };
        Ok(completed(self.store.as_ref(), &self.lake, &object).await?.map(|_| object))
    }

    async fn run_transform(
        &self,
        file: &QuarantineFile,
        row_source: String,
        input: RawInput,
        only: Option<BTreeSet<u64>>,
        generation: usize,
        dry_run: bool,
    ) -> Result<Attempt> {
        let store = self.store.clone();
        let lake = self.lake.clone();
        let file = file.clone();
        tokio::task::spawn_blocking(move || {
            let mut sink = ReplaySink {
                store: store.clone(),
                lake: lake.clone(),
                name: format!("{}.replay-{generation}", stem(&file.key)),
                dry_run,
                outputs: BTreeMap::new(),
                failed: Vec::new(),
            };
            let reader: Box<dyn std::io::Read + Send> = match &input {
                RawInput::Object(object) => store.open_blocking(&lake.raw.bucket, &object.key)?,
                RawInput::Text(text) => Box::new(std::io::Cursor::new(text.clone())),
            };
            let options = TransformOptions {
                only_records: only.map(Arc::new),
                encode_thread: false,
                inflate_thread: false,
                ..TransformOptions::new(row_source)
            };
            let report = transform::transform(reader, &options, &mut sink)?;
            let outputs = sink
                .outputs
                .into_iter()
                .map(|(day, (key, writer))| {
                    let rows = report.days.get(&day).copied().unwrap_or(0);
                    (OutputFile { key, day: day.to_string(), rows, bytes: 0 }, writer)
                })
                .collect::<Vec<_>>();
            let mut attempt = Attempt {
                seen: report.events_out + report.quarantined,
                failed_at: Vec::new(),
                failed: BTreeMap::new(),
                staged: outputs,
            };
            for bad in sink.failed {
                match &input {
                    RawInput::Object(_) => {
                        attempt.failed.insert(bad.record_number, bad.reason);
                    }
                    RawInput::Text(_) => attempt.failed_at.push((bad.byte_offset, bad.reason)),
                }
            }
            anyhow::Ok(attempt)
        })
        .await?
    }
}

enum RawInput {
    Object(ObjectInfo),
    Text(Vec<u8>),
}

/// One replay's transform, its Parquet staged until [`Attempt::commit`].
#[derive(Default)]
struct Attempt {
    /// Records the transform met (good and bad).
    seen: u64,
    /// Record number → the new reason, for the records that still fail.
    failed: BTreeMap<u64, String>,
    /// Offsets in the replayed text of the records that still fail, before they are matched
    /// to record numbers.
    failed_at: Vec<(u64, String)>,
    /// The Parquet files, with their writers until committed (none in a dry run).
    staged: Vec<(OutputFile, Option<SharedStaged>)>,
}

impl Attempt {
    fn commit(self) -> Result<Vec<OutputFile>> {
        let mut outputs = Vec::new();
        for (mut output, staged) in self.staged {
            if let Some(staged) = staged
                && let Some(bytes) = staged.commit()?
            {
                output.bytes = bytes;
            }
            outputs.push(output);
        }
        Ok(outputs)
    }
}

struct ReplaySink {
    store: Arc<dyn ObjectStore>,
    lake: Lake,
    /// The output name without extension, from the quarantine file's.
    name: String,
    dry_run: bool,
    outputs: BTreeMap<NaiveDate, (String, Option<SharedStaged>)>,
    failed: Vec<BadRecord>,
}

impl TransformSink for ReplaySink {
    fn open_day(&mut self, day: NaiveDate) -> std::io::Result<Box<dyn Write + Send>> {
        let key = format!("{}{}{}.parquet", self.lake.transformed.prefix, day_partition(day), self.name);
        if self.dry_run {
            self.outputs.insert(day, (key, None));
            return Ok(Box::new(std::io::sink()));
        }
        let staged =
            self.store.create_blocking(&self.lake.transformed.bucket, &key).map_err(std::io::Error::other)?;
        let shared = SharedStaged::new(staged);
        self.outputs.insert(day, (key, Some(shared.clone())));
        Ok(Box::new(shared))
    }

    fn quarantine(&mut self, bad: &BadRecord, _day: Option<NaiveDate>) -> std::io::Result<()> {
        self.failed.push(bad.clone());
        Ok(())
    }
}

/// The records to try: still failing, of the reason asked for (when given), not sent into the
/// stream; and the others.
fn candidates(
    records: Vec<QuarantinedRecord>,
    reason: Option<&str>,
    sent: &BTreeSet<u64>,
) -> (Vec<QuarantinedRecord>, Vec<QuarantinedRecord>) {
    records.into_iter().partition(|r| {
        !sent.contains(&r.record_number)
            && reason.is_none_or(|want| r.reason.to_lowercase().contains(&want.to_lowercase()))
    })
}

/// The records the stream accepted from earlier sends.
fn delivered_numbers(sends: &[StreamSend]) -> BTreeSet<u64> {
    sends.iter().filter(|s| s.delivered).flat_map(|s| s.records.keys().copied()).collect()
}

/// The records' texts as quarantine holds them (Firehose's decoded `rawData`, or bdctl's
/// redacted text); a text cut short cannot be transformed again and is failed with why.
fn quarantined_texts(records: &[QuarantinedRecord]) -> (Vec<(u64, Vec<u8>)>, BTreeMap<u64, String>) {
    let mut texts = Vec::new();
    let mut failed = BTreeMap::new();
    for record in records {
        if transform::is_truncated(&record.raw) && record.replay_text.is_none() {
            failed.insert(
                record.record_number,
                format!(
                    "cannot replay: the quarantined text is cut short and {} is gone or changed",
                    record.source_key
                ),
            );
            continue;
        }
        let text = record.replay_text.clone().unwrap_or_else(|| record.raw.clone().into_bytes());
        texts.push((record.record_number, text));
    }
    (texts, failed)
}

fn file_of(bucket: &str, object: ObjectInfo, day: Option<NaiveDate>, origin: Origin) -> QuarantineFile {
    QuarantineFile {
        bucket: bucket.to_string(),
        key: object.key,
        size: object.size,
        last_modified: object.last_modified,
        day,
        origin,
    }
}

/// Names starting with `_` or `.` are bookkeeping (a writer's temporary file, say), as Hive and
/// Athena treat them.
fn is_hidden(relative_key: &str) -> bool {
    relative_key.split('/').any(|part| part.starts_with('_') || part.starts_with('.'))
}

/// The day of a Firehose error object: its `YYYY/MM/DD/HH/` directories, found after any
/// error-type folder (`processing-failed/`), or hive-style directories.
fn firehose_error_day(relative_key: &str) -> Option<NaiveDate> {
    if let Some(day) = partition_day(relative_key) {
        return Some(day);
    }
    let parts: Vec<&str> = relative_key.split('/').collect();
    (0..parts.len().saturating_sub(3)).find_map(|at| raw_key_day(RawLayout::Firehose, &parts[at..].join("/")))
}

/// The bytes of a quarantine file, gzip or not (Firehose compresses its error output as it
/// compresses deliveries).
fn inflated(body: &[u8]) -> Result<Vec<u8>> {
    if body.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(body), &mut out)?;
        Ok(out)
    } else {
        Ok(body.to_vec())
    }
}

fn transform_line(file: &QuarantineFile, line: &[u8]) -> Result<QuarantinedRecord> {
    #[derive(Deserialize)]
    struct Line {
        source_key: String,
        record_number: u64,
        byte_offset: u64,
        reason: String,
        raw: String,
    }
    let line: Line =
        serde_json::from_slice(line).map_err(|err| anyhow::anyhow!("not a quarantine line: {err}"))?;
    Ok(QuarantinedRecord {
        source_key: line.source_key,
        record_number: line.record_number,
        byte_offset: Some(line.byte_offset),
        reason: line.reason,
        // Quarantine redacts already; a file from elsewhere is redacted here too.
        raw: transform::redacted_text(line.raw.as_bytes()),
        day: file.day,
        quarantined_at: file.last_modified,
        replay_text: None,
    })
}

fn firehose_document(file: &QuarantineFile, line: &[u8], line_number: u64) -> Result<QuarantinedRecord> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Document {
        raw_data: String,
        error_code: Option<String>,
        error_message: Option<String>,
        last_error_code: Option<String>,
        last_error_message: Option<String>,
        arrival_timestamp: Option<i64>,
    }
    let doc: Document = serde_json::from_slice(line)
        .map_err(|err| anyhow::anyhow!("not a Firehose error document: {err}"))?;
    let data = aws_smithy_types::base64::decode(doc.raw_data.trim())
        .map_err(|err| anyhow::anyhow!("rawData is not base64: {err}"))?;
    let code = doc.error_code.or(doc.last_error_code).unwrap_or_else(|| "unknown error".into());
    let reason = match doc.error_message.or(doc.last_error_message) {
        Some(message) if !message.is_empty() => format!("{code}: {message}"),
        _ => code,
    };
    Ok(QuarantinedRecord {
        source_key: file.key.clone(),
        record_number: line_number,
        byte_offset: None,
        reason,
        raw: transform::redacted_text(data.strip_suffix(b"\n").unwrap_or(&data)),
        day: file.day,
        quarantined_at: doc.arrival_timestamp.and_then(|ms| Utc.timestamp_millis_opt(ms).single()),
        replay_text: Some(data),
    })
}

/// How `list` groups records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Reason,
    Day,
    Source,
}

/// One group of quarantined records.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub key: String,
    pub origin: Origin,
    pub records: u64,
    /// Bytes of record text.
    pub bytes: u64,
    pub oldest: Option<DateTime<Utc>>,
    pub newest: Option<DateTime<Utc>>,
}

/// A reason without the position a parser names (`… at line 1 column 257`), so that one kind
/// of damage is one group.
fn reason_kind(reason: &str) -> &str {
    if let Some(at) = reason.rfind(" at line ") {
        let position = &reason[at + " at line ".len()..];
        if let Some((line, column)) = position.split_once(" column ")
            && line.bytes().all(|b| b.is_ascii_digit())
            && column.bytes().all(|b| b.is_ascii_digit())
        {
            return &reason[..at];
        }
    }
    reason
}

/// Counts the records by `by`, largest group first.
pub fn group(files: &[FileRecords], by: GroupBy) -> Vec<Group> {
    let mut groups: BTreeMap<(String, &'static str), Group> = BTreeMap::new();
    for file in files {
        for record in &file.records {
            let key = match by {
                GroupBy::Reason => reason_kind(&record.reason).to_string(),
                GroupBy::Day => record.day.map(|d| d.to_string()).unwrap_or_else(|| "unknown".into()),
                GroupBy::Source => record.source_key.clone(),
            };
            let group = groups.entry((key.clone(), file.file.origin.name())).or_insert_with(|| Group {
                key,
                origin: file.file.origin,
                records: 0,
                bytes: 0,
                oldest: None,
                newest: None,
            });
            group.records += 1;
            group.bytes += record.replay_text.as_ref().map_or(record.raw.len(), Vec::len) as u64;
            if let Some(at) = record.quarantined_at {
                group.oldest = Some(group.oldest.map_or(at, |o| o.min(at)));
                group.newest = Some(group.newest.map_or(at, |n| n.max(at)));
            }
        }
    }
    let mut groups: Vec<Group> = groups.into_values().collect();
    groups.sort_by(|a, b| b.records.cmp(&a.records).then_with(|| a.key.cmp(&b.key)));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn firehose_error_keys_give_their_day() {
        let day = NaiveDate::from_ymd_opt(2024, 6, 1);
        assert_eq!(firehose_error_day("processing-failed/2024/06/01/13/s-1-2024-06-01-13-00-00-x"), day);
        assert_eq!(firehose_error_day("2024/06/01/13/s-1"), day);
        assert_eq!(firehose_error_day("format-conversion-failed/year=2024/month=06/day=01/x"), day);
        assert_eq!(firehose_error_day("processing-failed/x"), None);
        assert!(is_hidden("year=2024/month=06/day=01/.x.ndjson.tmp"));
        assert!(!is_hidden("year=2024/month=06/day=01/x.ndjson"));
    }

    #[test]
    fn reasons_group_without_the_parsers_position() {
        let reason = "invalid JSON: control character (\\u0000-\\u001F) found while parsing a string at line 1 column 257";
        assert_eq!(
            reason_kind(reason),
            "invalid JSON: control character (\\u0000-\\u001F) found while parsing a string"
        );
        assert_eq!(
            reason_kind("field `price`: expected number, got string"),
            "field `price`: expected number, got string"
        );
        assert_eq!(reason_kind("at line 3 column x"), "at line 3 column x");
    }

    #[test]
    fn day_ranges_are_inclusive_and_open_ended() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let range = DayRange { from: d("2024-06-01"), to: d("2024-06-02") };
        assert!(range.contains(d("2024-06-01")) && range.contains(d("2024-06-02")));
        assert!(!range.contains(d("2024-06-03")) && !range.contains(None));
        assert!(DayRange::default().contains(None));
        assert!(DayRange { from: d("2024-06-02"), to: None }.contains(d("2030-01-01")));
    }

    #[test]
    fn firehose_documents_decode_and_redact() {
        let file = QuarantineFile {
            bucket: "b".into(),
            key: "processing-failed/2024/06/01/13/s-1".into(),
            size: 1,
            last_modified: None,
            day: NaiveDate::from_ymd_opt(2024, 6, 1),
            origin: Origin::Firehose,
        };
        let data = br#"{"event_id":"e1","email":"a@b.c"}"#;
        let line = serde_json::json!({
            "attemptsMade": 4,
            "arrivalTimestamp": 1_717_246_800_000_i64,
            "errorCode": "Lambda.FunctionError",
            "errorMessage": "The Lambda function was successfully invoked but it returned an error result.",
            "rawData": aws_smithy_types::base64::encode(data),
        })
        .to_string();
        let record = firehose_document(&file, line.as_bytes(), 3).unwrap();
        assert_eq!(record.record_number, 3);
        assert!(record.reason.starts_with("Lambda.FunctionError: The Lambda function"), "{}", record.reason);
        assert!(!record.raw.contains("a@b.c") && record.raw.contains("[redacted]"), "{}", record.raw);
        assert_eq!(record.replay_text.as_deref(), Some(&data[..]));
        assert_eq!(record.quarantined_at.unwrap().to_rfc3339(), "2024-06-01T13:00:00+00:00");
        let conversion = r#"{"lastErrorCode":"DataFormatConversion.MalformedData","lastErrorMessage":"bad","rawData":"e30="}"#;
        let record = firehose_document(&file, conversion.as_bytes(), 1).unwrap();
        assert_eq!(record.reason, "DataFormatConversion.MalformedData: bad");
        assert!(
            firehose_document(&file, b"{\"rawData\":\"***\"}", 1).unwrap_err().to_string().contains("base64")
        );
    }
}
