//! Running the transform over a backend's lake: read a raw object, transform it on a blocking
//! thread, publish one Parquet file per event day and the quarantined records, and finally a
//! manifest that marks the object as done. Every object is published whole or not at all
//! (each put is atomic, and the manifest comes last), and output names derive from the source
//! name, so a re-run after a crash overwrites instead of duplicating.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use bytes::Bytes;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::backend::StagedObject;
use crate::backend::{ObjectInfo, ObjectStore, is_not_found};
use crate::error::StopRequest;
use crate::layout::{Area, Location, area_location};
use crate::layout::{STATE_PREFIX, day_partition, file_name, raw_key_day};
use crate::settings::{RawLayout, Settings};
use crate::transform::{self, BadRecord, TransformOptions, TransformSink};

/// The list of date partitions that hold transformed data, for the catalog to register.
pub const PARTITIONS_KEY: &str = "partitions.json";

/// The raw area alone: where deliveries land and how their keys are laid out. Enough for remote
/// transforms, which need no output locations of their own.
#[derive(Debug, Clone)]
pub struct RawArea {
    pub location: Location,
    pub layout: RawLayout,
}

impl RawArea {
    pub fn from_settings(settings: &Settings) -> Result<Self> {
        Ok(Self { location: area_location(settings, Area::Raw)?, layout: settings.raw_layout.value })
    }

    /// The prefix of the objects delivered on `day`.
    pub fn day_prefix(&self, day: NaiveDate) -> String {
        format!("{}{}", self.location.prefix, crate::layout::raw_day_prefix(self.layout, day))
    }

    /// The raw objects delivered on `day`.
    pub async fn list_day(&self, store: &dyn ObjectStore, day: NaiveDate) -> Result<Vec<ObjectInfo>> {
        store.list(&self.location.bucket, &self.day_prefix(day)).await
    }

    /// The day a raw key is filed under, from its directories.
    pub fn raw_day(&self, key: &str) -> Option<NaiveDate> {
        raw_key_day(self.layout, key.strip_prefix(&self.location.prefix).unwrap_or(key))
    }

    /// One raw object by its full key.
    pub async fn find(&self, store: &dyn ObjectStore, key: &str) -> Result<ObjectInfo> {
        let listed = store.list(&self.location.bucket, key).await?;
        listed
            .into_iter()
            .find(|o| o.key == key)
            .ok_or_else(|| crate::backend::NotFound(format!("raw object {key}")).into())
    }
}

/// Where each part of the lake is, for one environment.
#[derive(Debug, Clone)]
pub struct Lake {
    pub raw: Location,
    pub transformed: Location,
    pub errors: Location,
    pub state: Location,
    pub layout: RawLayout,
}

impl Lake {
    pub fn from_settings(settings: &Settings) -> Result<Self> {
        let transformed = area_location(settings, Area::Transformed)?;
        Ok(Self {
            raw: area_location(settings, Area::Raw)?,
            errors: area_location(settings, Area::Errors)?,
            state: Location { bucket: transformed.bucket.clone(), prefix: STATE_PREFIX.to_string() },
            transformed,
            layout: settings.raw_layout.value,
        })
    }

    /// The Parquet key of a source object's events of one day.
    pub fn output_key(&self, source_key: &str, day: NaiveDate) -> String {
        format!("{}{}{}.parquet", self.transformed.prefix, day_partition(day), stem(source_key))
    }

    pub(crate) fn quarantine_key(&self, source_key: &str, day: NaiveDate) -> String {
        format!("{}{}{}.ndjson", self.errors.prefix, day_partition(day), stem(source_key))
    }

    /// Where `quarantine replay` records what it did with the quarantine file `quarantine_key`.
    pub(crate) fn replay_record_key(&self, quarantine_key: &str) -> String {
        format!("{}replays/{quarantine_key}.json", self.state.prefix)
    }

    pub(crate) fn manifest_key(&self, source_key: &str) -> String {
        format!("{}manifests/{source_key}.json", self.state.prefix)
    }

