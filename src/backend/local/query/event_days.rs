//! Day partitions chosen from a range of `event_ts`.
//!
//! The transform (here, in Lambda and in the Spark job alike) writes each event into the
//! `year=/month=/day=` partition of its `event_ts` in UTC, so `event_ts >= '2024-06-02 10:00'
//! AND event_ts < '2024-06-02 11:00'` can only match rows of day 2024-06-02. The engine does not
//! know that: it lists every day and opens every file to read its statistics (8 footers for one
//! hour of the compacted lake, 193 as written). Here such a range adds, to the scan of a table
//! partitioned by `year`, `month` and `day` with a timestamp column `event_ts`, the condition on
//! the partitions it implies; the scan prunes days with it before listing their files. The
//! original condition stays, so the answer is the one without the rule whenever every event
//! sits in its own day, which is how bdctl writes them.

use chrono::{DateTime, Datelike, NaiveDate};
use datafusion::arrow::datatypes::{DataType, TimeUnit};
use datafusion::catalog::TableProvider;
use datafusion::catalog::default_table_source::source_as_provider;
use datafusion::common::tree_node::Transformed;
use datafusion::common::{Column, Result, ScalarValue};
use datafusion::datasource::listing::ListingTable;
use datafusion::logical_expr::utils::{disjunction, split_conjunction};
use datafusion::logical_expr::{BinaryExpr, Expr, LogicalPlan, Operator, TableScan, lit};
use datafusion::optimizer::optimizer::ApplyOrder;
use datafusion::optimizer::{OptimizerConfig, OptimizerRule};

const EVENT_TIME: &str = "event_ts";
const DAY_KEYS: [&str; 3] = ["year", "month", "day"];
const MICROS_PER_DAY: i64 = 86_400_000_000;
/// Longer ranges keep the engine's own pruning: the condition would grow to hundreds of terms.
const MAX_DAYS: i64 = 366;

#[derive(Debug, Default)]
pub(super) struct EventDays;

impl OptimizerRule for EventDays {
    fn name(&self) -> &str {
        "event_days"
    }

    fn apply_order(&self) -> Option<ApplyOrder> {
        Some(ApplyOrder::BottomUp)
    }

    fn supports_rewrite(&self) -> bool {
        true
    }

    fn rewrite(&self, plan: LogicalPlan, _config: &dyn OptimizerConfig) -> Result<Transformed<LogicalPlan>> {
        let LogicalPlan::TableScan(scan) = &plan else {
            return Ok(Transformed::no(plan));
        };
        let Some(days) = days_condition(scan) else {
            return Ok(Transformed::no(plan));
        };
        let LogicalPlan::TableScan(mut scan) = plan else { unreachable!("matched above") };
        scan.filters.push(days);
        Ok(Transformed::yes(LogicalPlan::TableScan(scan)))
    }
}

/// The partition condition that the scan's filters on `event_ts` imply, if the table is laid out
/// by event day, those filters bound the time on both sides within [`MAX_DAYS`], and the scan
/// does not have the condition yet (the optimizer makes several passes).
fn days_condition(scan: &TableScan) -> Option<Expr> {
    if !laid_out_by_event_day(scan) {
        return None;
    }
    let (mut first, mut last) = (i64::MIN, i64::MAX);
    for filter in &scan.filters {
        for conjunct in split_conjunction(filter) {
            if let Some((low, high)) = event_time_bound(conjunct) {
                first = first.max(low);
                last = last.min(high);
            }
        }
    }
    if first == i64::MIN || last == i64::MAX {
        return None;
    }
    let first_day = first.div_euclid(MICROS_PER_DAY);
    let last_day = last.div_euclid(MICROS_PER_DAY);
    if last_day - first_day >= MAX_DAYS {
        return None;
    }
    let key = |name: &str, value: String| {
        Expr::Column(Column::new(Some(scan.table_name.clone()), name))
            .eq(lit(ScalarValue::Utf8View(Some(value))))
    };
    let days = (first_day..=last_day).filter_map(|epoch_day| {
        let date = DateTime::from_timestamp(epoch_day * 86_400, 0)?.date_naive();
        Some(day_condition(date, &key))
    });
    // A range that is empty (first after last) matches no day: `false` prunes them all.
    let condition = disjunction(days).unwrap_or_else(|| lit(false));
    (!scan.filters.contains(&condition)).then_some(condition)
}

