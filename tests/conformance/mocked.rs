//! What the emulator cannot answer (moto answers 500 for `GetCostForecast`), answered by
//! aws-smithy-mocks: the costs report carries the forecast asked for, or why there is none.

use aws_sdk_costexplorer::operation::get_cost_and_usage::GetCostAndUsageOutput;
use aws_sdk_costexplorer::operation::get_cost_forecast::GetCostForecastOutput;
use aws_sdk_costexplorer::types::MetricValue;
use aws_smithy_mocks::{RuleMode, mock, mock_client};
use bdctl::backend::aws::Clients;
use bdctl::backend::{CostReport, CostRequest, Silent};

use crate::common::moto::{cost_query, unused_clients};

#[tokio::test]
async fn the_costs_report_carries_the_forecast_or_why_there_is_none() {
    let usage = mock!(aws_sdk_costexplorer::Client::get_cost_and_usage)
        .then_output(|| GetCostAndUsageOutput::builder().build());
    let forecast = mock!(aws_sdk_costexplorer::Client::get_cost_forecast)
        .sequence()
        .output(|| {
            GetCostForecastOutput::builder()
                .total(MetricValue::builder().amount("41.5").unit("USD").build())
                .build()
        })
        .http_status(
            400,
            Some(
                serde_json::json!({"__type": "DataUnavailableException", "message": "Insufficient data"})
                    .to_string(),
            ),
        )
        .build();
    let costexplorer = mock_client!(aws_sdk_costexplorer, RuleMode::MatchAny, [&usage, &forecast]);
    let dir = tempfile::tempdir().unwrap();
    let settings = crate::common::moto::settings_for(
        dir.path(),
        "[env.test]\nbackend = \"aws\"\nregion = \"us-east-1\"\nmax_attempts = 1\n",
    );
    let backend = bdctl::backend::aws::from_clients(Clients { costexplorer, ..unused_clients() }, &settings);
    let request = CostRequest {
        query: cost_query("2024-06-01", "2024-06-15", &[]),
        refresh: true,
        forecast: Some(cost_query("2024-06-16", "2024-07-01", &[])),
    };
    let CostReport::Billed { forecast: Some(Ok(amount)), .. } =
        backend.costs.report(&request, &Silent).await.unwrap()
    else {
        panic!("a billed report with its forecast")
    };
    assert_eq!(amount, (41.5, "USD".to_string()));
    let CostReport::Billed { forecast: Some(Err(why)), .. } =
        backend.costs.report(&request, &Silent).await.unwrap()
    else {
        panic!("a billed report that says why there is no forecast")
    };
    assert!(why.contains("DataUnavailableException"), "{why}");
}
