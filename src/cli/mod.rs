//! Command-line types (clap derive) and nothing else: resolution of these values into settings
//! happens in `crate::settings`, behaviour in `crate::commands`.

mod backfill;
mod compact;
mod config;
mod costs;
mod crawl;
mod demo;
mod deploy;
mod doctor;
mod generate;
mod init;
mod lifecycle;
mod logs;
mod metrics;
mod pipeline;
mod quarantine;
mod query;
mod reconcile;
mod send;
mod sql;
mod status;
mod tail;
mod transform;
mod warehouse;

use std::path::PathBuf;

use clap::parser::ValueSource;
use clap::{ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

pub use backfill::BackfillArgs;
pub use compact::CompactArgs;
pub use config::{ConfigArgs, ConfigCommand};
pub use costs::{CostsArgs, Granularity};
pub use crawl::{CrawlArgs, PartitionsArgs, PartitionsCommand};
pub use demo::DemoArgs;
pub use deploy::{Architecture, DeployArgs, DeployGlueArgs, DeployLambdaArgs, DeployTarget};
pub use doctor::DoctorArgs;
pub use generate::{CompletionsArgs, ManArgs, Shell};
pub use init::InitArgs;
pub use lifecycle::{LifecycleArgs, LifecycleCommand};
pub use logs::{LogSourceArg, LogsArgs};
pub use metrics::{MetricsArgs, Service};
pub use pipeline::{
    PipelineArgs, PipelineCommand, PipelineDeployArgs, PipelineRunArgs, PipelineStatusArgs, PipelineTransform,
};
pub use quarantine::{QuarantineArgs, QuarantineCommand, QuarantineDays, QuarantineGroup};
pub use query::{QueryAction, QueryArgs, QueryEngineChoice};
pub use reconcile::ReconcileArgs;
pub use send::SendArgs;
pub use sql::SqlArgs;
pub use status::StatusArgs;
pub use tail::{TailArgs, TailFrom};
pub use transform::TransformArgs;
pub use warehouse::{WarehouseArgs, WarehouseCommand, WarehouseLoadArgs, WarehouseSpectrumArgs};

const ABOUT: &str =
    "Operate the clickstream data platform: Firehose, S3, Glue, Athena on AWS, or all of it on your laptop";

/// The exit-code table shown in `bdctl --help` and the README (the codes are `error::ExitStatus`).
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0    success
  1    the operation failed
  2    usage or configuration error
  3    a remote job or query failed or was cancelled on the service side
  4    timed out waiting
  130  interrupted (Ctrl-C)";

const LONG_ABOUT: &str = "Operate the clickstream data platform: events arrive through Kinesis Data Firehose in an S3 raw bucket, a transform writes Parquet to the transformed bucket, a Glue crawler keeps the Data Catalog current and Athena answers SQL. bdctl wraps each of those operations in one command, against AWS (backend `aws`) or against the same lake layout on the local disk (backend `local`, the default with no bdctl.toml).

Start with `bdctl demo`: the whole pipeline on this machine, no AWS account needed.

Data goes to stdout; progress, prompts and notices go to stderr.";

#[derive(Debug, Parser)]
#[command(
    name = "bdctl",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_help = "Run `bdctl help <command>` for details; exit codes are listed in `bdctl --help`.",
    after_long_help = EXIT_CODES_HELP,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the resolved configuration and where each value comes from
    Config(ConfigArgs),
    /// Write a commented bdctl.toml (interactive on a terminal)
    Init(InitArgs),
    /// Check configuration, credentials and the configured resources
    Doctor(DoctorArgs),
    /// Send synthetic or real events into the delivery stream
    Send(SendArgs),
    /// Turn raw objects into Parquet partitions, in this process
    Transform(TransformArgs),
    /// Transform a range of days again, skipping what is complete
    Backfill(BackfillArgs),
    /// Bring the catalog's table and partitions in line with the transformed lake
    Crawl(CrawlArgs),
    /// List the lake's date partitions, or add the ones the catalog lacks
    Partitions(PartitionsArgs),
    /// Rewrite each day's small Parquet files into a few large ones, sorted by event time
    Compact(CompactArgs),
    /// Run SQL: Athena on aws, the embedded engine on local
    Query(QueryArgs),
    /// An interactive SQL shell: history, multi-line statements, completion from the catalog
    Sql(SqlArgs),
    /// Redshift beside the lake: load days into a table, or read the lake in place (Spectrum)
    Warehouse(WarehouseArgs),
    /// Run the whole pipeline on the embedded local platform, with example queries
    Demo(DemoArgs),
    /// One day of the platform as a Step Functions workflow: deploy it, run a day, list runs
    Pipeline(PipelineArgs),
    /// Plan, apply or show the storage lifecycle rules (expiration, transitions)
    Lifecycle(LifecycleArgs),
    /// Install bdctl's transform on the platform's compute: the Lambda function, the Glue job
    Deploy(DeployArgs),
    /// What the platform costs (Cost Explorer), or what the local lake would cost on AWS
    Costs(CostsArgs),
    /// The platform's metrics over time: CloudWatch on aws, bdctl's activity on local
    Metrics(MetricsArgs),
    /// Is data flowing? Freshness, lag, activity and a verdict (exit 1 on a breached threshold)
    Status(StatusArgs),
    /// What the transform, the job, the stream and the crawler logged: read, filter, follow
    Logs(LogsArgs),
    /// Read the events in the Kinesis data stream, every shard, with the consumer's lag
    Tail(TailArgs),
    /// The records the transform or Firehose rejected: count them, show them, replay them
    Quarantine(QuarantineArgs),
    /// Did every event make it? Raw records against lake rows, quarantine and what the catalog sees
    Reconcile(ReconcileArgs),
    /// Print shell completions
    Completions(CompletionsArgs),
    /// Print or write the man pages
    Man(ManArgs),
}