fn day_condition(date: NaiveDate, key: &impl Fn(&str, String) -> Expr) -> Expr {
    key(DAY_KEYS[0], format!("{:04}", date.year()))
        .and(key(DAY_KEYS[1], format!("{:02}", date.month())))
        .and(key(DAY_KEYS[2], format!("{:02}", date.day())))
}

/// A listing table partitioned by exactly `year`, `month`, `day`, with a timestamp `event_ts`.
fn laid_out_by_event_day(scan: &TableScan) -> bool {
    let Ok(provider) = source_as_provider(&scan.source) else { return false };
    let Some(listing) = provider.downcast_ref::<ListingTable>() else { return false };
    let keys: Vec<&str> =
        listing.options().table_partition_cols.iter().map(|(name, _)| name.as_str()).collect();
    let timed = listing
        .schema()
        .field_with_name(EVENT_TIME)
        .is_ok_and(|field| matches!(field.data_type(), DataType::Timestamp(TimeUnit::Microsecond, _)));
    keys == DAY_KEYS && timed
}

/// The inclusive range of microseconds that `expr` allows `event_ts`, when it is a comparison of
/// the column with a timestamp literal.
fn event_time_bound(expr: &Expr) -> Option<(i64, i64)> {
    let Expr::BinaryExpr(BinaryExpr { left, op, right }) = expr else { return None };
    let (op, micros) = match (left.as_ref(), right.as_ref()) {
        (Expr::Column(column), Expr::Literal(value, _)) if column.name == EVENT_TIME => {
            (*op, micros_of(value)?)
        }
        (Expr::Literal(value, _), Expr::Column(column)) if column.name == EVENT_TIME => {
            (op.swap()?, micros_of(value)?)
        }
        _ => return None,
    };
    match op {
        Operator::Eq => Some((micros, micros)),
        Operator::GtEq => Some((micros, i64::MAX)),
        Operator::Gt => Some((micros.checked_add(1)?, i64::MAX)),
        Operator::LtEq => Some((i64::MIN, micros)),
        Operator::Lt => Some((i64::MIN, micros.checked_sub(1)?)),
        _ => None,
    }
}

