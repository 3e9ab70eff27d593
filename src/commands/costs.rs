//! `bdctl costs`: what the platform costs (aws), or would cost (local).

use anyhow::Result;
use chrono::{Datelike, Duration, Utc};
use serde_json::Value;

use super::Context;
use crate::backend::{CostItem, CostLine, CostQuery, CostReport, CostRequest};
use crate::cli::{CostsArgs, Granularity};
use crate::output::Table;
use crate::services::costs::cost_query;
use crate::settings::Settings;

fn round2(value: f64) -> Value {
    Value::from((value * 100.0).round() / 100.0 + 0.0)
}

pub async fn run(ctx: &Context, args: CostsArgs) -> Result<()> {
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    let request = request_for(&settings, &args)?;
    if args.forecast && request.forecast.is_none() {
        ctx.printer.notice("no forecast: the month ends today");
    }
    let report = {
        let reporter = ctx.printer.reporter("reading costs");
        backend.costs.report(&request, &reporter).await?
    };
    match report {
        CostReport::Billed { lines, cached_at, forecast } => {
            if let Some(fetched_at) = &cached_at {
                ctx.printer.notice(format_args!(
                    "cached answer from {fetched_at} (--refresh asks Cost Explorer again, USD 0.01 a request)"
                ));
            }
            print_billed(ctx, &lines, request.forecast.as_ref().zip(forecast))
        }
        CostReport::Estimated { items, monthly_usd } => {
            ctx.printer.print_table(&estimate_table(&items))?;
            ctx.printer.notice(format_args!(
                "about USD {monthly_usd:.4} a month on AWS for this volume (unit prices from the price_* settings; storage and Athena only recur)"
            ));
            Ok(())
        }
    }
}

/// The question the arguments ask: this month to today by default, and the rest of the month
/// with `--forecast`.
fn request_for(settings: &Settings, args: &CostsArgs) -> Result<CostRequest> {
    let today = Utc::now().date_naive();
    let granularity = match args.granularity {
        Granularity::Daily => "DAILY",
        Granularity::Monthly => "MONTHLY",
    };
    let query = cost_query(
        settings,
        args.from.unwrap_or_else(|| today.with_day(1).unwrap_or(today)),
        args.to.unwrap_or(today),
        granularity,
        &args.group_by,
        args.all_services,
    )?;
    let month_end = (today.with_day(1).unwrap_or(today) + chrono::Months::new(1)).to_string();
    let rest = CostQuery { start: (today + Duration::days(1)).to_string(), end: month_end, ..query.clone() };
    let forecast = (args.forecast && rest.start < rest.end).then_some(rest);
    Ok(CostRequest { query, refresh: args.refresh, forecast })
}

fn print_billed(
    ctx: &Context,
    lines: &[CostLine],
    forecast: Option<(&CostQuery, std::result::Result<(f64, String), String>)>,
) -> Result<()> {
    let mut table = Table::new(["period", "group", "amount", "unit", "estimated"]);
    let mut totals: std::collections::BTreeMap<String, f64> = std::collections::BTreeMap::new();
    let mut unit = "USD".to_string();
    for line in lines {
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
    match forecast {
        Some((rest, Ok((amount, unit)))) => table.push(vec![
            format!("{} to {}", rest.start, rest.end).into(),
            "forecast".into(),
            round2(amount),
            unit.into(),
            true.into(),
        ]),
        Some((_, Err(why))) => {
            ctx.printer.warn(format_args!("Cost Explorer cannot forecast this period: {why}"))
        }
        None => {}
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

fn estimate_table(items: &[CostItem]) -> Table {
    let mut table = Table::new(["item", "quantity", "unit", "unit_price_usd", "usd", "basis"]);
    for item in items {
        table.push(vec![
            item.item.clone().into(),
            Value::from(item.quantity),
            item.unit.into(),
            item.unit_price_usd.into(),
            Value::from(item.usd),
            item.basis.into(),
        ]);
    }
    table
}
