//! Compaction: each day's small Parquet files rewritten into a few large ones, sorted by
//! `event_ts`, without a reader ever seeing a row twice or missing one.
//!
//! The transformed partition (`transformed/year=…/month=…/day=…/`, one file per raw object) stays
//! the truth: every writer (the transform here, the Lambda function, the Spark job, replays)
//! keeps writing there, and nothing here deletes from it. A compaction writes a *generation*, a
//! copy of the day in a few files, beside it (`transformed-compacted/year=…/gen=NNNN/`), records
//! which files it copied (key, size, time), and then points the catalog's partition at it: one
//! catalog update, so a query plans against either the old files or the new ones, never both.
//! When the day's files change afterwards (a late object, a re-transform), the copy is stale:
//! `partitions sync`, the commands that write and the next `compact` point the partition back
//! at the transformed files (or at a new generation), so late events show up exactly once. A
//! generation that is no longer the partition's location is removed after a grace period, so a
//! query that planned against it just before the switch can still read it.
//!
//! Killed at any point, nothing is lost: until the switch the catalog points at complete files,
//! and a generation written but not switched to is taken up by the next run when the day has not
//! changed, or removed after the grace period.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use anyhow::{Context as _, Result, bail};
use bytes::Bytes;
use chrono::{DateTime, NaiveDate, Utc};
use futures::{StreamExt, TryStreamExt};
use serde::{Deserialize, Serialize};

use crate::backend::{Catalog, ObjectInfo, ObjectStore, PartitionInfo, TableInfo, TableLookup, is_not_found};
use crate::error::usage;
use crate::layout::{
    Location, compacted_prefix, day_partition, day_values, generation_of, generation_prefix, partition_day,
    values_day,
};
use crate::pipeline::{Lake, SharedStaged};
use crate::transform::compact::rewrite_sorted;

/// Rows per row group of a compacted file: small enough that a query for an hour of a day skips
/// most of the day by the groups' `event_ts` statistics (README: 128 k against 1 M rows).
pub const ROW_GROUP_ROWS: usize = 128 * 1024;

/// The column the typical query reads (the demo's events by type per day), for the scan figures.
pub const TYPICAL_QUERY_COLUMN: &str = "event_type";

/// Parquet files read at once when footers are all that is needed.
const FOOTER_READS: usize = 16;

/// What to compact and how.
#[derive(Debug, Clone)]
pub struct CompactRequest {
    pub database: String,
    pub table: String,
    /// The days to look at; `None`: every day of the lake before `today`.
    pub days: Option<(NaiveDate, NaiveDate)>,
    pub target_bytes: u64,
    pub row_group_rows: usize,
    /// How long a generation that is no longer read stays, for the queries planned against it.
    pub grace: chrono::Duration,
    pub dry_run: bool,
    pub now: DateTime<Utc>,
}

/// What happened to one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayAction {
    /// A new generation was written and the partition points at it.
    Compacted,
    /// A generation an interrupted run had written, still a copy of the day, is read now.
    Resumed,
    /// Dry run: the day would be compacted.
    WouldCompact,
    /// The partition already reads a generation that is a copy of the day's files.
    UpToDate,
    /// Too few files to gain anything.
    Small,
    /// The generation the partition read was stale and the day is too small for a new one: the
    /// partition reads the transformed files again.
    ReadsLake,
    /// Dry run of [`DayAction::ReadsLake`].
    WouldReadLake,
    /// The day's files changed while it was being compacted; the new generation was dropped.
    Changed,
}

impl DayAction {
    pub fn name(self) -> &'static str {
        match self {
            DayAction::Compacted => "compacted",
            DayAction::Resumed => "compacted (resumed)",
            DayAction::WouldCompact => "would compact",
            DayAction::UpToDate => "up to date",
            DayAction::Small => "nothing to gain",
            DayAction::ReadsLake => "stale copy dropped",
            DayAction::WouldReadLake => "would drop stale copy",
            DayAction::Changed => "changed meanwhile",
        }
    }
}

