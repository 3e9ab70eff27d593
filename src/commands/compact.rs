//! `bdctl compact`: each day's small Parquet files rewritten into a few large ones.

use anyhow::{Result, anyhow};

use super::Context;
use crate::backend::Backend;
use crate::cli::CompactArgs;
use crate::error::usage;
use crate::output::Table;
use crate::pipeline::Lake;
use crate::pricing::{Prices, human_bytes};
use crate::services::compact::{
    CompactReport, CompactRequest, DayAction, ROW_GROUP_ROWS, SIZE_CLASSES, TYPICAL_QUERY_COLUMN, compact,
};

pub async fn run(ctx: &Context, args: CompactArgs) -> Result<()> {
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    let now = chrono::Utc::now();
    let days = match (args.date, args.from, args.to) {
        (Some(day), _, _) => Some((day, day)),
        (None, None, None) => None,
        (None, from, to) => {
            let to = to.unwrap_or_else(|| now.date_naive() - chrono::Days::new(1));
            let from = from.unwrap_or(chrono::NaiveDate::MIN);
            if from > to {
                return Err(usage(format!("--from {from} is after --to {to}")));
            }
            Some((from, to))
        }
    };
    let request = CompactRequest {
        database: settings.glue_database.value.clone(),
        table: settings.glue_table.value.clone(),
        days,
        target_bytes: args.target_size,
        row_group_rows: ROW_GROUP_ROWS,
        grace: chrono::Duration::from_std(args.grace).map_err(|_| usage("--grace is too long"))?,
        dry_run: args.dry_run,
        now,
    };
    let lake = Lake::from_settings(&settings)?;
    let report = compact_with_spinner(ctx, &backend, &lake, &request).await?;
    ctx.printer.print_table(&table(&report))?;
    ctx.printer.notice(summary(&report, &Prices::from_settings(&settings), args.dry_run));
    let changed: Vec<String> = report.changed().map(|d| d.day.to_string()).collect();
    if !changed.is_empty() {
        return Err(anyhow!(
            "{} changed while being compacted (a transform or replay wrote to it): run `bdctl compact` again",
            changed.join(", ")
        ));
    }
    Ok(())
}

/// Compacts as `request` asks, with a spinner naming the day at work.
pub(super) async fn compact_with_spinner(
    ctx: &Context,
    backend: &Backend,
    lake: &Lake,
    request: &CompactRequest,
) -> Result<CompactReport> {
    let spinner = ctx.printer.spinner("compacting");
    let report = compact(backend.objects.clone(), backend.catalog.as_ref(), lake, request, |day| {
        spinner.set_message(format!("compacting {day}"))
    })
    .await;
    spinner.finish_and_clear();
    report
}

/// One row per day.
pub(crate) fn table(report: &CompactReport) -> Table {
    let mut table = Table::new([
        "day",
        "action",
        "files",
        "files_after",
        "bytes",
        "bytes_after",
        "sizes",
        "row_groups",
        "row_groups_after",
        "bytes_scanned",
        "bytes_scanned_after",
        "generation",
    ]);
    for day in &report.days {
        let sizes: Vec<String> = SIZE_CLASSES
            .iter()
            .zip(day.sizes)
            .filter(|(_, count)| *count > 0)
            .map(|((_, name), count)| format!("{name}:{count}"))
            .collect();
        table.push(vec![
            day.day.to_string().into(),
            day.action.name().into(),
            day.files_before.into(),
            day.files_after.into(),
            day.bytes_before.into(),
            day.bytes_after.into(),
            sizes.join(" ").into(),
            day.row_groups_before.into(),
            day.row_groups_after.into(),
            day.scan_before.into(),
            day.scan_after.map_or(serde_json::Value::Null, Into::into),
            day.generation.map_or(serde_json::Value::Null, Into::into),
        ]);
    }
    table
}

/// The totals, and what the typical query costs on Athena before and after.
pub(crate) fn summary(report: &CompactReport, prices: &Prices, dry_run: bool) -> String {
    let done =
        |actions: &'static [DayAction]| report.days.iter().filter(move |d| actions.contains(&d.action));
    let rewritten: Vec<_> =
        done(&[DayAction::Compacted, DayAction::Resumed, DayAction::WouldCompact]).collect();
    let files_before: usize = rewritten.iter().map(|d| d.files_before).sum();
    let files_after: usize = rewritten.iter().map(|d| d.files_after).sum();
    let scan_before: u64 = rewritten.iter().map(|d| d.scan_before).sum();
    let scan_after: u64 = rewritten.iter().filter_map(|d| d.scan_after).sum();
    let mut text = format!(
        "{} days: {} {} ({files_before} files -> {files_after}), {} up to date, {} with nothing to gain",
        report.days.len(),
        rewritten.len(),
        if dry_run { "to compact" } else { "compacted" },
        done(&[DayAction::UpToDate]).count(),
        done(&[DayAction::Small]).count(),
    );
    let stale = done(&[DayAction::ReadsLake, DayAction::WouldReadLake]).count();
    if stale > 0 {
        text.push_str(&format!(
            ", {stale} stale {} read from the transformed files{}",
            if stale == 1 { "copy" } else { "copies" },
            if dry_run { " again" } else { " now" }
        ));
    }
    if !rewritten.is_empty() && dry_run {
        text.push_str(&format!(
            "\na query of those days by `{TYPICAL_QUERY_COLUMN}` scans {} of it now (Athena USD {:.6}, 10 MB minimum per query); compacted, it opens {files_after} files instead of {files_before}, and larger sorted column chunks usually compress smaller (measured when the run writes them)",
            human_bytes(scan_before),
            prices.athena_query(scan_before),
        ));
    } else if !rewritten.is_empty() {
        text.push_str(&format!(
            "\na query of those days by `{TYPICAL_QUERY_COLUMN}` scanned {} of it, now {} (Athena USD {:.6} -> {:.6}, 10 MB minimum per query), in {files_after} files instead of {files_before}",
            human_bytes(scan_before),
            human_bytes(scan_after),
            prices.athena_query(scan_before),
            prices.athena_query(scan_after),
        ));
    }
    text
}
