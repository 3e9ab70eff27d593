//! Partial aggregations grouped by partition columns, computed one partition value at a time.
//!
//! A file's partition values (`year`, `month`, `day`) are the same on all its rows, yet the engine
//! fills them in on every row and groups on them as on any column: the demo's per-day query spent
//! half its time hashing and comparing them. Here a partial aggregation over a file scan whose
//! keys include partition columns is cut into pieces by the values of those columns: each piece
//! aggregates the files of one value on the other keys alone and adds the value as a constant.
//! The final aggregation above is unchanged. Each of the scan's partitions runs its pieces one
//! after another, so no more files are read at once than before, and the files are shared out
//! by size as the scan shared them.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::common::ScalarValue;
use datafusion::common::config::ConfigOptions;
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::datasource::listing::PartitionedFile;
use datafusion::datasource::physical_plan::{FileGroup, FileScanConfig, FileScanConfigBuilder};
use datafusion::datasource::source::DataSourceExec;
use datafusion::error::Result;
use datafusion::execution::TaskContext;
use datafusion::physical_expr::aggregate::AggregateFunctionExpr;
use datafusion::physical_expr::expressions::{Column, Literal};
use datafusion::physical_expr::utils::{collect_columns, reassign_expr_columns};
use datafusion::physical_expr::{EquivalenceProperties, Partitioning, PhysicalExpr};
use datafusion::physical_optimizer::PhysicalOptimizerRule;
use datafusion::physical_optimizer::projection_pushdown::ProjectionPushdown;
use datafusion::physical_plan::aggregates::{AggregateExec, AggregateMode, PhysicalGroupBy};
use datafusion::physical_plan::execution_plan::{Boundedness, EmissionType};
use datafusion::physical_plan::filter::FilterExec;
use datafusion::physical_plan::projection::ProjectionExec;
use datafusion::physical_plan::repartition::RepartitionExec;
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::{
    ChildrenPropertiesMode, DisplayAs, DisplayFormatType, ExecutionPlan, ExecutionPlanProperties,
    PlanProperties, ReplaceChildrenOptions, SendableRecordBatchStream, replace_children_if_necessary,
};
use futures::{StreamExt, TryStreamExt};

use super::plan_nodes::{rewrite_each_node, scan_config};

/// The physical optimizer rule that makes the pieces.
#[derive(Debug, Default)]
pub(super) struct AggregatePerPartitionValue;

impl PhysicalOptimizerRule for AggregatePerPartitionValue {
    fn optimize(
        &self,
        plan: Arc<dyn ExecutionPlan>,
        config: &ConfigOptions,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        rewrite_each_node(plan, |node| match node.downcast_ref::<AggregateExec>() {
            Some(aggregate) => per_partition_value(aggregate, config),
            None => Ok(None),
        })
    }

    fn name(&self) -> &str {
        "aggregate_per_partition_value"
    }

    fn schema_check(&self) -> bool {
        true
    }
}

