//! Lifecycle rules of the local lake, kept in `lifecycle.json` in the data directory.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, Result};
use async_trait::async_trait;

use crate::backend::{Enforcement, Lifecycle, LifecycleRule};
use crate::files::write_atomically;

pub const LIFECYCLE_FILE: &str = "lifecycle.json";

pub struct LocalLifecycle {
    path: PathBuf,
}

impl LocalLifecycle {
    pub fn new(path: PathBuf) -> Self {
        Self { path }
    }

    async fn read(&self) -> Result<BTreeMap<String, Vec<LifecycleRule>>> {
        match tokio::fs::read(&self.path).await {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .with_context(|| format!("{} is not valid", self.path.display())),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
            Err(err) => Err(err).with_context(|| format!("reading {}", self.path.display())),
        }
    }
}

#[async_trait]
impl Lifecycle for LocalLifecycle {
    fn enforcement(&self) -> Enforcement {
        Enforcement::OnApply
    }

    fn store_rules(&self) -> Vec<LifecycleRule> {
        Vec::new()
    }

    async fn rules(&self, bucket: &str) -> Result<Vec<LifecycleRule>> {
        Ok(self.read().await?.remove(bucket).unwrap_or_default())
    }

    async fn put_managed(&self, bucket: &str, managed: &[LifecycleRule]) -> Result<()> {
        let mut all = self.read().await?;
        let rules = all.entry(bucket.to_string()).or_default();
        rules.retain(|r| !r.is_managed());
        rules.extend(managed.iter().cloned());
        let body = serde_json::to_vec_pretty(&all)?;
        let path = self.path.clone();
        tokio::task::spawn_blocking(move || write_atomically(&path, &body))
            .await?
            .with_context(|| format!("writing {}", self.path.display()))
    }
}
