//! The Kinesis data stream in front of Firehose: `PutRecords` in batches of at most 500 records
//! and 5 MiB (the partition key counts), one at a time so that sessions stay in order, the refused part of a batch sent again
//! (`partial_retry`); shards listed with their parents and read through shard iterators.

use anyhow::Result;
use async_trait::async_trait;
use aws_sdk_kinesis::error::ProvideErrorMetadata;
use aws_sdk_kinesis::primitives::Blob;
use aws_sdk_kinesis::types::{PutRecordsRequestEntry, ShardIteratorType};
use bytes::Bytes;
use chrono::{DateTime, Utc};

use super::call_failed;
use super::partial_retry::{BatchLimits, put_until_accepted, split_batches};
use crate::backend::{
    DataStream, DeliveryReport, FailedRecord, StreamPosition, StreamRead, StreamReadError, StreamRecord,
    StreamRecordIn, StreamShard,
};
use crate::error::usage;

pub const MAX_BATCH_RECORDS: usize = 500;
pub const MAX_BATCH_BYTES: usize = 5 * 1024 * 1024;
/// Kinesis' limit for one record: data and partition key together.
pub const MAX_RECORD_BYTES: usize = 1024 * 1024;
const LIMITS: BatchLimits = BatchLimits {
    service: "Kinesis",
    records: MAX_BATCH_RECORDS,
    bytes: MAX_BATCH_BYTES,
    record_bytes: MAX_RECORD_BYTES,
};
const NO_STREAM: &str =
    "`kinesis_stream` is not set for this environment (bdctl.toml or BDCTL_KINESIS_STREAM)";

pub struct KinesisStream {
    client: aws_sdk_kinesis::Client,
    stream: Option<String>,
}

impl KinesisStream {
    pub fn new(client: aws_sdk_kinesis::Client, stream: Option<String>) -> Self {
        Self { client, stream }
    }

    fn name(&self) -> Result<&str> {
        self.stream.as_deref().ok_or_else(|| usage(NO_STREAM))
    }

    async fn send_batch(&self, stream: &str, batch: Vec<(u64, StreamRecordIn)>) -> DeliveryReport {
        let report = DeliveryReport {
            records: batch.len() as u64,
            bytes: batch.iter().map(|(_, r)| r.data.len() as u64).sum(),
            ..DeliveryReport::default()
        };
        put_until_accepted(batch, report, |pending: Vec<StreamRecordIn>| async move {
            let entries: Vec<PutRecordsRequestEntry> = pending
                .into_iter()
                .map(|record| {
                    PutRecordsRequestEntry::builder()
                        .data(Blob::new(record.data.to_vec()))
                        .partition_key(record.partition_key)
                        .build()
                })
                .collect::<Result<_, _>>()
                .expect("data and partition key are always set");
            match self.client.put_records().stream_name(stream).set_records(Some(entries)).send().await {
                Ok(out) => Ok(out
                    .records()
                    .iter()
                    .map(|entry| {
                        entry.error_code().map(|code| {
                            (code.to_string(), entry.error_message().unwrap_or_default().to_string())
                        })
                    })
                    .collect()),
                Err(err) => Err(call_failed("kinesis:PutRecords", stream, err).to_string()),
            }
        })
        .await
    }
}

/// Splits records into `PutRecords` batches (the partition key counts towards the size);
/// records over the size limit are reported as failed instead of sent.
fn batches(
    records: Vec<StreamRecordIn>,
    first_index: u64,
) -> (Vec<Vec<(u64, StreamRecordIn)>>, Vec<FailedRecord>) {
    let sized = records.into_iter().map(|record| {
        let size = record.data.len() + record.partition_key.len();
        (record, size)
    });
    split_batches(sized, first_index, &LIMITS)
}

fn instant(time: &aws_sdk_kinesis::primitives::DateTime) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(time.to_millis().unwrap_or(0)).unwrap_or_default()
}

#[async_trait]
impl DataStream for KinesisStream {
    fn destination(&self) -> String {
        format!("Kinesis stream {}", self.stream.as_deref().unwrap_or("(not set)"))
    }

    async fn put(&self, records: Vec<StreamRecordIn>, first_index: u64) -> Result<DeliveryReport> {
        let stream = self.name()?;
        let (batches, too_large) = batches(records, first_index);
        let mut report =
            DeliveryReport { records: too_large.len() as u64, failed: too_large, ..Default::default() };
        // One batch at a time: batches in flight together would let a session's later events
        // overtake its earlier ones. (A refused record sent again can still follow later
        // records of its session, as with any PutRecords retry.)
        for batch in batches {
            report.absorb(self.send_batch(stream, batch).await);
        }
        report.failed.sort_by_key(|f| f.index);
        Ok(report)
    }

    async fn flush(&self) -> Result<DeliveryReport> {
        Ok(DeliveryReport::default())
    }

