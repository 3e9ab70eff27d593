//! Did every event make it? Per raw day: the records in the raw objects (counted from the data),
//! the rows their outputs hold (from the Parquet footers), the records still quarantined; per
//! event-day partition: the rows of its Parquet files against the rows the catalog's readers see.
//! Every difference is named: a raw object never transformed, an output missing, a file in a
//! partition that no transform wrote, a partition the catalog lacks.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use futures::StreamExt;
use serde::Serialize;

use crate::backend::{Backend, ObjectInfo, ObjectStore, QueryRequest, ResultColumn, RowSink, TableLookup};
use crate::discover::footer;
use crate::layout::{day_partition, file_name};
use crate::pipeline::{Lake, Manifest, RawArea, stored_manifest};
use crate::services::quarantine::Quarantine;

/// One raw day's balance: records in = rows out + quarantined.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DayBalance {
    pub day: NaiveDate,
    pub objects: u64,
    pub raw_records: u64,
    /// Rows of the objects' outputs (and of what replays landed from their quarantine).
    pub lake_rows: u64,
    pub quarantined: u64,
    /// raw_records − lake_rows − quarantined.
    pub difference: i64,
    /// With `--deep`: the events compared one by one, by `event_id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ids: Option<IdBalance>,
}

/// A raw day's events by id: what the raw objects hold against their outputs and quarantine.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IdBalance {
    /// Events of the raw objects found neither in their outputs nor in the quarantine.
    pub missing: u64,
    /// Ids written more often than the raw objects hold them.
    pub duplicated: u64,
    /// Ids the raw objects hold more than once (delivered twice); each copy is in the lake.
    pub delivered_twice: u64,
    /// Ids in the outputs that none of the raw objects hold.
    pub unsourced: u64,
}

/// How often each id occurs where.
#[derive(Debug, Default)]
struct IdCounts {
    raw: HashMap<String, u32>,
    lake: HashMap<String, u32>,
    quarantined: HashMap<String, u32>,
}

impl IdCounts {
    fn absorb(&mut self, other: IdCounts) {
        for (mine, theirs) in [
            (&mut self.raw, other.raw),
            (&mut self.lake, other.lake),
            (&mut self.quarantined, other.quarantined),
        ] {
            for (id, n) in theirs {
                *mine.entry(id).or_default() += n;
            }
        }
    }

    /// The balance, and the problems it names (a few ids of each kind).
    fn balance(&self, day: NaiveDate) -> (IdBalance, Vec<String>) {
        const SHOWN: usize = 5;
        let mut balance = IdBalance::default();
        let (mut missing, mut duplicated, mut unsourced) = (Vec::new(), Vec::new(), Vec::new());
        for (id, &raw) in &self.raw {
            let lake = self.lake.get(id).copied().unwrap_or(0);
            let quarantined = self.quarantined.get(id).copied().unwrap_or(0);
            if lake + quarantined < raw {
                balance.missing += u64::from(raw - lake - quarantined);
                missing.push(id.as_str());
            }
            if lake > raw {
                balance.duplicated += u64::from(lake - raw);
                duplicated.push(format!("{id} ({lake} times for {raw})"));
            }
            if raw > 1 {
                balance.delivered_twice += u64::from(raw - 1);
            }
        }
        for (id, &lake) in &self.lake {
            if !self.raw.contains_key(id) {
                balance.unsourced += u64::from(lake);
                unsourced.push(id.as_str());
            }
        }
        let shown = |mut ids: Vec<String>| {
            ids.sort();
            let more = ids.len().saturating_sub(SHOWN);
            let mut text = ids.into_iter().take(SHOWN).collect::<Vec<_>>().join(", ");
            if more > 0 {
                text.push_str(&format!(" and {more} more"));
            }
            text
        };
        let owned = |ids: Vec<&str>| ids.into_iter().map(str::to_string).collect::<Vec<_>>();
        let mut problems = Vec::new();
        if balance.missing > 0 {
            problems.push(format!(
                "{day}: {} events of the raw objects are neither in the lake nor quarantined: {}",
                balance.missing,
                shown(owned(missing))
            ));
        }
        if balance.duplicated > 0 {
            problems.push(format!(
                "{day}: {} events were written more often than they were delivered: {}",
                balance.duplicated,
                shown(duplicated)
            ));
        }
        if balance.unsourced > 0 {
            problems.push(format!(
                "{day}: {} rows of the outputs have an event_id no raw object of the day holds: {}",
                balance.unsourced,
                shown(owned(unsourced))
            ));
        }
        (balance, problems)
    }
}

