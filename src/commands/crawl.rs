//! `bdctl crawl`: bring the catalog's table and partitions in line with the transformed lake.

use std::time::{Duration, Instant};

use anyhow::{Result, bail};

use super::Context;
use crate::backend::{Area, Backend, PartitionInfo, TableInfo, TableLookup, area_location, storage_base_url};
use crate::cli::CrawlArgs;
use crate::discover::{self, Change, PARTITION_KEYS};
use crate::error::{RemoteFailed, TimedOut, usage};
use crate::output::Table;
use crate::settings::{BackendKind, Settings};

pub async fn run(ctx: &Context, args: CrawlArgs) -> Result<()> {
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    let changes = match backend.kind {
        BackendKind::Local => crawl_lake(ctx, &settings, &backend).await?,
        BackendKind::Aws => match crawl_with_glue(ctx, &settings, &backend, &args).await? {
            Some(changes) => changes,
            None => return Ok(()),
        },
    };
    print_changes(ctx, &changes)
}

pub fn print_changes(ctx: &Context, changes: &[Change]) -> Result<()> {
    if changes.is_empty() {
        ctx.printer.notice("the catalog already matches the lake: no changes");
    }
    let mut table = Table::new(["kind", "action", "name", "detail"]);
    for change in changes {
        table.push(vec![
            change.kind.into(),
            change.action.into(),
            change.name.clone().into(),
            change.detail.clone().into(),
        ]);
    }
    ctx.printer.print_table(&table)?;
    Ok(())
}

async fn snapshot(backend: &Backend, settings: &Settings) -> Result<(Option<TableInfo>, Vec<PartitionInfo>)> {
    let (database, name) = (&settings.glue_database.value, &settings.glue_table.value);
    match backend.catalog.lookup_table(database, name).await? {
        TableLookup::Found(table) => {
            let partitions = backend.catalog.list_partitions(database, name).await?;
            Ok((Some(*table), partitions))
        }
        _ => Ok((None, Vec::new())),
    }
}

fn partition_changes(before: &[PartitionInfo], after: &[PartitionInfo]) -> Vec<Change> {
    after
        .iter()
        .filter(|p| !before.iter().any(|b| b.values == p.values))
        .map(|p| Change {
            kind: "partition",
            action: "added",
            name: PARTITION_KEYS
                .iter()
                .zip(&p.values)
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("/"),
            detail: p.location.clone(),
        })
        .collect()
}

/// The local crawler: footers, partitions, catalog.
pub async fn crawl_lake(ctx: &Context, settings: &Settings, backend: &Backend) -> Result<Vec<Change>> {
    let transformed = area_location(settings, Area::Transformed)?;
    let spinner = ctx.printer.spinner("reading the transformed lake");
    let objects = backend.objects.list(&transformed.bucket, &transformed.prefix).await?;
    let found =
        discover::partitions(&objects, &transformed, &storage_base_url(settings, &transformed.bucket));
    if found.is_empty() {
        spinner.finish_and_clear();
        bail!(
            "no Parquet partitions under {} yet: run `bdctl transform` or `bdctl backfill` first",
            transformed.prefix
        );
    }
    let mut schemas = Vec::new();
    for partition in &found {
        spinner.set_message(format!("reading the footer of {}", partition.newest.key));
        let columns =
            discover::file_columns(backend.objects.as_ref(), &transformed.bucket, &partition.newest).await?;
        schemas.push((partition.newest.key.clone(), columns));
    }
    spinner.finish_and_clear();
    let (columns, conflicts) = discover::merge_columns(&schemas);
    for conflict in &conflicts {
        ctx.printer.warn(format_args!(
            "column `{}` is {} in {} but {} elsewhere: kept {}",
            conflict.column, conflict.seen, conflict.file, conflict.kept, conflict.kept
        ));
    }

    let (before_table, before_partitions) = snapshot(backend, settings).await?;
    let table = TableInfo {
        database: settings.glue_database.value.clone(),
        name: settings.glue_table.value.clone(),
        location: format!("{}{}", storage_base_url(settings, &transformed.bucket), transformed.prefix),
        columns,
        partition_keys: PARTITION_KEYS
            .iter()
            .map(|k| crate::backend::Column { name: k.to_string(), data_type: "string".into() })
            .collect(),
    };
    let mut changes = discover::table_changes(before_table.as_ref(), &table);
    backend.catalog.ensure_database(&table.database).await?;
    if before_table.as_ref() != Some(&table) {
        backend.catalog.put_table(&table).await?;
    }
    let missing = discover::missing_partitions(&before_partitions, &found);
    backend.catalog.add_partitions(&table.database, &table.name, &missing).await?;
    changes.extend(partition_changes(&before_partitions, &missing));
    ctx.printer.notice(format_args!(
        "crawled {} files in {} partitions: {} columns, {} conflicts",
        objects.len(),
        found.len(),
        table.columns.len(),
        conflicts.len()
    ));
    Ok(changes)
}

