//! The embedded platform: the lake as files under the data directory, laid out exactly as the S3
//! keys would be (`raw/year=YYYY/month=MM/day=DD/…`), and the catalog as a JSON file beside it.

mod activity;
mod catalog;
mod costs;
mod delivery;
mod lifecycle;
mod log_filter;
mod logs;
mod query;
mod store;
mod stream;
mod workflows;

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Result;
use async_trait::async_trait;

pub use catalog::{CATALOG_FILE, LocalCatalog};
pub use delivery::LocalDelivery;
pub use lifecycle::{LIFECYCLE_FILE, LocalLifecycle};
pub use logs::{LOG_FILE, LocalLogs};
pub use query::LocalQuery;
pub use store::LocalStore;
pub use workflows::PIPELINE_DIR;

use super::{
    Backend, CheckStatus, FunctionSpec, FunctionState, FunctionTrigger, Functions, GlueJobSpec, Identity,
    Invocation, JobRun, Jobs, ObjectStore, Platform, PostureCheck, Resource, ResourceState, SparkRun,
};
use crate::error::not_supported;
use crate::layout::{Area, area_location};
use crate::pricing::Prices;
use crate::settings::Settings;

/// The local stream's name when `firehose_stream` is not set.
pub const DEFAULT_STREAM: &str = "clickstream";
/// The local data stream's name when `kinesis_stream` is not set.
pub const DEFAULT_DATA_STREAM: &str = "clickstream-events";

pub fn connect(settings: &Settings) -> Result<Backend> {
    let root = settings.data_dir.value.clone();
    let objects: Arc<dyn ObjectStore> = Arc::new(LocalStore::new(root.clone()));
    let catalog = Arc::new(LocalCatalog::new(root.join(CATALOG_FILE), objects.clone()));
    let stream = settings.firehose_stream.value.clone().unwrap_or_else(|| DEFAULT_STREAM.to_string());
    let delivery: Arc<dyn super::Delivery> = Arc::new(LocalDelivery::new(
        objects.clone(),
        area_location(settings, Area::Raw)?,
        settings.raw_layout.value,
        stream,
    ));
    let data_stream =
        settings.kinesis_stream.value.clone().unwrap_or_else(|| DEFAULT_DATA_STREAM.to_string());
    let activity_log = root.join(activity::ACTIVITY_LOG);
    let mut areas = Vec::new();
    for area in Area::ALL {
        areas.push((area, area_location(settings, area)?));
    }
    let costs = costs::LocalCosts::new(
        objects.clone(),
        crate::pipeline::Lake::from_settings(settings)?,
        areas,
        activity_log.clone(),
        Prices::from_settings(settings),
    );
    Ok(Backend {
        objects: objects.clone(),
        catalog: catalog.clone(),
        query: Arc::new(LocalQuery::new(catalog)),
        lifecycle: Arc::new(LocalLifecycle::new(root.join(LIFECYCLE_FILE))),
        costs: Arc::new(costs),
        metrics: Arc::new(activity::ActivityMetrics::new(activity_log)),
        logs: Arc::new(LocalLogs::new(&root)),
        stream: Arc::new(stream::LocalStream::new(&root, data_stream, delivery.clone())),
        platform: Arc::new(LocalPlatform { data_dir: root, env_name: settings.env_name.value.clone() }),
        delivery,
        jobs: Arc::new(LocalJobs),
        functions: Arc::new(LocalFunctions),
        warehouse: Arc::new(LocalWarehouse),
        workflows: Arc::new(workflows::LocalWorkflows::new(&settings.data_dir.value)),
    })
}

const NO_GLUE: &str = "the local backend has no Glue: its transform runs in the bdctl process (`bdctl transform`, `bdctl backfill`); deploy to an aws environment";

/// The local platform has no warehouse: its embedded engine reads the lake in place.
pub struct LocalWarehouse;

const NO_WAREHOUSE: &str = "the local backend has no Redshift: its warehouse is the embedded engine, which reads the lake in place (`bdctl query`); Redshift needs an aws environment with redshift_cluster or redshift_workgroup";

#[async_trait]
impl super::Warehouse for LocalWarehouse {
    fn check_available(&self) -> Result<()> {
        Err(not_supported(NO_WAREHOUSE))
    }
    fn target(&self) -> String {
        "the embedded engine".into()
    }
    fn serverless(&self) -> bool {
        false
    }
    async fn run_statements(
        &self,
        _statements: &[String],
        _deadline: Option<std::time::Instant>,
        _reporter: &dyn super::Reporter,
    ) -> Result<super::StatementsOutcome> {
        Err(not_supported(NO_WAREHOUSE))
    }
    fn engine(&self) -> Result<Arc<dyn super::QueryEngine>> {
        Err(not_supported(NO_WAREHOUSE))
    }
}

/// The local platform runs no functions: `bdctl transform` is its transform.
pub struct LocalFunctions;

const NO_FUNCTIONS: &str = "the local backend has no Lambda: its transform runs in the bdctl process (`bdctl transform`); deploy to an aws environment";