/// One event-day partition: what its files hold against what the catalog's readers see.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PartitionBalance {
    pub day: NaiveDate,
    pub files: u64,
    pub parquet_rows: u64,
    /// `None` when the catalog has no table to ask.
    pub catalog_rows: Option<u64>,
    /// Data quality: the share of nulls of each contract column that has any (from the footers).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub null_rates: BTreeMap<String, f64>,
    /// The newest event of the partition (the footers' `event_ts` statistics), RFC 3339.
    pub newest_event: Option<String>,
    /// Hours whose events fell short of the median of the same hour on the previous days by
    /// more than `quality_drop_share`: `HH:00 (events, median)`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub low_hours: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ReconcileReport {
    pub days: Vec<DayBalance>,
    pub partitions: Vec<PartitionBalance>,
    /// Each difference, naming the day and the key.
    pub problems: Vec<String>,
}

impl ReconcileReport {
    pub fn balanced(&self) -> bool {
        self.problems.is_empty()
    }
}

/// What one raw object adds up to.
struct ObjectBalance {
    records: u64,
    lake_rows: u64,
    quarantined: u64,
    /// Output keys its transform (and replays) wrote, with their days.
    outputs: Vec<(NaiveDate, String)>,
    problems: Vec<String>,
    /// With `--deep`, the ids it holds and where they went.
    ids: IdCounts,
}

/// What to reconcile, and the table the catalog's readers query.
pub struct ReconcileRequest<'a> {
    pub database: &'a str,
    pub table: &'a str,
    pub workgroup: &'a str,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Raw objects read at the same time.
    pub jobs: usize,
    /// Compare the events one by one by `event_id` (every raw object and output read whole).
    pub deep: bool,
    /// An hour with fewer events than (1 − this) × the median of the same hour on the previous
    /// days is flagged.
    pub drop_share: f64,
}

/// The raw days' balances, and the outputs their objects' transforms wrote.
pub struct RawBalances {
    pub days: Vec<DayBalance>,
    /// What does not add up object by object: never transformed, an output or a quarantine missing.
    pub problems: Vec<String>,
    /// Output keys written by the transform of a raw object, with their event days.
    known: BTreeMap<String, NaiveDate>,
    /// The event days the raw objects' outputs fall on, and the raw days themselves.
    partition_days: BTreeSet<NaiveDate>,
}

impl RawBalances {
    /// A line for each day whose records do not add up.
    pub fn differences(&self) -> Vec<String> {
        self.days
            .iter()
            .filter(|balance| balance.difference != 0)
            .map(|balance| {
                format!(
                    "{}: {} raw records, {} in the lake + {} quarantined (difference {})",
                    balance.day,
                    balance.raw_records,
                    balance.lake_rows,
                    balance.quarantined,
                    balance.difference
                )
            })
            .collect()
    }
}

