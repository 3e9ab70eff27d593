//! Step Functions: the pipeline's state machine and its executions.

use anyhow::{Result, anyhow};
use async_trait::async_trait;
use aws_sdk_sfn::types::{HistoryEvent, HistoryEventType as T, StateMachineType};
use chrono::{DateTime, Utc};

use super::call_failed;
use crate::backend::{
    Started, WorkflowEvent, WorkflowEventKind, WorkflowExecution, WorkflowMachine, Workflows,
};

pub struct StepFunctions {
    client: aws_sdk_sfn::Client,
}

impl StepFunctions {
    pub fn new(client: aws_sdk_sfn::Client) -> Self {
        Self { client }
    }
}

fn utc(time: &aws_smithy_types::DateTime) -> DateTime<Utc> {
    DateTime::from_timestamp(time.secs(), time.subsec_nanos()).unwrap_or_default()
}

/// The state type of a `…StateEntered`/`…StateExited` event type: `TaskStateEntered` → Task.
fn state_type(event_type: &str, suffix: &str) -> String {
    event_type.strip_suffix(suffix).unwrap_or(event_type).trim_end_matches("State").to_string()
}

/// The error and cause of any failure event the service records.
fn failure(event: &HistoryEvent) -> Option<(Option<&str>, Option<&str>)> {
    macro_rules! first_of {
        ($($details:ident),+) => {
            None $(.or_else(|| event.$details().map(|d| (d.error(), d.cause()))))+
        };
    }
    first_of!(
        task_failed_event_details,
        task_start_failed_event_details,
        task_submit_failed_event_details,
        task_timed_out_event_details,
        lambda_function_failed_event_details,
        map_run_failed_event_details,
        execution_failed_event_details,
        execution_timed_out_event_details,
        execution_aborted_event_details,
        evaluation_failed_event_details
    )
}

fn event_of(event: &HistoryEvent) -> WorkflowEvent {
    let event_type = event.r#type().as_str().to_string();
    let kind = if let Some(entered) = event.state_entered_event_details() {
        WorkflowEventKind::Entered {
            state: entered.name().to_string(),
            state_type: state_type(&event_type, "Entered"),
        }
    } else if let Some(exited) = event.state_exited_event_details() {
        WorkflowEventKind::Exited {
            state: exited.name().to_string(),
            state_type: state_type(&event_type, "Exited"),
        }
    } else if let Some((error, cause)) = failure(event) {
        WorkflowEventKind::Failed {
            error: error.unwrap_or(&event_type).to_string(),
            cause: cause.unwrap_or_default().to_string(),
        }
    } else if matches!(event.r#type(), T::ExecutionAborted | T::ExecutionTimedOut) {
        WorkflowEventKind::Failed { error: event_type, cause: String::new() }
    } else {
        WorkflowEventKind::Other { event_type }
    };
    WorkflowEvent { id: event.id(), time: utc(event.timestamp()), kind }
}

#[async_trait]
impl Workflows for StepFunctions {
    fn check_service(&self) -> Result<()> {
        Ok(())
    }

    async fn machine(&self, name: &str) -> Result<Option<WorkflowMachine>> {
        let mut pages = self.client.list_state_machines().into_paginator().send();
        let mut arn = None;
        while let Some(page) = pages.next().await {
            let page = page.map_err(|e| call_failed("ListStateMachines", "Step Functions", e))?;
            if let Some(found) = page.state_machines().iter().find(|m| m.name() == name) {
                arn = Some(found.state_machine_arn().to_string());
                break;
            }
        }
        let Some(arn) = arn else { return Ok(None) };
        let described = self
            .client
            .describe_state_machine()
            .state_machine_arn(&arn)
            .send()
            .await
            .map_err(|e| call_failed("DescribeStateMachine", &arn, e))?;
        Ok(Some(WorkflowMachine {
            arn,
            definition: described.definition().to_string(),
            role_arn: described.role_arn().to_string(),
        }))
    }

    async fn create_machine(&self, name: &str, definition: &str, role_arn: &str) -> Result<String> {
        let created = self
            .client
            .create_state_machine()
            .name(name)
            .definition(definition)
            .role_arn(role_arn)
            .r#type(StateMachineType::Standard)
            .send()
            .await
            .map_err(|e| call_failed("CreateStateMachine", name, e))?;
        Ok(created.state_machine_arn().to_string())
    }

    async fn update_machine(&self, arn: &str, definition: &str, role_arn: &str) -> Result<()> {
        self.client
            .update_state_machine()
            .state_machine_arn(arn)
            .definition(definition)
            .role_arn(role_arn)
            .send()
            .await
            .map_err(|e| call_failed("UpdateStateMachine", arn, e))?;
        Ok(())
    }

    async fn start(&self, machine_arn: &str, name: &str, input: &str) -> Result<Started> {
        match self
            .client
            .start_execution()
            .state_machine_arn(machine_arn)
            .name(name)
            .input(input)
            .send()
            .await
        {
            Ok(started) => Ok(Started::New(started.execution_arn().to_string())),
            Err(err) if err.as_service_error().is_some_and(|e| e.is_execution_already_exists()) => {
                Ok(Started::NameTaken)
            }
            Err(err) => Err(call_failed("StartExecution", machine_arn, err)),
        }
    }

    async fn execution(&self, arn: &str) -> Result<WorkflowExecution> {
        let described = self
            .client
            .describe_execution()
            .execution_arn(arn)
            .send()
            .await
            .map_err(|e| call_failed("DescribeExecution", arn, e))?;
        Ok(WorkflowExecution {
            arn: arn.to_string(),
            name: described.name().unwrap_or_default().to_string(),
            status: described.status().as_str().to_string(),
            started: utc(described.start_date()),
            stopped: described.stop_date().map(utc),
            error: described.error().map(str::to_string),
            cause: described.cause().map(str::to_string),
        })
    }

    async fn history(&self, arn: &str) -> Result<Vec<WorkflowEvent>> {
        let mut pages = self.client.get_execution_history().execution_arn(arn).into_paginator().send();
        let mut events = Vec::new();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|e| call_failed("GetExecutionHistory", arn, e))?;
            events.extend(page.events().iter().map(event_of));
        }
        events.sort_by_key(|e| e.id);
        Ok(events)
    }

    async fn executions(&self, machine_arn: &str, limit: usize) -> Result<Vec<WorkflowExecution>> {
        let mut pages = self.client.list_executions().state_machine_arn(machine_arn).into_paginator().send();
        let mut executions = Vec::new();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|e| call_failed("ListExecutions", machine_arn, e))?;
            for item in page.executions() {
                executions.push(WorkflowExecution {
                    arn: item.execution_arn().to_string(),
                    name: item.name().to_string(),
                    status: item.status().as_str().to_string(),
                    started: utc(item.start_date()),
                    stopped: item.stop_date().map(utc),
                    error: None,
                    cause: None,
                });
            }
            if executions.len() >= limit {
                break;
            }
        }
        executions.sort_by(|a, b| b.started.cmp(&a.started));
        executions.truncate(limit);
        Ok(executions)
    }

    async fn record(
        &self,
        arn: &str,
        _kind: WorkflowEventKind,
        _ended: Option<(&str, Option<&str>, Option<&str>)>,
    ) -> Result<()> {
        Err(anyhow!("{arn} runs on Step Functions, which keeps its own history"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_types_come_from_the_event_type() {
        assert_eq!(state_type("TaskStateEntered", "Entered"), "Task");
        assert_eq!(state_type("MapStateExited", "Exited"), "Map");
        assert_eq!(state_type("PassStateEntered", "Entered"), "Pass");
    }
}
