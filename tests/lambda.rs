//! The transform function: the `bdctl-lambda` executable served through a Lambda Runtime API
//! emulator (cargo-lambda's `watch`, started by `scripts/test`), invoked by `bdctl transform
//! --remote lambda`, over raw objects on the moto server. Its lake must be byte for byte the
//! one `bdctl transform` writes from the same objects.

mod common;

use std::io::Write;
use std::process::{Child, Command, Stdio};

use bdctl::backend::aws::Clients;
use common::moto::{create_bucket, moto_clients};
use common::{bdctl, moto_config, moto_endpoint, unique, with_test_credentials};
use serde_json::Value;

/// The variable `scripts/test` sets to the emulator's URL.
const EMULATOR_VAR: &str = "BDCTL_TEST_LAMBDA_EMULATOR";
/// The emulator serves the package's binaries by name.
const FUNCTION: &str = "bdctl-lambda";

fn emulator() -> Option<String> {
    common::harness_var(EMULATOR_VAR, "starts the Lambda emulator")
}

fn gzip(text: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    encoder.write_all(text).unwrap();
    encoder.finish().unwrap()
}

/// Clickstream events of one delivery: varied types, late arrivals from the day before, and
/// every `bad_every`-th line malformed.
fn delivery(seed: u64, events: usize, bad_every: usize) -> Vec<u8> {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        state >> 33
    };
    let types = ["page_view", "add_to_cart", "purchase", "search", "click"];
    let mut text = String::new();
    for i in 0..events {
        if bad_every > 0 && i % bad_every == bad_every - 1 {
            text.push_str(&format!("{{\"event_id\":\"bad-{seed}-{i}\",\"event_type\":\"purchase\",\"timestamp\":\"2026-12-01T01:00:00Z\",\"price\":\"n/a\"}}\n"));
            continue;
        }
        let kind = types[(next() % 5) as usize];
        let day = if next() % 50 == 0 { 30 } else { 1 };
        let month = if day == 30 { 11 } else { 12 };
        let (h, m, s, micros) = (next() % 24, next() % 60, next() % 60, next() % 1_000_000);
        text.push_str(&format!(
            "{{\"event_id\":\"{seed}-{i}\",\"event_type\":\"{kind}\",\"timestamp\":\"2026-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}.{micros:06}Z\",\
             \"user_id\":\"u{}\",\"session_id\":\"s{}\",\"page_url\":\"https://shop.example/p/{}\",\"price\":{}.{:02},\"quantity\":{},\
             \"ip\":\"10.0.{}.{}\",\"email\":\"user{}@example.com\",\"campaign\":\"c{}\"}}\n",
            next() % 5000,
            next() % 20000,
            next() % 900,
            next() % 300,
            next() % 100,
            1 + next() % 4,
            next() % 255,
            next() % 255,
            next() % 5000,
            next() % 7
        ));
    }
    text.into_bytes()
}

/// The raw objects: two Firehose-like deliveries, a key with a space and `=`, the kinds of bad
/// record, a truncated and a corrupted object.
fn raw_objects() -> Vec<(String, Vec<u8>)> {
    let prefix = "raw/year=2026/month=12/day=01";
    let bad_lines: &[&[u8]] = &[
        br#"{"event_id":"x", "event_type": oops}"#,
        br#"[1,2,3]"#,
        br#"{"event_type":"click","timestamp":"2026-12-01T00:00:00Z","ip":"10.9.9.9"}"#,
        br#"{"event_id":"q","event_type":"purchase","timestamp":"2026-12-01T00:00:00Z","quantity":1.5}"#,
        br#"{"event_id":"t","event_type":"click","timestamp":"last tuesday"}"#,
        b"{\"event_id\":\"u\",\"event_type\":\"click\",\"timestamp\":\"2026-12-01T00:00:00Z\",\"page_url\":\"bad\xff\xfe\"}",
        br#"{"event_id":"g","event_type":"click","timestamp":"2026-12-01T03:00:00Z"}"#,
    ];
    let mut bad = Vec::new();
    for line in bad_lines {
        bad.extend_from_slice(line);
        bad.push(b'\n');
    }
    let whole = gzip(&delivery(3, 3000, 0));
    let mut corrupt = whole.clone();
    let middle = corrupt.len() / 2;
    for byte in &mut corrupt[middle..middle + 64] {
        *byte ^= 0x5a;
    }
    vec![
        (format!("{prefix}/clickstream-1-2026-12-01-00-00-00-a.gz"), gzip(&delivery(1, 20_000, 97))),
        (format!("{prefix}/clickstream-1-2026-12-01-12-00-00-b.gz"), gzip(&delivery(2, 12_000, 0))),
        (format!("{prefix}/batch a=b.gz"), gzip(&delivery(4, 500, 0))),
        (format!("{prefix}/bad-records.gz"), gzip(&bad)),
        (format!("{prefix}/truncated.gz"), whole[..whole.len() * 2 / 3].to_vec()),
        (format!("{prefix}/corrupt.gz"), corrupt),
    ]
}

