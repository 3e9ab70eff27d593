//! The warehouse beside the lake: Redshift loading the transformed days (`warehouse load`) or
//! reading them in place through Spectrum over the Glue catalog (`warehouse spectrum`).
//!
//! A day is loaded from exactly the files a catalog reader sees: those at its partition's
//! location (a compacted copy when `compact` switched it), named in a COPY manifest, so that
//! neither the transformed files of a compacted day nor anything else under the prefix is read
//! twice. The day is replaced in one transaction (stage, COPY, DELETE the day, INSERT): a re-run
//! never duplicates, and a load killed or cancelled at any point leaves the day as it was.

use std::time::Instant;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use futures::{StreamExt, TryStreamExt};
use serde::Serialize;
use serde_json::json;

use crate::backend::{
    Backend, Column, ObjectInfo, PartitionInfo, Reporter, RowSink, StatementsOutcome, TableLookup,
};
use crate::error::{RemoteFailed, usage};
use crate::layout::{Location, day_partition, day_values, file_name, values_day};
use crate::pipeline::Lake;

/// Parquet footers read at once.
const FOOTER_READS: usize = 16;

/// The partition columns the warehouse table adds to the files' columns, as the lake's keys.
const DAY_COLUMNS: [(&str, &str); 3] =
    [("year", "VARCHAR(4)"), ("month", "VARCHAR(2)"), ("day", "VARCHAR(2)")];

/// A SQL identifier, quoted: `"name"`, inner quotes doubled.
pub fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A SQL string literal.
pub fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// A `SCHEMA.TABLE` (or `TABLE`, in `public`) setting, quoted part by part.
pub fn qualified_table(setting: &str) -> Result<String> {
    let parts: Vec<&str> = setting.split('.').collect();
    let valid = |part: &str| {
        !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
    };
    match parts.as_slice() {
        [table] if valid(table) => Ok(format!("{}.{}", quoted("public"), quoted(table))),
        [schema, table] if valid(schema) && valid(table) => {
            Ok(format!("{}.{}", quoted(schema), quoted(table)))
        }
        _ => Err(usage(format!(
            "redshift_table `{setting}` is not SCHEMA.TABLE (letters, digits, _ and $ in each part)"
        ))),
    }
}

/// The Redshift column type of a catalog (Hive) type.
pub fn redshift_type(hive: &str) -> String {
    let hive = hive.trim().to_ascii_lowercase();
    match hive.as_str() {
        "string" => "VARCHAR(65535)".into(),
        "tinyint" | "smallint" => "SMALLINT".into(),
        "int" | "integer" => "INTEGER".into(),
        "bigint" => "BIGINT".into(),
        "float" => "REAL".into(),
        "double" => "DOUBLE PRECISION".into(),
        "boolean" => "BOOLEAN".into(),
        "timestamp" => "TIMESTAMP".into(),
        "date" => "DATE".into(),
        "binary" => "VARBYTE".into(),
        other if other.starts_with("decimal") => other.to_ascii_uppercase(),
        other if other.starts_with("varchar") || other.starts_with("char") => other.to_ascii_uppercase(),
        // Arrays, maps and structs: Redshift's semi-structured type.
        _ => "SUPER".into(),
    }
}

/// One day to load: the files its partition reads and what they hold.
#[derive(Debug, Clone, Serialize)]
pub struct DaySource {
    pub day: NaiveDate,
    /// The partition's location, as the catalog spells it.
    pub location: String,
    /// Whether the location comes from a catalog partition (otherwise: the transformed day).
    pub registered: bool,
    #[serde(skip)]
    pub bucket: String,
    #[serde(skip)]
    pub files: Vec<ObjectInfo>,
    pub rows: u64,
    pub bytes: u64,
    #[serde(skip)]
    pub columns: Vec<Column>,
}

