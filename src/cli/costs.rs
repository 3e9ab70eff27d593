use chrono::NaiveDate;
use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Granularity {
    Daily,
    Monthly,
}

#[derive(Debug, Args)]
#[command(after_long_help = "\
On aws: Cost Explorer's unblended cost of the platform's services (Athena, Glue, Lambda, S3,
Kinesis Firehose, CloudWatch), or of the resources carrying the environment's cost_tag, per
period and group, with totals. Every Cost Explorer request is billed USD 0.01, so answers are
cached in the data directory for cost_cache_minutes; --refresh asks again.

On local: what the lake's current volume would cost on AWS, with the unit prices used (the
price_* settings override them).")]
pub struct CostsArgs {
    /// First day, YYYY-MM-DD (default: the first day of this month)
    #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_day)]
    pub from: Option<NaiveDate>,

    /// Last day, inclusive, YYYY-MM-DD (default: today)
    #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_day)]
    pub to: Option<NaiveDate>,

    /// Amounts per day or per month
    #[arg(long, value_enum, default_value_t = Granularity::Daily)]
    pub granularity: Granularity,

    /// Group by service, usage-type or tag:KEY
    #[arg(long, value_name = "GROUP", default_value = "service")]
    pub group_by: String,

    /// Add Cost Explorer's forecast for the rest of the month
    #[arg(long)]
    pub forecast: bool,

    /// Every service of the account, not only the platform's
    #[arg(long)]
    pub all_services: bool,

    /// Ask Cost Explorer again instead of using a cached answer
    #[arg(long)]
    pub refresh: bool,
}
