//! Ctrl-C (SIGINT) and SIGTERM in the middle of `send` and `backfill` on the local backend: what
//! was done is reported, nothing half-written stays visible, and the next run completes the rest
//! with every event exactly once.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{bdctl, files_below};

fn spawn(dir: &Path, args: &[&str]) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin("bdctl"))
        .current_dir(dir)
        .env("HOME", dir)
        .env_remove("BDCTL_HOME")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill").args([format!("-{name}"), child.id().to_string()]).status().unwrap();
    assert!(status.success());
}

/// Waits until `ready` holds (or 60 s), then sends the signal; returns the exit code and stderr.
fn interrupt_when(mut child: Child, name: &str, ready: impl Fn() -> bool) -> (Option<i32>, String) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !ready() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    signal(&child, name);
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    (status.code(), stderr)
}

/// Every event line of every raw object under `dir`, sorted; and whether a temporary file is left.
fn raw_events(dir: &Path) -> (Vec<String>, bool) {
    let files = files_below(&dir.join(".bdctl/raw"));
    let temporary = files.iter().any(|p| p.file_name().unwrap().to_string_lossy().starts_with('.'));
    let mut lines = Vec::new();
    for path in files.iter().filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.')) {
        let mut text = String::new();
        flate2::read::MultiGzDecoder::new(std::fs::File::open(path).unwrap())
            .read_to_string(&mut text)
            .unwrap();
        lines.extend(text.lines().map(str::to_string));
    }
    lines.sort();
    (lines, temporary)
}

fn number_after(text: &str, marker: &str) -> u64 {
    let at = text.find(marker).unwrap_or_else(|| panic!("`{marker}` not in: {text}"));
    text[at + marker.len()..].chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap()
}

#[test]
fn an_interrupted_send_reports_its_count_and_skip_resumes_it_exactly() {
    let events = ["--count", "6000", "--start", "2024-06-01", "--days", "1", "--seed", "5"];
    let reference = tempfile::tempdir().unwrap();
    bdctl(reference.path()).arg("-q").arg("send").args(events).assert().success();

    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["send", "--rate", "2000"];
    args.extend(events);
    let raw = dir.path().join(".bdctl/raw");
    let child = spawn(dir.path(), &args);
    let (code, stderr) = interrupt_when(child, "TERM", || !files_below(&raw).is_empty());
    assert_eq!(code, Some(130), "{stderr}");
    let delivered = number_after(&stderr, "interrupted: ");
    assert!(delivered > 0 && delivered < 6000, "{stderr}");
    assert!(stderr.contains(&format!("`--skip {delivered}`")), "{stderr}");
    let (partial, temporary) = raw_events(dir.path());
    assert!(!temporary, "no temporary file stays behind");
    assert_eq!(partial.len() as u64, delivered, "everything counted was written, nothing more");

    let skip = delivered.to_string();
    bdctl(dir.path()).args(["-q", "send", "--skip", &skip]).args(events).assert().success();
    let (all, _) = raw_events(dir.path());
    let (expected, _) = raw_events(reference.path());
    assert_eq!(all.len(), 6000);
    assert!(all == expected, "the interrupted and resumed send delivered every event exactly once");
}

#[test]
fn an_interrupted_backfill_keeps_whole_outputs_and_the_next_run_finishes() {
    let dir = tempfile::tempdir().unwrap();
    bdctl(dir.path())
        .args(["-q", "send", "--count", "30000", "--start", "2024-06-01", "--days", "2", "--seed", "9"])
        .assert()
        .success();
    let manifests = dir.path().join(".bdctl/_bdctl/manifests");
    let child = spawn(dir.path(), &["backfill", "--from", "2024-06-01", "--to", "2024-06-02", "--jobs", "1"]);
    let (code, stderr) = interrupt_when(child, "INT", || files_below(&manifests).len() >= 5);
    assert_eq!(code, Some(130), "{stderr}");
    let done = number_after(&stderr, "interrupted: ");
    let transformed = dir.path().join(".bdctl/transformed");
    let leftovers: Vec<_> = files_below(&transformed)
        .into_iter()
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "half-written files stay hidden and are removed: {leftovers:?}");
    assert_eq!(files_below(&manifests).len() as u64, done, "{stderr}");
    assert!(stderr.contains("the same backfill again transforms the other"), "{stderr}");

    let rerun = bdctl(dir.path())
        .args(["-q", "backfill", "--from", "2024-06-01", "--to", "2024-06-02", "-o", "json"])
        .output()
        .unwrap();
    assert!(rerun.status.success(), "{}", String::from_utf8_lossy(&rerun.stderr));
    let rows: serde_json::Value = serde_json::from_slice(&rerun.stdout).unwrap();
    let total = rows.as_array().unwrap().last().unwrap();
    assert_eq!(total["skipped"].as_u64(), Some(done), "{total}");
    bdctl(dir.path()).args(["-q", "crawl"]).assert().success();
    let query = bdctl(dir.path())
        .args([
            "-q",
            "query",
            "SELECT count(*) AS n, count(DISTINCT event_id) AS ids FROM events",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(query.status.success(), "{}", String::from_utf8_lossy(&query.stderr));
    let counts: serde_json::Value = serde_json::from_slice(&query.stdout).unwrap();
    assert_eq!(counts[0], serde_json::json!({"n": 30000, "ids": 30000}), "every event once");
}
