//! Did every event make it? Per raw day: the records in the raw objects (counted from the data),
//! the rows their outputs hold (from the Parquet footers), the records still quarantined; per
//! event-day partition: the rows of its Parquet files against the rows the catalog's readers see.
//! Every difference is named: a raw object never transformed, an output missing, a file in a
//! partition that no transform wrote, a partition the catalog lacks.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use futures::StreamExt;
use serde::Serialize;

use crate::backend::{Backend, ObjectInfo, QueryRequest, ResultColumn, RowSink, TableLookup};
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
}

/// One event-day partition: what its files hold against what the catalog's readers see.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PartitionBalance {
    pub day: NaiveDate,
    pub files: u64,
    pub parquet_rows: u64,
    /// `None` when the catalog has no table to ask.
    pub catalog_rows: Option<u64>,
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
}

pub async fn reconcile(
    backend: &Backend,
    lake: &Lake,
    quarantine: &Quarantine,
    request: &ReconcileRequest<'_>,
    progress: impl Fn(&str),
) -> Result<ReconcileReport> {
    let ReconcileRequest { database, table, workgroup, from, to, jobs } = *request;
    let store = backend.objects.clone();
    let raw = RawArea { location: lake.raw.clone(), layout: lake.layout };
    let mut report = ReconcileReport::default();
    let mut known: BTreeMap<String, NaiveDate> = BTreeMap::new();
    let mut partition_days: BTreeSet<NaiveDate> = BTreeSet::new();
    let mut day = from;
    while day <= to {
        progress(&format!("counting the records of {day}"));
        partition_days.insert(day);
        let objects = raw.list_day(store.as_ref(), day).await?;
        let mut balance = DayBalance { day, objects: objects.len() as u64, ..DayBalance::default() };
        let balances: Vec<(ObjectInfo, Result<ObjectBalance>)> = futures::stream::iter(objects)
            .map(|object| async move {
                let balance = object_balance(backend, lake, quarantine, &object).await;
                (object, balance)
            })
            .buffer_unordered(jobs.max(1))
            .collect()
            .await;
        let mut balances = balances;
        balances.sort_by(|a, b| a.0.key.cmp(&b.0.key));
        for (object, result) in balances {
            let object_balance = result.with_context(|| format!("reconciling {}", object.key))?;
            balance.raw_records += object_balance.records;
            balance.lake_rows += object_balance.lake_rows;
            balance.quarantined += object_balance.quarantined;
            report.problems.extend(object_balance.problems);
            for (output_day, key) in object_balance.outputs {
                partition_days.insert(output_day);
                known.insert(key, output_day);
            }
        }
        balance.difference =
            balance.raw_records as i64 - balance.lake_rows as i64 - balance.quarantined as i64;
        report.days.push(balance);
        day = day.succ_opt().context("date out of range")?;
    }
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
        for file in &files {
            let rows =
                footer(store.as_ref(), &lake.transformed.bucket, file).await?.file_metadata().num_rows();
            balance.parquet_rows += rows.max(0) as u64;
            if !known.contains_key(&file.key) && !written_by_its_source(backend, lake, file).await? {
                report.problems.push(format!(
                    "{day}: {} ({rows} rows) was not written by the transform of its source object: a copy or a stray file",
                    file.key
                ));
            }
        }
        partitions.push(balance);
    }

    progress("counting rows through the catalog");
    let catalog = catalog_rows(backend, database, table, workgroup, &partitions).await?;
    match catalog {
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
    for balance in &report.days {
        if balance.difference != 0 {
            report.problems.push(format!(
                "{}: {} raw records, {} in the lake + {} quarantined (difference {})",
                balance.day, balance.raw_records, balance.lake_rows, balance.quarantined, balance.difference
            ));
        }
    }
    report.partitions = partitions;
    Ok(report)
}

