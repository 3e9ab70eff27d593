//! What a query would scan, before it runs: the tables it reads, the partitions its `WHERE`
//! clause can touch (equalities, ranges and IN lists on `year`, `month`, `day`), and, from the
//! Parquet footers, the compressed size of the columns it references. The result is an upper
//! bound of what Athena bills: Athena may skip more (row-group statistics), never less.

use std::collections::BTreeSet;
use std::ops::ControlFlow;

use anyhow::Result;
use datafusion::sql::sqlparser::ast::{
    BinaryOperator, Expr, ObjectName, Query, Select, SelectItem, SetExpr, Statement, TableFactor, Value,
    visit_expressions, visit_relations,
};
use datafusion::sql::sqlparser::dialect::GenericDialect;
use datafusion::sql::sqlparser::parser::Parser;

use crate::backend::{Backend, ObjectInfo, ObjectStore, TableLookup};
use crate::discover::PARTITION_KEYS;
use crate::error::usage;
use crate::layout::Location;

/// Beyond this many files, footers are read from a sample and the column share extrapolated.
const EXACT_FILES: usize = 256;
const SAMPLE_FILES: usize = 64;

/// A condition on a partition key that the `WHERE` clause imposes on every row.
#[derive(Debug, Clone, PartialEq)]
pub struct Constraint {
    pub key: String,
    pub op: BinaryOperator,
    pub values: Vec<String>,
}

/// What the statement reads.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Analysis {
    /// (database, table) of every table read.
    pub tables: Vec<(String, String)>,
    /// Referenced column names; `None` when a `*` reads them all.
    pub columns: Option<BTreeSet<String>>,
    pub constraints: Vec<Constraint>,
}

fn literal(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Value(v) => match &v.value {
            Value::SingleQuotedString(s) | Value::DoubleQuotedString(s) => Some(s.clone()),
            Value::Number(n, _) => Some(n.to_string()),
            _ => None,
        },
        Expr::Nested(inner) => literal(inner),
        _ => None,
    }
}

fn partition_key(expr: &Expr) -> Option<String> {
    let name = match expr {
        Expr::Identifier(ident) => ident.value.to_ascii_lowercase(),
        Expr::CompoundIdentifier(parts) => parts.last()?.value.to_ascii_lowercase(),
        Expr::Nested(inner) => return partition_key(inner),
        _ => return None,
    };
    PARTITION_KEYS.contains(&name.as_str()).then_some(name)
}

fn mirrored(op: &BinaryOperator) -> Option<BinaryOperator> {
    Some(match op {
        BinaryOperator::Eq => BinaryOperator::Eq,
        BinaryOperator::Lt => BinaryOperator::Gt,
        BinaryOperator::LtEq => BinaryOperator::GtEq,
        BinaryOperator::Gt => BinaryOperator::Lt,
        BinaryOperator::GtEq => BinaryOperator::LtEq,
        _ => return None,
    })
}

/// Conditions of a conjunction; anything under OR or NOT is left out (it cannot narrow the scan).
fn collect_constraints(expr: &Expr, out: &mut Vec<Constraint>) {
    match expr {
        Expr::BinaryOp { left, op: BinaryOperator::And, right } => {
            collect_constraints(left, out);
            collect_constraints(right, out);
        }
        Expr::Nested(inner) => collect_constraints(inner, out),
        Expr::BinaryOp { left, op, right } => {
            if let (Some(key), Some(value), Some(_)) = (partition_key(left), literal(right), mirrored(op)) {
                out.push(Constraint { key, op: op.clone(), values: vec![value] });
            } else if let (Some(key), Some(value), Some(op)) =
                (partition_key(right), literal(left), mirrored(op))
            {
                out.push(Constraint { key, op, values: vec![value] });
            }
        }
        Expr::InList { expr, list, negated: false } => {
            if let Some(key) = partition_key(expr) {
                let values: Option<Vec<String>> = list.iter().map(literal).collect();
                if let Some(values) = values {
                    out.push(Constraint { key, op: BinaryOperator::Eq, values });
                }
            }
        }
        Expr::Between { expr, negated: false, low, high } => {
            if let (Some(key), Some(low), Some(high)) = (partition_key(expr), literal(low), literal(high)) {
                out.push(Constraint { key: key.clone(), op: BinaryOperator::GtEq, values: vec![low] });
                out.push(Constraint { key, op: BinaryOperator::LtEq, values: vec![high] });
            }
        }
        _ => {}
    }
}

fn select_has_wildcard(select: &Select) -> bool {
    select
        .projection
        .iter()
        .any(|item| matches!(item, SelectItem::Wildcard(_) | SelectItem::QualifiedWildcard(..)))
        || select.from.iter().any(|from| {
            std::iter::once(&from.relation).chain(from.joins.iter().map(|j| &j.relation)).any(|factor| {
                match factor {
                    TableFactor::Derived { subquery, .. } => query_has_wildcard(subquery),
                    _ => false,
                }
            })
        })
}

