//! CloudWatch Logs: the log groups of the configured resources read with FilterLogEvents, and
//! followed with Live Tail (an event stream). Where Live Tail is refused, a follow polls
//! FilterLogEvents instead; throttling slows a follow down and never ends it.

use std::collections::{HashMap, HashSet, VecDeque};
use std::time::Duration;

use anyhow::{Result, anyhow};
use async_trait::async_trait;
use aws_sdk_cloudwatchlogs::types::StartLiveTailResponseStream;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use chrono::{DateTime, TimeZone, Utc};
use tokio::sync::mpsc::Sender;

use super::call_failed;
use crate::backend::{LogEntry, LogEvent, LogQuery, LogSource, LogTarget, LogUpdate, Logs, RunSelector};
use crate::error::usage;
use crate::settings::Settings;

use crate::access::{CRAWLER_LOG_GROUP as CRAWLER_GROUP, GLUE_LOG_GROUPS as GLUE_GROUPS};
/// FilterLogEvents takes at most this many stream names.
const STREAM_NAMES_PER_CALL: usize = 100;
/// Live Tail reads at most this many groups in one session.
const LIVE_TAIL_GROUPS: usize = 10;
const POLL_EVERY: Duration = Duration::from_secs(2);
const POLL_AT_MOST_EVERY: Duration = Duration::from_secs(30);
/// Events can reach CloudWatch after later ones: each poll looks back this far.
const LATE_EVENTS_MS: i64 = 30_000;

pub struct CloudWatchLogs {
    client: aws_sdk_cloudwatchlogs::Client,
    glue: aws_sdk_glue::Client,
    firehose: aws_sdk_firehose::Client,
    lambda: aws_sdk_lambda::Client,
    function: Option<String>,
    job: Option<String>,
    stream: Option<String>,
    crawler: Option<String>,
}

impl CloudWatchLogs {
    pub fn new(clients: &super::Clients, settings: &Settings) -> Self {
        Self {
            client: clients.logs.clone(),
            glue: clients.glue.clone(),
            firehose: clients.firehose.clone(),
            lambda: clients.lambda.clone(),
            function: settings.lambda_function.value.clone(),
            job: settings.glue_job.value.clone(),
            stream: settings.firehose_stream.value.clone(),
            crawler: settings.glue_crawler.value.clone(),
        }
    }