fn micros_of(value: &ScalarValue) -> Option<i64> {
    match value {
        ScalarValue::TimestampMicrosecond(Some(micros), _) => Some(*micros),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use datafusion::arrow::array::{Int64Array, RecordBatch, TimestampMicrosecondArray};
    use datafusion::arrow::datatypes::{Field, Schema};
    use datafusion::arrow::util::pretty::pretty_format_batches;
    use datafusion::datasource::file_format::parquet::ParquetFormat;
    use datafusion::datasource::listing::{ListingOptions, ListingTableConfig, ListingTableUrl};
    use datafusion::execution::session_state::SessionStateBuilder;
    use datafusion::physical_plan::displayable;
    use datafusion::prelude::SessionContext;
    use parquet::arrow::ArrowWriter;

    use super::*;

    const DAY: i64 = MICROS_PER_DAY;
    /// 2024-06-01T00:00:00Z.
    const JUNE_1: i64 = 1_717_200_000_000_000;

    /// Three days of events, one an hour, each in its day's partition.
    fn lake(root: &std::path::Path) {
        let schema = Arc::new(Schema::new(vec![
            Field::new(EVENT_TIME, DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())), false),
            Field::new("n", DataType::Int64, false),
        ]));
        for (index, day) in ["01", "02", "03"].iter().enumerate() {
            let start = JUNE_1 + index as i64 * DAY;
            let times: Vec<i64> = (0..24).map(|hour| start + hour * 3_600_000_000).collect();
            let batch = RecordBatch::try_new(
                schema.clone(),
                vec![
                    Arc::new(TimestampMicrosecondArray::from(times).with_timezone("UTC")),
                    Arc::new(Int64Array::from_iter_values(0..24)),
                ],
            )
            .unwrap();
            let dir = root.join(format!("year=2024/month=06/day={day}"));
            std::fs::create_dir_all(&dir).unwrap();
            let file = std::fs::File::create(dir.join("part.parquet")).unwrap();
            let mut writer = ArrowWriter::try_new(file, schema.clone(), None).unwrap();
            writer.write(&batch).unwrap();
            writer.close().unwrap();
        }
    }

    async fn context(root: &std::path::Path, with_rule: bool) -> SessionContext {
        let mut state = SessionStateBuilder::new().with_default_features();
        if with_rule {
            state = state.with_optimizer_rule(Arc::new(EventDays));
        }
        let ctx = SessionContext::new_with_state(state.build());
        let keys = DAY_KEYS.iter().map(|k| (k.to_string(), DataType::Utf8View)).collect();
        let options = ListingOptions::new(Arc::new(ParquetFormat::default()))
            .with_file_extension(".parquet")
            .with_table_partition_cols(keys);
        let url = ListingTableUrl::parse(format!("{}/", root.display())).unwrap();
        let schema = options.infer_schema(&ctx.state(), &url).await.unwrap();
        let config = ListingTableConfig::new(url).with_listing_options(options).with_schema(schema);
        ctx.register_table("events", Arc::new(ListingTable::try_new(config).unwrap())).unwrap();
        ctx
    }

    #[tokio::test]
    async fn answers_as_the_engine_does_reading_only_the_days_in_range() {
        let dir = tempfile::tempdir().unwrap();
        lake(dir.path());
        let plain = context(dir.path(), false).await;
        let pruned = context(dir.path(), true).await;
        let cases = [
            ("event_ts >= TIMESTAMP '2024-06-02 10:00:00' AND event_ts < TIMESTAMP '2024-06-02 11:00:00'", 1),
            ("event_ts BETWEEN TIMESTAMP '2024-06-01 23:00:00' AND TIMESTAMP '2024-06-02 00:00:00'", 2),
            ("event_ts > TIMESTAMP '2024-06-01 23:00:00' AND event_ts <= TIMESTAMP '2024-06-03 00:00:00'", 3),
            ("TIMESTAMP '2024-06-03 05:00:00' = event_ts", 1),
            ("event_ts < TIMESTAMP '2024-06-02 00:00:00' AND event_ts >= TIMESTAMP '2024-06-01 00:00:00'", 1),
            ("event_ts >= TIMESTAMP '2024-06-03 00:00:00' AND event_ts < TIMESTAMP '2024-06-02 00:00:00'", 0),
            ("event_ts >= TIMESTAMP '2024-05-01 00:00:00' AND event_ts < TIMESTAMP '2024-05-02 00:00:00'", 0),
            ("event_ts >= TIMESTAMP '2024-06-02 00:00:00'", 3),
            (
                "event_ts >= TIMESTAMP '2024-06-02 00:00:00' AND event_ts < TIMESTAMP '2024-06-03 00:00:00' AND n > 20",
                1,
            ),
        ];
        for (condition, files) in cases {
            let sql = format!(
                "SELECT year, month, day, count(*) AS c, sum(n) AS s FROM events WHERE {condition} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
            );
            let expected = pretty_format_batches(&plain.sql(&sql).await.unwrap().collect().await.unwrap())
                .unwrap()
                .to_string();
            let frame = pruned.sql(&sql).await.unwrap();
            let plan = frame.clone().create_physical_plan().await.unwrap();
            let actual = pretty_format_batches(&frame.collect().await.unwrap()).unwrap().to_string();
            assert_eq!(actual, expected, "{condition}");
            let shown = displayable(plan.as_ref()).indent(true).to_string();
            assert_eq!(shown.matches("part.parquet").count(), files, "{condition}\n{shown}");
        }
    }

    #[tokio::test]
    async fn other_layouts_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        lake(dir.path());
        let ctx = SessionContext::new_with_state(
            SessionStateBuilder::new()
                .with_default_features()
                .with_optimizer_rule(Arc::new(EventDays))
                .build(),
        );
        // The same files without partition columns: nothing to prune with.
        let url = ListingTableUrl::parse(format!("{}/", dir.path().display())).unwrap();
        let options = ListingOptions::new(Arc::new(ParquetFormat::default())).with_file_extension(".parquet");
        let schema = options.infer_schema(&ctx.state(), &url).await.unwrap();
        let config = ListingTableConfig::new(url).with_listing_options(options).with_schema(schema);
        ctx.register_table("flat", Arc::new(ListingTable::try_new(config).unwrap())).unwrap();
        let sql = "SELECT count(*) FROM flat WHERE event_ts >= TIMESTAMP '2024-06-02 10:00:00' \
                   AND event_ts < TIMESTAMP '2024-06-02 11:00:00'";
        let plan = ctx.sql(sql).await.unwrap().into_optimized_plan().unwrap().display_indent().to_string();
        assert!(!plan.contains("year"), "{plan}");
    }
}
