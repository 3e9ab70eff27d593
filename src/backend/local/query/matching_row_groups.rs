//! Scans of a few large files under a condition on the clustered column: which row groups can
//! match is decided while planning, from the footers, and those row groups are spread evenly
//! over the partitions, or all read by one when they hold few rows.
//!
//! The engine splits files among partitions by byte ranges before it knows which row groups a
//! condition keeps. After `bdctl compact` a day is one or two files sorted by `event_ts`, so the
//! row groups of one hour sit side by side in one range and a single worker decoded all of them
//! while the other found nothing to read. Read at planning, the footers also serve the workers,
//! which no longer open files with nothing to scan.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::sync::Arc;

use datafusion::common::config::ConfigOptions;
use datafusion::datasource::listing::PartitionedFile;
use datafusion::datasource::physical_plan::parquet::{ParquetAccessPlan, RowGroupAccessPlanFilter};
use datafusion::datasource::physical_plan::{
    FileGroup, FileScanConfig, FileScanConfigBuilder, FileSource, ParquetFileMetrics, ParquetSource,
};
use datafusion::error::Result;
use datafusion::object_store::local::LocalFileSystem;
use datafusion::object_store::path::Path;
use datafusion::physical_expr::utils::reassign_expr_columns;
use datafusion::physical_optimizer::PhysicalOptimizerRule;
use datafusion::physical_optimizer::combine_partial_final_agg::CombinePartialFinalAggregate;
use datafusion::physical_optimizer::pruning::PruningPredicateBuilder;
use datafusion::physical_plan::aggregates::{AggregateExec, AggregateMode};
use datafusion::physical_plan::coalesce_partitions::CoalescePartitionsExec;
use datafusion::physical_plan::metrics::ExecutionPlanMetricsSet;
use datafusion::physical_plan::{ExecutionPlan, ExecutionPlanProperties, replace_children_if_necessary};
use parquet::arrow::parquet_to_arrow_schema;
use parquet::file::metadata::{PageIndexPolicy, ParquetMetaData, ParquetMetaDataReader};

use super::parquet_files::DictionaryReading;
use super::plan_nodes::rewrite_each_node;

/// Beyond this many files the engine's own split balances the work, and reading every footer
/// while planning, one after the other, would cost more than it saves.
const PLANNED_FILES_AT_MOST: usize = 16;

/// Row groups of at most this many rows in all are read by one worker, the scan then one
/// partition: a second worker's own heap, stack and partial state to fault in and merge cost
/// more than it saved. One hour of a compacted day (2 row groups kept, 262 k rows): 14.7–15.1
/// against 12.4–13.0 ms on one worker; three hours (5 row groups) took the same on one or two,
/// six hours 28.2 ms on two against 34.3 on one. The tests' files have row groups of 1,000 rows.
#[cfg(not(test))]
const ONE_WORKER_AT_MOST_ROWS: i64 = 400_000;
#[cfg(test)]
const ONE_WORKER_AT_MOST_ROWS: i64 = 2_000;

/// Footers read while planning, as the scan's workers will use them.
pub(super) type Footers = HashMap<Path, Arc<ParquetMetaData>>;