/// `aggregate` in pieces, or `None` when it is not a partial aggregation over a file scan with
/// partition columns among its keys (through filters, projections and round-robin repartitions
/// only, which keep each row with its file), or when the scan's order or limit would not survive a new sharing of files.
fn per_partition_value(
    aggregate: &AggregateExec,
    config: &ConfigOptions,
) -> Result<Option<Arc<dyn ExecutionPlan>>> {
    if *aggregate.mode() != AggregateMode::Partial
        || !aggregate.group_expr().is_single()
        || aggregate.limit_options().is_some()
    {
        return Ok(None);
    }
    let Some(scan) = file_scan(aggregate.input()) else { return Ok(None) };
    if scan.limit.is_some() || !scan.output_ordering.is_empty() || scan.file_groups.is_empty() {
        return Ok(None);
    }
    let keys = aggregate.group_expr().expr();
    let constant: Vec<Option<usize>> = keys
        .iter()
        .map(|(expr, _)| {
            expr.downcast_ref::<Column>().and_then(|c| partition_column(aggregate.input(), c.index()))
        })
        .collect();
    if constant.iter().all(Option::is_none) {
        return Ok(None);
    }
    let partition_keys: Vec<usize> = constant.iter().flatten().copied().collect();

    let mut values: Vec<Vec<ScalarValue>> = Vec::new();
    let mut files_of: Vec<Vec<PartitionedFile>> = Vec::new();
    let mut index: HashMap<Vec<ScalarValue>, usize> = HashMap::new();
    for file in scan.file_groups.iter().flat_map(|group| group.files()) {
        let Some(value) = partition_keys.iter().map(|&k| file.partition_values.get(k).cloned()).collect()
        else {
            return Ok(None);
        };
        let slot = *index.entry(value).or_insert_with_key(|value| {
            values.push(value.clone());
            files_of.push(Vec::new());
            values.len() - 1
        });
        files_of[slot].push(file.clone());
    }

    // What the pieces read is the same for all of them: narrowed once, each piece then takes
    // its own files.
    let reads = piece_reads(aggregate, &constant);
    let (input, reads) = match narrowed(aggregate.input(), &reads, config) {
        Some(narrowed) => narrowed,
        None => (Arc::clone(aggregate.input()), reads),
    };
    let Some(scan) = file_scan(&input) else { return Ok(None) };
    let partitions = aggregate.input().output_partitioning().partition_count();
    let mut pieces: Vec<Vec<Arc<dyn ExecutionPlan>>> = vec![Vec::new(); partitions];
    for (partition, value, files) in share_out(&values, files_of, partitions) {
        let Some(piece) = piece(aggregate, &input, scan, &reads, &constant, value, files)? else {
            return Ok(None);
        };
        pieces[partition].push(piece);
    }
    Ok(Some(Arc::new(PiecesInTurnExec::new(aggregate.schema(), pieces))))
}

/// The files in runs of one value, cut into `partitions` shares of about the same size in bytes:
/// `(partition, value, files)` in order, a value's files split between neighbouring shares
/// when a share ends inside them.
fn share_out(
    values: &[Vec<ScalarValue>],
    files_of: Vec<Vec<PartitionedFile>>,
    partitions: usize,
) -> Vec<(usize, &[ScalarValue], Vec<PartitionedFile>)> {
    let size = |file: &PartitionedFile| {
        file.range.as_ref().map_or(file.object_meta.size, |r| (r.end - r.start) as u64)
    };
    let total: u64 = files_of.iter().flatten().map(size).sum();
    let share = total.div_ceil(partitions as u64).max(1);
    let mut out = Vec::new();
    let mut partition = 0;
    let mut shared = 0u64;
    for (value, files) in values.iter().zip(files_of) {
        let mut run = Vec::new();
        for file in files {
            if shared >= share * (partition as u64 + 1) && partition + 1 < partitions {
                if !run.is_empty() {
                    out.push((partition, value.as_slice(), std::mem::take(&mut run)));
                }
                partition += 1;
            }
            shared += size(&file);
            run.push(file);
        }
        if !run.is_empty() {
            out.push((partition, value.as_slice(), run));
        }
    }
    out
}

/// The keys a piece groups on (those that are not constant) and what it aggregates.
fn piece_reads(aggregate: &AggregateExec, constant: &[Option<usize>]) -> Reads {
    let mut keys: Vec<(Arc<dyn PhysicalExpr>, String)> = aggregate
        .group_expr()
        .expr()
        .iter()
        .zip(constant)
        .filter(|(_, c)| c.is_none())
        .map(|(key, _)| key.clone())
        .collect();
    // Without keys, an aggregation over no rows still answers one row (a count of 0), which
    // would make a group of this value where the query has none; a constant key answers none.
    if keys.is_empty() {
        keys.push((Arc::new(Literal::new(ScalarValue::Boolean(Some(true)))), "__piece".into()));
    }
    Reads { keys, aggregates: aggregate.aggr_expr().to_vec(), filters: aggregate.filter_expr().to_vec() }
}

