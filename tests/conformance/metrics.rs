//! Metrics: the headline figures are among the available metrics; what the platform records of
//! a run is read back, one series per metric asked, in the order asked, within the window.

use chrono::{Duration, Utc};

use crate::Target;

/// Records `events` sent into the delivery stream, the way each platform records it: the
/// local backend in its activity log (through the capability), CloudWatch from the service.
async fn record_events_sent(target: &Target, events: f64) {
    match &target.clients {
        None => target.backend.metrics.record("send", &[("events", events), ("bytes", events * 100.0)]),
        Some(clients) => {
            let stream = target.settings.firehose_stream.value.clone().unwrap();
            crate::common::moto::put_incoming_records(clients, &stream, events).await;
        }
    }
}

pub async fn conformance(target: &Target) {
    let metrics = target.backend.metrics.clone();
    let (available, _missing) = metrics.available();
    let headline = metrics.headline();
    assert!(!headline.is_empty(), "{}", target.name);
    for (label, spec) in &headline {
        assert!(available.contains(spec), "{}: headline `{label}` is an available metric", target.name);
    }
    record_events_sent(target, 40.0).await;
    record_events_sent(target, 2.0).await;

    let events_in = headline[0].1.clone();
    let mut asked = vec![events_in.clone()];
    asked.extend(available.iter().filter(|s| **s != events_in).take(2).cloned());
    let end = Utc::now() + Duration::minutes(1);
    let start = end - Duration::hours(3);
    let series = metrics.series(&asked, start, end, 3600).await.unwrap();
    assert_eq!(series.len(), asked.len(), "{}: one series per metric asked", target.name);
    for (series, spec) in series.iter().zip(&asked) {
        assert_eq!(&series.spec, spec, "{}: in the order asked", target.name);
        assert!(series.points.iter().all(|(t, _)| *t >= start && *t < end), "{}", target.name);
    }
    let total: f64 = series[0].points.iter().map(|(_, v)| v).sum();
    assert_eq!(total, 42.0, "{}: the recorded events, summed", target.name);
}