/// `config` with its files' row groups that may match its predicate spread over as many
/// partitions as it had (one, up to [`ONE_WORKER_AT_MOST_ROWS`]), and the footers
/// read to decide it; `None` when the scan is not one of
/// a few files or a footer cannot be read (the scan then reports the problem itself).
pub(super) fn spread_matching_row_groups(
    config: &FileScanConfig,
    source: &ParquetSource,
    dictionaries: &DictionaryReading,
) -> Option<(FileScanConfig, Footers)> {
    let partitions = config.file_groups.len();
    if partitions < 2 || !config.output_ordering.is_empty() {
        return None;
    }
    let mut files: Vec<&PartitionedFile> = Vec::new();
    for file in config.file_groups.iter().flat_map(FileGroup::iter) {
        if !files.iter().any(|seen| seen.object_meta.location == file.object_meta.location) {
            if files.len() == PLANNED_FILES_AT_MOST {
                return None;
            }
            files.push(file);
        }
    }
    let file_schema = config.file_schema();
    let predicate = reassign_expr_columns(source.filter()?, file_schema).ok()?;
    let pruning =
        PruningPredicateBuilder::new().with_file_schema(Arc::clone(file_schema)).build(predicate)?;
    let unused_metrics = ExecutionPlanMetricsSet::new();

    let mut footers = Footers::new();
    // (file, row group, rows) of every row group the statistics keep, in file order.
    let mut matching: Vec<(usize, usize, i64)> = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let location = &file.object_meta.location;
        let path = LocalFileSystem::new().path_to_filesystem(location).ok()?;
        let file_handle = File::open(&path).ok()?;
        // Page indexes only of the files with row groups to read, the footers the workers use:
        // one hour after `compact` reads one of 7 (CPU 15.0 -> 12.5 ms, `perf stat`, 30 runs).
        let metadata = ParquetMetaDataReader::new()
            .with_page_index_policy(PageIndexPolicy::Skip)
            .parse_and_finish(&file_handle)
            .ok()?;
        let metadata = dictionaries.apply(metadata).ok()?;
        let parquet_schema = metadata.file_metadata().schema_descr();
        let arrow_schema =
            parquet_to_arrow_schema(parquet_schema, metadata.file_metadata().key_value_metadata()).ok()?;
        let groups = metadata.row_groups();
        let mut filter = RowGroupAccessPlanFilter::new(ParquetAccessPlan::new_all(groups.len()));
        let metrics = ParquetFileMetrics::new(0, location.as_ref(), &unused_metrics);
        filter.prune_by_statistics(&arrow_schema, parquet_schema, groups, &pruning, &metrics);
        let kept = filter.build();
        let before = matching.len();
        matching.extend(kept.row_group_index_iter().map(|group| (index, group, groups[group].num_rows())));
        if matching.len() > before {
            let mut with_indexes = ParquetMetaDataReader::new_with_metadata(metadata)
                .with_page_index_policy(PageIndexPolicy::Optional);
            with_indexes.read_page_indexes(&file_handle).ok()?;
            footers.insert(location.clone(), Arc::new(with_indexes.finish().ok()?));
        }
    }

    let total: i64 = matching.iter().map(|&(_, _, rows)| rows).sum();
    let workers = if total <= ONE_WORKER_AT_MOST_ROWS { 1 } else { partitions };
    // Per partition, the files it reads (in file order) and their row groups.
    let mut plans: Vec<BTreeMap<usize, ParquetAccessPlan>> = vec![BTreeMap::new(); workers];
    let mut assigned = 0i64;
    for &(file, group, rows) in &matching {
        // The partition whose share of the rows this row group's middle falls in.
        let middle = assigned + rows / 2;
        let partition = ((middle as i128 * workers as i128) / total.max(1) as i128) as usize;
        let partition = partition.min(workers - 1);
        let row_groups = footers[&files[file].object_meta.location].num_row_groups();
        plans[partition].entry(file).or_insert_with(|| ParquetAccessPlan::new_none(row_groups)).scan(group);
        assigned += rows;
    }
    let groups = plans
        .into_iter()
        .map(|plan| {
            let scanned = plan.into_iter().map(|(file, access)| {
                let mut scanned = files[file].clone();
                scanned.range = None;
                scanned.with_extension(access)
            });
            FileGroup::new(scanned.collect())
        })
        .collect();
    Some((FileScanConfigBuilder::from(config.clone()).with_file_groups(groups).build(), footers))
}

/// `plan` with each aggregation over one partition, such as a scan one worker reads alone (see
/// [`ONE_WORKER_AT_MOST_ROWS`]), done in one step: its partial result, merged into the final one
/// after the engine had planned for more partitions, was the whole work done twice (the
/// selective query's 60,000 distinct users inserted into a second set). One hour after
/// `compact`: CPU 12.2–12.7 -> 9.9–10.1 ms, page faults 2,167 -> 1,718, elapsed 15.1 -> 11.7 ms
/// (interleaved medians of 11).
pub(super) fn one_step_aggregates(plan: Arc<dyn ExecutionPlan>) -> Result<Arc<dyn ExecutionPlan>> {
    rewrite_each_node(plan, |node| {
        let Some(last) = node.downcast_ref::<AggregateExec>() else { return Ok(None) };
        let Some(gather) = last.input().downcast_ref::<CoalescePartitionsExec>() else { return Ok(None) };
        let Some(partial) = gather.input().downcast_ref::<AggregateExec>() else { return Ok(None) };
        if *last.mode() != AggregateMode::Final
            || *partial.mode() != AggregateMode::Partial
            || partial.input().output_partitioning().partition_count() != 1
        {
            return Ok(None);
        }
        let two_steps = replace_children_if_necessary(Arc::clone(node), vec![Arc::clone(gather.input())])?;
        Ok(Some(CombinePartialFinalAggregate::new().optimize(two_steps, &ConfigOptions::default())?))
    })
}

