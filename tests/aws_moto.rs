//! The aws backend over real HTTP against the moto server that `scripts/test` starts: the
//! commands end to end. The capabilities' shared promises are in `tests/conformance/`.

mod common;

use aws_sdk_glue::types::{Column as GlueColumn, DatabaseInput, StorageDescriptor, TableInput};
use bdctl::backend::aws::Clients;
use bdctl::backend::local::LocalStore;
use bdctl::backend::{Backend, ObjectStore, TableLookup, is_not_found};
use bytes::Bytes;
use common::moto::{
    SentLake, create_bucket, create_database, create_echo_function, create_enforced_workgroup,
    create_glue_job, create_glue_job_logging, create_log_group, create_stream, create_stream_logging,
    first_june_storage, harden_bucket, moto_api, moto_clients, put_incoming_records, run_in,
    seed_athena_results, seed_athena_rows, sent_lake, settings_for, upload_sent_events,
};
use common::{bdctl, moto_config, moto_endpoint, unique, with_test_credentials};
use serde_json::Value;

fn from_clients(clients: Clients) -> Backend {
    let dir = tempfile::tempdir().unwrap();
    let settings =
        settings_for(dir.path(), &moto_config("http://127.0.0.1:1", &[("firehose_stream", "clicks")]));
    bdctl::backend::aws::from_clients(clients, &settings)
}

async fn create_database_named(clients: &Clients, database: &str) {
    clients
        .glue
        .create_database()
        .database_input(DatabaseInput::builder().name(database).build().unwrap())
        .send()
        .await
        .unwrap();
}

async fn create_crawler(clients: &Clients, database: &str, path: &str) -> String {
    let crawler = unique("crawler");
    clients
        .glue
        .create_crawler()
        .name(&crawler)
        .role("arn:aws:iam::123456789012:role/glue")
        .database_name(database)
        .targets(
            aws_sdk_glue::types::CrawlerTargets::builder()
                .s3_targets(aws_sdk_glue::types::S3Target::builder().path(path).build())
                .build(),
        )
        .send()
        .await
        .unwrap();
    crawler
}

/// What only a store of files promises beyond the shared conformance suite: keys are paths that
/// stay inside the data directory, and data files are private to the user.
#[tokio::test]
async fn local_store_keeps_keys_inside_the_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let store = LocalStore::new(dir.path().join("lake"));
    store.put("archive", "raw/year=2024/month=01/day=02/b.gz", Bytes::from_static(b"bb")).await.unwrap();
    assert!(dir.path().join("lake/archive/raw/year=2024/month=01/day=02/b.gz").is_file(), "keys are paths");
    let escape = store.put("", "../outside", Bytes::from_static(b"x")).await.unwrap_err();
    assert!(format!("{escape:#}").contains("relative path"), "{escape:#}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("lake/archive/raw/year=2024/month=01/day=02/b.gz"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "data files are private to the user");
    }
}

#[tokio::test]
async fn a_missing_bucket_is_not_found() {
    let Some(endpoint) = moto_endpoint() else {
        return;
    };
    let backend: Backend = from_clients(moto_clients(&endpoint).await);
    let err = backend.objects.check_bucket(&unique("missing")).await.unwrap_err();
    assert!(is_not_found(&err), "{err:#}");
}

#[tokio::test]
async fn glue_catalog_lookup() {
    let Some(endpoint) = moto_endpoint() else {
        return;
    };
    let clients = moto_clients(&endpoint).await;
    let database = unique("db").replace('-', "_");
    let backend = from_clients(clients.clone());
    assert_eq!(
        backend.catalog.lookup_table(&database, "events").await.unwrap(),
        TableLookup::DatabaseMissing
    );

    create_database_named(&clients, &database).await;
    assert_eq!(backend.catalog.lookup_table(&database, "events").await.unwrap(), TableLookup::TableMissing);

    let column = |name: &str, ty: &str| GlueColumn::builder().name(name).r#type(ty).build().unwrap();
    clients
        .glue
        .create_table()
        .database_name(&database)
        .table_input(
            TableInput::builder()
                .name("events")
                .storage_descriptor(
                    StorageDescriptor::builder()
                        .location("s3://lake/transformed/")
                        .columns(column("event_id", "string"))
                        .columns(column("price", "double"))
                        .build(),
                )
                .partition_keys(column("year", "string"))
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    let TableLookup::Found(table) = backend.catalog.lookup_table(&database, "events").await.unwrap() else {
        panic!("table expected");
    };
    assert_eq!(table.location, "s3://lake/transformed/");
    assert_eq!(table.columns.len(), 2);
    assert_eq!(table.columns[1].data_type, "double");
    assert_eq!(table.partition_keys[0].name, "year");
}

fn doctor_rows(output: &std::process::Output) -> Vec<(String, String, String, String)> {
    let rows: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("json: {}", String::from_utf8_lossy(&output.stdout)));
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let field = |k: &str| r[k].as_str().unwrap().to_string();
            (field("check"), field("target"), field("status"), field("detail"))
        })
        .collect()
}