/// Per raw day from `from` to `to`: the records of its objects against the rows of their outputs
/// and their quarantined records. Reads the object store alone, so the transform function can
/// check a day as well.
#[allow(clippy::too_many_arguments)]
pub async fn balance_raw_days(
    store: &Arc<dyn ObjectStore>,
    lake: &Lake,
    quarantine: &Quarantine,
    from: NaiveDate,
    to: NaiveDate,
    jobs: usize,
    deep: bool,
    progress: &impl Fn(&str),
) -> Result<RawBalances> {
    let raw = RawArea { location: lake.raw.clone(), layout: lake.layout };
    let mut balances = RawBalances {
        days: Vec::new(),
        problems: Vec::new(),
        known: BTreeMap::new(),
        partition_days: BTreeSet::new(),
    };
    let mut day = from;
    while day <= to {
        progress(&format!("counting the records of {day}"));
        balances.partition_days.insert(day);
        let objects = raw.list_day(store.as_ref(), day).await?;
        let mut balance = DayBalance { day, objects: objects.len() as u64, ..DayBalance::default() };
        let mut objects: Vec<(ObjectInfo, Result<ObjectBalance>)> = futures::stream::iter(objects)
            .map(|object| async move {
                let balance = object_balance(store, lake, quarantine, &object, deep).await;
                (object, balance)
            })
            .buffer_unordered(jobs.max(1))
            .collect()
            .await;
        objects.sort_by(|a, b| a.0.key.cmp(&b.0.key));
        let mut ids = IdCounts::default();
        for (object, result) in objects {
            let mut object_balance = result.with_context(|| format!("reconciling {}", object.key))?;
            ids.absorb(std::mem::take(&mut object_balance.ids));
            balance.raw_records += object_balance.records;
            balance.lake_rows += object_balance.lake_rows;
            balance.quarantined += object_balance.quarantined;
            balances.problems.extend(object_balance.problems);
            for (output_day, key) in object_balance.outputs {
                balances.partition_days.insert(output_day);
                balances.known.insert(key, output_day);
            }
        }
        balance.difference =
            balance.raw_records as i64 - balance.lake_rows as i64 - balance.quarantined as i64;
        if deep {
            let (id_balance, problems) = ids.balance(day);
            balance.ids = Some(id_balance);
            balances.problems.extend(problems);
        }
        balances.days.push(balance);
        day = day.succ_opt().context("date out of range")?;
    }
    Ok(balances)
}

/// One raw day checked as the pipeline's `Reconcile` step checks it, in the function or in process.
#[derive(Debug, Clone, Serialize)]
pub struct DayCheck {
    pub days: Vec<DayBalance>,
    /// Every difference, object by object and then the day's.
    pub problems: Vec<String>,
}

impl DayCheck {
    /// Why the day fails the check, when it does.
    pub fn unbalanced(&self, day: NaiveDate) -> Option<String> {
        (!self.problems.is_empty()).then(|| format!("{day} does not add up: {}", self.problems.join("; ")))
    }
}

/// The day's raw records against the rows of their outputs and the quarantine, from the store alone.
pub async fn check_day(
    store: &Arc<dyn ObjectStore>,
    lake: &Lake,
    firehose_error_prefix: Option<&str>,
    day: NaiveDate,
) -> Result<DayCheck> {
    let quarantine = Quarantine::new(store.clone(), lake.clone(), firehose_error_prefix);
    let jobs = crate::cores() * 4;
    let balances = balance_raw_days(store, lake, &quarantine, day, day, jobs, false, &|_| {}).await?;
    let mut problems = balances.problems.clone();
    problems.extend(balances.differences());
    Ok(DayCheck { days: balances.days, problems })
}