/// File counts per size class, smallest first.
pub const SIZE_CLASSES: [(u64, &str); 5] = [
    (1 << 20, "<1M"),
    (16 << 20, "1-16M"),
    (64 << 20, "16-64M"),
    (128 << 20, "64-128M"),
    (u64::MAX, ">=128M"),
];

/// One day's compaction.
#[derive(Debug, Clone, Serialize)]
pub struct DayCompaction {
    pub day: NaiveDate,
    pub action: DayAction,
    pub files_before: usize,
    pub bytes_before: u64,
    pub files_after: usize,
    pub bytes_after: u64,
    pub rows: u64,
    /// Row groups a full read of the day opens, before and after.
    pub row_groups_before: usize,
    pub row_groups_after: usize,
    /// Bytes of [`TYPICAL_QUERY_COLUMN`] a query of the whole day scans, before and after
    /// (after: measured on the new files, so unknown in a dry run).
    pub scan_before: u64,
    pub scan_after: Option<u64>,
    /// The counts of the day's transformed files per [`SIZE_CLASSES`].
    pub sizes: [usize; 5],
    /// The generation the partition reads when done, if any.
    pub generation: Option<u32>,
    /// Where the partition reads from when done.
    pub location: String,
    /// Generations past their grace period that were removed.
    pub removed_generations: usize,
}

/// The result of one `compact` run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CompactReport {
    pub days: Vec<DayCompaction>,
}

impl CompactReport {
    pub fn changed(&self) -> impl Iterator<Item = &DayCompaction> {
        self.days.iter().filter(|d| d.action == DayAction::Changed)
    }
}

/// A transformed file a generation copied, as it was when copied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct InputFile {
    key: String,
    size: u64,
    last_modified: Option<DateTime<Utc>>,
}

impl From<&ObjectInfo> for InputFile {
    fn from(object: &ObjectInfo) -> Self {
        Self { key: object.key.clone(), size: object.size, last_modified: object.last_modified }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct OutputPart {
    key: String,
    rows: u64,
    bytes: u64,
}

/// What a generation holds, written before the catalog is pointed at it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct GenerationRecord {
    day: NaiveDate,
    generation: u32,
    inputs: Vec<InputFile>,
    outputs: Vec<OutputPart>,
    rows: u64,
    written_at: DateTime<Utc>,
}

/// The compaction state of a lake: where generations and their records are.
pub struct Compaction {
    objects: Arc<dyn ObjectStore>,
    lake: Lake,
    compacted: Location,
}

impl Compaction {
    /// `None` when the transformed prefix is empty: there is no place beside it for copies.
    pub fn new(objects: Arc<dyn ObjectStore>, lake: &Lake) -> Option<Self> {
        let prefix = compacted_prefix(&lake.transformed.prefix)?;
        Some(Self {
            objects,
            compacted: Location { bucket: lake.transformed.bucket.clone(), prefix },
            lake: lake.clone(),
        })
    }

    /// The folder of the compacted copies, as an address readers understand.
    pub fn root_url(&self) -> String {
        self.objects.url(&self.compacted)
    }

    fn generation_url(&self, day: NaiveDate, generation: u32) -> String {
        self.objects.url(&Location {
            bucket: self.compacted.bucket.clone(),
            prefix: generation_prefix(&self.compacted.prefix, day, generation),
        })
    }

    fn lake_url(&self, day: NaiveDate) -> String {
        self.objects.url(&Location {
            bucket: self.lake.transformed.bucket.clone(),
            prefix: format!("{}{}", self.lake.transformed.prefix, day_partition(day)),
        })
    }

    /// The generation a partition location names, when it is one of this day's.
    pub fn live_generation(&self, location: &str, day: NaiveDate) -> Option<u32> {
        let found = self.objects.location_of(location)?;
        if found.bucket != self.compacted.bucket {
            return None;
        }
        generation_of(&self.compacted.prefix, day, &found.prefix)
    }

    fn state_prefix(&self, day: NaiveDate) -> String {
        format!("{}compaction/{}", self.lake.state.prefix, day_partition(day))
    }

    fn record_key(&self, day: NaiveDate, generation: u32) -> String {
        format!("{}gen={generation:04}.json", self.state_prefix(day))
    }

    fn retired_key(&self, day: NaiveDate) -> String {
        format!("{}retired.json", self.state_prefix(day))
    }

