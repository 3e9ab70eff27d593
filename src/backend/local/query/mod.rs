//! SQL on the local lake with DataFusion: every table of the local catalog is a listing table
//! over its Parquet files with `year`, `month`, `day` partition columns, so filters on them
//! prune whole directories, as Athena's partition pruning does. The engine's own extensions live
//! beside this file: how it finds and reads the lake's files, and the optimizer rules that fit
//! its plans to the lake's layout and the pipeline's queries.

use std::sync::Arc;

use anyhow::{Context as _, Result};
use async_trait::async_trait;
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::catalog::MemorySchemaProvider;
use datafusion::common::ScalarValue;
use datafusion::common::TableReference;
use datafusion::datasource::file_format::parquet::ParquetFormat;
use datafusion::datasource::listing::{ListingOptions, ListingTable, ListingTableConfig, ListingTableUrl};
use datafusion::error::DataFusionError;
use datafusion::execution::context::{SessionConfig, SessionContext};
use datafusion::execution::object_store::ObjectStoreUrl;
use datafusion::execution::session_state::SessionStateBuilder;
use datafusion::physical_plan::{ExecutionPlan, execute_stream};
use datafusion::sql::sqlparser::dialect::GenericDialect;
use datafusion::sql::sqlparser::parser::ParserError;
use datafusion::sql::sqlparser::tokenizer::{Token, Tokenizer};
use futures::StreamExt;

mod arrow_cells;
mod compacted;
mod conditional_distinct;
mod dictionary_filter;
mod event_days;
mod inline_string_equality;
mod lake_listing;
mod matching_row_groups;
mod parquet_files;
mod partition_aggregation;
mod plan_nodes;

use self::arrow_cells::cell;
use self::compacted::LiveFiles;
use self::conditional_distinct::ConditionalDistinctToGroupBy;
use self::dictionary_filter::DictionaryFilters;
use self::event_days::EventDays;
use self::inline_string_equality::InlineStringEquality;
use self::lake_listing::LakeListing;
use self::parquet_files::{METADATA_SIZE_HINT, read_local_files};
use self::partition_aggregation::AggregatePerPartitionValue;
use super::catalog::LocalCatalog;
use crate::backend::{Column, QueryEngine, QueryRequest, QueryStats, ResultColumn, RowSink, ValueKind};
use crate::discover::arrow_type;
use crate::error::{Interrupted, not_supported, usage};

/// The catalog name Athena shows, so fully qualified names read the same on both backends.
const CATALOG: &str = "awsdatacatalog";

pub struct LocalQuery {
    catalog: Arc<LocalCatalog>,
}

impl LocalQuery {
    pub fn new(catalog: Arc<LocalCatalog>) -> Self {
        Self { catalog }
    }