pub async fn reconcile(
    backend: &Backend,
    lake: &Lake,
    quarantine: &Quarantine,
    request: &ReconcileRequest<'_>,
    progress: impl Fn(&str),
) -> Result<ReconcileReport> {
    let ReconcileRequest { database, table, workgroup, from, to, jobs, deep, drop_share } = *request;
    let store = backend.objects.clone();
    let raw_days = balance_raw_days(&store, lake, quarantine, from, to, jobs, deep, &progress).await?;
    let differences = raw_days.differences();
    let RawBalances { days, problems, mut known, partition_days } = raw_days;
    let mut report = ReconcileReport { days, problems, ..ReconcileReport::default() };
    // What Firehose failures replays landed belongs to no raw object, and is no stray file.
    for file in quarantine.files(Default::default()).await? {
        if file.origin == crate::services::quarantine::Origin::Firehose {
            for output in quarantine.replay_outputs(&file).await? {
                if let Ok(day) = output.day.parse() {
                    known.insert(output.key, day);
                }
            }
        }
    }

    progress("reading the partitions' footers");
    let mut partitions = Vec::new();
    for day in &partition_days {
        let prefix = format!("{}{}", lake.transformed.prefix, day_partition(*day));
        let files: Vec<ObjectInfo> = store
            .list(&lake.transformed.bucket, &prefix)
            .await?
            .into_iter()
            .filter(|o| o.key.ends_with(".parquet") && !file_name(&o.key).starts_with(['.', '_']))
            .collect();
        if files.is_empty() {
            continue;
        }
        let mut balance =
            PartitionBalance { day: *day, files: files.len() as u64, ..PartitionBalance::default() };
        let mut nulls = BTreeMap::new();
        let mut newest: Option<i64> = None;
        for file in &files {
            let metadata = footer(store.as_ref(), &lake.transformed.bucket, file).await?;
            let rows = metadata.file_metadata().num_rows();
            balance.parquet_rows += rows.max(0) as u64;
            count_nulls(&metadata, &mut nulls, &mut newest);
            if !known.contains_key(&file.key) && !written_by_its_source(backend, lake, file).await? {
                report.problems.push(format!(
                    "{day}: {} ({rows} rows) was not written by the transform of its source object: a copy or a stray file",
                    file.key
                ));
            }
        }
        balance.null_rates = nulls
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(column, n)| (column, round4(n as f64 / balance.parquet_rows.max(1) as f64)))
            .collect();
        balance.newest_event = newest
            .and_then(chrono::DateTime::from_timestamp_micros)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
        partitions.push(balance);
    }

    progress("counting rows through the catalog");
    let catalog = catalog_rows(backend, database, table, workgroup, &partitions).await?;
    match &catalog {
        None => report.problems.push(format!(
            "table {database}.{table} does not exist in the catalog: its readers see none of the lake (run `bdctl crawl`)"
        )),
        Some(counts) => {
            for partition in &mut partitions {
                let seen = counts.get(&partition.day).copied().unwrap_or(0);
                partition.catalog_rows = Some(seen);
                if seen != partition.parquet_rows {
                    report.problems.push(format!(
                        "{}: the catalog's readers see {seen} rows, the partition's files hold {}{}",
                        partition.day,
                        partition.parquet_rows,
                        if seen == 0 { " (a partition the catalog lacks? run `bdctl partitions sync`)" } else { "" }
                    ));
                }
            }
        }
    }
    if catalog.is_some() && !partitions.is_empty() {
        progress("counting events per hour");
        let hours = hourly_events(backend, database, table, workgroup, from, to).await?;
        flag_low_hours(&mut partitions, &hours, drop_share, chrono::Utc::now());
    }
    report.problems.extend(differences);
    report.partitions = partitions;
    Ok(report)
}

/// Counts the object's records from its bytes and follows its manifest to the outputs' footers
/// and the quarantine.
async fn object_balance(
    store: &Arc<dyn ObjectStore>,
    lake: &Lake,
    quarantine: &Quarantine,
    object: &ObjectInfo,
    deep: bool,
) -> Result<ObjectBalance> {
    let store = store.clone();
    let records = {
        let store = store.clone();
        let (bucket, key) = (lake.raw.bucket.clone(), object.key.clone());
        tokio::task::spawn_blocking(move || -> Result<std::result::Result<(u64, Vec<String>), String>> {
            let input = store.open_blocking(&bucket, &key)?;
            Ok(if deep {
                crate::transform::event_ids(input).map(|(ids, records)| (records, ids))
            } else {
                crate::transform::parse_only(input).map(|records| (records, Vec::new()))
            }
            .map_err(|err| err.to_string()))
        })
        .await??
    };
    let mut balance = ObjectBalance {
        records: 0,
        lake_rows: 0,
        quarantined: 0,
        outputs: Vec::new(),
        problems: Vec::new(),
        ids: IdCounts::default(),
    };
    let day = lake.raw_day(&object.key).map(|d| d.to_string()).unwrap_or_default();
    match records {
        Ok((records, ids)) => {
            balance.records = records;
            for id in ids {
                *balance.ids.raw.entry(id).or_default() += 1;
            }
        }
        Err(damage) => {
            balance.problems.push(format!("{day}: {} cannot be read to the end: {damage}", object.key));
            return Ok(balance);
        }
    }
    let Some(manifest) = stored_manifest(store.as_ref(), lake, &object.key).await? else {
        balance.problems.push(format!(
            "{day}: {} ({} records) was never transformed: it has no manifest",
            object.key, balance.records
        ));
        return Ok(balance);
    };
    if manifest.source_bytes != object.size {
        balance.problems.push(format!(
            "{day}: {} changed since it was transformed ({} bytes then, {} now)",
            object.key, manifest.source_bytes, object.size
        ));
    }
    lake_rows(store.as_ref(), lake, &manifest, &mut balance, &day, deep).await?;
    for key in &manifest.quarantine_files {
        let Some(file) = quarantine.file(key).await? else {
            balance.problems.push(format!("{day}: {key}, the quarantine of {}, is missing", object.key));
            continue;
        };
        let records = quarantine.records(&file).await?;
        balance.quarantined += records.records.len() as u64;
        if deep {
            for record in &records.records {
                if let Some(id) = quarantined_event_id(&record.raw) {
                    *balance.ids.quarantined.entry(id).or_default() += 1;
                }
            }
        }
        for output in quarantine.replay_outputs(&file).await? {
            let listed = vec![output];
            let replayed = Manifest { outputs: listed, ..Manifest::default() };
            lake_rows(store.as_ref(), lake, &replayed, &mut balance, &day, deep).await?;
        }
    }
    Ok(balance)
}

