//! SQL through Athena: start with a client request token (a retried call never runs the query
//! twice), poll with backoff, stop the query on Ctrl-C, and page through typed results.

use std::time::Duration;

use anyhow::Result;
use async_trait::async_trait;
use aws_sdk_athena::types::{QueryExecution, QueryExecutionContext, ResultConfiguration, StatementType};
use serde_json::Value;

use super::call_failed;
use crate::backend::{QueryEngine, QueryRequest, QueryStats, QueryStatus, RowSink};
use crate::error::{Interrupted, RemoteFailed};

pub struct AthenaQuery {
    client: aws_sdk_athena::Client,
    /// `s3://results_bucket/results_prefix`, when configured; otherwise the workgroup's.
    output_location: Option<String>,
}

impl AthenaQuery {
    pub fn new(client: aws_sdk_athena::Client, output_location: Option<String>) -> Self {
        Self { client, output_location }
    }

    async fn stop(&self, id: &str) {
        if let Err(err) = self.cancel(id).await {
            tracing::warn!("stopping query {id}: {err}");
        }
    }
}

fn poll_delay(attempt: u32) -> Duration {
    Duration::from_millis((200u64 << attempt.min(5)).min(5_000))
}

/// A cell as typed by Athena's result metadata.
pub fn typed(value: Option<&str>, athena_type: &str) -> Value {
    let Some(text) = value else { return Value::Null };
    match athena_type {
        "tinyint" | "smallint" | "integer" | "int" | "bigint" => {
            text.parse::<i64>().map(Value::from).unwrap_or_else(|_| Value::from(text))
        }
        "float" | "real" | "double" | "decimal" => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .unwrap_or_else(|| Value::from(text)),
        "boolean" => match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::from(text),
        },
        _ => Value::from(text),
    }
}

fn status_of(id: &str, execution: &QueryExecution) -> QueryStatus {
    let statistics = execution.statistics();
    QueryStatus {
        id: id.to_string(),
        state: execution.status().and_then(|s| s.state()).map_or("QUEUED", |s| s.as_str()).to_string(),
        reason: execution.status().and_then(|s| s.state_change_reason()).map(str::to_string),
        stats: QueryStats {
            query_id: Some(id.to_string()),
            rows: 0,
            bytes_scanned: statistics.and_then(|s| s.data_scanned_in_bytes()).unwrap_or(0).max(0) as u64,
            engine_millis: statistics.and_then(|s| s.engine_execution_time_in_millis()).unwrap_or(0).max(0)
                as u64,
            is_ddl: execution.statement_type() == Some(&StatementType::Ddl),
        },
    }
}

#[async_trait]
impl QueryEngine for AthenaQuery {
    async fn execute(&self, request: &QueryRequest, sink: &mut dyn RowSink) -> Result<QueryStats> {
        let id = self.submit(request).await?;
        let mut attempt = 0;
        let status = loop {
            let status = tokio::select! {
                status = self.status(&id) => status?,
                () = crate::error::interrupted() => {
                    self.stop(&id).await;
                    return Err(Interrupted.into());
                }
            };
            sink.progress(&status.state, status.stats.bytes_scanned);
            match status.state.as_str() {
                "SUCCEEDED" => break status,
                "FAILED" | "CANCELLED" => {
                    let reason = status.reason.as_deref().unwrap_or("no reason given");
                    return Err(RemoteFailed(format!("query {id} {}: {reason}", status.state)).into());
                }
                _ => {}
            }
            tokio::select! {
                () = tokio::time::sleep(poll_delay(attempt)) => {}
                () = crate::error::interrupted() => {
                    self.stop(&id).await;
                    return Err(Interrupted.into());
                }
            }
            attempt += 1;
        };
        let mut stats = status.stats;
        stats.rows = self.results(&id, sink).await?;
        Ok(stats)
    }

    async fn submit(&self, request: &QueryRequest) -> Result<String> {
        let mut start = self
            .client
            .start_query_execution()
            .query_string(&request.sql)
            .query_execution_context(QueryExecutionContext::builder().database(&request.database).build())
            .work_group(&request.workgroup)
            // A retried call with the same token does not start the query twice.
            .client_request_token(uuid::Uuid::new_v4().to_string());
        if !request.params.is_empty() {
            start = start.set_execution_parameters(Some(request.params.clone()));
        }
        if let Some(location) = &self.output_location {
            start =
                start.result_configuration(ResultConfiguration::builder().output_location(location).build());
        }
        let started = start
            .send()
            .await
            .map_err(|err| call_failed("athena:StartQueryExecution", &request.workgroup, err))?;
        Ok(started.query_execution_id().unwrap_or_default().to_string())
    }

    async fn status(&self, id: &str) -> Result<QueryStatus> {
        let out = self
            .client
            .get_query_execution()
            .query_execution_id(id)
            .send()
            .await
            .map_err(|err| call_failed("athena:GetQueryExecution", id, err))?;
        let execution = out.query_execution().cloned().unwrap_or_else(|| QueryExecution::builder().build());
        Ok(status_of(id, &execution))
    }

    async fn results(&self, id: &str, sink: &mut dyn RowSink) -> Result<u64> {
        let mut pages = self.client.get_query_results().query_execution_id(id).into_paginator().send();
        let mut types: Vec<String> = Vec::new();
        let mut first_page = true;
        let mut count = 0;
        while let Some(page) = pages.next().await {
            let page = page.map_err(|err| call_failed("athena:GetQueryResults", id, err))?;
            let Some(result_set) = page.result_set() else { continue };
            let mut rows = result_set.rows().iter().peekable();
            if first_page {
                first_page = false;
                let info = result_set.result_set_metadata().map(|m| m.column_info()).unwrap_or_default();
                let names: Vec<String> = info.iter().map(|c| c.name().to_string()).collect();
                types = info.iter().map(|c| c.r#type().to_ascii_lowercase()).collect();
                sink.columns(&names)?;
                // SELECT results start with a row of column names.
                if let Some(header) = rows.peek() {
                    let values: Vec<Option<&str>> =
                        header.data().iter().map(|d| d.var_char_value()).collect();
                    if !names.is_empty() && values.iter().zip(&names).all(|(v, n)| *v == Some(n.as_str())) {
                        rows.next();
                    }
                }
            }
            for row in rows {
                let values = row
                    .data()
                    .iter()
                    .enumerate()
                    .map(|(i, d)| typed(d.var_char_value(), types.get(i).map_or("varchar", String::as_str)))
                    .collect();
                sink.row(values)?;
                count += 1;
            }
        }
        Ok(count)
    }

    async fn cancel(&self, id: &str) -> Result<()> {
        self.client
            .stop_query_execution()
            .query_execution_id(id)
            .send()
            .await
            .map_err(|err| call_failed("athena:StopQueryExecution", id, err))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_typed_by_metadata() {
        assert_eq!(typed(Some("42"), "bigint"), Value::from(42));
        assert_eq!(typed(Some("1.5"), "double"), Value::from(1.5));
        assert_eq!(typed(Some("true"), "boolean"), Value::Bool(true));
        assert_eq!(typed(Some("US"), "varchar"), Value::from("US"));
        assert_eq!(typed(None, "bigint"), Value::Null);
    }
}
