//! A day of the platform as one workflow: transform the day's raw objects, register the day's
//! partition, check that every record arrived. On AWS the steps are a Step Functions state
//! machine built from the configured resources; on local they run in process, with the same
//! names, in the same order, recorded the same way.

use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, anyhow};
use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::backend::{Backend, PartitionInfo, TableLookup, WorkflowEventKind};
use crate::layout::day_partition;
use crate::pipeline::{Lake, RawArea, record_partitions, transform_objects};
use crate::services::reconcile::check_day;
use crate::settings::{RawLayout, Settings};

/// The step names, shared by the state machine's states and the in-process run.
pub const TRANSFORM: &str = "Transform";
pub const READ_TABLE: &str = "ReadTable";
pub const ADD_PARTITION: &str = "AddPartition";
pub const RECONCILE: &str = "Reconcile";

/// Lambda invocations of the day's objects the Map state runs at once.
pub const MAP_CONCURRENCY: u32 = 40;

/// What transforms the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransformStep {
    /// A run of the Glue job over the day (`--date`), waited for with `.sync`.
    Glue { job: String },
    /// The function invoked once per raw object of the day, listed by the Map state itself.
    Lambda { function: String },
    /// The local transform, in this process.
    InProcess,
}

/// How the day's partition reaches the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogStep {
    /// Read the table's storage descriptor, then create the day's partition from it (an existing
    /// partition is left as it is: it may point at a compacted copy).
    AddPartition,
    /// Partition projection is on: Athena computes the partitions, nothing to register.
    Projected,
}

/// Whether and where the day's records are counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReconcileStep {
    /// The function's `reconcile` request; a day that does not add up fails the step.
    Lambda {
        function: String,
    },
    InProcess,
    /// Nothing to run it on: the reason.
    Skipped(String),
}

/// The day's workflow, from the environment's resources.
#[derive(Debug, Clone, PartialEq)]
pub struct PipelinePlan {
    pub environment: String,
    pub transform: TransformStep,
    pub catalog: CatalogStep,
    pub reconcile: ReconcileStep,
    pub database: String,
    pub table: String,
    /// `s3://bucket/prefix` of the transformed data, without the partition.
    pub lake_url: String,
    pub raw_bucket: String,
    pub raw_prefix: String,
    pub raw_layout: RawLayout,
}

/// One step as the plan shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedStep {
    pub name: &'static str,
    /// The Step Functions integration, or `in process`.
    pub runs_on: String,
    pub does: String,
}

/// Which engine the transform step uses when several are configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransformEngine {
    Glue,
    Lambda,
}

impl PipelinePlan {
    /// The plan for a state machine on the service: the transform on the engine asked for (or
    /// the Glue job, else the function), the partition unless projection is on, the check on
    /// the function when there is one.
    pub fn for_service(
        settings: &Settings,
        engine: Option<TransformEngine>,
        projected: bool,
    ) -> Result<Self> {
        let job = settings.glue_job.value.clone();
        let function = settings.lambda_function.value.clone();
        let env = &settings.env_name.value;
        let transform = match (engine, job, function.clone()) {
            (Some(TransformEngine::Glue) | None, Some(job), _) => TransformStep::Glue { job },
            (Some(TransformEngine::Lambda) | None, _, Some(function)) => TransformStep::Lambda { function },
            (Some(TransformEngine::Glue), None, _) => {
                return Err(crate::error::usage(format!(
                    "`glue_job` is not set for environment `{env}`: the pipeline's transform step runs it"
                )));
            }
            _ => {
                return Err(crate::error::usage(format!(
                    "neither `glue_job` nor `lambda_function` is set for environment `{env}`: the pipeline's transform step runs one of them (`bdctl deploy glue` or `bdctl deploy lambda`)"
                )));
            }
        };
        let reconcile = match function {
            Some(function) => ReconcileStep::Lambda { function },
            None => ReconcileStep::Skipped(
                "the check runs in the transform function and `lambda_function` is not set; run `bdctl reconcile --date D`"
                    .to_string(),
            ),
        };
        Self::with_steps(settings, transform, projected, reconcile)
    }

