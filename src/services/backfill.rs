//! A backfill's plan (per day: the raw objects, and those a manifest marks done) and its
//! per-day totals once run.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context as _, Result};
use chrono::NaiveDate;

use crate::backend::{Backend, LogEntry, LogSource, ObjectInfo, ObjectStore};
use crate::pipeline::{Lake, ObjectOutcome, RawArea};

pub struct DayPlan {
    pub day: NaiveDate,
    pub objects: Vec<ObjectInfo>,
    /// Raw keys whose manifest exists: transformed already.
    pub complete: BTreeSet<String>,
}

impl DayPlan {
    pub fn pending(&self) -> impl Iterator<Item = &ObjectInfo> {
        self.objects.iter().filter(|o| !self.complete.contains(&o.key))
    }
}

/// The days `from` to `to` with their raw objects. With a lake, the objects its manifests mark
/// done (by the local transform, the function or the Spark job) are left out of the work, unless
/// `force`; without one, every object is to do. `progress` hears of each day as it is planned.
pub async fn plan(
    store: &dyn ObjectStore,
    raw: &RawArea,
    lake: Option<&Lake>,
    from: NaiveDate,
    to: NaiveDate,
    force: bool,
    progress: impl Fn(NaiveDate),
) -> Result<Vec<DayPlan>> {
    let mut plan = Vec::new();
    let mut day = from;
    while day <= to {
        progress(day);
        let objects = raw.list_day(store, day).await?;
        let complete = match lake {
            Some(lake) if !force && !objects.is_empty() => {
                completed_keys(store, lake, &raw.day_prefix(day)).await?
            }
            _ => BTreeSet::new(),
        };
        plan.push(DayPlan { day, objects, complete });
        day = day.succ_opt().context("date out of range")?;
    }
    Ok(plan)
}

/// Raw keys under a day prefix whose manifest exists.
async fn completed_keys(store: &dyn ObjectStore, lake: &Lake, day_prefix: &str) -> Result<BTreeSet<String>> {
    let manifests = format!("{}manifests/{day_prefix}", lake.state.prefix);
    let listed = store.list(&lake.state.bucket, &manifests).await?;
    let strip = format!("{}manifests/", lake.state.prefix);
    Ok(listed
        .into_iter()
        .filter_map(|o| o.key.strip_prefix(&strip).and_then(|k| k.strip_suffix(".json")).map(str::to_string))
        .collect())
}

/// One day's totals of a run.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct DayTotals {
    pub objects: u64,
    pub skipped: u64,
    pub transformed: u64,
    pub failed: u64,
    pub events_in: u64,
    pub events_out: u64,
    pub quarantined: u64,
    pub bytes: u64,
}

impl DayTotals {
    fn add(&mut self, other: &DayTotals) {
        self.objects += other.objects;
        self.skipped += other.skipped;
        self.transformed += other.transformed;
        self.failed += other.failed;
        self.events_in += other.events_in;
        self.events_out += other.events_out;
        self.quarantined += other.quarantined;
        self.bytes += other.bytes;
    }
}

/// The totals of each planned day, and of them all.
pub fn totals(
    plan: &[DayPlan],
    results: &[(ObjectInfo, Result<ObjectOutcome>)],
) -> (Vec<(String, DayTotals)>, DayTotals) {
    let mut per_day: BTreeMap<String, DayTotals> = BTreeMap::new();
    let day_of: BTreeMap<&str, String> = plan
        .iter()
        .flat_map(|p| p.objects.iter().map(move |o| (o.key.as_str(), p.day.to_string())))
        .collect();
    for day in plan {
        let totals = per_day.entry(day.day.to_string()).or_default();
        totals.objects = day.objects.len() as u64;
        totals.skipped = day.complete.len() as u64;
    }
    for (object, result) in results {
        let Some(day) = day_of.get(object.key.as_str()) else { continue };
        let totals = per_day.entry(day.clone()).or_default();
        totals.bytes += object.size;
        match result {
            Ok(outcome) if outcome.skipped => totals.skipped += 1,
            Ok(outcome) => {
                totals.transformed += 1;
                totals.failed += u64::from(outcome.damaged.is_some());
                totals.events_in += outcome.manifest.records;
                totals.events_out += outcome.manifest.events_out;
                totals.quarantined += outcome.manifest.quarantined;
            }
            Err(_) => totals.failed += 1,
        }
    }
    let mut all = DayTotals::default();
    for totals in per_day.values() {
        all.add(totals);
    }
    (per_day.into_iter().collect(), all)
}

/// Records a transform run: its totals with the metrics capability, and a log line per object
/// (and one for the run) where the platform keeps no logs of its own.
pub fn record_transform(
    backend: &Backend,
    command: &'static str,
    results: &[(crate::backend::ObjectInfo, Result<crate::pipeline::ObjectOutcome>)],
    seconds: f64,
) {
    // Backfills stand in for the Glue job, single transforms for the function.
    let source = if command == "backfill" { LogSource::Glue } else { LogSource::Lambda };
    let (mut events, mut quarantined, mut bytes, mut failed) = (0u64, 0u64, 0u64, 0u64);
    for (object, result) in results {
        let entry = match result {
            Ok(outcome) if outcome.skipped => continue,
            Ok(outcome) => {
                let m = &outcome.manifest;
                events += m.events_out;
                quarantined += m.quarantined;
                bytes += object.size;
                let (level, message) = match &outcome.damaged {
                    Some(why) => {
                        failed += 1;
                        ("ERROR", format!("{} is damaged: {why}", object.key))
                    }
                    None if m.quarantined > 0 => (
                        "WARN",
                        format!("transformed {} and quarantined {} records", object.key, m.quarantined),
                    ),
                    None => ("INFO", format!("transformed {}", object.key)),
                };
                LogEntry::new(source, command, level, message)
                    .field("key", object.key.clone())
                    .field("records", m.records)
                    .field("events_out", m.events_out)
                    .field("quarantined", m.quarantined)
                    .field("outputs", m.outputs.len() as u64)
                    .field("quarantine_files", m.quarantine_files.clone())
                    .field("seconds", (outcome.elapsed.as_secs_f64() * 1000.0).round() / 1000.0)
            }
            Err(err) => {
                failed += 1;
                let why = crate::error::render(err);
                LogEntry::new(
                    source,
                    command,
                    "ERROR",
                    format!("{}: {}", object.key, why.trim_start_matches("error: ")),
                )
                .field("key", object.key.clone())
            }
        };
        backend.logs.record(entry);
    }
    backend.metrics.record(
        "transform",
        &[
            ("events_out", events as f64),
            ("quarantined", quarantined as f64),
            ("bytes_in", bytes as f64),
            ("seconds", seconds),
        ],
    );
    let level = if failed > 0 { "ERROR" } else { "INFO" };
    backend.logs.record(
        LogEntry::new(source, command, level, format!("{command} of {} objects done", results.len()))
            .field("objects", results.len() as u64)
            .field("failed", failed)
            .field("events_out", events)
            .field("quarantined", quarantined)
            .field("bytes_in", bytes)
            .field("seconds", (seconds * 1000.0).round() / 1000.0),
    );
}
