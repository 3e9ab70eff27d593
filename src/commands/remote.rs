//! Running the transform on the platform's own compute: Glue job runs, polled to the end, or
//! one synchronous Lambda invocation per raw object with an S3 put event. `transform` and
//! `backfill` both dispatch here.

use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};
use bytes::Bytes;
use futures::StreamExt;
use serde_json::{Value, json};

use super::Context;
use crate::backend::{Backend, Invocation, JobRun, ObjectInfo, SparkRun};
use crate::cli::Remote;
use crate::error::{RemoteFailed, TimedOut, usage};
use crate::lambda::FunctionAnswer;
use crate::output::Table;
use crate::pricing::Prices;
use crate::settings::Settings;

/// Polling starts fast and slows down: short runs finish quickly, long ones are not hammered.
fn poll_delay(attempt: u32) -> Duration {
    Duration::from_millis((500u64 << attempt.min(5)).min(15_000))
}

/// `--remote` needs the platform's own compute.
pub fn check_backend(backend: &Backend, remote: Option<Remote>) -> Result<()> {
    match remote {
        Some(_) => backend.jobs.check_available(),
        None => Ok(()),
    }
}

/// A Glue run of the transform: DPUs, and the compressed input it reads per second.
const GLUE_DPUS: f64 = 2.0;
const GLUE_BYTES_PER_SECOND: f64 = 10e6;
/// Glue bills per second with a 1-minute minimum per run.
const GLUE_MINIMUM_SECONDS: f64 = 60.0;
/// A Lambda invocation of the transform: memory, input read per second, fixed time per call.
const LAMBDA_GB: f64 = 1.0;
const LAMBDA_BYTES_PER_SECOND: f64 = 5e6;
const LAMBDA_SECONDS_PER_CALL: f64 = 0.1;

/// An EMR Serverless run of the transform: the smallest Spark application (a driver and an
/// executor of 4 vCPUs and 16 GB each) reading this much compressed input per second, billed
/// with a 1-minute minimum.
const EMR_VCPUS: f64 = 8.0;
const EMR_GB: f64 = 32.0;
const EMR_BYTES_PER_SECOND: f64 = 20e6;
const EMR_MINIMUM_SECONDS: f64 = 60.0;

/// What a remote run may cost at these prices, for `backfill --dry-run`.
pub fn estimated_cost(prices: &Prices, remote: Remote, objects: u64, bytes: u64) -> f64 {
    match remote {
        Remote::Glue => {
            let seconds = (bytes as f64 / GLUE_BYTES_PER_SECOND).max(GLUE_MINIMUM_SECONDS);
            seconds * GLUE_DPUS * prices.glue_dpu_hour / 3600.0
        }
        Remote::EmrServerless => {
            let hours = (bytes as f64 / EMR_BYTES_PER_SECOND).max(EMR_MINIMUM_SECONDS) / 3600.0;
            emr_cost(prices, EMR_VCPUS * hours, EMR_GB * hours)
        }
        Remote::Lambda => {
            let seconds = bytes as f64 / LAMBDA_BYTES_PER_SECOND + LAMBDA_SECONDS_PER_CALL * objects as f64;
            seconds * LAMBDA_GB * prices.lambda_gb_second
                + objects as f64 * prices.lambda_million_requests / 1e6
        }
    }
}

/// The engines `backfill --dry-run` prices, in its column order.
pub const ENGINES: [Remote; 3] = [Remote::Lambda, Remote::Glue, Remote::EmrServerless];

/// What each engine of [`ENGINES`] may cost for a backfill's plan.
#[derive(Debug, Clone, PartialEq)]
pub struct EngineCosts {
    /// Per day of the plan, in its order.
    pub per_day: Vec<[f64; 3]>,
    pub total: [f64; 3],
    /// Lambda invocations, Glue runs, EMR Serverless runs.
    pub runs: [u64; 3],
}

