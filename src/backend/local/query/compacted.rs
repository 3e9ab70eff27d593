//! Which files of a table the embedded engine reads when days of it are compacted: as Athena
//! does, a day is read at its catalog partition's location. The listing covers the table's
//! folder and its compacted copies beside it; of those, a day whose partition reads a compacted
//! generation keeps that generation's files only, and every other day its transformed files.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::backend::PartitionInfo;
use crate::layout::{compacted_prefix, partition_day, values_day};

/// One table's folders and the days it reads from a compacted generation.
#[derive(Debug, Clone)]
struct TableFiles {
    lake_root: String,
    compacted_root: String,
    generations: BTreeMap<NaiveDate, String>,
}

/// The files the catalog's partitions say each table reads.
#[derive(Debug, Clone, Default)]
pub(super) struct LiveFiles {
    tables: Vec<TableFiles>,
}

/// Paths as the engine's file listing spells them: no leading slash.
fn listing_path(path: &str) -> &str {
    path.trim_start_matches('/')
}

impl LiveFiles {
    /// The compacted folder of a table at `location`, when it exists; its days are then read
    /// where `partitions` point.
    pub(super) fn add_table(&mut self, location: &str, partitions: &[PartitionInfo]) -> Option<String> {
        let root = compacted_prefix(location)?;
        if !std::path::Path::new(&root).is_dir() {
            return None;
        }
        // The engine lists files by their real paths.
        let real = |path: &str| {
            let real =
                std::fs::canonicalize(path).map_or_else(|_| path.to_string(), |p| p.display().to_string());
            format!("{}/", listing_path(&real).trim_end_matches('/'))
        };
        let compacted_root = real(&root);
        let generations = partitions
            .iter()
            .filter_map(|p| {
                let below = p.location.strip_prefix(&root)?;
                Some((values_day(&p.values)?, format!("{compacted_root}{below}")))
            })
            .collect();
        self.tables.push(TableFiles { lake_root: real(location), compacted_root, generations });
        Some(root)
    }

    /// Whether the file at `path` (as the listing spells it) is one the partitions read.
    pub(super) fn keeps(&self, path: &str) -> bool {
        for table in &self.tables {
            if let Some(relative) = path.strip_prefix(&table.compacted_root) {
                let Some(day) = partition_day(relative) else { return false };
                return table.generations.get(&day).is_some_and(|generation| path.starts_with(generation));
            }
            if let Some(relative) = path.strip_prefix(&table.lake_root) {
                return partition_day(relative).is_none_or(|day| !table.generations.contains_key(&day));
            }
        }
        true
    }

    /// Whether the folder at `path` (ending in `/`) may hold files the partitions read: not the
    /// transformed folder of a compacted day, nor a generation of it other than the live one.
    pub(super) fn may_hold(&self, path: &str) -> bool {
        for table in &self.tables {
            if let Some(relative) = path.strip_prefix(&table.compacted_root) {
                let Some(day) = partition_day(relative) else { return true };
                return table
                    .generations
                    .get(&day)
                    .is_some_and(|generation| generation.starts_with(path) || path.starts_with(generation));
            }
            if let Some(relative) = path.strip_prefix(&table.lake_root) {
                return partition_day(relative).is_none_or(|day| !table.generations.contains_key(&day));
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compacted_day_is_read_from_its_generation_only() {
        let live = LiveFiles {
            tables: vec![TableFiles {
                lake_root: "lake/transformed/".into(),
                compacted_root: "lake/transformed-compacted/".into(),
                generations: [(
                    NaiveDate::from_ymd_opt(2024, 6, 1).unwrap(),
                    "lake/transformed-compacted/year=2024/month=06/day=01/gen=0002/".into(),
                )]
                .into(),
            }],
        };
        assert!(!live.keeps("lake/transformed/year=2024/month=06/day=01/a.parquet"));
        assert!(live.keeps("lake/transformed/year=2024/month=06/day=02/a.parquet"));
        assert!(
            live.keeps("lake/transformed-compacted/year=2024/month=06/day=01/gen=0002/part-00000.parquet")
        );
        assert!(
            !live.keeps("lake/transformed-compacted/year=2024/month=06/day=01/gen=0001/part-00000.parquet")
        );
        assert!(
            !live.keeps("lake/transformed-compacted/year=2024/month=06/day=02/gen=0001/part-00000.parquet")
        );
        assert!(live.keeps("elsewhere/year=2024/month=06/day=01/a.parquet"));

        assert!(!live.may_hold("lake/transformed/year=2024/month=06/day=01/"));
        assert!(live.may_hold("lake/transformed/year=2024/month=06/day=02/"));
        assert!(live.may_hold("lake/transformed/year=2024/"));
        assert!(live.may_hold("lake/transformed-compacted/year=2024/month=06/"));
        assert!(live.may_hold("lake/transformed-compacted/year=2024/month=06/day=01/"));
        assert!(live.may_hold("lake/transformed-compacted/year=2024/month=06/day=01/gen=0002/"));
        assert!(!live.may_hold("lake/transformed-compacted/year=2024/month=06/day=01/gen=0001/"));
        assert!(!live.may_hold("lake/transformed-compacted/year=2024/month=06/day=02/"));
    }
}
