//! The local platform's pipeline runs: bdctl carries the steps out in process and keeps each
//! execution as a record, `<data_dir>/pipeline/<machine>/<execution>.json`, with the status and
//! the events Step Functions would keep. The record is created exclusively, so an execution name
//! is used once, as the service allows.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow};
use async_trait::async_trait;
use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::backend::{
    Started, WorkflowEvent, WorkflowEventKind, WorkflowExecution, WorkflowMachine, Workflows,
};
use crate::error::not_supported;
use crate::files::write_atomically;

/// Directory of the execution records, below the data directory.
pub const PIPELINE_DIR: &str = "pipeline";

const IN_PROCESS: &str = "the local backend runs the pipeline's steps in this process with `bdctl pipeline run`: there is no state machine to deploy";

#[derive(Debug, Serialize, Deserialize)]
struct Record {
    execution: WorkflowExecution,
    /// The process carrying the steps out: a record left RUNNING by a process that is gone
    /// was cut off.
    pid: u32,
    events: Vec<WorkflowEvent>,
}

pub struct LocalWorkflows {
    root: PathBuf,
}

impl LocalWorkflows {
    pub fn new(data_dir: &Path) -> Self {
        Self { root: data_dir.join(PIPELINE_DIR) }
    }

    fn read(&self, path: &str) -> Result<Record> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading the pipeline run {path}"))?;
        let mut record: Record =
            serde_json::from_str(&text).with_context(|| format!("{path} is not a pipeline run record"))?;
        if !record.execution.finished() && !process_alive(record.pid) {
            record.execution.status = "ABORTED".to_string();
            record.execution.cause =
                Some(format!("the bdctl process (pid {}) running it ended before it finished", record.pid));
        }
        Ok(record)
    }
}

fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

#[async_trait]
impl Workflows for LocalWorkflows {
    fn check_service(&self) -> Result<()> {
        Err(not_supported(IN_PROCESS))
    }

    async fn machine(&self, _name: &str) -> Result<Option<WorkflowMachine>> {
        Ok(None)
    }

    async fn create_machine(&self, _name: &str, _definition: &str, _role_arn: &str) -> Result<String> {
        Err(not_supported(IN_PROCESS))
    }

    async fn update_machine(&self, _arn: &str, _definition: &str, _role_arn: &str) -> Result<()> {
        Err(not_supported(IN_PROCESS))
    }

    async fn start(&self, machine: &str, name: &str, _input: &str) -> Result<Started> {
        let dir = self.root.join(machine);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let path = dir.join(format!("{name}.json"));
        let arn = path.display().to_string();
        let now = Utc::now();
        let record = Record {
            execution: WorkflowExecution {
                arn: arn.clone(),
                name: name.to_string(),
                status: "RUNNING".to_string(),
                started: now,
                stopped: None,
                error: None,
                cause: None,
            },
            pid: std::process::id(),
            events: vec![WorkflowEvent {
                id: 1,
                time: now,
                kind: WorkflowEventKind::Other { event_type: "ExecutionStarted".to_string() },
            }],
        };
        let mut file = match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => file,
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => return Ok(Started::NameTaken),
            Err(err) => return Err(anyhow!(err).context(format!("creating {arn}"))),
        };
        file.write_all(serde_json::to_string_pretty(&record)?.as_bytes())
            .and_then(|()| file.sync_all())
            .with_context(|| format!("writing {arn}"))?;
        Ok(Started::New(arn))
    }

    async fn execution(&self, arn: &str) -> Result<WorkflowExecution> {
        Ok(self.read(arn)?.execution)
    }

    async fn history(&self, arn: &str) -> Result<Vec<WorkflowEvent>> {
        Ok(self.read(arn)?.events)
    }

    async fn executions(&self, machine: &str, limit: usize) -> Result<Vec<WorkflowExecution>> {
        let dir = self.root.join(machine);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(err) => return Err(anyhow!(err).context(format!("listing {}", dir.display()))),
        };
        let mut executions = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if hidden || path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            executions.push(self.read(&path.display().to_string())?.execution);
        }
        executions.sort_by(|a, b| b.started.cmp(&a.started).then_with(|| b.name.cmp(&a.name)));
        executions.truncate(limit);
        Ok(executions)
    }

    async fn record(
        &self,
        arn: &str,
        kind: WorkflowEventKind,
        ended: Option<(&str, Option<&str>, Option<&str>)>,
    ) -> Result<()> {
        let mut record = self.read(arn)?;
        let now = Utc::now();
        let id = record.events.last().map_or(1, |e| e.id + 1);
        record.events.push(WorkflowEvent { id, time: now, kind });
        if let Some((status, error, cause)) = ended {
            record.execution.status = status.to_string();
            record.execution.stopped = Some(now);
            record.execution.error = error.map(str::to_string);
            record.execution.cause = cause.map(str::to_string);
        }
        write_atomically(Path::new(arn), serde_json::to_string_pretty(&record)?.as_bytes())
            .with_context(|| format!("writing {arn}"))
    }
}
