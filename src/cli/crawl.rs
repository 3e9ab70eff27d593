use std::time::Duration;

use clap::{Args, Subcommand};

#[derive(Debug, Args)]
#[command(after_long_help = "\
On aws: snapshots the table and its partitions, starts the Glue crawler (a crawl already running
is waited for, not an error), polls it until it is ready again and prints what changed. Exit 3
when the crawl failed, 4 on --timeout.

On local: reads the Parquet footers under the transformed prefix, merges their schemas (a column
seen with two types is reported as a conflict), finds the year/month/day partitions and records
table and partitions in the local catalog, printing the same change report.")]
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
}
