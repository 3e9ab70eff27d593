//! The transform as a Spark job (`jobs/transform_job.py`), shipped inside bdctl so that `bdctl
//! deploy glue` works from an installed binary: the script, where it goes, and the arguments that
//! point it at the environment's lake.

use std::collections::BTreeMap;

use anyhow::Result;
use sha2::{Digest, Sha256};

use crate::layout::{Area, STATE_PREFIX, area_location};
use crate::settings::Settings;

/// The job script, as the repository has it.
pub const SCRIPT: &str = include_str!("../jobs/transform_job.py");
/// Glue 5.0: Spark 3.5, Python 3.11, the versions the script is tested with.
pub const GLUE_VERSION: &str = "5.0";
/// What the script needs beyond Glue's own modules.
pub const PYTHON_MODULES: &str = "pyarrow==26.0.1";

/// The first 16 hex digits of the script's SHA-256: its name on S3, so a new script never
/// replaces the one a running job reads.
pub fn script_hash() -> String {
    Sha256::digest(SCRIPT.as_bytes()).iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Where the script goes: (bucket, key).
pub fn script_location(settings: &Settings) -> Result<(String, String)> {
    let bucket = match &settings.scripts_bucket.value {
        Some(bucket) => bucket.clone(),
        None => area_location(settings, Area::Transformed)?.bucket,
    };
    Ok((bucket, format!("{}transform_job-{}.py", settings.scripts_prefix.value, script_hash())))
}

/// The script's arguments that point it at the lake (what Spark itself reads, without Glue's).
pub fn spark_arguments(settings: &Settings) -> Result<Vec<(String, String)>> {
    Ok(default_arguments(settings)?
        .into_iter()
        .filter(|(name, _)| !GLUE_ONLY.contains(&name.as_str()))
        .collect())
}

/// Arguments for Glue itself, not for the script.
const GLUE_ONLY: [&str; 3] =
    ["--additional-python-modules", "--job-language", "--enable-continuous-cloudwatch-log"];

/// The job's default arguments: the lake's roots and layout.
pub fn default_arguments(settings: &Settings) -> Result<BTreeMap<String, String>> {
    let url = |area| -> Result<String> {
        let location = area_location(settings, area)?;
        Ok(format!("s3://{}/{}", location.bucket, location.prefix))
    };
    let transformed = area_location(settings, Area::Transformed)?;
    Ok(BTreeMap::from([
        ("--raw".to_string(), url(Area::Raw)?),
        ("--transformed".to_string(), url(Area::Transformed)?),
        ("--errors".to_string(), url(Area::Errors)?),
        ("--state".to_string(), format!("s3://{}/{STATE_PREFIX}", transformed.bucket)),
        ("--raw-layout".to_string(), crate::settings::SettingValue::show(&settings.raw_layout.value)),
        ("--additional-python-modules".to_string(), PYTHON_MODULES.to_string()),
        ("--job-language".to_string(), "python".to_string()),
        // A run's driver output reaches CloudWatch as it runs, for `bdctl logs glue --follow`.
        ("--enable-continuous-cloudwatch-log".to_string(), "true".to_string()),
    ]))
}
