//! `bdctl reconcile` on a local lake: a balanced lake exits 0; a lake with a Parquet file removed,
//! one copied and a raw object never transformed exits 1 and names each.

mod common;

use common::{bdctl, files_below};
use serde_json::Value;

fn reconcile(dir: &std::path::Path) -> (Option<i32>, Value, String) {
    reconcile_with(dir, &[])
}

fn reconcile_with(dir: &std::path::Path, extra: &[&str]) -> (Option<i32>, Value, String) {
    let output = bdctl(dir)
        .args(["reconcile", "--from", "2024-06-01", "--to", "2024-06-02", "-o", "json"])
        .args(extra)
        .output()
        .unwrap();
    let rows = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("json: {}", String::from_utf8_lossy(&output.stdout)));
    (output.status.code(), rows, String::from_utf8_lossy(&output.stderr).into_owned())
}

/// Two days of synthetic events sent, backfilled and crawled on the local backend.
fn two_day_lake(dir: &std::path::Path, count: &str, seed: &str, bad_fraction: &str) {
    bdctl(dir)
        .args(["-q", "send", "--count", count, "--days", "2", "--start", "2024-06-01", "--seed", seed])
        .args(["--bad-fraction", bad_fraction])
        .assert()
        .success();
    bdctl(dir).args(["-q", "backfill", "--from", "2024-06-01", "--to", "2024-06-02"]).assert().success();
    bdctl(dir).args(["-q", "crawl"]).assert().success();
}

