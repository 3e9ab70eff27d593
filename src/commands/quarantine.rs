//! `bdctl quarantine list|show|replay`: the records the transform or Firehose rejected.

use std::collections::BTreeMap;

use anyhow::Result;
use futures::StreamExt;
use serde_json::Value;

use super::Context;
use crate::backend::{LogEntry, LogSource};
use crate::cli::{QuarantineArgs, QuarantineCommand, QuarantineDays, QuarantineGroup};
use crate::output::Table;
use crate::pipeline::Lake;
use crate::services::quarantine::{DayRange, FileRecords, GroupBy, Quarantine, ReplayTo, group};

pub async fn run(ctx: &Context, args: QuarantineArgs) -> Result<()> {
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    let lake = Lake::from_settings(&settings)?;
    let quarantine =
        Quarantine::new(backend.objects.clone(), lake, settings.firehose_error_prefix.value.as_deref());
    let for_people = !ctx.printer.format().is_machine_readable();
    match args.command {
        QuarantineCommand::List { days, by } => {
            let files = read_all(ctx, &quarantine, days).await?;
            let by = match by {
                QuarantineGroup::Reason => GroupBy::Reason,
                QuarantineGroup::Day => GroupBy::Day,
                QuarantineGroup::Source => GroupBy::Source,
            };
            let groups = group(&files, by);
            let heading = match by {
                GroupBy::Reason => "reason",
                GroupBy::Day => "day",
                GroupBy::Source => "source",
            };
            let mut table = Table::new([heading, "origin", "records", "bytes", "oldest", "newest"]);
            for g in &groups {
                table.push(vec![
                    g.key.clone().into(),
                    g.origin.name().into(),
                    g.records.into(),
                    g.bytes.into(),
                    time(g.oldest, for_people),
                    time(g.newest, for_people),
                ]);
            }
            ctx.printer.print_table(&table)?;
            let records: u64 = groups.iter().map(|g| g.records).sum();
            let replayed: u64 = files.iter().map(|f| f.replayed).sum();
            ctx.printer.notice(format_args!(
                "{records} quarantined {} in {} files{}",
                plural(records, "record", "records"),
                files.iter().filter(|f| !f.records.is_empty()).count(),
                if replayed > 0 {
                    format!("; {replayed} replayed into the lake before")
                } else {
                    String::new()
                }
            ));
        }
        QuarantineCommand::Show { days, reason, limit } => {
            let files = read_all(ctx, &quarantine, days).await?;
            let mut table = Table::new(["source_key", "record", "byte_offset", "day", "reason", "raw"]);
            let matching = files.iter().flat_map(|f| f.records.iter()).filter(|r| {
                reason.as_deref().is_none_or(|want| r.reason.to_lowercase().contains(&want.to_lowercase()))
            });
            let mut total = 0usize;
            for record in matching {
                total += 1;
                if limit != 0 && table.rows.len() >= limit {
                    continue;
                }
                let raw = if for_people { shortened(&record.raw, 120) } else { record.raw.clone() };
                table.push(vec![
                    record.source_key.clone().into(),
                    record.record_number.into(),
                    record.byte_offset.map_or(Value::Null, Value::from),
                    record.day.map_or(Value::Null, |d| d.to_string().into()),
                    record.reason.clone().into(),
                    raw.into(),
                ]);
            }
            ctx.printer.print_table(&table)?;
            if total > table.rows.len() {
                ctx.printer.notice(format_args!(
                    "{} of {total} records shown (--limit 0 shows all)",
                    table.rows.len()
                ));
            }
        }
        QuarantineCommand::Replay { days, reason, dry_run, to_stream } => {
            let files = quarantine.files(range(days)).await?;
            let bar = ctx.printer.progress(files.len() as u64, "{bar:30} {pos}/{len} files {msg}");
            let waiting = |message: String| bar.set_message(message);
            let to = if to_stream {
                ReplayTo::Stream { delivery: backend.delivery.as_ref(), waiting: &waiting }
            } else {
                ReplayTo::Lake
            };
            let mut per_day: BTreeMap<String, [u64; 4]> = BTreeMap::new();
            let mut reasons: BTreeMap<String, u64> = BTreeMap::new();
            let (mut settled, mut unsettled) = (0, 0);
            for file in &files {
                bar.set_message(file.key.clone());
                let outcome = quarantine.replay(file, reason.as_deref(), dry_run, &to).await?;
                bar.inc(1);
                settled += outcome.settled;
                unsettled += outcome.unsettled;
                if !dry_run {
                    let level = if outcome.still_failing > 0 { "WARN" } else { "INFO" };
                    let verb = if to_stream { "sent" } else { "replayed" };
                    backend.logs.record(
                        LogEntry::new(LogSource::Lambda, "replay", level, format!("{verb} {}", file.key))
                            .field("key", file.key.clone())
                            .field(verb, outcome.replayed)
                            .field("still_failing", outcome.still_failing)
                            .field("skipped", outcome.skipped),
                    );
                }
                let day = file.day.map_or_else(|| "unknown".to_string(), |d| d.to_string());
                let totals = per_day.entry(day).or_default();
                totals[0] += 1;
                totals[1] += outcome.replayed;
                totals[2] += outcome.still_failing;
                totals[3] += outcome.skipped;
                for (why, count) in outcome.reasons {
                    *reasons.entry(why).or_default() += count;
                }
            }
            bar.finish_and_clear();
            if !dry_run && !to_stream {
                let written = per_day.keys().filter_map(|d| d.parse().ok()).collect();
                super::refresh_compacted(ctx, &backend, &settings, Some(&written)).await?;
            }
            let verb = match (dry_run, to_stream) {
                (true, false) => "would_land",
                (false, false) => "replayed",
                (true, true) => "would_send",
                (false, true) => "sent",
            };
            let mut table = Table::new(["day", "files", verb, "still_failing", "skipped"]);
            for (day, [files, replayed, failing, skipped]) in &per_day {
                table.push(vec![
                    day.clone().into(),
                    (*files).into(),
                    (*replayed).into(),
                    (*failing).into(),
                    (*skipped).into(),
                ]);
            }
            ctx.printer.print_table(&table)?;
            let sum = |i: usize| per_day.values().map(|t| t[i]).sum::<u64>();
            let destination = backend.delivery.destination();
            let landed = match (dry_run, to_stream) {
                (true, false) => "would land in the lake".to_string(),
                (false, false) => "landed in the lake".to_string(),
                (true, true) => format!("would be sent into {destination}"),
                (false, true) => format!("sent into {destination}"),
            };
            ctx.printer.notice(format_args!(
                "{}: {} {landed}, {} still failing, {} skipped",
                if dry_run { "dry run, nothing written" } else { "replay done" },
                sum(1),
                sum(2),
                sum(3)
            ));
            if settled > 0 {
                ctx.printer.notice(format_args!(
                    "  {settled} of them sent by an interrupted replay, found in the raw area"
                ));
            }
            if unsettled > 0 {
                ctx.printer.notice(format_args!(
                    "  {unsettled} records of an interrupted replay not settled yet: a replay --to-stream settles them"
                ));
            }
            let mut top: Vec<_> = reasons.into_iter().collect();
            top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            for (why, count) in top.iter().take(3) {
                ctx.printer.notice(format_args!("  still failing: {count} × {why}"));
            }
        }
    }
    Ok(())
}

async fn read_all(ctx: &Context, quarantine: &Quarantine, days: QuarantineDays) -> Result<Vec<FileRecords>> {
    let files = quarantine.files(range(days)).await?;
    let bar = ctx.printer.progress(files.len() as u64, "{bar:30} {pos}/{len} quarantine files");
    // One request per file: a few at a time keep S3's latency out of the way.
    let read: Vec<Result<FileRecords>> = futures::stream::iter(&files)
        .map(|file| quarantine.records(file))
        .buffered(16)
        .inspect(|_| bar.inc(1))
        .collect()
        .await;
    bar.finish_and_clear();
    read.into_iter().collect()
}

fn range(days: QuarantineDays) -> DayRange {
    DayRange { from: days.from, to: days.to }
}

fn time(at: Option<chrono::DateTime<chrono::Utc>>, for_people: bool) -> Value {
    match at {
        Some(at) if for_people => at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true).into(),
        Some(at) => at.to_rfc3339().into(),
        None => Value::Null,
    }
}

fn plural(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// The first `chars` characters of a record's text, for a table.
fn shortened(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}