fn set_expr_has_wildcard(body: &SetExpr) -> bool {
    match body {
        SetExpr::Select(select) => select_has_wildcard(select),
        SetExpr::Query(query) => query_has_wildcard(query),
        SetExpr::SetOperation { left, right, .. } => {
            set_expr_has_wildcard(left) || set_expr_has_wildcard(right)
        }
        _ => true,
    }
}

fn query_has_wildcard(query: &Query) -> bool {
    query.with.as_ref().is_some_and(|with| with.cte_tables.iter().any(|cte| query_has_wildcard(&cte.query)))
        || set_expr_has_wildcard(&query.body)
}

/// Reads the statement: tables, referenced columns, partition constraints.
pub fn analyze(sql: &str, default_database: &str) -> Result<Analysis> {
    let statements = Parser::parse_sql(&GenericDialect {}, sql)
        .map_err(|err| usage(format!("cannot read the SQL: {err}")))?;
    let mut analysis = Analysis::default();
    let _ = visit_relations(&statements, |name: &ObjectName| {
        let parts: Vec<String> =
            name.0.iter().filter_map(|p| p.as_ident().map(|i| i.value.clone())).collect();
        let (database, table) = match parts.as_slice() {
            [table] => (default_database.to_string(), table.clone()),
            [.., database, table] => (database.clone(), table.clone()),
            [] => return ControlFlow::<()>::Continue(()),
        };
        if !analysis.tables.contains(&(database.clone(), table.clone())) {
            analysis.tables.push((database, table));
        }
        ControlFlow::Continue(())
    });
    let mut columns = BTreeSet::new();
    let _ = visit_expressions(&statements, |expr: &Expr| {
        match expr {
            Expr::Identifier(ident) => {
                columns.insert(ident.value.to_ascii_lowercase());
            }
            Expr::CompoundIdentifier(parts) => {
                if let Some(last) = parts.last() {
                    columns.insert(last.value.to_ascii_lowercase());
                }
            }
            _ => {}
        }
        ControlFlow::<()>::Continue(())
    });
    let mut wildcard = false;
    for statement in &statements {
        if let Statement::Query(query) = statement {
            wildcard |= query_has_wildcard(query);
            if let SetExpr::Select(select) = query.body.as_ref()
                && let Some(selection) = &select.selection
            {
                collect_constraints(selection, &mut analysis.constraints);
            }
        }
    }
    analysis.columns = if wildcard { None } else { Some(columns) };
    Ok(analysis)
}

fn compare(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.parse::<i64>(), b.parse::<i64>()) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        _ => a.cmp(b),
    }
}

/// True when a partition with these key values can hold rows the constraints accept.
pub fn partition_matches(values: &[String], constraints: &[Constraint]) -> bool {
    constraints.iter().all(|c| {
        let Some(index) = PARTITION_KEYS.iter().position(|k| *k == c.key) else { return true };
        let Some(value) = values.get(index) else { return true };
        c.values.iter().any(|bound| {
            let order = compare(value, bound);
            match c.op {
                BinaryOperator::Eq => order.is_eq(),
                BinaryOperator::Lt => order.is_lt(),
                BinaryOperator::LtEq => order.is_le(),
                BinaryOperator::Gt => order.is_gt(),
                BinaryOperator::GtEq => order.is_ge(),
                _ => true,
            }
        })
    })
}

/// The estimate for one statement.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Estimate {
    pub tables: usize,
    pub partitions: usize,
    pub files: usize,
    pub total_bytes: u64,
    /// Compressed bytes of the referenced columns: what the scan reads at most.
    pub scan_bytes: u64,
    pub sampled: bool,
}

/// Compressed bytes of the column chunks of `columns` (all when `None`) in a Parquet file, from
/// its footer: what a scan reads of it.
async fn referenced_bytes(
    store: &dyn ObjectStore,
    bucket: &str,
    object: &ObjectInfo,
    columns: Option<&BTreeSet<String>>,
) -> Result<u64> {
    if !object.key.ends_with(".parquet") || object.size < 12 {
        return Ok(object.size);
    }
    let metadata = crate::discover::footer(store, bucket, object).await?;
    let mut total = 0;
    for row_group in metadata.row_groups() {
        for chunk in row_group.columns() {
            let name =
                chunk.column_path().parts().first().map(|p| p.to_ascii_lowercase()).unwrap_or_default();
            if columns.is_none_or(|columns| columns.contains(&name)) {
                total += chunk.compressed_size().max(0) as u64;
            }
        }
    }
    Ok(total)
}

