//! Parquet reads for the embedded engine straight from local files.
//!
//! The engine's default reader goes through the object-store layer, which hands every read to a
//! blocking thread and opens the file again for each request: three or four thread hand-offs and
//! file opens per file and query. On a lake of many small files that per-file cost was a third
//! of a short query's time. Here each file is opened once, read in place (from the page cache
//! this takes microseconds, as the engine's own decoding does), its larger column chunks mapped
//! rather than copied, and its tail, read once for the footer, also serves the page index and
//! the last column chunks.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use datafusion::common::ColumnStatistics;
use datafusion::datasource::listing::PartitionedFile;
use datafusion::datasource::physical_plan::{
    FileGroup, FileScanConfig, FileScanConfigBuilder, FileSource, ParquetFileMetrics,
    ParquetFileReaderFactory, ParquetSource,
};
use datafusion::datasource::source::DataSourceExec;
use datafusion::error::{DataFusionError, Result};
use datafusion::object_store::local::LocalFileSystem;
use datafusion::physical_expr::utils::collect_columns;
use datafusion::physical_plan::ExecutionPlan;

use super::plan_nodes::{rewrite_each_node, scan_config};
use datafusion::physical_plan::metrics::ExecutionPlanMetricsSet;
use futures::FutureExt;
use futures::future::BoxFuture;
use parquet::arrow::arrow_reader::ArrowReaderOptions;
use parquet::arrow::async_reader::AsyncFileReader;
use parquet::arrow::{ARROW_SCHEMA_META_KEY, encode_arrow_schema, parquet_to_arrow_schema};
use parquet::errors::ParquetError;
use parquet::file::metadata::{
    FileMetaData, KeyValue, ParquetMetaData, ParquetMetaDataBuilder, ParquetMetaDataReader,
};
use parquet::schema::types::TypePtr;

use super::dictionary_filter::dictionary_type;
use super::matching_row_groups::{Footers, one_step_aggregates, spread_matching_row_groups};
use datafusion::arrow::datatypes::{DataType, Field, Schema};

/// Bytes read from the end of a file in the first request for its metadata, unless configured.
pub(super) const METADATA_SIZE_HINT: usize = 64 * 1024;

/// Column chunk reads from this size on are mapped instead of copied (see `LocalReader::map`).
/// A mapping costs two system calls and, when it is dropped while the other worker runs, a TLB
/// flush on both cores: for the 66 KB `country` chunks of a compacted day that was more than
/// the copy (the revenue query 34.5 -> 30.7 ms from 64 KiB up to this), while chunks of
/// megabytes still map faster than they copy into fresh memory.
const MAP_AT_LEAST: u64 = 256 * 1024;

/// The column the lake's files are clustered by: the transform writes events as they arrive,
/// about in time order, and `bdctl compact` sorts by it.
const CLUSTERED_BY: &str = "event_ts";

/// Makes every Parquet scan in `plan` read through [`LocalReaderFactory`], and reads page
/// indexes only for conditions on [`CLUSTERED_BY`]: a page's minimum and maximum of any other
/// column span about all its values, so the index pruned nothing and cost 4 ms of the revenue
/// query's 66 on the lake as written (193 indexes read, 11 ms of CPU).
pub(super) fn read_local_files(plan: Arc<dyn ExecutionPlan>) -> Result<Arc<dyn ExecutionPlan>> {
    let plan = rewrite_file_scans(plan, |config| {
        let source = config.file_source().downcast_ref::<ParquetSource>()?;
        let pages_prune = source
            .filter()
            .is_some_and(|predicate| collect_columns(&predicate).iter().any(|c| c.name() == CLUSTERED_BY));
        let dictionaries = Arc::new(DictionaryReading::new(
            config
                .file_schema()
                .fields()
                .iter()
                .filter(|field| field.data_type() == &dictionary_type())
                .map(|field| field.name().clone())
                .collect(),
        ));
        let config = &without_partition_only_statistics(config);
        let spread =
            if pages_prune { spread_matching_row_groups(config, source, &dictionaries) } else { None };
        let (config, footers) = spread.unwrap_or_else(|| (config.clone(), Footers::new()));
        let factory = LocalReaderFactory { dictionaries, footers: Arc::new(footers) };
        let source = source.clone().with_parquet_file_reader_factory(Arc::new(factory));
        let source = if pages_prune { source } else { source.with_enable_page_index(false) };
        Some(FileScanConfigBuilder::from(config).with_source(Arc::new(source)).build())
    })?;
    one_step_aggregates(plan)
}

