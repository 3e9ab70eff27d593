//! Installing the transform function: what the environment wants (function, permission, bucket
//! notification) against what exists, as a plan of steps, then applied in the order Lambda and
//! S3 need (S3 checks that it may invoke the function when the notification is set).

use anyhow::Result;

use crate::backend::{
    FunctionSpec, FunctionState, FunctionTrigger, Functions, GlueJobSpec, Jobs, ObjectStore, Reporter,
};
use crate::lambda::package::Package;
use crate::pricing::human_bytes;

/// The resource-policy statement that lets the raw bucket invoke the function.
pub const STATEMENT_ID: &str = "bdctl-raw-bucket";
/// The bucket notification bdctl owns; every other one is left as it is.
pub const TRIGGER_ID: &str = "bdctl-transform";
pub const RUNTIME: &str = "provided.al2023";
pub const HANDLER: &str = "bootstrap";
/// Firehose writes gzip objects; the function is invoked for those.
pub const TRIGGER_SUFFIX: &str = ".gz";
pub const TRIGGER_EVENT: &str = "s3:ObjectCreated:*";

/// What the environment wants deployed.
pub struct Deployment {
    pub spec: FunctionSpec,
    pub package: Package,
    pub bucket: String,
    pub prefix: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Create,
    ReplaceCode { from: String },
    Configure { changes: Vec<String> },
    AllowBucket,
    SetTrigger { replaces: Option<FunctionTrigger> },
}

impl Step {
    /// (step, resource, change) for the plan table.
    pub fn describe(&self, deployment: &Deployment) -> (String, String, String) {
        let resource = match self {
            Step::SetTrigger { .. } => format!("s3://{}", deployment.bucket),
            _ => deployment.spec.name.clone(),
        };
        let (step, change) = self.step_and_change(deployment);
        (step, resource, change)
    }

    fn step_and_change(&self, deployment: &Deployment) -> (String, String) {
        let spec = &deployment.spec;
        match self {
            Step::Create => (
                "create function".into(),
                format!(
                    "{} {} {} MB, {} s, package {} ({} zip of {})",
                    spec.runtime,
                    spec.architecture,
                    spec.memory_mb,
                    spec.timeout_seconds,
                    short(&deployment.package.sha256),
                    human_bytes(deployment.package.zip.len() as u64),
                    deployment.package.origin
                ),
            ),
            Step::ReplaceCode { from } => (
                "replace code".into(),
                format!(
                    "package {} -> {} ({}, {} zip of {})",
                    short(from),
                    short(&deployment.package.sha256),
                    deployment.package.architecture.lambda_name(),
                    human_bytes(deployment.package.zip.len() as u64),
                    deployment.package.origin
                ),
            ),
            Step::Configure { changes } => ("configure".into(), changes.join("; ")),
            Step::AllowBucket => (
                "allow invocation".into(),
                format!("s3.amazonaws.com from arn:aws:s3:::{}", deployment.bucket),
            ),
            Step::SetTrigger { replaces } => (
                if replaces.is_some() { "update notification" } else { "add notification" }.into(),
                format!(
                    "s3://{}/{}*{} {TRIGGER_EVENT} -> {}",
                    deployment.bucket, deployment.prefix, TRIGGER_SUFFIX, spec.name
                ),
            ),
        }
    }
}

fn short(sha: &str) -> &str {
    &sha[..sha.len().min(12)]
}

/// What differs in the configuration, as `key: old -> new`.
pub fn configuration_changes(current: &FunctionSpec, wanted: &FunctionSpec) -> Vec<String> {
    let mut changes = Vec::new();
    let mut differ = |key: &str, old: String, new: String| {
        if old != new {
            changes.push(format!("{key}: {old} -> {new}"));
        }
    };
    differ("role", current.role.clone(), wanted.role.clone());
    differ("memory", format!("{} MB", current.memory_mb), format!("{} MB", wanted.memory_mb));
    differ("timeout", format!("{} s", current.timeout_seconds), format!("{} s", wanted.timeout_seconds));
    differ("runtime", current.runtime.clone(), wanted.runtime.clone());
    differ("handler", current.handler.clone(), wanted.handler.clone());
    differ("description", current.description.clone(), wanted.description.clone());
    for (name, value) in &wanted.environment {
        match current.environment.get(name) {
            Some(old) if old == value => {}
            Some(old) => changes.push(format!("{name}: {old} -> {value}")),
            None => changes.push(format!("{name}: (unset) -> {value}")),
        }
    }
    for name in current.environment.keys().filter(|n| !wanted.environment.contains_key(*n)) {
        changes.push(format!("{name}: removed"));
    }
    changes
}