/// Estimates the scan of `sql` from the catalog and the footers of the files it would read.
pub async fn estimate(backend: &Backend, sql: &str, database: &str) -> Result<Estimate> {
    let analysis = analyze(sql, database)?;
    let mut estimate = Estimate::default();
    let mut files: Vec<(String, ObjectInfo)> = Vec::new();
    for (db, name) in &analysis.tables {
        let TableLookup::Found(table) = backend.catalog.lookup_table(db, name).await? else { continue };
        estimate.tables += 1;
        let locations: Vec<String> = if table.partition_keys.is_empty() {
            vec![table.location.clone()]
        } else if let Some(years) = crate::discover::projected_years(&table.parameters) {
            // Athena computes a projected table's partitions rather than reading the catalog's:
            // the ones that hold files are the ones it reads.
            let Some(root) = backend.objects.location_of(&table.location) else { continue };
            let objects = backend.objects.list(&root.bucket, &root.prefix).await?;
            crate::discover::partitions(&objects, &root, |l| backend.objects.url(l))
                .into_iter()
                .filter(|p| {
                    crate::discover::is_projected(&p.info.values, years)
                        && partition_matches(&p.info.values, &analysis.constraints)
                })
                .map(|p| p.info.location)
                .collect()
        } else {
            backend
                .catalog
                .list_partitions(db, name)
                .await?
                .into_iter()
                .filter(|p| partition_matches(&p.values, &analysis.constraints))
                .map(|p| p.location)
                .collect()
        };
        estimate.partitions += locations.len();
        for location in locations {
            // A location outside this store (another bucket scheme, another data directory)
            // holds nothing this estimate can read.
            let Some(Location { bucket, prefix }) = backend.objects.location_of(&location) else { continue };
            for object in backend.objects.list(&bucket, &prefix).await? {
                files.push((bucket.clone(), object));
            }
        }
    }
    estimate.files = files.len();
    estimate.total_bytes = files.iter().map(|(_, o)| o.size).sum();
    let columns = analysis.columns.as_ref();
    if files.len() <= EXACT_FILES {
        for (bucket, object) in &files {
            estimate.scan_bytes +=
                referenced_bytes(backend.objects.as_ref(), bucket, object, columns).await?;
        }
    } else {
        // Evenly spread sample; its share of referenced bytes applies to the whole.
        let step = files.len() / SAMPLE_FILES;
        let (mut sampled_total, mut sampled_referenced) = (0u64, 0u64);
        for (bucket, object) in files.iter().step_by(step.max(1)).take(SAMPLE_FILES) {
            sampled_total += object.size;
            sampled_referenced += referenced_bytes(backend.objects.as_ref(), bucket, object, columns).await?;
        }
        let share = if sampled_total == 0 { 1.0 } else { sampled_referenced as f64 / sampled_total as f64 };
        estimate.scan_bytes = (estimate.total_bytes as f64 * share).ceil() as u64;
        estimate.sampled = true;
    }
    Ok(estimate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tables_columns_and_partition_constraints() {
        let a = analyze(
            "SELECT country, sum(revenue) FROM clickstream.events WHERE year = '2024' AND month IN ('05', '06') \
             AND day BETWEEN '01' AND '10' AND event_type = 'purchase' GROUP BY country",
            "db",
        )
        .unwrap();
        assert_eq!(a.tables, vec![("clickstream".to_string(), "events".to_string())]);
        let columns = a.columns.unwrap();
        assert!(columns.contains("revenue") && columns.contains("country") && columns.contains("event_type"));
        assert!(!columns.contains("user_agent"));
        let keys: Vec<&str> = a.constraints.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, vec!["year", "month", "day", "day"]);

        let star = analyze("SELECT * FROM events WHERE '2024' = year OR day = '01'", "db").unwrap();
        assert_eq!(star.tables, vec![("db".to_string(), "events".to_string())]);
        assert!(star.columns.is_none());
        assert!(star.constraints.is_empty(), "OR cannot narrow the scan");
        assert!(
            analyze("SELECT count(*) FROM events", "db").unwrap().columns.is_some(),
            "count(*) is no wildcard"
        );
    }

    #[test]
    fn partitions_are_pruned_by_constraints() {
        let a = analyze("SELECT 1 FROM t WHERE year = '2024' AND month >= '06' AND day IN ('01', '02')", "d")
            .unwrap();
        let p = |y: &str, m: &str, d: &str| vec![y.to_string(), m.to_string(), d.to_string()];
        assert!(partition_matches(&p("2024", "06", "01"), &a.constraints));
        assert!(partition_matches(&p("2024", "07", "02"), &a.constraints));
        assert!(!partition_matches(&p("2024", "05", "01"), &a.constraints));
        assert!(!partition_matches(&p("2024", "06", "03"), &a.constraints));
        assert!(!partition_matches(&p("2023", "06", "01"), &a.constraints));
        // Numbers compare as numbers: month 10 is after month 9.
        let b = analyze("SELECT 1 FROM t WHERE month > 9", "d").unwrap();
        assert!(partition_matches(&p("2024", "10", "01"), &b.constraints));
        assert!(!partition_matches(&p("2024", "09", "01"), &b.constraints));
    }
}
