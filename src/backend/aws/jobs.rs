//! Remote transforms: Glue job runs and synchronous Lambda invocations.

use anyhow::Result;
use async_trait::async_trait;
use aws_sdk_emrserverless::types::{JobDriver, JobRunState as EmrRunState, SparkSubmit};
use aws_sdk_glue::types::{JobCommand, JobRunState, JobUpdate, WorkerType};
use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::InvocationType;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use bytes::Bytes;

use super::call_failed;
use crate::backend::{GlueJobSpec, Invocation, JobRun, Jobs, SparkRun};

pub struct AwsJobs {
    glue: aws_sdk_glue::Client,
    lambda: aws_sdk_lambda::Client,
    emr: aws_sdk_emrserverless::Client,
}

impl AwsJobs {
    pub fn new(
        glue: aws_sdk_glue::Client,
        lambda: aws_sdk_lambda::Client,
        emr: aws_sdk_emrserverless::Client,
    ) -> Self {
        Self { glue, lambda, emr }
    }
}

/// The `errorMessage` of a Lambda error payload, or the payload itself.
fn function_error_message(payload: &str) -> String {
    serde_json::from_str::<serde_json::Value>(payload)
        .ok()
        .and_then(|v| v.get("errorMessage").and_then(|m| m.as_str()).map(str::to_string))
        .unwrap_or_else(|| payload.trim().to_string())
}

/// The spec on a create request or a job update (two builder types, the same setters).
macro_rules! defined {
    ($builder:expr, $spec:expr, $worker:expr, $arguments:expr) => {
        $builder
            .role(&$spec.role)
            .command(job_command($spec))
            .glue_version(&$spec.glue_version)
            .worker_type($worker)
            .number_of_workers($spec.workers as i32)
            .set_default_arguments($arguments)
            .description(&$spec.description)
    };
}

fn job_command(spec: &GlueJobSpec) -> JobCommand {
    JobCommand::builder().name("glueetl").script_location(&spec.script_location).python_version("3").build()
}

#[async_trait]
impl Jobs for AwsJobs {
    fn check_available(&self) -> Result<()> {
        Ok(())
    }

    fn check_deployable(&self) -> Result<()> {
        Ok(())
    }

    async fn describe_job(&self, name: &str) -> Result<Option<GlueJobSpec>> {
        let job = match self.glue.get_job().job_name(name).send().await {
            Ok(out) => out.job,
            Err(err) if err.code() == Some("EntityNotFoundException") => return Ok(None),
            Err(err) => return Err(call_failed("glue:GetJob", name, err)),
        };
        Ok(job.map(|job| GlueJobSpec {
            name: name.to_string(),
            role: job.role().unwrap_or_default().to_string(),
            script_location: job.command().and_then(|c| c.script_location()).unwrap_or_default().to_string(),
            glue_version: job.glue_version().unwrap_or_default().to_string(),
            worker_type: job.worker_type().map(|w| w.as_str().to_string()).unwrap_or_default(),
            workers: job.number_of_workers().unwrap_or(0).max(0) as u32,
            default_arguments: job
                .default_arguments()
                .map(|args| args.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .unwrap_or_default(),
            description: job.description().unwrap_or_default().to_string(),
        }))
    }

    async fn put_job(&self, spec: &GlueJobSpec, exists: bool) -> Result<()> {
        let arguments = Some(spec.default_arguments.clone().into_iter().collect());
        let worker = WorkerType::from(spec.worker_type.as_str());
        if exists {
            let update = defined!(JobUpdate::builder(), spec, worker, arguments).build();
            self.glue
                .update_job()
                .job_name(&spec.name)
                .job_update(update)
                .send()
                .await
                .map_err(|err| call_failed("glue:UpdateJob", &spec.name, err))?;
        } else {
            defined!(self.glue.create_job().name(&spec.name), spec, worker, arguments)
                .send()
                .await
                .map_err(|err| call_failed("glue:CreateJob", &spec.name, err))?;
        }
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
            vcpu_hours: None,
            memory_gb_hours: None,
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

    async fn start_spark_run(&self, run: &SparkRun) -> Result<String> {
        let submit = SparkSubmit::builder()
            .entry_point(&run.entry_point)
            .set_entry_point_arguments(Some(run.arguments.clone()))
            .build()?;
        let out = self
            .emr
            .start_job_run()
            .application_id(&run.application)
            .execution_role_arn(&run.role)
            .name(&run.name)
            .job_driver(JobDriver::SparkSubmit(submit))
            .send()
            .await
            .map_err(|err| call_failed("emr-serverless:StartJobRun", &run.application, err))?;
        Ok(out.job_run_id().to_string())
    }

    async fn spark_run(&self, application: &str, run_id: &str) -> Result<JobRun> {
        let out =
            self.emr.get_job_run().application_id(application).job_run_id(run_id).send().await.map_err(
                |err| call_failed("emr-serverless:GetJobRun", &format!("{application} run {run_id}"), err),
            )?;
        let run = out.job_run();
        let state = run.map(|r| r.state().clone()).unwrap_or(EmrRunState::Running);
        let finished = matches!(state, EmrRunState::Success | EmrRunState::Failed | EmrRunState::Cancelled);
        let billed = run.and_then(|r| r.billed_resource_utilization());
        Ok(JobRun {
            id: run_id.to_string(),
            state: state.as_str().to_string(),
            finished,
            succeeded: state == EmrRunState::Success,
            error: run.map(|r| r.state_details().to_string()).filter(|d| !d.is_empty()),
            execution_seconds: run
                .and_then(|r| r.total_execution_duration_seconds())
                .map(|s| s.max(0) as u64),
            dpu_seconds: None,
            vcpu_hours: billed.and_then(|b| b.v_cpu_hour()),
            memory_gb_hours: billed.and_then(|b| b.memory_gb_hour()),
        })
    }
}
