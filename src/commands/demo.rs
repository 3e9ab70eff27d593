//! `bdctl demo`: the whole pipeline on the embedded platform, in one command.

use std::time::Instant;

use anyhow::Result;
use chrono::NaiveTime;
use serde_json::Value;

use super::Context;
use super::results::summary_table;
use super::send::{deliver_all, synthetic};
use crate::backend::{CrawlRequest, QueryRequest, ResultColumn, RowSink, factory};
use crate::cli::DemoArgs;
use crate::layout::{Area, area_location};
use crate::output::Table;
use crate::pipeline::{Lake, transform_objects};
use crate::pricing::Prices;
use crate::services::compact::{CompactRequest, ROW_GROUP_ROWS};
use crate::synth::SynthOptions;

/// The example queries, with the title a person reads above each result.
pub const QUERIES: [(&str, &str); 3] = [
    (
        "Events by type per day",
        "SELECT concat(year, '-', month, '-', day) AS day, event_type, count(*) AS events \
         FROM events GROUP BY year, month, day, event_type ORDER BY 1, 3 DESC",
    ),
    (
        "Revenue by country",
        "SELECT country, count(*) AS purchases, round(sum(revenue), 2) AS revenue \
         FROM events WHERE event_type = 'purchase' GROUP BY country ORDER BY revenue DESC",
    ),
    (
        "Funnel: sessions that viewed a page, added to the cart, purchased",
        "SELECT count(DISTINCT CASE WHEN event_type = 'page_view' THEN session_id END) AS page_view, \
         count(DISTINCT CASE WHEN event_type = 'add_to_cart' THEN session_id END) AS add_to_cart, \
         count(DISTINCT CASE WHEN event_type = 'purchase' THEN session_id END) AS purchase \
         FROM events",
    ),
];

#[derive(Default)]
struct Collect {
    table: Table,
}

impl RowSink for Collect {
    fn columns(&mut self, columns: &[ResultColumn]) -> Result<()> {
        self.table = Table::new(columns.iter().map(|c| c.name.clone()));
        Ok(())
    }
    fn row(&mut self, row: Vec<Value>) -> Result<()> {
        self.table.push(row);
        Ok(())
    }
}

pub async fn run(ctx: &Context, args: DemoArgs) -> Result<()> {
    let settings = ctx.settings()?;
    let backend = factory::connect_embedded(&settings, |settings| {
        format!(
            "the demo runs on the embedded local platform, and environment `{}` is aws: run it with a local environment",
            settings.env_name.value
        )
    })?;
    let started = Instant::now();
    let start = match args.start {
        Some(day) => day.and_time(NaiveTime::MIN).and_utc(),
        None => (chrono::Utc::now().date_naive() - chrono::Days::new(u64::from(args.days)))
            .and_time(NaiveTime::MIN)
            .and_utc(),
    };

    ctx.printer.notice(format_args!(
        "1/5 sending {} events over {} days into the raw area, like Firehose",
        args.events, args.days
    ));
    let source = synthetic(SynthOptions {
        count: args.events,
        start,
        days: args.days,
        seed: args.seed,
        bad_fraction: 0.002,
    });
    let sent = deliver_all(ctx, backend.delivery.as_ref(), source, Some(args.events), None, 0, None).await?;
    super::record_send(&backend, sent.sent, &sent.report, sent.malformed);
    ctx.printer.notice(format_args!(
        "    {} events in {} objects, {} deliberately malformed",
        sent.sent,
        sent.report.objects.len(),
        sent.malformed
    ));

    ctx.printer.notice("2/5 transforming raw objects into Parquet partitions");
    let lake = Lake::from_settings(&settings)?;
    let mut objects = Vec::new();
    for offset in 0..=args.days {
        let day = start.date_naive() + chrono::Days::new(u64::from(offset));
        objects.extend(
            crate::pipeline::RawArea::from_settings(&settings)?
                .list_day(backend.objects.as_ref(), day)
                .await?,
        );
    }
    let progress = ctx.printer.progress(
        objects.len() as u64,
        "{spinner:.cyan} transforming [{bar:30}] {pos}/{len} objects eta {eta}",
    );
    let transform_started = Instant::now();
    let results =
        transform_objects(backend.objects.clone(), &lake, &objects, crate::cores(), true, None, |_, _| {
            progress.inc(1)
        })
        .await;
    progress.finish_and_clear();
    super::record_transform(&backend, "transform", &results, transform_started.elapsed().as_secs_f64());
    let summary = summary_table(&results, transform_started.elapsed().as_secs_f64());
    let row = &summary.rows[0];
    ctx.printer.notice(format_args!(
        "    {} events out, {} quarantined with their reasons under errors/, {} objects",
        row[4], row[5], row[0]
    ));

    ctx.printer.notice("3/5 crawling the lake into the local catalog");
    let request = CrawlRequest {
        environment: settings.env_name.value.clone(),
        database: settings.glue_database.value.clone(),
        table: settings.glue_table.value.clone(),
        lake: area_location(&settings, Area::Transformed).ok(),
        crawler: None,
        wait: true,
        timeout: std::time::Duration::MAX,
    };
    let changes = {
        let reporter = ctx.printer.reporter("crawling");
        backend.catalog.crawl(&request, &reporter).await?.unwrap_or_default()
    };
    super::record_crawl(&backend, &changes);
    ctx.printer.notice(format_args!("    {} catalog changes", changes.len()));

    ctx.printer.notice("4/5 compacting each day's files into one, sorted by event time");
    let request = CompactRequest {
        database: settings.glue_database.value.clone(),
        table: settings.glue_table.value.clone(),
        days: Some((start.date_naive(), start.date_naive() + chrono::Days::new(u64::from(args.days)))),
        target_bytes: 128 << 20,
        row_group_rows: ROW_GROUP_ROWS,
        grace: chrono::Duration::hours(1),
        dry_run: false,
        now: chrono::Utc::now(),
    };
    let compacted = super::compact::compact_with_spinner(ctx, &backend, &lake, &request).await?;
    ctx.printer.notice(format_args!(
        "    {} days, {} files -> {}",
        compacted.days.len(),
        compacted.days.iter().map(|d| d.files_before).sum::<usize>(),
        compacted.days.iter().map(|d| d.files_after).sum::<usize>()
    ));

    ctx.printer.notice("5/5 running the example queries");
    let prices = Prices::from_settings(&settings);
    for (title, sql) in QUERIES {
        let request = QueryRequest {
            sql: sql.to_string(),
            database: settings.glue_database.value.clone(),
            params: Vec::new(),
            workgroup: settings.athena_workgroup.value.clone(),
        };
        let mut collect = Collect::default();
        let stats = backend.query.execute(&request, &mut collect).await?;
        backend
            .metrics
            .record("query", &[("bytes_scanned", stats.bytes_scanned as f64), ("rows", stats.rows as f64)]);
        ctx.printer.notice(format_args!("\n{title}"));
        ctx.printer.print_table(&collect.table)?;
        ctx.printer.notice(super::query::statistics_line(&stats, &prices));
    }
    ctx.printer.notice(format_args!(
        "\ndone in {:.1} s; data in {}. Try next:\n  bdctl query \"SELECT device, count(*) FROM events GROUP BY device\"\n  bdctl partitions list\n  bdctl compact --dry-run\n  bdctl backfill --from {} --dry-run\n  bdctl config show",
        started.elapsed().as_secs_f64(),
        settings.data_dir.value.display(),
        start.date_naive()
    ));
    Ok(())
}