/// `config` with the statistics taken off files that have none of their own columns, only the
/// partition values their path gives, as every file has when the engine collects no statistics.
/// With them the engine builds a pruning predicate for each file it opens and evaluates it, yet
/// it can prune no file its partition values did not already exclude while planning: on the lake
/// as written, 193 times per query and 4.7 % of the revenue query's CPU (50.5 -> 46.9 ms).
fn without_partition_only_statistics(config: &FileScanConfig) -> FileScanConfig {
    let own_columns = config.file_schema().fields().len();
    let says_nothing = |file: &PartitionedFile| {
        file.statistics.as_ref().is_some_and(|stats| {
            stats
                .column_statistics
                .iter()
                .take(own_columns)
                .all(|column| *column == ColumnStatistics::new_unknown())
        })
    };
    let mut config = config.clone();
    config.file_groups = std::mem::take(&mut config.file_groups)
        .into_iter()
        .map(|group| {
            let statistics = group.file_statistics(None).cloned();
            let files = group.into_inner().into_iter().map(|mut file| {
                if says_nothing(&file) {
                    file.statistics = None;
                }
                file
            });
            let group = FileGroup::new(files.collect());
            match statistics {
                Some(statistics) => group.with_statistics(Arc::new(statistics)),
                None => group,
            }
        })
        .collect();
    config
}

/// `plan` with each file scan replaced by what `rewrite` makes of it (`None`: left as it is).
fn rewrite_file_scans(
    plan: Arc<dyn ExecutionPlan>,
    rewrite: impl Fn(&FileScanConfig) -> Option<FileScanConfig>,
) -> Result<Arc<dyn ExecutionPlan>> {
    rewrite_each_node(plan, |node| {
        Ok(scan_config(node)
            .and_then(&rewrite)
            .map(|config| DataSourceExec::from_data_source(config) as Arc<dyn ExecutionPlan>))
    })
}

#[derive(Debug)]
struct LocalReaderFactory {
    dictionaries: Arc<DictionaryReading>,
    /// Footers already read while planning (see `matching_row_groups`).
    footers: Arc<Footers>,
}

impl ParquetFileReaderFactory for LocalReaderFactory {
    fn create_reader(
        &self,
        partition_index: usize,
        partitioned_file: PartitionedFile,
        metadata_size_hint: Option<usize>,
        metrics: &ExecutionPlanMetricsSet,
    ) -> Result<Box<dyn AsyncFileReader + Send>> {
        let location = &partitioned_file.object_meta.location;
        let metrics = ParquetFileMetrics::new(partition_index, location.as_ref(), metrics);
        let path = LocalFileSystem::new().path_to_filesystem(location)?;
        let file = File::open(&path)
            .map_err(|err| DataFusionError::Execution(format!("cannot open {}: {err}", path.display())))?;
        let size = partitioned_file.object_meta.size;
        Ok(Box::new(LocalReader {
            path,
            file,
            size,
            tail: Bytes::new(),
            tail_start: size,
            tail_len: metadata_size_hint.unwrap_or(METADATA_SIZE_HINT),
            metrics,
            counting: true,
            dictionaries: Arc::clone(&self.dictionaries),
            footer: self.footers.get(location).cloned(),
        }))
    }
}

struct LocalReader {
    path: PathBuf,
    file: File,
    size: u64,
    /// The file's last bytes from `tail_start` on, once the footer has been read.
    tail: Bytes,
    tail_start: u64,
    tail_len: usize,
    metrics: ParquetFileMetrics,
    /// What counts as scanned are the column chunk bytes the query reads, as Athena bills a
    /// scan (and as `--estimate` counts them): the arrow reader fetches those through
    /// `get_byte_ranges`; footers and page indexes come through `get_bytes` or while the
    /// metadata loads, and are not counted.
    counting: bool,
    dictionaries: Arc<DictionaryReading>,
    footer: Option<Arc<ParquetMetaData>>,
}

