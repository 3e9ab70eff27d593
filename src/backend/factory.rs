//! The one place that knows which backend an environment uses: it connects the capabilities of
//! that backend from the resolved settings. Everything else talks to the capabilities.

use anyhow::Result;

use super::{Backend, aws, local};
use crate::error::usage;
use crate::settings::{BackendKind, Settings};

/// The backend the environment names, connected.
pub async fn connect(settings: &Settings) -> Result<Backend> {
    match settings.backend.value {
        BackendKind::Local => local::connect(settings),
        BackendKind::Aws => aws::connect(settings).await,
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
