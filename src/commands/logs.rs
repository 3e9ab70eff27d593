//! `bdctl logs`: what the platform's services (or, on local, the commands standing in for them)
//! logged, merged in time order; `--follow` keeps it coming.

use std::io::Write;

use anyhow::Result;
use chrono::{DateTime, Utc};
use console::style;
use serde_json::Value;

use super::Context;
use crate::backend::{LogEvent, LogQuery, LogSource, LogUpdate, RunSelector};
use crate::cli::{LogSourceArg, LogsArgs};
use crate::error::usage;
use crate::output::{Format, RowWriter, coloured_json};

fn source_of(arg: LogSourceArg) -> LogSource {
    match arg {
        LogSourceArg::Lambda => LogSource::Lambda,
        LogSourceArg::Glue => LogSource::Glue,
        LogSourceArg::Firehose => LogSource::Firehose,
        LogSourceArg::Crawler => LogSource::Crawler,
    }
}

pub async fn run(ctx: &Context, args: LogsArgs) -> Result<()> {
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    if args.follow && ctx.printer.format() == Format::Json {
        return Err(usage("--follow streams events: use --output ndjson (a JSON array never ends)"));
    }
    let mut sources: Vec<LogSource> = args.sources.iter().copied().map(source_of).collect();
    sources.sort();
    sources.dedup();
    let started = Utc::now();
    let query = LogQuery {
        sources: sources.clone(),
        start: started - chrono::Duration::from_std(args.since)?,
        filter: args.filter.clone(),
        run: args.run.as_deref().map(|run| match run {
            "last" => RunSelector::Last,
            id => RunSelector::Id(id.to_string()),
        }),
    };
    let spinner = ctx.printer.spinner("finding the log groups");
    let found = backend.logs.targets(&query).await;
    spinner.finish_and_clear();
    let (targets, left_out) = found?;
    for (source, why) in &left_out {
        if sources.is_empty() {
            ctx.printer.notice(format_args!("{}: left out: {why}", source.name()));
        } else {
            ctx.printer.warn(format_args!("{}: {why}", source.name()));
        }
    }
    if targets.is_empty() {
        return Err(usage(
            "no log source to read: set lambda_function, glue_job, firehose_stream or glue_crawler for this environment",
        ));
    }

    let spinner = ctx.printer.spinner("reading the logs");
    let history = backend.logs.read(&query, &targets).await;
    spinner.finish_and_clear();
    let history = history?;
    let mut out = EventWriter::new(ctx);
    for event in &history {
        out.write(event)?;
    }
    out.flush()?;
    if !args.follow {
        if history.is_empty() {
            ctx.printer
                .notice(format_args!("no log events in the last {}", humantime::format_duration(args.since)));
        }
        return out.finish();
    }

    let after = history.last().map(|e| e.time).max(Some(started));
    let (updates, mut received) = tokio::sync::mpsc::channel(64);
    let logs = backend.logs.clone();
    let follow_query = query.clone();
    let follow_targets = targets.clone();
    let follower =
        tokio::spawn(async move { logs.follow(&follow_query, &follow_targets, after, updates).await });
    while let Some(update) = received.recv().await {
        match update {
            LogUpdate::Events(events) => {
                for event in &events {
                    out.write(event)?;
                }
                out.flush()?;
            }
            LogUpdate::Notice(text) => ctx.printer.notice(text),
        }
    }
    follower.await??;
    out.finish()
}

/// Events as the person or the script wants them: lines for a terminal, rows otherwise.
struct EventWriter {
    rows: Option<RowWriter<std::io::Stdout>>,
}

impl EventWriter {
    fn new(ctx: &Context) -> Self {
        let rows = (ctx.printer.format() != Format::Table).then(|| {
            let columns = ["time", "source", "group", "stream", "message"].map(String::from).to_vec();
            ctx.printer.row_writer(std::io::stdout(), columns)
        });
        Self { rows }
    }

