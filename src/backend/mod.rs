//! The seam between commands and the platform: small capability traits, implemented once for AWS
//! (`aws`, through the official SDK) and once for the embedded platform on disk (`local`).
//! Commands only ever talk to these traits; [`factory`] alone knows which backend is which.
//! What one backend cannot do it answers with [`crate::error::NotSupported`].

pub mod aws;
pub mod factory;
pub mod local;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, Result};
use async_trait::async_trait;
use bytes::Bytes;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::layout::{Area, Location};

/// An object under a bucket (AWS) or under the data directory (local).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectInfo {
    pub key: String,
    pub size: u64,
    pub last_modified: Option<DateTime<Utc>>,
}

/// Raised (inside an `anyhow::Error`) when an object, bucket or resource does not exist.
#[derive(Debug, thiserror::Error)]
#[error("{0} does not exist")]
pub struct NotFound(pub String);

/// True when the error says that something does not exist.
pub fn is_not_found(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| cause.is::<NotFound>())
}

/// What a long operation tells the person watching (on stderr): the state it is in, notices and
/// warnings. Capabilities that take a while report through it; commands decide how it shows.
pub trait Reporter: Send + Sync {
    /// The current state, for a spinner.
    fn status(&self, text: &str);
    fn notice(&self, text: &str);
    fn warn(&self, text: &str);
}

/// A reporter that shows nothing (scripts, tests).
pub struct Silent;

impl Reporter for Silent {
    fn status(&self, _text: &str) {}
    fn notice(&self, _text: &str) {}
    fn warn(&self, _text: &str) {}
}

/// An object being written from blocking code: nothing is visible under its key until
/// `commit`, and dropping it uncommitted discards what was written.
pub trait StagedObject: std::io::Write + Send {
    /// Makes the object visible, whole. Returns its size in bytes.
    fn commit(self: Box<Self>) -> Result<u64>;
}

/// Object storage: S3 on AWS, files under the data directory on local.
#[async_trait]
pub trait ObjectStore: Send + Sync {
    /// Streams an object's bytes; for blocking code (inside `spawn_blocking`), memory bounded
    /// by one network chunk whatever the object's size.
    fn open_blocking(&self, bucket: &str, key: &str) -> Result<Box<dyn std::io::Read + Send>>;
    /// Starts writing an object from blocking code (inside `spawn_blocking`); large objects go
    /// up in parts as they are written.
    fn create_blocking(&self, bucket: &str, key: &str) -> Result<Box<dyn StagedObject>>;
    /// A whole object's bytes, read from blocking code.
    fn get_blocking(&self, bucket: &str, key: &str) -> Result<Vec<u8>> {
        let mut body = Vec::new();
        std::io::Read::read_to_end(&mut self.open_blocking(bucket, key)?, &mut body)
            .with_context(|| format!("reading {key}"))?;
        Ok(body)
    }
    /// Writes a whole object from blocking code; readers never see it half-written.
    fn put_blocking(&self, bucket: &str, key: &str, body: &[u8]) -> Result<()> {
        let mut object = self.create_blocking(bucket, key)?;
        std::io::Write::write_all(&mut object, body).with_context(|| format!("writing {key}"))?;
        object.commit()?;
        Ok(())
    }
    /// Every object whose key starts with `prefix`, in key order (all pages).
    async fn list(&self, bucket: &str, prefix: &str) -> Result<Vec<ObjectInfo>>;
    async fn get(&self, bucket: &str, key: &str) -> Result<Bytes>;
    /// The bytes `range` of an object (a Parquet footer, say), without reading the rest.
    async fn get_range(&self, bucket: &str, key: &str, range: std::ops::Range<u64>) -> Result<Bytes>;
    /// Writes the whole object; readers never see it half-written.
    async fn put(&self, bucket: &str, key: &str, body: Bytes) -> Result<()>;
    /// Deletes the objects; keys that do not exist are not an error.
    async fn delete(&self, bucket: &str, keys: &[String]) -> Result<()>;
    /// Succeeds when the bucket exists and is reachable with the current credentials; tells the
    /// bucket's region where the store has regions.
    async fn check_bucket(&self, bucket: &str) -> Result<Option<String>>;
    /// How the catalog and people address a location: `s3://bucket/prefix`, or the directory.
    fn url(&self, location: &Location) -> String;
    /// The location a URL of this store addresses (the inverse of [`ObjectStore::url`]).
    fn location_of(&self, url: &str) -> Option<Location>;
    /// What holds an area's objects, for a check row: its name and its address.
    fn describe_bucket(&self, area: Area, bucket: &str) -> (String, String);
}

/// A table as the catalog describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableInfo {
    pub database: String,
    pub name: String,
    pub location: String,
    pub columns: Vec<Column>,
    pub partition_keys: Vec<Column>,
    /// The table's properties (`classification`, Athena's `projection.*`, …).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub parameters: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub name: String,
    /// The type as the catalog spells it (Hive/Glue type names, e.g. `string`, `bigint`).
    pub data_type: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableLookup {
    DatabaseMissing,
    TableMissing,
    Found(Box<TableInfo>),
}

/// One partition of a table: its values in the order of the partition keys, and where its
/// files are.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PartitionInfo {
    pub values: Vec<String>,
    pub location: String,
}

