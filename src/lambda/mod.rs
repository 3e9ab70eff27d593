//! The transform as an AWS Lambda function: on an S3 event notification (or the event
//! `bdctl transform --remote lambda` sends), the raw objects it names go through the same
//! pipeline as `bdctl transform`, with the settings taken from the function's environment
//! (the same `BDCTL_*` variables), and the answer carries the same counts the local transform
//! reports.
//!
//! Damaged input is an answer, not a function error: a retry would read the same bytes, so Lambda
//! must not retry it. Only failures a retry can cure (the store refusing a call) fail the
//! invocation, and Lambda's own retry limit bounds those.
//!
//! The pipeline's state machine also asks it `{"bdctl": "reconcile", "date": "YYYY-MM-DD"}`: the
//! day's raw records against the rows of its outputs and its quarantine. A day that does not add
//! up is the function error `Unbalanced`, each difference named in its message.

mod answer;
mod event;
pub mod package;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use anyhow::Result;

pub use answer::{FunctionAnswer, ObjectAnswer, ObjectStatus};
pub use event::{EventObject, decode_event_key, objects_of};

use crate::backend::{ObjectInfo, ObjectStore, is_not_found};
use crate::cli::GlobalArgs;
use crate::pipeline::{Lake, RawArea, record_partitions, transform_objects};
use crate::pricing::human_bytes;
use crate::settings::Settings;

/// Compressed input the transform reads per second for each GB of the function's memory (Lambda
/// gives CPU in proportion to memory), with a wide margin below what it measures.
const BYTES_PER_SECOND_PER_GB: f64 = 10e6;
/// Lambda ends every invocation after 15 minutes.
const LONGEST_INVOCATION: Duration = Duration::from_secs(900);
/// Time kept back at the end of an invocation to commit the outputs and answer.
const RESERVE: Duration = Duration::from_secs(5);

/// The largest raw object a function with this memory transforms within `seconds`.
pub fn largest_object(memory_mb: u32, seconds: f64) -> u64 {
    let throughput = BYTES_PER_SECOND_PER_GB * f64::from(memory_mb) / 1024.0;
    (throughput * (seconds - RESERVE.as_secs_f64()).max(0.0)) as u64
}

/// What the function works with: the environment's store and lake, resolved once per instance.
pub struct Function {
    store: Arc<dyn ObjectStore>,
    raw: RawArea,
    lake: Lake,
    firehose_error_prefix: Option<String>,
    memory_mb: u32,
}

/// The error type an unbalanced day fails the invocation with: what a state machine catches.
pub const UNBALANCED: &str = "Unbalanced";

/// A request of bdctl's own, beside S3 event notifications.
#[derive(Debug, serde::Deserialize)]
struct Request {
    bdctl: String,
    date: Option<String>,
}

impl Function {
    /// Resolves the settings from the process environment, as the CLI does without a file.
    pub async fn from_environment(memory_mb: u32) -> Result<Self> {
        let settings = Settings::load(&GlobalArgs::default())?;
        let store = crate::backend::factory::connect_object_store(&settings).await?;
        Self::new(store, &settings, memory_mb)
    }

    pub fn new(store: Arc<dyn ObjectStore>, settings: &Settings, memory_mb: u32) -> Result<Self> {
        Ok(Self {
            store,
            raw: RawArea::from_settings(settings)?,
            lake: Lake::from_settings(settings)?,
            firehose_error_prefix: settings.firehose_error_prefix.value.clone(),
            memory_mb,
        })
    }

    /// Answers one invocation: an S3 event (the transform) or one of bdctl's requests.
    pub async fn invoke(
        &self,
        payload: &serde_json::Value,
        deadline: Option<SystemTime>,
    ) -> Result<serde_json::Value, lambda_runtime::Diagnostic> {
        let failed = |err: anyhow::Error| {
            let message = crate::error::render(&err);
            eprintln!("{message}");
            lambda_runtime::Diagnostic {
                error_type: "Failed".to_string(),
                error_message: message.trim_start_matches("error: ").to_string(),
            }
        };
        if payload.get("bdctl").is_none() {
            let answer = self.handle(payload, deadline).await.map_err(failed)?;
            return serde_json::to_value(answer).map_err(|e| failed(e.into()));
        }
        let request: Request = serde_json::from_value(payload.clone()).map_err(|e| {
            failed(anyhow::anyhow!(
                "a bdctl request is {{\"bdctl\": \"reconcile\", \"date\": \"YYYY-MM-DD\"}}: {e}"
            ))
        })?;
        match (request.bdctl.as_str(), request.date.as_deref()) {
            ("reconcile", Some(date)) => {
                let day = date.parse().map_err(|_| {
                    failed(anyhow::anyhow!("the date `{date}` of the reconcile request is not YYYY-MM-DD"))
                })?;
                let check = self.reconcile_day(day).await.map_err(failed)?;
                match check.unbalanced(day) {
                    None => serde_json::to_value(check).map_err(|e| failed(e.into())),
                    Some(message) => Err(lambda_runtime::Diagnostic {
                        error_type: UNBALANCED.to_string(),
                        error_message: message,
                    }),
                }
            }
            (other, _) => Err(failed(anyhow::anyhow!(
                "`{other}` is not a request the bdctl function answers (it answers S3 events and \"reconcile\" with a \"date\")"
            ))),
        }
    }

