//! Firehose's behaviour on the local disk: records are buffered until 5 MB or 60 seconds (of
//! arrival time) have gathered, then written as one GZIP object named as Firehose names them,
//! under the raw prefix in the configured key layout.

use std::io::Write;
use std::sync::Arc;

use anyhow::Result;
use async_trait::async_trait;
use bytes::Bytes;
use chrono::{DateTime, Duration, Utc};
use flate2::Compression;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};
use tokio::sync::Mutex;

use crate::backend::{Delivery, DeliveryRecord, DeliveryReport, ObjectStore};

use crate::layout::Location;
use crate::layout::{firehose_object_name, raw_partition};
use crate::settings::RawLayout;

/// Firehose's default buffering hints.
pub const BUFFER_BYTES: usize = 5 * 1024 * 1024;
pub const BUFFER_INTERVAL: Duration = Duration::seconds(60);

struct Buffer {
    partition: String,
    opened: DateTime<Utc>,
    data: Vec<u8>,
}

pub struct LocalDelivery {
    store: Arc<dyn ObjectStore>,
    raw: Location,
    layout: RawLayout,
    stream: String,
    buffer: Mutex<Option<Buffer>>,
}

impl LocalDelivery {
    pub fn new(store: Arc<dyn ObjectStore>, raw: Location, layout: RawLayout, stream: String) -> Self {
        Self { store, raw, layout, stream, buffer: Mutex::new(None) }
    }

    async fn write_out(&self, buffer: Buffer) -> Result<String> {
        let mut encoder = GzEncoder::new(Vec::with_capacity(buffer.data.len() / 5), Compression::default());
        encoder.write_all(&buffer.data)?;
        let compressed = encoder.finish()?;
        // Named after the content: sending the same events again rewrites the same object.
        let digest = Sha256::digest(&buffer.data);
        let mut random = [0u8; 16];
        random.copy_from_slice(&digest[..16]);
        let random = uuid::Builder::from_random_bytes(random).into_uuid().to_string();
        let key = format!(
            "{}{}{}",
            self.raw.prefix,
            buffer.partition,
            firehose_object_name(&self.stream, buffer.opened, &random)
        );
        self.store.put(&self.raw.bucket, &key, Bytes::from(compressed)).await?;
        Ok(key)
    }
}

#[async_trait]
impl Delivery for LocalDelivery {
    async fn deliver(&self, records: Vec<DeliveryRecord>, _first_index: u64) -> Result<DeliveryReport> {
        let mut report = DeliveryReport::default();
        let mut guard = self.buffer.lock().await;
        for record in records {
            let partition = raw_partition(self.layout, record.arrival);
            let full = guard.as_ref().is_some_and(|b| {
                b.partition != partition
                    || record.arrival - b.opened >= BUFFER_INTERVAL
                    || record.arrival < b.opened
                    || b.data.len() + record.data.len() + 1 > BUFFER_BYTES
            });
            if full && let Some(buffer) = guard.take() {
                report.objects.push(self.write_out(buffer).await?);
            }
            let buffer =
                guard.get_or_insert_with(|| Buffer { partition, opened: record.arrival, data: Vec::new() });
            buffer.data.extend_from_slice(&record.data);
            buffer.data.push(b'\n');
            report.records += 1;
            report.bytes += record.data.len() as u64 + 1;
        }
        Ok(report)
    }

    async fn flush(&self) -> Result<DeliveryReport> {
        let mut report = DeliveryReport::default();
        if let Some(buffer) = self.buffer.lock().await.take() {
            report.objects.push(self.write_out(buffer).await?);
        }
        Ok(report)
    }

    fn destination(&self) -> String {
        format!("local stream {} into {}", self.stream, self.raw.prefix)
    }

    fn names_objects(&self) -> bool {
        true
    }

    async fn arrival_bound(&self) -> Result<std::time::Duration> {
        Ok(std::time::Duration::ZERO)
    }
}
