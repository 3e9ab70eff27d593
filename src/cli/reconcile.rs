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

--deep compares the events of each raw day by event_id as well (a day's ids are held in memory,
about 100 bytes each): events neither in the lake nor quarantined, events written more often
than delivered, and rows whose event_id no raw object of the day holds are differences (named,
a few ids each); events the stream delivered twice are counted, not failed: each copy is in the
lake, as in the raw data.

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

    /// Also compare the events one by one by event_id: missing, written twice, delivered twice,
    /// without a raw source (reads every raw object and output whole)
    #[arg(long)]
    pub deep: bool,

    /// Raw objects read at the same time (default: the number of CPUs)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,
}