impl LocalReader {
    fn read(&mut self, range: Range<u64>, data: bool) -> parquet::errors::Result<Bytes> {
        let len = range.end.saturating_sub(range.start);
        if data && self.counting {
            self.metrics.bytes_scanned.add(len as usize);
        }
        if range.start >= self.tail_start && range.end <= self.size {
            let from = (range.start - self.tail_start) as usize;
            return Ok(self.tail.slice(from..from + len as usize));
        }
        if data && len >= MAP_AT_LEAST {
            return self.map(range.start, len);
        }
        let mut buf = Vec::with_capacity(len as usize);
        self.file
            .seek(SeekFrom::Start(range.start))
            .and_then(|_| (&mut self.file).take(len).read_to_end(&mut buf))
            .map_err(|err| {
                ParquetError::External(format!("reading {}: {err}", self.path.display()).into())
            })?;
        if buf.len() as u64 != len {
            return Err(self.past_the_end(range.start, len));
        }
        Ok(buf.into())
    }

    fn past_the_end(&self, start: u64, len: u64) -> ParquetError {
        ParquetError::EOF(format!(
            "{}: expected {len} bytes at offset {start}, the file has {}",
            self.path.display(),
            self.size
        ))
    }

    /// The range as the page cache holds it, mapped in one call with its pages already present:
    /// a copy would first fault in and zero as much fresh memory, which on a short query cost
    /// more than the copy itself. The lake's files are written once and replaced, never
    /// truncated in place, so the mapping stays valid while the scan holds it.
    fn map(&self, start: u64, len: u64) -> parquet::errors::Result<Bytes> {
        if start.saturating_add(len) > self.size {
            return Err(self.past_the_end(start, len));
        }
        // SAFETY: see above; the mapping is read-only and private.
        let mapped =
            unsafe { memmap2::MmapOptions::new().offset(start).len(len as usize).populate().map(&self.file) }
                .map_err(|err| {
                    ParquetError::External(format!("mapping {}: {err}", self.path.display()).into())
                })?;
        Ok(Bytes::from_owner(mapped))
    }
}

impl AsyncFileReader for LocalReader {
    fn get_bytes(&mut self, range: Range<u64>) -> BoxFuture<'_, parquet::errors::Result<Bytes>> {
        let bytes = self.read(range, false);
        async move { bytes }.boxed()
    }

    fn get_byte_ranges(
        &mut self,
        ranges: Vec<Range<u64>>,
    ) -> BoxFuture<'_, parquet::errors::Result<Vec<Bytes>>> {
        let bytes = ranges.into_iter().map(|range| self.read(range, true)).collect();
        async move { bytes }.boxed()
    }

    fn get_metadata<'a>(
        &'a mut self,
        options: Option<&'a ArrowReaderOptions>,
    ) -> BoxFuture<'a, parquet::errors::Result<Arc<ParquetMetaData>>> {
        async move {
            if let Some(footer) = &self.footer {
                return Ok(Arc::clone(footer));
            }
            let size = self.size;
            self.counting = false;
            if self.tail.is_empty() && size > 0 {
                let start = size.saturating_sub(self.tail_len as u64);
                self.tail = self.read(start..size, false)?;
                self.tail_start = start;
            }
            let metadata = ParquetMetaDataReader::new()
                .with_arrow_reader_options(options)
                .with_prefetch_hint(Some(self.tail_len))
                .load_and_finish(&mut *self, size)
                .await;
            self.counting = true;
            let metadata = self.dictionaries.apply(metadata?)?;
            Ok(Arc::new(metadata))
        }
        .boxed()
    }
}

/// String columns a scan reads as dictionaries (see `dictionary_filter`), and the Arrow schema
/// hint that says so for the last file schema seen: a lake's files share one schema, and working
/// the hint out again for each of them took 3.6 % of the revenue query's CPU over 193 files
/// (68.4 -> 64.0 and 65.8 -> 63.6 ms in two runs of 21 on a busy machine).
#[derive(Debug, Default)]
pub(super) struct DictionaryReading {
    names: Vec<String>,
    last: Mutex<Option<SchemaHint>>,
}

/// A file schema, the Arrow schema hint the file came with, and the hint that replaces it
/// (`None`: the file's own hint serves).
#[derive(Debug)]
struct SchemaHint {
    schema: TypePtr,
    written: Option<String>,
    hint: Option<String>,
}

impl DictionaryReading {
    pub(super) fn new(names: Vec<String>) -> Self {
        Self { names, last: Mutex::new(None) }
    }