/// The partial aggregation of `files` (all with the partition values `value`) on the keys that
/// are not constant, with the constants put back in their places: the schema of `aggregate`.
/// `input` and `scan` are what the pieces read, `reads` what they aggregate of it.
fn piece(
    aggregate: &AggregateExec,
    input: &Arc<dyn ExecutionPlan>,
    scan: &FileScanConfig,
    reads: &Reads,
    constant: &[Option<usize>],
    value: &[ScalarValue],
    files: Vec<PartitionedFile>,
) -> Result<Option<Arc<dyn ExecutionPlan>>> {
    let config =
        FileScanConfigBuilder::from(scan.clone()).with_file_groups(vec![FileGroup::new(files)]).build();
    let input = replace_scan(input, DataSourceExec::from_data_source(config))?;
    if input.output_partitioning().partition_count() != 1 {
        return Ok(None);
    }
    let variable_keys = reads.keys.len();
    let input_schema = input.schema();
    let inner = Arc::new(AggregateExec::try_new(
        AggregateMode::Partial,
        PhysicalGroupBy::new_single(reads.keys.clone()),
        reads.aggregates.clone(),
        reads.filters.clone(),
        input,
        input_schema,
    )?);
    let keys = aggregate.group_expr().expr();
    let schema = aggregate.schema();
    let mut exprs: Vec<(Arc<dyn PhysicalExpr>, String)> = Vec::with_capacity(schema.fields().len());
    let mut values = value.iter();
    let mut next = 0;
    for ((_, name), constant) in keys.iter().zip(constant) {
        let expr: Arc<dyn PhysicalExpr> = match constant {
            Some(_) => {
                let value = values.next().expect("a value per partition key");
                Arc::new(Literal::new(value.cast_to(schema.field(exprs.len()).data_type())?))
            }
            None => {
                next += 1;
                Arc::new(Column::new(name, next - 1))
            }
        };
        exprs.push((expr, name.clone()));
    }
    let inner_schema = inner.schema();
    for (i, field) in inner_schema.fields().iter().enumerate().skip(variable_keys) {
        exprs.push((Arc::new(Column::new(field.name(), i)), field.name().clone()));
    }
    let piece = Arc::new(ProjectionExec::try_new(exprs, inner)?);
    let same = piece
        .schema()
        .fields()
        .iter()
        .zip(schema.fields())
        .all(|(a, b)| a.name() == b.name() && a.data_type() == b.data_type());
    Ok((same && piece.schema().fields().len() == schema.fields().len()).then_some(piece as _))
}

/// What a piece's aggregation reads of its input.
struct Reads {
    keys: Vec<(Arc<dyn PhysicalExpr>, String)>,
    aggregates: Vec<Arc<AggregateFunctionExpr>>,
    filters: Vec<Option<Arc<dyn PhysicalExpr>>>,
}

/// `input` narrowed to the columns `reads` uses, and `reads` pointed at them; `None` when it
/// uses them all or cannot be pointed at the narrowed input. The partition columns a piece holds
/// as constants would otherwise still be filled in by the scan, a copy of the value per row of
/// every batch: a ninth of the per-day query's time.
fn narrowed(
    input: &Arc<dyn ExecutionPlan>,
    reads: &Reads,
    options: &ConfigOptions,
) -> Option<(Arc<dyn ExecutionPlan>, Reads)> {
    // Pointing an aggregate at new columns forgets that it was reversed.
    if reads.aggregates.iter().any(|aggregate| aggregate.is_reversed()) {
        return None;
    }
    let schema = input.schema();
    let mut exprs: Vec<Arc<dyn PhysicalExpr>> = reads.keys.iter().map(|(key, _)| Arc::clone(key)).collect();
    for aggregate in &reads.aggregates {
        exprs.extend(aggregate.expressions());
        exprs.extend(aggregate.order_bys().iter().map(|sort| Arc::clone(&sort.expr)));
    }
    exprs.extend(reads.filters.iter().flatten().cloned());
    let mut used: Vec<usize> = exprs.iter().flat_map(collect_columns).map(|column| column.index()).collect();
    used.sort_unstable();
    used.dedup();
    if used.len() == schema.fields().len() {
        return None;
    }
    let projection: Vec<(Arc<dyn PhysicalExpr>, String)> = used
        .iter()
        .map(|&index| {
            let name = schema.field(index).name();
            (Arc::new(Column::new(name, index)) as Arc<dyn PhysicalExpr>, name.clone())
        })
        .collect();
    let projected = Arc::new(ProjectionExec::try_new(projection, Arc::clone(input)).ok()?);
    let narrowed = ProjectionPushdown::new().optimize(projected, options).ok()?;
    let schema = narrowed.schema();
    let point = |expr: &Arc<dyn PhysicalExpr>| reassign_expr_columns(Arc::clone(expr), &schema).ok();
    let keys =
        reads.keys.iter().map(|(key, name)| Some((point(key)?, name.clone()))).collect::<Option<_>>()?;
    let aggregates = reads
        .aggregates
        .iter()
        .map(|aggregate| {
            let args = aggregate.expressions().iter().map(point).collect::<Option<_>>()?;
            let order = aggregate.order_bys().iter().map(|sort| point(&sort.expr)).collect::<Option<_>>()?;
            aggregate.with_new_expressions(args, order).map(Arc::new)
        })
        .collect::<Option<_>>()?;
    let filters = reads
        .filters
        .iter()
        .map(|filter| match filter {
            Some(filter) => point(filter).map(Some),
            None => Some(None),
        })
        .collect::<Option<_>>()?;
    Some((narrowed, Reads { keys, aggregates, filters }))
}

