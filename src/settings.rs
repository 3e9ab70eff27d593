//! Resolved settings: command-line flag > `BDCTL_*` environment variable > the selected
//! environment of `bdctl.toml` > the standard `AWS_*` variables (for region, profile and
//! endpoint) > built-in defaults. Every value remembers where it came from, for `bdctl config show`
//! and for error messages that point at the right file and line.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use serde::Deserialize;
use toml::Spanned;

use crate::cli::GlobalArgs;

pub const CONFIG_FILE_NAME: &str = "bdctl.toml";
/// The environment used when there is no configuration file at all.
pub const EMBEDDED_ENV: &str = "local";
/// Memory of the transform function when `lambda_memory_mb` is not set.
pub const DEFAULT_LAMBDA_MEMORY_MB: u32 = 1024;
pub const DEFAULT_DATA_DIR: &str = ".bdctl";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum BackendKind {
    /// The real services through the AWS SDK
    Aws,
    /// The embedded platform on the local disk
    #[default]
    Local,
}

impl BackendKind {
    pub const ALL: [BackendKind; 2] = [BackendKind::Aws, BackendKind::Local];

    pub fn label(self) -> &'static str {
        match self {
            BackendKind::Aws => "aws",
            BackendKind::Local => "local",
        }
    }

    /// What the backend is, in a few words (the `--backend` values and `bdctl init`'s choice).
    pub fn description(self) -> &'static str {
        match self {
            BackendKind::Aws => "the real services through the AWS SDK",
            BackendKind::Local => "the embedded platform on this disk",
        }
    }

    pub fn parse_label(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.label() == text)
    }

    /// The name `bdctl init` offers for a new environment of this backend.
    pub fn default_env_name(self) -> &'static str {
        match self {
            BackendKind::Aws => "dev",
            BackendKind::Local => "local",
        }
    }

    /// The keys `bdctl init` asks for on a terminal, with the default it offers.
    pub fn init_questions(self) -> &'static [(&'static str, &'static str)] {
        match self {
            BackendKind::Aws => &[
                ("region", ""),
                ("profile", ""),
                ("firehose_stream", ""),
                ("raw_bucket", ""),
                ("transformed_bucket", ""),
                ("results_bucket", ""),
                ("glue_database", "clickstream"),
                ("glue_table", "events"),
                ("glue_crawler", ""),
                ("athena_workgroup", "primary"),
            ],
            BackendKind::Local => &[("data_dir", ".bdctl")],
        }
    }

    /// Whether a key means something for this backend (`bdctl init` documents only those).
    pub fn uses_key(self, key: &str) -> bool {
        match self {
            BackendKind::Local => matches!(
                key,
                "data_dir"
                    | "raw_prefix"
                    | "raw_layout"
                    | "transformed_prefix"
                    | "errors_prefix"
                    | "results_prefix"
                    | "glue_database"
                    | "glue_table"
                    | "raw_retention_days"
                    | "results_retention_days"
            ),
            BackendKind::Aws => key != "data_dir",
        }
    }

    /// The bucket of an area whose bucket is not set: the data directory itself on local (`""`);
    /// none on AWS, where every bucket must be named.
    pub fn unset_bucket(self) -> Option<&'static str> {
        match self {
            BackendKind::Aws => None,
            BackendKind::Local => Some(""),
        }
    }
}

/// The backend a label names (`aws`, `local`).
pub fn backend_named(label: &str) -> Option<BackendKind> {
    BackendKind::parse_label(label)
}

/// The backend of an environment that names none.
pub fn default_backend() -> BackendKind {
    BackendKind::default()
}

/// The backends to choose from, as `bdctl init` offers them: `label: description`.
pub fn backend_choices() -> Vec<String> {
    BackendKind::ALL.iter().map(|kind| format!("{}: {}", kind.label(), kind.description())).collect()
}

/// The backend at `index` of [`backend_choices`].
pub fn backend_choice(index: usize) -> BackendKind {
    BackendKind::ALL[index.min(BackendKind::ALL.len() - 1)]
}

/// How raw objects are laid out under the raw prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum RawLayout {
    /// `year=YYYY/month=MM/day=DD/`
    Hive,
    /// Firehose's default `YYYY/MM/DD/HH/`
    Firehose,
}

/// How the rows of a finished Athena query are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum AthenaResults {
    /// `GetQueryResults` for a result that fits in its first page, the result CSV beyond
    Auto,
    /// `GetQueryResults` pages only (no read access to the results bucket needed)
    Pages,
    /// Always the result CSV on S3
    Csv,
}

