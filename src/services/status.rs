//! Is data flowing? The newest raw and transformed days, the catalog's newest partition, the
//! last crawl, the last day's activity and the cost, each as one row, and the problems that
//! make the verdict.

use anyhow::Result;
use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::backend::{Backend, CostReport, CostRequest, ObjectInfo, Resource, Silent, TableLookup};
use crate::error::is_not_supported;
use crate::layout::{Area, area_location, day_partition};
use crate::pipeline::RawArea;
use crate::settings::Settings;

/// A value of a status row, typed so that each output format shows it its own way.
#[derive(Debug, Clone, PartialEq)]
pub enum StatusValue {
    None,
    Text(String),
    Count(f64),
    Bytes(f64),
    Usd(f64),
    Time(DateTime<Utc>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct StatusRow {
    pub check: &'static str,
    pub value: StatusValue,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StatusReport {
    pub rows: Vec<StatusRow>,
    /// What needs attention; empty when data is flowing.
    pub problems: Vec<String>,
}

impl StatusReport {
    fn row(&mut self, check: &'static str, value: StatusValue, detail: impl Into<String>) {
        self.rows.push(StatusRow { check, value, detail: detail.into() });
    }
}

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

pub async fn status(settings: &Settings, backend: &Backend, lookback_days: u32) -> Result<StatusReport> {
    let mut report = StatusReport { rows: Vec::new(), problems: Vec::new() };
    let now = Utc::now();
    ingest_row(settings, backend, &mut report).await;
    lake_rows(settings, backend, lookback_days, now, &mut report).await?;
    catalog_rows(settings, backend, &mut report).await?;
    activity_rows(backend, &mut report).await;
    cost_rows(settings, backend, &mut report).await;
    Ok(report)
}

/// How events come in: straight into Firehose, or through the data stream that feeds it.
async fn ingest_row(settings: &Settings, backend: &Backend, report: &mut StatusReport) {
    let Some(firehose) = &settings.firehose_stream.value else { return };
    match backend.platform.describe(&Resource::DeliveryStream(firehose.clone())).await {
        Ok(state) => {
            let path = match &state.reads_from {
                Some(stream) => format!("Kinesis stream {stream} → Firehose {firehose}"),
                None => format!("Firehose {firehose} (direct puts)"),
            };
            if state.reads_from.is_some() && state.reads_from != settings.kinesis_stream.value {
                report.problems.push(format!(
                    "Firehose {firehose} reads Kinesis stream {}: set kinesis_stream and send with --stream",
                    state.reads_from.clone().unwrap_or_default()
                ));
            }
            report.row("ingest", StatusValue::Text(path), state.detail);
        }
        Err(err) if is_not_supported(&err) => {}
        Err(err) => report.row("ingest", StatusValue::None, crate::error::message(&err)),
    }
}

/// The newest raw and transformed days and the lag between them.
async fn lake_rows(
    settings: &Settings,
    backend: &Backend,
    lookback_days: u32,
    now: DateTime<Utc>,
    report: &mut StatusReport,
) -> Result<()> {
    let raw = RawArea::from_settings(settings)?;
    let newest_raw = newest_day(backend, &raw.location.bucket, |d| raw.day_prefix(d), lookback_days).await?;
    let newest_object: Option<DateTime<Utc>> =
        newest_raw.as_ref().and_then(|(_, objects)| objects.iter().filter_map(|o| o.last_modified).max());
    match (&newest_raw, newest_object) {
        (Some((day, objects)), Some(time)) => {
            let age = now - time;
            report.row(
                "newest raw partition",
                StatusValue::Text(day.to_string()),
                format!("{} objects", objects.len()),
            );
            report.row("newest raw object", StatusValue::Time(time), format!("{} ago", hours(age)));
            if age > Duration::minutes(i64::from(settings.status_max_raw_age_minutes.value)) {
                report.problems.push(format!(
                    "no raw data for {} (threshold {} min)",
                    hours(age),
                    settings.status_max_raw_age_minutes.value
                ));
            }
        }
        _ => {
            report.row(
                "newest raw partition",
                StatusValue::None,
                format!("none in the last {lookback_days} days"),
            );
            report.problems.push(format!("no raw data in the last {lookback_days} days"));
        }
    }

    let transformed = area_location(settings, Area::Transformed)?;
    let newest_transformed = newest_day(
        backend,
        &transformed.bucket,
        |d| format!("{}{}", transformed.prefix, day_partition(d)),
        lookback_days,
    )
    .await?;
    match &newest_transformed {
        Some((day, objects)) => report.row(
            "newest transformed partition",
            StatusValue::Text(day.to_string()),
            format!("{} files", objects.len()),
        ),
        None => report.row("newest transformed partition", StatusValue::None, "none"),
    }
    if let Some((raw_day, _)) = &newest_raw {
        let lag = match &newest_transformed {
            Some((day, _)) => (*raw_day - *day).max(Duration::zero()),
            None => Duration::days(i64::from(lookback_days) + 1),
        };
        report.row(
            "transform lag",
            StatusValue::Text(format!("{} days", lag.num_days())),
            "newest raw day minus newest transformed day",
        );
        if lag > Duration::hours(i64::from(settings.status_max_lag_hours.value)) {
            report.problems.push(format!("transformed data is {} days behind raw data", lag.num_days()));
        }
    }
    Ok(())
}

/// The catalog's newest partition, and the crawler's last crawl where the catalog has one.
async fn catalog_rows(settings: &Settings, backend: &Backend, report: &mut StatusReport) -> Result<()> {
    let (database, table) = (&settings.glue_database.value, &settings.glue_table.value);
    match backend.catalog.lookup_table(database, table).await? {
        TableLookup::Found(_) => {
            let partitions = backend.catalog.list_partitions(database, table).await?;
            let newest = partitions.last().map(|p| p.values.join("-"));
            report.row(
                "catalog newest partition",
                newest.map_or(StatusValue::None, StatusValue::Text),
                format!("{} partitions", partitions.len()),
            );
        }
        _ => report.row("catalog newest partition", StatusValue::None, "no table yet (bdctl crawl)"),
    }
    if let Some(crawler) = &settings.glue_crawler.value {
        match backend.catalog.crawler_status(crawler).await {
            Ok(status) => report.row(
                "last crawl",
                status.last_status.clone().map_or(StatusValue::None, StatusValue::Text),
                format!(
                    "crawler {crawler} is {}{}",
                    status.state,
                    status.last_error.map(|e| format!(": {e}")).unwrap_or_default()
                ),
            ),
            Err(err) if is_not_supported(&err) => {}
            Err(err) => report.row("last crawl", StatusValue::None, crate::error::message(&err)),
        }
    }
    Ok(())
}

/// The day's headline metrics. A metric that cannot be read is shown, not counted against the
/// verdict.
async fn activity_rows(backend: &Backend, report: &mut StatusReport) {
    let headline = backend.metrics.headline();
    let specs: Vec<_> = headline.iter().map(|(_, spec)| spec.clone()).collect();
    let end = Utc::now();
    match backend.metrics.series(&specs, end - Duration::hours(24), end, 3600).await {
        Ok(series) => {
            for ((label, _), series) in headline.iter().zip(series) {
                let total: f64 = series.points.iter().map(|(_, v)| v).sum();
                let value = if label.starts_with("bytes") {
                    StatusValue::Bytes(total)
                } else {
                    StatusValue::Count(total)
                };
                report.row(label, value, String::new());
            }
        }
        Err(err) => report.row("activity (24 h)", StatusValue::None, crate::error::message(&err)),
    }
}

/// Today's and the month's cost (Cost Explorer, through the cache `bdctl costs` keeps), or what
/// the lake would cost a month on AWS. A cost that cannot be read is shown, not counted against
/// the verdict.
async fn cost_rows(settings: &Settings, backend: &Backend, report: &mut StatusReport) {
    let today = Utc::now().date_naive();
    let answer = match super::costs::month_to_date_query(settings, today) {
        Ok(query) => {
            let request = CostRequest { query, refresh: false, forecast: None };
            backend.costs.report(&request, &Silent).await
        }
        Err(err) => Err(err),
    };
    match answer {
        Ok(CostReport::Billed { lines, cached_at, .. }) => {
            let today_text = today.to_string();
            let unit = lines.first().map_or("USD", |l| l.unit.as_str()).to_string();
            let month: f64 = lines.iter().map(|l| l.amount).sum();
            let day: f64 = lines.iter().filter(|l| l.period_start == today_text).map(|l| l.amount).sum();
            let source = match &cached_at {
                Some(at) => format!("{unit}, Cost Explorer, cached {at}"),
                None => format!("{unit}, Cost Explorer"),
            };
            report.row("cost today", StatusValue::Usd((day * 100.0).round() / 100.0), source.clone());
            report.row("cost month to date", StatusValue::Usd((month * 100.0).round() / 100.0), source);
        }
        Ok(CostReport::Estimated { monthly_usd, .. }) => report.row(
            "cost per month on AWS",
            StatusValue::Usd((monthly_usd * 1e6).round() / 1e6),
            "USD, estimated for this volume (bdctl costs itemizes it)",
        ),
        Err(err) => report.row("cost", StatusValue::None, crate::error::message(&err)),
    }
}
