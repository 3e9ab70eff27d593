//! The questions `bdctl costs` and `bdctl status` put to the costs capability.

use anyhow::Result;
use chrono::{Datelike, Duration, NaiveDate};

use crate::backend::CostQuery;
use crate::error::usage;
use crate::settings::Settings;

/// The platform's services as Cost Explorer names them.
pub const PLATFORM_SERVICES: [&str; 6] = [
    "Amazon Athena",
    "AWS Glue",
    "AWS Lambda",
    "Amazon Simple Storage Service",
    "Amazon Kinesis Firehose",
    "AmazonCloudWatch",
];

/// The Cost Explorer question for days `from` to `to` (inclusive), `granularity` DAILY or
/// MONTHLY, grouped by `service`, `usage-type` or `tag:KEY`; the platform's services only (or
/// its cost tag) unless `all_services`.
pub fn cost_query(
    settings: &Settings,
    from: NaiveDate,
    to: NaiveDate,
    granularity: &str,
    group_by: &str,
    all_services: bool,
) -> Result<CostQuery> {
    if from > to {
        return Err(usage(format!("--from {from} is after --to {to}")));
    }
    let group_by = match group_by {
        "service" => ("DIMENSION".to_string(), "SERVICE".to_string()),
        "usage-type" => ("DIMENSION".to_string(), "USAGE_TYPE".to_string()),
        other => match other.strip_prefix("tag:") {
            Some(key) if !key.is_empty() => ("TAG".to_string(), key.to_string()),
            _ => return Err(usage(format!("--group-by {other}: use service, usage-type or tag:KEY"))),
        },
    };
    let tag = if all_services {
        None
    } else {
        settings
            .cost_tag
            .value
            .as_ref()
            .and_then(|t| t.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
    };
    let services = if all_services || tag.is_some() {
        Vec::new()
    } else {
        PLATFORM_SERVICES.iter().map(|s| s.to_string()).collect()
    };
    Ok(CostQuery {
        start: from.to_string(),
        end: (to + Duration::days(1)).to_string(),
        granularity: granularity.to_string(),
        group_by,
        services,
        tag,
    })
}

/// The platform's daily costs by service from the first of the month to `today`: what
/// `bdctl costs` asks by default, so that both share the cached answer.
pub fn month_to_date_query(settings: &Settings, today: NaiveDate) -> Result<CostQuery> {
    cost_query(settings, today.with_day(1).unwrap_or(today), today, "DAILY", "service", false)
}