/// Adds the rows of the manifest's outputs, read from their footers; names the missing ones.
async fn lake_rows(
    store: &dyn crate::backend::ObjectStore,
    lake: &Lake,
    manifest: &Manifest,
    balance: &mut ObjectBalance,
    day: &str,
    deep: bool,
) -> Result<()> {
    for output in &manifest.outputs {
        let listed = store.list(&lake.transformed.bucket, &output.key).await?;
        let Some(file) = listed.into_iter().find(|o| o.key == output.key) else {
            balance.problems.push(format!(
                "{day}: {} is missing ({} rows of {})",
                output.key,
                output.rows,
                if manifest.source_key.is_empty() { "a replay" } else { manifest.source_key.as_str() }
            ));
            continue;
        };
        let rows =
            footer(store, &lake.transformed.bucket, &file).await?.file_metadata().num_rows().max(0) as u64;
        if rows != output.rows {
            balance
                .problems
                .push(format!("{day}: {} holds {rows} rows, its manifest says {}", output.key, output.rows));
        }
        balance.lake_rows += rows;
        if deep {
            let body = store.get(&lake.transformed.bucket, &file.key).await?;
            let ids = tokio::task::spawn_blocking(move || column_strings(body, "event_id", None)).await??;
            for id in ids.unwrap_or_default() {
                *balance.ids.lake.entry(id).or_default() += 1;
            }
        }
        if let Ok(output_day) = output.day.parse() {
            balance.outputs.push((output_day, output.key.clone()));
        }
    }
    Ok(())
}

/// For a file no reconciled object accounts for: whether it is an output of the raw object its
/// rows name (an object of a day outside the range, whose events fall in this one).
async fn written_by_its_source(backend: &Backend, lake: &Lake, file: &ObjectInfo) -> Result<bool> {
    let body = backend.objects.get(&lake.transformed.bucket, &file.key).await?;
    let source = tokio::task::spawn_blocking(move || column_strings(body, "source_key", Some(1))).await??;
    let Some(source) = source.and_then(|keys| keys.into_iter().next()) else { return Ok(false) };
    let manifest = stored_manifest(backend.objects.as_ref(), lake, &source).await?;
    Ok(manifest.is_some_and(|m| m.outputs.iter().any(|o| o.key == file.key)))
}

/// The non-null values of a string column of a Parquet file (the first `limit` rows); `None`
/// when the file has no such column.
fn column_strings(body: bytes::Bytes, column: &str, limit: Option<usize>) -> Result<Option<Vec<String>>> {
    use arrow::array::{Array, AsArray};
    let builder = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(body)?;
    let Some(index) = builder.schema().fields().iter().position(|f| f.name() == column) else {
        return Ok(None);
    };
    let mask = parquet::arrow::ProjectionMask::roots(builder.parquet_schema(), [index]);
    let mut builder = builder.with_projection(mask);
    if let Some(limit) = limit {
        builder = builder.with_batch_size(limit).with_limit(limit);
    }
    let mut values = Vec::new();
    for batch in builder.build()? {
        let column = arrow::compute::cast(batch?.column(0), &arrow::datatypes::DataType::Utf8)?;
        let strings = column.as_string::<i32>();
        values.extend(
            (0..strings.len()).filter(|i| strings.is_valid(*i)).map(|i| strings.value(i).to_string()),
        );
    }
    Ok(Some(values))
}