/// Options every subcommand accepts.
#[derive(Debug, Clone, Default, Args)]
pub struct GlobalArgs {
    /// Environment of bdctl.toml to use
    #[arg(
        long = "env",
        global = true,
        env = "BDCTL_ENV",
        hide_env_values = true,
        value_name = "NAME",
        help_heading = "Global options"
    )]
    pub env_name: Option<String>,

    /// Configuration file (default: bdctl.toml in this directory or a parent)
    #[arg(
        long,
        global = true,
        env = "BDCTL_CONFIG",
        hide_env_values = true,
        value_name = "PATH",
        help_heading = "Global options"
    )]
    pub config: Option<PathBuf>,

    /// AWS named profile (overrides the environment's `profile`)
    #[arg(long, global = true, value_name = "NAME", help_heading = "Global options")]
    pub profile: Option<String>,

    /// AWS region (overrides the environment's `region`)
    #[arg(long, global = true, value_name = "REGION", help_heading = "Global options")]
    pub region: Option<String>,

    /// Endpoint URL for every AWS service, e.g. a local emulator
    #[arg(long, global = true, value_name = "URL", help_heading = "Global options")]
    pub endpoint_url: Option<String>,

    /// Output format; auto is a table on a terminal and tab-separated values when piped
    #[arg(
        long,
        short = 'o',
        global = true,
        env = "BDCTL_OUTPUT",
        hide_env_values = true,
        value_enum,
        default_value_t = OutputFormat::Auto,
        help_heading = "Global options"
    )]
    pub output: OutputFormat,

    /// Print only data and errors
    #[arg(long, short = 'q', global = true, conflicts_with = "verbose", help_heading = "Global options")]
    pub quiet: bool,

    /// Log what bdctl does to stderr (-v info, -vv debug, -vvv trace; RUST_LOG also works)
    #[arg(long, short = 'v', global = true, action = ArgAction::Count, help_heading = "Global options")]
    pub verbose: u8,

    /// Answer yes to every confirmation
    #[arg(long, short = 'y', global = true, help_heading = "Global options")]
    pub yes: bool,

    /// Never prompt; commands that need a confirmation fail unless --yes is given
    #[arg(long, global = true, help_heading = "Global options")]
    pub no_input: bool,

    /// When to use colors (NO_COLOR in the environment means never)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN", help_heading = "Global options")]
    pub color: ColorChoice,

    /// True when `--env` came from BDCTL_ENV rather than the command line.
    #[arg(skip)]
    pub env_name_from_var: bool,

    /// True when `--config` came from BDCTL_CONFIG rather than the command line.
    #[arg(skip)]
    pub config_from_var: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    #[default]
    Auto,
    Table,
    Csv,
    Tsv,
    Json,
    Ndjson,
}

