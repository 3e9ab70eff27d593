//! `bdctl metrics`: how the platform behaves over time.

use anyhow::Result;
use chrono::Utc;
use serde_json::Value;

use super::Context;
use crate::backend::MetricSeries;
use crate::cli::{MetricsArgs, Service};
use crate::error::usage;
use crate::output::Table;

fn service_name(service: Service) -> &'static str {
    match service {
        Service::Firehose => "firehose",
        Service::Lambda => "lambda",
        Service::Glue => "glue",
        Service::Athena => "athena",
        Service::S3 => "s3",
        Service::Local => "local",
    }
}

/// A sparkline of the values over Unicode blocks.
pub fn sparkline(values: &[f64]) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let (min, max) = values.iter().fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    values
        .iter()
        .map(
            |v| {
                if max > min { BLOCKS[(((v - min) / (max - min)) * 7.0).round() as usize] } else { BLOCKS[3] }
            },
        )
        .collect()
}

fn round(value: f64) -> Value {
    crate::output::number((value * 1000.0).round() / 1000.0)
}

pub async fn run(ctx: &Context, args: MetricsArgs) -> Result<()> {
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    if args.period.as_secs() < 60 || args.period.as_secs() % 60 != 0 {
        return Err(usage("--period: use whole minutes (CloudWatch's periods), e.g. 5m, 1h"));
    }
    let (mut specs, missing) = backend.metrics.available();
    if !missing.is_empty() && args.service.is_empty() {
        ctx.printer.notice(format_args!("not configured, left out: {}", missing.join(", ")));
    }
    if !args.service.is_empty() {
        let wanted: Vec<&str> = args.service.iter().map(|s| service_name(*s)).collect();
        specs.retain(|s| wanted.contains(&s.service.as_str()));
    }
    if !args.metrics.is_empty() {
        specs.retain(|s| args.metrics.iter().any(|m| m.eq_ignore_ascii_case(&s.name)));
    }
    if specs.is_empty() {
        return Err(usage("no metric matches --service/--metric for this environment"));
    }
    let end = Utc::now();
    let start = end - chrono::Duration::from_std(args.since)?;
    let spinner = ctx.printer.spinner("reading metrics");
    let series = backend.metrics.series(&specs, start, end, args.period.as_secs() as u32).await;
    spinner.finish_and_clear();
    let series = series?;

    if ctx.printer.format().is_machine_readable() {
        let mut table = Table::new(["service", "metric", "stat", "timestamp", "value"]);
        for s in &series {
            for (time, value) in &s.points {
                table.push(vec![
                    s.spec.service.clone().into(),
                    s.spec.name.clone().into(),
                    s.spec.stat.clone().into(),
                    time.to_rfc3339().into(),
                    Value::from(*value),
                ]);
            }
        }
        ctx.printer.print_table(&table)?;
    } else {
        ctx.printer.print_table(&summary(&series))?;
    }
    Ok(())
}

/// min/avg/max/last and a sparkline per metric.
/// For people: sizes of byte metrics in units (every point stays exact in csv/json).
pub fn summary(series: &[MetricSeries]) -> Table {
    let mut table = Table::new(["service", "metric", "stat", "points", "min", "avg", "max", "last", "trend"]);
    for s in series {
        let values: Vec<f64> = s.points.iter().map(|(_, v)| *v).collect();
        let (min, max) = values.iter().fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
        let has = !values.is_empty();
        let bytes = s.spec.name.contains("Bytes");
        let round = |value: f64| {
            if bytes { Value::from(crate::pricing::human_bytes(value.max(0.0) as u64)) } else { round(value) }
        };
        table.push(vec![
            s.spec.service.clone().into(),
            s.spec.name.clone().into(),
            s.spec.stat.clone().into(),
            (values.len() as u64).into(),
            if has { round(min) } else { Value::Null },
            if has { round(values.iter().sum::<f64>() / values.len() as f64) } else { Value::Null },
            if has { round(max) } else { Value::Null },
            values.last().map_or(Value::Null, |v| round(*v)),
            sparkline(&values).into(),
        ]);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::MetricSpec;

    #[test]
    fn byte_metrics_read_as_sizes() {
        let spec = |name: &str| MetricSpec {
            service: "local".into(),
            namespace: "bdctl/local".into(),
            name: name.into(),
            dimensions: Vec::new(),
            stat: "Sum".into(),
        };
        let at = chrono::Utc::now();
        let table = summary(&[
            MetricSeries { spec: spec("BytesScanned"), points: vec![(at, 5_671_976.0), (at, 1024.0)] },
            MetricSeries { spec: spec("Queries"), points: vec![(at, 3.0)] },
        ]);
        assert_eq!(table.rows[0][4], "1.0 KB");
        assert_eq!(table.rows[0][6], "5.4 MB");
        assert_eq!(table.rows[1][6], 3);
    }
}
