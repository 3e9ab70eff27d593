//! SQL through Athena: start with a client request token (a retried call never runs the query
//! twice), poll with backoff, stop the query on Ctrl-C, and read typed results: through
//! `GetQueryResults` when they fit in its first page, by streaming the result CSV from S3 when
//! they do not (one request instead of one per 1,000 rows).

use anyhow::Result;
use async_trait::async_trait;
use aws_sdk_athena::types::{QueryExecution, QueryExecutionContext, ResultConfiguration, StatementType};
use serde_json::Value;

use super::athena_csv::{CsvRecords, Record};
use super::{call_failed, poll_delay};
use crate::backend::{QueryEngine, QueryRequest, QueryStats, QueryStatus, ResultColumn, RowSink, ValueKind};
use crate::error::{Interrupted, RemoteFailed, StopRequest};
use crate::settings::AthenaResults;

/// The most rows one `GetQueryResults` page holds.
const PAGE_ROWS: i32 = 1000;

pub struct AthenaQuery {
    client: aws_sdk_athena::Client,
    s3: aws_sdk_s3::Client,
    /// `s3://results_bucket/results_prefix`, when configured; otherwise the workgroup's.
    output_location: Option<String>,
    read_via: AthenaResults,
}

impl AthenaQuery {
    pub fn new(
        client: aws_sdk_athena::Client,
        s3: aws_sdk_s3::Client,
        output_location: Option<String>,
        read_via: AthenaResults,
    ) -> Self {
        Self { client, s3, output_location, read_via }
    }

    async fn execution(&self, id: &str) -> Result<QueryExecution> {
        let out = self
            .client
            .get_query_execution()
            .query_execution_id(id)
            .send()
            .await
            .map_err(|err| call_failed("athena:GetQueryExecution", id, err))?;
        Ok(out.query_execution().cloned().unwrap_or_else(|| QueryExecution::builder().build()))
    }

    /// Where Athena wrote the query's result CSV.
    async fn result_location(&self, id: &str) -> Result<Option<(String, String)>> {
        let execution = self.execution(id).await?;
        let location = execution
            .result_configuration()
            .and_then(|r| r.output_location())
            .and_then(|l| l.strip_prefix("s3://"))
            .and_then(|l| l.split_once('/'))
            .map(|(bucket, key)| (bucket.to_string(), key.to_string()));
        Ok(location)
    }

    /// Streams the result CSV into the sink; the first record is the header.
    async fn stream_csv(
        &self,
        bucket: &str,
        key: &str,
        kinds: &[ValueKind],
        sink: &mut dyn RowSink,
    ) -> Result<u64> {
        let uri = format!("s3://{bucket}/{key}");
        tracing::debug!("reading the result CSV {uri}");
        let out = self
            .s3
            .get_object()
            .bucket(bucket)
            .key(key)
            .send()
            .await
            .map_err(|err| call_failed("s3:GetObject", &uri, err))?;
        let mut body = out.body;
        let mut reader = CsvRecords::new();
        let mut records: Vec<Record> = Vec::new();
        let mut header_seen = false;
        let mut count = 0;
        let mut emit = |records: &mut Vec<Record>, sink: &mut dyn RowSink| -> Result<()> {
            for record in records.drain(..) {
                if !header_seen {
                    header_seen = true;
                    continue;
                }
                sink.row(typed_record(record, kinds))?;
                count += 1;
            }
            Ok(())
        };
        while let Some(chunk) =
            body.try_next().await.map_err(|err| anyhow::anyhow!("reading {uri}: {err}"))?
        {
            reader.feed(&chunk, &mut records);
            emit(&mut records, sink)?;
        }
        records.extend(reader.finish());
        emit(&mut records, sink)?;
        Ok(count)
    }

    async fn stop(&self, id: &str) {
        if let Err(err) = self.cancel(id).await {
            tracing::warn!("stopping query {id}: {err}");
        }
    }
}

/// What an Athena type holds.
pub fn kind_of(athena_type: &str) -> ValueKind {
    match athena_type.to_ascii_lowercase().as_str() {
        "tinyint" | "smallint" | "integer" | "int" | "bigint" => ValueKind::Integer,
        "float" | "real" | "double" | "decimal" => ValueKind::Float,
        "boolean" => ValueKind::Boolean,
        _ => ValueKind::Text,
    }
}

/// A cell as typed by Athena's result metadata.
pub fn typed(value: Option<&str>, kind: ValueKind) -> Value {
    let Some(text) = value else { return Value::Null };
    match kind {
        ValueKind::Integer => text.parse::<i64>().map(Value::from).unwrap_or_else(|_| Value::from(text)),
        ValueKind::Float => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .unwrap_or_else(|| Value::from(text)),
        ValueKind::Boolean => match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::from(text),
        },
        ValueKind::Text => Value::from(text),
    }
}

