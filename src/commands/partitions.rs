//! `bdctl partitions`: the crawler-free path to fresh partitions.

use anyhow::Result;

use super::Context;
use crate::backend::TableLookup;
use crate::cli::{PartitionsArgs, PartitionsCommand};
use crate::discover;
use crate::error::usage;
use crate::layout::{Area, area_location};
use crate::output::Table;

pub async fn run(ctx: &Context, args: PartitionsArgs) -> Result<()> {
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    let transformed = area_location(&settings, Area::Transformed)?;
    let objects = backend.objects.list(&transformed.bucket, &transformed.prefix).await?;
    let found = discover::partitions(&objects, &transformed, |l| backend.objects.url(l));
    let (database, name) = (&settings.glue_database.value, &settings.glue_table.value);
    let table_exists = matches!(backend.catalog.lookup_table(database, name).await?, TableLookup::Found(_));
    let registered =
        if table_exists { backend.catalog.list_partitions(database, name).await? } else { Vec::new() };

    match args.command {
        PartitionsCommand::List => {
            let mut table = Table::new(["partition", "objects", "bytes", "in_catalog", "location"]);
            for partition in &found {
                let in_catalog = registered.iter().any(|p| p.values == partition.info.values);
                table.push(vec![
                    partition_name(&partition.info.values).into(),
                    partition.objects.into(),
                    partition.bytes.into(),
                    in_catalog.into(),
                    partition.info.location.clone().into(),
                ]);
            }
            ctx.printer.print_table(&table)?;
        }
        PartitionsCommand::Sync { dry_run } => {
            if !table_exists {
                return Err(usage(format!(
                    "table {database}.{name} does not exist in the catalog: run `bdctl crawl` once to create it (`bdctl crawl --without-crawler` where there is no crawler)"
                )));
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
            ctx.printer.print_table(&table)?;
            ctx.printer.notice(format_args!(
                "{} partitions in the lake, {} in the catalog, {} {}",
                found.len(),
                registered.len(),
                if dry_run { missing.len() } else { added },
                if dry_run { "to add" } else { "added" }
            ));
        }
    }
    Ok(())
}

fn partition_name(values: &[String]) -> String {
    discover::PARTITION_KEYS.iter().zip(values).map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("/")
}
