//! `bdctl send`: synthetic or real events into the delivery stream.

use std::io::{BufRead, BufReader};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, anyhow};
use bytes::Bytes;
use chrono::{NaiveTime, Utc};
use serde_json::Value;

use super::Context;
use crate::backend::{DeliveryRecord, DeliveryReport, ThroughStream};
use crate::cli::SendArgs;
use crate::error::{StopRequest, usage};
use crate::output::Table;
use crate::synth::{Synth, SynthOptions};

/// Records handed to the delivery at a time: large enough for full Firehose batches in flight.
const CHUNK: usize = 4000;

pub type RecordSource = Box<dyn Iterator<Item = Result<(DeliveryRecord, bool)>> + Send>;

pub async fn run(ctx: &Context, args: SendArgs) -> Result<()> {
    if !(0.0..=1.0).contains(&args.bad_fraction) {
        return Err(usage(format!("--bad-fraction {}: must be between 0 and 1", args.bad_fraction)));
    }
    if args.rate.is_some_and(|r| !(r > 0.0 && r.is_finite())) {
        return Err(usage("--rate: must be a positive number of events per second"));
    }
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    let delivery: std::sync::Arc<dyn crate::backend::Delivery> = if args.stream {
        std::sync::Arc::new(ThroughStream(backend.stream.clone()))
    } else {
        backend.delivery.clone()
    };

    let (source, total): (RecordSource, Option<u64>) = match &args.file {
        Some(path) => (file_records(path)?, None),
        None => (synthetic_records(&args), Some(args.count.saturating_sub(args.skip))),
    };
    let source: RecordSource = if args.skip > 0 {
        let skip = usize::try_from(args.skip).unwrap_or(usize::MAX);
        Box::new(source.skip(skip))
    } else {
        source
    };
    let stop = StopRequest::listen();
    let outcome =
        deliver_all(ctx, delivery.as_ref(), source, total, args.rate, args.skip, Some(stop)).await?;
    super::record_send(&backend, outcome.sent, &outcome.report, outcome.malformed);
    let (report, sent, malformed, seconds) =
        (outcome.report, outcome.sent, outcome.malformed, outcome.seconds);

    let mut table = Table::new([
        "destination",
        "events",
        "bytes",
        "malformed",
        "retried",
        "failed",
        "objects",
        "seconds",
        "events_per_s",
    ]);
    table.push(vec![
        delivery.destination().into(),
        sent.into(),
        report.bytes.into(),
        malformed.into(),
        report.retried.into(),
        (report.failed.len() as u64).into(),
        // Firehose writes its objects later, under names of its own.
        if delivery.names_objects() { (report.objects.len() as u64).into() } else { Value::Null },
        Value::from((seconds * 100.0).round() / 100.0),
        Value::from((sent as f64 / seconds.max(1e-9)).round()),
    ]);
    ctx.printer.print_table(&table)?;

    if outcome.interrupted {
        let done = args.skip + sent;
        ctx.printer.warn(format_args!(
            "interrupted: {} events were delivered{}; `--skip {done}` with the same arguments sends the rest",
            sent,
            if args.skip > 0 { format!(" after the {} skipped", args.skip) } else { String::new() }
        ));
        if args.file.is_none() && args.start.is_none() {
            ctx.printer.warn("the synthetic events end now unless --start is given: pass the same --start to resume them exactly");
        }
        return Err(crate::error::Interrupted.into());
    }
    if !report.failed.is_empty() {
        let what = if args.file.is_some() { "line" } else { "event" };
        for failed in &report.failed {
            ctx.printer.warn(format_args!(
                "{what} {} not delivered: {}: {}",
                failed.index + 1,
                failed.code,
                failed.message
            ));
        }
        return Err(anyhow!("{} of {sent} events were not delivered", report.failed.len()));
    }
    Ok(())
}

/// What `deliver_all` did.
pub struct Sent {
    pub report: DeliveryReport,
    pub sent: u64,
    pub malformed: u64,
    pub seconds: f64,
    /// Stopped by a signal before the source was exhausted.
    pub interrupted: bool,
}

