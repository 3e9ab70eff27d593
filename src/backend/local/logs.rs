//! The local platform's log: the commands that stand in for the services (transform, backfill,
//! send, crawl, replay) append one JSON line per thing they did, as the function or the job
//! would to CloudWatch Logs; `bdctl logs` reads and follows it.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context as _, Result};
use async_trait::async_trait;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value};
use tokio::sync::mpsc::Sender;

use super::log_filter::FilterPattern;
use crate::backend::{LogEntry, LogEvent, LogQuery, LogSource, LogTarget, LogUpdate, Logs, RunSelector};
use crate::error::usage;

pub const LOG_FILE: &str = "logs/bdctl.ndjson";
const FOLLOW_EVERY: Duration = Duration::from_millis(250);

pub struct LocalLogs {
    path: PathBuf,
    /// This process's run: every line it writes carries it.
    run: String,
    /// The log, opened for appending at the first line: a transform logs a line per object,
    /// and creating the folder and opening the file each time took four system calls more.
    file: std::sync::Mutex<Option<std::fs::File>>,
}

impl LocalLogs {
    pub fn new(data_dir: &Path) -> Self {
        let run = format!("{}-{}", Utc::now().format("%Y%m%dT%H%M%S%.3fZ"), std::process::id());
        Self { path: data_dir.join(LOG_FILE), run, file: std::sync::Mutex::new(None) }
    }

    fn group(&self) -> String {
        self.path.display().to_string()
    }
}

/// One line of the log, as written.
struct Line {
    time: DateTime<Utc>,
    source: LogSource,
    run: String,
    stream: String,
    /// The line without time, source, command and run: what CloudWatch would call the message.
    message: String,
}

fn parse_line(text: &str) -> Option<Line> {
    let Ok(Value::Object(mut fields)) = serde_json::from_str::<Value>(text) else { return None };
    let time = fields.remove("time")?.as_str()?.parse::<DateTime<Utc>>().ok()?;
    let source = serde_json::from_value::<LogSource>(fields.remove("source")?).ok()?;
    let command = fields.remove("command").and_then(|c| c.as_str().map(str::to_string)).unwrap_or_default();
    let run = fields.remove("run").and_then(|r| r.as_str().map(str::to_string)).unwrap_or_default();
    Some(Line {
        time,
        source,
        stream: format!("{command}/{run}"),
        run,
        message: Value::Object(fields).to_string(),
    })
}

/// Every complete line of the log from byte `offset`, and the offset after the last one.
fn read_lines(path: &Path, offset: u64) -> Result<(Vec<Line>, u64)> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok((Vec::new(), 0)),
        Err(err) => return Err(err).with_context(|| format!("reading {}", path.display())),
    };
    let length = file.metadata()?.len();
    // The log was cut (lifecycle, by hand): read it again from the start.
    let offset = if length < offset { 0 } else { offset };
    file.seek(SeekFrom::Start(offset))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    let complete = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |at| at + 1);
    let lines = String::from_utf8_lossy(&bytes[..complete]).lines().filter_map(parse_line).collect();
    Ok((lines, offset + complete as u64))
}

struct Selection {
    sources: Vec<LogSource>,
    runs: Option<BTreeSet<String>>,
    filter: FilterPattern,
    start: DateTime<Utc>,
}

impl Selection {
    fn new(query: &LogQuery, targets: &[LogTarget]) -> Result<Self> {
        let runs = targets.iter().find_map(|t| t.streams.as_ref()).map(|streams| {
            streams.iter().filter_map(|s| s.split_once('/').map(|(_, run)| run.to_string())).collect()
        });
        Ok(Self {
            sources: targets.iter().map(|t| t.source).collect(),
            runs,
            filter: FilterPattern::parse(query.filter.as_deref().unwrap_or(""))?,
            start: query.start,
        })
    }

    fn keeps(&self, line: &Line) -> bool {
        line.time >= self.start
            && self.sources.contains(&line.source)
            && self.runs.as_ref().is_none_or(|runs| runs.contains(&line.run))
            && self.filter.matches(&line.message)
    }
}

impl LocalLogs {
    fn event(&self, line: Line) -> LogEvent {
        LogEvent {
            time: line.time,
            source: line.source,
            group: self.group(),
            stream: line.stream,
            message: line.message,
        }
    }
}