/// The data catalog: Glue on AWS, a JSON file in the data directory on local.
#[async_trait]
pub trait Catalog: Send + Sync {
    async fn lookup_table(&self, database: &str, table: &str) -> Result<TableLookup>;
    /// Every table of the database, by name (none when the database does not exist).
    async fn list_tables(&self, database: &str) -> Result<Vec<TableInfo>>;
    /// Creates the database when it does not exist.
    async fn ensure_database(&self, database: &str) -> Result<()>;
    /// Creates the table, or replaces its definition (columns, location, partition keys).
    async fn put_table(&self, table: &TableInfo) -> Result<()>;
    /// Every partition of the table, in value order.
    async fn list_partitions(&self, database: &str, table: &str) -> Result<Vec<PartitionInfo>>;
    /// Adds partitions (existing ones are left as they are); returns how many were added.
    async fn add_partitions(
        &self,
        database: &str,
        table: &str,
        partitions: &[PartitionInfo],
    ) -> Result<usize>;
    /// Points one partition at `partition.location`, creating it when the catalog lacks it (the
    /// switch readers see at once: a query plans against either the old location or the new).
    async fn set_partition_location(
        &self,
        database: &str,
        table: &str,
        partition: &PartitionInfo,
    ) -> Result<()>;
    /// Starts the crawler. `Ok(false)`: it was already running, and that run is the one to wait for.
    async fn start_crawler(&self, name: &str) -> Result<bool>;
    async fn crawler_status(&self, name: &str) -> Result<CrawlerStatus>;
    /// Brings the table and its partitions in line with the files of the lake: the Glue
    /// crawler on AWS, bdctl's own reading of the Parquet footers on local. Returns what
    /// changed in the catalog, or `None` when asked not to wait for the crawl.
    async fn crawl(&self, request: &CrawlRequest, reporter: &dyn Reporter) -> Result<Option<Vec<Change>>>;
    /// Whether a crawl creates a missing database (otherwise it must exist beforehand).
    fn crawl_creates_database(&self) -> bool;
}

/// What to crawl.
#[derive(Debug, Clone)]
pub struct CrawlRequest {
    /// The environment's name, for messages about its settings.
    pub environment: String,
    pub database: String,
    pub table: String,
    /// The transformed area, whose files the table describes; `None` where the settings name no
    /// transformed bucket (a Glue crawler knows its own targets).
    pub lake: Option<Location>,
    /// The Glue crawler to run, where crawling is a service's.
    pub crawler: Option<String>,
    pub wait: bool,
    pub timeout: Duration,
}

/// One difference a crawl made in the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: &'static str,
    pub action: &'static str,
    pub name: String,
    pub detail: String,
}

/// A crawler's state and the outcome of its last crawl.
#[derive(Debug, Clone, PartialEq)]
pub struct CrawlerStatus {
    /// READY, RUNNING or STOPPING.
    pub state: String,
    /// SUCCEEDED, CANCELLED or FAILED, once a crawl has ended.
    pub last_status: Option<String>,
    pub last_error: Option<String>,
}

/// One event for the delivery stream: its JSON text without a trailing newline, and when it
/// arrives. Firehose stamps arrival itself; the local platform files objects by this time, so
/// that synthetic events for past days land in those days.
#[derive(Debug, Clone)]
pub struct DeliveryRecord {
    pub data: Bytes,
    pub arrival: DateTime<Utc>,
}

/// A record the delivery stream did not accept, even after retries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedRecord {
    /// Position of the record in what was sent (0-based).
    pub index: u64,
    pub code: String,
    pub message: String,
}

#[derive(Debug, Default, Clone)]
pub struct DeliveryReport {
    pub records: u64,
    pub bytes: u64,
    /// Objects written so far, where the delivery names them ([`Delivery::names_objects`]).
    pub objects: Vec<String>,
    pub failed: Vec<FailedRecord>,
    /// Records sent again after a partial failure.
    pub retried: u64,
}

impl DeliveryReport {
    pub fn absorb(&mut self, other: DeliveryReport) {
        self.records += other.records;
        self.bytes += other.bytes;
        self.objects.extend(other.objects);
        self.failed.extend(other.failed);
        self.retried += other.retried;
    }
}

/// One record for the data stream: its bytes and the key that picks its shard (the session, so
/// that a session's events stay in order in one shard).
#[derive(Debug, Clone)]
pub struct StreamRecordIn {
    pub data: Bytes,
    pub partition_key: String,
    /// When the event arrives, for the local Firehose's files (as [`DeliveryRecord::arrival`]);
    /// Kinesis stamps its own.
    pub arrival: DateTime<Utc>,
}

/// A record read from the data stream.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamRecord {
    pub sequence: String,
    pub partition_key: String,
    /// When the stream took it (Kinesis' approximate arrival time).
    pub arrival: DateTime<Utc>,
    pub data: Bytes,
}

/// A shard of the data stream; a closed shard (split or merged) takes no more records, and its
/// children continue its hash range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamShard {
    pub id: String,
    pub parent: Option<String>,
    pub adjacent_parent: Option<String>,
    pub closed: bool,
}

/// Where reading a shard starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamPosition {
    /// Only records put from now on.
    Latest,
    /// The oldest record the stream still keeps.
    TrimHorizon,
    /// The first record that arrived at or after this time.
    AtTimestamp(DateTime<Utc>),
    /// Just after a record already read (to resume with a fresh iterator).
    AfterSequence(String),
}

