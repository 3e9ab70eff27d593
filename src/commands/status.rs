//! `bdctl status`: is data flowing?

use anyhow::{Result, anyhow};
use serde_json::Value;

use super::Context;
use crate::cli::StatusArgs;
use crate::output::{Table, number};
use crate::services::status::{StatusReport, StatusValue, status};

pub async fn run(ctx: &Context, args: StatusArgs) -> Result<()> {
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    let report = {
        let spinner = ctx.printer.spinner("looking at the lake");
        let report = status(&settings, &backend, args.lookback_days).await;
        spinner.finish_and_clear();
        report?
    };
    ctx.printer.print_table(&table(&report))?;
    if !report.problems.is_empty() {
        return Err(anyhow!("{}", report.problems.join("; ")));
    }
    Ok(())
}

fn table(report: &StatusReport) -> Table {
    let mut table = Table::new(["check", "value", "detail"]);
    for row in &report.rows {
        let mut detail = Value::from(row.detail.as_str());
        let value = match &row.value {
            StatusValue::None => Value::Null,
            StatusValue::Text(text) => Value::from(text.as_str()),
            StatusValue::Count(count) | StatusValue::Usd(count) => number(*count),
            StatusValue::Bytes(bytes) => {
                detail = Value::from(crate::pricing::human_bytes(bytes.max(0.0) as u64));
                number(*bytes)
            }
            StatusValue::Time(time) => Value::from(time.to_rfc3339()),
        };
        if row.detail.is_empty() && !matches!(row.value, StatusValue::Bytes(_)) {
            detail = Value::Null;
        }
        table.push(vec![row.check.into(), value, detail]);
    }
    let verdict =
        if report.problems.is_empty() { "data is flowing".to_string() } else { report.problems.join("; ") };
    table.push(vec![
        "verdict".into(),
        (if report.problems.is_empty() { "ok" } else { "attention" }).into(),
        verdict.into(),
    ]);
    table
}
