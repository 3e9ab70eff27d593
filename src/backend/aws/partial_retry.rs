//! Batch puts that accept part of a batch (Firehose `PutRecordBatch`, Kinesis `PutRecords`):
//! exactly the refused records are sent again, with exponential backoff and jitter, until every
//! record is accepted or the rounds are used up; what still fails is reported record by record.

use std::future::Future;
use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBuilder};

use crate::backend::{DeliveryReport, FailedRecord};

/// What one batch call of a service takes.
pub(super) struct BatchLimits {
    pub service: &'static str,
    pub records: usize,
    pub bytes: usize,
    pub record_bytes: usize,
}

/// Splits records, each with the size the service counts, into batches within the limits,
/// numbering them from `first_index`; records over the size limit are reported as failed
/// instead of sent.
pub(super) fn split_batches<T>(
    records: impl IntoIterator<Item = (T, usize)>,
    first_index: u64,
    limits: &BatchLimits,
) -> (Vec<Vec<(u64, T)>>, Vec<FailedRecord>) {
    let mut out = Vec::new();
    let mut too_large = Vec::new();
    let mut current = Vec::new();
    let mut current_bytes = 0;
    for (offset, (record, size)) in records.into_iter().enumerate() {
        let index = first_index + offset as u64;
        if size > limits.record_bytes {
            too_large.push(FailedRecord {
                index,
                code: "RecordTooLarge".into(),
                message: format!(
                    "{size} bytes is over {}'s limit of {}",
                    limits.service, limits.record_bytes
                ),
            });
            continue;
        }
        if current.len() == limits.records || current_bytes + size > limits.bytes {
            out.push(std::mem::take(&mut current));
            current_bytes = 0;
        }
        current_bytes += size;
        current.push((index, record));
    }
    if !current.is_empty() {
        out.push(current);
    }
    (out, too_large)
}

/// Rounds of re-sending the refused part of a batch.
const PARTIAL_RETRIES: usize = 6;

/// What one call answered: per record, in order, the service's code and message for a refused
/// record (`None`: accepted); or, for a call that failed as a whole, why.
pub(super) type PutOutcome = Result<Vec<Option<(String, String)>>, String>;

/// Puts `batch` (records numbered for failure reports, with their sizes already counted by the
/// caller in `report`) through `put`, retrying refused records.
pub(super) async fn put_until_accepted<T, F, Fut>(
    batch: Vec<(u64, T)>,
    mut report: DeliveryReport,
    mut put: F,
) -> DeliveryReport
where
    T: Clone,
    F: FnMut(Vec<T>) -> Fut,
    Fut: Future<Output = PutOutcome>,
{
    let mut pending = batch;
    let mut delays = ExponentialBuilder::default()
        .with_min_delay(Duration::from_millis(100))
        .with_max_delay(Duration::from_secs(5))
        .with_max_times(PARTIAL_RETRIES)
        .with_jitter()
        .build();
    loop {
        let outcome = put(pending.iter().map(|(_, record)| record.clone()).collect()).await;
        let failures: Vec<((u64, T), String, String)> = match outcome {
            Ok(answers) => pending
                .into_iter()
                .zip(answers.into_iter().chain(std::iter::repeat(None)))
                .filter_map(|(record, answer)| answer.map(|(code, message)| (record, code, message)))
                .collect(),
            // The SDK already retried the call itself; the whole batch is lost this round.
            Err(message) => pending
                .into_iter()
                .map(|record| (record, "CallFailed".to_string(), message.clone()))
                .collect(),
        };
        if failures.is_empty() {
            return report;
        }
        match delays.next() {
            Some(delay) => {
                tracing::info!("{} records failed, sending them again in {delay:?}", failures.len());
                report.retried += failures.len() as u64;
                tokio::time::sleep(delay).await;
                pending = failures.into_iter().map(|(record, _, _)| record).collect();
            }
            None => {
                report.failed.extend(failures.into_iter().map(|((index, _), code, message)| FailedRecord {
                    index,
                    code,
                    message,
                }));
                return report;
            }
        }
    }
}
