//! `bdctl sql`: an interactive SQL shell over the same engines as `bdctl query`.

use std::io::IsTerminal;
use std::sync::{Arc, Mutex};

use anyhow::Result;
use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{CompletionType, Config, Editor, Helper, Highlighter, Hinter};

use super::Context;
use super::query::{execute_into, statistics_line};
use crate::backend::{Backend, Catalog, QueryRequest, TableInfo};
use crate::cli::SqlArgs;
use crate::error::{ExitStatus, exit_status, usage};
use crate::output::{Format, Table};
use crate::pricing::{Prices, human_bytes};

/// Where the shell keeps what was typed, in the data directory.
const HISTORY_FILE: &str = "sql_history";
const HISTORY_LINES: usize = 5_000;

/// The words Tab completes besides the catalog's names.
const KEYWORDS: &[&str] = &[
    "ALL",
    "AND",
    "AS",
    "ASC",
    "AVG",
    "BETWEEN",
    "BY",
    "CASE",
    "CAST",
    "COUNT",
    "CROSS",
    "DATE",
    "DATE_TRUNC",
    "DESC",
    "DESCRIBE",
    "DISTINCT",
    "ELSE",
    "END",
    "EXCEPT",
    "EXISTS",
    "EXPLAIN",
    "FALSE",
    "FROM",
    "FULL",
    "GROUP",
    "HAVING",
    "IN",
    "INNER",
    "INTERSECT",
    "INTERVAL",
    "IS",
    "JOIN",
    "LEFT",
    "LIKE",
    "LIMIT",
    "MAX",
    "MIN",
    "NOT",
    "NULL",
    "OFFSET",
    "ON",
    "OR",
    "ORDER",
    "OUTER",
    "OVER",
    "PARTITION",
    "RIGHT",
    "ROUND",
    "SELECT",
    "SHOW",
    "SUM",
    "TABLES",
    "THEN",
    "TIMESTAMP",
    "TRUE",
    "UNION",
    "USING",
    "VALUES",
    "WHEN",
    "WHERE",
    "WITH",
];

/// The catalog's names for completion, read on the first Tab and kept for the session.
struct CatalogNames {
    catalog: Arc<dyn Catalog>,
    database: String,
    runtime: tokio::runtime::Handle,
    names: Mutex<Option<Vec<String>>>,
}

impl CatalogNames {
    fn names(&self) -> Vec<String> {
        let mut cached = self.names.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if cached.is_none() {
            // Completion runs on the editor's thread, outside the runtime's workers.
            let tables = self.runtime.block_on(self.catalog.list_tables(&self.database)).unwrap_or_default();
            let mut names: Vec<String> = tables
                .iter()
                .flat_map(|t| {
                    std::iter::once(t.name.clone())
                        .chain(t.columns.iter().chain(&t.partition_keys).map(|c| c.name.clone()))
                })
                .collect();
            names.sort();
            names.dedup();
            *cached = Some(names);
        }
        cached.clone().unwrap_or_default()
    }
}

#[derive(Helper, Highlighter, Hinter)]
struct ShellHelper {
    names: Arc<CatalogNames>,
}

impl Completer for ShellHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let start = line[..pos]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || *c == '_')
            .last()
            .map_or(pos, |(i, _)| i);
        let word = &line[start..pos];
        if word.is_empty() || line.trim_start().starts_with('\\') {
            return Ok((pos, Vec::new()));
        }
        let lower = word.chars().all(|c| !c.is_uppercase());
        let wanted = word.to_ascii_lowercase();
        let mut candidates: Vec<Pair> = self
            .names
            .names()
            .into_iter()
            .filter(|name| name.to_ascii_lowercase().starts_with(&wanted))
            .map(|name| Pair { display: name.clone(), replacement: name })
            .collect();
        candidates.extend(KEYWORDS.iter().filter(|k| k.to_ascii_lowercase().starts_with(&wanted)).map(|k| {
            let keyword = if lower { k.to_ascii_lowercase() } else { k.to_string() };
            Pair { display: keyword.clone(), replacement: keyword }
        }));
        Ok((start, candidates))
    }
}

