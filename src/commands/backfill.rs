//! `bdctl backfill`: re-process a range of days, safely re-runnable.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use anyhow::{Result, anyhow};
use serde_json::Value;

use super::Context;
use super::remote::{self, RemoteWork};
use super::results::warn_failures;
use crate::backend::ObjectInfo;
use crate::cli::{BackfillArgs, Remote};
use crate::error::{StopRequest, usage};
use crate::layout::STATE_PREFIX;
use crate::output::Table;
use crate::pipeline::{
    Lake, ObjectOutcome, PARTITIONS_KEY, RawArea, completed, output_days, record_partitions,
    transform_objects,
};
use crate::pricing::Prices;
use crate::services::backfill::{DayPlan, DayTotals, plan, totals};

pub async fn run(ctx: &Context, args: BackfillArgs) -> Result<()> {
    // Planning and remote runs stop at once on Ctrl-C or SIGTERM; a local run, once started,
    // finishes the objects in flight and reports (see `transform_objects`).
    let stop = StopRequest::listen();
    let mut stopped = stop.clone();
    let graceful = AtomicBool::new(false);
    tokio::select! {
        result = backfill(ctx, args, &stop, &graceful) => result,
        () = async {
            stopped.wait().await;
            if graceful.load(Ordering::SeqCst) {
                std::future::pending::<()>().await;
            }
        } => Err(crate::error::Interrupted.into()),
    }
}

