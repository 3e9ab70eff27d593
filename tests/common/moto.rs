//! The moto server's own API and the clients and settings tests use against it.

use std::path::Path;

use bdctl::backend::aws::{Clients, sdk_config_with};
use bdctl::cli::GlobalArgs;
use bdctl::settings::{Context, Settings};

use super::moto_config;

pub fn settings_for(dir: &Path, config: &str) -> Settings {
    let path = dir.join("bdctl.toml");
    std::fs::write(&path, config).unwrap();
    let global = GlobalArgs { config: Some(path), ..GlobalArgs::default() };
    let no_env = |_: &str| None;
    Settings::load_in(&global, &Context { cwd: dir.to_path_buf(), env: &no_env }).expect("valid settings")
}

pub async fn moto_clients(endpoint: &str) -> Clients {
    let dir = tempfile::tempdir().unwrap();
    let settings = settings_for(dir.path(), &moto_config(endpoint, &[]));
    let credentials = aws_sdk_sts::config::Credentials::new("testing", "testing", None, None, "tests");
    let conf = sdk_config_with(&settings, Some(credentials)).await.expect("sdk config");
    Clients::new(&conf)
}

pub async fn create_bucket(clients: &Clients, name: &str) {
    clients.s3.create_bucket().bucket(name).send().await.expect("create bucket");
}

/// POSTs a JSON body to one of the emulator's own endpoints (`/moto-api/…`): seeded results,
/// state transitions. The Python that `scripts/test` provides does the request.
pub fn moto_api(python: &str, endpoint: &str, path: &str, body: &serde_json::Value) {
    let script = r#"
import sys, urllib.request
request = urllib.request.Request(sys.argv[1] + sys.argv[2], data=sys.argv[3].encode(), method="POST")
urllib.request.urlopen(request).read()
"#;
    super::run_python(python, script, &[endpoint, path, &body.to_string()]);
}

/// Seeds the next Athena query result of the emulator (moto answers queries only from seeds).
pub fn seed_athena_results(endpoint: &str, rows: &[Vec<&str>], columns: &[(&str, &str)]) -> bool {
    let rows: Vec<Vec<Option<&str>>> = rows.iter().map(|r| r.iter().map(|v| Some(*v)).collect()).collect();
    seed_athena_rows(endpoint, &rows, columns)
}

/// Seeds one query result; `None` is NULL (no `VarCharValue`).
pub fn seed_athena_rows(endpoint: &str, rows: &[Vec<Option<&str>>], columns: &[(&str, &str)]) -> bool {
    let Some(python) = super::test_python() else { return false };
    let cell = |v: &Option<&str>| match v {
        Some(v) => serde_json::json!({"VarCharValue": v}),
        None => serde_json::json!({}),
    };
    let body = serde_json::json!({
        "account_id": "123456789012",
        "region": "us-east-1",
        "results": [{
            "rows": rows.iter().map(|r| serde_json::json!({"Data": r.iter().map(cell).collect::<Vec<_>>()})).collect::<Vec<_>>(),
            "column_info": columns.iter().map(|(name, ty)| serde_json::json!({
                "CatalogName": "hive", "SchemaName": "", "TableName": "", "Name": name, "Label": name,
                "Type": ty, "Precision": 0, "Scale": 0, "Nullable": "UNKNOWN", "CaseSensitive": false
            })).collect::<Vec<_>>(),
        }]
    });
    moto_api(&python, endpoint, "/moto-api/static/athena/query-results", &body);
    true
}

/// A Firehose stream delivering GZIP objects under `raw/` of `bucket`, logging its errors.
pub async fn create_stream(clients: &Clients, bucket: &str) -> String {
    create_stream_logging(clients, bucket, true).await
}

/// As [`create_stream`], with its error logging on or off.
pub async fn create_stream_logging(clients: &Clients, bucket: &str, logging: bool) -> String {
    use aws_sdk_firehose::types::{CompressionFormat, ExtendedS3DestinationConfiguration};
    let stream = super::unique("clicks");
    let destination = ExtendedS3DestinationConfiguration::builder()
        .bucket_arn(format!("arn:aws:s3:::{bucket}"))
        .role_arn("arn:aws:iam::123456789012:role/firehose")
        .prefix("raw/")
        .compression_format(CompressionFormat::Gzip);
    let destination = if logging {
        destination.cloud_watch_logging_options(
            aws_sdk_firehose::types::CloudWatchLoggingOptions::builder()
                .enabled(true)
                .log_group_name(format!("/aws/kinesisfirehose/{stream}"))
                .log_stream_name("DestinationDelivery")
                .build(),
        )
    } else {
        destination
    };
    clients
        .firehose
        .create_delivery_stream()
        .delivery_stream_name(&stream)
        .extended_s3_destination_configuration(destination.build().unwrap())
        .send()
        .await
        .unwrap();
    stream
}