fn typed_record(record: Record, kinds: &[ValueKind]) -> Vec<Value> {
    record
        .into_iter()
        .enumerate()
        .map(|(i, value)| typed(value.as_deref(), kinds.get(i).copied().unwrap_or(ValueKind::Text)))
        .collect()
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
            billed: true,
            capacity_billed: false,
        },
    }
}

#[async_trait]
impl QueryEngine for AthenaQuery {
    async fn execute(&self, request: &QueryRequest, sink: &mut dyn RowSink) -> Result<QueryStats> {
        // One listener for the whole run, so that a signal is never missed between two polls.
        let mut stop = StopRequest::listen();
        let id = self.submit(request).await?;
        let stopped =
            |id: &str| anyhow::Error::new(Interrupted).context(format!("query {id} stopped in Athena"));
        let mut attempt = 0;
        let status = loop {
            let status = tokio::select! {
                biased;
                () = stop.wait() => {
                    self.stop(&id).await;
                    return Err(stopped(&id));
                }
                status = self.status(&id) => status?,
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
                biased;
                () = stop.wait() => {
                    self.stop(&id).await;
                    return Err(stopped(&id));
                }
                () = tokio::time::sleep(poll_delay(attempt)) => {}
            }
            attempt += 1;
        };
        let mut stats = status.stats;
        // The query has finished: an interruption now only stops reading its rows.
        stats.rows = tokio::select! {
            biased;
            () = stop.wait() => return Err(Interrupted.into()),
            rows = self.results(&id, sink) => rows?,
        };
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
        Ok(status_of(id, &self.execution(id).await?))
    }

    async fn results(&self, id: &str, sink: &mut dyn RowSink) -> Result<u64> {
        let page_of = |token: Option<String>| {
            self.client
                .get_query_results()
                .query_execution_id(id)
                .max_results(PAGE_ROWS)
                .set_next_token(token)
        };
        let first =
            page_of(None).send().await.map_err(|err| call_failed("athena:GetQueryResults", id, err))?;
        let info = first
            .result_set()
            .and_then(|r| r.result_set_metadata())
            .map(|m| m.column_info())
            .unwrap_or_default();
        let columns: Vec<ResultColumn> = info
            .iter()
            .map(|c| ResultColumn { name: c.name().to_string(), kind: kind_of(c.r#type()) })
            .collect();
        let kinds: Vec<ValueKind> = columns.iter().map(|c| c.kind).collect();
        sink.columns(&columns)?;

        let more = first.next_token().is_some();
        let use_csv = match self.read_via {
            AthenaResults::Csv => true,
            AthenaResults::Auto => more,
            AthenaResults::Pages => false,
        };
        if use_csv {
            match self.result_location(id).await? {
                Some((bucket, key)) => match self.stream_csv(&bucket, &key, &kinds, sink).await {
                    Ok(count) => return Ok(count),
                    Err(err) if self.read_via == AthenaResults::Auto => {
                        tracing::warn!("{err:#}; reading the result page by page instead");
                    }
                    Err(err) => return Err(err),
                },
                None if self.read_via == AthenaResults::Csv => {
                    return Err(RemoteFailed(format!("query {id} has no result CSV on S3")).into());
                }
                None => {}
            }
        }

        let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
        let mut count = 0;
        let mut page = first;
        let mut first_page = true;
        loop {
            if let Some(result_set) = page.result_set() {
                let mut rows = result_set.rows().iter().peekable();
                if first_page && let Some(header) = rows.peek() {
                    // SELECT results start with a row of column names.
                    let values: Vec<Option<&str>> =
                        header.data().iter().map(|d| d.var_char_value()).collect();
                    if !names.is_empty() && values.iter().zip(&names).all(|(v, n)| *v == Some(*n)) {
                        rows.next();
                    }
                }
                for row in rows {
                    let values =
                        row.data().iter().map(|d| d.var_char_value().map(str::to_string)).collect::<Record>();
                    sink.row(typed_record(values, &kinds))?;
                    count += 1;
                }
            }
            first_page = false;
            let Some(token) = page.next_token().map(str::to_string) else { break };
            page = page_of(Some(token))
                .send()
                .await
                .map_err(|err| call_failed("athena:GetQueryResults", id, err))?;
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
        assert_eq!(typed(Some("42"), kind_of("bigint")), Value::from(42));
        assert_eq!(typed(Some("1.5"), kind_of("double")), Value::from(1.5));
        assert_eq!(typed(Some("true"), kind_of("boolean")), Value::Bool(true));
        assert_eq!(typed(Some("US"), kind_of("varchar")), Value::from("US"));
        assert_eq!(typed(None, kind_of("bigint")), Value::Null);
        assert_eq!(kind_of("DECIMAL"), ValueKind::Float);
        assert_eq!(kind_of("timestamp"), ValueKind::Text);
    }
}
