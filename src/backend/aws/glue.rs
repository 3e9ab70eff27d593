//! The Glue Data Catalog: tables of Parquet data with Hive-style date partitions.

use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use async_trait::async_trait;
use aws_sdk_glue::types::{
    Column as GlueColumn, DatabaseInput, PartitionInput, SerDeInfo, StorageDescriptor, TableInput,
};

use super::call_failed;
use crate::backend::{
    Catalog, Change, Column, CrawlRequest, CrawlerStatus, NotFound, PartitionInfo, Reporter, TableInfo,
    TableLookup,
};
use crate::discover;
use crate::error::{RemoteFailed, TimedOut, usage};

/// BatchCreatePartition takes at most this many partitions per call.
const PARTITION_BATCH: usize = 100;

pub struct GlueCatalog {
    client: aws_sdk_glue::Client,
}

impl GlueCatalog {
    pub fn new(client: aws_sdk_glue::Client) -> Self {
        Self { client }
    }

    async fn storage_descriptor(&self, database: &str, table: &str) -> Result<StorageDescriptor> {
        let out = self
            .client
            .get_table()
            .database_name(database)
            .name(table)
            .send()
            .await
            .map_err(|err| call_failed("glue:GetTable", &format!("{database}.{table}"), err))?;
        match out.table().and_then(|t| t.storage_descriptor()) {
            Some(descriptor) => Ok(descriptor.clone()),
            None => bail!("table {database}.{table} has no storage descriptor"),
        }
    }
}