    async fn read_json<T: serde::de::DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        match self.objects.get(&self.lake.state.bucket, key).await {
            Ok(body) => Ok(Some(serde_json::from_slice(&body).with_context(|| format!("reading {key}"))?)),
            Err(err) if is_not_found(&err) => Ok(None),
            Err(err) => Err(err),
        }
    }

    async fn write_json(&self, key: &str, value: &impl Serialize) -> Result<()> {
        let body = Bytes::from(serde_json::to_vec_pretty(value)?);
        self.objects.put(&self.lake.state.bucket, key, body).await
    }

    async fn record(&self, day: NaiveDate, generation: u32) -> Result<Option<GenerationRecord>> {
        self.read_json(&self.record_key(day, generation)).await
    }

    async fn retired(&self, day: NaiveDate) -> Result<BTreeMap<u32, DateTime<Utc>>> {
        Ok(self.read_json(&self.retired_key(day)).await?.unwrap_or_default())
    }

    /// The transformed files of every day (the files right in each day's folder), by day.
    pub async fn lake_files(&self) -> Result<BTreeMap<NaiveDate, Vec<ObjectInfo>>> {
        let listed = self.objects.list(&self.lake.transformed.bucket, &self.lake.transformed.prefix).await?;
        Ok(self.by_day(listed))
    }

    async fn day_files(&self, day: NaiveDate) -> Result<Vec<ObjectInfo>> {
        let prefix = format!("{}{}", self.lake.transformed.prefix, day_partition(day));
        let listed = self.objects.list(&self.lake.transformed.bucket, &prefix).await?;
        Ok(self.by_day(listed).remove(&day).unwrap_or_default())
    }

    fn by_day(&self, listed: Vec<ObjectInfo>) -> BTreeMap<NaiveDate, Vec<ObjectInfo>> {
        let mut days: BTreeMap<NaiveDate, Vec<ObjectInfo>> = BTreeMap::new();
        for object in listed.into_iter().filter(|o| o.key.ends_with(".parquet")) {
            let Some(relative) = object.key.strip_prefix(&self.lake.transformed.prefix) else { continue };
            let Some(day) = partition_day(relative) else { continue };
            if relative.strip_prefix(&day_partition(day)).is_some_and(|name| !name.contains('/')) {
                days.entry(day).or_default().push(object);
            }
        }
        for files in days.values_mut() {
            files.sort_by(|a, b| a.key.cmp(&b.key));
        }
        days
    }

    /// Whether the partition at `location` reads a generation that is still a copy of the day.
    /// `None`: it does not read a generation.
    pub async fn is_fresh(&self, day: NaiveDate, location: &str) -> Result<Option<bool>> {
        let Some(generation) = self.live_generation(location, day) else { return Ok(None) };
        let files = self.day_files(day).await?;
        Ok(Some(self.matches(self.record(day, generation).await?.as_ref(), &files)))
    }

    fn matches(&self, record: Option<&GenerationRecord>, files: &[ObjectInfo]) -> bool {
        record.is_some_and(|r| {
            r.inputs.len() == files.len()
                && r.inputs.iter().zip(files).all(|(copied, now)| *copied == InputFile::from(now))
        })
    }

    /// Points partitions that read a stale generation back at the transformed files; with
    /// `days`, only those days. Returns the days changed.
    pub async fn refresh(
        &self,
        catalog: &dyn Catalog,
        database: &str,
        table: &str,
        days: Option<&BTreeSet<NaiveDate>>,
        now: DateTime<Utc>,
    ) -> Result<Vec<NaiveDate>> {
        if !matches!(catalog.lookup_table(database, table).await?, TableLookup::Found(_)) {
            return Ok(Vec::new());
        }
        let mut refreshed = Vec::new();
        for partition in catalog.list_partitions(database, table).await? {
            let Some(day) = values_day(&partition.values) else { continue };
            if days.is_some_and(|days| !days.contains(&day)) {
                continue;
            }
            if self.is_fresh(day, &partition.location).await? == Some(false) {
                let generation = self.live_generation(&partition.location, day);
                self.read_lake(catalog, database, table, day, generation, now).await?;
                refreshed.push(day);
            }
        }
        Ok(refreshed)
    }