/// Sends every record of `source` in chunks, with a progress bar, at most `rate` per second.
/// `first_index` numbers the first record (failures name records by index). With `stop`, a
/// signal ends the sending after the chunk in flight, and what was taken is flushed.
pub async fn deliver_all(
    ctx: &Context,
    delivery: &dyn crate::backend::Delivery,
    source: RecordSource,
    total: Option<u64>,
    rate: Option<f64>,
    first_index: u64,
    mut stop: Option<StopRequest>,
) -> Result<Sent> {
    let progress = match total {
        Some(total) => ctx
            .printer
            .progress(total, "{spinner:.cyan} sending [{bar:30}] {pos}/{len} events {per_sec} eta {eta}"),
        None => ctx.printer.spinner("sending events"),
    };
    let started = Instant::now();
    let mut report = DeliveryReport::default();
    let mut malformed = 0u64;
    let mut sent = 0u64;
    let mut chunk = Vec::with_capacity(CHUNK);
    let mut source = source.peekable();
    let mut interrupted = false;
    while source.peek().is_some() {
        if stop.as_ref().is_some_and(StopRequest::requested) {
            interrupted = true;
            break;
        }
        let limit = rate.map_or(CHUNK, |rate| (rate.ceil() as usize).clamp(1, CHUNK));
        chunk.clear();
        for item in source.by_ref().take(limit) {
            let (record, bad) = item?;
            malformed += u64::from(bad);
            chunk.push(record);
        }
        let count = chunk.len() as u64;
        // A chunk in flight is finished even when a stop is requested: Firehose may have taken
        // part of it already, and only a finished chunk can be reported exactly.
        report.absorb(delivery.deliver(std::mem::take(&mut chunk), first_index + sent).await?);
        sent += count;
        progress.set_position(sent);
        if total.is_none() {
            progress.set_message(format!("sent {sent} events"));
        }
        if let Some(rate) = rate {
            let due = Duration::from_secs_f64(sent as f64 / rate);
            if let Some(wait) = due.checked_sub(started.elapsed()) {
                match stop.as_mut() {
                    Some(stop) => {
                        tokio::select! {
                            () = tokio::time::sleep(wait) => {}
                            () = stop.wait() => {}
                        }
                    }
                    None => tokio::time::sleep(wait).await,
                }
            }
        }
    }
    report.absorb(delivery.flush().await?);
    progress.finish_and_clear();
    Ok(Sent { report, sent, malformed, seconds: started.elapsed().as_secs_f64(), interrupted })
}

pub fn synthetic(options: SynthOptions) -> RecordSource {
    Box::new(Synth::new(options).map(|record| {
        Ok((DeliveryRecord { data: Bytes::from(record.json), arrival: record.time }, record.bad))
    }))
}

fn synthetic_records(args: &SendArgs) -> RecordSource {
    let start = match args.start {
        Some(day) => day.and_time(NaiveTime::MIN).and_utc(),
        None => Utc::now() - chrono::Duration::days(i64::from(args.days)),
    };
    synthetic(SynthOptions {
        count: args.count,
        start,
        days: args.days,
        seed: args.seed,
        bad_fraction: args.bad_fraction,
    })
}

fn file_records(path: &std::path::Path) -> Result<RecordSource> {
    let reader: Box<dyn BufRead + Send> = if path.as_os_str() == "-" {
        Box::new(BufReader::new(std::io::stdin()))
    } else {
        let file =
            std::fs::File::open(path).map_err(|err| usage(format!("--file {}: {err}", path.display())))?;
        Box::new(BufReader::new(file))
    };
    let shown = path.display().to_string();
    let lines = reader.split(b'\n').enumerate().filter_map(move |(number, line)| match line {
        Ok(line) => {
            let trimmed = line.strip_suffix(b"\r").unwrap_or(&line);
            if trimmed.iter().all(u8::is_ascii_whitespace) {
                return None;
            }
            Some(Ok((DeliveryRecord { data: Bytes::copy_from_slice(trimmed), arrival: Utc::now() }, false)))
        }
        Err(err) => Some(Err(err).with_context(|| format!("reading {shown} at line {}", number + 1))),
    });
    Ok(Box::new(lines))
}