fn table_info(database: &str, found: &aws_sdk_glue::types::Table) -> TableInfo {
    let descriptor = found.storage_descriptor();
    TableInfo {
        database: database.to_string(),
        name: found.name().to_string(),
        location: descriptor.and_then(|d| d.location()).unwrap_or("").to_string(),
        columns: descriptor.map(|d| columns(d.columns())).unwrap_or_default(),
        partition_keys: columns(found.partition_keys()),
        parameters: found
            .parameters()
            .map(|p| p.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default(),
    }
}

fn columns(list: &[GlueColumn]) -> Vec<Column> {
    list.iter()
        .map(|c| Column { name: c.name().to_string(), data_type: c.r#type().unwrap_or("").to_string() })
        .collect()
}

fn glue_columns(list: &[Column]) -> Result<Vec<GlueColumn>> {
    list.iter().map(|c| Ok(GlueColumn::builder().name(&c.name).r#type(&c.data_type).build()?)).collect()
}

/// A Parquet table as Athena reads it.
fn parquet_descriptor(table: &TableInfo) -> Result<StorageDescriptor> {
    Ok(StorageDescriptor::builder()
        .set_columns(Some(glue_columns(&table.columns)?))
        .location(&table.location)
        .input_format("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
        .output_format("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
        .serde_info(
            SerDeInfo::builder()
                .serialization_library("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
                .build(),
        )
        .build())
}

#[async_trait]
impl Catalog for GlueCatalog {
    async fn lookup_table(&self, database: &str, table: &str) -> Result<TableLookup> {
        match self.client.get_database().name(database).send().await {
            Ok(_) => {}
            Err(err) if err.as_service_error().is_some_and(|e| e.is_entity_not_found_exception()) => {
                return Ok(TableLookup::DatabaseMissing);
            }
            Err(err) => return Err(call_failed("glue:GetDatabase", database, err)),
        }
        let out = match self.client.get_table().database_name(database).name(table).send().await {
            Ok(out) => out,
            Err(err) if err.as_service_error().is_some_and(|e| e.is_entity_not_found_exception()) => {
                return Ok(TableLookup::TableMissing);
            }
            Err(err) => return Err(call_failed("glue:GetTable", &format!("{database}.{table}"), err)),
        };
        let Some(found) = out.table() else { return Ok(TableLookup::TableMissing) };
        Ok(TableLookup::Found(Box::new(table_info(database, found))))
    }

    async fn list_tables(&self, database: &str) -> Result<Vec<TableInfo>> {
        let mut pages = self.client.get_tables().database_name(database).into_paginator().send();
        let mut tables = Vec::new();
        while let Some(page) = pages.next().await {
            match page {
                Ok(page) => tables.extend(page.table_list().iter().map(|t| table_info(database, t))),
                Err(err) if err.as_service_error().is_some_and(|e| e.is_entity_not_found_exception()) => {
                    return Ok(Vec::new());
                }
                Err(err) => return Err(call_failed("glue:GetTables", database, err)),
            }
        }
        tables.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(tables)
    }

    async fn ensure_database(&self, database: &str) -> Result<()> {
        match self.client.get_database().name(database).send().await {
            Ok(_) => Ok(()),
            Err(err) if err.as_service_error().is_some_and(|e| e.is_entity_not_found_exception()) => {
                self.client
                    .create_database()
                    .database_input(DatabaseInput::builder().name(database).build()?)
                    .send()
                    .await
                    .map_err(|err| call_failed("glue:CreateDatabase", database, err))?;
                Ok(())
            }
            Err(err) => Err(call_failed("glue:GetDatabase", database, err)),
        }
    }

    async fn put_table(&self, table: &TableInfo) -> Result<()> {
        let name = format!("{}.{}", table.database, table.name);
        let input = TableInput::builder()
            .name(&table.name)
            .table_type("EXTERNAL_TABLE")
            .set_parameters(Some(table.parameters.clone().into_iter().collect()))
            .storage_descriptor(parquet_descriptor(table)?)
            .set_partition_keys(Some(glue_columns(&table.partition_keys)?))
            .build()?;
        match self
            .client
            .create_table()
            .database_name(&table.database)
            .table_input(input.clone())
            .send()
            .await
        {
            Ok(_) => Ok(()),
            Err(err) if err.as_service_error().is_some_and(|e| e.is_already_exists_exception()) => {
                self.client
                    .update_table()
                    .database_name(&table.database)
                    .table_input(input)
                    .send()
                    .await
                    .map_err(|err| call_failed("glue:UpdateTable", &name, err))?;
                Ok(())
            }
            Err(err) => Err(call_failed("glue:CreateTable", &name, err)),
        }
    }

    async fn list_partitions(&self, database: &str, table: &str) -> Result<Vec<PartitionInfo>> {
        let mut pages =
            self.client.get_partitions().database_name(database).table_name(table).into_paginator().send();
        let mut out = Vec::new();
        while let Some(page) = pages.next().await {
            let page =
                page.map_err(|err| call_failed("glue:GetPartitions", &format!("{database}.{table}"), err))?;
            for partition in page.partitions() {
                out.push(PartitionInfo {
                    values: partition.values().to_vec(),
                    location: partition
                        .storage_descriptor()
                        .and_then(|d| d.location())
                        .unwrap_or("")
                        .to_string(),
                });
            }
        }
        out.sort();
        Ok(out)
    }

    async fn add_partitions(
        &self,
        database: &str,
        table: &str,
        partitions: &[PartitionInfo],
    ) -> Result<usize> {
        if partitions.is_empty() {
            return Ok(0);
        }
        let name = format!("{database}.{table}");
        // Partitions share the table's formats and columns; only the location differs.
        let descriptor = self.storage_descriptor(database, table).await?;
        let mut added = 0;
        for chunk in partitions.chunks(PARTITION_BATCH) {
            let inputs: Vec<PartitionInput> = chunk
                .iter()
                .map(|p| {
                    let mut sd = descriptor.clone();
                    sd.location = Some(p.location.clone());
                    PartitionInput::builder()
                        .set_values(Some(p.values.clone()))
                        .storage_descriptor(sd)
                        .build()
                })
                .collect();
            let out = self
                .client
                .batch_create_partition()
                .database_name(database)
                .table_name(table)
                .set_partition_input_list(Some(inputs))
                .send()
                .await
                .map_err(|err| call_failed("glue:BatchCreatePartition", &name, err))?;
            let mut failed = 0;
            for error in out.errors() {
                let code = error.error_detail().and_then(|d| d.error_code()).unwrap_or("");
                if code != "AlreadyExistsException" {
                    bail!(
                        "glue:BatchCreatePartition on {name} failed for {:?}: {code}: {}",
                        error.partition_values(),
                        error.error_detail().and_then(|d| d.error_message()).unwrap_or("")
                    );
                }
                failed += 1;
            }
            added += chunk.len() - failed;
        }
        Ok(added)
    }

    async fn set_partition_location(
        &self,
        database: &str,
        table: &str,
        partition: &PartitionInfo,
    ) -> Result<()> {
        let name = format!("{database}.{table} {:?}", partition.values);
        let existing = match self
            .client
            .get_partition()
            .database_name(database)
            .table_name(table)
            .set_partition_values(Some(partition.values.clone()))
            .send()
            .await
        {
            Ok(out) => out.partition,
            Err(err) if err.as_service_error().is_some_and(|e| e.is_entity_not_found_exception()) => None,
            Err(err) => return Err(call_failed("glue:GetPartition", &name, err)),
        };
        let Some(existing) = existing else {
            self.add_partitions(database, table, std::slice::from_ref(partition)).await?;
            return Ok(());
        };
        // Everything else of the partition (its formats, columns, parameters) stays as it is.
        let mut descriptor = match existing.storage_descriptor {
            Some(descriptor) => descriptor,
            None => self.storage_descriptor(database, table).await?,
        };
        descriptor.location = Some(partition.location.clone());
        let input = PartitionInput::builder()
            .set_values(Some(partition.values.clone()))
            .storage_descriptor(descriptor)
            .set_parameters(existing.parameters)
            .build();
        self.client
            .update_partition()
            .database_name(database)
            .table_name(table)
            .set_partition_value_list(Some(partition.values.clone()))
            .partition_input(input)
            .send()
            .await
            .map_err(|err| call_failed("glue:UpdatePartition", &name, err))?;
        Ok(())
    }

    async fn start_crawler(&self, name: &str) -> Result<bool> {
        match self.client.start_crawler().name(name).send().await {
            Ok(_) => Ok(true),
            Err(err) if err.as_service_error().is_some_and(|e| e.is_crawler_running_exception()) => Ok(false),
            Err(err) => Err(call_failed("glue:StartCrawler", name, err)),
        }
    }

    async fn crawler_status(&self, name: &str) -> Result<CrawlerStatus> {
        let out = self.client.get_crawler().name(name).send().await.map_err(|err| {
            match err.as_service_error() {
                Some(e) if e.is_entity_not_found_exception() => NotFound(format!("crawler {name}")).into(),
                _ => call_failed("glue:GetCrawler", name, err),
            }
        })?;
        let crawler = out.crawler();
        let last = crawler.and_then(|c| c.last_crawl());
        Ok(CrawlerStatus {
            state: crawler
                .and_then(|c| c.state())
                .map(|s| s.as_str().to_string())
                .unwrap_or_else(|| "READY".into()),
            last_status: last.and_then(|l| l.status()).map(|s| s.as_str().to_string()),
            last_error: last.and_then(|l| l.error_message()).map(str::to_string),
        })
    }

    /// The Glue crawler: start it (or attach to its running crawl), wait for it, and diff the
    /// catalog before and after.
    async fn crawl(&self, request: &CrawlRequest, reporter: &dyn Reporter) -> Result<Option<Vec<Change>>> {
        let Some(crawler) = request.crawler.clone() else {
            return Err(usage(format!(
                "`glue_crawler` is not set for environment `{}` (bdctl.toml or BDCTL_GLUE_CRAWLER)",
                request.environment
            )));
        };
        let (before_table, before_partitions) =
            discover::snapshot(self, &request.database, &request.table).await?;
        let started = self.start_crawler(&crawler).await?;
        reporter.notice(&if started {
            format!("started crawler {crawler}")
        } else {
            format!("crawler {crawler} is already running: waiting for that crawl")
        });
        if !request.wait {
            return Ok(None);
        }
        reporter.status(&format!("crawler {crawler}"));
        let since = Instant::now();
        let mut attempt = 0;
        let status = loop {
            let status = self.crawler_status(&crawler).await?;
            reporter.status(&format!("crawler {crawler}: {}", status.state));
            // A crawl just started may still read READY for a moment: wait for it to leave READY once.
            if status.state == "READY" && (attempt > 0 || !started) {
                break status;
            }
            if since.elapsed() >= request.timeout {
                return Err(TimedOut(format!(
                    "crawler {crawler} is still {} after {}; it goes on in AWS Glue",
                    status.state,
                    humantime::format_duration(Duration::from_secs(request.timeout.as_secs()))
                ))
                .into());
            }
            tokio::time::sleep(crawl_poll_delay(attempt)).await;
            attempt += 1;
        };
        if status.last_status.as_deref().is_some_and(|s| s != "SUCCEEDED") {
            return Err(RemoteFailed(format!(
                "crawler {crawler} ended {}: {}",
                status.last_status.unwrap_or_default(),
                status.last_error.as_deref().unwrap_or("no error message")
            ))
            .into());
        }
        let (after_table, after_partitions) =
            discover::snapshot(self, &request.database, &request.table).await?;
        let mut changes = match &after_table {
            Some(table) => discover::table_changes(before_table.as_ref(), table),
            None => Vec::new(),
        };
        if before_table.is_some() && after_table.is_none() {
            changes.push(Change {
                kind: "table",
                action: "deleted",
                name: format!("{}.{}", request.database, request.table),
                detail: String::new(),
            });
        }
        changes.extend(discover::partition_changes(&before_partitions, &after_partitions));
        if let Some(status) = status.last_status {
            reporter.notice(&format!("last crawl: {status}"));
        }
        Ok(Some(changes))
    }

    /// The crawler writes tables into a database that must exist.
    fn crawl_creates_database(&self) -> bool {
        false
    }
}

fn crawl_poll_delay(attempt: u32) -> Duration {
    Duration::from_millis((1000u64 << attempt.min(4)).min(15_000))
}
