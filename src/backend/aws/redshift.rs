//! Redshift through its Data API: statements submitted with a client token (a retried call never
//! runs them twice), polled with backoff, cancelled on Ctrl-C or a deadline, and results read
//! page by page to the last one, their count checked against the total the service announces.

use std::sync::Arc;
use std::time::Instant;

use anyhow::{Result, anyhow};
use async_trait::async_trait;
use aws_sdk_redshiftdata::operation::describe_statement::DescribeStatementOutput;
use aws_sdk_redshiftdata::types::{ColumnMetadata, Field, SqlParameter, StatusString};
use serde_json::Value;

use super::{call_failed, poll_delay};
use crate::backend::{
    QueryEngine, QueryRequest, QueryStats, QueryStatus, Reporter, ResultColumn, RowSink, StatementRun,
    StatementsOutcome, ValueKind, Warehouse,
};
use crate::error::{Interrupted, RemoteFailed, StopRequest, TimedOut, usage};
use crate::settings::Settings;

/// Where statements run and as whom.
#[derive(Debug, Clone)]
enum Compute {
    Cluster(String),
    Workgroup(String),
}

#[derive(Debug, Clone)]
struct Target {
    compute: Compute,
    database: String,
    secret_arn: Option<String>,
    db_user: Option<String>,
}

/// The configured Redshift, or why there is none.
pub struct RedshiftData {
    client: aws_sdk_redshiftdata::Client,
    target: std::result::Result<Target, String>,
}

impl RedshiftData {
    pub fn new(client: aws_sdk_redshiftdata::Client, settings: &Settings) -> Self {
        let env = &settings.env_name.value;
        let compute = match (&settings.redshift_cluster.value, &settings.redshift_workgroup.value) {
            (Some(cluster), None) => Ok(Compute::Cluster(cluster.clone())),
            (None, Some(workgroup)) => Ok(Compute::Workgroup(workgroup.clone())),
            (None, None) => Err(format!(
                "no Redshift for environment `{env}`: set redshift_cluster (a provisioned cluster) or redshift_workgroup (Serverless) in bdctl.toml"
            )),
            (Some(_), Some(_)) => Err(format!(
                "environment `{env}` sets both redshift_cluster and redshift_workgroup: keep the one the warehouse is"
            )),
        };
        let target = compute.and_then(|compute| {
            if matches!(compute, Compute::Workgroup(_)) && settings.redshift_db_user.value.is_some() {
                return Err(format!(
                    "environment `{env}` sets redshift_db_user with a workgroup: Serverless takes redshift_secret_arn or the IAM identity"
                ));
            }
            Ok(Target {
                compute,
                database: settings.redshift_database.value.clone(),
                secret_arn: settings.redshift_secret_arn.value.clone(),
                db_user: settings.redshift_db_user.value.clone(),
            })
        });
        Self { client, target }
    }

    fn target_or_refusal(&self) -> Result<&Target> {
        self.target.as_ref().map_err(|reason| usage(reason.clone()))
    }

    async fn describe(&self, id: &str) -> Result<DescribeStatementOutput> {
        self.client
            .describe_statement()
            .id(id)
            .send()
            .await
            .map_err(|err| call_failed("redshift-data:DescribeStatement", id, err))
    }

    async fn stop(&self, id: &str) {
        if let Err(err) = self.cancel(id).await {
            tracing::warn!("cancelling statement {id}: {err}");
        }
    }

    /// Polls until the statement ends; cancels it on Ctrl-C or past the deadline.
    async fn wait(
        &self,
        id: &str,
        deadline: Option<Instant>,
        on_state: &mut (dyn FnMut(&str) + Send),
    ) -> Result<DescribeStatementOutput> {
        // One listener for the whole wait, so that a signal between two polls is not missed.
        let mut stop = StopRequest::listen();
        let mut attempt = 0;
        loop {
            let described = tokio::select! {
                biased;
                () = stop.wait() => {
                    self.stop(id).await;
                    return Err(anyhow::Error::new(Interrupted).context(format!("statement {id} cancelled in Redshift")));
                }
                described = self.describe(id) => described?,
            };
            let status = described.status().map_or("SUBMITTED", |s| s.as_str()).to_string();
            on_state(&status);
            if matches!(
                described.status(),
                Some(StatusString::Finished | StatusString::Failed | StatusString::Aborted)
            ) {
                return Ok(described);
            }
            let mut delay = poll_delay(attempt);
            if let Some(deadline) = deadline {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    self.stop(id).await;
                    return Err(TimedOut(format!(
                        "statement {id} was still {status} at the deadline: cancelled in Redshift"
                    ))
                    .into());
                }
                delay = delay.min(left);
            }
            tokio::select! {
                biased;
                () = stop.wait() => {
                    self.stop(id).await;
                    return Err(anyhow::Error::new(Interrupted).context(format!("statement {id} cancelled in Redshift")));
                }
                () = tokio::time::sleep(delay) => {}
            }
            attempt += 1;
        }
    }

    async fn execute_statement(&self, sql: &str, database: &str, params: &[String]) -> Result<String> {
        let target = self.target_or_refusal()?;
        let (sql, parameters) = named_parameters(sql, params)?;
        let (cluster, workgroup) = compute_fields(&target.compute);
        let started = self
            .client
            .execute_statement()
            .sql(sql)
            .database(database)
            .set_cluster_identifier(cluster)
            .set_workgroup_name(workgroup)
            .set_secret_arn(target.secret_arn.clone())
            .set_db_user(target.db_user.clone())
            .set_parameters((!parameters.is_empty()).then_some(parameters))
            .client_token(uuid::Uuid::new_v4().to_string())
            .send()
            .await
            .map_err(|err| call_failed("redshift-data:ExecuteStatement", &self.target(), err))?;
        Ok(started.id().unwrap_or_default().to_string())
    }
}