/// One read of a shard.
#[derive(Debug, Clone, Default)]
pub struct StreamRead {
    pub records: Vec<StreamRecord>,
    /// The iterator for the next read; none once a closed shard is read to its end.
    pub next: Option<String>,
    /// How far this read is behind the shard's newest record (the consumer's lag).
    pub behind_latest: Option<std::time::Duration>,
}

/// Why a read of the data stream did not return records.
#[derive(Debug, thiserror::Error)]
pub enum StreamReadError {
    /// The iterator is older than five minutes (Kinesis' limit): get a new one.
    #[error("the shard iterator expired: {0}")]
    IteratorExpired(String),
    /// The shard's read limit (5 reads or 2 MB per second) was hit: slow down.
    #[error("the shard's read throughput was exceeded: {0}")]
    Throttled(String),
}

/// The real-time stream in front of Firehose: a Kinesis data stream on AWS; on local, shard logs
/// in the data directory that also feed the local Firehose writer, as a delivery stream with the
/// data stream as its source does.
#[async_trait]
pub trait DataStream: Send + Sync {
    /// The stream's name, for messages ("not set" when there is none).
    fn destination(&self) -> String;
    /// Puts the records (`PutRecords`: at most 500 records and 5 MiB a call), sending exactly the
    /// failed ones of a partial failure again with backoff; `first_index` numbers the records in
    /// failure reports.
    async fn put(&self, records: Vec<StreamRecordIn>, first_index: u64) -> Result<DeliveryReport>;
    /// Writes out what a downstream writer still buffers (the local Firehose); nothing on AWS.
    async fn flush(&self) -> Result<DeliveryReport>;
    /// Every shard the stream keeps, open and closed, with its parents.
    async fn shards(&self) -> Result<Vec<StreamShard>>;
    /// An iterator of `shard` at `position`.
    async fn iterator(&self, shard: &str, position: &StreamPosition) -> Result<String>;
    /// Up to `limit` records at `iterator`; a [`StreamReadError`] in the chain for an expired
    /// iterator or a throttled read.
    async fn read(&self, iterator: &str, limit: usize) -> Result<StreamRead>;
}

/// Events sent through the data stream rather than straight into Firehose (`send --stream`):
/// each keyed by its session, so that a session's events stay in order in one shard.
pub struct ThroughStream(pub Arc<dyn DataStream>);

/// The key that picks an event's shard: its `session_id`, else its `event_id`, else (a record
/// that is not an event) a digest of its bytes, so that sending it again picks the same shard.
pub fn partition_key(data: &[u8]) -> String {
    #[derive(Deserialize)]
    struct Keys {
        session_id: Option<serde_json::Value>,
        event_id: Option<serde_json::Value>,
    }
    let text = |value: serde_json::Value| match value {
        serde_json::Value::String(text) if !text.is_empty() => Some(text),
        serde_json::Value::Number(number) => Some(number.to_string()),
        _ => None,
    };
    serde_json::from_slice::<Keys>(data)
        .ok()
        .and_then(|keys| keys.session_id.and_then(text).or_else(|| keys.event_id.and_then(text)))
        .map(|key| key.chars().take(256).collect())
        .unwrap_or_else(|| {
            use sha2::Digest;
            sha2::Sha256::digest(data)[..8].iter().map(|b| format!("{b:02x}")).collect()
        })
}

#[async_trait]
impl Delivery for ThroughStream {
    async fn deliver(&self, records: Vec<DeliveryRecord>, first_index: u64) -> Result<DeliveryReport> {
        let records = records
            .into_iter()
            .map(|record| StreamRecordIn {
                partition_key: partition_key(&record.data),
                data: record.data,
                arrival: record.arrival,
            })
            .collect();
        self.0.put(records, first_index).await
    }

    async fn flush(&self) -> Result<DeliveryReport> {
        self.0.flush().await
    }

    fn destination(&self) -> String {
        self.0.destination()
    }

    /// The stream's reader (Firehose) writes the objects, under names of its own (locally the
    /// report names them all the same, for the local log).
    fn names_objects(&self) -> bool {
        false
    }

    async fn arrival_bound(&self) -> Result<Duration> {
        Err(crate::error::not_supported(
            "how long records take from the data stream to the raw area depends on its reader: replay into the delivery stream",
        ))
    }
}

/// The ingestion stream: Kinesis Data Firehose on AWS; on local, a writer that buffers and
/// compresses like Firehose into the raw area.
#[async_trait]
pub trait Delivery: Send + Sync {
    /// Delivers the records; `first_index` numbers them in failure reports.
    async fn deliver(&self, records: Vec<DeliveryRecord>, first_index: u64) -> Result<DeliveryReport>;
    /// Writes out whatever is still buffered.
    async fn flush(&self) -> Result<DeliveryReport>;
    /// Where the records go, for messages.
    fn destination(&self) -> String;
    /// Whether the objects written are known to the sender (the local writer names them), or
    /// written later by the service (Firehose buffers and names its own).
    fn names_objects(&self) -> bool;
    /// The longest an accepted record can take to appear in the raw area after `flush`: the
    /// stream's buffering interval and the write after it (none where `flush` writes).
    async fn arrival_bound(&self) -> Result<std::time::Duration>;
}

