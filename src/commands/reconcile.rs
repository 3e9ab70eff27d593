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
use crate::services::reconcile::{DayBalance, PartitionBalance, ReconcileRequest, reconcile};

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
    let jobs =
        args.jobs.map_or_else(|| std::thread::available_parallelism().map_or(1, usize::from), usize::from);
    let report = {
        let spinner = ctx.printer.spinner("reconciling");
        let request = ReconcileRequest {
            database: &settings.glue_database.value,
            table: &settings.glue_table.value,
            workgroup: &settings.athena_workgroup.value,
            from,
            to,
            jobs,
        };
        let report =
            reconcile(&backend, &lake, &quarantine, &request, |state| spinner.set_message(state.to_string()))
                .await;
        spinner.finish_and_clear();
        report?
    };
    ctx.printer.print_table(&table(&report.days, &report.partitions))?;
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
fn table(days: &[DayBalance], partitions: &[PartitionBalance]) -> Table {
    let mut table = Table::new([
        "day",
        "objects",
        "raw_records",
        "lake_rows",
        "quarantined",
        "difference",
        "files",
        "parquet_rows",
        "catalog_rows",
    ]);
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
        table.push(vec![
            day.to_string().into(),
            of_day(|b| b.objects.into()),
            of_day(|b| b.raw_records.into()),
            of_day(|b| b.lake_rows.into()),
            of_day(|b| b.quarantined.into()),
            of_day(|b| b.difference.into()),
            of_partition(|p| p.files.into()),
            of_partition(|p| p.parquet_rows.into()),
            of_partition(|p| p.catalog_rows.map_or(Value::Null, Value::from)),
        ]);
    }
    table
}
