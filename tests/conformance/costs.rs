//! Costs: a report of what was billed (with Cost Explorer's lines, cached between asks) or of
//! what the same volume would cost; Cost Explorer itself is the service's or not supported.

use bdctl::backend::{CostQuery, CostReport, CostRequest, Silent};

use crate::{Target, supported};

fn query() -> CostQuery {
    crate::common::moto::cost_query("2024-06-01", "2024-06-02", &["Amazon Athena", "AWS Glue"])
}

/// What Cost Explorer answers on the emulator: seeded.
fn seed(target: &Target) {
    let (Some(endpoint), Some(python)) = (&target.endpoint, crate::common::test_python()) else { return };
    let group = |service: &str, amount: &str| serde_json::json!({"Keys": [service], "Metrics": {"UnblendedCost": {"Amount": amount, "Unit": "USD"}}});
    let seed = serde_json::json!({"results": [{"ResultsByTime": [{
        "TimePeriod": {"Start": "2024-06-01", "End": "2024-06-02"},
        "Total": {},
        "Groups": [group("Amazon Athena", "1.25"), group("AWS Glue", "0.5")],
        "Estimated": false
    }]}]});
    crate::common::moto::moto_api(&python, endpoint, "/moto-api/static/ce/cost-and-usage-results", &seed);
}

pub async fn conformance(target: &Target) {
    seed(target);
    let request = CostRequest { query: query(), refresh: false, forecast: None };
    let report = target.backend.costs.report(&request, &Silent).await.unwrap();
    match &report {
        CostReport::Billed { lines, cached_at, forecast } => {
            let total: f64 = lines.iter().map(|l| l.amount).sum();
            assert_eq!(total, 1.75, "{}: {lines:?}", target.name);
            assert!(cached_at.is_none(), "{}: the first answer is fresh", target.name);
            assert!(forecast.is_none());
            let CostReport::Billed { lines: again, cached_at, .. } =
                target.backend.costs.report(&request, &Silent).await.unwrap()
            else {
                panic!("{}: billed, then estimated", target.name)
            };
            assert_eq!(&again, lines);
            assert!(cached_at.is_some(), "{}: the second answer comes from the cache", target.name);
        }
        CostReport::Estimated { items, monthly_usd } => {
            assert!(items.iter().all(|i| i.usd >= 0.0 && i.quantity >= 0.0), "{}: {items:?}", target.name);
            let recurring: f64 = items.iter().filter(|i| i.basis == "per month").map(|i| i.usd).sum();
            assert!((recurring - monthly_usd).abs() < 1e-5, "{}: {recurring} vs {monthly_usd}", target.name);
            assert!(items.iter().any(|i| i.item.starts_with("S3 storage")));
        }
    }
    // Cost Explorer's own answer: the billed lines, or no Cost Explorer here.
    if let Some(lines) =
        supported(target, "cost_and_usage", target.backend.costs.cost_and_usage(&query()).await)
    {
        assert!(matches!(report, CostReport::Billed { .. }), "{}: Cost Explorer but no bill", target.name);
        let _ = lines;
    } else {
        assert!(matches!(report, CostReport::Estimated { .. }), "{}: no Cost Explorer, no bill", target.name);
        assert!(supported(target, "forecast", target.backend.costs.forecast(&query()).await).is_none());
    }
}