    async fn shards(&self) -> Result<Vec<StreamShard>> {
        let stream = self.name()?;
        let mut shards = Vec::new();
        let mut token: Option<String> = None;
        loop {
            // With a token, ListShards takes no stream name.
            let request = match &token {
                Some(token) => self.client.list_shards().next_token(token),
                None => self.client.list_shards().stream_name(stream),
            };
            let out = request.send().await.map_err(|err| call_failed("kinesis:ListShards", stream, err))?;
            shards.extend(out.shards().iter().map(|shard| StreamShard {
                id: shard.shard_id().to_string(),
                parent: shard.parent_shard_id().map(str::to_string),
                adjacent_parent: shard.adjacent_parent_shard_id().map(str::to_string),
                closed: shard.sequence_number_range().and_then(|r| r.ending_sequence_number()).is_some(),
            }));
            match out.next_token() {
                Some(next) if !next.is_empty() => token = Some(next.to_string()),
                _ => break,
            }
        }
        Ok(shards)
    }

    async fn iterator(&self, shard: &str, position: &StreamPosition) -> Result<String> {
        let stream = self.name()?;
        let request = self.client.get_shard_iterator().stream_name(stream).shard_id(shard);
        let request = match position {
            StreamPosition::Latest => request.shard_iterator_type(ShardIteratorType::Latest),
            StreamPosition::TrimHorizon => request.shard_iterator_type(ShardIteratorType::TrimHorizon),
            StreamPosition::AtTimestamp(time) => request
                .shard_iterator_type(ShardIteratorType::AtTimestamp)
                .timestamp(aws_sdk_kinesis::primitives::DateTime::from_millis(time.timestamp_millis())),
            StreamPosition::AfterSequence(sequence) => request
                .shard_iterator_type(ShardIteratorType::AfterSequenceNumber)
                .starting_sequence_number(sequence),
        };
        let out = request
            .send()
            .await
            .map_err(|err| call_failed("kinesis:GetShardIterator", &format!("{stream} {shard}"), err))?;
        out.shard_iterator().map(str::to_string).ok_or_else(|| {
            anyhow::anyhow!("kinesis:GetShardIterator on {stream} {shard} returned no iterator")
        })
    }

    async fn read(&self, iterator: &str, limit: usize) -> Result<StreamRead> {
        let stream = self.name()?;
        let out = match self
            .client
            .get_records()
            .shard_iterator(iterator)
            .limit(limit.clamp(1, 10_000) as i32)
            .send()
            .await
        {
            Ok(out) => out,
            Err(err) => {
                let message = err.message().unwrap_or_default().to_string();
                return Err(match err.as_service_error() {
                    Some(service) if service.is_expired_iterator_exception() => {
                        StreamReadError::IteratorExpired(message).into()
                    }
                    Some(service) if service.is_provisioned_throughput_exceeded_exception() => {
                        StreamReadError::Throttled(message).into()
                    }
                    _ => call_failed("kinesis:GetRecords", stream, err),
                });
            }
        };
        Ok(StreamRead {
            records: out
                .records()
                .iter()
                .map(|record| StreamRecord {
                    sequence: record.sequence_number().to_string(),
                    partition_key: record.partition_key().unwrap_or_default().to_string(),
                    arrival: record.approximate_arrival_timestamp().map(instant).unwrap_or_else(Utc::now),
                    data: Bytes::copy_from_slice(record.data().as_ref()),
                })
                .collect(),
            next: out.next_shard_iterator().map(str::to_string),
            behind_latest: out
                .millis_behind_latest()
                .map(|millis| std::time::Duration::from_millis(millis.max(0) as u64)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(len: usize) -> StreamRecordIn {
        StreamRecordIn {
            data: Bytes::from(vec![b'x'; len]),
            partition_key: "session".into(),
            arrival: Utc::now(),
        }
    }

    #[test]
    fn batches_respect_count_and_size_limits_with_the_partition_key() {
        let (out, failed) = batches((0..1001).map(|_| record(10)).collect(), 0);
        assert_eq!(out.iter().map(Vec::len).collect::<Vec<_>>(), vec![500, 500, 1]);
        assert!(failed.is_empty());

        let (out, _) = batches((0..12).map(|_| record(900 * 1024)).collect(), 0);
        assert!(
            out.iter().all(|b| b.iter().map(|(_, r)| r.data.len() + 7).sum::<usize>() <= MAX_BATCH_BYTES)
        );
        assert_eq!(out.iter().map(Vec::len).collect::<Vec<_>>(), vec![5, 5, 2]);

        // Exactly the limit with the key's 7 bytes is over it.
        let (out, failed) = batches(vec![record(5), record(MAX_RECORD_BYTES - 6), record(5)], 7);
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].index, 8);
        assert_eq!(out[0].iter().map(|(i, _)| *i).collect::<Vec<_>>(), vec![7, 9]);
    }
}