/// A statement continues until a line ends with `;`; shell commands (`\…`) are one line.
impl Validator for ShellHelper {
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        let input = ctx.input().trim();
        if input.is_empty() || input.starts_with('\\') || input.ends_with(';') {
            Ok(ValidationResult::Valid(None))
        } else {
            Ok(ValidationResult::Incomplete)
        }
    }
}

/// What the shell commands switch.
struct ShellState {
    timing: bool,
    estimate: bool,
    format: Format,
}

pub async fn run(ctx: &Context, args: SqlArgs) -> Result<()> {
    if !std::io::stdin().is_terminal() {
        return Err(usage(
            "bdctl sql reads statements at a terminal; without one, pipe them to `bdctl query -` or use `bdctl query --file`",
        ));
    }
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    let database = args.database.clone().unwrap_or_else(|| settings.glue_database.value.clone());
    let workgroup = args.workgroup.clone().unwrap_or_else(|| settings.athena_workgroup.value.clone());
    let prices = Prices::from_settings(&settings);
    // Ctrl-C while a statement runs stops the statement: the signal is the runtime's from now on.
    #[cfg(unix)]
    let _sigint = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())?;

    let history = settings.data_dir.value.join(HISTORY_FILE);
    let config = Config::builder()
        .completion_type(CompletionType::List)
        .max_history_size(HISTORY_LINES)?
        .auto_add_history(false)
        .build();
    let mut editor: Editor<ShellHelper, DefaultHistory> = Editor::with_config(config)?;
    editor.set_helper(Some(ShellHelper {
        names: Arc::new(CatalogNames {
            catalog: backend.catalog.clone(),
            database: database.clone(),
            runtime: tokio::runtime::Handle::current(),
            names: Mutex::new(None),
        }),
    }));
    if history.exists() {
        editor
            .load_history(&history)
            .map_err(|err| anyhow::anyhow!("reading {}: {err}", history.display()))?;
    }
    ctx.printer.notice(format_args!(
        "bdctl sql, environment `{}`, database {database}: end statements with `;`, \\help for the shell's commands, Ctrl-D to leave",
        settings.env_name.value
    ));
    let mut state = ShellState { timing: false, estimate: false, format: ctx.printer.format() };
    let prompt = format!("{database}> ");
    loop {
        let (returned, line) = tokio::task::spawn_blocking({
            let prompt = prompt.clone();
            move || {
                let line = editor.readline(&prompt);
                (editor, line)
            }
        })
        .await?;
        editor = returned;
        let text = match line {
            Ok(text) => text.trim().to_string(),
            // Ctrl-C at the prompt clears the line, as in psql.
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(err) => return Err(err.into()),
        };
        if text.is_empty() {
            continue;
        }
        editor.add_history_entry(text.as_str())?;
        if let Err(err) = editor.save_history(&history) {
            ctx.printer.warn(format_args!("the history could not be saved in {}: {err}", history.display()));
        }
        if let Some(command) = text.strip_prefix('\\') {
            if !shell_command(ctx, &backend, &database, command, &mut state).await? {
                break;
            }
            continue;
        }
        let request = QueryRequest {
            sql: text.trim_end_matches(';').trim().to_string(),
            database: database.clone(),
            params: Vec::new(),
            workgroup: workgroup.clone(),
        };
        let started = std::time::Instant::now();
        if state.estimate {
            match crate::estimate::estimate(&backend, &request.sql, &database).await {
                Ok(estimate) => ctx.printer.notice(format_args!(
                    "estimate: {} in {} files of {} partitions, USD {:.6} on Athena",
                    human_bytes(estimate.scan_bytes),
                    estimate.files,
                    estimate.partitions,
                    prices.athena_query(estimate.scan_bytes)
                )),
                Err(err) => ctx.printer.warn(format_args!("no estimate: {}", crate::error::render(&err))),
            }
        }
        match execute_into(ctx, &backend, backend.query.as_ref(), &request, None, Some(state.format)).await {
            Ok(stats) => ctx.printer.notice(statistics_line(&stats, &prices)),
            Err(err) if exit_status(&err) == ExitStatus::Interrupted => {
                // The engine's words, when it says what it stopped ("query … stopped in Athena").
                match err.chain().count() {
                    1 => ctx.printer.notice("cancelled"),
                    _ => ctx.printer.notice(format_args!("cancelled: {err}")),
                }
            }
            Err(err) => eprintln!("{}", crate::error::render(&err)),
        }
        if state.timing {
            ctx.printer.notice(format_args!("time: {:.3} s", started.elapsed().as_secs_f64()));
        }
    }
    Ok(())
}

