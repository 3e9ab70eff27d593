//! `bdctl status`: is data flowing?

use anyhow::{Result, anyhow};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde_json::Value;

use super::Context;
use crate::backend::{Area, Backend, MetricSpec, ObjectInfo, TableLookup, area_location};
use crate::cli::StatusArgs;
use crate::layout::day_partition;
use crate::output::{Table, number};
use crate::pipeline::RawArea;
use crate::settings::{BackendKind, Settings};

/// The newest day (from today back) whose prefix holds objects, with those objects.
async fn newest_day(
    backend: &Backend,
    bucket: &str,
    prefix_of: impl Fn(NaiveDate) -> String,
    lookback_days: u32,
) -> Result<Option<(NaiveDate, Vec<ObjectInfo>)>> {
    let today = Utc::now().date_naive();
    for back in 0..=i64::from(lookback_days) {
        let day = today - Duration::days(back);
        let objects = backend.objects.list(bucket, &prefix_of(day)).await?;
        if !objects.is_empty() {
            return Ok(Some((day, objects)));
        }
    }
    Ok(None)
}

fn hours(duration: Duration) -> String {
    let minutes = duration.num_minutes();
    if minutes < 120 { format!("{minutes} min") } else { format!("{:.1} h", minutes as f64 / 60.0) }
}

async fn last_day_sum(backend: &Backend, specs: Vec<MetricSpec>) -> Result<Vec<f64>> {
    let end = Utc::now();
    let series = backend.metrics.series(&specs, end - Duration::hours(24), end, 3600).await?;
    Ok(series.iter().map(|s| s.points.iter().map(|(_, v)| v).sum()).collect())
}

/// Today's and the month's cost on AWS (Cost Explorer, through the cache `bdctl costs` keeps);
/// on local, what the lake would cost a month on AWS. A cost that cannot be read is shown, not
/// counted against the verdict.
async fn cost_rows(ctx: &Context, settings: &Settings, backend: &Backend, table: &mut Table) {
    let round = |usd: f64| number((usd * 100.0).round() / 100.0);
    match backend.kind {
        BackendKind::Aws => {
            let today = Utc::now().date_naive();
            let answer = match super::costs::month_to_date_query(settings, today) {
                Ok(query) => super::costs::cost_lines(ctx, settings, backend, &query, false).await,
                Err(err) => Err(err),
            };
            match answer {
                Ok(answer) => {
                    let today_text = today.to_string();
                    let unit = answer.lines.first().map_or("USD", |l| l.unit.as_str()).to_string();
                    let month: f64 = answer.lines.iter().map(|l| l.amount).sum();
                    let day: f64 =
                        answer.lines.iter().filter(|l| l.period_start == today_text).map(|l| l.amount).sum();
                    let source = match &answer.cached_at {
                        Some(at) => format!("{unit}, Cost Explorer, cached {at}"),
                        None => format!("{unit}, Cost Explorer"),
                    };
                    table.push(vec!["cost today".into(), round(day), source.clone().into()]);
                    table.push(vec!["cost month to date".into(), round(month), source.into()]);
                }
                Err(err) => table.push(vec![
                    "cost month to date".into(),
                    Value::Null,
                    crate::error::message(&err).into(),
                ]),
            }
        }
        BackendKind::Local => match super::costs::local_estimate_table(settings, backend).await {
            Ok((_, monthly)) => table.push(vec![
                "cost per month on AWS".into(),
                number((monthly * 1e6).round() / 1e6),
                "USD, estimated for this volume (bdctl costs itemizes it)".into(),
            ]),
            Err(err) => table.push(vec![
                "cost per month on AWS".into(),
                Value::Null,
                crate::error::message(&err).into(),
            ]),
        },
    }
}