/// Where a resolved value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Flag(&'static str),
    Env(String),
    File { path: PathBuf, line: usize },
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "{flag}"),
            Source::Env(var) => write!(f, "env {var}"),
            Source::File { path, line } => write!(f, "{}:{line}", path.display()),
            Source::Default => write!(f, "default"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Resolved<T> {
    pub value: T,
    pub source: Source,
}

impl<T> Resolved<T> {
    fn new(value: T, source: Source) -> Self {
        Self { value, source }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// A problem inside a configuration file, at a line.
    #[error("{}:{line}: {message}", path.display())]
    File { path: PathBuf, line: usize, message: String },
    /// A value from a flag or an environment variable that does not parse.
    #[error("{origin}: {message}")]
    Value { origin: String, message: String },
    #[error("cannot read configuration file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Selection(String),
}

/// A value type a setting can hold: parsed from flags and environment variables, printed by
/// `config show`.
pub trait SettingValue: Sized + Clone {
    fn parse_text(text: &str) -> Result<Self, String>;
    fn show(&self) -> String;
    /// The value as it is written in bdctl.toml.
    fn to_toml(&self) -> toml_edit::Value {
        toml_edit::Value::from(self.show())
    }
}

impl SettingValue for String {
    fn parse_text(text: &str) -> Result<Self, String> {
        Ok(text.to_string())
    }
    fn show(&self) -> String {
        self.clone()
    }
}

impl SettingValue for Option<String> {
    fn parse_text(text: &str) -> Result<Self, String> {
        Ok(Some(text.to_string()))
    }
    fn show(&self) -> String {
        self.clone().unwrap_or_default()
    }
}

impl SettingValue for u32 {
    fn parse_text(text: &str) -> Result<Self, String> {
        text.trim().parse().map_err(|_| format!("expected a whole number, got `{text}`"))
    }
    fn show(&self) -> String {
        self.to_string()
    }
    fn to_toml(&self) -> toml_edit::Value {
        toml_edit::Value::from(i64::from(*self))
    }
}

impl SettingValue for f64 {
    fn parse_text(text: &str) -> Result<Self, String> {
        match text.trim().parse::<f64>() {
            Ok(value) if value.is_finite() && value >= 0.0 => Ok(value),
            _ => Err(format!("expected a non-negative number, got `{text}`")),
        }
    }
    fn show(&self) -> String {
        self.to_string()
    }
    fn to_toml(&self) -> toml_edit::Value {
        toml_edit::Value::from(*self)
    }
}

impl SettingValue for Option<u32> {
    fn parse_text(text: &str) -> Result<Self, String> {
        u32::parse_text(text).map(Some)
    }
    fn show(&self) -> String {
        self.map(|v| v.to_string()).unwrap_or_default()
    }
    fn to_toml(&self) -> toml_edit::Value {
        toml_edit::Value::from(i64::from(self.unwrap_or_default()))
    }
}

impl SettingValue for Option<f64> {
    fn parse_text(text: &str) -> Result<Self, String> {
        match text.trim().parse::<f64>() {
            Ok(value) if value.is_finite() && value >= 0.0 => Ok(Some(value)),
            _ => Err(format!("expected an amount in USD such as 0.50, got `{text}`")),
        }
    }
    fn show(&self) -> String {
        self.map(|v| v.to_string()).unwrap_or_default()
    }
    fn to_toml(&self) -> toml_edit::Value {
        toml_edit::Value::from(self.unwrap_or_default())
    }
}

impl SettingValue for PathBuf {
    fn parse_text(text: &str) -> Result<Self, String> {
        Ok(PathBuf::from(text))
    }
    fn show(&self) -> String {
        self.display().to_string()
    }
}

macro_rules! value_enum_setting {
    ($ty:ty) => {
        impl SettingValue for $ty {
            fn parse_text(text: &str) -> Result<Self, String> {
                <$ty as ValueEnum>::from_str(text, true).map_err(|_| {
                    let expected: Vec<String> = <$ty as ValueEnum>::value_variants()
                        .iter()
                        .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
                        .collect();
                    format!("expected one of {}, got `{text}`", expected.join(", "))
                })
            }
            fn show(&self) -> String {
                self.to_possible_value().map(|p| p.get_name().to_string()).unwrap_or_default()
            }
        }
    };
}
value_enum_setting!(BackendKind);
value_enum_setting!(RawLayout);
value_enum_setting!(AthenaResults);

/// A key of an environment, for `bdctl config keys`, `bdctl init --set` and the README.
#[derive(Debug, Clone, Copy)]
pub struct KeyInfo {
    pub name: &'static str,
    pub doc: &'static str,
    pub default: &'static str,
}

/// One row of `bdctl config show`.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: &'static str,
    pub value: String,
    pub source: Source,
}

fn entry<T: SettingValue>(key: &'static str, resolved: &Resolved<T>) -> Entry {
    Entry { key, value: resolved.value.show(), source: resolved.source.clone() }
}

/// The environment variable that sets a key.
pub fn env_var_for(key: &str) -> String {
    match key {
        "data_dir" => "BDCTL_HOME".to_string(),
        _ => format!("BDCTL_{}", key.to_ascii_uppercase()),
    }
}

/// Standard AWS variables consulted when neither bdctl's own layers nor the file set the key.
fn aws_env_vars_for(key: &str) -> &'static [&'static str] {
    match key {
        "region" => &["AWS_REGION", "AWS_DEFAULT_REGION"],
        "profile" => &["AWS_PROFILE"],
        "endpoint_url" => &["AWS_ENDPOINT_URL"],
        "lambda_endpoint_url" => &["AWS_ENDPOINT_URL_LAMBDA"],
        _ => &[],
    }
}

/// Which command-line flag sets a key, if any.
fn flag_for(key: &str) -> Option<&'static str> {
    match key {
        "profile" => Some("--profile"),
        "region" => Some("--region"),
        "endpoint_url" => Some("--endpoint-url"),
        _ => None,
    }
}

