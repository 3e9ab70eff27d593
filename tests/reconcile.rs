//! `bdctl reconcile` on a local lake: a balanced lake exits 0; a lake with a Parquet file removed,
//! one copied and a raw object never transformed exits 1 and names each.

mod common;

use common::{bdctl, files_below};
use serde_json::Value;

fn reconcile(dir: &std::path::Path) -> (Option<i32>, Value, String) {
    let output = bdctl(dir)
        .args(["reconcile", "--from", "2024-06-01", "--to", "2024-06-02", "-o", "json"])
        .output()
        .unwrap();
    let rows = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("json: {}", String::from_utf8_lossy(&output.stdout)));
    (output.status.code(), rows, String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn a_balanced_lake_exits_0_and_each_difference_is_named() {
    let dir = tempfile::tempdir().unwrap();
    bdctl(dir.path())
        .args(["-q", "send", "--count", "6000", "--days", "2", "--start", "2024-06-01", "--seed", "3"])
        .args(["--bad-fraction", "0.02"])
        .assert()
        .success();
    bdctl(dir.path())
        .args(["-q", "backfill", "--from", "2024-06-01", "--to", "2024-06-02"])
        .assert()
        .success();
    bdctl(dir.path()).args(["-q", "crawl"]).assert().success();

    let (code, rows, stderr) = reconcile(dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    let rows = rows.as_array().unwrap().clone();
    assert_eq!(rows.iter().map(|r| r["raw_records"].as_u64().unwrap_or(0)).sum::<u64>(), 6000);
    for row in &rows {
        assert_eq!(row["difference"], 0, "{row}");
        assert_eq!(row["catalog_rows"], row["parquet_rows"], "{row}");
        assert!(row["quarantined"].as_u64().unwrap() > 0, "{row}");
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