    /// The plan the local backend carries out in process.
    pub fn in_process(settings: &Settings, projected: bool) -> Result<Self> {
        Self::with_steps(settings, TransformStep::InProcess, projected, ReconcileStep::InProcess)
    }

    fn with_steps(
        settings: &Settings,
        transform: TransformStep,
        projected: bool,
        reconcile: ReconcileStep,
    ) -> Result<Self> {
        let lake = Lake::from_settings(settings)?;
        let raw = RawArea::from_settings(settings)?;
        Ok(Self {
            environment: settings.env_name.value.clone(),
            transform,
            catalog: if projected { CatalogStep::Projected } else { CatalogStep::AddPartition },
            reconcile,
            database: settings.glue_database.value.clone(),
            table: settings.glue_table.value.clone(),
            lake_url: format!("s3://{}/{}", lake.transformed.bucket, lake.transformed.prefix),
            raw_bucket: raw.location.bucket.clone(),
            raw_prefix: raw.location.prefix.clone(),
            raw_layout: raw.layout,
        })
    }

    /// The steps in the order they run.
    pub fn steps(&self) -> Vec<PlannedStep> {
        let mut steps = Vec::new();
        let local = "in process".to_string();
        steps.push(match &self.transform {
            TransformStep::Glue { job } => PlannedStep {
                name: TRANSFORM,
                runs_on: "glue:startJobRun.sync".into(),
                does: format!("runs Glue job {job} over the day (--date) and waits for it"),
            },
            TransformStep::Lambda { function } => PlannedStep {
                name: TRANSFORM,
                runs_on: "Map (distributed) + lambda:invoke".into(),
                does: format!(
                    "lists s3://{}/{} and invokes {function} once per object, {MAP_CONCURRENCY} at a time",
                    self.raw_bucket,
                    self.raw_day_template().replace("{}", "…")
                ),
            },
            TransformStep::InProcess => PlannedStep {
                name: TRANSFORM,
                runs_on: local.clone(),
                does: "transforms the day's raw objects that have no manifest yet".into(),
            },
        });
        let in_process = self.transform == TransformStep::InProcess;
        match self.catalog {
            CatalogStep::AddPartition => {
                steps.push(PlannedStep {
                    name: READ_TABLE,
                    runs_on: if in_process { local.clone() } else { "aws-sdk:glue:getTable".into() },
                    does: format!("reads {}.{}'s storage descriptor", self.database, self.table),
                });
                steps.push(PlannedStep {
                    name: ADD_PARTITION,
                    runs_on: if in_process { local.clone() } else { "aws-sdk:glue:createPartition".into() },
                    does: format!(
                        "registers {}year=…/month=…/day=…/ (kept as it is when it exists)",
                        self.lake_url
                    ),
                });
            }
            CatalogStep::Projected => {}
        }
        match &self.reconcile {
            ReconcileStep::Lambda { function } => steps.push(PlannedStep {
                name: RECONCILE,
                runs_on: "lambda:invoke".into(),
                does: format!("asks {function} whether the day's raw records = lake rows + quarantined"),
            }),
            ReconcileStep::InProcess => steps.push(PlannedStep {
                name: RECONCILE,
                runs_on: local,
                does: "checks that the day's raw records = lake rows + quarantined".into(),
            }),
            ReconcileStep::Skipped(_) => {}
        }
        steps
    }