    /// The raw day's balance, logged as a JSON line.
    pub async fn reconcile_day(
        &self,
        day: chrono::NaiveDate,
    ) -> Result<crate::services::reconcile::DayCheck> {
        let check = crate::services::reconcile::check_day(
            &self.store,
            &self.lake,
            self.firehose_error_prefix.as_deref(),
            day,
        )
        .await?;
        let level = if check.problems.is_empty() { "INFO" } else { "ERROR" };
        let message = check.unbalanced(day).unwrap_or_else(|| format!("reconciled {day}"));
        println!("{}", serde_json::json!({"level": level, "message": message, "balance": check}));
        Ok(check)
    }

    /// Transforms the objects the event names, before `deadline` (Lambda's longest invocation
    /// when the runtime names none).
    pub async fn handle(
        &self,
        payload: &serde_json::Value,
        deadline: Option<SystemTime>,
    ) -> Result<FunctionAnswer> {
        let started = std::time::Instant::now();
        let mut answers = Vec::new();
        let mut objects = Vec::new();
        // A deadline already past when the invocation starts is no deadline (emulators send a
        // fixed number).
        let seconds_left = deadline
            .and_then(|d| d.duration_since(SystemTime::now()).ok())
            .unwrap_or(LONGEST_INVOCATION)
            .as_secs_f64();
        let largest = largest_object(self.memory_mb, seconds_left);
        for named in objects_of(payload)? {
            match self.admit(&named, largest).await {
                Ok(object) => objects.push(object),
                Err(refusal) => {
                    log_answer(&refusal);
                    answers.push(refusal);
                }
            }
        }
        let jobs = crate::cores();
        let budget = Duration::from_secs_f64(seconds_left).saturating_sub(RESERVE);
        let work = transform_objects(self.store.clone(), &self.lake, &objects, jobs, false, None, |_, _| {});
        let results = match tokio::time::timeout(budget, work).await {
            Ok(results) => results,
            Err(_) => {
                let keys: Vec<&str> = objects.iter().map(|o| o.key.as_str()).collect();
                anyhow::bail!(
                    "the invocation ran out of time after {:.0} s transforming {}",
                    started.elapsed().as_secs_f64(),
                    keys.join(", ")
                );
            }
        };
        let days = crate::pipeline::output_days(&results);
        record_partitions(self.store.as_ref(), &self.lake, &days).await?;
        let mut retryable = Vec::new();
        for (object, result) in results {
            if let Err(err) = &result
                && !is_not_found(err)
            {
                retryable.push(format!(
                    "{}: {}",
                    object.key,
                    crate::error::render(err).trim_start_matches("error: ")
                ));
            }
            let answer = ObjectAnswer::from_result(&object, &result);
            log_answer(&answer);
            answers.push(answer);
        }
        if !retryable.is_empty() {
            anyhow::bail!("{}", retryable.join("; "));
        }
        answers.sort_by(|a, b| a.source_key.cmp(&b.source_key));
        Ok(FunctionAnswer { objects: answers, seconds: started.elapsed().as_secs_f64() })
    }

    /// The object to transform, or the answer that refuses it.
    async fn admit(&self, named: &EventObject, largest: u64) -> Result<ObjectInfo, ObjectAnswer> {
        let refuse = |status, problem: String| ObjectAnswer::refused(&named.key, status, problem);
        if named.bucket != self.raw.location.bucket || !named.key.starts_with(&self.raw.location.prefix) {
            return Err(refuse(
                ObjectStatus::Refused,
                format!(
                    "s3://{}/{} is not under the raw area s3://{}/{}",
                    named.bucket, named.key, self.raw.location.bucket, self.raw.location.prefix
                ),
            ));
        }
        let object = match self.raw.find(self.store.as_ref(), &named.key).await {
            Ok(object) => object,
            Err(err) if is_not_found(&err) => {
                return Err(refuse(
                    ObjectStatus::Missing,
                    format!("raw object {} does not exist", named.key),
                ));
            }
            Err(err) => return Err(refuse(ObjectStatus::Failed, crate::error::render(&err))),
        };
        if object.size > largest {
            return Err(refuse(
                ObjectStatus::Refused,
                format!(
                    "raw object {} has {}; a function of {} MB transforms up to {} in the time \
                     left: run `bdctl transform --key {}` or raise lambda_memory_mb",
                    object.key,
                    human_bytes(object.size),
                    self.memory_mb,
                    human_bytes(largest),
                    object.key
                ),
            ));
        }
        Ok(object)
    }
}