/// Every object of a bucket, by key.
async fn contents(clients: &Clients, bucket: &str) -> Vec<(String, Vec<u8>)> {
    let listed = clients.s3.list_objects_v2().bucket(bucket).send().await.unwrap();
    let mut objects = Vec::new();
    for object in listed.contents() {
        let key = object.key().unwrap().to_string();
        let body = clients.s3.get_object().bucket(bucket).key(&key).send().await.unwrap();
        objects.push((key, body.body.collect().await.unwrap().into_bytes().to_vec()));
    }
    objects.sort();
    objects
}

/// The function process, polling the emulator for invocations with this lake's settings.
struct FunctionProcess(Child);

impl FunctionProcess {
    fn start(emulator: &str, moto: &str, raw: &str, lake: &str, memory_mb: u32) -> Self {
        let child = Command::new(env!("CARGO_BIN_EXE_bdctl-lambda"))
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("AWS_LAMBDA_RUNTIME_API", format!("{emulator}/.rt/{FUNCTION}"))
            .env("AWS_LAMBDA_FUNCTION_NAME", FUNCTION)
            .env("AWS_LAMBDA_FUNCTION_VERSION", "1")
            .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", memory_mb.to_string())
            .env("AWS_REGION", "us-east-1")
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("BDCTL_BACKEND", "aws")
            .env("BDCTL_ENDPOINT_URL", moto)
            .env("BDCTL_MAX_ATTEMPTS", "1")
            .env("BDCTL_RAW_BUCKET", raw)
            .env("BDCTL_TRANSFORMED_BUCKET", lake)
            .env("BDCTL_ERRORS_BUCKET", lake)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start bdctl-lambda");
        Self(child)
    }
}