#[tokio::test]
async fn doctor_round_trip_against_moto() {
    let Some(endpoint) = moto_endpoint() else {
        return;
    };
    let clients = moto_clients(&endpoint).await;
    let (raw, lake, results) = (unique("raw"), unique("lake"), unique("results"));
    for bucket in [&raw, &lake, &results] {
        create_bucket(&clients, bucket).await;
        harden_bucket(&clients, bucket).await;
    }
    let workgroup = create_enforced_workgroup(&clients, &results).await;
    let database = create_database(&clients, "doctor").await;
    let dir = tempfile::tempdir().unwrap();
    let config = moto_config(
        &endpoint,
        &[
            ("raw_bucket", &raw),
            ("transformed_bucket", &lake),
            ("results_bucket", &results),
            ("glue_database", &database),
            ("athena_workgroup", &workgroup),
        ],
    );
    std::fs::write(dir.path().join("bdctl.toml"), &config).unwrap();

    let output =
        with_test_credentials(&mut bdctl(dir.path())).args(["doctor", "-o", "json"]).output().unwrap();
    let rows = doctor_rows(&output);
    assert!(output.status.success(), "{rows:?} {}", String::from_utf8_lossy(&output.stderr));
    let catalog = rows.iter().find(|r| r.0 == "catalog table").unwrap();
    assert_eq!((catalog.2.as_str(), catalog.3.as_str()), ("warn", "the table does not exist yet"));
    let credentials = rows.iter().find(|r| r.0 == "credentials").unwrap();
    assert_eq!(credentials.2, "ok");
    assert!(credentials.1.starts_with("arn:aws:"), "{credentials:?}");
    assert_eq!(credentials.3, "account 123456789012");
    for bucket in [&raw, &lake, &results] {
        let row = rows.iter().find(|r| r.1 == format!("s3://{bucket}")).unwrap();
        assert_eq!(row.2, "ok", "{row:?}");
    }
    // The errors area defaults to the raw bucket: checked once.
    assert_eq!(rows.iter().filter(|r| r.0.ends_with("bucket") && r.1 == format!("s3://{raw}")).count(), 1);
    for check in ["encryption at rest", "public access", "TLS only"] {
        let bucket_rows: Vec<_> = rows.iter().filter(|r| r.0 == check).collect();
        assert_eq!(bucket_rows.len(), 3, "one {check} row per bucket: {rows:?}");
        assert!(bucket_rows.iter().all(|r| r.2 == "ok"), "{rows:?}");
    }

    let gone = unique("gone");
    let config = moto_config(
        &endpoint,
        &[
            ("raw_bucket", &raw),
            ("transformed_bucket", &lake),
            ("results_bucket", &gone),
            ("glue_database", &database),
            ("athena_workgroup", &workgroup),
        ],
    );
    std::fs::write(dir.path().join("bdctl.toml"), &config).unwrap();
    let output =
        with_test_credentials(&mut bdctl(dir.path())).args(["doctor", "-o", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let rows = doctor_rows(&output);
    let row = rows.iter().find(|r| r.1 == format!("s3://{gone}")).unwrap();
    assert_eq!((row.2.as_str(), row.3.as_str()), ("fail", "does not exist"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error: 1 of"), "{stderr}");
}

#[tokio::test]
async fn doctor_checks_every_configured_resource_and_writes_the_policy() {
    let Some(endpoint) = moto_endpoint() else { return };
    let clients = moto_clients(&endpoint).await;
    let (raw, lake, results) = (unique("raw"), unique("lake"), unique("results"));
    for bucket in [&raw, &lake] {
        create_bucket(&clients, bucket).await;
        harden_bucket(&clients, bucket).await;
    }
    // A results bucket in another region: the SDK calls and Athena would fail on it.
    let elsewhere = aws_sdk_s3::Client::from_conf(
        clients.s3.config().to_builder().region(aws_config::Region::new("eu-west-1")).build(),
    );
    elsewhere
        .create_bucket()
        .bucket(&results)
        .create_bucket_configuration(
            aws_sdk_s3::types::CreateBucketConfiguration::builder()
                .location_constraint(aws_sdk_s3::types::BucketLocationConstraint::EuWest1)
                .build(),
        )
        .send()
        .await
        .unwrap();
    let database = create_database(&clients, "doctor").await;
    let crawler = create_crawler(&clients, &database, &format!("s3://{lake}/transformed/")).await;
    let stream = create_stream(&clients, &raw).await;
    let stray_stream = create_stream(&clients, &lake).await;
    let job = create_glue_job(&clients).await;
    let function = unique("transform-fn");
    if create_echo_function(&endpoint, &function).is_none() {
        return;
    }
    create_log_group(&clients, &format!("/aws/lambda/{function}"), Some(14)).await;
    let results_here = unique("results-here");
    create_bucket(&clients, &results_here).await;
    harden_bucket(&clients, &results_here).await;
    let workgroup = create_enforced_workgroup(&clients, &results_here).await;
    let dir = tempfile::tempdir().unwrap();
    let resources = |stream: &str, results: &str, job: &str| {
        moto_config(
            &endpoint,
            &[
                ("raw_bucket", &raw),
                ("transformed_bucket", &lake),
                ("results_bucket", results),
                ("glue_database", &database),
                ("glue_crawler", &crawler),
                ("firehose_stream", stream),
                ("glue_job", job),
                ("lambda_function", &function),
                ("athena_workgroup", &workgroup),
            ],
        )
    };
    std::fs::write(dir.path().join("bdctl.toml"), resources(&stream, &results_here, &job)).unwrap();
    let output =
        with_test_credentials(&mut bdctl(dir.path())).args(["doctor", "-o", "json"]).output().unwrap();
    let rows = doctor_rows(&output);
    assert!(output.status.success(), "{rows:?} {}", String::from_utf8_lossy(&output.stderr));
    let row = |check: &str| rows.iter().find(|r| r.0 == check).unwrap_or_else(|| panic!("{check}: {rows:?}"));
    assert_eq!((row("crawler").1.as_str(), row("crawler").2.as_str()), (crawler.as_str(), "ok"));
    assert_eq!(row("delivery stream").2, "ok");
    assert_eq!(row("delivery stream").3, format!("ACTIVE, delivers to s3://{raw}/raw/"));
    assert_eq!(row("glue job").2, "ok");
    assert_eq!(row("transform function").2, "ok", "{rows:?}");
    assert!(row("transform function").3.contains("python3.11"), "{rows:?}");
    assert_eq!(row("athena workgroup").2, "ok");
    assert!(row("raw bucket").3.contains("in us-east-1"), "{rows:?}");
    for (check, detail) in [
        ("stream error logging", format!("to /aws/kinesisfirehose/{stream}")),
        ("function logs", format!("/aws/lambda/{function}, kept 14 days")),
        ("job logging", "continuous CloudWatch logging on".to_string()),
        ("workgroup settings", "enforces its result location and SSE_S3 encryption".to_string()),
    ] {
        assert_eq!((row(check).2.as_str(), row(check).3.as_str()), ("ok", detail.as_str()), "{rows:?}");
    }
    // The emulator cannot simulate IAM policies: said, not failed.
    assert_eq!(row("permissions").2, "warn");
    assert!(row("permissions").3.starts_with("not checked (iam:SimulatePrincipalPolicy"), "{rows:?}");

    let missing_job = unique("no-such-job");
    std::fs::write(dir.path().join("bdctl.toml"), resources(&stray_stream, &results, &missing_job)).unwrap();
    let output =
        with_test_credentials(&mut bdctl(dir.path())).args(["doctor", "-o", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let rows = doctor_rows(&output);
    let row = |check: &str| rows.iter().find(|r| r.0 == check).unwrap_or_else(|| panic!("{check}: {rows:?}"));
    assert_eq!((row("glue job").2.as_str(), row("glue job").3.as_str()), ("fail", "does not exist"));
    assert_eq!(row("delivery stream").2, "warn");
    assert!(row("delivery stream").3.contains(&format!("raw data is expected under s3://{raw}/raw/")));
    let results_row = rows.iter().find(|r| r.1 == format!("s3://{results}")).unwrap();
    assert_eq!(results_row.2, "fail");
    assert!(
        results_row.3.starts_with("in eu-west-1, but the environment's region is us-east-1"),
        "{results_row:?}"
    );

    let output = with_test_credentials(&mut bdctl(dir.path())).args(["doctor", "--policy"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let policy: Value = serde_json::from_slice(&output.stdout).unwrap();
    let statements = policy["Statement"].as_array().unwrap();
    let statement = |sid: &str| statements.iter().find(|s| s["Sid"] == sid).unwrap().clone();
    assert_eq!(
        statement("SendEvents")["Resource"],
        format!("arn:aws:firehose:us-east-1:123456789012:deliverystream/{stray_stream}")
    );
    assert_eq!(
        statement("InvokeTransformFunction")["Resource"],
        format!("arn:aws:lambda:us-east-1:123456789012:function:{function}")
    );
    assert_eq!(statement("ReadRawEvents")["Resource"], format!("arn:aws:s3:::{raw}/raw/*"));
}

/// Every posture row of a platform set up without the promised security and logging fails (or
/// warns) with the fix in its detail; a hardened bucket beside it passes.
#[tokio::test]
async fn doctor_reports_the_security_and_logging_posture() {
    let Some(endpoint) = moto_endpoint() else { return };
    let clients = moto_clients(&endpoint).await;
    let (raw, lake) = (unique("plain-raw"), unique("hard-lake"));
    create_bucket(&clients, &raw).await;
    create_bucket(&clients, &lake).await;
    harden_bucket(&clients, &lake).await;
    let database = create_database(&clients, "posture").await;
    let stream = create_stream_logging(&clients, &raw, false).await;
    let job = create_glue_job_logging(&clients, false).await;
    let function = unique("unlogged-fn");
    if create_echo_function(&endpoint, &function).is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let config = moto_config(
        &endpoint,
        &[
            ("raw_bucket", &raw),
            ("transformed_bucket", &lake),
            ("results_bucket", &lake),
            ("glue_database", &database),
            ("firehose_stream", &stream),
            ("glue_job", &job),
            ("lambda_function", &function),
        ],
    );
    std::fs::write(dir.path().join("bdctl.toml"), &config).unwrap();
    let output =
        with_test_credentials(&mut bdctl(dir.path())).args(["doctor", "-o", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    let rows = doctor_rows(&output);
    let row = |check: &str, target: &str| {
        rows.iter()
            .find(|r| r.0 == check && r.1 == target)
            .unwrap_or_else(|| panic!("{check} {target}: {rows:?}"))
            .clone()
    };
    let (plain, hard) = (format!("s3://{raw}"), format!("s3://{lake}"));
    assert_eq!(row("encryption at rest", &hard).2, "ok");
    assert_eq!(row("encryption at rest", &hard).3, "SSE-S3 (AES256)");
    assert_eq!(row("public access", &hard).2, "ok");
    assert_eq!(row("TLS only", &hard).2, "ok");
    let public = row("public access", &plain);
    assert_eq!(public.2, "fail");
    assert!(public.3.contains(&format!("aws s3api put-public-access-block --bucket {raw}")), "{public:?}");
    let tls = row("TLS only", &plain);
    assert_eq!(tls.2, "warn");
    assert!(tls.3.starts_with("no bucket policy: add a bucket policy statement that denies s3:*"), "{tls:?}");
    let encryption = row("encryption at rest", &plain);
    assert_eq!(encryption.2, "fail");
    assert!(
        encryption.3.contains(&format!("aws s3api put-bucket-encryption --bucket {raw}")),
        "{encryption:?}"
    );
    let logging = row("stream error logging", &stream);
    assert_eq!(logging.2, "fail");
    assert!(logging.3.contains("enable CloudWatchLoggingOptions"), "{logging:?}");
    let function_logs = row("function logs", &function);
    assert_eq!(function_logs.2, "fail");
    assert!(
        function_logs.3.starts_with(&format!("no log group /aws/lambda/{function}")),
        "{function_logs:?}"
    );
    let job_logging = row("job logging", &job);
    assert_eq!(job_logging.2, "fail");
    assert!(job_logging.3.contains("--enable-continuous-cloudwatch-log=true"), "{job_logging:?}");
    let workgroup = row("workgroup settings", "primary");
    assert_eq!(workgroup.2, "fail");
    assert!(workgroup.3.contains("aws athena update-work-group --work-group primary"), "{workgroup:?}");

    // A log group that keeps everything forever is a warning, with the retention command.
    create_log_group(&clients, &format!("/aws/lambda/{function}"), None).await;
    let output =
        with_test_credentials(&mut bdctl(dir.path())).args(["doctor", "-o", "json"]).output().unwrap();
    let rows = doctor_rows(&output);
    let function_logs = rows.iter().find(|r| r.0 == "function logs").unwrap();
    assert_eq!(function_logs.2, "warn", "{function_logs:?}");
    assert!(function_logs.3.contains("put-retention-policy"), "{function_logs:?}");
}

#[tokio::test]
async fn doctor_without_credentials_fails_clearly() {
    let Some(endpoint) = moto_endpoint() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bdctl.toml"), moto_config(&endpoint, &[("raw_bucket", "any")])).unwrap();
    let output = bdctl(dir.path())
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .args(["doctor", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let rows = doctor_rows(&output);
    let credentials = rows.iter().find(|r| r.0 == "credentials").unwrap();
    assert_eq!(credentials.2, "fail");
    assert!(credentials.3.contains("sts:GetCallerIdentity"), "{credentials:?}");
    assert!(credentials.3.to_lowercase().contains("credentials"), "{credentials:?}");
    assert!(
        rows.iter().filter(|r| r.0.ends_with("bucket")).all(|r| r.2 == "skip" || r.2 == "warn"),
        "{rows:?}"
    );
}

#[test]
fn aws_backend_without_region_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bdctl.toml"), "[env.prod]\nbackend = \"aws\"\n").unwrap();
    let output =
        with_test_credentials(&mut bdctl(dir.path())).args(["doctor", "-o", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let rows = doctor_rows(&output);
    assert!(rows.iter().any(|r| r.0 == "connection" && r.3.contains("no AWS region")), "{rows:?}");
}

#[tokio::test]
async fn send_through_firehose_to_s3() {
    let Some(endpoint) = moto_endpoint() else {
        return;
    };
    let clients = moto_clients(&endpoint).await;
    let bucket = unique("firehose");
    create_bucket(&clients, &bucket).await;
    let stream = create_stream(&clients, &bucket).await;

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bdctl.toml"), moto_config(&endpoint, &[("firehose_stream", &stream)]))
        .unwrap();
    let output = with_test_credentials(&mut bdctl(dir.path()))
        .args(["send", "--count", "1200", "--seed", "3", "-o", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let summary: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary[0]["events"], 1200);
    assert_eq!(summary[0]["failed"], 0);
    assert_eq!(summary[0]["objects"], Value::Null, "Firehose names its objects itself, later");

    // moto writes one object per PutRecordBatch call: 3 batches of at most 500.
    let listed = clients.s3.list_objects_v2().bucket(&bucket).prefix("raw/").send().await.unwrap();
    let keys: Vec<String> = listed.contents().iter().filter_map(|o| o.key().map(str::to_string)).collect();
    assert_eq!(keys.len(), 3, "{keys:?}");
    let mut lines = 0;
    for key in &keys {
        let body = clients
            .s3
            .get_object()
            .bucket(&bucket)
            .key(key)
            .send()
            .await
            .unwrap()
            .body
            .collect()
            .await
            .unwrap();
        let text = String::from_utf8(body.to_vec()).unwrap();
        for line in text.lines() {
            let event: Value = serde_json::from_str(line).expect("one JSON event per line");
            assert!(event["event_id"].is_string());
            lines += 1;
        }
    }
    assert_eq!(lines, 1200);

    let missing = with_test_credentials(&mut bdctl(dir.path()))
        .args(["--env", "moto", "send", "--count", "1"])
        .env("BDCTL_FIREHOSE_STREAM", unique("no-such-stream"))
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(stderr.contains("firehose:PutRecordBatch"), "{stderr}");
}

#[tokio::test]
async fn remote_transforms_on_glue_and_lambda() {
    let Some(endpoint) = moto_endpoint() else { return };
    let clients = moto_clients(&endpoint).await;
    let bucket = unique("remote-raw");
    create_bucket(&clients, &bucket).await;
    let keys = ["raw/year=2024/month=06/day=01/a b.gz", "raw/year=2024/month=06/day=01/c.gz"];
    for key in keys {
        clients
            .s3
            .put_object()
            .bucket(&bucket)
            .key(key)
            .body(Vec::from(&b"{}"[..]).into())
            .send()
            .await
            .unwrap();
    }
    let job = create_glue_job(&clients).await;
    let function = unique("transform-fn");
    if create_echo_function(&endpoint, &function).is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let config = moto_config(
        &endpoint,
        &[("raw_bucket", &bucket), ("glue_job", &job), ("lambda_function", &function)],
    );
    std::fs::write(dir.path().join("bdctl.toml"), config).unwrap();

    let output = with_test_credentials(&mut bdctl(dir.path()))
        .args(["transform", "--date", "2024-06-01", "--remote", "glue", "-o", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let rows: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rows[0]["job"], job.as_str());
    assert_eq!(rows[0]["state"], "SUCCEEDED");
    let run_id = rows[0]["run_id"].as_str().unwrap();
    let run = clients.glue.get_job_run().job_name(&job).run_id(run_id).send().await.unwrap();
    assert_eq!(
        run.job_run().unwrap().arguments().unwrap().get("--date").map(String::as_str),
        Some("2024-06-01")
    );

    let output = with_test_credentials(&mut bdctl(dir.path()))
        .args(["transform", "--date", "2024-06-01", "--remote", "lambda", "-o", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let rows: Value = serde_json::from_slice(&output.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    // The function echoes its event: an S3 put notification with the key form-encoded.
    let event: Value = serde_json::from_str(rows[0]["response"].as_str().unwrap()).unwrap();
    let record = &event["Records"][0];
    assert_eq!(record["eventName"], "ObjectCreated:Put");
    assert_eq!(record["s3"]["bucket"]["name"], bucket.as_str());
    assert_eq!(record["s3"]["object"]["key"], "raw/year%3D2024/month%3D06/day%3D01/a+b.gz");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s3_streaming_reads_and_multipart_writes() {
    let Some(endpoint) = moto_endpoint() else { return };
    let clients = moto_clients(&endpoint).await;
    let bucket = unique("stream");
    create_bucket(&clients, &bucket).await;
    let backend = from_clients(clients.clone());
    let store = backend.objects.clone();
    // 20 MiB of a pattern: three parts of a multipart upload.
    let body: Vec<u8> = (0..20 * 1024 * 1024u32).map(|i| (i % 251) as u8).collect();
    let expected = body.clone();
    let (store2, bucket2) = (store.clone(), bucket.clone());
    let size = tokio::task::spawn_blocking(move || {
        use std::io::Write;
        let mut staged = store2.create_blocking(&bucket2, "big/object.bin").unwrap();
        for chunk in body.chunks(1_000_003) {
            staged.write_all(chunk).unwrap();
        }
        // Nothing is visible before the commit.
        let abandoned = store2.create_blocking(&bucket2, "big/abandoned.bin").unwrap();
        drop(abandoned);
        staged.commit().unwrap()
    })
    .await
    .unwrap();
    assert_eq!(size, expected.len() as u64);
    let keys: Vec<String> = store.list(&bucket, "big/").await.unwrap().into_iter().map(|o| o.key).collect();
    assert_eq!(keys, vec!["big/object.bin"]);
    let (store3, bucket3) = (store.clone(), bucket.clone());
    let read = tokio::task::spawn_blocking(move || {
        use std::io::Read;
        let mut out = Vec::new();
        store3.open_blocking(&bucket3, "big/object.bin").unwrap().read_to_end(&mut out).unwrap();
        out
    })
    .await
    .unwrap();
    assert!(read == expected, "streamed read returns the bytes written");
}

/// Raw objects as the local platform writes them for `bdctl send <send_args>`, uploaded to the
/// raw bucket under the same keys; returns how many.
#[tokio::test]
async fn transform_over_s3_writes_the_expected_keys() {
    let Some(endpoint) = moto_endpoint() else { return };
    let clients = moto_clients(&endpoint).await;
    let (raw, lake) = (unique("raw"), unique("lake"));
    create_bucket(&clients, &raw).await;
    create_bucket(&clients, &lake).await;
    let uploaded = upload_sent_events(
        &clients,
        &raw,
        &["--count", "600", "--days", "1", "--start", "2024-06-01", "--bad-fraction", "0.05"],
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let config = moto_config(&endpoint, &[("raw_bucket", &raw), ("transformed_bucket", &lake)]);
    std::fs::write(dir.path().join("bdctl.toml"), config).unwrap();
    let output = with_test_credentials(&mut bdctl(dir.path()))
        .args(["transform", "--date", "2024-06-01", "-o", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let summary: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary[0]["objects"], uploaded);
    let events = summary[0]["events_out"].as_u64().unwrap();
    let quarantined = summary[0]["quarantined"].as_u64().unwrap();
    assert_eq!(events + quarantined, 600);
    assert!(quarantined > 0);

    let list = |bucket: String, prefix: &'static str| {
        let s3 = clients.s3.clone();
        async move {
            let out = s3.list_objects_v2().bucket(bucket).prefix(prefix).send().await.unwrap();
            out.contents().iter().filter_map(|o| o.key().map(str::to_string)).collect::<Vec<_>>()
        }
    };
    let parquet = list(lake.clone(), "transformed/").await;
    // One file per object that had at least one good event.
    assert!(
        parquet.len() <= uploaded && parquet.len() as u64 >= uploaded as u64 - quarantined,
        "{}",
        parquet.len()
    );
    assert!(
        parquet
            .iter()
            .all(|k| k.starts_with("transformed/year=2024/month=06/day=01/") && k.ends_with(".parquet"))
    );
    let body = clients
        .s3
        .get_object()
        .bucket(&lake)
        .key(&parquet[0])
        .send()
        .await
        .unwrap()
        .body
        .collect()
        .await
        .unwrap();
    assert_eq!(&body.into_bytes()[..4], b"PAR1");
    // Quarantine goes to the errors area (the raw bucket by default), manifests beside the lake.
    let errors = list(raw.clone(), "errors/").await;
    assert!(!errors.is_empty() && errors.iter().all(|k| k.ends_with(".ndjson")), "{errors:?}");
    assert_eq!(list(lake.clone(), "_bdctl/manifests/").await.len(), uploaded);
}

#[tokio::test]
async fn query_through_athena_returns_typed_rows() {
    let Some(endpoint) = moto_endpoint() else { return };
    let clients = moto_clients(&endpoint).await;
    let results = unique("athena-results");
    create_bucket(&clients, &results).await;
    let seeded = seed_athena_results(
        &endpoint,
        &[vec!["country", "purchases", "revenue"], vec!["DE", "12", "345.5"], vec!["US", "40", "1234.25"]],
        &[("country", "varchar"), ("purchases", "bigint"), ("revenue", "double")],
    );
    if !seeded {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bdctl.toml"), moto_config(&endpoint, &[("results_bucket", &results)]))
        .unwrap();
    let output = with_test_credentials(&mut bdctl(dir.path()))
        .args([
            "query",
            "SELECT country, count(*) AS purchases, sum(revenue) AS revenue FROM events GROUP BY 1",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let rows: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        rows,
        serde_json::json!([
            {"country": "DE", "purchases": 12, "revenue": 345.5},
            {"country": "US", "purchases": 40, "revenue": 1234.25}
        ])
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("query ") && stderr.contains("2 rows") && stderr.contains("billed USD"),
        "{stderr}"
    );

    query_without_waiting_then_status_results_and_cancel_by_id(&endpoint).await;
}

/// Runs after `query_through_athena_returns_typed_rows`, in the same test: the emulator hands
/// seeded results to queries in order, so tests that seed must not run concurrently.
async fn query_without_waiting_then_status_results_and_cancel_by_id(endpoint: &str) {
    let endpoint = endpoint.to_string();
    let clients = moto_clients(&endpoint).await;
    let results = unique("athena-later");
    create_bucket(&clients, &results).await;
    if !seed_athena_results(&endpoint, &[vec!["n"], vec!["7"]], &[("n", "bigint")]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bdctl.toml"), moto_config(&endpoint, &[("results_bucket", &results)]))
        .unwrap();
    let run = |args: &[&str]| with_test_credentials(&mut bdctl(dir.path())).args(args).output().unwrap();

    let started = run(&["-q", "query", "--no-wait", "SELECT count(*) AS n FROM events", "-o", "tsv"]);
    assert!(started.status.success(), "{}", String::from_utf8_lossy(&started.stderr));
    let text = String::from_utf8(started.stdout).unwrap();
    let id = text.lines().nth(1).unwrap().trim().to_string();
    assert!(!id.is_empty(), "{text}");

    let status = run(&["query", "status", &id, "-o", "json"]);
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let status: Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(status[0]["query_id"], id.as_str());
    assert_eq!(status[0]["state"], "SUCCEEDED");

    let rows = run(&["-q", "query", "results", &id, "-o", "json"]);
    assert!(rows.status.success(), "{}", String::from_utf8_lossy(&rows.stderr));
    assert_eq!(serde_json::from_slice::<Value>(&rows.stdout).unwrap(), serde_json::json!([{"n": 7}]));

    let cancel = run(&["query", "cancel", &id]);
    assert!(cancel.status.success(), "{}", String::from_utf8_lossy(&cancel.stderr));

    results_from_the_csv_on_s3_match_the_pages(&endpoint).await;
}

/// The same seeded result read page by page and from the result CSV on S3: the same typed rows,
/// NULL and empty strings told apart; and `--out` writes it as Parquet.
async fn results_from_the_csv_on_s3_match_the_pages(endpoint: &str) {
    let clients = moto_clients(endpoint).await;
    let results = unique("athena-csv");
    create_bucket(&clients, &results).await;
    let rows = [
        vec![Some("country"), Some("purchases"), Some("revenue"), Some("note")],
        vec![Some("DE"), Some("12"), Some("345.5"), Some("")],
        vec![Some("US"), None, Some("1234.25"), None],
        vec![Some("FR, Paris"), Some("3"), None, Some("two\nlines")],
    ];
    let columns =
        [("country", "varchar"), ("purchases", "bigint"), ("revenue", "double"), ("note", "varchar")];
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bdctl.toml"), moto_config(endpoint, &[("results_bucket", &results)]))
        .unwrap();
    let sql = "SELECT country, purchases, revenue, note FROM sales";
    let mut outputs = Vec::new();
    for via in ["pages", "csv"] {
        if !seed_athena_rows(endpoint, &rows, &columns) {
            return;
        }
        let output = with_test_credentials(&mut bdctl(dir.path()))
            .env("BDCTL_ATHENA_RESULTS", via)
            .args(["-vv", "query", sql, "-o", "json"])
            .output()
            .unwrap();
        assert!(output.status.success(), "{via}: {}", String::from_utf8_lossy(&output.stderr));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            stderr.contains("reading the result CSV s3://"),
            via == "csv",
            "{via} reads the CSV only when asked: {stderr}"
        );
        outputs.push(serde_json::from_slice::<Value>(&output.stdout).unwrap());
    }
    let expected = serde_json::json!([
        {"country": "DE", "purchases": 12, "revenue": 345.5, "note": ""},
        {"country": "US", "purchases": null, "revenue": 1234.25, "note": null},
        {"country": "FR, Paris", "purchases": 3, "revenue": null, "note": "two\nlines"}
    ]);
    assert_eq!(outputs[0], expected, "pages");
    assert_eq!(outputs[1], expected, "csv");

    let Some(python) = common::test_python() else { return };
    if !seed_athena_rows(endpoint, &rows, &columns) {
        return;
    }
    let out = dir.path().join("sales.parquet");
    let output = with_test_credentials(&mut bdctl(dir.path()))
        .env("BDCTL_ATHENA_RESULTS", "csv")
        .args(["-q", "query", sql, "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let script = r#"
import sys, json, pyarrow.parquet as pq
table = pq.read_table(sys.argv[1])
print(json.dumps({"types": [str(f.type) for f in table.schema], "rows": table.to_pylist()}))
"#;
    let read: Value =
        serde_json::from_str(&common::run_python(&python, script, &[out.to_str().unwrap()])).unwrap();
    assert_eq!(read["types"], serde_json::json!(["string", "int64", "double", "string"]));
    assert_eq!(read["rows"], expected);

    ctrl_c_and_sigterm_stop_the_query_in_athena(endpoint, &clients).await;
}

/// Two statements in the SQL shell, each interrupted once Athena has it queued, then `\q`.
const SQL_SHELL_CANCELS_TWICE: &str = r#"
out = {}
expect("> ")
for key in ["first", "second"]:
    type_("SELECT count(*) FROM events;\r")
    expect("QUEUED")
    type_("\x03")
    out[key] = expect("> ")
type_("\\q\r")
out["exit"] = exit_code()
print(json.dumps(out))
"#;

/// Queries held in QUEUED by the emulator's state manager: a signal makes bdctl call
/// StopQueryExecution before it exits 130.
async fn ctrl_c_and_sigterm_stop_the_query_in_athena(endpoint: &str, clients: &Clients) {
    let Some(python) = common::test_python() else { return };
    let held = serde_json::json!({
        "model_name": "athena::execution",
        "transition": {"progression": "manual", "times": 100000}
    });
    moto_api(&python, endpoint, "/moto-api/state-manager/set-transition", &held);
    // A workgroup of its own, so that the queries of other tests do not count as this one's.
    let workgroup = unique("signals");
    clients.athena.create_work_group().name(&workgroup).send().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bdctl.toml"),
        moto_config(endpoint, &[("results_bucket", "any"), ("athena_workgroup", &workgroup)]),
    )
    .unwrap();
    let executions = || async {
        let listed = clients.athena.list_query_executions().work_group(&workgroup).send().await.unwrap();
        listed.query_execution_ids().iter().map(|id| id.to_string()).collect::<Vec<String>>()
    };
    for signal in ["INT", "TERM"] {
        let before = executions().await;
        let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("bdctl"))
            .current_dir(dir.path())
            .env("HOME", dir.path())
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .args(["query", "SELECT count(*) FROM events"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Signalled once the query exists in Athena: bdctl listens for signals before it starts one.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while executions().await.len() == before.len() && std::time::Instant::now() < deadline {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        let sent =
            std::process::Command::new("kill").args([format!("-{signal}"), child.id().to_string()]).status();
        assert!(sent.unwrap().success());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(130), "{signal}: {stderr}");
        let id = stderr
            .split("query ")
            .nth(1)
            .and_then(|rest| rest.split(" stopped in Athena").next())
            .unwrap_or_else(|| panic!("{signal}: no query id in {stderr}"));
        let state = clients.athena.get_query_execution().query_execution_id(id).send().await.unwrap();
        let status = state.query_execution().unwrap().status().unwrap().state().unwrap().as_str().to_string();
        assert_eq!(status, "CANCELLED", "{signal}");
    }
    // In the SQL shell, each Ctrl-C stops that statement's query and the shell goes on.
    let before = executions().await;
    let home = dir.path().display().to_string();
    let seen: serde_json::Value = serde_json::from_str(&common::run_at_terminal(
        &python,
        SQL_SHELL_CANCELS_TWICE,
        // `bdctl query` with no statement at a terminal is the shell.
        &["query"],
        dir.path(),
        &[
            ("HOME", &home),
            ("AWS_ACCESS_KEY_ID", "testing"),
            ("AWS_SECRET_ACCESS_KEY", "testing"),
            ("AWS_EC2_METADATA_DISABLED", "true"),
        ],
    ))
    .unwrap();
    assert_eq!(seen["exit"], 0, "{seen}");
    for key in ["first", "second"] {
        let text = seen[key].as_str().unwrap();
        assert!(text.contains("cancelled") && text.contains("stopped in Athena"), "{key}: {seen}");
    }
    let started: Vec<String> = executions().await.into_iter().filter(|id| !before.contains(id)).collect();
    assert_eq!(started.len(), 2, "{seen}");
    for id in started {
        let state = clients.athena.get_query_execution().query_execution_id(&id).send().await.unwrap();
        let status = state.query_execution().unwrap().status().unwrap().state().unwrap().as_str().to_string();
        assert_eq!(status, "CANCELLED", "shell query {id}");
    }
    let release = serde_json::json!({"model_name": "athena::execution"});
    moto_api(&python, endpoint, "/moto-api/state-manager/unset-transition", &release);
}

#[tokio::test]
async fn crawl_starts_attaches_and_times_out_on_the_glue_crawler() {
    let Some(endpoint) = moto_endpoint() else { return };
    let clients = moto_clients(&endpoint).await;
    let database = create_database(&clients, "crawldb").await;
    let crawler = create_crawler(&clients, &database, "s3://lake/transformed/").await;
    let dir = tempfile::tempdir().unwrap();
    let config = moto_config(&endpoint, &[("glue_crawler", &crawler), ("glue_database", &database)]);
    std::fs::write(dir.path().join("bdctl.toml"), config).unwrap();
    let run = |args: &[&str]| with_test_credentials(&mut bdctl(dir.path())).args(args).output().unwrap();

    let started = run(&["crawl", "--no-wait"]);
    assert!(started.status.success(), "{}", String::from_utf8_lossy(&started.stderr));
    assert!(String::from_utf8_lossy(&started.stderr).contains(&format!("started crawler {crawler}")));
    let state = clients.glue.get_crawler().name(&crawler).send().await.unwrap();
    assert_eq!(state.crawler().unwrap().state().unwrap().as_str(), "RUNNING");

    // A crawl already running is waited for, not an error; the emulator never finishes it.
    let attached = run(&["crawl", "--timeout", "2s"]);
    assert_eq!(attached.status.code(), Some(4), "{}", String::from_utf8_lossy(&attached.stderr));
    let stderr = String::from_utf8_lossy(&attached.stderr);
    assert!(stderr.contains("already running: waiting"), "{stderr}");
    assert!(stderr.contains("still RUNNING after 2s"), "{stderr}");
}

#[tokio::test]
async fn traces_never_show_credentials() {
    let Some(endpoint) = moto_endpoint() else { return };
    let clients = moto_clients(&endpoint).await;
    let bucket = unique("secrets");
    create_bucket(&clients, &bucket).await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bdctl.toml"), moto_config(&endpoint, &[("raw_bucket", &bucket)]))
        .unwrap();
    let secret = "SECRETKEYMARKER0123456789abcdefSECRET";
    let token = "SESSIONTOKENMARKER0123456789abcdefTOKEN";
    let output = bdctl(dir.path())
        .env("AWS_ACCESS_KEY_ID", "AKIATESTMARKER")
        .env("AWS_SECRET_ACCESS_KEY", secret)
        .env("AWS_SESSION_TOKEN", token)
        .args(["-vvv", "doctor", "-o", "json"])
        .output()
        .unwrap();
    let all =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(all.len() > 1000, "-vvv traces were produced: {all}");
    assert!(!all.contains(secret), "the secret key leaked");
    assert!(!all.contains(token), "the session token leaked");
    assert!(
        !all.contains("X-Amz-Signature=") && !all.contains("x-amz-security-token"),
        "signed material leaked"
    );
}

#[tokio::test]
async fn lifecycle_apply_keeps_rules_bdctl_does_not_own() {
    use aws_sdk_s3::types::{
        BucketLifecycleConfiguration, ExpirationStatus, LifecycleExpiration, LifecycleRule,
        LifecycleRuleFilter,
    };
    let Some(endpoint) = moto_endpoint() else { return };
    let clients = moto_clients(&endpoint).await;
    let (raw, results) = (unique("life-raw"), unique("life-results"));
    create_bucket(&clients, &raw).await;
    create_bucket(&clients, &results).await;
    let foreign = LifecycleRule::builder()
        .id("team-logs-cleanup")
        .filter(LifecycleRuleFilter::builder().prefix("logs/").build())
        .status(ExpirationStatus::Enabled)
        .expiration(LifecycleExpiration::builder().days(90).build())
        .build()
        .unwrap();
    clients
        .s3
        .put_bucket_lifecycle_configuration()
        .bucket(&raw)
        .lifecycle_configuration(BucketLifecycleConfiguration::builder().rules(foreign).build().unwrap())
        .send()
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = moto_config(
        &endpoint,
        &[("raw_bucket", &raw), ("transformed_bucket", &results), ("results_bucket", &results)],
    );
    std::fs::write(dir.path().join("bdctl.toml"), config).unwrap();
    let run = |args: &[&str]| with_test_credentials(&mut bdctl(dir.path())).args(args).output().unwrap();

    let plan = run(&["-q", "lifecycle", "plan", "-o", "json"]);
    assert!(plan.status.success(), "{}", String::from_utf8_lossy(&plan.stderr));
    let rows: Value = serde_json::from_slice(&plan.stdout).unwrap();
    let actions: Vec<(String, String)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["rule"].as_str().unwrap().to_string(), r["action"].as_str().unwrap().to_string()))
        .collect();
    assert!(actions.contains(&("team-logs-cleanup".into(), "keep (not bdctl's)".into())), "{actions:?}");
    assert!(actions.contains(&("bdctl-raw-expiration".into(), "add".into())), "{actions:?}");

    let refused = run(&["lifecycle", "apply"]);
    assert_eq!(refused.status.code(), Some(2), "no terminal and no --yes: nothing is written");

    let applied = run(&["--yes", "lifecycle", "apply"]);
    assert!(applied.status.success(), "{}", String::from_utf8_lossy(&applied.stderr));
    let live = clients.s3.get_bucket_lifecycle_configuration().bucket(&raw).send().await.unwrap();
    let ids: Vec<&str> = live.rules().iter().filter_map(|r| r.id()).collect();
    assert!(ids.contains(&"team-logs-cleanup"), "the foreign rule is kept: {ids:?}");
    assert!(ids.contains(&"bdctl-raw-expiration") && ids.contains(&"bdctl-abort-multipart"), "{ids:?}");
    let raw_rule = live.rules().iter().find(|r| r.id() == Some("bdctl-raw-expiration")).unwrap();
    assert_eq!(raw_rule.expiration().unwrap().days(), Some(30));

    // A second run has nothing to change.
    let again = run(&["-q", "lifecycle", "plan", "-o", "json"]);
    let rows: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert!(
        rows.as_array().unwrap().iter().all(|r| r["action"] != "add" && r["action"] != "change"),
        "{rows}"
    );
}

#[tokio::test]
async fn costs_from_cost_explorer_are_cached_and_forecast_failures_are_explained() {
    let Some(endpoint) = moto_endpoint() else { return };
    let Some(python) = common::test_python() else { return };
    let seed = serde_json::json!({
        "results": [{
            "ResultsByTime": [{
                "TimePeriod": {"Start": "2024-06-01", "End": "2024-06-02"},
                "Total": {},
                "Groups": [
                    {"Keys": ["Amazon Athena"], "Metrics": {"UnblendedCost": {"Amount": "1.25", "Unit": "USD"}}},
                    {"Keys": ["Amazon Simple Storage Service"], "Metrics": {"UnblendedCost": {"Amount": "0.5", "Unit": "USD"}}}
                ],
                "Estimated": false
            }]
        }]
    });
    moto_api(&python, &endpoint, "/moto-api/static/ce/cost-and-usage-results", &seed);

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bdctl.toml"), moto_config(&endpoint, &[])).unwrap();
    let run = |args: &[&str]| with_test_credentials(&mut bdctl(dir.path())).args(args).output().unwrap();
    let first = run(&["costs", "--from", "2024-06-01", "--to", "2024-06-01", "--forecast", "-o", "json"]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let rows: Value = serde_json::from_slice(&first.stdout).unwrap();
    let total = rows.as_array().unwrap().iter().find(|r| r["group"] == "total").unwrap();
    assert_eq!(total["amount"], 1.75);
    assert!(rows.as_array().unwrap().iter().any(|r| r["group"] == "Amazon Athena" && r["amount"] == 1.25));
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(
        stderr.contains("Cost Explorer cannot forecast this period") || stderr.contains("no forecast"),
        "{stderr}"
    );

    let second = run(&["costs", "--from", "2024-06-01", "--to", "2024-06-01", "-o", "json"]);
    assert!(second.status.success());
    assert!(
        String::from_utf8_lossy(&second.stderr).contains("cached answer from"),
        "the second answer is cached"
    );
    assert_eq!(serde_json::from_slice::<Value>(&second.stdout).unwrap()[0], rows[0]);
    let refreshed = run(&["costs", "--from", "2024-06-01", "--to", "2024-06-01", "--refresh", "-o", "json"]);
    assert!(refreshed.status.success());
    assert!(!String::from_utf8_lossy(&refreshed.stderr).contains("cached answer"));

    // `status` shows today's and the month's cost, from the same cache `costs` keeps.
    let today = chrono::Utc::now().date_naive();
    let yesterday = today.pred_opt().unwrap();
    let day = |date: chrono::NaiveDate, amount: &str| {
        serde_json::json!({
            "TimePeriod": {"Start": date.to_string(), "End": date.succ_opt().unwrap().to_string()},
            "Total": {},
            "Groups": [{"Keys": ["AWS Glue"], "Metrics": {"UnblendedCost": {"Amount": amount, "Unit": "USD"}}}],
            "Estimated": true
        })
    };
    // On the first of the month, yesterday belongs to the previous month; Cost Explorer would not
    // return it, but the seeded answer is returned whatever the dates asked.
    let seed =
        serde_json::json!({"results": [{"ResultsByTime": [day(yesterday, "2.5"), day(today, "0.75")]}]});
    moto_api(&python, &endpoint, "/moto-api/static/ce/cost-and-usage-results", &seed);
    let raw = unique("status-raw");
    let clients = moto_clients(&endpoint).await;
    create_bucket(&clients, &raw).await;
    std::fs::write(
        dir.path().join("bdctl.toml"),
        moto_config(&endpoint, &[("raw_bucket", &raw), ("transformed_bucket", &raw)]),
    )
    .unwrap();
    let cost_rows = |output: &std::process::Output| -> (Value, Value, String) {
        let rows: Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&output.stderr)));
        let row =
            |check: &str| rows.as_array().unwrap().iter().find(|r| r["check"] == check).cloned().unwrap();
        (
            row("cost today")["value"].clone(),
            row("cost month to date")["value"].clone(),
            row("cost today")["detail"].as_str().unwrap().to_string(),
        )
    };
    let status = run(&["status", "-o", "json"]);
    assert_eq!(status.status.code(), Some(1), "no raw data: the verdict fails, the costs still show");
    let (today_cost, month_cost, detail) = cost_rows(&status);
    assert_eq!((today_cost, month_cost), (serde_json::json!(0.75), serde_json::json!(3.25)));
    assert_eq!(detail, "USD, Cost Explorer");
    let again = run(&["status", "-o", "json"]);
    let (_, month_cost, detail) = cost_rows(&again);
    assert_eq!(month_cost, serde_json::json!(3.25));
    assert!(detail.starts_with("USD, Cost Explorer, cached "), "{detail}");
}

#[tokio::test]
async fn metrics_from_cloudwatch_for_the_configured_stream() {
    let Some(endpoint) = moto_endpoint() else { return };
    let clients = moto_clients(&endpoint).await;
    let stream = unique("metrics-stream");
    for value in [100.0, 250.0] {
        put_incoming_records(&clients, &stream, value).await;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bdctl.toml"), moto_config(&endpoint, &[("firehose_stream", &stream)]))
        .unwrap();
    let output = with_test_credentials(&mut bdctl(dir.path()))
        .args([
            "-q",
            "metrics",
            "--service",
            "firehose",
            "--metric",
            "IncomingRecords",
            "--period",
            "1h",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let rows: Value = serde_json::from_slice(&output.stdout).unwrap();
    let total: f64 = rows.as_array().unwrap().iter().map(|r| r["value"].as_f64().unwrap()).sum();
    assert_eq!(total, 350.0, "{rows}");
    assert!(rows.as_array().unwrap().iter().all(|r| r["metric"] == "IncomingRecords" && r["stat"] == "Sum"));
}

/// A remote backfill reads the manifests bdctl's function and Spark job write: complete days start
/// no run, the others go in runs of --days-per-run days.
#[tokio::test]
async fn a_remote_backfill_skips_complete_days_and_chunks_the_rest() {
    let Some(endpoint) = moto_endpoint() else { return };
    let clients = moto_clients(&endpoint).await;
    let (raw, lake) = (unique("bf-raw"), unique("bf-lake"));
    create_bucket(&clients, &raw).await;
    create_bucket(&clients, &lake).await;
    for day in ["01", "02", "03"] {
        let key = format!("raw/year=2024/month=06/day={day}/a.gz");
        clients
            .s3
            .put_object()
            .bucket(&raw)
            .key(&key)
            .body(Vec::from(&b"{}"[..]).into())
            .send()
            .await
            .unwrap();
    }
    // Day 2 was transformed already: its object has a manifest of its size.
    let manifest = serde_json::json!({"source_key": "raw/year=2024/month=06/day=02/a.gz", "source_bytes": 2,
        "records": 0, "events_out": 0, "quarantined": 0, "input_bytes": 2, "outputs": [], "quarantine_files": []});
    clients
        .s3
        .put_object()
        .bucket(&lake)
        .key("_bdctl/manifests/raw/year=2024/month=06/day=02/a.gz.json")
        .body(manifest.to_string().into_bytes().into())
        .send()
        .await
        .unwrap();
    let job = create_glue_job(&clients).await;
    let dir = tempfile::tempdir().unwrap();
    let config =
        moto_config(&endpoint, &[("raw_bucket", &raw), ("transformed_bucket", &lake), ("glue_job", &job)]);
    std::fs::write(dir.path().join("bdctl.toml"), config).unwrap();
    let backfill = |extra: &[&str]| {
        let mut cmd = bdctl(dir.path());
        with_test_credentials(&mut cmd)
            .args([
                "--env",
                "moto",
                "backfill",
                "--from",
                "2024-06-01",
                "--to",
                "2024-06-03",
                "--remote",
                "glue",
            ])
            .args(["--days-per-run", "2", "-o", "json"])
            .args(extra);
        cmd.output().unwrap()
    };
    let planned = backfill(&["--dry-run"]);
    assert!(planned.status.success(), "{}", String::from_utf8_lossy(&planned.stderr));
    let days: Value = serde_json::from_slice(&planned.stdout).unwrap();
    let to_do: Vec<u64> =
        days.as_array().unwrap().iter().map(|d| d["to_transform"].as_u64().unwrap()).collect();
    assert_eq!(to_do, [1, 0, 1]);
    // Every engine priced from the plan: one Glue run covers both days with work (--days-per-run 2).
    let column =
        |name: &str| days.as_array().unwrap().iter().map(|d| d[name].as_f64().unwrap()).collect::<Vec<_>>();
    for engine in ["lambda_usd", "glue_usd", "emr_serverless_usd"] {
        let costs = column(engine);
        assert!(costs[0] > 0.0 && costs[1] == 0.0 && costs[2] > 0.0, "{engine}: {costs:?}");
    }
    let stderr = String::from_utf8_lossy(&planned.stderr);
    assert!(stderr.contains("glue USD") && stderr.contains("(1 run) (chosen)"), "{stderr}");
    assert!(stderr.contains("lambda USD") && stderr.contains("(2 invocations)"), "{stderr}");

    // moto records the run and runs no script: the days it covered have no manifests afterwards,
    // and the backfill's summary (the local one, per day) says so.
    let ran = backfill(&[]);
    let stderr = String::from_utf8_lossy(&ran.stderr);
    assert_eq!(ran.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("not transformed completely by the remote runs"), "{stderr}");
    let line = stderr.lines().find(|l| l.starts_with("run: ")).unwrap_or_else(|| panic!("{stderr}"));
    assert!(line.contains("scope 2024-06-01..2024-06-03 (2 days)"), "{line}");
    let run_id = line.split("run_id ").nth(1).and_then(|r| r.split(',').next()).unwrap();
    let run = clients.glue.get_job_run().job_name(&job).run_id(run_id).send().await.unwrap();
    let arguments = run.job_run().unwrap().arguments().unwrap();
    assert_eq!(arguments.get("--date").map(String::as_str), Some("2024-06-01,2024-06-03"));
    let days: Value = serde_json::from_slice(&ran.stdout).unwrap();
    let per_day: Vec<(String, u64, u64)> = days
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["day"].as_str().unwrap().to_string(),
                d["skipped"].as_u64().unwrap(),
                d["failed"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        &per_day[..3],
        [("2024-06-01".into(), 0, 1), ("2024-06-02".into(), 1, 0), ("2024-06-03".into(), 0, 1)]
    );
}

/// `crawl --without-crawler` on an account with buckets and no crawler: the table (Parquet
/// SerDe, formats, classification, date partition keys) and its partitions written through
/// Glue from the footers bdctl reads in S3; `partitions sync` then has nothing to add; a schema
/// change is a diff that waits for `--yes`.
#[tokio::test]
async fn the_catalog_is_written_from_the_footers_without_a_crawler() {
    let Some(endpoint) = moto_endpoint() else { return };
    let clients = moto_clients(&endpoint).await;
    let SentLake { lake, database, dir, .. } = sent_lake(
        &clients,
        &endpoint,
        &["--count", "400", "--days", "2", "--start", "2024-06-01"],
        "footers",
    )
    .await;
    let run = |args: &[&str]| run_in(dir.path(), args);
    for day in ["2024-06-01", "2024-06-02"] {
        let out = run(&["-q", "transform", "--date", day]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let refused = run(&["partitions", "sync"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--without-crawler"));

    let dry = run(&["crawl", "--without-crawler", "--dry-run", "-o", "json"]);
    assert!(dry.status.success(), "{}", String::from_utf8_lossy(&dry.stderr));
    let changes: Value = serde_json::from_slice(&dry.stdout).unwrap();
    assert_eq!(changes[0]["action"], "created", "{changes}");
    assert!(clients.glue.get_table().database_name(&database).name("events").send().await.is_err());

    let crawled = run(&["crawl", "--without-crawler", "-o", "json"]);
    assert!(crawled.status.success(), "{}", String::from_utf8_lossy(&crawled.stderr));
    let changes: Value = serde_json::from_slice(&crawled.stdout).unwrap();
    let partitions_added = changes.as_array().unwrap().iter().filter(|c| c["kind"] == "partition").count();
    assert_eq!(partitions_added, 2, "{changes}");
    let table = clients.glue.get_table().database_name(&database).name("events").send().await.unwrap();
    let table = table.table().unwrap();
    assert_eq!(table.parameters().unwrap().get("classification").map(String::as_str), Some("parquet"));
    let keys: Vec<&str> = table.partition_keys().iter().map(|c| c.name()).collect();
    assert_eq!(keys, ["year", "month", "day"]);
    let descriptor = table.storage_descriptor().unwrap();
    assert_eq!(descriptor.location(), Some(format!("s3://{lake}/transformed/").as_str()));
    assert!(descriptor.input_format().unwrap().contains("MapredParquetInputFormat"));
    assert!(descriptor.serde_info().unwrap().serialization_library().unwrap().contains("ParquetHiveSerDe"));
    let columns: Vec<(&str, &str)> =
        descriptor.columns().iter().map(|c| (c.name(), c.r#type().unwrap_or_default())).collect();
    assert!(
        columns.contains(&("event_ts", "timestamp")) && columns.contains(&("revenue", "double")),
        "{columns:?}"
    );
    assert!(!columns.iter().any(|(name, _)| *name == "ip" || *name == "email"));

    let synced = run(&["partitions", "sync", "-o", "json"]);
    assert!(synced.status.success(), "{}", String::from_utf8_lossy(&synced.stderr));
    assert_eq!(serde_json::from_slice::<Value>(&synced.stdout).unwrap(), serde_json::json!([]));
    let again = run(&["crawl", "--without-crawler", "-o", "json"]);
    assert_eq!(
        serde_json::from_slice::<Value>(&again.stdout).unwrap(),
        serde_json::json!([]),
        "nothing to change"
    );

    // The table as an older definition left it: without `revenue`.
    let mut input = TableInput::builder()
        .name("events")
        .table_type("EXTERNAL_TABLE")
        .set_parameters(table.parameters().cloned())
        .set_partition_keys(Some(table.partition_keys().to_vec()));
    let older: Vec<GlueColumn> =
        descriptor.columns().iter().filter(|c| c.name() != "revenue").cloned().collect();
    input = input.storage_descriptor(
        StorageDescriptor::builder()
            .set_columns(Some(older))
            .set_location(descriptor.location().map(str::to_string))
            .set_input_format(descriptor.input_format().map(str::to_string))
            .set_output_format(descriptor.output_format().map(str::to_string))
            .set_serde_info(descriptor.serde_info().cloned())
            .build(),
    );
    clients
        .glue
        .update_table()
        .database_name(&database)
        .table_input(input.build().unwrap())
        .send()
        .await
        .unwrap();
    let unconfirmed = run(&["crawl", "--without-crawler"]);
    let stderr = String::from_utf8_lossy(&unconfirmed.stderr);
    assert_eq!(unconfirmed.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("added column revenue: double") && stderr.contains("pass --yes"), "{stderr}");
    let column_names = |table: aws_sdk_glue::operation::get_table::GetTableOutput| {
        let columns = table.table().unwrap().storage_descriptor().unwrap().columns().to_vec();
        columns.iter().map(|c| c.name().to_string()).collect::<Vec<_>>()
    };
    let unchanged = clients.glue.get_table().database_name(&database).name("events").send().await.unwrap();
    assert!(!column_names(unchanged).contains(&"revenue".to_string()), "left as it was");
    let confirmed = run(&["--yes", "crawl", "--without-crawler", "-o", "json"]);
    assert!(confirmed.status.success(), "{}", String::from_utf8_lossy(&confirmed.stderr));
    let updated = clients.glue.get_table().database_name(&database).name("events").send().await.unwrap();
    assert!(column_names(updated).contains(&"revenue".to_string()));

    // Partition projection: the table's properties, and the estimate reads the lake's partitions
    // once the catalog has none registered.
    let projected = run(&["partitions", "project", "--from", "2024-06-01", "-o", "json"]);
    assert!(projected.status.success(), "{}", String::from_utf8_lossy(&projected.stderr));
    assert_eq!(serde_json::from_slice::<Value>(&projected.stdout).unwrap().as_array().unwrap().len(), 10);
    let table = clients.glue.get_table().database_name(&database).name("events").send().await.unwrap();
    let parameters = table.table().unwrap().parameters().unwrap().clone();
    assert_eq!(parameters.get("projection.enabled").map(String::as_str), Some("true"));
    assert!(parameters["projection.year.range"].starts_with("2024,"), "{parameters:?}");
    assert_eq!(
        parameters["storage.location.template"],
        format!("s3://{lake}/transformed/year=${{year}}/month=${{month}}/day=${{day}}/")
    );
    assert_eq!(parameters.get("classification").map(String::as_str), Some("parquet"), "kept");
    let registered =
        clients.glue.get_partitions().database_name(&database).table_name("events").send().await.unwrap();
    let values: Vec<aws_sdk_glue::types::PartitionValueList> = registered
        .partitions()
        .iter()
        .map(|p| {
            aws_sdk_glue::types::PartitionValueList::builder()
                .set_values(Some(p.values().to_vec()))
                .build()
                .unwrap()
        })
        .collect();
    clients
        .glue
        .batch_delete_partition()
        .database_name(&database)
        .table_name("events")
        .set_partitions_to_delete(Some(values))
        .send()
        .await
        .unwrap();
    let estimate =
        run(&["query", "--estimate", "SELECT event_id FROM events WHERE day = '02'", "-o", "json"]);
    assert!(estimate.status.success(), "{}", String::from_utf8_lossy(&estimate.stderr));
    let estimate: Value = serde_json::from_slice(&estimate.stdout).unwrap();
    assert_eq!(estimate[0]["partitions"], 1, "{estimate}");
    assert!(estimate[0]["files"].as_u64().unwrap() > 0, "{estimate}");
    let synced = run(&["partitions", "sync"]);
    assert!(String::from_utf8_lossy(&synced.stderr).contains("nothing to sync"));

    let off = run(&["partitions", "project", "--off", "-o", "json"]);
    assert!(off.status.success(), "{}", String::from_utf8_lossy(&off.stderr));
    let table = clients.glue.get_table().database_name(&database).name("events").send().await.unwrap();
    let parameters = table.table().unwrap().parameters().cloned().unwrap_or_default();
    assert!(!parameters.keys().any(|k| k.starts_with("projection.")), "{parameters:?}");
    let estimate =
        run(&["query", "--estimate", "SELECT event_id FROM events WHERE day = '02'", "-o", "json"]);
    assert_eq!(serde_json::from_slice::<Value>(&estimate.stdout).unwrap()[0]["partitions"], 0);
}

/// A directory whose bdctl.toml has the environment `moto`: the raw and lake buckets, and a Glue
/// database of its own.
/// Rows and whether each file is sorted by event_ts, of the Parquet files under an S3 prefix.
async fn parquet_rows_below(clients: &Clients, bucket: &str, prefix: &str) -> (usize, u64, bool) {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let mut pages = clients.s3.list_objects_v2().bucket(bucket).prefix(prefix).into_paginator().send();
    let mut keys = Vec::new();
    while let Some(page) = pages.next().await {
        keys.extend(page.unwrap().contents().iter().filter_map(|o| o.key()).map(str::to_string));
    }
    let (mut files, mut rows, mut sorted) = (0, 0, true);
    for key in keys.iter().filter(|k| k.ends_with(".parquet")) {
        let body = clients.s3.get_object().bucket(bucket).key(key).send().await.unwrap();
        let bytes = body.body.collect().await.unwrap().into_bytes();
        let reader = SerializedFileReader::new(bytes.clone()).unwrap();
        rows += reader.metadata().file_metadata().num_rows() as u64;
        files += 1;
        let batches = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(bytes)
            .unwrap()
            .build()
            .unwrap();
        let mut last = i64::MIN;
        for batch in batches {
            let batch = batch.unwrap();
            let ts = arrow::compute::cast(
                batch.column_by_name("event_ts").unwrap(),
                &arrow::datatypes::DataType::Int64,
            )
            .unwrap();
            let ts = ts.as_any().downcast_ref::<arrow::array::Int64Array>().unwrap();
            for value in ts.values() {
                sorted &= *value >= last;
                last = *value;
            }
        }
    }
    (files, rows, sorted)
}

#[tokio::test]
async fn compaction_switches_the_glue_partition_and_a_late_object_switches_it_back() {
    let Some(endpoint) = moto_endpoint() else { return };
    let clients = moto_clients(&endpoint).await;
    let SentLake { raw, lake, database, dir } = sent_lake(
        &clients,
        &endpoint,
        &["--count", "900", "--days", "1", "--start", "2024-06-01", "--seed", "5"],
        "compact",
    )
    .await;
    let run = |args: &[&str]| run_in(dir.path(), args);
    let json = |out: std::process::Output| -> Value {
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    json(run(&["-q", "transform", "--date", "2024-06-01", "-o", "json"]));
    json(run(&["-q", "crawl", "--without-crawler", "-o", "json"]));
    let location = || async {
        let descriptor = first_june_storage(&clients, &database).await;
        (descriptor.location().unwrap().to_string(), descriptor.input_format().map(str::to_string))
    };
    let (lake_location, input_format) = location().await;
    assert_eq!(lake_location, format!("s3://{lake}/transformed/year=2024/month=06/day=01/"));
    let (files, rows, _) =
        parquet_rows_below(&clients, &lake, "transformed/year=2024/month=06/day=01/").await;
    assert!(files > 2, "{files} files");

    let plan = json(run(&["-q", "compact", "--dry-run", "--target-size", "32KB", "-o", "json"]));
    assert_eq!(plan[0]["action"], "would compact", "{plan}");
    assert_eq!(plan[0]["files"], files as u64);
    let written =
        clients.s3.list_objects_v2().bucket(&lake).prefix("transformed-compacted/").send().await.unwrap();
    assert_eq!(written.key_count(), Some(0), "a dry run writes nothing");

    let done = json(run(&["-q", "compact", "--target-size", "32KB", "-o", "json"]));
    assert_eq!(done[0]["action"], "compacted", "{done}");
    let generation = "transformed-compacted/year=2024/month=06/day=01/gen=0001/";
    let (compacted_location, compacted_format) = location().await;
    assert_eq!(compacted_location, format!("s3://{lake}/{generation}"));
    assert_eq!(compacted_format, input_format, "the partition keeps its formats");
    let (after_files, after_rows, sorted) = parquet_rows_below(&clients, &lake, generation).await;
    assert_eq!(after_rows, rows, "every row once in the copy");
    assert!(after_files < files && sorted, "{after_files} files, sorted: {sorted}");
    assert_eq!(done[0]["files_after"], after_files as u64);
    assert_eq!(
        parquet_rows_below(&clients, &lake, "transformed/").await.1,
        rows,
        "the transformed files stay"
    );
    assert_eq!(json(run(&["-q", "compact", "-o", "json"]))[0]["action"], "up to date");

    // A late object: the transform points the partition back at the files, which hold it.
    upload_sent_events(
        &clients,
        &raw,
        &["--count", "200", "--days", "1", "--start", "2024-06-01", "--seed", "6"],
    )
    .await;
    let late = run(&["transform", "--date", "2024-06-01"]);
    assert!(late.status.success(), "{}", String::from_utf8_lossy(&late.stderr));
    assert!(String::from_utf8_lossy(&late.stderr).contains("compacted copy is stale"));
    assert_eq!(location().await.0, lake_location);
    let listed = json(run(&["-q", "partitions", "list", "-o", "json"]));
    assert_eq!(listed[0]["compacted"], "", "{listed}");

    let again = json(run(&["-q", "compact", "--target-size", "32KB", "-o", "json"]));
    assert_eq!(again[0]["generation"], 2, "{again}");
    let second = "transformed-compacted/year=2024/month=06/day=01/gen=0002/";
    assert_eq!(location().await.0, format!("s3://{lake}/{second}"));
    assert_eq!(parquet_rows_below(&clients, &lake, second).await.1, rows + 200);
    assert!(
        parquet_rows_below(&clients, &lake, generation).await.0 > 0,
        "the first copy waits out its grace period"
    );
    json(run(&["-q", "compact", "--grace", "0s", "-o", "json"]));
    assert_eq!(parquet_rows_below(&clients, &lake, generation).await.0, 0, "then it is removed");
    assert_eq!(json(run(&["-q", "partitions", "list", "-o", "json"]))[0]["compacted"], "gen 2");

    // A file written by a writer that does not look at the catalog (the S3-triggered function):
    // `partitions sync` finds the copy stale.
    let listed = clients
        .s3
        .list_objects_v2()
        .bucket(&lake)
        .prefix("transformed/year=2024/month=06/day=01/")
        .send()
        .await
        .unwrap();
    let source = listed.contents()[0].key().unwrap().to_string();
    clients
        .s3
        .copy_object()
        .bucket(&lake)
        .key("transformed/year=2024/month=06/day=01/from-the-function.parquet")
        .copy_source(format!("{lake}/{source}"))
        .send()
        .await
        .unwrap();
    let synced = json(run(&["-q", "partitions", "sync", "-o", "json"]));
    assert_eq!(synced[0]["action"], "reads the files (stale copy)", "{synced}");
    assert_eq!(location().await.0, lake_location);
}
