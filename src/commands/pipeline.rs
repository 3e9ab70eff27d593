//! `bdctl pipeline deploy|run|status`: one day of the platform as a workflow (Step Functions on
//! aws, the same steps in process on local).

use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};
use chrono::{DateTime, Utc};
use serde_json::Value;

use super::Context;
use crate::backend::{Backend, Started, WorkflowEvent, WorkflowEventKind, WorkflowExecution};
use crate::cli::{
    PipelineArgs, PipelineCommand, PipelineDeployArgs, PipelineRunArgs, PipelineStatusArgs, PipelineTransform,
};
use crate::error::{RemoteFailed, TimedOut, usage};
use crate::output::Table;
use crate::services::workflow::{
    self, PipelinePlan, TransformEngine, execution_input, execution_name, machine_name, projected,
};
use crate::settings::Settings;

pub async fn run(ctx: &Context, args: PipelineArgs) -> Result<()> {
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    match args.command {
        PipelineCommand::Deploy(args) => deploy(ctx, &backend, &settings, args).await,
        PipelineCommand::Run(args) => run_day(ctx, &backend, &settings, args).await,
        PipelineCommand::Status(args) => status(ctx, &backend, &settings, args).await,
    }
}

fn plan_table(plan: &PipelinePlan) -> Table {
    let mut table = Table::new(["step", "runs_on", "does"]);
    for step in plan.steps() {
        table.push(vec![step.name.into(), step.runs_on.into(), step.does.into()]);
    }
    table
}

async fn deploy(
    ctx: &Context,
    backend: &Backend,
    settings: &Settings,
    args: PipelineDeployArgs,
) -> Result<()> {
    backend.workflows.check_service()?;
    let engine = args.transform.map(|t| match t {
        PipelineTransform::Glue => TransformEngine::Glue,
        PipelineTransform::Lambda => TransformEngine::Lambda,
    });
    let (database, table) = (&settings.glue_database.value, &settings.glue_table.value);
    let lookup = backend.catalog.lookup_table(database, table).await?;
    let plan = PipelinePlan::for_service(settings, engine, projected(&lookup))?;
    let definition = plan.definition()?;
    if args.definition {
        println!("{}", workflow::pretty(&definition)?);
        return Ok(());
    }
    let name = machine_name(settings);
    ctx.printer.print_table(&plan_table(&plan))?;
    for note in plan.notes() {
        ctx.printer.notice(note);
    }
    if !matches!(lookup, crate::backend::TableLookup::Found(_)) {
        ctx.printer.warn(format_args!(
            "table {database}.{table} does not exist yet: ReadTable fails until `bdctl crawl` creates it"
        ));
    }
    let role = settings.pipeline_role_arn.value.clone();
    let current = backend.workflows.machine(&name).await?;
    let change = match (&current, &role) {
        (Some(machine), Some(role))
            if workflow::same_definition(&machine.definition, &definition) && &machine.role_arn == role =>
        {
            ctx.printer.notice(format_args!("state machine {name} is up to date: nothing to change"));
            return Ok(());
        }
        (Some(machine), _) => {
            let lines = changed_lines(&machine.definition, &definition);
            format!("update state machine {name} ({lines} lines of the definition change)")
        }
        (None, _) => format!(
            "create state machine {name} ({} states)",
            definition["States"].as_object().map_or(0, |s| s.len())
        ),
    };
    if args.dry_run {
        ctx.printer.notice(format_args!("dry run: would {change}; nothing changed"));
        return Ok(());
    }
    let role = role.ok_or_else(|| {
        usage(format!(
            "`pipeline_role_arn` is not set for environment `{}`: the role the state machine runs as (bdctl.toml or BDCTL_PIPELINE_ROLE_ARN)",
            settings.env_name.value
        ))
    })?;
    if !ctx.printer.confirm(&change)? {
        ctx.printer.notice("nothing changed");
        return Ok(());
    }
    let text = serde_json::to_string(&definition)?;
    let arn = match current {
        Some(machine) => {
            backend.workflows.update_machine(&machine.arn, &text, &role).await?;
            machine.arn
        }
        None => backend.workflows.create_machine(&name, &text, &role).await?,
    };
    ctx.printer
        .notice(format_args!("deployed {arn}: `bdctl pipeline run --date YYYY-MM-DD --wait` runs a day"));
    Ok(())
}

