//! The data stream on the local disk: a log per shard under `<data_dir>/streams/<name>/`, one JSON
//! line per record, its sequence number the line's byte offset. Records are spread over the
//! shards by the hash of their partition key as Kinesis spreads them (SHA-256 here where Kinesis
//! takes MD5: the same even split, other shard choices), and each put also goes on to the local
//! Firehose writer, as a delivery stream whose source is the data stream reads it.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, Result, anyhow};
use async_trait::async_trait;
use bytes::Bytes;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::backend::{
    DataStream, Delivery, DeliveryRecord, DeliveryReport, StreamPosition, StreamRead, StreamRecord,
    StreamRecordIn, StreamShard,
};
use crate::files::create_private_dir;

/// Shards of a local stream: more than one, so that reading across shards is what it is on AWS.
pub const LOCAL_SHARDS: u32 = 2;
/// Digits of a sequence number (a byte offset), so that they sort as text.
const SEQUENCE_DIGITS: usize = 20;

#[derive(Serialize, Deserialize)]
struct LogLine {
    arrival: DateTime<Utc>,
    key: String,
    /// The record as text when it is UTF-8 (events are JSON), else in hex.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    hex: Option<String>,
}

pub struct LocalStream {
    dir: PathBuf,
    name: String,
    downstream: Arc<dyn Delivery>,
}

impl LocalStream {
    pub fn new(data_dir: &Path, name: String, downstream: Arc<dyn Delivery>) -> Self {
        Self { dir: data_dir.join("streams").join(&name), name, downstream }
    }

    fn shard_ids() -> Vec<String> {
        (0..LOCAL_SHARDS).map(|n| format!("shardId-{n:012}")).collect()
    }

    fn shard_path(&self, shard: &str) -> Result<PathBuf> {
        if !Self::shard_ids().iter().any(|id| id == shard) {
            return Err(anyhow!("stream {} has no shard {shard}", self.name));
        }
        Ok(self.dir.join(format!("{shard}.ndjson")))
    }

    /// The shard whose hash range holds the key's hash.
    fn shard_of(key: &str) -> usize {
        let digest = Sha256::digest(key.as_bytes());
        let hash = u128::from_be_bytes(digest[..16].try_into().expect("16 bytes"));
        let width = u128::MAX / u128::from(LOCAL_SHARDS) + 1;
        (hash / width) as usize
    }

    /// Appends lines to a shard's log under an exclusive lock; a line cut by a killed writer is
    /// cut off first (it was never acknowledged).
    fn append(path: &Path, lines: &[u8]) -> Result<()> {
        let mut file = OpenOptions::new().create(true).read(true).append(true).open(path)?;
        file.lock()?;
        let length = file.metadata()?.len();
        if length > 0 {
            let mut last = [0u8; 1];
            file.seek(SeekFrom::Start(length - 1))?;
            file.read_exact(&mut last)?;
            if last[0] != b'\n' {
                let kept = complete_length(path)?;
                file.set_len(kept)?;
            }
        }
        file.write_all(lines)?;
        file.flush()?;
        file.unlock()?;
        Ok(())
    }

    fn parse_iterator(&self, iterator: &str) -> Result<(String, u64)> {
        let (shard, offset) = iterator
            .rsplit_once(':')
            .and_then(|(shard, offset)| Some((shard.to_string(), offset.parse().ok()?)))
            .ok_or_else(|| anyhow!("not an iterator of the local stream {}: {iterator}", self.name))?;
        self.shard_path(&shard)?;
        Ok((shard, offset))
    }
}

/// The length of the file up to its last newline.
fn complete_length(path: &Path) -> Result<u64> {
    let mut reader = BufReader::new(File::open(path)?);
    let mut kept = 0u64;
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = reader.read_until(b'\n', &mut line)?;
        if read == 0 || line.last() != Some(&b'\n') {
            return Ok(kept);
        }
        kept += read as u64;
    }
}

fn sequence_of(offset: u64) -> String {
    format!("{offset:0SEQUENCE_DIGITS$}")
}

/// Complete lines from `offset` on, each with its offset, at most `limit`; and the offset after
/// the last one read.
fn read_lines(path: &Path, offset: u64, limit: usize) -> Result<(Vec<(u64, LogLine)>, u64)> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok((Vec::new(), offset)),
        Err(err) => return Err(err).with_context(|| format!("reading {}", path.display())),
    };
    let mut reader = BufReader::new(file);
    reader.seek(SeekFrom::Start(offset))?;
    let mut at = offset;
    let mut out = Vec::new();
    let mut line = Vec::new();
    while out.len() < limit {
        line.clear();
        let read = reader.read_until(b'\n', &mut line)?;
        if read == 0 || line.last() != Some(&b'\n') {
            break;
        }
        let parsed: LogLine = serde_json::from_slice(&line)
            .with_context(|| format!("{} at byte {at}: not a stream record", path.display()))?;
        out.push((at, parsed));
        at += read as u64;
    }
    Ok((out, at))
}

