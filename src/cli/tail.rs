use clap::Args;

#[derive(Debug, Args)]
#[command(after_long_help = "\
Reads every shard of the Kinesis data stream (`kinesis_stream`) as a consumer does: shards listed
with ListShards, a parent shard read to its end before its children (so that a session's events
stay in order across a split or a merge), at most 5 GetRecords a second per shard (the service's
limit), an expired iterator renewed after the last record read, a throttled read
(ProvisionedThroughputExceeded) tried again with backoff. Records are decoded (gzip or plain JSON
lines; a record of several lines gives several events).

Without --follow: from the oldest record the stream keeps (--from trim-horizon, the default)
until every shard is read up to its newest record. With --follow: from now (--from latest, the
default) until Ctrl-C (exit 130); the status line shows each shard's iterator age (how far the
reads are behind the newest record: the consumer's lag), and the end says it per shard.

On local: the data stream's shard logs in the data directory, written by `bdctl send --stream`,
read the same way.

On a terminal: arrival time, shard, partition key and the event, compact and coloured. Piped or
with --output: columns arrival, shard, sequence, partition_key, event (the event's JSON).

Examples:
  bdctl tail --limit 20
  bdctl tail --follow --filter event_type=purchase
  bdctl tail --from 2024-06-01T12:00:00Z --output ndjson > window.ndjson")]
pub struct TailArgs {
    /// Where to start: latest, trim-horizon, or a time (RFC 3339, e.g. 2024-06-01T12:00:00Z)
    #[arg(long, value_name = "POSITION", value_parser = parse_position)]
    pub from: Option<TailFrom>,

    /// Keep reading as records arrive, until Ctrl-C
    #[arg(long, short = 'f')]
    pub follow: bool,

    /// Only events whose FIELD equals VALUE (repeat: all must match)
    #[arg(long, value_name = "FIELD=VALUE", value_parser = parse_filter)]
    pub filter: Vec<(String, String)>,

    /// Stop after N events
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<u64>,
}

/// `--from`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TailFrom {
    Latest,
    TrimHorizon,
    At(chrono::DateTime<chrono::Utc>),
}

fn parse_position(text: &str) -> Result<TailFrom, String> {
    match text.to_ascii_lowercase().as_str() {
        "latest" => Ok(TailFrom::Latest),
        "trim-horizon" | "trim_horizon" => Ok(TailFrom::TrimHorizon),
        _ => {
            chrono::DateTime::parse_from_rfc3339(text).map(|time| TailFrom::At(time.to_utc())).map_err(|_| {
                format!("`{text}`: use latest, trim-horizon or a time such as 2024-06-01T12:00:00Z")
            })
        }
    }
}

fn parse_filter(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((field, value)) if !field.trim().is_empty() => Ok((field.trim().to_string(), value.to_string())),
        _ => Err(format!("`{text}`: use FIELD=VALUE, e.g. event_type=purchase")),
    }
}
