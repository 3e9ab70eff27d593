//! Several `count(DISTINCT CASE WHEN c THEN x END)` over the same `x` (a funnel) computed by one
//! grouping on `x` instead of a set of distinct values per aggregate.
//!
//! The engine keeps one hash set per distinct aggregate and fills each from every row: a
//! three-step funnel over ten million events inserts, hashes and compares session ids three times
//! over. Grouped on `x` once, with a flag per condition, the counts come from one hash table:
//!
//! ```text
//! SELECT g, count(DISTINCT CASE WHEN c1 THEN x END), count(DISTINCT x) FROM t GROUP BY g
//! ```
//! becomes
//! ```text
//! SELECT g, count(v) FILTER (WHERE f1), count(v)
//! FROM (SELECT g, x AS v, bool_or(c1) AS f1 FROM t GROUP BY g, x) GROUP BY g
//! ```
//! `count(v)` leaves out the group of a null `x`; a null or false `c1` leaves `f1` null or
//! false, so its `x` is not counted, as the `CASE` gives it no value. Without `GROUP BY`, rows
//! that no count can use (a null `x`, or no condition true) are filtered out first.

use datafusion::common::tree_node::Transformed;
use datafusion::common::{Column, DFSchema, Result};
use datafusion::functions_aggregate::count::count_udaf;
use datafusion::functions_aggregate::expr_fn::bool_or;
use datafusion::logical_expr::expr::{AggregateFunction, AggregateFunctionParams};
use datafusion::logical_expr::utils::disjunction;
use datafusion::logical_expr::{Aggregate, Case, Expr, LogicalPlan, LogicalPlanBuilder, col};
use datafusion::optimizer::optimizer::ApplyOrder;
use datafusion::optimizer::{OptimizerConfig, OptimizerRule};

/// The name the grouped value takes between the two aggregations.
const VALUE: &str = "__distinct_value";

#[derive(Debug, Default)]
pub(super) struct ConditionalDistinctToGroupBy;

impl OptimizerRule for ConditionalDistinctToGroupBy {
    fn name(&self) -> &str {
        "conditional_distinct_to_group_by"
    }

    fn apply_order(&self) -> Option<ApplyOrder> {
        Some(ApplyOrder::TopDown)
    }

    fn supports_rewrite(&self) -> bool {
        true
    }

    fn rewrite(&self, plan: LogicalPlan, _config: &dyn OptimizerConfig) -> Result<Transformed<LogicalPlan>> {
        let LogicalPlan::Aggregate(aggregate) = &plan else {
            return Ok(Transformed::no(plan));
        };
        match distinct_counts(aggregate) {
            Some((value, conditions)) => Ok(Transformed::yes(group_by_value(aggregate, value, &conditions)?)),
            None => Ok(Transformed::no(plan)),
        }
    }
}

/// The value every aggregate of `aggregate` counts distinctly and, per aggregate, its condition
/// (`None`: every non-null value counts), when the rewrite applies: only such counts, at least
/// two of them with different arguments (one distinct argument is the engine's own
/// single-distinct rewrite), and no grouping sets.
fn distinct_counts(aggregate: &Aggregate) -> Option<(Expr, Vec<Option<Expr>>)> {
    if matches!(aggregate.group_expr.first(), Some(Expr::GroupingSet(_))) || aggregate.aggr_expr.len() < 2 {
        return None;
    }
    let mut value: Option<&Expr> = None;
    let mut conditions = Vec::with_capacity(aggregate.aggr_expr.len());
    let mut arguments = Vec::new();
    for expr in &aggregate.aggr_expr {
        let Expr::AggregateFunction(AggregateFunction {
            func,
            params:
                AggregateFunctionParams { args, distinct: true, filter: None, order_by, null_treatment: _ },
        }) = unaliased(expr)
        else {
            return None;
        };
        if func.name() != "count" || !order_by.is_empty() || args.len() != 1 {
            return None;
        }
        let (condition, counted) = conditional_value(&args[0]);
        if value.is_some_and(|v| v != counted) {
            return None;
        }
        value = Some(counted);
        conditions.push(condition.cloned());
        if !arguments.contains(&&args[0]) {
            arguments.push(&args[0]);
        }
    }
    (arguments.len() >= 2).then(|| (value.cloned().expect("at least two aggregates"), conditions))
}