#[test]
fn a_balanced_lake_exits_0_and_each_difference_is_named() {
    let dir = tempfile::tempdir().unwrap();
    two_day_lake(dir.path(), "6000", "3", "0.02");

    let (code, rows, stderr) = reconcile(dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    let rows = rows.as_array().unwrap().clone();
    assert_eq!(rows.iter().map(|r| r["raw_records"].as_u64().unwrap_or(0)).sum::<u64>(), 6000);
    for row in &rows {
        assert_eq!(row["difference"], 0, "{row}");
        assert_eq!(row["catalog_rows"], row["parquet_rows"], "{row}");
        assert!(row["quarantined"].as_u64().unwrap() > 0, "{row}");
        // Data quality: the newest event of the partition, and the columns with nulls.
        assert!(
            row["newest_event"].as_str().is_some_and(|t| t.starts_with(row["day"].as_str().unwrap())),
            "{row}"
        );
        let product = row["null_rates"]["product_id"].as_f64().unwrap_or(0.0);
        assert!(product > 0.0 && product < 1.0, "{row}");
        assert!(row["null_rates"].get("event_id").is_none(), "{row}");
    }

    let lake = dir.path().join(".bdctl");
    let parquet: Vec<_> = files_below(&lake.join("transformed/year=2024/month=06/day=01"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "parquet"))
        .collect();
    assert!(parquet.len() >= 2);
    std::fs::remove_file(&parquet[0]).unwrap();
    let copy = parquet[1].with_file_name("copy-of-an-output.parquet");
    std::fs::copy(&parquet[1], &copy).unwrap();
    let raw: Vec<_> = files_below(&lake.join("raw/year=2024/month=06/day=02"));
    let untransformed = raw[0].with_file_name("clicks-1-2024-06-02-23-59-59-late.gz");
    std::fs::copy(&raw[0], &untransformed).unwrap();

    let (code, rows, stderr) = reconcile(dir.path());
    assert_eq!(code, Some(1), "{stderr}");
    let name = |p: &std::path::Path| p.file_name().unwrap().to_string_lossy().to_string();
    assert!(stderr.contains(&format!("{} is missing", name(&parquet[0]))), "{stderr}");
    assert!(
        stderr.contains("copy-of-an-output.parquet") && stderr.contains("not written by the transform"),
        "{stderr}"
    );
    assert!(
        stderr.contains("clicks-1-2024-06-02-23-59-59-late.gz") && stderr.contains("never transformed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("3 differences")
            || stderr.contains("4 differences")
            || stderr.contains("5 differences"),
        "{stderr}"
    );
    let day1 = rows.as_array().unwrap().iter().find(|r| r["day"] == "2024-06-01").unwrap();
    assert!(day1["difference"].as_i64().unwrap() > 0, "rows missing on day 1: {day1}");
    let day2 = rows.as_array().unwrap().iter().find(|r| r["day"] == "2024-06-02").unwrap();
    assert!(day2["difference"].as_i64().unwrap() > 0, "an object's records unaccounted for on day 2: {day2}");
}

#[test]
fn a_lake_without_a_table_says_so() {
    let dir = tempfile::tempdir().unwrap();
    bdctl(dir.path())
        .args(["-q", "send", "--count", "500", "--days", "1", "--start", "2024-06-01", "--seed", "3"])
        .assert()
        .success();
    bdctl(dir.path()).args(["-q", "transform", "--date", "2024-06-01"]).assert().success();
    let (code, _, stderr) = reconcile(dir.path());
    assert_eq!(code, Some(1));
    assert!(stderr.contains("does not exist in the catalog") && stderr.contains("bdctl crawl"), "{stderr}");
}

fn deep(dir: &std::path::Path) -> (Option<i32>, Vec<Value>, String) {
    let (code, rows, stderr) = reconcile_with(dir, &["--deep"]);
    (code, rows.as_array().unwrap().clone(), stderr)
}

/// `--deep` holds every event of a raw day against the lake by event_id: a balanced lake has
/// nothing missing, an object the stream delivered twice is counted and not failed, and an
/// output overwritten by another day's output leaves its events missing and the others unsourced.
#[test]
fn deep_reconcile_compares_event_ids() {
    let dir = tempfile::tempdir().unwrap();
    two_day_lake(dir.path(), "4000", "5", "0.01");

    let (code, rows, stderr) = deep(dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    for row in &rows {
        for column in ["missing_ids", "duplicated_ids", "delivered_twice", "unsourced_ids"] {
            assert_eq!(row[column], 0, "{column}: {row}");
        }
    }

    let lake = dir.path().join(".bdctl");
    let raw_day1 = lake.join("raw/year=2024/month=06/day=01");
    let original = files_below(&raw_day1).into_iter().next().unwrap();
    let again = original.with_file_name("clicks-again-2024-06-01.gz");
    std::fs::copy(&original, &again).unwrap();
    bdctl(dir.path())
        .args(["-q", "transform", "--key", "raw/year=2024/month=06/day=01/clicks-again-2024-06-01.gz"])
        .assert()
        .success();
    bdctl(dir.path()).args(["-q", "crawl"]).assert().success();
    let (code, rows, stderr) = deep(dir.path());
    assert_eq!(code, Some(0), "delivered twice is not a failure: {stderr}");
    let day1 = rows.iter().find(|r| r["day"] == "2024-06-01").unwrap();
    assert!(day1["delivered_twice"].as_u64().unwrap() > 0, "{day1}");
    assert_eq!(day1["missing_ids"], 0, "{day1}");

    let parquet_of = |day: &str, named: &str| {
        files_below(&lake.join(format!("transformed/year=2024/month=06/day={day}")))
            .into_iter()
            .find(|p| {
                let name = p.file_name().unwrap().to_string_lossy().to_string();
                name.ends_with(".parquet") && name.contains(named)
            })
            .unwrap()
    };
    let overwritten = parquet_of("01", "2024-06-01-00");
    let other_day = parquet_of("02", "2024-06-02-12");
    std::fs::copy(&other_day, &overwritten).unwrap();
    let (code, _rows, stderr) = deep(dir.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("2024-06-01: ") && stderr.contains("are neither in the lake nor quarantined"),
        "{stderr}"
    );
    assert!(stderr.contains("have an event_id no raw object of the day holds"), "{stderr}");
}

/// On aws: the raw records are counted from S3, the lake's rows from the Parquet footers on S3,
/// and what the catalog's readers see is asked of Athena (the emulator answers from a seed).
#[tokio::test]
async fn reconcile_on_aws_counts_s3_and_asks_athena() {
    use common::moto::{create_bucket, create_database, moto_clients, seed_athena_results};
    use common::{moto_config, moto_endpoint, unique, with_test_credentials};
    let Some(endpoint) = moto_endpoint() else { return };
    let clients = moto_clients(&endpoint).await;
    let bucket = unique("reconcile");
    create_bucket(&clients, &bucket).await;
    let database = create_database(&clients, "reconcile").await;
    clients
        .glue
        .create_table()
        .database_name(&database)
        .table_input(
            aws_sdk_glue::types::TableInput::builder()
                .name("events")
                .storage_descriptor(
                    aws_sdk_glue::types::StorageDescriptor::builder()
                        .location(format!("s3://{bucket}/transformed/"))
                        .build(),
                )
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();

    // Raw objects made by a local send, uploaded under the same keys.
    let local = tempfile::tempdir().unwrap();
    bdctl(local.path())
        .args(["-q", "send", "--count", "300", "--days", "1", "--start", "2024-06-01", "--seed", "9"])
        .args(["--bad-fraction", "0.05"])
        .assert()
        .success();
    let data = local.path().join(".bdctl");
    for path in files_below(&data.join("raw")) {
        let key = path.strip_prefix(&data).unwrap().to_string_lossy().to_string();
        let body = std::fs::read(&path).unwrap();
        clients.s3.put_object().bucket(&bucket).key(&key).body(body.into()).send().await.unwrap();
    }

    let dir = tempfile::tempdir().unwrap();
    let config = moto_config(
        &endpoint,
        &[
            ("raw_bucket", &bucket),
            ("transformed_bucket", &bucket),
            ("results_bucket", &bucket),
            ("glue_database", &database),
        ],
    );
    std::fs::write(dir.path().join("bdctl.toml"), config).unwrap();
    let run = |args: &[&str]| with_test_credentials(&mut bdctl(dir.path())).args(args).output().unwrap();
    let transformed = run(&["-q", "transform", "--date", "2024-06-01", "-o", "json"]);
    assert!(transformed.status.success(), "{}", String::from_utf8_lossy(&transformed.stderr));
    let summary: Value = serde_json::from_slice(&transformed.stdout).unwrap();
    let events = summary[0]["events_out"].as_u64().unwrap();
    assert!(events > 250 && summary[0]["quarantined"].as_u64().unwrap() > 0, "{summary}");

    let seed = |n: u64| {
        let n = n.to_string();
        seed_athena_results(
            &endpoint,
            &[vec!["year", "month", "day", "n"], vec!["2024", "06", "01", n.as_str()]],
            &[("year", "varchar"), ("month", "varchar"), ("day", "varchar"), ("n", "bigint")],
        )
    };
    if !seed(events) {
        return;
    }
    let output = run(&["reconcile", "--from", "2024-06-01", "--to", "2024-06-01", "-o", "json"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let rows: Value = serde_json::from_slice(&output.stdout).unwrap();
    let day = &rows[0];
    assert_eq!(day["raw_records"], 300, "{day}");
    assert_eq!(day["lake_rows"].as_u64().unwrap() + day["quarantined"].as_u64().unwrap(), 300, "{day}");
    assert_eq!(day["catalog_rows"], events, "{day}");

    // Athena sees fewer rows than the files hold: named, exit 1.
    seed(events - 7);
    let output = run(&["reconcile", "--from", "2024-06-01", "--to", "2024-06-01", "-o", "json"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "the catalog's readers see {} rows, the partition's files hold {events}",
            events - 7
        )),
        "{stderr}"
    );
}
