//! The embedded platform: the lake as files under the data directory, laid out exactly as the S3
//! keys would be (`raw/year=YYYY/month=MM/day=DD/…`), and the catalog as a JSON file beside it.

mod catalog;
mod store;

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Result;
use async_trait::async_trait;

pub use catalog::{CATALOG_FILE, LocalCatalog};
pub use store::LocalStore;

use super::{Backend, Identity, Platform};
use crate::settings::{BackendKind, Settings};

pub fn connect(settings: &Settings) -> Backend {
    let root = settings.data_dir.value.clone();
    Backend {
        kind: BackendKind::Local,
        objects: Arc::new(LocalStore::new(root.clone())),
        catalog: Arc::new(LocalCatalog::new(root.join(CATALOG_FILE))),
        platform: Arc::new(LocalPlatform { data_dir: root }),
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
        Ok(Identity {
            principal,
            scope: self.data_dir.display().to_string(),
        })
    }
}
