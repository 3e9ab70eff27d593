//! One suite of promises per capability, kept by both backends: every assertion runs once against
//! the local backend (a fresh data directory) and once against the aws backend on the moto server
//! that `scripts/test` starts. Where a backend cannot do something at all, it must say so with
//! `NotSupported`, never with another error. Calls the emulator cannot serve are answered by
//! aws-smithy-mocks, in `mocked`.

#[path = "../common/mod.rs"]
mod common;

mod catalog;
mod costs;
mod delivery;
mod jobs;
mod lifecycle;
mod logs;
mod metrics;
mod mocked;
mod objects;
mod platform;
mod query;
mod stream;

use bdctl::backend::Backend;
use bdctl::error::is_not_supported;
use bdctl::settings::Settings;
use common::moto::{
    create_bucket, create_data_stream, create_glue_job, create_stream, moto_clients, settings_for,
};
use common::{moto_config, moto_endpoint, unique};

/// A backend under test, with the resources its assertions use.
pub struct Target {
    pub name: &'static str,
    pub backend: Backend,
    pub settings: Settings,
    /// The bucket of the lake's areas (`""` on local: the data directory itself).
    pub bucket: String,
    /// A Glue job that exists, where the platform has jobs.
    pub glue_job: Option<String>,
    /// The moto server, for seeding what the emulator answers.
    pub endpoint: Option<String>,
    pub clients: Option<bdctl::backend::aws::Clients>,
    _dir: tempfile::TempDir,
}

/// The local backend on a fresh data directory.
pub async fn local() -> Target {
    let dir = tempfile::tempdir().unwrap();
    let settings = settings_for(dir.path(), "[env.lab]\nbackend = \"local\"\ndata_dir = \"lake\"\n");
    let backend = bdctl::backend::factory::connect(&settings).await.unwrap();
    Target {
        name: "local",
        backend,
        settings,
        bucket: String::new(),
        glue_job: None,
        endpoint: None,
        clients: None,
        _dir: dir,
    }
}

/// The aws backend on the moto server, with a bucket for every area, a delivery stream into the
/// raw prefix and a Glue job; `None` (skipped) outside `scripts/test`.
pub async fn aws() -> Option<Target> {
    let endpoint = moto_endpoint()?;
    let clients = moto_clients(&endpoint).await;
    let bucket = unique("conformance");
    create_bucket(&clients, &bucket).await;
    let stream = create_stream(&clients, &bucket).await;
    let job = create_glue_job(&clients).await;
    let data_stream = create_data_stream(&clients, 2).await;
    let database = unique("conformance").replace('-', "_");
    let dir = tempfile::tempdir().unwrap();
    let config = moto_config(
        &endpoint,
        &[
            ("raw_bucket", &bucket),
            ("transformed_bucket", &bucket),
            ("results_bucket", &bucket),
            ("firehose_stream", &stream),
            ("kinesis_stream", &data_stream),
            ("glue_job", &job),
            ("glue_database", &database),
        ],
    );
    let settings = settings_for(dir.path(), &config);
    let backend = bdctl::backend::aws::from_clients(clients.clone(), &settings);
    Some(Target {
        name: "aws",
        backend,
        settings,
        bucket,
        glue_job: Some(job),
        endpoint: Some(endpoint),
        clients: Some(clients),
        _dir: dir,
    })
}

/// Either the call worked, or the backend says it cannot do this at all: any other error fails.
pub fn supported<T>(target: &Target, what: &str, result: anyhow::Result<T>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(err) if is_not_supported(&err) => None,
        Err(err) => panic!("{}: {what} failed instead of answering NotSupported: {err:#}", target.name),
    }
}

/// One test per backend for each capability's suite.
macro_rules! on_both_backends {
    ($($capability:ident),+ $(,)?) => {
        $(
            mod $capability {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn local() {
                    crate::$capability::conformance(&crate::local().await).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn aws() {
                    let Some(target) = crate::aws().await else { return };
                    crate::$capability::conformance(&target).await;
                }
            }
        )+
    };
}

mod conformance_of {
    on_both_backends!(
        objects, catalog, query, delivery, stream, lifecycle, metrics, logs, costs, jobs, platform
    );
}