    /// `metadata` with its Arrow schema hint, which says how the reader decodes each column,
    /// naming the string columns of `names` dictionaries: the reader then hands out each column
    /// chunk's dictionary and keys as they are stored, where string views copy every row's value
    /// out.
    pub(super) fn apply(&self, metadata: ParquetMetaData) -> parquet::errors::Result<ParquetMetaData> {
        if self.names.is_empty() {
            return Ok(metadata);
        }
        let file = metadata.file_metadata();
        let schema = file.schema_descr().root_schema();
        let written = file
            .key_value_metadata()
            .and_then(|kvs| kvs.iter().find(|kv| kv.key == ARROW_SCHEMA_META_KEY))
            .and_then(|kv| kv.value.as_deref());
        let mut last = self.last.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let known =
            last.as_ref().filter(|last| last.written.as_deref() == written && *last.schema == *schema);
        let hint = match known {
            Some(known) => known.hint.clone(),
            None => {
                let hint = self.dictionary_hint(file)?;
                *last = Some(SchemaHint {
                    schema: file.schema_descr().root_schema_ptr(),
                    written: written.map(str::to_owned),
                    hint: hint.clone(),
                });
                hint
            }
        };
        drop(last);
        match hint {
            Some(hint) => Ok(with_arrow_schema_hint(metadata, hint)),
            None => Ok(metadata),
        }
    }

    /// The Arrow schema hint naming the string columns of `names` dictionaries; `None` when the
    /// file has none of them.
    fn dictionary_hint(&self, file: &FileMetaData) -> parquet::errors::Result<Option<String>> {
        let schema = parquet_to_arrow_schema(file.schema_descr(), file.key_value_metadata())?;
        let mut changed = false;
        let fields: Vec<Field> = schema
            .fields()
            .iter()
            .map(|field| {
                let string =
                    matches!(field.data_type(), DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View);
                if string && self.names.contains(field.name()) {
                    changed = true;
                    field.as_ref().clone().with_data_type(dictionary_type())
                } else {
                    field.as_ref().clone()
                }
            })
            .collect();
        Ok(changed
            .then(|| encode_arrow_schema(&Schema::new_with_metadata(fields, schema.metadata().clone()))))
    }
}

/// `metadata` with `hint` as its Arrow schema hint.
fn with_arrow_schema_hint(metadata: ParquetMetaData, hint: String) -> ParquetMetaData {
    let file = metadata.file_metadata();
    let mut key_values: Vec<KeyValue> = file
        .key_value_metadata()
        .into_iter()
        .flatten()
        .filter(|kv| kv.key != ARROW_SCHEMA_META_KEY)
        .cloned()
        .collect();
    key_values.push(KeyValue::new(ARROW_SCHEMA_META_KEY.to_string(), hint));
    let file = FileMetaData::new(
        file.version(),
        file.num_rows(),
        file.created_by().map(str::to_owned),
        Some(key_values),
        file.schema_descr_ptr(),
        file.column_orders().cloned(),
    );
    let mut old = ParquetMetaDataBuilder::new_from_metadata(metadata);
    ParquetMetaDataBuilder::new(file)
        .set_row_groups(old.take_row_groups())
        .set_column_index(old.take_column_index())
        .set_offset_index(old.take_offset_index())
        .build()
}

/// For tests of the scan rewrites: the engine's own answer to `sql` as a table, and its plan
/// with the file scans read as [`read_local_files`] reads them.
#[cfg(test)]
pub(super) async fn engine_answer_and_local_plan(
    ctx: &datafusion::prelude::SessionContext,
    sql: &str,
) -> (String, Arc<dyn ExecutionPlan>) {
    let answer = ctx.sql(sql).await.unwrap().collect().await.unwrap();
    (answer_table(&answer), local_plan(ctx, sql).await)
}

/// For tests of the scan rewrites: the plan of `sql` with the file scans read as
/// [`read_local_files`] reads them.
#[cfg(test)]
pub(super) async fn local_plan(
    ctx: &datafusion::prelude::SessionContext,
    sql: &str,
) -> Arc<dyn ExecutionPlan> {
    let plan = ctx.sql(sql).await.unwrap().create_physical_plan().await.unwrap();
    read_local_files(plan).unwrap()
}

/// For tests: what `plan` answers, as a table.
#[cfg(test)]
pub(super) async fn answer_of(
    plan: Arc<dyn ExecutionPlan>,
    ctx: &datafusion::prelude::SessionContext,
) -> String {
    answer_table(&datafusion::physical_plan::collect(plan, ctx.task_ctx()).await.unwrap())
}