/// Prices the plan's work (per day: objects and bytes to transform) on every engine: Lambda one
/// invocation per object; Glue and EMR Serverless one run per `days_per_run` days with work, as
/// the backfill starts them, each run's 1-minute minimum shared over its days by their bytes.
pub fn engine_costs(prices: &Prices, days: &[(u64, u64)], days_per_run: usize) -> EngineCosts {
    let mut per_day = vec![[0.0; 3]; days.len()];
    let mut runs = [0; 3];
    for (day, &(objects, bytes)) in days.iter().enumerate() {
        if objects > 0 {
            per_day[day][0] = estimated_cost(prices, Remote::Lambda, objects, bytes);
            runs[0] += objects;
        }
    }
    let with_work: Vec<usize> = (0..days.len()).filter(|&d| days[d].0 > 0).collect();
    for chunk in with_work.chunks(days_per_run.max(1)) {
        let objects: u64 = chunk.iter().map(|&d| days[d].0).sum();
        let bytes: u64 = chunk.iter().map(|&d| days[d].1).sum();
        for (column, engine) in [(1, Remote::Glue), (2, Remote::EmrServerless)] {
            let cost = estimated_cost(prices, engine, objects, bytes);
            runs[column] += 1;
            for &day in chunk {
                let share =
                    if bytes == 0 { 1.0 / chunk.len() as f64 } else { days[day].1 as f64 / bytes as f64 };
                per_day[day][column] = cost * share;
            }
        }
    }
    let mut total = [0.0; 3];
    for day in &per_day {
        for (sum, cost) in total.iter_mut().zip(day) {
            *sum += cost;
        }
    }
    EngineCosts { per_day, total, runs }
}

/// The engine's name as `--remote` takes it.
pub fn engine_name(engine: Remote) -> &'static str {
    match engine {
        Remote::Glue => "glue",
        Remote::Lambda => "lambda",
        Remote::EmrServerless => "emr-serverless",
    }
}

/// One line comparing the engines' totals; `chosen` is the `--remote` asked for.
pub fn cost_summary(costs: &EngineCosts, chosen: Option<Remote>) -> String {
    let parts: Vec<String> = ENGINES
        .iter()
        .enumerate()
        .map(|(i, engine)| {
            let unit = match (i, costs.runs[i]) {
                (0, 1) => "invocation",
                (0, _) => "invocations",
                (_, 1) => "run",
                _ => "runs",
            };
            let mark = if chosen == Some(*engine) { " (chosen)" } else { "" };
            format!("{} USD {:.4} ({} {unit}){mark}", engine_name(*engine), costs.total[i], costs.runs[i])
        })
        .collect();
    let cheapest = (0..ENGINES.len())
        .min_by(|a, b| costs.total[*a].total_cmp(&costs.total[*b]))
        .map_or("", |i| engine_name(ENGINES[i]));
    if costs.runs[0] == 0 {
        return "estimated cost: nothing to transform".to_string();
    }
    format!("estimated cost: {}; cheapest: {cheapest}", parts.join(" · "))
}

/// What EMR Serverless bills for this much vCPU and memory time.
pub fn emr_cost(prices: &Prices, vcpu_hours: f64, memory_gb_hours: f64) -> f64 {
    vcpu_hours * prices.emr_vcpu_hour + memory_gb_hours * prices.emr_gb_hour
}

/// The assumptions of [`estimated_cost`], stated beside its figures.
pub fn cost_assumptions(prices: &Prices) -> String {
    format!(
        "estimate: Glue {GLUE_DPUS} DPUs at USD {}/DPU-hour reading {} MB/s (1-minute minimum per run); \
         Lambda {LAMBDA_GB} GB at USD {}/GB-s reading {} MB/s + {} ms and USD {} per million requests; \
         EMR Serverless {EMR_VCPUS} vCPUs and {EMR_GB} GB at USD {}/vCPU-hour and {}/GB-hour reading {} MB/s \
         (1-minute minimum per run)",
        prices.glue_dpu_hour,
        GLUE_BYTES_PER_SECOND / 1e6,
        prices.lambda_gb_second,
        LAMBDA_BYTES_PER_SECOND / 1e6,
        LAMBDA_SECONDS_PER_CALL * 1000.0,
        prices.lambda_million_requests,
        prices.emr_vcpu_hour,
        prices.emr_gb_hour,
        EMR_BYTES_PER_SECOND / 1e6
    )
}

pub fn glue_job(settings: &Settings) -> Result<String> {
    settings.glue_job.value.clone().ok_or_else(|| {
        usage(format!(
            "`glue_job` is not set for environment `{}` (bdctl.toml or BDCTL_GLUE_JOB)",
            settings.env_name.value
        ))
    })
}

pub fn lambda_function(settings: &Settings) -> Result<String> {
    settings.lambda_function.value.clone().ok_or_else(|| {
        usage(format!(
            "`lambda_function` is not set for environment `{}` (bdctl.toml or BDCTL_LAMBDA_FUNCTION)",
            settings.env_name.value
        ))
    })
}

