use std::time::Duration;

use clap::{Args, ValueEnum};

/// Where log lines come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogSourceArg {
    /// The transform function (/aws/lambda/<lambda_function>); local: transform and replay
    Lambda,
    /// The Glue job's runs (/aws-glue/jobs/output and /error); local: backfill
    Glue,
    /// The delivery stream's error logging; local: send
    Firehose,
    /// The crawler (/aws-glue/crawlers); local: crawl
    Crawler,
}

#[derive(Debug, Args)]
#[command(after_long_help = "\
On aws: CloudWatch Logs of the environment's resources, read with FilterLogEvents and merged in
time order with a source column. --follow uses Live Tail (StartLiveTail) and polls
FilterLogEvents with backoff where Live Tail is refused; throttling slows a follow, never ends it,
and Ctrl-C ends it (exit 130). On local: the log the local commands append to
(<data_dir>/logs/bdctl.ndjson), one JSON line per thing done, read and followed the same way.

--filter takes CloudWatch's filter pattern syntax, passed through on aws: terms (ERROR), phrases
(\"disk full\"), alternatives (?WARN ?ERROR), exclusions (-DEBUG), regular expressions (%ERR.*%)
and JSON patterns ({ $.level = \"ERROR\" && $.quarantined > 0 }).

On a terminal: time, source and message; JSON messages compact and coloured, Lambda REPORT lines
summarised. Piped: one tab-separated line per event (time, source, group, stream, message), or
NDJSON with --output ndjson.")]
pub struct LogsArgs {
    /// Only these sources (default: every configured one)
    #[arg(value_enum, value_name = "SOURCE")]
    pub sources: Vec<LogSourceArg>,

    /// Keep printing events as they arrive, until Ctrl-C
    #[arg(long, short = 'f')]
    pub follow: bool,

    /// How far back to start
    #[arg(long, value_name = "DURATION", default_value = "10m", value_parser = humantime::parse_duration)]
    pub since: Duration,

    /// A CloudWatch Logs filter pattern
    #[arg(long, value_name = "PATTERN")]
    pub filter: Option<String>,

    /// Only one run's logs: a Glue job run id (a local run id on local), or `last` for the newest
    #[arg(long, value_name = "ID|last")]
    pub run: Option<String>,
}