macro_rules! settings_keys {
    ($( $(#[doc = $doc:literal])+ $key:ident : $ty:ty = $default:expr, shown $shown:literal; )+) => {
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct FileEnvironment {
            backend: Option<Spanned<BackendKind>>,
            $( $key: Option<Spanned<$ty>>, )+
        }

        /// Every resolved setting of the selected environment.
        #[derive(Debug, Clone)]
        pub struct Settings {
            /// Name of the selected environment.
            pub env_name: Resolved<String>,
            /// The configuration file in use; `None` for the embedded local environment.
            pub config_file: Option<PathBuf>,
            /// `aws` or `local`.
            pub backend: Resolved<BackendKind>,
            $( $(#[doc = $doc])+ pub $key: Resolved<$ty>, )+
        }

        pub const KEYS: &[KeyInfo] = &[
            KeyInfo { name: "backend", doc: "aws (the real services) or local (the embedded platform on disk)", default: "local" },
            $( KeyInfo { name: stringify!($key), doc: concat!($($doc),+), default: $shown }, )+
        ];

        impl Settings {
            fn resolve_keys(
                env_name: Resolved<String>,
                config_file: Option<PathBuf>,
                backend: Resolved<BackendKind>,
                layers: &Layers<'_>,
            ) -> Result<Self, SettingsError> {
                Ok(Settings {
                    env_name,
                    config_file,
                    backend,
                    $( $key: layers.resolve(stringify!($key), |f: &FileEnvironment| f.$key.as_ref(), $default)?, )+
                })
            }

            /// A `--set KEY=VALUE` text checked against the key's type, ready to write to bdctl.toml;
            /// `None` when there is no such key.
            pub fn toml_value(key: &str, text: &str) -> Option<Result<toml_edit::Value, String>> {
                match key {
                    "backend" => Some(BackendKind::parse_text(text).map(|v| v.to_toml())),
                    $( stringify!($key) => Some(<$ty as SettingValue>::parse_text(text).map(|v| v.to_toml())), )+
                    _ => None,
                }
            }

            /// Every setting as (key, value, source), in a stable order.
            pub fn entries(&self) -> Vec<Entry> {
                let mut entries = vec![
                    Entry { key: "env", value: self.env_name.value.clone(), source: self.env_name.source.clone() },
                    entry("backend", &self.backend),
                ];
                $( entries.push(entry(stringify!($key), &self.$key)); )+
                entries
            }
        }
    };
}

settings_keys! {
    /// Directory of the local platform's lake and catalog (relative to the configuration file)
    data_dir: PathBuf = PathBuf::from(DEFAULT_DATA_DIR), shown "./.bdctl";
    /// AWS region
    region: Option<String> = None, shown "AWS_REGION or the profile's region";
    /// AWS named profile
    profile: Option<String> = None, shown "AWS_PROFILE or the default profile";
    /// Endpoint URL for every AWS service (an emulator or a VPC endpoint)
    endpoint_url: Option<String> = None, shown "AWS_ENDPOINT_URL or the service's public endpoint";
    /// Endpoint URL for Lambda alone (a Runtime API emulator, say), over endpoint_url
    lambda_endpoint_url: Option<String> = None, shown "AWS_ENDPOINT_URL_LAMBDA or endpoint_url";
    /// Attempts per AWS call, including the first (standard retry mode with backoff and jitter)
    max_attempts: u32 = 3, shown "3";
    /// Seconds to wait for an AWS answer to start before the attempt counts as failed
    read_timeout_seconds: u32 = 60, shown "60";
    /// Kinesis Data Firehose delivery stream that receives the events
    firehose_stream: Option<String> = None, shown "";
    /// Kinesis data stream in front of Firehose, for `send --stream` and `tail`
    kinesis_stream: Option<String> = None, shown "";
    /// Key prefix in the raw bucket of Firehose's error output (the stream's ErrorOutputPrefix), read by `bdctl quarantine`
    firehose_error_prefix: Option<String> = None, shown "";
    /// S3 bucket of the raw events
    raw_bucket: Option<String> = None, shown "";
    /// Key prefix of the raw events
    raw_prefix: String = "raw/".to_string(), shown "raw/";
    /// Layout of raw keys below the prefix: hive (year=YYYY/month=MM/day=DD/) or firehose (YYYY/MM/DD/HH/)
    raw_layout: RawLayout = RawLayout::Hive, shown "hive";
    /// S3 bucket of the transformed Parquet data
    transformed_bucket: Option<String> = None, shown "";
    /// Key prefix of the transformed Parquet data
    transformed_prefix: String = "transformed/".to_string(), shown "transformed/";
    /// S3 bucket of quarantined bad records (default: the raw bucket)
    errors_bucket: Option<String> = None, shown "the raw bucket";
    /// Key prefix of quarantined bad records
    errors_prefix: String = "errors/".to_string(), shown "errors/";
    /// S3 bucket of Athena query results
    results_bucket: Option<String> = None, shown "";
    /// Key prefix of Athena query results
    results_prefix: String = "results/".to_string(), shown "results/";
    /// Glue Data Catalog database
    glue_database: String = "clickstream".to_string(), shown "clickstream";
    /// Table of the transformed events
    glue_table: String = "events".to_string(), shown "events";
    /// Glue crawler that catalogs the transformed data
    glue_crawler: Option<String> = None, shown "";
    /// Glue job that runs the transform remotely
    glue_job: Option<String> = None, shown "";
    /// IAM role the Glue job runs as, for `bdctl deploy glue`
    glue_role_arn: Option<String> = None, shown "";
    /// Worker type of the Glue job: G.1X, G.2X, G.4X, …
    glue_worker_type: String = "G.1X".to_string(), shown "G.1X";
    /// Workers of a Glue job run (2 or more)
    glue_workers: u32 = 2, shown "2";
    /// EMR Serverless application that runs the Spark transform
    emr_application_id: Option<String> = None, shown "";
    /// IAM role EMR Serverless job runs execute as
    emr_role_arn: Option<String> = None, shown "";
    /// S3 bucket of the job scripts bdctl deploys (default: the transformed bucket)
    scripts_bucket: Option<String> = None, shown "the transformed bucket";
    /// Key prefix of the job scripts
    scripts_prefix: String = "scripts/".to_string(), shown "scripts/";
    /// Lambda function that runs the transform remotely
    lambda_function: Option<String> = None, shown "";
    /// IAM role the Lambda function runs as, for `bdctl deploy lambda`
    lambda_role_arn: Option<String> = None, shown "";
    /// Memory of the Lambda function in MB (128 to 10240); it bounds the raw object size it takes
    lambda_memory_mb: u32 = DEFAULT_LAMBDA_MEMORY_MB, shown "1024";
    /// Seconds a Lambda invocation may run (1 to 900)
    lambda_timeout_seconds: u32 = 300, shown "300";
    /// Step Functions state machine of a day's pipeline, for `bdctl pipeline`
    pipeline_state_machine: Option<String> = None, shown "bdctl-pipeline-ENV";
    /// IAM role the pipeline's state machine runs as, for `bdctl pipeline deploy`
    pipeline_role_arn: Option<String> = None, shown "";
    /// Redshift provisioned cluster, for `bdctl warehouse` and `query --engine redshift`
    redshift_cluster: Option<String> = None, shown "";
    /// Redshift Serverless workgroup, instead of a cluster
    redshift_workgroup: Option<String> = None, shown "";
    /// Redshift database
    redshift_database: String = "dev".to_string(), shown "dev";
    /// Secrets Manager secret of the database credentials (unset: temporary credentials, for redshift_db_user on a cluster, for the IAM identity on a workgroup)
    redshift_secret_arn: Option<String> = None, shown "";
    /// Database user of temporary credentials on a cluster
    redshift_db_user: Option<String> = None, shown "";
    /// Table `bdctl warehouse load` fills, as SCHEMA.TABLE
    redshift_table: String = "public.events".to_string(), shown "public.events";
    /// IAM role Redshift assumes to read the lake (COPY) and the Glue catalog (Spectrum)
    redshift_iam_role: Option<String> = None, shown "";
    /// External schema `bdctl warehouse spectrum` creates over the Glue database
    redshift_external_schema: String = "lake".to_string(), shown "lake";
    /// Athena workgroup
    athena_workgroup: String = "primary".to_string(), shown "primary";
    /// How Athena results are read: auto (pages up to 1,000 rows, the result CSV on S3 beyond), pages or csv
    athena_results: AthenaResults = AthenaResults::Auto, shown "auto";
    /// Cost-allocation tag that marks the platform's resources, as KEY=VALUE
    cost_tag: Option<String> = None, shown "";
    /// Days before raw objects expire
    raw_retention_days: u32 = 30, shown "30";
    /// Days before Athena query results expire
    results_retention_days: u32 = 7, shown "7";
    /// Days before transformed data moves to transformed_storage_class (unset: it stays)
    transformed_transition_days: Option<u32> = None, shown "";
    /// Storage class transformed data moves to: INTELLIGENT_TIERING, GLACIER_IR, STANDARD_IA, …
    transformed_storage_class: String = "INTELLIGENT_TIERING".to_string(), shown "INTELLIGENT_TIERING";
    /// Refuse queries whose estimated scan costs more than this many USD
    max_query_cost: Option<f64> = None, shown "";
    /// `bdctl status` fails when the newest raw object is older than this many minutes
    status_max_raw_age_minutes: u32 = 120, shown "120";
    /// `bdctl status` fails when transformed data lags raw data by more than this many hours
    status_max_lag_hours: u32 = 24, shown "24";
    /// `bdctl reconcile` flags an hour whose events fall short of the median of that hour on the previous days by more than this share
    quality_drop_share: f64 = 0.5, shown "0.5";
    /// Minutes a Cost Explorer answer is reused (each request costs USD 0.01)
    cost_cache_minutes: u32 = 360, shown "360";
    /// USD per GB-month of S3 Standard storage, for cost estimates
    price_s3_gb_month: f64 = 0.023, shown "0.023";
    /// USD per GB ingested by Firehose, for cost estimates
    price_firehose_gb: f64 = 0.029, shown "0.029";
    /// USD per TB scanned by Athena, for cost estimates, --max-cost and the query statistics line
    price_athena_tb: f64 = 5.0, shown "5";
    /// USD per DPU-hour of a Glue job, for remote cost estimates
    price_glue_dpu_hour: f64 = 0.44, shown "0.44";
    /// USD per vCPU-hour of EMR Serverless, for remote costs and estimates
    price_emr_vcpu_hour: f64 = 0.052_624, shown "0.052624";
    /// USD per GB-hour of EMR Serverless memory, for remote costs and estimates
    price_emr_gb_hour: f64 = 0.005_778_5, shown "0.0057785";
    /// USD per GB-second of Lambda compute, for remote cost estimates
    price_lambda_gb_second: f64 = 0.000_016_666_7, shown "0.0000166667";
    /// USD per million Lambda requests, for remote cost estimates
    price_lambda_million_requests: f64 = 0.20, shown "0.2";
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    default_env: Option<Spanned<String>>,
    #[serde(default)]
    env: BTreeMap<String, Spanned<FileEnvironment>>,
}

/// A parsed configuration file with the text needed to turn byte spans into line numbers.
struct LoadedFile {
    /// Where the file is.
    path: PathBuf,
    /// How messages name it: short when it is in the working directory.
    shown: PathBuf,
    text: String,
}

impl LoadedFile {
    fn line_of(&self, span: Range<usize>) -> usize {
        let end = span.start.min(self.text.len());
        self.text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
    }

    fn error(&self, span: Option<Range<usize>>, message: impl Into<String>) -> SettingsError {
        SettingsError::File {
            path: self.shown.clone(),
            line: span.map(|s| self.line_of(s)).unwrap_or(1),
            message: message.into().replace('\n', " "),
        }
    }

    fn parse(&self) -> Result<ConfigFile, SettingsError> {
        toml::from_str::<ConfigFile>(&self.text).map_err(|err| self.error(err.span(), err.message().trim()))
    }
}

/// The layers a key is resolved from, highest precedence first.
struct Layers<'a> {
    flags: BTreeMap<&'static str, String>,
    env: &'a dyn Fn(&str) -> Option<String>,
    file: Option<(&'a FileEnvironment, &'a LoadedFile)>,
}

impl Layers<'_> {
    /// `BDCTL_BACKEND`, which wins over the file's `backend`.
    fn backend_from_env(&self) -> Result<Option<Resolved<BackendKind>>, SettingsError> {
        let Some(text) = self.env_value("BDCTL_BACKEND") else { return Ok(None) };
        let backend = BackendKind::parse_text(&text)
            .map_err(|message| SettingsError::Value { origin: "BDCTL_BACKEND".into(), message })?;
        Ok(Some(Resolved::new(backend, Source::Env("BDCTL_BACKEND".into()))))
    }

    fn env_value(&self, var: &str) -> Option<String> {
        (self.env)(var).filter(|v| !v.is_empty())
    }

    fn resolve<T: SettingValue>(
        &self,
        key: &'static str,
        pick: impl Fn(&FileEnvironment) -> Option<&Spanned<T>>,
        default: T,
    ) -> Result<Resolved<T>, SettingsError> {
        if let (Some(flag), Some(text)) = (flag_for(key), self.flags.get(key)) {
            let value = T::parse_text(text)
                .map_err(|message| SettingsError::Value { origin: flag.to_string(), message })?;
            return Ok(Resolved::new(value, Source::Flag(flag)));
        }
        let var = env_var_for(key);
        if let Some(text) = self.env_value(&var) {
            let value = T::parse_text(&text)
                .map_err(|message| SettingsError::Value { origin: var.clone(), message })?;
            return Ok(Resolved::new(value, Source::Env(var)));
        }
        if let Some((environment, file)) = self.file
            && let Some(spanned) = pick(environment)
        {
            let line = file.line_of(spanned.span());
            return Ok(Resolved::new(
                spanned.get_ref().clone(),
                Source::File { path: file.shown.clone(), line },
            ));
        }
        for var in aws_env_vars_for(key) {
            if let Some(text) = self.env_value(var) {
                let value = T::parse_text(&text)
                    .map_err(|message| SettingsError::Value { origin: var.to_string(), message })?;
                return Ok(Resolved::new(value, Source::Env(var.to_string())));
            }
        }
        Ok(Resolved::new(default, Source::Default))
    }
}

/// Where the caller is and what it sees: injectable so that tests do not touch the process.
pub struct Context<'a> {
    pub cwd: PathBuf,
    pub env: &'a dyn Fn(&str) -> Option<String>,
}

impl Settings {
    /// Resolves the settings for this process: its arguments, environment and working directory.
    pub fn load(global: &GlobalArgs) -> Result<Self, SettingsError> {
        let cwd = std::env::current_dir()
            .map_err(|source| SettingsError::Read { path: PathBuf::from("."), source })?;
        let env = |var: &str| std::env::var(var).ok();
        Self::load_in(global, &Context { cwd, env: &env })
    }

    pub fn load_in(global: &GlobalArgs, ctx: &Context<'_>) -> Result<Self, SettingsError> {
        let mut flags = BTreeMap::new();
        for (key, value) in
            [("profile", &global.profile), ("region", &global.region), ("endpoint_url", &global.endpoint_url)]
        {
            if let Some(value) = value {
                flags.insert(key, value.clone());
            }
        }

        let loaded = match find_config_file(global, ctx)? {
            Some(path) => {
                let text = std::fs::read_to_string(&path)
                    .map_err(|source| SettingsError::Read { path: path.clone(), source })?;
                let shown = match path.strip_prefix(&ctx.cwd) {
                    Ok(relative) if global.config.is_none() => relative.to_path_buf(),
                    _ => global.config.clone().unwrap_or_else(|| path.clone()),
                };
                Some(LoadedFile { path, shown, text })
            }
            None => None,
        };

        match loaded {
            Some(file) => Self::from_file(global, ctx, flags, file),
            None => Self::embedded(global, ctx, flags),
        }
    }

    fn from_file(
        global: &GlobalArgs,
        ctx: &Context<'_>,
        flags: BTreeMap<&'static str, String>,
        file: LoadedFile,
    ) -> Result<Self, SettingsError> {
        let parsed = file.parse()?;
        let (env_name, environment) = select_environment(global, &file, &parsed)?;
        let layers = Layers { flags, env: ctx.env, file: Some((environment.get_ref(), &file)) };

        let backend = match layers.backend_from_env()? {
            Some(backend) => backend,
            None => match &environment.get_ref().backend {
                Some(spanned) => Resolved::new(
                    *spanned.get_ref(),
                    Source::File { path: file.shown.clone(), line: file.line_of(spanned.span()) },
                ),
                None => {
                    return Err(file.error(
                        Some(environment.span()),
                        format!("[env.{}] has no `backend` key (aws or local)", env_name.value),
                    ));
                }
            },
        };

        let config_dir = file.path.parent().map(Path::to_path_buf).unwrap_or_else(|| ctx.cwd.clone());
        let mut settings = Settings::resolve_keys(env_name, Some(file.path.clone()), backend, &layers)?;
        settings.anchor_data_dir(&config_dir, &ctx.cwd);
        settings.validate(Some(&file))?;
        Ok(settings)
    }

    fn embedded(
        global: &GlobalArgs,
        ctx: &Context<'_>,
        flags: BTreeMap<&'static str, String>,
    ) -> Result<Self, SettingsError> {
        let layers = Layers { flags, env: ctx.env, file: None };
        // With no file, the variables alone can describe an environment (as the transform
        // function's environment does); the embedded local one is the default.
        let backend = match layers.backend_from_env()? {
            Some(backend) => backend,
            None => Resolved::new(BackendKind::Local, Source::Default),
        };
        let from_variables = backend.source != Source::Default;
        let env_name = match &global.env_name {
            Some(name) if name != EMBEDDED_ENV && !from_variables => {
                return Err(SettingsError::Selection(format!(
                    "environment `{name}` is not defined: no {CONFIG_FILE_NAME} in {} or its parents \
                     (create one with `bdctl init`)",
                    ctx.cwd.display()
                )));
            }
            Some(name) => Resolved::new(name.clone(), env_name_source(global)),
            None => Resolved::new(EMBEDDED_ENV.to_string(), Source::Default),
        };
        let mut settings = Settings::resolve_keys(env_name, None, backend, &layers)?;
        settings.anchor_data_dir(&ctx.cwd, &ctx.cwd);
        settings.validate(None)?;
        Ok(settings)
    }

    /// The variables that give the transform function this environment's lake: its backend,
    /// areas and layout, and how it calls AWS. Region and credentials come from the function.
    pub fn function_environment(&self) -> BTreeMap<String, String> {
        let mut vars = BTreeMap::new();
        vars.insert("BDCTL_BACKEND".to_string(), self.backend.value.show());
        let keys: [(&str, Option<String>); 9] = [
            ("raw_bucket", self.raw_bucket.value.clone()),
            ("raw_prefix", Some(self.raw_prefix.value.clone())),
            ("raw_layout", Some(self.raw_layout.value.show())),
            ("transformed_bucket", self.transformed_bucket.value.clone()),
            ("transformed_prefix", Some(self.transformed_prefix.value.clone())),
            ("errors_bucket", self.effective_errors_bucket().map(str::to_string)),
            ("errors_prefix", Some(self.errors_prefix.value.clone())),
            ("max_attempts", Some(self.max_attempts.value.to_string())),
            ("read_timeout_seconds", Some(self.read_timeout_seconds.value.to_string())),
        ];
        for (key, value) in keys {
            if let Some(value) = value {
                vars.insert(env_var_for(key), value);
            }
        }
        vars
    }

    /// True when no configuration file was found and the embedded local environment is used.
    pub fn is_embedded(&self) -> bool {
        self.config_file.is_none() && self.backend.source == Source::Default
    }

    /// A relative data_dir is relative to the file that names it, or to the working directory.
    fn anchor_data_dir(&mut self, config_dir: &Path, cwd: &Path) {
        let base = match self.data_dir.source {
            Source::File { .. } => config_dir,
            Source::Default if self.config_file.is_some() => config_dir,
            _ => cwd,
        };
        if self.data_dir.value.is_relative() {
            self.data_dir.value = base.join(&self.data_dir.value);
        }
    }

    fn validate(&mut self, file: Option<&LoadedFile>) -> Result<(), SettingsError> {
        let fail = |source: &Source, key: &str, message: String| -> SettingsError {
            match (source, file) {
                (Source::File { path, line }, _) => SettingsError::File {
                    path: path.clone(),
                    line: *line,
                    message: format!("key `{key}`: {message}"),
                },
                (Source::Flag(flag), _) => SettingsError::Value { origin: flag.to_string(), message },
                (Source::Env(var), _) => SettingsError::Value { origin: var.clone(), message },
                (Source::Default, _) => SettingsError::Value { origin: key.to_string(), message },
            }
        };

        for (key, prefix) in [
            ("raw_prefix", &mut self.raw_prefix),
            ("transformed_prefix", &mut self.transformed_prefix),
            ("errors_prefix", &mut self.errors_prefix),
            ("results_prefix", &mut self.results_prefix),
        ] {
            let trimmed = prefix.value.trim_start_matches('/');
            if trimmed.contains("//") || trimmed.contains('\\') {
                return Err(fail(
                    &prefix.source,
                    key,
                    format!("`{}` is not a valid key prefix", prefix.value),
                ));
            }
            let mut normalized = trimmed.to_string();
            if !normalized.is_empty() && !normalized.ends_with('/') {
                normalized.push('/');
            }
            prefix.value = normalized;
        }

        for (key, url) in
            [("endpoint_url", &self.endpoint_url), ("lambda_endpoint_url", &self.lambda_endpoint_url)]
        {
            if let Some(text) = &url.value
                && !(text.starts_with("http://") || text.starts_with("https://"))
            {
                return Err(fail(&url.source, key, format!("`{text}` is not an http(s) URL")));
            }
        }
        if let Some(tag) = &self.cost_tag.value {
            match tag.split_once('=') {
                Some((k, _)) if !k.trim().is_empty() => {}
                _ => {
                    return Err(fail(&self.cost_tag.source, "cost_tag", format!("`{tag}` is not KEY=VALUE")));
                }
            }
        }
        if self.max_attempts.value == 0 {
            return Err(fail(&self.max_attempts.source, "max_attempts", "must be at least 1".into()));
        }
        if self.read_timeout_seconds.value == 0 {
            return Err(fail(
                &self.read_timeout_seconds.source,
                "read_timeout_seconds",
                "must be at least 1".into(),
            ));
        }
        for (key, days) in [
            ("raw_retention_days", &self.raw_retention_days),
            ("results_retention_days", &self.results_retention_days),
        ] {
            if days.value == 0 {
                return Err(fail(&days.source, key, "must be at least 1 day".into()));
            }
        }
        for (key, value) in [
            ("region", &self.region),
            ("profile", &self.profile),
            ("firehose_stream", &self.firehose_stream),
            ("kinesis_stream", &self.kinesis_stream),
            ("raw_bucket", &self.raw_bucket),
            ("transformed_bucket", &self.transformed_bucket),
            ("errors_bucket", &self.errors_bucket),
            ("results_bucket", &self.results_bucket),
        ] {
            if value.value.as_deref().is_some_and(|v| v.trim().is_empty()) {
                return Err(fail(&value.source, key, "is empty; remove it to leave it unset".into()));
            }
        }
        Ok(())
    }

    /// The bucket quarantined records go to.
    pub fn effective_errors_bucket(&self) -> Option<&str> {
        self.errors_bucket.value.as_deref().or(self.raw_bucket.value.as_deref())
    }
}

/// Checks the text of a would-be configuration file as if `--env env_name` selected it, ignoring
/// the process environment.
pub fn check_config_text(path: &Path, text: &str, env_name: &str) -> Result<(), SettingsError> {
    Settings::from_config_text(path, text, Some(env_name)).map(|_| ())
}

impl Settings {
    /// Settings from the text of a configuration file at `path`, with no flags and no process
    /// environment: what the file alone says.
    pub fn from_config_text(path: &Path, text: &str, env_name: Option<&str>) -> Result<Self, SettingsError> {
        let global = GlobalArgs { env_name: env_name.map(str::to_string), ..GlobalArgs::default() };
        let no_env = |_: &str| None;
        let cwd = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let ctx = Context { cwd, env: &no_env };
        let file = LoadedFile { path: path.to_path_buf(), shown: path.to_path_buf(), text: text.to_string() };
        Settings::from_file(&global, &ctx, BTreeMap::new(), file)
    }
}

fn env_name_source(global: &GlobalArgs) -> Source {
    if global.env_name_from_var { Source::Env("BDCTL_ENV".into()) } else { Source::Flag("--env") }
}

fn find_config_file(global: &GlobalArgs, ctx: &Context<'_>) -> Result<Option<PathBuf>, SettingsError> {
    if let Some(path) = &global.config {
        let path = if path.is_relative() { ctx.cwd.join(path) } else { path.clone() };
        if !path.is_file() {
            let origin = if global.config_from_var { "BDCTL_CONFIG" } else { "--config" };
            return Err(SettingsError::Value {
                origin: origin.into(),
                message: format!("configuration file {} does not exist", path.display()),
            });
        }
        return Ok(Some(path));
    }
    for dir in ctx.cwd.ancestors() {
        let candidate = dir.join(CONFIG_FILE_NAME);
        if candidate.is_file() {
            return Ok(Some(candidate));
        }
    }
    Ok(None)
}

fn select_environment<'f>(
    global: &GlobalArgs,
    file: &LoadedFile,
    parsed: &'f ConfigFile,
) -> Result<(Resolved<String>, &'f Spanned<FileEnvironment>), SettingsError> {
    let defined = || parsed.env.keys().map(String::as_str).collect::<Vec<_>>().join(", ");
    if parsed.env.is_empty() {
        return Err(file.error(
            None,
            "defines no environment: add an [env.NAME] table (or write one with `bdctl init`)",
        ));
    }
    let (name, source) = if let Some(name) = &global.env_name {
        (name.clone(), env_name_source(global))
    } else if let Some(default) = &parsed.default_env {
        let source = Source::File { path: file.shown.clone(), line: file.line_of(default.span()) };
        if !parsed.env.contains_key(default.get_ref()) {
            return Err(file.error(
                Some(default.span()),
                format!("default_env `{}` is not defined (defined: {})", default.get_ref(), defined()),
            ));
        }
        (default.get_ref().clone(), source)
    } else if parsed.env.len() == 1 {
        let name = parsed.env.keys().next().cloned().unwrap_or_default();
        (name, Source::Default)
    } else {
        return Err(SettingsError::Selection(format!(
            "{} defines several environments ({}): choose one with --env or set default_env",
            file.shown.display(),
            defined()
        )));
    };
    match parsed.env.get(&name) {
        Some(environment) => Ok((Resolved::new(name, source), environment)),
        None => Err(SettingsError::Selection(format!(
            "environment `{name}` is not defined in {} (defined: {})",
            file.shown.display(),
            defined()
        ))),
    }
}