    /// What the plan leaves out, and why.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.catalog == CatalogStep::Projected {
            notes.push(format!(
                "partition projection is on for {}.{}: Athena reads each day without a registered partition",
                self.database, self.table
            ));
        }
        if let ReconcileStep::Skipped(why) = &self.reconcile {
            notes.push(format!("no {RECONCILE} step: {why}"));
        }
        notes
    }

    /// The day's raw prefix with `{}` for its year, month and day.
    fn raw_day_template(&self) -> String {
        let parts = match self.raw_layout {
            RawLayout::Hive => "year={}/month={}/day={}/",
            RawLayout::Firehose => "{}/{}/{}/",
        };
        format!("{}{parts}", self.raw_prefix)
    }

    /// The Amazon States Language definition. Its input is `{"date": "YYYY-MM-DD"}`.
    pub fn definition(&self) -> Result<Value> {
        let part = |i: usize| format!("States.ArrayGetItem(States.StringSplit($.date, '-'), {i})");
        let mut states = serde_json::Map::new();
        states.insert(
            "Day".into(),
            json!({
                "Type": "Pass",
                "Comment": "The day's parts, for prefixes and partition values.",
                "Parameters": {"date.$": "$.date", "year.$": part(0), "month.$": part(1), "day.$": part(2)},
                "Next": TRANSFORM
            }),
        );
        let steps = self.steps();
        let next_of = |name: &str| -> Option<&'static str> {
            let at = steps.iter().position(|s| s.name == name)?;
            steps.get(at + 1).map(|s| s.name)
        };
        let chain = |mut state: Value, name: &str| {
            match next_of(name) {
                Some(next) => state["Next"] = json!(next),
                None => state["End"] = json!(true),
            }
            state
        };
        let lambda_retry = json!([{
            "ErrorEquals": ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException"],
            "IntervalSeconds": 2, "MaxAttempts": 6, "BackoffRate": 2
        }]);
        let transform = match &self.transform {
            TransformStep::Glue { job } => json!({
                "Type": "Task",
                "Resource": "arn:aws:states:::glue:startJobRun.sync",
                "Parameters": {"JobName": job, "Arguments": {"--date.$": "$.date"}},
                "ResultSelector": {"run_id.$": "$.Id", "state.$": "$.JobRunState"},
                "ResultPath": "$.transform"
            }),
            TransformStep::InProcess => return Err(anyhow!("a plan run in process has no state machine")),
            TransformStep::Lambda { function } => {
                json!({
                    "Type": "Map",
                    "ItemReader": {
                        "Resource": "arn:aws:states:::s3:listObjectsV2",
                        "Parameters": {
                            "Bucket": self.raw_bucket,
                            "Prefix.$": format!("States.Format('{}', $.year, $.month, $.day)", self.raw_day_template())
                        }
                    },
                    "ItemSelector": {
                        "keysEncoded": false,
                        "Records": [{
                            "eventName": "ObjectCreated:Put",
                            "s3": {"bucket": {"name": self.raw_bucket}, "object": {"key.$": "$$.Map.Item.Value.Key", "size.$": "$$.Map.Item.Value.Size"}}
                        }]
                    },
                    "ItemProcessor": {
                        "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                        "StartAt": "TransformObject",
                        "States": {
                            "TransformObject": {
                                "Type": "Task",
                                "Resource": "arn:aws:states:::lambda:invoke",
                                "Parameters": {"FunctionName": function, "Payload.$": "$"},
                                "Retry": lambda_retry,
                                // Each answer is dropped: a day's thousands would pass the 256 KiB state limit.
                                "OutputPath": null,
                                "End": true
                            }
                        }
                    },
                    "MaxConcurrency": MAP_CONCURRENCY,
                    "ResultPath": null
                })
            }
        };
        states.insert(TRANSFORM.into(), chain(transform, TRANSFORM));
        if self.catalog == CatalogStep::AddPartition {
            let read = json!({
                "Type": "Task",
                "Resource": "arn:aws:states:::aws-sdk:glue:getTable",
                "Parameters": {"DatabaseName": self.database, "Name": self.table},
                "ResultSelector": {"storage.$": "$.Table.StorageDescriptor"},
                "ResultPath": "$.table"
            });
            states.insert(READ_TABLE.into(), chain(read, READ_TABLE));
            let after = next_of(ADD_PARTITION);
            // Step Functions names the error `Glue.…`; moto's interpreter `glue.…`.
            let mut catch = json!({
                "ErrorEquals": ["Glue.AlreadyExistsException", "glue.AlreadyExistsException"],
                "ResultPath": null
            });
            match after {
                Some(next) => catch["Next"] = json!(next),
                None => catch["Next"] = json!("Done"),
            }
            let add = json!({
                "Type": "Task",
                "Resource": "arn:aws:states:::aws-sdk:glue:createPartition",
                "Parameters": {
                    "DatabaseName": self.database,
                    "TableName": self.table,
                    "PartitionInput": {
                        "Values.$": "States.Array($.year, $.month, $.day)",
                        "StorageDescriptor": {
                            "Columns.$": "$.table.storage.Columns",
                            "InputFormat.$": "$.table.storage.InputFormat",
                            "OutputFormat.$": "$.table.storage.OutputFormat",
                            "SerdeInfo.$": "$.table.storage.SerdeInfo",
                            "Location.$": format!("States.Format('{}year={{}}/month={{}}/day={{}}/', $.year, $.month, $.day)", self.lake_url)
                        }
                    }
                },
                "ResultPath": null,
                "Catch": [catch]
            });
            states.insert(ADD_PARTITION.into(), chain(add, ADD_PARTITION));
            if after.is_none() {
                states.insert("Done".into(), json!({"Type": "Succeed"}));
            }
        }
        if let ReconcileStep::Lambda { function } = &self.reconcile {
            let reconcile = json!({
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": function, "Payload": {"bdctl": "reconcile", "date.$": "$.date"}},
                "Retry": lambda_retry,
                "ResultSelector": {"balance.$": "$.Payload"},
                "ResultPath": "$.reconcile"
            });
            states.insert(RECONCILE.into(), chain(reconcile, RECONCILE));
        }
        Ok(json!({
            "Comment": format!(
                "bdctl pipeline of environment {}: one day of the clickstream platform. Input: {{\"date\": \"YYYY-MM-DD\"}}",
                self.environment
            ),
            "StartAt": "Day",
            "States": states
        }))
    }
}