fn round4(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

/// Adds the footer's null counts per column, and its newest `event_ts`.
fn count_nulls(
    metadata: &parquet::file::metadata::ParquetMetaData,
    nulls: &mut BTreeMap<String, u64>,
    newest: &mut Option<i64>,
) {
    for group in metadata.row_groups() {
        for chunk in group.columns() {
            let name = chunk.column_path().string();
            let Some(statistics) = chunk.statistics() else { continue };
            *nulls.entry(name.clone()).or_default() += statistics.null_count_opt().unwrap_or(0);
            if name == "event_ts"
                && let parquet::file::statistics::Statistics::Int64(values) = statistics
                && let Some(max) = values.max_opt()
            {
                *newest = Some(newest.map_or(*max, |n| n.max(*max)));
            }
        }
    }
}

/// Events per (day, hour) through the catalog's readers, from a week before `from` to `to`.
async fn hourly_events(
    backend: &Backend,
    database: &str,
    table: &str,
    workgroup: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<BTreeMap<(NaiveDate, u32), u64>> {
    let mut days = Vec::new();
    let mut day = from - chrono::Days::new(7);
    while day <= to {
        days.push(day);
        day = day.succ_opt().context("date out of range")?;
    }
    let sql = format!(
        "SELECT year, month, day, extract(hour FROM event_ts) AS hour, count(*) AS n FROM \"{database}\".\"{table}\" WHERE {} GROUP BY year, month, day, extract(hour FROM event_ts)",
        partition_predicate(&days)
    );
    let sink = count_query(backend, database, workgroup, sql).await.context("counting events per hour")?;
    Ok(sink.1)
}

/// Flags, in each partition, the hours that have ended (an hour ago, for late events) and fell
/// short of the median of the same hour on the previous days (at least three with events).
fn flag_low_hours(
    partitions: &mut [PartitionBalance],
    hours: &BTreeMap<(NaiveDate, u32), u64>,
    drop_share: f64,
    now: chrono::DateTime<chrono::Utc>,
) {
    let days_with_events: BTreeSet<NaiveDate> = hours.keys().map(|(day, _)| *day).collect();
    for partition in partitions {
        for hour in 0..24u32 {
            let Some(start) = partition.day.and_hms_opt(hour, 0, 0) else { continue };
            if start.and_utc() + chrono::Duration::hours(2) > now {
                continue;
            }
            let mut previous: Vec<u64> = (1..=7u64)
                .filter_map(|back| partition.day.checked_sub_days(chrono::Days::new(back)))
                .filter(|day| days_with_events.contains(day))
                .map(|day| hours.get(&(day, hour)).copied().unwrap_or(0))
                .collect();
            if previous.len() < 3 {
                continue;
            }
            previous.sort_unstable();
            let median = if previous.len() % 2 == 1 {
                previous[previous.len() / 2] as f64
            } else {
                (previous[previous.len() / 2 - 1] + previous[previous.len() / 2]) as f64 / 2.0
            };
            let events = hours.get(&(partition.day, hour)).copied().unwrap_or(0);
            if median > 0.0 && (events as f64) < (1.0 - drop_share) * median {
                partition.low_hours.push(format!("{hour:02}:00 ({events} events, median {median})"));
            }
        }
    }
}

/// The event id in a quarantined record's text, where it still reads as JSON with one.
fn quarantined_event_id(raw: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(raw).ok()?;
    value.get("event_id")?.as_str().map(str::to_string)
}

/// Rows per partition as the catalog's readers see them (`count(*)` through the query engine:
/// Athena on aws, the embedded engine on local); `None` when there is no table.
async fn catalog_rows(
    backend: &Backend,
    database: &str,
    table: &str,
    workgroup: &str,
    partitions: &[PartitionBalance],
) -> Result<Option<BTreeMap<NaiveDate, u64>>> {
    if !matches!(backend.catalog.lookup_table(database, table).await?, TableLookup::Found(_)) {
        return Ok(None);
    }
    if partitions.is_empty() {
        return Ok(Some(BTreeMap::new()));
    }
    let days: Vec<NaiveDate> = partitions.iter().map(|p| p.day).collect();
    let sql = format!(
        "SELECT year, month, day, count(*) AS n FROM \"{database}\".\"{table}\" WHERE {} GROUP BY year, month, day",
        partition_predicate(&days)
    );
    let sink =
        count_query(backend, database, workgroup, sql).await.context("counting rows through the catalog")?;
    Ok(Some(sink.0))
}

/// `(year = … AND month = … AND day = …) OR …` for the days' partitions.
fn partition_predicate(days: &[NaiveDate]) -> String {
    let one = |day: &NaiveDate| {
        let text = day.format("%Y-%m-%d").to_string();
        format!("(year = '{}' AND month = '{}' AND day = '{}')", &text[..4], &text[5..7], &text[8..10])
    };
    days.iter().map(one).collect::<Vec<_>>().join(" OR ")
}

async fn count_query(backend: &Backend, database: &str, workgroup: &str, sql: String) -> Result<Counts> {
    let request = QueryRequest {
        sql,
        database: database.to_string(),
        params: Vec::new(),
        workgroup: workgroup.to_string(),
    };
    let mut sink = Counts::default();
    backend.query.execute(&request, &mut sink).await?;
    Ok(sink)
}

/// Rows per day (`year, month, day, n`) or per day and hour (`year, month, day, hour, n`).
#[derive(Default)]
struct Counts(BTreeMap<NaiveDate, u64>, BTreeMap<(NaiveDate, u32), u64>);

impl RowSink for Counts {
    fn columns(&mut self, _columns: &[ResultColumn]) -> Result<()> {
        Ok(())
    }

    fn row(&mut self, row: Vec<serde_json::Value>) -> Result<()> {
        let text = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let date = format!("{}-{}-{}", text(&row[0]), text(&row[1]), text(&row[2]));
        let day =
            NaiveDate::parse_from_str(&date, "%Y-%m-%d").with_context(|| format!("partition {date}"))?;
        let number = |v: &serde_json::Value| match v {
            serde_json::Value::Number(n) => n.as_f64().unwrap_or(0.0),
            other => text(other).parse().unwrap_or(0.0),
        };
        match row.len() {
            5 => {
                self.1.insert((day, number(&row[3]) as u32), number(&row[4]) as u64);
            }
            _ => {
                self.0.insert(day, number(&row[3]) as u64);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn an_hour_far_below_the_median_of_the_previous_days_is_flagged() {
        let mut hours = BTreeMap::new();
        for back in 1..=5u64 {
            let previous = day("2024-06-08") - chrono::Days::new(back);
            hours.insert((previous, 3), 100 + back);
            hours.insert((previous, 4), 100);
        }
        hours.insert((day("2024-06-08"), 3), 20);
        hours.insert((day("2024-06-08"), 4), 60);
        let mut partitions = vec![PartitionBalance { day: day("2024-06-08"), ..PartitionBalance::default() }];
        let now = "2024-06-09T12:00:00Z".parse().unwrap();
        flag_low_hours(&mut partitions, &hours, 0.5, now);
        assert_eq!(partitions[0].low_hours, ["03:00 (20 events, median 103)"]);

        // Hours not yet over (and late events' hour) are left alone; so is a day without history.
        let mut today = vec![PartitionBalance { day: day("2024-06-08"), ..PartitionBalance::default() }];
        flag_low_hours(&mut today, &hours, 0.5, "2024-06-08T04:30:00Z".parse().unwrap());
        assert!(today[0].low_hours.is_empty(), "{:?}", today[0].low_hours);
        let mut first = vec![PartitionBalance { day: day("2024-06-01"), ..PartitionBalance::default() }];
        flag_low_hours(&mut first, &hours, 0.5, now);
        assert!(first[0].low_hours.is_empty());
    }

    #[test]
    fn ids_balance_names_missing_duplicated_and_unsourced_events() {
        let mut ids = IdCounts::default();
        for (id, raw, lake, quarantined) in
            [("a", 1, 1, 0), ("b", 1, 0, 1), ("c", 1, 0, 0), ("d", 1, 2, 0), ("e", 2, 2, 0), ("f", 0, 1, 0)]
        {
            for (map, n) in [(&mut ids.raw, raw), (&mut ids.lake, lake), (&mut ids.quarantined, quarantined)]
            {
                if n > 0 {
                    map.insert(id.to_string(), n);
                }
            }
        }
        let (balance, problems) = ids.balance(day("2024-06-01"));
        assert_eq!(balance, IdBalance { missing: 1, duplicated: 1, delivered_twice: 1, unsourced: 1 });
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].ends_with(": c"), "{problems:?}");
        assert!(problems[1].ends_with(": d (2 times for 1)"), "{problems:?}");
        assert!(problems[2].ends_with(": f"), "{problems:?}");
    }
}