pub async fn run(ctx: &Context, args: StatusArgs) -> Result<()> {
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    let now = Utc::now();
    let mut table = Table::new(["check", "value", "detail"]);
    let mut problems: Vec<String> = Vec::new();
    let spinner = ctx.printer.spinner("looking at the lake");

    let raw = RawArea::from_settings(&settings)?;
    let newest_raw =
        newest_day(&backend, &raw.location.bucket, |d| raw.day_prefix(d), args.lookback_days).await?;
    let newest_object: Option<DateTime<Utc>> =
        newest_raw.as_ref().and_then(|(_, objects)| objects.iter().filter_map(|o| o.last_modified).max());
    match (&newest_raw, newest_object) {
        (Some((day, objects)), Some(time)) => {
            let age = now - time;
            table.push(vec![
                "newest raw partition".into(),
                day.to_string().into(),
                format!("{} objects", objects.len()).into(),
            ]);
            table.push(vec![
                "newest raw object".into(),
                time.to_rfc3339().into(),
                format!("{} ago", hours(age)).into(),
            ]);
            if age > Duration::minutes(i64::from(settings.status_max_raw_age_minutes.value)) {
                problems.push(format!(
                    "no raw data for {} (threshold {} min)",
                    hours(age),
                    settings.status_max_raw_age_minutes.value
                ));
            }
        }
        _ => {
            table.push(vec![
                "newest raw partition".into(),
                Value::Null,
                format!("none in the last {} days", args.lookback_days).into(),
            ]);
            problems.push(format!("no raw data in the last {} days", args.lookback_days));
        }
    }

    let transformed = area_location(&settings, Area::Transformed)?;
    let newest_transformed = newest_day(
        &backend,
        &transformed.bucket,
        |d| format!("{}{}", transformed.prefix, day_partition(d)),
        args.lookback_days,
    )
    .await?;
    match &newest_transformed {
        Some((day, objects)) => {
            table.push(vec![
                "newest transformed partition".into(),
                day.to_string().into(),
                format!("{} files", objects.len()).into(),
            ]);
        }
        None => table.push(vec!["newest transformed partition".into(), Value::Null, "none".into()]),
    }
    if let Some((raw_day, _)) = &newest_raw {
        let lag = match &newest_transformed {
            Some((day, _)) => (*raw_day - *day).max(Duration::zero()),
            None => Duration::days(i64::from(args.lookback_days) + 1),
        };
        table.push(vec![
            "transform lag".into(),
            format!("{} days", lag.num_days()).into(),
            "newest raw day minus newest transformed day".into(),
        ]);
        if lag > Duration::hours(i64::from(settings.status_max_lag_hours.value)) {
            problems.push(format!("transformed data is {} days behind raw data", lag.num_days()));
        }
    }

    match backend.catalog.lookup_table(&settings.glue_database.value, &settings.glue_table.value).await? {
        TableLookup::Found(_) => {
            let partitions = backend
                .catalog
                .list_partitions(&settings.glue_database.value, &settings.glue_table.value)
                .await?;
            let newest = partitions.last().map(|p| p.values.join("-"));
            table.push(vec![
                "catalog newest partition".into(),
                newest.map_or(Value::Null, Value::from),
                format!("{} partitions", partitions.len()).into(),
            ]);
        }
        _ => table.push(vec![
            "catalog newest partition".into(),
            Value::Null,
            "no table yet (bdctl crawl)".into(),
        ]),
    }
    if backend.kind == BackendKind::Aws
        && let Some(crawler) = &settings.glue_crawler.value
    {
        match backend.catalog.crawler_status(crawler).await {
            Ok(status) => table.push(vec![
                "last crawl".into(),
                status.last_status.clone().map_or(Value::Null, Value::from),
                format!(
                    "crawler {crawler} is {}{}",
                    status.state,
                    status.last_error.map(|e| format!(": {e}")).unwrap_or_default()
                )
                .into(),
            ]),
            Err(err) => {
                table.push(vec!["last crawl".into(), Value::Null, crate::error::message(&err).into()])
            }
        }
    }

    let activity = match backend.kind {
        BackendKind::Local => {
            let local = |name: &str| MetricSpec {
                service: "local".into(),
                namespace: crate::backend::local::activity::NAMESPACE.into(),
                name: name.into(),
                dimensions: vec![],
                stat: "Sum".into(),
            };
            last_day_sum(
                &backend,
                vec![local("EventsSent"), local("EventsQuarantined"), local("BytesScanned")],
            )
            .await
        }
        BackendKind::Aws => {
            let (specs, _) = super::metrics::aws_specs(&settings);
            let pick = |name: &str| specs.iter().find(|s| s.name == name).cloned();
            let wanted: Vec<MetricSpec> = [pick("IncomingRecords"), pick("Errors"), pick("ProcessedBytes")]
                .into_iter()
                .flatten()
                .collect();
            last_day_sum(&backend, wanted).await
        }
    };
    match activity {
        Ok(values) => {
            let labels = match backend.kind {
                BackendKind::Local => {
                    ["events sent (24 h)", "records quarantined (24 h)", "bytes scanned (24 h)"]
                }
                BackendKind::Aws => ["events in (24 h)", "transform errors (24 h)", "bytes scanned (24 h)"],
            };
            for (label, value) in labels.iter().zip(values) {
                let detail = if label.starts_with("bytes") {
                    Value::from(crate::pricing::human_bytes(value.max(0.0) as u64))
                } else {
                    Value::Null
                };
                table.push(vec![(*label).into(), number(value), detail]);
            }
        }
        Err(err) => {
            table.push(vec!["activity (24 h)".into(), Value::Null, crate::error::message(&err).into()])
        }
    }
    spinner.finish_and_clear();
    cost_rows(ctx, &settings, &backend, &mut table).await;

    let verdict = if problems.is_empty() { "data is flowing".to_string() } else { problems.join("; ") };
    table.push(vec![
        "verdict".into(),
        (if problems.is_empty() { "ok" } else { "attention" }).into(),
        verdict.clone().into(),
    ]);
    ctx.printer.print_table(&table)?;
    if !problems.is_empty() {
        return Err(anyhow!("{verdict}"));
    }
    Ok(())
}
