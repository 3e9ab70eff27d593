//! Reading the data stream as a consumer does: every shard, parents read to their end before
//! their children (so that a key's records come in order across a reshard), at most 5 reads a
//! second per shard (Kinesis' limit), expired iterators renewed after the last record read,
//! throttled reads slowed down; records decoded (gzip or plain JSON lines) and filtered.

use std::collections::BTreeMap;
use std::io::Read;
use std::time::Duration;

use anyhow::Result;
use chrono::{DateTime, Utc};
use serde_json::Value;
use tokio::time::Instant;

use crate::backend::{DataStream, StreamPosition, StreamReadError, StreamShard};

/// Kinesis serves at most 5 `GetRecords` per second per shard.
const READ_INTERVAL: Duration = Duration::from_millis(200);
/// Between reads of a shard that had nothing new, when following.
const IDLE_INTERVAL: Duration = Duration::from_secs(1);
/// How often a follower lists the shards again, to find the children of a reshard.
const RELIST_INTERVAL: Duration = Duration::from_secs(30);
const FIRST_BACKOFF: Duration = Duration::from_secs(1);
const MAX_BACKOFF: Duration = Duration::from_secs(10);
/// Records asked for per read.
const READ_LIMIT: usize = 1_000;

pub struct TailOptions {
    pub from: StreamPosition,
    pub follow: bool,
    /// `field=value` pairs an event must all match.
    pub filters: Vec<(String, String)>,
    /// Events to show at most.
    pub limit: Option<u64>,
}

/// One event of a record (a record holds one JSON line, or several when it is gzip).
#[derive(Debug, Clone, PartialEq)]
pub struct TailEvent {
    pub arrival: DateTime<Utc>,
    pub shard: String,
    pub sequence: String,
    pub partition_key: String,
    /// The event's JSON, or its text when it is not JSON.
    pub event: Value,
}

/// Where a shard's reading stands.
#[derive(Debug, Clone, PartialEq)]
pub struct ShardProgress {
    pub shard: String,
    pub records: u64,
    pub events: u64,
    /// The last read's distance to the shard's newest record (the iterator age).
    pub behind_latest: Option<Duration>,
    pub finished: bool,
    pub throttled: u64,
    pub iterators_renewed: u64,
}

/// What a tail read.
#[derive(Debug, Clone, Default)]
pub struct TailReport {
    pub shards: Vec<ShardProgress>,
    pub events: u64,
    pub seconds: f64,
}

struct ShardState {
    info: StreamShard,
    start: StreamPosition,
    iterator: Option<String>,
    last_sequence: Option<String>,
    next_read: Instant,
    backoff: Duration,
    progress: ShardProgress,
}

fn ready(shard: &ShardState, shards: &BTreeMap<String, ShardState>) -> bool {
    !shard.progress.finished
        && [&shard.info.parent, &shard.info.adjacent_parent]
            .into_iter()
            .flatten()
            .all(|parent| shards.get(parent).is_none_or(|p| p.progress.finished))
}

/// Where a shard found later starts: where the reading started, except that the children of a
/// shard read from its latest record on start at their beginning.
fn child_start(from: &StreamPosition) -> StreamPosition {
    match from {
        StreamPosition::Latest => StreamPosition::TrimHorizon,
        other => other.clone(),
    }
}

/// Adds shards not seen yet. At the first listing with `Latest`, closed shards have nothing to
/// give and are marked finished.
fn take_shards(
    shards: &mut BTreeMap<String, ShardState>,
    listed: Vec<StreamShard>,
    options: &TailOptions,
    first: bool,
) {
    for info in listed {
        if shards.contains_key(&info.id) {
            continue;
        }
        let start = if first { options.from.clone() } else { child_start(&options.from) };
        let finished = first && options.from == StreamPosition::Latest && info.closed;
        let progress = ShardProgress {
            shard: info.id.clone(),
            records: 0,
            events: 0,
            behind_latest: None,
            finished,
            throttled: 0,
            iterators_renewed: 0,
        };
        shards.insert(
            info.id.clone(),
            ShardState {
                info,
                start,
                iterator: None,
                last_sequence: None,
                next_read: Instant::now(),
                backoff: FIRST_BACKOFF,
                progress,
            },
        );
    }
}