/// Where each day of `from..=to` is read from, from the catalog's partitions.
pub async fn day_sources(
    backend: &Backend,
    lake: &Lake,
    database: &str,
    table: &str,
    from: NaiveDate,
    to: NaiveDate,
    reporter: &dyn Reporter,
) -> Result<Vec<DaySource>> {
    let partitions: Vec<PartitionInfo> = match backend.catalog.lookup_table(database, table).await? {
        TableLookup::Found(_) => backend.catalog.list_partitions(database, table).await?,
        _ => Vec::new(),
    };
    let mut sources = Vec::new();
    for day in from.iter_days().take_while(|d| *d <= to) {
        reporter.status(&format!("listing {day}"));
        let registered = partitions.iter().find(|p| values_day(&p.values) == Some(day));
        let (location, registered) = match registered {
            Some(partition) => (partition.location.clone(), true),
            None => (
                backend.objects.url(&Location {
                    bucket: lake.transformed.bucket.clone(),
                    prefix: format!("{}{}", lake.transformed.prefix, day_partition(day)),
                }),
                false,
            ),
        };
        let Some(mut place) = backend.objects.location_of(&location) else {
            bail!("the partition of {day} is at {location}, which is not in the lake's store");
        };
        if !place.prefix.ends_with('/') {
            place.prefix.push('/');
        }
        let files: Vec<ObjectInfo> = backend
            .objects
            .list(&place.bucket, &place.prefix)
            .await?
            .into_iter()
            // As Athena and Spectrum do: hidden files (`_…`, `.…`) are not the table's.
            .filter(|o| {
                let name = file_name(&o.key);
                name.ends_with(".parquet") && !name.starts_with('_') && !name.starts_with('.')
            })
            .collect();
        reporter.status(&format!("reading the footers of {} files of {day}", files.len()));
        let footers: Vec<(u64, Vec<Column>)> = futures::stream::iter(files.iter().cloned())
            .map(|object| {
                let store = backend.objects.clone();
                let bucket = place.bucket.clone();
                async move {
                    let metadata = crate::discover::footer(store.as_ref(), &bucket, &object).await?;
                    let columns = crate::discover::footer_columns(&metadata)?;
                    anyhow::Ok((metadata.file_metadata().num_rows().max(0) as u64, columns))
                }
            })
            .buffered(FOOTER_READS)
            .try_collect()
            .await?;
        let columns = footers.first().map(|(_, c)| c.clone()).unwrap_or_default();
        // COPY maps Parquet columns by position: every file of the day must agree.
        if let Some((i, (_, other))) = footers.iter().enumerate().find(|(_, (_, c))| *c != columns) {
            let names = |cols: &[Column]| cols.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ");
            bail!(
                "{} has the columns ({}) where {} has ({}): COPY reads the files of {day} by position; rewrite or quarantine the odd file",
                files[i].key,
                names(other),
                files[0].key,
                names(&columns)
            );
        }
        sources.push(DaySource {
            day,
            location,
            registered,
            bucket: place.bucket,
            rows: footers.iter().map(|(rows, _)| rows).sum(),
            bytes: files.iter().map(|f| f.size).sum(),
            files,
            columns,
        });
    }
    Ok(sources)
}

/// The COPY manifest of a day: every file by URL with its size (Parquet manifests need it).
pub fn manifest(store_url: impl Fn(&str) -> String, source: &DaySource) -> serde_json::Value {
    let entries: Vec<serde_json::Value> = source
        .files
        .iter()
        .map(|f| json!({"url": store_url(&f.key), "mandatory": true, "meta": {"content_length": f.size}}))
        .collect();
    json!({ "entries": entries })
}

/// Where a day's manifest is kept: bdctl's bookkeeping, outside the table's prefix.
pub fn manifest_key(lake: &Lake, table_setting: &str, day: NaiveDate) -> String {
    format!("{}warehouse/{table_setting}/{day}.manifest", lake.state.prefix)
}

/// What a load of one day runs, in one transaction.
#[derive(Debug, Clone)]
pub struct LoadStatements {
    pub statements: Vec<String>,
    /// Which statement is the COPY, the DELETE and the INSERT.
    pub copy: usize,
    pub delete: usize,
    pub insert: usize,
}