/// The EMR Serverless run of the shipped Spark script over the lake, with `arguments` (the days
/// or keys) after the lake's own.
pub fn spark_run(settings: &Settings, arguments: &[(String, String)]) -> Result<SparkRun> {
    let missing = |key: &str| {
        usage(format!(
            "`{key}` is not set for environment `{}` (bdctl.toml or {})",
            settings.env_name.value,
            crate::settings::env_var_for(key)
        ))
    };
    let application =
        settings.emr_application_id.value.clone().ok_or_else(|| missing("emr_application_id"))?;
    let role = settings.emr_role_arn.value.clone().ok_or_else(|| missing("emr_role_arn"))?;
    let (bucket, key) = crate::spark::script_location(settings)?;
    let mut flat = Vec::new();
    for (name, value) in crate::spark::spark_arguments(settings)?.iter().chain(arguments) {
        flat.push(name.clone());
        flat.push(value.clone());
    }
    Ok(SparkRun {
        application,
        role,
        entry_point: format!("s3://{bucket}/{key}"),
        arguments: flat,
        name: format!("bdctl-transform-{}", settings.env_name.value),
    })
}

/// How a polled run is named in its spinner and messages.
struct Watched<'a> {
    /// "Glue job J run R", "EMR Serverless run R".
    run: String,
    /// The spinner's state before the first answer.
    first_state: &'a str,
    /// Where a run that outlives the wait goes on.
    goes_on: String,
    /// What a failure without a message says.
    no_message: &'a str,
}

/// Polls a run to its end with a spinner: a failed run is exit 3, a run still going after
/// `timeout` exit 4 (the run keeps going on the service).
async fn watch_run<F, Fut>(
    ctx: &Context,
    watched: Watched<'_>,
    timeout: Duration,
    mut poll: F,
) -> Result<JobRun>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<JobRun>>,
{
    let name = &watched.run;
    let spinner = ctx.printer.spinner(format!("{name}: {}", watched.first_state));
    let started = Instant::now();
    let mut attempt = 0;
    let run = loop {
        let run = poll().await?;
        spinner.set_message(format!("{name}: {}", run.state));
        if run.finished {
            break run;
        }
        if started.elapsed() >= timeout {
            spinner.finish_and_clear();
            return Err(TimedOut(format!(
                "{name} is still {} after {}; it goes on in {}",
                run.state,
                humantime::format_duration(Duration::from_secs(timeout.as_secs())),
                watched.goes_on
            ))
            .into());
        }
        tokio::time::sleep(poll_delay(attempt)).await;
        attempt += 1;
    };
    spinner.finish_and_clear();
    if !run.succeeded {
        return Err(RemoteFailed(format!(
            "{name} ended {}: {}",
            run.state,
            run.error.as_deref().unwrap_or(watched.no_message)
        ))
        .into());
    }
    Ok(run)
}

/// Starts a job run on EMR Serverless and waits for it to end, as [`run_glue_job`] does.
pub async fn run_emr_job(
    ctx: &Context,
    backend: &Backend,
    run: &SparkRun,
    timeout: Duration,
) -> Result<JobRun> {
    let run_id = backend.jobs.start_spark_run(run).await?;
    let application = &run.application;
    ctx.printer.notice(format_args!("started EMR Serverless run {run_id} on application {application}"));
    let watched = Watched {
        run: format!("EMR Serverless run {run_id}"),
        first_state: "submitted",
        goes_on: format!("application {application}"),
        no_message: "no details",
    };
    watch_run(ctx, watched, timeout, || backend.jobs.spark_run(application, &run_id)).await
}

/// Starts a run of the Glue job and waits for it to end; a failed run is exit 3, a run still
/// going after `timeout` exit 4 (the run keeps going on the service).
pub async fn run_glue_job(
    ctx: &Context,
    backend: &Backend,
    job: &str,
    arguments: &[(String, String)],
    timeout: Duration,
) -> Result<JobRun> {
    let run_id = backend.jobs.start_job(job, arguments).await?;
    ctx.printer.notice(format_args!("started Glue job {job} run {run_id}"));
    let watched = Watched {
        run: format!("Glue job {job} run {run_id}"),
        first_state: "starting",
        goes_on: "AWS Glue".to_string(),
        no_message: "no error message",
    };
    watch_run(ctx, watched, timeout, || backend.jobs.job_run(job, &run_id)).await
}

