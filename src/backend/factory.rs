//! The one place that knows which backend an environment uses: it connects the capabilities of
//! that backend from the resolved settings. Everything else talks to the capabilities.

use std::sync::Arc;

use anyhow::Result;

use super::{Backend, ObjectStore, aws, local};
use crate::error::usage;
use crate::settings::{BackendKind, Settings};

/// The backend the environment names, connected.
pub async fn connect(settings: &Settings) -> Result<Backend> {
    match settings.backend.value {
        BackendKind::Local => local::connect(settings),
        BackendKind::Aws => aws::connect(settings).await,
    }
}

/// The object store of the environment alone: all the transform function needs.
pub async fn connect_object_store(settings: &Settings) -> Result<Arc<dyn ObjectStore>> {
    match settings.backend.value {
        BackendKind::Local => Ok(Arc::new(local::LocalStore::new(settings.data_dir.value.clone()))),
        BackendKind::Aws => aws::connect_object_store(settings).await,
    }
}

/// The embedded local backend, for what runs only there (the demo); `refusal` says why, for an
/// environment on another backend.
pub fn connect_embedded(settings: &Settings, refusal: impl FnOnce(&Settings) -> String) -> Result<Backend> {
    match settings.backend.value {
        BackendKind::Local => local::connect(settings),
        BackendKind::Aws => Err(usage(refusal(settings))),
    }
}
