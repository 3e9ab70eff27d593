//! What the transformed lake holds, read the way a crawler reads it: the date partitions from
//! the key layout, the table schema from Parquet footers, and the changes against the catalog.

use std::collections::BTreeMap;

use anyhow::{Context as _, Result, bail};
use arrow::datatypes::{DataType, TimeUnit};
use parquet::file::metadata::{FooterTail, ParquetMetaData, ParquetMetaDataReader};

use crate::backend::{
    Catalog, Change, Column, ObjectInfo, ObjectStore, PartitionInfo, TableInfo, TableLookup,
};

use crate::layout::Location;
use crate::layout::{day_partition, partition_day};

/// The partition keys of the events table, as Athena and Glue name them.
pub const PARTITION_KEYS: [&str; 3] = ["year", "month", "day"];

/// A date partition found in the lake.
#[derive(Debug, Clone, PartialEq)]
pub struct LakePartition {
    pub info: PartitionInfo,
    pub objects: u64,
    pub bytes: u64,
    /// The newest file, whose footer speaks for the partition's schema.
    pub newest: ObjectInfo,
}

/// The date partitions under the transformed prefix, from the Parquet files' keys, each
/// addressed by `url` (the store's [`ObjectStore::url`]).
pub fn partitions(
    objects: &[ObjectInfo],
    transformed: &Location,
    url: impl Fn(&Location) -> String,
) -> Vec<LakePartition> {
    let mut by_day: BTreeMap<chrono::NaiveDate, LakePartition> = BTreeMap::new();
    for object in objects.iter().filter(|o| o.key.ends_with(".parquet")) {
        let Some(relative) = object.key.strip_prefix(&transformed.prefix) else { continue };
        let Some(day) = partition_day(relative) else { continue };
        let entry = by_day.entry(day).or_insert_with(|| LakePartition {
            info: PartitionInfo {
                values: vec![
                    day.format("%Y").to_string(),
                    day.format("%m").to_string(),
                    day.format("%d").to_string(),
                ],
                location: url(&Location {
                    bucket: transformed.bucket.clone(),
                    prefix: format!("{}{}", transformed.prefix, day_partition(day)),
                }),
            },
            objects: 0,
            bytes: 0,
            newest: object.clone(),
        });
        entry.objects += 1;
        entry.bytes += object.size;
        if object.last_modified > entry.newest.last_modified {
            entry.newest = object.clone();
        }
    }
    by_day.into_values().collect()
}

/// The type name Glue and Athena use for an Arrow type.
pub fn hive_type(data_type: &DataType) -> String {
    match data_type {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => "string".into(),
        DataType::Dictionary(_, value) => hive_type(value),
        DataType::Boolean => "boolean".into(),
        DataType::Int8 => "tinyint".into(),
        DataType::Int16 => "smallint".into(),
        DataType::Int32 | DataType::UInt8 | DataType::UInt16 => "int".into(),
        DataType::Int64 | DataType::UInt32 | DataType::UInt64 => "bigint".into(),
        DataType::Float32 => "float".into(),
        DataType::Float64 => "double".into(),
        DataType::Timestamp(
            TimeUnit::Second | TimeUnit::Millisecond | TimeUnit::Microsecond | TimeUnit::Nanosecond,
            _,
        ) => "timestamp".into(),
        DataType::Date32 | DataType::Date64 => "date".into(),
        DataType::Decimal128(p, s) | DataType::Decimal256(p, s) => format!("decimal({p},{s})"),
        DataType::Binary | DataType::LargeBinary | DataType::BinaryView => "binary".into(),
        other => other.to_string().to_lowercase(),
    }
}

