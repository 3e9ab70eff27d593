//! Remote transforms: Glue job runs and synchronous Lambda invocations.

use anyhow::Result;
use async_trait::async_trait;
use aws_sdk_glue::types::JobRunState;
use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::InvocationType;
use bytes::Bytes;

use super::call_failed;
use crate::backend::{Invocation, JobRun, Jobs};

pub struct AwsJobs {
    glue: aws_sdk_glue::Client,
    lambda: aws_sdk_lambda::Client,
}

impl AwsJobs {
    pub fn new(glue: aws_sdk_glue::Client, lambda: aws_sdk_lambda::Client) -> Self {
        Self { glue, lambda }
    }
}

/// The `errorMessage` of a Lambda error payload, or the payload itself.
fn function_error_message(payload: &str) -> String {
    serde_json::from_str::<serde_json::Value>(payload)
        .ok()
        .and_then(|v| v.get("errorMessage").and_then(|m| m.as_str()).map(str::to_string))
        .unwrap_or_else(|| payload.trim().to_string())
}

#[async_trait]
impl Jobs for AwsJobs {
    fn check_available(&self) -> Result<()> {
        Ok(())
    }

    async fn start_job(&self, job: &str, arguments: &[(String, String)]) -> Result<String> {
        let mut request = self.glue.start_job_run().job_name(job);
        for (key, value) in arguments {
            request = request.arguments(key, value);
        }
        let out = request.send().await.map_err(|err| call_failed("glue:StartJobRun", job, err))?;
        Ok(out.job_run_id().unwrap_or_default().to_string())
    }

    async fn job_run(&self, job: &str, run_id: &str) -> Result<JobRun> {
        let out = self
            .glue
            .get_job_run()
            .job_name(job)
            .run_id(run_id)
            .send()
            .await
            .map_err(|err| call_failed("glue:GetJobRun", &format!("{job} run {run_id}"), err))?;
        let run = out.job_run();
        let state = run.and_then(|r| r.job_run_state()).cloned().unwrap_or(JobRunState::Running);
        let finished = !matches!(
            state,
            JobRunState::Running | JobRunState::Starting | JobRunState::Stopping | JobRunState::Waiting
        );
        let execution = run.map(|r| r.execution_time()).filter(|&t| t > 0).map(|t| t as u64);
        // Flex runs report DPU-seconds; standard runs are billed capacity × execution time.
        let capacity = run.and_then(|r| r.max_capacity());
        let dpu_seconds = run.and_then(|r| r.dpu_seconds()).or_else(|| Some(capacity? * execution? as f64));
        Ok(JobRun {
            id: run_id.to_string(),
            state: state.as_str().to_string(),
            finished,
            succeeded: state == JobRunState::Succeeded,
            error: run.and_then(|r| r.error_message()).map(str::to_string),
            execution_seconds: execution,
            dpu_seconds,
        })
    }

    async fn invoke(&self, function: &str, payload: Bytes) -> Result<Invocation> {
        let out = self
            .lambda
            .invoke()
            .function_name(function)
            .invocation_type(InvocationType::RequestResponse)
            .payload(Blob::new(payload.to_vec()))
            .send()
            .await
            .map_err(|err| call_failed("lambda:Invoke", function, err))?;
        let payload =
            out.payload().map(|p| String::from_utf8_lossy(p.as_ref()).to_string()).unwrap_or_default();
        Ok(Invocation {
            status: out.status_code(),
            function_error: out.function_error().map(|_| function_error_message(&payload)),
            payload,
        })
    }
}