/// Runs a `\command`; `false` to leave the shell.
async fn shell_command(
    ctx: &Context,
    backend: &Backend,
    database: &str,
    command: &str,
    state: &mut ShellState,
) -> Result<bool> {
    let mut words = command.split_whitespace();
    let name = words.next().unwrap_or("");
    let argument = words.next();
    let on_off = |on: bool| if on { "on" } else { "off" };
    match name {
        "q" | "quit" => return Ok(false),
        "timing" => {
            state.timing = !state.timing;
            ctx.printer.notice(format_args!("timing is {}", on_off(state.timing)));
        }
        "estimate" => {
            state.estimate = !state.estimate;
            ctx.printer
                .notice(format_args!("estimates before each statement are {}", on_off(state.estimate)));
        }
        "format" => match argument.map(str::to_ascii_lowercase).as_deref() {
            Some("table") => state.format = Format::Table,
            Some("csv") => state.format = Format::Csv,
            Some("tsv") => state.format = Format::Tsv,
            Some("json") => state.format = Format::Json,
            Some("ndjson") => state.format = Format::Ndjson,
            _ => ctx.printer.warn("\\format takes table, csv, tsv, json or ndjson"),
        },
        "tables" => {
            let mut table = Table::new(["table", "columns", "partition_keys", "location"]);
            for info in backend.catalog.list_tables(database).await? {
                table.push(vec![
                    info.name.clone().into(),
                    info.columns.len().into(),
                    names(&info.partition_keys).into(),
                    info.location.clone().into(),
                ]);
            }
            ctx.printer.print_table(&table)?;
        }
        "d" | "describe" => {
            let tables = backend.catalog.list_tables(database).await?;
            match argument.and_then(|wanted| tables.iter().find(|t| t.name.eq_ignore_ascii_case(wanted))) {
                Some(info) => ctx.printer.print_table(&describe(info))?,
                None => ctx.printer.warn(format_args!(
                    "\\d takes a table of {database}: {}",
                    tables.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join(", ")
                )),
            }
        }
        "help" | "?" => ctx.printer.notice(HELP),
        other => ctx.printer.warn(format_args!("unknown shell command \\{other} (\\help lists them)")),
    }
    Ok(true)
}

const HELP: &str = "\
  \\timing          show each statement's wall time (again: off)
  \\estimate        estimate the scan and its Athena cost before each statement (again: off)
  \\format FORMAT   table, csv, tsv, json or ndjson
  \\tables          the database's tables
  \\d TABLE         a table's columns and partition keys
  \\q               quit (or Ctrl-D)";

fn names(columns: &[crate::backend::Column]) -> String {
    columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ")
}

fn describe(info: &TableInfo) -> Table {
    let mut table = Table::new(["column", "type", "partition_key"]);
    for (column, key) in
        info.columns.iter().map(|c| (c, false)).chain(info.partition_keys.iter().map(|c| (c, true)))
    {
        table.push(vec![column.name.clone().into(), column.data_type.clone().into(), key.into()]);
    }
    table
}