/// The S3 event notification a put of `object` in `bucket` produces, as the function receives it.
pub fn s3_put_event(region: &str, bucket: &str, object: &ObjectInfo) -> serde_json::Value {
    // Event keys are form-encoded per segment, as S3 sends them.
    let key: Vec<String> =
        object.key.split('/').map(|s| form_urlencoded::byte_serialize(s.as_bytes()).collect()).collect();
    let time = object.last_modified.unwrap_or_else(chrono::Utc::now);
    json!({
        "Records": [{
            "eventVersion": "2.1",
            "eventSource": "aws:s3",
            "awsRegion": region,
            "eventTime": time.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "eventName": "ObjectCreated:Put",
            "userIdentity": {"principalId": "bdctl"},
            "requestParameters": {"sourceIPAddress": "127.0.0.1"},
            "responseElements": {},
            "s3": {
                "s3SchemaVersion": "1.0",
                "configurationId": "bdctl",
                "bucket": {"name": bucket, "arn": format!("arn:aws:s3:::{bucket}")},
                "object": {"key": key.join("/"), "size": object.size}
            }
        }]
    })
}

/// Invokes the function once per object, `jobs` at a time; a function error is exit 3 after
/// every object has been tried.
pub async fn invoke_lambda(
    ctx: &Context,
    backend: &Backend,
    settings: &Settings,
    function: &str,
    bucket: &str,
    objects: &[ObjectInfo],
    jobs: usize,
) -> Result<Vec<(ObjectInfo, Result<Invocation>)>> {
    let region = settings.region.value.clone().unwrap_or_default();
    let progress = ctx
        .printer
        .progress(objects.len() as u64, "{spinner:.cyan} invoking [{bar:30}] {pos}/{len} objects eta {eta}");
    let mut running = futures::stream::iter(objects.iter().map(|object| {
        let payload = Bytes::from(s3_put_event(&region, bucket, object).to_string());
        async move { (object.clone(), backend.jobs.invoke(function, payload).await) }
    }))
    .buffer_unordered(jobs.max(1));
    let mut results = Vec::new();
    while let Some(result) = running.next().await {
        progress.inc(1);
        results.push(result);
    }
    progress.finish_and_clear();
    results.sort_by(|a, b| a.0.key.cmp(&b.0.key));
    let failed: Vec<String> = results
        .iter()
        .filter_map(|(object, result)| match result {
            Ok(invocation) => invocation.function_error.as_ref().map(|e| format!("{}: {e}", object.key)),
            Err(err) => {
                Some(format!("{}: {}", object.key, crate::error::render(err).trim_start_matches("error: ")))
            }
        })
        .collect();
    for failure in &failed {
        ctx.printer.warn(failure);
    }
    let function_errors =
        results.iter().filter(|(_, r)| r.as_ref().is_ok_and(|i| i.function_error.is_some())).count();
    if function_errors > 0 {
        return Err(RemoteFailed(format!(
            "Lambda function {function} failed for {function_errors} of {} objects",
            objects.len()
        ))
        .into());
    }
    if !failed.is_empty() {
        return Err(anyhow!("{} of {} invocations of {function} failed", failed.len(), objects.len()));
    }
    Ok(results)
}

/// What to run remotely: the Glue runs (what each covers, e.g. a day, and its job arguments),
/// or the raw objects to invoke the function on.
pub struct RemoteWork {
    pub glue_runs: Vec<(String, Vec<(String, String)>)>,
    pub objects: Vec<ObjectInfo>,
    /// The raw bucket the objects are in.
    pub bucket: String,
    /// A row per object rather than the totals, for what runs per object.
    pub per_object: bool,
    /// The caller prints its own summary of what the runs wrote: the runs are notices, not data.
    pub summary_follows: bool,
}

/// The job runs: the command's data, or, when a summary follows, a notice line each.
fn print_runs(ctx: &Context, table: &Table, summary_follows: bool) -> Result<()> {
    if !summary_follows {
        if !table.rows.is_empty() {
            ctx.printer.print_table(table)?;
        }
        return Ok(());
    }
    for row in &table.rows {
        let fields: Vec<String> = table
            .columns
            .iter()
            .zip(row)
            .filter(|(_, value)| !value.is_null())
            .map(|(column, value)| match value.as_str() {
                Some(text) => format!("{column} {text}"),
                None => format!("{column} {value}"),
            })
            .collect();
        ctx.printer.notice(format_args!("run: {}", fields.join(", ")));
    }
    Ok(())
}