    /// The day a raw key is filed under, from its directories.
    pub fn raw_day(&self, key: &str) -> Option<NaiveDate> {
        raw_key_day(self.layout, key.strip_prefix(&self.raw.prefix).unwrap_or(key))
    }
}

/// Before a source object is transformed again: its quarantine files are about to be written
/// anew, and what replays landed from them would then be in the lake twice (the new transform
/// writes those records itself, or quarantines them again). Their replay outputs and records go.
pub(crate) async fn void_replays(
    store: &dyn ObjectStore,
    lake: &Lake,
    quarantine_keys: &[String],
) -> Result<()> {
    // Of a replay record (see services::quarantine), only the files its replays wrote.
    #[derive(Deserialize)]
    struct Written {
        #[serde(default)]
        replays: Vec<Run>,
    }
    #[derive(Deserialize)]
    struct Run {
        outputs: Vec<OutputFile>,
    }
    for key in quarantine_keys {
        let record_key = lake.replay_record_key(key);
        let body = match store.get(&lake.state.bucket, &record_key).await {
            Ok(body) => body,
            Err(err) if crate::backend::is_not_found(&err) => continue,
            Err(err) => return Err(err),
        };
        let written: Written =
            serde_json::from_slice(&body).with_context(|| format!("reading {record_key}"))?;
        let outputs: Vec<String> =
            written.replays.iter().flat_map(|r| r.outputs.iter().map(|o| o.key.clone())).collect();
        if !outputs.is_empty() {
            store.delete(&lake.transformed.bucket, &outputs).await?;
        }
        store.delete(&lake.state.bucket, &[record_key]).await?;
    }
    Ok(())
}

/// The source name without the extensions Firehose and producers add.
pub(crate) fn stem(source_key: &str) -> &str {
    let mut name = file_name(source_key);
    for suffix in [".gz", ".gzip", ".json", ".jsonl", ".ndjson"] {
        name = name.strip_suffix(suffix).unwrap_or(name);
    }
    name
}

/// What was written for one source object; stored as its manifest.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub source_key: String,
    pub source_bytes: u64,
    pub records: u64,
    pub events_out: u64,
    pub quarantined: u64,
    pub input_bytes: u64,
    pub outputs: Vec<OutputFile>,
    pub quarantine_files: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutputFile {
    pub key: String,
    /// The event day, YYYY-MM-DD.
    pub day: String,
    pub rows: u64,
    pub bytes: u64,
}

/// The outcome for one object.
#[derive(Debug, Clone)]
pub struct ObjectOutcome {
    pub manifest: Manifest,
    /// Set when the input was damaged: what was good is published, the object counts as failed.
    pub damaged: Option<String>,
    /// The object's outputs were already complete and nothing was done.
    pub skipped: bool,
    pub elapsed: Duration,
}

/// Streams each day's Parquet and quarantine lines into staged objects of the store, which
/// become visible only when the whole source object has been transformed.
struct StreamingSink {
    store: Arc<dyn ObjectStore>,
    lake: Lake,
    source_key: String,
    fallback_day: Option<NaiveDate>,
    outputs: BTreeMap<NaiveDate, (String, SharedStaged)>,
    quarantine: BTreeMap<NaiveDate, (String, Box<dyn StagedObject>)>,
}

/// The Parquet writer may run on the transform's encoding thread: the staged object is shared.
#[derive(Clone)]
pub(crate) struct SharedStaged(Arc<Mutex<Option<Box<dyn StagedObject>>>>);

impl SharedStaged {
    pub(crate) fn new(staged: Box<dyn StagedObject>) -> Self {
        Self(Arc::new(Mutex::new(Some(staged))))
    }

    /// Makes the object visible; `None` when it was committed already.
    pub(crate) fn commit(&self) -> Result<Option<u64>> {
        let staged = self.0.lock().map_err(|_| anyhow::anyhow!("writer lock poisoned"))?.take();
        staged.map(|staged| staged.commit()).transpose()
    }
}

