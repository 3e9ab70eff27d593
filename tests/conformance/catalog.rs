//! The catalog: databases, tables and partitions read back as written; the crawler is either
//! the service's or not supported.

use bdctl::backend::{Column, PartitionInfo, TableInfo, TableLookup, is_not_found};
use bdctl::error::is_not_supported;

use crate::Target;

fn column(name: &str, data_type: &str) -> Column {
    Column { name: name.into(), data_type: data_type.into() }
}

pub async fn conformance(target: &Target) {
    let catalog = target.backend.catalog.clone();
    let database = common_database(target);
    let url = |prefix: &str| {
        target
            .backend
            .objects
            .url(&bdctl::layout::Location { bucket: target.bucket.clone(), prefix: prefix.to_string() })
    };
    assert_eq!(catalog.lookup_table(&database, "events").await.unwrap(), TableLookup::DatabaseMissing);
    catalog.ensure_database(&database).await.unwrap();
    catalog.ensure_database(&database).await.unwrap();
    assert_eq!(catalog.lookup_table(&database, "events").await.unwrap(), TableLookup::TableMissing);

    let mut table = TableInfo {
        database: database.clone(),
        name: "events".into(),
        location: url("transformed/"),
        columns: vec![
            column("event_id", "string"),
            column("price", "double"),
            column("event_ts", "timestamp"),
        ],
        partition_keys: ["year", "month", "day"].iter().map(|k| column(k, "string")).collect(),
        parameters: [("classification", "parquet"), ("projection.enabled", "true")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    };
    catalog.put_table(&table).await.unwrap();
    let TableLookup::Found(found) = catalog.lookup_table(&database, "events").await.unwrap() else {
        panic!("{}: the table just written", target.name);
    };
    assert_eq!(*found, table, "{}: a table reads back as written", target.name);
    table.columns.push(column("revenue", "double"));
    catalog.put_table(&table).await.unwrap();
    let TableLookup::Found(found) = catalog.lookup_table(&database, "events").await.unwrap() else {
        panic!()
    };
    assert_eq!(found.columns.len(), 4, "{}: put_table replaces the definition", target.name);
    let listed = catalog.list_tables(&database).await.unwrap();
    assert_eq!(listed, vec![*found], "{}: the database's tables, whole", target.name);
    assert!(catalog.list_tables("no_such_database").await.unwrap().is_empty());

    let partition = |day: &str| PartitionInfo {
        values: vec!["2024".into(), "06".into(), day.into()],
        location: url(&format!("transformed/year=2024/month=06/day={day}/")),
    };
    assert!(catalog.list_partitions(&database, "events").await.unwrap().is_empty());
    let added =
        catalog.add_partitions(&database, "events", &[partition("02"), partition("01")]).await.unwrap();
    assert_eq!(added, 2);
    let again =
        catalog.add_partitions(&database, "events", &[partition("01"), partition("03")]).await.unwrap();
    assert_eq!(again, 1, "{}: existing partitions are left alone and not counted", target.name);
    let listed = catalog.list_partitions(&database, "events").await.unwrap();
    let days: Vec<&str> = listed.iter().map(|p| p.values[2].as_str()).collect();
    assert_eq!(days, ["01", "02", "03"], "{}: partitions in value order", target.name);
    assert_eq!(listed[0], partition("01"));

    // Pointing a partition elsewhere: the existing one moves, a missing one is created.
    let moved = PartitionInfo {
        location: url("transformed-compacted/year=2024/month=06/day=01/gen=0001/"),
        ..partition("01")
    };
    catalog.set_partition_location(&database, "events", &moved).await.unwrap();
    catalog.set_partition_location(&database, "events", &partition("04")).await.unwrap();
    let listed = catalog.list_partitions(&database, "events").await.unwrap();
    assert_eq!(listed.len(), 4, "{}: one partition per day still", target.name);
    assert_eq!(listed[0], moved, "{}: the partition reads its new location", target.name);
    assert_eq!(listed[3], partition("04"), "{}: a missing partition is created", target.name);
    catalog.set_partition_location(&database, "events", &partition("01")).await.unwrap();
    assert_eq!(catalog.list_partitions(&database, "events").await.unwrap()[0], partition("01"));

    // A crawler that does not exist: unknown to the service, or no crawler here at all.
    match catalog.crawler_status("no-such-crawler").await {
        Err(err) => assert!(is_not_found(&err) || is_not_supported(&err), "{}: {err:#}", target.name),
        Ok(status) => panic!("{}: a crawler that does not exist reported {status:?}", target.name),
    }
    assert!(
        catalog.start_crawler("no-such-crawler").await.is_err(),
        "{}: starting a crawler that does not exist succeeded",
        target.name
    );
}

/// A database name unique to this run (underscores: Athena does not like dashes).
fn common_database(target: &Target) -> String {
    crate::common::unique(&format!("catalog_{}", target.name)).replace('-', "_")
}
