//! Events into Kinesis Data Firehose with `PutRecordBatch`: batches of at most 500 records and
//! 4 MiB, several batches in flight, and after a partial failure exactly the failed records sent
//! again (`partial_retry`). What still fails is reported record by record.

use std::time::Duration;

use anyhow::Result;
use async_trait::async_trait;
use aws_sdk_firehose::primitives::Blob;
use aws_sdk_firehose::types::Record;
use futures::StreamExt;

use super::call_failed;
use super::partial_retry::{BatchLimits, put_until_accepted, split_batches};
use crate::backend::{Delivery, DeliveryRecord, DeliveryReport, FailedRecord};
use crate::error::usage;

pub const MAX_BATCH_RECORDS: usize = 500;
pub const MAX_BATCH_BYTES: usize = 4 * 1024 * 1024;
/// Firehose's limit for one record, before base64.
pub const MAX_RECORD_BYTES: usize = 1000 * 1024;
const CONCURRENT_BATCHES: usize = 4;
const LIMITS: BatchLimits = BatchLimits {
    service: "Firehose",
    records: MAX_BATCH_RECORDS,
    bytes: MAX_BATCH_BYTES,
    record_bytes: MAX_RECORD_BYTES,
};
/// Firehose's buffering interval when the stream does not say.
const DEFAULT_BUFFER_SECONDS: u64 = 300;
/// Beyond the interval: the S3 write, and retries of it, after a buffer closes.
const DELIVERY_WRITE_SLACK: Duration = Duration::from_secs(60);
const NO_STREAM: &str =
    "`firehose_stream` is not set for this environment (bdctl.toml or BDCTL_FIREHOSE_STREAM)";

pub struct FirehoseDelivery {
    client: aws_sdk_firehose::Client,
    stream: Option<String>,
}

impl FirehoseDelivery {
    pub fn new(client: aws_sdk_firehose::Client, stream: Option<String>) -> Self {
        Self { client, stream }
    }

    /// Sends one batch until every record is accepted or the retries are used up.
    async fn send_batch(&self, stream: &str, batch: Vec<(u64, Vec<u8>)>) -> DeliveryReport {
        let report = DeliveryReport {
            records: batch.len() as u64,
            bytes: batch.iter().map(|(_, d)| d.len() as u64).sum(),
            ..DeliveryReport::default()
        };
        put_until_accepted(batch, report, |pending: Vec<Vec<u8>>| async move {
            let records: Vec<Record> = pending
                .into_iter()
                .map(|data| Record::builder().data(Blob::new(data)).build())
                .collect::<Result<_, _>>()
                .expect("data is always set");
            match self
                .client
                .put_record_batch()
                .delivery_stream_name(stream)
                .set_records(Some(records))
                .send()
                .await
            {
                Ok(out) => Ok(out
                    .request_responses()
                    .iter()
                    .map(|entry| {
                        entry.error_code().map(|code| {
                            (code.to_string(), entry.error_message().unwrap_or_default().to_string())
                        })
                    })
                    .collect()),
                Err(err) => Err(call_failed("firehose:PutRecordBatch", stream, err).to_string()),
            }
        })
        .await
    }
}

/// Splits records into batches within Firehose's limits; records over the size limit are
/// reported as failed instead of sent.
fn batches(records: Vec<DeliveryRecord>, first_index: u64) -> (Vec<Vec<(u64, Vec<u8>)>>, Vec<FailedRecord>) {
    let framed = records.into_iter().map(|record| {
        // Each record ends with a newline so that the objects Firehose writes are JSON lines.
        let mut data = Vec::with_capacity(record.data.len() + 1);
        data.extend_from_slice(&record.data);
        data.push(b'\n');
        let size = data.len();
        (data, size)
    });
    split_batches(framed, first_index, &LIMITS)
}

#[async_trait]
impl Delivery for FirehoseDelivery {
    async fn deliver(&self, records: Vec<DeliveryRecord>, first_index: u64) -> Result<DeliveryReport> {
        let Some(stream) = &self.stream else {
            return Err(usage(NO_STREAM));
        };
        let (batches, too_large) = batches(records, first_index);
        let mut report =
            DeliveryReport { records: too_large.len() as u64, failed: too_large, ..Default::default() };
        let mut in_flight =
            futures::stream::iter(batches.into_iter().map(|batch| self.send_batch(stream, batch)))
                .buffer_unordered(CONCURRENT_BATCHES);
        while let Some(batch_report) = in_flight.next().await {
            report.absorb(batch_report);
        }
        report.failed.sort_by_key(|f| f.index);
        Ok(report)
    }

    async fn flush(&self) -> Result<DeliveryReport> {
        // Firehose buffers on its side; nothing is held here.
        Ok(DeliveryReport::default())
    }

    fn destination(&self) -> String {
        format!("Firehose stream {}", self.stream.as_deref().unwrap_or("(not set)"))
    }

    fn names_objects(&self) -> bool {
        false
    }

    async fn arrival_bound(&self) -> Result<Duration> {
        let stream = self.stream.as_deref().ok_or_else(|| usage(NO_STREAM))?;
        let out = self
            .client
            .describe_delivery_stream()
            .delivery_stream_name(stream)
            .send()
            .await
            .map_err(|err| call_failed("firehose:DescribeDeliveryStream", stream, err))?;
        let destination = out.delivery_stream_description().and_then(|d| d.destinations().first());
        let interval = destination
            .and_then(|d| {
                d.extended_s3_destination_description()
                    .and_then(|s3| s3.buffering_hints())
                    .or_else(|| d.s3_destination_description().and_then(|s3| s3.buffering_hints()))
            })
            .and_then(|hints| hints.interval_in_seconds())
            .map_or(DEFAULT_BUFFER_SECONDS, |s| s.max(0) as u64);
        Ok(Duration::from_secs(interval) + DELIVERY_WRITE_SLACK)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use chrono::Utc;

    fn record(len: usize) -> DeliveryRecord {
        DeliveryRecord { data: Bytes::from(vec![b'x'; len]), arrival: Utc::now() }
    }

    #[test]
    fn batches_respect_count_and_size_limits() {
        let (out, failed) = batches((0..1001).map(|_| record(10)).collect(), 0);
        assert_eq!(out.iter().map(Vec::len).collect::<Vec<_>>(), vec![500, 500, 1]);
        assert!(failed.is_empty());
        assert!(out[0].iter().all(|(_, d)| d.ends_with(b"\n")));

        let (out, _) = batches((0..10).map(|_| record(900 * 1024)).collect(), 0);
        assert!(out.iter().all(|b| b.iter().map(|(_, d)| d.len()).sum::<usize>() <= MAX_BATCH_BYTES));
        assert_eq!(out.iter().map(Vec::len).sum::<usize>(), 10);

        let (out, failed) = batches(vec![record(5), record(MAX_RECORD_BYTES), record(5)], 7);
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].index, 8);
        assert_eq!(out[0].iter().map(|(i, _)| *i).collect::<Vec<_>>(), vec![7, 9]);
    }
}