    async fn session(&self, database: &str) -> Result<SessionContext> {
        // DATAFUSION_* variables tune the engine (batch size, partitions, Parquet options).
        let mut config =
            SessionConfig::from_env().map_err(|err| usage(format!("DATAFUSION_* settings: {err}")))?;
        lake_defaults(&mut config, |name| std::env::var_os(name).is_some());
        let config = config.with_default_catalog_and_schema(CATALOG, database).with_information_schema(true);
        let state = SessionStateBuilder::new()
            .with_config(config)
            .with_default_features()
            .with_optimizer_rule(Arc::new(ConditionalDistinctToGroupBy))
            .with_optimizer_rule(Arc::new(EventDays))
            .with_physical_optimizer_rule(Arc::new(DictionaryFilters))
            .with_physical_optimizer_rule(Arc::new(InlineStringEquality))
            .with_physical_optimizer_rule(Arc::new(AggregatePerPartitionValue))
            .build();
        let ctx = SessionContext::new_with_state(state);
        let parquet_options = ctx.state().default_table_options().parquet;
        let document = self.catalog.read().await?;
        let mut live = LiveFiles::default();
        for (db_name, db) in &document.databases {
            if ctx.catalog(CATALOG).and_then(|c| c.schema(db_name)).is_none()
                && let Some(catalog) = ctx.catalog(CATALOG)
            {
                catalog.register_schema(db_name, Arc::new(MemorySchemaProvider::new()))?;
            }
            for (name, table) in &db.tables {
                let partition_cols =
                    table.partition_keys.iter().map(|k| (k.name.clone(), PARTITION_TYPE.clone())).collect();
                let format = ParquetFormat::default().with_options(parquet_options.clone());
                let options = ListingOptions::new(Arc::new(format))
                    .with_file_extension(".parquet")
                    .with_table_partition_cols(partition_cols);
                let opening = || format!("opening table {db_name}.{name} at {}", table.location);
                let mut paths = vec![ListingTableUrl::parse(&table.location).with_context(opening)?];
                let partitions = db.partitions.get(name).map_or(&[][..], Vec::as_slice);
                if let Some(compacted) = live.add_table(&table.location, partitions) {
                    paths.push(ListingTableUrl::parse(&compacted).with_context(opening)?);
                }
                let schema = match catalog_schema(&table.columns) {
                    Some(schema) => schema,
                    None => options.infer_schema(&ctx.state(), &paths[0]).await.with_context(opening)?,
                };
                let config = ListingTableConfig::new_with_multi_paths(paths)
                    .with_listing_options(options)
                    .with_schema(schema);
                let listing = ListingTable::try_new(config).with_context(opening)?;
                ctx.register_table(
                    TableReference::partial(db_name.as_str(), name.as_str()),
                    Arc::new(listing),
                )
                .with_context(opening)?;
            }
        }
        ctx.register_object_store(
            ObjectStoreUrl::local_filesystem().as_ref(),
            Arc::new(LakeListing::new(live)),
        );
        Ok(ctx)
    }

    async fn run(&self, request: &QueryRequest, sink: &mut dyn RowSink) -> Result<QueryStats> {
        let ctx = self.session(&request.database).await?;
        let (sql, placeholders) = numbered_placeholders(&request.sql)?;
        if placeholders != request.params.len() {
            return Err(usage(format!(
                "the statement has {placeholders} `?` placeholders but {} --param values were given",
                request.params.len()
            )));
        }
        let failed = query_error;
        let mut frame = ctx.sql(&sql).await.map_err(failed)?;
        if !request.params.is_empty() {
            let values: Vec<ScalarValue> =
                request.params.iter().map(|p| parse_param(p)).collect::<Result<_>>()?;
            frame = frame.with_param_values(values).map_err(failed)?;
        }
        let plan = frame.create_physical_plan().await.map_err(failed)?;
        let plan = read_local_files(plan).map_err(failed)?;
        let columns: Vec<ResultColumn> = plan
            .schema()
            .fields()
            .iter()
            .map(|f| ResultColumn { name: f.name().clone(), kind: value_kind(f.data_type()) })
            .collect();
        sink.columns(&columns)?;
        let started = std::time::Instant::now();
        let mut stream = execute_stream(plan.clone(), ctx.task_ctx()).map_err(failed)?;
        let mut rows = 0;
        // Reading the scans' metrics walks the plan: often enough for a spinner, not per batch.
        let mut reported = started;
        while let Some(batch) = stream.next().await {
            let batch = batch.map_err(failed)?;
            let columns = batch.columns();
            for row in 0..batch.num_rows() {
                sink.row(columns.iter().map(|c| cell(c, row)).collect())?;
            }
            rows += batch.num_rows() as u64;
            if reported.elapsed() >= PROGRESS_EVERY {
                reported = std::time::Instant::now();
                sink.progress("RUNNING", column_bytes_read(plan.as_ref()));
            }
        }
        Ok(QueryStats {
            query_id: None,
            rows,
            bytes_scanned: column_bytes_read(plan.as_ref()),
            engine_millis: started.elapsed().as_millis() as u64,
            is_ddl: false,
            billed: false,
            capacity_billed: false,
        })
    }
}