/// The state of a job run on the service.
#[derive(Debug, Clone, PartialEq)]
pub struct JobRun {
    pub id: String,
    /// The service's name for the state (RUNNING, SUCCEEDED, FAILED, …).
    pub state: String,
    pub finished: bool,
    pub succeeded: bool,
    pub error: Option<String>,
    pub execution_seconds: Option<u64>,
    pub dpu_seconds: Option<f64>,
    /// What an EMR Serverless run was billed for.
    pub vcpu_hours: Option<f64>,
    pub memory_gb_hours: Option<f64>,
}

/// A run of the Spark transform on an EMR Serverless application.
#[derive(Debug, Clone, PartialEq)]
pub struct SparkRun {
    pub application: String,
    pub role: String,
    /// `s3://…` of the script.
    pub entry_point: String,
    pub arguments: Vec<String>,
    pub name: String,
}

/// The answer of a synchronous function invocation.
#[derive(Debug, Clone, PartialEq)]
pub struct Invocation {
    pub status: i32,
    /// Set when the function itself failed: its `errorMessage` (or the whole payload).
    pub function_error: Option<String>,
    pub payload: String,
}

/// How a function is to be configured.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionSpec {
    pub name: String,
    pub role: String,
    /// Lambda's name for it: `x86_64` or `arm64`.
    pub architecture: String,
    pub memory_mb: u32,
    pub timeout_seconds: u32,
    pub environment: BTreeMap<String, String>,
    pub runtime: String,
    pub handler: String,
    pub description: String,
}

/// A function as it is configured now.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionState {
    pub arn: String,
    pub spec: FunctionSpec,
    /// Base64 SHA-256 of the deployed package, as Lambda reports it.
    pub code_sha256: String,
}

/// An S3 event notification that invokes a function for new objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionTrigger {
    pub id: String,
    pub function_arn: String,
    pub events: Vec<String>,
    pub prefix: String,
    pub suffix: String,
}

/// Installing a function and its trigger: Lambda and S3 notifications on aws.
#[async_trait]
pub trait Functions: Send + Sync {
    /// Succeeds when the platform runs functions.
    fn check_available(&self) -> Result<()>;
    async fn describe(&self, name: &str) -> Result<Option<FunctionState>>;
    async fn create(&self, spec: &FunctionSpec, package: Bytes) -> Result<()>;
    async fn update_code(&self, name: &str, architecture: &str, package: Bytes) -> Result<()>;
    async fn update_configuration(&self, spec: &FunctionSpec) -> Result<()>;
    /// Waits until the function's last change is in effect.
    async fn wait_until_ready(&self, name: &str) -> Result<()>;
    /// Whether `bucket` may invoke the function under the statement `statement_id`.
    async fn bucket_may_invoke(&self, name: &str, statement_id: &str, bucket: &str) -> Result<bool>;
    async fn allow_bucket_to_invoke(&self, name: &str, statement_id: &str, bucket: &str) -> Result<()>;
    /// The bucket's notification with this id.
    async fn trigger(&self, bucket: &str, id: &str) -> Result<Option<FunctionTrigger>>;
    /// Sets the notification with the trigger's id, keeping every other one of the bucket.
    async fn set_trigger(&self, bucket: &str, trigger: &FunctionTrigger) -> Result<()>;
}

/// How the Glue job that runs the transform script is to be defined.
#[derive(Debug, Clone, PartialEq)]
pub struct GlueJobSpec {
    pub name: String,
    pub role: String,
    /// `s3://bucket/key` of the script.
    pub script_location: String,
    pub glue_version: String,
    pub worker_type: String,
    pub workers: u32,
    pub default_arguments: BTreeMap<String, String>,
    pub description: String,
}

/// The platform's own compute: a Glue job and a Lambda function that run the transform.
#[async_trait]
pub trait Jobs: Send + Sync {
    /// Succeeds when the platform has compute of its own to run the transform on.
    fn check_available(&self) -> Result<()>;
    /// Succeeds when jobs can be deployed here.
    fn check_deployable(&self) -> Result<()>;
    /// The job's definition, when it exists.
    async fn describe_job(&self, name: &str) -> Result<Option<GlueJobSpec>>;
    /// Creates the job, or updates it to the spec when it exists.
    async fn put_job(&self, spec: &GlueJobSpec, exists: bool) -> Result<()>;
    async fn start_job(&self, job: &str, arguments: &[(String, String)]) -> Result<String>;
    async fn job_run(&self, job: &str, run_id: &str) -> Result<JobRun>;
    async fn invoke(&self, function: &str, payload: Bytes) -> Result<Invocation>;
    /// Starts a Spark job run; returns its id.
    async fn start_spark_run(&self, run: &SparkRun) -> Result<String>;
    async fn spark_run(&self, application: &str, run_id: &str) -> Result<JobRun>;
}

/// A state machine as deployed: its definition (Amazon States Language) and the role it runs as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkflowMachine {
    pub arn: String,
    pub definition: String,
    pub role_arn: String,
}

/// One execution of a workflow, as the service (or the local record) describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowExecution {
    /// The execution's ARN on AWS; on local, the path of its record.
    pub arn: String,
    pub name: String,
    /// RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED.
    pub status: String,
    pub started: DateTime<Utc>,
    pub stopped: Option<DateTime<Utc>>,
    pub error: Option<String>,
    pub cause: Option<String>,
}