impl Write for SharedStaged {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.0.lock().map_err(|_| std::io::Error::other("writer lock poisoned"))?.as_mut() {
            Some(staged) => staged.write(buf),
            None => Err(std::io::Error::other("output already committed")),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl TransformSink for StreamingSink {
    fn open_day(&mut self, day: NaiveDate) -> std::io::Result<Box<dyn Write + Send>> {
        let key = self.lake.output_key(&self.source_key, day);
        let staged =
            self.store.create_blocking(&self.lake.transformed.bucket, &key).map_err(std::io::Error::other)?;
        let shared = SharedStaged::new(staged);
        self.outputs.insert(day, (key, shared.clone()));
        Ok(Box::new(shared))
    }

    fn quarantine(&mut self, bad: &BadRecord, day: Option<NaiveDate>) -> std::io::Result<()> {
        // Records without a usable time are filed with the day their object was delivered.
        let day = day.or(self.fallback_day).unwrap_or_else(|| chrono::Utc::now().date_naive());
        if !self.quarantine.contains_key(&day) {
            let key = self.lake.quarantine_key(&self.source_key, day);
            let staged =
                self.store.create_blocking(&self.lake.errors.bucket, &key).map_err(std::io::Error::other)?;
            self.quarantine.insert(day, (key, staged));
        }
        if let Some((_, staged)) = self.quarantine.get_mut(&day) {
            staged.write_all(transform::quarantine_line(&self.source_key, bad).as_bytes())?;
            staged.write_all(b"\n")?;
        }
        Ok(())
    }
}

impl StreamingSink {
    /// Publishes every output; returns (day, key, bytes) of the Parquet files and the
    /// quarantine keys.
    fn commit(self) -> Result<(Vec<(NaiveDate, String, u64)>, Vec<String>)> {
        let mut outputs = Vec::new();
        for (day, (key, shared)) in self.outputs {
            if let Some(bytes) = shared.commit()? {
                outputs.push((day, key, bytes));
            }
        }
        let mut quarantine = Vec::new();
        for (_, (key, staged)) in self.quarantine {
            staged.commit()?;
            quarantine.push(key);
        }
        Ok((outputs, quarantine))
    }
}

/// Reads the manifest of a source object, when its outputs are complete for this version of it.
pub async fn completed(
    store: &dyn ObjectStore,
    lake: &Lake,
    object: &ObjectInfo,
) -> Result<Option<Manifest>> {
    Ok(stored_manifest(store, lake, &object.key).await?.filter(|m| m.source_bytes == object.size))
}

/// The manifest a source object's last transform left, whatever version of the object it was.
pub(crate) async fn stored_manifest(
    store: &dyn ObjectStore,
    lake: &Lake,
    source_key: &str,
) -> Result<Option<Manifest>> {
    match store.get(&lake.state.bucket, &lake.manifest_key(source_key)).await {
        Ok(body) => parse_manifest(source_key, &body).map(Some),
        Err(err) if is_not_found(&err) => Ok(None),
        Err(err) => Err(err),
    }
}

fn parse_manifest(source_key: &str, body: &[u8]) -> Result<Manifest> {
    serde_json::from_slice(body).with_context(|| format!("reading the manifest of {source_key}"))
}

/// The manifest a source object's last transform left, read from blocking code.
fn stored_manifest_blocking(
    store: &dyn ObjectStore,
    lake: &Lake,
    source_key: &str,
) -> Result<Option<Manifest>> {
    match store.get_blocking(&lake.state.bucket, &lake.manifest_key(source_key)) {
        Ok(body) => parse_manifest(source_key, &body).map(Some),
        Err(err) if is_not_found(&err) => Ok(None),
        Err(err) => Err(err),
    }
}

/// Transforms one raw object and publishes its outputs; with `skip_complete`, an object whose
/// manifest says it is done is left alone. Blocking: it runs on a thread of its own, and the
/// rarer steps that the store offers only as async calls run on `runtime`.
/// `pipelined`: inflate and encode Parquet on threads of their own, worth it while cores are idle.
pub fn transform_object(
    runtime: &tokio::runtime::Handle,
    store: Arc<dyn ObjectStore>,
    lake: &Lake,
    object: &ObjectInfo,
    skip_complete: bool,
    pipelined: bool,
) -> Result<ObjectOutcome> {
    let started = Instant::now();
    let previous = stored_manifest_blocking(store.as_ref(), lake, &object.key)?;
    if skip_complete && let Some(manifest) = previous.as_ref().filter(|m| m.source_bytes == object.size) {
        return Ok(ObjectOutcome {
            manifest: manifest.clone(),
            damaged: None,
            skipped: true,
            elapsed: started.elapsed(),
        });
    }
    // The object's quarantine files are about to be written anew: what replays landed from the
    // old ones would be in the lake twice (the new outputs hold those records, or quarantine
    // them again).
    if let Some(previous) = &previous {
        runtime.block_on(void_replays(store.as_ref(), lake, &previous.quarantine_files))?;
    }
    let transformed = (|| {
        let input = store.open_blocking(&lake.raw.bucket, &object.key)?;
        let mut sink = StreamingSink {
            store: store.clone(),
            lake: lake.clone(),
            source_key: object.key.clone(),
            fallback_day: lake.raw_day(&object.key),
            outputs: BTreeMap::new(),
            quarantine: BTreeMap::new(),
        };
        let options = TransformOptions {
            encode_thread: pipelined,
            inflate_thread: pipelined,
            ..TransformOptions::new(object.key.clone())
        };
        let report = transform::transform(input, &options, &mut sink)?;
        let (outputs, quarantine) = sink.commit()?;
        anyhow::Ok((report, outputs, quarantine))
    })();
    let (report, outputs, quarantine_files) =
        transformed.with_context(|| format!("transforming {}", object.key))?;

    let manifest = Manifest {
        source_key: object.key.clone(),
        source_bytes: object.size,
        records: report.records,
        events_out: report.events_out,
        quarantined: report.quarantined,
        input_bytes: report.input_bytes,
        outputs: outputs
            .into_iter()
            .map(|(day, key, bytes)| OutputFile {
                key,
                day: day.to_string(),
                rows: report.days.get(&day).copied().unwrap_or(0),
                bytes,
            })
            .collect(),
        quarantine_files,
    };
    // A damaged object is retried by the next run; only whole objects get a manifest.
    if report.damaged.is_none() {
        let body = serde_json::to_vec_pretty(&manifest)?;
        store.put_blocking(&lake.state.bucket, &lake.manifest_key(&object.key), &body)?;
        if let Some(previous) = &previous {
            runtime.block_on(remove_superseded(store.as_ref(), lake, previous, &manifest))?;
        }
    }
    Ok(ObjectOutcome { manifest, damaged: report.damaged, skipped: false, elapsed: started.elapsed() })
}

/// Outputs and quarantine files an earlier transform of the object wrote that this one did not
/// (its events now fall on other days, or none of its records fails any more): left in place
/// they would count twice.
async fn remove_superseded(
    store: &dyn ObjectStore,
    lake: &Lake,
    previous: &Manifest,
    current: &Manifest,
) -> Result<()> {
    let outputs: Vec<String> = previous
        .outputs
        .iter()
        .map(|o| o.key.clone())
        .filter(|key| !current.outputs.iter().any(|o| &o.key == key))
        .collect();
    if !outputs.is_empty() {
        store.delete(&lake.transformed.bucket, &outputs).await?;
    }
    let quarantine: Vec<String> = previous
        .quarantine_files
        .iter()
        .filter(|key| !current.quarantine_files.contains(key))
        .cloned()
        .collect();
    if !quarantine.is_empty() {
        store.delete(&lake.errors.bucket, &quarantine).await?;
    }
    Ok(())
}

/// The event days the objects wrote Parquet for.
pub fn output_days(results: &[(ObjectInfo, Result<ObjectOutcome>)]) -> std::collections::BTreeSet<String> {
    results
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok())
        .flat_map(|o| o.manifest.outputs.iter().map(|f| f.day.clone()))
        .collect()
}

/// Transforms objects with at most `jobs` at a time, calling `done` as each one finishes.
///
/// Each job is a thread that takes the next object and does all of it, manifest to manifest:
/// handing each step to a thread pool and back cost ~20 futex calls per object, a fifth of the
/// time of a lake of small objects (the demo's 5,387).
pub async fn transform_objects(
    store: Arc<dyn ObjectStore>,
    lake: &Lake,
    objects: &[ObjectInfo],
    jobs: usize,
    skip_complete: bool,
    stop: Option<&StopRequest>,
    mut done: impl FnMut(&ObjectInfo, &Result<ObjectOutcome>),
) -> Vec<(ObjectInfo, Result<ObjectOutcome>)> {
    // A job per core already keeps the cores busy: an encoding thread per job would only make
    // them take turns.
    let pipelined = jobs.max(1) < crate::cores();
    let shared: Arc<[ObjectInfo]> = objects.into();
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let (finished, mut results_in) = tokio::sync::mpsc::unbounded_channel();
    let runtime = tokio::runtime::Handle::current();
    let mut workers = Vec::new();
    for _ in 0..jobs.max(1).min(objects.len()) {
        let (store, lake, objects, next, finished, runtime) =
            (store.clone(), lake.clone(), shared.clone(), next.clone(), finished.clone(), runtime.clone());
        let stop = stop.cloned();
        workers.push(tokio::task::spawn_blocking(move || {
            // After a stop request no object is started; the ones running finish (their
            // outputs are committed whole, with their manifests), so a re-run skips them.
            while !stop.as_ref().is_some_and(StopRequest::requested) {
                let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(object) = objects.get(index) else { break };
                let result =
                    transform_object(&runtime, store.clone(), &lake, object, skip_complete, pipelined);
                if finished.send((index, result)).is_err() {
                    break;
                }
            }
        }));
    }
    drop(finished);
    let mut results = Vec::with_capacity(objects.len());
    while let Some((index, result)) = results_in.recv().await {
        done(&objects[index], &result);
        results.push((objects[index].clone(), result));
    }
    for worker in workers {
        if let Err(err) = worker.await
            && err.is_panic()
        {
            std::panic::resume_unwind(err.into_panic());
        }
    }
    results.sort_by(|a, b| a.0.key.cmp(&b.0.key));
    results
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names_follow_the_source_name() {
        let lake = Lake {
            raw: Location { bucket: String::new(), prefix: "raw/".into() },
            transformed: Location { bucket: String::new(), prefix: "transformed/".into() },
            errors: Location { bucket: String::new(), prefix: "errors/".into() },
            state: Location { bucket: String::new(), prefix: STATE_PREFIX.into() },
            layout: RawLayout::Hive,
        };
        let key = "raw/year=2024/month=06/day=01/clicks-1-2024-06-01-00-00-00-abc.gz";
        let day = NaiveDate::from_ymd_opt(2024, 5, 31).unwrap();
        assert_eq!(
            lake.output_key(key, day),
            "transformed/year=2024/month=05/day=31/clicks-1-2024-06-01-00-00-00-abc.parquet"
        );
        assert_eq!(
            lake.quarantine_key(key, day),
            "errors/year=2024/month=05/day=31/clicks-1-2024-06-01-00-00-00-abc.ndjson"
        );
        assert_eq!(lake.manifest_key(key), format!("_bdctl/manifests/{key}.json"));
        assert_eq!(lake.raw_day(key), NaiveDate::from_ymd_opt(2024, 6, 1));
    }
}

/// Merges `days` (YYYY-MM-DD) into the recorded partition list; returns how many were new.
pub async fn record_partitions(
    store: &dyn ObjectStore,
    lake: &Lake,
    days: &std::collections::BTreeSet<String>,
) -> Result<usize> {
    let key = format!("{}{PARTITIONS_KEY}", lake.state.prefix);
    let mut known: std::collections::BTreeSet<String> = match store.get(&lake.state.bucket, &key).await {
        Ok(body) => serde_json::from_slice(&body).with_context(|| format!("reading {key}"))?,
        Err(err) if is_not_found(&err) => Default::default(),
        Err(err) => return Err(err),
    };
    let before = known.len();
    known.extend(days.iter().cloned());
    let added = known.len() - before;
    if added > 0 {
        store.put(&lake.state.bucket, &key, Bytes::from(serde_json::to_vec_pretty(&known)?)).await?;
    }
    Ok(added)
}