    /// The partition reads the transformed files again; the generation it read is retired.
    async fn read_lake(
        &self,
        catalog: &dyn Catalog,
        database: &str,
        table: &str,
        day: NaiveDate,
        generation: Option<u32>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if let Some(generation) = generation {
            let mut retired = self.retired(day).await?;
            retired.entry(generation).or_insert(now);
            self.write_json(&self.retired_key(day), &retired).await?;
        }
        let partition = PartitionInfo { values: day_values(day), location: self.lake_url(day) };
        catalog.set_partition_location(database, table, &partition).await
    }

    /// The generations of a day that exist (as files or records), by number.
    async fn generations(&self, day: NaiveDate) -> Result<BTreeMap<u32, Vec<String>>> {
        let day_prefix = format!("{}{}", self.compacted.prefix, day_partition(day));
        let mut found: BTreeMap<u32, Vec<String>> = BTreeMap::new();
        for object in self.objects.list(&self.compacted.bucket, &day_prefix).await? {
            if let Some(generation) = generation_of(&self.compacted.prefix, day, &object.key) {
                found.entry(generation).or_default().push(object.key);
            }
        }
        for object in self.objects.list(&self.lake.state.bucket, &self.state_prefix(day)).await? {
            let name = crate::layout::file_name(&object.key);
            if let Some(number) = name.strip_prefix("gen=").and_then(|n| n.strip_suffix(".json")) {
                if let Ok(generation) = number.parse() {
                    found.entry(generation).or_default();
                }
            }
        }
        Ok(found)
    }

    /// Removes generations that are not read and whose grace period is over; a generation no
    /// record says was retired (one an interrupted run left) starts its grace period now.
    async fn collect_garbage(
        &self,
        day: NaiveDate,
        live: Option<u32>,
        grace: chrono::Duration,
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let mut retired = self.retired(day).await?;
        let before = retired.clone();
        let mut removed = 0;
        for (generation, keys) in self.generations(day).await? {
            if Some(generation) == live {
                retired.remove(&generation);
                continue;
            }
            let since = *retired.entry(generation).or_insert(now);
            if now - since >= grace {
                if !keys.is_empty() {
                    self.objects.delete(&self.compacted.bucket, &keys).await?;
                }
                self.objects.delete(&self.lake.state.bucket, &[self.record_key(day, generation)]).await?;
                retired.remove(&generation);
                removed += 1;
            }
        }
        retired.retain(|generation, _| Some(*generation) != live);
        if retired != before {
            self.write_json(&self.retired_key(day), &retired).await?;
        }
        Ok(removed)
    }
}

/// Consecutive runs of files (in key order, which is arrival order) of about `target` bytes each.
fn chunks(files: &[ObjectInfo], target: u64) -> Vec<std::ops::Range<usize>> {
    let mut chunks = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (i, file) in files.iter().enumerate() {
        if i > start && bytes + file.size > target {
            chunks.push(start..i);
            (start, bytes) = (i, 0);
        }
        bytes += file.size;
    }
    if start < files.len() {
        chunks.push(start..files.len());
    }
    chunks
}

fn size_classes(files: &[ObjectInfo]) -> [usize; 5] {
    let mut counts = [0; 5];
    for file in files {
        let class = SIZE_CLASSES.iter().position(|(limit, _)| file.size < *limit).unwrap_or(4);
        counts[class] += 1;
    }
    counts
}

/// What input files add to a day's figures before compaction.
#[derive(Debug, Default)]
struct InputFigures {
    row_groups: usize,
    scanned: u64,
    rows: u64,
}

impl InputFigures {
    fn add(&mut self, meta: &parquet::file::metadata::ParquetMetaData) {
        let (groups, scanned) = footer_figures(meta);
        self.row_groups += groups;
        self.scanned += scanned;
        self.rows += meta.file_metadata().num_rows().max(0) as u64;
    }

    fn count_into(&self, result: &mut DayCompaction) {
        result.row_groups_before += self.row_groups;
        result.scan_before += self.scanned;
        result.rows += self.rows;
    }
}

