//! `bdctl backfill`: re-process a range of days, safely re-runnable.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use anyhow::{Context as _, Result, anyhow};
use chrono::NaiveDate;
use serde_json::Value;

use super::Context;
use super::remote;
use super::transform::default_jobs;
use crate::backend::{ObjectInfo, ObjectStore};
use crate::cli::{BackfillArgs, Remote};
use crate::error::StopRequest;
use crate::error::usage;
use crate::layout::STATE_PREFIX;
use crate::output::Table;
use crate::pipeline::{Lake, ObjectOutcome, PARTITIONS_KEY, RawArea, record_partitions, transform_objects};
use crate::pricing::Prices;

struct DayPlan {
    day: NaiveDate,
    objects: Vec<ObjectInfo>,
    complete: BTreeSet<String>,
}

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
    // Remote runs write no outputs of bdctl's and need no output locations.
    let lake = if args.run_on.remote.is_none() { Some(Lake::from_settings(&settings)?) } else { None };
    let store = backend.objects.clone();

    let spinner = ctx.printer.spinner("planning");
    let mut plan = Vec::new();
    let mut day = args.from;
    while day <= to {
        spinner.set_message(format!("planning {day}"));
        let objects = raw.list_day(store.as_ref(), day).await?;
        // Remote runs do not leave bdctl's manifests: they transform every object of the range.
        let complete = match &lake {
            Some(lake) if !args.force && !objects.is_empty() => {
                completed_keys(store.as_ref(), lake, &raw.day_prefix(day)).await?
            }
            _ => BTreeSet::new(),
        };
        plan.push(DayPlan { day, objects, complete });
        day = day.succ_opt().context("date out of range")?;
    }
    spinner.finish_and_clear();

    let pending: Vec<ObjectInfo> = plan
        .iter()
        .flat_map(|p| p.objects.iter().filter(|o| !p.complete.contains(&o.key)).cloned())
        .collect();
    if args.dry_run {
        ctx.printer.print_table(&plan_table(&plan, args.run_on.remote, &Prices::from_settings(&settings)))?;
        if args.run_on.remote.is_some() {
            ctx.printer.notice(remote::cost_assumptions(&Prices::from_settings(&settings)));
        }
        return Ok(());
    }
    let jobs = args.run_on.jobs.map_or_else(default_jobs, usize::from);
    match args.run_on.remote {
        Some(Remote::Glue) => {
            return backfill_glue(ctx, &backend, &settings, &plan, jobs, args.run_on.timeout).await;
        }
        Some(Remote::Lambda) => {
            let function = remote::lambda_function(&settings)?;
            let results = remote::invoke_lambda(
                ctx,
                &backend,
                &settings,
                &function,
                &raw.location.bucket,
                &pending,
                jobs,
            )
            .await?;
            let mut table = Table::new(["objects", "invoked"]);
            table.push(vec![(pending.len() as u64).into(), (results.len() as u64).into()]);
            ctx.printer.print_table(&table)?;
            return Ok(());
        }
        None => {}
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
    super::record_transform(backend.metrics.as_ref(), &results, seconds);

    let mut failures = 0;
    let mut days_with_data = BTreeSet::new();
    for (object, result) in &results {
        match result {
            Ok(outcome) => {
                days_with_data.extend(outcome.manifest.outputs.iter().map(|o| o.day.clone()));
                if let Some(why) = &outcome.damaged {
                    failures += 1;
                    ctx.printer.warn(format_args!("{} is damaged: {why}", object.key));
                }
            }
            Err(err) => {
                failures += 1;
                ctx.printer.warn(format_args!(
                    "{}: {}",
                    object.key,
                    crate::error::render(err).trim_start_matches("error: ")
                ));
            }
        }
    }
    if !args.no_register && !days_with_data.is_empty() {
        let added = record_partitions(store.as_ref(), &lake, &days_with_data).await?;
        ctx.printer.notice(format_args!(
            "{added} new date partitions recorded in {}{STATE_PREFIX}{PARTITIONS_KEY}",
            if lake.state.bucket.is_empty() { String::new() } else { format!("s3://{}/", lake.state.bucket) }
        ));
    }
    ctx.printer.print_table(&result_table(&plan, &results, seconds))?;
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

/// Raw keys under a day prefix whose manifest exists.
async fn completed_keys(store: &dyn ObjectStore, lake: &Lake, day_prefix: &str) -> Result<BTreeSet<String>> {
    let manifests = format!("{}manifests/{day_prefix}", lake.state.prefix);
    let listed = store.list(&lake.state.bucket, &manifests).await?;
    let strip = format!("{}manifests/", lake.state.prefix);
    Ok(listed
        .into_iter()
        .filter_map(|o| o.key.strip_prefix(&strip).and_then(|k| k.strip_suffix(".json")).map(str::to_string))
        .collect())
}

/// One Glue job run per day that has raw objects, `jobs` runs at a time.
async fn backfill_glue(
    ctx: &Context,
    backend: &crate::backend::Backend,
    settings: &crate::settings::Settings,
    plan: &[DayPlan],
    jobs: usize,
    timeout: std::time::Duration,
) -> Result<()> {
    use futures::StreamExt;
    let job = remote::glue_job(settings)?;
    let days: Vec<NaiveDate> = plan.iter().filter(|p| !p.objects.is_empty()).map(|p| p.day).collect();
    let mut running = futures::stream::iter(days.iter().map(|day| {
        let job = job.clone();
        async move {
            let arguments = [("--date".to_string(), day.to_string())];
            (*day, remote::run_glue_job(ctx, backend, &job, &arguments, timeout).await)
        }
    }))
    .buffer_unordered(jobs.max(1));
    let mut table = Table::new(["day", "run_id", "state", "seconds", "dpu_seconds"]);
    let mut first_error = None;
    while let Some((day, result)) = running.next().await {
        match result {
            Ok(run) => table.push(vec![
                day.to_string().into(),
                run.id.into(),
                run.state.into(),
                run.execution_seconds.map_or(Value::Null, Value::from),
                run.dpu_seconds.map_or(Value::Null, Value::from),
            ]),
            Err(err) => {
                ctx.printer.warn(format_args!(
                    "{day}: {}",
                    crate::error::render(&err).trim_start_matches("error: ")
                ));
                first_error.get_or_insert(err);
            }
        }
    }
    table.rows.sort_by(|a, b| a[0].as_str().cmp(&b[0].as_str()));
    ctx.printer.print_table(&table)?;
    match first_error {
        Some(err) => Err(err),
        None => Ok(()),
    }
}

fn plan_table(plan: &[DayPlan], remote_run: Option<Remote>, prices: &Prices) -> Table {
    let mut columns = vec!["day", "objects", "bytes", "complete", "to_transform", "bytes_to_transform"];
    if remote_run.is_some() {
        columns.push("est_cost_usd");
    }
    let mut table = Table::new(columns);
    for day in plan {
        let pending: Vec<&ObjectInfo> =
            day.objects.iter().filter(|o| !day.complete.contains(&o.key)).collect();
        let pending_bytes: u64 = pending.iter().map(|o| o.size).sum();
        let mut row: Vec<Value> = vec![
            day.day.to_string().into(),
            (day.objects.len() as u64).into(),
            day.objects.iter().map(|o| o.size).sum::<u64>().into(),
            ((day.objects.len() - pending.len()) as u64).into(),
            (pending.len() as u64).into(),
            pending_bytes.into(),
        ];
        if let Some(remote_run) = remote_run {
            let cost = if pending.is_empty() {
                0.0
            } else {
                remote::estimated_cost(prices, remote_run, pending.len() as u64, pending_bytes)
            };
            row.push(Value::from((cost * 10_000.0).round() / 10_000.0));
        }
        table.push(row);
    }
    table
}

fn result_table(plan: &[DayPlan], results: &[(ObjectInfo, Result<ObjectOutcome>)], seconds: f64) -> Table {
    #[derive(Default)]
    struct Totals {
        objects: u64,
        skipped: u64,
        transformed: u64,
        failed: u64,
        events_in: u64,
        events_out: u64,
        quarantined: u64,
        bytes: u64,
    }
    let mut per_day: BTreeMap<String, Totals> = BTreeMap::new();
    let day_of: BTreeMap<&str, String> = plan
        .iter()
        .flat_map(|p| p.objects.iter().map(move |o| (o.key.as_str(), p.day.to_string())))
        .collect();
    for day in plan {
        let totals = per_day.entry(day.day.to_string()).or_default();
        totals.objects = day.objects.len() as u64;
        totals.skipped = day.complete.len() as u64;
    }
    for (object, result) in results {
        let Some(day) = day_of.get(object.key.as_str()) else {
            continue;
        };
        let totals = per_day.entry(day.clone()).or_default();
        totals.bytes += object.size;
        match result {
            Ok(outcome) if outcome.skipped => totals.skipped += 1,
            Ok(outcome) => {
                totals.transformed += 1;
                totals.failed += u64::from(outcome.damaged.is_some());
                totals.events_in += outcome.manifest.records;
                totals.events_out += outcome.manifest.events_out;
                totals.quarantined += outcome.manifest.quarantined;
            }
            Err(_) => totals.failed += 1,
        }
    }
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
    let mut all = Totals::default();
    for (day, t) in &per_day {
        all.objects += t.objects;
        all.skipped += t.skipped;
        all.transformed += t.transformed;
        all.failed += t.failed;
        all.events_in += t.events_in;
        all.events_out += t.events_out;
        all.quarantined += t.quarantined;
        all.bytes += t.bytes;
        table.push(row(day.clone(), t, Value::Null));
    }
    table.push(row("total".into(), &all, Value::from((seconds * 100.0).round() / 100.0)));

    fn row(day: String, t: &Totals, seconds: Value) -> Vec<Value> {
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
    }
    table
}