/// Where and how wide a transform runs; shared by `transform` and `backfill`.
#[derive(Debug, Clone, Args)]
pub struct RunOn {
    /// Transform in this process (the default)
    #[arg(long, conflicts_with = "remote")]
    pub local: bool,

    /// Transform on the platform's compute instead: the Glue job, the Lambda function or EMR Serverless
    #[arg(long, value_enum, value_name = "WHERE")]
    pub remote: Option<Remote>,

    /// With --remote glue|emr-serverless: stop waiting for a job run after this long (exit 4; the run goes on)
    #[arg(long, value_name = "DURATION", default_value = "2h", value_parser = humantime::parse_duration)]
    pub timeout: std::time::Duration,

    /// Objects transformed (or invocations, or job runs) at the same time (default: the number of CPUs)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,
}

/// Where a remote transform runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Remote {
    /// The environment's Glue job (StartJobRun, polled to the end)
    Glue,
    /// The environment's Lambda function (one invocation per raw object)
    Lambda,
    /// A job run of the Spark transform on the EMR Serverless application, polled to the end
    EmrServerless,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// The subcommands by purpose, in the order `bdctl --help` lists them. Every subcommand is in
/// exactly one group (a test checks it).
pub const COMMAND_GROUPS: [(&str, &[&str]); 5] = [
    ("Set up", &["init", "config", "doctor", "completions", "man"]),
    ("Ingest & transform", &["send", "transform", "backfill", "pipeline", "demo"]),
    ("Catalog & query", &["crawl", "partitions", "compact", "query", "sql", "warehouse"]),
    ("Operate", &["status", "logs", "tail", "reconcile", "quarantine", "metrics", "costs", "lifecycle"]),
    ("Deploy", &["deploy"]),
];

impl Cli {
    /// The command as `bdctl --help` shows it: the subcommands listed by purpose
    /// ([`COMMAND_GROUPS`]) instead of clap's single list. Parsing, completions and man pages
    /// read the same definition.
    pub fn grouped_command() -> clap::Command {
        let mut cmd = Self::command();
        cmd.build();
        let width = cmd.get_subcommands().map(|s| s.get_name().len()).max().unwrap_or(0);
        let styles = cmd.get_styles().clone();
        let (heading, literal) = (styles.get_header(), styles.get_literal());
        let mut listing = String::new();
        for (group, names) in COMMAND_GROUPS {
            listing.push_str(&format!("{heading}{group}:{heading:#}\n"));
            for name in names.iter().copied().chain((group == "Set up").then_some("help")) {
                let about = cmd.find_subcommand(name).and_then(|s| s.get_about()).map(|a| a.to_string());
                listing.push_str(&format!(
                    "  {literal}{name:<width$}{literal:#}  {}\n",
                    about.unwrap_or_default()
                ));
            }
            listing.push('\n');
        }
        let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
        for name in names {
            cmd = cmd.mut_subcommand(name, |sub| sub.hide(true));
        }
        cmd.override_usage(format!("{literal}bdctl{literal:#} [OPTIONS] <COMMAND>")).help_template(format!(
            "{{about-with-newline}}\n{{usage-heading}} {{usage}}\n\n{listing}{{all-args}}{{after-help}}"
        ))
    }

    /// Parses the process arguments; prints help or a usage error and exits (code 2) on bad input.
    pub fn parse_from_env() -> Self {
        Self::parse_from_iter(std::env::args_os())
    }

