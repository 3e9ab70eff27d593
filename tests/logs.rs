//! `bdctl logs` on both backends: the local commands' log read, filtered with CloudWatch filter
//! patterns, narrowed to a run and followed until Ctrl-C; CloudWatch Logs on the moto server
//! merged across groups in time order, a Glue run's streams picked with `--run last`, and a
//! follow that sees what arrives after it started; Live Tail refused and throttling answered by
//! aws-smithy-mocks.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use aws_sdk_cloudwatchlogs::types::InputLogEvent;
use bdctl::backend::{LogQuery, LogSource, LogUpdate, RunSelector};
use common::moto::{moto_clients, settings_for};
use common::{bdctl, moto_endpoint, unique};
use serde_json::Value;

fn ndjson(cmd: &mut assert_cmd::Command) -> Vec<Value> {
    let output = cmd.output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn message(event: &Value) -> Value {
    serde_json::from_str(event["message"].as_str().unwrap()).unwrap()
}

fn send_and_transform(dir: &Path) {
    bdctl(dir)
        .args(["-q", "send", "--count", "2000", "--days", "1", "--start", "2024-06-01", "--seed", "3"])
        .args(["--bad-fraction", "0.02"])
        .assert()
        .success();
    bdctl(dir).args(["-q", "transform", "--date", "2024-06-01"]).assert().success();
    bdctl(dir).args(["-q", "crawl"]).assert().success();
}

#[test]
fn local_commands_log_what_they_did_and_logs_reads_filters_and_narrows_to_a_run() {
    let dir = tempfile::tempdir().unwrap();
    send_and_transform(dir.path());

    let all = ndjson(bdctl(dir.path()).args(["-q", "logs", "--since", "1h", "-o", "ndjson"]));
    let sources: std::collections::BTreeSet<&str> =
        all.iter().map(|e| e["source"].as_str().unwrap()).collect();
    assert_eq!(sources, ["crawler", "firehose", "lambda"].into_iter().collect());
    let times: Vec<&str> = all.iter().map(|e| e["time"].as_str().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "time order: {times:?}");
    assert!(all.iter().all(|e| message(e)["level"].is_string() && message(e)["message"].is_string()));

    let lambda = ndjson(bdctl(dir.path()).args(["-q", "logs", "lambda", "--since", "1h", "-o", "ndjson"]));
    assert!(
        lambda
            .iter()
            .all(|e| e["source"] == "lambda" && e["stream"].as_str().unwrap().starts_with("transform/"))
    );
    let per_object: Vec<Value> = lambda.iter().map(message).filter(|m| m["key"].is_string()).collect();
    assert!(!per_object.is_empty());
    let quarantining = per_object.iter().filter(|m| m["quarantined"].as_u64().unwrap() > 0).count();
    assert!(
        quarantining > 0 && quarantining < per_object.len(),
        "some objects quarantined records: {quarantining} of {}",
        per_object.len()
    );

    let filtered = ndjson(bdctl(dir.path()).args([
        "-q",
        "logs",
        "lambda",
        "--since",
        "1h",
        "--filter",
        "{ $.quarantined > 0 && $.key = \"raw/*\" }",
        "-o",
        "ndjson",
    ]));
    assert_eq!(filtered.len(), quarantining);
    let warned = ndjson(bdctl(dir.path()).args([
        "-q",
        "logs",
        "--since",
        "1h",
        "--filter",
        "WARN -crawl",
        "-o",
        "ndjson",
    ]));
    assert_eq!(warned.len(), quarantining);

    // A backfill of the same day has nothing to do; `--run last` shows that run alone.
    bdctl(dir.path())
        .args(["-q", "backfill", "--from", "2024-06-01", "--to", "2024-06-01"])
        .assert()
        .success();
    let last =
        ndjson(bdctl(dir.path()).args(["-q", "logs", "--since", "1h", "--run", "last", "-o", "ndjson"]));
    assert_eq!(last.len(), 1, "{} lines", last.len());
    assert_eq!(last[0]["source"], "glue");
    assert!(message(&last[0])["message"].as_str().unwrap().starts_with("backfill of "), "{:?}", last[0]);
    let first_run = lambda[0]["stream"].as_str().unwrap().split_once('/').unwrap().1.to_string();
    let first =
        ndjson(bdctl(dir.path()).args(["-q", "logs", "--since", "1h", "--run", &first_run, "-o", "ndjson"]));
    assert_eq!(first.len(), lambda.len(), "the first run's lines");

    let bad = bdctl(dir.path()).args(["-q", "logs", "--filter", "[ip, user]"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("--filter `[ip, user]`"), "{stderr}");
    let missing = bdctl(dir.path()).args(["-q", "logs", "--run", "nope"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(2), "{}", String::from_utf8_lossy(&missing.stderr));
}

#[test]
fn a_local_follow_shows_new_lines_and_ends_on_ctrl_c_with_130() {
    let dir = tempfile::tempdir().unwrap();
    send_and_transform(dir.path());
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("bdctl"))
        .current_dir(dir.path())
        .env("HOME", dir.path())
        .args(["-q", "logs", "firehose", "--follow", "--since", "1s", "-o", "ndjson"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (lines, received) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if lines.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    std::thread::sleep(Duration::from_millis(700));
    bdctl(dir.path())
        .args(["-q", "send", "--count", "10", "--days", "1", "--start", "2024-06-02", "--seed", "4"])
        .assert()
        .success();
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen = Vec::new();
    while !seen.iter().any(|l: &Value| message(l)["message"].as_str().unwrap().starts_with("sent 10 events"))
    {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = received.recv_timeout(left).expect("the follow shows the new send");
        seen.push(serde_json::from_str(&line).unwrap());
    }
    assert!(seen.iter().all(|e| e["source"] == "firehose"));
    let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert_eq!(exit.code(), Some(130));
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(stderr.lines().count() <= 1, "no stack of errors: {stderr}");
}

async fn put(clients: &bdctl::backend::aws::Clients, group: &str, stream: &str, events: &[(i64, &str)]) {
    let _ = clients.logs.create_log_group().log_group_name(group).send().await;
    clients.logs.create_log_stream().log_group_name(group).log_stream_name(stream).send().await.unwrap();
    let events = events
        .iter()
        .map(|(ms, text)| InputLogEvent::builder().timestamp(*ms).message(*text).build().unwrap())
        .collect();
    clients
        .logs
        .put_log_events()
        .log_group_name(group)
        .log_stream_name(stream)
        .set_log_events(Some(events))
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn cloudwatch_logs_are_merged_in_time_order_and_a_glue_run_is_picked() {
    let Some(endpoint) = moto_endpoint() else { return };
    let clients = moto_clients(&endpoint).await;
    let function = unique("transform");
    let job = common::moto::create_glue_job(&clients).await;
    let crawler = unique("crawler");
    let older =
        clients.glue.start_job_run().job_name(&job).send().await.unwrap().job_run_id().unwrap().to_string();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let newer =
        clients.glue.start_job_run().job_name(&job).send().await.unwrap().job_run_id().unwrap().to_string();
    let now = chrono::Utc::now().timestamp_millis();
    put(
        &clients,
        &format!("/aws/lambda/{function}"),
        "2026/12/02/[$LATEST]abc",
        &[
            (now - 5000, "START RequestId: 1 Version: $LATEST"),
            (now - 3000, r#"{"level":"WARN","message":"ok raw/a.gz","quarantined":2}"#),
        ],
    )
    .await;
    put(&clients, "/aws-glue/jobs/output", &older, &[(now - 4000, "older run says hello")]).await;
    put(&clients, "/aws-glue/jobs/output", &newer, &[(now - 2000, "newer run says hello")]).await;
    put(&clients, "/aws-glue/jobs/error", &unique("jr_other_job"), &[(now - 2500, "another job's run")])
        .await;
    put(&clients, "/aws-glue/crawlers", &crawler, &[(now - 1000, "Crawler has finished running")]).await;

    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "{}lambda_function = \"{function}\"\nglue_job = \"{job}\"\nglue_crawler = \"{crawler}\"\n",
        common::moto_config(&endpoint, &[])
    );
    let settings = settings_for(dir.path(), &config);
    let backend = bdctl::backend::aws::from_clients(clients.clone(), &settings);
    let query = LogQuery {
        sources: Vec::new(),
        start: chrono::Utc::now() - chrono::Duration::minutes(10),
        filter: None,
        run: None,
    };
    let (targets, left_out) = backend.logs.targets(&query).await.unwrap();
    assert_eq!(left_out.iter().map(|(s, _)| *s).collect::<Vec<_>>(), [LogSource::Firehose], "{left_out:?}");
    let events = backend.logs.read(&query, &targets).await.unwrap();
    let shown: Vec<(LogSource, &str)> = events.iter().map(|e| (e.source, e.message.as_str())).collect();
    assert_eq!(
        shown,
        [
            (LogSource::Lambda, "START RequestId: 1 Version: $LATEST"),
            (LogSource::Glue, "older run says hello"),
            (LogSource::Lambda, r#"{"level":"WARN","message":"ok raw/a.gz","quarantined":2}"#),
            (LogSource::Glue, "newer run says hello"),
            (LogSource::Crawler, "Crawler has finished running"),
        ]
    );

    let last = LogQuery { run: Some(RunSelector::Last), ..query.clone() };
    let (targets, _) = backend.logs.targets(&last).await.unwrap();
    let events = backend.logs.read(&last, &targets).await.unwrap();
    assert_eq!(events.iter().map(|e| e.message.as_str()).collect::<Vec<_>>(), ["newer run says hello"]);
    assert!(events.iter().all(|e| e.stream == newer));

    let filtered =
        LogQuery { sources: vec![LogSource::Lambda], filter: Some("WARN".into()), ..query.clone() };
    let (targets, _) = backend.logs.targets(&filtered).await.unwrap();
    let events = backend.logs.read(&filtered, &targets).await.unwrap();
    assert_eq!(events.len(), 1, "the filter pattern is passed to CloudWatch: {events:?}");

    let refused =
        backend.logs.targets(&LogQuery { sources: vec![LogSource::Lambda], ..last }).await.unwrap_err();
    assert_eq!(bdctl::error::exit_status(&refused), bdctl::error::ExitStatus::Usage, "{refused}");

    // A follow sees what is logged after it began, whether through Live Tail or by polling.
    let lambda = LogQuery { sources: vec![LogSource::Lambda], ..query.clone() };
    let (targets, _) = backend.logs.targets(&lambda).await.unwrap();
    let (updates, mut received) = tokio::sync::mpsc::channel(16);
    let logs = backend.logs.clone();
    let follow_targets = targets.clone();
    let follow_query = lambda.clone();
    let follower = tokio::spawn(async move {
        logs.follow(&follow_query, &follow_targets, Some(chrono::Utc::now()), updates).await
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    let later = chrono::Utc::now().timestamp_millis() + 200;
    put(
        &clients,
        &format!("/aws/lambda/{function}"),
        "2026/12/02/[$LATEST]def",
        &[(later, "logged after the follow began")],
    )
    .await;
    let mut messages = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !messages.iter().any(|m: &String| m == "logged after the follow began") {
        let update =
            tokio::time::timeout(deadline.saturating_duration_since(Instant::now()), received.recv())
                .await
                .expect("the new event arrives")
                .expect("the follow goes on");
        if let LogUpdate::Events(events) = update {
            messages.extend(events.into_iter().map(|e| e.message));
        }
    }
    assert!(!messages.iter().any(|m| m.contains("START RequestId")), "nothing from before: {messages:?}");
    drop(received);
    let _ = tokio::time::timeout(Duration::from_secs(10), follower).await;
}

mod mocked {
    use super::*;
    use aws_sdk_cloudwatchlogs::error::ErrorMetadata;
    use aws_sdk_cloudwatchlogs::operation::describe_log_groups::DescribeLogGroupsOutput;
    use aws_sdk_cloudwatchlogs::operation::filter_log_events::{FilterLogEventsError, FilterLogEventsOutput};
    use aws_sdk_cloudwatchlogs::operation::start_live_tail::StartLiveTailError;
    use aws_sdk_cloudwatchlogs::types::error::AccessDeniedException;
    use aws_sdk_cloudwatchlogs::types::{FilteredLogEvent, LogGroup};
    use aws_smithy_mocks::{RuleMode, mock, mock_client};

    /// Live Tail refused: the follow says so once and polls FilterLogEvents instead; throttled
    /// polls slow it down, and the events still arrive.
    #[tokio::test]
    async fn a_refused_live_tail_falls_back_to_polling_that_throttling_only_slows() {
        let group = "/aws/lambda/transform";
        let described = mock!(aws_sdk_cloudwatchlogs::Client::describe_log_groups).then_output(move || {
            DescribeLogGroupsOutput::builder()
                .log_groups(
                    LogGroup::builder()
                        .log_group_name(group)
                        .log_group_arn(format!("arn:aws:logs:us-east-1:123456789012:log-group:{group}"))
                        .build(),
                )
                .build()
        });
        let refused = mock!(aws_sdk_cloudwatchlogs::Client::start_live_tail).then_error(|| {
            StartLiveTailError::AccessDeniedException(
                AccessDeniedException::builder().message("not allowed to tail").build(),
            )
        });
        let at = chrono::Utc::now().timestamp_millis() + 1000;
        let polled = mock!(aws_sdk_cloudwatchlogs::Client::filter_log_events)
            .sequence()
            .error(|| {
                FilterLogEventsError::generic(
                    ErrorMetadata::builder().code("ThrottlingException").message("Rate exceeded").build(),
                )
            })
            .times(2)
            .output(move || {
                FilterLogEventsOutput::builder()
                    .events(
                        FilteredLogEvent::builder()
                            .event_id("1")
                            .timestamp(at)
                            .log_stream_name("s")
                            .message("arrived while polling")
                            .build(),
                    )
                    .build()
            })
            .repeatedly()
            .build();
        let logs =
            mock_client!(aws_sdk_cloudwatchlogs, RuleMode::MatchAny, [&described, &refused, &polled], |c| c
                .retry_config(aws_smithy_types::retry::RetryConfig::disabled()));
        let clients = bdctl::backend::aws::Clients { logs, ..common::moto::unused_clients() };
        let dir = tempfile::tempdir().unwrap();
        let settings = settings_for(
            dir.path(),
            "[env.t]\nbackend = \"aws\"\nregion = \"us-east-1\"\nlambda_function = \"transform\"\nmax_attempts = 1\n",
        );
        let backend = bdctl::backend::aws::from_clients(clients, &settings);
        let query = LogQuery {
            sources: vec![LogSource::Lambda],
            start: chrono::Utc::now() - chrono::Duration::minutes(1),
            filter: None,
            run: None,
        };
        let targets =
            vec![bdctl::backend::LogTarget { source: LogSource::Lambda, group: group.into(), streams: None }];
        let (updates, mut received) = tokio::sync::mpsc::channel(16);
        let follower = {
            let logs = backend.logs.clone();
            tokio::spawn(
                async move { logs.follow(&query, &targets, Some(chrono::Utc::now()), updates).await },
            )
        };
        let mut notices = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        let events = loop {
            let update =
                tokio::time::timeout(deadline.saturating_duration_since(Instant::now()), received.recv())
                    .await
                    .expect("an update")
                    .expect("the follow goes on");
            match update {
                LogUpdate::Notice(text) => notices.push(text),
                LogUpdate::Events(events) => break events,
            }
        };
        assert_eq!(events.iter().map(|e| e.message.as_str()).collect::<Vec<_>>(), ["arrived while polling"]);
        assert!(
            notices.iter().any(|n| n.starts_with("Live Tail refused (AccessDeniedException")),
            "{notices:?}"
        );
        assert!(notices.iter().any(|n| n.contains("throttling")), "{notices:?}");
        assert!(polled.num_calls() >= 3);
        drop(received);
        let ended =
            tokio::time::timeout(Duration::from_secs(40), follower).await.expect("ends once nobody listens");
        assert!(ended.unwrap().is_ok());
    }
}