fn poll_delay(attempt: u32) -> Duration {
    Duration::from_millis((1000u64 << attempt.min(4)).min(15_000))
}

/// The Glue crawler: start (or attach), wait, and diff the catalog before and after.
async fn crawl_with_glue(
    ctx: &Context,
    settings: &Settings,
    backend: &Backend,
    args: &CrawlArgs,
) -> Result<Option<Vec<Change>>> {
    let Some(crawler) = settings.glue_crawler.value.clone() else {
        return Err(usage(format!(
            "`glue_crawler` is not set for environment `{}` (bdctl.toml or BDCTL_GLUE_CRAWLER)",
            settings.env_name.value
        )));
    };
    let (before_table, before_partitions) = snapshot(backend, settings).await?;
    let started = backend.catalog.start_crawler(&crawler).await?;
    ctx.printer.notice(if started {
        format!("started crawler {crawler}")
    } else {
        format!("crawler {crawler} is already running: waiting for that crawl")
    });
    if args.no_wait {
        return Ok(None);
    }
    let spinner = ctx.printer.spinner(format!("crawler {crawler}"));
    let since = Instant::now();
    let mut attempt = 0;
    let status = loop {
        let status = backend.catalog.crawler_status(&crawler).await?;
        spinner.set_message(format!("crawler {crawler}: {}", status.state));
        // A crawl just started may still read READY for a moment: wait for it to leave READY once.
        if status.state == "READY" && (attempt > 0 || !started) {
            break status;
        }
        if since.elapsed() >= args.timeout {
            spinner.finish_and_clear();
            return Err(TimedOut(format!(
                "crawler {crawler} is still {} after {}; it goes on in AWS Glue",
                status.state,
                humantime::format_duration(Duration::from_secs(args.timeout.as_secs()))
            ))
            .into());
        }
        tokio::time::sleep(poll_delay(attempt)).await;
        attempt += 1;
    };
    spinner.finish_and_clear();
    if status.last_status.as_deref().is_some_and(|s| s != "SUCCEEDED") {
        return Err(RemoteFailed(format!(
            "crawler {crawler} ended {}: {}",
            status.last_status.unwrap_or_default(),
            status.last_error.as_deref().unwrap_or("no error message")
        ))
        .into());
    }
    let (after_table, after_partitions) = snapshot(backend, settings).await?;
    let mut changes = match &after_table {
        Some(table) => discover::table_changes(before_table.as_ref(), table),
        None => Vec::new(),
    };
    if before_table.is_some() && after_table.is_none() {
        changes.push(Change {
            kind: "table",
            action: "deleted",
            name: format!("{}.{}", settings.glue_database.value, settings.glue_table.value),
            detail: String::new(),
        });
    }
    changes.extend(partition_changes(&before_partitions, &after_partitions));
    if let Some(status) = status.last_status {
        ctx.printer.notice(format_args!("last crawl: {status}"));
    }
    Ok(Some(changes))
}
