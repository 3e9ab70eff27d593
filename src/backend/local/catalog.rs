//! The local data catalog: databases, tables and partitions in one JSON file in the data
//! directory, rewritten atomically on every change.

use std::collections::BTreeMap;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

use crate::backend::{
    Catalog, Change, CrawlRequest, CrawlerStatus, ObjectStore, PartitionInfo, Reporter, TableInfo,
    TableLookup,
};
use crate::discover;
use crate::error::not_supported;
use crate::files::write_atomically;

const NO_CRAWLER: &str = "the local catalog has no Glue crawler: `bdctl crawl` reads the local lake itself";

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
    #[serde(default)]
    pub partitions: BTreeMap<String, Vec<PartitionInfo>>,
}

impl CatalogDocument {
    /// A table's partitions, created empty (with its database) when missing.
    fn partitions_mut(&mut self, database: &str, table: &str) -> &mut Vec<PartitionInfo> {
        self.databases
            .entry(database.to_string())
            .or_default()
            .partitions
            .entry(table.to_string())
            .or_default()
    }
}

pub struct LocalCatalog {
    path: PathBuf,
    /// Read-modify-write of the file is serialized within the process.
    lock: Mutex<()>,
    /// The lake the crawler reads.
    objects: Arc<dyn ObjectStore>,
}

impl LocalCatalog {
    pub fn new(path: PathBuf, objects: Arc<dyn ObjectStore>) -> Self {
        Self { path, lock: Mutex::new(()), objects }
    }

    pub(crate) async fn read(&self) -> Result<CatalogDocument> {
        // A read of a few kilobytes, in place: a blocking thread started for it cost a query
        // more than the read.
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .with_context(|| format!("{} is not a valid catalog", self.path.display())),
            Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(CatalogDocument::default()),
            Err(err) => Err(err).with_context(|| format!("reading {}", self.path.display())),
        }
    }

    async fn update<T>(&self, change: impl FnOnce(&mut CatalogDocument) -> T) -> Result<T> {
        let _guard = self.lock.lock().await;
        let mut document = self.read().await?;
        let result = change(&mut document);
        let body = serde_json::to_vec_pretty(&document)?;
        let path = self.path.clone();
        tokio::task::spawn_blocking(move || write_atomically(&path, &body))
            .await?
            .with_context(|| format!("writing {}", self.path.display()))?;
        Ok(result)
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

    async fn list_tables(&self, database: &str) -> Result<Vec<TableInfo>> {
        let document = self.read().await?;
        Ok(document
            .databases
            .get(database)
            .map(|db| db.tables.values().cloned().collect())
            .unwrap_or_default())
    }

    async fn ensure_database(&self, database: &str) -> Result<()> {
        if self.read().await?.databases.contains_key(database) {
            return Ok(());
        }
        self.update(|doc| {
            doc.databases.entry(database.to_string()).or_default();
        })
        .await
    }

    async fn put_table(&self, table: &TableInfo) -> Result<()> {
        self.update(|doc| {
            let db = doc.databases.entry(table.database.clone()).or_default();
            db.tables.insert(table.name.clone(), table.clone());
        })
        .await
    }

    async fn list_partitions(&self, database: &str, table: &str) -> Result<Vec<PartitionInfo>> {
        let document = self.read().await?;
        let mut partitions = document
            .databases
            .get(database)
            .and_then(|db| db.partitions.get(table))
            .cloned()
            .unwrap_or_default();
        partitions.sort();
        Ok(partitions)
    }

    async fn add_partitions(
        &self,
        database: &str,
        table: &str,
        partitions: &[PartitionInfo],
    ) -> Result<usize> {
        self.update(|doc| {
            let list = doc.partitions_mut(database, table);
            let mut added = 0;
            for partition in partitions {
                if !list.iter().any(|p| p.values == partition.values) {
                    list.push(partition.clone());
                    added += 1;
                }
            }
            list.sort();
            added
        })
        .await
    }

    async fn set_partition_location(
        &self,
        database: &str,
        table: &str,
        partition: &PartitionInfo,
    ) -> Result<()> {
        self.update(|doc| {
            let list = doc.partitions_mut(database, table);
            match list.iter_mut().find(|p| p.values == partition.values) {
                Some(existing) => existing.location = partition.location.clone(),
                None => list.push(partition.clone()),
            }
            list.sort();
        })
        .await
    }

    async fn start_crawler(&self, _name: &str) -> Result<bool> {
        Err(not_supported(NO_CRAWLER))
    }

    async fn crawler_status(&self, _name: &str) -> Result<CrawlerStatus> {
        Err(not_supported(NO_CRAWLER))
    }

    /// The local crawler: the partitions from the files' keys, the columns from the newest
    /// footer of each partition, merged; the table written only when it changed.
    async fn crawl(&self, request: &CrawlRequest, reporter: &dyn Reporter) -> Result<Option<Vec<Change>>> {
        let Some(lake) = &request.lake else { bail!("the environment names no transformed area to crawl") };
        let crawl = discover::crawl_footers(
            self,
            self.objects.as_ref(),
            lake,
            &request.database,
            &request.table,
            reporter,
        )
        .await?;
        discover::apply_footer_crawl(self, &crawl).await?;
        reporter.notice(&crawl.summary());
        Ok(Some(crawl.changes))
    }

    fn crawl_creates_database(&self) -> bool {
        true
    }
}