/// The `[env.NAME]` table: the keys given first, then every other key commented out with its
/// meaning and default, so the file documents itself.
pub fn environment_block(name: &str, backend: BackendKind, values: &[(String, toml_edit::Value)]) -> String {
    let mut block = format!("[env.{name}]\nbackend = \"{}\"\n", backend.label());
    for (key, value) in values {
        let doc = KEYS.iter().find(|k| k.name == key).map(|k| k.doc).unwrap_or("");
        block.push_str(&format!("# {doc}\n{key} = {}\n", value.to_string().trim()));
    }
    for key in KEYS.iter().filter(|k| k.name != "backend" && backend.uses_key(k.name)) {
        if values.iter().any(|(k, _)| k == key.name) {
            continue;
        }
        let shown = if key.default.is_empty() { "…".to_string() } else { key.default.to_string() };
        block.push_str(&format!("# {} = {shown}    ({})\n", key.name, key.doc));
    }
    block
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::Parser;

    fn global(args: &[&str]) -> GlobalArgs {
        let mut argv = vec!["bdctl"];
        argv.extend_from_slice(args);
        argv.extend_from_slice(&["config", "show"]);
        Cli::try_parse_from(argv).expect("valid arguments").global
    }

    fn load(dir: &Path, args: &[&str], vars: &[(&str, &str)]) -> Result<Settings, SettingsError> {
        let vars: BTreeMap<String, String> =
            vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let env = move |var: &str| vars.get(var).cloned();
        Settings::load_in(&global(args), &Context { cwd: dir.to_path_buf(), env: &env })
    }

    fn write_config(dir: &Path, text: &str) {
        std::fs::write(dir.join(CONFIG_FILE_NAME), text).unwrap();
    }

    #[test]
    fn no_file_means_embedded_local_environment() {
        let dir = tempfile::tempdir().unwrap();
        let settings = load(dir.path(), &[], &[]).unwrap();
        assert!(settings.is_embedded());
        assert_eq!(settings.backend.value, BackendKind::Local);
        assert_eq!(settings.env_name.value, "local");
        assert_eq!(settings.data_dir.value, dir.path().join(".bdctl"));
        assert_eq!(settings.glue_database.value, "clickstream");
        assert_eq!(settings.glue_table.value, "events");
        assert_eq!(settings.raw_prefix.value, "raw/");
        assert_eq!(settings.raw_layout.value, RawLayout::Hive);
    }

    #[test]
    fn bdctl_home_moves_the_embedded_data_dir() {
        let dir = tempfile::tempdir().unwrap();
        let settings = load(dir.path(), &[], &[("BDCTL_HOME", "/srv/lake")]).unwrap();
        assert_eq!(settings.data_dir.value, PathBuf::from("/srv/lake"));
        assert_eq!(settings.data_dir.source, Source::Env("BDCTL_HOME".into()));
    }

    #[test]
    fn flag_beats_env_beats_file_beats_aws_env_beats_default() {
        let dir = tempfile::tempdir().unwrap();
        write_config(
            dir.path(),
            "[env.dev]\nbackend = \"aws\"\nregion = \"eu-west-1\"\nprofile = \"p-file\"\n",
        );
        let s = load(dir.path(), &["--region", "us-east-2"], &[("BDCTL_REGION", "ap-south-1")]).unwrap();
        assert_eq!(s.region.value.as_deref(), Some("us-east-2"));
        assert_eq!(s.region.source, Source::Flag("--region"));

        let s =
            load(dir.path(), &[], &[("BDCTL_REGION", "ap-south-1"), ("AWS_REGION", "sa-east-1")]).unwrap();
        assert_eq!(s.region.value.as_deref(), Some("ap-south-1"));
        assert_eq!(s.region.source, Source::Env("BDCTL_REGION".into()));

        let s = load(dir.path(), &[], &[("AWS_REGION", "sa-east-1"), ("AWS_PROFILE", "p-env")]).unwrap();
        assert_eq!(s.region.value.as_deref(), Some("eu-west-1"));
        assert_eq!(s.region.source, Source::File { path: PathBuf::from("bdctl.toml"), line: 3 });
        assert_eq!(s.profile.value.as_deref(), Some("p-file"));

        let s = load(dir.path(), &[], &[("AWS_ENDPOINT_URL", "http://127.0.0.1:5000")]).unwrap();
        assert_eq!(s.endpoint_url.value.as_deref(), Some("http://127.0.0.1:5000"));
        assert_eq!(s.endpoint_url.source, Source::Env("AWS_ENDPOINT_URL".into()));
        assert_eq!(s.max_attempts.source, Source::Default);
    }

    #[test]
    fn file_is_found_in_a_parent_directory_and_data_dir_is_relative_to_it() {
        let dir = tempfile::tempdir().unwrap();
        write_config(dir.path(), "[env.lab]\nbackend = \"local\"\ndata_dir = \"lake\"\n");
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        let s = load(&nested, &[], &[]).unwrap();
        assert_eq!(s.env_name.value, "lab");
        assert_eq!(s.data_dir.value, dir.path().join("lake"));
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let dir = tempfile::tempdir().unwrap();
        write_config(dir.path(), "[env.dev]\nbackend = \"aws\"\n\nraw_bukcet = \"x\"\n");
        let err = load(dir.path(), &[], &[]).unwrap_err().to_string();
        assert!(err.contains("bdctl.toml:4:"), "{err}");
        assert!(err.contains("raw_bukcet"), "{err}");
        assert!(!err.contains('\n'), "{err}");
    }

    #[test]
    fn wrong_type_names_the_line() {
        let dir = tempfile::tempdir().unwrap();
        write_config(dir.path(), "[env.dev]\nbackend = \"aws\"\nraw_retention_days = \"thirty\"\n");
        let err = load(dir.path(), &[], &[]).unwrap_err().to_string();
        assert!(err.contains("bdctl.toml:3:"), "{err}");
        write_config(dir.path(), "[env.dev]\nbackend = \"gcp\"\n");
        let err = load(dir.path(), &[], &[]).unwrap_err().to_string();
        assert!(err.contains("bdctl.toml:2:") && err.contains("gcp"), "{err}");
    }

    #[test]
    fn invalid_values_point_at_their_origin() {
        let dir = tempfile::tempdir().unwrap();
        write_config(dir.path(), "[env.dev]\nbackend = \"aws\"\nendpoint_url = \"localhost:4566\"\n");
        let err = load(dir.path(), &[], &[]).unwrap_err().to_string();
        assert!(err.starts_with("bdctl.toml:3: key `endpoint_url`"), "{err}");
        let err = load(dir.path(), &[], &[("BDCTL_MAX_ATTEMPTS", "many")]).unwrap_err().to_string();
        assert!(err.starts_with("BDCTL_MAX_ATTEMPTS: expected a whole number"), "{err}");
    }

    #[test]
    fn empty_file_and_missing_env_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        write_config(dir.path(), "");
        assert!(load(dir.path(), &[], &[]).unwrap_err().to_string().contains("defines no environment"));
        write_config(dir.path(), "[env.a]\nbackend = \"local\"\n[env.b]\nbackend = \"local\"\n");
        assert!(load(dir.path(), &[], &[]).unwrap_err().to_string().contains("choose one with --env"));
        assert!(
            load(dir.path(), &["--env", "c"], &[]).unwrap_err().to_string().contains("`c` is not defined")
        );
        assert_eq!(load(dir.path(), &["--env", "b"], &[]).unwrap().env_name.value, "b");
        let missing = load(dir.path(), &["--config", "nope.toml"], &[]).unwrap_err().to_string();
        assert!(
            missing.starts_with("--config: configuration file") && missing.contains("nope.toml"),
            "{missing}"
        );
    }

    #[test]
    fn default_env_selects_and_prefixes_are_normalized() {
        let dir = tempfile::tempdir().unwrap();
        write_config(
            dir.path(),
            "default_env = \"b\"\n[env.a]\nbackend = \"local\"\n[env.b]\nbackend = \"aws\"\nraw_prefix = \"/landing\"\n",
        );
        let s = load(dir.path(), &[], &[]).unwrap();
        assert_eq!(s.env_name.value, "b");
        assert_eq!(s.raw_prefix.value, "landing/");
    }

    #[test]
    fn every_key_is_listed_once() {
        let mut names: Vec<_> = KEYS.iter().map(|k| k.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), KEYS.len());
        let settings = load(tempfile::tempdir().unwrap().path(), &[], &[]).unwrap();
        assert_eq!(settings.entries().len(), KEYS.len() + 1);
    }
}