    /// The run ids whose logs to read: the one asked for, or the job's runs that may have logged
    /// since `start`.
    async fn job_runs(
        &self,
        job: &str,
        run: Option<&RunSelector>,
        start: DateTime<Utc>,
    ) -> Result<Vec<String>> {
        if let Some(RunSelector::Id(id)) = run {
            return Ok(vec![id.clone()]);
        }
        let mut runs = Vec::new();
        let mut pages = self.glue.get_job_runs().job_name(job).into_paginator().send();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|err| call_failed("glue:GetJobRuns", job, err))?;
            let mut older = false;
            for run in page.job_runs() {
                let started = run.started_on().map(|t| t.secs()).unwrap_or_default();
                let ended = run.completed_on().map(|t| t.secs());
                if ended.is_none_or(|ended| ended >= start.timestamp()) {
                    runs.push((started, run.id().unwrap_or_default().to_string()));
                } else {
                    older = true;
                }
            }
            if older || runs.len() >= STREAM_NAMES_PER_CALL {
                break;
            }
        }
        runs.sort();
        if run == Some(&RunSelector::Last) {
            let newest = match runs.pop() {
                Some(newest) => Some(newest),
                None => self.newest_run(job).await?,
            };
            return match newest {
                Some((_, id)) => Ok(vec![id]),
                None => Err(anyhow!("Glue job {job} has no runs")),
            };
        }
        Ok(runs.into_iter().rev().take(STREAM_NAMES_PER_CALL).map(|(_, id)| id).collect())
    }

    async fn newest_run(&self, job: &str) -> Result<Option<(i64, String)>> {
        let out = self
            .glue
            .get_job_runs()
            .job_name(job)
            .send()
            .await
            .map_err(|err| call_failed("glue:GetJobRuns", job, err))?;
        Ok(out
            .job_runs()
            .iter()
            .map(|r| {
                (r.started_on().map(|t| t.secs()).unwrap_or_default(), r.id().unwrap_or_default().to_string())
            })
            .max())
    }

    /// The stream's error logging group, or why there is none.
    async fn stream_logging(&self, stream: &str) -> Result<std::result::Result<String, String>> {
        let out = self
            .firehose
            .describe_delivery_stream()
            .delivery_stream_name(stream)
            .send()
            .await
            .map_err(|err| call_failed("firehose:DescribeDeliveryStream", stream, err))?;
        let options = out
            .delivery_stream_description()
            .and_then(|d| d.destinations().first())
            .and_then(|d| d.extended_s3_destination_description())
            .and_then(|s3| s3.cloud_watch_logging_options());
        Ok(match options {
            Some(o) if o.enabled() == Some(true) => Ok(o
                .log_group_name()
                .map(str::to_string)
                .unwrap_or_else(|| format!("/aws/kinesisfirehose/{stream}"))),
            _ => Err(format!(
                "error logging is off for delivery stream {stream} (turn on CloudWatchLoggingOptions; `bdctl doctor` checks it)"
            )),
        })
    }

    async fn filter_events(
        &self,
        target: &LogTarget,
        start_ms: i64,
        end_ms: Option<i64>,
        filter: Option<&str>,
    ) -> Result<Vec<Filtered>> {
        let chunks: Vec<Option<Vec<String>>> = match &target.streams {
            None => vec![None],
            Some(streams) => streams.chunks(STREAM_NAMES_PER_CALL).map(|c| Some(c.to_vec())).collect(),
        };
        let mut events = Vec::new();
        for streams in chunks {
            let mut token: Option<String> = None;
            loop {
                let mut attempt = 0u32;
                let page = loop {
                    let answer = self
                        .client
                        .filter_log_events()
                        .log_group_name(&target.group)
                        .start_time(start_ms)
                        .set_end_time(end_ms)
                        .set_filter_pattern(filter.map(str::to_string))
                        .set_log_stream_names(streams.clone())
                        .set_next_token(token.clone())
                        .send()
                        .await;
                    match answer {
                        Ok(page) => break page,
                        Err(err)
                            if err
                                .as_service_error()
                                .is_some_and(|e| e.is_resource_not_found_exception()) =>
                        {
                            tracing::info!("log group {} does not exist (yet): no events", target.group);
                            return Ok(events);
                        }
                        Err(err)
                            if attempt < 8
                                && (is_throttling(err.code())
                                    || err
                                        .as_service_error()
                                        .is_some_and(|e| e.is_service_unavailable_exception())) =>
                        {
                            attempt += 1;
                            tokio::time::sleep(jittered(Duration::from_millis(200) * 2u32.pow(attempt)))
                                .await;
                        }
                        Err(err) => return Err(call_failed("logs:FilterLogEvents", &target.group, err)),
                    }
                };
                events.extend(page.events().iter().map(|event| filtered(target, event)));
                // A page may be empty while later ones are not (CloudWatch searches in slices);
                // the search is over when no new token comes.
                let next = page.next_token().map(str::to_string);
                if next.is_none() || next == token {
                    break;
                }
                token = next;
            }
        }
        Ok(events)
    }

    /// The ARNs Live Tail wants, with the group each stands for; groups that do not exist yet
    /// are left out.
    async fn group_arns(&self, targets: &[LogTarget]) -> Result<Vec<(String, String)>> {
        let mut arns = Vec::new();
        let mut seen = HashSet::new();
        for target in targets {
            if !seen.insert(target.group.clone()) {
                continue;
            }
            let out = self
                .client
                .describe_log_groups()
                .log_group_name_prefix(&target.group)
                .send()
                .await
                .map_err(|err| call_failed("logs:DescribeLogGroups", &target.group, err))?;
            if let Some(group) =
                out.log_groups().iter().find(|g| g.log_group_name() == Some(target.group.as_str()))
            {
                let arn = group
                    .log_group_arn()
                    .map(str::to_string)
                    .or_else(|| group.arn().map(|a| a.trim_end_matches(":*").to_string()));
                if let Some(arn) = arn {
                    arns.push((arn, target.group.clone()));
                }
            }
        }
        Ok(arns)
    }

    /// Follows through Live Tail until the session cannot go on; `Ok(true)`: fall back to polling.
    async fn live_tail(
        &self,
        query: &LogQuery,
        targets: &[LogTarget],
        after: &mut Option<DateTime<Utc>>,
        updates: &Sender<LogUpdate>,
    ) -> Result<bool> {
        let arns = self.group_arns(targets).await?;
        if arns.is_empty() {
            let _ = updates
                .send(LogUpdate::Notice("none of the log groups exists yet: polling until they do".into()))
                .await;
            return Ok(true);
        }
        if arns.len() > LIVE_TAIL_GROUPS {
            let _ = updates
                .send(LogUpdate::Notice(format!(
                    "Live Tail follows at most {LIVE_TAIL_GROUPS} log groups: polling FilterLogEvents instead"
                )))
                .await;
            return Ok(true);
        }
        let group_of: HashMap<String, String> = arns.iter().cloned().collect();
        let mut said_sampled = false;
        let mut last_sent = *after;
        let mut caught_up: HashSet<String> = HashSet::new();
        let mut short_sessions = 0;
        loop {
            let session_began = std::time::Instant::now();
            let started = self
                .client
                .start_live_tail()
                .set_log_group_identifiers(Some(arns.iter().map(|(arn, _)| arn.clone()).collect()))
                .set_log_event_filter_pattern(query.filter.clone())
                .send()
                .await;
            let mut session = match started {
                Ok(out) => out.response_stream,
                Err(err) => {
                    let why = match err.as_service_error() {
                        Some(service) => match (service.code(), service.message()) {
                            (Some(code), Some(message)) => format!("{code}: {message}"),
                            (Some(code), None) => code.to_string(),
                            _ => service.to_string(),
                        },
                        None => super::causes(&err),
                    };
                    let _ = updates
                        .send(LogUpdate::Notice(format!(
                            "Live Tail refused ({why}): polling FilterLogEvents instead"
                        )))
                        .await;
                    return Ok(true);
                }
            };
            loop {
                match session.recv().await {
                    Ok(Some(StartLiveTailResponseStream::SessionUpdate(update))) => {
                        if update.session_metadata().is_some_and(|m| m.sampled()) && !said_sampled {
                            said_sampled = true;
                            let _ = updates
                                .send(LogUpdate::Notice(
                                    "Live Tail is sampling: more events match than it sends (about 500 a second); narrow --filter to see every one".into(),
                                ))
                                .await;
                        }
                        let mut events = Vec::new();
                        for event in update.session_results() {
                            let identifier = event.log_group_identifier().unwrap_or_default();
                            let group = group_of
                                .get(identifier)
                                .cloned()
                                .or_else(|| identifier.rsplit_once(":log-group:").map(|(_, g)| g.to_string()))
                                .unwrap_or_else(|| identifier.to_string());
                            let stream = event.log_stream_name().unwrap_or_default();
                            let Some(target) = targets.iter().find(|t| {
                                t.group == group
                                    && t.streams.as_ref().is_none_or(|s| s.iter().any(|n| n == stream))
                            }) else {
                                continue;
                            };
                            let event = LogEvent {
                                time: millis(event.timestamp().unwrap_or_default()),
                                source: target.source,
                                group,
                                stream: stream.to_string(),
                                message: event.message().unwrap_or_default().trim_end().to_string(),
                            };
                            if after.is_some_and(|after| event.time <= after)
                                || caught_up.contains(&event_key(&event))
                            {
                                continue;
                            }
                            events.push(event);
                        }
                        last_sent = events.iter().map(|e| e.time).max().max(last_sent);
                        if !events.is_empty() && updates.send(LogUpdate::Events(events)).await.is_err() {
                            return Ok(false);
                        }
                    }
                    // What arrived between the history's end and the session's start.
                    Ok(Some(StartLiveTailResponseStream::SessionStart(_))) => {
                        let Some(from) = last_sent else { continue };
                        let mut missed = Vec::new();
                        for target in targets {
                            match self
                                .poll_once(target, from.timestamp_millis() + 1, query.filter.as_deref())
                                .await
                            {
                                Ok(events) => missed.extend(events.into_iter().map(|f| f.event)),
                                Err(err) => tracing::info!("catching up before Live Tail: {err}"),
                            }
                        }
                        missed.retain(|e| e.time > from);
                        missed.sort_by(|a, b| a.timeline_key().cmp(&b.timeline_key()));
                        caught_up.extend(missed.iter().map(event_key));
                        last_sent = missed.iter().map(|e| e.time).max().max(last_sent);
                        if !missed.is_empty() && updates.send(LogUpdate::Events(missed)).await.is_err() {
                            return Ok(false);
                        }
                    }
                    Ok(Some(_)) => {}
                    // A session lasts at most three hours; the next one carries on.
                    Ok(None) => break,
                    Err(err) => {
                        let text = super::causes(&err);
                        if text.contains("SessionTimeout") {
                            break;
                        }
                        let _ = updates
                            .send(LogUpdate::Notice(format!(
                                "Live Tail stopped ({text}): polling FilterLogEvents instead"
                            )))
                            .await;
                        *after = last_sent;
                        return Ok(true);
                    }
                }
            }
            if updates.is_closed() {
                return Ok(false);
            }
            // A session lasts up to three hours; one that ends at once will not carry a follow.
            if session_began.elapsed() < Duration::from_secs(10) {
                short_sessions += 1;
                if short_sessions >= 2 {
                    let _ = updates
                        .send(LogUpdate::Notice(
                            "Live Tail sessions end as soon as they start: polling FilterLogEvents instead"
                                .into(),
                        ))
                        .await;
                    *after = last_sent;
                    return Ok(true);
                }
            } else {
                short_sessions = 0;
            }
        }
    }

    async fn poll(
        &self,
        query: &LogQuery,
        targets: &[LogTarget],
        after: Option<DateTime<Utc>>,
        updates: &Sender<LogUpdate>,
    ) -> Result<()> {
        // Nothing from before the follow began is shown again: the history was read up to `after`.
        let floor_ms = after.map_or_else(|| Utc::now().timestamp_millis(), |t| t.timestamp_millis() + 1);
        let mut cursor = floor_ms;
        let mut seen: VecDeque<(i64, String)> = VecDeque::new();
        let mut seen_ids: HashSet<String> = HashSet::new();
        let mut interval = POLL_EVERY;
        let mut said_throttled = false;
        loop {
            let mut batch = Vec::new();
            let mut throttled = false;
            for target in targets {
                match self.poll_once(target, cursor - LATE_EVENTS_MS, query.filter.as_deref()).await {
                    Ok(events) => batch.extend(events),
                    Err(err) if is_throttling(Some(&err.to_string())) => throttled = true,
                    Err(err) => return Err(err),
                }
            }
            let mut fresh = Vec::new();
            for filtered in batch {
                let time_ms = filtered.event.time.timestamp_millis();
                let id = filtered.id.clone().unwrap_or_else(|| {
                    let e = &filtered.event;
                    format!("{}/{}/{}/{}", e.group, e.stream, time_ms, e.message)
                });
                if time_ms < floor_ms || !seen_ids.insert(id.clone()) {
                    continue;
                }
                seen.push_back((time_ms, id));
                fresh.push(filtered.event);
            }
            fresh.sort_by(|a, b| a.timeline_key().cmp(&b.timeline_key()));
            if let Some(newest) = fresh.iter().map(|e| e.time.timestamp_millis()).max() {
                cursor = cursor.max(newest);
            }
            while seen.front().is_some_and(|(t, _)| *t < cursor - 2 * LATE_EVENTS_MS) {
                if let Some((_, id)) = seen.pop_front() {
                    seen_ids.remove(&id);
                }
            }
            if !fresh.is_empty() && updates.send(LogUpdate::Events(fresh)).await.is_err() {
                return Ok(());
            }
            if throttled {
                interval = (interval * 2).min(POLL_AT_MOST_EVERY);
                if !said_throttled {
                    said_throttled = true;
                    let notice =
                        format!("CloudWatch Logs is throttling: polling every {} s", interval.as_secs());
                    if updates.send(LogUpdate::Notice(notice)).await.is_err() {
                        return Ok(());
                    }
                }
            } else {
                interval = (interval / 2).max(POLL_EVERY);
            }
            if updates.is_closed() {
                return Ok(());
            }
            tokio::time::sleep(jittered(interval)).await;
        }
    }

    /// One poll of one target; throttling comes back as an error whose text names it.
    async fn poll_once(
        &self,
        target: &LogTarget,
        start_ms: i64,
        filter: Option<&str>,
    ) -> Result<Vec<Filtered>> {
        let answer = self
            .client
            .filter_log_events()
            .log_group_name(&target.group)
            .start_time(start_ms)
            .set_filter_pattern(filter.map(str::to_string))
            .set_log_stream_names(
                target.streams.as_ref().map(|s| s.iter().take(STREAM_NAMES_PER_CALL).cloned().collect()),
            )
            .send()
            .await;
        match answer {
            Ok(page) => Ok(page.events().iter().map(|event| filtered(target, event)).collect()),
            Err(err) if err.as_service_error().is_some_and(|e| e.is_resource_not_found_exception()) => {
                Ok(Vec::new())
            }
            Err(err) if is_throttling(err.code()) => Err(anyhow!("ThrottlingException on {}", target.group)),
            Err(err) => Err(call_failed("logs:FilterLogEvents", &target.group, err)),
        }
    }
}