/// A Glue job with continuous logging on.
pub async fn create_glue_job(clients: &Clients) -> String {
    create_glue_job_logging(clients, true).await
}

/// As [`create_glue_job`], with continuous logging on or off.
pub async fn create_glue_job_logging(clients: &Clients, continuous_logging: bool) -> String {
    let job = super::unique("transform-job");
    let arguments = continuous_logging.then(|| {
        std::collections::HashMap::from([(
            "--enable-continuous-cloudwatch-log".to_string(),
            "true".to_string(),
        )])
    });
    clients
        .glue
        .create_job()
        .name(&job)
        .role("arn:aws:iam::123456789012:role/glue")
        .command(
            aws_sdk_glue::types::JobCommand::builder()
                .name("glueetl")
                .script_location("s3://scripts/transform.py")
                .build(),
        )
        .set_default_arguments(arguments)
        .send()
        .await
        .unwrap();
    job
}

/// Puts `value` as the Firehose stream's `IncomingRecords`, two minutes ago.
pub async fn put_incoming_records(clients: &Clients, stream: &str, value: f64) {
    use aws_sdk_cloudwatch::types::{Dimension, MetricDatum};
    let at = aws_smithy_types::DateTime::from_secs(chrono::Utc::now().timestamp() - 120);
    clients
        .cloudwatch
        .put_metric_data()
        .namespace("AWS/Firehose")
        .metric_data(
            MetricDatum::builder()
                .metric_name("IncomingRecords")
                .dimensions(Dimension::builder().name("DeliveryStreamName").value(stream).build())
                .timestamp(at)
                .value(value)
                .build(),
        )
        .send()
        .await
        .unwrap();
}

/// Clients that answer nothing (no endpoint, no credentials): tests replace the ones they use
/// with mocked clients.
pub fn unused_clients() -> Clients {
    let conf = aws_config::SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-1"))
        .build();
    Clients::new(&conf)
}

/// A Cost Explorer question of daily costs by service.
pub fn cost_query(start: &str, end: &str, services: &[&str]) -> bdctl::backend::CostQuery {
    bdctl::backend::CostQuery {
        start: start.into(),
        end: end.into(),
        granularity: "DAILY".into(),
        group_by: ("DIMENSION".into(), "SERVICE".into()),
        services: services.iter().map(|s| s.to_string()).collect(),
        tag: None,
    }
}

/// A Glue database with a unique name (underscores: Athena does not like dashes).
pub async fn create_database(clients: &Clients, stem: &str) -> String {
    let database = super::unique(stem).replace('-', "_");
    clients
        .glue
        .create_database()
        .database_input(aws_sdk_glue::types::DatabaseInput::builder().name(&database).build().unwrap())
        .send()
        .await
        .unwrap();
    database
}