async fn backfill(
    ctx: &Context,
    args: BackfillArgs,
    stop: &StopRequest,
    graceful: &AtomicBool,
) -> Result<()> {
    let to = args.to.unwrap_or_else(|| chrono::Utc::now().date_naive());
    if args.from > to {
        return Err(usage(format!("--from {} is after --to {to}", args.from)));
    }
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    remote::check_backend(&backend, args.run_on.remote)?;
    let raw = RawArea::from_settings(&settings)?;
    // bdctl's function and Spark job write manifests as the local transform does, so a remote
    // backfill skips what is complete too, and resumes where an interrupted one stopped; without
    // a transformed bucket configured, every object is to do.
    let lake = match args.run_on.remote {
        None => Some(Lake::from_settings(&settings)?),
        Some(_) => Lake::from_settings(&settings).ok(),
    };
    let store = backend.objects.clone();

    let spinner = ctx.printer.spinner("planning");
    let plan = plan(store.as_ref(), &raw, lake.as_ref(), args.from, to, args.force, |day| {
        spinner.set_message(format!("planning {day}"))
    })
    .await;
    spinner.finish_and_clear();
    let plan = plan?;
    let pending: Vec<ObjectInfo> = plan.iter().flat_map(|p| p.pending().cloned()).collect();
    let prices = Prices::from_settings(&settings);
    if args.dry_run {
        // Priced wherever the platform has compute to run it on.
        let costs = (args.run_on.remote.is_some() || backend.jobs.check_available().is_ok()).then(|| {
            let work: Vec<(u64, u64)> = plan
                .iter()
                .map(|day| {
                    let pending: Vec<&ObjectInfo> = day.pending().collect();
                    (pending.len() as u64, pending.iter().map(|o| o.size).sum())
                })
                .collect();
            remote::engine_costs(&prices, &work, usize::from(args.days_per_run))
        });
        ctx.printer.print_table(&plan_table(&plan, costs.as_ref()))?;
        if let Some(costs) = &costs {
            ctx.printer.notice(remote::cost_summary(costs, args.run_on.remote));
            ctx.printer.notice(remote::cost_assumptions(&prices));
        }
        return Ok(());
    }
    let jobs = args.run_on.jobs.map_or_else(crate::cores, usize::from);
    if let Some(remote) = args.run_on.remote {
        let glue_runs = glue_runs(&plan, usize::from(args.days_per_run));
        let work = RemoteWork {
            glue_runs,
            objects: pending,
            bucket: raw.location.bucket.clone(),
            per_object: false,
            // The function's answers make the transform's summary; after Spark runs, the
            // manifests they wrote make the local backfill's.
            summary_follows: remote != Remote::Lambda && lake.is_some(),
        };
        let started = Instant::now();
        remote::dispatch(ctx, &backend, &settings, remote, &work, jobs, args.run_on.timeout).await?;
        let Some(lake) = lake.filter(|_| work.summary_follows) else { return Ok(()) };
        let mut results = Vec::new();
        for object in &work.objects {
            let outcome = match completed(store.as_ref(), &lake, object).await? {
                Some(manifest) => Ok(ObjectOutcome {
                    manifest,
                    damaged: None,
                    skipped: false,
                    elapsed: std::time::Duration::ZERO,
                }),
                None => Err(anyhow!("the remote run left no manifest: not transformed completely")),
            };
            results.push((object.clone(), outcome));
        }
        let failures = warn_failures(ctx, &results);
        let (per_day, all) = totals(&plan, &results);
        ctx.printer.print_table(&result_table(&per_day, &all, started.elapsed().as_secs_f64()))?;
        if failures > 0 {
            return Err(anyhow!(
                "{failures} of {} objects were not transformed completely by the remote runs; run the backfill again",
                results.len()
            ));
        }
        return Ok(());
    }
    let Some(lake) = lake else { return Err(anyhow!("no output locations for a local run")) };
    if args.force && !pending.is_empty() {
        let question = format!("transform {} objects again and overwrite their outputs", pending.len());
        if !ctx.printer.confirm(&question)? {
            return Err(anyhow!("cancelled"));
        }
    }

    let total_bytes: u64 = pending.iter().map(|o| o.size).sum();
    let progress = ctx.printer.progress(
        total_bytes,
        "{spinner:.cyan} backfill [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta} {msg}",
    );
    let started = Instant::now();
    let mut done_objects = 0u64;
    let mut events = 0u64;
    graceful.store(true, Ordering::SeqCst);
    let results =
        transform_objects(store.clone(), &lake, &pending, jobs, !args.force, Some(stop), |object, result| {
            done_objects += 1;
            if let Ok(outcome) = result {
                events += outcome.manifest.events_out;
            }
            progress.inc(object.size);
            let rate = events as f64 / started.elapsed().as_secs_f64().max(1e-3);
            progress.set_message(format!("{done_objects}/{} objects, {rate:.0} events/s", pending.len()));
        })
        .await;
    progress.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    super::record_transform(&backend, "backfill", &results, seconds);

    let failures = warn_failures(ctx, &results);
    let days_with_data = output_days(&results);
    if !args.no_register && !days_with_data.is_empty() {
        let added = record_partitions(store.as_ref(), &lake, &days_with_data).await?;
        ctx.printer.notice(format_args!(
            "{added} new date partitions recorded in {}{STATE_PREFIX}{PARTITIONS_KEY}",
            if lake.state.bucket.is_empty() { String::new() } else { format!("s3://{}/", lake.state.bucket) }
        ));
    }
    let written: std::collections::BTreeSet<chrono::NaiveDate> =
        days_with_data.iter().filter_map(|d| d.parse().ok()).collect();
    super::refresh_compacted(ctx, &backend, &settings, Some(&written)).await?;
    let (per_day, all) = totals(&plan, &results);
    ctx.printer.print_table(&result_table(&per_day, &all, seconds))?;
    if stop.requested() {
        ctx.printer.warn(format_args!(
            "interrupted: {} of {} objects transformed, every one complete; the same backfill again transforms the other {}",
            results.len(),
            pending.len(),
            pending.len() - results.len()
        ));
        return Err(crate::error::Interrupted.into());
    }
    if failures > 0 {
        return Err(anyhow!(
            "{failures} of {} objects were not transformed completely; run the backfill again after fixing them",
            results.len()
        ));
    }
    Ok(())
}

