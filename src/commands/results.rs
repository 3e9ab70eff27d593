//! What a local run of the transform over raw objects did, rendered: the failures as warnings,
//! a row per object or per event day. `transform`, `backfill`, `demo` and the remote dispatch
//! (which renders the function's answers the same way) share it.

use anyhow::Result;
use serde_json::Value;

use super::Context;
use crate::backend::{ObjectInfo, is_not_found};
use crate::output::Table;
use crate::pipeline::ObjectOutcome;

/// Warns of every object not transformed completely (damaged, or failed), once each; returns
/// how many there were.
pub fn warn_failures(ctx: &Context, results: &[(ObjectInfo, Result<ObjectOutcome>)]) -> usize {
    let mut failures = 0;
    for (object, result) in results {
        match result {
            Ok(ObjectOutcome { damaged: Some(why), .. }) => {
                failures += 1;
                ctx.printer.warn(format_args!("{} is damaged: {why}", object.key));
            }
            Ok(_) => {}
            Err(err) => {
                failures += 1;
                ctx.printer.warn(format_args!(
                    "{}: {}",
                    object.key,
                    crate::error::render(err).trim_start_matches("error: ")
                ));
            }
        }
    }
    failures
}

fn round2(value: f64) -> Value {
    Value::from((value * 100.0).round() / 100.0)
}

fn status(result: &Result<ObjectOutcome>) -> &'static str {
    match result {
        Ok(outcome) if outcome.damaged.is_some() => "damaged",
        Ok(outcome) if outcome.skipped => "skipped",
        Ok(_) => "ok",
        Err(err) if is_not_found(err) => "missing",
        Err(_) => "failed",
    }
}

pub fn object_table(results: &[(ObjectInfo, Result<ObjectOutcome>)]) -> Table {
    let mut table = Table::new([
        "source_key",
        "status",
        "events",
        "quarantined",
        "days",
        "bytes_in",
        "bytes_out",
        "seconds",
    ]);
    for (object, result) in results {
        let mut row: Vec<Value> = vec![object.key.clone().into(), status(result).into()];
        match result {
            Ok(outcome) => {
                let m = &outcome.manifest;
                row.extend([
                    m.events_out.into(),
                    m.quarantined.into(),
                    (m.outputs.len() as u64).into(),
                    object.size.into(),
                    m.outputs.iter().map(|o| o.bytes).sum::<u64>().into(),
                    round2(outcome.elapsed.as_secs_f64()),
                ]);
            }
            Err(_) => row.extend([
                Value::Null,
                Value::Null,
                Value::Null,
                object.size.into(),
                Value::Null,
                Value::Null,
            ]),
        }
        table.push(row);
    }
    table
}

/// Totals over every object; the summary a person reads after a run.
pub fn summary_table(results: &[(ObjectInfo, Result<ObjectOutcome>)], seconds: f64) -> Table {
    let mut table = Table::new([
        "objects",
        "skipped",
        "failed",
        "events_in",
        "events_out",
        "quarantined",
        "days",
        "bytes_in",
        "bytes_out",
        "seconds",
        "events_per_s",
    ]);
    let (mut skipped, mut failed, mut records, mut events, mut quarantined, mut bytes_in, mut bytes_out) =
        (0u64, 0u64, 0u64, 0u64, 0u64, 0u64, 0u64);
    let mut days = std::collections::BTreeSet::new();
    for (object, result) in results {
        bytes_in += object.size;
        match result {
            Ok(outcome) => {
                skipped += u64::from(outcome.skipped);
                failed += u64::from(outcome.damaged.is_some());
                let m = &outcome.manifest;
                records += m.records;
                events += m.events_out;
                quarantined += m.quarantined;
                bytes_out += m.outputs.iter().map(|o| o.bytes).sum::<u64>();
                days.extend(m.outputs.iter().map(|o| o.day.clone()));
            }
            Err(_) => failed += 1,
        }
    }
    table.push(vec![
        (results.len() as u64).into(),
        skipped.into(),
        failed.into(),
        records.into(),
        events.into(),
        quarantined.into(),
        (days.len() as u64).into(),
        bytes_in.into(),
        bytes_out.into(),
        round2(seconds),
        Value::from((events as f64 / seconds.max(1e-9)).round()),
    ]);
    table
}