fn wanted_trigger(deployment: &Deployment, function_arn: &str) -> FunctionTrigger {
    FunctionTrigger {
        id: TRIGGER_ID.to_string(),
        function_arn: function_arn.to_string(),
        events: vec![TRIGGER_EVENT.to_string()],
        prefix: deployment.prefix.clone(),
        suffix: TRIGGER_SUFFIX.to_string(),
    }
}

/// The steps that bring what exists to what the deployment wants; none when it is current.
pub async fn plan(
    functions: &dyn Functions,
    deployment: &Deployment,
) -> Result<(Option<FunctionState>, Vec<Step>)> {
    functions.check_available()?;
    let name = &deployment.spec.name;
    let current = functions.describe(name).await?;
    let mut steps = Vec::new();
    let arn = match &current {
        None => {
            steps.push(Step::Create);
            None
        }
        Some(state) => {
            if state.code_sha256 != deployment.package.sha256
                || state.spec.architecture != deployment.spec.architecture
            {
                steps.push(Step::ReplaceCode { from: state.code_sha256.clone() });
            }
            let changes = configuration_changes(&state.spec, &deployment.spec);
            if !changes.is_empty() {
                steps.push(Step::Configure { changes });
            }
            if !functions.bucket_may_invoke(name, STATEMENT_ID, &deployment.bucket).await? {
                steps.push(Step::AllowBucket);
            }
            Some(state.arn.clone())
        }
    };
    if current.is_none() {
        steps.push(Step::AllowBucket);
    }
    let existing = functions.trigger(&deployment.bucket, TRIGGER_ID).await?;
    let current_matches = match (&existing, &arn) {
        (Some(trigger), Some(arn)) => *trigger == wanted_trigger(deployment, arn),
        _ => false,
    };
    if !current_matches {
        steps.push(Step::SetTrigger { replaces: existing });
    }
    Ok((current, steps))
}

/// Carries the steps out, waiting for each change to take effect before the next.
pub async fn apply(
    functions: &dyn Functions,
    deployment: &Deployment,
    steps: &[Step],
    reporter: &dyn Reporter,
) -> Result<()> {
    let spec = &deployment.spec;
    let name = &spec.name;
    let package = || bytes::Bytes::from(deployment.package.zip.clone());
    for step in steps {
        match step {
            Step::Create => {
                reporter.status(&format!("creating Lambda function {name}"));
                functions.create(spec, package()).await?;
                functions.wait_until_ready(name).await?;
            }
            Step::ReplaceCode { .. } => {
                reporter.status(&format!("replacing the code of {name}"));
                functions.update_code(name, &spec.architecture, package()).await?;
                functions.wait_until_ready(name).await?;
            }
            Step::Configure { .. } => {
                reporter.status(&format!("configuring {name}"));
                functions.update_configuration(spec).await?;
                functions.wait_until_ready(name).await?;
            }
            Step::AllowBucket => {
                reporter.status(&format!("letting s3://{} invoke {name}", deployment.bucket));
                functions.allow_bucket_to_invoke(name, STATEMENT_ID, &deployment.bucket).await?;
            }
            Step::SetTrigger { .. } => {
                let arn = match functions.describe(name).await? {
                    Some(state) => state.arn,
                    None => return Err(crate::backend::NotFound(format!("Lambda function {name}")).into()),
                };
                reporter.status(&format!("setting the notification of s3://{}", deployment.bucket));
                functions.set_trigger(&deployment.bucket, &wanted_trigger(deployment, &arn)).await?;
            }
        }
    }
    Ok(())
}

/// What the environment wants of the Glue job, and where its script goes.
pub struct GlueDeployment {
    pub spec: GlueJobSpec,
    pub script_bucket: String,
    pub script_key: String,
    pub script: &'static str,
}

#[derive(Debug, Clone, PartialEq)]
pub enum GlueStep {
    UploadScript,
    Create,
    Update { changes: Vec<String> },
}

impl GlueStep {
    /// (step, resource, change) for the plan table.
    pub fn describe(&self, deployment: &GlueDeployment) -> (String, String, String) {
        let spec = &deployment.spec;
        match self {
            GlueStep::UploadScript => (
                "upload script".into(),
                format!("s3://{}/{}", deployment.script_bucket, deployment.script_key),
                human_bytes(deployment.script.len() as u64),
            ),
            GlueStep::Create => (
                "create job".into(),
                spec.name.clone(),
                format!(
                    "Glue {} {} × {}, {}",
                    spec.glue_version, spec.workers, spec.worker_type, spec.script_location
                ),
            ),
            GlueStep::Update { changes } => ("update job".into(), spec.name.clone(), changes.join("; ")),
        }
    }
}