/// Gives the bucket the posture the platform promises: SSE-S3 by default, Block Public Access on,
/// and a policy that refuses plain HTTP.
pub async fn harden_bucket(clients: &Clients, bucket: &str) {
    use aws_sdk_s3::types::{
        PublicAccessBlockConfiguration, ServerSideEncryption, ServerSideEncryptionByDefault,
        ServerSideEncryptionConfiguration, ServerSideEncryptionRule,
    };
    clients
        .s3
        .put_bucket_encryption()
        .bucket(bucket)
        .server_side_encryption_configuration(
            ServerSideEncryptionConfiguration::builder()
                .rules(
                    ServerSideEncryptionRule::builder()
                        .apply_server_side_encryption_by_default(
                            ServerSideEncryptionByDefault::builder()
                                .sse_algorithm(ServerSideEncryption::Aes256)
                                .build()
                                .unwrap(),
                        )
                        .build(),
                )
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    clients
        .s3
        .put_public_access_block()
        .bucket(bucket)
        .public_access_block_configuration(
            PublicAccessBlockConfiguration::builder()
                .block_public_acls(true)
                .ignore_public_acls(true)
                .block_public_policy(true)
                .restrict_public_buckets(true)
                .build(),
        )
        .send()
        .await
        .unwrap();
    let policy = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Resource": [format!("arn:aws:s3:::{bucket}"), format!("arn:aws:s3:::{bucket}/*")],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}
        }]
    });
    clients.s3.put_bucket_policy().bucket(bucket).policy(policy.to_string()).send().await.unwrap();
}

/// An Athena workgroup that enforces its result location and SSE-S3 encryption of results.
pub async fn create_enforced_workgroup(clients: &Clients, results_bucket: &str) -> String {
    use aws_sdk_athena::types::{
        EncryptionConfiguration, EncryptionOption, ResultConfiguration, WorkGroupConfiguration,
    };
    let name = super::unique("enforced");
    clients
        .athena
        .create_work_group()
        .name(&name)
        .configuration(
            WorkGroupConfiguration::builder()
                .enforce_work_group_configuration(true)
                .result_configuration(
                    ResultConfiguration::builder()
                        .output_location(format!("s3://{results_bucket}/results/"))
                        .encryption_configuration(
                            EncryptionConfiguration::builder()
                                .encryption_option(EncryptionOption::SseS3)
                                .build()
                                .unwrap(),
                        )
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .unwrap();
    name
}

/// A log group with a retention, as a function's should have.
pub async fn create_log_group(clients: &Clients, group: &str, retention_days: Option<i32>) {
    clients.logs.create_log_group().log_group_name(group).send().await.unwrap();
    if let Some(days) = retention_days {
        clients
            .logs
            .put_retention_policy()
            .log_group_name(group)
            .retention_in_days(days)
            .send()
            .await
            .unwrap();
    }
}

/// A Kinesis data stream with `shards` shards, active.
#[allow(dead_code)]
pub async fn create_data_stream(clients: &Clients, shards: i32) -> String {
    let stream = super::unique("events");
    clients.kinesis.create_stream().stream_name(&stream).shard_count(shards).send().await.unwrap();
    stream
}

/// Makes a role and a Python function answering with its event on the emulator, through boto3
/// (which moto brings): bdctl itself has no reason to create IAM roles. The role's ARN; `None`
/// without the test Python.
pub fn create_echo_function(endpoint: &str, name: &str) -> Option<String> {
    let python = super::test_python()?;
    let script = r#"
import boto3, io, json, sys, urllib.request, zipfile
endpoint, name = sys.argv[1], sys.argv[2]
request = urllib.request.Request(endpoint + "/moto-api/config", data=json.dumps({"lambda": {"use_docker": False}}).encode(), method="POST")
urllib.request.urlopen(request).read()
kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
role = boto3.client("iam", **kw).create_role(RoleName=name, AssumeRolePolicyDocument="{}")["Role"]["Arn"]
code = io.BytesIO()
with zipfile.ZipFile(code, "w") as z:
    z.writestr("lambda_function.py", "def lambda_handler(event, context):\n    return event\n")
boto3.client("lambda", **kw).create_function(FunctionName=name, Runtime="python3.11", Role=role,
    Handler="lambda_function.lambda_handler", Code={"ZipFile": code.getvalue()})
print(role)
"#;
    Some(super::run_python(&python, script, &[endpoint, name]).trim().to_string())
}

/// Events `bdctl send` writes on local, uploaded under the same keys to the raw bucket.
pub async fn upload_sent_events(clients: &Clients, raw: &str, send_args: &[&str]) -> usize {
    let local = tempfile::tempdir().unwrap();
    super::bdctl(local.path()).args(["-q", "send"]).args(send_args).assert().success();
    let mut uploaded = 0;
    for path in super::files_below(&local.path().join(".bdctl/raw")) {
        let key = path.strip_prefix(local.path().join(".bdctl")).unwrap().to_string_lossy().to_string();
        let body = std::fs::read(&path).unwrap();
        clients.s3.put_object().bucket(raw).key(&key).body(body.into()).send().await.unwrap();
        uploaded += 1;
    }
    uploaded
}

/// A directory with a bdctl.toml of the environment `moto` over these buckets and database.
pub fn lake_environment(endpoint: &str, raw: &str, lake: &str, database: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut config = moto_config(endpoint, &[("raw_bucket", raw), ("transformed_bucket", lake)]);
    config.push_str(&format!("glue_database = \"{database}\"\n"));
    std::fs::write(dir.path().join("bdctl.toml"), config).unwrap();
    dir
}

/// bdctl in `dir` with the environment `moto` and the test credentials.
pub fn run_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut cmd = super::bdctl(dir);
    super::with_test_credentials(&mut cmd).args(["--env", "moto"]).args(args).output().unwrap()
}

/// A raw and a lake bucket on the emulator, the raw one holding the events `bdctl send` makes
/// with `send_args`, and a directory configured for them and a database named after `stem`.
pub struct SentLake {
    pub raw: String,
    pub lake: String,
    pub database: String,
    pub dir: tempfile::TempDir,
}

pub async fn sent_lake(clients: &Clients, endpoint: &str, send_args: &[&str], stem: &str) -> SentLake {
    let (raw, lake) = (super::unique("raw"), super::unique("lake"));
    create_bucket(clients, &raw).await;
    create_bucket(clients, &lake).await;
    upload_sent_events(clients, &raw, send_args).await;
    let database = super::unique(stem);
    let dir = lake_environment(endpoint, &raw, &lake, &database);
    SentLake { raw, lake, database, dir }
}

/// The storage descriptor of the `events` table's partition of 2024-06-01 in the Glue catalog.
pub async fn first_june_storage(clients: &Clients, database: &str) -> aws_sdk_glue::types::StorageDescriptor {
    let partition = clients
        .glue
        .get_partition()
        .database_name(database)
        .table_name("events")
        .set_partition_values(Some(vec!["2024".into(), "06".into(), "01".into()]))
        .send()
        .await
        .expect("the day's partition");
    partition.partition().unwrap().storage_descriptor().unwrap().clone()
}