struct Filtered {
    id: Option<String>,
    event: LogEvent,
}

fn filtered(target: &LogTarget, event: &aws_sdk_cloudwatchlogs::types::FilteredLogEvent) -> Filtered {
    Filtered {
        id: event.event_id().map(str::to_string),
        event: LogEvent {
            time: millis(event.timestamp().unwrap_or_default()),
            source: target.source,
            group: target.group.clone(),
            stream: event.log_stream_name().unwrap_or_default().to_string(),
            message: event.message().unwrap_or_default().trim_end().to_string(),
        },
    }
}

/// The function's log group: the one its logging configuration names, else Lambda's default.
pub(super) async fn function_log_group(lambda: &aws_sdk_lambda::Client, function: &str) -> String {
    let configured = lambda
        .get_function_configuration()
        .function_name(function)
        .send()
        .await
        .ok()
        .and_then(|out| out.logging_config().and_then(|c| c.log_group()).map(str::to_string));
    configured.unwrap_or_else(|| format!("/aws/lambda/{function}"))
}

fn event_key(event: &LogEvent) -> String {
    format!("{}/{}/{}/{}", event.group, event.stream, event.time.timestamp_millis(), event.message)
}

fn is_throttling(code: Option<&str>) -> bool {
    code.is_some_and(|c| {
        c.contains("Throttling") || c.contains("Rate exceeded") || c.contains("LimitExceeded")
    })
}

