//! `bdctl transform`: the transform, in this process, over raw objects of the backend.

use std::time::Instant;

use anyhow::{Result, anyhow};

use super::Context;
use super::remote::{self, RemoteWork};
use super::results::{object_table, summary_table, warn_failures};
use crate::backend::ObjectInfo;
use crate::cli::TransformArgs;
use crate::pipeline::{Lake, RawArea, output_days, record_partitions, transform_objects};

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

    let jobs = args.run_on.jobs.map_or_else(crate::cores, usize::from);
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
    let written: std::collections::BTreeSet<chrono::NaiveDate> =
        days.iter().filter_map(|d| d.parse().ok()).collect();
    super::refresh_compacted(ctx, &backend, &settings, Some(&written)).await?;
    let table = if args.objects { object_table(&results) } else { summary_table(&results, seconds) };
    ctx.printer.print_table(&table)?;
    if failures > 0 {
        return Err(anyhow!("{failures} of {} objects were not transformed completely", results.len()));
    }
    Ok(())
}
