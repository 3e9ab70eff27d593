//! Installing the transform function: Lambda's function, its resource policy, and the raw
//! bucket's S3 event notification.

use std::collections::BTreeMap;
use std::future::Future;
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};
use async_trait::async_trait;
use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::{
    Architecture, Environment, FunctionCode, FunctionConfiguration, LastUpdateStatus, Runtime, State,
};
use aws_sdk_s3::types::{
    Event, FilterRule, FilterRuleName, LambdaFunctionConfiguration, NotificationConfiguration,
    NotificationConfigurationFilter, S3KeyFilter,
};
use aws_sdk_sts::config::http::HttpResponse;
use aws_sdk_sts::error::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use bytes::Bytes;

use super::call_failed;
use crate::backend::{FunctionSpec, FunctionState, FunctionTrigger, Functions};

pub struct AwsFunctions {
    lambda: aws_sdk_lambda::Client,
    s3: aws_sdk_s3::Client,
    /// How long a change may take to settle, and the first pause between checks.
    settle: Duration,
    pause: Duration,
}

impl AwsFunctions {
    async fn notifications(
        &self,
        bucket: &str,
    ) -> Result<aws_sdk_s3::operation::get_bucket_notification_configuration::GetBucketNotificationConfigurationOutput>
    {
        self.s3
            .get_bucket_notification_configuration()
            .bucket(bucket)
            .send()
            .await
            .map_err(|err| call_failed("s3:GetBucketNotificationConfiguration", bucket, err))
    }

    pub fn new(lambda: aws_sdk_lambda::Client, s3: aws_sdk_s3::Client) -> Self {
        Self { lambda, s3, settle: Duration::from_secs(300), pause: Duration::from_millis(500) }
    }
}

/// Lambda refuses a change while another is in progress (`ResourceConflictException`): wait and
/// try again until the function settles.
async fn when_settled<T, E, F, Fut>(
    action: &str,
    resource: &str,
    settle: Duration,
    pause: Duration,
    mut call: F,
) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, SdkError<E, HttpResponse>>>,
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    let started = Instant::now();
    let mut delay = pause;
    loop {
        match call().await {
            Ok(out) => return Ok(out),
            Err(err) if err.code() == Some("ResourceConflictException") && started.elapsed() < settle => {
                tracing::debug!("{action} on {resource}: another change is in progress; waiting {delay:?}");
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(Duration::from_secs(5));
            }
            Err(err) => return Err(call_failed(action, resource, err)),
        }
    }
}