fn jittered(base: Duration) -> Duration {
    base.mul_f64(rand::random_range(0.8..1.2))
}

fn millis(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}

#[async_trait]
impl Logs for CloudWatchLogs {
    async fn targets(&self, query: &LogQuery) -> Result<(Vec<LogTarget>, Vec<(LogSource, String)>)> {
        let explicit = !query.sources.is_empty();
        let sources: Vec<LogSource> = match (explicit, &query.run) {
            (true, _) => query.sources.clone(),
            (false, Some(_)) => vec![LogSource::Glue],
            (false, None) => LogSource::ALL.to_vec(),
        };
        if query.run.is_some() && sources.iter().any(|s| *s != LogSource::Glue) {
            return Err(usage(
                "--run selects a Glue job run; lambda, firehose and crawler logs have no runs on aws",
            ));
        }
        let (mut targets, mut left_out) = (Vec::new(), Vec::new());
        for source in sources {
            match source {
                LogSource::Lambda => match &self.function {
                    Some(function) => targets.push(LogTarget {
                        source,
                        group: function_log_group(&self.lambda, function).await,
                        streams: None,
                    }),
                    None => left_out.push((source, "no lambda_function set".to_string())),
                },
                LogSource::Glue => match &self.job {
                    Some(job) => {
                        let runs = self.job_runs(job, query.run.as_ref(), query.start).await?;
                        if runs.is_empty() {
                            left_out.push((source, format!("Glue job {job} has no runs in the period")));
                        } else {
                            for group in GLUE_GROUPS {
                                targets.push(LogTarget {
                                    source,
                                    group: group.to_string(),
                                    streams: Some(runs.clone()),
                                });
                            }
                        }
                    }
                    None => left_out.push((source, "no glue_job set".to_string())),
                },
                LogSource::Firehose => match &self.stream {
                    Some(stream) => match self.stream_logging(stream).await? {
                        // The group is the stream's own: its destination and backup deliveries
                        // log to streams of it.
                        Ok(group) => targets.push(LogTarget { source, group, streams: None }),
                        Err(why) => left_out.push((source, why)),
                    },
                    None => left_out.push((source, "no firehose_stream set".to_string())),
                },
                LogSource::Crawler => match &self.crawler {
                    Some(crawler) => targets.push(LogTarget {
                        source,
                        group: CRAWLER_GROUP.to_string(),
                        streams: Some(vec![crawler.clone()]),
                    }),
                    None => left_out.push((source, "no glue_crawler set".to_string())),
                },
            }
        }
        Ok((targets, left_out))
    }

    async fn read(&self, query: &LogQuery, targets: &[LogTarget]) -> Result<Vec<LogEvent>> {
        let start_ms = query.start.timestamp_millis();
        let end_ms = Utc::now().timestamp_millis();
        let reads =
            targets.iter().map(|t| self.filter_events(t, start_ms, Some(end_ms), query.filter.as_deref()));
        let mut events: Vec<LogEvent> =
            futures::future::try_join_all(reads).await?.into_iter().flatten().map(|f| f.event).collect();
        events.sort_by(|a, b| a.timeline_key().cmp(&b.timeline_key()));
        Ok(events)
    }

    async fn follow(
        &self,
        query: &LogQuery,
        targets: &[LogTarget],
        after: Option<DateTime<Utc>>,
        updates: Sender<LogUpdate>,
    ) -> Result<()> {
        let mut after = after;
        if self.live_tail(query, targets, &mut after, &updates).await? {
            self.poll(query, targets, after, &updates).await?;
        }
        Ok(())
    }

    fn record(&self, _entry: LogEntry) {}
}