/// Reads the stream, handing each event that passes the filters to `emit` and the shards'
/// progress to `progress` after each read. Without `follow`, ends when every shard is read up to
/// its newest record (or `limit` events were shown); with it, runs until stopped.
pub async fn tail(
    stream: &dyn DataStream,
    options: &TailOptions,
    mut emit: impl FnMut(TailEvent) -> Result<()>,
    mut progress: impl FnMut(&[ShardProgress]),
) -> Result<TailReport> {
    let started = std::time::Instant::now();
    let mut shards = BTreeMap::new();
    take_shards(&mut shards, stream.shards().await?, options, true);
    let mut listed_at = Instant::now();
    let mut shown = 0u64;
    let mut relist = false;
    loop {
        if options.limit.is_some_and(|limit| shown >= limit) {
            break;
        }
        if relist || (options.follow && listed_at.elapsed() >= RELIST_INTERVAL) {
            take_shards(&mut shards, stream.shards().await?, options, false);
            listed_at = Instant::now();
            relist = false;
        }
        let next = shards
            .values()
            .filter(|shard| ready(shard, &shards))
            .min_by_key(|shard| shard.next_read)
            .map(|shard| shard.info.id.clone());
        let Some(id) = next else {
            if !options.follow {
                break;
            }
            tokio::time::sleep_until(listed_at + RELIST_INTERVAL).await;
            continue;
        };
        let shard = shards.get_mut(&id).expect("a listed shard");
        tokio::time::sleep_until(shard.next_read).await;
        let iterator = match shard.iterator.take() {
            Some(iterator) => iterator,
            None => {
                let position = match &shard.last_sequence {
                    Some(sequence) => StreamPosition::AfterSequence(sequence.clone()),
                    None => shard.start.clone(),
                };
                stream.iterator(&id, &position).await?
            }
        };
        let read = match stream.read(&iterator, READ_LIMIT).await {
            Ok(read) => read,
            Err(err) => match err.downcast_ref::<StreamReadError>() {
                Some(StreamReadError::IteratorExpired(_)) => {
                    tracing::info!("{id}: the iterator expired, getting a new one");
                    shard.progress.iterators_renewed += 1;
                    continue;
                }
                Some(StreamReadError::Throttled(_)) => {
                    tracing::info!("{id}: throttled, reading again in {:?}", shard.backoff);
                    shard.progress.throttled += 1;
                    shard.iterator = Some(iterator);
                    shard.next_read = Instant::now() + shard.backoff;
                    shard.backoff = (shard.backoff * 2).min(MAX_BACKOFF);
                    continue;
                }
                None => return Err(err),
            },
        };
        shard.backoff = FIRST_BACKOFF;
        shard.progress.records += read.records.len() as u64;
        shard.progress.behind_latest = read.behind_latest;
        let caught_up = read.records.is_empty() && read.behind_latest.is_none_or(|behind| behind.is_zero());
        for record in &read.records {
            shard.last_sequence = Some(record.sequence.clone());
            for event in decode(&record.data) {
                if options.limit.is_some_and(|limit| shown >= limit) {
                    break;
                }
                if !matches(&event, &options.filters) {
                    continue;
                }
                shown += 1;
                shard.progress.events += 1;
                emit(TailEvent {
                    arrival: record.arrival,
                    shard: id.clone(),
                    sequence: record.sequence.clone(),
                    partition_key: record.partition_key.clone(),
                    event,
                })?;
            }
        }
        // A closed shard ends when the service says so (no next iterator) or, where it keeps
        // answering, when it has nothing left; an open one, for a reader that does not follow,
        // once it is caught up.
        let ended = read.next.is_none() || (shard.info.closed && caught_up);
        if ended || (!options.follow && caught_up) {
            shard.progress.finished = true;
            relist |= ended;
        } else {
            shard.iterator = read.next;
            shard.next_read = Instant::now() + if caught_up { IDLE_INTERVAL } else { READ_INTERVAL };
        }
        progress(&shards.values().map(|s| s.progress.clone()).collect::<Vec<_>>());
    }
    Ok(TailReport {
        shards: shards.into_values().map(|s| s.progress).collect(),
        events: shown,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// The events of a record: the JSON lines of its text, gunzipped first when it is gzip.
pub fn decode(data: &[u8]) -> Vec<Value> {
    let inflated;
    let text: &[u8] = if data.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        match flate2::read::MultiGzDecoder::new(data).read_to_end(&mut out) {
            Ok(_) => {
                inflated = out;
                &inflated
            }
            Err(_) => {
                return vec![Value::String(format!("(gzip that does not inflate, {} bytes)", data.len()))];
            }
        }
    } else {
        data
    };
    text.split(|b| *b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line))
        .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
        .map(|line| {
            serde_json::from_slice(line)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(line).into_owned()))
        })
        .collect()
}

/// Whether every `field=value` holds: the field's text (a string as it is, other values as JSON)
/// equals the value.
pub fn matches(event: &Value, filters: &[(String, String)]) -> bool {
    filters.iter().all(|(field, wanted)| match event.get(field) {
        Some(Value::String(text)) => text == wanted,
        Some(other) => other.to_string() == *wanted,
        None => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn records_decode_as_json_lines_gzip_or_not() {
        let plain = b"{\"a\":1}\n{\"a\":2}\r\n\nnot json\n";
        let events = decode(plain);
        assert_eq!(
            events,
            vec![serde_json::json!({"a":1}), serde_json::json!({"a":2}), Value::from("not json")]
        );
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(plain).unwrap();
        assert_eq!(decode(&gz.finish().unwrap()), events);
        assert!(decode(&[0x1f, 0x8b, 1, 2]).first().unwrap().as_str().unwrap().contains("does not inflate"));
    }

    #[test]
    fn filters_compare_text() {
        let event = serde_json::json!({"event_type": "purchase", "price": 12.5, "ok": true});
        let filter = |pairs: &[(&str, &str)]| {
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>()
        };
        assert!(matches(&event, &filter(&[("event_type", "purchase"), ("price", "12.5")])));
        assert!(matches(&event, &filter(&[("ok", "true")])));
        assert!(!matches(&event, &filter(&[("event_type", "view")])));
        assert!(!matches(&event, &filter(&[("missing", "x")])));
    }
}