/// Waits for every run, `jobs` at a time, with a row per run that succeeded (sorted by scope);
/// the first failure is returned after the others have ended.
async fn collect_runs<Fut>(
    ctx: &Context,
    work: &RemoteWork,
    runs: impl Iterator<Item = (String, Fut)>,
    jobs: usize,
    mut table: Table,
    row: impl Fn(String, JobRun) -> Vec<Value>,
) -> Result<()>
where
    Fut: std::future::Future<Output = Result<JobRun>>,
{
    let mut running = futures::stream::iter(runs.map(|(scope, run)| async move { (scope, run.await) }))
        .buffer_unordered(jobs.max(1));
    let mut first_error = None;
    while let Some((scope, result)) = running.next().await {
        match result {
            Ok(run) => table.push(row(scope, run)),
            Err(err) => {
                if work.glue_runs.len() > 1 {
                    ctx.printer.warn(format_args!(
                        "{scope}: {}",
                        crate::error::render(&err).trim_start_matches("error: ")
                    ));
                }
                first_error.get_or_insert(err);
            }
        }
    }
    let scope = table.columns.iter().position(|c| c == "scope").unwrap_or(0);
    table.rows.sort_by(|a, b| a[scope].as_str().cmp(&b[scope].as_str()));
    print_runs(ctx, &table, work.summary_follows)?;
    first_error.map_or(Ok(()), Err)
}

/// Runs the work on `remote`, `jobs` runs or invocations at a time, and prints what ran: a row
/// per Glue run, or per object invoked. Every run is waited for; the first failure is returned
/// after the others have ended (exit 3, or 4 for a run still going after `timeout`). Compacted
/// copies of days the runs wrote to stop being read when they are stale.
pub async fn dispatch(
    ctx: &Context,
    backend: &Backend,
    settings: &Settings,
    remote: Remote,
    work: &RemoteWork,
    jobs: usize,
    timeout: Duration,
) -> Result<()> {
    let outcome = dispatch_runs(ctx, backend, settings, remote, work, jobs, timeout).await;
    let refreshed = super::refresh_compacted(ctx, backend, settings, None).await;
    outcome.and(refreshed)
}