/// How many lines of the pretty definitions differ, for the plan's summary.
fn changed_lines(deployed: &str, planned: &Value) -> usize {
    let before = serde_json::from_str::<Value>(deployed)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| deployed.to_string());
    let after = serde_json::to_string_pretty(planned).unwrap_or_default();
    let old: std::collections::BTreeSet<&str> = before.lines().collect();
    let new: std::collections::BTreeSet<&str> = after.lines().collect();
    old.symmetric_difference(&new).count()
}

/// Lines for a person following an execution: one per state entered, exited or failed.
struct Follower {
    started: DateTime<Utc>,
    entered: std::collections::BTreeMap<String, DateTime<Utc>>,
    /// (step, status, seconds) in the order they ended.
    steps: Vec<(String, String, Option<f64>)>,
    current: Option<String>,
    last_id: i64,
}

impl Follower {
    fn new(started: DateTime<Utc>) -> Self {
        Self { started, entered: Default::default(), steps: Vec::new(), current: None, last_id: 0 }
    }

    /// Seconds from entering `state` to `time`.
    fn seconds_in(&self, state: &str, time: DateTime<Utc>) -> Option<f64> {
        self.entered.get(state).map(|t| (time - *t).num_milliseconds().max(0) as f64 / 1000.0)
    }

    fn hear(&mut self, ctx: &Context, event: &WorkflowEvent, detail: Option<&str>) {
        self.last_id = self.last_id.max(event.id);
        let offset = (event.time - self.started).num_milliseconds().max(0) as f64 / 1000.0;
        match &event.kind {
            // Pass states only compute values: not steps a person waits for.
            WorkflowEventKind::Entered { state_type, .. } | WorkflowEventKind::Exited { state_type, .. }
                if state_type == "Pass" || state_type == "Succeed" => {}
            WorkflowEventKind::Entered { state, state_type } => {
                self.entered.insert(state.clone(), event.time);
                self.current = Some(state.clone());
                ctx.printer.notice(format_args!("{offset:>7.1}s  {state}: entered ({state_type})"));
            }
            WorkflowEventKind::Exited { state, .. } => {
                let seconds = self.seconds_in(state, event.time);
                let took = seconds.map_or_else(String::new, |s| format!(" after {s:.1} s"));
                let detail = detail.map_or_else(String::new, |d| format!(": {d}"));
                ctx.printer.notice(format_args!("{offset:>7.1}s  {state}: exited{took}{detail}"));
                self.steps.push((state.clone(), "SUCCEEDED".into(), seconds));
                self.current = None;
            }
            WorkflowEventKind::Failed { error, cause } => {
                // The execution's failure repeats its state's.
                if self.current.is_none()
                    && self.steps.last().is_some_and(|(_, status, _)| status == "FAILED")
                {
                    return;
                }
                let state = self.current.clone().unwrap_or_else(|| "execution".to_string());
                let cause = one_line(cause);
                ctx.printer.notice(format_args!("{offset:>7.1}s  {state}: failed: {error}: {cause}"));
                if self.current.take().is_some() {
                    let seconds = self.seconds_in(&state, event.time);
                    self.steps.push((state, "FAILED".into(), seconds));
                }
            }
            WorkflowEventKind::Other { .. } => {}
        }
    }

    fn table(&self) -> Table {
        let mut table = Table::new(["step", "status", "seconds"]);
        for (step, status, seconds) in &self.steps {
            table.push(vec![
                step.clone().into(),
                status.clone().into(),
                seconds.map_or(Value::Null, Value::from),
            ]);
        }
        table
    }
}

