//! CloudWatch metrics in one batched GetMetricData call (paged by its own token).

use anyhow::Result;
use async_trait::async_trait;
use aws_sdk_cloudwatch::types::{Dimension, Metric, MetricDataQuery, MetricStat};
use chrono::{DateTime, Utc};

use super::call_failed;
use crate::backend::{MetricSeries, MetricSpec, Metrics};
use crate::settings::Settings;

pub struct CloudWatchMetrics {
    client: aws_sdk_cloudwatch::Client,
    specs: Vec<MetricSpec>,
    missing: Vec<&'static str>,
}

impl CloudWatchMetrics {
    /// The platform's key metrics for the resources the settings name.
    pub fn new(client: aws_sdk_cloudwatch::Client, settings: &Settings) -> Self {
        let (specs, missing) = platform_specs(settings);
        Self { client, specs, missing }
    }
}

fn spec(service: &str, namespace: &str, name: &str, dimensions: &[(&str, &str)], stat: &str) -> MetricSpec {
    MetricSpec {
        service: service.into(),
        namespace: namespace.into(),
        name: name.into(),
        dimensions: dimensions.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        stat: stat.into(),
    }
}

fn platform_specs(settings: &Settings) -> (Vec<MetricSpec>, Vec<&'static str>) {
    let mut specs = Vec::new();
    let mut missing = Vec::new();
    match &settings.firehose_stream.value {
        Some(stream) => {
            let d = [("DeliveryStreamName", stream.as_str())];
            specs.push(spec("firehose", "AWS/Firehose", "IncomingRecords", &d, "Sum"));
            specs.push(spec("firehose", "AWS/Firehose", "IncomingBytes", &d, "Sum"));
            specs.push(spec("firehose", "AWS/Firehose", "DeliveryToS3.Success", &d, "Average"));
            specs.push(spec("firehose", "AWS/Firehose", "DeliveryToS3.DataFreshness", &d, "Maximum"));
        }
        None => missing.push("firehose (firehose_stream)"),
    }
    match &settings.lambda_function.value {
        Some(function) => {
            let d = [("FunctionName", function.as_str())];
            for name in ["Invocations", "Errors", "Throttles"] {
                specs.push(spec("lambda", "AWS/Lambda", name, &d, "Sum"));
            }
            specs.push(spec("lambda", "AWS/Lambda", "Duration", &d, "p50"));
            specs.push(spec("lambda", "AWS/Lambda", "Duration", &d, "p99"));
        }
        None => missing.push("lambda (lambda_function)"),
    }
    match &settings.glue_job.value {
        Some(job) => {
            let d = [("JobName", job.as_str()), ("JobRunId", "ALL"), ("Type", "count")];
            specs.push(spec("glue", "Glue", "glue.driver.aggregate.numCompletedTasks", &d, "Sum"));
            specs.push(spec("glue", "Glue", "glue.driver.aggregate.numFailedTasks", &d, "Sum"));
            specs.push(spec("glue", "Glue", "glue.driver.aggregate.elapsedTime", &d, "Maximum"));
        }
        None => missing.push("glue (glue_job)"),
    }
    let workgroup = [("WorkGroup", settings.athena_workgroup.value.as_str())];
    specs.push(spec("athena", "AWS/Athena", "ProcessedBytes", &workgroup, "Sum"));
    specs.push(spec("athena", "AWS/Athena", "TotalExecutionTime", &workgroup, "Average"));
    for bucket in [&settings.raw_bucket.value, &settings.transformed_bucket.value].into_iter().flatten() {
        specs.push(spec(
            "s3",
            "AWS/S3",
            "BucketSizeBytes",
            &[("BucketName", bucket), ("StorageType", "StandardStorage")],
            "Average",
        ));
        specs.push(spec(
            "s3",
            "AWS/S3",
            "NumberOfObjects",
            &[("BucketName", bucket), ("StorageType", "AllStorageTypes")],
            "Average",
        ));
    }
    (specs, missing)
}

fn smithy_time(time: DateTime<Utc>) -> aws_smithy_types::DateTime {
    aws_smithy_types::DateTime::from_secs(time.timestamp())
}

#[async_trait]
impl Metrics for CloudWatchMetrics {
    fn available(&self) -> (Vec<MetricSpec>, Vec<&'static str>) {
        (self.specs.clone(), self.missing.clone())
    }

    fn headline(&self) -> Vec<(&'static str, MetricSpec)> {
        let pick = |name: &str| self.specs.iter().find(|s| s.name == name).cloned();
        [
            ("events in (24 h)", pick("IncomingRecords")),
            ("transform errors (24 h)", pick("Errors")),
            ("bytes scanned (24 h)", pick("ProcessedBytes")),
        ]
        .into_iter()
        .filter_map(|(label, spec)| Some((label, spec?)))
        .collect()
    }

    fn record(&self, _kind: &str, _values: &[(&str, f64)]) {}

    async fn series(
        &self,
        specs: &[MetricSpec],
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        period_seconds: u32,
    ) -> Result<Vec<MetricSeries>> {
        let queries: Vec<MetricDataQuery> = specs
            .iter()
            .enumerate()
            .map(|(i, spec)| {
                let metric = Metric::builder()
                    .namespace(&spec.namespace)
                    .metric_name(&spec.name)
                    .set_dimensions(Some(
                        spec.dimensions
                            .iter()
                            .map(|(n, v)| Dimension::builder().name(n).value(v).build())
                            .collect(),
                    ))
                    .build();
                MetricDataQuery::builder()
                    .id(format!("m{i}"))
                    .metric_stat(
                        MetricStat::builder()
                            .metric(metric)
                            .period(period_seconds as i32)
                            .stat(&spec.stat)
                            .build(),
                    )
                    .return_data(true)
                    .build()
            })
            .collect();
        let mut series: Vec<MetricSeries> =
            specs.iter().map(|spec| MetricSeries { spec: spec.clone(), points: Vec::new() }).collect();
        let mut token: Option<String> = None;
        loop {
            let out = self
                .client
                .get_metric_data()
                .set_metric_data_queries(Some(queries.clone()))
                .start_time(smithy_time(start))
                .end_time(smithy_time(end))
                .set_next_token(token.clone())
                .send()
                .await
                .map_err(|err| {
                    call_failed("cloudwatch:GetMetricData", &format!("{} metrics", specs.len()), err)
                })?;
            for result in out.metric_data_results() {
                let Some(index) =
                    result.id().and_then(|id| id.strip_prefix('m')).and_then(|i| i.parse::<usize>().ok())
                else {
                    continue;
                };
                if let Some(target) = series.get_mut(index) {
                    for (time, value) in result.timestamps().iter().zip(result.values()) {
                        if let Some(time) = DateTime::from_timestamp(time.secs(), time.subsec_nanos()) {
                            target.points.push((time, *value));
                        }
                    }
                }
            }
            token = out.next_token().map(str::to_string);
            if token.is_none() {
                break;
            }
        }
        for s in &mut series {
            s.points.sort_by_key(|(t, _)| *t);
        }
        Ok(series)
    }
}
