//! The query engine: a statement's typed rows stream into the sink with the statistics the bill
//! is computed from; a query id is either the service's to come back to, or not supported.

use anyhow::Result;
use bdctl::backend::{QueryRequest, ResultColumn, RowSink, ValueKind};
use serde_json::Value;

use crate::{Target, supported};

#[derive(Default)]
struct Collect {
    columns: Vec<ResultColumn>,
    rows: Vec<Vec<Value>>,
}

impl RowSink for Collect {
    fn columns(&mut self, columns: &[ResultColumn]) -> Result<()> {
        self.columns = columns.to_vec();
        Ok(())
    }
    fn row(&mut self, row: Vec<Value>) -> Result<()> {
        self.rows.push(row);
        Ok(())
    }
}

const SQL: &str = "SELECT 'DE' AS country, CAST(12 AS BIGINT) AS purchases, 345.5 AS revenue";

/// What the statement answers; the emulator answers Athena queries from what is seeded.
fn seed(target: &Target) {
    if let Some(endpoint) = &target.endpoint {
        for _ in 0..2 {
            crate::common::moto::seed_athena_results(
                endpoint,
                &[vec!["country", "purchases", "revenue"], vec!["DE", "12", "345.5"]],
                &[("country", "varchar"), ("purchases", "bigint"), ("revenue", "double")],
            );
        }
    }
}

pub async fn conformance(target: &Target) {
    seed(target);
    let request = QueryRequest {
        sql: SQL.into(),
        database: target.settings.glue_database.value.clone(),
        params: Vec::new(),
        workgroup: target.settings.athena_workgroup.value.clone(),
    };
    let mut sink = Collect::default();
    let stats = target.backend.query.execute(&request, &mut sink).await.unwrap();
    let kinds: Vec<(&str, ValueKind)> = sink.columns.iter().map(|c| (c.name.as_str(), c.kind)).collect();
    assert_eq!(
        kinds,
        [("country", ValueKind::Text), ("purchases", ValueKind::Integer), ("revenue", ValueKind::Float)],
        "{}",
        target.name
    );
    assert_eq!(
        sink.rows,
        vec![vec![Value::from("DE"), Value::from(12), Value::from(345.5)]],
        "{}",
        target.name
    );
    assert_eq!(stats.rows, 1);
    assert!(!stats.is_ddl);

    // Submitted without waiting: the id leads to the same rows, or there are no ids here.
    let Some(id) = supported(target, "submit", target.backend.query.submit(&request).await) else {
        for (what, result) in [
            ("status", target.backend.query.status("any").await.map(|_| ())),
            ("cancel", target.backend.query.cancel("any").await),
        ] {
            assert!(supported(target, what, result).is_none(), "{}: {what} without query ids", target.name);
        }
        return;
    };
    let mut status = target.backend.query.status(&id).await.unwrap();
    for _ in 0..50 {
        if status.state != "QUEUED" && status.state != "RUNNING" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        status = target.backend.query.status(&id).await.unwrap();
    }
    assert_eq!(status.state, "SUCCEEDED", "{}", target.name);
    assert!(status.stats.billed, "{}: a service that keeps query ids bills them", target.name);
    let mut again = Collect::default();
    assert_eq!(target.backend.query.results(&id, &mut again).await.unwrap(), 1);
    assert_eq!(again.rows, sink.rows);
}
