use anyhow::Result;
use async_trait::async_trait;

use super::call_failed;
use crate::backend::{Catalog, Column, TableInfo, TableLookup};

pub struct GlueCatalog {
    client: aws_sdk_glue::Client,
}

impl GlueCatalog {
    pub fn new(client: aws_sdk_glue::Client) -> Self {
        Self { client }
    }
}

fn columns(list: &[aws_sdk_glue::types::Column]) -> Vec<Column> {
    list.iter()
        .map(|c| Column { name: c.name().to_string(), data_type: c.r#type().unwrap_or("").to_string() })
        .collect()
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
            Err(err) => {
                return Err(call_failed("glue:GetTable", &format!("{database}.{table}"), err));
            }
        };
        let Some(found) = out.table() else {
            return Ok(TableLookup::TableMissing);
        };
        let descriptor = found.storage_descriptor();
        Ok(TableLookup::Found(Box::new(TableInfo {
            database: database.to_string(),
            name: found.name().to_string(),
            location: descriptor.and_then(|d| d.location()).unwrap_or("").to_string(),
            columns: descriptor.map(|d| columns(d.columns())).unwrap_or_default(),
            partition_keys: columns(found.partition_keys()),
        })))
    }
}