/// The file scan under `plan` through operators that keep each row with its file.
fn file_scan(plan: &Arc<dyn ExecutionPlan>) -> Option<&FileScanConfig> {
    if let Some(config) = scan_config(plan) {
        return Some(config);
    }
    file_scan(row_preserving_input(plan)?)
}

fn row_preserving_input(plan: &Arc<dyn ExecutionPlan>) -> Option<&Arc<dyn ExecutionPlan>> {
    if let Some(filter) = plan.downcast_ref::<FilterExec>() {
        return Some(filter.input());
    }
    if let Some(projection) = plan.downcast_ref::<ProjectionExec>() {
        return Some(projection.input());
    }
    round_robin_input(plan)
}

/// The input of a repartitioning that only deals batches out to more partitions: pieces leave it
/// out, as they are shared out among as many partitions themselves.
fn round_robin_input(plan: &Arc<dyn ExecutionPlan>) -> Option<&Arc<dyn ExecutionPlan>> {
    let repartition = plan.downcast_ref::<RepartitionExec>()?;
    matches!(repartition.partitioning(), Partitioning::RoundRobinBatch(_)).then(|| repartition.input())
}

/// The partition column (its place among the table's partition columns) that column `index` of
/// `plan`'s output is, unchanged from the scan below.
fn partition_column(plan: &Arc<dyn ExecutionPlan>, index: usize) -> Option<usize> {
    if let Some(config) = scan_config(plan) {
        let table_index = match config.file_source().projection() {
            Some(projection) => projection.iter().nth(index)?.expr.downcast_ref::<Column>()?.index(),
            None => index,
        };
        return table_index.checked_sub(config.file_schema().fields().len());
    }
    if let Some(filter) = plan.downcast_ref::<FilterExec>() {
        let index = match filter.projection() {
            Some(projection) => *projection.get(index)?,
            None => index,
        };
        return partition_column(filter.input(), index);
    }
    if let Some(projection) = plan.downcast_ref::<ProjectionExec>() {
        let column = projection.expr().get(index)?.expr.downcast_ref::<Column>()?;
        return partition_column(projection.input(), column.index());
    }
    partition_column(row_preserving_input(plan)?, index)
}

fn replace_scan(
    plan: &Arc<dyn ExecutionPlan>,
    scan: Arc<dyn ExecutionPlan>,
) -> Result<Arc<dyn ExecutionPlan>> {
    if let Some(input) = round_robin_input(plan) {
        return replace_scan(input, scan);
    }
    match row_preserving_input(plan) {
        Some(input) => replace_children_if_necessary(Arc::clone(plan), vec![replace_scan(input, scan)?]),
        None => Ok(scan),
    }
}

/// Runs its pieces, each a plan of one partition, a list of them per output partition, one after
/// another.
#[derive(Debug)]
struct PiecesInTurnExec {
    pieces: Vec<Vec<Arc<dyn ExecutionPlan>>>,
    schema: SchemaRef,
    properties: Arc<PlanProperties>,
}

impl PiecesInTurnExec {
    fn new(schema: SchemaRef, pieces: Vec<Vec<Arc<dyn ExecutionPlan>>>) -> Self {
        let properties = PlanProperties::new(
            EquivalenceProperties::new(Arc::clone(&schema)),
            Partitioning::UnknownPartitioning(pieces.len()),
            EmissionType::Final,
            Boundedness::Bounded,
        );
        Self { pieces, schema, properties: Arc::new(properties) }
    }
}

