use std::time::Duration;

use chrono::NaiveDate;
use clap::Args;

#[derive(Debug, Args)]
#[command(after_long_help = "\
Rewrites each day's small Parquet files (one per raw object) into files of about --target-size,
sorted by event_ts, in row groups of 131,072 rows, so a query reads a few large files and skips
the hours it does not ask for by the row groups' statistics.

Readers never see a row twice or miss one: the day's transformed files stay as they are, the
compacted copy is written beside them (under <transformed prefix>-compacted/, one folder per day
and generation), and then the catalog's partition is pointed at it in one update. When the day
changes later (a late raw object, a transform again, a replay), the copy is stale: `partitions
sync`, transform, backfill, quarantine replay and the next compact point the partition back at
the transformed files or at a new copy. A copy no longer read is removed after --grace, so
queries that started before the switch still find their files. Killed at any point, a re-run
loses and duplicates nothing: it picks up a complete copy that is still current or writes one.

Days: --date, or --from/--to; by default every day of the lake before today (UTC). Partition
projection must be off (`bdctl partitions project --off`): with it on, Athena reads each day at
its template location and never the copy.

--dry-run shows per day the files now and after, their sizes by class, the row groups a full
read opens, and the bytes the typical query (the events of the day by type) scans.

Exit 1 when a day changed while it was compacted (run again); 2 on usage errors.

Examples:
  bdctl compact --dry-run
  bdctl compact --date 2024-06-01
  bdctl compact --from 2024-06-01 --to 2024-06-30 --target-size 256MB")]
pub struct CompactArgs {
    /// Compact this day, YYYY-MM-DD
    #[arg(long, value_name = "DATE", conflicts_with_all = ["from", "to"], value_parser = crate::cli::parse_day)]
    pub date: Option<NaiveDate>,

    /// First day, YYYY-MM-DD (default: the lake's first day)
    #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_day)]
    pub from: Option<NaiveDate>,

    /// Last day, YYYY-MM-DD (default: yesterday, UTC)
    #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_day)]
    pub to: Option<NaiveDate>,

    /// Size each compacted file aims for (KB, MB, GB: powers of 1024)
    #[arg(long, value_name = "SIZE", default_value = "128MB", value_parser = crate::cli::parse_size)]
    pub target_size: u64,

    /// How long a copy that is no longer read is kept for queries that started before
    #[arg(long, value_name = "DURATION", default_value = "1h", value_parser = humantime::parse_duration)]
    pub grace: Duration,

    /// Show what would be compacted; write nothing
    #[arg(long)]
    pub dry_run: bool,
}
