//! `bdctl query`: SQL against the platform, streamed to stdout or a file.

use std::io::{IsTerminal, Write};

use anyhow::{Context as _, Result};
use indicatif::ProgressBar;
use serde_json::Value;

use super::Context;
use crate::backend::{Backend, QueryEngine, QueryRequest, QueryStats, ResultColumn, RowSink};
use crate::cli::{QueryAction, QueryArgs, QueryEngineChoice};
use crate::error::usage;
use crate::files::{Access, StagedFile};
use crate::output::parquet_rows::ParquetRows;
use crate::output::{Format, RowWriter, Table};
use crate::pricing::{Prices, athena_billed_mb, human_bytes};

/// Where `--out` writes, and in which format.
enum OutFormat {
    Rows(Format),
    Parquet,
}

/// The open output: stdout, or a file staged beside its destination and renamed into place only
/// when the whole result is written (an interrupted or failed query leaves no partial file).
enum Output {
    Stdout(RowWriter<Box<dyn Write + Send>>),
    File(RowWriter<StagedFile>),
    Parquet(ParquetRows<StagedFile>),
}

impl Output {
    fn finish(self) -> Result<()> {
        match self {
            Output::Stdout(writer) => {
                writer.finish()?;
            }
            Output::File(writer) => {
                writer.finish()?.finish()?;
            }
            Output::Parquet(writer) => {
                writer.finish()?.finish()?;
            }
        }
        Ok(())
    }
}

/// The sink the engine streams into: the output opened once the columns are known.
struct Rows<'a> {
    ctx: &'a Context,
    target: Option<(OutFormat, StagedFile)>,
    output: Option<Output>,
    spinner: ProgressBar,
    started: std::time::Instant,
    /// The format of rows on stdout, when not the printer's.
    format: Option<Format>,
}

impl<'a> Rows<'a> {
    fn new(ctx: &'a Context, out: Option<&std::path::Path>, spinner: ProgressBar) -> Result<Self> {
        let target = match out {
            Some(path) => {
                let format = format_for(path)?;
                let file = StagedFile::create_with(path, Access::Shared)
                    .map_err(|err| usage(format!("--out {}: {err}", path.display())))?;
                Some((format, file))
            }
            None => None,
        };
        Ok(Self { ctx, target, output: None, spinner, started: std::time::Instant::now(), format: None })
    }

    fn finish(&mut self) -> Result<()> {
        match self.output.take() {
            Some(output) => output.finish(),
            // A statement without a result (DDL) still leaves the file it was asked for.
            None => match self.target.take() {
                Some((_, file)) => Ok(file.finish().map(|_| ())?),
                None => Ok(()),
            },
        }
    }
}

impl RowSink for Rows<'_> {
    fn columns(&mut self, columns: &[ResultColumn]) -> Result<()> {
        let names: Vec<String> = columns.iter().map(|c| c.name.clone()).collect();
        self.output = Some(match self.target.take() {
            Some((OutFormat::Rows(format), file)) => {
                Output::File(self.ctx.printer.file_row_writer(file, names, format))
            }
            Some((OutFormat::Parquet, file)) => Output::Parquet(ParquetRows::new(file, columns)?),
            None => {
                let stdout: Box<dyn Write + Send> = Box::new(std::io::stdout());
                Output::Stdout(match self.format {
                    Some(format) => self.ctx.printer.terminal_row_writer(stdout, names, format),
                    None => self.ctx.printer.row_writer(stdout, names),
                })
            }
        });
        Ok(())
    }

    fn row(&mut self, row: Vec<Value>) -> Result<()> {
        match &mut self.output {
            Some(Output::Stdout(writer)) => writer.write_row(row)?,
            Some(Output::File(writer)) => writer.write_row(row)?,
            Some(Output::Parquet(writer)) => writer.write_row(&row)?,
            None => {}
        }
        Ok(())
    }

    fn progress(&mut self, state: &str, bytes_scanned: u64) {
        self.spinner.set_message(format!(
            "{state} · {:.1} s · {} scanned",
            self.started.elapsed().as_secs_f64(),
            human_bytes(bytes_scanned)
        ));
    }
}

fn read_statement(args: &QueryArgs) -> Result<String> {
    let sql = match (&args.sql, &args.file) {
        (Some(sql), _) if sql == "-" => {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                .context("reading the statement from stdin")?;
            text
        }
        (Some(sql), _) => sql.clone(),
        (None, Some(path)) => {
            std::fs::read_to_string(path).map_err(|err| usage(format!("--file {}: {err}", path.display())))?
        }
        (None, None) => {
            return Err(usage(
                "no SQL statement: give one, `--file PATH`, or `-` to read it from stdin (at a terminal, `bdctl sql` opens the SQL shell)",
            ));
        }
    };
    if sql.trim().is_empty() {
        return Err(usage("the SQL statement is empty"));
    }
    Ok(sql)
}

