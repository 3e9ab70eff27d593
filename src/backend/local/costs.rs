//! What the local lake would cost on AWS: its storage per area, the Firehose ingestion of the
//! data it holds, and the local queries of the last 30 days at Athena's billing rules. The local
//! platform has no bill of its own, so Cost Explorer's questions are not supported here.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Result;
use async_trait::async_trait;
use chrono::{Duration, Utc};

use super::activity;
use crate::backend::{CostItem, CostLine, CostQuery, CostReport, CostRequest, Costs, ObjectStore, Reporter};
use crate::error::not_supported;
use crate::layout::{Area, Location};
use crate::pipeline::{Lake, Manifest};
use crate::pricing::{Prices, athena_billed_mb};

const GB: f64 = 1024.0 * 1024.0 * 1024.0;
const NO_COST_EXPLORER: &str =
    "Cost Explorer exists only on AWS: on local, `bdctl costs` estimates the lake's cost";

pub struct LocalCosts {
    objects: Arc<dyn ObjectStore>,
    lake: Lake,
    areas: Vec<(Area, Location)>,
    activity_log: PathBuf,
    prices: Prices,
}

impl LocalCosts {
    pub fn new(
        objects: Arc<dyn ObjectStore>,
        lake: Lake,
        areas: Vec<(Area, Location)>,
        activity_log: PathBuf,
        prices: Prices,
    ) -> Self {
        Self { objects, lake, areas, activity_log, prices }
    }

    /// The bytes Athena would have billed for the local queries since `since`, and their number.
    async fn recent_queries(&self, since: chrono::DateTime<Utc>) -> Result<(u64, u64)> {
        let mut billed_mb = 0u64;
        let mut queries = 0u64;
        for entry in activity::read_entries(&self.activity_log, "query").await? {
            if entry.time > since {
                queries += 1;
                billed_mb += athena_billed_mb(entry.value("bytes_scanned") as u64);
            }
        }
        Ok((billed_mb, queries))
    }
}

fn rounded(value: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    (value * scale).round() / scale
}

#[async_trait]
impl Costs for LocalCosts {
    async fn report(&self, _request: &CostRequest, _reporter: &dyn Reporter) -> Result<CostReport> {
        let mut items = Vec::new();
        let mut monthly = 0.0;
        for (area, location) in &self.areas {
            let bytes: u64 =
                self.objects.list(&location.bucket, &location.prefix).await?.iter().map(|o| o.size).sum();
            let gb = bytes as f64 / GB;
            let usd = gb * self.prices.s3_gb_month;
            monthly += usd;
            items.push(CostItem {
                item: format!("S3 storage: {}", area.name()),
                quantity: rounded(gb, 6),
                unit: "GB",
                unit_price_usd: self.prices.s3_gb_month,
                usd: rounded(usd, 6),
                basis: "per month",
            });
        }
        // Firehose bills what it ingests: the uncompressed bytes the transform read.
        let state = &self.lake.state;
        let mut ingested = 0u64;
        for object in self.objects.list(&state.bucket, &format!("{}manifests/", state.prefix)).await? {
            if let Ok(body) = self.objects.get(&state.bucket, &object.key).await
                && let Ok(manifest) = serde_json::from_slice::<Manifest>(&body)
            {
                ingested += manifest.input_bytes;
            }
        }
        let gb = ingested as f64 / GB;
        items.push(CostItem {
            item: "Firehose ingestion of the transformed data".into(),
            quantity: rounded(gb, 6),
            unit: "GB",
            unit_price_usd: self.prices.firehose_gb,
            usd: rounded(gb * self.prices.firehose_gb, 6),
            basis: "once, for the data in the lake",
        });
        let (billed_mb, queries) = self.recent_queries(Utc::now() - Duration::days(30)).await?;
        let tb = billed_mb as f64 / (1024.0 * 1024.0);
        let athena = tb * self.prices.athena_tb;
        monthly += athena;
        items.push(CostItem {
            item: format!(
                "Athena: the {queries} local {} of the last 30 days",
                if queries == 1 { "query" } else { "queries" }
            ),
            quantity: rounded(tb, 9),
            unit: "TB",
            unit_price_usd: self.prices.athena_tb,
            usd: rounded(athena, 6),
            basis: "per month",
        });
        Ok(CostReport::Estimated { items, monthly_usd: monthly })
    }

    async fn cost_and_usage(&self, _query: &CostQuery) -> Result<Vec<CostLine>> {
        Err(not_supported(NO_COST_EXPLORER))
    }

    async fn forecast(&self, _query: &CostQuery) -> Result<(f64, String)> {
        Err(not_supported(NO_COST_EXPLORER))
    }
}