/// A cause on one line: Step Functions' causes are often JSON documents with newlines.
fn one_line(cause: &str) -> String {
    let text = cause.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() { "no cause given".to_string() } else { text }
}

/// The state a failed execution failed in, from its history: the last state entered and not left.
fn failing_state(events: &[WorkflowEvent]) -> Option<String> {
    let mut open: Vec<String> = Vec::new();
    for event in events {
        match &event.kind {
            WorkflowEventKind::Entered { state, .. } => open.push(state.clone()),
            WorkflowEventKind::Exited { state, .. } => open.retain(|s| s != state),
            _ => {}
        }
    }
    open.pop()
}

async fn run_day(ctx: &Context, backend: &Backend, settings: &Settings, args: PipelineRunArgs) -> Result<()> {
    let name = execution_name(args.date, args.rerun.then(Utc::now));
    let input = execution_input(args.date);
    let machine = machine_name(settings);
    let on_service = backend.workflows.check_service().is_ok();
    let (machine_arn, plan) = if on_service {
        let deployed = backend.workflows.machine(&machine).await?.ok_or_else(|| {
            usage(format!("state machine {machine} does not exist: `bdctl pipeline deploy` creates it"))
        })?;
        (deployed.arn, None)
    } else {
        let lookup =
            backend.catalog.lookup_table(&settings.glue_database.value, &settings.glue_table.value).await?;
        (machine.clone(), Some(PipelinePlan::in_process(settings, projected(&lookup))?))
    };
    let asked = Utc::now();
    let arn = match backend.workflows.start(&machine_arn, &name, &input).await? {
        Started::New(arn) => arn,
        Started::NameTaken => {
            let existing = match on_service {
                true => {
                    backend.workflows.execution(&workflow::execution_arn(&machine_arn, &name)?).await.ok()
                }
                false => backend
                    .workflows
                    .executions(&machine_arn, usize::MAX)
                    .await?
                    .into_iter()
                    .find(|e| e.name == name),
            };
            let state = existing.map_or_else(String::new, |e| {
                format!(
                    " ({}, started {})",
                    e.status,
                    e.started.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                )
            });
            return Err(anyhow!(
                "the pipeline ran already for {}: execution {name}{state} exists; --rerun starts another",
                args.date
            ));
        }
    };
    let Some(plan) = plan else {
        let execution = backend.workflows.execution(&arn).await?;
        // The service answers a second start with the same name and input with the running
        // execution: that one is followed, not a new one.
        if execution.started < asked - chrono::Duration::seconds(5) {
            ctx.printer.notice(format_args!("execution {name} was running already: following it"));
        }
        if !args.wait {
            println!("{arn}");
            ctx.printer.notice(format_args!("started {name}: `bdctl pipeline status` shows how it goes"));
            return Ok(());
        }
        return follow(ctx, backend, &arn, execution, args.timeout).await;
    };
    ctx.printer.notice(format_args!("running {name} in this process ({} steps)", plan.steps().len()));
    let mut follower = Follower::new(Utc::now());
    let mut next_id = 1;
    let failure =
        workflow::run_in_process(backend, settings, &plan, &arn, args.date, args.timeout, |kind, detail| {
            next_id += 1;
            let event = WorkflowEvent { id: next_id, time: Utc::now(), kind: kind.clone() };
            follower.hear(ctx, &event, detail);
        })
        .await?;
    ctx.printer.print_table(&follower.table())?;
    match failure {
        None => {
            ctx.printer.notice(format_args!("{name} SUCCEEDED"));
            Ok(())
        }
        Some(failure) if failure.error == "States.Timeout" => {
            Err(TimedOut(format!("{name} stopped after --timeout: {}", failure.cause)).into())
        }
        Some(failure) => {
            let state = failing_state(&backend.workflows.history(&arn).await?).unwrap_or_default();
            Err(RemoteFailed(format!(
                "{name} failed in {state}: {}: {}",
                failure.error,
                one_line(&failure.cause)
            ))
            .into())
        }
    }
}

