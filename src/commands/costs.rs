//! `bdctl costs`: what the platform costs (aws), or would cost (local).

use anyhow::{Context as _, Result};
use chrono::{Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::Context;
use crate::backend::{Area, Backend, CostLine, CostQuery, area_location, is_not_found};
use crate::cli::{CostsArgs, Granularity};
use crate::error::usage;
use crate::output::Table;
use crate::pipeline::{Lake, Manifest};
use crate::settings::{BackendKind, Settings};

/// The platform's services as Cost Explorer names them.
pub const PLATFORM_SERVICES: [&str; 6] = [
    "Amazon Athena",
    "AWS Glue",
    "AWS Lambda",
    "Amazon Simple Storage Service",
    "Amazon Kinesis Firehose",
    "AmazonCloudWatch",
];

#[derive(Serialize, Deserialize)]
struct Cached {
    /// RFC 3339.
    fetched_at: String,
    lines: Vec<CostLine>,
}

fn round2(value: f64) -> Value {
    Value::from((value * 100.0).round() / 100.0 + 0.0)
}

pub async fn run(ctx: &Context, args: CostsArgs) -> Result<()> {
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    match backend.kind {
        BackendKind::Aws => aws_costs(ctx, &settings, &backend, &args).await,
        BackendKind::Local => local_estimate(ctx, &settings, &backend).await,
    }
}

fn query_for(
    settings: &Settings,
    from: NaiveDate,
    to: NaiveDate,
    granularity: Granularity,
    group_by: &str,
    all_services: bool,
) -> Result<CostQuery> {
    if from > to {
        return Err(usage(format!("--from {from} is after --to {to}")));
    }
    let group_by = match group_by {
        "service" => ("DIMENSION".to_string(), "SERVICE".to_string()),
        "usage-type" => ("DIMENSION".to_string(), "USAGE_TYPE".to_string()),
        other => match other.strip_prefix("tag:") {
            Some(key) if !key.is_empty() => ("TAG".to_string(), key.to_string()),
            _ => return Err(usage(format!("--group-by {other}: use service, usage-type or tag:KEY"))),
        },
    };
    let tag = if all_services {
        None
    } else {
        settings
            .cost_tag
            .value
            .as_ref()
            .and_then(|t| t.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
    };
    let services = if all_services || tag.is_some() {
        Vec::new()
    } else {
        PLATFORM_SERVICES.iter().map(|s| s.to_string()).collect()
    };
    Ok(CostQuery {
        start: from.to_string(),
        end: (to + Duration::days(1)).to_string(),
        granularity: match granularity {
            Granularity::Daily => "DAILY".into(),
            Granularity::Monthly => "MONTHLY".into(),
        },
        group_by,
        services,
        tag,
    })
}

async fn aws_costs(ctx: &Context, settings: &Settings, backend: &Backend, args: &CostsArgs) -> Result<()> {
    let today = Utc::now().date_naive();
    let query = query_for(
        settings,
        args.from.unwrap_or_else(|| today.with_day(1).unwrap_or(today)),
        args.to.unwrap_or(today),
        args.granularity,
        &args.group_by,
        args.all_services,
    )?;
    let answer = cost_lines(ctx, settings, backend, &query, args.refresh).await?;
    if let Some(fetched_at) = &answer.cached_at {
        ctx.printer.notice(format_args!(
            "cached answer from {fetched_at} (--refresh asks Cost Explorer again, USD 0.01 a request)"
        ));
    }
    let lines = answer.lines;

    let mut table = Table::new(["period", "group", "amount", "unit", "estimated"]);
    let mut totals: std::collections::BTreeMap<String, f64> = std::collections::BTreeMap::new();
    let mut unit = "USD".to_string();
    for line in &lines {
        *totals.entry(line.period_start.clone()).or_default() += line.amount;
        unit = line.unit.clone();
        table.push(vec![
            line.period_start.clone().into(),
            line.group.clone().into(),
            round2(line.amount),
            line.unit.clone().into(),
            line.estimated.into(),
        ]);
    }
    for (period, total) in &totals {
        table.push(vec![
            period.clone().into(),
            "total".into(),
            round2(*total),
            unit.clone().into(),
            Value::Null,
        ]);
    }
    if args.forecast {
        let month_end = (today.with_day(1).unwrap_or(today) + chrono::Months::new(1)).to_string();
        let rest = CostQuery {
            start: (today + Duration::days(1)).to_string(),
            end: month_end.clone(),
            ..query.clone()
        };
        if rest.start >= rest.end {
            ctx.printer.notice("no forecast: the month ends today");
        } else {
            match backend.costs.forecast(&rest).await {
                Ok((amount, unit)) => table.push(vec![
                    format!("{} to {month_end}", rest.start).into(),
                    "forecast".into(),
                    round2(amount),
                    unit.into(),
                    true.into(),
                ]),
                Err(err) => ctx.printer.warn(format_args!(
                    "Cost Explorer cannot forecast this period: {}",
                    crate::error::render(&err).trim_start_matches("error: ")
                )),
            }
        }
    }
    ctx.printer.print_table(&table)?;
    if !ctx.printer.format().is_machine_readable() && !totals.is_empty() {
        let max = totals.values().cloned().fold(0.0_f64, f64::max).max(1e-9);
        for (period, total) in &totals {
            let width = ((total / max) * 40.0).round() as usize;
            ctx.printer.notice(format_args!("{period} {:<40} {total:.2} {unit}", "█".repeat(width)));
        }
    }
    Ok(())
}

/// Cost Explorer's lines for a query, from the cache in the data directory while it is fresh
/// (each request is billed USD 0.01).
pub struct CostAnswer {
    pub lines: Vec<CostLine>,
    /// When the answer came from the cache: when it was fetched (RFC 3339).
    pub cached_at: Option<String>,
}

pub async fn cost_lines(
    ctx: &Context,
    settings: &Settings,
    backend: &Backend,
    query: &CostQuery,
    refresh: bool,
) -> Result<CostAnswer> {
    let key = hex(&Sha256::digest(serde_json::to_vec(query)?)[..8]);
    let cache = settings.data_dir.value.join("cache").join(format!("costs-{key}.json"));
    let ttl = Duration::minutes(i64::from(settings.cost_cache_minutes.value));
    let cached: Option<Cached> = if refresh {
        None
    } else {
        std::fs::read(&cache).ok().and_then(|b| serde_json::from_slice(&b).ok()).filter(|c: &Cached| {
            c.fetched_at.parse::<chrono::DateTime<Utc>>().is_ok_and(|t| Utc::now() - t < ttl)
        })
    };
    if let Some(cached) = cached {
        return Ok(CostAnswer { lines: cached.lines, cached_at: Some(cached.fetched_at) });
    }
    let spinner = ctx.printer.spinner("asking Cost Explorer");
    let lines = backend.costs.cost_and_usage(query).await;
    spinner.finish_and_clear();
    let lines = lines?;
    let body = serde_json::to_vec(&Cached { fetched_at: Utc::now().to_rfc3339(), lines: lines.clone() })?;
    let path = cache.clone();
    tokio::task::spawn_blocking(move || crate::backend::local::write_private(&path, &body))
        .await?
        .with_context(|| format!("caching the answer in {}", cache.display()))?;
    Ok(CostAnswer { lines, cached_at: None })
}

/// The platform's daily costs by service from the first of the month to `today`: what
/// `bdctl costs` asks by default, so that both share the cached answer.
pub fn month_to_date_query(settings: &Settings, today: NaiveDate) -> Result<CostQuery> {
    query_for(settings, today.with_day(1).unwrap_or(today), today, Granularity::Daily, "service", false)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn local_estimate(ctx: &Context, settings: &Settings, backend: &Backend) -> Result<()> {
    let (table, monthly) = local_estimate_table(settings, backend).await?;
    ctx.printer.print_table(&table)?;
    ctx.printer.notice(format_args!(
        "about USD {monthly:.4} a month on AWS for this volume (unit prices from the price_* settings; storage and Athena only recur)"
    ));
    Ok(())
}

/// What the local lake's volume and recent queries would cost on AWS: the itemized table and
/// the recurring monthly total.
pub async fn local_estimate_table(settings: &Settings, backend: &Backend) -> Result<(Table, f64)> {
    const GB: f64 = 1024.0 * 1024.0 * 1024.0;
    let mut table = Table::new(["item", "quantity", "unit", "unit_price_usd", "usd", "basis"]);
    let mut monthly = 0.0;
    for area in [Area::Raw, Area::Transformed, Area::Errors, Area::Results] {
        let location = area_location(settings, area)?;
        let bytes: u64 =
            backend.objects.list(&location.bucket, &location.prefix).await?.iter().map(|o| o.size).sum();
        let gb = bytes as f64 / GB;
        let usd = gb * settings.price_s3_gb_month.value;
        monthly += usd;
        table.push(vec![
            format!("S3 storage: {}", area.name()).into(),
            Value::from((gb * 1e6).round() / 1e6),
            "GB".into(),
            settings.price_s3_gb_month.value.into(),
            Value::from((usd * 1e6).round() / 1e6),
            "per month".into(),
        ]);
    }
    // Firehose bills what it ingests: the uncompressed bytes the transform read.
    let lake = Lake::from_settings(settings)?;
    let mut ingested = 0u64;
    for object in
        backend.objects.list(&lake.state.bucket, &format!("{}manifests/", lake.state.prefix)).await?
    {
        if let Ok(body) = backend.objects.get(&lake.state.bucket, &object.key).await
            && let Ok(manifest) = serde_json::from_slice::<Manifest>(&body)
        {
            ingested += manifest.input_bytes;
        }
    }
    let gb = ingested as f64 / GB;
    table.push(vec![
        "Firehose ingestion of the transformed data".into(),
        Value::from((gb * 1e6).round() / 1e6),
        "GB".into(),
        settings.price_firehose_gb.value.into(),
        Value::from((gb * settings.price_firehose_gb.value * 1e6).round() / 1e6),
        "once, for the data in the lake".into(),
    ]);
    // Athena at what the local queries of the last 30 days scanned, at Athena's billing rules.
    let since = Utc::now() - Duration::days(30);
    let mut billed_mb = 0u64;
    let mut queries = 0u64;
    match backend.objects.get("", crate::backend::local::activity::ACTIVITY_LOG).await {
        Ok(log) => {
            for line in log.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
                let Ok(entry) = serde_json::from_slice::<Value>(line) else { continue };
                if entry["kind"] != "query" {
                    continue;
                }
                let recent = entry["time"]
                    .as_str()
                    .and_then(|t| t.parse::<chrono::DateTime<Utc>>().ok())
                    .is_some_and(|t| t > since);
                if recent {
                    queries += 1;
                    billed_mb +=
                        crate::pricing::athena_billed_mb(entry["bytes_scanned"].as_u64().unwrap_or(0));
                }
            }
        }
        Err(err) if is_not_found(&err) => {}
        Err(err) => return Err(err),
    }
    let tb = billed_mb as f64 / (1024.0 * 1024.0);
    let athena = tb * settings.price_athena_tb.value;
    monthly += athena;
    table.push(vec![
        format!(
            "Athena: the {queries} local {} of the last 30 days",
            if queries == 1 { "query" } else { "queries" }
        )
        .into(),
        Value::from((tb * 1e9).round() / 1e9),
        "TB".into(),
        settings.price_athena_tb.value.into(),
        Value::from((athena * 1e6).round() / 1e6),
        "per month".into(),
    ]);
    Ok((table, monthly))
}