/// The Arrow type the local engine reads a catalog column as: the inverse of [`hive_type`],
/// with the widest reading of each name (strings as views, timestamps as UTC microseconds, as the
/// transform writes them). `None` for a name it has no reading for (nested types).
pub fn arrow_type(hive: &str) -> Option<DataType> {
    let hive = hive.trim().to_ascii_lowercase();
    Some(match hive.as_str() {
        "string" | "varchar" | "char" => DataType::Utf8View,
        "boolean" => DataType::Boolean,
        "tinyint" => DataType::Int8,
        "smallint" => DataType::Int16,
        "int" | "integer" => DataType::Int32,
        "bigint" => DataType::Int64,
        "float" => DataType::Float32,
        "double" => DataType::Float64,
        "timestamp" => DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
        "date" => DataType::Date32,
        "binary" => DataType::BinaryView,
        decimal if decimal.starts_with("decimal(") => {
            let inner = decimal.strip_prefix("decimal(")?.strip_suffix(')')?;
            let (precision, scale) = inner.split_once(',')?;
            let precision: u8 = precision.trim().parse().ok()?;
            let scale: i8 = scale.trim().parse().ok()?;
            if precision <= 38 {
                DataType::Decimal128(precision, scale)
            } else {
                DataType::Decimal256(precision, scale)
            }
        }
        _ => return None,
    })
}

/// A Parquet file's metadata, from its footer alone (two small range reads).
pub async fn footer(store: &dyn ObjectStore, bucket: &str, object: &ObjectInfo) -> Result<ParquetMetaData> {
    const TAIL: u64 = 8;
    if object.size < TAIL + 4 {
        bail!("{} is too small to be a Parquet file", object.key);
    }
    let tail = store.get_range(bucket, &object.key, object.size - TAIL..object.size).await?;
    let tail: [u8; 8] = tail.as_ref().try_into().context("short read of the Parquet footer")?;
    let footer =
        FooterTail::try_new(&tail).with_context(|| format!("{} is not a Parquet file", object.key))?;
    let length = footer.metadata_length() as u64;
    if length + TAIL > object.size {
        bail!("{} has a damaged Parquet footer", object.key);
    }
    let metadata_bytes =
        store.get_range(bucket, &object.key, object.size - TAIL - length..object.size - TAIL).await?;
    ParquetMetaDataReader::decode_metadata(&metadata_bytes)
        .with_context(|| format!("reading the Parquet footer of {}", object.key))
}

/// The columns of one Parquet file, from its footer.
pub async fn file_columns(store: &dyn ObjectStore, bucket: &str, object: &ObjectInfo) -> Result<Vec<Column>> {
    footer_columns(&footer(store, bucket, object).await?)
}

/// The columns a Parquet footer describes, with their catalog types.
pub fn footer_columns(metadata: &ParquetMetaData) -> Result<Vec<Column>> {
    let file = metadata.file_metadata();
    let schema = parquet::arrow::parquet_to_arrow_schema(file.schema_descr(), file.key_value_metadata())?;
    Ok(schema
        .fields()
        .iter()
        .map(|f| Column { name: f.name().clone(), data_type: hive_type(f.data_type()) })
        .collect())
}

/// A column whose type differs between files.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub column: String,
    pub kept: String,
    pub seen: String,
    pub file: String,
}

/// Merges the schemas of several files: columns in order of first appearance; a column seen
/// with two types keeps the first and is reported, as a crawler reports incompatible schemas.
pub fn merge_columns(files: &[(String, Vec<Column>)]) -> (Vec<Column>, Vec<Conflict>) {
    let mut merged: Vec<Column> = Vec::new();
    let mut conflicts = Vec::new();
    for (file, columns) in files {
        for column in columns {
            match merged.iter().find(|c| c.name == column.name) {
                None => merged.push(column.clone()),
                Some(existing) if existing.data_type != column.data_type => conflicts.push(Conflict {
                    column: column.name.clone(),
                    kept: existing.data_type.clone(),
                    seen: column.data_type.clone(),
                    file: file.clone(),
                }),
                Some(_) => {}
            }
        }
    }
    (merged, conflicts)
}