/// One JSON line per object on stdout, which Lambda sends to the function's log group: what
/// `bdctl logs lambda` shows and `--filter '{ $.status = "failed" }'` selects.
fn log_answer(answer: &ObjectAnswer) {
    let level = match answer.status {
        ObjectStatus::Ok if answer.manifest.as_ref().is_some_and(|m| m.quarantined > 0) => "WARN",
        ObjectStatus::Ok => "INFO",
        ObjectStatus::Missing | ObjectStatus::Refused => "WARN",
        ObjectStatus::Damaged | ObjectStatus::Failed => "ERROR",
    };
    let mut line = serde_json::json!({
        "level": level,
    "message": format!("{} {}", answer.status.name(), answer.source_key),
        "key": answer.source_key,
        "seconds": (answer.seconds * 1000.0).round() / 1000.0,
    });
    if let Some(problem) = &answer.problem {
        line["problem"] = problem.clone().into();
    }
    if let Some(m) = &answer.manifest {
        line["records"] = m.records.into();
        line["events_out"] = m.events_out.into();
        line["quarantined"] = m.quarantined.into();
        line["outputs"] = (m.outputs.len() as u64).into();
    }
    println!("{line}");
}

/// Serves invocations through the Lambda Runtime API until the process is stopped.
pub async fn serve() -> Result<(), lambda_runtime::Error> {
    let memory_mb = std::env::var("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        .ok()
        .and_then(|m| m.parse().ok())
        .unwrap_or(crate::settings::DEFAULT_LAMBDA_MEMORY_MB);
    let function = Arc::new(Function::from_environment(memory_mb).await?);
    lambda_runtime::run(lambda_runtime::service_fn(
        move |event: lambda_runtime::LambdaEvent<serde_json::Value>| {
            let function = function.clone();
            async move {
                let deadline = (event.context.deadline > 0)
                    .then(|| SystemTime::UNIX_EPOCH + Duration::from_millis(event.context.deadline));
                function.invoke(&event.payload, deadline).await
            }
        },
    ))
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::local::LocalStore;
    use serde_json::json;

    fn event(bucket: &str, keys: &[&str]) -> serde_json::Value {
        let records: Vec<_> = keys
            .iter()
            .map(|k| json!({"eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": bucket}, "object": {"key": k}}}))
            .collect();
        json!({ "Records": records })
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_function_transforms_what_fits_and_refuses_the_rest_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!("[env.t]\nbackend = \"local\"\ndata_dir = \"{}\"\n", dir.path().display());
        let settings = Settings::from_config_text(std::path::Path::new("bdctl.toml"), &text, None).unwrap();
        let store: Arc<dyn ObjectStore> = Arc::new(LocalStore::new(dir.path().to_path_buf()));
        let bucket = RawArea::from_settings(&settings).unwrap().location.bucket;
        let line = r#"{"event_id":"e1","event_type":"page_view","timestamp":"2026-12-01T10:00:00Z","ip":"10.0.0.1"}"#;
        let small = "raw/year=2026/month=12/day=01/small one.json";
        store.put(&bucket, small, bytes::Bytes::from(format!("{line}\n"))).await.unwrap();
        let big = "raw/year=2026/month=12/day=01/big.gz";
        store.put(&bucket, big, bytes::Bytes::from(vec![0u8; 3_000_000])).await.unwrap();

        // 128 MB with a second left: 1.25 MB fit.
        let function = Function::new(store.clone(), &settings, 128).unwrap();
        assert_eq!(largest_object(128, RESERVE.as_secs_f64() + 1.0), 1_250_000);
        let deadline = SystemTime::now() + RESERVE + Duration::from_secs(1);
        let keys = [
            "raw/year%3D2026/month%3D12/day%3D01/small+one.json",
            "raw/year%3D2026/month%3D12/day%3D01/big.gz",
            "raw/gone.gz",
            "elsewhere/x.gz",
        ];
        let answer = function.handle(&event(&bucket, &keys), Some(deadline)).await.unwrap();
        let by_key = |key: &str| answer.objects.iter().find(|o| o.source_key == key).unwrap();
        let done = by_key(small);
        assert_eq!(done.status, ObjectStatus::Ok);
        assert_eq!(done.manifest.as_ref().unwrap().events_out, 1);
        let refused = by_key(big);
        assert_eq!(refused.status, ObjectStatus::Refused);
        let why = refused.problem.as_deref().unwrap();
        assert!(why.starts_with(&format!("raw object {big} has 2.9 MB; a function of 128 MB")), "{why}");
        assert_eq!(by_key("raw/gone.gz").status, ObjectStatus::Missing);
        assert_eq!(by_key("elsewhere/x.gz").status, ObjectStatus::Refused);
        // Its output is the local transform's.
        assert!(dir.path().join("transformed/year=2026/month=12/day=01/small one.parquet").is_file());

        // The CLI reads the answer back as the results of a local run.
        let (object, result) = refused.clone().into_result(3_000_000);
        assert_eq!(object.key, big);
        assert!(result.unwrap_err().to_string().contains("raise lambda_memory_mb"));
        let (_, result) = done.clone().into_result(0);
        assert_eq!(result.unwrap().manifest.events_out, 1);
        let roundtrip: FunctionAnswer =
            serde_json::from_str(&serde_json::to_string(&answer).unwrap()).unwrap();
        assert_eq!(roundtrip, answer);
    }
}