impl WorkflowExecution {
    pub fn finished(&self) -> bool {
        !matches!(self.status.as_str(), "RUNNING" | "PENDING_REDRIVE")
    }
}

/// What happened in an execution, as far as a person following it cares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WorkflowEventKind {
    /// A state was entered (`state_type`: Task, Map, Pass, Choice, …).
    Entered {
        state: String,
        state_type: String,
    },
    Exited {
        state: String,
        state_type: String,
    },
    /// A task, a map run or the execution itself failed: the error's name and its cause.
    Failed {
        error: String,
        cause: String,
    },
    /// Anything else (scheduled, started, succeeded, …), by the service's event type.
    Other {
        event_type: String,
    },
}

/// One event of an execution's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowEvent {
    pub id: i64,
    pub time: DateTime<Utc>,
    #[serde(flatten)]
    pub kind: WorkflowEventKind,
}

/// What starting an execution came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Started {
    /// A new execution, by its ARN.
    New(String),
    /// The name is taken: the service refuses a second execution of the same name.
    NameTaken,
}

/// Orchestration of a day of the platform: Step Functions on AWS; on local, records of the
/// pipeline runs bdctl carries out in process, kept with the same names, statuses and events.
#[async_trait]
pub trait Workflows: Send + Sync {
    /// Succeeds when executions run on a service; the reason is why the steps run in process.
    fn check_service(&self) -> Result<()>;
    /// The state machine of this name, when it exists.
    async fn machine(&self, name: &str) -> Result<Option<WorkflowMachine>>;
    /// Creates the state machine; returns its ARN.
    async fn create_machine(&self, name: &str, definition: &str, role_arn: &str) -> Result<String>;
    async fn update_machine(&self, arn: &str, definition: &str, role_arn: &str) -> Result<()>;
    /// Starts an execution named `name`; a name already used is refused, never run twice.
    async fn start(&self, machine_arn: &str, name: &str, input: &str) -> Result<Started>;
    async fn execution(&self, arn: &str) -> Result<WorkflowExecution>;
    /// The execution's events, oldest first.
    async fn history(&self, arn: &str) -> Result<Vec<WorkflowEvent>>;
    /// The newest executions first, at most `limit`.
    async fn executions(&self, machine_arn: &str, limit: usize) -> Result<Vec<WorkflowExecution>>;
    /// Appends an event of an execution that runs in this process, and with `ended` its final
    /// status, error and cause. The service keeps the history of its own executions.
    async fn record(
        &self,
        arn: &str,
        kind: WorkflowEventKind,
        ended: Option<(&str, Option<&str>, Option<&str>)>,
    ) -> Result<()>;
}

/// A SQL statement to run.
#[derive(Debug, Clone, Default)]
pub struct QueryRequest {
    pub sql: String,
    pub database: String,
    /// Values for the statement's `?` placeholders, passed to the engine, never pasted in.
    pub params: Vec<String>,
    pub workgroup: String,
}

/// What a finished query reports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueryStats {
    pub query_id: Option<String>,
    pub rows: u64,
    pub bytes_scanned: u64,
    pub engine_millis: u64,
    /// DDL statements are free on Athena.
    pub is_ddl: bool,
    /// Whether the engine's owner bills the scan (Athena); the local engine scans for free and
    /// shows what Athena would bill.
    pub billed: bool,
    /// Ran on the warehouse, which bills its capacity, not the bytes a statement scans.
    pub capacity_billed: bool,
}

/// What a result column holds, as far as output formats care: JSON numbers or strings, Parquet
/// column types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    Integer,
    Float,
    Boolean,
    /// Text, and every type without a closer match (dates, timestamps, arrays, maps as text).
    Text,
}

impl ValueKind {
    /// The kind with its article, for messages: "an integer".
    pub fn described(self) -> &'static str {
        match self {
            ValueKind::Integer => "an integer",
            ValueKind::Float => "a number",
            ValueKind::Boolean => "a boolean",
            ValueKind::Text => "text",
        }
    }
}

/// A result column: its name and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultColumn {
    pub name: String,
    pub kind: ValueKind,
}

/// Receives a query's result as it streams.
pub trait RowSink: Send {
    fn columns(&mut self, columns: &[ResultColumn]) -> Result<()>;
    fn row(&mut self, row: Vec<serde_json::Value>) -> Result<()>;
    /// Progress for a person to watch: state, elapsed seconds, bytes scanned so far.
    fn progress(&mut self, _state: &str, _bytes_scanned: u64) {}
}

/// Where a submitted query stands.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryStatus {
    pub id: String,
    /// QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED.
    pub state: String,
    pub reason: Option<String>,
    pub stats: QueryStats,
}

/// SQL over the catalog's tables: Athena on AWS, the embedded engine (DataFusion) on local.
#[async_trait]
pub trait QueryEngine: Send + Sync {
    /// Runs the statement to the end, streaming its rows into `sink`. Ctrl-C stops it on the
    /// service before returning `Interrupted`.
    async fn execute(&self, request: &QueryRequest, sink: &mut dyn RowSink) -> Result<QueryStats>;
    /// Starts the statement and returns its id without waiting.
    async fn submit(&self, request: &QueryRequest) -> Result<String>;
    async fn status(&self, id: &str) -> Result<QueryStatus>;
    /// Streams the rows of a finished query.
    async fn results(&self, id: &str, sink: &mut dyn RowSink) -> Result<u64>;
    async fn cancel(&self, id: &str) -> Result<()>;
}