/// The state machine's name for this environment.
pub fn machine_name(settings: &Settings) -> String {
    settings
        .pipeline_state_machine
        .value
        .clone()
        .unwrap_or_else(|| format!("bdctl-pipeline-{}", settings.env_name.value))
}

/// The execution's name for a day: the service refuses a second execution of the same name, so
/// a day runs once unless asked again (`rerun` then names the new one).
pub fn execution_name(day: NaiveDate, rerun: Option<chrono::DateTime<chrono::Utc>>) -> String {
    match rerun {
        None => day.to_string(),
        Some(at) => format!("{day}-rerun-{}", at.format("%Y%m%dT%H%M%S%3fZ")),
    }
}

/// The execution's input.
pub fn execution_input(day: NaiveDate) -> String {
    json!({"date": day.to_string()}).to_string()
}

/// Whether the catalog's table has partition projection on.
pub fn projected(lookup: &TableLookup) -> bool {
    match lookup {
        TableLookup::Found(table) => crate::discover::projected_years(&table.parameters).is_some(),
        _ => false,
    }
}

/// Why an in-process step failed: its error's name and cause, as a state's failure reads.
pub struct StepFailure {
    pub error: String,
    pub cause: String,
}

/// Carries the plan out in this process for `day`, recording every step in the execution
/// `arn`; `on_event` hears of each event as it is recorded. A step still to start once
/// `timeout` has passed is not started: the run ends TIMED_OUT.
pub async fn run_in_process(
    backend: &Backend,
    settings: &Settings,
    plan: &PipelinePlan,
    arn: &str,
    day: NaiveDate,
    timeout: Duration,
    mut on_event: impl FnMut(&WorkflowEventKind, Option<&str>),
) -> Result<Option<StepFailure>> {
    let started = Instant::now();
    let workflows = backend.workflows.clone();
    for step in plan.steps() {
        if started.elapsed() > timeout {
            let cause = format!(
                "{} passed before step {}",
                humantime::format_duration(Duration::from_secs(timeout.as_secs())),
                step.name
            );
            let kind = WorkflowEventKind::Failed { error: "States.Timeout".into(), cause: cause.clone() };
            on_event(&kind, None);
            workflows.record(arn, kind, Some(("TIMED_OUT", Some("States.Timeout"), Some(&cause)))).await?;
            return Ok(Some(StepFailure { error: "States.Timeout".into(), cause }));
        }
        let entered = WorkflowEventKind::Entered { state: step.name.into(), state_type: "Task".into() };
        workflows.record(arn, entered.clone(), None).await?;
        on_event(&entered, None);
        match run_step(backend, settings, plan, step.name, day).await {
            Ok(detail) => {
                let exited = WorkflowEventKind::Exited { state: step.name.into(), state_type: "Task".into() };
                workflows.record(arn, exited.clone(), None).await?;
                on_event(&exited, Some(&detail));
            }
            Err(failure) => {
                let kind =
                    WorkflowEventKind::Failed { error: failure.error.clone(), cause: failure.cause.clone() };
                on_event(&kind, None);
                workflows
                    .record(arn, kind, Some(("FAILED", Some(&failure.error), Some(&failure.cause))))
                    .await?;
                return Ok(Some(failure));
            }
        }
    }
    workflows
        .record(
            arn,
            WorkflowEventKind::Other { event_type: "ExecutionSucceeded".into() },
            Some(("SUCCEEDED", None, None)),
        )
        .await?;
    Ok(None)
}

