//! `bdctl transform`: the transform, in this process, over raw objects of the backend.

use std::time::Instant;

use anyhow::{Result, anyhow};
use serde_json::Value;

use super::Context;
use super::remote::{self, RemoteWork};
use crate::backend::{ObjectInfo, is_not_found};
use crate::cli::TransformArgs;
use crate::output::Table;
use crate::pipeline::{Lake, ObjectOutcome, RawArea, output_days, record_partitions, transform_objects};

pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)
}

pub async fn run(ctx: &Context, args: TransformArgs) -> Result<()> {
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    remote::check_backend(&backend, args.run_on.remote)?;
    let raw = RawArea::from_settings(&settings)?;
    let store = backend.objects.clone();
    let objects: Vec<ObjectInfo> = if args.keys.is_empty() {
        let day = args.date.unwrap_or_else(|| chrono::Utc::now().date_naive());
        let listed = raw.list_day(store.as_ref(), day).await?;
        if listed.is_empty() {
            ctx.printer.notice(format_args!("no raw objects under {}", raw.day_prefix(day)));
        }
        listed
    } else {
        let mut found = Vec::new();
        for key in &args.keys {
            found.push(raw.find(store.as_ref(), key).await?);
        }
        found
    };

    let jobs = args.run_on.jobs.map_or_else(default_jobs, usize::from);
    if let Some(remote) = args.run_on.remote {
        let scope = if args.keys.is_empty() {
            let day = args.date.unwrap_or_else(|| chrono::Utc::now().date_naive()).to_string();
            (day.clone(), vec![("--date".to_string(), day)])
        } else {
            (format!("{} keys", args.keys.len()), vec![("--keys".to_string(), args.keys.join(","))])
        };
        let work = RemoteWork {
            glue_runs: vec![scope],
            objects,
            bucket: raw.location.bucket.clone(),
            per_object: args.objects,
            summary_follows: false,
        };
        return remote::dispatch(ctx, &backend, &settings, remote, &work, jobs, args.run_on.timeout).await;
    }
    let lake = Lake::from_settings(&settings)?;
    let bytes: u64 = objects.iter().map(|o| o.size).sum();
    let progress = ctx.printer.progress(
        bytes,
        "{spinner:.cyan} transforming [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
    );
    let started = Instant::now();
    let results =
        transform_objects(store, &lake, &objects, jobs, false, None, |object, _| progress.inc(object.size))
            .await;
    progress.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    super::record_transform(&backend, "transform", &results, seconds);

    let failures = warn_failures(ctx, &results);
    let days = output_days(&results);
    record_partitions(backend.objects.as_ref(), &lake, &days).await?;
    let table = if args.objects { object_table(&results) } else { summary_table(&results, seconds) };
    ctx.printer.print_table(&table)?;
    if failures > 0 {
        return Err(anyhow!("{failures} of {} objects were not transformed completely", results.len()));
    }
    Ok(())
}

/// Warns of every object not transformed completely (damaged, or failed), once each; returns
/// how many there were.
pub fn warn_failures(ctx: &Context, results: &[(ObjectInfo, Result<ObjectOutcome>)]) -> usize {
    let mut failures = 0;
    for (object, result) in results {
        match result {
            Ok(ObjectOutcome { damaged: Some(why), .. }) => {
                failures += 1;
                ctx.printer.warn(format_args!("{} is damaged: {why}", object.key));
            }
            Ok(_) => {}
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
    failures
}

fn round2(value: f64) -> Value {
    Value::from((value * 100.0).round() / 100.0)
}

fn status(result: &Result<ObjectOutcome>) -> &'static str {
    match result {
        Ok(outcome) if outcome.damaged.is_some() => "damaged",
        Ok(outcome) if outcome.skipped => "skipped",
        Ok(_) => "ok",
        Err(err) if is_not_found(err) => "missing",
        Err(_) => "failed",
    }
}

pub fn object_table(results: &[(ObjectInfo, Result<ObjectOutcome>)]) -> Table {
    let mut table = Table::new([
        "source_key",
        "status",
        "events",
        "quarantined",
        "days",
        "bytes_in",
        "bytes_out",
        "seconds",
    ]);
    for (object, result) in results {
        let mut row: Vec<Value> = vec![object.key.clone().into(), status(result).into()];
        match result {
            Ok(outcome) => {
                let m = &outcome.manifest;
                row.extend([
                    m.events_out.into(),
                    m.quarantined.into(),
                    (m.outputs.len() as u64).into(),
                    object.size.into(),
                    m.outputs.iter().map(|o| o.bytes).sum::<u64>().into(),
                    round2(outcome.elapsed.as_secs_f64()),
                ]);
            }
            Err(_) => row.extend([
                Value::Null,
                Value::Null,
                Value::Null,
                object.size.into(),
                Value::Null,
                Value::Null,
            ]),
        }
        table.push(row);
    }
    table
}

/// Totals over every object; the summary a person reads after a run.
pub fn summary_table(results: &[(ObjectInfo, Result<ObjectOutcome>)], seconds: f64) -> Table {
    let mut table = Table::new([
        "objects",
        "skipped",
        "failed",
        "events_in",
        "events_out",
        "quarantined",
        "days",
        "bytes_in",
        "bytes_out",
        "seconds",
        "events_per_s",
    ]);
    let (mut skipped, mut failed, mut records, mut events, mut quarantined, mut bytes_in, mut bytes_out) =
        (0u64, 0u64, 0u64, 0u64, 0u64, 0u64, 0u64);
    let mut days = std::collections::BTreeSet::new();
    for (object, result) in results {
        bytes_in += object.size;
        match result {
            Ok(outcome) => {
                skipped += u64::from(outcome.skipped);
                failed += u64::from(outcome.damaged.is_some());
                let m = &outcome.manifest;
                records += m.records;
                events += m.events_out;
                quarantined += m.quarantined;
                bytes_out += m.outputs.iter().map(|o| o.bytes).sum::<u64>();
                days.extend(m.outputs.iter().map(|o| o.day.clone()));
            }
            Err(_) => failed += 1,
        }
    }
    table.push(vec![
        (results.len() as u64).into(),
        skipped.into(),
        failed.into(),
        records.into(),
        events.into(),
        quarantined.into(),
        (days.len() as u64).into(),
        bytes_in.into(),
        bytes_out.into(),
        round2(seconds),
        Value::from((events as f64 / seconds.max(1e-9)).round()),
    ]);
    table
}
