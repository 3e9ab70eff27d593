//! Delivery: every record sent lands in the raw area exactly once, as one JSON line, and the
//! report counts what was sent.

use std::io::Read;

use bdctl::backend::DeliveryRecord;
use bytes::Bytes;
use chrono::{TimeZone, Utc};

use crate::Target;

pub async fn conformance(target: &Target) {
    let delivery = target.backend.delivery.clone();
    let arrival = Utc.with_ymd_and_hms(2024, 6, 1, 12, 0, 0).unwrap();
    let records: Vec<DeliveryRecord> = (0..250)
        .map(|i| DeliveryRecord {
            data: Bytes::from(format!(r#"{{"event_id":"conformance-{i:04}","event_type":"page_view"}}"#)),
            arrival,
        })
        .collect();
    let bytes: u64 = records.iter().map(|r| r.data.len() as u64).sum();
    let mut report = delivery.deliver(records[..100].to_vec(), 0).await.unwrap();
    report.absorb(delivery.deliver(records[100..].to_vec(), 100).await.unwrap());
    report.absorb(delivery.flush().await.unwrap());
    assert_eq!(report.records, 250, "{}", target.name);
    assert!(report.bytes >= bytes, "{}: {} bytes reported for {bytes}", target.name, report.bytes);
    assert!(report.failed.is_empty(), "{}: {:?}", target.name, report.failed);
    assert!(!delivery.destination().is_empty());
    // The records are in the raw area when flush returns where the sender writes them; a
    // service that buffers takes at least a minute more.
    let bound = delivery.arrival_bound().await.unwrap();
    if delivery.names_objects() {
        assert_eq!(bound, std::time::Duration::ZERO, "{}", target.name);
    } else {
        assert!(bound >= std::time::Duration::from_secs(60), "{}: {bound:?}", target.name);
    }

    let raw = bdctl::layout::area_location(&target.settings, bdctl::layout::Area::Raw).unwrap();
    let mut lines = Vec::new();
    for object in target.backend.objects.list(&raw.bucket, &raw.prefix).await.unwrap() {
        let body = target.backend.objects.get(&raw.bucket, &object.key).await.unwrap();
        let mut text = String::new();
        if body.starts_with(&[0x1f, 0x8b]) {
            flate2::read::MultiGzDecoder::new(body.as_ref()).read_to_string(&mut text).unwrap();
        } else {
            text = String::from_utf8(body.to_vec()).unwrap();
        }
        lines.extend(text.lines().filter(|l| !l.is_empty()).map(str::to_string));
    }
    lines.sort();
    let expected: Vec<String> =
        records.iter().map(|r| String::from_utf8(r.data.to_vec()).unwrap()).collect::<Vec<_>>();
    assert_eq!(lines, expected, "{}: every record exactly once, one per line", target.name);
}