fn state_of(config: &FunctionConfiguration) -> FunctionState {
    let environment: BTreeMap<String, String> = config
        .environment()
        .and_then(|e| e.variables())
        .map(|vars| vars.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default();
    FunctionState {
        arn: config.function_arn().unwrap_or_default().to_string(),
        code_sha256: config.code_sha256().unwrap_or_default().to_string(),
        spec: FunctionSpec {
            name: config.function_name().unwrap_or_default().to_string(),
            role: config.role().unwrap_or_default().to_string(),
            architecture: config.architectures().first().map_or("x86_64", |a| a.as_str()).to_string(),
            memory_mb: config.memory_size().unwrap_or(128).max(0) as u32,
            timeout_seconds: config.timeout().unwrap_or(3).max(0) as u32,
            environment,
            runtime: config.runtime().map(|r| r.as_str().to_string()).unwrap_or_default(),
            handler: config.handler().unwrap_or_default().to_string(),
            description: config.description().unwrap_or_default().to_string(),
        },
    }
}

fn environment_of(spec: &FunctionSpec) -> Environment {
    Environment::builder()
        .set_variables(Some(spec.environment.iter().map(|(k, v)| (k.clone(), v.clone())).collect()))
        .build()
}

/// The spec's configuration on a create or update request (two builder types, the same setters).
macro_rules! configured {
    ($request:expr, $spec:expr) => {
        $request
            .function_name(&$spec.name)
            .runtime(Runtime::from($spec.runtime.as_str()))
            .role(&$spec.role)
            .handler(&$spec.handler)
            .description(&$spec.description)
            .memory_size($spec.memory_mb as i32)
            .timeout($spec.timeout_seconds as i32)
            .environment(environment_of($spec))
    };
}

fn bucket_arn(bucket: &str) -> String {
    format!("arn:aws:s3:::{bucket}")
}

/// Whether a resource policy lets `bucket` invoke under `statement_id`.
fn policy_allows(policy: &str, statement_id: &str, bucket: &str) -> bool {
    let Ok(policy) = serde_json::from_str::<serde_json::Value>(policy) else { return false };
    let arn = bucket_arn(bucket);
    policy["Statement"].as_array().into_iter().flatten().any(|statement| {
        statement["Sid"] == statement_id
            && statement["Effect"] == "Allow"
            && statement.pointer("/Condition/ArnLike/AWS:SourceArn").and_then(|v| v.as_str()) == Some(&arn)
    })
}

fn rule_value(filter: Option<&NotificationConfigurationFilter>, name: &FilterRuleName) -> String {
    filter
        .and_then(|f| f.key())
        .map(|k| k.filter_rules())
        .unwrap_or_default()
        .iter()
        .find(|r| r.name() == Some(name))
        .and_then(|r| r.value())
        .unwrap_or_default()
        .to_string()
}

#[async_trait]
impl Functions for AwsFunctions {
    fn check_available(&self) -> Result<()> {
        Ok(())
    }

    async fn describe(&self, name: &str) -> Result<Option<FunctionState>> {
        match self.lambda.get_function().function_name(name).send().await {
            Ok(out) => Ok(out.configuration().map(state_of)),
            Err(err) if err.code() == Some("ResourceNotFoundException") => Ok(None),
            Err(err) => Err(call_failed("lambda:GetFunction", name, err)),
        }
    }

    async fn create(&self, spec: &FunctionSpec, package: Bytes) -> Result<()> {
        // A role made moments ago is not yet assumable by Lambda: that answer is worth waiting out.
        let started = Instant::now();
        loop {
            let result = configured!(self.lambda.create_function(), spec)
                .architectures(Architecture::from(spec.architecture.as_str()))
                .code(FunctionCode::builder().zip_file(Blob::new(package.to_vec())).build())
                .send()
                .await;
            match result {
                Ok(_) => return Ok(()),
                Err(err)
                    if err.code() == Some("InvalidParameterValueException")
                        && err.message().is_some_and(|m| m.contains("cannot be assumed"))
                        && started.elapsed() < Duration::from_secs(30) =>
                {
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
                Err(err) => return Err(call_failed("lambda:CreateFunction", &spec.name, err)),
            }
        }
    }

    async fn update_code(&self, name: &str, architecture: &str, package: Bytes) -> Result<()> {
        when_settled("lambda:UpdateFunctionCode", name, self.settle, self.pause, || {
            self.lambda
                .update_function_code()
                .function_name(name)
                .architectures(Architecture::from(architecture))
                .zip_file(Blob::new(package.to_vec()))
                .send()
        })
        .await
        .map(|_| ())
    }

    async fn update_configuration(&self, spec: &FunctionSpec) -> Result<()> {
        when_settled("lambda:UpdateFunctionConfiguration", &spec.name, self.settle, self.pause, || {
            configured!(self.lambda.update_function_configuration(), spec).send()
        })
        .await
        .map(|_| ())
    }

    async fn wait_until_ready(&self, name: &str) -> Result<()> {
        let started = Instant::now();
        let mut delay = self.pause;
        loop {
            let config = self
                .lambda
                .get_function_configuration()
                .function_name(name)
                .send()
                .await
                .map_err(|err| call_failed("lambda:GetFunctionConfiguration", name, err))?;
            let pending = config.state() == Some(&State::Pending);
            match config.last_update_status() {
                Some(LastUpdateStatus::Failed) => {
                    return Err(anyhow!(
                        "the last update of Lambda function {name} failed: {}",
                        config.last_update_status_reason().unwrap_or("no reason given")
                    ));
                }
                Some(LastUpdateStatus::InProgress) => {}
                _ if !pending => return Ok(()),
                _ => {}
            }
            if config.state() == Some(&State::Failed) {
                return Err(anyhow!(
                    "Lambda function {name} failed to become active: {}",
                    config.state_reason().unwrap_or("no reason given")
                ));
            }
            if started.elapsed() >= self.settle {
                return Err(crate::error::TimedOut(format!(
                    "Lambda function {name} is still updating after {} s",
                    self.settle.as_secs()
                ))
                .into());
            }
            tokio::time::sleep(delay).await;
            delay = (delay * 2).min(Duration::from_secs(5));
        }
    }

    async fn bucket_may_invoke(&self, name: &str, statement_id: &str, bucket: &str) -> Result<bool> {
        match self.lambda.get_policy().function_name(name).send().await {
            Ok(out) => Ok(policy_allows(out.policy().unwrap_or_default(), statement_id, bucket)),
            Err(err) if err.code() == Some("ResourceNotFoundException") => Ok(false),
            Err(err) => Err(call_failed("lambda:GetPolicy", name, err)),
        }
    }

    async fn allow_bucket_to_invoke(&self, name: &str, statement_id: &str, bucket: &str) -> Result<()> {
        // A statement of the same id for another bucket is replaced.
        match self.lambda.remove_permission().function_name(name).statement_id(statement_id).send().await {
            Ok(_) => {}
            Err(err) if err.code() == Some("ResourceNotFoundException") => {}
            Err(err) => return Err(call_failed("lambda:RemovePermission", name, err)),
        }
        when_settled("lambda:AddPermission", name, self.settle, self.pause, || {
            self.lambda
                .add_permission()
                .function_name(name)
                .statement_id(statement_id)
                .action("lambda:InvokeFunction")
                .principal("s3.amazonaws.com")
                .source_arn(bucket_arn(bucket))
                .send()
        })
        .await
        .map(|_| ())
    }

    async fn trigger(&self, bucket: &str, id: &str) -> Result<Option<FunctionTrigger>> {
        let out = self.notifications(bucket).await?;
        Ok(out.lambda_function_configurations().iter().find(|c| c.id() == Some(id)).map(|c| {
            FunctionTrigger {
                id: id.to_string(),
                function_arn: c.lambda_function_arn().to_string(),
                events: c.events().iter().map(|e| e.as_str().to_string()).collect(),
                prefix: rule_value(c.filter(), &FilterRuleName::Prefix),
                suffix: rule_value(c.filter(), &FilterRuleName::Suffix),
            }
        }))
    }

    async fn set_trigger(&self, bucket: &str, trigger: &FunctionTrigger) -> Result<()> {
        let current = self.notifications(bucket).await?;
        let filter = NotificationConfigurationFilter::builder()
            .key(
                S3KeyFilter::builder()
                    .filter_rules(
                        FilterRule::builder().name(FilterRuleName::Prefix).value(&trigger.prefix).build(),
                    )
                    .filter_rules(
                        FilterRule::builder().name(FilterRuleName::Suffix).value(&trigger.suffix).build(),
                    )
                    .build(),
            )
            .build();
        let ours = LambdaFunctionConfiguration::builder()
            .id(&trigger.id)
            .lambda_function_arn(&trigger.function_arn)
            .set_events(Some(trigger.events.iter().map(|e| Event::from(e.as_str())).collect()))
            .filter(filter)
            .build()?;
        let mut functions: Vec<LambdaFunctionConfiguration> = current
            .lambda_function_configurations()
            .iter()
            .filter(|c| c.id() != Some(trigger.id.as_str()))
            .cloned()
            .collect();
        functions.push(ours);
        let configuration = NotificationConfiguration::builder()
            .set_topic_configurations(Some(current.topic_configurations().to_vec()))
            .set_queue_configurations(Some(current.queue_configurations().to_vec()))
            .set_lambda_function_configurations(Some(functions))
            .set_event_bridge_configuration(current.event_bridge_configuration().cloned())
            .build();
        self.s3
            .put_bucket_notification_configuration()
            .bucket(bucket)
            .notification_configuration(configuration)
            .send()
            .await
            .map_err(|err| call_failed("s3:PutBucketNotificationConfiguration", bucket, err))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_policy_allows_the_bucket_only_under_the_statement() {
        let policy = r#"{"Version":"2012-10-17","Statement":[{"Sid":"bdctl-raw-bucket","Effect":"Allow",
            "Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"arn:f",
            "Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::lake"}}}]}"#;
        assert!(policy_allows(policy, "bdctl-raw-bucket", "lake"));
        assert!(!policy_allows(policy, "bdctl-raw-bucket", "other"));
        assert!(!policy_allows(policy, "someone-else", "lake"));
        assert!(!policy_allows("not json", "bdctl-raw-bucket", "lake"));
    }
}