    fn write(&mut self, event: &LogEvent) -> Result<()> {
        match &mut self.rows {
            Some(rows) => rows.write_row(vec![
                Value::from(event.time.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
                Value::from(event.source.name()),
                Value::from(event.group.clone()),
                Value::from(event.stream.clone()),
                Value::from(event.message.clone()),
            ])?,
            None => {
                let mut stdout = std::io::stdout().lock();
                writeln!(stdout, "{}", terminal_line(event))?;
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        match &mut self.rows {
            Some(rows) => rows.flush()?,
            None => std::io::stdout().flush()?,
        }
        Ok(())
    }

    fn finish(self) -> Result<()> {
        if let Some(rows) = self.rows {
            rows.finish()?;
        }
        Ok(())
    }
}

fn time_for_people(time: DateTime<Utc>) -> String {
    time.format("%Y-%m-%d %H:%M:%S%.3f").to_string()
}

fn source_label(source: LogSource) -> String {
    let name = format!("{:<8}", source.name());
    match source {
        LogSource::Lambda => style(name).cyan().to_string(),
        LogSource::Glue => style(name).magenta().to_string(),
        LogSource::Firehose => style(name).yellow().to_string(),
        LogSource::Crawler => style(name).blue().to_string(),
    }
}

/// One event for a person: time, source, and the message made readable.
pub fn terminal_line(event: &LogEvent) -> String {
    format!(
        "{} {} {}",
        style(time_for_people(event.time)).dim(),
        source_label(event.source),
        readable(&event.message)
    )
}

/// A JSON message compact and coloured, a Lambda `REPORT` line summarised, the rest as it is.
pub fn readable(message: &str) -> String {
    if let Some(report) = summarise_report(message) {
        return style(report).dim().to_string();
    }
    if message.starts_with("START RequestId:") || message.starts_with("END RequestId:") {
        return style(message).dim().to_string();
    }
    let trimmed = message.trim();
    if trimmed.starts_with('{')
        && let Ok(value @ Value::Object(_)) = serde_json::from_str::<Value>(trimmed)
    {
        return coloured_json(&value);
    }
    message.to_string()
}

/// `REPORT RequestId: … Duration: 102.25 ms Billed Duration: 103 ms Memory Size: 128 MB Max
/// Memory Used: 70 MB [Init Duration: 150.20 ms]` in a few words.
pub fn summarise_report(message: &str) -> Option<String> {
    let rest = message.strip_prefix("REPORT RequestId:")?;
    let field = |name: &str| {
        rest.split('\t').map(str::trim).find_map(|part| part.strip_prefix(name).map(|v| v.trim().to_string()))
    };
    let request = rest.split('\t').next().unwrap_or_default().trim();
    let duration = field("Duration:")?;
    let mut text = format!("REPORT {request}: {duration}");
    if let Some(billed) = field("Billed Duration:") {
        text.push_str(&format!(" (billed {billed})"));
    }
    if let (Some(used), Some(size)) = (field("Max Memory Used:"), field("Memory Size:")) {
        text.push_str(&format!(", memory {} of {size}", used.trim_end_matches(" MB")));
    }
    if let Some(init) = field("Init Duration:") {
        text.push_str(&format!(", cold start {init}"));
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_lines_read_in_a_few_words() {
        let line = "REPORT RequestId: 3f1c\tDuration: 102.25 ms\tBilled Duration: 103 ms\tMemory Size: 1024 MB\tMax Memory Used: 70 MB\tInit Duration: 150.20 ms\t";
        assert_eq!(
            summarise_report(line).unwrap(),
            "REPORT 3f1c: 102.25 ms (billed 103 ms), memory 70 of 1024 MB, cold start 150.20 ms"
        );
        assert_eq!(summarise_report("an ordinary line"), None);
    }

    #[test]
    fn json_messages_are_compacted() {
        console::set_colors_enabled(false);
        let shown = readable("{ \"level\": \"INFO\",\n  \"events\": 3 }");
        assert!(!shown.contains('\n') && !shown.contains(": "), "{shown}");
        assert_eq!(
            serde_json::from_str::<Value>(&shown).unwrap(),
            serde_json::json!({"level": "INFO", "events": 3})
        );
        assert_eq!(readable("plain text"), "plain text");
    }
}