impl DisplayAs for PiecesInTurnExec {
    fn fmt_as(&self, _format: DisplayFormatType, f: &mut fmt::Formatter) -> fmt::Result {
        let counts: Vec<String> = self.pieces.iter().map(|p| p.len().to_string()).collect();
        write!(
            f,
            "PiecesInTurnExec: partial aggregations per partition value, pieces per partition=[{}]",
            counts.join(", ")
        )
    }
}

impl ExecutionPlan for PiecesInTurnExec {
    fn name(&self) -> &str {
        "PiecesInTurnExec"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        &self.properties
    }

    fn children(&self) -> Vec<&Arc<dyn ExecutionPlan>> {
        self.pieces.iter().flatten().collect()
    }

    fn apply_expressions(
        &self,
        _f: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> Result<TreeNodeRecursion>,
    ) -> Result<TreeNodeRecursion> {
        Ok(TreeNodeRecursion::Continue)
    }

    fn replace_children(
        self: Arc<Self>,
        children: Vec<Arc<dyn ExecutionPlan>>,
        _options: ReplaceChildrenOptions,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        let mut children = children.into_iter();
        let pieces = self.pieces.iter().map(|p| children.by_ref().take(p.len()).collect()).collect();
        Ok(Arc::new(Self::new(Arc::clone(&self.schema), pieces)))
    }

    fn with_new_children(
        self: Arc<Self>,
        children: Vec<Arc<dyn ExecutionPlan>>,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        self.replace_children(children, ReplaceChildrenOptions::new(ChildrenPropertiesMode::Recompute))
    }

    fn execute(&self, partition: usize, context: Arc<TaskContext>) -> Result<SendableRecordBatchStream> {
        let pieces = self.pieces[partition].clone();
        let schema = Arc::clone(&self.schema);
        let batches = futures::stream::iter(pieces)
            .map(move |piece| piece.execute(0, Arc::clone(&context)))
            .try_flatten()
            // A piece's constants are not nullable where the aggregation's keys are.
            .map({
                let schema = Arc::clone(&schema);
                move |batch| Ok(RecordBatch::try_new(Arc::clone(&schema), batch?.columns().to_vec())?)
            });
        Ok(Box::pin(RecordBatchStreamAdapter::new(schema, batches)))
    }
}

#[cfg(test)]
mod tests {
    use std::fs::File;

