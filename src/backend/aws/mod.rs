//! AWS through the official SDK. One `SdkConfig` is built from the resolved settings (profile,
//! region, endpoint URL, retries, timeouts) and every service client is made from it.

mod athena;
mod athena_csv;
mod cloudwatch;
mod costs;
mod firehose;
mod functions;
mod glue;
mod jobs;
mod kinesis;
mod lifecycle;
mod logs;
mod partial_retry;
mod platform;
mod posture;
mod redshift;
mod workflows;

mod s3;
mod s3_stream;

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Result, anyhow};
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_sts::config::http::HttpResponse;
use aws_sdk_sts::error::SdkError;
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use super::Backend;
use crate::error::{CredentialsRefused, usage};
use crate::settings::Settings;

/// The service clients bdctl uses, all made from one `SdkConfig`. Tests replace single clients
/// with mocked ones.
#[derive(Clone, Debug)]
pub struct Clients {
    pub s3: aws_sdk_s3::Client,
    pub glue: aws_sdk_glue::Client,
    pub sts: aws_sdk_sts::Client,
    pub iam: aws_sdk_iam::Client,
    pub firehose: aws_sdk_firehose::Client,
    pub kinesis: aws_sdk_kinesis::Client,
    pub lambda: aws_sdk_lambda::Client,
    pub athena: aws_sdk_athena::Client,
    pub costexplorer: aws_sdk_costexplorer::Client,
    pub emrserverless: aws_sdk_emrserverless::Client,
    pub cloudwatch: aws_sdk_cloudwatch::Client,
    pub logs: aws_sdk_cloudwatchlogs::Client,
    pub sfn: aws_sdk_sfn::Client,
    pub redshiftdata: aws_sdk_redshiftdata::Client,
}

/// The S3 client for this configuration.
fn s3_client(conf: &SdkConfig) -> aws_sdk_s3::Client {
    // Emulators and custom endpoints rarely serve virtual-hosted bucket names.
    let path_style = conf.endpoint_url().is_some();
    aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(conf).force_path_style(path_style).build(),
    )
}

impl Clients {
    pub fn new(conf: &SdkConfig) -> Self {
        Self {
            s3: s3_client(conf),
            glue: aws_sdk_glue::Client::new(conf),
            sts: aws_sdk_sts::Client::new(conf),
            iam: aws_sdk_iam::Client::new(conf),
            firehose: aws_sdk_firehose::Client::new(conf),
            kinesis: aws_sdk_kinesis::Client::new(conf),
            lambda: aws_sdk_lambda::Client::new(conf),
            athena: aws_sdk_athena::Client::new(conf),
            cloudwatch: aws_sdk_cloudwatch::Client::new(conf),
            logs: aws_sdk_cloudwatchlogs::Client::new(conf),
            emrserverless: aws_sdk_emrserverless::Client::new(conf),
            sfn: aws_sdk_sfn::Client::new(conf),
            redshiftdata: aws_sdk_redshiftdata::Client::new(conf),
            // Cost Explorer answers only in us-east-1, whatever the platform's region.
            costexplorer: aws_sdk_costexplorer::Client::from_conf(
                aws_sdk_costexplorer::config::Builder::from(conf)
                    .region(aws_config::Region::new("us-east-1"))
                    .build(),
            ),
        }
    }
}

/// Builds the SDK configuration the way the aws CLI would, with bdctl's settings on top.
pub async fn sdk_config(settings: &Settings) -> Result<SdkConfig> {
    sdk_config_with(settings, None).await
}

/// As [`sdk_config`], with fixed credentials instead of the default provider chain.
pub async fn sdk_config_with(
    settings: &Settings,
    credentials: Option<aws_sdk_sts::config::Credentials>,
) -> Result<SdkConfig> {
    let http_client = aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(CryptoMode::Ring))
        .build_https();
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .http_client(http_client)
        .retry_config(RetryConfig::standard().with_max_attempts(settings.max_attempts.value))
        // A server that accepts and never answers costs `read_timeout_seconds` per attempt, not
        // forever; a refused connection fails at once.
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(10))
                .read_timeout(Duration::from_secs(u64::from(settings.read_timeout_seconds.value)))
                .build(),
        );
    if let Some(profile) = &settings.profile.value {
        loader = loader.profile_name(profile);
    }
    if let Some(region) = &settings.region.value {
        loader = loader.region(Region::new(region.clone()));
    }
    if let Some(url) = &settings.endpoint_url.value {
        loader = loader.endpoint_url(url);
    }
    if let Some(credentials) = credentials {
        loader = loader.credentials_provider(credentials);
    }
    let conf = loader.load().await;
    if conf.region().is_none() {
        return Err(usage(format!(
            "no AWS region for environment `{}`: set `region` in bdctl.toml, pass --region or set AWS_REGION",
            settings.env_name.value
        )));
    }
    Ok(conf)
}

