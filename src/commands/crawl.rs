//! `bdctl crawl`: bring the catalog's table and partitions in line with the transformed lake.

use anyhow::Result;

use super::Context;
use crate::backend::{Backend, Change, CrawlRequest};
use crate::cli::CrawlArgs;
use crate::discover;
use crate::error::usage;
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
    if args.without_crawler {
        return crawl_footers(ctx, &backend, &request, args.dry_run).await;
    }
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

/// The crawler's work done here: the footers read through the object store, the catalog
/// written directly; a change to an existing table only once confirmed.
async fn crawl_footers(
    ctx: &Context,
    backend: &Backend,
    request: &CrawlRequest,
    dry_run: bool,
) -> Result<()> {
    let Some(lake) = &request.lake else {
        return Err(usage(format!(
            "`transformed_bucket` is not set for environment `{}`: there is no lake to read",
            request.environment
        )));
    };
    let crawl = {
        let reporter = ctx.printer.reporter("reading footers");
        discover::crawl_footers(
            backend.catalog.as_ref(),
            backend.objects.as_ref(),
            lake,
            &request.database,
            &request.table,
            &reporter,
        )
        .await?
    };
    if dry_run {
        print_changes(ctx, &crawl.changes)?;
        ctx.printer.notice(format_args!("dry run: {}; the catalog is unchanged", crawl.summary()));
        return Ok(());
    }
    let name = format!("{}.{}", crawl.table.database, crawl.table.name);
    if crawl.changes_schema() {
        let schema: Vec<Change> = crawl.changes.iter().filter(|c| c.kind != "partition").cloned().collect();
        for change in &schema {
            ctx.printer.notice(format_args!(
                "  {} {} {}: {}",
                change.action, change.kind, change.name, change.detail
            ));
        }
        if !ctx.printer.confirm(&format!("change the definition of {name} as above"))? {
            return Err(usage(format!("the definition of {name} was left as it is")));
        }
    }
    discover::apply_footer_crawl(backend.catalog.as_ref(), &crawl).await?;
    ctx.printer.notice(crawl.summary());
    super::record_crawl(backend, &crawl.changes);
    print_changes(ctx, &crawl.changes)
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