    use datafusion::arrow::array::{Int64Array, StringArray};
    use datafusion::arrow::datatypes::{DataType, Field, Schema};
    use datafusion::arrow::util::pretty::pretty_format_batches;
    use datafusion::execution::session_state::SessionStateBuilder;
    use datafusion::physical_plan::displayable;
    use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext};
    use parquet::arrow::ArrowWriter;

    use datafusion::common::tree_node::TreeNode;

    use super::*;

    /// Two months of three days, two files a day (one with no row over 100), read in three
    /// partitions.
    fn lake() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let schema = Arc::new(Schema::new(vec![
            Field::new("kind", DataType::Utf8, true),
            Field::new("n", DataType::Int64, false),
        ]));
        for (m, month) in ["05", "06"].iter().enumerate() {
            for (d, day) in ["01", "02", "03"].iter().enumerate() {
                let folder = dir.path().join(format!("month={month}/day={day}"));
                std::fs::create_dir_all(&folder).unwrap();
                for file in 0..2i64 {
                    let rows = 50 + 40 * (m as i64 + d as i64 + file);
                    let n: Vec<i64> = (0..rows).map(|i| if file == 0 { i % 100 } else { i * 3 }).collect();
                    let kind: Vec<Option<&str>> =
                        (0..rows).map(|i| [Some("view"), Some("buy"), None][(i % 3) as usize]).collect();
                    let batch = RecordBatch::try_new(
                        schema.clone(),
                        vec![Arc::new(StringArray::from(kind)), Arc::new(Int64Array::from(n))],
                    )
                    .unwrap();
                    let path = folder.join(format!("part-{file}.parquet"));
                    let mut writer =
                        ArrowWriter::try_new(File::create(path).unwrap(), schema.clone(), None).unwrap();
                    writer.write(&batch).unwrap();
                    writer.close().unwrap();
                }
            }
        }
        dir
    }

    async fn session(lake: &std::path::Path, rule: bool) -> SessionContext {
        let mut config = SessionConfig::new().with_target_partitions(3);
        config.options_mut().execution.collect_statistics = false;
        let mut state = SessionStateBuilder::new().with_config(config).with_default_features();
        if rule {
            state = state.with_physical_optimizer_rule(Arc::new(AggregatePerPartitionValue));
        }
        let ctx = SessionContext::new_with_state(state.build());
        let partitions =
            vec![("month".to_string(), DataType::Utf8View), ("day".to_string(), DataType::Utf8View)];
        let options = ParquetReadOptions::default().table_partition_cols(partitions);
        ctx.register_parquet("t", lake.to_str().unwrap(), options).await.unwrap();
        ctx
    }

    /// The answers of the engine without the rule, for keys of partition columns alone, mixed with
    /// file columns in any order, under a filter that empties whole files and days, and for a
    /// filter no row passes; expressions over partition columns are left to the engine.
    #[tokio::test]
    async fn answers_as_the_engine_does() {
        let lake = lake();
        let plain = session(lake.path(), false).await;
        let rewritten = session(lake.path(), true).await;
        for (sql, in_pieces) in [
            (
                "SELECT month, day, kind, count(*), sum(n) FROM t GROUP BY month, day, kind ORDER BY 1, 2, 3",
                true,
            ),
            (
                "SELECT kind, day, min(n), max(n), count(DISTINCT n) FROM t GROUP BY kind, day ORDER BY 1, 2",
                true,
            ),
            (
                "SELECT day, month, count(*), avg(n) FROM t WHERE n > 100 GROUP BY month, day ORDER BY 1, 2",
                true,
            ),
            ("SELECT month, count(kind) FROM t WHERE n > 100 AND day = '01' GROUP BY month ORDER BY 1", true),
            ("SELECT day, count(*) FROM t WHERE n > 100000 GROUP BY day", true),
            (
                "SELECT concat(month, day) AS md, count(*) FROM t GROUP BY concat(month, day) ORDER BY 1",
                false,
            ),
            ("SELECT kind, count(*) FROM t GROUP BY kind ORDER BY 1", false),
        ] {
            let expected = pretty_format_batches(&plain.sql(sql).await.unwrap().collect().await.unwrap())
                .unwrap()
                .to_string();
            let frame = rewritten.sql(sql).await.unwrap();
            let plan = frame.clone().create_physical_plan().await.unwrap();
            let shown = displayable(plan.as_ref()).indent(false).to_string();
            assert_eq!(shown.contains("PiecesInTurnExec"), in_pieces, "{sql}\n{shown}");
            let actual = pretty_format_batches(&frame.collect().await.unwrap()).unwrap().to_string();
            assert_eq!(actual, expected, "{sql}\n{shown}");
            assert!(expected.lines().count() > 4 || sql.contains("100000"), "{sql}: {expected}");
            if in_pieces && !sql.contains("WHERE") {
                // The pieces' scans leave out the partition columns they hold as constants.
                for scan in shown.lines().filter(|line| line.contains("DataSourceExec")) {
                    let projection = scan.split("projection=[").nth(1).unwrap_or("").split(']').next();
                    assert!(
                        projection.is_some_and(|p| !p.contains("month") && !p.contains("day")),
                        "{sql}\n{shown}"
                    );
                }
            }
        }
    }

    /// Files shared out by size into the partitions, a day split between two when a share ends
    /// inside it, every file once.
    #[tokio::test]
    async fn shares_files_by_size() {
        let lake = lake();
        let ctx = session(lake.path(), true).await;
        let plan = ctx
            .sql("SELECT day, count(*) FROM t GROUP BY day")
            .await
            .unwrap()
            .create_physical_plan()
            .await
            .unwrap();
        let mut pieces = None;
        plan.apply(|node| {
            if let Some(exec) = node.downcast_ref::<PiecesInTurnExec>() {
                pieces = Some(exec.pieces.iter().map(Vec::len).collect::<Vec<_>>());
            }
            Ok(TreeNodeRecursion::Continue)
        })
        .unwrap();
        let pieces = pieces.expect("the aggregation in pieces");
        assert_eq!(pieces.len(), 3);
        assert!(pieces.iter().all(|&n| n >= 1) && pieces.iter().sum::<usize>() >= 3, "{pieces:?}");
        let shown = displayable(plan.as_ref()).indent(false).to_string();
        assert_eq!(shown.matches("part-").count(), 12, "{shown}");
    }
}