pub async fn connect(settings: &Settings) -> Result<Backend> {
    let conf = sdk_config(settings).await?;
    let mut clients = Clients::new(&conf);
    if let Some(url) = &settings.lambda_endpoint_url.value {
        clients.lambda = aws_sdk_lambda::Client::from_conf(
            aws_sdk_lambda::config::Builder::from(&conf).endpoint_url(url).build(),
        );
    }
    Ok(from_clients(clients, settings))
}

/// The S3 store alone, for the transform function: it links no other service's client.
pub async fn connect_object_store(settings: &Settings) -> Result<Arc<dyn super::ObjectStore>> {
    let conf = sdk_config(settings).await?;
    Ok(Arc::new(s3::S3Store::new(s3_client(&conf))))
}

/// The backend over these clients, for the resources the settings name.
pub fn from_clients(clients: Clients, settings: &Settings) -> Backend {
    Backend {
        objects: Arc::new(s3::S3Store::new(clients.s3.clone())),
        catalog: Arc::new(glue::GlueCatalog::new(clients.glue.clone())),
        platform: Arc::new(platform::AwsPlatform::new(clients.clone())),
        delivery: Arc::new(firehose::FirehoseDelivery::new(
            clients.firehose.clone(),
            settings.firehose_stream.value.clone(),
        )),
        stream: Arc::new(kinesis::KinesisStream::new(
            clients.kinesis.clone(),
            settings.kinesis_stream.value.clone(),
        )),
        jobs: Arc::new(jobs::AwsJobs::new(
            clients.glue.clone(),
            clients.lambda.clone(),
            clients.emrserverless.clone(),
        )),
        functions: Arc::new(functions::AwsFunctions::new(clients.lambda.clone(), clients.s3.clone())),
        workflows: Arc::new(workflows::StepFunctions::new(clients.sfn.clone())),
        lifecycle: Arc::new(lifecycle::S3Lifecycle::new(clients.s3.clone())),
        costs: Arc::new(costs::CostExplorer::new(
            clients.costexplorer.clone(),
            settings.data_dir.value.join("cache"),
            chrono::Duration::minutes(i64::from(settings.cost_cache_minutes.value)),
        )),
        metrics: Arc::new(cloudwatch::CloudWatchMetrics::new(clients.cloudwatch.clone(), settings)),
        logs: Arc::new(logs::CloudWatchLogs::new(&clients, settings)),
        warehouse: Arc::new(redshift::RedshiftData::new(clients.redshiftdata.clone(), settings)),
        query: Arc::new(athena::AthenaQuery::new(
            clients.athena.clone(),
            clients.s3.clone(),
            settings
                .results_bucket
                .value
                .as_ref()
                .map(|b| format!("s3://{b}/{}", settings.results_prefix.value)),
            settings.athena_results.value,
        )),
    }
}

/// How long to wait before the next look at a running statement: 200 ms, doubling up to 5 s.
pub(crate) fn poll_delay(attempt: u32) -> Duration {
    Duration::from_millis((200u64 << attempt.min(5)).min(5_000))
}

/// One line for a failed call: the action, the resource, and the service's code and message
/// (or, when the request never got an answer, why: no credentials, connection refused, timeout).
pub(crate) fn call_failed<E>(action: &str, resource: &str, err: SdkError<E, HttpResponse>) -> anyhow::Error
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    match &err {
        SdkError::ServiceError(service) => {
            let inner = service.err();
            let code = match inner.code() {
                Some(code) => code.to_string(),
                None => format!("HTTP {}", service.raw().status().as_u16()),
            };
            let text = match inner.message().filter(|m| !m.is_empty()) {
                Some(message) => format!("{action} on {resource} failed: {code}: {message}"),
                None => format!("{action} on {resource} failed: {code}"),
            };
            if CREDENTIAL_CODES.contains(&code.as_str()) {
                anyhow::Error::new(CredentialsRefused(text))
            } else {
                anyhow!(text)
            }
        }
        // The raw answer stays out of the message: it is long, and may echo request details.
        SdkError::ResponseError(_) => {
            let reason = std::error::Error::source(&err).map(|s| s.to_string()).unwrap_or_default();
            anyhow!("{action} on {resource} failed: the answer could not be read: {reason}")
        }
        _ => {
            let text = format!("{action} on {resource} failed: {}", causes(&err));
            // The request was never sent because no usable credentials could be loaded.
            if text.contains("credentials") {
                anyhow::Error::new(CredentialsRefused(text))
            } else {
                anyhow!(text)
            }
        }
    }
}

/// An error and its sources on one line, each said once (the SDK's own rendering adds a debug
/// dump of the raw answer).
fn causes(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !text.is_empty() && !parts.iter().any(|seen| seen.contains(&text)) {
            parts.push(text);
        }
        source = cause.source();
    }
    parts.join(": ")
}

/// Service error codes that mean the credentials themselves were refused.
const CREDENTIAL_CODES: [&str; 11] = [
    "ExpiredToken",
    "ExpiredTokenException",
    "RequestExpired",
    "TokenRefreshRequired",
    "InvalidClientTokenId",
    "UnrecognizedClientException",
    "InvalidAccessKeyId",
    "InvalidToken",
    "SignatureDoesNotMatch",
    "InvalidSignatureException",
    "AuthFailure",
];