/// The arrival time of the shard's last complete record, read from the end of its log (a
/// consumer asks after every read, so the log is not parsed from where it stands).
fn newest_arrival(path: &Path) -> Result<Option<DateTime<Utc>>> {
    let mut file = File::open(path)?;
    let length = file.metadata()?.len();
    let mut window = 4096u64;
    loop {
        let start = length.saturating_sub(window);
        file.seek(SeekFrom::Start(start))?;
        let mut tail = Vec::new();
        file.read_to_end(&mut tail)?;
        // Up to the last newline: a line cut by a killed writer is not a record.
        let complete = match tail.iter().rposition(|b| *b == b'\n') {
            Some(end) => &tail[..end],
            None if start == 0 => return Ok(None),
            None => {
                window *= 4;
                continue;
            }
        };
        let begin = match complete.iter().rposition(|b| *b == b'\n') {
            Some(newline) => newline + 1,
            None if start == 0 => 0,
            None => {
                window *= 4;
                continue;
            }
        };
        let line: LogLine = serde_json::from_slice(&complete[begin..])
            .with_context(|| format!("{}: not a stream record at its end", path.display()))?;
        return Ok(Some(line.arrival));
    }
}

fn file_length(path: &Path) -> Result<u64> {
    match std::fs::metadata(path) {
        Ok(meta) => Ok(meta.len()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(0),
        Err(err) => Err(err.into()),
    }
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

#[async_trait]
impl DataStream for LocalStream {
    fn destination(&self) -> String {
        format!("local data stream {}", self.name)
    }

    async fn put(&self, records: Vec<StreamRecordIn>, _first_index: u64) -> Result<DeliveryReport> {
        create_private_dir(&self.dir).with_context(|| format!("creating {}", self.dir.display()))?;
        let now = Utc::now();
        let mut per_shard: Vec<Vec<u8>> = vec![Vec::new(); LOCAL_SHARDS as usize];
        let mut report = DeliveryReport::default();
        for record in &records {
            let (text, hex) = match std::str::from_utf8(&record.data) {
                Ok(text) => (Some(text.to_string()), None),
                Err(_) => (None, Some(record.data.iter().map(|b| format!("{b:02x}")).collect())),
            };
            let line = LogLine { arrival: now, key: record.partition_key.clone(), text, hex };
            let out = &mut per_shard[Self::shard_of(&record.partition_key)];
            serde_json::to_writer(&mut *out, &line)?;
            out.push(b'\n');
            report.records += 1;
            report.bytes += record.data.len() as u64;
        }
        for (shard, lines) in Self::shard_ids().iter().zip(&per_shard) {
            if !lines.is_empty() {
                Self::append(&self.shard_path(shard)?, lines)?;
            }
        }
        let downstream = self
            .downstream
            .deliver(
                records.into_iter().map(|r| DeliveryRecord { data: r.data, arrival: r.arrival }).collect(),
                0,
            )
            .await?;
        report.objects = downstream.objects;
        Ok(report)
    }

    async fn flush(&self) -> Result<DeliveryReport> {
        self.downstream.flush().await
    }

    async fn shards(&self) -> Result<Vec<StreamShard>> {
        Ok(Self::shard_ids()
            .into_iter()
            .map(|id| StreamShard { id, parent: None, adjacent_parent: None, closed: false })
            .collect())
    }

    async fn iterator(&self, shard: &str, position: &StreamPosition) -> Result<String> {
        let path = self.shard_path(shard)?;
        let offset = match position {
            StreamPosition::TrimHorizon => 0,
            StreamPosition::Latest => file_length(&path)?,
            StreamPosition::AtTimestamp(time) => {
                let mut offset = 0;
                loop {
                    let (lines, after) = read_lines(&path, offset, 1024)?;
                    if let Some((at, _)) = lines.iter().find(|(_, line)| line.arrival >= *time) {
                        break *at;
                    }
                    if lines.is_empty() {
                        break after;
                    }
                    offset = after;
                }
            }
            StreamPosition::AfterSequence(sequence) => {
                let at: u64 =
                    sequence.parse().map_err(|_| anyhow!("{sequence}: not a sequence number of {shard}"))?;
                let (lines, after) = read_lines(&path, at, 1)?;
                if lines.is_empty() {
                    return Err(anyhow!("{shard} has no record {sequence}"));
                }
                after
            }
        };
        Ok(format!("{shard}:{offset}"))
    }

    async fn read(&self, iterator: &str, limit: usize) -> Result<StreamRead> {
        let (shard, offset) = self.parse_iterator(iterator)?;
        let path = self.shard_path(&shard)?;
        let (lines, after) = read_lines(&path, offset, limit.max(1))?;
        let newest = if after < file_length(&path)? { newest_arrival(&path)? } else { None };
        let behind_latest = match (newest, lines.last()) {
            (Some(newest), Some((_, last))) => (newest - last.arrival).to_std().unwrap_or_default(),
            _ => Duration::ZERO,
        };
        let records = lines
            .into_iter()
            .map(|(at, line)| {
                let data = match (line.text, line.hex) {
                    (Some(text), _) => Bytes::from(text),
                    (None, Some(hex)) => Bytes::from(decode_hex(&hex).unwrap_or_default()),
                    (None, None) => Bytes::new(),
                };
                StreamRecord {
                    sequence: sequence_of(at),
                    partition_key: line.key,
                    arrival: line.arrival,
                    data,
                }
            })
            .collect();
        Ok(StreamRead { records, next: Some(format!("{shard}:{after}")), behind_latest: Some(behind_latest) })
    }
}
