use chrono::NaiveDate;
use clap::Args;

use super::RunOn;

#[derive(Debug, Args)]
#[command(after_long_help = "\
Plans the raw objects delivered on each day of the range, skips objects whose outputs are already
complete (each finished object leaves a manifest under _bdctl/manifests/ in the transformed bucket),
transforms the rest with bounded concurrency, and records the date partitions that received data
in _bdctl/partitions.json for the catalog. Killed half-way, the next run finishes the rest; outputs
are overwritten, never duplicated.

Examples:
  bdctl backfill --from 2024-06-01 --to 2024-06-30 --dry-run
  bdctl backfill --from 2024-06-01 --jobs 4
  bdctl backfill --from 2024-06-01 --to 2024-06-01 --force --yes")]
pub struct BackfillArgs {
    /// First day, YYYY-MM-DD
    #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_day)]
    pub from: NaiveDate,

    /// Last day, YYYY-MM-DD (default: today, UTC)
    #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_day)]
    pub to: Option<NaiveDate>,

    #[command(flatten)]
    pub run_on: RunOn,

    /// With --remote glue: days per job run, each run reading all of its days (default 1)
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=366))]
    pub days_per_run: u16,

    /// Print the plan (days, objects, bytes) and stop
    #[arg(long)]
    pub dry_run: bool,

    /// Transform objects again even when their outputs are complete (asks first)
    #[arg(long)]
    pub force: bool,

    /// Do not record the partitions that received data
    #[arg(long)]
    pub no_register: bool,
}