/// One statement that ran on the warehouse, as the service reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementRun {
    pub sql: String,
    /// Rows the statement returned or changed (COPY: loaded, DELETE: deleted).
    pub rows: i64,
    pub millis: u64,
}

/// How statements sent to the warehouse ended.
#[derive(Debug, Clone, PartialEq)]
pub enum StatementsOutcome {
    Finished(Vec<StatementRun>),
    /// The service's error, and which statement failed when it says.
    Failed {
        statement: Option<usize>,
        error: String,
    },
}

/// A SQL warehouse loaded from the lake or reading it in place: Redshift through its Data API on
/// AWS. The local backend has none: its embedded engine reads the lake itself.
#[async_trait]
pub trait Warehouse: Send + Sync {
    /// Succeeds when statements can run here; otherwise why not, and what to set.
    fn check_available(&self) -> Result<()>;
    /// Where statements run, for messages: "cluster analytics, database dev".
    fn target(&self) -> String;
    /// Serverless workgroups keep load errors in `sys_load_error_detail`, clusters in
    /// `stl_load_errors`.
    fn serverless(&self) -> bool;
    /// Runs the statements and waits for them: one on its own (statements that may not run in a
    /// transaction block, such as `CREATE EXTERNAL SCHEMA`), several as one transaction. Ctrl-C
    /// (`Interrupted`) and `deadline` (`TimedOut`) cancel them on the service: the transaction
    /// rolls back.
    async fn run_statements(
        &self,
        statements: &[String],
        deadline: Option<std::time::Instant>,
        reporter: &dyn Reporter,
    ) -> Result<StatementsOutcome>;
    /// The engine of `bdctl query --engine redshift`.
    fn engine(&self) -> Result<Arc<dyn QueryEngine>>;
}

/// Ids of the lifecycle rules bdctl manages start with this; every other rule is left alone.
pub const MANAGED_RULE_PREFIX: &str = "bdctl-";

/// A lifecycle rule as bdctl reads and writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleRule {
    pub id: String,
    pub prefix: String,
    pub enabled: bool,
    pub expiration_days: Option<u32>,
    /// Days, then the storage class (INTELLIGENT_TIERING, GLACIER_IR, …).
    pub transition: Option<(u32, String)>,
    pub abort_multipart_days: Option<u32>,
    /// Conditions bdctl does not model (tags, sizes, versions): such rules are shown, never changed.
    #[serde(default)]
    pub other_conditions: bool,
}

impl LifecycleRule {
    pub fn is_managed(&self) -> bool {
        self.id.starts_with(MANAGED_RULE_PREFIX)
    }
}

/// Lifecycle configuration: S3's per bucket on AWS; on local, rules in the data directory that
/// `bdctl lifecycle apply` enforces right away.
#[async_trait]
pub trait Lifecycle: Send + Sync {
    /// Who acts on the rules, and by which age.
    fn enforcement(&self) -> Enforcement;
    /// Rules the store itself needs on every bucket, beyond the lake's (S3: abort incomplete
    /// multipart uploads, which are billed and invisible).
    fn store_rules(&self) -> Vec<LifecycleRule>;
    /// Every rule of the bucket; no configuration is no rules.
    async fn rules(&self, bucket: &str) -> Result<Vec<LifecycleRule>>;
    /// Replaces the bucket's managed rules (`bdctl-…`) by `managed`, keeping every other rule exactly.
    async fn put_managed(&self, bucket: &str, managed: &[LifecycleRule]) -> Result<()>;
}

/// Who carries lifecycle rules out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enforcement {
    /// The service, by each object's creation time, on its own schedule (S3).
    Service,
    /// bdctl, when the rules are applied: raw data ages by the day of its partition, the rest
    /// by modification time (the local lake, whose files may be written long after their day).
    OnApply,
}

/// A Cost Explorer question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostQuery {
    /// First day, inclusive, YYYY-MM-DD.
    pub start: String,
    /// Last day, exclusive, YYYY-MM-DD.
    pub end: String,
    /// DAILY or MONTHLY.
    pub granularity: String,
    /// (type, key): ("DIMENSION", "SERVICE"), ("DIMENSION", "USAGE_TYPE") or ("TAG", key).
    pub group_by: (String, String),
    /// Only these services; empty: all.
    pub services: Vec<String>,
    /// Only resources with this cost-allocation tag (key, value).
    pub tag: Option<(String, String)>,
}

/// One amount of a period and group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostLine {
    pub period_start: String,
    pub group: String,
    pub amount: f64,
    pub unit: String,
    pub estimated: bool,
}

/// What `bdctl costs` and `bdctl status` ask.
#[derive(Debug, Clone, PartialEq)]
pub struct CostRequest {
    pub query: CostQuery,
    /// Ask again even when a cached answer is fresh.
    pub refresh: bool,
    /// The rest of the month to forecast, when wanted.
    pub forecast: Option<CostQuery>,
}

