//! Cost Explorer: cost and usage by period and group, and the month's forecast.

use anyhow::Result;
use async_trait::async_trait;
use aws_sdk_costexplorer::types::{
    DateInterval, Dimension, DimensionValues, Expression, Granularity, GroupDefinition, GroupDefinitionType,
    Metric, TagValues,
};

use super::call_failed;
use crate::backend::{CostLine, CostQuery, Costs};

const METRIC: &str = "UnblendedCost";

pub struct CostExplorer {
    client: aws_sdk_costexplorer::Client,
}

impl CostExplorer {
    pub fn new(client: aws_sdk_costexplorer::Client) -> Self {
        Self { client }
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