/// Row groups and bytes of the typical query's column in one file's metadata.
fn footer_figures(meta: &parquet::file::metadata::ParquetMetaData) -> (usize, u64) {
    let scanned = meta
        .row_groups()
        .iter()
        .flat_map(|g| g.columns())
        .filter(|c| c.column_path().string() == TYPICAL_QUERY_COLUMN)
        .map(|c| c.compressed_size().max(0) as u64)
        .sum();
    (meta.num_row_groups(), scanned)
}

/// The table to compact, refused when projection makes Athena ignore partition locations.
async fn compactable_table(catalog: &dyn Catalog, database: &str, table: &str) -> Result<TableInfo> {
    match catalog.lookup_table(database, table).await? {
        TableLookup::Found(found) => {
            if let Some((first, last)) = crate::discover::projected_years(&found.parameters) {
                return Err(usage(format!(
                    "partition projection is on for {first}..{last} in {database}.{table}: Athena then reads every day at its template location, so a compacted copy would never be read (turn it off with `bdctl partitions project --off`)"
                )));
            }
            Ok(*found)
        }
        _ => Err(usage(format!(
            "table {database}.{table} does not exist in the catalog: run `bdctl crawl` (or `bdctl crawl --without-crawler`) first"
        ))),
    }
}

/// Compacts the days of the request, one after the other.
pub async fn compact(
    objects: Arc<dyn ObjectStore>,
    catalog: &dyn Catalog,
    lake: &Lake,
    request: &CompactRequest,
    mut progress: impl FnMut(&str),
) -> Result<CompactReport> {
    let Some(compaction) = Compaction::new(objects, lake) else {
        return Err(usage(
            "`transformed_prefix` is empty: compacted copies go beside the transformed prefix, so set one (e.g. \"transformed/\")",
        ));
    };
    compactable_table(catalog, &request.database, &request.table).await?;
    let mut files = compaction.lake_files().await?;
    let registered: BTreeMap<NaiveDate, String> = catalog
        .list_partitions(&request.database, &request.table)
        .await?
        .into_iter()
        .filter_map(|p| Some((values_day(&p.values)?, p.location)))
        .collect();
    let today = request.now.date_naive();
    let wanted = |day: &NaiveDate| match request.days {
        Some((from, to)) => (from..=to).contains(day),
        None => *day < today,
    };
    let days: BTreeSet<NaiveDate> = files
        .keys()
        .chain(
            registered
                .iter()
                .filter(|(day, url)| compaction.live_generation(url, **day).is_some())
                .map(|(d, _)| d),
        )
        .copied()
        .filter(wanted)
        .collect();
    // Days are independent (their own generations, state files and partition), so they are
    // compacted side by side, one per core: each rewrite is one thread decoding, sorting and
    // encoding.
    let parallel = crate::cores().min(MAX_PARALLEL_DAYS);
    let total = days.len();
    let jobs: Vec<_> = days.iter().map(|day| (*day, files.remove(day).unwrap_or_default())).collect();
    let compaction = &compaction;
    let registered = &registered;
    let mut started = 0;
    let days = futures::stream::iter(jobs)
        .map(|(day, day_files)| {
            started += 1;
            progress(&format!("{day} ({started}/{total})"));
            let location = registered.get(&day).map(String::as_str);
            compaction.compact_day(catalog, request, day, day_files, location)
        })
        .buffered(parallel)
        .try_collect()
        .await?;
    Ok(CompactReport { days })
}

/// Days rewritten at once at most: each holds its inputs in memory.
const MAX_PARALLEL_DAYS: usize = 4;

