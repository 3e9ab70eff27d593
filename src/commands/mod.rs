//! One module per subcommand; `run` dispatches to them.

mod backfill;
mod compact;
mod completions;
mod config;
mod costs;
mod crawl;
mod demo;
mod deploy;
mod doctor;
pub mod generate;
mod init;
mod lifecycle;
mod logs;
mod man;
mod metrics;
mod partitions;
mod pipeline;
mod quarantine;
mod query;
mod reconcile;
pub mod remote;
mod results;
mod send;
mod sql;
mod status;
mod tail;
mod transform;
mod warehouse;

use std::sync::Once;

use anyhow::Result;
use tracing_subscriber::EnvFilter;

use crate::backend::{Backend, LogEntry, LogSource};
use crate::cli::{Cli, Command, GlobalArgs};
use crate::error::{ExitStatus, Interrupted};
use crate::output::Printer;
use crate::settings::Settings;

/// What every command gets: the global options and the printer.
pub struct Context {
    pub global: GlobalArgs,
    pub printer: Printer,
}

static EMBEDDED_NOTICE: Once = Once::new();

impl Context {
    pub fn new(global: GlobalArgs) -> Self {
        let printer = Printer::new(&global);
        Self { global, printer }
    }

    /// Resolves the settings; says once when the embedded local environment is in use.
    pub fn settings(&self) -> Result<Settings> {
        let settings = Settings::load(&self.global)?;
        if settings.is_embedded() {
            EMBEDDED_NOTICE.call_once(|| {
                self.printer.notice(format_args!(
                    "note: no bdctl.toml found; using the embedded local environment with data in {}",
                    settings.data_dir.value.display()
                ));
            });
        }
        Ok(settings)
    }

    pub async fn backend(&self, settings: &Settings) -> Result<Backend> {
        crate::backend::factory::connect(settings).await
    }
}

/// After transformed files of `days` were written (all days: `None`): a compacted copy of such a
/// day no longer holds everything, so its partition reads the transformed files again.
pub(crate) async fn refresh_compacted(
    ctx: &Context,
    backend: &Backend,
    settings: &Settings,
    days: Option<&std::collections::BTreeSet<chrono::NaiveDate>>,
) -> Result<()> {
    // Without a transformed area there is nothing a copy could be made of.
    let Ok(lake) = crate::pipeline::Lake::from_settings(settings) else { return Ok(()) };
    let Some(compaction) = crate::services::compact::Compaction::new(backend.objects.clone(), &lake) else {
        return Ok(());
    };
    let refreshed = compaction
        .refresh(
            backend.catalog.as_ref(),
            &settings.glue_database.value,
            &settings.glue_table.value,
            days,
            chrono::Utc::now(),
        )
        .await?;
    if !refreshed.is_empty() {
        let days: Vec<String> = refreshed.iter().map(ToString::to_string).collect();
        ctx.printer.notice(format_args!(
            "{}: the compacted copy is stale now, so the partition reads the transformed files again (`bdctl compact` makes a new copy)",
            days.join(", ")
        ));
    }
    Ok(())
}

pub use crate::services::backfill::record_transform;

/// Records what a send delivered: metrics, and log lines where the platform keeps none.
pub fn record_send(backend: &Backend, sent: u64, report: &crate::backend::DeliveryReport, malformed: u64) {
    backend.metrics.record("send", &[("events", sent as f64), ("bytes", report.bytes as f64)]);
    for object in &report.objects {
        backend.logs.record(
            LogEntry::new(LogSource::Firehose, "send", "INFO", format!("delivered {object}"))
                .field("key", object.clone()),
        );
    }
    for failed in &report.failed {
        backend.logs.record(
            LogEntry::new(
                LogSource::Firehose,
                "send",
                "ERROR",
                format!("record {} refused: {}: {}", failed.index, failed.code, failed.message),
            )
            .field("record", failed.index)
            .field("error_code", failed.code.clone()),
        );
    }
    let level = if report.failed.is_empty() { "INFO" } else { "ERROR" };
    backend.logs.record(
        LogEntry::new(
            LogSource::Firehose,
            "send",
            level,
            format!("sent {sent} events to {}", backend.delivery.destination()),
        )
        .field("events", sent)
        .field("bytes", report.bytes)
        .field("malformed", malformed)
        .field("retried", report.retried)
        .field("failed", report.failed.len() as u64),
    );
}

/// Records what a crawl changed, where the crawler keeps no log of its own.
pub fn record_crawl(backend: &Backend, changes: &[crate::backend::Change]) {
    for change in changes {
        backend.logs.record(
            LogEntry::new(
                LogSource::Crawler,
                "crawl",
                "INFO",
                format!("{} {} {}", change.action, change.kind, change.name),
            )
            .field("detail", change.detail.clone()),
        );
    }
    backend.logs.record(
        LogEntry::new(LogSource::Crawler, "crawl", "INFO", format!("crawl done: {} changes", changes.len()))
            .field("changes", changes.len() as u64),
    );
}