fn unaliased(expr: &Expr) -> &Expr {
    match expr {
        Expr::Alias(alias) => unaliased(&alias.expr),
        other => other,
    }
}

/// `CASE WHEN c THEN x END` (or `ELSE NULL`) as `(Some(c), x)`; anything else as `(None, itself)`.
fn conditional_value(argument: &Expr) -> (Option<&Expr>, &Expr) {
    if let Expr::Case(Case { expr: None, when_then_expr, else_expr }) = argument
        && let [(condition, value)] = when_then_expr.as_slice()
        && else_expr.as_deref().is_none_or(|e| matches!(e, Expr::Literal(v, _) if v.is_null()))
    {
        return (Some(condition), value);
    }
    (None, argument)
}

fn group_by_value(aggregate: &Aggregate, value: Expr, conditions: &[Option<Expr>]) -> Result<LogicalPlan> {
    let schema: &DFSchema = &aggregate.schema;
    let groups = aggregate.group_expr.len();
    // Group keys other than columns are named, so the outer aggregation can refer to them.
    let (inner_groups, outer_groups): (Vec<Expr>, Vec<Expr>) = aggregate
        .group_expr
        .iter()
        .enumerate()
        .map(|(i, expr)| match expr {
            Expr::Column(_) => (expr.clone(), expr.clone()),
            _ => {
                let name = format!("__group_{i}");
                (expr.clone().alias(&name), col(name))
            }
        })
        .unzip();

    let mut distinct_conditions: Vec<&Expr> = Vec::new();
    for condition in conditions.iter().flatten() {
        if !distinct_conditions.contains(&condition) {
            distinct_conditions.push(condition);
        }
    }
    let flag = |condition: &Expr| {
        let k = distinct_conditions.iter().position(|c| *c == condition).expect("collected above");
        format!("__condition_{k}")
    };
    let flags: Vec<Expr> = distinct_conditions.iter().map(|c| bool_or((*c).clone()).alias(flag(c))).collect();

    let mut input = LogicalPlanBuilder::from(aggregate.input.as_ref().clone());
    if groups == 0 {
        // Every count is 0 on no rows as on rows none of them counts, and the one result row of
        // an aggregation without groups stays.
        let wanted = match conditions.iter().all(Option::is_some) {
            true => disjunction(distinct_conditions.iter().map(|c| (*c).clone())),
            false => None,
        };
        let usable = value.clone().is_not_null();
        input = input.filter(wanted.map_or(usable.clone(), |wanted| usable.and(wanted)))?;
    }
    let inner_groups = inner_groups.into_iter().chain([value.alias(VALUE)]);
    let per_value = input.aggregate(inner_groups, flags)?;

    let counts = conditions.iter().map(|condition| {
        let filter = condition.as_ref().map(|c| Box::new(col(flag(c))));
        Expr::AggregateFunction(AggregateFunction::new_udf(
            count_udaf(),
            vec![col(VALUE)],
            false,
            filter,
            vec![],
            None,
        ))
    });
    let counted = per_value.aggregate(outer_groups.clone(), counts.collect::<Vec<_>>())?;

    // The original names, so the plan above reads the same columns.
    let count_names: Vec<String> = (0..conditions.len())
        .map(|i| counted.schema().qualified_field(groups + i).1.name().clone())
        .collect();
    let renamed = outer_groups
        .into_iter()
        .chain(count_names.into_iter().map(|name| Expr::Column(Column::new_unqualified(name))));
    let renamed = renamed.enumerate().map(|(i, expr)| {
        let (qualifier, field) = schema.qualified_field(i);
        expr.alias_qualified(qualifier.cloned(), field.name())
    });
    counted.project(renamed.collect::<Vec<_>>())?.build()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use datafusion::arrow::array::{RecordBatch, StringArray};
    use datafusion::arrow::datatypes::{DataType, Field, Schema};
    use datafusion::arrow::util::pretty::pretty_format_batches;
    use datafusion::prelude::SessionContext;

    use super::*;

    /// The same answers with the rule as without it, on rows with null values, null conditions,
    /// groups no count uses, and no rows at all.
    #[tokio::test]
    async fn answers_as_the_engine_does() {
        let schema = Arc::new(Schema::new(vec![
            Field::new("day", DataType::Utf8, true),
            Field::new("kind", DataType::Utf8, true),
            Field::new("session", DataType::Utf8, true),
        ]));
        let column = |values: &[Option<&str>]| Arc::new(StringArray::from(values.to_vec())) as _;
        let batch = RecordBatch::try_new(
            schema,
            vec![
                column(&[
                    Some("d1"),
                    Some("d1"),
                    Some("d1"),
                    Some("d2"),
                    Some("d2"),
                    Some("d3"),
                    None,
                    Some("d1"),
                ]),
                column(&[
                    Some("view"),
                    Some("buy"),
                    Some("view"),
                    Some("view"),
                    None,
                    Some("other"),
                    Some("view"),
                    Some("view"),
                ]),
                column(&[
                    Some("s1"),
                    Some("s1"),
                    Some("s2"),
                    None,
                    Some("s3"),
                    Some("s4"),
                    Some("s5"),
                    Some("s1"),
                ]),
            ],
        )
        .unwrap();
        let queries = [
            "SELECT count(DISTINCT CASE WHEN kind = 'view' THEN session END) AS viewed, \
             count(DISTINCT CASE WHEN kind = 'buy' THEN session END) AS bought FROM t",
            "SELECT count(DISTINCT CASE WHEN kind = 'view' THEN session ELSE NULL END) AS viewed, \
             count(DISTINCT session) AS sessions FROM t",
            "SELECT day, count(DISTINCT CASE WHEN kind = 'view' THEN session END) AS viewed, \
             count(DISTINCT CASE WHEN kind = 'buy' THEN session END) AS bought FROM t GROUP BY day ORDER BY day",
            "SELECT upper(day) AS d, count(DISTINCT CASE WHEN kind = 'buy' THEN session END), \
             count(DISTINCT CASE WHEN kind <> 'buy' THEN session END) FROM t GROUP BY upper(day) ORDER BY d",
            "SELECT count(DISTINCT CASE WHEN kind = 'view' THEN session END) AS viewed, \
             count(DISTINCT CASE WHEN kind = 'buy' THEN session END) AS bought FROM t WHERE day = 'none'",
            "SELECT day, count(DISTINCT CASE WHEN kind = 'view' THEN session END) AS viewed, \
             count(DISTINCT CASE WHEN kind = 'buy' THEN session END) AS bought FROM t WHERE day = 'none' GROUP BY day",
        ];
        for sql in queries {
            let plain = SessionContext::new();
            plain.register_batch("t", batch.clone()).unwrap();
            let rewritten = SessionContext::new();
            rewritten.register_batch("t", batch.clone()).unwrap();
            rewritten.add_optimizer_rule(Arc::new(ConditionalDistinctToGroupBy));

            let expected = pretty_format_batches(&plain.sql(sql).await.unwrap().collect().await.unwrap())
                .unwrap()
                .to_string();
            let frame = rewritten.sql(sql).await.unwrap();
            let plan = frame.clone().into_optimized_plan().unwrap().display_indent().to_string();
            let actual = pretty_format_batches(&frame.collect().await.unwrap()).unwrap().to_string();
            assert_eq!(actual, expected, "{sql}");
            assert!(
                plan.contains(VALUE) && !plan.contains("aggr=[[count(DISTINCT"),
                "not rewritten: {sql}\n{plan}"
            );
        }
    }

    #[tokio::test]
    async fn leaves_other_aggregations_alone() {
        let ctx = SessionContext::new();
        ctx.add_optimizer_rule(Arc::new(ConditionalDistinctToGroupBy));
        ctx.sql("CREATE TABLE t (kind VARCHAR, session VARCHAR, n INT)").await.unwrap();
        for sql in [
            "SELECT count(DISTINCT session), count(DISTINCT kind) FROM t",
            "SELECT count(DISTINCT CASE WHEN kind = 'a' THEN session END), count(*) FROM t",
            "SELECT count(DISTINCT CASE WHEN kind = 'a' THEN session ELSE 'x' END), \
             count(DISTINCT session) FROM t",
            "SELECT count(DISTINCT CASE WHEN kind = 'a' THEN session END), \
             sum(DISTINCT CASE WHEN kind = 'b' THEN n END) FROM t",
        ] {
            let plan =
                ctx.sql(sql).await.unwrap().into_optimized_plan().unwrap().display_indent().to_string();
            assert!(!plan.contains(VALUE), "{sql}\n{plan}");
        }
    }
}