/// One step in process: a line saying what it did, or its failure.
async fn run_step(
    backend: &Backend,
    settings: &Settings,
    plan: &PipelinePlan,
    name: &str,
    day: NaiveDate,
) -> std::result::Result<String, StepFailure> {
    let failed = |error: &'static str| {
        move |err: anyhow::Error| StepFailure {
            error: error.to_string(),
            cause: crate::error::render(&err).trim_start_matches("error: ").to_string(),
        }
    };
    let lake = Lake::from_settings(settings).map_err(failed("States.Runtime"))?;
    let store = backend.objects.clone();
    match name {
        TRANSFORM => {
            let raw = RawArea::from_settings(settings).map_err(failed("States.Runtime"))?;
            let planned =
                crate::services::backfill::plan(store.as_ref(), &raw, Some(&lake), day, day, false, |_| {})
                    .await
                    .map_err(failed("States.TaskFailed"))?;
            let pending: Vec<_> = planned.iter().flat_map(|p| p.pending().cloned()).collect();
            let jobs = crate::cores();
            let started = Instant::now();
            let results =
                transform_objects(store.clone(), &lake, &pending, jobs, true, None, |_, _| {}).await;
            crate::services::backfill::record_transform(
                backend,
                "backfill",
                &results,
                started.elapsed().as_secs_f64(),
            );
            let days = crate::pipeline::output_days(&results);
            record_partitions(store.as_ref(), &lake, &days).await.map_err(failed("States.TaskFailed"))?;
            if let Some(compaction) = crate::services::compact::Compaction::new(store.clone(), &lake) {
                let written = days.iter().filter_map(|d| d.parse().ok()).collect();
                compaction
                    .refresh(
                        backend.catalog.as_ref(),
                        &plan.database,
                        &plan.table,
                        Some(&written),
                        chrono::Utc::now(),
                    )
                    .await
                    .map_err(failed("States.TaskFailed"))?;
            }
            let (_, totals) = crate::services::backfill::totals(&planned, &results);
            let failures: Vec<String> = results
                .iter()
                .filter_map(|(object, result)| match result {
                    Err(err) => Some(format!(
                        "{}: {}",
                        object.key,
                        crate::error::render(err).trim_start_matches("error: ")
                    )),
                    Ok(outcome) => {
                        outcome.damaged.as_ref().map(|why| format!("{} is damaged: {why}", object.key))
                    }
                })
                .collect();
            if !failures.is_empty() {
                return Err(StepFailure { error: "States.TaskFailed".into(), cause: failures.join("; ") });
            }
            Ok(format!(
                "{} objects ({} done before), {} events, {} quarantined",
                totals.objects, totals.skipped, totals.events_out, totals.quarantined
            ))
        }
        READ_TABLE => match backend.catalog.lookup_table(&plan.database, &plan.table).await {
            Ok(TableLookup::Found(table)) => {
                Ok(format!("{} columns, {} partition keys", table.columns.len(), table.partition_keys.len()))
            }
            Ok(_) => Err(StepFailure {
                error: "Glue.EntityNotFoundException".into(),
                cause: format!(
                    "table {}.{} does not exist: `bdctl crawl` creates it from the lake",
                    plan.database, plan.table
                ),
            }),
            Err(err) => Err(failed("States.TaskFailed")(err)),
        },
        ADD_PARTITION => {
            let values = crate::layout::day_values(day);
            let registered = backend
                .catalog
                .list_partitions(&plan.database, &plan.table)
                .await
                .map_err(failed("States.TaskFailed"))?;
            if registered.iter().any(|p| p.values == values) {
                return Ok("the partition exists: kept as it is".to_string());
            }
            let location = backend.objects.url(&crate::layout::Location {
                bucket: lake.transformed.bucket.clone(),
                prefix: format!("{}{}", lake.transformed.prefix, day_partition(day)),
            });
            let partition = PartitionInfo { values, location: location.clone() };
            backend
                .catalog
                .add_partitions(&plan.database, &plan.table, std::slice::from_ref(&partition))
                .await
                .map_err(failed("States.TaskFailed"))?;
            Ok(format!("registered {location}"))
        }
        RECONCILE => {
            let check = check_day(&store, &lake, settings.firehose_error_prefix.value.as_deref(), day)
                .await
                .map_err(failed("States.TaskFailed"))?;
            if let Some(cause) = check.unbalanced(day) {
                return Err(StepFailure { error: crate::lambda::UNBALANCED.into(), cause });
            }
            let balance = check.days.first().cloned().unwrap_or_default();
            Ok(format!(
                "{} raw records = {} in the lake + {} quarantined",
                balance.raw_records, balance.lake_rows, balance.quarantined
            ))
        }
        other => Err(StepFailure { error: "States.Runtime".into(), cause: format!("no step {other}") }),
    }
}