/// Runs the command; Ctrl-C or SIGTERM stops it with exit code 130. Commands that own remote
/// work (a running query, a job) watch for the signal themselves to clean up before this fires.
pub async fn run(cli: Cli) -> Result<ExitStatus> {
    let global = cli.global.clone();
    run_command(cli).await.map_err(|err| name_the_refused_credentials(err, &global))
}

/// When AWS refused the credentials, the error says whose they were and how to renew them.
fn name_the_refused_credentials(err: anyhow::Error, global: &GlobalArgs) -> anyhow::Error {
    if !err.chain().any(|cause| cause.is::<crate::error::CredentialsRefused>()) {
        return err;
    }
    let profile = Settings::load(global).ok().and_then(|s| s.profile.value);
    let whose = match &profile {
        Some(profile) => format!(
            "the credentials of profile `{profile}` were refused: renew them (for SSO: aws sso login --profile {profile})"
        ),
        None if std::env::var_os("AWS_ACCESS_KEY_ID").is_some() => {
            "the credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY were refused: renew them"
                .to_string()
        }
        None => {
            "the default credentials were refused: renew them, or name a profile with --profile".to_string()
        }
    };
    err.context(whose)
}

async fn run_command(cli: Cli) -> Result<ExitStatus> {
    init_tracing(&cli.global);
    // These commands handle Ctrl-C and SIGTERM themselves: a query stops the Athena query before
    // exiting; send and backfill finish the work in flight and report what was done; the SQL
    // shell stops the running statement and goes on; tail reports how far each shard was read.
    if matches!(
        cli.command,
        Command::Query(_) | Command::Send(_) | Command::Backfill(_) | Command::Sql(_) | Command::Tail(_)
    ) {
        return dispatch(cli).await;
    }
    tokio::select! {
        result = dispatch(cli) => result,
        () = crate::error::interrupted() => Err(Interrupted.into()),
    }
}

async fn dispatch(cli: Cli) -> Result<ExitStatus> {
    let ctx = Context::new(cli.global);
    match cli.command {
        Command::Config(args) => config::run(&ctx, args).await?,
        Command::Init(args) => init::run(&ctx, args).await?,
        Command::Doctor(args) => doctor::run(&ctx, args).await?,
        Command::Send(args) => send::run(&ctx, args).await?,
        Command::Transform(args) => transform::run(&ctx, args).await?,
        Command::Backfill(args) => backfill::run(&ctx, args).await?,
        Command::Crawl(args) => crawl::run(&ctx, args).await?,
        Command::Partitions(args) => partitions::run(&ctx, args).await?,
        Command::Compact(args) => compact::run(&ctx, args).await?,
        Command::Query(args) => query::run(&ctx, args).await?,
        Command::Sql(args) => sql::run(&ctx, args).await?,
        Command::Tail(args) => tail::run(&ctx, args).await?,
        Command::Demo(args) => demo::run(&ctx, args).await?,
        Command::Pipeline(args) => pipeline::run(&ctx, args).await?,
        Command::Warehouse(args) => warehouse::run(&ctx, args).await?,
        Command::Lifecycle(args) => lifecycle::run(&ctx, args).await?,
        Command::Deploy(args) => deploy::run(&ctx, args).await?,
        Command::Costs(args) => costs::run(&ctx, args).await?,
        Command::Metrics(args) => metrics::run(&ctx, args).await?,
        Command::Status(args) => status::run(&ctx, args).await?,
        Command::Logs(args) => logs::run(&ctx, args).await?,
        Command::Quarantine(args) => quarantine::run(&ctx, args).await?,
        Command::Reconcile(args) => reconcile::run(&ctx, args).await?,
        Command::Completions(args) => completions::run(&ctx, args)?,
        Command::Man(args) => man::run(&ctx, args)?,
    }
    Ok(ExitStatus::Success)
}

fn init_tracing(global: &GlobalArgs) {
    // Signing internals are never logged: canonical requests carry session tokens.
    let default = match global.verbose {
        _ if global.quiet => "error",
        0 => "bdctl=warn",
        1 => "bdctl=info,aws_config=info",
        2 => "bdctl=debug,aws_config=debug,aws_smithy_runtime=info",
        _ => {
            "bdctl=trace,aws_config=debug,aws_smithy_runtime=debug,aws_sigv4=off,aws_smithy_runtime::client::orchestrator=debug"
        }
    };
    let filter = match std::env::var("RUST_LOG") {
        Ok(spec) if !spec.is_empty() && global.verbose == 0 => EnvFilter::new(spec),
        _ => EnvFilter::new(default),
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(console::colors_enabled_stderr())
        .try_init();
}
