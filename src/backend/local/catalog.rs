//! The local data catalog: databases and tables in one JSON file in the data directory.

use std::collections::BTreeMap;
use std::io;
use std::path::PathBuf;

use anyhow::{Context, Result};
use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::backend::{Catalog, TableInfo, TableLookup};

pub const CATALOG_FILE: &str = "catalog.json";

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct CatalogDocument {
    #[serde(default)]
    pub databases: BTreeMap<String, DatabaseDocument>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct DatabaseDocument {
    #[serde(default)]
    pub tables: BTreeMap<String, TableInfo>,
}

pub struct LocalCatalog {
    path: PathBuf,
}

impl LocalCatalog {
    pub fn new(path: PathBuf) -> Self {
        Self { path }
    }

    pub(crate) async fn read(&self) -> Result<CatalogDocument> {
        match tokio::fs::read(&self.path).await {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .with_context(|| format!("{} is not a valid catalog", self.path.display())),
            Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(CatalogDocument::default()),
            Err(err) => Err(err).with_context(|| format!("reading {}", self.path.display())),
        }
    }
}

#[async_trait]
impl Catalog for LocalCatalog {
    async fn lookup_table(&self, database: &str, table: &str) -> Result<TableLookup> {
        let document = self.read().await?;
        Ok(match document.databases.get(database) {
            None => TableLookup::DatabaseMissing,
            Some(db) => match db.tables.get(table) {
                None => TableLookup::TableMissing,
                Some(info) => TableLookup::Found(Box::new(info.clone())),
            },
        })
    }
}