/// The execution ARN of `name` under the state machine `machine_arn`.
pub fn execution_arn(machine_arn: &str, name: &str) -> Result<String> {
    let arn = machine_arn.replacen(":stateMachine:", ":execution:", 1);
    if arn == machine_arn {
        return Err(anyhow!("{machine_arn} is not a state machine ARN"));
    }
    Ok(format!("{arn}:{name}"))
}

/// The definition as bdctl compares it: parsed, so that formatting differences do not count.
pub fn same_definition(deployed: &str, planned: &Value) -> bool {
    serde_json::from_str::<Value>(deployed).is_ok_and(|v| &v == planned)
}

/// Every line of the definition, for the plan's diff.
pub fn pretty(definition: &Value) -> Result<String> {
    serde_json::to_string_pretty(definition).context("writing the definition")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(extra: &str) -> Settings {
        let text = format!(
            "[env.prod]\nbackend = \"aws\"\nregion = \"eu-west-1\"\nraw_bucket = \"raw\"\ntransformed_bucket = \"lake\"\n{extra}"
        );
        Settings::from_config_text(std::path::Path::new("bdctl.toml"), &text, None).unwrap()
    }

    fn state_names(definition: &Value) -> Vec<String> {
        // Follows Next from StartAt: the order the states run in.
        let states = &definition["States"];
        let mut names = Vec::new();
        let mut at = definition["StartAt"].as_str().map(str::to_string);
        while let Some(name) = at {
            at = states[&name]["Next"].as_str().map(str::to_string);
            names.push(name);
        }
        names
    }

    #[test]
    fn the_glue_job_transforms_and_the_function_checks() {
        let plan = PipelinePlan::for_service(
            &settings("glue_job = \"transform\"\nlambda_function = \"fn\"\n"),
            None,
            false,
        )
        .unwrap();
        let definition = plan.definition().unwrap();
        assert_eq!(state_names(&definition), ["Day", TRANSFORM, READ_TABLE, ADD_PARTITION, RECONCILE]);
        let transform = &definition["States"][TRANSFORM];
        assert_eq!(transform["Resource"], "arn:aws:states:::glue:startJobRun.sync");
        assert_eq!(transform["Parameters"]["JobName"], "transform");
        assert_eq!(transform["Parameters"]["Arguments"]["--date.$"], "$.date");
        let add = &definition["States"][ADD_PARTITION];
        assert_eq!(add["Catch"][0]["ErrorEquals"][0], "Glue.AlreadyExistsException");
        assert_eq!(add["Catch"][0]["Next"], RECONCILE);
        assert_eq!(
            add["Parameters"]["PartitionInput"]["StorageDescriptor"]["Location.$"],
            "States.Format('s3://lake/transformed/year={}/month={}/day={}/', $.year, $.month, $.day)"
        );
        let reconcile = &definition["States"][RECONCILE];
        assert_eq!(reconcile["Parameters"]["Payload"]["bdctl"], "reconcile");
        assert_eq!(reconcile["End"], true);
        // --transform lambda picks the function although a job is set.
        let lambda = PipelinePlan::for_service(
            &settings("glue_job = \"transform\"\nlambda_function = \"fn\"\n"),
            Some(TransformEngine::Lambda),
            false,
        )
        .unwrap();
        assert_eq!(lambda.transform, TransformStep::Lambda { function: "fn".into() });
    }

    #[test]
    fn the_function_maps_over_the_days_objects_as_listed() {
        let plan = PipelinePlan::for_service(
            &settings("lambda_function = \"fn\"\nraw_layout = \"firehose\"\n"),
            None,
            true,
        )
        .unwrap();
        let definition = plan.definition().unwrap();
        // Projection on: nothing to register.
        assert_eq!(state_names(&definition), ["Day", TRANSFORM, RECONCILE]);
        let transform = &definition["States"][TRANSFORM];
        assert_eq!(transform["Type"], "Map");
        assert_eq!(
            transform["ItemReader"]["Parameters"]["Prefix.$"],
            "States.Format('raw/{}/{}/{}/', $.year, $.month, $.day)"
        );
        assert_eq!(transform["ItemSelector"]["keysEncoded"], false);
        assert_eq!(
            transform["ItemProcessor"]["States"]["TransformObject"]["Parameters"]["FunctionName"],
            "fn"
        );
        assert!(plan.notes()[0].contains("partition projection is on"));
    }

    #[test]
    fn without_a_function_the_check_is_left_out_and_said_so() {
        let plan = PipelinePlan::for_service(&settings("glue_job = \"transform\"\n"), None, false).unwrap();
        let definition = plan.definition().unwrap();
        assert_eq!(state_names(&definition), ["Day", TRANSFORM, READ_TABLE, ADD_PARTITION]);
        assert_eq!(definition["States"][ADD_PARTITION]["Catch"][0]["Next"], "Done");
        assert_eq!(definition["States"]["Done"]["Type"], "Succeed");
        assert!(plan.notes().iter().any(|n| n.contains("no Reconcile step")), "{:?}", plan.notes());
        let none = PipelinePlan::for_service(&settings(""), None, false).unwrap_err();
        assert!(none.to_string().contains("neither `glue_job` nor `lambda_function`"), "{none}");
        let glue = PipelinePlan::for_service(
            &settings("lambda_function = \"fn\"\n"),
            Some(TransformEngine::Glue),
            false,
        )
        .unwrap_err();
        assert!(glue.to_string().contains("`glue_job` is not set"), "{glue}");
    }

    #[test]
    fn execution_names_follow_the_day() {
        let day = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
        assert_eq!(execution_name(day, None), "2024-06-01");
        let at = chrono::DateTime::parse_from_rfc3339("2024-06-02T10:11:12.345Z").unwrap().to_utc();
        assert_eq!(execution_name(day, Some(at)), "2024-06-01-rerun-20240602T101112345Z");
        assert_eq!(
            execution_arn("arn:aws:states:eu-west-1:1:stateMachine:bdctl", "2024-06-01").unwrap(),
            "arn:aws:states:eu-west-1:1:execution:bdctl:2024-06-01"
        );
        assert!(same_definition("{\"a\": 1}", &json!({"a": 1})));
    }
}
