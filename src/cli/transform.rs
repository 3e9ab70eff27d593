use chrono::NaiveDate;
use clap::Args;

use super::RunOn;

#[derive(Debug, Args)]
#[command(after_long_help = "\
Runs the transform in this process: raw objects are read from the backend (S3 on aws, the data
directory on local), each becomes one Parquet file per event day under the transformed prefix
(year=YYYY/month=MM/day=DD/<source name>.parquet) and its bad records one NDJSON file under the
errors prefix. Outputs are overwritten, never duplicated, when an object is transformed again.

Exit code 1 when an object is damaged (a truncated or corrupt gzip stream: what came before the
damage is published) or could not be transformed.

Examples:
  bdctl transform --date 2024-06-01
  bdctl transform --key raw/year=2024/month=06/day=01/clickstream-1-2024-06-01-10-00-00-….gz")]
pub struct TransformArgs {
    /// Transform the raw objects delivered on this day, YYYY-MM-DD (default: today, UTC)
    #[arg(long, value_name = "DATE", conflicts_with = "keys", value_parser = crate::cli::parse_day)]
    pub date: Option<NaiveDate>,

    /// Transform this raw object (its full key; repeatable)
    #[arg(long = "key", value_name = "KEY")]
    pub keys: Vec<String>,

    #[command(flatten)]
    pub run_on: RunOn,

    /// Print one row per object instead of the totals
    #[arg(long)]
    pub objects: bool,
}
