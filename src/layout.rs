//! Where things live in the lake: raw keys in either layout, date partitions of the transformed
//! and errors areas, and the object names Firehose gives its deliveries.

use anyhow::Result;
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};

use crate::error::usage;
use crate::settings::{RawLayout, Settings};

/// The prefix of bdctl's own bookkeeping, at the root of the transformed bucket: outside the
/// transformed prefix, so crawlers and queries never see it.
pub const STATE_PREFIX: &str = "_bdctl/";

/// The areas of the lake, each a bucket and a key prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Raw,
    Transformed,
    Errors,
    Results,
}

impl Area {
    pub const ALL: [Area; 4] = [Area::Raw, Area::Transformed, Area::Errors, Area::Results];

    pub fn name(self) -> &'static str {
        match self {
            Area::Raw => "raw",
            Area::Transformed => "transformed",
            Area::Errors => "errors",
            Area::Results => "results",
        }
    }

    fn bucket_key(self) -> &'static str {
        match self {
            Area::Raw => "raw_bucket",
            Area::Transformed => "transformed_bucket",
            Area::Errors => "errors_bucket",
            Area::Results => "results_bucket",
        }
    }
}

/// A bucket and a key prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub bucket: String,
    pub prefix: String,
}

/// Where an area lives for these settings. On local, an unset bucket is the data directory itself.
pub fn area_location(settings: &Settings, area: Area) -> Result<Location> {
    let (bucket, prefix) = match area {
        Area::Raw => (settings.raw_bucket.value.as_deref(), &settings.raw_prefix.value),
        Area::Transformed => {
            (settings.transformed_bucket.value.as_deref(), &settings.transformed_prefix.value)
        }
        Area::Errors => (settings.effective_errors_bucket(), &settings.errors_prefix.value),
        Area::Results => (settings.results_bucket.value.as_deref(), &settings.results_prefix.value),
    };
    let bucket = match bucket.or(settings.backend.value.unset_bucket()) {
        Some(bucket) => bucket.to_string(),
        None => {
            return Err(usage(format!(
                "`{}` is not set for environment `{}` (set it in bdctl.toml or {})",
                area.bucket_key(),
                settings.env_name.value,
                crate::settings::env_var_for(area.bucket_key())
            )));
        }
    };
    Ok(Location { bucket, prefix: prefix.clone() })
}

/// The raw directory an object delivered at `arrival` goes to, below the raw prefix.
pub fn raw_partition(layout: RawLayout, arrival: DateTime<Utc>) -> String {
    match layout {
        RawLayout::Hive => day_partition(arrival.date_naive()),
        RawLayout::Firehose => format!(
            "{:04}/{:02}/{:02}/{:02}/",
            arrival.year(),
            arrival.month(),
            arrival.day(),
            arrival.hour()
        ),
    }
}

/// `year=YYYY/month=MM/day=DD/`, the partition directories of Glue and Athena.
pub fn day_partition(day: NaiveDate) -> String {
    format!("year={:04}/month={:02}/day={:02}/", day.year(), day.month(), day.day())
}

/// The raw prefixes holding a day's deliveries, below the raw prefix.
pub fn raw_day_prefix(layout: RawLayout, day: NaiveDate) -> String {
    match layout {
        RawLayout::Hive => day_partition(day),
        RawLayout::Firehose => format!("{:04}/{:02}/{:02}/", day.year(), day.month(), day.day()),
    }
}

/// The day a raw key (relative to the raw prefix) belongs to, from its directories.
pub fn raw_key_day(layout: RawLayout, relative_key: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = relative_key.split('/').collect();
    match layout {
        RawLayout::Hive => partition_day(relative_key),
        RawLayout::Firehose if parts.len() >= 4 => {
            let (y, m, d) = (parts[0].parse().ok()?, parts[1].parse().ok()?, parts[2].parse().ok()?);
            NaiveDate::from_ymd_opt(y, m, d)
        }
        RawLayout::Firehose => None,
    }
}

/// The day of a partition's (year, month, day) values.
pub fn values_day(values: &[String]) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&values.join("-"), "%Y-%m-%d").ok()
}

/// A day's partition values: year, month, day.
pub fn day_values(day: NaiveDate) -> Vec<String> {
    vec![day.format("%Y").to_string(), day.format("%m").to_string(), day.format("%d").to_string()]
}

