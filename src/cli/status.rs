use clap::Args;

#[derive(Debug, Args)]
#[command(after_long_help = "\
Is data flowing? The newest raw object and partition, the newest transformed partition and the
lag between them, the catalog's newest partition, the last 24 hours of events in, errors and
bytes scanned, and a verdict. Exit 1 when a threshold is breached (status_max_raw_age_minutes,
status_max_lag_hours), so it can run from cron:

  */15 * * * * bdctl --env prod --no-input status -o json > /var/log/bdctl-status.json || alert")]
pub struct StatusArgs {
    /// How many days back to look for the newest partitions
    #[arg(long, default_value_t = 7, value_parser = clap::value_parser!(u32).range(1..=366))]
    pub lookback_days: u32,
}