#[async_trait]
impl Functions for LocalFunctions {
    fn check_available(&self) -> Result<()> {
        Err(not_supported(NO_FUNCTIONS))
    }
    async fn describe(&self, _name: &str) -> Result<Option<FunctionState>> {
        Err(not_supported(NO_FUNCTIONS))
    }
    async fn create(&self, _spec: &FunctionSpec, _package: bytes::Bytes) -> Result<()> {
        Err(not_supported(NO_FUNCTIONS))
    }
    async fn update_code(&self, _name: &str, _architecture: &str, _package: bytes::Bytes) -> Result<()> {
        Err(not_supported(NO_FUNCTIONS))
    }
    async fn update_configuration(&self, _spec: &FunctionSpec) -> Result<()> {
        Err(not_supported(NO_FUNCTIONS))
    }
    async fn wait_until_ready(&self, _name: &str) -> Result<()> {
        Err(not_supported(NO_FUNCTIONS))
    }
    async fn bucket_may_invoke(&self, _name: &str, _statement_id: &str, _bucket: &str) -> Result<bool> {
        Err(not_supported(NO_FUNCTIONS))
    }
    async fn allow_bucket_to_invoke(&self, _name: &str, _statement_id: &str, _bucket: &str) -> Result<()> {
        Err(not_supported(NO_FUNCTIONS))
    }
    async fn trigger(&self, _bucket: &str, _id: &str) -> Result<Option<FunctionTrigger>> {
        Err(not_supported(NO_FUNCTIONS))
    }
    async fn set_trigger(&self, _bucket: &str, _trigger: &FunctionTrigger) -> Result<()> {
        Err(not_supported(NO_FUNCTIONS))
    }
}

/// The local platform has no remote compute: its transform runs in the bdctl process.
pub struct LocalJobs;

const NO_REMOTE: &str = "--remote runs the transform on AWS Glue, Lambda or EMR Serverless; the local backend transforms in this process (leave out --remote)";

#[async_trait]
impl Jobs for LocalJobs {
    fn check_available(&self) -> Result<()> {
        Err(not_supported(NO_REMOTE))
    }
    fn check_deployable(&self) -> Result<()> {
        Err(not_supported(NO_GLUE))
    }
    async fn describe_job(&self, _name: &str) -> Result<Option<GlueJobSpec>> {
        Err(not_supported(NO_GLUE))
    }
    async fn put_job(&self, _spec: &GlueJobSpec, _exists: bool) -> Result<()> {
        Err(not_supported(NO_GLUE))
    }
    async fn start_job(&self, _job: &str, _arguments: &[(String, String)]) -> Result<String> {
        Err(not_supported(NO_REMOTE))
    }
    async fn job_run(&self, _job: &str, _run_id: &str) -> Result<JobRun> {
        Err(not_supported(NO_REMOTE))
    }
    async fn invoke(&self, _function: &str, _payload: bytes::Bytes) -> Result<Invocation> {
        Err(not_supported(NO_REMOTE))
    }
    async fn start_spark_run(&self, _run: &SparkRun) -> Result<String> {
        Err(not_supported(NO_REMOTE))
    }
    async fn spark_run(&self, _application: &str, _run_id: &str) -> Result<JobRun> {
        Err(not_supported(NO_REMOTE))
    }
}

pub struct LocalPlatform {
    data_dir: PathBuf,
    env_name: String,
}

#[async_trait]
impl Platform for LocalPlatform {
    async fn identity(&self) -> Result<Identity> {
        let principal = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "local user".to_string());
        let scope = self.data_dir.display().to_string();
        Ok(Identity {
            detail: format!("as {principal}"),
            target: scope.clone(),
            checked: "data directory",
            principal,
            scope,
        })
    }

    async fn check_access(
        &self,
        _identity: &Identity,
        _grants: &[crate::access::Grant],
    ) -> Result<crate::access::AccessVerdict> {
        Err(not_supported(
            "IAM permissions exist only on AWS; the local backend needs a writable data directory",
        ))
    }

    async fn describe(&self, resource: &Resource) -> Result<ResourceState> {
        Err(not_supported(format!("a {} exists only on AWS", resource.kind())))
    }

    fn check_policy_applies(&self) -> Result<()> {
        Err(not_supported(format!(
            "environment `{}` runs on the local backend, which needs no IAM policy: choose an aws environment with --env",
            self.env_name
        )))
    }

    /// The data directory holds events and query results: only its owner should read it.
    async fn posture(&self, _targets: &super::PostureTargets) -> Vec<PostureCheck> {
        use std::os::unix::fs::PermissionsExt;
        let dir = &self.data_dir;
        let check = |status, detail: String| PostureCheck {
            name: "permissions".into(),
            target: dir.display().to_string(),
            status,
            detail,
        };
        vec![match std::fs::metadata(dir) {
            Ok(meta) => {
                let mode = meta.permissions().mode() & 0o777;
                if mode & 0o077 == 0 {
                    check(CheckStatus::Ok, format!("private to its owner ({mode:o})"))
                } else {
                    check(
                        CheckStatus::Warn,
                        format!("other users can read it ({mode:o}): chmod 700 {}", dir.display()),
                    )
                }
            }
            Err(_) => check(CheckStatus::Ok, "created private (700) on first use".into()),
        }]
    }
}