fn format_for(path: &std::path::Path) -> Result<OutFormat> {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("csv") => Ok(OutFormat::Rows(Format::Csv)),
        Some("tsv") | Some("txt") => Ok(OutFormat::Rows(Format::Tsv)),
        Some("json") => Ok(OutFormat::Rows(Format::Json)),
        Some("ndjson") | Some("jsonl") => Ok(OutFormat::Rows(Format::Ndjson)),
        Some("parquet") => Ok(OutFormat::Parquet),
        _ => {
            Err(usage(format!("--out {}: use a .csv, .tsv, .json, .ndjson or .parquet file", path.display())))
        }
    }
}

/// The engine the choice names on this backend.
fn engine_for(backend: &Backend, choice: QueryEngineChoice) -> Result<std::sync::Arc<dyn QueryEngine>> {
    match choice {
        QueryEngineChoice::Lake => Ok(backend.query.clone()),
        QueryEngineChoice::Redshift => backend.warehouse.engine(),
    }
}

async fn act(ctx: &Context, action: QueryAction) -> Result<()> {
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    let prices = Prices::from_settings(&settings);
    match action {
        QueryAction::Status { id, engine } => {
            let status = engine_for(&backend, engine)?.status(&id).await?;
            let mut table =
                Table::new(["query_id", "state", "reason", "bytes_scanned", "engine_ms", "cost_usd"]);
            let cost = if status.state == "SUCCEEDED" && !status.stats.is_ddl && !status.stats.capacity_billed
            {
                Value::from(prices.athena_query(status.stats.bytes_scanned))
            } else {
                Value::from(0.0)
            };
            table.push(vec![
                status.id.into(),
                status.state.into(),
                status.reason.map_or(Value::Null, Value::from),
                status.stats.bytes_scanned.into(),
                status.stats.engine_millis.into(),
                cost,
            ]);
            ctx.printer.print_table(&table)?;
        }
        QueryAction::Results { id, out, engine } => {
            let engine = engine_for(&backend, engine)?;
            let status = engine.status(&id).await?;
            if status.state != "SUCCEEDED" {
                return Err(match status.state.as_str() {
                    "FAILED" | "CANCELLED" => crate::error::RemoteFailed(format!(
                        "query {id} {}: {}",
                        status.state,
                        status.reason.as_deref().unwrap_or("no reason given")
                    ))
                    .into(),
                    state => usage(format!(
                        "query {id} is {state}: no results yet (see `bdctl query status {id}`)"
                    )),
                });
            }
            let mut sink = Rows::new(ctx, out.as_deref(), ProgressBar::hidden())?;
            let rows = engine.results(&id, &mut sink).await?;
            sink.finish()?;
            let mut stats = status.stats;
            stats.rows = rows;
            ctx.printer.notice(statistics_line(&stats, &prices));
        }
        QueryAction::Cancel { id, engine: choice } => {
            engine_for(&backend, choice)?.cancel(&id).await?;
            let service = match choice {
                QueryEngineChoice::Lake => "Athena",
                QueryEngineChoice::Redshift => "Redshift",
            };
            ctx.printer.notice(format_args!("asked {service} to stop query {id}"));
        }
    }
    Ok(())
}

pub async fn run(ctx: &Context, args: QueryArgs) -> Result<()> {
    if let Some(action) = args.action {
        return act(ctx, action).await;
    }
    let redshift = args.engine == QueryEngineChoice::Redshift;
    if args.sql.is_none() && args.file.is_none() && std::io::stdin().is_terminal() {
        if redshift {
            return Err(usage("the SQL shell runs on the lake's engine: give --engine redshift a statement"));
        }
        let shell = crate::cli::SqlArgs { database: args.database, workgroup: args.workgroup };
        return super::sql::run(ctx, shell).await;
    }
    let sql = read_statement(&args)?;
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    if redshift {
        return run_on_redshift(ctx, &backend, &settings, args, sql).await;
    }
    let request = QueryRequest {
        sql,
        database: args.database.clone().unwrap_or_else(|| settings.glue_database.value.clone()),
        params: args.params.clone(),
        workgroup: args.workgroup.clone().unwrap_or_else(|| settings.athena_workgroup.value.clone()),
    };
    let prices = Prices::from_settings(&settings);
    let max_cost = args.max_cost.or(settings.max_query_cost.value);
    if args.estimate || max_cost.is_some() {
        let spinner = ctx.printer.spinner("estimating the scan from the catalog and the Parquet footers");
        let estimate = crate::estimate::estimate(&backend, &request.sql, &request.database).await;
        spinner.finish_and_clear();
        let estimate = estimate?;
        let cost = prices.athena_query(estimate.scan_bytes);
        if args.estimate {
            let mut table = Table::new([
                "tables",
                "partitions",
                "files",
                "total_bytes",
                "scan_bytes",
                "billed_mb",
                "est_cost_usd",
                "sampled",
            ]);
            table.push(vec![
                (estimate.tables as u64).into(),
                (estimate.partitions as u64).into(),
                (estimate.files as u64).into(),
                estimate.total_bytes.into(),
                estimate.scan_bytes.into(),
                athena_billed_mb(estimate.scan_bytes).into(),
                Value::from((cost * 1e6).round() / 1e6),
                estimate.sampled.into(),
            ]);
            ctx.printer.print_table(&table)?;
            return Ok(());
        }
        if let Some(limit) = max_cost
            && cost > limit
        {
            return Err(usage(format!(
                "the query would scan up to {} in {} files of {} partitions, about USD {cost:.4} on Athena, over the limit of USD {limit} (raise --max-cost or narrow the WHERE clause)",
                human_bytes(estimate.scan_bytes),
                estimate.files,
                estimate.partitions
            )));
        }
    }
    submit_or_execute(ctx, &backend, backend.query.as_ref(), &request, &args, &prices).await
}

