//! `bdctl crawl`: bring the catalog's table and partitions in line with the transformed lake.

use anyhow::Result;

use super::Context;
use crate::backend::{Change, CrawlRequest};
use crate::cli::CrawlArgs;
use crate::layout::{Area, area_location};
use crate::output::Table;

pub async fn run(ctx: &Context, args: CrawlArgs) -> Result<()> {
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    let request = CrawlRequest {
        environment: settings.env_name.value.clone(),
        database: settings.glue_database.value.clone(),
        table: settings.glue_table.value.clone(),
        lake: area_location(&settings, Area::Transformed).ok(),
        crawler: settings.glue_crawler.value.clone(),
        wait: !args.no_wait,
        timeout: args.timeout,
    };
    let changes = {
        let reporter = ctx.printer.reporter("crawling");
        backend.catalog.crawl(&request, &reporter).await?
    };
    match changes {
        Some(changes) => {
            super::record_crawl(&backend, &changes);
            print_changes(ctx, &changes)
        }
        None => Ok(()),
    }
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
