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
    ctx.printer.print_table(&table(&report, !ctx.printer.format().is_machine_readable()))?;
    if !report.problems.is_empty() {
        return Err(anyhow!("{}", report.problems.join("; ")));
    }
    Ok(())
}

/// The report as rows; `for_people` shows sizes in units and times to the second, where scripts
/// get byte counts and times in full.
fn table(report: &StatusReport, for_people: bool) -> Table {
    let mut table = Table::new(["check", "value", "detail"]);
    for row in &report.rows {
        let value = match &row.value {
            StatusValue::None => Value::Null,
            StatusValue::Text(text) => Value::from(text.as_str()),
            StatusValue::Count(count) | StatusValue::Usd(count) => number(*count),
            StatusValue::Bytes(bytes) if for_people => {
                Value::from(crate::pricing::human_bytes(bytes.max(0.0) as u64))
            }
            StatusValue::Bytes(bytes) => number(*bytes),
            StatusValue::Time(time) if for_people => {
                Value::from(time.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            }
            StatusValue::Time(time) => Value::from(time.to_rfc3339()),
        };
        let detail = if row.detail.is_empty() { Value::Null } else { Value::from(row.detail.as_str()) };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::status::StatusRow;
    use chrono::TimeZone;

    #[test]
    fn people_read_sizes_and_seconds_scripts_read_exact_values() {
        let time = chrono::Utc.with_ymd_and_hms(2026, 12, 1, 20, 57, 8).unwrap()
            + chrono::Duration::nanoseconds(136_226_819);
        let report = StatusReport {
            rows: vec![
                StatusRow {
                    check: "newest raw object",
                    value: StatusValue::Time(time),
                    detail: "3 min ago".into(),
                },
                StatusRow {
                    check: "bytes scanned (24 h)",
                    value: StatusValue::Bytes(5_671_976.0),
                    detail: String::new(),
                },
            ],
            problems: Vec::new(),
        };
        let people = table(&report, true);
        assert_eq!(people.rows[0][1], "2026-12-01T20:57:08Z");
        assert_eq!(people.rows[1][1], "5.4 MB");
        let scripts = table(&report, false);
        assert_eq!(scripts.rows[0][1], "2026-12-01T20:57:08.136226819+00:00");
        assert_eq!(scripts.rows[1][1], 5_671_976);
    }
}
