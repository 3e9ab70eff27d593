//! `bdctl tail`: the events in the data stream, every shard, with the consumer's lag.

use std::io::Write;

use anyhow::Result;
use chrono::Utc;
use console::style;
use serde_json::Value;

use super::Context;
use crate::backend::StreamPosition;
use crate::cli::{TailArgs, TailFrom};
use crate::error::{Interrupted, usage};
use crate::output::{Format, RowWriter, coloured_json};
use crate::services::tail::{ShardProgress, TailEvent, TailOptions, tail};

pub async fn run(ctx: &Context, args: TailArgs) -> Result<()> {
    if args.follow && ctx.printer.format() == Format::Json {
        return Err(usage("--follow streams events: use --output ndjson (a JSON array never ends)"));
    }
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    let from =
        match args.from.clone().unwrap_or(if args.follow { TailFrom::Latest } else { TailFrom::TrimHorizon })
        {
            TailFrom::Latest => StreamPosition::Latest,
            TailFrom::TrimHorizon => StreamPosition::TrimHorizon,
            TailFrom::At(time) => StreamPosition::AtTimestamp(time),
        };
    let options = TailOptions { from, follow: args.follow, filters: args.filter.clone(), limit: args.limit };
    let spinner = ctx.printer.spinner(format!("reading {}", backend.stream.destination()));
    let mut out = EventWriter::new(ctx);
    let mut latest: Vec<ShardProgress> = Vec::new();
    let outcome = {
        let reading = tail(
            backend.stream.as_ref(),
            &options,
            |event| spinner.suspend(|| out.write(&event)),
            |shards| {
                spinner.set_message(lag_line(shards));
                latest = shards.to_vec();
            },
        );
        tokio::select! {
            result = reading => Some(result),
            () = crate::error::interrupted() => None,
        }
    };
    spinner.finish_and_clear();
    out.finish()?;
    let (shards, interrupted) = match outcome {
        Some(report) => (report?.shards, false),
        None => (latest, true),
    };
    for shard in &shards {
        ctx.printer.notice(format_args!(
            "{}: {} records, {} events shown{}{}{}",
            shard.shard,
            shard.records,
            shard.events,
            shard
                .behind_latest
                .map(|b| format!(", {:.1} s behind the newest record", b.as_secs_f64()))
                .unwrap_or_default(),
            if shard.throttled > 0 {
                format!(", throttled {} times", shard.throttled)
            } else {
                String::new()
            },
            if shard.iterators_renewed > 0 {
                format!(", {} expired iterators renewed", shard.iterators_renewed)
            } else {
                String::new()
            },
        ));
    }
    if interrupted {
        return Err(Interrupted.into());
    }
    Ok(())
}

/// The shards' iterator ages, for the status line.
fn lag_line(shards: &[ShardProgress]) -> String {
    let records: u64 = shards.iter().map(|s| s.records).sum();
    let ages: Vec<String> = shards
        .iter()
        .filter(|s| !s.finished || s.behind_latest.is_some())
        .map(|s| {
            let short = s.shard.trim_start_matches("shardId-").trim_start_matches('0');
            let age = s.behind_latest.map_or("?".to_string(), |b| format!("{:.1} s", b.as_secs_f64()));
            format!("{} {age}", if short.is_empty() { "0" } else { short })
        })
        .collect();
    format!("{records} records · behind the newest: {}", ages.join(", "))
}

/// Events as the person or the script wants them: lines for a terminal, rows otherwise.
struct EventWriter {
    rows: Option<RowWriter<std::io::Stdout>>,
}

impl EventWriter {
    fn new(ctx: &Context) -> Self {
        let rows = (ctx.printer.format() != Format::Table).then(|| {
            let columns =
                ["arrival", "shard", "sequence", "partition_key", "event"].map(String::from).to_vec();
            ctx.printer.row_writer(std::io::stdout(), columns)
        });
        Self { rows }
    }

    fn write(&mut self, event: &TailEvent) -> Result<()> {
        match &mut self.rows {
            Some(rows) => {
                rows.write_row(vec![
                    Value::from(event.arrival.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
                    Value::from(event.shard.clone()),
                    Value::from(event.sequence.clone()),
                    Value::from(event.partition_key.clone()),
                    event.event.clone(),
                ])?;
                rows.flush()?;
            }
            None => {
                let mut stdout = std::io::stdout().lock();
                let local = event.arrival.with_timezone(&Utc).format("%Y-%m-%d %H:%M:%S%.3f");
                let shown = match &event.event {
                    Value::String(text) => text.clone(),
                    other => coloured_json(other),
                };
                writeln!(
                    stdout,
                    "{} {} {} {shown}",
                    style(local).dim(),
                    style(event.shard.trim_start_matches("shardId-")).cyan(),
                    style(&event.partition_key).magenta()
                )?;
                stdout.flush()?;
            }
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