/// Follows an execution on the service to its end, a line per state as the history grows.
async fn follow(
    ctx: &Context,
    backend: &Backend,
    arn: &str,
    first: WorkflowExecution,
    timeout: Duration,
) -> Result<()> {
    let waited = Instant::now();
    let mut follower = Follower::new(first.started);
    let mut execution = first;
    let mut delay = Duration::from_millis(500);
    loop {
        let finished = execution.finished();
        let history = backend.workflows.history(arn).await?;
        let seen = follower.last_id;
        for event in history.iter().filter(|e| e.id > seen) {
            follower.hear(ctx, event, None);
        }
        if finished {
            ctx.printer.print_table(&follower.table())?;
            if execution.status == "SUCCEEDED" {
                ctx.printer.notice(format_args!("{} SUCCEEDED", execution.name));
                return Ok(());
            }
            let state = failing_state(&history).map_or_else(String::new, |s| format!(" in {s}"));
            let error = execution.error.as_deref().unwrap_or("no error");
            let cause = one_line(execution.cause.as_deref().unwrap_or_default());
            return Err(RemoteFailed(format!(
                "{} {}{state}: {error}: {cause}",
                execution.name, execution.status
            ))
            .into());
        }
        if waited.elapsed() >= timeout {
            return Err(TimedOut(format!(
                "{} is still {} after {}; it goes on in Step Functions (`bdctl pipeline status`)",
                execution.name,
                execution.status,
                humantime::format_duration(Duration::from_secs(timeout.as_secs()))
            ))
            .into());
        }
        tokio::time::sleep(delay.min(timeout.saturating_sub(waited.elapsed()))).await;
        delay = (delay * 2).min(Duration::from_secs(5));
        execution = backend.workflows.execution(arn).await?;
    }
}

async fn status(
    ctx: &Context,
    backend: &Backend,
    settings: &Settings,
    args: PipelineStatusArgs,
) -> Result<()> {
    let machine = machine_name(settings);
    let machine_arn = if backend.workflows.check_service().is_ok() {
        match backend.workflows.machine(&machine).await? {
            Some(deployed) => deployed.arn,
            None => {
                return Err(usage(format!(
                    "state machine {machine} does not exist: `bdctl pipeline deploy` creates it"
                )));
            }
        }
    } else {
        machine.clone()
    };
    let mut executions = backend.workflows.executions(&machine_arn, args.limit).await?;
    for execution in &mut executions {
        // Listing leaves out why an execution failed.
        if execution.error.is_none()
            && matches!(execution.status.as_str(), "FAILED" | "TIMED_OUT" | "ABORTED")
        {
            if let Ok(described) = backend.workflows.execution(&execution.arn).await {
                execution.error = described.error;
                execution.cause = described.cause;
            }
        }
    }
    let mut table = Table::new(["execution", "status", "started", "seconds", "error", "cause"]);
    for execution in &executions {
        let seconds = execution.stopped.map(|s| (s - execution.started).num_milliseconds() as f64 / 1000.0);
        table.push(vec![
            execution.name.clone().into(),
            execution.status.clone().into(),
            execution.started.to_rfc3339_opts(chrono::SecondsFormat::Secs, true).into(),
            seconds.map_or(Value::Null, Value::from),
            execution.error.clone().map_or(Value::Null, Value::from),
            execution.cause.as_deref().map(one_line).map_or(Value::Null, Value::from),
        ]);
    }
    ctx.printer.print_table(&table)?;
    if executions.is_empty() {
        ctx.printer
            .notice(format_args!("no executions of {machine} yet: `bdctl pipeline run --date YYYY-MM-DD`"));
    }
    Ok(())
}