/// The day of a key containing `year=YYYY/month=MM/day=DD/`.
pub fn partition_day(key: &str) -> Option<NaiveDate> {
    let mut year = None;
    let mut month = None;
    let mut day = None;
    for part in key.split('/') {
        if let Some(v) = part.strip_prefix("year=") {
            year = v.parse().ok();
        } else if let Some(v) = part.strip_prefix("month=") {
            month = v.parse().ok();
        } else if let Some(v) = part.strip_prefix("day=") {
            day = v.parse().ok();
        }
    }
    NaiveDate::from_ymd_opt(year?, month?, day?)
}

/// Where compacted copies of the transformed partitions live: beside the transformed prefix,
/// never below it, so a crawler of the table's root or a reader listing it never counts their
/// rows a second time. `None` for an empty prefix (the table's root is the bucket's).
pub fn compacted_prefix(transformed_prefix: &str) -> Option<String> {
    let trimmed = transformed_prefix.trim_end_matches('/');
    (!trimmed.is_empty()).then(|| format!("{trimmed}-compacted/"))
}

/// The folder of one compacted generation of a day, below the compacted prefix.
pub fn generation_prefix(compacted_prefix: &str, day: NaiveDate, generation: u32) -> String {
    format!("{compacted_prefix}{}gen={generation:04}/", day_partition(day))
}

/// The generation a key or folder of the compacted prefix belongs to, for `day`.
pub fn generation_of(compacted_prefix: &str, day: NaiveDate, key: &str) -> Option<u32> {
    let rest = key.strip_prefix(compacted_prefix)?.strip_prefix(&day_partition(day))?;
    let (folder, _) = rest.strip_prefix("gen=")?.split_once('/')?;
    folder.parse().ok()
}

/// Firehose's object name: `<stream>-<version>-YYYY-MM-DD-HH-MM-SS-<random>`, plus `.gz` when
/// it compresses with GZIP.
pub fn firehose_object_name(stream: &str, delivered: DateTime<Utc>, random: &str) -> String {
    format!("{stream}-1-{}-{random}.gz", delivered.format("%Y-%m-%d-%H-%M-%S"))
}

/// The last path segment of a key.
pub fn file_name(key: &str) -> &str {
    key.rsplit('/').next().unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn both_raw_layouts() {
        let t = Utc.with_ymd_and_hms(2024, 3, 7, 9, 5, 1).unwrap();
        assert_eq!(raw_partition(RawLayout::Hive, t), "year=2024/month=03/day=07/");
        assert_eq!(raw_partition(RawLayout::Firehose, t), "2024/03/07/09/");
        let day = t.date_naive();
        assert_eq!(raw_key_day(RawLayout::Hive, "year=2024/month=03/day=07/x.gz"), Some(day));
        assert_eq!(raw_key_day(RawLayout::Firehose, "2024/03/07/09/x.gz"), Some(day));
        assert_eq!(raw_key_day(RawLayout::Firehose, "2024/02/30/09/x.gz"), None);
        assert_eq!(raw_day_prefix(RawLayout::Firehose, day), "2024/03/07/");
        assert_eq!(firehose_object_name("clicks", t, "ab12"), "clicks-1-2024-03-07-09-05-01-ab12.gz");
    }

    #[test]
    fn compacted_generations_sit_beside_the_transformed_prefix() {
        assert_eq!(compacted_prefix("transformed/").as_deref(), Some("transformed-compacted/"));
        assert_eq!(compacted_prefix("lake/transformed").as_deref(), Some("lake/transformed-compacted/"));
        assert_eq!(compacted_prefix(""), None);
        let day = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
        let folder = generation_prefix("t-compacted/", day, 12);
        assert_eq!(folder, "t-compacted/year=2024/month=06/day=01/gen=0012/");
        assert_eq!(generation_of("t-compacted/", day, &format!("{folder}part-00000.parquet")), Some(12));
        assert_eq!(generation_of("t-compacted/", day, &folder), Some(12));
        assert_eq!(generation_of("t-compacted/", day.succ_opt().unwrap(), &folder), None);
        assert_eq!(generation_of("t-compacted/", day, "transformed/year=2024/month=06/day=01/"), None);
    }
}