#[async_trait]
impl Logs for LocalLogs {
    async fn targets(&self, query: &LogQuery) -> Result<(Vec<LogTarget>, Vec<(LogSource, String)>)> {
        let sources = if query.sources.is_empty() { LogSource::ALL.to_vec() } else { query.sources.clone() };
        FilterPattern::parse(query.filter.as_deref().unwrap_or(""))?;
        let streams = match &query.run {
            None => None,
            Some(selector) => {
                let path = self.path.clone();
                let (lines, _) = tokio::task::spawn_blocking(move || read_lines(&path, 0)).await??;
                let ours: Vec<&Line> = lines.iter().filter(|l| sources.contains(&l.source)).collect();
                let run = match selector {
                    RunSelector::Last => match ours.iter().max_by_key(|l| l.time) {
                        Some(line) => line.run.clone(),
                        None => {
                            return Err(usage(format!(
                                "--run last: the local log ({}) has no runs yet",
                                self.group()
                            )));
                        }
                    },
                    RunSelector::Id(id) => id.clone(),
                };
                let streams: BTreeSet<String> =
                    ours.iter().filter(|l| l.run == run).map(|l| l.stream.clone()).collect();
                if streams.is_empty() {
                    return Err(usage(format!(
                        "--run {run}: no such run in the local log ({})",
                        self.group()
                    )));
                }
                Some(streams.into_iter().collect::<Vec<_>>())
            }
        };
        let targets = sources
            .into_iter()
            .map(|source| LogTarget { source, group: self.group(), streams: streams.clone() })
            .collect();
        Ok((targets, Vec::new()))
    }

    async fn read(&self, query: &LogQuery, targets: &[LogTarget]) -> Result<Vec<LogEvent>> {
        let selection = Selection::new(query, targets)?;
        let path = self.path.clone();
        let (lines, _) = tokio::task::spawn_blocking(move || read_lines(&path, 0)).await??;
        let mut events: Vec<LogEvent> =
            lines.into_iter().filter(|l| selection.keeps(l)).map(|l| self.event(l)).collect();
        events.sort_by(|a, b| a.time.cmp(&b.time));
        Ok(events)
    }

    async fn follow(
        &self,
        query: &LogQuery,
        targets: &[LogTarget],
        after: Option<DateTime<Utc>>,
        updates: Sender<LogUpdate>,
    ) -> Result<()> {
        let selection = Selection::new(query, targets)?;
        let after = after.unwrap_or_else(Utc::now);
        let mut offset = 0;
        loop {
            let path = self.path.clone();
            let (lines, next) = tokio::task::spawn_blocking(move || read_lines(&path, offset)).await??;
            offset = next;
            let events: Vec<LogEvent> = lines
                .into_iter()
                .filter(|l| l.time > after && selection.keeps(l))
                .map(|l| self.event(l))
                .collect();
            if !events.is_empty() && updates.send(LogUpdate::Events(events)).await.is_err() {
                return Ok(());
            }
            if updates.is_closed() {
                return Ok(());
            }
            tokio::time::sleep(FOLLOW_EVERY).await;
        }
    }

    fn record(&self, entry: LogEntry) {
        let mut line = Map::new();
        line.insert("time".into(), Value::from(Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true)));
        line.insert("source".into(), Value::from(entry.source.name()));
        line.insert("command".into(), Value::from(entry.command));
        line.insert("run".into(), Value::from(self.run.clone()));
        line.insert("level".into(), Value::from(entry.level));
        line.insert("message".into(), Value::from(entry.message));
        for (name, value) in entry.fields {
            line.entry(name).or_insert(value);
        }
        let mut text = Value::Object(line).to_string();
        text.push('\n');
        let mut file = self.file.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let result = match file.as_mut() {
            Some(open) => open.write_all(text.as_bytes()),
            None => self.path.parent().map_or(Ok(()), crate::files::create_private_dir).and_then(|_| {
                let mut options = std::fs::OpenOptions::new();
                options.create(true).append(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                // One write per line: lines of concurrent writers never interleave.
                file.insert(options.open(&self.path)?).write_all(text.as_bytes())
            }),
        };
        if let Err(err) = result {
            tracing::warn!("writing the log {}: {err}", self.path.display());
        }
    }
}