/// What changes from `before` to `after` in a table's definition.
pub fn table_changes(before: Option<&TableInfo>, after: &TableInfo) -> Vec<Change> {
    let name = format!("{}.{}", after.database, after.name);
    let Some(before) = before else {
        return vec![Change {
            kind: "table",
            action: "created",
            name,
            detail: format!("{} columns, partitioned by {}", after.columns.len(), PARTITION_KEYS.join(", ")),
        }];
    };
    let mut changes = Vec::new();
    for column in &after.columns {
        match before.columns.iter().find(|c| c.name == column.name) {
            None => changes.push(Change {
                kind: "column",
                action: "added",
                name: column.name.clone(),
                detail: column.data_type.clone(),
            }),
            Some(old) if old.data_type != column.data_type => changes.push(Change {
                kind: "column",
                action: "retyped",
                name: column.name.clone(),
                detail: format!("{} -> {}", old.data_type, column.data_type),
            }),
            Some(_) => {}
        }
    }
    for column in &before.columns {
        if !after.columns.iter().any(|c| c.name == column.name) {
            changes.push(Change {
                kind: "column",
                action: "removed",
                name: column.name.clone(),
                detail: column.data_type.clone(),
            });
        }
    }
    if before.location != after.location {
        changes.push(Change {
            kind: "table",
            action: "updated",
            name,
            detail: format!("location {} -> {}", before.location, after.location),
        });
    }
    changes
}

/// How many years past the later of `--from` and today partition projection reaches: Athena's
/// integer ranges are fixed, and `partitions project` run again moves them on.
pub const PROJECTION_YEARS_AHEAD: i32 = 5;

