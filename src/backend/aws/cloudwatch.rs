//! CloudWatch metrics in one batched GetMetricData call (paged by its own token).

use anyhow::Result;
use async_trait::async_trait;
use aws_sdk_cloudwatch::types::{Dimension, Metric, MetricDataQuery, MetricStat};
use chrono::{DateTime, Utc};

use super::call_failed;
use crate::backend::{MetricSeries, MetricSpec, Metrics};

pub struct CloudWatchMetrics {
    client: aws_sdk_cloudwatch::Client,
}

impl CloudWatchMetrics {
    pub fn new(client: aws_sdk_cloudwatch::Client) -> Self {
        Self { client }
    }
}

fn smithy_time(time: DateTime<Utc>) -> aws_smithy_types::DateTime {
    aws_smithy_types::DateTime::from_secs(time.timestamp())
}

#[async_trait]
impl Metrics for CloudWatchMetrics {
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
