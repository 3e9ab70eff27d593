//! send → transform → backfill on the local backend, end to end, with the Parquet checked by an
//! independent reader (pyarrow).

mod common;

use std::path::Path;
use std::process::Command as Process;

use common::{bdctl, files_below, test_python};
use predicates::prelude::*;
use serde_json::Value;

fn json_rows(output: &std::process::Output) -> Value {
    assert!(
        output.status.success() || output.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|_| {
        panic!(
            "json: {} {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

fn send(dir: &Path, args: &[&str]) {
    bdctl(dir).arg("-q").arg("send").args(args).assert().success();
}

const READER: &str = r#"
import json, sys, pyarrow.parquet as pq
out = []
for path in sys.argv[1:]:
    f = pq.ParquetFile(path)
    t = f.read()
    codecs = {f.metadata.row_group(g).column(c).compression for g in range(f.metadata.num_row_groups) for c in range(f.metadata.num_columns)}
    extras = [e for e in t.column("extra").to_pylist() if e is not None]
    purchases = [(r["price"], r["quantity"], r["revenue"]) for r in t.select(["event_type", "price", "quantity", "revenue"]).to_pylist() if r["event_type"] == "purchase"]
    others_with_revenue = sum(1 for r in t.select(["event_type", "revenue"]).to_pylist() if r["event_type"] != "purchase" and r["revenue"] is not None)
    days = sorted({ts.date().isoformat() for ts in t.column("event_ts").to_pylist()})
    out.append({"path": path, "rows": t.num_rows, "columns": t.schema.names,
                "types": {n: str(t.schema.field(n).type) for n in t.schema.names},
                "codecs": sorted(codecs), "extras": extras, "purchases": purchases[:50],
                "others_with_revenue": others_with_revenue, "days": days,
                "source_keys": sorted(set(t.column("source_key").to_pylist()))})
print(json.dumps(out))
"#;

fn read_parquet(python: &str, files: &[std::path::PathBuf]) -> Vec<Value> {
    let output = Process::new(python).arg("-c").arg(READER).args(files).output().expect("run python");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice::<Value>(&output.stdout).unwrap().as_array().unwrap().clone()
}

#[test]
fn send_transform_and_read_back_independently() {
    let dir = tempfile::tempdir().unwrap();
    send(
        dir.path(),
        &["--count", "4000", "--days", "2", "--start", "2024-06-01", "--seed", "5", "--bad-fraction", "0.05"],
    );
    let mut events_out = 0;
    let mut quarantined = 0;
    for day in ["2024-06-01", "2024-06-02"] {
        let output =
            bdctl(dir.path()).args(["-q", "transform", "--date", day, "-o", "json"]).output().unwrap();
        let rows = json_rows(&output);
        assert!(output.status.success());
        assert_eq!(rows[0]["failed"], 0);
        events_out += rows[0]["events_out"].as_u64().unwrap();
        quarantined += rows[0]["quarantined"].as_u64().unwrap();
    }
    assert_eq!(events_out + quarantined, 4000, "every event is accounted for: in = out + quarantined");
    assert!((120..=300).contains(&quarantined), "{quarantined}");

    let lake = dir.path().join(".bdctl");
    let parquet: Vec<_> = files_below(&lake.join("transformed"));
    assert!(!parquet.is_empty());
    for path in &parquet {
        let relative = path.strip_prefix(&lake).unwrap().to_string_lossy().to_string();
        assert!(
            relative.starts_with("transformed/year=2024/month=06/day=0") && relative.ends_with(".parquet"),
            "{relative}"
        );
    }

    // Quarantine: one NDJSON line per bad record, with its source and reason, nothing sensitive.
    let mut bad_lines = 0;
    for path in files_below(&lake.join("errors")) {
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let record: Value = serde_json::from_str(line).unwrap();
            assert!(record["source_key"].as_str().unwrap().starts_with("raw/year=2024/"));
            assert!(record["record_number"].as_u64().unwrap() >= 1);
            assert!(record["byte_offset"].is_u64());
            assert!(!record["reason"].as_str().unwrap().is_empty());
            let raw = record["raw"].as_str().unwrap();
            assert!(!raw.contains("@example.com"), "no email in quarantine: {raw}");
            bad_lines += 1;
        }
    }
    assert_eq!(bad_lines, quarantined);

    let Some(python) = test_python() else { return };
    let files = read_parquet(&python, &parquet);
    let rows: u64 = files.iter().map(|f| f["rows"].as_u64().unwrap()).sum();
    assert_eq!(rows, events_out);
    for file in &files {
        let columns: Vec<&str> =
            file["columns"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        assert!(
            !columns.contains(&"ip") && !columns.contains(&"email") && !columns.contains(&"timestamp"),
            "{columns:?}"
        );
        for expected in
            ["event_id", "event_type", "event_ts", "price", "quantity", "revenue", "source_key", "extra"]
        {
            assert!(columns.contains(&expected), "{expected} missing: {columns:?}");
        }
        assert_eq!(file["types"]["event_ts"], "timestamp[us, tz=UTC]");
        assert_eq!(file["types"]["price"], "double");
        assert_eq!(file["types"]["quantity"], "int64");
        assert_eq!(file["codecs"], serde_json::json!(["SNAPPY"]));
        assert_eq!(file["others_with_revenue"], 0);
        for purchase in file["purchases"].as_array().unwrap() {
            let (price, quantity, revenue) =
                (purchase[0].as_f64().unwrap(), purchase[1].as_f64().unwrap(), purchase[2].as_f64().unwrap());
            assert!((price * quantity - revenue).abs() < 1e-9);
        }
        // One event day per file, and it is the day of its directory.
        let days = file["days"].as_array().unwrap();
        assert_eq!(days.len(), 1);
        let day = days[0].as_str().unwrap();
        let path = file["path"].as_str().unwrap();
        assert!(
            path.contains(&format!("year={}/month={}/day={}", &day[..4], &day[5..7], &day[8..10])),
            "{path}"
        );
        for extra in file["extras"].as_array().unwrap() {
            let extra = extra.as_str().unwrap();
            assert!(!extra.contains("\"ip\"") && !extra.contains("\"email\""), "{extra}");
        }
    }
}

#[test]
fn damaged_objects_keep_what_came_before_and_fail_the_run() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let raw = dir.path().join(".bdctl/raw/year=2024/month=06/day=03");
    std::fs::create_dir_all(&raw).unwrap();
    let mut text = String::new();
    for i in 0..200 {
        text.push_str(&format!(
            "{{\"event_id\":\"e{i}\",\"event_type\":\"page_view\",\"timestamp\":\"2024-06-03T10:00:00Z\",\"ip\":\"10.0.0.1\",\"padding\":\"{}\"}}\n",
            "x".repeat(i % 50)
        ));
    }
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(text.as_bytes()).unwrap();
    let gz = encoder.finish().unwrap();
    std::fs::write(raw.join("cut.gz"), &gz[..gz.len() * 2 / 3]).unwrap();
    std::fs::write(raw.join("whole.gz"), &gz).unwrap();

    let output = bdctl(dir.path())
        .args(["transform", "--date", "2024-06-03", "--objects", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("raw/year=2024/month=06/day=03/cut.gz is damaged"), "{stderr}");
    let rows = json_rows(&output);
    let cut = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["source_key"].as_str().unwrap().ends_with("cut.gz"))
        .unwrap();
    assert_eq!(cut["status"], "damaged");
    let kept = cut["events"].as_u64().unwrap();
    assert!(kept > 50 && kept < 200, "records before the damage are kept: {kept}");
    let whole = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["source_key"].as_str().unwrap().ends_with("whole.gz"))
        .unwrap();
    assert_eq!((whole["status"].as_str(), whole["events"].as_u64()), (Some("ok"), Some(200)));
    assert!(dir.path().join(".bdctl/transformed/year=2024/month=06/day=03/cut.parquet").is_file());
}

#[test]
fn backfill_plans_skips_what_is_complete_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    send(
        dir.path(),
        &[
            "--count",
            "3000",
            "--days",
            "3",
            "--start",
            "2024-06-01",
            "--seed",
            "11",
            "--bad-fraction",
            "0.01",
        ],
    );
    let plan = json_rows(
        &bdctl(dir.path())
            .args(["-q", "backfill", "--from", "2024-06-01", "--to", "2024-06-03", "--dry-run", "-o", "json"])
            .output()
            .unwrap(),
    );
    assert_eq!(plan.as_array().unwrap().len(), 3);
    let planned: u64 = plan.as_array().unwrap().iter().map(|d| d["to_transform"].as_u64().unwrap()).sum();
    assert!(planned > 0);
    assert!(files_below(&dir.path().join(".bdctl/transformed")).is_empty(), "a dry run writes nothing");

    let first = json_rows(
        &bdctl(dir.path())
            .args(["-q", "backfill", "--from", "2024-06-01", "--to", "2024-06-03", "-o", "json"])
            .output()
            .unwrap(),
    );
    let total = first.as_array().unwrap().last().unwrap().clone();
    assert_eq!(total["day"], "total");
    assert_eq!(total["transformed"].as_u64().unwrap(), planned);
    assert_eq!(total["events_out"].as_u64().unwrap() + total["quarantined"].as_u64().unwrap(), 3000);
    let snapshot: Vec<(std::path::PathBuf, Vec<u8>)> = files_below(&dir.path().join(".bdctl/transformed"))
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    let partitions: Vec<String> =
        serde_json::from_slice(&std::fs::read(dir.path().join(".bdctl/_bdctl/partitions.json")).unwrap())
            .unwrap();
    assert_eq!(partitions, vec!["2024-06-01", "2024-06-02", "2024-06-03"]);

    let again = json_rows(
        &bdctl(dir.path())
            .args(["-q", "backfill", "--from", "2024-06-01", "--to", "2024-06-03", "-o", "json"])
            .output()
            .unwrap(),
    );
    let total = again.as_array().unwrap().last().unwrap().clone();
    assert_eq!(total["skipped"].as_u64().unwrap(), planned);
    assert_eq!(total["transformed"], 0);

    bdctl(dir.path())
        .args(["backfill", "--from", "2024-06-01", "--to", "2024-06-03", "--force"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pass --yes"));
    bdctl(dir.path())
        .args(["-q", "backfill", "--from", "2024-06-01", "--to", "2024-06-03", "--force", "--yes"])
        .assert()
        .success();
    let after: Vec<(std::path::PathBuf, Vec<u8>)> = files_below(&dir.path().join(".bdctl/transformed"))
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    assert!(after == snapshot, "re-running rewrites the same bytes, never duplicates");

    bdctl(dir.path())
        .args(["backfill", "--from", "2024-06-05", "--to", "2024-06-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--from 2024-06-05 is after --to 2024-06-01"));
    bdctl(dir.path()).args(["backfill", "--from", "2024-02-30"]).assert().code(2);
}

#[test]
fn a_killed_backfill_finishes_on_the_next_run_with_the_same_bytes() {
    let reference = tempfile::tempdir().unwrap();
    let killed = tempfile::tempdir().unwrap();
    for dir in [reference.path(), killed.path()] {
        send(dir, &["--count", "20000", "--days", "2", "--start", "2024-06-01", "--seed", "13"]);
    }
    bdctl(reference.path())
        .args(["-q", "backfill", "--from", "2024-06-01", "--to", "2024-06-02", "--jobs", "2"])
        .assert()
        .success();

    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("bdctl"))
        .current_dir(killed.path())
        .env("HOME", killed.path())
        .args(["-q", "backfill", "--from", "2024-06-01", "--to", "2024-06-02", "--jobs", "2"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some objects are done, then SIGKILL. An object is done when its manifest is
    // in place; the hidden temporary file of a manifest being written is not one.
    let manifests = killed.path().join(".bdctl/_bdctl/manifests");
    let done = || {
        files_below(&manifests)
            .iter()
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                !name.starts_with('.') && name.ends_with(".json")
            })
            .count()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while done() < 20 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let done_before = done();
    let raw_objects = files_below(&killed.path().join(".bdctl/raw")).len();
    assert!(done_before < raw_objects, "killed before the end ({done_before} of {raw_objects})");

    let rerun = json_rows(
        &bdctl(killed.path())
            .args(["-q", "backfill", "--from", "2024-06-01", "--to", "2024-06-02", "-o", "json"])
            .output()
            .unwrap(),
    );
    let total = rerun.as_array().unwrap().last().unwrap();
    assert!(total["skipped"].as_u64().unwrap() >= done_before as u64);
    let leftovers: Vec<_> = files_below(&killed.path().join(".bdctl"))
        .into_iter()
        .filter(|p| p.file_name().unwrap().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "the re-run removes the killed run's temporary files: {leftovers:?}");

    let tree = |root: &Path| -> Vec<(String, Vec<u8>)> {
        let base = root.join(".bdctl/transformed");
        files_below(&base)
            .into_iter()
            .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
            .map(|p| {
                (p.strip_prefix(&base).unwrap().to_string_lossy().to_string(), std::fs::read(&p).unwrap())
            })
            .collect()
    };
    let (expected, actual) = (tree(reference.path()), tree(killed.path()));
    assert_eq!(expected.len(), actual.len());
    assert!(
        expected == actual,
        "the lake after kill -9 and a re-run equals an uninterrupted run's, byte for byte"
    );
}

#[test]
fn demo_runs_the_pipeline_and_queries_agree_with_an_independent_reader() {
    let dir = tempfile::tempdir().unwrap();
    let output = bdctl(dir.path())
        .args(["demo", "--events", "4000", "--days", "2", "--start", "2024-06-01", "-o", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for step in ["1/5", "2/5", "3/5", "4/5 compacting", "5/5", "Revenue by country", "Funnel", "Try next"] {
        assert!(stderr.contains(step), "{step} missing from: {stderr}");
    }

    let revenue = bdctl(dir.path())
        .args(["-q", "query", "-o", "json"])
        .arg("SELECT country, round(sum(revenue), 2) AS revenue, count(*) AS purchases FROM events WHERE event_type = ? GROUP BY country ORDER BY country")
        .args(["--param", "'purchase'"])
        .output()
        .unwrap();
    assert!(revenue.status.success(), "{}", String::from_utf8_lossy(&revenue.stderr));
    let ours: Vec<(String, f64, u64)> = serde_json::from_slice::<Value>(&revenue.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["country"].as_str().unwrap().to_string(),
                r["revenue"].as_f64().unwrap(),
                r["purchases"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(!ours.is_empty());

    // Partition pruning: a day with no data scans nothing.
    let pruned = bdctl(dir.path())
        .args(["query", "SELECT count(*) AS n FROM events WHERE day = '30'", "-o", "json"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&pruned.stderr).contains("0 B scanned"),
        "{}",
        String::from_utf8_lossy(&pruned.stderr)
    );

    let Some(python) = test_python() else { return };
    let script = r#"
import json, sys, pyarrow.dataset as ds, pyarrow.compute as pc
t = ds.dataset(sys.argv[1], format="parquet").to_table(columns=["country", "revenue", "event_type"])
t = t.filter(pc.equal(t["event_type"], "purchase"))
out = {}
for country, revenue in zip(t["country"].to_pylist(), t["revenue"].to_pylist()):
    total, count = out.get(country, (0.0, 0))
    out[country] = (total + revenue, count + 1)
print(json.dumps(sorted([[c, round(v[0], 2), v[1]] for c, v in out.items()])))
"#;
    let reference = Process::new(&python)
        .arg("-c")
        .arg(script)
        .arg(dir.path().join(".bdctl/transformed"))
        .output()
        .unwrap();
    assert!(reference.status.success(), "{}", String::from_utf8_lossy(&reference.stderr));
    let theirs: Vec<(String, f64, u64)> = serde_json::from_slice(&reference.stdout).unwrap();
    assert_eq!(ours.len(), theirs.len());
    for (a, b) in ours.iter().zip(&theirs) {
        assert_eq!(a.0, b.0);
        assert!((a.1 - b.1).abs() < 0.011, "{a:?} vs {b:?}");
        assert_eq!(a.2, b.2);
    }

    // The same result as a Parquet file, typed, read back by pyarrow.
    let out = dir.path().join("revenue.parquet");
    bdctl(dir.path())
        .args(["-q", "query", "--out", out.to_str().unwrap(), "--param", "'purchase'"])
        .arg("SELECT country, round(sum(revenue), 2) AS revenue, count(*) AS purchases FROM events WHERE event_type = ? GROUP BY country ORDER BY country")
        .assert()
        .success();
    let read = Process::new(&python)
        .arg("-c")
        .arg("import json, sys, pyarrow.parquet as pq\nt = pq.read_table(sys.argv[1])\nprint(json.dumps({'types': [str(f.type) for f in t.schema], 'rows': [list(r.values()) for r in t.to_pylist()]}))")
        .arg(&out)
        .output()
        .unwrap();
    assert!(read.status.success(), "{}", String::from_utf8_lossy(&read.stderr));
    let read: Value = serde_json::from_slice(&read.stdout).unwrap();
    assert_eq!(read["types"], serde_json::json!(["string", "double", "int64"]));
    let from_file: Vec<(String, f64, u64)> = serde_json::from_value(read["rows"].clone()).unwrap();
    assert_eq!(from_file, ours);

    // A query that fails leaves no partial file behind (an unknown column: a usage error).
    let failed = dir.path().join("failed.csv");
    bdctl(dir.path())
        .args(["-q", "query", "--out", failed.to_str().unwrap(), "SELECT nope FROM events"])
        .assert()
        .code(2);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("failed"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn crawl_then_partitions_sync_keep_the_local_catalog_current() {
    let dir = tempfile::tempdir().unwrap();
    send(dir.path(), &["--count", "600", "--days", "1", "--start", "2024-06-01"]);
    bdctl(dir.path()).args(["-q", "transform", "--date", "2024-06-01"]).assert().success();
    bdctl(dir.path())
        .args(["partitions", "sync"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("run `bdctl crawl`"));

    let first = json_rows(&bdctl(dir.path()).args(["-q", "crawl", "-o", "json"]).output().unwrap());
    let actions: Vec<(String, String)> = first
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["action"].as_str().unwrap().to_string(), c["name"].as_str().unwrap().to_string()))
        .collect();
    assert!(actions.contains(&("created".into(), "clickstream.events".into())), "{actions:?}");
    assert!(actions.contains(&("added".into(), "year=2024/month=06/day=01".into())), "{actions:?}");
    let again = json_rows(&bdctl(dir.path()).args(["-q", "crawl", "-o", "json"]).output().unwrap());
    assert_eq!(again, serde_json::json!([]), "a second crawl changes nothing");

    send(dir.path(), &["--count", "300", "--days", "1", "--start", "2024-06-02", "--seed", "2"]);
    bdctl(dir.path()).args(["-q", "transform", "--date", "2024-06-02"]).assert().success();
    let listed =
        json_rows(&bdctl(dir.path()).args(["-q", "partitions", "list", "-o", "json"]).output().unwrap());
    let state: Vec<(String, bool)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["partition"].as_str().unwrap().to_string(), p["in_catalog"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        state,
        vec![("year=2024/month=06/day=01".into(), true), ("year=2024/month=06/day=02".into(), false)]
    );
    let plan = json_rows(
        &bdctl(dir.path()).args(["-q", "partitions", "sync", "--dry-run", "-o", "json"]).output().unwrap(),
    );
    assert_eq!(plan[0]["action"], "would add");
    let synced =
        json_rows(&bdctl(dir.path()).args(["-q", "partitions", "sync", "-o", "json"]).output().unwrap());
    assert_eq!(synced[0]["partition"], "year=2024/month=06/day=02");
    assert_eq!(synced[0]["action"], "added");
    let count = json_rows(
        &bdctl(dir.path())
            .args(["-q", "query", "SELECT count(*) AS n FROM events", "-o", "json"])
            .output()
            .unwrap(),
    );
    assert_eq!(count[0]["n"], 900);
}

#[test]
fn estimates_prune_partitions_and_columns_and_max_cost_refuses() {
    let dir = tempfile::tempdir().unwrap();
    send(dir.path(), &["--count", "2000", "--days", "2", "--start", "2024-06-01"]);
    bdctl(dir.path())
        .args(["-q", "backfill", "--from", "2024-06-01", "--to", "2024-06-02"])
        .assert()
        .success();
    bdctl(dir.path()).args(["-q", "crawl"]).assert().success();
    let estimate = |sql: &str| -> Value {
        let output =
            bdctl(dir.path()).args(["-q", "query", "--estimate", sql, "-o", "json"]).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        serde_json::from_slice::<Value>(&output.stdout).unwrap()[0].clone()
    };
    let all = estimate("SELECT * FROM events");
    let one_day = estimate("SELECT * FROM events WHERE year = '2024' AND month = '06' AND day = '01'");
    let one_column = estimate("SELECT country FROM events WHERE day = '01'");
    assert_eq!(all["partitions"], 2);
    assert_eq!(one_day["partitions"], 1);
    let (all, day, column) = (
        all["scan_bytes"].as_u64().unwrap(),
        one_day["scan_bytes"].as_u64().unwrap(),
        one_column["scan_bytes"].as_u64().unwrap(),
    );
    assert!(day < all && column < day / 4, "all {all}, one day {day}, one column {column}");
    assert_eq!(estimate("SELECT * FROM events WHERE day = '09'")["files"], 0);

    // The statistics line counts what the estimate counts: the referenced column chunks.
    let sql = "SELECT country FROM events WHERE day = '01'";
    let ran = bdctl(dir.path()).args(["query", sql, "-o", "json"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&ran.stderr);
    let scanned = stderr.split(" scanned").next().and_then(|s| s.rsplit(" · ").next()).unwrap();
    assert_eq!(scanned, format!("{:.1} KB", column as f64 / 1024.0), "{stderr}");

    let refused =
        bdctl(dir.path()).args(["query", "--max-cost", "0.000001", "SELECT * FROM events"]).output().unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("over the limit of USD 0.000001"), "{stderr}");
    assert!(refused.stdout.is_empty(), "nothing ran");
    bdctl(dir.path())
        .args(["-q", "query", "--max-cost", "1", "SELECT count(*) AS n FROM events"])
        .assert()
        .success();

    // The Athena price setting is the one the estimate, --max-cost and the statistics line use.
    let at_price = |price: &str, args: &[&str]| {
        bdctl(dir.path()).env("BDCTL_PRICE_ATHENA_TB", price).args(args).output().unwrap()
    };
    let estimated_cost = |price: &str| -> f64 {
        let output = at_price(price, &["-q", "query", "--estimate", "SELECT * FROM events", "-o", "json"]);
        serde_json::from_slice::<Value>(&output.stdout).unwrap()[0]["est_cost_usd"].as_f64().unwrap()
    };
    let (list, thousandfold) = (estimated_cost("5"), estimated_cost("5000"));
    assert!((list * 1000.0 - thousandfold).abs() < 0.001, "USD {list} at 5/TB, {thousandfold} at 5000/TB");
    let refused = at_price("100000000", &["query", "--max-cost", "1", "SELECT count(*) AS n FROM events"]);
    assert_eq!(refused.status.code(), Some(2), "{}", String::from_utf8_lossy(&refused.stderr));
    let ran = at_price("5000", &["query", "SELECT count(*) AS n FROM events", "-o", "json"]);
    let stderr = String::from_utf8_lossy(&ran.stderr);
    let billed = stderr.split("on Athena USD ").nth(1).unwrap_or_else(|| panic!("{stderr}"));
    let (usd, rest) = billed.split_once(" (").unwrap();
    let megabytes: f64 = rest.split(' ').next().unwrap().parse().unwrap();
    let usd: f64 = usd.parse().unwrap();
    assert!((usd - megabytes * 5000.0 / (1024.0 * 1024.0)).abs() < 1e-6, "{stderr}");
}

/// `crawl --without-crawler` on local: the same footer reading, the table and partitions written
/// into the catalog, and a change to the table's definition applied only with `--yes`.
#[test]
fn the_catalog_is_written_from_the_footers_and_a_schema_change_waits_for_yes() {
    let dir = tempfile::tempdir().unwrap();
    send(dir.path(), &["--count", "500", "--days", "2", "--start", "2024-06-01"]);
    bdctl(dir.path())
        .args(["-q", "backfill", "--from", "2024-06-01", "--to", "2024-06-02"])
        .assert()
        .success();
    let crawled = bdctl(dir.path()).args(["crawl", "--without-crawler", "-o", "json"]).output().unwrap();
    let changes = json_rows(&crawled);
    assert_eq!(changes[0]["action"], "created", "{changes}");
    assert_eq!(changes.as_array().unwrap().iter().filter(|c| c["kind"] == "partition").count(), 2);
    let counted =
        bdctl(dir.path()).args(["query", "SELECT count(*) AS n FROM events", "-o", "json"]).output().unwrap();
    assert_eq!(json_rows(&counted)[0]["n"], 500);

    let catalog_path = dir.path().join(".bdctl/catalog.json");
    let mut catalog: Value = serde_json::from_slice(&std::fs::read(&catalog_path).unwrap()).unwrap();
    let table =
        catalog["databases"].as_object_mut().unwrap().values_mut().next().unwrap()["tables"]["events"]
            .clone();
    let kept: Vec<Value> =
        table["columns"].as_array().unwrap().iter().filter(|c| c["name"] != "revenue").cloned().collect();
    for database in catalog["databases"].as_object_mut().unwrap().values_mut() {
        database["tables"]["events"]["columns"] = Value::Array(kept.clone());
    }
    std::fs::write(&catalog_path, catalog.to_string()).unwrap();
    let dry =
        bdctl(dir.path()).args(["crawl", "--without-crawler", "--dry-run", "-o", "json"]).output().unwrap();
    let diff = json_rows(&dry);
    assert_eq!(diff.as_array().unwrap().len(), 1, "{diff}");
    assert_eq!((diff[0]["action"].as_str(), diff[0]["name"].as_str()), (Some("added"), Some("revenue")));
    let unconfirmed = bdctl(dir.path()).args(["crawl", "--without-crawler"]).output().unwrap();
    assert_eq!(unconfirmed.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unconfirmed.stderr).contains("pass --yes"));
    assert!(!std::fs::read_to_string(&catalog_path).unwrap().contains("\"revenue\""), "left as it was");
    bdctl(dir.path()).args(["-q", "--yes", "crawl", "--without-crawler"]).assert().success();
    assert!(std::fs::read_to_string(&catalog_path).unwrap().contains("\"revenue\""));
}

/// `partitions project` on local: the projection properties in the catalog, shown by `partitions
/// list`, honoured by `query --estimate` without registered partitions, left alone by `sync`,
/// and removed by `--off`.
#[test]
fn partition_projection_is_set_honoured_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    send(dir.path(), &["--count", "300", "--days", "2", "--start", "2024-06-01"]);
    bdctl(dir.path())
        .args(["-q", "backfill", "--from", "2024-06-01", "--to", "2024-06-02"])
        .assert()
        .success();
    bdctl(dir.path()).args(["-q", "crawl", "--without-crawler"]).assert().success();
    let catalog_path = dir.path().join(".bdctl/catalog.json");
    let before = std::fs::read_to_string(&catalog_path).unwrap();
    let run =
        |args: &[&str]| json_rows(&bdctl(dir.path()).args(args).arg("-o").arg("json").output().unwrap());

    let dry = run(&["partitions", "project", "--dry-run"]);
    assert_eq!(dry.as_array().unwrap().len(), 10, "{dry}");
    assert!(dry.as_array().unwrap().iter().all(|r| r["action"] == "would be set"));
    assert_eq!(std::fs::read_to_string(&catalog_path).unwrap(), before, "a dry run changes nothing");

    let set = run(&["partitions", "project"]);
    let range = set.as_array().unwrap().iter().find(|r| r["property"] == "projection.year.range").unwrap();
    assert!(range["value"].as_str().unwrap().starts_with("2024,"), "from the lake's first partition: {set}");
    assert_eq!(run(&["partitions", "project"]), serde_json::json!([]), "a second run changes nothing");
    let listed = run(&["partitions", "list"]);
    assert!(listed.as_array().unwrap().iter().all(|p| p["projected"] == true), "{listed}");
    assert_eq!(run(&["partitions", "sync"]), serde_json::json!([]));

    // With no partition registered, the estimate still finds the day's files.
    let mut catalog: Value = serde_json::from_str(&std::fs::read_to_string(&catalog_path).unwrap()).unwrap();
    for database in catalog["databases"].as_object_mut().unwrap().values_mut() {
        database["partitions"] = serde_json::json!({});
    }
    std::fs::write(&catalog_path, catalog.to_string()).unwrap();
    let estimate = run(&["query", "--estimate", "SELECT event_id FROM events WHERE day = '01'"]);
    assert_eq!(estimate[0]["partitions"], 1, "{estimate}");
    assert!(estimate[0]["files"].as_u64().unwrap() > 0, "{estimate}");

    let off = run(&["partitions", "project", "--off"]);
    assert!(off.as_array().unwrap().iter().all(|r| r["action"] == "removed"), "{off}");
    assert!(!std::fs::read_to_string(&catalog_path).unwrap().contains("projection."));
    let estimate = run(&["query", "--estimate", "SELECT event_id FROM events WHERE day = '01'"]);
    assert_eq!(estimate[0]["partitions"], 0, "the registered partitions count again: {estimate}");
    let listed = run(&["partitions", "list"]);
    assert!(listed.as_array().unwrap().iter().all(|p| p["projected"] == false), "{listed}");
}

/// What a reader through the catalog sees: rows, distinct event ids, and per day.
fn lake_counts(dir: &Path) -> Value {
    json_rows(
        &bdctl(dir)
            .args(["-q", "query", "-o", "json"])
            .arg("SELECT day, count(*) AS n, count(DISTINCT event_id) AS ids, round(sum(revenue), 2) AS revenue FROM events GROUP BY day ORDER BY day")
            .output()
            .unwrap(),
    )
}

/// An independent reader (pyarrow) of the files each catalog partition points at: rows, ids,
/// whether each file is sorted by event_ts, and its row group sizes.
const CATALOG_READER: &str = r#"
import json, sys, os, pyarrow.parquet as pq
catalog = json.load(open(sys.argv[1]))
out = {}
for db in catalog["databases"].values():
    for p in db["partitions"].get("events", []):
        files = sorted(os.path.join(p["location"], f) for f in os.listdir(p["location"]) if f.endswith(".parquet"))
        rows, ids, sorted_files, groups = 0, set(), True, []
        for f in files:
            pf = pq.ParquetFile(f)
            t = pf.read(columns=["event_id", "event_ts"])
            ts = t.column("event_ts").to_pylist()
            rows += t.num_rows
            ids.update(t.column("event_id").to_pylist())
            groups += [pf.metadata.row_group(g).num_rows for g in range(pf.metadata.num_row_groups)]
            sorted_files = sorted_files and ts == sorted(ts)
        out["-".join(p["values"])] = {"files": len(files), "rows": rows, "ids": len(ids), "sorted": sorted_files, "max_group": max(groups or [0]), "location": p["location"]}
print(json.dumps(out))
"#;

fn catalog_view(python: &str, dir: &Path) -> Value {
    let catalog = dir.join(".bdctl/catalog.json");
    serde_json::from_str(&common::run_python(python, CATALOG_READER, &[catalog.to_str().unwrap()])).unwrap()
}

#[test]
fn compaction_keeps_every_answer_and_a_late_object_lands_once() {
    let dir = tempfile::tempdir().unwrap();
    send(dir.path(), &["--count", "30000", "--days", "2", "--start", "2024-06-01", "--seed", "21"]);
    bdctl(dir.path())
        .args(["-q", "backfill", "--from", "2024-06-01", "--to", "2024-06-02"])
        .assert()
        .success();
    bdctl(dir.path())
        .args(["-q", "compact"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bdctl crawl"));
    bdctl(dir.path()).args(["-q", "crawl"]).assert().success();
    let before = lake_counts(dir.path());
    assert_eq!(before.as_array().unwrap().len(), 2, "{before}");

    let plan = json_rows(
        &bdctl(dir.path())
            .args(["-q", "compact", "--dry-run", "--target-size", "300KB", "-o", "json"])
            .output()
            .unwrap(),
    );
    for day in plan.as_array().unwrap() {
        assert_eq!(day["action"], "would compact", "{plan}");
        assert!(day["files_after"].as_u64().unwrap() < day["files"].as_u64().unwrap(), "{plan}");
        assert!(day["bytes_scanned"].as_u64().unwrap() > 0, "{plan}");
        assert_eq!(day["bytes_scanned_after"], Value::Null, "measured only when written: {plan}");
    }
    assert!(!dir.path().join(".bdctl/transformed-compacted").exists(), "a dry run writes nothing");

    // A reader querying in a loop while the days are compacted never sees another answer.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (stop, path, expected) = (stop.clone(), dir.path().to_path_buf(), before.clone());
        std::thread::spawn(move || {
            let mut reads = 0;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) || reads == 0 {
                assert_eq!(lake_counts(&path), expected, "a reader during compaction (read {reads})");
                reads += 1;
            }
            reads
        })
    };
    let compacted = json_rows(
        &bdctl(dir.path()).args(["-q", "compact", "--target-size", "300KB", "-o", "json"]).output().unwrap(),
    );
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let reads = reader.join().expect("the reader saw the same answers throughout");
    assert!(reads >= 1);
    for (day, planned) in compacted.as_array().unwrap().iter().zip(plan.as_array().unwrap()) {
        assert_eq!(day["action"], "compacted", "{compacted}");
        assert_eq!(day["generation"], 1, "{compacted}");
        assert_eq!(day["files_after"], planned["files_after"], "as planned: {plan} {compacted}");
        assert_eq!(day["bytes_scanned"], planned["bytes_scanned"]);
        assert!(
            day["bytes_scanned_after"].as_u64().unwrap() < day["bytes_scanned"].as_u64().unwrap(),
            "{compacted}"
        );
    }
    assert_eq!(lake_counts(dir.path()), before, "the same answers after compaction");
    let again = json_rows(&bdctl(dir.path()).args(["-q", "compact", "-o", "json"]).output().unwrap());
    assert!(again.as_array().unwrap().iter().all(|d| d["action"] == "up to date"), "{again}");
    let listed =
        json_rows(&bdctl(dir.path()).args(["-q", "partitions", "list", "-o", "json"]).output().unwrap());
    assert_eq!(listed[0]["compacted"], "gen 1", "{listed}");

    if let Some(python) = test_python() {
        let view = catalog_view(&python, dir.path());
        for day in before.as_array().unwrap() {
            let seen = &view[format!("2024-06-{}", day["day"].as_str().unwrap())];
            assert_eq!(seen["rows"], day["n"], "{view}");
            assert_eq!(seen["ids"], day["ids"], "{view}");
            assert_eq!(seen["sorted"], true, "each compacted file is sorted by event_ts: {view}");
            assert!(seen["max_group"].as_u64().unwrap() <= 131_072, "{view}");
            assert!(seen["location"].as_str().unwrap().contains("transformed-compacted/"), "{view}");
        }
    }

    // A late object for a compacted day: visible once as soon as it is transformed.
    send(dir.path(), &["--count", "500", "--days", "1", "--start", "2024-06-01", "--seed", "22"]);
    let late =
        bdctl(dir.path()).args(["backfill", "--from", "2024-06-01", "--to", "2024-06-01"]).output().unwrap();
    assert!(late.status.success(), "{}", String::from_utf8_lossy(&late.stderr));
    assert!(
        String::from_utf8_lossy(&late.stderr).contains("compacted copy is stale"),
        "{}",
        String::from_utf8_lossy(&late.stderr)
    );
    let with_late = lake_counts(dir.path());
    let added =
        |counts: &Value, field: &str| counts[0][field].as_u64().unwrap() - before[0][field].as_u64().unwrap();
    assert_eq!(added(&with_late, "n"), 500, "{with_late}");
    assert_eq!(added(&with_late, "ids"), 500, "{with_late}");
    assert_eq!(with_late[1], before[1], "the other day is still read from its copy");
    let recompacted = json_rows(
        &bdctl(dir.path()).args(["-q", "compact", "--grace", "0s", "-o", "json"]).output().unwrap(),
    );
    assert_eq!(recompacted[0]["action"], "compacted", "{recompacted}");
    assert_eq!(recompacted[0]["generation"], 2, "{recompacted}");
    assert_eq!(recompacted[1]["action"], "up to date", "{recompacted}");
    assert_eq!(lake_counts(dir.path()), with_late);
    let generations: Vec<String> =
        files_below(&dir.path().join(".bdctl/transformed-compacted/year=2024/month=06/day=01"))
            .iter()
            .map(|p| p.parent().unwrap().file_name().unwrap().to_string_lossy().to_string())
            .collect();
    assert!(
        generations.iter().all(|g| g == "gen=0002"),
        "with no grace the stale copy is gone: {generations:?}"
    );

    // backfill does not transform anything again; reconcile balances.
    let rerun = json_rows(
        &bdctl(dir.path())
            .args(["-q", "backfill", "--from", "2024-06-01", "--to", "2024-06-02", "-o", "json"])
            .output()
            .unwrap(),
    );
    let total = rerun.as_array().unwrap().last().unwrap();
    assert_eq!(total["transformed"], 0, "{rerun}");
    bdctl(dir.path())
        .args(["-q", "reconcile", "--from", "2024-06-01", "--to", "2024-06-02"])
        .assert()
        .success();
}

#[test]
fn a_compaction_killed_at_any_point_loses_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    send(dir.path(), &["--count", "40000", "--days", "1", "--start", "2024-06-01", "--seed", "23"]);
    bdctl(dir.path())
        .args(["-q", "backfill", "--from", "2024-06-01", "--to", "2024-06-01"])
        .assert()
        .success();
    bdctl(dir.path()).args(["-q", "crawl"]).assert().success();
    let before = lake_counts(dir.path());
    let compacted = dir.path().join(".bdctl/transformed-compacted");
    let state = dir.path().join(".bdctl/_bdctl/compaction");
    let parts =
        || files_below(&compacted).iter().filter(|p| p.extension().is_some_and(|e| e == "parquet")).count();
    let records = || files_below(&state).iter().filter(|p| p.to_string_lossy().contains("gen=")).count();
    // Kill points, each an observable state of a run: a first compacted file committed, and the
    // generation's record written (the catalog switch comes next).
    let points: [(&str, &dyn Fn() -> bool); 2] =
        [("a compacted file", &|| parts() > 0), ("the record", &|| records() > 0)];
    for (what, reached) in points {
        for f in files_below(&compacted).into_iter().chain(files_below(&state)) {
            std::fs::remove_file(f).unwrap();
        }
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("bdctl"))
            .current_dir(dir.path())
            .env("HOME", dir.path())
            .args(["-q", "compact", "--target-size", "100KB"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while !reached() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        assert_eq!(lake_counts(dir.path()), before, "after a kill at {what}");
        let rerun = json_rows(
            &bdctl(dir.path())
                .args(["-q", "compact", "--target-size", "100KB", "-o", "json"])
                .output()
                .unwrap(),
        );
        assert!(
            ["compacted", "compacted (resumed)", "up to date"]
                .contains(&rerun[0]["action"].as_str().unwrap()),
            "{rerun}"
        );
        assert_eq!(lake_counts(dir.path()), before, "after the re-run of a kill at {what}");
        // Back to the transformed files for the next kill point.
        let catalog_path = dir.path().join(".bdctl/catalog.json");
        let mut catalog: Value = serde_json::from_slice(&std::fs::read(&catalog_path).unwrap()).unwrap();
        for partition in catalog["databases"]["clickstream"]["partitions"]["events"].as_array_mut().unwrap() {
            partition["location"] = Value::from(
                dir.path()
                    .join(".bdctl/transformed/year=2024/month=06/day=01/")
                    .to_string_lossy()
                    .to_string(),
            );
        }
        std::fs::write(&catalog_path, serde_json::to_vec(&catalog).unwrap()).unwrap();
        assert_eq!(lake_counts(dir.path()), before);
    }
}