fn compute_fields(compute: &Compute) -> (Option<String>, Option<String>) {
    match compute {
        Compute::Cluster(cluster) => (Some(cluster.clone()), None),
        Compute::Workgroup(workgroup) => (None, Some(workgroup.clone())),
    }
}

/// The Data API's statement states in the words every engine's status uses.
fn state_of(status: Option<&StatusString>) -> &'static str {
    match status {
        Some(StatusString::Started) => "RUNNING",
        Some(StatusString::Finished) => "SUCCEEDED",
        Some(StatusString::Failed) => "FAILED",
        Some(StatusString::Aborted) => "CANCELLED",
        _ => "QUEUED",
    }
}

fn stats_of(described: &DescribeStatementOutput) -> QueryStats {
    QueryStats {
        query_id: Some(described.id().to_string()),
        rows: 0,
        bytes_scanned: 0,
        engine_millis: (described.duration().max(0) / 1_000_000) as u64,
        is_ddl: described.has_result_set() != Some(true),
        billed: false,
        capacity_billed: true,
    }
}

/// `?` placeholders outside quotes and comments become the Data API's named parameters `:p1`,
/// `:p2`, …, and each `--param` literal its value: a quoted string unquoted, a number as written.
pub fn named_parameters(sql: &str, params: &[String]) -> Result<(String, Vec<SqlParameter>)> {
    let mut out = String::with_capacity(sql.len() + params.len() * 2);
    let mut placeholders = 0;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        match c {
            '\'' | '"' => {
                for inner in chars.by_ref() {
                    out.push(inner);
                    // A doubled quote closes and reopens: the same loop handles it.
                    if inner == c {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                let mut previous = ' ';
                for inner in chars.by_ref() {
                    out.push(inner);
                    if previous == '*' && inner == '/' {
                        break;
                    }
                    previous = inner;
                }
            }
            '?' => {
                placeholders += 1;
                out.pop();
                out.push_str(&format!(":p{placeholders}"));
            }
            _ => {}
        }
    }
    if placeholders != params.len() {
        return Err(usage(format!(
            "the statement has {placeholders} `?` placeholders and {} --param values",
            params.len()
        )));
    }
    let parameters = params
        .iter()
        .enumerate()
        .map(|(i, literal)| {
            let value = literal_value(literal).ok_or_else(|| {
                usage(format!(
                    "--param {literal}: Redshift takes a quoted string ('DE') or a number (42) as a parameter value"
                ))
            })?;
            Ok(SqlParameter::builder().name(format!("p{}", i + 1)).value(value).build()?)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((out, parameters))
}

fn literal_value(literal: &str) -> Option<String> {
    let literal = literal.trim();
    if let Some(inner) = literal.strip_prefix('\'').and_then(|l| l.strip_suffix('\'')) {
        let value = inner.replace("''", "'");
        // The Data API refuses empty values.
        return (!value.is_empty()).then_some(value);
    }
    literal.parse::<f64>().is_ok().then(|| literal.to_string())
}

/// What a Redshift type holds, as output formats care.
pub fn kind_of(type_name: &str) -> ValueKind {
    match type_name.to_ascii_lowercase().as_str() {
        "int2" | "int4" | "int8" | "smallint" | "integer" | "bigint" => ValueKind::Integer,
        "float4" | "float8" | "real" | "double precision" | "numeric" | "decimal" => ValueKind::Float,
        "bool" | "boolean" => ValueKind::Boolean,
        _ => ValueKind::Text,
    }
}

fn column_of(meta: &ColumnMetadata) -> ResultColumn {
    ResultColumn {
        name: meta.label().or(meta.name()).unwrap_or_default().to_string(),
        kind: kind_of(meta.type_name().unwrap_or_default()),
    }
}

fn value_of(field: &Field, kind: ValueKind) -> Value {
    match field {
        Field::IsNull(true) => Value::Null,
        Field::BooleanValue(b) => Value::Bool(*b),
        Field::LongValue(n) => Value::from(*n),
        Field::DoubleValue(x) => serde_json::Number::from_f64(*x).map_or(Value::Null, Value::Number),
        // Numerics arrive as text: typed by the column, exact digits kept when they do not fit.
        Field::StringValue(text) => super::athena::typed(Some(text), kind),
        Field::BlobValue(blob) => {
            Value::from(blob.as_ref().iter().map(|b| format!("{b:02x}")).collect::<String>())
        }
        _ => Value::Null,
    }
}

#[async_trait]
impl QueryEngine for RedshiftData {
    async fn execute(&self, request: &QueryRequest, sink: &mut dyn RowSink) -> Result<QueryStats> {
        let id = self.submit(request).await?;
        let described = self.wait(&id, None, &mut |state| sink.progress(state_of_text(state), 0)).await?;
        match described.status() {
            Some(StatusString::Finished) => {}
            status => {
                let reason = described.error().unwrap_or("no reason given");
                return Err(RemoteFailed(format!("statement {id} {}: {reason}", state_of(status))).into());
            }
        }
        let mut stats = stats_of(&described);
        stats.rows = if described.has_result_set() == Some(true) {
            let mut stop = StopRequest::listen();
            tokio::select! {
                biased;
                () = stop.wait() => return Err(Interrupted.into()),
                rows = self.results(&id, sink) => rows?,
            }
        } else {
            described.result_rows().max(0) as u64
        };
        Ok(stats)
    }

    async fn submit(&self, request: &QueryRequest) -> Result<String> {
        self.execute_statement(&request.sql, &request.database, &request.params).await
    }

    async fn status(&self, id: &str) -> Result<QueryStatus> {
        let described = self.describe(id).await?;
        let mut stats = stats_of(&described);
        if described.has_result_set() != Some(true) {
            stats.rows = described.result_rows().max(0) as u64;
        }
        Ok(QueryStatus {
            id: id.to_string(),
            state: state_of(described.status()).to_string(),
            reason: described.error().map(str::to_string),
            stats,
        })
    }

    async fn results(&self, id: &str, sink: &mut dyn RowSink) -> Result<u64> {
        let mut token: Option<String> = None;
        let mut kinds: Option<Vec<ValueKind>> = None;
        let mut count: u64 = 0;
        loop {
            let page = self
                .client
                .get_statement_result()
                .id(id)
                .set_next_token(token.take())
                .send()
                .await
                .map_err(|err| call_failed("redshift-data:GetStatementResult", id, err))?;
            let kinds = match &kinds {
                Some(kinds) => kinds,
                None => {
                    let columns: Vec<ResultColumn> = page.column_metadata().iter().map(column_of).collect();
                    sink.columns(&columns)?;
                    kinds.insert(columns.iter().map(|c| c.kind).collect())
                }
            };
            for record in page.records() {
                let row = record
                    .iter()
                    .enumerate()
                    .map(|(i, field)| value_of(field, kinds.get(i).copied().unwrap_or(ValueKind::Text)))
                    .collect();
                sink.row(row)?;
                count += 1;
            }
            match page.next_token().filter(|t| !t.is_empty()) {
                Some(next) => token = Some(next.to_string()),
                None => {
                    let total = page.total_num_rows().max(0) as u64;
                    if count < total {
                        return Err(anyhow!(
                            "redshift-data:GetStatementResult on {id} ended after {count} of its {total} rows"
                        ));
                    }
                    return Ok(count);
                }
            }
        }
    }

    async fn cancel(&self, id: &str) -> Result<()> {
        let out = self
            .client
            .cancel_statement()
            .id(id)
            .send()
            .await
            .map_err(|err| call_failed("redshift-data:CancelStatement", id, err))?;
        if out.status() == Some(false) {
            return Err(RemoteFailed(format!("Redshift did not cancel statement {id}")).into());
        }
        Ok(())
    }
}

/// The Data API state a poll saw, in the words of [`state_of`].
fn state_of_text(status: &str) -> &'static str {
    state_of(Some(&StatusString::from(status)))
}

#[async_trait]
impl Warehouse for RedshiftData {
    fn check_available(&self) -> Result<()> {
        self.target_or_refusal().map(|_| ())
    }

    fn target(&self) -> String {
        match &self.target {
            Ok(Target { compute: Compute::Cluster(name), database, .. }) => {
                format!("cluster {name}, database {database}")
            }
            Ok(Target { compute: Compute::Workgroup(name), database, .. }) => {
                format!("workgroup {name}, database {database}")
            }
            Err(_) => "no Redshift".into(),
        }
    }

    fn serverless(&self) -> bool {
        matches!(&self.target, Ok(Target { compute: Compute::Workgroup(_), .. }))
    }

    async fn run_statements(
        &self,
        statements: &[String],
        deadline: Option<Instant>,
        reporter: &dyn Reporter,
    ) -> Result<StatementsOutcome> {
        let target = self.target_or_refusal()?;
        let id = match statements {
            [] => return Ok(StatementsOutcome::Finished(Vec::new())),
            [single] => self.execute_statement(single, &target.database, &[]).await?,
            several => {
                let (cluster, workgroup) = compute_fields(&target.compute);
                let started = self
                    .client
                    .batch_execute_statement()
                    .set_sqls(Some(several.to_vec()))
                    .database(&target.database)
                    .set_cluster_identifier(cluster)
                    .set_workgroup_name(workgroup)
                    .set_secret_arn(target.secret_arn.clone())
                    .set_db_user(target.db_user.clone())
                    .client_token(uuid::Uuid::new_v4().to_string())
                    .send()
                    .await
                    .map_err(|err| call_failed("redshift-data:BatchExecuteStatement", &self.target(), err))?;
                started.id().unwrap_or_default().to_string()
            }
        };
        let started = Instant::now();
        let described = self
            .wait(&id, deadline, &mut |state| {
                reporter.status(&format!(
                    "statement {id}: {} · {:.1} s",
                    state.to_lowercase(),
                    started.elapsed().as_secs_f64()
                ))
            })
            .await?;
        let error = described.error().unwrap_or("no reason given").to_string();
        match described.status() {
            Some(StatusString::Finished) => {}
            Some(StatusString::Aborted) => {
                return Err(RemoteFailed(format!("statement {id} was cancelled in Redshift: {error}")).into());
            }
            _ => {
                let statement = described
                    .sub_statements()
                    .iter()
                    .position(|s| s.status().is_some_and(|s| s.as_str() == "FAILED"));
                return Ok(StatementsOutcome::Failed { statement, error });
            }
        }
        let runs = if described.sub_statements().is_empty() {
            vec![StatementRun {
                sql: statements[0].clone(),
                rows: described.result_rows(),
                millis: (described.duration().max(0) / 1_000_000) as u64,
            }]
        } else {
            described
                .sub_statements()
                .iter()
                .zip(statements)
                .map(|(sub, sql)| StatementRun {
                    sql: sql.clone(),
                    rows: sub.result_rows(),
                    millis: (sub.duration().max(0) / 1_000_000) as u64,
                })
                .collect()
        };
        Ok(StatementsOutcome::Finished(runs))
    }

    fn engine(&self) -> Result<Arc<dyn QueryEngine>> {
        self.check_available()?;
        Ok(Arc::new(Self { client: self.client.clone(), target: self.target.clone() }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_outside_quotes_and_comments_become_named_parameters() {
        let (sql, params) = named_parameters(
            "SELECT '?', \"a?\" -- why?\nFROM t /* ? */ WHERE c = ? AND d = 'it''s ?' AND n > ?",
            &["'DE'".into(), "42".into()],
        )
        .unwrap();
        assert_eq!(
            sql,
            "SELECT '?', \"a?\" -- why?\nFROM t /* ? */ WHERE c = :p1 AND d = 'it''s ?' AND n > :p2"
        );
        let pairs: Vec<(&str, &str)> = params.iter().map(|p| (p.name(), p.value())).collect();
        assert_eq!(pairs, [("p1", "DE"), ("p2", "42")]);
    }

    #[test]
    fn parameter_values_are_literals_the_data_api_takes() {
        assert_eq!(literal_value("'O''Brien'").as_deref(), Some("O'Brien"));
        assert_eq!(literal_value("-1.5").as_deref(), Some("-1.5"));
        assert_eq!(literal_value("''"), None);
        assert_eq!(literal_value("NULL"), None);
        let err = named_parameters("SELECT ?", &[]).unwrap_err();
        assert_eq!(err.to_string(), "the statement has 1 `?` placeholders and 0 --param values");
    }

    #[test]
    fn redshift_types_read_as_output_kinds() {
        assert_eq!(kind_of("int8"), ValueKind::Integer);
        assert_eq!(kind_of("numeric"), ValueKind::Float);
        assert_eq!(kind_of("bool"), ValueKind::Boolean);
        assert_eq!(kind_of("timestamp"), ValueKind::Text);
        assert_eq!(value_of(&Field::StringValue("12.50".into()), ValueKind::Float), serde_json::json!(12.5));
        assert_eq!(value_of(&Field::IsNull(true), ValueKind::Integer), Value::Null);
    }
}
