//! The data stream end to end: `send --stream` and `tail` on the local backend (shard logs in the
//! data directory) and on the moto server's Kinesis, across a reshard; the consumer's answers to
//! partial failures, expired iterators and throttling through aws-smithy-mocks.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::bdctl;
use common::moto::{create_data_stream, moto_clients, unused_clients};
use common::{moto_config, moto_endpoint, with_test_credentials};
use serde_json::Value;

fn ndjson(text: &str) -> Vec<Value> {
    text.lines().map(|line| serde_json::from_str(line).unwrap()).collect()
}

/// Every event once, and each partition key's events in the order they were sent (their
/// synthetic timestamps rise within a session).
fn assert_once_and_in_order(rows: &[Value], expected: usize) {
    let ids: BTreeSet<&str> = rows.iter().map(|r| r["event"]["event_id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), expected, "distinct events");
    assert_eq!(rows.len(), expected, "no event twice");
    let mut by_key: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for row in rows {
        assert_eq!(row["partition_key"], row["event"]["session_id"], "keyed by session: {row}");
        by_key
            .entry(row["partition_key"].as_str().unwrap())
            .or_default()
            .push(row["event"]["timestamp"].as_str().unwrap());
    }
    for (key, times) in by_key {
        assert!(times.windows(2).all(|w| w[0] <= w[1]), "{key} out of order: {times:?}");
    }
}

#[test]
fn events_sent_through_the_local_stream_are_read_once_each_and_reach_the_lake() {
    let dir = tempfile::tempdir().unwrap();
    let sent = bdctl(dir.path())
        .args(["send", "--stream", "--count", "300", "--start", "2024-03-01", "--seed", "5", "-o", "json"])
        .output()
        .unwrap();
    assert!(sent.status.success(), "{}", String::from_utf8_lossy(&sent.stderr));
    let summary: Value = serde_json::from_slice(&sent.stdout).unwrap();
    assert_eq!(summary[0]["events"], 300);
    assert_eq!(summary[0]["destination"], "local data stream clickstream-events");

    let tail = |args: &[&str]| {
        let output = bdctl(dir.path()).arg("tail").args(args).args(["-o", "ndjson"]).output().unwrap();
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        (ndjson(&String::from_utf8(output.stdout).unwrap()), String::from_utf8(output.stderr).unwrap())
    };
    let (rows, stderr) = tail(&[]);
    assert_once_and_in_order(&rows, 300);
    let shards: BTreeSet<&str> = rows.iter().map(|r| r["shard"].as_str().unwrap()).collect();
    assert_eq!(shards.len(), 2, "both shards hold events");
    assert!(
        stderr.contains("shardId-000000000000: ") && stderr.contains("behind the newest record"),
        "{stderr}"
    );

    let purchases = rows.iter().filter(|r| r["event"]["event_type"] == "purchase").count();
    assert!(purchases > 0);
    assert_eq!(tail(&["--filter", "event_type=purchase"]).0.len(), purchases);
    assert_eq!(tail(&["--limit", "7"]).0.len(), 7);
    assert!(tail(&["--from", "2100-01-01T00:00:00Z"]).0.is_empty());
    assert!(tail(&["--from", "latest"]).0.is_empty());

    // The local Firehose reads the stream: the events land in the lake.
    let backfill =
        bdctl(dir.path()).args(["backfill", "--from", "2024-03-01", "--to", "2024-03-01"]).output().unwrap();
    assert!(backfill.status.success(), "{}", String::from_utf8_lossy(&backfill.stderr));
    bdctl(dir.path()).args(["crawl"]).assert().success();
    let count =
        bdctl(dir.path()).args(["query", "SELECT count(*) AS n FROM events", "-o", "csv"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&count.stdout), "n\n300\n");

    bdctl(dir.path())
        .args(["tail", "--from", "yesterday"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("latest, trim-horizon or a time"));
    bdctl(dir.path()).args(["tail", "--follow", "-o", "json"]).assert().code(2);
}

#[test]
fn a_follower_shows_new_events_and_ctrl_c_reports_each_shard() {
    let dir = tempfile::tempdir().unwrap();
    let send = |count: &str, seed: &str| {
        bdctl(dir.path()).args(["send", "--stream", "--count", count, "--seed", seed]).assert().success();
    };
    send("10", "1");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("bdctl"))
        .current_dir(dir.path())
        .env("HOME", dir.path())
        .env_remove("BDCTL_HOME")
        .args(["tail", "--follow", "--from", "trim-horizon", "-o", "ndjson"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (lines, seen) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if lines.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    let mut rows = Vec::new();
    let mut wait_for = |count: usize| {
        let deadline = Instant::now() + Duration::from_secs(60);
        while rows.len() < count && Instant::now() < deadline {
            if let Ok(line) = seen.recv_timeout(Duration::from_millis(100)) {
                rows.push(serde_json::from_str::<Value>(&line).unwrap());
            }
        }
        rows.len()
    };
    assert_eq!(wait_for(10), 10, "the records already in the stream");
    send("25", "2");
    assert_eq!(wait_for(35), 35, "and those sent while following");
    let killed = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert_eq!(status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("shardId-000000000001: ") && stderr.contains("events shown"), "{stderr}");
}

/// On the moto server: a 2-shard stream, a shard split between two sends: every event read once
/// from the parents and their children, each session in order.
#[tokio::test]
async fn send_and_tail_through_kinesis_across_a_split() {
    let Some(endpoint) = moto_endpoint() else { return };
    let clients = moto_clients(&endpoint).await;
    let stream = create_data_stream(&clients, 2).await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bdctl.toml"), moto_config(&endpoint, &[("kinesis_stream", &stream)]))
        .unwrap();
    let run = |args: &[&str]| {
        let mut cmd = bdctl(dir.path());
        with_test_credentials(&mut cmd);
        let output = cmd.env("HOME", dir.path()).args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        output
    };
    let started = Instant::now();
    run(&["send", "--stream", "--count", "1500", "--start", "2024-03-01", "--seed", "11"]);
    let send_seconds = started.elapsed().as_secs_f64();
    let shards = clients.kinesis.list_shards().stream_name(&stream).send().await.unwrap();
    let first = &shards.shards()[0];
    let range = first.hash_key_range().unwrap();
    let middle = (range.starting_hash_key().parse::<u128>().unwrap() / 2
        + range.ending_hash_key().parse::<u128>().unwrap() / 2)
        .to_string();
    clients
        .kinesis
        .split_shard()
        .stream_name(&stream)
        .shard_to_split(first.shard_id())
        .new_starting_hash_key(middle)
        .send()
        .await
        .unwrap();
    run(&["send", "--stream", "--count", "500", "--start", "2024-03-02", "--seed", "12"]);

    let started = Instant::now();
    let output = run(&["tail", "-o", "ndjson"]);
    let tail_seconds = started.elapsed().as_secs_f64();
    let rows = ndjson(&String::from_utf8(output.stdout).unwrap());
    assert_once_and_in_order(&rows, 2000);
    let shards: BTreeSet<&str> = rows.iter().map(|r| r["shard"].as_str().unwrap()).collect();
    assert!(shards.len() >= 2, "{shards:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("shardId-000000000002") && stderr.contains("shardId-000000000003"),
        "the children: {stderr}"
    );
    eprintln!(
        "figures: send --stream 1500 events in {send_seconds:.2} s ({:.0} events/s); tail 2000 events in {tail_seconds:.2} s ({:.0} records/s)",
        1500.0 / send_seconds,
        2000.0 / tail_seconds
    );

    // Without a data stream configured: one line, exit 2.
    let bare = tempfile::tempdir().unwrap();
    std::fs::write(bare.path().join("bdctl.toml"), moto_config(&endpoint, &[])).unwrap();
    let mut cmd = bdctl(bare.path());
    with_test_credentials(&mut cmd);
    cmd.env("HOME", bare.path())
        .args(["tail"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("`kinesis_stream` is not set"));
}

/// A Firehose stream whose source is the data stream: doctor names the source and warns until
/// `kinesis_stream` names it; status shows the path.
#[tokio::test]
async fn doctor_and_status_recognise_a_firehose_fed_by_the_data_stream() {
    use aws_sdk_firehose::types::{
        DeliveryStreamType, ExtendedS3DestinationConfiguration, KinesisStreamSourceConfiguration,
    };
    let Some(endpoint) = moto_endpoint() else { return };
    let clients = moto_clients(&endpoint).await;
    let bucket = common::unique("fed");
    common::moto::create_bucket(&clients, &bucket).await;
    let stream = create_data_stream(&clients, 1).await;
    let firehose = common::unique("fed-clicks");
    clients
        .firehose
        .create_delivery_stream()
        .delivery_stream_name(&firehose)
        .delivery_stream_type(DeliveryStreamType::KinesisStreamAsSource)
        .kinesis_stream_source_configuration(
            KinesisStreamSourceConfiguration::builder()
                .kinesis_stream_arn(format!("arn:aws:kinesis:us-east-1:123456789012:stream/{stream}"))
                .role_arn("arn:aws:iam::123456789012:role/firehose")
                .build()
                .unwrap(),
        )
        .extended_s3_destination_configuration(
            ExtendedS3DestinationConfiguration::builder()
                .bucket_arn(format!("arn:aws:s3:::{bucket}"))
                .role_arn("arn:aws:iam::123456789012:role/firehose")
                .prefix("raw/")
                .compression_format(aws_sdk_firehose::types::CompressionFormat::Gzip)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let run = |settings: &[(&str, &str)], args: &[&str]| {
        std::fs::write(dir.path().join("bdctl.toml"), moto_config(&endpoint, settings)).unwrap();
        let mut cmd = bdctl(dir.path());
        with_test_credentials(&mut cmd);
        let output = cmd.env("HOME", dir.path()).args(args).args(["-o", "json"]).output().unwrap();
        let rows: Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|_| panic!("{args:?}: {}", String::from_utf8_lossy(&output.stderr)));
        (rows, String::from_utf8(output.stderr).unwrap())
    };
    let row = |rows: &Value, check: &str, target: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["check"] == check && r["target"] == target)
            .unwrap_or_else(|| panic!("no {check} {target} in {rows}"))
            .clone()
    };
    let base = [("raw_bucket", bucket.as_str()), ("firehose_stream", firehose.as_str())];
    let (rows, _) = run(&base, &["doctor"]);
    let delivery = row(&rows, "delivery stream", &firehose);
    assert_eq!(delivery["status"], "warn", "{delivery}");
    let detail = delivery["detail"].as_str().unwrap();
    assert!(detail.contains(&format!("reads Kinesis stream {stream}")), "{detail}");
    assert!(detail.contains(&format!("kinesis_stream = \"{stream}\"")), "{detail}");

    let with_stream =
        [base[0], base[1], ("kinesis_stream", stream.as_str()), ("transformed_bucket", bucket.as_str())];
    let (rows, _) = run(&with_stream, &["doctor"]);
    assert_eq!(row(&rows, "delivery stream", &firehose)["status"], "ok", "{rows}");
    let data_stream = row(&rows, "data stream", &stream);
    assert_eq!(data_stream["status"], "ok", "{data_stream}");
    assert!(data_stream["detail"].as_str().unwrap().contains("ACTIVE, 1 open shards"), "{data_stream}");

    let (rows, _) = run(&with_stream, &["status"]);
    let ingest =
        rows.as_array().unwrap().iter().find(|r| r["check"] == "ingest").unwrap_or_else(|| panic!("{rows}"));
    assert_eq!(ingest["value"], format!("Kinesis stream {stream} → Firehose {firehose}"), "{ingest}");
}

mod mocked {
    use super::*;
    use aws_sdk_kinesis::operation::get_records::{GetRecordsError, GetRecordsOutput};
    use aws_sdk_kinesis::operation::get_shard_iterator::GetShardIteratorOutput;
    use aws_sdk_kinesis::operation::list_shards::ListShardsOutput;
    use aws_sdk_kinesis::operation::put_records::PutRecordsOutput;
    use aws_sdk_kinesis::primitives::Blob;
    use aws_sdk_kinesis::types::error::{ExpiredIteratorException, ProvisionedThroughputExceededException};
    use aws_sdk_kinesis::types::{HashKeyRange, PutRecordsResultEntry, Record, SequenceNumberRange, Shard};
    use aws_smithy_mocks::{RuleMode, mock, mock_client};
    use bdctl::backend::aws::Clients;
    use bdctl::backend::{StreamPosition, StreamRecordIn};
    use bdctl::services::tail::{TailOptions, tail};
    use bdctl::settings::Settings;
    use bytes::Bytes;

    fn backend(kinesis: aws_sdk_kinesis::Client) -> bdctl::backend::Backend {
        let text = "[env.test]\nbackend = \"aws\"\nregion = \"us-east-1\"\nkinesis_stream = \"events\"\n";
        let settings = Settings::from_config_text(std::path::Path::new("bdctl.toml"), text, None).unwrap();
        bdctl::backend::aws::from_clients(Clients { kinesis, ..unused_clients() }, &settings)
    }

    #[tokio::test]
    async fn a_partial_put_failure_sends_exactly_the_refused_records_again() {
        let seen = std::sync::Arc::new(std::sync::Mutex::new(BTreeMap::<String, u32>::new()));
        let calls = seen.clone();
        let rule = mock!(aws_sdk_kinesis::Client::put_records).then_compute_output(move |req| {
            let mut attempts = calls.lock().unwrap();
            let mut failed = 0;
            let entries: Vec<PutRecordsResultEntry> = req
                .records()
                .iter()
                .map(|record| {
                    let text = String::from_utf8(record.data().as_ref().to_vec()).unwrap();
                    let n: u32 = text.trim_start_matches("{\"n\":").trim_end_matches('}').parse().unwrap();
                    let count = attempts.entry(text).or_default();
                    *count += 1;
                    if n % 4 == 0 && *count == 1 {
                        failed += 1;
                        PutRecordsResultEntry::builder()
                            .error_code("ProvisionedThroughputExceededException")
                            .error_message("Rate exceeded for shard")
                            .build()
                    } else {
                        PutRecordsResultEntry::builder()
                            .sequence_number(n.to_string())
                            .shard_id("shardId-0")
                            .build()
                    }
                })
                .collect();
            PutRecordsOutput::builder()
                .failed_record_count(failed)
                .set_records(Some(entries))
                .build()
                .unwrap()
        });
        let stream = backend(mock_client!(aws_sdk_kinesis, RuleMode::MatchAny, [&rule])).stream;
        let records = (0..1000)
            .map(|n| StreamRecordIn {
                data: Bytes::from(format!("{{\"n\":{n}}}")),
                partition_key: format!("s{n}"),
                arrival: chrono::Utc::now(),
            })
            .collect();
        let report = stream.put(records, 0).await.unwrap();
        assert!(report.failed.is_empty(), "{:?}", report.failed);
        assert_eq!((report.records, report.retried), (1000, 250));
        let attempts = seen.lock().unwrap();
        assert_eq!(attempts.len(), 1000);
        assert!(attempts.iter().all(|(text, count)| {
            let n: u32 = text.trim_start_matches("{\"n\":").trim_end_matches('}').parse().unwrap();
            *count == if n % 4 == 0 { 2 } else { 1 }
        }));
        // Two batches of 500, each retried once.
        assert_eq!(rule.num_calls(), 4);
    }

    fn record(sequence: &str, key: &str, n: u32) -> Record {
        Record::builder()
            .sequence_number(sequence)
            .partition_key(key)
            .data(Blob::new(format!("{{\"n\":{n},\"session_id\":\"{key}\"}}")))
            .approximate_arrival_timestamp(aws_sdk_kinesis::primitives::DateTime::from_secs(1_700_000_000))
            .build()
            .unwrap()
    }

    fn shard(id: &str, parent: Option<&str>, closed: bool) -> Shard {
        let mut range = SequenceNumberRange::builder().starting_sequence_number("1");
        if closed {
            range = range.ending_sequence_number("99");
        }
        Shard::builder()
            .shard_id(id)
            .set_parent_shard_id(parent.map(str::to_string))
            .hash_key_range(
                HashKeyRange::builder().starting_hash_key("0").ending_hash_key("9").build().unwrap(),
            )
            .sequence_number_range(range.build().unwrap())
            .build()
            .unwrap()
    }

    /// A child listed before its parent is read after it; an expired iterator is renewed after
    /// the last record read and a throttled read tried again, with nothing lost or repeated.
    #[tokio::test]
    async fn parents_first_expired_iterators_renewed_throttling_waited_out() {
        let list = mock!(aws_sdk_kinesis::Client::list_shards).then_output(|| {
            ListShardsOutput::builder()
                .shards(shard("child", Some("parent"), false))
                .shards(shard("parent", None, true))
                .build()
        });
        let iterators = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
        let asked = iterators.clone();
        let iterator = mock!(aws_sdk_kinesis::Client::get_shard_iterator).then_compute_output(move |req| {
            let position = match req.starting_sequence_number() {
                Some(sequence) => format!("{}-after-{sequence}", req.shard_id().unwrap()),
                None => format!("{}-start", req.shard_id().unwrap()),
            };
            asked.lock().unwrap().push(position.clone());
            GetShardIteratorOutput::builder().shard_iterator(position).build()
        });
        let page = |records: Vec<Record>, next: Option<&str>, behind: i64| {
            GetRecordsOutput::builder()
                .set_records(Some(records))
                .set_next_shard_iterator(next.map(str::to_string))
                .millis_behind_latest(behind)
                .build()
                .unwrap()
        };
        let parent_first = mock!(aws_sdk_kinesis::Client::get_records)
            .match_requests(|req| req.shard_iterator() == Some("parent-start"))
            .then_output(move || {
                page(vec![record("1", "a", 1), record("2", "a", 2)], Some("parent-2"), 5_000)
            });
        // The iterator expires before the next read: bdctl asks for one after sequence 2.
        let parent_expired = mock!(aws_sdk_kinesis::Client::get_records)
            .match_requests(|req| req.shard_iterator() == Some("parent-2"))
            .then_error(|| {
                GetRecordsError::ExpiredIteratorException(
                    ExpiredIteratorException::builder().message("Iterator expired").build(),
                )
            });
        let parent_rest = mock!(aws_sdk_kinesis::Client::get_records)
            .match_requests(|req| req.shard_iterator() == Some("parent-after-2"))
            .then_output(move || page(vec![record("3", "a", 3)], None, 0));
        let child_throttled = mock!(aws_sdk_kinesis::Client::get_records)
            .match_requests(|req| req.shard_iterator() == Some("child-start"))
            .sequence()
            .error(|| {
                GetRecordsError::ProvisionedThroughputExceededException(
                    ProvisionedThroughputExceededException::builder().message("Rate exceeded").build(),
                )
            })
            .output(move || page(vec![record("4", "a", 4)], Some("child-4"), 0))
            .build();
        let child_end = mock!(aws_sdk_kinesis::Client::get_records)
            .match_requests(|req| req.shard_iterator() == Some("child-4"))
            .then_output(move || page(Vec::new(), Some("child-4"), 0));
        let client = mock_client!(
            aws_sdk_kinesis,
            RuleMode::MatchAny,
            [&list, &iterator, &parent_first, &parent_expired, &parent_rest, &child_throttled, &child_end]
        );
        let stream = backend(client).stream;
        let options = TailOptions {
            from: StreamPosition::TrimHorizon,
            follow: false,
            filters: Vec::new(),
            limit: None,
        };
        let mut events = Vec::new();
        let report = tail(
            stream.as_ref(),
            &options,
            |event| {
                events.push((event.shard.clone(), event.event["n"].as_u64().unwrap()));
                Ok(())
            },
            |_| {},
        )
        .await
        .unwrap();
        assert_eq!(
            events,
            vec![("parent".into(), 1), ("parent".into(), 2), ("parent".into(), 3), ("child".into(), 4)],
            "the parent to its end, then the child, each record once"
        );
        assert_eq!(*iterators.lock().unwrap(), vec!["parent-start", "parent-after-2", "child-start"]);
        let by_shard: BTreeMap<String, (u64, u64)> =
            report.shards.iter().map(|s| (s.shard.clone(), (s.iterators_renewed, s.throttled))).collect();
        assert_eq!(by_shard["parent"], (1, 0));
        assert_eq!(by_shard["child"], (0, 1));
        assert_eq!(report.events, 4);
    }
}
