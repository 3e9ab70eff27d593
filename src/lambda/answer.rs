//! The function's answer: per object, the manifest the transform wrote (the counts `bdctl
//! transform` reports) or why the object was not transformed. The CLI turns it back into the
//! results of a local run, so both print the same summary.

use std::time::Duration;

use anyhow::{Result, anyhow};
use serde::{Deserialize, Serialize};

use crate::backend::{NotFound, ObjectInfo, is_not_found};
use crate::pipeline::{Manifest, ObjectOutcome};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ObjectStatus {
    Ok,
    /// Transformed up to the damage; the object counts as failed.
    Damaged,
    Missing,
    /// Not taken: outside the raw area, or too large for the function.
    Refused,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectAnswer {
    pub source_key: String,
    pub status: ObjectStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest: Option<Manifest>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    #[serde(default)]
    pub seconds: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunctionAnswer {
    pub objects: Vec<ObjectAnswer>,
    pub seconds: f64,
}

impl ObjectStatus {
    /// The status as the answer spells it.
    pub fn name(self) -> &'static str {
        match self {
            ObjectStatus::Ok => "ok",
            ObjectStatus::Damaged => "damaged",
            ObjectStatus::Missing => "missing",
            ObjectStatus::Refused => "refused",
            ObjectStatus::Failed => "failed",
        }
    }
}

impl ObjectAnswer {
    pub fn refused(key: &str, status: ObjectStatus, problem: String) -> Self {
        Self { source_key: key.to_string(), status, manifest: None, problem: Some(problem), seconds: 0.0 }
    }

    pub fn from_result(object: &ObjectInfo, result: &Result<ObjectOutcome>) -> Self {
        match result {
            Ok(outcome) => Self {
                source_key: object.key.clone(),
                status: if outcome.damaged.is_some() { ObjectStatus::Damaged } else { ObjectStatus::Ok },
                manifest: Some(outcome.manifest.clone()),
                problem: outcome.damaged.clone(),
                seconds: outcome.elapsed.as_secs_f64(),
            },
            Err(err) => Self::refused(
                &object.key,
                if is_not_found(err) { ObjectStatus::Missing } else { ObjectStatus::Failed },
                crate::error::render(err).trim_start_matches("error: ").to_string(),
            ),
        }
    }

    /// The result a local run would have had for this object.
    pub fn into_result(self, size: u64) -> (ObjectInfo, Result<ObjectOutcome>) {
        let object = ObjectInfo { key: self.source_key, size, last_modified: None };
        let problem = self.problem.unwrap_or_default();
        let result = match (self.status, self.manifest) {
            (status @ (ObjectStatus::Ok | ObjectStatus::Damaged), Some(manifest)) => Ok(ObjectOutcome {
                manifest,
                damaged: (status == ObjectStatus::Damaged).then_some(problem),
                skipped: false,
                elapsed: Duration::from_secs_f64(self.seconds.max(0.0)),
            }),
            (ObjectStatus::Missing, _) => Err(NotFound(format!("raw object {}", object.key)).into()),
            (_, _) => Err(anyhow!(problem)),
        };
        (object, result)
    }
}