/// Counts the object's records from its bytes and follows its manifest to the outputs' footers
/// and the quarantine.
async fn object_balance(
    backend: &Backend,
    lake: &Lake,
    quarantine: &Quarantine,
    object: &ObjectInfo,
) -> Result<ObjectBalance> {
    let store = backend.objects.clone();
    let records = {
        let store = store.clone();
        let (bucket, key) = (lake.raw.bucket.clone(), object.key.clone());
        tokio::task::spawn_blocking(move || -> Result<std::result::Result<u64, String>> {
            let input = store.open_blocking(&bucket, &key)?;
            Ok(crate::transform::parse_only(input).map_err(|err| err.to_string()))
        })
        .await??
    };
    let mut balance =
        ObjectBalance { records: 0, lake_rows: 0, quarantined: 0, outputs: Vec::new(), problems: Vec::new() };
    let day = lake.raw_day(&object.key).map(|d| d.to_string()).unwrap_or_default();
    match records {
        Ok(records) => balance.records = records,
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
    lake_rows(store.as_ref(), lake, &manifest, &mut balance, &day).await?;
    for key in &manifest.quarantine_files {
        let Some(file) = quarantine.file(key).await? else {
            balance.problems.push(format!("{day}: {key}, the quarantine of {}, is missing", object.key));
            continue;
        };
        let records = quarantine.records(&file).await?;
        balance.quarantined += records.records.len() as u64;
        for output in quarantine.replay_outputs(&file).await? {
            let listed = vec![output];
            let replayed = Manifest { outputs: listed, ..Manifest::default() };
            lake_rows(store.as_ref(), lake, &replayed, &mut balance, &day).await?;
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
    let source = tokio::task::spawn_blocking(move || first_source_key(body)).await??;
    let Some(source) = source else { return Ok(false) };
    let manifest = stored_manifest(backend.objects.as_ref(), lake, &source).await?;
    Ok(manifest.is_some_and(|m| m.outputs.iter().any(|o| o.key == file.key)))
}

fn first_source_key(body: bytes::Bytes) -> Result<Option<String>> {
    use arrow::array::{Array, AsArray};
    let builder = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(body)?;
    let Some(index) = builder.schema().fields().iter().position(|f| f.name() == "source_key") else {
        return Ok(None);
    };
    let mask = parquet::arrow::ProjectionMask::roots(builder.parquet_schema(), [index]);
    let mut reader = builder.with_projection(mask).with_batch_size(1).with_limit(1).build()?;
    let Some(batch) = reader.next().transpose()? else { return Ok(None) };
    let column = arrow::compute::cast(batch.column(0), &arrow::datatypes::DataType::Utf8)?;
    let strings = column.as_string::<i32>();
    Ok((!strings.is_empty() && strings.is_valid(0)).then(|| strings.value(0).to_string()))
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
    let days: Vec<String> = partitions
        .iter()
        .map(|p| {
            let text = p.day.format("%Y-%m-%d").to_string();
            format!("(year = '{}' AND month = '{}' AND day = '{}')", &text[..4], &text[5..7], &text[8..10])
        })
        .collect();
    let sql = format!(
        "SELECT year, month, day, count(*) AS n FROM \"{database}\".\"{table}\" WHERE {} GROUP BY year, month, day",
        days.join(" OR ")
    );
    let request = QueryRequest {
        sql,
        database: database.to_string(),
        params: Vec::new(),
        workgroup: workgroup.to_string(),
    };
    let mut sink = Counts::default();
    backend.query.execute(&request, &mut sink).await.context("counting rows through the catalog")?;
    Ok(Some(sink.0))
}

#[derive(Default)]
struct Counts(BTreeMap<NaiveDate, u64>);

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
        let count = match &row[3] {
            serde_json::Value::Number(n) => n.as_u64().unwrap_or(0),
            other => text(other).parse().unwrap_or(0),
        };
        self.0.insert(day, count);
        Ok(())
    }
}
