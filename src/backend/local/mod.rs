//! The embedded platform: the lake as files under the data directory, laid out exactly as the S3
//! keys would be (`raw/year=YYYY/month=MM/day=DD/…`), and the catalog as a JSON file beside it.

pub mod activity;
mod catalog;
mod delivery;
mod lifecycle;
mod parquet_files;
mod query;
mod store;

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Result;
use async_trait::async_trait;

pub use catalog::{CATALOG_FILE, LocalCatalog};
pub use delivery::LocalDelivery;
pub use lifecycle::{LIFECYCLE_FILE, LocalLifecycle};
pub use query::LocalQuery;
pub use store::LocalStore;
pub(crate) use store::StagedFile;

/// Writes a file of the data directory (a cache, a log) readable by the user only.
pub fn write_private(path: &std::path::Path, body: &[u8]) -> std::io::Result<()> {
    store::write_atomically(path, body)
}

use super::{Area, Backend, Identity, Invocation, JobRun, Jobs, ObjectStore, Platform, area_location};
use crate::error::usage;
use crate::settings::{BackendKind, Settings};

/// The local stream's name when `firehose_stream` is not set.
pub const DEFAULT_STREAM: &str = "clickstream";

pub fn connect(settings: &Settings) -> Result<Backend> {
    let root = settings.data_dir.value.clone();
    let objects: Arc<dyn ObjectStore> = Arc::new(LocalStore::new(root.clone()));
    let catalog = Arc::new(LocalCatalog::new(root.join(CATALOG_FILE)));
    let stream = settings.firehose_stream.value.clone().unwrap_or_else(|| DEFAULT_STREAM.to_string());
    let delivery = LocalDelivery::new(
        objects.clone(),
        area_location(settings, Area::Raw)?,
        settings.raw_layout.value,
        stream,
    );
    Ok(Backend {
        kind: BackendKind::Local,
        objects,
        catalog: catalog.clone(),
        query: Arc::new(LocalQuery::new(catalog)),
        lifecycle: Arc::new(LocalLifecycle::new(root.join(LIFECYCLE_FILE))),
        costs: Arc::new(NoCostExplorer),
        metrics: Arc::new(activity::ActivityMetrics::new(root.join(activity::ACTIVITY_LOG))),
        platform: Arc::new(LocalPlatform { data_dir: root }),
        delivery: Arc::new(delivery),
        jobs: Arc::new(LocalJobs),
    })
}

/// The local platform has no bill: `bdctl costs` estimates what its volume would cost on AWS.
pub struct NoCostExplorer;

#[async_trait]
impl super::Costs for NoCostExplorer {
    async fn cost_and_usage(&self, _query: &super::CostQuery) -> Result<Vec<super::CostLine>> {
        Err(usage("Cost Explorer exists only on AWS: on local, `bdctl costs` estimates the lake's cost"))
    }
    async fn forecast(&self, _query: &super::CostQuery) -> Result<(f64, String)> {
        Err(usage("Cost Explorer exists only on AWS: on local, `bdctl costs` estimates the lake's cost"))
    }
}

/// The local platform has no remote compute: its transform runs in the bdctl process.
pub struct LocalJobs;

const NO_REMOTE: &str = "remote transforms run on AWS (Glue, Lambda); the local backend transforms in this process: leave out --remote";

#[async_trait]
impl Jobs for LocalJobs {
    async fn start_job(&self, _job: &str, _arguments: &[(String, String)]) -> Result<String> {
        Err(usage(NO_REMOTE))
    }
    async fn job_run(&self, _job: &str, _run_id: &str) -> Result<JobRun> {
        Err(usage(NO_REMOTE))
    }
    async fn invoke(&self, _function: &str, _payload: bytes::Bytes) -> Result<Invocation> {
        Err(usage(NO_REMOTE))
    }
}

pub struct LocalPlatform {
    data_dir: PathBuf,
}

#[async_trait]
impl Platform for LocalPlatform {
    async fn identity(&self) -> Result<Identity> {
        let principal = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "local user".to_string());
        Ok(Identity { principal, scope: self.data_dir.display().to_string() })
    }

    async fn check_access(
        &self,
        _identity: &Identity,
        _grants: &[crate::access::Grant],
    ) -> Result<crate::access::AccessVerdict> {
        Err(usage("IAM permissions exist only on AWS; the local backend needs a writable data directory"))
    }

    async fn describe(&self, resource: &super::Resource) -> Result<super::ResourceState> {
        Err(usage(format!("a {} exists only on AWS", resource.kind())))
    }
}
