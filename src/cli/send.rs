use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;

#[derive(Debug, Args)]
#[command(after_long_help = "\
Synthetic events follow the event contract and are the same for the same --seed. On the aws
backend they go to the Firehose stream with PutRecordBatch; on local they are buffered like
Firehose (5 MB or 60 s) and written as GZIP objects under the raw prefix, filed by the time the
events describe, so that --start and --days fill past days.

With --stream the events go to the Kinesis data stream instead (PutRecords, at most 500 records
or 5 MiB a call, partition key = session_id so that a session stays in order in its shard; only
the refused records of a partial failure are sent again, with backoff), for a Firehose stream
whose source is that data stream. On local the data stream is a log per shard in the data
directory (`bdctl tail` reads it) that feeds the local Firehose writer.

Ctrl-C (or SIGTERM) stops after the batch in flight: what was taken is delivered (on local, the
open buffer is written), the count is reported, and --skip with that count sends the rest.

Examples:
  bdctl send --count 100000 --days 3 --start 2024-06-01
  bdctl send --count 5000 --bad-fraction 0.01 --rate 500
  bdctl send --file events.ndjson
  bdctl send --stream --count 10000 --rate 1000
  producer | bdctl send --file -")]
pub struct SendArgs {
    /// Number of synthetic events to send
    #[arg(long, default_value_t = 1000, conflicts_with = "file")]
    pub count: u64,

    /// Send at most this many events per second
    #[arg(long, value_name = "EVENTS/S")]
    pub rate: Option<f64>,

    /// First day of the synthetic events, YYYY-MM-DD (default: they end now)
    #[arg(long, value_name = "DATE", conflicts_with = "file", value_parser = crate::cli::parse_day)]
    pub start: Option<NaiveDate>,

    /// Number of days the synthetic events span
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=3660), conflicts_with = "file")]
    pub days: u32,

    /// Seed of the synthetic events
    #[arg(long, default_value_t = 42, conflicts_with = "file")]
    pub seed: u64,

    /// Share of deliberately malformed events, from 0 to 1
    #[arg(long, default_value_t = 0.0, value_name = "F", conflicts_with = "file")]
    pub bad_fraction: f64,

    /// Send the events of a file, one JSON object per line (`-` reads standard input)
    #[arg(long, value_name = "PATH|-")]
    pub file: Option<PathBuf>,

    /// Leave out the first N events (lines of --file, or of the synthetic sequence): resumes a
    /// send that was interrupted after N events
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub skip: u64,

    /// Send through the Kinesis data stream (`kinesis_stream`) in front of Firehose, with
    /// PutRecords keyed by session_id, instead of straight into Firehose
    #[arg(long)]
    pub stream: bool,
}
