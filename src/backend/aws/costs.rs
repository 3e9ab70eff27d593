//! Cost Explorer: cost and usage by period and group, and the month's forecast. Each request is
//! billed USD 0.01, so answers are kept in the data directory while they are fresh.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use async_trait::async_trait;
use aws_sdk_costexplorer::types::{
    DateInterval, Dimension, DimensionValues, Expression, Granularity, GroupDefinition, GroupDefinitionType,
    Metric, TagValues,
};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::call_failed;
use crate::backend::{CostLine, CostQuery, CostReport, CostRequest, Costs, Reporter};

const METRIC: &str = "UnblendedCost";

pub struct CostExplorer {
    client: aws_sdk_costexplorer::Client,
    cache_dir: PathBuf,
    fresh_for: chrono::Duration,
}

#[derive(Serialize, Deserialize)]
struct Cached {
    /// RFC 3339.
    fetched_at: String,
    lines: Vec<CostLine>,
}

impl CostExplorer {
    /// Answers are cached in `cache_dir` for `fresh_for`.
    pub fn new(
        client: aws_sdk_costexplorer::Client,
        cache_dir: PathBuf,
        fresh_for: chrono::Duration,
    ) -> Self {
        Self { client, cache_dir, fresh_for }
    }

    /// Cost Explorer's lines for a query, from the cache while it is fresh. Returns when the
    /// answer was fetched, if it came from the cache.
    async fn cached_lines(
        &self,
        query: &CostQuery,
        refresh: bool,
        reporter: &dyn Reporter,
    ) -> Result<(Vec<CostLine>, Option<String>)> {
        let key: String =
            Sha256::digest(serde_json::to_vec(query)?)[..8].iter().map(|b| format!("{b:02x}")).collect();
        let cache = self.cache_dir.join(format!("costs-{key}.json"));
        let cached: Option<Cached> = if refresh {
            None
        } else {
            std::fs::read(&cache).ok().and_then(|b| serde_json::from_slice(&b).ok()).filter(|c: &Cached| {
                c.fetched_at.parse::<chrono::DateTime<Utc>>().is_ok_and(|t| Utc::now() - t < self.fresh_for)
            })
        };
        if let Some(cached) = cached {
            return Ok((cached.lines, Some(cached.fetched_at)));
        }
        reporter.status("asking Cost Explorer");
        let lines = self.cost_and_usage(query).await?;
        let body = serde_json::to_vec(&Cached { fetched_at: Utc::now().to_rfc3339(), lines: lines.clone() })?;
        let path = cache.clone();
        tokio::task::spawn_blocking(move || crate::files::write_private(&path, &body))
            .await?
            .with_context(|| format!("caching the answer in {}", cache.display()))?;
        Ok((lines, None))
    }
}

fn filter(query: &CostQuery) -> Option<Expression> {
    let mut parts = Vec::new();
    if !query.services.is_empty() {
        parts.push(
            Expression::builder()
                .dimensions(
                    DimensionValues::builder()
                        .key(Dimension::Service)
                        .set_values(Some(query.services.clone()))
                        .build(),
                )
                .build(),
        );
    }
    if let Some((key, value)) = &query.tag {
        parts.push(Expression::builder().tags(TagValues::builder().key(key).values(value).build()).build());
    }
    match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(Expression::builder().set_and(Some(parts)).build()),
    }
}

fn amount(value: Option<&aws_sdk_costexplorer::types::MetricValue>) -> (f64, String) {
    let amount = value.and_then(|v| v.amount()).and_then(|a| a.parse().ok()).unwrap_or(0.0);
    let unit = value.and_then(|v| v.unit()).unwrap_or("USD").to_string();
    (amount, unit)
}

#[async_trait]
impl Costs for CostExplorer {
    async fn report(&self, request: &CostRequest, reporter: &dyn Reporter) -> Result<CostReport> {
        let (lines, cached_at) = self.cached_lines(&request.query, request.refresh, reporter).await?;
        let forecast = match &request.forecast {
            Some(rest) => Some(self.forecast(rest).await.map_err(|err| crate::error::message(&err))),
            None => None,
        };
        Ok(CostReport::Billed { lines, cached_at, forecast })
    }

    async fn cost_and_usage(&self, query: &CostQuery) -> Result<Vec<CostLine>> {
        let group_type =
            if query.group_by.0 == "TAG" { GroupDefinitionType::Tag } else { GroupDefinitionType::Dimension };
        let mut lines = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let out = self
                .client
                .get_cost_and_usage()
                .time_period(DateInterval::builder().start(&query.start).end(&query.end).build()?)
                .granularity(Granularity::from(query.granularity.as_str()))
                .metrics(METRIC)
                .group_by(
                    GroupDefinition::builder().r#type(group_type.clone()).key(&query.group_by.1).build(),
                )
                .set_filter(filter(query))
                .set_next_page_token(token.clone())
                .send()
                .await
                .map_err(|err| {
                    call_failed("ce:GetCostAndUsage", &format!("{} to {}", query.start, query.end), err)
                })?;
            for period in out.results_by_time() {
                let start = period.time_period().map(|p| p.start().to_string()).unwrap_or_default();
                for group in period.groups() {
                    let (amount, unit) = amount(group.metrics().and_then(|m| m.get(METRIC)));
                    lines.push(CostLine {
                        period_start: start.clone(),
                        group: group.keys().join(", "),
                        amount,
                        unit,
                        estimated: period.estimated(),
                    });
                }
            }
            token = out.next_page_token().map(str::to_string);
            if token.is_none() {
                break;
            }
        }
        Ok(lines)
    }

    async fn forecast(&self, query: &CostQuery) -> Result<(f64, String)> {
        let out = self
            .client
            .get_cost_forecast()
            .time_period(DateInterval::builder().start(&query.start).end(&query.end).build()?)
            .granularity(Granularity::Monthly)
            .metric(Metric::UnblendedCost)
            .set_filter(filter(query))
            .send()
            .await
            .map_err(|err| {
                call_failed("ce:GetCostForecast", &format!("{} to {}", query.start, query.end), err)
            })?;
        Ok(amount(out.total()))
    }
}