/// The engine's settings fitted to the lake, each unless its `DATAFUSION_*` variable `is_set`.
fn lake_defaults(config: &mut SessionConfig, is_set: impl Fn(&str) -> bool) {
    let options = config.options_mut();
    // Statistics of every file before planning cost more than they save for one query on a lake
    // of many small files (a new process each time, so nothing stays cached).
    if !is_set("DATAFUSION_EXECUTION_COLLECT_STATISTICS") {
        options.execution.collect_statistics = false;
    }
    // The engine's default reads the last 512 KiB of every file to find its footer; the
    // transform's footers and page indexes take a few KiB, so on a lake of 3 MB files most of
    // that read was column data read again later (112 MB read for a 14 MB scan).
    if !is_set("DATAFUSION_EXECUTION_PARQUET_METADATA_SIZE_HINT") {
        options.execution.parquet.metadata_size_hint = Some(METADATA_SIZE_HINT);
    }
    // bdctl's writers (the transform, `compact`, the Spark job) write no bloom filters, and
    // looking for them in each row group under a condition cost the revenue query 73.4 → 61.1 ms
    // over the lake as written, 46.4 → 42.6 ms after `compact`.
    if !is_set("DATAFUSION_EXECUTION_PARQUET_BLOOM_FILTER_ON_READ") {
        options.execution.parquet.bloom_filter_on_read = false;
    }
}

/// The table's columns as the catalog records them, as Athena reads a table: the schema is the
/// catalog's, files are read into it, and no footer is opened before the scan. `None` (infer from
/// the files) when a column's type has no Arrow reading.
fn catalog_schema(columns: &[Column]) -> Option<SchemaRef> {
    let fields = columns
        .iter()
        .map(|c| arrow_type(&c.data_type).map(|t| Field::new(&c.name, t, true)))
        .collect::<Option<Vec<_>>>()?;
    (!fields.is_empty()).then(|| Arc::new(Schema::new(fields)))
}

/// Partition values are strings, as in Glue. As string views they group and compare several
/// times faster than as `Utf8` (the per-day query: 0.25 s against 0.18 s over 10 M events) and
/// than as dictionaries, which the multi-column grouping does not vectorise.
const PARTITION_TYPE: DataType = DataType::Utf8View;

fn value_kind(data_type: &DataType) -> ValueKind {
    if data_type.is_integer() {
        ValueKind::Integer
    } else if data_type.is_floating() || data_type.is_numeric() {
        ValueKind::Float
    } else if *data_type == DataType::Boolean {
        ValueKind::Boolean
    } else {
        ValueKind::Text
    }
}

/// How often a running query reports its progress.
const PROGRESS_EVERY: std::time::Duration = std::time::Duration::from_millis(200);

/// The column chunk bytes the scans read (the readers' `bytes_scanned`), as Athena bills them.
fn column_bytes_read(plan: &dyn ExecutionPlan) -> u64 {
    let own = plan.metrics().and_then(|m| m.sum_by_name("bytes_scanned")).map_or(0, |v| v.as_usize() as u64);
    own + plan.children().iter().map(|child| column_bytes_read(child.as_ref())).sum::<u64>()
}

/// A statement the engine cannot run. A mistake in the SQL (its syntax, a table or column that
/// does not exist) is the user's to fix before anything is read (exit 2); anything else failed
/// while the query ran (exit 1).
fn query_error(err: DataFusionError) -> anyhow::Error {
    match err.find_root() {
        DataFusionError::SQL(parser, _) => {
            let text = match parser.as_ref() {
                ParserError::TokenizerError(text) | ParserError::ParserError(text) => located(text),
                ParserError::RecursionLimitExceeded => "the statement nests too deeply".to_string(),
            };
            usage(format!("SQL syntax: {text}"))
        }
        DataFusionError::Plan(text) => usage(format!("SQL: {text}")),
        DataFusionError::SchemaError(schema, _) => usage(format!("SQL: {schema}")),
        root => anyhow::anyhow!("query failed: {root}"),
    }
}

/// The parser's `Expected: X, found: Y at Line: 1, Column: 5` as a sentence:
/// `expected X, found Y (line 1, column 5)`.
fn located(text: &str) -> String {
    let (what, place) = match text.rsplit_once(" at Line: ") {
        Some((what, place)) => match place.split_once(", Column: ") {
            Some((line, column)) => (what, format!(" (line {line}, column {column})")),
            None => (what, String::new()),
        },
        None => (text, String::new()),
    };
    let what = what.replacen("Expected: ", "expected ", 1).replacen(", found: ", ", found ", 1);
    format!("{what}{place}")
}