/// What the platform costs (AWS) or would cost (local).
#[derive(Debug, Clone, PartialEq)]
pub enum CostReport {
    /// What AWS billed, from Cost Explorer.
    Billed {
        lines: Vec<CostLine>,
        /// When the answer came from the cache: when it was fetched (RFC 3339).
        cached_at: Option<String>,
        /// The forecast asked for: (amount, unit), or why Cost Explorer could not give one.
        forecast: Option<std::result::Result<(f64, String), String>>,
    },
    /// What the lake's volume and recent queries would cost on AWS.
    Estimated { items: Vec<CostItem>, monthly_usd: f64 },
}

/// One line of a cost estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct CostItem {
    pub item: String,
    pub quantity: f64,
    pub unit: &'static str,
    pub unit_price_usd: f64,
    pub usd: f64,
    /// Whether it recurs (`per month`) or was paid once.
    pub basis: &'static str,
}

/// What the platform costs: Cost Explorer on AWS (each request is billed USD 0.01, so answers
/// are cached); on local, an estimate of the same volume on AWS.
#[async_trait]
pub trait Costs: Send + Sync {
    async fn report(&self, request: &CostRequest, reporter: &dyn Reporter) -> Result<CostReport>;
    /// Cost Explorer's answer, uncached.
    async fn cost_and_usage(&self, query: &CostQuery) -> Result<Vec<CostLine>>;
    /// The forecast total from `start` to `end` (exclusive), with its unit.
    async fn forecast(&self, query: &CostQuery) -> Result<(f64, String)>;
}

/// One metric to read: CloudWatch's namespace, name, dimensions and statistic.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricSpec {
    /// The service it belongs to: firehose, lambda, glue, athena, s3 (or local).
    pub service: String,
    pub namespace: String,
    pub name: String,
    pub dimensions: Vec<(String, String)>,
    /// Sum, Average, Maximum, p50, p99, …
    pub stat: String,
}

/// The points of one metric, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricSeries {
    pub spec: MetricSpec,
    pub points: Vec<(DateTime<Utc>, f64)>,
}

/// Metrics over time: CloudWatch on AWS; on local, what bdctl recorded in its activity log.
#[async_trait]
pub trait Metrics: Send + Sync {
    /// Every series in one batch, in `period_seconds` buckets from `start` to `end`.
    async fn series(
        &self,
        specs: &[MetricSpec],
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        period_seconds: u32,
    ) -> Result<Vec<MetricSeries>>;
    /// The metrics of this environment's resources, and the services left out because the
    /// settings name none of theirs.
    fn available(&self) -> (Vec<MetricSpec>, Vec<&'static str>);
    /// The day's three figures `bdctl status` shows, with their labels: events in, records
    /// rejected, bytes scanned.
    fn headline(&self) -> Vec<(&'static str, MetricSpec)>;
    /// Records what a run did, where the platform does not record it itself (on AWS the
    /// services publish their own metrics). Never fails the run that did the work.
    fn record(&self, kind: &str, values: &[(&str, f64)]);
}

/// Where log lines come from: the platform's services, or on local the commands that stand in
/// for them (transform and replay for the function, backfill for the job, send for the stream,
/// crawl for the crawler).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogSource {
    Lambda,
    Glue,
    Firehose,
    Crawler,
}

impl LogSource {
    pub const ALL: [LogSource; 4] =
        [LogSource::Lambda, LogSource::Glue, LogSource::Firehose, LogSource::Crawler];

    pub fn name(self) -> &'static str {
        match self {
            LogSource::Lambda => "lambda",
            LogSource::Glue => "glue",
            LogSource::Firehose => "firehose",
            LogSource::Crawler => "crawler",
        }
    }
}

/// Which job run's logs to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunSelector {
    /// The newest run.
    Last,
    Id(String),
}

/// What `bdctl logs` asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct LogQuery {
    /// The sources to read; empty means every configured one.
    pub sources: Vec<LogSource>,
    pub start: DateTime<Utc>,
    /// A CloudWatch Logs filter pattern.
    pub filter: Option<String>,
    pub run: Option<RunSelector>,
}

/// One log event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEvent {
    pub time: DateTime<Utc>,
    pub source: LogSource,
    /// The log group (aws) or the log file (local).
    pub group: String,
    /// The log stream: a job run, a function instance; on local, the command and its run.
    pub stream: String,
    pub message: String,
}

impl LogEvent {
    /// Orders events of several groups into one timeline; ties keep a stable order.
    pub fn timeline_key(&self) -> (DateTime<Utc>, &str, &str) {
        (self.time, &self.group, &self.stream)
    }
}

/// What a follow hands on: new events, or a notice for the person watching.
#[derive(Debug, Clone, PartialEq)]
pub enum LogUpdate {
    Events(Vec<LogEvent>),
    /// Live Tail refused, throttling, sampling: said once on stderr, the follow goes on.
    Notice(String),
}

/// Where the logs of a source are read from, for the header and for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogTarget {
    pub source: LogSource,
    pub group: String,
    /// The streams of the group that belong to the source (a job's runs share their groups with
    /// every other job); `None`: every stream.
    pub streams: Option<Vec<String>>,
}

/// A structured line a local command writes where the service would have logged.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub source: LogSource,
    /// The command writing it: transform, backfill, send, crawl, replay.
    pub command: &'static str,
    /// INFO, WARN or ERROR.
    pub level: &'static str,
    pub message: String,
    pub fields: serde_json::Map<String, serde_json::Value>,
}

impl LogEntry {
    pub fn new(
        source: LogSource,
        command: &'static str,
        level: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self { source, command, level, message: message.into(), fields: serde_json::Map::new() }
    }