/// The job as deployed: the wanted spec with the arguments someone else added kept.
pub fn merged_job(current: Option<&GlueJobSpec>, wanted: &GlueJobSpec) -> GlueJobSpec {
    let mut merged = wanted.clone();
    if let Some(current) = current {
        for (name, value) in &current.default_arguments {
            merged.default_arguments.entry(name.clone()).or_insert_with(|| value.clone());
        }
    }
    merged
}

fn job_changes(current: &GlueJobSpec, wanted: &GlueJobSpec) -> Vec<String> {
    let mut changes = Vec::new();
    let mut differ = |key: &str, old: String, new: String| {
        if old != new {
            changes.push(format!("{key}: {old} -> {new}"));
        }
    };
    differ("role", current.role.clone(), wanted.role.clone());
    differ("script", current.script_location.clone(), wanted.script_location.clone());
    differ("glue version", current.glue_version.clone(), wanted.glue_version.clone());
    differ("worker type", current.worker_type.clone(), wanted.worker_type.clone());
    differ("workers", current.workers.to_string(), wanted.workers.to_string());
    differ("description", current.description.clone(), wanted.description.clone());
    for (name, value) in &wanted.default_arguments {
        match current.default_arguments.get(name) {
            Some(old) if old == value => {}
            Some(old) => changes.push(format!("{name}: {old} -> {value}")),
            None => changes.push(format!("{name}: (unset) -> {value}")),
        }
    }
    changes
}

/// Whether the script is at its place already (its name carries its hash).
pub async fn script_uploaded(
    objects: &dyn ObjectStore,
    bucket: &str,
    key: &str,
    script: &str,
) -> Result<bool> {
    let listed = objects.list(bucket, key).await?;
    Ok(listed.iter().any(|o| o.key == key && o.size == script.len() as u64))
}

/// The steps that bring the job and its script to what the deployment wants.
pub async fn plan_glue(
    jobs: &dyn Jobs,
    objects: &dyn ObjectStore,
    deployment: &GlueDeployment,
) -> Result<(Option<GlueJobSpec>, Vec<GlueStep>)> {
    let current = jobs.describe_job(&deployment.spec.name).await?;
    let mut steps = Vec::new();
    if !script_uploaded(objects, &deployment.script_bucket, &deployment.script_key, deployment.script).await?
    {
        steps.push(GlueStep::UploadScript);
    }
    match &current {
        None => steps.push(GlueStep::Create),
        Some(current) => {
            let changes = job_changes(current, &merged_job(Some(current), &deployment.spec));
            if !changes.is_empty() {
                steps.push(GlueStep::Update { changes });
            }
        }
    }
    Ok((current, steps))
}

pub async fn apply_glue(
    jobs: &dyn Jobs,
    objects: &dyn ObjectStore,
    deployment: &GlueDeployment,
    current: Option<&GlueJobSpec>,
    steps: &[GlueStep],
    reporter: &dyn Reporter,
) -> Result<()> {
    for step in steps {
        match step {
            GlueStep::UploadScript => {
                reporter.status(&format!(
                    "uploading s3://{}/{}",
                    deployment.script_bucket, deployment.script_key
                ));
                objects
                    .put(
                        &deployment.script_bucket,
                        &deployment.script_key,
                        bytes::Bytes::from_static(deployment.script.as_bytes()),
                    )
                    .await?;
            }
            GlueStep::Create | GlueStep::Update { .. } => {
                reporter.status(&format!("writing Glue job {}", deployment.spec.name));
                jobs.put_job(&merged_job(current, &deployment.spec), current.is_some()).await?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn spec() -> FunctionSpec {
        FunctionSpec {
            name: "f".into(),
            role: "arn:aws:iam::1:role/r".into(),
            architecture: "arm64".into(),
            memory_mb: 1024,
            timeout_seconds: 300,
            environment: BTreeMap::from([("BDCTL_RAW_BUCKET".to_string(), "lake".to_string())]),
            runtime: RUNTIME.into(),
            handler: HANDLER.into(),
            description: "d".into(),
        }
    }

    #[test]
    fn configuration_changes_name_each_difference() {
        assert!(configuration_changes(&spec(), &spec()).is_empty());
        let mut current = spec();
        current.memory_mb = 512;
        current.environment.insert("OLD".into(), "1".into());
        current.environment.insert("BDCTL_RAW_BUCKET".into(), "other".into());
        assert_eq!(
            configuration_changes(&current, &spec()),
            vec!["memory: 512 MB -> 1024 MB", "BDCTL_RAW_BUCKET: other -> lake", "OLD: removed"]
        );
    }
}
