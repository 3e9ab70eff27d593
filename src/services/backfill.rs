//! A backfill's plan (per day: the raw objects, and those a manifest marks done) and its
//! per-day totals once run.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context as _, Result};
use chrono::NaiveDate;

use crate::backend::{ObjectInfo, ObjectStore};
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