/// One Glue run per `days_per_run` days that have objects to transform: (what it covers, its
/// arguments). Days already complete start no run.
fn glue_runs(plan: &[DayPlan], days_per_run: usize) -> Vec<(String, Vec<(String, String)>)> {
    let days: Vec<String> =
        plan.iter().filter(|p| p.pending().next().is_some()).map(|p| p.day.to_string()).collect();
    days.chunks(days_per_run.max(1))
        .map(|chunk| {
            let scope = match chunk {
                [only] => only.clone(),
                [first, .., last] => format!("{first}..{last} ({} days)", chunk.len()),
                [] => String::new(),
            };
            (scope, vec![("--date".to_string(), chunk.join(","))])
        })
        .collect()
}

fn plan_table(plan: &[DayPlan], costs: Option<&remote::EngineCosts>) -> Table {
    let mut columns = vec!["day", "objects", "bytes", "complete", "to_transform", "bytes_to_transform"];
    if costs.is_some() {
        columns.extend(["lambda_usd", "glue_usd", "emr_serverless_usd"]);
    }
    let mut table = Table::new(columns);
    for (index, day) in plan.iter().enumerate() {
        let pending: Vec<&ObjectInfo> = day.pending().collect();
        let pending_bytes: u64 = pending.iter().map(|o| o.size).sum();
        let mut row: Vec<Value> = vec![
            day.day.to_string().into(),
            (day.objects.len() as u64).into(),
            day.objects.iter().map(|o| o.size).sum::<u64>().into(),
            ((day.objects.len() - pending.len()) as u64).into(),
            (pending.len() as u64).into(),
            pending_bytes.into(),
        ];
        if let Some(costs) = costs {
            row.extend(costs.per_day[index].iter().map(|cost| Value::from((cost * 1e6).round() / 1e6)));
        }
        table.push(row);
    }
    table
}

fn result_table(per_day: &[(String, DayTotals)], all: &DayTotals, seconds: f64) -> Table {
    let mut table = Table::new([
        "day",
        "objects",
        "skipped",
        "transformed",
        "failed",
        "events_in",
        "events_out",
        "quarantined",
        "bytes",
        "seconds",
    ]);
    let row = |day: &str, t: &DayTotals, seconds: Value| -> Vec<Value> {
        vec![
            day.into(),
            t.objects.into(),
            t.skipped.into(),
            t.transformed.into(),
            t.failed.into(),
            t.events_in.into(),
            t.events_out.into(),
            t.quarantined.into(),
            t.bytes.into(),
            seconds,
        ]
    };
    for (day, totals) in per_day {
        table.push(row(day, totals, Value::Null));
    }
    table.push(row("total", all, Value::from((seconds * 100.0).round() / 100.0)));
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(d: u32, objects: &[&str], complete: &[&str]) -> DayPlan {
        DayPlan {
            day: NaiveDate::from_ymd_opt(2024, 6, d).unwrap(),
            objects: objects
                .iter()
                .map(|k| ObjectInfo { key: k.to_string(), size: 1, last_modified: None })
                .collect(),
            complete: complete.iter().map(|k| k.to_string()).collect(),
        }
    }

    #[test]
    fn glue_runs_cover_the_days_left_to_do_in_chunks() {
        let plan = [
            day(1, &["a"], &[]),
            day(2, &["b"], &["b"]),
            day(3, &[], &[]),
            day(4, &["c", "d"], &["c"]),
            day(5, &["e"], &[]),
        ];
        let runs = glue_runs(&plan, 2);
        let args: Vec<(&str, &str)> =
            runs.iter().map(|(scope, a)| (scope.as_str(), a[0].1.as_str())).collect();
        assert_eq!(
            args,
            [("2024-06-01..2024-06-04 (2 days)", "2024-06-01,2024-06-04"), ("2024-06-05", "2024-06-05")]
        );
        assert_eq!(glue_runs(&plan, 1).len(), 3);
    }
}