impl Compaction {
    async fn compact_day(
        &self,
        catalog: &dyn Catalog,
        request: &CompactRequest,
        day: NaiveDate,
        files: Vec<ObjectInfo>,
        location: Option<&str>,
    ) -> Result<DayCompaction> {
        let live = location.and_then(|url| self.live_generation(url, day));
        let live_record = match live {
            Some(generation) => self.record(day, generation).await?,
            None => None,
        };
        let planned = chunks(&files, request.target_bytes);
        let mut result = DayCompaction {
            day,
            action: DayAction::Small,
            files_before: files.len(),
            bytes_before: files.iter().map(|f| f.size).sum(),
            files_after: files.len(),
            bytes_after: files.iter().map(|f| f.size).sum(),
            rows: 0,
            row_groups_before: 0,
            row_groups_after: 0,
            scan_before: 0,
            scan_after: None,
            sizes: size_classes(&files),
            generation: live,
            location: location.map_or_else(|| self.lake_url(day), str::to_string),
            removed_generations: 0,
        };
        let fresh = live.is_some() && self.matches(live_record.as_ref(), &files);
        if fresh {
            let record = live_record.as_ref().expect("a fresh generation has a record");
            result.action = DayAction::UpToDate;
            result.files_after = record.outputs.len();
            result.bytes_after = record.outputs.iter().map(|o| o.bytes).sum();
            result.rows = record.rows;
        } else if files.is_empty() || planned.len() >= files.len() {
            result.action = DayAction::Small;
            if live.is_some() {
                result.action = if request.dry_run { DayAction::WouldReadLake } else { DayAction::ReadsLake };
                if !request.dry_run {
                    self.read_lake(catalog, &request.database, &request.table, day, live, request.now)
                        .await?;
                    result.generation = None;
                    result.location = self.lake_url(day);
                }
            }
        } else if request.dry_run {
            result.action = DayAction::WouldCompact;
            self.measure_inputs(&files, &mut result).await?;
            result.files_after = planned.len();
            result.row_groups_after = planned.len() + (result.rows as usize) / request.row_group_rows.max(1);
        } else {
            let (generation, record, resumed) = match self.resumable(day, live, &files).await? {
                Some((generation, record)) => {
                    self.measure_inputs(&files, &mut result).await?;
                    (generation, record, true)
                }
                None => {
                    let next =
                        self.generations(day).await?.keys().copied().chain(live).max().unwrap_or(0) + 1;
                    let record =
                        self.write_generation(day, next, &files, &planned, request, &mut result).await?;
                    (next, record, false)
                }
            };
            // The day must still be what was copied, or the copy would hide what changed.
            let now_files = self.day_files(day).await?;
            if !self.matches(Some(&record), &now_files) {
                result.action = DayAction::Changed;
            } else {
                if let Some(old) = live {
                    let mut retired = self.retired(day).await?;
                    retired.entry(old).or_insert(request.now);
                    self.write_json(&self.retired_key(day), &retired).await?;
                }
                let partition =
                    PartitionInfo { values: day_values(day), location: self.generation_url(day, generation) };
                catalog.set_partition_location(&request.database, &request.table, &partition).await?;
                result.action = if resumed { DayAction::Resumed } else { DayAction::Compacted };
                result.generation = Some(generation);
                result.location = partition.location;
                result.files_after = record.outputs.len();
                result.bytes_after = record.outputs.iter().map(|o| o.bytes).sum();
                self.measure_outputs(&record, &mut result).await?;
            }
        }
        if !request.dry_run {
            let live_now = if result.action == DayAction::Changed { live } else { result.generation };
            result.removed_generations =
                self.collect_garbage(day, live_now, request.grace, request.now).await?;
        }
        Ok(result)
    }

    /// A generation an interrupted run wrote that is still a copy of the day, whole.
    async fn resumable(
        &self,
        day: NaiveDate,
        live: Option<u32>,
        files: &[ObjectInfo],
    ) -> Result<Option<(u32, GenerationRecord)>> {
        let generations = self.generations(day).await?;
        for (generation, keys) in generations.iter().rev() {
            if Some(*generation) == live {
                continue;
            }
            let Some(record) = self.record(day, *generation).await? else { continue };
            let whole = record.outputs.iter().all(|o| keys.contains(&o.key));
            if whole && self.matches(Some(&record), files) {
                return Ok(Some((*generation, record)));
            }
        }
        Ok(None)
    }

