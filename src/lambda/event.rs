//! The raw objects an invocation names: the records of an S3 event notification, whose keys S3
//! sends form-encoded (`+` for a space, `%XX` for the rest).

use anyhow::{Result, anyhow, bail};
use aws_lambda_events::event::s3::S3Event;
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventObject {
    pub bucket: String,
    pub key: String,
}

/// A key as S3 writes it into event notifications, decoded.
pub fn decode_event_key(encoded: &str) -> Result<String> {
    let bytes = encoded.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => decoded.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| anyhow!("the event key `{encoded}` has a bad escape at byte {i}"))?;
                decoded.push(hex);
                i += 2;
            }
            other => decoded.push(other),
        }
        i += 1;
    }
    String::from_utf8(decoded).map_err(|_| anyhow!("the event key `{encoded}` does not decode to UTF-8"))
}

/// The shape of the events earlier bdctl versions sent: the S3 part of each record only.
#[derive(Deserialize)]
struct BareEvent {
    #[serde(rename = "Records")]
    records: Vec<BareRecord>,
}

#[derive(Deserialize)]
struct BareRecord {
    #[serde(rename = "eventName", default)]
    event_name: Option<String>,
    s3: BareEntity,
}

#[derive(Deserialize)]
struct BareEntity {
    bucket: BareName,
    object: BareKey,
}

#[derive(Deserialize)]
struct BareName {
    name: String,
}

#[derive(Deserialize)]
struct BareKey {
    key: String,
}

/// The objects created that the payload names. S3's test event (sent when a notification is
/// configured) names none.
pub fn objects_of(payload: &serde_json::Value) -> Result<Vec<EventObject>> {
    if payload.get("Records").is_none() {
        if payload.get("Event").and_then(|e| e.as_str()) == Some("s3:TestEvent") {
            return Ok(Vec::new());
        }
        bail!("the payload is not an S3 event notification: it has no `Records`");
    }
    let created = |name: Option<&str>| name.is_none_or(|n| n.starts_with("ObjectCreated"));
    // A state machine's Map over ListObjectsV2 passes keys as listed, not form-encoded.
    let encoded = payload.get("keysEncoded").and_then(|v| v.as_bool()).unwrap_or(true);
    let decode = |key: &str| if encoded { decode_event_key(key) } else { Ok(key.to_string()) };
    let mut objects = Vec::new();
    match serde_json::from_value::<S3Event>(payload.clone()) {
        Ok(event) => {
            for record in event.records {
                if !created(record.event_name.as_deref()) {
                    continue;
                }
                let (Some(bucket), Some(key)) = (record.s3.bucket.name, record.s3.object.key) else {
                    bail!("an S3 event record names no bucket or no key");
                };
                objects.push(EventObject { bucket, key: decode(&key)? });
            }
        }
        Err(full) => {
            let event: BareEvent = serde_json::from_value(payload.clone())
                .map_err(|_| anyhow!("the payload is not an S3 event notification: {full}"))?;
            for record in event.records {
                if created(record.event_name.as_deref()) {
                    objects.push(EventObject {
                        bucket: record.s3.bucket.name,
                        key: decode(&record.s3.object.key)?,
                    });
                }
            }
        }
    }
    Ok(objects)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_decode_as_s3_encodes_them() {
        assert_eq!(decode_event_key("raw/year%3D2026/a+b%2Bc.gz").unwrap(), "raw/year=2026/a b+c.gz");
        assert_eq!(decode_event_key("caf%C3%A9").unwrap(), "café");
        assert!(decode_event_key("bad%zz").unwrap_err().to_string().contains("bad escape at byte 3"));
        assert!(decode_event_key("cut%2").is_err());
    }

    #[test]
    fn a_notification_names_its_created_objects() {
        let record = |name: &str, key: &str| {
            json!({
                "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "eu-west-1",
                "eventTime": "2026-12-01T10:00:00.000Z", "eventName": name,
                "userIdentity": {"principalId": "AWS:X"}, "requestParameters": {"sourceIPAddress": "10.0.0.1"},
                "responseElements": {"x-amz-request-id": "R"},
                "s3": {"s3SchemaVersion": "1.0", "configurationId": "c", "bucket": {"name": "lake", "arn": "arn:aws:s3:::lake"},
                       "object": {"key": key, "size": 5, "eTag": "e", "sequencer": "0A"}}
            })
        };
        let payload = json!({"Records": [
            record("ObjectCreated:Put", "raw/day%3D1/a+b.gz"),
            record("ObjectRemoved:Delete", "raw/gone.gz"),
        ]});
        assert_eq!(
            objects_of(&payload).unwrap(),
            vec![EventObject { bucket: "lake".into(), key: "raw/day=1/a b.gz".into() }]
        );
        // Earlier CLIs sent the S3 part of the record alone.
        let bare = json!({"Records": [{"eventName": "ObjectCreated:Put",
            "s3": {"bucket": {"name": "lake"}, "object": {"key": "raw/x.gz", "size": 3}}}]});
        assert_eq!(objects_of(&bare).unwrap()[0].key, "raw/x.gz");
        // Keys a state machine listed arrive as they are.
        let listed = json!({"keysEncoded": false, "Records": [{"eventName": "ObjectCreated:Put",
            "s3": {"bucket": {"name": "lake"}, "object": {"key": "raw/a+b%20.gz"}}}]});
        assert_eq!(objects_of(&listed).unwrap()[0].key, "raw/a+b%20.gz");
        assert!(objects_of(&json!({"Service": "Amazon S3", "Event": "s3:TestEvent"})).unwrap().is_empty());
        assert!(objects_of(&json!({"hello": 1})).unwrap_err().to_string().contains("no `Records`"));
    }
}
