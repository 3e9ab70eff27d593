//! The command line as a user meets it, on the embedded local backend.

mod common;

use std::process::Stdio;

use clap::CommandFactory;
use common::bdctl;
use predicates::prelude::*;
use serde_json::Value;

fn json_stdout(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!("stdout is not JSON ({err}): {}", String::from_utf8_lossy(&output.stdout))
    })
}

fn setting<'a>(rows: &'a Value, key: &str) -> &'a Value {
    rows.as_array().unwrap().iter().find(|row| row["key"] == key).unwrap_or_else(|| panic!("no row {key}"))
}

#[test]
fn help_lists_commands_global_options_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    bdctl(dir.path())
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("doctor"))
        .stdout(predicate::str::contains("Set up:"))
        .stdout(predicate::str::contains("--endpoint-url"))
        .stdout(predicate::str::contains("--no-input"))
        .stdout(predicate::str::contains("Exit codes:"))
        .stdout(predicate::str::contains("130  interrupted"));
}

#[test]
fn every_subcommand_has_help() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths: Vec<Vec<String>> = Vec::new();
    for sub in bdctl::cli::Cli::command().get_subcommands() {
        paths.push(vec![sub.get_name().to_string()]);
        for nested in sub.get_subcommands() {
            paths.push(vec![sub.get_name().to_string(), nested.get_name().to_string()]);
        }
    }
    assert!(paths.len() >= 5);
    for path in paths {
        bdctl(dir.path())
            .args(&path)
            .arg("--help")
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage:"));
    }
}

#[test]
fn version_prints_the_package_version() {
    let dir = tempfile::tempdir().unwrap();
    bdctl(dir.path())
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("bdctl {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    bdctl(dir.path()).arg("no-such-command").assert().code(2);
    bdctl(dir.path()).args(["config", "show", "--output", "xml"]).assert().code(2);
    bdctl(dir.path())
        .args(["config", "show", "no_such_key"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("error: unknown key `no_such_key`"));
}

#[test]
fn without_a_config_file_the_embedded_local_environment_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let output = bdctl(dir.path()).args(["config", "show", "--output", "json"]).output().unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.matches("embedded local environment").count(), 1, "{stderr}");
    let rows = json_stdout(&output);
    assert_eq!(setting(&rows, "env")["value"], "local");
    assert_eq!(setting(&rows, "backend")["value"], "local");
    assert_eq!(setting(&rows, "glue_database")["value"], "clickstream");
    assert_eq!(setting(&rows, "glue_table")["value"], "events");
    assert_eq!(setting(&rows, "raw_layout")["value"], "hive");
    let data_dir = setting(&rows, "data_dir")["value"].as_str().unwrap().to_string();
    assert!(data_dir.ends_with(".bdctl"), "{data_dir}");

    let quiet = bdctl(dir.path()).args(["-q", "config", "show", "-o", "json"]).output().unwrap();
    assert!(quiet.stderr.is_empty(), "{}", String::from_utf8_lossy(&quiet.stderr));
}

#[test]
fn config_show_reports_where_each_value_comes_from() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bdctl.toml"),
        "[env.prod]\nbackend = \"aws\"\nregion = \"eu-west-1\"\nraw_bucket = \"acme-raw\"\n",
    )
    .unwrap();
    let output = bdctl(dir.path())
        .args(["config", "show", "-o", "json", "--profile", "ops"])
        .env("BDCTL_RAW_BUCKET", "override-raw")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(!String::from_utf8_lossy(&output.stderr).contains("embedded"));
    let rows = json_stdout(&output);
    assert_eq!(setting(&rows, "env")["value"], "prod");
    assert_eq!(setting(&rows, "backend")["source"], "bdctl.toml:2");
    assert_eq!(setting(&rows, "region")["source"], "bdctl.toml:3");
    assert_eq!(setting(&rows, "profile")["value"], "ops");
    assert_eq!(setting(&rows, "profile")["source"], "--profile");
    assert_eq!(setting(&rows, "raw_bucket")["value"], "override-raw");
    assert_eq!(setting(&rows, "raw_bucket")["source"], "env BDCTL_RAW_BUCKET");
    assert_eq!(setting(&rows, "athena_workgroup")["source"], "default");
}

