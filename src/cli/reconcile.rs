use chrono::NaiveDate;
use clap::Args;

#[derive(Debug, Args)]
#[command(after_long_help = "\
Per day, side by side. For the raw objects delivered that day: the records they hold (counted
from their bytes, not from manifests), the rows their outputs hold (read from the Parquet
footers, wherever the events' days put them, with what replays landed) and the records still
quarantined; raw = lake + quarantined when the day balances. For the partition of that event day:
the rows of its Parquet files and the rows the catalog's readers see (count(*) through Athena on
aws, through the embedded engine on local); those two agree when it balances.

Exit 0 when everything balances; 1 with each difference named on stderr: a raw object never
transformed, an output missing, a file no transform wrote (a copy), a partition the catalog lacks.

Examples:
  bdctl reconcile --from 2024-06-01 --to 2024-06-30
  bdctl reconcile -o json | jq '.[] | select(.difference != 0)'")]
pub struct ReconcileArgs {
    /// First day, YYYY-MM-DD (default: six days before --to)
    #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_day)]
    pub from: Option<NaiveDate>,

    /// Last day, YYYY-MM-DD (default: today, UTC)
    #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_day)]
    pub to: Option<NaiveDate>,

    /// Raw objects read at the same time (default: the number of CPUs)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,
}
