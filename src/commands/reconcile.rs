//! `bdctl reconcile`: did every event make it?

use std::collections::BTreeMap;

use anyhow::{Result, anyhow};
use serde_json::Value;

use super::Context;
use crate::cli::ReconcileArgs;
use crate::error::usage;
use crate::output::Table;
use crate::pipeline::Lake;
use crate::services::quarantine::Quarantine;
use crate::services::reconcile::{DayBalance, IdBalance, PartitionBalance, ReconcileRequest, reconcile};

pub async fn run(ctx: &Context, args: ReconcileArgs) -> Result<()> {
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    let to = args.to.unwrap_or_else(|| chrono::Utc::now().date_naive());
    let from = args.from.unwrap_or(to - chrono::Days::new(6));
    if from > to {
        return Err(usage(format!("--from {from} is after --to {to}")));
    }
    let lake = Lake::from_settings(&settings)?;
    let quarantine = Quarantine::new(
        backend.objects.clone(),
        lake.clone(),
        settings.firehose_error_prefix.value.as_deref(),
    );
    let jobs = args.jobs.map_or_else(crate::cores, usize::from);
    let report = {
        let spinner = ctx.printer.spinner("reconciling");
        let request = ReconcileRequest {
            database: &settings.glue_database.value,
            table: &settings.glue_table.value,
            workgroup: &settings.athena_workgroup.value,
            from,
            to,
            jobs,
            deep: args.deep,
            drop_share: settings.quality_drop_share.value,
        };
        let report =
            reconcile(&backend, &lake, &quarantine, &request, |state| spinner.set_message(state.to_string()))
                .await;
        spinner.finish_and_clear();
        report?
    };
    ctx.printer.print_table(&table(&report.days, &report.partitions, args.deep))?;
    for partition in &report.partitions {
        if !partition.low_hours.is_empty() {
            ctx.printer.warn(format_args!(
                "{}: fewer events than usual in {}",
                partition.day,
                partition.low_hours.join(", ")
            ));
        }
    }
    if let Some(newest) = report.partitions.iter().filter_map(|p| p.newest_event.as_deref()).max() {
        ctx.printer.notice(format_args!("newest event in the lake: {newest}"));
    }
    if report.balanced() {
        ctx.printer.notice(format_args!("{from} to {to}: every record is accounted for"));
        return Ok(());
    }
    for problem in &report.problems {
        ctx.printer.warn(problem);
    }
    let n = report.problems.len();
    Err(anyhow!("{n} {} between {from} and {to}", if n == 1 { "difference" } else { "differences" }))
}

/// One row per day: the balance of the raw objects delivered that day, and of the partition of
/// that event day.
fn table(days: &[DayBalance], partitions: &[PartitionBalance], deep: bool) -> Table {
    let mut columns = vec![
        "day",
        "objects",
        "raw_records",
        "lake_rows",
        "quarantined",
        "difference",
        "files",
        "parquet_rows",
        "catalog_rows",
    ];
    columns.extend(["newest_event", "null_rates", "low_hours"]);
    if deep {
        columns.extend(["missing_ids", "duplicated_ids", "delivered_twice", "unsourced_ids"]);
    }
    let mut table = Table::new(columns);
    let mut rows: BTreeMap<chrono::NaiveDate, (Option<&DayBalance>, Option<&PartitionBalance>)> =
        BTreeMap::new();
    for day in days {
        rows.entry(day.day).or_default().0 = Some(day);
    }
    for partition in partitions {
        rows.entry(partition.day).or_default().1 = Some(partition);
    }
    for (day, (balance, partition)) in rows {
        let of_day = |f: fn(&DayBalance) -> Value| balance.map_or(Value::Null, f);
        let of_partition = |f: fn(&PartitionBalance) -> Value| partition.map_or(Value::Null, f);
        let mut row = vec![
            day.to_string().into(),
            of_day(|b| b.objects.into()),
            of_day(|b| b.raw_records.into()),
            of_day(|b| b.lake_rows.into()),
            of_day(|b| b.quarantined.into()),
            of_day(|b| b.difference.into()),
            of_partition(|p| p.files.into()),
            of_partition(|p| p.parquet_rows.into()),
            of_partition(|p| p.catalog_rows.map_or(Value::Null, Value::from)),
            of_partition(|p| p.newest_event.clone().map_or(Value::Null, Value::from)),
            of_partition(|p| p.null_rates.iter().map(|(c, r)| (c.clone(), Value::from(*r))).collect()),
            of_partition(|p| p.low_hours.iter().cloned().map(Value::from).collect()),
        ];
        if deep {
            let ids = balance.and_then(|b| b.ids.as_ref());
            let of_ids = |f: fn(&IdBalance) -> u64| ids.map_or(Value::Null, |i| f(i).into());
            row.extend([
                of_ids(|i| i.missing),
                of_ids(|i| i.duplicated),
                of_ids(|i| i.delivered_twice),
                of_ids(|i| i.unsourced),
            ]);
        }
        table.push(row);
    }
    table
}