/// `--no-wait`: the id on stdout; otherwise the rows, then the statistics line.
async fn submit_or_execute(
    ctx: &Context,
    backend: &Backend,
    engine: &dyn QueryEngine,
    request: &QueryRequest,
    args: &QueryArgs,
    prices: &Prices,
) -> Result<()> {
    if args.no_wait {
        let id = engine.submit(request).await?;
        let mut table = Table::new(["query_id"]);
        table.push(vec![id.into()]);
        ctx.printer.print_table(&table)?;
        return Ok(());
    }
    let stats = execute_into(ctx, backend, engine, request, args.out.as_deref(), None).await?;
    ctx.printer.notice(statistics_line(&stats, prices));
    Ok(())
}

/// `--engine redshift`: the statement in the warehouse's database; nothing of Athena applies.
async fn run_on_redshift(
    ctx: &Context,
    backend: &Backend,
    settings: &crate::settings::Settings,
    args: QueryArgs,
    sql: String,
) -> Result<()> {
    if args.estimate || args.max_cost.is_some() {
        return Err(usage(
            "--estimate and --max-cost price an Athena scan; Redshift bills its capacity, not the bytes a statement reads",
        ));
    }
    if args.workgroup.is_some() {
        return Err(usage(
            "--workgroup names an Athena workgroup; Redshift's comes from redshift_workgroup or redshift_cluster",
        ));
    }
    let engine = backend.warehouse.engine()?;
    let request = QueryRequest {
        sql,
        database: args.database.clone().unwrap_or_else(|| settings.redshift_database.value.clone()),
        params: args.params.clone(),
        workgroup: String::new(),
    };
    submit_or_execute(ctx, backend, engine.as_ref(), &request, &args, &Prices::from_settings(settings)).await
}

/// Runs the statement with a spinner, its rows to `out` (a file, complete or not at all) or to
/// stdout in `format` (default: the printer's), and records it with the metrics capability.
pub(super) async fn execute_into(
    ctx: &Context,
    backend: &Backend,
    engine: &dyn QueryEngine,
    request: &QueryRequest,
    out: Option<&std::path::Path>,
    format: Option<Format>,
) -> Result<QueryStats> {
    let mut sink = Rows::new(ctx, out, ctx.printer.spinner("starting the query"))?;
    sink.format = format;
    let result = engine.execute(request, &mut sink).await;
    sink.spinner.finish_and_clear();
    let stats = result?;
    sink.finish()?;
    backend
        .metrics
        .record("query", &[("bytes_scanned", stats.bytes_scanned as f64), ("rows", stats.rows as f64)]);
    Ok(stats)
}

/// Rows, bytes scanned, engine time and the Athena bill for the scan.
pub fn statistics_line(stats: &QueryStats, prices: &Prices) -> String {
    let cost = if stats.capacity_billed {
        "Redshift: billed by capacity, not by scan".to_string()
    } else if stats.is_ddl {
        "DDL: no charge".to_string()
    } else {
        let verb = if stats.billed { "billed" } else { "on Athena" };
        format!(
            "{verb} USD {:.6} ({} MB{})",
            prices.athena_query(stats.bytes_scanned),
            athena_billed_mb(stats.bytes_scanned),
            if athena_billed_mb(stats.bytes_scanned) == crate::pricing::ATHENA_MINIMUM_MB {
                " minimum"
            } else {
                ""
            }
        )
    };
    let id = stats.query_id.as_ref().map(|id| format!("query {id} · ")).unwrap_or_default();
    // Redshift does not say what a statement scanned.
    let scanned = if stats.capacity_billed {
        String::new()
    } else {
        format!(" · {} scanned", human_bytes(stats.bytes_scanned))
    };
    format!(
        "{id}{} {}{scanned} · {:.2} s · {cost}",
        stats.rows,
        if stats.rows == 1 { "row" } else { "rows" },
        stats.engine_millis as f64 / 1000.0
    )
}
