//! Logs: what a source logged is read back in time order with its source, a filter pattern
//! narrows it the same way on both backends, and a follow hands on what is logged after it began.

use std::time::{Duration, Instant};

use bdctl::backend::{LogEntry, LogQuery, LogSource, LogUpdate};

use crate::Target;

/// Logs `text` the way each platform's delivery stream does: the local `send` through the
/// capability, Firehose's error logging into its CloudWatch group.
async fn log_from_the_stream(target: &Target, text: &str, ago_ms: i64) {
    match &target.clients {
        None => target.backend.logs.record(LogEntry::new(LogSource::Firehose, "send", "INFO", text)),
        Some(clients) => {
            let stream = target.settings.firehose_stream.value.clone().unwrap();
            let group = format!("/aws/kinesisfirehose/{stream}");
            let _ = clients.logs.create_log_group().log_group_name(&group).send().await;
            let log_stream = crate::common::unique("DestinationDelivery");
            clients
                .logs
                .create_log_stream()
                .log_group_name(&group)
                .log_stream_name(&log_stream)
                .send()
                .await
                .unwrap();
            let event = aws_sdk_cloudwatchlogs::types::InputLogEvent::builder()
                .timestamp(chrono::Utc::now().timestamp_millis() - ago_ms)
                .message(text)
                .build()
                .unwrap();
            clients
                .logs
                .put_log_events()
                .log_group_name(&group)
                .log_stream_name(&log_stream)
                .log_events(event)
                .send()
                .await
                .unwrap();
        }
    }
}

pub async fn conformance(target: &Target) {
    let logs = target.backend.logs.clone();
    let query = LogQuery {
        sources: vec![LogSource::Firehose],
        start: chrono::Utc::now() - chrono::Duration::minutes(5),
        filter: None,
        run: None,
    };
    let (targets, left_out) = logs.targets(&query).await.unwrap();
    assert!(left_out.is_empty(), "{}: {left_out:?}", target.name);
    assert!(
        !targets.is_empty() && targets.iter().all(|t| t.source == LogSource::Firehose),
        "{}",
        target.name
    );

    for (text, ago) in
        [("delivered batch 1", 3000), ("delivery failed for batch 2", 2000), ("delivered batch 3", 1000)]
    {
        log_from_the_stream(target, text, ago).await;
    }
    let events = logs.read(&query, &targets).await.unwrap();
    let texts: Vec<&str> = events.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(events.len(), 3, "{}: {texts:?}", target.name);
    for (event, text) in
        events.iter().zip(["delivered batch 1", "delivery failed for batch 2", "delivered batch 3"])
    {
        assert!(event.message.contains(text), "{}: in time order: {texts:?}", target.name);
        assert_eq!(event.source, LogSource::Firehose);
    }

    let failed = LogQuery { filter: Some("failed".into()), ..query.clone() };
    let events = logs.read(&failed, &targets).await.unwrap();
    assert_eq!(events.len(), 1, "{}: the filter pattern narrows", target.name);
    assert!(events[0].message.contains("delivery failed for batch 2"));

    let (updates, mut received) = tokio::sync::mpsc::channel(16);
    let follower = {
        let (logs, query, targets) = (logs.clone(), query.clone(), targets.clone());
        tokio::spawn(async move { logs.follow(&query, &targets, Some(chrono::Utc::now()), updates).await })
    };
    tokio::time::sleep(Duration::from_millis(500)).await;
    log_from_the_stream(target, "delivered batch 4", -200).await;
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut followed = Vec::new();
    while !followed.iter().any(|m: &String| m.contains("delivered batch 4")) {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, received.recv()).await {
            Ok(Some(LogUpdate::Events(events))) => followed.extend(events.into_iter().map(|e| e.message)),
            Ok(Some(LogUpdate::Notice(_))) => {}
            other => panic!("{}: the follow ended or saw nothing: {other:?}", target.name),
        }
    }
    assert!(
        !followed.iter().any(|m| m.contains("batch 1")),
        "{}: nothing from before: {followed:?}",
        target.name
    );
    drop(received);
    let _ = tokio::time::timeout(Duration::from_secs(40), follower).await;
}
