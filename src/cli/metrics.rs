use std::time::Duration;

use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Service {
    Firehose,
    Lambda,
    Glue,
    Athena,
    S3,
    /// What the local platform recorded (the local backend's only service)
    Local,
}

#[derive(Debug, Args)]
#[command(after_long_help = "\
On aws: the platform's key CloudWatch metrics in one batched GetMetricData call, with dimensions
from the environment's resource names: Firehose IncomingRecords, IncomingBytes,
DeliveryToS3.Success, DeliveryToS3.DataFreshness; Lambda Invocations, Errors, Throttles, Duration
p50/p99; Glue job tasks and time; Athena ProcessedBytes, TotalExecutionTime; S3 BucketSizeBytes,
NumberOfObjects. On local: what bdctl recorded as it worked (events sent and transformed, bytes,
quarantined records, transform time, queries and bytes scanned).

A table shows min/avg/max/last and a sparkline per metric; csv/tsv/json/ndjson give every point.")]
pub struct MetricsArgs {
    /// How far back to look
    #[arg(long, value_name = "DURATION", default_value = "24h", value_parser = humantime::parse_duration)]
    pub since: Duration,

    /// Width of each point
    #[arg(long, value_name = "DURATION", default_value = "1h", value_parser = humantime::parse_duration)]
    pub period: Duration,

    /// Only this service's metrics; repeatable
    #[arg(long, value_enum)]
    pub service: Vec<Service>,

    /// Only metrics with this name (e.g. IncomingRecords); repeatable
    #[arg(long = "metric", value_name = "NAME")]
    pub metrics: Vec<String>,
}
