use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Args)]
#[command(after_long_help = "\
Quarantined records are the ones the transform could not turn into events: NDJSON lines under the
errors prefix (one file per raw object and event day, with the record's number, byte offset,
reason and redacted text), and, when `firehose_error_prefix` is set, the documents Firehose writes
there for records it could not process or convert (base64 rawData, errorCode).

A replay transforms the records that still fail again, with this version of bdctl: straight from
their raw object while it is there (the exact bytes), else from the quarantined text. What now
transforms lands in its event day as <name>.replay-<n>.parquet, which no transform output can be
called; what still fails stays quarantined with its new reason. The quarantine files are kept as
they were; what each replay did is recorded under _bdctl/replays/. A second replay tries only what
still fails; a replay killed half-way and run again overwrites what it had written. Transforming a
raw object again (backfill --force) takes back what replays landed from its old quarantine.

With --to-stream, what now transforms is sent back into the delivery stream instead (the raw
object's exact bytes while it is there, else Firehose's rawData or the quarantined text), and
comes through the platform's own transform from the raw area. Each send is recorded before it is
made; a replay interrupted while sending looks for those records in the raw area on its next run
(waiting, on AWS, up to the stream's buffering interval) and sends only what did not arrive. A
record sent is in the raw area twice from then on: transforming its first object again with a
transform that now accepts it lands it twice (reconcile --deep counts it as delivered twice).

Examples:
  bdctl quarantine list --by reason
  bdctl quarantine show --reason price --limit 5
  bdctl quarantine replay --from 2024-06-01 --to 2024-06-30 --dry-run
  bdctl quarantine replay --reason Lambda.FunctionError --to-stream")]
pub struct QuarantineArgs {
    #[command(subcommand)]
    pub command: QuarantineCommand,
}

#[derive(Debug, Subcommand)]
pub enum QuarantineCommand {
    /// Counts of quarantined records by reason, day or source, with bytes and oldest/newest
    List {
        #[command(flatten)]
        days: QuarantineDays,
        /// How to group the records
        #[arg(long, value_enum, default_value_t = QuarantineGroup::Reason)]
        by: QuarantineGroup,
    },
    /// The quarantined records: source key, record number, byte offset, reason, redacted text
    Show {
        #[command(flatten)]
        days: QuarantineDays,
        /// Only records whose reason contains this text (case-insensitive)
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
        /// At most this many records (0: all)
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
    },
    /// Transform quarantined records again; what now transforms lands in the lake
    Replay {
        #[command(flatten)]
        days: QuarantineDays,
        /// Only records whose reason contains this text (case-insensitive)
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
        /// Say what would land and what would still fail, and write nothing
        #[arg(long)]
        dry_run: bool,
        /// Send what now transforms back into the delivery stream (`firehose_stream`) instead,
        /// to come through the platform's own transform
        #[arg(long)]
        to_stream: bool,
    },
}

#[derive(Debug, Clone, Copy, Args)]
pub struct QuarantineDays {
    /// First day, YYYY-MM-DD (the day a file is filed under)
    #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_day)]
    pub from: Option<NaiveDate>,

    /// Last day, YYYY-MM-DD
    #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_day)]
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuarantineGroup {
    Reason,
    Day,
    Source,
}