    pub fn field(mut self, name: &str, value: impl Into<serde_json::Value>) -> Self {
        self.fields.insert(name.to_string(), value.into());
        self
    }
}

/// The platform's logs: CloudWatch Logs on AWS; on local, the log file the commands append to.
#[async_trait]
pub trait Logs: Send + Sync {
    /// The groups the query reads, and the sources left out with the reason (nothing configured,
    /// logging off).
    async fn targets(&self, query: &LogQuery) -> Result<(Vec<LogTarget>, Vec<(LogSource, String)>)>;
    /// Every event from `query.start` until now, oldest first across the targets.
    async fn read(&self, query: &LogQuery, targets: &[LogTarget]) -> Result<Vec<LogEvent>>;
    /// New events as they arrive, until `updates` is closed or a failure that waiting cannot
    /// cure. Events at or before `after` are not sent again.
    async fn follow(
        &self,
        query: &LogQuery,
        targets: &[LogTarget],
        after: Option<DateTime<Utc>>,
        updates: tokio::sync::mpsc::Sender<LogUpdate>,
    ) -> Result<()>;
    /// Appends a line where the platform does not log for itself (on AWS the services write
    /// their own logs). Never fails the command that did the work.
    fn record(&self, entry: LogEntry);
}

/// Who bdctl acts as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The principal: an IAM ARN on AWS, the user name on local.
    pub principal: String,
    /// The AWS account, or the data directory on local.
    pub scope: String,
    /// What vouches for it, as a check row names it: "credentials", "data directory".
    pub checked: &'static str,
    /// The row's target and detail: the principal and its account, or the directory and its user.
    pub target: String,
    pub detail: String,
}

/// The outcome of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckStatus {
    Ok,
    Warn,
    Fail,
    Skip,
}

/// A check of how the platform is set up (privacy, encryption, logging), with the fix in its
/// detail when it does not pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostureCheck {
    pub name: String,
    pub target: String,
    pub status: CheckStatus,
    pub detail: String,
}

/// The platform's resources a posture check looks at: the ones doctor found reachable.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostureTargets {
    pub buckets: Vec<String>,
    pub stream: Option<String>,
    pub function: Option<String>,
    pub job: Option<String>,
    pub workgroup: Option<String>,
}

#[async_trait]
pub trait Platform: Send + Sync {
    /// Verifies the credentials and tells who bdctl acts as.
    async fn identity(&self) -> Result<Identity>;
    /// Whether `identity` may perform every action of `grants` on their resources.
    async fn check_access(
        &self,
        identity: &Identity,
        grants: &[crate::access::Grant],
    ) -> Result<crate::access::AccessVerdict>;
    /// The state of one of the platform's named resources; `NotFound` when it does not exist.
    async fn describe(&self, resource: &Resource) -> Result<ResourceState>;
    /// Succeeds when access is granted by IAM policies, so that a least-privilege policy means
    /// something here.
    fn check_policy_applies(&self) -> Result<()>;
    /// How the platform is secured and logged: on AWS, encryption, public access and TLS of
    /// the buckets and the logging of each service; on local, the data directory's privacy.
    async fn posture(&self, targets: &PostureTargets) -> Vec<PostureCheck>;
}

/// A named resource of the platform, outside the lake's buckets and the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resource {
    DeliveryStream(String),
    DataStream(String),
    GlueJob(String),
    Function(String),
    Workgroup(String),
}

impl Resource {
    pub fn kind(&self) -> &'static str {
        match self {
            Resource::DeliveryStream(_) => "delivery stream",
            Resource::DataStream(_) => "data stream",
            Resource::GlueJob(_) => "glue job",
            Resource::Function(_) => "transform function",
            Resource::Workgroup(_) => "athena workgroup",
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Resource::DeliveryStream(name)
            | Resource::DataStream(name)
            | Resource::GlueJob(name)
            | Resource::Function(name)
            | Resource::Workgroup(name) => name,
        }
    }
}

/// What the platform says about a resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceState {
    /// False when it exists but cannot do its work now (a stream being deleted, a disabled workgroup).
    pub usable: bool,
    /// Its state and configuration, in a few words.
    pub detail: String,
    /// Where it writes, as `s3://bucket/prefix`: a stream's destination, a workgroup's results.
    pub writes_to: Option<String>,
    /// The data stream a delivery stream reads (its source), when it is not fed directly.
    pub reads_from: Option<String>,
}

/// Every capability of one backend, connected from the resolved settings.
#[derive(Clone)]
pub struct Backend {
    pub objects: Arc<dyn ObjectStore>,
    pub catalog: Arc<dyn Catalog>,
    pub platform: Arc<dyn Platform>,
    pub delivery: Arc<dyn Delivery>,
    pub stream: Arc<dyn DataStream>,
    pub jobs: Arc<dyn Jobs>,
    pub functions: Arc<dyn Functions>,
    pub workflows: Arc<dyn Workflows>,
    pub query: Arc<dyn QueryEngine>,
    pub warehouse: Arc<dyn Warehouse>,
    pub lifecycle: Arc<dyn Lifecycle>,
    pub costs: Arc<dyn Costs>,
    pub metrics: Arc<dyn Metrics>,
    pub logs: Arc<dyn Logs>,
}
