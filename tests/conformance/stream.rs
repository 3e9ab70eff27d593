//! The data stream: every record put is read back exactly once from the oldest position, a key's
//! records in one shard in the order put, sequence numbers rising in a shard; iterators at the
//! latest record, after a sequence number and at a time start where they say.

use std::collections::BTreeMap;

use bdctl::backend::{DataStream, StreamPosition, StreamRecord, StreamRecordIn};
use bytes::Bytes;
use chrono::Utc;

use crate::Target;

/// Kinesis sequence numbers are decimal strings of up to 128 bits.
fn sequence_key(sequence: &str) -> (usize, String) {
    (sequence.len(), sequence.to_string())
}

/// Every record from `position` on, read shard by shard until each is caught up.
async fn read_all(stream: &dyn DataStream, position: &StreamPosition) -> Vec<(String, StreamRecord)> {
    let mut out = Vec::new();
    for shard in stream.shards().await.unwrap() {
        let mut iterator = Some(stream.iterator(&shard.id, position).await.unwrap());
        for _ in 0..100 {
            let Some(current) = iterator.take() else { break };
            let read = stream.read(&current, 50).await.unwrap();
            let caught_up = read.records.is_empty();
            out.extend(read.records.into_iter().map(|r| (shard.id.clone(), r)));
            if caught_up {
                break;
            }
            iterator = read.next;
        }
    }
    out
}

fn texts(records: &[(String, StreamRecord)]) -> Vec<String> {
    let mut texts: Vec<String> =
        records.iter().map(|(_, r)| String::from_utf8(r.data.to_vec()).unwrap()).collect();
    texts.sort();
    texts
}

pub async fn conformance(target: &Target) {
    let stream = target.backend.stream.clone();
    let shards = stream.shards().await.unwrap();
    assert!(!shards.is_empty(), "{}", target.name);
    assert!(shards.iter().all(|s| !s.closed && s.parent.is_none()), "{}: {shards:?}", target.name);
    assert!(!stream.destination().is_empty());
    let mut latest = Vec::new();
    for shard in &shards {
        latest.push((shard.id.clone(), stream.iterator(&shard.id, &StreamPosition::Latest).await.unwrap()));
    }
    let before = Utc::now() - chrono::Duration::seconds(5);

    let records: Vec<StreamRecordIn> = (0..120)
        .map(|i| StreamRecordIn {
            data: Bytes::from(format!(
                r#"{{"event_id":"stream-{i:03}","session_id":"session-{}","n":{i}}}"#,
                i % 7
            )),
            partition_key: format!("session-{}", i % 7),
            arrival: Utc::now(),
        })
        .collect();
    let mut report = stream.put(records[..70].to_vec(), 0).await.unwrap();
    report.absorb(stream.put(records[70..].to_vec(), 70).await.unwrap());
    report.absorb(stream.flush().await.unwrap());
    assert_eq!(report.records, 120, "{}", target.name);
    assert!(report.failed.is_empty(), "{}: {:?}", target.name, report.failed);
    let expected = {
        let mut texts: Vec<String> =
            records.iter().map(|r| String::from_utf8(r.data.to_vec()).unwrap()).collect();
        texts.sort();
        texts
    };

    let read = read_all(stream.as_ref(), &StreamPosition::TrimHorizon).await;
    assert_eq!(texts(&read), expected, "{}: every record once from the oldest", target.name);
    let mut shard_of_key: BTreeMap<String, String> = BTreeMap::new();
    let mut order: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    let mut sequences: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
    for (shard, record) in &read {
        let value: serde_json::Value = serde_json::from_slice(&record.data).unwrap();
        assert_eq!(value["session_id"].as_str().unwrap(), record.partition_key, "{}", target.name);
        let known = shard_of_key.entry(record.partition_key.clone()).or_insert_with(|| shard.clone());
        assert_eq!(known, shard, "{}: the key {} in one shard", target.name, record.partition_key);
        order.entry(record.partition_key.clone()).or_default().push(value["n"].as_u64().unwrap());
        sequences.entry(shard.clone()).or_default().push(sequence_key(&record.sequence));
        assert!(
            record.arrival >= before && record.arrival <= Utc::now(),
            "{}: {:?}",
            target.name,
            record.arrival
        );
    }
    for (key, ns) in &order {
        assert!(ns.windows(2).all(|w| w[0] < w[1]), "{}: {key} in the order put: {ns:?}", target.name);
    }
    for (shard, seqs) in &sequences {
        assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{}: sequence numbers rise in {shard}", target.name);
    }

    // Iterators taken at the latest record before the puts see exactly the records put after.
    let mut after_latest = Vec::new();
    for (shard, iterator) in latest {
        let read = stream.read(&iterator, 1000).await.unwrap();
        after_latest.extend(read.records.into_iter().map(|r| (shard.clone(), r)));
    }
    assert_eq!(texts(&after_latest), expected, "{}: from the latest position", target.name);

    // After a sequence number: the shard's records that follow it.
    let (shard, first) = &read[0];
    let iterator =
        stream.iterator(shard, &StreamPosition::AfterSequence(first.sequence.clone())).await.unwrap();
    let next = stream.read(&iterator, 1).await.unwrap();
    let in_shard: Vec<&StreamRecord> = read.iter().filter(|(s, _)| s == shard).map(|(_, r)| r).collect();
    assert_eq!(
        next.records.first().map(|r| &r.sequence),
        in_shard.get(1).map(|r| &r.sequence),
        "{}",
        target.name
    );

    // At a time: from before the puts, everything; from the future, nothing.
    assert_eq!(texts(&read_all(stream.as_ref(), &StreamPosition::AtTimestamp(before)).await), expected);
    let future = Utc::now() + chrono::Duration::hours(1);
    assert!(
        read_all(stream.as_ref(), &StreamPosition::AtTimestamp(future)).await.is_empty(),
        "{}",
        target.name
    );
}