/// Athena partition projection for the date keys of a table at `location` (`…/`): years from
/// `first_year` to `last_year`, months and days as two-digit integers, each partition at its
/// `year=/month=/day=` directory, so that Athena needs neither crawler nor registered partitions.
pub fn projection_parameters(location: &str, first_year: i32, last_year: i32) -> BTreeMap<String, String> {
    let location = if location.ends_with('/') { location.to_string() } else { format!("{location}/") };
    [
        ("projection.enabled", "true".to_string()),
        ("projection.year.type", "integer".to_string()),
        ("projection.year.range", format!("{first_year},{last_year}")),
        ("projection.month.type", "integer".to_string()),
        ("projection.month.range", "1,12".to_string()),
        ("projection.month.digits", "2".to_string()),
        ("projection.day.type", "integer".to_string()),
        ("projection.day.range", "1,31".to_string()),
        ("projection.day.digits", "2".to_string()),
        ("storage.location.template", format!("{location}year=${{year}}/month=${{month}}/day=${{day}}/")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// Whether a table property belongs to partition projection.
pub fn is_projection_parameter(key: &str) -> bool {
    key.starts_with("projection.") || key == "storage.location.template"
}

/// The years a table projects, when projection is on for its date keys.
pub fn projected_years(parameters: &BTreeMap<String, String>) -> Option<(i32, i32)> {
    if parameters.get("projection.enabled").is_none_or(|v| !v.eq_ignore_ascii_case("true")) {
        return None;
    }
    let (first, last) = parameters.get("projection.year.range")?.split_once(',')?;
    Some((first.trim().parse().ok()?, last.trim().parse().ok()?))
}

/// Whether a partition's values (year, month, day) fall in the projected years.
pub fn is_projected(values: &[String], years: (i32, i32)) -> bool {
    values.first().and_then(|y| y.parse::<i32>().ok()).is_some_and(|y| y >= years.0 && y <= years.1)
}

/// The partitions of `found` that the catalog does not list yet.
pub fn missing_partitions(catalog: &[PartitionInfo], found: &[LakePartition]) -> Vec<PartitionInfo> {
    found
        .iter()
        .filter(|p| !catalog.iter().any(|c| c.values == p.info.values))
        .map(|p| p.info.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_types_read_back_as_the_types_they_name() {
        for data_type in [
            DataType::Utf8View,
            DataType::Boolean,
            DataType::Int16,
            DataType::Int32,
            DataType::Int64,
            DataType::Float64,
            DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
            DataType::Date32,
            DataType::Decimal128(12, 2),
            DataType::Decimal256(50, 4),
        ] {
            assert_eq!(arrow_type(&hive_type(&data_type)), Some(data_type));
        }
        assert_eq!(arrow_type("STRING"), Some(DataType::Utf8View));
        assert_eq!(arrow_type("array<string>"), None);
        assert_eq!(arrow_type("decimal(x,2)"), None);
    }

    fn column(name: &str, data_type: &str) -> Column {
        Column { name: name.into(), data_type: data_type.into() }
    }

    #[test]
    fn partitions_come_from_the_keys() {
        let object = |key: &str, size| ObjectInfo { key: key.into(), size, last_modified: None };
        let objects = [
            object("transformed/year=2024/month=06/day=01/a.parquet", 10),
            object("transformed/year=2024/month=06/day=01/b.parquet", 5),
            object("transformed/year=2024/month=06/day=02/a.parquet", 7),
            object("transformed/year=2024/month=06/day=02/.a.parquet.tmp", 7),
            object("transformed/notes.txt", 1),
        ];
        let location = Location { bucket: "lake".into(), prefix: "transformed/".into() };
        let found = partitions(&objects, &location, |l: &Location| format!("s3://{}/{}", l.bucket, l.prefix));
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].info.values, vec!["2024", "06", "01"]);
        assert_eq!(found[0].info.location, "s3://lake/transformed/year=2024/month=06/day=01/");
        assert_eq!((found[0].objects, found[0].bytes), (2, 15));
    }

    #[test]
    fn merge_reports_conflicts_and_diff_reports_changes() {
        let (merged, conflicts) = merge_columns(&[
            ("a".into(), vec![column("x", "string"), column("y", "bigint")]),
            ("b".into(), vec![column("y", "double"), column("z", "string")]),
        ]);
        assert_eq!(merged, vec![column("x", "string"), column("y", "bigint"), column("z", "string")]);
        assert_eq!(conflicts.len(), 1);
        assert_eq!((conflicts[0].kept.as_str(), conflicts[0].seen.as_str()), ("bigint", "double"));

        let table = |columns: Vec<Column>| TableInfo {
            database: "d".into(),
            name: "t".into(),
            location: "l".into(),
            columns,
            partition_keys: vec![],
            parameters: Default::default(),
        };
        let before = table(vec![column("x", "string"), column("y", "bigint")]);
        let after = table(vec![column("x", "string"), column("y", "double"), column("z", "string")]);
        let changes = table_changes(Some(&before), &after);
        let summary: Vec<(&str, &str)> = changes.iter().map(|c| (c.action, c.name.as_str())).collect();
        assert_eq!(summary, vec![("retyped", "y"), ("added", "z")]);
        assert_eq!(table_changes(None, &after)[0].action, "created");
        assert!(table_changes(Some(&after), &after).is_empty());
    }
}

/// What a crawl by the footers would do: the table as the lake's files describe it, the
/// partitions the catalog lacks, and the changes against the catalog.
#[derive(Debug, Clone)]
pub struct FooterCrawl {
    pub table: TableInfo,
    pub before: Option<TableInfo>,
    pub missing: Vec<PartitionInfo>,
    pub changes: Vec<Change>,
    pub files: usize,
    pub partitions: usize,
    pub conflicts: Vec<Conflict>,
}

impl FooterCrawl {
    /// Whether an existing table's definition would change (a new one is not a change).
    pub fn changes_schema(&self) -> bool {
        self.before.as_ref().is_some_and(|before| before != &self.table)
    }

    /// What the crawl did, in a line.
    pub fn summary(&self) -> String {
        format!(
            "crawled {} files in {} partitions: {} columns, {} conflicts",
            self.files,
            self.partitions,
            self.table.columns.len(),
            self.conflicts.len()
        )
    }
}

/// Reads the lake the way a crawler does, without changing the catalog: the partitions from the
/// keys under `lake`, the columns from the newest footer of each partition, merged.
pub async fn crawl_footers(
    catalog: &dyn Catalog,
    objects: &dyn ObjectStore,
    lake: &Location,
    database: &str,
    table: &str,
    reporter: &dyn crate::backend::Reporter,
) -> Result<FooterCrawl> {
    reporter.status("reading the transformed lake");
    let files = objects.list(&lake.bucket, &lake.prefix).await?;
    let found = partitions(&files, lake, |l| objects.url(l));
    if found.is_empty() {
        bail!(
            "no Parquet partitions under {} yet: run `bdctl transform` or `bdctl backfill` first",
            objects.url(lake)
        );
    }
    let mut schemas = Vec::new();
    for partition in &found {
        reporter.status(&format!("reading the footer of {}", partition.newest.key));
        let columns = file_columns(objects, &lake.bucket, &partition.newest).await?;
        schemas.push((partition.newest.key.clone(), columns));
    }
    let (columns, conflicts) = merge_columns(&schemas);
    for conflict in &conflicts {
        reporter.warn(&format!(
            "column `{}` is {} in {} but {} elsewhere: kept {}",
            conflict.column, conflict.seen, conflict.file, conflict.kept, conflict.kept
        ));
    }
    let (before, registered) = snapshot(catalog, database, table).await?;
    let table = TableInfo {
        database: database.to_string(),
        name: table.to_string(),
        location: objects.url(lake),
        columns,
        partition_keys: PARTITION_KEYS
            .iter()
            .map(|k| Column { name: k.to_string(), data_type: "string".into() })
            .collect(),
        // Properties set since (partition projection, a crawler's) are the table's, not the files'.
        parameters: before
            .as_ref()
            .map(|b| b.parameters.clone())
            .unwrap_or_else(|| [("classification".to_string(), "parquet".to_string())].into_iter().collect()),
    };
    let mut changes = table_changes(before.as_ref(), &table);
    let missing = missing_partitions(&registered, &found);
    changes.extend(partition_changes(&registered, &missing));
    Ok(FooterCrawl {
        table,
        before,
        missing,
        changes,
        files: files.iter().filter(|o| o.key.ends_with(".parquet")).count(),
        partitions: found.len(),
        conflicts,
    })
}

/// Writes what [`crawl_footers`] found into the catalog: the database when missing, the table
/// when it changed, the partitions it lacks.
pub async fn apply_footer_crawl(catalog: &dyn Catalog, crawl: &FooterCrawl) -> Result<()> {
    catalog.ensure_database(&crawl.table.database).await?;
    if crawl.before.as_ref() != Some(&crawl.table) {
        catalog.put_table(&crawl.table).await?;
    }
    if !crawl.missing.is_empty() {
        catalog.add_partitions(&crawl.table.database, &crawl.table.name, &crawl.missing).await?;
    }
    Ok(())
}

/// The table and its partitions as the catalog has them now (no table: none of either).
pub async fn snapshot(
    catalog: &dyn Catalog,
    database: &str,
    table: &str,
) -> Result<(Option<TableInfo>, Vec<PartitionInfo>)> {
    match catalog.lookup_table(database, table).await? {
        TableLookup::Found(info) => {
            let partitions = catalog.list_partitions(database, table).await?;
            Ok((Some(*info), partitions))
        }
        _ => Ok((None, Vec::new())),
    }
}

/// The partitions of `after` that `before` did not have, as changes.
pub fn partition_changes(before: &[PartitionInfo], after: &[PartitionInfo]) -> Vec<Change> {
    after
        .iter()
        .filter(|p| !before.iter().any(|b| b.values == p.values))
        .map(|p| Change {
            kind: "partition",
            action: "added",
            name: PARTITION_KEYS
                .iter()
                .zip(&p.values)
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("/"),
            detail: p.location.clone(),
        })
        .collect()
}