#[cfg(test)]
fn answer_table(batches: &[datafusion::arrow::array::RecordBatch]) -> String {
    datafusion::arrow::util::pretty::pretty_format_batches(batches).unwrap().to_string()
}

#[cfg(test)]
mod tests {
    use super::super::plan_nodes::scan_configs;
    use super::*;
    use datafusion::arrow::array::{Int64Array, RecordBatch, StringArray};
    use datafusion::arrow::datatypes::{DataType, Field, Schema};
    use datafusion::physical_plan::collect;
    use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext};
    use parquet::arrow::ArrowWriter;
    use parquet::file::properties::WriterProperties;

    fn factory_of(plan: &Arc<dyn ExecutionPlan>) -> Option<String> {
        let own = scan_config(plan)
            .and_then(|config| config.file_source().downcast_ref::<ParquetSource>())
            .and_then(|source| source.parquet_file_reader_factory().map(|f| format!("{f:?}")));
        own.or_else(|| plan.children().into_iter().find_map(factory_of))
    }

    fn page_index_of(plan: &Arc<dyn ExecutionPlan>) -> Option<bool> {
        let own = scan_config(plan)
            .and_then(|config| config.file_source().downcast_ref::<ParquetSource>())
            .map(|source| source.table_parquet_options().global.enable_page_index);
        own.or_else(|| plan.children().into_iter().find_map(page_index_of))
    }

    #[tokio::test]
    async fn page_indexes_serve_conditions_on_the_clustered_column_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("events.parquet");
        let schema = Arc::new(Schema::new(vec![
            Field::new(CLUSTERED_BY, DataType::Int64, false),
            Field::new("s", DataType::Utf8, true),
        ]));
        let batch = RecordBatch::try_new(
            schema.clone(),
            vec![Arc::new(Int64Array::from(vec![1, 2])), Arc::new(StringArray::from(vec!["a", "b"]))],
        )
        .unwrap();
        let mut writer = ArrowWriter::try_new(File::create(&path).unwrap(), schema, None).unwrap();
        writer.write(&batch).unwrap();
        writer.close().unwrap();
        let ctx = SessionContext::new();
        ctx.register_parquet("t", path.to_str().unwrap(), ParquetReadOptions::default()).await.unwrap();
        for (sql, page_index, rows) in [
            ("SELECT * FROM t WHERE event_ts > 1", true, 1),
            ("SELECT * FROM t WHERE s = 'a' AND event_ts < 5", true, 1),
            ("SELECT * FROM t WHERE s = 'b'", false, 1),
            ("SELECT * FROM t", false, 2),
        ] {
            let plan = local_plan(&ctx, sql).await;
            assert_eq!(page_index_of(&plan), Some(page_index), "{sql}");
            let got = collect(plan, ctx.task_ctx()).await.unwrap();
            assert_eq!(got.iter().map(RecordBatch::num_rows).sum::<usize>(), rows, "{sql}");
        }
    }

    /// Files of a partitioned table read without collected statistics lose the partition-only
    /// statistics the engine gives them (a pruning predicate built and evaluated per file);
    /// collected statistics stay, and the answers are the engine's own.
    #[tokio::test]
    async fn partition_only_statistics_are_taken_off_the_files() {
        let dir = tempfile::tempdir().unwrap();
        let schema = Arc::new(Schema::new(vec![Field::new("n", DataType::Int64, false)]));
        for day in ["1", "2"] {
            let folder = dir.path().join(format!("day={day}"));
            std::fs::create_dir(&folder).unwrap();
            let file = File::create(folder.join("a.parquet")).unwrap();
            let mut writer = ArrowWriter::try_new(file, schema.clone(), None).unwrap();
            let n =
                Int64Array::from((0..10).map(|i| i + 10 * day.parse::<i64>().unwrap()).collect::<Vec<_>>());
            writer.write(&RecordBatch::try_new(schema.clone(), vec![Arc::new(n)]).unwrap()).unwrap();
            writer.close().unwrap();
        }
        let sql =
            "SELECT day, count(*), sum(n) FROM t WHERE n % 2 = 0 AND day <> '3' GROUP BY day ORDER BY day";
        for collect_statistics in [false, true] {
            let mut config = SessionConfig::new();
            config.options_mut().execution.collect_statistics = collect_statistics;
            let ctx = SessionContext::new_with_config(config);
            let options =
                ParquetReadOptions::default().table_partition_cols(vec![("day".into(), DataType::Utf8)]);
            ctx.register_parquet("t", dir.path().to_str().unwrap(), options).await.unwrap();
            let (expected, plan) = engine_answer_and_local_plan(&ctx, sql).await;
            let files: Vec<PartitionedFile> = scan_configs(&plan)
                .iter()
                .flat_map(|c| c.file_groups.iter().flat_map(FileGroup::iter).cloned())
                .collect();
            assert_eq!(files.len(), 2);
            for file in &files {
                assert_eq!(file.statistics.is_some(), collect_statistics, "{:?}", file.statistics);
            }
            assert_eq!(answer_of(plan, &ctx).await, expected, "collect_statistics {collect_statistics}");
        }
    }

    /// Several row groups and pages, a file far larger than the tail read, and hints from one that
    /// does not even hold the footer's length to one larger than the file: the answers are the
    /// engine's own reader's.
    #[tokio::test]
    async fn answers_match_the_engines_reader() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("numbers.parquet");
        let schema = Arc::new(Schema::new(vec![
            Field::new("n", DataType::Int64, false),
            Field::new("s", DataType::Utf8, true),
        ]));
        let props = WriterProperties::builder().set_max_row_group_row_count(Some(50_000)).build();
        let mut writer =
            ArrowWriter::try_new(File::create(&path).unwrap(), schema.clone(), Some(props)).unwrap();
        for chunk in 0..4i64 {
            let n: Vec<i64> = (0..50_000).map(|i| (chunk * 50_000 + i) * 7919 % 1_000_003).collect();
            let s: Vec<Option<String>> =
                n.iter().map(|v| (v % 5 != 0).then(|| format!("value-{}", v % 10_007))).collect();
            let batch = RecordBatch::try_new(
                schema.clone(),
                vec![Arc::new(Int64Array::from(n)), Arc::new(StringArray::from(s))],
            )
            .unwrap();
            writer.write(&batch).unwrap();
        }
        writer.close().unwrap();
        assert!(std::fs::metadata(&path).unwrap().len() > 4 * METADATA_SIZE_HINT as u64);

        let sql =
            "SELECT count(*), sum(n), min(s), max(s), count(DISTINCT s) FROM t WHERE n % 3 = 0 AND n > 1000";
        for hint in [None, Some(16), Some(1 << 24)] {
            let mut config = SessionConfig::new();
            config.options_mut().execution.parquet.metadata_size_hint = hint;
            let ctx = SessionContext::new_with_config(config);
            ctx.register_parquet("t", path.to_str().unwrap(), ParquetReadOptions::default()).await.unwrap();
            let (expected, plan) = engine_answer_and_local_plan(&ctx, sql).await;
            assert!(factory_of(&plan).is_some_and(|f| f.starts_with("LocalReaderFactory")));
            assert_eq!(answer_of(plan, &ctx).await, expected, "metadata size hint {hint:?}");
        }
    }

    /// Large reads are mapped, small ones copied; both hand out the file's bytes, and a range
    /// past the end names the file instead of faulting on a page that is not there.
    #[tokio::test]
    async fn mapped_and_copied_reads_hand_out_the_files_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bytes.bin");
        let content: Vec<u8> = (0..(5 * MAP_AT_LEAST as usize + 123)).map(|i| (i * 31 % 251) as u8).collect();
        std::fs::write(&path, &content).unwrap();
        let factory = LocalReaderFactory { dictionaries: Arc::default(), footers: Arc::default() };
        let file = PartitionedFile::new(path.to_str().unwrap().trim_start_matches('/'), content.len() as u64);
        let mut reader = factory.create_reader(0, file, None, &ExecutionPlanMetricsSet::new()).unwrap();
        let ranges =
            vec![0..10, 3..(3 + MAP_AT_LEAST), 4097..(4097 + 3 * MAP_AT_LEAST), 100..(content.len() as u64)];
        let got = reader.get_byte_ranges(ranges.clone()).await.unwrap();
        for (range, bytes) in ranges.iter().zip(&got) {
            assert_eq!(&bytes[..], &content[range.start as usize..range.end as usize], "{range:?}");
        }
        let past = 10..(content.len() as u64 + 1);
        let err = reader.get_byte_ranges(vec![past]).await.unwrap_err().to_string();
        assert!(err.contains("bytes.bin"), "{err}");
    }
}