#[test]
fn bad_configuration_is_one_line_naming_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("[env.dev]\nbackend = \"aws\"\nraw_bukcet = \"x\"\n", "bdctl.toml:3: unknown field `raw_bukcet`"),
        ("[env.dev]\nbackend = \"aws\"\nmax_attempts = \"three\"\n", "bdctl.toml:3:"),
        ("[env.dev]\nbackend = \"azure\"\n", "bdctl.toml:2:"),
        ("[env.dev\nbackend = \"aws\"\n", "bdctl.toml:1:"),
        ("", "defines no environment"),
    ];
    for (text, expected) in cases {
        std::fs::write(dir.path().join("bdctl.toml"), text).unwrap();
        let output = bdctl(dir.path()).args(["config", "show"]).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{text}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert!(stderr.contains(expected), "expected `{expected}` in: {stderr}");
        assert!(output.stdout.is_empty());
    }
    bdctl(dir.path())
        .args(["--config", "missing.toml", "config", "show"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.toml does not exist"));
}

#[test]
fn output_formats_are_machine_readable() {
    let dir = tempfile::tempdir().unwrap();
    let csv = bdctl(dir.path()).args(["-q", "config", "keys", "-o", "csv"]).output().unwrap();
    let text = String::from_utf8(csv.stdout).unwrap();
    assert!(text.starts_with("key,env,default,description\n"), "{text}");

    let piped = bdctl(dir.path()).args(["-q", "config", "show", "env"]).output().unwrap();
    assert_eq!(String::from_utf8(piped.stdout).unwrap(), "key\tvalue\tsource\nenv\tlocal\tdefault\n");

    let ndjson = bdctl(dir.path()).args(["-q", "config", "show", "-o", "ndjson"]).output().unwrap();
    for line in String::from_utf8(ndjson.stdout).unwrap().lines() {
        let row: Value = serde_json::from_str(line).unwrap();
        assert!(row["key"].is_string());
    }

    let table = bdctl(dir.path()).args(["-q", "config", "show", "env", "-o", "table"]).output().unwrap();
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(text.contains("│ env") && text.contains("local"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour codes when piped: {text:?}");
}

#[test]
fn a_closed_pipe_exits_quietly_with_success() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("bdctl"));
    cmd.current_dir(dir.path()).args(["config", "keys", "-o", "json"]);
    cmd.env("HOME", dir.path()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    // Closing our end before bdctl writes makes every write fail with EPIPE.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("error") && !stderr.contains("panicked"), "{stderr}");
}

#[test]
fn init_without_input_writes_a_valid_commented_file_and_extends_it() {
    let dir = tempfile::tempdir().unwrap();
    bdctl(dir.path())
        .args(["init", "--no-input", "--name", "dev", "--backend", "aws"])
        .args(["--set", "region=eu-west-1", "--set", "raw_bucket=acme-raw", "--set", "raw_retention_days=45"])
        .assert()
        .success();
    let text = std::fs::read_to_string(dir.path().join("bdctl.toml")).unwrap();
    assert!(text.contains("[env.dev]") && text.contains("raw_retention_days = 45"), "{text}");
    assert!(text.contains("# firehose_stream = "), "other keys are documented: {text}");

    let output = bdctl(dir.path()).args(["-q", "config", "show", "-o", "json"]).output().unwrap();
    let rows = json_stdout(&output);
    assert_eq!(setting(&rows, "region")["value"], "eu-west-1");
    assert_eq!(setting(&rows, "raw_retention_days")["value"], "45");

    bdctl(dir.path())
        .args(["init", "--no-input", "--name", "dev", "--backend", "aws"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already defines [env.dev]"));
    bdctl(dir.path())
        .args(["init", "--no-input", "--name", "lab", "--backend", "local", "--default"])
        .assert()
        .success();
    let text = std::fs::read_to_string(dir.path().join("bdctl.toml")).unwrap();
    assert!(
        text.contains("[env.dev]") && text.contains("[env.lab]") && text.contains("# bdctl configuration")
    );
    let output =
        bdctl(dir.path()).args(["-q", "config", "show", "env", "backend", "-o", "json"]).output().unwrap();
    let rows = json_stdout(&output);
    assert_eq!(setting(&rows, "env")["value"], "lab");
    assert_eq!(setting(&rows, "backend")["value"], "local");

    bdctl(dir.path())
        .args(["init", "--no-input", "--name", "bad", "--set", "max_attempts=lots"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--set max_attempts: expected a whole number"));
    bdctl(dir.path())
        .args(["init", "--no-input", "--name", "bad", "--set", "raw_bukcet=x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown key"));
}

#[test]
fn doctor_on_the_local_backend() {
    let dir = tempfile::tempdir().unwrap();
    let output = bdctl(dir.path()).args(["doctor", "-o", "json"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let rows = json_stdout(&output);
    let checks: Vec<(&str, &str)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["check"].as_str().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    assert!(checks.contains(&("configuration", "ok")), "{checks:?}");
    assert!(checks.contains(&("data directory", "ok")), "{checks:?}");
    assert!(checks.contains(&("lake", "ok")), "{checks:?}");
    assert!(checks.contains(&("catalog table", "warn")), "{checks:?}");
    assert!(checks.contains(&("permissions", "ok")), "{checks:?}");

    let output = bdctl(dir.path()).args(["doctor", "--policy"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("needs no IAM policy"), "{stderr}");
}

#[test]
fn completions_for_every_shell() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        bdctl(dir.path())
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("bdctl"));
    }
    bdctl(dir.path()).args(["man"]).assert().success().stdout(predicate::str::contains(".TH bdctl"));
}

fn gunzip_lines(path: &std::path::Path) -> Vec<String> {
    use std::io::Read;
    let mut text = String::new();
    flate2::read::MultiGzDecoder::new(std::fs::File::open(path).unwrap()).read_to_string(&mut text).unwrap();
    assert!(text.ends_with('\n'), "records are newline-terminated");
    text.lines().map(str::to_string).collect()
}

#[test]
fn send_on_local_writes_firehose_like_gzip_objects_by_day() {
    let dir = tempfile::tempdir().unwrap();
    let output = bdctl(dir.path())
        .args([
            "send",
            "--count",
            "3000",
            "--days",
            "2",
            "--start",
            "2024-06-01",
            "--seed",
            "9",
            "--bad-fraction",
            "0.02",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let summary = json_stdout(&output);
    assert_eq!(summary[0]["events"], 3000);
    assert_eq!(summary[0]["failed"], 0);
    let malformed = summary[0]["malformed"].as_u64().unwrap();
    assert!((20..=100).contains(&malformed), "{malformed}");

    let objects = common::files_below(&dir.path().join(".bdctl/raw"));
    assert_eq!(summary[0]["objects"].as_u64().unwrap() as usize, objects.len());
    let mut lines = 0;
    let mut days = std::collections::BTreeSet::new();
    for object in &objects {
        let relative =
            object.strip_prefix(dir.path().join(".bdctl/raw")).unwrap().to_string_lossy().to_string();
        let name = relative.rsplit('/').next().unwrap();
        assert!(name.starts_with("clickstream-1-2024-06-0") && name.ends_with(".gz"), "{relative}");
        days.insert(relative.split('/').take(3).collect::<Vec<_>>().join("/"));
        lines += gunzip_lines(object).len();
    }
    assert_eq!(lines, 3000, "every event is in exactly one object");
    assert_eq!(
        days.into_iter().collect::<Vec<_>>(),
        vec!["year=2024/month=06/day=01", "year=2024/month=06/day=02"]
    );

    // The same seed gives the same objects: a re-run overwrites instead of duplicating.
    bdctl(dir.path())
        .args([
            "-q",
            "send",
            "--count",
            "3000",
            "--days",
            "2",
            "--start",
            "2024-06-01",
            "--seed",
            "9",
            "--bad-fraction",
            "0.02",
        ])
        .assert()
        .success();
    assert_eq!(common::files_below(&dir.path().join(".bdctl/raw")), objects);
}

#[test]
fn send_from_a_file_or_stdin_in_the_firehose_layout() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bdctl.toml"),
        "[env.lab]\nbackend = \"local\"\nraw_layout = \"firehose\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("events.ndjson"), "{\"event_id\":\"a\"}\r\n\n{\"event_id\":\"b\"}\n")
        .unwrap();
    bdctl(dir.path()).args(["-q", "send", "--file", "events.ndjson"]).assert().success();
    bdctl(dir.path())
        .args(["-q", "send", "--file", "-"])
        .write_stdin("{\"event_id\":\"c\"}\n")
        .assert()
        .success();
    let objects = common::files_below(&dir.path().join(".bdctl/raw"));
    assert_eq!(objects.len(), 2);
    let relative =
        objects[0].strip_prefix(dir.path().join(".bdctl/raw")).unwrap().to_string_lossy().to_string();
    assert_eq!(relative.split('/').count(), 5, "YYYY/MM/DD/HH/name: {relative}");
    let mut all: Vec<String> = objects.iter().flat_map(|o| gunzip_lines(o)).collect();
    all.sort();
    assert_eq!(all, vec!["{\"event_id\":\"a\"}", "{\"event_id\":\"b\"}", "{\"event_id\":\"c\"}"]);

    bdctl(dir.path())
        .args(["send", "--file", "missing.ndjson"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--file missing.ndjson"));
    bdctl(dir.path()).args(["send", "--bad-fraction", "1.5"]).assert().code(2);
    bdctl(dir.path()).args(["send", "--start", "2024-02-30"]).assert().code(2);
}

#[test]
fn remote_transforms_need_the_aws_backend() {
    let dir = tempfile::tempdir().unwrap();
    for command in [
        vec!["transform", "--remote", "glue"],
        vec!["backfill", "--from", "2024-06-01", "--remote", "lambda"],
    ] {
        bdctl(dir.path())
            .args(&command)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("the local backend transforms in this process"));
    }
}

#[test]
fn query_ids_need_the_aws_backend_and_empty_sql_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    bdctl(dir.path())
        .args(["query", "--no-wait", "SELECT 1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no query ids"));
    bdctl(dir.path()).args(["query", "status", "abc"]).assert().code(2);
    bdctl(dir.path())
        .args(["query", ""])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the SQL statement is empty"));
    // No statement and no terminal: the shell is not opened, the usage says what to give.
    bdctl(dir.path())
        .args(["query"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no SQL statement").and(predicate::str::contains("bdctl sql")));
    bdctl(dir.path())
        .args(["sql"])
        .write_stdin("SELECT 1;")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bdctl query -"));
    bdctl(dir.path())
        .args(["query", "--file", "missing.sql"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--file missing.sql"));
    bdctl(dir.path())
        .args(["query", "SELECT 1 AS one", "-o", "json"])
        .assert()
        .success()
        .stdout("[\n{\"one\":1}\n]\n");
}

#[test]
fn lifecycle_on_local_deletes_by_partition_date_after_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    bdctl(dir.path())
        .args(["-q", "send", "--count", "200", "--days", "1", "--start", "2024-06-01"])
        .assert()
        .success();
    let recent = chrono::Utc::now().date_naive().to_string();
    bdctl(dir.path())
        .args(["-q", "send", "--count", "50", "--days", "1", "--start", &recent])
        .assert()
        .success();
    let plan = bdctl(dir.path()).args(["-q", "lifecycle", "plan", "-o", "json"]).output().unwrap();
    let rows: Value = serde_json::from_slice(&plan.stdout).unwrap();
    let raw_rule = rows.as_array().unwrap().iter().find(|r| r["rule"] == "bdctl-raw-expiration").unwrap();
    let old_objects =
        std::fs::read_dir(dir.path().join(".bdctl/raw/year=2024/month=06/day=01")).unwrap().count() as u64;
    assert_eq!(
        raw_rule["objects_now"].as_u64().unwrap(),
        old_objects,
        "only 2024's objects are past 30 days"
    );

    bdctl(dir.path())
        .args(["lifecycle", "apply"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pass --yes"));
    assert!(dir.path().join(".bdctl/raw/year=2024").exists(), "nothing deleted without confirmation");
    bdctl(dir.path()).args(["-q", "--yes", "lifecycle", "apply"]).assert().success();
    let remaining: Vec<_> =
        std::fs::read_dir(dir.path().join(".bdctl/raw")).unwrap().flatten().map(|e| e.file_name()).collect();
    assert!(
        !dir.path()
            .join(".bdctl/raw/year=2024/month=06/day=01")
            .read_dir()
            .map(|mut d| d.next().is_some())
            .unwrap_or(false),
        "{remaining:?}"
    );
    let shown = bdctl(dir.path()).args(["-q", "lifecycle", "show", "-o", "json"]).output().unwrap();
    let rules: Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(rules.as_array().unwrap().len(), 2);
}

#[test]
fn costs_on_local_estimate_storage_ingestion_and_recorded_queries() {
    let dir = tempfile::tempdir().unwrap();
    bdctl(dir.path())
        .args(["-q", "send", "--count", "300", "--days", "1", "--start", "2024-06-01"])
        .assert()
        .success();
    bdctl(dir.path()).args(["-q", "transform", "--date", "2024-06-01"]).assert().success();
    bdctl(dir.path()).args(["-q", "crawl"]).assert().success();
    bdctl(dir.path()).args(["-q", "query", "SELECT count(*) FROM events"]).assert().success();
    let output = bdctl(dir.path()).args(["-q", "costs", "-o", "json"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let rows: Value = serde_json::from_slice(&output.stdout).unwrap();
    let item = |prefix: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["item"].as_str().unwrap().starts_with(prefix))
            .unwrap()
            .clone()
    };
    assert!(item("S3 storage: raw")["quantity"].as_f64().unwrap() > 0.0);
    assert!(item("Firehose ingestion")["quantity"].as_f64().unwrap() > 0.0);
    assert_eq!(item("Athena")["item"], "Athena: the 1 local query of the last 30 days");
    // The 10 MB minimum of one query, at USD 5 per TB.
    assert_eq!(item("Athena")["usd"], 0.000048);
    let priced = bdctl(dir.path())
        .env("BDCTL_PRICE_S3_GB_MONTH", "1")
        .args(["-q", "costs", "-o", "json"])
        .output()
        .unwrap();
    let rows: Value = serde_json::from_slice(&priced.stdout).unwrap();
    assert_eq!(rows[0]["unit_price_usd"], 1.0);
}

#[test]
fn metrics_on_local_come_from_the_activity_log() {
    let dir = tempfile::tempdir().unwrap();
    let today = chrono::Utc::now().date_naive().to_string();
    bdctl(dir.path()).args(["-q", "send", "--count", "120", "--start", &today]).assert().success();
    bdctl(dir.path())
        .args(["-q", "send", "--count", "30", "--start", &today, "--seed", "4"])
        .assert()
        .success();
    let output = bdctl(dir.path())
        .args(["-q", "metrics", "--metric", "EventsSent", "--since", "1h", "--period", "1h", "-o", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let rows: Value = serde_json::from_slice(&output.stdout).unwrap();
    let total: f64 = rows.as_array().unwrap().iter().map(|r| r["value"].as_f64().unwrap()).sum();
    assert_eq!(total, 150.0);
    let table = bdctl(dir.path()).args(["-q", "metrics", "-o", "table"]).output().unwrap();
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains("EventsSent") && text.contains("BytesScanned"), "{text}");
    bdctl(dir.path()).args(["metrics", "--period", "30s"]).assert().code(2);
}

#[test]
fn status_says_whether_data_flows_and_fails_on_breached_thresholds() {
    let dir = tempfile::tempdir().unwrap();
    let empty = bdctl(dir.path()).args(["-q", "status", "-o", "json"]).output().unwrap();
    assert_eq!(empty.status.code(), Some(1));
    let rows: Value = serde_json::from_slice(&empty.stdout).unwrap();
    let verdict = rows.as_array().unwrap().iter().find(|r| r["check"] == "verdict").unwrap();
    assert_eq!(verdict["value"], "attention");
    assert!(String::from_utf8_lossy(&empty.stderr).contains("no raw data in the last 7 days"));

    let today = chrono::Utc::now().date_naive().to_string();
    bdctl(dir.path()).args(["-q", "send", "--count", "50", "--start", &today]).assert().success();
    let lagging = bdctl(dir.path())
        .args(["-q", "status", "-o", "json"])
        .env("BDCTL_STATUS_MAX_LAG_HOURS", "1")
        .output()
        .unwrap();
    assert_eq!(lagging.status.code(), Some(1), "raw data with nothing transformed is a lag");
    bdctl(dir.path()).args(["-q", "transform"]).assert().success();
    let ok = bdctl(dir.path()).args(["-q", "status", "-o", "json"]).output().unwrap();
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let rows: Value = serde_json::from_slice(&ok.stdout).unwrap();
    let sent = rows.as_array().unwrap().iter().find(|r| r["check"] == "events sent (24 h)").unwrap();
    assert_eq!(sent["value"], 50.0);
    let cost = rows.as_array().unwrap().iter().find(|r| r["check"] == "cost per month on AWS").unwrap();
    assert!(cost["value"].as_f64().is_some_and(|usd| usd > 0.0), "{cost}");
}

/// An AWS environment pointing at `endpoint`, with static test credentials.
fn unreachable_aws(dir: &std::path::Path, endpoint: &str, extra: &str) -> assert_cmd::Command {
    std::fs::write(
        dir.join("bdctl.toml"),
        format!(
            "[env.broken]\nbackend = \"aws\"\nregion = \"us-east-1\"\nendpoint_url = \"{endpoint}\"\nraw_bucket = \"raw\"\ntransformed_bucket = \"lake\"\nmax_attempts = 2\n{extra}"
        ),
    )
    .unwrap();
    let mut cmd = bdctl(dir);
    cmd.env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_EC2_METADATA_DISABLED", "true");
    cmd
}

#[test]
fn a_refused_connection_fails_fast_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    // A port nobody listens on: bound, then closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let output = unreachable_aws(dir.path(), &format!("http://127.0.0.1:{port}"), "")
        .args(["-vvv", "partitions", "list"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The configured attempts (max_attempts = 2) and no more: a refused connection is not waited on.
    assert_eq!(stderr.matches("beginning attempt #").count(), 2, "{stderr}");
    assert_eq!(stderr.lines().filter(|l| l.starts_with("error:")).count(), 1, "{stderr}");
    assert!(stderr.contains("s3:ListObjectsV2") || stderr.contains("glue:"), "{stderr}");
    assert!(stderr.to_lowercase().contains("connection refused"), "{stderr}");
}

#[test]
fn a_server_that_never_answers_costs_the_read_timeout_per_attempt() {
    let dir = tempfile::tempdir().unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // Accepts connections and keeps them open without a word, counting them.
    let accepted = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = accepted.clone();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            held.push(stream);
        }
    });
    let output =
        unreachable_aws(dir.path(), &format!("http://127.0.0.1:{port}"), "read_timeout_seconds = 1\n")
            .args(["partitions", "list"])
            .output()
            .unwrap();
    assert_eq!(output.status.code(), Some(1));
    // Each of the configured attempts (max_attempts = 2) waited out its read timeout, then gave up.
    assert_eq!(accepted.load(std::sync::atomic::Ordering::SeqCst), 2, "one connection per attempt");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.to_lowercase().contains("timeout") || stderr.to_lowercase().contains("timed out"),
        "{stderr}"
    );
}

#[test]
fn refused_credentials_name_the_profile() {
    let dir = tempfile::tempdir().unwrap();
    let aws_dir = dir.path().join(".aws");
    std::fs::create_dir_all(&aws_dir).unwrap();
    std::fs::write(aws_dir.join("config"), "[profile other]\nregion = us-east-1\n").unwrap();
    std::fs::write(
        dir.path().join("bdctl.toml"),
        "[env.prod]\nbackend = \"aws\"\nregion = \"us-east-1\"\nendpoint_url = \"http://127.0.0.1:9\"\nraw_bucket = \"raw\"\ntransformed_bucket = \"lake\"\nmax_attempts = 1\n",
    )
    .unwrap();
    let output = bdctl(dir.path())
        .env("AWS_CONFIG_FILE", aws_dir.join("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", aws_dir.join("credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .args(["--profile", "ghost", "partitions", "list"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("the credentials of profile `ghost` were refused"), "{stderr}");
    assert!(stderr.contains("aws sso login --profile ghost"), "{stderr}");
}

#[test]
fn a_mistake_in_local_sql_is_one_plain_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let run = |sql: &str| bdctl(dir.path()).args(["-q", "query", sql]).output().unwrap();
    let typo = run("SELEC 1");
    assert_eq!(typo.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&typo.stderr).trim(),
        "error: SQL syntax: expected an SQL statement, found SELEC (line 1, column 1)"
    );
    let unknown = run("SELECT * FROM nowhere");
    assert_eq!(unknown.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(stderr.starts_with("error: SQL: ") && stderr.contains("nowhere"), "{stderr}");
    assert!(!stderr.contains("Error during planning") && stderr.lines().count() == 1, "{stderr}");
    let one = bdctl(dir.path()).args(["query", "SELECT 1 AS one"]).output().unwrap();
    assert!(one.status.success());
    assert!(
        String::from_utf8_lossy(&one.stderr).contains("\n1 row · "),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
}
