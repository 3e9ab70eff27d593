//! `bdctl partitions`: the crawler-free path to fresh partitions.

use anyhow::Result;
use chrono::Datelike;

use super::Context;
use crate::backend::TableLookup;
use crate::cli::{PartitionsArgs, PartitionsCommand};
use crate::discover;
use crate::error::usage;
use crate::layout::{Area, area_location, values_day};
use crate::output::Table;
use crate::pipeline::Lake;
use crate::services::compact::Compaction;

pub async fn run(ctx: &Context, args: PartitionsArgs) -> Result<()> {
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    let transformed = area_location(&settings, Area::Transformed)?;
    let objects = backend.objects.list(&transformed.bucket, &transformed.prefix).await?;
    let found = discover::partitions(&objects, &transformed, |l| backend.objects.url(l));
    let (database, name) = (&settings.glue_database.value, &settings.glue_table.value);
    let current = match backend.catalog.lookup_table(database, name).await? {
        TableLookup::Found(table) => Some(*table),
        _ => None,
    };
    let registered =
        if current.is_some() { backend.catalog.list_partitions(database, name).await? } else { Vec::new() };
    let projection = current.as_ref().and_then(|t| discover::projected_years(&t.parameters));

    match args.command {
        PartitionsCommand::List => {
            let compaction = Compaction::new(backend.objects.clone(), &Lake::from_settings(&settings)?);
            let mut table = Table::new([
                "partition",
                "objects",
                "bytes",
                "in_catalog",
                "projected",
                "compacted",
                "location",
            ]);
            for partition in &found {
                let in_catalog = registered.iter().find(|p| p.values == partition.info.values);
                let projected =
                    projection.is_some_and(|years| discover::is_projected(&partition.info.values, years));
                // Where readers go: a compacted copy when the catalog points at one.
                let (compacted, location) =
                    match (in_catalog, &compaction, values_day(&partition.info.values)) {
                        (Some(registered), Some(compaction), Some(day)) => {
                            match (
                                compaction.live_generation(&registered.location, day),
                                compaction.is_fresh(day, &registered.location).await?,
                            ) {
                                (Some(generation), Some(true)) => {
                                    (format!("gen {generation}"), registered.location.clone())
                                }
                                (Some(generation), _) => {
                                    (format!("gen {generation}, stale"), registered.location.clone())
                                }
                                _ => (String::new(), partition.info.location.clone()),
                            }
                        }
                        _ => (String::new(), partition.info.location.clone()),
                    };
                table.push(vec![
                    partition_name(&partition.info.values).into(),
                    partition.objects.into(),
                    partition.bytes.into(),
                    in_catalog.is_some().into(),
                    projected.into(),
                    compacted.into(),
                    location.into(),
                ]);
            }
            ctx.printer.print_table(&table)?;
            if let Some((first, last)) = projection {
                ctx.printer.notice(format_args!(
                    "partition projection is on for {first}..{last}: Athena reads those partitions without the catalog listing them"
                ));
            }
        }
        PartitionsCommand::Sync { dry_run } => {
            let Some(current) = &current else { return Err(missing_table(database, name)) };
            if let Some((first, last)) = projection {
                ctx.printer.print_table(&Table::new(["partition", "action", "location"]))?;
                ctx.printer.notice(format_args!(
                    "partition projection is on for {first}..{last} in {}.{}: Athena ignores registered partitions, nothing to sync",
                    current.database, current.name
                ));
                return Ok(());
            }
            let missing = discover::missing_partitions(&registered, &found);
            let added = if dry_run || missing.is_empty() {
                0
            } else {
                backend.catalog.add_partitions(database, name, &missing).await?
            };
            let mut table = Table::new(["partition", "action", "location"]);
            for partition in &missing {
                let action = if dry_run { "would add" } else { "added" };
                table.push(vec![
                    partition_name(&partition.values).into(),
                    action.into(),
                    partition.location.clone().into(),
                ]);
            }
            // A compacted copy that misses files written since is replaced by the files.
            if let Some(compaction) =
                Compaction::new(backend.objects.clone(), &Lake::from_settings(&settings)?)
            {
                for partition in &registered {
                    let Some(day) = values_day(&partition.values) else { continue };
                    if compaction.is_fresh(day, &partition.location).await? != Some(false) {
                        continue;
                    }
                    if !dry_run {
                        let days = std::collections::BTreeSet::from([day]);
                        compaction
                            .refresh(
                                backend.catalog.as_ref(),
                                database,
                                name,
                                Some(&days),
                                chrono::Utc::now(),
                            )
                            .await?;
                    }
                    let lake_location = found
                        .iter()
                        .find(|p| p.info.values == partition.values)
                        .map_or_else(String::new, |p| p.info.location.clone());
                    table.push(vec![
                        partition_name(&partition.values).into(),
                        (if dry_run {
                            "would read the files (stale copy)"
                        } else {
                            "reads the files (stale copy)"
                        })
                        .into(),
                        lake_location.into(),
                    ]);
                }
            }
            ctx.printer.print_table(&table)?;
            ctx.printer.notice(format_args!(
                "{} partitions in the lake, {} in the catalog, {} {}",
                found.len(),
                registered.len(),
                if dry_run { missing.len() } else { added },
                if dry_run { "to add" } else { "added" }
            ));
        }
        PartitionsCommand::Project { from, off, dry_run } => {
            let Some(mut table) = current else { return Err(missing_table(database, name)) };
            let before = table.parameters.clone();
            table.parameters.retain(|key, _| !discover::is_projection_parameter(key));
            if !off {
                let first_year = from
                    .or_else(|| found.first().and_then(|p| values_day(&p.info.values)))
                    .unwrap_or_else(|| chrono::Utc::now().date_naive())
                    .year();
                let last_year = first_year.max(chrono::Utc::now().year()) + discover::PROJECTION_YEARS_AHEAD;
                table.parameters.extend(discover::projection_parameters(
                    &table.location,
                    first_year,
                    last_year,
                ));
            }
            let mut changes = Table::new(["property", "action", "value"]);
            let keys: std::collections::BTreeSet<&String> =
                before.keys().chain(table.parameters.keys()).collect();
            for key in keys.into_iter().filter(|k| discover::is_projection_parameter(k)) {
                let (action, value) = match (before.get(key), table.parameters.get(key)) {
                    (None, Some(new)) => ("set", new.clone()),
                    (Some(old), Some(new)) if old != new => ("changed", format!("{old} -> {new}")),
                    (Some(_), Some(_)) => continue,
                    (Some(old), None) => ("removed", old.clone()),
                    (None, None) => continue,
                };
                let action = if dry_run { format!("would be {action}") } else { action.to_string() };
                changes.push(vec![key.clone().into(), action.into(), value.into()]);
            }
            let changed = !changes.rows.is_empty();
            if changed && !dry_run {
                backend.catalog.put_table(&table).await?;
            }
            ctx.printer.print_table(&changes)?;
            let state = match discover::projected_years(&table.parameters) {
                Some((first, last)) => format!("partition projection on for {first}..{last}"),
                None => "partition projection off".to_string(),
            };
            ctx.printer.notice(format_args!(
                "{}.{}: {state}{}",
                table.database,
                table.name,
                match (changed, dry_run) {
                    (false, _) => " (unchanged)",
                    (true, true) => " (dry run, nothing changed)",
                    (true, false) => "",
                }
            ));
        }
    }
    Ok(())
}

fn missing_table(database: &str, name: &str) -> anyhow::Error {
    usage(format!(
        "table {database}.{name} does not exist in the catalog: run `bdctl crawl` once to create it (`bdctl crawl --without-crawler` where there is no crawler)"
    ))
}

fn partition_name(values: &[String]) -> String {
    discover::PARTITION_KEYS.iter().zip(values).map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("/")
}
