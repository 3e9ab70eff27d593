use std::time::Duration;

use clap::{Args, Subcommand};

#[derive(Debug, Args)]
#[command(after_long_help = "\
On aws: snapshots the table and its partitions, starts the Glue crawler (a crawl already running
is waited for, not an error), polls it until it is ready again and prints what changed. Exit 3
when the crawl failed, 4 on --timeout.

On local: reads the Parquet footers under the transformed prefix, merges their schemas (a column
seen with two types is reported as a conflict), finds the year/month/day partitions and records
table and partitions in the local catalog, printing the same change report.

With --without-crawler, on either backend, bdctl reads the footers itself and writes the table
(columns, the year/month/day partition keys, the Parquet SerDe and input/output formats Athena
reads, classification=parquet) and the partitions it lacks straight into the catalog: on aws
through Glue's CreateTable/UpdateTable and BatchCreatePartition, for an account with buckets and
no crawler. A change to an existing table's definition is printed as a diff first and applied only
when confirmed (--yes, or a prompt on a terminal); --dry-run prints the diff and changes nothing.

Examples:
  bdctl crawl
  bdctl crawl --without-crawler --dry-run
  bdctl --yes crawl --without-crawler")]
pub struct CrawlArgs {
    /// Wait for the crawl to finish (the default)
    #[arg(long, overrides_with = "no_wait")]
    pub wait: bool,

    /// Start the crawl and return (aws)
    #[arg(long)]
    pub no_wait: bool,

    /// Give up waiting after this long (exit 4; the crawl goes on)
    #[arg(long, value_name = "DURATION", default_value = "30m", value_parser = humantime::parse_duration)]
    pub timeout: Duration,

    /// Read the Parquet footers here and write the table and partitions into the catalog
    /// directly, without a Glue crawler
    #[arg(long)]
    pub without_crawler: bool,

    /// With --without-crawler: print what would change, and change nothing
    #[arg(long, requires = "without_crawler")]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct PartitionsArgs {
    #[command(subcommand)]
    pub command: PartitionsCommand,
}

#[derive(Debug, Subcommand)]
pub enum PartitionsCommand {
    /// The date partitions of the transformed lake, with their objects, bytes and whether the catalog has them
    List,
    /// Add the partitions the catalog lacks (BatchCreatePartition in chunks of 100 on aws)
    Sync {
        /// Print the plan and change nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Turn on Athena partition projection for the date keys: no crawler, no sync needed
    #[command(after_long_help = "\
Sets the table's projection properties: projection.enabled, the year as an integer range from the
year of --from (default: the lake's first partition) to five years past the later of that and
today, month and day as two-digit integers, and storage.location.template pointing at the
year=/month=/day= directories under the table's location. Athena then computes the partitions of a
query from its filters instead of reading them from the catalog, so new days are queryable as
soon as their files are written. Run it again to move the range on; --off removes the properties
and the catalog's registered partitions count again.

Examples:
  bdctl partitions project --dry-run
  bdctl partitions project --from 2024-01-01
  bdctl partitions project --off")]
    Project {
        /// First day whose year is projected, YYYY-MM-DD
        #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_day, conflicts_with = "off")]
        from: Option<chrono::NaiveDate>,
        /// Turn projection off again
        #[arg(long)]
        off: bool,
        /// Print the properties that would change, and change nothing
        #[arg(long)]
        dry_run: bool,
    },
}