    async fn measure_inputs(&self, files: &[ObjectInfo], result: &mut DayCompaction) -> Result<()> {
        let bucket = &self.lake.transformed.bucket;
        let store = self.objects.as_ref();
        // Each footer is reduced to its figures as it arrives: a day of small files has
        // thousands, and holding them all decoded took most of a compaction's memory.
        let mut footers = futures::stream::iter(files)
            .map(|file| async move {
                let mut figures = InputFigures::default();
                figures.add(&crate::discover::footer(store, bucket, file).await?);
                anyhow::Ok(figures)
            })
            .buffered(FOOTER_READS);
        while let Some(figures) = footers.try_next().await? {
            figures.count_into(result);
        }
        Ok(())
    }

    async fn measure_outputs(&self, record: &GenerationRecord, result: &mut DayCompaction) -> Result<()> {
        result.row_groups_after = 0;
        let mut scanned = 0;
        for output in &record.outputs {
            let object = ObjectInfo { key: output.key.clone(), size: output.bytes, last_modified: None };
            let meta =
                crate::discover::footer(self.objects.as_ref(), &self.compacted.bucket, &object).await?;
            let (groups, column_bytes) = footer_figures(&meta);
            result.row_groups_after += groups;
            scanned += column_bytes;
        }
        result.scan_after = Some(scanned);
        Ok(())
    }

    /// Writes generation `generation` of `day`: one sorted file per chunk, then its record.
    /// Each chunk's files are read and rewritten on one blocking thread, and their footers
    /// counted on the way into `result`.
    async fn write_generation(
        &self,
        day: NaiveDate,
        generation: u32,
        files: &[ObjectInfo],
        planned: &[std::ops::Range<usize>],
        request: &CompactRequest,
        result: &mut DayCompaction,
    ) -> Result<GenerationRecord> {
        let folder = generation_prefix(&self.compacted.prefix, day, generation);
        let mut outputs = Vec::new();
        for (n, range) in planned.iter().enumerate() {
            let key = format!("{folder}part-{n:05}.parquet");
            let store = self.objects.clone();
            let (from_bucket, to_bucket) =
                (self.lake.transformed.bucket.clone(), self.compacted.bucket.clone());
            let chunk = files[range.clone()].to_vec();
            let rows_per_group = request.row_group_rows;
            let write_key = key.clone();
            let (rows, bytes, figures) = tokio::task::spawn_blocking(move || {
                let mut inputs = Vec::with_capacity(chunk.len());
                for file in &chunk {
                    let body = store.get_blocking(&from_bucket, &file.key)?;
                    if body.len() as u64 != file.size {
                        bail!("{} changed while it was read for compaction: run again", file.key);
                    }
                    inputs.push((file.key.clone(), Bytes::from(body)));
                }
                let mut figures = InputFigures::default();
                let staged = SharedStaged::new(store.create_blocking(&to_bucket, &write_key)?);
                let written = rewrite_sorted(&inputs, Box::new(staged.clone()), rows_per_group, |meta| {
                    figures.add(meta)
                })?;
                let bytes = staged.commit()?.unwrap_or(0);
                anyhow::Ok((written.rows, bytes, figures))
            })
            .await?
            .with_context(|| format!("compacting {day} into {key}"))?;
            figures.count_into(result);
            outputs.push(OutputPart { key, rows, bytes });
        }
        let record = GenerationRecord {
            day,
            generation,
            inputs: files.iter().map(InputFile::from).collect(),
            rows: outputs.iter().map(|o| o.rows).sum(),
            outputs,
            written_at: Utc::now(),
        };
        self.write_json(&self.record_key(day, generation), &record).await?;
        Ok(record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(key: &str, size: u64) -> ObjectInfo {
        ObjectInfo { key: key.into(), size, last_modified: None }
    }

    #[test]
    fn files_are_grouped_in_arrival_order_up_to_the_target() {
        let files: Vec<ObjectInfo> = [40, 50, 30, 200, 10, 10].iter().map(|s| file("k", *s)).collect();
        assert_eq!(chunks(&files, 100), [0..2, 2..3, 3..4, 4..6]);
        assert_eq!(chunks(&files, 1000), [0..6]);
        assert_eq!(chunks(&[], 100), Vec::<std::ops::Range<usize>>::new());
        let sizes = size_classes(&[file("a", 10), file("b", 2 << 20), file("c", 200 << 20)]);
        assert_eq!(sizes, [1, 1, 0, 0, 1]);
    }
}