    pub fn parse_from_iter<I, T>(args: I) -> Self
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
        // Parsing builds only the subcommand given; the grouped help needs the whole tree
        // built, which took a third of `bdctl query 'SELECT 1'` (9.5–10.0 against 6.4–7.3 ms),
        // so it is made only to print help or an error.
        let matches = match Self::command().try_get_matches_from(&args) {
            Ok(matches) => matches,
            Err(_) => Self::grouped_command().get_matches_from(&args),
        };
        let mut cli = match Self::from_arg_matches(&matches) {
            Ok(cli) => cli,
            Err(err) => err.format(&mut Self::grouped_command()).exit(),
        };
        cli.global.env_name_from_var = matches.value_source("env_name") == Some(ValueSource::EnvVariable);
        cli.global.config_from_var = matches.value_source("config") == Some(ValueSource::EnvVariable);
        cli
    }
}

/// A size as `128MB`, `1.5GB`, `512KiB` or a number of bytes; units are powers of 1024, as
/// bdctl prints sizes.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let trimmed = text.trim();
    let split = trimmed.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(split);
    let number: f64 = number.parse().map_err(|_| format!("expected a size such as 128MB, not `{text}`"))?;
    let scale: u64 = match unit.trim().to_ascii_uppercase().trim_end_matches("IB").trim_end_matches('B') {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        "T" => 1 << 40,
        _ => return Err(format!("unknown size unit in `{text}` (use KB, MB, GB or TB)")),
    };
    let bytes = number * scale as f64;
    if bytes < 1.0 {
        return Err(format!("`{text}` is less than a byte"));
    }
    Ok(bytes as u64)
}

/// A calendar day as `YYYY-MM-DD`, with a message that says what is wrong with a bad one.
pub fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    let shaped = text.len() == 10
        && text
            .chars()
            .enumerate()
            .all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() });
    if !shaped {
        return Err("expected a day as YYYY-MM-DD, e.g. 2024-06-01".to_string());
    }
    if let Ok(day) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(day);
    }
    let year: i32 = text[..4].parse().unwrap_or_default();
    let month: u32 = text[5..7].parse().unwrap_or_default();
    let Some(first) = chrono::NaiveDate::from_ymd_opt(year, month, 1) else {
        return Err(format!("there is no month {month}"));
    };
    let last = (first + chrono::Months::new(1)).pred_opt().unwrap_or(first);
    let name = chrono::Month::try_from(month as u8).map(|m| m.name()).unwrap_or("that month");
    Err(format!("{name} {year} has {} days", chrono::Datelike::day(&last)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_powers_of_1024() {
        assert_eq!(parse_size("128MB"), Ok(128 << 20));
        assert_eq!(parse_size("1.5 GiB"), Ok(3 << 29));
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("2kb"), Ok(2048));
        assert!(parse_size("12 parsecs").unwrap_err().contains("unknown size unit"));
        assert!(parse_size("MB").is_err());
    }

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
        Cli::grouped_command().debug_assert();
    }

    #[test]
    fn every_subcommand_is_in_exactly_one_help_group() {
        let listed: Vec<&str> = COMMAND_GROUPS.iter().flat_map(|(_, names)| names.iter().copied()).collect();
        let mut defined: Vec<String> =
            Cli::command().get_subcommands().map(|s| s.get_name().to_string()).collect();
        defined.sort();
        let mut sorted: Vec<String> = listed.iter().map(|n| n.to_string()).collect();
        sorted.sort();
        assert_eq!(sorted, defined, "COMMAND_GROUPS lists each subcommand once");
        let help = Cli::grouped_command().render_help().to_string();
        let mut last = 0;
        for (group, names) in COMMAND_GROUPS {
            let at = help.find(&format!("{group}:")).unwrap_or_else(|| panic!("{group} in {help}"));
            assert!(at >= last, "groups in order");
            last = at;
            for name in names {
                assert!(help.contains(&format!("  {name} ")), "{name} listed: {help}");
            }
        }
        assert!(!help.contains("Commands:"), "{help}");
        assert!(help.contains("Global options:"), "{help}");
    }

    #[test]
    fn days_that_do_not_exist_say_why() {
        assert_eq!(parse_day("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert_eq!(parse_day("2024-02-30").unwrap_err(), "February 2024 has 29 days");
        assert_eq!(parse_day("2023-02-29").unwrap_err(), "February 2023 has 28 days");
        assert_eq!(parse_day("2024-13-01").unwrap_err(), "there is no month 13");
        assert!(parse_day("1/2/2024").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse_day("２０２４-01-01").is_err());
    }
}