/// Creates the table when missing, stages the day by COPY from its manifest, and replaces the
/// day's rows with the staged ones.
pub fn load_statements(
    table: &str,
    columns: &[Column],
    day: NaiveDate,
    manifest_url: &str,
    iam_role: &str,
) -> LoadStatements {
    let stage = quoted(&format!("bdctl_load_{}", day.format("%Y%m%d")));
    let file_columns: Vec<String> = columns.iter().map(|c| quoted(&c.name)).collect();
    let definitions: Vec<String> =
        columns.iter().map(|c| format!("{} {}", quoted(&c.name), redshift_type(&c.data_type))).collect();
    let mut table_definitions = definitions.clone();
    table_definitions.extend(DAY_COLUMNS.iter().map(|(name, ty)| format!("{} {ty}", quoted(name))));
    let sort_key = if columns.iter().any(|c| c.name == "event_ts") { " SORTKEY (\"event_ts\")" } else { "" };
    let values = day_values(day);
    let day_condition = DAY_COLUMNS
        .iter()
        .zip(&values)
        .map(|((name, _), value)| format!("{} = {}", quoted(name), literal(value)))
        .collect::<Vec<_>>()
        .join(" AND ");
    let all_columns: Vec<String> =
        file_columns.iter().cloned().chain(DAY_COLUMNS.iter().map(|(name, _)| quoted(name))).collect();
    let selected: Vec<String> =
        file_columns.iter().cloned().chain(values.iter().map(|v| literal(v))).collect();
    LoadStatements {
        statements: vec![
            format!("CREATE TABLE IF NOT EXISTS {table} ({}){sort_key}", table_definitions.join(", ")),
            format!("CREATE TEMP TABLE {stage} ({})", definitions.join(", ")),
            format!(
                "COPY {stage} FROM {} IAM_ROLE {} FORMAT AS PARQUET MANIFEST",
                literal(manifest_url),
                literal(iam_role)
            ),
            format!("DELETE FROM {table} WHERE {day_condition}"),
            format!(
                "INSERT INTO {table} ({}) SELECT {} FROM {stage}",
                all_columns.join(", "),
                selected.join(", ")
            ),
            format!("DROP TABLE {stage}"),
        ],
        copy: 2,
        delete: 3,
        insert: 4,
    }
}

/// The newest load errors Redshift recorded for files under `url_prefix`.
pub fn load_errors_sql(serverless: bool, url_prefix: &str) -> String {
    // `_` matches any one character: at worst a neighbour's errors, never fewer.
    let like = literal(&format!("{url_prefix}%"));
    if serverless {
        format!(
            "SELECT TRIM(file_name) AS file, line_number, TRIM(column_name) AS column_name, TRIM(error_message) AS reason \
             FROM sys_load_error_detail WHERE TRIM(file_name) LIKE {like} ORDER BY start_time DESC LIMIT 5"
        )
    } else {
        format!(
            "SELECT TRIM(filename) AS file, line_number, TRIM(colname) AS column_name, TRIM(err_reason) AS reason \
             FROM stl_load_errors WHERE TRIM(filename) LIKE {like} ORDER BY starttime DESC LIMIT 5"
        )
    }
}

/// How one day's load ended.
#[derive(Debug, Clone, Serialize)]
pub struct DayLoad {
    pub day: NaiveDate,
    pub files: usize,
    pub bytes: u64,
    /// Rows the Parquet footers count.
    pub rows_in_files: u64,
    /// Rows COPY loaded, from the statement's result.
    pub rows_loaded: Option<i64>,
    /// Rows of an earlier load of the day that this one replaced.
    pub rows_replaced: Option<i64>,
    pub seconds: f64,
    /// loaded, empty (no files), planned (dry run).
    pub status: &'static str,
}

/// What `warehouse load` is asked to do.
#[derive(Debug, Clone)]
pub struct LoadRequest {
    /// The Glue database and table whose partitions say where each day is.
    pub database: String,
    pub glue_table: String,
    pub table_setting: String,
    pub iam_role: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub dry_run: bool,
    /// Each day's transaction is cancelled past this.
    pub timeout: Option<std::time::Duration>,
}