/// Athena's positional `?` placeholders as DataFusion's `$1, $2, …`, leaving strings and
/// comments alone. Returns the statement and the number of placeholders.
fn numbered_placeholders(sql: &str) -> Result<(String, usize)> {
    let tokens = Tokenizer::new(&GenericDialect {}, sql)
        .tokenize()
        .map_err(|err| usage(format!("SQL syntax: {}", located(&err.to_string()))))?;
    let mut count = 0;
    let mut out = String::with_capacity(sql.len());
    for token in tokens {
        match token {
            Token::Placeholder(p) if p == "?" => {
                count += 1;
                out.push_str(&format!("${count}"));
            }
            other => out.push_str(&other.to_string()),
        }
    }
    Ok((out, count))
}

/// An `ExecutionParameters` value, which is a SQL literal: `'text'`, a number, true/false, null.
fn parse_param(text: &str) -> Result<ScalarValue> {
    let trimmed = text.trim();
    if let Some(inner) = trimmed.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
        return Ok(ScalarValue::Utf8(Some(inner.replace("''", "'"))));
    }
    if let Ok(value) = trimmed.parse::<i64>() {
        return Ok(ScalarValue::Int64(Some(value)));
    }
    if let Ok(value) = trimmed.parse::<f64>() {
        return Ok(ScalarValue::Float64(Some(value)));
    }
    match trimmed.to_ascii_lowercase().as_str() {
        "true" => Ok(ScalarValue::Boolean(Some(true))),
        "false" => Ok(ScalarValue::Boolean(Some(false))),
        "null" => Ok(ScalarValue::Null),
        _ => Err(usage(format!("--param {text}: not a SQL literal (quote text as 'value')"))),
    }
}

#[async_trait]
impl QueryEngine for LocalQuery {
    async fn execute(&self, request: &QueryRequest, sink: &mut dyn RowSink) -> Result<QueryStats> {
        tokio::select! {
            result = self.run(request, sink) => result,
            () = crate::error::interrupted() => Err(Interrupted.into()),
        }
    }

    async fn submit(&self, _request: &QueryRequest) -> Result<String> {
        Err(not_supported(NO_QUERY_IDS))
    }

    async fn status(&self, _id: &str) -> Result<crate::backend::QueryStatus> {
        Err(not_supported(NO_QUERY_IDS))
    }

    async fn results(&self, _id: &str, _sink: &mut dyn RowSink) -> Result<u64> {
        Err(not_supported(NO_QUERY_IDS))
    }

    async fn cancel(&self, _id: &str) -> Result<()> {
        Err(not_supported(NO_QUERY_IDS))
    }
}

const NO_QUERY_IDS: &str =
    "the local engine runs each query in this process, start to end: there are no query ids to come back to";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lake_defaults_give_way_to_the_engines_variables() {
        let mut config = SessionConfig::new();
        lake_defaults(&mut config, |_| false);
        let options = config.options();
        assert!(!options.execution.collect_statistics);
        assert_eq!(options.execution.parquet.metadata_size_hint, Some(METADATA_SIZE_HINT));
        assert!(!options.execution.parquet.bloom_filter_on_read);

        let mut config = SessionConfig::new();
        let engine = config.options().clone();
        lake_defaults(&mut config, |name| name.starts_with("DATAFUSION_"));
        let options = config.options();
        assert_eq!(options.execution.collect_statistics, engine.execution.collect_statistics);
        assert_eq!(options.execution.parquet.metadata_size_hint, engine.execution.parquet.metadata_size_hint);
        assert!(options.execution.parquet.bloom_filter_on_read);
    }

    #[test]
    fn placeholders_are_numbered_outside_strings() {
        let (sql, n) = numbered_placeholders("SELECT '?' FROM t WHERE a = ? AND b > ? -- ?").unwrap();
        assert_eq!(n, 2);
        assert_eq!(sql, "SELECT '?' FROM t WHERE a = $1 AND b > $2 -- ?");
    }

    #[test]
    fn params_are_sql_literals() {
        assert_eq!(parse_param("'it''s'").unwrap(), ScalarValue::Utf8(Some("it's".into())));
        assert_eq!(parse_param("42").unwrap(), ScalarValue::Int64(Some(42)));
        assert_eq!(parse_param("2.5").unwrap(), ScalarValue::Float64(Some(2.5)));
        assert!(parse_param("DROP TABLE").is_err());
    }
}
