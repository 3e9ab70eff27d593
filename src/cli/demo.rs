use chrono::NaiveDate;
use clap::Args;

#[derive(Debug, Args)]
#[command(after_long_help = "\
Runs the whole pipeline on the embedded local platform, with no AWS account and no configuration:
sends synthetic events (a few of them malformed) like Firehose into ./.bdctl/raw/, transforms them
to Parquet, crawls the lake into the local catalog, compacts each day's files into one and runs
three example queries: events by type per day, revenue by country, and the page_view →
add_to_cart → purchase funnel.")]
pub struct DemoArgs {
    /// Number of events to send
    #[arg(long, default_value_t = 150_000)]
    pub events: u64,

    /// Days the events span
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=366))]
    pub days: u32,

    /// First day of the events, YYYY-MM-DD (default: the days before today)
    #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_day)]
    pub start: Option<NaiveDate>,

    /// Seed of the synthetic events
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
}