impl Drop for FunctionProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn summary(output: &std::process::Output) -> Value {
    let mut rows: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("JSON rows: {}", String::from_utf8_lossy(&output.stderr)));
    let row = rows[0].as_object_mut().unwrap();
    row.remove("seconds");
    row.remove("events_per_s");
    rows
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_function_writes_the_lake_bdctl_transform_writes() {
    let (Some(moto), Some(emulator)) = (moto_endpoint(), emulator()) else { return };
    let clients = moto_clients(&moto).await;
    let (raw, local_lake, remote_lake) = (unique("fn-raw"), unique("fn-local"), unique("fn-remote"));
    for bucket in [&raw, &local_lake, &remote_lake] {
        create_bucket(&clients, bucket).await;
    }
    let objects = raw_objects();
    for (key, body) in &objects {
        clients.s3.put_object().bucket(&raw).key(key).body(body.clone().into()).send().await.unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "{}\n{}",
        moto_config(
            &moto,
            &[("raw_bucket", &raw), ("transformed_bucket", &local_lake), ("errors_bucket", &local_lake)]
        ),
        moto_config(
            &moto,
            &[("raw_bucket", &raw), ("transformed_bucket", &remote_lake), ("lambda_function", FUNCTION)]
        )
        .replace("[env.moto]", "[env.remote]")
            + &format!("lambda_endpoint_url = \"{emulator}\"\n")
    );
    std::fs::write(dir.path().join("bdctl.toml"), config).unwrap();

    let local = with_test_credentials(&mut bdctl(dir.path()))
        .args(["--env", "moto", "transform", "--date", "2026-12-01", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(
        local.status.code(),
        Some(1),
        "two damaged objects: {}",
        String::from_utf8_lossy(&local.stderr)
    );

    let _function = FunctionProcess::start(&emulator, &moto, &raw, &remote_lake, 1024);
    let remote = with_test_credentials(&mut bdctl(dir.path()))
        .args(["--env", "remote", "transform", "--date", "2026-12-01", "--remote", "lambda", "-o", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&remote.stderr);
    // Damage is an answer of the function, not a function error Lambda would retry.
    assert_eq!(remote.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("failed for"), "{stderr}");
    assert!(stderr.contains("raw/year=2026/month=12/day=01/truncated.gz is damaged"), "{stderr}");
    assert!(stderr.contains("raw/year=2026/month=12/day=01/corrupt.gz is damaged"), "{stderr}");
    let totals = summary(&remote);
    assert_eq!(totals, summary(&local), "the same counts as the local transform");
    assert_eq!(totals[0]["objects"], 6);
    assert_eq!(totals[0]["failed"], 2);
    assert!(totals[0]["quarantined"].as_u64().unwrap() > 200, "{totals}");

    let written = contents(&clients, &local_lake).await;
    let keys: Vec<&str> = written.iter().map(|(k, _)| k.as_str()).collect();
    assert!(keys.contains(&"transformed/year=2026/month=12/day=01/batch a=b.parquet"), "{keys:?}");
    assert!(
        keys.contains(&"transformed/year=2026/month=11/day=30/clickstream-1-2026-12-01-00-00-00-a.parquet"),
        "{keys:?}"
    );
    assert!(keys.contains(&"errors/year=2026/month=12/day=01/bad-records.ndjson"), "{keys:?}");
    assert!(keys.contains(&"_bdctl/manifests/raw/year=2026/month=12/day=01/batch a=b.gz.json"), "{keys:?}");
    assert!(keys.contains(&"_bdctl/partitions.json"), "{keys:?}");
    let remote_written = contents(&clients, &remote_lake).await;
    assert_eq!(
        remote_written.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
        keys,
        "the same objects under the same keys"
    );
    for ((key, local_bytes), (_, remote_bytes)) in written.iter().zip(&remote_written) {
        assert!(
            local_bytes == remote_bytes,
            "{key} differs: {} vs {} bytes",
            local_bytes.len(),
            remote_bytes.len()
        );
    }

    // One object again, by key: the same answer as `--keys` locally.
    let one = with_test_credentials(&mut bdctl(dir.path()))
        .args(["--env", "remote", "transform", "--remote", "lambda", "--objects", "-o", "json", "--key"])
        .arg("raw/year=2026/month=12/day=01/batch a=b.gz")
        .output()
        .unwrap();
    assert!(one.status.success(), "{}", String::from_utf8_lossy(&one.stderr));
    let rows: Value = serde_json::from_slice(&one.stdout).unwrap();
    assert_eq!(rows[0]["source_key"], "raw/year=2026/month=12/day=01/batch a=b.gz");
    assert_eq!((rows[0]["status"].as_str(), rows[0]["events"].as_u64()), (Some("ok"), Some(500)));
    assert_eq!(contents(&clients, &remote_lake).await, remote_written, "a re-run writes the same bytes");

    // The pipeline's check, asked of the function: the damaged objects' records are in neither
    // the lake nor the quarantine, so the day does not add up.
    let reconcile = |date: &str| {
        let payload = serde_json::json!({"bdctl": "reconcile", "date": date}).to_string();
        let emulator = emulator.clone();
        async move {
            let lambda = moto_clients(&emulator).await.lambda;
            let answer = lambda
                .invoke()
                .function_name(FUNCTION)
                .payload(aws_sdk_lambda::primitives::Blob::new(payload))
                .send()
                .await;
            // Lambda answers a function error with 200 and X-Amz-Function-Error; the emulator
            // with a 500 carrying the same error document.
            match answer {
                Ok(answer) => {
                    let body: Value = serde_json::from_slice(answer.payload().unwrap().as_ref()).unwrap();
                    (answer.function_error().map(str::to_string), body)
                }
                Err(err) => {
                    let raw = err.raw_response().expect("an answer").body().bytes().unwrap().to_vec();
                    (Some("Unhandled".to_string()), serde_json::from_slice(&raw).unwrap())
                }
            }
        }
    };
    let (error, body) = reconcile("2026-12-01").await;
    assert!(error.is_some(), "{body}");
    assert_eq!(body["errorType"], "Unbalanced", "{body}");
    let message = body["errorMessage"].as_str().unwrap();
    assert!(message.starts_with("2026-12-01 does not add up: "), "{message}");
    assert!(message.contains("truncated.gz cannot be read to the end"), "{message}");

    // A clean day, transformed by the function: balanced, with its counts.
    let clean = "raw/year=2026/month=12/day=02/clickstream-1-2026-12-02-00-00-00-c.gz";
    clients
        .s3
        .put_object()
        .bucket(&raw)
        .key(clean)
        .body(gzip(&delivery(5, 200, 50)).into())
        .send()
        .await
        .unwrap();
    let day = with_test_credentials(&mut bdctl(dir.path()))
        .args(["--env", "remote", "transform", "--date", "2026-12-02", "--remote", "lambda"])
        .output()
        .unwrap();
    assert!(day.status.success(), "{}", String::from_utf8_lossy(&day.stderr));
    let (error, body) = reconcile("2026-12-02").await;
    assert_eq!(error, None, "{body}");
    assert_eq!(body["problems"], serde_json::json!([]), "{body}");
    let balance = &body["days"][0];
    assert_eq!(
        (balance["raw_records"].as_u64(), balance["quarantined"].as_u64()),
        (Some(200), Some(4)),
        "{body}"
    );
    assert_eq!(balance["lake_rows"], 196, "{body}");
}

/// An IAM role on the emulator for a function or job to run as; its ARN.
async fn create_role(clients: &Clients, name: &str) -> String {
    let created = clients.iam.create_role().role_name(name).assume_role_policy_document("{}").send().await;
    created.unwrap().role.unwrap().arn
}

/// A small Linux x86_64 executable as far as the package check reads one: the ELF header and
/// the glibc versions it asks for.
fn tiny_executable(dir: &std::path::Path, name: &str, tag: &[u8]) -> std::path::PathBuf {
    tiny_elf(dir, name, 0x3e, tag)
}

fn tiny_elf(dir: &std::path::Path, name: &str, machine: u16, tag: &[u8]) -> std::path::PathBuf {
    let mut bytes = vec![0u8; 64];
    bytes[..4].copy_from_slice(b"\x7fELF");
    bytes[4] = 2;
    bytes[5] = 1;
    bytes[18..20].copy_from_slice(&machine.to_le_bytes());
    bytes.extend_from_slice(b"\0GLIBC_2.2.5\0GLIBC_2.34\0");
    bytes.extend_from_slice(tag);
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A queue and a topic notified by the bucket, set up through boto3 (which moto brings): the
/// notifications bdctl must keep.
fn foreign_notifications(python: &str, endpoint: &str, bucket: &str) {
    let script = r#"
import boto3, json, sys, urllib.request
endpoint, bucket = sys.argv[1], sys.argv[2]
urllib.request.urlopen(urllib.request.Request(endpoint + "/moto-api/config",
    data=json.dumps({"lambda": {"use_docker": False}}).encode(), method="POST")).read()
kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
sqs, sns = boto3.client("sqs", **kw), boto3.client("sns", **kw)
queue = sqs.create_queue(QueueName=bucket + "-q")["QueueUrl"]
queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
topic_arn = sns.create_topic(Name=bucket + "-t")["TopicArn"]
boto3.client("s3", **kw).put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={
    "QueueConfigurations": [{"Id": "audit-queue", "QueueArn": queue_arn, "Events": ["s3:ObjectRemoved:*"]}],
    "TopicConfigurations": [{"Id": "ops-topic", "TopicArn": topic_arn, "Events": ["s3:ObjectCreated:*"],
        "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "exports/"}]}}}],
})
"#;
    common::run_python(python, script, &[endpoint, bucket]);
}

#[tokio::test]
async fn deploy_lambda_installs_the_function_and_its_trigger_once() {
    let Some(endpoint) = moto_endpoint() else { return };
    let Some(python) = common::test_python() else { return };
    let clients = moto_clients(&endpoint).await;
    let (raw, lake, function) = (unique("deploy-raw"), unique("deploy-lake"), unique("transform"));
    for bucket in [&raw, &lake] {
        create_bucket(&clients, bucket).await;
    }
    foreign_notifications(&python, &endpoint, &raw);
    let role = create_role(&clients, &function).await;
    let dir = tempfile::tempdir().unwrap();
    let config = moto_config(
        &endpoint,
        &[
            ("raw_bucket", &raw),
            ("transformed_bucket", &lake),
            ("lambda_function", &function),
            ("lambda_role_arn", &role),
        ],
    );
    std::fs::write(dir.path().join("bdctl.toml"), config).unwrap();
    let executable = tiny_executable(dir.path(), "bootstrap-1", b"first");
    let deploy = |extra: &[&str]| {
        let mut cmd = bdctl(dir.path());
        with_test_credentials(&mut cmd).args(["--env", "moto", "deploy", "lambda", "-o", "json"]).args(extra);
        cmd.output().unwrap()
    };

    let first = deploy(&["--executable", executable.to_str().unwrap()]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let steps: Value = serde_json::from_slice(&first.stdout).unwrap();
    let names: Vec<&str> = steps.as_array().unwrap().iter().map(|s| s["step"].as_str().unwrap()).collect();
    assert_eq!(names, ["create function", "allow invocation", "add notification"]);

    let config = clients.lambda.get_function().function_name(&function).send().await.unwrap();
    let config = config.configuration().unwrap();
    assert_eq!(config.runtime().map(|r| r.as_str()), Some("provided.al2023"));
    assert_eq!(config.handler(), Some("bootstrap"));
    assert_eq!(config.architectures().iter().map(|a| a.as_str()).collect::<Vec<_>>(), ["x86_64"]);
    assert_eq!((config.memory_size(), config.timeout()), (Some(1024), Some(300)));
    let vars = config.environment().unwrap().variables().unwrap();
    assert_eq!(vars.get("BDCTL_BACKEND").map(String::as_str), Some("aws"));
    assert_eq!(vars.get("BDCTL_RAW_BUCKET"), Some(&raw));
    assert_eq!(vars.get("BDCTL_TRANSFORMED_BUCKET"), Some(&lake));
    assert_eq!(vars.get("BDCTL_RAW_PREFIX").map(String::as_str), Some("raw/"));
    assert!(!vars.contains_key("BDCTL_ENDPOINT_URL"), "a deployed function talks to the real services");
    let policy = clients.lambda.get_policy().function_name(&function).send().await.unwrap();
    assert!(policy.policy().unwrap().contains(&format!("arn:aws:s3:::{raw}")), "{policy:?}");

    let notifications = clients.s3.get_bucket_notification_configuration().bucket(&raw).send().await.unwrap();
    assert_eq!(notifications.queue_configurations().len(), 1, "the queue's notification stays");
    assert_eq!(notifications.queue_configurations()[0].id(), Some("audit-queue"));
    assert_eq!(notifications.topic_configurations().len(), 1, "the topic's notification stays");
    assert_eq!(notifications.topic_configurations()[0].id(), Some("ops-topic"));
    let ours = &notifications.lambda_function_configurations()[0];
    assert_eq!(ours.id(), Some("bdctl-transform"));
    assert!(ours.lambda_function_arn().ends_with(&format!(":function:{function}")));
    let rules: Vec<(String, String)> = ours
        .filter()
        .unwrap()
        .key()
        .unwrap()
        .filter_rules()
        .iter()
        .map(|r| (r.name().unwrap().as_str().to_lowercase(), r.value().unwrap().to_string()))
        .collect();
    assert_eq!(
        rules,
        [("prefix".to_string(), "raw/".to_string()), ("suffix".to_string(), ".gz".to_string())]
    );

    // Nothing changed: nothing to do, and it says so.
    let second = deploy(&["--executable", executable.to_str().unwrap()]);
    assert!(second.status.success(), "{}", String::from_utf8_lossy(&second.stderr));
    assert!(String::from_utf8_lossy(&second.stderr).contains("up to date: nothing to change"));
    assert!(second.stdout.is_empty());

    // A dry run shows the change and makes none.
    let dry = deploy(&["--executable", executable.to_str().unwrap(), "--memory", "2048", "--dry-run"]);
    assert!(dry.status.success(), "{}", String::from_utf8_lossy(&dry.stderr));
    let steps: Value = serde_json::from_slice(&dry.stdout).unwrap();
    assert_eq!(steps[0]["step"], "configure");
    assert_eq!(steps[0]["change"], "memory: 1024 MB -> 2048 MB");
    let config = clients.lambda.get_function_configuration().function_name(&function).send().await.unwrap();
    assert_eq!(config.memory_size(), Some(1024));

    // New code replaces the old only when confirmed.
    let newer = tiny_executable(dir.path(), "bootstrap-2", b"second");
    let refused = deploy(&["--executable", newer.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("pass --yes"));
    let replaced = deploy(&["--executable", newer.to_str().unwrap(), "--yes"]);
    assert!(replaced.status.success(), "{}", String::from_utf8_lossy(&replaced.stderr));
    let steps: Value = serde_json::from_slice(&replaced.stdout).unwrap();
    assert_eq!(steps.as_array().unwrap().len(), 1, "{steps}");
    assert_eq!(steps[0]["step"], "replace code");
    let config = clients.lambda.get_function_configuration().function_name(&function).send().await.unwrap();
    let zip = bdctl::lambda::package::zip_bootstrap(&std::fs::read(&newer).unwrap()).unwrap();
    assert_eq!(config.code_sha256(), Some(bdctl::lambda::package::sha256_base64(&zip).as_str()));
}

/// An arm64 package built elsewhere (cargo lambda build --arm64) is deployed as arm64; asking
/// for another architecture than the package's is refused before anything changes.
#[tokio::test]
async fn deploy_lambda_takes_an_arm64_zip() {
    let Some(endpoint) = moto_endpoint() else { return };
    let Some(python) = common::test_python() else { return };
    let clients = moto_clients(&endpoint).await;
    let (raw, function) = (unique("arm-raw"), unique("transform-arm"));
    create_bucket(&clients, &raw).await;
    // moto answers an empty notification configuration with a root element S3 does not use.
    foreign_notifications(&python, &endpoint, &raw);
    let role = create_role(&clients, &function).await;
    let dir = tempfile::tempdir().unwrap();
    let config = moto_config(
        &endpoint,
        &[
            ("raw_bucket", &raw),
            ("transformed_bucket", &raw),
            ("lambda_function", &function),
            ("lambda_role_arn", &role),
        ],
    );
    std::fs::write(dir.path().join("bdctl.toml"), config).unwrap();
    let bootstrap = std::fs::read(tiny_elf(dir.path(), "bootstrap", 0xb7, b"arm")).unwrap();
    let zip = dir.path().join("bootstrap.zip");
    std::fs::write(&zip, bdctl::lambda::package::zip_bootstrap(&bootstrap).unwrap()).unwrap();
    let deploy = |extra: &[&str]| {
        let mut cmd = bdctl(dir.path());
        with_test_credentials(&mut cmd)
            .args(["--env", "moto", "deploy", "lambda", "--zip"])
            .arg(&zip)
            .args(extra);
        cmd.output().unwrap()
    };
    let wrong = deploy(&["--arch", "x86_64"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("is built for arm64, not x86_64"));
    assert!(clients.lambda.get_function().function_name(&function).send().await.is_err(), "nothing created");
    let done = deploy(&["--arch", "arm64"]);
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    let config = clients.lambda.get_function_configuration().function_name(&function).send().await.unwrap();
    assert_eq!(config.architectures().iter().map(|a| a.as_str()).collect::<Vec<_>>(), ["arm64"]);
}

#[test]
fn deploy_lambda_on_local_says_why_not() {
    let dir = tempfile::tempdir().unwrap();
    let output = bdctl(dir.path()).args(["deploy", "lambda", "--dry-run"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error: the local backend has no Lambda"), "{stderr}");
    assert_eq!(stderr.lines().filter(|l| l.starts_with("error")).count(), 1, "{stderr}");
}

#[tokio::test]
async fn deploy_glue_uploads_the_script_under_its_hash_and_defines_the_job_once() {
    let Some(endpoint) = moto_endpoint() else { return };
    let clients = moto_clients(&endpoint).await;
    let (raw, lake, scripts, job) =
        (unique("g-raw"), unique("g-lake"), unique("g-scripts"), unique("transform-job"));
    for bucket in [&raw, &lake, &scripts] {
        create_bucket(&clients, bucket).await;
    }
    let role = create_role(&clients, &job).await;
    let dir = tempfile::tempdir().unwrap();
    let config = moto_config(
        &endpoint,
        &[
            ("raw_bucket", &raw),
            ("transformed_bucket", &lake),
            ("scripts_bucket", &scripts),
            ("glue_job", &job),
            ("glue_role_arn", &role),
        ],
    );
    std::fs::write(dir.path().join("bdctl.toml"), config).unwrap();
    let deploy = |extra: &[&str]| {
        let mut cmd = bdctl(dir.path());
        with_test_credentials(&mut cmd).args(["--env", "moto", "deploy", "glue", "-o", "json"]).args(extra);
        cmd.output().unwrap()
    };

    let dry = deploy(&["--dry-run"]);
    assert!(dry.status.success(), "{}", String::from_utf8_lossy(&dry.stderr));
    let steps: Value = serde_json::from_slice(&dry.stdout).unwrap();
    let names: Vec<&str> = steps.as_array().unwrap().iter().map(|s| s["step"].as_str().unwrap()).collect();
    assert_eq!(names, ["upload script", "create job"]);
    assert!(clients.glue.get_job().job_name(&job).send().await.is_err(), "a dry run creates nothing");

    let first = deploy(&[]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let script =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/jobs/transform_job.py")).unwrap();
    let listed = clients.s3.list_objects_v2().bucket(&scripts).prefix("scripts/").send().await.unwrap();
    let keys: Vec<&str> = listed.contents().iter().map(|o| o.key().unwrap()).collect();
    assert_eq!(keys.len(), 1, "{keys:?}");
    assert!(keys[0].starts_with("scripts/transform_job-") && keys[0].ends_with(".py"), "{keys:?}");
    let uploaded = clients.s3.get_object().bucket(&scripts).key(keys[0]).send().await.unwrap();
    assert_eq!(uploaded.body.collect().await.unwrap().into_bytes().as_ref(), script.as_bytes());

    let defined = clients.glue.get_job().job_name(&job).send().await.unwrap().job.unwrap();
    assert_eq!(defined.glue_version(), Some("5.0"));
    assert_eq!(defined.role(), Some(role.as_str()));
    assert_eq!(defined.worker_type().map(|w| w.as_str()), Some("G.1X"));
    assert_eq!(defined.number_of_workers(), Some(2));
    let command = defined.command().unwrap();
    assert_eq!(command.name(), Some("glueetl"));
    assert_eq!(command.script_location(), Some(format!("s3://{scripts}/{}", keys[0]).as_str()));
    let args = defined.default_arguments().unwrap();
    assert_eq!(args.get("--raw"), Some(&format!("s3://{raw}/raw/")));
    assert_eq!(args.get("--transformed"), Some(&format!("s3://{lake}/transformed/")));
    assert_eq!(args.get("--errors"), Some(&format!("s3://{raw}/errors/")));
    assert_eq!(args.get("--state"), Some(&format!("s3://{lake}/_bdctl/")));
    assert_eq!(args.get("--raw-layout").map(String::as_str), Some("hive"));

    // Nothing changed: nothing to do.
    let second = deploy(&[]);
    assert!(second.status.success(), "{}", String::from_utf8_lossy(&second.stderr));
    assert!(String::from_utf8_lossy(&second.stderr).contains("up to date: nothing to change"));
    assert!(second.stdout.is_empty());

    // A changed setting is an update of the job (moto has no UpdateJob: the plan shows it, and
    // tests/aws_faults.rs checks the request through aws-smithy-mocks).
    let more = {
        let mut cmd = bdctl(dir.path());
        with_test_credentials(&mut cmd)
            .args(["--env", "moto", "deploy", "glue", "--dry-run", "-o", "json"])
            .env("BDCTL_GLUE_WORKERS", "10")
            .output()
            .unwrap()
    };
    assert!(more.status.success(), "{}", String::from_utf8_lossy(&more.stderr));
    let steps: Value = serde_json::from_slice(&more.stdout).unwrap();
    assert_eq!(steps.as_array().unwrap().len(), 1, "{steps}");
    assert_eq!(
        (steps[0]["step"].as_str(), steps[0]["change"].as_str()),
        (Some("update job"), Some("workers: 2 -> 10"))
    );
}

/// EMR Serverless runs the uploaded script with the lake's roots and the run's days.
#[tokio::test]
async fn transform_on_emr_serverless_runs_the_deployed_script() {
    let Some(endpoint) = moto_endpoint() else { return };
    let clients = moto_clients(&endpoint).await;
    let (raw, lake) = (unique("emr-raw"), unique("emr-lake"));
    for bucket in [&raw, &lake] {
        create_bucket(&clients, bucket).await;
    }
    let key = "raw/year=2024/month=06/day=01/a.gz";
    clients.s3.put_object().bucket(&raw).key(key).body(Vec::from(&b"{}"[..]).into()).send().await.unwrap();
    let application = clients
        .emrserverless
        .create_application()
        .name(unique("transform"))
        .release_label("emr-7.5.0")
        .r#type("SPARK")
        .send()
        .await
        .unwrap()
        .application_id;
    let dir = tempfile::tempdir().unwrap();
    let config = moto_config(
        &endpoint,
        &[
            ("raw_bucket", &raw),
            ("transformed_bucket", &lake),
            ("emr_application_id", &application),
            ("emr_role_arn", "arn:aws:iam::123456789012:role/emr"),
        ],
    );
    std::fs::write(dir.path().join("bdctl.toml"), config).unwrap();
    let run = |args: &[&str]| {
        let mut cmd = bdctl(dir.path());
        with_test_credentials(&mut cmd).args(["--env", "moto", "-o", "json"]).args(args);
        cmd.output().unwrap()
    };
    let deployed = run(&["deploy", "emr-serverless"]);
    assert!(deployed.status.success(), "{}", String::from_utf8_lossy(&deployed.stderr));
    let again = run(&["deploy", "emr-serverless"]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("up to date: nothing to change"));

    let output = run(&["transform", "--date", "2024-06-01", "--remote", "emr-serverless"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let rows: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rows[0]["state"], "SUCCESS", "{rows}");
    assert_eq!(rows[0]["cost_usd"], 0.0, "moto bills nothing");
    let run_id = rows[0]["run_id"].as_str().unwrap();
    let described = clients
        .emrserverless
        .get_job_run()
        .application_id(&application)
        .job_run_id(run_id)
        .send()
        .await
        .unwrap();
    let job_run = described.job_run().unwrap();
    let aws_sdk_emrserverless::types::JobDriver::SparkSubmit(submit) = job_run.job_driver().unwrap() else {
        panic!("a sparkSubmit driver")
    };
    let script = clients.s3.list_objects_v2().bucket(&lake).prefix("scripts/").send().await.unwrap();
    let script_key = script.contents()[0].key().unwrap();
    assert_eq!(submit.entry_point(), format!("s3://{lake}/{script_key}"));
    let arguments = submit.entry_point_arguments();
    let value_of = |name: &str| arguments.iter().position(|a| a == name).map(|i| arguments[i + 1].as_str());
    assert_eq!(value_of("--raw"), Some(format!("s3://{raw}/raw/").as_str()));
    assert_eq!(value_of("--state"), Some(format!("s3://{lake}/_bdctl/").as_str()));
    assert_eq!(value_of("--date"), Some("2024-06-01"));
    assert_eq!(value_of("--job-language"), None, "Glue's own arguments stay with Glue");
    assert_eq!(job_run.execution_role(), "arn:aws:iam::123456789012:role/emr");
}