/// Loads each day in turn; stops at the first failure (days before it stay loaded).
pub async fn load(
    backend: &Backend,
    settings: &crate::settings::Settings,
    request: &LoadRequest,
    reporter: &dyn Reporter,
    on_statements: &mut (dyn FnMut(NaiveDate, &[String]) + Send),
) -> Result<Vec<DayLoad>> {
    backend.warehouse.check_available()?;
    let lake = &Lake::from_settings(settings)?;
    let table = qualified_table(&request.table_setting)?;
    let sources = day_sources(
        backend,
        lake,
        &request.database,
        &request.glue_table,
        request.from,
        request.to,
        reporter,
    )
    .await?;
    let mut loads = Vec::new();
    for source in sources {
        let mut day = DayLoad {
            day: source.day,
            files: source.files.len(),
            bytes: source.bytes,
            rows_in_files: source.rows,
            rows_loaded: None,
            rows_replaced: None,
            seconds: 0.0,
            status: "planned",
        };
        if source.files.is_empty() {
            day.status = "empty";
            reporter
                .notice(&format!("{}: no Parquet files at {}: nothing to load", source.day, source.location));
            loads.push(day);
            continue;
        }
        let key = manifest_key(lake, &request.table_setting, source.day);
        let manifest_url =
            backend.objects.url(&Location { bucket: lake.state.bucket.clone(), prefix: key.clone() });
        let plan = load_statements(&table, &source.columns, source.day, &manifest_url, &request.iam_role);
        on_statements(source.day, &plan.statements);
        if request.dry_run {
            loads.push(day);
            continue;
        }
        let store_url =
            |k: &str| backend.objects.url(&Location { bucket: source.bucket.clone(), prefix: k.to_string() });
        let body = serde_json::to_vec_pretty(&manifest(store_url, &source))?;
        backend.objects.put(&lake.state.bucket, &key, body.into()).await?;
        let started = Instant::now();
        let deadline = request.timeout.map(|t| started + t);
        reporter.status(&format!("loading {} ({} files)", source.day, source.files.len()));
        match backend.warehouse.run_statements(&plan.statements, deadline, reporter).await? {
            StatementsOutcome::Finished(runs) => {
                day.rows_loaded = runs.get(plan.copy).map(|r| r.rows);
                day.rows_replaced = runs.get(plan.delete).map(|r| r.rows);
                day.seconds = started.elapsed().as_secs_f64();
                day.status = "loaded";
                if let Some(loaded) = day.rows_loaded
                    && loaded >= 0
                    && loaded as u64 != source.rows
                {
                    reporter.warn(&format!(
                        "{}: COPY loaded {loaded} rows where the files' footers count {}",
                        source.day, source.rows
                    ));
                }
                loads.push(day);
            }
            StatementsOutcome::Failed { statement, error } => {
                let what = statement.map_or("the load".to_string(), |i| step_name(&plan, i).to_string());
                let mut message =
                    format!("loading {} into {}: {what} failed: {error}", source.day, request.table_setting);
                if statement.is_none_or(|i| i == plan.copy) {
                    let prefix = source.location.trim_end_matches('/');
                    match load_errors(backend, prefix).await {
                        Ok(lines) if !lines.is_empty() => {
                            message.push_str(&format!(
                                "; {}: {}",
                                load_errors_table(backend),
                                lines.join("; ")
                            ));
                        }
                        Ok(_) => {}
                        Err(err) => tracing::warn!("reading the load errors: {err:#}"),
                    }
                }
                return Err(RemoteFailed(message).into());
            }
        }
    }
    Ok(loads)
}

fn step_name(plan: &LoadStatements, index: usize) -> &'static str {
    match index {
        i if i == plan.copy => "COPY",
        i if i == plan.delete => "DELETE of the day's earlier rows",
        i if i == plan.insert => "INSERT of the staged rows",
        0 => "CREATE TABLE",
        _ => "staging",
    }
}

fn load_errors_table(backend: &Backend) -> &'static str {
    if backend.warehouse.serverless() { "sys_load_error_detail" } else { "stl_load_errors" }
}

/// Rows of the load-errors table for files under `prefix`, each as one line.
async fn load_errors(backend: &Backend, prefix: &str) -> Result<Vec<String>> {
    let engine = backend.warehouse.engine()?;
    let request = crate::backend::QueryRequest {
        sql: load_errors_sql(backend.warehouse.serverless(), prefix),
        database: String::new(),
        params: Vec::new(),
        workgroup: String::new(),
    };
    let mut rows = CollectRows::default();
    engine.execute(&request, &mut rows).await?;
    Ok(rows
        .rows
        .iter()
        .map(|row| {
            let cell = |i: usize| row.get(i).map(crate::output::cell_text).unwrap_or_default();
            format!("{} line {} column {}: {}", cell(0), cell(1), cell(2), cell(3))
        })
        .collect())
}

/// A small result, kept.
#[derive(Default)]
pub struct CollectRows {
    pub rows: Vec<Vec<serde_json::Value>>,
}

impl RowSink for CollectRows {
    fn columns(&mut self, _columns: &[crate::backend::ResultColumn]) -> Result<()> {
        Ok(())
    }
    fn row(&mut self, row: Vec<serde_json::Value>) -> Result<()> {
        self.rows.push(row);
        Ok(())
    }
}