#[cfg(test)]
mod tests {
    use datafusion::arrow::array::{Int64Array, RecordBatch};
    use datafusion::arrow::datatypes::{DataType, Field, Schema};
    use datafusion::physical_plan::ExecutionPlan;
    use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext};
    use parquet::arrow::ArrowWriter;
    use parquet::file::properties::WriterProperties;

    use super::super::parquet_files::{answer_of, engine_answer_and_local_plan, local_plan};
    use super::super::plan_nodes::{scan_config, scan_configs};
    use super::*;

    const ROW_GROUP: i64 = 1_000;

    /// Files of `event_ts` ascending from `first`, `groups` row groups of [`ROW_GROUP`] rows.
    fn sorted_file(dir: &std::path::Path, name: &str, first: i64, groups: i64) {
        let schema = Arc::new(Schema::new(vec![
            Field::new("event_ts", DataType::Int64, false),
            Field::new("user", DataType::Int64, false),
        ]));
        let props = WriterProperties::builder().set_max_row_group_row_count(Some(ROW_GROUP as usize)).build();
        let file = File::create(dir.join(name)).unwrap();
        let mut writer = ArrowWriter::try_new(file, schema.clone(), Some(props)).unwrap();
        let ts: Vec<i64> = (first..first + groups * ROW_GROUP).collect();
        let users: Vec<i64> = ts.iter().map(|t| t * 7 % 101).collect();
        let batch = RecordBatch::try_new(
            schema,
            vec![Arc::new(Int64Array::from(ts)), Arc::new(Int64Array::from(users))],
        )
        .unwrap();
        writer.write(&batch).unwrap();
        writer.close().unwrap();
    }

    /// Row groups each partition of the plan's scan reads: (file name, row group) per partition.
    fn row_groups_per_partition(plan: &Arc<dyn ExecutionPlan>) -> Vec<Vec<(String, usize)>> {
        if let Some(config) = scan_config(plan) {
            return config
                .file_groups
                .iter()
                .map(|group| {
                    group
                        .iter()
                        .flat_map(|file| {
                            let name = file.object_meta.location.filename().unwrap().to_string();
                            let plan = file.extension::<ParquetAccessPlan>().expect("an access plan");
                            plan.row_group_index_iter().map(move |g| (name.clone(), g)).collect::<Vec<_>>()
                        })
                        .collect()
                })
                .collect();
        }
        plan.children()
            .into_iter()
            .map(row_groups_per_partition)
            .find(|found| !found.is_empty())
            .unwrap_or_default()
    }

    async fn context(dir: &std::path::Path) -> SessionContext {
        let ctx = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(2));
        ctx.register_parquet("t", dir.to_str().unwrap(), ParquetReadOptions::default()).await.unwrap();
        ctx
    }

    /// `a.parquet` with 6 row groups and `b.parquet` with the next 3, as table `t`.
    async fn two_sorted_files() -> (tempfile::TempDir, SessionContext) {
        let dir = tempfile::tempdir().unwrap();
        sorted_file(dir.path(), "a.parquet", 0, 6);
        sorted_file(dir.path(), "b.parquet", 6 * ROW_GROUP, 3);
        let ctx = context(dir.path()).await;
        (dir, ctx)
    }

    #[tokio::test]
    async fn the_row_groups_a_condition_keeps_are_shared_among_the_partitions() {
        let (_dir, ctx) = two_sorted_files().await;
        for (sql, expected) in [
            // Two neighbouring row groups of one file, few rows: both for one worker, which
            // aggregates them in one step.
            (
                "SELECT count(*), count(DISTINCT user) FROM t WHERE event_ts >= 2500 AND event_ts < 3700",
                vec![vec![("a.parquet".to_string(), 2), ("a.parquet".to_string(), 3)]],
            ),
            // Three: one and a half for each worker, by the row groups' middles.
            (
                "SELECT count(*), count(DISTINCT user) FROM t WHERE event_ts >= 2500 AND event_ts < 4700",
                vec![
                    vec![("a.parquet".to_string(), 2)],
                    vec![("a.parquet".to_string(), 3), ("a.parquet".to_string(), 4)],
                ],
            ),
            // Across the two files: the rows' halves, whichever files they are in.
            (
                "SELECT count(*), sum(user) FROM t WHERE event_ts >= 4000",
                vec![
                    vec![("a.parquet".to_string(), 4), ("a.parquet".to_string(), 5)],
                    vec![
                        ("b.parquet".to_string(), 0),
                        ("b.parquet".to_string(), 1),
                        ("b.parquet".to_string(), 2),
                    ],
                ],
            ),
            // Nothing can match: no file is opened at all.
            ("SELECT count(*) FROM t WHERE event_ts > 1000000", vec![vec![]]),
        ] {
            let (expected_answer, plan) = engine_answer_and_local_plan(&ctx, sql).await;
            assert_eq!(row_groups_per_partition(&plan), expected, "{sql}");
            let one_step = expected.len() == 1;
            assert_eq!(
                aggregate_modes(&plan),
                if one_step { vec!["Single"] } else { vec!["Final", "Partial"] },
                "{sql}"
            );
            assert_eq!(answer_of(plan, &ctx).await, expected_answer, "{sql}");
        }
    }

    /// Footers are kept, with their page indexes, only for the files with row groups to read.
    #[tokio::test]
    async fn only_the_files_read_keep_their_footers_and_page_indexes() {
        let (_dir, ctx) = two_sorted_files().await;
        let sql = "SELECT count(*) FROM t WHERE event_ts >= 1500 AND event_ts < 2500";
        let plan = ctx.sql(sql).await.unwrap().create_physical_plan().await.unwrap();
        let config = scan_configs(&plan).pop().expect("a file scan");
        let source = config.file_source().downcast_ref::<ParquetSource>().unwrap();
        let (_, footers) =
            spread_matching_row_groups(&config, source, &DictionaryReading::default()).unwrap();
        let kept: Vec<String> = footers.keys().map(|path| path.filename().unwrap().to_string()).collect();
        assert_eq!(kept, ["a.parquet"]);
        assert!(
            footers.values().all(|footer| footer.column_index().is_some() && footer.offset_index().is_some())
        );
    }

    /// Conditions on other columns, and scans of many files, keep the engine's own split.
    #[tokio::test]
    async fn other_scans_keep_the_engines_split() {
        let dir = tempfile::tempdir().unwrap();
        sorted_file(dir.path(), "a.parquet", 0, 4);
        let ctx = context(dir.path()).await;
        assert!(!chooses_row_groups(&local_plan(&ctx, "SELECT count(*) FROM t WHERE user = 3").await));

        let many = tempfile::tempdir().unwrap();
        for n in 0..=PLANNED_FILES_AT_MOST as i64 {
            sorted_file(many.path(), &format!("{n:02}.parquet"), n * ROW_GROUP, 1);
        }
        let ctx = context(many.path()).await;
        let sql = "SELECT count(*) FROM t WHERE event_ts < 1500";
        let plan = local_plan(&ctx, sql).await;
        assert!(!chooses_row_groups(&plan));
        assert!(answer_of(plan, &ctx).await.contains("| 1500 "));
    }

    /// The modes of the plan's aggregations, the outermost first.
    fn aggregate_modes(plan: &Arc<dyn ExecutionPlan>) -> Vec<String> {
        let own = plan.downcast_ref::<AggregateExec>().map(|aggregate| format!("{:?}", aggregate.mode()));
        own.into_iter().chain(plan.children().into_iter().flat_map(aggregate_modes)).collect()
    }

    fn chooses_row_groups(plan: &Arc<dyn ExecutionPlan>) -> bool {
        match scan_config(plan) {
            Some(config) => config
                .file_groups
                .iter()
                .flat_map(FileGroup::iter)
                .any(|file| file.extension::<ParquetAccessPlan>().is_some()),
            None => plan.children().into_iter().any(chooses_row_groups),
        }
    }
}