async fn dispatch_runs(
    ctx: &Context,
    backend: &Backend,
    settings: &Settings,
    remote: Remote,
    work: &RemoteWork,
    jobs: usize,
    timeout: Duration,
) -> Result<()> {
    match remote {
        Remote::Glue => {
            let job = glue_job(settings)?;
            let runs = work.glue_runs.iter().map(|(scope, arguments)| {
                (scope.clone(), run_glue_job(ctx, backend, &job, arguments, timeout))
            });
            let table = Table::new(["job", "scope", "run_id", "state", "seconds", "dpu_seconds"]);
            collect_runs(ctx, work, runs, jobs, table, |scope, run| {
                vec![
                    job.clone().into(),
                    scope.into(),
                    run.id.into(),
                    run.state.into(),
                    run.execution_seconds.map_or(Value::Null, Value::from),
                    run.dpu_seconds.map_or(Value::Null, Value::from),
                ]
            })
            .await
        }
        Remote::EmrServerless => {
            let prices = Prices::from_settings(settings);
            let mut spark_runs = Vec::new();
            for (scope, arguments) in &work.glue_runs {
                spark_runs.push((scope.clone(), spark_run(settings, arguments)?));
            }
            let runs = spark_runs
                .iter()
                .map(|(scope, run)| (scope.clone(), run_emr_job(ctx, backend, run, timeout)));
            let table = Table::new([
                "scope",
                "run_id",
                "state",
                "seconds",
                "vcpu_hours",
                "memory_gb_hours",
                "cost_usd",
            ]);
            collect_runs(ctx, work, runs, jobs, table, |scope, run| {
                let cost =
                    emr_cost(&prices, run.vcpu_hours.unwrap_or(0.0), run.memory_gb_hours.unwrap_or(0.0));
                vec![
                    scope.into(),
                    run.id.into(),
                    run.state.into(),
                    run.execution_seconds.map_or(Value::Null, Value::from),
                    run.vcpu_hours.map_or(Value::Null, Value::from),
                    run.memory_gb_hours.map_or(Value::Null, Value::from),
                    Value::from((cost * 1e6).round() / 1e6),
                ]
            })
            .await
        }
        Remote::Lambda => {
            let function = lambda_function(settings)?;
            let started = Instant::now();
            let invocations =
                invoke_lambda(ctx, backend, settings, &function, &work.bucket, &work.objects, jobs).await?;
            let seconds = started.elapsed().as_secs_f64();
            let mut results = Vec::new();
            let mut foreign = Table::new(["source_key", "status", "response"]);
            for (object, invocation) in invocations {
                let invocation = invocation?;
                match serde_json::from_str::<FunctionAnswer>(&invocation.payload) {
                    Ok(answer) => {
                        results.extend(answer.objects.into_iter().map(|a| a.into_result(object.size)))
                    }
                    Err(_) => foreign.push(vec![
                        object.key.into(),
                        invocation.status.into(),
                        invocation.payload.into(),
                    ]),
                }
            }
            if !foreign.rows.is_empty() {
                // A function of someone else's: its answers are shown as they came.
                ctx.printer.warn(format_args!(
                    "{function} does not answer as the bdctl transform function does (`bdctl deploy lambda` installs it)"
                ));
                ctx.printer.print_table(&foreign)?;
                return Ok(());
            }
            let failures = super::results::warn_failures(ctx, &results);
            let table = if work.per_object {
                super::results::object_table(&results)
            } else {
                super::results::summary_table(&results, seconds)
            };
            ctx.printer.print_table(&table)?;
            if failures > 0 {
                return Err(anyhow!(
                    "{failures} of {} objects were not transformed completely",
                    results.len()
                ));
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: Prices = Prices::LIST;

    #[test]
    fn engine_costs_share_a_runs_minimum_over_its_days() {
        // Three days with work and one without, two days per run: Glue runs cover days 0+1 and 3.
        let days = [(2, 30_000_000), (1, 10_000_000), (0, 0), (4, 1_000_000_000)];
        let costs = engine_costs(&LIST, &days, 2);
        assert_eq!(costs.runs, [7, 2, 2]);
        let first_run = estimated_cost(&LIST, Remote::Glue, 3, 40_000_000);
        assert!((costs.per_day[0][1] - first_run * 0.75).abs() < 1e-12, "{costs:?}");
        assert!((costs.per_day[1][1] - first_run * 0.25).abs() < 1e-12, "{costs:?}");
        assert_eq!(costs.per_day[2], [0.0; 3]);
        let second_run = estimated_cost(&LIST, Remote::Glue, 4, 1_000_000_000);
        assert!((costs.total[1] - first_run - second_run).abs() < 1e-12);
        let lambda: f64 = days.iter().map(|&(o, b)| estimated_cost(&LIST, Remote::Lambda, o, b)).sum();
        assert!((costs.total[0] - lambda).abs() < 1e-12);
        // One day per run: each day pays its own minimum.
        assert!(engine_costs(&LIST, &days, 1).total[1] > costs.total[1]);
        let summary = cost_summary(&costs, Some(Remote::Glue));
        assert!(summary.contains("glue USD") && summary.contains("(2 runs) (chosen)"), "{summary}");
        assert!(summary.contains("cheapest: "), "{summary}");
        assert_eq!(
            cost_summary(&engine_costs(&LIST, &[(0, 0)], 1), None),
            "estimated cost: nothing to transform"
        );
    }

    #[test]
    fn remote_estimates_follow_the_price_settings() {
        // 100 MB of input: 10 s of Glue, billed as the 1-minute minimum: 2 DPUs × 60 s.
        let glue = estimated_cost(&LIST, Remote::Glue, 20, 100_000_000);
        assert!((glue - 2.0 * 60.0 * 0.44 / 3600.0).abs() < 1e-12, "{glue}");
        let doubled = Prices { glue_dpu_hour: 0.88, ..LIST };
        assert!((estimated_cost(&doubled, Remote::Glue, 20, 100_000_000) - 2.0 * glue).abs() < 1e-12);
        // 20 objects of 5 MB: 20 × (1 s + 0.1 s) at 1 GB, and 20 requests.
        let lambda = estimated_cost(&LIST, Remote::Lambda, 20, 100_000_000);
        assert!((lambda - (22.0 * 0.000_016_666_7 + 20.0 * 0.2 / 1e6)).abs() < 1e-12, "{lambda}");
        let free_requests = Prices { lambda_million_requests: 0.0, ..LIST };
        assert!(estimated_cost(&free_requests, Remote::Lambda, 20, 100_000_000) < lambda);
        assert!(cost_assumptions(&doubled).contains("USD 0.88/DPU-hour"));
    }
}