/// `CREATE EXTERNAL SCHEMA` over the Glue database: Redshift then reads the lake's tables in place.
pub fn spectrum_statement(schema: &str, glue_database: &str, iam_role: &str, region: &str) -> String {
    format!(
        "CREATE EXTERNAL SCHEMA IF NOT EXISTS {} FROM DATA CATALOG DATABASE {} IAM_ROLE {} REGION {}",
        quoted(schema),
        literal(glue_database),
        literal(iam_role),
        literal(region)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns() -> Vec<Column> {
        vec![
            Column { name: "event_id".into(), data_type: "string".into() },
            Column { name: "event_ts".into(), data_type: "timestamp".into() },
            Column { name: "revenue".into(), data_type: "double".into() },
        ]
    }

    #[test]
    fn a_day_is_staged_and_replaced_in_one_transaction() {
        let day = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
        let plan = load_statements(
            "\"public\".\"events\"",
            &columns(),
            day,
            "s3://lake/_bdctl/warehouse/public.events/2024-05-01.manifest",
            "arn:aws:iam::1:role/copy",
        );
        assert_eq!(
            plan.statements,
            [
                "CREATE TABLE IF NOT EXISTS \"public\".\"events\" (\"event_id\" VARCHAR(65535), \"event_ts\" TIMESTAMP, \"revenue\" DOUBLE PRECISION, \"year\" VARCHAR(4), \"month\" VARCHAR(2), \"day\" VARCHAR(2)) SORTKEY (\"event_ts\")",
                "CREATE TEMP TABLE \"bdctl_load_20240501\" (\"event_id\" VARCHAR(65535), \"event_ts\" TIMESTAMP, \"revenue\" DOUBLE PRECISION)",
                "COPY \"bdctl_load_20240501\" FROM 's3://lake/_bdctl/warehouse/public.events/2024-05-01.manifest' IAM_ROLE 'arn:aws:iam::1:role/copy' FORMAT AS PARQUET MANIFEST",
                "DELETE FROM \"public\".\"events\" WHERE \"year\" = '2024' AND \"month\" = '05' AND \"day\" = '01'",
                "INSERT INTO \"public\".\"events\" (\"event_id\", \"event_ts\", \"revenue\", \"year\", \"month\", \"day\") SELECT \"event_id\", \"event_ts\", \"revenue\", '2024', '05', '01' FROM \"bdctl_load_20240501\"",
                "DROP TABLE \"bdctl_load_20240501\"",
            ]
        );
        assert!(plan.statements[plan.copy].starts_with("COPY"));
        assert!(plan.statements[plan.delete].starts_with("DELETE"));
        assert!(plan.statements[plan.insert].starts_with("INSERT"));
    }

    #[test]
    fn table_settings_are_checked_and_quoted() {
        assert_eq!(qualified_table("events").unwrap(), "\"public\".\"events\"");
        assert_eq!(qualified_table("analytics.click_events").unwrap(), "\"analytics\".\"click_events\"");
        for bad in ["a.b.c", "x;drop", "", "s."] {
            assert!(qualified_table(bad).is_err(), "{bad}");
        }
        assert_eq!(literal("it's"), "'it''s'");
        assert_eq!(quoted("a\"b"), "\"a\"\"b\"");
    }

    #[test]
    fn catalog_types_map_to_redshift_types() {
        let cases = [
            ("string", "VARCHAR(65535)"),
            ("bigint", "BIGINT"),
            ("int", "INTEGER"),
            ("tinyint", "SMALLINT"),
            ("double", "DOUBLE PRECISION"),
            ("float", "REAL"),
            ("boolean", "BOOLEAN"),
            ("timestamp", "TIMESTAMP"),
            ("date", "DATE"),
            ("decimal(10,2)", "DECIMAL(10,2)"),
            ("array<string>", "SUPER"),
        ];
        for (hive, redshift) in cases {
            assert_eq!(redshift_type(hive), redshift, "{hive}");
        }
    }

    #[test]
    fn spectrum_and_load_errors_sql() {
        assert_eq!(
            spectrum_statement("lake", "clickstream", "arn:aws:iam::1:role/spectrum", "eu-west-1"),
            "CREATE EXTERNAL SCHEMA IF NOT EXISTS \"lake\" FROM DATA CATALOG DATABASE 'clickstream' IAM_ROLE 'arn:aws:iam::1:role/spectrum' REGION 'eu-west-1'"
        );
        let sql = load_errors_sql(false, "s3://lake/transformed/year=2024/month=05/day=01");
        assert!(sql.contains("FROM stl_load_errors"), "{sql}");
        assert!(sql.contains("LIKE 's3://lake/transformed/year=2024/month=05/day=01%'"), "{sql}");
        assert!(load_errors_sql(true, "s3://x/y").contains("FROM sys_load_error_detail"));
    }
}
