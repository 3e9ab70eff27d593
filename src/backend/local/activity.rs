//! The local platform's activity log: one JSON line per thing bdctl did (events sent,
//! objects transformed, queries run), read back as metrics.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::backend::{MetricSeries, MetricSpec, Metrics};

/// One line of the activity log.
pub struct Entry {
    pub time: DateTime<Utc>,
    fields: serde_json::Map<String, Value>,
}

impl Entry {
    pub fn value(&self, field: &str) -> f64 {
        self.fields.get(field).and_then(Value::as_f64).unwrap_or(0.0)
    }
}

/// The entries of one kind, oldest first; a log not written yet has none, and lines that do not
/// parse (a write cut short) are passed over.
pub async fn read_entries(path: &Path, kind: &str) -> Result<Vec<Entry>> {
    let text = match tokio::fs::read_to_string(path).await {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(err) => return Err(err.into()),
    };
    Ok(text
        .lines()
        .filter_map(|line| {
            let Ok(Value::Object(fields)) = serde_json::from_str::<Value>(line) else { return None };
            if fields.get("kind").and_then(Value::as_str) != Some(kind) {
                return None;
            }
            let time = fields.get("time")?.as_str()?.parse::<DateTime<Utc>>().ok()?;
            Some(Entry { time, fields })
        })
        .collect())
}

pub const ACTIVITY_LOG: &str = "activity.ndjson";
pub const NAMESPACE: &str = "bdctl/local";

/// Appends one record; a failure to record never fails the command that did the work.
pub fn record(data_dir: &Path, kind: &str, values: &[(&str, f64)]) {
    let mut line = serde_json::Map::new();
    line.insert("time".into(), Value::from(Utc::now().to_rfc3339()));
    line.insert("kind".into(), Value::from(kind));
    for (name, value) in values {
        line.insert((*name).into(), Value::from(*value));
    }
    let path = data_dir.join(ACTIVITY_LOG);
    let result = crate::files::create_private_dir(data_dir).and_then(|_| {
        let mut options = std::fs::OpenOptions::new();
        options.create(true).append(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&path)?;
        // One write of the whole line: appended at once, never interleaved with another
        // process's line nor left half-written by a kill between the pieces of a `writeln!`.
        file.write_all(format!("{}\n", Value::Object(line)).as_bytes())
    });
    if let Err(err) = result {
        tracing::warn!("recording activity in {}: {err}", path.display());
    }
}

/// The metrics the activity log holds: (kind, field, metric name).
pub const LOCAL_METRICS: [(&str, &str, &str); 8] = [
    ("send", "events", "EventsSent"),
    ("send", "bytes", "BytesSent"),
    ("transform", "events_out", "EventsTransformed"),
    ("transform", "quarantined", "EventsQuarantined"),
    ("transform", "seconds", "TransformSeconds"),
    ("transform", "bytes_in", "RawBytesTransformed"),
    ("query", "count", "Queries"),
    ("query", "bytes_scanned", "BytesScanned"),
];

pub struct ActivityMetrics {
    path: PathBuf,
}

impl ActivityMetrics {
    pub fn new(path: PathBuf) -> Self {
        Self { path }
    }
}

fn local_spec(name: &str) -> MetricSpec {
    MetricSpec {
        service: "local".into(),
        namespace: NAMESPACE.into(),
        name: name.into(),
        dimensions: vec![],
        stat: "Sum".into(),
    }
}

#[async_trait]
impl Metrics for ActivityMetrics {
    async fn series(
        &self,
        specs: &[MetricSpec],
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        period_seconds: u32,
    ) -> Result<Vec<MetricSeries>> {
        let period = i64::from(period_seconds.max(1));
        let mut out = Vec::new();
        for spec in specs {
            let Some((kind, field, _)) = LOCAL_METRICS.iter().find(|(_, _, name)| *name == spec.name) else {
                out.push(MetricSeries { spec: spec.clone(), points: Vec::new() });
                continue;
            };
            let mut buckets: std::collections::BTreeMap<i64, Vec<f64>> = std::collections::BTreeMap::new();
            for entry in read_entries(&self.path, kind).await? {
                if entry.time < start || entry.time >= end {
                    continue;
                }
                let value = if *field == "count" { 1.0 } else { entry.value(field) };
                let bucket =
                    start.timestamp() + (entry.time.timestamp() - start.timestamp()) / period * period;
                buckets.entry(bucket).or_default().push(value);
            }
            let points = buckets
                .into_iter()
                .filter_map(|(bucket, values)| {
                    let value = match spec.stat.as_str() {
                        "Average" => values.iter().sum::<f64>() / values.len() as f64,
                        "Maximum" => values.iter().cloned().fold(f64::MIN, f64::max),
                        _ => values.iter().sum(),
                    };
                    Some((DateTime::from_timestamp(bucket, 0)?, value))
                })
                .collect();
            out.push(MetricSeries { spec: spec.clone(), points });
        }
        Ok(out)
    }

    fn available(&self) -> (Vec<MetricSpec>, Vec<&'static str>) {
        (LOCAL_METRICS.iter().map(|(_, _, name)| local_spec(name)).collect(), Vec::new())
    }

    fn headline(&self) -> Vec<(&'static str, MetricSpec)> {
        vec![
            ("events sent (24 h)", local_spec("EventsSent")),
            ("records quarantined (24 h)", local_spec("EventsQuarantined")),
            ("bytes scanned (24 h)", local_spec("BytesScanned")),
        ]
    }

    fn record(&self, kind: &str, values: &[(&str, f64)]) {
        if let Some(data_dir) = self.path.parent() {
            record(data_dir, kind, values);
        }
    }
}
