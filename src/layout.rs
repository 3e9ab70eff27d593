//! Where things live in the lake: raw keys in either layout, date partitions of the transformed
//! and errors areas, and the object names Firehose gives its deliveries.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};

use crate::settings::RawLayout;

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
}
